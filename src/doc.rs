//! The plain intermediate form every ingester produces: lines of cells.
//!
//! Whatever the input (text, markdown, HTML, a PDF's text layer), ingest turns it
//! into a [`Doc`]: an ordered list of [`Line`]s, each a list of cell texts. A table
//! row is one line with one cell per printed column (blank cells kept as empty
//! strings, so columns line up by index); prose is a line with a single cell.

/// A whole input as lines of cells, in reading order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Doc {
    /// Number of pages, where the input has pages (PDF); `None` for text.
    pub pages: Option<u32>,
    /// Lines in reading order.
    pub lines: Vec<Line>,
    /// Problems met while reading that did not stop it (e.g. undecodable glyphs).
    pub warnings: Vec<String>,
}

/// One printed line: a table row (several cells) or a line of prose (one cell).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Line {
    /// 1-based page number, or 0 where the input has no pages.
    pub page: u32,
    /// Cell texts left to right; a blank cell is an empty string.
    pub cells: Vec<String>,
}

impl Line {
    /// A line on `page` made of `cells`.
    pub fn new(page: u32, cells: Vec<String>) -> Self {
        Line { page, cells }
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
}
