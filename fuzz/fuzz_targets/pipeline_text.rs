//! The whole pipeline on text input: ingest, normalise, segment, parse,
//! reconcile and the JSON output, as `juesuan extract report.md` runs it.
//! Seeds: samples/*.md and text forms of the sample PDFs (scripts/fuzz.sh).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.starts_with(b"%PDF") {
        return;
    }
    if let Ok(doc) = juesuan::extract("fuzz.md", data) {
        let _ = juesuan::emit::compact(&doc);
    }
});
