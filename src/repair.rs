//! Figures read by OCR: repaired where the report's arithmetic confirms it,
//! and never the source of an `error` unless the reading is sure.
//!
//! A recogniser misreads amounts in typical ways: a digit lost or doubled, a
//! decimal point lost, and, where it was unsure, one digit for another. Such
//! a misreading breaks the checks the figure takes part in, and looks
//! exactly like a report that contradicts itself. So, for a document with
//! pages read by OCR:
//!
//! 1. [`repair`]: every `error` finding names a difference (`expected` −
//!    `actual`). Each figure of a table row read by OCR is varied in the
//!    typical ways; a variant that moves the figure by exactly one of those
//!    differences is tried by reading the whole document again with it. It
//!    is taken only when it makes errors go away and brings none, and no
//!    other variant (another cell, or another value) makes the same errors
//!    go away as well as it does. Each repair is reported as an
//!    `ocr.repaired` warning with the figure as read and as taken.
//! 2. [`settle`]: an `error` left stands only where the figures it is about
//!    were read with confidence (each at least [`SURE`], none of them a
//!    figure a typical misreading would explain); otherwise it is raised as
//!    a warning saying why.

use std::collections::BTreeSet;

use rust_decimal::Decimal;

use crate::doc::{Doc, Line};
use crate::model::{Finding, Location, Severity};
use crate::normalise::{self, CellValue};
use crate::segment::Block;

/// The recogniser's confidence below which a figure's digits are doubtful:
/// a repair may then put another digit for one of them.
pub const DOUBTFUL: f32 = 0.9;

/// The confidence each figure of an `error` finding must have been read with
/// for the error to stand in a document read by OCR.
pub const SURE: f32 = 0.95;

/// Most readings of the whole document tried in one [`repair`].
const MAX_TRIALS: usize = 200;

/// Most repairs in one document: more misreadings than this say the reading
/// as a whole is poor, and guessing on would be guessing.
const MAX_REPAIRS: usize = 12;

/// One figure put right.
#[derive(Debug, Clone, PartialEq)]
pub struct Repair {
    /// Index of the line in the document's lines.
    pub line: usize,
    /// Index of the cell in the line.
    pub cell: usize,
    /// The figure as read.
    pub from: String,
    /// The figure as taken.
    pub to: String,
    /// The recogniser's confidence in the figure as read.
    pub confidence: f32,
    /// The errors it made go away (their messages) and the tables they name.
    pub resolved: Vec<Finding>,
}

/// What [`repair`] learned: the repairs made, and the errors a misreading
/// would explain but which no single repair could be chosen for.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// The repairs, in the order they were made.
    pub repairs: Vec<Repair>,
    /// Errors (rule and message) that more than one repair would make go
    /// away: a misreading, but which one is not known.
    pub ambiguous: BTreeSet<(String, String)>,
}

/// A variant tried: where, the text, the errors it made go away and the
/// errors left with it.
#[derive(Clone)]
struct Trial {
    line: usize,
    cell: usize,
    text: String,
    gone: BTreeSet<(String, String)>,
    after: Vec<Finding>,
}

fn key(f: &Finding) -> (String, String) {
    (f.rule.clone(), f.message.clone())
}

/// Repairs the figures of `doc` read by OCR where the report's own checks
/// confirm the repair. `errors_of` reads a document through to its findings
/// and returns those of severity `error` (`None` when the document cannot
/// be read that way).
pub fn repair(doc: &mut Doc, errors_of: impl Fn(&Doc) -> Option<Vec<Finding>>) -> Outcome {
    let mut out = Outcome::default();
    if doc.lines.iter().all(|l| l.conf.is_empty()) {
        return out;
    }
    let Some(mut errors) = errors_of(doc) else {
        return out;
    };
    let mut trials = 0;
    while !errors.is_empty() && out.repairs.len() < MAX_REPAIRS && trials < MAX_TRIALS {
        // the differences of the errors that involve a table (a figure of
        // the prose or the annex against its own kind is not a table's)
        let deltas: BTreeSet<Decimal> = errors
            .iter()
            .filter(|f| {
                f.tables
                    .iter()
                    .any(|t| t != "narrative" && t != "performance")
            })
            .filter_map(|f| Some((f.expected? - f.actual?).abs()))
            .filter(|d| !d.is_zero())
            .collect();
        if deltas.is_empty() {
            break;
        }
        let before: BTreeSet<(String, String)> = errors.iter().map(key).collect();
        // every variant that moves a figure by one of the differences,
        // tried: the errors it makes go away, where it brings none
        let mut tried: Vec<Trial> = Vec::new();
        for (line, cell, text) in candidates(doc, &deltas) {
            if trials >= MAX_TRIALS {
                break;
            }
            trials += 1;
            let old = std::mem::replace(&mut doc.lines[line].cells[cell], text.clone());
            let after = errors_of(doc);
            doc.lines[line].cells[cell] = old;
            let Some(after) = after else { continue };
            let keys: BTreeSet<(String, String)> = after.iter().map(key).collect();
            if !keys.is_subset(&before) || keys.len() == before.len() {
                continue;
            }
            let gone = before.difference(&keys).cloned().collect();
            tried.push(Trial {
                line,
                cell,
                text,
                gone,
                after,
            });
        }
        // the variant that makes the most errors go away, where no other
        // makes the same ones go away as well (one that makes only some of
        // them go away is no rival)
        tried.sort_by_key(|t| std::cmp::Reverse(t.gone.len()));
        let rival = |best: &Trial| {
            tried.iter().any(|t| {
                let same = (t.line, t.cell) == (best.line, best.cell)
                    && value(&t.text) == value(&best.text);
                let lesser = t.gone.is_subset(&best.gone) && t.gone.len() < best.gone.len();
                !(same || lesser || t.gone.is_disjoint(&best.gone))
            })
        };
        let Some(best) = tried.iter().find(|t| !rival(t)) else {
            for t in &tried {
                out.ambiguous.extend(t.gone.iter().cloned());
            }
            break;
        };
        let Trial {
            line: li,
            cell: ci,
            text,
            gone,
            after,
        } = best.clone();
        let line = &mut doc.lines[li];
        let from = std::mem::replace(&mut line.cells[ci], text.clone());
        let resolved = errors
            .iter()
            .filter(|f| gone.contains(&key(f)))
            .cloned()
            .collect();
        out.repairs.push(Repair {
            line: li,
            cell: ci,
            from,
            to: text,
            confidence: line.conf(ci),
            resolved,
        });
        errors = after;
    }
    out
}

fn value(text: &str) -> Option<Decimal> {
    match normalise::amount(text) {
        CellValue::Number(d) => Some(d),
        _ => None,
    }
}

/// The variants of the figures of table rows read by OCR that move a figure
/// by exactly one of `deltas`: (line, cell, text).
fn candidates(doc: &Doc, deltas: &BTreeSet<Decimal>) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    for (li, l) in doc.lines.iter().enumerate() {
        if l.conf.is_empty() || l.cells.len() < 2 {
            continue;
        }
        for (ci, c) in l.cells.iter().enumerate() {
            let Some(v) = value(c) else { continue };
            for t in variants(c.trim(), l.conf(ci) < DOUBTFUL) {
                if value(&t).is_some_and(|w| deltas.contains(&(w - v).abs())) {
                    out.push((li, ci, t));
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// What a figure read as `text` may have been printed as: a digit lost (one
/// put back anywhere), a digit doubled or stray (one taken out), a decimal
/// point lost (put back before the last two digits) and, where the reading
/// was `doubtful`, one digit read for another. Each keeps two decimals (or
/// the decimals it was read with) and has no leading zero.
pub fn variants(text: &str, doubtful: bool) -> Vec<String> {
    let t: String = normalise::drop_thousand_separators(text);
    let (sign, body) = match t.strip_prefix('-') {
        Some(b) => ("-", b),
        None => ("", t.as_str()),
    };
    if body.is_empty() || !body.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return Vec::new();
    }
    let chars: Vec<char> = body.chars().collect();
    let decimals = |s: &str| s.find('.').map(|p| s.len() - p - 1);
    let read = decimals(body);
    let mut out: BTreeSet<String> = BTreeSet::new();
    let mut push = |s: String| {
        let ok_decimals = matches!(decimals(&s), Some(2)) || decimals(&s) == read;
        let ok_lead = !(s.len() > 1 && s.starts_with('0') && !s.starts_with("0."));
        if ok_decimals && ok_lead && !s.starts_with('.') && !s.ends_with('.') && s != body {
            out.insert(format!("{sign}{s}"));
        }
    };
    for i in 0..=chars.len() {
        for d in '0'..='9' {
            let mut v = chars.clone();
            v.insert(i, d);
            push(v.into_iter().collect());
        }
    }
    for i in 0..chars.len() {
        if chars[i].is_ascii_digit() {
            let mut v = chars.clone();
            v.remove(i);
            push(v.into_iter().collect());
            if doubtful {
                for d in ('0'..='9').filter(|d| *d != chars[i]) {
                    let mut v = chars.clone();
                    v[i] = d;
                    push(v.into_iter().collect());
                }
            }
        }
    }
    if read.is_none() && chars.len() >= 3 {
        let mut v = chars.clone();
        v.insert(chars.len() - 2, '.');
        push(v.into_iter().collect());
    }
    out.into_iter().collect()
}

/// Share of a page's figures (those read by OCR in table rows, with a
/// decimal point) that must have one number of decimals for
/// [`restore_zeros`] to take it as the page's.
const ZEROS_SHARE: f64 = 0.9;

/// Fewest such figures on a page for [`restore_zeros`] to judge it.
const ZEROS_MIN: usize = 8;

/// A zero put back by [`restore_zeros`]: (line, cell, as read, as taken).
pub type Zero = (usize, usize, String, String);

/// Puts back a zero a recogniser lost from a run of zeros. A recogniser
/// reading a run of one digit drops one of them where it does not see the
/// gap between two (its frames of one character and the next merge): a
/// figure of a page read by OCR whose decimals are all zeros, one fewer
/// than the page's figures have (nine in ten of at least eight), was
/// printed with one zero more (beijing-hrss's `332.000000`, read
/// `332.00000` against the ruling it touches). The amount is the same; the
/// digits become those printed. Returns what it changed.
pub fn restore_zeros(doc: &mut Doc) -> Vec<Zero> {
    let decimals = |c: &str| -> Option<usize> {
        let c = c.trim();
        let body = c.strip_prefix('-').unwrap_or(c);
        let (int, frac) = body.split_once('.')?;
        let ok = !int.is_empty()
            && int.chars().all(|ch| ch.is_ascii_digit() || ch == ',')
            && int.starts_with(|ch: char| ch.is_ascii_digit())
            && !frac.is_empty()
            && frac.chars().all(|ch| ch.is_ascii_digit());
        ok.then_some(frac.len())
    };
    let rows = |doc: &Doc, page: u32| -> Vec<usize> {
        (0..doc.lines.len())
            .filter(|&i| {
                let l = &doc.lines[i];
                l.page == page && !l.conf.is_empty() && l.cells.len() >= 2
            })
            .collect()
    };
    let mut pages: Vec<u32> = doc.lines.iter().map(|l| l.page).collect();
    pages.dedup();
    let mut out = Vec::new();
    for page in pages {
        let rows = rows(doc, page);
        let mut counts = std::collections::BTreeMap::<usize, usize>::new();
        for &i in &rows {
            for c in &doc.lines[i].cells {
                if let Some(d) = decimals(c) {
                    *counts.entry(d).or_default() += 1;
                }
            }
        }
        let total: usize = counts.values().sum();
        let Some((&k, &n)) = counts.iter().max_by_key(|(_, &n)| n) else {
            continue;
        };
        if total < ZEROS_MIN || k < 2 || (n as f64) < ZEROS_SHARE * total as f64 {
            continue;
        }
        for &i in &rows {
            for ci in 0..doc.lines[i].cells.len() {
                let c = doc.lines[i].cells[ci].trim().to_string();
                let short = decimals(&c) == Some(k - 1);
                if short
                    && c.rsplit_once('.')
                        .is_some_and(|(_, f)| f.bytes().all(|b| b == b'0'))
                {
                    let to = format!("{c}0");
                    doc.lines[i].cells[ci] = to.clone();
                    out.push((i, ci, c, to));
                }
            }
        }
    }
    out
}

/// The findings that say what [`restore_zeros`] did: one `ocr.repaired`
/// warning per zero put back, at its cell.
pub fn zero_findings(zeros: &[Zero], lines: &[Line]) -> Vec<Finding> {
    zeros
        .iter()
        .map(|(li, ci, from, to)| Finding {
            rule: "ocr.repaired".into(),
            severity: Severity::Warning,
            tables: Vec::new(),
            message: format!(
                "a figure read by OCR as {from} is taken as {to}, the same amount: the other figures of its page have {} decimals, and a recogniser drops one of a run of zeros",
                to.len() - to.rfind('.').unwrap_or(0) - 1
            ),
            expected: value(to),
            actual: value(from),
            location: lines.get(*li).and_then(|l| Location::of_cell(l, *ci)),
            locations: Vec::new(),
        })
        .collect()
}

/// The findings that say what [`repair`] did: one `ocr.repaired` warning per
/// figure put right, at its cell.
pub fn findings(outcome: &Outcome, lines: &[Line]) -> Vec<Finding> {
    outcome
        .repairs
        .iter()
        .map(|r| {
            let mut tables: Vec<String> = Vec::new();
            for f in &r.resolved {
                for t in &f.tables {
                    if !tables.contains(t) {
                        tables.push(t.clone());
                    }
                }
            }
            let n = r.resolved.len();
            Finding {
                rule: "ocr.repaired".into(),
                severity: Severity::Warning,
                tables,
                message: format!(
                    "a figure read by OCR as {} (confidence {:.2}) is taken as {}: with it {} check{} that failed agree{} ({})",
                    r.from,
                    r.confidence,
                    r.to,
                    n,
                    if n == 1 { "" } else { "s" },
                    if n == 1 { "s" } else { "" },
                    r.resolved
                        .iter()
                        .map(|f| f.message.as_str())
                        .collect::<Vec<_>>()
                        .join("; ")
                ),
                expected: value(&r.to),
                actual: value(&r.from),
                location: lines.get(r.line).and_then(|l| Location::of_cell(l, r.cell)),
                locations: Vec::new(),
            }
        })
        .collect()
}

/// Lowers to a warning each `error` of a document with pages read by OCR
/// that its reading does not make sure of: one a misreading would explain
/// (`outcome.ambiguous`); one whose tables hold a figure in a row read with
/// less than [`SURE`] confidence (any of them may be the part a sum misses, misread
/// in a way no repair can tell); one about a place (a sentence, a cell) read
/// with less, or that cannot be found where it was read.
///
/// `lines` are the document's lines, `blocks` its tables as segmented.
pub fn settle(findings: &mut [Finding], lines: &[Line], blocks: &[Block], outcome: &Outcome) {
    if lines.iter().all(|l| l.conf.is_empty()) {
        return;
    }
    for f in findings
        .iter_mut()
        .filter(|f| f.severity == Severity::Error)
    {
        let why = if outcome.ambiguous.contains(&key(f)) {
            Some("a misread digit would explain it")
        } else {
            let tables = blocks
                .iter()
                .filter(|b| b.id().is_some_and(|id| f.tables.iter().any(|t| t == id)))
                .flat_map(|b| b.lines.iter())
                // its rows (a line of one cell is a note or a page number)
                .filter(|l| l.cells.len() >= 2)
                .flat_map(|l| (0..l.cells.len()).map(|i| l.conf(i)))
                .fold(1.0f32, f32::min);
            match confidence(f, lines) {
                Some(c) if c.min(tables) >= SURE => None,
                Some(_) => Some("a figure was read with low confidence"),
                None => Some("its figures were not found where they were read"),
            }
        };
        if let Some(why) = why {
            f.severity = Severity::Warning;
            f.message = format!("(read by OCR, {why}: not raised as an error) {}", f.message);
        }
    }
}

/// The lowest confidence of the places a finding names: each a cell or a
/// line (every cell of it), matched as [`Location`] places them; `None`
/// where a place matches no line.
fn confidence(f: &Finding, lines: &[Line]) -> Option<f32> {
    let places: Vec<&Location> = f.location.iter().chain(f.locations.iter()).collect();
    if places.is_empty() {
        return None;
    }
    let mut low = 1.0f32;
    for p in places {
        if p.page.is_none() {
            // text input: certain
            continue;
        }
        p.bbox?;
        let mut found = false;
        for l in lines.iter().filter(|l| Some(l.page) == p.page) {
            if Location::of_line(l).as_ref() == Some(p) {
                found = true;
                low = (0..l.cells.len()).map(|i| l.conf(i)).fold(low, f32::min);
            }
            for i in 0..l.cells.len() {
                let boxed = l.boxes.get(i).is_some_and(Option::is_some);
                if boxed && Location::of_cell(l, i).as_ref() == Some(p) {
                    found = true;
                    low = low.min(l.conf(i));
                }
            }
        }
        if !found {
            return None;
        }
    }
    Some(low)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_put_back_a_lost_digit_and_take_out_a_doubled_one() {
        let v = variants("134.56", false);
        assert!(v.contains(&"1234.56".to_string()));
        assert!(v.contains(&"14.56".to_string()));
        assert!(!v.contains(&"134.5".to_string()), "decimals kept");
        assert!(
            !v.contains(&"124.56".to_string()),
            "no substitution when sure"
        );
        assert!(variants("12234.56", false).contains(&"1234.56".to_string()));
        assert!(variants("123456", false).contains(&"1234.56".to_string()));
        assert!(variants("124.56", true).contains(&"134.56".to_string()));
        assert!(!variants("5.00", false).contains(&"05.00".to_string()));
        assert!(variants("合计", true).is_empty());
    }

    fn ocr_line(page: u32, cells: &[&str]) -> Line {
        Line {
            page,
            cells: cells.iter().map(|c| c.to_string()).collect(),
            conf: vec![1.0; cells.len()],
            ..Line::default()
        }
    }

    fn doc_of(lines: Vec<Line>) -> Doc {
        Doc {
            pages: Some(2),
            lines,
            warnings: Vec::new(),
            ocr_pages: vec![1, 2],
        }
    }

    #[test]
    fn a_zero_lost_from_a_run_of_zeros_is_put_back() {
        // beijing-hrss's 基本支出 table: every figure with six decimals
        let mut lines: Vec<Line> = (0..10)
            .map(|i| ocr_line(1, &["30201-办公费", &format!("2{i}.866000"), "22.866000"]))
            .collect();
        lines.push(ocr_line(1, &["30208-取暖费", "332.00000", "332.000000"]));
        // decimals not all zeros: which digit was lost is not known
        lines.push(ocr_line(
            1,
            &["30209-物业管理费", "1,067.35700", "1,067.357000"],
        ));
        let mut doc = doc_of(lines);
        let zeros = restore_zeros(&mut doc);
        assert_eq!(
            zeros,
            vec![(10, 1, "332.00000".to_string(), "332.000000".to_string())]
        );
        assert_eq!(doc.lines[10].cells[1], "332.000000");
        assert_eq!(doc.lines[11].cells[1], "1,067.35700");
        let f = zero_findings(&zeros, &doc.lines);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].expected, f[0].actual, "the same amount");
    }

    #[test]
    fn zeros_are_left_where_the_page_has_no_one_number_of_decimals() {
        // two decimals but a column of ratios with one on a page: too few
        // figures share one number of decimals to say one is short
        let mut lines: Vec<Line> = (0..8)
            .map(|i| ocr_line(1, &["项目", &format!("1{i}.50")]))
            .collect();
        lines.push(ocr_line(1, &["比率", "3.0"]));
        lines.push(ocr_line(1, &["合计", "100.0"]));
        // and a page of a text layer is never touched
        let mut text: Vec<Line> = (0..9)
            .map(|i| ocr_line(2, &["项目", &format!("1{i}.50")]))
            .collect();
        for l in &mut text {
            l.conf.clear();
        }
        text.push(Line {
            conf: Vec::new(),
            ..ocr_line(2, &["合计", "100.0"])
        });
        lines.extend(text);
        let mut doc = doc_of(lines);
        let before = doc.lines.clone();
        assert!(restore_zeros(&mut doc).is_empty());
        assert_eq!(doc.lines, before);
    }
}
