//! An annotated copy of a PDF: a highlight on every cell and sentence a
//! finding is about, coloured by severity, the finding's message as the
//! annotation's text.
//!
//! The copy is the original file byte for byte with an incremental update
//! appended (new annotation objects, the pages that hold them, a new cross
//! reference section), so nothing of the original is rewritten. Each
//! highlight carries its own appearance stream, so viewers that do not draw
//! highlights themselves still show it.

use pdf_extract::{dictionary, Document, IncrementalDocument, Object, ObjectId, Stream};

use crate::model::{Finding, Location, Severity};

/// Why a PDF could not be annotated.
#[derive(Debug, thiserror::Error)]
pub enum AnnotateError {
    /// The file could not be parsed as a PDF.
    #[error("not a PDF that can be annotated: {0}")]
    Unreadable(String),
    /// The file is encrypted: an update would have to be encrypted too.
    #[error("the PDF is encrypted; an annotated copy is not written")]
    Encrypted,
    /// Writing the copy failed.
    #[error("cannot write the annotated copy: {0}")]
    Write(String),
}

/// The colour of a severity's highlights (RGB, 0–1): errors red, rounding
/// blue, warnings amber.
pub fn colour(severity: Severity) -> [f32; 3] {
    match severity {
        Severity::Error => [1.0, 0.25, 0.25],
        Severity::Rounding => [0.45, 0.65, 1.0],
        Severity::Warning => [1.0, 0.75, 0.1],
    }
}

/// How many highlights [`annotate`] wrote, per severity.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// Highlights of `error` findings.
    pub errors: usize,
    /// Highlights of `rounding` findings.
    pub rounding: usize,
    /// Highlights of `warning` findings.
    pub warnings: usize,
}

/// Returns `pdf` with a highlight annotation for every place of every
/// finding that has a page and a box (`location`, `locations`).
pub fn annotate(pdf: &[u8], findings: &[Finding]) -> Result<(Vec<u8>, Written), AnnotateError> {
    let doc = Document::load_mem(pdf).map_err(|e| AnnotateError::Unreadable(e.to_string()))?;
    if doc.is_encrypted() || doc.trailer.get(b"Encrypt").is_ok() {
        return Err(AnnotateError::Encrypted);
    }
    let pages = doc.get_pages();
    let mut inc = IncrementalDocument::create_from(pdf.to_vec(), doc);
    let mut written = Written::default();
    // one shared graphics state: highlights multiply over the text
    let gs = inc.new_document.add_object(dictionary! {
        "Type" => "ExtGState",
        "BM" => "Multiply",
        "ca" => 0.45,
        "CA" => 0.45,
    });
    let mut serial = 0usize;
    for f in findings {
        let places: Vec<Location> = if f.locations.is_empty() {
            f.location.into_iter().collect()
        } else {
            f.locations.clone()
        };
        for place in places {
            let (Some(page), Some(bbox)) = (place.page, place.bbox) else {
                continue;
            };
            let Some(&page_id) = pages.get(&page) else {
                continue;
            };
            serial += 1;
            let annot = highlight(&mut inc.new_document, f, bbox, page_id, gs, serial);
            add_to_page(&mut inc, page_id, annot)?;
            match f.severity {
                Severity::Error => written.errors += 1,
                Severity::Rounding => written.rounding += 1,
                Severity::Warning => written.warnings += 1,
            }
        }
    }
    let mut out = Vec::with_capacity(pdf.len() + 4096);
    inc.save_to(&mut out)
        .map_err(|e| AnnotateError::Write(e.to_string()))?;
    Ok((out, written))
}

/// A text string as PDF text strings carry any script: UTF-16BE with its BOM.
fn text_string(s: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        bytes.extend_from_slice(&u.to_be_bytes());
    }
    Object::String(bytes, pdf_extract::StringFormat::Hexadecimal)
}

/// One highlight annotation over `bbox`, with its appearance stream.
fn highlight(
    doc: &mut Document,
    f: &Finding,
    bbox: [f32; 4],
    page: ObjectId,
    gs: ObjectId,
    serial: usize,
) -> ObjectId {
    // a little air around the figure
    let [x0, y0, x1, y1] = [bbox[0] - 1.0, bbox[1] - 1.0, bbox[2] + 1.0, bbox[3] + 1.0];
    let [r, g, b] = colour(f.severity);
    let (w, h) = (x1 - x0, y1 - y0);
    let content = format!("q /G0 gs {r} {g} {b} rg 0 0 {w} {h} re f Q");
    let appearance = doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Form",
            "BBox" => vec![0.into(), 0.into(), w.into(), h.into()],
            "Matrix" => vec![1.into(), 0.into(), 0.into(), 1.into(), x0.into(), y0.into()],
            "Resources" => dictionary! { "ExtGState" => dictionary! { "G0" => gs } },
        },
        content.into_bytes(),
    ));
    let severity = match f.severity {
        Severity::Error => "error",
        Severity::Rounding => "rounding",
        Severity::Warning => "warning",
    };
    let text = format!("[{severity}] {}: {}", f.rule, f.message);
    doc.add_object(dictionary! {
        "Type" => "Annot",
        "Subtype" => "Highlight",
        "Rect" => vec![x0.into(), y0.into(), x1.into(), y1.into()],
        "QuadPoints" => vec![
            x0.into(), y1.into(), x1.into(), y1.into(),
            x0.into(), y0.into(), x1.into(), y0.into(),
        ],
        "C" => vec![r.into(), g.into(), b.into()],
        "CA" => 0.45,
        "F" => 4,
        "P" => page,
        "T" => text_string("juesuan"),
        "Subj" => text_string(severity),
        "NM" => text_string(&format!("juesuan-{serial}")),
        "Contents" => text_string(&text),
        "AP" => dictionary! { "N" => appearance },
    })
}

/// Appends `annot` to the page's `/Annots` (the page, and an `/Annots`
/// array held apart, are copied into the update first).
fn add_to_page(
    inc: &mut IncrementalDocument,
    page: ObjectId,
    annot: ObjectId,
) -> Result<(), AnnotateError> {
    let err = |e: pdf_extract::Error| AnnotateError::Unreadable(e.to_string());
    inc.opt_clone_object_to_new_document(page).map_err(err)?;
    let held_apart = inc
        .new_document
        .get_object(page)
        .and_then(Object::as_dict)
        .ok()
        .and_then(|d| d.get(b"Annots").ok())
        .and_then(|a| a.as_reference().ok());
    if let Some(id) = held_apart {
        inc.opt_clone_object_to_new_document(id).map_err(err)?;
        if let Ok(Object::Array(a)) = inc.new_document.get_object_mut(id) {
            a.push(Object::Reference(annot));
            return Ok(());
        }
    }
    let dict = inc
        .new_document
        .get_object_mut(page)
        .and_then(Object::as_dict_mut)
        .map_err(err)?;
    match dict.get_mut(b"Annots") {
        Ok(Object::Array(a)) => a.push(Object::Reference(annot)),
        _ => dict.set("Annots", vec![Object::Reference(annot)]),
    }
    Ok(())
}
