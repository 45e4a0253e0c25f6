//! The whole pipeline: a document in, its timexes, events and temporal relations out.

use std::ops::Range;

use crate::annotation::{Annotation, Endpoint};
use crate::document::Document;
use crate::event::{LocalEventId, RelType};
use crate::events::EventExtractor;
use crate::tagger::{Tagger, WordEntry};
use std::sync::Arc;

/// Runs the temporal tagger and the event extraction on documents.
///
/// Build it once (it compiles the lexicons) and share it: it is immutable and
/// `Send + Sync`. Each thread that calls it keeps the working buffers of the document
/// (emptied) for its next call, for texts of up to about 16 MB: the tokens and the event
/// mentions of the whole text, about 10 bytes per byte of the largest text so far (some
/// 60 KB after a news article, 100 MB after a 10 MB text), and the tables of one segment
/// of the text (the event stage reads a long text a run of sentences at a time), about
/// 1 MB whatever the text; all given back when the thread ends. Only the returned
/// [`Annotation`] is new memory on every call.
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
    /// The tagger's entry of each form of the event lexicon, by the form's number: a word
    /// is looked up once, for both stages.
    tagger_entries: Arc<[WordEntry]>,
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
        let tagger = Tagger::new();
        let events = EventExtractor::new();
        // (A form no key stands for is never asked for: its entry is never read.)
        let tagger_entries = events
            .forms()
            .map(|w| tagger.entry_of_key(w).unwrap_or_default())
            .collect();
        Extractor {
            tagger,
            events,
            tagger_entries,
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
        let entries = &self.tagger_entries;
        let (timexes, kind) = self.tagger.tag_with_kind_each(doc, |start, end, key| {
            let form = fuser.offer(start, end, key)?;
            entries.get(form as usize).copied()
        });
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Dct;

    /// The pipeline, which reads the text once for both stages, finds what the tagger and
    /// the event extractor find on their own.
    #[test]
    fn one_pass_agrees_with_the_stages_apart() {
        let extractor = Extractor::new();
        let mut long = String::new();
        while long.len() < 700_000 {
            long.push_str(
                "MOSCOW (AP) — Peskov said on Friday that the two leaders didn't speak by \
                 phone on March 18, 2025; talks are expected in mid-April. The U.S. economy \
                 grew 3.5% in the third-quarter, a year earlier than forecast.\n\
                 Ünïcödé naïve café — “Yesterday” at 10:30 a.m. the Fed's Chair met them \
                 twice, on Feb. 12 and again three days later.\n\n",
            );
        }
        for text in [
            long.as_str(),
            "They met last week and will meet again next Tuesday.",
            "tomorrow",
            "",
        ] {
            let doc = Document::new(text).with_dct(Dct::parse("2025-03-31").expect("date"));
            let ann = extractor.extract(&doc);
            let timexes = extractor.tagger.tag(&doc);
            assert!(ann.timexes == timexes, "{text:.60}");
            let found = extractor.events.extract(text, &timexes, doc.dct());
            assert!(ann.events == found.events, "{text:.60}");
            assert!(ann.links == found.links, "{text:.60}");
        }
    }

    /// Documents extracted one after the other on a thread, which reuses the buffers of
    /// the one before, get the annotations they get on a thread of their own.
    #[test]
    fn kept_buffers_do_not_carry_over_between_documents() {
        let extractor = Extractor::new();
        let mut long = String::new();
        let mut day = 1;
        while long.len() < 1_500_000 {
            long.push_str(&format!(
                "The ministers met on March {day}, 2025, and agreed to talk again next week; \
                 the call lasted two hours, officials said. Peskov said on Friday that the \
                 leaders didn't speak by phone -- talks are expected in mid-April.\n\n",
                day = day % 28 + 1
            ));
            day += 1;
        }
        let short = "Peskov said on Friday that the two leaders spoke by phone on March 18. \
                     The call lasted two hours.";
        let doc =
            |text: &str| Document::new(text).with_dct(Dct::parse("2025-03-31").expect("date"));
        let fresh = |text: &str| {
            let ex = extractor.clone();
            let text = text.to_string();
            std::thread::spawn(move || ex.extract(&doc(&text)))
                .join()
                .expect("extraction")
        };
        let (fresh_long, fresh_short) = (fresh(&long), fresh(short));
        assert!(fresh_long.events.len() > 10_000 && !fresh_short.events.is_empty());
        for (text, want) in [
            (long.as_str(), &fresh_long),
            (short, &fresh_short),
            (long.as_str(), &fresh_long),
            ("", &fresh("")),
            (short, &fresh_short),
        ] {
            let got = extractor.extract(&doc(text));
            assert!(got.timexes == want.timexes, "{text:.60}");
            assert!(got.events == want.events, "{text:.60}");
            assert!(got.links == want.links, "{text:.60}");
        }
    }

    /// The event stage reads a long text a segment (a run of sentences) at a time; what
    /// the story carries across sentences (the reference day, the last date named, the
    /// lead's date, a statement's sentence, coreference, lists and ranges reaching the next
    /// sentence, occasions named in it) crosses segments too: segments of a few sentences
    /// give the events and links of one segment for the whole text.
    #[test]
    fn segments_do_not_change_the_analysis() {
        let pieces = [
            "Peskov said on Friday that the two leaders spoke by phone on March 18.",
            "The call lasted two hours, officials said.",
            "They held two calls, one on February 12 and another on March 18.",
            "The March 18 call was the longest.",
            "They had spoken twice, on February 12 and March 18.",
            "The festival ran 3\u{2013}4 May 1941; the war lasted 1914\u{2013}1918.",
            "Officials met again. The talks went well, he said.",
            "He told reporters at a briefing that the plan worked.",
            "At a briefing",
            "In a weekend interview, Trump expressed frustration and warned of new tariffs.",
            "A new round of talks is expected in mid-April.",
            "The meeting was moved to Wednesday.",
            "Peace talks\nare expected to resume",
            "New peace talks\n\nare expected in May.",
            "The vote\n\nwas moved to Thursday.",
            "MOSCOW (AP) \u{2014} The ministers met on Tuesday -- and agreed to talk again.",
            "Three days later, Germany declared war.",
            "It was the first win there since 2006.",
            "The hall reopened in 1948, and since the 1960s it has hosted concerts.",
            "Talks are continuing. There are no plans for a new call",
            "The summit, which began on June 3, ended with a statement (signed on June 4).",
            "The vote was delayed until Tuesday, and the senators left",
            "Yesterday the company announced record profits for the third quarter.",
            "The siege of Leningrad began in September 1941 and ended in January 1944.",
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut text = String::new();
        for n in 0..900 {
            let r = crate::test_support::xorshift(&mut seed);
            text.push_str(pieces[(r % pieces.len() as u64) as usize]);
            text.push_str(match r % 7 {
                0 => "\n\n",
                1 => "\n",
                _ => " ",
            });
            if n % 97 == 0 {
                text.push_str("date 2025-03-31\n\n");
            }
        }
        let doc = Document::new(text.as_str()).with_dct(Dct::parse("2025-03-31").expect("date"));
        let whole = Extractor {
            events: Extractor::new().events.with_segment_tokens(usize::MAX),
            ..Extractor::new()
        }
        .extract(&doc);
        assert!(whole.events.len() > 1500 && whole.links.len() > 3000);
        assert!(whole.events.iter().any(|e| e.mentions.len() > 1));
        for size in [0, 1, 3, 20, 150, 4000] {
            let extractor = Extractor {
                events: Extractor::new().events.with_segment_tokens(size),
                ..Extractor::new()
            };
            let got = extractor.extract(&doc);
            assert!(got.events == whole.events, "segments of {size}");
            assert!(got.links == whole.links, "segments of {size}");
        }
    }

    /// Each form of the event lexicon that the tagger's scanner keys carries the entry the
    /// tagger finds for the form in a text, written in any case.
    #[test]
    fn shared_entries_are_the_taggers() {
        let extractor = Extractor::new();
        let mut keyed = 0;
        let mut known = 0;
        for (form, entry) in extractor
            .events
            .forms()
            .zip(extractor.tagger_entries.iter())
        {
            if extractor.tagger.entry_of_key(form).is_none() {
                continue;
            }
            keyed += 1;
            known += usize::from(entry.lex.is_some() || entry.tag.is_some());
            for w in [form.to_string(), form.to_ascii_uppercase()] {
                assert_eq!(extractor.tagger.lookup_word(w.as_bytes()), *entry, "{w}");
            }
        }
        assert!(keyed > 1000 && known > 100, "{keyed} {known}");
        assert_eq!(
            extractor.events.forms().count(),
            extractor.tagger_entries.len()
        );
    }
}
