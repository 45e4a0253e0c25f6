//! Acceptance: an article dated only in its header, with two calls on two dates in one
//! sentence, a weekend interview, and statements on the article's date.

use eventline::{
    mention_pairs, AnchorTarget, DctSource, Document, Event, Extractor, PairTarget, Polarity,
    RelType,
};

const ARTICLE: &str = include_str!("data/events/calls_article.txt");

/// An expected event: its trigger and, when anchored, (anchor text, relation, value).
type Expected<'a> = (&'a str, Option<(&'a str, RelType, &'a str)>);
/// The same, owned, as found.
type Found = (String, Option<(String, RelType, String)>);

fn anchor_of(text: &str, e: &Event) -> (String, RelType, String) {
    let a = e
        .anchor
        .as_ref()
        .unwrap_or_else(|| panic!("{} has no anchor", e.text));
    let target = match &a.target {
        AnchorTarget::Timex(r) => text[r.clone()].to_string(),
        AnchorTarget::Dct => "DCT".to_string(),
    };
    let value = a
        .value
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default();
    (target, a.relation, value)
}

#[test]
fn the_article_becomes_dated_events() {
    let doc = Document::new(ARTICLE);
    let dct = doc.dct().expect("date found in the header");
    assert_eq!(dct.date.to_string(), "2025-03-31");
    assert_eq!(dct.source, DctSource::Header);

    let ann = Extractor::new().extract(&doc);
    let text = doc.text();
    for e in &ann.events {
        assert!(e.trigger.end <= text.len());
        assert!(e.mentions.iter().all(|m| m.end <= text.len()));
    }

    // Every event, in text order, with its anchor: (trigger, anchor text, relation, value).
    use RelType::*;
    let expected: &[Expected] = &[
        ("says", Some(("DCT", IsIncluded, "2025-03-31"))),
        ("call", None),
        ("planned", Some(("DCT", Includes, "2025-03-31"))),
        ("calls", Some(("February 12", IsIncluded, "2025-02-12"))),
        ("another", Some(("March 18", IsIncluded, "2025-03-18"))),
        ("interview", Some(("weekend", IsIncluded, "2025-W13-WE"))),
        ("expressed", Some(("weekend", IsIncluded, "2025-W13-WE"))),
        ("talks", None),
        ("said", Some(("DCT", IsIncluded, "2025-03-31"))),
        ("call", None),
        ("scheduled", Some(("DCT", Before, "2025-03-31"))),
        ("told", Some(("DCT", IsIncluded, "2025-03-31"))),
        ("briefing", Some(("DCT", IsIncluded, "2025-03-31"))),
        ("lasted", Some(("more than two hours", During, "PT2H"))),
    ];
    let got: Vec<Found> = ann
        .events
        .iter()
        .map(|e| {
            (
                e.text.clone(),
                e.anchor.as_ref().map(|_| anchor_of(text, e)),
            )
        })
        .collect();
    let want: Vec<Found> = expected
        .iter()
        .map(|(t, a)| {
            (
                t.to_string(),
                a.map(|(x, r, v)| (x.to_string(), r, v.to_string())),
            )
        })
        .collect();
    assert_eq!(got, want);

    // The two calls: two events of one sentence, each with its own date, both between the
    // two presidents.
    let calls: Vec<&Event> = ann
        .events
        .iter()
        .filter(|e| e.title == "phone call between President Putin and President Trump")
        .collect();
    assert_eq!(calls.len(), 2);
    for c in &calls {
        assert_eq!(c.participants, ["President Putin", "President Trump"]);
        assert_eq!(c.dct_relation, Some(Before));
    }
    // "the March 18 call" later in the article is the second call, not a new event.
    let march = calls[1];
    let later = ARTICLE.rfind("call lasted").expect("in the article");
    assert!(
        march.mentions.iter().any(|m| m.start == later),
        "{:?}",
        march.mentions
    );
    assert_eq!(
        ann.events
            .iter()
            .filter(|e| e.trigger.start == later)
            .count(),
        0
    );

    // The weekend interview, with NBC News; Trump spoke in it.
    let interview = ann
        .events
        .iter()
        .find(|e| e.text == "interview")
        .expect("interview");
    assert_eq!(interview.title, "interview with NBC News");
    assert!(interview.participants.iter().any(|p| p == "NBC News"));

    // Peskov's statement is dated at the article's date, and the unplanned call is negated.
    let said = ann.events.iter().find(|e| e.text == "said").expect("said");
    assert!(said.participants.iter().any(|p| p == "Dmitry Peskov"));
    let negated: Vec<&str> = ann
        .events
        .iter()
        .filter(|e| e.polarity == Polarity::Neg)
        .map(|e| e.text.as_str())
        .collect();
    assert_eq!(negated, ["call", "call"]);

    // The relations as the evaluation reads them: each call with its own date.
    let pairs = mention_pairs(&ann);
    for (c, day) in calls.iter().zip(["February 12", "March 18"]) {
        assert!(pairs.iter().any(|p| p.source == c.trigger
            && matches!(&p.target, PairTarget::Timex(r) if &text[r.clone()] == day)
            && p.relation == IsIncluded));
        assert!(pairs
            .iter()
            .any(|p| p.source == c.trigger && p.target == PairTarget::Dct));
    }
}

#[test]
fn the_extractor_is_shareable() {
    fn shareable<T: Send + Sync>() {}
    shareable::<Extractor>();
}

/// The bundled sample article: a relative clause with its own date, a trailing ", Peskov
/// said.", an expected event in mid-April, and readable titles throughout.
#[test]
fn the_sample_article_is_anchored_by_clause() {
    const SAMPLE: &str = include_str!("../examples/data/sample_article.txt");
    let doc = Document::new(SAMPLE);
    let ann = Extractor::new().extract(&doc);
    let text = doc.text();
    let find = |word: &str, after: &str| {
        let from = text.find(after).expect("context in the sample");
        ann.events
            .iter()
            .find(|e| e.text == word && e.trigger.start >= from)
            .unwrap_or_else(|| panic!("{word} after {after:?}"))
    };
    let anchored_to = |e: &Event| e.anchor.as_ref().map(|_| anchor_of(text, e).0);

    // "Trump, who took office on January 20, has promised…": the date is the clause's.
    let took = find("took", "who took");
    assert_eq!(anchored_to(took).as_deref(), Some("January 20"));
    let promised = find("promised", "has promised");
    assert_ne!(anchored_to(promised).as_deref(), Some("January 20"));
    assert_eq!(promised.dct_relation, Some(RelType::Before));
    assert!(promised.title.contains("promised to end the war"));
    assert!(promised.participants.iter().any(|p| p == "Trump"));

    // "A new round of technical talks is expected in mid-April, Peskov said.": the talks
    // are in mid-April; Peskov said it on the article's date.
    let talks = find("talks", "technical talks");
    assert_eq!(anchored_to(talks).as_deref(), Some("mid-April"));
    let said = find("said", "mid-April");
    assert_eq!(anchored_to(said).as_deref(), Some("DCT"));
    assert_eq!(said.title, "Peskov said");
    let expected = find("expected", "is expected");
    assert_ne!(anchored_to(expected).as_deref(), Some("mid-April"));

    // "Peskov said on Monday that…": dated Monday, titled without the preposition.
    let monday = find("said", "Dmitry Peskov");
    assert_eq!(monday.title, "Kremlin spokesman Dmitry Peskov said");

    // No title ends in a preposition, "to", an article, a conjunction or an auxiliary.
    for e in &ann.events {
        let last = e.title.rsplit(' ').next().unwrap_or("").to_lowercase();
        assert!(
            !matches!(
                last.as_str(),
                "to" | "of"
                    | "in"
                    | "on"
                    | "at"
                    | "for"
                    | "with"
                    | "the"
                    | "a"
                    | "and"
                    | "has"
                    | "had"
                    | "is"
                    | "was"
                    | "be"
                    | "been"
                    | "could"
            ),
            "{:?}",
            e.title
        );
        assert!(e.title.split(' ').count() <= 8, "{:?}", e.title);
    }
}
