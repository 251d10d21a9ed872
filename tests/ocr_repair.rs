//! Figures read by OCR are repaired only where the report's own checks
//! confirm the repair, and an `error` stands only where its figures were
//! read with confidence (`src/repair.rs`).
//!
//! The scanned twin of the sample's 收入支出决算总表, 收入决算表 and
//! 一般公共预算财政拨款支出决算表 (`samples/scans/huairen-gongxin-2024.scan.pdf`)
//! is read by OCR once; its reading has no error. Then one figure of the
//! 收入决算表 (page 2) is changed the way a recogniser misreads, or the way
//! a report misprints, and its confidence set, and the rest of the pipeline
//! runs on it.

#[path = "common/ocr.rs"]
mod ocr_check;

use juesuan::doc::Doc;
use juesuan::model::{Document, Severity, Source};
use ocr_check::ocr_ready;
use serde_json::Value;

const SCAN: &str = "samples/scans/huairen-gongxin-2024.scan.pdf";

fn source() -> Source {
    Source {
        path: SCAN.into(),
        sha256: String::new(),
        format: "pdf-ocr".into(),
        pages: Some(3),
        ocr_pages: vec![1, 2, 3],
    }
}

/// The cell of page 2 on the row with code `code`, column `col` (0 the code).
fn cell<'a>(doc: &'a mut Doc, code: &str, col: usize) -> (&'a mut String, &'a mut f32) {
    let l = doc
        .lines
        .iter_mut()
        .find(|l| l.page == 2 && l.cells.first().is_some_and(|c| c == code))
        .unwrap_or_else(|| panic!("no row {code} on page 2"));
    assert_eq!(l.conf.len(), l.cells.len(), "row {code}: confidences");
    (&mut l.cells[col], &mut l.conf[col])
}

fn run(doc: Doc) -> Document {
    juesuan::from_doc(doc, source()).expect("a report")
}

/// The income table's `total` of the row with `code`.
fn income_total(d: &Document, code: &str) -> Value {
    let v = serde_json::to_value(d).unwrap();
    v["tables"]["income"]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == code)
        .unwrap_or_else(|| panic!("no income row {code}"))["values"]["total"]
        .clone()
}

fn with(d: &Document, rule: &str, sev: Severity) -> Vec<String> {
    d.findings
        .iter()
        .filter(|f| f.rule.starts_with(rule) && f.severity == sev)
        .map(|f| f.message.clone())
        .collect()
}

fn errors(d: &Document) -> Vec<String> {
    with(d, "", Severity::Error)
}

#[test]
fn ocr_misreadings_are_repaired_only_where_the_checks_confirm_them() {
    if !ocr_ready("ocr_misreadings_are_repaired_only_where_the_checks_confirm_them") {
        return;
    }
    let bytes = std::fs::read(SCAN).unwrap();
    let (_, scanned) = juesuan::ingest::read(&bytes).unwrap();
    let scanned = juesuan::normalise::doc(scanned);
    let base = run(scanned.clone());
    assert!(errors(&base).is_empty(), "{:?}", errors(&base));
    assert!(with(&base, "ocr.repaired", Severity::Warning).is_empty());
    assert_eq!(income_total(&base, "2080505"), 31.92);

    // a digit lost (31.92 read as 3.92), read with full confidence: the
    // parent's and the total's sums confirm 31.92, and nothing else would
    let mut d = scanned.clone();
    *cell(&mut d, "2080505", 2).0 = "3.92".into();
    let got = run(d);
    assert_eq!(income_total(&got, "2080505"), 31.92, "repaired");
    assert!(errors(&got).is_empty(), "{:?}", errors(&got));
    let repaired = got
        .findings
        .iter()
        .find(|f| f.rule == "ocr.repaired")
        .expect("an ocr.repaired warning");
    assert_eq!(repaired.severity, Severity::Warning);
    assert!(
        repaired.message.contains("3.92") && repaired.message.contains("31.92"),
        "{}",
        repaired.message
    );
    assert_eq!(repaired.tables, vec!["income".to_string()]);
    assert_eq!(repaired.location.as_ref().and_then(|l| l.page), Some(2));

    // a digit doubled (159.34 read as 1559.34)
    let mut d = scanned.clone();
    *cell(&mut d, "2080501", 3).0 = "1559.34".into();
    let got = run(d);
    assert!(errors(&got).is_empty(), "{:?}", errors(&got));
    assert_eq!(with(&got, "ocr.repaired", Severity::Warning).len(), 1);

    // one digit for another, read with full confidence: a misprint, not a
    // misreading; the error stands
    let mut d = scanned.clone();
    *cell(&mut d, "2080501", 2).0 = "159.84".into();
    let got = run(d.clone());
    assert_eq!(income_total(&got, "2080501"), 159.84, "not repaired");
    assert!(with(&got, "ocr.repaired", Severity::Warning).is_empty());
    assert!(
        errors(&got).iter().any(|m| m.contains("159.84")),
        "{:?}",
        got.findings
    );

    // the same digit read with low confidence: the one digit that makes
    // the sums agree is taken
    *cell(&mut d, "2080501", 2).1 = 0.5;
    let got = run(d);
    assert_eq!(income_total(&got, "2080501"), 159.34, "repaired");
    assert!(errors(&got).is_empty(), "{:?}", errors(&got));

    // two digits swapped (159.34 as 195.34), no typical misreading, and
    // read with low confidence: a warning, not an accusation, and no guess
    let mut d = scanned.clone();
    *cell(&mut d, "2080501", 2).0 = "195.34".into();
    *cell(&mut d, "2080501", 2).1 = 0.6;
    let got = run(d.clone());
    assert_eq!(income_total(&got, "2080501"), 195.34, "not repaired");
    assert!(errors(&got).is_empty(), "{:?}", errors(&got));
    assert!(
        got.findings
            .iter()
            .any(|f| f.severity == Severity::Warning && f.message.contains("low confidence")),
        "{:?}",
        got.findings
    );
    // read with confidence, the same figure is an error of the report
    *cell(&mut d, "2080501", 2).1 = 1.0;
    assert!(!errors(&run(d)).is_empty());

    // two misreadings in different rows (31.92 as 3.92, 210.06 as 21.06):
    // each confirmed by its own sums
    let mut d = scanned.clone();
    *cell(&mut d, "2080505", 2).0 = "3.92".into();
    *cell(&mut d, "2150501", 3).0 = "21.06".into();
    let got = run(d);
    assert_eq!(income_total(&got, "2080505"), 31.92);
    assert!(errors(&got).is_empty(), "{:?}", errors(&got));
    assert_eq!(with(&got, "ocr.repaired", Severity::Warning).len(), 2);
}
