//! Reconcile: the report checked against its own arithmetic.
//!
//! Every rule has a stable id and a one-line description in
//! `grammars/rules.toml` (the catalogue). [`run`] applies them all to a
//! [`Document`] and returns the findings in catalogue order, then document
//! order. A difference within the rounding the report warns of (0.01 per
//! summand, in the unit printed) is `rounding`; beyond it `error`; a rule that
//! cannot run is a `warning`.

mod annex;
pub mod locate;
mod prose;
mod tables;
pub mod text;

use std::collections::BTreeSet;
use std::sync::LazyLock;

use rust_decimal::Decimal;
use serde::Deserialize;

use crate::model::{Amount, Document, Finding, Severity};

/// The rules catalogue, `grammars/rules.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    /// Every rule, in reporting order.
    pub rule: Vec<RuleDef>,
    /// 06 items that may not exceed a 09 决算数 field.
    pub basic_vs_three_public: Vec<BasicVsThreePublic>,
    /// Annex grade bands, best first.
    pub grade: Vec<GradeBand>,
    /// How messages name columns, lines and totals (`[labels]`).
    pub labels: std::collections::BTreeMap<String, String>,
}

/// One rule of the catalogue.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    /// Stable id (`basic.sum.301`).
    pub id: String,
    /// One line for people.
    pub description: String,
}

/// A 06 item code and the 09 field it may not exceed.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BasicVsThreePublic {
    /// 06 economic class code (`30231`).
    pub code: String,
    /// 09 field id (`vehicle_operation`).
    pub field: String,
    /// Words the item's printed name must hold for it to be that field's
    /// money (the report's name, not the code, says what the item is).
    pub name_contains: Vec<String>,
}

/// A grade and the lowest score that earns it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradeBand {
    /// `优`, `良`, `中` or `差`.
    pub grade: String,
    /// Lowest score of the band, as a decimal string.
    pub min: Decimal,
    /// The grade's long form (优秀, 良好 …).
    #[serde(default)]
    pub long: Option<String>,
}

static CATALOGUE: LazyLock<Catalogue> = LazyLock::new(|| {
    toml::from_str(include_str!("../../grammars/rules.toml")).expect("grammars/rules.toml is valid")
});

/// The rules catalogue, parsed once.
pub fn catalogue() -> &'static Catalogue {
    &CATALOGUE
}

/// Position of a rule id in the catalogue (unknown ids sort last).
fn rule_pos(id: &str) -> usize {
    catalogue()
        .rule
        .iter()
        .position(|r| r.id == id)
        .unwrap_or(usize::MAX)
}

/// Runs every rule of the catalogue over `doc` and returns the findings in a
/// stable order (catalogue order, then document order).
///
/// A table's figures are used in an `error` only when its reading holds up
/// under its own structure: first every table is checked against itself
/// (parents against children, totals against parts); a table that fails too
/// many of those checks, or whose cells could not be read or placed
/// (`parse_findings` naming it), is marked uncertain in `doc`
/// (`meta.uncertain`): its own disagreements become warnings about the
/// reading, and no rule comparing it with another table or with the prose
/// reports anything about it but one `reading.uncertain` warning.
///
/// A document read by OCR has its errors weighed afterwards, in
/// [`crate::repair`].
pub fn run(doc: &mut Document, parse_findings: &[Finding]) -> Vec<Finding> {
    let mut out = Out {
        aligned: doc
            .tables
            .iter()
            .filter(|(_, t)| t.meta().aligned)
            .map(|(id, _)| id.to_string())
            .collect(),
        ..Out::default()
    };
    tables::check(doc, &mut out);
    let uncertain = uncertain_tables(doc, &out, parse_findings);
    for (id, why) in &uncertain {
        if let Some(t) = doc.tables.get_mut(id) {
            t.meta_mut().uncertain = Some(why.clone());
        }
    }
    prose::check(doc, &mut out);
    annex::check(doc, &mut out);
    let mut findings: Vec<Finding> = Vec::new();
    for mut f in out.findings {
        let own = f.tables.len() == 1;
        match f.tables.iter().find(|t| uncertain.contains_key(t.as_str())) {
            None => findings.push(f),
            // the table's own disagreements: about the reading, not the report
            Some(_) if own => {
                if f.severity == Severity::Error {
                    f.severity = Severity::Warning;
                    f.message =
                        format!("(uncertain reading, not raised as an error) {}", f.message);
                }
                findings.push(f);
            }
            // comparisons with other tables or the prose: skipped
            Some(_) => {}
        }
    }
    for (id, why) in &uncertain {
        findings.push(Finding {
            rule: "reading.uncertain".into(),
            severity: Severity::Warning,
            tables: vec![id.clone()],
            message: format!(
                "the reading of {id} is uncertain ({why}); its figures are not compared with other tables or the prose"
            ),
            expected: None,
            actual: None,
            location: None,
            locations: Vec::new(),
        });
    }
    findings.sort_by_key(|f| rule_pos(&f.rule));
    findings
}

/// The tables whose reading does not hold up, with the reason.
fn uncertain_tables(
    doc: &Document,
    out: &Out,
    parse_findings: &[Finding],
) -> std::collections::BTreeMap<String, String> {
    let mut bad = std::collections::BTreeMap::new();
    for (id, _) in doc.tables.iter() {
        let checks = out.checks.get(id).copied().unwrap_or(0);
        let errors = out.errors.get(id).copied().unwrap_or(0);
        let unreadable = parse_findings
            .iter()
            .filter(|f| f.rule == "parse.unreadable" && f.tables.len() == 1 && f.tables[0] == id)
            .count();
        // one wrong figure fails the two or three checks it takes part in; a
        // misread column or level fails check after check
        // figures in a column with no header at all: the columns of the
        // rows did not line up with the header's
        let headless = match doc.tables.get(id) {
            Some(crate::model::Table::Classified(c)) => c
                .extra_columns
                .iter()
                .filter(|k| k.starts_with("column "))
                .count(),
            _ => 0,
        };
        if headless > 0 {
            bad.insert(
                id.to_string(),
                format!("{headless} column(s) of figures have no header"),
            );
        } else if (errors >= 4 && errors * 4 > checks) || errors >= 12 {
            bad.insert(
                id.to_string(),
                format!("{errors} of its {checks} own checks fail"),
            );
        } else if unreadable >= 1 {
            bad.insert(
                id.to_string(),
                format!("{unreadable} of its cells or columns could not be read or placed"),
            );
        }
    }
    bad
}

/// Collects findings; the comparison helpers every rule uses.
#[derive(Default)]
pub(crate) struct Out {
    findings: Vec<Finding>,
    warned: BTreeSet<(String, String)>,
    /// Checks of a table against itself, per table id.
    checks: std::collections::BTreeMap<String, usize>,
    /// Of those, the ones that failed beyond rounding.
    errors: std::collections::BTreeMap<String, usize>,
    /// Tables printed without rulings, their columns inferred from alignment
    /// (`TableMeta::aligned`).
    aligned: BTreeSet<String>,
}

impl Out {
    /// Adds one finding.
    fn push(
        &mut self,
        rule: &str,
        severity: Severity,
        tables: &[&str],
        message: String,
        expected: Option<Decimal>,
        actual: Option<Decimal>,
    ) {
        debug_assert!(
            rule_pos(rule) != usize::MAX,
            "rule {rule} is not in grammars/rules.toml"
        );
        let mut t: Vec<String> = Vec::new();
        for x in tables {
            if !t.iter().any(|y| y == x) {
                t.push(x.to_string());
            }
        }
        if t.len() == 1 && severity == Severity::Error {
            *self.errors.entry(t[0].clone()).or_default() += 1;
        }
        self.findings.push(Finding {
            rule: rule.to_string(),
            severity,
            tables: t,
            message,
            expected,
            actual,
            location: None,
            locations: Vec::new(),
        });
    }

    /// Adds the places of the last finding (the claims it compares).
    fn at(&mut self, places: impl IntoIterator<Item = Option<crate::model::Location>>) {
        if let Some(f) = self.findings.last_mut() {
            f.locations.extend(places.into_iter().flatten());
        }
    }

    /// Turns the `error` findings added since `from` into warnings, saying why
    /// they cannot be accusations.
    fn soften_since(&mut self, from: usize, why: &str) {
        for f in &mut self.findings[from..] {
            if f.severity == Severity::Error {
                f.severity = Severity::Warning;
                f.message = format!("{} (not raised as an error: {why})", f.message);
                if f.tables.len() == 1 {
                    if let Some(n) = self.errors.get_mut(&f.tables[0]) {
                        *n = n.saturating_sub(1);
                    }
                }
            }
        }
    }

    /// After a finding that sets a figure against a blank cell of `table`:
    /// where the table was printed without rulings, the blank may be the
    /// figure itself placed in a neighbouring column, so the finding is a
    /// warning about the reading, not an accusation.
    fn blank_in(&mut self, table: &str, from: usize) {
        if self.aligned.contains(table) {
            self.soften_since(
                from,
                &format!(
                    "{table} is printed without rulings and its columns were inferred; \
                     the blank cell may hold a figure read into another column"
                ),
            );
        }
    }

    /// Counts one check of a table against itself.
    fn count_check(&mut self, tables: &[&str]) {
        let mut it = tables.iter();
        if let (Some(t), None) = (it.next(), it.next()) {
            *self.checks.entry(t.to_string()).or_default() += 1;
        }
    }

    /// Adds a warning once per (rule, key).
    /// Returns whether it was added.
    fn warn_once(&mut self, rule: &str, key: &str, tables: &[&str], message: String) -> bool {
        let new = self.warned.insert((rule.to_string(), key.to_string()));
        if new {
            self.push(rule, Severity::Warning, tables, message, None, None);
        }
        new
    }

    /// Checks `total = Σ parts`. Blank cells count as 0 when something is
    /// printed; nothing printed at all is nothing to check.
    #[allow(clippy::too_many_arguments)]
    fn sum(
        &mut self,
        rule: &str,
        tables: &[&str],
        what: &str,
        parts_label: &str,
        parts: &[Amount],
        total_label: &str,
        total: Amount,
    ) {
        if total.is_none() && parts.iter().all(Option::is_none) {
            return;
        }
        self.count_check(tables);
        let sum: Decimal = parts.iter().flatten().copied().sum();
        let printed = total.unwrap_or_default();
        let n = parts.iter().flatten().count().max(1) as i64;
        let unit = unit_of(parts.iter().chain(std::iter::once(&total)));
        // a total printed with fewer decimals than its parts carries their
        // sum rounded to its own precision (22118861 for 22118861.34)
        let all: Vec<Amount> = parts
            .iter()
            .copied()
            .chain(std::iter::once(total))
            .collect();
        let tol = (unit * Decimal::from(n)).max(coarse_tolerance(&all));
        if let Some(sev) = classify((sum - printed).abs(), tol) {
            let message = format!(
                "{what}: {parts_label} add to {}, {total_label} says {}",
                show(Some(sum)),
                show(total)
            );
            let from = self.findings.len();
            self.push(rule, sev, tables, message, Some(sum), Some(printed));
            if total.is_none() || parts.iter().all(Option::is_none) {
                for t in tables {
                    self.blank_in(t, from);
                }
            }
        }
    }

    /// Checks that two printings of one figure agree (`expected` from the
    /// first table, `actual` from the second).
    #[allow(clippy::too_many_arguments)]
    fn equal(
        &mut self,
        rule: &str,
        tables: &[&str],
        what: &str,
        a_label: &str,
        a: Amount,
        b_label: &str,
        b: Amount,
    ) {
        if a.is_none() && b.is_none() {
            return;
        }
        self.count_check(tables);
        let (x, y) = (a.unwrap_or_default(), b.unwrap_or_default());
        let unit = unit_of([&a, &b]).max(coarse_tolerance(&[a, b]));
        if let Some(sev) = classify((x - y).abs(), unit) {
            let message = format!(
                "{what}: {a_label} says {}, {b_label} says {}",
                show(a),
                show(b)
            );
            let from = self.findings.len();
            self.push(rule, sev, tables, message, Some(x), Some(y));
            // `a` is read from the first table, `b` from the last
            match (a, b, tables.first(), tables.last()) {
                (None, _, Some(t), _) | (_, None, _, Some(t)) => self.blank_in(t, from),
                _ => {}
            }
        }
    }
}

/// `rounding` when within `tol`, `error` beyond, nothing when equal.
fn classify(diff: Decimal, tol: Decimal) -> Option<Severity> {
    if diff.is_zero() {
        None
    } else if diff <= tol {
        Some(Severity::Rounding)
    } else {
        Some(Severity::Error)
    }
}

/// One unit of the last printed digit: 0.01, or 1 when every operand is an
/// integer and one has four digits or more (a table in 元 printed without
/// decimals).
fn unit_of<'a>(values: impl IntoIterator<Item = &'a Amount>) -> Decimal {
    let vals: Vec<Decimal> = values.into_iter().flatten().copied().collect();
    let scale = vals.iter().map(|v| v.scale()).max().unwrap_or(2);
    if scale == 0 && vals.iter().any(|v| v.abs() >= Decimal::from(1000)) {
        Decimal::ONE
    } else {
        Decimal::new(1, scale.clamp(2, 28))
    }
}

/// Where figures printed at different precisions meet (22118861 beside
/// 64840547.34), each printed more coarsely than the finest carries its own
/// rounding: half a unit of its last digit. The sum of those halves.
fn coarse_tolerance(figures: &[Amount]) -> Decimal {
    let finest = figures
        .iter()
        .flatten()
        .map(|f| f.scale())
        .max()
        .unwrap_or(0);
    figures
        .iter()
        .flatten()
        .filter(|f| f.scale() < finest)
        .map(|f| Decimal::new(5, f.scale() + 1))
        .sum()
}

/// How messages name a column, line or total (`[labels]` of
/// `grammars/rules.toml`: `basic` → 基本支出); `None` for a key not there.
pub(crate) fn label_of(key: &str) -> Option<&'static str> {
    catalogue().labels.get(key).map(String::as_str)
}

/// [`label_of`] for a key the code names (the tests check each is there).
pub(crate) fn label(key: &str) -> &'static str {
    label_of(key).unwrap_or("?")
}

/// A column id as people read it in the report (`basic` → 基本支出); an id
/// with no label names itself.
fn column_name(id: &str) -> &str {
    label_of(id).unwrap_or(id)
}

/// An amount for a message (`blank` for `None`).
fn show(a: Amount) -> String {
    match a {
        Some(d) => d.normalize().to_string(),
        None => "blank".to_string(),
    }
}

/// Renders findings for a person: grouped by severity (errors first), one line
/// each, `[rule] tables: message (expected X, actual Y)`, then a count line.
pub fn render(findings: &[Finding]) -> String {
    let mut s = String::new();
    for (sev, title) in [
        (Severity::Error, "errors"),
        (Severity::Rounding, "rounding"),
        (Severity::Warning, "warnings"),
    ] {
        let group: Vec<&Finding> = findings.iter().filter(|f| f.severity == sev).collect();
        if group.is_empty() {
            continue;
        }
        s.push_str(&format!("{title} ({}):\n", group.len()));
        for f in group {
            s.push_str(&format!(
                "  [{}] {}: {}",
                f.rule,
                f.tables.join(", "),
                f.message
            ));
            match (f.expected, f.actual) {
                (Some(e), Some(a)) => s.push_str(&format!(
                    " (expected {}, actual {})",
                    e.normalize(),
                    a.normalize()
                )),
                (Some(e), None) => s.push_str(&format!(" (expected {})", e.normalize())),
                (None, Some(a)) => s.push_str(&format!(" (actual {})", a.normalize())),
                (None, None) => {}
            }
            s.push('\n');
        }
    }
    let count = |sev| findings.iter().filter(|f| f.severity == sev).count();
    s.push_str(&format!(
        "{} error(s), {} rounding, {} warning(s)\n",
        count(Severity::Error),
        count(Severity::Rounding),
        count(Severity::Warning)
    ));
    s
}

/// `juesuan check FILE`: extracts `file` (`-` is standard input), prints its
/// findings (for people, or the JSON array with `json`) and returns the exit
/// code: 1 when any `error` exists, 0 otherwise, 2 when the file cannot be
/// read or is not a report.
pub fn check_command(file: &str, json: bool) -> u8 {
    use std::io::Write;
    let bytes = match crate::read_input(file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("juesuan: {file}: cannot read: {e}");
            return 2;
        }
    };
    let doc = match crate::extract(file, &bytes) {
        Ok(d) => d,
        Err(f) => {
            eprintln!("juesuan: {file}: {} ({})", f.message, f.kind.as_str());
            return 2;
        }
    };
    let text = if json {
        serde_json::to_string_pretty(&doc.findings).unwrap_or_else(|_| "[]".to_string())
    } else {
        render(&doc.findings)
    };
    let mut stdout = std::io::stdout().lock();
    if writeln!(stdout, "{}", text.trim_end()).is_err() {
        return 2;
    }
    u8::from(doc.findings.iter().any(|f| f.severity == Severity::Error))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every id the code can emit; kept in step with the catalogue by the test below.
    const EMITTED: &[&str] = &[
        "classified.parent_sum",
        "classified.total_sum",
        "income.identity",
        "expenditure.identity",
        "general_budget.identity",
        "government_fund.identity",
        "government_fund.balance",
        "state_capital.identity",
        "state_capital.balance",
        "summary.income_total",
        "summary.expenditure_total",
        "summary.income_grand_total",
        "summary.expenditure_grand_total",
        "summary.balance",
        "fiscal.income_total",
        "fiscal.expenditure_total",
        "fiscal.row_identity",
        "fiscal.opening",
        "fiscal.closing",
        "fiscal.income_grand_total",
        "fiscal.expenditure_grand_total",
        "fiscal.balance",
        "fiscal.fund_balance",
        "cross.summary_income",
        "cross.summary_expenditure",
        "cross.summary_classes",
        "cross.fiscal_income",
        "cross.fiscal_general_budget",
        "cross.fiscal_government_fund",
        "cross.fiscal_state_capital",
        "cross.basic_totals",
        "cross.basic_three_public",
        "basic.sum.301",
        "basic.sum.302",
        "basic.sum.303",
        "basic.sum.307",
        "basic.sum.309",
        "basic.sum.310",
        "basic.sum.311",
        "basic.sum.312",
        "basic.sum.313",
        "basic.sum.399",
        "basic.sum.other",
        "basic.personnel_total",
        "basic.public_total",
        "three_public.total",
        "three_public.vehicles",
        "stats.procurement",
        "stats.vehicles",
        "narrative.claim",
        "narrative.share",
        "narrative.growth",
        "narrative.completion",
        "narrative.repeated",
        "narrative.direction",
        "text.placeholder",
        "text.year",
        "text.punctuation",
        "tables.missing",
        "annex.total",
        "annex.rate",
        "annex.statement",
        "annex.summary",
        "annex.grade",
        "annex.duplicate",
        "annex.grade_count",
        "reading.uncertain",
        "ocr.repaired",
        "parse.unreadable",
        "parse.normalised",
    ];

    #[test]
    fn every_label_the_code_names_is_in_the_catalogue() {
        let re = regex::Regex::new(r#"\blabel\("([a-z0-9_]+)"\)"#).unwrap();
        for src in [
            include_str!("mod.rs"),
            include_str!("tables.rs"),
            include_str!("prose.rs"),
            include_str!("annex.rs"),
        ] {
            for c in re.captures_iter(src) {
                assert!(
                    label_of(&c[1]).is_some(),
                    "label {:?} is not in [labels]",
                    &c[1]
                );
            }
        }
    }

    #[test]
    fn catalogue_and_code_agree() {
        let cat: BTreeSet<&str> = catalogue().rule.iter().map(|r| r.id.as_str()).collect();
        let code: BTreeSet<&str> = EMITTED.iter().copied().collect();
        assert_eq!(
            cat.len(),
            catalogue().rule.len(),
            "duplicate ids in the catalogue"
        );
        assert_eq!(cat, code);
        for r in &catalogue().rule {
            assert!(
                !r.description.trim().is_empty() && !r.description.contains('\n'),
                "{}",
                r.id
            );
        }
        // Every rule id literal in the reconcile sources is one of EMITTED.
        let sources = [
            include_str!("mod.rs"),
            include_str!("tables.rs"),
            include_str!("prose.rs"),
            include_str!("annex.rs"),
        ];
        let re = regex::Regex::new(r#""((?:classified|income|expenditure|general_budget|government_fund|state_capital|summary|fiscal|cross|basic|three_public|stats|narrative|annex|parse)\.[a-z_0-9.]+)""#).unwrap();
        for src in sources {
            for c in re.captures_iter(src) {
                let id = &c[1];
                if id.ends_with('.') || id.ends_with(".rs") {
                    continue;
                }
                assert!(code.contains(id), "{id} is used in the code but not listed");
            }
        }
        let parse_src = include_str!("../parse/mod.rs");
        assert!(parse_src.contains("\"parse.unreadable\""));
    }

    #[test]
    fn docs_list_every_rule() {
        let doc = include_str!("../../docs/rules.md");
        for r in &catalogue().rule {
            assert!(
                doc.contains(&format!("`{}`", r.id)),
                "docs/rules.md lacks {}",
                r.id
            );
        }
    }

    #[test]
    fn classify_rounding_and_error() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(classify(d("0"), d("0.01")), None);
        assert_eq!(classify(d("0.01"), d("0.09")), Some(Severity::Rounding));
        assert_eq!(classify(d("0.03"), d("0.02")), Some(Severity::Error));
        assert_eq!(unit_of([&Some(d("700.00")), &Some(d("3"))]), d("0.01"));
        assert_eq!(unit_of([&Some(d("7000")), &Some(d("1500"))]), d("1"));
        assert_eq!(unit_of([&Some(d("7")), &Some(d("15"))]), d("0.01"));
        assert_eq!(unit_of([&Some(d("500")), &Some(d("1200")), &None]), d("1"));
    }

    #[test]
    fn render_groups_errors_first() {
        let f = |sev, rule: &str| Finding {
            rule: rule.into(),
            severity: sev,
            tables: vec!["income".into()],
            message: "m".into(),
            expected: Some(Decimal::ONE),
            actual: Some(Decimal::TWO),
            location: None,
            locations: Vec::new(),
        };
        let text = render(&[f(Severity::Rounding, "a.b"), f(Severity::Error, "c.d")]);
        assert!(text.find("[c.d]").unwrap() < text.find("[a.b]").unwrap());
        assert!(text.contains("(expected 1, actual 2)"));
        assert!(text.ends_with("1 error(s), 1 rounding, 0 warning(s)\n"));
    }
}
