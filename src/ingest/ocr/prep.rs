//! Page image preparation: the skew of a scan, and the ruling lines it
//! prints.
//!
//! - **Skew**: the angle at which the page's dark pixels, projected onto the
//!   vertical, give the sharpest row profile (text lines and table rules are
//!   horizontal on a straight page): searched over ±6° in 0.2° steps on a
//!   reduced copy, then to 0.02° around the best. The page is turned back by
//!   that angle before anything is read from it.
//! - **Rules**: runs of dark pixels at least [`RULE_MIN_IN`] inch long
//!   (gaps of a few pixels, as noise and JPEG leave in a thin line, bridged),
//!   merged over the adjacent pixel rows (or columns) a line's thickness
//!   covers. Text never makes such runs: a character is at most one em wide,
//!   and the longest dash (`——`) is two. The rules go to the geometry stage
//!   as the PDF text layer's rulings do, and are whitened in the copy of the
//!   page that text is read from (a rule touching a character otherwise
//!   becomes part of it).

use super::image::Gray;
use crate::geometry::Rule;

/// Shortest run of dark pixels taken as a horizontal ruling line, in inches.
pub const RULE_MIN_IN: f64 = 0.45;
/// Shortest faint line taken where it runs from one ruling line to another,
/// in inches: longer than a row of text is tall.
const RULE_BRIDGE_MIN_IN: f64 = 0.25;
/// Shortest faint line taken as a ruling alone (paper right along both
/// sides of it), in inches.
const RULE_LONE_IN: f64 = 1.5;
/// Shortest dark line taken where it runs from one ruling line to another
/// in line with a ruling of the same column, in inches.
const RULE_TINY_IN: f64 = 0.1;
/// Thickest dark band taken as a line, in inches (thicker is a filled area).
const RULE_MAX_THICK_IN: f64 = 0.045;

/// The longest gap, in inches, between two pieces of one ruling line.
const RULE_GAP_IN: f64 = 0.6;

/// The longest gap, in inches, between the end of a horizontal ruling line
/// and the vertical one it is carried to.
const RULE_SNAP_IN: f64 = 1.0;

/// Otsu's threshold of an image: the grey level that best splits it into ink
/// and paper. Clamped to 90–200 so an almost blank page does not turn its
/// noise into ink.
pub fn otsu(img: &Gray) -> u8 {
    let mut hist = [0u64; 256];
    for &v in &img.px {
        hist[v as usize] += 1;
    }
    let total: u64 = hist.iter().sum();
    let sum_all: f64 = hist
        .iter()
        .enumerate()
        .map(|(i, &c)| i as f64 * c as f64)
        .sum();
    let (mut w0, mut sum0) = (0u64, 0f64);
    let (mut best, mut best_t) = (-1f64, 128u8);
    for (t, &c) in hist.iter().enumerate() {
        w0 += c;
        if w0 == 0 {
            continue;
        }
        let w1 = total - w0;
        if w1 == 0 {
            break;
        }
        sum0 += t as f64 * c as f64;
        let m0 = sum0 / w0 as f64;
        let m1 = (sum_all - sum0) / w1 as f64;
        let between = w0 as f64 * w1 as f64 * (m0 - m1) * (m0 - m1);
        if between > best {
            best = between;
            best_t = t as u8;
        }
    }
    best_t.clamp(90, 200)
}

/// The skew of a page in degrees: positive when its lines run down to the
/// right (the page was turned clockwise); [`Gray::rotate`] by this angle
/// straightens it. 0 when the page has too little ink to tell.
///
/// Measured on the page's text (ink below Otsu's threshold), unless its
/// rulings, grey hairlines included ([`paper_and_threshold`]), say
/// otherwise by more than [`SKEW_AGREE`]: a table's rulings are the
/// straightest lines a page has, and a page of few words can line its
/// words up across rows at another angle (beijing-hrss's 三公 table, one
/// row under a header of a few words a cell, scanned at 170 dpi turned 1°:
/// 2.68° by its text, 0.98° by its rulings). Where the two agree the text's
/// is kept: they differ by a few hundredths on most pages, and what is
/// known of finding a page's rulings was measured with it.
pub fn skew(img: &Gray) -> f64 {
    let by_text = skew_at(img, otsu(img));
    let by_rulings = skew_at(img, paper_and_threshold(img).1);
    if (by_text - by_rulings).abs() > SKEW_AGREE {
        by_rulings
    } else {
        by_text
    }
}

/// Degrees within which the skews measured on a page's text and on its
/// rulings agree. On 255 pages of whole-report scans (three families at
/// 150–200 dpi turned 0.5–0.6°, three at 170 dpi turned 1°) the two were
/// further apart on six,
/// and the rulings' was the nearer to the angle the page was turned by on
/// five of them (by 0.04°–1.8°), the text's on one (by 0.12°).
const SKEW_AGREE: f64 = 0.1;

/// The skew of a page measured on its pixels darker than `t`.
fn skew_at(img: &Gray, t: u8) -> f64 {
    // reduce to about 1000 pixels wide: a cell is ink when any pixel in it is
    let f = (img.w / 1000).max(1);
    let (w, h) = (img.w / f, img.h / f);
    let mut pts: Vec<(f64, f64)> = Vec::new();
    for by in 0..h {
        for bx in 0..w {
            let mut ink = false;
            'cell: for y in by * f..(by + 1) * f {
                let row = &img.px[y * img.w..(y + 1) * img.w];
                for &v in &row[bx * f..(bx + 1) * f] {
                    if v < t {
                        ink = true;
                        break 'cell;
                    }
                }
            }
            if ink {
                pts.push((bx as f64, by as f64));
            }
        }
    }
    if pts.len() < 200 {
        return 0.0;
    }
    if pts.len() > 400_000 {
        // keep every k-th point: the profile's shape is what matters
        let k = pts.len() / 400_000 + 1;
        pts = pts.into_iter().step_by(k).collect();
    }
    let score = |deg: f64| -> f64 {
        let tan = deg.to_radians().tan();
        let off = w as f64 * tan.abs() + 2.0;
        let n = (h as f64 + 2.0 * off) as usize + 2;
        let mut bins = vec![0u32; n];
        for &(x, y) in &pts {
            let b = (y - x * tan + off).round();
            if b >= 0.0 && (b as usize) < n {
                bins[b as usize] += 1;
            }
        }
        bins.iter().map(|&c| (c as f64) * (c as f64)).sum()
    };
    let mut best = (0.0, score(0.0));
    let mut a = -6.0;
    while a <= 6.0 + 1e-9 {
        let s = score(a);
        if s > best.1 * (1.0 + 1e-9) {
            best = (a, s);
        }
        a += 0.2;
    }
    let centre = best.0;
    let mut a = centre - 0.2;
    while a <= centre + 0.2 + 1e-9 {
        let s = score(a);
        if s > best.1 * (1.0 + 1e-9) {
            best = (a, s);
        }
        a += 0.02;
    }
    // a page whose profile is no sharper turned than straight stays straight
    if best.1 <= score(0.0) * 1.002 {
        return 0.0;
    }
    (best.0 * 100.0).round() / 100.0
}

/// The grey level below which a pixel may belong to a ruling line: ruling
/// lines are often printed thin and grey, lighter than text, so the
/// threshold sits 35 levels below the paper (the commonest light level),
/// never below Otsu's threshold of ink and paper.
pub fn line_threshold(img: &Gray) -> u8 {
    paper_and_threshold(img).1
}

/// The paper's grey level (the commonest light level) and
/// [`line_threshold`].
fn paper_and_threshold(img: &Gray) -> (u8, u8) {
    let t = otsu(img);
    let mut hist = [0u64; 256];
    for &v in &img.px {
        hist[v as usize] += 1;
    }
    let paper = (t as usize..256).max_by_key(|&v| hist[v]).unwrap_or(255) as u8;
    (paper, t.max(paper.saturating_sub(35)))
}

/// The ruling lines of a page image (pixels), horizontal and vertical.
pub fn rules(img: &Gray, dpi: f64) -> Vec<Rule> {
    let (paper, t) = paper_and_threshold(img);
    let strict = Dark { t, pair_max: 0 };
    // a hairline that the page's turning back spread over two pixel rows is
    // as dark in the two together as it was in one: a pixel pair whose ink
    // (below the paper) adds up to the threshold's is ink, but only where it
    // carries on a line found without it (text's grey edges make such runs
    // too), or, an inch and a half long, has paper right along both sides
    let loose = Dark {
        t,
        pair_max: paper as u16 + t as u16,
    };
    let min_len = (RULE_MIN_IN * dpi).max(20.0) as usize;
    let max_thick = (RULE_MAX_THICK_IN * dpi).max(3.0);
    let gap = (dpi / 75.0).round().max(1.0) as usize; // 2 px at 150 dpi
    let turned = transpose(img);
    let short = (RULE_BRIDGE_MIN_IN * dpi).max(20.0) as usize;
    let tiny = (RULE_TINY_IN * dpi).max(10.0) as usize;
    // the runs of each kind of ink, read once at the shortest length any
    // pass takes (a run found does not depend on the length asked for)
    let runs = |d: Dark, min_len: usize| {
        (
            horizontal_runs(img, d, min_len, gap),
            horizontal_runs(&turned, d, min_len, gap),
        )
    };
    let strict_runs = runs(strict, tiny);
    let loose_runs = runs(loose, short);
    let found = |(h, v): &(Vec<Run>, Vec<Run>), min_len: usize| {
        let long = |rs: &[Run]| -> Vec<Run> {
            rs.iter()
                .copied()
                .filter(|&(_, a, b)| b + 1 - a >= min_len)
                .collect()
        };
        let mut out = runs_to_rules(&long(h), max_thick, false);
        out.extend(runs_to_rules(&long(v), max_thick, true));
        out
    };
    let max_gap = RULE_GAP_IN * dpi;
    let mut out = join_pieces(found(&strict_runs, min_len), max_gap);
    extend(
        &mut out,
        &join_pieces(found(&loose_runs, min_len), max_gap),
        max_gap,
    );
    // a grey hairline that no pixel row holds dark enough all along (its
    // ink shared by two rows where the turning back split it, as on
    // beijing-hrss's 收入总表 at 200 dpi): a faint line longer than a row of
    // text is wide in a table's cell, with paper right along both sides of
    // it, is a ruling alone (grey edges of text lie against the strokes'
    // ink)
    let lone = (RULE_LONE_IN * dpi) as usize;
    let lone_found: Vec<Rule> = found(&loose_runs, lone)
        .into_iter()
        .filter(|f| {
            !out.iter().any(|r| {
                r.vertical == f.vertical
                    && (r.pos - f.pos).abs() <= 2.0
                    && r.from < f.to
                    && f.from < r.to
            }) && bare(img, f, t)
        })
        .collect();
    out.extend(lone_found);
    let mut out = join_pieces(out, max_gap);
    // a line under an inch long with ink close along either side is the
    // feet of a line of text filling its cell (`扣除基建项目后预算` over
    // the `数` it wraps to), its strokes' small gaps bridged: no ruling
    let feet = |out: &[Rule], r: &Rule| {
        let (p, q) = ink_beside(img, r, r.from, r.to, &crossings(out, r), t, dpi);
        r.to - r.from < dpi && (p + q) / 2.0 > 0.3
    };
    let found_first = out.clone();
    out.retain(|r| !feet(&found_first, r));
    // a faint line from ruling to ruling may be shorter: a column's ruling
    // under a group header, two rows tall
    let tol = (0.03 * dpi).max(3.0);
    let before = out.len();
    bridge(&mut out, &found(&loose_runs, short), tol, Need::Cross);
    // and a dark one from ruling to ruling, even one row tall: a column's
    // ruling in the lower line of a two-line header (`科目编码 | 科目名称`
    // under `科目`), shorter than a line found alone
    bridge(&mut out, &found(&strict_runs, short), tol, Need::Nothing);
    // (no row's ruling either along the feet of a line of text from
    // ruling to ruling: `公务用车购置 | 公务用车运行` over the `费 | 维护费`
    // they wrap to; a column's ruling through a crowded header is kept, its
    // strokes trimmed below)
    let bridged = out.split_off(before);
    let kept: Vec<Rule> = bridged
        .iter()
        .filter(|r| r.vertical || !feet(&out, r))
        .copied()
        .collect();
    out.extend(kept);
    let mut out = join_pieces(out, max_gap);
    // and a dark one shorter still, in line with a ruling of the same
    // column elsewhere: the column rulings of a header row a line tall over
    // a total's row merged across those columns (its ends on the rulings,
    // into their ink: a stroke of text filling its row stops short of them;
    // not joined to the ruling it is in line with, the merged row between)
    let tiny_dark = found(&strict_runs, tiny);
    bridge(&mut out, &tiny_dark, (0.01 * dpi).max(2.0), Need::InLine);
    // and the column rulings of a row no column ruling was found across
    // (a table of one row, `收入总计 | 91,842.80 | 支出总计 | …` alone on a
    // page, its rulings shorter than any pass takes): dark lines from the
    // row's top ruling into its bottom one, no text along either side
    let row_cols: Vec<Rule> = tiny_dark
        .into_iter()
        .filter(|f| {
            f.vertical
                && !out.iter().any(|r| {
                    // (a column's ruling down through the row and past it)
                    r.vertical
                        && r.from < f.to - 2.0
                        && f.from + 2.0 < r.to
                        && (r.from < f.from - 4.0 || r.to > f.to + 4.0)
                })
                && {
                    let (p, q) = ink_beside(img, f, f.from, f.to, &crossings(&out, f), t, dpi);
                    p.max(q) <= 0.3
                }
        })
        .collect();
    bridge(&mut out, &row_cols, (0.01 * dpi).max(2.0), Need::Nothing);
    // no line through the middle of a line of text, its strokes dense
    // enough to make a run (beijing-finance's bold header `一般公共预算资 |
    // 政府性基金预算` at 150 dpi, across the column rulings between)
    out.retain(|r| !through_strokes(img, r, t));
    trim_through_text(img, &mut out, t, dpi);
    snap_ends(&mut out, RULE_SNAP_IN * dpi);
    out
}

/// Where the lines of `rules` across `r` cross it (their positions along it).
fn crossings(rules: &[Rule], r: &Rule) -> Vec<f64> {
    rules
        .iter()
        .filter(|c| c.vertical != r.vertical && c.from - 2.0 <= r.pos && r.pos <= c.to + 2.0)
        .map(|c| c.pos)
        .collect()
}

/// How close a line's end must lie to a crossing ruling to be on it, in pixels.
const ON: f64 = 3.0;

/// Most share of ink in the pixel rows right along either side of a faint
/// line taken alone.
const BARE_MAX: f64 = 0.1;

/// Whether the pixel rows (or columns) just past line `r`'s ink on either
/// side, two pixels off the rows it covers, are paper along its length
/// (ink on each at most [`BARE_MAX`] of it): a ruling has paper along it, a
/// grey edge of text the strokes' ink.
fn bare(img: &Gray, r: &Rule, t: u8) -> bool {
    let (p, q) = ink_off(img, r, t, 2);
    p <= BARE_MAX && q <= BARE_MAX
}

/// Pixels across a line within which a red seal's ink makes a place of it
/// the seal's (its edges, blurred by the JPEG's coarser colour, are grey).
const SEAL_NEAR: isize = 3;

/// Share of a line's length from which a line along a red seal is the
/// seal's: a table's ruling crosses a seal (beijing-finance's hairlines under
/// a seal's ring: well under half), a line drawn by the seal's marks lies
/// along it all the way.
const SEAL_SHARE: f64 = 0.6;

/// Whether line `r` of page `img` is drawn by a red seal: along
/// [`SEAL_SHARE`] of its length or more, a pixel within [`SEAL_NEAR`] of it
/// is the seal's (it differs in `text`, the page with the seal taken out).
/// The marks of putuo-finance's seal, squares stacked along its ring, lined
/// up into a column's ruling through `一般公共服务支出` once the page was
/// turned back exactly.
pub fn along_seal(r: &Rule, img: &Gray, text: &Gray) -> bool {
    if (img.w, img.h) != (text.w, text.h) {
        return false;
    }
    let (from, to) = (r.from.max(0.0) as usize, r.to.max(0.0) as usize);
    if to <= from {
        return false;
    }
    let sealed = (from..=to)
        .filter(|&a| {
            (-SEAL_NEAR..=SEAL_NEAR).any(|d| {
                let b = r.pos.round() as isize + d;
                let (x, y) = if r.vertical {
                    (b, a as isize)
                } else {
                    (a as isize, b)
                };
                x >= 0
                    && y >= 0
                    && (x as usize) < img.w
                    && (y as usize) < img.h
                    && img.px[y as usize * img.w + x as usize]
                        != text.px[y as usize * img.w + x as usize]
            })
        })
        .count();
    sealed as f64 >= SEAL_SHARE * (to + 1 - from) as f64
}

/// Least share of ink in the pixel rows three pixels off either side of a
/// line that runs through a line of text.
const STROKES_MIN: f64 = 0.5;

/// Whether line `r` runs through the middle of a line of text: ink along
/// most of it ([`STROKES_MIN`]) three pixels off it on both sides, where a
/// ruling has paper but for the rulings crossing it and text touching it
/// here and there (measured at most 0.27 on real scans, against 0.59 and
/// more through text).
fn through_strokes(img: &Gray, r: &Rule, t: u8) -> bool {
    let (p, q) = ink_off(img, r, t, 3);
    p > STROKES_MIN && q > STROKES_MIN && thinnest(img, r, t) < THICK_RULE
}

/// Thickness (pixels) from which a band of ink all along a line is a
/// ruling drawn thick, whatever lies around it: past a thick rule's edge,
/// three pixels off its middle, lies its own blur.
const THICK_RULE: usize = 4;

/// The thinnest the band of ink around line `r` is at 16 points along it:
/// a line through text is a pixel row or two where it passes between
/// strokes, a ruling as thick all along.
fn thinnest(img: &Gray, r: &Rule, t: u8) -> usize {
    (0..16)
        .map(|k| {
            let at = r.from + (r.to - r.from) * (k as f64 + 0.5) / 16.0;
            band_at(img, r, r.pos.round() as isize, at, t)
        })
        .min()
        .unwrap_or(0)
}

/// The width in pixels of the band of ink (darker than `t`) across line `r`
/// at `at` along it, from pixel `p` across it up to 12 pixels either side.
fn band_at(img: &Gray, r: &Rule, p: isize, at: f64, t: u8) -> usize {
    let at = at as isize;
    let ink = |q: isize| {
        let (x, y) = if r.vertical { (q, at) } else { (at, q) };
        img.get(x, y) < t
    };
    let (mut a, mut b) = (p, p);
    while ink(a - 1) && p - a < 12 {
        a -= 1;
    }
    while ink(b + 1) && b - p < 12 {
        b += 1;
    }
    (b - a + 1) as usize
}

/// The share of ink along line `r` (from end to end) in the pixel row (or
/// column) `off` pixels past the rows it covers, on each side.
fn ink_off(img: &Gray, r: &Rule, t: u8, off: isize) -> (f64, f64) {
    let (len, wide) = if r.vertical {
        (img.h, img.w)
    } else {
        (img.w, img.h)
    };
    let share = |across: isize| {
        if across < 0 || across as usize >= wide || len == 0 {
            return 0.0;
        }
        let (a, b) = (
            r.from.max(0.0) as usize,
            (r.to.max(0.0) as usize).min(len - 1),
        );
        let dark = (a..=b)
            .filter(|&along| {
                let v = if r.vertical {
                    img.px[along * img.w + across as usize]
                } else {
                    img.px[across as usize * img.w + along]
                };
                v < t
            })
            .count();
        dark as f64 / (b + 1).saturating_sub(a).max(1) as f64
    };
    (
        share(r.pos.floor() as isize - off),
        share(r.pos.ceil() as isize + off),
    )
}

/// The share of ink in the pixel rows just either side of line `r` (a few
/// pixels off it, past its own ink) from `a` to `b` along it, leaving out
/// where the rulings at `crossing` cross it, each side apart (before, after):
/// text beside a line, or not.
fn ink_beside(
    img: &Gray,
    r: &Rule,
    a: f64,
    b: f64,
    crossing: &[f64],
    t: u8,
    dpi: f64,
) -> (f64, f64) {
    let near = (0.015 * dpi).max(2.0) + 1.0;
    let far = near + (0.03 * dpi).max(3.0);
    let (len, wide) = if r.vertical {
        (img.h, img.w)
    } else {
        (img.w, img.h)
    };
    // a pixel at `along` the line, `across` it
    let px = |along: usize, across: usize| {
        if r.vertical {
            img.px[along * img.w + across]
        } else {
            img.px[across * img.w + along]
        }
    };
    let (mut dark, mut all) = ([0usize; 2], [0usize; 2]);
    for x in a.max(0.0) as usize..(b.max(0.0) as usize).min(len) {
        if crossing.iter().any(|&c| (c - x as f64).abs() <= ON) {
            continue;
        }
        for d in near as usize..=far as usize {
            for (side, y) in [
                r.pos as isize - d as isize,
                r.pos.round() as isize + d as isize,
            ]
            .into_iter()
            .enumerate()
            {
                if y >= 0 && (y as usize) < wide {
                    all[side] += 1;
                    dark[side] += (px(x, y as usize) < t) as usize;
                }
            }
        }
    }
    let share = |s: usize| {
        if all[s] == 0 {
            0.0
        } else {
            dark[s] as f64 / all[s] as f64
        }
    };
    (share(0), share(1))
}

/// Cuts a line back to the last ruling it crosses where it runs on from
/// there through text rather than along paper: a row's line that stops at a
/// column's ruling level with the middle of a tall cell's label beside it
/// (`公务接待费` centred on two header rows), or a column's ruling that stops
/// under a group header centred over it (`一般公共预算拨款` over `小计 |
/// 其中…`), whose strokes, their small gaps bridged, carry the run on. The
/// run on has ink close either side of it, the rest of the line much less.
/// A line whose end lies on a crossing ruling is cut back only over spans
/// where text crowds it on both sides and stops short of the rulings (a
/// header's stroke in line with a column's ruling).
fn trim_through_text(img: &Gray, rules: &mut [Rule], t: u8, dpi: f64) {
    let all: Vec<Rule> = rules.to_vec();
    for r in rules.iter_mut() {
        let (from, to) = (r.from, r.to);
        let crossing = crossings(&all, r);
        let on = |x: f64| crossing.iter().any(|&c| (c - x).abs() <= ON);
        let line = *r;
        let ink = |a: f64, b: f64| {
            let (p, q) = ink_beside(img, &line, a, b, &crossing, t, dpi);
            (p + q) / 2.0
        };
        // (text beside the run on; ink beside the rest, where figures
        // printed against a column's ruling touch it, a third as much)
        let through = |run_on: f64, rest: f64| run_on > 0.15 && run_on > 3.0 * rest;
        let inner = || {
            crossing
                .iter()
                .copied()
                .filter(|&c| c > from + ON && c < to - ON)
        };
        if !on(to) {
            if let Some(v) = inner().reduce(f64::max) {
                if through(ink(v + ON, to), ink(from, v - ON)) {
                    r.to = v;
                }
            }
        }
        if !on(from) {
            if let Some(v) = inner().reduce(f64::min) {
                if through(ink(from, v - ON), ink(v + ON, to)) {
                    r.from = v;
                }
            }
        }
        // from either end, over the spans between rulings where text crowds
        // the line on both sides and stops short of the rulings: the strokes
        // of a spanning header filling its row, one of them in line with a
        // column's ruling below, the small gaps to the row's rulings bridged
        // (`一般公共预算拨款安排的“三公”经费预算` over `小计 | 因公出国…`);
        // `crowded(a, b)` is the span from crossing `a` to crossing `b`
        let crowded = |a: f64, b: f64| {
            let (p, q) = ink_beside(img, &line, a + ON, b - ON, &crossing, t, dpi);
            p.min(q) > CROWDED && stops_short(img, &line, a, b, t)
        };
        let mut cuts: Vec<f64> = inner().collect();
        cuts.sort_by(f64::total_cmp);
        // the crossing farthest in that a walk from one end over crowded
        // spans reaches (`forward`: from `from`), short spans passed over
        let walk = |from: f64, to: f64, forward: bool| -> Option<f64> {
            let (mut at, mut cut) = (if forward { from } else { to }, None);
            let order: Vec<f64> = if forward {
                cuts.clone()
            } else {
                cuts.iter().rev().copied().collect()
            };
            for v in order {
                let (lo, hi, past_end) = if forward {
                    (at, v, v >= to - ON)
                } else {
                    (v, at, v <= from + ON)
                };
                if past_end {
                    break;
                }
                if hi - lo > SPAN {
                    if !crowded(lo, hi) {
                        break;
                    }
                    cut = Some(v);
                }
                at = v;
            }
            cut
        };
        if let Some(v) = walk(r.from, r.to, true) {
            if through(ink(r.from, v - ON), ink(v + ON, r.to)) {
                r.from = v;
            }
        }
        if let Some(v) = walk(r.from, r.to, false) {
            if through(ink(v + ON, r.to), ink(r.from, v - ON)) {
                r.to = v;
            }
        }
    }
}

/// Whether the ink along `line` between its crossings at `a` and `b`
/// shows paper next to both of them (within [`ON`] and two pixels): the
/// strokes of text filling a row stop short of the row's rulings, where a
/// ruling runs on into them.
fn stops_short(img: &Gray, line: &Rule, a: f64, b: f64, t: u8) -> bool {
    let (len, wide) = if line.vertical {
        (img.h, img.w)
    } else {
        (img.w, img.h)
    };
    // paper at `along`: no dark pixel on the line or one pixel either side
    let paper = |along: usize| {
        (-1i64..=1).all(|k| {
            let across = line.pos.round() as i64 + k;
            if across < 0 || across as usize >= wide || along >= len {
                return true;
            }
            let across = across as usize;
            let v = if line.vertical {
                img.px[along * img.w + across]
            } else {
                img.px[across * img.w + along]
            };
            v >= t
        })
    };
    let reach = ON + 2.0;
    let any_paper = |from: f64, to: f64| {
        (from.max(0.0).ceil() as usize..=to.max(0.0).floor() as usize).any(paper)
    };
    any_paper(a + 1.0, a + reach) && any_paper(b - reach, b - 1.0)
}

/// The share of dark pixels close along both sides of a span of a line
/// above which text crowds it there (a ruling between two cells of text
/// has paper on one side at least: measured 0.40 at most on real scans,
/// against 0.63 and more for a header's strokes).
const CROWDED: f64 = 0.4;

/// A span between rulings shorter than this (pixels) is passed over when
/// walking a line's crowded spans: the stub of a ruling's end.
const SPAN: f64 = 2.0 * ON + 4.0;

/// What a line from ruling to ruling must show besides to be taken by
/// [`bridge`].
#[derive(Debug, Clone, Copy, PartialEq)]
enum Need {
    /// It crosses a third line on its way (two rows or more).
    Cross,
    /// Nothing (dark lines longer than a stroke of text in a table is).
    Nothing,
    /// It lies in line with a found line of the same direction elsewhere
    /// (the same column's ruling above or below).
    InLine,
}

/// Takes the lines of `faint` that no line lies on and that run from one
/// line across them to another (ends within `tol`), with what `need` says
/// besides: a grey column ruling between a table's rulings, down over two
/// rows or more, too faint to be found alone. Text never runs that way (a
/// stroke filling a row's height reaches from one ruling to the next, no
/// further; taken without crossing a third, the lines are dark and longer
/// than a stroke of text in a table is, a quarter inch, 18 points, or in
/// line with a column's ruling, where text never stands).
fn bridge(rules: &mut Vec<Rule>, faint: &[Rule], tol: f64, need: Need) {
    let mut add = Vec::new();
    for f in faint {
        let known = rules.iter().any(|r| {
            r.vertical == f.vertical
                && (r.pos - f.pos).abs() <= 2.0
                && r.from < f.to
                && f.from < r.to
        });
        if known {
            continue;
        }
        let meets = |at: f64| {
            rules.iter().any(|r| {
                r.vertical != f.vertical
                    && (r.pos - at).abs() <= tol
                    && r.from - tol <= f.pos
                    && f.pos <= r.to + tol
            })
        };
        let crosses = rules.iter().any(|r| {
            r.vertical != f.vertical
                && r.pos > f.from + tol
                && r.pos < f.to - tol
                && r.from - tol <= f.pos
                && f.pos <= r.to + tol
        });
        let in_line = || {
            rules.iter().any(|r| {
                r.vertical == f.vertical
                    && (r.pos - f.pos).abs() <= 2.0
                    && (r.from >= f.to - tol || r.to <= f.from + tol)
            })
        };
        let besides = match need {
            Need::Cross => crosses,
            Need::Nothing => true,
            Need::InLine => in_line(),
        };
        if meets(f.from) && meets(f.to) && besides {
            add.push(*f);
        }
    }
    rules.extend(add);
}

/// Carries each line on over the pieces of `faint` that lie on it (position
/// within 2 pixels) and overlap it or start within `max_gap` of its end.
fn extend(rules: &mut [Rule], faint: &[Rule], max_gap: f64) {
    for r in rules.iter_mut() {
        loop {
            let mut grown = false;
            for f in faint {
                if f.vertical != r.vertical || (f.pos - r.pos).abs() > 2.0 {
                    continue;
                }
                let near = f.to >= r.from - max_gap && f.from <= r.to + max_gap;
                if near && (f.from < r.from || f.to > r.to) {
                    r.from = r.from.min(f.from);
                    r.to = r.to.max(f.to);
                    grown = true;
                }
            }
            if !grown {
                break;
            }
        }
    }
}

/// A horizontal line that stops short of a vertical one by at most
/// `max_gap` (its last piece lost) is carried to it, unless it already ends
/// on one (a line ending at a column's ruling, beside a cell merged over
/// rows, is whole). Vertical lines are left as found: a column's ruling
/// stopping under a header merged over columns is common.
fn snap_ends(rules: &mut [Rule], max_gap: f64) {
    const ON: f64 = 3.0;
    let verticals: Vec<Rule> = rules.iter().filter(|r| r.vertical).copied().collect();
    for r in rules.iter_mut().filter(|r| !r.vertical) {
        let crossing: Vec<f64> = verticals
            .iter()
            .filter(|c| c.from - 2.0 <= r.pos && r.pos <= c.to + 2.0)
            .map(|c| c.pos)
            .collect();
        let on = |x: f64| crossing.iter().any(|&c| (c - x).abs() <= ON);
        if !on(r.from) {
            if let Some(c) = crossing
                .iter()
                .copied()
                .filter(|&c| c < r.from && r.from - c <= max_gap)
                .reduce(f64::max)
            {
                r.from = c;
            }
        }
        if !on(r.to) {
            if let Some(c) = crossing
                .iter()
                .copied()
                .filter(|&c| c > r.to && c - r.to <= max_gap)
                .reduce(f64::min)
            {
                r.to = c;
            }
        }
    }
}

/// Pieces of one line: rules on the same line (positions within 2 pixels),
/// each at least [`RULE_MIN_IN`] long, that a gap of at most `max_gap`
/// separates. A thin grey line, turned and JPEG-compressed, loses its ink
/// in places; text never makes runs that long.
fn join_pieces(mut rules: Vec<Rule>, max_gap: f64) -> Vec<Rule> {
    rules.sort_by(|a, b| {
        a.vertical
            .cmp(&b.vertical)
            .then(a.pos.total_cmp(&b.pos))
            .then(a.from.total_cmp(&b.from))
    });
    let mut out: Vec<Rule> = Vec::with_capacity(rules.len());
    for r in rules {
        let joined = out.iter_mut().rev().take(16).find(|m| {
            m.vertical == r.vertical
                && (m.pos - r.pos).abs() <= 2.0
                && r.from >= m.from
                && r.from - m.to <= max_gap
        });
        match joined {
            Some(m) => {
                let (lm, lr) = (m.to - m.from, r.to - r.from);
                m.pos = (m.pos * lm + r.pos * lr) / (lm + lr);
                m.to = m.to.max(r.to);
            }
            None => out.push(r),
        }
    }
    out
}

/// Whitens the pixels of `rules` (and one pixel either side) in `img`.
pub fn erase(img: &mut Gray, rules: &[Rule], thick: &[f64]) {
    for (r, &th) in rules.iter().zip(thick) {
        let half = (th / 2.0 + 1.5).ceil() as isize;
        let p = r.pos.round() as isize;
        let (a, b) = (r.from.floor() as isize, r.to.ceil() as isize);
        for q in p - half..=p + half {
            for s in a..=b {
                let (x, y) = if r.vertical { (q, s) } else { (s, q) };
                if x >= 0 && y >= 0 && (x as usize) < img.w && (y as usize) < img.h {
                    img.px[y as usize * img.w + x as usize] = 255;
                }
            }
        }
    }
}

/// A run of ink along one pixel row: row, first and last pixel.
type Run = (usize, usize, usize);

/// When a pixel belongs to a line: darker than `t` itself, or with the pixel
/// below it adding up to at most `pair_max`.
#[derive(Debug, Clone, Copy)]
struct Dark {
    t: u8,
    pair_max: u16,
}

fn horizontal_runs(img: &Gray, d: Dark, min_len: usize, gap: usize) -> Vec<Run> {
    let mut out = Vec::new();
    for y in 0..img.h {
        let row = &img.px[y * img.w..(y + 1) * img.w];
        let below = if y + 1 < img.h {
            &img.px[(y + 1) * img.w..(y + 2) * img.w]
        } else {
            row
        };
        let ink = |x: usize| row[x] < d.t || row[x] as u16 + below[x] as u16 <= d.pair_max;
        let mut x = 0;
        while x < img.w {
            if !ink(x) {
                x += 1;
                continue;
            }
            let start = x;
            let mut last = x;
            let mut dark = 1usize;
            let mut k = x + 1;
            while k < img.w && k <= last + gap + 1 {
                if ink(k) {
                    last = k;
                    dark += 1;
                }
                k += 1;
            }
            // a line is ink almost all along; a row through text (strokes
            // bridged over small gaps) is not
            let len = last + 1 - start;
            if len >= min_len && dark * 100 >= len * 90 {
                out.push((y, start, last));
            }
            x = k.max(last + 1);
        }
    }
    out
}

fn transpose(img: &Gray) -> Gray {
    let mut px = vec![255u8; img.w * img.h];
    for y in 0..img.h {
        for x in 0..img.w {
            px[x * img.h + y] = img.px[y * img.w + x];
        }
    }
    Gray {
        w: img.h,
        h: img.w,
        px,
    }
}

/// Runs on adjacent rows that overlap along most of their length are one
/// line; a band thicker than `max_thick` is a filled area, not a line.
fn runs_to_rules(runs: &[Run], max_thick: f64, vertical: bool) -> Vec<Rule> {
    // open lines: (first row, last row, x0, x1, sum of rows weighted)
    struct Open {
        y0: usize,
        y1: usize,
        x0: usize,
        x1: usize,
        wsum: f64,
        n: f64,
    }
    let mut open: Vec<Open> = Vec::new();
    let mut done: Vec<Open> = Vec::new();
    let mut i = 0;
    while i < runs.len() {
        let y = runs[i].0;
        let mut j = i;
        while j < runs.len() && runs[j].0 == y {
            j += 1;
        }
        let mut still: Vec<Open> = Vec::new();
        let mut used = vec![false; j - i];
        for mut o in open.drain(..) {
            if o.y1 + 1 < y {
                done.push(o);
                continue;
            }
            let mut grown = false;
            for (k, r) in runs[i..j].iter().enumerate() {
                if used[k] {
                    continue;
                }
                let ov = (o.x1.min(r.2) as isize - o.x0.max(r.1) as isize) as f64;
                let len = (o.x1 - o.x0).min(r.2 - r.1) as f64;
                if ov > 0.5 * len {
                    o.y1 = y;
                    o.x0 = o.x0.min(r.1);
                    o.x1 = o.x1.max(r.2);
                    let l = (r.2 - r.1 + 1) as f64;
                    o.wsum += y as f64 * l;
                    o.n += l;
                    used[k] = true;
                    grown = true;
                }
            }
            if grown || o.y1 + 1 >= y {
                still.push(o);
            } else {
                done.push(o);
            }
        }
        for (k, r) in runs[i..j].iter().enumerate() {
            if !used[k] {
                let l = (r.2 - r.1 + 1) as f64;
                still.push(Open {
                    y0: y,
                    y1: y,
                    x0: r.1,
                    x1: r.2,
                    wsum: y as f64 * l,
                    n: l,
                });
            }
        }
        open = still;
        i = j;
    }
    done.extend(open);
    done.into_iter()
        .filter(|o| ((o.y1 - o.y0 + 1) as f64) <= max_thick)
        .map(|o| Rule {
            vertical,
            pos: o.wsum / o.n + 0.5,
            from: o.x0 as f64,
            to: (o.x1 + 1) as f64,
        })
        .collect()
}

/// Thickness of each rule in pixels (for [`erase`]): the band of ink around
/// its position.
pub fn thickness(img: &Gray, rules: &[Rule]) -> Vec<f64> {
    let t = line_threshold(img);
    rules
        .iter()
        .map(|r| band_at(img, r, r.pos as isize, (r.from + r.to) / 2.0, t) as f64)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A blank page of paper at grey level `level`.
    fn paper(w: usize, h: usize, level: u8) -> Gray {
        Gray {
            w,
            h,
            px: vec![level; w * h],
        }
    }

    /// A white page with a grid of 2-pixel lines and some "text" blobs.
    fn grid() -> Gray {
        let mut g = Gray::white(600, 400).unwrap();
        for y in [50usize, 150, 250] {
            for x in 40..560 {
                g.px[y * 600 + x] = 0;
                g.px[(y + 1) * 600 + x] = 0;
            }
        }
        for x in [40usize, 300, 559] {
            for y in 50..252 {
                g.px[y * 600 + x] = 0;
            }
        }
        // a character-sized blob and a two-em dash: not rules
        for y in 90..110 {
            for x in 60..80 {
                g.px[y * 600 + x] = 0;
            }
        }
        for x in 100..140 {
            g.px[200 * 600 + x] = 0;
        }
        g
    }

    #[test]
    fn finds_the_grid_and_nothing_else() {
        let r = rules(&grid(), 150.0);
        let h: Vec<&Rule> = r.iter().filter(|r| !r.vertical).collect();
        let v: Vec<&Rule> = r.iter().filter(|r| r.vertical).collect();
        assert_eq!(h.len(), 3, "{h:?}");
        assert_eq!(v.len(), 3, "{v:?}");
        assert!((h[0].pos - 51.0).abs() < 1.0 && h[0].from <= 40.0 && h[0].to >= 559.0);
        assert!((v[1].pos - 300.5).abs() < 1.0);
    }

    #[test]
    fn bridges_small_gaps() {
        let mut g = Gray::white(400, 50).unwrap();
        for x in 10..390 {
            if x % 37 != 0 {
                g.px[20 * 400 + x] = 30;
            }
        }
        let r = rules(&g, 150.0);
        assert_eq!(r.len(), 1);
        assert!(r[0].to - r[0].from > 370.0);
    }

    #[test]
    fn joins_the_pieces_of_a_faint_line() {
        // a line that lost its ink in three places (80, 60 and 40 px at
        // 150 dpi), and beside it on the same row a run of text strokes
        let mut g = Gray::white(1000, 60).unwrap();
        for x in (20..900).filter(|x| {
            !(200..280).contains(x) && !(400..460).contains(x) && !(600..640).contains(x)
        }) {
            g.px[20 * 1000 + x] = 40;
        }
        let r = rules(&g, 150.0);
        assert_eq!(r.len(), 1, "{r:?}");
        assert!(r[0].from < 25.0 && r[0].to > 895.0, "{r:?}");
        // a gap of an inch and more: two lines
        let mut g = Gray::white(1000, 60).unwrap();
        for x in (20..900).filter(|x| !(300..460).contains(x)) {
            g.px[20 * 1000 + x] = 40;
        }
        assert_eq!(rules(&g, 150.0).len(), 2);
    }

    #[test]
    fn a_hairline_spread_over_two_rows_is_followed() {
        // paper at 236; a line dark (150) from 20 to 400, then spread over
        // two pixel rows (210 and 218: each lighter than the threshold of
        // 201, the two together as dark as the line) to 900, as turning a
        // scan back leaves a grey hairline
        let mut g = paper(1000, 120, 236);
        for x in 20..900 {
            if x < 400 {
                g.px[20 * 1000 + x] = 150;
            } else {
                g.px[20 * 1000 + x] = 210;
                g.px[21 * 1000 + x] = 218;
            }
        }
        // grey edges of text, spread the same way, with no line to carry
        // on, along the strokes' ink
        for x in 100..700 {
            for y in 76..80 {
                g.px[y * 1000 + x] = 90;
            }
            g.px[80 * 1000 + x] = 212;
            g.px[81 * 1000 + x] = 216;
        }
        let r = rules(&g, 150.0);
        // (the strokes' band, 4 px thick and 600 long, is a line itself)
        let r: Vec<&Rule> = r.iter().filter(|r| r.pos < 50.0).collect();
        assert_eq!(r.len(), 1, "{r:?}");
        assert!(r[0].from < 25.0 && r[0].to > 895.0, "{r:?}");
    }

    #[test]
    fn a_hairline_grey_all_along_is_a_ruling_alone() {
        // beijing-hrss's 收入总表 at 200 dpi, turned back by 0.62°: paper at
        // 248, threshold 213; the table's bottom ruling spread over two
        // pixel rows all along (214 and 222: neither row darker than the
        // threshold, the two together as dark as a line), paper right
        // along both sides
        let mut g = paper(1200, 200, 248);
        for x in 100..1100 {
            g.px[100 * 1200 + x] = 214;
            g.px[101 * 1200 + x] = 222;
        }
        // text's grey edge as long, against the strokes' ink above it
        for x in 100..1100 {
            g.px[150 * 1200 + x] = 214;
            g.px[151 * 1200 + x] = 222;
            if x % 40 < 30 {
                for y in 146..150 {
                    g.px[y * 1200 + x] = 60;
                }
            }
        }
        // a faint line shorter than 1.5 in (250 px), paper along it
        for x in 100..350 {
            g.px[30 * 1200 + x] = 214;
            g.px[31 * 1200 + x] = 222;
        }
        let r = rules(&g, 200.0);
        assert_eq!(r.len(), 1, "{r:?}");
        assert!((r[0].pos - 100.5).abs() < 1.0 && r[0].from < 105.0 && r[0].to > 1095.0);
    }

    #[test]
    fn a_line_through_the_middle_of_a_line_of_text_is_no_ruling() {
        // beijing-finance's bold header `一般公共预算资 | 政府性基金预算` at
        // 150 dpi: rulings at 20 and 80 across columns ruled at 20, 300 and
        // 580; in the upper half of the row a line of text from 30 to 570
        // (rows 30 to 42), its strokes so dense that its middle row is ink
        // almost all along, its rows off the middle ink over most of it
        let mut g = Gray::white(600, 100).unwrap();
        for x in 20..=580 {
            for y in [20, 80] {
                g.px[y * 600 + x] = 30;
            }
        }
        for y in 20..=80 {
            for x in [20, 300, 580] {
                g.px[y * 600 + x] = 30;
            }
        }
        for x in 30..570 {
            if (295..305).contains(&x) {
                continue;
            }
            for y in 30..=42 {
                let ink = y == 36 || (x + y) % 5 < 3;
                if ink {
                    g.px[y * 600 + x] = 40;
                }
            }
        }
        let r = rules(&g, 150.0);
        let h: Vec<&Rule> = r.iter().filter(|r| !r.vertical).collect();
        assert_eq!(h.len(), 2, "{h:?}");
        assert!(h
            .iter()
            .all(|r| (r.pos - 20.0).abs() < 1.0 || (r.pos - 80.0).abs() < 1.0));
    }

    #[test]
    fn a_thick_ruling_blurred_is_no_line_of_text() {
        // a frame 6 px thick at 300 dpi, its edges blurred by JPEG (a grey
        // row either side), across columns ruled at 20 and 580
        let mut g = Gray::white(600, 100).unwrap();
        for x in 20..=580 {
            for y in 40..46 {
                g.px[y * 600 + x] = 30;
            }
            g.px[39 * 600 + x] = 180;
            g.px[46 * 600 + x] = 180;
        }
        for y in 10..=90 {
            for x in [20, 580] {
                g.px[y * 600 + x] = 30;
            }
        }
        let r = rules(&g, 300.0);
        assert!(
            r.iter().any(|r| !r.vertical && (r.pos - 42.5).abs() < 1.5),
            "{r:?}"
        );
    }

    #[test]
    fn a_faint_column_ruling_between_two_found_lines_is_taken() {
        // paper at 248, threshold 213; dark rulings of two rows 0.3 in tall
        // at 200 dpi, crossed by a grey column ruling (216 beside 240:
        // lighter than the threshold, the two together as dark); beside it
        // a grey stroke that stops short of the rulings (text), and one
        // from a ruling to the next (a character filling its row)
        let mut g = paper(600, 200, 248);
        for x in 50..550 {
            for y in [20, 80, 140] {
                g.px[y * 600 + x] = 120;
            }
        }
        let mut faint = |x: usize, ys: std::ops::Range<usize>| {
            for y in ys {
                g.px[y * 600 + x] = 216;
                g.px[y * 600 + x + 1] = 240;
            }
        };
        faint(300, 19..142);
        faint(400, 28..134);
        faint(500, 79..142);
        let r = rules(&g, 200.0);
        let v: Vec<&Rule> = r.iter().filter(|r| r.vertical).collect();
        assert_eq!(v.len(), 1, "{r:?}");
        assert!((v[0].pos - 300.5).abs() < 1.5, "{r:?}");
    }

    #[test]
    fn a_line_short_of_a_column_ruling_is_carried_to_it() {
        // verticals at x = 20, 300 and 600; a row line from 120 (its first
        // 100 px lost) to 600, and one from 300 (beside a cell merged over
        // rows) to 600
        let mut g = Gray::white(700, 300).unwrap();
        for y in 10..290 {
            for x in [20, 300, 600] {
                g.px[y * 700 + x] = 40;
            }
        }
        for x in 120..=600 {
            g.px[100 * 700 + x] = 40;
        }
        for x in 300..=600 {
            g.px[200 * 700 + x] = 40;
        }
        let r = rules(&g, 150.0);
        let row = |y: f64| {
            r.iter()
                .find(|l| !l.vertical && (l.pos - y).abs() < 2.0)
                .copied()
                .unwrap()
        };
        assert!((row(100.5).from - 20.5).abs() < 2.0, "{r:?}");
        assert!((row(200.5).from - 300.0).abs() < 2.0, "{r:?}");
    }

    #[test]
    fn a_dark_column_ruling_one_header_line_tall_is_taken() {
        // rulings at 20, 60 and 100 px (150 dpi); the lower header line's
        // column ruling at x = 200 runs from the line at 60 to the one at
        // 100 only (`科目编码 | 科目名称` under `科目`), crossing none; a
        // stroke as dark that stops short of a ruling is text
        let mut g = Gray::white(600, 140).unwrap();
        for x in 50..550 {
            for y in [20, 60, 100] {
                g.px[y * 600 + x] = 30;
            }
        }
        for y in 20..=100 {
            g.px[y * 600 + 50] = 30;
            g.px[y * 600 + 549] = 30;
        }
        for y in 60..=100 {
            g.px[y * 600 + 200] = 30;
        }
        for y in 62..92 {
            g.px[y * 600 + 400] = 30;
        }
        let r = rules(&g, 150.0);
        let v: Vec<f64> = r.iter().filter(|r| r.vertical).map(|r| r.pos).collect();
        assert_eq!(v.len(), 3, "{r:?}");
        assert!(v.iter().any(|&x| (x - 200.0).abs() < 1.5), "{r:?}");
    }

    #[test]
    fn a_header_row_s_short_column_ruling_in_line_with_its_column_is_taken() {
        // xian's 支出明细表 at 200 dpi: a header row 30 px tall (rulings at
        // 20 and 50) over a total's row merged across the columns (to 80),
        // then rows whose column ruling at x = 300 runs on down; the header
        // row's ruling at 300 reaches into the rulings' ink; a stroke of
        // the total's label in the merged row, in line with it, stops short
        // of them
        let mut g = Gray::white(600, 300).unwrap();
        for y in [20usize, 50, 80, 110, 140, 170, 200] {
            for x in 50..550 {
                g.px[y * 600 + x] = 30;
            }
        }
        for y in 20..=200 {
            g.px[y * 600 + 50] = 30;
            g.px[y * 600 + 549] = 30;
        }
        for y in (20..=50).chain(80..=200) {
            g.px[y * 600 + 300] = 30;
        }
        for y in 55..76 {
            g.px[y * 600 + 300] = 30;
        }
        let r = rules(&g, 200.0);
        let at = |x: f64| -> Vec<(f64, f64)> {
            r.iter()
                .filter(|l| l.vertical && (l.pos - x).abs() < 2.0)
                .map(|l| (l.from, l.to))
                .collect()
        };
        let header = at(300.0);
        assert!(
            header
                .iter()
                .any(|&(a, b)| a <= 21.0 && (49.0..=51.0).contains(&b)),
            "{r:?}"
        );
        // the merged row between stays without a ruling
        assert!(!header.iter().any(|&(a, b)| a < 70.0 && b > 60.0), "{r:?}");
    }

    #[test]
    fn the_feet_of_a_line_of_text_from_ruling_to_ruling_are_no_ruling() {
        // xian-audit's `公务用车购置 | 公务用车运行` (bold strokes 2 px wide
        // every 3 px, 150 to 168) over the `费 | 维护费` they wrap to, their
        // feet one dark line at 170 from the column ruling at 200 across the
        // one at 290 to the one at 380: shorter than an inch, paper below
        let mut g = Gray::white(700, 300).unwrap();
        for y in 40..=260 {
            for x in [20, 200, 380] {
                g.px[y * 700 + x] = 30;
            }
        }
        for y in 120..=260 {
            g.px[y * 700 + 290] = 30;
        }
        for x in 20..=380 {
            for y in [40, 120, 260] {
                g.px[y * 700 + x] = 30;
            }
        }
        for x in 200..=380 {
            g.px[170 * 700 + x] = 30;
        }
        for x in 205..376 {
            if x % 3 == 2 || (288..=292).contains(&x) {
                continue;
            }
            for y in 150..=168 {
                g.px[y * 700 + x] = 30;
            }
        }
        let r = rules(&g, 200.0);
        assert!(
            !r.iter().any(|l| !l.vertical && (l.pos - 170.0).abs() < 3.0),
            "{r:?}"
        );
        // the row's ruling at 120, as long, paper either side, stays
        assert!(r.iter().any(|l| !l.vertical && (l.pos - 120.0).abs() < 2.0));
    }

    #[test]
    fn a_header_s_stroke_in_line_with_a_column_ruling_is_no_ruling() {
        // xian-audit's 三公 table at 200 dpi: a header row from 40 to 60
        // filled by `一般公共预算拨款安排的“三公”经费预算` (bold strokes 2 px
        // wide every 3 px, 43 to 57), over columns ruled at 300 and 450 from
        // 60 down; the stroke in line with 300 stops 2 px short of the
        // rulings, the ruling at 450 runs on up through the header unbroken
        let mut g = Gray::white(700, 300).unwrap();
        for y in 40..=260 {
            for x in [20, 600] {
                g.px[y * 700 + x] = 30;
            }
        }
        for y in 60..=260 {
            g.px[y * 700 + 300] = 30;
        }
        for y in 40..=260 {
            g.px[y * 700 + 450] = 30;
        }
        for x in 20..=600 {
            for y in [40, 60, 160, 260] {
                g.px[y * 700 + x] = 30;
            }
        }
        for x in 30..590 {
            if x % 3 == 2 || x == 449 || x == 451 {
                continue;
            }
            for y in 43..=57 {
                g.px[y * 700 + x] = 30;
            }
        }
        let r = rules(&g, 200.0);
        let col = |at: f64| {
            r.iter()
                .find(|l| l.vertical && (l.pos - at).abs() < 2.0)
                .copied()
                .unwrap_or_else(|| panic!("no ruling at {at}: {r:?}"))
        };
        assert!((col(300.0).from - 60.0).abs() < 2.0, "{r:?}");
        assert!((col(450.0).from - 40.0).abs() < 2.0, "{r:?}");
        // the page upside down: the same from the line's other end
        let r = rules(&g.turn(2), 200.0);
        let col = |at: f64| {
            r.iter()
                .find(|l| l.vertical && (l.pos - at).abs() < 2.0)
                .copied()
                .unwrap_or_else(|| panic!("no ruling at {at}: {r:?}"))
        };
        assert!((col(399.0).to - 239.0).abs() < 2.0, "{r:?}");
        assert!((col(249.0).to - 259.0).abs() < 2.0, "{r:?}");
    }

    #[test]
    fn a_line_running_on_through_text_stops_at_its_column_ruling() {
        // column rulings at 20, 300 and 600; a row line from 20 to the
        // ruling at 300, level with the middle of a label in the next cell
        // (glyphs from 320 to 560: a stroke along the line, strokes across
        // it every 4 px), whose strokes carry the run on to 560
        let mut g = Gray::white(700, 300).unwrap();
        for y in 10..290 {
            for x in [20, 300, 600] {
                g.px[y * 700 + x] = 30;
            }
        }
        for x in 20..=300 {
            g.px[150 * 700 + x] = 30;
        }
        for x in 320..560 {
            if x % 26 >= 24 {
                continue; // between two glyphs
            }
            g.px[150 * 700 + x] = 30;
            if x % 4 == 0 {
                for y in 138..162 {
                    g.px[y * 700 + x] = 30;
                }
            }
        }
        let r = rules(&g, 150.0);
        let row = r
            .iter()
            .find(|l| !l.vertical && (l.pos - 150.0).abs() < 2.0)
            .unwrap();
        assert!((row.to - 300.0).abs() < 2.0, "{r:?}");
        // and a column's ruling running on up into a group header centred
        // over it: the same page turned
        let r = rules(&transpose(&g), 150.0);
        let col = r
            .iter()
            .find(|l| l.vertical && (l.pos - 150.0).abs() < 2.0)
            .unwrap();
        assert!((col.to - 300.0).abs() < 2.0, "{r:?}");
    }

    #[test]
    fn the_feet_of_a_line_of_text_filling_its_cell_are_no_ruling() {
        // a cell from 20 to 200 between rows at 40 and 260; in it a line of
        // glyphs from 30 to 150 (their strokes every 2 px from 135 to 165,
        // their feet one stroke along 150, as `扣除基建项目后预算` prints);
        // beside it a short ruling with paper either side (200 to 290 at 100)
        let mut g = Gray::white(700, 300).unwrap();
        for y in 40..=260 {
            for x in [20, 200, 290, 600] {
                g.px[y * 700 + x] = 30;
            }
        }
        for x in 20..=600 {
            g.px[40 * 700 + x] = 30;
            g.px[260 * 700 + x] = 30;
        }
        for x in 200..=290 {
            g.px[100 * 700 + x] = 30;
        }
        for x in 30..150 {
            g.px[150 * 700 + x] = 30;
            if x % 2 == 0 {
                for y in 135..165 {
                    g.px[y * 700 + x] = 30;
                }
            }
        }
        let r = rules(&g, 150.0);
        let at = |pos: f64| r.iter().any(|l| !l.vertical && (l.pos - pos).abs() < 2.0);
        assert!(!at(150.0), "{r:?}");
        assert!(at(100.0) && at(40.0) && at(260.0), "{r:?}");
    }

    #[test]
    fn the_column_rulings_of_a_table_one_row_tall_are_taken() {
        // a total's row alone on a page (hangzhou's 收入总计 | 91,842.80 |
        // 支出总计 | 91,842.80): rulings at 100 and 130 across the page, the
        // column rulings between them 30 px tall (0.2 in at 150 dpi), under
        // what any pass takes alone; strokes of text in the cells stop
        // short of the rulings
        let mut g = Gray::white(700, 400).unwrap();
        for x in 20..=680 {
            g.px[100 * 700 + x] = 30;
            g.px[130 * 700 + x] = 30;
        }
        for y in 100..=130 {
            for x in [20, 300, 380, 680] {
                g.px[y * 700 + x] = 30;
            }
        }
        for x in (40..280).step_by(6) {
            for y in 108..123 {
                g.px[y * 700 + x] = 30;
            }
        }
        // (and a figure crammed into its cell, strokes every 2 px from
        // ruling to ruling: ink close along each, no ruling)
        for x in (480..520).step_by(2) {
            for y in 100..=130 {
                g.px[y * 700 + x] = 30;
            }
        }
        // (and in a table whose column rulings were found across its rows,
        // rows at 250, 290, 320 and 350, a `1` alone in a row 30 px tall
        // reaching from ruling to ruling is the figure it is)
        for x in 20..=680 {
            for y in [250, 290, 320, 350] {
                g.px[y * 700 + x] = 30;
            }
        }
        for y in 250..=350 {
            for x in [20, 680] {
                g.px[y * 700 + x] = 30;
            }
        }
        for y in 290..=320 {
            g.px[y * 700 + 300] = 30;
        }
        let r = rules(&g, 150.0);
        let cols: Vec<f64> = r
            .iter()
            .filter(|l| l.vertical && l.to < 150.0)
            .map(|l| l.pos)
            .collect();
        assert_eq!(cols.len(), 4, "{r:?}");
        assert!(
            !r.iter()
                .any(|l| l.vertical && (l.pos - 300.0).abs() < 2.0 && l.from > 200.0),
            "{r:?}"
        );
        for x in [20.0, 300.0, 380.0, 680.0] {
            assert!(cols.iter().any(|c| (c - x).abs() < 2.0), "{r:?}");
        }
    }

    #[test]
    fn finds_a_small_skew() {
        // parallel lines of "text" drawn at 1.5° down to the right
        let mut g = Gray::white(1200, 900).unwrap();
        let tan = 1.5f64.to_radians().tan();
        for line in 0..20 {
            let y0 = 100.0 + line as f64 * 35.0;
            for x in 100..1100 {
                if (x / 12) % 3 == 2 {
                    continue; // gaps between words
                }
                let y = (y0 + x as f64 * tan) as usize;
                for dy in 0..6 {
                    g.px[(y + dy) * 1200 + x] = 0;
                }
            }
        }
        let a = skew(&g);
        assert!((a - 1.5).abs() < 0.1, "{a}");
        let straight = g.rotate(a);
        assert!(skew(&straight).abs() < 0.1);
        assert_eq!(skew(&Gray::white(300, 300).unwrap()), 0.0);
    }

    #[test]
    fn a_page_of_few_words_is_measured_by_its_grey_rulings() {
        // a table of grey hairlines turned 1° down to the right, and a few
        // black words lined up at 2.5° up to the right (a header's words in
        // cells of different heights)
        let mut g = Gray::white(1200, 900).unwrap();
        g.px.iter_mut().for_each(|p| *p = 248);
        let tan = 1.0f64.to_radians().tan();
        for y0 in [300.0, 360.0, 420.0, 480.0] {
            for x in 100..1100 {
                g.px[(y0 + x as f64 * tan) as usize * 1200 + x] = 200;
            }
        }
        for x0 in [100.0, 600.0, 1100.0] {
            for y in 300..480 {
                g.px[y * 1200 + (x0 - y as f64 * tan) as usize] = 200;
            }
        }
        let up = 2.5f64.to_radians().tan();
        for k in 0..8 {
            let (x0, y0) = (
                150 + k * 120,
                (700.0 - (150 + k * 120) as f64 * up) as usize,
            );
            for y in y0..y0 + 14 {
                for x in x0..x0 + 30 {
                    g.px[y * 1200 + x] = 20;
                }
            }
        }
        let a = skew(&g);
        assert!((a - 1.0).abs() < 0.1, "{a}");
    }

    #[test]
    fn a_line_along_a_seal_is_the_seals_and_one_across_it_a_ruling() {
        // a page and the same page with a seal's body taken to paper: the
        // seal a band 40 px wide down x = 100..140, y = 50..250
        let mut img = Gray::white(400, 300).unwrap();
        let mut text = img.clone();
        for y in 50..250 {
            for x in 100..140 {
                img.px[y * 400 + x] = 212;
                text.px[y * 400 + x] = 251;
            }
        }
        let line = |vertical, pos, from, to| Rule {
            vertical,
            pos,
            from,
            to,
        };
        // its edge, a column's height: the seal's
        assert!(along_seal(&line(true, 100.0, 60.0, 200.0), &img, &text));
        // a row's ruling across it: a ruling
        assert!(!along_seal(&line(false, 120.0, 20.0, 380.0), &img, &text));
        // a column's ruling beside it, out of its reach: a ruling
        assert!(!along_seal(&line(true, 150.0, 60.0, 200.0), &img, &text));
        // a column's ruling reaching under it, a third of its length: a
        // ruling; most of its length: the seal's
        assert!(!along_seal(&line(true, 100.0, 220.0, 299.0), &img, &text));
        assert!(along_seal(&line(true, 100.0, 150.0, 290.0), &img, &text));
    }

    #[test]
    fn erases_rules() {
        let mut g = grid();
        let r = rules(&g, 150.0);
        let th = thickness(&g, &r);
        erase(&mut g, &r, &th);
        assert!(g.px[50 * 600 + 200] == 255 && g.px[51 * 600 + 200] == 255);
        // the blob stays
        assert_eq!(g.px[100 * 600 + 70], 0);
    }
}
