//! The pattern grammar: hand-written rules over token sequences.
//!
//! Each [`Rule`] is a value: a name, the examples it must handle, and a function that tries
//! to match at a token and yields a [`Found`] with an underspecified [`Partial`] value.
//! [`best_at`] tries every rule (and the modifier prefixes) at a token and keeps the longest
//! match. Rules look at a bounded number of tokens, so scanning is linear.

use crate::timex::{TimexKind, TimexMod};
use crate::value::{
    DateValue, DurationUnit, DurationValue, PartOfDay, RefValue, Season, TimeOfDay, TimexValue,
};

use super::lexicon::{
    Cue, DayPart, Entry, Kw, Lex, MonthForm, Unit, WordTag, ABBREVIATIONS, ADVERB_FOLLOWERS,
    AMOUNT_ADJECTIVES, AMOUNT_WORDS, CLAUSE_PRONOUNS, CLAUSE_WORDS, COPULAS, DAY_EDGES,
    FRACTION_LEADS, FUTURE_MODALS, HOLIDAYS, MONTH_LEAD_WORDS, NOT_PLURAL_NOUNS, ORDINAL_SUFFIXES,
    OVER_AMOUNT_LEADS, POSSESSIVE_DETERMINERS, SPAN_PREPOSITIONS, TEMPERATURE_WORDS, VERB_CONTEXT,
    ZONE_WORDS,
};
use super::partial::{DaySpec, Found, Partial, WdRel};
use super::token::{eq_lower, TokKind, Token};

/// The tokens of a document with their lexicon classes.
pub(crate) struct Cx<'a> {
    /// The text.
    pub text: &'a str,
    /// Its tokens.
    pub toks: &'a [Token],
    /// The lexicon entry of each token.
    pub lex: &'a [Entry],
}

/// An amount in text: "three", "2 1/2", "a couple of", "several".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Qty {
    /// The number; `None` when unspecified ("several").
    pub n: Option<u32>,
    /// Plus one half ("2 1/2", "a year and a half").
    pub half: bool,
    /// Written as an approximation ("a couple of").
    pub approx: bool,
    /// Written as the article "a"/"an".
    pub article: bool,
}

impl Qty {
    /// A plain amount: `n`, written as a number or a word, no half, not approximate.
    pub(crate) fn plain(n: Option<u32>) -> Qty {
        Qty {
            n,
            half: false,
            approx: false,
            article: false,
        }
    }
}

impl<'a> Cx<'a> {
    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.toks.len()
    }
    fn tok(&self, i: usize) -> Option<&Token> {
        self.toks.get(i)
    }
    /// The bytes of token `i` (empty past the end).
    pub fn bytes(&self, i: usize) -> &'a [u8] {
        self.toks
            .get(i)
            .and_then(|t| self.text.as_bytes().get(t.start()..t.end()))
            .unwrap_or(&[])
    }
    /// The lexicon class of token `i`.
    pub fn lx(&self, i: usize) -> Option<Lex> {
        self.lex.get(i).and_then(|e| e.lex)
    }
    /// Some token in `from..to` has a lexicon class that satisfies `f`: a cheap test before
    /// a rule does real work.
    fn any_lex(&self, from: usize, to: usize, f: impl Fn(Lex) -> bool) -> bool {
        self.lex
            .get(from..to.min(self.lex.len()))
            .is_some_and(|s| s.iter().any(|e| e.lex.is_some_and(&f)))
    }
    /// Token `i` is keyword `k`.
    pub fn kw(&self, i: usize, k: Kw) -> bool {
        self.lx(i) == Some(Lex::Kw(k))
    }
    /// Token `i` is the word `w` (lowercase), case-insensitively.
    pub fn is(&self, i: usize, w: &str) -> bool {
        eq_lower(self.bytes(i), w)
    }
    /// Token `i` is in the word class `c` (one of the closed lists of the lexicon).
    #[inline]
    pub fn cue_word(&self, i: usize, c: Cue) -> bool {
        self.lex.get(i).is_some_and(|e| e.cues & c as u16 != 0)
    }
    /// Token `i` is one of the words (lowercase), case-insensitively.
    pub fn is_any(&self, i: usize, words: &[&str]) -> bool {
        words.iter().any(|w| self.is(i, w))
    }
    /// The bytes of token `i` when it is punctuation.
    #[inline]
    fn punct(&self, i: usize) -> Option<&'a [u8]> {
        let t = self.tok(i)?;
        if t.kind != TokKind::Punct {
            return None;
        }
        self.text.as_bytes().get(t.start()..t.end())
    }
    /// Token `i` is the punctuation `c`.
    #[inline]
    pub fn p(&self, i: usize, c: char) -> bool {
        let Some(b) = self.punct(i) else { return false };
        if c.is_ascii() {
            return b.len() == 1 && b[0] == c as u8;
        }
        let mut buf = [0u8; 4];
        b == c.encode_utf8(&mut buf).as_bytes()
    }
    /// Token `i` is a dash ("-", "–", "—").
    pub fn dash(&self, i: usize) -> bool {
        // The token's bytes, read once.
        self.punct(i)
            .is_some_and(|b| b == b"-" || b == "–".as_bytes() || b == "—".as_bytes())
    }
    /// Token `i` is an apostrophe.
    pub fn apos(&self, i: usize) -> bool {
        // The token's bytes, read once.
        self.punct(i)
            .is_some_and(|b| b == b"\'" || b == "’".as_bytes() || b == "‘".as_bytes())
    }
    /// No whitespace before token `i`.
    pub fn joined(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| !t.space_before)
    }
    /// A word-internal hyphen at `i` ("third-quarter").
    pub fn hyphen(&self, i: usize) -> bool {
        self.p(i, '-') && self.joined(i) && self.joined(i + 1)
    }
    /// Token `i` starts with an uppercase letter.
    pub fn cap(&self, i: usize) -> bool {
        self.bytes(i)
            .first()
            .is_some_and(|b| b.is_ascii_uppercase())
    }
    /// Token `i` is a word.
    pub fn is_word(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| t.kind == TokKind::Word)
    }
    /// Token `i` is a number: its value (at most nine digits).
    pub fn num(&self, i: usize) -> Option<u32> {
        self.tok(i)?.num()
    }
    /// Number of digits of token `i` (0 for non-numbers).
    pub fn digits(&self, i: usize) -> u8 {
        self.tok(i)
            .filter(|t| t.kind == TokKind::Num)
            .map_or(0, |t| t.digits)
    }
    /// The word tag of token `i`.
    pub fn tag(&self, i: usize) -> Option<WordTag> {
        self.lex.get(i).and_then(|e| e.tag)
    }
    /// A sentence ends between token `i - 1` and token `i`.
    #[inline]
    pub fn sentence_break(&self, i: usize) -> bool {
        // Most tokens do not follow punctuation: no break, decided here without a call.
        match (i.checked_sub(1).and_then(|p| self.tok(p)), self.tok(i)) {
            (Some(p), Some(_)) if p.kind != TokKind::Punct => false,
            _ => self.sentence_break_after_punct(i),
        }
    }
    /// [`Cx::sentence_break`] in full.
    #[inline(never)]
    fn sentence_break_after_punct(&self, i: usize) -> bool {
        if i == 0 {
            return true;
        }
        let Some(t) = self.tok(i) else { return true };
        if t.newline_before && self.tok(i - 1).is_some_and(|p| p.kind == TokKind::Punct) {
            return true;
        }
        let prev = i - 1;
        // Only punctuation ends a sentence: most tokens stop here.
        if !t.space_before || self.tok(prev).is_none_or(|p| p.kind != TokKind::Punct) {
            return false;
        }
        // "!" and "?" always end a sentence; a period does before a capital, a line break,
        // or (informal writing) after a lowercase word that is not an abbreviation.
        let lowercase_end = || {
            prev > 0
                && self.is_word(prev - 1)
                && self
                    .bytes(prev - 1)
                    .first()
                    .is_some_and(u8::is_ascii_lowercase)
                && self.bytes(prev - 1).len() > 3
        };
        (self.p(prev, '.') || self.p(prev, '!') || self.p(prev, '?'))
            && (self.cap(i) || t.newline_before || !self.p(prev, '.') || lowercase_end())
            && !(self.p(prev, '.') && self.abbrev_period(prev))
    }
    /// The period at `i` closes an abbreviation ("Mr.", "Sept.", "U.S.").
    fn abbrev_period(&self, i: usize) -> bool {
        if i == 0 || !self.joined(i) {
            return false;
        }
        let w = self.bytes(i - 1);
        (w.len() == 1 && w[0].is_ascii_alphabetic())
            || matches!(self.lx(i - 1), Some(Lex::Month(_, MonthForm::Abbrev)))
            || ABBREVIATIONS.iter().any(|a| eq_lower(w, a))
    }

    // ------------------------------------------------------------- primitives

    /// A month name at `i`: month and the next token (after an abbreviation's period).
    pub fn month(&self, i: usize) -> Option<(u8, usize)> {
        match self.lx(i)? {
            Lex::Month(m, MonthForm::Full) => Some((m, i + 1)),
            Lex::Month(m, MonthForm::Abbrev) if self.cap(i) => {
                if self.p(i + 1, '.') && self.joined(i + 1) {
                    Some((m, i + 2))
                } else {
                    Some((m, i + 1))
                }
            }
            Lex::Month(m, MonthForm::Ambiguous) if self.cap(i) => Some((m, i + 1)),
            // Informal text: "march 3", "may 5th".
            Lex::Month(m, _) if self.day(i + 1).is_some() && self.num(i + 1).is_some() => {
                Some((m, i + 1))
            }
            // "since jan", "by sept": an abbreviation after a preposition, before a break or
            // the subject of the next clause ("since jan i've been sick").
            Lex::Month(m, form @ (MonthForm::Abbrev | MonthForm::Ambiguous))
                if (if form == MonthForm::Abbrev {
                    month_context(self, i)
                } else {
                    // "back in march we moved": a lowercase "march" or "may" only after
                    // a preposition of time.
                    strong_month_context(self, i)
                }) && (self
                    .toks
                    .get(i + 1)
                    .is_none_or(|t| t.kind == TokKind::Punct || t.newline_before)
                    || self.is_any(i + 1, CLAUSE_PRONOUNS)
                    || (form == MonthForm::Ambiguous
                        && self.is_any(i + 1, super::lexicon::AFTER_LOWER_MONTH))) =>
            {
                Some((m, i + 1))
            }
            _ => None,
        }
    }

    /// A day of the month at `i` ("18", "18th", "eighteenth", "twenty-first").
    pub fn day(&self, i: usize) -> Option<(u8, usize)> {
        if let Some(n) = self.num(i) {
            if self.digits(i) > 2 || !(1..=31).contains(&n) {
                return None;
            }
            let mut j = i + 1;
            if self.joined(j) && self.is_any(j, ORDINAL_SUFFIXES) {
                j += 1;
            }
            return Some((n as u8, j));
        }
        match self.lx(i)? {
            Lex::Ordinal(n) if n <= 31 => Some((n as u8, i + 1)),
            Lex::Number(t @ (20 | 30)) => {
                let j = if self.hyphen(i + 1) { i + 2 } else { i + 1 };
                match self.lx(j)? {
                    Lex::Ordinal(u) if u < 10 && t + u <= 31 => Some(((t + u) as u8, j + 1)),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// A four-digit year at `i` (1000–2999), not part of a bigger number.
    pub fn year4(&self, i: usize) -> Option<(i32, usize)> {
        let n = self.num(i)?;
        if self.digits(i) != 4 || !(1000..=2999).contains(&n) {
            return None;
        }
        // "1,998" / "1998,000" / "1998.5": part of a number.
        if (self.p(i + 1, ',') || self.p(i + 1, '.'))
            && self.joined(i + 1)
            && self.joined(i + 2)
            && self.num(i + 2).is_some()
        {
            return None;
        }
        if i > 0 && self.joined(i) && (self.p(i - 1, ',') || self.p(i - 1, '.')) {
            return None;
        }
        Some((n as i32, i + 1))
    }

    /// A year written out: "nineteen ninety-six", "two thousand".
    pub fn spelled_year(&self, i: usize) -> Option<(i32, usize)> {
        match self.lx(i)? {
            Lex::Number(c @ (11..=19)) => {
                let (t, mut j) = match self.lx(i + 1)? {
                    Lex::Number(t) if (20..=90).contains(&t) && t % 10 == 0 => (t, i + 2),
                    Lex::Number(t) if (10..=19).contains(&t) => (t, i + 2),
                    _ => return None,
                };
                let mut y = c * 100 + t;
                if t >= 20 {
                    let k = if self.hyphen(j) { j + 1 } else { j };
                    if let Some(Lex::Number(u @ 1..=9)) = self.lx(k) {
                        y += u;
                        j = k + 1;
                    }
                }
                Some((y as i32, j))
            }
            Lex::Number(2) if self.kw(i + 1, Kw::Thousand) => {
                let mut j = i + 2;
                let mut y = 2000;
                let k = if self.kw(j, Kw::And) { j + 1 } else { j };
                if let Some(Lex::Number(u @ 1..=19)) = self.lx(k) {
                    y += u;
                    j = k + 1;
                }
                Some((y as i32, j))
            }
            _ => None,
        }
    }

    /// A year after a month or "of": four digits, or written out, or a year with its era.
    pub fn year_any(&self, i: usize) -> Option<(i32, usize)> {
        self.year_era(i).or_else(|| self.spelled_year(i))
    }

    /// A year after a day and month: four digits ("1066"), or one to four digits with
    /// their era ("216 BC", "AD 79", "1066 AD"). Years before the common era count back
    /// from 1 BC, the astronomical year 0.
    pub fn year_era(&self, i: usize) -> Option<(i32, usize)> {
        let small = |k: usize| {
            self.num(k)
                .filter(|n| (1..=9999).contains(n) && self.digits(k) <= 4)
        };
        if let Some((y, e)) = self.year4(i) {
            return Some(match era_after(self, e) {
                Some((true, e2)) => (1 - y, e2),
                Some((false, e2)) => (y, e2),
                None => (y, e),
            });
        }
        if self.is(i, "ad") && self.bytes(i) == b"AD" {
            let n = small(i + 1)?;
            return Some((n as i32, i + 2));
        }
        let n = small(i)? as i32;
        let (bc, e) = era_after(self, i + 1)?;
        Some((if bc { 1 - n } else { n }, e))
    }

    /// A unit word at `i`.
    pub fn unit(&self, i: usize) -> Option<(Unit, bool)> {
        match self.lx(i)? {
            Lex::Unit(u, p) => Some((u, p)),
            _ => None,
        }
    }

    /// A part of the day at `i` ("morning", "night", "noon").
    pub fn daypart(&self, i: usize) -> Option<DayPart> {
        match self.lx(i)? {
            Lex::DayPart(DayPart::Plural(_)) => None,
            Lex::DayPart(p) => Some(p),
            Lex::Unit(Unit::Night, false) => Some(DayPart::Part(PartOfDay::Night)),
            _ => None,
        }
    }

    /// A plural part of the day at `i` ("mornings", "nights"): a recurring part of the day.
    pub fn daypart_plural(&self, i: usize) -> Option<PartOfDay> {
        match self.lx(i)? {
            Lex::DayPart(DayPart::Plural(p)) => Some(p),
            Lex::Unit(Unit::Night, true) => Some(PartOfDay::Night),
            _ => None,
        }
    }

    /// A weekday at `i` (capitalised).
    pub fn weekday(&self, i: usize) -> Option<(u8, bool)> {
        match self.lx(i)? {
            Lex::Weekday(d, p) if self.cap(i) || self.bytes(i).len() > 5 => Some((d, p)),
            _ => None,
        }
    }

    /// A cardinal number written in words at `i` ("twenty four", "a hundred and fifty",
    /// "two thousand five hundred", "two dozen").
    fn number_words(&self, i: usize) -> Option<(u32, usize)> {
        if self.kw(i, Kw::Dozen) {
            return Some((12, i + 1));
        }
        let (mut n, mut j) = self.hundreds(i)?;
        if self.kw(j, Kw::Thousand) {
            n = n.saturating_mul(1000);
            j += 1;
            // "two thousand (and) five hundred"
            let k = if self.kw(j, Kw::And) { j + 1 } else { j };
            if let Some((rest, e)) = self.hundreds(k).filter(|&(r, _)| r < 1000) {
                n = n.saturating_add(rest);
                j = e;
            }
        } else if self.kw(j, Kw::Dozen) {
            n = n.saturating_mul(12);
            j += 1;
        }
        Some((n, j))
    }

    /// A number below a thousand in words at `i` ("forty-eight", "a hundred and twenty";
    /// the article only before "hundred" or "thousand").
    fn hundreds(&self, i: usize) -> Option<(u32, usize)> {
        let (mut n, mut j) = match self.lx(i)? {
            Lex::Number(t) => self.tens(t, i),
            Lex::Kw(Kw::A | Kw::An)
                if self.kw(i + 1, Kw::Hundred) || self.kw(i + 1, Kw::Thousand) =>
            {
                (1, i + 1)
            }
            _ => return None,
        };
        if self.kw(j, Kw::Hundred) {
            n = n.saturating_mul(100);
            j += 1;
            // "one hundred (and) twenty"
            let k = if self.kw(j, Kw::And) { j + 1 } else { j };
            if let Some(Lex::Number(t)) = self.lx(k) {
                let (rest, e) = self.tens(t, k);
                if rest < 100 {
                    n = n.saturating_add(rest);
                    j = e;
                }
            }
        }
        Some((n, j))
    }

    /// The number word `t` at `i`, with its units ("twenty four", "forty-eight").
    fn tens(&self, t: u32, i: usize) -> (u32, usize) {
        let j = i + 1;
        if (20..100).contains(&t) && t % 10 == 0 {
            let k = if self.hyphen(j) { j + 1 } else { j };
            if let Some(Lex::Number(u @ 1..=9)) = self.lx(k) {
                return (t + u, k + 1);
            }
        }
        (t, j)
    }

    /// An amount at `i`.
    pub fn qty(&self, i: usize) -> Option<(Qty, usize)> {
        let plain = |n: u32, j: usize| Some((Qty::plain(Some(n)), j));
        if let Some(n) = self.num(i) {
            if self.digits(i) > 6 {
                return None;
            }
            let mut j = i + 1;
            let mut q = Qty::plain(Some(n));
            // "1.5"
            if self.p(j, '.')
                && self.joined(j)
                && self.joined(j + 1)
                && self.num(j + 1) == Some(5)
                && self.digits(j + 1) == 1
            {
                q.half = true;
                j += 2;
            } else if self.num(j) == Some(1)
                && self.p(j + 1, '/')
                && self.num(j + 2) == Some(2)
                && self.joined(j + 1)
                && self.joined(j + 2)
            {
                // "2 1/2"
                q.half = true;
                j += 3;
            } else if self.p(j, ',')
                && self.joined(j)
                && self.joined(j + 1)
                && self.digits(j + 1) == 3
            {
                q.n = Some(
                    n.saturating_mul(1000)
                        .saturating_add(self.num(j + 1).unwrap_or(0)),
                );
                j += 2;
            }
            // "21 and a half hours"
            if !q.half && self.kw(j, Kw::And) && self.kw(j + 1, Kw::A) && self.kw(j + 2, Kw::Half) {
                q.half = true;
                j += 3;
            }
            return Some((q, j));
        }
        match self.lx(i)? {
            Lex::Number(_) | Lex::Kw(Kw::Dozen) => {
                let (n, j) = self.number_words(i)?;
                if self.kw(j, Kw::And) && self.kw(j + 1, Kw::A) && self.kw(j + 2, Kw::Half) {
                    return Some((
                        Qty {
                            n: Some(n),
                            half: true,
                            approx: false,
                            article: false,
                        },
                        j + 3,
                    ));
                }
                plain(n, j)
            }
            Lex::Kw(Kw::A | Kw::An) => {
                let j = i + 1;
                if self.kw(j, Kw::Couple) {
                    let k = if self.kw(j + 1, Kw::Of) { j + 2 } else { j + 1 };
                    return Some((
                        Qty {
                            n: Some(2),
                            half: false,
                            approx: true,
                            article: false,
                        },
                        k,
                    ));
                }
                if self.kw(j, Kw::Few) {
                    return Some((Qty::plain(None), j + 1));
                }
                if self.kw(j, Kw::Dozen) {
                    return plain(12, j + 1);
                }
                if self.kw(j, Kw::Hundred) || self.kw(j, Kw::Thousand) {
                    let (n, e) = self.number_words(i)?;
                    return plain(n, e);
                }
                Some((
                    Qty {
                        n: Some(1),
                        half: false,
                        approx: false,
                        article: true,
                    },
                    j,
                ))
            }
            // "the next couple of years"
            Lex::Kw(Kw::Couple) => Some((
                Qty {
                    n: Some(2),
                    half: false,
                    approx: true,
                    article: false,
                },
                if self.kw(i + 1, Kw::Of) { i + 2 } else { i + 1 },
            )),
            Lex::Kw(Kw::Several | Kw::Few | Kw::Many | Kw::Some) => Some((Qty::plain(None), i + 1)),
            Lex::Kw(Kw::Half) if self.unit(i + 1).is_some() => Some((
                Qty {
                    n: Some(0),
                    half: true,
                    approx: false,
                    article: false,
                },
                i + 1,
            )),
            Lex::Kw(Kw::Half) if self.kw(i + 1, Kw::A) || self.kw(i + 1, Kw::An) => Some((
                Qty {
                    n: Some(0),
                    half: true,
                    approx: false,
                    article: false,
                },
                i + 2,
            )),
            _ => None,
        }
    }

    /// A quarter is spoken of in this sentence or the one before (earnings-report style):
    /// "a year ago" then means the year-ago quarter.
    pub fn quarter_context(&self, start: usize, end: usize) -> bool {
        let is_q = |i: usize| matches!(self.unit(i), Some((Unit::Quarter, _)));
        let mut breaks = 0;
        let mut i = start;
        let mut steps = 0;
        while i > 0 && steps < 80 {
            if self.sentence_break(i) {
                breaks += 1;
                if breaks == 2 {
                    break;
                }
            }
            i -= 1;
            steps += 1;
            if is_q(i) {
                return true;
            }
        }
        let mut i = end;
        while i < self.len() && i < end + 40 && !self.sentence_break(i) {
            if is_q(i) {
                return true;
            }
            i += 1;
        }
        false
    }

    /// The sentence's tense around tokens `start..end`: nearest cue before, then after.
    pub fn tense(&self, start: usize, end: usize) -> Tense {
        // A deadline: "by February", "until Tuesday morning", "ahead of the weekend".
        if start > 0
            && (self.kw(start - 1, Kw::By)
                || self.kw(start - 1, Kw::Until)
                || (self.kw(start - 1, Kw::Through)
                    && matches!(self.lx(start), Some(Lex::Month(..)))
                    // "sales this year through August": the end of a span, not a deadline.
                    && !(start > 1
                        && (self.unit(start - 2).is_some()
                            || self.num(start - 2).is_some()
                            || matches!(self.lx(start - 2), Some(Lex::Month(..))))))
                || self.is(start - 1, "till")
                || (self.kw(start - 1, Kw::Of) && start > 1 && self.kw(start - 2, Kw::Ahead))
                // "no later than June 30"
                || (self.is(start - 1, "than") && start > 1 && self.kw(start - 2, Kw::Later)))
        {
            // "had filed reports by Wednesday", "until Thursday, they had not called him": a
            // deadline already past.
            let ahead_of = self.kw(start - 1, Kw::Of);
            if !ahead_of && self.clause_has(start, end, "had") {
                return Tense::Past;
            }
            return Tense::Future;
        }
        if start > 0 && self.kw(start - 1, Kw::Since) {
            return Tense::PastAdjacent;
        }
        if self.rescheduled_to(start) {
            return Tense::Future;
        }
        // "get around Wednesday's ruling": a possessive names a known occasion, whatever the
        // clause's own tense; "ahead of Tuesday's vote" was caught above.
        if self.apos(end) && self.is(end + 1, "s") && self.joined(end) {
            return Tense::None;
        }
        // "as early as Tuesday", "as soon as Tuesday"
        if start > 2 && self.kw(start - 1, Kw::As) && self.kw(start - 3, Kw::As) {
            return Tense::Future;
        }
        // Before the expression: a past verb right before it decides ("said Friday"); then a
        // future marker anywhere in the clause wins ("would be paid on a still unspecified
        // date in January"); otherwise any past form.
        let mut i = start;
        let mut steps = 0;
        let mut past = false;
        while i > 0 && steps < 14 {
            if self.sentence_break(i) {
                break;
            }
            i -= 1;
            steps += 1;
            if self.quote(i) {
                break;
            }
            // "Arafat and Netanyahu meet separately Monday".
            if steps <= 2 && self.cue_word(i, Cue::Schedule) && !self.prev_is_to(i) {
                return Tense::Future;
            }
            // "we're flying back Sunday", "is visiting Paris on Monday": a present progressive
            // right before a date names an arrangement ahead.
            if steps <= 4 && self.progressive(i) {
                return Tense::Future;
            }
            // "The game is on Saturday", "the deadline is Friday", "it's on the 14th": a date
            // a present "be" gives to something is one ahead.
            if (steps == 1 || (steps == 2 && self.kw(start - 1, Kw::On))) && self.present_be(i) {
                return Tense::Future;
            }
            // "see you on Saturday", "c u sat"
            if steps <= 3 && self.farewell(i) {
                return Tense::Future;
            }
            // "protesters planned a rally on Saturday": what was planned (the object after
            // the verb) lies ahead; not "the service planned for Saturday was canceled", "as
            // previously planned".
            if self.cue_word(i, Cue::PlanParticiple)
                && self.bytes(i).ends_with(b"ed")
                && (self.kw(i + 1, Kw::A)
                    || self.kw(i + 1, Kw::An)
                    || self.kw(i + 1, Kw::The)
                    || self.is_any(i + 1, POSSESSIVE_DETERMINERS))
                && !i
                    .checked_sub(1)
                    .is_some_and(|p| self.is(p, "had") || self.is(p, "been"))
            {
                return Tense::Future;
            }
            match self.cue(i) {
                Some(Tense::Future) => return Tense::Future,
                // "extended to Nov. 20" names the new date, not the time of the change.
                Some(Tense::Past) if steps == 2 && self.kw(start - 1, Kw::To) => past = true,
                Some(Tense::Past) if steps <= 2 => return Tense::PastAdjacent,
                Some(Tense::Past) => past = true,
                _ => {}
            }
        }
        if past {
            return Tense::Past;
        }
        let mut i = end;
        let mut steps = 0;
        while i < self.len() && steps < 10 {
            if self.sentence_break(i) {
                break;
            }
            // "On Friday, the government planned to pay": told after the date, the plan is
            // what happened then.
            if self.cue_word(i, Cue::PlanParticiple) && self.bytes(i).ends_with(b"ed") {
                return Tense::Past;
            }
            if let Some(t) = self.cue(i) {
                return t;
            }
            i += 1;
            steps += 1;
        }
        Tense::None
    }

    /// The past-tense verb nearest to tokens `start..end` in their clause (what happened at
    /// that time), as a word key: "was [shot] to death last Oct. 23", "he [died] at 10 p.m.".
    /// Auxiliaries are passed over; a verb of saying ("said Thursday he was arrested") gives
    /// none, the date being the report's.
    pub fn clause_verb(&self, start: usize, end: usize) -> Option<u64> {
        let mut i = start;
        while i > 0 && start - i < 10 {
            if self.sentence_break(i) || self.quote(i - 1) {
                break;
            }
            i -= 1;
            if let Some(v) = self.clause_verb_at(i) {
                return v;
            }
        }
        let mut i = end;
        while i < self.len() && i - end < 8 && !self.sentence_break(i) && !self.quote(i) {
            if let Some(v) = self.clause_verb_at(i) {
                return v;
            }
            i += 1;
        }
        None
    }

    /// What token `i` says to [`Cx::clause_verb`]: `Some(None)` for a verb of saying,
    /// `Some(Some(key))` for a lowercase past-tense verb, `None` (most words) to read on.
    #[inline(always)]
    fn clause_verb_at(&self, i: usize) -> Option<Option<u64>> {
        if self.cue_word(i, Cue::Reporting) {
            return Some(None);
        }
        // Most words are no tense cue: decided by the inlined test of [`Cx::cue`].
        if self.cue(i) != Some(Tense::Past) {
            return None;
        }
        let w = self.bytes(i);
        let past =
            !self.cue_word(i, Cue::FinitePast) && w.first().is_some_and(|b| b.is_ascii_lowercase());
        past.then(|| Some(word_key(w)))
    }

    /// The word `w` occurs in the sentence around tokens `start..end`, within the window
    /// tense cues are looked for in.
    fn clause_has(&self, start: usize, end: usize, w: &str) -> bool {
        let mut i = start;
        while i > 0 && start - i < 14 && !self.sentence_break(i) {
            i -= 1;
            if self.is(i, w) {
                return true;
            }
        }
        let mut i = end;
        while i < self.len() && i - end < 10 && !self.sentence_break(i) {
            if self.is(i, w) {
                return true;
            }
            i += 1;
        }
        false
    }

    /// The expression at `start` is the new date an event was moved to: "moved to
    /// Wednesday", "pushed back to Friday", "rescheduled for Monday".
    fn rescheduled_to(&self, start: usize) -> bool {
        use super::lexicon::{RESCHEDULE_PARTICLES, RESCHEDULE_VERBS};
        let Some(to) = start.checked_sub(1) else {
            return false;
        };
        if !(self.kw(to, Kw::To) || self.is(to, "for") || self.is(to, "till")) {
            return false;
        }
        let Some(mut v) = to.checked_sub(1) else {
            return false;
        };
        if self.is_any(v, RESCHEDULE_PARTICLES) {
            let Some(p) = v.checked_sub(1) else {
                return false;
            };
            v = p;
        }
        self.is_any(v, RESCHEDULE_VERBS) && !self.clause_has(start, start + 1, "had")
    }

    /// Token `i` is the "-ing" form of a present progressive ("are flying", "we're flying").
    fn progressive(&self, i: usize) -> bool {
        let w = self.bytes(i);
        w.len() >= 5 && w.ends_with(b"ing") && i.checked_sub(1).is_some_and(|p| self.present_be(p))
    }

    /// Token `i` is a present form of "be": "is", "are", "am", or after an apostrophe "re",
    /// "m", or the "s" of "it's" / "that's".
    fn present_be(&self, i: usize) -> bool {
        if self.cue_word(i, Cue::ProgressiveAux) {
            return true;
        }
        let contracted = i >= 2 && self.apos(i - 1) && self.joined(i) && self.joined(i - 1);
        contracted
            && (self.cue_word(i, Cue::ContractedBe)
                || (self.is(i, "s") && self.is_any(i - 2, &["it", "that"])))
    }

    /// Token `i` is "you" (or "u", "ya") after "see" or "c": a leave-taking that looks ahead.
    pub(crate) fn farewell(&self, i: usize) -> bool {
        self.is_any(i, &["you", "u", "ya"])
            && i.checked_sub(1)
                .is_some_and(|p| self.is(p, "see") || self.is(p, "c"))
    }

    /// The words before token `i` are "can't", "cant" or "cannot".
    fn cannot(&self, i: usize) -> bool {
        let before = |k: usize| i.checked_sub(k);
        before(1).is_some_and(|p| self.is(p, "cant") || self.is(p, "cannot"))
            || (before(1).is_some_and(|p| self.is(p, "t"))
                && before(2).is_some_and(|p| self.apos(p))
                && before(3).is_some_and(|p| self.is(p, "can")))
    }

    /// Token `i - 1` is "to" ("expected to meet", "a visit to open"): the verb's tense lies
    /// elsewhere.
    fn prev_is_to(&self, i: usize) -> bool {
        i.checked_sub(1).is_some_and(|p| self.kw(p, Kw::To))
    }

    /// Token `i` is a quotation mark (a clause boundary for tense cues).
    #[inline]
    fn quote(&self, i: usize) -> bool {
        if self.tok(i).is_none_or(|t| t.kind != TokKind::Punct) {
            return false;
        }
        self.quote_mark(i)
    }
    /// The punctuation token `i` is a quotation mark.
    #[inline(never)]
    fn quote_mark(&self, i: usize) -> bool {
        self.p(i, '"')
            || self.p(i, '“')
            || self.p(i, '”')
            || self.p(i, '`')
            || (self.apos(i) && self.apos(i + 1))
    }

    #[inline(always)]
    fn cue(&self, i: usize) -> Option<Tense> {
        let (Some(t), Some(e)) = (self.tok(i), self.lex.get(i)) else {
            return None;
        };
        // Most words are no cue: decided here without a call, by the test [`Cx::word_cue`]
        // starts with.
        if t.kind != TokKind::Word
            || (e.cues == 0
                && e.tag.is_none()
                && !matches!(e.lex, Some(Lex::Kw(Kw::Since | Kw::Will)))
                && {
                    let w = self.bytes(i);
                    !w.ends_with(b"ed") && !eq_lower(w, "wait")
                })
        {
            return None;
        }
        self.word_cue(i)
    }
    /// [`Cx::cue`] in full.
    #[inline(never)]
    fn word_cue(&self, i: usize) -> Option<Tense> {
        if !self.is_word(i) {
            return None;
        }
        // The token's lexicon entry, read once.
        let e = self.lex.get(i).copied().unwrap_or_default();
        let cue = |c: Cue| e.cues & c as u16 != 0;
        let w = self.bytes(i);
        // Most words are no cue: in no cue class, without a tag, neither "since" nor "will",
        // not "wait" and without the "-ed" of a past form.
        if e.cues == 0
            && e.tag.is_none()
            && !matches!(e.lex, Some(Lex::Kw(Kw::Since | Kw::Will)))
            && !w.ends_with(b"ed")
            && !eq_lower(w, "wait")
        {
            return None;
        }
        if e.lex == Some(Lex::Kw(Kw::Since)) {
            return Some(Tense::Past);
        }
        // Modals say nothing about when: "could be located Wednesday" is the past one.
        if cue(Cue::Modal) || (eq_lower(w, "may") && !w.first().is_some_and(u8::is_ascii_uppercase))
        {
            return None;
        }
        // "can't wait for Friday", "cannot wait until June": looked forward to.
        if eq_lower(w, "wait") && self.cannot(i) {
            return Some(Tense::Future);
        }
        // "is to resume", "are to meet": an arrangement for later.
        if cue(Cue::PlanCopula) && self.kw(i + 1, Kw::To) {
            return Some(Tense::Future);
        }
        // "planned to leave", "set to resume", "scheduled for": the plan is past, the event
        // ahead, unless the plan itself is told in the past perfect ("had been scheduled to
        // expire Friday").
        if cue(Cue::PlanParticiple) && (self.kw(i + 1, Kw::To) || self.is(i + 1, "for")) {
            let perfect = i.checked_sub(1).is_some_and(|p| {
                self.is(p, "had")
                    || (self.is(p, "been") && p.checked_sub(1).is_some_and(|q| self.is(q, "had")))
            });
            return Some(if perfect { Tense::Past } else { Tense::Future });
        }
        // "are due Thursday", "is expected Friday": the day is the plan's ("was due Monday"
        // is left to "was").
        let date_at = if self.kw(i + 1, Kw::On) { i + 2 } else { i + 1 };
        if cue(Cue::PlanBeforeDate)
            && (self.weekday(date_at).is_some()
                || matches!(self.lx(date_at), Some(Lex::Month(..)))
                || (self.kw(date_at, Kw::The) && self.day(date_at + 1).is_some()))
            && !i
                .checked_sub(1)
                .is_some_and(|p| self.cue_word(p, Cue::FinitePast))
        {
            return Some(Tense::Future);
        }
        if e.tag == Some(WordTag::FutureCue) || e.lex == Some(Lex::Kw(Kw::Will)) {
            // "plans to", "expected to": the noun "plan" or "the expected loss" are no cue.
            let needs_to = cue(Cue::NeedsTo);
            if !needs_to || self.kw(i + 1, Kw::To) || self.is(i + 1, "for") {
                return Some(Tense::Future);
            }
            return None;
        }
        let past_form = e.tag == Some(WordTag::PastVerb)
            || (w.len() >= 5
                && w.ends_with(b"ed")
                && w.first().is_some_and(|b| b.is_ascii_lowercase())
                && !w.ends_with(b"eed"));
        if past_form {
            // "later than planned", "as expected": a comparison, not the clause's verb.
            if i.checked_sub(1)
                .is_some_and(|p| self.is(p, "than") || self.is(p, "as"))
            {
                return None;
            }
            // A participle after a form of "be" is passive: the auxiliary carries the tense.
            let aux = i
                .checked_sub(1)
                .is_some_and(|p| self.cue_word(p, Cue::PassiveAux));
            if aux && !cue(Cue::FinitePast) {
                return None;
            }
            // "has set Nov. 10 as the deadline": the perfect reports the decision, not the
            // date.
            if i.checked_sub(1)
                .is_some_and(|p| self.cue_word(p, Cue::PerfectAux))
            {
                return Some(Tense::None);
            }
            return Some(Tense::Past);
        }
        if e.tag == Some(WordTag::FutureCue) || e.lex == Some(Lex::Kw(Kw::Will)) {
            return Some(Tense::Future);
        }
        None
    }
}

/// Token `i` can be the verb after "will one day" / "to one day": a lowercase word that is
/// not a known function or temporal word ("be", "follow"; not "in", "late", punctuation).
fn verb_like(cx: &Cx<'_>, i: usize) -> bool {
    cx.is_word(i)
        && cx.lx(i).is_none()
        && !cx.cap(i)
        && !cx.is_any(
            i,
            &["late", "early", "with", "behind", "off", "ahead", "ago"],
        )
}

/// A key for a word, ASCII case-insensitive (FNV-1a).
pub(crate) fn word_key(w: &[u8]) -> u64 {
    w.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The tense cue around an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tense {
    /// A past-tense verb is nearest.
    Past,
    /// A past-tense verb (or "since") right before the expression: "ended Jan. 31".
    PastAdjacent,
    /// A future marker is nearest.
    Future,
    /// No cue.
    None,
}

// ------------------------------------------------------------------ rules

impl Tense {
    /// Past, adjacent or not.
    pub(crate) fn is_past(self) -> bool {
        matches!(self, Tense::Past | Tense::PastAdjacent)
    }
}

/// An example a rule must handle, tagged with the document date 2025-03-31 (a Monday).
#[derive(Debug, Clone, Copy)]
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) struct Example {
    /// A sentence.
    pub text: &'static str,
    /// The expected span text.
    pub span: &'static str,
    /// The expected value.
    pub value: &'static str,
}

/// A pattern rule.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) struct Rule {
    /// Name, for tests and debugging.
    pub name: &'static str,
    /// Examples, checked by a unit test.
    pub examples: &'static [Example],
    /// The classes of token the rule can start on (see [`class`]).
    pub first: u32,
    /// For a rule that can start on "the" ([`THE`] in `first`): the kinds of token it can
    /// read after it ([`after_the`]), a test [`core_at`] makes for all such rules at once.
    pub after_the: u16,
    /// For a rule that can start on a number ([`NUM`] shares a bit with `first`): the
    /// kinds of token it can read right after the number ([`after_num`]).
    pub after_num: u8,
    /// Tries to match at a token.
    pub apply: fn(&Cx<'_>, usize) -> Option<Found>,
}

const fn ex(text: &'static str, span: &'static str, value: &'static str) -> Example {
    Example { text, span, value }
}

fn date(start: usize, end: usize, p: Partial) -> Option<Found> {
    Some(Found::new(start, end, TimexKind::Date, p))
}

/// All rules, tried at every token; the longest match wins (the first one on ties).
pub(crate) const RULES: &[Rule] = &[
    Rule {
        name: "iso date",
        examples: &[
            ex("filed 2025-03-18 in court", "2025-03-18", "2025-03-18"),
            ex(
                "at 2025-03-18T15:30:00Z exactly",
                "2025-03-18T15:30:00Z",
                "2025-03-18T15:30:00",
            ),
        ],
        first: NUM4,
        after_the: 0,
        after_num: NEXT_DASH | NEXT_SLASH,
        apply: iso_date,
    },
    Rule {
        name: "numeric date",
        examples: &[
            ex("on 3/18/2025 they met", "3/18/2025", "2025-03-18"),
            ex("on 18/3/98 they met", "18/3/98", "1998-03-18"),
        ],
        first: NUM12,
        after_the: 0,
        after_num: NEXT_SLASH,
        apply: numeric_date,
    },
    Rule {
        name: "month date",
        examples: &[
            ex(
                "It happened on March 18, 2025.",
                "March 18, 2025",
                "2025-03-18",
            ),
            ex("It happened on Mar. 18 last.", "Mar. 18", "2025-03-18"),
            ex("She arrived March 18th.", "March 18th", "2025-03-18"),
            ex("It opened in March 1998.", "March 1998", "1998-03"),
            ex("He resigned in February.", "February", "2025-02"),
            ex(
                "in January nineteen ninety-seven",
                "January nineteen ninety-seven",
                "1997-01",
            ),
            ex("hired in June last year", "June last year", "2024-06"),
        ],
        first: MONTH,
        after_the: 0,
        after_num: 0,
        apply: month_date,
    },
    Rule {
        name: "day month",
        examples: &[
            ex("born 18 March 2025 in Oslo", "18 March 2025", "2025-03-18"),
            ex(
                "on the 18th of March they left",
                "the 18th of March",
                "2025-03-18",
            ),
        ],
        first: NUM12 | ORDINAL | THE | NUMWORD,
        after_the: AFTER_NUM | AFTER_ORDINAL | AFTER_NUMBER,
        after_num: NEXT_WORD,
        apply: day_month,
    },
    Rule {
        name: "year",
        examples: &[
            ex("It was founded in 1998.", "1998", "1998"),
            ex(
                "In fiscal 1989, Elco earned $7.8 million",
                "fiscal 1989",
                "1989",
            ),
            ex("back in '98 it rained", "'98", "1998"),
            ex("by the year two thousand", "the year two thousand", "2000"),
            ex(
                "in nineteen ninety-six they met",
                "nineteen ninety-six",
                "1996",
            ),
        ],
        first: FISCAL | THE | APOS | NUM4 | NUMWORD,
        after_the: AFTER_UNIT,
        after_num: NEXT_ANY,
        apply: year,
    },
    Rule {
        name: "year with an era",
        examples: &[
            ex("Caesar died in 44 BC.", "44 BC", "BC0044"),
            ex("Vesuvius erupted in AD 79.", "AD 79", "0079"),
            ex("It was built in 1200 B.C.E. by", "1200 B.C.E.", "BC1200"),
        ],
        first: NUM12 | NUM4 | NUMX | ERA,
        after_the: 0,
        after_num: NEXT_WORD | NEXT_DASH,
        apply: era_year,
    },
    Rule {
        name: "decade",
        examples: &[
            ex("popular in the 1990s.", "the 1990s", "199"),
            ex("music of the '60s", "the '60s", "196"),
            ex("it grew through the nineties", "the nineties", "199"),
            ex("back in the 80s we had fun", "the 80s", "198"),
            ex("During the 1920s and 30s jazz boomed", "30s", "193"),
        ],
        first: THE | NUM4 | NUM12 | APOS | MODWORD,
        after_the: AFTER_KW | AFTER_DECADE | AFTER_APOS | AFTER_NUM,
        after_num: NEXT_WORD | NEXT_APOS,
        apply: decade,
    },
    Rule {
        name: "century",
        examples: &[
            ex("a 20th century democrat", "20th century", "19"),
            ex(
                "in the first decade of the 19th century it",
                "the first decade of the 19th century",
                "180",
            ),
            ex(
                "in the twenty-first century",
                "the twenty-first century",
                "20",
            ),
            ex(
                "at the turn of the 20th century it",
                "the turn of the 20th century",
                "1900",
            ),
            ex(
                "at the turn of the century it",
                "the turn of the century",
                "2000",
            ),
        ],
        first: THE | NUM12 | ORDINAL | NUMWORD,
        after_the: AFTER_NUM | AFTER_ORDINAL | AFTER_NUMBER | AFTER_KW,
        after_num: NEXT_WORD | NEXT_DASH,
        apply: century,
    },
    Rule {
        name: "weekday",
        examples: &[
            ex("Peskov said on Friday that", "Friday", "2025-03-28"),
            ex(
                "talks resumed Tuesday morning",
                "Tuesday morning",
                "2025-03-25TMO",
            ),
            ex(
                "on Monday, March 31, 2025 at",
                "Monday, March 31, 2025",
                "2025-03-31",
            ),
            ex("The shop closes on Sundays.", "Sundays", "XXXX-WXX-7"),
        ],
        first: WEEKDAY,
        after_the: 0,
        after_num: 0,
        apply: weekday,
    },
    Rule {
        name: "deictic day",
        examples: &[
            ex("He said today that", "today", "2025-03-31"),
            ex("It rained yesterday.", "yesterday", "2025-03-30"),
            ex("They meet tomorrow.", "tomorrow", "2025-04-01"),
            ex(
                "He spoke yesterday morning.",
                "yesterday morning",
                "2025-03-30TMO",
            ),
            ex("He speaks tonight.", "tonight", "2025-03-31"),
            ex("c u 2moro!", "2moro", "2025-04-01"),
            ex(
                "see u day after tomorrow",
                "day after tomorrow",
                "2025-04-02",
            ),
            ex(
                "a hearing the week of April 7.",
                "the week of April 7",
                "2025-W15",
            ),
            ex(
                "He left the day after Christmas.",
                "the day after Christmas",
                "2024-12-26",
            ),
        ],
        first: DEICTIC | THE | NUM12 | UNIT,
        after_the: AFTER_UNIT,
        after_num: NEXT_WORD,
        apply: deictic,
    },
    Rule {
        name: "relative unit",
        examples: &[
            ex("Sales rose last year.", "last year", "2024"),
            ex("Sales rose this month.", "this month", "2025-03"),
            ex("It ends next week.", "next week", "2025-W15"),
            ex("They met last Friday.", "last Friday", "2025-03-28"),
            ex("They met last May.", "last May", "2024-05"),
            ex("Prices fell this morning.", "this morning", "2025-03-31TMO"),
            ex("He was shot last night.", "last night", "2025-03-30TNI"),
            ex("Over the past year it grew.", "the past year", "2024"),
            ex("He spoke this weekend.", "this weekend", "2025-W13-WE"),
            ex("We expect it this summer.", "this summer", "2025-SU"),
        ],
        first: THE | REL,
        after_the: AFTER_KW | AFTER_UNIT,
        after_num: 0,
        apply: relative,
    },
    Rule {
        name: "amount of units",
        examples: &[
            ex("It lasted three years.", "three years", "P3Y"),
            ex(
                "In the past 24 hours, it rose.",
                "the past 24 hours",
                "PT24H",
            ),
            ex("a 10-day trip", "10-day", "P10D"),
            ex("for 2 1/2 years", "2 1/2 years", "P2Y6M"),
            ex(
                "in the last twenty four hours",
                "the last twenty four hours",
                "PT24H",
            ),
            ex("He left two weeks ago.", "two weeks ago", "2025-W12"),
            ex("He left five months ago.", "five months ago", "2024-10"),
            ex("She left two years ago.", "two years ago", "2023"),
            ex("It took years.", "years", "PXY"),
            ex("for a couple of years", "a couple of years", "P2Y"),
            ex("in recent years", "recent years", "PXY"),
            ex("the first nine months were", "the first nine months", "P9M"),
        ],
        first: THE | REL | ORDINAL | NUM | NUMWORD | ARTICLE | QTYWORD | UNIT,
        after_the: AFTER_KW | AFTER_ORDINAL | AFTER_UNIT | AFTER_NUM | AFTER_NUMBER,
        after_num: NEXT_ANY,
        apply: amount,
    },
    Rule {
        name: "compact ago",
        examples: &[ex("posted 2h ago", "2h ago", "2025-03-31")],
        first: NUM12,
        after_the: 0,
        after_num: NEXT_WORD,
        apply: compact_ago,
    },
    Rule {
        name: "quarter and half",
        examples: &[
            ex(
                "profit in the third quarter will rise",
                "the third quarter",
                "2025-Q3",
            ),
            ex(
                "profit in the third quarter rose",
                "the third quarter",
                "2024-Q3",
            ),
            ex("its third-quarter loss", "third-quarter", "2024-Q3"),
            ex("results for Q3 2024 were", "Q3 2024", "2024-Q3"),
            ex("sales in H1 2025 rose", "H1 2025", "2025-H1"),
            ex(
                "in the first half of 2024 it",
                "the first half of 2024",
                "2024-H1",
            ),
            ex(
                "the fourth quarter of 1989",
                "the fourth quarter of 1989",
                "1989-Q4",
            ),
        ],
        first: Q | THE | ORDINAL | NUM12 | FISCAL | REL,
        after_the: AFTER_MONTH | AFTER_KW | AFTER_NUM | AFTER_ORDINAL | AFTER_NUMBER,
        after_num: NEXT_WORD,
        apply: quarter,
    },
    Rule {
        name: "season",
        examples: &[
            ex("in summer 1998 they", "summer 1998", "1998-SU"),
            ex(
                "the winter of nineteen ninety-four",
                "the winter of nineteen ninety-four",
                "1994-WI",
            ),
            ex(
                "In the winter of 1942–43 the army",
                "the winter of 1942–43",
                "1942-WI",
            ),
        ],
        first: THE | SEASON,
        after_the: AFTER_SEASON,
        after_num: 0,
        apply: season,
    },
    Rule {
        name: "clock time",
        examples: &[
            ex("at 3 p.m. EST it", "3 p.m. EST", "2025-03-31T15:00"),
            ex("at 15:30 GMT it", "15:30 GMT", "2025-03-31T15:30"),
            ex(
                "at 7:30 tomorrow night ok",
                "7:30 tomorrow night",
                "2025-04-01T19:30",
            ),
            ex(
                "at 10 p.m. Wednesday it",
                "10 p.m. Wednesday",
                "2025-03-26T22:00",
            ),
            ex(
                "broke off at noon Thursday.",
                "noon Thursday",
                "2025-03-27T12:00",
            ),
            ex(
                "until 5 p.m. EST Nov. 9.",
                "5 p.m. EST Nov. 9",
                "2025-11-09T17:00",
            ),
            ex("at 0830 GMT on", "0830 GMT", "2025-03-31T08:30"),
            ex("tonight at 8!", "8", "2025-03-31T20:00"),
        ],
        first: NUM12 | NUM4 | DAYPART,
        after_the: 0,
        // (A bare hour after "tonight at" ends at punctuation: "tonight at 8!")
        after_num: NEXT_WORD | NEXT_COLON_OR_DOT | NEXT_OTHER,
        apply: clock,
    },
    Rule {
        name: "part of the day in focus",
        examples: &[
            ex(
                "placed orders in the morning to start",
                "the morning",
                "2025-03-31TMO",
            ),
            ex(
                "By the early evening the fires",
                "the early evening",
                "2025-03-31TEV",
            ),
        ],
        first: THE,
        after_the: AFTER_OTHER | AFTER_KW | AFTER_UNIT,
        after_num: 0,
        apply: the_daypart,
    },
    Rule {
        name: "holiday",
        examples: &[
            ex("before Christmas 2024 they", "Christmas 2024", "2024-12-25"),
            ex(
                "on Thanksgiving Day 1999 they",
                "Thanksgiving Day 1999",
                "1999-11-25",
            ),
            ex("since Easter 2024 they", "Easter 2024", "2024-03-31"),
            ex(
                "during Easter week 2024 they",
                "Easter week 2024",
                "2024-W13",
            ),
            ex(
                "over the Thanksgiving weekend 2024",
                "Thanksgiving weekend 2024",
                "2024-W48-WE",
            ),
            ex(
                "on New Year's Day 2025 they",
                "New Year's Day 2025",
                "2025-01-01",
            ),
        ],
        first: HOLIDAY,
        after_the: 0,
        after_num: 0,
        apply: holiday,
    },
    Rule {
        name: "set",
        examples: &[
            ex("pray for him every day", "every day", "P1D"),
            ex("it is published weekly", "weekly", "P1W"),
            ex("they meet twice a year", "twice a year", "P1Y"),
            ex("each Monday it opens", "each Monday", "XXXX-WXX-1"),
            ex("every July they go", "every July", "XXXX-07"),
        ],
        first: FREQ | SETWORD | NUM | NUMWORD | QTYWORD,
        after_the: 0,
        after_num: NEXT_ANY,
        apply: set,
    },
    Rule {
        name: "vague reference",
        examples: &[
            ex("He is now retired.", "now", "PRESENT_REF"),
            ex("It is currently closed.", "currently", "PRESENT_REF"),
            ex("He recently left.", "recently", "PAST_REF"),
            ex("in the future it", "the future", "FUTURE_REF"),
            ex("It will open soon.", "soon", "FUTURE_REF"),
            ex("unlike in the past, it", "the past", "PAST_REF"),
            ex("need it by eod pls", "eod", "2025-03-31"),
        ],
        first: VAGUE | THE | REL | ARTICLE,
        after_the: AFTER_KW,
        after_num: 0,
        apply: vague,
    },
    Rule {
        name: "period nouns",
        examples: &[
            ex(
                "Over the weekend, he resigned.",
                "the weekend",
                "2025-W13-WE",
            ),
            ex("For the year ended June 30, it earned", "the year", "P1Y"),
            ex(
                "It expects growth for the full year.",
                "the full year",
                "2025",
            ),
            ex("complete the deal by year-end.", "year-end", "2025-12-31"),
            ex("expected to cut rates by mid-year.", "mid-year", "2025"),
            ex("I saw him the other day.", "the other day", "PAST_REF"),
            ex("a loss in the 1988 period", "the 1988 period", "1988"),
            ex(
                "In the 1988 third quarter, it lost",
                "the 1988 third quarter",
                "1988-Q3",
            ),
            ex(
                "sales for this year's third quarter were",
                "this year's third quarter",
                "2025-Q3",
            ),
            ex(
                "Operating revenue rose in the latest period.",
                "the latest period",
                "2024-Q4",
            ),
        ],
        first: UNIT | REL | THE | MODWORD,
        after_the: AFTER_UNIT | AFTER_NUM | AFTER_ORDINAL | AFTER_KW | AFTER_OTHER,
        after_num: 0,
        apply: period,
    },
    Rule {
        name: "year-ago comparison",
        examples: &[
            ex("up from year-earlier profit", "year-earlier", "2024"),
            ex(
                "In the year-ago quarter, it",
                "the year-ago quarter",
                "2023-Q4",
            ),
            ex(
                "for the corresponding period last year.",
                "the corresponding period last year",
                "2023-Q4",
            ),
            ex(
                "sales for last year's quarter were",
                "last year's quarter",
                "2023-Q4",
            ),
        ],
        first: THE | UNIT | REL,
        after_the: AFTER_KW | AFTER_UNIT,
        after_num: 0,
        apply: year_ago,
    },
];

// Token classes a rule can start on, as bits: `core_at` only tries the rules whose `first`
// mask shares a bit with the token's class.
const NUM: u32 = NUM12 | NUM4 | NUMX;
/// A number of one or two digits.
const NUM12: u32 = 1;
/// A four-digit number.
const NUM4: u32 = 1 << 21;
/// Any other number.
const NUMX: u32 = 1 << 22;
const MONTH: u32 = 1 << 1;
const WEEKDAY: u32 = 1 << 2;
const NUMWORD: u32 = 1 << 3;
const ORDINAL: u32 = 1 << 4;
const UNIT: u32 = 1 << 5;
const SEASON: u32 = 1 << 6;
const DAYPART: u32 = 1 << 7;
const FREQ: u32 = 1 << 8;
const THE: u32 = 1 << 9;
const ARTICLE: u32 = 1 << 10;
const REL: u32 = 1 << 11;
const DEICTIC: u32 = 1 << 12;
const VAGUE: u32 = 1 << 13;
const QTYWORD: u32 = 1 << 14;
const SETWORD: u32 = 1 << 15;
const FISCAL: u32 = 1 << 16;
const APOS: u32 = 1 << 17;
const Q: u32 = 1 << 18;
const HOLIDAY: u32 = 1 << 19;
const MODWORD: u32 = 1 << 20;
/// "AD" before a year.
const ERA: u32 = 1 << 23;

// What follows "the", as bits: the rules that can start on "the" each read a few kinds of
// token after it (see `Rule::after_the`).
/// A number.
const AFTER_NUM: u16 = 1;
/// An apostrophe ("the '90s").
const AFTER_APOS: u16 = 1 << 1;
/// An ordinal word ("the first").
const AFTER_ORDINAL: u16 = 1 << 2;
/// A number word ("the two").
const AFTER_NUMBER: u16 = 1 << 3;
/// A unit ("the year").
const AFTER_UNIT: u16 = 1 << 4;
/// A month ("the October-December quarter").
const AFTER_MONTH: u16 = 1 << 5;
/// A season ("the spring").
const AFTER_SEASON: u16 = 1 << 6;
/// A decade word ("the nineties").
const AFTER_DECADE: u16 = 1 << 7;
/// A keyword ("the next", "the early", "the near future").
const AFTER_KW: u16 = 1 << 8;
/// Anything else.
const AFTER_OTHER: u16 = 1 << 9;

// What follows a number, as bits (see `Rule::after_num`).
/// A word ("5 percent", "3 p.m.", "1990s", "5th").
const NEXT_WORD: u8 = 1;
/// A slash ("3/12").
const NEXT_SLASH: u8 = 1 << 1;
/// A dash ("2025-03-18", "44-42 BC").
const NEXT_DASH: u8 = 1 << 2;
/// A colon or a period ("3:30", "3.30").
const NEXT_COLON_OR_DOT: u8 = 1 << 3;
/// An apostrophe ("1990's").
const NEXT_APOS: u8 = 1 << 4;
/// Anything else: other punctuation, a number, the end.
const NEXT_OTHER: u8 = 1 << 5;
/// Every kind of token.
const NEXT_ANY: u8 = (1 << 6) - 1;

/// The kind of token `j` (after a number) as an index into [`RULES_AFTER_NUM`].
#[inline]
fn after_num(cx: &Cx<'_>, j: usize) -> usize {
    let bit = match cx.tok(j).map(|t| t.kind) {
        Some(TokKind::Word) => NEXT_WORD,
        Some(TokKind::Punct) if cx.p(j, '/') => NEXT_SLASH,
        Some(TokKind::Punct) if cx.dash(j) => NEXT_DASH,
        Some(TokKind::Punct) if cx.p(j, ':') || cx.p(j, '.') => NEXT_COLON_OR_DOT,
        Some(TokKind::Punct) if cx.apos(j) => NEXT_APOS,
        _ => NEXT_OTHER,
    };
    bit.trailing_zeros() as usize
}

/// The kind of token `j` (after "the") as an index into [`RULES_AFTER_THE`].
#[inline]
fn after_the(cx: &Cx<'_>, j: usize) -> usize {
    let bit = match cx.lx(j) {
        Some(Lex::Ordinal(_)) => AFTER_ORDINAL,
        Some(Lex::Number(_)) => AFTER_NUMBER,
        Some(Lex::Unit(..)) => AFTER_UNIT,
        Some(Lex::Month(..)) => AFTER_MONTH,
        Some(Lex::Season(_)) => AFTER_SEASON,
        Some(Lex::DecadeWord(_)) => AFTER_DECADE,
        Some(Lex::Kw(_)) => AFTER_KW,
        Some(_) => AFTER_OTHER,
        None if cx.tok(j).is_some_and(|t| t.kind == TokKind::Num) => AFTER_NUM,
        None if cx.apos(j) => AFTER_APOS,
        None => AFTER_OTHER,
    };
    bit.trailing_zeros() as usize
}

/// Words before a bare "weekends" that make it a recurring time ("open on weekends").
const WEEKEND_SET_LEADS: &[&str] = &["on", "at", "over", "during", "most", "some"];

/// The class bits of token `i` (0: no rule starts here).
fn class(cx: &Cx<'_>, i: usize) -> u32 {
    match cx.lx(i) {
        Some(Lex::Month(..)) => MONTH,
        Some(Lex::Weekday(..)) => WEEKDAY,
        Some(Lex::WeekdayAbbrev(..)) => WEEKDAY,
        Some(Lex::DecadeWord(_)) => 0,
        Some(Lex::Number(_)) => NUMWORD,
        Some(Lex::Ordinal(_)) => ORDINAL,
        Some(Lex::Unit(..)) => UNIT | if cx.is(i, "night") { DAYPART } else { 0 },
        Some(Lex::Season(_)) => SEASON,
        Some(Lex::DayPart(_)) => DAYPART,
        Some(Lex::Frequency(_)) => FREQ,
        Some(Lex::Zone) => 0,
        Some(Lex::EndOf(_)) => VAGUE,
        Some(Lex::Kw(k)) => match k {
            Kw::The => THE,
            Kw::A | Kw::An => ARTICLE,
            Kw::Last
            | Kw::This
            | Kw::Next
            | Kw::Past
            | Kw::Previous
            | Kw::Coming
            | Kw::Following
            | Kw::Upcoming
            | Kw::Same
            | Kw::That
            | Kw::These
            | Kw::Prior
            | Kw::Preceding
            | Kw::Ensuing
            | Kw::Latest => REL,
            Kw::Current | Kw::Recent => REL | VAGUE,
            Kw::Today | Kw::Yesterday | Kw::Tomorrow | Kw::Tonight => DEICTIC,
            Kw::Now
            | Kw::Currently
            | Kw::Recently
            | Kw::Soon
            | Kw::Future
            | Kw::Nowadays
            | Kw::More
            | Kw::As => VAGUE,
            Kw::Several | Kw::Few | Kw::Many | Kw::Some | Kw::Half | Kw::Dozen | Kw::Couple => {
                QTYWORD
            }
            Kw::Every | Kw::Each | Kw::Twice | Kw::Thrice | Kw::Once => SETWORD,
            Kw::Fiscal => FISCAL,
            Kw::Early | Kw::Late | Kw::Mid => MODWORD,
            Kw::Adj if cx.is(i, "right") => VAGUE,
            _ => 0,
        },
        None => {
            if cx.num(i).is_some() {
                match cx.digits(i) {
                    1 | 2 => NUM12,
                    4 => NUM4,
                    _ => NUMX,
                }
            } else if cx.apos(i) {
                APOS
            } else if cx.tag(i) == Some(WordTag::HolidayStart) {
                HOLIDAY
            } else if cx.bytes(i).len() > 2 {
                0
            } else if cx.is(i, "q") || cx.is(i, "h") {
                Q
            } else if cx.is(i, "ad") && cx.cap(i) {
                ERA
            } else {
                0
            }
        }
    }
}

/// Modifier prefixes: words before a core expression that qualify it.
#[derive(Debug, Clone, Copy)]
struct ModWords {
    words: &'static [&'static str],
    modifier: TimexMod,
    /// Applies to points (dates) rather than amounts (durations, clock times).
    points: bool,
}

const MODIFIERS: &[ModWords] = &[
    ModWords {
        words: &["the", "end", "of"],
        modifier: TimexMod::End,
        points: true,
    },
    ModWords {
        words: &["the", "close", "of"],
        modifier: TimexMod::End,
        points: true,
    },
    ModWords {
        words: &["the", "beginning", "of"],
        modifier: TimexMod::Start,
        points: true,
    },
    ModWords {
        words: &["the", "start", "of"],
        modifier: TimexMod::Start,
        points: true,
    },
    ModWords {
        words: &["the", "middle", "of"],
        modifier: TimexMod::Mid,
        points: true,
    },
    ModWords {
        words: &["end", "of"],
        modifier: TimexMod::End,
        points: true,
    },
    // Informal, without the article: "start of next week", "middle of the month".
    ModWords {
        words: &["start", "of"],
        modifier: TimexMod::Start,
        points: true,
    },
    ModWords {
        words: &["beginning", "of"],
        modifier: TimexMod::Start,
        points: true,
    },
    ModWords {
        words: &["middle", "of"],
        modifier: TimexMod::Mid,
        points: true,
    },
    ModWords {
        words: &["the", "early"],
        modifier: TimexMod::Start,
        points: true,
    },
    ModWords {
        words: &["the", "late"],
        modifier: TimexMod::End,
        points: true,
    },
    ModWords {
        words: &["the", "mid"],
        modifier: TimexMod::Mid,
        points: true,
    },
    ModWords {
        words: &["earlier", "in"],
        modifier: TimexMod::Start,
        points: true,
    },
    ModWords {
        words: &["later", "in"],
        modifier: TimexMod::End,
        points: true,
    },
    ModWords {
        words: &["early", "in"],
        modifier: TimexMod::Start,
        points: true,
    },
    ModWords {
        words: &["late", "in"],
        modifier: TimexMod::End,
        points: true,
    },
    ModWords {
        words: &["early"],
        modifier: TimexMod::Start,
        points: true,
    },
    ModWords {
        words: &["earlier"],
        modifier: TimexMod::Start,
        points: true,
    },
    ModWords {
        words: &["late"],
        modifier: TimexMod::End,
        points: true,
    },
    ModWords {
        words: &["later"],
        modifier: TimexMod::End,
        points: true,
    },
    ModWords {
        words: &["mid"],
        modifier: TimexMod::Mid,
        points: true,
    },
    ModWords {
        words: &["about"],
        modifier: TimexMod::Approx,
        points: false,
    },
    ModWords {
        words: &["around"],
        modifier: TimexMod::Approx,
        points: false,
    },
    ModWords {
        words: &["around"],
        modifier: TimexMod::Approx,
        points: true,
    },
    ModWords {
        words: &["over"],
        modifier: TimexMod::MoreThan,
        points: false,
    },
    ModWords {
        words: &["pre", "-"],
        modifier: TimexMod::Before,
        points: true,
    },
    ModWords {
        words: &["post", "-"],
        modifier: TimexMod::After,
        points: true,
    },
    ModWords {
        words: &["circa"],
        modifier: TimexMod::Approx,
        points: true,
    },
    ModWords {
        words: &["c", "."],
        modifier: TimexMod::Approx,
        points: true,
    },
    ModWords {
        words: &["ca", "."],
        modifier: TimexMod::Approx,
        points: true,
    },
    ModWords {
        words: &["sometime"],
        modifier: TimexMod::Approx,
        points: true,
    },
    ModWords {
        words: &["approximately"],
        modifier: TimexMod::Approx,
        points: false,
    },
    ModWords {
        words: &["roughly"],
        modifier: TimexMod::Approx,
        points: false,
    },
    ModWords {
        words: &["nearly"],
        modifier: TimexMod::Approx,
        points: false,
    },
    ModWords {
        words: &["some"],
        modifier: TimexMod::Approx,
        points: false,
    },
    ModWords {
        words: &["almost"],
        modifier: TimexMod::LessThan,
        points: false,
    },
    ModWords {
        words: &["more", "than"],
        modifier: TimexMod::MoreThan,
        points: false,
    },
    ModWords {
        words: &["less", "than"],
        modifier: TimexMod::LessThan,
        points: false,
    },
    ModWords {
        words: &["fewer", "than"],
        modifier: TimexMod::LessThan,
        points: false,
    },
    ModWords {
        words: &["at", "least"],
        modifier: TimexMod::EqualOrMore,
        points: false,
    },
    ModWords {
        words: &["no", "more", "than"],
        modifier: TimexMod::EqualOrLess,
        points: false,
    },
    ModWords {
        words: &["up", "to"],
        modifier: TimexMod::EqualOrLess,
        points: false,
    },
    ModWords {
        words: &["at", "most"],
        modifier: TimexMod::EqualOrLess,
        points: false,
    },
];

/// For each ASCII byte, the modifiers whose first word starts with it (lowercase), as bits:
/// bit `k` stands for `MODIFIERS[k]`.
const MODIFIERS_BY_LETTER: [u64; 128] = {
    assert!(MODIFIERS.len() <= 64, "a modifier set is a 64-bit mask");
    let mut by_letter = [0u64; 128];
    let mut k = 0;
    while k < MODIFIERS.len() {
        let first = MODIFIERS[k].words[0].as_bytes()[0];
        assert!(
            first < 128 && !first.is_ascii_uppercase(),
            "lowercase ASCII words"
        );
        by_letter[first as usize] |= 1 << k;
        k += 1;
    }
    by_letter
};

/// Token `j`, after a function word ("the", "a", "that"), is one a rule can read: a known
/// word, a number, an apostrophe, a holiday or "Q" ("the Q3 results").
#[inline]
fn known_next(cx: &Cx<'_>, j: usize) -> bool {
    cx.lx(j).is_some()
        || cx.num(j).is_some()
        || cx.apos(j)
        || cx.tag(j) == Some(WordTag::HolidayStart)
        || cx.is(j, "q")
}

/// Whether any rule or modifier can start at token `i` (a cheap test for most tokens).
#[inline]
pub(crate) fn candidate(cx: &Cx<'_>, i: usize) -> bool {
    match cx.lex.get(i) {
        Some(e) if e.tag == Some(WordTag::HolidayStart) => true,
        // The most frequent words of all start nothing before an unknown word ("the
        // company", "a man", "that he"): no rule (see `core_at`) and no modifier.
        Some(Entry {
            lex: Some(Lex::Kw(Kw::The | Kw::A | Kw::An | Kw::That)),
            ..
        }) => known_next(cx, i + 1),
        Some(Entry {
            lex: Some(Lex::Kw(k)),
            ..
        }) => !matches!(
            k,
            Kw::Of
                | Kw::And
                | Kw::Or
                | Kw::To
                | Kw::In
                | Kw::On
                | Kw::For
                | Kw::By
                | Kw::From
                | Kw::Than
                | Kw::Will
                | Kw::Would
                | Kw::Its
                | Kw::Since
                | Kw::During
                | Kw::Through
                | Kw::Until
                | Kw::Between
                | Kw::Before
                | Kw::After
                | Kw::Under
                | Kw::Within
                | Kw::Times
                | Kw::Time
                | Kw::Period
                | Kw::Any
                | Kw::Other
                | Kw::Another
        ),
        Some(Entry { lex: Some(_), .. }) => true,
        _ => match cx.toks.get(i) {
            // Most tokens: a word outside the lexicon, too long for a short code.
            Some(t) if t.kind == TokKind::Word => {
                t.end() - t.start() <= 2 && short_code(cx.bytes(i))
            }
            _ => cx.num(i).is_some() || cx.apos(i) || short_code(cx.bytes(i)),
        },
    }
}

/// The short words that start a rule without being in the lexicon: "Q3", "H1", "No.", "AD".
fn short_code(b: &[u8]) -> bool {
    match b {
        [x] => x.eq_ignore_ascii_case(&b'q') || x.eq_ignore_ascii_case(&b'h'),
        [x, y] => {
            (x.eq_ignore_ascii_case(&b'n') && y.eq_ignore_ascii_case(&b'o'))
                || (x.eq_ignore_ascii_case(&b'a') && y.eq_ignore_ascii_case(&b'd'))
        }
        _ => false,
    }
}

/// The longest match at token `i`, modifiers included.
pub(crate) fn best_at(cx: &Cx<'_>, i: usize) -> Option<Found> {
    let mut best = core_at(cx, i);
    if let Some(f) = with_modifier(cx, i) {
        if best.as_ref().is_none_or(|b| f.end > b.end) {
            best = Some(f);
        }
    }
    // Most tokens start nothing: leave without moving the empty value around.
    let f = best.as_mut()?;
    // "quarter-to-quarter comparison", "day-to-day operations": an adjective of manner.
    let e = f.end;
    if e > 0 && cx.unit(e - 1).is_some() && cx.hyphen(e) && cx.kw(e + 1, Kw::To) {
        return None;
    }
    ended_quarter(cx, f);
    // "the next year or so"
    if cx.kw(f.end, Kw::Or) && cx.is(f.end + 1, "so") {
        f.end += 2;
    }
    // "1994 or later"
    if f.modifier.is_none()
        && matches!(
            f.partial,
            Partial::Year(_) | Partial::Month(..) | Partial::Day(_)
        )
        && cx.kw(f.end, Kw::Or)
    {
        if cx.kw(f.end + 1, Kw::Later) || cx.kw(f.end + 1, Kw::After) {
            f.modifier = Some(TimexMod::OnOrAfter);
            f.end += 2;
        } else if cx.kw(f.end + 1, Kw::Earlier) || cx.kw(f.end + 1, Kw::Before) {
            f.modifier = Some(TimexMod::OnOrBefore);
            f.end += 2;
        }
    }
    best
}

/// "the quarter ended Sept. 30": the quarter is the one that ends on that day.
fn ended_quarter(cx: &Cx<'_>, f: &mut Found) {
    let is_quarter = matches!(f.partial, Partial::ReportedQuarter | Partial::RelQuarter(_));
    if !is_quarter || !(cx.is(f.end, "ended") || cx.is(f.end, "ending")) {
        return;
    }
    if let Some(d) = month_date(cx, f.end + 1) {
        if let Partial::Day(DaySpec::Date(y, m, _)) = d.partial {
            f.partial = Partial::Quarter(y, (m - 1) / 3 + 1);
        }
    }
}

/// For each class bit (see [`class`]), the rules whose `first` has it: bit `k` stands for
/// `RULES[k]`. [`core_at`] tries only the rules of the token's classes without testing the
/// others one by one.
const RULES_BY_CLASS: [u64; 32] = {
    assert!(RULES.len() <= 64, "a rule set is a 64-bit mask");
    let mut by_class = [0u64; 32];
    let mut k = 0;
    while k < RULES.len() {
        let mut b = 0;
        while b < 32 {
            if RULES[k].first & (1 << b) != 0 {
                by_class[b] |= 1 << k;
            }
            b += 1;
        }
        k += 1;
    }
    by_class
};

/// Which gate [`rules_after`] builds.
#[derive(Clone, Copy)]
enum Gate {
    /// After "the" ([`Rule::after_the`]).
    The,
    /// After a number ([`Rule::after_num`]).
    Num,
}

/// For each kind of token after the gate's word (see [`after_the`], [`after_num`]), the
/// rules that can match there: those that read that kind after it, and those that do not
/// start on that word.
const fn rules_after<const N: usize>(gate: Gate) -> [u64; N] {
    let mut by_next = [0u64; N];
    let mut k = 0;
    while k < RULES.len() {
        let (starts, reads) = match gate {
            Gate::The => (RULES[k].first & THE != 0, RULES[k].after_the),
            Gate::Num => (RULES[k].first & NUM != 0, RULES[k].after_num as u16),
        };
        assert!(
            (reads != 0) == starts,
            "the rules starting on \"the\" or a number say what they read after it"
        );
        let mut b = 0;
        while b < N {
            if !starts || reads & (1 << b) != 0 {
                by_next[b] |= 1 << k;
            }
            b += 1;
        }
        k += 1;
    }
    by_next
}

/// [`rules_after`] "the".
const RULES_AFTER_THE: [u64; 10] = rules_after(Gate::The);

/// [`rules_after`] a number.
const RULES_AFTER_NUM: [u64; 6] = rules_after(Gate::Num);

fn core_at(cx: &Cx<'_>, i: usize) -> Option<Found> {
    let c = class(cx, i);
    if c == 0 {
        return None;
    }
    // Function words ("the", "a", "that", "some") start a rule only before a known word or a
    // number: skip "the company", "a man", "that he".
    if c & (THE | ARTICLE | REL | QTYWORD | VAGUE | SETWORD) == c
        && c & (VAGUE | SETWORD) == 0
        && !known_next(cx, i + 1)
    {
        return None;
    }
    let mut best: Option<Found> = None;
    // The rules that can start on one of the token's classes, in their order.
    let mut rules = 0u64;
    let mut bits = c;
    while bits != 0 {
        rules |= RULES_BY_CLASS[bits.trailing_zeros() as usize];
        bits &= bits - 1;
    }
    // "the" (the most frequent start): only the rules that read the next token's kind.
    if c == THE {
        rules &= RULES_AFTER_THE
            .get(after_the(cx, i + 1))
            .copied()
            .unwrap_or(0);
    }
    // A number: only the rules that read the next token's kind.
    if c & NUM != 0 {
        rules &= RULES_AFTER_NUM
            .get(after_num(cx, i + 1))
            .copied()
            .unwrap_or(0);
    }
    while rules != 0 {
        let Some(r) = RULES.get(rules.trailing_zeros() as usize) else {
            break;
        };
        rules &= rules - 1;
        if let Some(f) = (r.apply)(cx, i) {
            if f.end > f.start && best.as_ref().is_none_or(|b| f.end > b.end) {
                best = Some(f);
            }
        }
    }
    best
}

fn with_modifier(cx: &Cx<'_>, i: usize) -> Option<Found> {
    // The token's bytes, read once.
    let first = cx.bytes(i);
    match cx.lx(i) {
        Some(Lex::Kw(Kw::The)) => {
            let ok = matches!(
                cx.lx(i + 1),
                Some(Lex::Kw(
                    Kw::End
                        | Kw::Close
                        | Kw::Beginning
                        | Kw::Start
                        | Kw::Middle
                        | Kw::Early
                        | Kw::Late
                        | Kw::Mid
                ))
            );
            if !ok {
                return None;
            }
        }
        Some(Lex::Kw(
            Kw::End
            | Kw::Start
            | Kw::Beginning
            | Kw::Middle
            | Kw::Early
            | Kw::Earlier
            | Kw::Late
            | Kw::Later
            | Kw::Mid
            | Kw::About
            | Kw::Around
            | Kw::Approximately
            | Kw::Roughly
            | Kw::Nearly
            | Kw::Some
            | Kw::Almost
            | Kw::More
            | Kw::Less
            | Kw::Fewer
            | Kw::At
            | Kw::Up
            | Kw::Circa
            | Kw::Pre
            | Kw::Post
            | Kw::Over,
        )) => {}
        _ if eq_lower(first, "no") || eq_lower(first, "sometime") => {}
        _ => return None,
    }
    // Only the modifiers whose first word starts with the token's first letter, in their
    // order.
    let mut mods = first
        .first()
        .and_then(|b| MODIFIERS_BY_LETTER.get(usize::from(b.to_ascii_lowercase())))
        .copied()
        .unwrap_or(0);
    while mods != 0 {
        let Some(m) = MODIFIERS.get(mods.trailing_zeros() as usize) else {
            break;
        };
        mods &= mods - 1;
        // Most modifiers are ruled out by their first word: compare it with the token's bytes
        // read once.
        if !m.words.first().is_some_and(|w| eq_lower(first, w)) {
            continue;
        }
        let mut j = i;
        let mut ok = true;
        for w in m.words {
            if cx.is(j, w) {
                j += 1;
            } else {
                ok = false;
                break;
            }
        }
        if !ok {
            continue;
        }
        if m.words.last() == Some(&"mid") && cx.hyphen(j) {
            j += 1;
        }
        // "the end of the year": the unit in focus, not a duration.
        // "end of month": the unit in focus, without an article.
        let bare_unit = m.points
            && m.words.last() == Some(&"of")
            && cx.unit(j).is_some_and(|(u, p)| {
                !p && matches!(u, Unit::Month | Unit::Year | Unit::Week | Unit::Quarter)
            });
        let (j, art) = if bare_unit { (j, 0) } else { (j, 1) };
        let core = if m.points
            && (bare_unit || cx.kw(j, Kw::The))
            && cx.unit(j + art).is_some_and(|(_, p)| !p)
        {
            let (u, _) = cx.unit(j + art)?;
            let p = match u {
                Unit::Year => Partial::RelYear(0),
                Unit::Month => Partial::RelMonth(0),
                Unit::Week => Partial::RelWeek(0),
                Unit::Quarter => Partial::RelQuarter(0),
                Unit::Decade => Partial::RelDecade(0),
                Unit::Century => Partial::Anaphor(Unit::Century, 0),
                Unit::Day => Partial::Day(DaySpec::Anaphor(0)),
                _ => continue,
            };
            let mut f =
                core_at(cx, j).filter(|f| f.end > j + 1 + art && f.kind != TimexKind::Duration);
            if f.is_none() {
                f = Some(Found::new(j, j + 1 + art, TimexKind::Date, p));
            }
            f
        } else {
            core_at(cx, j)
        };
        let Some(mut f) = core else { continue };
        if f.start != j {
            continue;
        }
        if m.words.first() == Some(&"the")
            && m.words.len() == 2
            && !matches!(f.partial, Partial::Century(_) | Partial::Decade(_))
        {
            continue;
        }
        let is_point = matches!(f.kind, TimexKind::Date | TimexKind::Time)
            && !matches!(f.partial, Partial::Ago { .. } | Partial::Ref(_));
        let is_ago = matches!(f.partial, Partial::Ago { .. } | Partial::YearAgo)
            || (f.kind == TimexKind::Date && matches!(f.partial, Partial::Ref(_)) && f.end > j + 1);
        let fits = if m.points {
            is_point
        } else {
            f.kind == TimexKind::Duration || is_ago || matches!(f.partial, Partial::Time(..))
        };
        // "early in 1831", "late in the year": a stretch longer than a day ("late in the
        // day" is a time of day, not the day's end).
        if (m.words == ["early", "in"] || m.words == ["late", "in"])
            && matches!(f.partial, Partial::Day(_) | Partial::Time(..))
        {
            continue;
        }
        // "earlier"/"later" only before this/last/today/weekday ("earlier this year").
        if (m.words == ["earlier"] || m.words == ["later"])
            && !(cx.kw(j, Kw::This)
                || cx.kw(j, Kw::That)
                || cx.kw(j, Kw::Today)
                || cx.kw(j, Kw::Yesterday)
                || cx.kw(j, Kw::Tonight)
                || cx.weekday(j).is_some())
        {
            continue;
        }
        // "lasted over a week", "just over an hour later": more than the amount; not the
        // stretch something happens over ("used over three years", "over the weekend").
        if m.words == ["over"] {
            let before = i > 0 && cx.is_any(i - 1, OVER_AMOUNT_LEADS);
            let after =
                cx.kw(f.end, Kw::Later) || cx.kw(f.end, Kw::Earlier) || cx.kw(f.end, Kw::Ago);
            if f.kind != TimexKind::Duration || cx.kw(j, Kw::The) || !(before || after) {
                continue;
            }
        }
        // "post-1959", "pre-1990s": the prefix is joined to a year or decade.
        if m.words.len() == 2
            && m.words[1] == "-"
            && !(cx.hyphen(i + 1) && matches!(f.partial, Partial::Year(_) | Partial::Decade(_)))
        {
            continue;
        }
        // "c. 1500", "ca. 1850": the abbreviations of "circa" qualify only a year or a
        // decade, their period joined to them.
        if m.words.len() == 2
            && m.words[1] == "."
            && !(cx.joined(i + 1) && matches!(f.partial, Partial::Year(_) | Partial::Decade(_)))
        {
            continue;
        }
        // A core that is an end already ("year end") still takes "around" or "about".
        if !fits || f.modifier.is_some_and(|m| m != TimexMod::End) {
            continue;
        }
        // "around Nov. 1", "around year end"; not "get around Wednesday's ruling".
        if m.words == ["around"]
            && m.points
            && (cx.apos(f.end)
                || !matches!(
                    f.partial,
                    Partial::Day(DaySpec::Date(..))
                        | Partial::YearEnd(_)
                        | Partial::RelYear(0)
                        | Partial::Year(_)
                        | Partial::Month(..)
                ))
        {
            continue;
        }
        f.start = i;
        f.modifier = Some(m.modifier);
        return Some(f);
    }
    None
}

// ------------------------------------------------------------ rule bodies

fn clock_after(cx: &Cx<'_>, j: usize) -> Option<(u8, Option<u8>, Option<u8>, usize)> {
    // "T15:30[:00][Z]" after an ISO date.
    if !(cx.is(j, "t") && cx.joined(j)) {
        return None;
    }
    let h = cx
        .num(j + 1)
        .filter(|&h| h <= 24 && cx.digits(j + 1) == 2)?;
    if !(cx.p(j + 2, ':') && cx.digits(j + 3) == 2) {
        return Some((h as u8, None, None, j + 2));
    }
    let m = cx.num(j + 3).filter(|&m| m < 60)?;
    let mut k = j + 4;
    let mut s = None;
    if cx.p(k, ':') && cx.digits(k + 1) == 2 {
        s = cx.num(k + 1).filter(|&s| s < 61).map(|s| s as u8);
        k += 2;
    }
    if cx.is(k, "z") && cx.joined(k) {
        k += 1;
    }
    Some((h as u8, Some(m as u8), s, k))
}

fn iso_date(cx: &Cx<'_>, i: usize) -> Option<Found> {
    let (y, _) = cx.year4(i).or_else(|| {
        // year4 rejects "2025-" only for commas and periods; accept here directly.
        cx.num(i)
            .filter(|_| cx.digits(i) == 4)
            .map(|n| (n as i32, i + 1))
    })?;
    let sep_dash = cx.p(i + 1, '-') || cx.p(i + 1, '/');
    if !(sep_dash && cx.joined(i + 1) && cx.joined(i + 2) && cx.digits(i + 2) <= 2) {
        return None;
    }
    let m = cx.num(i + 2)?;
    if !(cx.p(i + 3, '-') || cx.p(i + 3, '/'))
        || !cx.joined(i + 3)
        || !cx.joined(i + 4)
        || cx.digits(i + 4) > 2
    {
        return None;
    }
    let d = cx.num(i + 4)?;
    chrono::NaiveDate::from_ymd_opt(y, m, d)?;
    let day = DaySpec::Date(Some(y), m as u8, d as u8);
    if let Some((h, mi, s, k)) = clock_after(cx, i + 5) {
        return Some(Found::new(
            i,
            k,
            TimexKind::Time,
            Partial::Time(
                day,
                TimeOfDay::Clock {
                    hour: h,
                    minute: mi,
                    second: s,
                },
            ),
        ));
    }
    date(i, i + 5, Partial::Day(day))
}

fn numeric_date(cx: &Cx<'_>, i: usize) -> Option<Found> {
    let a = cx.num(i).filter(|_| cx.digits(i) <= 2)?;
    if !(cx.p(i + 1, '/') && cx.joined(i + 1) && cx.joined(i + 2) && cx.digits(i + 2) <= 2) {
        return None;
    }
    let b = cx.num(i + 2)?;
    if !(cx.p(i + 3, '/') && cx.joined(i + 3) && cx.joined(i + 4)) {
        return yearless_numeric_date(cx, i, a, b);
    }
    let yd = cx.digits(i + 4);
    let y = cx.num(i + 4)?;
    let y = match yd {
        4 => y as i32,
        2 if y >= 50 => 1900 + y as i32,
        2 => 2000 + y as i32,
        _ => return None,
    };
    let (m, d) = if a > 12 && b <= 12 { (b, a) } else { (a, b) };
    chrono::NaiveDate::from_ymd_opt(y, m, d)?;
    date(
        i,
        i + 5,
        Partial::Day(DaySpec::Date(Some(y), m as u8, d as u8)),
    )
}

/// "on 3/12", "until 12/25", "Fri 3/7": a month/day pair with no year, only where a date is
/// expected (after a lead word or a weekday), never a fraction ("2 1/2", "1/3 of").
fn yearless_numeric_date(cx: &Cx<'_>, i: usize, a: u32, b: u32) -> Option<Found> {
    let (m, d) = if a > 12 && b <= 12 { (b, a) } else { (a, b) };
    // Any leap year accepts every valid month/day pair.
    chrono::NaiveDate::from_ymd_opt(2000, m, d)?;
    // "9/11": the day an event made a name of, in its year, with or without a lead word;
    // not a fraction ("3 9/11") nor the start of a longer number.
    let alone = !(i > 0 && cx.num(i - 1).is_some())
        && !(cx.joined(i + 3) && (cx.num(i + 3).is_some() || cx.p(i + 3, '/')));
    let named = super::lexicon::NAMED_DAYS
        .iter()
        .find(|&&(nm, nd, _)| (nm, nd) == (a, b))
        .filter(|_| alone);
    if let Some(&(nm, nd, y)) = named {
        return date(
            i,
            i + 3,
            Partial::Day(DaySpec::Date(Some(y), nm as u8, nd as u8)),
        );
    }
    let p = i.checked_sub(1)?;
    let p = if cx.p(p, ',') { p.checked_sub(1)? } else { p };
    let e = i + 3;
    // After "for"/"to" only at the end of a phrase ("rebooked for 3/12."), not before a noun
    // ("for 1/2 price").
    let weak_lead = (cx.kw(p, Kw::For) || cx.kw(p, Kw::To))
        && cx
            .toks
            .get(e)
            .is_none_or(|t| t.kind == TokKind::Punct || cx.lx(e).is_some() || cx.cap(e));
    let lead = day_lead(cx, p)
        || weak_lead
        || cx.weekday(p).is_some()
        || matches!(cx.lx(p), Some(Lex::WeekdayAbbrev(..)))
        || (cx.p(p, '.') && p > 0 && matches!(cx.lx(p - 1), Some(Lex::WeekdayAbbrev(..))));
    let continues = (cx.joined(e) && (cx.num(e).is_some() || cx.p(e, '/') || cx.p(e, '%')))
        || cx.unit(e).is_some()
        || cx.kw(e, Kw::Of);
    if !lead || continues {
        return None;
    }
    date(i, e, Partial::Day(DaySpec::Date(None, m as u8, d as u8)))
}

/// Words after which a bare "May"/"March" is a month.
fn month_context(cx: &Cx<'_>, i: usize) -> bool {
    if i == 0 {
        return false;
    }
    let p = i - 1;
    [
        Kw::In,
        Kw::Since,
        Kw::Until,
        Kw::By,
        Kw::Early,
        Kw::Late,
        Kw::Last,
        Kw::Next,
        Kw::This,
        Kw::Of,
        Kw::During,
        Kw::From,
        Kw::Through,
        Kw::Before,
        Kw::After,
        Kw::Mid,
        Kw::To,
        Kw::And,
        Kw::Or,
        Kw::Between,
        Kw::The,
    ]
    .iter()
    .any(|&k| cx.kw(p, k))
        || cx.is_any(p, MONTH_LEAD_WORDS)
        || (cx.p(p, '-') && cx.is(p.wrapping_sub(1), "mid"))
}

/// A preposition of time before `i` that makes a bare month abbreviation a date ("in Nov",
/// "until Sept", "early Jan"), and no possessive after it ("in Jan's car").
fn strong_month_context(cx: &Cx<'_>, i: usize) -> bool {
    i > 0
        && [
            Kw::In,
            Kw::Since,
            Kw::Until,
            Kw::During,
            Kw::Through,
            Kw::Early,
            Kw::Late,
            Kw::Mid,
            Kw::Last,
            Kw::Next,
            Kw::This,
        ]
        .iter()
        .any(|&k| cx.kw(i - 1, k))
        && !cx.apos(i + 1)
}

fn month_date(cx: &Cx<'_>, i: usize) -> Option<Found> {
    let (m, j) = cx.month(i)?;
    let form = match cx.lx(i) {
        Some(Lex::Month(_, f)) => f,
        _ => return None,
    };
    // Month Day [, Year]
    if let Some((d, k)) = cx.day(j) {
        let numeric = cx.num(j).is_some();
        let time_like = (cx.p(k, ':') && cx.joined(k + 1) && cx.digits(k + 1) == 2)
            || cx.p(k, '%')
            || (numeric && cx.unit(k).is_some())
            || (cx.hyphen(k) && cx.unit(k + 1).is_some());
        if !time_like && (!numeric || !cx.joined(j)) {
            let mut end = k;
            let mut y = None;
            if cx.p(end, ',') {
                if let Some((yy, e)) = cx.year_era(end + 1) {
                    y = Some(yy);
                    end = e;
                }
            } else if let Some((yy, e)) = cx.year_era(end) {
                y = Some(yy);
                end = e;
            }
            chrono::NaiveDate::from_ymd_opt(y.unwrap_or(2000), m.into(), d.into())?;
            // "October 5 of that year", "June 3 of last year"
            if y.is_none() {
                if let Some((off, anaphoric, e)) = of_rel_year(cx, end) {
                    return date(i, e, Partial::Day(DaySpec::OfYear(m, d, off, anaphoric)));
                }
            }
            return date(i, end, Partial::Day(DaySpec::Date(y, m, d)));
        }
    }
    // Month [of|,] Year
    let yat = if cx.kw(j, Kw::Of) || cx.p(j, ',') {
        j + 1
    } else {
        j
    };
    if let Some((y, e)) = cx.year_any(yat) {
        return date(i, e, Partial::Month(Some(y), m));
    }
    // "from June to August 1944", "in March and April 1945": the year of the second month
    // (the year before for a range across the new year: "December to February 1945").
    if let Some((m2, y2)) = range_year(cx, j, &|k| cx.month(k)) {
        let y = if m <= m2 { y2 } else { y2.checked_sub(1)? };
        return date(i, j, Partial::Month(Some(y), m));
    }
    // "January of that year", "February of the following year", "May of last year"
    if let Some((off, anaphoric, e)) = of_rel_year(cx, j) {
        let p = if anaphoric {
            Partial::MonthOfRefYear(m, off)
        } else {
            Partial::MonthOfRelYear(m, off)
        };
        return date(i, e, p);
    }
    // Month this/last/next year
    for (k, off) in [(Kw::This, 0), (Kw::Last, -1), (Kw::Next, 1)] {
        if cx.kw(j, k) && cx.unit(j + 1) == Some((Unit::Year, false)) {
            return date(i, j + 2, Partial::MonthOfRelYear(m, off));
        }
    }
    match form {
        MonthForm::Full => {}
        MonthForm::Abbrev => {
            // Without its period a capitalised abbreviation stands alone only after a
            // preposition of time ("in Nov", "since Sept"), not after "to" or "and", where
            // "Jan" is more often a name.
            if j == i + 1
                && !(if cx.cap(i) {
                    strong_month_context(cx, i)
                } else {
                    month_context(cx, i)
                })
            {
                return None;
            }
        }
        MonthForm::Ambiguous => {
            if !month_context(cx, i) {
                return None;
            }
        }
    }
    // "August Wilson": a name. After an abbreviation's period a capital starts a sentence
    // ("in Oct. Anyone going?").
    let period = form == MonthForm::Abbrev && j == i + 2;
    if !period && name_follows(cx, j) {
        return None;
    }
    date(i, j, Partial::Month(None, m))
}

fn day_month(cx: &Cx<'_>, i: usize) -> Option<Found> {
    let the = cx.kw(i, Kw::The);
    let j = if the { i + 1 } else { i };
    // The day ends at most three tokens on, "of" may follow: the month comes within four.
    if !cx.any_lex(j + 1, j + 5, |l| matches!(l, Lex::Month(..))) {
        return None;
    }
    let (d, k) = cx.day(j)?;
    let ordinal_form = k > j + 1 || cx.num(j).is_none();
    let (mk, of) = if cx.kw(k, Kw::Of) {
        (k + 1, true)
    } else {
        (k, false)
    };
    if (the || of) && !ordinal_form {
        return None;
    }
    if the && !of && cx.num(j).is_none() {
        // "the first March" is not a date
        return None;
    }
    let (m, e) = cx.month(mk).or_else(|| {
        // Informal "5th jan", "12 sept.": a lowercase month right after the day, unless it
        // is also an ordinary word ("the 5th may be late").
        match cx.lx(mk) {
            Some(Lex::Month(m, MonthForm::Full | MonthForm::Abbrev)) if !of => Some((m, mk + 1)),
            _ => None,
        }
    })?;
    let mut end = e;
    let mut y = None;
    let yat = if cx.p(end, ',') { end + 1 } else { end };
    if let Some((yy, e2)) = cx.year_era(yat) {
        y = Some(yy);
        end = e2;
    }
    chrono::NaiveDate::from_ymd_opt(y.unwrap_or(2000), m.into(), d.into())?;
    // "5 October of that year", "the 2nd of May of the following year"
    if y.is_none() {
        if let Some((off, anaphoric, e)) = of_rel_year(cx, end) {
            return date(i, e, Partial::Day(DaySpec::OfYear(m, d, off, anaphoric)));
        }
    }
    date(i, end, Partial::Day(DaySpec::Date(y, m, d)))
}

/// An era after a year at `j`: "BC", "BCE", "B.C.", "B.C.E." (`true`), "AD", "A.D.", "CE",
/// "C.E." (`false`); written in capitals. Returns the era and the index after it.
fn era_after(cx: &Cx<'_>, j: usize) -> Option<(bool, usize)> {
    let upper = |k: usize| cx.bytes(k).iter().all(u8::is_ascii_uppercase);
    if !cx.is_word(j) || !upper(j) {
        return None;
    }
    if cx.is_any(j, &["bc", "bce"]) {
        return Some((true, j + 1));
    }
    if cx.is_any(j, &["ad", "ce"]) {
        return Some((false, j + 1));
    }
    // Dotted: letters and periods, joined ("B.C.", "A.D.", "B.C.E.").
    let mut k = j;
    let mut letters = Vec::<u8>::new();
    while letters.len() < 3 && cx.is_word(k) && cx.bytes(k).len() == 1 && upper(k) {
        if !(cx.p(k + 1, '.') && cx.joined(k + 1)) || (k > j && !cx.joined(k)) {
            break;
        }
        letters.push(cx.bytes(k)[0]);
        k += 2;
    }
    match letters.as_slice() {
        b"BC" | b"BCE" => Some((true, k)),
        b"AD" | b"CE" => Some((false, k)),
        _ => None,
    }
}

/// "44 BC", "AD 79", "1200 B.C.E.": a year of one to four digits with its era. Years before
/// the common era count back from 1 BC, the astronomical year 0.
fn era_year(cx: &Cx<'_>, i: usize) -> Option<Found> {
    let plain_number = |k: usize| {
        cx.num(k).filter(|&n| {
            (1..=9999).contains(&n)
                && !(cx.joined(k + 1)
                    && (cx.p(k + 1, ',') || cx.p(k + 1, '.'))
                    && cx.num(k + 2).is_some())
        })
    };
    if cx.is(i, "ad") {
        let n = plain_number(i + 1)?;
        return date(i, i + 2, Partial::Year(n as i32));
    }
    // An era in capitals follows, or a second year before one: "to", "and" or a dash.
    let next_upper = cx.is_word(i + 1) && cx.bytes(i + 1).iter().all(u8::is_ascii_uppercase);
    if !(next_upper || cx.kw(i + 1, Kw::To) || cx.kw(i + 1, Kw::And) || cx.dash(i + 1)) {
        return None;
    }
    if i > 0 && cx.joined(i) && (cx.is_word(i - 1) || cx.p(i - 1, '$')) {
        return None;
    }
    let n = plain_number(i)?;
    let (bc, end) = match era_after(cx, i + 1) {
        Some(era) => era,
        // The first year of a range takes the era of the second: "from 218 to 201 BC",
        // "between 300 and 250 BC", "44-42 BC".
        None => {
            let joint = cx.kw(i + 1, Kw::To) || cx.kw(i + 1, Kw::And) || cx.dash(i + 1);
            plain_number(i + 2).filter(|_| joint)?;
            (era_after(cx, i + 3)?.0, i + 1)
        }
    };
    let y = if bc { 1 - n as i32 } else { n as i32 };
    date(i, end, Partial::Year(y))
}

fn year(cx: &Cx<'_>, i: usize) -> Option<Found> {
    // fiscal [year] 1989
    if cx.kw(i, Kw::Fiscal) {
        let j = if cx.unit(i + 1) == Some((Unit::Year, false)) {
            i + 2
        } else {
            i + 1
        };
        let (y, e) = cx
            .year4(j)
            .or_else(|| {
                // "fiscal '89"
                (cx.apos(j) && cx.joined(j + 1) && cx.digits(j + 1) == 2)
                    .then(|| cx.num(j + 1))
                    .flatten()
                    .map(|n| (two_digit_year(n), j + 2))
            })
            .or_else(|| {
                // "FY24"
                (cx.is(i, "fy") && cx.joined(j) && cx.digits(j) == 2 && !cx.joined(j + 1))
                    .then(|| cx.num(j))
                    .flatten()
                    .map(|n| (two_digit_year(n), j + 1))
            })?;
        return date(i, e, Partial::Year(y));
    }
    // the year 1998 / the year two thousand
    if cx.kw(i, Kw::The) && cx.unit(i + 1) == Some((Unit::Year, false)) {
        let (y, e) = cx.year_any(i + 2)?;
        return date(i, e, Partial::Year(y));
    }
    // '98
    if cx.apos(i)
        && cx.joined(i + 1)
        && cx.digits(i + 1) == 2
        && !(cx.is(i + 2, "s") && cx.joined(i + 2))
    {
        if i > 0 && cx.joined(i) && cx.is_word(i - 1) {
            return None;
        }
        // "''60 Minutes'': a title.
        if cx.cap(i + 2) && cx.is_word(i + 2) && cx.lx(i + 2).is_none() {
            return None;
        }
        let n = cx.num(i + 1)?;
        return date(i, i + 2, Partial::Year(two_digit_year(n)));
    }
    if let Some((y, e)) = cx.spelled_year(i) {
        return date(i, e, Partial::Year(y));
    }
    let (y, e) = cx.year4(i)?;
    if y > 2100 {
        return None;
    }
    if i > 0 {
        let p = i - 1;
        if cx.p(p, '$')
            || cx.p(p, '#')
            || cx.p(p, '£')
            || cx.p(p, '€')
            || cx.tag(p) == Some(WordTag::NameBefore)
        {
            return None;
        }
        // "Orion 1980", "Windows 2000": a capitalised name right before the number.
        if cx.is_word(p)
            && cx.cap(p)
            && cx.lx(p).is_none()
            && cx.tag(p) != Some(WordTag::HolidayStart)
            && !cx.sentence_break(p)
            && !cx.bytes(p).iter().all(|b| b.is_ascii_uppercase())
        {
            return None;
        }
        let after_mid = cx.hyphen(p)
            && p > 0
            && (cx.is(p - 1, "mid") || cx.kw(p - 1, Kw::Pre) || cx.kw(p - 1, Kw::Post));
        if (cx.hyphen(p) && !after_mid) || (cx.joined(i) && cx.is_word(p)) {
            return None;
        }
        if cx.p(p, '.') && p > 0 && cx.is(p - 1, "no") {
            return None;
        }
    }
    if cx.p(e, '%') || (cx.hyphen(e) && (cx.unit(e + 1).is_some() || cx.is(e + 1, "old"))) {
        return None;
    }
    if cx.tag(e) == Some(WordTag::CountNoun) || cx.unit(e).is_some_and(|(_, p)| p) {
        return None;
    }
    if cx.joined(e) && (cx.is_word(e) || cx.num(e).is_some()) {
        return None;
    }
    date(i, e, Partial::Year(y))
}

fn two_digit_year(n: u32) -> i32 {
    if n <= 30 {
        2000 + n as i32
    } else {
        1900 + n as i32
    }
}

fn decade(cx: &Cx<'_>, i: usize) -> Option<Found> {
    let the = cx.kw(i, Kw::The);
    let mut j = if the { i + 1 } else { i };
    let mut modifier = None;
    for (k, m) in [
        (Kw::Early, TimexMod::Start),
        (Kw::Late, TimexMod::End),
        (Kw::Mid, TimexMod::Mid),
    ] {
        if cx.kw(j, k) {
            modifier = Some(m);
            j += 1;
            if cx.hyphen(j) {
                j += 1;
            }
            break;
        }
    }
    // "the nineties", "the early eighties"
    if let Some(Lex::DecadeWord(n)) = cx.lx(j) {
        if !the {
            return None;
        }
        let mut f = Found::new(i, j + 1, TimexKind::Date, Partial::DecadeOfCentury(n));
        f.modifier = modifier;
        return Some(f);
    }
    // "the 80s" without its apostrophe: a decade only after "the" ("in his 80s" is an age).
    let bare_two = cx.digits(j) == 2 && cx.is(j + 1, "s") && cx.joined(j + 1);
    // "the 1920s and 30s": the second decade of a pair takes the first one's century.
    let paired = bare_two
        && j == i
        && i >= 3
        && (cx.kw(i - 1, Kw::And)
            || cx.kw(i - 1, Kw::Or)
            || cx.kw(i - 1, Kw::To)
            || cx.dash(i - 1))
        && cx.is(i - 2, "s")
        && cx.joined(i - 2)
        && cx.digits(i - 3) == 4;
    let (y, k) = if cx.apos(j) && cx.joined(j + 1) && cx.digits(j + 1) == 2 {
        (two_digit_year(cx.num(j + 1)?), j + 2)
    } else if paired {
        let first = cx.num(i - 3)? as i32;
        (first - first.rem_euclid(100) + cx.num(j)? as i32, j + 1)
    } else if bare_two && the && !temperature(cx, i, j + 2) {
        (two_digit_year(cx.num(j)?), j + 1)
    } else if cx.digits(j) == 4 {
        (cx.num(j)? as i32, j + 1)
    } else {
        return None;
    };
    if y % 10 != 0 {
        return None;
    }
    let end = if cx.is(k, "s") && cx.joined(k) {
        k + 1
    } else if cx.apos(k) && cx.joined(k) && cx.is(k + 1, "s") && cx.joined(k + 1) {
        k + 2
    } else {
        return None;
    };
    if !the && modifier.is_none() && j > i {
        return None;
    }
    // "the 1920s and 30s" moving backwards ("the 1990s and 80s") is no pair.
    if paired && cx.num(i - 3).is_some_and(|f| y <= f as i32) {
        return None;
    }
    let p = if y % 100 == 0 && y < 2000 && cx.digits(j) == 4 {
        Partial::Century(y / 100)
    } else {
        Partial::Decade(y / 10)
    };
    let mut f = Found::new(i, end, TimexKind::Date, p);
    f.modifier = modifier;
    Some(f)
}

/// A reading of a thermometer around tokens `i..end` ("highs in the 70s", "the 80s
/// Fahrenheit"), not a decade.
fn temperature(cx: &Cx<'_>, i: usize, end: usize) -> bool {
    (i.saturating_sub(4)..i).any(|k| cx.is_any(k, TEMPERATURE_WORDS))
        || (end..end + 2).any(|k| cx.is_any(k, TEMPERATURE_WORDS))
}

fn century(cx: &Cx<'_>, i: usize) -> Option<Found> {
    let the = cx.kw(i, Kw::The);
    let j = if the { i + 1 } else { i };
    // (No century begins with a keyword but "the turn of".)
    if let Some(Lex::Kw(k)) = cx.lx(j) {
        return (the && k == Kw::Turn && cx.kw(j + 1, Kw::Of))
            .then(|| century_turn(cx, i, j + 2))
            .flatten();
    }
    // The day ends at most three tokens on, a hyphen may follow: the unit comes within four
    // (within eight when a second ordinal shares it: "the 12th to the 15th century").
    if !cx.any_lex(j + 1, j + 9, |l| matches!(l, Lex::Unit(Unit::Century, _))) {
        return None;
    }
    let (n, k) = cx.day(j).map(|(d, k)| (u32::from(d), k))?;
    let k = if cx.hyphen(k) { k + 1 } else { k };
    if n == 0 || n > 30 {
        return None;
    }
    // "the first decade of the 19th century": the decade of the century (1800s = 180).
    if the && n <= 10 && cx.unit(k) == Some((Unit::Decade, false)) && cx.kw(k + 1, Kw::Of) {
        let f = century(cx, k + 2)?;
        let Partial::Century(c) = f.partial else {
            return None;
        };
        if c < 0 || f.modifier.is_some() {
            return None;
        }
        let d = c.checked_mul(10)?.checked_add(n as i32 - 1)?;
        return date(i, f.end, Partial::Decade(d));
    }
    // (The plural only closes a range: "the 12th and [13th centuries]".)
    if !matches!(cx.unit(k), Some((Unit::Century, _))) {
        // The first end of a range that names the unit once: "from the 12th to the 15th
        // century", "the 12th and 13th centuries", "5th–3rd centuries BC".
        let bc = shared_century_era(cx, k)?;
        let n = n as i32;
        return date(i, k, Partial::Century(if bc { -n } else { n - 1 }));
    }
    if cx.num(j).is_some() && k == j + 1 {
        return None; // "20 century" without a suffix
    }
    // "the 5th century BC", "the 3rd century AD"
    match era_after(cx, k + 1) {
        Some((true, e)) => date(i, e, Partial::Century(-(n as i32))),
        Some((false, e)) => date(i, e, Partial::Century(n as i32 - 1)),
        None => date(i, k + 1, Partial::Century(n as i32 - 1)),
    }
}

/// "the turn of the century" (the century boundary nearest the year in focus), "the turn
/// of the 20th century" (1900), "the turn of the millennium": a year, approximately. `i` is
/// on "the", `k` after "of".
fn century_turn(cx: &Cx<'_>, i: usize, k: usize) -> Option<Found> {
    let (partial, end) = if cx.kw(k, Kw::The)
        && matches!(
            cx.unit(k + 1),
            Some((Unit::Century | Unit::Millennium, false))
        ) {
        let millennium = cx.unit(k + 1) == Some((Unit::Millennium, false));
        (Partial::CenturyTurn(millennium), k + 2)
    } else {
        let f = century(cx, k)?;
        let Partial::Century(c) = f.partial else {
            return None;
        };
        if c < 0 || f.modifier.is_some() {
            return None;
        }
        (Partial::Year(c.checked_mul(100)?), f.end)
    };
    let mut f = Found::new(i, end, TimexKind::Date, partial);
    f.modifier = Some(TimexMod::Approx);
    Some(f)
}

/// After the first ordinal of a range at `k` ("12th" in "the 12th to the 15th century"): the
/// connector, a second ordinal and the century unit it shares. Returns whether the second
/// end is BC.
fn shared_century_era(cx: &Cx<'_>, k: usize) -> Option<bool> {
    let joins = [Kw::To, Kw::And, Kw::Or, Kw::Through]
        .iter()
        .any(|&w| cx.kw(k, w))
        || cx.dash(k);
    if !joins {
        return None;
    }
    let mut m = if cx.kw(k + 1, Kw::The) { k + 2 } else { k + 1 };
    // "the late 19th and early 20th centuries"
    if cx.kw(m, Kw::Early) || cx.kw(m, Kw::Late) || cx.kw(m, Kw::Mid) {
        m += if cx.hyphen(m + 1) { 2 } else { 1 };
    }
    if cx.num(m).is_some() && !cx.joined(m + 1) {
        return None; // a bare number, no ordinal suffix
    }
    let (_, e) = cx.day(m)?;
    let e = if cx.hyphen(e) { e + 1 } else { e };
    if !matches!(cx.unit(e), Some((Unit::Century, _))) {
        return None;
    }
    Some(matches!(era_after(cx, e + 1), Some((true, _))))
}

/// Words before a weekday abbreviation or a year-less numeric date that make it a day ("on
/// Sat", "until Wed", "since 3/12").
const WEEKDAY_LEADS: &[Kw] = &[
    Kw::On,
    Kw::This,
    Kw::Next,
    Kw::Last,
    Kw::By,
    Kw::Until,
    Kw::Since,
    Kw::From,
    Kw::Before,
    Kw::After,
    Kw::Every,
    Kw::Each,
    Kw::Through,
];

/// Token `p` is a lead word of a day ([`WEEKDAY_LEADS`], "till", "thru").
fn day_lead(cx: &Cx<'_>, p: usize) -> bool {
    WEEKDAY_LEADS.iter().any(|&k| cx.kw(p, k)) || cx.is(p, "till") || cx.is(p, "thru")
}

/// A month-and-day date at `j` in any written form ("March 18", "18 March", "3/18").
fn calendar_date(cx: &Cx<'_>, j: usize) -> Option<Found> {
    month_date(cx, j)
        .or_else(|| day_month(cx, j))
        .or_else(|| numeric_date(cx, j))
}

/// A weekday abbreviation at `i` that stands for a day: (day, index after it and its
/// period). "Fri", "thurs", "Thurs." in any case; "Sat", "Sun", "Wed", "Mon" (also English
/// words) and lowercase forms only after a lead word ("on sat") or before a time of day
/// ("Sun 3pm", "wed night"), or capitalised with their period ("Wed.").
fn weekday_abbrev(cx: &Cx<'_>, i: usize) -> Option<(u8, usize)> {
    let Some(Lex::WeekdayAbbrev(wd, word)) = cx.lx(i) else {
        return None;
    };
    // The abbreviation's period, unless it ends the sentence ("counted Fri."); informal
    // lowercase abbreviations ("every sat.") leave their period to the sentence.
    let dot = cx.cap(i)
        && cx.p(i + 1, '.')
        && cx.joined(i + 1)
        && cx.toks.get(i + 2).is_some_and(|t| {
            !t.newline_before
                && (t.kind == TokKind::Num || !cx.cap(i + 2) || cx.lx(i + 2).is_some())
        });
    let j = if dot { i + 2 } else { i + 1 };
    // After "for"/"to" only at the end of a phrase ("can't wait for fri!!").
    let weak_lead = i > 0
        && (cx.kw(i - 1, Kw::For) || cx.kw(i - 1, Kw::To))
        && cx
            .toks
            .get(j)
            .is_none_or(|t| t.kind == TokKind::Punct || t.newline_before);
    // "mon-fri", "mon to fri": the first of a range of days.
    let range_start = (cx.dash(j) || cx.kw(j, Kw::To) || cx.kw(j, Kw::Through) || cx.is(j, "thru"))
        && matches!(
            cx.lx(j + 1),
            Some(Lex::WeekdayAbbrev(..) | Lex::Weekday(_, false))
        );
    // "see you sat", "c u fri"
    let lead = i > 0 && (day_lead(cx, i - 1) || cx.farewell(i - 1)) || weak_lead || range_start;
    let timed =
        cx.daypart(j).is_some() || cx.p(j, '@') || (cx.num(j).is_some() && clock(cx, j).is_some());
    // "Fri Frank": a capitalised word after a bare abbreviation makes it part of a name.
    let name_after = j == i + 1 && name_follows(cx, j);
    // "Wed." with its period, not "the Sun."
    let dotted = j == i + 2 && !(i > 0 && cx.kw(i - 1, Kw::The));
    // Abbreviations that are no English word stand alone in informal lowercase too
    // ("leaving tues, back thurs").
    let plain = ((cx.cap(i) && dotted) || !word) && !name_after;
    (lead || timed || plain).then_some((wd, j))
}

/// A weekday named at `i`, in full ("Friday") or abbreviated ("Fri", "fri."): the day and the
/// index after the name. Plurals ("Fridays") are sets, not names of one day.
fn day_name(cx: &Cx<'_>, i: usize) -> Option<(u8, usize)> {
    match cx.weekday(i) {
        Some((wd, false)) => Some((wd, i + 1)),
        Some((_, true)) => None,
        None => weekday_abbrev(cx, i),
    }
}

fn weekday(cx: &Cx<'_>, i: usize) -> Option<Found> {
    // "Mon 31 Mar 2025", "Thurs., Oct. 5": an abbreviation before a date.
    if let Some(Lex::WeekdayAbbrev(..)) = cx.lx(i) {
        let mut j = i + 1;
        if cx.p(j, '.') && cx.joined(j) {
            j += 1;
        }
        if cx.p(j, ',') {
            j += 1;
        }
        if cx.cap(i) {
            if let Some(f) = calendar_date(cx, j) {
                if let Partial::Day(_) = f.partial {
                    return date(i, f.end, f.partial);
                }
            }
        }
        let (wd, j) = weekday_abbrev(cx, i)?;
        return weekday_tail(cx, i, j, wd);
    }
    let (wd, plural) = cx.weekday(i)?;
    if plural {
        return Some(Found::new(
            i,
            i + 1,
            TimexKind::Set,
            Partial::Set(TimexValue::Date(DateValue::Weekday(wd))),
        ));
    }
    let j = i + 1;
    let after = if cx.p(j, ',') { j + 1 } else { j };
    if let Some(f) = calendar_date(cx, after) {
        if matches!(f.partial, Partial::Day(_)) {
            return date(i, f.end, f.partial);
        }
    }
    // "falls on a Friday": any such day, not a particular one ("a Sunday night service" is
    // a service).
    let phrase_ends = !cx.is_word(j)
        || cx.is_any(j, CLAUSE_WORDS)
        || [Kw::In, Kw::This, Kw::Next, Kw::Last, Kw::Of]
            .iter()
            .any(|&k| cx.kw(j, k));
    if i > 0 && cx.kw(i - 1, Kw::A) && !cx.cap(i - 1) && phrase_ends {
        return Some(Found::new(
            i - 1,
            j,
            TimexKind::Date,
            Partial::Set(TimexValue::Date(DateValue::Weekday(wd))),
        ));
    }
    // "The Sunday Times": a name; not after a preposition of days ("On Saturday Minsk was
    // encircled", "By Tuesday German armour had crossed").
    let led = i > 0
        && ([Kw::On, Kw::By, Kw::Until, Kw::Since]
            .iter()
            .any(|&k| cx.kw(i - 1, k))
            || cx.is(i - 1, "till"));
    if !led
        && cx.is_word(j)
        && cx.cap(j)
        && !cx.sentence_break(j)
        && cx
            .lx(j)
            .is_none_or(|l| matches!(l, Lex::Kw(_) | Lex::Frequency(_)))
    {
        return None;
    }
    weekday_tail(cx, i, j, wd)
}

/// A weekday's day (tokens `i..j`) with a clock time or part of the day after it.
fn weekday_tail(cx: &Cx<'_>, i: usize, j: usize, wd: u8) -> Option<Found> {
    // "every Monday and Wednesday": "every" reaches the second day of the pair.
    if i >= 3
        && (cx.kw(i - 1, Kw::And) || cx.kw(i - 1, Kw::Or))
        && (cx.kw(i - 3, Kw::Every) || cx.kw(i - 3, Kw::Each))
        && day_name(cx, i - 2).is_some_and(|(_, e)| e == i - 1)
    {
        return Some(weekday_set(i, j, wd, None));
    }
    // "Sunday mornings", "sat nights": that part of every such day.
    if let Some(p) = cx.daypart_plural(j) {
        return Some(weekday_set(i, j + 1, wd, Some(p)));
    }
    // "Monday and Tuesday nights", "Monday, Wednesday and Friday evenings": the plural part
    // of the day at the end of the list belongs to every day in it.
    if let Some(p) = shared_daypart(cx, j) {
        return Some(weekday_set(i, j, wd, Some(p)));
    }
    // "thursday 8pm"
    if cx.num(j).is_some() {
        if let Some(c) = clock(cx, j) {
            if let Partial::Time(DaySpec::Current, tod) = c.partial {
                return Some(Found::new(
                    i,
                    c.end,
                    TimexKind::Time,
                    Partial::Time(DaySpec::Weekday(wd, WdRel::Tense), tod),
                ));
            }
        }
    }
    if let Some(dp) = cx.daypart(j) {
        if let Some(tod) = daypart_time(dp) {
            return Some(Found::new(
                i,
                j + 1,
                TimexKind::Time,
                Partial::Time(DaySpec::Weekday(wd, WdRel::Tense), tod),
            ));
        }
    }
    date(i, j, Partial::Day(DaySpec::Weekday(wd, WdRel::Tense)))
}

/// A recurring weekday (tokens `i..end`), at a part of the day or all day: a SET.
fn weekday_set(i: usize, end: usize, wd: u8, part: Option<PartOfDay>) -> Found {
    let day = DateValue::Weekday(wd);
    let v = match part {
        Some(p) => TimexValue::Time(day, TimeOfDay::Part(p)),
        None => TimexValue::Date(day),
    };
    Found::new(i, end, TimexKind::Set, Partial::Set(v))
}

/// After a weekday ending at `j`, a list of further weekdays joined by "and", "or" or commas
/// that ends in a plural part of the day ("[Monday] and Tuesday nights"): that part.
fn shared_daypart(cx: &Cx<'_>, j: usize) -> Option<PartOfDay> {
    let mut k = j;
    for _ in 0..6 {
        let joined = if cx.p(k, ',') {
            k + 1 + usize::from(cx.kw(k + 1, Kw::And) || cx.kw(k + 1, Kw::Or))
        } else if cx.kw(k, Kw::And) || cx.kw(k, Kw::Or) {
            k + 1
        } else {
            return None;
        };
        let (_, next) = day_name(cx, joined)?;
        if let Some(p) = cx.daypart_plural(next) {
            return Some(p);
        }
        k = next;
    }
    None
}

/// A day expression starting at `i` (a date, a weekday, a holiday, "last Tuesday"): its day
/// and the index after it.
fn best_day(cx: &Cx<'_>, i: usize) -> Option<(DaySpec, usize)> {
    let day = |f: Found| match f.partial {
        Partial::Day(d) => Some((d, f.end)),
        _ => None,
    };
    let rules: [fn(&Cx<'_>, usize) -> Option<Found>; 5] =
        [month_date, day_month, weekday, holiday, relative];
    rules.iter().find_map(|r| r(cx, i).and_then(day))
}

fn daypart_time(dp: DayPart) -> Option<TimeOfDay> {
    Some(match dp {
        DayPart::Part(p) => TimeOfDay::Part(p),
        DayPart::Noon => TimeOfDay::Clock {
            hour: 12,
            minute: Some(0),
            second: None,
        },
        DayPart::Midnight => TimeOfDay::Clock {
            hour: 24,
            minute: None,
            second: None,
        },
        DayPart::Overnight => TimeOfDay::Part(PartOfDay::Night),
        DayPart::Plural(_) => return None,
    })
}

fn deictic(cx: &Cx<'_>, i: usize) -> Option<Found> {
    // "the week of March 6", "the weekend of June 3", "the day before last Tuesday('s)"
    if cx.kw(i, Kw::The) {
        let unit = cx.unit(i + 1);
        let rel = if cx.kw(i + 2, Kw::Of) {
            Some(0)
        } else if cx.kw(i + 2, Kw::Before) {
            Some(-1)
        } else if cx.kw(i + 2, Kw::After) {
            Some(1)
        } else {
            None
        };
        // "the week after next", "the month after next": two on from the current one.
        if rel == Some(1) && cx.kw(i + 3, Kw::Next) {
            let p = match unit {
                Some((Unit::Week, false)) => Some(Partial::RelWeek(2)),
                Some((Unit::Weekend, false)) => Some(Partial::RelWeekend(Some(2))),
                Some((Unit::Month, false)) => Some(Partial::RelMonth(2)),
                Some((Unit::Year, false)) => Some(Partial::RelYear(2)),
                _ => None,
            };
            if let Some(p) = p {
                return date(i, i + 4, p);
            }
        }
        if let (Some((u, false)), Some(off)) = (unit, rel) {
            // "the weekend of 13–14 September": the first day of a pair, in the month of the
            // second.
            let pair_start = || {
                let d1 = cx
                    .num(i + 3)
                    .filter(|&n| (1..=31).contains(&n) && cx.digits(i + 3) <= 2)?;
                if !(cx.dash(i + 4) || cx.kw(i + 4, Kw::And)) {
                    return None;
                }
                match best_day(cx, i + 5)? {
                    (DaySpec::Date(y, m, d2), end) if u32::from(d2) > d1 => {
                        chrono::NaiveDate::from_ymd_opt(y.unwrap_or(2000), m.into(), d1)?;
                        Some((DaySpec::Date(y, m, d1 as u8), end))
                    }
                    _ => None,
                }
            };
            if let Some((d, end)) = best_day(cx, i + 3).or_else(pair_start) {
                let p = match (u, off) {
                    (Unit::Week, 0) => Some(Partial::WeekOf(d, false)),
                    (Unit::Weekend, 0) => Some(Partial::WeekOf(d, true)),
                    (Unit::Day, o) if o != 0 => Some(Partial::DayFrom(d, o)),
                    _ => None,
                };
                if let Some(p) = p {
                    return date(i, end, p);
                }
            }
        }
    }
    // "day after tomorrow" (informal, no article)
    if cx.unit(i) == Some((Unit::Day, false)) && !(i > 0 && cx.kw(i - 1, Kw::A)) {
        if cx.kw(i + 1, Kw::After) && cx.kw(i + 2, Kw::Tomorrow) {
            return date(i, i + 3, Partial::Day(DaySpec::Deictic(2)));
        }
        if cx.kw(i + 1, Kw::Before) && cx.kw(i + 2, Kw::Yesterday) {
            return date(i, i + 3, Partial::Day(DaySpec::Deictic(-2)));
        }
        return None;
    }
    // "the day before yesterday", "the day after tomorrow", "The day before, …"
    if cx.kw(i, Kw::The) && cx.unit(i + 1) == Some((Unit::Day, false)) {
        let dir = if cx.kw(i + 2, Kw::Before) {
            -1
        } else if cx.kw(i + 2, Kw::After) {
            1
        } else {
            return None;
        };
        if cx.kw(i + 3, Kw::Yesterday) && dir < 0 {
            return date(i, i + 4, Partial::Day(DaySpec::Deictic(-2)));
        }
        if cx.kw(i + 3, Kw::Tomorrow) && dir > 0 {
            return date(i, i + 4, Partial::Day(DaySpec::Deictic(2)));
        }
        let t = cx.toks.get(i + 3);
        let ends = t.is_none_or(|t| t.kind == TokKind::Punct) && !cx.apos(i + 3);
        if ends {
            return date(i, i + 3, Partial::Day(DaySpec::Anaphor(dir)));
        }
        return None;
    }
    // "The year before, …", "the month after, …": the unit next to the one in focus, at the
    // head of its clause (at a clause's end it is a comparison: "down from $450 million the
    // year before.").
    if cx.kw(i, Kw::The) {
        // "the year that followed,", "the decade that preceded.": the unit next to the one
        // in focus (with no object: "the year that preceded the war" counts from the war).
        let ends = cx.toks.get(i + 4).is_none_or(|t| t.kind == TokKind::Punct);
        if let Some((u @ (Unit::Month | Unit::Year | Unit::Decade), false)) = cx.unit(i + 1) {
            if ends && cx.kw(i + 2, Kw::That) {
                let dir = if cx.is(i + 3, "followed") {
                    1
                } else if cx.is(i + 3, "preceded") {
                    -1
                } else {
                    return None;
                };
                return date(i, i + 4, Partial::Anaphor(u, dir));
            }
        }
        if let Some((u @ (Unit::Week | Unit::Month | Unit::Year), false)) = cx.unit(i + 1) {
            let dir = if cx.kw(i + 2, Kw::Before) {
                -1
            } else if cx.kw(i + 2, Kw::After) {
                1
            } else {
                return None;
            };
            if cx.p(i + 3, ',') {
                return date(i, i + 3, Partial::Anaphor(u, dir));
            }
        }
    }
    // "2moro", "2nite": a texting spelling (not "a 2day course").
    if cx.num(i) == Some(2) && cx.digits(i) == 1 && cx.joined(i + 1) && cx.is_word(i + 1) {
        let article = i > 0 && (cx.kw(i - 1, Kw::A) || cx.kw(i - 1, Kw::The));
        let kw = super::lexicon::TWO_WORDS
            .iter()
            .find(|(w, _)| cx.is(i + 1, w))
            .map(|&(_, k)| k)
            .filter(|_| !article && !cx.hyphen(i + 2))?;
        let off = match kw {
            Kw::Tomorrow => 1,
            _ => 0,
        };
        // "2moro nite", "2day morning": the day and its part, as for "tomorrow night".
        if kw != Kw::Tonight {
            if let Some(tod) = cx.daypart(i + 2).and_then(daypart_time) {
                return Some(Found::new(
                    i,
                    i + 3,
                    TimexKind::Time,
                    Partial::Time(DaySpec::Deictic(off), tod),
                ));
            }
        }
        return date(i, i + 2, Partial::Day(DaySpec::Deictic(off)));
    }
    let off = match cx.lx(i)? {
        Lex::Kw(Kw::Today)
            if cx.apos(i + 1)
                && cx.is(i + 2, "s")
                && super::lexicon::GENERIC_HEADS
                    .iter()
                    .any(|h| cx.is(i + 3, h)) =>
        {
            return None;
        }
        // "USA Today", "VOA Today": a title-case name ends in the word.
        Lex::Kw(Kw::Today)
            if cx.cap(i)
                && i > 0
                && cx.is_word(i - 1)
                && cx.cap(i - 1)
                && cx.lx(i - 1).is_none()
                && !cx.sentence_break(i)
                // "WASHINGTON Today …": a dateline, not a name.
                && (cx.bytes(i - 1).len() <= 3
                    || cx.bytes(i - 1).iter().any(u8::is_ascii_lowercase)) =>
        {
            return None;
        }
        Lex::Kw(Kw::Today) => 0,
        Lex::Kw(Kw::Yesterday) => -1,
        Lex::Kw(Kw::Tomorrow) => 1,
        Lex::Kw(Kw::Tonight) => return date(i, i + 1, Partial::Day(DaySpec::Deictic(0))),
        _ => return None,
    };
    if let Some(dp) = cx.daypart(i + 1) {
        if let Some(tod) = daypart_time(dp) {
            return Some(Found::new(
                i,
                i + 2,
                TimexKind::Time,
                Partial::Time(DaySpec::Deictic(off), tod),
            ));
        }
    }
    date(i, i + 1, Partial::Day(DaySpec::Deictic(off)))
}

/// Relation words before a unit: (offset, anaphoric).
fn rel_word(cx: &Cx<'_>, j: usize, the: bool) -> Option<(i32, bool, usize)> {
    let w = cx.lx(j)?;
    Some(match w {
        Lex::Kw(Kw::Last) if cx.kw(j + 1, Kw::Past) => (-1, false, j + 2),
        Lex::Kw(Kw::This) if cx.kw(j + 1, Kw::Past) => (-1, false, j + 2),
        Lex::Kw(Kw::This) if cx.kw(j + 1, Kw::Coming) => (1, false, j + 2),
        Lex::Kw(Kw::Last) => (-1, false, j + 1),
        Lex::Kw(Kw::Past) if the => (-1, false, j + 1),
        Lex::Kw(Kw::This) if !the => (0, false, j + 1),
        Lex::Kw(Kw::Current) => (0, false, j + 1),
        Lex::Kw(Kw::Next) if the => (1, true, j + 1),
        Lex::Kw(Kw::Next) => (1, false, j + 1),
        Lex::Kw(Kw::Coming | Kw::Upcoming) => (1, false, j + 1),
        Lex::Kw(Kw::Previous | Kw::Preceding | Kw::Prior) => (-1, true, j + 1),
        Lex::Kw(Kw::Following | Kw::Ensuing) => (1, true, j + 1),
        Lex::Kw(Kw::Same) if the => (0, true, j + 1),
        Lex::Kw(Kw::That) if !the && cx.kw(j + 1, Kw::Same) => (0, true, j + 2),
        Lex::Kw(Kw::That) if !the => (0, true, j + 1),
        _ => return None,
    })
}

/// A range or coordination whose second member carries the year of both ("June to August
/// 1944", "the summer and autumn of 1941"): from `j` (on "to", "and", "or", "through",
/// "until" or a dash, or a comma that goes on to such a pair: "May, June and July 1940"), the
/// second member read by `second` (its value and next index, after an optional "the") and
/// its year (after an optional "of" or comma).
fn range_year<T>(
    cx: &Cx<'_>,
    j: usize,
    second: &dyn Fn(usize) -> Option<(T, usize)>,
) -> Option<(T, i32)> {
    // A list ("May, June and July 1940"): a comma joins when the list goes on to a member
    // that carries the year.
    if cx.p(j, ',') {
        let k = if cx.kw(j + 1, Kw::The) { j + 2 } else { j + 1 };
        let (v, e) = second(k)?;
        let (_, y) = range_year(cx, e, second)?;
        return Some((v, y));
    }
    let joins = cx.dash(j)
        || [Kw::To, Kw::And, Kw::Or, Kw::Through, Kw::Until]
            .iter()
            .any(|&k| cx.kw(j, k));
    if !joins {
        return None;
    }
    let k = if cx.kw(j + 1, Kw::The) { j + 2 } else { j + 1 };
    let (v, e) = second(k)?;
    let yat = if cx.kw(e, Kw::Of) || cx.p(e, ',') {
        e + 1
    } else {
        e
    };
    let (y, _) = cx.year_any(yat)?;
    Some((v, y))
}

/// "of that year", "of the following year", "of last year" from `j` (on "of"): the year's
/// offset, whether it counts from the year last mentioned (not from the anchor's), and the
/// index after "year".
fn of_rel_year(cx: &Cx<'_>, j: usize) -> Option<(i32, bool, usize)> {
    if !cx.kw(j, Kw::Of) {
        return None;
    }
    let the = cx.kw(j + 1, Kw::The);
    let k = if the { j + 2 } else { j + 1 };
    let (off, anaphoric, e) = rel_word(cx, k, the)?;
    (cx.unit(e) == Some((Unit::Year, false))).then_some((off, anaphoric, e + 1))
}

fn relative(cx: &Cx<'_>, i: usize) -> Option<Found> {
    let the = cx.kw(i, Kw::The);
    let j = if the { i + 1 } else { i };
    // "the latest quarter", "the most recent quarter", "the recent quarter"
    if the {
        let k = if cx.kw(j, Kw::Most) && cx.kw(j + 1, Kw::Recent) {
            Some(j + 2)
        } else if cx.kw(j, Kw::Latest) || cx.kw(j, Kw::Recent) || cx.is(j, "reporting") {
            Some(j + 1)
        } else {
            None
        };
        if let Some(k) = k {
            if cx.unit(k) == Some((Unit::Quarter, false)) {
                return date(i, k + 1, Partial::ReportedQuarter);
            }
        }
        // "the quarter a year ago"
        if cx.unit(j) == Some((Unit::Quarter, false))
            && cx.kw(j + 1, Kw::A)
            && cx.unit(j + 2) == Some((Unit::Year, false))
            && (cx.kw(j + 3, Kw::Ago) || cx.kw(j + 3, Kw::Earlier))
        {
            return date(i, j + 4, Partial::YearAgo);
        }
        // "the quarter"
        if cx.unit(j) == Some((Unit::Quarter, false))
            && !cx.kw(j + 1, Kw::Of)
            && !cx.is(j + 1, "century")
        {
            return date(i, j + 1, Partial::ReportedQuarter);
        }
    }
    let (off, anaphoric, k) = rel_word(cx, j, the)?;
    // "the current fiscal year", "last fiscal year"
    let k = if cx.kw(k, Kw::Fiscal) && cx.unit(k + 1).is_some() {
        k + 1
    } else {
        k
    };
    if let Some((u, plural)) = cx.unit(k) {
        if plural {
            return None; // "the past years": the amount rule
        }
        // "within the next month": an amount of time, not the calendar month.
        if the && off != 0 && i > 0 && cx.is(i - 1, "within") {
            let one = Qty::plain(Some(1));
            return Some(Found::new(
                i,
                k + 1,
                TimexKind::Duration,
                Partial::Duration(unit_duration(one, u)),
            ));
        }
        // A title: "This Week With David Brinkley".
        if cx.cap(k) && cx.cap(k + 1) && cx.is_word(k + 1) && !cx.sentence_break(k + 1) {
            return None;
        }
        let p = if anaphoric {
            match u {
                Unit::Night => {
                    return Some(Found::new(
                        i,
                        k + 1,
                        TimexKind::Time,
                        Partial::Time(DaySpec::Anaphor(off), TimeOfDay::Part(PartOfDay::Night)),
                    ));
                }
                Unit::Day
                | Unit::Week
                | Unit::Weekend
                | Unit::Month
                | Unit::Quarter
                | Unit::Year
                | Unit::Decade
                | Unit::Century => Partial::Anaphor(u, off),
                _ => return None,
            }
        } else {
            match u {
                Unit::Year => Partial::RelYear(off),
                Unit::Month => Partial::RelMonth(off),
                Unit::Week => Partial::RelWeek(off),
                Unit::Weekend => Partial::RelWeekend(Some(off)),
                Unit::Quarter => Partial::RelQuarter(off),
                Unit::Decade => Partial::RelDecade(off),
                Unit::Century if off == 0 => Partial::Anaphor(Unit::Century, 0),
                Unit::Night if off == -1 && !the => {
                    return Some(Found::new(
                        i,
                        k + 1,
                        TimexKind::Time,
                        Partial::Time(DaySpec::Deictic(-1), TimeOfDay::Part(PartOfDay::Night)),
                    ));
                }
                Unit::Night if off == 0 => {
                    return Some(Found::new(
                        i,
                        k + 1,
                        TimexKind::Time,
                        Partial::Time(DaySpec::Deictic(0), TimeOfDay::Part(PartOfDay::Night)),
                    ));
                }
                _ => return None,
            }
        };
        return date(i, k + 1, p);
    }
    if let Some((wd, e)) = day_name(cx, k) {
        let k = e - 1;
        let rel = match off {
            -1 => WdRel::Last,
            0 => WdRel::This,
            _ => WdRel::Next,
        };
        if anaphoric {
            return date(i, k + 1, Partial::Day(DaySpec::RefWeekday(wd, rel)));
        }
        return date(i, k + 1, Partial::Day(DaySpec::Weekday(wd, rel)));
    }
    if let Some((m, e)) = cx.month(k) {
        // "the following May", "the previous December", "that March": the month next to
        // the date in focus.
        if anaphoric {
            if cx.day(e).is_some() || cx.year4(e).is_some() {
                return None;
            }
            return date(i, e, Partial::RefMonth(m, off));
        }
        // "last Oct. 23": a day; the nearest past occurrence.
        if let Some(f) = month_date(cx, k) {
            if let Partial::Day(DaySpec::Date(None, m, d)) = f.partial {
                let p = if off < 0 {
                    Partial::Day(DaySpec::PastDate(m, d))
                } else {
                    Partial::Day(DaySpec::Date(None, m, d))
                };
                return date(i, f.end, p);
            }
        }
        return date(i, e, Partial::NamedMonth(m, off));
    }
    if let Some(Lex::Season(s)) = cx.lx(k) {
        if anaphoric {
            return date(i, k + 1, Partial::RefSeason(s, off));
        }
        return date(i, k + 1, Partial::RelSeason(s, off));
    }
    if let Some(dp) = cx.daypart(k) {
        let tod = daypart_time(dp)?;
        let day = if anaphoric {
            DaySpec::Anaphor(off)
        } else if off == 0 || the {
            DaySpec::Deictic(0)
        } else {
            DaySpec::Deictic(off)
        };
        if the && !anaphoric {
            return None;
        }
        return Some(Found::new(
            i,
            k + 1,
            TimexKind::Time,
            Partial::Time(day, tod),
        ));
    }
    None
}

fn unit_duration(q: Qty, u: Unit) -> DurationValue {
    let n = q.n;
    let mul = |k: u32| n.map(|n| n.saturating_mul(k));
    let whole = match u {
        Unit::Second => (n, DurationUnit::Second),
        Unit::Minute => (n, DurationUnit::Minute),
        Unit::Hour => (n, DurationUnit::Hour),
        Unit::Day | Unit::Night => (n, DurationUnit::Day),
        Unit::Week => (n, DurationUnit::Week),
        Unit::Weekend => (n, DurationUnit::Weekend),
        Unit::Fortnight => (mul(2), DurationUnit::Week),
        Unit::Month => (n, DurationUnit::Month),
        Unit::Quarter => (n, DurationUnit::Quarter),
        Unit::Year => (n, DurationUnit::Year),
        Unit::Decade if n.is_none() => (None, DurationUnit::Decade),
        Unit::Decade => (mul(10), DurationUnit::Year),
        Unit::Century if n.is_none() => (None, DurationUnit::Century),
        Unit::Century => (mul(100), DurationUnit::Year),
        Unit::Millennium => (mul(1000), DurationUnit::Year),
    };
    // At most three parts ("a week and a half": a week, three days, twelve hours), kept in a
    // fixed buffer: `parts[skip..len]` are in use.
    let mut parts = [whole; 3];
    let mut len = 1;
    let mut skip = 0;
    if q.half {
        let extra = match u {
            Unit::Year => Some((6, DurationUnit::Month)),
            Unit::Decade => Some((5, DurationUnit::Year)),
            Unit::Century => Some((50, DurationUnit::Year)),
            Unit::Month => Some((15, DurationUnit::Day)),
            Unit::Week => Some((3, DurationUnit::Day)),
            Unit::Day | Unit::Night => Some((12, DurationUnit::Hour)),
            Unit::Hour => Some((30, DurationUnit::Minute)),
            Unit::Minute => Some((30, DurationUnit::Second)),
            _ => None,
        };
        if let Some((a, du)) = extra {
            parts[1] = (Some(a), du);
            len = 2;
            if u == Unit::Week {
                parts[2] = (Some(12), DurationUnit::Hour);
                len = 3;
            }
        }
        if n == Some(0) {
            skip = 1;
        }
    }
    DurationValue::from_parts(parts.get(skip..len).unwrap_or(&[]).iter().copied())
}

/// "ago" at `k`, or its informal "back" ("a few days back i saw him"; not "two weeks back
/// to March", where the amount moves something).
fn ago_after(cx: &Cx<'_>, k: usize) -> bool {
    cx.kw(k, Kw::Ago)
        || (cx.is(k, "back") && !cx.cap(k) && !cx.kw(k + 1, Kw::To) && !cx.is(k + 1, "from"))
}

/// "2h ago", "3d ago", "5m ago": a number and a one- or two-letter unit written as one
/// word, then "ago" (the time stamp of a post).
fn compact_ago(cx: &Cx<'_>, i: usize) -> Option<Found> {
    if !(cx.joined(i + 1) && cx.is_word(i + 1) && cx.kw(i + 2, Kw::Ago)) {
        return None;
    }
    let n = cx.num(i)?;
    let &(_, unit) = super::lexicon::COMPACT_UNITS
        .iter()
        .find(|(w, _)| cx.is(i + 1, w))?;
    date(
        i,
        i + 3,
        Partial::Ago {
            unit,
            n: Some(n),
            dir: -1,
            anaphoric: false,
        },
    )
}

fn amount(cx: &Cx<'_>, i: usize) -> Option<Found> {
    // Every amount ends in a unit a few tokens on ("the first two and a half years").
    if !cx.any_lex(i, i + 9, |l| matches!(l, Lex::Unit(..))) {
        return None;
    }
    let the = cx.kw(i, Kw::The);
    let mut j = if the { i + 1 } else { i };
    let lead = matches!(
        cx.lx(j),
        Some(
            Lex::Kw(
                Kw::Latest
                    | Kw::Past
                    | Kw::Last
                    | Kw::Next
                    | Kw::Coming
                    | Kw::Previous
                    | Kw::Following
                    | Kw::Recent
            ) | Lex::Ordinal(1)
        )
    ) || cx.is(j, "final")
        || cx.is(j, "initial");
    // "The trial will last twelve weeks": the verb "last".
    if lead && !the && cx.kw(j, Kw::Last) && i > 0 {
        let p = i - 1;
        if cx.is_any(p, VERB_CONTEXT) {
            return None;
        }
    }
    if lead {
        j += 1;
    }
    if the && !lead && cx.kw(j, Kw::A) {
        return None;
    }
    // Bare plural unit: "years", "recent years", "the coming months".
    if let Some((u, true)) = cx.unit(j) {
        // "such quarters" (lodgings): quarters need a lead word.
        if u == Unit::Quarter && !lead {
            return None;
        }
        // "working hours", "minutes apart": hours and minutes only after "for", "in"…, or
        // before "later"/"earlier" ("Hours later, …").
        if matches!(u, Unit::Hour | Unit::Minute) && !lead {
            let ok = i
                .checked_sub(1)
                .is_some_and(|p| cx.is_any(p, SPAN_PREPOSITIONS))
                || cx.kw(j + 1, Kw::Later)
                || cx.kw(j + 1, Kw::Earlier);
            if !ok {
                return None;
            }
        }
        if cx.cap(j) && !cx.sentence_break(j) {
            return None;
        }
        // "new years resolution": the holiday, written loosely.
        if u == Unit::Year && j > 0 && cx.is(j - 1, "new") {
            return None;
        }
        // "open on weekends", "works weekends": every weekend, a set.
        if u == Unit::Weekend && !lead && !the && !cx.cap(j) {
            // After a lead word or a plain word (a verb: "works weekends"), not after a
            // number or a time word ("two weekends" is an amount).
            let adverbial = i.checked_sub(1).is_some_and(|p| {
                cx.is_any(p, WEEKEND_SET_LEADS) || (cx.is_word(p) && cx.lx(p).is_none())
            });
            if adverbial {
                let v = set_unit(Unit::Weekend, 1)?;
                return Some(Found::new(
                    i,
                    j + 1,
                    TimexKind::Set,
                    Partial::Set(TimexValue::Duration(v)),
                ));
            }
        }
        if matches!(
            u,
            Unit::Weekend | Unit::Night | Unit::Second | Unit::Fortnight
        ) {
            return None;
        }
        if ((the && !lead) || cx.is(j + 1, "old")) && !(the && cx.kw(j + 1, Kw::Ahead)) {
            return None;
        }
        let start = i;
        let mut end = j + 1;
        if cx.kw(end, Kw::Ahead) {
            end += 1;
        }
        if ago_after(cx, end) {
            return date(start, end + 1, Partial::Ref(RefValue::Past));
        }
        let q = Qty::plain(None);
        return Some(Found::new(
            start,
            end,
            TimexKind::Duration,
            Partial::Duration(unit_duration(q, u)),
        ));
    }
    let (q, mut k) = cx.qty(j)?;
    if (cx.kw(k, Kw::To) || cx.kw(k, Kw::Or) || cx.p(k, '-')) && !q.article {
        if let Some((q2, k2)) = cx.qty(k + 1) {
            if q2.n.is_some() && !q2.article && cx.unit(k2).is_some() {
                k = k2;
            }
        }
    }
    if cx.kw(k, Kw::More) || cx.is_any(k, AMOUNT_ADJECTIVES) {
        k += 1;
    }
    // Compound adjective: "10-day", "two-year", "five year" before a noun.
    if cx.hyphen(k) {
        let (u, _) = cx.unit(k + 1)?;
        if u == Unit::Quarter && cx.kw(k + 2, Kw::Of) {
            return None;
        }
        if cx.hyphen(k + 2) && cx.is(k + 3, "old") {
            return None;
        }
        if q.n.is_none() || q.article {
            return None;
        }
        // Only the compound: no article, no lead word.
        return Some(Found::new(
            j,
            k + 2,
            TimexKind::Duration,
            Partial::Duration(unit_duration(q, u)),
        ));
    }
    let (u, plural) = cx.unit(k)?;
    // "Islam will one day be", "hopes to one day follow", "some day you will see": an
    // indefinite time ahead, not a day's length.
    let one_or_some = q.n == Some(1) && !q.article || cx.kw(j, Kw::Some);
    if u == Unit::Day && !plural && one_or_some && !lead && !the && k == j + 1 {
        // Only before a verb: not "sentenced to one day in jail", "will be one day late".
        let modal = i > 0
            && (cx.is_any(i - 1, FUTURE_MODALS) || cx.kw(i - 1, Kw::To))
            && verb_like(cx, k + 1);
        let ahead = cx.kw(j, Kw::Some) && (cx.kw(k + 1, Kw::Will) || cx.is(k + 1, "you"));
        if modal || ahead {
            return date(i, k + 1, Partial::Ref(RefValue::Future));
        }
    }
    // "The Seven Years' War": a name.
    if cx.cap(k) && !cx.sentence_break(k) && !cx.is(k, "q") {
        let all_caps = cx.bytes(k).iter().all(|b| !b.is_ascii_lowercase());
        if !all_caps {
            return None;
        }
    }
    // "1968 was a year of protest": a predicate, not a duration.
    if q.article && cx.kw(k + 1, Kw::Of) && i > 0 && cx.is_any(i - 1, COPULAS) {
        return None;
    }
    if matches!(u, Unit::Weekend) && q.article {
        return None;
    }
    // "the 1988 quarter": a year, not 1,988 quarters.
    if cx.digits(j) == 4 && !cx.unit(k).is_some_and(|(_, p)| p) {
        return None;
    }
    // "a quarter of the market", "three-quarters of its food": fractions.
    if u == Unit::Quarter
        && cx.kw(k + 1, Kw::Of)
        && cx.year4(k + 2).is_none()
        && !(cx.kw(k + 2, Kw::This) || cx.kw(k + 2, Kw::Last) || cx.kw(k + 2, Kw::Next))
    {
        return None;
    }
    // "fell by a quarter", "nearly a quarter": a fraction.
    if u == Unit::Quarter && q.article && !lead && i > 0 && cx.is_any(i - 1, FRACTION_LEADS) {
        return None;
    }
    // "year-earlier", "year-end", "year-old": another rule's compound.
    if cx.hyphen(k + 1) {
        return None;
    }
    let mut end = k + 1;
    let mut q = q;
    if cx.kw(end, Kw::And) && cx.kw(end + 1, Kw::A) && cx.kw(end + 2, Kw::Half) {
        q.half = true;
        end += 3;
    }
    // "a year or so", "a year or two"
    if cx.kw(end, Kw::Or)
        && (cx.is(end + 1, "so")
            || cx.qty(end + 1).is_some_and(|(q2, e2)| {
                q2.n.is_some() && cx.unit(e2).is_none() && !ago_after(cx, e2)
            }))
    {
        end += 2;
    }
    // Ages: "30 years old".
    if cx.is(end, "old") || (cx.hyphen(end) && cx.is(end + 1, "old")) {
        return None;
    }
    // Rates: "$1.76 a year", "700 seats a week", "twice a year".
    let dated = ago_after(cx, end) || cx.kw(end, Kw::Earlier);
    if q.article && !the && !lead && i > 0 && !dated {
        let p = i - 1;
        let w = cx.bytes(p);
        let plural_noun = cx.is_word(p)
            && w.len() > 3
            && w.ends_with(b"s")
            && !w.ends_with(b"ss")
            && cx.lx(p).is_none()
            && !NOT_PLURAL_NOUNS.iter().any(|s| eq_lower(w, s));
        let amount_before = cx.is_any(p, AMOUNT_WORDS);
        if cx.num(p).is_some()
            || cx.p(p, '%')
            || plural_noun
            || amount_before
            || cx.kw(p, Kw::Times)
            || cx.kw(p, Kw::Twice)
            || cx.is(p, "once")
        {
            return None;
        }
    }
    if !lead && !the {
        if ago_after(cx, end) {
            if q.n.is_none() {
                return date(i, end + 1, Partial::Ref(RefValue::Past));
            }
            if q.n == Some(1) && u == Unit::Year && !q.half {
                return date(i, end + 1, Partial::YearAgo);
            }
            return date(
                i,
                end + 1,
                Partial::Ago {
                    unit: u,
                    n: q.n,
                    dir: -1,
                    anaphoric: false,
                },
            );
        }
        if cx.kw(end, Kw::Earlier) {
            if q.n == Some(1) && u == Unit::Year && !q.half {
                return date(i, end + 1, Partial::YearAgo);
            }
            if q.n.is_none() {
                return date(i, end + 1, Partial::Ref(RefValue::Past));
            }
            return date(
                i,
                end + 1,
                Partial::Ago {
                    unit: u,
                    n: q.n,
                    dir: -1,
                    anaphoric: true,
                },
            );
        }
        // "a week from Friday", "two days from tomorrow": days counted from a day.
        if cx.kw(end, Kw::From) && !q.half && !q.approx {
            let days = match u {
                Unit::Day => Some(1),
                Unit::Week => Some(7),
                Unit::Fortnight => Some(14),
                _ => None,
            };
            let shift = days
                .zip(q.n)
                .and_then(|(k, n)| i32::try_from(n).ok()?.checked_mul(k));
            if let (Some(shift), Some((d, e))) = (shift, best_day(cx, end + 1)) {
                if shift <= 366 {
                    return date(i, e, Partial::DayFrom(d, shift));
                }
            }
        }
        if (cx.kw(end, Kw::From) && cx.kw(end + 1, Kw::Now)) || cx.kw(end, Kw::Hence) {
            let e = if cx.kw(end, Kw::Hence) {
                end + 1
            } else {
                end + 2
            };
            if q.n.is_none() {
                return date(i, e, Partial::Ref(RefValue::Future));
            }
            return date(
                i,
                e,
                Partial::Ago {
                    unit: u,
                    n: q.n,
                    dir: 1,
                    anaphoric: false,
                },
            );
        }
    }
    let mut f = Found::new(
        i,
        end,
        TimexKind::Duration,
        Partial::Duration(unit_duration(q, u)),
    );
    if q.approx {
        f.modifier = Some(TimexMod::Approx);
    }
    Some(f)
}

fn ordinal_quarter(cx: &Cx<'_>, j: usize) -> Option<(u8, usize)> {
    if let Some((d, k)) = cx.day(j) {
        if (1..=4).contains(&d) && (k > j + 1 || cx.num(j).is_none()) {
            return Some((d, k));
        }
    }
    None
}

/// A year written with an apostrophe and two digits at `k` ("'24" in "Q3'24", "H1 '25").
fn apos_year(cx: &Cx<'_>, k: usize) -> Option<(i32, usize)> {
    if !(cx.apos(k) && cx.joined(k + 1) && cx.digits(k + 1) == 2) {
        return None;
    }
    Some((two_digit_year(cx.num(k + 1)?), k + 2))
}

fn quarter(cx: &Cx<'_>, i: usize) -> Option<Found> {
    // H1 2025, H2 2024: a half needs its year ("H1N1" is no half).
    if cx.is(i, "h") && cx.cap(i) && cx.joined(i + 1) && !cx.joined(i + 2) {
        let h = cx
            .num(i + 1)
            .filter(|h| (1..=2).contains(h) && cx.digits(i + 1) == 1)?;
        let (y, end) = cx.year4(i + 2).or_else(|| apos_year(cx, i + 2))?;
        return date(i, end, Partial::Half(Some(y), h as u8));
    }
    // Q3 2024, Q3
    if cx.is(i, "q") && cx.cap(i) && cx.joined(i + 1) {
        let q = cx
            .num(i + 1)
            .filter(|q| (1..=4).contains(q) && cx.digits(i + 1) == 1)?;
        let mut end = i + 2;
        let mut y = None;
        if let Some((yy, e)) = cx.year4(end).or_else(|| apos_year(cx, end)) {
            y = Some(yy);
            end = e;
        }
        return date(i, end, Partial::Quarter(y, q as u8));
    }
    let the = cx.kw(i, Kw::The);
    let mut j = if the { i + 1 } else { i };
    // "the October-December quarter"
    if the {
        if let Some((m1, e1)) = cx.month(j) {
            if cx.dash(e1) {
                if let Some((m2, e2)) = cx.month(e1 + 1) {
                    let q = (m1 - 1) / 3 + 1;
                    if cx.unit(e2) == Some((Unit::Quarter, false)) && (m2 - 1) / 3 + 1 == q {
                        return date(i, e2 + 1, Partial::Quarter(None, q));
                    }
                }
            }
        }
    }
    if cx.kw(j, Kw::Fiscal) {
        j += 1;
    }
    let (n, k) = if let Some(x) = ordinal_quarter(cx, j) {
        x
    } else if cx.kw(j, Kw::Last)
        && (cx.kw(j + 1, Kw::Half) || cx.unit(j + 1).is_some_and(|u| u.0 == Unit::Quarter))
    {
        // "the last half of 1989", "the last quarter of 1989"
        (0, j + 1)
    } else {
        return None;
    };
    let hyph = cx.hyphen(k);
    let k2 = if hyph { k + 1 } else { k };
    let is_half = cx.kw(k2, Kw::Half);
    let is_quarter = cx.unit(k2) == Some((Unit::Quarter, false));
    // "the first two quarters of 1990": the first half of the year.
    let two = cx.num(k2) == Some(2) || cx.lx(k2) == Some(Lex::Number(2));
    if n == 1 && !hyph && two && cx.unit(k2 + 1) == Some((Unit::Quarter, true)) {
        if let Some((y, end)) = cx.kw(k2 + 2, Kw::Of).then(|| cx.year4(k2 + 3)).flatten() {
            return date(i, end, Partial::Half(Some(y), 1));
        }
    }
    if !is_half && !is_quarter {
        return None;
    }
    if is_half && n > 2 {
        return None;
    }
    // "the last half of the '80s", "the first half of the 20th century": the decade or
    // century, its start or end.
    if is_half && cx.kw(k2 + 1, Kw::Of) && !hyph {
        let whole = decade(cx, k2 + 2).or_else(|| century(cx, k2 + 2));
        if let Some(mut f) = whole.filter(|f| f.modifier.is_none()) {
            f.start = i;
            f.modifier = Some(if n == 1 {
                TimexMod::Start
            } else {
                TimexMod::End
            });
            return Some(f);
        }
    }
    let n = if n == 0 {
        if is_half {
            2
        } else {
            4
        }
    } else {
        n
    };
    let start = if hyph { j } else { i };
    let mut end = k2 + 1;
    let mut year = None;
    let mut rel = None;
    if !hyph || !the {
        let mut yat = if cx.kw(end, Kw::Of) || cx.p(end, ',') {
            end + 1
        } else {
            end
        };
        // "the second quarter of fiscal 2025"
        if cx.kw(yat, Kw::Fiscal) {
            yat += 1;
            if cx.unit(yat) == Some((Unit::Year, false)) {
                yat += 1;
            }
        }
        if let Some((y, e)) = cx.year4(yat) {
            year = Some(y);
            end = e;
        } else {
            let at = if cx.kw(end, Kw::Of) { end + 1 } else { end };
            if cx.kw(end, Kw::Of)
                && cx.kw(at, Kw::The)
                && cx.unit(at + 1) == Some((Unit::Year, false))
            {
                rel = Some(0);
                end = at + 2;
            }
            for (kw, off) in [(Kw::This, 0), (Kw::Last, -1), (Kw::Next, 1)] {
                if cx.kw(at, kw) && cx.unit(at + 1) == Some((Unit::Year, false)) {
                    rel = Some(off);
                    end = at + 2;
                    break;
                }
            }
        }
    }
    if hyph {
        end = k2 + 1;
        year = None;
        rel = None;
    }
    let p = match (is_half, rel) {
        (true, Some(r)) => Partial::HalfOfRelYear(n, r),
        (true, None) => Partial::Half(year, n),
        (false, Some(r)) => Partial::QuarterOfRelYear(n, r),
        (false, None) => Partial::Quarter(year, n),
    };
    date(start, end, p)
}

/// The end of a season's year written as a span across the new year ("the winter of
/// 1942–43", "1601-1602"): the token after the second year when it is the next year, in two
/// or four digits; else `e`. The season keeps the year it begins in.
fn split_year_end(cx: &Cx<'_>, y: i32, e: usize) -> usize {
    if !cx.dash(e) {
        return e;
    }
    let Some(n) = cx.num(e + 1) else { return e };
    let next = i64::from(y) + 1;
    let same = match cx.digits(e + 1) {
        2 => i64::from(n) == next.rem_euclid(100),
        4 => i64::from(n) == next,
        _ => false,
    };
    if same {
        e + 2
    } else {
        e
    }
}

fn season(cx: &Cx<'_>, i: usize) -> Option<Found> {
    let the = cx.kw(i, Kw::The);
    let j = if the { i + 1 } else { i };
    let s = match cx.lx(j)? {
        Lex::Season(s) => s,
        _ => return None,
    };
    let yat = if cx.kw(j + 1, Kw::Of) || cx.p(j + 1, ',') {
        j + 2
    } else {
        j + 1
    };
    if let Some((y, e)) = cx.year_any(yat) {
        return date(i, split_year_end(cx, y, e), Partial::Season(Some(y), s));
    }
    // "the autumn of that year", "the spring of the following year", "the summer of last
    // year"
    if let Some((off, anaphoric, e)) = of_rel_year(cx, j + 1) {
        return date(i, e, Partial::SeasonOfYear(s, off, anaphoric));
    }
    // "the Summer Olympics", "the Spring Festival": a capitalised season before a name.
    if cx.cap(j) && name_follows(cx, j + 1) {
        return None;
    }
    // A bare season needs an article or a preposition ("fall" is also a verb).
    let ctx = the
        || (i > 0
            && [
                Kw::In,
                Kw::During,
                Kw::Since,
                Kw::Until,
                Kw::By,
                Kw::Early,
                Kw::Late,
                Kw::Mid,
                Kw::Through,
            ]
            .iter()
            .any(|&k| cx.kw(i - 1, k)));
    let fall_ok = the
        || (i > 0
            && [Kw::Early, Kw::Late, Kw::Mid, Kw::By, Kw::Until, Kw::Since]
                .iter()
                .any(|&k| cx.kw(i - 1, k)));
    if !ctx || (s == Season::Fall && !fall_ok) || cx.kw(j + 1, Kw::Of) {
        return None;
    }
    // "the summer and autumn of 1941", "spring to autumn 1942": the year of the second
    // season (the winter before a later season of the same year began the year before).
    let next_season = |k: usize| match cx.lx(k) {
        Some(Lex::Season(s2)) => Some((s2, k + 1)),
        _ => None,
    };
    if let Some((s2, y2)) = range_year(cx, j + 1, &next_season) {
        let y = if s == Season::Winter && s2 != Season::Winter {
            y2.checked_sub(1)?
        } else {
            y2
        };
        return date(i, j + 1, Partial::Season(Some(y), s));
    }
    // (A subject pronoun starts the clause the season heads: "by the summer they had …".)
    let prep = cx.is_any(j + 1, CLAUSE_WORDS) || cx.is_any(j + 1, CLAUSE_PRONOUNS);
    if !prep && cx.is_word(j + 1) && cx.lx(j + 1).is_none() && !cx.p(j + 1, ',') {
        // "the summer games": a modifier of another noun
        let w = cx.bytes(j + 1);
        if w.first().is_some_and(|b| b.is_ascii_lowercase())
            && cx.tag(j + 1).is_none()
            && !w.ends_with(b"ed")
        {
            return None;
        }
    }
    date(i, j + 1, Partial::Season(None, s))
}

/// "a.m."/"am"/"p.m."/"pm" at `j`: (pm, next).
fn meridiem(cx: &Cx<'_>, j: usize) -> Option<(bool, usize)> {
    let ap = |i: usize| -> Option<bool> {
        if cx.is(i, "a") {
            Some(false)
        } else if cx.is(i, "p") {
            Some(true)
        } else {
            None
        }
    };
    if cx.is(j, "am") || cx.is(j, "pm") {
        if !(cx.is(j, "am") && !cx.joined(j) && cx.bytes(j) == b"am") || cx.joined(j) {
            return Some((cx.is(j, "pm"), j + 1));
        }
        return Some((false, j + 1));
    }
    let pm = ap(j)?;
    if cx.p(j + 1, '.') && cx.joined(j + 1) && cx.is(j + 2, "m") && cx.joined(j + 2) {
        let mut k = j + 3;
        if cx.p(k, '.') && cx.joined(k) {
            k += 1;
        }
        return Some((pm, k));
    }
    None
}

/// "in the morning", "by the early evening", "through the night": a part of the day in
/// focus, after a preposition of time. Not "the morning of March 3" (a day's part), nor "the
/// morning paper".
fn the_daypart(cx: &Cx<'_>, i: usize) -> Option<Found> {
    // Most words after "the" are no part of the day: decided first.
    if !matches!(
        cx.lx(i + 1),
        Some(Lex::DayPart(_) | Lex::Unit(Unit::Night, false) | Lex::Kw(Kw::Early | Kw::Late))
    ) {
        return None;
    }
    let p = i.checked_sub(1)?;
    let led = [Kw::In, Kw::During, Kw::By, Kw::Through, Kw::Until]
        .iter()
        .any(|&k| cx.kw(p, k))
        || cx.is(p, "throughout");
    if !led || !cx.kw(i, Kw::The) {
        return None;
    }
    let mut j = i + 1;
    let modifier = if cx.kw(j, Kw::Early) {
        j += 1;
        Some(TimexMod::Start)
    } else if cx.kw(j, Kw::Late) {
        j += 1;
        Some(TimexMod::End)
    } else {
        None
    };
    let part = match cx.daypart(j)? {
        DayPart::Part(
            p @ (PartOfDay::Morning | PartOfDay::Afternoon | PartOfDay::Evening | PartOfDay::Night),
        ) => p,
        _ => return None,
    };
    let e = j + 1;
    if cx.kw(e, Kw::Of) || cx.apos(e) || cx.weekday(e).is_some() {
        return None;
    }
    // "the morning paper": a lowercase word no clause could start.
    if cx.is_word(e)
        && !cx.cap(e)
        && cx.lx(e).is_none()
        && cx.tag(e).is_none()
        && !cx.is_any(e, CLAUSE_WORDS)
        && !cx.is_any(e, CLAUSE_PRONOUNS)
        && !cx.bytes(e).ends_with(b"ed")
    {
        return None;
    }
    let mut f = Found::new(
        i,
        e,
        TimexKind::Time,
        Partial::Time(DaySpec::Current, TimeOfDay::Part(part)),
    );
    f.modifier = modifier;
    Some(f)
}

fn clock(cx: &Cx<'_>, i: usize) -> Option<Found> {
    // A clock time on a 12-hour dial with no a.m./p.m. ("7:30"): a part of the day named
    // after it decides its half ("7:30 tonight", "10:15 Friday night").
    let mut free = false;
    let (tod, mut k) = if let Some(dp) = cx.daypart(i) {
        match dp {
            // "high noon": a showdown, not twelve o'clock.
            DayPart::Noon if i > 0 && cx.is(i - 1, "high") => return None,
            DayPart::Noon | DayPart::Midnight => (daypart_time(dp)?, i + 1),
            // "at midday"
            DayPart::Part(PartOfDay::Midday) if i > 0 && cx.kw(i - 1, Kw::At) => (
                TimeOfDay::Clock {
                    hour: 12,
                    minute: Some(0),
                    second: None,
                },
                i + 1,
            ),
            // "afternoon yesterday", "evening Friday": only with an attached day.
            DayPart::Part(p) if p != PartOfDay::Midday && p != PartOfDay::Daytime => {
                let tod = TimeOfDay::Part(p);
                let after = if cx.kw(i + 1, Kw::On) { i + 2 } else { i + 1 };
                let day = weekday(cx, after)
                    .or_else(|| deictic(cx, after).filter(|f| f.end == after + 1));
                return match day.map(|f| (f.partial, f.end)) {
                    Some((Partial::Day(d), end)) => {
                        Some(Found::new(i, end, TimexKind::Time, Partial::Time(d, tod)))
                    }
                    // "by mid-afternoon", "late evening", "at dawn": a time of the day in
                    // focus.
                    _ if i > 0
                        && (cx.kw(i - 1, Kw::Mid)
                            || ((cx.kw(i - 1, Kw::At) || cx.kw(i - 1, Kw::By))
                                && !cx.cap(i)
                                && cx.is_any(i, DAY_EDGES))
                            || (cx.hyphen(i - 1) && cx.kw(i.checked_sub(2)?, Kw::Mid))
                            // not "the late night show"
                            || (cx.kw(i - 1, Kw::Late)
                                && !(i > 1 && (cx.kw(i - 2, Kw::The) || cx.kw(i - 2, Kw::A))))) =>
                    {
                        Some(Found::new(
                            i,
                            i + 1,
                            TimexKind::Time,
                            Partial::Time(DaySpec::Current, tod),
                        ))
                    }
                    _ => None,
                };
            }
            _ => return None,
        }
    } else if cx.digits(i) == 4
        && cx.cap(i + 1)
        && cx.is_any(i + 1, &["gmt", "utc"])
        && !(i > 0 && cx.p(i - 1, '('))
    {
        // "0830 GMT": a 24-hour clock time in four digits, only with a universal zone (wire
        // style; "the 2015 EST report" is a year), and not as the parenthesised conversion
        // of a time just given ("10:35 a.m. (0735 GMT)").
        let n = cx.num(i)?;
        let (h, m) = (n / 100, n % 100);
        if h > 23 || m > 59 {
            return None;
        }
        (
            TimeOfDay::Clock {
                hour: h as u8,
                minute: Some(m as u8),
                second: None,
            },
            i + 1,
        )
    } else {
        let h = cx.num(i).filter(|_| cx.digits(i) <= 2)?;
        let mut k = i + 1;
        let mut minute = None;
        if (cx.p(k, ':') || cx.p(k, '.'))
            && cx.joined(k)
            && cx.joined(k + 1)
            && cx.digits(k + 1) == 2
        {
            let m = cx.num(k + 1).filter(|&m| m < 60)?;
            minute = Some(m as u8);
            k += 2;
        }
        let colon = minute.is_some() && cx.p(i + 1, ':');
        free = colon && (1..=12).contains(&h);
        if let Some((pm, e)) = meridiem(cx, k) {
            free = false;
            if !(1..=12).contains(&h) {
                return None;
            }
            let hour = match (pm, h) {
                (true, 12) => 12,
                (true, h) => h + 12,
                (false, 12) => 0,
                (false, h) => h,
            };
            (
                TimeOfDay::Clock {
                    hour: hour as u8,
                    minute: Some(minute.unwrap_or(0)),
                    second: None,
                },
                e,
            )
        } else if cx.is(k, "o") && cx.apos(k + 1) && cx.is(k + 2, "clock") {
            if !(1..=12).contains(&h) {
                return None;
            }
            (
                TimeOfDay::Clock {
                    hour: h as u8,
                    minute: Some(0),
                    second: None,
                },
                k + 3,
            )
        } else if colon && h <= 24 {
            (
                TimeOfDay::Clock {
                    hour: h as u8,
                    minute,
                    second: None,
                },
                k,
            )
        } else if let Some((hour, e)) = bare_hour(cx, i, h, k).filter(|_| minute.is_none()) {
            (
                TimeOfDay::Clock {
                    hour,
                    // Midnight is written "T24", as for "midnight".
                    minute: (hour != 24).then_some(0),
                    second: None,
                },
                e,
            )
        } else {
            return None;
        }
    };
    if matches!(cx.lx(k), Some(Lex::Zone)) && cx.cap(k) {
        k += 1;
    } else if cx.is_any(k, ZONE_WORDS) {
        // "Pacific time", "Eastern Standard Time", "local time"
        let mut e = k + 1;
        if cx.is(e, "standard") || cx.is(e, "daylight") {
            e += 1;
        }
        if cx.kw(e, Kw::Time) {
            k = e + 1;
        }
    }
    // An attached day: "10 p.m. Wednesday", "5 p.m. EST, Nov. 9", "noon today".
    let after = if cx.p(k, ',') || cx.kw(k, Kw::On) {
        k + 1
    } else {
        k
    };
    // "7:30 tomorrow night", "10:15 Friday morning": the day and its part; the part sets
    // the half of the day of a time with no a.m./p.m.
    let in_part = |f: &Found| match f.partial {
        Partial::Time(d, TimeOfDay::Part(p)) => {
            let tod = if free { clock_in_part(tod, p)? } else { tod };
            Some(Found::new(i, f.end, TimexKind::Time, Partial::Time(d, tod)))
        }
        _ => None,
    };
    if let Some(f) = weekday(cx, after) {
        if let Partial::Day(d) = f.partial {
            return Some(Found::new(i, f.end, TimexKind::Time, Partial::Time(d, tod)));
        }
        if let Some(f) = in_part(&f) {
            return Some(f);
        }
    }
    if let Some(f) = calendar_date(cx, after) {
        if let Partial::Day(d) = f.partial {
            return Some(Found::new(i, f.end, TimexKind::Time, Partial::Time(d, tod)));
        }
    }
    if let Some(f) = holiday(cx, after) {
        if let Partial::Day(d) = f.partial {
            return Some(Found::new(i, f.end, TimexKind::Time, Partial::Time(d, tod)));
        }
    }
    if let Some(f) = deictic(cx, k) {
        if let Partial::Day(d) = f.partial {
            let tod = match free && cx.kw(k, Kw::Tonight) {
                true => clock_in_part(tod, PartOfDay::Night).unwrap_or(tod),
                false => tod,
            };
            return Some(Found::new(i, f.end, TimexKind::Time, Partial::Time(d, tod)));
        }
        if let Some(f) = in_part(&f) {
            return Some(f);
        }
    }
    Some(Found::new(
        i,
        k,
        TimexKind::Time,
        Partial::Time(DaySpec::Current, tod),
    ))
}

/// "at 4 in the morning", "at 8 in the evening", "at 10 at night", "at 8 tonight": a bare
/// hour after "at" made a clock time by the part of the day after it (hour `h` at `i`, the
/// part from `k`): the 24-hour hour and the index after the part ("tonight" is left to
/// attach as the day).
fn bare_hour(cx: &Cx<'_>, i: usize, h: u32, k: usize) -> Option<(u8, usize)> {
    if !(i > 0 && cx.kw(i - 1, Kw::At) && (1..=12).contains(&h)) {
        return None;
    }
    let h = h as u8;
    let (part, end) = if cx.kw(k, Kw::In) && cx.kw(k + 1, Kw::The) {
        match cx.daypart(k + 2)? {
            DayPart::Part(p) => (p, k + 3),
            _ => return None,
        }
    } else if cx.kw(k, Kw::At) && cx.daypart(k + 1) == Some(DayPart::Part(PartOfDay::Night)) {
        (PartOfDay::Night, k + 2)
    } else if cx.kw(k, Kw::Tonight) {
        (PartOfDay::Night, k)
    } else if i >= 2
        && (cx.kw(i - 2, Kw::Tonight) || texted_tonight(cx, i - 2))
        && cx.toks.get(k).is_none_or(|t| t.kind == TokKind::Punct)
    {
        // "tonight at 8": the hour of the night just named.
        (PartOfDay::Night, k)
    } else if i >= 2
        && cx.toks.get(k).is_none_or(|t| t.kind == TokKind::Punct)
        && (weekday(cx, i - 2).is_some_and(|f| f.end == i - 1)
            || deictic(cx, i - 2).is_some_and(|f| f.end == i - 1))
    {
        // "tomorrow at 9", "Friday at 3": an hour of the working day just named (seven
        // to eleven in the morning, one to six in the afternoon).
        let hour = match h {
            7..=12 => h,
            _ => h + 12,
        };
        return Some((hour, k));
    } else {
        return None;
    };
    Some((part_hour(h, part)?, end))
}

/// Token `k` ends a texting spelling of "tonight" ("2nite", "2night").
fn texted_tonight(cx: &Cx<'_>, k: usize) -> bool {
    k > 0
        && cx.num(k - 1) == Some(2)
        && cx.digits(k - 1) == 1
        && cx.joined(k)
        && super::lexicon::TWO_WORDS
            .iter()
            .any(|&(w, kw)| kw == Kw::Tonight && cx.is(k, w))
}

/// The 24-hour hour of hour `h` (1–12) in a part of the day; `None` for parts that do not
/// tell the half of the day.
fn part_hour(h: u8, part: PartOfDay) -> Option<u8> {
    Some(match part {
        PartOfDay::Morning => h % 12,
        PartOfDay::Afternoon | PartOfDay::Evening => h % 12 + 12,
        // "10 at night", "8 tonight"; "2 at night" is after midnight.
        PartOfDay::Night if (5..12).contains(&h) => h + 12,
        // "12 at night": midnight, the end of the day.
        PartOfDay::Night if h == 12 => 24,
        PartOfDay::Night => h,
        PartOfDay::Midday | PartOfDay::Daytime => return None,
    })
}

/// A clock time with no a.m./p.m. ("7:30") in a part of the day ("tonight": 19:30).
fn clock_in_part(tod: TimeOfDay, part: PartOfDay) -> Option<TimeOfDay> {
    match tod {
        TimeOfDay::Clock {
            hour,
            minute,
            second,
        } if (1..=12).contains(&hour) => {
            // ("12:30 tonight" is past midnight, on the next day: left as written.)
            let hour = part_hour(hour, part).filter(|&h| h != 24)?;
            Some(TimeOfDay::Clock {
                hour,
                minute,
                second,
            })
        }
        _ => None,
    }
}

/// For each ASCII byte, the holidays whose first word starts with it (lowercase), as bits:
/// bit `k` stands for `HOLIDAYS[k]`.
const HOLIDAYS_BY_LETTER: [u64; 128] = {
    assert!(HOLIDAYS.len() <= 64, "a holiday set is a 64-bit mask");
    let mut by_letter = [0u64; 128];
    let mut k = 0;
    while k < HOLIDAYS.len() {
        let first = HOLIDAYS[k].words[0].as_bytes()[0];
        assert!(
            first < 128 && !first.is_ascii_uppercase(),
            "lowercase ASCII words"
        );
        by_letter[first as usize] |= 1 << k;
        k += 1;
    }
    by_letter
};

fn holiday(cx: &Cx<'_>, i: usize) -> Option<Found> {
    // Lowercase holidays are informal writing ("new years eve"); they need two words or a
    // word that is nothing else ("christmas").
    if cx.tag(i) != Some(WordTag::HolidayStart) {
        return None;
    }
    let lower = !cx.cap(i);
    let first = cx.bytes(i);
    // Only the holidays whose first word starts with the token's first letter, in order.
    let mut names = first
        .first()
        .and_then(|b| HOLIDAYS_BY_LETTER.get(usize::from(b.to_ascii_lowercase())))
        .copied()
        .unwrap_or(0);
    'outer: while names != 0 {
        let Some(h) = HOLIDAYS.get(names.trailing_zeros() as usize) else {
            break;
        };
        names &= names - 1;
        // Most holidays are ruled out by their first word, compared with the bytes read once.
        if h.words.first().is_some_and(|w| !eq_lower(first, w)) {
            continue;
        }
        let mut j = i;
        for (n, w) in h.words.iter().enumerate() {
            if n > 0 && cx.apos(j) && cx.joined(j) {
                j += 1;
            }
            // The period of an abbreviated word ("St. Patrick's Day", "Martin Luther King
            // Jr. Day").
            if n > 0 && cx.p(j, '.') && cx.joined(j) {
                j += 1;
            }
            if !cx.is(j, w) {
                continue 'outer;
            }
            j += 1;
        }
        // "Christmas Island", "the Easter Rising": part of a name.
        if name_follows(cx, j) {
            continue;
        }
        // A name of plain words ("new year", "easter"): lowercase only in a greeting ("happy
        // new year"); never another calendar's ("Lunar New Year"), nor part of a compound
        // ("a new year-long").
        if h.plain {
            let before = i.checked_sub(1);
            let greeting = before.is_some_and(|b| cx.is(b, "happy"));
            let other_calendar =
                before.is_some_and(|b| cx.is_any(b, super::lexicon::OTHER_CALENDARS));
            if (lower && !greeting) || other_calendar || cx.p(j, '-') {
                continue;
            }
        }
        // "Easter week", "the Thanksgiving weekend": the week (weekend) of the holiday.
        let week = match cx.unit(j) {
            Some((Unit::Week, false)) => Some(false),
            Some((Unit::Weekend, false)) => Some(true),
            _ => None,
        };
        if week.is_some() {
            j += 1;
        }
        let mut y = None;
        let mut end = j;
        let yat = if cx.p(j, ',') { j + 1 } else { j };
        if let Some((yy, e)) = cx.year4(yat) {
            y = Some(yy);
            end = e;
        }
        let day = DaySpec::Holiday(h.rule, y);
        return match week {
            Some(weekend) => date(i, end, Partial::WeekOf(day, weekend)),
            None => date(i, end, Partial::Day(day)),
        };
    }
    None
}

fn set_unit(u: Unit, n: u32) -> Option<DurationValue> {
    let q = Qty::plain(Some(n));
    Some(match u {
        Unit::Night => DurationValue::new(n, DurationUnit::Day),
        _ => unit_duration(q, u),
    })
}

/// Token `j` is a capitalised word that no rule reads, inside the sentence: with the
/// capitalised word before it, part of a name ("Christmas Island", "Summer Olympics").
fn name_follows(cx: &Cx<'_>, j: usize) -> bool {
    cx.is_word(j) && cx.cap(j) && cx.lx(j).is_none() && !cx.sentence_break(j)
}

fn set(cx: &Cx<'_>, i: usize) -> Option<Found> {
    let setf = |end: usize, v: TimexValue, quant: Option<&'static str>, freq: Option<u32>| {
        let mut f = Found::new(i, end, TimexKind::Set, Partial::Set(v));
        f.quant = quant;
        f.freq = freq;
        Some(f)
    };
    // "twice weekly", "three times daily": a frequency over the period.
    let times = if cx.kw(i, Kw::Twice) {
        Some((2, i + 1))
    } else if cx.kw(i, Kw::Thrice) {
        Some((3, i + 1))
    } else if cx.num(i).is_some()
        && !(cx.kw(i + 1, Kw::Times) || cx.kw(i + 3, Kw::Times) || cx.kw(i + 4, Kw::Times))
    {
        // An amount in digits ends one, three or four tokens on ("3", "1.5", "2 1/2",
        // "3,000"): most numbers have no "times" there.
        None
    } else {
        cx.qty(i)
            .filter(|(q, k)| !q.article && q.n.is_some() && cx.kw(*k, Kw::Times))
            .and_then(|(q, k)| Some((q.n?, k + 1)))
    };
    if let Some((n, k)) = times {
        if let Some(Lex::Frequency(u)) = cx.lx(k) {
            return setf(k + 1, TimexValue::Duration(set_unit(u, 1)?), None, Some(n));
        }
    }
    if let Some(Lex::Frequency(u)) = cx.lx(i) {
        // "a quarterly dividend", "average daily turnover", "the daily Granma": an adjective
        // before a noun, not a set. An adverb ("gather daily outside", "paid annually.") is
        // followed by punctuation, a number or a function word.
        let next_is_content = cx.is_word(i + 1)
            && cx.lx(i + 1).is_none_or(|l| !matches!(l, Lex::Kw(_)))
            && !cx.is_any(i + 1, ADVERB_FOLLOWERS);
        // "on a daily basis" is a set; so is "the daily tally" in the corpus. Only the
        // financial adjectives ("a quarterly dividend", "annual") are left out.
        let financial = matches!(u, Unit::Quarter | Unit::Year);
        if financial && next_is_content && !cx.is(i + 1, "basis") {
            return None;
        }
        return setf(i + 1, TimexValue::Duration(set_unit(u, 1)?), None, None);
    }
    if cx.kw(i, Kw::Every) || cx.kw(i, Kw::Each) {
        let quant = if cx.kw(i, Kw::Every) { "EVERY" } else { "EACH" };
        let mut j = i + 1;
        // "each and every day", "every single day"
        if cx.kw(i, Kw::Each) && cx.kw(j, Kw::And) && cx.kw(j + 1, Kw::Every) {
            j += 2;
        }
        if cx.is(j, "single") {
            j += 1;
        }
        let mut n = Some(1);
        if cx.kw(j, Kw::Other) {
            n = Some(2);
            j += 1;
        } else if let Some((q, k)) = cx.qty(j).filter(|(q, _)| !q.article && !q.half) {
            // "every three days", "every few weeks" (an unspecified number: PXD).
            n = q.n;
            j = k;
        }
        if let Some((u, _)) = cx.unit(j) {
            let v = match n {
                Some(n) => set_unit(u, n)?,
                None => unit_duration(Qty::plain(None), u),
            };
            return setf(j + 1, TimexValue::Duration(v), Some(quant), None);
        }
        // "every other Friday": the pattern of the day.
        if n == Some(2) {
            if let Some((wd, e)) = day_name(cx, j) {
                return setf(
                    e,
                    TimexValue::Date(DateValue::Weekday(wd)),
                    Some(quant),
                    None,
                );
            }
        }
        if n == Some(1) {
            if let Some((wd, e)) = day_name(cx, j) {
                // "every Monday night": that part of each such day.
                let (v, e) = match cx.daypart(e).and_then(daypart_time) {
                    Some(t @ TimeOfDay::Part(_)) => {
                        (TimexValue::Time(DateValue::Weekday(wd), t), e + 1)
                    }
                    _ => (TimexValue::Date(DateValue::Weekday(wd)), e),
                };
                return setf(e, v, Some(quant), None);
            }
            if let Some((m, e)) = cx.month(j) {
                return setf(
                    e,
                    TimexValue::Date(DateValue::Month(None, m)),
                    Some(quant),
                    None,
                );
            }
            if let Some(Lex::Season(s)) = cx.lx(j) {
                return setf(
                    j + 1,
                    TimexValue::Date(DateValue::Season(None, s)),
                    Some(quant),
                    None,
                );
            }
            if let Some(DayPart::Part(_)) = cx.daypart(j) {
                return setf(
                    j + 1,
                    TimexValue::Duration(DurationValue::new(1, DurationUnit::Day)),
                    Some(quant),
                    None,
                );
            }
        }
        return None;
    }
    // twice a year, three times a week, once a month
    let (freq, j) = if cx.kw(i, Kw::Twice) {
        (2, i + 1)
    } else if cx.kw(i, Kw::Thrice) {
        (3, i + 1)
    } else if cx.is(i, "once") {
        (1, i + 1)
    } else {
        // The amount before "times", read above.
        times?
    };
    if !(cx.kw(j, Kw::A)
        || cx.kw(j, Kw::An)
        || cx.kw(j, Kw::Per)
        || cx.kw(j, Kw::Each)
        || cx.kw(j, Kw::Every))
    {
        return None;
    }
    let (u, _) = cx.unit(j + 1)?;
    setf(
        j + 2,
        TimexValue::Duration(set_unit(u, 1)?),
        None,
        Some(freq),
    )
}

fn vague(cx: &Cx<'_>, i: usize) -> Option<Found> {
    let r = |end: usize, v: RefValue| date(i, end, Partial::Ref(v));
    match cx.lx(i)? {
        // ("RN", "ATM" in capitals, or after an article, are a nurse and a cash machine.)
        Lex::Kw(Kw::Now)
            if cx.bytes(i).len() <= 3
                && !cx.is(i, "now")
                && (cx.cap(i)
                    || i.checked_sub(1).is_some_and(|p| {
                        cx.kw(p, Kw::The) || cx.kw(p, Kw::A) || cx.kw(p, Kw::An)
                    })) =>
        {
            None
        }
        Lex::Kw(Kw::Now | Kw::Nowadays) => r(i + 1, RefValue::Present),
        // "by eod", "before EOM": the unit in focus, its end; after a preposition of time
        // only ("the EOD team" defuses bombs).
        Lex::EndOf(u)
            if i.checked_sub(1).is_some_and(|p| {
                [
                    Kw::By,
                    Kw::Before,
                    Kw::Until,
                    Kw::At,
                    Kw::After,
                    Kw::Through,
                ]
                .iter()
                .any(|&k| cx.kw(p, k))
            }) =>
        {
            let p = match u {
                Unit::Day => Partial::Day(DaySpec::Deictic(0)),
                Unit::Week => Partial::RelWeek(0),
                Unit::Month => Partial::RelMonth(0),
                Unit::Quarter => Partial::RelQuarter(0),
                Unit::Year => Partial::RelYear(0),
                _ => return None,
            };
            let mut f = Found::new(i, i + 1, TimexKind::Date, p);
            f.modifier = Some(TimexMod::End);
            Some(f)
        }
        // "at a later date", "at a future date", "an earlier date": unnamed days.
        Lex::Kw(Kw::A | Kw::An) if cx.is(i + 2, "date") => match cx.lx(i + 1)? {
            Lex::Kw(Kw::Later | Kw::Future) => r(i + 3, RefValue::Future),
            Lex::Kw(Kw::Earlier) => r(i + 3, RefValue::Past),
            _ => None,
        },
        _ if cx.is(i, "right") && cx.kw(i + 1, Kw::Now) => r(i + 2, RefValue::Present),
        Lex::Kw(Kw::Currently) => r(i + 1, RefValue::Present),
        Lex::Kw(Kw::Current) => {
            if cx.unit(i + 1).is_some() {
                return None;
            }
            r(i + 1, RefValue::Present)
        }
        Lex::Kw(Kw::These) if cx.unit(i + 1) == Some((Unit::Day, true)) => {
            r(i + 2, RefValue::Present)
        }
        Lex::Kw(Kw::Recently) => r(i + 1, RefValue::Past),
        Lex::Kw(Kw::Recent) => {
            if cx.unit(i + 1).is_some() {
                return None;
            }
            r(i + 1, RefValue::Past)
        }
        Lex::Kw(Kw::Soon) => {
            if i > 0 && cx.kw(i - 1, Kw::As) {
                return None;
            }
            r(i + 1, RefValue::Future)
        }
        Lex::Kw(Kw::As)
            if cx.kw(i + 1, Kw::Soon) && cx.kw(i + 2, Kw::As) && cx.kw(i + 3, Kw::Possible) =>
        {
            r(i + 4, RefValue::Future)
        }
        Lex::Kw(Kw::Future) => {
            if i > 0 && (cx.kw(i - 1, Kw::A) || cx.kw(i - 1, Kw::Its)) {
                return None;
            }
            let possessive = i > 1 && cx.is(i - 1, "s") && cx.apos(i - 2);
            if (cx.is_word_lower_noun(i + 1) && !possessive) || cx.kw(i + 1, Kw::Of) {
                return None;
            }
            r(i + 1, RefValue::Future)
        }
        Lex::Kw(Kw::More) if cx.kw(i + 1, Kw::Recently) => r(i + 2, RefValue::Past),
        // "for a while"
        Lex::Kw(Kw::A)
            if cx.is(i + 1, "while")
                && i > 0
                && (cx.kw(i - 1, Kw::For) || cx.kw(i - 1, Kw::After) || cx.kw(i - 1, Kw::In)) =>
        {
            Some(Found::new(
                i,
                i + 2,
                TimexKind::Duration,
                Partial::Duration(DurationValue::unspecified(DurationUnit::Unspecified)),
            ))
        }
        Lex::Kw(Kw::The) => {
            if cx.kw(i + 1, Kw::Future) && !cx.kw(i + 2, Kw::Of) {
                return r(i + 2, RefValue::Future);
            }
            // The word after "the", read once.
            let next = cx.bytes(i + 1);
            if (eq_lower(next, "near")
                || eq_lower(next, "foreseeable")
                || eq_lower(next, "distant"))
                && cx.kw(i + 2, Kw::Future)
            {
                return r(i + 3, RefValue::Future);
            }
            if cx.kw(i + 1, Kw::Past)
                && cx.qty(i + 2).is_none()
                && cx.unit(i + 2).is_none()
                && cx.lx(i + 2).is_none_or(|l| matches!(l, Lex::Kw(_)))
                && !cx.is_word_lower_noun(i + 2)
            {
                return r(i + 2, RefValue::Past);
            }
            // "the near term", "the short term"
            if (eq_lower(next, "near") || eq_lower(next, "short")) && cx.is(i + 2, "term") {
                return r(i + 3, RefValue::Future);
            }
            if eq_lower(next, "present") && !cx.kw(i + 2, Kw::Of) && !cx.is_word_lower_noun(i + 2) {
                return r(i + 2, RefValue::Present);
            }
            None
        }
        _ => None,
    }
}

impl Cx<'_> {
    /// Token `i` is a lowercase word outside the lexicon (likely a noun after an adjective).
    fn is_word_lower_noun(&self, i: usize) -> bool {
        self.is_word(i)
            && self.lx(i).is_none()
            && self
                .bytes(i)
                .first()
                .is_some_and(|b| b.is_ascii_lowercase())
            && self.tag(i).is_none()
            && !self.bytes(i).ends_with(b"ly")
    }
}

fn period(cx: &Cx<'_>, i: usize) -> Option<Found> {
    // "a weekend interview": the weekend before the document date.
    if cx.unit(i) == Some((Unit::Weekend, false))
        && i > 0
        && cx.kw(i - 1, Kw::A)
        && cx.is_word_lower_noun(i + 1)
    {
        return date(i, i + 1, Partial::RelWeekend(None));
    }
    // "a day-long meeting", "the decades-long battle": the length of what follows.
    if let Some((u, plural)) = cx.unit(i) {
        if cx.hyphen(i + 1) && cx.is(i + 2, "long") && !matches!(u, Unit::Weekend | Unit::Night) {
            let q = Qty::plain((!plural).then_some(1));
            return Some(Found::new(
                i,
                i + 3,
                TimexKind::Duration,
                Partial::Duration(unit_duration(q, u)),
            ));
        }
    }
    // "the other day": a recent, unnamed day.
    if cx.kw(i, Kw::The)
        && cx.kw(i + 1, Kw::Other)
        && cx.unit(i + 2) == Some((Unit::Day, false))
        && !cx.kw(i + 3, Kw::Of)
    {
        return date(i, i + 3, Partial::Ref(RefValue::Past));
    }
    // "mid-year", "mid-month", "mid-week": the unit in focus, its middle.
    if cx.kw(i, Kw::Mid) && cx.hyphen(i + 1) {
        let p = match cx.unit(i + 2) {
            Some((Unit::Year, false)) => Partial::RelYear(0),
            Some((Unit::Month, false)) => Partial::RelMonth(0),
            Some((Unit::Week, false)) => Partial::RelWeek(0),
            _ => return None,
        };
        // "mid-year results": an adjective, still the year's middle.
        let mut f = Found::new(i, i + 3, TimexKind::Date, p);
        f.modifier = Some(TimexMod::Mid);
        return Some(f);
    }
    // year-end, year end, year's end
    if cx.unit(i) == Some((Unit::Year, false)) {
        // The compound adjective names the day ("year-end results": Dec. 31); the noun
        // phrase the end of the year ("by year end": the year, mod END).
        let (e, compound) = if cx.hyphen(i + 1) && cx.kw(i + 2, Kw::End) {
            (Some(i + 3), true)
        } else if cx.kw(i + 1, Kw::End) && !cx.kw(i + 2, Kw::Of) {
            (Some(i + 2), false)
        } else if cx.apos(i + 1) && cx.is(i + 2, "s") && cx.kw(i + 3, Kw::End) {
            (Some(i + 4), false)
        } else {
            (None, false)
        };
        if let Some(e) = e {
            let since = i > 0 && cx.kw(i - 1, Kw::Since);
            if compound || since {
                return date(i, e, Partial::YearEnd(since));
            }
            let mut f = Found::new(i, e, TimexKind::Date, Partial::RelYear(0));
            f.modifier = Some(TimexMod::End);
            return Some(f);
        }
    }
    // this year's third quarter, last year's quarter
    for (k, off) in [(Kw::This, 0), (Kw::Last, -1), (Kw::Next, 1)] {
        if cx.kw(i, k)
            && cx.unit(i + 1) == Some((Unit::Year, false))
            && cx.apos(i + 2)
            && cx.is(i + 3, "s")
        {
            let j = i + 4;
            if let Some((n, e)) = ordinal_quarter(cx, j) {
                let e2 = if cx.hyphen(e) { e + 1 } else { e };
                if cx.unit(e2) == Some((Unit::Quarter, false)) {
                    return date(i, e2 + 1, Partial::QuarterOfRelYear(n, off));
                }
                if cx.kw(e2, Kw::Half) {
                    return None;
                }
            }
            if off == -1 && (cx.unit(j) == Some((Unit::Quarter, false)) || cx.kw(j, Kw::Period)) {
                return date(i, j + 1, Partial::YearAgo);
            }
        }
    }
    if !cx.kw(i, Kw::The) {
        return None;
    }
    let j = i + 1;
    if cx.unit(j) == Some((Unit::Weekend, false)) {
        return date(i, j + 1, Partial::RelWeekend(None));
    }
    // "on the 3rd": a day of the month in focus.
    if let (Some(d), true) = (
        cx.num(j)
            .filter(|&d| (1..=31).contains(&d) && cx.digits(j) <= 2),
        cx.joined(j + 1),
    ) {
        let suffix = cx.is_any(j + 1, ORDINAL_SUFFIXES);
        let k = j + 2;
        let ends = cx.toks.get(k).is_none_or(|t| t.kind == TokKind::Punct)
            || [Kw::And, Kw::Or, Kw::At, Kw::In, Kw::On, Kw::To]
                .iter()
                .any(|&w| cx.kw(k, w))
            || cx.is(k, "but")
            || cx.is(k, "when")
            // "on the 1st i start": the subject of the clause after a led day.
            || (i > 0 && day_lead(cx, i - 1) && cx.is_any(k, CLAUSE_PRONOUNS));
        if suffix && ends && !cx.kw(k, Kw::Of) && !cx.apos(k) {
            return date(i, k, Partial::Day(DaySpec::MonthDay(d as u8)));
        }
    }
    // the first / last day of February [2024]
    if let (Some(Lex::Ordinal(1)) | Some(Lex::Kw(Kw::Last)), true, true) = (
        cx.lx(j),
        cx.unit(j + 1) == Some((Unit::Day, false)),
        cx.kw(j + 2, Kw::Of),
    ) {
        let (m, mut e) = cx.month(j + 3)?;
        let yat = if cx.p(e, ',') { e + 1 } else { e };
        let mut y = None;
        if let Some((yy, e2)) = cx.year4(yat) {
            y = Some(yy);
            e = e2;
        }
        let p = if cx.kw(j, Kw::Last) {
            Partial::Day(DaySpec::MonthEnd(y, m))
        } else {
            Partial::Day(DaySpec::Date(y, m, 1))
        };
        return date(i, e, p);
    }
    // the morning of March 18
    if let (Some(dp), true) = (cx.daypart(j), cx.kw(j + 1, Kw::Of)) {
        let tod = daypart_time(dp)?;
        let k = j + 2;
        let day = month_date(cx, k)
            .or_else(|| day_month(cx, k))
            .or_else(|| weekday(cx, k))
            .or_else(|| deictic(cx, k))?;
        if let Partial::Day(d) = day.partial {
            return Some(Found::new(
                i,
                day.end,
                TimexKind::Time,
                Partial::Time(d, tod),
            ));
        }
        return None;
    }
    // the 1988 period, the 1988 third quarter
    if let Some((y, e)) = cx.year4(j) {
        if cx.kw(e, Kw::Period) && cx.quarter_context(i, e + 1) {
            return date(i, e + 1, Partial::ReportedQuarterOf(y));
        }
        if cx.kw(e, Kw::Period) || cx.unit(e) == Some((Unit::Year, false)) {
            return date(i, e + 1, Partial::Year(y));
        }
        if cx.unit(e) == Some((Unit::Quarter, false)) {
            return date(i, e + 1, Partial::ReportedQuarterOf(y));
        }
        if let Some((n, e2)) = ordinal_quarter(cx, e) {
            let e3 = if cx.hyphen(e2) { e2 + 1 } else { e2 };
            if cx.unit(e3) == Some((Unit::Quarter, false)) {
                return date(i, e3 + 1, Partial::Quarter(Some(y), n));
            }
            if cx.kw(e3, Kw::Half) && n <= 2 {
                return date(i, e3 + 1, Partial::Half(Some(y), n));
            }
        }
        return None;
    }
    // the latest period
    if (cx.kw(j, Kw::Latest) || cx.kw(j, Kw::Recent)) && cx.kw(j + 1, Kw::Period) {
        return date(i, j + 2, Partial::ReportedQuarter);
    }
    // the [full|fiscal|calendar] year [ended …]
    let w = cx.bytes(j);
    let k = if eq_lower(w, "full")
        || cx.kw(j, Kw::Fiscal)
        || eq_lower(w, "calendar")
        || eq_lower(w, "entire")
        || eq_lower(w, "whole")
    {
        j + 1
    } else {
        j
    };
    if cx.unit(k) == Some((Unit::Year, false)) && !cx.hyphen(k + 1) && !cx.apos(k + 1) {
        if cx.is(k + 1, "ended") || cx.is(k + 1, "ending") || cx.is(k + 1, "ends") {
            return Some(Found::new(
                i,
                k + 1,
                TimexKind::Duration,
                Partial::Duration(DurationValue::new(1, DurationUnit::Year)),
            ));
        }
        if cx.kw(k + 1, Kw::Of)
            || cx.kw(k + 1, Kw::Before)
            || cx.kw(k + 1, Kw::After)
            || cx.is(k + 1, "in")
        {
            return None;
        }
        return date(i, k + 1, Partial::RelYear(0));
    }
    None
}

fn year_ago(cx: &Cx<'_>, i: usize) -> Option<Found> {
    let the = cx.kw(i, Kw::The);
    let mut j = if the { i + 1 } else { i };
    if the && (cx.is(j, "comparable") || cx.is(j, "corresponding") || cx.kw(j, Kw::Same)) {
        j += 1;
    }
    // "the corresponding period last year", "the same quarter a year ago"
    let head = cx.unit(j) == Some((Unit::Quarter, false)) || cx.kw(j, Kw::Period);
    if the && head && j > i + 1 {
        if cx.kw(j + 1, Kw::Last) && cx.unit(j + 2) == Some((Unit::Year, false)) {
            return date(i, j + 3, Partial::YearAgo);
        }
        if cx.kw(j + 1, Kw::A)
            && cx.unit(j + 2) == Some((Unit::Year, false))
            && (cx.kw(j + 3, Kw::Ago) || cx.kw(j + 3, Kw::Earlier))
        {
            return date(i, j + 4, Partial::YearAgo);
        }
    }
    // "last year's quarter"
    if !the
        && cx.kw(i, Kw::Last)
        && cx.unit(i + 1) == Some((Unit::Year, false))
        && cx.apos(i + 2)
        && cx.is(i + 3, "s")
        && (cx.unit(i + 4) == Some((Unit::Quarter, false)) || cx.kw(i + 4, Kw::Period))
    {
        return date(i, i + 5, Partial::YearAgo);
    }
    if !(cx.unit(j) == Some((Unit::Year, false))
        && cx.hyphen(j + 1)
        && (cx.kw(j + 2, Kw::Earlier) || cx.kw(j + 2, Kw::Ago)))
    {
        return None;
    }
    let k = j + 3;
    // A temporal head noun: the whole noun phrase.
    let head_end = if cx.unit(k) == Some((Unit::Quarter, false)) || cx.kw(k, Kw::Period) {
        Some(k + 1)
    } else if let Some((_, e)) = ordinal_quarter(cx, k) {
        (cx.unit(e) == Some((Unit::Quarter, false))).then_some(e + 1)
    } else {
        None
    };
    // "the year-earlier nine months": a duration.
    if the {
        if let Some((q, e)) = cx.qty(k).filter(|(q, _)| q.n.is_some() && !q.article) {
            if let Some((u, true)) = cx.unit(e) {
                return Some(Found::new(
                    i,
                    e + 1,
                    TimexKind::Duration,
                    Partial::Duration(unit_duration(q, u)),
                ));
            }
        }
    }
    match head_end {
        Some(e) => date(i, e, Partial::YearAgo),
        None if j == i || !the => date(j, k, Partial::YearAgo),
        None => date(i + 1, k, Partial::YearAgo),
    }
}

#[cfg(test)]
mod tests {
    use super::super::lexicon::Lexicon;
    use super::*;

    #[test]
    fn qty_forms() {
        let lexicon = Lexicon::new();
        let check = |s: &str, n: Option<u32>, half: bool| {
            let toks = super::super::token::tokenize(s);
            let lex: Vec<Entry> = toks
                .iter()
                .map(|t| lexicon.lookup(t.text(s).as_bytes()))
                .collect();
            let cx = Cx {
                text: s,
                toks: &toks,
                lex: &lex,
            };
            let (q, _) = cx.qty(0).unwrap_or_else(|| panic!("no amount in {s:?}"));
            assert_eq!((q.n, q.half), (n, half), "{s}");
        };
        check("twenty four", Some(24), false);
        check("twenty-four", Some(24), false);
        check("2 1/2", Some(2), true);
        check("a hundred", Some(100), false);
        check("several", None, false);
        check("one and a half", Some(1), true);
        check("1,000", Some(1000), false);
    }
}
