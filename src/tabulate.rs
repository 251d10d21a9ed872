//! `juesuan tabulate`: extracted JSON (folders of `.json`, JSONL files or
//! standard input) → tidy CSV tables for pandas, R or Stata:
//!
//! - `cells.csv`: one row per cell of the standard tables and the annex's
//!   project table (see [`CELL_HEADER`]);
//! - `extra_cells.csv`: one row per cell of the tables outside the standard
//!   catalogue ([`EXTRA_CELL_HEADER`]);
//! - `findings.csv`: one row per finding ([`FINDING_HEADER`]);
//! - `documents.csv`: one row per record, documents and failure records alike
//!   ([`DOCUMENT_HEADER`]).
//!
//! No traps: an amount is in `value` and a text in `text` (so a column read
//! by pandas is all numbers), every amount carries its `unit` (the table's;
//! `count` for counts, `分` for scores), and values are written exactly as
//! they stand in the JSON (the crate has serde_json's `arbitrary_precision`
//! on, so `700.00` stays `700.00`); `null` is an empty field, never `0`. The
//! columns are described in `docs/batch.md`.

use std::io::{self, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::batch::stream::StreamError;
use crate::error::exit;

/// One of the four datasets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dataset {
    /// `cells.csv`.
    Cells,
    /// `extra_cells.csv`.
    ExtraCells,
    /// `findings.csv`.
    Findings,
    /// `documents.csv`.
    Documents,
}

impl Dataset {
    /// All four, in file order.
    pub const ALL: [Dataset; 4] = [
        Dataset::Cells,
        Dataset::ExtraCells,
        Dataset::Findings,
        Dataset::Documents,
    ];

    /// The file name (`cells.csv` …).
    pub fn file_name(self) -> &'static str {
        match self {
            Dataset::Cells => "cells.csv",
            Dataset::ExtraCells => "extra_cells.csv",
            Dataset::Findings => "findings.csv",
            Dataset::Documents => "documents.csv",
        }
    }

    /// The header row.
    pub fn header(self) -> &'static [&'static str] {
        match self {
            Dataset::Cells => CELL_HEADER,
            Dataset::ExtraCells => EXTRA_CELL_HEADER,
            Dataset::Findings => FINDING_HEADER,
            Dataset::Documents => DOCUMENT_HEADER,
        }
    }
}

/// Where `tabulate` writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TabulateOutput {
    /// All four datasets as files in this folder (written atomically).
    Dir(PathBuf),
    /// One dataset on standard output.
    Stdout(Dataset),
}

/// What `juesuan tabulate` is asked to do (the command line's options as a
/// plain value).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TabulateOptions {
    /// Folders (walked for `.json` and `.jsonl`), JSON or JSONL files, `-`.
    pub inputs: Vec<String>,
    /// Where the CSV goes.
    pub output: TabulateOutput,
}

/// Header of `cells.csv`.
pub const CELL_HEADER: &[&str] = &[
    "file",
    "kind",
    "department",
    "year",
    "table",
    "row_code",
    "row_name",
    "line",
    "column",
    "value",
    "text",
    "unit",
    "uncertain",
];
/// Header of `extra_cells.csv`.
pub const EXTRA_CELL_HEADER: &[&str] = &[
    "file",
    "kind",
    "department",
    "year",
    "table_index",
    "title",
    "label",
    "row",
    "column_index",
    "column",
    "value",
    "text",
    "unit",
];
/// Header of `findings.csv`.
pub const FINDING_HEADER: &[&str] = &[
    "file",
    "department",
    "year",
    "rule",
    "severity",
    "tables",
    "message",
    "expected",
    "actual",
    "unit",
];
/// Header of `documents.csv`.
pub const DOCUMENT_HEADER: &[&str] = &[
    "file",
    "sha256",
    "format",
    "pages",
    "kind",
    "year",
    "department",
    "unit",
    "failure_kind",
    "failure_message",
    "tables",
    "extra_tables",
    "uncertain_tables",
    "findings_error",
    "findings_rounding",
    "findings_warning",
    "income_total",
    "income_grand_total",
    "expenditure_total",
    "expenditure_grand_total",
    "summary_unit",
    "three_public_budget_total",
    "three_public_actual_total",
    "three_public_unit",
    "unit_income_expenditure_summary",
    "unit_income",
    "unit_expenditure",
    "unit_fiscal_summary",
    "unit_general_budget_expenditure",
    "unit_general_budget_basic_expenditure",
    "unit_government_fund",
    "unit_state_capital",
    "unit_three_public",
    "unit_disclosure_stats",
];

/// Table ids in the contract's order; other ids follow in name order.
const TABLE_ORDER: &[&str] = &[
    "income_expenditure_summary",
    "income",
    "expenditure",
    "fiscal_summary",
    "general_budget_expenditure",
    "general_budget_basic_expenditure",
    "government_fund",
    "state_capital",
    "three_public",
    "disclosure_stats",
];

/// Counts of a tabulate run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// Records read (documents and failure records).
    pub records: usize,
    /// Rows written to cells.csv.
    pub cells: usize,
    /// Rows written to extra_cells.csv.
    pub extra_cells: usize,
    /// Rows written to findings.csv.
    pub findings: usize,
    /// Inputs (or parts of them) that could not be read as JSON.
    pub bad_inputs: usize,
}

/// A sink for one dataset.
pub type Sink = Box<dyn Write>;

/// The four CSV writers.
pub struct Writers {
    cells: csv::Writer<Sink>,
    extra: csv::Writer<Sink>,
    findings: csv::Writer<Sink>,
    documents: csv::Writer<Sink>,
    /// What has been written so far.
    pub counts: Counts,
}

impl Writers {
    /// Writers over four sinks (in [`Dataset::ALL`] order); writes the headers.
    pub fn new(cells: Sink, extra: Sink, findings: Sink, documents: Sink) -> io::Result<Self> {
        let mut w = Writers {
            cells: csv::Writer::from_writer(cells),
            extra: csv::Writer::from_writer(extra),
            findings: csv::Writer::from_writer(findings),
            documents: csv::Writer::from_writer(documents),
            counts: Counts::default(),
        };
        w.cells.write_record(CELL_HEADER).map_err(io_error)?;
        w.extra.write_record(EXTRA_CELL_HEADER).map_err(io_error)?;
        w.findings.write_record(FINDING_HEADER).map_err(io_error)?;
        w.documents
            .write_record(DOCUMENT_HEADER)
            .map_err(io_error)?;
        Ok(w)
    }

    /// Flushes all four.
    pub fn flush(&mut self) -> io::Result<()> {
        self.cells.flush()?;
        self.extra.flush()?;
        self.findings.flush()?;
        self.documents.flush()
    }

    /// Writes the rows of one record (a document or a failure record).
    pub fn record(&mut self, rec: &Value) -> io::Result<()> {
        self.record_csv(rec).map_err(io_error)
    }

    fn record_csv(&mut self, rec: &Value) -> csv::Result<()> {
        self.counts.records += 1;
        let file = text(&rec["source"]["path"]);
        let report = &rec["report"];
        let (kind, dept, year) = (
            text(&report["kind"]),
            text(&report["department"]),
            text(&report["year"]),
        );

        if let Some(tables) = rec.get("tables").and_then(Value::as_object) {
            for id in table_ids(tables) {
                let table = &tables[&id];
                let mut rows = Vec::new();
                cells_of(table, &mut rows);
                let unit = text(&table["unit"]);
                let uncertain = if table["uncertain"].is_null() {
                    ""
                } else {
                    "true"
                };
                for c in rows {
                    let (value, txt, unit) = c.columns(&unit);
                    self.cells.write_record([
                        &file,
                        &kind,
                        &dept,
                        &year,
                        &id,
                        &c.row_code,
                        &c.row_name,
                        &c.line,
                        &c.column,
                        &value,
                        &txt,
                        &unit,
                        uncertain,
                    ])?;
                    self.counts.cells += 1;
                }
            }
        }

        // the 绩效自评 annex's projects, as table `performance`: row = the
        // project's place in the table, columns its figures as printed
        let perf_unit = performance_unit(&rec["performance"]);
        for (i, p) in rec["performance"]["projects"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
        {
            let (code, name) = ((i + 1).to_string(), text(&p["name"]));
            for (col, measure) in [
                ("budget", Measure::Amount),
                ("executed", Measure::Amount),
                ("expected", Measure::Text),
                ("achieved", Measure::Text),
                ("score", Measure::Points),
                ("grade", Measure::Text),
            ] {
                if p.get(col).is_none() {
                    continue;
                }
                let mut c = Cell::new(code.clone(), name.clone(), col.into(), &p[col]);
                c.measure = measure;
                let (value, txt, unit) = c.columns(&perf_unit);
                self.cells.write_record([
                    &file,
                    &kind,
                    &dept,
                    &year,
                    "performance",
                    &code,
                    &name,
                    "",
                    col,
                    &value,
                    &txt,
                    &unit,
                    "",
                ])?;
                self.counts.cells += 1;
            }
        }

        let extra_tables = rec["extra_tables"].as_array();
        for (ti, t) in extra_tables.into_iter().flatten().enumerate() {
            let columns: Vec<String> = t["columns"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|path| {
                    path.as_array()
                        .into_iter()
                        .flatten()
                        .map(text)
                        .collect::<Vec<_>>()
                        .join("/")
                })
                .collect();
            let (title, label, unit) = (text(&t["title"]), text(&t["label"]), text(&t["unit"]));
            for (ri, row) in t["rows"].as_array().into_iter().flatten().enumerate() {
                for (ci, v) in row.as_array().into_iter().flatten().enumerate() {
                    let (value, txt, u) = match v {
                        Value::Number(_) => (text(v), String::new(), unit.clone()),
                        Value::Null => continue,
                        _ => (String::new(), text(v), String::new()),
                    };
                    let column = columns.get(ci).map_or("", String::as_str);
                    self.extra.write_record([
                        file.as_str(),
                        &kind,
                        &dept,
                        &year,
                        &ti.to_string(),
                        &title,
                        &label,
                        &(ri + 1).to_string(),
                        &ci.to_string(),
                        column,
                        &value,
                        &txt,
                        &u,
                    ])?;
                    self.counts.extra_cells += 1;
                }
            }
        }

        let mut by_sev = [0usize; 3];
        if let Some(findings) = rec.get("findings").and_then(Value::as_array) {
            for f in findings {
                let sev = text(&f["severity"]);
                match sev.as_str() {
                    "error" => by_sev[0] += 1,
                    "rounding" => by_sev[1] += 1,
                    _ => by_sev[2] += 1,
                }
                let ids: Vec<String> = f["tables"]
                    .as_array()
                    .map(|a| a.iter().map(text).collect())
                    .unwrap_or_default();
                let has_figures = !f["expected"].is_null() || !f["actual"].is_null();
                let unit = if has_figures {
                    finding_unit(&text(&f["rule"]), &rec["tables"], &ids, &perf_unit)
                } else {
                    String::new()
                };
                self.findings.write_record([
                    &file,
                    &dept,
                    &year,
                    &text(&f["rule"]),
                    &sev,
                    &ids.join(";"),
                    &text(&f["message"]),
                    &text(&f["expected"]),
                    &text(&f["actual"]),
                    &unit,
                ])?;
                self.counts.findings += 1;
            }
        }

        let failed = rec.get("failure").is_some();
        let tables = &rec["tables"];
        let summary = &tables["income_expenditure_summary"];
        let n_tables = tables.as_object().map(|t| t.len().to_string());
        let uncertain: Vec<&str> = tables
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(_, t)| !t["uncertain"].is_null())
            .map(|(id, _)| id.as_str())
            .collect();
        let count = |n: usize| if failed { String::new() } else { n.to_string() };
        let mut row = vec![
            file.clone(),
            text(&rec["source"]["sha256"]),
            text(&rec["source"]["format"]),
            text(&rec["source"]["pages"]),
            kind,
            year,
            dept,
            text(&report["unit"]),
            text(&rec["failure"]["kind"]),
            text(&rec["failure"]["message"]),
            n_tables.unwrap_or_default(),
            if failed {
                String::new()
            } else {
                extra_tables.map_or(0, Vec::len).to_string()
            },
            uncertain.join(";"),
            count(by_sev[0]),
            count(by_sev[1]),
            count(by_sev[2]),
            keyed_amount(summary, "income", "income_total"),
            keyed_amount(summary, "income", "grand_total"),
            keyed_amount(summary, "expenditure", "expenditure_total"),
            keyed_amount(summary, "expenditure", "grand_total"),
            text(&summary["unit"]),
            text(&tables["three_public"]["budget"]["total"]),
            text(&tables["three_public"]["actual"]["total"]),
            text(&tables["three_public"]["unit"]),
        ];
        row.extend(TABLE_ORDER.iter().map(|id| text(&tables[*id]["unit"])));
        self.documents.write_record(&row)?;
        Ok(())
    }
}

/// Rules whose findings compare figures of different measures (万元 in one,
/// a count or a score in another): their `unit` column is empty, the
/// message says what the figures are.
pub const MIXED_UNIT_RULES: &[&str] = &["annex.statement", "annex.summary", "narrative.direction"];

/// The unit of a finding's `expected` and `actual`: `%` for the rules that
/// compare rates and shares, `分` for a score, `count` for a number of
/// projects, the annex's unit for its totals, else that of the first table
/// the finding names that the document has and that prints a unit (figures
/// from several tables are compared in the first one's unit). Empty where
/// the rule mixes measures ([`MIXED_UNIT_RULES`]: `annex.statement` compares
/// 万元, 分 and % in turn; its message says which).
fn finding_unit(rule: &str, tables: &Value, ids: &[String], perf_unit: &str) -> String {
    match rule {
        "annex.rate" | "narrative.share" | "narrative.growth" | "narrative.completion" => {
            return "%".into()
        }
        "annex.grade" => return "分".into(),
        "annex.grade_count" => return "count".into(),
        "annex.total" => return perf_unit.into(),
        r if MIXED_UNIT_RULES.contains(&r) => return String::new(),
        _ => {}
    }
    ids.iter()
        .map(|id| text(&tables[id.as_str()]["unit"]))
        .find(|u| !u.is_empty())
        .unwrap_or_default()
}

/// The unit of the annex's project amounts: the one its prose statements
/// state (`预算指标1500万元`), where they agree; empty when unknown.
fn performance_unit(perf: &Value) -> String {
    let mut units = perf["statements"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|s| text(&s["unit"]))
        .filter(|u| !u.is_empty());
    match units.next() {
        Some(first) if units.all(|u| u == first) => first,
        _ => String::new(),
    }
}

/// The `io::Error` inside a CSV error.
fn io_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// A JSON scalar as CSV text: strings as they are, numbers with their printed
/// digits, `null` (or a missing key) empty.
fn text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        other => other.to_string(),
    }
}

fn table_ids(tables: &Map<String, Value>) -> Vec<String> {
    let mut ids: Vec<String> = TABLE_ORDER
        .iter()
        .filter(|id| tables.contains_key(**id))
        .map(|s| s.to_string())
        .collect();
    let mut rest: Vec<String> = tables
        .keys()
        .filter(|k| !TABLE_ORDER.contains(&k.as_str()))
        .cloned()
        .collect();
    rest.sort();
    ids.extend(rest);
    ids
}

/// The amount of the line keyed `key` on `side` of a summary table.
fn keyed_amount(summary: &Value, side: &str, key: &str) -> String {
    summary[side]
        .as_array()
        .and_then(|lines| lines.iter().find(|l| l["key"].as_str() == Some(key)))
        .map(|l| text(&l["amount"]))
        .unwrap_or_default()
}

/// What a cell's value measures, for its `unit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Measure {
    /// An amount in the table's unit.
    Amount,
    /// A count (vehicles, equipment): unit `count`.
    Count,
    /// A score: unit `分`.
    Points,
    /// A text column (`expected`, `grade`): no unit.
    Text,
}

/// One cell of the long table.
struct Cell {
    row_code: String,
    row_name: String,
    line: String,
    column: String,
    value: Value,
    measure: Measure,
}

impl Cell {
    fn new(row_code: String, row_name: String, column: String, value: &Value) -> Self {
        Cell {
            row_code,
            row_name,
            line: String::new(),
            column,
            value: value.clone(),
            measure: Measure::Amount,
        }
    }

    /// `(value, text, unit)`: a number goes to `value` with its unit, any
    /// other value to `text` (no unit); a blank is empty in both, with the
    /// unit its column would have.
    fn columns(&self, table_unit: &str) -> (String, String, String) {
        let unit = match self.measure {
            Measure::Amount => table_unit.to_string(),
            Measure::Count => "count".to_string(),
            Measure::Points => "分".to_string(),
            Measure::Text => String::new(),
        };
        match &self.value {
            Value::Number(_) => (text(&self.value), String::new(), unit),
            Value::Null => (String::new(), String::new(), unit),
            v => (String::new(), text(v), String::new()),
        }
    }
}

/// Keys of `obj` with `first` (those present) in that order, then the others in name order.
fn ordered_keys(obj: &Map<String, Value>, first: &[&str]) -> Vec<String> {
    let mut keys: Vec<String> = first
        .iter()
        .filter(|k| obj.contains_key(**k))
        .map(|s| s.to_string())
        .collect();
    let mut rest: Vec<String> = obj
        .keys()
        .filter(|k| !first.contains(&k.as_str()))
        .cloned()
        .collect();
    rest.sort();
    keys.extend(rest);
    keys
}

/// The cells of one table, told by its shape (so tables added to the contract
/// later come out too, where they have one of the known shapes).
fn cells_of(table: &Value, out: &mut Vec<Cell>) {
    if let Some(rows) = table["rows"].as_array() {
        // classified: one cell per row and column, columns in printed order
        let printed: Vec<&str> = table["columns"]
            .as_array()
            .map(|c| c.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        // columns no id fits, by header path, in printed order
        let extra_printed: Vec<&str> = table["extra_columns"]
            .as_array()
            .map(|c| c.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        for row in rows {
            let (code, name) = (text(&row["code"]), text(&row["name"]));
            if let Some(values) = row["values"].as_object() {
                for col in ordered_keys(values, &printed) {
                    out.push(Cell::new(
                        code.clone(),
                        name.clone(),
                        col.clone(),
                        &values[&col],
                    ));
                }
            }
            if let Some(extra) = row["extra"].as_object() {
                for col in ordered_keys(extra, &extra_printed) {
                    out.push(Cell::new(
                        code.clone(),
                        name.clone(),
                        col.clone(),
                        &extra[&col],
                    ));
                }
            }
        }
    } else if let Some(items) = table["items"].as_array() {
        // economic classification items, then the two printed totals
        for item in items {
            let (code, name) = (text(&item["code"]), text(&item["name"]));
            if item.get("amount").is_some() {
                out.push(Cell::new(
                    code.clone(),
                    name.clone(),
                    "amount".into(),
                    &item["amount"],
                ));
            }
            if let Some(values) = item["values"].as_object() {
                for col in ordered_keys(values, &["total", "personnel", "public"]) {
                    out.push(Cell::new(
                        code.clone(),
                        name.clone(),
                        col.clone(),
                        &values[&col],
                    ));
                }
            }
            // cells of columns no id fits: numbers in `value`, texts in `text`
            if let Some(extra) = item["extra"].as_object() {
                for col in ordered_keys(extra, &[]) {
                    out.push(Cell::new(
                        code.clone(),
                        name.clone(),
                        col.clone(),
                        &extra[&col],
                    ));
                }
            }
        }
        for (key, name) in [
            ("personnel_total", "人员经费合计"),
            ("public_total", "公用经费合计"),
        ] {
            if table.get(key).is_some() {
                out.push(Cell::new(
                    key.into(),
                    name.into(),
                    "amount".into(),
                    &table[key],
                ));
            }
        }
    } else if table["income"].is_array() || table["expenditure"].is_array() {
        // two-sided summary: column = side.amount or side.<fund column>
        for side in ["income", "expenditure"] {
            for line in table[side].as_array().into_iter().flatten() {
                if line["item"].is_null() {
                    continue; // a filler line: a 行次 and nothing else
                }
                let code = if line.get("code").is_some() {
                    text(&line["code"])
                } else {
                    text(&line["key"])
                };
                let name = text(&line["item"]);
                let mut push = |column: String, v: &Value| {
                    let mut c = Cell::new(code.clone(), name.clone(), column, v);
                    c.line = text(&line["line"]);
                    out.push(c);
                };
                match line["values"].as_object() {
                    Some(values) => {
                        for col in ordered_keys(
                            values,
                            &[
                                "total",
                                "general_budget",
                                "government_fund",
                                "state_capital",
                            ],
                        ) {
                            push(format!("{side}.{col}"), &values[&col]);
                        }
                    }
                    None => push(format!("{side}.amount"), &line["amount"]),
                }
            }
        }
    } else if table["budget"].is_object() || table["actual"].is_object() {
        // 三公: one row per side
        const FIELDS: &[&str] = &[
            "total",
            "overseas_travel",
            "vehicle_total",
            "vehicle_purchase",
            "vehicle_operation",
            "reception",
            "office_operation",
        ];
        for (side, name) in [("budget", "预算数"), ("actual", "决算数")] {
            let Some(obj) = table[side].as_object() else {
                continue;
            };
            for col in ordered_keys(obj, FIELDS) {
                if col == "extra" {
                    continue;
                }
                out.push(Cell::new(side.into(), name.into(), col.clone(), &obj[&col]));
            }
            // other figures printed on this side (会议费, 培训费 …), by name
            if let Some(extra) = obj.get("extra").and_then(Value::as_object) {
                for col in ordered_keys(extra, &[]) {
                    out.push(Cell::new(
                        side.into(),
                        name.into(),
                        col.clone(),
                        &extra[&col],
                    ));
                }
            }
        }
    } else if table["procurement"].is_object() || table["vehicles"].is_object() {
        // 统计表: amounts in the table's unit, counts marked as counts
        for (group, name, count) in [
            ("procurement", "政府采购", false),
            ("office_operation", "机关运行经费", false),
            ("vehicles", "公务用车", true),
        ] {
            let Some(obj) = table[group].as_object() else {
                continue;
            };
            let first: &[&str] = match group {
                "procurement" => &["total", "goods", "works", "services"],
                "office_operation" => &["administrative", "civil_servant_managed"],
                _ => &["total"],
            };
            for col in ordered_keys(obj, first) {
                let mut c = Cell::new(group.into(), name.into(), col.clone(), &obj[&col]);
                if count {
                    c.measure = Measure::Count;
                }
                out.push(c);
            }
        }
        if table.get("equipment_over_1m").is_some() {
            let mut c = Cell::new(
                "equipment_over_1m".into(),
                "单价100万元(含)以上设备".into(),
                "count".into(),
                &table["equipment_over_1m"],
            );
            c.measure = Measure::Count;
            out.push(c);
        }
    }
}

/// Files to read for one argument: a folder's `.json`/`.jsonl` files (sorted,
/// recursive, hidden entries skipped), or the argument itself.
fn sources(arg: &str) -> std::io::Result<Vec<String>> {
    if arg == "-" || !Path::new(arg).is_dir() {
        return Ok(vec![arg.to_string()]);
    }
    let mut out = Vec::new();
    fn walk(dir: &Path, out: &mut Vec<String>) -> std::io::Result<()> {
        let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let path = e.path();
            if path.is_dir() {
                walk(&path, out)?;
            } else if name.ends_with(".json") || name.ends_with(".jsonl") {
                out.push(path.to_string_lossy().into_owned());
            }
        }
        Ok(())
    }
    walk(Path::new(arg), &mut out)?;
    Ok(out)
}

/// Reads every JSON value of `reader` (one pretty document, or JSON lines)
/// into `w`, one at a time. Returns false when the input is not valid JSON
/// or cannot be read (the values before the error are kept); an error only
/// when the output cannot be written.
pub fn read_stream<R: Read>(name: &str, reader: R, w: &mut Writers) -> io::Result<bool> {
    let stream = serde_json::Deserializer::from_reader(BufReader::with_capacity(1 << 16, reader))
        .into_iter::<Value>();
    for value in stream {
        match value {
            Ok(v) if v.is_object() => w.record(&v)?,
            Ok(_) => {
                eprintln!("juesuan: {name}: a JSON value that is not a record, skipped");
            }
            Err(e) => {
                if e.is_io() {
                    eprintln!("juesuan: {name}: cannot read: {e}");
                } else {
                    eprintln!("juesuan: {name}: not JSON: {e}");
                }
                w.counts.bad_inputs += 1;
                return Ok(false);
            }
        }
    }
    Ok(true)
}

/// `juesuan tabulate`: returns the exit status ([`crate::error::exit`]): 0;
/// 2 when an input could not be read (the CSVs then hold everything that
/// could); 3 when the CSVs could not be written. A closed pipe under
/// [`TabulateOutput::Stdout`] ends quietly with 0.
pub fn run(opts: &TabulateOptions) -> u8 {
    let (what, result) = match &opts.output {
        TabulateOutput::Dir(dir) => (dir.display().to_string(), to_dir(&opts.inputs, dir)),
        TabulateOutput::Stdout(d) => ("standard output".to_string(), to_stdout(&opts.inputs, *d)),
    };
    match result {
        Ok(counts) => {
            eprintln!(
                "juesuan: {} records → {} cells, {} extra-table cells, {} findings in {what}",
                counts.records, counts.cells, counts.extra_cells, counts.findings,
            );
            if counts.bad_inputs > 0 {
                exit::UNREADABLE
            } else {
                exit::OK
            }
        }
        Err(e) => e.report(&what),
    }
}

/// Reads every input into `w`; an error only when the output fails.
fn read_all(inputs: &[String], w: &mut Writers) -> io::Result<()> {
    for arg in inputs {
        let files = match sources(arg) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("juesuan: {arg}: {e}");
                w.counts.bad_inputs += 1;
                continue;
            }
        };
        for file in files {
            if file == "-" {
                read_stream("-", io::stdin().lock(), w)?;
                continue;
            }
            match std::fs::File::open(&file) {
                Ok(f) => {
                    read_stream(&file, f, w)?;
                }
                Err(e) => {
                    eprintln!("juesuan: {file}: {e}");
                    w.counts.bad_inputs += 1;
                }
            }
        }
    }
    w.flush()
}

/// One dataset to standard output, the others nowhere.
fn to_stdout(inputs: &[String], which: Dataset) -> Result<Counts, StreamError> {
    let sinks: Vec<Sink> = Dataset::ALL
        .iter()
        .map(|d| -> Sink {
            if *d == which {
                Box::new(io::BufWriter::with_capacity(1 << 16, io::stdout()))
            } else {
                Box::new(io::sink())
            }
        })
        .collect();
    let mut sinks = sinks.into_iter();
    let mut next = || sinks.next().expect("four sinks");
    let mut w = Writers::new(next(), next(), next(), next())?;
    read_all(inputs, &mut w)?;
    Ok(w.counts.clone())
}

/// All four datasets as files in `dir`, each written to a temporary file and
/// renamed into place once complete.
fn to_dir(inputs: &[String], dir: &Path) -> Result<Counts, StreamError> {
    std::fs::create_dir_all(dir)?;
    let tmp: Vec<PathBuf> = Dataset::ALL
        .iter()
        .map(|d| dir.join(format!(".{}.tmp-{}", d.file_name(), std::process::id())))
        .collect();
    let result = (|| -> io::Result<Counts> {
        let mut files = Vec::with_capacity(4);
        for p in &tmp {
            let f = std::fs::File::create(p)?;
            files.push(Box::new(io::BufWriter::with_capacity(1 << 16, f)) as Sink);
        }
        let mut files = files.into_iter();
        let mut next = || files.next().expect("four files");
        let mut w = Writers::new(next(), next(), next(), next())?;
        read_all(inputs, &mut w)?;
        let counts = w.counts.clone();
        drop(w);
        for (t, d) in tmp.iter().zip(Dataset::ALL) {
            std::fs::rename(t, dir.join(d.file_name()))?;
        }
        Ok(counts)
    })();
    if result.is_err() {
        for t in &tmp {
            let _ = std::fs::remove_file(t);
        }
    }
    Ok(result?)
}
