//! The command line as a user meets it: the sample, stdin, and bad input.

use std::io::Write;
use std::process::{Command, Stdio};

fn juesuan() -> Command {
    Command::new(env!("CARGO_BIN_EXE_juesuan"))
}

fn temp_file(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("juesuan-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn extract_prints_one_json_document() {
    let out = juesuan()
        .args(["extract", "samples/huairen-gongxin-2024.md"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 1, "compact output is one line");
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["schema"], "juesuan/1");
    assert_eq!(v["report"]["department"], "怀仁市工业和信息化局");
}

#[test]
fn extract_reads_stdin_with_dash() {
    let mut child = juesuan()
        .args(["extract", "-", "--pretty"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(&std::fs::read("samples/huairen-gongxin-2024.md").unwrap())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["source"]["path"], "-");
    assert!(v["tables"]["income"]["rows"].as_array().unwrap().len() > 20);
}

/// A readable file that is not a report: the reason on stderr, nothing on
/// stdout, exit 0 (it is recorded, not an error), and 1 under --strict.
fn assert_refused(name: &str, bytes: &[u8], reason: &str) {
    let p = temp_file(name, bytes);
    let strict = juesuan()
        .arg("extract")
        .arg(&p)
        .arg("--strict")
        .output()
        .unwrap();
    assert_eq!(strict.status.code(), Some(1), "{name} --strict");
    let out = juesuan().arg("extract").arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{name}: refused, exit 1");
    assert!(out.stdout.is_empty(), "{name}: nothing on stdout");
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{name}: one line: {err}");
    assert!(
        err.contains(&p.display().to_string()),
        "{name}: names the file: {err}"
    );
    assert!(err.contains(reason), "{name}: says why: {err}");
    assert!(err.contains("(not_a_report)"), "{name}: {err}");
    assert!(!err.contains("panicked"), "{name}: {err}");
}

#[test]
fn empty_file_is_refused() {
    assert_refused("empty.md", b"", "empty");
    assert_refused("blank.md", b"  \n\n", "empty");
}

#[test]
fn binary_junk_is_refused() {
    let junk: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    assert_refused("junk.bin", &junk, "binary");
}

#[test]
fn prose_that_is_not_a_report_is_refused() {
    assert_refused(
        "letter.txt",
        "尊敬的读者：\n这是一封普通的信，没有任何表格。\n".as_bytes(),
        "no table",
    );
}

#[test]
fn missing_file_is_refused() {
    let out = juesuan()
        .args(["extract", "no/such/file.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("no/such/file.md"));
}

fn refused_file(path: &str, reason: &str, kind: &str) {
    let out = juesuan().args(["extract", path]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{path}");
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains(path) && err.contains(reason) && err.contains(kind),
        "{path}: {err}"
    );
}

#[test]
fn bad_pdfs_are_refused_with_their_reason() {
    refused_file("samples/pdf/encrypted.pdf", "password", "(encrypted)");
    refused_file("samples/pdf/image-only.pdf", "needs OCR", "(no_text_layer)");
    let truncated = std::fs::read("samples/pdf/final-2024-putuo-social-work-dept.pdf").unwrap();
    let p = temp_file("truncated.pdf", &truncated[..truncated.len() / 2]);
    refused_file(&p.display().to_string(), "damaged", "(unreadable)");
    let p = temp_file("garbage.pdf", b"%PDF-1.4\n garbage that is not a PDF body");
    refused_file(&p.display().to_string(), "damaged", "(unreadable)");
}
