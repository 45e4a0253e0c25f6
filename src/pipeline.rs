//! The whole pipeline: a document in, its timexes, events and temporal relations out.

use std::ops::Range;

use crate::annotation::{Annotation, Endpoint};
use crate::document::Document;
use crate::event::{LocalEventId, RelType};
use crate::events::EventExtractor;
use crate::tagger::Tagger;

/// Runs the temporal tagger and the event extraction on documents.
///
/// Build it once (it compiles the lexicons) and share it: it is immutable and
/// `Send + Sync`; each call allocates only the document's own tables.
///
/// ```
/// use eventline::{Document, Extractor};
/// let ex = Extractor::new();
/// let doc = Document::new("date 2025-03-31\n\nThe two leaders spoke by phone on March 18.");
/// let ann = ex.extract(&doc);
/// let spoke = ann.events.iter().find(|e| e.text == "spoke").unwrap();
/// let anchor = spoke.anchor.as_ref().unwrap();
/// assert_eq!(anchor.value.as_ref().unwrap().to_string(), "2025-03-18");
/// ```
#[derive(Debug, Clone)]
pub struct Extractor {
    tagger: Tagger,
    events: EventExtractor,
}

impl Default for Extractor {
    fn default() -> Self {
        Extractor::new()
    }
}

/// One end of a [`MentionPair`]'s target.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PairTarget {
    /// A timex, by byte span.
    Timex(Range<usize>),
    /// The document creation time.
    Dct,
    /// Another event, by the byte span of its trigger.
    Event(Range<usize>),
}

/// A relation between an event mention (by byte span) and a timex, the document date or
/// another event, as TimeML annotates them: "source REL target".
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MentionPair {
    /// The event mention.
    pub source: Range<usize>,
    /// The timex or DCT.
    pub target: PairTarget,
    /// The relation.
    pub relation: RelType,
}

impl Extractor {
    /// A new extractor.
    pub fn new() -> Extractor {
        Extractor {
            tagger: Tagger::new(),
            events: EventExtractor::new(),
        }
    }

    /// Tags the document's temporal expressions, finds its events and anchors them.
    ///
    /// Relations between the events themselves are a further step: [`relate_events`].
    ///
    /// [`relate_events`]: crate::relate_events
    pub fn extract(&self, doc: &Document) -> Annotation {
        // The tagger's pass over the text also cuts it into the event stage's tokens.
        let mut fuser = self.events.fuser(doc.text());
        let (timexes, kind) = self
            .tagger
            .tag_with_kind_each(doc, |start, end, key| fuser.offer(start, end, key));
        let found = self
            .events
            .extract_fused(doc.text(), fuser, &timexes, doc.dct());
        Annotation {
            dct: doc.dct().copied(),
            kind,
            timexes,
            events: found.events,
            links: found.links,
        }
    }
}

/// The relations of an annotation between mentions, each from the event mention it concerns:
/// for a timex, the mention of the event nearest to it ("the [March 18] call" rather than the
/// first "call"); for the DCT and for another event, the triggers.
pub fn mention_pairs(ann: &Annotation) -> Vec<MentionPair> {
    let by_id: std::collections::HashMap<LocalEventId, &crate::event::Event> =
        ann.events.iter().map(|e| (e.id, e)).collect();
    let mut out = Vec::new();
    for link in &ann.links {
        let Endpoint::Event(id) = &link.source else {
            continue;
        };
        let Some(ev) = by_id.get(id) else {
            continue;
        };
        match &link.target {
            Endpoint::Timex(span) => {
                let source = ev
                    .mentions
                    .iter()
                    .min_by_key(|m| m.start.abs_diff(span.start))
                    .cloned()
                    .unwrap_or_else(|| ev.trigger.clone());
                out.push(MentionPair {
                    source,
                    target: PairTarget::Timex(span.clone()),
                    relation: link.relation,
                });
            }
            Endpoint::Dct => out.push(MentionPair {
                source: ev.trigger.clone(),
                target: PairTarget::Dct,
                relation: link.relation,
            }),
            Endpoint::Event(other) => {
                if let Some(b) = by_id.get(other) {
                    out.push(MentionPair {
                        source: ev.trigger.clone(),
                        target: PairTarget::Event(b.trigger.clone()),
                        relation: link.relation,
                    });
                }
            }
        }
    }
    out
}
