//! The result of running the whole extraction pipeline on one document.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::document::{Dct, DocKind};
use crate::event::{Event, LocalEventId, RelType};
use crate::timex::Timex;

/// One end of a temporal relation asserted between mentions of a document.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Endpoint {
    /// An event, by its id.
    Event(LocalEventId),
    /// A temporal expression, by its byte span.
    Timex(Range<usize>),
    /// The document creation time.
    Dct,
}

/// Where a relation comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Provenance {
    /// Stated in the text by a signal ("on", "before", "since"…).
    Stated,
    /// From an event's time anchor (a timex in its clause).
    Anchor,
    /// From tense and aspect against the document date.
    Tense,
    /// Inferred by reasoning over other relations (two events ordered by their dates).
    Inferred,
    /// The usual order of two nearby events given how they are told (tense, class, the word
    /// between them), learned from annotated news: likely, not certain.
    Narrative,
    /// Added by the user.
    User,
}

/// A temporal relation "source REL target" between mentions of one document.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Link {
    /// Source mention.
    pub source: Endpoint,
    /// Target mention.
    pub target: Endpoint,
    /// The relation.
    pub relation: RelType,
    /// Where it comes from.
    pub provenance: Provenance,
}

/// Everything extracted from one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotation {
    /// The document date used for resolution (given or detected).
    pub dct: Option<Dct>,
    /// The document kind used for resolution.
    pub kind: DocKind,
    /// Temporal expressions, sorted by span.
    pub timexes: Vec<Timex>,
    /// Events, sorted by trigger.
    pub events: Vec<Event>,
    /// Relations between events, timexes and the DCT.
    pub links: Vec<Link>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An event endpoint reads and writes as the id string, as it did when ids were strings.
    #[test]
    fn event_endpoints_serialize_as_id_strings() {
        let link = Link {
            source: Endpoint::Event(LocalEventId::new(12)),
            target: Endpoint::Timex(3..9),
            relation: RelType::IsIncluded,
            provenance: Provenance::Anchor,
        };
        let json = serde_json::to_string(&link).unwrap();
        assert_eq!(
            json,
            r#"{"source":{"event":"e12"},"target":{"timex":{"start":3,"end":9}},"relation":"IS_INCLUDED","provenance":"anchor"}"#
        );
        assert_eq!(serde_json::from_str::<Link>(&json).unwrap(), link);
        assert!(serde_json::from_str::<Endpoint>(r#"{"event":"x1"}"#).is_err());
    }
}
