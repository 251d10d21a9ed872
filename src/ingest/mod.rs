//! Ingest: input bytes → a [`Doc`] of lines and cells.
//!
//! The kind of input is told by its bytes, not its name: `%PDF` is a PDF
//! (read through its text layer), anything else must be text (UTF-8, or
//! GB18030 as older Chinese tools write it). Binary junk is refused here.

pub mod allowance;
pub mod ocr;
pub mod pdf;
pub mod text;

use crate::doc::Doc;
use crate::error::{Failure, FailureKind};

/// What kind of input a document came from (`source.format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A PDF's text layer.
    PdfText,
    /// A PDF with pages read by OCR (scanned pages; which ones is in
    /// [`Doc::ocr_pages`]).
    PdfOcr,
    /// Text or markdown from an OCR or conversion tool.
    Text,
}

impl Format {
    /// The contract's name for the format.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::PdfText => "pdf-text",
            Format::PdfOcr => "pdf-ocr",
            Format::Text => "text",
        }
    }
}

/// Reads input bytes into a [`Doc`].
pub fn read(bytes: &[u8]) -> Result<(Format, Doc), Failure> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Failure::new(FailureKind::NotAReport, "the file is empty"));
    }
    if bytes.starts_with(b"%PDF")
        || bytes
            .get(..1024)
            .is_some_and(|h| h.windows(5).any(|w| w == b"%PDF-"))
    {
        return match pdf::read_pdf(bytes) {
            Ok(doc) if !doc.ocr_pages.is_empty() => Ok((Format::PdfOcr, doc)),
            Ok(doc) => Ok((Format::PdfText, doc)),
            Err(e) => {
                let kind = match e {
                    pdf::PdfError::Encrypted => FailureKind::Encrypted,
                    pdf::PdfError::Corrupt(_) => FailureKind::Unreadable,
                    pdf::PdfError::NoTextLayer => FailureKind::NoTextLayer,
                    pdf::PdfError::Timeout => FailureKind::Timeout,
                    pdf::PdfError::OcrUnavailable(_) => FailureKind::NoTextLayer,
                    pdf::PdfError::NotAReport(_) => FailureKind::NotAReport,
                };
                Err(Failure::new(kind, e.to_string()))
            }
        };
    }
    let text = decode(bytes)?;
    Ok((Format::Text, text::read_text(&text)))
}

/// Decodes text bytes: UTF-8 (with or without BOM), else GB18030. Bytes that
/// are neither, or that hold control characters, are not text.
pub fn decode(bytes: &[u8]) -> Result<String, Failure> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => {
            let (s, _, had_errors) = encoding_rs::GB18030.decode(bytes);
            if had_errors {
                return Err(Failure::new(
                    FailureKind::NotAReport,
                    "binary data: neither a PDF nor UTF-8/GB18030 text",
                ));
            }
            s.into_owned()
        }
    };
    let control = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    if control * 100 > text.chars().count().max(1) {
        return Err(Failure::new(
            FailureKind::NotAReport,
            "binary data: control characters in what should be text",
        ));
    }
    Ok(text)
}
