//! Property and robustness tests for the tagger: whatever the text, it must not panic, must
//! finish, and must return well-formed timexes (spans inside the text, on char boundaries,
//! sorted, non-overlapping; values that print and parse back).
//!
//! Random documents come from a small deterministic PRNG (xorshift64*), so every failure is
//! reproducible from the seed printed with it.

use eventline::{Dct, DocKind, Document, Tagger, Timex, TimexKind, TimexValue};

mod common;

use common::Rng;

/// Words the tagger reacts to, and words around them.
const DATEISH: &[&str] = &[
    "January",
    "Feb.",
    "March",
    "Mar",
    "april",
    "May",
    "June",
    "Jul.",
    "August",
    "Sept.",
    "October",
    "Nov",
    "December",
    "Monday",
    "Tue.",
    "Wednesday",
    "thursday",
    "Friday",
    "Sat",
    "Sunday",
    "today",
    "yesterday",
    "tomorrow",
    "tonight",
    "morning",
    "afternoon",
    "evening",
    "night",
    "noon",
    "midnight",
    "last",
    "this",
    "next",
    "past",
    "coming",
    "following",
    "same",
    "previous",
    "ago",
    "earlier",
    "later",
    "before",
    "after",
    "since",
    "until",
    "from",
    "to",
    "through",
    "between",
    "and",
    "the",
    "a",
    "an",
    "of",
    "in",
    "on",
    "at",
    "by",
    "for",
    "week",
    "weeks",
    "weekend",
    "month",
    "months",
    "year",
    "years",
    "decade",
    "decades",
    "century",
    "quarter",
    "half",
    "day",
    "days",
    "hour",
    "hours",
    "minute",
    "minutes",
    "second",
    "seconds",
    "early",
    "mid",
    "mid-",
    "late",
    "end",
    "beginning",
    "middle",
    "about",
    "around",
    "almost",
    "nearly",
    "more",
    "than",
    "less",
    "at least",
    "up to",
    "every",
    "each",
    "daily",
    "weekly",
    "annually",
    "twice",
    "once",
    "times",
    "now",
    "currently",
    "recently",
    "soon",
    "future",
    "fiscal",
    "Q1",
    "Q4",
    "third-quarter",
    "first",
    "third",
    "31st",
    "2nd",
    "twenty-four",
    "one",
    "two",
    "three",
    "a half",
    "1/2",
    "a.m.",
    "p.m.",
    "pm",
    "EST",
    "GMT",
    "o'clock",
    "'s",
    "'98",
    "the '80s",
    "1990s",
    "20th",
    "spring",
    "summer",
    "fall",
    "winter",
    "Christmas",
    "Easter",
    "Thanksgiving",
    "New Year's Day",
    "Election Day",
    "year-old",
    "-year-old",
    "old",
    "$",
    "%",
    "will",
    "said",
    "met",
    "has",
    "had",
    "would",
    "is",
    "was",
    "turn",
    "single",
    "other",
    "see you",
    "c u",
    "mon",
    "fri",
    "sat",
    "due",
    "beyond",
    "throughout",
    "nxt",
    "valentines day",
    "it's",
    "are",
    "that year",
    "the following year",
    "millennium",
    "than planned",
];

/// Other material: punctuation, separators and hard Unicode.
const NOISE: &[&str] = &[
    ".",
    ",",
    ";",
    ":",
    "-",
    "–",
    "—",
    "/",
    "'",
    "\"",
    "(",
    ")",
    "\n",
    "\n\n",
    "\t",
    "  ",
    "é",
    "e\u{301}",
    "\u{301}",
    "\u{308}\u{308}",
    "🎉",
    "👩‍👩‍👧",
    "🇫🇷",
    "שלום",
    "مرحبا",
    "\u{202E}",
    "\u{200B}",
    "\u{200D}",
    "\u{FEFF}",
    "\u{0}",
    "\u{FFFD}",
    "日本語",
    "２０２５",
    "１２月",
    "İ",
    "ẞ",
    "ﬁ",
    "ŉ",
    "Σ",
    "\u{A0}",
    "\u{2009}",
    "\u{85}",
    "\u{2028}",
    "…",
    "\r\n",
    "\\",
    "|",
    "<",
    ">",
    "&amp;",
    "x",
    "ZZZ",
];

fn random_number(rng: &mut Rng) -> String {
    match rng.below(8) {
        0 => rng.below(10).to_string(),
        1 => rng.below(32).to_string(),
        2 => (1900 + rng.below(150)).to_string(),
        3 => rng.below(100_000).to_string(),
        4 => format!("{}:{:02}", rng.below(30), rng.below(70)),
        5 => format!("{}/{}/{}", rng.below(14), rng.below(33), rng.below(3000)),
        6 => format!(
            "{:04}-{:02}-{:02}",
            rng.below(10_000),
            rng.below(14),
            rng.below(33)
        ),
        _ => format!("{},{:03}", rng.below(1000), rng.below(1000)),
    }
}

fn random_text(rng: &mut Rng, tokens: usize) -> String {
    let mut s = String::new();
    for _ in 0..tokens {
        let token = match rng.below(10) {
            0..=4 => rng.pick(DATEISH).to_string(),
            5 | 6 => random_number(rng),
            7 | 8 => rng.pick(NOISE).to_string(),
            _ => {
                // An arbitrary scalar value (surrogates cannot occur in a &str).
                let c = char::from_u32(rng.below(0x11_0000) as u32).unwrap_or('\u{FFFD}');
                c.to_string()
            }
        };
        s.push_str(&token);
        if !rng.chance(15) {
            s.push(' ');
        }
    }
    s
}

const DCTS: &[&str] = &[
    "2025-03-31",
    "1998-02-27T08:17:00",
    "1989-10-26",
    "2024-12-15",
    "2000-01-05",
    "2024-02-29",
    "1999-12-31",
    "0001-01-01",
    "9999-12-31",
];

fn document(rng: &mut Rng, text: String) -> Document {
    let mut doc = Document::new(text);
    if !rng.chance(15) {
        let date: &&str = rng.pick(DCTS);
        doc = doc.with_dct(Dct::parse(date).expect("valid test DCT"));
    }
    match rng.below(3) {
        0 => doc.with_kind(DocKind::News),
        1 => doc.with_kind(DocKind::Narrative),
        _ => doc,
    }
}

/// Checks every invariant of a tagger result; `context` says which input it came from.
fn check(text: &str, timexes: &[Timex], context: &str) {
    let mut previous_end = 0;
    for (i, t) in timexes.iter().enumerate() {
        let at = || format!("{context}: timex #{i} {t:?}");
        assert!(t.span.start < t.span.end, "{}: empty span", at());
        assert!(t.span.end <= text.len(), "{}: span outside the text", at());
        assert!(
            text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end),
            "{}: span not on char boundaries",
            at()
        );
        assert!(
            t.span.start >= previous_end,
            "{}: not sorted or overlaps the previous timex",
            at()
        );
        previous_end = t.span.end;
        let covered = t.text(text);
        assert_eq!(
            covered.trim(),
            covered,
            "{}: span has outer whitespace",
            at()
        );
        let printed = t.value.to_string();
        let parsed: TimexValue = printed
            .parse()
            .unwrap_or_else(|e| panic!("{}: value {printed:?} does not parse: {e}", at()));
        assert_eq!(parsed, t.value, "{}: value does not round-trip", at());
        match t.kind {
            TimexKind::Duration => {
                assert!(
                    t.value.is_duration(),
                    "{}: DURATION without a P value",
                    at()
                )
            }
            TimexKind::Date | TimexKind::Time => {
                assert!(!t.value.is_duration(), "{}: DATE/TIME with a P value", at())
            }
            TimexKind::Set => {}
        }
    }
}

fn tag_and_check(tagger: &Tagger, doc: &Document, context: &str) -> Vec<Timex> {
    let timexes = tagger.tag(doc);
    check(doc.text(), &timexes, context);
    timexes
}

#[test]
fn random_documents_give_well_formed_timexes() {
    let tagger = Tagger::new();
    let mut found = 0;
    for seed in 0..1500u64 {
        let mut rng = Rng::new(seed);
        let tokens = 1 + rng.below(120);
        let text = random_text(&mut rng, tokens);
        let doc = document(&mut rng, text);
        let first = tag_and_check(&tagger, &doc, &format!("seed {seed}"));
        // Deterministic: the same document gives the same answer.
        assert_eq!(first, tagger.tag(&doc), "seed {seed}: not deterministic");
        found += first.len();
    }
    // The vocabulary is date-heavy: a tagger that finds nothing is not being exercised.
    assert!(found > 100, "only {found} timexes in 1500 random documents");
}

#[test]
fn random_byte_soup_never_panics() {
    let tagger = Tagger::new();
    for seed in 0..300u64 {
        let mut rng = Rng::new(seed ^ 0xDEAD_BEEF);
        let len = rng.below(400);
        let bytes: Vec<u8> = (0..len).map(|_| rng.below(256) as u8).collect();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let doc = document(&mut rng, text);
        tag_and_check(&tagger, &doc, &format!("byte soup seed {seed}"));
    }
}

#[test]
fn every_prefix_of_a_dense_text_is_safe() {
    // Cutting a text anywhere (on a char boundary) must not trip the scanner at the end.
    let text = "On Tuesday, March 18, 2025 at 3 p.m. EST — two weeks ago — the \
                first half of 2024 ended; 2 1/2 years later, mid-March, '98, the late \
                1970s, every Monday, 10:45 a.m., the 31st of Dec. 1999, Q3 2024 🎉 é\u{301}.";
    let tagger = Tagger::new();
    let dct = Dct::parse("2025-03-31").expect("dct");
    for (i, _) in text.char_indices() {
        let doc = Document::new(&text[..i]).with_dct(dct);
        tag_and_check(&tagger, &doc, &format!("prefix of {i} bytes"));
    }
}

#[test]
fn case_changing_characters_do_not_shift_spans() {
    // Characters whose lowercase or uppercase has another byte length.
    let tagger = Tagger::new();
    let dct = Dct::parse("2025-03-31").expect("dct");
    for prefix in [
        "İ",
        "ẞ",
        "ﬁ",
        "ŉ",
        "Σ",
        "ΐ",
        "\u{212A}",
        "\u{212B}",
        "é\u{301}",
        "🎉",
        "\u{202E}",
        "\u{0}",
    ] {
        let text = format!(
            "{p}{p}{p} The vote was held on March 18, 2025 in {p}.",
            p = prefix
        );
        let doc = Document::new(text.as_str()).with_dct(dct);
        let timexes = tag_and_check(&tagger, &doc, prefix);
        assert!(
            timexes
                .iter()
                .any(|t| t.text(&text) == "March 18, 2025" && t.value.to_string() == "2025-03-18"),
            "prefix {prefix:?}: {timexes:?}"
        );
    }
}

#[test]
fn unrelated_leading_prose_only_shifts_spans() {
    let tagger = Tagger::new();
    let dct = Dct::parse("1998-02-27").expect("dct");
    let prefix = "Officials spoke to reporters in the capital. ";
    for sentence in [
        "The dollar fell yesterday in Tokyo.",
        "Talks will resume on March 9 after a three-day break.",
        "Prices doubled in the past three months, and rose 4 percent last week.",
        "The plant closed in 1995 and reopened two years ago.",
        "The board meets every Monday at 10 a.m.",
    ] {
        let alone = Document::new(sentence)
            .with_dct(dct)
            .with_kind(DocKind::News);
        let prefixed = Document::new(format!("{prefix}{sentence}"))
            .with_dct(dct)
            .with_kind(DocKind::News);
        let a = tag_and_check(&tagger, &alone, sentence);
        let b = tag_and_check(&tagger, &prefixed, sentence);
        assert!(!a.is_empty(), "nothing found in {sentence:?}");
        let shifted: Vec<Timex> = a
            .into_iter()
            .map(|mut t| {
                t.span = t.span.start + prefix.len()..t.span.end + prefix.len();
                t
            })
            .collect();
        assert_eq!(shifted, b, "{sentence:?}");
    }
}

#[test]
fn impossible_and_extreme_dates_are_safe() {
    let tagger = Tagger::new();
    let texts = [
        "The memo was dated February 30, 2025.",
        "It happened on February 29, 2023, or on 2023-02-29.",
        "The deadline is 13/45/2025 or 2025-13-45 or 99/99/99.",
        "On April 31 and on June 31 nothing happened.",
        "In the year 99999999 the sun will be gone.",
        "By 1000000 AD, or in the year 0, or in -500.",
        "It took 4294967296 days and 18446744073709551616 years and 99999999999999999999 hours.",
        "The vault stays shut for 999999999 years, then 999999999 centuries.",
        "The 99999999th of March, the 0th of May, the 32nd of January.",
        "At 25:61 p.m., at 99:99, at 24:00, at 0:00 a.m., at 12:60.",
        "the 1990s 1000s 0s 9999999990s '00 '99 the 999th century",
        "Q0 Q5 Q9 2025 H3 the fifth quarter the third half",
        "10000000000 days ago, 5000 years ago, 3000 centuries ago, 999999 weeks later.",
        "Tomorrow, next year, next week, in 8000 years and the next century.",
        "Yesterday, last year, last week, 3000 years ago and the last century.",
        "２０２５年３月１８日, ٢٠٢٥, ۱۹۹۸, १९९८ and Ⅻ.",
    ];
    for dct in ["2025-03-31", "0001-01-01", "9999-12-31", "1970-01-01"] {
        let dct = Dct::parse(dct).expect("dct");
        for text in texts {
            for kind in [DocKind::News, DocKind::Narrative] {
                let doc = Document::new(text).with_dct(dct).with_kind(kind);
                tag_and_check(&tagger, &doc, text);
            }
        }
    }
    for text in texts {
        tag_and_check(&tagger, &Document::new(text), text);
    }
}

#[test]
fn megabytes_of_digits_finish() {
    let tagger = Tagger::new();
    let dct = Dct::parse("2025-03-31").expect("dct");
    let mut rng = Rng::new(42);
    let plain: String = (0..1 << 20)
        .map(|_| char::from(b'0' + rng.below(10) as u8))
        .collect();
    let separated: String = (0..1 << 20)
        .map(|_| match rng.below(12) {
            10 => ' ',
            11 => *rng.pick(&['/', ':', '-', '.', ',']),
            d => char::from(b'0' + d as u8),
        })
        .collect();
    let years = "1998 ".repeat(200_000);
    let slashes = "12/".repeat(300_000);
    for (name, text) in [
        ("plain digits", plain),
        ("separated digits", separated),
        ("years", years),
        ("slashes", slashes),
    ] {
        let doc = Document::new(text).with_dct(dct);
        tag_and_check(&tagger, &doc, name);
    }
}

#[test]
fn long_repetitions_finish() {
    let tagger = Tagger::new();
    let dct = Dct::parse("2025-03-31").expect("dct");
    let texts = [
        "the day before ".repeat(10_000),
        "the day before yesterday".repeat(5_000),
        "two days later, ".repeat(10_000),
        "early ".repeat(20_000) + "2024",
        "the following day. ".repeat(10_000),
        "more than ".repeat(10_000) + "a decade",
        "a".repeat(1 << 20),
        format!("March{}18", " ".repeat(1 << 20)),
        "\n".repeat(1 << 20) + "March 18, 2025",
        "-".repeat(1 << 20),
        "é\u{301}".repeat(1 << 18),
    ];
    for text in texts {
        let context = format!("{:?}…", text.chars().take(30).collect::<String>());
        let doc = Document::new(text).with_dct(dct);
        tag_and_check(&tagger, &doc, &context);
    }
}

#[test]
fn five_megabyte_document_finishes() {
    let tagger = Tagger::new();
    let mut rng = Rng::new(7);
    let mut text = String::with_capacity(5 << 20);
    while text.len() < 5 << 20 {
        text.push_str(&random_text(&mut rng, 200));
        text.push_str(".\n");
    }
    let doc = Document::new(text).with_dct(Dct::parse("2025-03-31").expect("dct"));
    let timexes = tag_and_check(&tagger, &doc, "5 MB document");
    assert!(!timexes.is_empty());
}
