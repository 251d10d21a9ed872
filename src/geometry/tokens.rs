//! Words → tokens: the words of one baseline that touch, joined.
//!
//! A PDF gives one word per glyph; an OCR engine one per word. Either way, a
//! token is a run of words on one baseline with no visible gap between them
//! (at most a tenth of the text height): a number, a run of CJK text, a Latin
//! word. A space, a wider gap, a change of text size or a vertical ruling
//! between two words always ends a token, so two amounts printed in adjacent
//! columns never become one token however close they stand.

use super::{Rule, Word};

/// Gap (in text heights) up to which touching words are one token.
const JOIN_GAP: f64 = 0.1;

/// A token: one or more touching words of one baseline.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Tok {
    pub text: String,
    pub x0: f64,
    pub x1: f64,
    pub top: f64,
    pub bottom: f64,
    /// Vertical centre of the words.
    pub cy: f64,
    /// Text height.
    pub size: f64,
    /// A space (or a whitespace word) stood before it on its line.
    pub space_before: bool,
    /// Width of the first word (to place a token by its first glyph).
    pub first_w: f64,
    /// Left edge and width of the last word (to split at a ruling).
    last: (f64, f64),
}

impl Tok {
    /// Left part of the first glyph: where the token starts, for placing it in
    /// a cell (a glyph printed across a border stays with the text it ends).
    pub fn lead_x(&self) -> f64 {
        self.x0 + 0.2 * self.first_w
    }
    /// Centre of the first glyph.
    pub fn first_cx(&self) -> f64 {
        self.x0 + 0.5 * self.first_w
    }
}

fn usable(w: &Word) -> bool {
    [w.x0, w.x1, w.top, w.bottom, w.size]
        .iter()
        .all(|v| v.is_finite() && v.abs() < 1e7)
        && w.size > 0.0
}

/// The tokens of a page, grouped by line (top to bottom) and ordered left to
/// right within each line.
pub(crate) fn tokens(words: &[Word], rules: &[Rule]) -> Vec<Tok> {
    let mut ws: Vec<&Word> = words.iter().filter(|w| usable(w)).collect();
    ws.sort_by(|a, b| centre(a).total_cmp(&centre(b)).then(a.x0.total_cmp(&b.x0)));
    // physical lines by vertical centre
    let mut lines: Vec<Vec<&Word>> = Vec::new();
    let mut base = f64::MIN;
    let mut size = 0.0f64;
    for w in ws {
        let tol = 0.45 * size.min(w.size).max(1e-3);
        if lines.is_empty() || centre(w) - base > tol {
            lines.push(Vec::new());
            base = centre(w);
            size = w.size;
        }
        lines.last_mut().unwrap().push(w);
    }
    let mut verticals: Vec<&Rule> = rules.iter().filter(|r| r.vertical).collect();
    verticals.sort_by(|a, b| a.pos.total_cmp(&b.pos));
    let mut out = Vec::new();
    for mut l in lines {
        l.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        // fake bold: the same glyph drawn twice at almost the same place
        let mut kept: Vec<&Word> = Vec::with_capacity(l.len());
        for w in l {
            if let Some(p) = kept.iter().rev().take(4).find(|p| {
                p.text == w.text
                    && p.font == w.font
                    && (w.x0 - p.x0).abs() < 0.3 * w.size
                    && (centre(w) - centre(p)).abs() < 0.3 * w.size
            }) {
                if !p.text.trim().is_empty() {
                    continue;
                }
            }
            kept.push(w);
        }
        let mut cur: Option<Tok> = None;
        let mut space = false;
        for w in kept {
            if w.text.trim().is_empty() {
                if w.text.is_empty() {
                    continue;
                }
                if let Some(t) = cur.take() {
                    out.push(t);
                }
                space = true;
                continue;
            }
            if let Some(t) = &mut cur {
                let gap = w.x0 - t.x1;
                let ratio = w.size / t.size;
                let joins = gap <= JOIN_GAP * t.size.min(w.size)
                    && gap >= -0.6 * t.size.max(w.size)
                    && (0.8..=1.25).contains(&ratio)
                    && (!rule_between(&verticals, t, w) || straddles(&verticals, t, w));
                if joins {
                    t.text.push_str(&w.text);
                    t.last = (w.x0, (w.x1 - w.x0).max(0.0));
                    t.x1 = t.x1.max(w.x1);
                    t.top = t.top.min(w.top);
                    t.bottom = t.bottom.max(w.bottom);
                    continue;
                }
                out.push(cur.take().unwrap());
            }
            let cy = centre(w);
            cur = Some(Tok {
                text: w.text.clone(),
                x0: w.x0,
                x1: w.x1.max(w.x0),
                top: w.top,
                bottom: w.bottom,
                cy,
                size: w.size,
                space_before: space,
                first_w: (w.x1 - w.x0).max(0.0),
                last: (w.x0, (w.x1 - w.x0).max(0.0)),
            });
            space = false;
        }
        if let Some(t) = cur {
            out.push(t);
        }
    }
    out
}

fn centre(w: &Word) -> f64 {
    (w.top + w.bottom) / 2.0
}

/// True when a vertical ruling stands between the token's last word and `w`:
/// each goes to the cell of the nearest ruling left of its leading part (as
/// ruled cells are filled), and those differ.
fn rule_between(verticals: &[&Rule], t: &Tok, w: &Word) -> bool {
    let slack = 0.05 * t.size;
    let a = t.last.0 + 0.2 * t.last.1 + slack;
    let b = w.x0 + 0.2 * (w.x1 - w.x0).max(0.0) + slack;
    let cy = centre(w);
    let start = verticals.partition_point(|r| r.pos <= a);
    verticals[start..]
        .iter()
        .take_while(|r| r.pos <= b)
        .any(|r| cy >= r.from - 1e-6 && cy <= r.to + 1e-6)
}

/// True when `w`, a digit read by OCR touching the figure before it, stands
/// across a vertical ruling rather than beyond it (its box starting before
/// the ruling or on it and ending within about a digit's width past it,
/// 0.55 of the text height): the
/// recogniser places a character where its frames fired, a frame late for a
/// last digit printed against the ruling (`1153.0|0`), while the figures of the next cell start clear of
/// the ruling, right-aligned or with the cell's padding.
fn straddles(verticals: &[&Rule], t: &Tok, w: &Word) -> bool {
    let digit = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    // (a negative one too: `-18,000.0|0`)
    let figure = |s: &str| {
        s.strip_prefix('-')
            .unwrap_or(s)
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    };
    if w.confidence >= 1.0 || !digit(&w.text) || !figure(&t.text) || w.x0 > t.x1 + 0.05 * t.size {
        return false;
    }
    let cy = centre(w);
    let mut across = verticals
        .iter()
        .filter(|r| cy >= r.from && cy <= r.to && r.pos > t.last.0 && r.pos < w.x1)
        .peekable();
    across.peek().is_some()
        && across.all(|r| w.x0 < r.pos + 0.05 * w.size && w.x1 - r.pos <= 0.55 * w.size)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(t: &str, x0: f64, x1: f64, base: f64) -> Word {
        Word::glyph(t, x0, x1, base, 10.0, 1)
    }

    fn texts(ts: &[Tok]) -> Vec<&str> {
        ts.iter().map(|t| t.text.as_str()).collect()
    }

    #[test]
    fn touching_glyphs_join_gaps_split() {
        let w = vec![
            g("1", 0.0, 5.0, 100.0),
            g("2", 5.0, 10.0, 100.0),
            g(".", 10.0, 12.5, 100.0),
            g("5", 12.5, 17.5, 100.0),
            // a gap of a fifth of the size: another token
            g("3", 19.5, 24.5, 100.0),
            g("合", 40.0, 50.0, 100.2),
            g("计", 50.0, 60.0, 99.9),
        ];
        let t = tokens(&w, &[]);
        assert_eq!(texts(&t), ["12.5", "3", "合计"]);
        assert!(!t[1].space_before);
    }

    #[test]
    fn a_vertical_rule_splits_touching_glyphs() {
        let w = vec![g("1", 0.0, 5.0, 100.0), g("2", 5.0, 10.0, 100.0)];
        let r = Rule {
            vertical: true,
            pos: 5.0,
            from: 80.0,
            to: 120.0,
        };
        assert_eq!(texts(&tokens(&w, &[r])), ["1", "2"]);
        // a rule that does not reach the line does not split it
        let r = Rule { to: 90.0, ..r };
        assert_eq!(texts(&tokens(&w, &[r])), ["12"]);
    }

    #[test]
    fn a_last_digit_read_across_its_ruling_stays_in_its_figure() {
        // huzhou's `1153.00` printed against the ruling at 648.6, read by
        // OCR with its last digit's box over the ruling (a frame late)
        let ocr = |t: &str, x0: f64, x1: f64| {
            let mut w = Word::glyph(t, x0, x1, 100.0, 13.9, 0);
            w.confidence = 0.99;
            w
        };
        let rule = Rule {
            vertical: true,
            pos: 648.6,
            from: 80.0,
            to: 120.0,
        };
        let fig = |last: Word| {
            vec![
                ocr("1", 613.0, 620.0),
                ocr("1", 620.0, 627.0),
                ocr("5", 627.0, 633.0),
                ocr("3", 633.0, 638.0),
                ocr(".", 638.0, 639.7),
                ocr("0", 639.7, 646.5),
                last,
            ]
        };
        assert_eq!(
            texts(&tokens(&fig(ocr("0", 646.5, 653.9)), &[rule])),
            ["1153.00"]
        );
        // the next cell's figure, starting clear of the ruling, is its own
        assert_eq!(
            texts(&tokens(&fig(ocr("7", 646.5, 657.0)), &[rule])),
            ["1153.0", "7"]
        );
        // xian-audit's `-18,000.00` in type 6.2 high, its last digit's box
        // starting on the ruling (698.0) and its centre 0.26 of the text
        // height past it: a negative figure keeps it too
        let small = |t: &str, x0: f64, x1: f64| {
            let mut w = Word::glyph(t, x0, x1, 100.0, 6.2, 0);
            w.confidence = 0.99;
            w
        };
        let rule18 = Rule { pos: 698.0, ..rule };
        let neg = vec![
            small("-", 675.0, 677.6),
            small("1", 677.6, 680.3),
            small("8", 680.3, 683.1),
            small(",", 683.1, 684.0),
            small("0", 684.0, 686.8),
            small("0", 686.8, 689.6),
            small("0", 689.6, 692.4),
            small(".", 692.4, 695.3),
            small("0", 695.3, 698.1),
            small("0", 698.1, 701.1),
        ];
        assert_eq!(texts(&tokens(&neg, &[rule18])), ["-18,000.00"]);
        // and a text layer's glyph over a ruling is where it was drawn
        let mut text = fig(ocr("0", 646.5, 653.9));
        text.iter_mut().for_each(|w| w.confidence = 1.0);
        assert_eq!(texts(&tokens(&text, &[rule])), ["1153.0", "0"]);
    }

    #[test]
    fn spaces_split_and_mark_fake_bold_dropped() {
        let w = vec![
            g("A", 0.0, 6.0, 50.0),
            g("A", 0.2, 6.2, 50.0),
            g(" ", 6.0, 8.5, 50.0),
            g("B", 8.5, 14.5, 50.0),
        ];
        let t = tokens(&w, &[]);
        assert_eq!(texts(&t), ["A", "B"]);
        assert!(t[1].space_before);
    }

    #[test]
    fn lines_by_centre_and_order_left_to_right() {
        let w = vec![
            g("b", 20.0, 25.0, 30.0),
            g("x", 0.0, 5.0, 60.0),
            g("a", 0.0, 5.0, 31.0),
        ];
        let t = tokens(&w, &[]);
        assert_eq!(texts(&t), ["a", "b", "x"]);
    }

    #[test]
    fn hostile_numbers_are_dropped() {
        let mut w = g("1", f64::NAN, 5.0, 1.0);
        let t = tokens(&[w.clone()], &[]);
        assert!(t.is_empty());
        w.x0 = 0.0;
        w.size = -1.0;
        assert!(tokens(&[w], &[]).is_empty());
    }
}
