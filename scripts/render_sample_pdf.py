#!/usr/bin/env python3
"""Render the bundled text sample as a realistic table PDF.

Usage:
    python3 scripts/render_sample_pdf.py [INPUT.md [OUTPUT.pdf]] [--font PATH]
        [--unruled] [--tall] [--narrow] [--merged] [--repeat-header]
    python3 scripts/render_sample_pdf.py --variants DIR

Layout variants (for the borderless-table tests; each can be drawn with or
without rulings, so that the ruled rendering is the unruled one's twin):
- --unruled: no cell borders at all (the text and its positions unchanged);
- --tall: body rows three lines tall, labels and codes vertically centred,
  amounts bottom-aligned 1-4 pt below the label's baseline;
- --narrow: amount columns one em wider than their widest amount (and three
  characters of header wide), text columns capped at 6 em (labels wrap
  beside their codes, headers wrap in narrow columns: "本年收" / "入合计");
- --merged: header cells spanning sub-headers (项目 over 科目代码|科目名称,
  收入 over 项目|行次|金额) and header rows (本年收入合计) merged and centred;
- --repeat-header: a table continuing on the next page repeats its header.
--variants DIR writes the set the tests use: for each variant NAME,
DIR/NAME.ruled.pdf and DIR/NAME.unruled.pdf.

Defaults: samples/huairen-gongxin-2024.md -> samples/pdf/huairen-gongxin-2024.pdf
(relative to the repository root).

Needs `pip install reportlab` and a CJK TrueType font, e.g.
`apt-get install -y fonts-wqy-zenhei` (a .ttc: subfont 0 is used). The font is
embedded as a subset with a ToUnicode map, so the PDF's text layer decodes.
The PDF is committed, so tests need neither Python nor fonts; rerun this only
when the sample changes. Output is byte-for-byte deterministic (reportlab's
invariant mode) for a given reportlab version and font file.

What is drawn, mimicking a WPS/Excel export of a budget disclosure report:
- A4 portrait pages (landscape for tables too wide for portrait), "- N -" page
  numbers at the bottom centre.
- Headings ('#' markup) and prose as text lines, long paragraphs wrapped to the
  page width; '#', '**', '<b>', '- ' and `$\\geq 10\\%$` markup removed.
- Table-of-contents entries (a tab then a page number, after a "目录" heading)
  as text with the page number right-aligned.
- Each run of consecutive tab-separated lines (blank lines between them do not
  end it; a line of only dashes is not a row) is one table: column widths from
  the content, every cell border drawn as a ruling line, text left-aligned and
  numbers right-aligned, blank cells left blank. A cell too wide for its column
  wraps inside the cell (at the OCR's spaces where it has them, which are where
  the original report wrapped). A table that does not fit continues on the next
  page without repeating its header, with the grid drawn on both pages.
- A section that holds a disclosure table ("公开NN表") starts a new page, as do
  part headings ("第X部分") and "目录".
"""

import argparse
import os
import re
import sys

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

rl_config.invariant = 1

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_IN = os.path.join(ROOT, "samples", "huairen-gongxin-2024.md")
DEFAULT_OUT = os.path.join(ROOT, "samples", "pdf", "huairen-gongxin-2024.pdf")

FONT_CANDIDATES = [
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0),
]
FONT = "CJK"

# Page geometry (points).
MARGIN_X = 56.0
MARGIN_TOP = 64.0
MARGIN_BOTTOM = 64.0
FOOTER_Y = 30.0

# Text styles.
BODY_SIZE = 10.5
BODY_LEAD = 18.0
NOTE_SIZE = 9.0
NOTE_LEAD = 14.0
HEAD_SIZES = {1: 18.0, 2: 15.0, 3: 13.0, 4: 11.5, 5: 11.0, 6: 11.0}

# Table styles.
TABLE_SIZE = 7.5
TABLE_MIN_SIZE = 7.0
CELL_PAD_X = 2.5
CELL_PAD_Y = 3.0
NAME_CAP_EM = 10.0  # widest a text column gets before its cells wrap
RULE_WIDTH = 0.5


class Style:
    ruled = True
    tall = False
    narrow = False
    merged = False
    repeat = False


STYLE = Style()
NARROW_CAP_EM = 6.0


# ---------------------------------------------------------------------------
# Parsing the markdown


def strip_markup(s):
    s = s.replace("<b>", "").replace("</b>", "").replace("**", "")
    s = re.sub(r"\$([^$]*)\$", lambda m: latex(m.group(1)), s)
    return s


def latex(s):
    s = s.replace("\\geq", "≥").replace("\\leq", "≤").replace("\\times", "×")
    s = s.replace("\\%", "%")
    return s.replace(" ", "")


def is_rule_row(cells):
    filled = [c for c in cells if c.strip()]
    return bool(filled) and any(len(c.strip()) >= 3 for c in filled) and all(
        all(ch in "-:=—|+" for ch in c.strip()) for c in filled
    )


TOC_PAGE = re.compile(r"^(-\s*)?\d+(\s*-)?$")
LABEL = re.compile(r"^公开\d+")


def parse(text):
    """Blocks: ('head', level, text), ('para', text), ('toc', text, page),
    ('table', rows)."""
    blocks = []
    table = None
    in_toc = False

    def flush():
        nonlocal table
        if table:
            ncol = max(len(r) for r in table)
            blocks.append(("table", [r + [""] * (ncol - len(r)) for r in table]))
        table = None

    for raw in text.split("\n"):
        line = raw.rstrip("\r\n")
        if not line.strip():
            continue  # blank lines never end a table
        if "\t" in line:
            cells = [strip_markup(c).strip() for c in line.split("\t")]
            if in_toc and len(cells) == 2 and TOC_PAGE.match(cells[1]):
                flush()
                blocks.append(("toc", cells[0], cells[1]))
                continue
            if is_rule_row(cells):
                continue
            if table is None:
                table = []
            table.append(cells)
            continue
        flush()
        m = re.match(r"^(#+)\s*(.*)$", line)
        if m:
            t = strip_markup(m.group(2)).strip()
            blocks.append(("head", min(len(m.group(1)), 6), t))
            in_toc = t.replace(" ", "").replace("\u3000", "") == "目录"
            continue
        t = strip_markup(line).strip()
        if t.startswith("- "):
            t = t[2:].strip()
        blocks.append(("para", t))
    flush()
    return blocks


# ---------------------------------------------------------------------------
# Measuring and wrapping


def width(s, size):
    return pdfmetrics.stringWidth(s, FONT, size)


def is_cjk(ch):
    return ord(ch) >= 0x2E80


def has_cjk(s):
    return any(is_cjk(c) for c in s)


NUMBER = re.compile(r"^[-+]?(\d[\d,]*)?\.?\d+%?$")


def tokens(s):
    """Unbreakable pieces: runs of non-space non-CJK chars, single CJK chars,
    single spaces."""
    return re.findall(r"[^\s\u2e80-\U0010ffff]+|\s|.", s)


def break_tokens(s, avail, size, first_avail=None):
    """Greedy line breaking of s by tokens; returns lines."""
    lines = []
    cur = ""
    limit = first_avail if first_avail is not None else avail
    for tok in tokens(s):
        if not cur and tok.isspace():
            continue
        cand = cur + tok
        if cur and width(cand.rstrip(), size) > limit:
            if tok in "，。；：、）》”！？,.;:)%":
                cur = cand  # hanging punctuation stays on its line
                continue
            carry = ""
            if len(cur) > 1 and cur[-1] in "(（《“":
                cur, carry = cur[:-1], cur[-1]  # an opening bracket goes down
            lines.append(cur.rstrip())
            limit = avail
            cur = carry + ("" if tok.isspace() else tok)
        else:
            cur = cand
    if cur.strip():
        lines.append(cur.rstrip())
    return lines or [""]


def join_seg(a, b):
    if a and b and is_cjk(a[-1]) and is_cjk(b[0]):
        return a + b
    return a + " " + b


def segments(s):
    """Split at spaces between two CJK chars: there the OCR saw the original
    cell wrap ("社会保障和就业支 出")."""
    return [x for x in re.split(r"(?<=[\u2e80-\U0010ffff]) +(?=[\u2e80-\U0010ffff])", s) if x]


def wrap_cell(s, avail, size):
    """Lines of a cell. A space between two CJK chars is where the original
    wrapped, so break there first; such a space kept inside a line is dropped
    (it was a line break, not a space). Other spaces and CJK chars are ordinary
    break opportunities; runs of digits/latin never break."""
    if not s:
        return []
    if not has_cjk(s):
        return [s]
    lines = []
    cur = ""
    for seg in segments(s):
        cand = join_seg(cur, seg) if cur else seg
        if width(cand, size) <= avail:
            cur = cand
            continue
        if cur:
            lines.append(cur)
            cur = ""
        if width(seg, size) <= avail:
            cur = seg
        else:
            parts = break_tokens(seg, avail, size)
            lines.extend(parts[:-1])
            cur = parts[-1]
    if cur:
        lines.append(cur)
    return lines


# ---------------------------------------------------------------------------
# Table layout


def header_count(rows):
    """Leading rows with no number and no 栏次: the header (at most 3)."""
    k = 0
    while k < len(rows) and k < 3:
        r = rows[k]
        if any(NUMBER.match(c) for c in r if c) or (r[0] or "").startswith("栏次"):
            break
        k += 1
    return k if k < len(rows) else 0


def header_spans(rows, nhead):
    """Merged header cells: {(row, col): (row2, col2)} for each anchor; a
    header reaches right over blank cells that have sub-headers below, and
    down over rows blank under it."""
    spans = {}
    covered = set()
    ncol = len(rows[0])
    for h in range(nhead):
        for j in range(ncol):
            if (h, j) in covered or not rows[h][j]:
                continue
            j2 = j
            while (
                j2 + 1 < ncol
                and not rows[h][j2 + 1]
                and (h, j2 + 1) not in covered
                and any(rows[k][j2 + 1] for k in range(h + 1, nhead))
            ):
                j2 += 1
            h2 = h
            while h2 + 1 < nhead and all(not rows[h2 + 1][c] for c in range(j, j2 + 1)):
                h2 += 1
            spans[(h, j)] = (h2, j2)
            for a in range(h, h2 + 1):
                for b in range(j, j2 + 1):
                    if (a, b) != (h, j):
                        covered.add((a, b))
    return spans, covered


class TableLayout:
    def __init__(self, rows, size, widths):
        self.rows = rows
        self.size = size
        self.lead = size + 2.0
        self.widths = widths
        # Subject codes ("科目代码" columns) are left-aligned like text.
        self.code_cols = {
            j
            for j in range(len(widths))
            if any("代码" in r[j] or "编码" in r[j] for r in rows)
        }
        self.nhead = header_count(rows) if STYLE.merged else 0
        self.spans, self.covered = header_spans(rows, self.nhead) if self.nhead else ({}, set())
        self.cells = []  # per row: list of line lists
        self.heights = []
        for i, r in enumerate(rows):
            wrapped = []
            for j, (c, w) in enumerate(zip(r, widths)):
                if (i, j) in self.covered:
                    wrapped.append([])
                    continue
                j2 = self.spans.get((i, j), (i, j))[1]
                span_w = sum(widths[j : j2 + 1])
                wrapped.append(wrap_cell(c, span_w - 2 * CELL_PAD_X, size))
            # a cell spanning rows does not make its first row taller
            n = max(
                [len(x) for j, x in enumerate(wrapped) if self.spans.get((i, j), (i, j))[0] == i]
                + [1]
            )
            self.cells.append(wrapped)
            h = 2 * CELL_PAD_Y + n * self.lead
            if STYLE.tall and i >= self.nhead and not self.is_header_like(i):
                h = max(h, 2 * CELL_PAD_Y + 3 * self.lead)
            self.heights.append(h)
        # a cell spanning rows gets the height it needs from its last row
        for (i, j), (h2, j2) in self.spans.items():
            if h2 > i:
                need = 2 * CELL_PAD_Y + len(self.cells[i][j]) * self.lead
                have = sum(self.heights[i : h2 + 1])
                if have < need:
                    self.heights[h2] += need - have

    def is_header_like(self, i):
        return i < self.nhead

    @property
    def total_width(self):
        return sum(self.widths)


def column_widths(rows, size, cap_em):
    ncol = len(rows[0])
    em = size
    widths = []
    if STYLE.narrow:
        cap_em = min(cap_em, NARROW_CAP_EM)
        nhead = header_count(rows)
    for j in range(ncol):
        if STYLE.narrow:
            nums = [width(r[j], size) for r in rows if r[j] and NUMBER.match(r[j])]
            texts = [r[j] for r in rows[nhead:] if r[j] and not NUMBER.match(r[j])]
            if not texts:
                # an amount column: one em wider than its widest amount, and
                # wide enough for three characters of its header a line
                widths.append(max(nums + [0.0]) + em if nums else 0.0)
                widths[-1] = max(widths[-1], 3 * em + 2 * CELL_PAD_X + 0.5)
                continue
        atomic = 0.0
        pref = 0.0
        for r in rows:
            c = r[j]
            if not c:
                continue
            if not has_cjk(c):
                atomic = max(atomic, width(c, size))
                continue
            for t in tokens(c):
                if not t.isspace():
                    atomic = max(atomic, width(t, size))
            pref = max(pref, max(width(seg, size) for seg in segments(c)))
        w = max(atomic, min(pref, cap_em * em), 1.5 * em)
        widths.append(w + 2 * CELL_PAD_X + 0.5)
    return widths


def fill(t, avail):
    """Widen a table towards the page width, as report tables usually are:
    the extra goes to columns where nothing wraps (so wrapped cells stay
    wrapped), each growing to at most twice its width. Small tables (under
    half the page) keep their natural width."""
    if t.total_width < 0.5 * avail or t.total_width >= avail:
        return t
    free = [
        j
        for j in range(len(t.widths))
        if all(len(cells[j]) <= 1 for cells in t.cells)
    ]
    room = sum(t.widths[j] for j in free)
    if not room:
        return t
    extra = min(avail - t.total_width, room)
    widths = list(t.widths)
    for j in free:
        widths[j] += extra * t.widths[j] / room
    return TableLayout(t.rows, t.size, widths)


def layout_table(rows):
    t, orient = layout_table_natural(rows)
    avail = (A4[1] if orient == "landscape" else A4[0]) - 2 * MARGIN_X
    if STYLE.narrow:
        return t, orient  # narrow stays narrow
    return fill(t, avail), orient


def layout_table_natural(rows):
    """Pick font size, column widths and orientation: portrait if the table
    fits it, otherwise landscape, narrowing text columns (more wrapping) and
    then the font if even that is too wide."""
    portrait_avail = A4[0] - 2 * MARGIN_X
    landscape_avail = A4[1] - 2 * MARGIN_X
    size = TABLE_SIZE
    while True:
        cap = NAME_CAP_EM
        while cap >= 4.0:
            widths = column_widths(rows, size, cap)
            if sum(widths) <= portrait_avail and cap == NAME_CAP_EM:
                return TableLayout(rows, size, widths), "portrait"
            if sum(widths) <= landscape_avail:
                return TableLayout(rows, size, widths), "landscape"
            cap -= 1.0
        if size <= TABLE_MIN_SIZE:
            return TableLayout(rows, size, widths), "landscape"
        size = max(TABLE_MIN_SIZE, size - 0.5)


# ---------------------------------------------------------------------------
# Rendering


class Writer:
    def __init__(self, path):
        self.c = canvas.Canvas(
            path,
            pagesize=A4,
            invariant=1,
            initialFontName=FONT,
            initialFontSize=BODY_SIZE,
        )
        self.c.setTitle("怀仁市工业和信息化局2024年度部门决算公开")
        self.c.setCreator("juesuan scripts/render_sample_pdf.py")
        self.page = 1
        self.orient = "portrait"
        self.size = A4
        self.y = A4[1] - MARGIN_TOP
        self.empty = True

    @property
    def page_w(self):
        return self.size[0]

    def footer(self):
        self.c.setFont(FONT, 9)
        self.c.drawCentredString(self.page_w / 2, FOOTER_Y, "- %d -" % self.page)

    def new_page(self, orient=None):
        orient = orient or self.orient
        if self.empty:
            self.set_orient(orient)
            return
        self.footer()
        self.c.showPage()
        self.page += 1
        self.set_orient(orient)
        self.empty = True

    def set_orient(self, orient):
        self.orient = orient
        self.size = landscape(A4) if orient == "landscape" else A4
        self.c.setPageSize(self.size)
        self.y = self.size[1] - MARGIN_TOP

    def need(self, h):
        if self.y - h < MARGIN_BOTTOM:
            self.new_page()

    def text_line(self, s, size, lead, x=None, align="left"):
        self.need(lead)
        self.y -= lead
        base = self.y + (lead - size) / 2 + size * 0.12
        self.c.setFont(FONT, size)
        if align == "centre":
            self.c.drawCentredString(self.page_w / 2, base, s)
        else:
            self.c.drawString(MARGIN_X if x is None else x, base, s)
        self.empty = False

    def para(self, s, size, lead, indent):
        avail = self.page_w - 2 * MARGIN_X
        lines = break_tokens(s, avail, size, first_avail=avail - indent)
        for i, ln in enumerate(lines):
            self.text_line(ln, size, lead, x=MARGIN_X + (indent if i == 0 else 0))

    def heading(self, level, s, centre):
        size = HEAD_SIZES[level]
        lead = size * 1.9
        avail = self.page_w - 2 * MARGIN_X
        for ln in break_tokens(s, avail, size):
            self.text_line(ln, size, lead, align="centre" if centre else "left")

    def toc(self, s, page):
        size, lead = 11.0, 22.0
        self.need(lead)
        self.y -= lead
        base = self.y + (lead - size) / 2 + size * 0.12
        self.c.setFont(FONT, size)
        self.c.drawString(MARGIN_X + 10, base, s)
        self.c.drawRightString(self.page_w - MARGIN_X - 10, base, page)
        self.empty = False

    def table(self, t):
        x0 = (self.page_w - t.total_width) / 2
        xs = [x0]
        for w in t.widths:
            xs.append(xs[-1] + w)
        self.y -= 4
        nhead = t.nhead if t.nhead else header_count(t.rows)
        i = 0
        first_on_page = True
        while i < len(t.rows):
            h = t.heights[i]
            if i < t.nhead:
                # the header's rows stay together
                h = sum(t.heights[i : t.nhead])
            if self.y - h < MARGIN_BOTTOM and not first_on_page:
                self.new_page()
                first_on_page = True
                if STYLE.repeat and i >= nhead and nhead:
                    for k in range(nhead):
                        self.place_row(xs, t, k)
                continue
            self.place_row(xs, t, i)
            first_on_page = False
            i += 1
        self.y -= 6

    def place_row(self, xs, t, i):
        top = self.y
        tops = {}
        for j in range(len(t.widths)):
            if (i, j) in t.covered:
                continue
            h2, j2 = t.spans.get((i, j), (i, j))
            height = sum(t.heights[i : h2 + 1])
            self.draw_cell(t, i, j, xs[j], xs[j2 + 1], top, top - height)
        self.y -= t.heights[i]
        self.empty = False
        return tops

    def draw_cell(self, t, i, j, x0, x1, top, bottom):
        c = self.c
        if STYLE.ruled:
            c.setLineWidth(RULE_WIDTH)
            c.rect(x0, bottom, x1 - x0, top - bottom, stroke=1, fill=0)
        lines = t.cells[i][j]
        if not lines:
            return
        c.setFont(FONT, t.size)
        h = top - bottom
        block = len(lines) * t.lead
        first = top - (h - block) / 2 - t.lead + (t.lead - t.size) / 2 + 0.12 * t.size
        text = t.rows[i][j]
        number = j not in t.code_cols and NUMBER.match(text) is not None
        header = i < t.nhead
        if STYLE.tall and not header and number and i >= header_count(t.rows):
            # bottom-aligned, 1-4 pt below where a centred label would sit
            first = first - (1 + i % 4)
        for k, ln in enumerate(lines):
            y = first - k * t.lead
            if header or (STYLE.narrow and j in t.code_cols and not number):
                c.drawCentredString((x0 + x1) / 2, y, ln)
            elif number:
                c.drawRightString(x1 - CELL_PAD_X, y, ln)
            else:
                c.drawString(x0 + CELL_PAD_X, y, ln)

    def save(self):
        self.footer()
        self.c.save()


def sections(blocks):
    out = []
    cur = {"head": None, "blocks": []}
    for b in blocks:
        if b[0] == "head":
            out.append(cur)
            cur = {"head": b, "blocks": []}
        else:
            cur["blocks"].append(b)
    out.append(cur)
    return [s for s in out if s["head"] or s["blocks"]]


def is_part_heading(t):
    return re.match(r"^第[一二三四五六七八九十]+部分", t) is not None


def render(blocks, out):
    w = Writer(out)
    layouts = {}
    for b in blocks:
        if b[0] == "table":
            layouts[id(b)] = layout_table(b[1])
    secs = sections(blocks)
    for n, s in enumerate(secs):
        head = s["head"]
        htext = head[2] if head else ""
        labelled = any(b[0] == "para" and LABEL.match(b[1]) for b in s["blocks"])
        orient = "portrait"
        for b in s["blocks"]:
            if b[0] == "table" and layouts[id(b)][1] == "landscape":
                orient = "landscape"
        fresh = labelled or is_part_heading(htext) or htext.replace(" ", "") == "目录"
        if (fresh and not w.empty) or orient != w.orient:
            w.new_page(orient)
        if head:
            centre = (
                head[1] == 1
                or labelled
                or is_part_heading(htext)
                or htext.replace(" ", "") == "目录"
                or n <= 1
            )
            if n <= 1 and w.empty:
                w.y -= 180  # the cover: titles lower down the page
            w.heading(head[1], htext, centre)
        for b in s["blocks"]:
            if b[0] == "para":
                if labelled:
                    w.para(b[1], NOTE_SIZE, NOTE_LEAD, 0)
                else:
                    w.para(b[1], BODY_SIZE, BODY_LEAD, 2 * BODY_SIZE)
            elif b[0] == "toc":
                w.toc(b[1], b[2])
            elif b[0] == "table":
                w.table(layouts[id(b)][0])
    w.save()
    return w.page, layouts


def register_font(path=None):
    cands = [(path, 0)] if path else FONT_CANDIDATES
    for p, idx in cands:
        if p and os.path.exists(p):
            kw = {"subfontIndex": idx} if p.lower().endswith(".ttc") else {}
            pdfmetrics.registerFont(TTFont(FONT, p, **kw))
            return p
    sys.exit(
        "no CJK TrueType font found; apt-get install -y fonts-wqy-zenhei "
        "or pass --font PATH"
    )


# The variants the tests use: name and options.
VARIANTS = [
    ("plain", ()),
    ("repeated-header", ("repeat",)),
    ("tall-rows", ("tall", "merged")),
    ("narrow-columns", ("narrow", "merged")),
    ("tall-narrow-repeated", ("tall", "narrow", "merged", "repeat")),
]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("input", nargs="?", default=DEFAULT_IN)
    ap.add_argument("output", nargs="?", default=DEFAULT_OUT)
    ap.add_argument("--font", help="a CJK .ttf/.ttc (subfont 0)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list tables and wrapped cells")
    ap.add_argument("--unruled", action="store_true", help="draw no cell borders")
    ap.add_argument("--tall", action="store_true", help="tall rows, amounts bottom-aligned")
    ap.add_argument("--narrow", action="store_true", help="narrow columns, wrapped headers")
    ap.add_argument("--merged", action="store_true", help="merged, centred header cells")
    ap.add_argument("--repeat-header", action="store_true", help="repeat headers on continued pages")
    ap.add_argument("--variants", metavar="DIR", help="write every variant, ruled and unruled, to DIR")
    args = ap.parse_args()
    font = register_font(args.font)
    if args.variants:
        with open(args.input, encoding="utf-8") as f:
            text = f.read()
        os.makedirs(args.variants, exist_ok=True)
        for name, opts in VARIANTS:
            for ruled in (True, False):
                for k in ("tall", "narrow", "merged", "repeat"):
                    setattr(STYLE, k, k in opts)
                STYLE.ruled = ruled
                out = os.path.join(args.variants, "%s.%s.pdf" % (name, "ruled" if ruled else "unruled"))
                pages, _ = render(parse(text), out)
                print("%s: %d pages" % (out, pages))
        return
    STYLE.ruled = not args.unruled
    STYLE.tall = args.tall
    STYLE.narrow = args.narrow
    STYLE.merged = args.merged
    STYLE.repeat = args.repeat_header
    font = font
    with open(args.input, encoding="utf-8") as f:
        blocks = parse(f.read())
    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    pages, layouts = render(blocks, args.output)
    print("%s: %d pages, font %s" % (args.output, pages, font))
    if args.verbose:
        for b in blocks:
            if b[0] != "table":
                continue
            t, orient = layouts[id(b)]
            print(
                "table %dx%d %s size %.1f width %.0f"
                % (len(t.rows), len(t.widths), orient, t.size, t.total_width)
            )
            for r, cells in zip(t.rows, t.cells):
                for c, lines in zip(r, cells):
                    if len(lines) > 1:
                        print("   wrap: %r -> %s" % (c, " | ".join(lines)))


if __name__ == "__main__":
    main()
