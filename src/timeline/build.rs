//! Adding documents, events and relations.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, Timelike};
use petgraph::stable_graph::NodeIndex;
use petgraph::visit::EdgeRef;
use petgraph::Direction;

use super::calendar::{duration_secs, value_span};
use super::model::{EventSpec, Mention, Node, Relation, TimeKind, TimeNode, TimelineEvent};
use super::{EventId, Timeline, TimelineError};
use crate::annotation::{Annotation, Endpoint, Provenance};
use crate::document::{Dct, Document};
use crate::event::{AnchorTarget, LocalEventId, RelType};
use crate::pipeline::Extractor;
use crate::timex::{TimexKind, TimexMod};
use crate::value::{DateValue, DurationUnit, TimeOfDay, TimexValue};

/// Relations that put an event at a time rather than before or after it: an anchor with one of
/// them gives the event its display value.
pub(crate) fn dates_event(rel: RelType) -> bool {
    matches!(
        rel,
        RelType::IsIncluded
            | RelType::Simultaneous
            | RelType::Identity
            | RelType::During
            | RelType::DuringInv
            | RelType::Begins
            | RelType::Ends
    )
}

/// Relations that place one side within or over the other: with the document date they
/// mean its whole day rather than the instant of writing.
fn placing(rel: RelType) -> bool {
    dates_event(rel) || dates_event(rel.inverse())
}

fn dct_value(dct: &Dct) -> TimexValue {
    match dct.time {
        Some(t) => TimexValue::Time(
            DateValue::from_naive_date(dct.date),
            TimeOfDay::Clock {
                hour: t.hour() as u8,
                minute: Some(t.minute() as u8),
                second: (t.second() != 0).then_some(t.second() as u8),
            },
        ),
        None => TimexValue::day(dct.date),
    }
}

impl Timeline {
    /// Adds the events of one annotated document, with their anchors, their relation to the
    /// document date and the relations between them. Event ids become `doc:id`
    /// ([`EventId::new`]); the returned ids are in the annotation's order.
    ///
    /// Nothing is added when the call fails.
    ///
    /// # Errors
    /// [`TimelineError::DuplicateDocument`] when `doc` was added before,
    /// [`TimelineError::DuplicateEvent`] when an id is taken, and
    /// [`TimelineError::DanglingLink`] when a relation names an event or timex the annotation
    /// does not hold.
    ///
    /// # Example
    ///
    /// ```
    /// use eventline::{Anchor, AnchorTarget, Annotation, Aspect, Certainty, Dct, DocKind, Event,
    ///                 EventClass, LocalEventId, Polarity, RelType, Tense, Timeline, Timex,
    ///                 TimexKind};
    /// // "… calls on February 12 and on March 18": two timexes, two events anchored to them.
    /// let timex = |span: std::ops::Range<usize>, value: &str| Timex {
    ///     span, kind: TimexKind::Date, value: value.parse().unwrap(),
    ///     modifier: None, quant: None, freq: None,
    /// };
    /// let event = |id: LocalEventId, span: std::ops::Range<usize>| Event {
    ///     id, trigger: 0..5, text: "calls".into(), class: EventClass::Occurrence,
    ///     tense: Tense::None, aspect: Aspect::None, polarity: Polarity::Pos, modality: None,
    ///     title: "phone call".into(), participants: vec![], dct_relation: None, mentions: vec![],
    ///     anchor: Some(Anchor { target: AnchorTarget::Timex(span), relation: RelType::IsIncluded,
    ///                           value: None }),
    /// };
    /// let ann = Annotation {
    ///     dct: Some(Dct::parse("2025-03-31")?), kind: DocKind::News, links: vec![],
    ///     timexes: vec![timex(9..20, "2025-02-12"), timex(28..36, "2025-03-18")],
    ///     events: vec![event(LocalEventId::new(1), 9..20), event(LocalEventId::new(2), 28..36)],
    /// };
    /// let mut t = Timeline::new();
    /// let ids = t.add_annotation("doc", &ann)?;
    /// assert_eq!(ids[0].as_str(), "doc:e1");
    /// assert_eq!(t.before("doc:e1", "doc:e2")?, Certainty::Definite);
    /// assert_eq!(t.gap("doc:e1", "doc:e2")?.to_string(), "P34D");
    /// assert!(t.add_annotation("doc", &ann).is_err());
    /// Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add_annotation(
        &mut self,
        doc: &str,
        ann: &Annotation,
    ) -> Result<Vec<EventId>, TimelineError> {
        if self.docs.contains_key(doc) {
            return Err(TimelineError::DuplicateDocument(doc.to_string()));
        }
        // Validate everything first so that a failure leaves the timeline untouched.
        let mut local: HashSet<LocalEventId> = HashSet::with_capacity(ann.events.len());
        for ev in &ann.events {
            let id = EventId::new(doc, ev.id.text().as_str());
            if !local.insert(ev.id) || self.node(id.as_str()).is_ok() {
                return Err(TimelineError::DuplicateEvent(id.as_str().to_string()));
            }
        }
        let timexes: HashMap<(usize, usize), usize> = ann
            .timexes
            .iter()
            .enumerate()
            .map(|(k, t)| ((t.span.start, t.span.end), k))
            .collect();
        let check = |e: &Endpoint| -> Result<(), TimelineError> {
            let ok = match e {
                Endpoint::Event(id) => local.contains(id),
                Endpoint::Timex(span) => timexes.contains_key(&(span.start, span.end)),
                Endpoint::Dct => true,
            };
            if ok {
                Ok(())
            } else {
                Err(TimelineError::DanglingLink {
                    doc: doc.to_string(),
                    endpoint: match e {
                        Endpoint::Event(id) => format!("event {id:?}"),
                        Endpoint::Timex(s) => format!("timex at {}..{}", s.start, s.end),
                        Endpoint::Dct => "DCT".to_string(),
                    },
                })
            }
        };
        for l in &ann.links {
            check(&l.source)?;
            check(&l.target)?;
        }

        self.invalidate();
        let reference = ann.dct.map(|d| d.date);
        let dct_node = ann.dct.map(|d| self.dct_node(doc, dct_value(&d), d.date));
        self.docs.insert(doc.to_string(), dct_node);
        let mut ids = Vec::with_capacity(ann.events.len());
        let mut nodes: HashMap<LocalEventId, NodeIndex> = HashMap::with_capacity(ann.events.len());
        for ev in &ann.events {
            let id = EventId::new(doc, ev.id.text().as_str());
            let mut mentions: Vec<Mention> = ev
                .mentions
                .iter()
                .map(|s| Mention {
                    doc: Some(doc.to_string()),
                    span: s.clone(),
                })
                .collect();
            if mentions.is_empty() {
                mentions.push(Mention {
                    doc: Some(doc.to_string()),
                    span: ev.trigger.clone(),
                });
            }
            let mut event = TimelineEvent {
                id: id.clone(),
                title: if ev.title.is_empty() {
                    ev.text.clone()
                } else {
                    ev.title.clone()
                },
                trigger: ev.text.clone(),
                class: Some(ev.class),
                polarity: Some(ev.polarity),
                modality: ev.modality.clone(),
                participants: ev.participants.clone(),
                mentions,
                docs: vec![doc.to_string()],
                value: None,
                modifier: None,
                duration: None,
                duration_mod: None,
            };
            // Resolve the anchor to a time node (or a duration of the event).
            let mut anchor_edge: Option<(NodeIndex, RelType)> = None;
            if let Some(a) = &ev.anchor {
                match &a.target {
                    AnchorTarget::Timex(span) => {
                        let tx = timexes
                            .get(&(span.start, span.end))
                            .and_then(|&k| ann.timexes.get(k));
                        let value = a.value.clone().or_else(|| tx.map(|t| t.value.clone()));
                        let modifier = tx.and_then(|t| t.modifier);
                        if let Some(value) = value {
                            if value.is_duration() {
                                if matches!(
                                    a.relation,
                                    RelType::During
                                        | RelType::DuringInv
                                        | RelType::Simultaneous
                                        | RelType::Identity
                                ) {
                                    event.duration = Some(value.clone());
                                    event.duration_mod = modifier;
                                }
                            } else if dates_event(a.relation) {
                                event.value = Some(value.clone());
                                event.modifier = modifier;
                            }
                            let t = self.timex_node(doc, span.clone(), value, modifier, reference);
                            anchor_edge = Some((t, a.relation));
                        }
                    }
                    AnchorTarget::Dct => {
                        let day = a
                            .value
                            .as_ref()
                            .and_then(|v| Some(v.interval()?.start.date()))
                            .or(reference);
                        if let Some(day) = day {
                            if self.docs.get(doc).copied().flatten().is_none() {
                                let instant = self.dct_node(doc, TimexValue::day(day), day);
                                self.docs.insert(doc.to_string(), Some(instant));
                            }
                            if dates_event(a.relation) {
                                event.value = Some(TimexValue::day(day));
                            }
                            let t = self.dct_day_node(doc, day);
                            anchor_edge = Some((t, a.relation));
                        }
                    }
                }
            }
            let n = self.graph.add_node(Node::Event(event));
            self.events.insert(id.clone(), n);
            nodes.insert(ev.id, n);
            ids.push(id);
            if let Some((t, rel)) = anchor_edge {
                self.add_relation(n, t, relation(rel, Provenance::Anchor, doc));
            }
            if let (Some(rel), Some(instant)) =
                (ev.dct_relation, self.docs.get(doc).copied().flatten())
            {
                let t = match reference.filter(|_| placing(rel)) {
                    Some(day) => self.dct_day_node(doc, day),
                    None => instant,
                };
                self.add_relation(n, t, relation(rel, Provenance::Tense, doc));
            }
        }
        // A narrative order is a likely reading, not a constraint the bounds may rest on.
        for l in ann
            .links
            .iter()
            .filter(|l| l.provenance != Provenance::Narrative)
        {
            let end = |tl: &mut Timeline, e: &Endpoint| -> Option<NodeIndex> {
                match e {
                    Endpoint::Event(id) => nodes.get(id).copied(),
                    Endpoint::Timex(span) => {
                        let t = ann.timexes.get(*timexes.get(&(span.start, span.end))?)?;
                        Some(tl.timex_node(
                            doc,
                            span.clone(),
                            t.value.clone(),
                            t.modifier,
                            reference,
                        ))
                    }
                    Endpoint::Dct => {
                        let instant = tl.docs.get(doc).copied().flatten()?;
                        if placing(l.relation) {
                            let day = match tl.graph.node_weight(instant) {
                                Some(Node::Time(t)) => t.reference,
                                _ => None,
                            }?;
                            Some(tl.dct_day_node(doc, day))
                        } else {
                            Some(instant)
                        }
                    }
                }
            };
            let (Some(a), Some(b)) = (end(self, &l.source), end(self, &l.target)) else {
                continue;
            };
            if a != b {
                self.add_relation(a, b, relation(l.relation, l.provenance, doc));
            }
        }
        self.add_offsets(doc, ann, &nodes, reference);
        Ok(ids)
    }

    /// Amounts of time between two events: the event that ends a counted duration started
    /// that long after the one that begins it ("[less than a decade] after exchanging
    /// communist rule, they became members"); when the text names only one end, the day it
    /// named last before the duration is the other ("The next day … [Three days] later,
    /// Germany declared war").
    fn add_offsets(
        &mut self,
        doc: &str,
        ann: &Annotation,
        nodes: &HashMap<LocalEventId, NodeIndex>,
        reference: Option<NaiveDate>,
    ) {
        for (k, d) in ann.timexes.iter().enumerate() {
            let counted = match &d.value {
                TimexValue::Duration(v) => v.parts().iter().all(|(n, _)| n.is_some()),
                _ => false,
            };
            if d.kind != TimexKind::Duration || !counted {
                continue;
            }
            let mut begins = Vec::new();
            let mut ends = Vec::new();
            // Whether an event at one end has a date of its own in the text.
            let mut dated = false;
            for l in &ann.links {
                let (Endpoint::Event(id), Endpoint::Timex(span)) = (&l.source, &l.target) else {
                    continue;
                };
                if *span != d.span {
                    continue;
                }
                let Some(&n) = nodes.get(id) else { continue };
                match l.relation {
                    RelType::Begins => begins.push(n),
                    RelType::Ends => ends.push(n),
                    _ => continue,
                }
                dated |= own_date(ann, id);
            }
            if begins.is_empty() && ends.is_empty() {
                continue;
            }
            // Only one end in the text: the other is the day named last, unless the event
            // has its own date ("moved to the Panthéon in 1995, [sixty-one years] after her
            // death": the other end is the death, not 1995).
            if begins.is_empty() != ends.is_empty() {
                // Only events that begin the amount: "[A decade] after the collapse, …" counts
                // from the collapse to the clause's event, not from the last date named.
                if dated || ends.is_empty() {
                    continue;
                }
                // The last date named before the duration.
                let last = ann.timexes.get(..k).into_iter().flatten().rev().find(|t| {
                    matches!(t.kind, TimexKind::Date | TimexKind::Time)
                        && !matches!(t.value, TimexValue::Ref(_))
                });
                // If it is a day (or finer), the offset is counted from it, below.
                let day = last.filter(|t| {
                    t.value
                        .interval()
                        .is_some_and(|iv| iv.end - iv.start <= chrono::Duration::days(1))
                });
                let Some(t) = day else {
                    // A year or a month: the events at the other end fall in the year or
                    // month that far on ("In 1703 … [Four years] later he married": 1707).
                    let coarse = last.zip(d.modifier.is_none().then_some(&d.value));
                    if let Some(value) = coarse.and_then(|(t, v)| shift_coarse(&t.value, v)) {
                        self.date_events(&ends, value, doc);
                    }
                    continue;
                };
                // Exact amounts from a day give the other day itself ("three days later":
                // December 11), which dates the events at that end.
                let derived = match (&d.value, t.value.interval(), d.modifier) {
                    (TimexValue::Duration(v), Some(iv), None) => {
                        shift_day(iv.start.date(), v.parts()).map(TimexValue::day)
                    }
                    _ => None,
                };
                if let Some(value) = derived {
                    self.date_events(&ends, value, doc);
                }
                let n =
                    self.timex_node(doc, t.span.clone(), t.value.clone(), t.modifier, reference);
                begins.push(n);
            }
            for &b in &begins {
                for &e in &ends {
                    if b != e {
                        let mut r = relation(RelType::Before, Provenance::Inferred, doc);
                        r.offset = Some(d.value.clone());
                        r.offset_mod = d.modifier;
                        self.graph.add_edge(b, e, r);
                    }
                }
            }
        }
    }

    /// Places `events` in a value derived from the text (inferred, not stated): each becomes
    /// included in it, and takes it as its own value when it has none.
    fn date_events(&mut self, events: &[NodeIndex], value: TimexValue, doc: &str) {
        let dn = self.given_node(value.clone(), None);
        for &e in events {
            if let Some(Node::Event(ev)) = self.graph.node_weight_mut(e) {
                if ev.value.is_none() {
                    ev.value = Some(value.clone());
                }
            }
            self.add_relation(
                e,
                dn,
                relation(RelType::IsIncluded, Provenance::Inferred, doc),
            );
        }
    }

    /// Runs the whole pipeline on a document (temporal expressions, events, their anchors and
    /// relations) and adds the result, as [`Timeline::add_annotation`] does.
    ///
    /// # Errors
    /// As [`Timeline::add_annotation`].
    pub fn add_document(
        &mut self,
        extractor: &Extractor,
        doc_id: &str,
        doc: &Document,
    ) -> Result<Vec<EventId>, TimelineError> {
        let annotation = extractor.extract(doc);
        self.add_annotation(doc_id, &annotation)
    }

    /// The events dated by a value, by its TIMEX3 string (`"2025-03-18"`, `"2025-03"`), in the
    /// order they were added: events anchored to it (unless a contradiction set the anchor
    /// aside) and events whose bounds fit exactly that day, month or year.
    ///
    /// ```
    /// use eventline::{EventSpec, Timeline};
    /// let mut t = Timeline::new();
    /// t.add_event(EventSpec::new("a", "call").on("2025-03-18".parse()?))?;
    /// t.add_event(EventSpec::new("b", "talks").on("2025-03".parse()?))?;
    /// assert_eq!(t.dated_by("2025-03")[0].as_str(), "b");
    /// assert!(t.dated_by("2025-04").is_empty());
    /// Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn dated_by(&self, value: &str) -> Vec<EventId> {
        self.solution()
            .events
            .iter()
            .filter(|&&n| self.shown(n).value.is_some_and(|v| v.to_string() == value))
            .filter_map(|&n| self.event_at(n).map(|e| e.id.clone()))
            .collect()
    }

    fn dct_node(&mut self, doc: &str, value: TimexValue, day: NaiveDate) -> NodeIndex {
        let key = format!("{doc}:DCT");
        if let Some(&n) = self.times.get(&key) {
            return n;
        }
        let n = self.graph.add_node(Node::Time(TimeNode {
            key: key.clone(),
            kind: TimeKind::Dct,
            value: Some(value),
            modifier: None,
            doc: Some(doc.to_string()),
            span: None,
            reference: Some(day),
        }));
        self.times.insert(key, n);
        n
    }

    /// Adds a relation unless the same one (same ends, same type) is already there: an
    /// annotation often states a relation as an anchor, from tense and as a link.
    fn add_relation(&mut self, a: NodeIndex, b: NodeIndex, r: Relation) {
        let event_side = matches!(self.graph.node_weight(a), Some(Node::Event(_)));
        let dup = |w: &Relation| w.rel == r.rel && w.offset.is_none() && r.offset.is_none();
        let exists = if event_side {
            self.graph
                .edges_directed(a, Direction::Outgoing)
                .any(|e| e.target() == b && dup(e.weight()))
        } else {
            self.graph
                .edges_directed(b, Direction::Incoming)
                .any(|e| e.source() == a && dup(e.weight()))
        };
        if !exists {
            self.graph.add_edge(a, b, r);
        }
    }

    fn dct_day_node(&mut self, doc: &str, day: NaiveDate) -> NodeIndex {
        let key = format!("{doc}:DCT-day");
        if let Some(&n) = self.times.get(&key) {
            return n;
        }
        let n = self.graph.add_node(Node::Time(TimeNode {
            key: key.clone(),
            kind: TimeKind::DctDay,
            value: Some(TimexValue::day(day)),
            modifier: None,
            doc: Some(doc.to_string()),
            span: None,
            reference: Some(day),
        }));
        self.times.insert(key, n);
        n
    }

    fn timex_node(
        &mut self,
        doc: &str,
        span: std::ops::Range<usize>,
        value: TimexValue,
        modifier: Option<TimexMod>,
        reference: Option<NaiveDate>,
    ) -> NodeIndex {
        let key = format!("{doc}:{}-{}", span.start, span.end);
        if let Some(&n) = self.times.get(&key) {
            return n;
        }
        let n = self.graph.add_node(Node::Time(TimeNode {
            key: key.clone(),
            kind: TimeKind::Timex,
            value: Some(value),
            modifier,
            doc: Some(doc.to_string()),
            span: Some(span),
            reference,
        }));
        self.times.insert(key, n);
        n
    }

    fn given_node(&mut self, value: TimexValue, modifier: Option<TimexMod>) -> NodeIndex {
        let key = match modifier {
            Some(m) => format!("{value}/{m}"),
            None => value.to_string(),
        };
        if let Some(&n) = self.times.get(&key) {
            return n;
        }
        let n = self.graph.add_node(Node::Time(TimeNode {
            key: key.clone(),
            kind: TimeKind::Given,
            value: Some(value),
            modifier,
            doc: None,
            span: None,
            reference: None,
        }));
        self.times.insert(key, n);
        n
    }

    /// Adds an event given by hand, with its anchors.
    ///
    /// # Errors
    /// [`TimelineError::DuplicateEvent`] when the id is taken, [`TimelineError::NotADate`]
    /// when an anchor value has no place on the calendar, [`TimelineError::NotADuration`]
    /// when the duration is not one.
    ///
    /// # Example
    ///
    /// ```
    /// use eventline::{EventSpec, Timeline};
    /// let mut t = Timeline::new();
    /// let id = t.add_event(EventSpec::new("summit", "summit").on("2025-W13-WE".parse()?))?;
    /// let b = t.bounds(&id)?;
    /// assert_eq!(b.earliest_start.unwrap().to_string(), "2025-03-29 00:00:00");
    /// assert!(t.add_event(EventSpec::new("summit", "again")).is_err());
    /// Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add_event(&mut self, spec: EventSpec) -> Result<EventId, TimelineError> {
        let EventSpec { mut event, anchors } = spec;
        if self.node(event.id.as_str()).is_ok() {
            return Err(TimelineError::DuplicateEvent(event.id.as_str().to_string()));
        }
        for (_, v, m) in &anchors {
            if value_span(v, *m, None).is_none() {
                return Err(TimelineError::NotADate(v.to_string()));
            }
        }
        if let Some(d) = &event.duration {
            if duration_secs(d, event.duration_mod).is_none() {
                return Err(TimelineError::NotADuration(d.to_string()));
            }
        }
        if event.value.is_none() {
            if let Some((_, v, m)) = anchors.iter().find(|(r, _, _)| dates_event(*r)) {
                event.value = Some(v.clone());
                event.modifier = *m;
            }
        }
        self.invalidate();
        let id = event.id.clone();
        let n = self.graph.add_node(Node::Event(event));
        self.events.insert(id.clone(), n);
        for (rel, v, m) in anchors {
            let t = self.given_node(v, m);
            self.graph
                .add_edge(n, t, relation(rel, Provenance::User, ""));
        }
        Ok(id)
    }

    /// States "a REL b" between two events (provenance [`Provenance::User`]).
    ///
    /// # Errors
    /// [`TimelineError::UnknownEvent`] when either id is unknown.
    pub fn relate(
        &mut self,
        a: impl AsRef<str>,
        rel: RelType,
        b: impl AsRef<str>,
    ) -> Result<(), TimelineError> {
        self.relate_with(a, rel, b, Provenance::User)
    }

    /// States "a REL b" with the given provenance.
    ///
    /// # Errors
    /// [`TimelineError::UnknownEvent`] when either id is unknown.
    pub fn relate_with(
        &mut self,
        a: impl AsRef<str>,
        rel: RelType,
        b: impl AsRef<str>,
        provenance: Provenance,
    ) -> Result<(), TimelineError> {
        let (na, nb) = (self.node(a.as_ref())?, self.node(b.as_ref())?);
        self.invalidate();
        self.graph.add_edge(na, nb, relation(rel, provenance, ""));
        Ok(())
    }

    /// Anchors an event to a date or time: "event REL value", with the value's `mod`.
    ///
    /// # Errors
    /// [`TimelineError::UnknownEvent`], or [`TimelineError::NotADate`] when the value has no
    /// place on the calendar.
    pub fn anchor(
        &mut self,
        event: impl AsRef<str>,
        rel: RelType,
        value: TimexValue,
        modifier: Option<TimexMod>,
    ) -> Result<(), TimelineError> {
        let n = self.node(event.as_ref())?;
        if value_span(&value, modifier, None).is_none() {
            return Err(TimelineError::NotADate(value.to_string()));
        }
        self.invalidate();
        if let Some(Node::Event(e)) = self.graph.node_weight_mut(n) {
            if e.value.is_none() && dates_event(rel) {
                e.value = Some(value.clone());
                e.modifier = modifier;
            }
        }
        let t = self.given_node(value, modifier);
        self.graph
            .add_edge(n, t, relation(rel, Provenance::User, ""));
        Ok(())
    }

    /// States that `b` started `offset` after `a` started ("two weeks later": `P2W`), with the
    /// offset's `mod` (`MORE_THAN`, `APPROX`…).
    ///
    /// # Errors
    /// [`TimelineError::UnknownEvent`], or [`TimelineError::NotADuration`].
    ///
    /// # Example
    ///
    /// ```
    /// use eventline::{EventSpec, Timeline};
    /// let mut t = Timeline::new();
    /// t.add_event(EventSpec::new("a", "talks").on("2025-02-12".parse()?))?;
    /// t.add_event(EventSpec::new("b", "deal"))?;
    /// t.later("a", "b", "P2W".parse()?, None)?;
    /// assert_eq!(t.gap("a", "b")?.to_string(), "P14D");
    /// assert_eq!(t.bounds("b")?.earliest_start.unwrap().date().to_string(), "2025-02-26");
    /// Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn later(
        &mut self,
        a: impl AsRef<str>,
        b: impl AsRef<str>,
        offset: TimexValue,
        modifier: Option<TimexMod>,
    ) -> Result<(), TimelineError> {
        let (na, nb) = (self.node(a.as_ref())?, self.node(b.as_ref())?);
        if duration_secs(&offset, modifier).is_none() {
            return Err(TimelineError::NotADuration(offset.to_string()));
        }
        self.invalidate();
        let mut r = relation(RelType::Before, Provenance::User, "");
        r.offset = Some(offset);
        r.offset_mod = modifier;
        self.graph.add_edge(na, nb, r);
        Ok(())
    }

    /// States how long an event lasted.
    ///
    /// # Errors
    /// [`TimelineError::UnknownEvent`], or [`TimelineError::NotADuration`].
    pub fn set_duration(
        &mut self,
        event: impl AsRef<str>,
        duration: TimexValue,
        modifier: Option<TimexMod>,
    ) -> Result<(), TimelineError> {
        let n = self.node(event.as_ref())?;
        if duration_secs(&duration, modifier).is_none() {
            return Err(TimelineError::NotADuration(duration.to_string()));
        }
        self.invalidate();
        if let Some(Node::Event(e)) = self.graph.node_weight_mut(n) {
            e.duration = Some(duration);
            e.duration_mod = modifier;
        }
        Ok(())
    }
}

/// The day `parts` (a duration counted in days, weeks, months, quarters or years) after
/// `day`; `None` for finer or unknown amounts.
fn shift_day(day: NaiveDate, parts: &[(Option<u32>, DurationUnit)]) -> Option<NaiveDate> {
    let (mut months, mut days) = (0u32, 0u32);
    for &(n, unit) in parts {
        let n = n?;
        match unit {
            DurationUnit::Century => months = months.checked_add(n.checked_mul(1200)?)?,
            DurationUnit::Decade => months = months.checked_add(n.checked_mul(120)?)?,
            DurationUnit::Year => months = months.checked_add(n.checked_mul(12)?)?,
            DurationUnit::Quarter => months = months.checked_add(n.checked_mul(3)?)?,
            DurationUnit::Month => months = months.checked_add(n)?,
            DurationUnit::Week => days = days.checked_add(n.checked_mul(7)?)?,
            DurationUnit::Day => days = days.checked_add(n)?,
            _ => return None,
        }
    }
    day.checked_add_months(chrono::Months::new(months))?
        .checked_add_days(chrono::Days::new(days.into()))
}

/// Event `id` is placed in a date or time of the text (it happened on or in it).
fn own_date(ann: &Annotation, id: &LocalEventId) -> bool {
    ann.links.iter().any(|l| {
        l.source == Endpoint::Event(*id)
            && matches!(l.relation, RelType::IsIncluded | RelType::Simultaneous)
            && matches!(&l.target, Endpoint::Timex(span) if ann.timexes.iter().any(|t| {
                t.span == *span && matches!(t.kind, TimexKind::Date | TimexKind::Time)
            }))
    })
}

/// A year or a month moved on by an amount in its own unit or coarser: 1703 + four years is
/// 1707, May 1723 + three months is August 1723. Anything finer, or another kind of date,
/// gives `None` (a day would be a guess).
fn shift_coarse(value: &TimexValue, amount: &TimexValue) -> Option<TimexValue> {
    let TimexValue::Duration(v) = amount else {
        return None;
    };
    let mut months: i64 = 0;
    for &(n, unit) in v.parts() {
        let n = i64::from(n?);
        months += match unit {
            DurationUnit::Century => n * 1200,
            DurationUnit::Decade => n * 120,
            DurationUnit::Year => n * 12,
            DurationUnit::Quarter => n * 3,
            DurationUnit::Month => n,
            _ => return None,
        };
    }
    let date = match value {
        TimexValue::Date(DateValue::Year(y)) if months % 12 == 0 => {
            DateValue::Year(i32::try_from(i64::from(*y) + months / 12).ok()?)
        }
        TimexValue::Date(DateValue::Month(Some(y), m)) => {
            let total = i64::from(*y) * 12 + i64::from(*m) - 1 + months;
            let y = i32::try_from(total.div_euclid(12)).ok()?;
            DateValue::Month(Some(y), u8::try_from(total.rem_euclid(12) + 1).ok()?)
        }
        _ => return None,
    };
    let value = TimexValue::Date(date);
    value.is_valid().then_some(value)
}

pub(crate) fn relation(rel: RelType, provenance: Provenance, doc: &str) -> Relation {
    Relation {
        rel,
        provenance,
        doc: (!doc.is_empty()).then(|| doc.to_string()),
        offset: None,
        offset_mod: None,
    }
}
