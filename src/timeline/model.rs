//! The nodes and edges of the timeline graph.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::annotation::Provenance;
use crate::event::{EventClass, Polarity, RelType};
use crate::timex::TimexMod;
use crate::value::TimexValue;

/// The identifier of an event in a [`Timeline`](crate::Timeline): the document id and the
/// event's id in that document (`"nbc:e3"`), or any string the caller chose.
///
/// ```
/// use eventline::EventId;
/// assert_eq!(EventId::new("nbc", "e3").as_str(), "nbc:e3");
/// assert_eq!(EventId::new("", "e3").as_str(), "e3");
/// assert_eq!(EventId::from("call-1").to_string(), "call-1");
/// assert_eq!(EventId::from(eventline::LocalEventId::new(3)).as_str(), "e3");
/// ```
#[derive(Clone)]
pub struct EventId(Repr);

/// Short ids (most of them) are stored inline, so copying one touches no other memory.
#[derive(Clone)]
enum Repr {
    Inline(u8, [u8; INLINE]),
    Shared(Arc<str>),
}

const INLINE: usize = 22;

impl Serialize for EventId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for EventId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<EventId, D::Error> {
        String::deserialize(d).map(EventId::from)
    }
}

impl EventId {
    /// The id of event `local` of document `doc` (just `local` when `doc` is empty).
    pub fn new(doc: &str, local: &str) -> EventId {
        if doc.is_empty() {
            EventId::from(local)
        } else if doc.len() + 1 + local.len() <= INLINE {
            let mut buf = [0u8; INLINE];
            buf[..doc.len()].copy_from_slice(doc.as_bytes());
            buf[doc.len()] = b':';
            buf[doc.len() + 1..doc.len() + 1 + local.len()].copy_from_slice(local.as_bytes());
            EventId(Repr::Inline((doc.len() + 1 + local.len()) as u8, buf))
        } else {
            EventId(Repr::Shared(Arc::from(format!("{doc}:{local}"))))
        }
    }
    /// The id as a string.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Inline(len, buf) => buf
                .get(..*len as usize)
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or(""),
            Repr::Shared(s) => s,
        }
    }
}

impl fmt::Debug for EventId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq for EventId {
    fn eq(&self, other: &EventId) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for EventId {}

impl std::hash::Hash for EventId {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.as_str().hash(h)
    }
}

impl PartialOrd for EventId {
    fn partial_cmp(&self, other: &EventId) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for EventId {
    fn cmp(&self, other: &EventId) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl From<&str> for EventId {
    fn from(s: &str) -> EventId {
        if s.len() <= INLINE {
            let mut buf = [0u8; INLINE];
            buf[..s.len()].copy_from_slice(s.as_bytes());
            EventId(Repr::Inline(s.len() as u8, buf))
        } else {
            EventId(Repr::Shared(Arc::from(s)))
        }
    }
}

impl From<String> for EventId {
    fn from(s: String) -> EventId {
        EventId::from(s.as_str())
    }
}

/// A document's event id on its own (`e3`), as when the document id is empty.
impl From<crate::event::LocalEventId> for EventId {
    fn from(id: crate::event::LocalEventId) -> EventId {
        EventId::from(id.text().as_str())
    }
}

impl From<&EventId> for EventId {
    fn from(s: &EventId) -> EventId {
        s.clone()
    }
}

impl AsRef<str> for EventId {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for EventId {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for EventId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A place in a document that refers to an event.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Mention {
    /// The document, when the event came from one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
    /// Byte span in that document's text.
    pub span: Range<usize>,
}

/// An event of a timeline: what it is, who took part, where it is mentioned and the value that
/// dates it. Its place in time (bounds) comes from the relations of the graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEvent {
    /// Its id.
    pub id: EventId,
    /// A short readable title.
    pub title: String,
    /// The trigger word as written ("call", "said").
    #[serde(default)]
    pub trigger: String,
    /// TimeML class, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class: Option<EventClass>,
    /// Whether the text asserts or denies it ("no new call had been scheduled"), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub polarity: Option<Polarity>,
    /// Its modal auxiliary ("could be arranged"), when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modality: Option<String>,
    /// Named participants.
    #[serde(default)]
    pub participants: Vec<String>,
    /// Every mention, in every document that reports it.
    #[serde(default)]
    pub mentions: Vec<Mention>,
    /// The documents that report it.
    #[serde(default)]
    pub docs: Vec<String>,
    /// The TIMEX3 value that dates it (its anchor), when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<TimexValue>,
    /// The `mod` of that value ("early March" is `2025-03` with `START`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modifier: Option<TimexMod>,
    /// How long it lasts (a duration value), when stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<TimexValue>,
    /// The `mod` of the duration ("more than two weeks").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_mod: Option<TimexMod>,
}

/// What a time node stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeKind {
    /// A temporal expression of a document.
    Timex,
    /// A document's creation time: an instant within its day (or the given clock time).
    /// Tense places events before or after it.
    Dct,
    /// The whole day of a document's creation date: what "today" and reports dated by the
    /// article's date are included in.
    DctDay,
    /// A value given directly by the caller.
    Given,
}

/// A time of the graph: a dated expression, a document date or a caller's value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeNode {
    /// Unique key (`"nbc:DCT"`, `"nbc:120-131"`, `"2025-03-18"`).
    pub key: String,
    /// What it stands for.
    pub kind: TimeKind,
    /// Its value, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<TimexValue>,
    /// Its `mod`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modifier: Option<TimexMod>,
    /// The document it comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
    /// Its span in that document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Range<usize>>,
    /// The document date `PAST_REF`/`FUTURE_REF`/`PRESENT_REF` are read against.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<NaiveDate>,
}

impl TimeNode {
    /// A readable label: `2025-03-18`, `2025-03 (START)`, `DCT 2025-03-31`.
    pub fn label(&self) -> String {
        let v = self
            .value
            .as_ref()
            .map_or_else(|| "unknown time".to_string(), |v| v.to_string());
        let v = match self.modifier {
            Some(m) => format!("{v} ({m})"),
            None => v,
        };
        match self.kind {
            TimeKind::Dct => format!("DCT {v}"),
            TimeKind::DctDay => format!("{v} (DCT)"),
            _ => v,
        }
    }
}

/// A node of the timeline graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "node", rename_all = "snake_case")]
pub enum Node {
    /// An event.
    Event(TimelineEvent),
    /// A time.
    Time(TimeNode),
}

/// An edge of the timeline graph: "source REL target", where it comes from, and for
/// measured relations ("two weeks later") how far the target starts after the source starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relation {
    /// The TimeML relation.
    pub rel: RelType,
    /// Where it comes from.
    pub provenance: Provenance,
    /// The document that states it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
    /// A duration value: the target starts this long after the source starts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<TimexValue>,
    /// The `mod` of the offset ("more than two weeks later").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset_mod: Option<TimexMod>,
}

/// An event to add by hand: a builder for [`Timeline::add_event`](crate::Timeline::add_event).
///
/// ```
/// use eventline::{EventSpec, RelType};
/// let spec = EventSpec::new("call-1", "phone call between Putin and Trump")
///     .trigger("call")
///     .participants(["Putin", "Trump"])
///     .on("2025-02-12".parse()?)
///     .anchored(RelType::Before, "2025-03".parse()?);
/// assert_eq!(spec.id().as_str(), "call-1");
/// Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventSpec {
    pub(crate) event: TimelineEvent,
    pub(crate) anchors: Vec<(RelType, TimexValue, Option<TimexMod>)>,
}

impl EventSpec {
    /// An event with an id and a title.
    pub fn new(id: impl Into<EventId>, title: impl Into<String>) -> EventSpec {
        EventSpec {
            event: TimelineEvent {
                id: id.into(),
                title: title.into(),
                trigger: String::new(),
                class: None,
                polarity: None,
                modality: None,
                participants: Vec::new(),
                mentions: Vec::new(),
                docs: Vec::new(),
                value: None,
                modifier: None,
                duration: None,
                duration_mod: None,
            },
            anchors: Vec::new(),
        }
    }
    /// Its id.
    pub fn id(&self) -> &EventId {
        &self.event.id
    }
    /// The trigger word (used to recognise the same event in several articles).
    pub fn trigger(mut self, trigger: impl Into<String>) -> EventSpec {
        self.event.trigger = trigger.into();
        self
    }
    /// The TimeML class.
    pub fn class(mut self, class: EventClass) -> EventSpec {
        self.event.class = Some(class);
        self
    }
    /// Whether the text asserts or denies it.
    pub fn polarity(mut self, polarity: Polarity) -> EventSpec {
        self.event.polarity = Some(polarity);
        self
    }
    /// Named participants.
    pub fn participants<S: Into<String>>(
        mut self,
        names: impl IntoIterator<Item = S>,
    ) -> EventSpec {
        self.event.participants = names.into_iter().map(Into::into).collect();
        self
    }
    /// The document it comes from.
    pub fn doc(mut self, doc: impl Into<String>) -> EventSpec {
        self.event.docs = vec![doc.into()];
        self
    }
    /// It happened within this date or time (`IS_INCLUDED`).
    pub fn on(self, value: TimexValue) -> EventSpec {
        self.anchored(RelType::IsIncluded, value)
    }
    /// It happened within this date, qualified by a `mod` ("early March").
    pub fn on_mod(mut self, value: TimexValue, modifier: TimexMod) -> EventSpec {
        self.anchors
            .push((RelType::IsIncluded, value, Some(modifier)));
        self
    }
    /// "event REL value", e.g. [`RelType::Before`] a date.
    pub fn anchored(mut self, rel: RelType, value: TimexValue) -> EventSpec {
        self.anchors.push((rel, value, None));
        self
    }
    /// How long it lasted (a duration value such as `P2W`).
    pub fn duration(mut self, value: TimexValue) -> EventSpec {
        self.event.duration = Some(value);
        self
    }
}

impl TimelineEvent {
    /// Whether the text denies it happened.
    pub fn is_negated(&self) -> bool {
        self.polarity == Some(Polarity::Neg)
    }
}
