#!/usr/bin/env python3
"""Cells right on unruled twins: juesuan's lines of a twin against its ruled original.

Usage:
    python3 scripts/twin_score.py [--bin target/release/juesuan] [-v] [NAME ...]

For every PDF in samples/unruled/real/ (or the NAMEs given), runs
`juesuan lines` on the original (samples/real/ or samples/pdf/) and on the
unruled twin, aligns the two by page and line text, and counts the filled
cells of the original's table rows (lines of two or more cells) that the twin
gives with the same text in the same column. Prints one line per file and the
total; -v also prints the rows that differ. A diagnostic for development, not
a test: tests/unruled.rs checks the committed expected outputs exactly.
"""

import argparse
import difflib
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def lines_of(binary, path):
    out = subprocess.run([binary, "lines", path], capture_output=True, text=True).stdout
    pages = {}
    page = 0
    for ln in out.split("\n"):
        if ln.startswith("=== page "):
            page = int(ln[9:])
            continue
        if ln == "":
            continue
        pages.setdefault(page, []).append(ln.split("\t"))
    return pages


def score(ruled, unruled, verbose, name):
    right = total = rows_ok = rows = 0
    for page in sorted(set(ruled) | set(unruled)):
        a = ruled.get(page, [])
        b = unruled.get(page, [])
        ka = ["".join(r) for r in a]
        kb = ["".join(r) for r in b]
        match = {}
        sm = difflib.SequenceMatcher(None, ka, kb, autojunk=False)
        for blk in sm.get_matching_blocks():
            for k in range(blk.size):
                match[blk.a + k] = blk.b + k
        for i, r in enumerate(a):
            if len(r) < 2:
                continue
            filled = [(j, c) for j, c in enumerate(r) if c.strip()]
            total += len(filled)
            rows += 1
            j = match.get(i)
            got = b[j] if j is not None else None
            ok = 0
            if got is not None:
                ok = sum(1 for k, c in filled if k < len(got) and got[k] == c)
            right += ok
            if got is not None and got == r:
                rows_ok += 1
            elif verbose:
                print("  %s p%d: want %s" % (name, page, "|".join(r)))
                print("  %s p%d:  got %s" % (name, page, "|".join(got) if got else "(no line)"))
    return right, total, rows_ok, rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "juesuan"))
    ap.add_argument("--dir", default=os.path.join(ROOT, "samples", "unruled", "real"))
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--pairs", metavar="DIR", help="compare DIR/NAME.unruled.pdf with DIR/NAME.ruled.pdf")
    ap.add_argument("names", nargs="*")
    args = ap.parse_args()
    if args.pairs:
        names = args.names or sorted(n[: -len(".unruled.pdf")] for n in os.listdir(args.pairs) if n.endswith(".unruled.pdf"))
    else:
        names = args.names or sorted(n[:-4] for n in os.listdir(args.dir) if n.endswith(".pdf"))
    T = [0, 0, 0, 0]
    for n in names:
        if args.pairs:
            orig = os.path.join(args.pairs, n + ".ruled.pdf")
            twin = os.path.join(args.pairs, n + ".unruled.pdf")
        else:
            orig = os.path.join(ROOT, "samples", "real", n + ".pdf")
            if not os.path.exists(orig):
                orig = os.path.join(ROOT, "samples", "pdf", n + ".pdf")
            twin = os.path.join(args.dir, n + ".pdf")
        r = score(lines_of(args.bin, orig), lines_of(args.bin, twin), args.verbose, n)
        T = [x + y for x, y in zip(T, r)]
        if r[1]:
            print("%-52s cells %5d/%5d %6.2f%%  rows %4d/%4d" % (n, r[0], r[1], 100.0 * r[0] / r[1], r[2], r[3]))
    if T[1]:
        print("%-52s cells %5d/%5d %6.2f%%  rows %4d/%4d" % ("TOTAL", T[0], T[1], 100.0 * T[0] / T[1], T[2], T[3]))


if __name__ == "__main__":
    sys.exit(main())
