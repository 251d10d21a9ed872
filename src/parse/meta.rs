//! Report metadata: kind, year, department, main unit.

use crate::doc::Line;
use crate::grammar::grammar;
use crate::model::ReportMeta;
use crate::segment::Block;

/// `final_accounts` or `budget` for 决算 / 预算.
fn kind_of(word: &str) -> String {
    if word == grammar().meta.final_word {
        "final_accounts"
    } else {
        "budget"
    }
    .to_string()
}

/// A department name as a report prints it, without the markers of which
/// books it covers (`(汇总)`, `(本级)`), or `None` when the text is not a name
/// (a year, a numbering, a title).
fn department(raw: &str) -> Option<String> {
    let m = &grammar().meta;
    let mut d = raw.trim().trim_start_matches('#').trim().to_string();
    for marker in &m.book_markers {
        d = d.replace(marker.as_str(), "");
    }
    let d = d.trim().trim_end_matches([':', ',', '、']).to_string();
    let n = d.chars().count();
    let bad = !(2..=40).contains(&n)
        || grammar().re().year.is_match(&d)
        || d.chars().all(|c| c.is_ascii_digit())
        || crate::segment::strip_numbering(&d).len() != d.len()
        || m.not_name.iter().any(|w| d.contains(w.as_str()));
    (!bad).then_some(d)
}

/// Reads the report's metadata from its cover, its headings and its tables.
pub fn read(front: &[Line], tables: &[Block], all: &[Line]) -> ReportMeta {
    let mut meta = ReportMeta {
        kind: None,
        year: None,
        department: None,
        unit: None,
    };
    // the cover: the first page's lines up to the contents (a title may be
    // wrapped: 中共上海市普陀区委 / 社会工作部2024年度 / 部门决算)
    let first_page = all.first().map(|l| l.page).unwrap_or(0);
    let cover_lines: Vec<String> = front
        .iter()
        .take_while(|l| l.page == first_page)
        .take(8)
        .map(|l| l.joined())
        .take_while(|t| !t.contains(grammar().meta.contents.as_str()))
        .collect();
    let cover: String = cover_lines
        .iter()
        .filter(|t| !t.contains(':'))
        .cloned()
        .collect();
    let re = grammar().re();
    if let Some(c) = re.year_then_department.captures(&cover) {
        meta.year = c[1].parse().ok();
        meta.kind = Some(kind_of(&c[3]));
        meta.department = department(&c[2]);
    }
    if meta.kind.is_none() {
        if let Some(c) = re.department_then_year.captures(&cover) {
            meta.year = c[2].parse().ok();
            meta.kind = Some(kind_of(&c[3]));
            meta.department = department(&c[1]);
        }
    }
    // a heading anywhere in the first lines: 2024年度部门决算
    if meta.kind.is_none() {
        for l in front.iter().chain(all.iter()).take(60) {
            let t = l.joined();
            if let Some(c) = re.year_kind.captures(&t) {
                meta.year = c[1].parse().ok();
                meta.kind = Some(kind_of(&c[2]));
                if meta.department.is_none() {
                    if let Some(d) = re.department_then_year.captures(&t) {
                        meta.department = department(&d[1]);
                    }
                }
                break;
            }
        }
    }
    // the department a cover or a table labels (预算主管部门: …, 部门名称: …)
    // beats one read from a title
    let labelled = cover_lines
        .iter()
        .map(String::as_str)
        .chain(
            tables
                .iter()
                .flat_map(|b| b.lines.iter().take(8))
                .chain(all.iter().take(300))
                .flat_map(|l| l.cells.iter().map(|c| c.trim())),
        )
        .find_map(|c| {
            re.department_label
                .captures(c)
                .and_then(|m| department(&re.after_name.replace(&m[1], "")))
        });
    if let Some(d) = labelled {
        meta.department = Some(d);
    }
    // a table row printing 部门名称 | 北京市财政局 in two cells
    if meta.department.is_none() {
        meta.department = all.iter().find_map(|l| {
            let cells: Vec<&str> = l.filled().collect();
            cells
                .windows(2)
                .find(|w| grammar().meta.name_cells.iter().any(|n| n == w[0]))
                .and_then(|w| department(w[1]))
        });
    }
    if meta.department.is_none() {
        meta.department = cover_lines.iter().find_map(|t| department(t));
    }
    if meta.kind.is_none() {
        // titles, labels (预算01表) and the side headers (预算数, 2026年决算数)
        let side = |w: &str| grammar().table("three_public").and_then(|t| t.side(w));
        let count = |w: &str| {
            tables
                .iter()
                .filter(|b| {
                    b.title.contains(w)
                        || b.label.as_deref().is_some_and(|l| l.contains(w))
                        || b.lines.iter().take(6).any(|l| {
                            l.cells.iter().any(|c| {
                                let c = c.trim();
                                c.len() <= 24 && c.contains(w) && side(c).is_some()
                            })
                        })
                })
                .count()
        };
        let m = &grammar().meta;
        let (finals, budgets) = (count(&m.final_word), count(&m.budget_word));
        if finals + budgets > 0 {
            meta.kind = Some(kind_of(if finals > budgets {
                &m.final_word
            } else {
                &m.budget_word
            }));
        }
    }
    if meta.year.is_none() {
        meta.year = tables
            .iter()
            .map(|b| b.title.as_str())
            .chain(front.iter().take(60).map(|l| l.cells[0].as_str()))
            .find_map(|t| re.year.captures(t).and_then(|c| c[1].parse().ok()))
            .or_else(|| {
                all.iter()
                    .filter(|l| l.filled().count() == 1)
                    .find_map(|l| {
                        let t = l.joined();
                        let t = t.trim_start_matches('(').trim_end_matches(')');
                        (t.ends_with(grammar().document.year_cell_end.as_str())
                            && t.chars().count() <= 8)
                            .then(|| re.year.captures(t).and_then(|c| c[1].parse().ok()))
                            .flatten()
                    })
            });
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
/// title (the first lines, short ones joined as a wrapped cover title) names
/// a 部门预算/决算 of a year, and its prose states figures in money (a 情况说明
/// published apart from its tables).
pub fn is_report_prose(
    lines: &[Line],
    meta: &ReportMeta,
    narrative: &crate::model::Narrative,
) -> bool {
    let mut title = String::new();
    for l in lines.iter().take(6) {
        let t = l.joined();
        if title.is_empty() || t.chars().count() <= 25 {
            title.push_str(&t);
        }
        if t.chars().count() > 25 {
            break;
        }
    }
    let money = narrative
        .claims
        .iter()
        .filter(|c| c.kind == "amount")
        .count();
    grammar().re().year_kind.is_match(&title)
        && meta.kind.is_some()
        && meta.year.is_some()
        && money >= 5
}
