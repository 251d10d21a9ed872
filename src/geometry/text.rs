//! Text from tokens: a line's tokens joined with the spaces the gaps call
//! for, and a cell's lines joined the way a wrapped cell reads.

use super::is_cjk;
use super::tokens::Tok;
use super::Bounds;

/// Groups tokens into printed lines by vertical centre (top to bottom), each
/// line left to right.
pub(crate) fn lines<'t>(toks: &[&'t Tok]) -> Vec<Vec<&'t Tok>> {
    let mut ts: Vec<&Tok> = toks.to_vec();
    ts.sort_by(|a, b| a.cy.total_cmp(&b.cy).then(a.x0.total_cmp(&b.x0)));
    let mut out: Vec<Vec<&Tok>> = Vec::new();
    let mut base = f64::MIN;
    let mut size = 0.0f64;
    for t in ts {
        let tol = 0.45 * size.min(t.size).max(1e-3);
        if out.is_empty() || t.cy - base > tol {
            out.push(Vec::new());
            base = t.cy;
            size = t.size;
        }
        out.last_mut().unwrap().push(t);
    }
    for l in &mut out {
        l.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    }
    out
}

/// Text of one printed line. `in_cell`: never put spaces next to CJK text.
pub(crate) fn line_text(l: &[&Tok], in_cell: bool) -> String {
    let mut s = String::new();
    let mut prev: Option<&Tok> = None;
    for t in l {
        if let Some(p) = prev {
            let gap = t.x0 - p.x1;
            let pc = p.text.chars().last().unwrap_or(' ');
            let tc = t.text.chars().next().unwrap_or(' ');
            let cjk = is_cjk(pc) || is_cjk(tc);
            let size = p.size.max(t.size);
            let want = if cjk {
                !in_cell && gap > 1.5 * size
            } else {
                gap > 0.22 * size
            };
            if t.space_before || want {
                s.push(' ');
            }
        }
        s.push_str(&t.text);
        prev = Some(t);
    }
    tidy(&s, in_cell)
}

/// Collapses whitespace; inside cells drops spaces next to CJK characters.
pub(crate) fn tidy(s: &str, in_cell: bool) -> String {
    let chars: Vec<char> = s
        .chars()
        .map(|c| {
            if c.is_whitespace() || c == '\u{3000}' {
                ' '
            } else {
                c
            }
        })
        .collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            if out.is_empty() || out.ends_with(' ') {
                continue;
            }
            if in_cell {
                let prev = out.chars().last().unwrap_or(' ');
                let next = chars[i + 1..]
                    .iter()
                    .copied()
                    .find(|c| *c != ' ')
                    .unwrap_or(' ');
                if is_cjk(prev) || is_cjk(next) {
                    continue;
                }
            }
        }
        out.push(c);
    }
    out.trim_end().to_string()
}

/// Text of a cell: its printed lines joined as a wrapped cell reads (no
/// space across a CJK or numeric wrap, one between wrapped Latin words).
pub(crate) fn cell_text(toks: &[&Tok]) -> String {
    let mut out = String::new();
    for l in lines(toks) {
        let t = line_text(&l, true);
        if t.is_empty() {
            continue;
        }
        if !out.is_empty() {
            let a = out.chars().last().unwrap();
            let b = t.chars().next().unwrap();
            if a.is_ascii_alphabetic() && b.is_ascii_alphabetic()
                || a == ',' && b.is_ascii_alphabetic()
            {
                out.push(' ');
            }
        }
        out.push_str(&t);
    }
    out
}

/// The box around some tokens, `None` when there are none.
pub(crate) fn bounds(toks: &[&Tok]) -> Option<Bounds> {
    let mut it = toks.iter();
    let f = it.next()?;
    let mut b = [f.x0, f.top, f.x1, f.bottom];
    for t in it {
        b[0] = b[0].min(t.x0);
        b[1] = b[1].min(t.top);
        b[2] = b[2].max(t.x1);
        b[3] = b[3].max(t.bottom);
    }
    Some(b)
}

/// The union of boxes.
pub(crate) fn union(boxes: impl IntoIterator<Item = Option<Bounds>>) -> Option<Bounds> {
    boxes.into_iter().flatten().reduce(|a, b| {
        [
            a[0].min(b[0]),
            a[1].min(b[1]),
            a[2].max(b[2]),
            a[3].max(b[3]),
        ]
    })
}

/// True for an amount or a count as tables print them: digits with `,` `.`
/// `-` `%` and brackets, nothing else.
pub(crate) fn is_numeric(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_digit() || ",.-%()（）".contains(c) || c.is_whitespace())
}

/// True when some token of the line is a number.
pub(crate) fn has_digit(toks: &[&Tok]) -> bool {
    toks.iter()
        .any(|t| t.text.chars().any(|c| c.is_ascii_digit()))
}

/// True for a table-of-contents line: a run of leader dots (never table data).
pub(crate) fn has_leader(l: &[&Tok]) -> bool {
    let mut run = 0;
    for t in l {
        let dots = t
            .text
            .chars()
            .all(|c| matches!(c, '.' | '·' | '…' | '․' | '‧' | '⋯' | '．'));
        if dots && !t.text.is_empty() {
            run += t
                .text
                .chars()
                .map(|c| if c == '…' || c == '⋯' { 3 } else { 1 })
                .sum::<usize>();
            if run >= 3 {
                return true;
            }
        } else {
            // leaders inside a token ("标题……3") count too
            let inner = t
                .text
                .chars()
                .collect::<Vec<_>>()
                .windows(3)
                .any(|w| w.iter().all(|c| matches!(c, '.' | '·' | '…' | '⋯' | '．')))
                || t.text.contains("……");
            if inner {
                return true;
            }
            run = 0;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokens;
    use super::super::Word;
    use super::*;

    fn toks(spec: &[(&str, f64, f64, f64)]) -> Vec<Tok> {
        let w: Vec<Word> = spec
            .iter()
            .map(|(t, x0, x1, b)| Word::glyph(*t, *x0, *x1, *b, 10.0, 0))
            .collect();
        tokens(&w, &[])
    }

    #[test]
    fn spaces_only_where_the_gap_is() {
        let t = toks(&[("Word", 0.0, 20.0, 10.0), ("2010", 23.0, 43.0, 10.0)]);
        let r: Vec<&Tok> = t.iter().collect();
        assert_eq!(line_text(&r, true), "Word 2010");
        let t = toks(&[("合", 0.0, 10.0, 10.0), ("计", 30.0, 40.0, 10.0)]);
        let r: Vec<&Tok> = t.iter().collect();
        assert_eq!(line_text(&r, true), "合计");
        assert_eq!(line_text(&r, false), "合 计");
    }

    #[test]
    fn wrapped_cell_lines_join() {
        let t = toks(&[
            ("本年收", 0.0, 30.0, 10.0),
            ("入合计", 0.0, 30.0, 22.0),
            ("12,868.1", 40.0, 80.0, 40.0),
            ("9", 40.0, 45.0, 52.0),
        ]);
        let r: Vec<&Tok> = t.iter().collect();
        assert_eq!(cell_text(&r[..2]), "本年收入合计");
        assert_eq!(cell_text(&r[2..]), "12,868.19");
    }

    #[test]
    fn numbers_and_leaders() {
        assert!(is_numeric("1,234.50"));
        assert!(is_numeric("(3.00)"));
        assert!(!is_numeric("2080505行政"));
        assert!(!is_numeric("-"));
        let t = toks(&[("目录", 0.0, 20.0, 10.0), ("……", 25.0, 45.0, 10.0)]);
        let r: Vec<&Tok> = t.iter().collect();
        assert!(has_leader(&r));
    }
}
