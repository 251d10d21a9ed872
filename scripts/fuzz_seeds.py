#!/usr/bin/env python3
"""Seed corpora for the fuzz targets, from samples/ (written under
fuzz/corpus/<target>/, which git ignores).

- pdf_file: the small sample PDFs as they are;
- pdf_content: the decompressed page content streams of the sample PDFs;
- pdf_fonts: their ToUnicode maps and TrueType programs, in the target's
  `cmap \\0\\xFF truetype \\0\\xFF glyph names` form;
- text_ingest, pipeline_text: samples/*.md, the same report as markdown pipe
  and HTML tables, and the text `juesuan lines` reads from the sample PDFs
  (when a release build is there).

Usage: scripts/fuzz_seeds.py   (from anywhere; standard library only)
"""
import hashlib
import pathlib
import re
import subprocess
import zlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"
PDFS = sorted(
    p
    for d in ("samples/pdf", "samples/real", "samples/not-reports")
    for p in (ROOT / d).glob("*.pdf")
)
SMALL = [p for p in PDFS if p.stat().st_size <= 400_000]


def put(target, data):
    d = CORPUS / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()).write_bytes(data)


def streams(pdf):
    """Decompressed FlateDecode streams of a PDF (best effort)."""
    raw = pdf.read_bytes()
    for m in re.finditer(rb"stream\r?\n", raw):
        head = raw[max(0, m.start() - 400) : m.start()]
        if b"FlateDecode" not in head[head.rfind(b"<<") :]:
            continue
        end = raw.find(b"endstream", m.end())
        if end < 0:
            continue
        try:
            yield zlib.decompressobj().decompress(raw[m.end() : end], 4 << 20)
        except zlib.error:
            continue


def main():
    for p in SMALL:
        put("pdf_file", p.read_bytes())
    cmaps, fonts, contents = [], [], []
    for p in PDFS:
        for s in streams(p):
            if b"begincmap" in s:
                cmaps.append(s)
            elif s[:4] in (b"\x00\x01\x00\x00", b"true", b"OTTO"):
                fonts.append(s)
            elif b"BT" in s and (b"Tj" in s or b"TJ" in s):
                contents.append(s)
    for s in sorted(contents, key=len)[:60]:
        put("pdf_content", s[:65536])
    names = b"uni4E2D zero one two period uni4E2D4E2E g12 A"
    for i, c in enumerate(sorted(cmaps, key=len)[:30]):
        font = sorted(fonts, key=len)[i % len(fonts)] if fonts else b""
        put("pdf_fonts", c + b"\0\xff" + font[:200_000] + b"\0\xff" + names)
    for f in sorted(fonts, key=len)[:10]:
        put("pdf_fonts", b"\0\xff" + f[:200_000] + b"\0\xff")

    text = (ROOT / "samples/huairen-gongxin-2024.md").read_bytes()
    texts = [text]
    lines = text.decode("utf-8").split("\n")
    pipe = "\n".join("| " + l.replace("\t", " | ") + " |" if "\t" in l else l for l in lines)
    html = "\n".join(
        "<table><tr><td>" + l.replace("\t", "</td><td>") + "</td></tr></table>" if "\t" in l else l
        for l in lines
    )
    texts += [pipe.encode(), html.encode(), text.decode("utf-8").encode("gb18030")]
    exe = ROOT / "target/release/juesuan"
    if exe.exists():
        for p in SMALL:
            out = subprocess.run([exe, "lines", p], capture_output=True).stdout
            if out:
                texts.append(out)
    for t in texts:
        put("text_ingest", t)
        put("pipeline_text", t)
    for t in sorted(CORPUS.iterdir()):
        print(f"{t.name}: {len(list(t.iterdir()))} seeds")


if __name__ == "__main__":
    main()
