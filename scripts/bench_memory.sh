#!/usr/bin/env bash
# Memory under hostile and huge inputs: each is run through the release
# binary with the default bounds; prints the outcome (document or failure
# kind), seconds and peak RSS, and fails when a run's peak passes the
# documented limit (--max-memory, default 2048 MB per file).
#   bomb-1g.pdf     a 1 MB PDF whose content stream inflates to 1 GiB
#   pages-2000.pdf  2,000 pages of 40 text rows
#   glyphs-2m.pdf   one page showing one string of 2 million glyphs
#   cells-8m.md     8 MB of one-character tab-separated cells
#   spans.html      20,000 rows of <td colspan=1024>
#   text-400m.md    the sample repeated to 400 MB (refused before reading on)
# Usage: scripts/bench_memory.sh   (needs a release build, python3 and
# /usr/bin/time, Debian package `time`)
set -euo pipefail
cd "$(dirname "$0")/.."
exe=$PWD/target/release/juesuan
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp" <<'PY'
import sys, zlib, pathlib
out = pathlib.Path(sys.argv[1])

def pdf(objs):
    b = bytearray(b"%PDF-1.7\n")
    offs = []
    for i, o in enumerate(objs):
        offs.append(len(b))
        b += f"{i + 1} 0 obj\n".encode() + o + b"\nendobj\n"
    x = len(b)
    b += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    b += b"".join(f"{o:010} 00000 n \n".encode() for o in offs)
    b += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{x}\n%%EOF\n".encode()
    return bytes(b)

def stream(data, flate=True):
    d = b"/Filter /FlateDecode " if flate else b""
    return b"<< " + d + f"/Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream"

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"

def one_page(content):
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
                stream(content), FONT])

c = zlib.compressobj(9)
bomb = b"".join(c.compress(b" " * (1 << 20)) for _ in range(1024)) + c.flush()
(out / "bomb-1g.pdf").write_bytes(one_page(bomb))
(out / "glyphs-2m.pdf").write_bytes(one_page(zlib.compress(b"BT /F1 1 Tf 10 10 Td (" + b"a1" * 1000000 + b") Tj ET", 9)))
n = 2000
objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{' '.join(f'{3 + 2 * i} 0 R' for i in range(n))}] /Count {n} >>".encode()]
for i in range(n):
    rows = "".join(f"BT /F1 9 Tf 50 {800 - 12 * r} Td (2080{r:03d} Item {i}-{r}) Tj 300 0 Td ({i}.{r:02d}) Tj ET\n" for r in range(40))
    objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 {3 + 2 * n} 0 R >> >> /Contents {4 + 2 * i} 0 R >>".encode())
    objs.append(stream(zlib.compress(rows.encode())))
objs.append(FONT)
(out / "pages-2000.pdf").write_bytes(pdf(objs))
(out / "cells-8m.md").write_text("合计\t" + ("\t".join(["1"] * 40) + "\n") * 100000)
(out / "spans.html").write_text("<table>" + "<tr><td colspan=1024></td></tr>" * 20000 + "</table>")
sample = pathlib.Path("samples/huairen-gongxin-2024.md").read_bytes()
with open(out / "text-400m.md", "wb") as f:
    for _ in range(400 * (1 << 20) // len(sample)):
        f.write(sample)
PY
limit_mb=2048
printf '%-16s %9s  %-26s %8s %9s\n' input size outcome seconds peak_MB
fail=0
for f in bomb-1g.pdf pages-2000.pdf glyphs-2m.pdf cells-8m.md spans.html text-400m.md; do
  set +e
  /usr/bin/time -f "%e %M" -o "$tmp/t" "$exe" extract "$tmp/$f" > "$tmp/out" 2> "$tmp/err"
  rc=$?
  set -e
  read -r secs kb < <(tail -1 "$tmp/t")
  kind=$(grep -o '([a-z_]*)$' "$tmp/err" | tr -d '()' || true)
  outcome="exit $rc ${kind:-document}"
  size=$(du -h "$tmp/$f" | cut -f1)
  printf '%-16s %9s  %-26s %8s %9.1f\n' "$f" "$size" "$outcome" "$secs" "$(awk "BEGIN{print $kb / 1024}")"
  if [ "$kb" -gt $((limit_mb * 1024)) ]; then
    echo "  over the ${limit_mb} MB limit"
    fail=1
  fi
done
exit $fail
