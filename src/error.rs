//! Why an input could not be turned into a document.

use std::fmt;

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
