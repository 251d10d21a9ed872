//! Damaged text input: a report cut anywhere, lines dropped or shuffled, cells
//! garbled. Every run ends in a document or a clear failure, never a panic.

#[path = "support/panics.rs"]
mod panics;

const SAMPLE: &str = "samples/huairen-gongxin-2024.md";

/// A small deterministic generator, so failures reproduce.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

/// Extracts `text`: a document or a failure that says why, and no panic
/// anywhere (counted by a hook, so one caught inside the library counts too).
fn run(name: &str, text: &str) {
    let result = panics::none_in(name, || {
        std::panic::catch_unwind(|| juesuan::extract(name, text.as_bytes()))
    });
    assert!(result.is_ok(), "{name}: panicked");
    if let Ok(Err(f)) = result {
        assert!(!f.message.is_empty(), "{name}: a failure says why");
        assert_ne!(
            f.kind,
            juesuan::FailureKind::Internal,
            "{name}: {}",
            f.message
        );
    }
}

#[test]
fn report_cut_anywhere() {
    let text = std::fs::read_to_string(SAMPLE).unwrap();
    let cuts: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .step_by(text.len() / 160)
        .collect();
    for cut in cuts {
        run(&format!("cut at {cut}"), &text[..cut]);
    }
}

#[test]
fn a_table_cut_short_keeps_what_was_printed() {
    // the 支出决算表 stops after its 208 rows: the rows printed are kept
    let text = std::fs::read_to_string(SAMPLE).unwrap();
    let start = text.find("## 支出决算表").unwrap();
    let cut = start + text[start..].find("\n210\t").unwrap();
    let doc = juesuan::extract("cut.md", &text.as_bytes()[..cut]).unwrap();
    let rows = &doc.tables.expenditure().unwrap().rows;
    assert_eq!(rows.last().unwrap().code.as_deref(), Some("2080506"));
    assert_eq!(rows.len(), 7);
}

#[test]
fn lines_dropped_and_cells_garbled() {
    let text = std::fs::read_to_string(SAMPLE).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let mut rng = Lcg(7);
    for round in 0..40 {
        let mut out = String::new();
        for line in &lines {
            match rng.next() % 20 {
                0 => continue,                                         // dropped
                1 => out.push_str(&line.replace('\t', "")),            // cells run together
                2 => out.push_str(&line.replace('.', "。")),           // OCR misread
                3 => out.push_str(&format!("{line}\t{}", rng.next())), // a stray cell
                _ => out.push_str(line),
            }
            out.push('\n');
        }
        run(&format!("round {round}"), &out);
    }
}
