//! Where each finding is: the cells and sentences it is about.
//!
//! Rules over the prose attach the places of the claims they compare as they
//! raise a finding. The figures of a table are found here, after the rules
//! ran, by looking in the table's printed lines for the figure a finding
//! names (its printed `actual`, and its `expected` where that is another
//! printed figure): among the cells holding that figure, the one on the line
//! whose code or name the message names. A finding about a table as a whole
//! points at the table's first line.

use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;

use crate::doc::Line;
use crate::model::{Finding, Location};
use crate::normalise::{self, CellValue};
use crate::segment::Block;

/// Codes a message names (`208`, `2080501`).
static CODE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b[0-9]{3,7}\b").unwrap());

/// Fills `location` (and `locations` where several places are involved) of
/// every finding: the places rules attached, then the table cells found in
/// `blocks` (the report's tables as segmented) and, for the 绩效 annex
/// (`performance`), in `annex` (the lines after the tables).
pub fn locate(findings: &mut [Finding], blocks: &[Block], annex: &[Line]) {
    for f in findings.iter_mut() {
        let mut places: Vec<Location> = std::mem::take(&mut f.locations);
        places.extend(f.location.take());
        let codes: Vec<&str> = CODE.find_iter(&f.message).map(|m| m.as_str()).collect();
        // the printed figures: the total a sum is checked against; both sides
        // of a comparison of two printings
        // (a claim's finding: the claim is placed already, the table's figure is `expected`)
        let mut values: Vec<Decimal> = Vec::new();
        if f.rule != "narrative.claim" {
            values.extend(f.actual);
        }
        if f.tables.len() > 1 || f.rule == "narrative.claim" {
            values.extend(f.expected);
        }
        for table in &f.tables {
            let lines: Vec<&Line> = match table.as_str() {
                "narrative" => continue,
                "performance" => annex.iter().collect(),
                id => blocks
                    .iter()
                    .filter(|b| b.id() == Some(id))
                    .flat_map(|b| b.lines.iter())
                    .collect(),
            };
            let mut found = false;
            for v in &values {
                if let Some(loc) = find(&lines, *v, &codes, &f.message) {
                    found = true;
                    places.push(loc);
                }
            }
            if table == "performance" {
                // a project of the annex: its row and its paragraph, by name
                let Some(name) = project_named(&f.message) else {
                    continue;
                };
                // its row in the table first, then its paragraph
                let suffix = &crate::grammar::grammar().narrative.words.project_suffix;
                let short = name.strip_suffix(suffix.as_str()).unwrap_or(&name);
                let mut named: Vec<&&Line> = lines
                    .iter()
                    .filter(|l| normalise::key(&l.joined()).contains(short))
                    .collect();
                named.sort_by_key(|l| l.filled().count() < 2);
                for l in named.into_iter().take(2) {
                    found = true;
                    places.extend(Location::of_line(l));
                }
            }
            if !found && places.is_empty() {
                // the table as a whole: its first printed line
                let first = blocks
                    .iter()
                    .find(|b| b.id() == Some(table.as_str()))
                    .and_then(|b| b.lines.iter().find_map(Location::of_line));
                places.extend(first);
            }
        }
        let mut unique: Vec<Location> = Vec::new();
        for p in places {
            if !unique.contains(&p) {
                unique.push(p);
            }
        }
        f.location = unique.first().copied();
        if unique.len() > 1 {
            f.locations = unique;
        }
    }
}

/// The cell holding `value` (or the same figure in the other of 元/万元) on
/// the line that best fits the message: one whose code the message names,
/// else one whose label the message names, else the first.
fn find(lines: &[&Line], value: Decimal, codes: &[&str], message: &str) -> Option<Location> {
    let wan = Decimal::from(10000);
    let same = |n: Decimal| n == value || n == value * wan || n * wan == value;
    let mut best: Option<(usize, Location)> = None;
    for line in lines {
        let Some(i) = line
            .cells
            .iter()
            .position(|c| matches!(normalise::amount(c), CellValue::Number(n) if same(n)))
        else {
            continue;
        };
        let mut score = 1;
        let labels: Vec<&str> = line
            .cells
            .iter()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty() && !matches!(normalise::amount(c), CellValue::Number(_)))
            .collect();
        if labels.iter().any(|l| {
            codes
                .iter()
                .any(|c| l.split_whitespace().next() == Some(*c))
        }) {
            score += 4;
        }
        // a name the message gives: a long one counts more than 合计
        let named = labels
            .iter()
            .map(|l| core(l))
            .filter(|l| !l.is_empty() && message.contains(l.as_str()))
            .map(|l| l.chars().count())
            .max()
            .unwrap_or(0);
        score += match named {
            0 | 1 => 0,
            2 => 1,
            _ => 2,
        };
        // a small whole number is as likely a line number (行次) or a count
        // elsewhere: only on a line the message names
        if value.scale() == 0 && value.abs() < Decimal::from(1000) && score < 3 {
            continue;
        }
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            if let Some(loc) = Location::of_cell(line, i) {
                best = Some((score, loc));
            }
        }
    }
    best.map(|(_, l)| l)
}

/// The project an annex finding names (`project NAME (…)` or `project NAME:`).
fn project_named(message: &str) -> Option<String> {
    let rest = message.split_once("project ")?.1;
    let end = rest.find([' ', ':']).unwrap_or(rest.len());
    let name = normalise::key(&rest[..end]);
    (name.chars().count() >= 2).then_some(name)
}

/// A row label as messages name it: without its numbering (（一）, 1.) and a
/// closing parenthesis (（辆）).
fn core(label: &str) -> String {
    let key = normalise::key(label);
    let key = crate::segment::strip_numbering(&key);
    let key = match key.rfind('(') {
        Some(i) if key.ends_with(')') && i > 0 => &key[..i],
        _ => key,
    };
    key.to_string()
}
