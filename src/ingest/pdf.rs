//! PDF ingest: a PDF's text layer to a [`Doc`] of lines and cells.
//!
//! The file is parsed with lopdf as re-exported by `pdf-extract` (so no second
//! lopdf is linked). Everything after that is here:
//! - `pdf/lexer.rs`: a forgiving content-stream tokenizer;
//! - `pdf/content.rs`: the content-stream walk: every glyph with its page
//!   position, size and font, the ruling lines (stroked segments and rectangles,
//!   thin filled rectangles), images, rectangular clips, form XObjects;
//! - `pdf/fonts.rs` + `pdf/cmap.rs`: decoding: ToUnicode maps; predefined CJK
//!   CMaps without ToUnicode (UniGB-UCS2-H, UniGB-UTF16-H, GBK-EUC-H, GB-EUC-H,
//!   Big5, Shift-JIS, EUC-KR families); simple fonts (WinAnsi, MacRoman,
//!   Standard, Differences);
//! - the glyphs (one [`geometry::Word`] each) and rulings of every page then go
//!   to the [`geometry`](crate::geometry) stage, which makes lines of cells of
//!   them (ruled and borderless tables, prose) and joins the pages;
//! - `pdf/truetype.rs`: for a CID font with no ToUnicode map and no known
//!   encoding, the embedded font program's own `cmap`, read backwards;
//! - `pdf/repair.rs`: rebuilding a damaged cross-reference table;
//! - `pdf/unify.rs`: Kangxi radicals and compatibility ideographs that some
//!   ToUnicode maps give for ordinary characters, mapped to the unified ones.
//!
//!
//! Why not `pdf_extract::output_doc` with an `OutputDev`: measured on the six
//! corpus reports (22–31 pages) it took 61–102 ms per file (2–4× `pdftotext
//! -layout`, which took 27–41 ms), it does not say which font a glyph came
//! from, and it panics on predefined CMaps such as UniGB-UCS2-H (upstream issue
//! #126). This reader takes 5–12 ms per file (0.23–0.46 ms per page), layout
//! included.
//!
//! Guarantees: no panic escapes (the work runs under `catch_unwind`), the work
//! is bounded by a deadline checked per page and inside content streams (60 s by
//! default; the whole read runs on a helper thread so even lopdf's parse cannot
//! hold the caller past it), and a glyph whose text cannot be known is emitted
//! as U+FFFD with a warning in [`Doc::warnings`], never as a guessed character.

mod cmap;
mod content;
mod fonts;
mod lexer;
mod repair;
mod scan;
mod truetype;
mod unify;

use crate::doc::Doc;
use crate::geometry;
use pdf_extract::Document;
use rayon::prelude::*;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Why a PDF could not be read.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// The PDF is encrypted and cannot be opened without a password.
    #[error("the PDF is encrypted and needs a password")]
    Encrypted,
    /// The file is not a readable PDF (truncated, damaged, or not a PDF at all).
    #[error("the PDF is damaged or not a PDF: {0}")]
    Corrupt(String),
    /// The PDF has pages but no text on them (scanned images).
    #[error("the PDF has no text layer (no text on any page, e.g. scanned images); it needs OCR")]
    NoTextLayer,
    /// Reading took longer than the time allowed.
    #[error("reading the PDF took longer than the time allowed")]
    Timeout,
    /// The PDF has pages without a usable text layer and OCR cannot run
    /// here (the message says what to install).
    #[error(
        "the PDF has no text layer (scanned images); it needs OCR, which cannot run here: {0}"
    )]
    OcrUnavailable(String),
    /// A scanned PDF whose first pages, read by OCR, are not a report.
    #[error("{0}")]
    NotAReport(String),
}

/// Default time allowed for one file.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// Reads a PDF's text layer into lines of cells, allowing [`DEFAULT_TIMEOUT`].
pub fn read_pdf(bytes: &[u8]) -> Result<Doc, PdfError> {
    read_pdf_with_timeout(bytes, DEFAULT_TIMEOUT)
}

/// Reads a PDF's text layer into lines of cells, allowing at most `timeout`.
///
/// The work runs on a helper thread; if it overruns the deadline (the walk checks
/// it per page and within content streams, but parsing of the file itself cannot
/// be interrupted) the caller gets [`PdfError::Timeout`] shortly after it.
pub fn read_pdf_with_timeout(bytes: &[u8], timeout: Duration) -> Result<Doc, PdfError> {
    bounded(bytes, timeout, read_inner)
}

/// The positioned glyphs (one [`geometry::Word`] each) and ruling lines of
/// every page, as the [`geometry`] stage gets them, with the warnings met
/// while reading (for diagnosing layouts, and for tools that lay pages out
/// themselves). Bounded by [`DEFAULT_TIMEOUT`] like [`read_pdf`].
pub fn read_pages(bytes: &[u8]) -> Result<(Vec<geometry::Page>, Vec<String>), PdfError> {
    bounded(bytes, DEFAULT_TIMEOUT, |b, d, x| {
        read_words(b, d, x).map(|(pages, _, warnings, _)| (pages, warnings))
    })
}

/// Runs `work` on a helper thread under a deadline, isolated from panics.
fn bounded<T: Send + 'static>(
    bytes: &[u8],
    timeout: Duration,
    work: fn(&[u8], Instant, &Extra) -> Result<T, PdfError>,
) -> Result<T, PdfError> {
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(PdfError::Corrupt("no %PDF header".into()));
    }
    let start = Instant::now();
    let deadline = start + timeout;
    let data = bytes.to_vec();
    let extra = Extra::current();
    let extra_w = extra.clone();
    let (tx, rx) = mpsc::channel();
    let worker = std::thread::Builder::new()
        .name("pdf-ingest".into())
        .stack_size(64 << 20)
        .spawn(move || {
            let r = catch_unwind(AssertUnwindSafe(|| work(&data, deadline, &extra_w)))
                .unwrap_or_else(|p| {
                    Err(PdfError::Corrupt(format!(
                        "the PDF parser failed: {}",
                        panic_text(&p)
                    )))
                });
            let _ = tx.send(r);
        });
    if worker.is_err() {
        // No thread available: run here (still bounded by the cooperative deadline).
        return catch_unwind(AssertUnwindSafe(|| work(bytes, deadline, &extra))).unwrap_or_else(
            |p| {
                Err(PdfError::Corrupt(format!(
                    "the PDF parser failed: {}",
                    panic_text(&p)
                )))
            },
        );
    }
    let grace = Duration::from_millis(500);
    loop {
        // the time allowed, plus what OCR of scanned pages has added to it
        let until = start + timeout + grace + extra.get();
        let wait = until.saturating_duration_since(Instant::now());
        match rx.recv_timeout(wait) {
            Ok(r) => return r,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                if start + timeout + grace + extra.get() > Instant::now() {
                    continue;
                }
                return Err(PdfError::Timeout);
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                return Err(PdfError::Corrupt("the PDF parser failed".into()))
            }
        }
    }
}

/// Time added to a read's allowance while it runs (OCR of scanned pages takes
/// seconds per page, where a text layer takes milliseconds).
type Extra = super::allowance::Allowance;

fn panic_text(p: &Box<dyn std::any::Any + Send>) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "internal error".into())
}

/// Whether the pages of one PDF are read in parallel (on by default; batch
/// mode turns it off, since it runs whole files in parallel under `--jobs`).
static PARALLEL_PAGES: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(true);

/// Turns reading one PDF's pages in parallel on or off for this process.
pub fn set_parallel_pages(on: bool) {
    PARALLEL_PAGES.store(on, std::sync::atomic::Ordering::Relaxed);
}

/// A page's object id, as `Document::get_pages` gives it.
type ObjectIdOf = pdf_extract::ObjectId;

/// What walking a run of pages gives: their contents in order, the warnings
/// met, and the fonts seen (for the per-font warnings).
struct Walked {
    contents: Vec<(u32, content::PageContent)>,
    warnings: Vec<String>,
    cache: content::FontCache,
}

/// Walks the content streams of a run of pages with one font cache.
fn walk_run(
    doc: &Document,
    run: &[(u32, ObjectIdOf)],
    deadline: Instant,
) -> Result<Walked, PdfError> {
    let mut cache = content::FontCache::default();
    let mut warnings = Vec::new();
    let mut contents = Vec::with_capacity(run.len());
    for &(pno, id) in run {
        if Instant::now() > deadline {
            return Err(PdfError::Timeout);
        }
        let r = catch_unwind(AssertUnwindSafe(|| {
            content::walk_page(doc, id, pno, &mut cache, deadline, &mut warnings)
        }));
        match r {
            Ok(Ok(pc)) => contents.push((pno, pc)),
            Ok(Err(PdfError::Timeout)) => return Err(PdfError::Timeout),
            Ok(Err(e)) => {
                warnings.push(format!("page {pno}: {e}"));
                contents.push((pno, Default::default()));
            }
            Err(p) => {
                warnings.push(format!(
                    "page {pno} could not be read ({}); its text is missing",
                    panic_text(&p)
                ));
                contents.push((pno, Default::default()));
            }
        }
    }
    Ok(Walked {
        contents,
        warnings,
        cache,
    })
}

fn read_inner(bytes: &[u8], deadline: Instant, extra: &Extra) -> Result<Doc, PdfError> {
    let (pages, npages, mut warnings, ocr) = read_words(bytes, deadline, extra)?;
    let deadline = deadline + extra.get();
    let mut layouts: Vec<geometry::PageLayout> = Vec::with_capacity(pages.len());
    for page in &pages {
        if Instant::now() > deadline {
            return Err(PdfError::Timeout);
        }
        let prev = layouts.last();
        let l = catch_unwind(AssertUnwindSafe(|| geometry::layout_page(page, prev)))
            .unwrap_or_else(|p| {
                warnings.push(format!(
                    "page {}: layout failed ({}); its text is missing",
                    page.number,
                    panic_text(&p)
                ));
                geometry::PageLayout {
                    number: page.number,
                    height: page.height,
                    ..Default::default()
                }
            });
        layouts.push(l);
    }
    let mut lines = geometry::assemble(&layouts);
    if !ocr.is_empty() {
        geometry::confidences(&mut lines, &pages);
    }
    Ok(Doc {
        pages: Some(npages),
        lines,
        warnings,
        ocr_pages: ocr,
    })
}

/// The pages' words and rulings, the number of pages, the warnings, the
/// pages read by OCR.
type Words = (Vec<geometry::Page>, u32, Vec<String>, Vec<u32>);

fn read_words(bytes: &[u8], deadline: Instant, extra: &Extra) -> Result<Words, PdfError> {
    let mut warnings = Vec::new();
    let doc = match Document::load_mem(bytes) {
        Ok(d) => d,
        Err(e) => {
            use pdf_extract::Error as E;
            let encrypted = find(bytes, b"/Encrypt").is_some();
            match e {
                E::InvalidPassword | E::Decryption(_) | E::AlreadyEncrypted => {
                    return Err(PdfError::Encrypted)
                }
                E::Unimplemented(_) if encrypted => return Err(PdfError::Encrypted),
                other if repair::looks_truncated(bytes) => {
                    return Err(PdfError::Corrupt(format!(
                        "the file is truncated (no end-of-file marker); {other}"
                    )))
                }
                other if encrypted => return Err(PdfError::Corrupt(other.to_string())),
                other => {
                    match repair::rebuild_xref(bytes).and_then(|b| Document::load_mem(&b).ok()) {
                        Some(d) => {
                            warnings.push(format!(
                            "the file's cross-reference table was damaged ({other}) and has been rebuilt; some content may be missing"
                        ));
                            d
                        }
                        None => return Err(PdfError::Corrupt(other.to_string())),
                    }
                }
            }
        }
    };
    if doc.trailer.get(b"Encrypt").is_ok() && !doc.was_encrypted() {
        // lopdf tried the empty user password and it did not open the file.
        return Err(PdfError::Encrypted);
    }
    if Instant::now() > deadline {
        return Err(PdfError::Timeout);
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(PdfError::Corrupt(
            "no pages could be found (truncated or damaged file)".into(),
        ));
    }
    // pages are independent: walk contiguous runs of them in parallel, each
    // with its own font cache, and keep pages and warnings in page order
    let pages: Vec<(u32, ObjectIdOf)> = pages.into_iter().collect();
    let threads = if PARALLEL_PAGES.load(std::sync::atomic::Ordering::Relaxed) {
        rayon::current_num_threads()
    } else {
        1
    };
    let runs = threads.clamp(1, pages.len().div_ceil(4).max(1));
    let per_run = pages.len().div_ceil(runs);
    let walked: Vec<Result<Walked, PdfError>> = if runs == 1 {
        vec![walk_run(&doc, &pages, deadline)]
    } else {
        pages
            .par_chunks(per_run.max(1))
            .map(|run| walk_run(&doc, run, deadline))
            .collect()
    };
    let mut contents = Vec::with_capacity(pages.len());
    let mut notes: Vec<String> = Vec::new();
    let mut undecodable: std::collections::BTreeMap<String, usize> = Default::default();
    for w in walked {
        let w = w?;
        warnings.extend(w.warnings);
        contents.extend(w.contents);
        for f in w.cache.fonts.iter().filter_map(|f| f.note.clone()) {
            if !notes.contains(&f) {
                notes.push(f);
            }
        }
        for (&fi, &n) in &w.cache.undecodable {
            *undecodable
                .entry(w.cache.fonts[fi as usize].name.clone())
                .or_insert(0) += n;
        }
    }
    let texted = contents
        .iter()
        .filter(|(_, c)| scan::usable_text(c))
        .count();
    // in a PDF with a text layer elsewhere, only a page that is a scan (an
    // image over most of it) is read by OCR, not a chart or a logo
    let scanned: Vec<u32> = contents
        .iter()
        .filter(|(_, c)| !c.placed.is_empty() && !scan::usable_text(c))
        .filter(|(_, c)| texted == 0 || scan::image_cover(c) >= 0.6)
        .map(|(pno, _)| *pno)
        .collect();
    let mut ocr_pages: Vec<u32> = Vec::new();
    let mut read_by_ocr: std::collections::BTreeMap<u32, geometry::Page> = Default::default();
    if !scanned.is_empty() {
        match scan::read_scanned(
            &doc,
            bytes,
            &contents,
            &scanned,
            texted == 0,
            deadline,
            extra,
        ) {
            Ok(pages) => {
                for p in pages {
                    match p {
                        Ok((page, how)) => {
                            ocr_pages.push(page.number);
                            if let Some(w) = how {
                                warnings.push(w);
                            }
                            read_by_ocr.insert(page.number, page);
                        }
                        Err(w) => warnings.push(w),
                    }
                }
            }
            Err(scan::ScanError::Unavailable(msg)) if texted == 0 => {
                return Err(PdfError::OcrUnavailable(msg))
            }
            Err(scan::ScanError::Unavailable(msg)) => {
                for pno in &scanned {
                    warnings.push(format!(
                        "page {pno} has images but no usable text layer; it was not read: {msg}"
                    ));
                }
            }
            Err(scan::ScanError::NotAReport(msg)) => return Err(PdfError::NotAReport(msg)),
            Err(scan::ScanError::Timeout) => return Err(PdfError::Timeout),
        }
    }
    let visible = |c: &content::PageContent| {
        c.glyphs
            .iter()
            .filter(|g| !g.text.trim().is_empty())
            .count()
    };
    // characters read with confidence: a blank or pictorial scan gives a
    // few unsure ones, which are no text
    let ocr_words: usize = read_by_ocr
        .values()
        .map(|p| {
            p.words
                .iter()
                .filter(|w| !w.text.trim().is_empty() && w.confidence >= 0.8)
                .count()
        })
        .sum();
    if ocr_words < scan::MIN_CHARS && contents.iter().all(|(_, c)| visible(c) == 0) {
        let images: usize = contents.iter().map(|(_, c)| c.images).sum();
        // Text lost to damage is not "no text layer".
        if images == 0 && !warnings.is_empty() {
            return Err(PdfError::Corrupt(format!(
                "no readable text remains: {}",
                warnings.join("; ")
            )));
        }
        return Err(PdfError::NoTextLayer);
    }
    for (pno, c) in &contents {
        if c.images > 0 && visible(c) == 0 && !ocr_pages.contains(pno) {
            warnings.push(format!(
                "page {pno} has images but no text layer; its content needs OCR"
            ));
        }
    }
    warnings.extend(notes);
    for (name, n) in undecodable {
        warnings.push(format!(
            "font {name}: {n} glyph(s) could not be decoded (no ToUnicode map and no known encoding); they are shown as U+FFFD"
        ));
    }
    let pages_out = contents
        .iter()
        .map(|(pno, pc)| match read_by_ocr.remove(pno) {
            Some(p) => p,
            None => to_page(*pno, pc),
        })
        .collect();
    Ok((pages_out, pages.len() as u32, warnings, ocr_pages))
}

fn find(h: &[u8], n: &[u8]) -> Option<usize> {
    h.windows(n.len()).position(|w| w == n)
}

/// What the geometry stage needs of a page: one word per glyph, the rulings.
fn to_page(number: u32, pc: &content::PageContent) -> geometry::Page {
    geometry::Page {
        number,
        width: pc.width,
        height: pc.height,
        words: pc
            .glyphs
            .iter()
            .map(|g| geometry::Word::glyph(g.text.clone(), g.x0, g.x1, g.y, g.size, g.font))
            .collect(),
        rules: pc
            .segs
            .iter()
            .map(|s| geometry::Rule {
                vertical: s.vertical,
                pos: s.pos,
                from: s.a,
                to: s.b,
            })
            .collect(),
    }
}
