//! The corpus instrument: how juesuan reads a folder of reports, at a glance.
//!
//! For every input: accepted or refused (and why), kind, year and department,
//! the tables found by id with their rows, the share of parent rows that equal
//! the sum of their children (how well a table's reading holds up), tables
//! read as uncertain, and findings by severity; then the same rolled up. This
//! is where a new layout shows first that it breaks.

use std::collections::BTreeMap;

use rayon::prelude::*;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::{ClassifiedTable, Document, Severity, Table};
use crate::Failure;

/// One input's line of the survey.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    /// The input as given.
    pub path: String,
    /// `None` when accepted; the failure kind and message when refused.
    pub refused: Option<(String, String)>,
    /// `budget` / `final_accounts`.
    pub kind: Option<String>,
    /// The report's year.
    pub year: Option<i32>,
    /// The department.
    pub department: Option<String>,
    /// Standard tables found: id → rows (lines, items).
    pub tables: BTreeMap<String, usize>,
    /// Tables outside the catalogue.
    pub extra_tables: usize,
    /// Parent rows (类, 款 and 合计 of classified tables) whose every value
    /// equals the sum of their children within rounding, and how many there are.
    pub parents_ok: usize,
    /// Parent rows checked.
    pub parents: usize,
    /// Tables read as uncertain.
    pub uncertain: Vec<String>,
    /// Findings by severity: error, rounding, warning.
    pub findings: [usize; 3],
}

/// Surveys one input.
pub fn entry(path: &str, result: &Result<Document, Failure>) -> Entry {
    let mut e = Entry {
        path: path.to_string(),
        refused: None,
        kind: None,
        year: None,
        department: None,
        tables: BTreeMap::new(),
        extra_tables: 0,
        parents_ok: 0,
        parents: 0,
        uncertain: Vec::new(),
        findings: [0; 3],
    };
    let doc = match result {
        Ok(d) => d,
        Err(f) => {
            e.refused = Some((f.kind.as_str().to_string(), f.message.clone()));
            return e;
        }
    };
    e.kind = doc.report.kind.clone();
    e.year = doc.report.year;
    e.department = doc.report.department.clone();
    e.extra_tables = doc.extra_tables.len();
    for (id, t) in doc.tables.iter() {
        let rows = match t {
            Table::Summary(s) => s.income.len().max(s.expenditure.len()),
            Table::Classified(c) => {
                let (ok, n) = parents(c);
                e.parents_ok += ok;
                e.parents += n;
                c.rows.len()
            }
            Table::Basic(b) => b.items.len(),
            Table::ThreePublic(t) => {
                usize::from(t.budget.is_some()) + usize::from(t.actual.is_some())
            }
            Table::Stats(s) => s.procurement.len() + s.office_operation.len() + s.vehicles.len(),
        };
        e.tables.insert(id.to_string(), rows);
        if t.meta().uncertain.is_some() {
            e.uncertain.push(id.to_string());
        }
    }
    for f in &doc.findings {
        let i = match f.severity {
            Severity::Error => 0,
            Severity::Rounding => 1,
            Severity::Warning => 2,
        };
        e.findings[i] += 1;
    }
    e
}

/// Parent rows of a classified table that equal their children (every
/// printed column, within 0.01 per child), and how many parents there are.
fn parents(t: &ClassifiedTable) -> (usize, usize) {
    let (mut ok, mut n) = (0, 0);
    for (i, row) in t.rows.iter().enumerate() {
        if row.level >= 3 {
            continue;
        }
        // children: the next level down until a row at this level or above
        let children: Vec<_> = t.rows[i + 1..]
            .iter()
            .take_while(|c| c.level > row.level)
            .filter(|c| c.level == row.level + 1)
            .collect();
        if children.is_empty() {
            continue;
        }
        n += 1;
        let tol = Decimal::new(1, 2) * Decimal::from(children.len() as i64);
        let holds = t.columns.iter().all(|col| {
            let v = |r: &crate::model::ClassifiedRow| r.values.get(col).copied().flatten();
            let sum: Decimal = children.iter().filter_map(|c| v(c)).sum();
            (v(row).unwrap_or_default() - sum).abs() <= tol
        });
        ok += usize::from(holds);
    }
    (ok, n)
}

/// Extracts every input (in parallel) and surveys it.
pub fn run(paths: &[String]) -> Vec<Entry> {
    // files are the parallel unit: one PDF's pages are read on one thread
    crate::ingest::pdf::set_parallel_pages(false);
    paths
        .par_iter()
        .map(|p| {
            let result = match crate::read_input(p) {
                Ok(bytes) => {
                    std::panic::catch_unwind(|| crate::extract(p, &bytes)).unwrap_or_else(|_| {
                        Err(Failure::new(
                            crate::FailureKind::Internal,
                            "the reader panicked (a bug)",
                        ))
                    })
                }
                Err(err) => Err(Failure::new(
                    crate::FailureKind::Unreadable,
                    format!("cannot read: {err}"),
                )),
            };
            entry(p, &result)
        })
        .collect()
}

/// The survey as a table for people: one line per input, then the totals.
pub fn render(entries: &[Entry]) -> String {
    let mut s = String::new();
    let mut by_table: BTreeMap<&str, usize> = BTreeMap::new();
    let mut refused: BTreeMap<&str, usize> = BTreeMap::new();
    let (mut ok, mut n, mut findings) = (0, 0, [0usize; 3]);
    for e in entries {
        let name = e.path.rsplit('/').next().unwrap_or(&e.path);
        match &e.refused {
            Some((kind, msg)) => {
                *refused.entry(kind).or_default() += 1;
                s.push_str(&format!("{name}: REFUSED {kind}: {msg}\n"));
            }
            None => {
                let tables: Vec<String> = e
                    .tables
                    .iter()
                    .map(|(id, rows)| format!("{id}:{rows}"))
                    .collect();
                for id in e.tables.keys() {
                    *by_table.entry(id).or_default() += 1;
                }
                let share = if e.parents == 0 {
                    "-".to_string()
                } else {
                    format!("{}/{}", e.parents_ok, e.parents)
                };
                s.push_str(&format!(
                    "{name}: {} {} {} | tables {} + {} extra | parents {share} | uncertain [{}] | findings {}E {}R {}W\n",
                    e.kind.as_deref().unwrap_or("?"),
                    e.year.map(|y| y.to_string()).unwrap_or_else(|| "?".into()),
                    e.department.as_deref().unwrap_or("?"),
                    tables.join(" "),
                    e.extra_tables,
                    e.uncertain.join(","),
                    e.findings[0],
                    e.findings[1],
                    e.findings[2],
                ));
                ok += e.parents_ok;
                n += e.parents;
                for (total, n) in findings.iter_mut().zip(e.findings) {
                    *total += n;
                }
            }
        }
    }
    let accepted = entries.iter().filter(|e| e.refused.is_none()).count();
    s.push_str(&format!(
        "\n{} inputs: {accepted} accepted, {} refused {:?}\n",
        entries.len(),
        entries.len() - accepted,
        refused
    ));
    s.push_str(&format!("tables found: {by_table:?}\n"));
    s.push_str(&format!(
        "parent rows equal to their children: {ok}/{n}{}\n",
        if n > 0 {
            format!(" ({:.1}%)", ok as f64 * 100.0 / n as f64)
        } else {
            String::new()
        }
    ));
    s.push_str(&format!(
        "findings: {} error, {} rounding, {} warning\n",
        findings[0], findings[1], findings[2]
    ));
    s
}
