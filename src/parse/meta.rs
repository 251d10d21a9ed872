//! Report metadata: kind, year, department, main unit.

use std::sync::LazyLock;

use regex::Regex;

use crate::doc::Line;
use crate::model::ReportMeta;
use crate::segment::Block;

static DEPT_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    // the name ends where the unit, a year or a space starts (spaces next to
    // CJK are gone after normalising: "编制部门:某某委员会单位:元")
    Regex::new(
        r"(?:部门名称|单位名称|编制部门|编制单位|报送单位|预算单位|预算主管部门)[ \t]*:[ \t]*([^[ \t]:]+?)(?:(?:金额)?单位:|[0-9]{4}年|[ \t]|$)",
    )
    .unwrap()
});
static YEAR_KIND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(20[0-9][0-9])[ \t]*年度?[ \t]*(?:部门|单位)?[ \t]*(决算|预算)").unwrap()
});
static TITLE_DEPT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([^0-9]+?)[ \t]*(20[0-9][0-9])[ \t]*年度?[ \t]*(?:部门|单位)?[ \t]*(?:决算|预算)")
        .unwrap()
});
static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(20[0-9][0-9])[ \t]*年").unwrap());
static TRAILING_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(20[0-9][0-9][ \t]*年度?|单位:.*|金额单位.*)$").unwrap());

/// Reads the report's metadata from its first lines and its tables.
pub fn read(front: &[Line], tables: &[Block], all: &[Line]) -> ReportMeta {
    let head: Vec<String> = front
        .iter()
        .chain(all.iter())
        .take(60)
        .map(|l| l.joined())
        .collect();
    let mut meta = ReportMeta {
        kind: None,
        year: None,
        department: None,
        unit: None,
    };
    // a cover title may be wrapped: 中共上海市普陀区委 / 社会工作部2024年度 / 部门决算
    let cover: String = front
        .iter()
        .take(4)
        .map(|l| l.joined())
        .take_while(|t| !t.contains("目录"))
        .collect();
    if let Some(d) = TITLE_DEPT.captures(&cover) {
        let d = d[1].trim();
        if !d.is_empty() && !d.contains('第') {
            meta.department = Some(d.to_string());
        }
    }
    for t in &head {
        if let Some(c) = YEAR_KIND.captures(t) {
            meta.year = c[1].parse().ok();
            meta.kind = Some(
                if &c[2] == "决算" {
                    "final_accounts"
                } else {
                    "budget"
                }
                .to_string(),
            );
            if meta.department.is_none() {
                if let Some(d) = TITLE_DEPT.captures(t) {
                    let d = d[1]
                        .trim_start_matches(|c: char| c == '#' || c.is_whitespace())
                        .trim();
                    if !d.is_empty() && !d.contains("第") {
                        meta.department = Some(d.to_string());
                    }
                }
            }
            break;
        }
    }
    // the department as a table prints it beats one guessed from the title
    let labelled = tables
        .iter()
        .flat_map(|b| b.lines.iter().take(8))
        .chain(all.iter().take(200))
        .find_map(|l| {
            l.filled().find_map(|c| {
                DEPT_LABEL
                    .captures(c)
                    .map(|m| TRAILING_YEAR.replace(&m[1], "").trim().to_string())
            })
        });
    if let Some(d) = labelled.filter(|d| !d.is_empty()) {
        meta.department = Some(d);
    }
    if meta.department.is_none() {
        meta.department = front
            .iter()
            .map(|l| l.joined())
            .find(|t| !t.is_empty() && t.chars().count() <= 30 && !t.contains("目录"))
            .map(|t| t.trim().to_string());
    }
    if meta.kind.is_none() {
        let finals = tables.iter().filter(|b| b.title.contains("决算")).count();
        let budgets = tables
            .iter()
            .filter(|b| b.title.contains("预算表") || b.title.contains("预算总表"))
            .count();
        if finals + budgets > 0 {
            meta.kind = Some(
                if finals >= budgets {
                    "final_accounts"
                } else {
                    "budget"
                }
                .to_string(),
            );
        }
    }
    if meta.year.is_none() {
        meta.year = head
            .iter()
            .find_map(|t| YEAR.captures(t).and_then(|c| c[1].parse().ok()));
    }
    meta.unit = tables
        .iter()
        .filter(|b| {
            b.id()
                .is_some_and(|id| id != "three_public" && id != "disclosure_stats")
        })
        .find_map(|b| b.unit.clone());
    meta
}

/// True when a document without standard tables is still a report: its
/// heading names a 部门预算/决算 of a year, and its prose states figures in
/// money (a 情况说明 published apart from its tables).
pub fn is_report_prose(meta: &ReportMeta, narrative: &crate::model::Narrative) -> bool {
    let money = narrative
        .claims
        .iter()
        .filter(|c| c.kind == "amount")
        .count();
    meta.kind.is_some() && meta.year.is_some() && money >= 5
}
