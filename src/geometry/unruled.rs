//! Text outside ruled tables: borderless tables and prose.

use super::ruled::{chunks, make_row};
use super::text::{has_digit, has_leader, line_text, lines};
use super::tokens::Tok;
use super::{Page, PageLayout, Row, Table};

/// Columns a borderless table hands over to its continuation on the next page.
#[derive(Debug, Clone)]
pub(crate) struct Carry {
    #[allow(dead_code)]
    pub xs: Vec<f64>,
}

/// The columns of a borderless table ending `prev`, for a continuation at the
/// top of `page`.
pub(crate) fn carry_from(_prev: &PageLayout, _page: &Page) -> Option<Carry> {
    None
}

/// A table of contents without leader dots: every line a title and a page
/// number (a small integer), the numbers never decreasing. Kept as prose.
fn is_toc(ls: &[Vec<&Tok>]) -> bool {
    let mut last = 0u32;
    for l in ls {
        let ch = chunks(l);
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
pub(crate) fn layout(free: &[&Tok], _page: &Page, _carry: Option<&Carry>, out: &mut PageLayout) {
    let ls = lines(free);
    let mut i = 0;
    while i < ls.len() {
        let mut j = i;
        while j < ls.len() && chunks(&ls[j]).len() >= 2 && !has_leader(&ls[j]) {
            j += 1;
        }
        let numeric = ls[i..j]
            .iter()
            .any(|l| chunks(l)[1..].iter().any(|c| has_digit(c)));
        if j - i >= 2 && numeric && !is_toc(&ls[i..j]) {
            old_unruled(&ls[i..j], out);
            i = j;
            continue;
        }
        let l = &ls[i];
        let t = line_text(l, false);
        if !t.is_empty() {
            let mut row = make_row(std::slice::from_ref(l), None);
            row.cells = vec![t];
            out.rows.push(row);
        }
        i += 1;
    }
}

fn old_unruled(ls: &[Vec<&Tok>], out: &mut PageLayout) {
    let rows: Vec<Vec<Vec<&Tok>>> = ls.iter().map(|l| chunks(l)).collect();
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
    let _ = Table::default();
    for row in &rows {
        let mut parts: Vec<Vec<&Tok>> = vec![Vec::new(); cols.len()];
        let mut texts: Vec<String> = vec![String::new(); cols.len()];
        for ch in row {
            let x = ch.first().unwrap().x0;
            let ci = cols
                .iter()
                .position(|c| x >= c.0 - 0.5 && x <= c.1 + 0.5)
                .unwrap_or(0);
            let t = line_text(ch, false);
            if texts[ci].is_empty() {
                texts[ci] = t;
            } else {
                texts[ci].push(' ');
                texts[ci].push_str(&t);
            }
            parts[ci].extend(ch.iter().copied());
        }
        let mut r: Row = make_row(&parts, None);
        r.cells = texts;
        out.rows.push(r);
    }
}
