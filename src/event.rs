//! Events: what an article reports happening, and what dates it.

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::value::TimexValue;

/// A TimeML event class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EventClass {
    /// Something that happens ("call", "killed", "rose").
    Occurrence,
    /// Someone reports ("said", "told", "according").
    Reporting,
    /// A state that holds ("war", "has", "loss").
    State,
    /// An intensional action ("agreed", "seek", "trying").
    IAction,
    /// An intensional state ("expected", "think", "want").
    IState,
    /// An aspectual predicate ("began", "continue", "completed").
    Aspectual,
    /// A perception ("see", "heard").
    Perception,
}

impl EventClass {
    /// The TimeML name (`OCCURRENCE`, `I_ACTION`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            EventClass::Occurrence => "OCCURRENCE",
            EventClass::Reporting => "REPORTING",
            EventClass::State => "STATE",
            EventClass::IAction => "I_ACTION",
            EventClass::IState => "I_STATE",
            EventClass::Aspectual => "ASPECTUAL",
            EventClass::Perception => "PERCEPTION",
        }
    }
}

impl fmt::Display for EventClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A TimeML temporal relation type (`relType`), read as "source REL target".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RelType {
    /// Source ends before target starts.
    Before,
    /// Source starts after target ends.
    After,
    /// Source ends exactly where target starts.
    IBefore,
    /// Source starts exactly where target ends.
    IAfter,
    /// Source contains target.
    Includes,
    /// Source lies within target.
    IsIncluded,
    /// Same start and end.
    Simultaneous,
    /// The same event or time.
    Identity,
    /// Source lasts throughout target (TimeML `DURING`).
    During,
    /// Target lasts throughout source.
    DuringInv,
    /// Source starts target (same start, source ends first).
    Begins,
    /// Source is started by target.
    BegunBy,
    /// Source ends target (same end, source starts later).
    Ends,
    /// Source is ended by target.
    EndedBy,
}

impl RelType {
    /// Every relation type, in declaration order.
    ///
    /// ```
    /// use eventline::RelType;
    /// assert_eq!(RelType::ALL.len(), 14);
    /// assert!(RelType::ALL.iter().all(|r| r.inverse().inverse() == *r));
    /// ```
    pub const ALL: [RelType; 14] = [
        RelType::Before,
        RelType::After,
        RelType::IBefore,
        RelType::IAfter,
        RelType::Includes,
        RelType::IsIncluded,
        RelType::Simultaneous,
        RelType::Identity,
        RelType::During,
        RelType::DuringInv,
        RelType::Begins,
        RelType::BegunBy,
        RelType::Ends,
        RelType::EndedBy,
    ];

    /// The TimeML name (`BEFORE`, `IS_INCLUDED`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            RelType::Before => "BEFORE",
            RelType::After => "AFTER",
            RelType::IBefore => "IBEFORE",
            RelType::IAfter => "IAFTER",
            RelType::Includes => "INCLUDES",
            RelType::IsIncluded => "IS_INCLUDED",
            RelType::Simultaneous => "SIMULTANEOUS",
            RelType::Identity => "IDENTITY",
            RelType::During => "DURING",
            RelType::DuringInv => "DURING_INV",
            RelType::Begins => "BEGINS",
            RelType::BegunBy => "BEGUN_BY",
            RelType::Ends => "ENDS",
            RelType::EndedBy => "ENDED_BY",
        }
    }

    /// The same relation seen from the target ("A BEFORE B" is "B AFTER A").
    pub fn inverse(self) -> RelType {
        match self {
            RelType::Before => RelType::After,
            RelType::After => RelType::Before,
            RelType::IBefore => RelType::IAfter,
            RelType::IAfter => RelType::IBefore,
            RelType::Includes => RelType::IsIncluded,
            RelType::IsIncluded => RelType::Includes,
            RelType::Simultaneous => RelType::Simultaneous,
            RelType::Identity => RelType::Identity,
            RelType::During => RelType::DuringInv,
            RelType::DuringInv => RelType::During,
            RelType::Begins => RelType::BegunBy,
            RelType::BegunBy => RelType::Begins,
            RelType::Ends => RelType::EndedBy,
            RelType::EndedBy => RelType::Ends,
        }
    }
}

impl fmt::Display for RelType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Grammatical tense of a verbal event (TimeML values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Tense {
    /// Past ("said").
    Past,
    /// Present ("says").
    Present,
    /// Future ("will meet").
    Future,
    /// Infinitive ("to meet").
    Infinitive,
    /// Present participle ("meeting").
    Prespart,
    /// Past participle ("met", without auxiliary).
    Pastpart,
    /// No tense (nominal events).
    None,
}

/// Grammatical aspect of a verbal event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Aspect {
    /// "has met".
    Perfective,
    /// "is meeting".
    Progressive,
    /// "has been meeting".
    PerfectiveProgressive,
    /// Simple.
    None,
}

/// Whether the text asserts or denies the event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Polarity {
    /// Asserted.
    Pos,
    /// Denied ("did not call").
    Neg,
}

/// What an event's time anchor points at.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnchorTarget {
    /// A temporal expression of the document, by byte span.
    Timex(Range<usize>),
    /// The document creation time.
    Dct,
}

/// How an event is placed in time: a relation to a timex or to the document date.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Anchor {
    /// The timex or DCT it relates to.
    pub target: AnchorTarget,
    /// "event REL target".
    pub relation: RelType,
    /// The value of the target (the DCT's day for [`AnchorTarget::Dct`]), when known.
    pub value: Option<TimexValue>,
}

/// A dated event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// Identifier, unique within the document (`e1`, `e2`…).
    pub id: String,
    /// Byte span of the trigger word.
    pub trigger: Range<usize>,
    /// The trigger as written.
    pub text: String,
    /// TimeML class.
    pub class: EventClass,
    /// Tense (verbs), `None` for nominals.
    pub tense: Tense,
    /// Aspect.
    pub aspect: Aspect,
    /// Polarity.
    pub polarity: Polarity,
    /// Modal auxiliary ("may", "would"), when present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modality: Option<String>,
    /// A short readable title ("phone call between Putin and Trump").
    pub title: String,
    /// Named people, organisations and places in its clause.
    #[serde(default)]
    pub participants: Vec<String>,
    /// The time anchor, when one was found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<Anchor>,
    /// Relation to the document date from tense and aspect, when asserted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dct_relation: Option<RelType>,
    /// Every span that refers to this event (the trigger first).
    #[serde(default)]
    pub mentions: Vec<Range<usize>>,
}
