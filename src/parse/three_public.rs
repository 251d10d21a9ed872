//! 财政拨款"三公"经费支出决算表 and the budget's "三公"经费和机关运行经费预算表:
//! one or two value lines under a header of up to four lines. Each column's
//! field comes from the bottom-most header text naming a field, its side
//! (预算数 / 决算数) from any header text naming a side, so both the
//! block layout (预算数 over six columns, then 决算数) and the interleaved one
//! (预算数|决算数 under every field) read the same.

use crate::doc::Line;
use crate::grammar::TableGrammar;
use crate::model::{TableMeta, ThreePublic, ThreePublicTable};
use crate::normalise::{self, CellValue};
use crate::parse::header::{column_paths, is_column_number_line, is_meta, is_note};
use crate::parse::{cells, Warnings};

/// Parses the 三公 table; `default_side` applies to columns no header assigns
/// a side (`budget` in budget reports, `actual` in final accounts).
pub fn parse(
    tg: &TableGrammar,
    meta: TableMeta,
    lines: &[Line],
    default_side: &str,
    warnings: &mut Warnings,
) -> ThreePublicTable {
    let id = tg.id.as_str();
    let is_value_line = |l: &Line| {
        l.filled()
            .any(|c| matches!(normalise::amount(c), CellValue::Number(_)))
            && !is_column_number_line(l)
    };
    let start = lines.iter().position(is_value_line).unwrap_or(lines.len());
    let header: Vec<&Line> = lines[..start]
        .iter()
        .filter(|l| !is_column_number_line(l) && !is_meta(l) && !l.is_blank())
        .collect();
    let width = lines.iter().map(|l| l.cells.len()).max().unwrap_or(0);
    let paths = column_paths(&header, width);
    let cols: Vec<(Option<&str>, Option<&str>)> = paths
        .iter()
        .map(|p| {
            // the side words printed under a field (预算数 | 决算数) are not its name
            let is_side_word = |t: &String| {
                let k = normalise::key(t);
                tg.sides.iter().any(|s| s.contains.iter().any(|c| *c == k))
            };
            let end = p.len() - p.iter().rev().take_while(|t| is_side_word(t)).count();
            let field = tg.column_for_path(&p[..end]);
            let side = p.iter().rev().find_map(|t| tg.side(t));
            (side, field)
        })
        .collect();
    let mut table = ThreePublicTable {
        meta,
        budget: None,
        actual: None,
    };
    if table.meta.empty {
        return table;
    }
    for line in lines[start.min(lines.len())..].iter() {
        if is_note(line) {
            break;
        }
        if !is_value_line(line) {
            continue;
        }
        // a row layout names its side in the first cell (预算数 | 决算数)
        let row_side = line.filled().next().and_then(|t| tg.side(t));
        for (i, (side, field)) in cols.iter().enumerate() {
            let Some(field) = field else {
                if line
                    .cells
                    .get(i)
                    .is_some_and(|c| matches!(normalise::amount(c), CellValue::Number(_)))
                {
                    warnings.push(
                        id,
                        format!(
                            "column {} ({:?}) has no recognised header; its value {:?} is not kept",
                            i + 1,
                            paths[i].join("/"),
                            line.cells[i]
                        ),
                    );
                }
                continue;
            };
            let side = side.or(row_side).unwrap_or(default_side);
            let value = cells::amount(
                line.cells.get(i),
                id,
                || format!("{side} {field}"),
                warnings,
            );
            let slot = if side == "budget" {
                &mut table.budget
            } else {
                &mut table.actual
            };
            let entry = slot.get_or_insert_with(ThreePublic::default);
            if entry.get(field).flatten().is_none() {
                entry.set(field, value);
            }
        }
    }
    // a printed side with nothing filled in is a side of blanks, not a missing side
    for (side, field) in &cols {
        if field.is_some() {
            let slot = if side.unwrap_or(default_side) == "budget" {
                &mut table.budget
            } else {
                &mut table.actual
            };
            slot.get_or_insert_with(ThreePublic::default);
        }
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::grammar;

    fn run(text: &str, default_side: &str) -> ThreePublicTable {
        let lines = crate::normalise::doc(crate::ingest::text::read_text(text)).lines;
        let mut w = Warnings::default();
        let t = parse(
            grammar().table("three_public").unwrap(),
            TableMeta::default(),
            &lines,
            default_side,
            &mut w,
        );
        assert!(w.is_empty(), "{w:?}");
        t
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
        assert_eq!(b.office_operation.unwrap().to_string(), "171.01");
        assert!(t.actual.is_none());
    }
}
