//! OCR of scanned pages: page images → positioned words and ruling lines for
//! the [`geometry`](crate::geometry) stage, so a scanned table becomes the
//! same lines of cells as its text-layer twin.
//!
//! Per page (see each module):
//! 1. [`page`]: the page image: its embedded scan taken as it is (JPEG,
//!    Flate, CCITT, JBIG2 decoded in [`decode`]), composed from several
//!    images, or rendered by `pdftoppm`; colour becomes grey twice where a
//!    red seal is stamped on it: its body a light grey for finding rulings,
//!    paper for reading text ([`image::Seal`]);
//! 2. [`prep`]: the skew measured and undone; ruling lines found (they go to
//!    the geometry stage as a PDF's rulings do);
//! 3. [`engine`]: PP-OCRv6 detection and recognition through ONNX Runtime;
//! 4. [`words`]: every character as a [`geometry::Word`](crate::geometry::Word)
//!    placed where it was read, in page points.
//!
//! Pages are read in parallel, one engine (a pair of single-threaded ONNX
//! sessions) per worker, and only the words of a page outlive its task, so
//! memory is bounded by the number of workers, not the number of pages.
//!
//! Why our own thin pipeline on `ort` rather than the `oar-ocr` crate: see
//! the README ("Reading scans"). In short: the same models and runtime, the
//! same speed, but `oar-ocr` 0.10 pins `ort` 2.0.0-rc.13 and brings
//! `tokenizers` (with the oniguruma C library), `nalgebra`, `imageproc` and
//! `clipper2` for features a table reader does not use, and gives line boxes
//! only; here CTC decoding keeps each character's position, so two amounts
//! that the detector puts in one box still land in their own columns, and
//! deskewing happens before detection.

pub mod decode;
pub mod engine;
pub mod image;
pub mod page;
pub mod prep;
pub mod setup;
mod words;

use crate::geometry::{Rule, Word};
use engine::Engine;
use image::Gray;
use page::PageImage;
use std::borrow::Cow;
use std::sync::{Arc, Mutex, OnceLock};

pub use setup::{set_models_dir, INSTALL_HINT};

/// What OCR read on one page, in page points (the geometry stage's input).
#[derive(Debug, Clone, Default)]
pub struct OcrPage {
    /// One word per character read (whitespace words between parts that stand
    /// apart), each with the recogniser's confidence.
    pub words: Vec<Word>,
    /// The ruling lines seen in the image.
    pub rules: Vec<Rule>,
    /// The skew that was undone, in degrees.
    pub skew: f64,
    /// How the page image was obtained (`embedded`, `composed`, `rendered`).
    pub how: &'static str,
    /// Resolution of the page image.
    pub dpi: f64,
}

/// The loaded models: a pool of engines (one per worker thread, created as
/// needed) sharing one dictionary.
pub struct Ocr {
    models: setup::Models,
    env: &'static ort::environment::Environment,
    pool: Mutex<Vec<Engine>>,
    dict: Mutex<Option<Arc<Vec<String>>>>,
}

static OCR: OnceLock<Result<Ocr, String>> = OnceLock::new();

/// The OCR engine of this process, loaded on first use; the error says what
/// to install when the models or the runtime are missing.
pub fn ocr() -> Result<&'static Ocr, String> {
    OCR.get_or_init(|| {
        let models = setup::locate()?;
        let env = engine::runtime(&models.runtime)
            .map_err(|e| format!("{e}; {}", setup::INSTALL_HINT))?;
        let first = Engine::new(env, &models.det, &models.rec, None)?;
        let dict = first.dict();
        Ok(Ocr {
            models,
            env,
            pool: Mutex::new(vec![first]),
            dict: Mutex::new(Some(dict)),
        })
    })
    .as_ref()
    .map_err(|e| e.clone())
}

impl Ocr {
    /// Runs `f` with an engine of the pool (made when none is free).
    fn with_engine<T>(&self, f: impl FnOnce(&mut Engine) -> T) -> Result<T, String> {
        let e = self.pool.lock().ok().and_then(|mut p| p.pop());
        let mut e = match e {
            Some(e) => e,
            None => {
                let dict = self.dict.lock().ok().and_then(|d| d.clone());
                Engine::new(self.env, &self.models.det, &self.models.rec, dict)?
            }
        };
        let r = f(&mut e);
        if let Ok(mut p) = self.pool.lock() {
            p.push(e);
        }
        Ok(r)
    }

    /// Reads one page image.
    pub fn read(&self, pi: &PageImage) -> Result<OcrPage, String> {
        self.with_engine(|e| read_with(e, pi))?
    }
}

/// The whole per-page pipeline with one engine.
fn read_with(engine: &mut Engine, pi: &PageImage) -> Result<OcrPage, String> {
    let skew = prep::skew(&pi.img);
    fn straighten(g: &Gray, skew: f64) -> Cow<'_, Gray> {
        if skew.abs() >= 0.05 {
            Cow::Owned(g.rotate(skew))
        } else {
            Cow::Borrowed(g)
        }
    }
    let img = straighten(&pi.img, skew);
    let text = pi.text.as_ref().map(|t| straighten(t, skew));
    let mut rules_px = prep::rules(&img, pi.dpi);
    // (no line drawn by a red seal's marks)
    if let Some(t) = &text {
        rules_px.retain(|r| !prep::along_seal(r, &img, t));
    }
    // text is detected and read on the page as it is, a red seal taken out:
    // whitening the rulings first (measured on the scanned twins) cut
    // strokes of characters that touch them (环 read as 坏, 入 as 人) and let
    // boxes run across columns
    let text: &Gray = text.as_deref().unwrap_or(&img);
    let boxes = engine.detect(text)?;
    let bounds: Vec<[f64; 4]> = boxes.iter().map(|b| b.bounds).collect();
    let lines = engine.recognise(text, &bounds)?;
    let (ox, oy) = pi.origin;
    let (sx, sy) = pi.scale;
    let mut words = Vec::new();
    for (b, l) in bounds.iter().zip(&lines) {
        for mut w in words::words_of(l, b[1], b[3]) {
            w.x0 = ox + w.x0 * sx;
            w.x1 = ox + w.x1 * sx;
            w.top = oy + w.top * sy;
            w.bottom = oy + w.bottom * sy;
            w.size *= sy;
            words.push(w);
        }
    }
    let rules = rules_px
        .into_iter()
        .map(|r| {
            if r.vertical {
                Rule {
                    vertical: true,
                    pos: ox + r.pos * sx,
                    from: oy + r.from * sy,
                    to: oy + r.to * sy,
                }
            } else {
                Rule {
                    vertical: false,
                    pos: oy + r.pos * sy,
                    from: ox + r.from * sx,
                    to: ox + r.to * sx,
                }
            }
        })
        .collect::<Vec<Rule>>();
    words::drop_ruling_bars(&mut words, &rules);
    Ok(OcrPage {
        words,
        rules,
        skew,
        how: pi.how,
        dpi: pi.dpi,
    })
}
