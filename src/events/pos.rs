//! Part-of-speech tags and the lexicon-driven tagger.

use std::collections::HashMap;

use super::lexicon::{EventEntry, EVENT_FORMS, EVENT_LEMMAS, POS_LEXICON};
use super::tables::flag;
use super::text::{Sym, Token, TokenKind};
use crate::event::EventClass;

/// A reduced Penn Treebank tag set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Tag {
    /// Singular or mass noun.
    Nn,
    /// Plural noun.
    Nns,
    /// Proper noun.
    Nnp,
    /// Verb, base form.
    Vb,
    /// Verb, past tense.
    Vbd,
    /// Verb, past participle.
    Vbn,
    /// Verb, gerund or present participle.
    Vbg,
    /// Verb, 3rd person singular present.
    Vbz,
    /// Verb, non-3rd person singular present.
    Vbp,
    /// Modal.
    Md,
    /// Adjective.
    Jj,
    /// Adverb.
    Rb,
    /// Determiner.
    Dt,
    /// Wh-word.
    Wh,
    /// Preposition or subordinating conjunction.
    In,
    /// "to".
    To,
    /// Personal pronoun.
    Prp,
    /// Possessive pronoun.
    PrpPoss,
    /// Coordinating conjunction.
    Cc,
    /// Cardinal number.
    Cd,
    /// Possessive ending.
    Poss,
    /// Particle.
    Rp,
    /// Existential "there".
    Ex,
    /// Anything else.
    Other,
    /// Punctuation.
    Punct,
}

impl Tag {
    /// Any verb form.
    pub(crate) fn is_verb(self) -> bool {
        matches!(
            self,
            Tag::Vb | Tag::Vbd | Tag::Vbn | Tag::Vbg | Tag::Vbz | Tag::Vbp
        )
    }

    /// Any noun.
    pub(crate) fn is_noun(self) -> bool {
        matches!(self, Tag::Nn | Tag::Nns | Tag::Nnp)
    }

    /// Words that start or continue a noun phrase before its head.
    fn is_prenominal(self) -> bool {
        matches!(
            self,
            Tag::Dt | Tag::PrpPoss | Tag::Jj | Tag::Cd | Tag::Poss | Tag::Nn | Tag::Nnp
        )
    }
}

/// A fast hasher for short keys (multiply–rotate, as in rustc's FxHash); the keys are our
/// own static tables and document words, so flooding resistance is not needed.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct WordHasher(u64);

impl WordHasher {
    #[inline]
    fn mix(&mut self, word: u64) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
    }
}

impl std::hash::Hasher for WordHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.mix(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // The tail in one step (little-endian, zero-padded, assembled byte by byte
            // rather than copied); `str` hashing appends a terminator, so zero padding
            // cannot make two keys collide systematically.
            let tail = rest
                .iter()
                .enumerate()
                .fold(0u64, |v, (k, &b)| v | (u64::from(b) << (8 * k)));
            self.mix(tail);
        }
    }
    #[inline]
    fn write_u8(&mut self, b: u8) {
        self.mix(u64::from(b));
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// The hasher builder of [`WordHasher`].
pub(crate) type WordBuildHasher = std::hash::BuildHasherDefault<WordHasher>;

type WordMap<V> = HashMap<&'static str, V, WordBuildHasher>;

/// The lexicon's word forms (lowercase) in an open-addressing table with linear probing.
///
/// A key is hashed with every byte's 0x20 bit set, which folds ASCII case, so a word is
/// found in any case without being lowercased first; the slots keep 32 bits of the hash,
/// so a probe rarely reads a word that is not the one sought.
#[derive(Debug)]
struct WordTable {
    /// What is known of each word; `infos[i].word` is its (lowercase) form.
    infos: Vec<WordInfo>,
    /// `(hash >> 32, index + 1)` per slot; an index of 0 marks an empty slot.
    slots: Vec<(u32, u32)>,
    /// `slots.len() - 1` (a power of two less one).
    mask: usize,
    /// The most words the table takes (half the slots at most).
    limit: usize,
}

impl WordTable {
    /// An empty table for at most `n` words.
    fn with_capacity(n: usize) -> WordTable {
        // At most half full: short probes, for the words that are not in the table too.
        let size = (2 * n + 1).next_power_of_two().max(16);
        WordTable {
            infos: Vec::with_capacity(n),
            slots: vec![(0u32, 0u32); size],
            mask: size - 1,
            limit: n,
        }
    }

    /// The entry of the form `word`, added (with nothing known) if new; `None` once the
    /// table holds as many words as it was made for.
    fn entry(&mut self, word: &'static str) -> Option<&mut WordInfo> {
        let h = fold_hash(word.as_bytes());
        let tag = (h >> 32) as u32;
        let mut at = (h as usize) & self.mask;
        // (The table is never full: the search ends at an empty slot.)
        loop {
            let &(t, i) = self.slots.get(at)?;
            if i == 0 {
                if self.infos.len() >= self.limit {
                    return None;
                }
                let id = u32::try_from(self.infos.len()).ok()?;
                self.infos.push(WordInfo {
                    word,
                    id,
                    ..WordInfo::default()
                });
                *self.slots.get_mut(at)? = (tag, u32::try_from(self.infos.len()).ok()?);
                return self.infos.last_mut();
            }
            if t == tag
                && self
                    .infos
                    .get(i as usize - 1)
                    .is_some_and(|w| w.word == word)
            {
                return self.infos.get_mut(i as usize - 1);
            }
            at = (at + 1) & self.mask;
        }
    }

    /// The slot search: the first entry with the hash `h` that `same` accepts.
    #[inline]
    fn find(&self, h: u64, same: impl Fn(&WordInfo) -> bool) -> Option<&WordInfo> {
        let tag = (h >> 32) as u32;
        let mut at = (h as usize) & self.mask;
        loop {
            let &(t, i) = self.slots.get(at)?;
            if i == 0 {
                return None;
            }
            if t == tag {
                let info = self.infos.get(i as usize - 1)?;
                if same(info) {
                    return Some(info);
                }
            }
            at = (at + 1) & self.mask;
        }
    }

    /// The entry of exactly `key`.
    fn get(&self, key: &str) -> Option<&WordInfo> {
        self.get_bytes(key.as_bytes())
    }

    /// The entry whose form's bytes are exactly `key`.
    fn get_bytes(&self, key: &[u8]) -> Option<&WordInfo> {
        self.find(fold_hash(key), |i| i.word.as_bytes() == key)
    }

    /// The entry of the ASCII word `word` lowercased.
    #[inline]
    fn get_ascii_any_case(&self, word: &str) -> Option<&WordInfo> {
        let bytes = word.as_bytes();
        if (1..=8).contains(&bytes.len()) {
            // A short word is compared as one number with the entry's head, without
            // reading the entry's text.
            let (lowered, folded) = head_of(bytes);
            let h = finish_hash(mix_hash(bytes.len() as u64, folded));
            return self.find(h, |i| i.word.len() == bytes.len() && i.head == lowered);
        }
        self.find(fold_hash(bytes), |i| {
            i.word.len() == word.len()
                && i.word
                    .bytes()
                    .zip(word.bytes())
                    .all(|(a, b)| a == b.to_ascii_lowercase())
        })
    }
}

/// A hash of a byte string that ignores ASCII case: every byte is hashed with its 0x20
/// bit set (an ASCII letter's case bit; other bytes with it clear merely hash alike).
#[inline]
fn fold_hash(bytes: &[u8]) -> u64 {
    const CASE: u64 = 0x2020_2020_2020_2020;
    let mut h: u64 = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut b = [0u8; 8];
        b.copy_from_slice(c);
        h = mix_hash(h, u64::from_le_bytes(b) | CASE);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        h = mix_hash(h, head_of(rest).1);
    }
    finish_hash(h)
}

/// One step of [`fold_hash`].
#[inline]
fn mix_hash(h: u64, chunk: u64) -> u64 {
    const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    (h.rotate_left(5) ^ chunk).wrapping_mul(K)
}

/// The end of [`fold_hash`]: the slot comes from the low bits, so the high ones are
/// folded in.
#[inline]
fn finish_hash(h: u64) -> u64 {
    h ^ (h >> 29)
}

/// The first eight bytes as little-endian numbers, zero-padded: ASCII-lowercased, and with
/// every byte's 0x20 bit set (as [`fold_hash`] hashes them).
#[inline]
fn head_of(bytes: &[u8]) -> (u64, u64) {
    head_from(load_head(bytes), bytes.len())
}

/// Every byte of a word, in each byte lane.
const ONES: u64 = 0x0101_0101_0101_0101;

/// The first eight bytes as a little-endian number, zero-padded.
#[inline]
fn load_head(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .take(8)
        .enumerate()
        .fold(0u64, |v, (k, &b)| v | (u64::from(b) << (8 * k)))
}

/// [`head_of`] from the first eight bytes `x` ([`load_head`]) of a word of `len` bytes.
#[inline]
fn head_from(x: u64, len: usize) -> (u64, u64) {
    let n = len.min(8);
    // The bytes 'A'..='Z', found a whole word at a time: on the low seven bits of each
    // byte (so no addition carries into the next byte), at least 'A' and not beyond 'Z',
    // with the high bit clear.
    let low = x & (0x7f * ONES);
    let at_least_a = low.wrapping_add(0x3f * ONES);
    let beyond_z = low.wrapping_add(0x25 * ONES);
    let upper = at_least_a & !beyond_z & !x & (0x80 * ONES);
    (x | (upper >> 2), x | ((0x20 * ONES) & low_bytes(n)))
}

/// A mask of the low `n` bytes of a number (all of them from eight on).
#[inline]
fn low_bytes(n: usize) -> u64 {
    LOW_BYTES.get(n).copied().unwrap_or(u64::MAX)
}

/// [`low_bytes`] of 0 to 8 bytes, read from a table rather than shifted.
static LOW_BYTES: [u64; 9] = {
    let mut t = [0u64; 9];
    let mut n = 1;
    while n < 9 {
        // (A shift by 64, for eight bytes, would overflow: the mask is built up.)
        t[n] = (t[n - 1] << 8) | 0xff;
        n += 1;
    }
    t
};

/// How often a word or lemma is an event mention (a copy of its [`EventEntry`] counts,
/// read without following the table entry).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Counts {
    /// Occurrences in the corpus.
    pub seen: u16,
    /// Occurrences annotated as an event.
    pub events: u16,
    /// Most frequent event class.
    pub class: EventClass,
}

impl From<&EventEntry> for Counts {
    fn from(e: &EventEntry) -> Counts {
        Counts {
            seen: e.seen,
            events: e.events,
            class: e.class,
        }
    }
}

/// Whether the counts of a form say it is never an event: seen often, never as one
/// ([`flag::NON_EVENT_FORM`]).
#[inline]
fn is_non_event_form(c: Counts) -> bool {
    c.events == 0 && c.seen >= 10
}

/// A word form's treebank tags.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tags {
    /// Most frequent tag.
    pub first: Tag,
    /// Second most frequent tag (same as `first` when unambiguous).
    pub second: Tag,
    /// Share of `first` among the form's occurrences, in percent.
    pub share: u8,
    /// The form ends in "ed" (kept here so that tagging needs not read the form's text).
    pub ends_ed: bool,
    /// The tag [`choose`] gives the form written in lowercase whatever its neighbours, if
    /// it gives one (computed once, with the lexicon).
    pub lowercase: Option<Tag>,
}

impl Tags {
    /// The tag of the lowercase form that no context changes: [`choose`]'s first steps for
    /// a lowercase word, without its neighbours.
    fn lowercase_tag(self) -> Option<Tag> {
        let (a, b) = lowercase_pair(self);
        if regular_participle(self, a, b) && a != Tag::Jj {
            return None;
        }
        (a == b || self.share >= 95).then_some(a)
    }
}

/// The two tags of a form written in lowercase: not a proper noun, whatever its
/// capitalised uses were.
#[inline]
fn lowercase_pair(e: Tags) -> (Tag, Tag) {
    match (e.first, e.second) {
        (Tag::Nnp, s) => (s, s),
        (f, Tag::Nnp) => (f, f),
        (f, s) => (f, s),
    }
}

/// Past tense / participle ("called", "said") of a regular verb, whose two forms are one,
/// so that a treebank that saw only one of them proves nothing.
#[inline]
fn regular_participle(e: Tags, a: Tag, b: Tag) -> bool {
    let has = |t: Tag| a == t || b == t;
    e.ends_ed && (has(Tag::Vbd) || has(Tag::Vbn))
}

/// What the lexicons say about one word form.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct WordInfo {
    /// The lowercased form, as stored in the tables.
    pub word: &'static str,
    /// The treebank's most frequent lemma of the form, when the treebank knows it (a copy
    /// of its [`PosEntry`](super::lexicon::PosEntry)'s, read without following the table entry).
    pub lemma: Option<&'static str>,
    /// Event counts of the form.
    pub form: Option<Counts>,
    /// The treebank's tags of the form (a copy of its [`PosEntry`](super::lexicon::PosEntry)'s), when it knows the
    /// form.
    pub tags: Option<Tags>,
    /// The first eight bytes of `word`, little-endian, zero-padded.
    head: u64,
    /// Function-word flags ([`super::tables::flag`]).
    pub flags: u16,
    /// Word-list marks ([`super::tables::mark`]).
    pub marks: u32,
    /// What the form says of it as a noun ([`super::detect::noun_kind`]).
    pub noun_kind: super::detect::NounKind,
    /// Event counts of the treebank lemma by word class ([`word_class`]), when the treebank
    /// knows the form.
    pub lemma_events: [Option<Counts>; 4],
    /// Whether the form is likely an event under each tag, when the treebank knows its lemma.
    pub odds: Option<EventOdds>,
    /// The form's number in the lexicon: its place in [`Lexicon::forms`].
    pub id: u32,
}

/// Which tags make a known word an event by its estimate
/// ([`super::detect::known_estimate`]): one bit per tag.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct EventOdds {
    /// At or above the threshold of a bare word.
    likely: u32,
    /// At or above the threshold of the head of a verb group with auxiliaries.
    possible: u32,
}

impl EventOdds {
    /// The odds of a known word under every tag that may be a mention.
    fn of(info: &WordInfo) -> EventOdds {
        let mut odds = EventOdds::default();
        for tag in MENTION_TAGS {
            let p = super::detect::known_estimate(info, tag);
            if p >= super::detect::THRESHOLD {
                odds.likely |= 1 << (tag as u32);
            }
            if p >= super::detect::GROUP_THRESHOLD {
                odds.possible |= 1 << (tag as u32);
            }
        }
        odds
    }

    /// Whether the word is an event under `tag` by its estimate alone.
    #[inline]
    pub(crate) fn likely(self, tag: Tag) -> bool {
        (self.likely >> (tag as u32)) & 1 != 0
    }

    /// Whether the word is an event under `tag` at the head of a verb group.
    #[inline]
    pub(crate) fn possible(self, tag: Tag) -> bool {
        (self.possible >> (tag as u32)) & 1 != 0
    }
}

/// The tags a mention may have (see [`super::detect`]).
const MENTION_TAGS: [Tag; 10] = [
    Tag::Vb,
    Tag::Vbd,
    Tag::Vbn,
    Tag::Vbg,
    Tag::Vbz,
    Tag::Vbp,
    Tag::Nn,
    Tag::Nns,
    Tag::Jj,
    Tag::In,
];

/// The word class of a tag as the lemma table keys it: verb, noun, adjective, other.
#[inline]
pub(crate) fn word_class(tag: Tag) -> usize {
    match tag {
        t if t.is_verb() => 0,
        Tag::Nn | Tag::Nns | Tag::Nnp => 1,
        Tag::Jj => 2,
        _ => 3,
    }
}

/// The key suffixes of [`word_class`] in the lemma table.
const CLASS_KEYS: [u8; 4] = [b'v', b'n', b'j', b'o'];

/// The compiled lexicons: the word forms in an open-addressing table that is searched in
/// any letter case without lowercasing first, the lemmas in a hash map; built once.
#[derive(Debug)]
pub(crate) struct Lexicon {
    words: WordTable,
    /// Event counts of each lemma by word class (an index of [`CLASS_KEYS`]).
    lemmas: WordMap<LemmaCounts>,
}

/// Event counts of one lemma in each word class of [`word_class`].
type LemmaCounts = [Option<Counts>; 4];

impl Lexicon {
    pub(crate) fn new() -> Lexicon {
        let mut words = WordTable::with_capacity(POS_LEXICON.len() + EVENT_FORMS.len());
        for e in POS_LEXICON {
            if let Some(w) = words.entry(e.word) {
                w.lemma = Some(e.lemma);
                let mut tags = Tags {
                    first: e.first,
                    second: e.second,
                    share: e.share,
                    ends_ed: e.word.ends_with("ed"),
                    lowercase: None,
                };
                tags.lowercase = tags.lowercase_tag();
                w.tags = Some(tags);
            }
        }
        for e in EVENT_FORMS {
            if let Some(w) = words.entry(e.word) {
                w.form = Some(Counts::from(e));
            }
        }
        // The lemma table's keys are "lemma/c", `c` a letter of [`CLASS_KEYS`]; a later
        // entry of a key replaces an earlier one.
        let mut lemmas: WordMap<LemmaCounts> =
            WordMap::with_capacity_and_hasher(EVENT_LEMMAS.len(), WordBuildHasher::default());
        for e in EVENT_LEMMAS {
            let Some((lemma, class)) = e.word.rsplit_once('/') else {
                continue;
            };
            let Some(c) = CLASS_KEYS.iter().position(|k| class.as_bytes() == [*k]) else {
                continue;
            };
            if let Some(slot) = lemmas.entry(lemma).or_default().get_mut(c) {
                *slot = Some(Counts::from(e));
            }
        }
        for v in words.infos.iter_mut() {
            let k = v.word;
            // The form's own bytes: a form with a capital (the tables have none) is never
            // matched by a lowercased word.
            v.head = k
                .bytes()
                .take(8)
                .enumerate()
                .fold(0u64, |h, (n, b)| h | (u64::from(b) << (8 * n)));
            v.flags = super::tables::word_flags(k);
            if v.form.is_some_and(is_non_event_form) {
                v.flags |= flag::NON_EVENT_FORM;
            }
            v.marks = super::tables::word_marks(k);
            v.noun_kind = super::detect::noun_kind(k);
            // (Every class at once: what `lemma_entry` finds class by class.)
            if let Some(lemma) = v.lemma.filter(|l| l.len() <= MAX_LEMMA) {
                if let Some(counts) = lemmas.get(lemma) {
                    v.lemma_events = *counts;
                }
            }
            if v.lemma.is_some() {
                v.odds = Some(EventOdds::of(v));
            }
        }
        Lexicon { words, lemmas }
    }

    /// Every form of the lexicon (lowercase), in the order of their [`WordInfo::id`].
    pub(crate) fn forms(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.words.infos.iter().map(|i| i.word)
    }

    /// Looks a word up in any case, without allocating for ASCII words.
    pub(crate) fn lookup(&'static self, word: &str) -> Option<&'static WordInfo> {
        if word.is_ascii() {
            return self.words.get_ascii_any_case(word);
        }
        let key: String = word.chars().flat_map(char::to_lowercase).collect();
        self.words.get(&key)
    }

    /// [`Lexicon::lookup`] of the text at `span`, reading a short ASCII word only once.
    #[inline]
    pub(crate) fn lookup_span(
        &'static self,
        text: &str,
        span: std::ops::Range<usize>,
    ) -> Option<&'static WordInfo> {
        if let Some(bytes) = text
            .as_bytes()
            .get(span.clone())
            .filter(|b| (1..=8).contains(&b.len()))
        {
            // Eight bytes read at once where the text has them, less those past the word.
            let x = match text
                .as_bytes()
                .get(span.start..span.start + 8)
                .and_then(|c| <[u8; 8]>::try_from(c).ok())
            {
                Some(c) => u64::from_le_bytes(c) & low_bytes(bytes.len()),
                None => load_head(bytes),
            };
            if x & (0x80 * ONES) == 0 {
                // ASCII bytes: the span's ends are char boundaries, and the word is searched
                // as `get_ascii_any_case` does.
                let n = bytes.len();
                let (lowered, folded) = head_from(x, n);
                let h = finish_hash(mix_hash(n as u64, folded));
                return self
                    .words
                    .find(h, |i| i.word.len() == n && i.head == lowered);
            }
        }
        self.lookup(text.get(span).unwrap_or(""))
    }

    /// [`Lexicon::lookup`] of an ASCII word of `n` letters (at most fifteen) given by its
    /// lowercase bytes as a little-endian number (what the temporal tagger's scanner reads
    /// them as): the search of [`Lexicon::lookup_span`], without reading the text again.
    #[inline]
    pub(crate) fn lookup_lowercase(
        &'static self,
        key: u128,
        n: usize,
    ) -> Option<&'static WordInfo> {
        let lo = key as u64;
        if n <= 8 {
            // (Lowercase letters have their 0x20 bit set already: the folded head is the
            // head.)
            let h = finish_hash(mix_hash(n as u64, lo));
            return self.words.find(h, |i| i.word.len() == n && i.head == lo);
        }
        // As `fold_hash` of the word: its first eight bytes, then the rest zero-padded.
        let hi = (key >> 64) as u64;
        let h = finish_hash(mix_hash(mix_hash(n as u64, lo), hi));
        let tail = hi.to_le_bytes();
        let tail = tail.get(..n - 8).unwrap_or_default();
        self.words.find(h, |i| {
            i.word.len() == n && i.head == lo && i.word.as_bytes().get(8..) == Some(tail)
        })
    }

    /// Event counts of a lemma used as the word class of `tag` ("last" the verb is not
    /// "last" the adjective).
    pub(crate) fn event_lemma(&self, lemma: &str, tag: Tag) -> Option<Counts> {
        lemma_entry(&self.lemmas, lemma, word_class(tag))
    }

    /// The lemma of a token's word and its event counts for `tag`: precomputed for words
    /// the treebank knows, else by stripping inflections (`lower` is the lowercased word).
    #[inline]
    pub(crate) fn lemma_and_events<'a>(
        &self,
        info: Option<&'static WordInfo>,
        lower: &'a str,
        tag: Tag,
    ) -> (std::borrow::Cow<'a, str>, Option<Counts>) {
        if let Some(lemma) = info.and_then(|i| i.lemma) {
            let entry = i_lemma_events(info, tag);
            return (std::borrow::Cow::Borrowed(lemma), entry);
        }
        self.unknown_lemma_and_events(lower, tag)
    }

    /// [`Lexicon::lemma_and_events`] of a word the treebank does not know.
    #[inline(never)]
    fn unknown_lemma_and_events<'a>(
        &self,
        lower: &'a str,
        tag: Tag,
    ) -> (std::borrow::Cow<'a, str>, Option<Counts>) {
        // `info` is the lexicon's entry for `lower`: the treebank does not know the word.
        let l = self.strip_lemma(lower, tag);
        let entry = self.event_lemma(&l, tag);
        (l, entry)
    }

    /// The lemma of a word the treebank does not know, by stripping inflections: a
    /// candidate the lexicon knows is returned as the lexicon's own (static) form.
    fn strip_lemma<'a>(&self, lower: &'a str, tag: Tag) -> std::borrow::Cow<'a, str> {
        use std::borrow::Cow;
        let strip = |suffix: &str, add: &str| -> Option<&'static str> {
            let stem = lower.strip_suffix(suffix)?;
            if stem.chars().count() < 3 {
                return None;
            }
            // The candidate is built on the stack.
            let mut buf = [0u8; 48];
            let n = stem.len() + add.len();
            let Some(b) = buf.get_mut(..n) else {
                let cand = format!("{stem}{add}");
                return self.words.get(&cand).map(|i| i.word);
            };
            b.get_mut(..stem.len())?.copy_from_slice(stem.as_bytes());
            b.get_mut(stem.len()..)?.copy_from_slice(add.as_bytes());
            self.words.get_bytes(b).map(|i| i.word)
        };
        let rules: &[(&str, &str)] = match tag {
            Tag::Nns | Tag::Vbz => &[("ies", "y"), ("es", ""), ("s", "")],
            Tag::Vbd | Tag::Vbn => &[("ied", "y"), ("ed", "e"), ("ed", ""), ("d", "")],
            Tag::Vbg => &[("ing", "e"), ("ing", "")],
            _ => &[],
        };
        for (suf, add) in rules {
            if let Some(l) = strip(suf, add) {
                return Cow::Borrowed(l);
            }
        }
        Cow::Borrowed(lower)
    }
}

/// The precomputed lemma event counts of a known word for `tag`.
fn i_lemma_events(info: Option<&'static WordInfo>, tag: Tag) -> Option<Counts> {
    info?.lemma_events.get(word_class(tag)).copied().flatten()
}

/// The lemma table's entry for `lemma` in word class `class` (an index of [`CLASS_KEYS`]).
/// Lemmas of more than [`MAX_LEMMA`] bytes are not looked up.
fn lemma_entry(lemmas: &WordMap<LemmaCounts>, lemma: &str, class: usize) -> Option<Counts> {
    if lemma.len() > MAX_LEMMA {
        return None;
    }
    lemmas.get(lemma)?.get(class).copied().flatten()
}

/// The longest lemma that is looked up in the lemma table, in bytes.
const MAX_LEMMA: usize = 38;

/// The tag of a word the lexicon does not know, from its shape.
fn guess<'a>(
    word: &str,
    lower: impl FnOnce() -> std::borrow::Cow<'a, str>,
    capitalized: bool,
    sentence_start: bool,
) -> Tag {
    if word.chars().any(|c| c.is_ascii_digit()) && !word.chars().any(char::is_alphabetic) {
        return Tag::Cd;
    }
    if capitalized && !sentence_start {
        return Tag::Nnp;
    }
    // The suffixes are ASCII and lowercase: an ASCII word is compared with them in any case,
    // without being lowercased first.
    let lowered;
    let word = if word.is_ascii() {
        word
    } else {
        lowered = lower();
        &lowered
    };
    // Only the rules whose suffix ends in the word's last byte, in their order.
    let mut rules = word.as_bytes().last().map_or(0, |&b| {
        SUFFIXES_BY_LAST_BYTE[usize::from(b.to_ascii_lowercase())]
    });
    while rules != 0 {
        let k = rules.trailing_zeros() as usize;
        rules &= rules - 1;
        if let Some(&(suffix, tag)) = SUFFIX_TAGS.get(k) {
            if has_suffix_any_case(word, suffix) {
                return tag;
            }
        }
    }
    if capitalized {
        Tag::Nnp
    } else {
        Tag::Nn
    }
}

/// Whether `word` ends with the lowercase ASCII `suffix` in any ASCII case, and is more than
/// two bytes longer, as the lowercased word would.
#[inline]
fn has_suffix_any_case(word: &str, suffix: &str) -> bool {
    let (w, s) = (word.as_bytes(), suffix.as_bytes());
    w.len() > s.len() + 2
        && w.get(w.len() - s.len()..)
            .is_some_and(|end| end.eq_ignore_ascii_case(s))
}

/// For each byte value, the rules of [`SUFFIX_TAGS`] whose suffix ends in it (bit `k` for
/// rule `k`).
static SUFFIXES_BY_LAST_BYTE: [u64; 256] = suffixes_by_last_byte();

const fn suffixes_by_last_byte() -> [u64; 256] {
    assert!(SUFFIX_TAGS.len() <= 64, "one bit per rule");
    let mut t = [0u64; 256];
    let mut k = 0;
    while k < SUFFIX_TAGS.len() {
        let b = SUFFIX_TAGS[k].0.as_bytes();
        if !b.is_empty() {
            t[b[b.len() - 1] as usize] |= 1 << k;
        }
        k += 1;
    }
    t
}

/// Suffix → tag rules for unknown words, most specific first.
const SUFFIX_TAGS: &[(&str, Tag)] = &[
    ("ings", Tag::Nns),
    ("ing", Tag::Vbg),
    ("ed", Tag::Vbd),
    ("tion", Tag::Nn),
    ("tions", Tag::Nns),
    ("sion", Tag::Nn),
    ("ment", Tag::Nn),
    ("ments", Tag::Nns),
    ("ness", Tag::Nn),
    ("ity", Tag::Nn),
    ("ance", Tag::Nn),
    ("ence", Tag::Nn),
    ("ure", Tag::Nn),
    ("ism", Tag::Nn),
    ("ist", Tag::Nn),
    ("er", Tag::Nn),
    ("ers", Tag::Nns),
    ("ly", Tag::Rb),
    ("ous", Tag::Jj),
    ("ful", Tag::Jj),
    ("ive", Tag::Jj),
    ("able", Tag::Jj),
    ("ible", Tag::Jj),
    ("ic", Tag::Jj),
    ("al", Tag::Jj),
    ("ize", Tag::Vb),
    ("ise", Tag::Vb),
    ("ify", Tag::Vb),
    ("s", Tag::Nns),
];

/// Tags tokens (a sentence, or a whole text) in place, choosing between each word's two most frequent
/// tags from its left context.
pub(crate) fn tag_sentence(lex: &'static Lexicon, text: &str, toks: &mut [Token]) {
    // Every word is looked up once, a block of tokens at a time (and one token beyond it:
    // the next word's entry is needed for the current one), then the block is tagged
    // while it is in cache.
    let mut looked = 0;
    let mut start = 0;
    while start < toks.len() {
        let end = (start + TAG_BLOCK).min(toks.len());
        let ahead = (end + 1).min(toks.len());
        look_up(lex, text, toks.get_mut(looked..ahead).unwrap_or_default());
        looked = looked.max(ahead);
        tag_block(text, toks, start..end);
        start = end;
    }
}

/// Fills in what the lexicon knows of each word of `toks`, and its function-word flags.
#[inline]
pub(crate) fn look_up(lex: &'static Lexicon, text: &str, toks: &mut [Token]) {
    for t in toks {
        t.info = match t.kind {
            TokenKind::Word => lex.lookup_span(text, t.span()),
            _ => None,
        };
        t.flags = super::text::word_flags_of(text, t);
    }
}

/// [`tag_sentence`] of tokens whose words have all been looked up ([`look_up`]).
#[cfg(test)]
pub(crate) fn tag_looked_up(text: &str, toks: &mut [Token]) {
    tag_block(text, toks, 0..toks.len());
}

/// How many tokens are looked up and tagged together: few enough (1.5 KiB of tokens) that
/// they are still in the first-level cache when tagged, whatever the lookups evicted.
const TAG_BLOCK: usize = 64;

/// Tags the tokens of `block`, whose words (and the next one) have been looked up (the
/// blocks of a text in order, each after the ones before it).
pub(crate) fn tag_block(text: &str, toks: &mut [Token], block: std::ops::Range<usize>) {
    // The tags of the two tokens before, carried along (those before the block are tagged).
    let before = |k: Option<usize>| k.and_then(|k| toks.get(k)).map(|t| t.tag);
    let mut prev = before(block.start.checked_sub(1));
    let mut prev2 = before(block.start.checked_sub(2));
    for i in block {
        let Some(tok) = toks.get(i) else { break };
        let tag = match tok.kind {
            TokenKind::Punct => Tag::Punct,
            TokenKind::Number => Tag::Cd,
            TokenKind::Word => word_tag(text, toks, i, prev, prev2),
        };
        if let Some(t) = toks.get_mut(i) {
            t.tag = tag;
        }
        prev2 = prev;
        prev = Some(tag);
    }
}

/// The tag of the word at `i`, after tokens tagged `prev` and `prev2`.
#[inline]
fn word_tag(text: &str, toks: &[Token], i: usize, prev: Option<Tag>, prev2: Option<Tag>) -> Tag {
    let Some(tok) = toks.get(i) else {
        return Tag::Other;
    };
    let info = tok.info;
    // Known words carry their lowercased form; unknown ones are lowercased
    // only when their shape does not already decide.
    let lower_of = || match info {
        Some(i) => std::borrow::Cow::Borrowed(i.word),
        None => super::text::lower(text, tok),
    };
    // (The taggers ask only whether a capitalised word starts a sentence.)
    let sentence_start = tok.capitalized
        && (i == 0
            || tok.newlines_before > 1
            || (i == 1 && toks.first().is_some_and(|t| t.kind == TokenKind::Punct))
            || toks.get(i.wrapping_sub(1)).is_some_and(|p| {
                matches!(
                    p.sym,
                    Sym::Quote
                        | Sym::OpenQuotes
                        | Sym::CurlyOpenQuote
                        | Sym::Colon
                        | Sym::OpenParen
                        | Sym::DoubleDash
                        | Sym::EmDash
                        | Sym::Underscore
                        | Sym::Period
                        | Sym::Bang
                        | Sym::Question
                )
            }));
    // The next word's most frequent tag, for "phone calls between" (noun) against
    // "the company calls the bonds" (verb).
    // (Read only where it decides.)
    let next = || {
        toks.get(i + 1).and_then(|n| {
            if n.kind == TokenKind::Punct {
                return Some(Tag::Punct);
            }
            if n.capitalized {
                return Some(Tag::Nnp);
            }
            n.info?.tags.map(|t| t.first)
        })
    };
    let tag = match info.and_then(|w| w.tags) {
        Some(e) if (e.first.is_verb() || e.second.is_verb()) && after_do_form(text, toks, i) => {
            Tag::Vb
        }
        Some(e) => choose(
            e,
            tok.capitalized,
            sentence_start,
            prev,
            prev2,
            next,
            &lower_of(),
        ),
        None => {
            let word = text.get(tok.span()).unwrap_or("");
            let g = guess(word, lower_of, tok.capitalized, sentence_start);
            match (refine_unknown(g, prev), prev) {
                // "The museum occupies three rooms": a verb that takes an object.
                (Tag::Nns, Some(Tag::Nn | Tag::Nnp | Tag::Prp))
                    if matches!(
                        next(),
                        Some(Tag::Dt | Tag::Cd | Tag::PrpPoss | Tag::Prp | Tag::To)
                    ) =>
                {
                    Tag::Vbz
                }
                (t, _) => t,
            }
        }
    };
    // A sentence's capitalised first word and then a word that can be a base verb, before
    // an object ("Arsenal beat the champions", "Ukraine hit the refinery"): the first word
    // is the subject, the second its verb, past when its past is its base form.
    let can_be_base_verb = info
        .and_then(|w| w.tags)
        .is_some_and(|e| e.first == Tag::Vb || e.second == Tag::Vb);
    if can_be_base_verb
        && matches!(tag, Tag::Nn | Tag::Vb | Tag::Vbp)
        && matches!(prev, Some(Tag::Jj | Tag::Nn | Tag::Nnp))
        && subject_opens(toks, i)
    {
        // (Before a name only a verb whose past is its base form: "Arsenal beat Chelsea",
        // not "Border control Minister Smith".)
        let past = super::tables::SAME_FORM_PAST.contains(&&*lower_of());
        match next() {
            Some(Tag::Dt | Tag::PrpPoss) | Some(Tag::Nnp) if past => return Tag::Vbd,
            Some(Tag::Dt | Tag::PrpPoss) => return Tag::Vbp,
            _ => {}
        }
    }
    // No present-tense or base verb right after a determiner, a possessive or an
    // adjective: "a new syndicate", "the southern span".
    match (tag, prev) {
        (Tag::Vb | Tag::Vbp, Some(Tag::Dt | Tag::PrpPoss | Tag::Poss | Tag::Jj)) => Tag::Nn,
        (Tag::Vbz, Some(Tag::Dt | Tag::PrpPoss | Tag::Poss | Tag::Jj)) => Tag::Nns,
        _ => tag,
    }
}

/// The token before `i` is a capitalised word that opens its sentence.
fn subject_opens(toks: &[Token], i: usize) -> bool {
    let Some(p) = i.checked_sub(1).and_then(|k| toks.get(k)) else {
        return false;
    };
    let opens = i == 1
        || p.newlines_before > 0
        || toks
            .get(i.wrapping_sub(2))
            .is_some_and(|t| matches!(t.sym, Sym::Period | Sym::Bang | Sym::Question));
    p.capitalized && opens
}

/// Whether the word at `i` follows a form of "do" (over adverbs and negation): "did not
/// call", "does it matter".
fn after_do_form(text: &str, toks: &[Token], i: usize) -> bool {
    let mut k = i;
    let mut steps = 0;
    while k > 0 && steps < 3 {
        k -= 1;
        steps += 1;
        let t = &toks[k];
        let (do_form, negation) = match t.info {
            // The flags of lexicon words are their word lists: "do", "does", "did" and the
            // negations ("no" aside).
            Some(i) => (
                i.flags & flag::DO != 0,
                i.flags & flag::NEG != 0 && i.word != "no",
            ),
            None => super::text::with_lower(text, t, |w| {
                (
                    matches!(w, "do" | "does" | "did"),
                    matches!(w, "not" | "n't" | "n’t" | "never"),
                )
            }),
        };
        if do_form {
            return true;
        }
        if !(t.tag == Tag::Rb || negation) {
            return false;
        }
    }
    false
}

fn refine_unknown(g: Tag, prev: Option<Tag>) -> Tag {
    match (g, prev) {
        (Tag::Vbd, Some(Tag::Vbz | Tag::Vbp | Tag::Vbd | Tag::Vbn | Tag::Vb | Tag::Vbg)) => {
            Tag::Vbn
        }
        (Tag::Vbd, Some(Tag::Dt | Tag::PrpPoss | Tag::Jj)) => Tag::Jj,
        (Tag::Vb, Some(Tag::Nn | Tag::Nns | Tag::Nnp | Tag::Prp)) => Tag::Vbp,
        _ => g,
    }
}

/// The tag of a word the treebank knows (`e` its tags, `lower` its form), from its case and
/// its neighbours' tags.
fn choose(
    e: Tags,
    capitalized: bool,
    sentence_start: bool,
    prev: Option<Tag>,
    prev2: Option<Tag>,
    next: impl Fn() -> Option<Tag>,
    lower: &str,
) -> Tag {
    if !capitalized {
        if let Some(t) = e.lowercase {
            return t;
        }
    }
    if capitalized && !sentence_start && e.first != Tag::Nnp && e.second != Tag::Nnp {
        // A capitalised common word inside a sentence is usually part of a name ("Bank").
        if !matches!(
            e.first,
            Tag::Prp | Tag::Dt | Tag::In | Tag::Cc | Tag::Md | Tag::To | Tag::Wh
        ) && lower != "i"
        {
            return Tag::Nnp;
        }
    }
    // A name or a participle starting a sentence before another capitalised word is part
    // of a name ("Fed Chair Jerome Powell told…"); a finite verb there is an inversion
    // ("Says Michael Hirsch, …").
    if capitalized
        && sentence_start
        && (e.first == Tag::Nnp || e.second == Tag::Nnp || e.first == Tag::Vbn)
        && next() == Some(Tag::Nnp)
    {
        return Tag::Nnp;
    }
    // A lowercase word is not a proper noun, whatever its capitalised uses were.
    let (a, b) = if capitalized {
        (e.first, e.second)
    } else {
        lowercase_pair(e)
    };
    // Past tense / participle ("called", "said"); for regular verbs the two forms are one,
    // so a treebank that saw only one of them proves nothing.
    let regular = regular_participle(e, a, b);
    if regular && a != Tag::Jj {
        let p = match prev {
            Some(Tag::Rb) => prev2.or(prev),
            p => p,
        };
        return match p {
            Some(t) if t.is_verb() => Tag::Vbn,
            Some(Tag::Dt | Tag::PrpPoss | Tag::Poss | Tag::Cd | Tag::In) => Tag::Vbn,
            _ => Tag::Vbd,
        };
    }
    if a == b || e.share >= 95 {
        return a;
    }
    let has = |t: Tag| a == t || b == t;
    let prev = match prev {
        Some(Tag::Rb) => prev2.or(prev),
        p => p,
    };
    // Noun / verb ambiguity ("call", "calls", "plans").
    if (a.is_noun() && b.is_verb()) || (a.is_verb() && b.is_noun()) {
        let noun = if a.is_noun() { a } else { b };
        let verb = if a.is_verb() { a } else { b };
        return match prev {
            Some(Tag::Dt | Tag::PrpPoss | Tag::Jj | Tag::Poss | Tag::Cd | Tag::In) => noun,
            Some(Tag::To | Tag::Md) => {
                if verb == Tag::Vbz {
                    noun
                } else {
                    Tag::Vb
                }
            }
            Some(Tag::Prp | Tag::Wh) => verb,
            Some(Tag::Nn | Tag::Nnp)
                if matches!(verb, Tag::Vbz | Tag::Vbd)
                    && !(a.is_noun()
                        && matches!(next(), Some(Tag::In | Tag::Punct | Tag::Cc | Tag::Md))) =>
            {
                verb
            }
            Some(Tag::Nns) if matches!(verb, Tag::Vbp | Tag::Vbd) => verb,
            Some(Tag::Nn | Tag::Nns | Tag::Nnp) if verb == Tag::Vb || verb == Tag::Vbp => noun,
            _ => a,
        };
    }
    if (has(Tag::Vbd) && has(Tag::Vbn)) || (regular && a != Tag::Jj) {
        return match prev {
            Some(Tag::Vbz | Tag::Vbp | Tag::Vbd | Tag::Vbn | Tag::Vb | Tag::Vbg) => Tag::Vbn,
            Some(Tag::Nn | Tag::Nns | Tag::Nnp | Tag::Prp | Tag::Wh) => Tag::Vbd,
            _ => a,
        };
    }
    // Base form / present ("say", "have").
    if has(Tag::Vb) && has(Tag::Vbp) {
        return match prev {
            Some(Tag::To | Tag::Md) => Tag::Vb,
            Some(Tag::Vbd | Tag::Vbz | Tag::Vbp) => Tag::Vb,
            Some(Tag::Nns | Tag::Prp | Tag::Nnp) => Tag::Vbp,
            _ => a,
        };
    }
    // Adjective / participle ("confirmed", "elected").
    if (a == Tag::Jj && b.is_verb()) || (a.is_verb() && b == Tag::Jj) {
        let verb = if a.is_verb() { a } else { b };
        return match prev {
            Some(Tag::Dt | Tag::PrpPoss | Tag::Poss | Tag::Cd) => Tag::Jj,
            Some(t) if t.is_verb() && verb == Tag::Vbn => Tag::Vbn,
            Some(Tag::Nn | Tag::Nns | Tag::Nnp | Tag::Prp) if verb == Tag::Vbd => Tag::Vbd,
            _ => a,
        };
    }
    if prev.is_some_and(Tag::is_prenominal) && b.is_noun() && !a.is_noun() && a != Tag::Jj {
        return b;
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word-at-a-time head agrees with lowering byte by byte, for every byte value.
    #[test]
    fn head_of_agrees_with_bytewise_lowering() {
        let bytewise = |bytes: &[u8]| {
            bytes
                .iter()
                .take(8)
                .enumerate()
                .fold((0u64, 0u64), |(l, f), (k, &b)| {
                    (
                        l | (u64::from(b.to_ascii_lowercase()) << (8 * k)),
                        f | (u64::from(b | 0x20) << (8 * k)),
                    )
                })
        };
        for b in 0..=255u8 {
            for n in 0..=9 {
                let mut v = vec![b; n];
                if n > 1 {
                    v[0] = b'Q';
                    v[n - 1] = 0xc3;
                }
                assert_eq!(head_of(&v), bytewise(&v), "{b} {n}");
            }
        }
    }

    /// Suffixes compared in any case agree with suffixes of the lowercased word.
    #[test]
    fn suffixes_in_any_case_match_the_lowercased_word() {
        for w in [
            "Meetings", "MEETING", "talks", "Talked", "ed", "Red", "Nations", "iPhones",
        ] {
            for &(suffix, _) in SUFFIX_TAGS {
                assert_eq!(
                    has_suffix_any_case(w, suffix),
                    w.len() > suffix.len() + 2 && w.to_ascii_lowercase().ends_with(suffix),
                    "{w} {suffix}"
                );
            }
        }
    }

    /// The byte masks keep exactly the low bytes asked for.
    #[test]
    fn low_byte_masks() {
        for n in 0..=12usize {
            let bytes = 0xffu64.to_le_bytes().len();
            let expected = (0..n.min(bytes)).fold(0u64, |m, k| m | (0xff << (8 * k)));
            assert_eq!(low_bytes(n), expected, "{n}");
        }
    }

    /// Every lexicon form is found as it is, capitalised and in capitals; words that are
    /// not forms are not found.
    #[test]
    fn word_table_finds_forms_in_any_case() {
        let lex = super::super::lexicon();
        for e in POS_LEXICON.iter().step_by(7) {
            let found = |w: &str| lex.lookup(w).map(|i| i.word);
            assert_eq!(found(e.word), Some(e.word));
            if e.word.is_ascii() {
                let mut cap = e.word.to_string();
                if let Some(f) = cap.get_mut(..1) {
                    f.make_ascii_uppercase();
                }
                assert_eq!(found(&cap), Some(e.word), "{cap}");
                assert_eq!(found(&e.word.to_ascii_uppercase()), Some(e.word));
            }
        }
        for w in [
            "zzyzxqwv",
            "Qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq",
            "",
            "ÉLANXYZ",
        ] {
            assert!(lex.lookup(w).is_none(), "{w}");
        }
        assert_eq!(lex.lookup("SAID").map(|i| i.word), Some("said"));
    }
}
