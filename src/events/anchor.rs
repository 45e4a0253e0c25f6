//! Linking timexes to the events they date, and events to the document date.

use std::ops::Range;

use super::detect::Mention;
use super::pos::Tag;
use super::tables::{mark, signal, AHEAD_WORDS};
use super::text::{marked, with_lower, Sym, TokIndex, Token, TokenKind, U32Table};
use crate::document::Dct;
use crate::event::{Aspect, EventClass, RelType, Tense};
use crate::timex::{Timex, TimexKind};
use crate::value::{RefValue, TimexValue};

/// A relation "mention REL timex" found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TimexLink {
    /// Index into the mentions.
    pub mention: usize,
    /// Index into the timexes.
    pub timex: usize,
    /// The relation.
    pub rel: RelType,
    /// Stated by a signal word (rather than by adjacency).
    pub stated: bool,
    /// Inferred from the story's continuity rather than from the timex's own clause: it
    /// places the event but says nothing of its tense or its coreference.
    pub weak: bool,
}

std::thread_local! {
    /// The memory of this thread's last list of links (see [`super::text::Pool`]).
    pub(crate) static LINK_POOL: super::text::Pool<TimexLink> =
        const { super::text::Pool::new(super::text::MAX_KEPT_TOKENS / 2) };
}

/// Where each timex sits in the token stream.
#[derive(Debug, Clone)]
pub(crate) struct TimexPos {
    pub first: usize,
    pub last: usize,
    pub sent: usize,
}

fn word<'a>(text: &'a str, t: &Token) -> &'a str {
    text.get(t.span()).unwrap_or("")
}

/// Finds the token positions of sorted timexes (None for a timex that covers no token),
/// as far as the sentences of the text are known.
#[derive(Debug, Default)]
pub(crate) struct Locator {
    /// The first token of the last timex located.
    first: usize,
    /// Its sentence.
    sent: usize,
}

impl Locator {
    /// Locates the timexes from `pos.len()` on, pushing their positions to `pos`, up to
    /// the first one that starts at token `covered` or later: the sentences `sents`
    /// partition the tokens before `covered` (all of them, when `covered` is their number).
    pub(crate) fn run(
        &mut self,
        toks: &[Token],
        sents: &[Range<usize>],
        covered: usize,
        timexes: &[Timex],
        pos: &mut Vec<Option<TimexPos>>,
    ) {
        // Sorted timexes move both searches forward: each starts where the last one ended.
        while let Some(tx) = timexes.get(pos.len()) {
            let first = forward_partition(toks, self.first, |t| t.end() <= tx.span.start);
            if first >= toks.len() || toks[first].start() >= tx.span.end {
                self.first = first;
                pos.push(None);
                continue;
            }
            if first >= covered {
                break;
            }
            self.first = first;
            let mut last = first;
            while last + 1 < toks.len() && toks[last + 1].start() < tx.span.end {
                last += 1;
            }
            // The sentences partition the tokens, in order.
            self.sent = forward_partition(sents, self.sent, |r| r.end <= first);
            pos.push(Some(TimexPos {
                first,
                last,
                sent: Some(self.sent).filter(|&s| s < sents.len()).unwrap_or(0),
            }));
        }
    }
}

/// The partition point of `pred` in `items` (true, then false), found by walking forward
/// from `from` when the point lies there or later, else by a binary search.
fn forward_partition<T>(items: &[T], from: usize, pred: impl Fn(&T) -> bool) -> usize {
    let before_holds = from == 0 || items.get(from - 1).is_some_and(&pred);
    if !before_holds || from > items.len() {
        return items.partition_point(pred);
    }
    let mut k = from;
    while items.get(k).is_some_and(&pred) {
        k += 1;
    }
    k
}

/// One segment of the text: a run of whole sentences that the event stage reads at once
/// (see [`super::EventExtractor`]). Tokens, sentences, timexes and mentions keep their
/// numbers in the whole text.
#[derive(Debug, Clone)]
pub(crate) struct Segment {
    /// The tokens.
    pub toks: Range<usize>,
    /// The sentences.
    pub sents: Range<usize>,
    /// The timexes whose first token lies in the segment (with those among them that cover
    /// no token).
    pub timexes: Range<usize>,
    /// The first of the segment's mentions: the segment's mentions are the last ones found.
    pub mentions: usize,
}

/// What the passes over timexes and sentences carry from one segment to the next: each
/// reads the story in text order, and the story does not stop at a segment's end.
#[derive(Debug)]
pub(crate) struct Story {
    /// The timexes already claimed by a distributive list (which may reach the first
    /// tokens of the next segment).
    done: Vec<bool>,
    /// The relation each timex's signal word states ([`signal_of`]), for the timexes of
    /// the segments read so far and of the first tokens after them.
    signals: Vec<(RelType, bool)>,
    /// Whether each timex is a day of the news (0 not read yet, 1 no, 2 yes).
    news_day: Vec<u8>,
    /// The story's reference day so far (timex, sentence), and the next timex to read for it.
    reference: Option<(usize, usize)>,
    reference_next: usize,
    /// The last date named in a sentence before the current mention, and the next timex
    /// to read for it.
    last_dated: Option<usize>,
    fallback_next: usize,
    /// The sentence whose reporting verb came before the current mention.
    reported_in: Option<usize>,
    /// The number of the last inset ([`insets`]).
    inset_id: u32,
    /// The article's lead date (the first date of its first sentences), and whether it is
    /// recent news: read once, for the whole text.
    lead: Option<usize>,
    lead_is_recent: bool,
}

impl Story {
    /// The state before the first segment of a text with these timexes.
    pub(crate) fn new(
        timexes: &[Timex],
        pos: &[Option<TimexPos>],
        dct: Option<chrono::NaiveDate>,
    ) -> Story {
        let lead = pos.iter().enumerate().find_map(|(ti, p)| {
            let p = p.as_ref()?;
            (p.sent <= LEAD_SENTENCES && timexes.get(ti).is_some_and(is_dated)).then_some(ti)
        });
        let lead_is_recent =
            lead.is_none_or(
                |ti| match (dct, timexes.get(ti).and_then(|t| t.value.interval())) {
                    (Some(dct), Some(iv)) => (dct - iv.end.date()).num_days() <= LEAD_RECENT_DAYS,
                    _ => true,
                },
            );
        Story {
            done: vec![false; timexes.len()],
            signals: vec![(RelType::IsIncluded, false); timexes.len()],
            news_day: vec![0; timexes.len()],
            reference: None,
            reference_next: 0,
            last_dated: None,
            fallback_next: 0,
            reported_in: None,
            inset_id: 0,
            lead,
            lead_is_recent,
        }
    }
}

/// A number for each token of a window of the text (the tokens `base..base + len`); a
/// token outside the window has none.
struct Window {
    base: usize,
    table: U32Table,
}

impl Window {
    /// A table for the tokens `r`, all `fill`.
    fn new(r: Range<usize>, fill: u32) -> Window {
        Window {
            base: r.start,
            table: U32Table::new(r.len(), fill),
        }
    }

    /// The number at token `k`.
    #[inline]
    fn get(&self, k: usize) -> Option<u32> {
        // (A token before the window wraps around to an index beyond it.)
        self.table.get(k.wrapping_sub(self.base)).copied()
    }

    /// The number at token `k`, to change.
    #[inline]
    fn get_mut(&mut self, k: usize) -> Option<&mut u32> {
        self.table.get_mut(k.wrapping_sub(self.base))
    }
}

/// The relation "event REL timex" that the words around timex `ti` state: its signal word
/// ([`rel_for`]); an amount right after its verb is how long the verb's event lasts
/// ("lasted two months", "spent six days"), not when it only measures what follows
/// ("follows months of talks", "took three months to complete"); a range written with a
/// dash ("3–4 May 1941", "1914–1918") is begun by its first date and ended by its second.
/// It depends on the timex and its neighbours only, so each segment reads it for its own.
fn signal_of(
    text: &str,
    toks: &[Token],
    timexes: &[Timex],
    pos: &[Option<TimexPos>],
    ti: usize,
) -> (RelType, bool) {
    let Some(tx) = timexes.get(ti) else {
        return (RelType::IsIncluded, false);
    };
    let p = pos.get(ti).and_then(Option::as_ref);
    let mut signal = rel_for(text, toks, p.map_or(0, |p| p.first), tx);
    if let Some(p) = p {
        if tx.kind == TimexKind::Duration && !signal.1 {
            let verb_before = p
                .first
                .checked_sub(1)
                .and_then(|b| toks.get(b))
                .is_some_and(|t| t.tag.is_verb());
            let measures_next = toks
                .get(p.last + 1)
                .is_some_and(|t| with_lower(text, t, |w| matches!(w, "of" | "to")));
            if verb_before && !measures_next {
                signal = (RelType::During, false);
            }
        }
    }
    let dashed = |a: usize, b: usize| {
        let (Some(Some(pa)), Some(Some(pb))) = (pos.get(a), pos.get(b)) else {
            return false;
        };
        pb.first == pa.last + 2
            && toks
                .get(pa.last + 1)
                .is_some_and(|t| matches!(word(text, t), "-" | "–" | "—"))
            && timexes.get(a).is_some_and(is_dated)
            && timexes.get(b).is_some_and(is_dated)
    };
    if dashed(ti, ti + 1) {
        (RelType::BegunBy, true)
    } else if ti > 0 && dashed(ti - 1, ti) {
        (RelType::EndedBy, true)
    } else {
        signal
    }
}

/// Links every timex of the segment `seg` to the event that governs it: a noun it
/// modifies ("a weekend interview"), else the nearest event of its sentence, with the
/// relation its signal word gives. Distributive lists ("two calls — one on February 12 and
/// another on March 18") create new mentions for the elided nouns, appended to `mentions`
/// (and to `elided_of`, which holds an entry for each mention appended: the mention it
/// stands for; and entered in `mention_of_tok`, the mention at each token, which the
/// caller fills for the segment's mentions). The links name mentions and timexes by their numbers in the text;
/// `story` carries what the text told before the segment.
#[allow(clippy::too_many_arguments)]
pub(crate) fn link_timexes(
    text: &str,
    toks: &[Token],
    sents: &[Range<usize>],
    seg: &Segment,
    mentions: &mut Vec<Mention>,
    timexes: &[Timex],
    pos: &[Option<TimexPos>],
    elided_of: &mut Vec<Option<usize>>,
    mention_of_tok: &mut TokIndex,
    story: &mut Story,
    dct: Option<chrono::NaiveDate>,
) -> Vec<TimexLink> {
    let m0 = seg.mentions;
    let mut links = super::text::taken(&LINK_POOL);
    links.reserve(2 * mentions.len().saturating_sub(m0));
    // Token → timex (by first token) table keeps every step local: the segment's tokens and
    // the few after them where a verb near its end looks for a time of its own.
    let ahead = (seg.toks.end + OWN_TIME_REACH).min(toks.len());
    let mut timex_at = TokIndex::over(seg.toks.start..ahead.max(seg.toks.start));
    // The relation each timex's signal word states (read once: several steps ask).
    for ti in seg.timexes.start..timexes.len() {
        match pos.get(ti) {
            Some(Some(p)) if p.first >= ahead => break,
            Some(Some(p)) => {
                timex_at.set(p.first, u32::try_from(ti).ok());
                if let Some(s) = story.signals.get_mut(ti) {
                    *s = signal_of(text, toks, timexes, pos, ti);
                }
            }
            _ => {}
        }
    }
    // (Held here while the segment is read, given back to `story` at the end.)
    let mut done = std::mem::take(&mut story.done);
    let signals = std::mem::take(&mut story.signals);
    let mention_at = |table: &TokIndex, tok: usize| table.at(tok).map(|i| i as usize);
    let inset = insets(
        text,
        toks,
        sents,
        seg,
        mentions,
        mention_of_tok,
        &mut story.inset_id,
    );
    let inset_of = |tok: usize| inset.get(tok).unwrap_or(0);
    // Governing verbs that hand their timex to the event they govern.
    // (By mention of the segment, from `m0`.)
    let mut declined = vec![false; mentions.len().saturating_sub(m0)];

    // Distributive lists after a plural eventive noun.
    let n0 = mentions.len();
    for mi in m0..n0 {
        let (m_tok, m_sent) = (mentions[mi].tok, mentions[mi].sent);
        if !mentions[mi].nominal || mentions[mi].tag != Tag::Nns {
            continue;
        }
        let Some(range) = sents.get(m_sent) else {
            continue;
        };
        let mut k = m_tok + 1;
        let mut items = 0;
        let stop = range.end.min(m_tok + LIST_REACH);
        while k < stop {
            if marked(text, &toks[k], mark::DISTRIBUTIVE) {
                // "one on February 12", "another on March 18", "the second in April".
                let mut j = k + 1;
                if j < range.end && toks[j].tag == Tag::In {
                    j += 1;
                }
                let tx = mention_at(&timex_at, j).or_else(|| mention_at(&timex_at, j + 1));
                if let Some(ti) = tx.filter(|&ti| !done[ti]) {
                    let rel = match pos[ti] {
                        Some(_) => signals[ti],
                        None => rel_for(text, toks, j, &timexes[ti]),
                    };
                    let target = if items == 0 {
                        mi
                    } else {
                        let mut nm = mentions[mi].clone();
                        nm.tok = k;
                        nm.tag = toks[k].tag;
                        mentions.push(nm);
                        elided_of.push(Some(mi));
                        mention_of_tok.set(k, u32::try_from(mentions.len() - 1).ok());
                        mentions.len() - 1
                    };
                    links.push(TimexLink {
                        mention: target,
                        timex: ti,
                        rel: rel.0,
                        stated: rel.1,
                        weak: false,
                    });
                    done[ti] = true;
                    items += 1;
                }
            } else if toks[k].tag.is_verb() && mention_at(mention_of_tok, k).is_some() {
                break;
            }
            k += 1;
        }
    }

    // The tokens that hold a mention, in order (the table no longer changes below), and
    // the separators before each token, so that a distance costs no walk over its tokens.
    let mut mention_toks: Vec<usize> = mentions
        .get(m0..)
        .unwrap_or(&[])
        .iter()
        .map(|m| m.tok)
        .collect();
    mention_toks.sort_unstable();
    mention_toks.dedup();
    // (Counted from the segment's start: only differences within a sentence are read.)
    let mut separators_before = Window::new(seg.toks.start..seg.toks.end + 1, 0);
    let mut seps = 0u32;
    let seg_toks = toks.get(seg.toks.clone()).unwrap_or(&[]);
    for (slot, t) in separators_before.table.iter_mut().skip(1).zip(seg_toks) {
        seps += u32::from(is_separator(t));
        *slot = seps;
    }
    // The first mention at or after a window's start: windows move forward with the timexes.
    let mut cursor = 0;
    let separators = |a: usize, b: usize| -> i32 {
        match (separators_before.get(a), separators_before.get(b)) {
            (Some(x), Some(y)) => y.saturating_sub(x) as i32,
            _ => 0,
        }
    };
    // A time in the clause a verb at `tok` heads, before the next verb event or a
    // separator: "… and released in the United States on June 29".
    let time_in_clause = |tok: usize, end: usize| {
        let stop = end.min(tok + CLAUSE_TIME_REACH).min(toks.len());
        for (k, t) in toks.iter().enumerate().take(stop).skip(tok + 1) {
            if timex_at.at(k).is_some() {
                return true;
            }
            if is_separator(t) || (t.tag.is_verb() && mention_at(mention_of_tok, k).is_some()) {
                return false;
            }
        }
        false
    };
    for ti in seg.timexes.clone() {
        if done.get(ti).copied().unwrap_or(true) {
            continue;
        }
        let Some(p) = &pos[ti] else { continue };
        let Some(range) = sents.get(p.sent) else {
            continue;
        };
        // Pre-nominal: "a weekend interview", "Tuesday's vote", "the March 18 call".
        let mut k = p.last + 1;
        if k < range.end && with_lower(text, &toks[k], |w| matches!(w, "'s" | "’s")) {
            k += 1;
        }
        // A signal word right before the timex, inside its sentence.
        let has_signal = p.first > range.start && signals[ti].1;
        let mut found = None;
        if !has_signal {
            let mut j = k;
            while j < range.end && j <= k + 2 {
                if let Some(mi) = mention_at(mention_of_tok, j) {
                    if mentions[mi].nominal {
                        found = Some(mi);
                    }
                    break;
                }
                if !matches!(toks[j].tag, Tag::Jj | Tag::Nn | Tag::Nnp | Tag::Vbn) {
                    break;
                }
                j += 1;
            }
        }
        if let Some(mi) = found {
            let rel = RelType::IsIncluded;
            links.push(TimexLink {
                mention: mi,
                timex: ti,
                rel,
                stated: false,
                weak: false,
            });
            continue;
        }
        // The nearest event of the sentence, verbs preferred, commas count as distance.
        let mut best = Nearest::NONE;
        let mut best_verb = Nearest::NONE;
        let mut best_right = Nearest::NONE;
        let mut best_left = Nearest::NONE;
        let window = p.first.saturating_sub(LINK_REACH).max(range.start)
            ..(p.last + 1 + LINK_REACH).min(range.end);
        if cursor > 0
            && mention_toks
                .get(cursor - 1)
                .is_some_and(|&k| k >= window.start)
        {
            cursor = mention_toks.partition_point(|&k| k < window.start);
        }
        while mention_toks.get(cursor).is_some_and(|&k| k < window.start) {
            cursor += 1;
        }
        let in_window = mention_toks.get(cursor..).unwrap_or(&[]);
        for &tok in in_window.iter().take_while(|&&k| k < window.end) {
            if tok >= p.first && tok <= p.last {
                continue;
            }
            let Some(mi) = mention_at(mention_of_tok, tok) else {
                continue;
            };
            // A relative clause, a parenthesis or a trailing ", X said" keeps its timexes.
            if inset_of(tok) != inset_of(p.first) {
                continue;
            }
            let m = &mentions[mi];
            let left = m.tok < p.first;
            let (a, b) = if left {
                (m.tok, p.first)
            } else {
                (p.last, m.tok)
            };
            // A verb after "and" begins a clause of its own: the time before the
            // conjunction is the first clause's ("resigned as CEO in August 2011 and died on
            // October 5").
            let conjoined = !left
                && !m.nominal
                && toks
                    .get(p.last + 1..m.tok)
                    .is_some_and(|between| between.iter().any(|t| t.tag == Tag::Cc));
            let cost = (b - a) as i32
                + 3 * separators(a, b)
                + i32::from(m.nominal)
                + i32::from(m.tok > p.last + 1)
                + 3 * i32::from(conjoined);
            best.offer(true, cost, mi);
            best_verb.offer(!m.nominal, cost, mi);
            best_right.offer(m.tok > p.last, cost, mi);
            best_left.offer(left, cost, mi);
        }
        let (best, best_verb, best_right, best_left) = (
            best.get(),
            best_verb.get(),
            best_right.get(),
            best_left.get(),
        );
        let (rel, stated) = signals[ti];
        // "A new round of talks is expected in mid-April": the time is the expected
        // thing's, the event noun the attitude verb is about.
        if let Some((_, v)) = best.filter(|b| !mentions[b.1].nominal) {
            // A moved event takes place at its new time ("postponed until Tuesday": on
            // Tuesday, not until then).
            let subject = attitude_subject(text, toks, mentions, mention_of_tok, v)
                .map(|s| (s, rel))
                .or_else(|| {
                    moved_subject(text, toks, mentions, mention_of_tok, v, p.first)
                        .map(|s| (s, RelType::IsIncluded))
                });
            if let Some((subject, rel)) = subject {
                if let Some(d) = v.checked_sub(m0).and_then(|i| declined.get_mut(i)) {
                    *d = true;
                }
                links.push(TimexLink {
                    mention: subject,
                    timex: ti,
                    rel,
                    stated,
                    weak: false,
                });
                continue;
            }
        }
        // "[ten days] before the shooting": the event after the timex follows it.
        let rel_of = |mi: usize| {
            let duration = counted_duration(&timexes[ti]);
            post_signal(text, toks, p.last, range.end, mentions[mi].tok, duration)
                .unwrap_or((rel, stated))
        };
        if let Some((_, mi)) = best {
            let (rel, stated) = rel_of(mi);
            links.push(TimexLink {
                mention: mi,
                timex: ti,
                rel,
                stated,
                weak: false,
            });
            // Coordinated verbs share the adjunct: "[Last week], fighters killed three
            // soldiers and wounded two".
            if !mentions[mi].nominal {
                for c in coordinated(text, toks, mentions, mention_of_tok, mi, range.end) {
                    // Not when the second verb has a time of its own, before it or right
                    // after it ("reopened in 1948, and since the 1960s it has hosted …",
                    // "flew out Tuesday and got back Thursday").
                    let c_tok = mentions[c].tok;
                    let own_time = (mentions[mi].tok + 1..c_tok + OWN_TIME_REACH)
                        .any(|k| k != p.first && k != c_tok && timex_at.at(k).is_some())
                        || time_in_clause(c_tok, range.end);
                    if own_time {
                        continue;
                    }
                    let (rel, stated) = rel_of(c);
                    links.push(TimexLink {
                        mention: c,
                        timex: ti,
                        rel,
                        stated,
                        weak: false,
                    });
                }
            }
        }
        // A timex modifying a noun of a clause also dates the clause's verb ("told a news
        // conference on Tuesday").
        if let (Some((_, a)), Some((cv, v))) = (best, best_verb) {
            if a != v && cv <= GOVERNING_REACH {
                let (rel, stated) = rel_of(v);
                links.push(TimexLink {
                    mention: v,
                    timex: ti,
                    rel,
                    stated,
                    weak: false,
                });
            }
        }
        // The nearest event on the other side, when close ("met [Friday] to discuss").
        for side in [best_left, best_right].into_iter().flatten() {
            let taken = |b: Option<(i32, usize)>| b.is_some_and(|b| b.1 == side.1);
            if !taken(best) && !taken(best_verb) && side.0 <= SIDE_REACH {
                // Not across ", and" / ", but": another clause ("reopened in 1948, and
                // since [the 1960s] it has hosted").
                let m_tok = mentions[side.1].tok;
                let (a, b) = if m_tok < p.first {
                    (m_tok, p.first)
                } else {
                    (p.last, m_tok)
                };
                let clause_break = comma_conjunction(text, toks, a + 1..b);
                // Nor to an event with a time of its own right after it ("flew out
                // [Tuesday] and got back Thursday").
                let own_time = m_tok > p.last
                    && ((m_tok + 1..m_tok + OWN_TIME_REACH).any(|k| timex_at.at(k).is_some())
                        || time_in_clause(m_tok, range.end));
                if clause_break || own_time {
                    continue;
                }
                let (rel, stated) = rel_of(side.1);
                links.push(TimexLink {
                    mention: side.1,
                    timex: ti,
                    rel,
                    stated,
                    weak: false,
                });
            }
        }
    }
    // Reference time: a sentence without a date of its own continues the story at the last
    // day the text named; its main event (first past-tense verb) is placed on that day.
    // (By sentence of the segment, from `s0`.)
    let s0 = seg.sents.start;
    let mut sent_has_date = vec![false; seg.sents.len()];
    for ti in seg.timexes.clone() {
        if let Some(Some(p)) = pos.get(ti) {
            if matches!(timexes[ti].kind, TimexKind::Date | TimexKind::Time) {
                if let Some(b) = p
                    .sent
                    .checked_sub(s0)
                    .and_then(|s| sent_has_date.get_mut(s))
                {
                    *b = true;
                }
            }
        }
    }
    let mut first_past: Vec<Option<usize>> = vec![None; seg.sents.len()];
    for (mi, m) in mentions.iter().enumerate().skip(m0) {
        if !m.nominal && m.tense == Tense::Past {
            if let Some(slot) = m.sent.checked_sub(s0).and_then(|s| first_past.get_mut(s)) {
                if slot.is_none_or(|o| mentions[o].tok > m.tok) {
                    *slot = Some(mi);
                }
            }
        }
    }
    // The events an amount of time already places (by mention of the segment).
    let mut measured = vec![false; mentions.len().saturating_sub(m0)];
    for l in &links {
        if timexes[l.timex].kind == TimexKind::Duration {
            if let Some(m) = l.mention.checked_sub(m0).and_then(|i| measured.get_mut(i)) {
                *m = true;
            }
        }
    }
    // (timex, sentence)
    let mut reference: Option<(usize, usize)> = story.reference;
    let mut next_tx = story.reference_next;
    for (si, has_date) in seg.sents.clone().zip(&sent_has_date) {
        // (The timexes after the segment's may not be located yet: none is before `si`.)
        while let Some(p) = pos.get(next_tx) {
            match p {
                Some(p) if p.sent < si => {
                    let t = &timexes[next_tx];
                    if is_day_reference(t) {
                        reference = Some((next_tx, p.sent));
                    } else if is_dated(t) && !matches!(t.value, TimexValue::Ref(_)) {
                        // A coarser date moves the story away from the last day ("In a
                        // weekend interview …").
                        reference = None;
                    }
                    next_tx += 1;
                }
                None => next_tx += 1,
                _ => break,
            }
        }
        if *has_date {
            continue;
        }
        let Some((rt, rs)) = reference else { continue };
        if si > rs + REFERENCE_REACH {
            continue;
        }
        if let Some(mi) = first_past.get(si - s0).copied().flatten() {
            // A statement is made on the day of the article or the day before: a reporting
            // verb takes the story's day only when it is one of those.
            if mentions[mi].class == EventClass::Reporting && !is_news_day(&timexes[rt], dct) {
                continue;
            }
            // An event placed by an amount of time of its own ("Within weeks the front
            // collapsed", "[two days] later Japan attacked") is not on the story's day.
            if mi
                .checked_sub(m0)
                .and_then(|i| measured.get(i))
                .copied()
                .unwrap_or(false)
            {
                continue;
            }
            links.push(TimexLink {
                mention: mi,
                timex: rt,
                rel: story_relation(&mentions[mi]),
                stated: false,
                weak: false,
            });
        }
    }
    (story.reference, story.reference_next) = (reference, next_tx);
    (story.done, story.signals) = (done, signals);
    split_repeated(
        text, toks, m0, mentions, timexes, pos, elided_of, &mut links,
    );
    fallback_links(
        text, toks, sents, seg, mentions, timexes, pos, story, dct, &inset, &declined, &mut links,
    );
    links
}

/// Items grouped by a key below a bound, each group in the order the items came:
/// `items[start[k]..start[k + 1]]` for key `k` (two passes, no map).
struct Groups {
    start: Vec<usize>,
    items: Vec<usize>,
}

impl Groups {
    /// Groups `(key, item)` pairs; keys at or beyond `keys` are dropped.
    fn new(keys: usize, pairs: impl Iterator<Item = (usize, usize)> + Clone) -> Groups {
        let mut start = vec![0usize; keys + 1];
        for (k, _) in pairs.clone() {
            if let Some(c) = start.get_mut(k + 1) {
                *c += 1;
            }
        }
        for k in 1..start.len() {
            start[k] += start[k - 1];
        }
        let mut items = vec![0usize; start.last().copied().unwrap_or(0)];
        let mut fill = start.clone();
        for (k, item) in pairs {
            if let Some(slot) = fill.get_mut(k).and_then(|f| {
                let at = *f;
                *f += 1;
                items.get_mut(at)
            }) {
                *slot = item;
            }
        }
        Groups { start, items }
    }

    /// The items of key `k`, in order.
    fn of(&self, k: usize) -> &[usize] {
        match (self.start.get(k), self.start.get(k + 1)) {
            (Some(&a), Some(&b)) => self.items.get(a..b).unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// One verb placed on two coordinated days that cannot be one occurrence ("they had spoken
/// twice, on February 12 and March 18"): each later day gets a copy of the event, as the
/// elided nouns of a distributive list do. (The links are those of the segment whose
/// mentions start at `m0`.)
#[allow(clippy::too_many_arguments)]
fn split_repeated(
    text: &str,
    toks: &[Token],
    m0: usize,
    mentions: &mut Vec<Mention>,
    timexes: &[Timex],
    pos: &[Option<TimexPos>],
    elided_of: &mut Vec<Option<usize>>,
    links: &mut [TimexLink],
) {
    let day_of = |ti: usize| {
        let iv = timexes.get(ti)?.value.interval()?;
        (iv.end - iv.start <= chrono::Duration::days(1)).then(|| iv.start.date())
    };
    // Two timexes joined by "and" or a comma (and perhaps "on"): "February 12 and March 18".
    let coordinated = |a: usize, b: usize| match (pos.get(a), pos.get(b)) {
        (Some(Some(x)), Some(Some(y))) if y.first > x.last && y.first - x.last <= 3 => {
            toks.get(x.last + 1..y.first).is_some_and(|between| {
                between
                    .iter()
                    .all(|t| matches!(word(text, t), "," | "and" | "on" | "then"))
            })
        }
        _ => false,
    };
    // The last day each verb mention was placed on, by a link of its own clause.
    // (`u32::MAX` for none; by mention of the segment.)
    let n = mentions.len();
    let mut placed = U32Table::new(n.saturating_sub(m0), u32::MAX);
    for l in links.iter_mut() {
        let (mi, b) = (l.mention, l.timex);
        if l.weak || l.rel != RelType::IsIncluded || mi >= n || mentions[mi].nominal {
            continue;
        }
        let Some(slot) = mi.checked_sub(m0).and_then(|i| placed.get_mut(i)) else {
            continue;
        };
        let before = std::mem::replace(slot, u32::try_from(b).unwrap_or(u32::MAX));
        if before == u32::MAX {
            continue;
        }
        let a = before as usize;
        if !coordinated(a, b) {
            continue;
        }
        // Days more than one apart: not one event lasting from the first to the second.
        let (Some(da), Some(db)) = (day_of(a), day_of(b)) else {
            continue;
        };
        if (db - da).num_days().abs() <= 1 {
            continue;
        }
        let copy = mentions[mi].clone();
        mentions.push(copy);
        elided_of.push(Some(mi));
        l.mention = mentions.len() - 1;
    }
}

/// Links for the events that no timex claimed: an event of a sentence with a timex is
/// placed by the nearest one of its clause; an event of a sentence with none continues the
/// story at the last date named before it, and at the article's lead date.
#[allow(clippy::too_many_arguments)]
fn fallback_links(
    text: &str,
    toks: &[Token],
    sents: &[Range<usize>],
    seg: &Segment,
    mentions: &[Mention],
    timexes: &[Timex],
    pos: &[Option<TimexPos>],
    story: &mut Story,
    dct: Option<chrono::NaiveDate>,
    inset: &Window,
    declined: &[bool],
    links: &mut Vec<TimexLink>,
) {
    // (Tables by mention of the segment count from `m0`, by sentence from `s0`, by timex
    // from `t0`.)
    let (m0, s0, t0) = (seg.mentions, seg.sents.start, seg.timexes.start);
    let signals = &story.signals;
    // The timex each verb event is dated by (its first), by token.
    // (`u32::MAX` for none; a timex index beyond `u32` is never looked up as one.)
    let mut verb_event = Window::new(seg.toks.clone(), u32::MAX);
    for l in links.iter().rev() {
        if let Some(m) = mentions.get(l.mention).filter(|m| !m.nominal) {
            if let Some(b) = verb_event.get_mut(m.tok) {
                *b = u32::try_from(l.timex).unwrap_or(u32::MAX);
            }
        }
    }
    let mut linked = vec![false; mentions.len().saturating_sub(m0)];
    for l in links.iter() {
        if let Some(b) = l.mention.checked_sub(m0).and_then(|i| linked.get_mut(i)) {
            *b = true;
        }
    }
    // The tokens of the verb events each timex of the segment dates, by timex (a few, near
    // the timex).
    let dated_verb = |l: &TimexLink| {
        let m = mentions.get(l.mention).filter(|m| !m.nominal)?;
        let v = verb_event.get(m.tok)?;
        (v != u32::MAX && v as usize == l.timex).then_some(m.tok)
    };
    let dated_verbs = Groups::new(
        seg.timexes.len(),
        links
            .iter()
            .filter_map(|l| Some((l.timex.checked_sub(t0)?, dated_verb(l)?))),
    );
    // Whether each timex is a day of the news (0 not read yet, 1 no, 2 yes).
    let news_day = std::cell::RefCell::new(std::mem::take(&mut story.news_day));
    let is_news = |ti: usize| -> bool {
        let mut memo = news_day.borrow_mut();
        match memo.get(ti).copied() {
            Some(0) => {
                let yes = timexes.get(ti).is_some_and(|t| is_news_day(t, dct));
                if let Some(slot) = memo.get_mut(ti) {
                    *slot = 1 + u8::from(yes);
                }
                yes
            }
            Some(v) => v == 2,
            None => false,
        }
    };
    // Timexes of each sentence of the segment, in text order.
    let sent_timexes = Groups::new(
        seg.sents.len(),
        seg.timexes.clone().filter_map(|ti| {
            let p = pos.get(ti)?.as_ref()?;
            Some((p.sent.checked_sub(s0)?, ti))
        }),
    );
    let (lead, lead_is_recent) = (story.lead, story.lead_is_recent);
    let mut order: Vec<usize> = (m0..mentions.len()).collect();
    order.sort_by_key(|&i| mentions[i].tok);
    let mut last_dated = story.last_dated;
    let mut next_tx = story.fallback_next;
    let mut sent_present = vec![0u8; seg.sents.len()];
    // The sentence whose reporting verb came before the current mention ("Peskov said the
    // Kremlin continued to work …": what is said is told from the day of saying).
    let mut reported_in = story.reported_in;
    for mi in order {
        let m = &mentions[mi];
        let reported = reported_in == Some(m.sent);
        if m.class == EventClass::Reporting && !m.nominal && !reported {
            reported_in = Some(m.sent);
        }
        while let Some(p) = pos.get(next_tx) {
            match p {
                Some(p) if p.sent < m.sent => {
                    // ("the first win there since 2006": a point of comparison, not the
                    // story's time.)
                    let since = signals.get(next_tx) == Some(&(RelType::BegunBy, true));
                    if is_dated(&timexes[next_tx]) && !since {
                        last_dated = Some(next_tx);
                    } else if moves_story(text, toks, &timexes[next_tx], p.last) {
                        // ("In 1903 she shared the prize. Three years later, Pierre was
                        // killed. She succeeded him": not in 1903.)
                        last_dated = None;
                    }
                    next_tx += 1;
                }
                None => next_tx += 1,
                _ => break,
            }
        }
        let (is_linked, is_declined) = match mi.checked_sub(m0) {
            Some(i) => (linked.get(i), declined.get(i)),
            None => (None, None),
        };
        if is_linked.copied().unwrap_or(false) || is_declined.copied().unwrap_or(false) {
            continue;
        }
        // "Trump expressed frustration on Sunday, saying …": a participle of saying is
        // part of the statement its clause's verb makes, and shares its time.
        if m.class == EventClass::Reporting && m.tense == Tense::Prespart {
            let from = sents.get(m.sent).map_or(m.tok, |r| r.start);
            let head = (from..m.tok)
                .rev()
                .find_map(|k| verb_event.get(k).filter(|&v| v != u32::MAX));
            if let Some(ti) = head.map(|v| v as usize).filter(|&ti| ti < timexes.len()) {
                links.push(TimexLink {
                    mention: mi,
                    timex: ti,
                    rel: RelType::IsIncluded,
                    stated: false,
                    weak: false,
                });
                continue;
            }
        }
        let own = m
            .sent
            .checked_sub(s0)
            .map_or(&[][..], |s| sent_timexes.of(s));
        if !own.is_empty() {
            // The nearest timex of the sentence: a few on each side, within reach (the
            // timexes of a sentence are in text order).
            let at = own.partition_point(|&ti| pos[ti].as_ref().is_some_and(|p| p.first < m.tok));
            let near = own
                .get(
                    at.saturating_sub(FALLBACK_CANDIDATES)
                        ..(at + FALLBACK_CANDIDATES).min(own.len()),
                )
                .unwrap_or(&[]);
            let reporting = m.class == EventClass::Reporting;
            let best = near
                .iter()
                .filter_map(|&ti| {
                    let p = pos[ti].as_ref()?;
                    // A statement is dated by its own day, not by the times it reports
                    // ("said the plan, approved on Feb. 23, would…").
                    if reporting && !is_news(ti) {
                        return None;
                    }
                    if inset.get(m.tok) != inset.get(p.first) {
                        return None;
                    }
                    let (a, b) = if m.tok < p.first {
                        (m.tok, p.first)
                    } else {
                        (p.last, m.tok)
                    };
                    if b - a > LINK_REACH {
                        return None;
                    }
                    // A verb event in between that the timex dates heads the timex's own
                    // clause ("attacked the town, and the army responded on Friday"; "Born
                    // in Warsaw, she moved to Paris in 1891": the participle opening the
                    // sentence is a clause of its own).
                    let fronted = sents.get(m.sent).is_some_and(|r| r.start == m.tok)
                        && matches!(m.tag, Tag::Vbn | Tag::Vbd);
                    let beyond_comma = |k: usize| {
                        fronted
                            && toks
                                .get(a + 1..k)
                                .is_some_and(|between| between.iter().any(|t| t.sym == Sym::Comma))
                    };
                    let dated = || ti.checked_sub(t0).map_or(&[][..], |t| dated_verbs.of(t));
                    // (Nor across a subordinator that sets the dated verb's clause apart from
                    // the event's: "lost ground after Apple introduced the iPhone in 2007".)
                    if !m.nominal
                        && dated().iter().any(|&k| {
                            a < k
                                && k < b
                                && (beyond_comma(k)
                                    || comma_conjunction(text, toks, a + 1..b)
                                    || (m.tok < k && subordinated(text, toks, m.tok + 1..k)))
                        })
                    {
                        return None;
                    }
                    Some((b - a, ti))
                })
                .min();
            // A statement with no day of its own in the sentence falls through to the
            // story's day below.
            if let Some((_, ti)) = best {
                let last = pos[ti].as_ref().map_or(0, |p| p.last);
                let end = sents.get(m.sent).map_or(0, |r| r.end);
                let (rel, stated) = if timexes[ti].kind == TimexKind::Set {
                    (RelType::IsIncluded, false)
                } else {
                    let duration = counted_duration(&timexes[ti]);
                    post_signal(text, toks, last, end, m.tok, duration)
                        .unwrap_or_else(|| signals[ti])
                };
                // A signal word states the relation, unless it is a plain "on"/"in" that
                // belongs to the timex's own verb and the event is a perfect ("announced
                // on March 25 that both sides had agreed"); otherwise the tense gives it.
                let rel = match story_relation(m) {
                    RelType::Before if rel == RelType::IsIncluded => RelType::Before,
                    _ if stated => rel,
                    r => r,
                };
                links.push(TimexLink {
                    mention: mi,
                    timex: ti,
                    rel,
                    stated,
                    weak: true,
                });
            }
            if best.is_some() || !reporting {
                continue;
            }
        }
        let reporting = m.class == EventClass::Reporting;
        let ahead = m.nominal && announced_ahead(text, toks, m.tok);
        // A sentence told in the present ("There are no plans for a new call") speaks of
        // the article's day, not of the story's last date.
        // (The lead's date only when it is recent news: a history's first date is no date
        // of its later events.)
        let cands = [
            last_dated,
            lead.filter(|&t| last_dated != Some(t) && lead_is_recent),
        ];
        if cands.iter().all(Option::is_none) {
            continue;
        }
        let present = match m.tense {
            Tense::Present => !matches!(m.aspect, Aspect::Perfective),
            Tense::None | Tense::Infinitive | Tense::Prespart => {
                // Read once per sentence: 0 unknown, 1 no, 2 yes.
                let at = m.sent.checked_sub(s0).unwrap_or(usize::MAX);
                match sent_present.get(at).copied() {
                    Some(0) => {
                        let p = sents
                            .get(m.sent)
                            .is_some_and(|r| present_sentence(toks, r.clone()));
                        if let Some(slot) = sent_present.get_mut(at) {
                            *slot = 1 + u8::from(p);
                        }
                        p
                    }
                    Some(v) => v == 2,
                    None => false,
                }
            }
            _ => false,
        };
        for ti in cands.into_iter().flatten() {
            // A statement is dated by the story only when the story is today's news; what it
            // reports, not by a story wholly in the past either.
            let past_story = reported && ends_before(&timexes[ti], dct);
            if (reporting || present || past_story) && !is_news(ti) {
                // ("now" stays the article's day for a sentence in the present.)
                if reporting || timexes[ti].value != TimexValue::Ref(RefValue::Present) {
                    continue;
                }
            }
            let rel = if ahead {
                RelType::After
            } else if since_then(
                text,
                toks,
                sents.get(m.sent).map_or(m.tok, |r| r.start),
                m.tok,
            ) {
                // "Since then, the company has concentrated on …": from the last date on.
                RelType::BegunBy
            } else {
                story_relation(m)
            };
            links.push(TimexLink {
                mention: mi,
                timex: ti,
                rel,
                stated: false,
                weak: true,
            });
        }
    }
    story.news_day = news_day.into_inner();
    (story.last_dated, story.fallback_next, story.reported_in) = (last_dated, next_tx, reported_in);
}

/// Whether the timex `tx`, whose last token is `last`, moves the story on from the last date
/// it named by an amount of time ("[Three years] later", "[two weeks] after the vote").
fn moves_story(text: &str, toks: &[Token], tx: &Timex, last: usize) -> bool {
    tx.kind == TimexKind::Duration
        && toks
            .get(last + 1)
            .is_some_and(|t| with_lower(text, t, |w| matches!(w, "later" | "after")))
}

/// A subordinator that puts what follows in another time among the tokens `r` ("after",
/// "before", "because", "until", "although", "if"…).
fn subordinated(text: &str, toks: &[Token], r: std::ops::Range<usize>) -> bool {
    toks.get(r).is_some_and(|r| {
        r.iter().any(|t| {
            with_lower(text, t, |w| {
                matches!(
                    w,
                    "after"
                        | "before"
                        | "because"
                        | "until"
                        | "although"
                        | "though"
                        | "if"
                        | "unless"
                )
            })
        })
    })
}

/// "since then" or "since that time" opening the sentence from token `from`, before the
/// event at `to` (the last date named begins what follows).
fn since_then(text: &str, toks: &[Token], from: usize, to: usize) -> bool {
    (from..to.min(from + SINCE_THEN_REACH)).any(|k| {
        toks.get(k)
            .is_some_and(|t| with_lower(text, t, |w| w == "since"))
            && toks
                .get(k + 1)
                .is_some_and(|t| with_lower(text, t, |w| matches!(w, "then" | "that")))
    })
}

/// How far into its sentence "since then" is looked for ("And ever since then, …").
const SINCE_THEN_REACH: usize = 4;

/// A comma and a conjunction among the tokens `r` (", and", ", but"): a new clause.
fn comma_conjunction(text: &str, toks: &[Token], r: std::ops::Range<usize>) -> bool {
    toks.get(r).is_some_and(|r| {
        // (A comma's mark is read from the token: only the text "," is `Sym::Comma`.)
        r.windows(2).any(|p| {
            p[0].sym == Sym::Comma
                && with_lower(text, &p[1], |w| {
                    matches!(w, "and" | "but" | "while" | "whereas")
                })
        })
    })
}

/// The sentence `r` (token range) is told in the present ("There are no plans", "Officials
/// say", "A call can be arranged"): it has a present-tense verb or a modal, and no past
/// verb.
fn present_sentence(toks: &[Token], r: std::ops::Range<usize>) -> bool {
    let mut present = false;
    for t in toks.get(r).into_iter().flatten() {
        match t.tag {
            Tag::Vbd => return false,
            // A modal speaks of now or of what may come ("a conversation can be organised
            // quickly").
            Tag::Vbz | Tag::Vbp | Tag::Md => present = true,
            _ => {}
        }
    }
    present
}

/// A nominal event announced as ahead: "the next Putin-Trump call", "the upcoming summit".
fn announced_ahead(text: &str, toks: &[Token], tok: usize) -> bool {
    let mut k = tok;
    for _ in 0..5 {
        if k == 0 {
            return false;
        }
        k -= 1;
        let t = &toks[k];
        if with_lower(text, t, |w| AHEAD_WORDS.contains(&w)) {
            return true;
        }
        if !(matches!(t.tag, Tag::Nn | Tag::Nnp | Tag::Jj) || word(text, t) == "-") {
            return false;
        }
    }
    false
}

/// The nearest mention to a timex found so far, by cost (`i32::MAX` for none: a cost is a
/// few tokens). A candidate replaces it only when strictly nearer, so the first of equals
/// stays; the choice is made without a branch, as the nearer side is unpredictable.
#[derive(Debug, Clone, Copy)]
struct Nearest {
    cost: i32,
    mention: usize,
}

impl Nearest {
    /// No mention yet.
    const NONE: Nearest = Nearest {
        cost: i32::MAX,
        mention: usize::MAX,
    };

    /// Takes the mention `mention` at `cost` if it qualifies (`ok`) and is nearer.
    #[inline]
    fn offer(&mut self, ok: bool, cost: i32, mention: usize) {
        let take = ok & (cost < self.cost);
        self.cost = if take { cost } else { self.cost };
        self.mention = if take { mention } else { self.mention };
    }

    /// The cost and the mention, if any was taken.
    #[inline]
    fn get(self) -> Option<(i32, usize)> {
        (self.cost != i32::MAX).then_some((self.cost, self.mention))
    }
}

/// Punctuation that separates a timex from an event farther than the token distance says
/// (one bit test: commas are frequent and unpredictable, so no branch).
#[inline]
fn is_separator(t: &Token) -> bool {
    is_separator_sym(t.sym)
}

/// [`is_separator`] of a mark.
#[inline]
fn is_separator_sym(sym: Sym) -> bool {
    (SEPARATOR_BITS >> (sym as u32)) & 1 != 0
}

/// The separators.
const SEPARATORS: [Sym; 6] = [
    Sym::Comma,
    Sym::Semicolon,
    Sym::DoubleDash,
    Sym::EmDash,
    Sym::OpenParen,
    Sym::CloseParen,
];

/// [`SEPARATORS`], one bit per mark (by its discriminant: there are fewer than 32).
const SEPARATOR_BITS: u32 = {
    let mut bits = 0u32;
    let mut k = 0;
    while k < SEPARATORS.len() {
        bits |= 1 << (SEPARATORS[k] as u32);
        k += 1;
    }
    bits
};

/// Marks the tokens of the insets of each sentence, which keep their timexes to
/// themselves: a relative clause after a comma (", who took office on January 20,"), a
/// parenthesis, a dash-delimited aside, and a trailing reporting clause (", Peskov said.").
/// Each inset gets its own number, counted on from `id` (the last number of the text
/// before the segment `seg`); the main clause is 0.
fn insets(
    text: &str,
    toks: &[Token],
    sents: &[Range<usize>],
    seg: &Segment,
    mentions: &[Mention],
    mention_of_tok: &TokIndex,
    id: &mut u32,
) -> Window {
    let mut out = Window::new(seg.toks.clone(), 0);
    let sym = |k: usize| toks.get(k).map_or(Sym::Other, |t| t.sym);
    for r in sents.get(seg.sents.clone()).unwrap_or(&[]) {
        let end = r.end.min(toks.len());
        let mut k = r.start;
        while k < end {
            let opener = match sym(k) {
                Sym::OpenParen => Some(Sym::CloseParen),
                Sym::Comma
                    if toks.get(k + 1).is_some_and(|t| {
                        with_lower(text, t, |w| RELATIVE_OPENERS.contains(&w))
                    }) =>
                {
                    Some(Sym::Comma)
                }
                s @ (Sym::DoubleDash | Sym::EmDash) if k > r.start => Some(s),
                _ => None,
            };
            let Some(close) = opener else {
                k += 1;
                continue;
            };
            *id = id.saturating_add(1);
            let mut j = k + 1;
            while j < end
                && sym(j) != close
                && !(close == Sym::Comma
                    && matches!(sym(j), Sym::Semicolon | Sym::DoubleDash | Sym::EmDash))
            {
                if let Some(slot) = out.get_mut(j) {
                    *slot = *id;
                }
                j += 1;
            }
            k = j + 1;
        }
        // ", Peskov said." / ", he said Friday." at the end of a sentence.
        let mut last = end;
        while last > r.start
            && toks[last - 1].kind == TokenKind::Punct
            && sym(last - 1) != Sym::Comma
        {
            last -= 1;
        }
        let comma = (last.saturating_sub(TRAILING_REPORT_REACH).max(r.start)..last)
            .rev()
            .find(|&k| sym(k) == Sym::Comma);
        if let Some(c) = comma {
            let said = (c + 1..last).find(|&k| {
                mention_of_tok
                    .at(k)
                    .and_then(|mi| mentions.get(mi as usize))
                    .is_some_and(|m| m.class == EventClass::Reporting && !m.nominal)
            });
            // Nothing eventive after the verb of saying: ", Germany declared war" has an
            // object and is a clause of its own.
            let reporting =
                said.is_some_and(|v| (v + 1..last).all(|k| mention_of_tok.at(k).is_none()));
            let other_verb = (c + 1..last).any(|k| {
                toks[k].tag.is_verb()
                    && mention_of_tok
                        .at(k)
                        .and_then(|mi| mentions.get(mi as usize))
                        .is_some_and(|m| m.class != EventClass::Reporting)
            });
            if reporting && !other_verb && c > r.start {
                *id = id.saturating_add(1);
                for k in c + 1..end {
                    if let Some(slot) = out.get_mut(k) {
                        *slot = *id;
                    }
                }
            }
        }
    }
    out
}

/// Words that open a relative clause after a comma.
const RELATIVE_OPENERS: &[&str] = &["who", "whom", "whose", "which", "where"];

/// How many tokens a trailing reporting clause (", Peskov said.") may have.
const TRAILING_REPORT_REACH: usize = 7;

/// The event noun that an attitude verb ("is expected", "was scheduled", "are planned")
/// has as its subject, when the verb is passive or a copula complement: it takes the
/// verb's timex.
fn attitude_subject(
    text: &str,
    toks: &[Token],
    mentions: &[Mention],
    mention_of_tok: &TokIndex,
    v: usize,
) -> Option<usize> {
    let m = mentions.get(v)?;
    if !matches!(m.class, EventClass::IState | EventClass::IAction) || m.tense == Tense::Infinitive
    {
        return None;
    }
    // A be-auxiliary right before the participle: "is expected", "was scheduled".
    let aux = m.tok.checked_sub(1)?;
    if !with_lower(text, toks.get(aux)?, |w| BE_FORMS.contains(&w)) {
        return None;
    }
    // The subject's head noun: the last nominal event before the auxiliary, within the
    // noun phrase ("a new round of technical talks is expected").
    let mut k = aux;
    let mut steps = 0;
    while k > 0 && steps < SUBJECT_REACH {
        k -= 1;
        steps += 1;
        let t = toks.get(k)?;
        if let Some(mi) = mention_of_tok.at(k) {
            let c = mentions.get(mi as usize)?;
            return c.nominal.then_some(mi as usize);
        }
        if t.kind == TokenKind::Punct || t.tag.is_verb() || t.tag == Tag::Wh {
            return None;
        }
    }
    None
}

/// The event noun that a verb of rescheduling moves to the time right after it: "the
/// meeting was moved to Wednesday", "Vote postponed until Tuesday". The new time is the
/// meeting's, not the moving's.
fn moved_subject(
    text: &str,
    toks: &[Token],
    mentions: &[Mention],
    mention_of_tok: &TokIndex,
    v: usize,
    timex_first: usize,
) -> Option<usize> {
    let m = mentions.get(v)?;
    if m.nominal || !RESCHEDULE_LEMMAS.contains(&m.lemma.as_ref()) {
        return None;
    }
    // The time follows the verb: [particle] to/until/for/till, then the time.
    let mut k = m.tok + 1;
    if toks
        .get(k)
        .is_some_and(|t| with_lower(text, t, |w| matches!(w, "back" | "forward" | "off" | "up")))
    {
        k += 1;
    }
    let lead = toks
        .get(k)
        .is_some_and(|t| with_lower(text, t, |w| matches!(w, "to" | "until" | "till" | "for")));
    if !lead || k + 1 != timex_first {
        return None;
    }
    // The subject: the nominal event just before the verb, or before its auxiliary.
    let mut j = m.tok;
    for _ in 0..3 {
        j = j.checked_sub(1)?;
        if let Some(mi) = mention_of_tok.at(j) {
            let c = mentions.get(mi as usize)?;
            return c.nominal.then_some(mi as usize);
        }
        let t = toks.get(j)?;
        let aux = with_lower(text, t, |w| {
            BE_FORMS.contains(&w) || matches!(w, "has" | "have" | "had")
        });
        if !(aux || t.tag == Tag::Rb) {
            return None;
        }
    }
    None
}

/// How many tokens after a coordinated verb a time of its own is looked for.
const OWN_TIME_REACH: usize = 4;

/// How many tokens after a verb the time of its own clause is looked for.
const CLAUSE_TIME_REACH: usize = 12;

/// Lemmas of the verbs that move an event to a new time.
const RESCHEDULE_LEMMAS: &[&str] = &[
    "move",
    "postpone",
    "delay",
    "push",
    "reschedule",
    "defer",
    "adjourn",
    "bring",
    "put",
    "shift",
    "bump",
];

/// Forms of "be" that make a participle passive.
const BE_FORMS: &[&str] = &["is", "are", "was", "were", "be", "been", "being", "'s"];

/// How many tokens before its auxiliary the subject of an attitude verb is looked for.
const SUBJECT_REACH: usize = 6;

/// The relation of an event to the time its story is set at, by tense: a perfect ("had
/// agreed", "has asked") is before it, a future or an infinitive after it, else inside it.
fn story_relation(m: &Mention) -> RelType {
    match (m.tense, m.aspect) {
        (Tense::Past, Aspect::Perfective | Aspect::PerfectiveProgressive) => RelType::Before,
        (Tense::Present, Aspect::Perfective) => RelType::Before,
        (Tense::Future, _) => RelType::After,
        (Tense::Infinitive, _) => RelType::After,
        _ => RelType::IsIncluded,
    }
}

/// How many timexes on each side of an unclaimed event are tried for its placement.
const FALLBACK_CANDIDATES: usize = 3;

/// How long before the document's date the lead's date may lie to still date the story's
/// undated events (older, the text is a history).
const LEAD_RECENT_DAYS: i64 = 366;

/// How many sentences open an article (headline, dateline, lead) and may hold its date.
pub(crate) const LEAD_SENTENCES: usize = 6;

/// A timex that places something on the calendar (a date or a time, not a duration).
fn is_dated(t: &Timex) -> bool {
    matches!(t.kind, TimexKind::Date | TimexKind::Time)
}

/// Verb events coordinated with the verb event `mi` ("killed … and wounded"): same tense,
/// after "and"/"or"/"but" later in the sentence, at most two.
fn coordinated(
    text: &str,
    toks: &[Token],
    mentions: &[Mention],
    mention_of_tok: &TokIndex,
    mi: usize,
    end: usize,
) -> impl Iterator<Item = usize> {
    let m = &mentions[mi];
    // At most two, kept on the stack.
    let mut out = [0usize; 2];
    let mut n = 0;
    let stop = end.min(m.tok + COORDINATION_REACH);
    let mut k = m.tok + 1;
    while k < stop && n < out.len() {
        let t = &toks[k];
        if t.tag.is_verb() && mention_of_tok.at(k).is_some() {
            break; // another verb event before any conjunction: a new clause
        }
        if t.tag == Tag::Cc && with_lower(text, t, |w| matches!(w, "and" | "or" | "but")) {
            let mut j = k + 1;
            while j < stop && (toks[j].tag == Tag::Rb || toks[j].tag == Tag::Md) {
                j += 1;
            }
            match mention_of_tok.at(j).map(|c| c as usize) {
                Some(c) if toks[j].tag.is_verb() && mentions[c].tense == m.tense => {
                    if let Some(slot) = out.get_mut(n) {
                        *slot = c;
                    }
                    n += 1;
                    k = j + 1;
                    continue;
                }
                _ => break,
            }
        }
        if matches!(
            t.sym,
            Sym::Semicolon | Sym::Colon | Sym::DoubleDash | Sym::EmDash
        ) {
            break;
        }
        k += 1;
    }
    out.into_iter().take(n)
}

/// How far after a verb its coordinated verbs are looked for.
const COORDINATION_REACH: usize = 20;

/// How far the nearest event on the other side of a timex may be to be linked too.
const SIDE_REACH: i32 = 12;

/// How many tokens around a timex its event is looked for.
const LINK_REACH: usize = 40;

/// How many tokens after a plural noun its distributive list is looked for.
const LIST_REACH: usize = 40;

/// How many sentences a reference day carries over.
const REFERENCE_REACH: usize = 3;

/// Whether a day is the document's day or the day before.
fn is_news_day(t: &Timex, dct: Option<chrono::NaiveDate>) -> bool {
    let (Some(dct), Some(iv)) = (dct, t.value.interval()) else {
        return false;
    };
    let day = iv.start.date();
    let one_day = iv.end.date() - day == chrono::Duration::days(1);
    // The story's day: the document's, or one of the few days before it (a Friday story
    // filed on Monday).
    one_day && day <= dct && (dct - day).num_days() <= 3
}

/// The timex lies wholly before the document's day.
fn ends_before(t: &Timex, dct: Option<chrono::NaiveDate>) -> bool {
    match (dct, t.value.interval()) {
        (Some(dct), Some(iv)) => iv.end.date() <= dct,
        _ => false,
    }
}

/// A timex that names one day of the story ("Friday", "March 18", "yesterday").
fn is_day_reference(t: &Timex) -> bool {
    t.kind == TimexKind::Date && t.value.granularity() == Some(crate::value::Granularity::Day)
}

/// How far (in tokens, commas counting three) a verb may be from a timex that it governs
/// through a noun.
const GOVERNING_REACH: i32 = 8;

/// A duration with a count ("three days", not "the days" or "weeks"): one that can stand
/// between two events.
fn counted_duration(t: &Timex) -> bool {
    match &t.value {
        TimexValue::Duration(d) => {
            t.kind == TimexKind::Duration && d.parts().iter().all(|(n, _)| n.is_some())
        }
        _ => false,
    }
}

/// The relation "event REL timex" stated by the word right after a timex: "before"/"after"
/// for an event later in the sentence ("the day before the shooting": the shooting is
/// after); with a counted duration, the events at its two ends begin and end it ("[ten
/// days] before the shooting", "[three days] later, Germany declared war").
fn post_signal(
    text: &str,
    toks: &[Token],
    last: usize,
    end: usize,
    event: usize,
    duration: bool,
) -> Option<(RelType, bool)> {
    let k = last + 1;
    if k >= end {
        return None;
    }
    // Most timexes are followed by no signal word: the word is read once, and the clause
    // test below runs only for "later" and "earlier".
    let next = toks.get(k)?;
    // "since August, when they traded at": the clause after "when" is set in the time, the
    // signal before it ("since") is the main clause's.
    let when_at = if matches!(next.sym, Sym::Comma | Sym::EmDash | Sym::DoubleDash) {
        k + 1
    } else {
        k
    };
    if event > when_at
        && toks
            .get(when_at)
            .is_some_and(|t| with_lower(text, t, |w| w == "when"))
    {
        return Some((RelType::IsIncluded, true));
    }
    if next.kind != TokenKind::Word {
        return None;
    }
    // An event before the timex is at its end only within one clause ("took effect [six
    // hours] later", not "ended in May, and in the Pacific [four months] later").
    let same_clause = || {
        event > k
            || toks.get(event + 1..last).is_some_and(|between| {
                !between
                    .iter()
                    .any(|t| matches!(word(text, t), "," | ";" | "and" | "but"))
            })
    };
    with_lower(text, next, |w| match w {
        // An amount of time between two events: the later one ends it ("[Three days] later,
        // Germany declared war"), the earlier one begins it.
        "later" if duration && same_clause() => Some((RelType::Ends, true)),
        "earlier" if duration && same_clause() => Some((RelType::Begins, true)),
        "before" if event > k && duration => Some((RelType::Ends, true)),
        "after" if event > k && duration => Some((RelType::Begins, true)),
        // The clause's own event is at the other end ("became members [less than a decade]
        // after exchanging communist rule").
        "before" if event < k && duration => Some((RelType::Begins, true)),
        "after" if event < k && duration => Some((RelType::Ends, true)),
        "before" if event > k => Some((RelType::After, true)),
        "after" if event > k => Some((RelType::Before, true)),
        _ => None,
    })
}

/// The relation "event REL timex" from the signal word before the timex at token `first`.
fn rel_for(text: &str, toks: &[Token], first: usize, tx: &Timex) -> (RelType, bool) {
    let duration = tx.kind == TimexKind::Duration;
    if let Some(b) = first.checked_sub(1) {
        let Some(t) = toks.get(b) else {
            return (RelType::IsIncluded, false);
        };
        // (A bit of the lexicon entry rules out most words without reading them.)
        if marked(text, t, mark::SIGNAL) {
            if let Some(r) = with_lower(text, t, |w| signal(w, duration)) {
                return (r, true);
            }
        }
        // The end of a range: "from March 3 to March 18", "from 218 to 201 BC", "between
        // 1201 and 1215".
        if !duration && t.kind == TokenKind::Word {
            let opener = with_lower(text, t, |w| match w {
                "to" | "through" | "thru" => Some("from"),
                "and" => Some("between"),
                _ => None,
            });
            if opener.is_some_and(|o| range_opened(text, toks, b, o)) {
                return (RelType::EndedBy, true);
            }
        }
    }
    (RelType::IsIncluded, false)
}

/// The word `opener` ("from", "between") opens a range a few words before the "to" (or
/// "and") at token `b` ("from March 3 to March 18", "between 1201 and 1215").
fn range_opened(text: &str, toks: &[Token], b: usize, opener: &str) -> bool {
    let lo = b.saturating_sub(RANGE_REACH);
    for t in toks.get(lo..b).into_iter().flatten().rev() {
        if t.kind == TokenKind::Punct && word(text, t) != "," {
            return false;
        }
        if with_lower(text, t, |w| w == opener) {
            return true;
        }
    }
    false
}

/// How many tokens before a range's "to" its "from" is looked for.
const RANGE_REACH: usize = 6;

/// The relation of an event to the document date that its tense and aspect assert, if any.
pub(crate) fn dct_relation(m: &Mention, dct_has_time: bool) -> Option<RelType> {
    if m.nominal && m.tense == Tense::None {
        return None;
    }
    match (m.tense, m.aspect) {
        (Tense::Past, _) => {
            if m.class == EventClass::Reporting && dct_has_time {
                Some(RelType::IsIncluded)
            } else {
                Some(RelType::Before)
            }
        }
        (Tense::Present, Aspect::Perfective | Aspect::PerfectiveProgressive) => {
            Some(RelType::Before)
        }
        (Tense::Present, Aspect::Progressive) => Some(RelType::Includes),
        (Tense::Present, Aspect::None) => {
            if m.class == EventClass::Reporting {
                Some(RelType::IsIncluded)
            } else {
                Some(RelType::Includes)
            }
        }
        (Tense::Future, _) => Some(RelType::After),
        // "may visit", "could bring": possible, and later than the writing.
        (Tense::None, _) if m.modality.is_some() && !m.nominal => Some(RelType::After),
        _ => None,
    }
}

/// The relation to the document date that an anchor entails: an event inside (or before) a
/// time that ended before the document's day is before it, and symmetrically after.
pub(crate) fn entailed_dct_relation(rel: RelType, tx: &Timex, dct: &Dct) -> Option<RelType> {
    let iv = tx.value.interval_at(dct.date)?;
    let day = dct.date.and_time(chrono::NaiveTime::MIN);
    let next = dct.date.succ_opt()?.and_time(chrono::NaiveTime::MIN);
    let inside = matches!(
        rel,
        RelType::IsIncluded
            | RelType::During
            | RelType::Simultaneous
            | RelType::Begins
            | RelType::Ends
            | RelType::Identity
    );
    if iv.end <= day && (inside || rel == RelType::Before || rel == RelType::EndedBy) {
        Some(RelType::Before)
    } else if iv.start >= next && (inside || rel == RelType::After || rel == RelType::BegunBy) {
        Some(RelType::After)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bit test of separators agrees with their list, for every mark.
    #[test]
    fn separator_bits_agree_with_the_list() {
        let all = [
            Sym::Comma,
            Sym::Semicolon,
            Sym::Colon,
            Sym::Period,
            Sym::Bang,
            Sym::Question,
            Sym::DoubleDash,
            Sym::EmDash,
            Sym::EnDash,
            Sym::OpenParen,
            Sym::CloseParen,
            Sym::Quote,
            Sym::OpenQuotes,
            Sym::CurlyOpenQuote,
            Sym::Underscore,
            Sym::Other,
        ];
        for s in all {
            assert!((s as u32) < 32, "{s:?}");
            assert_eq!(is_separator_sym(s), SEPARATORS.contains(&s), "{s:?}");
        }
        assert_eq!(all.iter().filter(|&&s| is_separator_sym(s)).count(), 6);
    }

    #[test]
    fn forward_partitions_agree_with_binary_search() {
        let items: Vec<u32> = vec![1, 3, 3, 5, 8, 8, 8, 13, 21];
        for x in 0..25 {
            let want = items.partition_point(|&v| v < x);
            for from in 0..=items.len() + 1 {
                assert_eq!(
                    forward_partition(&items, from, |&v| v < x),
                    want,
                    "{x} from {from}"
                );
            }
        }
        assert_eq!(forward_partition(&[] as &[u32], 0, |&v| v < 3), 0);
    }
}
