//! Segment: a normalised [`Doc`] → the report's tables (each a block of lines
//! keyed by meaning), its prose part and the rest.
//!
//! A table starts at its title (matched against `grammars/tables.toml`, longest
//! title wins) or at its label (公开NN表) when the title is missing, and runs to
//! the next table, the next part heading (第X部分) or the end. A candidate with
//! no table row in it is a table-of-contents entry and is dropped.

use std::sync::LazyLock;

use regex::Regex;

use crate::doc::{Doc, Line};
use crate::grammar::{grammar, TableGrammar};

/// One table's lines, with what was learned about it while segmenting.
#[derive(Debug, Clone)]
pub struct Block {
    /// Grammar of the table (its id and layout).
    pub grammar: &'static TableGrammar,
    /// Printed label (`公开02表`), if any.
    pub label: Option<String>,
    /// Printed title (the table's own title, or the label when none is printed).
    pub title: String,
    /// `万元`/`元` from the unit line.
    pub unit: Option<String>,
    /// Pages the block spans (empty for text input).
    pub pages: Vec<u32>,
    /// True when a line of the block marks the table as having no data.
    pub empty: bool,
    /// The lines after the title and label.
    pub lines: Vec<Line>,
}

/// A report cut into its parts.
#[derive(Debug, Clone, Default)]
pub struct Segmented {
    /// Lines before the first table (cover, contents, overview).
    pub front: Vec<Line>,
    /// Tables in printed order.
    pub tables: Vec<Block>,
    /// The prose part (情况说明).
    pub narrative: Vec<Line>,
    /// Everything after the tables that is not the prose part (glossary, annexes).
    pub rest: Vec<Line>,
    /// Problems seen while segmenting.
    pub warnings: Vec<String>,
}

static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:部门)?(公开|附表|表)[ \t]*([0-9]{1,2}|[一二三四五六七八九十]{1,3})(?:-[0-9]+)?[ \t]*(表?)[ \t]*$",
    )
    .unwrap()
});
static LABEL_IN_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(公开[0-9]{1,2}表|附表[0-9]{1,2})").unwrap());
static PART: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^第[一二三四五六七八九十]+部分").unwrap());
static SECTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[一二三四五六七八九十]{1,3}、").unwrap());
static UNIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"单位[ \t]*[:：]?[ \t]*(万元|元)").unwrap());
static NUMBERING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[一二三四五六七八九十]+[、.]|\(?[一二三四五六七八九十]+\)|\([0-9]{1,2}\)|[0-9]{1,2}[.、])[ \t]*").unwrap()
});
static TRAILING_PAGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:\.{3,}|…+|[ \t])[ \t]*-?[ \t]*[0-9]{1,3}[ \t]*-?$").unwrap());

/// The number in a label (`公开02表` → 2, `表三` → 3).
fn label_number(s: &str) -> Option<u32> {
    let caps = LABEL.captures(s)?;
    let n = &caps[2];
    n.parse().ok().or_else(|| chinese_number(n))
}

/// 一…九十九 → 1…99.
pub fn chinese_number(s: &str) -> Option<u32> {
    let digit = |c: char| "一二三四五六七八九".find(c).map(|i| (i / 3) as u32 + 1);
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        ['十', d] => Some(10 + digit(*d)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', d] => Some(digit(*t)? * 10 + digit(*d)?),
        [d] => digit(*d),
        _ => None,
    }
}

/// Removes a leading numbering (`一、`, `(二)`, `3.`) from an item text.
pub fn strip_numbering(s: &str) -> &str {
    match NUMBERING.find(s) {
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
    UNIT.captures(s).map(|c| c[1].to_string())
}

/// True for a prose section heading on a line of its own (`六、其他相关情况说明`):
/// it ends a table even where the report has no part headings.
pub fn is_section_heading(line: &Line) -> bool {
    let mut it = line.filled();
    match (it.next(), it.next()) {
        (Some(t), None) if line.cells.len() == 1 => {
            let short = t.chars().count() <= 40 && !t.ends_with('。');
            // 六、其他相关情况说明, or the same heading printed without its number
            let unnumbered = (t.ends_with("情况说明") || t.ends_with("编制说明"))
                && strip_numbering(t).len() == t.len();
            short && (SECTION.is_match(t) || unnumbered)
        }
        _ => false,
    }
}

/// True for a part heading (`第三部分 情况说明`).
pub fn is_part_heading(line: &Line) -> bool {
    line.filled().count() == 1 && PART.is_match(line.filled().next().unwrap_or(""))
}

/// The text of a line that may be a title: a line of one cell, or a table
/// row whose other cells only say its label, unit, department or year
/// (`收入支出决算总表 | 公开01表 | 单位:万元`).
fn title_text_of(line: &Line) -> Option<String> {
    let filled: Vec<&str> = line.filled().collect();
    match filled.len() {
        0 => None,
        1 => Some(filled[0].to_string()),
        2..=4 => {
            let words = &grammar().words;
            let aside = |c: &str| {
                LABEL.is_match(c)
                    || UNIT.is_match(c)
                    || words.is_meta(c)
                    || (c.ends_with("年度") && c.chars().count() <= 8)
            };
            let rest: Vec<&str> = filled.iter().copied().filter(|c| !aside(c)).collect();
            let labels: String = filled
                .iter()
                .copied()
                .filter(|c| LABEL.is_match(c))
                .collect();
            (rest.len() == 1).then(|| format!("{}{labels}", rest[0]))
        }
        _ => None,
    }
}

#[derive(Debug)]
struct Start {
    /// First line of the table (title or label, whichever comes first).
    at: usize,
    /// First line of the body.
    body: usize,
    grammar: &'static TableGrammar,
    label: Option<String>,
    title: String,
}

/// Finds table starts: titles (with a label on a neighbouring line) and labels
/// without a known title.
fn starts(lines: &[Line]) -> Vec<Start> {
    let g = grammar();
    let single = |i: usize| -> Option<&str> {
        let l = lines.get(i)?;
        let mut it = l.filled();
        let first = it.next()?;
        it.next().is_none().then_some(first)
    };
    let label_at = |i: usize| -> Option<String> {
        let t = single(i)?;
        LABEL.is_match(t).then(|| t.replace(' ', "")).map(|t| {
            if t.ends_with('表') || !t.starts_with("公开") {
                t
            } else {
                format!("{t}表")
            }
        })
    };
    let mut out: Vec<Start> = Vec::new();
    let mut used_labels = vec![false; lines.len()];
    for i in 0..lines.len() {
        let Some(text) = title_text_of(&lines[i]) else {
            continue;
        };
        let text = text.as_str();
        if TRAILING_PAGE.is_match(text) && !text.ends_with('表') {
            continue; // a contents entry with its page number
        }
        let label_inline = LABEL_IN_LINE.find(text).map(|m| m.as_str().to_string());
        let bare = LABEL_IN_LINE.replace_all(text, "");
        let bare = UNIT.replace_all(&bare, "");
        let bare = bare.trim_end_matches(['(', ')', ' ', ':']);
        let bare = strip_numbering(bare.trim());
        let Some((tg, n)) = g.match_title(bare) else {
            continue;
        };
        // a title line is the title plus at most a department/year prefix
        if bare.chars().count() > n + 40 {
            continue;
        }
        let mut at = i;
        let mut body = i + 1;
        let mut label = label_inline;
        if label.is_none() {
            for j in (i.saturating_sub(3)..i).rev() {
                if let Some(l) = label_at(j).filter(|_| !used_labels[j]) {
                    label = Some(l);
                    used_labels[j] = true;
                    at = j;
                    break;
                }
            }
        }
        if label.is_none() {
            for j in i + 1..(i + 4).min(lines.len()) {
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
            grammar: tg,
            label,
            title: text.to_string(),
        });
    }
    // labels with no title we know: fall back to the usual numbering
    for (j, used) in used_labels.iter().enumerate() {
        if *used {
            continue;
        }
        let Some(l) = label_at(j) else { continue };
        if !l.starts_with("公开") {
            continue;
        }
        if out.iter().any(|s| s.at <= j && j < s.body) {
            continue;
        }
        if let Some(tg) = label_number(&l).and_then(|n| g.by_number(n)) {
            out.push(Start {
                at: j,
                body: j + 1,
                grammar: tg,
                label: Some(l.clone()),
                title: l,
            });
        }
    }
    out.sort_by_key(|s| s.at);
    out
}

/// Cuts a normalised document into tables, prose and the rest.
pub fn segment(doc: &Doc) -> Segmented {
    let lines = &doc.lines;
    let g = grammar();
    let mut seg = Segmented::default();
    let starts = starts(lines);
    let mut blocks: Vec<(usize, usize, Block)> = Vec::new();
    for (k, s) in starts.iter().enumerate() {
        let next = starts.get(k + 1).map(|n| n.at).unwrap_or(lines.len());
        let mut end = s.body;
        while end < next && !is_part_heading(&lines[end]) && !is_section_heading(&lines[end]) {
            end += 1;
        }
        let body = &lines[s.body.min(end)..end];
        let has_rows = body
            .iter()
            .any(|l| l.cells.len() > 1 && l.filled().count() > 1);
        let empty = body.iter().any(|l| g.is_empty_marker(&l.joined()));
        if !has_rows && !empty {
            continue; // a contents entry or a mention, not a table
        }
        // the unit is printed on the title's line or within the lines after it
        let unit = lines[s.at..end.min(s.body + 12)]
            .iter()
            .flat_map(|l| l.cells.iter())
            .find_map(|t| unit_in(t));
        // the pages the title and the table's rows are printed on
        let mut pages: Vec<u32> = lines[s.at..end]
            .iter()
            .enumerate()
            .filter(|(k, l)| *k == 0 || l.cells.len() > 1 || g.is_empty_marker(&l.joined()))
            .map(|(_, l)| l.page)
            .filter(|p| *p > 0)
            .collect();
        pages.dedup();
        pages.sort_unstable();
        pages.dedup();
        let title = title_text(&s.title);
        blocks.push((
            s.at,
            end,
            Block {
                grammar: s.grammar,
                label: s.label.clone(),
                title,
                unit,
                pages,
                empty,
                lines: body.to_vec(),
            },
        ));
    }
    // the same table twice: a continuation with a repeated title joins the first
    let mut merged: Vec<(usize, usize, Block)> = Vec::new();
    for (at, end, b) in blocks {
        if let Some(last) = merged.last_mut() {
            if last.2.grammar.id == b.grammar.id {
                last.2.lines.extend(b.lines);
                last.2.pages.extend(b.pages);
                last.2.pages.dedup();
                last.2.empty |= b.empty;
                last.1 = end;
                continue;
            }
        }
        if merged.iter().any(|m| m.2.grammar.id == b.grammar.id) {
            seg.warnings.push(format!(
                "table {} printed twice; the second copy (line {}) is ignored",
                b.grammar.id,
                at + 1
            ));
            continue;
        }
        merged.push((at, end, b));
    }
    let first = merged.first().map(|m| m.0).unwrap_or(lines.len());
    let last_end = merged.last().map(|m| m.1).unwrap_or(0);
    seg.front = lines[..first].to_vec();
    // the prose part: the part heading after the tables that is about 说明/情况
    let after = &lines[last_end.min(lines.len())..];
    let mut prose_start = None;
    let mut prose_end = after.len();
    for (i, l) in after.iter().enumerate() {
        if is_part_heading(l) {
            let t = l.joined();
            if prose_start.is_none() && (t.contains("说明") || t.contains("情况")) {
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
                    l.filled().count() == 1 && (t.contains("名词解释") || t.starts_with("附件"))
                })
                .unwrap_or(after.len());
            // budget reports explain themselves before the tables (部门预算编制说明)
            let explained = seg
                .front
                .iter()
                .rposition(|l| is_section_heading(l) && l.joined().contains("说明"))
                .map(|i| seg.front[i..].to_vec())
                .unwrap_or_default();
            seg.narrative = explained
                .into_iter()
                .chain(after[..end].iter().cloned())
                .collect();
            seg.rest = after[end..].to_vec();
        }
    }
    seg.tables = merged.into_iter().map(|m| m.2).collect();
    seg
}

/// The printed title without label, unit, numbering and markup.
fn title_text(s: &str) -> String {
    let t = LABEL_IN_LINE.replace_all(s, "");
    let t = UNIT.replace_all(&t, "");
    strip_numbering(t.trim().trim_end_matches(['(', ')', ':', ' ']))
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalise;

    fn doc(text: &str) -> Doc {
        normalise::doc(crate::ingest::text::read_text(text))
    }

    #[test]
    fn numbers() {
        assert_eq!(chinese_number("十二"), Some(12));
        assert_eq!(chinese_number("二十三"), Some(23));
        assert_eq!(label_number("公开02表"), Some(2));
        assert_eq!(label_number("表三"), Some(3));
        assert_eq!(strip_numbering("一、一般公共服务支出"), "一般公共服务支出");
        assert_eq!(strip_numbering("(一)行政单位"), "行政单位");
        assert_eq!(strip_numbering("3. 机要通信用车"), "机要通信用车");
        assert_eq!(strip_numbering("2080501"), "2080501");
    }

    #[test]
    fn tables_by_title_and_split_label() {
        let d = doc("目录\n一、收入决算表\t5\n## 收入决算表\n公开02\n表\n金额单位：万元\n项目\t\t合计\n合计\t\t1.00\n## 支出决算表\n公开03表\n项目\t合计\n合计\t2.00\n");
        let s = segment(&d);
        let ids: Vec<_> = s.tables.iter().map(|b| b.grammar.id.as_str()).collect();
        assert_eq!(ids, vec!["income", "expenditure"]);
        assert_eq!(s.tables[0].label.as_deref(), Some("公开02表"));
        assert_eq!(s.tables[0].unit.as_deref(), Some("万元"));
        assert_eq!(s.tables[0].title, "收入决算表");
        assert_eq!(s.tables[0].lines.len(), 3);
    }

    #[test]
    fn title_sharing_a_row_with_its_label_and_unit() {
        let d = doc("收入决算表\t公开02表\t单位：万元\n项目\t合计\n合计\t1.00\n");
        let s = segment(&d);
        assert_eq!(s.tables[0].grammar.id, "income");
        assert_eq!(s.tables[0].label.as_deref(), Some("公开02表"));
        assert_eq!(s.tables[0].title, "收入决算表");
        assert_eq!(s.tables[0].unit.as_deref(), Some("万元"));
    }

    #[test]
    fn contents_entries_are_not_tables() {
        let d = doc("一、收入决算表\n二、支出决算表\n收入决算表\n项目\t合计\n合计\t1\n");
        let s = segment(&d);
        assert_eq!(s.tables.len(), 1);
        assert_eq!(s.tables[0].grammar.id, "income");
    }

    #[test]
    fn label_without_known_title_uses_numbering() {
        let d = doc("公开07表\n某某基金表\n项目\t合计\n合计\t1\n");
        let s = segment(&d);
        assert_eq!(s.tables[0].grammar.id, "government_fund");
    }

    #[test]
    fn other_regions_key_by_meaning_not_number() {
        // Shanghai prints 三公 as table seven
        let d = doc("表七\n财政拨款“三公”经费支出决算表\n合计\t因公出国(境)费\n1.00\t\n");
        let s = segment(&d);
        assert_eq!(s.tables[0].grammar.id, "three_public");
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
}
