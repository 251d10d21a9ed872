#!/usr/bin/env python3
"""Unruled twins of real PDFs: the same file with every painted path removed.

Usage:
    python3 scripts/make_unruled_twins.py [PDF ...] [-o DIR]

Defaults: every PDF in samples/real/ that has tables drawn in its text layer
(not the scanned one nor the prose-only one) and the four real reports in
samples/pdf/ with golden files, written to samples/unruled/real/<name>.pdf.

Each page's content streams (and those of the form XObjects it draws) are
rewritten without the path operators that paint: a path built with
m/l/c/v/y/h/re and painted by S, s, f, F, f*, B, B*, b or b* is dropped, so
table borders, cell rules and cell shading disappear while the text, its
positions, fonts and clipping paths (a path ended by W n) stay exactly as they
were. The original file is then the ruled twin of its unruled copy: juesuan
must read the same tables, cell by cell, from both.

Needs `pip install pikepdf`. The outputs are committed, so the tests need no
Python. Output is deterministic for a given pikepdf/qpdf version (no /ID or
dates are added; object streams are kept as qpdf writes them).
"""

import argparse
import os
import sys

import pikepdf

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PAINT = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*"}
BUILD = {"m", "l", "c", "v", "y", "h", "re"}
CLIP = {"W", "W*"}

# no tables to lose their rulings: an image-only scan, the prose half of a report
SKIP = {
    "budget-2026-beijing-govservice-data-scan.pdf",
    "budget-2026-beijing-finance-bureau-narrative.pdf",
}
DEFAULT_INPUTS = [
    os.path.join(ROOT, "samples", "pdf", n + ".pdf")
    for n in (
        "final-2024-putuo-finance-bureau",
        "final-2024-putuo-social-work-dept",
        "final-2024-shanghai-template",
        "budget-2025-putuo-commerce-commission",
    )
]


def strip_paths(ops):
    """The operators of a content stream without painted paths."""
    out = []
    path = []  # the path under construction: kept back until we know its fate
    for operands, op in ops:
        name = str(op)
        if name in BUILD:
            path.append((operands, op))
        elif name in CLIP:
            path.append((operands, op))
        elif name in PAINT:
            clip = [p for p in path if str(p[1]) in CLIP]
            if clip:
                # a clip and a paint in one: keep the clip, end it with n
                out.extend(p for p in path)
                out.append(([], pikepdf.Operator("n")))
            path = []
        elif name == "n":
            out.extend(path)
            out.append((operands, op))
            path = []
        else:
            out.extend(path)
            path = []
            out.append((operands, op))
    out.extend(path)
    return out


def rewrite(pdf, obj, seen):
    """Rewrites a page or form XObject and the forms it draws."""
    res = obj.get("/Resources")
    if res is not None:
        xo = res.get("/XObject")
        if xo is not None:
            for _, x in xo.items():
                if not isinstance(x, pikepdf.Stream):
                    continue
                if x.get("/Subtype") != "/Form":
                    continue
                key = x.objgen
                if key in seen:
                    continue
                seen.add(key)
                rewrite(pdf, x, seen)
    ops = pikepdf.parse_content_stream(obj)
    data = pikepdf.unparse_content_stream(strip_paths(ops))
    if isinstance(obj, pikepdf.Page):
        obj.obj.Contents = pdf.make_stream(data)
    else:
        obj.write(data)


def twin(src, dst):
    with pikepdf.open(src) as pdf:
        seen = set()
        for page in pdf.pages:
            rewrite(pdf, page, seen)
        pdf.remove_unreferenced_resources()
        pdf.save(dst, deterministic_id=True, compress_streams=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("inputs", nargs="*")
    ap.add_argument("-o", "--out", default=os.path.join(ROOT, "samples", "unruled", "real"))
    args = ap.parse_args()
    inputs = args.inputs or sorted(
        os.path.join(ROOT, "samples", "real", n)
        for n in os.listdir(os.path.join(ROOT, "samples", "real"))
        if n.endswith(".pdf") and n not in SKIP
    ) + DEFAULT_INPUTS
    os.makedirs(args.out, exist_ok=True)
    for src in inputs:
        dst = os.path.join(args.out, os.path.basename(src))
        try:
            twin(src, dst)
        except Exception as e:  # a file pikepdf cannot rewrite is reported, not fatal
            print("%s: %s" % (src, e), file=sys.stderr)
            continue
        print("%s -> %s" % (os.path.relpath(src, ROOT), os.path.relpath(dst, ROOT)))


if __name__ == "__main__":
    main()
