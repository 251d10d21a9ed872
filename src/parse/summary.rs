//! Two-sided summary tables (收入支出决算总表, 财政拨款收入支出决算总表 and
//! their budget twins): 收入 on the left, 支出 on the right, each with an item
//! column, an optional 行次 column and one or more value columns.

use std::collections::BTreeMap;

use crate::doc::Line;
use crate::grammar::{grammar, LineKey, TableGrammar};
use crate::model::{LineLabel, SummaryLine, SummaryTable, TableMeta};
use crate::normalise;
use crate::parse::header::{self, column_paths, is_column_number_line, is_meta, is_note};
use crate::parse::{cells, Warnings};
use crate::segment::strip_numbering;

/// The columns of one side.
#[derive(Debug, Clone, Default)]
struct SideCols {
    item: usize,
    line: Option<usize>,
    values: Vec<(usize, String)>,
}

fn has_number(line: &Line) -> bool {
    line.filled()
        .any(|c| matches!(normalise::amount(c), normalise::CellValue::Number(_)))
}

fn starts_numbered(line: &Line) -> bool {
    line.filled()
        .next()
        .is_some_and(|t| strip_numbering(t).len() < t.len())
}

/// Finds the key of an item on one side, given the key of the line that opens
/// the current group (年初/年末结转和结余).
fn key_for<'a>(rules: &'a [LineKey], item: &str, group: Option<&str>) -> Option<&'a LineKey> {
    let k = normalise::key(item);
    rules
        .iter()
        .filter(|r| r.after.is_none() || r.after.as_deref() == group)
        .find(|r| r.fits(&k))
}

/// Parses a summary table block.
pub fn parse(
    tg: &TableGrammar,
    meta: TableMeta,
    lines: &[Line],
    warnings: &mut Warnings,
) -> SummaryTable {
    let g = grammar();
    let id = tg.id.as_str();
    let start = lines
        .iter()
        .position(|l| {
            l.cells.len() > 1
                && !is_column_number_line(l)
                && !is_meta(l)
                && (has_number(l) || starts_numbered(l))
        })
        .unwrap_or(lines.len());
    let header = header::header_lines(&lines[..start]);
    let width = header::width(lines);
    let paths = column_paths(&header, width);
    // a column's role: the side's item or 行次 column, else a value column id
    let words = &g.words;
    let roles: Vec<Option<String>> = paths
        .iter()
        .map(|p| {
            let last = normalise::key(p.last()?);
            if words.is_line_number_header(&last) {
                Some("line".to_string())
            } else if words.is_item_header(&last) {
                Some("item".to_string())
            } else {
                tg.column_for_path(p).map(str::to_string)
            }
        })
        .collect();
    let item_cols: Vec<usize> = roles
        .iter()
        .enumerate()
        .filter(|(_, r)| r.as_deref() == Some("item"))
        .map(|(i, _)| i)
        .collect();
    let split = match item_cols.as_slice() {
        [_, second, ..] => *second,
        _ => {
            // no second 项目 header: the side starts where 支出 is printed, or at the middle
            let by_word = paths
                .iter()
                .position(|p| p.iter().any(|t| g.words.expenditure_side.contains(t)));
            if item_cols.is_empty() && by_word.is_none() {
                warnings.push(id, "no 项目 header found; sides guessed from the middle");
            }
            by_word.unwrap_or(width / 2)
        }
    };
    let side = |from: usize, to: usize| -> SideCols {
        let mut s = SideCols {
            item: from,
            ..Default::default()
        };
        for (i, role) in roles.iter().enumerate().take(to).skip(from) {
            match role.as_deref() {
                Some("item") => s.item = i,
                Some("line") => s.line = Some(i),
                Some(r) => s.values.push((i, r.to_string())),
                None if i > from
                    && s.values.is_empty()
                    && s.line.is_none()
                    && header.is_empty() => {}
                None => {}
            }
        }
        if s.values.is_empty() {
            // no header words: the last column of the side holds the amount
            if to > from + 1 {
                s.values.push((to - 1, "amount".to_string()));
            }
        }
        s
    };
    let income_cols = side(0, split);
    // a side may print several lists next to each other, each with its item
    // and amount columns (表1 of Shaanxi: 支出功能分类科目 | 预算数 | 部门预算支出
    // 经济分类科目 | 预算数 | 政府预算支出经济分类科目 | 预算数): a column of text
    // after the side's amounts opens the next list
    let body = &lines[start..];
    let holds_text = |i: usize| {
        let (mut text, mut num) = (0, 0);
        for l in body {
            match l.cells.get(i).map(|c| normalise::amount(c)) {
                Some(normalise::CellValue::Text) => text += 1,
                Some(normalise::CellValue::Number(_)) => num += 1,
                _ => {}
            }
        }
        text >= 3 && text > num
    };
    let mut bounds = vec![split];
    let mut seen_value = false;
    for (i, role) in roles.iter().enumerate().take(width).skip(split + 1) {
        match role.as_deref() {
            None | Some("item") if seen_value && holds_text(i) => {
                bounds.push(i);
                seen_value = false;
            }
            Some(r) if r != "item" && r != "line" => seen_value = true,
            _ => {}
        }
    }
    bounds.push(width);
    let expenditure_blocks: Vec<SideCols> = bounds.windows(2).map(|w| side(w[0], w[1])).collect();
    let mut block_lines: Vec<Vec<SummaryLine>> = vec![Vec::new(); expenditure_blocks.len()];
    let mut sides: Vec<(usize, usize, &SideCols)> = vec![(0, 0, &income_cols)];
    sides.extend(
        expenditure_blocks
            .iter()
            .enumerate()
            .map(|(b, c)| (1, b, c)),
    );

    let mut table = SummaryTable {
        meta,
        income: Vec::new(),
        expenditure: Vec::new(),
    };
    let mut groups: Vec<Option<String>> = vec![None; sides.len()];
    for line in &lines[start..] {
        if is_note(line) {
            break;
        }
        if line.cells.len() < 2
            || is_column_number_line(line)
            || is_meta(line)
            || header.iter().any(|h| h.cells == line.cells)
        {
            continue;
        }
        for (gi, &(s, block, cols)) in sides.iter().enumerate() {
            let rules = if s == 0 {
                &g.rows.summary.income
            } else {
                &g.rows.summary.expenditure
            };
            let side_name = if s == 0 { "income" } else { "expenditure" };
            let cell = |i: usize| line.cells.get(i).map(|c| c.trim()).unwrap_or("");
            let raw_item = cell(cols.item);
            let mut item = strip_numbering(raw_item).trim().to_string();
            if item == raw_item {
                // numbering OCR printed in part (`、外交支出`): the rest is
                // the item where it is a known class or line and the whole
                // is not (or is the same line only by holding the rest)
                if let Some(m) = g.re().numbering_damaged.find(raw_item) {
                    let rest = raw_item[m.end()..].trim();
                    let key =
                        |t: &str| key_for(rules, t, groups[gi].as_deref()).map(|r| r.key.as_str());
                    let class = g.class_code(rest).is_some() && g.class_code(raw_item).is_none();
                    let line =
                        key(rest).is_some() && key(raw_item).is_none_or(|k| key(rest) == Some(k));
                    if !rest.is_empty() && (class || line) {
                        item = rest.to_string();
                    }
                }
            }
            let line_no = cols.line.and_then(|i| cells::integer(cell(i)));
            if cols.line.is_some_and(|i| !cell(i).is_empty()) && line_no.is_none() {
                warnings.push(
                    id,
                    format!(
                        "{side_name} 行次 {:?} is not a number",
                        cell(cols.line.unwrap_or(0))
                    ),
                );
            }
            let mut vals: BTreeMap<String, Option<rust_decimal::Decimal>> = BTreeMap::new();
            for (i, r) in &cols.values {
                let what = || {
                    format!(
                        "{side_name} line {:?} column {r}",
                        if item.is_empty() {
                            line_no.map(|n| n.to_string()).unwrap_or_default()
                        } else {
                            item.clone()
                        }
                    )
                };
                let v = cells::amount(line.cells.get(*i), id, what, warnings);
                vals.insert(r.clone(), v);
            }
            let has_values = vals.values().any(|v| v.is_some());
            let target = if s == 0 {
                &mut table.income
            } else {
                &mut block_lines[block]
            };
            if item.is_empty() && line_no.is_none() && !has_values {
                continue; // this side has nothing on this line
            }
            // function classes are the first list's; the others list economic classes
            let code = if s == 1 && block == 0 && !item.is_empty() {
                g.class_code(&item)
            } else {
                None
            };
            let rule = if item.is_empty() || code.is_some() {
                None
            } else {
                key_for(rules, &item, groups[gi].as_deref())
            };
            // a wrapped item: text only, not numbered, not a known line
            if line_no.is_none()
                && !has_values
                && code.is_none()
                && rule.is_none()
                && raw_item == item
                && !target.is_empty()
            {
                if let Some(prev) = target.last_mut().filter(|p| p.item.is_some()) {
                    let joined = format!("{}{}", prev.item.as_deref().unwrap_or(""), item);
                    let prev_code = if s == 1 && block == 0 {
                        g.class_code(&joined)
                    } else {
                        None
                    };
                    let prev_rule = key_for(rules, &joined, groups[gi].as_deref());
                    prev.item = Some(joined);
                    if let Some(c) = prev_code {
                        prev.label = LineLabel::Code(c.to_string());
                    } else if let Some(r) = prev_rule {
                        prev.label = LineLabel::Key(Some(r.key.clone()));
                    }
                    continue;
                }
            }
            let label = match (code, rule) {
                (Some(c), _) => LineLabel::Code(c.to_string()),
                (None, Some(r)) => LineLabel::Key(Some(r.key.clone())),
                (None, None) => LineLabel::Key(None),
            };
            if let Some(r) = rule {
                if rules
                    .iter()
                    .any(|x| x.after.as_deref() == Some(r.key.as_str()))
                {
                    groups[gi] = Some(r.key.clone());
                } else if r.after.is_none() {
                    groups[gi] = None;
                }
            }
            let (amount, values) = if cols.values.len() == 1 {
                (Some(vals.into_values().next().flatten()), None)
            } else {
                // 基本支出 printed only as its parts: `basic` is null
                if !vals.contains_key("basic")
                    && (vals.contains_key("personnel") || vals.contains_key("public"))
                {
                    vals.insert("basic".into(), None);
                }
                (None, Some(vals))
            };
            target.push(SummaryLine {
                line: line_no,
                item: (!item.is_empty()).then_some(item),
                label,
                amount,
                values,
            });
        }
    }
    table.expenditure = block_lines.into_iter().flatten().collect();
    // a total printed after the balances (收入合计 under 上年结转) is the
    // grand total, where no line says 总计
    for (side, total, balance) in [
        (&mut table.income, "income_total", "opening_balance"),
        (
            &mut table.expenditure,
            "expenditure_total",
            "closing_balance",
        ),
    ] {
        if side.iter().any(|l| l.key() == Some("grand_total")) {
            continue;
        }
        let Some(b) = side.iter().position(|l| l.key() == Some(balance)) else {
            continue;
        };
        if let Some(l) = side[b..].iter_mut().rev().find(|l| l.key() == Some(total)) {
            l.label = LineLabel::Key(Some("grand_total".into()));
        }
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> (SummaryTable, Warnings) {
        let lines = crate::normalise::doc(crate::ingest::text::read_text(text)).lines;
        let mut w = Warnings::default();
        (
            parse(
                grammar().table("income_expenditure_summary").unwrap(),
                TableMeta::default(),
                &lines,
                &mut w,
            ),
            w,
        )
    }

    #[test]
    fn two_sides_with_line_numbers_and_fillers() {
        let (t, w) = parse_text(
            "收入\t\t\t支出\t\t\n项目\t行次\t金额\t项目\t行次\t金额\n栏次\t\t1\t栏次\t\t2\n\
             一、一般公共预算财政拨款收入\t1\t4607.63\t一、一般公共服务支出\t32\t\n\
             \t9\t\t九、卫生健康支出\t40\t12.97\n\
             年初结转和结余\t29\t\t年末结转和结余\t60\t\n总计\t31\t5307.63\t总计\t62\t5307.63\n",
        );
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(t.income.len(), 4);
        assert_eq!(t.income[0].key(), Some("general_budget"));
        assert_eq!(t.income[1].item, None);
        assert_eq!(t.income[1].line, Some(9));
        assert_eq!(t.income[3].key(), Some("grand_total"));
        assert_eq!(t.expenditure[1].code(), Some("210"));
        assert_eq!(
            t.expenditure[1].amount.unwrap().unwrap().to_string(),
            "12.97"
        );
        assert_eq!(t.expenditure[2].key(), Some("closing_balance"));
    }

    #[test]
    fn without_line_numbers_one_side_shorter() {
        let (t, _) = parse_text(
            "收入\t\t支出\t\n项目\t决算数\t项目\t决算数\n一、一般公共预算财政拨款收入\t2940.05\t一、一般公共服务支出\t2106.66\n\t\t二、外交支出\t\n本年收入合计\t2946.25\t本年支出合计\t2940.05\n",
        );
        assert_eq!(t.income.len(), 2);
        assert_eq!(t.expenditure.len(), 3);
        assert_eq!(t.expenditure[1].code(), Some("202"));
        assert_eq!(t.expenditure[1].amount, Some(None));
        assert_eq!(t.income[1].key(), Some("income_total"));
    }

    #[test]
    fn numbering_printed_in_part_by_ocr_still_opens_an_item() {
        // putuo's 收入支出决算总表 as OCR read it: 二 and 、 lost beside the
        // rule; 一般公共服务支出 (starting with a numeral) stays as it is
        let (t, _) = parse_text(
            "收入\t\t支出\t\n项目\t决算数\t项目\t决算数\n\
             一、一般公共预算财政拨款收入\t2940.05\t一般公共服务支出\t2106.66\n\
             二、政府性基金预算财政拨款收入\t\t、外交支出\t\n\
             三、国有资本经营预算财政拨款收入\t\t三、国防支出\t\n\
             四上级补助收入\t\t四公共安全支出\t\n\
             本年收入合计\t2946.25\t本年支出合计\t2940.05\n",
        );
        let codes: Vec<_> = t.expenditure.iter().map(|l| l.code()).collect();
        assert_eq!(
            codes,
            [Some("201"), Some("202"), Some("203"), Some("204"), None]
        );
        assert_eq!(t.expenditure[1].item.as_deref(), Some("外交支出"));
        assert_eq!(t.income[3].key(), Some("superior_subsidy"));
        assert_eq!(t.income[3].item.as_deref(), Some("上级补助收入"));
    }

    #[test]
    fn fund_columns_and_opening_groups() {
        let lines = crate::normalise::doc(crate::ingest::text::read_text(
            "项目\t行次\t金额\t项目\t行次\t合计\t一般公共预算财政拨款\t政府性基金预算财政拨款\t国有资本经营预算财政拨款\n\
             一、一般公共预算财政拨款\t1\t4607.63\t八、社会保障和就业支出\t40\t262.09\t262.09\t\t\n\
             年初财政拨款结转和结余\t28\t\t年末财政拨款结转和结余\t60\t\t\t\t\n\
             一般公共预算财政拨款\t29\t\t\t61\t\t\t\t\n总计\t32\t5307.63\t总计\t64\t5307.63\t4607.63\t700.00\t\n",
        ))
        .lines;
        let mut w = Warnings::default();
        let t = parse(
            grammar().table("fiscal_summary").unwrap(),
            TableMeta::default(),
            &lines,
            &mut w,
        );
        assert_eq!(t.income[0].key(), Some("general_budget"));
        assert_eq!(t.income[2].key(), Some("opening_general_budget"));
        assert_eq!(t.income[3].key(), Some("grand_total"));
        let v = t.expenditure[0].values.as_ref().unwrap();
        assert_eq!(v["general_budget"].unwrap().to_string(), "262.09");
        assert_eq!(v["state_capital"], None);
        assert_eq!(t.expenditure[2].item, None);
    }
}
