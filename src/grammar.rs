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
#[serde(deny_unknown_fields)]
pub struct Grammar {
    /// `tables.toml`: one entry per standard table id.
    pub table: Vec<TableGrammar>,
    /// `rows.toml`.
    #[serde(skip)]
    pub rows: RowsGrammar,
    /// `narrative.toml`.
    #[serde(skip)]
    pub narrative: NarrativeGrammar,
    /// Lines that mark a table as having no data.
    pub empty_markers: Vec<String>,
    /// What a title looks like.
    pub title: TitleGrammar,
    /// Title words → table id, first fit wins.
    pub title_rule: Vec<TitleRule>,
    /// Identification by header words and row stubs.
    pub structure: StructureGrammar,
    /// The 绩效自评 annex's project table.
    pub performance: PerformanceGrammar,
    /// Words all layouts share.
    pub words: Words,
    /// How a report is laid out around its tables.
    pub document: DocumentGrammar,
    /// Where a report names its department, year and kind.
    pub meta: MetaGrammar,
    /// `title.label_patterns`, compiled.
    #[serde(skip)]
    pub label_res: Vec<regex::Regex>,
    /// The regexes of `document` and `meta`, compiled.
    #[serde(skip)]
    pub re: Option<Patterns>,
}

/// `[document]` of `tables.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentGrammar {
    /// Regex of a part heading (第三部分).
    pub part_heading: String,
    /// Regex of a numbered section heading (六、).
    pub section_heading: String,
    /// Regex of a unit line, the unit captured.
    pub unit: String,
    /// Regex of an item's numbering.
    pub numbering: String,
    /// Regex of an item's numbering with a part lost (`、外交支出`).
    pub numbering_damaged: String,
    /// Regex of a label printed after a title.
    pub label_tail: String,
    /// Misreadings OCR makes of words the tables print, and the words
    /// (`收人` → `收入`): put right in text read by OCR only.
    #[serde(default)]
    pub ocr_misreadings: Vec<(String, String)>,
    /// Chinese numerals 1–9.
    pub digits: String,
    /// Ten.
    pub ten: String,
    /// Endings of an unnumbered section heading.
    pub heading_ends: Vec<String>,
    /// Words of the part heading that opens the prose.
    pub prose_part: Vec<String>,
    /// Lines (anywhere) where the prose ends without part headings.
    pub prose_end: Vec<String>,
    /// Line beginnings where the prose ends without part headings.
    pub prose_end_starts: Vec<String>,
    /// Units a table may be printed in.
    pub units: Vec<String>,
    /// The ending of a year cell (年度).
    pub year_cell_end: String,
}

/// `[meta]` of `tables.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetaGrammar {
    /// Regex of a labelled department, the name captured.
    pub department_label: String,
    /// Regex of a cover title with the department first.
    pub department_then_year: String,
    /// Regex of a cover title with the year first.
    pub year_then_department: String,
    /// Regex of a year and a kind.
    pub year_kind: String,
    /// Regex of a year.
    pub year: String,
    /// Regex of what follows a labelled name.
    pub after_name: String,
    /// 决算.
    pub final_word: String,
    /// 预算.
    pub budget_word: String,
    /// Markers of which books a report covers.
    pub book_markers: Vec<String>,
    /// Words of a title or heading that is not a department's name.
    pub not_name: Vec<String>,
    /// The contents heading.
    pub contents: String,
    /// Cells naming the department in the next cell.
    pub name_cells: Vec<String>,
}

/// The compiled regexes of `[document]` and `[meta]`.
#[derive(Debug)]
pub struct Patterns {
    /// Part heading.
    pub part: regex::Regex,
    /// Section heading.
    pub section: regex::Regex,
    /// Unit line.
    pub unit: regex::Regex,
    /// Numbering.
    pub numbering: regex::Regex,
    /// Numbering with a part lost.
    pub numbering_damaged: regex::Regex,
    /// A label after a title.
    pub label_tail: regex::Regex,
    /// Labelled department.
    pub department_label: regex::Regex,
    /// Department then year.
    pub department_then_year: regex::Regex,
    /// Year then department.
    pub year_then_department: regex::Regex,
    /// Year and kind.
    pub year_kind: regex::Regex,
    /// Year.
    pub year: regex::Regex,
    /// After a labelled name.
    pub after_name: regex::Regex,
}

impl Grammar {
    /// The compiled regexes of `[document]` and `[meta]`.
    pub fn re(&self) -> &Patterns {
        self.re.as_ref().expect("compiled by Grammar::load")
    }
}

/// What a table title looks like (`[title]` in `tables.toml`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TitleGrammar {
    /// A title ends with one of these (before a qualifier in parentheses).
    pub ends: Vec<String>,
    /// A title holds one of these.
    pub words: Vec<String>,
    /// A title is at most this long (label and unit removed).
    pub max_chars: usize,
    /// Regexes of a label at the start of a text (`公开01表`, `表5`, `预算01表`).
    pub label_patterns: Vec<String>,
    /// Marks of a continued table printed with its title (`(续)`).
    pub continued: Vec<String>,
    /// Words of a line that mentions a table rather than titling it (见下表).
    pub not_words: Vec<String>,
}

/// One title rule: the words a title must (`all`), may (`any`) and must not
/// (`none`) hold for the table id.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TitleRule {
    /// A standard table id, or `extra`.
    pub id: String,
    /// Every one of these.
    #[serde(default)]
    pub all: Vec<String>,
    /// At least one of these, when given.
    #[serde(default)]
    pub any: Vec<String>,
    /// None of these.
    #[serde(default)]
    pub none: Vec<String>,
}

impl TitleRule {
    /// True when `key` (a normalised title) fits the rule.
    pub fn fits(&self, key: &str) -> bool {
        self.all.iter().all(|w| key.contains(w.as_str()))
            && (self.any.is_empty() || self.any.iter().any(|w| key.contains(w.as_str())))
            && !self.none.iter().any(|w| key.contains(w.as_str()))
    }
}

/// Identification of a table by what it prints (`[structure]`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StructureGrammar {
    /// The lowest winning score.
    pub min_score: u32,
    /// Clues and their weights.
    pub clues: Vec<StructureClue>,
}

/// One clue: header or row words that point at a table id.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StructureClue {
    /// The table id the clue points at.
    pub id: String,
    /// Words found in a header text.
    #[serde(default)]
    pub header: Vec<String>,
    /// Words found in a row's first text.
    #[serde(default)]
    pub rows: Vec<String>,
    /// How much the clue counts.
    pub weight: u32,
}

/// Words all table layouts share (`[words]` in `tables.toml`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Words {
    /// Whole cells naming a total row (合计, 总计 …).
    pub total_rows: Vec<String>,
    /// Header groups holding another period's figures (上年, 增减变化情况):
    /// kept as extra columns, never as the report year's.
    #[serde(default)]
    pub other_period_headers: Vec<String>,
    /// The word a 三公 group header carries; a total under it is the 三公
    /// total, one beside it (over 会议费, 培训费 too) is not.
    #[serde(default)]
    pub three_public_group: String,
    /// Fragments of a code column's header (科目代码, 科目编码).
    pub code_header_contains: Vec<String>,
    /// Fragments of a name column's header (科目名称).
    pub name_header_contains: Vec<String>,
    /// Fragments of a budget-unit column's header (单位名称).
    pub unit_header_contains: Vec<String>,
    /// Fragments of a code column's header that make its codes a budget
    /// unit's, not a function's (单位编码, 部门代码).
    #[serde(default)]
    pub unit_code_header_contains: Vec<String>,
    /// Header of the 类 part of a split code.
    pub class_part: String,
    /// Header of the 款 part.
    pub kuan_part: String,
    /// Header of the 项 part.
    pub xiang_part: String,
    /// Units and date words a quantity carries (`100万元`, `2024年`): a line
    /// opening with a number and one of these continues a label, it opens
    /// no item.
    #[serde(default)]
    pub quantity_units: Vec<String>,
    /// Fragments of an amount column's header (决算数 …).
    pub amount_header_contains: Vec<String>,
    /// Whole amount column headers (合计, 小计).
    pub amount_headers: Vec<String>,
    /// Words in front of a header text that say nothing of the column (其中:).
    pub header_prefixes: Vec<String>,
    /// Header texts that only say "the amount" of the column above them (金额).
    pub generic_leaves: Vec<String>,
    /// The `extra` key of a basic-expenditure item's second classification
    /// (a government economic class printed beside the department's).
    pub second_classification: String,
    /// Prefixes of a note under a table (注:).
    pub note_prefixes: Vec<String>,
    /// Fragments of a line saying who made a table and in what unit.
    pub meta_contains: Vec<String>,
    /// Labels of a column-number line (栏次).
    pub column_number_labels: Vec<String>,
    /// Headers of a 行次 column.
    pub line_number_headers: Vec<String>,
    /// Headers of a summary table's item column.
    pub item_headers: Vec<String>,
    /// Header words where a summary table's expenditure side starts.
    pub expenditure_side: Vec<String>,
    /// Header words over a summary table's income side.
    pub income_side: Vec<String>,
    /// Fragments of the statistics table's value column header.
    pub stats_value_header_contains: Vec<String>,
    /// Statistics table section headings.
    pub stats_sections: Vec<StatsSection>,
}

/// A section of the statistics table and the words of its heading.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
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

    /// A code column header that numbers budget units (单位编码, 部门代码).
    pub fn is_unit_code_header(&self, s: &str) -> bool {
        self.unit_code_header_contains
            .iter()
            .any(|t| s.contains(t.as_str()))
    }

    /// A header naming the budget-unit column.
    pub fn is_unit_header(&self, s: &str) -> bool {
        self.unit_header_contains
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

    /// A 行次 column header.
    pub fn is_line_number_header(&self, s: &str) -> bool {
        self.line_number_headers.iter().any(|t| t == s)
    }

    /// A summary table's item column header.
    pub fn is_item_header(&self, s: &str) -> bool {
        self.item_headers.iter().any(|t| t == s)
    }

    /// A header text without a prefix that says nothing of the column (其中:).
    pub fn strip_header_prefix<'a>(&self, s: &'a str) -> &'a str {
        self.header_prefixes
            .iter()
            .find_map(|p| s.strip_prefix(p.as_str()))
            .filter(|r| !r.is_empty())
            .unwrap_or(s)
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
#[serde(deny_unknown_fields)]
pub struct PerformanceGrammar {
    /// One of these must be in the header line.
    pub detect_all: Vec<String>,
    /// And one of these.
    pub detect_any: Vec<String>,
    /// Header texts → fields; the first column claiming a field keeps it.
    pub columns: Vec<ColumnRule>,
}

/// A name ending to replace: a connecting word printed after the name.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
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
#[serde(deny_unknown_fields)]
pub struct TableGrammar {
    /// The contract's table id.
    pub id: String,
    /// Which parser reads it.
    pub layout: Layout,
    /// Header paths → column ids.
    #[serde(default)]
    pub columns: Vec<ColumnRule>,
    /// Header words naming a side (三公: budget / actual).
    #[serde(default)]
    pub sides: Vec<SideAlias>,
    /// Column id → the column id it is a part of (`personnel` → `basic`).
    #[serde(default)]
    pub parts: BTreeMap<String, String>,
}

/// How a column's header path names its id: its own (bottom-most) header text
/// is one of `names`, and the texts above it hold one of `under` (when given)
/// and none of `not_under`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnRule {
    /// Column id.
    pub id: String,
    /// The column's own header texts.
    pub names: Vec<String>,
    /// One of these must be printed above it.
    #[serde(default)]
    pub under: Vec<String>,
    /// None of these may be printed above it.
    #[serde(default)]
    pub not_under: Vec<String>,
}

/// Header fragments that name a side.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SideAlias {
    /// Side id.
    pub id: String,
    /// Fragments.
    pub contains: Vec<String>,
}

/// `rows.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RowsGrammar {
    /// Function class code → names.
    pub classes: BTreeMap<String, Vec<String>>,
    /// Summary line keys per side.
    pub summary: SummaryRows,
    /// Statistics table items.
    pub stats: Vec<StatsItem>,
    /// Basic expenditure table knowledge.
    pub basic: BasicGrammar,
}

/// Summary line keys for each side.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SummaryRows {
    /// Income side.
    pub income: Vec<LineKey>,
    /// Expenditure side.
    pub expenditure: Vec<LineKey>,
}

/// One summary line key.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineKey {
    /// The key.
    pub key: String,
    /// Applies only under a line with this key.
    #[serde(default)]
    pub after: Option<String>,
    /// Whole printed names.
    #[serde(default)]
    pub names: Vec<String>,
    /// Words an item holds (any).
    #[serde(default)]
    pub contains: Vec<String>,
    /// Words an item must not hold.
    #[serde(default)]
    pub none: Vec<String>,
}

impl LineKey {
    /// True when the rule fits an item in key form.
    pub fn fits(&self, item_key: &str) -> bool {
        (self.names.iter().any(|n| normalise::key(n) == item_key)
            || self.contains.iter().any(|c| item_key.contains(c.as_str())))
            && !self.none.iter().any(|c| item_key.contains(c.as_str()))
    }
}

/// One statistics item.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
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
#[serde(deny_unknown_fields)]
pub struct BasicGrammar {
    /// Code prefixes of personnel items.
    pub personnel_prefixes: Vec<String>,
    /// Economic class code → names (for items printed without codes).
    #[serde(default)]
    pub classes: BTreeMap<String, Vec<String>>,
    /// Labels of the personnel total.
    pub personnel_total: Vec<String>,
    /// Labels of the public total.
    pub public_total: Vec<String>,
}

/// `narrative.toml`: how prose clauses name table figures.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
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
    /// Words that make a sentence's counts ones to be bought (拟新增), not
    /// ones held: such counts name no cell of the statistics table.
    #[serde(default)]
    pub planned: Vec<String>,
    /// Fixed phrase → table cell rules.
    pub claim: Vec<ClaimRule>,
    /// Prose names of basic-expenditure items that differ from the table's.
    #[serde(default)]
    pub basic_aliases: BTreeMap<String, String>,
    /// How the 绩效自评 annex's prose states each project.
    pub performance_prose: PerformanceProseGrammar,
    /// Words the prose rules read a clause by.
    #[serde(default)]
    pub words: ProseWords,
    /// Text defects a publisher must fix (`[text]`).
    pub text: TextGrammar,
}

/// `[text]` of `narrative.toml`: the patterns of text defects.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextGrammar {
    /// Regex of a template placeholder left in.
    pub placeholder: String,
    /// Regex of doubled punctuation.
    pub doubled: String,
    /// Regex of a year (group 1) in a heading or title.
    pub year: String,
    /// Regex of a balance date whose year is group 1.
    pub as_of: String,
    /// Regex of a comparison with an earlier year (group 1).
    pub compare: String,
    /// Words that, with a table's words, say it has no data.
    pub no_data: Vec<String>,
    /// Standard tables every full report prints or says it lacks.
    pub expected: Vec<ExpectedTable>,
}

/// A standard table a full report prints, and how a note names it.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedTable {
    /// Table id.
    pub id: String,
    /// Words a no-data note names it by.
    pub words: Vec<String>,
}

/// Words the prose rules read a clause by (`[words]` in `narrative.toml`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProseWords {
    /// A change up (增加, 增长).
    pub change_up: Vec<String>,
    /// A change down (减少, 下降).
    pub change_down: Vec<String>,
    /// A share (占).
    pub share: String,
    /// The end of a share's named whole (占…的).
    pub share_whole_end: String,
    /// A word that makes 占…的 a comparison, not a whole (比).
    pub share_not_whole: String,
    /// A completion rate (完成).
    pub completion: String,
    /// 预算.
    pub budget: String,
    /// 决算.
    #[serde(rename = "final")]
    pub final_word: String,
    /// A clause giving reasons (原因).
    pub reason: String,
    /// 项目支出.
    pub project_spending: String,
    /// 基本支出.
    pub basic_spending: String,
    /// 一般公共预算.
    pub general_budget: String,
    /// 财政拨款.
    pub fiscal: String,
    /// 支出.
    pub spending: String,
    /// 收入.
    pub receiving: String,
    /// The ending a project name loses when compared (项目).
    pub project_suffix: String,
    /// The regex of the prose's count of projects per grade.
    pub grade_count: String,
    /// No change (持平).
    #[serde(default)]
    pub flat: Vec<String>,
    /// A comparison up, down or level between two figures named in words
    /// (决算数大于预算数).
    #[serde(default)]
    pub compare_up: Vec<String>,
    /// See `compare_up`.
    #[serde(default)]
    pub compare_down: Vec<String>,
    /// See `compare_up`.
    #[serde(default)]
    pub compare_equal: Vec<String>,
    /// Words that make an amount a budgeted one (年初预算).
    #[serde(default)]
    pub budget_figure: Vec<String>,
    /// Words that make an amount last year's (上年).
    #[serde(default)]
    pub previous: Vec<String>,
    /// Words that make a 上年 amount no figure of last year (上年结转).
    #[serde(default)]
    pub previous_not: Vec<String>,
    /// Words that, right before a year, make a comparison of it (比2025年).
    #[serde(default)]
    pub compare_before_year: Vec<String>,
    /// A word that makes a level comparison approximate (基本持平).
    #[serde(default)]
    pub roughly: String,
}

impl ProseWords {
    /// True when `text` states a change (增加, 减少 …).
    pub fn is_change(&self, text: &str) -> bool {
        self.change_up
            .iter()
            .chain(self.change_down.iter())
            .any(|w| text.contains(w.as_str()))
    }

    /// The direction a clause states: a change (增加/减少), a comparison
    /// (大于/小于/等于) or none (持平).
    pub fn direction(&self, text: &str) -> Option<crate::model::Direction> {
        use crate::model::Direction;
        let has = |ws: &[String]| ws.iter().any(|w| text.contains(w.as_str()));
        let first = |ws: &[String]| ws.iter().filter_map(|w| text.find(w.as_str())).min();
        let up = first(&self.change_up).or(first(&self.compare_up));
        let down = first(&self.change_down).or(first(&self.compare_down));
        match (up, down) {
            (Some(u), Some(d)) => Some(if u < d {
                Direction::Increase
            } else {
                Direction::Decrease
            }),
            (Some(_), None) => Some(Direction::Increase),
            (None, Some(_)) => Some(Direction::Decrease),
            (None, None) if has(&self.flat) || has(&self.compare_equal) => Some(Direction::Flat),
            (None, None) => None,
        }
    }

    /// True when `text` states a change down.
    pub fn is_down(&self, text: &str) -> bool {
        self.change_down.iter().any(|w| text.contains(w.as_str()))
    }

    /// Where the first change word of `text` starts, if any.
    pub fn change_at(&self, text: &str) -> Option<usize> {
        self.change_up
            .iter()
            .chain(self.change_down.iter())
            .filter_map(|w| text.find(w.as_str()))
            .min()
    }
}

/// The words that introduce each figure of a project paragraph in the
/// 绩效自评 annex (`[performance_prose]` in `narrative.toml`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
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
    /// The word a summary item's done count follows (完成).
    #[serde(default)]
    pub done: String,
    /// Count words a done count ends with (个, 人, 集 …).
    #[serde(default)]
    pub count_words: Vec<String>,
}

/// A unit and the kind of figure it makes.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitDef {
    /// As printed.
    pub unit: String,
    /// `amount`, `percent` or `count`.
    pub kind: String,
}

/// One phrase rule: in a section whose heading contains `section`, a clause
/// whose text before the figure ends with one of `before` refers to the cell.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
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

impl Grammar {
    /// Parses the three grammar files (`tables.toml`, `rows.toml`,
    /// `narrative.toml`); an unknown or misspelt key is an error naming it.
    pub fn load(tables: &str, rows: &str, narrative: &str) -> Result<Grammar, String> {
        let mut g: Grammar =
            toml::from_str(tables).map_err(|e| format!("grammars/tables.toml: {e}"))?;
        g.rows = toml::from_str(rows).map_err(|e| format!("grammars/rows.toml: {e}"))?;
        g.narrative =
            toml::from_str(narrative).map_err(|e| format!("grammars/narrative.toml: {e}"))?;
        g.label_res = g
            .title
            .label_patterns
            .iter()
            .map(|p| {
                regex::Regex::new(p)
                    .map_err(|e| format!("grammars/tables.toml: label pattern {p:?}: {e}"))
            })
            .collect::<Result<_, _>>()?;
        let re = |name: &str, p: &str| {
            regex::Regex::new(p).map_err(|e| format!("grammars/tables.toml: {name}: {e}"))
        };
        g.re = Some(Patterns {
            part: re("document.part_heading", &g.document.part_heading)?,
            section: re("document.section_heading", &g.document.section_heading)?,
            unit: re("document.unit", &g.document.unit)?,
            numbering: re("document.numbering", &g.document.numbering)?,
            numbering_damaged: re("document.numbering_damaged", &g.document.numbering_damaged)?,
            label_tail: re("document.label_tail", &g.document.label_tail)?,
            department_label: re("meta.department_label", &g.meta.department_label)?,
            department_then_year: re("meta.department_then_year", &g.meta.department_then_year)?,
            year_then_department: re("meta.year_then_department", &g.meta.year_then_department)?,
            year_kind: re("meta.year_kind", &g.meta.year_kind)?,
            year: re("meta.year", &g.meta.year)?,
            after_name: re("meta.after_name", &g.meta.after_name)?,
        });
        for r in &g.title_rule {
            if r.id != "extra" && g.table(&r.id).is_none() {
                return Err(format!(
                    "grammars/tables.toml: title rule names unknown table {:?}",
                    r.id
                ));
            }
        }
        for c in &g.structure.clues {
            if g.table(&c.id).is_none() {
                return Err(format!(
                    "grammars/tables.toml: structure clue names unknown table {:?}",
                    c.id
                ));
            }
        }
        // prose is matched in key form: store the rules' phrases so, once
        for rule in g.narrative.claim.iter_mut() {
            for b in rule.before.iter_mut() {
                *b = normalise::key(b);
            }
        }
        Ok(g)
    }

    /// The table grammar for an id.
    pub fn table(&self, id: &str) -> Option<&TableGrammar> {
        self.table.iter().find(|t| t.id == id)
    }

    /// The table a title names, or `None` when `title` is not a table title
    /// at all. `title` is the title without label and unit.
    pub fn identify_title(&self, title: &str) -> Option<TitleMatch<'_>> {
        self.identify_title_labelled(title, false)
    }

    /// [`Grammar::identify_title`] for a title printed with a label (`表2:`),
    /// which needs no title word to be a title.
    pub fn identify_title_labelled(&self, title: &str, labelled: bool) -> Option<TitleMatch<'_>> {
        let k = title_key(title);
        if k.is_empty() || k.chars().count() > self.title.max_chars {
            return None;
        }
        let body = strip_qualifier(&k);
        if !self.title.ends.iter().any(|e| body.ends_with(e.as_str())) {
            return None;
        }
        if !(labelled || self.title.words.iter().any(|w| k.contains(w.as_str())))
            || self.title.not_words.iter().any(|w| k.contains(w.as_str()))
        {
            return None;
        }
        Some(match self.title_rule.iter().find(|r| r.fits(&k)) {
            None => TitleMatch::Unknown,
            Some(r) => match self.table(&r.id) {
                Some(t) => TitleMatch::Standard(t),
                None => TitleMatch::Extra,
            },
        })
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

    /// The economic class code (3 digits) for a class name.
    pub fn economic_class(&self, name: &str) -> Option<&str> {
        let k = normalise::key(name);
        self.rows
            .basic
            .classes
            .iter()
            .find(|(_, names)| names.iter().any(|n| normalise::key(n) == k))
            .map(|(c, _)| c.as_str())
    }

    /// True when a line says its table has no data.
    pub fn is_empty_marker(&self, text: &str) -> bool {
        self.empty_markers.iter().any(|m| text.contains(m.as_str()))
    }
}

/// What a title names.
#[derive(Debug, Clone, Copy)]
pub enum TitleMatch<'g> {
    /// A standard table.
    Standard(&'g TableGrammar),
    /// A table outside the catalogue (a title rule says so).
    Extra,
    /// A title no rule fits: the table's structure must decide.
    Unknown,
}

/// A title in the form title rules are matched against: normalised, quotes
/// dropped.
pub fn title_key(title: &str) -> String {
    normalise::key(title)
}

/// A title without a trailing qualifier in parentheses
/// (`一般公共预算支出情况表(按功能分类科目)` → `…情况表`).
fn strip_qualifier(k: &str) -> &str {
    let mut s = k;
    while s.ends_with(')') {
        match s.rfind('(') {
            Some(i) if i > 0 => s = &s[..i],
            _ => break,
        }
    }
    s
}

static GRAMMAR: LazyLock<Grammar> = LazyLock::new(|| {
    Grammar::load(
        include_str!("../grammars/tables.toml"),
        include_str!("../grammars/rows.toml"),
        include_str!("../grammars/narrative.toml"),
    )
    .unwrap_or_else(|e| panic!("{e}"))
});

/// The compiled-in grammar.
pub fn grammar() -> &'static Grammar {
    &GRAMMAR
}

impl TableGrammar {
    /// The column id a header path names (texts top to bottom), or `None`.
    ///
    /// The column's own text is its bottom-most header text; where a narrow
    /// column's header was broken over lines, the last two (or all) texts
    /// joined are tried too. A rule with `under` words that are printed above
    /// the column beats one without.
    pub fn column_for_path(&self, path: &[String]) -> Option<&str> {
        let words = &grammar().words;
        let keys: Vec<String> = path
            .iter()
            .map(|t| normalise::key(words.strip_header_prefix(&normalise::key(t))))
            .filter(|k| !k.is_empty())
            .collect();
        for take in 1..=keys.len() {
            let own: String = keys[keys.len() - take..].concat();
            // the texts above, and any run of them joined: a group header
            // broken over lines (`公务用车购置及运行维` / `护费`) is one word
            let lines = &keys[..keys.len() - take];
            let above: Vec<String> = (0..lines.len())
                .flat_map(|i| (i + 1..=lines.len()).map(move |j| lines[i..j].concat()))
                .collect();
            let fits = |r: &&ColumnRule| {
                r.names.iter().any(|n| normalise::key(n) == own)
                    && (r.under.is_empty()
                        || above
                            .iter()
                            .any(|a| r.under.iter().any(|u| normalise::key(u) == *a)))
                    && !above
                        .iter()
                        .any(|a| r.not_under.iter().any(|u| normalise::key(u) == *a))
            };
            let specific = self
                .columns
                .iter()
                .filter(fits)
                .find(|r| !r.under.is_empty());
            if let Some(r) = specific.or_else(|| self.columns.iter().find(fits)) {
                return Some(r.id.as_str());
            }
        }
        // a generic word under a named column (事业收入 › 金额) is that column
        match keys.split_last() {
            Some((leaf, above))
                if !above.is_empty() && words.generic_leaves.iter().any(|g| g == leaf) =>
            {
                self.column_for_path(&path[..path.len() - 1])
            }
            _ => None,
        }
    }

    /// The column id a single header text names.
    pub fn column(&self, header: &str) -> Option<&str> {
        self.column_for_path(&[header.to_string()])
    }

    /// The printed column a column's figure adds into: its parent, else the
    /// nearest printed ancestor, among `printed`.
    pub fn parent_of<'a>(&'a self, col: &str, printed: &[String]) -> Option<&'a str> {
        let mut cur = self.parts.get(col)?;
        loop {
            if printed.iter().any(|p| p == cur) {
                return Some(cur.as_str());
            }
            cur = self.parts.get(cur.as_str())?;
        }
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

    fn id_of(title: &str) -> Option<&'static str> {
        grammar().identify_title(title).map(|t| match t {
            TitleMatch::Standard(t) => t.id.as_str(),
            TitleMatch::Extra => "extra",
            TitleMatch::Unknown => "unknown",
        })
    }

    #[test]
    fn titles_by_meaning_across_families() {
        for (title, id) in [
            ("财政拨款收入支出决算总表", "fiscal_summary"),
            ("收入支出决算总表", "income_expenditure_summary"),
            ("2025年部门“三公”经费和机关运行经费预算表", "three_public"),
            (
                "一般公共预算财政拨款基本支出决算表",
                "general_budget_basic_expenditure",
            ),
            ("2026年部门收支总体情况表", "income_expenditure_summary"),
            ("2026年部门收入总体情况表", "income"),
            ("2026年部门支出总体情况表", "expenditure"),
            ("2026年财政拨款收支总体情况表", "fiscal_summary"),
            ("2026年一般公共预算支出情况表", "general_budget_expenditure"),
            (
                "一般公共预算支出情况表(按功能分类科目)",
                "general_budget_expenditure",
            ),
            (
                "2026年一般公共预算基本支出情况表",
                "general_budget_basic_expenditure",
            ),
            (
                "2026年度一般公共预算基本支出经济分类情况表",
                "general_budget_basic_expenditure",
            ),
            ("2026年一般公共预算“三公”经费支出情况表", "three_public"),
            ("财政拨款安排的行政经费及“三公”经费预算表", "three_public"),
            ("2026年政府性基金预算支出情况表", "government_fund"),
            ("国有资本经营预算支出预算表", "state_capital"),
            ("收支总表", "income_expenditure_summary"),
            ("收入总表", "income"),
            ("支出总表", "expenditure"),
            ("财政拨款收支总表", "fiscal_summary"),
            ("一般公共预算支出表", "general_budget_expenditure"),
            ("2026年度收支预算总表", "income_expenditure_summary"),
            (
                "2026年市级部门一般公共预算支出预算表",
                "general_budget_expenditure",
            ),
            ("高等学校收支决算总表", "income_expenditure_summary"),
            ("高等学校收入决算表", "income"),
            ("高等学校支出决算表", "expenditure"),
            ("部门决算公开相关信息统计表", "disclosure_stats"),
            // outside the catalogue: never forced onto a standard id
            ("财政拨款支出表(功能科目)", "extra"),
            ("财政拨款基本支出表(经济科目)", "extra"),
            ("高等学校财政拨款支出决算表", "extra"),
            ("2026年度一般公共预算支出经济分类情况表", "extra"),
            ("一般公共预算机关运行经费支出预算表", "extra"),
            ("政府采购支出表", "extra"),
            ("2026年政府采购预算明细表", "extra"),
            ("2026年项目支出绩效目标表", "extra"),
            ("2026年市级部门项目支出预算表", "extra"),
            ("部门预算项目支出及其他支出预算表", "extra"),
            ("部门预算基本支出预算表", "extra"),
            ("一般公共预算项目支出情况表(按经济分类科目)", "extra"),
            ("财政拨款政府购买服务明细表", "extra"),
        ] {
            assert_eq!(id_of(title), Some(id), "{title}");
        }
        // not titles: prose, section headings, contents entries
        assert_eq!(id_of("一、收入支出决算总体情况说明"), None);
        assert_eq!(id_of("具体绩效目标详见报表。"), None);
        assert_eq!(id_of("第二部分2026年部门预算表"), Some("unknown"));
        assert_eq!(id_of("某某资金情况表"), Some("unknown"));
        assert_eq!(id_of("某某名单表"), None);
    }

    #[test]
    fn columns_by_path() {
        let g = grammar();
        let p = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let income = g.table("income").unwrap();
        assert_eq!(income.column_for_path(&p(&["总计"])), Some("total"));
        assert_eq!(
            income.column_for_path(&p(&["本年收入", "小计"])),
            Some("current_total")
        );
        assert_eq!(
            income.column_for_path(&p(&["本年收入", "一般公共预算"])),
            Some("general_budget")
        );
        assert_eq!(
            income.column_for_path(&p(&["上年结转结余", "一般公共预算"])),
            None
        );
        assert_eq!(
            income.column_for_path(&p(&["上年结转结余", "小计"])),
            Some("balance_carried")
        );
        assert_eq!(
            income.column_for_path(&p(&["本级财政拨款", "金额"])),
            Some("fiscal_appropriation")
        );
        assert_eq!(
            income.column_for_path(&p(&["本级财政拨款", "其中:经费拨款"])),
            None
        );
        let exp = g.table("general_budget_expenditure").unwrap();
        assert_eq!(
            exp.column_for_path(&p(&["基本支出", "小计"])),
            Some("basic")
        );
        assert_eq!(
            exp.column_for_path(&p(&["基本支出", "人员经费"])),
            Some("personnel")
        );
        assert_eq!(
            exp.column_for_path(&p(&["基本支出", "日常公用支出"])),
            Some("public")
        );
        assert_eq!(exp.column_for_path(&p(&["其中:基本支出"])), Some("basic"));
        // a group header broken over two lines above its 小计
        let tp = g.table("three_public").unwrap();
        assert_eq!(
            tp.column_for_path(&p(&["公务用车购置及运行维", "护费", "小计"])),
            Some("vehicle_total")
        );
        assert_ne!(
            tp.column_for_path(&p(&["公务用车购置及运行维", "小计"])),
            Some("vehicle_total")
        );
        assert_eq!(
            exp.column_for_path(&p(&["2026年预算数", "总计"])),
            Some("total")
        );
        assert_eq!(exp.column_for_path(&p(&["2025年预算数"])), None);
        let all = g.table("expenditure").unwrap();
        // a header broken over two lines in a narrow column
        assert_eq!(
            all.column_for_path(&p(&["对附属单位补助支", "出"])),
            Some("subsidy_to_affiliates")
        );
    }

    #[test]
    fn a_misspelt_grammar_key_is_an_error() {
        let tables = include_str!("../grammars/tables.toml");
        let rows = include_str!("../grammars/rows.toml");
        let narrative = include_str!("../grammars/narrative.toml");
        assert!(Grammar::load(tables, rows, narrative).is_ok());
        let bad = tables.replacen("names = [\"金额\"", "name = [\"金额\"", 1);
        let err = Grammar::load(&bad, rows, narrative).unwrap_err();
        assert!(err.contains("tables.toml") && err.contains("name"), "{err}");
        let bad = tables.replacen(
            "[[title_rule]]\nid = \"three_public\"\nall",
            "[[title_rule]]\nid = \"three_public\"\nal",
            1,
        );
        assert!(Grammar::load(&bad, rows, narrative).is_err());
        let bad = tables.replacen(
            "id = \"three_public\"\nall",
            "id = \"three_publik\"\nall",
            1,
        );
        let err = Grammar::load(&bad, rows, narrative).unwrap_err();
        assert!(err.contains("three_publik"), "{err}");
        let bad = rows.replacen("personnel_prefixes", "personel_prefixes", 1);
        assert!(Grammar::load(tables, &bad, narrative).is_err());
        let bad = narrative.replacen("not_after", "not_afer", 1);
        assert!(Grammar::load(tables, rows, &bad).is_err());
    }

    #[test]
    fn class_codes() {
        assert_eq!(grammar().class_code("社会保障和就业支出"), Some("208"));
        assert_eq!(grammar().class_code("其他支出"), Some("229"));
    }
}
