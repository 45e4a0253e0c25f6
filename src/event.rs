//! Events: what an article reports happening, and what dates it.

use std::fmt;
use std::ops::Range;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::EventIdError;
use crate::value::TimexValue;

/// An event's identifier within its document: `e1`, `e2`, … for the first, second, … event
/// found.
///
/// It is a number (cheap to copy, compare and hash) that reads, prints, serializes and
/// parses as the string `"e12"`. A [`Timeline`](crate::Timeline) qualifies it with the
/// document's id ([`EventId`](crate::EventId), `"nbc:e12"`).
///
/// ```
/// use eventline::LocalEventId;
/// let id = LocalEventId::new(12);
/// assert_eq!(id.to_string(), "e12");
/// assert_eq!("e12".parse::<LocalEventId>()?, id);
/// assert_eq!(id, "e12");
/// assert_eq!(serde_json::to_string(&id)?, r#""e12""#);
/// assert_eq!(serde_json::from_str::<LocalEventId>(r#""e12""#)?, id);
/// assert!("12".parse::<LocalEventId>().is_err() && "e012".parse::<LocalEventId>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LocalEventId(u32);

impl LocalEventId {
    /// The id of the `n`th event (`e{n}`).
    pub const fn new(n: u32) -> LocalEventId {
        LocalEventId(n)
    }

    /// The event's number (`12` for `e12`).
    pub const fn get(self) -> u32 {
        self.0
    }

    /// The id as text, on the stack.
    pub(crate) fn text(self) -> IdText {
        let mut buf = [0u8; ID_TEXT];
        let mut k = buf.len();
        let mut v = self.0;
        loop {
            k -= 1;
            if let Some(d) = buf.get_mut(k) {
                *d = b'0' + (v % 10) as u8;
            }
            v /= 10;
            if v == 0 || k <= 1 {
                break;
            }
        }
        k -= 1;
        if let Some(e) = buf.get_mut(k) {
            *e = b'e';
        }
        IdText { buf, start: k }
    }
}

/// Room for "e" and the ten digits of a `u32`.
const ID_TEXT: usize = 11;

/// The text of a [`LocalEventId`], without an allocation.
pub(crate) struct IdText {
    buf: [u8; ID_TEXT],
    start: usize,
}

impl IdText {
    pub(crate) fn as_str(&self) -> &str {
        self.buf
            .get(self.start..)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("")
    }
}

impl fmt::Display for LocalEventId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.text().as_str())
    }
}

impl fmt::Debug for LocalEventId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.text().as_str(), f)
    }
}

impl FromStr for LocalEventId {
    type Err = EventIdError;

    /// Reads `e` and a number without leading zeros (`e1`, `e12`, `e0`).
    fn from_str(s: &str) -> Result<LocalEventId, EventIdError> {
        let bad = || EventIdError(s.to_string());
        let digits = s.strip_prefix('e').ok_or_else(bad)?;
        let plain = !digits.is_empty()
            && digits.bytes().all(|b| b.is_ascii_digit())
            && (digits == "0" || !digits.starts_with('0'));
        if !plain {
            return Err(bad());
        }
        digits.parse().map(LocalEventId).map_err(|_| bad())
    }
}

impl PartialEq<str> for LocalEventId {
    fn eq(&self, other: &str) -> bool {
        self.text().as_str() == other
    }
}

impl PartialEq<&str> for LocalEventId {
    fn eq(&self, other: &&str) -> bool {
        self.text().as_str() == *other
    }
}

impl PartialEq<LocalEventId> for str {
    fn eq(&self, other: &LocalEventId) -> bool {
        other == self
    }
}

impl PartialEq<LocalEventId> for &str {
    fn eq(&self, other: &LocalEventId) -> bool {
        other == *self
    }
}

impl Serialize for LocalEventId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.text().as_str())
    }
}

impl<'de> Deserialize<'de> for LocalEventId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<LocalEventId, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = LocalEventId;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an event id such as \"e12\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<LocalEventId, E> {
                v.parse().map_err(E::custom)
            }
        }
        d.deserialize_str(Visitor)
    }
}

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
    pub id: LocalEventId,
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
