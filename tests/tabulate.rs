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
    let find = |file: &str, table: &str, code: &str, column: &str| -> Vec<String> {
        cells
            .iter()
            .find(|r| r[0] == file && r[4] == table && r[5] == code && r[8] == column)
            .unwrap_or_else(|| panic!("no cell {file} {table} {code} {column}"))
            .clone()
    };
    // the printed digits, trailing zeros kept
    let r = find(
        "c/a.md",
        "income_expenditure_summary",
        "government_fund",
        "income.amount",
    );
    assert_eq!(r[9], "700.00");
    assert_eq!(r[10], "万元");
    assert_eq!(r[1], "final_accounts");
    assert_eq!(r[2], "怀仁市工业和信息化局");
    assert_eq!(r[3], "2024");
    assert_eq!(
        find("c/a.md", "expenditure", "2080501", "total")[6],
        "行政单位离退休"
    );
    assert_eq!(
        find("c/sub/b.md", "three_public", "actual", "total")[9],
        "7.50"
    );
    assert_eq!(
        find("c/a.md", "disclosure_stats", "vehicles", "机要通信用车")[10],
        "count"
    );
    assert_eq!(
        find("c/a.md", "fiscal_summary", "208", "expenditure.total")[9],
        "262.09"
    );
    // blank is an empty field, not 0
    assert_eq!(
        find(
            "c/a.md",
            "income_expenditure_summary",
            "state_capital",
            "income.amount"
        )[9],
        ""
    );
    // the annex projects, by their place in the table
    let p = find("c/a.md", "performance", "6", "score");
    assert_eq!(p[6], "美裕陶瓷有限公司企业破产职工安置费用");
    assert_eq!(p[9], "71.75");
    assert_eq!(find("c/a.md", "performance", "6", "grade")[9], "中");
    assert_eq!(find("c/a.md", "performance", "1", "executed")[9], "795");
    // the failure record has no cells but a documents row
    assert!(cells.iter().all(|r| r[0] != "c/sub/bad.pdf"));

    let (h, docs) = read_csv(&dir.path().join("tab/documents.csv"));
    assert_eq!(h, juesuan::tabulate::DOCUMENT_HEADER);
    assert_eq!(docs.len(), 3);
    let col = |name: &str| h.iter().position(|c| c == name).unwrap();
    let a = docs.iter().find(|r| r[0] == "c/a.md").unwrap();
    assert_eq!(a[col("income_grand_total")], "5307.63");
    assert_eq!(a[col("expenditure_total")], "5307.63");
    assert_eq!(a[col("failure_kind")], "");
    assert_eq!(a[col("tables")], "10");
    let bad = docs.iter().find(|r| r[0] == "c/sub/bad.pdf").unwrap();
    assert_eq!(bad[col("failure_kind")], "unreadable");
    assert_eq!(bad[col("format")], "pdf-text");

    let (h, _) = read_csv(&dir.path().join("tab/findings.csv"));
    assert_eq!(h, juesuan::tabulate::FINDING_HEADER);
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

    for name in ["cells.csv", "findings.csv", "documents.csv"] {
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
