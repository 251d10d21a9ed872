//! The bundled sample against its golden file, which was written by reading the
//! report (not from the program's output): every table, the metadata, the
//! annex projects, and the prose claims listed there.

use serde_json::Value;

fn load(path: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn extract(path: &str) -> Value {
    let bytes = std::fs::read(path).unwrap();
    let doc = juesuan::extract(path, &bytes).expect("sample extracts");
    serde_json::from_str(&juesuan::emit::compact(&doc)).unwrap()
}

/// Lists every path where `got` differs from `want`.
fn diff(path: &str, want: &Value, got: &Value, out: &mut Vec<String>) {
    match (want, got) {
        (Value::Object(w), Value::Object(g)) => {
            for (k, wv) in w {
                match g.get(k) {
                    Some(gv) => diff(&format!("{path}.{k}"), wv, gv, out),
                    None => out.push(format!("{path}.{k}: missing, want {wv}")),
                }
            }
            for k in g.keys().filter(|k| !w.contains_key(*k)) {
                out.push(format!("{path}.{k}: unexpected {}", g[k]));
            }
        }
        (Value::Array(w), Value::Array(g)) => {
            if w.len() != g.len() {
                out.push(format!("{path}: {} items, want {}", g.len(), w.len()));
            }
            for (i, (wv, gv)) in w.iter().zip(g.iter()).enumerate() {
                diff(&format!("{path}[{i}]"), wv, gv, out);
            }
        }
        // numbers compare by their printed digits (arbitrary precision keeps them)
        (w, g) if w != g => out.push(format!("{path}: got {g}, want {w}")),
        _ => {}
    }
}

/// Each input beside its golden file (written by reading the report or its page images).
const CASES: &[(&str, &str)] = &[
    (
        "samples/huairen-gongxin-2024.md",
        "samples/huairen-gongxin-2024.expected.json",
    ),
    (
        "samples/pdf/final-2024-putuo-finance-bureau.pdf",
        "samples/pdf/final-2024-putuo-finance-bureau.expected.json",
    ),
    (
        "samples/pdf/final-2024-putuo-social-work-dept.pdf",
        "samples/pdf/final-2024-putuo-social-work-dept.expected.json",
    ),
    (
        "samples/pdf/final-2024-shanghai-template.pdf",
        "samples/pdf/final-2024-shanghai-template.expected.json",
    ),
    (
        "samples/pdf/budget-2025-putuo-commerce-commission.pdf",
        "samples/pdf/budget-2025-putuo-commerce-commission.expected.json",
    ),
];

fn check_section(section: &str) {
    let mut failures = Vec::new();
    for (input, golden) in CASES {
        let want = load(golden);
        let got = extract(input);
        let mut out = Vec::new();
        diff(section, &want[section], &got[section], &mut out);
        if !out.is_empty() {
            failures.push(format!(
                "{input}: {} differences:\n{}",
                out.len(),
                out.join("\n")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn tables_match_golden() {
    check_section("tables");
}

#[test]
fn report_matches_golden() {
    check_section("report");
}

#[test]
fn performance_matches_golden() {
    check_section("performance");
}

#[test]
fn source_matches_golden() {
    for (input, golden) in CASES {
        let want = load(golden);
        let got = extract(input);
        assert_eq!(got["schema"], want["schema"], "{input}");
        assert_eq!(got["source"]["format"], want["source"]["format"], "{input}");
        assert_eq!(got["source"]["pages"], want["source"]["pages"], "{input}");
        assert_eq!(got["source"]["path"], *input);
        assert_eq!(got["source"]["sha256"].as_str().unwrap().len(), 64);
    }
}

#[test]
fn golden_claims_are_found_with_their_cells() {
    let mut missing = Vec::new();
    for (input, golden) in CASES {
        let want = load(golden);
        let got = extract(input);
        let claims = got["narrative"]["claims"].as_array().unwrap();
        for w in want["narrative"]["claims"].as_array().unwrap() {
            let found = claims.iter().any(|c| {
                ["section", "value", "unit", "kind", "refers_to"]
                    .iter()
                    .all(|k| c[*k] == w[*k])
            });
            if !found {
                missing.push(format!("{input}: {w}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "claims not found:\n{}",
        missing.join("\n")
    );
}

#[test]
fn output_is_byte_identical_across_runs() {
    for (input, _) in CASES {
        let bytes = std::fs::read(input).unwrap();
        let a = juesuan::emit::compact(&juesuan::extract(input, &bytes).unwrap());
        let b = juesuan::emit::compact(&juesuan::extract(input, &bytes).unwrap());
        assert_eq!(a, b, "{input}");
    }
    let sample = juesuan::emit::compact(
        &juesuan::extract(CASES[0].0, &std::fs::read(CASES[0].0).unwrap()).unwrap(),
    );
    assert!(
        sample.contains("\"amount\":700.00"),
        "amounts keep their printed digits"
    );
}

/// The text sample rendered to a ruled PDF (scripts/render_sample_pdf.py) gives
/// the same tables through the PDF path as the text through the text path.
#[test]
fn rendered_pdf_gives_the_same_tables_as_the_text() {
    let text = extract("samples/huairen-gongxin-2024.md");
    let pdf = extract("samples/pdf/huairen-gongxin-2024.pdf");
    let mut out = Vec::new();
    let (mut want, mut got) = (text["tables"].clone(), pdf["tables"].clone());
    for t in want
        .as_object_mut()
        .unwrap()
        .values_mut()
        .chain(got.as_object_mut().unwrap().values_mut())
    {
        t.as_object_mut().unwrap().remove("pages"); // text has none
    }
    diff("tables", &want, &got, &mut out);
    assert!(
        out.is_empty(),
        "{} differences:\n{}",
        out.len(),
        out.join("\n")
    );
    assert!(!pdf["tables"]["income"]["pages"]
        .as_array()
        .unwrap()
        .is_empty());
}
