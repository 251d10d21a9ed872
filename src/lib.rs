//! juesuan: Chinese government budget disclosure reports (部门决算/预算公开)
//! → canonical, validated JSON.
//!
//! The pipeline runs one way, one stage per module:
//! [`ingest`] (bytes → lines of cells) → [`normalise`] → [`segment`] (tables by
//! meaning, prose, annexes) → [`parse`] (typed tables, claims, projects) →
//! [`model`] → [`reconcile`] (findings) → [`emit`] (JSON).

pub mod batch;
pub mod doc;
pub mod emit;
pub mod error;
pub mod geometry;
pub mod grammar;
pub mod ingest;
pub mod model;
pub mod normalise;
pub mod parse;
pub mod reconcile;
pub mod segment;
pub mod tabulate;

use sha2::{Digest, Sha256};

pub use error::{Failure, FailureKind};
use model::{Document, Source, SCHEMA};

/// Turns one input (its bytes, and the path as the user gave it) into a
/// document, findings included.
pub fn extract(path: &str, bytes: &[u8]) -> Result<Document, Failure> {
    let (format, doc) = ingest::read(bytes)?;
    let source = Source {
        path: path.to_string(),
        sha256: sha256_hex(bytes),
        format: format.as_str().to_string(),
        pages: doc.pages,
    };
    from_doc(doc, source)
}

/// The stages after ingest: a [`doc::Doc`] → a document.
pub fn from_doc(doc: doc::Doc, source: Source) -> Result<Document, Failure> {
    let ingest_warnings = doc.warnings.clone();
    let doc = normalise::doc(doc);
    let seg = segment::segment(&doc);
    if seg.tables.is_empty() {
        return Err(Failure::new(
            FailureKind::NotAReport,
            "no table of a 部门决算/预算 report was found",
        ));
    }
    let mut warnings = parse::Warnings::default();
    for w in ingest_warnings.iter().chain(seg.warnings.iter()) {
        warnings.push("", w.clone());
    }
    let report = parse::meta::read(&seg.front, &seg.tables, &doc.lines);
    let tables = parse::tables(&seg.tables, report.kind.as_deref(), &mut warnings);
    let narrative = model::Narrative {
        claims: parse::narrative::claims(&seg.narrative, &tables, report.kind.as_deref()),
    };
    let performance = parse::performance::parse(&seg.rest, &mut warnings);
    let mut document = Document {
        schema: SCHEMA.to_string(),
        source,
        report,
        tables,
        narrative,
        performance,
        findings: Vec::new(),
    };
    let mut findings = reconcile::run(&document);
    findings.extend(warnings.into_findings());
    document.findings = findings;
    Ok(document)
}

/// Reads an input as the user named it: a path, or `-` for standard input.
pub fn read_input(path: &str) -> std::io::Result<Vec<u8>> {
    if path == "-" {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf)?;
        Ok(buf)
    } else {
        std::fs::read(path)
    }
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}
