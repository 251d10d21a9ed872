//! Normalise: text as converters print it → text the parsers can trust.
//!
//! Full-width ASCII forms become ASCII, odd spaces become plain spaces and
//! disappear next to CJK characters, markup left by OCR and conversion tools is
//! removed, and numbers lose their thousand separators. Each function works on
//! one cell or one line and is linear in its input.

use rust_decimal::Decimal;
use std::str::FromStr;

use crate::doc::{Doc, Line};

/// True for characters that are written without spaces between them in Chinese
/// text: CJK ideographs, CJK and full-width punctuation.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3400..=0x4DBF |
        0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF |
        0x2018..=0x201F | 0x2014..=0x2015 | 0x2026)
}

/// Maps one character to its plain form: full-width ASCII to ASCII, every kind
/// of space to `' '`; other characters unchanged.
fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}'
        | '\u{00A0}'
        | '\u{2000}'..='\u{200A}'
        | '\u{202F}'
        | '\u{205F}'
        | '\t'
        | '\r'
        | '\n' => ' ',
        '\u{200B}' | '\u{FEFF}' | '\u{200C}' | '\u{200D}' => '\u{0}',
        '\u{2212}' | '\u{2013}' | '\u{FE63}' => '-',
        _ => c,
    }
}

/// Decodes the HTML entities converters leave behind (`&amp;`, `&nbsp;`, `&#12288;`).
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        // the `;` within the first 12 bytes: searched in bytes, since a byte
        // count may end inside a character (`R&D款项` has 款 at bytes 3..6)
        let end = tail.as_bytes()[..tail.len().min(12)]
            .iter()
            .position(|&b| b == b';');
        let decoded = end.and_then(|e| {
            let name = &tail[1..e];
            let ch = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" | "#39" => Some('\''),
                "nbsp" | "ensp" | "emsp" | "thinsp" => Some(' '),
                _ if name.starts_with("#x") || name.starts_with("#X") => {
                    u32::from_str_radix(&name[2..], 16)
                        .ok()
                        .and_then(char::from_u32)
                }
                _ if name.starts_with('#') => name[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            };
            ch.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &tail[e + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// HTML tag names that conversion tools leave inside cells and lines; only
/// these are removed as markup, so a `<` in text (`3<x<5`, `<一般>`) stays.
const TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "big",
    "blockquote",
    "br",
    "caption",
    "center",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "font",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "s",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "tt",
    "u",
    "ul",
];

/// Longest tag (with its attributes) taken as markup; a longer `<…>` is text.
const MAX_TAG: usize = 512;

/// The length in bytes of the HTML tag `s` starts with (`<b>`, `</span>`,
/// `<br/>`, `<font color="red">`), or `None` when `s` does not start with
/// one: a known tag name, then `>`, `/>`, or a space and attributes with
/// values (`name=…`) up to a `>` on the same line with no `<` before it.
fn tag_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 1;
    if b.get(i) == Some(&b'/') {
        i += 1;
    }
    let start = i;
    while b.get(i).is_some_and(u8::is_ascii_alphanumeric) {
        i += 1;
    }
    let name = &s[start..i];
    if !TAGS.iter().any(|t| t.eq_ignore_ascii_case(name)) {
        return None;
    }
    match b.get(i)? {
        b'>' => Some(i + 1),
        b'/' if b.get(i + 1) == Some(&b'>') => Some(i + 2),
        c if *c == b' ' || *c == b'\t' => {
            let rest = &b[i..b.len().min(i + MAX_TAG)];
            let end = rest.iter().position(|&c| c == b'>')?;
            let attrs = &rest[..end];
            if attrs.iter().any(|&c| matches!(c, b'<' | b'\n' | b'\r')) {
                return None;
            }
            // attributes as tools write them have values (`style="…"`);
            // `<b and c>` is more likely text than a bold tag
            let blank = attrs.iter().all(|&c| matches!(c, b' ' | b'\t' | b'/'));
            (blank || attrs.contains(&b'=')).then_some(i + end + 1)
        }
        _ => None,
    }
}

/// True when the text between two `$` is LaTeX math as OCR tools write it
/// (`\geq 10\%`, `x^{2}`): a command, a superscript or a brace group.
fn is_math(inner: &str) -> bool {
    !inner.is_empty()
        && !inner.contains(['\n', '\r'])
        && (inner.contains(['^', '{'])
            || inner
                .as_bytes()
                .windows(2)
                .any(|w| w[0] == b'\\' && (w[1].is_ascii_alphabetic() || w[1] == b'%')))
}

/// LaTeX math → text: `\geq` → `≥`, `\%` → `%`, braces and spaces dropped.
fn math_text(inner: &str, out: &mut String) {
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let mut word = String::new();
                while let Some(&n) = chars.peek() {
                    if n.is_ascii_alphabetic() {
                        word.push(n);
                        chars.next();
                    } else {
                        break;
                    }
                }
                if word.is_empty() {
                    // `\%`, `\,`, `\ `: keep the escaped character unless it is spacing.
                    if let Some(n) = chars.next() {
                        if n != ',' && n != ' ' && n != ';' {
                            out.push(n);
                        }
                    }
                } else {
                    out.push_str(match word.as_str() {
                        "geq" | "ge" | "geqslant" => "≥",
                        "leq" | "le" | "leqslant" => "≤",
                        "gt" => ">",
                        "lt" => "<",
                        "times" => "×",
                        "pm" => "±",
                        "neq" | "ne" => "≠",
                        "cdot" => "·",
                        // `\text{…}`, `\mathrm{…}`: the braces' content stays
                        _ => "",
                    });
                }
            }
            '{' | '}' | ' ' | '^' => {}
            _ => out.push(c),
        }
    }
}

/// Removes inline markup: HTML tags (`<b>`, `</span>`; `<br>` becomes a
/// space), markdown emphasis (`**`, `__`), and LaTeX math as OCR tools write
/// it (`$\geq 10\%$` → `≥10%`). Nothing else is dropped: a `<` that does not
/// open a known tag, a `$` without a closing `$` or whose span is not math,
/// and everything after them stay as they are. Linear in the input.
pub fn strip_markup(s: &str) -> String {
    if !s.contains(['<', '*', '_', '$', '\\']) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while let Some(c) = s[i..].chars().next() {
        let next = s.as_bytes().get(i + 1).copied();
        match c {
            '<' => {
                if let Some(len) = tag_len(&s[i..]) {
                    let name = s[i + 1..i + len].trim_start_matches('/');
                    if name.len() >= 2 && name[..2].eq_ignore_ascii_case("br") {
                        out.push(' ');
                    }
                    i += len;
                    continue;
                }
            }
            '*' if next == Some(b'*') => {
                i += 2;
                continue;
            }
            '_' if next == Some(b'_') => {
                i += 2;
                continue;
            }
            '$' => {
                // the span to the next `$` only: each stretch between two
                // `$` is looked at once, so many stray `$` stay linear
                if let Some(len) = s[i + 1..].find('$') {
                    let inner = &s[i + 1..i + 1 + len];
                    if is_math(inner) {
                        math_text(inner, &mut out);
                        i += len + 2;
                        continue;
                    }
                }
            }
            '\\' if next == Some(b'%') => {
                out.push('%');
                i += 2;
                continue;
            }
            _ => {}
        }
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// Folds full-width forms and odd spaces, removes spaces next to CJK
/// characters, collapses other runs of spaces and trims.
///
/// `社会保障和就业支 出` → `社会保障和就业支出`; `因公出国 (境) 费` →
/// `因公出国(境)费`; `2024 年` → `2024年`; `Word 2010` stays.
pub fn fold(s: &str) -> String {
    let chars: Vec<char> = s.chars().map(fold_char).filter(|c| *c != '\u{0}').collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == ' ' {
            let start = i;
            while i < chars.len() && chars[i] == ' ' {
                i += 1;
            }
            let before = if start == 0 {
                None
            } else {
                Some(chars[start - 1])
            };
            let after = chars.get(i).copied();
            let joins = |x: Option<char>| x.is_none_or(|c| is_cjk(c) || "()[]:;,".contains(c));
            if !(joins(before) || joins(after)) {
                out.push(' ');
            }
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// The whole cell treatment: entities, markup, folding, thousand separators
/// (`,`) inside numbers. A space between digit groups stays (`1 100.00` may
/// be two figures run together by a converter); see [`cell_in_box`].
pub fn cell(s: &str) -> String {
    let s = decode_entities(s);
    let s = strip_markup(&s);
    let s = fold(&s);
    drop_thousand_separators(&s)
}

/// [`cell`] for a cell whose box on the page is known (PDF input): the
/// geometry says its text is one cell, so spaces between digit groups are
/// thousand separators too (`1 234.56` → `1234.56`).
pub fn cell_in_box(s: &str) -> String {
    drop_digit_group_spaces(&cell(s))
}

/// A line of prose or a heading: [`cell`] plus markdown heading and list marks.
pub fn line_text(s: &str) -> String {
    let t = s.trim_start();
    let t = t.trim_start_matches('#').trim_start();
    let t = t
        .strip_prefix("- ")
        .or_else(|| t.strip_prefix("* "))
        .or_else(|| t.strip_prefix("> "))
        .unwrap_or(t);
    cell(t)
}

/// Removes `,` between digit groups (`5,307.63` → `5307.63`); commas
/// elsewhere (`1,2`, `0.123,4`) stay.
pub fn drop_thousand_separators(s: &str) -> String {
    drop_group_separators(s, ',')
}

/// Removes spaces between digit groups (`1 234 567.00` → `1234567.00`).
fn drop_digit_group_spaces(s: &str) -> String {
    drop_group_separators(s, ' ')
}

/// Drops `sep` where it separates digit groups: 1–3 digits (not after a
/// decimal point) before it, exactly three digits after it.
fn drop_group_separators(s: &str, sep: char) -> String {
    if !s.contains(sep) {
        return s.to_string();
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    // length of the run of digits ending just before the current character,
    // and whether a `.` precedes that run
    let mut run = 0usize;
    let mut after_point = false;
    for (i, &c) in chars.iter().enumerate() {
        if c == sep && run > 0 {
            // exactly three digits follow, then a non-digit
            let three = chars
                .get(i + 1..i + 4)
                .is_some_and(|w| w.iter().all(|d| d.is_ascii_digit()))
                && !chars.get(i + 4).is_some_and(|d| d.is_ascii_digit());
            if three && run <= 3 && !after_point {
                // the next group continues the same number
                run = 0;
                continue;
            }
        }
        if c.is_ascii_digit() {
            if run == 0 {
                after_point = i > 0 && chars[i - 1] == '.';
            }
            run += 1;
        } else {
            run = 0;
        }
        out.push(c);
    }
    out
}

/// What a cell holds once read as an amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellValue {
    /// Blank or a placeholder (`——`, `-`, `/`): no value.
    Blank,
    /// A number as printed.
    Number(Decimal),
    /// Text that is not a number.
    Text,
}

/// True for placeholders that mean "no value".
pub fn is_placeholder(s: &str) -> bool {
    let t = s.trim();
    t.is_empty()
        || t.chars().all(|c| matches!(c, '-' | '—' | '–' | '/' | '─' | '_' | '一' | '…')) && t.chars().count() <= 6
        // an ellipsis row in a template: "……", "..."
        || t.len() >= 2 && t.chars().all(|c| c == '.' || c == '…')
}

/// Reads a cell as an amount. Thousand separators (`,` between digit
/// groups) are dropped; a space inside is text (normalising a cell with a
/// known box has already joined digit groups); placeholders are blank;
/// `0.00` keeps its scale.
pub fn amount(s: &str) -> CellValue {
    let t = s.trim();
    if t.is_empty() {
        return CellValue::Blank;
    }
    if t != "一" && is_placeholder(t) {
        return CellValue::Blank;
    }
    // separators only where they separate digit groups: `1,2` is not 12, and
    // `1 100.00` (two figures run together?) is text, for the parser to warn of
    let compact = drop_thousand_separators(t);
    let body = compact.strip_prefix('-').unwrap_or(&compact);
    let valid = !body.is_empty()
        && body.chars().all(|c| c.is_ascii_digit() || c == '.')
        && body.chars().filter(|c| *c == '.').count() <= 1
        && body.chars().next().is_some_and(|c| c.is_ascii_digit())
        && !body.ends_with('.');
    if !valid {
        return CellValue::Text;
    }
    match Decimal::from_str(&compact) {
        Ok(d) => CellValue::Number(d),
        Err(_) => CellValue::Text,
    }
}

/// Key form for matching labels: no quotes, brackets folded, no spaces.
pub fn key(s: &str) -> String {
    s.chars()
        .filter(|c| {
            !matches!(
                c,
                '"' | '\'' | '“' | '”' | '‘' | '’' | '「' | '」' | '《' | '》' | ' ' | '*'
            )
        })
        .collect()
}

/// A ruling drawn with characters (`-----`, `|:--|`) in every filled cell.
fn is_rule(l: &Line) -> bool {
    l.filled().any(|c| c.len() >= 3)
        && l.filled().all(|c| {
            c.chars()
                .all(|ch| matches!(ch, '-' | ':' | '=' | '—' | '|' | '+'))
        })
}

/// Normalises every cell of a document, drops lines left blank, and rejoins a
/// label split from its word (`公开02` / `表` → `公开02表`).
pub fn doc(mut d: Doc) -> Doc {
    let mut lines: Vec<Line> = Vec::with_capacity(d.lines.len());
    for mut l in d.lines.drain(..) {
        if l.cells.len() == 1 {
            l.cells[0] = line_text(&l.cells[0]);
        } else {
            for (i, c) in l.cells.iter_mut().enumerate() {
                *c = if l.boxes.get(i).is_some_and(Option::is_some) {
                    cell_in_box(c)
                } else {
                    cell(c)
                };
                // a template's ellipsis row ("……") holds nothing
                if c.len() >= 2 && c.chars().all(|ch| ch == '.' || ch == '…') {
                    c.clear();
                }
            }
        }
        if l.is_blank() || is_rule(&l) {
            continue;
        }
        if d.ocr_pages.contains(&l.page) {
            let fixes = &crate::grammar::grammar().document.ocr_misreadings;
            for c in l.cells.iter_mut() {
                for (wrong, right) in fixes {
                    if c.contains(wrong.as_str()) {
                        *c = c.replace(wrong.as_str(), right);
                    }
                }
            }
        }
        if l.cells.len() == 1 && l.cells[0] == "表" {
            if let Some(prev) = lines.last_mut() {
                let p = &prev.cells;
                if p.len() == 1
                    && p[0].starts_with("公开")
                    && p[0].ends_with(|c: char| c.is_ascii_digit())
                {
                    prev.cells[0].push('表');
                    continue;
                }
            }
        }
        lines.push(l);
    }
    d.lines = lines;
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_split_from_its_word_is_rejoined() {
        let d = doc(Doc {
            pages: None,
            lines: vec![
                Line::new(0, vec!["公开02".into()]),
                Line::new(0, vec!["表".into()]),
            ],
            warnings: vec![],
            ocr_pages: vec![],
        });
        assert_eq!(d.lines.len(), 1);
        assert_eq!(d.lines[0].cells[0], "公开02表");
    }

    #[test]
    fn ocr_misreadings_are_put_right_on_ocr_pages_only() {
        // hrss's 收入总表 scanned: 入 read as 人 in a header
        let cells = || vec!["事业单位经营收人".to_string(), "其他收入".to_string()];
        let d = doc(Doc {
            pages: None,
            lines: vec![Line::new(1, cells()), Line::new(2, cells())],
            warnings: vec![],
            ocr_pages: vec![1],
        });
        assert_eq!(d.lines[0].cells[0], "事业单位经营收入");
        assert_eq!(d.lines[1].cells[0], "事业单位经营收人");
        // xian-audit's 三公 table in 6-point type scanned: 计 read as 柑
        let d = doc(Doc {
            pages: None,
            lines: vec![Line::new(
                1,
                vec!["小柑".to_string(), "公务接待费".to_string()],
            )],
            warnings: vec![],
            ocr_pages: vec![1],
        });
        assert_eq!(d.lines[0].cells[0], "小计");
    }

    fn d(s: &str) -> CellValue {
        CellValue::Number(Decimal::from_str(s).unwrap())
    }

    #[test]
    fn full_width_digits_letters_punctuation() {
        assert_eq!(cell("１２３．４５"), "123.45");
        assert_eq!(cell("（一）行政单位"), "(一)行政单位");
        assert_eq!(cell("金额单位：万元"), "金额单位:万元");
        assert_eq!(cell("ＡＢＣ"), "ABC");
    }

    #[test]
    fn odd_spaces_removed_between_cjk() {
        assert_eq!(cell("社会保障和就业支 出"), "社会保障和就业支出");
        assert_eq!(cell("上缴 上级 支出"), "上缴上级支出");
        assert_eq!(cell("因公出国 (境) 费"), "因公出国(境)费");
        assert_eq!(cell("部门\u{3000}名称"), "部门名称");
        assert_eq!(cell("2024 年度"), "2024年度");
        assert_eq!(cell("  Word  2010 "), "Word 2010");
    }

    #[test]
    fn thousand_separators_and_spaces_in_numbers() {
        assert_eq!(cell("5,307.63"), "5307.63");
        assert_eq!(cell("收入总计5,307.63万元"), "收入总计5307.63万元");
        assert_eq!(cell_in_box("1 234 567.00"), "1234567.00");
        assert_eq!(cell("1,234,567.00"), "1234567.00");
        assert_eq!(amount("4,607.63"), d("4607.63"));
        // a comma that is not a thousand separator stays
        assert_eq!(cell("1,2"), "1,2");
        assert_eq!(cell("0.123,4"), "0.123,4");
    }

    #[test]
    fn figures_run_together_are_not_fused_without_geometry() {
        // text input: `1 100.00` may be the figures 1 and 100.00 of two
        // cells; it stays text, so the parser warns instead of reading 1100.00
        assert_eq!(cell("1 100.00"), "1 100.00");
        assert_eq!(amount("1 100.00"), CellValue::Text);
        assert_eq!(amount("12 345"), CellValue::Text);
        // a comma that is not a thousand separator is not dropped either
        assert_eq!(amount("1,2"), CellValue::Text);
        assert_eq!(amount("1,2345.00"), CellValue::Text);
        // a cell whose box is known is one cell: its digit groups join
        assert_eq!(cell_in_box("1 100.00"), "1100.00");
        assert_eq!(cell_in_box("0.123 456"), "0.123 456");
        assert_eq!(cell_in_box("2024 年"), "2024年");
    }

    #[test]
    fn entities_next_to_chinese_text() {
        // `&D款` has its `;` search window end inside 款
        assert_eq!(decode_entities("R&D款项经费"), "R&D款项经费");
        assert_eq!(cell("R&D款项经费"), "R&D款项经费");
        assert_eq!(decode_entities("&中文中文中文"), "&中文中文中文");
        assert_eq!(decode_entities("&amp;中"), "&中");
        assert_eq!(decode_entities("&#x4e2d;&#20013;&"), "中中&");
        assert_eq!(decode_entities("&#xFFFFFFFF;"), "&#xFFFFFFFF;");
    }

    #[test]
    fn markup_stripping_drops_no_text() {
        // a `<` that opens no tag keeps the rest of the cell
        assert_eq!(strip_markup("收入<b类合计"), "收入<b类合计");
        assert_eq!(strip_markup("a<b and c>d"), "a<b and c>d");
        assert_eq!(strip_markup("x<y 项目"), "x<y 项目");
        assert_eq!(strip_markup("<一般>项目"), "<一般>项目");
        assert_eq!(strip_markup("<span style=\"x\">项目</span>"), "项目");
        assert_eq!(strip_markup("<b>未闭合"), "未闭合");
        assert_eq!(strip_markup("<b 未闭合"), "<b 未闭合");
        assert_eq!(strip_markup("a<br>b<br/>c"), "a b c");
        // a stray `$` is a dollar sign, not the start of math
        assert_eq!(strip_markup("US$ 100 {a} b"), "US$ 100 {a} b");
        assert_eq!(strip_markup("$5 和 $6 {x}"), "$5 和 $6 {x}");
        assert_eq!(strip_markup("费用$ \\ 项目"), "费用$ \\ 项目");
        assert_eq!(strip_markup("$\\geq 10\\%$ 与 $x^{2}$"), "≥10% 与 x2");
        assert_eq!(strip_markup("合计\\%"), "合计%");
    }

    #[test]
    fn placeholders_are_blank_zero_is_zero() {
        assert_eq!(amount("——"), CellValue::Blank);
        assert_eq!(amount("-"), CellValue::Blank);
        assert_eq!(amount("/"), CellValue::Blank);
        assert_eq!(amount(""), CellValue::Blank);
        assert_eq!(amount("0"), d("0"));
        assert_eq!(amount("0.00"), d("0.00"));
        assert_eq!(amount("-2492.41"), d("-2492.41"));
        assert_eq!(amount("合计"), CellValue::Text);
        assert_eq!(amount("100%"), CellValue::Text);
    }

    #[test]
    fn amounts_keep_printed_scale() {
        match amount("700.00") {
            CellValue::Number(n) => assert_eq!(n.to_string(), "700.00"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn markup_from_tools() {
        assert_eq!(cell("<b>第一部分 概况</b>"), "第一部分概况");
        assert_eq!(line_text("## **六、一般公共预算**"), "六、一般公共预算");
        assert_eq!(cell("效益 $\\geq 10\\%$ ；"), "效益≥10%;");
        assert_eq!(cell("A&amp;B&nbsp;C &#12288;D"), "A&B C D");
        assert_eq!(cell("3 < 4"), "3 < 4");
        assert_eq!(line_text("- 一、财政拨款收入"), "一、财政拨款收入");
    }

    #[test]
    fn key_drops_quotes() {
        assert_eq!(
            key("财政拨款“三公”经费支出决算表"),
            "财政拨款三公经费支出决算表"
        );
    }
}
