#!/usr/bin/env python3
"""Scanned twins: pages of text-layer PDFs turned into image-only PDFs, as a
county office's scanner would make them, for the OCR tests (tests/ocr.rs).

Usage:
    python3 scripts/make_scan_twins.py [OUT_DIR]     # default: samples/scans
    python3 scripts/make_scan_twins.py --whole OUT_DIR [--dpi N] [--deg X]
        [--colour | --grey] [--sigma S] [--quality Q] SRC.pdf ...

`--whole` scans every page of each SRC.pdf into OUT_DIR/NAME.pdf (same
name), for measuring whole reports read by OCR against their text layer
with `scripts/twin_json.py --dir OUT_DIR NAME ...` (not committed: a whole
report's scan is megabytes and takes minutes to read). By default the
sources alternate between 200 dpi grey turned 0.6° and 150 dpi colour turned
-0.5° with a seal on page 3; the options set one variant for all of them
(colour always with the seal), to measure other scanners' settings.

Each twin takes a few table pages of a PDF whose text layer is read exactly
(the bundled sample and real reports with golden files), rasterises them with
pdftoppm at 150-200 dpi, turns them by a fraction of a degree, adds sensor
noise (and on one page a red seal stamped over the figures), and writes them
as JPEG images, one per page, into a PDF with no text at all (DCTDecode, as
scanners write). The test reads each twin by OCR and scores its table cells
against the text-layer reading of the same pages.

Deterministic: a fixed random seed per twin, so re-running gives the same
files. Needs pdftoppm (poppler-utils), Pillow and numpy.
"""

import io
import math
import os
import subprocess
import sys
import tempfile

import numpy as np
from PIL import Image, ImageDraw

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# name, source PDF, its pages, dpi, colour, degrees turned, noise sigma,
# JPEG quality, page index (0-based) with a red seal or None
TWINS = [
    ("huairen-gongxin-2024", "samples/pdf/huairen-gongxin-2024.pdf", [5, 7, 11], 200, False, 0.7, 3.0, 60, None),
    ("final-2024-putuo-finance-bureau", "samples/pdf/final-2024-putuo-finance-bureau.pdf", [6, 8, 12], 150, True, -0.5, 3.0, 60, 0),
    ("budget-2026-beijing-hrss-tables", "samples/real/budget-2026-beijing-hrss-tables.pdf", [4, 5], 180, False, 0.3, 3.0, 60, None),
]


def render(pdf, page, dpi, colour):
    args = ["pdftoppm", "-f", str(page), "-l", str(page), "-r", str(dpi)]
    if not colour:
        args.append("-gray")
    out = subprocess.run(args + [pdf], check=True, capture_output=True).stdout
    return Image.open(io.BytesIO(out)).convert("RGB" if colour else "L")


def seal(img, rng):
    """A red seal (ring, star, ring of marks) multiplied over the page's
    middle, where the figures are."""
    w, h = img.size
    r = int(min(w, h) * 0.12)
    cx, cy = int(w * 0.62), int(h * 0.35)
    layer = Image.new("RGB", img.size, (255, 255, 255))
    d = ImageDraw.Draw(layer)
    red = (225, 40, 40)
    d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=red, width=max(3, r // 14))
    pts = []
    for k in range(10):
        a = -math.pi / 2 + k * math.pi / 5
        rr = r * (0.32 if k % 2 == 0 else 0.13)
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    d.polygon(pts, fill=red)
    for k in range(18):
        a = math.pi * (0.85 + 1.3 * k / 17)
        x, y = cx + 0.75 * r * math.cos(a), cy + 0.75 * r * math.sin(a)
        s = r * 0.07
        d.rectangle([x - s, y - s, x + s, y + s], fill=red)
    a = np.asarray(img, dtype=np.float32) * np.asarray(layer, dtype=np.float32) / 255.0
    # ink of a real stamp is uneven
    a += rng.normal(0, 3, a.shape)
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


def scan(img, deg, sigma, rng):
    fill = (255, 255, 255) if img.mode == "RGB" else 255
    img = img.rotate(deg, resample=Image.BICUBIC, fillcolor=fill)
    a = np.asarray(img, dtype=np.float32)
    a = a * 0.93 + 12  # paper not quite white, ink not quite black
    a += rng.normal(0, sigma, a.shape)
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


def whole(out_dir, sources, variant=None):
    """Every page of each source, turned and noisy: 200 dpi grey (150 dpi
    colour with a seal on its third page for every other source), or all as
    `variant` says (dict of dpi, deg, colour, sigma, quality)."""
    os.makedirs(out_dir, exist_ok=True)
    for k, src in enumerate(sources):
        rng = np.random.default_rng(2000 + k)
        info = subprocess.run(["pdfinfo", src], check=True, capture_output=True, text=True).stdout
        n = int(next(l.split()[-1] for l in info.splitlines() if l.startswith("Pages:")))
        colour = k % 2 == 1
        dpi, deg = (150, -0.5) if colour else (200, 0.6)
        sigma, quality = 3.0, 60
        if variant:
            colour = variant.get("colour", colour)
            dpi = variant.get("dpi", dpi)
            deg = variant.get("deg", deg)
            sigma = variant.get("sigma", sigma)
            quality = variant.get("quality", quality)
        imgs = []
        for p in range(1, n + 1):
            img = render(src, p, dpi, colour)
            if colour and p == 3:
                img = seal(img.convert("RGB"), rng)
            img = scan(img, deg, sigma, rng)
            buf = io.BytesIO()
            img.save(buf, "JPEG", quality=quality)
            imgs.append(Image.open(io.BytesIO(buf.getvalue())))
        target = os.path.join(out_dir, os.path.basename(src))
        imgs[0].save(target, "PDF", resolution=float(dpi), save_all=True, append_images=imgs[1:], quality=quality)
        print("%s: %d pages, %d dpi, %.1f deg, %s" % (target, n, dpi, deg, "colour" if colour else "grey"))


def whole_args(args):
    """`OUT_DIR [options] SRC ...` of `--whole`: (out_dir, sources, variant)."""
    out_dir, rest = args[0], args[1:]
    variant, sources, i = {}, [], 0
    kinds = {"--dpi": ("dpi", int), "--deg": ("deg", float), "--sigma": ("sigma", float), "--quality": ("quality", int)}
    while i < len(rest):
        a = rest[i]
        if a in kinds:
            key, conv = kinds[a]
            variant[key] = conv(rest[i + 1])
            i += 2
            continue
        if a in ("--colour", "--grey"):
            variant["colour"] = a == "--colour"
        else:
            sources.append(a)
        i += 1
    return out_dir, sources, variant or None


def main():
    if len(sys.argv) > 2 and sys.argv[1] == "--whole":
        return whole(*whole_args(sys.argv[2:]))
    out_dir = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "samples", "scans"))
    os.makedirs(out_dir, exist_ok=True)
    for seed, (name, src, pages, dpi, colour, deg, sigma, quality, sealed) in enumerate(TWINS):
        rng = np.random.default_rng(1000 + seed)
        imgs = []
        for i, p in enumerate(pages):
            img = render(os.path.join(ROOT, src), p, dpi, colour)
            if sealed == i:
                img = seal(img.convert("RGB"), rng)
            img = scan(img, deg, sigma, rng)
            # through JPEG once, as the scanner saves it
            buf = io.BytesIO()
            img.save(buf, "JPEG", quality=quality)
            imgs.append(Image.open(io.BytesIO(buf.getvalue())))
        target = os.path.join(out_dir, name + ".scan.pdf")
        with tempfile.NamedTemporaryFile(dir=out_dir, suffix=".pdf", delete=False) as t:
            tmp = t.name
        imgs[0].save(tmp, "PDF", resolution=float(dpi), save_all=True, append_images=imgs[1:], quality=quality)
        os.replace(tmp, target)
        print("%s: pages %s of %s, %d dpi, %.1f deg, %d KB" % (os.path.relpath(target, ROOT), pages, src, dpi, deg, os.path.getsize(target) // 1024))


if __name__ == "__main__":
    main()
