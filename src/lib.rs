//! # eventline
//!
//! Turn news article text into dated events and a timeline graph that can be queried for
//! ordering and gaps.
//!
//! The pipeline: a [`Document`] (text and creation date) → temporal expressions ([`Timex`],
//! TimeML TIMEX3 with normalized [`TimexValue`]s) → [`Event`]s anchored in time → a
//! `Timeline` graph answering order, gap and window queries.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod annotation;
mod document;
mod error;
mod event;
mod events;
mod pipeline;
mod relate;
mod tagger;
mod timeline;
mod timex;
mod value;

pub use annotation::{Annotation, Endpoint, Link, Provenance};
pub use document::{Dct, DctSource, DocKind, Document};
pub use error::{DocumentError, EventIdError, ValueError};
pub use event::{
    Anchor, AnchorTarget, Aspect, Event, EventClass, LocalEventId, Polarity, RelType, Tense,
};
pub use events::{sentences, EventAnalysis, EventExtractor};
pub use pipeline::{mention_pairs, Extractor, MentionPair, PairTarget};
pub use relate::relate_events;
pub use tagger::Tagger;
pub use timeline::{
    Bounds, Certainty, Comparison, Contradiction, EventId, EventSpec, Explanation, Gap, Mention,
    MergeConflict, MergeReport, Neighbours, Node, OrderEntry, Relation, ReportEvent, ReportGap,
    Step, TimeKind, TimeNode, Timeline, TimelineError, TimelineEvent, TimelineReport, WindowHit,
};
pub use timex::{Timex, TimexKind, TimexMod};
pub use value::{
    Amount, DateValue, DurationUnit, DurationValue, Granularity, Interval, PartOfDay, RefValue,
    Season, TimeOfDay, TimexValue,
};

/// The README's examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

/// Helpers of the unit tests.
#[cfg(test)]
mod test_support {
    /// Steps a xorshift state and returns it: a deterministic shuffle for generated texts.
    pub(crate) fn xorshift(state: &mut u64) -> u64 {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        *state
    }
}
