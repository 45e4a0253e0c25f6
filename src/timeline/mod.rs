//! The timeline: a graph of events and times whose edges are temporal relations, with bounds
//! on every event and queries that say how sure they are.

mod build;
mod calendar;
mod error;
mod export;
mod merge;
mod model;
mod query;
mod solve;
mod stn;

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use petgraph::stable_graph::{NodeIndex, StableDiGraph};

pub use error::TimelineError;
pub use export::{ReportEvent, ReportGap, TimelineReport};
pub use merge::{MergeConflict, MergeReport};
pub use model::{EventId, EventSpec, Mention, Node, Relation, TimeKind, TimeNode, TimelineEvent};
pub use query::{
    Bounds, Certainty, Comparison, Contradiction, Explanation, Gap, Neighbours, OrderEntry, Step,
    WindowHit,
};

use solve::Solution;

/// Events and times linked by temporal relations, with what can be concluded from them.
///
/// Nodes are events ([`TimelineEvent`]) and times ([`TimeNode`]); edges are TimeML relations
/// ([`Relation`]) that say where they come from: stated in a text, an event's anchor, tense
/// against the document date, inferred, or given by the user. Every event gets bounds on its
/// start and end (earliest and latest), from the granularity of the dates that anchor it
/// ("March 2025" is somewhere in March), from its relations and from durations ("two weeks
/// later"). The constraints are propagated as a simple temporal network, one connected
/// component at a time; contradictions are reported with the relations behind them.
///
/// # How relations become bounds
///
/// - An event is a half-open interval `[start, end)` of at least one second. A date anchors it
///   at its granularity: "on 2025-03-18" puts the start in `[Mar 18 00:00, Mar 18 23:59:59]`
///   and the end by `Mar 19 00:00`; "in March 2025" anywhere in March; `2025-W13-WE` on the
///   Saturday or Sunday. A `mod` narrows or widens the span: `START`/`MID`/`END` take the first,
///   middle or last third (in whole days), `BEFORE`/`AFTER` open one side, `APPROX` widens by
///   half the span on each side.
/// - Every TimeML relation is a set of endpoint constraints: `BEFORE` is `a.end <= b.start`,
///   `IBEFORE` `a.end = b.start`, `INCLUDES` `a.start <= b.start, b.end <= a.end`, `BEGINS`
///   `a.start = b.start, a.end <= b.end`, `SIMULTANEOUS`/`IDENTITY` equal endpoints, `DURING`
///   "a lasts throughout b" (as `INCLUDES`), `DURING_INV` its converse, and the inverses.
/// - A document date is an instant within its day: tense places events before or after it,
///   while anchors to the document date ("said on Monday") mean its whole day.
/// - Durations bound an event's length ([`Timeline::set_duration`]) or the distance between
///   two starts ([`Timeline::later`]: "two weeks later").
/// - When relations contradict each other, the least trusted one is set aside and reported
///   ([`Timeline::contradictions`]): inferred relations first, then anchors, then tense, then
///   relations stated in the text, then the user's.
///
/// # Example
///
/// From text, with the whole pipeline:
///
/// ```
/// use eventline::{Certainty, Document, Extractor, Timeline};
///
/// let text = "Monday, March 31, 2025\n\n\
///     There have been two phone calls between Putin and Trump this year - one on \
///     February 12 and another on March 18. Peskov said on Monday that no new call was planned.";
/// let extractor = Extractor::new();
/// let mut timeline = Timeline::new();
/// timeline.add_document(&extractor, "nbc", &Document::new(text))?;
///
/// let first = &timeline.dated_by("2025-02-12")[0];
/// let second = &timeline.dated_by("2025-03-18")[0];
/// assert_eq!(timeline.before(first, second)?, Certainty::Definite);
/// assert_eq!(timeline.gap(first, second)?.to_string(), "P34D");
/// Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// From events given by hand, with an uncertain case:
///
/// ```
/// use eventline::{Certainty, EventSpec, Timeline};
///
/// let mut t = Timeline::new();
/// t.add_event(EventSpec::new("call-1", "first call").on("2025-02-12".parse()?))?;
/// t.add_event(EventSpec::new("call-2", "second call").on("2025-03-18".parse()?))?;
/// t.add_event(EventSpec::new("talks", "talks in March").on("2025-03".parse()?))?;
///
/// assert_eq!(t.before("call-1", "call-2")?, Certainty::Definite);
/// assert_eq!(t.before("talks", "call-2")?, Certainty::Possible);
/// assert_eq!(t.gap("call-1", "call-2")?.to_string(), "P34D");
/// Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Timeline {
    graph: StableDiGraph<Node, Relation>,
    events: HashMap<EventId, NodeIndex>,
    times: HashMap<String, NodeIndex>,
    aliases: HashMap<EventId, EventId>,
    docs: BTreeMap<String, Option<NodeIndex>>,
    solved: OnceLock<Solution>,
}

impl Timeline {
    /// An empty timeline.
    pub fn new() -> Timeline {
        Timeline::default()
    }

    /// The underlying graph, read-only.
    pub fn graph(&self) -> &StableDiGraph<Node, Relation> {
        &self.graph
    }

    /// Number of events.
    pub fn len(&self) -> usize {
        self.events.len()
    }

    /// Whether there are no events.
    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// The events, in the order they were added.
    pub fn events(&self) -> impl Iterator<Item = &TimelineEvent> + '_ {
        self.graph.node_weights().filter_map(|n| match n {
            Node::Event(e) => Some(e),
            Node::Time(_) => None,
        })
    }

    /// An event by id (or by the id of an event merged into it).
    pub fn event(&self, id: impl AsRef<str>) -> Option<&TimelineEvent> {
        let n = self.node(id.as_ref()).ok()?;
        match self.graph.node_weight(n) {
            Some(Node::Event(e)) => Some(e),
            _ => None,
        }
    }

    /// The ids of the documents added.
    pub fn documents(&self) -> impl Iterator<Item = &str> + '_ {
        self.docs.keys().map(String::as_str)
    }

    fn node(&self, id: &str) -> Result<NodeIndex, TimelineError> {
        if let Some(&n) = self.events.get(id) {
            return Ok(n);
        }
        let mut cur = id;
        for _ in 0..=self.aliases.len() {
            match self.aliases.get(cur) {
                Some(next) => {
                    if let Some(&n) = self.events.get(next.as_str()) {
                        return Ok(n);
                    }
                    cur = next.as_str();
                }
                None => break,
            }
        }
        Err(TimelineError::UnknownEvent(id.chars().take(200).collect()))
    }

    fn event_at(&self, n: NodeIndex) -> Option<&TimelineEvent> {
        match self.graph.node_weight(n) {
            Some(Node::Event(e)) => Some(e),
            _ => None,
        }
    }

    /// Propagates the constraints now. Queries do it on first use after a change; call this
    /// to pay the cost up front (for example before sharing the timeline between threads).
    pub fn propagate(&self) {
        let _ = self.solution();
    }

    fn solution(&self) -> &Solution {
        self.solved.get_or_init(|| solve::compile(self))
    }

    fn invalidate(&mut self) {
        self.solved = OnceLock::new();
    }
}
