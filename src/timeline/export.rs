//! Serialized forms: the lossless serde form of a [`Timeline`], the chronological report
//! (events and gaps), and exports for TimelineJS and vis-timeline that keep each date's
//! granularity.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDateTime, Timelike};
use petgraph::stable_graph::NodeIndex;
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use petgraph::Direction;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{json, Map, Value};

use super::calendar::{datetime, day_number, finite, value_span, DAY};
use super::model::{Node, Relation, TimelineEvent};
use super::query::{Certainty, Contradiction};
use super::{EventId, Timeline, TimelineError};
use crate::timex::TimexMod;
use crate::value::{DateValue, Granularity, TimexValue};

/// The lossless form.
#[derive(Serialize, Deserialize)]
struct Data {
    documents: BTreeMap<String, Option<usize>>,
    nodes: Vec<Node>,
    relations: Vec<EdgeData>,
    #[serde(default)]
    aliases: BTreeMap<EventId, EventId>,
}

#[derive(Serialize, Deserialize)]
struct EdgeData {
    from: usize,
    to: usize,
    #[serde(flatten)]
    relation: Relation,
}

impl Serialize for Timeline {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut pos: HashMap<NodeIndex, usize> = HashMap::new();
        let mut nodes = Vec::with_capacity(self.graph.node_count());
        for n in self.graph.node_indices() {
            if let Some(w) = self.graph.node_weight(n) {
                pos.insert(n, nodes.len());
                nodes.push(w.clone());
            }
        }
        let relations = self
            .graph
            .edge_references()
            .filter_map(|e| {
                Some(EdgeData {
                    from: *pos.get(&e.source())?,
                    to: *pos.get(&e.target())?,
                    relation: e.weight().clone(),
                })
            })
            .collect();
        Data {
            documents: self
                .docs
                .iter()
                .map(|(d, n)| (d.clone(), n.and_then(|n| pos.get(&n).copied())))
                .collect(),
            nodes,
            relations,
            aliases: self
                .aliases
                .iter()
                .map(|(a, b)| (a.clone(), b.clone()))
                .collect(),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Timeline {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Timeline, D::Error> {
        let data = Data::deserialize(d)?;
        Timeline::from_data(data).map_err(serde::de::Error::custom)
    }
}

impl Timeline {
    fn from_data(data: Data) -> Result<Timeline, TimelineError> {
        let bad = |m: String| TimelineError::Malformed(m);
        let mut t = Timeline::new();
        let mut idx = Vec::with_capacity(data.nodes.len());
        for node in data.nodes {
            match &node {
                Node::Event(e) => {
                    if t.events.contains_key(e.id.as_str()) {
                        return Err(TimelineError::DuplicateEvent(e.id.to_string()));
                    }
                    let id = e.id.clone();
                    let n = t.graph.add_node(node);
                    t.events.insert(id, n);
                    idx.push(n);
                }
                Node::Time(tn) => {
                    if t.times.contains_key(&tn.key) {
                        return Err(bad(format!("time key {:?} appears twice", tn.key)));
                    }
                    let key = tn.key.clone();
                    let n = t.graph.add_node(node);
                    t.times.insert(key, n);
                    idx.push(n);
                }
            }
        }
        for e in data.relations {
            let (Some(&a), Some(&b)) = (idx.get(e.from), idx.get(e.to)) else {
                return Err(bad(format!(
                    "relation {} -> {} names no node",
                    e.from, e.to
                )));
            };
            t.graph.add_edge(a, b, e.relation);
        }
        for (doc, n) in data.documents {
            let n = match n {
                Some(k) => Some(
                    *idx.get(k)
                        .ok_or_else(|| bad(format!("document {doc:?} date names no node")))?,
                ),
                None => None,
            };
            t.docs.insert(doc, n);
        }
        for (a, b) in data.aliases {
            t.aliases.insert(a, b);
        }
        Ok(t)
    }
}

/// An event of a [`TimelineReport`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportEvent {
    /// Its id.
    pub id: EventId,
    /// Its title.
    pub title: String,
    /// The TIMEX3 value that dates it: its anchor, or the smallest calendar unit its bounds
    /// fit in.
    pub value: Option<String>,
    /// The `mod` of that value.
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "mod")]
    pub modifier: Option<TimexMod>,
    /// The granularity of the value.
    pub granularity: Option<Granularity>,
    /// The earliest it can have started (a date, or a date-time when a clock time places it).
    pub earliest: Option<String>,
    /// The latest it can have ended (inclusive, same form).
    pub latest: Option<String>,
    /// Rank in the chronological order (ties share one).
    pub rank: usize,
    /// Tied with the previous event: same bounds, order unknown.
    pub tied: bool,
    /// Whether the previous event happened before it.
    pub after_previous: Certainty,
    /// Documents that report it.
    pub docs: Vec<String>,
    /// Participants.
    pub participants: Vec<String>,
    /// Number of mentions.
    pub mentions: usize,
    /// The text denies it happened.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub negated: bool,
}

/// A gap of a [`TimelineReport`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportGap {
    /// The earlier event.
    pub from: EventId,
    /// The later event.
    pub to: EventId,
    /// Shortest possible gap, ISO 8601 (`P34D`, `P1DT6H`).
    pub min: String,
    /// Longest possible gap, `None` when unbounded.
    pub max: Option<String>,
    /// Whether `from` happened before `to`.
    pub order: Certainty,
}

/// The chronological view of a timeline: events in order with their dates, and the gaps
/// between consecutive events. This is what the `timeline` example prints with `--json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineReport {
    /// Documents, with their dates when known.
    pub documents: BTreeMap<String, Option<String>>,
    /// Events in chronological order.
    pub events: Vec<ReportEvent>,
    /// Gaps between consecutive dated events.
    pub gaps: Vec<ReportGap>,
    /// Contradictions found in the relations.
    pub contradictions: Vec<Contradiction>,
}

fn fmt_instant(s: i64, fine: bool) -> Option<String> {
    let t = datetime(s)?;
    Some(if fine {
        t.format("%Y-%m-%dT%H:%M:%S").to_string()
    } else {
        t.format("%Y-%m-%d").to_string()
    })
}

/// The smallest calendar unit (day, weekend, week, month, year) that holds `[start, end)`.
fn enclosing_value(start: i64, end: i64) -> Option<TimexValue> {
    let a = datetime(start)?.date();
    let b = datetime(end.checked_sub(1)?)?.date();
    if a > b {
        return None;
    }
    let (wa, wb) = (a.iso_week(), b.iso_week());
    let same_week = (wa.year(), wa.week()) == (wb.year(), wb.week());
    let weekend = |d: chrono::NaiveDate| d.weekday().number_from_monday() >= 6;
    Some(TimexValue::Date(if a == b {
        DateValue::from_naive_date(a)
    } else if same_week && weekend(a) && weekend(b) {
        DateValue::Weekend(Some(wa.year()), wa.week() as u8)
    } else if same_week {
        DateValue::Week(Some(wa.year()), wa.week() as u8)
    } else if (a.year(), a.month()) == (b.year(), b.month()) {
        DateValue::Month(Some(a.year()), a.month() as u8)
    } else if a.year() == b.year() {
        DateValue::Year(a.year())
    } else {
        return None;
    }))
}

/// How an event is shown: its value, granularity and calendar span.
pub(super) struct Shown {
    pub(super) value: Option<TimexValue>,
    modifier: Option<TimexMod>,
    granularity: Option<Granularity>,
    start: Option<i64>,
    end: Option<i64>,
}

impl Timeline {
    pub(super) fn shown(&self, n: NodeIndex) -> Shown {
        let sol = self.solution();
        let ev = self.event_at(n);
        let (es, le) = match sol.vars(n) {
            Some((s, e)) => (sol.net.earl[s as usize], sol.net.lat[e as usize]),
            None => (i64::MIN, i64::MAX),
        };
        let bounded = finite(es) && finite(le);
        // A value whose every anchor was set aside by a contradiction no longer dates it.
        let trusted = |v: &TimexValue| {
            let mut anchors = self
                .graph
                .edges_directed(n, Direction::Outgoing)
                .filter(|e| match self.graph.node_weight(e.target()) {
                    Some(Node::Time(t)) => t.value.as_ref() == Some(v),
                    _ => false,
                })
                .peekable();
            anchors.peek().is_none() || anchors.any(|e| !sol.set_aside.contains(&e.id()))
        };
        if let Some(ev) = ev {
            if let Some(v) = ev.value.as_ref().filter(|v| trusted(v)) {
                let reference = ev
                    .docs
                    .first()
                    .and_then(|d| self.docs.get(d).copied().flatten())
                    .and_then(|t| match self.graph.node_weight(t) {
                        Some(Node::Time(t)) => t.reference,
                        _ => None,
                    });
                // A value with no place on the calendar (PRESENT_REF without a document
                // date) gives way to what the bounds say.
                if let Some(span) = value_span(v, ev.modifier, reference) {
                    return Shown {
                        value: Some(v.clone()),
                        modifier: ev.modifier,
                        granularity: v.granularity(),
                        start: Some(span.start)
                            .filter(|&x| finite(x))
                            .or(bounded.then_some(es)),
                        end: Some(span.end)
                            .filter(|&x| finite(x))
                            .or(bounded.then_some(le)),
                    };
                }
            }
        }
        let value = if bounded {
            enclosing_value(es, le)
        } else {
            None
        };
        let granularity = value.as_ref().and_then(|v| v.granularity());
        let span = value.as_ref().and_then(|v| value_span(v, None, None));
        Shown {
            value,
            modifier: None,
            granularity,
            start: span.map(|s| s.start).or(bounded.then_some(es)),
            end: span.map(|s| s.end).or(bounded.then_some(le)),
        }
    }

    /// The chronological report: events in order with the value that dates each one, the
    /// gaps between consecutive events, and the contradictions found.
    ///
    /// # Example
    ///
    /// ```
    /// use eventline::{EventSpec, Timeline};
    /// let mut t = Timeline::new();
    /// t.add_event(EventSpec::new("b", "second call").on("2025-03-18".parse()?))?;
    /// t.add_event(EventSpec::new("a", "first call").on("2025-02-12".parse()?))?;
    /// let r = t.report();
    /// assert_eq!(r.events[0].id.as_str(), "a");
    /// assert_eq!(r.events[0].value.as_deref(), Some("2025-02-12"));
    /// assert_eq!(r.gaps[0].min, "P34D");
    /// assert_eq!(r.gaps[0].max.as_deref(), Some("P34D"));
    /// Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn report(&self) -> TimelineReport {
        self.build_report(false)
    }

    /// Like [`Timeline::report`], restricted to dated events that the text does not deny:
    /// those with a value (an anchor, or bounds that fit one calendar day, month or year). Order flags and gaps are between
    /// consecutive dated events. This is the view the `timeline` example prints.
    ///
    /// # Example
    ///
    /// ```
    /// use eventline::{EventSpec, RelType, Timeline};
    /// let mut t = Timeline::new();
    /// t.add_event(EventSpec::new("a", "first call").on("2025-02-12".parse()?))?;
    /// t.add_event(EventSpec::new("x", "talks, some time before"))?;
    /// t.relate("x", RelType::Before, "b")
    ///     .unwrap_err(); // "b" does not exist yet
    /// t.add_event(EventSpec::new("b", "second call").on("2025-03-18".parse()?))?;
    /// t.relate("x", RelType::Before, "b")?;
    /// let r = t.dated_report();
    /// assert_eq!(r.events.len(), 2);
    /// assert_eq!((r.gaps[0].from.as_str(), r.gaps[0].to.as_str()), ("a", "b"));
    /// assert_eq!(r.gaps[0].min, "P34D");
    /// Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn dated_report(&self) -> TimelineReport {
        self.build_report(true)
    }

    fn build_report(&self, dated_only: bool) -> TimelineReport {
        let sol = self.solution();
        let documents = self
            .docs
            .iter()
            .map(|(d, n)| {
                let v = n.and_then(|n| match self.graph.node_weight(n) {
                    Some(Node::Time(t)) => t.value.as_ref().map(|v| v.to_string()),
                    _ => None,
                });
                (d.clone(), v)
            })
            .collect();
        let mut events: Vec<ReportEvent> = self
            .chronological()
            .into_iter()
            .filter_map(|o| {
                let n = self.node(o.id.as_str()).ok()?;
                let ev = self.event_at(n)?;
                let (s, e) = sol.vars(n)?;
                let fine = sol.is_fine(n);
                let shown = self.shown(n);
                if dated_only
                    && (shown.value.is_none()
                        || shown.start.is_none()
                        || shown.end.is_none()
                        || ev.is_negated())
                {
                    return None;
                }
                Some(ReportEvent {
                    id: o.id,
                    title: ev.title.clone(),
                    value: shown.value.map(|v| v.to_string()),
                    modifier: shown.modifier,
                    granularity: shown.granularity,
                    earliest: fmt_instant(sol.net.earl[s as usize], fine),
                    latest: fmt_instant(sol.net.lat[e as usize].saturating_sub(1), fine),
                    rank: o.rank,
                    tied: o.tied,
                    after_previous: o.after_previous,
                    docs: ev.docs.clone(),
                    participants: ev.participants.clone(),
                    mentions: ev.mentions.len(),
                    negated: ev.is_negated(),
                })
            })
            .collect();
        let gaps = if dated_only {
            // Order flags and gaps between the events shown.
            let mut probe = self.probe();
            let mut gaps = Vec::with_capacity(events.len());
            for k in 1..events.len() {
                let (Ok(a), Ok(b)) = (
                    self.node(events[k - 1].id.as_str()),
                    self.node(events[k].id.as_str()),
                ) else {
                    continue;
                };
                let tied = match (sol.vars(a), sol.vars(b)) {
                    (Some((as_, ae)), Some((bs, be))) => {
                        let net = &sol.net;
                        let bounds = |s: u32, e: u32| {
                            let (s, e) = (s as usize, e as usize);
                            (net.earl[s], net.lat[s], net.earl[e], net.lat[e])
                        };
                        bounds(as_, ae) == bounds(bs, be)
                    }
                    _ => false,
                };
                events[k].tied = tied;
                events[k].rank = if tied { events[k - 1].rank } else { k };
                if let Some(g) = self.gap_nodes(&mut probe, a, b) {
                    events[k].after_previous = g.order;
                    gaps.push(g);
                }
            }
            if let Some(first) = events.first_mut() {
                first.rank = 0;
                first.tied = false;
                first.after_previous = Certainty::Unknown;
            }
            gaps
        } else {
            self.gaps()
        };
        let gaps = gaps
            .into_iter()
            .map(|g| ReportGap {
                min: g.min_iso(),
                max: g.max_iso(),
                order: g.order,
                from: g.from,
                to: g.to,
            })
            .collect();
        TimelineReport {
            documents,
            events,
            gaps,
            contradictions: self.contradictions(),
        }
    }

    /// The events in [TimelineJS](https://timeline.knightlab.com/docs/json-format.html) JSON,
    /// in chronological order. Dates keep their granularity: a "March 2025" event starts in
    /// year 2025, month 3 (no day), ends on March 31, and displays as `2025-03`.
    ///
    /// # Example
    ///
    /// ```
    /// use eventline::{EventSpec, Timeline};
    /// let mut t = Timeline::new();
    /// t.add_event(EventSpec::new("m", "talks").on("2025-03".parse()?))?;
    /// let js = t.to_timelinejs();
    /// let ev = &js["events"][0];
    /// assert_eq!(ev["start_date"]["month"], 3);
    /// assert!(ev["start_date"].get("day").is_none());
    /// assert_eq!(ev["end_date"]["day"], 31);
    /// assert_eq!(ev["display_date"], "2025-03");
    /// Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_timelinejs(&self) -> Value {
        let mut events = Vec::new();
        for (ev, shown, start, end, g) in self.placed_events() {
            let display = display(&shown);
            let mut item = Map::new();
            item.insert("unique_id".into(), json!(ev.id.as_str()));
            if let Some(s) = datetime(start) {
                item.insert("start_date".into(), tljs_date(s, g, Some(&display)));
            }
            if g > Granularity::Day {
                if let Some(e) = datetime(end.saturating_sub(1)) {
                    item.insert("end_date".into(), tljs_date(e, Granularity::Day, None));
                }
            }
            item.insert("display_date".into(), json!(display));
            item.insert(
                "text".into(),
                json!({ "headline": ev.title, "text": ev.participants.join(", ") }),
            );
            if let Some(d) = ev.docs.first() {
                item.insert("group".into(), json!(d));
            }
            events.push(Value::Object(item));
        }
        json!({ "events": events })
    }

    /// The events as [vis-timeline](https://visjs.github.io/vis-timeline/docs/timeline/)
    /// items, in chronological order. An event known to the day or coarser is a `range` over
    /// its whole calendar unit ("March 2025": March 1 to April 1, titled `2025-03`), one
    /// placed by a clock time a `point`.
    ///
    /// # Example
    ///
    /// ```
    /// use eventline::{EventSpec, Timeline};
    /// let mut t = Timeline::new();
    /// t.add_event(EventSpec::new("m", "talks").on("2025-03".parse()?))?;
    /// let items = t.to_vis_items();
    /// assert_eq!(items[0]["start"], "2025-03-01");
    /// assert_eq!(items[0]["end"], "2025-04-01");
    /// assert_eq!(items[0]["title"], "2025-03");
    /// assert_eq!(items[0]["type"], "range");
    /// Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_vis_items(&self) -> Value {
        let mut items = Vec::new();
        for (ev, shown, start, end, g) in self.placed_events() {
            let fine = g < Granularity::Day;
            let iso = |s: i64| -> Option<String> {
                let t = datetime(s)?;
                Some(if s.rem_euclid(DAY) == 0 {
                    t.format("%Y-%m-%d").to_string()
                } else {
                    t.format("%Y-%m-%dT%H:%M:%S").to_string()
                })
            };
            let mut item = Map::new();
            item.insert("id".into(), json!(ev.id.as_str()));
            item.insert("content".into(), json!(ev.title));
            item.insert("start".into(), json!(iso(start)));
            if !fine {
                item.insert("end".into(), json!(iso(end)));
            }
            item.insert("type".into(), json!(if fine { "point" } else { "range" }));
            item.insert("title".into(), json!(display(&shown)));
            item.insert(
                "className".into(),
                json!(format!("granularity-{}", granularity_name(g))),
            );
            if let Some(d) = ev.docs.first() {
                item.insert("group".into(), json!(d));
            }
            items.push(Value::Object(item));
        }
        Value::Array(items)
    }
}

impl Timeline {
    /// The events with a place on the calendar, in chronological order, each with how it is
    /// shown, its bounds (seconds) and its granularity (a day when unknown).
    fn placed_events(&self) -> Vec<(&TimelineEvent, Shown, i64, i64, Granularity)> {
        self.chronological()
            .iter()
            .filter_map(|o| {
                let n = self.node(o.id.as_str()).ok()?;
                let ev = self.event_at(n)?;
                let shown = self.shown(n);
                let (start, end) = (shown.start?, shown.end?);
                let g = shown.granularity.unwrap_or(Granularity::Day);
                Some((ev, shown, start, end, g))
            })
            .collect()
    }
}

fn display(shown: &Shown) -> String {
    let v = match &shown.value {
        Some(v) => v.to_string(),
        None => match (shown.start, shown.end) {
            (Some(a), Some(b)) => {
                let f = |s: i64| datetime(s).map(|t| t.format("%Y-%m-%d").to_string());
                let days = day_number(b.saturating_sub(1)) - day_number(a);
                match (f(a), f(b.saturating_sub(1))) {
                    (Some(x), Some(_)) if days == 0 => x,
                    (Some(x), Some(y)) => format!("{x}/{y}"),
                    _ => String::new(),
                }
            }
            _ => String::new(),
        },
    };
    match shown.modifier {
        Some(m) => format!("{v} ({m})"),
        None => v,
    }
}

fn granularity_name(g: Granularity) -> &'static str {
    match g {
        Granularity::Second => "second",
        Granularity::Minute => "minute",
        Granularity::Hour => "hour",
        Granularity::PartOfDay => "part-of-day",
        Granularity::Day => "day",
        Granularity::Weekend => "weekend",
        Granularity::Week => "week",
        Granularity::Month => "month",
        Granularity::Season => "season",
        Granularity::Quarter => "quarter",
        Granularity::Half => "half",
        Granularity::Year => "year",
        Granularity::Decade => "decade",
        Granularity::Century => "century",
    }
}

/// A TimelineJS date object down to the granularity: a month has no day, a year no month.
fn tljs_date(t: NaiveDateTime, g: Granularity, display: Option<&str>) -> Value {
    let mut m = Map::new();
    m.insert("year".into(), json!(t.year()));
    if g <= Granularity::Month {
        m.insert("month".into(), json!(t.month()));
    }
    if g <= Granularity::Week {
        m.insert("day".into(), json!(t.day()));
    }
    if g < Granularity::Day {
        m.insert("hour".into(), json!(t.hour()));
        if g <= Granularity::Minute {
            m.insert("minute".into(), json!(t.minute()));
        }
    }
    if let Some(d) = display {
        m.insert("display_date".into(), json!(d));
    }
    Value::Object(m)
}

#[cfg(test)]
mod tests {
    use super::enclosing_value;
    use crate::timeline::calendar::secs;

    fn label(from: &str, to_incl: &str) -> Option<String> {
        let day = |s: &str| {
            chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .expect("date")
                .and_hms_opt(0, 0, 0)
                .expect("midnight")
        };
        let end = day(to_incl) + chrono::Duration::days(1);
        enclosing_value(secs(day(from)), secs(end)).map(|v| v.to_string())
    }

    #[test]
    fn bounds_are_shown_as_the_smallest_calendar_unit() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            ("2025-03-18", "2025-03-18", Some("2025-03-18")),
            // Saturday and Sunday of ISO week 13.
            ("2025-03-29", "2025-03-30", Some("2025-W13-WE")),
            ("2025-03-24", "2025-03-30", Some("2025-W13")),
            // A week across a month boundary is still a week.
            ("2025-03-31", "2025-04-02", Some("2025-W14")),
            // Friday to Sunday is no weekend: the week.
            ("2025-03-28", "2025-03-30", Some("2025-W13")),
            ("2025-03-03", "2025-03-20", Some("2025-03")),
            ("2025-02-03", "2025-03-20", Some("2025")),
            ("2024-12-30", "2025-01-02", Some("2025-W01")),
            ("2024-12-03", "2025-01-20", None),
        ];
        for &(from, to, want) in cases {
            assert_eq!(label(from, to).as_deref(), want, "{from}..{to}");
        }
    }
}
