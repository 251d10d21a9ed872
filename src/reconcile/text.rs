//! Defects of the text itself that a publisher must fix: a template
//! placeholder left in, a year other than the report's where the report's
//! year belongs, doubled punctuation, a standard table neither printed nor
//! said to be empty. The patterns are `[text]` of `grammars/narrative.toml`.

use std::sync::LazyLock;

use regex::Regex;

use crate::doc::Line;
use crate::grammar::grammar;
use crate::model::{Finding, Location, ReportMeta as Report, Severity, Tables};
use crate::segment::Segmented;

/// At most this many findings of one rule per report: a template left
/// wholesale says so in the first few.
const MAX_PER_RULE: usize = 12;

struct Patterns {
    placeholder: Regex,
    doubled: Regex,
    year: Regex,
    as_of: Regex,
    compare: Regex,
}

static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| {
    let t = &grammar().narrative.text;
    let re = |s: &str| Regex::new(s).expect("grammars/narrative.toml [text] patterns are valid");
    Patterns {
        placeholder: re(&t.placeholder),
        doubled: re(&t.doubled),
        year: re(&t.year),
        as_of: re(&t.as_of),
        compare: re(&t.compare),
    }
});

fn finding(rule: &str, severity: Severity, message: String, at: Option<Location>) -> Finding {
    Finding {
        rule: rule.into(),
        severity,
        tables: vec!["narrative".into()],
        message,
        expected: None,
        actual: None,
        location: at,
        locations: Vec::new(),
    }
}

/// A short excerpt of `text` around byte `at` for messages.
fn excerpt(text: &str, at: usize) -> String {
    let start = text[..at]
        .char_indices()
        .rev()
        .nth(11)
        .map_or(0, |(i, _)| i);
    text[start..].chars().take(30).collect()
}

/// Checks the text of a report: `lines` as normalised, `seg` its parts.
pub fn check(lines: &[Line], seg: &Segmented, report: &Report, tables: &Tables) -> Vec<Finding> {
    let p = &*PATTERNS;
    let mut out: Vec<Finding> = Vec::new();
    let count = |out: &Vec<Finding>, rule: &str| out.iter().filter(|f| f.rule == rule).count();
    // placeholders, anywhere
    for l in lines {
        let text = l.joined();
        if let Some(m) = p.placeholder.find(&text) {
            if count(&out, "text.placeholder") < MAX_PER_RULE {
                out.push(finding(
                    "text.placeholder",
                    Severity::Error,
                    format!(
                        "a template placeholder is left in: “{}”",
                        excerpt(&text, m.start())
                    ),
                    Location::of_line(l),
                ));
            }
        }
    }
    // doubled punctuation, in the prose
    for l in seg.narrative.iter().chain(seg.rest.iter()) {
        let text = l.joined();
        if let Some(m) = p.doubled.find(&text) {
            if count(&out, "text.punctuation") < MAX_PER_RULE {
                out.push(finding(
                    "text.punctuation",
                    Severity::Warning,
                    format!(
                        "doubled punctuation “{}”: “{}”",
                        m.as_str(),
                        excerpt(&text, m.start())
                    ),
                    Location::of_line(l),
                ));
            }
        }
    }
    if let Some(year) = report.year {
        years(lines, seg, report, year, &mut out);
    }
    missing_tables(lines, seg, tables, &mut out);
    out
}

/// Years where the report's year belongs: table titles and prose headings,
/// balance dates, comparisons with the year before.
fn years(lines: &[Line], seg: &Segmented, report: &Report, year: i32, out: &mut Vec<Finding>) {
    let p = &*PATTERNS;
    let budget = report.kind.as_deref() == Some("budget");
    let push = |out: &mut Vec<Finding>, message: String, at: Option<Location>| {
        if out.iter().filter(|f| f.rule == "text.year").count() < MAX_PER_RULE {
            out.push(finding("text.year", Severity::Error, message, at));
        }
    };
    let year_of = |c: &regex::Captures| c.get(1).and_then(|m| m.as_str().parse::<i32>().ok());
    // headings: the titles of the tables and of the prose's sections
    let mut headings: Vec<(String, Option<Location>)> = Vec::new();
    for b in seg.tables.iter().filter(|b| b.grammar.is_some()) {
        let at = lines[..b.at.min(lines.len())]
            .iter()
            .rev()
            .take(6)
            .find(|l| l.joined().contains(b.title.as_str()))
            .and_then(Location::of_line);
        headings.push((b.title.clone(), at));
    }
    for l in seg
        .narrative
        .iter()
        .filter(|l| crate::parse::narrative::is_heading(l))
    {
        headings.push((l.joined(), Location::of_line(l)));
    }
    for (text, at) in headings {
        let wrong: Vec<i32> = p
            .year
            .captures_iter(&text)
            .filter_map(|c| year_of(&c))
            .filter(|y| *y != year)
            .collect();
        // a heading naming two years (2023-2024) compares; one naming only
        // another year is a heading left from another year's report
        if wrong.len() == 1 && p.year.captures_iter(&text).count() == 1 {
            push(
                out,
                format!(
                    "the heading “{text}” names {}, the report is of {year}",
                    wrong[0]
                ),
                at,
            );
        }
    }
    for l in seg.narrative.iter().chain(seg.front.iter()) {
        let text = l.joined();
        for c in p.as_of.captures_iter(&text) {
            let Some(y) = year_of(&c) else { continue };
            let fits = if budget {
                y == year || y == year - 1
            } else {
                y == year
            };
            if !fits {
                push(
                    out,
                    format!(
                        "“{}” in a report of {year}",
                        c.get(0).map_or("", |m| m.as_str())
                    ),
                    Location::of_line(l),
                );
            }
        }
        for c in p.compare.captures_iter(&text) {
            let Some(y) = year_of(&c) else { continue };
            if y != year - 1 {
                push(
                    out,
                    format!(
                        "“{}” compares with {y}, the year before the report's is {}",
                        c.get(0).map_or("", |m| m.as_str()),
                        year - 1
                    ),
                    Location::of_line(l),
                );
            }
        }
    }
}

/// A standard table neither printed nor said to have no data.
fn missing_tables(lines: &[Line], seg: &Segmented, tables: &Tables, out: &mut Vec<Finding>) {
    let t = &grammar().narrative.text;
    // only a full report: most of its standard tables are there
    if tables.iter().count() < 4 {
        return;
    }
    for e in &t.expected {
        // printed: as the standard table, or as a table of another layout
        // that names it (基本支出总表)
        let printed = tables.get(&e.id).is_some()
            || seg.tables.iter().any(|b| {
                b.id() == Some(e.id.as_str())
                    || e.words.iter().any(|w| b.title.contains(w.as_str()))
            });
        if printed {
            continue;
        }
        let noted = lines.iter().any(|l| {
            let text = l.joined();
            e.words.iter().any(|w| text.contains(w.as_str()))
                && (t.no_data.iter().any(|n| text.contains(n.as_str()))
                    || grammar()
                        .empty_markers
                        .iter()
                        .any(|n| text.contains(n.as_str())))
        });
        if !noted {
            out.push(Finding {
                tables: vec![e.id.clone()],
                ..finding(
                    "tables.missing",
                    Severity::Warning,
                    format!(
                        "no {} table was found, and no line says it has no data",
                        e.id
                    ),
                    None,
                )
            });
        }
    }
}
