//! Reconcile: the report checked against its own arithmetic.

use crate::model::{Document, Finding};

/// Runs every rule of the catalogue over `doc` and returns the findings in a
/// stable order.
pub fn run(_doc: &Document) -> Vec<Finding> {
    Vec::new()
}
