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

const SAMPLE: &str = "samples/huairen-gongxin-2024.md";
const GOLDEN: &str = "samples/huairen-gongxin-2024.expected.json";

#[test]
fn tables_match_golden() {
    let want = load(GOLDEN);
    let got = extract(SAMPLE);
    let mut out = Vec::new();
    diff("tables", &want["tables"], &got["tables"], &mut out);
    assert!(
        out.is_empty(),
        "{} differences:\n{}",
        out.len(),
        out.join("\n")
    );
}

#[test]
fn report_and_source_match_golden() {
    let want = load(GOLDEN);
    let got = extract(SAMPLE);
    let mut out = Vec::new();
    diff("report", &want["report"], &got["report"], &mut out);
    assert_eq!(got["schema"], want["schema"]);
    assert_eq!(got["source"]["format"], want["source"]["format"]);
    assert_eq!(got["source"]["pages"], want["source"]["pages"]);
    assert_eq!(got["source"]["path"], SAMPLE);
    assert_eq!(got["source"]["sha256"].as_str().unwrap().len(), 64);
    assert!(out.is_empty(), "{}", out.join("\n"));
}

#[test]
fn performance_matches_golden() {
    let want = load(GOLDEN);
    let got = extract(SAMPLE);
    let mut out = Vec::new();
    diff(
        "performance",
        &want["performance"],
        &got["performance"],
        &mut out,
    );
    assert!(
        out.is_empty(),
        "{} differences:\n{}",
        out.len(),
        out.join("\n")
    );
}

#[test]
fn golden_claims_are_found_with_their_cells() {
    let want = load(GOLDEN);
    let got = extract(SAMPLE);
    let claims = got["narrative"]["claims"].as_array().unwrap();
    let mut missing = Vec::new();
    for w in want["narrative"]["claims"].as_array().unwrap() {
        let found = claims.iter().any(|c| {
            ["section", "value", "unit", "kind", "refers_to"]
                .iter()
                .all(|k| c[*k] == w[*k])
        });
        if !found {
            missing.push(w.to_string());
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
    let bytes = std::fs::read(SAMPLE).unwrap();
    let a = juesuan::emit::compact(&juesuan::extract(SAMPLE, &bytes).unwrap());
    let b = juesuan::emit::compact(&juesuan::extract(SAMPLE, &bytes).unwrap());
    assert_eq!(a, b);
    assert!(
        a.contains("\"amount\":700.00"),
        "amounts keep their printed digits"
    );
}
