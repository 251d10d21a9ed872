//! Bad inputs: a clear error, never a panic or a hang. "Never a panic"
//! means none at all: reading turns a panic into `Corrupt` or a page warning,
//! so the sweeps below count panics (caught or not) with a panic hook.

#[path = "support/panics.rs"]
mod panics;

use juesuan::ingest::pdf::{read_pdf, read_pdf_with_timeout, PdfError};
use std::time::{Duration, Instant};

/// [`read_pdf`], failing the test if any panic happened while reading.
fn read_pdf_no_panic(what: &str, bytes: &[u8]) -> Result<juesuan::doc::Doc, PdfError> {
    panics::none_in(what, || read_pdf(bytes))
}

fn data(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/samples/pdf/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

const REAL_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/pdf");

#[test]
fn encrypted() {
    assert_eq!(read_pdf(&data("encrypted.pdf")), Err(PdfError::Encrypted));
    assert!(PdfError::Encrypted.to_string().contains("encrypted"));
}

#[test]
fn image_only() {
    let e = read_pdf(&data("image-only.pdf")).unwrap_err();
    assert_eq!(e, PdfError::NoTextLayer);
    assert!(e.to_string().contains("no text layer"));
}

#[test]
fn corrupt_stream_is_a_warning() {
    let doc = read_pdf(&data("corrupt-stream.pdf")).unwrap();
    assert_eq!(doc.pages, Some(2));
    assert_eq!(doc.lines.len(), 1);
    assert_eq!(doc.lines[0].cells, ["second page text"]);
    assert_eq!(doc.lines[0].page, 2);
    assert!(
        doc.warnings.iter().any(|w| w.contains("page 1")),
        "{:?}",
        doc.warnings
    );
}

#[test]
fn random_bytes() {
    // Deterministic pseudo-random bytes, with and without a PDF header.
    let mut x: u64 = 0x9E3779B97F4A7C15;
    let mut bytes: Vec<u8> = (0..20_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect();
    let read = |b: &[u8]| read_pdf_no_panic("random bytes", b);
    assert!(matches!(read(&bytes), Err(PdfError::Corrupt(_))));
    bytes[..9].copy_from_slice(b"%PDF-1.7\n");
    assert!(matches!(read(&bytes), Err(PdfError::Corrupt(_))));
    assert!(matches!(read(b""), Err(PdfError::Corrupt(_))));
    assert!(matches!(read(b"%PDF-1.4"), Err(PdfError::Corrupt(_))));
}

#[test]
fn truncated_real_pdfs() {
    let dir = std::fs::read_dir(REAL_DIR).expect("samples/pdf is committed");
    let mut seen = 0;
    for e in dir.flatten() {
        let p = e.path();
        // the real published reports (the generated ones are too small to cut this way)
        if !p.file_name().is_some_and(|n| {
            n.to_string_lossy().starts_with("final-") && n.to_string_lossy().ends_with(".pdf")
        }) {
            continue;
        }
        seen += 1;
        let b = std::fs::read(&p).unwrap();
        for cut in [b.len() / 2, b.len() / 3, b.len() - 200, 2000] {
            // Either an error or a partial document with a warning: never a panic.
            match read_pdf_no_panic(&format!("{} cut at {cut}", p.display()), &b[..cut]) {
                Err(PdfError::Corrupt(m)) => assert!(!m.is_empty()),
                Err(PdfError::NoTextLayer) => {}
                Err(other) => panic!("{}: unexpected {other:?}", p.display()),
                Ok(_) => {}
            }
        }
        // Truncated to the first half: the file's cross-reference table is gone.
        let half = read_pdf(&b[..b.len() / 2]);
        assert!(
            matches!(half, Err(PdfError::Corrupt(_))),
            "{}: {half:?}",
            p.display()
        );
    }
    assert!(seen >= 2, "the real reports are in samples/pdf");
}

#[test]
fn mangled_real_pdf_never_panics() {
    let b = std::fs::read(format!("{REAL_DIR}/final-2024-putuo-finance-bureau.pdf"))
        .expect("real report in samples/pdf");
    let mut x: u64 = 12345;
    for round in 0..30 {
        let mut m = b.clone();
        for _ in 0..(5 + round * 3) {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let i = (x >> 33) as usize % m.len();
            m[i] = (x >> 17) as u8;
        }
        let _ = read_pdf_no_panic(&format!("mangled round {round}"), &m);
    }
}

#[test]
fn timeout_is_reported() {
    let b = std::fs::read(format!("{REAL_DIR}/final-2024-putuo-finance-bureau.pdf"))
        .expect("real report in samples/pdf");
    let t = Instant::now();
    assert_eq!(
        read_pdf_with_timeout(&b, Duration::from_nanos(1)),
        Err(PdfError::Timeout)
    );
    assert!(t.elapsed() < Duration::from_secs(30));
}

#[test]
fn hostile_content_is_bounded() {
    // A form that draws itself, deep arrays and stray delimiters.
    let t = Instant::now();
    let doc = read_pdf_no_panic("hostile.pdf", &data("hostile.pdf")).unwrap();
    assert!(t.elapsed() < Duration::from_secs(30));
    let texts: Vec<String> = doc.lines.iter().map(|l| l.cells.join("|")).collect();
    assert_eq!(texts, ["hello 1.00", "inner"]);
}

#[test]
fn broken_xref_is_rebuilt() {
    for name in [
        "final-2024-putuo-finance-bureau.pdf",
        "budget-2025-putuo-commerce-commission.pdf",
    ] {
        let b = std::fs::read(format!("{REAL_DIR}/{name}")).expect("real report in samples/pdf");
        let good = read_pdf(&b).unwrap();
        // Point startxref at the wrong place (offset 0 with the same width).
        let p = b.windows(9).rposition(|w| w == b"startxref").unwrap() + 9;
        let mut m = b.clone();
        let mut i = p;
        while !m[i].is_ascii_digit() {
            i += 1;
        }
        while m[i].is_ascii_digit() {
            m[i] = b'0';
            i += 1;
        }
        let doc = read_pdf(&m).unwrap();
        assert_eq!(doc.lines, good.lines, "{name}");
        assert!(
            doc.warnings.iter().any(|w| w.contains("rebuilt")),
            "{:?}",
            doc.warnings
        );
    }
}
