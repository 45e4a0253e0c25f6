//! The tagger's vocabulary: every word it knows, in one typed table per class.
//!
//! [`Lexicon::new`] folds all tables into one hash map from lowercase word to [`Lex`], built
//! once per tagger; lookups key a word by its lowercase bytes read as a number (the tokenizer
//! hands short ASCII words over already keyed) and never allocate.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use chrono::{Datelike, NaiveDate, Weekday};

use crate::value::{PartOfDay, Season};

/// A calendar or clock unit named in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Night,
    Week,
    Weekend,
    Fortnight,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
    Millennium,
}

/// Words with a grammatical or temporal role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kw {
    Today,
    Yesterday,
    Tomorrow,
    Tonight,
    Now,
    Currently,
    Current,
    Recently,
    Recent,
    Soon,
    Future,
    Past,
    Ago,
    Earlier,
    Later,
    Last,
    This,
    Next,
    Previous,
    Coming,
    Following,
    Upcoming,
    Same,
    That,
    These,
    The,
    A,
    An,
    Early,
    Late,
    Mid,
    Middle,
    End,
    Beginning,
    Start,
    Half,
    Every,
    Each,
    Per,
    Twice,
    Thrice,
    Times,
    Fiscal,
    About,
    Around,
    Nearly,
    Approximately,
    Roughly,
    Almost,
    More,
    Less,
    Fewer,
    Than,
    Over,
    Under,
    At,
    Least,
    Most,
    Up,
    To,
    Within,
    Some,
    Several,
    Few,
    Couple,
    Many,
    Of,
    And,
    Or,
    From,
    Through,
    Until,
    Between,
    Before,
    After,
    Prior,
    Ensuing,
    Preceding,
    Latest,
    Nowadays,
    Period,
    Time,
    Dozen,
    Hundred,
    Thousand,
    Ahead,
    Hence,
    In,
    On,
    For,
    Since,
    By,
    During,
    Oclock,
    Am,
    Pm,
    Turn,
    Close,
    Any,
    Another,
    Other,
    Will,
    Would,
    /// "pre-" and "post-" before a year ("post-1959 politics").
    Pre,
    /// See [`Kw::Pre`].
    Post,
    /// "circa", and its abbreviations "c." and "ca." (before a year).
    Circa,
    /// Adjectives that can sit between "the" and a temporal head ("the near future").
    Adj,
    Once,
    Possible,
    As,
    Its,
}

/// How a month name is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MonthForm {
    /// "March", "September".
    Full,
    /// "Mar", "Sept" (usually followed by a period).
    Abbrev,
    /// "May", "March" also an ordinary word: needs capitalisation and context.
    Ambiguous,
}

/// Named parts of the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DayPart {
    /// A part with a TIMEX3 code.
    Part(PartOfDay),
    /// Noon: 12:00.
    Noon,
    /// Midnight: T24 of the day it ends.
    Midnight,
    /// Overnight: the night before.
    Overnight,
    /// A plural part of the day ("mornings", "evenings"): a recurring part, never one day's.
    Plural(PartOfDay),
}

/// What a word is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lex {
    /// A month, 1–12.
    Month(u8, MonthForm),
    /// A weekday, 1 = Monday … 7 = Sunday; `true` when plural ("Mondays").
    Weekday(u8, bool),
    /// An abbreviated weekday ("Mon", "Thurs"), and whether it is also an English word
    /// ("Sat", "Sun", "Wed"), which then needs a temporal neighbour to count.
    WeekdayAbbrev(u8, bool),
    /// A decade named by its tens ("nineties" = 9).
    DecadeWord(u8),
    /// A cardinal number word.
    Number(u32),
    /// An ordinal word ("third" = 3).
    Ordinal(u32),
    /// A unit; `true` when plural.
    Unit(Unit, bool),
    /// A season.
    Season(Season),
    /// A part of the day.
    DayPart(DayPart),
    /// A frequency adverb ("daily" = every day).
    Frequency(Unit),
    /// A time zone abbreviation.
    Zone,
    /// A keyword.
    Kw(Kw),
    /// An informal abbreviation of "the end of the <unit>" ("eod", "EOW").
    EndOf(Unit),
}

/// One- and two-letter unit abbreviations written joined to their number in the time stamps
/// of posts ("2h ago", "3d ago", "5m ago"); they count only before "ago".
pub(crate) const COMPACT_UNITS: &[(&str, Unit)] = &[
    ("s", Unit::Second),
    ("m", Unit::Minute),
    ("h", Unit::Hour),
    ("d", Unit::Day),
    ("w", Unit::Week),
    ("mo", Unit::Month),
    ("y", Unit::Year),
];

/// Informal abbreviations of "the end of the <unit>" ("by eod", "before EOM").
pub(crate) const END_OF_UNITS: &[(&str, Unit)] = &[
    ("eod", Unit::Day),
    ("eow", Unit::Week),
    ("eom", Unit::Month),
    ("eoq", Unit::Quarter),
    ("eoy", Unit::Year),
];

/// The parts of the day that are its edges: named alone after "at" or "by" ("at dawn", "by
/// nightfall"), they are a time of the day in focus.
pub(crate) const DAY_EDGES: &[&str] =
    &["dawn", "daybreak", "sunrise", "dusk", "nightfall", "sunset"];

/// Month names.
pub(crate) const MONTHS: &[(&str, u8, MonthForm)] = &[
    ("january", 1, MonthForm::Full),
    ("february", 2, MonthForm::Full),
    ("march", 3, MonthForm::Ambiguous),
    ("april", 4, MonthForm::Full),
    ("may", 5, MonthForm::Ambiguous),
    ("june", 6, MonthForm::Full),
    ("july", 7, MonthForm::Full),
    ("august", 8, MonthForm::Full),
    ("september", 9, MonthForm::Full),
    ("october", 10, MonthForm::Full),
    ("november", 11, MonthForm::Full),
    ("december", 12, MonthForm::Full),
    ("jan", 1, MonthForm::Abbrev),
    ("feb", 2, MonthForm::Abbrev),
    ("mar", 3, MonthForm::Abbrev),
    ("apr", 4, MonthForm::Abbrev),
    ("jun", 6, MonthForm::Abbrev),
    ("jul", 7, MonthForm::Abbrev),
    ("aug", 8, MonthForm::Abbrev),
    ("sep", 9, MonthForm::Abbrev),
    ("sept", 9, MonthForm::Abbrev),
    ("oct", 10, MonthForm::Abbrev),
    ("nov", 11, MonthForm::Abbrev),
    ("dec", 12, MonthForm::Abbrev),
];

/// Weekday names (1 = Monday).
pub(crate) const WEEKDAYS: &[(&str, u8, bool)] = &[
    ("monday", 1, false),
    ("tuesday", 2, false),
    ("wednesday", 3, false),
    ("thursday", 4, false),
    ("friday", 5, false),
    ("saturday", 6, false),
    ("sunday", 7, false),
    ("mondays", 1, true),
    ("tuesdays", 2, true),
    ("wednesdays", 3, true),
    ("thursdays", 4, true),
    ("fridays", 5, true),
    ("saturdays", 6, true),
    ("sundays", 7, true),
];

/// Abbreviated weekday names: (word, day with 1 = Monday, also an English word).
pub(crate) const WEEKDAY_ABBREVS: &[(&str, u8, bool)] = &[
    ("mon", 1, true),
    ("tue", 2, false),
    ("tues", 2, false),
    ("wed", 3, true),
    ("weds", 3, false),
    ("thu", 4, false),
    ("thur", 4, false),
    ("thurs", 4, false),
    ("fri", 5, false),
    ("sat", 6, true),
    ("sun", 7, true),
];

/// Decades named in words.
pub(crate) const DECADE_WORDS: &[(&str, u8)] = &[
    ("twenties", 2),
    ("thirties", 3),
    ("forties", 4),
    ("fifties", 5),
    ("sixties", 6),
    ("seventies", 7),
    ("eighties", 8),
    ("nineties", 9),
];

/// Cardinal number words.
pub(crate) const NUMBERS: &[(&str, u32)] = &[
    ("zero", 0),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];

/// Ordinal words.
pub(crate) const ORDINALS: &[(&str, u32)] = &[
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
    ("eleventh", 11),
    ("twelfth", 12),
    ("thirteenth", 13),
    ("fourteenth", 14),
    ("fifteenth", 15),
    ("sixteenth", 16),
    ("seventeenth", 17),
    ("eighteenth", 18),
    ("nineteenth", 19),
    ("twentieth", 20),
    ("thirtieth", 30),
];

/// Unit words (singular and plural).
pub(crate) const UNITS: &[(&str, Unit, bool)] = &[
    ("second", Unit::Second, false),
    ("seconds", Unit::Second, true),
    ("minute", Unit::Minute, false),
    ("minutes", Unit::Minute, true),
    ("min", Unit::Minute, false),
    ("mins", Unit::Minute, true),
    ("hour", Unit::Hour, false),
    ("hours", Unit::Hour, true),
    ("hr", Unit::Hour, false),
    ("hrs", Unit::Hour, true),
    ("day", Unit::Day, false),
    ("days", Unit::Day, true),
    ("night", Unit::Night, false),
    ("nights", Unit::Night, true),
    ("week", Unit::Week, false),
    ("wk", Unit::Week, false),
    ("wks", Unit::Week, true),
    ("weeks", Unit::Week, true),
    ("weekend", Unit::Weekend, false),
    ("wknd", Unit::Weekend, false),
    ("wkend", Unit::Weekend, false),
    ("wknds", Unit::Weekend, true),
    ("wkends", Unit::Weekend, true),
    ("weekends", Unit::Weekend, true),
    ("fortnight", Unit::Fortnight, false),
    ("fortnights", Unit::Fortnight, true),
    ("month", Unit::Month, false),
    ("months", Unit::Month, true),
    ("quarter", Unit::Quarter, false),
    ("quarters", Unit::Quarter, true),
    ("year", Unit::Year, false),
    ("years", Unit::Year, true),
    ("yr", Unit::Year, false),
    ("yrs", Unit::Year, true),
    ("decade", Unit::Decade, false),
    ("decades", Unit::Decade, true),
    ("century", Unit::Century, false),
    ("centuries", Unit::Century, true),
    ("millennium", Unit::Millennium, false),
    ("millennia", Unit::Millennium, true),
];

/// Seasons.
pub(crate) const SEASONS: &[(&str, Season)] = &[
    ("spring", Season::Spring),
    ("summer", Season::Summer),
    ("fall", Season::Fall),
    ("autumn", Season::Fall),
    ("winter", Season::Winter),
];

/// Parts of the day.
pub(crate) const DAY_PARTS: &[(&str, DayPart)] = &[
    ("morning", DayPart::Part(PartOfDay::Morning)),
    ("afternoon", DayPart::Part(PartOfDay::Afternoon)),
    ("evening", DayPart::Part(PartOfDay::Evening)),
    ("night", DayPart::Part(PartOfDay::Night)),
    ("nite", DayPart::Part(PartOfDay::Night)),
    ("morn", DayPart::Part(PartOfDay::Morning)),
    ("midday", DayPart::Part(PartOfDay::Midday)),
    ("daytime", DayPart::Part(PartOfDay::Daytime)),
    // The day's edges ([`DAY_EDGES`]), at the part of the day they open or close.
    ("dawn", DayPart::Part(PartOfDay::Morning)),
    ("daybreak", DayPart::Part(PartOfDay::Morning)),
    ("sunrise", DayPart::Part(PartOfDay::Morning)),
    ("dusk", DayPart::Part(PartOfDay::Evening)),
    ("nightfall", DayPart::Part(PartOfDay::Evening)),
    ("sunset", DayPart::Part(PartOfDay::Evening)),
    ("noon", DayPart::Noon),
    ("midnight", DayPart::Midnight),
    ("overnight", DayPart::Overnight),
    // Informal (Australian/British) "arvo" = afternoon.
    ("arvo", DayPart::Part(PartOfDay::Afternoon)),
    ("arvos", DayPart::Plural(PartOfDay::Afternoon)),
    ("mornings", DayPart::Plural(PartOfDay::Morning)),
    ("afternoons", DayPart::Plural(PartOfDay::Afternoon)),
    ("evenings", DayPart::Plural(PartOfDay::Evening)),
    ("nites", DayPart::Plural(PartOfDay::Night)),
];

/// Frequency adverbs and adjectives.
pub(crate) const FREQUENCIES: &[(&str, Unit)] = &[
    ("hourly", Unit::Hour),
    ("daily", Unit::Day),
    ("nightly", Unit::Night),
    ("weekly", Unit::Week),
    ("biweekly", Unit::Fortnight),
    ("monthly", Unit::Month),
    ("quarterly", Unit::Quarter),
    ("yearly", Unit::Year),
    ("annually", Unit::Year),
];

/// Time zone abbreviations (the value ignores them; they belong to the span).
pub(crate) const ZONES: &[&str] = &[
    "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "gmt", "utc", "bst", "cet", "cest",
    "et", "pt", "ct", "mt", "jst", "ist", "msk", "aest", "hkt", "sgt",
];

/// Texting spellings written as "2" and a word: "2moro" (tomorrow), "2nite" (tonight).
pub(crate) const TWO_WORDS: &[(&str, Kw)] = &[
    ("moro", Kw::Tomorrow),
    ("morro", Kw::Tomorrow),
    ("morrow", Kw::Tomorrow),
    ("morow", Kw::Tomorrow),
    ("mrw", Kw::Tomorrow),
    ("mro", Kw::Tomorrow),
    ("nite", Kw::Tonight),
    ("night", Kw::Tonight),
    ("nyt", Kw::Tonight),
    ("day", Kw::Today),
];

/// Keywords.
pub(crate) const KEYWORDS: &[(&str, Kw)] = &[
    ("today", Kw::Today),
    ("yesterday", Kw::Yesterday),
    ("tomorrow", Kw::Tomorrow),
    ("tonight", Kw::Tonight),
    // Informal spellings.
    ("tmrw", Kw::Tomorrow),
    ("tmr", Kw::Tomorrow),
    ("tmw", Kw::Tomorrow),
    ("tmro", Kw::Tomorrow),
    ("tomorow", Kw::Tomorrow),
    ("tommorow", Kw::Tomorrow),
    ("tommorrow", Kw::Tomorrow),
    ("tonite", Kw::Tonight),
    ("yday", Kw::Yesterday),
    ("yesterdy", Kw::Yesterday),
    ("now", Kw::Now),
    // Informal: "rn" (right now), "atm" (at the moment); lowercase only (see `vague`).
    ("rn", Kw::Now),
    ("atm", Kw::Now),
    ("currently", Kw::Currently),
    ("current", Kw::Current),
    ("recently", Kw::Recently),
    ("recent", Kw::Recent),
    ("soon", Kw::Soon),
    ("future", Kw::Future),
    ("past", Kw::Past),
    ("ago", Kw::Ago),
    ("earlier", Kw::Earlier),
    ("later", Kw::Later),
    ("last", Kw::Last),
    ("this", Kw::This),
    ("next", Kw::Next),
    ("nxt", Kw::Next),
    ("previous", Kw::Previous),
    ("coming", Kw::Coming),
    ("following", Kw::Following),
    ("upcoming", Kw::Upcoming),
    ("same", Kw::Same),
    ("that", Kw::That),
    ("these", Kw::These),
    ("the", Kw::The),
    ("a", Kw::A),
    ("an", Kw::An),
    ("early", Kw::Early),
    ("late", Kw::Late),
    ("mid", Kw::Mid),
    ("middle", Kw::Middle),
    ("end", Kw::End),
    ("beginning", Kw::Beginning),
    ("start", Kw::Start),
    ("half", Kw::Half),
    ("every", Kw::Every),
    ("each", Kw::Each),
    ("per", Kw::Per),
    ("twice", Kw::Twice),
    ("thrice", Kw::Thrice),
    ("times", Kw::Times),
    ("fiscal", Kw::Fiscal),
    ("fy", Kw::Fiscal),
    ("about", Kw::About),
    ("circa", Kw::Circa),
    ("pre", Kw::Pre),
    ("post", Kw::Post),
    ("c", Kw::Circa),
    ("ca", Kw::Circa),
    ("around", Kw::Around),
    ("nearly", Kw::Nearly),
    ("approximately", Kw::Approximately),
    ("roughly", Kw::Roughly),
    ("almost", Kw::Almost),
    ("more", Kw::More),
    ("less", Kw::Less),
    ("fewer", Kw::Fewer),
    ("than", Kw::Than),
    ("over", Kw::Over),
    ("under", Kw::Under),
    ("at", Kw::At),
    ("least", Kw::Least),
    ("most", Kw::Most),
    ("up", Kw::Up),
    ("to", Kw::To),
    ("within", Kw::Within),
    ("some", Kw::Some),
    ("several", Kw::Several),
    ("few", Kw::Few),
    ("couple", Kw::Couple),
    ("many", Kw::Many),
    ("of", Kw::Of),
    ("and", Kw::And),
    ("or", Kw::Or),
    ("from", Kw::From),
    ("through", Kw::Through),
    ("until", Kw::Until),
    ("between", Kw::Between),
    ("before", Kw::Before),
    ("after", Kw::After),
    ("prior", Kw::Prior),
    ("ensuing", Kw::Ensuing),
    ("preceding", Kw::Preceding),
    ("latest", Kw::Latest),
    ("nowadays", Kw::Nowadays),
    ("period", Kw::Period),
    ("time", Kw::Time),
    ("dozen", Kw::Dozen),
    ("hundred", Kw::Hundred),
    ("thousand", Kw::Thousand),
    ("ahead", Kw::Ahead),
    ("hence", Kw::Hence),
    ("in", Kw::In),
    ("on", Kw::On),
    ("for", Kw::For),
    ("since", Kw::Since),
    ("by", Kw::By),
    ("during", Kw::During),
    ("oclock", Kw::Oclock),
    ("am", Kw::Am),
    ("pm", Kw::Pm),
    ("turn", Kw::Turn),
    ("close", Kw::Close),
    ("any", Kw::Any),
    ("another", Kw::Another),
    ("other", Kw::Other),
    ("will", Kw::Will),
    ("would", Kw::Would),
    ("near", Kw::Adj),
    ("short", Kw::Adj),
    ("while", Kw::Adj),
    ("right", Kw::Adj),
    ("sometime", Kw::Adj),
    ("foreseeable", Kw::Adj),
    ("distant", Kw::Adj),
    ("full", Kw::Adj),
    ("calendar", Kw::Adj),
    ("entire", Kw::Adj),
    ("whole", Kw::Adj),
    ("present", Kw::Adj),
    ("final", Kw::Adj),
    ("initial", Kw::Adj),
    ("reporting", Kw::Adj),
    ("comparable", Kw::Adj),
    ("corresponding", Kw::Adj),
    ("once", Kw::Once),
    ("possible", Kw::Possible),
    ("as", Kw::As),
    ("its", Kw::Its),
];

/// Other word classes the rules consult around a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WordTag {
    /// An irregular past-tense verb form ("said", "met").
    PastVerb,
    /// A word announcing the future ("will", "scheduled").
    FutureCue,
    /// A countable noun: a number before it is a count, not a year ("1998 people").
    CountNoun,
    /// A word after which a number is a name or a model, not a year ("Boeing 747", "No. 1998").
    NameBefore,
    /// The first word of a holiday name.
    HolidayStart,
}

/// Irregular past-tense forms (regular ones end in "-ed").
pub(crate) const PAST_VERBS: &[&str] = &[
    "was",
    "were",
    "had",
    "did",
    "said",
    "told",
    "met",
    "went",
    "came",
    "made",
    "took",
    "gave",
    "saw",
    "found",
    "held",
    "left",
    "began",
    "brought",
    "bought",
    "sold",
    "won",
    "lost",
    "fell",
    "rose",
    "kept",
    "led",
    "paid",
    "ran",
    "sent",
    "spoke",
    "stood",
    "struck",
    "thought",
    "wrote",
    "became",
    "broke",
    "chose",
    "flew",
    "got",
    "grew",
    "knew",
    "shot",
    "spent",
    "stole",
    "swore",
    "taught",
    "threw",
    "woke",
    "wore",
    "sought",
    "fought",
    "built",
    "felt",
    "heard",
    "meant",
    "sank",
    "sat",
    "rang",
    "dealt",
    "drew",
    "drove",
    "ate",
    "forgot",
    "froze",
    "hid",
    "hung",
    "lay",
    "lit",
    "rode",
    "shook",
    "sang",
    "slept",
    "sprang",
    "stuck",
    "swept",
    "swam",
    "tore",
    "understood",
    "set",
    "hit",
    "cut",
    "put",
    "shut",
    "ago",
    "yesterday",
    "previously",
];

/// Words that announce the future.
#[rustfmt::skip]
pub(crate) const FUTURE_CUES: &[&str] = &[
    "will", "shall", "ll", "would", "going", "scheduled", "expected", "expects", "plans",
    "planning", "plan", "upcoming", "tomorrow", "intends", "intend", "aims", "hopes",
    // Informal: "gonna" (going to), "gotta" (have got to), "wanna" (want to), "tryna"
    // (trying to), "finna" (fixing to), "tmrw".
    "gonna", "gotta", "wanna", "tryna", "finna", "tmrw",
];

/// Count nouns: "1998 people" is not a year.
pub(crate) const COUNT_NOUNS: &[&str] = &[
    "people",
    "persons",
    "men",
    "women",
    "children",
    "kids",
    "workers",
    "employees",
    "jobs",
    "troops",
    "soldiers",
    "shares",
    "units",
    "vehicles",
    "cars",
    "votes",
    "tons",
    "tonnes",
    "barrels",
    "miles",
    "feet",
    "meters",
    "metres",
    "kilometers",
    "kilometres",
    "acres",
    "points",
    "dollars",
    "euros",
    "yen",
    "pounds",
    "marks",
    "francs",
    "cases",
    "deaths",
    "residents",
    "members",
    "students",
    "patients",
    "refugees",
    "homes",
    "houses",
    "copies",
    "pages",
    "words",
    "rooms",
    "beds",
    "seats",
    "passengers",
    "victims",
    "delegates",
    "lines",
    "items",
    "stores",
    "plants",
    "planes",
    "aircraft",
    "ships",
    "boats",
    "guns",
    "rounds",
    "calories",
    "degrees",
    "percent",
    "bytes",
    "kilograms",
    "kg",
    "km",
    "mph",
    "lbs",
];

/// Nouns after "today's" that make "today" generic ("today's world"), not the date.
pub(crate) const GENERIC_HEADS: &[&str] = &[
    "world",
    "society",
    "youth",
    "generation",
    "standards",
    "economy",
    "children",
    "kids",
    "teenagers",
    "young",
    "technology",
    "consumers",
    "culture",
    "climate",
    "politics",
    "market",
    "markets",
    "students",
    "families",
    "parents",
    "america",
    "europe",
];

/// Words after which a four-digit number is a name, not a year.
pub(crate) const NAME_BEFORE: &[&str] = &[
    "boeing",
    "airbus",
    "model",
    "flight",
    "route",
    "no",
    "number",
    "page",
    "room",
    "suite",
    "box",
    "highway",
    "interstate",
    "article",
    "section",
    "chapter",
    "rule",
    "resolution",
    "bill",
    "code",
    "version",
    "channel",
    "apollo",
    "windows",
    "ps",
    "unit",
    "lot",
    "item",
    "serial",
    "order",
    "station",
    "pier",
    "gate",
    "platform",
    "bus",
    "tu",
    "mig",
    "il",
];

// ------------------------------------------------------------------ context word lists
// Small closed classes the rules consult around a match.

/// Suffixes of ordinal numerals ("18th").
pub(crate) const ORDINAL_SUFFIXES: &[&str] = &["st", "nd", "rd", "th"];

/// Modal verbs: no tense cue of their own ("could be located Wednesday" is the past one).
pub(crate) const MODALS: &[&str] = &["could", "might", "can", "should", "must"];

/// Present forms of verbs of scheduled events: right before a date they announce it ("the
/// talks resume Monday", "polls open Tuesday"); news tells past events in the past tense.
pub(crate) const SCHEDULE_VERBS: &[&str] = &[
    "meet",
    "meets",
    "begin",
    "begins",
    "start",
    "starts",
    "resume",
    "resumes",
    "open",
    "opens",
    "close",
    "closes",
    "arrive",
    "arrives",
    "leave",
    "leaves",
    "visit",
    "visits",
    "vote",
    "votes",
    "return",
    "returns",
    "convene",
    "convenes",
    "expire",
    "expires",
    "travel",
    "travels",
    "depart",
    "departs",
    "air",
    "airs",
    "premiere",
    "premieres",
    "kick",
    "kicks",
    "end",
    "ends",
];

/// Participles that move an event to a new date, given right after "to", "for" or "till"
/// ("the vote was moved to Wednesday", "pushed back to Friday", "rescheduled for Monday"): the
/// new date lies ahead.
pub(crate) const RESCHEDULE_VERBS: &[&str] = &[
    "moved",
    "postponed",
    "delayed",
    "pushed",
    "rescheduled",
    "deferred",
    "adjourned",
    "brought",
    "put",
    "shifted",
    "bumped",
];

/// Particles between a rescheduling verb and its "to" ("pushed back to", "brought forward to",
/// "put off till").
pub(crate) const RESCHEDULE_PARTICLES: &[&str] = &["back", "forward", "off", "up"];

/// Auxiliaries of the present perfect ("has set").
pub(crate) const PERFECT_AUXILIARIES: &[&str] = &["has", "have", "'ve"];

/// Forms of "be" that announce an arrangement before "to" ("is to resume Tuesday").
pub(crate) const PLAN_COPULAS: &[&str] = &["is", "are", "am"];

/// Participles of planning before "to" or "for": the event lies ahead ("planned to leave on
/// Thursday", "set to resume Monday", "scheduled for Friday").
pub(crate) const PLAN_PARTICIPLES: &[&str] = &[
    "planned",
    "scheduled",
    "set",
    "slated",
    "due",
    "intended",
    "expected",
    "poised",
    "prepared",
];

/// Plan participles that date what they announce when a day or month follows at once
/// ("results are due Thursday", "the ruling is expected Friday"); not "set", which is as
/// often the past of a decision ("officials set Monday as the deadline").
pub(crate) const PLANS_BEFORE_DATE: &[&str] = &["due", "scheduled", "slated", "expected"];

/// Words before a participle that make it passive or infinitive ("is held", "to be held").
pub(crate) const PASSIVE_AUXILIARIES: &[&str] =
    &["is", "are", "be", "been", "being", "am", "to", "'s"];

/// Present forms of "be" that make a present progressive ("are flying back Sunday"): in
/// news, an arrangement ahead.
/// The contracted forms ("we're", "I'm") are the word after an apostrophe token.
pub(crate) const PROGRESSIVE_AUXILIARIES: &[&str] = &["is", "are", "am"];

/// Contracted present forms of "be", as they follow the apostrophe token.
pub(crate) const CONTRACTED_BE: &[&str] = &["re", "m"];

/// Past forms that are never participles.
pub(crate) const FINITE_PAST: &[&str] = &["was", "were", "had", "did", "said"];

/// Future cues that count only before "to" ("plans to", not "the plan").
pub(crate) const CUES_NEEDING_TO: &[&str] = &[
    "plan", "plans", "planning", "going", "intends", "intend", "aims", "hopes", "expected",
];

/// Words before "last" that make it the verb ("will last twelve weeks").
pub(crate) const VERB_CONTEXT: &[&str] = &[
    "will", "would", "to", "could", "can", "may", "might", "should", "must", "not", "did", "does",
    "do", "ll",
];

/// Prepositions before a bare "hours"/"minutes" that make it a duration ("for hours").
pub(crate) const SPAN_PREPOSITIONS: &[&str] = &[
    "for", "in", "within", "after", "over", "during", "than", "of",
];

/// Forms of "be" before a predicate ("1968 was a year of protest").
pub(crate) const COPULAS: &[&str] = &["was", "is", "be", "been", "were"];

/// Words ending in "s" that are not plural nouns (for "700 seats a week").
pub(crate) const NOT_PLURAL_NOUNS: &[&str] = &[
    "was", "has", "is", "its", "this", "his", "thus", "plus", "as", "us", "takes", "lasts",
    "spends",
];

/// Amount words before "a year" that make it a rate ("$2 million a year").
pub(crate) const AMOUNT_WORDS: &[&str] = &[
    "million", "billion", "thousand", "hundred", "cents", "dollars", "percent",
];

/// Numeric month/day pairs that name an event, with its year (month, day, year): "9/11"
/// is the day of the 2001 attacks wherever it stands.
pub(crate) const NAMED_DAYS: &[(u32, u32, i32)] = &[(9, 11, 2001)];

/// Prepositions of time, besides the keyword ones, that make "March" or "May" a month
/// ("extend the cuts beyond March", "throughout May").
pub(crate) const MONTH_LEAD_WORDS: &[&str] = &["beyond", "throughout", "till"];

/// Words after a season that start a new phrase ("the summer with full reservoirs").
pub(crate) const CLAUSE_WORDS: &[&str] = &[
    "with",
    "to",
    "at",
    "as",
    "when",
    "after",
    "before",
    "while",
    "because",
    "than",
    "and",
    "or",
    "but",
    "amid",
    "amidst",
    "despite",
    "for",
    "from",
    "into",
    "over",
    "under",
    "against",
    "among",
    "across",
    "around",
    "without",
    "following",
    "if",
    "so",
    "then",
    "though",
    "although",
    "once",
    "unless",
    "where",
];

/// Words after a frequency word that keep it an adverb ("gather daily outside").
pub(crate) const ADVERB_FOLLOWERS: &[&str] = &[
    "outside", "inside", "around", "across", "over", "with", "than", "but", "so", "instead", "too",
    "as", "into", "onto", "against",
];

/// Abbreviations whose period does not end a sentence ("Mr.", "Corp.").
pub(crate) const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "gov", "sen", "rep", "co", "corp", "inc",
    "ltd", "no", "vs",
];

/// Modals that put an indefinite "one day" ahead ("will one day be").
pub(crate) const FUTURE_MODALS: &[&str] = &[
    "will", "would", "could", "might", "may", "can", "shall", "should", "ll",
];

/// Pronouns that start a clause after a time word ("since jan i've been"). Unlike the
/// events stage's sentence-start pronouns, "you" and "it" count: here they follow a date
/// inside a sentence, where they cannot be objects of the date.
pub(crate) const CLAUSE_PRONOUNS: &[&str] = &["i", "we", "he", "she", "they", "you", "it"];

/// Function words that can follow a lowercase "march" or "may" read as a month after a
/// preposition of time ("since march for this package", "back in may and june"), where the
/// verb would take an object or a complement instead.
pub(crate) const AFTER_LOWER_MONTH: &[&str] = &[
    "for", "and", "or", "but", "so", "when", "because", "at", "with", "lol", "tho", "though",
    "already", "now",
];

/// Words of weather reports around "the 70s": a temperature, not a decade.
pub(crate) const TEMPERATURE_WORDS: &[&str] = &[
    "temperature",
    "temperatures",
    "temps",
    "highs",
    "lows",
    "high",
    "low",
    "degrees",
    "fahrenheit",
    "celsius",
    "mercury",
    "thermometer",
];

/// Words before "over" + an amount that make it "more than" ("lasted over a week", "just
/// over an hour").
pub(crate) const OVER_AMOUNT_LEADS: &[&str] = &[
    "last", "lasts", "lasted", "lasting", "just", "took", "take", "takes", "taking", "for",
    "spent", "spend", "waited", "wait", "slightly", "well",
];

/// Possessive determiners ("planned their march for Sunday").
pub(crate) const POSSESSIVE_DETERMINERS: &[&str] =
    &["his", "her", "its", "their", "our", "my", "your"];

/// Verbs of saying: the report of an event, not the event a later clock time belongs to.
pub(crate) const REPORTING_VERBS: &[&str] = &[
    "said",
    "told",
    "reported",
    "announced",
    "added",
    "stated",
    "noted",
    "confirmed",
    "declared",
    "explained",
    "insisted",
    "claimed",
    "wrote",
    "asked",
    "replied",
];

/// Words before "a quarter" that make it a fraction ("fell by a quarter", "nearly a
/// quarter"), not three months.
pub(crate) const FRACTION_LEADS: &[&str] = &[
    "by",
    "than",
    "nearly",
    "almost",
    "about",
    "roughly",
    "around",
    "some",
    "approximately",
    "only",
    "just",
];

/// Adjectives between an amount and its unit ("three consecutive quarters").
pub(crate) const AMOUNT_ADJECTIVES: &[&str] = &[
    "consecutive",
    "straight",
    "successive",
    "additional",
    "full",
    "trading",
    "business",
    "working",
    "school",
];

/// Time zones named in words, before "time" ("Pacific time").
pub(crate) const ZONE_WORDS: &[&str] = &[
    "pacific", "eastern", "central", "mountain", "local", "atlantic",
];

/// Words that may label a date on a header line ("Published: March 31, 2025").
pub(crate) const HEADER_LABELS: &[&str] = &[
    "date",
    "dated",
    "published",
    "updated",
    "posted",
    "on",
    "at",
    "dct",
    "last",
    "modified",
    "created",
    "am",
    "pm",
    "a",
    "p",
    "m",
    "t",
    "z",
];

/// How a holiday's date is computed in a given year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HolidayRule {
    /// The same day every year.
    Fixed(u8, u8),
    /// The n-th given weekday of a month (n from 1).
    NthWeekday(u8, Weekday, u8),
    /// The last given weekday of a month.
    LastWeekday(u8, Weekday),
    /// Days from Easter Sunday (Gregorian computus).
    Easter(i8),
    /// The Tuesday after the first Monday of November.
    ElectionDay,
    /// Days after US Thanksgiving (the fourth Thursday of November): Black Friday is 1.
    AfterThanksgiving(u8),
}

impl HolidayRule {
    /// The holiday's date in `year`.
    pub(crate) fn date(self, year: i32) -> Option<NaiveDate> {
        match self {
            HolidayRule::Fixed(m, d) => NaiveDate::from_ymd_opt(year, m.into(), d.into()),
            HolidayRule::NthWeekday(m, wd, n) => {
                NaiveDate::from_weekday_of_month_opt(year, m.into(), wd, n)
            }
            HolidayRule::LastWeekday(m, wd) => {
                let first = NaiveDate::from_ymd_opt(year, m.into(), 1)?;
                let next = if m == 12 {
                    NaiveDate::from_ymd_opt(year.checked_add(1)?, 1, 1)?
                } else {
                    NaiveDate::from_ymd_opt(year, u32::from(m) + 1, 1)?
                };
                let last = next.pred_opt()?;
                let back =
                    (7 + last.weekday().num_days_from_monday() - wd.num_days_from_monday()) % 7;
                let d = last - chrono::Duration::days(back.into());
                (d >= first).then_some(d)
            }
            HolidayRule::AfterThanksgiving(n) => {
                NaiveDate::from_weekday_of_month_opt(year, 11, Weekday::Thu, 4)?
                    .checked_add_days(chrono::Days::new(n.into()))
            }
            HolidayRule::Easter(off) => {
                let e = easter(year)?;
                e.checked_add_signed(chrono::Duration::days(off.into()))
            }
            HolidayRule::ElectionDay => {
                let mon = NaiveDate::from_weekday_of_month_opt(year, 11, Weekday::Mon, 1)?;
                mon.succ_opt()
            }
        }
    }
}

/// Calendars whose feasts fall on other days ("Lunar New Year", "the Jewish New Year",
/// "Orthodox Easter"): after one of them, a [`Holiday::plain`] name is no Gregorian date.
pub(crate) const OTHER_CALENDARS: &[&str] = &[
    "lunar",
    "chinese",
    "jewish",
    "persian",
    "iranian",
    "islamic",
    "hijri",
    "vietnamese",
    "tibetan",
    "korean",
    "hindu",
    "sikh",
    "thai",
    "khmer",
    "orthodox",
    "tamil",
    "bengali",
];

/// A named holiday: its words (lowercase, apostrophes dropped) and its calendar rule.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Holiday {
    /// The words, in order ("new", "year", "s", "day").
    pub words: &'static [&'static str],
    /// Its date.
    pub rule: HolidayRule,
    /// Its words are ordinary words too ("easter" eggs, a new year): written in lowercase
    /// it is a holiday only in a greeting ("happy new year"), and never after the name of
    /// another calendar ("Lunar New Year", "Orthodox Easter" fall on other days).
    pub plain: bool,
}

/// Holidays, longest names first so that "Christmas Eve" wins over "Christmas".
pub(crate) const HOLIDAYS: &[Holiday] = &[
    Holiday {
        words: &["new", "year", "s", "eve"],
        rule: HolidayRule::Fixed(12, 31),
        plain: false,
    },
    Holiday {
        words: &["new", "year", "s", "day"],
        rule: HolidayRule::Fixed(1, 1),
        plain: false,
    },
    Holiday {
        words: &["new", "years", "day"],
        rule: HolidayRule::Fixed(1, 1),
        plain: false,
    },
    Holiday {
        words: &["new", "years", "eve"],
        rule: HolidayRule::Fixed(12, 31),
        plain: false,
    },
    // "Happy New Year", "the New Year celebrations": January 1.
    Holiday {
        words: &["new", "year"],
        rule: HolidayRule::Fixed(1, 1),
        plain: true,
    },
    Holiday {
        words: &["martin", "luther", "king", "day"],
        rule: HolidayRule::NthWeekday(1, Weekday::Mon, 3),
        plain: false,
    },
    Holiday {
        words: &["martin", "luther", "king", "jr", "day"],
        rule: HolidayRule::NthWeekday(1, Weekday::Mon, 3),
        plain: false,
    },
    Holiday {
        words: &["mlk", "day"],
        rule: HolidayRule::NthWeekday(1, Weekday::Mon, 3),
        plain: false,
    },
    Holiday {
        words: &["groundhog", "day"],
        rule: HolidayRule::Fixed(2, 2),
        plain: false,
    },
    Holiday {
        words: &["valentine", "s", "day"],
        rule: HolidayRule::Fixed(2, 14),
        plain: false,
    },
    Holiday {
        words: &["valentines", "day"],
        rule: HolidayRule::Fixed(2, 14),
        plain: false,
    },
    Holiday {
        words: &["presidents", "day"],
        rule: HolidayRule::NthWeekday(2, Weekday::Mon, 3),
        plain: false,
    },
    Holiday {
        words: &["president", "s", "day"],
        rule: HolidayRule::NthWeekday(2, Weekday::Mon, 3),
        plain: false,
    },
    Holiday {
        words: &["st", "patrick", "s", "day"],
        rule: HolidayRule::Fixed(3, 17),
        plain: false,
    },
    Holiday {
        words: &["st", "patricks", "day"],
        rule: HolidayRule::Fixed(3, 17),
        plain: false,
    },
    Holiday {
        words: &["saint", "patrick", "s", "day"],
        rule: HolidayRule::Fixed(3, 17),
        plain: false,
    },
    Holiday {
        words: &["good", "friday"],
        rule: HolidayRule::Easter(-2),
        plain: false,
    },
    Holiday {
        words: &["black", "friday"],
        rule: HolidayRule::AfterThanksgiving(1),
        plain: false,
    },
    Holiday {
        words: &["cyber", "monday"],
        rule: HolidayRule::AfterThanksgiving(4),
        plain: false,
    },
    Holiday {
        words: &["easter", "sunday"],
        rule: HolidayRule::Easter(0),
        plain: false,
    },
    Holiday {
        words: &["easter", "monday"],
        rule: HolidayRule::Easter(1),
        plain: false,
    },
    Holiday {
        words: &["easter"],
        rule: HolidayRule::Easter(0),
        plain: true,
    },
    Holiday {
        words: &["mother", "s", "day"],
        rule: HolidayRule::NthWeekday(5, Weekday::Sun, 2),
        plain: false,
    },
    Holiday {
        words: &["memorial", "day"],
        rule: HolidayRule::LastWeekday(5, Weekday::Mon),
        plain: false,
    },
    Holiday {
        words: &["father", "s", "day"],
        rule: HolidayRule::NthWeekday(6, Weekday::Sun, 3),
        plain: false,
    },
    Holiday {
        words: &["cinco", "de", "mayo"],
        rule: HolidayRule::Fixed(5, 5),
        plain: false,
    },
    Holiday {
        words: &["juneteenth"],
        rule: HolidayRule::Fixed(6, 19),
        plain: false,
    },
    Holiday {
        words: &["independence", "day"],
        rule: HolidayRule::Fixed(7, 4),
        plain: false,
    },
    Holiday {
        words: &["labor", "day"],
        rule: HolidayRule::NthWeekday(9, Weekday::Mon, 1),
        plain: false,
    },
    Holiday {
        words: &["columbus", "day"],
        rule: HolidayRule::NthWeekday(10, Weekday::Mon, 2),
        plain: false,
    },
    Holiday {
        words: &["halloween"],
        rule: HolidayRule::Fixed(10, 31),
        plain: false,
    },
    Holiday {
        words: &["election", "day"],
        rule: HolidayRule::ElectionDay,
        plain: false,
    },
    Holiday {
        words: &["veterans", "day"],
        rule: HolidayRule::Fixed(11, 11),
        plain: false,
    },
    Holiday {
        words: &["veteran", "s", "day"],
        rule: HolidayRule::Fixed(11, 11),
        plain: false,
    },
    Holiday {
        words: &["armistice", "day"],
        rule: HolidayRule::Fixed(11, 11),
        plain: false,
    },
    Holiday {
        words: &["thanksgiving", "day"],
        rule: HolidayRule::NthWeekday(11, Weekday::Thu, 4),
        plain: false,
    },
    Holiday {
        words: &["thanksgiving"],
        rule: HolidayRule::NthWeekday(11, Weekday::Thu, 4),
        plain: false,
    },
    Holiday {
        words: &["christmas", "eve"],
        rule: HolidayRule::Fixed(12, 24),
        plain: false,
    },
    Holiday {
        words: &["christmas", "day"],
        rule: HolidayRule::Fixed(12, 25),
        plain: false,
    },
    Holiday {
        words: &["christmas"],
        rule: HolidayRule::Fixed(12, 25),
        plain: false,
    },
    Holiday {
        words: &["new", "yrs", "eve"],
        rule: HolidayRule::Fixed(12, 31),
        plain: false,
    },
    Holiday {
        words: &["new", "yrs", "day"],
        rule: HolidayRule::Fixed(1, 1),
        plain: false,
    },
    Holiday {
        words: &["xmas", "eve"],
        rule: HolidayRule::Fixed(12, 24),
        plain: false,
    },
    Holiday {
        words: &["xmas", "day"],
        rule: HolidayRule::Fixed(12, 25),
        plain: false,
    },
    Holiday {
        words: &["xmas"],
        rule: HolidayRule::Fixed(12, 25),
        plain: false,
    },
    Holiday {
        words: &["boxing", "day"],
        rule: HolidayRule::Fixed(12, 26),
        plain: false,
    },
];

/// Easter Sunday of a Gregorian year (anonymous Gregorian algorithm).
pub(crate) fn easter(year: i32) -> Option<NaiveDate> {
    if !(1583..=9999).contains(&year) {
        return None;
    }
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
}

/// Slots of the lookup table, as a power of two: at least four for each word of the
/// lexicon (checked when the table is built), so that probes stay short.
const TABLE_BITS: u32 = 12;
/// Slots of the lookup table.
const TABLE_SLOTS: usize = 1 << TABLE_BITS;

/// An open-addressing table from [`key`]s to entries, linear probing, built once. Its size is
/// fixed, so that a probe needs no bounds check.
#[derive(Debug, Clone)]
struct Table {
    slots: Box<[(u128, Entry); TABLE_SLOTS]>,
}

impl Table {
    fn new(map: &HashMap<u128, Entry, BuildHasherDefault<Fold>>) -> Table {
        assert!(
            map.len() * 4 <= TABLE_SLOTS,
            "the lexicon outgrew its table: raise TABLE_BITS"
        );
        let slots: Box<[(u128, Entry)]> = vec![(0, NO_ENTRY); TABLE_SLOTS].into_boxed_slice();
        let Ok(mut slots) = <Box<[(u128, Entry); TABLE_SLOTS]>>::try_from(slots) else {
            unreachable!("the slice has TABLE_SLOTS slots");
        };
        for (&k, &e) in map {
            let mut h = home(hash(k));
            while slots[h].0 != 0 {
                h = (h + 1) % TABLE_SLOTS;
            }
            slots[h] = (k, e);
        }
        Table { slots }
    }

    /// The entry of key `k`, whose [`hash`] is `x`.
    #[inline]
    fn get(&self, k: u128, x: u64) -> &Entry {
        let mut h = home(x);
        // The table is at most a quarter full: probes end on an empty slot.
        for _ in 0..TABLE_SLOTS {
            let (sk, e) = &self.slots[h % TABLE_SLOTS];
            if *sk == k {
                return e;
            }
            if *sk == 0 {
                return &NO_ENTRY;
            }
            h = (h + 1) % TABLE_SLOTS;
        }
        &NO_ENTRY
    }
}

/// The hash of a [`key`]: folds the 128 bits and multiplies. Its high bits pick the word's
/// filter bit, its middle bits the word's home slot in the table.
#[inline]
fn hash(k: u128) -> u64 {
    let x = (k as u64) ^ ((k >> 64) as u64).rotate_left(29);
    (x ^ (x >> 31)).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// The first slot probed for a key of hash `x`.
#[inline]
fn home(x: u64) -> usize {
    (x >> 24) as usize % TABLE_SLOTS
}

/// The bit of the lookup filter for a key of hash `x`.
#[inline]
fn filter_bit(x: u64) -> usize {
    (x >> (64 - FILTER_SHIFT)) as usize
}

/// The key of the word `text[start..end]` (1 to 16 bytes), read as sixteen bytes at once
/// when the text goes on that far.
#[inline]
fn key_in(text: &[u8], start: usize, end: usize) -> u128 {
    let n = end.saturating_sub(start);
    match text
        .get(start..start.saturating_add(16))
        .and_then(|c| <[u8; 16]>::try_from(c).ok())
    {
        // Most words fit in the low eight bytes.
        Some(chunk) if n < 8 => {
            let lo = u64::from_le_bytes([
                chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7],
            ]);
            u128::from(lower8(lo & ((1u64 << (8 * n)) - 1)))
        }
        Some(chunk) if n <= 16 => {
            let k = u128::from_le_bytes(chunk);
            let k = if n == 16 {
                k
            } else {
                k & ((1u128 << (8 * n)) - 1)
            };
            u128::from(lower8(k as u64)) | (u128::from(lower8((k >> 64) as u64)) << 64)
        }
        _ => key(text.get(start..end).unwrap_or(&[])),
    }
}

/// A word (at most 16 bytes) as a number: its lowercase bytes, little-endian.
///
/// The bytes are copied once and lowercased eight at a time: each byte in `A..=Z` gains the
/// 0x20 bit, every other byte (non-ASCII included) is kept.
#[inline]
fn key(w: &[u8]) -> u128 {
    let mut buf = [0u8; 16];
    let n = w.len().min(16);
    if let (Some(dst), Some(src)) = (buf.get_mut(..n), w.get(..n)) {
        dst.copy_from_slice(src);
    }
    let k = u128::from_le_bytes(buf);
    u128::from(lower8(k as u64)) | (u128::from(lower8((k >> 64) as u64)) << 64)
}

/// ASCII lowercase of the eight bytes of `x`.
#[inline]
fn lower8(x: u64) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let seven = x & LOW7;
    // High bit set where the low seven bits are at least b'A' / above b'Z'.
    let from_a = seven + 0x3f3f_3f3f_3f3f_3f3f;
    let past_z = seven + 0x2525_2525_2525_2525;
    let upper = from_a & !past_z & !x & HIGH;
    x | (upper >> 2)
}

/// A hasher for [`key`]s: folds the 128 bits and multiplies.
#[derive(Default)]
pub(crate) struct Fold(u64);

impl Hasher for Fold {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn write_u128(&mut self, k: u128) {
        let x = (k as u64) ^ ((k >> 64) as u64).rotate_left(29);
        self.0 = (x ^ (x >> 31)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// Longest word looked up; longer words are not in any table.
const MAX_WORD: usize = 16;

/// All tables folded into one lookup.
#[derive(Debug, Clone)]
pub(crate) struct Lexicon {
    table: Table,
    /// A bit per (length, first, second and last letter) of known words: most unknown words
    /// are rejected without hashing.
    filter: Box<[u64; FILTER_BITS / 64]>,
}

/// Bits in the lookup filter, as a power of two.
const FILTER_SHIFT: u32 = 14;
/// Bits in the lookup filter.
const FILTER_BITS: usize = 1 << FILTER_SHIFT;

/// What the lexicon knows about a word.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Entry {
    /// Its class in the temporal vocabulary.
    pub lex: Option<Lex>,
    /// Its class among the context words.
    pub tag: Option<WordTag>,
    /// The small closed classes ([`Cue`]) it belongs to, one bit each.
    pub cues: u16,
}

/// The entry of a word the lexicon does not know.
pub(crate) const NO_ENTRY: Entry = Entry {
    lex: None,
    tag: None,
    cues: 0,
};

/// A small closed class of words the tense cues consult, as a bit of [`Entry::cues`]:
/// tense detection tests a flag per token instead of comparing the word with each list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u16)]
pub(crate) enum Cue {
    /// [`SCHEDULE_VERBS`].
    Schedule = 1,
    /// [`PLAN_PARTICIPLES`].
    PlanParticiple = 1 << 1,
    /// [`MODALS`].
    Modal = 1 << 2,
    /// [`PLAN_COPULAS`].
    PlanCopula = 1 << 3,
    /// [`PASSIVE_AUXILIARIES`].
    PassiveAux = 1 << 4,
    /// [`PERFECT_AUXILIARIES`].
    PerfectAux = 1 << 5,
    /// [`PROGRESSIVE_AUXILIARIES`].
    ProgressiveAux = 1 << 6,
    /// [`CONTRACTED_BE`].
    ContractedBe = 1 << 7,
    /// [`FINITE_PAST`].
    FinitePast = 1 << 8,
    /// [`CUES_NEEDING_TO`].
    NeedsTo = 1 << 9,
    /// [`REPORTING_VERBS`].
    Reporting = 1 << 10,
    /// [`PLANS_BEFORE_DATE`].
    PlanBeforeDate = 1 << 11,
}

/// Each [`Cue`] with the one list that defines it.
const CUE_LISTS: &[(&[&str], Cue)] = &[
    (SCHEDULE_VERBS, Cue::Schedule),
    (PLAN_PARTICIPLES, Cue::PlanParticiple),
    (MODALS, Cue::Modal),
    (PLAN_COPULAS, Cue::PlanCopula),
    (PASSIVE_AUXILIARIES, Cue::PassiveAux),
    (PERFECT_AUXILIARIES, Cue::PerfectAux),
    (PROGRESSIVE_AUXILIARIES, Cue::ProgressiveAux),
    (CONTRACTED_BE, Cue::ContractedBe),
    (FINITE_PAST, Cue::FinitePast),
    (CUES_NEEDING_TO, Cue::NeedsTo),
    (REPORTING_VERBS, Cue::Reporting),
    (PLANS_BEFORE_DATE, Cue::PlanBeforeDate),
];

impl Lexicon {
    /// Builds the lookup from the tables. When a word is in several tables, the first one in
    /// this order wins: months, weekdays, numbers, ordinals, units, seasons, parts of day,
    /// frequencies, zones, keywords.
    pub(crate) fn new() -> Lexicon {
        let mut map: HashMap<u128, Entry, BuildHasherDefault<Fold>> = HashMap::default();
        let mut words: Vec<&'static str> = Vec::new();
        let mut add = |w: &'static str, l: Lex| {
            words.push(w);
            let e = map.entry(key(w.as_bytes())).or_default();
            if e.lex.is_none() {
                e.lex = Some(l);
            }
        };
        for &(w, m, f) in MONTHS {
            add(w, Lex::Month(m, f));
        }
        for &(w, d, p) in WEEKDAYS {
            add(w, Lex::Weekday(d, p));
        }
        for &(w, d, word) in WEEKDAY_ABBREVS {
            add(w, Lex::WeekdayAbbrev(d, word));
        }
        for &(w, n) in NUMBERS {
            add(w, Lex::Number(n));
        }
        for &(w, n) in DECADE_WORDS {
            add(w, Lex::DecadeWord(n));
        }
        for &(w, n) in ORDINALS {
            add(w, Lex::Ordinal(n));
        }
        for &(w, u, p) in UNITS {
            add(w, Lex::Unit(u, p));
        }
        for &(w, s) in SEASONS {
            add(w, Lex::Season(s));
        }
        for &(w, p) in DAY_PARTS {
            add(w, Lex::DayPart(p));
        }
        for &(w, u) in FREQUENCIES {
            add(w, Lex::Frequency(u));
        }
        for &w in ZONES {
            add(w, Lex::Zone);
        }
        for &(w, k) in KEYWORDS {
            add(w, Lex::Kw(k));
        }
        for &(w, u) in END_OF_UNITS {
            add(w, Lex::EndOf(u));
        }
        let holiday_starts: Vec<&'static str> = HOLIDAYS
            .iter()
            .filter_map(|h| h.words.first().copied())
            .collect();
        for (list, tag) in [
            (PAST_VERBS, WordTag::PastVerb),
            (FUTURE_CUES, WordTag::FutureCue),
            (COUNT_NOUNS, WordTag::CountNoun),
            (NAME_BEFORE, WordTag::NameBefore),
            (&holiday_starts[..], WordTag::HolidayStart),
        ] {
            for &w in list {
                words.push(w);
                let e = map.entry(key(w.as_bytes())).or_default();
                if e.tag.is_none() {
                    e.tag = Some(tag);
                }
            }
        }
        for &(list, cue) in CUE_LISTS {
            for &w in list {
                words.push(w);
                map.entry(key(w.as_bytes())).or_default().cues |= cue as u16;
            }
        }
        let mut filter = Box::new([0u64; FILTER_BITS / 64]);
        for w in words {
            let bit = filter_bit(hash(key(w.as_bytes())));
            if let Some(slot) = filter.get_mut(bit / 64) {
                *slot |= 1 << (bit % 64);
            }
        }
        Lexicon {
            table: Table::new(&map),
            filter,
        }
    }

    /// Looks a word up, ASCII case-insensitively.
    #[cfg(test)]
    pub(crate) fn lookup(&self, word: &[u8]) -> Entry {
        *self.lookup_in(word, 0, word.len())
    }

    /// Looks up the word `text[start..end]`, ASCII case-insensitively.
    #[inline]
    pub(crate) fn lookup_in(&self, text: &[u8], start: usize, end: usize) -> &Entry {
        let n = end.saturating_sub(start);
        if n == 0 || n > MAX_WORD {
            return &NO_ENTRY;
        }
        self.lookup_key(key_in(text, start, end))
    }

    /// Looks up a word of 1 to 16 bytes by its key: its bytes, ASCII-lowercased, read as a
    /// little-endian number.
    ///
    /// The entry is returned by reference, so that a caller storing it copies it once.
    #[inline]
    pub(crate) fn lookup_key(&self, k: u128) -> &Entry {
        let x = hash(k);
        let bit = filter_bit(x);
        if self
            .filter
            .get(bit / 64)
            .is_none_or(|s| s & (1 << (bit % 64)) == 0)
        {
            return &NO_ENTRY;
        }
        self.table.get(k, x)
    }

    /// The temporal class of a word.
    #[cfg(test)]
    pub(crate) fn get(&self, word: &[u8]) -> Option<Lex> {
        self.lookup(word).lex
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_lowercase_ascii_only() {
        for w in [
            "",
            "May",
            "SEPT",
            "naïve",
            "Zürich",
            "@[`{",
            "abcdefghijklmnopXYZ",
        ] {
            let slow = w.bytes().take(16).enumerate().fold(0u128, |k, (i, b)| {
                k | (u128::from(b.to_ascii_lowercase()) << (8 * i))
            });
            assert_eq!(key(w.as_bytes()), slow, "{w}");
        }
        let all: Vec<u8> = (0..=255).collect();
        for c in all.chunks(16) {
            let slow = c.iter().enumerate().fold(0u128, |k, (i, b)| {
                k | (u128::from(b.to_ascii_lowercase()) << (8 * i))
            });
            assert_eq!(key(c), slow);
        }
    }

    #[test]
    fn keys_in_text_match_keys_of_words() {
        let text = b"a Sept day IN the Internationalization-era of naive words";
        for start in 0..text.len() {
            for end in start..=text.len().min(start + 16) {
                assert_eq!(
                    key_in(text, start, end),
                    key(&text[start..end]),
                    "{start}..{end}"
                );
            }
        }
    }

    #[test]
    fn lookup_is_case_insensitive() {
        let lx = Lexicon::new();
        assert_eq!(lx.get(b"MARCH"), Some(Lex::Month(3, MonthForm::Ambiguous)));
        assert_eq!(lx.get(b"Sept"), Some(Lex::Month(9, MonthForm::Abbrev)));
        assert_eq!(lx.get(b"weeks"), Some(Lex::Unit(Unit::Week, true)));
        assert_eq!(lx.get(b"Yesterday"), Some(Lex::Kw(Kw::Yesterday)));
        assert_eq!(lx.get(b"zebra"), None);
        assert_eq!(lx.get(&[b'a'; 40]), None);
    }

    #[test]
    fn cue_bits_follow_their_lists() {
        let lx = Lexicon::new();
        for &(list, cue) in CUE_LISTS {
            for w in list {
                assert!(w.len() <= MAX_WORD, "{w}");
                assert_ne!(lx.lookup(w.as_bytes()).cues & cue as u16, 0, "{w}");
                let upper = w.to_ascii_uppercase();
                assert_ne!(lx.lookup(upper.as_bytes()).cues & cue as u16, 0, "{w}");
            }
        }
        assert_eq!(lx.lookup(b"meeting").cues, 0);
        assert_eq!(lx.lookup(b"had").cues, Cue::FinitePast as u16);
    }

    #[test]
    fn holiday_rules() {
        let d = |r: HolidayRule, y| r.date(y).unwrap().to_string();
        assert_eq!(d(HolidayRule::Easter(0), 2025), "2025-04-20");
        assert_eq!(d(HolidayRule::AfterThanksgiving(1), 2025), "2025-11-28");
        assert_eq!(d(HolidayRule::AfterThanksgiving(4), 2024), "2024-12-02");
        assert_eq!(d(HolidayRule::Easter(0), 2024), "2024-03-31");
        assert_eq!(
            d(HolidayRule::NthWeekday(11, Weekday::Thu, 4), 1999),
            "1999-11-25"
        );
        assert_eq!(
            d(HolidayRule::LastWeekday(5, Weekday::Mon), 2025),
            "2025-05-26"
        );
        assert_eq!(d(HolidayRule::ElectionDay, 2024), "2024-11-05");
        assert_eq!(d(HolidayRule::ElectionDay, 2022), "2022-11-08");
        assert!(HolidayRule::Easter(0).date(99_999).is_none());
    }
}
