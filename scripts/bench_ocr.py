#!/usr/bin/env python3
"""Seconds per page reading scans: juesuan, RapidOCR's Python pipeline and
tesseract on the same pages, in one run.

Usage:
    python3 scripts/bench_ocr.py [--bin target/release/juesuan] [PDF ...]

Default files: the scanned twins of samples/scans/ and the real scanned
budget samples/real/budget-2026-beijing-govservice-data-scan.pdf.

- juesuan: `juesuan lines FILE` (the whole read: page images, deskew,
  rulings, PP-OCRv6 det + rec, layout), wall time over the file's pages;
- RapidOCR (`pip install rapidocr onnxruntime`; the same PP-OCRv6 small
  models): its pipeline on each page's embedded image (`pdfimages -j`), the
  engine created once beforehand;
- tesseract `chi_sim` on the same images, where installed.

A tool that is not installed is reported as such. A benchmark, not a test:
nothing is asserted. Times depend on the machine and its load; run it on an
idle one.
"""

import argparse
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def pages_of(pdf):
    out = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    for line in out.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return 1


def images_of(pdf, tmp):
    prefix = os.path.join(tmp, os.path.basename(pdf))
    subprocess.run(["pdfimages", "-j", pdf, prefix], check=True)
    return sorted(glob.glob(prefix + "-*"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "juesuan"))
    ap.add_argument("pdfs", nargs="*")
    a = ap.parse_args()
    pdfs = a.pdfs or sorted(glob.glob(os.path.join(ROOT, "samples", "scans", "*.pdf"))) + [
        os.path.join(ROOT, "samples", "real", "budget-2026-beijing-govservice-data-scan.pdf")
    ]
    try:
        from rapidocr import RapidOCR  # noqa: F401

        rapid = RapidOCR()
    except Exception as e:  # not installed, or no models
        rapid = None
        print("RapidOCR: not available (%s)" % e.__class__.__name__)
    tess = shutil.which("tesseract")
    if not tess:
        print("tesseract: not installed")
    totals = {}
    print("%-60s %6s %10s %10s %10s" % ("file", "pages", "juesuan", "rapidocr", "tesseract"))
    with tempfile.TemporaryDirectory() as tmp:
        for pdf in pdfs:
            n = pages_of(pdf)
            row = {}
            t = time.time()
            subprocess.run([a.bin, "lines", pdf], capture_output=True)
            row["juesuan"] = (time.time() - t) / n
            imgs = images_of(pdf, tmp)
            if rapid is not None:
                t = time.time()
                for img in imgs:
                    rapid(img)
                row["rapidocr"] = (time.time() - t) / max(1, len(imgs))
            if tess:
                t = time.time()
                for img in imgs:
                    subprocess.run([tess, img, "-", "-l", "chi_sim"], capture_output=True)
                row["tesseract"] = (time.time() - t) / max(1, len(imgs))
            for k, v in row.items():
                totals.setdefault(k, []).append((v, n))
            fmt = lambda k: ("%8.2f s" % row[k]) if k in row else "%10s" % "-"
            print("%-60s %6d %s %s %s" % (os.path.relpath(pdf, ROOT), n, fmt("juesuan"), fmt("rapidocr"), fmt("tesseract")))
    for k, vs in totals.items():
        pages = sum(n for _, n in vs)
        print("%s: %.2f s/page over %d pages" % (k, sum(v * n for v, n in vs) / pages, pages))


if __name__ == "__main__":
    sys.exit(main())
