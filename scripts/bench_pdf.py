#!/usr/bin/env python3
"""Benchmark: the whole `juesuan extract` pipeline on PDFs against
`pdftotext -layout` and a pdfplumber table extraction, on the same files, in
one run. Prints pages per second for each and the ratios.

Usage: scripts/bench_pdf.py [PDF ...]   (default: the report PDFs in samples/pdf)
Needs: a release build (cargo build --release), poppler-utils (pdftotext,
pdfinfo), and pdfplumber (pip install pdfplumber). Each tool runs every file
`--repeat` times (default 5); the best total of three rounds is reported.
"""

import argparse
import glob
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def pages_of(path):
    out = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
    for line in out.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return 0


def run_juesuan(files, repeat):
    exe = os.path.join(ROOT, "target", "release", "juesuan")
    for _ in range(repeat):
        for f in files:
            subprocess.run([exe, "extract", f], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def run_pdftotext(files, repeat):
    for _ in range(repeat):
        for f in files:
            subprocess.run(["pdftotext", "-layout", f, "-"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def run_pdfplumber(files, repeat):
    # in a child process, like the others, so start-up is counted alike
    code = (
        "import sys, pdfplumber\n"
        "for f in sys.argv[1:]:\n"
        "    with pdfplumber.open(f) as pdf:\n"
        "        for p in pdf.pages:\n"
        "            p.extract_tables()\n"
    )
    for _ in range(repeat):
        subprocess.run([sys.executable, "-c", code, *files], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def best_of(fn, files, repeat, rounds=3):
    best = None
    for _ in range(rounds):
        t = time.perf_counter()
        fn(files, repeat)
        dt = time.perf_counter() - t
        best = dt if best is None else min(best, dt)
    return best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pdfs", nargs="*")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--plumber-repeat", type=int, default=1, help="pdfplumber is slow: fewer repeats, scaled")
    args = ap.parse_args()
    # default: the report PDFs in samples/pdf (real and rendered), not the tiny font cases
    files = args.pdfs or sorted(
        p for p in glob.glob(os.path.join(ROOT, "samples", "pdf", "*.pdf")) if os.path.getsize(p) > 100_000
    )
    if not files:
        sys.exit("no PDFs given and none in samples/pdf")
    pages = sum(pages_of(f) for f in files)
    print(f"{len(files)} PDFs, {pages} pages; juesuan and pdftotext x{args.repeat}, pdfplumber x{args.plumber_repeat}")
    j = best_of(run_juesuan, files, args.repeat)
    p = best_of(run_pdftotext, files, args.repeat)
    pl = best_of(run_pdfplumber, files, args.plumber_repeat, rounds=2)
    rate = lambda secs, rep: pages * rep / secs
    rj, rp, rpl = rate(j, args.repeat), rate(p, args.repeat), rate(pl, args.plumber_repeat)
    print(f"{'tool':<34}{'pages/s':>10}")
    print(f"{'juesuan extract (whole pipeline)':<34}{rj:>10.1f}")
    print(f"{'pdftotext -layout':<34}{rp:>10.1f}")
    print(f"{'pdfplumber extract_tables':<34}{rpl:>10.1f}")
    print(f"juesuan / pdftotext  = {rj / rp:.2f}x (target >= 1)")
    print(f"juesuan / pdfplumber = {rj / rpl:.1f}x (target >= 50)")


if __name__ == "__main__":
    main()
