//! Real reports of every layout family against golden files written by reading
//! their page images (`samples/real/*.expected.json`, with the judgment calls
//! of each in `*.notes.md` beside it): the metadata, every standard table cell
//! by cell, and the tables outside the catalogue (title, label, unit, pages,
//! and, where the golden gives them, header paths and cells).

mod common;

use common::{diff, extract, load};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// Every golden of `samples/real/`, with the number of differences still
/// allowed (0: exact). A family above zero has a gap named beside it; the
/// number may only go down.
const CASES: &[(&str, usize)] = &[
    ("budget-2023-southwest-university", 79),
    ("budget-2026-beijing-finance-bureau", 2),
    ("budget-2026-beijing-finance-bureau-narrative", 0),
    ("budget-2026-beijing-govservice-data-scan", 0),
    ("budget-2026-changsha-petition-bureau", 0),
    ("budget-2026-chongqing-government-office", 0),
    ("budget-2026-fuzhou-medical-security", 0),
    ("budget-2026-guangzhou-statistics-bureau", 1),
    ("budget-2026-hangzhou-justice-bureau", 0),
    ("budget-2026-huzhou-finance-bureau", 0),
    ("budget-2026-putuo-justice-bureau-unit", 0),
    ("budget-2026-shanghai-finance-accounting-center-unit", 0),
    ("budget-2026-shenzhen-finance-bureau", 10),
    ("budget-2026-suzhou-audit-bureau", 0),
    ("budget-2026-wuxi-hrss", 129),
    ("budget-2026-xian-audit-bureau", 323),
    ("budget-2026-yantai-audit-bureau", 1),
    ("budget-2026-zhuhai-commerce-bureau", 1),
    ("final-2022-xian-health-commission", 10),
    ("final-2024-national-petition-administration", 0),
    ("final-2024-southwest-university", 0),
];

/// The goldens of image-only reports, read by OCR: skipped where OCR cannot
/// run (see `common::ocr`).
const SCANNED: &[&str] = &["budget-2026-beijing-govservice-data-scan"];

/// The cases this machine can read.
fn cases() -> impl Iterator<Item = &'static (&'static str, usize)> {
    CASES
        .iter()
        .filter(|(name, _)| !SCANNED.contains(name) || common::ocr::ocr_ready(name))
}

/// The document juesuan makes of a real report, made once per test run (two
/// tests read every report; a scan takes its OCR time once).
fn read(name: &str) -> Value {
    static DOCS: OnceLock<Mutex<HashMap<String, Arc<OnceLock<Value>>>>> = OnceLock::new();
    let cell = DOCS
        .get_or_init(Default::default)
        .lock()
        .unwrap()
        .entry(name.to_string())
        .or_default()
        .clone();
    cell.get_or_init(|| extract(&format!("samples/real/{name}.pdf")))
        .clone()
}

/// Keys the program writes that a golden (what the page shows) does not hold.
const OUTPUT_ONLY: &[&str] = &["uncertain"];

/// The differences of one report.
fn differences(name: &str) -> Vec<String> {
    let want = load(&format!("samples/real/{name}.expected.json"));
    let got = read(name);
    let mut out = Vec::new();
    for k in ["kind", "year", "department", "unit"] {
        if want["report"][k] != got["report"][k] {
            out.push(format!(
                "report.{k}: got {}, want {}",
                got["report"][k], want["report"][k]
            ));
        }
    }
    for k in ["format", "pages"] {
        if want["source"][k] != got["source"][k] {
            out.push(format!(
                "source.{k}: got {}, want {}",
                got["source"][k], want["source"][k]
            ));
        }
    }
    diff(
        "tables",
        &want["tables"],
        &got["tables"],
        OUTPUT_ONLY,
        &mut out,
    );
    // extra tables: matched by title in order; header paths and cells where given
    let empty = vec![];
    let wants = want["extra_tables"].as_array().unwrap_or(&empty);
    let gots = got["extra_tables"].as_array().unwrap_or(&empty);
    let mut used = vec![false; gots.len()];
    for (i, w) in wants.iter().enumerate() {
        let Some(j) = (0..gots.len()).find(|&j| !used[j] && gots[j]["title"] == w["title"]) else {
            out.push(format!("extra_tables[{i}] {}: missing", w["title"]));
            continue;
        };
        used[j] = true;
        let g = &gots[j];
        for k in ["label", "unit", "pages", "columns", "rows"] {
            if w.get(k).is_some() {
                let mut d = Vec::new();
                diff(&format!("extra_tables[{i}].{k}"), &w[k], &g[k], &[], &mut d);
                out.extend(d);
            }
        }
    }
    for (j, g) in gots.iter().enumerate() {
        if !used[j] {
            out.push(format!("extra_tables: unexpected {}", g["title"]));
        }
    }
    out
}

#[test]
fn every_golden_is_listed() {
    let mut listed: Vec<&str> = CASES.iter().map(|(n, _)| *n).collect();
    listed.sort_unstable();
    let mut found: Vec<String> = std::fs::read_dir("samples/real")
        .unwrap()
        .filter_map(|e| {
            let n = e.unwrap().file_name().into_string().unwrap();
            n.strip_suffix(".expected.json").map(str::to_string)
        })
        .collect();
    found.sort_unstable();
    assert_eq!(listed, found);
}

#[test]
fn real_reports_match_their_goldens() {
    let mut failures = Vec::new();
    let mut report = Vec::new();
    for (name, allowed) in cases() {
        let d = differences(name);
        report.push(format!(
            "{name}: {} differences (allowed {allowed})",
            d.len()
        ));
        if d.len() > *allowed {
            failures.push(format!(
                "{name}: {} differences, {allowed} allowed:\n{}",
                d.len(),
                d.iter().take(40).cloned().collect::<Vec<_>>().join("\n")
            ));
        }
    }
    eprintln!("{}", report.join("\n"));
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn no_golden_table_is_read_as_uncertain_where_it_matches() {
    // a table read exactly must not be flagged as an uncertain reading
    for (name, allowed) in cases().filter(|(_, a)| *a == 0) {
        let got = read(name);
        if let Value::Object(tables) = &got["tables"] {
            for (id, t) in tables {
                assert!(
                    t.get("uncertain").is_none(),
                    "{name} ({allowed} allowed): {id} read as uncertain: {}",
                    t["uncertain"]
                );
            }
        }
    }
}
