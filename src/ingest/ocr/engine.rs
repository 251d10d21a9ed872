//! The recognition engine: PP-OCRv6 text detection (DB) and recognition
//! (CTC) run through ONNX Runtime, with the pre- and post-processing written
//! here.
//!
//! - detection: the page (grey, replicated to three channels) scaled so its
//!   long side is at most [`DET_MAX_SIDE`] and its short side at least
//!   [`DET_MIN_SIDE`], to multiples of 32; the probability map thresholded at
//!   0.3 and dilated by one pixel; each connected region with mean probability
//!   0.5 or more is a text box, grown back by the DB "unclip" distance
//!   (area × 1.6 / perimeter). Pages are deskewed before this, so boxes are
//!   axis-aligned rectangles (no rotated-rectangle fitting is needed).
//! - recognition: each box cut from the full-resolution page, scaled to 48
//!   pixels high, batched by width; greedy CTC decoding gives every character
//!   with the frames where it was read, so its horizontal position inside the
//!   box is known (and two amounts in one detected box stay apart).

use super::image::Gray;
use ort::session::Session;
use ort::value::Tensor;
use std::path::Path;

/// Longest side of the detection input (pixels).
pub const DET_MAX_SIDE: usize = 2016;
/// Shortest side of the detection input (pixels).
pub const DET_MIN_SIDE: usize = 736;
/// Height of a recognition input line.
const REC_H: usize = 48;
/// Most lines in one recognition batch.
const REC_BATCH: usize = 8;
/// Most padded pixels in one recognition batch (keeps memory bounded when
/// long prose lines are recognised together).
const REC_BATCH_PIXELS: usize = 8 * REC_H * 1200;
/// Widest recognition input (pixels); a longer box is read in pieces.
const REC_MAX_W: usize = 3200;

/// One detected text box in page-image pixels: `[x0, y0, x1, y1]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DetBox {
    /// The box, in the page image's pixels.
    pub bounds: [f64; 4],
    /// Mean text probability inside the detected region.
    pub score: f32,
}

/// One recognised character: its text, where it was read (centre x and the
/// extent of the frames that read it, in page pixels) and how sure the model
/// was.
#[derive(Debug, Clone, PartialEq)]
pub struct RecChar {
    /// The character (`" "` for a space).
    pub ch: String,
    /// Left edge of the first frame that read it.
    pub fx0: f64,
    /// Right edge of the last frame that read it.
    pub fx1: f64,
    /// Highest softmax probability over its frames.
    pub prob: f32,
}

/// What one box reads as.
#[derive(Debug, Clone, PartialEq)]
pub struct RecLine {
    /// The characters, left to right.
    pub chars: Vec<RecChar>,
}

/// A detection and a recognition session with the recognition dictionary:
/// what one worker thread needs. Sessions are not shared between threads.
pub struct Engine {
    det: Session,
    rec: Session,
    dict: std::sync::Arc<Vec<String>>,
}

/// The ONNX Runtime environment of this process, created once from the
/// runtime library found on the machine.
static ENV: std::sync::OnceLock<Result<ort::environment::Environment, String>> =
    std::sync::OnceLock::new();

/// Loads ONNX Runtime from `lib` (once per process; later calls reuse the
/// first result). A library that is missing or of the wrong kind is an error
/// here, never an abort: the file is checked before it is handed to `ort`.
pub fn runtime(lib: &Path) -> Result<&'static ort::environment::Environment, String> {
    ENV.get_or_init(|| {
        if !lib.is_file() {
            return Err(format!("ONNX Runtime library {} not found", lib.display()));
        }
        let builder = ort::init_from(lib).map_err(|e| {
            format!(
                "ONNX Runtime library {} could not be loaded: {e}",
                lib.display()
            )
        })?;
        builder
            .with_name("juesuan")
            .with_telemetry(false)
            .build()
            .map_err(|e| format!("ONNX Runtime could not start: {e}"))
    })
    .as_ref()
    .map_err(|e| e.clone())
}

fn session(env: &ort::environment::Environment, model: &Path) -> Result<Session, String> {
    let err = |e: ort::Error| format!("{}: {e}", model.display());
    Session::builder(env)
        .map_err(err)?
        .with_intra_threads(1)
        .map_err(|e| err(e.into()))?
        .with_inter_threads(1)
        .map_err(|e| err(e.into()))?
        .with_memory_pattern(true)
        .map_err(|e| err(e.into()))?
        .commit_from_file(model)
        .map_err(err)
}

impl Engine {
    /// A worker's sessions over the models found by [`super::setup`].
    pub fn new(
        env: &ort::environment::Environment,
        det: &Path,
        rec: &Path,
        dict: Option<std::sync::Arc<Vec<String>>>,
    ) -> Result<Engine, String> {
        let det = session(env, det)?;
        let rec_s = session(env, rec)?;
        let dict = match dict {
            Some(d) => d,
            None => std::sync::Arc::new(read_dict(&rec_s, rec)?),
        };
        Ok(Engine {
            det,
            rec: rec_s,
            dict,
        })
    }

    /// The recognition dictionary (shared by every worker).
    pub fn dict(&self) -> std::sync::Arc<Vec<String>> {
        self.dict.clone()
    }

    /// The text boxes of a page image.
    pub fn detect(&mut self, img: &Gray) -> Result<Vec<DetBox>, String> {
        let (w, h) = det_size(img.w, img.h);
        let small = img.resize(w, h);
        let mut input = vec![0f32; 3 * w * h];
        for (i, &v) in small.px.iter().enumerate() {
            let f = (v as f32 / 255.0 - 0.5) / 0.5;
            input[i] = f;
            input[w * h + i] = f;
            input[2 * w * h + i] = f;
        }
        drop(small);
        let t = Tensor::from_array(([1usize, 3, h, w], input)).map_err(|e| e.to_string())?;
        let out = self
            .det
            .run(ort::inputs![t])
            .map_err(|e| format!("text detection failed: {e}"))?;
        let (shape, prob) = out[0]
            .try_extract_tensor::<f32>()
            .map_err(|e| e.to_string())?;
        let dims: Vec<i64> = shape.iter().copied().collect();
        if dims.len() != 4 || dims[2] as usize != h || dims[3] as usize != w {
            return Err(format!("unexpected detection output shape {dims:?}"));
        }
        let sx = img.w as f64 / w as f64;
        let sy = img.h as f64 / h as f64;
        Ok(boxes_from_map(prob, w, h)
            .into_iter()
            .map(|b| DetBox {
                bounds: [
                    (b.bounds[0] * sx).max(0.0),
                    (b.bounds[1] * sy).max(0.0),
                    (b.bounds[2] * sx).min(img.w as f64),
                    (b.bounds[3] * sy).min(img.h as f64),
                ],
                score: b.score,
            })
            .collect())
    }

    /// Reads each box of `img`.
    pub fn recognise(&mut self, img: &Gray, boxes: &[[f64; 4]]) -> Result<Vec<RecLine>, String> {
        // each box as a 48-pixel-high strip, cut in pieces when very long
        struct Piece {
            line: usize,
            x0: f64,
            scale: f64,
            img: Gray,
        }
        let mut pieces: Vec<Piece> = Vec::new();
        for (i, b) in boxes.iter().enumerate() {
            let (x0, y0) = (
                b[0].floor().max(0.0) as usize,
                b[1].floor().max(0.0) as usize,
            );
            let (x1, y1) = (b[2].ceil() as usize, b[3].ceil() as usize);
            if x1 <= x0 + 1 || y1 <= y0 + 1 {
                continue;
            }
            let crop = img.crop(x0, y0, x1, y1);
            let scale = REC_H as f64 / crop.h as f64;
            let tw = ((crop.w as f64 * scale).ceil() as usize).max(8);
            if tw <= REC_MAX_W {
                pieces.push(Piece {
                    line: i,
                    x0: x0 as f64,
                    scale: tw as f64 / crop.w as f64,
                    img: crop.resize(tw, REC_H),
                });
            } else {
                // overlapping pieces; characters read twice are dropped below
                let step = ((REC_MAX_W as f64 * 0.9) / scale) as usize;
                let span = (REC_MAX_W as f64 / scale) as usize;
                let mut s = 0;
                while s < crop.w {
                    let e = (s + span).min(crop.w);
                    let part = crop.crop(s, 0, e, crop.h);
                    let tw = ((part.w as f64 * scale).ceil() as usize).max(8);
                    pieces.push(Piece {
                        line: i,
                        x0: (x0 + s) as f64,
                        scale: tw as f64 / part.w as f64,
                        img: part.resize(tw, REC_H),
                    });
                    if e == crop.w {
                        break;
                    }
                    s += step;
                }
            }
        }
        let mut order: Vec<usize> = (0..pieces.len()).collect();
        order.sort_by_key(|&k| pieces[k].img.w);
        let mut lines: Vec<RecLine> = vec![RecLine { chars: Vec::new() }; boxes.len()];
        let mut k = 0;
        while k < order.len() {
            // a batch: up to REC_BATCH pieces of similar width
            let mut end = k + 1;
            while end < order.len()
                && end - k < REC_BATCH
                && (end - k + 1) * pieces[order[end]].img.w * REC_H <= REC_BATCH_PIXELS
            {
                end += 1;
            }
            let batch = &order[k..end];
            let bw = batch
                .iter()
                .map(|&i| pieces[i].img.w)
                .max()
                .unwrap_or(8)
                .max(REC_H * 2);
            let n = batch.len();
            let plane = REC_H * bw;
            let mut input = vec![0f32; n * 3 * plane];
            for (bi, &pi) in batch.iter().enumerate() {
                let p = &pieces[pi].img;
                for y in 0..REC_H {
                    for x in 0..p.w {
                        let f = (p.px[y * p.w + x] as f32 / 255.0 - 0.5) / 0.5;
                        let o = bi * 3 * plane + y * bw + x;
                        input[o] = f;
                        input[o + plane] = f;
                        input[o + 2 * plane] = f;
                    }
                }
            }
            let t = Tensor::from_array(([n, 3, REC_H, bw], input)).map_err(|e| e.to_string())?;
            let out = self
                .rec
                .run(ort::inputs![t])
                .map_err(|e| format!("text recognition failed: {e}"))?;
            let (shape, data) = out[0]
                .try_extract_tensor::<f32>()
                .map_err(|e| e.to_string())?;
            let dims: Vec<i64> = shape.iter().copied().collect();
            if dims.len() != 3 || dims[0] as usize != n || dims[1] <= 0 {
                return Err(format!("unexpected recognition output shape {dims:?}"));
            }
            let (steps, classes) = (dims[1] as usize, dims[2] as usize);
            if classes != self.dict.len() + 2 {
                return Err(format!(
                    "the recognition model has {classes} classes but its dictionary {} characters",
                    self.dict.len()
                ));
            }
            let frame = bw as f64 / steps as f64;
            for (bi, &pi) in batch.iter().enumerate() {
                let p = &pieces[pi];
                let seq = &data[bi * steps * classes..(bi + 1) * steps * classes];
                let chars = ctc_decode(seq, steps, classes, &self.dict);
                let line = &mut lines[p.line];
                for c in chars {
                    let fx0 = p.x0 + c.0 as f64 * frame / p.scale;
                    let fx1 = p.x0 + (c.1 + 1) as f64 * frame / p.scale;
                    if fx0 >= p.x0 + p.img.w as f64 / p.scale {
                        continue; // read in the padding
                    }
                    // overlapping pieces: keep the first reading of a place
                    if line
                        .chars
                        .last()
                        .is_some_and(|l| (fx0 + fx1) / 2.0 <= l.fx1)
                    {
                        continue;
                    }
                    line.chars.push(RecChar {
                        ch: c.2,
                        fx0,
                        fx1,
                        prob: c.3,
                    });
                }
            }
            k = end;
        }
        Ok(lines)
    }
}

/// The dictionary stored in the recognition model's metadata (`character`,
/// one character per line).
fn read_dict(rec: &Session, path: &Path) -> Result<Vec<String>, String> {
    let meta = rec.metadata().map_err(|e| e.to_string())?;
    let chars = meta.custom("character").ok_or_else(|| {
        format!(
            "{}: the model carries no character dictionary (metadata key `character`)",
            path.display()
        )
    })?;
    let dict: Vec<String> = chars
        .split('\n')
        .map(|s| s.trim_end_matches('\r').to_string())
        .collect();
    let dict = if dict.last().is_some_and(|s| s.is_empty()) {
        dict[..dict.len() - 1].to_vec()
    } else {
        dict
    };
    if dict.len() < 100 {
        return Err(format!("{}: the dictionary is too small", path.display()));
    }
    Ok(dict)
}

/// The detection input size for a page of `w` × `h` pixels: multiples of 32,
/// long side at most [`DET_MAX_SIDE`], short side at least [`DET_MIN_SIDE`]
/// where that does not break the first rule.
pub fn det_size(w: usize, h: usize) -> (usize, usize) {
    let (w, h) = (w.max(1) as f64, h.max(1) as f64);
    let mut r = 1.0f64;
    if w.min(h) * r < DET_MIN_SIDE as f64 {
        r = DET_MIN_SIDE as f64 / w.min(h);
    }
    if w.max(h) * r > DET_MAX_SIDE as f64 {
        r = DET_MAX_SIDE as f64 / w.max(h);
    }
    let round = |v: f64| (((v * r) / 32.0).round() as usize).max(1) * 32;
    (round(w), round(h))
}

/// Greedy CTC decoding: (first frame, last frame, character, probability)
/// of each character read. Class 0 is the blank, class `dict.len() + 1` a
/// space.
fn ctc_decode(
    seq: &[f32],
    steps: usize,
    classes: usize,
    dict: &[String],
) -> Vec<(usize, usize, String, f32)> {
    let mut out: Vec<(usize, usize, String, f32)> = Vec::new();
    let mut prev = 0usize;
    for t in 0..steps {
        let row = &seq[t * classes..(t + 1) * classes];
        let (mut best, mut p) = (0usize, f32::MIN);
        for (i, &v) in row.iter().enumerate() {
            if v > p {
                p = v;
                best = i;
            }
        }
        if best != 0 {
            if best == prev {
                if let Some(last) = out.last_mut() {
                    last.1 = t;
                    last.3 = last.3.max(p);
                }
            } else {
                let ch = if best <= dict.len() {
                    dict[best - 1].clone()
                } else {
                    " ".to_string()
                };
                out.push((t, t, ch, p));
            }
        }
        prev = best;
    }
    out
}

/// Text boxes from a DB probability map of `w` × `h`: connected regions of
/// probability above 0.3 (dilated by one pixel), kept when their mean
/// probability is 0.5 or more and they are at least 3 pixels tall, each grown
/// by the unclip distance.
pub fn boxes_from_map(prob: &[f32], w: usize, h: usize) -> Vec<DetBox> {
    const THRESH: f32 = 0.3;
    const BOX_THRESH: f32 = 0.5;
    const UNCLIP: f64 = 1.6;
    const MAX_BOXES: usize = 3000;
    let n = w * h;
    if prob.len() < n {
        return Vec::new();
    }
    // 2×2 dilation of the thresholded map
    let mut mask = vec![false; n];
    for y in 0..h {
        for x in 0..w {
            let on = |xx: usize, yy: usize| prob[yy * w + xx] > THRESH;
            mask[y * w + x] = on(x, y)
                || (x > 0 && on(x - 1, y))
                || (y > 0 && on(x, y - 1))
                || (x > 0 && y > 0 && on(x - 1, y - 1));
        }
    }
    let mut label = vec![0u32; n];
    /// A connected region: its label, bounds, probability sum and size.
    struct Comp {
        id: u32,
        b: [usize; 4],
        sum: f64,
        count: usize,
    }
    let mut comps: Vec<Comp> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut next = 0u32;
    for start in 0..n {
        if !mask[start] || label[start] != 0 {
            continue;
        }
        next += 1;
        let (mut x0, mut y0, mut x1, mut y1) = (usize::MAX, usize::MAX, 0usize, 0usize);
        let (mut sum, mut count) = (0f64, 0usize);
        stack.clear();
        stack.push(start);
        label[start] = next;
        while let Some(p) = stack.pop() {
            let (x, y) = (p % w, p / w);
            x0 = x0.min(x);
            x1 = x1.max(x);
            y0 = y0.min(y);
            y1 = y1.max(y);
            sum += prob[p] as f64;
            count += 1;
            let mut push = |q: usize| {
                if mask[q] && label[q] == 0 {
                    label[q] = next;
                    stack.push(q);
                }
            };
            if x > 0 {
                push(p - 1);
            }
            if x + 1 < w {
                push(p + 1);
            }
            if y > 0 {
                push(p - w);
            }
            if y + 1 < h {
                push(p + w);
            }
        }
        comps.push(Comp {
            id: next,
            b: [x0, y0, x1, y1],
            sum,
            count,
        });
        if comps.len() >= MAX_BOXES {
            break;
        }
    }
    // a region much taller than text lines are is lines run together
    // (tight rows, a stroke touching the line below): cut it where its
    // sure text (probability 0.5 and more) leaves a row empty
    let mut heights: Vec<usize> = comps.iter().map(|c| c.b[3] - c.b[1] + 1).collect();
    heights.sort_unstable();
    let median = heights.get(heights.len() / 2).copied().unwrap_or(0) as f64;
    let mut parts: Vec<Comp> = Vec::with_capacity(comps.len());
    for c in comps {
        let [x0, y0, x1, y1] = c.b;
        if median < 3.0 || ((y1 - y0 + 1) as f64) < 1.7 * median {
            parts.push(c);
            continue;
        }
        let rows: Vec<(usize, f64)> = (y0..=y1)
            .map(|y| {
                let (mut k, mut s) = (0usize, 0f64);
                for x in x0..=x1 {
                    let p = y * w + x;
                    if label[p] == c.id && prob[p] > 0.5 {
                        k += 1;
                        s += prob[p] as f64;
                    }
                }
                (k, s)
            })
            .collect();
        let mut start: Option<usize> = None;
        let before = parts.len();
        for (i, &(k, _)) in rows.iter().chain(std::iter::once(&(0, 0.0))).enumerate() {
            match (k > 0, start) {
                (true, None) => start = Some(i),
                (false, Some(a)) => {
                    let band = &rows[a..i];
                    let count: usize = band.iter().map(|r| r.0).sum();
                    let sum: f64 = band.iter().map(|r| r.1).sum();
                    let (bx0, bx1) = (a..i).fold((x1, x0), |(l, r), j| {
                        let y = y0 + j;
                        let row = &label[y * w + x0..=y * w + x1];
                        let first = row.iter().position(|&v| v == c.id);
                        let last = row.iter().rposition(|&v| v == c.id);
                        match (first, last) {
                            (Some(f), Some(e)) => (l.min(x0 + f), r.max(x0 + e)),
                            _ => (l, r),
                        }
                    });
                    if bx1 >= bx0 && count > 0 {
                        parts.push(Comp {
                            id: c.id,
                            b: [bx0, y0 + a, bx1, y0 + i - 1],
                            sum,
                            count,
                        });
                    }
                    start = None;
                }
                _ => {}
            }
        }
        if parts.len() == before {
            parts.push(c);
        }
    }
    let mut out = Vec::new();
    for c in parts {
        let [x0, y0, x1, y1] = c.b;
        let (sum, count) = (c.sum, c.count.max(1));
        let (bw, bh) = ((x1 - x0 + 1) as f64, (y1 - y0 + 1) as f64);
        if bw.min(bh) < 3.0 {
            continue;
        }
        let score = (sum / count as f64) as f32;
        if score < BOX_THRESH {
            continue;
        }
        let d = bw * bh * UNCLIP / (2.0 * (bw + bh));
        out.push(DetBox {
            bounds: [
                (x0 as f64 - d).max(0.0),
                (y0 as f64 - d).max(0.0),
                (x1 as f64 + 1.0 + d).min(w as f64),
                (y1 as f64 + 1.0 + d).min(h as f64),
            ],
            score,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn det_sizes_are_multiples_of_32() {
        let (w, h) = det_size(1240, 1754);
        assert_eq!((w % 32, h % 32), (0, 0));
        assert!(w.min(h) >= 700 && w.max(h) <= DET_MAX_SIDE);
        let (w, h) = det_size(2480, 3508);
        assert!(h <= DET_MAX_SIDE && w > 1300, "{w}×{h}");
        let (w, h) = det_size(200, 100);
        assert!(w >= 32 && h >= 32);
    }

    #[test]
    fn boxes_from_a_map() {
        // two blobs of text probability on a 40 × 20 map
        let (w, h) = (40, 20);
        let mut p = vec![0f32; w * h];
        for y in 8..12 {
            for x in 2..15 {
                p[y * w + x] = 0.9;
            }
            for x in 25..38 {
                p[y * w + x] = 0.9;
            }
        }
        let b = boxes_from_map(&p, w, h);
        assert_eq!(b.len(), 2);
        assert!(b[0].bounds[0] < 2.0 && b[0].bounds[2] > 15.0 && b[0].bounds[2] < 25.0);
        // too faint a region is no text
        let faint = vec![0.35f32; w * h];
        assert!(boxes_from_map(&faint, w, h).is_empty());
        // a map of the wrong size gives nothing rather than a panic
        assert!(boxes_from_map(&p[..10], w, h).is_empty());
    }

    #[test]
    fn ctc_collapses_repeats_and_blanks() {
        let dict: Vec<String> = ["1", "2"].iter().map(|s| s.to_string()).collect();
        // classes: blank, "1", "2", space
        let frames = [1usize, 1, 0, 1, 2, 2, 3, 2];
        let mut seq = vec![0f32; frames.len() * 4];
        for (t, &c) in frames.iter().enumerate() {
            seq[t * 4 + c] = 1.0;
        }
        let out = ctc_decode(&seq, frames.len(), 4, &dict);
        let text: String = out.iter().map(|c| c.2.as_str()).collect();
        assert_eq!(text, "112 2");
        assert_eq!((out[0].0, out[0].1), (0, 1));
        assert_eq!((out[2].0, out[2].1), (4, 5));
    }
}
