//! Hand-written word tables for event extraction, each in one place.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::pos::WordBuildHasher;
use crate::event::RelType;

/// Abbreviations that keep their final dot (lowercase, without the dot).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "capt", "sgt", "maj",
    "adm", "rev", "st", "jr", "sr", "inc", "corp", "co", "ltd", "bros", "no", "nos", "vol", "vs",
    "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "mt", "ft", "ave",
    "blvd", "dept", "univ", "approx", "est", "fig", "al", "cf", "pp", "ch", "sec", "supt", "cmdr",
    "gens", "sens", "reps", "messrs", "mass", "calif", "fla", "ariz", "conn", "ill", "wash",
    "tenn", "penn", "okla", "nev", "ore", "wis", "minn", "mich", "colo", "del", "ky", "md", "va",
    "ga", "ala", "ark", "kan", "neb", "vt", "ind", "pa", "tex", "miss", "mo", "la", "ok", "oh",
    "nj", "ny", "dc",
];

/// Abbreviations after which a sentence never ends (titles, "No. 5", "Jan. 3").
const TITLE_ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "capt", "sgt", "maj",
    "adm", "rev", "st", "no", "nos", "mt", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "vs", "supt", "cmdr", "messrs", "gens", "sens", "reps",
];

/// A word of at most six bytes as one number: its length, then its bytes ASCII-lowercased.
fn pack(word: &str) -> Option<u64> {
    let b = word.as_bytes();
    if b.len() > 6 {
        return None;
    }
    Some(b.iter().fold(b.len() as u64, |v, &c| {
        (v << 8) | u64::from(c.to_ascii_lowercase())
    }))
}

/// The abbreviation lists packed ([`pack`]) and sorted, built once.
struct PackedAbbreviations {
    all: Vec<u64>,
    titles: Vec<u64>,
}

fn packed_abbreviations() -> &'static PackedAbbreviations {
    static PACKED: OnceLock<PackedAbbreviations> = OnceLock::new();
    PACKED.get_or_init(|| {
        let sorted = |list: &[&str]| {
            let mut v: Vec<u64> = list.iter().filter_map(|w| pack(w)).collect();
            v.sort_unstable();
            v
        };
        PackedAbbreviations {
            all: sorted(ABBREVIATIONS),
            titles: sorted(TITLE_ABBREVIATIONS),
        }
    })
}

/// Whether `word`, without its final dots, is in a packed list, ignoring ASCII case.
fn in_list(packed: &[u64], word: &str) -> bool {
    pack(word.trim_end_matches('.')).is_some_and(|p| packed.binary_search(&p).is_ok())
}

/// Whether `word` (without its dot) is a known abbreviation.
pub(crate) fn is_abbreviation(word: &str) -> bool {
    in_list(&packed_abbreviations().all, word)
}

/// Whether a sentence can never end at `word` ("Dr.", "No.", "Jan.").
pub(crate) fn is_title_abbreviation(word: &str) -> bool {
    in_list(&packed_abbreviations().titles, word)
}

/// Titles that start a person's name ("President Putin", "Dr. Jones").
pub(crate) const PERSON_TITLES: &[&str] = &[
    "president",
    "vice",
    "prime",
    "minister",
    "secretary",
    "senator",
    "sen.",
    "rep.",
    "gov.",
    "governor",
    "dr.",
    "mr.",
    "mrs.",
    "ms.",
    "prof.",
    "professor",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "chancellor",
    "general",
    "gen.",
    "chairman",
    "chairwoman",
    "judge",
    "justice",
    "ambassador",
    "mayor",
    "premier",
    "sheikh",
    "lt.",
    "col.",
    "capt.",
    "adm.",
    "sgt.",
    "gov",
    "sir",
    "lord",
    "lady",
    "rev.",
    "cardinal",
    "commissioner",
    "spokesman",
    "spokeswoman",
    "envoy",
    "leader",
    "chief",
    "director",
];

/// Last words of organisation names ("Acme Corp.", "World Bank").
pub(crate) const ORG_SUFFIXES: &[&str] = &[
    "inc.",
    "inc",
    "corp.",
    "corp",
    "co.",
    "ltd.",
    "ltd",
    "plc",
    "group",
    "bank",
    "party",
    "ministry",
    "council",
    "committee",
    "commission",
    "agency",
    "association",
    "university",
    "department",
    "fund",
    "organization",
    "organisation",
    "union",
    "airlines",
    "court",
    "army",
    "congress",
    "senate",
    "parliament",
    "news",
    "times",
    "post",
    "press",
    "service",
    "institute",
    "kremlin",
    "federation",
    "alliance",
    "authority",
    "board",
    "bureau",
    "office",
    "network",
];

/// Verbs whose past tense is their base form ("beat", "hit", "cut").
pub(crate) const SAME_FORM_PAST: &[&str] = &[
    "beat",
    "hit",
    "cut",
    "put",
    "set",
    "shut",
    "let",
    "hurt",
    "cost",
    "quit",
    "spread",
    "split",
    "bet",
    "burst",
    "cast",
    "upset",
    "bid",
    "broadcast",
    "forecast",
    "read",
];

/// Forms of "be".
pub(crate) const BE_FORMS: &[&str] = &[
    "be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re", "'m", "’s", "’re",
];

/// Forms of "have".
pub(crate) const HAVE_FORMS: &[&str] = &["have", "has", "had", "having", "'ve", "'d", "’ve"];

/// Forms of "do".
pub(crate) const DO_FORMS: &[&str] = &["do", "does", "did"];

/// Modal auxiliaries; `will`/`shall` make the future.
pub(crate) const MODALS: &[&str] = &[
    "will", "would", "shall", "should", "can", "could", "may", "might", "must", "'ll", "’ll",
    "ought", "wo", "ca",
];

/// Words that negate the verb group or the noun they precede.
pub(crate) const NEGATIONS: &[&str] = &["not", "n't", "n’t", "never", "no"];

/// Signal word before a timex → relation "event REL timex", for dates and times.
pub(crate) const DATE_SIGNALS: &[(&str, RelType)] = &[
    ("on", RelType::IsIncluded),
    ("in", RelType::IsIncluded),
    ("at", RelType::IsIncluded),
    ("during", RelType::IsIncluded),
    ("over", RelType::IsIncluded),
    ("within", RelType::IsIncluded),
    ("of", RelType::IsIncluded),
    ("for", RelType::IsIncluded),
    ("before", RelType::Before),
    ("prior", RelType::Before),
    ("by", RelType::Before),
    ("after", RelType::After),
    ("since", RelType::BegunBy),
    ("from", RelType::BegunBy),
    ("between", RelType::BegunBy),
    ("until", RelType::EndedBy),
    ("till", RelType::EndedBy),
    ("through", RelType::EndedBy),
    ("throughout", RelType::During),
];

/// Signal word before a duration → relation "event REL duration".
pub(crate) const DURATION_SIGNALS: &[(&str, RelType)] = &[
    ("for", RelType::During),
    ("throughout", RelType::During),
    ("in", RelType::IsIncluded),
    ("during", RelType::IsIncluded),
    ("over", RelType::IsIncluded),
    ("within", RelType::IsIncluded),
    ("after", RelType::After),
    ("before", RelType::Before),
];

/// The relation a signal word gives, if it is one.
pub(crate) fn signal(word: &str, duration: bool) -> Option<RelType> {
    let table = if duration {
        DURATION_SIGNALS
    } else {
        DATE_SIGNALS
    };
    table.iter().find(|(w, _)| *w == word).map(|&(_, r)| r)
}

/// Words that stand in for an elided eventive noun in a distributive list
/// ("two calls — one on February 12 and another on March 18").
pub(crate) const DISTRIBUTIVES: &[&str] = &[
    "one", "another", "other", "first", "second", "third", "last", "latest",
];

/// Modals as a contraction with "n't" leaves them ("ca" of "can't"), and their full form.
pub(crate) const CONTRACTED_MODALS: &[(&str, &str)] =
    &[("ca", "can"), ("wo", "will"), ("sha", "shall")];

/// Determiners that mark a definite (possibly coreferring) noun phrase.
pub(crate) const DEFINITES: &[&str] = &[
    "the", "that", "this", "those", "these", "its", "their", "his", "her",
];

/// Nouns that name a happening (disasters, accidents, violence, contests, ceremonies, public
/// and economic events), singular: an unseen or rarely seen one is taken for an event as a
/// noun with an eventive suffix is ("The quake hit at 10:46 p.m.", "the storm", "the
/// playoff"). What the annotated corpus says of a word it has seen outweighs this.
pub(crate) const HAPPENING_NOUNS: &[&str] = &[
    // Nature.
    "quake",
    "earthquake",
    "aftershock",
    "tremor",
    "storm",
    "thunderstorm",
    "snowstorm",
    "hailstorm",
    "rainstorm",
    "windstorm",
    "hurricane",
    "typhoon",
    "cyclone",
    "tornado",
    "flood",
    "flooding",
    "wildfire",
    "bushfire",
    "blaze",
    "landslide",
    "mudslide",
    "avalanche",
    "tsunami",
    "eruption",
    "drought",
    "blizzard",
    "heatwave",
    "outbreak",
    "pandemic",
    "epidemic",
    "landfall",
    // Accidents.
    "crash",
    "collision",
    "derailment",
    "shipwreck",
    "explosion",
    "blast",
    "accident",
    "incident",
    "meltdown",
    "spill",
    "outage",
    "blackout",
    // Violence and conflict.
    "riot",
    "siege",
    "massacre",
    "ambush",
    "skirmish",
    "shootout",
    "stabbing",
    "shooting",
    "bombing",
    "airstrike",
    "raid",
    "assault",
    "heist",
    "robbery",
    "burglary",
    "murder",
    "kidnapping",
    "hijacking",
    "coup",
    "uprising",
    "rebellion",
    "mutiny",
    "insurgency",
    "invasion",
    "genocide",
    "battle",
    "war",
    "truce",
    "armistice",
    "ceasefire",
    // Contests, ceremonies and gatherings.
    "marathon",
    "playoff",
    "semifinal",
    "quarterfinal",
    "tournament",
    "championship",
    "rematch",
    "finale",
    "gig",
    "concert",
    "festival",
    "premiere",
    "ceremony",
    "wedding",
    "funeral",
    "parade",
    "celebration",
    "graduation",
    "inauguration",
    "coronation",
    "summit",
    "rally",
    "protest",
    "vigil",
    "referendum",
    "election",
    "runoff",
    "impeachment",
    "hearing",
    "trial",
    // The economy.
    "lockdown",
    "shutdown",
    "walkout",
    "boycott",
    "strike",
    "recession",
    "downturn",
    "slump",
    "layoff",
    "bailout",
    "takeover",
    "merger",
    "buyout",
    "bankruptcy",
    // Medicine.
    "surgery",
    "transplant",
];

/// Whether a lowercased noun, or its singular, is one of [`HAPPENING_NOUNS`].
pub(crate) fn is_happening_noun(lower: &str) -> bool {
    static SET: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    // (No listed noun is shorter than three letters or longer than twelve: a plural is at
    // most two more.)
    if !(3..=14).contains(&lower.len()) {
        return false;
    }
    let set = SET.get_or_init(|| HAPPENING_NOUNS.iter().copied().collect());
    let singular = lower
        .strip_suffix("es")
        .filter(|s| s.ends_with("sh") || s.ends_with("ch") || s.ends_with('x'))
        .or_else(|| lower.strip_suffix('s'));
    set.contains(lower) || singular.is_some_and(|s| set.contains(s))
}

/// Words never tagged as events whatever the lexicon says (function words that the corpus
/// occasionally annotates, and the titles of people).
pub(crate) const NEVER_EVENTS: &[&str] = &[
    "president",
    "minister",
    "secretary",
    "spokesman",
    "spokeswoman",
    "official",
    "officials",
    "people",
    "percent",
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "time",
    "today",
    "yesterday",
    "tomorrow",
    "now",
    "there",
    "here",
    "so",
    "also",
    "as",
    "which",
    "who",
    "what",
    "be",
    "been",
    "being",
    "is",
    "are",
    "was",
    "were",
    "am",
];

/// Bit flags for the function words of the verb group, computed once per lexicon word.
pub(crate) mod flag {
    /// A form of "be".
    pub const BE: u16 = 1;
    /// A form of "have".
    pub const HAVE: u16 = 2;
    /// A form of "do".
    pub const DO: u16 = 4;
    /// A modal.
    pub const MODAL: u16 = 8;
    /// A negation.
    pub const NEG: u16 = 16;
    /// Never an event.
    pub const NEVER: u16 = 32;
    /// A title before a person's name.
    pub const TITLE: u16 = 64;
    /// The last word of an organisation's name.
    pub const ORG: u16 = 128;
    /// A form the corpus saw often and never as an event ("percent", "rate"): set from the
    /// event counts when the lexicon is built, not from a word list.
    pub const NON_EVENT_FORM: u16 = 256;
}

/// The word lists of the flags.
const FLAG_LISTS: &[(&[&str], u16)] = &[
    (BE_FORMS, flag::BE),
    (HAVE_FORMS, flag::HAVE),
    (DO_FORMS, flag::DO),
    (MODALS, flag::MODAL),
    (NEGATIONS, flag::NEG),
    (NEVER_EVENTS, flag::NEVER),
    (PERSON_TITLES, flag::TITLE),
    (ORG_SUFFIXES, flag::ORG),
];

/// The flags of every word of [`FLAG_LISTS`], built once.
fn flag_words() -> &'static HashMap<&'static str, u16, WordBuildHasher> {
    static WORDS: OnceLock<HashMap<&'static str, u16, WordBuildHasher>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut m: HashMap<&'static str, u16, WordBuildHasher> = HashMap::default();
        for &(list, bit) in FLAG_LISTS {
            for &w in list {
                *m.entry(w).or_default() |= bit;
            }
        }
        m
    })
}

/// The flags of a lowercased word.
pub(crate) fn word_flags(lower: &str) -> u16 {
    if lower.len() > 12 {
        return 0;
    }
    flag_words().get(lower).copied().unwrap_or(0)
}

/// Bit marks for the word lists that the later stages test tokens against, computed once
/// per lexicon word (a word outside the lexicon is compared with the list itself).
pub(crate) mod mark {
    /// In [`super::DISTRIBUTIVES`].
    pub const DISTRIBUTIVE: u32 = 1;
    /// In [`super::DEFINITES`].
    pub const DEFINITE: u32 = 2;
    /// In [`super::GET_FORMS`].
    pub const GET: u32 = 4;
    /// A signal word of [`super::DATE_SIGNALS`] or [`super::DURATION_SIGNALS`].
    pub const SIGNAL: u32 = 8;
    /// In [`super::DANGLING`].
    pub const DANGLING: u32 = 16;
}

/// The list of each mark.
const MARKED: &[(u32, &[&str])] = &[
    (mark::DISTRIBUTIVE, DISTRIBUTIVES),
    (mark::DEFINITE, DEFINITES),
    (mark::GET, GET_FORMS),
    (mark::DANGLING, DANGLING),
];

/// The marks of a lowercased word.
pub(crate) fn word_marks(lower: &str) -> u32 {
    let listed = MARKED
        .iter()
        .filter(|(_, list)| list.contains(&lower))
        .fold(0, |m, (bit, _)| m | bit);
    if is_signal_word(lower) {
        listed | mark::SIGNAL
    } else {
        listed
    }
}

/// Whether a lowercased word is in the list of `mark` (one bit).
pub(crate) fn in_marked_list(lower: &str, mark: u32) -> bool {
    (mark == mark::SIGNAL && is_signal_word(lower))
        || MARKED
            .iter()
            .any(|(bit, list)| *bit == mark && list.contains(&lower))
}

/// Whether a lowercased word is a signal word, before a date or a duration.
fn is_signal_word(lower: &str) -> bool {
    DATE_SIGNALS
        .iter()
        .chain(DURATION_SIGNALS)
        .any(|(w, _)| *w == lower)
}

/// Words that announce a noun event as ahead of the story ("the next call", "the upcoming
/// summit").
pub(crate) const AHEAD_WORDS: &[&str] = &[
    "next", "upcoming", "coming", "future", "planned", "proposed",
];

/// Words a title may not end with: prepositions, particles, "to", determiners,
/// conjunctions, auxiliaries and modals (sorted, for a binary search).
pub(crate) const DANGLING: &[&str] = &[
    "a", "about", "against", "an", "and", "are", "at", "be", "been", "being", "between", "but",
    "by", "can", "could", "did", "do", "does", "down", "for", "from", "had", "has", "have", "her",
    "his", "in", "into", "is", "its", "may", "might", "must", "of", "off", "on", "or", "out",
    "over", "shall", "should", "that", "the", "their", "these", "this", "those", "to", "up", "was",
    "were", "will", "with", "would",
];

/// Forms of "get", the auxiliary of a passive ("flight got cancelled").
pub(crate) const GET_FORMS: &[&str] = &["get", "gets", "got", "gotten", "getting"];

/// Pronouns that can only be subjects: never the addressee of a statement ("said he was");
/// in informal writing, one right after a full stop starts a new sentence ("lol. we went").
pub(crate) const SUBJECT_PRONOUNS: &[&str] = &["i", "we", "he", "she", "they"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn happening_nouns_match_their_plurals_only() {
        for w in [
            "quake",
            "crashes",
            "storms",
            "blazes",
            "wildfires",
            "batteries",
        ] {
            assert_eq!(
                is_happening_noun(w),
                w != "batteries",
                "{w}: singular or plural of a listed noun"
            );
        }
        // Only a plural ending is taken off: "wars" is "war", "warsaw" is no happening.
        assert!(is_happening_noun("wars") && !is_happening_noun("warsaw"));
        assert!(HAPPENING_NOUNS.iter().all(|n| !n.ends_with('s')
            && (3..=12).contains(&n.len())
            && n.bytes().all(|b| b.is_ascii_lowercase())));
    }
}
