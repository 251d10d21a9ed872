//! Whether OCR can run where the tests run: the test files that read scans
//! (`tests/ocr.rs`, the scanned golden of `tests/golden_real.rs`) share it.

use std::path::Path;
use std::sync::OnceLock;

/// True when OCR can run here (after fetching the files if needed). Where
/// it cannot, the calling test says so and is skipped, unless
/// `JUESUAN_REQUIRE_OCR` is set (as `.ci/run` sets it): then it fails.
pub fn ocr_ready(test: &str) -> bool {
    static READY: OnceLock<Result<(), String>> = OnceLock::new();
    let r = READY.get_or_init(|| {
        if juesuan::ingest::ocr::setup::locate().is_ok() {
            return Ok(());
        }
        let root = env!("CARGO_MANIFEST_DIR");
        let run = std::process::Command::new("python3")
            .arg(Path::new(root).join("scripts").join("ocr_setup.py"))
            .status();
        match juesuan::ingest::ocr::setup::locate() {
            Ok(_) => Ok(()),
            Err(e) => Err(format!("{e} (scripts/ocr_setup.py: {run:?})")),
        }
    });
    match r {
        Ok(()) => true,
        Err(e) if std::env::var_os("JUESUAN_REQUIRE_OCR").is_some() => {
            panic!("{test}: OCR is required here (JUESUAN_REQUIRE_OCR) but cannot run: {e}")
        }
        Err(e) => {
            eprintln!("SKIPPED {test}: OCR cannot run on this machine: {e}");
            false
        }
    }
}
