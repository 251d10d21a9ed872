#!/usr/bin/env python3
"""Cells right on borderless tables: juesuan, pdfplumber and camelot, one run.

Usage:
    python3 scripts/bench_unruled.py [--bin target/release/juesuan] [--no-camelot] [NAME ...]

The files are the unruled twins of samples/unruled/ (real reports without
their rulings, and the bundled sample drawn without rulings in layout
variants); the truth is each one's NAME.expected.txt, what its ruled twin
reads as, checked against the page images. For every tool the table rows it
gives on each page are matched to the expected table rows (lines of two or
more cells) by their text, and each of its tables gets the one-to-one
mapping of its columns onto the expected columns that agrees on most cells
(so a tool is not penalised for numbering its columns differently); a
filled expected cell is right when the mapped cell has the same text
(whitespace and thousand separators ignored, full-width forms folded).

Tools: juesuan (`juesuan lines`), pdfplumber `extract_tables()` with its
default (ruling-line) strategy and with the text strategy, camelot
`read_pdf(flavor="stream")`. Prints cells right per file and tool, as a
percentage of the filled expected cells, and the totals. Needs
`pip install pdfplumber camelot-py`. A benchmark, not a test: nothing here
is timed or asserted.
"""

import argparse
import difflib
import os
import subprocess
import sys
import time
import unicodedata
import warnings

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
U = os.path.join(ROOT, "samples", "unruled")


def norm(s):
    s = unicodedata.normalize("NFKC", s or "")
    return "".join(ch for ch in s if not ch.isspace() and ch != ",")


def expected_rows(path):
    """{page: [cells]} of the table rows of a `lines` text."""
    pages, page = {}, 0
    with open(path, encoding="utf-8") as f:
        for ln in f.read().split("\n"):
            if ln.startswith("=== page "):
                page = int(ln[9:])
                continue
            if ln:
                pages.setdefault(page, []).append(ln.split("\t"))
    return pages


def juesuan_tables(binary, pdf):
    out = subprocess.run([binary, "lines", pdf], capture_output=True, text=True).stdout
    pages, page = {}, 0
    for ln in out.split("\n"):
        if ln.startswith("=== page "):
            page = int(ln[9:])
            continue
        if ln:
            # one "table" per page: its lines keep their column indices
            pages.setdefault(page, [[]])[0].append(ln.split("\t"))
    return pages


def plumber_tables(pdf, text):
    import pdfplumber

    opts = {"vertical_strategy": "text", "horizontal_strategy": "text"} if text else {}
    pages = {}
    with pdfplumber.open(pdf) as doc:
        for i, p in enumerate(doc.pages, 1):
            try:
                ts = p.extract_tables(opts)
            except Exception:
                ts = []
            pages[i] = [[[c or "" for c in row] for row in t] for t in ts]
    return pages


def camelot_tables(pdf):
    import camelot

    pages = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            ts = camelot.read_pdf(pdf, pages="all", flavor="stream")
        except Exception as e:
            print("  camelot failed on %s: %s" % (pdf, e), file=sys.stderr)
            return pages
    for t in ts:
        rows = [[str(c) for c in r] for r in t.df.values.tolist()]
        pages.setdefault(int(t.page), []).append(rows)
    return pages


def score(truth, tool):
    """(right, total) over the filled cells of the expected table rows."""
    right = total = 0
    for page, want in truth.items():
        rows = [r for r in want if len(r) >= 2]
        total += sum(1 for r in rows for c in r if c.strip())
        tables = tool.get(page, [])
        # every tool row, with its table
        have = [(ti, r) for ti, t in enumerate(tables) for r in t]
        ka = ["".join(norm(c) for c in r) for r in rows]
        kb = ["".join(norm(c) for c in r) for _, r in have]
        sm = difflib.SequenceMatcher(None, ka, kb, autojunk=False)
        pairs = [(b.a + k, b.b + k) for b in sm.get_matching_blocks() for k in range(b.size)]
        # column mapping per tool table: most agreeing first, one to one
        votes = {}
        for i, j in pairs:
            ti, r = have[j]
            for k, c in enumerate(rows[i]):
                if not c.strip():
                    continue
                for m, d in enumerate(r):
                    if norm(d) == norm(c):
                        votes[(ti, k, m)] = votes.get((ti, k, m), 0) + 1
        mapping, used = {}, set()
        for (ti, k, m), n in sorted(votes.items(), key=lambda x: -x[1]):
            if (ti, k) in mapping or (ti, m) in used:
                continue
            mapping[(ti, k)] = m
            used.add((ti, m))
        for i, j in pairs:
            ti, r = have[j]
            for k, c in enumerate(rows[i]):
                if not c.strip():
                    continue
                m = mapping.get((ti, k))
                if m is not None and m < len(r) and norm(r[m]) == norm(c):
                    right += 1
    return right, total


def files(names):
    out = []
    real = os.path.join(U, "real")
    sample = os.path.join(U, "sample")
    for n in sorted(os.listdir(sample)):
        if n.endswith(".unruled.pdf"):
            v = n[: -len(".unruled.pdf")]
            out.append(("sample/" + v, os.path.join(sample, n), os.path.join(sample, v + ".expected.txt")))
    for n in sorted(os.listdir(real)):
        if n.endswith(".pdf"):
            v = n[:-4]
            out.append(("real/" + v, os.path.join(real, n), os.path.join(real, v + ".expected.txt")))
    if names:
        out = [f for f in out if any(n in f[0] for n in names)]
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "juesuan"))
    ap.add_argument("--no-camelot", action="store_true", help="leave camelot out (it is slow)")
    ap.add_argument("names", nargs="*", help="only files whose name contains one of these")
    args = ap.parse_args()
    tools = [
        ("juesuan", lambda p: juesuan_tables(args.bin, p)),
        ("plumber-lines", lambda p: plumber_tables(p, False)),
        ("plumber-text", lambda p: plumber_tables(p, True)),
    ]
    if not args.no_camelot:
        try:
            import camelot  # noqa: F401

            tools.append(("camelot-stream", camelot_tables))
        except ImportError:
            print("camelot is not installed (pip install camelot-py): left out", file=sys.stderr)
    totals = {t: [0, 0] for t, _ in tools}
    secs = {t: 0.0 for t, _ in tools}
    print("%-58s %s" % ("file (filled expected cells)", "  ".join("%14s" % t for t, _ in tools)))
    for name, pdf, exp in files(args.names):
        truth = expected_rows(exp)
        cols = []
        for t, f in tools:
            t0 = time.time()
            got = f(pdf)
            secs[t] += time.time() - t0
            r, n = score(truth, got)
            totals[t][0] += r
            totals[t][1] += n
            cols.append("%13.2f%%" % (100.0 * r / max(1, n)))
        print("%-58s %s" % ("%s (%d)" % (name, n), "  ".join(cols)), flush=True)
    print(
        "%-58s %s"
        % (
            "TOTAL (%d)" % totals["juesuan"][1],
            "  ".join("%13.2f%%" % (100.0 * r / max(1, n)) for r, n in totals.values()),
        )
    )
    print("seconds: " + ", ".join("%s %.1f" % (t, s) for t, s in secs.items()))


if __name__ == "__main__":
    main()
