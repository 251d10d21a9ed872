//! 部门决算公开相关信息统计表: three small sections (政府采购, 机关运行经费,
//! 国有资产占用) of item | 行次 | 统计数 lines. Items are found by name through
//! `grammars/rows.toml`; vehicle categories are kept under their printed names.

use crate::doc::Line;
use crate::grammar::grammar;
use crate::model::{StatsTable, TableMeta};
use crate::normalise;
use crate::parse::header::{is_column_number_line, is_meta, is_note};
use crate::parse::{cells, Warnings};
use crate::segment::strip_numbering;

/// Which section a heading line opens.
fn section_of(text: &str) -> Option<&'static str> {
    grammar().words.stats_section(text)
}

/// Parses the statistics table.
pub fn parse(id: &str, meta: TableMeta, lines: &[Line], warnings: &mut Warnings) -> StatsTable {
    let g = grammar();
    let mut t = StatsTable {
        meta,
        ..Default::default()
    };
    let mut section: Option<&str> = None;
    // sections opened so far: one printed again (a header repeated over a
    // continued page) does not reopen it
    let mut opened: Vec<&str> = Vec::new();
    let mut open = |s: &'static str, section: &mut Option<&str>| {
        if !opened.contains(&s) {
            opened.push(s);
            *section = Some(s);
        }
    };
    let mut value_col: Option<usize> = None;
    for line in lines {
        if is_note(line) {
            break;
        }
        if is_meta(line) || is_column_number_line(line) {
            continue;
        }
        let filled: Vec<&str> = line.filled().collect();
        let Some(first) = filled.first().copied() else {
            continue;
        };
        // header line: 项目 | 行次 | 统计数
        if first == "项目" {
            let w = &grammar().words;
            value_col = line.cells.iter().position(|c| {
                w.stats_value_header_contains
                    .iter()
                    .any(|v| c.contains(v.as_str()))
            });
            continue;
        }
        let item = strip_numbering(first).trim();
        let has_value = filled.len() > 1;
        if !has_value
            || filled[1..]
                .iter()
                .all(|c| cells::is_small_int(c) && line.cells.len() <= 2)
        {
            if let Some(s) = section_of(item) {
                open(s, &mut section);
                continue;
            }
        }
        if let Some(s) =
            section_of(item).filter(|_| line.cells.iter().skip(1).all(|c| c.trim().is_empty()))
        {
            open(s, &mut section);
            continue;
        }
        // the value: the 统计数 column, else the last cell after a 行次
        let cell_at = |i: usize| line.cells.get(i).map(|c| c.trim()).unwrap_or("");
        let value = match value_col {
            Some(c) if c < line.cells.len() => cell_at(c),
            _ if line.cells.len() >= 3 => cell_at(line.cells.len() - 1),
            _ if line.cells.len() == 2 => cell_at(1),
            _ => "",
        };
        let k = normalise::key(item);
        let rule = g
            .rows
            .stats
            .iter()
            .filter(|r| {
                section.is_none()
                    || r.section == section.unwrap_or("")
                    || r.section == "equipment_over_1m"
                    || (r.section == "vehicles" && section == Some("vehicles"))
            })
            .find(|r| r.names.iter().any(|n| normalise::key(n) == k));
        match rule.map(|r| (r.section.as_str(), r.field.as_deref())) {
            Some(("equipment_over_1m", _)) => match cells::count(value) {
                Ok(n) => t.equipment_over_1m = n,
                Err(_) => warnings.push(id, format!("{item}: cannot read {value:?} as a count")),
            },
            Some(("vehicles", Some(field))) => match cells::count(value) {
                Ok(n) => {
                    t.vehicles.insert(field.to_string(), n);
                }
                Err(_) => warnings.push(id, format!("{item}: cannot read {value:?} as a count")),
            },
            Some((sec, Some(field))) => {
                let v = cells::amount(Some(&value.to_string()), id, || item.to_string(), warnings);
                let map = if sec == "procurement" {
                    &mut t.procurement
                } else {
                    &mut t.office_operation
                };
                map.insert(field.to_string(), v);
            }
            _ if section == Some("vehicles") => match cells::count(value) {
                Ok(n) => {
                    t.vehicles.insert(item.to_string(), n);
                }
                Err(_) => warnings.push(id, format!("{item}: cannot read {value:?} as a count")),
            },
            _ => {
                if !value.is_empty() {
                    warnings.push(
                        id,
                        format!("line {item:?} ({value}) is not a known item; not kept"),
                    );
                }
            }
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_sections() {
        let text = "一、政府采购情况\t\t\n项目\t行次\t统计数\n合计\t1\t700.00\n货物\t2\t\n服务\t4\t700.00\n\
                    二、机关运行经费\t\t\n项目\t\t统计数\n(一) 行政单位\t5\t19.07\n\
                    三、国有资产占用情况\t\t\n（一）车辆数合计（辆）\t7\t1\n3. 机要通信用车\t10\t1\n8. 其他用车\t15\t\n\
                    （二）单价100万元（含）以上设备（不含车辆）\t17\t\n";
        let lines = crate::normalise::doc(crate::ingest::text::read_text(text)).lines;
        let mut w = Warnings::default();
        let t = parse("disclosure_stats", TableMeta::default(), &lines, &mut w);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(t.procurement["total"].unwrap().to_string(), "700.00");
        assert_eq!(t.procurement["goods"], None);
        assert_eq!(
            t.office_operation["administrative"].unwrap().to_string(),
            "19.07"
        );
        assert_eq!(t.vehicles["total"], Some(1));
        assert_eq!(t.vehicles["机要通信用车"], Some(1));
        assert_eq!(t.vehicles["其他用车"], None);
        assert_eq!(t.equipment_over_1m, None);
        assert!(t.vehicles.contains_key("其他用车"));
    }

    #[test]
    fn a_section_repeated_over_a_continued_page_does_not_reopen() {
        // the table's first lines printed again over its second page
        let text = "一、政府采购情况\t\t\n项目\t行次\t统计数\n合计\t1\t700.00\n\
                    三、国有资产占用情况\t\t\n（一）车辆数合计（辆）\t7\t1\n\
                    3. 机要通信用车\t10\t1\n\
                    一、政府采购情况\t\t\n项目\t行次\t统计数\n8. 其他用车\t15\t\n";
        let lines = crate::normalise::doc(crate::ingest::text::read_text(text)).lines;
        let mut w = Warnings::default();
        let t = parse("disclosure_stats", TableMeta::default(), &lines, &mut w);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(t.vehicles["机要通信用车"], Some(1));
        assert!(t.vehicles.contains_key("其他用车"), "{:?}", t.vehicles);
    }
}
