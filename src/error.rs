//! Error types, one per phase.

use thiserror::Error;

/// A TIMEX3 value string that could not be parsed or is out of range.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ValueError {
    /// The string does not follow the TIMEX3 value grammar.
    #[error("not a TIMEX3 value: {0:?}")]
    Syntax(String),
    /// The string is well formed but names no real calendar unit (February 30, week 54…).
    #[error("TIMEX3 value out of range: {0:?}")]
    OutOfRange(String),
}

/// A document that cannot be processed as given.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum DocumentError {
    /// The document date is not a calendar date (`YYYY-MM-DD`, optionally with a time).
    #[error("not a document date: {0:?}")]
    BadDate(String),
}

/// A string that is not a document's event id (`e1`, `e2`, …).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("not an event id (e1, e2, …): {0:?}")]
pub struct EventIdError(pub String);
