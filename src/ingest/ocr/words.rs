//! Recognised characters → positioned words for the geometry stage.
//!
//! The recogniser says where each character was read (the CTC frames that
//! emitted it), not how wide it is. Each character gets a box centred on
//! those frames, as wide as characters of its kind are (a CJK character or
//! full-width sign about one text height, a digit or Latin letter about half,
//! a point or comma less), and neighbours that stand about that close are
//! made to touch, so the geometry stage joins them into one token while a
//! real gap (two amounts in one detected box, a letter-spaced header) stays a
//! gap. A space the recogniser reads is kept only where the characters
//! around it stand apart.

use super::engine::RecLine;
use crate::geometry::Word;

/// The most a character read by OCR is trusted: never the full confidence
/// of a text layer's glyph (1), which the stages after this one take to
/// mean the word was printed, not read (a softmax probability rounds to 1
/// in `f32` on a clear digit).
pub const OCR_MAX_CONFIDENCE: f32 = 0.9999;

/// Nominal width of a character, in text heights.
fn nominal(ch: &str) -> f64 {
    let c = ch.chars().next().unwrap_or(' ');
    match c {
        '.' | ',' | ':' | ';' | '\'' | '!' | '|' => 0.28,
        '(' | ')' | '[' | ']' | '-' => 0.35,
        '0'..='9'
        | 'a'..='z'
        | 'A'..='Z'
        | '%'
        | '/'
        | '+'
        | '*'
        | '#'
        | '<'
        | '>'
        | '='
        | '"'
        | '$'
        | '&'
        | '?'
        | '_' => 0.52,
        _ if (c as u32) < 0x2e80 => 0.55,
        _ => 0.95,
    }
}

/// The words of one recognised box: one [`Word`] per character (spaces as
/// whitespace words where the characters stand apart), in page-image pixels.
/// `top`/`bottom` are the box's vertical extent; the text height is taken as
/// 80% of it (measured on the scanned twins: a tighter height, nearer the
/// ink, lost more cells than it saved, the geometry stage's tolerances being
/// multiples of it).
pub fn words_of(line: &RecLine, top: f64, bottom: f64) -> Vec<Word> {
    let bh = (bottom - top).max(1.0);
    let size = 0.8 * bh;
    let (t, b) = (top + 0.1 * bh, bottom - 0.1 * bh);
    struct C<'a> {
        ch: &'a str,
        cx: f64,
        w: f64,
        prob: f32,
    }
    let mut cs: Vec<C> = Vec::new();
    let mut spaces: Vec<usize> = Vec::new(); // index in cs before which a space was read
    for c in &line.chars {
        if c.ch.trim().is_empty() {
            spaces.push(cs.len());
            continue;
        }
        cs.push(C {
            ch: &c.ch,
            cx: (c.fx0 + c.fx1) / 2.0,
            w: nominal(&c.ch) * size,
            prob: c.prob,
        });
    }
    let n = cs.len();
    let mut x0: Vec<f64> = cs.iter().map(|c| c.cx - c.w / 2.0).collect();
    let mut x1: Vec<f64> = cs.iter().map(|c| c.cx + c.w / 2.0).collect();
    let mut touch = vec![false; n.saturating_sub(1)];
    let digit = |c: &str| c.chars().all(|c| c.is_ascii_digit());
    // the pitch of the box's digits (the median distance between neighbours):
    // a digit read a frame or two late (repeated digits, `332.000000`, need
    // a blank frame between them) stands further off than the nominal width
    // allows but within twice the pitch; two amounts in one box stand apart
    // by a gutter, more than a text height
    let mut pitches: Vec<f64> = cs
        .windows(2)
        .filter(|p| digit(p[0].ch) && digit(p[1].ch))
        .map(|p| p[1].cx - p[0].cx)
        .collect();
    pitches.sort_by(f64::total_cmp);
    let pitch = (pitches.len() >= 3).then(|| pitches[pitches.len() / 2]);
    for k in 0..n.saturating_sub(1) {
        let (a, b) = (&cs[k], &cs[k + 1]);
        let room = b.cx - a.cx;
        let need = (a.w + b.w) / 2.0;
        // a decimal point or thousands comma belongs to the digits around it
        // (the recogniser often reads a space after the point)
        let mark = |c: &str| matches!(c, "." | ",");
        // and a code's hyphen to the code before it (2050305-高等职业教育)
        let in_number = (mark(a.ch) && digit(b.ch))
            || (digit(a.ch) && mark(b.ch))
            || (digit(a.ch) && b.ch == "-");
        let late = digit(a.ch) && digit(b.ch) && pitch.is_some_and(|p| room <= 2.0 * p);
        if room <= 1.3 * need || ((in_number || late) && room <= 1.0 * size) {
            // touching (or overlapping): meet where their widths say
            let m = a.cx + room * a.w / (a.w + b.w);
            x1[k] = m;
            x0[k + 1] = m;
            touch[k] = true;
        }
    }
    let mut out = Vec::with_capacity(n + spaces.len());
    for k in 0..n {
        if k > 0 && spaces.contains(&k) && !touch[k - 1] {
            out.push(space(x1[k - 1], x0[k], t, b, size));
        }
        let mut w = Word::new(cs[k].ch, x0[k], t, x1[k].max(x0[k] + 0.1), b, size);
        w.confidence = cs[k].prob.min(OCR_MAX_CONFIDENCE);
        out.push(w);
    }
    out
}

/// Drops the bars (`|`) the recogniser read where a vertical ruling stands:
/// text is read with the rulings left in (whitening them cut the strokes
/// of characters touching them), and a ruling beside a figure printed
/// against it is read as the figure's last character (`469.90|`). A bar
/// clear of every ruling is kept.
pub fn drop_ruling_bars(words: &mut Vec<Word>, rules: &[crate::geometry::Rule]) {
    words.retain(|w| {
        let bar = matches!(w.text.as_str(), "|" | "｜" | "丨");
        let (cx, cy) = ((w.x0 + w.x1) / 2.0, (w.top + w.bottom) / 2.0);
        !(bar
            && rules.iter().any(|r| {
                r.vertical && (r.pos - cx).abs() <= 0.4 * w.size && cy >= r.from && cy <= r.to
            }))
    });
}

fn space(x0: f64, x1: f64, top: f64, bottom: f64, size: f64) -> Word {
    let mut w = Word::new(" ", x0, top, x1.max(x0 + 0.1), bottom, size);
    w.confidence = 1.0;
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_read_on_a_ruling_is_the_ruling() {
        // yantai's `469.90` printed against its column's ruling at 100,
        // read `469.90|`; a bar away from any ruling stays
        let w = |t: &str, x0: f64| Word::new(t, x0, 10.0, x0 + 2.0, 20.0, 8.0);
        let mut words = vec![w("0", 96.0), w("|", 99.5), w("|", 150.0)];
        let rules = [crate::geometry::Rule {
            vertical: true,
            pos: 100.0,
            from: 0.0,
            to: 50.0,
        }];
        drop_ruling_bars(&mut words, &rules);
        let texts: Vec<(&str, f64)> = words.iter().map(|w| (w.text.as_str(), w.x0)).collect();
        assert_eq!(texts, [("0", 96.0), ("|", 150.0)]);
    }
    use crate::ingest::ocr::engine::RecChar;

    fn line(chars: &[(&str, f64)]) -> RecLine {
        RecLine {
            chars: chars
                .iter()
                .map(|&(c, x)| RecChar {
                    ch: c.to_string(),
                    fx0: x - 1.0,
                    fx1: x + 1.0,
                    prob: 0.99,
                })
                .collect(),
        }
    }

    #[test]
    fn a_character_read_is_never_as_sure_as_a_printed_one() {
        // a clear digit's softmax rounds to 1 in f32; the stages after this
        // one take a confidence of 1 for a text layer's glyph
        let mut l = line(&[("8", 105.0), ("2", 115.0)]);
        l.chars[0].prob = 1.0;
        let w = words_of(&l, 100.0, 125.0);
        assert!(w.iter().all(|w| w.confidence < 1.0), "{w:?}");
        assert!((w[1].confidence - 0.99).abs() < 1e-6);
    }

    #[test]
    fn close_characters_touch_and_gaps_stay() {
        // "12.5" then, far to the right, "30"; text 20 px high (box 25)
        let l = line(&[
            ("1", 105.0),
            ("2", 115.0),
            (".", 122.0),
            ("5", 129.0),
            ("3", 205.0),
            ("0", 215.0),
        ]);
        let w = words_of(&l, 100.0, 125.0);
        assert_eq!(w.len(), 6);
        for k in 0..3 {
            assert!((w[k].x1 - w[k + 1].x0).abs() < 1e-9, "{k}: {w:?}");
        }
        assert!(w[4].x0 - w[3].x1 > 20.0);
        assert!((w[0].size - 20.0).abs() < 1e-9);
    }

    #[test]
    fn a_digit_read_late_stays_in_its_number() {
        // "332.000000" as read in a scanned hrss table (box 24 px high): the
        // last 0 a frame late, 13 px after the one before on a pitch of 8.5
        let l = line(&[
            ("3", 1203.0),
            ("3", 1211.0),
            ("2", 1220.0),
            (".", 1226.5),
            ("0", 1233.0),
            ("0", 1241.0),
            ("0", 1250.0),
            ("0", 1258.0),
            ("0", 1267.0),
            ("0", 1280.0),
        ]);
        let w = words_of(&l, 936.0, 960.0);
        for k in 0..9 {
            assert!((w[k].x1 - w[k + 1].x0).abs() < 1e-9, "{k}: {w:?}");
        }
        // two amounts in one box, a gutter between them, stay apart
        let l = line(&[
            ("1", 100.0),
            ("2", 108.5),
            (".", 115.0),
            ("5", 121.0),
            ("0", 129.5),
            ("3", 160.0),
            ("0", 168.5),
        ]);
        let w = words_of(&l, 0.0, 24.0);
        assert!(w[5].x0 - w[4].x1 > 5.0, "{w:?}");
    }

    #[test]
    fn a_space_is_kept_only_between_parts_that_stand_apart() {
        let l = line(&[("合", 10.0), (" ", 20.0), ("计", 30.0)]);
        let w = words_of(&l, 0.0, 25.0);
        assert_eq!(w.len(), 2, "{w:?}");
        let l = line(&[("1", 10.0), (" ", 40.0), ("2", 80.0)]);
        let w = words_of(&l, 0.0, 25.0);
        assert_eq!(w.len(), 3);
        assert_eq!(w[1].text, " ");
    }

    #[test]
    fn a_space_after_a_decimal_point_is_not_kept() {
        // "37. 59": the recogniser reads a space after the point
        let l = line(&[
            ("7", 10.0),
            (".", 17.0),
            (" ", 22.0),
            ("5", 30.0),
            ("9", 40.0),
        ]);
        let w = words_of(&l, 0.0, 25.0);
        assert!(w.iter().all(|w| w.text != " "), "{w:?}");
        assert!((w[1].x1 - w[2].x0).abs() < 1e-9);
    }
}
