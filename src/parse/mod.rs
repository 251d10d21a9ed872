//! Parse: one table [`Block`] → its typed table, one parser per layout.
//!
//! Every parser reads cells by column index, so a blank cell is a blank value,
//! never a shifted one. Header lines are read column by column (see
//! [`header`]); values are read with [`cells`]; what cannot be read is
//! reported through [`Warnings`], never dropped silently.

pub mod basic;
pub mod cells;
pub mod classified;
pub mod extra;
pub mod header;
pub mod meta;
pub mod narrative;
pub mod performance;
pub mod stats;
pub mod summary;
pub mod three_public;

use crate::grammar::Layout;
use crate::model::{ExtraTable, Finding, Severity, Table, TableMeta, Tables};
use crate::segment::Block;

/// Problems met while parsing; they become `warning` findings.
#[derive(Debug, Default, Clone)]
pub struct Warnings {
    items: Vec<(String, String)>,
    /// Readings normalised on purpose (a code printed without its zeros):
    /// said, but no sign of a misreading.
    notes: Vec<(String, String)>,
}

impl Warnings {
    /// Records that something in `table` could not be read.
    pub fn push(&mut self, table: &str, message: impl Into<String>) {
        self.items.push((table.to_string(), message.into()));
    }

    /// Records that a cell of `table` was normalised to be read (rule
    /// `parse.normalised`): a warning that does not make the reading uncertain.
    pub fn note(&mut self, table: &str, message: impl Into<String>) {
        self.notes.push((table.to_string(), message.into()));
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
        let notes = self.notes.into_iter().map(|n| ("parse.normalised", n));
        self.items
            .into_iter()
            .map(|n| ("parse.unreadable", n))
            .chain(notes)
            .map(|(rule, (table, message))| Finding {
                rule: rule.into(),
                severity: Severity::Warning,
                tables: if table.is_empty() {
                    vec![]
                } else {
                    vec![table]
                },
                message,
                expected: None,
                actual: None,
                location: None,
                locations: Vec::new(),
            })
            .collect()
    }
}

/// Whether most coded rows print codes of two classifications in separate
/// cells (a function code 2xx beside an economic code 3xx/5xx).
fn cross_classified(lines: &[crate::doc::Line]) -> bool {
    let (mut coded, mut crossed) = (0, 0);
    for l in lines {
        let firsts: Vec<char> = l
            .cells
            .iter()
            .filter_map(|c| {
                let c = c.trim();
                cells::code(c)
                    .or_else(|| cells::code_and_name(c).map(|x| x.0))
                    .and_then(|k| k.chars().next())
            })
            .collect();
        if firsts.is_empty() {
            continue;
        }
        coded += 1;
        if firsts.iter().any(|f| *f != firsts[0]) {
            crossed += 1;
        }
    }
    coded >= 3 && 2 * crossed >= coded
}

/// Parses every table block: the standard tables into their typed forms, the
/// others into extra tables.
pub fn tables(
    blocks: &[Block],
    kind: Option<&str>,
    year: Option<i32>,
    warnings: &mut Warnings,
) -> (Tables, Vec<ExtraTable>) {
    let mut t = Tables::default();
    let mut extra = Vec::new();
    let default_side = if kind == Some("budget") {
        "budget"
    } else {
        "actual"
    };
    for b in blocks {
        let Some(tg) = b.grammar else {
            extra.push(extra::parse(b));
            continue;
        };
        let meta = TableMeta {
            label: b.label.clone(),
            title: b.title.clone(),
            unit: b.unit.clone(),
            pages: b.pages.clone(),
            empty: b.empty,
            uncertain: None,
            aligned: b.lines.iter().any(|l| l.aligned),
        };
        let id = tg.id.as_str();
        // rows crossing a function class with an economic one (支出总表 of
        // 功能 | 政府经济 | 部门经济 codes) are no function hierarchy: kept as printed
        if tg.layout == Layout::Classified && cross_classified(&b.lines) {
            extra.push(extra::parse(b));
            continue;
        }
        let table = match tg.layout {
            Layout::Summary => Table::Summary(summary::parse(tg, meta, &b.lines, warnings)),
            Layout::Classified => {
                Table::Classified(classified::parse(tg, meta, &b.lines, warnings))
            }
            Layout::Basic => Table::Basic(basic::parse(tg, meta, &b.lines, warnings)),
            Layout::ThreePublic => Table::ThreePublic(three_public::parse(
                tg,
                meta,
                &b.lines,
                default_side,
                year,
                warnings,
            )),
            Layout::Stats => Table::Stats(stats::parse(id, meta, &b.lines, warnings)),
        };
        t.insert(id, table);
    }
    (t, extra)
}
