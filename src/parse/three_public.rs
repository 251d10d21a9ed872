//! 财政拨款"三公"经费支出决算表 and the budget's "三公"经费和机关运行经费预算表.
//!
//! Printed across (fields as columns, one or two value lines under a header
//! of up to four lines) or down (fields as rows, 合计 and fund columns:
//! Guangdong). Across, each column's field comes from its header path, its
//! side (预算数 / 决算数) from any header text naming a side, so the block
//! layout (预算数 over six columns, then 决算数) and the interleaved one
//! (预算数|决算数 under every field) read the same. Where a value line is
//! printed per budget unit or per year, the 合计 line (or the report year's)
//! is the table's. Columns of another year, and figures of items that are
//! not 三公 fields (会议费, 培训费, 行政经费), go in the side's `extra`.

use std::sync::LazyLock;

use regex::Regex;

use crate::doc::Line;
use crate::grammar::{grammar, TableGrammar};
use crate::model::{TableMeta, ThreePublic, ThreePublicTable};
use crate::normalise::{self, CellValue};
use crate::parse::header::{column_paths, is_column_number_line, is_meta, is_note};
use crate::parse::{cells, Warnings};
use crate::segment::strip_numbering;

static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(20[0-9]{2})年").unwrap());

/// What a column holds.
#[derive(Debug, Clone)]
enum Col {
    /// A field on a side (`None`: the side is not printed above it).
    Field(Option<String>, String),
    /// Another figure (another year's, 会议费 …) by its path, on a side.
    Extra(Option<String>, String),
    /// A label column or nothing.
    Skip,
}

fn is_number(c: &str) -> bool {
    matches!(normalise::amount(c), CellValue::Number(_))
}

/// The slot of a side.
fn side_slot<'a>(t: &'a mut ThreePublicTable, side: &str) -> &'a mut ThreePublic {
    let slot = if side == "budget" {
        &mut t.budget
    } else {
        &mut t.actual
    };
    slot.get_or_insert_with(ThreePublic::default)
}

/// A field named by a row's stub (`其中:(一)因公出国(境)支出`).
fn field_of_stub(tg: &TableGrammar, stub: &str) -> Option<String> {
    let w = &grammar().words;
    let t = w.strip_header_prefix(stub);
    let t = strip_numbering(t);
    let t = w.strip_header_prefix(t);
    tg.column(t).map(str::to_string)
}

/// Parses the 三公 table; `default_side` applies to columns no header assigns
/// a side (`budget` in budget reports, `actual` in final accounts); `year` is
/// the report's year (columns of another year are not its figures).
pub fn parse(
    tg: &TableGrammar,
    meta: TableMeta,
    lines: &[Line],
    default_side: &str,
    year: Option<i32>,
    warnings: &mut Warnings,
) -> ThreePublicTable {
    let mut table = ThreePublicTable {
        meta,
        budget: None,
        actual: None,
    };
    if table.meta.empty {
        return table;
    }
    let is_value_line = |l: &Line| l.filled().any(is_number) && !is_column_number_line(l);
    let body_end = lines.iter().position(is_note).unwrap_or(lines.len());
    let lines = &lines[..body_end];
    let start = lines.iter().position(is_value_line).unwrap_or(lines.len());
    let header: Vec<&Line> = lines[..start]
        .iter()
        .filter(|l| !is_column_number_line(l) && !is_meta(l) && !l.is_blank())
        .collect();
    let width = lines.iter().map(|l| l.cells.len()).max().unwrap_or(0);
    let paths = column_paths(&header, width);
    let values: Vec<&Line> = lines[start..].iter().filter(|l| is_value_line(l)).collect();
    // down: the rows name the fields
    let stub_fields = values
        .iter()
        .filter(|l| {
            l.filled()
                .next()
                .is_some_and(|t| !is_number(t) && field_of_stub(tg, t).is_some())
        })
        .count();
    if stub_fields >= 3 {
        parse_down(tg, &mut table, &paths, &values, default_side, warnings);
    } else {
        parse_across(
            tg,
            &mut table,
            &paths,
            &values,
            default_side,
            year,
            warnings,
        );
    }
    table
}

/// Fields as rows: the value is the 合计 column's (else the first column of
/// figures); rows that name no field go in `extra` by their stub.
fn parse_down(
    tg: &TableGrammar,
    table: &mut ThreePublicTable,
    paths: &[Vec<String>],
    values: &[&Line],
    default_side: &str,
    warnings: &mut Warnings,
) {
    let id = tg.id.as_str();
    let words = &grammar().words;
    let holds = |i: usize| {
        values
            .iter()
            .any(|l| l.cells.get(i).is_some_and(|c| is_number(c)))
    };
    // the 合计 column: where its header is printed, or the first column of
    // figures at or after it (a header centred over right-aligned figures)
    let from = paths
        .iter()
        .position(|p| {
            p.last()
                .is_some_and(|t| words.is_total(t) || words.amount_headers.contains(t))
        })
        .unwrap_or(1);
    let col = (from..paths.len().max(from + 1))
        .find(|&i| holds(i))
        .unwrap_or(from);
    let side = paths
        .iter()
        .flatten()
        .find_map(|t| tg.side(t))
        .unwrap_or(default_side)
        .to_string();
    for l in values {
        let stub = l.filled().next().unwrap_or("").to_string();
        let value = cells::amount(l.cells.get(col), id, || stub.clone(), warnings);
        let entry = side_slot(table, &side);
        match field_of_stub(tg, &stub) {
            Some(f) => {
                if entry.get(&f).flatten().is_none() {
                    entry.set(&f, value);
                }
            }
            None => {
                let name = strip_numbering(words.strip_header_prefix(&stub)).to_string();
                entry.extra.insert(name, value);
            }
        }
    }
}

/// Fields as columns.
fn parse_across(
    tg: &TableGrammar,
    table: &mut ThreePublicTable,
    paths: &[Vec<String>],
    values: &[&Line],
    default_side: &str,
    year: Option<i32>,
    warnings: &mut Warnings,
) {
    let id = tg.id.as_str();
    let words = &grammar().words;
    let other_year = |p: &[String]| {
        p.iter().any(|t| {
            words.other_period_headers.contains(&normalise::key(t))
                || YEAR
                    .captures(t)
                    .and_then(|c| c[1].parse::<i32>().ok())
                    .is_some_and(|y| year.is_some_and(|r| r != y))
        })
    };
    let cols: Vec<Col> = paths
        .iter()
        .enumerate()
        .map(|(i, p)| {
            // the side words printed under a field (预算数 | 决算数) are not its name
            let is_side_word = |t: &String| {
                let k = normalise::key(t);
                tg.sides.iter().any(|s| s.contains.contains(&k))
            };
            let end = p.len() - p.iter().rev().take_while(|t| is_side_word(t)).count();
            let side = p.iter().rev().find_map(|t| tg.side(t)).map(str::to_string);
            let holds_figures = values
                .iter()
                .any(|l| l.cells.get(i).is_some_and(|c| is_number(c)));
            // a label column (部门名称, 项目): text in the value lines
            let holds_text = values.iter().any(|l| {
                l.cells
                    .get(i)
                    .is_some_and(|c| matches!(normalise::amount(c), CellValue::Text))
            });
            match tg.column_for_path(&p[..end]) {
                Some(f) if !other_year(p) => Col::Field(side, f.to_string()),
                // a printed column of another year or item, blank or not
                _ if !p.is_empty() && !holds_text && (holds_figures || end > 0) => {
                    Col::Extra(side, p[..end.max(1)].join("/"))
                }
                _ => Col::Skip,
            }
        })
        .collect();
    // a total under the 三公 group header beats one printed beside it (over
    // 会议费 and 培训费 too): that one is kept as an extra column
    let in_group = |i: usize| {
        !words.three_public_group.is_empty()
            && paths[i]
                .iter()
                .any(|t| t.contains(words.three_public_group.as_str()))
    };
    let grouped_total: Vec<Option<String>> = cols
        .iter()
        .enumerate()
        .filter_map(|(i, c)| match c {
            Col::Field(s, f) if f == "total" && in_group(i) => Some(s.clone()),
            _ => None,
        })
        .collect();
    let cols: Vec<Col> = cols
        .into_iter()
        .enumerate()
        .map(|(i, c)| match c {
            Col::Field(s, f) if f == "total" && !in_group(i) && !grouped_total.is_empty() => {
                let end = paths[i].len();
                Col::Extra(s, paths[i][..end].join("/"))
            }
            c => c,
        })
        .collect();
    // one value line per budget unit or year: the 合计 line, else the report
    // year's, is the table's (a line printed per side keeps both)
    let stub_of = |l: &Line| -> String {
        l.filled()
            .next()
            .filter(|t| !is_number(t))
            .unwrap_or("")
            .to_string()
    };
    let chosen: Vec<&Line> = {
        let total = values.iter().find(|l| words.is_total(&stub_of(l)));
        let this_year = values.iter().find(|l| {
            YEAR.captures(&stub_of(l))
                .and_then(|c| c[1].parse::<i32>().ok())
                .is_some_and(|y| Some(y) == year)
        });
        match (total, this_year) {
            (Some(t), _) => vec![*t],
            (None, Some(y)) => vec![*y],
            _ => values.to_vec(),
        }
    };
    for line in chosen {
        // a row layout names its side in the first cell (预算数 | 决算数)
        let row_side = line.filled().next().and_then(|t| tg.side(t));
        let mut seen = std::collections::HashMap::new();
        for (i, c) in cols.iter().enumerate() {
            let (side, key, is_field) = match c {
                Col::Field(s, f) => (s.as_deref(), f.as_str(), true),
                Col::Extra(s, k) => (s.as_deref(), k.as_str(), false),
                Col::Skip => continue,
            };
            let side = side.or(row_side).unwrap_or(default_side);
            let value = cells::amount(line.cells.get(i), id, || format!("{side} {key}"), warnings);
            let entry = side_slot(table, side);
            if is_field {
                // two columns of one line read as the same field, with other
                // figures: the header did not land over its columns
                if let (Some(Some(a)), Some(b)) = (seen.get(&(side, key)), value) {
                    if *a != b {
                        warnings.push(
                            id,
                            format!("two columns read as {side} {key} ({a} and {b}): the header's columns are uncertain"),
                        );
                    }
                }
                seen.entry((side, key)).or_insert(value);
                if entry.get(key).flatten().is_none() {
                    entry.set(key, value);
                }
            } else {
                let e = entry.extra.entry(key.to_string()).or_insert(None);
                if e.is_none() {
                    *e = value;
                }
            }
        }
    }
    // a printed side with nothing filled in is a side of blanks, not a missing side
    for c in &cols {
        if let Col::Field(side, _) = c {
            side_slot(table, side.as_deref().unwrap_or(default_side));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::grammar;

    fn run(text: &str, default_side: &str) -> ThreePublicTable {
        let (t, w) = run_warned(text, default_side);
        assert!(w.is_empty(), "{w:?}");
        t
    }

    fn run_warned(text: &str, default_side: &str) -> (ThreePublicTable, Warnings) {
        let lines = crate::normalise::doc(crate::ingest::text::read_text(text)).lines;
        let mut w = Warnings::default();
        let t = parse(
            grammar().table("three_public").unwrap(),
            TableMeta::default(),
            &lines,
            default_side,
            None,
            &mut w,
        );
        (t, w)
    }

    #[test]
    fn two_columns_of_one_field_make_the_reading_uncertain() {
        // a header misplaced over a wide table: 合计 twice, over other figures
        let (_, w) = run_warned(
            "合计\t因公出国(境)费\t公务接待费\t合计\t公务接待费\n\
             526.00\t\t20.00\t332.00\t20.00\n",
            "budget",
        );
        assert_eq!(w.len(), 1, "{w:?}");
        // the same figure twice is no contradiction
        let (t, w) = run_warned(
            "合计\t因公出国(境)费\t公务接待费\t合计\n20.00\t\t20.00\t20.00\n",
            "budget",
        );
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(t.budget.unwrap().total.unwrap().to_string(), "20.00");
    }

    #[test]
    fn budget_block_then_actual_block() {
        let t = run(
            "预算数\t\t\t\t\t\t决算数\t\t\t\t\t\n\
             合计\t因公出国 (境) 费\t公务用车购置及运行维护费\t\t\t公务接待 费\t合计\t因公出国 (境) 费\t公务用车购置及运行维护费\t\t\t公务接待 费\n\
             \t\t小计\t公务用车 购置费\t公务用车 运行维护费\t\t\t\t小计\t公务用车 购置费\t公务用车 运行维护费\t\n\
             1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12\n\
             7.50\t\t7.50\t\t7.50\t\t7.40\t\t7.40\t\t7.40\t0.10\n",
            "actual",
        );
        let b = t.budget.unwrap();
        let a = t.actual.unwrap();
        assert_eq!(b.total.unwrap().to_string(), "7.50");
        assert_eq!(b.vehicle_operation.unwrap().to_string(), "7.50");
        assert_eq!(b.vehicle_purchase, None);
        assert_eq!(a.total.unwrap().to_string(), "7.40");
        assert_eq!(a.reception.unwrap().to_string(), "0.10");
    }

    #[test]
    fn interleaved_budget_and_actual() {
        let t = run(
            "合计\t\t因公出国(境)费\t\t公务用车购置及运行费\t\t\t\t\t\t公务接待费\t\n\
             \t\t\t\t小计\t\t公务用车购置费\t\t公务用车运行费\t\t\t\n\
             预算数\t决算数\t预算数\t决算数\t预算数\t决算数\t预算数\t决算数\t预算数\t决算数\t预算数\t决算数\n\
             0.95\t\t\t\t\t\t\t\t\t\t0.95\t\n",
            "actual",
        );
        assert_eq!(
            t.budget.as_ref().unwrap().total.unwrap().to_string(),
            "0.95"
        );
        assert_eq!(
            t.budget.as_ref().unwrap().reception.unwrap().to_string(),
            "0.95"
        );
        assert_eq!(t.actual.as_ref().unwrap().total, None);
    }

    #[test]
    fn budget_only_with_office_operation() {
        let t = run(
            "三公经费预算数\t\t\t\t\t\t机关运行经费预算数\n合计\t因公出国(境)费\t公务接待费\t公务用车购置及运行费\t\t\t\n\t\t\t小计\t购置费\t运行费\t\n1.00\t\t1.00\t\t\t\t171.01\n",
            "budget",
        );
        let b = t.budget.unwrap();
        assert_eq!(b.reception.unwrap().to_string(), "1.00");
        assert_eq!(b.office_operation.flatten().unwrap().to_string(), "171.01");
        assert!(t.actual.is_none());
    }
}
