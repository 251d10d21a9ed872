//! Ruled tables: cells from the ruling lines that enclose each token.
//!
//! The rulings are merged and grouped into tables (connected sets of crossing
//! lines). Every distinct vertical line position is a column boundary and
//! every distinct horizontal one a row boundary. A token belongs to the cell
//! whose left border is the nearest vertical line to its left that actually
//! crosses its height, and whose top border is the nearest horizontal line
//! above it that crosses its x; so a cell spanning columns lands at its
//! leftmost column and one spanning rows at its top row, and a cell's wrapped
//! lines join into one text. Numbers are placed by position, never by order.
//!
//! Where a grid column has no inner rulings but its rows print several widely
//! spaced numbers, it is split at the gaps; where a band between two
//! horizontal rulings holds several printed rows of numbers, it is split at
//! their baselines.

use super::text::{bounds, cell_text, has_digit, is_numeric, lines, union};
use super::tokens::Tok;
use super::{Bounds, PageLayout, Row, Rule, Table};

#[derive(Debug, Clone, Copy)]
struct RLine {
    pos: f64,
    a: f64,
    b: f64,
}

/// Merges collinear, overlapping or touching segments.
fn merge(mut segs: Vec<RLine>, pt: f64) -> Vec<RLine> {
    segs.sort_by(|p, q| p.pos.total_cmp(&q.pos));
    let mut out: Vec<RLine> = Vec::new();
    let mut i = 0;
    while i < segs.len() {
        let mut j = i + 1;
        while j < segs.len() && segs[j].pos - segs[j - 1].pos <= 1.5 * pt {
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
            if s.a <= cur.b + 3.0 * pt {
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

/// Index of the closest value.
pub(crate) fn index_of(v: &[f64], x: f64) -> usize {
    let mut best = 0;
    for (i, &b) in v.iter().enumerate() {
        if (b - x).abs() < (v[best] - x).abs() {
            best = i;
        }
    }
    best
}

struct Grid {
    h: Vec<RLine>,
    v: Vec<RLine>,
    xs: Vec<f64>,
    ys: Vec<f64>,
    bbox: [f64; 4],
}

/// At most this many ruling segments are looked at on one page (a page of
/// hatching or a chart drawn in strokes must not cost quadratic time).
const MAX_RULES: usize = 20_000;

fn grids(rules: &[Rule], pt: f64) -> Vec<Grid> {
    let rules = &rules[..rules.len().min(MAX_RULES)];
    let pick = |vertical: bool| {
        merge(
            rules
                .iter()
                .filter(|s| s.vertical == vertical)
                .map(|s| RLine {
                    pos: s.pos,
                    a: s.from.min(s.to),
                    b: s.from.max(s.to),
                })
                .collect(),
            pt,
        )
    };
    let (h, v) = (pick(false), pick(true));
    let n = h.len() + v.len();
    let mut parent: Vec<usize> = (0..n).collect();
    let tol = 3.0 * pt;
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
        let mut h = h;
        // a table continued from the page before may print no top border
        // (or one ending on the next page, no bottom border): where most of
        // its column rulings reach past its outer horizontal ruling, their
        // ends close it
        let (x0, x1) = (
            v.iter().map(|l| l.pos).fold(f64::MAX, f64::min),
            v.iter().map(|l| l.pos).fold(f64::MIN, f64::max),
        );
        let (top, bottom) = (
            h.iter().map(|l| l.pos).fold(f64::MAX, f64::min),
            h.iter().map(|l| l.pos).fold(f64::MIN, f64::max),
        );
        let over: Vec<f64> = v
            .iter()
            .filter(|l| l.a < top - 3.0 * pt)
            .map(|l| l.a)
            .collect();
        if over.len() >= 3 && over.len() * 2 > v.len() {
            let pos = over.iter().copied().fold(f64::MIN, f64::max);
            h.push(RLine { pos, a: x0, b: x1 });
        }
        let under: Vec<f64> = v
            .iter()
            .filter(|l| l.b > bottom + 3.0 * pt)
            .map(|l| l.b)
            .collect();
        if under.len() >= 3 && under.len() * 2 > v.len() {
            let pos = under.iter().copied().fold(f64::MAX, f64::min);
            h.push(RLine { pos, a: x0, b: x1 });
        }
        let xs = distinct(v.iter().map(|l| l.pos).collect(), 2.0 * pt);
        let ys = distinct(h.iter().map(|l| l.pos).collect(), 2.0 * pt);
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
        out.push(Grid { h, v, xs, ys, bbox });
    }
    out.sort_by(|a, b| a.bbox[1].total_cmp(&b.bbox[1]));
    out
}

/// Splits a printed line into chunks at wide gaps (two text heights).
pub(crate) fn chunks<'t>(l: &[&'t Tok]) -> Vec<Vec<&'t Tok>> {
    let mut out: Vec<Vec<&Tok>> = Vec::new();
    let mut prev: Option<&Tok> = None;
    for t in l {
        let split = match prev {
            None => true,
            Some(p) => t.x0 - p.x1 > 2.0 * p.size.max(t.size),
        };
        if split {
            out.push(Vec::new());
        }
        out.last_mut().unwrap().push(t);
        prev = Some(t);
    }
    out
}

/// Left and right edge of a chunk.
fn extent(ch: &[&Tok]) -> (f64, f64) {
    (
        ch.first().map(|t| t.x0).unwrap_or(0.0),
        ch.last().map(|t| t.x1).unwrap_or(0.0),
    )
}

fn chunk_numeric(ch: &[&Tok]) -> bool {
    has_digit(ch) && ch.iter().all(|t| is_numeric(&t.text))
}

/// Inner boundaries of the sub-columns of one grid column whose dividing
/// rulings are missing: found where at least two rows print several widely
/// spaced chunks with a number among the later ones (letter-spaced words such
/// as "合    计" never split a column). Empty when the column is whole.
fn sub_columns<'t, 'r>(col: impl Iterator<Item = &'r [&'t Tok]>) -> Vec<f64>
where
    't: 'r,
{
    let mut spans: Vec<(f64, f64)> = Vec::new();
    let mut rows = 0;
    for cell in col {
        let mut any = false;
        for l in lines(cell) {
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

/// Splits a cell's tokens into `bounds.len() + 1` sub-cells. A chunk goes by
/// its left edge (so text spanning sub-columns lands in the leftmost), a number
/// by its right edge (numbers are right-aligned).
fn split_cell<'t>(cell: &[&'t Tok], bounds: &[f64]) -> Vec<Vec<&'t Tok>> {
    let mut parts: Vec<Vec<&Tok>> = vec![Vec::new(); bounds.len() + 1];
    for l in lines(cell) {
        for ch in chunks(&l) {
            let (x0, x1) = extent(&ch);
            let half = 0.05 * ch[0].size;
            let x = if chunk_numeric(&ch) {
                x1 - half
            } else {
                x0 + half
            };
            let k = bounds.iter().filter(|b| **b < x).count();
            parts[k].extend(ch);
        }
    }
    parts
}

/// A row band that holds several printed rows (no rulings between data rows),
/// split at its lines. Only when at least two columns print two or more lines
/// and one of them prints numbers on two or more lines: wrapped header cells
/// (no numbers) and a wrapped label beside one number stay whole.
fn split_band<'t>(band: &[Vec<&'t Tok>]) -> Option<Vec<Vec<Vec<&'t Tok>>>> {
    let (mut multi, mut numeric) = (0, false);
    for cell in band {
        let ls = lines(cell);
        if ls.len() >= 2 {
            multi += 1;
            numeric |= ls.iter().filter(|l| chunk_numeric(l)).count() >= 2;
        }
    }
    if multi < 2 || !numeric {
        return None;
    }
    let mut centres: Vec<(f64, f64)> = band.iter().flatten().map(|t| (t.cy, t.size)).collect();
    centres.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut rows: Vec<f64> = Vec::new();
    for (y, size) in centres {
        match rows.last() {
            Some(&c) if y - c <= 0.45 * size => {}
            _ => rows.push(y),
        }
    }
    let mut out = vec![vec![Vec::new(); band.len()]; rows.len()];
    for (c, cell) in band.iter().enumerate() {
        for t in cell {
            let k = index_of(&rows, t.cy);
            out[k][c].push(*t);
        }
    }
    Some(out)
}

/// A cell with no ruling under it where the rows beside it have one (a
/// ruling lost in a scan) holds the text of several rows: each of its lines goes to the row band it sits in, where
/// every line sits near the middle of its own band, the bands below are
/// rows of their own (text in another column) with this cell blank, and no
/// line but the last reaches the cell's right edge (a wrapped label does).
/// A label printed once for rows that share it, or wrapped, stays whole.
fn spread_lines(cells: &mut [Vec<Vec<&Tok>>], t: &Grid) {
    let nrows = cells.len();
    if nrows < 2 || t.ys.len() != nrows + 1 {
        return;
    }
    let band_of = |cy: f64| t.ys.windows(2).position(|w| cy >= w[0] && cy < w[1]);
    for c in 0..cells.first().map_or(0, |r| r.len()) {
        for r in 0..nrows {
            if cells[r][c].is_empty() {
                continue;
            }
            let ls = lines(&cells[r][c]);
            if ls.len() < 2 {
                continue;
            }
            let right = t.xs.get(c + 1).copied().unwrap_or(f64::MAX);
            let mut bands: Vec<usize> = Vec::with_capacity(ls.len());
            let mut ok = true;
            for (i, l) in ls.iter().enumerate() {
                let cy = l.iter().map(|t| t.cy).sum::<f64>() / l.len() as f64;
                let size = l.iter().map(|t| t.size).fold(0.0, f64::max);
                let Some(k) = band_of(cy) else {
                    ok = false;
                    break;
                };
                let (a, b) = (t.ys[k], t.ys[k + 1]);
                let wraps =
                    i + 1 < ls.len() && l.last().is_some_and(|t| t.x1 >= right - 2.0 * size);
                let mid = (cy - (a + b) / 2.0).abs() <= 0.3 * (b - a);
                let own = if i == 0 {
                    k == r
                } else {
                    bands.last().is_some_and(|&p| k > p)
                        && cells[k][c].is_empty()
                        && cells[k]
                            .iter()
                            .enumerate()
                            .any(|(j, x)| j != c && !x.is_empty())
                };
                if wraps || !mid || !own {
                    ok = false;
                    break;
                }
                bands.push(k);
            }
            if !ok {
                continue;
            }
            for (l, &k) in ls.iter().zip(&bands).skip(1) {
                cells[r][c].retain(|t| !l.iter().any(|m| std::ptr::eq(*m, *t)));
                cells[k][c].extend(l.iter().copied());
            }
        }
    }
}

/// The unit the ruling tolerances are measured in: a ninth of the page's
/// median text height (one point for 9 pt text), never under one unit (a
/// point of a PDF; OCR pixels are always many to a text height).
fn unit(toks: &[Tok]) -> f64 {
    if toks.is_empty() {
        return 1.0;
    }
    let mut s: Vec<f64> = toks.iter().map(|t| t.size).collect();
    let mid = s.len() / 2;
    s.select_nth_unstable_by(mid, |a, b| a.total_cmp(b));
    (s[mid] / 9.0).max(1.0)
}

/// Lays out the ruled tables of a page into `out`; returns the tokens that
/// are in no ruled table.
///
/// On a `scanned` page (words read from an image) a ruling may have been
/// lost in the scan: a cell holding the lines of several rows gives each
/// its row ([`spread_lines`]). On a text layer a missing ruling is a cell
/// merged by design, and stays one.
pub(crate) fn layout<'t>(
    toks: &'t [Tok],
    rules: &[Rule],
    scanned: bool,
    out: &mut PageLayout,
) -> Vec<&'t Tok> {
    let pt = unit(toks);
    let tables = grids(rules, pt);
    let mut in_table: Vec<Option<usize>> = vec![None; toks.len()];
    // Each token belongs to the smallest table around it (a frame drawn round
    // a page or a box round a table must not take the table's text).
    let area = |t: &Grid| (t.bbox[2] - t.bbox[0]) * (t.bbox[3] - t.bbox[1]);
    for (ti, t) in tables.iter().enumerate() {
        let [x0, y0, x1, y1] = t.bbox;
        for (k, tok) in toks.iter().enumerate() {
            let (cx, cy) = (tok.first_cx(), tok.cy);
            if cx >= x0 - pt && cx <= x1 + pt && cy >= y0 - pt && cy <= y1 + pt {
                match in_table[k] {
                    Some(o) if area(&tables[o]) <= area(t) => {}
                    _ => in_table[k] = Some(ti),
                }
            }
        }
    }
    for (ti, t) in tables.iter().enumerate() {
        let ncols = t.xs.len() - 1;
        let nrows = t.ys.len() - 1;
        let mut cells: Vec<Vec<Vec<&Tok>>> = vec![vec![Vec::new(); ncols]; nrows.max(1)];
        let mut members: Vec<usize> = Vec::new();
        for (k, tok) in toks.iter().enumerate() {
            if in_table[k] != Some(ti) {
                continue;
            }
            let (cx, cy) = (tok.first_cx(), tok.cy);
            let gx = tok.lead_x();
            let left = t
                .v
                .iter()
                .filter(|l| l.pos <= gx + 0.5 * pt && cy >= l.a - 2.0 * pt && cy <= l.b + 2.0 * pt)
                .map(|l| l.pos)
                .fold(f64::MIN, f64::max);
            let col = if left == f64::MIN {
                index_of(&t.xs, gx).saturating_sub(1)
            } else {
                index_of(&t.xs, left)
            };
            let top = t
                .h
                .iter()
                .filter(|l| l.pos <= cy + 0.5 * pt && cx >= l.a - 2.0 * pt && cx <= l.b + 2.0 * pt)
                .map(|l| l.pos)
                .fold(f64::MIN, f64::max);
            let row = if top == f64::MIN {
                0
            } else {
                index_of(&t.ys, top)
            };
            cells[row.min(nrows - 1)][col.min(ncols - 1)].push(tok);
            members.push(k);
        }
        if scanned {
            spread_lines(&mut cells, t);
        }
        // Columns whose inner rulings are not drawn: split them at x-gaps.
        let subs: Vec<Vec<f64>> = (0..ncols)
            .map(|c| sub_columns(cells.iter().map(|row| &row[c][..])))
            .collect();
        // A single box, or one column that does not split, is a frame, not a
        // table: its text is laid out as lines.
        if ncols == 1 && (nrows == 1 || subs[0].is_empty()) {
            for k in members {
                in_table[k] = None;
            }
            continue;
        }
        let tix = out.tables.len();
        for band in &cells {
            let rows = split_band(band).unwrap_or_else(|| vec![band.clone()]);
            for row in &rows {
                let mut parts: Vec<Vec<&Tok>> = Vec::with_capacity(ncols);
                for (c, cell) in row.iter().enumerate() {
                    if subs[c].is_empty() {
                        parts.push(cell.clone());
                    } else {
                        parts.extend(split_cell(cell, &subs[c]));
                    }
                }
                if parts.iter().all(|p| p.is_empty()) {
                    continue;
                }
                out.rows.push(make_row(&parts, Some(tix)));
            }
        }
        let mut xs = Vec::new();
        for (x, sub) in t.xs.iter().zip(&subs) {
            xs.push(*x);
            xs.extend(sub.iter().copied());
        }
        xs.push(t.xs[ncols]);
        out.tables.push(Table {
            xs,
            top: t.bbox[1],
            bottom: t.bbox[3],
            ruled: true,
            header: Vec::new(),
            ink: Vec::new(),
            body: Vec::new(),
        });
    }
    toks.iter()
        .zip(&in_table)
        .filter(|(_, t)| t.is_none())
        .map(|(t, _)| t)
        .collect()
}

/// A row from the tokens of each of its cells.
pub(crate) fn make_row(parts: &[Vec<&Tok>], table: Option<usize>) -> Row {
    let cells: Vec<String> = parts.iter().map(|p| cell_text(p)).collect();
    let boxes: Vec<Option<Bounds>> = parts
        .iter()
        .zip(&cells)
        .map(|(p, c)| if c.is_empty() { None } else { bounds(p) })
        .collect();
    let b = union(boxes.iter().copied()).unwrap_or_default();
    Row {
        cells,
        boxes,
        bounds: b,
        table,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokens;
    use super::super::Word;
    use super::*;

    fn grid(xs: &[f64], ys: &[f64]) -> Vec<Rule> {
        let mut r = Vec::new();
        for &x in xs {
            r.push(Rule {
                vertical: true,
                pos: x,
                from: ys[0],
                to: *ys.last().unwrap(),
            });
        }
        for &y in ys {
            r.push(Rule {
                vertical: false,
                pos: y,
                from: xs[0],
                to: *xs.last().unwrap(),
            });
        }
        r
    }

    fn w(t: &str, x0: f64, base: f64) -> Word {
        let n = t.chars().count() as f64;
        Word::glyph(t, x0, x0 + 5.0 * n, base, 9.0, 0)
    }

    #[test]
    fn cells_by_enclosing_rules_spans_at_their_leftmost_column() {
        let rules = grid(&[0.0, 50.0, 100.0, 150.0], &[0.0, 20.0, 40.0]);
        let words = vec![
            // a header centred over columns 1 and 2 (no rule between them on row 0)
            w("本年支出", 90.0, 14.0),
            w("项目", 2.0, 14.0),
            w("合计", 2.0, 34.0),
            w("1.00", 80.0, 34.0),
            w("2.00", 130.0, 34.0),
        ];
        let mut rules = rules;
        rules.retain(|r| !(r.vertical && r.pos == 100.0));
        rules.push(Rule {
            vertical: true,
            pos: 100.0,
            from: 20.0,
            to: 40.0,
        });
        let toks = tokens(&words, &rules);
        let mut out = PageLayout::default();
        let free = layout(&toks, &rules, false, &mut out);
        assert!(free.is_empty());
        let cells: Vec<Vec<String>> = out.rows.iter().map(|r| r.cells.clone()).collect();
        assert_eq!(
            cells,
            vec![vec!["项目", "本年支出", ""], vec!["合计", "1.00", "2.00"]]
        );
        assert!(out.rows[1].boxes[0].is_some());
        assert_eq!(out.tables[0].xs, vec![0.0, 50.0, 100.0, 150.0]);
    }

    #[test]
    fn a_table_continued_without_its_top_border_keeps_its_first_row() {
        // the column rulings reach up to y = 0; the first horizontal one is
        // under the first row (its top border was printed on the page before)
        let mut rules = grid(&[0.0, 50.0, 100.0, 150.0], &[20.0, 40.0, 60.0]);
        for r in rules.iter_mut().filter(|r| r.vertical) {
            r.from = 0.0;
        }
        let words = vec![
            w("206", 2.0, 14.0),
            w("科学技术支出", 52.0, 14.0),
            w("1723.93", 110.0, 14.0),
            w("20602", 2.0, 34.0),
            w("基础研究", 52.0, 34.0),
            w("1723.93", 110.0, 34.0),
            w("合计", 2.0, 54.0),
            w("1723.93", 110.0, 54.0),
        ];
        let toks = tokens(&words, &rules);
        let mut out = PageLayout::default();
        let free = layout(&toks, &rules, false, &mut out);
        assert!(free.is_empty(), "{free:?}");
        let cells: Vec<Vec<String>> = out.rows.iter().map(|r| r.cells.clone()).collect();
        assert_eq!(
            cells,
            vec![
                vec!["206", "科学技术支出", "1723.93"],
                vec!["20602", "基础研究", "1723.93"],
                vec!["合计", "", "1723.93"],
            ]
        );
    }

    #[test]
    fn a_lone_box_is_a_frame() {
        let rules = grid(&[0.0, 300.0], &[0.0, 100.0]);
        let words = vec![w("说明", 10.0, 20.0)];
        let toks = tokens(&words, &rules);
        let mut out = PageLayout::default();
        let free = layout(&toks, &rules, false, &mut out);
        assert_eq!(free.len(), 1);
        assert!(out.rows.is_empty());
    }

    /// A grid of rows 20 high whose rules between rows 1–3 are missing in
    /// the first column (from x = 0 to 60).
    fn lost_rules() -> Vec<Rule> {
        let mut rules = grid(&[0.0, 60.0, 120.0, 180.0], &[0.0, 20.0, 80.0]);
        for y in [40.0, 60.0] {
            rules.push(Rule {
                vertical: false,
                pos: y,
                from: 60.0,
                to: 180.0,
            });
        }
        rules
    }

    /// The header and three rows of a name and an amount (on baselines 34,
    /// 54 and 74, in the middle of their bands) of [`lost_rules`].
    fn three_rows() -> Vec<Word> {
        let mut words = vec![w("项目", 2.0, 14.0), w("金额", 62.0, 14.0)];
        for (k, base) in [34.0, 54.0, 74.0].into_iter().enumerate() {
            words.push(w(&format!("费{k}"), 62.0, base));
            words.push(w(&format!("{k}.00"), 130.0, base));
        }
        words
    }

    fn cells(words: &[Word], rules: &[Rule], scanned: bool) -> Vec<Vec<String>> {
        let toks = tokens(words, rules);
        let mut out = PageLayout::default();
        layout(&toks, rules, scanned, &mut out);
        out.rows.iter().map(|r| r.cells.clone()).collect()
    }

    #[test]
    fn lines_of_a_cell_whose_rulings_were_lost_go_to_their_rows() {
        let rules = lost_rules();
        // a code on each row, in the middle of its band, the rulings under
        // the first two lost in the first column
        let mut words = three_rows();
        for (k, base) in [34.0, 54.0, 74.0].into_iter().enumerate() {
            words.push(w(&format!("20{k}"), 2.0, base));
        }
        // on a text layer the cell is one, merged by design
        assert_eq!(cells(&words, &rules, false)[1][0], "200201202");
        assert_eq!(
            cells(&words, &rules, true),
            vec![
                vec!["项目", "金额", ""],
                vec!["200", "费0", "0.00"],
                vec!["201", "费1", "1.00"],
                vec!["202", "费2", "2.00"],
            ]
        );
    }

    #[test]
    fn a_label_printed_once_for_its_rows_stays_whole() {
        let rules = lost_rules();
        let mut words = three_rows();
        // a label on two lines, centred on the three rows it spans (its
        // first line below the middle of the top row)
        words.push(w("高等职业教", 2.0, 48.0));
        words.push(w("育支出", 2.0, 60.0));
        let got = cells(&words, &rules, true);
        assert_eq!(got[1][0], "高等职业教育支出", "{got:?}");
        assert_eq!(got[2][0], "");
    }
}
