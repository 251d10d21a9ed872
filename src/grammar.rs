//! Layout knowledge loaded from `grammars/*.toml`: table titles, header aliases,
//! fixed row labels, prose patterns. The files are compiled into the binary, so
//! a release build needs nothing beside it; adding a region's variant is an
//! edit to those files plus a sample.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::normalise;

/// All grammar files, parsed once.
#[derive(Debug, Deserialize)]
pub struct Grammar {
    /// `tables.toml`: one entry per table id.
    pub table: Vec<TableGrammar>,
    /// `rows.toml`.
    #[serde(skip)]
    pub rows: RowsGrammar,
    /// `narrative.toml`.
    #[serde(skip)]
    pub narrative: NarrativeGrammar,
    /// Lines that mark a table as having no data.
    pub empty_markers: Vec<String>,
    /// The 绩效自评 annex's project table.
    pub performance: PerformanceGrammar,
    /// Words all layouts share.
    pub words: Words,
    /// Every title in key form: (table index, key, length in characters).
    #[serde(skip)]
    pub title_keys: Vec<(usize, String, usize)>,
}

/// Words all table layouts share (`[words]` in `tables.toml`).
#[derive(Debug, Deserialize)]
pub struct Words {
    /// Whole cells naming a total row (合计, 总计 …).
    pub total_rows: Vec<String>,
    /// Fragments of a code column's header (科目代码, 科目编码).
    pub code_header_contains: Vec<String>,
    /// Fragments of a name column's header (科目名称).
    pub name_header_contains: Vec<String>,
    /// Header of the 类 part of a split code.
    pub class_part: String,
    /// Header of the 款 part.
    pub kuan_part: String,
    /// Header of the 项 part.
    pub xiang_part: String,
    /// Fragments of an amount column's header (决算数 …).
    pub amount_header_contains: Vec<String>,
    /// Whole amount column headers (合计, 小计).
    pub amount_headers: Vec<String>,
    /// Prefixes of a note under a table (注:).
    pub note_prefixes: Vec<String>,
    /// Fragments of a line saying who made a table and in what unit.
    pub meta_contains: Vec<String>,
    /// Labels of a column-number line (栏次).
    pub column_number_labels: Vec<String>,
    /// Header words where a summary table's expenditure side starts.
    pub expenditure_side: Vec<String>,
    /// Fragments of the statistics table's value column header.
    pub stats_value_header_contains: Vec<String>,
    /// Statistics table section headings.
    pub stats_sections: Vec<StatsSection>,
}

/// A section of the statistics table and the words of its heading.
#[derive(Debug, Deserialize)]
pub struct StatsSection {
    /// `procurement`, `office_operation`, `vehicles`.
    pub section: String,
    /// Heading fragments.
    pub contains: Vec<String>,
}

impl Words {
    /// A whole cell naming a total row.
    pub fn is_total(&self, s: &str) -> bool {
        self.total_rows.iter().any(|t| t == s)
    }

    /// A header naming a code column (whole or split).
    pub fn is_code_header(&self, s: &str) -> bool {
        self.code_header_contains
            .iter()
            .any(|t| s.contains(t.as_str()))
    }

    /// A header naming the name column.
    pub fn is_name_header(&self, s: &str) -> bool {
        self.name_header_contains
            .iter()
            .any(|t| s.contains(t.as_str()))
    }

    /// 类, 款 or 项.
    pub fn is_code_part(&self, s: &str) -> bool {
        s == self.class_part || s == self.kuan_part || s == self.xiang_part
    }

    /// A header naming an amount column.
    pub fn is_amount_header(&self, s: &str) -> bool {
        self.amount_headers.iter().any(|t| t == s)
            || self
                .amount_header_contains
                .iter()
                .any(|t| s.contains(t.as_str()))
    }

    /// A note under a table.
    pub fn is_note(&self, s: &str) -> bool {
        self.note_prefixes.iter().any(|t| s.starts_with(t.as_str()))
    }

    /// Who made the table and in what unit.
    pub fn is_meta(&self, s: &str) -> bool {
        self.meta_contains.iter().any(|t| s.contains(t.as_str()))
    }

    /// The label of a column-number line.
    pub fn is_column_number_label(&self, s: &str) -> bool {
        self.column_number_labels
            .iter()
            .any(|t| s.contains(t.as_str()))
    }

    /// The statistics section a heading opens.
    pub fn stats_section(&self, s: &str) -> Option<&str> {
        self.stats_sections
            .iter()
            .find(|x| x.contains.iter().any(|c| s.contains(c.as_str())))
            .map(|x| x.section.as_str())
    }
}

/// How to find and read the performance self-evaluation table.
#[derive(Debug, Deserialize)]
pub struct PerformanceGrammar {
    /// One of these must be in the header line.
    pub detect_all: Vec<String>,
    /// And one of these.
    pub detect_any: Vec<String>,
    /// Header texts → fields; the first column claiming a field keeps it.
    pub columns: Vec<ColumnAlias>,
}

/// A name ending to replace: a connecting word printed after the name.
#[derive(Debug, Clone, Deserialize)]
pub struct NameTrim {
    /// The ending as printed (`项目用`).
    pub ends: String,
    /// What stays of it (`项目`).
    pub keep: String,
}

/// How a table is laid out, which picks its parser.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// Two sides, 收入 | 支出 (01, 04).
    Summary,
    /// Function-classified rows (02, 03, 05, 07, 08).
    Classified,
    /// Economic-classification blocks (06).
    Basic,
    /// 三公 (09).
    ThreePublic,
    /// Statistics (10).
    Stats,
}

/// One table id's knowledge.
#[derive(Debug, Clone, Deserialize)]
pub struct TableGrammar {
    /// The contract's table id.
    pub id: String,
    /// Which parser reads it.
    pub layout: Layout,
    /// Usual label numbers (公开NN表) in the ten-table layout.
    #[serde(default)]
    pub numbers: Vec<u32>,
    /// Printed titles (quotes dropped).
    pub titles: Vec<String>,
    /// Header aliases → column ids.
    #[serde(default)]
    pub columns: Vec<ColumnAlias>,
    /// Header words naming a side (三公: budget / actual).
    #[serde(default)]
    pub sides: Vec<SideAlias>,
}

/// Header texts that name one column.
#[derive(Debug, Clone, Deserialize)]
pub struct ColumnAlias {
    /// Column id.
    pub id: String,
    /// Whole header texts.
    #[serde(default)]
    pub exact: Vec<String>,
}

/// Header fragments that name a side.
#[derive(Debug, Clone, Deserialize)]
pub struct SideAlias {
    /// Side id.
    pub id: String,
    /// Fragments.
    pub contains: Vec<String>,
}

/// `rows.toml`.
#[derive(Debug, Default, Deserialize)]
pub struct RowsGrammar {
    /// Function class code → names.
    pub classes: BTreeMap<String, Vec<String>>,
    /// Summary line keys per side.
    pub summary: SummaryRows,
    /// Summary value columns → header texts.
    pub summary_columns: BTreeMap<String, Vec<String>>,
    /// Statistics table items.
    pub stats: Vec<StatsItem>,
    /// Basic expenditure table knowledge.
    pub basic: BasicGrammar,
}

/// Summary line keys for each side.
#[derive(Debug, Default, Deserialize)]
pub struct SummaryRows {
    /// Income side.
    pub income: Vec<LineKey>,
    /// Expenditure side.
    pub expenditure: Vec<LineKey>,
}

/// One summary line key.
#[derive(Debug, Clone, Deserialize)]
pub struct LineKey {
    /// The key.
    pub key: String,
    /// Applies only under a line with this key.
    #[serde(default)]
    pub after: Option<String>,
    /// Printed names.
    pub names: Vec<String>,
}

/// One statistics item.
#[derive(Debug, Clone, Deserialize)]
pub struct StatsItem {
    /// `procurement`, `office_operation`, `vehicles`, `equipment_over_1m`.
    pub section: String,
    /// Field within the section.
    #[serde(default)]
    pub field: Option<String>,
    /// Printed names.
    pub names: Vec<String>,
}

/// Basic expenditure knowledge.
#[derive(Debug, Default, Deserialize)]
pub struct BasicGrammar {
    /// Code prefixes of personnel items.
    pub personnel_prefixes: Vec<String>,
    /// Labels of the personnel total.
    pub personnel_total: Vec<String>,
    /// Labels of the public total.
    pub public_total: Vec<String>,
    /// Headers of the budget layout's personnel column.
    pub personnel_column: Vec<String>,
    /// Headers of the budget layout's public column.
    pub public_column: Vec<String>,
}

/// `narrative.toml`: how prose clauses name table figures.
#[derive(Debug, Default, Deserialize)]
pub struct NarrativeGrammar {
    /// Units that make a number a figure.
    pub units: Vec<UnitDef>,
    /// Text right after a number that makes it a threshold, not a figure.
    pub not_after: Vec<String>,
    /// Connecting words taken off the end of the text before a figure when no rule matches.
    #[serde(default)]
    pub fillers: Vec<String>,
    /// Phrases that make a clause talk about the general-budget table's total.
    #[serde(default)]
    pub topic_total: Vec<String>,
    /// Fixed phrase → table cell rules.
    pub claim: Vec<ClaimRule>,
    /// Prose names of basic-expenditure items that differ from the table's.
    #[serde(default)]
    pub basic_aliases: BTreeMap<String, String>,
    /// How the 绩效自评 annex's prose states each project.
    pub performance_prose: PerformanceProseGrammar,
}

/// The words that introduce each figure of a project paragraph in the
/// 绩效自评 annex (`[performance_prose]` in `narrative.toml`).
#[derive(Debug, Default, Deserialize)]
pub struct PerformanceProseGrammar {
    /// Words that end the project name in the first sentence (`预算指标`).
    pub name_end: Vec<String>,
    /// Name endings to shorten (`项目用` → `项目`).
    #[serde(default)]
    pub name_trim: Vec<NameTrim>,
    /// A numbered line shorter than this, without a `name_end`, is a subheading.
    pub heading_chars: usize,
    /// Words before the budget amount (`预算指标`).
    pub budget: Vec<String>,
    /// Words before this year's budget of a multi-year project (`本年度预算指标`),
    /// which, where stated, is the budget.
    #[serde(default)]
    pub budget_this_year: Vec<String>,
    /// Words before the executed amount (`实际支出`).
    pub executed: Vec<String>,
    /// Words before the execution rate (`预算执行率`).
    pub rate: Vec<String>,
    /// Words before the overall score (`综合指标得分`).
    pub score: Vec<String>,
    /// Words before the grade (`等级`).
    pub grade: Vec<String>,
    /// Connecting words allowed between the words and the figure (`为`).
    pub joiners: Vec<String>,
}

/// A unit and the kind of figure it makes.
#[derive(Debug, Clone, Deserialize)]
pub struct UnitDef {
    /// As printed.
    pub unit: String,
    /// `amount`, `percent` or `count`.
    pub kind: String,
}

/// One phrase rule: in a section whose heading contains `section`, a clause
/// whose text before the figure ends with one of `before` refers to the cell.
#[derive(Debug, Clone, Deserialize)]
pub struct ClaimRule {
    /// Heading fragments (any).
    #[serde(default)]
    pub section: Vec<String>,
    /// Heading fragments that exclude the rule.
    #[serde(default)]
    pub not_section: Vec<String>,
    /// Endings of the text before the figure (any).
    pub before: Vec<String>,
    /// Table id.
    pub table: String,
    /// Row key (`null` for a 合计 row).
    #[serde(default)]
    pub row: Option<String>,
    /// Column id.
    #[serde(default)]
    pub column: Option<String>,
    /// A dynamic row: `class_name` (a class name before the ending),
    /// `basic_item` (a basic-expenditure item name), `vehicle` (a vehicle category).
    #[serde(default)]
    pub dynamic: Option<String>,
}

static GRAMMAR: LazyLock<Grammar> = LazyLock::new(|| {
    let mut g: Grammar = toml::from_str(include_str!("../grammars/tables.toml"))
        .expect("grammars/tables.toml is valid");
    g.rows =
        toml::from_str(include_str!("../grammars/rows.toml")).expect("grammars/rows.toml is valid");
    g.narrative = toml::from_str(include_str!("../grammars/narrative.toml"))
        .expect("grammars/narrative.toml is valid");
    g.title_keys = g
        .table
        .iter()
        .enumerate()
        .flat_map(|(i, t)| t.titles.iter().map(move |title| (i, normalise::key(title))))
        .map(|(i, k)| {
            let n = k.chars().count();
            (i, k, n)
        })
        .collect();
    // prose is matched in key form: store the rules' phrases so, once
    for rule in g.narrative.claim.iter_mut() {
        for b in rule.before.iter_mut() {
            *b = normalise::key(b);
        }
    }
    g
});

/// The compiled-in grammar.
pub fn grammar() -> &'static Grammar {
    &GRAMMAR
}

impl Grammar {
    /// The table grammar for an id.
    pub fn table(&self, id: &str) -> Option<&TableGrammar> {
        self.table.iter().find(|t| t.id == id)
    }

    /// The table whose title `text` ends with (longest title wins), with the
    /// matched title's length in characters.
    pub fn match_title(&self, text: &str) -> Option<(&TableGrammar, usize)> {
        let k = normalise::key(text);
        let last = k.chars().last()?;
        let mut best: Option<(&TableGrammar, usize)> = None;
        for (t, tk, n) in &self.title_keys {
            if tk.ends_with(last) && k.ends_with(tk.as_str()) && best.is_none_or(|(_, b)| *n > b) {
                best = Some((&self.table[*t], *n));
            }
        }
        best
    }

    /// The table usually labelled 公开`n`表.
    pub fn by_number(&self, n: u32) -> Option<&TableGrammar> {
        self.table.iter().find(|t| t.numbers.contains(&n))
    }

    /// The function class code for a class name.
    pub fn class_code(&self, name: &str) -> Option<&str> {
        let k = normalise::key(name);
        self.rows
            .classes
            .iter()
            .find(|(_, names)| names.contains(&k))
            .map(|(c, _)| c.as_str())
    }

    /// True when a line says its table has no data.
    pub fn is_empty_marker(&self, text: &str) -> bool {
        self.empty_markers.iter().any(|m| text.contains(m.as_str()))
    }
}

impl TableGrammar {
    /// The column id a header text names.
    pub fn column(&self, header: &str) -> Option<&str> {
        let k = normalise::key(header);
        if k.is_empty() {
            return None;
        }
        self.columns
            .iter()
            .find(|c| c.exact.iter().any(|e| normalise::key(e) == k))
            .map(|c| c.id.as_str())
    }

    /// The side id a header text names.
    pub fn side(&self, header: &str) -> Option<&str> {
        self.sides
            .iter()
            .find(|s| s.contains.iter().any(|f| header.contains(f.as_str())))
            .map(|s| s.id.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grammar_files_load() {
        let g = grammar();
        assert_eq!(g.table.len(), 10);
        assert!(!g.rows.classes.is_empty());
        assert!(!g.narrative.claim.is_empty());
    }

    #[test]
    fn longest_title_wins() {
        let g = grammar();
        assert_eq!(
            g.match_title("财政拨款收入支出决算总表").unwrap().0.id,
            "fiscal_summary"
        );
        assert_eq!(
            g.match_title("收入支出决算总表").unwrap().0.id,
            "income_expenditure_summary"
        );
        assert_eq!(
            g.match_title("2025年部门“三公”经费和机关运行经费预算表")
                .unwrap()
                .0
                .id,
            "three_public"
        );
        assert_eq!(
            g.match_title("一般公共预算财政拨款基本支出决算表")
                .unwrap()
                .0
                .id,
            "general_budget_basic_expenditure"
        );
        assert!(g.match_title("一、收入支出决算总体情况说明").is_none());
    }

    #[test]
    fn class_codes() {
        assert_eq!(grammar().class_code("社会保障和就业支出"), Some("208"));
        assert_eq!(grammar().class_code("其他支出"), Some("229"));
    }
}
