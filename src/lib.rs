//! juesuan: Chinese government budget disclosure reports (部门决算/预算公开)
//! → canonical, validated JSON.
//!
//! The pipeline runs one way, one stage per module:
//! [`ingest`] (bytes → lines of cells) → [`normalise`] → [`segment`] (tables by
//! meaning, prose, annexes) → [`parse`] (typed tables, claims, projects) →
//! [`model`] → [`reconcile`] (findings) → [`emit`] (JSON). [`batch`] runs
//! many inputs (and one, isolated and bounded: [`batch::extract_one`]);
//! [`tabulate`] turns documents into CSV datasets.
//!
//! One report, from its bytes to its canonical JSON:
//!
//! ```
//! let path = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/huairen-gongxin-2024.md");
//! let bytes = std::fs::read(path)?;
//! let doc = juesuan::extract("huairen-gongxin-2024.md", &bytes)?;
//!
//! assert_eq!(doc.report.department.as_deref(), Some("怀仁市工业和信息化局"));
//! // amounts keep the digits printed: 本年收入合计 of 收入决算表
//! let income = doc.tables.income().expect("the report has a 收入决算表");
//! let total = income.rows.iter().find(|r| r.level == 0).expect("合计 row");
//! assert_eq!(total.values["total"].map(|d| d.to_string()).as_deref(), Some("5307.63"));
//! // findings: where the report disagrees with itself
//! for f in &doc.findings {
//!     println!("{:?} {}: {}", f.severity, f.rule, f.message);
//! }
//! let json = juesuan::emit::compact(&doc);
//! assert!(json.starts_with(r#"{"schema":"juesuan/1""#));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! A file that cannot be turned into a document gives a [`Failure`] whose
//! [`FailureKind`] says why (`not_a_report`, `unreadable`, …).

#![deny(missing_docs)]

pub mod annotate;
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
pub mod repair;
pub mod segment;
pub mod survey;
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
        ocr_pages: doc.ocr_pages.clone(),
    };
    from_doc(doc, source)
}

/// The stages after ingest: a [`doc::Doc`] → a document.
///
/// Where pages were read by OCR, a zero lost from a run of zeros is put
/// back, figures a typical misreading explains are
/// repaired where the report's own checks confirm it, and an `error` stands
/// only where the figures it is about were read with confidence
/// ([`repair`]).
pub fn from_doc(doc: doc::Doc, source: Source) -> Result<Document, Failure> {
    let ingest_warnings = doc.warnings.clone();
    let mut doc = normalise::doc(doc);
    if doc.lines.iter().all(|l| l.conf.is_empty()) {
        return analyse(&doc, &ingest_warnings, source).map(|(d, _)| d);
    }
    let zeros = repair::restore_zeros(&mut doc);
    let outcome = repair::repair(&mut doc, |d| {
        analyse(d, &ingest_warnings, source.clone())
            .ok()
            .map(|(r, _)| {
                r.findings
                    .into_iter()
                    .filter(|f| f.severity == model::Severity::Error)
                    .collect()
            })
    });
    let (mut document, seg) = analyse(&doc, &ingest_warnings, source)?;
    repair::settle(&mut document.findings, &doc.lines, &seg.tables, &outcome);
    document
        .findings
        .extend(repair::zero_findings(&zeros, &doc.lines));
    document
        .findings
        .extend(repair::findings(&outcome, &doc.lines));
    Ok(document)
}

/// Segment, parse, reconcile: a normalised document → a document, its
/// findings located, and the document as segmented.
fn analyse(
    doc: &doc::Doc,
    ingest_warnings: &[String],
    source: Source,
) -> Result<(Document, segment::Segmented), Failure> {
    let seg = segment::segment(doc);
    let mut warnings = parse::Warnings::default();
    for w in ingest_warnings.iter().chain(seg.warnings.iter()) {
        warnings.push("", w.clone());
    }
    let report = parse::meta::read(&seg.front, &seg.tables, &doc.lines);
    let (tables, extra_tables) = parse::tables(
        &seg.tables,
        report.kind.as_deref(),
        report.year,
        &mut warnings,
    );
    let prose: Vec<doc::Line> = if tables.is_empty() {
        // no standard table: the whole text may be the prose of a report whose
        // tables are published apart (a 附件 of 情况说明 only)
        doc.lines.clone()
    } else {
        seg.narrative.clone()
    };
    let narrative = parse::narrative::claims(&prose, &tables, report.kind.as_deref(), report.year);
    if tables.is_empty() {
        if !parse::meta::is_report_prose(&doc.lines, &report, &narrative) {
            return Err(Failure::new(
                FailureKind::NotAReport,
                "no table or prose of a 部门决算/预算 report was found",
            ));
        }
        warnings.push(
            "",
            "no standard table was found: the report's prose is read, its tables must be published elsewhere",
        );
    }
    let performance = parse::performance::parse(&seg.rest, &mut warnings);
    let mut document = Document {
        schema: SCHEMA.to_string(),
        source,
        report,
        tables,
        extra_tables,
        narrative,
        performance,
        findings: Vec::new(),
    };
    let parse_findings = warnings.into_findings();
    let findings = reconcile::run(&mut document, &parse_findings);
    document.findings = findings;
    document.findings.extend(reconcile::text::check(
        &doc.lines,
        &seg,
        &document.report,
        &document.tables,
    ));
    document.findings.extend(parse_findings);
    reconcile::locate::locate(&mut document.findings, &seg.tables, &seg.rest);
    Ok((document, seg))
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
