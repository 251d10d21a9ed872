//! Page layout: from positioned glyphs and ruling lines to lines of cells.
//!
//! Ruled tables: the ruling lines are merged and grouped into tables (connected
//! sets of crossing lines). Every distinct vertical line position is a column
//! boundary and every distinct horizontal one a row boundary. A glyph belongs to
//! the cell whose left border is the nearest vertical line to its left that
//! actually crosses its height, and whose top border is the nearest horizontal
//! line above it that crosses its x; so a cell spanning columns lands at its
//! leftmost column and one spanning rows at its top row, and a cell's wrapped
//! lines join into one text. Numbers are placed by position, never by order.
//!
//! Text outside ruled tables is grouped into lines by baseline. Runs of such lines
//! that split into several widely spaced chunks (unruled tables) are given
//! shared column positions; other lines are one cell each.

use super::content::{Glyph, PageContent, Seg};

/// A table found on a page, kept to join tables across pages.
#[derive(Debug, Clone)]
pub(crate) struct TableInfo {
    /// Column boundaries, left to right.
    pub xs: Vec<f64>,
    /// Top edge.
    pub top: f64,
}

/// One output item of a page, in reading order.
#[derive(Debug, Clone)]
pub(crate) struct PageLine {
    /// Top of the line (for ordering and margin tests).
    pub y: f64,
    /// Cells.
    pub cells: Vec<String>,
    /// Index into the page's tables when this is a table row.
    pub table: Option<usize>,
}

/// The laid-out page.
#[derive(Debug, Default)]
pub(crate) struct PageLayout {
    pub lines: Vec<PageLine>,
    pub tables: Vec<TableInfo>,
}

/// Characters between which no space is ever inserted (CJK and their punctuation).
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2000..=0x206F | 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

#[derive(Debug, Clone, Copy)]
struct RLine {
    pos: f64,
    a: f64,
    b: f64,
}

/// Merges collinear, overlapping or touching segments.
fn merge(mut segs: Vec<RLine>) -> Vec<RLine> {
    segs.sort_by(|p, q| p.pos.total_cmp(&q.pos));
    // Cluster by position.
    let mut out: Vec<RLine> = Vec::new();
    let mut i = 0;
    while i < segs.len() {
        let mut j = i + 1;
        while j < segs.len() && segs[j].pos - segs[j - 1].pos <= 1.5 {
            j += 1;
        }
        let group = &mut segs[i..j];
        let pos = group.iter().map(|s| s.pos).sum::<f64>() / group.len() as f64;
        group.sort_by(|p, q| p.a.total_cmp(&q.a));
        let mut cur = RLine {
            pos,
            a: group[0].a,
            b: group[0].b,
        };
        for s in group.iter().skip(1) {
            if s.a <= cur.b + 3.0 {
                cur.b = cur.b.max(s.b);
            } else {
                out.push(cur);
                cur = RLine {
                    pos,
                    a: s.a,
                    b: s.b,
                };
            }
        }
        out.push(cur);
        i = j;
    }
    out
}

fn find(p: &mut [usize], mut x: usize) -> usize {
    while p[x] != x {
        p[x] = p[p[x]];
        x = p[x];
    }
    x
}

/// Positions clustered within `tol`, sorted.
fn distinct(mut v: Vec<f64>, tol: f64) -> Vec<f64> {
    v.sort_by(|a, b| a.total_cmp(b));
    let mut out: Vec<f64> = Vec::new();
    for x in v {
        match out.last() {
            Some(&l) if x - l <= tol => {}
            _ => out.push(x),
        }
    }
    out
}

fn index_of(v: &[f64], x: f64) -> usize {
    // Index of the closest boundary.
    let mut best = 0;
    for (i, &b) in v.iter().enumerate() {
        if (b - x).abs() < (v[best] - x).abs() {
            best = i;
        }
    }
    best
}

struct Table {
    h: Vec<RLine>,
    v: Vec<RLine>,
    xs: Vec<f64>,
    ys: Vec<f64>,
    bbox: [f64; 4],
}

fn find_tables(segs: &[Seg]) -> Vec<Table> {
    let h = merge(
        segs.iter()
            .filter(|s| !s.vertical)
            .map(|s| RLine {
                pos: s.pos,
                a: s.a,
                b: s.b,
            })
            .collect(),
    );
    let v = merge(
        segs.iter()
            .filter(|s| s.vertical)
            .map(|s| RLine {
                pos: s.pos,
                a: s.a,
                b: s.b,
            })
            .collect(),
    );
    let n = h.len() + v.len();
    let mut parent: Vec<usize> = (0..n).collect();
    let tol = 3.0;
    for (i, hl) in h.iter().enumerate() {
        for (j, vl) in v.iter().enumerate() {
            if vl.pos >= hl.a - tol
                && vl.pos <= hl.b + tol
                && hl.pos >= vl.a - tol
                && hl.pos <= vl.b + tol
            {
                let (a, b) = (find(&mut parent, i), find(&mut parent, h.len() + j));
                if a != b {
                    parent[a] = b;
                }
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, (Vec<RLine>, Vec<RLine>)> =
        Default::default();
    for i in 0..n {
        let r = find(&mut parent, i);
        let g = groups.entry(r).or_default();
        if i < h.len() {
            g.0.push(h[i]);
        } else {
            g.1.push(v[i - h.len()]);
        }
    }
    let mut out = Vec::new();
    for (_, (h, v)) in groups {
        if h.len() < 2 || v.len() < 2 {
            continue;
        }
        let xs = distinct(v.iter().map(|l| l.pos).collect(), 2.0);
        let ys = distinct(h.iter().map(|l| l.pos).collect(), 2.0);
        if xs.len() < 2 || ys.len() < 2 {
            continue;
        }
        let bbox = [
            h.iter().map(|l| l.a).fold(f64::MAX, f64::min).min(xs[0]),
            ys[0],
            h.iter()
                .map(|l| l.b)
                .fold(f64::MIN, f64::max)
                .max(*xs.last().unwrap()),
            *ys.last().unwrap(),
        ];
        out.push(Table { h, v, xs, ys, bbox });
    }
    out.sort_by(|a, b| a.bbox[1].total_cmp(&b.bbox[1]));
    out
}

/// Groups glyphs into printed lines by baseline; each line sorted left to right.
fn text_lines<'g>(glyphs: &[&'g Glyph]) -> Vec<Vec<&'g Glyph>> {
    let mut gs: Vec<&Glyph> = glyphs.to_vec();
    gs.sort_by(|a, b| a.y.total_cmp(&b.y));
    let mut lines: Vec<Vec<&Glyph>> = Vec::new();
    let mut base = f64::MIN;
    let mut size: f64 = 0.0;
    for g in gs {
        let tol = 0.45 * size.min(g.size).max(1.0);
        if lines.is_empty() || g.y - base > tol {
            lines.push(Vec::new());
            base = g.y;
            size = g.size;
        }
        lines.last_mut().unwrap().push(g);
    }
    for l in &mut lines {
        l.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        // Fake bold: the same glyph drawn twice at almost the same place.
        let mut kept: Vec<&Glyph> = Vec::with_capacity(l.len());
        for g in l.iter() {
            if let Some(p) = kept.last() {
                if p.text == g.text
                    && p.font == g.font
                    && (g.x0 - p.x0).abs() < 0.3 * g.size
                    && (g.y - p.y).abs() < 0.3 * g.size
                    && !g.text.trim().is_empty()
                {
                    continue;
                }
            }
            kept.push(g);
        }
        *l = kept;
    }
    lines
}

/// Text of one printed line. `in_cell`: never put spaces between CJK characters.
fn line_text(l: &[&Glyph], in_cell: bool) -> String {
    let mut s = String::new();
    let mut prev: Option<&Glyph> = None;
    for g in l {
        if let Some(p) = prev {
            let gap = g.x0 - p.x1;
            let pc = p.text.chars().last().unwrap_or(' ');
            let gc = g.text.chars().next().unwrap_or(' ');
            let cjk = is_cjk(pc) || is_cjk(gc);
            let size = p.size.max(g.size);
            let want = if cjk {
                !in_cell && gap > 1.5 * size
            } else {
                gap > 0.22 * size
            };
            if want && !s.ends_with(' ') && !g.text.starts_with(' ') {
                s.push(' ');
            }
        }
        s.push_str(&g.text);
        prev = Some(g);
    }
    tidy(&s, in_cell)
}

/// Collapses whitespace; inside cells drops spaces between CJK characters.
fn tidy(s: &str, in_cell: bool) -> String {
    let chars: Vec<char> = s
        .chars()
        .map(|c| {
            if c.is_whitespace() || c == '\u{3000}' {
                ' '
            } else {
                c
            }
        })
        .collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            if out.is_empty() || out.ends_with(' ') {
                continue;
            }
            if in_cell {
                let prev = out.chars().last().unwrap_or(' ');
                let next = chars[i + 1..]
                    .iter()
                    .copied()
                    .find(|c| *c != ' ')
                    .unwrap_or(' ');
                if is_cjk(prev) || is_cjk(next) {
                    continue;
                }
            }
        }
        out.push(c);
    }
    out.trim_end().to_string()
}

/// Text of a table cell: its printed lines joined (no space across CJK wraps).
fn cell_text(glyphs: &[&Glyph]) -> String {
    let mut out = String::new();
    for l in text_lines(glyphs) {
        let t = line_text(&l, true);
        if t.is_empty() {
            continue;
        }
        if !out.is_empty() {
            // A wrapped word of Latin text gets a space back; CJK text and
            // numbers wrapped mid-way are joined as printed.
            let a = out.chars().last().unwrap();
            let b = t.chars().next().unwrap();
            if a.is_ascii_alphabetic() && b.is_ascii_alphabetic()
                || a == ',' && b.is_ascii_alphabetic()
            {
                out.push(' ');
            }
        }
        out.push_str(&t);
    }
    out
}

/// True for a table-of-contents line: a run of leader dots (never table data).
fn has_leader(l: &[&Glyph]) -> bool {
    let mut run = 0;
    for g in l {
        if g.text
            .chars()
            .all(|c| matches!(c, '.' | '·' | '…' | '․' | '‧' | '⋯' | '．'))
            && !g.text.is_empty()
        {
            run += g
                .text
                .chars()
                .map(|c| if c == '…' || c == '⋯' { 3 } else { 1 })
                .sum::<usize>();
            if run >= 3 {
                return true;
            }
        } else if !g.text.trim().is_empty() {
            run = 0;
        }
    }
    false
}

/// A table of contents without leader dots: every line a title and a page
/// number (a small integer), the numbers never decreasing. Kept as prose.
fn is_toc(lines: &[Vec<&Glyph>]) -> bool {
    let mut last = 0u32;
    for l in lines {
        let ch = chunks(l);
        if ch.len() != 2 {
            return false;
        }
        // Page numbers as "12", "- 12 -", "第12页".
        let t: String = ch[1]
            .iter()
            .flat_map(|g| g.text.chars())
            .filter(|c| !(c.is_whitespace() || matches!(c, '-' | '—' | '–' | '第' | '页')))
            .collect();
        let Ok(n) = t.parse::<u32>() else {
            return false;
        };
        if t.len() > 3 || n < last {
            return false;
        }
        last = n;
    }
    true
}

/// Splits a printed line into chunks at wide gaps (for unruled tables).
fn chunks<'g>(l: &[&'g Glyph]) -> Vec<Vec<&'g Glyph>> {
    let mut out: Vec<Vec<&Glyph>> = Vec::new();
    let mut prev: Option<&Glyph> = None;
    for g in l {
        if g.text.trim().is_empty() {
            continue;
        }
        let split = match prev {
            None => true,
            Some(p) => g.x0 - p.x1 > 2.0 * p.size.max(g.size),
        };
        if split {
            out.push(Vec::new());
        }
        out.last_mut().unwrap().push(g);
        prev = Some(g);
    }
    out
}

/// Left and right edge of a chunk.
fn extent(ch: &[&Glyph]) -> (f64, f64) {
    (
        ch.first().map(|g| g.x0).unwrap_or(0.0),
        ch.last().map(|g| g.x1).unwrap_or(0.0),
    )
}

fn has_digit(ch: &[&Glyph]) -> bool {
    ch.iter()
        .any(|g| g.text.chars().any(|c| c.is_ascii_digit()))
}

fn is_numeric(ch: &[&Glyph]) -> bool {
    has_digit(ch)
        && ch.iter().all(|g| {
            g.text
                .chars()
                .all(|c| c.is_ascii_digit() || ",.-%()（）".contains(c) || c.is_whitespace())
        })
}

/// Inner boundaries of the sub-columns of one grid column whose dividing
/// rulings are missing: found where at least two rows print several widely
/// spaced chunks with a number among the later ones (letter-spaced words such
/// as "合    计" never split a column). Empty when the column is whole.
fn sub_columns<'g, 'r>(col: impl Iterator<Item = &'r [&'g Glyph]>) -> Vec<f64>
where
    'g: 'r,
{
    let mut spans: Vec<(f64, f64)> = Vec::new();
    let mut rows = 0;
    for cell in col {
        let mut any = false;
        for l in text_lines(cell) {
            let ch = chunks(&l);
            if ch.len() >= 2 && ch[1..].iter().any(|c| has_digit(c)) {
                any = true;
                spans.extend(ch.iter().map(|c| extent(c)));
            }
        }
        rows += any as usize;
    }
    if rows < 2 {
        return Vec::new();
    }
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut merged: Vec<(f64, f64)> = Vec::new();
    for (a, b) in spans {
        match merged.last_mut() {
            Some(m) if a <= m.1 => m.1 = m.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    merged.windows(2).map(|w| (w[0].1 + w[1].0) / 2.0).collect()
}

/// Splits a cell's glyphs into `bounds.len() + 1` sub-cells. A chunk goes by its
/// left edge (so text spanning sub-columns lands in the leftmost), a number by
/// its right edge (numbers are right-aligned).
fn split_cell(cell: &[&Glyph], bounds: &[f64]) -> Vec<String> {
    let mut parts: Vec<Vec<&Glyph>> = vec![Vec::new(); bounds.len() + 1];
    for l in text_lines(cell) {
        for ch in chunks(&l) {
            let (x0, x1) = extent(&ch);
            let x = if is_numeric(&ch) { x1 - 0.5 } else { x0 + 0.5 };
            let k = bounds.iter().filter(|b| **b < x).count();
            parts[k].extend(ch);
        }
    }
    parts.iter().map(|p| cell_text(p)).collect()
}

/// A row band that holds several printed rows (no rulings between data rows),
/// split at its baselines. Only when at least two columns print two or more
/// lines and one of them prints numbers on two or more lines: wrapped header
/// cells (no numbers) and a wrapped label beside one number stay whole.
fn split_band<'g>(band: &[Vec<&'g Glyph>]) -> Option<Vec<Vec<Vec<&'g Glyph>>>> {
    let (mut multi, mut numeric) = (0, false);
    for cell in band {
        let ls = text_lines(cell);
        if ls.len() >= 2 {
            multi += 1;
            numeric |= ls.iter().filter(|l| is_numeric(l)).count() >= 2;
        }
    }
    if multi < 2 || !numeric {
        return None;
    }
    let mut bases: Vec<(f64, f64)> = band
        .iter()
        .flatten()
        .filter(|g| !g.text.trim().is_empty())
        .map(|g| (g.y, g.size))
        .collect();
    bases.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut centers: Vec<f64> = Vec::new();
    for (y, size) in bases {
        match centers.last() {
            Some(&c) if y - c <= 0.45 * size => {}
            _ => centers.push(y),
        }
    }
    let mut out = vec![vec![Vec::new(); band.len()]; centers.len()];
    for (c, cell) in band.iter().enumerate() {
        for g in cell {
            let k = index_of(&centers, g.y);
            out[k][c].push(*g);
        }
    }
    Some(out)
}

/// Lays out one page.
pub(crate) fn layout(page: &PageContent) -> PageLayout {
    let tables = find_tables(&page.segs);
    let mut result = PageLayout::default();
    let mut in_table: Vec<Option<usize>> = vec![None; page.glyphs.len()];
    // Each glyph belongs to the smallest table around it (a frame drawn round a
    // page or a box round a table must not take the table's text).
    let area = |t: &Table| (t.bbox[2] - t.bbox[0]) * (t.bbox[3] - t.bbox[1]);
    for (ti, t) in tables.iter().enumerate() {
        let [x0, y0, x1, y1] = t.bbox;
        for (gi, g) in page.glyphs.iter().enumerate() {
            let (cx, cy) = (g.cx(), g.cy());
            if cx >= x0 - 1.0 && cx <= x1 + 1.0 && cy >= y0 - 1.0 && cy <= y1 + 1.0 {
                match in_table[gi] {
                    Some(o) if area(&tables[o]) <= area(t) => {}
                    _ => in_table[gi] = Some(ti),
                }
            }
        }
    }
    // Ruled tables.
    for (ti, t) in tables.iter().enumerate() {
        let ncols = t.xs.len() - 1;
        let nrows = t.ys.len() - 1;
        if ncols == 0 || nrows == 0 {
            continue;
        }
        let mut cells: Vec<Vec<Vec<&Glyph>>> = vec![vec![Vec::new(); ncols]; nrows.max(1)];
        let mut members: Vec<usize> = Vec::new();
        for (gi, g) in page.glyphs.iter().enumerate() {
            if in_table[gi] != Some(ti) {
                continue;
            }
            let (cx, cy) = (g.cx(), g.cy());
            // Columns go by the glyph's left part: a glyph printed across a
            // border (text overflowing its cell) stays with the text it ends.
            let gx = g.x0 + 0.2 * (g.x1 - g.x0);
            let left =
                t.v.iter()
                    .filter(|l| l.pos <= gx + 0.5 && cy >= l.a - 2.0 && cy <= l.b + 2.0)
                    .map(|l| l.pos)
                    .fold(f64::MIN, f64::max);
            let col = if left == f64::MIN {
                index_of(&t.xs, gx).saturating_sub(1)
            } else {
                index_of(&t.xs, left)
            };
            let top =
                t.h.iter()
                    .filter(|l| l.pos <= cy + 0.5 && cx >= l.a - 2.0 && cx <= l.b + 2.0)
                    .map(|l| l.pos)
                    .fold(f64::MIN, f64::max);
            let row = if top == f64::MIN {
                0
            } else {
                index_of(&t.ys, top)
            };
            cells[row.min(nrows - 1)][col.min(ncols - 1)].push(g);
            members.push(gi);
        }
        let tix = result.tables.len();
        // Columns whose inner rulings are not drawn: split them at x-gaps.
        let subs: Vec<Vec<f64>> = (0..ncols)
            .map(|c| sub_columns(cells.iter().map(|row| &row[c][..])))
            .collect();
        // A single box, or one column that does not split, is a frame, not a
        // table: its text is laid out as lines.
        if ncols == 1 && (nrows == 1 || subs[0].is_empty()) {
            for gi in members {
                in_table[gi] = None;
            }
            continue;
        }
        for (r, band) in cells.iter().enumerate() {
            let rows = split_band(band).unwrap_or_else(|| vec![band.clone()]);
            for (k, row) in rows.iter().enumerate() {
                let mut texts: Vec<String> = Vec::with_capacity(ncols);
                for (c, cell) in row.iter().enumerate() {
                    if subs[c].is_empty() {
                        texts.push(cell_text(cell));
                    } else {
                        texts.extend(split_cell(cell, &subs[c]));
                    }
                }
                if texts.iter().all(|t| t.is_empty()) {
                    continue;
                }
                result.lines.push(PageLine {
                    y: t.ys[r] + k as f64 * 1e-3,
                    cells: texts,
                    table: Some(tix),
                });
            }
        }
        let mut xs = Vec::new();
        for (x, sub) in t.xs.iter().zip(&subs) {
            xs.push(*x);
            xs.extend(sub.iter().copied());
        }
        xs.push(t.xs[ncols]);
        result.tables.push(TableInfo { xs, top: t.bbox[1] });
    }
    // Everything else.
    let free: Vec<&Glyph> = page
        .glyphs
        .iter()
        .zip(&in_table)
        .filter(|(_, t)| t.is_none())
        .map(|(g, _)| g)
        .collect();
    let lines = text_lines(&free);
    let mut i = 0;
    while i < lines.len() {
        // A run of consecutive multi-chunk lines is an unruled table.
        let mut j = i;
        while j < lines.len() && chunks(&lines[j]).len() >= 2 && !has_leader(&lines[j]) {
            j += 1;
        }
        let numeric = lines[i..j]
            .iter()
            .any(|l| chunks(l)[1..].iter().any(|c| has_digit(c)));
        if j - i >= 2 && numeric && !is_toc(&lines[i..j]) {
            unruled(&lines[i..j], &mut result);
            i = j;
            continue;
        }
        let l = &lines[i];
        let t = line_text(l, false);
        if !t.is_empty() {
            let top = l.iter().map(|g| g.y - g.size).fold(f64::MAX, f64::min);
            result.lines.push(PageLine {
                y: top,
                cells: vec![t],
                table: None,
            });
        }
        i += 1;
    }
    // Reading order: blocks top to bottom (a table is one block, at its top), so
    // tables side by side, or a note beside a table, never interleave rows.
    let block_top = |l: &PageLine| match l.table {
        Some(ti) => result.tables[ti].top,
        None => l.y,
    };
    let mut keyed: Vec<(f64, usize, f64, PageLine)> = result
        .lines
        .drain(..)
        .map(|l| (0.0, l.table.map(|t| t + 1).unwrap_or(0), l.y, l))
        .collect();
    for k in &mut keyed {
        k.0 = block_top(&k.3);
    }
    keyed.sort_by(|a, b| {
        a.0.total_cmp(&b.0)
            .then(a.1.cmp(&b.1))
            .then(a.2.total_cmp(&b.2))
    });
    result.lines = keyed.into_iter().map(|k| k.3).collect();
    result
}

/// Lays out a run of unruled table lines: columns from the chunks' left/right
/// edges shared across the run, each chunk placed in the column it overlaps.
fn unruled(lines: &[Vec<&Glyph>], out: &mut PageLayout) {
    let rows: Vec<Vec<Vec<&Glyph>>> = lines.iter().map(|l| chunks(l)).collect();
    // Column intervals: union of overlapping chunk extents across all rows.
    let mut spans: Vec<(f64, f64)> = rows
        .iter()
        .flatten()
        .map(|c| (c.first().unwrap().x0, c.last().unwrap().x1))
        .collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut cols: Vec<(f64, f64)> = Vec::new();
    for (a, b) in spans {
        match cols.last_mut() {
            Some(c) if a <= c.1 => c.1 = c.1.max(b),
            _ => cols.push((a, b)),
        }
    }
    for (l, row) in lines.iter().zip(&rows) {
        let mut cells = vec![String::new(); cols.len()];
        for ch in row {
            let x = ch.first().unwrap().x0;
            let ci = cols
                .iter()
                .position(|c| x >= c.0 - 0.5 && x <= c.1 + 0.5)
                .unwrap_or(0);
            let t = line_text(ch, false);
            if cells[ci].is_empty() {
                cells[ci] = t;
            } else {
                cells[ci].push(' ');
                cells[ci].push_str(&t);
            }
        }
        let top = l.iter().map(|g| g.y - g.size).fold(f64::MAX, f64::min);
        out.lines.push(PageLine {
            y: top,
            cells,
            table: None,
        });
    }
}
