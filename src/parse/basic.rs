//! 一般公共预算财政拨款基本支出决算明细表: economic-classification items in
//! blocks of (科目代码, 科目名称, 决算数) printed side by side, with
//! 人员经费合计 / 公用经费合计 on the last line. The budget variant prints one
//! block with 合计 | 人员经费 | 公用经费 columns; each item then keeps those
//! columns in `values`.

use std::collections::BTreeMap;

use crate::doc::Line;
use crate::grammar::{grammar, TableGrammar};
use crate::model::{BasicItem, BasicTable, Cell, TableMeta};
use crate::normalise;
use crate::parse::header::{self, column_paths, is_column_number_line, is_meta, is_note};
use crate::parse::{cells, Warnings};

/// One (code, name, amount) block; the code may be split over 类 | 款 columns.
#[derive(Debug, Clone, Copy)]
struct BlockCols {
    code: usize,
    kuan: Option<usize>,
    name: usize,
    amount: usize,
}

fn is_code_header(t: &str) -> bool {
    let w = &grammar().words;
    w.is_code_header(t) || t == w.class_part
}

/// The blocks printed side by side, from the header's column paths.
fn blocks_of(paths: &[Vec<String>]) -> Vec<BlockCols> {
    let last = |i: usize| {
        paths
            .get(i)
            .and_then(|p| p.last())
            .map(|s| s.as_str())
            .unwrap_or("")
    };
    let starts: Vec<usize> = (0..paths.len())
        .filter(|&i| is_code_header(last(i)))
        .collect();
    if starts.is_empty() {
        // no code header: code (and name) first, the amount under its header;
        // an amount right after the first column means code and name share it
        let w = &grammar().words;
        let amount = (1..paths.len())
            .find(|&i| paths[i].iter().any(|t| w.is_amount_header(t)))
            .unwrap_or(2);
        return vec![BlockCols {
            code: 0,
            kuan: None,
            name: if amount == 1 { 0 } else { 1 },
            amount,
        }];
    }
    starts
        .iter()
        .enumerate()
        .map(|(k, &code)| {
            let end = starts.get(k + 1).copied().unwrap_or(paths.len());
            let w = &grammar().words;
            let kuan = (code + 1..end).find(|&i| last(i) == w.kuan_part);
            let name = (code + 1..end)
                .find(|&i| paths[i].iter().any(|t| w.is_name_header(t)))
                .unwrap_or(kuan.unwrap_or(code) + 1);
            let amount = (name + 1..end)
                .find(|&i| paths[i].iter().any(|t| w.is_amount_header(t)))
                .unwrap_or(name + 1);
            BlockCols {
                code,
                kuan,
                name,
                amount,
            }
        })
        .collect()
}

/// `personnel` or `public` for an economic code.
fn group_of(code: &str) -> &'static str {
    if grammar()
        .rows
        .basic
        .personnel_prefixes
        .iter()
        .any(|p| code.starts_with(p.as_str()))
    {
        "personnel"
    } else {
        "public"
    }
}

/// Parses the basic-expenditure table.
pub fn parse(
    tg: &TableGrammar,
    meta: TableMeta,
    lines: &[Line],
    warnings: &mut Warnings,
) -> BasicTable {
    let id = tg.id.as_str();
    let bg = &grammar().rows.basic;
    let words = &grammar().words;
    let is_total_label = |t: &str, names: &[String]| {
        let k = normalise::key(t);
        names.iter().any(|n| normalise::key(n) == k)
    };
    let start =
        lines
            .iter()
            .position(|l| {
                l.cells.len() > 1
                    && (l.filled().next().is_some_and(|c| {
                        cells::code(c).is_some() || cells::code_and_name(c).is_some()
                    }) || (l.filled().any(|c| grammar().words.is_total(c))
                        && l.filled().any(|c| {
                            matches!(normalise::amount(c), normalise::CellValue::Number(_))
                        })))
            })
            .unwrap_or(lines.len());
    let header = header::header_lines(&lines[..start]);
    let width = header::width(lines);
    let paths = column_paths(&header, width);
    // code columns: headed as such, or holding codes in most body rows
    // (政府支出经济分类科目 | 部门支出经济分类科目 print "50101-…" | "30101-…")
    let body_lines: Vec<&Line> = lines[start.min(lines.len())..]
        .iter()
        .filter(|l| l.cells.len() > 1)
        .collect();
    let holds_codes = |c: usize| {
        let n = body_lines
            .iter()
            .filter(|l| {
                l.cells.get(c).is_some_and(|t| {
                    let t = t.trim();
                    cells::code(t).is_some() || cells::code_and_name(t).is_some()
                })
            })
            .count();
        n >= 2 && 2 * n >= body_lines.len()
    };
    let code_cols: Vec<usize> = paths
        .iter()
        .enumerate()
        .filter(|(i, p)| p.last().is_some_and(|t| is_code_header(t)) || holds_codes(*i))
        .map(|(i, _)| i)
        .collect();
    let mut table = BasicTable {
        meta,
        ..Default::default()
    };

    // budget variant: one code column and 合计 | 人员经费 | 公用经费 value columns
    // (where two economic classifications are printed, the department's
    // 30xxx code is the item's; the other is kept in `extra`)
    let mapped: Vec<Option<&str>> = paths.iter().map(|p| tg.column_for_path(p)).collect();
    let col_of = |want: &str| mapped.iter().position(|m| *m == Some(want));
    let personnel_col = col_of("personnel");
    let public_col = col_of("public");
    let columnar = personnel_col.is_some()
        && public_col.is_some()
        && personnel_col > code_cols.first().copied();
    if columnar {
        // the code column holding economic codes 3xx (the department's)
        let code_col = code_cols
            .iter()
            .copied()
            .find(|&c| {
                lines[start.min(lines.len())..].iter().any(|l| {
                    l.cells.get(c).is_some_and(|t| {
                        let t = t.trim();
                        let k = cells::code(t).or_else(|| cells::code_and_name(t).map(|x| x.0));
                        k.is_some_and(|k| k.starts_with('3'))
                    })
                })
            })
            .or(code_cols.first().copied());
        // a second classification printed beside it (政府预算支出经济分类 5xx):
        // its code (类 | 款 maybe apart) and name, kept as one text in `extra`
        let body = &lines[start.min(lines.len())..];
        let holds_gov_codes = |c: usize| {
            body.iter().any(|l| {
                l.cells.get(c).is_some_and(|t| {
                    let t = t.trim();
                    let k = cells::code(t).or_else(|| cells::code_and_name(t).map(|x| x.0));
                    k.is_some_and(|k| k.starts_with('5'))
                })
            })
        };
        let gov_col = code_cols
            .iter()
            .copied()
            .find(|&c| Some(c) != code_col && holds_gov_codes(c));
        let gov_kuan = gov_col.and_then(|g| {
            (g + 1..paths.len())
                .take(2)
                .find(|&i| paths[i].last().is_some_and(|t| *t == words.kuan_part))
        });
        let gov_name = gov_col.and_then(|g| {
            (g + 1..paths.len()).take(3).find(|&i| {
                paths[i].iter().any(|t| words.is_name_header(t)) && !code_cols.contains(&i)
            })
        });
        let other_codes: Vec<(usize, String)> = code_cols
            .iter()
            .copied()
            .filter(|&c| Some(c) != code_col && Some(c) != gov_col)
            .map(|c| (c, paths[c].join("/")))
            .collect();
        let kuan_col = paths.iter().enumerate().position(|(i, p)| {
            p.last().is_some_and(|t| *t == words.kuan_part) && Some(i) != gov_kuan
        });
        let mut gov_class = String::new();
        let mut class = String::new();
        let name_col = paths
            .iter()
            .enumerate()
            .position(|(i, p)| {
                p.iter().any(|t| words.is_name_header(t)) && code_col.is_none_or(|c| i > c)
            })
            .unwrap_or(code_col.map_or(0, |c| c + 1));
        // where names are printed without codes, the class an item falls under
        let mut current_group: &'static str = "public";
        let total_col = col_of("total");
        let cols: Vec<(String, usize)> = [
            ("total", total_col),
            ("personnel", personnel_col),
            ("public", public_col),
        ]
        .into_iter()
        .filter_map(|(k, c)| c.map(|c| (k.to_string(), c)))
        .collect();
        let mut last_page = None;
        let mut last_code = String::new();
        for line in &lines[start.min(lines.len())..] {
            if is_note(line) {
                break;
            }
            // a page's running header, unit line or repeated column header
            if line.cells.len() < 2
                || is_column_number_line(line)
                || is_meta(line)
                || header.iter().any(|h| h.cells == line.cells)
                || line
                    .filled()
                    .any(|c| words.is_code_header(c) || words.is_name_header(c))
            {
                continue;
            }
            let cell = |i: usize| line.cells.get(i).map(|s| s.trim()).unwrap_or("");
            let mut raw_code = code_col.map(cell).unwrap_or("").to_string();
            if let Some(k) = kuan_col {
                let kuan = cell(k);
                if !raw_code.is_empty() {
                    class = raw_code.clone();
                }
                if !kuan.is_empty() && kuan.len() <= 2 && kuan.chars().all(|c| c.is_ascii_digit()) {
                    raw_code = format!("{class}{kuan}");
                }
            }
            let repaired = (cells::code(&raw_code).is_none() && !cell(name_col).is_empty())
                .then(|| cells::code_without_zeros(&raw_code, &last_code, true))
                .flatten();
            if let Some(k) = &repaired {
                warnings.note(
                    id,
                    format!("code {raw_code:?} printed without its leading zeros; read as {k}"),
                );
            }
            let (code, name) = match (cells::code(&raw_code), cells::code_and_name(&raw_code)) {
                _ if repaired.is_some() => (repaired.clone(), cell(name_col).to_string()),
                (Some(c), _) => (Some(c.to_string()), cell(name_col).to_string()),
                (None, Some((c, n))) => (Some(c.to_string()), n.to_string()),
                _ if code_col == Some(name_col) => (None, raw_code.clone()),
                _ => (None, format!("{}{}", raw_code, cell(name_col))),
            };
            if let Some(c) = &code {
                last_code = c.clone();
            }
            let mut extra = BTreeMap::new();
            if let Some(g) = gov_col {
                let mut code = cell(g).to_string();
                if let Some(k) = gov_kuan {
                    if !code.is_empty() {
                        gov_class = code.clone();
                    }
                    let kuan = cell(k);
                    if !kuan.is_empty() && kuan.chars().all(|c| c.is_ascii_digit()) {
                        code = format!("{gov_class}{kuan}");
                    }
                }
                let name = gov_name.map(cell).unwrap_or("");
                let text = match (code.is_empty(), name.is_empty()) {
                    (true, true) => String::new(),
                    (false, true) => code,
                    (true, false) => name.to_string(),
                    (false, false) => format!("{code}-{name}"),
                };
                extra.insert(
                    words.second_classification.clone(),
                    if text.is_empty() {
                        Cell::Blank
                    } else {
                        Cell::Text(text)
                    },
                );
            }
            for (c, k) in &other_codes {
                let t = cell(*c);
                extra.insert(
                    k.clone(),
                    if t.is_empty() {
                        Cell::Blank
                    } else {
                        Cell::Text(t.to_string())
                    },
                );
            }
            let mut values = BTreeMap::new();
            for (k, c) in &cols {
                let what = || format!("item {name:?} column {k}");
                values.insert(
                    k.clone(),
                    cells::amount(line.cells.get(*c), id, what, warnings),
                );
            }
            let has_values = values.values().any(|v| v.is_some());
            match code {
                Some(code) => table.items.push(BasicItem {
                    group: group_of(&code).into(),
                    code: Some(code),
                    name,
                    amount: values.get("total").copied().flatten(),
                    values: Some(values),
                    extra,
                }),
                // (its label in any label column: a merged cell centred over
                // them all lands in the government classification's columns
                // when read without rulings)
                None if words.total_rows.iter().any(|t| name.contains(t.as_str()))
                    || name.is_empty()
                        && gov_col.into_iter().chain(gov_name).any(|c| {
                            words
                                .total_rows
                                .iter()
                                .any(|t| cell(c).contains(t.as_str()))
                        }) =>
                {
                    table.personnel_total = values.get("personnel").copied().flatten();
                    table.public_total = values.get("public").copied().flatten();
                }
                // a name printed without a code: its group is its class's
                None if !name.is_empty() && has_values => {
                    if let Some(c) = grammar().economic_class(&name) {
                        current_group = group_of(c);
                    }
                    table.items.push(BasicItem {
                        group: current_group.into(),
                        code: None,
                        name,
                        amount: values.get("total").copied().flatten(),
                        values: Some(values),
                        extra,
                    });
                }
                // a name wrapped onto a line of its own (on the same page)
                None if !name.is_empty() && last_page == Some(line.page) => {
                    if let Some(last) = table.items.last_mut() {
                        last.name.push_str(&name);
                    }
                }
                None => {}
            }
            last_page = Some(line.page);
        }
        return table;
    }

    // decision-table variant: blocks of (code, name, amount) side by side
    let blocks = blocks_of(&paths);
    let mut per_block: Vec<Vec<BasicItem>> = vec![Vec::new(); blocks.len()];
    let mut classes: Vec<String> = vec![String::new(); blocks.len()];
    let mut last_codes: Vec<String> = vec![String::new(); blocks.len()];
    for line in &lines[start.min(lines.len())..] {
        if is_note(line) {
            break;
        }
        if line.cells.len() < 2 || is_column_number_line(line) {
            continue;
        }
        // totals: a label followed by its amount somewhere to the right
        let mut found_total = false;
        for (i, c) in line.cells.iter().enumerate() {
            let t = c.trim();
            let slot = if is_total_label(t, &bg.personnel_total) {
                Some(&mut table.personnel_total)
            } else if is_total_label(t, &bg.public_total) {
                Some(&mut table.public_total)
            } else {
                None
            };
            if let Some(slot) = slot {
                found_total = true;
                let value = line.cells[i + 1..]
                    .iter()
                    .take_while(|c| {
                        !is_total_label(c.trim(), &bg.personnel_total)
                            && !is_total_label(c.trim(), &bg.public_total)
                    })
                    .find(|c| !c.trim().is_empty());
                *slot = cells::amount(value, id, || t.to_string(), warnings);
            }
        }
        if found_total {
            continue;
        }
        for (b, cols) in blocks.iter().enumerate() {
            let cell = |i: usize| line.cells.get(i).map(|s| s.trim()).unwrap_or("");
            let mut code = cell(cols.code).to_string();
            if let Some(k) = cols.kuan {
                // 类 | 款 printed apart: 301 | 01 is 30101, a blank 类 repeats the one above
                let kuan = cell(k);
                if !code.is_empty() {
                    classes[b] = code.clone();
                }
                if !kuan.is_empty() && kuan.len() <= 2 && kuan.chars().all(|c| c.is_ascii_digit()) {
                    code = format!("{}{}", classes[b], kuan);
                }
            }
            let code = code.as_str();
            let repaired = (cells::code(code).is_none() && !cell(cols.name).is_empty())
                .then(|| cells::code_without_zeros(code, &last_codes[b], true))
                .flatten();
            if let Some(k) = &repaired {
                warnings.note(
                    id,
                    format!("code {code:?} printed without its leading zeros; read as {k}"),
                );
            }
            let (code, name) = match (cells::code(code), cells::code_and_name(code)) {
                _ if repaired.is_some() => (
                    repaired.clone().unwrap_or_default(),
                    cell(cols.name).to_string(),
                ),
                (Some(c), _) => (c.to_string(), cell(cols.name).to_string()),
                (None, Some((c, n))) => (c.to_string(), n.to_string()),
                _ => {
                    // a name wrapped onto its own line continues the item above
                    let n = cell(cols.name);
                    if code.is_empty()
                        && !n.is_empty()
                        && matches!(
                            normalise::amount(cell(cols.amount)),
                            normalise::CellValue::Blank
                        )
                    {
                        if let Some(last) = per_block[b].last_mut() {
                            last.name.push_str(n);
                        }
                    }
                    continue;
                }
            };
            last_codes[b] = code.clone();
            let amount = cells::amount(
                line.cells.get(cols.amount),
                id,
                || format!("item {code} {name}"),
                warnings,
            );
            per_block[b].push(BasicItem {
                group: group_of(&code).into(),
                code: Some(code),
                name,
                amount,
                values: None,
                extra: BTreeMap::new(),
            });
        }
    }
    table.items = per_block.into_iter().flatten().collect();
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn side_by_side_blocks_and_totals() {
        let text = "人员经费\t\t\t公用经费\t\t\t\t\t\n科目代码\t科目名称\t决算数\t科目代码\t科目名称\t决算数\t科目代码\t科目名称\t决算数\n\
                    301\t工资福利支出\t321.09\t302\t商品和服务支出\t23.57\t307\t债务利息及费用支出\t\n\
                    30101\t基本工资\t123.61\t30201\t办公费\t4.00\t30908\t物资储备\t——\n\
                    \t\t\t30299\t其他商品和服务支出\t1.99\t\t\t\n\
                    人员经费合计\t\t634.30\t公用经费合计\t\t\t\t\t23.57\n";
        let lines = crate::normalise::doc(crate::ingest::text::read_text(text)).lines;
        let mut w = Warnings::default();
        let t = parse(
            grammar().table("general_budget_basic_expenditure").unwrap(),
            TableMeta::default(),
            &lines,
            &mut w,
        );
        assert!(w.is_empty(), "{w:?}");
        let codes: Vec<_> = t
            .items
            .iter()
            .map(|i| i.code.as_deref().unwrap_or(""))
            .collect();
        assert_eq!(
            codes,
            vec!["301", "30101", "302", "30201", "30299", "307", "30908"]
        );
        assert_eq!(t.items[0].group, "personnel");
        assert_eq!(t.items[2].group, "public");
        assert_eq!(t.items[6].amount, None);
        assert_eq!(t.personnel_total.unwrap().to_string(), "634.30");
        assert_eq!(t.public_total.unwrap().to_string(), "23.57");
    }

    #[test]
    fn codes_split_over_class_and_kuan_columns() {
        let text = "经济分类科目编码\t\t科目名称\t决算数\t经济分类科目编码\t\t科目名称\t决算数\n类\t款\t\t\t类\t款\t\t\n\
                    301\t\t工资福利支出\t2082.85\t302\t\t商品和服务支出\t171.07\n\
                    301\t01\t基本工资\t262.33\t\t01\t办公费\t21.21\n\
                    人员经费合计\t\t\t2152.26\t公用经费合计\t\t\t184.65\n";
        let lines = crate::normalise::doc(crate::ingest::text::read_text(text)).lines;
        let mut w = Warnings::default();
        let t = parse(
            grammar().table("general_budget_basic_expenditure").unwrap(),
            TableMeta::default(),
            &lines,
            &mut w,
        );
        assert!(w.is_empty(), "{w:?}");
        let codes: Vec<_> = t
            .items
            .iter()
            .map(|i| i.code.as_deref().unwrap_or(""))
            .collect();
        assert_eq!(codes, vec!["301", "30101", "302", "30201"]);
        assert_eq!(t.items[3].amount.unwrap().to_string(), "21.21");
        assert_eq!(t.public_total.unwrap().to_string(), "184.65");
    }

    #[test]
    fn a_total_label_in_the_government_code_column_is_the_total_row() {
        // 西安审计局's 表8 read without rulings: `合计`, centred over the four
        // label columns, lands in the government code column
        let text = "部门经济科目编码\t部门经济科目名称\t政府经济科目编码\t政府经济科目名称\t合计\t人员经费支出\t公用经费支出\t备注\n\
                    \t\t合计\t\t33544216.08\t31558364.40\t1985851.68\t\n\
                    301\t工资福利支出\t\t\t29812828.40\t29812828.40\t\t\n\
                    30101\t基本工资\t50101\t工资奖金津补贴\t7059565.80\t7059565.80\t\t\n";
        let lines = crate::normalise::doc(crate::ingest::text::read_text(text)).lines;
        let mut w = Warnings::default();
        let t = parse(
            grammar().table("general_budget_basic_expenditure").unwrap(),
            TableMeta::default(),
            &lines,
            &mut w,
        );
        assert_eq!(t.personnel_total.unwrap().to_string(), "31558364.40");
        assert_eq!(t.public_total.unwrap().to_string(), "1985851.68");
        assert_eq!(t.items.len(), 2, "{:?}", t.items);
    }

    #[test]
    fn budget_variant_with_personnel_and_public_columns() {
        let text = "经济分类科目编码\t\t经济分类科目名称\t合计\t人员经费\t公用经费\n类\t款\t\t\t\t\n\t\t合计\t30.00\t20.00\t10.00\n301\t\t工资福利支出\t20.00\t20.00\t\n302\t01\t办公费\t10.00\t\t10.00\n";
        let lines = crate::normalise::doc(crate::ingest::text::read_text(text)).lines;
        let mut w = Warnings::default();
        let t = parse(
            grammar().table("general_budget_basic_expenditure").unwrap(),
            TableMeta::default(),
            &lines,
            &mut w,
        );
        assert_eq!(t.items.len(), 2);
        assert_eq!(
            t.items[1].values.as_ref().unwrap()["public"]
                .unwrap()
                .to_string(),
            "10.00"
        );
        assert_eq!(t.personnel_total.unwrap().to_string(), "20.00");
    }
}
