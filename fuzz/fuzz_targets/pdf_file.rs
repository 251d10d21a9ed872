//! A whole PDF file: lopdf's parser, the cross-reference repair, the
//! content-stream walk, fonts and layout, as `extract` reads a PDF.
//! Seeds: the PDFs under samples/ (scripts/fuzz.sh).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::time::Duration;

fuzz_target!(|data: &[u8]| {
    let _ = juesuan::ingest::pdf::read_pdf_with_timeout(data, Duration::from_secs(20));
});
