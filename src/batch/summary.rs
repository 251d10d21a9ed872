//! The end-of-run summary: counts, pages, time, top failure reasons, error
//! findings by rule.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::Duration;

use super::worker::FileStat;

/// Totals of a batch run.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Inputs in this run (after `--shard`).
    pub files: usize,
    /// Extracted with no `error` finding.
    pub ok: usize,
    /// Extracted, with at least one `error` finding.
    pub with_errors: usize,
    /// Not read (a failure record was written): damaged, encrypted, too
    /// large, too slow …
    pub failed: usize,
    /// Read, but not a report (a failure record of kind `not_a_report` was
    /// written): a README in the corpus folder, a letter.
    pub not_reports: usize,
    /// Outputs under `-o` that could not be written.
    pub unwritten: usize,
    /// The first reason an output could not be written.
    pub write_error: Option<String>,
    /// Skipped by `--resume` (output already there and newer).
    pub skipped: usize,
    /// Pages of the processed PDFs.
    pub pages: u64,
    /// Inputs that had a page count (PDFs).
    pub paged_files: usize,
    /// Findings by severity.
    pub rounding: usize,
    /// `warning` findings.
    pub warnings: usize,
    /// Failures by `(kind, message)`.
    pub failures: BTreeMap<(String, String), usize>,
    /// `error` findings by rule.
    pub error_rules: BTreeMap<String, usize>,
    /// Wall time of the run.
    pub elapsed: Duration,
}

impl Summary {
    /// Counts one processed input.
    pub fn add(&mut self, stat: &FileStat) {
        if let Some(p) = stat.pages {
            self.pages += u64::from(p);
            self.paged_files += 1;
        }
        match &stat.failure {
            Some(f) => {
                if f.0 == crate::error::FailureKind::NotAReport.as_str() {
                    self.not_reports += 1;
                } else {
                    self.failed += 1;
                }
                *self.failures.entry(f.clone()).or_default() += 1;
            }
            None if stat.error_rules.is_empty() => self.ok += 1,
            None => self.with_errors += 1,
        }
        for r in &stat.error_rules {
            *self.error_rules.entry(r.clone()).or_default() += 1;
        }
        self.rounding += stat.rounding;
        self.warnings += stat.warnings;
    }

    /// Error findings in all.
    pub fn errors(&self) -> usize {
        self.error_rules.values().sum()
    }

    /// The exit status ([`crate::error::exit`]): 3 when an output could not
    /// be written, else 2 when an input could not be read, else 1 when
    /// `strict` and a document has an `error` finding or an input is not a
    /// report, else 0.
    pub fn exit_code(&self, strict: bool) -> u8 {
        use crate::error::exit;
        if self.unwritten > 0 {
            exit::OUTPUT
        } else if self.failed > 0 {
            exit::UNREADABLE
        } else if strict && (self.with_errors > 0 || self.not_reports > 0) {
            exit::FINDINGS
        } else {
            exit::OK
        }
    }

    /// The summary for a person, several lines.
    pub fn render(&self) -> String {
        let mut s = String::new();
        let secs = self.elapsed.as_secs_f64();
        let done = self.files - self.skipped;
        let _ = writeln!(
            s,
            "juesuan: {} files: {} ok, {} with error findings, {} not reports, {} failed{}",
            self.files,
            self.ok,
            self.with_errors,
            self.not_reports,
            self.failed,
            if self.skipped > 0 {
                format!(", {} skipped (up to date)", self.skipped)
            } else {
                String::new()
            }
        );
        if let Some(e) = &self.write_error {
            let _ = writeln!(
                s,
                "juesuan: {} outputs could not be written, the first: {e}",
                self.unwritten
            );
        }
        let rate = if secs > 0.0 { done as f64 / secs } else { 0.0 };
        let pages = if self.paged_files > 0 {
            format!("{} pages in {} PDFs", self.pages, self.paged_files)
        } else {
            "pages n/a (no PDF)".to_string()
        };
        let _ = writeln!(s, "juesuan: {pages}; {secs:.1} s, {rate:.1} files/s");
        let _ = writeln!(
            s,
            "juesuan: findings: {} error, {} rounding, {} warning",
            self.errors(),
            self.rounding,
            self.warnings
        );
        if !self.failures.is_empty() {
            let _ = writeln!(s, "juesuan: top failure reasons (not_a_report included):");
            for ((kind, msg), n) in top(&self.failures, 5) {
                let _ = writeln!(s, "  {n:>7}  {kind}: {msg}");
            }
        }
        if !self.error_rules.is_empty() {
            let _ = writeln!(s, "juesuan: error findings by rule:");
            for (rule, n) in top(&self.error_rules, 10) {
                let _ = writeln!(s, "  {n:>7}  {rule}");
            }
        }
        s
    }
}

/// The `k` largest entries, largest first, ties by key.
fn top<K: Ord + Clone>(m: &BTreeMap<K, usize>, k: usize) -> Vec<(K, usize)> {
    let mut v: Vec<(K, usize)> = m.iter().map(|(a, b)| (a.clone(), *b)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.truncate(k);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes() {
        let mut s = Summary {
            files: 3,
            ..Summary::default()
        };
        s.add(&FileStat::default());
        assert_eq!(s.exit_code(true), 0);
        s.add(&FileStat {
            error_rules: vec!["basic.sum.301".into()],
            ..FileStat::default()
        });
        assert_eq!(s.exit_code(false), 0);
        assert_eq!(s.exit_code(true), 1);
        s.add(&FileStat {
            failure: Some(("timeout".into(), "slow".into())),
            ..FileStat::default()
        });
        assert_eq!(s.exit_code(false), 2);
        assert_eq!(s.exit_code(true), 2);
        let text = s.render();
        assert!(
            text.contains("3 files: 1 ok, 1 with error findings, 0 not reports, 1 failed"),
            "{text}"
        );
        assert!(text.contains("basic.sum.301"), "{text}");
        s.unwritten = 1;
        assert_eq!(s.exit_code(false), 3);
    }

    #[test]
    fn a_non_report_fails_only_a_strict_run() {
        let mut s = Summary {
            files: 2,
            ..Summary::default()
        };
        s.add(&FileStat::default());
        s.add(&FileStat {
            failure: Some(("not_a_report".into(), "no table".into())),
            ..FileStat::default()
        });
        assert_eq!((s.ok, s.not_reports, s.failed), (1, 1, 0));
        assert_eq!(s.exit_code(false), 0);
        assert_eq!(s.exit_code(true), 1);
    }
}
