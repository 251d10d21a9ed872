//! Function-classified tables (收入/支出/一般公共预算/政府性基金/国有资本):
//! header lines, then rows of code, name and one value per column.
//!
//! Codes are printed whole (`2080501`), in front of the name
//! (`2080501 行政单位离退休`), or split over 类|款|项 columns (`208|05|01`,
//! often with the parent parts left blank). A line with a name and nothing else
//! continues the name of the row before it (a wrapped name); a row whose name
//! is blank takes the name printed on the next line.

use std::collections::BTreeMap;

use crate::doc::Line;
use crate::grammar::{grammar, TableGrammar};
use crate::model::{ClassifiedRow, ClassifiedTable, TableMeta};
use crate::normalise;
use crate::parse::header::{self, column_paths, is_column_number_line, is_meta, is_note};
use crate::parse::{cells, Warnings};

/// Where the code and name of a row are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CodeColumns {
    /// One code column (possibly holding the name too).
    Whole { code: usize },
    /// 类, 款, 项 in three columns.
    Split {
        class: usize,
        kuan: usize,
        xiang: usize,
    },
}

fn is_total_name(s: &str) -> bool {
    grammar().words.is_total(s)
}

/// True when `line` is a table row: a code in front, or 合计/总计.
fn is_data_line(line: &Line) -> bool {
    if line.cells.len() < 2 || is_column_number_line(line) {
        return false;
    }
    let first = line.filled().next().unwrap_or("");
    let has_number = line
        .filled()
        .any(|c| matches!(normalise::amount(c), normalise::CellValue::Number(_)));
    cells::code(first).is_some()
        || cells::code_and_name(first).is_some()
        || is_total_name(first)
        // 合计 sharing a printed row with the 类|款|项 header cells
        || (has_number && line.cells.iter().take(5).any(|c| is_total_name(c.trim())))
}

/// True for the 类, 款, 项 header words.
fn is_code_part_word(s: &str) -> bool {
    grammar().words.is_code_part(s)
}

/// Parses a classified table block.
pub fn parse(
    tg: &TableGrammar,
    meta: TableMeta,
    lines: &[Line],
    warnings: &mut Warnings,
) -> ClassifiedTable {
    let id = tg.id.as_str();
    let start = lines.iter().position(is_data_line).unwrap_or(lines.len());
    // the first row may also carry the 类|款|项 header cells
    let header_end = match lines.get(start) {
        // or, with no number in it, the sub-headers (合计 | 基本支出 | 项目支出)
        Some(l)
            if l.cells.iter().any(|c| is_code_part_word(c.trim()))
                || !l
                    .filled()
                    .any(|c| matches!(normalise::amount(c), normalise::CellValue::Number(_))) =>
        {
            start + 1
        }
        _ => start,
    };
    // the header as printed above the first row: a copy of it after a page break is skipped
    let repeated_header = header::header_lines(&lines[..start]);
    let header = header::header_lines(&lines[..header_end]);
    let width = header::width(lines);
    let paths = column_paths(&header, width);

    // code and name columns
    let words = &grammar().words;
    let find = |word: &str| paths.iter().position(|p| p.iter().any(|t| t == word));
    let codes = match (
        find(&words.class_part),
        find(&words.kuan_part),
        find(&words.xiang_part),
    ) {
        (Some(class), Some(kuan), Some(xiang)) if class < kuan && kuan < xiang => {
            CodeColumns::Split { class, kuan, xiang }
        }
        _ => CodeColumns::Whole {
            code: paths
                .iter()
                .position(|p| p.iter().any(|t| words.is_code_header(t)))
                .unwrap_or(0),
        },
    };
    let mut mapped = header::map_columns(&paths, |t| tg.column(t).map(str::to_string));
    let name_col = paths
        .iter()
        .position(|p| p.iter().any(|t| words.is_name_header(t)))
        .unwrap_or(match codes {
            // no 名称 header: the name shares the code's cell when a value column follows it
            CodeColumns::Whole { code } if mapped.get(code + 1).is_some_and(|m| m.is_some()) => {
                code
            }
            CodeColumns::Whole { code } => code + 1,
            CodeColumns::Split { xiang, .. } => xiang + 1,
        });
    let label_cols: Vec<usize> = match codes {
        CodeColumns::Whole { code } => vec![code, name_col],
        CodeColumns::Split { class, kuan, xiang } => vec![class, kuan, xiang, name_col],
    };
    for c in &label_cols {
        if let Some(m) = mapped.get_mut(*c) {
            *m = None;
        }
    }
    let mut columns: Vec<String> = Vec::new();
    for m in mapped.iter().flatten() {
        if !columns.contains(m) {
            columns.push(m.clone());
        }
    }
    if columns.is_empty() && !meta.empty {
        warnings.push(id, "no column header recognised; values cannot be placed");
    }

    let mut rows: Vec<ClassifiedRow> = Vec::new();
    let (mut class, mut kuan) = (String::new(), String::new());
    let mut warned_cols = vec![false; width];
    let mut prev_was_row = false;
    let mut prev_page = 0;
    for (offset, line) in lines[start..].iter().enumerate() {
        // the first row doubling as a header line: its texts are headers, not values
        let header_row = offset == 0 && header_end > start;
        if is_note(line) {
            break;
        }
        if line.cells.len() < 2 {
            // a name's second half on a line of its own (OCR broke the row):
            // short, no digits, straight after a row whose name it finishes
            let t = line.cells[0].trim();
            let fragment = !t.is_empty()
                && t.chars().count() <= 16
                && !t.chars().any(|c| c.is_ascii_digit() || c == ':')
                && t.chars()
                    .all(|c| crate::normalise::is_cjk(c) || "()".contains(c));
            // (not across a page break, where running headers sit)
            if fragment && prev_was_row && line.page == prev_page {
                if let Some(last) = rows.last_mut() {
                    last.name.push_str(t);
                }
            }
            prev_was_row = false;
            continue; // otherwise prose or a page header: not part of the grid
        }
        prev_was_row = true;
        prev_page = line.page;
        if is_column_number_line(line)
            || repeated_header.iter().any(|h| h.cells == line.cells)
            || is_meta(line)
        {
            continue;
        }
        let cell = |i: usize| line.cells.get(i).map(|s| s.trim()).unwrap_or("");
        // code and name
        let (code, mut name): (Option<String>, String) = match codes {
            CodeColumns::Split {
                class: c,
                kuan: k,
                xiang: x,
            } => {
                let digits = |t: &str| !t.is_empty() && t.chars().all(|ch| ch.is_ascii_digit());
                let (a, b, d) = (cell(c), cell(k), cell(x));
                // text in the code columns (合计 printed across them) belongs to the name
                let text: String = [a, b, d]
                    .iter()
                    .filter(|t| !t.is_empty() && !digits(t) && !is_code_part_word(t))
                    .copied()
                    .collect();
                let (a, b, d) = (
                    if digits(a) { a } else { "" },
                    if digits(b) { b } else { "" },
                    if digits(d) { d } else { "" },
                );
                if !a.is_empty() {
                    class = a.to_string();
                    kuan.clear();
                }
                if !b.is_empty() {
                    kuan = b.to_string();
                }
                let code = if !d.is_empty() {
                    Some(format!("{class}{kuan}{d}"))
                } else if !b.is_empty() {
                    Some(format!("{class}{b}"))
                } else if !a.is_empty() {
                    Some(a.to_string())
                } else {
                    None
                };
                (code, format!("{text}{}", cell(name_col)))
            }
            CodeColumns::Whole { code: c } => {
                let raw = cell(c);
                if let Some(k) = cells::code(raw) {
                    (Some(k.to_string()), cell(name_col).to_string())
                } else if let Some((k, n)) = cells::code_and_name(raw) {
                    let rest = if c == name_col { "" } else { cell(name_col) };
                    (Some(k.to_string()), format!("{n}{rest}"))
                } else {
                    let n = if raw.is_empty() || c == name_col {
                        cell(name_col).to_string()
                    } else {
                        format!("{raw}{}", cell(name_col))
                    };
                    (None, n)
                }
            }
        };
        let values: BTreeMap<String, Option<rust_decimal::Decimal>> = mapped
            .iter()
            .enumerate()
            .filter_map(|(i, m)| m.as_ref().map(|m| (i, m)))
            .map(|(i, m)| {
                let what = || {
                    format!(
                        "row {:?} column {m}",
                        if name.is_empty() {
                            code.clone().unwrap_or_default()
                        } else {
                            name.clone()
                        }
                    )
                };
                let cell = line.cells.get(i);
                let header_text = header_row
                    && cell.is_some_and(|c| {
                        matches!(normalise::amount(c), normalise::CellValue::Text)
                    });
                let v = if header_text {
                    None
                } else {
                    cells::amount(cell, id, what, warnings)
                };
                (m.clone(), v)
            })
            .fold(BTreeMap::new(), |mut acc, (k, v)| {
                // two printed columns under one id: keep the first value printed
                let e = acc.entry(k).or_insert(None);
                if e.is_none() {
                    *e = v;
                }
                acc
            });
        // text in a column we could not name is reported once per column
        for (i, c) in line.cells.iter().enumerate() {
            if !header_row
                && mapped.get(i).is_some_and(|m| m.is_none())
                && !label_cols.contains(&i)
                && !c.trim().is_empty()
                && !warned_cols[i]
            {
                warned_cols[i] = true;
                warnings.push(
                    id,
                    format!(
                        "column {} ({:?}) has no recognised header; its value {:?} is not kept",
                        i + 1,
                        paths.get(i).map(|p| p.join("/")).unwrap_or_default(),
                        c.trim()
                    ),
                );
            }
        }
        let has_values = values.values().any(|v| v.is_some());
        if is_total_name(&name)
            || (code.is_none() && line.cells.iter().any(|c| is_total_name(c.trim())))
        {
            if meta.empty {
                continue;
            }
            rows.push(ClassifiedRow {
                code: None,
                name: "合计".into(),
                level: 0,
                values,
            });
            continue;
        }
        match code {
            Some(code) => {
                let level = match code.len() {
                    3 => 1,
                    5 => 2,
                    7 => 3,
                    _ => {
                        warnings.push(id, format!("code {code:?} is not 3, 5 or 7 digits"));
                        0
                    }
                };
                name = name.trim().to_string();
                rows.push(ClassifiedRow {
                    code: Some(code),
                    name,
                    level,
                    values,
                });
            }
            None if !has_values && !name.is_empty() => {
                // a wrapped name: it continues the row above, or fills a row printed without one
                if let Some(last) = rows.last_mut() {
                    last.name.push_str(&name);
                } else {
                    warnings.push(
                        id,
                        format!("text {name:?} before the first row is not kept"),
                    );
                }
            }
            None if has_values => {
                warnings.push(
                    id,
                    format!(
                        "a row with values but no code or name ({:?}) is not kept",
                        line.joined()
                    ),
                );
            }
            None => {}
        }
    }
    if meta.empty {
        rows.clear();
    }
    ClassifiedTable {
        meta,
        columns,
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::grammar;

    fn lines(text: &str) -> Vec<Line> {
        crate::normalise::doc(crate::ingest::text::read_text(text)).lines
    }

    fn parse_text(id: &str, text: &str) -> (ClassifiedTable, Warnings) {
        let mut w = Warnings::default();
        let t = parse(
            grammar().table(id).unwrap(),
            TableMeta::default(),
            &lines(text),
            &mut w,
        );
        (t, w)
    }

    #[test]
    fn whole_codes_with_wrapped_names_in_cells() {
        let (t, w) = parse_text(
            "expenditure",
            "项目\t\t本年支出合计\t基本支出\t项目支出\t上缴 上级 支出\n科目代码\t科目名称\t\t\t\t\n栏次\t\t1\t2\t3\t4\n合计\t\t5307.63\t657.87\t4649.76\t\n208\t社会保障和就业支 出\t262.09\t262.09\t\t\n2080501\t行政单位离退休\t159.34\t159.34\t\t\n",
        );
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(
            t.columns,
            vec!["total", "basic", "project", "remit_to_superior"]
        );
        assert_eq!(t.rows.len(), 3);
        assert_eq!(t.rows[0].level, 0);
        assert_eq!(t.rows[1].name, "社会保障和就业支出");
        assert_eq!(t.rows[1].values["project"], None);
        assert_eq!(t.rows[2].level, 3);
        assert_eq!(t.rows[2].values["basic"].unwrap().to_string(), "159.34");
    }

    #[test]
    fn split_codes_over_class_columns() {
        let (t, _) = parse_text(
            "general_budget_expenditure",
            "科目编码\t\t\t科目名称\t合计\t基本支出\t项目支出\n类\t款\t项\t\t\t\t\n\t\t\t合计\t3.00\t3.00\t\n201\t\t\t一般公共服务支出\t3.00\t3.00\t\n\t06\t\t财政事务\t3.00\t3.00\t\n\t\t01\t行政运行\t3.00\t3.00\t\n",
        );
        let codes: Vec<_> = t.rows.iter().map(|r| r.code.clone()).collect();
        assert_eq!(
            codes,
            vec![
                None,
                Some("201".into()),
                Some("20106".into()),
                Some("2010601".into())
            ]
        );
    }

    #[test]
    fn code_printed_with_name_and_wrapped_row() {
        let (t, _) = parse_text(
            "general_budget_expenditure",
            "项目\t小计\t基本支出\t项目支出\n合计\t1.00\t1.00\t\n2080505 机关事业单位基本\t1.00\t1.00\t\n养老保险缴费支出\t\t\t\n",
        );
        assert_eq!(t.rows[1].code.as_deref(), Some("2080505"));
        assert_eq!(t.rows[1].name, "机关事业单位基本养老保险缴费支出");
    }

    #[test]
    fn name_half_on_a_line_of_its_own() {
        let (t, _) = parse_text(
            "general_budget_expenditure",
            "科目代码\t科目名称\t小计\t基本支出\t项目支出\n合计\t\t1.00\t1.00\t\n2080505\t机关事业单位基本\t1.00\t1.00\t\n养老保险缴费支出\n注：本表反映\n",
        );
        assert_eq!(t.rows[1].name, "机关事业单位基本养老保险缴费支出");
    }

    #[test]
    fn unreadable_cell_is_a_warning_not_a_drop() {
        let (t, w) = parse_text(
            "general_budget_expenditure",
            "科目代码\t科目名称\t小计\t基本支出\t项目支出\n合计\t\t1.0O\t1.00\t\n",
        );
        assert_eq!(t.rows[0].values["total"], None);
        assert_eq!(w.len(), 1);
    }
}

#[cfg(test)]
mod page_break_tests {
    use super::*;
    use crate::grammar::grammar;

    #[test]
    fn repeated_header_after_a_page_break_and_a_name_split_by_it() {
        let text = "科目代码\t科目名称\t小计\t基本支出\t项目支出\n合计\t\t3.00\t3.00\t\n\
                    2080505\t机关事业单位基本\t1.00\t1.00\t\n\u{c}上海市某某局2024年度部门决算\n\
                    科目代码\t科目名称\t小计\t基本支出\t项目支出\n\t养老保险缴费支出\t\t\t\n2080506\t职业年金\t2.00\t2.00\t\n";
        let lines = crate::normalise::doc(crate::ingest::text::read_text(text)).lines;
        let mut w = Warnings::default();
        let t = parse(
            grammar().table("general_budget_expenditure").unwrap(),
            TableMeta::default(),
            &lines,
            &mut w,
        );
        assert!(w.is_empty(), "{w:?}");
        let names: Vec<_> = t.rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(
            names,
            vec!["合计", "机关事业单位基本养老保险缴费支出", "职业年金"]
        );
    }
}
