//! Exit codes and streams as scripts rely on them, in single-file and batch
//! mode alike: a closed pipe ends quietly, a full disk is an error, a README
//! in a corpus folder is not an unreadable input, and --strict, --timeout and
//! --max-size mean the same for one file as for many.

use std::path::Path;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_juesuan");
const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/samples/huairen-gongxin-2024.md"
);

fn juesuan(args: &[&str]) -> Command {
    let mut c = Command::new(BIN);
    c.args(args);
    c
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs `args` with standard output a pipe whose reading end is already
/// closed: every write fails with EPIPE.
fn into_closed_pipe(args: &[&str]) -> Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    juesuan(args)
        .stdout(Stdio::from(writer))
        .stderr(Stdio::piped())
        .output()
        .unwrap()
}

#[test]
fn a_closed_pipe_ends_quietly() {
    for args in [
        &["schema"][..],
        &["extract", SAMPLE],
        &["extract", SAMPLE, "--pretty"],
        &["lines", SAMPLE],
        &["check", SAMPLE],
        &["completions", "bash"],
        &["man"],
    ] {
        let out = into_closed_pipe(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert_eq!(stderr(&out), "", "{args:?}: nothing on stderr");
    }
    // batch mode: the run stops, no summary claims a failed input
    let dir = tempfile::tempdir().unwrap();
    for i in 0..3 {
        std::fs::copy(SAMPLE, dir.path().join(format!("r{i}.md"))).unwrap();
    }
    let out = into_closed_pipe(&["extract", dir.path().to_str().unwrap(), "--jsonl"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        !stderr(&out).contains("could not be read"),
        "{}",
        stderr(&out)
    );
}

/// Runs `args` with standard output on /dev/full: every write fails with
/// ENOSPC.
fn into_full_disk(args: &[&str]) -> Output {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full (Linux)");
    juesuan(args).stdout(Stdio::from(full)).output().unwrap()
}

#[test]
fn a_full_disk_is_an_error_with_a_message() {
    for args in [
        &["schema"][..],
        &["extract", SAMPLE],
        &["lines", SAMPLE],
        &["check", SAMPLE, "--json"],
        &["tabulate", "-", "--stdout", "cells"],
    ] {
        let out = into_full_disk(args);
        assert_eq!(out.status.code(), Some(3), "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains("cannot write"), "{args:?}: {err}");
        assert!(err.contains("No space left"), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(SAMPLE, dir.path().join("a.md")).unwrap();
    let out = into_full_disk(&["extract", dir.path().to_str().unwrap(), "--jsonl", "-q"]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains("No space left"), "{}", stderr(&out));
}

#[test]
fn a_readme_in_a_corpus_folder_is_not_an_unreadable_input() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::copy(SAMPLE, corpus.join("report.md")).unwrap();
    std::fs::write(
        corpus.join("README.md"),
        "# 语料说明\n\n本目录收集各部门决算公开报告，按年份存放。\n",
    )
    .unwrap();
    let c = corpus.to_str().unwrap();
    let out = juesuan(&["extract", c, "--jsonl"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let recs: Vec<serde_json::Value> = String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(recs.len(), 2, "every input has its record");
    assert_eq!(recs[0]["failure"]["kind"], "not_a_report");
    assert!(recs[1]["tables"].is_object());
    assert!(
        stderr(&out).contains("2 files: 0 ok, 1 with error findings, 1 not reports, 0 failed"),
        "{}",
        stderr(&out)
    );
    // under --strict a non-report (and the sample's error findings) exit 1
    let strict = juesuan(&["extract", c, "--jsonl", "--strict"])
        .output()
        .unwrap();
    assert_eq!(strict.status.code(), Some(1));
    // the README alone, as one file: refused with its reason, exit 1
    let readme = corpus.join("README.md");
    let one = juesuan(&["extract", readme.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(one.status.code(), Some(1), "{}", stderr(&one));
    assert!(one.stdout.is_empty());
    assert!(stderr(&one).contains("README.md") && stderr(&one).contains("(not_a_report)"));
}

#[test]
fn strict_on_one_file() {
    // the sample has error findings: exit 0 without --strict, 1 with it,
    // and the document is printed either way
    let plain = juesuan(&["extract", SAMPLE]).output().unwrap();
    assert_eq!(plain.status.code(), Some(0));
    let strict = juesuan(&["extract", SAMPLE, "--strict"]).output().unwrap();
    assert_eq!(strict.status.code(), Some(1));
    assert_eq!(strict.stdout, plain.stdout);
    let doc: serde_json::Value = serde_json::from_slice(&strict.stdout).unwrap();
    assert!(doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["severity"] == "error"));
}

#[test]
fn timeout_on_one_file() {
    let t = std::time::Instant::now();
    let out = juesuan(&["extract", SAMPLE, "--timeout", "1"])
        .env("JUESUAN_TEST_HANG_ON", "huairen")
        .output()
        .unwrap();
    assert!(t.elapsed() < std::time::Duration::from_secs(30));
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    assert!(
        err.contains("--timeout") && err.ends_with("(timeout)\n"),
        "{err}"
    );
    // check is bounded the same way
    let out = juesuan(&["check", SAMPLE, "--timeout", "1"])
        .env("JUESUAN_TEST_HANG_ON", "huairen")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn max_size_on_one_file_and_on_standard_input() {
    let big = tempfile::NamedTempFile::with_suffix(".md").unwrap();
    std::fs::write(big.path(), vec![b'x'; (1 << 20) + 1]).unwrap();
    let out = juesuan(&["extract", "--max-size", "1"])
        .arg(big.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("--max-size") && err.ends_with("(too_large)\n"),
        "{err}"
    );
    // standard input is bounded too (it used to be read whole)
    let mut child = juesuan(&["extract", "-", "--max-size", "1"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        let _ = stdin.write_all(&vec![b'x'; 3 << 20]);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("3145728 bytes"), "{}", stderr(&out));
    // under the bound, the file is read
    let ok = juesuan(&["extract", SAMPLE, "--max-size", "1"])
        .output()
        .unwrap();
    assert_eq!(ok.status.code(), Some(0));
}

#[test]
fn a_panic_in_one_file_mode_is_one_line_and_exit_2() {
    let out = juesuan(&["extract", SAMPLE])
        .env("JUESUAN_TEST_PANIC_ON", "huairen")
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("injected panic") && err.ends_with("(internal)\n"),
        "{err}"
    );
    assert!(
        !err.contains("backtrace") && !err.contains("panicked at"),
        "{err}"
    );
}

#[test]
fn completions_and_man_page_come_from_the_arguments() {
    let bash = juesuan(&["completions", "bash"]).output().unwrap();
    assert!(bash.status.success());
    let text = String::from_utf8(bash.stdout).unwrap();
    assert!(text.contains("--max-size") && text.contains("tabulate"));
    let man = juesuan(&["man"]).output().unwrap();
    let page = String::from_utf8(man.stdout).unwrap();
    assert!(
        page.contains(".TH juesuan 1") && page.contains("extract"),
        "{page}"
    );
    let sub = juesuan(&["man", "extract"]).output().unwrap();
    let page = String::from_utf8(sub.stdout).unwrap();
    assert!(
        page.contains("juesuan\\-extract") && page.contains("\\-\\-strict"),
        "{page}"
    );
    assert!(Path::new(BIN).exists());
}

#[test]
fn a_decompression_bomb_is_refused_before_it_is_inflated() {
    use std::io::Write;
    // a content stream of 32 MiB of spaces in about 32 KiB
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    for _ in 0..32 {
        z.write_all(&[b' '; 1 << 20]).unwrap();
    }
    let bomb = z.finish().unwrap();
    let mut pdf = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n".to_vec();
    pdf.extend_from_slice(
        format!(
            "4 0 obj\n<< /Filter /FlateDecode /Length {} >>\nstream\n",
            bomb.len()
        )
        .as_bytes(),
    );
    pdf.extend_from_slice(&bomb);
    pdf.extend_from_slice(b"\nendstream\nendobj\n%%EOF\n");
    let f = tempfile::NamedTempFile::with_suffix(".pdf").unwrap();
    std::fs::write(f.path(), &pdf).unwrap();
    let t = std::time::Instant::now();
    let out = juesuan(&["extract", "--max-memory", "256"])
        .arg(f.path())
        .output()
        .unwrap();
    assert!(t.elapsed() < std::time::Duration::from_secs(20));
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("--max-memory") && err.ends_with("(too_large)\n"),
        "{err}"
    );
}

#[test]
fn a_text_too_big_for_the_memory_bound_is_refused_by_its_size() {
    // 1 MiB of text needs about 128 MiB: over a 64 MB bound
    let f = tempfile::NamedTempFile::with_suffix(".md").unwrap();
    std::fs::write(f.path(), "合计\t1.00\n".repeat(80_000)).unwrap();
    let out = juesuan(&["extract", "--max-memory", "64"])
        .arg(f.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("--max-memory") && err.ends_with("(too_large)\n"),
        "{err}"
    );
    // and in batch mode the record says the same
    let out = juesuan(&["extract", "--max-memory", "64", "--jsonl"])
        .arg(f.path())
        .output()
        .unwrap();
    let rec: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rec["failure"]["kind"], "too_large");
    assert_eq!(rec["source"]["sha256"].as_str().unwrap().len(), 64);
}
