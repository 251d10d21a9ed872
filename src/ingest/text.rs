//! Text input: what OCR and conversion tools print. Tables arrive in three
//! forms, all turned into lines of cells: tab-separated lines, markdown pipe
//! tables, and HTML `<table>` blocks (with `colspan`/`rowspan`). A form feed
//! starts a new page.

use crate::doc::{Doc, Line};

/// Splits decoded text into a [`Doc`]. Cells are raw (not yet normalised).
pub fn read_text(text: &str) -> Doc {
    let mut doc = Doc::default();
    let mut page = 0u32;
    let has_pages = text.contains('\u{c}');
    if has_pages {
        page = 1;
    }
    let mut rest = text;
    // 1-based number of the input line `rest` starts on
    let mut line_no = 1u32;
    while !rest.is_empty() {
        // HTML tables are handled as a block wherever they start.
        if let Some(start) = find_ci(rest, "<table") {
            let (before, from_table) = rest.split_at(start);
            push_plain_lines(&mut doc, before, &mut page, line_no);
            line_no += newlines(before);
            let end = find_ci(from_table, "</table>")
                .map(|e| e + "</table>".len())
                .unwrap_or(from_table.len());
            for cells in html_table_rows(&from_table[..end]) {
                let mut l = Line::new(page, cells);
                l.source_line = Some(line_no);
                doc.lines.push(l);
            }
            line_no += newlines(&from_table[..end]);
            rest = &from_table[end..];
        } else {
            push_plain_lines(&mut doc, rest, &mut page, line_no);
            rest = "";
        }
    }
    if has_pages {
        doc.pages = Some(page);
    }
    doc
}

fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    if n.is_empty() || n.len() > h.len() {
        return None;
    }
    // candidates start with the needle's first byte (either case)
    let (lo, up) = (n[0].to_ascii_lowercase(), n[0].to_ascii_uppercase());
    (0..=h.len() - n.len())
        .find(|&i| (h[i] == lo || h[i] == up) && h[i..i + n.len()].eq_ignore_ascii_case(n))
}

fn newlines(s: &str) -> u32 {
    s.bytes().filter(|&b| b == b'\n').count() as u32
}

fn push_plain_lines(doc: &mut Doc, text: &str, page: &mut u32, first_line: u32) {
    for (i, raw) in text.split('\n').enumerate() {
        let line_no = first_line + i as u32;
        let mut raw = raw;
        while let Some(ff) = raw.find('\u{c}') {
            push_line(doc, &raw[..ff], *page, line_no);
            *page += 1;
            raw = &raw[ff + 1..];
        }
        push_line(doc, raw, *page, line_no);
    }
}

fn push_line(doc: &mut Doc, raw: &str, page: u32, line_no: u32) {
    let raw = raw.trim_end_matches('\r');
    if raw.trim().is_empty() || is_rule_line(raw) {
        return;
    }
    let cells: Vec<String> = if is_pipe_row(raw) {
        split_pipe_row(raw)
    } else if raw.contains('\t') {
        raw.split('\t').map(str::to_string).collect()
    } else {
        vec![raw.to_string()]
    };
    let mut l = Line::new(page, cells);
    l.source_line = Some(line_no);
    doc.lines.push(l);
}

/// A markdown table separator or a horizontal rule: `|---|:--:|`, `-----\t----`.
fn is_rule_line(raw: &str) -> bool {
    let t = raw.trim();
    t.len() >= 3
        && t.contains('-')
        && t.chars()
            .all(|c| matches!(c, '-' | '|' | ':' | '\t' | ' ' | '=' | '+'))
}

fn is_pipe_row(raw: &str) -> bool {
    let t = raw.trim();
    t.starts_with('|') && t.len() > 1 && t[1..].contains('|')
}

/// `| a | b |` → `["a", "b"]`; `\|` is a literal bar.
fn split_pipe_row(raw: &str) -> Vec<String> {
    let t = raw.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t);
    let mut cells = Vec::new();
    let mut cur = String::new();
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cur.push('|');
                chars.next();
            }
            '|' => cells.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    cells.push(cur);
    cells
        .into_iter()
        .map(|c| c.trim().replace("<br>", " ").replace("<br/>", " "))
        .collect()
}

/// Most columns an HTML table row is expanded to: a `colspan` that would
/// take a row past this is cut to fit (real report tables have a few dozen).
pub const MAX_COLUMNS: usize = 1024;

/// Largest `rowspan` taken as printed; larger ones are cut to this.
pub const MAX_ROWSPAN: usize = 65_536;

/// The rows of one HTML table as cell lists, spans expanded: a cell spanning
/// columns or rows keeps its text in the first position and leaves blanks in
/// the others, as a printed table would show it. Spans are bounded
/// ([`MAX_COLUMNS`], [`MAX_ROWSPAN`]), so a `colspan="30000000"` costs no
/// more than a row of [`MAX_COLUMNS`] cells, and the blank cells that spans
/// add to a table are at most as many as the table's HTML has bytes (past
/// that, spans are no longer expanded): memory and time stay linear in the
/// HTML however its spans multiply.
pub fn html_table_rows(html: &str) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut span_budget = html.len();
    // rows still covered, per column, by rowspans coming down from above
    let mut pending: Vec<usize> = Vec::new();
    let mut pos = 0;
    let lower = html.to_ascii_lowercase();
    // the next `</tr>` at or after a position, kept between rows so that a
    // table without closing tags is still scanned once
    let mut close_tr: Option<Option<usize>> = None;
    while let Some(tr) = lower[pos..].find("<tr") {
        let start = pos + tr;
        if !matches!(close_tr, Some(Some(c)) if c >= start) && close_tr != Some(None) {
            close_tr = Some(lower[start..].find("</tr>").map(|e| start + e));
        }
        // a row ends at its `</tr>`, or where the next row starts
        let next_tr = lower[start + 3..].find("<tr").map(|e| start + 3 + e);
        let end = match (close_tr.flatten().filter(|&c| c >= start), next_tr) {
            (Some(a), Some(b)) => a.min(b),
            (a, b) => a.or(b).unwrap_or(html.len()),
        };
        let row_html = &html[start..end];
        let row_lower = &lower[start..end];
        let mut cells: Vec<String> = Vec::new();
        let mut new_spans: Vec<(usize, usize)> = Vec::new();
        let mut cpos = 0;
        let occupied = |col: usize, pending: &Vec<usize>| pending.get(col).is_some_and(|n| *n > 0);
        let mut tags = CellTags::new(row_lower);
        while let Some(cstart) = tags.next_open(cpos) {
            let tag_end = row_lower[cstart..]
                .find('>')
                .map(|e| cstart + e + 1)
                .unwrap_or(row_html.len());
            let tag = &row_lower[cstart..tag_end];
            let close = tags.next_boundary(tag_end).unwrap_or(row_html.len());
            let text = &row_html[tag_end..close];
            while span_budget > 0 && occupied(cells.len(), &pending) {
                cells.push(String::new());
                span_budget -= 1;
            }
            let col = cells.len();
            let room = MAX_COLUMNS.saturating_sub(col).min(span_budget + 1).max(1);
            let colspan = attr_num(tag, "colspan").clamp(1, room);
            span_budget -= colspan - 1;
            let rowspan = if span_budget > 0 {
                attr_num(tag, "rowspan").clamp(1, MAX_ROWSPAN)
            } else {
                1
            };
            cells.push(
                text.replace("<br>", " ")
                    .replace("<br/>", " ")
                    .replace("<br />", " "),
            );
            for _ in 1..colspan {
                cells.push(String::new());
            }
            if rowspan > 1 {
                for k in 0..colspan {
                    new_spans.push((col + k, rowspan - 1));
                }
            }
            cpos = close.max(cstart + 3);
        }
        while span_budget > 0 && occupied(cells.len(), &pending) {
            cells.push(String::new());
            span_budget -= 1;
        }
        if span_budget == 0 {
            pending.clear();
        }
        // this row used up one row of every older span; new spans start below it
        for p in pending.iter_mut() {
            *p = p.saturating_sub(1);
        }
        for (col, n) in new_spans {
            if pending.len() <= col {
                pending.resize(col + 1, 0);
            }
            pending[col] = pending[col].max(n);
        }
        while pending.last() == Some(&0) {
            pending.pop();
        }
        rows.push(cells);
        pos = end.max(start + 3);
    }
    rows
}

/// The cell tags of one row (`<td`, `<th`, `</td`, `</th`), found by one
/// forward scan each, so a row of many cells is read in linear time.
struct CellTags<'a> {
    row: &'a str,
    /// next `<td`/`<th` at or after the last search start, if known
    open: Option<Option<usize>>,
    /// next `</td`/`</th` at or after the last search start, if known
    close: Option<Option<usize>>,
}

impl<'a> CellTags<'a> {
    fn new(row: &'a str) -> Self {
        CellTags {
            row,
            open: None,
            close: None,
        }
    }

    fn find_from(&self, from: usize, pats: [&str; 2]) -> Option<usize> {
        let hay = self.row.get(from..)?;
        let b = hay.as_bytes();
        // one scan for either pattern (both start with `<`)
        let mut i = 0;
        while let Some(k) = hay[i..].find('<') {
            let at = i + k;
            if pats.iter().any(|p| b[at..].starts_with(p.as_bytes())) {
                return Some(from + at);
            }
            i = at + 1;
        }
        None
    }

    /// The next opening cell tag at or after `from`.
    fn next_open(&mut self, from: usize) -> Option<usize> {
        if !matches!(self.open, Some(Some(o)) if o >= from) && self.open != Some(None) {
            self.open = Some(self.find_from(from, ["<td", "<th"]));
        }
        self.open.flatten().filter(|&o| o >= from)
    }

    /// Where the cell whose text starts at `from` ends: the next closing or
    /// opening cell tag.
    fn next_boundary(&mut self, from: usize) -> Option<usize> {
        if !matches!(self.close, Some(Some(c)) if c >= from) && self.close != Some(None) {
            self.close = Some(self.find_from(from, ["</td", "</th"]));
        }
        let close = self.close.flatten().filter(|&c| c >= from);
        let open = self.next_open(from);
        match (close, open) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

fn attr_num(tag: &str, name: &str) -> usize {
    tag.find(name)
        .and_then(|i| {
            let rest = &tag[i + name.len()..];
            let rest = rest.trim_start().strip_prefix('=')?.trim_start();
            let rest = rest.trim_start_matches(['"', '\'']);
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            // more digits than fit: as large as can be (the caller bounds it)
            Some(rest[..digits].parse().unwrap_or(usize::MAX)).filter(|_| digits > 0)
        })
        .unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(doc: &Doc) -> Vec<Vec<&str>> {
        doc.lines
            .iter()
            .map(|l| l.cells.iter().map(|c| c.trim()).collect())
            .collect()
    }

    #[test]
    fn tab_separated_rows_keep_blank_cells() {
        let doc = read_text("合计\t\t5307.63\t\t\n注：x\n");
        assert_eq!(
            cells(&doc),
            vec![vec!["合计", "", "5307.63", "", ""], vec!["注：x"]]
        );
        assert_eq!(doc.pages, None);
        assert_eq!(doc.lines[0].page, 0);
    }

    #[test]
    fn pipe_tables_drop_separator_rows() {
        let doc = read_text("| 项目 | 金额 |\n|---|---:|\n| 合计 |  |\n| a\\|b | 1.00 |\n");
        assert_eq!(
            cells(&doc),
            vec![vec!["项目", "金额"], vec!["合计", ""], vec!["a|b", "1.00"]]
        );
    }

    #[test]
    fn dashed_rule_lines_are_dropped() {
        let doc = read_text("2299999\t其他支出\t30.00\n---------\t------\t-------\t--\n");
        assert_eq!(doc.lines.len(), 1);
    }

    #[test]
    fn html_table_spans_expand() {
        let html = "<table><tr><td rowspan=\"2\">项目</td><td colspan=\"2\">本年支出</td></tr>\
                    <tr><td>基本支出</td><td>项目支出</td></tr>\
                    <tr><td>合计</td><td>1.00</td><td></td></tr></table>";
        let doc = read_text(&format!("前言\n{html}\n后记"));
        assert_eq!(
            cells(&doc),
            vec![
                vec!["前言"],
                vec!["项目", "本年支出", ""],
                vec!["", "基本支出", "项目支出"],
                vec!["合计", "1.00", ""],
                vec!["后记"],
            ]
        );
    }

    #[test]
    fn spans_read_from_input_are_bounded() {
        // (a long last cell, so that the span budget is not what stops it)
        let rows = html_table_rows(&format!(
            "<table><tr><td colspan=\"30000000\">x</td><td>y</td></tr>\
             <tr><td rowspan=99999999999999999999999>a</td><td>b</td></tr>\
             <tr><td>c</td></tr><tr><td>{}</td></tr></table>",
            "p".repeat(2000)
        ));
        assert_eq!(rows[0].len(), MAX_COLUMNS + 1);
        assert_eq!(
            (rows[0][0].as_str(), rows[0][MAX_COLUMNS].as_str()),
            ("x", "y")
        );
        assert_eq!(rows[1], ["a", "b"]);
        assert_eq!(rows[2], ["", "c"]);
    }

    #[test]
    fn spans_add_no_more_cells_than_the_html_has_bytes() {
        let row = "<tr><td colspan=1024></td></tr>";
        let html = format!("<table>{}</table>", row.repeat(1000));
        let rows = html_table_rows(&html);
        assert_eq!(rows.len(), 1000);
        let cells: usize = rows.iter().map(Vec::len).sum();
        assert!(cells <= html.len() + rows.len(), "{cells} cells");
        // a real table's spans are all expanded
        let rows = html_table_rows(
            "<table><tr><td rowspan=2>a</td><td colspan=2>b</td></tr><tr><td>c</td><td>d</td></tr></table>",
        );
        assert_eq!(rows, [vec!["a", "b", ""], vec!["", "c", "d"]]);
    }

    #[test]
    fn rows_without_closing_tags() {
        let rows = html_table_rows("<table><tr><td>a<td>b<tr><th>c<td>d</table>");
        assert_eq!(rows, [["a", "b"], ["c", "d</table>"]]);
    }

    #[test]
    fn lines_remember_their_input_line() {
        let d =
            read_text("标题\n\na\tb\n<table><tr><td>x</td></tr>\n<tr><td>y</td></tr></table>\n尾");
        let nos: Vec<_> = d.lines.iter().map(|l| l.source_line).collect();
        assert_eq!(nos, vec![Some(1), Some(3), Some(4), Some(4), Some(6)]);
    }

    #[test]
    fn form_feeds_count_pages() {
        let doc = read_text("a\n\u{c}b\n\u{c}c");
        assert_eq!(
            doc.lines.iter().map(|l| l.page).collect::<Vec<_>>(),
            vec![1, 2, 3]
        );
        assert_eq!(doc.pages, Some(3));
    }
}
