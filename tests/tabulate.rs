//! `juesuan tabulate`: JSONL or a folder of JSON → cells, findings and
//! documents CSVs, with values exactly as in the JSON.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_juesuan");
const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/samples/huairen-gongxin-2024.md"
);

fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("c");
    std::fs::create_dir_all(c.join("sub")).unwrap();
    std::fs::copy(SAMPLE, c.join("a.md")).unwrap();
    let other = std::fs::read_to_string(SAMPLE)
        .unwrap()
        .replace("怀仁市工业和信息化局", "怀仁市商务局");
    std::fs::write(c.join("sub/b.md"), other).unwrap();
    std::fs::write(c.join("sub/bad.pdf"), b"%PDF-1.4 garbage").unwrap();
    dir
}

fn run(cwd: &Path, args: &[&str]) -> std::process::Output {
    Command::new(BIN)
        .current_dir(cwd)
        .args(args)
        .output()
        .unwrap()
}

fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_path(path).unwrap();
    let header = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

#[test]
fn jsonl_to_tidy_csvs() {
    let dir = setup();
    let ex = run(dir.path(), &["extract", "c", "--jsonl"]);
    assert_eq!(ex.status.code(), Some(2));
    std::fs::write(dir.path().join("all.jsonl"), &ex.stdout).unwrap();
    let t = run(dir.path(), &["tabulate", "all.jsonl", "-o", "tab"]);
    assert_eq!(
        t.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&t.stderr)
    );

    let (h, cells) = read_csv(&dir.path().join("tab/cells.csv"));
    assert_eq!(h, juesuan::tabulate::CELL_HEADER);
    let c = |name: &str| h.iter().position(|c| c == name).unwrap();
    let find = |file: &str, table: &str, code: &str, column: &str| -> Vec<String> {
        cells
            .iter()
            .find(|r| {
                r[c("file")] == file
                    && r[c("table")] == table
                    && r[c("row_code")] == code
                    && r[c("column")] == column
            })
            .unwrap_or_else(|| panic!("no cell {file} {table} {code} {column}"))
            .clone()
    };
    // the printed digits, trailing zeros kept, with the table's unit
    let r = find(
        "c/a.md",
        "income_expenditure_summary",
        "government_fund",
        "income.amount",
    );
    assert_eq!(r[c("value")], "700.00");
    assert_eq!(r[c("text")], "");
    assert_eq!(r[c("unit")], "万元");
    assert_eq!(r[c("kind")], "final_accounts");
    assert_eq!(r[c("department")], "怀仁市工业和信息化局");
    assert_eq!(r[c("year")], "2024");
    assert_eq!(
        find("c/a.md", "expenditure", "2080501", "total")[c("row_name")],
        "行政单位离退休"
    );
    assert_eq!(
        find("c/sub/b.md", "three_public", "actual", "total")[c("value")],
        "7.50"
    );
    let v = find("c/a.md", "disclosure_stats", "vehicles", "机要通信用车");
    assert_eq!(v[c("unit")], "count");
    assert_eq!(
        find("c/a.md", "fiscal_summary", "208", "expenditure.total")[c("value")],
        "262.09"
    );
    // blank is an empty field, not 0; it keeps the unit of its column
    let blank = find(
        "c/a.md",
        "income_expenditure_summary",
        "state_capital",
        "income.amount",
    );
    assert_eq!(
        (blank[c("value")].as_str(), blank[c("text")].as_str()),
        ("", "")
    );
    // the annex projects, by their place in the table: numbers in `value`
    // with a unit (amounts in the unit the annex prose states, scores in 分),
    // texts in `text` without one
    let p = find("c/a.md", "performance", "6", "score");
    assert_eq!(p[c("row_name")], "美裕陶瓷有限公司企业破产职工安置费用");
    assert_eq!(
        (p[c("value")].as_str(), p[c("unit")].as_str()),
        ("71.75", "分")
    );
    let g = find("c/a.md", "performance", "6", "grade");
    assert_eq!(
        (
            g[c("value")].as_str(),
            g[c("text")].as_str(),
            g[c("unit")].as_str()
        ),
        ("", "中", "")
    );
    let e = find("c/a.md", "performance", "1", "executed");
    assert_eq!(
        (e[c("value")].as_str(), e[c("unit")].as_str()),
        ("795", "万元")
    );
    // every number has a unit; no row has both a value and a text
    for r in &cells {
        assert!(
            r[c("value")].is_empty() || !r[c("unit")].is_empty(),
            "{r:?}"
        );
        assert!(r[c("value")].is_empty() || r[c("text")].is_empty(), "{r:?}");
        assert!(
            r[c("value")].is_empty() || r[c("value")].parse::<f64>().is_ok(),
            "a value column pandas reads as numbers: {r:?}"
        );
    }
    // the failure record has no cells but a documents row
    assert!(cells.iter().all(|r| r[0] != "c/sub/bad.pdf"));

    let (h, docs) = read_csv(&dir.path().join("tab/documents.csv"));
    assert_eq!(h, juesuan::tabulate::DOCUMENT_HEADER);
    assert_eq!(docs.len(), 3);
    let col = |name: &str| h.iter().position(|c| c == name).unwrap();
    let a = docs.iter().find(|r| r[0] == "c/a.md").unwrap();
    assert_eq!(a[col("income_grand_total")], "5307.63");
    assert_eq!(a[col("expenditure_total")], "5307.63");
    assert_eq!(a[col("summary_unit")], "万元");
    assert_eq!(a[col("failure_kind")], "");
    assert_eq!(a[col("tables")], "10");
    assert_eq!(a[col("extra_tables")], "1");
    // the 三公 budget beside the actual, with the table's own unit
    assert_eq!(a[col("three_public_budget_total")], "7.50");
    assert_eq!(a[col("three_public_actual_total")], "7.50");
    assert_eq!(a[col("three_public_unit")], "万元");
    assert_eq!(a[col("unit_three_public")], "万元");
    assert_eq!(a[col("unit_income")], "万元");
    let bad = docs.iter().find(|r| r[0] == "c/sub/bad.pdf").unwrap();
    assert_eq!(bad[col("failure_kind")], "unreadable");
    assert_eq!(bad[col("format")], "pdf-text");

    // the table outside the catalogue, cell by cell under its header path
    let (h, extra) = read_csv(&dir.path().join("tab/extra_cells.csv"));
    assert_eq!(h, juesuan::tabulate::EXTRA_CELL_HEADER);
    let col = |name: &str| h.iter().position(|c| c == name).unwrap();
    let produce = extra
        .iter()
        .find(|r| {
            r[col("file")] == "c/a.md" && r[col("row")] == "1" && r[col("column_index")] == "0"
        })
        .expect("first cell of the extra table");
    assert_eq!(produce[col("title")], "绩效自评一级指标得分情况表");
    assert_eq!(produce[col("text")], "产出");
    assert_eq!(produce[col("column")], "一级指标/投入/过程");

    let (h, findings) = read_csv(&dir.path().join("tab/findings.csv"));
    assert_eq!(h, juesuan::tabulate::FINDING_HEADER);
    let col = |name: &str| h.iter().position(|c| c == name).unwrap();
    assert!(!findings.is_empty());
    for f in &findings {
        // a finding's figures carry the unit they are in (annex statements
        // compare amounts, scores and rates in turn: their message says which)
        let figures = !f[col("expected")].is_empty() || !f[col("actual")].is_empty();
        if !juesuan::tabulate::MIXED_UNIT_RULES.contains(&f[col("rule")].as_str()) {
            assert_eq!(figures, !f[col("unit")].is_empty(), "{f:?}");
        }
    }
    let rate = findings
        .iter()
        .find(|f| f[col("rule")] == "annex.rate")
        .expect("the sample's rate finding");
    assert_eq!(rate[col("unit")], "%");

    // one dataset on standard output, the same rows as the file
    let out = run(
        dir.path(),
        &["tabulate", "all.jsonl", "--stdout", "documents"],
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        std::fs::read_to_string(dir.path().join("tab/documents.csv")).unwrap()
    );
}

#[test]
fn folder_of_json_and_stdin_give_the_same_rows() {
    let dir = setup();
    let ex = run(dir.path(), &["extract", "c", "-o", "json", "--pretty"]);
    assert_eq!(ex.status.code(), Some(2));
    let t = run(dir.path(), &["tabulate", "json", "-o", "from_dir"]);
    assert_eq!(
        t.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&t.stderr)
    );

    let jsonl = run(dir.path(), &["extract", "c", "--jsonl"]).stdout;
    let mut child = Command::new(BIN)
        .current_dir(dir.path())
        .args(["tabulate", "-", "-o", "from_stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&jsonl).unwrap();
    assert!(child.wait().unwrap().success());

    for name in [
        "cells.csv",
        "extra_cells.csv",
        "findings.csv",
        "documents.csv",
    ] {
        let sorted = |d: &str| {
            let mut v: Vec<String> = std::fs::read_to_string(dir.path().join(d).join(name))
                .unwrap()
                .lines()
                .map(String::from)
                .collect();
            v.sort();
            v
        };
        assert_eq!(sorted("from_dir"), sorted("from_stdin"), "{name}");
    }
}

#[test]
fn bad_json_is_reported_and_exit_2() {
    let dir = setup();
    std::fs::write(
        dir.path().join("broken.jsonl"),
        "{\"schema\": \"juesuan/1\"}\n{not json\n",
    )
    .unwrap();
    let t = run(dir.path(), &["tabulate", "broken.jsonl", "-o", "tab"]);
    assert_eq!(t.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&t.stderr).contains("not JSON"));
    let (_, docs) = read_csv(&dir.path().join("tab/documents.csv"));
    assert_eq!(docs.len(), 1, "the record before the error is kept");
}
