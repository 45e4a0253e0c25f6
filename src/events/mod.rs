//! From text and its temporal expressions to dated events.
//!
//! The stages, each a plain function over tokens:
//! 1. [`text`]: tokens and sentences (abbreviations, decimals, quotes, headlines, datelines);
//! 2. [`pos`]: part-of-speech tags from a treebank lexicon and the left context;
//! 3. [`detect`]: event mentions with class, tense, aspect, polarity and modality;
//! 4. [`anchor`]: each timex linked to the event it dates, each event to the document date;
//! 5. here: mentions grouped into [`Event`]s (a later "the call" joins the call it names),
//!    with a title and participants.
//!
//! Conventions worth knowing:
//! - **Distributive lists.** In "two calls — one on February 12 and another on March 18"
//!   the plural noun is the first event (dated by the first item) and every further item is
//!   a new event whose trigger is the word standing for the elided noun ("another"), with
//!   the class, title and participants of the first. A later "the March 18 call" joins the
//!   event dated March 18.
//! - **Locality.** A timex dates the noun it modifies ("a weekend interview", "Tuesday's
//!   vote"); otherwise the nearest event of its sentence, the nearest one on the other side
//!   when close, a verb governing the noun it attaches to, and verbs coordinated with the
//!   one it dates. A sentence without a date of its own places its first past-tense verb on
//!   the last day the story named (a statement only when that day is the article's day or
//!   the day before). Occasions share their event's time ("told reporters at a briefing";
//!   "In a weekend interview, Trump expressed…"). A relative clause (", who took office on
//!   January 20,"), a parenthesis, a dashed aside and a trailing ", Peskov said." keep their
//!   timexes to themselves; a passive attitude verb ("talks are expected in mid-April")
//!   hands its timex to the event it is about.
//! - **Inferred placements.** An event no timex claimed is placed, as an
//!   [`Provenance::Inferred`] link that never becomes its anchor and is the first to give
//!   way in a contradiction, by the nearest timex of its sentence (not across a ", and"
//!   clause whose verb the timex dates), or, in a sentence without one, by the last date
//!   named before it and by the article's lead date. The relation follows the signal word,
//!   else the tense: a perfect is before the story's time, a future or infinitive after.
//! - **Titles.** Subject (over a relative clause) + verb without its tense auxiliaries +
//!   a short object (an infinitive complement, one phrase); statements keep only their
//!   addressee ("Peskov said", "He told reporters"); no title ends in a preposition,
//!   "to", an article, a conjunction or an auxiliary.
//! - **The document date.** Finite verbs relate to it by tense and aspect (past → BEFORE,
//!   future and modals → AFTER, present → INCLUDES, present perfect → BEFORE, present
//!   reporting → IS_INCLUDED, past
//!   reporting under a timed DCT → IS_INCLUDED); nominals by what their anchor entails, or
//!   BEFORE in a sentence told in the past. Reporting verbs and present-tense news without a
//!   timex are anchored on the DCT's day.

mod anchor;
mod describe;
mod detect;
#[rustfmt::skip]
mod lexicon;
mod pos;
mod tables;
mod text;

use std::borrow::Cow;
use std::ops::Range;

use crate::annotation::{Endpoint, Link, Provenance};
use crate::document::Dct;
use crate::event::{Anchor, AnchorTarget, Event, EventClass, LocalEventId, RelType, Tense};
use crate::timex::Timex;
use crate::value::TimexValue;

use detect::Mention;
use pos::{Lexicon, Tag};
pub(crate) use text::Fuser;

/// Splits a text into sentences, as byte ranges on char boundaries.
///
/// Abbreviations ("U.S.", "Dr.", "Jan.", "No. 5"), decimals, closing quotes, headlines and
/// datelines are handled.
///
/// ```
/// let text = "Dr. Smith met U.S. officials on Jan. 5 at 3.30 p.m. \"It went well.\" They left.";
/// let s: Vec<&str> = eventline::sentences(text).into_iter().map(|r| &text[r]).collect();
/// assert_eq!(s, ["Dr. Smith met U.S. officials on Jan. 5 at 3.30 p.m. \"It went well.\"", "They left."]);
/// ```
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut toks = text::tokenize(text);
    pos::tag_sentence(lexicon(), text, &mut toks);
    text::split_sentences(text, &toks)
        .into_iter()
        .filter_map(|r| {
            let a = toks.get(r.start)?.start();
            let b = toks.get(r.end.checked_sub(1)?)?.end();
            Some(a..b)
        })
        .collect()
}

fn lexicon() -> &'static Lexicon {
    static LEX: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
    LEX.get_or_init(Lexicon::new)
}

/// Finds the events of a document, given its temporal expressions.
///
/// Built once (the lexicons are compiled on first use), then shared freely: it is
/// `Send + Sync` and holds no per-document state.
///
/// A long text is read a segment at a time: runs of whole sentences of some thousands of
/// tokens, whose tokens and tables stay in cache while each step reads them; what the story
/// carries from one sentence to the next (the day it is set on, the last date named, the
/// lead's date, earlier events for coreference and occasions, event numbers) crosses
/// segments as it crosses sentences, so the analysis does not depend on where the segments
/// end.
///
/// Each thread that extracts keeps the memory of its largest buffers (emptied) for its next
/// document, for texts of up to about 16 MB (see `MAX_KEPT_TOKENS`): the tokens and the
/// mentions of the whole text (about 10 bytes per byte of text: 100 MB after a 10 MB
/// text, some 60 KB after a news article) and the tables of a segment (about 1 MB).
/// Allocating them anew, and faulting their pages in, costs more than filling them.
#[derive(Debug, Clone, Copy)]
pub struct EventExtractor {
    lex: &'static Lexicon,
    /// The tokens a segment holds at least (but for the text's last).
    segment_tokens: usize,
}

impl Default for EventExtractor {
    fn default() -> Self {
        EventExtractor::new()
    }
}

/// Events and the relations asserted for them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventAnalysis {
    /// Events sorted by trigger.
    pub events: Vec<Event>,
    /// Relations event → timex and event → DCT.
    pub links: Vec<Link>,
}

impl EventExtractor {
    /// A new extractor.
    pub fn new() -> EventExtractor {
        EventExtractor {
            lex: lexicon(),
            segment_tokens: SEGMENT_TOKENS,
        }
    }

    /// The extractor reading segments of at least `tokens` tokens (at least one sentence
    /// each): the analysis is the same whatever their size, only the memory it reads at
    /// once changes.
    #[cfg(test)]
    pub(crate) fn with_segment_tokens(self, tokens: usize) -> EventExtractor {
        EventExtractor {
            segment_tokens: tokens,
            ..self
        }
    }

    /// Finds events in `text`, anchors them to `timexes` (sorted or not, byte spans into
    /// `text`) and to the document date `dct`.
    ///
    /// ```
    /// use eventline::{Dct, EventExtractor};
    /// let ex = EventExtractor::new();
    /// let out = ex.extract("Peskov said the talks went well.", &[], Some(&Dct::parse("2025-03-31")?));
    /// let said = out.events.iter().find(|e| e.text == "said").unwrap();
    /// assert_eq!(said.class, eventline::EventClass::Reporting);
    /// Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn extract(&self, text: &str, timexes: &[Timex], dct: Option<&Dct>) -> EventAnalysis {
        let mut toks = text::TOKEN_POOL
            .try_with(text::Pool::take)
            .unwrap_or_default();
        text::tokenize_into(text, &mut toks);
        pos::tag_sentence(self.lex, text, &mut toks);
        self.extract_tagged(text, toks, true, timexes, dct)
    }

    /// Every form of the event lexicon, in the order of their numbers (what
    /// [`Fuser::offer`] gives back).
    pub(crate) fn forms(&self) -> impl Iterator<Item = &'static str> {
        self.lex.forms()
    }

    /// A [`Fuser`] for the tokens of `text`, to be fed by the temporal tagger's scanner and
    /// then given to [`EventExtractor::extract_fused`].
    pub(crate) fn fuser<'t>(&self, text: &'t str) -> Fuser<'t> {
        let toks = text::TOKEN_POOL
            .try_with(text::Pool::take)
            .unwrap_or_default();
        Fuser::new(text, self.lex, toks)
    }

    /// [`EventExtractor::extract`] with the tokens that `fuser` made of `text` (as
    /// [`EventExtractor::fuser`] of the same text made it).
    pub(crate) fn extract_fused(
        &self,
        text: &str,
        fuser: Fuser<'_>,
        timexes: &[Timex],
        dct: Option<&Dct>,
    ) -> EventAnalysis {
        // (Tagged a block at a time as the sentences are split.)
        let toks = fuser.finish();
        self.extract_tagged(text, toks, false, timexes, dct)
    }

    /// [`EventExtractor::extract`] from the tokens of `text`, looked up, and tagged if
    /// `tagged` (else tagged here).
    fn extract_tagged(
        &self,
        text: &str,
        mut toks: Vec<text::Token>,
        tagged: bool,
        timexes: &[Timex],
        dct: Option<&Dct>,
    ) -> EventAnalysis {
        let lex = self.lex;
        // The tagger's timexes are sorted and inside the text: borrowed as they are.
        let valid = |t: &Timex| t.span.start < t.span.end && t.span.end <= text.len();
        let ordered = timexes.iter().all(valid)
            && timexes
                .windows(2)
                .all(|w| (w[0].span.start, w[0].span.end) <= (w[1].span.start, w[1].span.end));
        let timexes: std::borrow::Cow<'_, [Timex]> = if ordered {
            std::borrow::Cow::Borrowed(timexes)
        } else {
            let mut own: Vec<Timex> = timexes.iter().filter(|t| valid(t)).cloned().collect();
            own.sort_by_key(|t| (t.span.start, t.span.end));
            std::borrow::Cow::Owned(own)
        };
        let timexes: &[Timex] = &timexes;
        // The tokens are tagged, split into sentences and their timexes located as the
        // segments need them, just before each is read (while its tokens are in cache).
        let mut reader = Reader {
            tagged,
            ..Reader::default()
        };
        let mut in_timex = text::filled(&BOOL_POOL, toks.len(), false);
        // The article's lead (its first sentences) is read first: its date dates the story.
        while reader.sents.len() <= anchor::LEAD_SENTENCES && !reader.finished {
            reader.read_on(text, &mut toks, timexes, &mut in_timex);
        }
        let dct_has_time = dct.is_some_and(|d| d.time.is_some());
        let dct_value = dct.map(|d| TimexValue::day(d.date));

        // Everything below reads the text a segment at a time (runs of whole sentences),
        // while the segment's tokens are in cache; what the story carries from one segment
        // to the next is carried explicitly (`story`, `index`, the events so far).
        let mut story = anchor::Story::new(timexes, &reader.pos, dct.map(|d| d.date));
        let mut index = CorefIndex::default();
        // Room for the events and links of news text (about one event in ten tokens).
        let mut events: Vec<Event> = Vec::with_capacity(toks.len() / 8);
        let mut links: Vec<Link> = Vec::with_capacity(toks.len() / 4);
        let mut entities = Vec::new();
        // The entities of sentence `s0 + s`: `entities[entity_start[s]..entity_start[s + 1]]`.
        let mut entity_start = text::taken(&USIZE_POOL);
        // The mentions of the text: each segment's come after the ones before it.
        let mut mentions: Vec<Mention> =
            MENTION_POOL.try_with(text::Pool::take).unwrap_or_default();
        mentions.clear();
        mentions.reserve(toks.len() / 5);
        // The event of each mention of the text (`usize::MAX` for none yet).
        let mut event_of = text::taken(&USIZE_POOL);
        // The mention at each token of the segment and of the few tokens before it (the
        // last one there); list items are entered as they are created.
        let mut mention_of_tok = text::TokIndex::over(0..0);
        // Tables by mention of the segment (from `m0`) and by sentence (from `s0`).
        let mut elided_of = text::taken(&OPTION_POOL);
        let mut order = text::taken(&USIZE_POOL);
        let mut past_sentence = text::taken(&BOOL_POOL);
        let mut link_start = text::taken(&USIZE_POOL);
        let mut link_order = text::taken(&USIZE_POOL);
        let mut fill = text::taken(&USIZE_POOL);
        let mut cut_start = text::taken(&USIZE_POOL);
        let mut next_timex = 0;
        // The segment being formed: its first sentence and token, and the next sentence.
        let (mut seg_first, mut begin, mut next_sent) = (0, 0, 0);
        loop {
            // The segment: at least `segment_tokens` tokens (but for the text's last) and
            // ending after a sentence whose last token is a punctuation mark (no step looks
            // back for an event across one: an attitude verb's subject or a moved event,
            // which the steps over timexes link, always lies in the verb's segment). A text
            // whose sentences never end in a mark is one segment.
            let seg_end = loop {
                if let Some(r) = reader.sents.get(next_sent) {
                    next_sent += 1;
                    let closed = r
                        .end
                        .checked_sub(1)
                        .and_then(|k| toks.get(k))
                        .is_some_and(|t| t.kind == text::TokenKind::Punct);
                    if closed && r.end.saturating_sub(begin) >= self.segment_tokens {
                        begin = r.end;
                        break Some(next_sent);
                    }
                } else if reader.finished {
                    break (seg_first < reader.sents.len()).then_some(reader.sents.len());
                } else {
                    reader.read_on(text, &mut toks, timexes, &mut in_timex);
                }
            };
            let Some(seg_end) = seg_end else { break };
            let seg_sents = seg_first..seg_end;
            seg_first = seg_end;
            // The steps read a few tokens past the segment (and the timexes there, with a
            // timex right after a range's first date): read far enough for all of them.
            let end = reader.sents.get(seg_end - 1).map_or(0, |r| r.end);
            loop {
                let mut want = end + READ_AHEAD;
                for p in reader.pos.get(next_timex..).unwrap_or(&[]).iter().flatten() {
                    if p.first >= want {
                        break;
                    }
                    want = want.max(p.last + READ_AHEAD);
                }
                if reader.finished || reader.covered >= want {
                    break;
                }
                reader.read_on(text, &mut toks, timexes, &mut in_timex);
            }
            let (sents, tpos) = (&reader.sents, &reader.pos);
            let (Some(first), Some(last)) = (
                sents.get(seg_sents.start),
                seg_sents.end.checked_sub(1).and_then(|s| sents.get(s)),
            ) else {
                continue;
            };
            // The segment's timexes: those of its sentences (and those among them that
            // cover no token).
            let t0 = next_timex;
            while tpos
                .get(next_timex)
                .is_some_and(|p| p.as_ref().is_none_or(|p| p.sent < seg_sents.end))
            {
                next_timex += 1;
            }
            let seg = anchor::Segment {
                toks: first.start..last.end,
                sents: seg_sents.clone(),
                timexes: t0..next_timex,
                mentions: mentions.len(),
            };
            let (m0, s0) = (seg.mentions, seg.sents.start);
            // Names and event mentions sentence by sentence.
            entities.clear();
            entity_start.clear();
            for si in seg.sents.clone() {
                let Some(r) = sents.get(si) else { continue };
                entity_start.push(entities.len());
                describe::entities(text, &toks, r.clone(), &in_timex, &mut entities);
                let from = mentions.len();
                detect::detect(lex, text, &toks, r.clone(), si, &mut mentions);
                // The sentence's mentions outside timexes, in order (moved within the
                // sentence only).
                let mut kept = from;
                for i in from..mentions.len() {
                    if !in_timex.get(mentions[i].tok).copied().unwrap_or(false) {
                        if kept != i {
                            mentions.swap(kept, i);
                        }
                        kept += 1;
                    }
                }
                mentions.truncate(kept);
            }
            entity_start.push(entities.len());
            // (The mentions the steps over timexes append, from `detected`, and the mention
            // each stands for.)
            elided_of.clear();
            let detected = mentions.len();
            mention_of_tok.slide(seg.toks.start.saturating_sub(MENTION_LOOKBACK)..seg.toks.end);
            for (mi, m) in mentions.iter().enumerate().skip(m0) {
                mention_of_tok.set(m.tok, u32::try_from(mi).ok());
            }
            let tlinks = anchor::link_timexes(
                text,
                &toks,
                sents,
                &seg,
                &mut mentions,
                timexes,
                tpos,
                &mut elided_of,
                &mut mention_of_tok,
                &mut story,
                dct.map(|d| d.date),
            );
            event_of.resize(mentions.len(), usize::MAX);

            // Order mentions by position (elided ones were appended).
            order.clear();
            order.extend(m0..mentions.len());
            order.sort_by_key(|&i| (mentions[i].tok, i));

            past_sentence.clear();
            past_sentence.resize(seg.sents.len(), false);
            for m in mentions.get(m0..).unwrap_or(&[]) {
                if !m.nominal && m.tense == Tense::Past {
                    if let Some(b) = m
                        .sent
                        .checked_sub(s0)
                        .and_then(|s| past_sentence.get_mut(s))
                    {
                        *b = true;
                    }
                }
            }
            // The links of each mention, in order:
            // `link_order[link_start[m - m0]..link_start[m - m0 + 1]]`.
            link_start.clear();
            link_start.resize(mentions.len() - m0 + 1, 0);
            for l in &tlinks {
                if let Some(c) = l
                    .mention
                    .checked_sub(m0)
                    .and_then(|i| link_start.get_mut(i + 1))
                {
                    *c += 1;
                }
            }
            for k in 1..link_start.len() {
                link_start[k] += link_start[k - 1];
            }
            link_order.clear();
            link_order.resize(link_start.last().copied().unwrap_or(0), 0);
            fill.clear();
            fill.extend_from_slice(&link_start);
            for (li, l) in tlinks.iter().enumerate() {
                if let Some(slot) = l
                    .mention
                    .checked_sub(m0)
                    .and_then(|i| fill.get_mut(i))
                    .and_then(|f| {
                        let at = *f;
                        *f += 1;
                        link_order.get_mut(at)
                    })
                {
                    *slot = li;
                }
            }
            let cuts = clause_cuts(&toks, seg.toks.clone());
            // The cuts of sentence `s0 + s`: `cuts[cut_start[s]..cut_start[s + 1]]` (a clause
            // never reaches past its sentence, so no other cut matters to it).
            cut_start.clear();
            let mut next_cut = 0;
            for r in sents.get(seg.sents.clone()).unwrap_or(&[]) {
                while cuts.get(next_cut).is_some_and(|&c| c < r.start) {
                    next_cut += 1;
                }
                cut_start.push(next_cut);
            }
            cut_start.push(cuts.len());
            for &mi in &order {
                let m = &mentions[mi];
                let Some(tok) = toks.get(m.tok) else { continue };
                let mo = mi.wrapping_sub(m0);
                let my_links: &[usize] = match (link_start.get(mo), link_start.get(mo + 1)) {
                    (Some(&a), Some(&b)) => link_order.get(a..b).unwrap_or(&[]),
                    _ => &[],
                };
                let my_links = || my_links.iter().filter_map(|&li| tlinks.get(li));
                let my_value = my_links()
                    .find(|l| !l.weak)
                    .and_then(|l| timexes.get(l.timex))
                    .map(|t| &t.value);
                // Coreference: a definite nominal repeating an earlier event's noun.
                if let Some(ei) = self.corefers(text, &toks, m, my_value, &index) {
                    event_of[mi] = ei;
                    index.note(&m.lemma, ei, my_value);
                    let ev = &mut events[ei];
                    ev.mentions.push(tok.span());
                    for l in my_links() {
                        if let Some(tx) = timexes.get(l.timex) {
                            if !l.weak
                                && ev
                                    .anchor
                                    .as_ref()
                                    .is_none_or(|a| a.target == AnchorTarget::Dct)
                            {
                                ev.anchor = Some(Anchor {
                                    target: AnchorTarget::Timex(tx.span.clone()),
                                    relation: l.rel,
                                    value: Some(tx.value.clone()),
                                });
                            }
                            links.push(Link {
                                source: Endpoint::Event(ev.id),
                                target: Endpoint::Timex(tx.span.clone()),
                                relation: l.rel,
                                provenance: provenance_of(l),
                            });
                        }
                    }
                    continue;
                }
                let range = sents.get(m.sent).cloned().unwrap_or(0..0);
                let elided = mi
                    .checked_sub(detected)
                    .and_then(|k| elided_of.get(k))
                    .copied()
                    .flatten();
                let (title, participants) = match elided {
                    Some(src) if event_of.get(src).is_some_and(|&e| e < events.len()) => {
                        let e = &events[event_of[src]];
                        (e.title.clone(), e.participants.clone())
                    }
                    _ => {
                        let so = m.sent.wrapping_sub(s0);
                        let sent_cuts = match (cut_start.get(so), cut_start.get(so + 1)) {
                            (Some(&a), Some(&b)) if range.contains(&m.tok) => cuts.get(a..b),
                            _ => None,
                        };
                        let clause = clause_of(sent_cuts.unwrap_or(&cuts), range.clone(), m.tok);
                        // A clause lies in its sentence, and so do the names it may hold.
                        let names = match (entity_start.get(so), entity_start.get(so + 1)) {
                            (Some(&a), Some(&b)) => entities.get(a..b),
                            _ => None,
                        };
                        (
                            describe::title(text, &toks, clause.clone(), m, &in_timex),
                            describe::participants(text, &toks, names.unwrap_or(&entities), clause),
                        )
                    }
                };
                let id = event_id(events.len() + 1);
                let mut dct_rel = anchor::dct_relation(m, dct_has_time);
                let mut dct_provenance = Provenance::Tense;
                if dct_rel.is_none() {
                    // No tense to go by: what the time anchor entails ("the [1996] campaign" is
                    // before a 1998 article).
                    dct_rel = my_links().filter(|l| !l.weak).find_map(|l| {
                        anchor::entailed_dct_relation(l.rel, timexes.get(l.timex)?, dct?)
                    });
                    dct_provenance = Provenance::Inferred;
                }
                if dct_rel.is_none() && m.nominal && m.class != EventClass::State {
                    // A happening named in a sentence told in the past is past too.
                    if past_sentence
                        .get(m.sent.wrapping_sub(s0))
                        .copied()
                        .unwrap_or(false)
                    {
                        dct_rel = Some(RelType::Before);
                    }
                }
                let mut anchor_: Option<Anchor> = None;
                // The anchor is the first time of the event's own clause, or a finer one that
                // places it inside as well ("spoken this year, on February 12": February 12).
                // (Lengths are read only when a second time competes.)
                let mut anchor_tx: Option<&Timex> = None;
                let span_len = |t: &Timex| {
                    t.value
                        .interval()
                        .map(|iv| (iv.end - iv.start).num_seconds())
                };
                // A time on the other side of the document date from the event's tense
                // belongs to another clause ("Maresca said his team would bounce back on
                // Wednesday": not said on Wednesday).
                let other_side = match (dct_provenance, dct_rel) {
                    (Provenance::Tense, Some(RelType::Before)) => Some(RelType::After),
                    (Provenance::Tense, Some(RelType::After)) => Some(RelType::Before),
                    _ => None,
                };
                for l in my_links() {
                    let Some(tx) = timexes.get(l.timex) else {
                        continue;
                    };
                    let crossed = l.rel == RelType::IsIncluded
                        && other_side.is_some()
                        && dct.and_then(|d| anchor::entailed_dct_relation(l.rel, tx, d))
                            == other_side;
                    if crossed {
                        continue;
                    }
                    let take = !l.weak
                        && match (&anchor_, anchor_tx) {
                            (None, _) => true,
                            (Some(a), Some(prev)) => {
                                l.rel == RelType::IsIncluded
                                    && a.relation == RelType::IsIncluded
                                    && matches!(
                                        (span_len(tx), span_len(prev)),
                                        (Some(n), Some(m)) if n < m
                                    )
                            }
                            (Some(_), None) => false,
                        };
                    if take {
                        anchor_tx = Some(tx);
                        anchor_ = Some(Anchor {
                            target: AnchorTarget::Timex(tx.span.clone()),
                            relation: l.rel,
                            value: Some(tx.value.clone()),
                        });
                    }
                    links.push(Link {
                        source: Endpoint::Event(id),
                        target: Endpoint::Timex(tx.span.clone()),
                        relation: l.rel,
                        provenance: provenance_of(l),
                    });
                }
                if anchor_.is_none() {
                    // "told reporters at a briefing", "In a weekend interview, Trump expressed…":
                    // an event shares the time of the occasion it is set in.
                    let occasion = if m.nominal {
                        occasion_of(text, &toks, m, &mention_of_tok, &event_of)
                    } else {
                        framing_occasion(text, &toks, &range, m, &mention_of_tok, &event_of)
                            .or_else(|| {
                                relative_antecedent(text, &toks, m, &mention_of_tok, &event_of)
                            })
                    };
                    anchor_ = occasion
                        .and_then(|ei| events.get(ei)?.anchor.clone())
                        .filter(|a| matches!(a.target, AnchorTarget::Timex(_)) || m.nominal);
                    if let Some(Anchor {
                        target: AnchorTarget::Timex(span),
                        relation,
                        ..
                    }) = &anchor_
                    {
                        links.push(Link {
                            source: Endpoint::Event(id),
                            target: Endpoint::Timex(span.clone()),
                            relation: *relation,
                            provenance: Provenance::Inferred,
                        });
                    }
                }
                if anchor_.is_none() {
                    anchor_ = dct_anchor(m, dct_value.as_ref());
                }
                if let Some(r) = dct_rel {
                    links.push(Link {
                        source: Endpoint::Event(id),
                        target: Endpoint::Dct,
                        relation: r,
                        provenance: dct_provenance,
                    });
                }
                event_of[mi] = events.len();
                if m.nominal {
                    let v = anchor_.as_ref().and_then(|a| match a.target {
                        AnchorTarget::Timex(_) => a.value.as_ref(),
                        AnchorTarget::Dct => None,
                    });
                    index.note(&m.lemma, events.len(), v);
                }
                events.push(Event {
                    id,
                    trigger: tok.span(),
                    text: text.get(tok.span()).unwrap_or("").to_string(),
                    class: m.class,
                    tense: m.tense,
                    aspect: m.aspect,
                    polarity: m.polarity,
                    modality: m.modality.clone(),
                    title,
                    participants,
                    anchor: anchor_,
                    dct_relation: dct_rel,
                    mentions: vec![tok.span()],
                });
            }
            text::keep(&anchor::LINK_POOL, tlinks);
        }
        // (Kept for the thread's next document; freed if the thread is being torn down.)
        let _ = text::TOKEN_POOL.try_with(|p| p.give(toks));
        for v in [
            entity_start,
            order,
            link_start,
            link_order,
            fill,
            cut_start,
            event_of,
        ] {
            text::keep(&USIZE_POOL, v);
        }
        text::keep(&BOOL_POOL, in_timex);
        text::keep(&BOOL_POOL, past_sentence);
        text::keep(&OPTION_POOL, elided_of);
        drop(index);
        mentions.clear();
        // (The empty list in its own memory: collecting a vector's own items reuses it.)
        let mentions: Vec<Mention<'static>> =
            mentions.into_iter().map(Mention::into_static).collect();
        let _ = MENTION_POOL.try_with(|p| p.give(mentions));
        EventAnalysis { events, links }
    }

    /// The earlier event a definite nominal mention refers to, if any: the one with the
    /// same noun and the same date when the mention carries a date ("the March 18 call"),
    /// else the last one with the same noun ("the call").
    fn corefers<'t>(
        &self,
        text: &str,
        toks: &[text::Token],
        m: &Mention<'t>,
        value: Option<&TimexValue>,
        index: &CorefIndex<'t>,
    ) -> Option<usize> {
        if !m.nominal || toks.get(m.tok)?.tag == Tag::Jj {
            return None;
        }
        // A definite determiner before the noun, over modifiers and timexes.
        let mut k = m.tok;
        let mut definite = false;
        let mut steps = 0;
        while k > 0 && steps < 6 {
            k -= 1;
            steps += 1;
            let t = &toks[k];
            let det = text::marked(text, t, tables::mark::DEFINITE);
            let poss = !det && text::with_lower(text, t, |w| matches!(w, "'s" | "’s" | "."));
            if det {
                definite = true;
                break;
            }
            if !matches!(
                t.tag,
                Tag::Jj | Tag::Nn | Tag::Nnp | Tag::Cd | Tag::Poss | Tag::Vbn
            ) && !poss
            {
                break;
            }
        }
        if !definite {
            return None;
        }
        match value {
            Some(v) => index
                .by_value
                .get(&(m.lemma.clone(), ValueKey::of(v)))
                .copied(),
            None => index.last_by_lemma.get(m.lemma.as_ref()).copied(),
        }
    }
}

/// How a link to a timex was found: stated by a signal word, read from the clause, or
/// inferred from the story's continuity (the weakest, first to give way).
fn provenance_of(l: &anchor::TimexLink) -> Provenance {
    if l.weak {
        Provenance::Inferred
    } else if l.stated {
        Provenance::Stated
    } else {
        Provenance::Anchor
    }
}

/// The event (index) whose occasion the nominal mention names: "at"/"during" + the noun
/// phrase, right after a verb event of the same clause ("told reporters at a briefing").
fn occasion_of(
    text: &str,
    toks: &[text::Token],
    m: &Mention<'_>,
    mention_of_tok: &text::TokIndex,
    event_of: &[usize],
) -> Option<usize> {
    let mut k = m.tok;
    let mut steps = 0;
    loop {
        k = k.checked_sub(1)?;
        steps += 1;
        if steps > 4 {
            return None;
        }
        let t = toks.get(k)?;
        if text::with_lower(text, t, |w| matches!(w, "at" | "during")) {
            break;
        }
        if !matches!(t.tag, Tag::Dt | Tag::Jj | Tag::Nn | Tag::Nnp | Tag::PrpPoss) {
            return None;
        }
    }
    let lo = k.saturating_sub(OCCASION_REACH);
    (lo..k).rev().find_map(|j| {
        let t = toks.get(j)?;
        if t.kind == text::TokenKind::Punct {
            return None;
        }
        let mi = mention_of_tok.at(j)? as usize;
        let ei = *event_of.get(mi)?;
        (t.tag.is_verb() && ei != usize::MAX).then_some(ei)
    })
}

/// The event named by a sentence-initial "In/At/During + noun phrase," that frames the
/// first verb event after the comma ("In a weekend interview, Trump expressed…").
fn framing_occasion(
    text: &str,
    toks: &[text::Token],
    sent: &Range<usize>,
    m: &Mention<'_>,
    mention_of_tok: &text::TokIndex,
    event_of: &[usize],
) -> Option<usize> {
    let first = toks.get(sent.start)?;
    if !text::with_lower(text, first, |w| matches!(w, "in" | "at" | "during")) {
        return None;
    }
    let comma = (sent.start + 1..sent.end.min(sent.start + 10))
        .find(|&k| toks.get(k).and_then(|t| text.get(t.span())) == Some(","))?;
    if m.tok <= comma {
        return None;
    }
    // The verb must be the first event verb after the comma, or coordinated with it ("Trump
    // expressed frustration … and warned of new tariffs").
    let verbs_between = (comma + 1..m.tok)
        .filter(|&k| mention_of_tok.at(k).is_some() && toks.get(k).is_some_and(|t| t.tag.is_verb()))
        .count();
    let coordinated = || {
        let mut k = m.tok;
        while k > comma + 1 {
            k -= 1;
            match toks.get(k) {
                Some(t) if t.tag == Tag::Rb => continue,
                Some(t) => return text::with_lower(text, t, |w| matches!(w, "and" | "or" | "but")),
                None => return false,
            }
        }
        false
    };
    if verbs_between > 1 || (verbs_between == 1 && !coordinated()) {
        return None;
    }
    (sent.start + 1..comma).find_map(|k| {
        let mi = mention_of_tok.at(k)? as usize;
        let ei = *event_of.get(mi)?;
        (ei != usize::MAX).then_some(ei)
    })
}

/// The event a past-tense verb opening a relative clause is told of: the happening noun
/// just before "which"/"that" ("hit by a quake in August, which killed one person": the
/// killing is the quake's, in August), over a time expression or a few modifiers.
fn relative_antecedent(
    text: &str,
    toks: &[text::Token],
    m: &Mention<'_>,
    mention_of_tok: &text::TokIndex,
    event_of: &[usize],
) -> Option<usize> {
    if m.nominal || m.tense != Tense::Past {
        return None;
    }
    let rel = m.tok.checked_sub(1)?;
    if !toks
        .get(rel)
        .is_some_and(|t| text::with_lower(text, t, |w| matches!(w, "which" | "that")))
    {
        return None;
    }
    let lo = rel.saturating_sub(OCCASION_REACH);
    for j in (lo..rel).rev() {
        let t = toks.get(j)?;
        // (A verb first: "which" stands for its clause, not for a noun.)
        if t.tag.is_verb() {
            return None;
        }
        let Some(mi) = mention_of_tok.at(j) else {
            continue;
        };
        let ei = *event_of.get(mi as usize)?;
        return (matches!(t.tag, Tag::Nn | Tag::Nns) && ei != usize::MAX).then_some(ei);
    }
    None
}

/// The identifier of the `n`th event: "e1", "e2", … (saturating: a document never holds
/// four billion events).
fn event_id(n: usize) -> LocalEventId {
    LocalEventId::new(u32::try_from(n).unwrap_or(u32::MAX))
}

std::thread_local! {
    /// The memory of this thread's last list of mentions (see [`text::Pool`]).
    static MENTION_POOL: text::Pool<Mention<'static>> = const { text::Pool::new(text::MAX_KEPT_TOKENS / 4) };
    /// The memory of this thread's last tables of indices, by token, mention or sentence.
    static USIZE_POOL: text::Pool<usize> = const { text::Pool::new(text::MAX_KEPT_TOKENS + 1) };
    /// The memory of this thread's last tables of flags, by token or sentence.
    static BOOL_POOL: text::Pool<bool> = const { text::Pool::new(text::MAX_KEPT_TOKENS) };
    /// The memory of this thread's last table of optional indices, by mention.
    static OPTION_POOL: text::Pool<Option<usize>> = const { text::Pool::new(text::MAX_KEPT_TOKENS / 4) };
}

/// How far before "at"/"during" the event of an occasion noun may be.
const OCCASION_REACH: usize = 6;

/// How many tokens before its segment the table of mentions by token keeps: the steps that
/// look back across a sentence's start for an event reach no farther (an occasion's verb,
/// at most [`OCCASION_REACH`] tokens before "at" and four before the noun; the subject of
/// an attitude verb or a moved event, a few tokens before the verb).
const MENTION_LOOKBACK: usize = 16;

const _: () = assert!(MENTION_LOOKBACK > OCCASION_REACH + 4);

/// The tokens a segment of the text holds at least (but for the text's last), by default:
/// a segment's tokens (under 1 MB, some 150 KB of text) and its tables stay in cache while
/// the stage reads it several times. (Measured on 10 MB of news: segments of 8K to 32K
/// tokens miss the last-level cache alike; on 1 MB, 32K ones took less time than 8K ones,
/// which pay the set-up of a segment four times as often.)
const SEGMENT_TOKENS: usize = 1 << 15;

/// How many tokens are tagged before the sentence splitter reads them (24 KiB of tokens,
/// in the second-level cache when split).
const SPLIT_BLOCK: usize = 1024;

/// The tokens of a text tagged, split into sentences and their timexes located, a block
/// of tokens at a time, as far as the segments read so far need.
#[derive(Debug, Default)]
struct Reader {
    /// The tokens come tagged (else each block is tagged just before it is split).
    tagged: bool,
    splitter: text::Splitter,
    /// The tokens read by the splitter.
    read: usize,
    /// All of them were.
    finished: bool,
    /// The sentences closed so far.
    sents: Vec<Range<usize>>,
    /// The tokens of those sentences.
    covered: usize,
    locator: anchor::Locator,
    /// The positions of the timexes located so far (those that start in `covered`).
    pos: Vec<Option<anchor::TimexPos>>,
}

impl Reader {
    /// Reads on by a block of tokens: tags it, splits it, locates the timexes of the
    /// sentences it closes and marks their tokens in `in_timex`.
    fn read_on(
        &mut self,
        text: &str,
        toks: &mut [text::Token],
        timexes: &[Timex],
        in_timex: &mut [bool],
    ) {
        if self.finished {
            return;
        }
        let n = toks.len();
        let end = (self.read + SPLIT_BLOCK).min(n);
        if !self.tagged {
            pos::tag_block(text, toks, self.read..end);
        }
        self.splitter.run(text, toks, end, &mut self.sents);
        self.read = end;
        if end >= n {
            std::mem::take(&mut self.splitter).finish(n, &mut self.sents);
            self.finished = true;
            self.covered = n;
        } else {
            self.covered = self.sents.last().map_or(0, |r| r.end);
        }
        let from = self.pos.len();
        self.locator
            .run(toks, &self.sents, self.covered, timexes, &mut self.pos);
        for p in self.pos.get(from..).unwrap_or(&[]).iter().flatten() {
            for b in in_timex.get_mut(p.first..=p.last).into_iter().flatten() {
                *b = true;
            }
        }
    }
}

/// How many tokens past a segment the text is read before the segment (and past a timex
/// that starts there): the steps look a few tokens ahead (a list's next item, a verb's own
/// time, the word after a clause, the second date of a range).
const READ_AHEAD: usize = 16;

/// Earlier nominal events by noun, and by noun and date, for coreference, in the whole
/// text (the nouns are borrowed from the text or the lexicon, as the mentions' are).
#[derive(Debug, Default)]
struct CorefIndex<'m> {
    last_by_lemma: std::collections::HashMap<Cow<'m, str>, usize, pos::WordBuildHasher>,
    by_value: std::collections::HashMap<(Cow<'m, str>, ValueKey), usize, pos::WordBuildHasher>,
}

/// A timex value as its TIMEX3 string, kept inline when short (all but freak values), so
/// that a coreference key costs no allocation. Two keys are equal when their strings are.
#[derive(Debug, PartialEq, Eq, Hash)]
enum ValueKey {
    Inline(u8, [u8; VALUE_KEY_INLINE]),
    Long(String),
}

/// The longest value string a [`ValueKey`] holds inline.
const VALUE_KEY_INLINE: usize = 30;

impl ValueKey {
    fn of(v: &TimexValue) -> ValueKey {
        use std::fmt::Write;
        /// Writes into a fixed buffer; fails when it would overflow.
        struct Buf {
            len: usize,
            bytes: [u8; VALUE_KEY_INLINE],
        }
        impl Write for Buf {
            fn write_str(&mut self, s: &str) -> std::fmt::Result {
                let end = self.len + s.len();
                let slot = self.bytes.get_mut(self.len..end).ok_or(std::fmt::Error)?;
                slot.copy_from_slice(s.as_bytes());
                self.len = end;
                Ok(())
            }
        }
        let mut buf = Buf {
            len: 0,
            bytes: [0; VALUE_KEY_INLINE],
        };
        match (write!(buf, "{v}"), u8::try_from(buf.len)) {
            (Ok(()), Ok(len)) => ValueKey::Inline(len, buf.bytes),
            _ => ValueKey::Long(v.to_string()),
        }
    }
}

impl<'m> CorefIndex<'m> {
    // (The lemma as the mention holds it: cloned, a borrowed one stays borrowed.)
    #[allow(clippy::ptr_arg)]
    fn note(&mut self, lemma: &Cow<'m, str>, event: usize, value: Option<&TimexValue>) {
        match self.last_by_lemma.get_mut(lemma.as_ref()) {
            Some(e) => *e = event,
            None => {
                self.last_by_lemma.insert(lemma.clone(), event);
            }
        }
        if let Some(v) = value {
            self.by_value
                .entry((lemma.clone(), ValueKey::of(v)))
                .or_insert(event);
        }
    }
}

/// The DCT anchor of an event no timex dates: reporting verbs and present-tense news are
/// placed on the article's date.
fn dct_anchor(m: &Mention<'_>, dct: Option<&TimexValue>) -> Option<Anchor> {
    let rel = match (m.class, m.tense) {
        (EventClass::Reporting, Tense::Past | Tense::Present) => RelType::IsIncluded,
        // "has promised": done before the writing.
        (_, Tense::Present)
            if !m.nominal
                && matches!(
                    m.aspect,
                    crate::event::Aspect::Perfective | crate::event::Aspect::PerfectiveProgressive
                ) =>
        {
            RelType::Before
        }
        (_, Tense::Present) if !m.nominal => RelType::Includes,
        (_, Tense::Past) => RelType::Before,
        (_, Tense::Future) => RelType::After,
        _ => return None,
    };
    Some(Anchor {
        target: AnchorTarget::Dct,
        relation: rel,
        value: dct.cloned(),
    })
}

/// How far a clause reaches from its event, in tokens.
const CLAUSE_REACH: usize = 30;

/// The clause around token `i`: the sentence cut at semicolons and dashes.
fn clause_of(cuts: &[usize], range: Range<usize>, i: usize) -> Range<usize> {
    let lo = range.start.max(i.saturating_sub(CLAUSE_REACH));
    let hi = range.end.min(i + CLAUSE_REACH);
    // The clause starts after the last cut in `lo..i`, and ends at the first cut in
    // `i + 1..hi` (a cut at `i` itself counts for neither).
    let a = if i > lo {
        let before = cuts.partition_point(|&c| c < i);
        match before.checked_sub(1).and_then(|k| cuts.get(k)) {
            Some(&c) if c >= lo => c + 1,
            _ => lo,
        }
    } else {
        i
    };
    let b = if i + 1 < hi {
        let after = cuts.partition_point(|&c| c <= i);
        match cuts.get(after) {
            Some(&c) if c < hi => c,
            _ => hi,
        }
    } else {
        i + 1
    };
    a..b
}

/// The tokens of `r` that cut a sentence into clauses: semicolons and dashes.
fn clause_cuts(toks: &[text::Token], r: Range<usize>) -> Vec<usize> {
    let start = r.start;
    toks.get(r)
        .unwrap_or(&[])
        .iter()
        .enumerate()
        .map(|(k, t)| (start + k, t))
        .filter(|(_, t)| {
            matches!(
                t.sym,
                text::Sym::Semicolon
                    | text::Sym::DoubleDash
                    | text::Sym::EmDash
                    | text::Sym::EnDash
            )
        })
        .map(|(k, _)| k)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Clauses from the table of cuts are the clauses found by walking the tokens.
    #[test]
    fn clauses_from_cuts_match_a_token_walk() {
        let text = "A; b c -- d e f g; h — i j k l m n o p q r s t u v w x y z aa bb cc dd ee \
                    ff gg hh ii jj kk ll; mm nn – oo pp qq rr ss tt uu vv ww xx yy zz; end";
        let toks = text::tokenize(text);
        let cuts = clause_cuts(&toks, 0..toks.len());
        let cut = |k: usize| cuts.contains(&k);
        for range in [0..toks.len(), 3..toks.len().saturating_sub(4), 10..12] {
            for i in 0..toks.len() {
                let lo = range.start.max(i.saturating_sub(CLAUSE_REACH));
                let hi = range.end.min(i + CLAUSE_REACH);
                let mut a = i;
                while a > lo && !cut(a - 1) {
                    a -= 1;
                }
                let mut b = i + 1;
                while b < hi && !cut(b) {
                    b += 1;
                }
                assert_eq!(clause_of(&cuts, range.clone(), i), a..b, "{i} in {range:?}");
                // Only the cuts inside the range matter to a token inside it.
                let inside: Vec<usize> =
                    cuts.iter().copied().filter(|c| range.contains(c)).collect();
                if range.contains(&i) {
                    assert_eq!(
                        clause_of(&inside, range.clone(), i),
                        a..b,
                        "{i} in {range:?}"
                    );
                }
            }
        }
        assert!(cuts.len() >= 6);
    }

    /// Coreference keys are equal exactly when the values' strings are.
    #[test]
    fn value_keys_follow_value_strings() {
        let v = |s: &str| s.parse::<TimexValue>().unwrap();
        let values = [
            "2025-03-18",
            "2025-03",
            "P34D",
            "2025-03-18T15:00",
            "XXXX-WXX-1",
            "PRESENT_REF",
        ];
        for a in values {
            for b in values {
                assert_eq!(
                    ValueKey::of(&v(a)) == ValueKey::of(&v(b)),
                    a == b,
                    "{a} {b}"
                );
            }
            assert!(matches!(ValueKey::of(&v(a)), ValueKey::Inline(..)));
        }
    }

    /// A document analysed after others on the same thread (reusing their buffers) gets
    /// the analysis it gets first.
    #[test]
    fn analyses_do_not_depend_on_earlier_documents() {
        let ex = EventExtractor::new();
        let dct = Dct::parse("2025-03-31").ok();
        let a = "Peskov said on Friday that the two leaders spoke by phone on March 18. \
                 Talks are expected in mid-April; the call lasted two hours.";
        let b = "A much longer text, with more tokens than the first one has, (so that the \
                 buffers grow) -- the ministers met, agreed and signed a deal, officials said. \
                 They will meet again next week to discuss the plan and its costs.";
        let first = ex.extract(a, &[], dct.as_ref());
        let _ = ex.extract(b, &[], dct.as_ref());
        let _ = ex.extract("", &[], dct.as_ref());
        assert_eq!(ex.extract(a, &[], dct.as_ref()), first);
        assert!(!first.events.is_empty());
    }

    /// Emptied, the mentions of a document become a list for the pool in the same memory.
    #[test]
    fn emptied_mentions_keep_their_memory() {
        let text = String::from("Peskov said the talks went well.");
        let mut toks = text::tokenize(&text);
        pos::tag_sentence(lexicon(), &text, &mut toks);
        let mut mentions: Vec<Mention<'_>> = Vec::with_capacity(64);
        detect::detect(lexicon(), &text, &toks, 0..toks.len(), 0, &mut mentions);
        assert!(!mentions.is_empty());
        let capacity = mentions.capacity();
        mentions.clear();
        let kept: Vec<Mention<'static>> = mentions.into_iter().map(Mention::into_static).collect();
        assert!(kept.is_empty() && kept.capacity() == capacity);
    }

    #[test]
    fn event_ids_count_from_one() {
        for n in [1usize, 9, 10, 99, 100, 12345, u32::MAX as usize] {
            assert_eq!(event_id(n).to_string(), format!("e{n}"));
            assert_eq!(event_id(n).to_string().parse(), Ok(event_id(n)));
        }
        assert_eq!(event_id(usize::MAX), event_id(u32::MAX as usize));
    }
}
