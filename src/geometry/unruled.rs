//! Text outside ruled tables: borderless tables and prose.
//!
//! 1. **Lines**: tokens grouped by vertical centre.
//! 2. **Regions**: a borderless table is a run of lines around at least one
//!    line that prints a number beside other text at a distance (a *data*
//!    line), grown up over its header lines and down over rows that fit its
//!    columns; titles, `单位:` lines, notes and prose end it.
//! 3. **Columns** come from structure: the x-ranges the body rows print in
//!    (a gutter that only a row or two print across, such as a `合计`
//!    centred over two columns, still divides), right edges of amounts never
//!    crossing a gutter, and header words standing over a gutter (a column
//!    blank in every body row keeps its place from its header).
//! 4. **Rows are bands**: lines whose text overlaps vertically (a label
//!    centred in a tall row, its numbers bottom-aligned a little lower; a
//!    code centred beside a wrapped label) are one row; a line of text alone
//!    joins the row it continues (a wrapped label) when it fills no column
//!    that row already fills, or when the row above filled its column to the
//!    edge and the line does not open a new item.
//! 5. **Headers**: the lines above the first data line are grouped the same
//!    way; a header word over several columns (`本年支出` over `基本支出`,
//!    `项目支出`) lands at the leftmost column of the span it is centred on,
//!    a header standing alone between two header rows (spanning both) lands
//!    in the upper one, and a wrapped header (`本年收` / `入合计`) is joined per
//!    column.

use super::ruled::{chunks, make_row};
use super::text::{has_leader, is_numeric, line_text, lines};
use super::tokens::Tok;
use super::{ColumnBody, Page, PageLayout, Table};

/// Columns a borderless table hands over to its continuation on the next page.
#[derive(Debug, Clone)]
pub(crate) struct Carry {
    /// Column intervals of the table ending the previous page.
    pub cols: Vec<(f64, f64)>,
    /// Its header texts.
    pub header: Vec<String>,
    /// Where its columns' text lies (see [`Table::ink`]).
    pub ink: Vec<(f64, f64)>,
    /// What its body printed in each column (see [`Table::body`]).
    pub body: Vec<ColumnBody>,
    /// The texts printed above it (its title, unit line), spaces left out.
    pub above: Vec<String>,
}

/// The columns of a borderless table ending `prev`, for a continuation at the
/// top of `page`.
pub(crate) fn carry_from(prev: &PageLayout, _page: &Page) -> Option<Carry> {
    let last = prev.rows.iter().rev().find(|r| {
        // the page's last line that is not a page number or footer
        !(r.table.is_none()
            && r.cells.len() == 1
            && super::assemble::in_margin(r.bounds[1], prev.height)
            || super::assemble::low_page_number(r, prev))
    })?;
    let ti = last.table?;
    let t = &prev.tables[ti];
    if t.ruled || t.xs.len() < 3 {
        return None;
    }
    let above = prev
        .rows
        .iter()
        .filter(|r| r.table.is_none() && r.bounds[3] <= t.top)
        .map(|r| squeeze(&r.cells.concat()))
        .collect();
    Some(Carry {
        cols: t.xs.windows(2).map(|w| (w[0], w[1])).collect(),
        header: t.header.clone(),
        ink: t.ink.clone(),
        body: t.body.clone(),
        above,
    })
}

/// One printed line.
struct PLine<'t> {
    toks: Vec<&'t Tok>,
    top: f64,
    bottom: f64,
    cy: f64,
    size: f64,
    x0: f64,
}

impl<'t> PLine<'t> {
    fn new(toks: Vec<&'t Tok>) -> Self {
        let top = toks.iter().map(|t| t.top).fold(f64::MAX, f64::min);
        let bottom = toks.iter().map(|t| t.bottom).fold(f64::MIN, f64::max);
        let mut sizes: Vec<f64> = toks.iter().map(|t| t.size).collect();
        sizes.sort_by(|a, b| a.total_cmp(b));
        let size = sizes[sizes.len() / 2];
        let cy = toks.iter().map(|t| t.cy).sum::<f64>() / toks.len() as f64;
        PLine {
            top,
            bottom,
            cy,
            size,
            x0: toks.iter().map(|t| t.x0).fold(f64::MAX, f64::min),
            toks,
        }
    }
    fn text(&self) -> String {
        line_text(&self.toks, false)
    }
}

/// True for a token that is an amount, a count or a code.
fn tok_numeric(t: &Tok) -> bool {
    is_numeric(&t.text)
}

/// True when token `k` of a line is an item's number before its words
/// (`1.` of `1. 副部（省）级及以上领导用车`): a label's, not a figure.
fn item_number(l: &[&Tok], k: usize) -> bool {
    let (p, Some(t)) = (l[k], l.get(k + 1)) else {
        return false;
    };
    let n = p.text.trim_end_matches(['.', '、', '．']);
    n.len() < p.text.len()
        && (1..=2).contains(&n.len())
        && n.chars().all(|c| c.is_ascii_digit())
        && t.text.chars().next().is_some_and(super::is_cjk)
        && t.x0 - p.x1 <= 0.8 * p.size.max(t.size)
}

/// True for a token of dashes alone (`——`, `-`): a cell's mark for no value.
fn tok_dash(t: &Tok) -> bool {
    !t.text.is_empty() && t.text.chars().all(|c| "-—–─―－".contains(c))
}

/// Chunks of a line for telling tables from prose: tokens split where the gap
/// is wider than 0.8 of the text height, and around numbers and dashes for no
/// value (`无形资产购置 ——` in a narrow column) wherever there is a gap at all.
fn cells_of<'t>(l: &[&'t Tok]) -> Vec<Vec<&'t Tok>> {
    let single = |t: &Tok| {
        let mut c = t.text.chars();
        c.next().is_some_and(super::is_cjk) && c.next().is_none()
    };
    // a label letter-spaced across its cell (`本  年  收  入  合  计`): three or
    // more single characters the same gap apart, within three text heights
    // (`合    计` too)
    let gap = |k: usize| l[k].x0 - l[k - 1].x1;
    // (but 类 款 项 are the headers of three code columns)
    let words = &crate::grammar::grammar().words;
    let parts = |k: usize| words.is_code_part(&l[k - 1].text) && words.is_code_part(&l[k].text);
    let spaced_to = |k: usize| {
        single(l[k - 1])
            && single(l[k])
            && gap(k) <= 3.0 * l[k].size.max(l[k - 1].size)
            && !parts(k)
    };
    let mut spaced = vec![false; l.len()];
    let mut k = 1;
    while k < l.len() {
        let start = k;
        while k < l.len()
            && spaced_to(k)
            && (k == start || (gap(k) - gap(start)).abs() <= 0.15 * gap(start))
        {
            k += 1;
        }
        // (or two that make a total or an amount header: `合    计`, `小  计`)
        let total = k - start == 1 && {
            let pair = format!("{}{}", l[start - 1].text, l[start].text);
            words.is_total(&pair) || words.amount_headers.contains(&pair)
        };
        if k - start >= 2 || total {
            spaced[start..k].fill(true);
        }
        k = k.max(start + 1);
    }
    let mut out: Vec<Vec<&Tok>> = Vec::new();
    for (k, t) in l.iter().enumerate() {
        let split = match out.last().and_then(|c| c.last()) {
            None => true,
            Some(p) => {
                let gap = t.x0 - p.x1;
                let size = p.size.max(t.size);
                !spaced[k]
                    && (gap > 0.8 * size
                        || ((tok_numeric(p) || tok_numeric(t) || tok_dash(p) || tok_dash(t))
                            && gap > 0.25 * size))
            }
        };
        if split {
            out.push(Vec::new());
        }
        out.last_mut().unwrap().push(t);
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    /// A number beside other text at a distance: a table row.
    Data,
    /// Three or more separate pieces of text, or two far apart: a header or a
    /// row of labels.
    Multi,
    /// Anything else.
    Other,
}

fn kind(l: &PLine) -> Kind {
    if ellipses(l) {
        // a template's row of `…` (more rows like these): a row of the table
        return if chunks(&l.toks).len() >= 2 {
            Kind::Multi
        } else {
            Kind::Other
        };
    }
    if has_leader(&l.toks) {
        return Kind::Other;
    }
    let t = &l.toks;
    // pieces apart by most of a text height
    let wide = |i: usize, j: usize| t[j].x0 - t[i].x1 >= 0.8 * t[i].size.max(t[j].size);
    // a number and the next cell of a tight table: an item (`一、…`) a
    // quarter of a text height on (a right-aligned amount against the
    // left-aligned label of the column after it); or two numbers half a
    // text height apart (a line number against the amount of a column
    // about one em wider than it: `1 700.00`)
    let next_cell = |i: usize, j: usize| {
        let gap = t[j].x0 - t[i].x1;
        let h = t[i].size.max(t[j].size);
        wide(i, j)
            || gap >= 0.25 * h && opens_cjk_item(&t[j].text)
            || gap >= 0.5 * h && tok_numeric(t[i]) && tok_numeric(t[j])
    };
    let pieces = 1 + (1..t.len()).filter(|&k| next_cell(k - 1, k)).count();
    // a number standing apart from its neighbours (not a year in a sentence)
    let apart = (0..t.len()).any(|k| {
        tok_numeric(t[k]) && (k == 0 || wide(k - 1, k)) && (k + 1 == t.len() || next_cell(k, k + 1))
    });
    if pieces >= 2 && apart {
        Kind::Data
    } else if pieces >= 3 || chunks(t).len() >= 2 {
        Kind::Multi
    } else {
        Kind::Other
    }
}

/// A line that says who made a table and in what unit, or that labels or
/// notes it: it never belongs to a table's rows.
fn is_meta(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let colon = |w: &str| t.contains(&format!("{w}:")) || t.contains(&format!("{w}："));
    colon("单位")
        || colon("单位名称")
        || colon("编制单位")
        || colon("部门")
        || colon("部门名称")
        || colon("预算单位")
        || t.starts_with("注:")
        || t.starts_with("注：")
        || t.starts_with("说明:")
        || t.starts_with("说明：")
        || t.starts_with("备注:")
        || t.starts_with("备注：")
        || t.ends_with("万元") && t.starts_with("单位")
        || t.trim_matches(['(', ')', '（', '）']).ends_with("年度") && t.chars().count() <= 16
}

/// A table of contents without leader dots: every line a title and a page
/// number (a small integer), the numbers never decreasing. Kept as prose.
fn is_toc(ls: &[&PLine]) -> bool {
    let mut last = 0u32;
    for l in ls {
        let ch = chunks(&l.toks);
        if ch.len() != 2 {
            return false;
        }
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

/// Lays out the tokens outside ruled tables.
pub(crate) fn layout(free: &[&Tok], page: &Page, carry: Option<&Carry>, out: &mut PageLayout) {
    let joined = join_wrapped_amounts(free);
    let free: Vec<&Tok> = match &joined {
        Some(toks) => toks.iter().collect(),
        None => free.to_vec(),
    };
    let ls: Vec<PLine> = lines(&free).into_iter().map(PLine::new).collect();
    let kinds: Vec<Kind> = ls.iter().map(kind).collect();
    // the page's number under everything else is no row of a table above
    // it (a table down to the foot of the page: `22` under 本年收入合计)
    let folio = ls.last().is_some_and(|l| {
        l.toks.len() == 1
            && super::assemble::is_page_number(&l.toks[0].text)
            && l.top > 0.75 * page.height
            && ls.len() >= 2
            && l.top > ls[ls.len() - 2].bottom
    });
    let tabled = if folio { ls.len() - 1 } else { ls.len() };
    let regions = regions(&ls[..tabled], &kinds[..tabled], page, carry);
    let mut i = 0;
    let mut r = 0;
    while i < ls.len() {
        if let Some(&(a, b, cont)) = regions.get(r) {
            if i == a {
                table(
                    &ls[a..b],
                    &kinds[a..b],
                    if cont { carry } else { None },
                    out,
                );
                i = b;
                r += 1;
                continue;
            }
        }
        let l = &ls[i];
        let t = l.text();
        if !t.is_empty() {
            let mut row = make_row(std::slice::from_ref(&l.toks), None);
            row.cells = vec![t];
            out.rows.push(row);
        }
        i += 1;
    }
}

/// An amount its narrow column wrapped onto a second line (`21,118.5` over
/// `1`, the two right-aligned at the same edge, a line apart): one token,
/// standing where the row between the two lines stands. The tokens with the
/// parts joined, or `None` when no amount is wrapped.
fn join_wrapped_amounts(free: &[&Tok]) -> Option<Vec<Tok>> {
    // an amount short of its two decimals, and the digits that complete it
    let short = |t: &Tok| {
        tok_numeric(t)
            && t.text.split_once('.').is_some_and(|(n, d)| {
                n.chars().any(|c| c.is_ascii_digit())
                    && d.len() < 2
                    && d.chars().all(|c| c.is_ascii_digit())
            })
    };
    let tail = |a: &Tok, b: &Tok| {
        let decimals = a.text.split_once('.').map_or(0, |(_, d)| d.len());
        !b.text.is_empty()
            && b.text.len() == 2 - decimals
            && b.text.chars().all(|c| c.is_ascii_digit())
            && (b.x1 - a.x1).abs() <= 0.3 * a.size
            && b.top >= a.bottom - 0.2 * a.size
            && b.top - a.bottom <= 0.8 * a.size
    };
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (i, a) in free.iter().enumerate() {
        if !short(a) {
            continue;
        }
        let below: Vec<usize> = (0..free.len()).filter(|&j| tail(a, free[j])).collect();
        if let [j] = below[..] {
            pairs.push((i, j));
        }
    }
    if pairs.is_empty() {
        return None;
    }
    let mut out: Vec<Tok> = Vec::with_capacity(free.len());
    for (k, t) in free.iter().enumerate() {
        if pairs.iter().any(|&(_, j)| j == k) {
            continue;
        }
        let mut t = (*t).clone();
        if let Some(&(_, j)) = pairs.iter().find(|&&(i, _)| i == k) {
            let b = free[j];
            t.text.push_str(&b.text);
            t.x0 = t.x0.min(b.x0);
            t.x1 = t.x1.max(b.x1);
            t.cy = (t.cy + b.cy) / 2.0;
            let h = (t.bottom - t.top) / 2.0;
            (t.top, t.bottom) = (t.cy - h, t.cy + h);
        }
        out.push(t);
    }
    Some(out)
}

/// The x-ranges of the pieces of text of some lines, with their line index:
/// what columns are made of.
fn spans_of(lines: &[PLine]) -> Vec<(f64, f64, usize)> {
    lines
        .iter()
        .enumerate()
        .flat_map(|(r, l)| {
            cells_of(&l.toks)
                .into_iter()
                .map(move |c| (c[0].x0, c.last().unwrap().x1, r))
        })
        .collect()
}

/// Column intervals: the union of the x-ranges of `spans`, split where few
/// rows print across (see [`split_weak`]).
fn blocks(spans: &[(f64, f64, usize)], size: f64) -> Vec<(f64, f64)> {
    let mut s: Vec<(f64, f64, usize)> = spans.to_vec();
    s.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut merged: Vec<(f64, f64)> = Vec::new();
    for &(a, b, _) in &s {
        match merged.last_mut() {
            Some(m) if a < m.1 => m.1 = m.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    let mut out = Vec::new();
    for m in merged {
        let inside: Vec<(f64, f64, usize)> = s
            .iter()
            .filter(|x| x.0 >= m.0 - 1e-9 && x.1 <= m.1 + 1e-9)
            .copied()
            .collect();
        out.extend(split_weak(m, &inside, size));
    }
    out
}

/// Splits one interval where at most a third as many rows print across a
/// point as print on each side of it (and at least two print on each side):
/// a `合计` or a section title centred over two columns does not join them.
fn split_weak(m: (f64, f64), spans: &[(f64, f64, usize)], size: f64) -> Vec<(f64, f64)> {
    // elementary intervals between edges
    let mut xs: Vec<f64> = spans.iter().flat_map(|s| [s.0, s.1]).collect();
    xs.sort_by(|a, b| a.total_cmp(b));
    xs.dedup_by(|a, b| (*a - *b).abs() < 1e-6);
    if xs.len() < 3 || spans.len() > 4000 {
        return vec![m];
    }
    // rows covering each elementary interval
    let rows_over = |a: f64, b: f64| -> usize {
        let mid = (a + b) / 2.0;
        let mut rows: Vec<usize> = spans
            .iter()
            .filter(|s| s.0 <= mid && s.1 >= mid)
            .map(|s| s.2)
            .collect();
        rows.sort_unstable();
        rows.dedup();
        rows.len()
    };
    let cover: Vec<usize> = xs.windows(2).map(|w| rows_over(w[0], w[1])).collect();
    let n = cover.len();
    // best split candidates: local minima, checked against the peaks on each side
    let mut cuts: Vec<usize> = Vec::new();
    let mut k = 0;
    while k < n {
        let left_peak = cover[..k].iter().copied().max().unwrap_or(0);
        let right_peak = cover[k + 1..].iter().copied().max().unwrap_or(0);
        let side = left_peak.min(right_peak);
        if side >= 2 && cover[k] * 3 <= side && xs[k + 1] - xs[k] > 0.0 {
            // the whole weak stretch
            let mut e = k;
            while e + 1 < n && cover[e + 1] * 3 <= side {
                e += 1;
            }
            // spanning pieces may leave content-free gaps: cut at the lowest point
            let lo = (k..=e).min_by_key(|&j| cover[j]).unwrap();
            cuts.push(lo);
            k = e + 1;
            continue;
        }
        k += 1;
    }
    if cuts.is_empty() {
        return vec![m];
    }
    let _ = size;
    let mut out = Vec::new();
    let mut start = m.0;
    for &c in &cuts {
        // the part left of the cut ends where the content left of it ends
        let end = xs[c];
        if end > start {
            out.push((start, end));
        }
        start = xs[c + 1];
    }
    if m.1 > start {
        out.push((start, m.1));
    }
    out
}

/// Finds the borderless tables among the lines: `(first, end, continues)`
/// for each, `continues` when it takes its columns from the previous page.
fn regions(
    ls: &[PLine],
    kinds: &[Kind],
    page: &Page,
    carry: Option<&Carry>,
) -> Vec<(usize, usize, bool)> {
    let n = ls.len();
    let meta: Vec<bool> = ls.iter().map(|l| is_meta(&l.text())).collect();
    let mut out: Vec<(usize, usize, bool)> = Vec::new();
    let mut i = 0;
    while i < n {
        if out.is_empty() {
            if let Some(j) =
                carry.and_then(|c| figureless_continuation(ls, kinds, &meta, i, c, page))
            {
                out.push((i, j, true));
                i = j;
                continue;
            }
        }
        if let Some(j) = blank_table_at(ls, kinds, &meta, i) {
            out.push((i, j, false));
            i = j;
            continue;
        }
        let text_table = kinds[i] == Kind::Multi && !meta[i] && text_table_at(ls, kinds, &meta, i);
        if (kinds[i] != Kind::Data && !text_table) || meta[i] {
            i += 1;
            continue;
        }
        // a core: data and multi lines close to each other, then lines that
        // fit its columns (rows of labels alone, wrapped labels), and data
        // lines that fit them after a gap (blank rows)
        let mut j = i + 1;
        while j < n
            && matches!(kinds[j], Kind::Data | Kind::Multi)
            && !meta[j]
            && ls[j].top - ls[j - 1].bottom <= 2.5 * ls[j].size
        {
            j += 1;
        }
        if is_toc(&ls[i..j].iter().collect::<Vec<_>>()) {
            i = j;
            continue;
        }
        let size = median(ls[i..j].iter().map(|l| l.size));
        let columns = |lines: &[PLine]| blocks(&spans_of(lines), size);
        // the columns to fit lines into: those of the data lines ahead too
        // (a row whose label wrapped above it must not end the table)
        let mut w = j;
        while w < n
            && w < j + 60
            && !meta[w]
            && (ls[w].size - size).abs() <= 0.15 * size
            && ls[w].top - ls[w - 1].bottom <= 15.0 * size
        {
            w += 1;
        }
        let ahead: Vec<&PLine> = ls[i..w]
            .iter()
            .zip(&kinds[i..w])
            .filter(|(_, k)| matches!(**k, Kind::Data | Kind::Multi))
            .map(|(l, _)| l)
            .collect();
        let ahead_spans: Vec<(f64, f64, usize)> = ahead
            .iter()
            .enumerate()
            .flat_map(|(r, l)| {
                cells_of(&l.toks)
                    .into_iter()
                    .map(move |c| (c[0].x0, c.last().unwrap().x1, r))
            })
            .collect();
        let mut cols = blocks(&ahead_spans, size);
        // no piece reaches over two columns, and each is near one
        let within = |l: &PLine, cols: &[(f64, f64)]| -> bool {
            let (t0, t1) = (
                cols.first().map(|c| c.0).unwrap_or(0.0),
                cols.last().map(|c| c.1).unwrap_or(0.0),
            );
            cells_of(&l.toks).iter().all(|c| {
                let (a, b) = (c[0].x0, c.last().unwrap().x1);
                let over = cols.iter().filter(|&&(p, q)| b > p && a < q).count();
                // (an item starting where a column does may run on over a
                // column of labels centred beside it: `本年支出合计`)
                let item = || {
                    opens_cjk_item(&line_text(c, false))
                        && cols.iter().any(|&(p, _)| (a - p).abs() <= 0.5 * size)
                };
                // (a label wrapped in a wide column of labels may run on
                // over the total's label centred in that column, a column
                // of nothing else: `其他政府性基金及对应专项债务收` over `合计`
                // and `栏次`; or over a total's figure printed inside the
                // column, the only figure there: `对民间非营利组织和群` over
                // the `23.57` of `公用经费合计`)
                let words = &crate::grammar::grammar().words;
                let label = || {
                    let start = cols.iter().position(|&(p, _)| (a - p).abs() <= size);
                    !c.iter().any(|t| tok_numeric(t))
                        && start.is_some_and(|s| {
                            cols[s + 1..]
                                .iter()
                                .filter(|&&(p, _)| b > p)
                                .all(|&(p, q)| {
                                    ahead.iter().all(|l| {
                                        cells_of(&l.toks)
                                            .iter()
                                            .filter(|c| c.last().unwrap().x1 > p && c[0].x0 < q)
                                            .all(|c| {
                                                let t = line_text(c, false);
                                                total_word(&t, |t, w| t == w)
                                                    || words.is_column_number_label(&t)
                                                    || labels_total(l)
                                                        && c.iter().all(|t| tok_numeric(t))
                                            })
                                    })
                                })
                        })
                };
                (over <= 1 || item() || label()) && a >= t0 - 2.0 * size && b <= t1 + 2.0 * size
            })
        };
        let fits = |l: &PLine, cols: &[(f64, f64)]| -> bool {
            !meta_line(l) && (l.size - size).abs() <= 0.15 * size && within(l, cols)
        };
        // a label wrapped onto the line above its row in a smaller type (a
        // cell's text shrunk to fit its width), the row right under it; or
        // a label of rows printed smaller than the table's header and
        // total row, wrapped above or below its row's figures (`福州市医疗`
        // / `保障基金中` / `心`, 9 pt under an 11 pt `合计`)
        let shrunk_label = |j: usize, cols: &[(f64, f64)]| -> bool {
            let l = &ls[j];
            // a row of the table's own type or of the label's, but for its
            // label (its code, centred beside the label's lines, may stand
            // between: `2080505` by `机关事业单位基本` / `养老…`)
            let row_of = |k: usize| {
                !meta[k]
                    && ls[k].toks.iter().filter(|t| tok_numeric(t)).all(|t| {
                        (t.size - size).abs() <= 0.15 * size
                            || (t.size - l.size).abs() <= 0.15 * l.size
                    })
            };
            l.size < size
                && l.size >= 0.7 * size
                && !meta_line(l)
                && !l.toks.iter().any(|t| tok_numeric(t))
                && cells_of(&l.toks).len() == 1
                && within(l, cols)
                && ((j + 1..n.min(j + 3))
                    .find(|&k| kinds[k] == Kind::Data)
                    .is_some_and(|k| ls[k].top - l.bottom <= size && row_of(k))
                    || (j.saturating_sub(2)..j)
                        .rev()
                        .find(|&k| kinds[k] == Kind::Data)
                        .is_some_and(|k| {
                            l.top - ls[k].bottom <= size
                                && row_of(k)
                                && ls[k]
                                    .toks
                                    .iter()
                                    .any(|t| (t.size - l.size).abs() <= 0.15 * l.size)
                        }))
        };
        // the widest gap between rows seen so far (tall rows leave wide ones)
        let mut row_gap = ls[i + 1..j]
            .iter()
            .zip(&ls[i..j - 1])
            .map(|(b, a)| b.top - a.bottom)
            .fold(0.0f64, f64::max);
        while j < n && !meta[j] {
            let gap = ls[j].top - ls[j - 1].bottom;
            let close = gap <= (2.5 * size).max(1.25 * row_gap);
            if kinds[j] == Kind::Data && gap <= 15.0 * size {
                row_gap = row_gap.max(gap);
            }
            let dense = matches!(kinds[j], Kind::Data | Kind::Multi);
            if close && (dense || fits(&ls[j], &cols) || shrunk_label(j, &cols)) {
                j += 1;
            } else if kinds[j] == Kind::Data && labels_total(&ls[j]) && fits(&ls[j], &cols) && {
                // a total row far below the rows, blank rows printed between
                // (收入总计 at the foot of a 收支总表), its figures ending
                // where the columns' figures end
                let figs: Vec<&&Tok> = ls[j].toks.iter().filter(|t| tok_numeric(t)).collect();
                !figs.is_empty()
                    && figs.iter().all(|t| {
                        ls[i..j]
                            .iter()
                            .flat_map(|l| l.toks.iter())
                            .any(|u| tok_numeric(u) && (u.x1 - t.x1).abs() <= 0.5 * size)
                    })
            } {
                j += 1;
                break;
            } else if gap <= 15.0 * size && fits(&ls[j], &cols) {
                // after a gap (blank rows, tall rows): on to the next data
                // line, if everything up to it fits
                let next = (j..n)
                    .take_while(|&k| !meta[k] && ls[k].top - ls[j - 1].bottom <= 15.0 * size)
                    .find(|&k| kinds[k] == Kind::Data);
                match next {
                    Some(k) if (j..=k).all(|m| fits(&ls[m], &cols)) => j = k + 1,
                    _ => break,
                }
            } else {
                break;
            }
            if dense && j > w {
                cols = columns(&ls[i..j]);
            }
        }
        let ndata = kinds[i..j].iter().filter(|k| **k == Kind::Data).count();
        // grow up over header lines: close, not sentences, not the title
        let floor = out.last().map(|r: &(usize, usize, bool)| r.1).unwrap_or(0);
        let mut a = i;
        // rows of items with no figures above the first row of figures,
        // blank rows between (`十八、粮油物资储备支出` atop a continued
        // page): rows, before any header line
        while a > floor {
            let l = &ls[a - 1];
            let gap = ls[a].top - l.bottom;
            if !(kinds[a - 1] == Kind::Other
                && !meta[a - 1]
                && gap <= 15.0 * size
                && opens_cjk_item(&l.text())
                && fits(l, &cols))
            {
                break;
            }
            a -= 1;
        }
        while a > floor {
            let l = &ls[a - 1];
            let gap = ls[a].top - l.bottom;
            let t = l.text();
            let other = kinds[a - 1] == Kind::Other;
            // (a long line of several pieces far apart is a header row)
            let sentence = t.contains('。') || t.contains('；') || other && t.chars().count() > 60;
            // (a line of one piece further from the rows is a header line
            // when a header line of several pieces stands close above it:
            // the bottom of a header block over a blank first row)
            let in_block = || {
                let mut k = a - 1;
                while k > floor && !meta[k - 1] && l.top - ls[k - 1].bottom <= 6.0 * size {
                    if ls[k].top - ls[k - 1].bottom > 2.0 * size {
                        return false;
                    }
                    k -= 1;
                    if kinds[k] == Kind::Multi && fits_header(&ls[k], &cols, size) {
                        return true;
                    }
                }
                false
            };
            // (a header line in the type of a header word below it: header
            // blocks printed larger than the rows, a line each size)
            let header_type = ls[a..i]
                .iter()
                .flat_map(|h| h.toks.iter())
                .any(|t| (l.size - t.size).abs() <= 0.15 * t.size);
            if meta[a - 1]
                || gap > if other && !in_block() { 2.0 } else { 4.5 } * size
                || sentence
                || (l.size - size).abs() > if other { 0.15 } else { 0.4 } * size
                    && !(a < i && header_type)
                || other && !fits_header(l, &cols, size)
            {
                break;
            }
            a -= 1;
        }
        // a table continued from the previous page: its first lines at the
        // top, or its header lines the header it had there under the title
        // lines it had there (a table of the same header under a title of
        // its own is another table)
        let first_data = (a..j).find(|&k| kinds[k] == Kind::Data).unwrap_or(j);
        let cont = carry.is_some_and(|c| {
            let at_top = |l: &PLine| super::assemble::in_margin(l.top, page.height);
            out.is_empty()
                && (ls[..a].iter().all(at_top)
                    || ls[..a]
                        .iter()
                        .all(|l| at_top(l) || c.above.contains(&squeeze(&l.text())))
                        && repeats_header(&ls[a..first_data], c, size))
        });
        // two data lines, or one under a header of several pieces (a table
        // of one row); a lone line of figures beside a label is not a table
        let nmulti = kinds[a..j].iter().filter(|k| **k == Kind::Multi).count();
        if ndata >= 2 || ndata == 1 && (nmulti >= 1 || cont || j - a >= 4) || text_table {
            out.push((a, j, cont));
        }
        i = j;
    }
    out
}

/// A table with no figures (a blank template) continued from the previous
/// page: from the top of the page, lines of items and labels that each stand
/// in one of the carried columns (`十六、金融支出` in its third), the first
/// of them an item, three or more of them close together, down to the note
/// under the table or the foot of the page. The end of its lines, or `None`
/// (a line of figures leaves the continuation to the rules for figures).
fn figureless_continuation(
    ls: &[PLine],
    kinds: &[Kind],
    meta: &[bool],
    i: usize,
    c: &Carry,
    page: &Page,
) -> Option<usize> {
    let at_top = |l: &PLine| super::assemble::in_margin(l.top, page.height);
    if !ls[..i].iter().all(at_top) || c.cols.len() < 3 {
        return None;
    }
    let size = ls[i].size;
    let first = cells_of(&ls[i].toks);
    if !opens_cjk_item(&line_text(&first[0], false)) {
        return None;
    }
    // (or, one item alone, within the table: a section's heading centred
    // over it, `一、政府采购情况`)
    let (left, right) = (c.cols[0].0, c.cols[c.cols.len() - 1].1);
    let fits = |l: &PLine| {
        let ps = cells_of(&l.toks);
        let span = |p: &Vec<&Tok>| (p[0].x0, p.last().unwrap().x1);
        ps.iter().all(|p| {
            let (a, b) = span(p);
            c.cols
                .iter()
                .any(|&(x, y)| a >= x - 0.5 * size && b <= y + 0.5 * size)
        }) || ps.len() == 1 && opens_cjk_item(&line_text(&ps[0], false)) && {
            let (a, b) = span(&ps[0]);
            a >= left && b <= right
        }
    };
    // (the foot of the page: its page number)
    let foot = |l: &PLine| l.top > 0.9 * page.height;
    let mut j = i;
    while j < ls.len() && !meta[j] && !foot(&ls[j]) {
        let l = &ls[j];
        if kinds[j] == Kind::Data
            || !fits(l)
            || (l.size - size).abs() > 0.15 * size
            || j > i && l.top - ls[j - 1].bottom > 2.5 * size
        {
            return None;
        }
        j += 1;
    }
    (j - i >= 3).then_some(j)
}

/// Whether columns keep apart the pieces of each header line: a gutter
/// between every two (columns that touch were not told apart by their
/// text), and no column holding the middles of two pieces of a line.
fn separates(head: &[PLine], cols: &[(f64, f64)], size: f64) -> bool {
    cols.windows(2).all(|w| w[1].0 - w[0].1 >= 0.2 * size)
        && head.iter().all(|l| {
            let mids: Vec<f64> = header_pieces(&l.toks, size, &[], &[])
                .iter()
                .map(|p| (p[0].x0 + p[p.len() - 1].x1) / 2.0)
                .collect();
            cols.iter()
                .all(|&(a, b)| mids.iter().filter(|&&m| a <= m && m <= b).count() <= 1)
        })
}

/// A text with its whitespace left out.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether header lines repeat the header of the table they continue: most
/// of their pieces are its header texts.
fn repeats_header(head: &[PLine], c: &Carry, size: f64) -> bool {
    let (mut known, mut all) = (0, 0);
    for l in head {
        for p in header_pieces(&l.toks, size, &[], &[]) {
            let t = line_text(&p, true);
            all += 1;
            let n = t.chars().count();
            if c.header.iter().any(|h| {
                h == &t || n >= 2 && (h.starts_with(t.as_str()) || h.ends_with(t.as_str()))
            }) {
                known += 1;
            }
        }
    }
    all > 0 && known * 2 >= all
}

/// Whether a line opens a total row (`合计`, `总计`).
fn opens_total(l: &PLine) -> bool {
    total_word(&l.text(), |t, w| t.starts_with(w))
}

/// Whether a line's first piece names a total (`合计`, `收入总计`).
fn labels_total(l: &PLine) -> bool {
    cells_of(&l.toks)
        .first()
        .is_some_and(|c| total_word(&line_text(c, false), |t, w| t.ends_with(w)))
}

/// Whether a text, spaces left out (letter-spaced `合    计` too), stands
/// in `at` relation to a total word of the grammar (opens with it, ends
/// with it).
fn total_word(text: &str, at: impl Fn(&str, &str) -> bool) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let words = &crate::grammar::grammar().words;
    words.total_rows.iter().any(|w| at(&t, w))
}

/// A table printed with nothing in it (`本年度没有政府性基金预算财政拨款收入`):
/// under its unit line (or another line that labels it), header lines of
/// short pieces close together (two or more of several pieces; a
/// column-number row `栏次 1 2 3` among them) down to a total row with no
/// figures, or to the note under the table when no total row is printed;
/// either may stand after the blank rows of the table's body, which can
/// fill half the page. The end of its lines, or `None`.
fn blank_table_at(ls: &[PLine], kinds: &[Kind], meta: &[bool], i: usize) -> Option<usize> {
    let size = ls[i].size;
    let unit_above = i > 0 && meta[i - 1] && ls[i].top - ls[i - 1].bottom <= 3.0 * size;
    if !unit_above || meta[i] || kinds[i] == Kind::Data {
        return None;
    }
    let words = &crate::grammar::grammar().words;
    let mut multi = 0;
    let mut j = i;
    while j < ls.len() && j < i + 10 {
        let l = &ls[j];
        let t = l.text();
        let gap = l.top - ls[j - 1].bottom;
        // (the blank body: as tall as some forty lines of text)
        let body_gap = 40.0 * size;
        // the note under it, right below its header lines
        let note = words.is_note(&squeeze(t.trim_start_matches(['(', '（'])));
        if note && j - i >= 2 && multi >= 2 && gap <= body_gap {
            return Some(j);
        }
        let short = chunks(&l.toks)
            .iter()
            .all(|c| line_text(c, true).chars().count() <= 12);
        if meta[j]
            || kinds[j] == Kind::Data && !numbers_columns(l)
            || t.contains('。')
            || !short
            || (l.size - size).abs() > 0.15 * size
            || j > i && gap > if opens_total(l) { body_gap } else { 3.5 * size }
        {
            return None;
        }
        multi += (kinds[j] == Kind::Multi || numbers_columns(l)) as usize;
        j += 1;
        // (and nothing of a table after it: a header's `合计` over rows)
        let then_rows = j < ls.len() && !meta[j] && kinds[j] != Kind::Other;
        if j - i >= 3 && opens_total(l) && multi >= 2 && !then_rows {
            return Some(j);
        }
    }
    None
}

/// Whether a line is a column-number row: its label (`栏次`) and small
/// whole numbers, one per column.
fn numbers_columns(l: &PLine) -> bool {
    let words = &crate::grammar::grammar().words;
    let cells = cells_of(&l.toks);
    let Some((label, rest)) = cells.split_first() else {
        return false;
    };
    words.is_column_number_label(&line_text(label, true))
        && !rest.is_empty()
        && rest.iter().flatten().all(|t| {
            let n = t.text.trim();
            (1..=2).contains(&n.chars().count()) && n.chars().all(|c| c.is_ascii_digit())
        })
}

/// A table with no figures (a blank template): four or more lines of
/// several pieces in a row, close together, whose pieces start at the same
/// places (two or more starts shared by three lines in four).
fn text_table_at(ls: &[PLine], kinds: &[Kind], meta: &[bool], i: usize) -> bool {
    let mut j = i + 1;
    while j < ls.len()
        && kinds[j] == Kind::Multi
        && !meta[j]
        && ls[j].top - ls[j - 1].bottom <= 2.5 * ls[j].size
    {
        j += 1;
    }
    if j - i < 4 {
        return false;
    }
    let size = ls[i].size;
    let starts: Vec<Vec<f64>> = ls[i..j]
        .iter()
        .map(|l| chunks(&l.toks).iter().map(|c| c[0].x0).collect())
        .collect();
    let mut shared = 0;
    let mut seen: Vec<f64> = Vec::new();
    for x in starts.iter().flatten() {
        if seen.iter().any(|s| (s - x).abs() <= 0.5 * size) {
            continue;
        }
        seen.push(*x);
        let n = starts
            .iter()
            .filter(|l| l.iter().any(|y| (y - x).abs() <= 0.5 * size))
            .count();
        if n * 4 >= (j - i) * 3 {
            shared += 1;
        }
    }
    shared >= 2
}

fn meta_line(l: &PLine) -> bool {
    is_meta(&l.text()) || has_leader(&l.toks) && !ellipses(l)
}

/// Whether a line prints nothing but ellipses (`…  …`, a blank template's
/// "and so on" row), which are no leader dots of a contents line.
fn ellipses(l: &PLine) -> bool {
    l.toks
        .iter()
        .all(|t| !t.text.is_empty() && t.text.chars().all(|c| matches!(c, '…' | '⋯')))
}

/// A line of one piece above a table is a header line when it stands over the
/// table's columns (a group header centred over some of them, or a column's
/// header alone), not a title centred over the whole page.
fn fits_header(l: &PLine, cols: &[(f64, f64)], size: f64) -> bool {
    if cols.len() < 2 {
        return false;
    }
    let (t0, t1) = (cols[0].0, cols[cols.len() - 1].1);
    // (or a first column's header wider than its figures, reaching left of
    // them: `“三公”经费财政拨` / `款预算总额` over 223.799250)
    let first = || {
        let p = &l.toks;
        // (not the end of a sentence leading into the table: `…包括：`)
        let text = l.text();
        p.last().unwrap().x1 > t0 - 2.0 * size
            && p.iter().all(|t| t.x1 <= cols[1].0)
            && !text.ends_with([':', '：', '。'])
    };
    // inside the table, and no piece wider than half of it
    (l.x0 >= t0 - 2.0 * size || first())
        && header_pieces(&l.toks, size, cols, &[])
            .iter()
            .all(|p| p.last().unwrap().x1 - p[0].x0 <= 0.5 * (t1 - t0))
}

fn median(v: impl Iterator<Item = f64>) -> f64 {
    let mut s: Vec<f64> = v.collect();
    if s.is_empty() {
        return 1.0;
    }
    s.sort_by(|a, b| a.total_cmp(b));
    s[s.len() / 2]
}

/// Lays out one borderless table.
fn table(ls: &[PLine], kinds: &[Kind], mut carry: Option<&Carry>, out: &mut PageLayout) {
    let size = median(ls.iter().map(|l| l.size));
    // the header is the bands above the first band with a data line (a line
    // of column labels printed level with the first row belongs to that row)
    let bs = bands(ls);
    let first = bs
        .iter()
        .position(|b| b.iter().any(|&i| kinds[i] == Kind::Data))
        .map(|f| {
            // rows of items with no figures right above it are rows too
            // (`十八、…`; on a continued page of two lists side by side,
            // `二、上年结转` level with `二、结转下年`, and `22、其他支出`)
            let item = |b: &Vec<usize>| {
                b.iter().all(|&i| {
                    let l = &ls[i];
                    kinds[i] == Kind::Other && opens_cjk_item(&l.text())
                        || kinds[i] != Kind::Data
                            && cells_of(&l.toks)
                                .iter()
                                .all(|c| opens_listed_item(&line_text(c, false)))
                })
            };
            // (on a page continuing a table under its repeated header, a
            // label's first line over its row, a text of no header there:
            // `对民间非营利组织和群众性自治` over `39908 组织补贴`)
            let unknown = |b: &Vec<usize>| {
                carry.is_some_and(|c| {
                    let pieces: Vec<String> = b
                        .iter()
                        .flat_map(|&i| header_pieces(&ls[i].toks, size, &[], &[]))
                        .map(|p| line_text(&p, true))
                        .collect();
                    pieces.len() == 1
                        && !c.header.iter().any(|h| {
                            h.contains(pieces[0].as_str()) || pieces[0].contains(h.as_str())
                        })
                })
            };
            let mut f = f;
            while f > 0 && (item(&bs[f - 1]) || f > 1 && unknown(&bs[f - 1])) {
                f -= 1;
            }
            // a total row printed without figures (a blank template's
            // `合计`) right above the first row, over that row's label
            let label: Vec<(f64, f64)> = bs[f]
                .iter()
                .flat_map(|&i| ls[i].toks.iter())
                .filter(|t| !tok_numeric(t))
                .map(|t| (t.x0, t.x1))
                .collect();
            let blank_total = |b: &Vec<usize>| {
                b.iter().all(|&i| {
                    let l = &ls[i];
                    kinds[i] == Kind::Other
                        && total_word(&l.text(), |t, w| t == w)
                        && label
                            .iter()
                            .any(|&(a, z)| l.toks.iter().any(|t| t.x1 > a && t.x0 < z))
                })
            };
            if f > 0 && blank_total(&bs[f - 1]) {
                f -= 1;
            }
            f
        })
        .or_else(|| {
            // a table with no figures: its rows start where items do, or
            // at its total row; with neither, it is all header (a blank
            // table printed as its header alone)
            bs.iter().position(|b| {
                b.iter()
                    .any(|&i| opens_item(&line_text(&ls[i].toks[..1], true)) || opens_total(&ls[i]))
            })
        })
        .unwrap_or(bs.len());
    let first_data = bs
        .get(first)
        .and_then(|b| b.first())
        .copied()
        .unwrap_or(ls.len());
    let (mut head, mut body) = ls.split_at(first_data);
    // a continuation without a repeated header: its first lines are rows
    let mut keep_carried = false;
    let few = |k: &[Kind]| k.iter().filter(|k| **k == Kind::Data).count() <= 3;
    if let Some(c) = carry {
        let repeated = repeats_header(head, c, size);
        // a header of its own (a line of several column labels) over figures
        // that do not stand in the carried columns: a new table
        let own_header = head
            .iter()
            .any(|l| header_pieces(&l.toks, size, &[], &[]).len() >= 2);
        let fits_carry = blocks(&spans_of(body), size).iter().all(|&(a, b)| {
            c.cols
                .iter()
                .filter(|&&(p, q)| b > p + 0.5 * size && a < q - 0.5 * size)
                .count()
                <= 1
        });
        if own_header && !repeated && !fits_carry {
            carry = None;
        } else if !repeated {
            (head, body) = ls.split_at(0);
        } else if fits_carry && few(&kinds[first_data..]) && separates(head, &c.ink, size) {
            // its header repeated over a few rows that fit the carried
            // columns (and the columns keep apart what the header does):
            // the previous page's rows placed them better than these few can
            keep_carried = true;
        }
    }
    // columns: from the body's tokens, else carried over from the previous page
    // (a table printed blank: from its header lines too, its rows are
    // too few to align anything)
    let blank = !kinds.contains(&Kind::Data);
    let mut cols = match carry {
        Some(c) if keep_carried => c.ink.clone(),
        Some(c) if head.is_empty() => c.cols.clone(),
        _ if blank => {
            // (but for group headers: a piece over two or more pieces of
            // one lower line, `本年支出` over `基本支出` and `项目支出`,
            // would join their columns)
            let spans = spans_of(ls);
            let group = |&(a, b, r): &(f64, f64, usize)| {
                (r + 1..ls.len()).any(|s| {
                    spans
                        .iter()
                        .filter(|&&(p, q, t)| t == s && q > a && p < b)
                        .count()
                        >= 2
                })
            };
            // (a header with headers under it adds no column where those
            // under it make one: `科目编码` over `款` and `项目` over `项`
            // would join them)
            let h = head.len();
            let under = |&(a, b, r): &(f64, f64, usize)| {
                r < h
                    && spans
                        .iter()
                        .any(|&(p, q, t)| t > r && t < h && q > a && p < b)
            };
            let lowest: Vec<(f64, f64, usize)> = spans
                .iter()
                .copied()
                .filter(|x| x.2 < h && !under(x))
                .collect();
            let base = blocks(&lowest, size);
            let bridges =
                |x: &(f64, f64, usize)| under(x) && base.iter().any(|&(p, q)| x.1 > p && x.0 < q);
            let leaves: Vec<(f64, f64, usize)> = spans
                .iter()
                .copied()
                .filter(|x| !group(x) && !bridges(x))
                .collect();
            blocks(&leaves, size)
        }
        _ => blocks(&spans_of(body), size),
    };
    // a column-number row (栏次 1 2 3 …) numbers the columns it stands over
    if let Some(c) = numbered_columns(head, body, &cols, size) {
        cols = c;
    }
    // header words over a gutter: a column blank in every body row
    add_header_columns(head, body, &mut cols, size);
    if cols.is_empty() {
        return;
    }
    let xs = boundaries(&cols);
    let tix = out.tables.len();
    let top = ls.first().map(|l| l.top).unwrap_or(0.0);
    let bottom = ls.last().map(|l| l.bottom).unwrap_or(0.0);
    let mut header = Vec::new();
    // what the body prints in each column: where this page's few rows
    // under a repeated header print nothing, what they printed before
    let mut printed = column_body(body, &cols, &xs);
    if let Some(c) = carry.filter(|c| keep_carried && c.body.len() == printed.len()) {
        for (p, q) in printed.iter_mut().zip(&c.body) {
            if !p.filled {
                *p = *q;
            }
        }
    }
    for parts in header_rows(head, &cols, &xs, &printed, size) {
        if parts.iter().any(|p| !p.is_empty()) {
            let row = make_row(&parts, Some(tix));
            header.extend(row.cells.iter().filter(|c| !c.is_empty()).cloned());
            out.rows.push(row);
        }
    }
    for parts in body_rows(body, &cols, size) {
        if parts.iter().any(|p| !p.is_empty()) {
            out.rows.push(make_row(&parts, Some(tix)));
        }
    }
    out.tables.push(Table {
        xs,
        top,
        bottom,
        ruled: false,
        header,
        ink: cols,
        body: printed,
    });
}

/// What each column of a table prints in its body rows.
fn column_body(body: &[PLine], cols: &[(f64, f64)], xs: &[f64]) -> Vec<ColumnBody> {
    let mut out = vec![
        ColumnBody {
            left: f64::MAX,
            ..Default::default()
        };
        cols.len()
    ];
    let mut num = vec![(0usize, 0usize); cols.len()];
    for l in body {
        for t in &l.toks {
            let c = column_of(t, cols, xs);
            out[c].filled = true;
            out[c].left = out[c].left.min(t.x0);
            num[c].0 += tok_numeric(t) as usize;
            num[c].1 += 1;
        }
    }
    for (o, &(a, t)) in out.iter_mut().zip(&num) {
        o.numeric = t > 0 && a * 2 > t;
    }
    out
}

/// The columns a column-number row gives (`1 2 3 … N`, each number centred
/// over its column, as 栏次 rows print them), where the amounts' own
/// alignment gives fewer or more: each number's column reaches halfway to
/// its neighbours'; columns of text left of the numbers stay as they are.
/// `None` when the body has no such row, when it gives the columns already
/// (figures of its own aligned with the numbers), or when a figure of the
/// body would fall outside the numbered columns.
fn numbered_columns(
    head: &[PLine],
    body: &[PLine],
    cols: &[(f64, f64)],
    size: f64,
) -> Option<Vec<(f64, f64)>> {
    let row = body.iter().find(|l| {
        let nums: Vec<&str> = l
            .toks
            .iter()
            .map(|t| t.text.as_str())
            .skip_while(|t| !t.starts_with(|c: char| c.is_ascii_digit()))
            .collect();
        nums.len() >= 3 && nums.len() + 1 >= l.toks.len() && counts_up(&nums)
    })?;
    let nums: Vec<&Tok> = row
        .toks
        .iter()
        .copied()
        .filter(|t| t.text.starts_with(|c: char| c.is_ascii_digit()))
        .collect();
    let centres: Vec<f64> = nums.iter().map(|t| (t.x0 + t.x1) / 2.0).collect();
    let n = centres.len();
    let mut edges: Vec<f64> = Vec::with_capacity(n + 1);
    edges.push(centres[0] - (centres[1] - centres[0]) / 2.0);
    for w in centres.windows(2) {
        edges.push((w[0] + w[1]) / 2.0);
    }
    edges.push(centres[n - 1] + (centres[n - 1] - centres[n - 2]) / 2.0);
    // text columns left of the numbered ones
    let mut out: Vec<(f64, f64)> = cols
        .iter()
        .copied()
        .filter(|&(_, q)| q <= edges[0] + 0.25 * size)
        .collect();
    let kept = out.len();
    let left = out.last().map_or(f64::MIN, |c| c.1);
    for k in 0..n {
        out.push((edges[k].max(left), edges[k + 1]));
    }
    // every other token of the body inside the numbered columns
    let inside = body.iter().flat_map(|l| &l.toks).all(|t| {
        t.x1 <= edges[0] + 0.25 * size
            || (t.x0 >= edges[0] - 0.5 * size && t.x1 <= edges[n] + 0.5 * size)
    });
    // (a table printed blank, each number centred under a header of its
    // own: the numbers' ink is all its columns have, too narrow for the
    // headers over them to span; numbers printed right-aligned keep it)
    let blank = body
        .iter()
        .filter(|l| !std::ptr::eq(*l, row))
        .all(|l| !l.toks.iter().any(|t| tok_numeric(t)));
    let centred = nums.iter().all(|t| {
        head.iter().flat_map(|l| cells_of(&l.toks)).any(|c| {
            let cx = (c[0].x0 + c.last().unwrap().x1) / 2.0;
            (cx - (t.x0 + t.x1) / 2.0).abs() <= 0.5 * size
        })
    });
    let same = cols.len() == kept + n && !(blank && centred);
    (inside && !same).then_some(out)
}

/// Whether texts count up from one (`1 2 3 …`): a column-number row's.
fn counts_up(texts: &[&str]) -> bool {
    texts
        .iter()
        .enumerate()
        .all(|(i, t)| *t == (i + 1).to_string())
}

/// Column boundaries: the middle of each gutter, and the table's edges as far
/// out from its text as half a gutter.
fn boundaries(cols: &[(f64, f64)]) -> Vec<f64> {
    let mut gaps: Vec<f64> = cols
        .windows(2)
        .map(|w| (w[1].0 - w[0].1).max(0.0))
        .collect();
    gaps.sort_by(|a, b| a.total_cmp(b));
    let pad = gaps.get(gaps.len() / 2).copied().unwrap_or(0.0) / 2.0;
    let mut xs = vec![cols[0].0 - pad];
    for w in cols.windows(2) {
        xs.push((w[0].1 + w[1].0) / 2.0);
    }
    xs.push(cols[cols.len() - 1].1 + pad);
    xs
}

/// Places the bottom-level headers (those with no header below them) that
/// stand over a gutter, touching no column: the header of a column of
/// right-aligned amounts that has none over it (a left-aligned `金额` over
/// `4607.63`) widens that column; of a text column that has none, that one;
/// otherwise it is the header of a column blank in every body row, and makes
/// one.
fn add_header_columns(head: &[PLine], body: &[PLine], cols: &mut Vec<(f64, f64)>, size: f64) {
    if cols.is_empty() {
        return;
    }
    let (t0, t1) = (cols[0].0, cols[cols.len() - 1].1);
    let pieces: Vec<Vec<(f64, f64)>> = head
        .iter()
        .enumerate()
        .map(|(i, l)| {
            header_pieces(&l.toks, size, cols, &above(head, i, size))
                .iter()
                .map(|c| (c[0].x0, c.last().unwrap().x1))
                .collect()
        })
        .collect();
    // bottom-level headers: nothing below them (a wrapped header's last
    // line), and not a group header over two or more headers of a lower line
    // between its neighbours
    let mut leaves: Vec<(f64, f64)> = Vec::new();
    for (li, l) in pieces.iter().enumerate() {
        for (k, &(a, b)) in l.iter().enumerate() {
            let below = &pieces[li + 1..];
            if below.iter().flatten().any(|&(p, q)| q > a && p < b) {
                continue;
            }
            let lo = if k > 0 { l[k - 1].1 } else { f64::MIN };
            let hi = l.get(k + 1).map(|x| x.0).unwrap_or(f64::MAX);
            // (a group header is centred over its sub-headers: a header
            // beside a stack of them is not theirs)
            let cx = (a + b) / 2.0;
            // (a piece under a header of a higher line beside this one is
            // that header's wrapped tail: `费` under `公务用车购置及运行`)
            let elsewhere = |&(p, q): &(f64, f64)| {
                pieces[..li]
                    .iter()
                    .flatten()
                    .any(|&(x, y)| y > p && x < q && (y <= a || x >= b))
            };
            let group = below.iter().any(|line| {
                let subs: Vec<&(f64, f64)> = line
                    .iter()
                    .filter(|&&(p, q)| p >= lo && q <= hi)
                    .filter(|s| !elsewhere(s))
                    .collect();
                // (nor a header whose sub-headers stand apart from it, the
                // headers of other columns between: `结余` wrapped under
                // `年初结转和`, between `科目名称` and `基本支出` far off)
                let apart = subs.windows(2).any(|w| {
                    w[0].1 < cx
                        && cx < w[1].0
                        && pieces
                            .iter()
                            .flatten()
                            .any(|&(p, q)| p >= w[0].1 && q <= w[1].0 && (q <= a || p >= b))
                });
                subs.len() >= 2 && subs[0].0 <= cx && subs[subs.len() - 1].1 >= cx && !apart
            });
            if !group {
                leaves.push((a, b));
            }
        }
    }
    merge_weak_columns(body, &leaves, cols);
    // a column only total labels or marks print in, right of a column of
    // text with no header of its own: a total's label or a column-number
    // row's mark centred over merged label cells (`合计` between the unit
    // names and the amounts; `**` under `功能科目`), that column's
    let mut k = 1;
    while k < cols.len() {
        let q = cols[k].1;
        let texts = column_texts(body, cols[k]);
        let (lp, lq) = cols[k - 1];
        // (text that is neither a total nor a mark)
        let text_left = body.iter().flat_map(|l| l.toks.iter()).any(|t| {
            t.x1 > lp
                && t.x0 < lq
                && !tok_numeric(t)
                && !mark(&t.text)
                && !total_word(&t.text, |t, w| t == w)
        });
        let totals = !texts.is_empty() && texts.iter().all(|t| total_word(t, |t, w| t == w))
            || texts.len() == 1 && mark(&texts[0]);
        if totals && text_left && !leaves.iter().any(|&(a, b)| b > lp && a < lq) {
            cols[k - 1].1 = q;
            cols.remove(k);
        } else {
            k += 1;
        }
    }
    // the same in a table printed blank: a first column of nothing but its
    // total's label, no header over it, left of the column of labels whose
    // header has no text under it but marks (`合计` left-aligned in the cell
    // that `功能分类科目名称` is centred over)
    if cols.len() >= 2 {
        let over = |(p, q): (f64, f64)| leaves.iter().any(|&(a, b)| b > p && a < q);
        let first = column_texts(body, cols[0]);
        if !first.is_empty()
            && first.iter().all(|t| total_word(t, |t, w| t == w))
            && !over(cols[0])
            && over(cols[1])
            && column_texts(body, cols[1]).iter().all(|t| mark(t))
        {
            cols[1].0 = cols[0].0;
            cols.remove(0);
        }
    }
    let numeric: Vec<bool> = {
        let mut num = vec![(0usize, 0usize); cols.len()];
        for l in body {
            for t in &l.toks {
                if let Some(k) = cols.iter().position(|&(p, q)| t.x1 > p && t.x0 < q) {
                    num[k].1 += 1;
                    num[k].0 += tok_numeric(t) as usize;
                }
            }
        }
        num.iter().map(|&(a, n)| n > 0 && a * 2 > n).collect()
    };
    // a column of figures that start together and end apart: codes of
    // several levels (`201`, `20106`, `2010601`), left-aligned as text is
    let codes: Vec<bool> = cols
        .iter()
        .map(|&(p, q)| {
            let in_col = || {
                body.iter()
                    .flat_map(|l| l.toks.iter())
                    .filter(move |t| t.x1 > p && t.x0 < q)
            };
            let (mut x0, mut x1) = ((f64::MAX, f64::MIN), (f64::MAX, f64::MIN));
            for t in in_col() {
                x0 = (x0.0.min(t.x0), x0.1.max(t.x0));
                x1 = (x1.0.min(t.x1), x1.1.max(t.x1));
            }
            // (or of one level only, as long as each other: `50101`, three
            // to seven digits and nothing else, left-aligned but for a
            // total's label among them)
            let digits = |t: &Tok| {
                (3..=7).contains(&t.text.len()) && t.text.bytes().all(|b| b.is_ascii_digit())
            };
            let figures: Vec<&&Tok> = in_col().filter(|t| tok_numeric(t)).collect();
            let starts = figures.iter().map(|t| t.x0);
            let one_level = !figures.is_empty()
                && figures.iter().all(|t| digits(t))
                && starts.clone().fold(f64::MIN, f64::max) - starts.fold(f64::MAX, f64::min)
                    <= 0.3 * size
                && in_col().all(|t| tok_numeric(t) || total_word(&t.text, |t, w| t == w));
            x0.1 - x0.0 <= 0.3 * size && x1.1 - x1.0 > size || one_level
        })
        .collect();
    let mut has_leaf: Vec<bool> = cols
        .iter()
        .map(|&(p, q)| leaves.iter().any(|&(a, b)| b > p && a < q))
        .collect();
    let mut gutter: Vec<(f64, f64)> = leaves
        .iter()
        .copied()
        .filter(|&(a, b)| !cols.iter().any(|&(p, q)| b > p && a < q))
        .collect();
    // nearest to the column on their right first
    gutter.sort_by(|x, y| y.0.total_cmp(&x.0));
    let mut extra: Vec<(f64, f64)> = Vec::new();
    for (a, b) in gutter {
        // left of the first column, a column of amounts with no header:
        // its header, centred over it while its amounts are right-aligned
        // (`合计` over `37.91` in a table of one row of figures)
        if b < t0 - 0.5 * size && numeric[0] && !has_leaf[0] && t0 - b <= (3.0 * size).max(b - a) {
            cols[0].0 = a;
            has_leaf[0] = true;
            continue;
        }
        if b < t0 - 0.5 * size || a > t1 + 0.5 * size {
            // outside the body's columns: a column at the edge
            if cols
                .iter()
                .chain(extra.iter())
                .all(|&(p, q)| b <= p || a >= q)
            {
                extra.push((a, b));
            }
            continue;
        }
        if extra.iter().any(|e| b > e.0 && a < e.1) {
            let e = extra.iter_mut().find(|e| b > e.0 && a < e.1).unwrap();
            e.0 = e.0.min(a);
            e.1 = e.1.max(b);
            continue;
        }
        let right = cols.iter().position(|&(p, _)| p >= b);
        let left = cols.iter().rposition(|&(_, q)| q <= a);
        let nothing_between = |k: usize| {
            !extra
                .iter()
                .any(|e| (e.0 >= b && e.1 <= cols[k].0) || (e.1 <= a && e.0 >= cols[k].1))
        };
        match (right, left) {
            (Some(r), _) if numeric[r] && !has_leaf[r] && nothing_between(r) => {
                cols[r].0 = a;
                has_leaf[r] = true;
            }
            (_, Some(l)) if (!numeric[l] || codes[l]) && !has_leaf[l] && nothing_between(l) => {
                cols[l].1 = b;
                has_leaf[l] = true;
            }
            _ => extra.push((a, b)),
        }
    }
    cols.extend(extra);
    cols.sort_by(|a, b| a.0.total_cmp(&b.0));
    // a bottom-level header over one column of text alone, starting where
    // the text does or right of it and reaching further right, widens it,
    // short of its neighbours (`功能分类科目名称` centred over its cell
    // right of short names): the gutters lie beyond it
    for &(a, b) in &leaves {
        let over: Vec<usize> = (0..cols.len())
            .filter(|&k| b > cols[k].0 && a < cols[k].1)
            .collect();
        if let [k] = over[..] {
            let lo = if k > 0 { cols[k - 1].1 } else { f64::MIN };
            let hi = cols.get(k + 1).map(|c| c.0).unwrap_or(f64::MAX);
            // (a column of text: amounts are centred on by their headers)
            let (p, q) = cols[k];
            let toks = body
                .iter()
                .flat_map(|l| l.toks.iter())
                .filter(|t| t.x1 > p && t.x0 < q);
            let text = toks.clone().filter(|t| !tok_numeric(t)).count() * 2 > toks.count();
            if a > lo && b < hi && text && a >= p - 0.3 * size {
                cols[k].0 = cols[k].0.min(a);
                cols[k].1 = cols[k].1.max(b);
            }
        }
    }
}

/// The text each body line prints within a column's x-range, lines that
/// print nothing there left out.
fn column_texts(body: &[PLine], (p, q): (f64, f64)) -> Vec<String> {
    body.iter()
        .map(|l| {
            let ts: Vec<&Tok> = l
                .toks
                .iter()
                .copied()
                .filter(|t| t.x1 > p && t.x0 < q)
                .collect();
            line_text(&ts, true)
        })
        .filter(|t| !t.is_empty())
        .collect()
}

/// A mark (`**`, `—`): text with no letter or digit in it.
fn mark(t: &str) -> bool {
    !t.chars().any(char::is_alphanumeric)
}

/// Joins a column that only a row or two print in to the one column of many
/// rows beside it that the same bottom-level header stands over: a `栏次`
/// number centred under its header while the amounts below it are
/// right-aligned and reach further right, so that the two never overlap.
fn merge_weak_columns(body: &[PLine], leaves: &[(f64, f64)], cols: &mut Vec<(f64, f64)>) {
    loop {
        // body lines printing in each column
        let rows: Vec<usize> = cols
            .iter()
            .map(|&(p, q)| {
                body.iter()
                    .filter(|l| l.toks.iter().any(|t| t.x1 > p && t.x0 < q))
                    .count()
            })
            .collect();
        let mut merged = false;
        // a column holding nothing but one small whole number (its 栏次
        // number, centred under its header) beside a column of more rows of
        // amounts that no other header stands over (none, or the number's
        // own: `总计` over `1`, just touching `420.07`) and that prints
        // nothing on the number's line: one column
        for k in 0..cols.len().saturating_sub(1) {
            let (p, q) = cols[k];
            let (r, s) = cols[k + 1];
            let toks: Vec<(&PLine, &Tok)> = body
                .iter()
                .flat_map(|l| l.toks.iter().map(move |t| (l, *t)))
                .filter(|(_, t)| t.x1 > p && t.x0 < q)
                .collect();
            let lone_number = toks.len() == 1
                && toks[0].1.text.len() <= 2
                && toks[0].1.text.chars().all(|c| c.is_ascii_digit());
            let other_header = leaves
                .iter()
                .any(|&(a, b)| b > r && a < s && !(b > p && a < q));
            if !lone_number || rows[k + 1] < 2 || other_header {
                continue;
            }
            let line = toks[0].0;
            if line.toks.iter().any(|t| t.x1 > r && t.x0 < s) {
                continue;
            }
            cols[k] = (p, s);
            cols.remove(k + 1);
            merged = true;
            break;
        }
        if merged {
            continue;
        }
        // classification codes indented by level (`201`, then `20108` and
        // `2010801` further right): the deeper codes extend codes printed
        // in the column left of them, never on the same line, and no header
        // of their own stands over them
        let codes = |k: usize| -> Option<Vec<&str>> {
            let (p, q) = cols[k];
            let v: Vec<&str> = body
                .iter()
                .flat_map(|l| l.toks.iter())
                .filter(|t| t.x1 > p && t.x0 < q)
                .map(|t| t.text.as_str())
                .collect();
            let code =
                |t: &&str| (3..=9).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit());
            (!v.is_empty() && v.iter().all(code)).then_some(v)
        };
        for k in 0..cols.len().saturating_sub(1) {
            let (Some(upper), Some(deeper)) = (codes(k), codes(k + 1)) else {
                continue;
            };
            let (p, q) = cols[k];
            let (r, s) = cols[k + 1];
            let both = body.iter().any(|l| {
                l.toks.iter().any(|t| t.x1 > p && t.x0 < q)
                    && l.toks.iter().any(|t| t.x1 > r && t.x0 < s)
            });
            let extends = deeper
                .iter()
                .all(|d| upper.iter().any(|u| d.len() > u.len() && d.starts_with(u)));
            let own_header = leaves
                .iter()
                .any(|&(a, b)| b > r && a < s && !(b > p && a < q));
            if !both && extends && !own_header {
                cols[k] = (p, s);
                cols.remove(k + 1);
                merged = true;
                break;
            }
        }
        if merged {
            continue;
        }
        // items indented by level and totals centred (`住房公积金` left,
        // `本年支出合计` further right): two columns of text that never print
        // on the same line, under one header between them
        for k in 0..cols.len().saturating_sub(1) {
            let (p, q) = cols[k];
            let (r, s) = cols[k + 1];
            let in_col = |t: &Tok, a: f64, b: f64| t.x1 > a && t.x0 < b;
            let text_only = |a: f64, b: f64| {
                let mut any = false;
                for t in body
                    .iter()
                    .flat_map(|l| l.toks.iter())
                    .filter(|t| in_col(t, a, b))
                {
                    if tok_numeric(t) || !t.text.chars().any(super::is_cjk) {
                        return false;
                    }
                    any = true;
                }
                any
            };
            let both = body.iter().any(|l| {
                l.toks.iter().any(|t| in_col(t, p, q)) && l.toks.iter().any(|t| in_col(t, r, s))
            });
            let headers = leaves.iter().filter(|&&(a, b)| b > p && a < s).count();
            // (one of them the totals: not a vertical label's fragments
            // beside the column it heads)
            let words = &crate::grammar::grammar().words;
            let totals = |a: f64, b: f64| {
                body.iter().all(|l| {
                    let t: String = l
                        .toks
                        .iter()
                        .filter(|t| in_col(t, a, b))
                        .map(|t| t.text.as_str())
                        .collect();
                    t.is_empty() || words.total_rows.iter().any(|w| t.contains(w.as_str()))
                })
            };
            if !both
                && headers == 1
                && text_only(p, q)
                && text_only(r, s)
                && (totals(p, q) || totals(r, s))
            {
                cols[k] = (p, s);
                cols.remove(k + 1);
                merged = true;
                break;
            }
        }
        if merged {
            continue;
        }
        for &(a, b) in leaves {
            let under: Vec<usize> = (0..cols.len())
                .filter(|&k| b > cols[k].0 && a < cols[k].1)
                .collect();
            if under.len() < 2 {
                continue;
            }
            let strong = *under.iter().max_by_key(|&&k| rows[k]).unwrap();
            let weak = |k: usize| rows[k] <= 2 && rows[k] * 3 <= rows[strong];
            if under.iter().all(|&k| k == strong || weak(k)) {
                let (lo, hi) = (under[0], *under.last().unwrap());
                let x0 = cols[lo].0;
                let x1 = cols[hi].1;
                cols.drain(lo + 1..=hi);
                cols[lo] = (x0, x1);
                merged = true;
                break;
            }
        }
        if !merged {
            return;
        }
    }
}

/// The column a token belongs to: the one it overlaps most (a token spanning
/// several lands at the leftmost it overlaps); one in a gutter goes by its
/// right edge if it is a number, by its left edge otherwise.
fn column_of(t: &Tok, cols: &[(f64, f64)], xs: &[f64]) -> usize {
    let mut best: Option<(usize, f64)> = None;
    for (k, &(p, q)) in cols.iter().enumerate() {
        let ov = t.x1.min(q) - t.x0.max(p);
        if ov > 0.0 {
            // leftmost overlapped column, unless another holds much more of it
            match best {
                None => best = Some((k, ov)),
                Some((_, bo)) if ov > 2.0 * bo && bo < 0.3 * (t.x1 - t.x0) => best = Some((k, ov)),
                _ => {}
            }
        }
    }
    if let Some((k, _)) = best {
        return k;
    }
    let x = if tok_numeric(t) { t.x1 } else { t.x0 };
    let n = cols.len();
    (0..n)
        .find(|&k| x >= xs[k] && x <= xs[k + 1])
        .unwrap_or(if x < xs[0] { 0 } else { n - 1 })
}

/// Bands: runs of lines whose cores overlap vertically.
fn bands(ls: &[PLine]) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut bottom = f64::MIN;
    for (i, l) in ls.iter().enumerate() {
        // (a line's band reaches over each of its words': a code level with
        // its label's first line, its figures a little lower)
        let lo = l.toks.iter().map(|t| t.cy).fold(l.cy, f64::min);
        let hi = l.toks.iter().map(|t| t.cy).fold(l.cy, f64::max);
        let (a, b) = (lo - 0.4 * l.size, hi + 0.4 * l.size);
        if out.is_empty() || a >= bottom - 0.05 * l.size {
            out.push(vec![i]);
            bottom = b;
        } else {
            out.last_mut().unwrap().push(i);
            bottom = bottom.max(b);
        }
    }
    out
}

/// True when a text opens with a Chinese enumerator (`一、`, `二.`).
fn opens_cjk_item(text: &str) -> bool {
    let t = text.trim_start();
    let c0 = t.chars().next();
    let rest: String = t.chars().take(4).collect();
    c0.is_some_and(|c| "一二三四五六七八九十".contains(c))
        && (rest.contains('、') || rest.contains('.'))
}

/// True when a text is an item of a numbered list: `二、上年结转`,
/// `22、其他支出` (a numeral and its 、 before the item's words).
fn opens_listed_item(text: &str) -> bool {
    let t = text.trim_start();
    let Some(k) = t.find('、') else { return false };
    let (num, rest) = (&t[..k], &t[k + '、'.len_utf8()..]);
    let cjk_num = !num.is_empty() && num.chars().all(|c| "一二三四五六七八九十".contains(c));
    let arabic = (1..=2).contains(&num.len()) && num.chars().all(|c| c.is_ascii_digit());
    (cjk_num || arabic) && rest.chars().next().is_some_and(super::is_cjk)
}

/// True when a text opens a new item: an enumerator (`一、`, `（一）`, `1.`,
/// `第…`) or a code. A bracket opens an item only round a numeral: `（含专用
/// 结余）` is the tail of a wrapped label, not an item.
fn opens_item(text: &str) -> bool {
    let t = text.trim_start();
    let mut cs = t.chars();
    let Some(c0) = cs.next() else { return false };
    if c0 == '(' || c0 == '（' || c0 == '[' || c0 == '【' {
        let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
        let inner: Vec<char> = cs.take_while(|c| !")）]】".contains(*c)).take(5).collect();
        return !inner.is_empty() && inner.len() <= 4 && inner.iter().all(|&c| numeral(c));
    }
    if c0 == '第' {
        return true;
    }
    if c0.is_ascii_digit() {
        // (but a quantity or a date carried over from the line above:
        // `100万元（含）`, `2024年`)
        let after = t.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
        let units = &crate::grammar::grammar().words.quantity_units;
        return !units.iter().any(|u| after.starts_with(u.as_str()));
    }
    let rest: String = t.chars().take(4).collect();
    "一二三四五六七八九十".contains(c0) && (rest.contains('、') || rest.contains('.'))
}

/// Body rows: bands of lines, then lines of text alone joined to the row they
/// continue.
fn body_rows<'t>(body: &[PLine<'t>], cols: &[(f64, f64)], size: f64) -> Vec<Vec<Vec<&'t Tok>>> {
    let xs = boundaries(cols);
    let n = cols.len();
    // cells of each band
    struct Band<'t> {
        parts: Vec<Vec<&'t Tok>>,
        top: f64,
        bottom: f64,
        numeric: bool,
        /// a column-number row: its figures are 1, 2, 3 … in order
        numbers: bool,
        /// first and last line of text per column (right edge of the last)
        last_right: Vec<Option<f64>>,
        first_text: Vec<Option<String>>,
    }
    // where each band's text (not its figures) starts, column by column
    let text_starts = |bands: &[Band]| -> Vec<Vec<f64>> {
        let mut starts: Vec<Vec<f64>> = vec![Vec::new(); n];
        for b in bands {
            for (c, p) in b.parts.iter().enumerate() {
                let x = p
                    .iter()
                    .filter(|t| !tok_numeric(t))
                    .map(|t| t.x0)
                    .fold(f64::MAX, f64::min);
                if x < f64::MAX {
                    starts[c].push(x);
                }
            }
        }
        starts
    };
    let mut out: Vec<Band> = Vec::new();
    for b in bands(body) {
        let mut parts: Vec<Vec<&Tok>> = vec![Vec::new(); n];
        for &i in &b {
            for t in &body[i].toks {
                parts[column_of(t, cols, &xs)].push(*t);
            }
        }
        let numeric = b.iter().any(|&i| {
            let l = &body[i].toks;
            (0..l.len()).any(|k| tok_numeric(l[k]) && !item_number(l, k))
        });
        let figures: Vec<&str> = b
            .iter()
            .flat_map(|&i| body[i].toks.iter())
            .filter(|t| tok_numeric(t))
            .map(|t| t.text.as_str())
            .collect();
        let numbers = figures.len() >= 2 && counts_up(&figures);
        let last_right = parts
            .iter()
            .map(|p| {
                let ls = lines(p);
                ls.last()
                    .map(|l| l.iter().map(|t| t.x1).fold(f64::MIN, f64::max))
            })
            .collect();
        let first_text = parts
            .iter()
            .map(|p| lines(p).first().map(|l| line_text(l, true)))
            .collect();
        out.push(Band {
            top: b.iter().map(|&i| body[i].top).fold(f64::MAX, f64::min),
            bottom: b.iter().map(|&i| body[i].bottom).fold(f64::MIN, f64::max),
            numeric,
            numbers,
            parts,
            last_right,
            first_text,
        });
    }
    // right edge of each column's text (where wrapped text reaches)
    let mut reach = vec![f64::MIN; n];
    for b in &out {
        for (k, r) in b.last_right.iter().enumerate() {
            if let Some(r) = r {
                reach[k] = reach[k].max(*r);
            }
        }
    }
    // where each column's text starts at the leftmost (joining bands below
    // moves no token to another column, so this holds to the end)
    let first_starts = text_starts(&out);
    let col_left: Vec<f64> = first_starts
        .iter()
        .map(|xs| xs.iter().copied().fold(f64::MAX, f64::min))
        .collect();
    // where most rows' text starts in each column: the leftmost start two
    // rows share (a `合计` centred across columns starts further left alone)
    let shared_left: Vec<f64> = first_starts
        .iter()
        .zip(&col_left)
        .map(|(xs, &left)| {
            xs.iter()
                .copied()
                .filter(|&x| xs.iter().filter(|&&y| (x - y).abs() <= 0.5 * size).count() >= 2)
                .reduce(f64::min)
                .unwrap_or(left)
        })
        .collect();
    // the rows' labels: the first column where text starts
    let label_col = col_left.iter().position(|&x| x < f64::MAX);
    // the table's row pitch: a label's wrapped lines stand closer than rows
    // (between rows with figures: a paragraph's lines are no rows)
    let numeric_tops: Vec<f64> = out.iter().filter(|b| b.numeric).map(|b| b.top).collect();
    let mut steps: Vec<f64> = numeric_tops.windows(2).map(|w| w[1] - w[0]).collect();
    steps.sort_by(|a, b| a.total_cmp(b));
    let pitch = steps.get(steps.len() / 2).copied().unwrap_or(f64::MAX);
    // vertical distance between the last line of `a` and the first of `b` in column `c`
    let line_gap = |a: &Band, b: &Band, c: usize| -> f64 {
        let last = a.parts[c].iter().map(|t| t.cy).fold(f64::MIN, f64::max);
        let first = b.parts[c].iter().map(|t| t.cy).fold(f64::MAX, f64::min);
        first - last
    };
    // join lines of text alone to the row they continue
    let mut k = 0;
    while k < out.len() {
        let b = &out[k];
        let filled: Vec<usize> = (0..n).filter(|&c| !b.parts[c].is_empty()).collect();
        if b.numeric || filled.is_empty() {
            k += 1;
            continue;
        }
        let gap_up = if k > 0 {
            b.top - out[k - 1].bottom
        } else {
            f64::MAX
        };
        let gap_down = if k + 1 < out.len() {
            out[k + 1].top - b.bottom
        } else {
            f64::MAX
        };
        let opens = filled
            .iter()
            .any(|&c| b.first_text[c].as_deref().is_some_and(opens_item));
        // complementary: the neighbour has nothing where this band has text
        let free_in = |o: &Band| filled.iter().all(|&c| o.parts[c].is_empty());
        let up_ok = k > 0 && gap_up <= 1.2 * size;
        let down_ok = k + 1 < out.len() && gap_down <= 1.2 * size;
        // (a column-number row, `** 1 2 3`, is no row's figures)
        let up_free = up_ok && free_in(&out[k - 1]) && out[k - 1].numeric && !out[k - 1].numbers;
        let down_free =
            down_ok && free_in(&out[k + 1]) && out[k + 1].numeric && !out[k + 1].numbers;
        // continuation: the row above filled these columns to their edge
        let full = |o: &Band| {
            filled.iter().all(|&c| {
                o.last_right[c].is_some_and(|r| r >= reach[c] - 1.5 * size)
                    && !o.parts[c].iter().all(|t| tok_numeric(t))
            })
        };
        // continuation of a wrapped label, up (this band goes on the text
        // above) or down (it starts the text below): the neighbour has text
        // in the same columns and the lower part opens no item; of the two,
        // the closer; taken when the lines stand at a line's distance, or
        // the upper part filled its columns and they stand closer than rows
        let gap_of = |a: &Band, b: &Band| {
            filled
                .iter()
                .map(|&c| line_gap(a, b, c))
                .fold(f64::MIN, f64::max)
        };
        let texty = |o: &Band| {
            filled
                .iter()
                .all(|&c| !o.parts[c].is_empty() && !o.parts[c].iter().all(|t| tok_numeric(t)))
        };
        // a wrapped label's lines share their left edge or their centre, or
        // the upper one is indented a few characters (its level) and the
        // lower one goes back to the column's left edge, or to where the
        // other rows' labels start (in the first column of text, the rows'
        // labels; a paragraph of a later column wraps as it will)
        let aligned = |o: &Band| {
            filled.iter().filter(|&&c| Some(c) == label_col).all(|&c| {
                let ext = |b: &Band| {
                    let x0 = b.parts[c].iter().map(|t| t.x0).fold(f64::MAX, f64::min);
                    let x1 = b.parts[c].iter().map(|t| t.x1).fold(f64::MIN, f64::max);
                    (x0, (x0 + x1) / 2.0)
                };
                let ((a0, ac), (b0, bc)) = (ext(o), ext(&out[k]));
                let (upper, lower) = if o.top < out[k].top {
                    (a0, b0)
                } else {
                    (b0, a0)
                };
                let hanging = ((lower - col_left[c]).abs() <= 0.5 * size
                    || (lower - shared_left[c]).abs() <= 0.5 * size)
                    && upper > lower
                    && upper - lower <= 4.0 * size;
                (a0 - b0).abs() <= 0.5 * size || (ac - bc).abs() <= 0.5 * size || hanging
            })
        };
        // (a total's label, `本年收入合计` over `上年结转结余` over `收入总计`,
        // neither wraps on nor is the tail of a label wrapped above it)
        let total = |t: &str| total_word(t, |t, w| t.ends_with(w));
        let up_c = up_ok
            && !opens
            && !out[k - 1].numbers
            && texty(&out[k - 1])
            && aligned(&out[k - 1])
            && filled
                .iter()
                .all(|&c| !out[k - 1].first_text[c].as_deref().is_some_and(total));
        let down_c = down_ok
            && !out[k + 1].numbers
            && texty(&out[k + 1])
            && aligned(&out[k + 1])
            && filled.iter().all(|&c| {
                !out[k + 1].first_text[c]
                    .as_deref()
                    .is_some_and(|t| opens_item(t) || total(t))
            });
        let gu = if up_c {
            gap_of(&out[k - 1], &out[k])
        } else {
            f64::MAX
        };
        let gd = if down_c {
            gap_of(&out[k], &out[k + 1])
        } else {
            f64::MAX
        };
        let takes = |g: f64, upper: &Band| g <= 1.4 * size || (full(upper) && g <= 1.1 * pitch);
        // an item of a list of items printed alone (`二十五、…`, `二十六、…`),
        // as far from the row below as from the item above: a row of its own
        let listed = opens
            && k > 0
            && !out[k - 1].numeric
            && (0..n).any(|c| out[k - 1].first_text[c].as_deref().is_some_and(opens_item))
            && (gap_up - gap_down).abs() <= 0.1 * size;
        let up_cont = up_c && gu <= gd && takes(gu, &out[k - 1]);
        let down_cont = down_c && !listed && gd < gu && takes(gd, &out[k]);
        // (a label's last wrapped line right under it, a row with nothing
        // in its column further down: `经营预算财政` / `拨款` over the `4` of
        // the next row, its label blank, goes up)
        let target = if up_free && down_free {
            Some(if gap_up <= gap_down { k - 1 } else { k + 1 })
        } else if up_cont && down_free && !down_cont && gap_up < gap_down {
            Some(k - 1)
        } else if down_free || down_cont {
            Some(k + 1)
        } else if up_free || up_cont {
            Some(k - 1)
        } else {
            None
        };
        match target {
            Some(t) => {
                let b = out.remove(k);
                let t = if t > k { t - 1 } else { t };
                let o = &mut out[t];
                for (c, p) in b.parts.into_iter().enumerate() {
                    o.parts[c].extend(p);
                }
                o.top = o.top.min(b.top);
                o.bottom = o.bottom.max(b.bottom);
                for c in 0..n {
                    let ls = lines(&o.parts[c]);
                    o.last_right[c] = ls
                        .last()
                        .map(|l| l.iter().map(|t| t.x1).fold(f64::MIN, f64::max));
                    o.first_text[c] = ls.first().map(|l| line_text(l, true));
                }
                // look again at the merged row's neighbours from its place
                k = t.saturating_sub(1).min(k);
            }
            None => k += 1,
        }
    }
    let xs = boundaries(cols);
    // where each row's text starts in each column (left-aligned labels
    // share their start)
    let starts = text_starts(&out);
    out.into_iter()
        .map(|mut b| {
            respan(&mut b.parts, &col_left, &starts, &xs, size);
            b.parts
        })
        .collect()
}

/// A row's first text centred over its own column and the empty ones left
/// of it (a `合计` centred across code and name columns) is a cell spanning
/// them: it moves to the leftmost, as a merged cell's text does. Text
/// aligned at its column's left edge or where another row's text in the
/// column starts, or centred on that column alone, stays.
fn respan(parts: &mut [Vec<&Tok>], left: &[f64], starts: &[Vec<f64>], xs: &[f64], size: f64) {
    let Some(k) = parts.iter().position(|p| !p.is_empty()) else {
        return;
    };
    if k == 0 || parts[k].iter().any(|t| tok_numeric(t)) {
        return;
    }
    let ls = lines(&parts[k]);
    let x0 = parts[k].iter().map(|t| t.x0).fold(f64::MAX, f64::min);
    let x1 = parts[k].iter().map(|t| t.x1).fold(f64::MIN, f64::max);
    let cx = (x0 + x1) / 2.0;
    // (two rows, 栏次 and 合计, may both be centred across the same columns)
    let shared = starts[k]
        .iter()
        .filter(|&&s| (s - x0).abs() <= 0.25 * size)
        .count()
        >= 3;
    if ls.len() != 1 || x0 < left[k] + 0.5 * size || shared {
        return;
    }
    let tol = |a: usize, b: usize| (0.75 * size).max(0.06 * (xs[b + 1] - xs[a]));
    if (cx - (xs[k] + xs[k + 1]) / 2.0).abs() <= tol(k, k) {
        return;
    }
    if let Some(a) = (0..k).find(|&a| (cx - (xs[a] + xs[k + 1]) / 2.0).abs() <= tol(a, k)) {
        let moved = std::mem::take(&mut parts[k]);
        parts[a] = moved;
    }
}

/// A header cell: the pieces of one header, over columns `lo..=hi`.
struct HCell<'t> {
    lo: usize,
    hi: usize,
    top: f64,
    bottom: f64,
    cy_first: f64,
    cy_last: f64,
    /// Width of its widest line.
    max_w: f64,
    /// Left and right edge of its last line.
    last_x: (f64, f64),
    toks: Vec<&'t Tok>,
}

/// Header rows.
///
/// Each header line splits into pieces, each over the columns it overlaps;
/// pieces over the same columns on consecutive lines, the upper one filling
/// the columns' width, are one wrapped header. A header then widens over the
/// columns it is centred on, as far as its neighbours (headers level with it)
/// allow and only over columns with something below it (sub-headers, rows):
/// a group header lands at the leftmost column of its span, as a merged cell
/// does. The rows (levels) are those of the column with the most headers
/// stacked; a header takes the level nearest its middle, then reaches up
/// through levels left empty above it (a header centred over several levels
/// belongs to the top one).
fn header_rows<'t>(
    head: &[PLine<'t>],
    cols: &[(f64, f64)],
    xs: &[f64],
    printed: &[ColumnBody],
    size: f64,
) -> Vec<Vec<Vec<&'t Tok>>> {
    let n = cols.len();
    if head.is_empty() {
        return Vec::new();
    }
    let line_pieces: Vec<Vec<(usize, usize, Vec<&Tok>)>> = head
        .iter()
        .enumerate()
        .map(|(i, l)| {
            header_pieces(&l.toks, size, cols, &above(head, i, size))
                .into_iter()
                .map(|c| {
                    let (lo, hi) = span_of(&c, cols, xs);
                    (lo, hi, c)
                })
                .collect()
        })
        .collect();
    // how wide each column prints: its body text and its own headers
    let mut ext: Vec<(f64, f64)> = cols.to_vec();
    for (lo, hi, toks) in line_pieces.iter().flatten() {
        if lo == hi {
            let e = &mut ext[*lo];
            e.0 = e.0.min(toks[0].x0);
            e.1 = e.1.max(toks.last().unwrap().x1);
        }
    }
    // the x-range of each piece, line by line
    let ranges: Vec<Vec<(f64, f64)>> = line_pieces
        .iter()
        .map(|l| {
            l.iter()
                .map(|(_, _, t)| (t[0].x0, t.last().unwrap().x1))
                .collect()
        })
        .collect();
    // a piece with a piece on either side of it under no header of the lines
    // above (`类` and `项` beside `款`): a row of sub-headers under a group
    // header over them, with its pieces, the x-ranges of those two
    let bare = |li: usize, (a, b): (f64, f64)| {
        !ranges[..li].iter().flatten().any(|&(p, q)| q > a && p < b)
    };
    let flanks: Vec<Vec<Option<(f64, f64)>>> = ranges
        .iter()
        .enumerate()
        .map(|(li, l)| {
            (0..l.len())
                .map(|k| {
                    let (left, right) = (l.get(k.wrapping_sub(1))?, l.get(k + 1)?);
                    (bare(li, *left) && bare(li, *right)).then_some((left.1, right.0))
                })
                .collect()
        })
        .collect();
    let mut cells: Vec<HCell> = Vec::new();
    for (li, pieces) in line_pieces.into_iter().enumerate() {
        let l = &head[li];
        for (k, (lo, hi, toks)) in pieces.into_iter().enumerate() {
            let w = toks.last().unwrap().x1 - toks[0].x0;
            let (x0, x1) = (toks[0].x0, toks.last().unwrap().x1);
            let opens_bracket = toks[0].text.starts_with(['(', '（']);
            let closes_bracket = toks.iter().any(|t| t.text.contains([')', '）']));
            let cont = cells.iter_mut().rev().find(|c| {
                // a line broken because it was full, or broken before a
                // bracketed qualifier or inside one, the bracket closing on
                // this line (事业收入 / (不含教育 / 收费))
                let full = c.max_w + 1.2 * size >= ext[hi].1 - ext[lo].0
                    || opens_bracket
                    || closes_bracket && unclosed_bracket(&c.toks);
                // wrapped lines share their centre (or their left edge);
                // they stand a line apart, or a wide leading (two text
                // heights) where another cell's line stands between them
                // (cells of two and three lines centred interleave theirs)
                let between = head
                    .iter()
                    .any(|h| h.cy > c.cy_last + 0.3 * size && h.cy < l.cy - 0.3 * size);
                let reach = if between { 2.2 } else { 1.7 };
                let (cx0, cx1) = c.last_x;
                let aligned = ((cx0 + cx1) / 2.0 - (x0 + x1) / 2.0).abs() <= 0.3 * size
                    || (cx0 - x0).abs() <= 0.3 * size;
                // (the cell a group header over this piece and its flanking
                // sub-headers, close on either side of it: `科目编码` over
                // `类 款 项`)
                // (wider than the piece: the lines of a wrapped header fill
                // its cell alike, `附属单` / `位上缴` / `收入`)
                let group = flanks[li][k].is_some_and(|(p, q)| {
                    let w = cx1 - cx0;
                    w > x1 - x0 + size && cx0 > p && cx1 < q && cx0 - p < w && q - cx1 < w
                });
                // (nor two headers of columns stacked: `基本支出` over
                // `人员支出`)
                let two = || two_headers(&line_text(&c.toks, true), &line_text(&toks, true));
                c.lo == lo
                    && c.hi == hi
                    && l.cy - c.cy_last <= reach * size
                    && l.cy > c.cy_last
                    && full
                    && aligned
                    && !group
                    && !two()
            });
            match cont {
                Some(c) => {
                    c.max_w = c.max_w.max(w);
                    c.last_x = (x0, x1);
                    c.toks.extend(toks);
                    c.cy_last = l.cy;
                    c.bottom = c.bottom.max(l.bottom);
                }
                None => cells.push(HCell {
                    lo,
                    hi,
                    top: l.top,
                    bottom: l.bottom,
                    cy_first: l.cy,
                    cy_last: l.cy,
                    max_w: w,
                    last_x: (x0, x1),
                    toks,
                }),
            }
        }
    }
    // a header broken short of its column's width, its lines in step with a
    // wrapped header beside it, the two lines together wider than what the
    // column holds (`其他` / `收入` level with `附属单位` / `上缴收入`): one
    // cell wrapped in a narrow column
    let mut k = 0;
    while k < cells.len() {
        let c = &cells[k];
        let (cx0, cx1) = c.last_x;
        let next = cells.iter().position(|d| {
            let (x0, x1) = (d.toks[0].x0, d.toks.last().unwrap().x1);
            let aligned = ((cx0 + cx1) / 2.0 - (x0 + x1) / 2.0).abs() <= 0.3 * size
                || (cx0 - x0).abs() <= 0.3 * size;
            d.lo == c.lo
                && d.hi == c.hi
                && d.cy_first > c.cy_last
                && d.cy_first - c.cy_last <= 2.2 * size
                && aligned
                && c.max_w + (x1 - x0) >= ext[c.hi].1 - ext[c.lo].0 - 0.2 * size
        });
        let in_step = next.is_some_and(|j| {
            let (a, b) = (c.cy_last, cells[j].cy_first);
            let at = |d: &HCell, y: f64| d.toks.iter().any(|t| (t.cy - y).abs() <= 0.2 * size);
            cells
                .iter()
                .any(|d| (d.hi < c.lo || d.lo > c.hi) && at(d, a) && at(d, b))
        });
        match next {
            Some(j) if in_step => {
                let d = cells.remove(j);
                let k = if j < k { k - 1 } else { k };
                let c = &mut cells[k];
                c.max_w = c.max_w.max(d.max_w);
                c.last_x = d.last_x;
                c.toks.extend(d.toks);
                c.cy_last = d.cy_last;
                c.bottom = c.bottom.max(d.bottom);
            }
            _ => k += 1,
        }
    }
    widen(&mut cells, printed, cols, xs, size);
    // levels: the column with the most headers stacked
    let stack = |c: usize| -> Vec<&HCell> {
        let mut v: Vec<&HCell> = cells.iter().filter(|h| h.lo <= c && c <= h.hi).collect();
        v.sort_by(|a, b| a.top.total_cmp(&b.top));
        v
    };
    let deepest = (0..n)
        .max_by_key(|&c| (stack(c).len(), std::cmp::Reverse(c)))
        .unwrap_or(0);
    let levels: Vec<f64> = stack(deepest)
        .iter()
        .map(|h| (h.cy_first + h.cy_last) / 2.0)
        .collect();
    let nl = levels.len().max(1);
    let nearest = |mid: f64| {
        (0..nl)
            .min_by(|&a, &b| (levels[a] - mid).abs().total_cmp(&(levels[b] - mid).abs()))
            .unwrap_or(0)
    };
    let mut order: Vec<usize> = (0..cells.len()).collect();
    order.sort_by(|&a, &b| cells[a].top.total_cmp(&cells[b].top));
    let mut occupied = vec![vec![false; n]; nl];
    let mut rows: Vec<Vec<Vec<&Tok>>> = vec![vec![Vec::new(); n]; nl];
    for k in order {
        let h = &cells[k];
        let mid = (h.cy_first + h.cy_last) / 2.0;
        let near = nearest(mid);
        let mut lv = near;
        while lv > 0 && (h.lo..=h.hi).all(|c| !occupied[lv - 1][c]) {
            lv -= 1;
        }
        // a taken level: go down to the first free one
        while lv < nl - 1 && (h.lo..=h.hi).any(|c| occupied[lv][c]) {
            lv += 1;
        }
        for row in occupied.iter_mut().take(near.max(lv) + 1).skip(lv) {
            for o in row.iter_mut().take(h.hi + 1).skip(h.lo) {
                *o = true;
            }
        }
        rows[lv][h.lo].extend(h.toks.iter().copied());
    }
    rows
}

/// Whether a header's words open a bracket they do not close.
fn unclosed_bracket(toks: &[&Tok]) -> bool {
    let mut depth = 0i32;
    for ch in toks.iter().flat_map(|t| t.text.chars()) {
        match ch {
            '(' | '（' => depth += 1,
            ')' | '）' => depth -= 1,
            _ => {}
        }
    }
    depth > 0
}

/// Widens each header over the columns it is centred on: not past the
/// headers level with it on either side, and only over columns with
/// something below it (a sub-header, a body row).
fn widen(cells: &mut [HCell], printed: &[ColumnBody], cols: &[(f64, f64)], xs: &[f64], size: f64) {
    let n = cols.len();
    let body_cols: Vec<bool> = printed.iter().map(|p| p.filled).collect();
    // where each column's body text starts
    let left: Vec<f64> = printed.iter().map(|p| p.left).collect();
    let numeric: Vec<bool> = printed.iter().map(|p| p.numeric).collect();
    // the centre of the lowest header over each column alone
    let own_centre: Vec<Option<f64>> = (0..n)
        .map(|c| {
            cells
                .iter()
                .filter(|h| h.lo == c && h.hi == c)
                .max_by(|x, y| x.top.total_cmp(&y.top))
                .map(|h| {
                    let x0 = h.toks.iter().map(|t| t.x0).fold(f64::MAX, f64::min);
                    let x1 = h.toks.iter().map(|t| t.x1).fold(f64::MIN, f64::max);
                    (x0 + x1) / 2.0
                })
        })
        .collect();
    // where a column of right-aligned amounts has its borders: its right
    // edge just past its amounts; its left edge where the amounts of the
    // column before it end, else as far left of its header's centre as its
    // amounts end right of it (a header is centred over its cell, not over
    // the gutters' middles); a first column of labels starts where they do
    let cell_left = |c: usize| {
        if c > 0 && numeric[c] && numeric[c - 1] {
            cols[c - 1].1
        } else if numeric[c] && own_centre[c].is_some() {
            let floor = if c > 0 { cols[c - 1].1 } else { f64::MIN };
            (2.0 * own_centre[c].unwrap() - cols[c].1)
                .min(cols[c].0)
                .max(floor)
        } else if c == 0 && body_cols[0] && !numeric[0] {
            xs[0].max(cols[0].0 - 0.5 * size)
        } else {
            xs[c]
        }
    };
    let cell_right = |c: usize| {
        if numeric[c] {
            cols[c].1
        } else {
            xs[c + 1]
        }
    };
    let mut spans: Vec<(usize, usize, f64, f64)> = cells
        .iter()
        .map(|c| (c.lo, c.hi, c.top, c.bottom))
        .collect();
    let mids: Vec<f64> = cells
        .iter()
        .map(|c| (c.cy_first + c.cy_last) / 2.0)
        .collect();
    // a header with nothing under it, standing between the header rows
    // (not on a row of headers with sub-headers, nor on the lowest row), is
    // a cell as tall as the rows below the one above it: it reaches up to
    // that row (`科目名称` beside `科目编码` over 类 / 款 / 项)
    let leaf: Vec<bool> = (0..spans.len())
        .map(|k| {
            !spans.iter().enumerate().any(|(j, o)| {
                j != k && o.0 <= spans[k].1 && spans[k].0 <= o.1 && o.2 >= spans[k].3 - 0.1 * size
            })
        })
        .collect();
    let lowest = mids.iter().copied().fold(f64::MIN, f64::max);
    let floor = spans.iter().map(|s| s.3).fold(f64::MIN, f64::max);
    let tops: Vec<f64> = (0..spans.len())
        .map(|k| {
            let m = mids[k];
            if !leaf[k] || m > lowest - 0.5 * size {
                return spans[k].2;
            }
            let anchors = (0..spans.len()).filter(|&j| !leaf[j]);
            if anchors.clone().any(|j| (mids[j] - m).abs() <= 0.5 * size) {
                return spans[k].2;
            }
            // (a cell reaches down to the rows, its text centred in it: it
            // starts as far above its middle as the header block ends below
            // it, level with a row of group headers there: `合计` beside the
            // group it flanks, three rows tall)
            let implied = 2.0 * m - floor;
            let level_with = anchors
                .clone()
                .filter(|&j| (spans[j].2 - implied).abs() <= 0.5 * size)
                .map(|j| spans[j].2)
                .reduce(f64::min);
            if let Some(t) = level_with {
                return t.min(spans[k].2);
            }
            let row = anchors
                .map(|j| mids[j])
                .filter(|&a| a < m)
                .fold(f64::MIN, f64::max);
            if row == f64::MIN {
                return spans[k].2;
            }
            (0..spans.len())
                .filter(|&j| !leaf[j] && (mids[j] - row).abs() <= 0.5 * size)
                .map(|j| spans[j].2)
                .fold(spans[k].2, f64::min)
        })
        .collect();
    for (s, t) in spans.iter_mut().zip(tops) {
        s.2 = t;
    }
    let level = |k: usize, j: usize| {
        let (a, b) = (&spans[k], &spans[j]);
        a.2 < b.3 - 0.1 * size && a.3 > b.2 + 0.1 * size
    };
    // the span a header takes, given the spans its level neighbours hold,
    // and how far off its centre it is (a share of the tolerance); `None`
    // where it stays as it is
    let choose_all = |k: usize,
                      held: &[(usize, usize)],
                      tree: bool,
                      options: Option<&mut Vec<(usize, usize, f64)>>|
     -> Option<(usize, usize, f64)> {
        let (lo, hi, _, bottom) = spans[k];
        let mut left_limit = 0;
        let mut right_limit = n - 1;
        let mut below = body_cols.clone();
        let mut heads_below = vec![false; n];
        for (j, o) in spans.iter().enumerate() {
            if j == k {
                continue;
            }
            if level(k, j) {
                let (olo, ohi) = held[j];
                if ohi < lo {
                    left_limit = left_limit.max(ohi + 1);
                }
                if olo > hi {
                    right_limit = right_limit.min(olo.saturating_sub(1));
                }
            } else if o.2 >= bottom - 0.1 * size {
                for b in below.iter_mut().take(o.1 + 1).skip(o.0) {
                    *b = true;
                }
                for b in heads_below.iter_mut().take(o.1 + 1).skip(o.0) {
                    *b = true;
                }
            }
        }
        if lo < left_limit || hi > right_limit {
            return None;
        }
        // headers form a tree: not into a column a header above holds
        // unless that header holds this one's columns too (`科目名称`, as
        // tall as the header block, not under `科目编码` beside it); asked
        // once the headers above have widened
        let top = spans[k].2;
        for (j, o) in spans.iter().enumerate() {
            let (olo, ohi) = held[j];
            if tree && j != k && o.3 <= top + 0.1 * size && (ohi < lo || olo > hi) {
                for b in below.iter_mut().take(ohi + 1).skip(olo) {
                    *b = false;
                }
            }
        }
        // the first header under this one in each column: a group header
        // is first tried without the columns whose first header below stands
        // clearly above its own sub-headers (`基本支出` over 小计 / 人员经费 / 公用经费,
        // not over `合计` beside them, a cell as tall as both header rows)
        // (a group header of its own there, with headers under it, is no
        // tall cell: `部门预算` over `一般公共预算拨款` over 小计 / 其中)
        let first_below: Vec<Option<(f64, bool)>> = (0..n)
            .map(|c| {
                spans
                    .iter()
                    .zip(&mids)
                    .enumerate()
                    .filter(|&(j, (o, _))| {
                        j != k && o.0 <= c && c <= o.1 && o.2 >= bottom - 0.1 * size
                    })
                    .map(|(j, (o, &m))| (o.2, m, leaf[j]))
                    .min_by(|a, b| a.0.total_cmp(&b.0))
                    .map(|(_, m, l)| (m, l))
            })
            .collect();
        let own = (lo..=hi)
            .filter_map(|c| first_below[c].map(|f| f.0))
            .reduce(f64::min);
        let mut under = below.clone();
        if let Some(own) = own {
            for (c, b) in under.iter_mut().enumerate() {
                if (c < lo || c > hi)
                    && first_below[c].is_some_and(|(m, l)| l && m < own - 0.8 * size)
                {
                    *b = false;
                }
            }
        }
        let toks = &cells[k].toks;
        let x0 = toks.iter().map(|t| t.x0).fold(f64::MAX, f64::min);
        let x1 = toks.iter().map(|t| t.x1).fold(f64::MIN, f64::max);
        let cx = (x0 + x1) / 2.0;
        // the widest span the header is centred on, judged between the
        // gutters' middles; failing any, between the amounts' cells
        let span = |below: &[bool], found: &mut Vec<(usize, usize, f64)>| {
            let mut best = [(lo, hi, 0.0); 2];
            let mut best_w = [None; 2];
            for a in left_limit..=lo {
                for b in hi..=right_limit {
                    let tol = 0.75 * size + 0.03 * (xs[b + 1] - xs[a]);
                    let centres = [
                        (xs[a] + xs[b + 1]) / 2.0,
                        (cell_left(a) + cell_right(b)) / 2.0,
                    ];
                    if !(a..=b).all(|c| (lo..=hi).contains(&c) || below[c]) {
                        continue;
                    }
                    // a header's text does not cross its group's border
                    let cuts = spans.iter().enumerate().any(|(j, o)| {
                        j != k
                            && o.2 >= bottom - 0.1 * size
                            && (o.0 < a && o.1 >= a || o.0 <= b && o.1 > b)
                    });
                    if cuts {
                        continue;
                    }
                    let mut seen = f64::MAX;
                    for m in 0..2 {
                        let off = (centres[m] - cx).abs();
                        if off <= tol {
                            seen = seen.min(off / tol);
                        }
                        if off <= tol && best_w[m].is_none_or(|w| b - a > w) {
                            best[m] = (a, b, off / tol);
                            best_w[m] = Some(b - a);
                        }
                    }
                    if seen < f64::MAX {
                        found.push((a, b, seen));
                    }
                }
            }
            if (best[0].0, best[0].1) != (lo, hi) {
                best[0]
            } else {
                best[1]
            }
        };
        // over its own sub-headers where it is centred on them; else over
        // whatever it is centred on (a tall cell may be its own column's)
        let mut found = Vec::new();
        let mut pick = span(&under, &mut found);
        found.clear();
        let wide = span(&below, &mut found);
        if (pick.0, pick.1) == (lo, hi) {
            pick = wide;
        }
        // (or left-aligned as the headers under it are: a header below in
        // its column starts where it starts, `预算数` over `合计`)
        let head_aligned = spans
            .iter()
            .zip(cells.iter())
            .enumerate()
            .any(|(j, (o, c))| {
                let c0 = c.toks.iter().map(|t| t.x0).fold(f64::MAX, f64::min);
                j != k && o.0 == lo && o.2 >= bottom - 0.1 * size && (c0 - x0).abs() <= 0.3 * size
            });
        let aligned = (x0 - left[lo]).abs() <= 0.3 * size || head_aligned;
        if let Some(out) = options {
            if aligned {
                let mut b = hi;
                while b < right_limit && below[b + 1] && !(leaf[k] && heads_below[b + 1]) {
                    b += 1;
                }
                found.push((lo, b, 0.0));
            }
            *out = found;
        }
        if (pick.0, pick.1) != (lo, hi) {
            return Some(pick);
        }
        // centred on nothing wider: a header aligned with its column's text
        // is at the left of its span already (a left-aligned group header):
        // it reaches right over the columns with something below, up to its
        // neighbour (one with no header under it, over body columns only)
        if aligned {
            let mut b = hi;
            while b < right_limit && below[b + 1] && !(leaf[k] && heads_below[b + 1]) {
                b += 1;
            }
            return Some((lo, b, 0.0));
        }
        Some(pick)
    };
    let choose = |k: usize, held: &[(usize, usize)], tree: bool| choose_all(k, held, tree, None);
    let own: Vec<(usize, usize)> = spans.iter().map(|s| (s.0, s.1)).collect();
    let mut picks: Vec<(usize, usize, f64)> = (0..cells.len())
        .map(|k| choose(k, &own, false).unwrap_or((own[k].0, own[k].1, 0.0)))
        .collect();
    let mut by_top: Vec<usize> = (0..cells.len()).collect();
    by_top.sort_by(|&a, &b| spans[a].2.total_cmp(&spans[b].2));
    {
        // headers level with each other, with headers under them, that
        // came to share columns: siblings over one group's columns, each
        // centred on its own (`上年 | 当年 | 增减变化情况`), take the spans
        // that together cover the most columns, the best centred of those
        // (top row first: a row's spans stay inside those above it)
        let group: Vec<bool> = (0..cells.len()).map(|k| !leaf[k]).collect();
        let mut done = vec![false; cells.len()];
        for &k in &by_top {
            if done[k] || !group[k] {
                continue;
            }
            let mut comp = vec![k];
            let mut i = 0;
            while i < comp.len() {
                let c = comp[i];
                for (j, &g) in group.iter().enumerate() {
                    if g && !comp.contains(&j) && level(c, j) {
                        comp.push(j);
                    }
                }
                i += 1;
            }
            for &c in &comp {
                done[c] = true;
            }
            let clash = comp.iter().any(|&x| {
                comp.iter()
                    .any(|&y| x != y && picks[x].0 <= picks[y].1 && picks[y].0 <= picks[x].1)
            });
            if !clash {
                continue;
            }
            comp.sort_by_key(|&c| own[c].0);
            let mut held: Vec<(usize, usize)> = picks.iter().map(|p| (p.0, p.1)).collect();
            for &c in &comp {
                held[c] = own[c];
            }
            let cands: Vec<Vec<(usize, usize, f64)>> = comp
                .iter()
                .map(|&c| {
                    let mut v = Vec::new();
                    choose_all(c, &held, true, Some(&mut v));
                    v.push((own[c].0, own[c].1, 1.0));
                    v
                })
                .collect();
            // best[i][x]: (columns, -off) of members 0..=i with i taking x
            let mut best: Vec<Vec<Option<(usize, f64, usize)>>> = Vec::new();
            for (i, cs) in cands.iter().enumerate() {
                let row = cs
                    .iter()
                    .map(|&(a, b, off)| {
                        if i == 0 {
                            return Some((b - a + 1, off, usize::MAX));
                        }
                        best[i - 1]
                            .iter()
                            .enumerate()
                            .filter_map(|(y, p)| p.map(|p| (y, p)))
                            .filter(|&(y, _)| cands[i - 1][y].1 < a)
                            .map(|(y, p)| (p.0 + b - a + 1, p.1 + off, y))
                            .max_by(|p, q| p.0.cmp(&q.0).then(q.1.total_cmp(&p.1)))
                    })
                    .collect();
                best.push(row);
            }
            let last = comp.len() - 1;
            let end = best[last]
                .iter()
                .enumerate()
                .filter_map(|(x, p)| p.map(|p| (x, p)))
                .max_by(|p, q| p.1 .0.cmp(&q.1 .0).then(q.1 .1.total_cmp(&p.1 .1)));
            if let Some((mut x, _)) = end {
                for i in (0..=last).rev() {
                    picks[comp[i]] = cands[i][x];
                    if i > 0 {
                        x = best[i][x].unwrap().2;
                    }
                }
            }
        }
    }
    // a header that widened under a header above that does not hold its
    // own columns (that header had not widened yet) widens again, the
    // headers above settled first
    for &k in &by_top {
        let (lo, hi) = own[k];
        let crossed = (0..cells.len()).any(|j| {
            let (olo, ohi) = (picks[j].0, picks[j].1);
            j != k
                && spans[j].3 <= spans[k].2 + 0.1 * size
                && (ohi < lo || olo > hi)
                && olo <= picks[k].1
                && picks[k].0 <= ohi
        });
        if crossed {
            let held: Vec<(usize, usize)> = picks.iter().map(|p| (p.0, p.1)).collect();
            picks[k] = choose(k, &held, true).unwrap_or((lo, hi, 0.0));
        }
    }
    // two headers level with each other that came to share a column (each
    // widened as if the other kept its own columns): the one centred less
    // well widens again within what the other took
    for k in 0..cells.len() {
        for j in 0..cells.len() {
            let (a, b) = (picks[k], picks[j]);
            if j == k || !level(k, j) || a.1 < b.0 || b.1 < a.0 || a.2 <= b.2 {
                continue;
            }
            let held: Vec<(usize, usize)> = picks.iter().map(|p| (p.0, p.1)).collect();
            picks[k] = choose(k, &held, true).unwrap_or((own[k].0, own[k].1, 0.0));
        }
    }
    for (cell, p) in cells.iter_mut().zip(picks) {
        cell.lo = p.0;
        cell.hi = p.1;
    }
}

/// The pieces of a header line: tokens joined where they stand close (a
/// header's words), apart where a gutter is. Single characters spaced out
/// (a letter-spaced `项    目`, `收        入`) join when the later one stands
/// over the same column as the earlier one, or over none and under no header
/// of the lines above (`above`: x-ranges of the header words up to a few
/// lines above; a lone character under one ends a wrapped header, or stands
/// under a group header of a tall header block: `类` and `款` under
/// `科目编码`).
fn header_pieces<'t>(
    toks: &[&'t Tok],
    size: f64,
    cols: &[(f64, f64)],
    above: &[(f64, f64)],
) -> Vec<Vec<&'t Tok>> {
    let over = |t: &Tok| -> Vec<usize> {
        (0..cols.len())
            .filter(|&k| t.x1.min(cols[k].1) - t.x0.max(cols[k].0) > 0.0)
            .collect()
    };
    let single = |x: &Tok| x.text.chars().count() == 1 && x.text.chars().all(super::is_cjk);
    let mut out: Vec<Vec<&Tok>> = Vec::new();
    for t in toks {
        let join = out.last().and_then(|c| c.last()).is_some_and(|p| {
            let gap = t.x0 - p.x1;
            let (a, b) = (over(p), over(t));
            // a year touching the word after it reads into it (`2026
            // 年政府采购项目`)
            let year = p.text.len() == 4 && p.text.bytes().all(|b| b.is_ascii_digit());
            let figure = year && t.text.chars().next().is_some_and(super::is_cjk);
            if figure && gap <= 0.3 * size {
                return true;
            }
            if gap <= 0.8 * size {
                // close, unless each stands over a column of its own, or
                // one over none stands further apart than words do without a
                // space between them
                if a.is_empty() || b.is_empty() {
                    // (two headers of blank columns nearly touching, each a
                    // column's name while the two together are none:
                    // `政府性基金预算 国有资本经营预算`)
                    let piece: String = out
                        .last()
                        .unwrap()
                        .iter()
                        .map(|x| x.text.as_str())
                        .collect();
                    if gap > 0.2 * size && two_headers(&piece, &t.text) {
                        return false;
                    }
                    return gap <= 0.5 * size || t.space_before;
                }
                return a.iter().any(|k| b.contains(k));
            }
            if !(single(p) && single(t)) || gap > 20.0 * size {
                return false;
            }
            let under = above.iter().any(|&(x0, x1)| t.x1 > x0 && t.x0 < x1);
            ((a.is_empty() || b.is_empty()) && !under) || (!a.is_empty() && a == b)
        });
        if join {
            out.last_mut().unwrap().push(t);
        } else {
            out.push(vec![t]);
        }
    }
    out
}

/// Whether two header texts each name a column of some table while the
/// two together name none.
fn two_headers(a: &str, b: &str) -> bool {
    let tables = &crate::grammar::grammar().table;
    let names = |h: &str| tables.iter().any(|t| t.column(h).is_some());
    names(a) && names(b) && !names(&format!("{a}{b}"))
}

/// The x-ranges of the words of the header lines above line `i`, up to four
/// and a half text heights up (a tall header block's group header).
fn above(head: &[PLine], i: usize, size: f64) -> Vec<(f64, f64)> {
    head[..i]
        .iter()
        .filter(|l| head[i].cy - l.cy <= 4.5 * size)
        .flat_map(|l| l.toks.iter().map(|t| (t.x0, t.x1)))
        .collect()
}

/// The columns a piece of header overlaps: first and last.
fn span_of(c: &[&Tok], cols: &[(f64, f64)], xs: &[f64]) -> (usize, usize) {
    let (a, b) = (c[0].x0, c.last().unwrap().x1);
    let over: Vec<usize> = (0..cols.len())
        .filter(|&k| b.min(cols[k].1) - a.max(cols[k].0) > 0.0)
        .collect();
    match (over.first(), over.last()) {
        (Some(&f), Some(&l)) => (f, l),
        _ => {
            let k = column_of(c[0], cols, xs);
            (k, k)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{layout_page, Page, PageLayout, Word};

    /// A word as a PDF gives it: CJK characters one text height wide, other
    /// characters half of one, at `x0` on baseline `base`, 9 units high.
    fn w(text: &str, x0: f64, base: f64) -> Word {
        let width: f64 = text
            .chars()
            .map(|c| if super::super::is_cjk(c) { 9.0 } else { 4.5 })
            .sum();
        Word::glyph(text, x0, x0 + width, base, 9.0, 0)
    }

    /// A right-aligned amount ending at `x1`.
    fn r(text: &str, x1: f64, base: f64) -> Word {
        let width = 4.5 * text.chars().count() as f64;
        Word::glyph(text, x1 - width, x1, base, 9.0, 0)
    }

    fn page(words: Vec<Word>) -> Page {
        Page {
            number: 1,
            width: 600.0,
            height: 800.0,
            words,
            rules: Vec::new(),
        }
    }

    fn cells(l: &PageLayout) -> Vec<Vec<String>> {
        l.rows.iter().map(|r| r.cells.clone()).collect()
    }

    fn lay(words: Vec<Word>) -> Vec<Vec<String>> {
        cells(&layout_page(&page(words), None))
    }

    /// A small expenditure table: header, then `rows` of code, name and two
    /// amounts, 20 units apart from `top`.
    fn body(top: f64, rows: &[(&str, &str, &str, &str)]) -> Vec<Word> {
        let mut v = Vec::new();
        for (i, (code, name, a, b)) in rows.iter().enumerate() {
            let y = top + 20.0 * i as f64;
            v.push(w(code, 50.0, y));
            v.push(w(name, 110.0, y));
            if !a.is_empty() {
                v.push(r(a, 300.0, y));
            }
            if !b.is_empty() {
                v.push(r(b, 360.0, y));
            }
        }
        v
    }

    /// The header of [`body`]'s table on baseline `y`.
    fn head(y: f64) -> Vec<Word> {
        vec![
            w("科目编码", 50.0, y),
            w("科目名称", 110.0, y),
            w("合计", 276.0, y),
            w("基本支出", 324.0, y),
        ]
    }

    const ROWS: &[(&str, &str, &str, &str)] = &[
        ("201", "一般公共服务支出", "2106.66", "1503.52"),
        ("20106", "财政事务", "2106.66", ""),
        ("2010601", "行政运行", "1511.89", "1503.52"),
        ("208", "社会保障和就业支出", "326.72", "326.72"),
    ];

    /// Rows of a code (at its own x), a name at `name_x` and an amount
    /// ending at 300, 15 units apart from 100.
    fn coded_rows(rows: &[(&str, f64, &str, &str)], name_x: f64) -> Vec<Word> {
        let mut v = Vec::new();
        for (i, (code, x, name, a)) in rows.iter().enumerate() {
            let y = 100.0 + 15.0 * i as f64;
            v.extend([w(code, *x, y), w(name, name_x, y), r(a, 300.0, y)]);
        }
        v
    }

    /// Rows of a label at x 50 and an amount (none where empty) ending at
    /// `right`, `pitch` apart from `top`.
    fn labelled_rows(rows: &[(&str, &str)], top: f64, pitch: f64, right: f64) -> Vec<Word> {
        let mut v = Vec::new();
        for (i, (label, a)) in rows.iter().enumerate() {
            let y = top + pitch * i as f64;
            v.push(w(label, 50.0, y));
            if !a.is_empty() {
                v.push(r(a, right, y));
            }
        }
        v
    }

    /// Words from boxes read off a real page (`pdftotext -bbox`: text, left,
    /// right, top), all in one type `size`.
    fn boxed(boxes: &[(&str, f64, f64, f64)], size: f64) -> Vec<Word> {
        boxes
            .iter()
            .map(|&(t, x0, x1, top)| Word::glyph(t, x0, x1, top + 0.85 * size, size, 0))
            .collect()
    }

    /// A word as a text layer places it: text, x0, x1, top, bottom, size.
    type Placed<'a> = (&'a str, f64, f64, f64, f64, f64);

    /// A page of placed words, no rulings.
    fn placed_page(words: &[Placed], number: u32, width: f64, height: f64) -> Page {
        Page {
            number,
            width,
            height,
            words: words
                .iter()
                .map(|&(t, x0, x1, top, bottom, size)| Word::new(t, x0, top, x1, bottom, size))
                .collect(),
            rules: Vec::new(),
        }
    }

    /// A page of words, no rulings.
    fn placed_page_of(words: Vec<Word>, number: u32, width: f64, height: f64) -> Page {
        Page {
            number,
            width,
            height,
            words,
            rules: Vec::new(),
        }
    }

    /// The cells of a laid-out page's table rows.
    fn table_rows(l: &PageLayout) -> Vec<Vec<String>> {
        l.rows
            .iter()
            .filter(|r| r.table.is_some())
            .map(|r| r.cells.clone())
            .collect()
    }

    /// The column of the first cell reading `text` in rows `got`.
    fn col_of(got: &[Vec<String>], text: &str) -> usize {
        got.iter()
            .find_map(|r| r.iter().position(|c| c == text))
            .unwrap_or_else(|| panic!("no {text}: {got:?}"))
    }

    fn strs(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|s| s.to_string()).collect())
            .collect()
    }

    #[test]
    fn header_words_over_their_columns_and_a_blank_cell_stays_blank() {
        let mut words = head(80.0);
        words.extend(body(100.0, ROWS));
        assert_eq!(
            lay(words),
            strs(&[
                &["科目编码", "科目名称", "合计", "基本支出"],
                &["201", "一般公共服务支出", "2106.66", "1503.52"],
                &["20106", "财政事务", "2106.66", ""],
                &["2010601", "行政运行", "1511.89", "1503.52"],
                &["208", "社会保障和就业支出", "326.72", "326.72"],
            ])
        );
    }

    #[test]
    fn adjacent_amounts_in_narrow_columns_never_merge() {
        // columns only one em wider than their amounts: 291.70 ends 4.5
        // units before 241.56 starts
        let words = vec![
            w("项目", 50.0, 80.0),
            w("合计", 90.0, 80.0),
            w("小计", 126.0, 80.0),
            w("合计", 50.0, 100.0),
            r("291.70", 117.0, 100.0),
            r("241.56", 148.5, 100.0),
            w("工资", 50.0, 120.0),
            r("1.00", 117.0, 120.0),
            r("12.00", 148.5, 120.0),
        ];
        assert_eq!(
            lay(words),
            strs(&[
                &["项目", "合计", "小计"],
                &["合计", "291.70", "241.56"],
                &["工资", "1.00", "12.00"],
            ])
        );
    }

    #[test]
    fn a_centred_label_and_its_lower_numbers_are_one_row() {
        // rows 30 units tall: labels centred, amounts bottom-aligned 3 lower
        let mut words = vec![w("项目", 50.0, 70.0), w("金额", 275.0, 70.0)];
        for (i, (name, amount)) in [
            ("工资福利支出", "10.00"),
            ("商品和服务支出", "20.00"),
            ("资本性支出", "3.00"),
        ]
        .iter()
        .enumerate()
        {
            let y = 100.0 + 30.0 * i as f64;
            words.push(w(name, 50.0, y));
            words.push(r(amount, 300.0, y + 3.0));
        }
        assert_eq!(
            lay(words),
            strs(&[
                &["项目", "金额"],
                &["工资福利支出", "10.00"],
                &["商品和服务支出", "20.00"],
                &["资本性支出", "3.00"],
            ])
        );
    }

    #[test]
    fn a_wrapped_label_beside_a_centred_code_is_one_row() {
        let mut words = vec![
            w("科目编码", 50.0, 70.0),
            w("科目名称", 110.0, 70.0),
            w("金额", 175.0, 70.0),
        ];
        words.extend(vec![
            w("2080501", 50.0, 100.0),
            w("行政单位离退休", 110.0, 100.0),
            r("45.60", 200.0, 100.0),
            // the label wraps at six characters, code and amount centred
            w("机关事业单位", 110.0, 125.0),
            w("2080505", 50.0, 130.0),
            r("175.83", 200.0, 130.0),
            w("养老保险缴费", 110.0, 135.0),
            w("2080506", 50.0, 160.0),
            w("职业年金", 110.0, 160.0),
            r("87.91", 200.0, 160.0),
        ]);
        assert_eq!(
            lay(words),
            strs(&[
                &["科目编码", "科目名称", "金额"],
                &["2080501", "行政单位离退休", "45.60"],
                &["2080505", "机关事业单位养老保险缴费", "175.83"],
                &["2080506", "职业年金", "87.91"],
            ])
        );
    }

    #[test]
    fn headers_wrapped_in_narrow_columns_join_per_column() {
        let words = vec![
            w("项目", 50.0, 80.0),
            w("本年收", 120.0, 75.0),
            w("入合计", 120.0, 86.0),
            w("财政拨", 160.0, 75.0),
            w("款收入", 160.0, 86.0),
            w("合计", 50.0, 110.0),
            r("5307.63", 150.0, 110.0),
            r("4607.63", 190.0, 110.0),
            w("工资", 50.0, 130.0),
            r("1.00", 150.0, 130.0),
            r("2.00", 190.0, 130.0),
        ];
        assert_eq!(
            lay(words),
            strs(&[
                &["项目", "本年收入合计", "财政拨款收入"],
                &["合计", "5307.63", "4607.63"],
                &["工资", "1.00", "2.00"],
            ])
        );
    }

    #[test]
    fn a_year_touching_its_word_is_one_header_over_both_columns() {
        // `2026 年采购项目` centred over 小计 | 基本支出: the figure stands
        // over the first column, the words after it over the second
        let words = vec![
            w("项目", 60.0, 75.0),
            w("2026", 192.5, 70.0),
            w("年采购项目", 212.5, 70.0),
            w("小计", 180.0, 85.0),
            w("基本支出", 230.0, 85.0),
            w("合计", 50.0, 110.0),
            r("30.00", 210.0, 110.0),
            r("10.00", 270.0, 110.0),
            w("工资", 50.0, 130.0),
            r("10.00", 210.0, 130.0),
            r("10.00", 270.0, 130.0),
        ];
        assert_eq!(
            lay(words),
            strs(&[
                &["项目", "2026年采购项目", ""],
                &["", "小计", "基本支出"],
                &["合计", "30.00", "10.00"],
                &["工资", "10.00", "10.00"],
            ])
        );
    }

    #[test]
    fn a_header_wrapped_in_step_with_its_neighbour_is_one_cell() {
        // `其他` / `收入` broken short of its column's amounts, its lines
        // level with `附属单位` / `上缴收入`, which fills its column
        let words = vec![
            w("项目", 50.0, 77.0),
            w("附属单位", 150.0, 70.0),
            w("上缴收入", 150.0, 84.0),
            w("其他", 210.0, 70.0),
            w("收入", 210.0, 84.0),
            w("合计", 50.0, 105.0),
            r("1536.00", 186.0, 105.0),
            r("30.00", 240.0, 105.0),
            w("工资", 50.0, 120.0),
            r("1536.00", 186.0, 120.0),
            r("30.00", 240.0, 120.0),
        ];
        assert_eq!(
            lay(words),
            strs(&[
                &["项目", "附属单位上缴收入", "其他收入"],
                &["合计", "1536.00", "30.00"],
                &["工资", "1536.00", "30.00"],
            ])
        );
    }

    #[test]
    fn a_group_header_in_the_type_of_the_header_below_is_the_table_s() {
        // the header block printed larger than the rows: `本年收入` and
        // `上年` in the type of `项目` below them, larger than the figures
        let sized = |text: &str, x0: f64, base: f64, size: f64| {
            let width = text
                .chars()
                .map(|c| {
                    if super::super::is_cjk(c) {
                        size
                    } else {
                        size / 2.0
                    }
                })
                .sum::<f64>();
            Word::glyph(text, x0, x0 + width, base, size, 0)
        };
        let num = |text: &str, x1: f64, base: f64| {
            Word::glyph(text, x1 - 3.75 * text.len() as f64, x1, base, 7.5, 0)
        };
        let mut words = vec![
            sized("本年收入", 173.0, 60.0, 11.0),
            sized("上年", 280.0, 60.0, 11.0),
            sized("小计", 282.0, 77.0, 9.0),
            sized("项目", 50.0, 77.0, 11.0),
            sized("小计", 159.0, 77.0, 9.0),
            sized("其他", 216.0, 77.0, 9.0),
            sized("合计", 50.0, 100.0, 7.5),
            num("30.00", 186.0, 100.0),
            num("10.00", 240.0, 100.0),
            num("5.00", 300.0, 100.0),
            sized("工资", 50.0, 115.0, 7.5),
            num("20.00", 186.0, 115.0),
            num("10.00", 240.0, 115.0),
            num("5.00", 300.0, 115.0),
        ];
        assert_eq!(
            lay(words.clone()),
            strs(&[
                &["项目", "本年收入", "", "上年"],
                &["", "小计", "其他", "小计"],
                &["合计", "30.00", "10.00", "5.00"],
                &["工资", "20.00", "10.00", "5.00"],
            ])
        );
        // alone on its line, `本年收入` is still the table's
        words.retain(|w| !["上年", "小计"].contains(&w.text.as_str()) || w.x0 < 250.0);
        words.retain(|w| !(w.x1 > 280.0 && w.x0 > 280.0 && w.text.contains('.')));
        assert_eq!(
            lay(words),
            strs(&[
                &["项目", "本年收入", ""],
                &["", "小计", "其他"],
                &["合计", "30.00", "10.00"],
                &["工资", "20.00", "10.00"],
            ])
        );
    }

    #[test]
    fn a_total_label_centred_over_the_label_cells_is_the_label_column_s() {
        // `合计` centred over the code and name cells, between the names
        // (left-aligned) and `单位名称` (centred over its wide cell)
        let words = vec![
            w("单位编码", 50.0, 80.0),
            w("单位名称", 184.0, 80.0),
            w("合计", 270.0, 80.0),
            w("合计", 160.0, 100.0),
            r("30.00", 300.0, 100.0),
            w("117", 50.0, 115.0),
            w("审计局机关", 100.0, 115.0),
            r("30.00", 300.0, 115.0),
            w("117001", 50.0, 130.0),
            w("审计局机关", 100.0, 130.0),
            r("30.00", 300.0, 130.0),
        ];
        assert_eq!(
            lay(words),
            strs(&[
                &["单位编码", "单位名称", "合计"],
                &["", "合计", "30.00"],
                &["117", "审计局机关", "30.00"],
                &["117001", "审计局机关", "30.00"],
            ])
        );
    }

    #[test]
    fn a_group_header_spans_a_group_header_under_it() {
        // xian's 部门综合预算收入总表 as printed without rulings (word boxes
        // from the page): `部门预算` over `合计`, `一般公共预算拨款` (itself over
        // 小计 / 其中) and the rest; the group under it is no tall cell to
        // keep out of its span
        let boxes: &[(&str, f64, f64, f64)] = &[
            ("部门预算", 510.3, 534.3, 118.2),
            ("一般公共预算拨款", 325.2, 373.2, 128.0),
            ("单位编码", 49.9, 73.9, 137.3),
            ("单位名称", 152.2, 176.2, 137.3),
            ("合计", 268.4, 280.4, 142.2),
            ("其中：专项资", 358.7, 394.7, 137.8),
            ("小计", 323.5, 335.5, 147.1),
            ("金列入部门预", 358.7, 394.7, 147.1),
            ("政府性基金拨款", 402.9, 444.9, 142.2),
            ("上级补助收入", 461.0, 497.0, 142.2),
            ("事业收入", 518.1, 542.1, 142.2),
            ("事业单位经营收", 556.4, 598.4, 137.6),
            ("使用非财政拨", 602.6, 638.6, 137.6),
            ("对附属单位上", 642.0, 678.0, 137.6),
            ("上年结", 682.5, 700.5, 137.6),
            ("上年实户资金余", 705.9, 747.9, 137.6),
            ("入", 574.4, 580.4, 146.9),
            ("款结余", 611.6, 629.6, 146.9),
            ("缴收入", 651.0, 669.0, 146.9),
            ("转", 688.5, 694.5, 146.9),
            ("额", 723.9, 729.9, 146.9),
            ("其他收入", 762.1, 786.1, 142.2),
            ("算项目", 367.7, 385.7, 156.5),
            ("合计", 137.0, 149.0, 166.3),
            ("117", 45.5, 54.5, 176.0),
            ("42,034,723.58", 262.7, 301.7, 166.3),
            ("40,052,896.08", 317.8, 356.8, 166.3),
            ("981,827.50", 720.3, 750.3, 166.3),
            ("1,000,000.00", 761.5, 797.5, 166.3),
            ("西安市审计局", 84.8, 120.8, 176.0),
            ("42,034,723.58", 262.7, 301.7, 176.0),
            ("40,052,896.08", 317.8, 356.8, 176.0),
            ("981,827.50", 720.3, 750.3, 176.0),
            ("1,000,000.00", 761.5, 797.5, 176.0),
        ];
        let rows = lay(boxed(boxes, 6.0));
        let mut top = vec![""; 14];
        top[..3].copy_from_slice(&["单位编码", "单位名称", "部门预算"]);
        let mut sub = vec![""; 14];
        sub[3..5].copy_from_slice(&["小计", "其中：专项资金列入部门预算项目"]);
        assert_eq!(rows[0], strs(&[&top])[0]);
        assert_eq!(
            rows[1],
            strs(&[&[
                "",
                "",
                "合计",
                "一般公共预算拨款",
                "",
                "政府性基金拨款",
                "上级补助收入",
                "事业收入",
                "事业单位经营收入",
                "使用非财政拨款结余",
                "对附属单位上缴收入",
                "上年结转",
                "上年实户资金余额",
                "其他收入",
            ]])[0]
        );
        assert_eq!(rows[2], strs(&[&sub])[0]);
        assert_eq!(rows[3][..4], ["", "合计", "42,034,723.58", "40,052,896.08"]);
        assert_eq!(
            rows[4][..4],
            ["117", "西安市审计局", "42,034,723.58", "40,052,896.08"]
        );
        assert_eq!(rows[4][12..], ["981,827.50", "1,000,000.00"]);
    }

    #[test]
    fn a_column_number_beside_two_rows_of_amounts_under_its_header_is_theirs() {
        // huzhou's 支出总表 continued on a page of two rows (word boxes from
        // the page): `1` centred under `总计` apart from the right-aligned
        // `420.07`, which `总计` just touches; `**` under 科目名称 beside
        // the names
        let boxes: &[(&str, f64, f64, f64)] = &[
            ("基本支出", 479.8, 519.6, 139.0),
            ("科目编码", 78.9, 118.7, 153.5),
            ("科目名称", 226.8, 266.6, 153.5),
            ("**", 93.7, 103.7, 191.9),
            ("22102", 66.7, 94.2, 210.2),
            ("2210201", 77.8, 116.3, 229.1),
            ("**", 241.7, 251.7, 191.9),
            ("总计", 377.5, 397.4, 153.5),
            ("1", 385.0, 389.9, 191.9),
            ("项目支出", 592.2, 632.0, 153.5),
            ("人员支出", 442.5, 482.3, 168.1),
            ("公用经费", 517.3, 557.1, 168.1),
            ("2", 459.9, 464.8, 191.9),
            ("3", 534.7, 539.7, 191.9),
            ("住房改革支出", 154.9, 214.6, 210.8),
            ("420.07", 395.7, 423.3, 210.8),
            ("420.07", 470.5, 498.2, 210.8),
            ("住房公积金", 164.8, 214.5, 229.6),
            ("420.07", 395.7, 423.3, 229.6),
            ("420.07", 470.5, 498.2, 229.6),
            ("4", 609.6, 614.6, 191.9),
            ("对附属单", 744.9, 784.7, 140.5),
            ("事业单位", 652.7, 692.5, 146.9),
            ("上缴上级", 698.8, 738.6, 146.9),
            ("位补助支", 744.9, 784.7, 153.5),
            ("经营支出", 652.7, 692.5, 160.0),
            ("支出", 708.7, 728.6, 160.0),
            ("出", 759.7, 769.7, 166.5),
            ("5", 670.1, 675.0, 191.9),
            ("6", 716.2, 721.1, 191.9),
            ("7", 762.3, 767.2, 191.9),
        ];
        assert_eq!(
            lay(boxed(boxes, 10.0)),
            strs(&[
                &[
                    "科目编码",
                    "科目名称",
                    "总计",
                    "基本支出",
                    "",
                    "项目支出",
                    "事业单位经营支出",
                    "上缴上级支出",
                    "对附属单位补助支出"
                ],
                &["", "", "", "人员支出", "公用经费", "", "", "", ""],
                &["**", "**", "1", "2", "3", "4", "5", "6", "7"],
                &[
                    "22102",
                    "住房改革支出",
                    "420.07",
                    "420.07",
                    "",
                    "",
                    "",
                    "",
                    ""
                ],
                &[
                    "2210201",
                    "住房公积金",
                    "420.07",
                    "420.07",
                    "",
                    "",
                    "",
                    "",
                    ""
                ],
            ])
        );
    }

    #[test]
    fn a_column_number_mark_centred_over_merged_label_cells_is_theirs() {
        // changsha's 支出表 (word boxes from the page): `**` centred under
        // `功能科目`, right of the names, which start at the cell's left
        let boxes: &[(&str, f64, f64, f64)] = &[
            ("科目编码", 90.8, 130.0, 91.9),
            ("功能科目", 294.0, 333.2, 103.9),
            ("类", 54.0, 64.0, 115.2),
            ("款", 105.0, 115.0, 115.2),
            ("项", 156.0, 166.0, 115.2),
            ("**", 54.0, 64.2, 133.9),
            ("**", 105.0, 115.2, 133.9),
            ("**", 156.0, 166.2, 133.9),
            ("201", 51.0, 66.5, 180.4),
            ("40", 105.0, 115.2, 207.4),
            ("**", 306.0, 316.2, 133.9),
            ("总", 491.2, 501.2, 103.9),
            ("计", 511.5, 521.5, 103.9),
            ("1", 504.0, 509.0, 133.9),
            ("基本支出", 617.2, 656.5, 103.9),
            ("项目支出", 736.5, 775.7, 103.9),
            ("2", 634.5, 639.5, 133.9),
            ("3", 753.8, 758.7, 133.9),
            ("合计", 188.2, 208.0, 154.2),
            ("1,935.36", 534.0, 575.7, 154.2),
            ("1,517.95", 653.2, 695.0, 154.2),
            ("417.41", 783.0, 814.2, 154.2),
            ("一般公共服务支出", 188.2, 266.5, 180.4),
            ("1,935.36", 534.0, 575.7, 180.4),
            ("1,517.95", 653.2, 695.0, 180.4),
            ("417.41", 783.0, 814.2, 180.4),
            ("信访事务", 188.2, 227.5, 207.4),
            ("1,935.36", 534.0, 575.7, 207.4),
            ("1,517.95", 653.2, 695.0, 207.4),
            ("417.41", 783.0, 814.2, 207.4),
        ];
        let rows = lay(boxed(boxes, 10.0));
        assert_eq!(
            rows[0],
            [
                "科目编码",
                "",
                "",
                "功能科目",
                "总计",
                "基本支出",
                "项目支出"
            ]
        );
        assert_eq!(rows[2], ["**", "**", "**", "**", "1", "2", "3"]);
        assert_eq!(rows[4][3..5], ["一般公共服务支出", "1,935.36"]);
    }

    #[test]
    fn a_header_wider_than_its_column_s_text_widens_the_column() {
        // shanghai's 收入预算总表 continued on a page of short names (word
        // boxes from the page): `功能分类科目名称` reaches well right of
        // them, so `收入预算` is centred over 合计 … 其他收入, not fewer
        let boxes: &[(&str, f64, f64, f64)] = &[
            ("项目", 202.3, 226.3, 77.2),
            ("收入预算", 547.0, 595.0, 77.2),
            ("功能分类科目编码", 68.0, 164.0, 101.8),
            ("功能分类科目名称", 218.1, 314.1, 114.0),
            ("类", 75.4, 87.4, 126.4),
            ("款", 110.0, 122.0, 126.4),
            ("项", 144.6, 156.6, 126.4),
            ("210", 72.4, 90.4, 151.0),
            ("11", 109.9, 121.9, 151.0),
            ("02", 144.4, 156.4, 151.0),
            ("221", 72.4, 90.4, 175.6),
            ("合计", 398.8, 422.8, 114.0),
            ("财政拨款收入", 462.6, 534.6, 114.0),
            ("事业单位医疗", 169.3, 241.3, 151.0),
            ("1,069,600", 401.8, 455.8, 151.0),
            ("1,069,600", 484.3, 538.3, 151.0),
            ("住房保障支出", 169.3, 241.3, 175.6),
            ("575,900", 413.8, 455.8, 175.6),
            ("575,900", 496.3, 538.3, 175.6),
            ("事业收入", 552.3, 600.3, 114.0),
            ("事业单位", 629.8, 677.8, 106.7),
            ("经营收入", 629.8, 677.8, 121.4),
            ("其他收入", 712.5, 760.5, 114.0),
        ];
        let rows = lay(boxed(boxes, 12.0));
        assert_eq!(rows[0], ["项目", "", "", "", "收入预算", "", "", "", ""]);
        assert_eq!(
            rows[1][3..],
            [
                "功能分类科目名称",
                "合计",
                "财政拨款收入",
                "事业收入",
                "事业单位经营收入",
                "其他收入"
            ]
        );
        assert_eq!(rows[3][3..6], ["事业单位医疗", "1,069,600", "1,069,600"]);
    }

    #[test]
    fn a_total_row_far_below_the_rows_is_the_table_s_last_row() {
        // blank rows printed between the last item and `收入总计`; a line of
        // figures as far below that does not end where the columns do is not
        let mut words = vec![w("项目", 50.0, 80.0), w("预算数", 270.0, 80.0)];
        words.extend(labelled_rows(
            &[("一、一般公共预算", "30.00"), ("二、政府性基金", "10.00")],
            100.0,
            20.0,
            300.0,
        ));
        words.extend([w("收入总计", 50.0, 400.0), r("40.00", 300.0, 400.0)]);
        words.extend([w("附注", 50.0, 700.0), r("12.00", 340.0, 700.0)]);
        let rows = lay(words);
        assert_eq!(
            rows[..4],
            strs(&[
                &["项目", "预算数"],
                &["一、一般公共预算", "30.00"],
                &["二、政府性基金", "10.00"],
                &["收入总计", "40.00"],
            ])
        );
        assert_eq!(rows[4], ["附注 12.00"]);
    }

    #[test]
    fn a_centred_group_header_lands_at_the_leftmost_column_of_its_span() {
        // 本年支出 centred over 小计 | 基本支出 | 项目支出; 项目 spans both rows
        let words = vec![
            w("项目", 60.0, 75.0),
            w("本年支出", 236.0, 70.0),
            w("小计", 180.0, 85.0),
            w("基本支出", 230.0, 85.0),
            w("项目支出", 300.0, 85.0),
            w("合计", 50.0, 110.0),
            r("30.00", 210.0, 110.0),
            r("10.00", 270.0, 110.0),
            r("20.00", 340.0, 110.0),
            w("工资", 50.0, 130.0),
            r("10.00", 210.0, 130.0),
            r("10.00", 270.0, 130.0),
        ];
        assert_eq!(
            lay(words),
            strs(&[
                &["项目", "本年支出", "", ""],
                &["", "小计", "基本支出", "项目支出"],
                &["合计", "30.00", "10.00", "20.00"],
                &["工资", "10.00", "10.00", ""],
            ])
        );
    }

    #[test]
    fn sibling_group_headers_tile_their_group_s_columns() {
        // xian's 三公 table as printed without rulings (word boxes from the
        // page): 上年 | 当年 | 增减变化情况 each centred over nine columns, each
        // over 合计, a group header (itself over 小计 .. 公务用车…), 会议费
        // and 培训费; widened each on its own they reached over each other's
        // columns, and the one best centred kept a span cutting through a
        // group header below it (the group headers under them still take
        // the 合计 beside them: centred alike on either span)
        let boxes: &[(&str, f64, f64, f64)] = &[
            ("上年", 233.2, 241.2, 117.5),
            ("当年", 457.3, 465.3, 117.5),
            ("增减变化情况", 673.6, 697.6, 117.5),
            ("一般公共预算拨款安排的“三公”经费预算", 186.7, 262.9, 124.1),
            ("一般公共预算拨款安排的“三公”经费预算", 410.8, 487.0, 124.1),
            ("一般公共预算拨款安排的“三公”经费预算", 635.1, 711.2, 124.1),
            ("单位编码", 46.6, 62.6, 130.5),
            ("单位名称", 88.1, 104.1, 130.5),
            ("公务用车购置及运行维护费", 238.1, 286.2, 130.7),
            ("公务用车购置及运行维护费", 462.1, 510.3, 130.7),
            ("公务用车购置及运行维护费", 686.5, 734.6, 130.7),
            ("合计", 133.6, 141.6, 133.8),
            ("会议费", 305.9, 318.0, 133.8),
            ("培训费", 330.8, 342.9, 133.8),
            ("合计", 357.7, 365.7, 133.8),
            ("会议费", 530.0, 542.1, 133.8),
            ("培训费", 554.9, 567.0, 133.8),
            ("合计", 581.9, 589.9, 133.8),
            ("会议费", 754.4, 766.5, 133.8),
            ("培训费", 779.4, 791.4, 133.8),
            ("因公出国", 179.4, 195.4, 133.9),
            ("因公出国", 403.5, 419.5, 133.9),
            ("因公出国", 627.7, 643.8, 133.9),
            ("小计", 158.5, 166.5, 137.1),
            ("公务接待费", 202.3, 222.4, 137.1),
            ("小计", 382.6, 390.6, 137.1),
            ("公务接待费", 426.4, 446.5, 137.1),
            ("小计", 606.8, 614.8, 137.1),
            ("公务接待费", 650.7, 670.7, 137.1),
            ("公务用车购置", 250.1, 274.1, 137.2),
            ("公务用车运行", 275.0, 299.1, 137.2),
            ("公务用车购置", 474.2, 498.2, 137.2),
            ("公务用车运行", 499.1, 523.1, 137.2),
            ("公务用车购置", 698.5, 722.6, 137.2),
            ("公务用车运行", 723.5, 747.5, 137.2),
            ("（境）费用", 177.4, 197.5, 140.2),
            ("（境）费用", 401.5, 421.6, 140.2),
            ("（境）费用", 625.7, 645.8, 140.2),
            ("小计", 233.2, 241.2, 140.3),
            ("小计", 457.3, 465.3, 140.3),
            ("小计", 681.6, 689.6, 140.3),
            ("费", 260.1, 264.1, 143.5),
            ("维护费", 281.0, 293.1, 143.5),
            ("费", 484.2, 488.2, 143.5),
            ("维护费", 505.1, 517.2, 143.5),
            ("费", 708.6, 712.6, 143.5),
            ("维护费", 729.5, 741.5, 143.5),
            ("合计", 79.7, 87.7, 150.0),
            ("526,000.00", 129.9, 149.9, 150.0),
            ("120,000.00", 154.8, 174.8, 150.0),
            ("20,000.00", 206.6, 224.6, 150.0),
            ("100,000.00", 229.5, 249.5, 150.0),
            ("100,000.00", 279.3, 299.3, 150.0),
            ("20,000.00", 306.1, 324.2, 150.0),
            ("386,000.00", 329.1, 349.1, 150.0),
            ("332,000.00", 354.0, 374.0, 150.0),
            ("102,000.00", 378.9, 398.9, 150.0),
            ("20,000.00", 430.6, 448.7, 150.0),
            ("82,000.00", 455.6, 473.6, 150.0),
            ("82,000.00", 505.4, 523.4, 150.0),
            ("20,000.00", 530.2, 548.3, 150.0),
            ("210,000.00", 553.2, 573.2, 150.0),
            ("-194,000.00", 576.1, 598.2, 150.0),
            ("-18,000.00", 603.1, 623.1, 150.0),
            ("-18,000.00", 677.9, 697.9, 150.0),
            ("-18,000.00", 727.8, 747.8, 150.0),
            ("-176,000.00", 775.6, 797.7, 150.0),
        ];
        let rows = lay(boxed(boxes, 4.0));
        let at = |r: &Vec<String>| -> Vec<(usize, String)> {
            r.iter()
                .enumerate()
                .filter(|(_, c)| !c.is_empty())
                .map(|(i, c)| (i, c.clone()))
                .collect()
        };
        let top = at(&rows[0]);
        assert_eq!(
            top,
            [
                (0, "单位编码".to_string()),
                (1, "单位名称".to_string()),
                (2, "上年".to_string()),
                (11, "当年".to_string()),
                (20, "增减变化情况".to_string()),
            ]
        );
        assert_eq!(rows[4][2], "526,000.00");
    }

    #[test]
    fn a_label_wrapped_over_the_total_s_centred_label_stays_in_the_table() {
        // xian-health's 政府性基金 table as printed without rulings (word
        // boxes from the page): names left in a wide column, 栏次 and 合计
        // centred in it; a name wrapped onto the line above its row ran on
        // over the centred labels' column and ended the table there
        let boxes: &[(&str, f64, f64, f64)] = &[
            ("项目", 150.4, 170.4, 118.5),
            ("本年支出", 561.2, 601.3, 118.5),
            ("年初结转和结余", 286.6, 356.7, 126.6),
            ("本年收入", 388.1, 428.2, 126.6),
            ("年末结转和结余", 719.3, 789.4, 126.6),
            ("科目代码", 61.7, 101.7, 134.8),
            ("科目名称", 179.7, 219.7, 134.8),
            ("小计", 484.7, 504.7, 134.8),
            ("基本支出", 561.2, 601.3, 134.8),
            ("项目支出", 647.8, 687.8, 134.8),
            ("栏次", 189.7, 209.7, 151.2),
            ("1", 319.1, 324.1, 151.2),
            ("2", 405.6, 410.6, 151.2),
            ("3", 492.2, 497.2, 151.2),
            ("4", 578.7, 583.7, 151.2),
            ("5", 665.3, 670.3, 151.2),
            ("6", 751.8, 756.8, 151.2),
            ("合计", 187.2, 207.2, 167.5),
            ("58,830.98", 319.5, 364.5, 167.5),
            ("509,220.66", 401.0, 451.0, 167.5),
            ("568,051.63", 487.5, 537.6, 167.5),
            ("568,051.63", 660.6, 710.7, 167.5),
            ("229", 47.8, 62.8, 183.9),
            ("其他支出", 126.5, 166.5, 183.9),
            ("58,830.98", 319.5, 364.5, 183.9),
            ("509,220.66", 401.0, 451.0, 183.9),
            ("568,051.63", 487.5, 537.6, 183.9),
            ("568,051.63", 660.6, 710.7, 183.9),
            ("其他政府性基金及对应专项债务收", 126.5, 276.6, 200.2),
            ("22904", 47.8, 72.8, 208.0),
            ("58,830.98", 319.5, 364.5, 208.0),
            ("509,220.66", 401.0, 451.0, 208.0),
            ("568,051.63", 487.5, 537.6, 208.0),
            ("568,051.63", 660.6, 710.7, 208.0),
            ("入安排的支出", 121.4, 181.5, 215.8),
            ("其他地方自行试点项目收益专项债", 126.5, 276.6, 232.2),
            ("2290402", 47.8, 82.8, 240.0),
            ("58,830.98", 319.5, 364.5, 240.0),
            ("509,220.66", 401.0, 451.0, 240.0),
            ("568,051.63", 487.5, 537.6, 240.0),
            ("568,051.63", 660.6, 710.7, 240.0),
            ("券收入安排的支出", 121.4, 201.5, 247.8),
            ("注：本表反映部门本年度政府性基金预算财政拨款收入、支出及结转和结余情况。本表金额转换为万元时，因四舍五入可能存在尾差。", 42.0, 573.0, 261.7),
        ];
        let rows = lay(boxed(boxes, 10.0));
        let find = |code: &str| rows.iter().find(|r| r[0] == code).cloned();
        let r = find("22904").expect("22904 in the table");
        assert_eq!(
            r[1], "其他政府性基金及对应专项债务收入安排的支出",
            "{rows:?}"
        );
        assert_eq!(r.len(), rows[0].len());
        let r = find("2290402").expect("2290402 in the table");
        assert_eq!(r[1], "其他地方自行试点项目收益专项债券收入安排的支出");
        assert!(r.iter().any(|c| c == "58,830.98"));
    }

    #[test]
    fn the_page_number_under_a_table_down_to_the_foot_is_no_row() {
        // hangzhou's 收支总表 as printed without rulings (word boxes from the
        // page): its last row near the foot, the page number under it
        let boxes: &[(&str, f64, f64, f64)] = &[
            ("项目", 60.0, 80.0, 650.0),
            ("预算数", 250.0, 280.0, 650.0),
            ("项目", 320.0, 340.0, 650.0),
            ("预算数", 520.0, 550.0, 650.0),
            ("一般公共预算", 42.0, 102.0, 682.0),
            ("91,495.48", 250.2, 295.2, 682.0),
            ("卫生健康支出", 306.0, 366.0, 714.1),
            ("2,434.95", 513.3, 553.3, 714.1),
            ("行政单位医疗", 326.0, 386.0, 746.3),
            ("2,434.95", 513.3, 553.3, 746.3),
            ("本年收入合计", 42.0, 102.0, 762.4),
            ("98,883.14", 250.2, 295.2, 762.4),
            ("本年支出合计", 306.0, 366.0, 762.4),
            ("99,230.46", 508.3, 553.3, 762.4),
            ("22", 293.1, 302.1, 782.6),
        ];
        let l = layout_page(&page(boxed(boxes, 10.0)), None);
        let last = l.rows.last().unwrap();
        assert_eq!(last.cells, ["22"]);
        assert!(last.table.is_none(), "{:?}", cells(&l));
        let total = &l.rows[l.rows.len() - 2];
        assert_eq!(total.cells[0], "本年收入合计");
        assert!(total.table.is_some());
    }

    #[test]
    fn a_header_s_wrapped_tail_over_a_blank_column_is_no_group_header() {
        // the sample's 政府性基金 table without rulings, headers left-aligned
        // (word boxes from the page): `年初结转和` / `结余` wraps in a column
        // blank in every row, and the lower line's headers lie far off on
        // both sides of `结余`, other columns' headers between
        let boxes: &[(&str, f64, f64, f64)] = &[
            ("年初结转和", 204.5, 242.0, 157.1),
            ("年末结转和", 498.8, 536.3, 157.1),
            ("项目", 58.5, 73.5, 161.9),
            ("本年收入", 247.5, 277.5, 161.9),
            ("本年支出", 310.3, 340.3, 161.9),
            ("结余", 204.5, 219.5, 166.6),
            ("结余", 498.8, 513.8, 166.6),
            ("科目代码", 58.5, 88.5, 182.1),
            ("科目名称", 124.0, 154.0, 182.1),
            ("小计", 310.3, 325.3, 182.1),
            ("基本支出", 373.1, 403.1, 182.1),
            ("项目支出", 435.9, 465.9, 182.1),
            ("栏次", 58.5, 73.5, 197.6),
            ("1", 238.0, 242.4, 197.6),
            ("2", 300.8, 305.3, 197.6),
            ("3", 363.6, 368.1, 197.6),
            ("4", 426.4, 430.9, 197.6),
            ("5", 489.3, 493.8, 197.6),
            ("6", 532.0, 536.3, 197.6),
            ("合计", 58.5, 73.5, 213.1),
            ("700.00", 280.5, 305.3, 213.1),
            ("700.00", 343.4, 368.1, 213.1),
            ("700.00", 469.0, 493.8, 213.1),
            ("212", 58.5, 72.0, 228.6),
            ("城乡社区支出", 124.0, 169.0, 228.6),
            ("700.00", 280.5, 305.3, 228.6),
            ("700.00", 343.4, 368.1, 228.6),
            ("700.00", 469.0, 493.8, 228.6),
            ("21208", 58.5, 81.0, 248.9),
            ("国有土地使用权出让收", 124.0, 199.0, 244.1),
            ("入安排的支出", 124.0, 169.0, 253.6),
            ("700.00", 280.5, 305.3, 248.9),
            ("700.00", 343.4, 368.1, 248.9),
            ("700.00", 469.0, 493.8, 248.9),
        ];
        let got = table_rows(&layout_page(&page(boxed(boxes, 7.5)), None));
        let col = |text: &str| col_of(&got, text);
        assert_eq!(col("年初结转和结余"), col("1"), "{got:?}");
        assert_eq!(col("基本支出"), col("4"), "{got:?}");
        let total = got.iter().find(|r| r[0] == "合计").unwrap();
        assert_eq!(total[col("本年收入")], "700.00", "{got:?}");
        assert_eq!(total[col("年初结转和结余")], "", "{got:?}");
    }

    #[test]
    fn a_first_column_s_header_wider_than_its_figures_is_the_table_s() {
        // beijing's 三公 table as printed without rulings (word boxes from
        // the page): the first column's header centred over a cell wider
        // than its figure, so reaching left of it, in lines between the
        // other headers' lines
        let boxes: &[(&str, f64, f64, f64)] = &[
            ("公务用车购置及运行维护费", 541.3, 660.7, 139.4),
            ("“三公”经费财政拨款预", 65.9, 175.4, 155.7),
            ("因公出国（境）费用", 196.0, 285.5, 161.7),
            ("公务接待费", 336.0, 385.8, 161.7),
            ("算总额", 105.7, 135.6, 167.7),
            ("小计", 471.0, 490.9, 172.9),
            ("公务用车购置费", 566.2, 635.8, 172.9),
            ("公务用车运行维护费", 676.5, 766.0, 172.9),
            ("222.676050", 135.9, 179.1, 203.7),
            ("130.819050", 256.0, 299.2, 203.7),
            ("9.000000", 385.2, 419.3, 203.7),
            ("82.857000", 500.8, 539.4, 203.7),
            ("37.380000", 620.9, 659.5, 203.7),
            ("45.477000", 722.8, 766.0, 203.7),
        ];
        let l = layout_page(&page(boxed(boxes, 10.0)), None);
        let got = cells(&l);
        assert!(l.rows.iter().all(|r| r.table.is_some()), "{got:?}");
        let head: Vec<&String> = got[..got.len() - 1].iter().flatten().collect();
        assert!(
            head.iter().any(|c| *c == "“三公”经费财政拨款预算总额"),
            "{got:?}"
        );
        assert_eq!(got.last().unwrap()[0], "222.676050");
    }

    #[test]
    fn a_label_shrunk_above_its_code_and_row_stays_in_the_table() {
        // swu's 支出决算表 continued without rulings (word boxes from the
        // page): labels wrapped, the first line of one printed smaller to
        // fit, its code centred between its lines and its figures on the
        // last; the smaller line had only its code under it, no figures,
        // and ended the table
        let words: &[Placed] = &[
            ("20602", 50.4, 78.0, 95.0, 106.0, 11.05),
            ("基础研究", 140.9, 184.9, 95.0, 106.0, 10.45),
            ("823.93", 349.3, 382.4, 97.0, 108.0, 11.05),
            ("1,165.07", 412.2, 456.2, 97.0, 108.0, 11.05),
            ("1,989.00", 256.4, 298.4, 97.3, 107.7, 11.05),
            ("2060201", 50.4, 88.9, 115.2, 126.3, 11.05),
            ("机构运行", 151.8, 195.8, 115.2, 126.3, 10.45),
            ("823.93", 349.3, 382.4, 117.4, 128.4, 11.05),
            ("823.93", 266.9, 298.4, 117.7, 128.1, 11.05),
            ("实验室及相关", 151.8, 217.8, 133.5, 144.5, 10.45),
            ("2060204", 50.4, 88.9, 141.3, 152.3, 11.05),
            ("设施", 140.9, 163.0, 149.1, 160.1, 10.45),
            ("1,165.07", 412.2, 456.2, 149.1, 160.1, 11.05),
            ("1,165.07", 256.4, 298.4, 149.4, 159.8, 11.05),
            ("社会保障和就业", 140.9, 217.9, 165.2, 176.2, 10.45),
            ("208", 50.4, 67.0, 173.0, 184.0, 11.05),
            ("支出", 140.9, 163.0, 180.8, 191.8, 10.45),
            ("15,171.49", 332.9, 382.4, 180.8, 191.8, 11.05),
            ("15,171.49", 251.2, 298.4, 181.0, 191.5, 11.05),
            ("行政事业单位养", 140.9, 217.9, 197.0, 208.0, 10.45),
            ("20805", 50.4, 78.0, 204.8, 215.8, 11.05),
            ("老支出", 140.9, 173.9, 212.6, 223.6, 10.45),
            ("15,171.49", 332.9, 382.4, 212.6, 223.6, 11.05),
            ("15,171.49", 251.2, 298.4, 212.7, 223.2, 11.05),
            ("机关事业单位基本", 149.9, 221.9, 229.7, 238.7, 9.0),
            ("2080505", 50.4, 88.9, 236.4, 247.5, 11.05),
            ("9,637.93", 338.4, 382.4, 244.2, 255.3, 11.05),
            ("9,637.93", 256.4, 298.4, 244.5, 255.0, 11.05),
            ("养老保险缴费支出", 140.9, 212.9, 245.3, 254.3, 10.45),
            ("机关事业单位职", 151.3, 224.8, 260.6, 271.0, 10.45),
            ("2080506", 50.4, 88.9, 268.1, 279.2, 11.05),
            ("5,533.56", 338.4, 382.4, 275.9, 287.0, 11.05),
            ("业年金缴费支出", 140.9, 214.3, 276.2, 286.6, 10.45),
            ("5,533.56", 256.4, 298.4, 276.2, 286.6, 11.05),
        ];
        let l = layout_page(&placed_page(words, 13, 595.0, 842.0), None);
        let got = cells(&l);
        let t = l.rows[0].table;
        assert!(
            t.is_some() && l.rows.iter().all(|r| r.table == t),
            "{got:?}"
        );
        let row = got.iter().find(|r| r[0] == "2080505").expect("2080505");
        assert_eq!(row[1], "机关事业单位基本养老保险缴费支出", "{got:?}");
        assert!(row.iter().any(|c| c == "9,637.93"));
    }

    #[test]
    fn group_headers_level_with_each_other_do_not_share_a_column() {
        // 收入 centred over 项目 | 预算数, 支出 over the six columns right of
        // them; widened each on its own, 支出 also reached over 预算数
        let mut words = vec![
            w("收入", 118.0, 70.0),
            w("支出", 495.0, 70.0),
            w("项目", 60.0, 85.0),
            w("预算数", 176.0, 85.0),
            w("功能分类科目", 240.0, 85.0),
            w("预算数", 373.0, 85.0),
            w("部门经济分类科目", 430.0, 85.0),
            w("预算数", 573.0, 85.0),
            w("政府经济分类科目", 630.0, 85.0),
            w("预算数", 773.0, 85.0),
        ];
        for (i, (a, b, c, d)) in [
            (
                "一、部门预算",
                "一、部门预算",
                "一、部门预算",
                "一、部门预算",
            ),
            (
                "其中专项资金列入部门预算",
                "1、一般公共服务",
                "1、工资福利支出",
                "1、机关工资福利",
            ),
            (
                "2、事业收入",
                "2、教育支出",
                "2、商品和服务",
                "2、机关商品和服务",
            ),
        ]
        .iter()
        .enumerate()
        {
            let y = 100.0 + 15.0 * i as f64;
            words.extend([
                w(a, 50.0, y),
                r("4105.08", 203.0, y),
                w(b, 210.0, y),
                r("4203.58", 400.0, y),
                w(c, 410.0, y),
                r("4203.58", 600.0, y),
                w(d, 610.0, y),
                r("4203.58", 800.0, y),
            ]);
        }
        let got = lay(words);
        assert_eq!(
            got[0],
            strs(&[&["收入", "", "支出", "", "", "", "", ""]])[0]
        );
        assert_eq!(got[1][1], "预算数");
        assert_eq!(got[2][0], "一、部门预算");
    }

    #[test]
    fn codes_indented_by_level_stay_in_the_code_column() {
        let mut words = vec![
            w("功能科目编码", 50.0, 80.0),
            w("功能科目名称", 130.0, 80.0),
            w("合计", 282.0, 80.0),
        ];
        words.extend(coded_rows(
            &[
                ("201", 50.0, "一般公共服务支出", "2974.50"),
                ("20108", 80.0, "审计事务", "2974.50"),
                ("2010801", 80.0, "行政运行", "2338.40"),
                ("2010804", 80.0, "审计业务", "636.10"),
                ("205", 50.0, "教育支出", "21.00"),
                ("20508", 80.0, "进修及培训", "21.00"),
            ],
            130.0,
        ));
        let got = lay(words);
        assert!(got.iter().all(|r| r.len() == 3), "{got:?}");
        assert_eq!(got[3], strs(&[&["2010801", "行政运行", "2338.40"]])[0]);
    }

    #[test]
    fn indented_items_and_centred_totals_are_one_column() {
        let words = vec![
            w("项目", 124.0, 80.0),
            w("预算数", 273.0, 80.0),
            w("住房公积金", 50.0, 100.0),
            r("641.13", 300.0, 100.0),
            w("购房补贴", 50.0, 115.0),
            r("2220.22", 300.0, 115.0),
            w("本年支出合计", 115.0, 130.0),
            r("37385.88", 300.0, 130.0),
            w("结转下年", 50.0, 145.0),
            r("0.00", 300.0, 145.0),
            w("支出总计", 124.0, 160.0),
            r("37385.88", 300.0, 160.0),
        ];
        assert_eq!(
            lay(words),
            strs(&[
                &["项目", "预算数"],
                &["住房公积金", "641.13"],
                &["购房补贴", "2220.22"],
                &["本年支出合计", "37385.88"],
                &["结转下年", "0.00"],
                &["支出总计", "37385.88"],
            ])
        );
    }

    #[test]
    fn a_group_header_is_centred_over_its_cells_not_the_gutters() {
        // 支出预算 centred over 合计 | 基本支出 | 项目支出, whose headers are
        // centred over cells reaching well left of their amounts: between
        // the gutters' middles it would stand over the last two
        let mut words = vec![
            w("项目", 100.0, 70.0),
            w("支出预算", 422.0, 70.0),
            w("科目名称", 80.0, 85.0),
            w("合计", 346.0, 85.0),
            w("基本支出", 412.0, 85.0),
            w("项目支出", 497.0, 85.0),
        ];
        for (i, name) in ["一般公共服务支出", "统计信息事务", "专项普查活动"]
            .iter()
            .enumerate()
        {
            let y = 100.0 + 15.0 * i as f64;
            words.extend([
                w(name, 50.0, y),
                r("3296600", 390.0, y),
                r("0", 470.0, y),
                r("3296600", 560.0, y),
            ]);
        }
        let got = lay(words);
        assert_eq!(got[0], strs(&[&["项目", "支出预算", "", ""]])[0]);
        assert_eq!(
            got[1],
            strs(&[&["科目名称", "合计", "基本支出", "项目支出"]])[0]
        );
    }

    #[test]
    fn a_label_letter_spaced_across_its_cell_is_one_cell() {
        let mut words = vec![
            w("项目", 60.0, 80.0),
            w("预算数", 273.0, 80.0),
            w("一、财政拨款收入", 50.0, 100.0),
            r("2776.75", 300.0, 100.0),
            w("二、事业收入", 50.0, 115.0),
            r("0.00", 300.0, 115.0),
        ];
        for (k, c) in "本年收入合计".chars().enumerate() {
            words.push(w(&c.to_string(), 50.0 + 24.0 * k as f64, 130.0));
        }
        words.push(r("2776.75", 300.0, 130.0));
        words.extend([
            w("合", 80.0, 145.0),
            w("计", 110.0, 145.0),
            r("2776.75", 300.0, 145.0),
        ]);
        let got = lay(words);
        assert_eq!(got[3], strs(&[&["本年收入合计", "2776.75"]])[0], "{got:?}");
        assert_eq!(got[4], strs(&[&["合计", "2776.75"]])[0], "{got:?}");
    }

    #[test]
    fn a_header_right_of_left_aligned_codes_is_theirs() {
        // 科目编码 centred in its cell, the codes at its left edge: no
        // column of its own beside theirs
        let mut words = vec![
            w("科目编码", 80.0, 80.0),
            w("科目名称", 170.0, 80.0),
            w("合计", 282.0, 80.0),
        ];
        words.extend(coded_rows(
            &[
                ("201", 40.0, "一般公共服务支出", "20563.76"),
                ("20106", 40.0, "财政事务", "20563.76"),
                ("2010601", 40.0, "行政运行", "6487.76"),
            ],
            150.0,
        ));
        let got = lay(words);
        assert_eq!(
            got[0],
            strs(&[&["科目编码", "科目名称", "合计"]])[0],
            "{got:?}"
        );
        assert_eq!(got[3], strs(&[&["2010601", "行政运行", "6487.76"]])[0]);
    }

    #[test]
    fn headers_wrapped_at_a_wide_leading_join_per_column() {
        // lines two text heights apart in each header cell, the cells of
        // two and three lines centred, so their lines interleave
        let mut words = vec![
            w("单位名称", 50.0, 78.0),
            w("一般公共", 170.0, 70.0),
            w("预算", 179.0, 87.0),
            w("国有资", 234.0, 62.0),
            w("本经营", 234.0, 79.0),
            w("预算", 238.0, 96.0),
        ];
        for (i, (name, a, b)) in [
            ("合计", "91495.48", "0.00"),
            ("杭州市司法局", "11242.75", "0.00"),
        ]
        .iter()
        .enumerate()
        {
            let y = 115.0 + 15.0 * i as f64;
            words.extend([w(name, 50.0, y), r(a, 206.0, y), r(b, 261.0, y)]);
        }
        let got = lay(words);
        assert_eq!(
            got[0],
            ["单位名称", "一般公共预算", "国有资本经营预算"],
            "{got:?}"
        );
    }

    #[test]
    fn a_column_blank_in_every_row_keeps_its_place_from_its_header() {
        let words = vec![
            w("项目", 50.0, 80.0),
            w("合计", 110.0, 80.0),
            w("事业收入", 160.0, 80.0),
            w("其他收入", 220.0, 80.0),
            w("合计", 50.0, 100.0),
            r("9.00", 128.0, 100.0),
            r("9.00", 256.0, 100.0),
            w("工资", 50.0, 120.0),
            r("1.00", 128.0, 120.0),
        ];
        assert_eq!(
            lay(words),
            strs(&[
                &["项目", "合计", "事业收入", "其他收入"],
                &["合计", "9.00", "", "9.00"],
                &["工资", "1.00", "", ""],
            ])
        );
    }

    #[test]
    fn a_column_number_row_is_a_row_of_the_table() {
        let mut words = vec![
            w("科目编码", 50.0, 60.0),
            w("科目名称", 110.0, 60.0),
            w("合计", 276.0, 60.0),
            w("基本支出", 324.0, 60.0),
            w("栏次", 50.0, 80.0),
            r("1", 300.0, 80.0),
            r("2", 360.0, 80.0),
        ];
        words.extend(body(100.0, &ROWS[..2]));
        let got = lay(words);
        assert_eq!(got[1], ["栏次", "", "1", "2"]);
        assert_eq!(got[3], ["20106", "财政事务", "2106.66", ""]);
    }

    #[test]
    fn one_row_of_figures_takes_its_columns_from_the_column_numbers() {
        // six columns 60 wide, headers and numbers centred, the amounts
        // right-aligned; the fourth blank, the header over two lines
        let mut words = Vec::new();
        for (k, h) in ["合计", "出国", "小计", "购置", "运行", "接待"]
            .iter()
            .enumerate()
        {
            let c = 60.0 * (k + 1) as f64;
            words.push(w(h, c - 9.0, if k % 2 == 0 { 60.0 } else { 66.0 }));
            words.push(w(&(k + 1).to_string(), c - 2.25, 90.0));
        }
        for (k, a) in ["76.43", "30.00", "40.63", "", "40.63", "5.80"]
            .iter()
            .enumerate()
        {
            if !a.is_empty() {
                words.push(r(a, 60.0 * (k + 1) as f64 + 25.0, 110.0));
            }
        }
        let got = lay(words);
        assert_eq!(
            got.last().unwrap(),
            &["76.43", "30.00", "40.63", "", "40.63", "5.80"],
            "{got:?}"
        );
        assert_eq!(
            got[got.len() - 2],
            ["1", "2", "3", "4", "5", "6"],
            "{got:?}"
        );
    }

    #[test]
    fn a_column_number_apart_from_its_amounts_is_their_column() {
        // 合计 and its 栏次 number centred over a wide column, the amounts
        // right-aligned far to the right of both: no header over them
        let mut words = vec![
            w("科目编码", 50.0, 60.0),
            w("科目名称", 110.0, 60.0),
            w("合计", 200.0, 60.0),
            w("基本支出", 324.0, 60.0),
            w("栏次", 50.0, 80.0),
            w("1", 206.75, 80.0),
            w("2", 339.75, 80.0),
        ];
        words.extend(body(100.0, ROWS));
        let got = lay(words);
        assert_eq!(
            got[0],
            ["科目编码", "科目名称", "合计", "基本支出"],
            "{got:?}"
        );
        assert_eq!(got[1], ["栏次", "", "1", "2"], "{got:?}");
        assert_eq!(got[3], ["20106", "财政事务", "2106.66", ""], "{got:?}");
    }

    #[test]
    fn a_label_where_the_column_s_labels_start_stays_in_its_column() {
        // the right-hand list goes on alone below the left one, its labels
        // starting just right of the amounts before them: a short one looks
        // centred over both columns, but starts where the column's other
        // labels start, and stays
        let mut words = vec![
            w("项目", 50.0, 60.0),
            w("预算数", 150.0, 60.0),
            w("项目", 194.0, 60.0),
            w("预算数", 300.0, 60.0),
            w("一、部门预算", 50.0, 80.0),
            r("100.00", 190.0, 80.0),
            w("一、部门预算", 194.0, 80.0),
            r("90.00", 330.0, 80.0),
            w("1、财政拨款", 50.0, 100.0),
            r("100.00", 190.0, 100.0),
        ];
        for (i, l) in ["1、一般公共服务", "2、外交支出", "3、国防支出", "4、教育"]
            .iter()
            .enumerate()
        {
            words.push(w(l, 200.0, 100.0 + 20.0 * i as f64));
        }
        words.push(r("90.00", 330.0, 100.0));
        let got = lay(words);
        assert_eq!(got[5], ["", "", "4、教育", ""], "{got:?}");
    }

    #[test]
    fn a_label_back_at_the_column_s_edge_is_no_wrap_of_a_centred_one() {
        // 本年收入合计 centred in the label column with its amount, the next
        // label at the column's left edge with none: two rows
        let words = vec![
            w("项目", 50.0, 60.0),
            w("预算数", 200.0, 60.0),
            w("一、财政拨款收入合计", 50.0, 80.0),
            r("6838.41", 240.0, 80.0),
            w("本年收入合计", 95.0, 97.0),
            r("6838.41", 240.0, 97.0),
            w("上年结转结余", 50.0, 111.0),
            w("一般公共预算", 59.0, 125.0),
            r("1.00", 240.0, 125.0),
        ];
        let got = lay(words);
        assert_eq!(got[2], ["本年收入合计", "6838.41"], "{got:?}");
        assert_eq!(got[3], ["上年结转结余", ""], "{got:?}");
    }

    #[test]
    fn a_header_block_over_a_blank_first_row_is_the_table_s() {
        // tall header cells: 科目编码, the last line of 功能分类 / 科目编码,
        // stands more than two text heights above the first row
        let mut words = vec![
            w("单位:万元", 300.0, 50.0),
            w("项目", 100.0, 70.0),
            w("功能分类", 50.0, 85.0),
            w("科目名称", 120.0, 85.0),
            w("合计", 276.0, 85.0),
            w("基本支出", 324.0, 85.0),
            w("科目编码", 50.0, 98.0),
        ];
        words.extend(body(130.0, ROWS));
        let got = lay(words);
        // (功能分类 and 科目编码: one header, wrapped)
        let code = got
            .iter()
            .find(|r| r.concat().contains("科目编码"))
            .unwrap();
        assert_eq!(code.len(), 4, "{got:?}");
        assert_eq!(code[0], "功能分类科目编码");
    }

    #[test]
    fn a_table_printed_blank_is_a_table() {
        a_blank_table_with_its_total_at(115.0);
    }

    #[test]
    fn a_table_printed_blank_with_blank_rows_before_its_total_is_a_table() {
        // blank rows printed between the header and `合计`
        a_blank_table_with_its_total_at(215.0);
    }

    #[test]
    fn a_table_printed_blank_over_half_a_page_of_blank_rows_is_a_table() {
        // its emptied grid as tall as thirty lines of text
        a_blank_table_with_its_total_at(365.0);
    }

    #[test]
    fn a_table_printed_blank_without_a_total_row_ends_at_its_note() {
        // (烟台's 国有资本经营预算支出情况表: three header lines, then the note)
        let words = vec![
            w("单位:万元", 300.0, 50.0),
            w("科目编码", 50.0, 70.0),
            w("基本支出", 295.0, 70.0),
            w("科目名称", 110.0, 80.0),
            w("合计", 200.0, 80.0),
            w("项目支出", 400.0, 80.0),
            w("类", 40.0, 90.0),
            w("款", 60.0, 90.0),
            w("项", 80.0, 90.0),
            w("小", 250.0, 90.0),
            w("计", 268.0, 90.0),
            w("人员支出", 290.0, 90.0),
            w("公用支出", 340.0, 90.0),
            w("(注:本年没有使用此项拨款安排的支出。)", 50.0, 140.0),
        ];
        let got = lay(words);
        let leaves = got
            .iter()
            .find(|r| r.iter().any(|c| c == "人员支出"))
            .unwrap();
        assert!(leaves.len() >= 6, "{got:?}");
        assert!(leaves.iter().any(|c| c == "公用支出"), "{got:?}");
        // (`小  计` letter-spaced: one header)
        assert!(leaves.iter().any(|c| c == "小计"), "{got:?}");
    }

    #[test]
    fn a_table_printed_blank_with_a_column_number_row_is_a_table() {
        // (苏州's 国有资本经营预算支出预算表: `栏次 1 2 3`, then `合计`)
        let words = vec![
            w("单位:万元", 300.0, 50.0),
            w("项", 120.0, 68.0),
            w("目", 150.0, 68.0),
            w("功能分类", 50.0, 80.0),
            w("本年支出合计", 200.0, 80.0),
            w("基本支出", 300.0, 80.0),
            w("项目支出", 380.0, 80.0),
            w("科目名称", 130.0, 86.0),
            w("科目编码", 50.0, 93.0),
            w("栏次", 126.0, 108.0),
            w("1", 225.0, 108.0),
            w("2", 316.0, 108.0),
            w("3", 396.0, 108.0),
            w("合计", 126.0, 122.0),
            w("注:本部门无此项支出,故本表无数据。", 50.0, 160.0),
        ];
        let got = lay(words);
        let numbers = got.iter().find(|r| r.iter().any(|c| c == "3")).unwrap();
        let at = |t: &str| numbers.iter().position(|c| c == t);
        assert!(at("1") < at("2") && at("2") < at("3"), "{got:?}");
        let header = got
            .iter()
            .find(|r| r.iter().any(|c| c == "基本支出"))
            .unwrap();
        assert_eq!(header.len(), numbers.len(), "{got:?}");
        assert_eq!(
            header.iter().position(|c| c == "基本支出"),
            at("2"),
            "{got:?}"
        );
        // (`合计` under `栏次`: a row of its own, not the tail of a label)
        assert!(!numbers.concat().contains("合计"), "{got:?}");
        assert!(got.iter().any(|r| r.concat() == "合计"), "{got:?}");
    }

    #[test]
    fn a_column_number_row_is_not_the_figures_of_a_total_under_it() {
        // (湖州's blank 政府性基金 table: `**` under the code and the name,
        // `1 2 3` under the amounts, then `合计` centred between the
        // two label columns, a line lower)
        let words = vec![
            w("单位:万元", 500.0, 50.0),
            w("本年政府性基金预算支出", 420.0, 70.0),
            w("科目编码", 80.0, 80.0),
            w("科目名称", 240.0, 80.0),
            w("合", 380.0, 90.0),
            w("计", 394.0, 90.0),
            w("基本支出", 480.0, 90.0),
            w("项目支出", 580.0, 90.0),
            w("**", 96.0, 110.0),
            w("**", 256.0, 110.0),
            w("1", 390.0, 110.0),
            w("2", 496.0, 110.0),
            w("3", 596.0, 110.0),
            w("合计", 160.0, 124.0),
            w("注:本表无数据。", 60.0, 150.0),
        ];
        let got = lay(words);
        assert!(got.iter().any(|r| r.concat() == "合计"), "{got:?}");
        assert!(got.iter().any(|r| r.concat() == "****123"), "{got:?}");
    }

    #[test]
    fn a_group_header_over_a_blank_table_s_numbered_columns_spans_them() {
        // (杭州's blank 政府性基金 table: a group header centred over 合计,
        // 基本支出 and 项目支出, each as wide as it prints, the column
        // numbers one digit wide)
        let words = vec![
            w("单位:万元", 450.0, 50.0),
            w("本年政府性基金预算支出", 394.0, 66.0),
            w("功能分类科目名称", 150.0, 74.0),
            w("合", 360.0, 82.0),
            w("计", 380.0, 82.0),
            w("基本支出", 426.0, 82.0),
            w("项目支出", 500.0, 82.0),
            w("**", 186.0, 98.0),
            w("1", 373.0, 98.0),
            w("2", 444.0, 98.0),
            w("3", 517.0, 98.0),
            w("合计", 44.0, 114.0),
            w("备注:本部门没有此项支出,故本表无数据。", 36.0, 160.0),
        ];
        let got = lay(words);
        assert!(
            got.iter().flatten().any(|c| c == "基本支出"),
            "the group header joined to the column under it: {got:?}"
        );
        assert!(
            got.iter().flatten().any(|c| c == "本年政府性基金预算支出"),
            "{got:?}"
        );
        // `合计`, left-aligned in the cell `功能分类科目名称` is centred
        // over, in that column; the column numbers a row of their own
        let first = |t: &str| got.iter().find(|r| r.iter().any(|c| c == t)).unwrap()[0].clone();
        assert_eq!(first("功能分类科目名称"), "功能分类科目名称", "{got:?}");
        let total = got.iter().find(|r| r.concat() == "合计").unwrap();
        assert_eq!(total[0], "合计", "{got:?}");
        let numbers = got.iter().find(|r| r.iter().any(|c| c == "3")).unwrap();
        assert!(!numbers.concat().contains("合计"), "{got:?}");
    }

    /// A blank table under its unit line, its `合计` on baseline `total`.
    fn a_blank_table_with_its_total_at(total: f64) {
        let words = vec![
            w("单位:万元", 300.0, 50.0),
            w("功能分类科目", 100.0, 70.0),
            w("预算数", 300.0, 70.0),
            w("科目编码", 50.0, 85.0),
            w("科目名称", 130.0, 85.0),
            w("合计", 250.0, 85.0),
            w("基本支出", 300.0, 85.0),
            w("项目支出", 360.0, 85.0),
            w("合", 120.0, total),
            w("计", 150.0, total),
            w("注:本表无数据。", 50.0, total + 25.0),
        ];
        let got = lay(words);
        let total = got.iter().find(|r| r.concat() == "合计").unwrap();
        assert_eq!(total.len(), 5, "{got:?}");
        assert!(
            got.iter().any(|r| r.len() == 5 && r[4] == "项目支出"),
            "{got:?}"
        );
    }

    #[test]
    fn blank_rows_and_page_numbers_are_not_rows() {
        let mut words = head(80.0);
        words.extend(body(100.0, &ROWS[..2]));
        // three blank rows, then the last row
        words.extend(body(200.0, &ROWS[3..]));
        words.push(w("- 3 -", 290.0, 780.0));
        let lines = super::super::assemble(&[layout_page(&page(words), None)]);
        let got: Vec<Vec<String>> = lines.iter().map(|l| l.cells.clone()).collect();
        assert_eq!(got.len(), 4, "{got:?}");
        assert_eq!(got[3], ["208", "社会保障和就业支出", "326.72", "326.72"]);
        // every line keeps its box, in PDF space (y up)
        let b = lines[3].bbox.unwrap();
        assert!(b[1] > 500.0 && b[3] < 610.0, "{b:?}");
        assert!(lines[3].cell_box(2).is_some());
    }

    #[test]
    fn a_blank_template_s_rows_of_items_go_on_over_the_next_page() {
        let mut p1 = head(80.0);
        p1.extend(body(100.0, ROWS));
        let l1 = layout_page(&page(p1), None);
        // page 2: items and totals with no figures, in the name column
        let p2 = vec![
            w("十六、金融支出", 110.0, 60.0),
            w("十七、援助其他地区支出", 110.0, 80.0),
            w("本年支出合计", 110.0, 100.0),
            w("总计", 110.0, 120.0),
            w("注:本表反映部门本年度的收支情况。", 50.0, 150.0),
        ];
        let mut pg2 = page(p2);
        pg2.number = 2;
        let l2 = layout_page(&pg2, Some(&l1));
        assert_eq!(
            table_rows(&l2),
            strs(&[
                &["", "十六、金融支出", "", ""],
                &["", "十七、援助其他地区支出", "", ""],
                &["", "本年支出合计", "", ""],
                &["", "总计", "", ""],
            ])
        );
    }

    #[test]
    fn a_blank_template_s_rows_of_ellipses_and_its_total_are_its_rows() {
        // (上海's template 支出决算表, no figures anywhere: `合计` centred
        // under the header over the code and name cells, closer to the
        // header's last line than the rows are to each other; `…  …` (and
        // so on) between the rows)
        let mut words = vec![
            w("项目", 166.0, 138.0),
            w("本年支出合计", 291.0, 162.0),
            w("基本支出", 380.0, 162.0),
            w("功能分类", 90.0, 166.0),
            w("科目名称", 195.0, 174.0),
            w("科目编码", 90.0, 181.0),
            w("合计", 166.0, 209.0),
        ];
        for (i, (code, name)) in [
            ("205", "教育支出"),
            ("20502", "普通教育"),
            ("…", "…"),
            ("207", "文化旅游体育与传媒支出"),
            ("20799", "其他支出"),
        ]
        .iter()
        .enumerate()
        {
            let y = 232.0 + 23.5 * i as f64;
            words.push(w(code, 77.0, y));
            words.push(w(name, 156.0, y));
        }
        words.push(w("注:本表反映部门本年度各项支出情况。", 72.0, 360.0));
        let got = lay(words);
        let row = |code: &str| got.iter().find(|r| r[0] == code).unwrap().clone();
        let n = row("205").len();
        assert!(n >= 4, "{got:?}");
        assert_eq!(
            row("207")[..2],
            ["207", "文化旅游体育与传媒支出"],
            "{got:?}"
        );
        assert_eq!(row("207").len(), n, "{got:?}");
        let total = got.iter().find(|r| r.concat() == "合计").unwrap();
        assert_eq!(total.len(), n, "{got:?}");
    }

    #[test]
    fn two_headers_of_blank_columns_nearly_touching_stay_two() {
        // (上海's 财政拨款收支预算总表: 政府性基金预算 and 国有资本经营预算
        // a third of a text height apart, nothing printed under either)
        let mut words = vec![
            w("单位:元", 380.0, 50.0),
            w("项目", 60.0, 70.0),
            w("合计", 206.0, 70.0),
            w("一般公共预算", 250.0, 70.0),
            w("政府性基金预算", 308.0, 70.0),
            w("国有资本经营预算", 374.0, 70.0),
        ];
        for (i, (name, a)) in [
            ("一、一般公共服务支出", "1744.11"),
            ("二、住房保障支出", "57.59"),
        ]
        .iter()
        .enumerate()
        {
            let y = 90.0 + 20.0 * i as f64;
            words.push(w(name, 50.0, y));
            words.push(r(a, 224.0, y));
            words.push(r(a, 300.0, y));
        }
        let got = lay(words);
        let header = got.iter().find(|r| r.concat().contains("合计")).unwrap();
        assert!(header.iter().any(|c| c == "政府性基金预算"), "{got:?}");
        assert!(header.iter().any(|c| c == "国有资本经营预算"), "{got:?}");
    }

    #[test]
    fn a_group_header_of_a_blank_table_does_not_join_the_columns_under_it() {
        // (普陀's blank 政府性基金 table: `本年支出` reaching a little over
        // `基本支出` and `项目支出`, `年末结转和结余` a text height on)
        let words = vec![
            w("单位:万元", 480.0, 50.0),
            w("项目", 100.0, 70.0),
            w("本年支出", 392.0, 70.0),
            w("科目名称", 100.0, 84.0),
            w("年初结转和结余", 180.0, 84.0),
            w("小计", 330.0, 84.0),
            w("基本支出", 358.0, 84.0),
            w("项目支出", 426.0, 84.0),
            w("年末结转和结余", 472.0, 84.0),
            w("合计", 100.0, 100.0),
            w("注:本部门无此项支出,故本表无数据。", 50.0, 130.0),
        ];
        let got = lay(words);
        let at = |t: &str| {
            got.iter()
                .find_map(|r| r.iter().position(|c| c == t).map(|k| (r.clone(), k)))
                .unwrap()
        };
        let (leaves, project) = at("项目支出");
        assert!(leaves.iter().any(|c| c == "基本支出"), "{got:?}");
        assert!(at("年末结转和结余").1 > project, "{got:?}");
    }

    #[test]
    fn an_amount_wrapped_in_its_narrow_column_is_one_amount_in_its_row() {
        // (杭州's 一般公共预算支出表: `21,118.5` over `1`, the row's label
        // and other figures on the line between)
        let words = vec![
            w("单位:万元", 400.0, 40.0),
            w("科目名称", 44.0, 80.0),
            w("合计", 290.0, 80.0),
            w("项目支出", 518.0, 80.0),
            w("合计", 44.0, 160.0),
            r("91,842.80", 324.0, 160.0),
            r("21,118.5", 552.0, 152.0),
            r("1", 552.0, 168.0),
            w("一般公共服务支出", 44.0, 190.0),
            r("12,868.19", 324.0, 190.0),
            r("12,868.19", 552.0, 190.0),
            // (a contents line's last leader dot and page number over the
            // next line's page number is no amount)
            w("第二部分预算表. . . .", 44.0, 230.0),
            r(".7", 552.0, 230.0),
            w("一、收支预算总表. . . .", 44.0, 246.0),
            r("8", 552.0, 246.0),
        ];
        let got = lay(words);
        assert!(!got.iter().flatten().any(|c| c.contains(".78")), "{got:?}");
        assert!(
            got.contains(&vec![
                "合计".to_string(),
                "91,842.80".into(),
                "21,118.51".into()
            ]),
            "{got:?}"
        );
        assert!(!got.iter().flatten().any(|c| c == "1"), "{got:?}");
    }

    /// The two header rows of 烟台's 一般公共预算支出情况表 and the tables
    /// after it: `科目编码` over `类 款 项`, `合计` and `科目名称` centred over
    /// both rows, `基本支出` over `小计 人员支出 日常公用支出`.
    fn yantai_header() -> Vec<Vec<String>> {
        strs(&[
            &[
                "科目编码",
                "",
                "",
                "科目名称",
                "合计",
                "基本支出",
                "",
                "",
                "项目支出",
            ],
            &[
                "类",
                "款",
                "项",
                "",
                "",
                "小计",
                "人员支出",
                "日常公用支出",
                "",
            ],
        ])
    }

    #[test]
    fn a_blank_table_printed_as_its_header_alone_keeps_its_header_rows() {
        // 烟台's 国有资本经营预算支出情况表, printed blank: three header lines
        // and the note. No row opens an item, so all three lines are header;
        // `类 款 项`, evenly spaced, are three headers, not one letter-spaced
        // word; `基本支出` stands two lines over `人员支出` (the two name two
        // columns, no wrapped header), and the headers with headers under
        // them make no columns of their own
        let words: &[Placed] = &[
            ("公开表9", 699.8, 728.6, 66.6, 74.6, 8.04),
            (
                "国有资本经营预算支出情况表",
                336.5,
                505.4,
                80.6,
                93.8,
                13.14,
            ),
            (
                "部门（单位）：烟台市审计局",
                113.3,
                222.6,
                100.2,
                108.2,
                8.04,
            ),
            ("单位：万元", 686.8, 728.4, 100.2, 108.2, 8.04),
            ("科目编码", 125.2, 162.0, 118.3, 127.3, 8.99),
            ("基本支出", 510.8, 547.7, 118.3, 127.3, 8.99),
            ("科目名称", 237.2, 274.1, 127.6, 136.6, 8.99),
            ("合", 360.1, 369.1, 127.6, 136.6, 8.99),
            ("计", 378.8, 387.8, 127.6, 136.6, 8.99),
            ("项目支出", 670.1, 706.9, 127.6, 136.6, 8.99),
            ("类", 117.2, 126.2, 136.7, 145.7, 8.99),
            ("款", 139.3, 148.3, 136.8, 145.8, 8.99),
            ("项", 161.3, 170.3, 136.8, 145.8, 8.99),
            ("小", 438.1, 447.1, 136.8, 145.8, 8.99),
            ("计", 456.7, 465.7, 136.8, 145.8, 8.99),
            ("人员支出", 511.0, 547.8, 136.8, 145.8, 8.99),
            ("日常公用支出", 580.9, 635.2, 136.8, 145.8, 8.99),
            (
                "（注：2026年没有使用国有资本经营预算拨款安排的支出。）",
                113.8,
                391.7,
                195.1,
                205.1,
                9.94,
            ),
        ];
        let got = table_rows(&layout_page(&placed_page(words, 21, 842.0, 595.0), None));
        assert_eq!(got, yantai_header());
    }

    #[test]
    fn a_header_repeated_over_a_few_rows_reads_as_it_did_over_many() {
        // 烟台's 一般公共预算支出情况表 ends with two rows on a page of its
        // own under its header printed again. Alone, those rows print
        // nothing under `类` and the type is the header's (9 pt, not the
        // rows' 7.44): `款` two lines under `科目编码` read as its wrapped
        // tail. `类` and `项` flank `款`, under no header: `科目编码` is their
        // group's header; and what the page before printed in each column
        // places the headers as they were placed there
        let l1 = layout_page(
            &placed_page(
                &[
                    ("公开表5", 722.2, 750.9, 38.3, 46.3, 8.04),
                    ("一般公共预算支出情况表", 349.1, 492.0, 52.2, 65.3, 13.14),
                    ("部门（单位）：烟台市审计局", 91.1, 200.4, 71.9, 79.9, 8.04),
                    ("单位：万元", 708.7, 750.4, 71.9, 79.9, 8.04),
                    ("科目编码", 112.6, 149.4, 90.0, 99.0, 8.99),
                    ("基本支出", 522.6, 559.4, 90.0, 99.0, 8.99),
                    ("科目名称", 232.8, 269.6, 99.1, 108.1, 8.99),
                    ("合", 357.7, 366.7, 99.2, 108.2, 8.99),
                    ("计", 376.4, 385.4, 99.2, 108.2, 8.99),
                    ("项目支出", 692.4, 729.1, 99.2, 108.2, 8.99),
                    ("类", 98.3, 107.3, 108.4, 117.3, 8.99),
                    ("人员支出", 522.7, 559.4, 108.4, 117.3, 8.99),
                    ("日常公用支出", 599.6, 653.9, 108.4, 117.3, 8.99),
                    ("款", 126.6, 135.6, 108.5, 117.5, 8.99),
                    ("小", 442.8, 451.8, 108.5, 117.5, 8.99),
                    ("计", 461.4, 470.4, 108.5, 117.5, 8.99),
                    ("项", 155.4, 163.4, 108.6, 116.6, 8.04),
                    ("2,776.75", 382.1, 411.7, 127.0, 134.4, 7.44),
                    ("2,772.25", 466.9, 496.6, 127.0, 134.4, 7.44),
                    ("2,536.91", 551.8, 581.4, 127.0, 134.4, 7.44),
                    ("合", 175.8, 183.2, 127.1, 134.5, 7.44),
                    ("计", 190.9, 198.4, 127.1, 134.5, 7.44),
                    ("235.33", 644.2, 666.5, 127.7, 135.1, 7.44),
                    ("4.50", 736.4, 751.3, 127.7, 135.1, 7.44),
                    ("1,950.19", 382.4, 411.7, 145.3, 152.8, 7.44),
                    ("1,945.69", 467.4, 496.7, 145.3, 152.8, 7.44),
                    ("1,711.58", 552.2, 581.5, 145.3, 152.8, 7.44),
                    ("一般公共服务支出", 175.8, 235.4, 145.5, 152.9, 7.44),
                    ("201", 97.4, 108.5, 146.1, 153.5, 7.44),
                    ("234.11", 644.2, 666.5, 146.1, 153.5, 7.44),
                    ("4.50", 736.4, 751.3, 146.1, 153.5, 7.44),
                    ("1,950.19", 382.4, 411.7, 163.7, 171.1, 7.44),
                    ("1,945.69", 467.4, 496.7, 163.7, 171.1, 7.44),
                    ("1,711.58", 552.2, 581.5, 163.7, 171.1, 7.44),
                    ("审计事务", 183.5, 213.1, 163.8, 171.3, 7.44),
                    ("08", 127.6, 135.0, 164.4, 171.9, 7.44),
                    ("234.11", 644.2, 666.5, 164.4, 171.9, 7.44),
                    ("4.50", 736.4, 751.3, 164.4, 171.9, 7.44),
                    ("1,531.26", 382.4, 411.7, 182.1, 189.5, 7.44),
                    ("1,531.26", 467.4, 496.7, 182.1, 189.5, 7.44),
                    ("1,326.76", 552.2, 581.5, 182.1, 189.5, 7.44),
                    ("行政运行", 190.8, 220.6, 182.2, 189.6, 7.44),
                    ("204.50", 644.2, 666.5, 182.8, 190.2, 7.44),
                    ("01", 155.9, 163.3, 182.9, 190.3, 7.44),
                    ("审计业务", 191.0, 220.7, 200.5, 208.0, 7.44),
                    ("04", 155.9, 163.3, 201.3, 208.7, 7.44),
                    ("4.50", 397.0, 411.8, 201.3, 208.7, 7.44),
                    ("4.50", 736.4, 751.3, 201.3, 208.7, 7.44),
                    ("事业运行", 190.8, 220.6, 219.0, 226.5, 7.44),
                    ("50", 156.0, 163.3, 219.6, 227.1, 7.44),
                    ("414.44", 389.4, 411.7, 219.6, 227.1, 7.44),
                    ("414.44", 474.2, 496.6, 219.6, 227.1, 7.44),
                    ("384.82", 559.3, 581.6, 219.6, 227.1, 7.44),
                    ("29.61", 647.9, 666.5, 219.6, 227.1, 7.44),
                    ("社会保障和就业支出", 175.8, 243.2, 237.3, 244.7, 7.44),
                    ("208", 97.4, 108.5, 238.0, 245.4, 7.44),
                    ("469.90", 389.4, 411.7, 238.0, 245.4, 7.44),
                    ("469.90", 474.2, 496.6, 238.0, 245.4, 7.44),
                    ("468.68", 559.2, 581.4, 238.0, 245.4, 7.44),
                    ("1.22", 652.2, 666.7, 238.0, 245.4, 7.44),
                ],
                15,
                842.0,
                595.0,
            ),
            None,
        );
        assert_eq!(table_rows(&l1)[..2], yantai_header()[..]);
        let l2 = layout_page(
            &placed_page(
                &[
                    ("公开表5", 722.2, 750.9, 38.3, 46.3, 8.04),
                    ("一般公共预算支出情况表", 349.1, 492.0, 52.2, 65.3, 13.14),
                    ("部门（单位）：烟台市审计局", 91.1, 200.4, 71.9, 79.9, 8.04),
                    ("单位：万元", 708.7, 750.4, 71.9, 79.9, 8.04),
                    ("科目编码", 112.6, 149.4, 90.0, 99.0, 8.99),
                    ("基本支出", 522.6, 559.4, 90.0, 99.0, 8.99),
                    ("科目名称", 232.8, 269.6, 99.1, 108.1, 8.99),
                    ("合", 357.7, 366.7, 99.2, 108.2, 8.99),
                    ("计", 376.4, 385.4, 99.2, 108.2, 8.99),
                    ("项目支出", 692.4, 729.1, 99.2, 108.2, 8.99),
                    ("类", 98.3, 107.3, 108.4, 117.3, 8.99),
                    ("人员支出", 522.7, 559.4, 108.4, 117.3, 8.99),
                    ("日常公用支出", 599.6, 653.9, 108.4, 117.3, 8.99),
                    ("款", 126.6, 135.6, 108.5, 117.5, 8.99),
                    ("小", 442.8, 451.8, 108.5, 117.5, 8.99),
                    ("计", 461.4, 470.4, 108.5, 117.5, 8.99),
                    ("项", 155.4, 163.4, 108.6, 116.6, 8.04),
                    ("住房改革支出", 183.2, 227.9, 127.1, 134.5, 7.44),
                    ("02", 127.6, 135.0, 127.7, 135.1, 7.44),
                    ("204.86", 389.6, 411.8, 127.7, 135.1, 7.44),
                    ("204.86", 474.5, 496.7, 127.7, 135.1, 7.44),
                    ("204.86", 559.3, 581.5, 127.7, 135.1, 7.44),
                    ("住房公积金", 190.8, 228.0, 145.5, 152.9, 7.44),
                    ("01", 155.9, 163.3, 146.1, 153.5, 7.44),
                    ("204.86", 389.6, 411.8, 146.1, 153.5, 7.44),
                    ("204.86", 474.5, 496.7, 146.1, 153.5, 7.44),
                    ("204.86", 559.3, 581.5, 146.1, 153.5, 7.44),
                ],
                16,
                842.0,
                595.0,
            ),
            Some(&l1),
        );
        let got = table_rows(&l2);
        assert_eq!(got[..2], yantai_header()[..], "{got:?}");
        assert_eq!(got[2][1], "02", "{got:?}");
    }

    #[test]
    fn a_blank_table_takes_its_columns_from_its_lowest_headers() {
        // 普陀's 政府性基金预算财政拨款收入支出决算表, printed blank: `科目编码`
        // over `款` reaches `项目` over `项`; taken as columns, the two would
        // join `款` and `项` into one
        let words = boxed(
            &[
                ("政府性基金预算财政拨款收入支出决算表", 277.0, 565.0, 99.0),
                ("单位：万元", 631.6, 691.6, 131.4),
                ("项目", 232.6, 256.6, 167.4),
                ("本年支出", 526.0, 574.0, 167.4),
                ("年初结转和", 349.6, 409.6, 185.5),
                ("年末结转和", 631.6, 691.6, 185.5),
                ("支出功能分类", 179.2, 251.2, 189.2),
                ("本年收入", 420.4, 468.4, 193.3),
                ("结余", 367.6, 391.6, 201.1),
                ("结余", 649.6, 673.6, 201.1),
                ("科目编码", 191.2, 239.2, 206.4),
                ("科目名称", 290.8, 338.8, 206.4),
                ("小计", 479.2, 503.2, 206.4),
                ("基本支出", 514.0, 562.0, 206.4),
                ("项目支出", 572.8, 620.8, 206.4),
                ("类", 150.4, 162.4, 223.7),
                ("款", 197.2, 209.2, 223.7),
                ("项", 244.0, 256.0, 223.7),
                ("合计", 232.6, 256.6, 378.9),
                (
                    "注：上海市普陀区财政局无政府性基金预算财政拨款支出，故本表无数据。",
                    150.4,
                    546.4,
                    411.2,
                ),
            ],
            12.0,
        );
        let got = table_rows(&layout_page(&placed_page_of(words, 19, 842.0, 595.0), None));
        let row = got.iter().find(|r| r.contains(&"类".to_string())).unwrap();
        let k = col_of(&got, "类");
        assert_eq!(
            row[k..k + 3],
            strs(&[&["类", "款", "项"]])[0][..],
            "{got:?}"
        );
        assert_eq!(col_of(&got, "科目名称"), k + 3, "{got:?}");
    }

    #[test]
    fn a_cell_three_rows_tall_beside_a_group_header_bounds_it() {
        // 西安's 三公 table (上年 of 上年 / 当年 / 增减): `合计`, `会议费` and
        // `培训费` are cells as tall as the three header rows under `上年`,
        // their text centred; the group header `一般公共预算拨款安排的“三公”
        // 经费预算` between them is centred on its own six columns and, as
        // well, on those and the two tall cells: those cells stand level
        // with it (as far above their middle as the header block ends
        // below it), so it does not take their columns
        let words: &[Placed] = &[
            ("上年", 233.2, 241.2, 117.5, 121.5, 4.01),
            (
                "一般公共预算拨款安排的“三公”经费预算",
                186.7,
                262.9,
                124.1,
                128.1,
                4.01,
            ),
            ("单位编码", 46.6, 62.6, 130.5, 134.5, 4.01),
            ("单位名称", 88.1, 104.1, 130.5, 134.5, 4.01),
            ("公务用车购置及运行维护费", 238.1, 286.2, 130.7, 134.7, 4.01),
            ("合计", 133.6, 141.6, 133.8, 137.8, 4.01),
            ("会议费", 305.9, 318.0, 133.8, 137.8, 4.01),
            ("培训费", 330.8, 342.9, 133.8, 137.8, 4.01),
            ("因公出国", 179.4, 195.4, 133.9, 137.9, 4.01),
            ("小计", 158.5, 166.5, 137.1, 141.1, 4.01),
            ("公务接待费", 202.3, 222.4, 137.1, 141.1, 4.01),
            ("公务用车购置", 250.1, 274.1, 137.2, 141.2, 4.01),
            ("公务用车运行", 275.0, 299.1, 137.2, 141.2, 4.01),
            ("（境）费用", 177.4, 197.5, 140.2, 144.2, 4.01),
            ("小计", 233.2, 241.2, 140.3, 144.3, 4.01),
            ("费", 260.1, 264.1, 143.5, 147.5, 4.01),
            ("维护费", 281.0, 293.1, 143.5, 147.5, 4.01),
            ("合计", 79.7, 87.7, 150.0, 154.1, 4.01),
            ("526,000.00", 129.9, 149.9, 150.0, 154.1, 4.01),
            ("120,000.00", 154.8, 174.8, 150.0, 154.1, 4.01),
            ("20,000.00", 206.6, 224.6, 150.0, 154.1, 4.01),
            ("100,000.00", 229.5, 249.5, 150.0, 154.1, 4.01),
            ("100,000.00", 279.3, 299.3, 150.0, 154.1, 4.01),
            ("20,000.00", 306.1, 324.2, 150.0, 154.1, 4.01),
            ("386,000.00", 329.1, 349.1, 150.0, 154.1, 4.01),
            ("117", 42.3, 48.3, 156.6, 160.6, 4.01),
            ("西安市审计局", 67.2, 91.3, 156.6, 160.6, 4.01),
            ("526,000.00", 129.9, 149.9, 156.6, 160.6, 4.01),
            ("120,000.00", 154.8, 174.8, 156.6, 160.6, 4.01),
            ("20,000.00", 206.6, 224.6, 156.6, 160.6, 4.01),
            ("100,000.00", 229.5, 249.5, 156.6, 160.6, 4.01),
            ("100,000.00", 279.3, 299.3, 156.6, 160.6, 4.01),
            ("20,000.00", 306.1, 324.2, 156.6, 160.6, 4.01),
            ("386,000.00", 329.1, 349.1, 156.6, 160.6, 4.01),
            ("117001", 50.3, 62.4, 163.2, 167.2, 4.01),
            ("西安市审计局", 67.2, 91.3, 163.2, 167.2, 4.01),
            ("526,000.00", 129.9, 149.9, 163.2, 167.2, 4.01),
            ("120,000.00", 154.8, 174.8, 163.2, 167.2, 4.01),
            ("20,000.00", 206.6, 224.6, 163.2, 167.2, 4.01),
            ("100,000.00", 229.5, 249.5, 163.2, 167.2, 4.01),
            ("100,000.00", 279.3, 299.3, 163.2, 167.2, 4.01),
            ("20,000.00", 306.1, 324.2, 163.2, 167.2, 4.01),
            ("386,000.00", 329.1, 349.1, 163.2, 167.2, 4.01),
        ];
        let got = table_rows(&layout_page(&placed_page(words, 35, 842.0, 595.0), None));
        let group = "一般公共预算拨款安排的“三公”经费预算";
        assert_eq!(col_of(&got, group), col_of(&got, "120,000.00"), "{got:?}");
        assert_eq!(col_of(&got, "合计"), col_of(&got, "526,000.00"), "{got:?}");
        let row = got.iter().find(|r| r.contains(&group.to_string())).unwrap();
        assert!(row.contains(&"合计".to_string()), "{got:?}");
    }

    #[test]
    fn labels_printed_smaller_than_the_total_row_stay_in_the_table() {
        // 福州's 收入预算总表: header and `合计` in 11 pt, the units' rows in
        // 9 pt, each name wrapped over two or three lines centred on its
        // figures (`福州市医疗` / `保障基金中` / `心`): the lines of a name
        // alone are rows of the table, not the start of another one
        let words: &[Placed] = &[
            ("一般公共", 176.5, 220.6, 107.4, 118.4, 11.00),
            ("政府性基", 239.6, 283.7, 107.4, 118.4, 11.00),
            ("单位名称", 50.3, 94.4, 123.0, 134.0, 11.00),
            ("合计", 124.4, 146.4, 123.0, 134.0, 11.00),
            ("预算拨款", 176.5, 220.6, 123.0, 134.0, 11.00),
            ("金预算拨", 239.6, 283.7, 123.0, 134.0, 11.00),
            ("收入", 187.5, 209.5, 138.6, 149.6, 11.00),
            ("款收入", 245.1, 278.2, 138.6, 149.6, 11.00),
            ("合计", 61.3, 83.3, 154.7, 165.7, 11.00),
            ("351904.90", 111.7, 161.5, 154.7, 165.7, 11.00),
            ("351904.90", 174.8, 224.6, 154.7, 165.7, 11.00),
            ("0.00", 265.6, 287.8, 154.7, 165.7, 11.00),
            ("福州市医疗", 49.9, 94.8, 171.8, 180.8, 9.00),
            ("保障基金中", 49.9, 94.8, 187.4, 196.4, 9.00),
            ("345205.84", 115.2, 155.7, 187.4, 196.4, 9.00),
            ("345205.84", 184.2, 224.7, 187.4, 196.4, 9.00),
            ("心", 67.8, 76.8, 203.0, 212.0, 9.00),
            ("福州市医疗", 49.9, 94.8, 219.1, 228.1, 9.00),
            ("3714.26", 119.7, 151.2, 226.9, 235.9, 9.00),
            ("3714.26", 193.2, 224.7, 226.9, 235.9, 9.00),
            ("保障局", 58.9, 85.8, 234.7, 243.7, 9.00),
            ("福州市医疗", 49.9, 94.8, 250.8, 259.8, 9.00),
            ("保障数据技", 49.9, 94.8, 266.4, 275.4, 9.00),
            ("944.20", 121.9, 148.9, 266.4, 275.4, 9.00),
            ("944.20", 197.7, 224.7, 266.4, 275.4, 9.00),
            ("术中心", 58.9, 85.8, 282.0, 291.0, 9.00),
            ("福州市医疗", 49.9, 94.8, 298.1, 307.1, 9.00),
            ("保障服务行", 49.9, 94.8, 313.7, 322.7, 9.00),
            ("2040.60", 119.7, 151.2, 313.7, 322.7, 9.00),
            ("2040.60", 193.2, 224.7, 313.7, 322.7, 9.00),
            ("为监测中心", 49.9, 94.8, 329.3, 338.3, 9.00),
        ];
        let got = table_rows(&layout_page(&placed_page(words, 11, 842.0, 595.0), None));
        let names: Vec<&str> = got.iter().skip(4).map(|r| r[0].as_str()).collect();
        assert_eq!(
            names,
            [
                "福州市医疗保障基金中心",
                "福州市医疗保障局",
                "福州市医疗保障数据技术中心",
                "福州市医疗保障服务行为监测中心"
            ],
            "{got:?}"
        );
        assert!(got.iter().all(|r| r.len() == got[0].len()), "{got:?}");
        assert_eq!(got[4][1], "345205.84", "{got:?}");
    }

    #[test]
    fn a_label_wrapped_over_the_first_row_under_a_repeated_header_is_that_row_s() {
        // 西安卫健委's 基本支出决算表 (three lists side by side) continues
        // under its header printed again; the first row's last label is
        // wrapped, its first line over the row: no header text of the
        // table, it is not a header line
        let l1 = layout_page(
            &placed_page(
                &[
                    (
                        "一般公共预算财政拨款基本支出决算表",
                        309.4,
                        530.6,
                        51.2,
                        64.2,
                        13.00,
                    ),
                    ("公开06表", 758.0, 798.0, 80.0, 90.0, 10.00),
                    (
                        "编制部门：西安市卫生健康委员会（汇总）",
                        42.0,
                        270.0,
                        102.3,
                        114.3,
                        11.99,
                    ),
                    ("金额单位：万元", 714.0, 798.0, 102.3, 114.3, 11.99),
                    ("科目代", 46.4, 76.5, 118.5, 128.5, 10.00),
                    ("科目代", 298.1, 328.2, 118.5, 128.5, 10.00),
                    ("科目代", 549.9, 579.9, 118.5, 128.5, 10.00),
                    ("科目名称", 136.8, 176.8, 126.3, 136.3, 10.00),
                    ("决算数", 248.6, 278.6, 126.3, 136.3, 10.00),
                    ("科目名称", 388.5, 428.5, 126.3, 136.3, 10.00),
                    ("决算数", 500.3, 530.3, 126.3, 136.3, 10.00),
                    ("科目名称", 640.2, 680.3, 126.3, 136.3, 10.00),
                    ("决算数", 752.1, 782.1, 126.3, 136.3, 10.00),
                    ("码", 56.4, 66.5, 134.1, 144.1, 10.00),
                    ("码", 308.1, 318.1, 134.1, 144.1, 10.00),
                    ("码", 559.9, 569.9, 134.1, 144.1, 10.00),
                    ("301", 47.8, 62.8, 150.4, 160.4, 10.00),
                    ("工资福利支出", 85.9, 146.0, 150.4, 160.4, 10.00),
                    ("92,835.98", 248.6, 293.7, 150.4, 160.4, 10.00),
                    ("302", 299.5, 314.5, 150.4, 160.4, 10.00),
                    ("商品和服务支出", 337.6, 407.7, 150.4, 160.4, 10.00),
                    ("2,085.91", 505.4, 545.4, 150.4, 160.4, 10.00),
                    ("310", 551.2, 566.2, 150.4, 160.4, 10.00),
                    ("资本性支出", 589.4, 639.4, 150.4, 160.4, 10.00),
                    ("7.17", 777.2, 797.2, 150.4, 160.4, 10.00),
                    ("30101", 47.8, 72.8, 166.8, 176.8, 10.00),
                    ("基本工资", 85.9, 126.0, 166.8, 176.8, 10.00),
                    ("32,390.68", 248.6, 293.7, 166.8, 176.8, 10.00),
                    ("30201", 299.5, 324.5, 166.8, 176.8, 10.00),
                    ("办公费", 337.6, 367.6, 166.8, 176.8, 10.00),
                    ("279.66", 515.4, 545.4, 166.8, 176.8, 10.00),
                    ("31001", 551.2, 576.2, 166.8, 176.8, 10.00),
                    ("房屋建筑物购建", 589.4, 659.4, 166.8, 176.8, 10.00),
                    ("30102", 47.8, 72.8, 183.1, 193.1, 10.00),
                    ("津贴补贴", 85.9, 126.0, 183.1, 193.1, 10.00),
                    ("5,920.14", 253.7, 293.7, 183.1, 193.1, 10.00),
                    ("30202", 299.5, 324.5, 183.1, 193.1, 10.00),
                    ("印刷费", 337.6, 367.6, 183.1, 193.1, 10.00),
                    ("31.37", 520.4, 545.4, 183.1, 193.1, 10.00),
                    ("31002", 551.2, 576.2, 183.1, 193.1, 10.00),
                    ("办公设备购置", 589.4, 649.4, 183.1, 193.1, 10.00),
                    ("7.17", 777.2, 797.2, 183.1, 193.1, 10.00),
                    ("30103", 47.8, 72.8, 199.5, 209.5, 10.00),
                    ("奖金", 85.9, 105.9, 199.5, 209.5, 10.00),
                    ("3,193.10", 253.7, 293.7, 199.5, 209.5, 10.00),
                    ("30203", 299.5, 324.5, 199.5, 209.5, 10.00),
                    ("咨询费", 337.6, 367.6, 199.5, 209.5, 10.00),
                    ("0.98", 525.4, 545.4, 199.5, 209.5, 10.00),
                    ("31003", 551.2, 576.2, 199.5, 209.5, 10.00),
                    ("专用设备购置", 589.4, 649.4, 199.5, 209.5, 10.00),
                    ("30106", 47.8, 72.8, 215.8, 225.8, 10.00),
                    ("伙食补助费", 85.9, 136.0, 215.8, 225.8, 10.00),
                    ("30204", 299.5, 324.5, 215.8, 225.8, 10.00),
                    ("手续费", 337.6, 367.6, 215.8, 225.8, 10.00),
                    ("31005", 551.2, 576.2, 215.8, 225.8, 10.00),
                    ("基础设施建设", 589.4, 649.4, 215.8, 225.8, 10.00),
                    ("30107", 47.8, 72.8, 232.2, 242.2, 10.00),
                    ("绩效工资", 85.9, 126.0, 232.2, 242.2, 10.00),
                    ("24,198.72", 248.6, 293.7, 232.2, 242.2, 10.00),
                    ("30205", 299.5, 324.5, 232.2, 242.2, 10.00),
                    ("水费", 337.6, 357.6, 232.2, 242.2, 10.00),
                    ("18.99", 520.4, 545.4, 232.2, 242.2, 10.00),
                    ("31006", 551.2, 576.2, 232.2, 242.2, 10.00),
                    ("大型修缮", 589.4, 629.4, 232.2, 242.2, 10.00),
                    ("30108", 47.8, 72.8, 248.5, 258.5, 10.00),
                    (
                        "机关事业单位基本养老保险缴费",
                        85.9,
                        226.1,
                        248.5,
                        258.5,
                        10.00,
                    ),
                    ("7,510.91", 253.7, 293.7, 248.5, 258.5, 10.00),
                    ("30206", 299.5, 324.5, 248.5, 258.5, 10.00),
                    ("电费", 337.6, 357.6, 248.5, 258.5, 10.00),
                    ("89.28", 520.4, 545.4, 248.5, 258.5, 10.00),
                    ("31007", 551.2, 576.2, 248.5, 258.5, 10.00),
                    ("信息网络及软件购置更新", 589.4, 699.5, 248.5, 258.5, 10.00),
                    ("30109", 47.8, 72.8, 264.9, 274.9, 10.00),
                    ("职业年金缴费", 85.9, 146.0, 264.9, 274.9, 10.00),
                    ("3,926.45", 253.7, 293.7, 264.9, 274.9, 10.00),
                    ("30207", 299.5, 324.5, 264.9, 274.9, 10.00),
                    ("邮电费", 337.6, 367.6, 264.9, 274.9, 10.00),
                    ("56.79", 520.4, 545.4, 264.9, 274.9, 10.00),
                    ("31008", 551.2, 576.2, 264.9, 274.9, 10.00),
                    ("物资储备", 589.4, 629.4, 264.9, 274.9, 10.00),
                    ("30110", 47.8, 72.8, 281.2, 291.2, 10.00),
                    ("职工基本医疗保险缴费", 85.9, 186.0, 281.2, 291.2, 10.00),
                    ("1,421.35", 253.7, 293.7, 281.2, 291.2, 10.00),
                    ("30208", 299.5, 324.5, 281.2, 291.2, 10.00),
                    ("取暖费", 337.6, 367.6, 281.2, 291.2, 10.00),
                    ("10.31", 520.4, 545.4, 281.2, 291.2, 10.00),
                    ("31009", 551.2, 576.2, 281.2, 291.2, 10.00),
                    ("土地补偿", 589.4, 629.4, 281.2, 291.2, 10.00),
                    ("30111", 47.8, 72.8, 297.6, 307.6, 10.00),
                    ("公务员医疗补助缴费", 85.9, 176.0, 297.6, 307.6, 10.00),
                    ("164.20", 263.7, 293.7, 297.6, 307.6, 10.00),
                    ("30209", 299.5, 324.5, 297.6, 307.6, 10.00),
                    ("物业管理费", 337.6, 387.7, 297.6, 307.6, 10.00),
                    ("17.54", 520.4, 545.4, 297.6, 307.6, 10.00),
                    ("31010", 551.2, 576.2, 297.6, 307.6, 10.00),
                    ("安置补助", 589.4, 629.4, 297.6, 307.6, 10.00),
                    ("30112", 47.8, 72.8, 313.9, 323.9, 10.00),
                    ("其他社会保障缴费", 85.9, 166.0, 313.9, 323.9, 10.00),
                    ("472.09", 263.7, 293.7, 313.9, 323.9, 10.00),
                    ("30211", 299.5, 324.5, 313.9, 323.9, 10.00),
                    ("差旅费", 337.6, 367.6, 313.9, 323.9, 10.00),
                    ("15.82", 520.4, 545.4, 313.9, 323.9, 10.00),
                    ("31011", 551.2, 576.2, 313.9, 323.9, 10.00),
                    ("地上附着物和青苗补偿", 589.4, 689.5, 313.9, 323.9, 10.00),
                    ("30113", 47.8, 72.8, 330.3, 340.3, 10.00),
                    ("住房公积金", 85.9, 136.0, 330.3, 340.3, 10.00),
                    ("8,867.85", 253.7, 293.7, 330.3, 340.3, 10.00),
                    ("30212", 299.5, 324.5, 330.3, 340.3, 10.00),
                    ("因公出国（境）费用", 337.6, 427.7, 330.3, 340.3, 10.00),
                    ("31012", 551.2, 576.2, 330.3, 340.3, 10.00),
                    ("拆迁补偿", 589.4, 629.4, 330.3, 340.3, 10.00),
                    ("30114", 47.8, 72.8, 346.6, 356.6, 10.00),
                    ("医疗费", 85.9, 115.9, 346.6, 356.6, 10.00),
                    ("0.35", 273.7, 293.7, 346.6, 356.6, 10.00),
                    ("30213", 299.5, 324.5, 346.6, 356.6, 10.00),
                    ("维修（护）费", 337.6, 397.7, 346.6, 356.6, 10.00),
                    ("135.21", 515.4, 545.4, 346.6, 356.6, 10.00),
                    ("31013", 551.2, 576.2, 346.6, 356.6, 10.00),
                    ("公务用车购置", 589.4, 649.4, 346.6, 356.6, 10.00),
                    ("30199", 47.8, 72.8, 363.0, 373.0, 10.00),
                    ("其他工资福利支出", 85.9, 166.0, 363.0, 373.0, 10.00),
                    ("4,770.13", 253.7, 293.7, 363.0, 373.0, 10.00),
                    ("30214", 299.5, 324.5, 363.0, 373.0, 10.00),
                    ("租赁费", 337.6, 367.6, 363.0, 373.0, 10.00),
                    ("1.84", 525.4, 545.4, 363.0, 373.0, 10.00),
                    ("31019", 551.2, 576.2, 363.0, 373.0, 10.00),
                    ("其他交通工具购置", 589.4, 669.4, 363.0, 373.0, 10.00),
                    ("303", 47.8, 62.8, 379.3, 389.3, 10.00),
                    ("对个人和家庭的补助", 85.9, 176.0, 379.3, 389.3, 10.00),
                    ("3,677.23", 253.7, 293.7, 379.3, 389.3, 10.00),
                    ("30215", 299.5, 324.5, 379.3, 389.3, 10.00),
                    ("会议费", 337.6, 367.6, 379.3, 389.3, 10.00),
                    ("23.86", 520.4, 545.4, 379.3, 389.3, 10.00),
                    ("31021", 551.2, 576.2, 379.3, 389.3, 10.00),
                    ("文物和陈列品购置", 589.4, 669.4, 379.3, 389.3, 10.00),
                    ("30301", 47.8, 72.8, 395.7, 405.7, 10.00),
                    ("离休费", 85.9, 115.9, 395.7, 405.7, 10.00),
                    ("1,598.89", 253.7, 293.7, 395.7, 405.7, 10.00),
                    ("30216", 299.5, 324.5, 395.7, 405.7, 10.00),
                    ("培训费", 337.6, 367.6, 395.7, 405.7, 10.00),
                    ("8.92", 525.4, 545.4, 395.7, 405.7, 10.00),
                    ("31022", 551.2, 576.2, 395.7, 405.7, 10.00),
                    ("无形资产购置", 589.4, 649.4, 395.7, 405.7, 10.00),
                    ("30302", 47.8, 72.8, 412.0, 422.0, 10.00),
                    ("退休费", 85.9, 115.9, 412.0, 422.0, 10.00),
                    ("87.95", 268.6, 293.7, 412.0, 422.0, 10.00),
                    ("30217", 299.5, 324.5, 412.0, 422.0, 10.00),
                    ("公务接待费", 337.6, 387.7, 412.0, 422.0, 10.00),
                    ("0.06", 525.4, 545.4, 412.0, 422.0, 10.00),
                    ("31099", 551.2, 576.2, 412.0, 422.0, 10.00),
                    ("其他资本性支出", 589.4, 659.4, 412.0, 422.0, 10.00),
                    ("30303", 47.8, 72.8, 428.4, 438.4, 10.00),
                    ("退职（役）费", 85.9, 146.0, 428.4, 438.4, 10.00),
                    ("30218", 299.5, 324.5, 428.4, 438.4, 10.00),
                    ("专用材料费", 337.6, 387.7, 428.4, 438.4, 10.00),
                    ("328.23", 515.4, 545.4, 428.4, 438.4, 10.00),
                    ("312", 551.2, 566.2, 428.4, 438.4, 10.00),
                    ("对企业补助", 589.4, 639.4, 428.4, 438.4, 10.00),
                    ("30304", 47.8, 72.8, 444.7, 454.7, 10.00),
                    ("抚恤金", 85.9, 115.9, 444.7, 454.7, 10.00),
                    ("164.49", 263.7, 293.7, 444.7, 454.7, 10.00),
                    ("30224", 299.5, 324.5, 444.7, 454.7, 10.00),
                    ("被装购置费", 337.6, 387.7, 444.7, 454.7, 10.00),
                    ("31201", 551.2, 576.2, 444.7, 454.7, 10.00),
                    ("资本金注入", 589.4, 639.4, 444.7, 454.7, 10.00),
                    ("30305", 47.8, 72.8, 461.1, 471.1, 10.00),
                    ("生活补助", 85.9, 126.0, 461.1, 471.1, 10.00),
                    ("1,257.39", 253.7, 293.7, 461.1, 471.1, 10.00),
                    ("30225", 299.5, 324.5, 461.1, 471.1, 10.00),
                    ("专用燃料费", 337.6, 387.7, 461.1, 471.1, 10.00),
                    ("31203", 551.2, 576.2, 461.1, 471.1, 10.00),
                    ("政府投资基金股权投资", 589.4, 689.5, 461.1, 471.1, 10.00),
                    ("30306", 47.8, 72.8, 477.4, 487.4, 10.00),
                    ("救济费", 85.9, 115.9, 477.4, 487.4, 10.00),
                    ("30226", 299.5, 324.5, 477.4, 487.4, 10.00),
                    ("劳务费", 337.6, 367.6, 477.4, 487.4, 10.00),
                    ("54.25", 520.4, 545.4, 477.4, 487.4, 10.00),
                    ("31204", 551.2, 576.2, 477.4, 487.4, 10.00),
                    ("费用补贴", 589.4, 629.4, 477.4, 487.4, 10.00),
                    ("30307", 47.8, 72.8, 493.8, 503.8, 10.00),
                    ("医疗费补助", 85.9, 136.0, 493.8, 503.8, 10.00),
                    ("393.55", 263.7, 293.7, 493.8, 503.8, 10.00),
                    ("30227", 299.5, 324.5, 493.8, 503.8, 10.00),
                    ("委托业务费", 337.6, 387.7, 493.8, 503.8, 10.00),
                    ("87.67", 520.4, 545.4, 493.8, 503.8, 10.00),
                    ("31205", 551.2, 576.2, 493.8, 503.8, 10.00),
                    ("利息补贴", 589.4, 629.4, 493.8, 503.8, 10.00),
                    ("30308", 47.8, 72.8, 510.1, 520.1, 10.00),
                    ("助学金", 85.9, 115.9, 510.1, 520.1, 10.00),
                    ("30228", 299.5, 324.5, 510.1, 520.1, 10.00),
                    ("工会经费", 337.6, 377.6, 510.1, 520.1, 10.00),
                    ("137.24", 515.4, 545.4, 510.1, 520.1, 10.00),
                    ("31299", 551.2, 576.2, 510.1, 520.1, 10.00),
                    ("其他对企业补助", 589.4, 659.4, 510.1, 520.1, 10.00),
                    ("30309", 47.8, 72.8, 526.5, 536.5, 10.00),
                    ("奖励金", 85.9, 115.9, 526.5, 536.5, 10.00),
                    ("0.25", 273.7, 293.7, 526.5, 536.5, 10.00),
                    ("30229", 299.5, 324.5, 526.5, 536.5, 10.00),
                    ("福利费", 337.6, 367.6, 526.5, 536.5, 10.00),
                    ("399", 551.2, 566.2, 526.5, 536.5, 10.00),
                    ("其他支出", 589.4, 629.4, 526.5, 536.5, 10.00),
                    ("30310", 47.8, 72.8, 542.8, 552.8, 10.00),
                    ("个人农业生产补贴", 85.9, 166.0, 542.8, 552.8, 10.00),
                    ("30231", 299.5, 324.5, 542.8, 552.8, 10.00),
                    ("公务用车运行维护费", 337.6, 427.7, 542.8, 552.8, 10.00),
                    ("450.96", 515.4, 545.4, 542.8, 552.8, 10.00),
                    ("39907", 551.2, 576.2, 542.8, 552.8, 10.00),
                    ("国家赔偿费用支出", 589.4, 669.4, 542.8, 552.8, 10.00),
                ],
                157,
                842.0,
                595.0,
            ),
            None,
        );
        let l2 = layout_page(
            &placed_page(
                &[
                    ("科目代", 46.4, 76.5, 39.5, 49.5, 10.00),
                    ("科目代", 298.1, 328.2, 39.5, 49.5, 10.00),
                    ("科目代", 549.9, 579.9, 39.5, 49.5, 10.00),
                    ("科目名称", 136.8, 176.8, 47.3, 57.3, 10.00),
                    ("决算数", 248.6, 278.6, 47.3, 57.3, 10.00),
                    ("科目名称", 388.5, 428.5, 47.3, 57.3, 10.00),
                    ("决算数", 500.3, 530.3, 47.3, 57.3, 10.00),
                    ("科目名称", 640.2, 680.3, 47.3, 57.3, 10.00),
                    ("决算数", 752.1, 782.1, 47.3, 57.3, 10.00),
                    ("码", 56.4, 66.5, 55.1, 65.1, 10.00),
                    ("码", 308.1, 318.1, 55.1, 65.1, 10.00),
                    ("码", 559.9, 569.9, 55.1, 65.1, 10.00),
                    (
                        "对民间非营利组织和群众性自治",
                        589.4,
                        729.5,
                        71.5,
                        81.5,
                        10.00,
                    ),
                    ("30311", 47.8, 72.8, 79.3, 89.3, 10.00),
                    ("代缴社会保险费", 85.9, 156.0, 79.3, 89.3, 10.00),
                    ("30239", 299.5, 324.5, 79.3, 89.3, 10.00),
                    ("其他交通费用", 337.6, 397.7, 79.3, 89.3, 10.00),
                    ("274.54", 515.4, 545.4, 79.3, 89.3, 10.00),
                    ("39908", 551.2, 576.2, 79.3, 89.3, 10.00),
                    ("组织补贴", 584.3, 624.4, 87.1, 97.1, 10.00),
                    ("30399", 47.8, 72.8, 103.4, 113.4, 10.00),
                    ("其他对个人和家庭的补助", 85.9, 196.0, 103.4, 113.4, 10.00),
                    ("174.71", 263.7, 293.7, 103.4, 113.4, 10.00),
                    ("30240", 299.5, 324.5, 103.4, 113.4, 10.00),
                    ("税金及附加费用", 337.6, 407.7, 103.4, 113.4, 10.00),
                    ("39909", 551.2, 576.2, 103.4, 113.4, 10.00),
                    ("经常性赠与", 589.4, 639.4, 103.4, 113.4, 10.00),
                    ("30299", 299.5, 324.5, 119.8, 129.8, 10.00),
                    ("其他商品和服务支出", 337.6, 427.7, 119.8, 129.8, 10.00),
                    ("62.37", 520.4, 545.4, 119.8, 129.8, 10.00),
                    ("39910", 551.2, 576.2, 119.8, 129.8, 10.00),
                    ("资本性赠与", 589.4, 639.4, 119.8, 129.8, 10.00),
                    ("307", 299.5, 314.5, 136.1, 146.1, 10.00),
                    ("债务利息及费用支出", 337.6, 427.7, 136.1, 146.1, 10.00),
                    ("39999", 551.2, 576.2, 136.1, 146.1, 10.00),
                    ("其他支出", 589.4, 629.4, 136.1, 146.1, 10.00),
                    ("30701", 299.5, 324.5, 152.5, 162.5, 10.00),
                    ("国内债务付息", 337.6, 397.7, 152.5, 162.5, 10.00),
                    ("30702", 299.5, 324.5, 168.8, 178.8, 10.00),
                    ("国外债务付息", 337.6, 397.7, 168.8, 178.8, 10.00),
                    ("30703", 299.5, 324.5, 185.2, 195.2, 10.00),
                    ("国内债务发行费用", 337.6, 417.7, 185.2, 195.2, 10.00),
                ],
                158,
                842.0,
                595.0,
            ),
            Some(&l1),
        );
        let got = table_rows(&l2);
        let row = got
            .iter()
            .find(|r| r.contains(&"39908".to_string()))
            .unwrap();
        let k = col_of(&got, "39908");
        assert_eq!(
            row[k + 1],
            "对民间非营利组织和群众性自治组织补贴",
            "{got:?}"
        );
    }

    #[test]
    fn a_code_column_of_one_level_takes_the_header_centred_over_its_cell() {
        // 西安审计局's 表8: the government codes (`50101`, all five digits,
        // left-aligned) stand left in their cell, their header centred over
        // it stands over the gutter; `合计`, centred over the four label
        // columns, starts among them. The header is the codes' column's,
        // not a blank column's
        let words: &[Placed] = &[
            ("单位：元", 750.0, 798.0, 102.3, 114.3, 11.99),
            ("部门经济科目编码", 53.6, 101.6, 118.2, 124.2, 5.99),
            ("部门经济科目名称", 159.9, 207.9, 118.2, 124.2, 5.99),
            ("政府经济科目编码", 281.9, 329.9, 118.2, 124.2, 5.99),
            ("政府经济科目名称", 388.1, 436.1, 118.2, 124.2, 5.99),
            ("合计", 500.5, 512.5, 118.2, 124.2, 5.99),
            ("人员经费支出", 571.1, 607.1, 118.2, 124.2, 5.99),
            ("公用经费支出", 653.8, 689.8, 118.2, 124.2, 5.99),
            ("备注", 748.5, 760.5, 118.2, 124.2, 5.99),
            ("合计", 247.2, 259.2, 128.0, 134.0, 5.99),
            ("33,544,216.08", 506.6, 545.6, 128.0, 134.0, 5.99),
            ("31,558,364.40", 593.2, 632.2, 128.0, 134.0, 5.99),
            ("1,985,851.68", 674.9, 710.9, 128.0, 134.0, 5.99),
            ("301", 45.5, 54.5, 137.8, 143.8, 5.99),
            ("工资福利支出", 116.2, 152.2, 137.8, 143.8, 5.99),
            ("29,812,828.40", 506.6, 545.6, 137.8, 143.8, 5.99),
            ("29,812,828.40", 593.2, 632.2, 137.8, 143.8, 5.99),
            ("30101", 57.5, 72.5, 147.6, 153.6, 5.99),
            ("基本工资", 116.2, 140.2, 147.6, 153.6, 5.99),
            ("50101", 257.9, 272.9, 147.6, 153.6, 5.99),
            ("工资奖金津补贴", 360.2, 402.2, 147.6, 153.6, 5.99),
            ("7,059,565.80", 509.6, 545.6, 147.6, 153.6, 5.99),
            ("7,059,565.80", 596.2, 632.2, 147.6, 153.6, 5.99),
            ("30102", 57.5, 72.5, 157.4, 163.4, 5.99),
            ("津贴补贴", 116.2, 140.2, 157.4, 163.4, 5.99),
            ("50101", 257.9, 272.9, 157.4, 163.4, 5.99),
            ("工资奖金津补贴", 360.2, 402.2, 157.4, 163.4, 5.99),
            ("7,165,225.24", 509.6, 545.6, 157.4, 163.4, 5.99),
            ("7,165,225.24", 596.2, 632.2, 157.4, 163.4, 5.99),
            ("30103", 57.5, 72.5, 167.2, 173.2, 5.99),
            ("奖金", 116.2, 128.2, 167.2, 173.2, 5.99),
            ("50101", 257.9, 272.9, 167.2, 173.2, 5.99),
            ("工资奖金津补贴", 360.2, 402.2, 167.2, 173.2, 5.99),
            ("6,009,930.00", 509.6, 545.6, 167.2, 173.2, 5.99),
            ("6,009,930.00", 596.2, 632.2, 167.2, 173.2, 5.99),
        ];
        let got = table_rows(&layout_page(&placed_page(words, 30, 842.0, 595.0), None));
        assert_eq!(
            col_of(&got, "政府经济科目编码"),
            col_of(&got, "50101"),
            "{got:?}"
        );
        assert!(got.iter().all(|r| r.len() == 8), "{got:?}");
    }

    #[test]
    fn a_header_wrapped_in_a_narrow_column_between_two_headers_stays_whole() {
        // 西南大学's 收入决算表: `附属单` / `位上缴` / `收入` in a narrow
        // column, `经营收入` and `其他收入` level with its second line on
        // either side under no header: its first line is as wide as the
        // rest, no group header over the three
        let words: &[Placed] = &[
            ("事业收入", 490.4, 538.6, 243.3, 255.3, 11.99),
            ("附属单", 657.0, 693.1, 243.5, 255.5, 11.99),
            ("本年收入合", 237.8, 298.1, 251.3, 263.3, 11.99),
            ("财政拨款收", 309.7, 370.0, 251.3, 263.3, 11.99),
            ("上级补助", 387.2, 435.4, 251.3, 263.3, 11.99),
            ("科目编码", 66.1, 114.2, 259.1, 271.1, 11.99),
            ("科目名称", 159.6, 207.7, 259.1, 271.1, 11.99),
            ("经营收入", 590.6, 638.8, 259.1, 271.1, 11.99),
            ("位上缴", 657.0, 693.1, 259.1, 271.1, 11.99),
            ("其他收入", 715.0, 763.1, 259.1, 271.1, 11.99),
            ("其中：教育", 518.5, 576.8, 262.1, 274.1, 11.99),
            ("计", 261.8, 273.8, 266.9, 278.9, 11.99),
            ("入", 333.8, 345.8, 266.9, 278.9, 11.99),
            ("收入", 399.4, 423.4, 266.9, 278.9, 11.99),
            ("金额", 467.9, 491.9, 269.9, 281.9, 11.99),
            ("收入", 663.0, 687.0, 274.7, 286.7, 11.99),
            ("收费", 518.5, 542.5, 277.7, 289.7, 11.99),
            ("205", 50.4, 67.0, 294.3, 305.3, 11.04),
            ("教育支出", 140.9, 184.9, 294.3, 305.3, 11.04),
            ("444,291.14", 243.4, 298.4, 294.3, 305.3, 11.04),
            ("255,282.10", 315.6, 370.7, 294.3, 305.3, 11.04),
            ("144,017.87", 452.6, 507.7, 294.3, 305.3, 11.04),
            ("81,823.76", 527.4, 577.0, 294.3, 305.3, 11.04),
            ("44,991.16", 720.4, 769.9, 294.3, 305.3, 11.04),
        ];
        let got = table_rows(&layout_page(&placed_page(words, 10, 842.0, 595.0), None));
        assert!(
            got.iter().flatten().any(|c| c == "附属单位上缴收入"),
            "{got:?}"
        );
    }

    #[test]
    fn a_continued_page_of_no_figures_under_its_repeated_heading_is_the_table() {
        // the sample's 统计表 in tall rows and narrow columns (its figures
        // 4 pt under their labels' first lines), its first lines printed
        // again over the next page's two rows: no line there holds a label
        // and a figure, a section's heading is centred over the columns,
        // and `100万元（含）` carries on its label (no item of its own)
        let on = |boxes: &[(&str, f64, f64, f64)], number: u32| Page {
            number,
            width: 595.0,
            height: 842.0,
            words: boxed(boxes, 7.5),
            rules: Vec::new(),
        };
        let l1 = layout_page(
            &on(
                &[
                    ("一、政府采购情况", 267.6, 327.6, 157.1),
                    ("项目", 261.0, 276.0, 172.6),
                    ("行次", 300.3, 315.3, 172.6),
                    ("统计数", 325.6, 348.1, 172.6),
                    ("合计", 245.8, 260.8, 197.6),
                    ("1", 314.8, 319.3, 200.6),
                    ("700.00", 324.8, 349.5, 200.6),
                    ("货物", 245.8, 260.8, 232.1),
                    ("2", 314.8, 319.3, 236.1),
                    ("工程", 245.8, 260.8, 266.6),
                    ("3", 314.8, 319.3, 267.6),
                    ("服务", 245.8, 260.8, 301.1),
                    ("4", 314.8, 319.3, 303.1),
                    ("700.00", 324.8, 349.5, 303.1),
                    ("二、机关运行", 245.8, 290.8, 330.9),
                    ("经费", 245.8, 260.8, 340.4),
                    ("项目", 245.8, 260.8, 370.1),
                    ("统计数", 324.3, 346.8, 370.1),
                    ("(一)", 245.8, 257.8, 404.6),
                    ("行政单位", 260.0, 290.0, 404.6),
                    ("5", 314.8, 319.3, 405.6),
                    ("19.07", 329.3, 349.5, 405.6),
                    ("(二)", 245.8, 257.8, 429.6),
                    ("参照公务", 260.0, 290.0, 429.6),
                    ("员法管理事业", 245.8, 290.8, 439.1),
                    ("6", 314.8, 319.3, 441.1),
                    ("单位", 245.8, 260.8, 448.6),
                    ("三、国有资产", 245.8, 290.8, 468.9),
                    ("占用情况", 245.8, 275.8, 478.4),
                    ("（一）车辆数", 245.8, 290.8, 503.4),
                    ("7", 314.8, 319.3, 512.1),
                    ("1", 345.0, 349.5, 512.1),
                    ("合计（辆）", 245.8, 283.3, 512.9),
                    ("1.", 245.8, 252.5, 533.1),
                    ("副部（省）", 254.8, 292.3, 533.1),
                    ("级及以上领导", 245.8, 290.8, 542.6),
                    ("8", 314.8, 319.3, 543.6),
                    ("用车", 245.8, 260.8, 552.1),
                    ("2.", 245.8, 252.5, 572.4),
                    ("主要负责", 254.8, 284.8, 572.4),
                    ("9", 314.8, 319.3, 579.1),
                    ("人用车", 245.8, 268.3, 581.9),
                    ("3.", 245.8, 252.5, 606.9),
                    ("机要通信", 254.8, 284.8, 606.9),
                    ("10", 310.3, 319.3, 614.6),
                    ("1", 345.0, 349.5, 614.6),
                    ("用车", 245.8, 260.8, 616.4),
                    ("4.", 245.8, 252.5, 641.4),
                    ("应急保障", 254.8, 284.8, 641.4),
                    ("11", 310.3, 319.3, 650.1),
                    ("用车", 245.8, 260.8, 650.9),
                    ("5.", 245.8, 252.5, 675.9),
                    ("执法执勤", 254.8, 284.8, 675.9),
                    ("12", 310.3, 319.3, 681.6),
                    ("用车", 245.8, 260.8, 685.4),
                    ("6.", 245.8, 252.5, 710.4),
                    ("特种专业", 254.8, 284.8, 710.4),
                    ("13", 310.3, 319.3, 717.1),
                    ("技术用车", 245.8, 275.8, 719.9),
                    ("7.", 245.8, 252.5, 744.9),
                    ("离退休干", 254.8, 284.8, 744.9),
                    ("14", 310.3, 319.3, 752.6),
                    ("部服务用车", 245.8, 283.3, 754.4),
                ],
                20,
            ),
            None,
        );
        let l2 = layout_page(
            &on(
                &[
                    ("一、政府采购情况", 267.6, 327.6, 68.6),
                    ("项目", 261.0, 276.0, 84.1),
                    ("行次", 300.3, 315.3, 84.1),
                    ("统计数", 325.6, 348.1, 84.1),
                    ("8.", 245.8, 252.5, 109.1),
                    ("其他用车", 254.8, 284.8, 109.1),
                    ("15", 310.3, 319.3, 113.1),
                    ("（二）单价", 245.8, 283.3, 134.1),
                    ("100万元（含）", 245.8, 296.8, 143.6),
                    ("17", 310.3, 319.3, 149.4),
                    ("以上设备（不", 245.8, 290.8, 153.1),
                    ("含车辆）", 245.8, 275.8, 162.6),
                ],
                21,
            ),
            Some(&l1),
        );
        let got = table_rows(&l2);
        assert!(
            got.contains(&strs(&[&["8.其他用车", "15", ""]])[0]),
            "{got:?}"
        );
        assert!(
            got.contains(&strs(&[&["（二）单价100万元（含）以上设备（不含车辆）", "17", ""]])[0]),
            "{got:?}"
        );
    }

    #[test]
    fn a_table_continued_without_its_header_keeps_its_columns() {
        let mut p1 = head(80.0);
        p1.extend(body(100.0, ROWS));
        let l1 = layout_page(&page(p1), None);
        // page 2: rows only, the second amount column blank throughout
        let p2 = body(
            60.0,
            &[
                ("221", "住房保障支出", "445.69", ""),
                ("22102", "住房改革支出", "445.69", ""),
            ],
        );
        let mut pg2 = page(p2);
        pg2.number = 2;
        let l2 = layout_page(&pg2, Some(&l1));
        let lines = super::super::assemble(&[l1, l2]);
        let last: Vec<&[String]> = lines.iter().rev().take(2).map(|l| &l.cells[..]).collect();
        assert_eq!(last[0], ["22102", "住房改革支出", "445.69", ""]);
        assert_eq!(last[1], ["221", "住房保障支出", "445.69", ""]);
    }

    #[test]
    fn a_repeated_header_over_a_few_rows_keeps_the_columns_of_the_page_before() {
        // huzhou's 收支预算总表 (landscape, the words as its text layer places
        // them; page 17 cut to its first rows and its 合计): page 18 repeats
        // the title and header over two rows, too few to align four columns
        // (taken alone, 收入 and 预算数 land beside 上年结转结余)
        let land = |words: &[Placed], number: u32| placed_page(words, number, 842.0, 595.0);
        let l1 = layout_page(
            &land(
                &[
                    ("表01", 775.1, 794.9, 47.1, 57.0, 9.85),
                    (
                        "2026年市级部门收支预算总表",
                        239.3,
                        519.7,
                        82.7,
                        104.3,
                        21.61,
                    ),
                    ("341-湖州市财政局", 46.7, 125.7, 109.6, 119.5, 9.85),
                    ("单位：万元", 745.7, 795.0, 109.6, 119.5, 9.85),
                    ("收", 159.7, 169.5, 128.7, 138.5, 9.85),
                    ("入", 219.1, 228.9, 128.7, 138.5, 9.85),
                    ("支", 535.3, 545.1, 128.7, 138.5, 9.85),
                    ("出", 594.7, 604.5, 128.7, 138.5, 9.85),
                    ("项", 122.2, 132.1, 149.8, 159.7, 9.85),
                    ("目", 149.5, 159.3, 149.8, 159.7, 9.85),
                    ("预算数", 275.0, 304.3, 149.8, 159.7, 9.85),
                    ("项", 506.6, 516.4, 149.8, 159.7, 9.85),
                    ("目", 526.4, 536.2, 149.8, 159.7, 9.85),
                    ("预算数", 733.3, 762.6, 149.8, 159.7, 9.85),
                    ("一、财政拨款", 46.7, 105.6, 168.4, 178.3, 9.85),
                    ("6838.41", 309.2, 341.3, 168.4, 178.3, 9.85),
                    ("一般公共服务支出", 344.7, 422.8, 168.4, 178.3, 9.85),
                    ("5356.01", 762.6, 794.7, 168.4, 178.3, 9.85),
                    ("一般公共预算", 61.6, 120.2, 187.1, 196.9, 9.85),
                    ("6838.41", 309.2, 341.3, 187.1, 196.9, 9.85),
                    ("财政事务", 354.5, 393.6, 187.1, 196.9, 9.85),
                    ("5356.01", 762.6, 794.7, 187.1, 196.9, 9.85),
                    ("政府性基金预算", 61.6, 130.0, 205.5, 215.4, 9.85),
                    ("行政运行", 364.4, 403.5, 205.5, 215.4, 9.85),
                    ("3685.65", 762.6, 794.7, 205.5, 215.4, 9.85),
                    ("国有资本经营预算", 61.6, 139.7, 224.2, 234.1, 9.85),
                    ("信息化建设", 364.4, 413.2, 224.2, 234.1, 9.85),
                    ("113.75", 767.6, 794.7, 224.2, 234.1, 9.85),
                    ("二、财政专户管理资金", 46.7, 144.6, 242.8, 252.7, 9.85),
                    ("事业运行", 364.4, 403.5, 242.8, 252.7, 9.85),
                    ("403.61", 767.6, 794.7, 242.8, 252.7, 9.85),
                    ("三、事业收入", 46.7, 105.6, 261.5, 271.3, 9.85),
                    ("其他财政事务支出", 364.4, 442.5, 261.5, 271.3, 9.85),
                    ("1153.00", 762.6, 794.7, 261.5, 271.3, 9.85),
                    ("四、事业单位经营收入", 46.7, 144.6, 279.9, 289.8, 9.85),
                    ("社会保障和就业支出", 344.7, 432.5, 279.9, 289.8, 9.85),
                    ("796.52", 767.6, 794.7, 279.9, 289.8, 9.85),
                    ("五、上级补助收入", 46.7, 125.1, 298.6, 308.5, 9.85),
                    ("行政事业单位养老支出", 354.5, 452.1, 298.6, 308.5, 9.85),
                    ("796.52", 767.6, 794.7, 298.6, 308.5, 9.85),
                    ("六、附属单位上缴收入", 46.7, 144.6, 317.2, 327.1, 9.85),
                    ("行政单位离退休", 364.4, 432.7, 317.2, 327.1, 9.85),
                    ("307.91", 767.6, 794.7, 317.2, 327.1, 9.85),
                    ("七、其他收入", 46.7, 105.6, 335.9, 345.7, 9.85),
                    (
                        "机关事业单位基本养老保险缴费支出",
                        364.4,
                        520.5,
                        335.9,
                        345.7,
                        9.85,
                    ),
                    ("325.74", 767.6, 794.7, 335.9, 345.7, 9.85),
                    ("本年收入合计", 111.2, 169.8, 524.3, 534.2, 9.85),
                    ("6838.41", 309.2, 341.3, 524.3, 534.2, 9.85),
                    ("本年支出合计", 491.8, 550.4, 524.3, 534.2, 9.85),
                    ("6838.41", 760.1, 792.3, 524.3, 534.2, 9.85),
                ],
                17,
            ),
            None,
        );
        let l2 = layout_page(
            &land(
                &[
                    ("表01", 775.1, 794.9, 47.1, 57.0, 9.85),
                    (
                        "2026年市级部门收支预算总表",
                        239.3,
                        519.7,
                        82.7,
                        104.3,
                        21.61,
                    ),
                    ("341-湖州市财政局", 46.7, 125.7, 109.6, 119.5, 9.85),
                    ("单位：万元", 745.7, 795.0, 109.6, 119.5, 9.85),
                    ("收", 159.7, 169.5, 128.7, 138.5, 9.85),
                    ("入", 219.1, 228.9, 128.7, 138.5, 9.85),
                    ("支", 535.3, 545.1, 128.7, 138.5, 9.85),
                    ("出", 594.7, 604.5, 128.7, 138.5, 9.85),
                    ("项", 122.2, 132.1, 149.8, 159.7, 9.85),
                    ("目", 149.5, 159.3, 149.8, 159.7, 9.85),
                    ("预算数", 275.0, 304.3, 149.8, 159.7, 9.85),
                    ("项", 506.6, 516.4, 149.8, 159.7, 9.85),
                    ("目", 526.4, 536.2, 149.8, 159.7, 9.85),
                    ("预算数", 733.3, 762.6, 149.8, 159.7, 9.85),
                    ("上年结转结余", 46.7, 105.3, 171.0, 180.8, 9.85),
                    ("年终结转结余", 344.7, 403.3, 171.0, 180.8, 9.85),
                    ("收", 113.6, 123.4, 192.1, 201.9, 9.85),
                    ("入", 128.5, 138.3, 192.1, 201.9, 9.85),
                    ("总", 143.2, 153.1, 192.1, 201.9, 9.85),
                    ("计", 158.0, 167.8, 192.1, 201.9, 9.85),
                    ("6838.41", 309.2, 341.3, 192.1, 201.9, 9.85),
                    ("支", 494.2, 504.1, 192.1, 201.9, 9.85),
                    ("出", 509.1, 519.0, 192.1, 201.9, 9.85),
                    ("总", 523.9, 533.7, 192.1, 201.9, 9.85),
                    ("计", 538.6, 548.5, 192.1, 201.9, 9.85),
                    ("6838.41", 762.6, 794.7, 192.1, 201.9, 9.85),
                    (
                        "注：本套报表金额单位转换时存在尾数误差",
                        46.7,
                        232.4,
                        232.1,
                        242.0,
                        9.85,
                    ),
                ],
                18,
            ),
            Some(&l1),
        );
        assert_eq!(
            table_rows(&l2),
            strs(&[
                &["收入", "", "支出", ""],
                &["项目", "预算数", "项目", "预算数"],
                &["上年结转结余", "", "年终结转结余", ""],
                &["收入总计", "6838.41", "支出总计", "6838.41"],
            ])
        );
    }

    #[test]
    fn numbered_items_without_figures_under_a_repeated_header_are_rows() {
        // changsha's 财政拨款收支总体情况表 (landscape, the words as its text
        // layer places them, sizes and all): page 16 repeats the title and
        // header over three rows; its numbered items with no figures
        // (`22、其他支出`, `二、上年结转` level with `二、结转下年`) are rows,
        // not header lines (taken for header lines, they put the columns
        // out: `收入` over 金额, `支出` over 合计)
        let land = |words: &[Placed], number: u32| placed_page(words, number, 841.9, 595.3);
        let l2 = layout_page(
            &land(
                &[
                    ("2", 307.5, 315.5, 41.9, 57.9, 15.98),
                    ("0", 316.5, 324.5, 41.9, 57.9, 15.98),
                    ("2", 325.5, 333.5, 41.9, 57.9, 15.98),
                    ("6", 334.5, 342.5, 41.9, 57.9, 15.98),
                    ("年财政拨款收支总体情况表", 343.5, 541.0, 41.9, 57.9, 15.98),
                    ("部", 35.2, 45.2, 75.5, 85.5, 9.98),
                    ("门", 45.0, 55.0, 75.5, 85.5, 9.98),
                    ("名", 54.8, 64.7, 75.5, 85.5, 9.98),
                    ("称", 64.5, 74.5, 75.5, 85.5, 9.98),
                    ("：", 74.2, 84.2, 75.5, 85.5, 9.98),
                    ("长", 84.0, 94.0, 75.5, 85.5, 9.98),
                    ("沙", 93.8, 103.7, 75.5, 85.5, 9.98),
                    ("市", 103.5, 113.5, 75.5, 85.5, 9.98),
                    ("信", 113.2, 123.2, 75.5, 85.5, 9.98),
                    ("访", 123.0, 133.0, 75.5, 85.5, 9.98),
                    ("局", 132.8, 142.7, 75.5, 85.5, 9.98),
                    ("单", 765.8, 775.7, 75.5, 85.5, 9.98),
                    ("位", 775.5, 785.5, 75.5, 85.5, 9.98),
                    ("：", 785.2, 795.2, 75.5, 85.5, 9.98),
                    ("万", 795.0, 805.0, 75.5, 85.5, 9.98),
                    ("元", 804.8, 814.7, 75.5, 85.5, 9.98),
                    ("收", 112.5, 122.5, 93.5, 103.5, 9.98),
                    ("入", 216.8, 226.7, 93.5, 103.5, 9.98),
                    ("支", 503.2, 513.2, 93.5, 103.5, 9.98),
                    ("出", 607.5, 617.5, 93.5, 103.5, 9.98),
                    ("项", 114.0, 124.0, 119.0, 129.0, 9.98),
                    ("目", 123.8, 133.7, 119.0, 129.0, 9.98),
                    ("金", 244.5, 254.5, 119.0, 129.0, 9.98),
                    ("额", 264.8, 274.7, 119.0, 129.0, 9.98),
                    ("项", 386.2, 396.2, 119.0, 129.0, 9.98),
                    ("目", 396.0, 406.0, 119.0, 129.0, 9.98),
                    ("合", 522.0, 532.0, 119.0, 129.0, 9.98),
                    ("计", 531.8, 541.7, 119.0, 129.0, 9.98),
                    ("一", 588.0, 598.0, 119.0, 129.0, 9.98),
                    ("般", 597.8, 607.7, 119.0, 129.0, 9.98),
                    ("公", 607.5, 617.5, 119.0, 129.0, 9.98),
                    ("共", 617.2, 627.2, 119.0, 129.0, 9.98),
                    ("预", 627.0, 637.0, 119.0, 129.0, 9.98),
                    ("算", 636.8, 646.7, 119.0, 129.0, 9.98),
                    ("政", 662.2, 672.2, 119.0, 129.0, 9.98),
                    ("府", 672.0, 682.0, 119.0, 129.0, 9.98),
                    ("性", 681.8, 691.7, 119.0, 129.0, 9.98),
                    ("基", 691.5, 701.5, 119.0, 129.0, 9.98),
                    ("金", 701.2, 711.2, 119.0, 129.0, 9.98),
                    ("预", 711.0, 721.0, 119.0, 129.0, 9.98),
                    ("算", 720.8, 730.7, 119.0, 129.0, 9.98),
                    ("国", 737.2, 747.2, 119.0, 129.0, 9.98),
                    ("有", 747.0, 757.0, 119.0, 129.0, 9.98),
                    ("资", 756.8, 766.7, 119.0, 129.0, 9.98),
                    ("本", 766.5, 776.5, 119.0, 129.0, 9.98),
                    ("经", 776.2, 786.2, 119.0, 129.0, 9.98),
                    ("营", 786.0, 796.0, 119.0, 129.0, 9.98),
                    ("预", 795.8, 805.7, 119.0, 129.0, 9.98),
                    ("算", 805.5, 815.5, 119.0, 129.0, 9.98),
                    ("22、其他支出", 306.8, 365.2, 142.2, 151.9, 9.75),
                    ("二、上年结转", 35.2, 93.8, 160.9, 170.7, 9.75),
                    ("二、结转下年", 306.8, 365.2, 160.9, 170.7, 9.75),
                    ("收", 97.7, 107.4, 180.0, 189.8, 9.75),
                    ("入", 112.3, 122.1, 180.0, 189.8, 9.75),
                    ("总", 126.9, 136.7, 180.0, 189.8, 9.75),
                    ("计", 141.6, 151.3, 180.0, 189.8, 9.75),
                    ("1,935.36", 261.8, 303.5, 179.0, 189.0, 9.98),
                    ("支", 369.6, 379.3, 180.0, 189.8, 9.75),
                    ("出", 384.2, 393.9, 180.0, 189.8, 9.75),
                    ("总", 398.8, 408.6, 180.0, 189.8, 9.75),
                    ("计", 413.4, 423.2, 180.0, 189.8, 9.75),
                    ("1,935.36", 534.0, 575.7, 179.0, 189.0, 9.98),
                    ("1,935.36", 613.5, 655.2, 179.0, 189.0, 9.98),
                    (
                        "注：本表反映部门财政拨款的总收支情况。",
                        35.2,
                        206.2,
                        199.4,
                        208.4,
                        9.00,
                    ),
                ],
                16,
            ),
            None,
        );
        assert_eq!(
            table_rows(&l2),
            strs(&[
                &["收入", "", "支出", "", "", "", ""],
                &[
                    "项目",
                    "金额",
                    "项目",
                    "合计",
                    "一般公共预算",
                    "政府性基金预算",
                    "国有资本经营预算"
                ],
                &["", "", "22、其他支出", "", "", "", ""],
                &["二、上年结转", "", "二、结转下年", "", "", "", ""],
                &[
                    "收入总计",
                    "1,935.36",
                    "支出总计",
                    "1,935.36",
                    "1,935.36",
                    "",
                    ""
                ],
            ])
        );
    }

    #[test]
    fn a_page_number_printed_above_the_margin_does_not_cut_the_table_from_its_continuation() {
        // a landscape page: its number at 88% of the height, under the table
        let land = |words: Vec<Word>, number: u32| Page {
            number,
            width: 842.0,
            height: 595.0,
            words,
            rules: Vec::new(),
        };
        let mut p1 = head(80.0);
        p1.extend(body(100.0, ROWS));
        p1.push(w("8", 300.0, 530.0));
        let l1 = layout_page(&land(p1, 1), None);
        // page 2: rows only, figures in the second amount column alone
        let p2 = body(
            60.0,
            &[
                ("20805", "行政事业单位养老支出", "", "93.68"),
                ("2080505", "机关事业单位基本养老保险缴费支出", "", "62.50"),
            ],
        );
        let l2 = layout_page(&land(p2, 2), Some(&l1));
        let lines = super::super::assemble(&[l1, l2]);
        assert!(lines.iter().all(|l| l.cells != ["8"]), "{lines:?}");
        let last = &lines.last().unwrap().cells;
        assert_eq!(
            last,
            &["2080505", "机关事业单位基本养老保险缴费支出", "", "62.50"]
        );
    }

    #[test]
    fn a_new_table_at_the_top_of_the_next_page_is_not_a_continuation() {
        let mut p1 = head(80.0);
        p1.extend(body(100.0, ROWS));
        let l1 = layout_page(&page(p1), None);
        // page 2 opens with a table of other columns, under a header of its own
        let mut p2 = vec![
            w("单位名称", 50.0, 40.0),
            w("合计", 200.0, 40.0),
            w("一般公共预算", 380.0, 40.0),
        ];
        for (i, (name, a)) in [("福州市医疗保障局", "3714.26"), ("数据技术中心", "944.20")]
            .iter()
            .enumerate()
        {
            let y = 60.0 + 20.0 * i as f64;
            p2.extend([w(name, 50.0, y), r(a, 236.0, y), r(a, 434.0, y)]);
        }
        let mut pg2 = page(p2);
        pg2.number = 2;
        let l2 = layout_page(&pg2, Some(&l1));
        assert_eq!(
            cells(&l2),
            strs(&[
                &["单位名称", "合计", "一般公共预算"],
                &["福州市医疗保障局", "3714.26", "3714.26"],
                &["数据技术中心", "944.20", "944.20"],
            ])
        );
    }

    #[test]
    fn a_label_shrunk_to_fit_and_wrapped_above_its_row_stays_in_the_table() {
        let mut words = head(80.0);
        words.extend(body(100.0, &ROWS[..3]));
        // the label of the row at 170 is set at 7 units, in two lines
        let small = |t: &str, x0: f64, base: f64| {
            Word::glyph(t, x0, x0 + 7.0 * t.chars().count() as f64, base, 7.0, 0)
        };
        words.push(small("机关事业单位基本", 117.0, 162.0));
        words.extend([
            w("2080505", 50.0, 170.0),
            small("养老保险缴费支出", 110.0, 170.0),
            r("9637.93", 300.0, 170.0),
            r("9575.43", 360.0, 170.0),
        ]);
        words.extend(body(190.0, &ROWS[3..]));
        // a 合计 centred across the code and name columns, left of the labels
        words.extend([
            w("合计", 100.0, 210.0),
            r("13582.93", 300.0, 210.0),
            r("12909.19", 360.0, 210.0),
        ]);
        let got = lay(words);
        assert_eq!(got.len(), 7, "{got:?}");
        assert_eq!(
            got[4],
            [
                "2080505",
                "机关事业单位基本养老保险缴费支出",
                "9637.93",
                "9575.43"
            ]
        );
        assert_eq!(got[5], ["208", "社会保障和就业支出", "326.72", "326.72"]);
    }

    #[test]
    fn items_listed_alone_at_the_row_pitch_are_rows_of_their_own() {
        let mut words = vec![w("项目", 50.0, 80.0), w("决算数", 264.0, 80.0)];
        let items = [
            ("一、一般公共服务支出", "100.00"),
            ("二、外交支出", "50.00"),
            ("三、国防支出", ""),
            ("四、抗疫特别国债安排的支出", ""),
            ("本年支出合计", "150.00"),
        ];
        // rows close together (a text height and a half apart)
        words.extend(labelled_rows(&items, 100.0, 14.0, 300.0));
        let got = lay(words);
        assert_eq!(got.len(), 6, "{got:?}");
        assert_eq!(got[4], ["四、抗疫特别国债安排的支出", ""]);
        assert_eq!(got[5], ["本年支出合计", "150.00"]);
    }

    #[test]
    fn a_wrapped_header_s_tail_is_no_sub_header_of_its_neighbour() {
        // 公务用车购置及运行费 and 其中:公务用车运行费 wrap one line higher
        // than 其中:公务用车购置 between them, and their tails (费) stand
        // below it on either side: it heads a column of its own, blank in
        // every row
        let mut words = vec![
            w("公务用车购置及运行", 200.0, 80.0),
            w("其中:公务用车运行", 420.0, 80.0),
            w("小计", 100.0, 86.0),
            w("其中:公务用车购置", 310.0, 86.0),
            w("费", 236.0, 92.0),
            w("费", 456.0, 92.0),
        ];
        for (i, label) in ["合计", "信访局"].iter().enumerate() {
            let y = 110.0 + 20.0 * i as f64;
            words.extend([
                w(label, 20.0, y),
                r("8.00", 118.0, y),
                r("5.00", 284.0, y),
                r("5.00", 504.0, y),
            ]);
        }
        let got = lay(words);
        let last = got.last().unwrap();
        assert_eq!(last, &["信访局", "8.00", "5.00", "", "5.00"], "{got:?}");
        assert!(
            got.iter()
                .any(|r| r.get(3).is_some_and(|c| c == "其中:公务用车购置")),
            "{got:?}"
        );
    }

    #[test]
    fn a_group_header_spans_its_sub_headers_not_the_tall_cells_beside_them() {
        // 合计 and 项目支出 stand as tall as both header rows, beside 基本支出
        // over 小计 / 人员经费 / 公用经费
        let mut words = vec![
            w("基本支出", 355.0, 80.0),
            w("科目名称", 20.0, 91.0),
            w("合计", 205.0, 91.0),
            w("项目支出", 498.0, 91.0),
            w("小计", 256.0, 102.0),
            w("人员经费", 338.0, 102.0),
            w("公用经费", 420.0, 102.0),
        ];
        for (i, (label, v)) in [
            (
                "合计",
                ["4651.67", "4312.17", "3916.57", "395.60", "339.50"],
            ),
            (
                "一般公共服务支出审计事务",
                ["2906.63", "2567.13", "2171.53", "395.60", "339.50"],
            ),
        ]
        .iter()
        .enumerate()
        {
            let y = 125.0 + 20.0 * i as f64;
            words.push(w(label, 20.0, y));
            for (k, x1) in [230.0, 300.0, 380.0, 460.0, 530.0].iter().enumerate() {
                words.push(r(v[k], *x1, y));
            }
        }
        let got = lay(words);
        assert_eq!(
            got[0],
            ["科目名称", "合计", "基本支出", "", "", "项目支出"],
            "{got:?}"
        );
        assert_eq!(got[1], ["", "", "小计", "人员经费", "公用经费", ""]);
    }

    #[test]
    fn a_repeated_header_is_a_header_again() {
        let mut p1 = head(80.0);
        p1.extend(body(100.0, ROWS));
        let l1 = layout_page(&page(p1), None);
        let mut p2 = head(60.0);
        p2.extend(body(80.0, &ROWS[..1]));
        let mut pg2 = page(p2);
        pg2.number = 2;
        let l2 = layout_page(&pg2, Some(&l1));
        assert_eq!(cells(&l2)[0], ["科目编码", "科目名称", "合计", "基本支出"]);
        assert_eq!(
            cells(&l2)[1],
            ["201", "一般公共服务支出", "2106.66", "1503.52"]
        );
    }

    #[test]
    fn an_amount_against_the_enumerated_label_after_it_ends_its_cell() {
        // a tight two-sided table: each amount ends a third of a text height
        // before the next column's `一、…` label starts
        let words = vec![
            w("项目", 50.0, 80.0),
            w("预算数", 173.0, 80.0),
            w("项目", 203.0, 80.0),
            w("预算数", 373.0, 80.0),
            w("一、一般公共预算拨款收入", 50.0, 100.0),
            r("112.00", 200.0, 100.0),
            w("一、一般公共服务支出", 203.0, 100.0),
            w("二、政府性基金拨款收入", 50.0, 120.0),
            r("2.50", 200.0, 120.0),
            w("二、外交支出", 203.0, 120.0),
            r("1.00", 400.0, 120.0),
        ];
        assert_eq!(
            lay(words),
            strs(&[
                &["项目", "预算数", "项目", "预算数"],
                &[
                    "一、一般公共预算拨款收入",
                    "112.00",
                    "一、一般公共服务支出",
                    ""
                ],
                &["二、政府性基金拨款收入", "2.50", "二、外交支出", "1.00"],
            ])
        );
    }

    #[test]
    fn a_column_number_centred_under_its_header_joins_the_amounts_below() {
        // `1` and `2` centred under their headers, the amounts right-aligned
        // further right: the two never overlap, one header stands over both;
        // `科目名称` beside the `类`/`款` stack is no group header over them
        let mut words = vec![
            w("科目编码", 50.0, 60.0),
            w("科目名称", 110.0, 80.0),
            w("合计", 269.0, 80.0),
            w("基本支出", 320.0, 80.0),
            w("类", 50.0, 90.0),
            w("款", 75.0, 90.0),
            w("栏次", 50.0, 110.0),
            w("**", 132.0, 110.0),
            w("1", 276.0, 110.0),
            w("2", 336.0, 110.0),
        ];
        for (i, (c, k, name, a, b)) in [
            ("201", "", "工资", "9.00", "3.00"),
            ("", "01", "福利", "8.50", "2.00"),
            ("", "02", "其他", "7.25", "3.00"),
        ]
        .iter()
        .enumerate()
        {
            let y = 130.0 + 20.0 * i as f64;
            if !c.is_empty() {
                words.push(w(c, 50.0, y));
            }
            if !k.is_empty() {
                words.push(w(k, 75.0, y));
            }
            words.push(w(name, 110.0, y));
            words.push(r(a, 300.0, y));
            if !b.is_empty() {
                words.push(r(b, 370.0, y));
            }
        }
        let got = lay(words);
        // `科目名称`, `合计` and `基本支出` are as tall as both header rows:
        // they head the top row, level with `科目编码`
        assert_eq!(
            got[0],
            ["科目编码", "", "科目名称", "合计", "基本支出"],
            "{got:?}"
        );
        assert_eq!(got[1], ["类", "款", "", "", ""], "{got:?}");
        assert_eq!(got[2], ["栏次", "", "**", "1", "2"], "{got:?}");
        assert_eq!(got[3], ["201", "", "工资", "9.00", "3.00"], "{got:?}");
        assert_eq!(got[4], ["", "01", "福利", "8.50", "2.00"], "{got:?}");
        assert!(got.iter().all(|r| r.len() == 5), "{got:?}");
    }

    #[test]
    fn a_header_broken_before_its_bracketed_qualifier_is_one_cell() {
        // `事业收入` / `（不含教育` / `收费）` centred over a narrow column: the
        // first line does not fill the column, yet the bracket carries on
        let mut words = vec![
            w("项目", 50.0, 70.0),
            w("合计", 150.0, 70.0),
            w("事业收入", 242.0, 60.0),
            w("（不含教育", 237.5, 70.0),
            w("收费）", 246.5, 80.0),
        ];
        for (i, (name, a, b)) in [("工资福利", "30.00", "12.00"), ("商品服务", "18.00", "")]
            .iter()
            .enumerate()
        {
            let y = 100.0 + 20.0 * i as f64;
            words.push(w(name, 50.0, y));
            words.push(r(a, 170.0, y));
            if !b.is_empty() {
                words.push(r(b, 272.0, y));
            }
        }
        let got = lay(words);
        assert_eq!(
            got[0],
            ["项目", "合计", "事业收入（不含教育收费）"],
            "{got:?}"
        );
        assert_eq!(got[1], ["工资福利", "30.00", "12.00"], "{got:?}");
        assert_eq!(got.len(), 3, "{got:?}");
    }

    #[test]
    fn a_cell_as_tall_as_the_header_is_no_sub_header() {
        // `科目名称` stands between `科目编码` and its 类 / 款 / 项, as tall
        // as both rows: not under `科目编码`, which keeps the three code
        // columns; `项` is centred on its codes (and starts where they do)
        let mut words = vec![
            w("科目编码", 59.0, 60.0),
            w("科目名称", 150.0, 70.0),
            w("合计", 275.25, 70.0),
            w("基本支出", 326.0, 70.0),
            w("类", 52.25, 80.0),
            w("款", 75.0, 80.0),
            w("项", 95.0, 80.0),
        ];
        let rows = [
            ("201", 50.0, "一般公共服务支出", "2106.66", "1503.52"),
            ("08", 75.0, "审计事务", "2106.66", "1503.52"),
            ("01", 95.0, "行政运行", "1511.89", "1503.52"),
            ("04", 95.0, "审计业务", "594.77", ""),
        ];
        for (i, (code, x, name, a, b)) in rows.iter().enumerate() {
            let y = 100.0 + 20.0 * i as f64;
            words.push(w(code, *x, y));
            words.push(w(name, 120.0, y));
            words.push(r(a, 300.0, y));
            if !b.is_empty() {
                words.push(r(b, 360.0, y));
            }
        }
        let got = lay(words);
        assert_eq!(
            got[0],
            ["科目编码", "", "", "科目名称", "合计", "基本支出"],
            "{got:?}"
        );
        assert_eq!(got[1], ["类", "款", "项", "", "", ""], "{got:?}");
        assert_eq!(
            got[2],
            ["201", "", "", "一般公共服务支出", "2106.66", "1503.52"],
            "{got:?}"
        );
        assert_eq!(
            got[4],
            ["", "", "01", "行政运行", "1511.89", "1503.52"],
            "{got:?}"
        );
    }

    #[test]
    fn rows_of_items_over_blank_rows_above_the_figures_are_rows() {
        // a continued page: items with no figures, blank rows, then totals
        let mut words = vec![
            w("项目", 80.0, 55.0),
            w("预算数", 310.75, 50.0),
            w("总计", 275.25, 62.0),
            w("一般公共预算", 337.25, 62.0),
        ];
        for (i, item) in ["十八、粮油物资储备支出", "十九、其他支出"]
            .iter()
            .enumerate()
        {
            words.push(w(item, 50.0, 80.0 + 20.0 * i as f64));
        }
        for (i, label) in ["本年支出合计", "支出总计"].iter().enumerate() {
            let y = 180.0 + 20.0 * i as f64;
            words.push(w(label, 50.0, y));
            words.push(r("2776.75", 300.0, y));
            words.push(r("2776.75", 380.0, y));
        }
        let got = lay(words);
        assert_eq!(got[0], ["项目", "预算数", ""], "{got:?}");
        assert_eq!(got[1], ["", "总计", "一般公共预算"], "{got:?}");
        assert_eq!(got[2], ["十八、粮油物资储备支出", "", ""], "{got:?}");
        assert_eq!(got[3], ["十九、其他支出", "", ""], "{got:?}");
        assert_eq!(got[4], ["本年支出合计", "2776.75", "2776.75"], "{got:?}");
    }

    #[test]
    fn an_item_running_over_centred_total_labels_stays_in_its_table() {
        // items start at the label column's left edge; the total labels are
        // centred in it, so a long item overlaps their column too
        let mut words = Vec::new();
        let rows = [
            ("二十三、其他支出", 50.0, "792.64"),
            ("二十四、债务付息支出", 50.0, "15.00"),
            ("二十五、债务发行费用支出", 50.0, ""),
            ("二十六、抗疫特别国债安排的支出", 50.0, ""),
            ("本年支出合计", 150.0, "2776.75"),
            ("支出总计", 159.0, "2776.75"),
        ];
        for (i, (label, x, a)) in rows.iter().enumerate() {
            let y = 100.0 + 20.0 * i as f64;
            words.push(w(label, *x, y));
            if !a.is_empty() {
                words.push(r(a, 330.0, y));
            }
        }
        let got = lay(words);
        assert_eq!(got.len(), 6, "{got:?}");
        assert_eq!(got[2], ["二十五、债务发行费用支出", ""], "{got:?}");
        assert_eq!(got[3], ["二十六、抗疫特别国债安排的支出", ""], "{got:?}");
        assert_eq!(got[4], ["本年支出合计", "2776.75"], "{got:?}");
    }

    #[test]
    fn a_header_wrapped_a_little_short_of_its_column_is_one_cell() {
        // `事业单位` / `经营收入` over amounts a character wider than a line
        // of it (a cell's padding wrapped it before the fifth character)
        let mut words = vec![
            w("项目", 50.0, 70.0),
            w("合计", 150.0, 70.0),
            w("事业单位", 244.5, 63.0),
            w("经营收入", 244.5, 76.0),
        ];
        for (i, (name, a, b)) in [
            ("工资福利", "30.00", "1959408.34"),
            ("商品服务", "18.00", "0.00"),
        ]
        .iter()
        .enumerate()
        {
            let y = 100.0 + 20.0 * i as f64;
            words.push(w(name, 50.0, y));
            words.push(r(a, 170.0, y));
            words.push(r(b, 285.0, y));
        }
        let got = lay(words);
        assert_eq!(got[0], ["项目", "合计", "事业单位经营收入"], "{got:?}");
        assert_eq!(got.len(), 3, "{got:?}");
    }

    #[test]
    fn a_label_alone_between_totals_is_a_row_of_its_own() {
        // `上年结转结余` has no figure; the totals above and below it are no
        // wrapped label it belongs to
        let mut words = vec![w("项目", 50.0, 60.0), w("预算数", 250.0, 60.0)];
        let rows = [
            ("一、一般公共预算拨款收入", "4651.67"),
            ("本年收入合计", "4651.67"),
            ("上年结转结余", ""),
            ("收入总计", "4651.67"),
        ];
        words.extend(labelled_rows(&rows, 80.0, 12.0, 280.0));
        let got = lay(words);
        assert_eq!(got[2], ["本年收入合计", "4651.67"], "{got:?}");
        assert_eq!(got[3], ["上年结转结余", ""], "{got:?}");
        assert_eq!(got[4], ["收入总计", "4651.67"], "{got:?}");
    }

    #[test]
    fn prose_stays_prose() {
        let words = vec![
            w("本年收入合计", 50.0, 100.0),
            w("307.82", 104.0, 100.0),
            w("万元，其中财政拨款收入", 131.0, 100.0),
            w("2024", 50.0, 120.0),
            w("年度部门决算", 68.0, 120.0),
        ];
        let got = lay(words);
        assert_eq!(got.len(), 2);
        assert!(got.iter().all(|r| r.len() == 1), "{got:?}");
    }
    #[test]
    fn a_wrapped_label_s_bracketed_tail_is_no_item_of_its_own() {
        // the sample's 收入支出决算总表 in tall rows without rulings (word
        // boxes from the page): `使用非财政拨款结余` wraps onto `(含专用结余)`
        // beside its figures; a bracket round words opens no item
        let boxes: &[(&str, f64, f64, f64)] = &[
            ("二十三、其他支出", 300.1, 360.1, 285.1),
            ("23", 216.7, 225.7, 287.1),
            ("54", 407.6, 416.6, 287.1),
            ("30.00", 465.9, 486.1, 287.1),
            ("二十四、债务还本支出", 300.1, 375.1, 319.6),
            ("24", 216.7, 225.7, 322.6),
            ("55", 407.6, 416.6, 322.6),
            ("二十五、债务付息支出", 300.1, 375.1, 354.1),
            ("25", 216.7, 225.7, 358.1),
            ("56", 407.6, 416.6, 358.1),
            ("二十六、抗疫特别国债", 300.1, 375.1, 383.9),
            ("26", 216.7, 225.7, 389.6),
            ("57", 407.6, 416.6, 389.6),
            ("安排的支出", 300.1, 337.6, 393.4),
            ("本年收入合计", 109.2, 154.2, 423.1),
            ("本年支出合计", 300.1, 345.1, 423.1),
            ("27", 216.7, 225.7, 425.1),
            ("5307.63", 265.9, 295.1, 425.1),
            ("58", 407.6, 416.6, 425.1),
            ("5307.63", 456.9, 486.1, 425.1),
            ("使用非财政拨款结余", 109.2, 176.7, 452.9),
            ("结余分配", 300.1, 330.1, 457.6),
            ("28", 216.7, 225.7, 460.6),
            ("59", 407.6, 416.6, 460.6),
            ("(含专用结余)", 109.2, 151.2, 462.4),
            ("年初结转和结余", 109.2, 161.7, 492.1),
            ("年末结转和结余", 300.1, 352.6, 492.1),
            ("29", 216.7, 225.7, 496.1),
            ("60", 407.6, 416.6, 496.1),
            ("30", 216.7, 225.7, 527.6),
            ("61", 407.6, 416.6, 527.6),
            ("总计", 109.2, 124.2, 561.1),
            ("总计", 300.1, 315.1, 561.1),
            ("31", 216.7, 225.7, 563.1),
            ("5307.63", 265.9, 295.1, 563.1),
            ("62", 407.6, 416.6, 563.1),
            ("5307.63", 456.9, 486.1, 563.1),
        ];
        let got = table_rows(&layout_page(&page(boxed(boxes, 7.5)), None));
        let row = got
            .iter()
            .find(|r| r.iter().any(|c| c == "28"))
            .unwrap_or_else(|| panic!("no row 28: {got:?}"));
        assert!(
            row.contains(&"使用非财政拨款结余(含专用结余)".to_string()),
            "{got:?}"
        );
        assert!(
            !got.iter()
                .any(|r| r.iter().any(|c| c == "使用非财政拨款结余")),
            "{got:?}"
        );
    }

    #[test]
    fn a_label_wrapped_over_the_column_of_a_total_s_figure_stays_in_its_table() {
        // the sample's 基本支出 table in tall rows without rulings, its last
        // page (word boxes from the page): `对民间非营利组织和群` / `众性自治组
        // 织补贴` reaches over the `23.57` of 公用经费合计, the only figure
        // printed under it; the rows below keep their columns
        let boxes: &[(&str, f64, f64, f64)] = &[
            ("对民间非营利组织和群", 669.8, 744.8, 73.4),
            ("30309", 58.5, 81.0, 78.1),
            ("奖励金", 127.2, 149.7, 78.1),
            ("30229", 248.8, 271.2, 78.1),
            ("福利费", 317.4, 339.9, 78.1),
            ("31006", 454.7, 477.2, 78.1),
            ("大型修缮", 503.0, 533.0, 78.1),
            ("39908", 621.6, 644.0, 78.1),
            ("2.00", 228.0, 243.8, 80.1),
            ("1.52", 434.0, 449.7, 80.1),
            ("众性自治组织补贴", 669.8, 729.8, 82.9),
            ("信息网络及软件购置更", 503.0, 578.0, 107.9),
            ("30310", 58.5, 81.0, 112.6),
            ("个人农业生产补贴", 127.2, 187.2, 112.6),
            ("30231", 248.8, 271.2, 112.6),
            ("公务用车运行维护费", 317.4, 384.9, 112.6),
            ("31007", 454.7, 477.2, 112.6),
            ("39909", 621.6, 644.0, 112.6),
            ("经常性赠与", 669.8, 707.3, 112.6),
            ("7.50", 434.0, 449.7, 115.6),
            ("新", 503.0, 510.5, 117.4),
            ("30311", 58.5, 81.0, 147.1),
            ("代缴社会保险费", 127.2, 179.7, 147.1),
            ("30239", 248.8, 271.2, 147.1),
            ("其他交通费用", 317.4, 362.4, 147.1),
            ("31008", 454.7, 477.2, 147.1),
            ("物资储备", 503.0, 533.0, 147.1),
            ("39910", 621.6, 644.0, 147.1),
            ("资本性赠与", 669.8, 707.3, 147.1),
            ("6.75", 434.0, 449.7, 151.1),
            ("其他对个人和家庭的补", 127.2, 202.2, 176.9),
            ("30399", 58.5, 81.0, 181.6),
            ("30240", 248.8, 271.2, 181.6),
            ("税金及附加费用", 317.4, 369.9, 181.6),
            ("31009", 454.7, 477.2, 181.6),
            ("土地补偿", 503.0, 533.0, 181.6),
            ("39999", 621.6, 644.0, 181.6),
            ("其他支出", 669.8, 699.8, 181.6),
            ("助", 127.2, 134.7, 186.4),
            ("30299", 248.8, 271.2, 216.1),
            ("其他商品和服务支出", 317.4, 384.9, 216.1),
            ("31010", 454.7, 477.2, 216.1),
            ("安置补助", 503.0, 533.0, 216.1),
            ("1.99", 434.0, 449.7, 218.1),
            ("人员经费合计", 58.5, 103.5, 250.6),
            ("公用经费合计", 248.8, 293.8, 250.6),
            ("634.30", 219.0, 243.8, 253.6),
            ("23.57", 725.1, 745.3, 253.6),
        ];
        let mut p = page(boxed(boxes, 7.5));
        p.width = 842.0;
        p.height = 595.0;
        let got = table_rows(&layout_page(&p, None));
        let col = |text: &str| col_of(&got, text);
        assert_eq!(
            col("对民间非营利组织和群众性自治组织补贴"),
            col("经常性赠与"),
            "{got:?}"
        );
        assert_eq!(col("39908"), col("39909"), "{got:?}");
        assert_eq!(col("39908"), col("39999"), "{got:?}");
    }

    #[test]
    fn a_line_number_an_em_from_its_amount_is_a_row_of_figures() {
        // the sample's 统计表 in narrow tall columns without rulings (word
        // boxes from the page): `1` in 行次 half a text height from the
        // `700.00` of 统计数; `合计 1 700.00` is a row of figures (and no
        // blank table's total), `货物` and its `2` printed lower one row
        let boxes: &[(&str, f64, f64, f64)] = &[
            ("金额单位：万元", 56.0, 119.0, 137.7),
            ("一、政府采购情况", 267.6, 327.6, 157.1),
            ("项目", 264.8, 279.8, 172.6),
            ("行次", 315.3, 330.3, 172.6),
            ("统计数", 336.9, 359.4, 172.6),
            ("合计", 234.5, 249.5, 197.6),
            ("1", 326.0, 330.5, 200.6),
            ("700.00", 336.0, 360.8, 200.6),
            ("货物", 234.5, 249.5, 232.1),
            ("2", 326.0, 330.5, 236.1),
            ("工程", 234.5, 249.5, 266.6),
            ("3", 326.0, 330.5, 267.6),
            ("服务", 234.5, 249.5, 301.1),
            ("4", 326.0, 330.5, 303.1),
            ("700.00", 336.0, 360.8, 303.1),
            ("二、机关运行经费", 234.5, 294.5, 335.6),
            ("项目", 234.5, 249.5, 370.1),
            ("统计数", 335.5, 358.0, 370.1),
            ("(一)", 234.5, 246.5, 404.6),
            ("行政单位", 248.8, 278.8, 404.6),
            ("5", 326.0, 330.5, 405.6),
            ("19.07", 340.5, 360.8, 405.6),
        ];
        let got = table_rows(&layout_page(&page(boxed(boxes, 7.5)), None));
        let row = |label: &str| {
            got.iter()
                .find(|r| r.first().is_some_and(|c| c == label))
                .unwrap_or_else(|| panic!("no {label}: {got:?}"))
                .clone()
        };
        assert_eq!(row("合计")[1..], ["1", "700.00"], "{got:?}");
        assert_eq!(row("货物")[1..], ["2", ""], "{got:?}");
        assert_eq!(row("服务")[1..], ["4", "700.00"], "{got:?}");
    }

    #[test]
    fn a_dash_for_no_value_beside_a_label_is_a_cell_of_its_own() {
        // the sample's 基本支出 table, narrow tall columns repeating their
        // header (word boxes from the page): `——` a little over half a text
        // height right of `无形资产购置`, in the 决算数 column; the names and
        // codes of the next group keep their columns
        let boxes: &[(&str, f64, f64, f64)] = &[
            ("人员经费", 109.7, 139.7, 68.6),
            ("公用经费", 349.3, 379.3, 68.6),
            ("科目代", 324.0, 346.5, 84.1),
            ("科目代", 432.5, 455.0, 84.1),
            ("科目代码", 68.3, 98.3, 88.9),
            ("科目名称", 118.8, 148.8, 88.9),
            ("决算数", 163.9, 186.4, 88.9),
            ("科目代码", 201.5, 231.5, 88.9),
            ("科目名称", 252.0, 282.0, 88.9),
            ("决算数", 295.0, 317.5, 88.9),
            ("科目名称", 360.5, 390.5, 88.9),
            ("决算数", 403.5, 426.0, 88.9),
            ("科目名称", 469.0, 499.0, 88.9),
            ("决算数", 512.0, 534.5, 88.9),
            ("码", 331.5, 339.0, 93.6),
            ("码", 440.0, 447.5, 93.6),
            ("其他对企业补", 461.2, 506.2, 113.9),
            ("30302", 72.0, 94.5, 118.6),
            ("退休费", 111.0, 133.5, 118.6),
            ("30217", 205.3, 227.8, 118.6),
            ("公务接待费", 244.3, 281.8, 118.6),
            ("30922", 324.0, 346.5, 118.6),
            ("无形资产购置", 352.8, 397.8, 118.6),
            ("——", 403.3, 418.3, 118.6),
            ("31299", 432.5, 455.0, 118.6),
            ("101.71", 164.0, 188.8, 121.6),
            ("助", 461.2, 468.7, 123.4),
            ("其他基本建设", 352.8, 397.8, 148.4),
            ("对社会保障基", 461.2, 506.2, 148.4),
            ("30303", 72.0, 94.5, 153.1),
            ("退职(役)费", 111.0, 145.5, 153.1),
            ("30218", 205.3, 227.8, 153.1),
            ("专用材料费", 244.3, 281.8, 153.1),
            ("30999", 324.0, 346.5, 153.1),
            ("——", 403.3, 418.3, 153.1),
            ("313", 437.0, 450.5, 153.1),
            ("支出", 352.8, 367.8, 157.9),
            ("金补助", 461.2, 483.7, 157.9),
            ("对社会保险基", 461.2, 506.2, 182.9),
            ("30304", 72.0, 94.5, 187.6),
            ("抚恤金", 111.0, 133.5, 187.6),
            ("30224", 205.3, 227.8, 187.6),
            ("被装购置费", 244.3, 281.8, 187.6),
            ("310", 328.5, 342.0, 187.6),
            ("资本性支出", 352.8, 390.3, 187.6),
            ("31302", 432.5, 455.0, 187.6),
            ("97.81", 168.5, 188.8, 188.6),
            ("金补助", 461.2, 483.7, 192.4),
            ("房屋建筑物购", 352.8, 397.8, 217.4),
            ("补充全国社会", 461.2, 506.2, 217.4),
            ("30305", 72.0, 94.5, 222.1),
            ("生活补助", 111.0, 141.0, 222.1),
            ("30225", 205.3, 227.8, 222.1),
            ("专用燃料费", 244.3, 281.8, 222.1),
            ("31001", 324.0, 346.5, 222.1),
            ("31303", 432.5, 455.0, 222.1),
            ("22.75", 168.5, 188.8, 224.1),
            ("建", 352.8, 360.3, 226.9),
            ("保障基金", 461.2, 491.2, 226.9),
        ];
        let got = table_rows(&layout_page(&page(boxed(boxes, 7.5)), None));
        let col = |text: &str| col_of(&got, text);
        assert_eq!(col("无形资产购置") + 1, col("——"), "{got:?}");
        assert_eq!(col("——") + 1, col("31299"), "{got:?}");
        assert_eq!(col("31299"), col("31303"), "{got:?}");
    }

    #[test]
    fn a_left_aligned_group_header_spans_the_columns_its_sub_headers_start() {
        // the sample's 三公 table without rulings, headers left-aligned (word
        // boxes from the page): `预算数` and `决算数` each start where the
        // `合计` under them starts, `公务用车购置及运行维护费` where its `小计`
        // does; centred on nothing, each spans its group, as the ruled
        // table's merged cells do
        let boxes: &[(&str, f64, f64, f64)] = &[
            ("金额单位:万元", 56.0, 112.7, 137.7),
            ("预算数", 58.5, 81.0, 157.1),
            ("决算数", 423.4, 445.9, 157.1),
            ("公务用车购置及运行维", 228.9, 303.9, 172.6),
            ("公务接待", 387.9, 417.9, 172.6),
            ("公务用车购置及运行维", 593.9, 668.9, 172.6),
            ("公务接待", 752.9, 782.9, 172.6),
            ("合计", 58.5, 73.5, 177.4),
            ("因公出国", 113.0, 143.0, 177.4),
            ("(境)", 145.3, 157.3, 177.4),
            ("费", 159.5, 167.0, 177.4),
            ("合计", 423.4, 438.4, 177.4),
            ("因公出国", 478.0, 508.0, 177.4),
            ("(境)", 510.2, 522.2, 177.4),
            ("费", 524.5, 532.0, 177.4),
            ("护费", 228.9, 243.9, 182.1),
            ("费", 387.9, 395.4, 182.1),
            ("护费", 593.9, 608.9, 182.1),
            ("费", 752.9, 760.4, 182.1),
            ("公务用车", 309.4, 339.4, 197.6),
            ("公务用车", 344.9, 374.9, 197.6),
            ("公务用车", 674.4, 704.4, 197.6),
            ("公务用车", 709.9, 739.9, 197.6),
            ("小计", 228.9, 243.9, 202.4),
            ("小计", 593.9, 608.9, 202.4),
            ("购置费", 309.4, 331.9, 207.1),
            ("运行维护费", 344.9, 382.4, 207.1),
            ("购置费", 674.4, 696.9, 207.1),
            ("运行维护费", 709.9, 747.4, 207.1),
            ("1", 103.5, 108.0, 222.6),
            ("2", 219.4, 223.9, 222.6),
            ("3", 299.9, 304.4, 222.6),
            ("4", 335.4, 339.9, 222.6),
            ("5", 378.4, 382.9, 222.6),
            ("6", 413.9, 418.4, 222.6),
            ("7", 468.5, 473.0, 222.6),
            ("8", 584.4, 588.9, 222.6),
            ("9", 664.9, 669.4, 222.6),
            ("10", 695.9, 704.9, 222.6),
            ("11", 738.9, 747.9, 222.6),
            ("12", 774.4, 783.4, 222.6),
            ("7.50", 92.3, 108.0, 238.1),
            ("7.50", 288.7, 304.4, 238.1),
            ("7.50", 367.2, 382.9, 238.1),
            ("7.50", 457.3, 473.0, 238.1),
            ("7.50", 653.6, 669.4, 238.1),
            ("7.50", 732.1, 747.9, 238.1),
            ("注：本表反映部门本年度“三公”经费支出预决算情况。其中，预算数为“三公”经费全年预算数，反映按规定程序调整后的预算数；决算数是包括当年财政拨款和以前年度结转资金安排的", 56.0, 779.0, 258.2),
        ];
        let mut p = page(boxed(boxes, 7.5));
        p.width = 842.0;
        p.height = 595.0;
        let got = table_rows(&layout_page(&p, None));
        let blank = |n: usize| vec![String::new(); n];
        let mut budget = vec!["预算数".to_string()];
        budget.extend(blank(5));
        budget.push("决算数".to_string());
        budget.extend(blank(5));
        assert_eq!(got[0], budget, "{got:?}");
        let side = [
            "合计",
            "因公出国(境)费",
            "公务用车购置及运行维护费",
            "",
            "",
            "公务接待费",
        ];
        assert_eq!(got[1], [side, side].concat(), "{got:?}");
        let sub = ["", "", "小计", "公务用车购置费", "公务用车运行维护费", ""];
        assert_eq!(got[2], [sub, sub].concat(), "{got:?}");
    }
    #[test]
    fn a_label_s_last_wrapped_line_goes_up_to_its_row_not_down_to_a_blank_label() {
        // the sample's 财政拨款收支总表 in narrow columns without rulings
        // (word boxes from the page, its left half): `三、国有资本` /
        // `经营预算财政` / `拨款` beside the `3` on its middle line; the row
        // of `4` below has no label in that column and stands further off
        let boxes: &[(&str, f64, f64, f64)] = &[
            ("项目", 151.7, 166.7, 172.9),
            ("行次", 190.9, 205.9, 172.9),
            ("金额", 223.3, 238.3, 172.9),
            ("项目", 266.9, 281.9, 172.9),
            ("栏次", 136.4, 151.4, 202.6),
            ("1", 242.2, 246.7, 202.6),
            ("栏次", 251.7, 266.7, 202.6),
            ("一、一般公共", 136.4, 181.4, 218.1),
            ("一、一般公共", 251.7, 296.7, 218.1),
            ("1", 205.4, 209.9, 222.9),
            ("4607.63", 217.4, 246.7, 222.9),
            ("预算财政拨款", 136.4, 181.4, 227.6),
            ("服务支出", 251.7, 281.7, 227.6),
            ("二、政府性基", 136.4, 181.4, 243.1),
            ("金预算财政拨", 136.4, 181.4, 252.6),
            ("2", 205.4, 209.9, 252.6),
            ("700.00", 221.9, 246.7, 252.6),
            ("二、外交支出", 251.7, 296.7, 252.6),
            ("款", 136.4, 143.9, 262.1),
            ("三、国有资本", 136.4, 181.4, 277.6),
            ("经营预算财政", 136.4, 181.4, 287.1),
            ("3", 205.4, 209.9, 287.1),
            ("三、国防支出", 251.7, 296.7, 287.1),
            ("拨款", 136.4, 151.4, 296.6),
            ("四、公共安全", 251.7, 296.7, 312.1),
            ("4", 205.4, 209.9, 316.9),
            ("支出", 251.7, 266.7, 321.6),
        ];
        let got = table_rows(&layout_page(&page(boxed(boxes, 7.5)), None));
        let row = |n: &str| {
            got.iter()
                .find(|r| r.get(1).is_some_and(|c| c == n))
                .unwrap_or_else(|| panic!("no row {n}: {got:?}"))
                .clone()
        };
        assert_eq!(row("3")[0], "三、国有资本经营预算财政拨款", "{got:?}");
        assert_eq!(row("4")[0], "", "{got:?}");
        assert_eq!(row("2")[0], "二、政府性基金预算财政拨款", "{got:?}");
    }
    #[test]
    fn a_code_level_with_a_label_s_first_line_over_lower_figures_is_one_row() {
        // the sample's 一般公共预算支出 table continued under its repeated
        // header, narrow tall columns (word boxes from the page): `21505`
        // level with `工业和信息产`, its figures 3 pt lower, `业监管` under it;
        // the line of the code and figures reaches up to the label's first
        // line, so the label's two lines and the figures are one row
        let boxes: &[(&str, f64, f64, f64)] = &[
            ("项目", 237.3, 252.3, 68.6),
            ("本年支出", 326.4, 356.4, 68.6),
            ("基本支", 330.1, 352.6, 84.1),
            ("科目代码", 204.5, 234.5, 88.9),
            ("科目名称", 248.3, 278.3, 88.9),
            ("小计", 299.4, 314.4, 88.9),
            ("项目支出", 360.9, 390.9, 88.9),
            ("出", 337.6, 345.1, 93.6),
            ("工业和信息产", 240.5, 285.5, 113.9),
            ("21505", 208.3, 230.8, 118.6),
            ("4276.77", 293.5, 322.8, 121.6),
            ("357.01", 330.3, 355.0, 121.6),
            ("3919.76", 362.5, 391.7, 121.6),
            ("业监管", 240.5, 263.0, 123.4),
            ("2150501", 203.8, 235.3, 153.1),
            ("行政运行", 240.5, 270.5, 153.1),
            ("210.06", 298.0, 322.8, 157.1),
            ("210.06", 330.3, 355.0, 157.1),
            ("2150517", 203.8, 235.3, 187.6),
            ("产业发展", 240.5, 270.5, 187.6),
            ("3104.52", 293.5, 322.8, 188.6),
            ("3104.52", 362.5, 391.7, 188.6),
        ];
        let got = table_rows(&layout_page(&page(boxed(boxes, 7.5)), None));
        assert_eq!(
            got[2],
            [
                "21505",
                "工业和信息产业监管",
                "4276.77",
                "357.01",
                "3919.76"
            ],
            "{got:?}"
        );
        assert_eq!(got.len(), 5, "{got:?}");
    }
    #[test]
    fn an_item_s_number_before_its_words_is_no_figure() {
        // the sample's 统计表 in narrow columns without rulings (word boxes
        // from the page): `1.` before `副部（省）`, wrapped onto `级及以上领导`
        // beside the row's `8` and onto `用车`; the number is the label's,
        // so the first line is no row of figures and joins its row
        let boxes: &[(&str, f64, f64, f64)] = &[
            ("一、政府采购情况", 267.6, 327.6, 157.1),
            ("项目", 261.0, 276.0, 172.6),
            ("行次", 300.3, 315.3, 172.6),
            ("统计数", 325.6, 348.1, 172.6),
            ("合计", 245.8, 260.8, 188.1),
            ("1", 314.8, 319.3, 188.1),
            ("700.00", 324.8, 349.5, 188.1),
            ("货物", 245.8, 260.8, 203.6),
            ("2", 314.8, 319.3, 203.6),
            ("工程", 245.8, 260.8, 219.1),
            ("3", 314.8, 319.3, 219.1),
            ("服务", 245.8, 260.8, 234.6),
            ("4", 314.8, 319.3, 234.6),
            ("700.00", 324.8, 349.5, 234.6),
            ("二、机关运行", 245.8, 290.8, 250.1),
            ("经费", 245.8, 260.8, 259.6),
            ("项目", 245.8, 260.8, 275.1),
            ("统计数", 324.3, 346.8, 275.1),
            ("(一)", 245.8, 257.8, 290.6),
            ("行政单位", 260.0, 290.0, 290.6),
            ("5", 314.8, 319.3, 290.6),
            ("19.07", 329.3, 349.5, 290.6),
            ("(二)", 245.8, 257.8, 306.1),
            ("参照公务", 260.0, 290.0, 306.1),
            ("员法管理事业", 245.8, 290.8, 315.6),
            ("6", 314.8, 319.3, 315.6),
            ("单位", 245.8, 260.8, 325.1),
            ("三、国有资产", 245.8, 290.8, 340.6),
            ("占用情况", 245.8, 275.8, 350.1),
            ("（一）车辆数", 245.8, 290.8, 365.6),
            ("7", 314.8, 319.3, 370.4),
            ("1", 345.0, 349.5, 370.4),
            ("合计（辆）", 245.8, 283.3, 375.1),
            ("1.", 245.8, 252.5, 390.6),
            ("副部（省）", 254.8, 292.3, 390.6),
            ("级及以上领导", 245.8, 290.8, 400.1),
            ("8", 314.8, 319.3, 400.1),
            ("用车", 245.8, 260.8, 409.6),
            ("2.", 245.8, 252.5, 425.1),
            ("主要负责", 254.8, 284.8, 425.1),
            ("9", 314.8, 319.3, 429.9),
            ("人用车", 245.8, 268.3, 434.6),
            ("3.", 245.8, 252.5, 450.1),
            ("机要通信", 254.8, 284.8, 450.1),
            ("10", 310.3, 319.3, 454.9),
            ("1", 345.0, 349.5, 454.9),
            ("用车", 245.8, 260.8, 459.6),
            ("4.", 245.8, 252.5, 475.1),
            ("应急保障", 254.8, 284.8, 475.1),
            ("11", 310.3, 319.3, 479.9),
        ];
        let got = table_rows(&layout_page(&page(boxed(boxes, 7.5)), None));
        let row = |n: &str| {
            got.iter()
                .find(|r| r.get(1).is_some_and(|c| c == n))
                .unwrap_or_else(|| panic!("no row {n}: {got:?}"))
                .clone()
        };
        assert_eq!(
            row("8"),
            ["1.副部（省）级及以上领导用车", "8", ""],
            "{got:?}"
        );
        assert_eq!(row("9"), ["2.主要负责人用车", "9", ""], "{got:?}");
        assert_eq!(row("10"), ["3.机要通信用车", "10", "1"], "{got:?}");
    }
}
