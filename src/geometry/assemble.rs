//! Pages → the lines of a document: page numbers and running headers dropped,
//! a table continuing on the next page kept in its columns.

use std::collections::{HashMap, HashSet};

use super::{to_rect, PageLayout};
use crate::doc::Line;

/// True for a page-number line: digits plus only dashes, "第…页", "共…页", "/".
pub(crate) fn is_page_number(t: &str) -> bool {
    let mut digit = false;
    for c in t.chars() {
        if c.is_ascii_digit() {
            digit = true;
        } else if !(c.is_whitespace() || "-—–第页共/|·.PpageI".contains(c)) {
            return false;
        }
    }
    digit && t.chars().count() <= 16
}

/// True for a line of `page` that is its page number printed under
/// everything else in the lower quarter of the page, above the bottom
/// margin (landscape table pages print theirs at 88% of the height).
pub(crate) fn low_page_number(r: &super::Row, page: &PageLayout) -> bool {
    r.table.is_none()
        && r.cells.len() == 1
        && is_page_number(&r.cells[0])
        && r.bounds[1] > page.height * 0.75
        && page.rows.iter().all(|o| o.bounds[1] <= r.bounds[1])
}

/// True for a position in the top or bottom margin of a page `h` high.
pub(crate) fn in_margin(y: f64, h: f64) -> bool {
    y < h * 0.08 || y > h * 0.90
}

/// Sets each line's cell confidences ([`Line::conf`]) from the words of its
/// page: the lowest confidence of the figures' characters (digits, decimal
/// points) whose centre lies in the cell's box, 1 for a cell without any
/// (what reconciliation relies on is the figures). Lines of pages whose
/// words are all certain (a text layer) are left without any.
pub fn confidences(lines: &mut [Line], pages: &[super::Page]) {
    for page in pages {
        if page.words.iter().all(|w| w.confidence >= 1.0) {
            continue;
        }
        let centres: Vec<(f32, f32, f32)> = page
            .words
            .iter()
            .filter(|w| w.text.chars().any(|c| c.is_ascii_digit() || c == '.'))
            .map(|w| {
                let r = to_rect([w.x0, w.top, w.x1, w.bottom], page.height);
                ((r[0] + r[2]) / 2.0, (r[1] + r[3]) / 2.0, w.confidence)
            })
            .collect();
        for line in lines.iter_mut().filter(|l| l.page == page.number) {
            line.conf = line
                .boxes
                .iter()
                .map(|b| match b {
                    Some(b) => centres
                        .iter()
                        .filter(|c| c.0 >= b[0] && c.0 <= b[2] && c.1 >= b[1] && c.1 <= b[3])
                        .map(|c| c.2)
                        .fold(1.0, f32::min),
                    None => 1.0,
                })
                .collect();
        }
    }
}

/// Joins laid-out pages into the lines of a document, in page order.
///
/// Lines of one cell in a page margin that are page numbers, or that repeat on
/// many pages (running headers and footers), are dropped. A table that
/// continues on the next page (the page's first table, right after a page
/// that ended in a table) has its columns mapped onto those of the table it
/// continues, so its cells keep their indices across the break. Each line
/// keeps its page, its box and its cells' boxes, in PDF user space (origin at
/// the lower left of the page).
pub fn assemble(pages: &[PageLayout]) -> Vec<Line> {
    // Running headers/footers: the same single-cell text in a page margin on many pages.
    let mut margin_count: HashMap<&str, usize> = HashMap::new();
    for l in pages {
        let mut seen = HashSet::new();
        for r in &l.rows {
            if r.table.is_none()
                && r.cells.len() == 1
                && in_margin(r.bounds[1], l.height)
                && seen.insert(r.cells[0].as_str())
            {
                *margin_count.entry(r.cells[0].as_str()).or_default() += 1;
            }
        }
    }
    let npages = pages.len();
    let running =
        |t: &str| npages >= 3 && margin_count.get(t).copied().unwrap_or(0) >= (npages / 2).max(3);
    let mut out: Vec<(Line, bool)> = Vec::new();
    let mut prev_table: Option<Vec<f64>> = None;
    for l in pages {
        let h = l.height;
        let mut first_table_on_page = true;
        let mut last_kind_table = false;
        let mut map: Option<Vec<usize>> = None;
        let mut current: Option<usize> = None;
        for r in &l.rows {
            if low_page_number(r, l) {
                continue;
            }
            if r.table.is_none() && r.cells.len() == 1 && in_margin(r.bounds[1], h) {
                let t = &r.cells[0];
                if is_page_number(t) || running(t) {
                    continue;
                }
            }
            let line = |cells: Vec<String>, boxes: Vec<Option<super::Bounds>>| Line {
                page: l.number,
                cells,
                bbox: Some(to_rect(r.bounds, h)),
                boxes: boxes
                    .into_iter()
                    .map(|b| b.map(|b| to_rect(b, h)))
                    .collect(),
                source_line: None,
                aligned: r.table.is_some_and(|ti| !l.tables[ti].ruled),
                conf: Vec::new(),
            };
            match r.table {
                Some(ti) => {
                    if current != Some(ti) {
                        current = Some(ti);
                        let xs = &l.tables[ti].xs;
                        map = None;
                        // Continuation: first thing on the page (or nothing but
                        // dropped lines before it) and the previous page ended in a table.
                        if first_table_on_page && out.last().is_some_and(|(_, t)| *t) {
                            if let Some(pxs) = &prev_table {
                                map = column_map(pxs, xs);
                            }
                        }
                        first_table_on_page = false;
                        if map.is_none() {
                            prev_table = Some(xs.clone());
                        }
                    }
                    let (cells, boxes) = match (&map, &prev_table) {
                        (Some(m), Some(pxs)) if pxs.len() >= 2 => {
                            let n = pxs.len() - 1;
                            let mut c = vec![String::new(); n];
                            let mut b: Vec<Option<super::Bounds>> = vec![None; n];
                            for (i, t) in r.cells.iter().enumerate() {
                                let k = m.get(i).copied().unwrap_or(n - 1).min(n - 1);
                                if c[k].is_empty() {
                                    c[k] = t.clone();
                                } else if !t.is_empty() {
                                    c[k].push_str(t);
                                }
                                let bi = r.boxes.get(i).copied().flatten();
                                b[k] = super::text::union([b[k], bi]);
                            }
                            (c, b)
                        }
                        _ => (r.cells.clone(), r.boxes.clone()),
                    };
                    out.push((line(cells, boxes), true));
                    last_kind_table = true;
                }
                None => {
                    first_table_on_page = false;
                    current = None;
                    out.push((line(r.cells.clone(), r.boxes.clone()), false));
                    last_kind_table = false;
                }
            }
        }
        if !last_kind_table {
            prev_table = None;
        }
    }
    out.into_iter().map(|(l, _)| l).collect()
}

/// Maps each column of a continuation table onto the previous table's columns,
/// when the two differ but the new one's columns fall inside the old ones: a
/// column goes to the old column its middle stands in, and one holding
/// several old ones whole (a code column under 类 / 款 / 项) to the leftmost
/// of them, where a merged cell's text goes. `None` when they are the same
/// grid or do not correspond.
pub(crate) fn column_map(prev: &[f64], cur: &[f64]) -> Option<Vec<usize>> {
    if prev.len() < 2 || cur.len() < 2 {
        return None;
    }
    if prev.len() == cur.len() && prev.iter().zip(cur).all(|(a, b)| (a - b).abs() <= 3.0) {
        return None;
    }
    let (pl, pr) = (prev[0], *prev.last().unwrap());
    let (cl, cr) = (cur[0], *cur.last().unwrap());
    if (pl - cl).abs() > 6.0 || (pr - cr).abs() > 6.0 {
        return None;
    }
    let mut m = Vec::new();
    for w in cur.windows(2) {
        // old columns the new one holds whole
        let mut inside = prev
            .windows(2)
            .enumerate()
            .filter(|(_, p)| p[0] >= w[0] - 3.0 && p[1] <= w[1] + 3.0)
            .map(|(k, _)| k);
        let k = match (inside.next(), inside.next()) {
            (Some(k), Some(_)) => k,
            _ => {
                let mid = (w[0] + w[1]) / 2.0;
                prev.windows(2).position(|p| mid >= p[0] && mid <= p[1])?
            }
        };
        m.push(k);
    }
    Some(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers() {
        assert!(is_page_number("12"));
        assert!(is_page_number("- 3 -"));
        assert!(is_page_number("第 3 页 共 25 页"));
        assert!(!is_page_number("2,940.05 万元"));
        assert!(!is_page_number("合计"));
    }

    #[test]
    fn a_page_number_above_the_bottom_margin_is_dropped_when_nothing_is_under_it() {
        use super::super::{Row, Table};
        let row = |text: &str, top: f64, table: Option<usize>| Row {
            cells: vec![text.to_string()],
            boxes: vec![None],
            bounds: [0.0, top, 10.0, top + 9.0],
            table,
        };
        // a landscape page (595 high) printing its number at 88% of it
        let page = |rows: Vec<Row>| PageLayout {
            number: 1,
            height: 595.0,
            rows,
            tables: vec![Table {
                xs: vec![0.0, 10.0],
                top: 0.0,
                bottom: 500.0,
                ruled: true,
                header: Vec::new(),
                ink: Vec::new(),
                body: Vec::new(),
            }],
        };
        let p = page(vec![row("合计", 480.0, Some(0)), row("8", 524.0, None)]);
        let lines = assemble(&[p]);
        assert_eq!(lines.len(), 1, "{lines:?}");
        // a figure with text under it is no page number
        let p = page(vec![row("8", 524.0, None), row("注:…", 540.0, None)]);
        assert_eq!(assemble(&[p]).len(), 2);
    }

    #[test]
    fn column_maps() {
        assert_eq!(column_map(&[0.0, 10.0, 20.0], &[0.0, 10.0, 20.0]), None);
        assert_eq!(
            column_map(&[0.0, 10.0, 20.0, 30.0], &[0.0, 20.0, 30.0]),
            Some(vec![0, 2])
        );
        // a code column under 类 / 款 / 项 goes to 类, where merged cells print
        assert_eq!(
            column_map(&[0.0, 5.0, 10.0, 15.0, 30.0], &[0.0, 15.0, 30.0]),
            Some(vec![0, 3])
        );
    }
}
