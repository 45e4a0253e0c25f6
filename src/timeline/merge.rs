//! One story, several articles: bringing timelines together and merging the events that
//! several articles report.

use std::collections::{BTreeMap, HashMap, HashSet};

use petgraph::stable_graph::NodeIndex;
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use petgraph::Direction;
use serde::{Deserialize, Serialize};

use super::calendar::finite;
use super::model::Node;
use super::{EventId, Timeline, TimelineError};
use crate::event::{EventClass, RelType};
use crate::value::TimexValue;

/// What [`Timeline::merge_duplicates`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeReport {
    /// Pairs merged: the event kept and the event merged into it (whose id now resolves to
    /// the kept one).
    pub merged: Vec<(EventId, EventId)>,
    /// Events that look like one event reported twice but whose dates cannot both hold.
    pub conflicts: Vec<MergeConflict>,
}

/// Two reports of what looks like the same event, with dates that disagree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeConflict {
    /// One report.
    pub a: EventId,
    /// The other.
    pub b: EventId,
    /// The date of the first, when it has one.
    pub a_value: Option<TimexValue>,
    /// The date of the second.
    pub b_value: Option<TimexValue>,
}

/// An irregular verb form and its lemma.
struct Irregular {
    form: &'static str,
    lemma: &'static str,
}

const fn irr(form: &'static str, lemma: &'static str) -> Irregular {
    Irregular { form, lemma }
}

/// Irregular forms of verbs common in news triggers.
const IRREGULAR: &[Irregular] = &[
    irr("said", "say"),
    irr("says", "say"),
    irr("told", "tell"),
    irr("met", "meet"),
    irr("meeting", "meet"),
    irr("spoke", "speak"),
    irr("spoken", "speak"),
    irr("held", "hold"),
    irr("went", "go"),
    irr("gone", "go"),
    irr("made", "make"),
    irr("took", "take"),
    irr("taken", "take"),
    irr("gave", "give"),
    irr("given", "give"),
    irr("began", "begin"),
    irr("begun", "begin"),
    irr("won", "win"),
    irr("lost", "lose"),
    irr("left", "leave"),
    irr("fought", "fight"),
    irr("sent", "send"),
    irr("struck", "strike"),
    irr("brought", "bring"),
    irr("came", "come"),
    irr("saw", "see"),
    irr("seen", "see"),
    irr("fell", "fall"),
    irr("fallen", "fall"),
    irr("rose", "rise"),
    irr("risen", "rise"),
    irr("shot", "shoot"),
    irr("hit", "hit"),
    irr("killed", "kill"),
    irr("died", "die"),
    irr("signed", "sign"),
    irr("visited", "visit"),
    irr("announced", "announce"),
    irr("agreed", "agree"),
];

/// Words that carry no content in a title.
const STOPWORDS: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "with", "and", "or", "by", "from",
    "between", "about", "his", "her", "their", "its", "that", "this", "was", "were", "is", "are",
    "be", "been", "has", "have", "had", "as", "into", "over", "after", "before",
];

/// A crude stem of an English word, enough to tell that "calls", "called" and "call" or
/// "negotiated" and "negotiate" are one word: irregular forms from a table, then plural and
/// participle suffixes, then a final silent `e`.
pub(crate) fn stem(word: &str) -> String {
    let w = word.trim().to_lowercase();
    let irregular = |w: &str| IRREGULAR.iter().find(|i| i.form == w).map(|i| i.lemma);
    if let Some(l) = irregular(&w) {
        return l.trim_end_matches('e').to_string();
    }
    let cut = |s: &str, k: usize| s.get(..s.len().saturating_sub(k)).unwrap_or("").to_string();
    let n = w.chars().count();
    let mut s = if n >= 5 && w.ends_with("ies") {
        cut(&w, 3) + "y"
    } else if n >= 5
        && ["xes", "ches", "shes", "sses", "zes"]
            .iter()
            .any(|x| w.ends_with(x))
    {
        cut(&w, 2)
    } else if n >= 4 && w.ends_with('s') && !["ss", "us", "is"].iter().any(|x| w.ends_with(x)) {
        cut(&w, 1)
    } else {
        w.clone()
    };
    if let Some(l) = irregular(&s) {
        return l.trim_end_matches('e').to_string();
    }
    let undouble = |s: String| -> String {
        let b = s.as_bytes();
        let k = b.len();
        if k >= 3
            && b[k - 1].is_ascii_alphabetic()
            && b[k - 1] == b[k - 2]
            && !matches!(b[k - 1], b'l' | b's' | b'z' | b'e' | b'o')
        {
            cut(&s, 1)
        } else {
            s
        }
    };
    if s.chars().count() >= 6 && s.ends_with("ing") {
        s = undouble(cut(&s, 3));
    } else if s.chars().count() >= 5 && s.ends_with("ed") {
        s = undouble(cut(&s, 2));
    }
    if s.chars().count() > 3 && s.ends_with('e') {
        s = cut(&s, 1);
    }
    s
}

fn content_words(title: &str) -> HashSet<String> {
    title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 1 && !STOPWORDS.contains(&w.to_lowercase().as_str()))
        .map(stem)
        .collect()
}

/// The key a name is compared by: its last word, lowercased ("Vladimir Putin" ~ "Putin").
fn name_key(name: &str) -> String {
    name.split_whitespace()
        .last()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// Title words (or trigger stems) shared by more events than this are not used to find
/// duplicates.
const MAX_GROUP: usize = 2_000;

struct Candidate {
    n: NodeIndex,
    docs: HashSet<String>,
    lemma: String,
    words: HashSet<String>,
    names: HashSet<String>,
    class: Option<EventClass>,
    start: (i64, i64),
    end: (i64, i64),
}

impl Timeline {
    /// Adds every document, event, time and relation of `other`.
    ///
    /// # Errors
    /// [`TimelineError::DuplicateDocument`] or [`TimelineError::DuplicateEvent`] when `other`
    /// shares a document or an event id with this timeline; nothing is added then.
    pub fn absorb(&mut self, other: &Timeline) -> Result<(), TimelineError> {
        if let Some(d) = other.docs.keys().find(|d| self.docs.contains_key(*d)) {
            return Err(TimelineError::DuplicateDocument(d.clone()));
        }
        if let Some(id) = other
            .events
            .keys()
            .find(|id| self.node(id.as_str()).is_ok())
        {
            return Err(TimelineError::DuplicateEvent(id.to_string()));
        }
        self.invalidate();
        let mut map: HashMap<NodeIndex, NodeIndex> = HashMap::new();
        for n in other.graph.node_indices() {
            let Some(node) = other.graph.node_weight(n) else {
                continue;
            };
            let m = match node {
                Node::Time(t) => match self.times.get(&t.key) {
                    Some(&m) => m,
                    None => {
                        let m = self.graph.add_node(node.clone());
                        self.times.insert(t.key.clone(), m);
                        m
                    }
                },
                Node::Event(e) => {
                    let m = self.graph.add_node(node.clone());
                    self.events.insert(e.id.clone(), m);
                    m
                }
            };
            map.insert(n, m);
        }
        for e in other.graph.edge_references() {
            if let (Some(&a), Some(&b)) = (map.get(&e.source()), map.get(&e.target())) {
                self.graph.add_edge(a, b, e.weight().clone());
            }
        }
        for (d, n) in &other.docs {
            self.docs
                .insert(d.clone(), n.and_then(|n| map.get(&n).copied()));
        }
        for (a, b) in &other.aliases {
            self.aliases.insert(a.clone(), b.clone());
        }
        Ok(())
    }

    /// Merges the events that different documents report twice: same trigger lemma or a
    /// similar title, overlapping participants, dates that can both hold. The merged event
    /// keeps every mention, document and relation of both; the id of the absorbed event keeps
    /// resolving to it. Look-alikes whose dates cannot both hold are reported, not merged.
    ///
    /// # Example
    ///
    /// ```
    /// use eventline::{EventSpec, Timeline};
    /// let mut t = Timeline::new();
    /// let spec = |id: &str, doc: &str, day: &str| {
    ///     EventSpec::new(id, "phone call between Putin and Trump").trigger("call")
    ///         .participants(["Putin", "Trump"]).doc(doc).on(day.parse().unwrap())
    /// };
    /// t.add_event(spec("a1", "a", "2025-03-18"))?;
    /// t.add_event(spec("b1", "b", "2025-03"))?;
    /// t.add_event(spec("b2", "b", "2025-05-02"))?;
    /// let report = t.merge_duplicates();
    /// assert_eq!(report.merged.len(), 1);
    /// assert_eq!(t.event("b1").unwrap().id.as_str(), "a1");
    /// assert_eq!(t.len(), 2);
    /// Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn merge_duplicates(&mut self) -> MergeReport {
        let mut report = MergeReport::default();
        let sol = self.solution();
        let net = &sol.net;
        let mut cands: Vec<Candidate> = Vec::new();
        for &n in &sol.events {
            let (Some(ev), Some((s, e))) = (self.event_at(n), sol.vars(n)) else {
                continue;
            };
            if ev.docs.is_empty() || ev.is_negated() {
                continue;
            }
            let start = (net.earl[s as usize], net.lat[s as usize]);
            let end = (net.earl[e as usize], net.lat[e as usize]);
            if !finite(start.0) || !finite(end.1) {
                continue;
            }
            cands.push(Candidate {
                n,
                docs: ev.docs.iter().cloned().collect(),
                lemma: stem(&ev.trigger),
                words: content_words(&ev.title),
                names: ev
                    .participants
                    .iter()
                    .map(|p| name_key(p))
                    .filter(|k| !k.is_empty())
                    .collect(),
                class: ev.class,
                start,
                end,
            });
        }
        // Candidates meet through their trigger stem and the words of their title.
        let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (k, c) in cands.iter().enumerate() {
            for key in c.words.iter().chain(std::iter::once(&c.lemma)) {
                if !key.is_empty() {
                    groups.entry(key.as_str()).or_default().push(k);
                }
            }
        }
        let mut merges: Vec<(NodeIndex, NodeIndex)> = Vec::new();
        let mut taken: HashSet<(NodeIndex, String)> = HashSet::new();
        let mut seen: Vec<usize> = Vec::new();
        for (j, b) in cands.iter().enumerate() {
            seen.clear();
            for key in b.words.iter().chain(std::iter::once(&b.lemma)) {
                let Some(list) = groups.get(key.as_str()) else {
                    continue;
                };
                // Words shared by a huge number of events say nothing about identity.
                if list.len() > MAX_GROUP {
                    continue;
                }
                seen.extend(list.iter().copied().filter(|&i| i < j));
            }
            seen.sort_unstable();
            seen.dedup();
            let mut compatible: Vec<(usize, i64)> = Vec::new();
            let mut nearest_conflict: Option<(usize, i64)> = None;
            for &i in &seen {
                let a = &cands[i];
                if !a.docs.is_disjoint(&b.docs) || !same_kind(a, b) {
                    continue;
                }
                let overlap = a.start.0 < b.end.1 && b.start.0 < a.end.1;
                let distance = a.start.0.abs_diff(b.start.0).min(i64::MAX as u64) as i64;
                if overlap {
                    compatible.push((i, distance));
                } else if distance <= 31 * 86_400
                    && nearest_conflict.is_none_or(|(_, d)| distance < d)
                {
                    nearest_conflict = Some((i, distance));
                }
            }
            // A report that fits two events of one article ("a call this year" against the
            // calls of February and March) is ambiguous there.
            let ambiguous = |i: usize| {
                compatible
                    .iter()
                    .filter(|(k, _)| !cands[*k].docs.is_disjoint(&cands[i].docs))
                    .count()
                    > 1
            };
            let free = |i: usize| {
                !b.docs
                    .iter()
                    .any(|d| taken.contains(&(cands[i].n, d.clone())))
            };
            let best = compatible
                .iter()
                .copied()
                .filter(|&(i, _)| !ambiguous(i) && free(i))
                .min_by_key(|&(i, d)| (d, i));
            if !compatible.is_empty() && best.is_none() {
                continue;
            }
            if let Some((i, _)) = best {
                let a = &cands[i];
                for d in &b.docs {
                    taken.insert((a.n, d.clone()));
                }
                merges.push((a.n, b.n));
            } else if let Some((i, _)) = nearest_conflict {
                let a = &cands[i];
                if let (Some(ea), Some(eb)) = (self.event_at(a.n), self.event_at(b.n)) {
                    report.conflicts.push(MergeConflict {
                        a: ea.id.clone(),
                        b: eb.id.clone(),
                        a_value: ea.value.clone(),
                        b_value: eb.value.clone(),
                    });
                }
            }
        }
        let mut into: HashMap<NodeIndex, NodeIndex> = HashMap::new();
        for (a, b) in merges {
            let mut a = a;
            for _ in 0..into.len() + 1 {
                match into.get(&a) {
                    Some(&x) => a = x,
                    None => break,
                }
            }
            if a == b {
                continue;
            }
            if let Some(pair) = self.merge_nodes(a, b) {
                into.insert(b, a);
                report.merged.push(pair);
            }
        }
        report
    }

    /// Moves everything of `b` onto `a` and removes `b`.
    fn merge_nodes(&mut self, a: NodeIndex, b: NodeIndex) -> Option<(EventId, EventId)> {
        let Some(Node::Event(eb)) = self.graph.node_weight(b).cloned() else {
            return None;
        };
        let Some(Node::Event(ea)) = self.graph.node_weight_mut(a) else {
            return None;
        };
        for m in eb.mentions {
            if !ea.mentions.contains(&m) {
                ea.mentions.push(m);
            }
        }
        for d in eb.docs {
            if !ea.docs.contains(&d) {
                ea.docs.push(d);
            }
        }
        for p in eb.participants {
            if !ea.participants.iter().any(|q| name_key(q) == name_key(&p)) {
                ea.participants.push(p);
            }
        }
        // Keep the finer date.
        let finer = match (&ea.value, &eb.value) {
            (None, Some(_)) => true,
            (Some(x), Some(y)) => match (x.granularity(), y.granularity()) {
                (Some(gx), Some(gy)) => gy < gx,
                _ => false,
            },
            _ => false,
        };
        if finer {
            ea.value = eb.value.clone();
            ea.modifier = eb.modifier;
        }
        if ea.duration.is_none() {
            ea.duration = eb.duration;
            ea.duration_mod = eb.duration_mod;
        }
        let kept = ea.id.clone();
        let edges: Vec<_> = self
            .graph
            .edges_directed(b, Direction::Outgoing)
            .map(|e| (a, e.target(), e.weight().clone()))
            .chain(
                self.graph
                    .edges_directed(b, Direction::Incoming)
                    .map(|e| (e.source(), a, e.weight().clone())),
            )
            .collect();
        for (x, y, w) in edges {
            let (x, y) = (if x == b { a } else { x }, if y == b { a } else { y });
            if x == y && matches!(w.rel, RelType::Identity | RelType::Simultaneous) {
                continue;
            }
            self.graph.add_edge(x, y, w);
        }
        self.graph.remove_node(b);
        self.events.remove(&eb.id);
        self.aliases.insert(eb.id.clone(), kept.clone());
        self.invalidate();
        Some((kept, eb.id))
    }
}

/// Whether two candidates may be the same event: the same trigger stem (or one's trigger in
/// the other's title), both reports or both not, and shared participants when both name some.
fn same_kind(a: &Candidate, b: &Candidate) -> bool {
    // The same trigger, or one's trigger named in the other's title ("calls" and "the phone
    // call between…").
    let named = |x: &Candidate, y: &Candidate| !x.lemma.is_empty() && y.words.contains(&x.lemma);
    if a.lemma != b.lemma && !named(a, b) && !named(b, a) {
        return false;
    }
    // A report is not the event it reports; other class differences are left to the
    // extraction's noise ("called" as an occurrence or an intensional action).
    if let (Some(x), Some(y)) = (a.class, b.class) {
        if (x == EventClass::Reporting) != (y == EventClass::Reporting) {
            return false;
        }
    }
    a.names.is_empty() || b.names.is_empty() || !a.names.is_disjoint(&b.names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems() {
        for (w, l) in [
            ("calls", "call"),
            ("called", "call"),
            ("call", "call"),
            ("said", "say"),
            ("talks", "talk"),
            ("planned", "plan"),
            ("stopped", "stop"),
            ("meetings", "meet"),
            ("attacked", "attack"),
            ("interview", "interview"),
            ("interviews", "interview"),
            ("ceasefires", "ceasefir"),
            ("ceasefire", "ceasefir"),
            ("negotiated", "negotiat"),
            ("negotiate", "negotiat"),
            ("agencies", "agency"),
            ("crashes", "crash"),
            ("ü", "ü"),
            ("", ""),
        ] {
            assert_eq!(stem(w), l, "{w}");
        }
    }
}
