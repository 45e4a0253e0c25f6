//! Readable titles and named participants for events.

use super::detect::Mention;
use super::pos::Tag;
use super::tables::{flag, mark, CONTRACTED_MODALS, DANGLING, SUBJECT_PRONOUNS};
use crate::event::EventClass;

use super::text::{marked, with_lower, Sym, Token, TokenKind};

fn word<'a>(text: &'a str, t: &Token) -> &'a str {
    text.get(t.span()).unwrap_or("")
}

/// Named entities (people with their titles, organisations, places) of a sentence, as
/// token ranges, skipping tokens inside timexes.
pub(crate) fn entities(
    text: &str,
    toks: &[Token],
    range: std::ops::Range<usize>,
    in_timex: &[bool],
    out: &mut Vec<std::ops::Range<usize>>,
) {
    let mut k = range.start;
    let end = range.end.min(toks.len());
    while k < end {
        if !is_name_part(text, toks, k, range.start, in_timex) {
            k += 1;
            continue;
        }
        let start = k;
        let mut j = k + 1;
        loop {
            if j < end && is_name_part(text, toks, j, range.start, in_timex) {
                j += 1;
                continue;
            }
            // "Bank of America", "Ministry of Defence".
            if j + 1 < end
                && matches!(word(text, &toks[j]), "of" | "for" | "&")
                && toks[j + 1].capitalized
                && is_name_part(text, toks, j + 1, range.start, in_timex)
            {
                j += 2;
                continue;
            }
            break;
        }
        // A lone title ("President") is not a participant.
        let only_titles = (start..j).all(|x| toks[x].flags & flag::TITLE != 0);
        if !only_titles {
            out.push(start..j);
        }
        k = j;
    }
}

/// The names of the entities (token ranges, sorted) that lie inside `clause`.
pub(crate) fn participants(
    text: &str,
    toks: &[Token],
    entities: &[std::ops::Range<usize>],
    clause: std::ops::Range<usize>,
) -> Vec<String> {
    let first = entities.partition_point(|e| e.start < clause.start);
    let inside = entities.get(first..).unwrap_or(&[]);
    let inside = inside
        .get(..inside.iter().take_while(|e| e.end <= clause.end).count())
        .unwrap_or(&[]);
    let mut out: Vec<String> = Vec::with_capacity(inside.len());
    for e in inside {
        let (Some(a), Some(b)) = (toks.get(e.start), toks.get(e.end.saturating_sub(1))) else {
            continue;
        };
        if let Some(raw) = text.get(a.start()..b.end()) {
            // The name with its words joined by single spaces.
            let name = if is_single_spaced(raw) {
                raw.to_string()
            } else {
                let mut name = String::with_capacity(raw.len());
                for (n, part) in raw.split_whitespace().enumerate() {
                    if n > 0 {
                        name.push(' ');
                    }
                    name.push_str(part);
                }
                name
            };
            if !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}

/// Whether an ASCII text's words are already joined by single spaces, with none around
/// them (what `split_whitespace` and a join would give back unchanged).
fn is_single_spaced(s: &str) -> bool {
    let b = s.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    // One pass: ASCII, no other blank than single spaces.
    let mut after_space = false;
    for &c in b {
        let space = c == b' ';
        if c >= 0x80 || (space && after_space) || (!space && (c.is_ascii_whitespace() || c == 0x0b))
        {
            return false;
        }
        after_space = space;
    }
    true
}

fn is_name_part(
    text: &str,
    toks: &[Token],
    k: usize,
    sent_start: usize,
    in_timex: &[bool],
) -> bool {
    let t = &toks[k];
    // (Only words are capitalized.)
    if !t.capitalized || in_timex.get(k).copied().unwrap_or(false) {
        return false;
    }
    if t.flags & (flag::TITLE | flag::ORG) != 0 {
        return true;
    }
    if t.tag == Tag::Nnp {
        // A sentence opener is a name only if the lexicon does not know it as a common word.
        if k == sent_start {
            return t
                .info
                .and_then(|i| i.tags)
                .is_none_or(|e| e.first == Tag::Nnp);
        }
        return true;
    }
    // All-capital acronyms ("NBC", "NATO").
    let w = word(text, t);
    w.len() >= 2 && w.chars().all(|c| c.is_uppercase() || c == '.')
}

/// Where the verb group of the verb at `i` starts: modals, auxiliaries and adverbs right
/// before it.
fn verb_group_start(toks: &[Token], sent_start: usize, i: usize) -> usize {
    let mut s = i;
    while s > sent_start {
        let p = s - 1;
        let t = &toks[p];
        if t.tag == Tag::Rb || t.tag == Tag::Md || (t.tag.is_verb() && p + 3 >= i) {
            s = p;
            continue;
        }
        break;
    }
    s
}

/// The subject of a verb group starting at `verb_start`, as a token range (empty when there
/// is none). It ends before the verb group, or before a relative clause set off by commas
/// ("Trump, who took office on January 20, has promised"); the verb of a relative clause
/// takes the noun the clause is about ("Trump, who took office").
fn subject(
    text: &str,
    toks: &[Token],
    sent_start: usize,
    verb_start: usize,
    stop: &dyn Fn(usize) -> bool,
) -> (usize, usize) {
    let mut subj_end = verb_start;
    let comma = |k: usize| toks[k].sym == Sym::Comma;
    if subj_end > sent_start && comma(subj_end - 1) {
        let lo = sent_start.max(subj_end.saturating_sub(RELATIVE_REACH));
        if let Some(c) = (lo..subj_end - 1)
            .rev()
            .find(|&k| comma(k) && toks.get(k + 1).is_some_and(|t| is_relative(text, t)))
        {
            subj_end = c;
        } else if let Some(c) = (lo..subj_end - 1).rev().find(|&k| comma(k)) {
            // An apposition between the subject and its verb: "Gene Cernan, the last man on
            // the Moon, died" (the noun before it), "The first crewed flight, Apollo 7,
            // launched" (the name in it).
            let inside = toks.get(c + 1..subj_end - 1).unwrap_or(&[]);
            let before = c
                .checked_sub(1)
                .filter(|&b| b >= sent_start && !stop(b))
                .map(|b| &toks[b]);
            let noun_before =
                before.filter(|t| matches!(t.tag, Tag::Nn | Tag::Nns | Tag::Nnp) && !t.abbrev);
            let named = inside.iter().all(|t| matches!(t.tag, Tag::Nnp | Tag::Cd));
            // (A name after a name is most often its place: "Richmond, Va., went",
            // "Dar es Salaam, Tanzania, killed": no subject is better than a wrong one.)
            if noun_before.is_some_and(|b| !(named && b.tag == Tag::Nnp))
                && !inside.is_empty()
                && inside.iter().all(|t| !t.tag.is_verb())
            {
                subj_end = if named { subj_end - 1 } else { c };
            }
        }
    } else if subj_end > sent_start + 1
        && is_relative(text, &toks[subj_end - 1])
        && comma(subj_end - 2)
    {
        subj_end -= 2;
    }
    let mut subj_start = subj_end;
    while subj_start > sent_start && subj_end - subj_start < SUBJECT_WORDS {
        let p = subj_start - 1;
        // (A number after a name is part of it: "Apollo 11 landed", "Windows 95 sold".)
        let numbered_name =
            toks[p].tag == Tag::Cd && p > sent_start && toks[p - 1].tag == Tag::Nnp && !stop(p - 1);
        if stop(p)
            || !(numbered_name
                || matches!(
                    toks[p].tag,
                    Tag::Nn | Tag::Nns | Tag::Nnp | Tag::Prp | Tag::Jj
                ))
        {
            break;
        }
        subj_start = p;
        // A pronoun is the whole subject ("During the First World War she developed").
        // (Not a reflexive: "the president himself met".)
        let reflexive = || {
            let w = word(text, &toks[p]);
            w.ends_with("self") || w.ends_with("selves")
        };
        if toks[p].tag == Tag::Prp && subj_end - p == 1 && !reflexive() {
            break;
        }
    }
    // "The siege of Leningrad began": the head noun before "of" leads the subject.
    if subj_start < subj_end && subj_start >= sent_start + 2 {
        let of = subj_start - 1;
        let head = of - 1;
        if word(text, &toks[of]).eq_ignore_ascii_case("of")
            && matches!(toks[head].tag, Tag::Nn | Tag::Nns | Tag::Nnp)
            && !stop(head)
        {
            subj_start = head;
        }
    }
    (subj_start, subj_end)
}

/// How far back a coordinated verb looks for the verb it is coordinated with.
const COORDINATION_REACH: usize = 16;

/// A short title for the event triggered at token `i` of the sentence `range`.
pub(crate) fn title(
    text: &str,
    toks: &[Token],
    range: std::ops::Range<usize>,
    m: &Mention,
    in_timex: &[bool],
) -> String {
    let (i, nominal, lemma) = (m.tok, m.nominal, m.lemma.as_ref());
    let reporting = m.class == EventClass::Reporting;
    let end = range.end.min(toks.len());
    let w = |k: usize| word(text, &toks[k]);
    let stop = |k: usize| {
        let t = &toks[k];
        in_timex.get(k).copied().unwrap_or(false)
            || t.kind == TokenKind::Punct
            || matches!(t.tag, Tag::Wh | Tag::Md)
    };
    let mut parts = Words::with_capacity(TITLE_CAPACITY);
    if nominal {
        // Noun modifiers right before the head: "phone call", "peace talks".
        let mut s = i;
        while s > range.start && i - s < 3 {
            let p = s - 1;
            if stop(p) || !matches!(toks[p].tag, Tag::Nn | Tag::Nnp | Tag::Nns | Tag::Jj) {
                break;
            }
            s = p;
        }
        for k in s..i {
            parts.push(w(k));
        }
        // A plural that a distributive list splits into single events ("two calls — one
        // on …") is named in the singular; other plurals keep their form ("talks").
        let distributed = || {
            toks.iter()
                .skip(i + 1)
                .take(DISTRIBUTIVE_REACH)
                .take_while(|t| {
                    !matches!(
                        t.sym,
                        Sym::Period | Sym::Bang | Sym::Question | Sym::Semicolon
                    )
                })
                .any(|t| marked(text, t, mark::DISTRIBUTIVE))
        };
        if toks[i].tag == Tag::Nns && distributed() {
            parts.push(lemma);
        } else {
            with_lower(text, &toks[i], |w| parts.push(w));
        }
        // Its complement: "between X and Y", "with NBC News", "of the talks".
        let mut k = i + 1;
        if k < end
            && matches!(
                w(k),
                "between" | "with" | "of" | "against" | "on" | "in" | "for" | "to" | "by" | "among"
            )
        {
            let first = k;
            while k < end && k - first < 9 && !stop(k) {
                if (toks[k].tag.is_verb() || toks[k].tag == Tag::Rb) && k > first {
                    break;
                }
                if k > first + 1 && toks[k].tag == Tag::In && !matches!(w(k), "of") {
                    break;
                }
                k += 1;
            }
            // No dangling function word at the end ("talks with the").
            while k > first
                && toks[k - 1]
                    .info
                    .and_then(|i| i.tags)
                    .is_some_and(|e| matches!(e.first, Tag::In | Tag::Cc | Tag::Dt | Tag::To))
            {
                k -= 1;
            }
            for j in first..k {
                parts.push(w(j));
            }
        }
    } else {
        let verb_start = verb_group_start(toks, range.start, i);
        let (mut subj_start, mut subj_end) = subject(text, toks, range.start, verb_start, &stop);
        // "Trump expressed frustration and warned of tariffs": a verb coordinated with an
        // earlier one shares its subject.
        if subj_start == subj_end && verb_start > range.start {
            let before = &toks[verb_start - 1];
            let coordinated = before.tag == Tag::Cc
                && with_lower(text, before, |w| matches!(w, "and" | "or" | "but"));
            if coordinated {
                let lo = range
                    .start
                    .max(verb_start.saturating_sub(COORDINATION_REACH));
                if let Some(v) = (lo..verb_start - 1).rev().find(|&k| toks[k].tag.is_verb()) {
                    let vs = verb_group_start(toks, range.start, v);
                    (subj_start, subj_end) = subject(text, toks, range.start, vs, &stop);
                }
            }
        }
        for k in subj_start..subj_end {
            parts.push_token(w(k), k);
        }
        // The verb group without its tense auxiliaries ("has promised" → "promised"),
        // kept whole after a modal ("could be arranged") and in the passive, where "was"
        // tells who did what ("she was awarded the prize").
        let modal = (verb_start..i).any(|k| toks[k].tag == Tag::Md)
            || (toks[i].tag == Tag::Vbn
                && toks[verb_start..i].iter().any(|t| {
                    t.tag.is_verb() && with_lower(text, t, |w| BE_AUXILIARIES.contains(&w))
                }));
        for (k, t) in toks.iter().enumerate().take(i + 1).skip(verb_start) {
            let (aux, adverb) = with_lower(text, t, |lw| {
                (
                    k < i && t.tag.is_verb() && AUXILIARIES.contains(&lw),
                    k < i && t.tag == Tag::Rb && !NEGATIONS.contains(&lw),
                )
            });
            if (aux && !modal) || adverb {
                continue;
            }
            parts.push_token(word(text, t), k);
        }
        // The object: a noun phrase, an infinitive complement ("to end the war"), and one
        // prepositional phrase after a noun ("in Ukraine"). A statement keeps only its
        // addressee ("told reporters"), not what was said.
        let mut k = i + 1;
        let mut taken = 0;
        let mut after_noun = false;
        let mut after_to = false;
        let mut pp = false;
        // "told reporters", "told him"; not the subject of what was said ("said he was",
        // "said it was", "said there was").
        let addressee = toks.get(k).is_some_and(|t| {
            matches!(t.tag, Tag::Prp | Tag::Nns)
                && !with_lower(text, t, |w| {
                    matches!(w, "it" | "there") || SUBJECT_PRONOUNS.contains(&w)
                })
        }) && toks
            .get(k + 1)
            .is_none_or(|t| !matches!(t.tag, Tag::Nn | Tag::Nns | Tag::Nnp));
        let limit = match (reporting, addressee) {
            (false, _) => OBJECT_WORDS,
            (true, true) => 1,
            (true, false) => 0,
        };
        while k < end && taken < limit {
            // A time used as a modifier is left out ("a [30-day] pause" → "a pause").
            if taken > 0 && in_timex.get(k).copied().unwrap_or(false) {
                let mut j = k;
                while j < end && in_timex.get(j).copied().unwrap_or(false) {
                    j += 1;
                }
                if toks
                    .get(j)
                    .is_some_and(|t| matches!(t.tag, Tag::Nn | Tag::Nns) && !stop(j))
                {
                    k = j;
                    continue;
                }
            }
            if stop(k) {
                break;
            }
            let t = &toks[k];
            let ok = match t.tag {
                Tag::Nn | Tag::Nns | Tag::Nnp | Tag::Prp => true,
                Tag::Dt | Tag::Jj | Tag::Cd | Tag::PrpPoss | Tag::Poss | Tag::Rp => !reporting,
                Tag::Rb => !reporting && taken == 0,
                Tag::To => !reporting && taken == 0,
                Tag::Vb => after_to,
                // "warned of new tariffs", "ended the war in Ukraine".
                Tag::In => {
                    !reporting
                        && (after_noun || taken == 0)
                        && !pp
                        && !in_timex.get(k + 1).copied().unwrap_or(true)
                        && with_lower(text, t, |w| OBJECT_PREPOSITIONS.contains(&w))
                }
                _ => false,
            };
            if !ok {
                break;
            }
            if t.tag == Tag::In {
                pp = true;
            }
            after_noun = matches!(t.tag, Tag::Nn | Tag::Nns | Tag::Nnp | Tag::Prp);
            after_to = t.tag == Tag::To;
            parts.push_token(w(k), k);
            taken += 1;
            k += 1;
        }
        // No dangling word at the end ("said on", "agreed to", "the pace of the").
        // (A lexicon word carries the answer in its marks.)
        let dangling = |parts: &Words| match parts.last_token().and_then(|k| toks.get(k)) {
            Some(Token { info: Some(i), .. }) => i.marks & mark::DANGLING != 0,
            _ => parts.last().is_some_and(is_dangling),
        };
        while parts.count > 1 && dangling(&parts) {
            parts.pop();
        }
    }
    parts.text
}

/// The words of a title, joined by single spaces as they are added. Words are token texts
/// (or a lowercased token, or a lemma), which hold no space.
struct Words {
    text: String,
    count: usize,
    /// Where the last word starts in `text`.
    last_start: usize,
    /// Whether a space separates the last word from the one before.
    spaced: bool,
    /// The token of each of the first words, when the word is a token's text
    /// (`u32::MAX` otherwise).
    toks: [u32; WORD_TOKENS],
}

/// How many words of a title remember their token.
const WORD_TOKENS: usize = 16;

impl Words {
    fn with_capacity(n: usize) -> Words {
        Words {
            text: String::with_capacity(n),
            count: 0,
            last_start: 0,
            spaced: false,
            toks: [u32::MAX; WORD_TOKENS],
        }
    }

    /// Adds the text of token `k`.
    fn push_token(&mut self, w: &str, k: usize) {
        if let Some(slot) = self.toks.get_mut(self.count) {
            *slot = u32::try_from(k).unwrap_or(u32::MAX);
        }
        self.push(w);
    }

    /// The token whose text is the last word, if known.
    fn last_token(&self) -> Option<usize> {
        let k = *self.toks.get(self.count.checked_sub(1)?)?;
        (k != u32::MAX).then_some(k as usize)
    }

    /// Adds a word that is no token's text (a lowercased token, a lemma). A possessive joins
    /// the word before it ("Slepian's"); a negation left without its auxiliary reads "not"
    /// ("He didn't attend" → "He not attend").
    fn push(&mut self, w: &str) {
        let negation = (3..=5).contains(&w.len())
            && (w.eq_ignore_ascii_case("n't") || w.eq_ignore_ascii_case("n’t"));
        let w = if negation { "not" } else { w };
        if negation && self.count > 0 {
            // The modal the contraction cut short: "ca n't" → "can not", "wo n't" → "will not".
            let full = self.text.get(self.last_start..).and_then(|m| {
                CONTRACTED_MODALS
                    .iter()
                    .find(|(cut, _)| m.eq_ignore_ascii_case(cut))
                    .map(|&(_, full)| full)
            });
            if let Some(full) = full {
                self.text.truncate(self.last_start);
                self.text.push_str(full);
            }
        }
        let clitic = w.starts_with(['\'', '’']);
        self.spaced = self.count > 0 && !clitic;
        if self.spaced {
            self.text.push(' ');
        }
        self.last_start = self.text.len();
        self.text.push_str(w);
        self.count += 1;
    }

    /// The last word, when there are two or more.
    fn last(&self) -> Option<&str> {
        if self.count < 2 {
            return None;
        }
        self.text.get(self.last_start..)
    }

    /// Drops the last word (of two or more) and its separating space.
    fn pop(&mut self) {
        if self.count < 2 {
            return;
        }
        if let Some(slot) = self.toks.get_mut(self.count - 1) {
            *slot = u32::MAX;
        }
        self.text
            .truncate(self.last_start.saturating_sub(usize::from(self.spaced)));
        self.count -= 1;
        self.last_start = self.text.rfind(' ').map_or(0, |s| s + 1);
        self.spaced = self.last_start > 0;
    }
}

/// Room reserved for a title: all but a few fit, so a title is rarely moved while it
/// grows (and 56 bytes take a 64-byte block, as 48 would).
const TITLE_CAPACITY: usize = 56;

/// Whether a title word is one no title may end with ([`DANGLING`], in any case).
fn is_dangling(w: &str) -> bool {
    let listed = |key: Option<u64>| key.is_some_and(|k| DANGLING_KEYS.binary_search(&k).is_ok());
    if w.is_ascii() {
        listed(word_key(w.as_bytes(), true))
    } else {
        listed(word_key(w.to_lowercase().as_bytes(), false))
    }
}

/// A word of up to seven bytes as one number: its bytes (ASCII-lowercased when asked) from
/// the high end, then its length. The numbers of words without NUL bytes compare as the
/// words do.
const fn word_key(w: &[u8], lowercase: bool) -> Option<u64> {
    if w.len() > 7 {
        return None;
    }
    let mut key = 0u64;
    let mut i = 0;
    while i < 7 {
        key <<= 8;
        if i < w.len() {
            let b = if lowercase {
                w[i].to_ascii_lowercase()
            } else {
                w[i]
            };
            key |= b as u64;
        }
        i += 1;
    }
    Some(key << 8 | w.len() as u64)
}

/// The keys ([`word_key`]) of [`DANGLING`], in the same (sorted) order.
static DANGLING_KEYS: [u64; DANGLING.len()] = {
    let mut keys = [0u64; DANGLING.len()];
    let mut i = 0;
    while i < DANGLING.len() {
        keys[i] = match word_key(DANGLING[i].as_bytes(), false) {
            Some(k) => k,
            None => panic!("a dangling word longer than seven bytes"),
        };
        i += 1;
    }
    keys
};

/// Whether a token opens a relative clause ("who", "which").
fn is_relative(text: &str, t: &Token) -> bool {
    with_lower(text, t, |w| matches!(w, "who" | "whom" | "whose" | "which"))
}

/// How far back a relative clause between a subject and its verb is looked for.
const RELATIVE_REACH: usize = 16;

/// How many words a subject may have in a title.
const SUBJECT_WORDS: usize = 4;

/// How many words an object may have in a title.
const OBJECT_WORDS: usize = 6;

/// Tense auxiliaries, left out of titles.
const AUXILIARIES: &[&str] = &[
    "has", "have", "had", "having", "is", "are", "was", "were", "be", "been", "being", "am", "'s",
    "’s", "'ve", "'d", "do", "does", "did",
];

/// Forms of "be" that make a participle passive.
const BE_AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "am", "'s", "’s",
];

/// Negations, kept in titles.
const NEGATIONS: &[&str] = &["not", "n't", "never", "no"];

/// Prepositions that may open the one phrase a title keeps after its object.
const OBJECT_PREPOSITIONS: &[&str] = &[
    "of", "in", "with", "for", "on", "about", "between", "against", "to", "from", "into",
];

/// How far after a plural noun its distributive list ("one on …, another on …") is looked
/// for.
const DISTRIBUTIVE_REACH: usize = 16;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_spaced_names_are_kept_as_they_are() {
        for s in [
            "Vladimir Putin",
            "NBC",
            "",
            " Putin",
            "Putin ",
            "Vladimir  Putin",
            "Vladimir\nPutin",
            "Vladimir\tPutin",
            "A\x0bB",
            "A\x0cB",
            "A\rB",
            "Président Macron",
            "A\u{a0}B",
        ] {
            let joined = s.split_whitespace().collect::<Vec<_>>().join(" ");
            if is_single_spaced(s) {
                assert_eq!(joined, s, "{s:?}");
            }
        }
        assert!(is_single_spaced("Vladimir Putin") && !is_single_spaced("A\x0bB"));
    }

    /// The mark of a lexicon word says what the list says of it, in any case.
    #[test]
    fn dangling_marks_agree_with_the_list() {
        let lex = super::super::lexicon();
        let words = DANGLING.iter().copied().chain([
            "The", "ABOUT", "Would", "talks", "said", "war", "between", "Putin", "call", "over",
            "tHeIr", "thereof", "ab", "i",
        ]);
        let mut known = 0;
        for w in words {
            if let Some(i) = lex.lookup(w) {
                known += 1;
                assert_eq!(i.marks & mark::DANGLING != 0, is_dangling(w), "{w}");
            }
        }
        assert!(known > DANGLING.len() / 2);
    }

    #[test]
    fn dangling_words_are_found_in_any_case() {
        assert!(
            DANGLING.windows(2).all(|w| w[0] < w[1]),
            "sorted, no duplicates"
        );
        assert!(
            DANGLING_KEYS.windows(2).all(|w| w[0] < w[1]),
            "keys sorted too"
        );
        assert!(is_dangling("Between") && is_dangling("the") && !is_dangling("talks"));
        assert!(is_dangling("SHALL") && is_dangling("a") && !is_dangling("") && !is_dangling("ab"));
        assert!(!is_dangling("betweenx") && !is_dangling("él") && !is_dangling("a\0"));
        assert!(!is_dangling("abou") && !is_dangling("t") && !is_dangling("zz"));
        for w in DANGLING {
            assert!(is_dangling(w) && is_dangling(&w.to_uppercase()), "{w}");
        }
    }
}
