//! `check --annotate`: the annotated copy of a real report read back (the
//! highlights on the right pages, around the right figures, with the
//! findings' messages) and one page rendered to an image; `check` over
//! several files with a severity filter.

use std::process::Command;

use juesuan::model::Severity;
use pdf_extract::{Document, Object};

const REPORT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/samples/pdf/final-2024-putuo-finance-bureau.pdf"
);
const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/samples/huairen-gongxin-2024.md"
);

/// (page, rect, contents) of every highlight of `pdf`.
fn highlights(pdf: &[u8]) -> Vec<(u32, [f32; 4], String)> {
    let doc = Document::load_mem(pdf).expect("the annotated copy parses");
    let mut out = Vec::new();
    for (n, id) in doc.get_pages() {
        let page = doc.get_dictionary(id).unwrap();
        let Ok(annots) = page.get(b"Annots") else {
            continue;
        };
        let annots = match annots {
            Object::Reference(r) => doc.get_object(*r).unwrap().as_array().unwrap().clone(),
            Object::Array(a) => a.clone(),
            _ => continue,
        };
        for a in annots {
            let d = doc.get_dictionary(a.as_reference().unwrap()).unwrap();
            if d.get(b"Subtype").and_then(|s| s.as_name()).ok() != Some(b"Highlight") {
                continue;
            }
            let rect: Vec<f32> = d
                .get(b"Rect")
                .unwrap()
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_float().unwrap())
                .collect();
            let bytes = d.get(b"Contents").unwrap().as_str().unwrap();
            let units: Vec<u16> = bytes[2..]
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            out.push((
                n,
                [rect[0], rect[1], rect[2], rect[3]],
                String::from_utf16(&units).unwrap(),
            ));
        }
    }
    out
}

/// The height of `page` (its MediaBox; this report's pages are A4, upright
/// or landscape).
fn height_of(pdf: &[u8], page: u32) -> f32 {
    let doc = Document::load_mem(pdf).unwrap();
    let id = doc.get_pages()[&page];
    let b = doc
        .get_dictionary(id)
        .unwrap()
        .get(b"MediaBox")
        .unwrap()
        .as_array()
        .unwrap()
        .clone();
    b[3].as_float().unwrap() - b[1].as_float().unwrap()
}

/// The text `pdftotext` finds inside `rect` (PDF points) of `page`.
fn text_in(pdf: &std::path::Path, page: u32, rect: [f32; 4]) -> String {
    let height = height_of(&std::fs::read(pdf).unwrap(), page);
    let o = Command::new("pdftotext")
        .args(["-f", &page.to_string(), "-l", &page.to_string(), "-r", "72"])
        .args(["-x", &(rect[0] as i32).to_string()])
        .args(["-y", &((height - rect[3]) as i32).to_string()])
        .args(["-W", &((rect[2] - rect[0]) as i32 + 1).to_string()])
        .args(["-H", &((rect[3] - rect[1]) as i32 + 1).to_string()])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs");
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Pixels of `page` rendered at 36 dpi that are strongly red.
fn red_pixels(pdf: &std::path::Path, page: u32) -> usize {
    let o = Command::new("pdftoppm")
        .args(["-r", "36", "-f", &page.to_string(), "-l", &page.to_string()])
        .arg(pdf)
        .output()
        .expect("pdftoppm (poppler-utils) runs");
    assert!(o.status.success());
    // binary PPM: P6, width height, 255, then RGB
    let data = o.stdout;
    let mut fields = 0;
    let mut i = 0;
    while fields < 4 {
        while data[i].is_ascii_whitespace() {
            i += 1;
        }
        while !data[i].is_ascii_whitespace() {
            i += 1;
        }
        fields += 1;
    }
    data[i + 1..]
        .chunks(3)
        .filter(|p| p.len() == 3 && p[0] > 200 && p[1] < 190 && p[2] < 190)
        .count()
}

/// Whether poppler's tools are here (CI installs them and sets
/// `JUESUAN_REQUIRE_POPPLER`, where their absence fails the test).
fn poppler() -> bool {
    let here = Command::new("pdftoppm").arg("-v").output().is_ok()
        && Command::new("pdftotext").arg("-v").output().is_ok();
    if !here {
        assert!(
            std::env::var_os("JUESUAN_REQUIRE_POPPLER").is_none(),
            "pdftoppm/pdftotext (poppler-utils) are required here"
        );
        eprintln!("SKIPPED the rendering checks: install poppler-utils for pdftotext and pdftoppm");
    }
    here
}

#[test]
fn the_annotated_copy_marks_each_finding_where_it_is() {
    let original = std::fs::read(REPORT).unwrap();
    let doc = juesuan::extract(REPORT, &original).unwrap();
    let (copy, written) = juesuan::annotate::annotate(&original, &doc.findings).unwrap();
    // the original bytes come first, unchanged: an incremental update
    assert!(copy.len() > original.len());
    assert_eq!(&copy[..original.len()], &original[..]);
    let marks = highlights(&copy);
    let placed: usize = doc
        .findings
        .iter()
        .map(|f| f.locations.len().max(usize::from(f.location.is_some())))
        .sum();
    assert_eq!(marks.len(), placed);
    assert_eq!(
        written.errors + written.warnings + written.rounding,
        marks.len()
    );
    assert!(written.errors >= 2, "{written:?}");

    // where they are
    let share = marks
        .iter()
        .find(|(_, _, m)| m.contains("narrative.share") && m.contains("71.73"))
        .expect("a highlight for the share");
    assert_eq!(share.0, 21);
    if !poppler() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("annotated.pdf");
    std::fs::write(&path, &copy).unwrap();
    // the prose's wrong share, 占71.73% on page 21
    assert!(text_in(&path, 21, share.1).contains("71.73"));
    // the fiscal total the prose misstates (0.3 against 2,961.68): the sentence
    // and the 总计 cell of the fiscal summary
    let fiscal: Vec<&(u32, [f32; 4], String)> = marks
        .iter()
        .filter(|(_, _, m)| m.contains("收入支出总计0.3万元"))
        .collect();
    assert!(fiscal
        .iter()
        .any(|(p, r, _)| *p == 21 && text_in(&path, *p, *r).contains("0.3")));
    assert!(fiscal
        .iter()
        .any(|(p, r, _)| text_in(&path, *p, *r).contains("2,961.68")));
    // a rounding finding of a table: 301's printed 2,082.85 on page 16
    let r301 = marks
        .iter()
        .find(|(_, _, m)| m.contains("basic.sum.301"))
        .unwrap();
    assert_eq!(r301.0, 16);
    assert!(text_in(&path, 16, r301.1).contains("2,082.85"));
    // rendered: the page with the error shows red where the original has none
    let original_path = std::path::Path::new(REPORT);
    assert_eq!(red_pixels(original_path, 21), 0);
    assert!(red_pixels(&path, 21) > 50);
}

#[test]
fn only_the_chosen_severities_are_annotated() {
    let original = std::fs::read(REPORT).unwrap();
    let doc = juesuan::extract(REPORT, &original).unwrap();
    let errors: Vec<_> = doc
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .cloned()
        .collect();
    let (copy, written) = juesuan::annotate::annotate(&original, &errors).unwrap();
    assert_eq!(written.rounding + written.warnings, 0);
    assert!(highlights(&copy)
        .iter()
        .all(|(_, _, m)| m.starts_with("[error]")));
}

#[test]
fn check_over_several_files_with_a_filter_and_an_annotated_copy() {
    let bin = env!("CARGO_BIN_EXE_juesuan");
    let o = Command::new(bin)
        .args(["check", REPORT, SAMPLE, "--severity", "error"])
        .output()
        .unwrap();
    let out = String::from_utf8(o.stdout).unwrap();
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains(REPORT) && out.contains(SAMPLE), "{out}");
    assert!(
        out.contains("errors (") && !out.contains("rounding ("),
        "{out}"
    );
    // JSON: one line per file
    let o = Command::new(bin)
        .args(["check", REPORT, SAMPLE, "--json", "--severity", "warning"])
        .output()
        .unwrap();
    let lines: Vec<serde_json::Value> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["path"], SAMPLE);
    for l in &lines {
        for f in l["findings"].as_array().unwrap() {
            assert_eq!(f["severity"], "warning");
        }
    }
    // --annotate writes the copy; the input is never the output
    let dir = tempfile::tempdir().unwrap();
    let out_pdf = dir.path().join("marked.pdf");
    let o = Command::new(bin)
        .args(["check", REPORT, "--annotate"])
        .arg(&out_pdf)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(!highlights(&std::fs::read(&out_pdf).unwrap()).is_empty());
    let copy = dir.path().join("copy.pdf");
    std::fs::copy(REPORT, &copy).unwrap();
    let o = Command::new(bin)
        .arg("check")
        .arg(&copy)
        .arg("--annotate")
        .arg(&copy)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        std::fs::read(&copy).unwrap(),
        std::fs::read(REPORT).unwrap()
    );
    // a text input cannot be annotated
    let o = Command::new(bin)
        .args(["check", SAMPLE, "--annotate"])
        .arg(dir.path().join("x.pdf"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("needs a PDF"));
}
