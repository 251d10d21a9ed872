//! `juesuan tabulate`: extracted JSON (folders of `.json`, JSONL files or
//! standard input) → tidy CSV tables for pandas, R or Stata:
//!
//! - `cells.csv`: one row per table cell (see [`CELL_HEADER`]);
//! - `findings.csv`: one row per finding ([`FINDING_HEADER`]);
//! - `documents.csv`: one row per record, documents and failure records alike
//!   ([`DOCUMENT_HEADER`]).
//!
//! The JSON is read as generic values (numbers keep their printed digits, the
//! crate has serde_json's `arbitrary_precision` on), so every value is written
//! exactly as it stands in the JSON; `null` becomes an empty field. The columns
//! are described in `docs/batch.md`.

use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

/// Arguments of `juesuan tabulate`.
#[derive(Debug, Clone, clap::Args)]
pub struct TabulateArgs {
    /// Folders (walked for .json and .jsonl), JSON or JSONL files; `-` reads
    /// JSONL from standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// Folder to write cells.csv, findings.csv and documents.csv into.
    #[arg(short = 'o', long = "out", value_name = "OUTDIR")]
    pub out: PathBuf,
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
    "findings_error",
    "findings_rounding",
    "findings_warning",
    "income_total",
    "income_grand_total",
    "expenditure_total",
    "expenditure_grand_total",
    "three_public_actual_total",
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
    /// Rows written to findings.csv.
    pub findings: usize,
    /// Inputs (or parts of them) that could not be read as JSON.
    pub bad_inputs: usize,
}

/// The three CSV writers.
pub struct Writers<W: std::io::Write> {
    cells: csv::Writer<W>,
    findings: csv::Writer<W>,
    documents: csv::Writer<W>,
    /// What has been written so far.
    pub counts: Counts,
}

impl<W: std::io::Write> Writers<W> {
    /// Writers over three sinks; writes the headers.
    pub fn new(cells: W, findings: W, documents: W) -> csv::Result<Self> {
        let mut w = Writers {
            cells: csv::Writer::from_writer(cells),
            findings: csv::Writer::from_writer(findings),
            documents: csv::Writer::from_writer(documents),
            counts: Counts::default(),
        };
        w.cells.write_record(CELL_HEADER)?;
        w.findings.write_record(FINDING_HEADER)?;
        w.documents.write_record(DOCUMENT_HEADER)?;
        Ok(w)
    }

    /// Flushes all three.
    pub fn flush(&mut self) -> std::io::Result<()> {
        self.cells.flush()?;
        self.findings.flush()?;
        self.documents.flush()
    }

    /// Writes the rows of one record (a document or a failure record).
    pub fn record(&mut self, rec: &Value) -> csv::Result<()> {
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
                for c in rows {
                    let unit = if c.count {
                        "count".to_string()
                    } else {
                        unit.clone()
                    };
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
                        &c.value,
                        &unit,
                    ])?;
                    self.counts.cells += 1;
                }
            }
        }

        // the 绩效自评 annex's projects, as table `performance`: row = the
        // project's place in the table, columns its figures as printed
        for (i, p) in rec["performance"]["projects"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
        {
            let (code, name) = ((i + 1).to_string(), text(&p["name"]));
            for col in [
                "budget", "executed", "expected", "achieved", "score", "grade",
            ] {
                if p.get(col).is_some() {
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
                        &text(&p[col]),
                        "",
                    ])?;
                    self.counts.cells += 1;
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
                let tables = f["tables"]
                    .as_array()
                    .map(|a| a.iter().map(text).collect::<Vec<_>>().join(";"))
                    .unwrap_or_default();
                self.findings.write_record([
                    &file,
                    &dept,
                    &year,
                    &text(&f["rule"]),
                    &sev,
                    &tables,
                    &text(&f["message"]),
                    &text(&f["expected"]),
                    &text(&f["actual"]),
                ])?;
                self.counts.findings += 1;
            }
        }

        let failed = rec.get("failure").is_some();
        let summary = &rec["tables"]["income_expenditure_summary"];
        let n_tables = rec
            .get("tables")
            .and_then(Value::as_object)
            .map(|t| t.len().to_string());
        let count = |n: usize| if failed { String::new() } else { n.to_string() };
        self.documents.write_record([
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
            count(by_sev[0]),
            count(by_sev[1]),
            count(by_sev[2]),
            keyed_amount(summary, "income", "income_total"),
            keyed_amount(summary, "income", "grand_total"),
            keyed_amount(summary, "expenditure", "expenditure_total"),
            keyed_amount(summary, "expenditure", "grand_total"),
            text(&rec["tables"]["three_public"]["actual"]["total"]),
        ])?;
        Ok(())
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

/// One cell of the long table.
struct Cell {
    row_code: String,
    row_name: String,
    line: String,
    column: String,
    value: String,
    /// A count (vehicles, equipment), not an amount in the table's unit.
    count: bool,
}

impl Cell {
    fn new(row_code: String, row_name: String, column: String, value: &Value) -> Self {
        Cell {
            row_code,
            row_name,
            line: String::new(),
            column,
            value: text(value),
            count: false,
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
        for row in rows {
            let Some(values) = row["values"].as_object() else {
                continue;
            };
            for col in ordered_keys(values, &printed) {
                out.push(Cell::new(
                    text(&row["code"]),
                    text(&row["name"]),
                    col.clone(),
                    &values[&col],
                ));
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
                out.push(Cell::new(side.into(), name.into(), col.clone(), &obj[&col]));
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
                c.count = count;
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
            c.count = true;
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
/// (the values before the error are kept).
pub fn read_stream<R: Read, W: std::io::Write>(
    name: &str,
    reader: R,
    w: &mut Writers<W>,
) -> csv::Result<bool> {
    let stream = serde_json::Deserializer::from_reader(BufReader::with_capacity(1 << 16, reader))
        .into_iter::<Value>();
    for value in stream {
        match value {
            Ok(v) if v.is_object() => w.record(&v)?,
            Ok(_) => {
                eprintln!("juesuan: {name}: a JSON value that is not a record, skipped");
            }
            Err(e) => {
                eprintln!("juesuan: {name}: not JSON: {e}");
                w.counts.bad_inputs += 1;
                return Ok(false);
            }
        }
    }
    Ok(true)
}

/// `juesuan tabulate`: returns the exit status (0, or 2 when an input could
/// not be read; the CSVs then hold everything that could).
pub fn run(args: TabulateArgs) -> u8 {
    match run_inner(&args) {
        Ok(counts) => {
            eprintln!(
                "juesuan: {} records → {} cells, {} findings in {}",
                counts.records,
                counts.cells,
                counts.findings,
                args.out.display()
            );
            if counts.bad_inputs > 0 {
                2
            } else {
                0
            }
        }
        Err(e) => {
            eprintln!("juesuan: {e}");
            2
        }
    }
}

fn run_inner(args: &TabulateArgs) -> Result<Counts, Box<dyn std::error::Error>> {
    std::fs::create_dir_all(&args.out)?;
    let names = ["cells.csv", "findings.csv", "documents.csv"];
    let tmp: Vec<PathBuf> = names
        .iter()
        .map(|n| args.out.join(format!(".{n}.tmp-{}", std::process::id())))
        .collect();
    let open = |p: &PathBuf| {
        std::fs::File::create(p).map(|f| std::io::BufWriter::with_capacity(1 << 16, f))
    };
    let mut w = Writers::new(open(&tmp[0])?, open(&tmp[1])?, open(&tmp[2])?)?;
    for arg in &args.inputs {
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
                read_stream("-", std::io::stdin().lock(), &mut w)?;
                continue;
            }
            match std::fs::File::open(&file) {
                Ok(f) => {
                    read_stream(&file, f, &mut w)?;
                }
                Err(e) => {
                    eprintln!("juesuan: {file}: {e}");
                    w.counts.bad_inputs += 1;
                }
            }
        }
    }
    w.flush()?;
    let counts = w.counts.clone();
    drop(w);
    for (t, n) in tmp.iter().zip(names) {
        std::fs::rename(t, args.out.join(n))?;
    }
    Ok(counts)
}
