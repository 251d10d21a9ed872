//! Segment: a normalised [`Doc`] → the report's tables (each a block of lines
//! identified by meaning), its prose part and the rest.
//!
//! A table starts at its title. A title is a short line ending in 表 whose
//! words a title rule of `grammars/tables.toml` fits (`收支总表`,
//! `2026年部门收入总体情况表`, `一般公共预算支出情况表(按功能分类科目)` …); a label
//! printed in front of it or on a line nearby (`公开01表`, `表5:`, `预算01表`) is
//! kept, but never decides which table it is: label numbers mean other tables in
//! other provinces. A title no rule fits, and a label printed without a title,
//! are identified by the table's header words and row stubs, else kept as an
//! extra table. A table runs to the next title, part or section heading; a
//! candidate with no table row right after it is a contents entry or a mention
//! and is dropped.

use std::sync::LazyLock;

use regex::Regex;

use crate::doc::{Doc, Line};
use crate::grammar::{grammar, title_key, TableGrammar};
use crate::normalise::{self, CellValue};

/// One table's lines, with what was learned about it while segmenting.
#[derive(Debug, Clone)]
pub struct Block {
    /// Grammar of a standard table, `None` for a table outside the catalogue.
    pub grammar: Option<&'static TableGrammar>,
    /// Printed label (`公开02表`), if any.
    pub label: Option<String>,
    /// Printed title (the table's own title, or the label when none is printed).
    pub title: String,
    /// `万元`/`元` from the unit line.
    pub unit: Option<String>,
    /// Pages the block spans (empty for text input).
    pub pages: Vec<u32>,
    /// True when a line of the block marks the table as having no data (and
    /// no figure is printed in it).
    pub empty: bool,
    /// The lines after the title and label.
    pub lines: Vec<Line>,
    /// Index of the block's first line in the document.
    pub at: usize,
    /// How the table was identified: `title`, `structure` (header words and
    /// row stubs) or `none` (kept as an extra table).
    pub identified_by: &'static str,
}

impl Block {
    /// The standard table id, or `None` for an extra table.
    pub fn id(&self) -> Option<&'static str> {
        self.grammar.map(|g| g.id.as_str())
    }
}

/// A report cut into its parts.
#[derive(Debug, Clone, Default)]
pub struct Segmented {
    /// Lines before the first table (cover, contents, overview).
    pub front: Vec<Line>,
    /// Tables in printed order (standard and extra).
    pub tables: Vec<Block>,
    /// The prose part (情况说明).
    pub narrative: Vec<Line>,
    /// Everything after the tables that is not the prose part (glossary, annexes).
    pub rest: Vec<Line>,
    /// Problems seen while segmenting.
    pub warnings: Vec<String>,
}

static TRAILING_PAGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:[.·…]{3,}|…+|[ \t])[ \t.·…]*-?[ \t]*[0-9]{1,3}[ \t]*-?$").unwrap()
});

/// 一…九十九 → 1…99.
pub fn chinese_number(s: &str) -> Option<u32> {
    let doc = &grammar().document;
    let digit = |c: char| {
        doc.digits
            .chars()
            .position(|d| d == c)
            .map(|i| i as u32 + 1)
    };
    let ten = doc.ten.chars().next()?;
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [t] if *t == ten => Some(10),
        [t, d] if *t == ten => Some(10 + digit(*d)?),
        [t, x] if *x == ten => Some(digit(*t)? * 10),
        [t, x, d] if *x == ten => Some(digit(*t)? * 10 + digit(*d)?),
        [d] => digit(*d),
        _ => None,
    }
}

/// Removes a leading numbering (`一、`, `(二)`, `3.`) from an item text.
pub fn strip_numbering(s: &str) -> &str {
    match grammar().re().numbering.find(s) {
        // `3.` before a digit is a decimal number, not numbering
        Some(m)
            if s[m.end()..].starts_with(|c: char| c.is_ascii_digit())
                && s.as_bytes()[0].is_ascii_digit() =>
        {
            s
        }
        Some(m) => &s[m.end()..],
        None => s,
    }
}

/// The unit a line prints (`金额单位:万元` → `万元`).
pub fn unit_in(s: &str) -> Option<String> {
    grammar().re().unit.captures(s).map(|c| c[1].to_string())
}

/// True for a prose section heading on a line of its own (`六、其他相关情况说明`):
/// it ends a table even where the report has no part headings.
pub fn is_section_heading(line: &Line) -> bool {
    let mut it = line.filled();
    match (it.next(), it.next()) {
        (Some(t), None) if line.cells.len() == 1 => {
            let short = t.chars().count() <= 40 && !t.ends_with('。');
            // 六、其他相关情况说明, or the same heading printed without its number
            let g = grammar();
            let unnumbered = g
                .document
                .heading_ends
                .iter()
                .any(|e| t.ends_with(e.as_str()))
                && strip_numbering(t).len() == t.len();
            let is_title = g.title.ends.iter().any(|e| t.ends_with(e.as_str()));
            short && ((g.re().section.is_match(t) && !is_title) || unnumbered)
        }
        _ => false,
    }
}

/// True for a part heading (`第三部分 情况说明`).
pub fn is_part_heading(line: &Line) -> bool {
    line.filled().count() == 1
        && grammar()
            .re()
            .part
            .is_match(line.filled().next().unwrap_or(""))
}

/// A label at the start of `s` (`公开01表`, `表5`, `预算01表`), normalised, and
/// the rest of `s` after it and its separator.
pub fn split_label(s: &str) -> (Option<String>, &str) {
    let g = grammar();
    for re in &g.label_res {
        if let Some(m) = re.find(s) {
            let label: String = m.as_str().chars().filter(|c| !c.is_whitespace()).collect();
            let rest = s[m.end()..].trim_start_matches([':', '：', '.', '、', ' ', '\t', '-']);
            // `表` alone then a title word is not a label (`表格…`): a label
            // ends in a digit, a numeral or 表
            let doc = &g.document;
            let numeral = |c: char| {
                c.is_ascii_digit()
                    || doc.digits.contains(c)
                    || doc.ten.contains(c)
                    || g.title.ends.first().is_some_and(|e| e.contains(c))
            };
            if !label.ends_with(numeral) {
                continue;
            }
            return (Some(label), rest);
        }
    }
    (None, s)
}

/// True when `s` is a label and nothing else.
fn is_label(s: &str) -> bool {
    let (l, rest) = split_label(s.trim());
    l.is_some() && rest.trim().is_empty()
}

/// What a line offering a title says: its label, the title text without
/// label, numbering and unit, and the table it names.
#[derive(Debug, Clone)]
struct TitleLine {
    label: Option<String>,
    title: String,
    kind: Kind,
}

/// Which table a title names.
#[derive(Debug, Clone, Copy)]
enum Kind {
    /// A standard table.
    Standard(&'static TableGrammar),
    /// A title rule keeps it outside the catalogue.
    Extra,
    /// A title no rule fits: the table's structure decides.
    Unknown,
}

/// The text of a line that may be a title: a line of one cell, or a table
/// row whose other cells only say its label, unit, department or year
/// (`收入支出决算总表 | 公开01表 | 单位:万元`).
fn title_cells(line: &Line) -> Option<(String, Option<String>)> {
    let filled: Vec<&str> = line.filled().collect();
    let words = &grammar().words;
    let aside = |c: &str| {
        is_label(c)
            || grammar().re().unit.is_match(c)
            || words.is_meta(c)
            || (c.ends_with(grammar().document.year_cell_end.as_str()) && c.chars().count() <= 8)
    };
    match filled.len() {
        0 => None,
        1 => Some((filled[0].to_string(), None)),
        2..=4 => {
            let rest: Vec<&str> = filled.iter().copied().filter(|c| !aside(c)).collect();
            let label = filled.iter().copied().find(|c| is_label(c)).map(|c| {
                let (l, _) = split_label(c.trim());
                l.unwrap_or_default()
            });
            (rest.len() == 1).then(|| (rest[0].to_string(), label))
        }
        _ => None,
    }
}

/// Reads a title line: `None` when the line is not a table title.
fn title_line(line: &Line) -> Option<TitleLine> {
    let (text, aside_label) = title_cells(line)?;
    let text = text.trim();
    if text.ends_with('。') || text.ends_with('，') || text.ends_with(',') {
        return None;
    }
    // a contents entry with its page number
    if TRAILING_PAGE.is_match(text) && !text.ends_with('表') && !text.ends_with(')') {
        return None;
    }
    let g = grammar();
    let t = strip_numbering(text);
    let (label, t) = match split_label(t) {
        (Some(l), rest) => (Some(l), rest),
        (None, rest) => (aside_label, rest),
    };
    let t = strip_numbering(t.trim());
    let t = g.re().unit.replace_all(t, "");
    let mut title = t.trim().to_string();
    let mut label = label;
    if let Some(m) = g.re().label_tail.find(&title) {
        label = label.or_else(|| Some(m.as_str().trim().to_string()));
        title.truncate(m.start());
    }
    let title = title
        .trim()
        .trim_end_matches([':', '(', ' '])
        .trim()
        .to_string();
    let mut key = title.clone();
    for c in &g.title.continued {
        if let Some(k) = key.strip_suffix(c.as_str()) {
            key = k.to_string();
        }
    }
    let kind = match g.identify_title_labelled(&key, label.is_some())? {
        crate::grammar::TitleMatch::Standard(tg) => Kind::Standard(tg),
        crate::grammar::TitleMatch::Extra => Kind::Extra,
        crate::grammar::TitleMatch::Unknown => Kind::Unknown,
    };
    Some(TitleLine {
        label,
        title: key,
        kind,
    })
}

#[derive(Debug)]
struct Start {
    /// First line of the table (title or label, whichever comes first).
    at: usize,
    /// First line of the body.
    body: usize,
    kind: Kind,
    label: Option<String>,
    title: String,
}

/// Finds table starts: titles (with a label on a neighbouring line) and labels
/// printed without a title.
fn starts(lines: &[Line]) -> Vec<Start> {
    let single = |i: usize| -> Option<&str> {
        let l = lines.get(i)?;
        let mut it = l.filled();
        let first = it.next()?;
        it.next().is_none().then_some(first)
    };
    let label_at = |i: usize| -> Option<String> {
        let t = single(i)?;
        if !is_label(t) {
            return None;
        }
        split_label(t.trim()).0
    };
    let mut out: Vec<Start> = Vec::new();
    let mut used_labels = vec![false; lines.len()];
    let titles: Vec<Option<TitleLine>> = lines.iter().map(title_line).collect();
    for i in 0..lines.len() {
        let Some(tl) = titles[i].clone() else {
            continue;
        };
        let mut at = i;
        let mut body = i + 1;
        let mut label = tl.label.clone();
        if label.is_none() {
            for j in (i.saturating_sub(2)..i).rev() {
                if titles[j].is_some() {
                    break;
                }
                if let Some(l) = label_at(j).filter(|_| !used_labels[j]) {
                    label = Some(l);
                    used_labels[j] = true;
                    at = j;
                    break;
                }
                if lines[j].cells.len() > 1 {
                    break;
                }
            }
        }
        if label.is_none() {
            for j in i + 1..(i + 3).min(lines.len()) {
                if titles[j].is_some() {
                    break;
                }
                // a label right above the next title is that title's
                if titles.get(j + 1).is_some_and(|t| t.is_some()) {
                    break;
                }
                if let Some(l) = label_at(j).filter(|_| !used_labels[j]) {
                    label = Some(l);
                    used_labels[j] = true;
                    body = j + 1;
                    break;
                }
                if lines[j].cells.len() > 1 {
                    break;
                }
            }
        }
        out.push(Start {
            at,
            body,
            kind: tl.kind,
            label,
            title: tl.title,
        });
    }
    // labels printed with no title: the table's structure tells what it is
    for (j, used) in used_labels.iter().enumerate() {
        if *used {
            continue;
        }
        let Some(l) = label_at(j) else { continue };
        if out.iter().any(|s| s.at <= j && j < s.body) {
            continue;
        }
        out.push(Start {
            at: j,
            body: j + 1,
            kind: Kind::Unknown,
            label: Some(l.clone()),
            title: l,
        });
    }
    out.sort_by_key(|s| s.at);
    out
}

/// True for a line holding a figure (an amount, not a 栏次 number).
fn has_amount(l: &Line) -> bool {
    l.cells.len() > 1
        && l.filled().any(|c| match normalise::amount(c) {
            CellValue::Number(n) => n.scale() > 0 || c.contains(','),
            _ => false,
        })
}

/// Identifies a table by its header words and row stubs (`[structure]` in
/// `grammars/tables.toml`); `None` when no id is clearly ahead.
fn by_structure(body: &[Line]) -> Option<&'static TableGrammar> {
    let g = grammar();
    let first_amount = body.iter().position(has_amount).unwrap_or(body.len());
    let header: Vec<String> = body[..first_amount]
        .iter()
        .flat_map(|l| l.filled().map(normalise::key).collect::<Vec<_>>())
        .collect();
    let stubs: Vec<String> = body[first_amount..]
        .iter()
        .filter_map(|l| l.filled().next().map(normalise::key))
        .collect();
    let mut scores: Vec<(&str, u32)> = Vec::new();
    for clue in &g.structure.clues {
        let hit = clue
            .header
            .iter()
            .any(|w| header.iter().any(|h| h.contains(w.as_str())))
            || clue
                .rows
                .iter()
                .any(|w| stubs.iter().any(|s| s.contains(w.as_str())));
        if hit {
            match scores.iter_mut().find(|(id, _)| *id == clue.id) {
                Some(s) => s.1 += clue.weight,
                None => scores.push((clue.id.as_str(), clue.weight)),
            }
        }
    }
    scores.sort_by_key(|s| std::cmp::Reverse(s.1));
    match scores.as_slice() {
        [(id, s), rest @ ..]
            if *s >= g.structure.min_score && rest.first().is_none_or(|r| r.1 < *s) =>
        {
            g.table(id)
        }
        _ => None,
    }
}

/// How many single-cell lines (unit, department, notes) may stand between a
/// title and its table's first row.
const MAX_LINES_BEFORE_ROWS: usize = 5;

/// How many lines of one cell a broken multi-row header may print between a
/// title and its first row, where no prose stands among them.
const MAX_HEADER_LINES: usize = 15;

/// Cuts a normalised document into tables, prose and the rest.
pub fn segment(doc: &Doc) -> Segmented {
    let lines = &doc.lines;
    let g = grammar();
    let mut seg = Segmented::default();
    let starts = starts(lines);
    let mut blocks: Vec<(usize, Block)> = Vec::new();
    for (k, s) in starts.iter().enumerate() {
        let next = starts.get(k + 1).map(|n| n.at).unwrap_or(lines.len());
        // (a numbered heading among the lines over the table's first row,
        // its rows right under it, is the table's own section: `一、政府采购
        // 情况` over `项目 行次 统计数` in 部门决算公开相关信息统计表; a
        // heading of prose, `…情况说明`, never is)
        let opens_rows = |k: usize| {
            let prose = g
                .document
                .heading_ends
                .iter()
                .any(|e| lines[k].joined().ends_with(e.as_str()));
            k - s.body < MAX_LINES_BEFORE_ROWS
                && !prose
                && !lines[s.body..k].iter().any(|l| l.cells.len() > 1)
                && lines
                    .get(k + 1)
                    .is_some_and(|l| k + 1 < next && l.cells.len() > 1 && l.filled().count() > 1)
        };
        let mut end = s.body;
        while end < next
            && !is_part_heading(&lines[end])
            && (!is_section_heading(&lines[end]) || opens_rows(end))
        {
            end += 1;
        }
        let body = &lines[s.body.min(end)..end];
        let first_row = body
            .iter()
            .position(|l| l.cells.len() > 1 && l.filled().count() > 1);
        let empty_marked = body.iter().any(|l| g.is_empty_marker(&l.joined()));
        // the table's first row follows its title closely: before any prose
        // (a header broken into lines of one cell may stand between them)
        let prose_before = |r: usize| {
            body[..r].iter().any(|l| {
                let t = l.joined();
                t.contains('。') || t.chars().count() > 40
            })
        };
        let has_rows = first_row.is_some_and(|r| {
            r <= MAX_LINES_BEFORE_ROWS || (r <= MAX_HEADER_LINES && !prose_before(r))
        });
        if !(has_rows || empty_marked && body.len() <= MAX_LINES_BEFORE_ROWS + 2) {
            continue; // a contents entry or a mention, not a table
        }
        // figures other than zero (a 合计 row of 0.00 under the note is no data)
        let figures = body.iter().any(|l| {
            has_amount(l)
                && l.filled()
                    .any(|c| matches!(normalise::amount(c), CellValue::Number(n) if !n.is_zero()))
        });
        let empty = empty_marked && !figures;
        if empty_marked && figures {
            seg.warnings.push(format!(
                "table {:?} says it has no data but prints figures; the figures are kept",
                s.title
            ));
        }
        // the unit is printed on the title's line or within the lines after it
        // (`单位:万元`, or a bare `万元` closing the line under the title)
        let unit = lines[s.at..end.min(s.body + 12)]
            .iter()
            .flat_map(|l| l.cells.iter())
            .find_map(|t| unit_in(t))
            .or_else(|| {
                lines[s.body.min(end)..end.min(s.body + 2)]
                    .iter()
                    .filter(|l| l.filled().count() <= 3 && l.joined().chars().count() <= 40)
                    .find_map(|l| {
                        let t = l.joined();
                        g.document
                            .units
                            .iter()
                            .find(|u| t.ends_with(u.as_str()))
                            .cloned()
                    })
            });
        // the pages the title and the table's rows are printed on
        let mut pages: Vec<u32> = lines[s.at..end]
            .iter()
            .enumerate()
            .filter(|(k, l)| *k == 0 || l.cells.len() > 1 || g.is_empty_marker(&l.joined()))
            .map(|(_, l)| l.page)
            .filter(|p| *p > 0)
            .collect();
        pages.sort_unstable();
        pages.dedup();
        let (grammar, identified_by) = match s.kind {
            Kind::Standard(tg) => (Some(tg), "title"),
            Kind::Extra => (None, "title"),
            Kind::Unknown => match by_structure(body) {
                Some(tg) => (Some(tg), "structure"),
                None => (None, "none"),
            },
        };
        blocks.push((
            end,
            Block {
                grammar,
                label: s.label.clone(),
                title: s.title.clone(),
                unit,
                pages,
                empty,
                lines: body.to_vec(),
                at: s.at,
                identified_by,
            },
        ));
    }
    // the same table twice in a row: a continuation with a repeated title
    // joins the first
    let mut merged: Vec<(usize, Block)> = Vec::new();
    for (end, b) in blocks {
        if let Some(last) = merged.last_mut() {
            let same = match (last.1.grammar, b.grammar) {
                (Some(x), Some(y)) => x.id == y.id,
                // an extra table continues under its title when it repeats the
                // column header (forms printed one per page under one title,
                // a project's 绩效目标表 each, are separate tables)
                (None, None) => {
                    let head = |bl: &Block| {
                        bl.lines
                            .iter()
                            .find(|l| l.filled().count() > 1)
                            .map(|l| l.cells.clone())
                    };
                    title_key(&last.1.title) == title_key(&b.title)
                        && head(&last.1) == head(&b)
                        && head(&b)
                            .is_some_and(|h| h.iter().filter(|c| !c.trim().is_empty()).count() >= 4)
                }
                _ => false,
            };
            if same {
                last.1.lines.extend(b.lines);
                last.1.pages.extend(b.pages);
                last.1.pages.sort_unstable();
                last.1.pages.dedup();
                last.1.empty &= b.empty;
                last.0 = end;
                continue;
            }
        }
        if let Some(id) = b.id() {
            // a title listed without figures (a 报表目录 entry) gives way to
            // the table printed later under it
            let figures = |bl: &Block| {
                bl.lines.iter().any(|l| {
                    l.filled()
                        .any(|c| matches!(normalise::amount(c), normalise::CellValue::Number(_)))
                })
            };
            if let Some(k) = merged
                .iter()
                .position(|m| m.1.id() == Some(id) && !figures(&m.1) && !m.1.empty)
                .filter(|_| figures(&b))
            {
                let old = merged.remove(k);
                seg.warnings.push(format!(
                    "table {id}: a title without figures ({:?}, line {}) is not the table; the one printed at line {} is",
                    old.1.title,
                    old.1.at + 1,
                    b.at + 1
                ));
                merged.push((end, b));
                continue;
            }
            if merged.iter().any(|m| m.1.id() == Some(id)) {
                seg.warnings.push(format!(
                    "table {id} printed twice; the second copy ({:?}, line {}) is ignored",
                    b.title,
                    b.at + 1
                ));
                continue;
            }
        }
        merged.push((end, b));
    }
    let first = merged.first().map(|m| m.1.at).unwrap_or(lines.len());
    // the prose follows the standard tables; tables printed after it (an
    // annex's) are kept as tables but do not move it
    let last_end = merged
        .iter()
        .rev()
        .find(|m| m.1.grammar.is_some())
        .or(merged.last())
        .map(|m| m.0)
        .unwrap_or(0);
    seg.front = lines[..first].to_vec();
    // the prose part: the part heading after the tables that is about 说明/情况
    let after = &lines[last_end.min(lines.len())..];
    let mut prose_start = None;
    let mut prose_end = after.len();
    for (i, l) in after.iter().enumerate() {
        if is_part_heading(l) {
            let t = l.joined();
            if prose_start.is_none() && g.document.prose_part.iter().any(|w| t.contains(w.as_str()))
            {
                prose_start = Some(i + 1);
            } else if prose_start.is_some() {
                prose_end = i;
                break;
            }
        }
    }
    match prose_start {
        Some(p) => {
            seg.narrative = after[p..prose_end].to_vec();
            seg.rest = after[..p]
                .iter()
                .chain(after[prose_end..].iter())
                .cloned()
                .collect();
        }
        None => {
            // no part headings: prose runs up to the glossary or annex
            let end = after
                .iter()
                .position(|l| {
                    let t = l.joined();
                    l.filled().count() == 1
                        && (g.document.prose_end.iter().any(|w| t.contains(w.as_str()))
                            || g.document
                                .prose_end_starts
                                .iter()
                                .any(|w| t.starts_with(w.as_str())))
                })
                .unwrap_or(after.len());
            // budget reports explain themselves before the tables (部门预算编制说明)
            let explained = seg
                .front
                .iter()
                .rposition(|l| {
                    is_section_heading(l)
                        && g.document
                            .prose_part
                            .first()
                            .is_some_and(|w| l.joined().contains(w.as_str()))
                })
                .map(|i| seg.front[i..].to_vec())
                .unwrap_or_default();
            seg.narrative = explained
                .into_iter()
                .chain(after[..end].iter().cloned())
                .collect();
            seg.rest = after[end..].to_vec();
        }
    }
    seg.tables = merged.into_iter().map(|m| m.1).collect();
    seg
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalise;

    fn doc(text: &str) -> Doc {
        normalise::doc(crate::ingest::text::read_text(text))
    }

    fn ids(s: &Segmented) -> Vec<&str> {
        s.tables.iter().map(|b| b.id().unwrap_or("extra")).collect()
    }

    #[test]
    fn numbers() {
        assert_eq!(chinese_number("十二"), Some(12));
        assert_eq!(chinese_number("二十三"), Some(23));
        assert_eq!(strip_numbering("一、一般公共服务支出"), "一般公共服务支出");
        assert_eq!(strip_numbering("(一)行政单位"), "行政单位");
        assert_eq!(strip_numbering("3. 机要通信用车"), "机要通信用车");
        assert_eq!(strip_numbering("2080501"), "2080501");
    }

    #[test]
    fn labels() {
        assert_eq!(split_label("公开02表").0.as_deref(), Some("公开02表"));
        assert_eq!(split_label("表三").0.as_deref(), Some("表三"));
        assert_eq!(
            split_label("表5:2026年市级部门一般公共预算支出预算表"),
            (
                Some("表5".to_string()),
                "2026年市级部门一般公共预算支出预算表"
            )
        );
        assert_eq!(
            split_label("预算01表收支总表"),
            (Some("预算01表".to_string()), "收支总表")
        );
        assert_eq!(split_label("收支总表").0, None);
    }

    #[test]
    fn tables_by_title_and_split_label() {
        let d = doc("目录\n一、收入决算表\t5\n## 收入决算表\n公开02\n表\n金额单位：万元\n项目\t\t合计\n合计\t\t1.00\n## 支出决算表\n公开03表\n项目\t合计\n合计\t2.00\n");
        let s = segment(&d);
        assert_eq!(ids(&s), vec!["income", "expenditure"]);
        assert_eq!(s.tables[0].label.as_deref(), Some("公开02表"));
        assert_eq!(s.tables[0].unit.as_deref(), Some("万元"));
        assert_eq!(s.tables[0].title, "收入决算表");
        assert_eq!(s.tables[0].lines.len(), 3);
    }

    #[test]
    fn title_sharing_a_row_with_its_label_and_unit() {
        let d = doc("收入决算表\t公开02表\t单位：万元\n项目\t合计\n合计\t1.00\n");
        let s = segment(&d);
        assert_eq!(ids(&s), vec!["income"]);
        assert_eq!(s.tables[0].label.as_deref(), Some("公开02表"));
        assert_eq!(s.tables[0].title, "收入决算表");
        assert_eq!(s.tables[0].unit.as_deref(), Some("万元"));
    }

    #[test]
    fn contents_entries_are_not_tables() {
        let d = doc("一、收入决算表\n二、支出决算表\n收入决算表\n项目\t合计\n合计\t1\n");
        let s = segment(&d);
        assert_eq!(ids(&s), vec!["income"]);
    }

    #[test]
    fn a_printed_title_beats_the_label_number() {
        // Jiangsu: 公开07表 is the general-budget table, not the government fund
        let d = doc("公开07表\n一般公共预算支出表\n科目编码\t科目名称\t合计\n合计\t\t1.00\n公开10表\n政府性基金预算支出表\n科目编码\t科目名称\t合计\n合计\t\t\n注:本表无数据\n");
        let s = segment(&d);
        assert_eq!(
            ids(&s),
            vec!["general_budget_expenditure", "government_fund"]
        );
        assert_eq!(s.tables[0].label.as_deref(), Some("公开07表"));
        assert!(s.tables[1].empty);
    }

    #[test]
    fn unknown_title_identified_by_structure_or_kept_as_extra() {
        let d = doc("公开09表\n某某表\n合计\t因公出国(境)费\t公务接待费\n1.00\t\t1.00\n附表3\n某某资金情况表\n项目\t甲\t乙\n合计\t1.00\t2.00\n");
        let s = segment(&d);
        assert_eq!(ids(&s), vec!["three_public", "extra"]);
        assert_eq!(s.tables[0].identified_by, "structure");
        assert_eq!(s.tables[1].title, "某某资金情况表");
        assert_eq!(s.tables[1].label.as_deref(), Some("附表3"));
    }

    #[test]
    fn tables_outside_the_catalogue_are_kept_apart() {
        let d = doc("2026年政府采购预算明细表\n单位:万元\n项目\t金额\n合计\t1.00\n2026年一般公共预算“三公”经费支出情况表\n合计\t公务接待费\n1.00\t1.00\n");
        let s = segment(&d);
        assert_eq!(ids(&s), vec!["extra", "three_public"]);
    }

    #[test]
    fn a_new_title_ends_the_table_before_it() {
        let d = doc("西南大学支出预算表\n科目编码\t科目名称\t合计\n合计\t\t3.00\n西南大学财政拨款支出预算表\n科目编码\t科目名称\t合计\n合计\t\t2.00\n");
        let s = segment(&d);
        assert_eq!(ids(&s), vec!["expenditure", "extra"]);
        assert_eq!(s.tables[0].lines.len(), 2);
    }

    #[test]
    fn other_regions_key_by_meaning_not_number() {
        // Shanghai prints 三公 as table seven
        let d = doc("表七\n财政拨款“三公”经费支出决算表\n合计\t因公出国(境)费\n1.00\t\n");
        let s = segment(&d);
        assert_eq!(ids(&s), vec!["three_public"]);
        assert_eq!(s.tables[0].label.as_deref(), Some("表七"));
    }

    #[test]
    fn empty_marker_and_prose_part() {
        let d = doc("国有资本经营预算财政拨款支出决算表\n说明：本表无数据\n第三部分 情况说明\n一、总体情况\n收入总计1.00万元。\n第四部分 名词解释\n一、财政拨款收入：x\n");
        let s = segment(&d);
        assert!(s.tables[0].empty);
        assert_eq!(s.narrative.len(), 2);
        assert_eq!(s.rest.len(), 3);
    }

    #[test]
    fn figures_printed_under_an_empty_note_win() {
        let d = doc("财政拨款“三公”经费支出决算表\n合计\t公务接待费\n1.00\t1.00\n注:本表为空表\n");
        let s = segment(&d);
        assert!(!s.tables[0].empty);
        assert_eq!(s.warnings.len(), 1);
    }
    #[test]
    fn a_numbered_heading_over_the_first_rows_is_the_table_s_own() {
        // the sample's 统计表 in narrow columns without rulings: its section
        // heading printed alone over the header, the rows right under it
        let d = doc("部门决算公开相关信息统计表\n公开10表\n金额单位:万元\n一、政府采购情况\n项目\t行次\t统计数\n合计\t1\t700.00\n货物\t2\t\n注:本表反映部门本年度政府采购情况。\n一、收入支出决算总体情况说明\n收入总计5307.63万元。\n");
        let s = segment(&d);
        assert_eq!(ids(&s), ["disclosure_stats"]);
        assert!(s.tables[0]
            .lines
            .iter()
            .any(|l| l.joined().starts_with("合计")));
        // a heading of prose right under a title ends it as before
        let d = doc("部门决算公开相关信息统计表\n一、收入支出决算总体情况说明\n收入总计\t5307.63万元\t增长\n");
        assert!(segment(&d).tables.is_empty());
    }
}
