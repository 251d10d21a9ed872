#!/usr/bin/env python3
"""JSON cells right on unruled twins: `juesuan extract` of a twin against its ruled original.

Usage:
    python3 scripts/twin_json.py [--bin target/release/juesuan] [-v] [NAME ...]

For every PDF in samples/unruled/real/ (or the NAMEs given), extracts the
original (samples/real/ or samples/pdf/) and the unruled twin and compares
every leaf value of `tables` and `performance` (amounts, labels, codes) by
its path in the JSON. Prints cells right per file and in total, and the
findings of severity `error` each gives. A diagnostic for development.
"""

import argparse
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def extract(binary, path):
    p = subprocess.run([binary, "extract", path], capture_output=True, text=True)
    if p.returncode != 0 or not p.stdout.strip():
        return None
    return json.loads(p.stdout)


def leaves(v, path, out):
    if isinstance(v, dict):
        for k, x in v.items():
            if k in ("pages", "page", "bbox", "where", "source"):
                continue
            leaves(x, path + "/" + k, out)
    elif isinstance(v, list):
        for i, x in enumerate(v):
            leaves(x, path + "/" + str(i), out)
    else:
        out[path] = v


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "juesuan"))
    ap.add_argument("--dir", default=os.path.join(ROOT, "samples", "unruled", "real"))
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("names", nargs="*")
    args = ap.parse_args()
    names = args.names or sorted(n[:-4] for n in os.listdir(args.dir) if n.endswith(".pdf"))
    R = T = 0
    for n in names:
        orig = os.path.join(ROOT, "samples", "real", n + ".pdf")
        if not os.path.exists(orig):
            orig = os.path.join(ROOT, "samples", "pdf", n + ".pdf")
        a = extract(args.bin, orig)
        b = extract(args.bin, os.path.join(args.dir, n + ".pdf"))
        if a is None:
            continue
        la, lb = {}, {}
        leaves({"tables": a["tables"], "performance": a["performance"]}, "", la)
        if b is not None:
            leaves({"tables": b["tables"], "performance": b["performance"]}, "", lb)
        right = sum(1 for k, v in la.items() if lb.get(k, object()) == v)
        R += right
        T += len(la)
        ea = sum(1 for f in a["findings"] if f.get("severity") == "error")
        eb = sum(1 for f in (b or {"findings": []})["findings"] if f.get("severity") == "error")
        print("%-52s cells %5d/%5d %6.2f%%  tables %2d/%2d  errors %d/%d" % (
            n, right, len(la), 100.0 * right / max(1, len(la)),
            len(b["tables"]) if b else 0, len(a["tables"]), eb, ea))
        if args.verbose:
            for k, v in la.items():
                if lb.get(k, object()) != v:
                    print("   %s: want %r got %r" % (k, v, lb.get(k)))
    print("%-52s cells %5d/%5d %6.2f%%" % ("TOTAL", R, T, 100.0 * R / max(1, T)))


if __name__ == "__main__":
    sys.exit(main())
