//! The temporal tagger: finds TIMEX3 expressions and normalizes them against the document.
//!
//! Pipeline: [`token::tokenize_into`] (one pass over the bytes, each word looked up in the
//! lexicon as it is read) →
//! [`grammar::best_at`] at each token (longest match of the pattern rules, with modifier
//! prefixes) → ranges split into their endpoints → [`resolve::Resolver`] turns each
//! underspecified value into a TIMEX3 value, in text order, so that anaphoric expressions see
//! the dates mentioned before them.

mod grammar;
mod header;
mod lexicon;
mod partial;
mod resolve;
mod token;

use chrono::{Datelike, NaiveDate};

use crate::document::{DocKind, Document};
use crate::timex::{Timex, TimexKind};
use crate::value::TimexValue;

use grammar::{best_at, Cx};
use lexicon::Lexicon;
use partial::{DaySpec, Found, Partial};
use resolve::Resolver;

pub(crate) use header::detect_dct;

/// `w` is the name of a month, or its abbreviation capitalised ("March", "Sept").
pub(crate) fn is_month_name(w: &[u8]) -> bool {
    lexicon::MONTHS.iter().any(|&(name, _, form)| {
        token::eq_lower(w, name)
            && (form == lexicon::MonthForm::Full || w.first().is_some_and(u8::is_ascii_uppercase))
    })
}
pub(crate) use lexicon::Entry as WordEntry;

/// Finds and normalizes temporal expressions (TimeML TIMEX3).
///
/// Build it once and share it: it is immutable, `Send + Sync`, and tagging a document
/// allocates only the document's token list.
///
/// ```
/// use eventline::{Dct, Document, Tagger};
/// let tagger = Tagger::new();
/// let doc = Document::new("The two presidents spoke on February 12 and again last week.")
///     .with_dct(Dct::parse("2025-03-31")?);
/// let found: Vec<String> = tagger
///     .tag(&doc)
///     .iter()
///     .map(|t| format!("{}={}", t.text(doc.text()), t.value))
///     .collect();
/// assert_eq!(found, ["February 12=2025-02-12", "last week=2025-W13"]);
/// Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Tagger {
    lexicon: Lexicon,
}

impl Default for Tagger {
    fn default() -> Self {
        Tagger::new()
    }
}

/// The tokens of a text and their lexicon entries, kept from one segment of a document to
/// the next, and by each thread from one document to the next (up to [`KEPT_TOKENS`]), so
/// that their memory is not allocated and faulted in again for every document.
#[derive(Default)]
struct Buffers {
    toks: Vec<token::Token>,
    lex: Vec<lexicon::Entry>,
}

/// The largest token buffer a thread keeps for its next document (a segment is at most
/// about [`SEGMENT_BYTES`], some 70,000 tokens, and its buffers grow at most to twice that;
/// longer unbroken runs are not kept).
const KEPT_TOKENS: usize = 1 << 18;

std::thread_local! {
    /// This thread's buffers, between two documents.
    static KEPT: std::cell::Cell<Option<Buffers>> = const { std::cell::Cell::new(None) };
}

impl Buffers {
    /// The buffers this thread kept, or new ones.
    fn take() -> Buffers {
        KEPT.try_with(|k| k.take())
            .ok()
            .flatten()
            .unwrap_or_default()
    }

    /// Keeps the buffers for this thread's next document, unless they grew too large.
    fn keep(self) {
        if self.toks.capacity() <= KEPT_TOKENS && self.lex.capacity() <= KEPT_TOKENS {
            // (While the thread is being torn down, the memory is simply freed.)
            let _ = KEPT.try_with(|k| k.set(Some(self)));
        }
    }

    /// Tokenizes `text` into the buffers, replacing what they held, and looks each word up
    /// in `lexicon` as the tokenizer reads it (one pass; the word's bytes still in cache).
    ///
    /// `each` gets every token's span, shifted by `offset`, and the key the tokenizer gives
    /// it (see [`token::tokenize_into`]); it may answer with the word's entry, which then
    /// is not looked up here (see [`Tagger::tag_with_kind_each`]).
    fn fill(
        &mut self,
        text: &str,
        lexicon: &Lexicon,
        offset: usize,
        each: &mut impl FnMut(usize, usize, u128) -> Option<WordEntry>,
    ) {
        self.toks.clear();
        self.lex.clear();
        self.lex.reserve(text.len() / 4 + 16);
        let bytes = text.as_bytes();
        let lex = &mut self.lex;
        token::tokenize_into(text, &mut self.toks, |t, key| {
            if let Some(e) = each(offset + t.start(), offset + t.end(), key) {
                lex.push(e);
                return;
            }
            let e = if key != 0 {
                lexicon.lookup_key(key)
            } else if t.kind == token::TokKind::Word {
                lexicon.lookup_in(bytes, t.start(), t.end())
            } else {
                &lexicon::NO_ENTRY
            };
            // Copied straight from the table, as a one-element slice (fewer instructions
            // than `push` of a copy here, measured).
            lex.extend_from_slice(std::slice::from_ref(e));
        });
    }
}

/// A tagged expression before conversion to a [`Timex`], with the token range kept.
struct Tagged {
    found: Found,
    value: TimexValue,
}

impl Tagger {
    /// Builds the tagger (compiles the lexicon).
    pub fn new() -> Tagger {
        Tagger {
            lexicon: Lexicon::new(),
        }
    }

    /// The lexicon's entry of a lowercase ASCII `word` of up to fifteen letters, as the
    /// scanner's key of the word finds it; `None` for any other word (no key stands for
    /// one).
    pub(crate) fn entry_of_key(&self, word: &str) -> Option<WordEntry> {
        let b = word.as_bytes();
        if !(1..=15).contains(&b.len()) || !b.iter().all(u8::is_ascii_lowercase) {
            return None;
        }
        let key = b
            .iter()
            .enumerate()
            .fold(0u128, |k, (i, &c)| k | (u128::from(c) << (8 * i)));
        Some(*self.lexicon.lookup_key(key))
    }

    /// The lexicon's entry of a word as written in a text.
    #[cfg(test)]
    pub(crate) fn lookup_word(&self, word: &[u8]) -> WordEntry {
        self.lexicon.lookup(word)
    }

    /// Tags a document: the TIMEX3 expressions in its text, sorted by span, not overlapping,
    /// with byte spans on char boundaries.
    ///
    /// Relative expressions are resolved against the document date ([`Document::dct`]) in
    /// news and against the last mentioned date in narratives ([`Document::kind`]); without
    /// a date they stay underspecified (`XXXX-02-12`) or become a vague reference
    /// (`PAST_REF` for "last year").
    pub fn tag(&self, doc: &Document) -> Vec<Timex> {
        self.tag_with_kind(doc).0
    }

    /// [`Tagger::tag`], and the document kind the resolution used (given, or detected from
    /// the tokens of the text's first segment).
    pub(crate) fn tag_with_kind(&self, doc: &Document) -> (Vec<Timex>, DocKind) {
        self.tag_with_kind_each(doc, |_, _, _| None)
    }

    /// [`Tagger::tag_with_kind`], calling `each` with the byte span of every token of the
    /// text, in order, as it is read, and its word key (see [`token::tokenize_into`]), so
    /// that another stage can read the text in the same pass. When `each` answers with an
    /// entry for a word with a key, it must be what [`Tagger::entry_of_key`] gives for the
    /// word: it is used instead of looking the word up again.
    pub(crate) fn tag_with_kind_each(
        &self,
        doc: &Document,
        mut each: impl FnMut(usize, usize, u128) -> Option<WordEntry>,
    ) -> (Vec<Timex>, DocKind) {
        let text = doc.text();
        let dct = doc.dct().map(|d| d.date);
        let mut out = Vec::new();
        let mut resolver = None;
        let mut buffers = Buffers::take();
        // A long text is read a segment at a time, cut at line breaks or sentence ends, so
        // that the token buffers stay small and in cache; the reference time carries over.
        let mut start = 0;
        while start < text.len() {
            let end = segment_end(text, start);
            let seg = text.get(start..end).unwrap_or("");
            self.tag_segment(
                seg,
                start,
                doc.kind_override(),
                dct,
                &mut resolver,
                &mut out,
                &mut buffers,
                &mut each,
            );
            // Room for the rest of the text at the density seen so far, so that the list
            // does not grow by copying, a doubling at a time, through a long text.
            if end < text.len() {
                let expected = out.len().saturating_mul(text.len()) / end.max(1);
                out.reserve(expected.saturating_sub(out.len()));
            }
            start = end;
        }
        buffers.keep();
        let kind = match (&resolver, doc.kind_override()) {
            (_, Some(k)) => k,
            (Some(r), None) if r.is_narrative() => DocKind::Narrative,
            (Some(_), None) => DocKind::News,
            // An empty text: nothing to read the kind from.
            (None, None) => doc.kind(),
        };
        (out, kind)
    }

    /// Tags `text` (a whole document, or the segment of one starting at byte `offset`),
    /// appending to `out_all` with spans shifted by `offset`. The first segment creates the
    /// resolver, with the document kind given or detected from its own tokens; the later
    /// segments share it. The token buffers are `buffers`, emptied first; `each` gets the
    /// tokens as [`Tagger::tag_with_kind_each`] gives them.
    #[allow(clippy::too_many_arguments)]
    fn tag_segment(
        &self,
        text: &str,
        offset: usize,
        kind: Option<DocKind>,
        dct: Option<chrono::NaiveDate>,
        shared: &mut Option<Resolver>,
        out_all: &mut Vec<Timex>,
        buffers: &mut Buffers,
        each: &mut impl FnMut(usize, usize, u128) -> Option<WordEntry>,
    ) {
        buffers.fill(text, &self.lexicon, offset, each);
        let cx = Cx {
            text,
            toks: &buffers.toks,
            lex: &buffers.lex,
        };
        let found = scan(&cx);
        let resolver = shared.get_or_insert_with(|| {
            let kind = kind.unwrap_or_else(|| kind_of(&cx, dct.map(|d| d.year())));
            Resolver::new(dct, kind == DocKind::Narrative)
        });
        let mut out: Vec<Tagged> = Vec::with_capacity(found.len());
        // End of the last expression read as ahead of the document date: a following date of
        // the same sentence with no cue of its own goes the same way ("flying back Sunday
        // night, landing Monday").
        let mut ahead_until: Option<usize> = None;
        for mut f in found {
            let mut tense = if needs_tense(&f.partial) {
                cx.tense(f.start, f.end)
            } else {
                grammar::Tense::None
            };
            if tense == grammar::Tense::None && needs_tense(&f.partial) {
                if let Some(e) = ahead_until {
                    if f.start >= e
                        && f.start - e <= 12
                        && !(e..f.start).any(|i| cx.sentence_break(i))
                    {
                        tense = grammar::Tense::Future;
                    }
                }
            }
            ahead_until = (tense == grammar::Tense::Future).then_some(f.end);
            // "He was soon released": not a future reference.
            if matches!(f.partial, Partial::Ref(crate::value::RefValue::Future))
                && tense.is_past()
                && cx.kw(f.start, lexicon::Kw::Soon)
            {
                continue;
            }
            let comparison = matches!(f.partial, Partial::YearAgo);
            // "its largest drop since the attacks of 11 September 2001": a point of
            // comparison, which does not move the story's reference time either.
            let looks_back = since_before(&cx, f.start);
            // "the year-ago quarter", "last year's quarter" name their quarter; "a year ago"
            // is the year-ago quarter only in a report about a quarter.
            if comparison
                && !cx.kw(f.start, lexicon::Kw::The)
                && !cx.kw(f.start, lexicon::Kw::Last)
                && !cx.quarter_context(f.start, f.end)
            {
                // "a year earlier" counts from the year in focus, "a year ago" from now.
                let article = cx.kw(f.start, lexicon::Kw::A) || cx.kw(f.start, lexicon::Kw::An);
                f.partial = if article && cx.kw(f.end - 1, lexicon::Kw::Earlier) {
                    Partial::Anaphor(lexicon::Unit::Year, -1)
                } else {
                    Partial::RelYear(-1)
                };
            }
            // A bare clock time in a past clause whose verb an earlier sentence placed on a
            // day happened on that day: "was shot to death last Oct. 23 … was shot to death
            // at 10 p.m.".
            if let Partial::Time(DaySpec::Current, tod) = f.partial {
                if tense.is_past() {
                    if let Some(day) = resolver.event_day(cx.clause_verb(f.start, f.end)) {
                        let (y, m, d) = (day.year(), day.month() as u8, day.day() as u8);
                        f.partial = Partial::Time(DaySpec::Date(Some(y), m, d), tod);
                    }
                }
            }
            // A duration or a set is already its value (what the resolver would copy): it is
            // moved out of the match, which keeps only its span and kind from here on.
            let mut value = match &mut f.partial {
                Partial::Duration(d) => TimexValue::Duration(std::mem::replace(
                    d,
                    crate::value::DurationValue::from_parts([]),
                )),
                Partial::Set(v) => {
                    std::mem::replace(v, TimexValue::Ref(crate::value::RefValue::Present))
                }
                _ => resolver
                    .resolve(&f.partial, tense)
                    .unwrap_or_else(|| Resolver::fallback(&f.partial)),
            };
            // "from Monday to Wednesday", "between Dec. 28 and Jan. 3": a range's end does not
            // come before its start.
            let mut range_start = None;
            if let Some(prev) = out.last() {
                if range_pair(&cx, &prev.found, &f) {
                    if let Some(v) = after_range_start(&prev.value, &f.partial, value.clone()) {
                        value = v;
                    }
                    range_start = Some(prev.value.clone());
                }
            }
            // A statement's day a few days after the story's does not move the story
            // there either.
            let report = said_on(&cx, f.start, f.end) && resolver.reports_on_story(&value);
            // Comparison periods ("a year ago") do not move the reference time.
            if !comparison && !looks_back && !report {
                resolver.note(&value);
                if let Some(start) = &range_start {
                    resolver.note_range_start(start);
                }
                if cx.is(f.end, "later") {
                    resolver.advance(&value);
                }
                // The clause's verb is read only for a day worth remembering.
                resolver.note_event_day(|| cx.clause_verb(f.start, f.end), &value);
            }
            out.push(Tagged { found: f, value });
        }
        out_all.extend(out.into_iter().filter_map(|t| {
            let mut x = to_timex(&cx, t)?;
            x.span = x.span.start + offset..x.span.end + offset;
            Some(x)
        }));
    }
}

/// "since" leads the phrase that ends in the expression at token `start` ("since 2001",
/// "since the attacks of 11 September 2001"), within a few words and no punctuation.
fn since_before(cx: &Cx<'_>, start: usize) -> bool {
    let mut k = start;
    while k > 0 && start - k < SINCE_REACH {
        k -= 1;
        if cx.kw(k, lexicon::Kw::Since) {
            return true;
        }
        if !cx.is_word(k) {
            return false;
        }
    }
    false
}

/// A verb of saying right before the expression at tokens `start..end`, which closes its
/// clause ("officials said [Wednesday].", "said on [Thursday],"): the day of a report, which
/// leaves the story's reference time on the day of the events reported when that came
/// shortly before it ("struck late Tuesday, officials said Wednesday. The quake hit at
/// 10:46 p.m.": Tuesday).
fn said_on(cx: &Cx<'_>, start: usize, end: usize) -> bool {
    // ("Police said Thursday that the plane landed at 3 p.m.": what is said is told from the
    // day of saying.)
    if cx.is_word(end) {
        return false;
    }
    let before = |k: usize| k.checked_sub(1);
    let Some(mut k) = before(start) else {
        return false;
    };
    if cx.kw(k, lexicon::Kw::On) {
        let Some(j) = before(k) else { return false };
        k = j;
    }
    cx.cue_word(k, lexicon::Cue::Reporting)
}

/// How many words before an expression "since" is looked for.
const SINCE_REACH: usize = 5;

/// `a` and `b` are the two ends of a range: "from a to b", "between a and b", "a–b", "a
/// through b", "a until b".
fn range_pair(cx: &Cx<'_>, a: &Found, b: &Found) -> bool {
    use lexicon::Kw;
    if b.start != a.end + 1 {
        return false;
    }
    let link = a.end;
    let lead = |k: Kw| a.start > 0 && cx.kw(a.start - 1, k);
    let weekday = |f: &Found| matches!(f.partial, Partial::Day(DaySpec::Weekday(..)));
    // Two weekdays need no "from": "open Monday to Friday".
    let led = lead(Kw::From) || (weekday(a) && weekday(b));
    (cx.kw(link, Kw::To) || cx.kw(link, Kw::Through) || cx.kw(link, Kw::Until)) && led
        || cx.kw(link, Kw::And) && lead(Kw::Between)
        || cx.dash(link)
}

/// The end of a range moved past its start when the text leaves its year or week open: a
/// weekday a week later, a year-less date or month a year later. `None` when nothing moves.
fn after_range_start(start: &TimexValue, end: &Partial, value: TimexValue) -> Option<TimexValue> {
    use crate::value::DateValue;
    let (s, e) = (start.interval()?, value.interval()?);
    if e.start >= s.start {
        return None;
    }
    let shifted = match (end, &value) {
        // "Monday to Friday": the first such weekday from the start on.
        (Partial::Day(DaySpec::Weekday(wd, _)), TimexValue::Date(DateValue::Day(..))) => {
            let from = s.start.date();
            let ahead =
                (i64::from(*wd) - i64::from(from.weekday().number_from_monday())).rem_euclid(7);
            let day = from.checked_add_days(chrono::Days::new(ahead.unsigned_abs()))?;
            TimexValue::Date(DateValue::from_naive_date(day))
        }
        (
            Partial::Day(DaySpec::Date(None, ..)),
            TimexValue::Date(DateValue::Day(Some(y), m, d)),
        ) => {
            NaiveDate::from_ymd_opt(y + 1, (*m).into(), (*d).into())?;
            TimexValue::Date(DateValue::Day(Some(y + 1), *m, *d))
        }
        (Partial::Month(None, _), TimexValue::Date(DateValue::Month(Some(y), m))) => {
            TimexValue::Date(DateValue::Month(Some(y + 1), *m))
        }
        _ => return None,
    };
    (shifted.interval()?.start >= s.start).then_some(shifted)
}

/// Texts up to this size are tagged in one piece; longer ones a segment at a time.
const SEGMENT_BYTES: usize = 256 * 1024;

/// Where the segment starting at `start` ends: the first line break after
/// [`SEGMENT_BYTES`], else the first sentence end, else the first whitespace, else the end
/// of the text. Always a char
/// boundary (the cut is after an ASCII byte).
fn segment_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let from = start.saturating_add(SEGMENT_BYTES);
    if from >= bytes.len() {
        return bytes.len();
    }
    let rest = &bytes[from..];
    let window = &rest[..rest.len().min(64 * 1024)];
    let cut = window
        .iter()
        .position(|&b| b == b'\n')
        .or_else(|| {
            window
                .windows(2)
                .position(|w| w[0] == b'.' && w[1].is_ascii_whitespace())
                .map(|i| i + 1)
        })
        .or_else(|| rest.iter().position(|b| b.is_ascii_whitespace()));
    match cut {
        Some(i) => from + i + 1,
        None => bytes.len(),
    }
}

/// Whether resolving a value depends on the tense around it.
fn needs_tense(p: &Partial) -> bool {
    !matches!(
        p,
        Partial::Year(_)
            | Partial::Decade(_)
            | Partial::Century(_)
            | Partial::Duration(_)
            | Partial::Set(_)
            | Partial::Month(Some(_), _)
            | Partial::Quarter(Some(_), _)
            | Partial::Half(Some(_), _)
            | Partial::Season(Some(_), _)
            | Partial::Day(DaySpec::Date(Some(_), _, _) | DaySpec::OfYear(..))
            | Partial::Time(DaySpec::Date(Some(_), _, _), _)
            | Partial::RelYear(_)
            | Partial::RelMonth(_)
            | Partial::RelWeek(_)
            | Partial::RelQuarter(_)
            | Partial::Anaphor(..)
            | Partial::RefSeason(..)
            | Partial::RefMonth(..)
            | Partial::Ago { .. }
    )
}

/// [`Document::kind`] from the tokens already at hand (same counts, no second pass).
fn kind_of(cx: &Cx<'_>, dct_year: Option<i32>) -> DocKind {
    use lexicon::{Kw, Lex, Unit};
    let mut counts = crate::document::KindCounts::new(dct_year);
    for (i, t) in cx.toks.iter().enumerate() {
        if t.kind == token::TokKind::Num {
            if let (4, Some(y)) = (t.digits, t.num()) {
                counts.year(y as i32);
            }
            continue;
        }
        match cx.lx(i) {
            Some(Lex::Kw(Kw::Today | Kw::Yesterday | Kw::Tomorrow | Kw::Tonight)) => {
                counts.deictic += 1
            }
            // A weekday that opens a full date ("Sunday, 2 September 1666") points at that
            // date, not at the time of writing.
            Some(Lex::Weekday(_, false)) => {
                let k = if cx.p(i + 1, ',') { i + 2 } else { i + 1 };
                let dated = (cx.digits(k) > 0 && cx.digits(k) <= 2) || cx.month(k).is_some();
                if !dated {
                    counts.deictic += 1;
                }
            }
            Some(Lex::Unit(Unit::Week | Unit::Weekend, false)) => {
                let story = i
                    .checked_sub(1)
                    .is_some_and(|p| crate::document::story_lead(cx.bytes(p)));
                if !story {
                    counts.deictic += 1;
                }
            }
            _ => {}
        }
    }
    counts.kind()
}

fn to_timex(cx: &Cx<'_>, t: Tagged) -> Option<Timex> {
    let first = cx.toks.get(t.found.start)?;
    let last = cx.toks.get(t.found.end.checked_sub(1)?)?;
    let span = first.start()..last.end();
    cx.text.get(span.clone())?;
    // Out-of-range values ("in 8000 years", a count of two billion years) are skipped.
    if !t.value.is_valid() {
        return None;
    }
    let kind = match (&t.value, t.found.kind) {
        // Anything anchored on the calendar is a date or time, never a duration.
        (TimexValue::Duration(_), TimexKind::Date | TimexKind::Time) => TimexKind::Duration,
        (TimexValue::Date(_) | TimexValue::Ref(_), TimexKind::Time) => TimexKind::Date,
        (_, k) => k,
    };
    Some(Timex {
        span,
        kind,
        value: t.value,
        modifier: t.found.modifier,
        quant: t.found.quant.map(str::to_owned),
        freq: t.found.freq.map(|n| format!("{n}X")),
    })
}

/// Scans the tokens left to right, keeping the longest match at each position.
fn scan(cx: &Cx<'_>) -> Vec<Found> {
    // News text has an expression every ten to twenty tokens (a range gives two): room
    // for the dense case, so that the list is not copied as it grows.
    let mut out = Vec::with_capacity(cx.len() / 8 + 4);
    let mut i = 0;
    while i < cx.len() {
        if !grammar::candidate(cx, i) {
            i += 1;
            continue;
        }
        let Some(f) = best_at(cx, i) else {
            i += 1;
            continue;
        };
        // A match that reaches back ("a Friday" found at "Friday") never overlaps the last.
        if out.last().is_some_and(|p: &Found| f.start < p.end) {
            i += 1;
            continue;
        }
        i = f.end.max(i + 1);
        // "14–15 April 1912", "14/15 April", "7 and 8 December 1941", "from 3 to 5 May": the
        // first day takes the month and year of the second.
        if let Partial::Day(DaySpec::Date(y, m, d2)) = f.partial {
            let s = f.start;
            let free = out.last().is_none_or(|p: &Found| p.end + 2 <= s);
            // A word joins two days when the second has its year or a preposition of dates
            // leads the first ("on 7 and 8 December", "from 3 to 5 May"; not "scored 3 and
            // 12 June was …").
            let led = s >= 3
                && [lexicon::Kw::On, lexicon::Kw::Between, lexicon::Kw::From]
                    .iter()
                    .any(|&w| cx.kw(s - 3, w));
            let joint = |k: usize| {
                cx.dash(k)
                    || (cx.p(k, '/') && cx.joined(k) && cx.joined(k + 1))
                    || ((y.is_some() || led)
                        && [lexicon::Kw::And, lexicon::Kw::To, lexicon::Kw::Through]
                            .iter()
                            .any(|&w| cx.kw(k, w)))
            };
            // (Not the end of a longer number: "1.5 and 8 June", "3,4 and 5".)
            let lone = |k: usize| !(k > 0 && cx.joined(k) && cx.toks.get(k - 1).is_some());
            if s >= 2 && free && joint(s - 1) && cx.digits(s - 2) <= 2 && lone(s - 2) {
                if let Some(d1) = cx.num(s - 2).filter(|&d| d >= 1 && u32::from(d2) > d) {
                    out.push(Found::new(
                        s - 2,
                        s - 1,
                        TimexKind::Date,
                        Partial::Day(DaySpec::Date(y, m, d1 as u8)),
                    ));
                }
            }
        }
        let second = range_end(cx, &f);
        match second {
            Some((first, second)) => {
                i = second.end.max(i);
                out.push(first);
                out.push(second);
            }
            None => out.push(f),
        }
    }
    share_range_years(cx, &mut out);
    out
}

/// The calendar day or month a match names, with its year when the text gives one.
fn calendar_key(p: &Partial) -> Option<(Option<i32>, u8, u8)> {
    match *p {
        Partial::Day(DaySpec::Date(y, m, d)) => Some((y, m, d)),
        Partial::Month(y, m) => Some((y, m, 0)),
        _ => None,
    }
}

/// Two dates joined by "to", "through", "until", "and" or a dash share the year that only
/// one of them states: "from 12 May to 3 June 1942" (the first takes 1942, or 1941 when it
/// falls later in the calendar: "28 December to 3 January 1943"), "from 2 September 1666
/// to 6 September".
fn share_range_years(cx: &Cx<'_>, out: &mut [Found]) {
    use lexicon::Kw;
    for i in 1..out.len() {
        let (a, b) = (&out[i - 1], &out[i]);
        if b.start != a.end + 1 || a.modifier.is_some() || b.modifier.is_some() {
            continue;
        }
        let link = a.end;
        let joins = cx.dash(link)
            || [Kw::To, Kw::Through, Kw::Until, Kw::And]
                .iter()
                .any(|&k| cx.kw(link, k));
        if !joins {
            continue;
        }
        let (Some((ya, ma, da)), Some((yb, mb, db))) =
            (calendar_key(&a.partial), calendar_key(&b.partial))
        else {
            continue;
        };
        let in_order = (ma, da) <= (mb, db);
        let (at, year) = match (ya, yb) {
            (None, Some(y)) => (i - 1, if in_order { Some(y) } else { y.checked_sub(1) }),
            (Some(y), None) => (i, if in_order { Some(y) } else { y.checked_add(1) }),
            _ => continue,
        };
        let Some(year) = year else { continue };
        match &mut out[at].partial {
            // Not a day the year does not have (29 February).
            Partial::Day(DaySpec::Date(y, m, d))
                if NaiveDate::from_ymd_opt(year, (*m).into(), (*d).into()).is_some() =>
            {
                *y = Some(year);
            }
            Partial::Month(y, _) => *y = Some(year),
            _ => {}
        }
    }
}

/// "August 6-8", "April 24 and 25", "1990-95": the second endpoint of a range, and the first
/// completed with what the second supplies.
fn range_end(cx: &Cx<'_>, f: &Found) -> Option<(Found, Found)> {
    let k = f.end;
    let joiner = cx.dash(k)
        || cx.kw(k, lexicon::Kw::To)
        || cx.kw(k, lexicon::Kw::Through)
        || cx.kw(k, lexicon::Kw::And)
        || cx.kw(k, lexicon::Kw::Until);
    if !joiner || f.modifier.is_some() {
        return None;
    }
    match f.partial {
        Partial::Day(DaySpec::Date(y, m, d1)) if f.kind == TimexKind::Date => {
            let j = k + 1;
            let d2 =
                cx.num(j)
                    .filter(|&n| (1..=31).contains(&n) && cx.digits(j) <= 2)? as u8;
            let mut e = j + 1;
            if cx.joined(e) && ["st", "nd", "rd", "th"].iter().any(|s| cx.is(e, s)) {
                e += 1;
            }
            if cx.month(e).is_some()
                || cx.unit(e).is_some()
                || cx.p(e, ':')
                || cx.p(e, '%')
                || cx.p(e, '/')
                || d2 <= d1
            {
                return None;
            }
            let mut y2 = None;
            if let Some((yy, ee)) = cx
                .year4(e)
                .or_else(|| cx.p(e, ',').then(|| cx.year4(e + 1)).flatten())
            {
                y2 = Some(yy);
                e = ee;
            }
            let year = y.or(y2);
            NaiveDate::from_ymd_opt(year.unwrap_or(2000), m.into(), d2.into())?;
            let mut first = f.clone();
            first.partial = Partial::Day(DaySpec::Date(year, m, d1));
            let second = Found::new(
                j,
                e,
                TimexKind::Date,
                Partial::Day(DaySpec::Date(year, m, d2)),
            );
            Some((first, second))
        }
        Partial::Year(y) if cx.dash(k) && cx.joined(k) && cx.joined(k + 1) => {
            let j = k + 1;
            let n = cx.num(j)? as i32;
            let y2 = match cx.digits(j) {
                2 => y - y.rem_euclid(100) + n,
                4 => n,
                _ => return None,
            };
            if y2 <= y || y2 - y > 100 {
                return None;
            }
            let second = Found::new(j, j + 1, TimexKind::Date, Partial::Year(y2));
            Some((f.clone(), second))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Dct;

    fn tag(text: &str, dct: &str) -> Vec<(String, String, String)> {
        let doc = Document::new(text)
            .with_dct(Dct::parse(dct).unwrap())
            .with_kind(DocKind::News);
        Tagger::new()
            .tag(&doc)
            .into_iter()
            .map(|t| {
                (
                    t.text(text).to_owned(),
                    t.kind.to_string(),
                    t.value.to_string(),
                )
            })
            .collect()
    }

    fn spans(text: &str, dct: &str) -> Vec<(String, String)> {
        tag(text, dct).into_iter().map(|(s, _, v)| (s, v)).collect()
    }

    fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn every_rule_example_tags_as_documented() {
        for rule in grammar::RULES {
            for ex in rule.examples {
                let got = spans(ex.text, "2025-03-31");
                assert!(
                    got.iter().any(|(s, v)| s == ex.span && v == ex.value),
                    "rule {:?}: {:?} → {:?}, expected [{}] = {}",
                    rule.name,
                    ex.text,
                    got,
                    ex.span,
                    ex.value
                );
            }
        }
    }

    #[test]
    fn ranges_give_both_endpoints() {
        assert_eq!(
            spans("the summit on August 6-8 and", "1998-03-01"),
            pairs(&[("August 6", "1998-08-06"), ("8", "1998-08-08")])
        );
        assert_eq!(
            spans("from 1990-95 it grew", "1998-03-01"),
            pairs(&[("1990", "1990"), ("95", "1995")])
        );
        assert_eq!(
            spans("between 2019 and 2021", "2025-03-31"),
            pairs(&[("2019", "2019"), ("2021", "2021")])
        );
    }

    #[test]
    fn counts_and_money_are_not_years() {
        for s in [
            "It cost $1998 in all.",
            "There were 1,998 votes.",
            "About 1998 people came.",
            "a Boeing 747 landed",
            "It rose 2000%.",
        ] {
            assert!(spans(s, "2025-03-31").is_empty(), "{s}");
        }
    }

    #[test]
    fn ages_are_not_durations() {
        assert!(spans("a 34-year-old man", "2025-03-31").is_empty());
        assert!(spans("He is 34 years old.", "2025-03-31").is_empty());
    }

    #[test]
    fn modifiers() {
        let t = tag("to finish early next year", "1989-10-26");
        assert_eq!(t[0].0, "early next year");
        assert_eq!(t[0].2, "1990");
        let doc = Document::new("by the end of the year they")
            .with_dct(Dct::parse("1989-10-26").unwrap());
        let x = Tagger::new().tag(&doc);
        assert_eq!(x[0].text(doc.text()), "the end of the year");
        assert_eq!(x[0].value.to_string(), "1989");
        assert_eq!(x[0].modifier, Some(crate::TimexMod::End));
    }

    #[test]
    fn span_conventions() {
        assert_eq!(
            spans("A year earlier, net income was $2.1 million", "1989-11-02"),
            pairs(&[("A year earlier", "1988")])
        );
        assert_eq!(
            spans("Three days later, it fell", "1989-11-02"),
            pairs(&[("Three days", "P3D")])
        );
        assert_eq!(
            spans("get around Wednesday's ruling", "1998-02-13"),
            pairs(&[("Wednesday", "1998-02-11")])
        );
    }

    #[test]
    fn anaphoric_day() {
        assert_eq!(
            spans(
                "He arrived on June 3, 2024. The following day he left.",
                "2025-03-31"
            ),
            pairs(&[
                ("June 3, 2024", "2024-06-03"),
                ("The following day", "2024-06-04")
            ])
        );
    }

    #[test]
    fn no_dct_leaves_values_underspecified() {
        let doc =
            Document::new("They met on February 12 and talked last year.").with_kind(DocKind::News);
        let t = Tagger::new().tag(&doc);
        assert_eq!(t[0].value.to_string(), "XXXX-02-12");
        assert_eq!(t[1].value.to_string(), "PAST_REF");
    }

    #[test]
    fn hostile_input_is_safe_and_linear() {
        let tagger = Tagger::new();
        let digits = "9".repeat(1_000_000);
        let _ = tagger.tag(&Document::new(digits));
        let many = "the day before ".repeat(10_000);
        let _ = tagger.tag(&Document::new(many));
        for s in [
            "February 30",
            "the year 99999999",
            "March 32, 2025",
            "31/31/2025",
            "Q9 2024",
            "25:99 p.m.",
        ] {
            let _ = tagger.tag(&Document::new(s));
        }
        let t = tagger.tag(&Document::new("On February 30 it snowed."));
        assert!(t.iter().all(|x| x.value.to_string() != "XXXX-02-30"));
        let weird = "Ünïcödé — “quotes” ’98 Mär. 3 🎉 2024-02-29T25:61";
        for t in tagger.tag(&Document::new(weird)) {
            assert!(weird.is_char_boundary(t.span.start) && weird.is_char_boundary(t.span.end));
        }
    }

    #[test]
    fn narratives_anchor_on_the_year_in_focus() {
        let text = "The siege began in April 1453. On 29 May, the city fell. The following \
                    year, the capital moved.";
        let doc = Document::new(text)
            .with_dct(Dct::parse("2025-03-31").unwrap())
            .with_kind(DocKind::Narrative);
        let got: Vec<String> = Tagger::new()
            .tag(&doc)
            .iter()
            .map(|t| format!("{}={}", t.text(text), t.value))
            .collect();
        assert_eq!(
            got,
            [
                "April 1453=1453-04",
                "29 May=1453-05-29",
                "The following year=1454"
            ]
        );
    }

    #[test]
    fn earnings_quarters() {
        assert_eq!(
            spans(
                "Net rose in the quarter ended Sept. 30 from a year earlier.",
                "1989-11-02"
            ),
            pairs(&[
                ("the quarter", "1989-Q3"),
                ("Sept. 30", "1989-09-30"),
                ("a year earlier", "1988-Q3")
            ])
        );
    }

    #[test]
    fn weekends() {
        assert_eq!(
            spans("Putin said in a weekend interview that", "2025-03-31"),
            pairs(&[("weekend", "2025-W13-WE")])
        );
        assert_eq!(
            spans("The leaders will meet this weekend.", "2025-03-31"),
            pairs(&[("this weekend", "2025-W14-WE")])
        );
    }

    #[test]
    fn long_texts_tagged_by_segments_match_one_pass() {
        let para = "Peskov said on Monday that the talks would resume next week. The two \
                    leaders spoke on February 12 and again three days later, in 2025.\n";
        let mut text = String::new();
        while text.len() < 3 * SEGMENT_BYTES {
            text.push_str(para);
        }
        // A stretch with no line break is cut at a sentence end.
        for _ in 0..30_000 {
            text.push_str("They met on March 18. ");
        }
        let doc = Document::new(text.as_str()).with_dct(Dct::parse("2025-03-31").unwrap());
        let tagger = Tagger::new();
        let segmented = tagger.tag(&doc);
        let mut whole = Vec::new();
        let dct = doc.dct().map(|d| d.date);
        tagger.tag_segment(
            &text,
            0,
            None,
            dct,
            &mut None,
            &mut whole,
            &mut Buffers::default(),
            &mut |_, _, _| None,
        );
        assert!(segmented.len() > 1000);
        if let Some(i) = (0..segmented.len()).find(|&i| whole.get(i) != segmented.get(i)) {
            panic!(
                "first difference at {i}: {:?} {:?} vs {:?} {:?}",
                segmented[i],
                segmented[i].text(&text),
                whole.get(i),
                whole.get(i).map(|t| t.text(&text))
            );
        }
        assert_eq!(segmented.len(), whole.len());
        assert!(
            segmented == whole,
            "segmented tagging differs from one pass"
        );
    }

    #[test]
    fn tagger_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Tagger>();
    }
}
