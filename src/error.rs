//! Why an input could not be turned into a document, and the exit statuses
//! of the command line.

use std::fmt;

/// Exit statuses, the same for every command and for one file or many:
///
/// | status | meaning |
/// |---|---|
/// | 0 | done (a closed output pipe also ends quietly with 0) |
/// | 1 | with `--strict`: a document has an `error` finding, or an input is not a report; `check`: the report has `error` findings or is not a report |
/// | 2 | an input could not be read (damaged, encrypted, no text layer, I/O error, over `--timeout` or `--max-size`, an internal error), or the command line is wrong |
/// | 3 | the output could not be written (a full disk, a folder that cannot be written) |
///
/// The highest applicable status wins.
pub mod exit {
    /// Done.
    pub const OK: u8 = 0;
    /// `--strict` and an `error` finding or a non-report.
    pub const FINDINGS: u8 = 1;
    /// An input could not be read, or bad usage.
    pub const UNREADABLE: u8 = 2;
    /// The output could not be written.
    pub const OUTPUT: u8 = 3;
}

/// The contract's failure kinds (`failure.kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FailureKind {
    /// Readable, but not a budget/final-accounts report.
    NotAReport,
    /// Corrupt, truncated or undecodable.
    Unreadable,
    /// An encrypted PDF.
    Encrypted,
    /// A PDF with no text layer (needs OCR).
    NoTextLayer,
    /// Took longer than the time bound.
    Timeout,
    /// Larger than the size bound.
    TooLarge,
    /// A bug: a panic or an impossible state.
    Internal,
}

impl FailureKind {
    /// True when the input could not be read (every kind but
    /// [`FailureKind::NotAReport`], which is a readable file that holds no
    /// report: a README in a corpus folder, a letter).
    pub fn is_unreadable(self) -> bool {
        self != FailureKind::NotAReport
    }

    /// The kind named `name` in the contract (`not_a_report` …).
    pub fn from_name(name: &str) -> Option<Self> {
        [
            FailureKind::NotAReport,
            FailureKind::Unreadable,
            FailureKind::Encrypted,
            FailureKind::NoTextLayer,
            FailureKind::Timeout,
            FailureKind::TooLarge,
            FailureKind::Internal,
        ]
        .into_iter()
        .find(|k| k.as_str() == name)
    }

    /// The contract's name.
    pub fn as_str(self) -> &'static str {
        match self {
            FailureKind::NotAReport => "not_a_report",
            FailureKind::Unreadable => "unreadable",
            FailureKind::Encrypted => "encrypted",
            FailureKind::NoTextLayer => "no_text_layer",
            FailureKind::Timeout => "timeout",
            FailureKind::TooLarge => "too_large",
            FailureKind::Internal => "internal",
        }
    }
}

/// A failed input: its kind and a message for a person.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Failure {
    /// What kind of failure.
    pub kind: FailureKind,
    /// Why, in words.
    pub message: String,
}

impl Failure {
    /// A failure of `kind` saying `message`.
    pub fn new(kind: FailureKind, message: impl Into<String>) -> Self {
        Failure {
            kind,
            message: message.into(),
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.message)
    }
}
