//! Text ingest and the normaliser: decoding (UTF-8, GB18030), tab-separated
//! lines, markdown pipe tables, HTML tables with spans, then every cell and
//! line normalised (entities, markup, full-width forms, separators), and the
//! amount reader on every cell. Seeds: samples/*.md and text forms of the
//! sample PDFs (scripts/fuzz.sh).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.starts_with(b"%PDF") {
        return;
    }
    if let Ok(text) = juesuan::ingest::decode(data) {
        let doc = juesuan::normalise::doc(juesuan::ingest::text::read_text(&text));
        for line in &doc.lines {
            for c in &line.cells {
                let _ = juesuan::normalise::amount(c);
                let _ = juesuan::normalise::key(c);
            }
        }
        // the cell treatment on raw text, as a PDF cell with a box gets it
        for raw in text.lines().take(2000) {
            let _ = juesuan::normalise::cell_in_box(raw);
            let _ = juesuan::normalise::line_text(raw);
        }
    }
});
