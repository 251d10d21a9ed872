//! Batch mode through the binary: a folder of good and bad inputs, every input
//! accounted for, deterministic JSONL whatever the number of jobs, shards that
//! add up to the whole, atomic `-o` output and `--resume`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_juesuan");
const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/samples/huairen-gongxin-2024.md"
);

/// A temporary folder holding a corpus:
/// `good/a.md`, `good/deep/b.md`, `good/deep/c.txt` (copies of the sample with
/// another department), `bad/corrupt.pdf`, `bad/empty.txt`, `bad/binary.html`,
/// `bad/boom.md` (a good report the panic hook makes panic), and a `notes.csv`
/// that the walk must skip.
fn corpus() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    let sample = std::fs::read_to_string(SAMPLE).unwrap();
    let put = |rel: &str, bytes: &[u8]| {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    };
    put("good/a.md", sample.as_bytes());
    put(
        "good/deep/b.md",
        sample
            .replace("怀仁市工业和信息化局", "怀仁市商务局")
            .as_bytes(),
    );
    put(
        "good/deep/c.txt",
        sample
            .replace("怀仁市工业和信息化局", "怀仁市教育局")
            .as_bytes(),
    );
    put(
        "bad/corrupt.pdf",
        b"%PDF-1.4 garbage\n\x00\x01\x02 not a real pdf",
    );
    put("bad/empty.txt", b"");
    let mut binary = Vec::new();
    let mut x: u32 = 12345;
    for _ in 0..4096 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
        binary.push((x >> 16) as u8);
    }
    binary[10] = 0;
    put("bad/binary.html", &binary);
    put("bad/boom.md", sample.as_bytes());
    put("notes.csv", b"a,b\n1,2\n");
    (dir, root)
}

/// Runs the binary in `cwd` with the panic hook set for `boom`.
fn juesuan(cwd: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .current_dir(cwd)
        .args(args)
        .env("JUESUAN_TEST_PANIC_ON", "boom")
        .output()
        .expect("binary runs")
}

fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn folder_every_input_accounted_for_and_exit_2() {
    let (dir, _) = corpus();
    let out = juesuan(dir.path(), &["extract", "corpus", "--jsonl", "--jobs", "2"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let recs = lines(&out);
    let paths: Vec<&str> = recs
        .iter()
        .map(|r| r["source"]["path"].as_str().unwrap())
        .collect();
    // sorted by path, relative as given, the .csv skipped
    assert_eq!(
        paths,
        [
            "corpus/bad/binary.html",
            "corpus/bad/boom.md",
            "corpus/bad/corrupt.pdf",
            "corpus/bad/empty.txt",
            "corpus/good/a.md",
            "corpus/good/deep/b.md",
            "corpus/good/deep/c.txt",
        ]
    );
    for r in &recs {
        assert_eq!(r["schema"], "juesuan/1");
        assert_eq!(r["source"]["sha256"].as_str().unwrap().len(), 64);
        let path = r["source"]["path"].as_str().unwrap();
        if path.contains("/good/") {
            assert!(
                r.get("failure").is_none(),
                "{path} failed: {}",
                r["failure"]
            );
            assert!(r["tables"]["income"].is_object());
        } else {
            assert!(r.get("report").is_none() && r.get("tables").is_none());
            assert!(!r["failure"]["message"].as_str().unwrap().is_empty());
        }
    }
    let kind = |p: &str| {
        recs.iter().find(|r| r["source"]["path"] == p).unwrap()["failure"]["kind"].clone()
    };
    assert_eq!(kind("corpus/bad/boom.md"), "internal");
    assert_eq!(kind("corpus/bad/empty.txt"), "not_a_report");
    assert_eq!(recs[2]["source"]["format"], "pdf-text");
    assert_eq!(recs[3]["source"]["format"], "text");
    let departments: Vec<&str> = recs[4..]
        .iter()
        .map(|r| r["report"]["department"].as_str().unwrap())
        .collect();
    assert_eq!(
        departments,
        ["怀仁市工业和信息化局", "怀仁市商务局", "怀仁市教育局"]
    );
    // the summary counts them (the sample copies carry its two prose errors);
    // the caught panic is not printed as a panic
    let err = stderr(&out);
    assert!(
        err.contains("7 files: 0 ok, 3 with error findings, 2 not reports, 2 failed"),
        "{err}"
    );
    assert!(err.contains("top failure reasons"), "{err}");
    assert!(!err.contains("panicked at"), "{err}");
}

#[test]
fn jsonl_is_identical_between_jobs_1_and_2() {
    let (dir, _) = corpus();
    let one = juesuan(dir.path(), &["extract", "corpus", "--jsonl", "--jobs", "1"]);
    let two = juesuan(dir.path(), &["extract", "corpus", "--jsonl", "--jobs", "2"]);
    assert!(!one.stdout.is_empty());
    assert_eq!(one.stdout, two.stdout);
    // and arguments in another order give the same stream
    let mixed = juesuan(
        dir.path(),
        &["extract", "corpus/good", "corpus/bad", "--jsonl", "-j", "2"],
    );
    assert_eq!(one.stdout, mixed.stdout);
}

#[test]
fn shards_add_up_to_the_whole() {
    let (dir, root) = corpus();
    let sample = std::fs::read_to_string(SAMPLE).unwrap();
    for i in 0..9 {
        let p = root.join(format!("more/r{i:02}.md"));
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(
            p,
            sample.replace("怀仁市工业和信息化局", &format!("第{i}局")),
        )
        .unwrap();
    }
    let sorted = |o: &Output| {
        let mut v: Vec<String> = String::from_utf8(o.stdout.clone())
            .unwrap()
            .lines()
            .map(String::from)
            .collect();
        v.sort();
        v
    };
    let whole = juesuan(dir.path(), &["extract", "corpus", "--jsonl", "-j", "2"]);
    let mut parts = Vec::new();
    let mut sizes = Vec::new();
    for k in 1..=3 {
        let shard = format!("{k}/3");
        let o = juesuan(
            dir.path(),
            &["extract", "corpus", "--jsonl", "-j", "2", "--shard", &shard],
        );
        sizes.push(o.stdout.iter().filter(|b| **b == b'\n').count());
        parts.extend(
            String::from_utf8(o.stdout)
                .unwrap()
                .lines()
                .map(String::from),
        );
    }
    parts.sort();
    assert_eq!(parts.len(), 16);
    assert_eq!(parts, sorted(&whole));
    assert!(
        sizes.iter().all(|&n| n > 0),
        "every shard gets some inputs: {sizes:?}"
    );
}

#[test]
fn out_dir_mirrors_tree_atomically_and_resume_skips_done() {
    let (dir, _) = corpus();
    let out = juesuan(dir.path(), &["extract", "corpus", "-o", "out", "-j", "2"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let o = dir.path().join("out");
    for rel in [
        "good/a.md.json",
        "good/deep/b.md.json",
        "good/deep/c.txt.json",
        "bad/corrupt.pdf.json",
        "bad/boom.md.json",
    ] {
        let v: Value = serde_json::from_slice(&std::fs::read(o.join(rel)).unwrap()).unwrap();
        assert_eq!(v["schema"], "juesuan/1", "{rel}");
    }
    // no temporary file left behind
    let mut names = Vec::new();
    fn walk(d: &Path, names: &mut Vec<String>) {
        for e in std::fs::read_dir(d).unwrap() {
            let e = e.unwrap();
            if e.path().is_dir() {
                walk(&e.path(), names);
            } else {
                names.push(e.file_name().to_string_lossy().into_owned());
            }
        }
    }
    walk(&o, &mut names);
    assert_eq!(names.len(), 7, "{names:?}");
    assert!(
        names
            .iter()
            .all(|n| n.ends_with(".json") && !n.starts_with('.')),
        "{names:?}"
    );

    // resume: the 3 good ones are skipped, the 4 failure records retried
    let again = juesuan(dir.path(), &["extract", "corpus", "-o", "out", "--resume"]);
    let err = stderr(&again);
    assert!(err.contains("3 skipped"), "{err}");
    assert!(err.contains("2 not reports, 2 failed"), "{err}");
    // a touched input is redone, the others skipped
    let first = juesuan(dir.path(), &["extract", "corpus/good", "-o", "out2"]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    std::thread::sleep(std::time::Duration::from_millis(50));
    let a = dir.path().join("corpus/good/a.md");
    let bytes = std::fs::read(&a).unwrap();
    std::fs::write(&a, bytes).unwrap();
    let third = juesuan(
        dir.path(),
        &["extract", "corpus/good", "-o", "out2", "--resume"],
    );
    assert!(
        stderr(&third)
            .contains("3 files: 0 ok, 1 with error findings, 0 not reports, 0 failed, 2 skipped"),
        "{}",
        stderr(&third)
    );
    assert_eq!(third.status.code(), Some(0));
}

#[test]
fn a_stuck_file_times_out_and_the_run_goes_on() {
    let (dir, _) = corpus();
    let out = Command::new(BIN)
        .current_dir(dir.path())
        .args([
            "extract",
            "corpus/good",
            "--jsonl",
            // long enough for the good files on a loaded machine (debug
            // build, tests in parallel), short beside the hook's hour
            "--timeout",
            "8",
            "-j",
            "2",
        ])
        .env("JUESUAN_TEST_HANG_ON", "deep/b")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let recs = lines(&out);
    assert_eq!(recs.len(), 3);
    assert_eq!(recs[1]["failure"]["kind"], "timeout");
    assert!(recs[0]["report"].is_object() && recs[2]["report"].is_object());
}

#[test]
fn all_good_exits_0_and_single_file_mode_prints_one_document() {
    let (dir, _) = corpus();
    let ok = juesuan(dir.path(), &["extract", "corpus/good", "--jsonl"]);
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    assert!(ok.status.success());
    // one file: one document, no summary
    let one = juesuan(dir.path(), &["extract", "corpus/good/a.md"]);
    assert_eq!(one.status.code(), Some(0));
    let doc: Value = serde_json::from_slice(&one.stdout).unwrap();
    assert_eq!(doc["source"]["path"], "corpus/good/a.md");
    assert!(stderr(&one).is_empty());
    // one file that is not a report: the reason on stderr, nothing on
    // stdout, exit 1 (in batch mode it fails the run only under --strict)
    let bad = juesuan(dir.path(), &["extract", "corpus/bad/empty.txt"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(bad.stdout.is_empty());
    assert_eq!(
        stderr(&bad).trim(),
        "juesuan: corpus/bad/empty.txt: the file is empty (not_a_report)"
    );
    let strict = juesuan(dir.path(), &["extract", "corpus/bad/empty.txt", "--strict"]);
    assert_eq!(strict.status.code(), Some(1));
    // one unreadable file: exit 2
    let bad = juesuan(dir.path(), &["extract", "corpus/bad/corrupt.pdf"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(bad.stdout.is_empty());
    assert!(stderr(&bad).ends_with("(unreadable)\n"), "{}", stderr(&bad));
    // --quiet: no summary
    let quiet = juesuan(dir.path(), &["extract", "corpus/good", "--jsonl", "-q"]);
    assert!(stderr(&quiet).is_empty());
}

#[test]
fn two_file_arguments_with_one_name_are_refused_with_o() {
    let (dir, root) = corpus();
    std::fs::copy(root.join("good/a.md"), root.join("good/deep/a.md")).unwrap();
    let out = juesuan(
        dir.path(),
        &[
            "extract",
            "corpus/good/a.md",
            "corpus/good/deep/a.md",
            "-o",
            "out",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("would both write"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_missing_argument_is_a_failure_record_not_an_abort() {
    let (dir, _) = corpus();
    let out = juesuan(
        dir.path(),
        &["extract", "corpus/good", "corpus/nope.pdf", "--jsonl"],
    );
    assert_eq!(out.status.code(), Some(2));
    let recs = lines(&out);
    assert_eq!(recs.len(), 4);
    let missing = recs
        .iter()
        .find(|r| r["source"]["path"] == "corpus/nope.pdf")
        .unwrap();
    assert_eq!(missing["failure"]["kind"], "unreadable");
}

#[test]
fn help_documents_exit_codes() {
    let out = Command::new(BIN)
        .args(["extract", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(help.contains("Exit codes:") && help.contains("--strict") && help.contains("--shard"));
}
