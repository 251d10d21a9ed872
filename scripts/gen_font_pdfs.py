#!/usr/bin/env python3
"""Generate the small PDFs the PDF-ingest tests read.

Usage: python3 scripts/gen_font_pdfs.py OUTDIR
Needs `pip install reportlab fonttools` (fonttools only for embedded-cmap-only.pdf).

Files written (all text is fixed so tests can assert it):
  unigb-ucs2.pdf      reportlab's built-in CID font STSong-Light, written as
                      /Encoding /UniGB-UCS2-H with no ToUnicode and no embedding,
                      mixed with Helvetica (simple font, WinAnsiEncoding); page 1
                      has prose and a ruled 3-column table with a blank cell and
                      a cell wrapped over two lines.
  gbk-euc.pdf         hand-written: Type0 font STSong-Light /Encoding /GBK-EUC-H,
                      no ToUnicode, the string bytes are GBK; plus a simple
                      TrueType font (Arial, not embedded) with WinAnsiEncoding
                      showing bytes 0x93/0x94 (curly quotes), as Word 2010 mixes them;
                      and a Type0 font whose embedded CMap says `/GBK-EUC-H usecmap`.
  identity-no-tounicode.pdf
                      hand-written: Type0 /Identity-H with no ToUnicode: its text
                      cannot be known, the reader must say so (U+FFFD + warning).
  embedded-cmap-only.pdf
                      hand-written: Identity-H CIDFontType2 embedding a subset of
                      WenQuanYi Zen Hei (fontTools), no ToUnicode: text only
                      recoverable from the font program's own cmap.
  corrupt-stream.pdf  hand-written: one page whose content stream claims
                      FlateDecode but holds garbage, and one good page.
  layout.pdf          reportlab, 4 pages of layout cases: a running header and
                      page numbers on every page; a table of contents with dot
                      leaders (p1); an unruled table, columns only from x-gaps (p2);
                      a table with only a frame and row rules, no column rules,
                      continuing without a header onto p4 (p3-p4); a border
                      round the whole page holding prose and a ruled table (p5);
                      a table with column rulings but no rulings between data
                      rows, under a header with wrapped cells (p6); a table of
                      contents without leader dots (p7).
  hostile.pdf         hand-written: a form XObject that draws itself (recursion),
                      a /W array with a huge CID range, deeply nested arrays
                      and stray delimiters in the content; one line of real text.
  encrypted.pdf       reportlab, encrypted with user password "secret".
  encrypted-owner-only.pdf
                      reportlab, encrypted with an empty user password (opens
                      without a password; must be read normally).
  image-only.pdf      reportlab, one page with only a drawn image (a "scan").
"""

import os
import sys
import zlib

from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas
from reportlab.lib import pdfencrypt


def unigb(path):
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(path, pagesize=(595, 842), pageCompression=0, invariant=1)
    c.setFont("STSong-Light", 16)
    c.drawString(72, 780, "收入支出决算总表")
    c.setFont("Helvetica", 10)
    c.drawString(72, 760, "Unit: 10k yuan")
    c.setFont("STSong-Light", 10)
    c.drawString(400, 760, "单位：万元")
    # Ruled table: columns at 72, 252, 372, 492; rows at 740, 720, 700, 670.
    xs = [72, 252, 372, 492]
    ys = [740, 720, 700, 670]
    for y in ys:
        c.line(xs[0], y, xs[-1], y)
    for x in xs:
        c.line(x, ys[0], x, ys[-1])
    c.drawString(76, 726, "项目")
    c.drawString(256, 726, "预算数")
    c.drawString(376, 726, "决算数")
    c.drawString(76, 706, "一般公共预算财政拨款收入")
    # blank budget cell; only the final figure is printed
    c.setFont("Helvetica", 10)
    c.drawRightString(488, 706, "2,940.05")
    c.setFont("STSong-Light", 10)
    # wrapped cell: two printed lines inside one cell
    c.drawString(76, 688, "政府性基金预算财政拨")
    c.drawString(76, 675, "款")
    c.setFont("Helvetica", 10)
    c.drawRightString(368, 682, "12.50")
    c.drawRightString(488, 682, "0.00")
    c.showPage()
    c.save()


def layout(path):
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(path, pagesize=(595, 842), pageCompression=0, invariant=1)

    def chrome(n):
        c.setFont("STSong-Light", 9)
        c.drawCentredString(297, 815, "上海市普陀区财政局2024年度部门决算")
        c.setFont("Helvetica", 9)
        c.drawCentredString(297, 30, "- %d -" % n)

    # p1: table of contents
    chrome(1)
    c.setFont("STSong-Light", 16)
    c.drawCentredString(297, 760, "目录")
    c.setFont("STSong-Light", 11)
    for i, (t, pg) in enumerate([("一、收入支出决算总表", 2), ("二、收入决算表", 3), ("三、支出决算表", 4)]):
        y = 720 - 24 * i
        c.drawString(72, y, t)
        c.setFont("Helvetica", 11)
        c.drawString(72 + 11 * len(t) + 6, y, "." * (60 - 2 * len(t)))
        c.drawRightString(520, y, str(pg))
        c.setFont("STSong-Light", 11)
    c.showPage()

    # p2: unruled table
    chrome(2)
    c.setFont("STSong-Light", 14)
    c.drawCentredString(297, 760, "收入支出决算总表")
    c.setFont("STSong-Light", 10)
    c.drawString(72, 720, "项目")
    c.drawRightString(380, 720, "预算数")
    c.drawRightString(500, 720, "决算数")
    rows = [("一般公共预算财政拨款收入", "100.00", "90.00"), ("事业收入", "", "5.00"), ("其他收入", "7.25", "")]
    for i, (a, b, d) in enumerate(rows):
        y = 700 - 18 * i
        c.setFont("STSong-Light", 10)
        c.drawString(72, y, a)
        c.setFont("Helvetica", 10)
        if b:
            c.drawRightString(380, y, b)
        if d:
            c.drawRightString(500, y, d)
    c.showPage()

    # p3-p4: frame and row rules only
    data = [
        [("项目", "", "")] + [("一般公共服务支出", "2,106.66", "2,000.00"), ("外交支出", "", "1.00"), ("国防支出", "3.00", "")],
        [("教育支出", "10.00", "11.00"), ("合计", "2,119.66", "2,012.00")],
    ]
    for p, rows in enumerate(data):
        chrome(3 + p)
        top = 760
        h = 20
        n = len(rows)
        c.rect(72, top - n * h, 440, n * h)
        for i in range(1, n):
            c.line(72, top - i * h, 512, top - i * h)
        for i, (a, b, d) in enumerate(rows):
            y = top - i * h - 14
            c.setFont("STSong-Light", 10)
            c.drawString(76, y, a)
            if p == 0 and i == 0:
                c.drawRightString(380, y, "预算数")
                c.drawRightString(500, y, "决算数")
                continue
            c.setFont("Helvetica", 10)
            if b:
                c.drawRightString(380, y, b)
            if d:
                c.drawRightString(500, y, d)
        c.showPage()

    # p5: a border round the whole page, prose, and a fully ruled table inside
    chrome(5)
    c.rect(30, 50, 535, 750)
    c.setFont("STSong-Light", 12)
    c.drawString(72, 740, "二、收入决算情况说明")
    c.drawString(72, 720, "本年收入合计 2,946.25 万元。")
    xs, ys = [72, 300, 420], [690, 670, 650]
    for y in ys:
        c.line(xs[0], y, xs[-1], y)
    for x in xs:
        c.line(x, ys[0], x, ys[-1])
    c.setFont("STSong-Light", 10)
    c.drawString(76, 676, "项目")
    c.drawString(304, 676, "决算数")
    c.drawString(76, 656, "财政拨款收入")
    c.setFont("Helvetica", 10)
    c.drawRightString(416, 656, "2,940.05")
    c.setFont("STSong-Light", 12)
    c.drawString(72, 620, "以上数据来源于部门决算报表。")
    c.showPage()

    # p6: column rulings everywhere, row rulings only under the (wrapped) header
    chrome(6)
    xs = [72, 140, 300, 400, 500]
    top, head, bottom = 760, 720, 640
    for y in (top, head, bottom):
        c.line(xs[0], y, xs[-1], y)
    for x in xs:
        c.line(x, top, x, bottom)
    c.setFont("STSong-Light", 10)
    c.drawString(76, 744, "科目编码")
    c.drawString(144, 744, "科目名称")
    c.drawString(304, 748, "本年收入合")
    c.drawString(304, 734, "计")
    c.drawString(404, 748, "财政拨款收")
    c.drawString(404, 734, "入")
    data = [("2013901", "行政运行", "51.32", "51.32"), ("2013950", "事业运行", "11.31", ""),
            ("2013999", "其他社会工作事务支出", "202.24", "202.24")]
    for i, (code, name, a, b) in enumerate(data):
        y = 704 - 18 * i
        c.setFont("Helvetica", 10)
        c.drawString(76, y, code)
        c.setFont("STSong-Light", 10)
        c.drawString(144, y, name)
        c.setFont("Helvetica", 10)
        c.drawRightString(396, y, a)
        if b:
            c.drawRightString(496, y, b)
    c.showPage()

    # p7: a table of contents without leader dots
    chrome(7)
    c.setFont("STSong-Light", 14)
    c.drawCentredString(297, 760, "目 录")
    c.setFont("STSong-Light", 11)
    for i, (t, pg) in enumerate([("第一部分 概况", 1), ("一、收入支出决算总表", 3), ("二、收入决算表", 5)]):
        c.drawString(72, 720 - 22 * i, t)
        c.drawRightString(520, 720 - 22 * i, str(pg))
    c.showPage()
    c.save()


def hostile(path):
    form = b"q /X1 Do /X1 Do Q BT /F1 12 Tf 72 700 Td (inner) Tj ET"
    content = (
        b"[" * 60 + b"1" + b"]" * 60 + b" pop ) >> } { "
        b"BT /F1 12 Tf 72 780 Td (hello 1.00) Tj ET /X1 Do\n"
    )
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> /XObject << /X1 6 0 R >> >> >>",
        stream(content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        stream(form, b"/Type /XObject /Subtype /Form /BBox [0 0 595 842]"
               b" /Resources << /Font << /F1 5 0 R >> /XObject << /X1 6 0 R >> >> "),
    ]
    write_pdf(path, objs)


def embedded_cmap_only(path):
    """Identity-H CIDFontType2 with an embedded subset TrueType program and no
    ToUnicode (needs fontTools and the WenQuanYi Zen Hei font); skipped if absent."""
    try:
        import io
        from fontTools.ttLib import TTFont
        from fontTools import subset
    except ImportError:
        print("fontTools missing: embedded-cmap-only.pdf not written")
        return
    src = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
    if not os.path.exists(src):
        print(src, "missing: embedded-cmap-only.pdf not written")
        return
    text = "收入合计 2,946.25"
    font = TTFont(src, fontNumber=0)
    opts = subset.Options()
    opts.drop_tables += ["EBDT", "EBLC", "EBSC", "gasp", "GSUB", "GPOS", "GDEF"]
    opts.name_IDs = []
    sub = subset.Subsetter(opts)
    sub.populate(text=text)
    sub.subset(font)
    buf = io.BytesIO()
    font.save(buf)
    data = buf.getvalue()
    cmap = font.getBestCmap()
    gids = [font.getGlyphID(cmap[ord(ch)]) for ch in text]
    codes = b"".join(g.to_bytes(2, "big") for g in gids)
    content = b"BT /F1 14 Tf 72 780 Td " + pdf_hex(codes) + b" Tj ET\n"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        stream(content),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /AAAAAA+WenQuanYiZenHei /Encoding /Identity-H"
        b" /DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /AAAAAA+WenQuanYiZenHei"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
        b" /FontDescriptor 7 0 R /DW 1000 /W [" + b" ".join(b"%d [500]" % g for g in gids if g) + b"] /CIDToGIDMap /Identity >>",
        b"<< /Type /FontDescriptor /FontName /AAAAAA+WenQuanYiZenHei /Flags 4 /FontBBox [0 -200 1000 900]"
        b" /ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 /FontFile2 8 0 R >>",
        stream(zlib.compress(data), b"/Filter /FlateDecode /Length1 %d " % len(data)),
    ]
    write_pdf(path, objs)


def write_pdf(path, objects):
    """objects: list of bytes bodies for objects 1..n (object 1 is the catalog)."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    with open(path, "wb") as f:
        f.write(out)


def stream(data, extra=b""):
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def pdf_hex(b):
    return b"<" + b.hex().upper().encode() + b">"


def gbk_euc(path):
    title = "部门决算".encode("gbk")
    line = "一般公共预算财政拨款收入 2,940.05".encode("gbk")
    quoted = b"\x93Total\x94 2024"
    content = (
        b"BT /F1 16 Tf 72 780 Td " + pdf_hex(title) + b" Tj ET\n"
        b"BT /F1 10 Tf 72 750 Td " + pdf_hex(line) + b" Tj ET\n"
        b"BT /F2 10 Tf 72 730 Td " + pdf_hex(quoted) + b" Tj ET\n"
        b"BT /F3 10 Tf 72 710 Td " + pdf_hex("财政拨款".encode("gbk")) + b" Tj ET\n"
    )
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        b"/CMapName /Custom-GBK def /GBK-EUC-H usecmap\nendcmap CMapName currentdict /CMap defineresource pop end end\n"
    )
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R /F2 7 0 R /F3 8 0 R >> >> >>",
        stream(content),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /GBK-EUC-H"
        b" /DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >>"
        b" /DW 1000 /W [1 95 500] >>",
        b"<< /Type /Font /Subtype /TrueType /BaseFont /Arial /Encoding /WinAnsiEncoding"
        b" /FirstChar 32 /LastChar 255 /Widths [" + b" ".join([b"556"] * 224) + b"] >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding 9 0 R"
        b" /DescendantFonts [6 0 R] >>",
        stream(cmap, b"/Type /CMap /CMapName /Custom-GBK "),
    ]
    write_pdf(path, objs)


def identity_no_tounicode(path):
    content = b"BT /F1 12 Tf 72 780 Td <00230045> Tj ET\nBT /F2 12 Tf 72 760 Td (OK 1.00) Tj ET\n"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R /F2 7 0 R >> >> >>",
        stream(content),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+SimSun /Encoding /Identity-H"
        b" /DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+SimSun"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    write_pdf(path, objs)


def corrupt_stream(path):
    good = zlib.compress(b"BT /F1 12 Tf 72 780 Td (second page text) Tj ET\n")
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 7 0 R >> >> >>",
        stream(b"this is not deflate data \x00\x01\x02 at all", b"/Filter /FlateDecode "),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 6 0 R"
        b" /Resources << /Font << /F1 7 0 R >> >> >>",
        stream(good, b"/Filter /FlateDecode "),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    write_pdf(path, objs)


def encrypted(path, user):
    enc = pdfencrypt.StandardEncryption(user, ownerPassword="owner-pw", strength=128)
    c = canvas.Canvas(path, encrypt=enc, invariant=1)
    c.setFont("Helvetica", 12)
    c.drawString(72, 780, "Encrypted text 123.45")
    c.showPage()
    c.save()


def image_only(path):
    from PIL import Image

    img = Image.new("L", (200, 100), 255)
    for x in range(20, 180):
        for y in range(40, 60):
            img.putpixel((x, y), 0)
    c = canvas.Canvas(path, pagesize=(595, 842), invariant=1)
    c.drawImage(ImageReader(img), 72, 600, width=400, height=200)
    c.showPage()
    c.save()


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "."
    os.makedirs(out, exist_ok=True)
    unigb(os.path.join(out, "unigb-ucs2.pdf"))
    gbk_euc(os.path.join(out, "gbk-euc.pdf"))
    layout(os.path.join(out, "layout.pdf"))
    hostile(os.path.join(out, "hostile.pdf"))
    embedded_cmap_only(os.path.join(out, "embedded-cmap-only.pdf"))
    identity_no_tounicode(os.path.join(out, "identity-no-tounicode.pdf"))
    corrupt_stream(os.path.join(out, "corrupt-stream.pdf"))
    encrypted(os.path.join(out, "encrypted.pdf"), "secret")
    encrypted(os.path.join(out, "encrypted-owner-only.pdf"), "")
    image_only(os.path.join(out, "image-only.pdf"))


if __name__ == "__main__":
    main()
