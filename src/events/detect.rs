//! Event mentions: which tokens are events, their class, tense, aspect, polarity and modality.

use std::borrow::Cow;

use super::pos::{word_class, Counts, Lexicon, Tag, WordInfo};
use super::tables::flag::{BE, DO, HAVE, MODAL, NEG, NEVER, NON_EVENT_FORM};
use super::tables::mark;
use super::text::{is, lower, marked, Token};
use crate::event::{Aspect, EventClass, Polarity, Tense};

/// One event mention found in the text (borrowing its lemma from the text or the lexicon).
#[derive(Debug, Clone)]
pub(crate) struct Mention<'a> {
    /// Token index of the trigger.
    pub tok: usize,
    /// The trigger token's part of speech.
    pub tag: Tag,
    /// Sentence index.
    pub sent: usize,
    /// TimeML class.
    pub class: EventClass,
    /// Tense.
    pub tense: Tense,
    /// Aspect.
    pub aspect: Aspect,
    /// Polarity.
    pub polarity: Polarity,
    /// Modal auxiliary, lowercased.
    pub modality: Option<String>,
    /// Lemma of the trigger.
    pub lemma: Cow<'a, str>,
    /// A noun (or adjective) rather than a verb.
    pub nominal: bool,
}

impl Mention<'_> {
    /// The mention with a lemma of its own (borrowing nothing).
    pub(crate) fn into_static(self) -> Mention<'static> {
        Mention {
            lemma: Cow::Owned(self.lemma.into_owned()),
            ..self
        }
    }
}

/// Prior probability that a word with this tag is an event, when the corpus has little to
/// say about the word (`kind` is [`noun_kind`] of the word, asked only for nouns).
fn prior(tag: Tag, kind: impl FnOnce() -> NounKind) -> f32 {
    match tag {
        Tag::Vb | Tag::Vbd | Tag::Vbz | Tag::Vbp | Tag::Vbg => 0.85,
        Tag::Vbn => 0.8,
        Tag::Nn | Tag::Nns => match kind() {
            NounKind::Happening => 0.6,
            NounKind::EventiveSuffix => SUFFIX_PRIOR,
            NounKind::Plain => 0.12,
        },
        Tag::Jj => 0.04,
        _ => 0.0,
    }
}

const SUFFIX_PRIOR: f32 = 0.45;

/// What a noun's form says of it before any count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum NounKind {
    /// Nothing.
    #[default]
    Plain,
    /// It ends in one of [`EVENTIVE_SUFFIXES`] (and is more than two bytes longer).
    EventiveSuffix,
    /// It names a happening ([`super::tables::is_happening_noun`]).
    Happening,
}

/// What a lowercased noun's form says of it ([`NounKind`]).
pub(crate) fn noun_kind(lower: &str) -> NounKind {
    if super::tables::is_happening_noun(lower) {
        NounKind::Happening
    } else if EVENTIVE_SUFFIXES
        .iter()
        .any(|s| lower.len() > s.len() + 2 && lower.ends_with(s))
    {
        NounKind::EventiveSuffix
    } else {
        NounKind::Plain
    }
}

/// Suffixes of nouns that name happenings ("election", "agreement", "arrival", "bombing").
const EVENTIVE_SUFFIXES: &[&str] = &[
    "tion", "tions", "sion", "sions", "ment", "ments", "ing", "ings", "al", "als", "ure", "ures",
    "ance", "ances", "ence", "ences", "ade", "ades",
];

/// Weight of the fallback estimate, in pseudo-occurrences.
const SMOOTHING: f32 = 2.0;
/// Decision threshold on the estimated probability of being an event.
pub(crate) const THRESHOLD: f32 = 0.5;

/// The lemma's counts that the estimate uses: none when the form itself was seen often
/// enough to speak for itself.
pub(crate) fn lemma_counts_used(form: Option<Counts>, lemma: Option<Counts>) -> Option<Counts> {
    if form.is_some_and(|e| e.seen >= 50) {
        None
    } else {
        lemma
    }
}

/// The estimated probability that a word is an event: its form's counts, smoothed towards
/// its lemma's (`lemma`, from [`lemma_counts_used`]), smoothed towards the prior `base`.
pub(crate) fn estimate(base: f32, form: Option<Counts>, lemma: Option<Counts>) -> f32 {
    let from_lemma = match lemma {
        Some(e) => (e.events as f32 + base * SMOOTHING) / (e.seen as f32 + SMOOTHING),
        None => base,
    };
    match form {
        Some(e) => (e.events as f32 + from_lemma * SMOOTHING) / (e.seen as f32 + SMOOTHING),
        None => from_lemma,
    }
}

/// The estimate of a word the lexicon knows with its lemma (`info`), used as `tag`: what
/// [`detect`] computes, without the text.
pub(crate) fn known_estimate(info: &WordInfo, tag: Tag) -> f32 {
    let base = prior(tag, || info.noun_kind);
    let lemma = info.lemma_events.get(word_class(tag)).copied().flatten();
    estimate(base, info.form, lemma_counts_used(info.form, lemma))
}

/// Whether the token at `i`, tagged `tag`, in the sentence from token `start`, is a
/// past-tense verb that its clause asserts
/// ("Kennedy proposed the goal", "the program ended in 1972"), which is an event more often
/// than the form's count, shared with the adjective ("the proposed merger"), suggests; not a
/// participle after its noun ("the quarter ended Sept. 30", "a company owned by").
fn finite_past(text: &str, toks: &[Token], start: usize, i: usize, tag: Tag) -> bool {
    // (The first word has no subject before it: "Elected officials met".)
    tag == Tag::Vbd
        && i > start
        && toks
            .get(i + 1)
            .is_none_or(|n| !matches!(n.tag, Tag::Nnp | Tag::Cd) && !is(text, n, "by"))
}

/// Whether the token at `i` is an auxiliary: a form of be/have/do followed (over adverbs and
/// negation) by a verb.
fn is_auxiliary(toks: &[Token], i: usize, end: usize) -> bool {
    if toks.get(i).is_none_or(|t| t.flags & (BE | HAVE | DO) == 0) {
        return false;
    }
    let mut k = i + 1;
    while k < end && k <= i + 4 {
        let t = &toks[k];
        let fl = t.flags;
        if t.tag == Tag::Rb || (fl & NEG != 0) || (t.tag == Tag::Prp && k == i + 1) {
            k += 1;
            continue;
        }
        return t.tag.is_verb() || (fl & BE != 0) || (fl & HAVE != 0);
    }
    false
}

/// Whether the token at `i` is the "get" of a passive ("flight got cancelled", "were getting
/// paid"): a form of get followed (over adverbs) by a past participle, which is the event.
fn is_passive_get(text: &str, toks: &[Token], i: usize, end: usize) -> bool {
    let Some(t) = toks.get(i) else { return false };
    if !t.tag.is_verb() || !marked(text, t, mark::GET) {
        return false;
    }
    let mut k = i + 1;
    while k < end && k <= i + 3 && toks[k].tag == Tag::Rb {
        k += 1;
    }
    k < end && toks[k].tag == Tag::Vbn
}

/// Threshold for the head of a verb group with auxiliaries.
pub(crate) const GROUP_THRESHOLD: f32 = 0.25;

/// Whether the verb at `i` follows an auxiliary, a modal or "to" (over adverbs and negation).
fn follows_auxiliary(text: &str, toks: &[Token], start: usize, i: usize) -> bool {
    let mut k = i;
    while k > start && i - k < 4 {
        k -= 1;
        let t = &toks[k];
        let fl = t.flags;
        if t.tag == Tag::Rb || (fl & NEG != 0) {
            continue;
        }
        return is(text, t, "to")
            || (fl & MODAL != 0)
            || (fl & BE != 0)
            || (fl & HAVE != 0)
            || (fl & DO != 0);
    }
    false
}

/// Finds the event mentions of one sentence (token range `range`).
pub(crate) fn detect<'a>(
    lex: &Lexicon,
    text: &'a str,
    toks: &[Token],
    range: std::ops::Range<usize>,
    sent: usize,
    out: &mut Vec<Mention<'a>>,
) {
    let end = range.end.min(toks.len());
    for i in range.start..end {
        let t = &toks[i];
        // (Only words have these tags: numbers are `Cd`, punctuation `Punct`.)
        let tag = t.tag;
        if !may_be_mention(tag) {
            continue;
        }
        // Never events, modals, forms of "be", and forms seen often and never as an event
        // ("percent", "rate"), in one test of the lexicon's flags.
        if t.flags & (NEVER | MODAL | BE | NON_EVENT_FORM) != 0 {
            continue;
        }
        let form_entry = t.info.and_then(|i| i.form);
        // A preposition is an event only when the corpus mostly saw its form as one (tested
        // before any of the estimates below, which it does not need).
        if tag == Tag::In && form_entry.is_none_or(|e| e.events * 2 < e.seen) {
            continue;
        }
        // A known word's estimate for each tag is computed with the lexicon: most words
        // that cannot be events are set aside here, before anything else is read.
        // A participle opening its sentence heads a clause of its own ("Elected in 1998,
        // he …", "Born in Warsaw, she …"), as a verb after auxiliaries does; not before a
        // noun it describes ("Elected officials warned", "Suspected bombs exploded"), nor
        // alone before a comma, where it is more often a name ("Diversified, the holding
        // company").
        let fronted = i == range.start
            && matches!(tag, Tag::Vbn | Tag::Vbd)
            && toks.get(i + 1).is_some_and(|n| {
                !matches!(
                    n.tag,
                    Tag::Nn | Tag::Nns | Tag::Nnp | Tag::Jj | Tag::Cd | Tag::Punct
                )
            });
        if let Some(odds) = t.info.and_then(|i| i.odds) {
            let kept = odds.likely(tag)
                || (odds.possible(tag)
                    && tag.is_verb()
                    && (finite_past(text, toks, range.start, i, tag)
                        || fronted
                        || follows_auxiliary(text, toks, range.start, i)));
            if !kept {
                continue;
            }
        }
        if is_auxiliary(toks, i, end) || is_passive_get(text, toks, i, end) {
            continue;
        }
        // "two confirmed phone calls", "the revised plan": a participle between a determiner
        // and its noun describes the noun; it is not an event of its own.
        if matches!(tag, Tag::Vbn | Tag::Vbd)
            && i > range.start
            && matches!(
                toks[i - 1].tag,
                Tag::Dt | Tag::Cd | Tag::PrpPoss | Tag::Poss
            )
            && toks
                .get(i + 1)
                .is_some_and(|n| i + 1 < end && matches!(n.tag, Tag::Nn | Tag::Nns))
        {
            continue;
        }
        let lw = lower(text, t);
        // "is going to visit": the future of "visit", not a going.
        if lw == "going"
            && toks.get(i + 1).is_some_and(|n| is(text, n, "to"))
            && toks.get(i + 2).is_some_and(|n| n.tag.is_verb())
        {
            continue;
        }
        let base = prior(tag, || match t.info {
            Some(i) => i.noun_kind,
            None => noun_kind(&lw),
        });
        // A frequent form speaks for itself; rarer ones borrow from their lemma.
        let (lemma, lemma_entry): (Cow<'a, str>, _) = match &lw {
            Cow::Borrowed(w) => lex.lemma_and_events(t.info, w, tag),
            Cow::Owned(w) => {
                let (l, e) = lex.lemma_and_events(t.info, w, tag);
                (Cow::Owned(l.into_owned()), e)
            }
        };
        let lemma_entry = lemma_counts_used(form_entry, lemma_entry);
        let p = estimate(base, form_entry, lemma_entry);
        // The head of a verb group with auxiliaries ("are continuing", "will hold") is an
        // event far more often than the bare word's count suggests.
        // (The verb group is read only when the estimate falls between the thresholds.)
        let threshold = if p < THRESHOLD
            && tag.is_verb()
            && (finite_past(text, toks, range.start, i, tag)
                || fronted
                || follows_auxiliary(text, toks, range.start, i))
        {
            GROUP_THRESHOLD
        } else {
            THRESHOLD
        };
        if p < threshold {
            continue;
        }
        let class = form_entry
            .filter(|e| e.events > 0)
            .or(lemma_entry.filter(|e| e.events > 0))
            .map_or(EventClass::Occurrence, |e| e.class);
        let nominal = !tag.is_verb();
        let group = verb_group(text, toks, range.start, i, tag, nominal);
        out.push(Mention {
            tok: i,
            tag,
            sent,
            class,
            tense: group.tense,
            aspect: group.aspect,
            polarity: group.polarity,
            modality: group.modality,
            lemma,
            nominal,
        });
    }
}

/// Whether a word with this tag may be an event mention: a verb, a common noun, an
/// adjective or a preposition (one test of the tag, rather than a branch for each group).
#[inline]
fn may_be_mention(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::Vb
            | Tag::Vbd
            | Tag::Vbn
            | Tag::Vbg
            | Tag::Vbz
            | Tag::Vbp
            | Tag::Nn
            | Tag::Nns
            | Tag::Jj
            | Tag::In
    )
}

/// Tense, aspect, polarity and modality read off a verb group.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct VerbGroup {
    pub tense: Tense,
    pub aspect: Aspect,
    pub polarity: Polarity,
    pub modality: Option<String>,
}

/// Reads the auxiliaries, modals and negation to the left of the head at `i`.
pub(crate) fn verb_group(
    text: &str,
    toks: &[Token],
    sent_start: usize,
    i: usize,
    tag: Tag,
    nominal: bool,
) -> VerbGroup {
    let mut polarity = Polarity::Pos;
    let mut modal: Option<Cow<'_, str>> = None;
    let mut have: Option<Cow<'_, str>> = None;
    let mut be: Option<Cow<'_, str>> = None;
    let mut do_: Option<Cow<'_, str>> = None;
    let mut to = false;
    let mut going = false;
    let mut k = i;
    let mut steps = 0;
    while k > sent_start && steps < 7 {
        k -= 1;
        steps += 1;
        let t = &toks[k];
        // Lowercased only when kept: most words here end the walk at once.
        let lw = || lower(text, t);
        let fl = t.flags;
        if fl & NEG != 0 {
            if !(nominal && is(text, t, "not") && steps > 2) {
                polarity = Polarity::Neg;
            }
            continue;
        }
        if nominal {
            // Nouns: only "no" in the determiner slot, and a copula for predicate adjectives.
            if t.tag == Tag::Jj || t.tag == Tag::Rb || t.tag == Tag::Dt && !is(text, t, "no") {
                continue;
            }
            if tag == Tag::Jj && (fl & BE != 0) && be.is_none() {
                be = Some(lw());
                continue;
            }
            break;
        }
        if t.tag == Tag::Rb && fl & MODAL == 0 {
            continue;
        }
        if is(text, t, "to") {
            if have.is_some() || be.is_some() || to {
                break;
            }
            to = true;
            continue;
        }
        if to {
            if is(text, t, "going") {
                going = true;
                continue;
            }
            if going && (fl & BE != 0) {
                be = Some(lw());
                break;
            }
            break;
        }
        if (fl & MODAL != 0) || t.tag == Tag::Md {
            modal = Some(lw());
            break;
        }
        if (fl & HAVE != 0) && have.is_none() {
            have = Some(lw());
            continue;
        }
        if (fl & BE != 0) && be.is_none() && have.is_none() {
            be = Some(lw());
            continue;
        }
        if (fl & DO != 0) && do_.is_none() {
            do_ = Some(lw());
            continue;
        }
        if t.tag == Tag::Prp && (do_.is_some() || have.is_some() || be.is_some()) {
            // Questions and inversions: "did he call".
            continue;
        }
        break;
    }
    let finite_tense = |w: &str| -> Tense {
        match w {
            "was" | "were" | "had" | "did" | "'d" => Tense::Past,
            "be" => Tense::Infinitive,
            "been" | "being" | "having" => Tense::None,
            _ => Tense::Present,
        }
    };
    let mut modality = None;
    let mut aspect = Aspect::None;
    let tense;
    if going {
        tense = Tense::Future;
    } else if to {
        tense = Tense::Infinitive;
    } else if nominal && tag != Tag::Jj {
        tense = Tense::None;
    } else {
        let perfect = have.is_some() && (tag == Tag::Vbn || tag == Tag::Vbd || be.is_some());
        let progressive = be.is_some() && tag == Tag::Vbg;
        aspect = match (perfect, progressive) {
            (true, true) => Aspect::PerfectiveProgressive,
            (true, false) => Aspect::Perfective,
            (false, true) => Aspect::Progressive,
            _ => Aspect::None,
        };
        let first_aux = if modal.is_some() {
            None
        } else if perfect {
            have.as_deref()
        } else {
            be.as_deref().or(do_.as_deref())
        };
        tense = match (&modal, first_aux) {
            (Some(m), _) => {
                if matches!(m.as_ref(), "will" | "shall" | "'ll" | "’ll" | "wo") {
                    Tense::Future
                } else {
                    modality = Some(m.to_string());
                    Tense::None
                }
            }
            (None, Some(a)) => finite_tense(a),
            (None, None) => match tag {
                Tag::Vbd => Tense::Past,
                Tag::Vbz | Tag::Vbp => Tense::Present,
                Tag::Vb => Tense::Infinitive,
                Tag::Vbg => Tense::Prespart,
                Tag::Vbn => Tense::Pastpart,
                _ => Tense::None,
            },
        };
    }
    if to && modality.is_none() {
        modality = modal.map(Cow::into_owned);
    }
    VerbGroup {
        tense,
        aspect,
        polarity,
        modality,
    }
}
