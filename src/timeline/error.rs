//! The error type of the timeline stage.

use thiserror::Error;

/// What can go wrong when building or querying a [`Timeline`](crate::Timeline).
///
/// Queries never panic: an id the timeline does not know, a value that cannot date anything or a
/// relation to nothing is reported here.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum TimelineError {
    /// No event has this id (nor was merged into one that has).
    #[error("unknown event id {0:?}")]
    UnknownEvent(String),
    /// An event with this id already exists.
    #[error("event id {0:?} already exists")]
    DuplicateEvent(String),
    /// A document with this id was already added.
    #[error("document {0:?} was already added")]
    DuplicateDocument(String),
    /// A relation of an annotation points at an event or timex the annotation does not hold.
    #[error("document {doc:?}: a relation points at unknown {endpoint}")]
    DanglingLink {
        /// The document id.
        doc: String,
        /// The missing endpoint, as written in the annotation.
        endpoint: String,
    },
    /// The value has no place on the calendar (a duration, or a date whose year is unknown).
    #[error("{0} cannot date an event (a date or time with a known year is needed)")]
    NotADate(String),
    /// The value is not a duration with known amounts.
    #[error("{0} is not a duration with a known amount")]
    NotADuration(String),
    /// Serialized timeline data that does not describe a timeline.
    #[error("malformed timeline data: {0}")]
    Malformed(String),
}
