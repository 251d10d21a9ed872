//! Header reading: the texts of each column across all header lines.
//!
//! A header cell that spans several columns prints its text at the leftmost
//! column and leaves the others blank. Read column by column, each column's
//! header is its *path*: the texts above it, top to bottom, where a blank upper
//! cell takes the text to its left when a line below has text there (the
//! span reaches over a sub-header). `本年支出` over `小计|基本支出|项目支出`
//! gives the paths `[本年支出, 小计]`, `[本年支出, 基本支出]`, `[本年支出, 项目支出]`.

use crate::doc::Line;
use crate::grammar::grammar;
use crate::parse::cells;

/// True for a 栏次 line: `栏次` and column numbers, or numbers only.
pub fn is_column_number_line(line: &Line) -> bool {
    let filled: Vec<&str> = line.filled().collect();
    if filled.is_empty() {
        return false;
    }
    let numbers: Vec<u32> = filled
        .iter()
        .filter(|c| cells::is_small_int(c))
        .filter_map(|c| c.parse().ok())
        .collect();
    let labels = filled
        .iter()
        .filter(|c| grammar().words.is_column_number_label(c))
        .count();
    if numbers.is_empty() {
        return false;
    }
    if misread_marks(line, &filled) {
        return true;
    }
    if numbers.len() + labels != filled.len() {
        return false;
    }
    // without a 栏次 label, the numbers must count up by one (1 2 3 …), unlike
    // a filler line of two 行次 (30 … 61)
    labels > 0
        || (numbers.len() >= 2
            && numbers.windows(2).all(|w| w[1] == w[0] + 1)
            && (numbers[0] <= 1 || numbers.len() >= 3))
        // a table of one amount column numbers it 1
        || (numbers == [1] && line.cells.len() > 1)
}

/// True for a 栏次 line read by OCR whose mark cells were misread: the
/// numbers count up from 1 (three or more), and every other filled cell
/// stands before them, is one or two characters and no total's label. A
/// recogniser reads the tiny `**` printed under the label columns as `t`,
/// `卡卡` or `88`; a figure is never among them (digits only as one digit
/// twice, as a pair of marks reads).
fn misread_marks(line: &Line, filled: &[&str]) -> bool {
    if line.conf.is_empty() {
        return false;
    }
    let first = filled.iter().position(|c| *c == "1");
    let Some(first) = first else { return false };
    let (marks, numbers) = filled.split_at(first);
    let pair = |c: &str| {
        let cs: Vec<char> = c.chars().collect();
        cs.len() == 2 && cs[0] == cs[1]
    };
    numbers.len() >= 3
        && !marks.is_empty()
        && numbers
            .iter()
            .enumerate()
            .all(|(i, c)| *c == (i + 1).to_string())
        && marks.iter().all(|c| {
            c.chars().count() <= 2
                && (pair(c) || !c.chars().any(|ch| ch.is_ascii_digit()))
                && !grammar().words.is_total(c)
        })
}

/// True for a note after the table (`注:`, `说明:`, `备注:`).
pub fn is_note(line: &Line) -> bool {
    let t = line.filled().next().unwrap_or("");
    grammar().words.is_note(t)
}

/// True for a line that says who made the table and in what unit, not a row.
pub fn is_meta(line: &Line) -> bool {
    let t = line.joined();
    line.filled().count() <= 3 && grammar().words.is_meta(&t)
        || (line.filled().count() == 1 && t.ends_with("年度") && t.len() <= 16)
}

/// The header lines among `lines` (those above a table's first row): table
/// rows that are neither 栏次 numbers nor who-made-it lines.
pub fn header_lines(lines: &[Line]) -> Vec<&Line> {
    lines
        .iter()
        .filter(|l| l.cells.len() > 1 && !is_column_number_line(l) && !is_meta(l))
        .collect()
}

/// The widest line's cell count.
pub fn width(lines: &[Line]) -> usize {
    lines.iter().map(|l| l.cells.len()).max().unwrap_or(0)
}

/// Column paths of `header` lines, `width` columns wide.
pub fn column_paths(header: &[&Line], width: usize) -> Vec<Vec<String>> {
    let mut paths = vec![Vec::new(); width];
    // a column where some upper line starts a cell: a span cannot reach past it
    let mut boundary = vec![false; width];
    // a figure printed among the header lines (a first row doubling as a
    // header line) is not a header text
    fn text_at(line: &Line, col: usize) -> &str {
        let t = line.cells.get(col).map(|s| s.trim()).unwrap_or("");
        if matches!(
            crate::normalise::amount(t),
            crate::normalise::CellValue::Number(_)
        ) && !cells::is_small_int(t)
        {
            ""
        } else {
            t
        }
    }
    for (h, line) in header.iter().enumerate() {
        let below = &header[h + 1..];
        let mut carry: Option<&str> = None;
        for (col, path) in paths.iter_mut().enumerate() {
            let text = text_at(line, col);
            if text.is_empty() && boundary[col] {
                carry = None;
            }
            if !text.is_empty() {
                carry = Some(text);
                path.push(text.to_string());
            } else if let Some(c) = carry {
                if below.iter().any(|b| !text_at(b, col).is_empty()) {
                    path.push(c.to_string());
                }
            }
        }
        for (col, b) in boundary.iter_mut().enumerate() {
            *b |= !text_at(line, col).is_empty();
        }
    }
    paths
}

/// The candidates to try for one column path, most specific first: all texts
/// joined, then each text alone from the bottom up, then adjacent pairs.
pub fn candidates(path: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    if path.len() > 1 {
        out.push(path.concat());
    }
    for p in path.iter().rev() {
        out.push(p.clone());
    }
    for w in path.windows(2) {
        out.push(w.concat());
    }
    out
}

/// Maps each column path to an id with `lookup`, trying [`candidates`] in order.
pub fn map_columns<F: Fn(&str) -> Option<String>>(
    paths: &[Vec<String>],
    lookup: F,
) -> Vec<Option<String>> {
    paths
        .iter()
        .map(|p| candidates(p).iter().find_map(|c| lookup(c)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(cells: &[&str]) -> Line {
        Line::new(0, cells.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn spans_reach_over_sub_headers() {
        let a = line(&[
            "项目",
            "",
            "年初结转和结余",
            "本年收入",
            "本年支出",
            "",
            "",
            "年末结转和结余",
        ]);
        let b = line(&[
            "科目代码",
            "科目名称",
            "",
            "",
            "小计",
            "基本支出",
            "项目支出",
            "",
        ]);
        let p = column_paths(&[&a, &b], 8);
        assert_eq!(p[2], vec!["年初结转和结余"]);
        assert_eq!(p[4], vec!["本年支出", "小计"]);
        assert_eq!(p[5], vec!["本年支出", "基本支出"]);
        assert_eq!(p[7], vec!["年末结转和结余"]);
        assert_eq!(candidates(&p[4])[0], "本年支出小计");
    }

    #[test]
    fn column_number_lines() {
        assert!(is_column_number_line(&line(&["栏次", "", "1", "2", "3"])));
        assert!(is_column_number_line(&line(&["1", "2", "3", "4"])));
        assert!(!is_column_number_line(&line(&["合计", "", "5307.63"])));
        assert!(!is_column_number_line(&line(&["", "30", "", "", "61", ""])));
    }

    #[test]
    fn a_column_number_line_read_by_ocr_takes_misread_marks() {
        // huzhou's `**` under 单位名称 / 科目名称, as PP-OCR read them on a scan
        let ocr = |cells: &[&str]| {
            let mut l = line(cells);
            l.conf = vec![0.99; cells.len()];
            l
        };
        assert!(is_column_number_line(&ocr(&["t", "1", "2", "3", "4"])));
        assert!(is_column_number_line(&ocr(&["", "卡卡", "1", "2", "3"])));
        // hangzhou's, scanned at 150 dpi: `**` read as a number
        assert!(is_column_number_line(&ocr(&["88", "1", "2", "3", "4"])));
        assert!(!is_column_number_line(&ocr(&["83", "1", "2", "3", "4"])));
        assert!(!is_column_number_line(&line(&["88", "1", "2", "3", "4"])));
        // not from a text layer, where the cell says what it says
        assert!(!is_column_number_line(&line(&["t", "1", "2", "3", "4"])));
        // nor a total's row, a label, or numbers that do not count up
        assert!(!is_column_number_line(&ocr(&["合计", "1", "2", "3"])));
        assert!(!is_column_number_line(&ocr(&["公务用车", "1", "2", "3"])));
        assert!(!is_column_number_line(&ocr(&["t", "1", "2", "4"])));
        assert!(!is_column_number_line(&ocr(&["1", "2", "3", "t"])));
    }
}
