//! Event extraction on its own: sentences, event mentions, tense and aspect, polarity and
//! modality, anchoring and coreference, with hand-placed timexes.

mod common;

use common::Rng;
use eventline::{
    sentences, AnchorTarget, Aspect, Dct, Endpoint, EventAnalysis, EventClass, EventExtractor,
    Polarity, RelType, Tense, Timex, TimexKind,
};

/// A timex over the first occurrence of `needle` (after byte `from`).
fn tx(text: &str, needle: &str, from: usize, kind: TimexKind, value: &str) -> Timex {
    let start = from + text[from..].find(needle).expect("needle in text");
    Timex {
        span: start..start + needle.len(),
        kind,
        value: value.parse().expect("valid value"),
        modifier: None,
        quant: None,
        freq: None,
    }
}

fn dct(s: &str) -> Dct {
    Dct::parse(s).expect("valid dct")
}

fn run(text: &str, timexes: &[Timex], d: &str) -> EventAnalysis {
    EventExtractor::new().extract(text, timexes, Some(&dct(d)))
}

/// `run` on a text dated 2025-03-31 whose DATE timexes are given as (text, value), each at
/// its first occurrence.
fn run_dated(text: &str, dates: &[(&str, &str)]) -> EventAnalysis {
    let txs: Vec<Timex> = dates
        .iter()
        .map(|(needle, value)| tx(text, needle, 0, TimexKind::Date, value))
        .collect();
    run(text, &txs, "2025-03-31")
}

fn event<'a>(a: &'a EventAnalysis, word: &str) -> &'a eventline::Event {
    a.events.iter().find(|e| e.text == word).unwrap_or_else(|| {
        panic!(
            "no event {word:?} in {:?}",
            a.events.iter().map(|e| &e.text).collect::<Vec<_>>()
        )
    })
}

fn no_event(a: &EventAnalysis, word: &str) -> bool {
    a.events.iter().all(|e| e.text != word)
}

fn split(text: &str) -> Vec<&str> {
    sentences(text).into_iter().map(|r| &text[r]).collect()
}

#[test]
fn sentences_survive_abbreviations_and_decimals() {
    let text = "Dr. Jones arrived in the U.S. on Jan. 5 with No. 5 on the list. Shares rose 3.5 percent to $1,200.50. The company said so.";
    assert_eq!(
        split(text),
        [
            "Dr. Jones arrived in the U.S. on Jan. 5 with No. 5 on the list.",
            "Shares rose 3.5 percent to $1,200.50.",
            "The company said so."
        ]
    );
}

#[test]
fn sentences_end_after_an_abbreviation_when_a_new_one_starts() {
    let text = "He moved to the U.S. The talks resumed.";
    assert_eq!(split(text), ["He moved to the U.S.", "The talks resumed."]);
}

#[test]
fn sentences_end_at_a_pictograph_in_informal_writing() {
    let text = "Got my first job offer today 🎉 start on Monday";
    assert_eq!(
        split(text),
        ["Got my first job offer today 🎉", "start on Monday"]
    );
    // Before a capital or at the end, as after a mark.
    assert_eq!(split("Made it ☀ Beach all day 🏖").len(), 2);
}

#[test]
fn sentences_keep_closing_quotes_and_split_headlines_and_datelines() {
    let text = "Putin and Trump speak again\n\nMOSCOW (AP) -- The Kremlin said: \"We talked.\" Peskov added nothing.";
    assert_eq!(
        split(text),
        [
            "Putin and Trump speak again",
            "MOSCOW (AP) --",
            "The Kremlin said: \"We talked.\"",
            "Peskov added nothing."
        ]
    );
    let lines = "A short headline\nThe text starts here and goes on.";
    assert_eq!(split(lines).len(), 2);
    let wrapped = "The minister said on Monday that the\ntalks would resume.";
    assert_eq!(split(wrapped).len(), 1);
    // A wire dateline with its date and a spaced hyphen.
    let wire = "SAN FRANCISCO, Nov. 12, 2025 (Reuters) - The Senate voted on Tuesday.";
    assert_eq!(
        split(wire),
        [
            "SAN FRANCISCO, Nov. 12, 2025 (Reuters) -",
            "The Senate voted on Tuesday."
        ]
    );
    // A hyphen inside a sentence's parenthesis is no dateline.
    let aside = "Shares of the firm (Acme) - long a favourite - fell.";
    assert_eq!(split(aside).len(), 1);
}

#[test]
fn nouns_of_happenings_are_events() {
    let a = run(
        "The quake hit the province overnight, and a landslide followed. Storms and \
         wildfires forced the playoff to be moved.",
        &[],
        "2025-03-31",
    );
    for noun in ["quake", "landslide", "Storms", "wildfires", "playoff"] {
        assert_eq!(event(&a, noun).class, EventClass::Occurrence, "{noun}");
    }
    // A noun that names no happening stays a participant.
    assert!(no_event(&a, "province"));
}

#[test]
fn asserted_past_verbs_are_events_participles_after_nouns_are_not() {
    let text = "Kennedy proposed the goal in 1961. The program ended in December 1972. Net \
                income for the quarter ended Sept. 30 fell, and a firm owned by him gained.";
    let a = run(text, &[], "2025-03-31");
    assert_eq!(event(&a, "proposed").tense, Tense::Past);
    let ended: Vec<&str> = a
        .events
        .iter()
        .filter(|e| e.text == "ended")
        .map(|e| e.title.as_str())
        .collect();
    assert!(
        ended.len() == 1 && ended[0].starts_with("program ended"),
        "{ended:?}"
    );
    assert!(no_event(&a, "owned"));
    for verb in ["fell", "gained"] {
        assert_eq!(event(&a, verb).tense, Tense::Past, "{verb}");
    }
}

#[test]
fn only_heads_of_verb_groups_are_events() {
    let a = run(
        "Officials have been scrambling to respond, and the ministry will not comment.",
        &[],
        "2025-03-31",
    );
    for aux in ["have", "been", "will", "not"] {
        assert!(no_event(&a, aux), "{aux} is not an event");
    }
    let s = event(&a, "scrambling");
    assert_eq!(
        (s.tense, s.aspect),
        (Tense::Present, Aspect::PerfectiveProgressive)
    );
    assert_eq!(event(&a, "respond").tense, Tense::Infinitive);
    let c = event(&a, "comment");
    assert_eq!((c.tense, c.polarity), (Tense::Future, Polarity::Neg));
}

#[test]
fn tense_and_aspect_from_auxiliaries() {
    let a = run(
        "The envoy had signed the deal. Talks are continuing. The president will meet him. Prices fell.",
        &[],
        "2025-03-31",
    );
    let signed = event(&a, "signed");
    assert_eq!(
        (signed.tense, signed.aspect),
        (Tense::Past, Aspect::Perfective)
    );
    let cont = event(&a, "continuing");
    assert_eq!(
        (cont.tense, cont.aspect),
        (Tense::Present, Aspect::Progressive)
    );
    assert_eq!(cont.class, EventClass::Aspectual);
    assert_eq!(event(&a, "meet").tense, Tense::Future);
    assert_eq!(event(&a, "meet").dct_relation, Some(RelType::After));
    assert_eq!(event(&a, "fell").tense, Tense::Past);
    assert_eq!(event(&a, "fell").dct_relation, Some(RelType::Before));
}

#[test]
fn polarity_and_modality() {
    let a = run(
        "Trump did not call Putin. The envoy may visit Kyiv. There was no agreement.",
        &[],
        "2025-03-31",
    );
    let call = event(&a, "call");
    assert_eq!((call.polarity, call.tense), (Polarity::Neg, Tense::Past));
    let visit = event(&a, "visit");
    assert_eq!(visit.modality.as_deref(), Some("may"));
    assert_eq!(visit.polarity, Polarity::Pos);
    assert_eq!(event(&a, "agreement").polarity, Polarity::Neg);
    assert!(no_event(&a, "did") && no_event(&a, "may"));
}

#[test]
fn eventive_nouns_and_classes() {
    let a = run(
        "The summit followed the attack, the ceasefire and the minister's resignation, according to officials who expected a bombing.",
        &[],
        "2025-03-31",
    );
    for w in ["summit", "attack", "ceasefire", "resignation", "bombing"] {
        assert_eq!(event(&a, w).tense, Tense::None, "{w} is nominal");
    }
    assert_eq!(event(&a, "according").class, EventClass::Reporting);
    assert_eq!(event(&a, "expected").class, EventClass::IState);
    assert!(no_event(&a, "minister") && no_event(&a, "officials"));
}

#[test]
fn signals_give_the_relation_to_the_timex() {
    let cases: &[(&str, &str, &str, TimexKind, &str, RelType)] = &[
        (
            "The leaders met on Tuesday.",
            "met",
            "Tuesday",
            TimexKind::Date,
            "2025-03-25",
            RelType::IsIncluded,
        ),
        (
            "The province has been ruled by London since 1972.",
            "ruled",
            "1972",
            TimexKind::Date,
            "1972",
            RelType::BegunBy,
        ),
        (
            "The banks will operate under their names until early 1990.",
            "operate",
            "early 1990",
            TimexKind::Date,
            "1990",
            RelType::EndedBy,
        ),
        (
            "The troops stayed for two years.",
            "stayed",
            "two years",
            TimexKind::Duration,
            "P2Y",
            RelType::During,
        ),
        (
            "The siege lasted two months.",
            "lasted",
            "two months",
            TimexKind::Duration,
            "P2M",
            RelType::During,
        ),
        (
            "The plan took three months to complete.",
            "complete",
            "three months",
            TimexKind::Duration,
            "P3M",
            RelType::IsIncluded,
        ),
        (
            "The deal collapsed after March.",
            "collapsed",
            "March",
            TimexKind::Date,
            "2025-03",
            RelType::After,
        ),
        (
            "They must finish the work before April.",
            "finish",
            "April",
            TimexKind::Date,
            "2025-04",
            RelType::Before,
        ),
    ];
    for &(text, ev, t, kind, value, rel) in cases {
        let a = run(text, &[tx(text, t, 0, kind, value)], "2025-03-31");
        let e = event(&a, ev);
        let anchor = e
            .anchor
            .as_ref()
            .unwrap_or_else(|| panic!("{ev} anchored in {text:?}"));
        assert_eq!(anchor.relation, rel, "{text}");
        assert!(matches!(anchor.target, AnchorTarget::Timex(_)), "{text}");
    }
}

#[test]
fn a_name_opening_a_sentence_is_no_event() {
    let a = run(
        "Rates held. Fed Chair Jerome Powell told reporters.",
        &[],
        "2024-07-31",
    );
    assert!(no_event(&a, "Fed"));
    assert_eq!(event(&a, "told").class, EventClass::Reporting);
}

#[test]
fn a_timex_dates_its_nearest_event_not_every_event() {
    let text = "Rebels attacked the town, officials said, and the army responded on Friday.";
    let a = run_dated(text, &[("Friday", "2025-03-28")]);
    let friday = |e: &eventline::Event| {
        a.links
            .iter()
            .any(|l| l.source == Endpoint::Event(e.id) && matches!(l.target, Endpoint::Timex(_)))
    };
    assert!(friday(event(&a, "responded")));
    assert!(!friday(event(&a, "attacked")));
}

#[test]
fn prenominal_times_date_the_noun() {
    let text = "In a weekend interview, Trump spoke. Tuesday's vote was close.";
    let a = run_dated(
        text,
        &[("weekend", "2025-W13-WE"), ("Tuesday", "2025-03-25")],
    );
    let i = event(&a, "interview").anchor.clone().expect("anchored");
    assert_eq!(
        i.value.map(|v| v.to_string()).as_deref(),
        Some("2025-W13-WE")
    );
    assert_eq!(i.relation, RelType::IsIncluded);
    let v = event(&a, "vote").anchor.clone().expect("anchored");
    assert_eq!(
        v.value.map(|v| v.to_string()).as_deref(),
        Some("2025-03-25")
    );
}

#[test]
fn reporting_verbs_without_a_timex_are_dated_at_the_dct() {
    let a = run("Peskov said the talks were useful.", &[], "2025-03-31");
    let said = event(&a, "said");
    let anchor = said.anchor.clone().expect("anchored");
    assert_eq!(anchor.target, AnchorTarget::Dct);
    assert_eq!(anchor.relation, RelType::IsIncluded);
    assert_eq!(
        anchor.value.map(|v| v.to_string()).as_deref(),
        Some("2025-03-31")
    );
}

#[test]
fn coordinated_anchors_make_separate_events() {
    let text = "There have been two phone calls between President Putin and President Trump so far this year, one on February 12 and another on March 18.";
    let a = run_dated(
        text,
        &[
            ("this year", "2025"),
            ("February 12", "2025-02-12"),
            ("March 18", "2025-03-18"),
        ],
    );
    let calls: Vec<_> = a
        .events
        .iter()
        .filter(|e| e.title.contains("phone call between"))
        .collect();
    assert_eq!(calls.len(), 2, "{:?}", a.events);
    let mut days: Vec<String> = calls
        .iter()
        .filter_map(|e| e.anchor.as_ref()?.value.as_ref().map(|v| v.to_string()))
        .collect();
    days.sort();
    assert_eq!(days, ["2025-02-12", "2025-03-18"]);
    for c in &calls {
        assert!(
            c.participants.iter().any(|p| p == "President Putin"),
            "{:?}",
            c.participants
        );
        assert!(
            c.participants.iter().any(|p| p == "President Trump"),
            "{:?}",
            c.participants
        );
    }
}

#[test]
fn a_later_definite_mention_joins_its_event() {
    let text = "Putin and Trump held a call on March 18. Both sides praised the call. The March 18 call lasted two hours.";
    let a = run(
        text,
        &[
            tx(text, "March 18", 0, TimexKind::Date, "2025-03-18"),
            tx(
                text,
                "March 18",
                text.find("The March").unwrap(),
                TimexKind::Date,
                "2025-03-18",
            ),
            tx(text, "two hours", 0, TimexKind::Duration, "PT2H"),
        ],
        "2025-03-31",
    );
    let calls: Vec<_> = a.events.iter().filter(|e| e.text == "call").collect();
    assert_eq!(calls.len(), 1, "{:?}", a.events);
    assert_eq!(calls[0].mentions.len(), 3);
    assert!(calls[0]
        .mentions
        .windows(2)
        .all(|w| w[0].start < w[1].start));
}

#[test]
fn a_new_indefinite_mention_is_a_new_event() {
    let text = "Putin called Trump in February. A new call is planned.";
    let a = run_dated(text, &[("February", "2025-02")]);
    assert!(a.events.iter().filter(|e| e.text == "call").count() == 1);
    assert_eq!(event(&a, "call").mentions.len(), 1);
}

#[test]
fn never_panics_and_stays_inside_the_text() {
    let ex = EventExtractor::new();
    let inputs = [
        "",
        " ",
        "\n\n\n",
        "...",
        "n't",
        "'s",
        "U.S.",
        "Dr.",
        "— — —",
        "é’s n’t ’ ‘ “ ” …",
        "The deal collapsed after March. 😀 Ünïcödé sáid ñ 東京で会談した。",
        "a-b-c-d-e. 1.2.3.4 $$$ 3,000,000.5,5 x'y'z isn't wasn't",
        "CALLED CALL CALLS ON MONDAY TUESDAY",
        ", boss, resigned.",
        ",, died, , ,",
        "ca n't wo n't sha n't",
        "Apollo 11, the flight, 7, landed, which killed 🎉 quake, which",
    ];
    for text in inputs {
        let a = ex.extract(text, &[], Some(&dct("2025-03-31")));
        for e in &a.events {
            assert!(e.trigger.end <= text.len() && text.is_char_boundary(e.trigger.start));
            for m in &e.mentions {
                assert!(
                    m.end <= text.len()
                        && text.is_char_boundary(m.start)
                        && text.is_char_boundary(m.end)
                );
            }
        }
        let _ = sentences(text);
    }
    // Timexes that point outside the text or off char boundaries are ignored, not trusted.
    let text = "Ünïcödé said so.";
    let bad = Timex {
        span: 1..400,
        kind: TimexKind::Date,
        value: "2025".parse().unwrap(),
        modifier: None,
        quant: None,
        freq: None,
    };
    let a = ex.extract(text, &[bad], None);
    assert!(a.events.iter().all(|e| e.trigger.end <= text.len()));
}

#[test]
fn the_whole_pipeline_survives_random_text() {
    use eventline::{mention_pairs, Document, Extractor, PairTarget};
    // Pieces that stress the scanners: clitics, abbreviations, dashes, quotes, digits,
    // multi-byte letters and emoji, line breaks.
    const PIECES: &[&str] = &[
        "the",
        "call",
        "calls",
        "said",
        "on",
        "February 12",
        "another",
        "one",
        "weekend",
        "interview",
        "U.S.",
        "Dr.",
        "No.",
        "5",
        "3.5",
        "didn't",
        "’s",
        "n’t",
        "'",
        "\"",
        "“",
        "—",
        "--",
        "-",
        ".",
        ",",
        ";",
        "(AP)",
        "\n",
        "\n\n",
        "é",
        "東京",
        "😀",
        "Monday",
        "March 31, 2025",
        "last week",
        "may",
        "not",
        "have",
        "been",
        "visit",
        "since",
        "until",
        "for two years",
        "ago",
        "a",
        "The",
        "President",
        "Putin",
        "and",
        "Trump",
        "’",
        "…",
        "\u{ad}",
        "\u{200b}",
        "ß",
        "İ",
        "x",
        "...",
        "?",
        "!",
    ];
    let ex = Extractor::new();
    let mut rng = Rng::new(0x2545_f491_4f6c_dd1d);
    let mut next = move || rng.next();
    for _ in 0..300 {
        let len = (next() % 60) as usize;
        let mut text = String::new();
        for _ in 0..len {
            let piece = PIECES[(next() % PIECES.len() as u64) as usize];
            text.push_str(piece);
            if next() % 3 != 0 {
                text.push(' ');
            }
        }
        let mut doc = Document::new(text.clone());
        if next() % 2 == 0 {
            doc = doc.with_dct(dct("2025-03-31"));
        }
        let ann = ex.extract(&doc);
        for e in &ann.events {
            for m in std::iter::once(&e.trigger).chain(&e.mentions) {
                assert!(m.start < m.end && m.end <= text.len(), "{text:?}");
                assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
            }
        }
        for p in mention_pairs(&ann) {
            assert!(p.source.end <= text.len());
            if let PairTarget::Timex(r) = p.target {
                assert!(r.end <= text.len());
            }
        }
        for s in sentences(&text) {
            assert!(text.get(s).is_some());
        }
    }
}

#[test]
fn occasions_and_coordinated_verbs_share_the_time() {
    let text = "Last week, fighters killed three soldiers and captured two others.";
    let a = run_dated(text, &[("Last week", "2025-W12")]);
    for v in ["killed", "captured"] {
        let anchor = event(&a, v).anchor.clone().expect("anchored");
        assert_eq!(
            anchor.value.map(|v| v.to_string()).as_deref(),
            Some("2025-W12"),
            "{v}"
        );
    }
    let text = "The minister told reporters at a briefing that talks would resume.";
    let a = run(text, &[], "2025-03-31");
    assert_eq!(event(&a, "briefing").anchor, event(&a, "told").anchor);
    let text = "At the summit on Friday, the leaders agreed to a truce.";
    let a = run_dated(text, &[("Friday", "2025-03-28")]);
    let agreed = event(&a, "agreed").anchor.clone().expect("anchored");
    assert_eq!(
        agreed.value.map(|v| v.to_string()).as_deref(),
        Some("2025-03-28")
    );
}

#[test]
fn regular_past_forms_follow_their_context() {
    let a = run(
        "Mr. Edelman declined to comment. The offer was declined. A new syndicate bought the site.",
        &[],
        "2025-03-31",
    );
    let declined: Vec<_> = a.events.iter().filter(|e| e.text == "declined").collect();
    assert_eq!(declined.len(), 2);
    assert_eq!(declined[0].tense, Tense::Past);
    assert_eq!(declined[1].tense, Tense::Past); // passive: the tense of "was"
    assert_eq!(event(&a, "bought").tense, Tense::Past);
    assert!(no_event(&a, "syndicate"));
}

#[test]
fn going_to_is_a_future() {
    let a = run("The minister is going to visit Kyiv.", &[], "2025-03-31");
    assert!(no_event(&a, "going"));
    let visit = event(&a, "visit");
    assert_eq!(visit.tense, Tense::Future);
    assert_eq!(visit.dct_relation, Some(RelType::After));
}

/// Words a title must not end with.
const DANGLING: &[&str] = &[
    "to", "of", "in", "on", "at", "for", "with", "by", "up", "out", "the", "a", "an", "and", "or",
    "has", "have", "had", "is", "are", "was", "were", "be", "been", "will", "would", "could",
];

fn assert_clean_titles(a: &EventAnalysis) {
    for e in &a.events {
        let last = e.title.split_whitespace().last().unwrap_or("");
        assert!(
            !DANGLING.contains(&last.to_lowercase().as_str()),
            "title {:?} of {:?} ends in {last:?}",
            e.title,
            e.text
        );
        assert!(
            e.title.split_whitespace().count() <= 8,
            "title {:?} is long",
            e.title
        );
    }
}

fn timex_links<'a>(
    a: &'a EventAnalysis,
    e: &eventline::Event,
) -> impl Iterator<Item = &'a eventline::Link> + 'a {
    let id = e.id;
    a.links
        .iter()
        .filter(move |l| l.source == Endpoint::Event(id))
        .filter(|l| matches!(l.target, Endpoint::Timex(_)))
}

#[test]
fn a_trailing_reporting_clause_is_dated_by_the_document() {
    let text = "A new round of technical talks is expected in mid-April, Peskov said.";
    let a = run_dated(text, &[("mid-April", "2025-04")]);
    let said = event(&a, "said");
    assert_eq!(timex_links(&a, said).count(), 0);
    let anchor = said.anchor.as_ref().expect("said is dated");
    assert_eq!(anchor.target, AnchorTarget::Dct);
    assert_eq!(anchor.relation, RelType::IsIncluded);
    // The expected talks are in mid-April, not the expecting.
    let talks = event(&a, "talks");
    assert!(matches!(
        talks.anchor.as_ref().map(|x| &x.target),
        Some(AnchorTarget::Timex(_))
    ));
    let expected = event(&a, "expected");
    assert_eq!(timex_links(&a, expected).count(), 0);
    assert_eq!(said.title, "Peskov said");
    assert_clean_titles(&a);
}

#[test]
fn a_relative_clause_keeps_its_date() {
    let text = "Trump, who took office on January 20, has promised to end the war in Ukraine.";
    let a = run_dated(text, &[("January 20", "2025-01-20")]);
    let took = event(&a, "took");
    assert!(matches!(
        took.anchor.as_ref().map(|x| &x.target),
        Some(AnchorTarget::Timex(_))
    ));
    let promised = event(&a, "promised");
    assert_eq!(timex_links(&a, promised).count(), 0);
    assert_eq!(promised.dct_relation, Some(RelType::Before));
    assert_eq!(promised.title, "Trump promised to end the war in Ukraine");
    assert_eq!(took.title, "Trump took office");
    assert_clean_titles(&a);
}

#[test]
fn titles_do_not_dangle() {
    let text = "Peskov said on Monday that no call had been scheduled. \
                On March 25, the White House announced that both sides had agreed to ensure safe navigation. \
                Kremlin says no date set for next call. He told reporters at a briefing that one could be arranged.";
    let a = run_dated(
        text,
        &[("Monday", "2025-03-31"), ("March 25", "2025-03-25")],
    );
    assert_clean_titles(&a);
    assert_eq!(event(&a, "said").title, "Peskov said");
    assert_eq!(event(&a, "says").title, "Kremlin says");
    assert_eq!(event(&a, "told").title, "He told reporters");
    assert!(event(&a, "agreed")
        .title
        .starts_with("sides agreed to ensure"));
}

#[test]
fn a_participle_opening_a_sentence_is_a_clause_of_its_own() {
    let text = "Elected in 1998, he resigned in 2001. Born in Warsaw, she moved to Paris in \
                1891. Elected officials met.";
    let a = run_dated(
        text,
        &[("1998", "1998"), ("2001", "2001"), ("1891", "1891")],
    );
    let year_of = |e: &eventline::Event| {
        e.anchor
            .as_ref()
            .and_then(|x| x.value.as_ref())
            .map(|v| v.to_string())
    };
    let elected: Vec<_> = a.events.iter().filter(|e| e.text == "Elected").collect();
    assert_eq!(
        elected.len(),
        1,
        "an event, but not the adjective of \"Elected officials\""
    );
    assert_eq!(year_of(elected[0]).as_deref(), Some("1998"));
    assert_eq!(year_of(event(&a, "resigned")).as_deref(), Some("2001"));
    // The main clause's year is not the birth's.
    assert_eq!(timex_links(&a, event(&a, "Born")).count(), 0);
    assert_eq!(year_of(event(&a, "moved")).as_deref(), Some("1891"));
}

#[test]
fn a_subject_led_by_a_noun_of_keeps_its_head() {
    let text = "The siege of Leningrad began. The Battle of Stalingrad lasted five \
                months. Most of them left.";
    let a = run(text, &[], "2025-01-01");
    assert_eq!(event(&a, "began").title, "siege of Leningrad began");
    assert_eq!(
        event(&a, "lasted").title,
        "Battle of Stalingrad lasted five months"
    );
    assert_eq!(event(&a, "left").title, "them left");
    assert_clean_titles(&a);
}

#[test]
fn a_sentence_without_a_date_continues_the_story() {
    let text = "On Tuesday, rebels attacked the town. They burned the market and left.";
    let a = run_dated(text, &[("Tuesday", "2025-03-25")]);
    // The main event is placed on the story's day…
    let burned = event(&a, "burned");
    assert!(matches!(
        burned.anchor.as_ref().map(|x| &x.target),
        Some(AnchorTarget::Timex(_))
    ));
    // …and the next one too, as an inferred placement (the first to give way), which does
    // not become its anchor.
    let left = event(&a, "left");
    let links: Vec<_> = timex_links(&a, left).collect();
    assert!(!links.is_empty(), "left continues Tuesday");
    assert_eq!(links[0].relation, RelType::IsIncluded);
    assert_eq!(links[0].provenance, eventline::Provenance::Inferred);
    assert!(!matches!(
        left.anchor.as_ref().map(|x| &x.target),
        Some(AnchorTarget::Timex(_))
    ));
}

#[test]
fn a_past_perfect_is_before_the_story_time() {
    let text = "On Tuesday, the minister resigned. He had lost the vote.";
    let a = run_dated(text, &[("Tuesday", "2025-03-25")]);
    let lost = event(&a, "lost");
    let links: Vec<_> = timex_links(&a, lost).collect();
    assert_eq!(links.first().map(|l| l.relation), Some(RelType::Before));
}

#[test]
fn a_past_perfect_under_a_dated_statement_is_before_its_date() {
    let text = "On March 25, the White House announced that both sides had agreed to a truce.";
    let a = run_dated(text, &[("March 25", "2025-03-25")]);
    let announced = event(&a, "announced");
    assert_eq!(
        announced.anchor.as_ref().map(|x| x.relation),
        Some(RelType::IsIncluded)
    );
    let agreed = event(&a, "agreed");
    let rels: Vec<RelType> = timex_links(&a, agreed).map(|l| l.relation).collect();
    assert!(rels.iter().all(|&r| r == RelType::Before), "{rels:?}");
}

#[test]
fn attributive_participles_are_no_events() {
    let text = "The two confirmed phone calls and the revised plan were discussed.";
    let a = run(text, &[], "2025-03-31");
    assert!(no_event(&a, "confirmed"));
    assert!(no_event(&a, "revised"));
    // The same word as a verb is an event.
    let text = "The Kremlin confirmed the call.";
    let a = run(text, &[], "2025-03-31");
    assert_eq!(event(&a, "confirmed").class, EventClass::Reporting);
}

#[test]
fn coordinated_verbs_share_the_framing_occasion() {
    let text = "In a weekend interview with NBC News, Trump expressed frustration with the pace \
                of the talks and warned of new tariffs on Russian oil.";
    let weekend = tx(text, "weekend", 0, TimexKind::Date, "2025-W13-WE");
    let a = run(text, &[weekend], "2025-03-31");
    for verb in ["expressed", "warned"] {
        let anchor = event(&a, verb).anchor.as_ref().expect("anchored");
        assert_eq!(
            anchor.value.as_ref().map(|v| v.to_string()).as_deref(),
            Some("2025-W13-WE"),
            "{verb}"
        );
    }
}

#[test]
fn a_relative_clause_shares_the_time_of_its_happening() {
    let text = "The area was hit by a quake in August, which killed one person. Prices rose \
                in May, which surprised analysts.";
    let august = tx(text, "August", 0, TimexKind::Date, "2025-08");
    let may = tx(text, "May", 0, TimexKind::Date, "2025-05");
    let a = run(text, &[august, may], "2025-10-29");
    let killed = event(&a, "killed").anchor.as_ref().expect("anchored");
    assert_eq!(killed.relation, RelType::IsIncluded);
    assert_eq!(
        killed.value.as_ref().map(|v| v.to_string()).as_deref(),
        Some("2025-08")
    );
    // "which" after a verb's clause stands for the clause, not for a noun: no shared time.
    let surprised = event(&a, "surprised");
    assert!(surprised
        .anchor
        .as_ref()
        .is_none_or(|x| x.target == AnchorTarget::Dct));
}

#[test]
fn a_noun_announced_as_ahead_comes_after_the_story_day() {
    let text = "Kremlin says no date set for next Putin-Trump call\nMonday, March 31, 2025\n\n\
                MOSCOW - Nothing was decided.";
    let at = text.find("Monday").expect("date line");
    let day = tx(
        text,
        "Monday, March 31, 2025",
        at,
        TimexKind::Date,
        "2025-03-31",
    );
    let a = run(text, &[day], "2025-03-31");
    let call = event(&a, "call");
    let rels: Vec<RelType> = a
        .links
        .iter()
        .filter(|l| l.source == Endpoint::Event(call.id))
        .map(|l| l.relation)
        .collect();
    assert!(!rels.contains(&RelType::IsIncluded), "{rels:?}");
    assert!(rels.contains(&RelType::After), "{rels:?}");
}

#[test]
fn coordinated_verbs_take_the_first_verbs_subject_in_their_titles() {
    let text = "Trump expressed frustration with the talks and warned of new tariffs. \
                Peskov said he saw no reason to hurry.";
    let a = run(text, &[], "2025-03-31");
    assert_eq!(event(&a, "warned").title, "Trump warned of new tariffs");
    // The subject of what was said is no addressee.
    assert_eq!(event(&a, "said").title, "Peskov said");
}

#[test]
fn informal_lowercase_sentences_are_split() {
    let text = "last nite was crazy lol. we went to the concert on sat and it was great.";
    let s: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
    assert_eq!(s.len(), 2, "{s:?}");
    // Any lowercase word after a mark that closes a lowercase word starts one too.
    let text = "flight was delayed 3 hrs lol. going to the gym tmrw at 6am! my sister is here";
    let s: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
    assert_eq!(s.len(), 3, "{s:?}");
    // Not after an abbreviation or a name: "Deseret Bancorp. for stock".
    let text = "It agreed to acquire Deseret Bancorp. for stock valued at $2 million.";
    assert_eq!(sentences(text).len(), 1);
    // A quoted question followed by its speaker stays one sentence.
    let text = "\"Why?\" he asked. They left.";
    let s: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
    assert_eq!(s, ["\"Why?\" he asked.", "They left."]);
}

#[test]
fn the_get_of_a_passive_is_no_event() {
    let a = run(
        "Her flight got cancelled again, and she got married in June.",
        &[],
        "2025-03-09",
    );
    assert!(no_event(&a, "got"));
    assert!(!no_event(&a, "cancelled"));
    assert!(!no_event(&a, "married"));
    let a = run("He got a call from the minister.", &[], "2025-03-09");
    assert!(!no_event(&a, "got"));
}

#[test]
fn a_sentence_in_the_present_is_not_dated_by_the_last_story_date() {
    let text = "The two leaders spoke on March 18. There are no plans for a new conversation, \
                but officials say one can be organized quickly.";
    let a = run_dated(text, &[("March 18", "2025-03-18")]);
    let spoke = event(&a, "spoke");
    assert_eq!(timex_links(&a, spoke).count(), 1);
    for word in ["plans", "conversation", "say"] {
        let e = event(&a, word);
        assert_eq!(
            timex_links(&a, e).count(),
            0,
            "{word} is not on March 18: {:?}",
            e.anchor
        );
    }
    // Nor is a sentence with only a modal verb.
    let text = "The two leaders spoke on March 18. If necessary, a conversation can be \
                organised quickly.";
    let a = run_dated(text, &[("March 18", "2025-03-18")]);
    assert_eq!(timex_links(&a, event(&a, "conversation")).count(), 0);
    // A sentence told in the past still continues the story.
    let text = "The two leaders spoke on March 18. The conversation lasted two hours.";
    let a = run_dated(text, &[("March 18", "2025-03-18")]);
    assert_eq!(timex_links(&a, event(&a, "lasted")).count(), 1);
}

#[test]
fn an_event_placed_by_an_amount_is_not_on_the_story_day() {
    let text = "The siege ended on 2 February 1943. Within weeks the front collapsed.";
    let txs = [
        tx(text, "2 February 1943", 0, TimexKind::Date, "1943-02-02"),
        tx(text, "weeks", 0, TimexKind::Duration, "PXW"),
    ];
    let a = run(text, &txs, "2009-05-01");
    let collapsed = event(&a, "collapsed");
    assert_eq!(timex_links(&a, collapsed).count(), 1, "{:?}", a.links);
    // Without the amount, the sentence continues the story's day.
    let text = "The siege ended on 2 February 1943. The front collapsed.";
    let a = run_dated(text, &[("2 February 1943", "1943-02-02")]);
    assert_eq!(timex_links(&a, event(&a, "collapsed")).count(), 1);
}

#[test]
fn what_a_statement_reports_is_not_dated_by_a_past_story() {
    let text = "The envoys met on March 20. Peskov said the Kremlin continued to work with \
                Washington.";
    let a = run_dated(text, &[("March 20", "2025-03-20")]);
    assert_eq!(timex_links(&a, event(&a, "met")).count(), 1);
    assert_eq!(timex_links(&a, event(&a, "continued")).count(), 0);
    // Without the statement, the sentence continues the story.
    let text = "The envoys met on March 20. The Kremlin continued to work with Washington.";
    let a = run_dated(text, &[("March 20", "2025-03-20")]);
    assert_eq!(timex_links(&a, event(&a, "continued")).count(), 1);
}

#[test]
fn a_participle_of_saying_shares_its_clause_time() {
    let text = "In an interview on Sunday, Trump expressed frustration, saying he was angry.";
    let a = run_dated(text, &[("Sunday", "2025-03-30")]);
    let saying = event(&a, "saying");
    let anchor = saying
        .anchor
        .as_ref()
        .unwrap_or_else(|| panic!("saying is dated: {saying:?} {:?}", a.links));
    assert!(
        matches!(anchor.target, AnchorTarget::Timex(_)),
        "{anchor:?}"
    );
    assert_eq!(
        anchor.value.as_ref().map(|v| v.to_string()).as_deref(),
        Some("2025-03-30")
    );
}

#[test]
fn a_coarser_date_ends_the_story_day() {
    let text = "The leaders spoke on March 18. In an interview last weekend, Trump expressed \
                anger. He also threatened new tariffs.";
    let a = run_dated(
        text,
        &[("March 18", "2025-03-18"), ("last weekend", "2025-W13-WE")],
    );
    let threatened = event(&a, "threatened");
    let on_march_18 = threatened.anchor.as_ref().is_some_and(
        |x| matches!(&x.target, AnchorTarget::Timex(span) if &text[span.clone()] == "March 18"),
    );
    assert!(!on_march_18, "{:?}", threatened.anchor);
    // Without the weekend in between, the story's day carries over.
    let text = "The leaders spoke on March 18. He also threatened new tariffs.";
    let a = run_dated(text, &[("March 18", "2025-03-18")]);
    let threatened = event(&a, "threatened");
    assert!(
        matches!(
            threatened.anchor.as_ref().map(|x| &x.target),
            Some(AnchorTarget::Timex(_))
        ),
        "{:?}",
        threatened.anchor
    );
}

/// The relation of the event `trigger` to each timex (`needle`, value) of `text`.
fn relations_to(text: &str, timexes: &[(&str, &str)], trigger: &str) -> Vec<(String, RelType)> {
    let a = run_dated(text, timexes);
    let e = event(&a, trigger);
    timex_links(&a, e)
        .filter_map(|l| match &l.target {
            Endpoint::Timex(s) => Some((text[s.clone()].to_string(), l.relation)),
            _ => None,
        })
        .collect()
}

/// A text, its timexes (text, value) and the event they bound.
type RangeCase<'a> = (&'a str, &'a [(&'a str, &'a str)], &'a str);

#[test]
fn a_range_gives_its_start_and_its_end() {
    let cases: &[RangeCase] = &[
        (
            "The strike lasted from March 3 to March 18.",
            &[("March 3", "2025-03-03"), ("March 18", "2025-03-18")],
            "lasted",
        ),
        (
            "The abbey was restored between 1201 and 1215.",
            &[("1201", "1201"), ("1215", "1215")],
            "restored",
        ),
        (
            "The building was bombed on 3–4 May 1941.",
            &[("3", "1941-05-03"), ("4 May 1941", "1941-05-04")],
            "bombed",
        ),
    ];
    for (text, timexes, trigger) in cases {
        let got = relations_to(text, timexes, trigger);
        let want: Vec<(String, RelType)> = vec![
            (timexes[0].0.to_string(), RelType::BegunBy),
            (timexes[1].0.to_string(), RelType::EndedBy),
        ];
        assert_eq!(got, want, "{text}");
    }
    // A "to" with no "from" before it is no range end.
    let text = "The vote was moved to March 18.";
    let a = run(
        text,
        &[tx(text, "March 18", 0, TimexKind::Date, "2025-03-18")],
        "2025-03-10",
    );
    let moved = event(&a, "moved");
    assert!(timex_links(&a, moved).all(|l| l.relation != RelType::EndedBy));
}

#[test]
fn events_at_the_two_ends_of_an_amount_of_time() {
    let text = "The team resumed work on Friday, nearly two months after it was blocked.";
    let a = run(
        text,
        &[
            tx(text, "Friday", 0, TimexKind::Date, "2025-03-28"),
            tx(text, "nearly two months", 0, TimexKind::Duration, "P2M"),
        ],
        "2025-03-31",
    );
    let rel = |word: &str| {
        timex_links(&a, event(&a, word))
            .find(|l| matches!(&l.target, Endpoint::Timex(s) if text[s.clone()].contains("months")))
            .map(|l| l.relation)
    };
    assert_eq!(rel("blocked"), Some(RelType::Begins));
    let text = "Three days later, Germany declared war.";
    let a = run(
        text,
        &[tx(text, "Three days", 0, TimexKind::Duration, "P3D")],
        "2025-03-31",
    );
    assert_eq!(
        timex_links(&a, event(&a, "declared"))
            .map(|l| l.relation)
            .next(),
        Some(RelType::Ends)
    );
}

#[test]
fn a_moved_event_takes_its_new_time() {
    let text = "The vote was postponed until Tuesday.";
    let a = run_dated(text, &[("Tuesday", "2025-04-01")]);
    let vote = event(&a, "vote");
    assert_eq!(
        timex_links(&a, vote).map(|l| l.relation).next(),
        Some(RelType::IsIncluded)
    );
    let postponed = event(&a, "postponed");
    assert_eq!(timex_links(&a, postponed).count(), 0);
    assert_eq!(postponed.dct_relation, Some(RelType::Before));
}

#[test]
fn coordinated_verbs_with_times_of_their_own_keep_them() {
    let text = "She flew out on Tuesday and got back on Thursday.";
    let a = run_dated(
        text,
        &[("Tuesday", "2025-03-25"), ("Thursday", "2025-03-27")],
    );
    let dates = |word: &str| -> Vec<String> {
        timex_links(&a, event(&a, word))
            .filter_map(|l| match &l.target {
                Endpoint::Timex(s) => Some(text[s.clone()].to_string()),
                _ => None,
            })
            .collect()
    };
    assert_eq!(dates("flew"), ["Tuesday"]);
    assert_eq!(dates("got"), ["Thursday"]);
}

#[test]
fn one_verb_on_two_distant_days_is_two_events() {
    let text = "The two presidents have spoken twice this year, on February 12 and March 18.";
    let a = run_dated(
        text,
        &[
            ("this year", "2025"),
            ("February 12", "2025-02-12"),
            ("March 18", "2025-03-18"),
        ],
    );
    let mut days: Vec<String> = a
        .events
        .iter()
        .filter(|e| e.text == "spoken")
        .filter_map(|e| e.anchor.as_ref()?.value.as_ref().map(|v| v.to_string()))
        .collect();
    days.sort();
    // The finer day is the anchor, not "this year".
    assert_eq!(days, ["2025-02-12", "2025-03-18"]);
    // Two consecutive days can be one event: "talks on March 3 and 4".
    let text = "Negotiators met on March 3 and March 4.";
    let a = run_dated(
        text,
        &[("March 3", "2025-03-03"), ("March 4", "2025-03-04")],
    );
    assert_eq!(a.events.iter().filter(|e| e.text == "met").count(), 1);
}

/// The timexes (by text) an event is linked to.
fn linked_times(text: &str, a: &EventAnalysis, word: &str) -> Vec<String> {
    timex_links(a, event(a, word))
        .filter_map(|l| match &l.target {
            Endpoint::Timex(span) => Some(text[span.clone()].to_string()),
            _ => None,
        })
        .collect()
}

#[test]
fn a_time_before_and_belongs_to_the_first_clause() {
    let text = "Jobs resigned as CEO in August 2011 and died on October 5.";
    let a = run_dated(
        text,
        &[("August 2011", "2011-08"), ("October 5", "2011-10-05")],
    );
    assert_eq!(linked_times(text, &a, "resigned"), ["August 2011"]);
    assert_eq!(linked_times(text, &a, "died"), ["October 5"]);
}

#[test]
fn a_coordinated_verb_with_a_time_later_in_its_clause_keeps_it_alone() {
    let text = "The phone was announced on January 9, 2007, at a conference in San Francisco, \
                and released in the United States on June 29, 2007.";
    let a = run_dated(
        text,
        &[
            ("January 9, 2007", "2007-01-09"),
            ("June 29, 2007", "2007-06-29"),
        ],
    );
    assert_eq!(linked_times(text, &a, "announced"), ["January 9, 2007"]);
    assert_eq!(linked_times(text, &a, "released"), ["June 29, 2007"]);
}

#[test]
fn an_old_lead_date_does_not_date_the_later_story() {
    let text = "The phone was announced on January 9, 2007. A new model launched in June 2010. \
                Apple sold 1.7 million.";
    let a = run_dated(
        text,
        &[("January 9, 2007", "2007-01-09"), ("June 2010", "2010-06")],
    );
    assert_eq!(linked_times(text, &a, "sold"), ["June 2010"]);
    // A recent lead still dates the news story's undated events.
    let text = "Talks began on Friday. Officials met in the capital. Nothing was agreed.";
    let a = run_dated(text, &[("Friday", "2025-03-28")]);
    assert_eq!(linked_times(text, &a, "met"), ["Friday"]);
}

#[test]
fn a_passive_title_keeps_its_auxiliary() {
    let text = "She was awarded the Nobel Prize in 1903. He has promised to act.";
    let a = run_dated(text, &[("1903", "1903")]);
    assert_eq!(
        event(&a, "awarded").title,
        "She was awarded the Nobel Prize"
    );
    // An active perfect drops its tense auxiliary.
    assert_eq!(event(&a, "promised").title, "He promised to act");
}

#[test]
fn a_date_after_since_does_not_date_the_story_that_follows() {
    let text = "Arsenal won on Sunday, their first win there since 2006. \
                Saka scored in the first half.";
    let a = run_dated(text, &[("Sunday", "2025-03-30"), ("2006", "2006")]);
    assert_eq!(linked_times(text, &a, "scored"), ["Sunday"]);
}

#[test]
fn a_capitalised_subject_then_a_base_verb_before_an_object() {
    let text = "Arsenal beat Chelsea on Sunday. Ukraine hit the refinery on Monday.";
    let a = run_dated(text, &[("Sunday", "2025-03-30"), ("Monday", "2025-03-31")]);
    let beat = event(&a, "beat");
    assert_eq!(beat.tense, Tense::Past);
    assert_eq!(linked_times(text, &a, "beat"), ["Sunday"]);
    assert_eq!(linked_times(text, &a, "hit"), ["Monday"]);
    // A noun compound before a name stays a noun.
    let text = "Border control Minister Smith said so.";
    let a = run(text, &[], "2025-03-31");
    assert!(no_event(&a, "control"));
}

#[test]
fn titles_name_the_subject_across_an_apposition_and_join_clitics() {
    let text = "Gene Cernan, the last man on the Moon, died in 2017. The first crewed flight, \
                Apollo 7, launched in 1968. Apollo 11 landed in 1969. The head of the team in \
                Richmond, Va., resigned. Schumer has not raised Slepian's death. They can't \
                agree.";
    let a = run_dated(
        text,
        &[("2017", "2017"), ("1968", "1968"), ("1969", "1969")],
    );
    assert_eq!(event(&a, "died").title, "Gene Cernan died");
    assert_eq!(event(&a, "launched").title, "Apollo 7 launched");
    assert_eq!(event(&a, "landed").title, "Apollo 11 landed");
    // A place after a place is no apposition of the subject: no subject rather than "Va.".
    assert!(!event(&a, "resigned").title.contains("Va."));
    assert_eq!(
        event(&a, "raised").title,
        "Schumer not raised Slepian's death"
    );
    assert_eq!(event(&a, "agree").title, "They can not agree");
}

#[test]
fn an_amount_later_moves_the_story_off_the_last_date() {
    let text = "In 1903 she shared the Nobel Prize. Three years later, Pierre was killed in \
                an accident. She succeeded him as professor.";
    let later = tx(text, "Three years", 0, TimexKind::Duration, "P3Y");
    let y1903 = tx(text, "1903", 0, TimexKind::Date, "1903");
    let a = run(text, &[y1903, later], "2026-11-26");
    assert_eq!(linked_times(text, &a, "shared"), ["1903"]);
    // Not in 1903: the story has moved on three years.
    assert!(linked_times(text, &a, "succeeded").is_empty());
}

#[test]
fn a_pronoun_is_the_whole_subject_of_a_title() {
    let text = "During the First World War she developed mobile units. The president himself \
                met the envoy.";
    let a = run(text, &[], "2026-11-26");
    assert_eq!(event(&a, "developed").title, "she developed mobile units");
    assert_eq!(event(&a, "met").title, "president himself met the envoy");
}

/// Word salad from the words the title, apposition, relative-clause and sentence rules react
/// to: every event stays inside the text, on char boundaries, whatever the order.
#[test]
fn word_salad_never_panics() {
    const WORDS: &[&str] = &[
        ",", ",", ".", "!", "🎉", "which", "that", "who", "n't", "ca", "'s", "’s", "himself",
        "she", "The", "the", "quake", "storms", "Apollo", "11", "Smith", "Va.", "died", "killed",
        "proposed", "ended", "by", "in", "August", "1969", "later", "Three", "years", "and", "was",
        "Sept.", "30", "\n", "\n\n", "é", "—",
    ];
    let ex = EventExtractor::new();
    let mut rng = Rng::new(0x2545_F491);
    for _ in 0..400 {
        let len = rng.below(40);
        let text: String = (0..len)
            .map(|_| *rng.pick(WORDS))
            .collect::<Vec<_>>()
            .join(if rng.chance(50) { " " } else { "" });
        let a = ex.extract(&text, &[], Some(&dct("2025-03-31")));
        for e in &a.events {
            for m in e.mentions.iter().chain(std::iter::once(&e.trigger)) {
                assert!(
                    m.start < m.end
                        && m.end <= text.len()
                        && text.is_char_boundary(m.start)
                        && text.is_char_boundary(m.end),
                    "{text:?}"
                );
            }
        }
    }
}

#[test]
fn a_when_clause_after_a_time_is_set_in_it() {
    let text = "Shares have been cut in half since August, when they traded at $30.";
    let a = run_dated(text, &[("August", "2024-08")]);
    let traded = timex_links(&a, event(&a, "traded"))
        .map(|l| l.relation)
        .collect::<Vec<_>>();
    assert_eq!(traded, [RelType::IsIncluded]);
    // The main clause keeps the signal before the time.
    let cut = timex_links(&a, event(&a, "cut"))
        .map(|l| l.relation)
        .collect::<Vec<_>>();
    assert_eq!(cut, [RelType::BegunBy]);
}

#[test]
fn since_then_begins_at_the_last_date() {
    let text = "Nokia bought Alcatel-Lucent in January 2016. Since then, the company has \
                concentrated on network equipment.";
    let a = run_dated(text, &[("January 2016", "2016-01")]);
    let rels: Vec<RelType> = timex_links(&a, event(&a, "concentrated"))
        .map(|l| l.relation)
        .collect();
    assert_eq!(rels, [RelType::BegunBy]);
}

#[test]
fn a_subordinate_clause_keeps_its_time() {
    let text = "The company lost ground after Apple introduced the iPhone in 2007.";
    let a = run_dated(text, &[("2007", "2007")]);
    assert_eq!(linked_times(text, &a, "introduced"), ["2007"]);
    assert!(linked_times(text, &a, "lost").is_empty());
}

#[test]
fn a_past_event_is_not_inside_a_time_after_the_document_date() {
    let text = "Maresca said the team would bounce back on Wednesday.";
    let a = run(
        text,
        &[tx(text, "Wednesday", 0, TimexKind::Date, "2025-11-12")],
        "2025-11-10",
    );
    let said = event(&a, "said");
    assert_eq!(said.dct_relation, Some(RelType::Before));
    assert!(said
        .anchor
        .as_ref()
        .is_none_or(|x| x.target == AnchorTarget::Dct));
}
