//! Public API guarantees: thread safety of every public type, serde round trips, and a
//! shared tagger used from several threads.

use eventline::{
    Amount, Anchor, AnchorTarget, Annotation, Aspect, Bounds, Certainty, Comparison, Contradiction,
    DateValue, Dct, DctSource, DocKind, Document, DocumentError, DurationUnit, DurationValue,
    Endpoint, Event, EventAnalysis, EventClass, EventExtractor, EventId, EventSpec, Explanation,
    Extractor, Gap, Granularity, Interval, Link, Mention, MentionPair, MergeConflict, MergeReport,
    Neighbours, Node, OrderEntry, PairTarget, PartOfDay, Polarity, Provenance, RefValue, RelType,
    Relation, ReportEvent, ReportGap, Season, Step, Tagger, Tense, TimeKind, TimeNode, TimeOfDay,
    Timeline, TimelineError, TimelineEvent, TimelineReport, Timex, TimexKind, TimexMod, TimexValue,
    ValueError, WindowHit,
};

fn send_sync<T: Send + Sync>() {}

#[test]
fn public_types_are_send_and_sync() {
    send_sync::<Tagger>();
    send_sync::<Document>();
    send_sync::<Dct>();
    send_sync::<DctSource>();
    send_sync::<DocKind>();
    send_sync::<Timex>();
    send_sync::<TimexKind>();
    send_sync::<TimexMod>();
    send_sync::<TimexValue>();
    send_sync::<DateValue>();
    send_sync::<TimeOfDay>();
    send_sync::<PartOfDay>();
    send_sync::<Season>();
    send_sync::<DurationValue>();
    send_sync::<DurationUnit>();
    send_sync::<Amount>();
    send_sync::<RefValue>();
    send_sync::<Interval>();
    send_sync::<Granularity>();
    send_sync::<Event>();
    send_sync::<EventClass>();
    send_sync::<RelType>();
    send_sync::<Tense>();
    send_sync::<Aspect>();
    send_sync::<Polarity>();
    send_sync::<Anchor>();
    send_sync::<AnchorTarget>();
    send_sync::<Annotation>();
    send_sync::<Link>();
    send_sync::<Endpoint>();
    send_sync::<Provenance>();
    send_sync::<ValueError>();
    send_sync::<DocumentError>();
    // Event extraction, the pipeline and the timeline.
    send_sync::<EventExtractor>();
    send_sync::<EventAnalysis>();
    send_sync::<Extractor>();
    send_sync::<MentionPair>();
    send_sync::<PairTarget>();
    send_sync::<Timeline>();
    send_sync::<TimelineError>();
    send_sync::<TimelineEvent>();
    send_sync::<TimelineReport>();
    send_sync::<Bounds>();
    send_sync::<Certainty>();
    send_sync::<Comparison>();
    send_sync::<Contradiction>();
    send_sync::<EventId>();
    send_sync::<EventSpec>();
    send_sync::<Explanation>();
    send_sync::<Gap>();
    send_sync::<Mention>();
    send_sync::<MergeConflict>();
    send_sync::<MergeReport>();
    send_sync::<Neighbours>();
    send_sync::<Node>();
    send_sync::<OrderEntry>();
    send_sync::<Relation>();
    send_sync::<ReportEvent>();
    send_sync::<ReportGap>();
    send_sync::<Step>();
    send_sync::<TimeKind>();
    send_sync::<TimeNode>();
    send_sync::<WindowHit>();
}

fn dct(s: &str) -> Dct {
    Dct::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn round_trip(t: &Timex) -> Timex {
    let json = serde_json::to_string(t).expect("serialize");
    serde_json::from_str(&json).unwrap_or_else(|e| panic!("{json}: {e}"))
}

#[test]
fn timex_serde_round_trip_by_hand() {
    let t = Timex {
        span: 3..13,
        kind: TimexKind::Date,
        value: "2024".parse().expect("value"),
        modifier: Some(TimexMod::Start),
        quant: None,
        freq: None,
    };
    let json = serde_json::to_value(&t).expect("serialize");
    // Type, value and mod serialize as their TIMEX3 strings.
    assert_eq!(json["kind"], "DATE");
    assert_eq!(json["value"], "2024");
    assert_eq!(json["modifier"], "START");
    assert_eq!(round_trip(&t), t);

    let set = Timex {
        span: 0..11,
        kind: TimexKind::Set,
        value: "XXXX-WXX-1".parse().expect("value"),
        modifier: None,
        quant: Some("EACH".to_string()),
        freq: Some("2X".to_string()),
    };
    let json = serde_json::to_value(&set).expect("serialize");
    assert_eq!(json["kind"], "SET");
    assert!(json.get("modifier").is_none());
    assert_eq!(round_trip(&set), set);

    let bad = r#"{"span":{"start":0,"end":4},"kind":"DATE","value":"2025-02-30"}"#;
    assert!(serde_json::from_str::<Timex>(bad).is_err());
}

#[test]
fn tagged_timexes_survive_serde() {
    let text = "On March 18, 2025, talks began; early 2024 was calm. The council meets \
                every week and the strike lasted 34 days. The minister spoke this morning.";
    let doc = Document::new(text).with_dct(dct("2025-03-31"));
    let timexes = Tagger::new().tag(&doc);
    assert!(timexes.len() >= 4, "{timexes:?}");
    let kinds: Vec<TimexKind> = timexes.iter().map(|t| t.kind).collect();
    for kind in [TimexKind::Date, TimexKind::Duration, TimexKind::Set] {
        assert!(kinds.contains(&kind), "no {kind} in {timexes:?}");
    }
    for t in &timexes {
        assert_eq!(&round_trip(t), t);
    }
    let json = serde_json::to_string(&timexes).expect("serialize");
    let back: Vec<Timex> = serde_json::from_str(&json).expect("deserialize");
    assert_eq!(back, timexes);
}

#[test]
fn document_serde_round_trip() {
    let doc = Document::new("Prices rose yesterday.")
        .with_dct(dct("1998-02-27T08:17:00"))
        .with_kind(DocKind::News);
    let json = serde_json::to_string(&doc).expect("serialize");
    let back: Document = serde_json::from_str(&json).expect("deserialize");
    assert_eq!(back, doc);
}

#[test]
fn a_week_of_the_story_does_not_make_a_history_news() {
    let history = "On 3 May 1941 the fleet sailed. The following week the survivors were \
        landed. He died in 1960. His memoirs appeared in 1962.";
    let doc = Document::new(history).with_dct(dct("2024-01-01"));
    assert_eq!(doc.kind(), DocKind::Narrative);
    // "this week" points at the time of writing.
    let news = "On 3 May 1941 the fleet sailed. This week the survivors were honoured. He \
        died in 1960. His memoirs appeared in 1962.";
    let doc = Document::new(news).with_dct(dct("2024-01-01"));
    assert_eq!(doc.kind(), DocKind::News);
    // The pipeline reads the kind from the tagger's tokens, with the same result.
    pipeline_agrees(&[(history, DocKind::Narrative), (news, DocKind::News)]);
}

/// The pipeline's kind of each text (read from the tagger's tokens) is the given one.
fn pipeline_agrees(cases: &[(&str, DocKind)]) {
    let extractor = eventline::Extractor::new();
    for &(text, kind) in cases {
        let doc = Document::new(text).with_dct(dct("2024-01-01"));
        assert_eq!(extractor.extract(&doc).kind, kind, "{text}");
    }
}

#[test]
fn one_tagger_serves_many_threads() {
    let tagger = Tagger::new();
    let texts = [
        ("The leaders met on February 12 in Riyadh.", "2025-02-12"),
        ("Exports rose last month.", "2025-02"),
        ("The firm was founded three years ago.", "2022"),
        ("The project took three years.", "P3Y"),
    ];
    let expected: Vec<Vec<Timex>> = texts
        .iter()
        .map(|(text, _)| tagger.tag(&Document::new(*text).with_dct(dct("2025-03-31"))))
        .collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..4)
            .map(|worker| {
                let tagger = &tagger;
                let texts = &texts;
                scope.spawn(move || {
                    let mut out = Vec::new();
                    for round in 0..25 {
                        let (text, _) = texts[(worker + round) % texts.len()];
                        let doc = Document::new(text).with_dct(dct("2025-03-31"));
                        out.push(((worker + round) % texts.len(), tagger.tag(&doc)));
                    }
                    out
                })
            })
            .collect();
        for h in handles {
            for (i, got) in h.join().expect("worker panicked") {
                assert_eq!(got, expected[i]);
            }
        }
    });
    for ((_, value), got) in texts.iter().zip(&expected) {
        assert!(
            got.iter().any(|t| t.value.to_string() == *value),
            "{value} not in {got:?}"
        );
    }
}

#[test]
fn tagger_default_matches_new() {
    let doc = Document::new("The talks will resume tomorrow.").with_dct(dct("2000-01-05"));
    let a = Tagger::new().tag(&doc);
    let b = Tagger::default().tag(&doc);
    assert_eq!(a, b);
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].text(doc.text()), "tomorrow");
    assert_eq!(a[0].value.to_string(), "2000-01-06");
}

#[test]
fn a_document_tags_the_same_after_any_other_on_the_same_thread() {
    // Buffers are kept by each thread between documents: what a document gives must not
    // depend on what the thread read before.
    let long: String = "On Monday, March 3, officials met for three hours. Prices rose 5% last \
                        year and 2,000 people marched on Friday night.\n"
        .repeat(4000);
    let short = Document::new("The vote was moved to Wednesday, 10 days after the strike.")
        .with_dct(dct("2025-03-31"));
    let tagger = Tagger::new();
    let extractor = Extractor::new();
    let fresh = std::thread::spawn(move || {
        (
            Tagger::new().tag(
                &Document::new("The vote was moved to Wednesday, 10 days after the strike.")
                    .with_dct(dct("2025-03-31")),
            ),
            serde_json::to_string(
                &Extractor::new().extract(
                    &Document::new("The vote was moved to Wednesday, 10 days after the strike.")
                        .with_dct(dct("2025-03-31")),
                ),
            )
            .expect("serializes"),
        )
    })
    .join()
    .expect("thread runs");
    let _ = tagger.tag(&Document::new(long.as_str()).with_dct(dct("2025-03-31")));
    let _ = extractor.extract(&Document::new(long.as_str()).with_dct(dct("2025-03-31")));
    assert_eq!(tagger.tag(&short), fresh.0);
    assert_eq!(
        serde_json::to_string(&extractor.extract(&short)).expect("serializes"),
        fresh.1
    );
}

#[test]
fn a_weekday_that_opens_a_date_does_not_make_a_history_news() {
    let history = "The fire burned from Sunday, 2 September to Wednesday, 5 September 1666. \
        The cathedral was rebuilt between 1675 and 1711.";
    let doc = Document::new(history).with_dct(dct("2024-01-01"));
    assert_eq!(doc.kind(), DocKind::Narrative);
    // A bare weekday still points at the time of writing.
    let news = "The fire burned on Sunday and Wednesday. The cathedral was rebuilt between \
        1675 and 1711.";
    let doc = Document::new(news).with_dct(dct("2024-01-01"));
    assert_eq!(doc.kind(), DocKind::News);
    pipeline_agrees(&[(history, DocKind::Narrative), (news, DocKind::News)]);
}
