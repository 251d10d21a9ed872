//! Parse: one table [`Block`] → its typed table, one parser per layout.
//!
//! Every parser reads cells by column index, so a blank cell is a blank value,
//! never a shifted one. Header lines are read column by column (see
//! [`header`]); values are read with [`cells`]; what cannot be read is
//! reported through [`Warnings`], never dropped silently.

pub mod basic;
pub mod cells;
pub mod classified;
pub mod header;
pub mod meta;
pub mod narrative;
pub mod performance;
pub mod stats;
pub mod summary;
pub mod three_public;

use crate::grammar::Layout;
use crate::model::{Finding, Severity, TableMeta, Tables};
use crate::segment::Block;

/// Problems met while parsing; they become `warning` findings.
#[derive(Debug, Default, Clone)]
pub struct Warnings {
    items: Vec<(String, String)>,
}

impl Warnings {
    /// Records that something in `table` could not be read.
    pub fn push(&mut self, table: &str, message: impl Into<String>) {
        self.items.push((table.to_string(), message.into()));
    }

    /// Number of warnings.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The warnings as findings (rule `parse.unreadable`).
    pub fn into_findings(self) -> Vec<Finding> {
        self.items
            .into_iter()
            .map(|(table, message)| Finding {
                rule: "parse.unreadable".into(),
                severity: Severity::Warning,
                tables: if table.is_empty() {
                    vec![]
                } else {
                    vec![table]
                },
                message,
                expected: None,
                actual: None,
            })
            .collect()
    }
}

/// Parses every table block into the typed tables. A block whose id is already
/// filled (a second copy) is skipped by the segmenter before this point.
pub fn tables(blocks: &[Block], kind: Option<&str>, warnings: &mut Warnings) -> Tables {
    let mut t = Tables::default();
    let default_side = if kind == Some("budget") {
        "budget"
    } else {
        "actual"
    };
    for b in blocks {
        let meta = TableMeta {
            label: b.label.clone(),
            title: b.title.clone(),
            unit: b.unit.clone(),
            pages: b.pages.clone(),
            empty: b.empty,
        };
        let id = b.grammar.id.as_str();
        match b.grammar.layout {
            Layout::Summary => {
                let s = summary::parse(id, meta, &b.lines, warnings);
                match id {
                    "fiscal_summary" => t.fiscal_summary = Some(s),
                    _ => t.income_expenditure_summary = Some(s),
                }
            }
            Layout::Classified => {
                let c = classified::parse(b.grammar, meta, &b.lines, warnings);
                match id {
                    "income" => t.income = Some(c),
                    "expenditure" => t.expenditure = Some(c),
                    "general_budget_expenditure" => t.general_budget_expenditure = Some(c),
                    "government_fund" => t.government_fund = Some(c),
                    _ => t.state_capital = Some(c),
                }
            }
            Layout::Basic => {
                t.general_budget_basic_expenditure =
                    Some(basic::parse(id, meta, &b.lines, warnings))
            }
            Layout::ThreePublic => {
                t.three_public = Some(three_public::parse(
                    b.grammar,
                    meta,
                    &b.lines,
                    default_side,
                    warnings,
                ))
            }
            Layout::Stats => t.disclosure_stats = Some(stats::parse(id, meta, &b.lines, warnings)),
        }
    }
    t
}
