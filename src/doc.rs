//! The plain intermediate form every ingester produces: lines of cells.
//!
//! Whatever the input (text, markdown, HTML, a PDF's text layer), ingest turns it
//! into a [`Doc`]: an ordered list of [`Line`]s, each a list of cell texts. A table
//! row is one line with one cell per printed column (blank cells kept as empty
//! strings, so columns line up by index); prose is a line with a single cell.
//!
//! Each line also says where it was read: its page and box on that page (PDF
//! input, in PDF user-space points) or its line number (text input), and, for
//! PDF input, each cell's box. Later stages use the positions to read a row's
//! indentation and to say where a finding is.

/// A box on a page in PDF user-space points: `[x0, y0, x1, y1]` with the origin
/// at the page's lower left (so `y0 < y1`, `y1` the top edge).
pub type Rect = [f32; 4];

/// A whole input as lines of cells, in reading order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Doc {
    /// Number of pages, where the input has pages (PDF); `None` for text.
    pub pages: Option<u32>,
    /// Lines in reading order.
    pub lines: Vec<Line>,
    /// Problems met while reading that did not stop it (e.g. undecodable glyphs).
    pub warnings: Vec<String>,
    /// The pages read by OCR (scanned pages of a PDF), in order; empty when
    /// every page was read through its text layer.
    pub ocr_pages: Vec<u32>,
}

/// One printed line: a table row (several cells) or a line of prose (one cell).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Line {
    /// 1-based page number, or 0 where the input has no pages.
    pub page: u32,
    /// Cell texts left to right; a blank cell is an empty string.
    pub cells: Vec<String>,
    /// Where the line was read: its box on the page (PDF input).
    pub bbox: Option<Rect>,
    /// Each cell's box where known (PDF input), index for index with `cells`;
    /// empty when no positions are known, `None` for a blank cell.
    pub boxes: Vec<Option<Rect>>,
    /// 1-based line number in the input (text input), `None` for PDF input.
    pub source_line: Option<u32>,
    /// True when the cells were placed by the alignment of the words alone:
    /// a row of a table printed without rulings, whose columns the geometry
    /// stage inferred (a blank cell there may be a figure that landed in a
    /// neighbouring column).
    pub aligned: bool,
    /// Each cell's confidence where it was read by OCR: the lowest of the
    /// recogniser's confidences (0–1) of the figures' characters (digits and
    /// decimal points) in the cell, index for index with `cells` (1 for a
    /// cell without figures); empty when the text is certain (a text layer,
    /// text input).
    pub conf: Vec<f32>,
}

impl Line {
    /// A line on `page` made of `cells`, with no position.
    pub fn new(page: u32, cells: Vec<String>) -> Self {
        Line {
            page,
            cells,
            ..Default::default()
        }
    }

    /// The non-empty cells, trimmed.
    pub fn filled(&self) -> impl Iterator<Item = &str> {
        self.cells
            .iter()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
    }

    /// True when no cell has text.
    pub fn is_blank(&self) -> bool {
        self.filled().next().is_none()
    }

    /// All cell texts joined with nothing between them.
    pub fn joined(&self) -> String {
        self.filled().collect::<Vec<_>>().join("")
    }

    /// How sure the reading of cell `i` is, 0–1 (1 where the text is certain).
    pub fn conf(&self, i: usize) -> f32 {
        self.conf.get(i).copied().unwrap_or(1.0)
    }

    /// The box of cell `i`, where known.
    pub fn cell_box(&self, i: usize) -> Option<Rect> {
        self.boxes.get(i).copied().flatten()
    }
}
