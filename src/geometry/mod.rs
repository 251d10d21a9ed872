//! Geometry: positioned words (and ruling lines, where a page draws them) →
//! lines of cells.
//!
//! This stage knows nothing about where its words came from: the PDF text
//! layer gives one [`Word`] per glyph (`ingest::pdf`), an OCR engine gives one
//! per recognised word. It gives back, page by page, the printed lines of the
//! page as cells, each line and cell with its box, and then joins the pages
//! into the [`Line`](crate::doc::Line)s of a [`Doc`](crate::doc::Doc).
//!
//! How (see also `docs/geometry.md`):
//! - words on one baseline that touch are joined into *tokens* (a number, a
//!   run of CJK text); a vertical ruling or a space always ends a token, so
//!   two amounts never become one;
//! - **ruled tables** (`ruled.rs`): where the rulings form a grid, each token
//!   belongs to the cell whose borders enclose it;
//! - **borderless tables** (`unruled.rs`): elsewhere, rows are *bands* (tokens
//!   whose vertical extents overlap, so a label centred in a tall row and its
//!   bottom-aligned numbers are one row; a wrapped label's lines join the row
//!   they belong to) and columns come from structure: the gutters that no body
//!   row prints across, the right edges of right-aligned amounts, the header
//!   words above each column (a centred group header spans the columns below
//!   it) and a 栏次 row where printed;
//! - everything else is a line of prose, one cell per line;
//! - [`assemble`] drops page numbers and running headers and keeps a table's
//!   column indices when it continues on the next page.
//!
//! Every tolerance is a multiple of the text height (the words' `size`), never
//! an absolute number of points, so the same rules hold for 7 pt table text,
//! 10.5 pt prose and OCR boxes measured in pixels.

mod assemble;
mod ruled;
mod text;
mod tokens;
mod unruled;

pub use assemble::{assemble, confidences};

/// A box in page space: `[x0, top, x1, bottom]`, origin at the top left of
/// the page, y growing downwards (as images and OCR engines measure), so
/// `top < bottom`.
pub type Bounds = [f64; 4];

/// One positioned word: a glyph of a PDF's text layer, or a word an OCR engine
/// recognised.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// The text as printed (never normalised here). A word that is only
    /// whitespace separates its neighbours and is otherwise dropped.
    pub text: String,
    /// Left edge.
    pub x0: f64,
    /// Top edge (y grows downwards).
    pub top: f64,
    /// Right edge.
    pub x1: f64,
    /// Bottom edge.
    pub bottom: f64,
    /// Text height: the font size for a PDF glyph, the box height (or the
    /// engine's line height) for an OCR word. Every tolerance scales with it.
    pub size: f64,
    /// How sure the source is of the text, 0–1 (1 for a PDF text layer).
    pub confidence: f32,
    /// An identifier of the font (PDF) so that a glyph drawn twice at the same
    /// place (fake bold) is seen once; 0 where unknown.
    pub font: u32,
}

impl Word {
    /// A word with confidence 1 and no font.
    pub fn new(
        text: impl Into<String>,
        x0: f64,
        top: f64,
        x1: f64,
        bottom: f64,
        size: f64,
    ) -> Self {
        Word {
            text: text.into(),
            x0,
            top,
            x1,
            bottom,
            size,
            confidence: 1.0,
            font: 0,
        }
    }

    /// A PDF glyph: left and right edge, baseline and font size. Its box
    /// reaches 0.85 of the size above the baseline and 0.15 below (the em box
    /// of CJK fonts), so its vertical centre is 0.35 of the size above the
    /// baseline.
    pub fn glyph(
        text: impl Into<String>,
        x0: f64,
        x1: f64,
        baseline: f64,
        size: f64,
        font: u32,
    ) -> Self {
        Word {
            text: text.into(),
            x0,
            top: baseline - 0.85 * size,
            x1,
            bottom: baseline + 0.15 * size,
            size,
            confidence: 1.0,
            font,
        }
    }
}

/// A ruling line drawn on the page: horizontal (`vertical == false`: at
/// y = `pos`, from x = `from` to x = `to`) or vertical (at x = `pos`, from
/// y = `from` to y = `to`), in the same space as the words.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    /// True for a vertical line.
    pub vertical: bool,
    /// Its position across its length (y of a horizontal line, x of a vertical one).
    pub pos: f64,
    /// Where it starts along its length.
    pub from: f64,
    /// Where it ends along its length (`from <= to`).
    pub to: f64,
}

/// What one page holds, as this stage needs it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// 1-based page number.
    pub number: u32,
    /// Page width, in the unit of the words' boxes.
    pub width: f64,
    /// Page height, in the unit of the words' boxes.
    pub height: f64,
    /// The words, in any order.
    pub words: Vec<Word>,
    /// The ruling lines, in any order; empty where none are drawn (or known).
    pub rules: Vec<Rule>,
}

/// One printed line of a page: a table row (one cell per column, blank cells
/// as empty strings) or a line of prose (one cell).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    /// Cell texts left to right.
    pub cells: Vec<String>,
    /// Each cell's box, `None` for a blank cell.
    pub boxes: Vec<Option<Bounds>>,
    /// The box of the whole line (its non-blank cells).
    pub bounds: Bounds,
    /// Index into [`PageLayout::tables`] when this line is a table row.
    pub table: Option<usize>,
}

/// A table found on a page: how its columns lie, so that a table continuing on
/// the next page keeps its column indices.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// Column boundaries, left to right (`xs.len()` is the number of columns
    /// plus one).
    pub xs: Vec<f64>,
    /// Top edge of the table (its first row or top rule).
    pub top: f64,
    /// Bottom edge of the table.
    pub bottom: f64,
    /// True when the columns came from ruling lines.
    pub ruled: bool,
    /// The texts of its header cells (borderless tables), so that the
    /// continuation of a table on the next page can tell a repeated header
    /// from rows.
    pub header: Vec<String>,
    /// Where each column's text lies, left to right (borderless tables; empty
    /// for ruled ones), so a continuation with a repeated header over a few
    /// rows can take the columns as they were found over many.
    pub ink: Vec<(f64, f64)>,
    /// What the body printed in each column (borderless tables; empty for
    /// ruled ones), so that a header repeated over a few rows is placed as
    /// it was over many.
    pub body: Vec<ColumnBody>,
}

/// What a borderless table's body printed in one column.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ColumnBody {
    /// Something was printed in it.
    pub filled: bool,
    /// Mostly figures (amounts, counts, codes).
    pub numeric: bool,
    /// Where its leftmost text starts.
    pub left: f64,
}

/// A page laid out: its lines in reading order and the tables they belong to.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageLayout {
    /// 1-based page number (as in [`Page::number`]).
    pub number: u32,
    /// Page height (to turn boxes into PDF space and to tell the margins).
    pub height: f64,
    /// Lines in reading order.
    pub rows: Vec<Row>,
    /// The tables of the page, top to bottom.
    pub tables: Vec<Table>,
}

/// Lays out one page.
///
/// `prev` is the layout of the page before, if any: a borderless table that
/// ends that page and continues at the top of this one without repeating its
/// header takes its columns from there.
pub fn layout_page(page: &Page, prev: Option<&PageLayout>) -> PageLayout {
    let toks = tokens::tokens(&page.words, &page.rules);
    let mut out = PageLayout {
        number: page.number,
        height: page.height,
        ..Default::default()
    };
    // words read from an image (OCR): rulings there may have been lost
    let scanned = page.words.iter().any(|w| w.confidence < 1.0);
    let free = ruled::layout(&toks, &page.rules, scanned, &mut out);
    let carry = prev.and_then(|p| unruled::carry_from(p, page));
    unruled::layout(&free, page, carry.as_ref(), &mut out);
    order(&mut out);
    out
}

/// Reading order: blocks top to bottom, a table being one block at its top, so
/// tables side by side or a note beside a table never interleave their rows.
fn order(out: &mut PageLayout) {
    let tables = &out.tables;
    let mut keyed: Vec<(f64, usize, f64, usize, Row)> = out
        .rows
        .drain(..)
        .enumerate()
        .map(|(i, r)| {
            // a table's rows keep the order they were made in
            let (block, y) = match r.table {
                Some(t) => (tables[t].top, 0.0),
                None => (r.bounds[1], r.bounds[1]),
            };
            (block, r.table.map(|t| t + 1).unwrap_or(0), y, i, r)
        })
        .collect();
    keyed.sort_by(|a, b| {
        a.0.total_cmp(&b.0)
            .then(a.1.cmp(&b.1))
            .then(a.2.total_cmp(&b.2))
            .then(a.3.cmp(&b.3))
    });
    out.rows = keyed.into_iter().map(|k| k.4).collect();
}

/// Characters written without spaces between them: CJK ideographs and
/// punctuation, full-width forms.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2000..=0x206F | 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// Turns a box in page space (y down, `[x0, top, x1, bottom]`) into a PDF
/// user-space [`Rect`](crate::doc::Rect) (y up, origin at the lower left) on a
/// page `height` high.
pub fn to_rect(b: Bounds, height: f64) -> crate::doc::Rect {
    [
        b[0] as f32,
        (height - b[3]) as f32,
        b[2] as f32,
        (height - b[1]) as f32,
    ]
}
