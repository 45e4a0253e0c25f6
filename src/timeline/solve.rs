//! From the graph to a temporal network over endpoints, and back.
//!
//! Every event (and every document date) has two variables, its start and its end, with
//! `start + 1s <= end`. Each TimeML relation maps onto a few difference constraints between
//! endpoints ([`atoms`]); a time with a known calendar span is a constant, so a relation to it
//! becomes a bound on one variable. Only event–event relations (and relations through a
//! document date) join variables into components, which keeps propagation local.

use std::collections::HashSet;

use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use petgraph::visit::{EdgeRef, IntoEdgeReferences, NodeIndexable};

use super::calendar::{
    duration_secs, duration_unit, finite, granularity_unit, value_span, Span, DAY,
};
use super::model::{Node, TimeKind};
use super::stn::{Constraint, Kind, Network, ScratchPool, Solved, Var};
use super::{EventId, Timeline};
use crate::annotation::Provenance;
use crate::event::RelType;

/// Which constraint a network constraint stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    /// A relation of the graph.
    Edge(EdgeIndex),
    /// An event (or document date) lasts a positive time.
    Length(NodeIndex),
    /// The stated duration of an event.
    Duration(NodeIndex),
    /// A document date lies within its day.
    Frame(NodeIndex),
}

/// An endpoint of an interval: source/target, start/end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum P {
    /// Source start.
    Xs,
    /// Source end.
    Xe,
    /// Target start.
    Ys,
    /// Target end.
    Ye,
}

/// `a - b <= w`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Atom {
    pub a: P,
    pub b: P,
    pub w: i64,
}

const fn at(a: P, b: P, w: i64) -> Atom {
    Atom { a, b, w }
}

use P::{Xe, Xs, Ye, Ys};

const BEFORE: &[Atom] = &[at(Xe, Ys, 0)];
const AFTER: &[Atom] = &[at(Ye, Xs, 0)];
const IBEFORE: &[Atom] = &[at(Xe, Ys, 0), at(Ys, Xe, 0)];
const IAFTER: &[Atom] = &[at(Xs, Ye, 0), at(Ye, Xs, 0)];
const INCLUDES: &[Atom] = &[at(Xs, Ys, 0), at(Ye, Xe, 0)];
const IS_INCLUDED: &[Atom] = &[at(Ys, Xs, 0), at(Xe, Ye, 0)];
const SIMULTANEOUS: &[Atom] = &[at(Xs, Ys, 0), at(Ys, Xs, 0), at(Xe, Ye, 0), at(Ye, Xe, 0)];
const BEGINS: &[Atom] = &[at(Xs, Ys, 0), at(Ys, Xs, 0), at(Xe, Ye, 0)];
const BEGUN_BY: &[Atom] = &[at(Xs, Ys, 0), at(Ys, Xs, 0), at(Ye, Xe, 0)];
const ENDS: &[Atom] = &[at(Xe, Ye, 0), at(Ye, Xe, 0), at(Ys, Xs, 0)];
const ENDED_BY: &[Atom] = &[at(Xe, Ye, 0), at(Ye, Xe, 0), at(Xs, Ys, 0)];

/// The endpoint constraints of "X REL Y". Intervals are half-open and last at least a second,
/// so `BEFORE` (X ends no later than Y starts) already orders the starts strictly; the
/// inclusion relations are the loose TimeML ones (shared endpoints allowed). `DURING` reads
/// "X lasts throughout Y" (Y within X), `DURING_INV` the converse.
pub(crate) fn atoms(rel: RelType) -> &'static [Atom] {
    match rel {
        RelType::Before => BEFORE,
        RelType::After => AFTER,
        RelType::IBefore => IBEFORE,
        RelType::IAfter => IAFTER,
        RelType::Includes | RelType::During => INCLUDES,
        RelType::IsIncluded | RelType::DuringInv => IS_INCLUDED,
        RelType::Simultaneous | RelType::Identity => SIMULTANEOUS,
        RelType::Begins => BEGINS,
        RelType::BegunBy => BEGUN_BY,
        RelType::Ends => ENDS,
        RelType::EndedBy => ENDED_BY,
    }
}

/// [`atoms`] for an edge whose ends may be times. A time is an interval the text names at
/// some precision, so an event begun or ended by it starts or ends somewhere inside it
/// ("lasted from December 2007 to June 2009": it began in December and ended in June), not
/// at its very first or last instant.
pub(crate) fn atoms_between(rel: RelType, x_time: bool, y_time: bool) -> &'static [Atom] {
    match (rel, x_time, y_time) {
        (RelType::BegunBy, false, true) => BEGUN_BY_TIME,
        (RelType::EndedBy, false, true) => ENDED_BY_TIME,
        (RelType::Begins, true, false) => TIME_BEGINS,
        (RelType::Ends, true, false) => TIME_ENDS,
        _ => atoms(rel),
    }
}

/// Event X begun by time Y: X starts inside Y and ends after it.
const BEGUN_BY_TIME: &[Atom] = &[at(Ys, Xs, 0), at(Xs, Ye, 0), at(Ye, Xe, 0)];
/// Event X ended by time Y: X ends inside Y and started before it.
const ENDED_BY_TIME: &[Atom] = &[at(Ys, Xe, 0), at(Xe, Ye, 0), at(Xs, Ys, 0)];
/// Time X begins event Y: Y starts inside X and ends after it.
const TIME_BEGINS: &[Atom] = &[at(Xs, Ys, 0), at(Ys, Xe, 0), at(Xe, Ye, 0)];
/// Time X ends event Y: Y ends inside X and started before it.
const TIME_ENDS: &[Atom] = &[at(Xs, Ye, 0), at(Ye, Xe, 0), at(Ys, Xs, 0)];

/// How much a constraint is trusted when a contradiction forces one aside: what the user
/// states most, then what the text states with a signal, then tense (grammar rarely lies
/// about past and future), then anchors (attaching a date to the right event is the most
/// error-prone step), then inferences.
pub(crate) fn strength(p: Provenance) -> u8 {
    match p {
        Provenance::Narrative => 0,
        Provenance::Inferred => 1,
        Provenance::Anchor => 2,
        Provenance::Tense => 3,
        Provenance::Stated => 4,
        Provenance::User => 5,
    }
}

/// An endpoint as the network sees it.
#[derive(Debug, Clone, Copy)]
enum End {
    Var(Var),
    Const(i64),
    Open,
}

/// The propagated network and the mapping between nodes and variables.
#[derive(Debug, Clone)]
pub(crate) struct Solution {
    pub net: Solved<Origin>,
    /// First variable of each node (start; end is the next), `u32::MAX` for constants.
    pub var_of: Vec<u32>,
    /// The unit, in seconds, each event is known to: a day, or finer when a clock time or an
    /// hour offset places it.
    pub unit: Vec<i64>,
    /// Events by node index, in the order they were added.
    pub events: Vec<NodeIndex>,
    /// For each of `events`: its variables, bounds, unit and component, side by side so that
    /// whole-timeline passes read one record per event.
    pub recs: Vec<Rec>,
    /// For each of `events`: its id.
    pub ids: Vec<EventId>,
    /// Position in `events` by node index (`u32::MAX` for times).
    pub ordinal: Vec<u32>,
    /// Positions in `events` in chronological order, with their sort keys.
    pub order: Vec<(OrderKey, u32)>,
    /// The records and ids of `order`, side by side in that order, so that whole-timeline
    /// passes read memory front to back.
    pub in_order: Vec<(Rec, EventId)>,
    /// Relations set aside to resolve contradictions.
    pub set_aside: HashSet<EdgeIndex>,
    /// Scratch memory for queries.
    pub scratch: ScratchPool,
}

/// Sort key of an event: undated, earliest/latest start, earliest/latest end, insertion.
pub(crate) type OrderKey = (bool, i64, i64, i64, i64, usize);

/// The chronological order: by earliest start, then latest start, then end (an open side of
/// the start sorts by the other one); events with no bound on their start last, in the order
/// they were added.
fn chronological_order(recs: &[Rec]) -> Vec<(OrderKey, u32)> {
    let mut keys: Vec<(OrderKey, u32)> = recs
        .iter()
        .enumerate()
        .map(|(k, r)| {
            let dated = finite(r.es) || finite(r.ls);
            let (es, ls) = match (finite(r.es), finite(r.ls)) {
                (true, true) => (r.es, r.ls),
                (true, false) => (r.es, r.es),
                (false, true) => (r.ls, r.ls),
                _ => (0, 0),
            };
            ((!dated, es, ls, r.ee, r.le, k), k as u32)
        })
        .collect();
    keys.sort_unstable_by_key(|x| x.0);
    keys
}

/// An event's propagated bounds, gathered.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rec {
    pub s: Var,
    pub e: Var,
    pub comp: u32,
    pub unit: i64,
    /// Earliest start, latest start, earliest end, latest end.
    pub es: i64,
    pub ls: i64,
    pub ee: i64,
    pub le: i64,
}

impl Solution {
    pub fn vars(&self, n: NodeIndex) -> Option<(Var, Var)> {
        let v = *self.var_of.get(n.index())?;
        (v != u32::MAX).then_some((v, v + 1))
    }
    pub fn unit(&self, n: NodeIndex) -> i64 {
        self.unit.get(n.index()).copied().unwrap_or(DAY)
    }
    pub fn is_fine(&self, n: NodeIndex) -> bool {
        self.unit(n) < DAY
    }
}

pub(crate) fn compile(t: &Timeline) -> Solution {
    let g = &t.graph;
    let bound = g.node_bound();
    let mut var_of = vec![u32::MAX; bound];
    let mut span_of: Vec<Option<Span>> = vec![None; bound];
    let mut unit = vec![DAY; bound];
    let mut events = Vec::with_capacity(t.events.len());
    let mut n_vars = 0u32;
    let mut cons: Vec<Constraint<Origin>> = Vec::with_capacity(bound * 3);
    let push = |cons: &mut Vec<Constraint<Origin>>, kind, origin, strength| {
        cons.push(Constraint {
            kind,
            origin,
            strength,
        })
    };
    for n in g.node_indices() {
        let Some(node) = g.node_weight(n) else {
            continue;
        };
        let variable = match node {
            Node::Event(_) => {
                events.push(n);
                true
            }
            Node::Time(tn) => tn.kind == TimeKind::Dct,
        };
        if variable {
            let (s, e) = (n_vars, n_vars + 1);
            n_vars += 2;
            var_of[n.index()] = s;
            push(
                &mut cons,
                Kind::Diff { i: e, j: s, w: -1 },
                Origin::Length(n),
                u8::MAX,
            );
        }
        match node {
            Node::Time(tn) => {
                let span = tn
                    .value
                    .as_ref()
                    .and_then(|v| value_span(v, tn.modifier, tn.reference));
                if tn.kind == TimeKind::Dct {
                    if let Some(sp) = span {
                        let s = var_of[n.index()];
                        push(
                            &mut cons,
                            Kind::Lower { v: s, c: sp.start },
                            Origin::Frame(n),
                            254,
                        );
                        push(
                            &mut cons,
                            Kind::Upper {
                                v: s + 1,
                                c: sp.end,
                            },
                            Origin::Frame(n),
                            254,
                        );
                    }
                } else {
                    span_of[n.index()] = span;
                }
            }
            Node::Event(ev) => {
                if let Some(d) = &ev.duration {
                    if let Some((lo, hi)) = duration_secs(d, ev.duration_mod) {
                        let s = var_of[n.index()];
                        let st = strength(Provenance::Anchor);
                        push(
                            &mut cons,
                            Kind::Diff {
                                i: s,
                                j: s + 1,
                                w: hi,
                            },
                            Origin::Duration(n),
                            st,
                        );
                        push(
                            &mut cons,
                            Kind::Diff {
                                i: s + 1,
                                j: s,
                                w: -lo,
                            },
                            Origin::Duration(n),
                            st,
                        );
                    }
                    if let Some(u) = duration_unit(d) {
                        unit[n.index()] = unit[n.index()].min(u);
                    }
                }
            }
        }
    }
    let end = |n: NodeIndex, p: bool| -> End {
        // p: false = start, true = end
        if let Some(&v) = var_of.get(n.index()) {
            if v != u32::MAX {
                return End::Var(v + p as u32);
            }
        }
        match span_of.get(n.index()).copied().flatten() {
            Some(sp) => {
                let c = if p { sp.end } else { sp.start };
                if super::calendar::finite(c) {
                    End::Const(c)
                } else {
                    End::Open
                }
            }
            None => End::Open,
        }
    };
    for e in g.edge_references() {
        let (x, y, r) = (e.source(), e.target(), e.weight());
        let origin = Origin::Edge(e.id());
        let st = strength(r.provenance);
        let resolve = |p: P| match p {
            P::Xs => end(x, false),
            P::Xe => end(x, true),
            P::Ys => end(y, false),
            P::Ye => end(y, true),
        };
        let mut emit = |a: End, b: End, w: i64| match (a, b) {
            (End::Var(a), End::Var(b)) => push(&mut cons, Kind::Diff { i: b, j: a, w }, origin, st),
            (End::Var(a), End::Const(c)) => push(
                &mut cons,
                Kind::Upper {
                    v: a,
                    c: c.saturating_add(w),
                },
                origin,
                st,
            ),
            (End::Const(c), End::Var(b)) => push(
                &mut cons,
                Kind::Lower {
                    v: b,
                    c: c.saturating_sub(w),
                },
                origin,
                st,
            ),
            _ => {}
        };
        if let Some(off) = &r.offset {
            if let Some((lo, hi)) = duration_secs(off, r.offset_mod) {
                emit(resolve(P::Ys), resolve(P::Xs), hi);
                emit(resolve(P::Xs), resolve(P::Ys), -lo);
            }
            if let Some(u) = duration_unit(off) {
                for n in [x, y] {
                    unit[n.index()] = unit[n.index()].min(u);
                }
            }
            continue;
        }
        let is_time = |n: NodeIndex| matches!(g.node_weight(n), Some(Node::Time(_)));
        for a in atoms_between(r.rel, is_time(x), is_time(y)) {
            emit(resolve(a.a), resolve(a.b), a.w);
        }
        // Precision: an event placed at a clock time is known finer than the day.
        let places = super::build::dates_event(r.rel) || super::build::dates_event(r.rel.inverse());
        for (ev, other) in [(x, y), (y, x)].into_iter().filter(|_| places) {
            if let Some(Node::Time(tn)) = g.node_weight(other) {
                let clock = tn
                    .value
                    .as_ref()
                    .and_then(|v| v.granularity())
                    .and_then(granularity_unit);
                if let (Some(u), Some(Node::Event(_))) = (clock, g.node_weight(ev)) {
                    unit[ev.index()] = unit[ev.index()].min(u);
                }
            }
        }
    }
    let net = Network {
        n: n_vars as usize,
        cons,
    }
    .solve();
    let mut ordinal = vec![u32::MAX; bound];
    for (k, n) in events.iter().enumerate() {
        ordinal[n.index()] = k as u32;
    }
    let mut recs = Vec::with_capacity(events.len());
    let mut ids = Vec::with_capacity(events.len());
    for &n in &events {
        let s = var_of[n.index()];
        let e = s + 1;
        recs.push(Rec {
            s,
            e,
            comp: net.comp[s as usize],
            unit: unit[n.index()],
            es: net.earl[s as usize],
            ls: net.lat[s as usize],
            ee: net.earl[e as usize],
            le: net.lat[e as usize],
        });
        if let Some(Node::Event(ev)) = g.node_weight(n) {
            ids.push(ev.id.clone());
        }
    }
    let set_aside = net
        .cons
        .iter()
        .zip(&net.disabled)
        .filter_map(|(c, &off)| match c.origin {
            Origin::Edge(e) if off => Some(e),
            _ => None,
        })
        .collect();
    let order = chronological_order(&recs);
    let in_order = order
        .iter()
        .filter_map(|&(_, k)| Some((*recs.get(k as usize)?, ids.get(k as usize)?.clone())))
        .collect();
    Solution {
        net,
        var_of,
        unit,
        events,
        order,
        in_order,
        set_aside,
        scratch: ScratchPool::default(),
        recs,
        ids,
        ordinal,
    }
}
