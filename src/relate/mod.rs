//! Relations between nearby events: which of two events in the same or adjacent sentences
//! comes first.
//!
//! Two sources, the stronger first:
//! - their dates: two events anchored on ("on", "in") dates that do not overlap are ordered by
//!   them, and so are an event before the document date and one after it;
//! - the way they are told: a table learned from annotated news (`table.rs`, written by
//!   `scripts/learn_relations.py`) gives the usual order of two events from their sentence
//!   distance, the signal word between them ("after", "before", "when", "that"…) and each
//!   one's class, tense and aspect ("X happened. … officials said" — the happening comes first;
//!   "he said that they had left" — the leaving does). A most-specific-first back-off keeps
//!   rare combinations answered by coarser ones.
//!
//! What the table gives is a likely order, not a certainty: the links carry
//! [`Provenance::Narrative`], which the timeline does not turn into constraints.

mod table;

use crate::annotation::{Endpoint, Link, Provenance};
use crate::event::{Aspect, Event, EventClass, RelType, Tense};
use crate::value::TimexValue;

use table::PAIR_TABLE;

/// The relations the table predicts, by index.
const RELS: [Option<RelType>; 4] = [
    Some(RelType::Before),
    Some(RelType::After),
    Some(RelType::Simultaneous),
    None, // vague: no link
];

/// Signal words between two events of one sentence, as the learning script numbers them
/// (index 0: none).
const SIGNALS: [&str; 13] = [
    "", "after", "before", "when", "while", "since", "until", "because", "then", "that", "to",
    "and", "but",
];

/// Back-off levels: which of the seven features (signal, class 1, tense 1, aspect 1, class 2,
/// tense 2, aspect 2) each level keeps, most specific first, as in the learning script.
const LEVELS: [[bool; 7]; 7] = [
    [true, true, true, true, true, true, true],
    [true, true, true, false, true, true, false],
    [true, true, false, false, true, false, false],
    [false, true, true, true, true, true, true],
    [false, true, true, false, true, true, false],
    [false, true, false, false, true, false, false],
    [false; 7],
];

/// How many events after an event are looked at for a partner (a bound on the work per
/// event; partners lie within two sentences anyway).
const MAX_PARTNERS: usize = 24;

fn class_code(c: EventClass) -> u32 {
    match c {
        EventClass::Occurrence => 0,
        EventClass::Reporting => 1,
        EventClass::State => 2,
        EventClass::IAction => 3,
        EventClass::IState => 4,
        EventClass::Aspectual => 5,
        EventClass::Perception => 6,
    }
}

fn tense_code(t: Tense) -> u32 {
    match t {
        Tense::None => 0,
        Tense::Past => 1,
        Tense::Present => 2,
        Tense::Future => 3,
        Tense::Infinitive => 4,
        Tense::Prespart => 5,
        Tense::Pastpart => 6,
    }
}

fn aspect_code(a: Aspect) -> u32 {
    match a {
        Aspect::None => 0,
        Aspect::Perfective => 1,
        Aspect::Progressive => 2,
        Aspect::PerfectiveProgressive => 3,
    }
}

/// The table key of a pair at a back-off level.
fn key(level: usize, dist: u32, feats: &[u32; 7]) -> u32 {
    let mut k = level as u32;
    k = (k << 1) | dist;
    for (f, keep) in feats.iter().zip(LEVELS[level]) {
        k = (k << 4) | if keep { *f } else { 0 };
    }
    k
}

/// A direct-mapped memo of [`learned`] for one document: a text repeats the same few
/// feature combinations, and each miss costs several binary searches.
struct Memo {
    slots: Vec<(u32, u8)>,
}

impl Memo {
    const SIZE: usize = 1024;
    /// Marks an empty slot (no real key has all bits set: the level never exceeds 6).
    const EMPTY: u32 = u32::MAX;

    fn new() -> Memo {
        Memo {
            slots: vec![(Memo::EMPTY, 0); Memo::SIZE],
        }
    }

    fn get(&mut self, dist: u32, feats: &[u32; 7]) -> Option<RelType> {
        let k = key(0, dist, feats);
        let slot = (k.wrapping_mul(0x9E37_79B9) >> 22) as usize % Memo::SIZE;
        let (sk, sv) = self.slots[slot];
        let code = if sk == k {
            sv
        } else {
            let v = learned(dist, feats).map_or(u8::MAX, rel_code);
            self.slots[slot] = (k, v);
            v
        };
        RELS.get(usize::from(code)).copied().flatten()
    }
}

fn rel_code(r: RelType) -> u8 {
    RELS.iter()
        .position(|x| *x == Some(r))
        .map_or(u8::MAX, |i| i as u8)
}

/// The learned relation of the earlier event to the later one, most specific key first.
fn learned(dist: u32, feats: &[u32; 7]) -> Option<RelType> {
    (0..LEVELS.len()).find_map(|level| {
        let k = key(level, dist, feats);
        PAIR_TABLE
            .binary_search_by_key(&k, |e| e.0)
            .ok()
            .map(|i| RELS.get(usize::from(PAIR_TABLE[i].1)).copied().flatten())
    })?
}

/// A sentence ends in `text[from..to]`: a `.`, `!` or `?` (closing quotes and brackets
/// allowed) followed by white space and a capital letter or digit (opening quotes allowed),
/// or a blank line; not a period after an abbreviation ("U.S.", "Mr."). The same rule as
/// the learning script's.
fn sentence_breaks(text: &[u8], from: usize, to: usize) -> u32 {
    let to = to.min(text.len());
    let mut n = 0;
    let mut i = from;
    while i < to {
        match text[i] {
            b'.' if abbreviation_before(text, i) => i += 1,
            b'.' | b'!' | b'?' => {
                let mut j = i + 1;
                while j < text.len() && matches!(text[j], b'"' | b'\'' | b')') {
                    j += 1;
                }
                let ws = j;
                while j < text.len() && text[j].is_ascii_whitespace() {
                    j += 1;
                }
                if j > ws {
                    while j < text.len() && matches!(text[j], b'"' | b'\'' | b'(') {
                        j += 1;
                    }
                    if j < text.len() && (text[j].is_ascii_uppercase() || text[j].is_ascii_digit())
                    {
                        n += 1;
                    }
                }
                i = j.max(i + 1);
            }
            b'\n' => {
                let mut j = i + 1;
                while j < to && text[j].is_ascii_whitespace() && text[j] != b'\n' {
                    j += 1;
                }
                if j < to && text[j] == b'\n' {
                    n += 1;
                    while j < to && text[j].is_ascii_whitespace() {
                        j += 1;
                    }
                }
                i = j.max(i + 1);
            }
            _ => i += 1,
        }
    }
    n
}

/// For each event (sorted by trigger), the first signal word after it in its sentence: where
/// it starts and its code (`usize::MAX` and 0 when there is none). One pass over the text.
fn first_signals(text: &[u8], events: &[Event]) -> Vec<(usize, u32)> {
    let mut out = vec![(usize::MAX, 0); events.len()];
    // Events still waiting for a signal: `waiting..next`.
    let mut waiting = 0;
    let mut next = 0;
    let mut i = events
        .first()
        .map_or(text.len(), |e| e.trigger.end)
        .min(text.len());
    while i < text.len() {
        let b = text[i];
        if b.is_ascii_alphabetic() {
            let start = i;
            while i < text.len() && text[i].is_ascii_alphabetic() {
                i += 1;
            }
            while next < events.len() && events[next].trigger.end <= start {
                next += 1;
            }
            if waiting < next {
                let code = signal(text, start, i);
                if code != 0 {
                    for slot in &mut out[waiting..next] {
                        *slot = (start, code);
                    }
                    waiting = next;
                }
            } else if next == events.len() {
                break;
            }
        } else {
            if matches!(b, b'.' | b'!' | b'?' | b'\n') {
                while next < events.len() && events[next].trigger.end <= i {
                    next += 1;
                }
                waiting = next;
            }
            i += 1;
        }
    }
    out
}

/// The word ending just before the period at `i` is an abbreviation: one to three letters
/// starting with a capital ("Mr", "Gov"), or letters with inner periods ("U.S").
fn abbreviation_before(text: &[u8], i: usize) -> bool {
    let mut j = i;
    let mut dotted = false;
    while j > 0 && (text[j - 1].is_ascii_alphabetic() || text[j - 1] == b'.') {
        dotted |= text[j - 1] == b'.';
        j -= 1;
    }
    let w = &text[j..i];
    !w.is_empty() && (dotted || (w.len() <= 3 && w[0].is_ascii_uppercase()))
}

/// The first signal word in `text[from..to]` (0: none).
fn signal(text: &[u8], from: usize, to: usize) -> u32 {
    let to = to.min(text.len());
    let mut i = from.min(to);
    while i < to {
        if !text[i].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let start = i;
        while i < text.len() && text[i].is_ascii_alphabetic() {
            i += 1;
        }
        let w = &text[start..i];
        // Every signal word has 2 to 7 letters and starts with one of these.
        if !(2..=7).contains(&w.len())
            || !matches!(w[0] | 0x20, b'a' | b'b' | b'w' | b's' | b'u' | b't')
        {
            continue;
        }
        if let Some(k) = SIGNALS
            .iter()
            .skip(1)
            .position(|s| w.eq_ignore_ascii_case(s.as_bytes()))
        {
            return k as u32 + 1;
        }
    }
    0
}

/// The interval an event is placed on by its anchor, when it lies on ("on", "in") a date.
fn placed(e: &Event) -> Option<(chrono::NaiveDateTime, chrono::NaiveDateTime)> {
    let a = e.anchor.as_ref()?;
    if !matches!(
        a.relation,
        RelType::IsIncluded | RelType::Simultaneous | RelType::During
    ) {
        return None;
    }
    match a.value.as_ref()? {
        v @ (TimexValue::Date(_) | TimexValue::Time(..)) => {
            let iv = v.interval()?;
            Some((iv.start, iv.end))
        }
        _ => None,
    }
}

/// Adds to an annotation the relations between its nearby events (same or adjacent
/// sentence), each from the earlier event to the later: by their dates when both are placed
/// on days that do not overlap ([`Provenance::Inferred`]), else by how such events are
/// usually told ([`Provenance::Narrative`]). `text` is the annotated document's text.
///
/// ```
/// use eventline::{relate_events, Dct, Document, Endpoint, Extractor, Provenance, RelType};
/// let text = "A bomb exploded near the embassy. Police said two people were hurt.";
/// let doc = Document::new(text).with_dct(Dct::parse("2025-03-31")?);
/// let mut ann = Extractor::new().extract(&doc);
/// relate_events(doc.text(), &mut ann);
/// let id = |w: &str| ann.events.iter().find(|e| e.text == w).map(|e| e.id);
/// let (exploded, said) = (id("exploded").unwrap(), id("said").unwrap());
/// let link = ann
///     .links
///     .iter()
///     .find(|l| l.source == Endpoint::Event(exploded) && l.target == Endpoint::Event(said))
///     .unwrap();
/// assert_eq!((link.relation, link.provenance), (RelType::Before, Provenance::Narrative));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn relate_events(text: &str, ann: &mut crate::annotation::Annotation) {
    let links = event_links(text, &ann.events);
    ann.links.extend(links);
}

/// Links between nearby events (same or adjacent sentence), each from the earlier event to
/// the later: by their dates when both are placed on dates that do not overlap, else by the
/// learned table. `events` must be sorted by trigger.
pub(crate) fn event_links(text: &str, events: &[Event]) -> Vec<Link> {
    let bytes = text.as_bytes();
    let grammar: Vec<[u32; 3]> = events
        .iter()
        .map(|e| {
            [
                class_code(e.class),
                tense_code(e.tense),
                aspect_code(e.aspect),
            ]
        })
        .collect();
    let dates: Vec<_> = events.iter().map(placed).collect();
    // Sentence breaks before each event, counted from the first (one pass over the text), and
    // the first signal word after each event with where it starts.
    let mut sentence = Vec::with_capacity(events.len());
    let mut n = 0;
    let mut from = 0;
    for e in events {
        let to = e.trigger.start.max(from);
        n += sentence_breaks(bytes, from, to);
        sentence.push(n);
        from = e.trigger.end.max(to);
    }
    let signals = first_signals(bytes, events);
    let mut memo = Memo::new();
    let mut out = Vec::new();
    for (i, a) in events.iter().enumerate() {
        for (j, b) in events.iter().enumerate().skip(i + 1).take(MAX_PARTNERS) {
            if b.trigger.start < a.trigger.end {
                continue;
            }
            let dist = sentence[j] - sentence[i];
            if dist > 1 {
                break;
            }
            let by_date = match (dates[i], dates[j]) {
                (Some((_, ae)), Some((bs, _))) if ae <= bs => Some(RelType::Before),
                (Some((as_, _)), Some((_, be))) if be <= as_ => Some(RelType::After),
                // One before the document date, the other after it.
                _ => match (a.dct_relation, b.dct_relation) {
                    (Some(RelType::Before), Some(RelType::After)) => Some(RelType::Before),
                    (Some(RelType::After), Some(RelType::Before)) => Some(RelType::After),
                    _ => None,
                },
            };
            let (relation, provenance) = match by_date {
                Some(r) => (r, Provenance::Inferred),
                None => {
                    let (at, code) = signals[i];
                    let sig = if dist == 0 && at < b.trigger.start {
                        code
                    } else {
                        0
                    };
                    let [c1, t1, a1] = grammar[i];
                    let [c2, t2, a2] = grammar[j];
                    match memo.get(dist, &[sig, c1, t1, a1, c2, t2, a2]) {
                        Some(r) => (r, Provenance::Narrative),
                        None => continue,
                    }
                }
            };
            out.push(Link {
                source: Endpoint::Event(a.id),
                target: Endpoint::Event(b.id),
                relation,
                provenance,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_and_its_relations_known() {
        assert!(PAIR_TABLE.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(PAIR_TABLE.iter().all(|e| usize::from(e.1) < RELS.len()));
        // The coarsest level answers every distance.
        let none = [0; 7];
        for dist in 0..2 {
            let k = key(LEVELS.len() - 1, dist, &none);
            assert!(PAIR_TABLE.binary_search_by_key(&k, |e| e.0).is_ok());
        }
    }

    #[test]
    fn sentence_breaks_follow_the_learning_rule() {
        let t = b"He left. \"They came,\" she said. the end? No.\n\nNext";
        assert_eq!(sentence_breaks(t, 0, t.len()), 3);
        assert_eq!(sentence_breaks(b"U.S. officials met", 0, 18), 0);
        assert_eq!(
            sentence_breaks(b"the U.S. President and Mr. Smith met", 0, 36),
            0
        );
        assert_eq!(sentence_breaks(b"in 3.5 hours", 0, 12), 0);
    }

    #[test]
    fn signals_are_whole_words() {
        let t = b" the day after that";
        assert_eq!(signal(t, 0, t.len()), 1);
        assert_eq!(signal(b" thatcher left", 0, 14), 0);
        assert_eq!(SIGNALS[signal(b" said that", 0, 10) as usize], "that");
    }

    #[test]
    fn the_memo_answers_as_the_table() {
        let mut memo = Memo::new();
        for sig in 0..3 {
            for c in 0..7 {
                for t in 0..7 {
                    let f = [sig, c, t, 0, 1, 1, 0];
                    for dist in 0..2 {
                        assert_eq!(memo.get(dist, &f), learned(dist, &f));
                        assert_eq!(memo.get(dist, &f), learned(dist, &f));
                    }
                }
            }
        }
    }

    #[test]
    fn reported_events_come_before_the_report() {
        // "X happened … officials said": a past occurrence and a later past report.
        let feats = [
            0,
            class_code(EventClass::Occurrence),
            tense_code(Tense::Past),
            0,
            class_code(EventClass::Reporting),
            tense_code(Tense::Past),
            0,
        ];
        assert_eq!(learned(1, &feats), Some(RelType::Before));
    }
}
