//! Pages without a usable text layer, read by OCR (see
//! [`ingest::ocr`](crate::ingest::ocr)).
//!
//! A page is read by OCR when it draws an image and its text layer is not
//! usable: no visible text at all, or text that decodes to junk (mostly
//! U+FFFD, private-use or control characters: a font without a usable
//! encoding). Only those pages are read; the others keep their text layer, so
//! a PDF of typed and scanned pages works.
//!
//! Pages are read in parallel (one OCR engine per worker); only a page's
//! words and rulings outlive its task. When every page is a scan, the first
//! [`FIRST_PAGES`] are read first, and the file is refused as not a report
//! unless their text names a 部门预算/决算 of a year or a table of one, so a
//! 300-page scanned notice costs three pages, not three hundred.

use super::content::PageContent;
use super::{Extra, PARALLEL_PAGES};
use crate::geometry;
use crate::grammar::grammar;
use crate::ingest::ocr;
use pdf_extract::Document;
use rayon::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Pages read before a scan is judged to be a report or not.
pub const FIRST_PAGES: usize = 3;

/// Fewest characters read with confidence on the first pages for a scan to
/// be judged by its text (fewer: a blank or pictorial scan, which has no
/// text layer and no text in its images either).
pub const MIN_CHARS: usize = 10;

/// Time each OCR'd page adds to the time allowed for the file.
pub const TIME_PER_PAGE: Duration = Duration::from_secs(30);

/// Why the scanned pages were not read.
#[derive(Debug)]
pub(crate) enum ScanError {
    /// OCR cannot run on this machine (the message says what to install).
    Unavailable(String),
    /// The first pages read are not a report.
    NotAReport(String),
    /// Time ran out.
    Timeout,
}

/// A page read by OCR, with a note for the warnings where there is one, or
/// the warning that says why it could not be read.
pub(crate) type Scanned = Result<(geometry::Page, Option<String>), String>;

/// True when the page's text layer is worth reading: some visible text, and
/// not mostly characters that stand for nothing (U+FFFD, private use,
/// control characters).
pub(crate) fn usable_text(c: &PageContent) -> bool {
    let mut seen = 0usize;
    let mut junk = 0usize;
    for g in &c.glyphs {
        for ch in g.text.chars().filter(|c| !c.is_whitespace()) {
            seen += 1;
            let u = ch as u32;
            if ch == '\u{fffd}' || (0xE000..=0xF8FF).contains(&u) || ch.is_control() {
                junk += 1;
            }
        }
    }
    seen > 0 && junk * 2 < seen
}

/// The share of the page the largest image drawn on it covers, 0–1.
pub(crate) fn image_cover(c: &PageContent) -> f64 {
    let area = (c.width * c.height).max(1.0);
    c.placed
        .iter()
        .map(|p| {
            let m = p.ctm;
            let pts = [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)]
                .map(|(x, y)| (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5]));
            let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
            for (x, y) in pts {
                x0 = x0.min(x);
                y0 = y0.min(y);
                x1 = x1.max(x);
                y1 = y1.max(y);
            }
            let w = (x1.min(c.width) - x0.max(0.0)).max(0.0);
            let h = (y1.min(c.height) - y0.max(0.0)).max(0.0);
            if (w * h).is_finite() {
                w * h / area
            } else {
                0.0
            }
        })
        .fold(0.0, f64::max)
}

/// Reads the pages `scanned` (page numbers of `contents`) by OCR.
/// `all_scanned`: no page has a usable text layer, so the first pages decide
/// whether the file is a report at all.
pub(crate) fn read_scanned(
    doc: &Document,
    bytes: &[u8],
    contents: &[(u32, PageContent)],
    scanned: &[u32],
    all_scanned: bool,
    deadline: Instant,
    extra: &Extra,
) -> Result<Vec<Scanned>, ScanError> {
    let engine = ocr::ocr().map_err(ScanError::Unavailable)?;
    let rendered = Rendered::new(bytes);
    let late = AtomicBool::new(false);
    let read_one = |pno: u32| -> Scanned {
        if late.load(Ordering::Relaxed) || Instant::now() > deadline + extra.get() {
            late.store(true, Ordering::Relaxed);
            return Err(format!("page {pno}: no time was left to read it"));
        }
        extra.add(TIME_PER_PAGE);
        let Some((_, c)) = contents.iter().find(|(p, _)| *p == pno) else {
            return Err(format!("page {pno} is missing"));
        };
        let placed: Vec<ocr::page::Placement> = c
            .placed
            .iter()
            .map(|p| ocr::page::Placement {
                id: p.id,
                ctm: p.ctm,
            })
            .collect();
        let (pi, note) = match ocr::page::from_images(doc, &placed, c.width, c.height) {
            Ok(pi) => (pi, None),
            Err(why) => match rendered.page(pno, c.width, c.height) {
                Ok(pi) => (
                    pi,
                    Some(format!(
                        "page {pno}: its image could not be taken as it is ({why}); the page was rendered for OCR"
                    )),
                ),
                Err(e) => {
                    return Err(format!(
                        "page {pno} has no usable text layer and its image could not be read ({why}; {e}); its content is missing"
                    ))
                }
            },
        };
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| engine.read(&pi)));
        drop(pi);
        match r {
            Ok(Ok(p)) => Ok((
                geometry::Page {
                    number: pno,
                    width: c.width,
                    height: c.height,
                    words: p.words,
                    rules: p.rules,
                },
                note,
            )),
            Ok(Err(e)) => Err(format!(
                "page {pno}: OCR failed ({e}); its content is missing"
            )),
            Err(_) => Err(format!("page {pno}: OCR failed; its content is missing")),
        }
    };
    let parallel = PARALLEL_PAGES.load(Ordering::Relaxed);
    let run = |pages: &[u32]| -> Vec<Scanned> {
        if parallel && pages.len() > 1 {
            pages.par_iter().map(|&p| read_one(p)).collect()
        } else {
            pages.iter().map(|&p| read_one(p)).collect()
        }
    };
    let first = scanned.len().min(if all_scanned { FIRST_PAGES } else { 0 });
    let mut out = run(&scanned[..first]);
    if late.load(Ordering::Relaxed) {
        return Err(ScanError::Timeout);
    }
    // pages with no text at all are not judged here: a file of blank images
    // has no text layer and none in its images either
    let words = out
        .iter()
        .flatten()
        .map(|(p, _)| {
            p.words
                .iter()
                .filter(|w| !w.text.trim().is_empty() && w.confidence >= 0.8)
                .count()
        })
        .sum::<usize>()
        >= MIN_CHARS;
    if all_scanned && words && !looks_like_report(&out) {
        return Err(ScanError::NotAReport(format!(
            "a scan whose first {first} page(s), read by OCR, name no 部门预算/决算 and no table of one"
        )));
    }
    out.extend(run(&scanned[first..]));
    if late.load(Ordering::Relaxed) {
        return Err(ScanError::Timeout);
    }
    Ok(out)
}

/// True when the text of the pages read names a report of a year or one of
/// its tables.
fn looks_like_report(pages: &[Scanned]) -> bool {
    let g = grammar();
    let mut prev: Option<geometry::PageLayout> = None;
    for (page, _) in pages.iter().flatten() {
        let l = geometry::layout_page(page, prev.as_ref());
        let mut all = String::new();
        for row in &l.rows {
            let t: String = row.cells.concat();
            let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
            if g.identify_title(&t).is_some() {
                return true;
            }
            all.push_str(&t);
        }
        if g.re().year_kind.is_match(&all) {
            return true;
        }
        prev = Some(l);
    }
    false
}

/// Pages rendered by `pdftoppm` from a temporary copy of the file, made on
/// first use and removed when done.
struct Rendered<'a> {
    bytes: &'a [u8],
    file: std::sync::Mutex<Option<std::path::PathBuf>>,
}

impl<'a> Rendered<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Rendered {
            bytes,
            file: std::sync::Mutex::new(None),
        }
    }

    fn page(&self, pno: u32, width: f64, height: f64) -> Result<ocr::page::PageImage, String> {
        let path = {
            let mut g = self.file.lock().map_err(|_| "internal error".to_string())?;
            if g.is_none() {
                static N: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
                let p = std::env::temp_dir().join(format!(
                    "juesuan-ocr-{}-{}.pdf",
                    std::process::id(),
                    N.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
                ));
                std::fs::write(&p, self.bytes)
                    .map_err(|e| format!("no temporary copy to render: {e}"))?;
                *g = Some(p);
            }
            g.clone().unwrap_or_default()
        };
        ocr::page::render(&path, pno, 200.0, width, height)
    }
}

impl Drop for Rendered<'_> {
    fn drop(&mut self) {
        if let Ok(g) = self.file.lock() {
            if let Some(p) = g.as_ref() {
                let _ = std::fs::remove_file(p);
            }
        }
    }
}
