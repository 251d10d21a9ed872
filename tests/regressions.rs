//! Inputs that once panicked or lost text, each kept as a test with its
//! (minimised) input. Inputs found by the fuzz targets live in
//! `tests/regressions/` and are all run by [`fuzz_finds_stay_fixed`].

#[path = "support/minipdf.rs"]
mod minipdf;

use std::process::Command;

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/samples/huairen-gongxin-2024.md"
);

#[path = "support/panics.rs"]
mod panics;

use panics::none_in as no_panic;

#[test]
fn ampersand_before_chinese_text() {
    // `R&D款项经费`: the entity decoder cut a byte slice inside 款
    let sample = std::fs::read_to_string(SAMPLE).unwrap();
    let text = sample.replacen(
        "### 二、机构设置情况",
        "R&D款项经费\n\n### 二、机构设置情况",
        1,
    );
    let doc = no_panic("R&D line", || juesuan::extract("rd.md", text.as_bytes())).unwrap();
    assert!(doc.tables.income().is_some());
    // and through the binary, which prints a document and exits 0
    let p = tempfile::NamedTempFile::with_suffix(".md").unwrap();
    std::fs::write(p.path(), &text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_juesuan"))
        .arg("extract")
        .arg(p.path())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty());
    let lines = Command::new(env!("CARGO_BIN_EXE_juesuan"))
        .arg("lines")
        .arg(p.path())
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&lines.stdout).contains("R&D款项经费"));
}

#[test]
fn glyph_names_with_chinese_characters() {
    // a Differences name `uni中文` (bytes after `uni` not ASCII) was sliced at
    // byte 4, inside 文: the page's text was lost with a warning
    let font = minipdf::simple_font(
        "<< /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [ 65 /uni#E4#B8#AD#E6#96#87 /uni4E2D ] >>",
    );
    let pdf = minipdf::page(
        b"BT /F1 12 Tf 72 700 Td (AB hello 1.00) Tj ET",
        &[font],
        &[],
    );
    let doc = no_panic("uni中文", || juesuan::ingest::pdf::read_pdf(&pdf)).unwrap();
    let text: Vec<String> = doc.lines.iter().map(|l| l.cells.join("|")).collect();
    assert_eq!(text.len(), 1, "{text:?} {:?}", doc.warnings);
    assert!(text[0].ends_with("中 hello 1.00"), "{text:?}");
    assert!(
        !doc.warnings.iter().any(|w| w.contains("could not be read")),
        "{:?}",
        doc.warnings
    );
}

#[test]
fn a_huge_colspan_is_bounded() {
    // 200 bytes asked for 30 million columns (2.8 GB)
    let html = "<table><tr><td colspan=\"30000000\">合计</td><td>1.00</td></tr></table>";
    let t = std::time::Instant::now();
    let r = no_panic("colspan", || juesuan::extract("span.html", html.as_bytes()));
    assert!(r.is_err(), "not a report");
    assert!(t.elapsed() < std::time::Duration::from_secs(5));
}

/// Every input under `tests/regressions/` (crashes found by fuzzing, kept
/// minimised) is read by the whole pipeline without a panic.
#[test]
fn fuzz_finds_stay_fixed() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/regressions");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.file_name().is_some_and(|n| n == "README.md") {
            continue;
        }
        let bytes = std::fs::read(&p).unwrap();
        let name = p.display().to_string();
        let _ = no_panic(&name, || juesuan::extract(&name, &bytes));
    }
}
