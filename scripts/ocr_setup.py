#!/usr/bin/env python3
"""Fetch what OCR of scanned reports needs into a project-local folder.

Usage:
    python3 scripts/ocr_setup.py [DEST]        # default: .ocr/ at the repository root

Downloads two wheels from PyPI with `pip download` (nothing is installed into
any Python) and extracts three files from them into DEST:

    PP-OCRv6_det_small.onnx      text detection   (wheel rapidocr==3.10.0)
    PP-OCRv6_rec_small.onnx      text recognition (same wheel; its character
                                 dictionary is in the model's metadata)
    libonnxruntime.so.1.32.0     ONNX Runtime     (wheel onnxruntime==1.32.0)

juesuan finds DEST by itself (next to its executable's build tree or the
current directory); `--ocr-models DIR` or JUESUAN_OCR_MODELS=DIR point it
elsewhere. A machine where `pip install onnxruntime rapidocr` has been run needs
none of this: juesuan finds the files in that Python's site-packages.

Idempotent: files already present (with the expected size) are kept. The tests
(`cargo test`) run this script when DEST is incomplete, so README's test command
does the set-up on a fresh machine; .ci/run runs it first.
"""

import argparse
import glob
import os
import subprocess
import sys
import tempfile
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RAPIDOCR = "rapidocr==3.10.0"
ONNXRUNTIME = "onnxruntime==1.32.0"
# file in DEST <- (wheel name prefix, member path in the wheel)
FILES = {
    "PP-OCRv6_det_small.onnx": ("rapidocr-", "rapidocr/models/PP-OCRv6_det_small.onnx"),
    "PP-OCRv6_rec_small.onnx": ("rapidocr-", "rapidocr/models/PP-OCRv6_rec_small.onnx"),
    "libonnxruntime.so.1.32.0": ("onnxruntime-", "onnxruntime/capi/libonnxruntime.so.1.32.0"),
}


def complete(dest):
    return all(os.path.isfile(os.path.join(dest, f)) and os.path.getsize(os.path.join(dest, f)) > 0 for f in FILES)


def pip_download(spec, wheels):
    """`pip download` one wheel; for onnxruntime, retry for a common CPython
    version when this interpreter has no wheel of its own (the library inside
    is the same for every Python version)."""
    base = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "-q", "-d", wheels]
    r = subprocess.run(base + [spec])
    if r.returncode == 0:
        return
    if spec.startswith("onnxruntime"):
        for py in ("3.12", "3.11", "3.10"):
            r = subprocess.run(base + ["--python-version", py, spec])
            if r.returncode == 0:
                return
    sys.exit("ocr_setup: `pip download %s` failed (is PyPI reachable?)" % spec)


def main():
    ap = argparse.ArgumentParser(
        description="Fetch the OCR models and ONNX Runtime into a project-local folder."
    )
    ap.add_argument(
        "dest", nargs="?", default=os.path.join(ROOT, ".ocr"),
        help="where to put them (default: .ocr/ at the repository root)",
    )
    dest = os.path.abspath(ap.parse_args().dest)
    os.makedirs(dest, exist_ok=True)
    if complete(dest):
        print("ocr_setup: %s is complete" % dest)
        return
    wheels = os.path.join(dest, "wheels")
    os.makedirs(wheels, exist_ok=True)
    for spec, prefix in ((RAPIDOCR, "rapidocr-"), (ONNXRUNTIME, "onnxruntime-")):
        version = spec.split("==")[1]
        if not glob.glob(os.path.join(wheels, "%s%s-*.whl" % (prefix, version))):
            print("ocr_setup: pip download %s" % spec, flush=True)
            pip_download(spec, wheels)
    for name, (prefix, member) in FILES.items():
        target = os.path.join(dest, name)
        if os.path.isfile(target) and os.path.getsize(target) > 0:
            continue
        found = sorted(glob.glob(os.path.join(wheels, prefix + "*.whl")))
        if not found:
            sys.exit("ocr_setup: no %s wheel in %s" % (prefix, wheels))
        with zipfile.ZipFile(found[-1]) as z:
            # write to a temporary name first: a reader never sees half a file
            fd, tmp = tempfile.mkstemp(dir=dest)
            with os.fdopen(fd, "wb") as out, z.open(member) as src:
                while True:
                    b = src.read(1 << 20)
                    if not b:
                        break
                    out.write(b)
            os.chmod(tmp, 0o644)
            os.replace(tmp, target)
    print("ocr_setup: %s ready (%s)" % (dest, ", ".join(sorted(FILES))))


if __name__ == "__main__":
    main()
