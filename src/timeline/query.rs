//! Questions a timeline answers: bounds, order, relations with their certainty, explanations,
//! gaps, windows and neighbours.

use std::fmt;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use petgraph::stable_graph::NodeIndex;
use serde::{Deserialize, Serialize};

use super::calendar::{datetime, finite, iso_days, iso_secs, secs, DAY};
use super::model::Node;
use super::solve::{atoms, Origin, Rec, Solution, P};
use super::stn::{Cid, Kind, Scratch, Var, NONE};
use super::{EventId, Timeline, TimelineError};
use crate::annotation::Provenance;
use crate::event::RelType;

/// How many relaxations a single-source search may spend before settling for the bounds it
/// has (they are sound either way; only very large components can hit this).
const BUDGET: usize = 200_000;

/// How sure an answer is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Certainty {
    /// It follows from the relations and dates.
    Definite,
    /// It may or may not hold: both are consistent with what is known.
    Possible,
    /// It contradicts what is known.
    Impossible,
    /// Nothing relates the events at all.
    Unknown,
}

impl fmt::Display for Certainty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Certainty::Definite => "definite",
            Certainty::Possible => "possible",
            Certainty::Impossible => "impossible",
            Certainty::Unknown => "unknown",
        })
    }
}

/// Earliest and latest start and end of an event (`None`: unbounded on that side). Times are
/// instants on the naive civil timeline; an event "on 2025-02-12" starts in
/// `[2025-02-12 00:00, 2025-02-12 23:59:59]` and ends by `2025-02-13 00:00`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bounds {
    /// Earliest start.
    pub earliest_start: Option<NaiveDateTime>,
    /// Latest start.
    pub latest_start: Option<NaiveDateTime>,
    /// Earliest end.
    pub earliest_end: Option<NaiveDateTime>,
    /// Latest end.
    pub latest_end: Option<NaiveDateTime>,
}

/// One event of the chronological order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderEntry {
    /// The event.
    pub id: EventId,
    /// Its rank; events that cannot be told apart (same bounds) share one.
    pub rank: usize,
    /// Same bounds as the previous event: a tie, their order unknown.
    pub tied: bool,
    /// Whether the previous event happened before this one.
    pub after_previous: Certainty,
    /// Whether anything bounds its start; undated events come last, in the order added.
    pub dated: bool,
}

/// The time from the start of one event to the start of another, as a range.
///
/// Counted in whole calendar days unless clock times place both events (calls on 2025-02-12
/// and 2025-03-18 are exactly `P34D` apart), in hours, minutes or seconds when they do
/// (`P1DT6H`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    /// The earlier event.
    pub from: EventId,
    /// The later event.
    pub to: EventId,
    /// Whether `from` happened before `to`.
    pub order: Certainty,
    min: Option<i64>,
    max: Option<i64>,
    /// The unit it is counted in, in seconds (a day, an hour, a minute or a second).
    unit: i64,
}

impl Gap {
    /// Shortest possible gap (negative when `to` may start first; `None`: unbounded).
    pub fn min(&self) -> Option<Duration> {
        self.min.map(Duration::seconds)
    }
    /// Longest possible gap (`None`: unbounded).
    pub fn max(&self) -> Option<Duration> {
        self.max.map(Duration::seconds)
    }
    /// Whether the gap is known exactly.
    pub fn is_exact(&self) -> bool {
        self.min.is_some() && self.min == self.max
    }
    /// Whether it is counted in whole days.
    pub fn in_days(&self) -> bool {
        self.unit == DAY
    }
    fn iso(&self, s: i64) -> String {
        if self.in_days() {
            iso_days(s / DAY)
        } else {
            iso_secs(s)
        }
    }
    /// The shortest gap as ISO 8601 (`P34D`, `P1DT6H`), never below `P0D`.
    pub fn min_iso(&self) -> String {
        self.iso(self.min.unwrap_or(0).max(0))
    }
    /// The longest gap as ISO 8601, `None` when unbounded.
    pub fn max_iso(&self) -> Option<String> {
        self.max.map(|m| self.iso(m.max(0)))
    }
}

impl fmt::Display for Gap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.max_iso() {
            Some(max) if self.is_exact() || max == self.min_iso() => f.write_str(&max),
            Some(max) => write!(f, "{}..{}", self.min_iso(), max),
            None => write!(f, "{}..", self.min_iso()),
        }
    }
}

/// One relation used in a proof, or part of a contradiction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// The source (an event id and title, a date, `DCT …`).
    pub source: String,
    /// The relation (`BEFORE`, `IS_INCLUDED`, `starts P2W after`, `lasts`…).
    pub relation: String,
    /// The target.
    pub target: String,
    /// Where it comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
    /// The document that states it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", self.source, self.relation, self.target)?;
        match (&self.provenance, &self.doc) {
            (Some(p), Some(d)) => write!(f, " [{}, {d}]", provenance_name(*p)),
            (Some(p), None) => write!(f, " [{}]", provenance_name(*p)),
            (None, Some(d)) => write!(f, " [{d}]"),
            (None, None) => Ok(()),
        }
    }
}

fn provenance_name(p: Provenance) -> &'static str {
    match p {
        Provenance::Stated => "stated",
        Provenance::Anchor => "anchor",
        Provenance::Tense => "tense",
        Provenance::Inferred => "inferred",
        Provenance::Narrative => "narrative",
        Provenance::User => "user",
    }
}

/// Why an order question has its answer: the chain of relations that proves it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Explanation {
    /// The question (`"a BEFORE b"`).
    pub question: String,
    /// The answer.
    pub certainty: Certainty,
    /// The relations that prove it (for a definite or impossible answer), or that bound the
    /// two events (for a possible one), in order along the chain.
    pub steps: Vec<Step>,
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}: {}", self.question, self.certainty)?;
        for s in &self.steps {
            writeln!(f, "  {s}")?;
        }
        Ok(())
    }
}

/// Relations that cannot all hold, and the one set aside so that the rest stays usable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contradiction {
    /// The relations involved.
    pub steps: Vec<Step>,
    /// The relation set aside (the least trusted one, the latest added among equals), or
    /// `None` when none could be.
    pub set_aside: Option<Step>,
}

/// How two events compare: the certainty of each basic relation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comparison {
    /// a BEFORE b.
    pub before: Certainty,
    /// a AFTER b.
    pub after: Certainty,
    /// a SIMULTANEOUS b.
    pub simultaneous: Certainty,
    /// a INCLUDES b.
    pub includes: Certainty,
    /// a IS_INCLUDED b.
    pub is_included: Certainty,
}

impl Comparison {
    /// The most specific relation that definitely holds, if any.
    pub fn definite(&self) -> Option<RelType> {
        [
            (self.simultaneous, RelType::Simultaneous),
            (self.before, RelType::Before),
            (self.after, RelType::After),
            (self.is_included, RelType::IsIncluded),
            (self.includes, RelType::Includes),
        ]
        .into_iter()
        .find(|(c, _)| *c == Certainty::Definite)
        .map(|(_, r)| r)
    }
}

/// An event found by a window or position query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WindowHit {
    /// The event.
    pub id: EventId,
    /// Whether it surely matches ([`Certainty::Definite`]) or only may ([`Certainty::Possible`]).
    pub certainty: Certainty,
}

/// The events around one in chronological order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Neighbours {
    /// The closest events before it, nearest last.
    pub before: Vec<EventId>,
    /// The closest events after it, nearest first.
    pub after: Vec<EventId>,
}

pub(crate) use super::solve::OrderKey;

/// Pairwise bounds between a few variables, computed on demand.
pub(super) struct Probe<'a> {
    sol: &'a Solution,
    scratch: Scratch,
}

impl Drop for Probe<'_> {
    fn drop(&mut self) {
        self.sol.scratch.give(std::mem::take(&mut self.scratch));
    }
}

impl<'a> Probe<'a> {
    fn new(sol: &'a Solution) -> Probe<'a> {
        Probe {
            sol,
            scratch: sol.scratch.take(),
        }
    }
    fn same(&self, i: Var, j: Var) -> bool {
        let comp = &self.sol.net.comp;
        comp.get(i as usize) == comp.get(j as usize)
    }
    fn direct(&mut self, i: Var, j: Var) -> Option<i64> {
        if i == j {
            return Some(0);
        }
        if !self.same(i, j) {
            return None;
        }
        self.sol.net.distance(i, j, BUDGET, &mut self.scratch)
    }
    /// Upper bound of `x_j - x_i`.
    fn ub(&mut self, i: Var, j: Var) -> Option<i64> {
        let direct = self.direct(i, j);
        self.sol.net.diff_bound(i, j, direct).map(|x| x.0)
    }
    /// Upper bound of `x_j - x_i` through the absolute bounds only.
    fn ub_abs(&self, i: Var, j: Var) -> Option<i64> {
        self.sol.net.diff_bound(i, j, None).map(|x| x.0)
    }
}

impl Timeline {
    fn ev_vars(&self, id: &str) -> Result<(NodeIndex, Var, Var), TimelineError> {
        let n = self.node(id)?;
        let (s, e) = self
            .solution()
            .vars(n)
            .ok_or_else(|| TimelineError::UnknownEvent(id.to_string()))?;
        Ok((n, s, e))
    }

    /// Earliest and latest start and end of an event.
    ///
    /// # Errors
    /// [`TimelineError::UnknownEvent`].
    pub fn bounds(&self, id: impl AsRef<str>) -> Result<Bounds, TimelineError> {
        let (_, s, e) = self.ev_vars(id.as_ref())?;
        let net = &self.solution().net;
        let at = |v: i64| datetime(v);
        Ok(Bounds {
            earliest_start: at(net.earl[s as usize]),
            latest_start: at(net.lat[s as usize]),
            earliest_end: at(net.earl[e as usize]),
            latest_end: at(net.lat[e as usize]),
        })
    }

    /// Whether "a REL b" holds: [`Certainty::Definite`] when it follows from what is known,
    /// [`Certainty::Impossible`] when it contradicts it, [`Certainty::Possible`] otherwise, and
    /// [`Certainty::Unknown`] when nothing at all relates the two events.
    ///
    /// The answer is exact for the network: the bounds between the four endpoints are its
    /// shortest paths, and the relation is tested against them together.
    ///
    /// # Errors
    /// [`TimelineError::UnknownEvent`].
    ///
    /// # Example
    ///
    /// ```
    /// use eventline::{Certainty, EventSpec, RelType, Timeline};
    /// let mut t = Timeline::new();
    /// // The war lasted all of 2024; the battle was on one day of it.
    /// t.add_event(EventSpec::new("war", "war").anchored(RelType::Simultaneous, "2024".parse()?))?;
    /// t.add_event(EventSpec::new("battle", "battle").on("2024-06-01".parse()?))?;
    /// assert_eq!(t.relation("battle", RelType::IsIncluded, "war")?, Certainty::Definite);
    /// assert_eq!(t.relation("battle", RelType::After, "war")?, Certainty::Impossible);
    /// Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn relation(
        &self,
        a: impl AsRef<str>,
        rel: RelType,
        b: impl AsRef<str>,
    ) -> Result<Certainty, TimelineError> {
        let (_, as_, ae) = self.ev_vars(a.as_ref())?;
        let (_, bs, be) = self.ev_vars(b.as_ref())?;
        let mut probe = Probe::new(self.solution());
        Ok(certainty(&mut probe, [as_, ae, bs, be], rel))
    }

    /// Whether `a` happened before `b` (ended no later than `b` started).
    ///
    /// # Errors
    /// [`TimelineError::UnknownEvent`].
    pub fn before(
        &self,
        a: impl AsRef<str>,
        b: impl AsRef<str>,
    ) -> Result<Certainty, TimelineError> {
        self.relation(a, RelType::Before, b)
    }

    /// How two events compare, relation by relation.
    ///
    /// # Errors
    /// [`TimelineError::UnknownEvent`].
    pub fn compare(
        &self,
        a: impl AsRef<str>,
        b: impl AsRef<str>,
    ) -> Result<Comparison, TimelineError> {
        let (_, as_, ae) = self.ev_vars(a.as_ref())?;
        let (_, bs, be) = self.ev_vars(b.as_ref())?;
        let mut probe = Probe::new(self.solution());
        let v = [as_, ae, bs, be];
        Ok(Comparison {
            before: certainty(&mut probe, v, RelType::Before),
            after: certainty(&mut probe, v, RelType::After),
            simultaneous: certainty(&mut probe, v, RelType::Simultaneous),
            includes: certainty(&mut probe, v, RelType::Includes),
            is_included: certainty(&mut probe, v, RelType::IsIncluded),
        })
    }

    /// Why `a` is (or is not, or may be) before `b`: the chain of relations, each with where it
    /// came from.
    ///
    /// # Errors
    /// [`TimelineError::UnknownEvent`].
    ///
    /// # Example
    ///
    /// ```
    /// use eventline::{Certainty, EventSpec, RelType, Timeline};
    /// let mut t = Timeline::new();
    /// for id in ["a", "b", "c"] {
    ///     t.add_event(EventSpec::new(id, id))?;
    /// }
    /// t.relate("a", RelType::Before, "b")?;
    /// t.relate("b", RelType::IBefore, "c")?;
    /// let why = t.explain("a", "c")?;
    /// assert_eq!(why.certainty, Certainty::Definite);
    /// let rels: Vec<&str> = why.steps.iter().map(|s| s.relation.as_str()).collect();
    /// assert_eq!(rels, ["BEFORE", "IBEFORE"]);
    /// Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn explain(
        &self,
        a: impl AsRef<str>,
        b: impl AsRef<str>,
    ) -> Result<Explanation, TimelineError> {
        let (na, _, ae) = self.ev_vars(a.as_ref())?;
        let (nb, bs, _) = self.ev_vars(b.as_ref())?;
        let certainty = self.before(a.as_ref(), b.as_ref())?;
        // "a before b" is ae - bs <= 0: proved by a path bs -> ae; refuted by a negative path
        // ae -> bs.
        let mut cids = match certainty {
            Certainty::Definite => self.proof(bs, ae),
            Certainty::Impossible => self.proof(ae, bs),
            _ => {
                let mut c = self.proof(bs, ae);
                c.extend(self.proof(ae, bs));
                c
            }
        };
        cids.dedup();
        let mut steps: Vec<Step> = Vec::new();
        for c in cids {
            if let Some(s) = self.describe(c) {
                if !steps.contains(&s) {
                    steps.push(s);
                }
            }
        }
        let label = |n: NodeIndex| {
            self.event_at(n)
                .map_or_else(String::new, |e| e.id.to_string())
        };
        Ok(Explanation {
            question: format!("{} BEFORE {}", label(na), label(nb)),
            certainty,
            steps,
        })
    }

    /// The constraints along the tightest path bounding `x_j - x_i` from above.
    fn proof(&self, i: Var, j: Var) -> Vec<Cid> {
        let sol = self.solution();
        let net = &sol.net;
        let direct = if net.comp.get(i as usize) == net.comp.get(j as usize) {
            let mut scratch = sol.scratch.take();
            let d = net.distances(i, false, BUDGET, &mut scratch);
            sol.scratch.give(scratch);
            Some(d)
        } else {
            None
        };
        let d = direct.as_ref().and_then(|m| m.get(j).map(|x| x.0));
        match net.diff_bound(i, j, d) {
            Some((_, true)) => {
                let Some(m) = direct else { return Vec::new() };
                let mut out = Vec::new();
                let mut x = j;
                for _ in 0..=m.len() {
                    let Some((_, k)) = m.get(x) else { break };
                    if k == NONE {
                        break;
                    }
                    out.push(k);
                    match net.cons.get(k as usize).map(|c| c.kind) {
                        Some(Kind::Diff { i: p, .. }) => x = p,
                        _ => break,
                    }
                }
                out
            }
            Some((_, false)) => {
                let mut out = net.chain(i, true, net.lat.len());
                out.reverse();
                out.extend(net.chain(j, false, net.lat.len()));
                out.reverse();
                out
            }
            None => Vec::new(),
        }
    }

    fn label(&self, n: NodeIndex) -> String {
        match self.graph.node_weight(n) {
            Some(Node::Event(e)) => format!("{} ({})", e.id, e.title),
            Some(Node::Time(t)) => t.label(),
            None => String::new(),
        }
    }

    /// A readable form of a network constraint; `None` for the intrinsic ones.
    fn describe(&self, c: Cid) -> Option<Step> {
        let con = self.solution().net.cons.get(c as usize)?;
        match con.origin {
            Origin::Edge(e) => {
                let r = self.graph.edge_weight(e)?;
                let (x, y) = self.graph.edge_endpoints(e)?;
                let relation = match &r.offset {
                    Some(o) => match r.offset_mod {
                        Some(m) => format!("is followed ({m} {o}) by"),
                        None => format!("is followed ({o}) by"),
                    },
                    None => r.rel.as_str().to_string(),
                };
                Some(Step {
                    source: self.label(x),
                    relation,
                    target: self.label(y),
                    provenance: Some(r.provenance),
                    doc: r.doc.clone(),
                })
            }
            Origin::Duration(n) => {
                let e = self.event_at(n)?;
                Some(Step {
                    source: self.label(n),
                    relation: "lasts".to_string(),
                    target: e
                        .duration
                        .as_ref()
                        .map(|d| d.to_string())
                        .unwrap_or_default(),
                    provenance: None,
                    doc: None,
                })
            }
            Origin::Frame(n) => match self.graph.node_weight(n)? {
                Node::Time(t) => Some(Step {
                    source: "DCT".to_string(),
                    relation: "IS_INCLUDED".to_string(),
                    target: t.value.as_ref().map(|v| v.to_string()).unwrap_or_default(),
                    provenance: None,
                    doc: t.doc.clone(),
                }),
                Node::Event(_) => None,
            },
            Origin::Length(_) => None,
        }
    }

    /// Contradictions found in the relations, each with the relations involved and the one
    /// set aside; the bounds and answers are computed without the set-aside relations.
    pub fn contradictions(&self) -> Vec<Contradiction> {
        let net = &self.solution().net;
        net.conflicts
            .iter()
            .map(|c| {
                let mut steps: Vec<Step> = Vec::new();
                for &k in &c.cons {
                    if let Some(s) = self.describe(k) {
                        if !steps.contains(&s) {
                            steps.push(s);
                        }
                    }
                }
                Contradiction {
                    steps,
                    set_aside: c.set_aside.and_then(|k| self.describe(k)),
                }
            })
            .collect()
    }

    /// Event ordinals (indexes into the solution's `events`) in chronological order, with
    /// their sort keys.
    fn sorted(&self) -> &[(OrderKey, u32)] {
        &self.solution().order
    }

    fn sorted_nodes(&self) -> Vec<(NodeIndex, OrderKey)> {
        let sol = self.solution();
        self.sorted()
            .iter()
            .filter_map(|&(key, k)| Some((*sol.events.get(k as usize)?, key)))
            .collect()
    }

    /// All events in a stable chronological order: by earliest start, then latest start, then
    /// end; undated events last in the order they were added. Each entry tells whether the
    /// previous event surely happened before it, and ties (same bounds) share a rank.
    ///
    /// # Example
    ///
    /// ```
    /// use eventline::{Certainty, EventSpec, Timeline};
    /// let mut t = Timeline::new();
    /// t.add_event(EventSpec::new("b", "second").on("2025-03-18".parse()?))?;
    /// t.add_event(EventSpec::new("a", "first").on("2025-02-12".parse()?))?;
    /// t.add_event(EventSpec::new("c", "same day").on("2025-03-18".parse()?))?;
    /// let order = t.chronological();
    /// let ids: Vec<&str> = order.iter().map(|o| o.id.as_str()).collect();
    /// assert_eq!(ids, ["a", "b", "c"]);
    /// assert_eq!(order[1].after_previous, Certainty::Definite);
    /// assert!(order[2].tied && order[2].after_previous == Certainty::Possible);
    /// Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn chronological(&self) -> Vec<OrderEntry> {
        let sol = self.solution();
        let mut out: Vec<OrderEntry> = Vec::with_capacity(sol.order.len());
        let mut probe = Probe::new(sol);
        let mut prev: Option<(OrderKey, &Rec)> = None;
        let mut rank = 0;
        for (k, (&(key, _), (r, id))) in sol.order.iter().zip(&sol.in_order).enumerate() {
            let (tied, after_previous) = match prev {
                Some((pk, p)) => (
                    (pk.0, pk.1, pk.2, pk.3, pk.4) == (key.0, key.1, key.2, key.3, key.4),
                    before_recs(&mut probe, p, r),
                ),
                None => (false, Certainty::Unknown),
            };
            if !tied {
                rank = k;
            }
            out.push(OrderEntry {
                id: id.clone(),
                rank,
                tied,
                after_previous,
                dated: !key.0,
            });
            prev = Some((key, r));
        }
        out
    }

    /// The gap from the start of `a` to the start of `b`, as a range.
    ///
    /// # Errors
    /// [`TimelineError::UnknownEvent`].
    ///
    /// # Example
    ///
    /// ```
    /// use eventline::{EventSpec, Timeline};
    /// let mut t = Timeline::new();
    /// t.add_event(EventSpec::new("a", "call").on("2025-02-12".parse()?))?;
    /// t.add_event(EventSpec::new("b", "call").on("2025-03-18".parse()?))?;
    /// t.add_event(EventSpec::new("m", "talks").on("2025-03".parse()?))?;
    /// assert_eq!(t.gap("a", "b")?.to_string(), "P34D");
    /// assert_eq!(t.gap("a", "m")?.to_string(), "P17D..P47D");
    /// Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn gap(&self, a: impl AsRef<str>, b: impl AsRef<str>) -> Result<Gap, TimelineError> {
        let na = self.node(a.as_ref())?;
        let nb = self.node(b.as_ref())?;
        let mut probe = Probe::new(self.solution());
        self.gap_nodes(&mut probe, na, nb)
            .ok_or_else(|| TimelineError::UnknownEvent(a.as_ref().to_string()))
    }

    /// A probe for several pairwise questions in a row.
    pub(super) fn probe(&self) -> Probe<'_> {
        Probe::new(self.solution())
    }

    pub(super) fn gap_nodes(
        &self,
        probe: &mut Probe<'_>,
        na: NodeIndex,
        nb: NodeIndex,
    ) -> Option<Gap> {
        let sol = self.solution();
        let ordinal = |n: NodeIndex| {
            let k = *sol.ordinal.get(n.index())?;
            (k != u32::MAX).then_some(k as usize)
        };
        let (ka, kb) = (ordinal(na)?, ordinal(nb)?);
        self.gap_recs(probe, ka, kb)
    }

    fn gap_recs(&self, probe: &mut Probe<'_>, ka: usize, kb: usize) -> Option<Gap> {
        let sol = self.solution();
        let (a, b) = (sol.recs.get(ka)?, sol.recs.get(kb)?);
        Some(gap_between(
            probe,
            (a, sol.ids.get(ka)?),
            (b, sol.ids.get(kb)?),
        ))
    }
}

/// The gap from the start of `a` to the start of `b`.
fn gap_between(
    probe: &mut Probe<'_>,
    (a, ida): (&Rec, &EventId),
    (b, idb): (&Rec, &EventId),
) -> Gap {
    let same = a.comp == b.comp;
    let hi = if same {
        probe.ub(a.s, b.s)
    } else {
        abs_ub(a.es, b.ls)
    };
    let lo = if same {
        probe.ub(b.s, a.s)
    } else {
        abs_ub(b.es, a.ls)
    }
    .map(|x| -x);
    // Count in the unit both events are known to: whole days unless clock times place
    // both of them (the hours of one are lost in the day of the other). Starts known to a unit differ by whole units (two days give
    // P34D, not 33 to 35 days), and a difference known in seconds is rounded outwards.
    let u = a.unit.max(b.unit).max(1);
    let (ea, la, eb, lb) = (a.es, a.ls, b.es, b.ls);
    let abs_lo = (finite(eb) && finite(la)).then(|| eb.div_euclid(u) - la.div_euclid(u));
    let abs_hi = (finite(lb) && finite(ea)).then(|| lb.div_euclid(u) - ea.div_euclid(u));
    let rel_lo = lo.map(|l| l.div_euclid(u));
    let rel_hi = hi.map(|h| h.div_euclid(u) + i64::from(h.rem_euclid(u) != 0));
    let min = match (abs_lo, rel_lo) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    };
    let max = match (abs_hi, rel_hi) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    let max = match (min, max) {
        (Some(a), Some(b)) if b < a => Some(a),
        (_, m) => m,
    };
    let (min, max) = (
        min.map(|d| d.saturating_mul(u)),
        max.map(|d| d.saturating_mul(u)),
    );
    let order = before_recs(probe, a, b);
    Gap {
        from: ida.clone(),
        to: idb.clone(),
        order,
        min,
        max,
        unit: u,
    }
}

impl Timeline {
    /// The gaps between consecutive dated events of the chronological order (events whose
    /// start is bounded on both sides; the others are skipped).
    ///
    /// A gap's minimum is never negative here: when the order of two neighbours is only
    /// possible, the shortest gap is zero.
    pub fn gaps(&self) -> Vec<Gap> {
        let sol = self.solution();
        let mut probe = Probe::new(sol);
        let mut out = Vec::with_capacity(sol.in_order.len());
        let mut prev: Option<&(Rec, EventId)> = None;
        // Events whose start is bounded on both sides, in order.
        for cur in sol
            .in_order
            .iter()
            .filter(|(r, _)| finite(r.es) && finite(r.ls))
        {
            if let Some((pr, pid)) = prev {
                let mut g = gap_between(&mut probe, (pr, pid), (&cur.0, &cur.1));
                g.min = Some(g.min.unwrap_or(0).max(0));
                if let Some(m) = g.max.as_mut() {
                    *m = (*m).max(0);
                }
                out.push(g);
            }
            prev = Some(cur);
        }
        out
    }

    /// The `n` largest gaps between consecutive events, largest first (by shortest possible
    /// length, then longest).
    pub fn largest_gaps(&self, n: usize) -> Vec<Gap> {
        let mut g = self.gaps();
        g.sort_by_key(|g| {
            (
                std::cmp::Reverse(g.min.unwrap_or(0)),
                std::cmp::Reverse(g.max.unwrap_or(i64::MAX)),
            )
        });
        g.truncate(n);
        g
    }

    /// Gaps between consecutive events that are, or may be, longer than `threshold`:
    /// [`Certainty::Definite`] when even the shortest possible gap is longer.
    pub fn gaps_longer_than(&self, threshold: Duration) -> Vec<(Gap, Certainty)> {
        let t = threshold.num_seconds();
        self.gaps()
            .into_iter()
            .filter_map(|g| {
                if g.min.unwrap_or(0) > t {
                    Some((g, Certainty::Definite))
                } else if g.max.is_none_or(|m| m > t) {
                    Some((g, Certainty::Possible))
                } else {
                    None
                }
            })
            .collect()
    }

    /// Events that overlap the instants `[from, to)`, in chronological order.
    /// [`Certainty::Definite`]: surely overlaps; [`Certainty::Possible`]: may. Events with no
    /// bounds at all are left out.
    pub fn overlapping(&self, from: NaiveDateTime, to: NaiveDateTime) -> Vec<WindowHit> {
        let (f, t) = (secs(from), secs(to));
        self.scan(|es, ls, ee, le| {
            if ls < t && ee > f {
                Some(Certainty::Definite)
            } else if es < t && le > f {
                Some(Certainty::Possible)
            } else {
                None
            }
        })
    }

    /// Events that lie entirely within `[from, to)`, in chronological order.
    pub fn within(&self, from: NaiveDateTime, to: NaiveDateTime) -> Vec<WindowHit> {
        let (f, t) = (secs(from), secs(to));
        self.scan(|es, ls, ee, le| {
            if es >= f && le <= t {
                Some(Certainty::Definite)
            } else if ls >= f && ee <= t && es < t && le > f {
                Some(Certainty::Possible)
            } else {
                None
            }
        })
    }

    /// What happened between two days, both included ("between Feb 1 and Mar 20"): the events
    /// that overlap them.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use eventline::{Certainty, EventSpec, Timeline};
    /// let mut t = Timeline::new();
    /// t.add_event(EventSpec::new("a", "call").on("2025-02-12".parse()?))?;
    /// t.add_event(EventSpec::new("m", "talks").on("2025-03".parse()?))?;
    /// t.add_event(EventSpec::new("z", "visit").on("2025-04-02".parse()?))?;
    /// let d = |m, d| NaiveDate::from_ymd_opt(2025, m, d).unwrap();
    /// let hits = t.between(d(2, 1), d(3, 20));
    /// assert_eq!(hits.len(), 2);
    /// assert_eq!((hits[0].id.as_str(), hits[0].certainty), ("a", Certainty::Definite));
    /// // The talks were in March: maybe before March 20, maybe not.
    /// assert_eq!((hits[1].id.as_str(), hits[1].certainty), ("m", Certainty::Possible));
    /// Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn between(&self, from: NaiveDate, to: NaiveDate) -> Vec<WindowHit> {
        let start = from.and_time(chrono::NaiveTime::MIN);
        let end = to.succ_opt().unwrap_or(to).and_time(chrono::NaiveTime::MIN);
        self.overlapping(start, end)
    }

    /// The events of one day.
    pub fn on(&self, day: NaiveDate) -> Vec<WindowHit> {
        self.between(day, day)
    }

    fn scan(&self, test: impl Fn(i64, i64, i64, i64) -> Option<Certainty>) -> Vec<WindowHit> {
        let sol = self.solution();
        let net = &sol.net;
        self.sorted_nodes()
            .into_iter()
            .filter(|(_, k)| !k.0)
            .filter_map(|(n, _)| {
                let (s, e) = sol.vars(n)?;
                let c = test(
                    net.earl[s as usize],
                    net.lat[s as usize],
                    net.earl[e as usize],
                    net.lat[e as usize],
                )?;
                Some(WindowHit {
                    id: self.event_at(n)?.id.clone(),
                    certainty: c,
                })
            })
            .collect()
    }

    /// Events that happened before `id` (surely or possibly), in chronological order.
    ///
    /// # Errors
    /// [`TimelineError::UnknownEvent`].
    pub fn before_event(&self, id: impl AsRef<str>) -> Result<Vec<WindowHit>, TimelineError> {
        self.side_of(id.as_ref(), true)
    }

    /// Events that happened after `id` (surely or possibly), in chronological order.
    ///
    /// # Errors
    /// [`TimelineError::UnknownEvent`].
    pub fn after_event(&self, id: impl AsRef<str>) -> Result<Vec<WindowHit>, TimelineError> {
        self.side_of(id.as_ref(), false)
    }

    fn side_of(&self, id: &str, before: bool) -> Result<Vec<WindowHit>, TimelineError> {
        let (n, xs, xe) = self.ev_vars(id)?;
        let sol = self.solution();
        let net = &sol.net;
        // y before x: ye - xs <= 0. Bounds of ye - xs from paths xs -> ye (upper) and
        // ye -> xs (lower). y after x: xe - ys <= 0, with ys - xe likewise.
        let pivot = if before { xs } else { xe };
        let mut scratch = sol.scratch.take();
        let from_pivot = net.distances(pivot, false, BUDGET, &mut scratch);
        let to_pivot = net.distances(pivot, true, BUDGET, &mut scratch);
        sol.scratch.give(scratch);
        let mut out = Vec::new();
        for (m, k) in self.sorted_nodes() {
            if m == n || k.0 {
                continue;
            }
            let Some((ys, ye)) = sol.vars(m) else {
                continue;
            };
            let y = if before { ye } else { ys };
            let same = net.comp.get(y as usize) == net.comp.get(pivot as usize);
            // ub(y - pivot) and ub(pivot - y).
            let up = net
                .diff_bound(
                    pivot,
                    y,
                    same.then(|| from_pivot.get(y).map(|d| d.0)).flatten(),
                )
                .map(|d| d.0);
            let down = net
                .diff_bound(
                    y,
                    pivot,
                    same.then(|| to_pivot.get(y).map(|d| d.0)).flatten(),
                )
                .map(|d| d.0);
            // before: want y - pivot <= 0; after: want pivot - y <= 0.
            let (sure, never) = if before {
                (up.is_some_and(|u| u <= 0), down.is_some_and(|d| d < 0))
            } else {
                (down.is_some_and(|d| d <= 0), up.is_some_and(|u| u < 0))
            };
            let certainty = if sure {
                Certainty::Definite
            } else if never || (up.is_none() && down.is_none()) {
                continue;
            } else {
                Certainty::Possible
            };
            if let Some(ev) = self.event_at(m) {
                out.push(WindowHit {
                    id: ev.id.clone(),
                    certainty,
                });
            }
        }
        Ok(out)
    }

    /// Up to `k` events on each side of `id` in the chronological order.
    ///
    /// # Errors
    /// [`TimelineError::UnknownEvent`].
    pub fn neighbours(&self, id: impl AsRef<str>, k: usize) -> Result<Neighbours, TimelineError> {
        let n = self.node(id.as_ref())?;
        let nodes = self.sorted_nodes();
        let pos = nodes
            .iter()
            .position(|x| x.0 == n)
            .ok_or_else(|| TimelineError::UnknownEvent(id.as_ref().to_string()))?;
        let ids = |r: &[(NodeIndex, _)]| -> Vec<EventId> {
            r.iter()
                .filter_map(|(m, _)| self.event_at(*m).map(|e| e.id.clone()))
                .collect()
        };
        Ok(Neighbours {
            before: ids(&nodes[pos.saturating_sub(k)..pos]),
            after: ids(&nodes[(pos + 1).min(nodes.len())..(pos + 1 + k).min(nodes.len())]),
        })
    }
}

/// `x_j - x_i <= lat(j) - earl(i)`, when both are bounded.
fn abs_ub(earl_i: i64, lat_j: i64) -> Option<i64> {
    (finite(earl_i) && finite(lat_j)).then(|| lat_j - earl_i)
}

/// Whether `a` happened before `b`, from their records when they lie in different components.
fn before_recs(probe: &mut Probe<'_>, a: &Rec, b: &Rec) -> Certainty {
    if a.comp == b.comp {
        return certainty(probe, [a.s, a.e, b.s, b.e], RelType::Before);
    }
    let (a_earl, a_lat) = (finite(a.es) || finite(a.ee), finite(a.ls) || finite(a.le));
    let (b_earl, b_lat) = (finite(b.es) || finite(b.ee), finite(b.ls) || finite(b.le));
    // a.e - b.s <= 0.
    if abs_ub(b.es, a.le).is_some_and(|u| u <= 0) {
        Certainty::Definite
    } else if abs_ub(a.ee, b.ls).is_some_and(|u| u < 0) {
        Certainty::Impossible
    } else if (a_earl && b_lat) || (a_lat && b_earl) {
        Certainty::Possible
    } else {
        Certainty::Unknown
    }
}

/// Certainty of "a REL b" over the endpoints `[as, ae, bs, be]`: the projection of the network
/// onto them and the origin, then the relation's constraints added and tested together.
fn certainty(probe: &mut Probe<'_>, v: [Var; 4], rel: RelType) -> Certainty {
    let net = &probe.sol.net;
    let (lat, earl) = (|x: Var| net.lat[x as usize], |x: Var| net.earl[x as usize]);
    let pos = |p: P| match p {
        P::Xs => v[0],
        P::Xe => v[1],
        P::Ys => v[2],
        P::Ye => v[3],
    };
    // One endpoint constraint "x_a - x_b <= w" is entailed when the tightest bound on
    // x_a - x_b (the shortest path b -> a) is within w, and impossible when the shortest path
    // a -> b is below -w. The absolute bounds often decide alone; a search through the
    // component is needed only when they do not.
    if let [a] = atoms(rel) {
        let (xa, xb) = (pos(a.a), pos(a.b));
        let related = v[..2].iter().any(|&p| {
            v[2..].iter().any(|&q| {
                (finite(lat(q)) && finite(earl(p))) || (finite(lat(p)) && finite(earl(q)))
            })
        });
        let entailed = |ub: Option<i64>| ub.is_some_and(|u| u <= a.w);
        let refuted = |ub: Option<i64>| ub.is_some_and(|u| u < -a.w);
        if entailed(probe.ub_abs(xb, xa)) {
            return Certainty::Definite;
        }
        if refuted(probe.ub_abs(xa, xb)) {
            return Certainty::Impossible;
        }
        let same = probe.same(xa, xb);
        if same {
            if entailed(probe.ub(xb, xa)) {
                return Certainty::Definite;
            }
            if refuted(probe.ub(xa, xb)) {
                return Certainty::Impossible;
            }
        }
        return if related || same {
            Certainty::Possible
        } else {
            Certainty::Unknown
        };
    }
    const N: usize = 5;
    let inf = i64::MAX / 4;
    let mut m = [[inf; N]; N];
    for (p, row) in m.iter_mut().enumerate() {
        row[p] = 0;
    }
    for (k, &x) in v.iter().enumerate() {
        let (lat, earl) = (net.lat[x as usize], net.earl[x as usize]);
        if finite(lat) {
            m[0][k + 1] = lat;
        }
        if finite(earl) {
            m[k + 1][0] = -earl;
        }
    }
    for p in 0..4 {
        for q in 0..4 {
            if p != q {
                if let Some(d) = probe.ub(v[p], v[q]) {
                    m[p + 1][q + 1] = d.min(inf);
                }
            }
        }
    }
    let idx = |p: P| match p {
        P::Xs => 1,
        P::Xe => 2,
        P::Ys => 3,
        P::Ye => 4,
    };
    let related = (1..3).any(|p| (3..5).any(|q| m[p][q] < inf || m[q][p] < inf));
    let atoms = atoms(rel);
    // a - b <= w is entailed when ub(x_a - x_b) = m[b][a] <= w.
    if atoms.iter().all(|a| m[idx(a.b)][idx(a.a)] <= a.w) {
        return Certainty::Definite;
    }
    for a in atoms {
        let (i, j) = (idx(a.b), idx(a.a));
        m[i][j] = m[i][j].min(a.w);
    }
    for k in 0..N {
        for i in 0..N {
            for j in 0..N {
                let via = m[i][k].saturating_add(m[k][j]).min(inf);
                if via < m[i][j] {
                    m[i][j] = via;
                }
            }
        }
    }
    if (0..N).any(|i| m[i][i] < 0) {
        Certainty::Impossible
    } else if related {
        Certainty::Possible
    } else {
        Certainty::Unknown
    }
}
