//! Emit: the document as canonical JSON (stable key order, amounts with the
//! printed digits, no timestamps).

use serde::Serialize;

/// One JSON value on one line (for `--jsonl` and pipes).
pub fn compact<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("model serialises")
}

/// Indented JSON for people.
pub fn pretty<T: Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).expect("model serialises")
}

/// The JSON Schema of the output document, generated from the model types.
pub fn schema() -> String {
    let schema = schemars::schema_for!(crate::model::Document);
    serde_json::to_string_pretty(&schema).expect("schema serialises")
}

/// The JSON Schema of the record written for an input that failed.
pub fn failure_schema() -> String {
    let schema = schemars::schema_for!(crate::model::FailureRecord);
    serde_json::to_string_pretty(&schema).expect("schema serialises")
}
