//! Helpers the golden-file tests share: load a golden, extract an input, list
//! every difference between two JSON values.

#![allow(dead_code)]

pub mod ocr;

use serde_json::Value;

/// A JSON file, numbers kept as printed.
pub fn load(path: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The document juesuan makes of `path`, as JSON.
pub fn extract(path: &str) -> Value {
    let bytes = std::fs::read(path).unwrap();
    let doc = juesuan::extract(path, &bytes).unwrap_or_else(|f| panic!("{path}: {f}"));
    serde_json::from_str(&juesuan::emit::compact(&doc)).unwrap()
}

/// Lists every path where `got` differs from `want` (keys `got` has beyond
/// `want` included, except those named in `ignore`).
pub fn diff(path: &str, want: &Value, got: &Value, ignore: &[&str], out: &mut Vec<String>) {
    match (want, got) {
        (Value::Object(w), Value::Object(g)) => {
            for (k, wv) in w {
                match g.get(k) {
                    Some(gv) => diff(&format!("{path}.{k}"), wv, gv, ignore, out),
                    None => out.push(format!("{path}.{k}: missing, want {wv}")),
                }
            }
            for k in g
                .keys()
                .filter(|k| !w.contains_key(*k) && !ignore.contains(&k.as_str()))
            {
                out.push(format!("{path}.{k}: unexpected {}", g[k]));
            }
        }
        (Value::Array(w), Value::Array(g)) => {
            if w.len() != g.len() {
                out.push(format!("{path}: {} items, want {}", g.len(), w.len()));
            }
            for (i, (wv, gv)) in w.iter().zip(g.iter()).enumerate() {
                diff(&format!("{path}[{i}]"), wv, gv, ignore, out);
            }
        }
        // numbers compare by their printed digits (arbitrary precision keeps them)
        (w, g) if w != g => out.push(format!("{path}: got {g}, want {w}")),
        _ => {}
    }
}
