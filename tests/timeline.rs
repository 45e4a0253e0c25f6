//! Timeline queries on hand-built events and annotations.

mod common;

use chrono::{NaiveDate, NaiveDateTime};
use common::Rng;
use eventline::{
    Anchor, AnchorTarget, Annotation, Aspect, Certainty, Dct, DocKind, Endpoint, Event, EventClass,
    EventSpec, Link, LocalEventId, Polarity, Provenance, RelType, Tense, Timeline, TimelineError,
    Timex, TimexKind, TimexMod, TimexValue,
};

fn v(s: &str) -> TimexValue {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
    day(y, m, d).and_hms_opt(h, 0, 0).unwrap()
}

/// The story of the sample article, by hand.
fn story() -> Timeline {
    let mut t = Timeline::new();
    let ev = |id: &str, title: &str| EventSpec::new(id, title);
    t.add_event(ev("call1", "first Putin–Trump call").on(v("2025-02-12")))
        .unwrap();
    t.add_event(ev("call2", "second Putin–Trump call").on(v("2025-03-18")))
        .unwrap();
    t.add_event(ev("talks", "talks in March").on(v("2025-03")))
        .unwrap();
    t.add_event(ev("interview", "NBC interview").on(v("2025-W13-WE")))
        .unwrap();
    t.add_event(ev("peskov", "Peskov statement").on(v("2025-03-31")))
        .unwrap();
    t
}

#[test]
fn two_calls_are_ordered_and_34_days_apart() {
    let t = story();
    assert_eq!(t.before("call1", "call2").unwrap(), Certainty::Definite);
    assert_eq!(t.before("call2", "call1").unwrap(), Certainty::Impossible);
    assert_eq!(
        t.relation("call2", RelType::After, "call1").unwrap(),
        Certainty::Definite
    );
    let g = t.gap("call1", "call2").unwrap();
    assert!(g.is_exact() && g.in_days());
    assert_eq!(g.to_string(), "P34D");
    assert_eq!(g.min().unwrap().num_days(), 34);
    assert_eq!(g.order, Certainty::Definite);
}

#[test]
fn month_against_day_is_only_possible() {
    let t = story();
    assert_eq!(t.before("talks", "call2").unwrap(), Certainty::Possible);
    assert_eq!(t.before("call2", "talks").unwrap(), Certainty::Possible);
    assert_eq!(t.before("call1", "talks").unwrap(), Certainty::Definite);
    let c = t.compare("talks", "call2").unwrap();
    assert_eq!(c.before, Certainty::Possible);
    assert_eq!(c.after, Certainty::Possible);
    assert_eq!(c.definite(), None);
    // From the call on Feb 12 to a start somewhere in March: 17 to 47 days.
    let g = t.gap("call1", "talks").unwrap();
    assert!(!g.is_exact());
    assert_eq!(
        (g.min().unwrap().num_days(), g.max().unwrap().num_days()),
        (17, 47)
    );
}

#[test]
fn weekend_and_dct_day() {
    let t = story();
    let b = t.bounds("interview").unwrap();
    assert_eq!(b.earliest_start.unwrap(), at(2025, 3, 29, 0));
    assert_eq!(b.latest_end.unwrap(), at(2025, 3, 31, 0));
    assert_eq!(
        t.before("interview", "peskov").unwrap(),
        Certainty::Definite
    );
    assert_eq!(t.gap("call2", "peskov").unwrap().to_string(), "P13D");
    // From a weekend to a day: one or two days.
    assert_eq!(
        t.gap("interview", "peskov").unwrap().to_string(),
        "P1D..P2D"
    );
}

#[test]
fn modifiers_narrow_or_widen() {
    let mut t = story();
    t.add_event(EventSpec::new("early", "early March").on_mod(v("2025-03"), TimexMod::Start))
        .unwrap();
    t.add_event(EventSpec::new("late", "late March").on_mod(v("2025-03"), TimexMod::End))
        .unwrap();
    t.add_event(EventSpec::new("prior", "before 2025").on_mod(v("2025"), TimexMod::Before))
        .unwrap();
    t.add_event(
        EventSpec::new("approx", "around March 18").on_mod(v("2025-03-18"), TimexMod::Approx),
    )
    .unwrap();
    assert_eq!(t.before("early", "call2").unwrap(), Certainty::Definite);
    assert_eq!(t.before("call2", "late").unwrap(), Certainty::Definite);
    assert_eq!(t.before("prior", "call1").unwrap(), Certainty::Definite);
    assert!(t.bounds("prior").unwrap().earliest_start.is_none());
    let b = t.bounds("approx").unwrap();
    assert!(b.earliest_start.unwrap() < at(2025, 3, 18, 0));
    assert!(b.latest_end.unwrap() > at(2025, 3, 19, 0));
}

#[test]
fn every_reltype_is_entailed_with_its_inverse() {
    for rel in RelType::ALL {
        let mut t = Timeline::new();
        t.add_event(EventSpec::new("a", "a")).unwrap();
        t.add_event(EventSpec::new("b", "b")).unwrap();
        t.relate("a", rel, "b").unwrap();
        assert_eq!(
            t.relation("a", rel, "b").unwrap(),
            Certainty::Definite,
            "{rel}"
        );
        assert_eq!(
            t.relation("b", rel.inverse(), "a").unwrap(),
            Certainty::Definite,
            "{rel} inverse"
        );
        assert!(t.contradictions().is_empty(), "{rel}");
    }
}

#[test]
fn relations_place_undated_events() {
    let mut t = story();
    t.add_event(EventSpec::new("meeting", "meeting")).unwrap();
    t.relate("meeting", RelType::After, "call1").unwrap();
    t.relate("meeting", RelType::Before, "call2").unwrap();
    let b = t.bounds("meeting").unwrap();
    assert_eq!(
        b.earliest_start.unwrap(),
        at(2025, 2, 12, 0) + chrono::Duration::seconds(1)
    );
    assert!(b.latest_end.unwrap() < at(2025, 3, 19, 0));
    // The meeting is between the calls, so before the interview too, by a chain.
    assert_eq!(
        t.before("meeting", "interview").unwrap(),
        Certainty::Definite
    );
    let why = t.explain("call1", "meeting").unwrap();
    assert_eq!(why.certainty, Certainty::Definite);
    assert!(why
        .steps
        .iter()
        .any(|s| s.relation == "AFTER" && s.provenance == Some(Provenance::User)));
    // Durations: "two weeks later".
    t.add_event(EventSpec::new("deal", "deal")).unwrap();
    t.later("call1", "deal", v("P2W"), None).unwrap();
    assert_eq!(t.gap("call1", "deal").unwrap().to_string(), "P14D");
    assert_eq!(
        t.bounds("deal").unwrap().earliest_start.unwrap().date(),
        day(2025, 2, 26)
    );
    // An event lasting three days from the second call.
    t.add_event(EventSpec::new("visit", "state visit").duration(v("P3D")))
        .unwrap();
    t.relate("visit", RelType::BegunBy, "call2").unwrap();
    let b = t.bounds("visit").unwrap();
    assert_eq!(b.earliest_end.unwrap().date(), day(2025, 3, 21));
}

#[test]
fn unrelated_undated_events_are_unknown() {
    let mut t = Timeline::new();
    t.add_event(EventSpec::new("x", "x")).unwrap();
    t.add_event(EventSpec::new("y", "y")).unwrap();
    assert_eq!(t.before("x", "y").unwrap(), Certainty::Unknown);
    let order = t.chronological();
    assert!(order.iter().all(|o| !o.dated));
    assert!(t.gaps().is_empty());
}

#[test]
fn contradictions_are_reported_with_their_relations() {
    let mut t = Timeline::new();
    for id in ["a", "b", "c"] {
        t.add_event(EventSpec::new(id, id)).unwrap();
    }
    t.relate_with("a", RelType::Before, "b", Provenance::Stated)
        .unwrap();
    t.relate_with("b", RelType::Before, "c", Provenance::Stated)
        .unwrap();
    t.relate_with("c", RelType::Before, "a", Provenance::Inferred)
        .unwrap();
    let c = t.contradictions();
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].steps.len(), 3);
    let aside = c[0].set_aside.as_ref().unwrap();
    assert_eq!(aside.provenance, Some(Provenance::Inferred));
    assert!(aside.source.starts_with("c "));
    // What remains is consistent and usable.
    assert_eq!(t.before("a", "c").unwrap(), Certainty::Definite);

    // Two dates that cannot both hold.
    let mut t = story();
    t.anchor("call1", RelType::IsIncluded, v("2025-03-18"), None)
        .unwrap();
    let c = t.contradictions();
    assert_eq!(c.len(), 1);
    assert!(c[0].steps.iter().any(|s| s.target == "2025-02-12"));
    assert!(c[0].steps.iter().any(|s| s.target == "2025-03-18"));
    assert!(t.report().contradictions.len() == 1);
}

#[test]
fn unknown_ids_and_bad_values_are_errors() {
    let mut t = story();
    assert!(matches!(
        t.relate("call1", RelType::Before, "nope"),
        Err(TimelineError::UnknownEvent(_))
    ));
    assert!(matches!(
        t.before("nope", "call1"),
        Err(TimelineError::UnknownEvent(_))
    ));
    assert!(t.gap("call1", "nope").is_err());
    assert!(t.explain("nope", "call1").is_err());
    assert!(t.neighbours("nope", 1).is_err());
    assert!(matches!(
        t.add_event(EventSpec::new("call1", "again")),
        Err(TimelineError::DuplicateEvent(_))
    ));
    assert!(matches!(
        t.add_event(EventSpec::new("z", "z").on(v("XXXX-02-12"))),
        Err(TimelineError::NotADate(_))
    ));
    assert!(matches!(
        t.later("call1", "call2", v("PXD"), None),
        Err(TimelineError::NotADuration(_))
    ));
    assert!(t.anchor("call1", RelType::Before, v("P3D"), None).is_err());
}

fn event(id: &str, trigger: std::ops::Range<usize>, text: &str) -> Event {
    Event {
        id: id.parse().expect("an event id"),
        trigger: trigger.clone(),
        text: text.into(),
        class: EventClass::Occurrence,
        tense: Tense::Past,
        aspect: Aspect::None,
        polarity: Polarity::Pos,
        modality: None,
        title: format!("{text} ({id})"),
        participants: vec!["Putin".into(), "Trump".into()],
        anchor: None,
        dct_relation: None,
        mentions: vec![trigger],
    }
}

fn timex(span: std::ops::Range<usize>, value: &str) -> Timex {
    Timex {
        span,
        kind: TimexKind::Date,
        value: v(value),
        modifier: None,
        quant: None,
        freq: None,
    }
}

fn anchored(mut e: Event, span: std::ops::Range<usize>) -> Event {
    e.anchor = Some(Anchor {
        target: AnchorTarget::Timex(span),
        relation: RelType::IsIncluded,
        value: None,
    });
    e
}

#[test]
fn annotations_use_anchors_tense_and_links() {
    let mut said = event("e3", 60..64, "said");
    said.class = EventClass::Reporting;
    said.participants = vec!["Peskov".into()];
    said.dct_relation = Some(RelType::Before);
    said.anchor = Some(Anchor {
        target: AnchorTarget::Dct,
        relation: RelType::IsIncluded,
        value: Some(v("2025-03-31")),
    });
    let mut summit = event("e4", 70..76, "summit");
    summit.tense = Tense::Future;
    summit.dct_relation = Some(RelType::After);
    let mut resumed = event("e5", 80..87, "resumed");
    resumed.dct_relation = Some(RelType::Before);
    let ann = Annotation {
        dct: Some(Dct::parse("2025-03-31").unwrap()),
        kind: DocKind::News,
        timexes: vec![timex(10..21, "2025-02-12"), timex(30..38, "2025-03-18")],
        events: vec![
            anchored(event("e1", 0..5, "call"), 10..21),
            anchored(event("e2", 25..29, "call"), 30..38),
            said,
            summit,
            resumed,
        ],
        links: vec![Link {
            source: Endpoint::Event("e5".parse().unwrap()),
            target: Endpoint::Event("e2".parse().unwrap()),
            relation: RelType::After,
            provenance: Provenance::Stated,
        }],
    };
    let mut t = Timeline::new();
    let ids = t.add_annotation("nbc", &ann).unwrap();
    assert_eq!(ids.len(), 5);
    assert_eq!(t.gap("nbc:e1", "nbc:e2").unwrap().to_string(), "P34D");
    assert_eq!(t.before("nbc:e3", "nbc:e4").unwrap(), Certainty::Definite);
    assert_eq!(t.before("nbc:e2", "nbc:e5").unwrap(), Certainty::Definite);
    assert_eq!(t.before("nbc:e5", "nbc:e4").unwrap(), Certainty::Definite);
    let b = t.bounds("nbc:e5").unwrap();
    assert!(b.latest_end.unwrap() <= at(2025, 4, 1, 0));
    let why = t.explain("nbc:e2", "nbc:e5").unwrap();
    assert!(why
        .steps
        .iter()
        .any(|s| s.provenance == Some(Provenance::Stated) && s.doc.as_deref() == Some("nbc")));
    let report = t.report();
    let said = report
        .events
        .iter()
        .find(|e| e.id.as_str() == "nbc:e3")
        .unwrap();
    assert_eq!(said.value.as_deref(), Some("2025-03-31"));
    assert_eq!(report.documents["nbc"].as_deref(), Some("2025-03-31"));
    assert!(t.contradictions().is_empty());
}

#[test]
fn dangling_links_fail_without_side_effects() {
    let ann = Annotation {
        dct: None,
        kind: DocKind::News,
        timexes: vec![timex(10..21, "2025-02-12")],
        events: vec![anchored(event("e1", 0..5, "call"), 10..21)],
        links: vec![Link {
            source: Endpoint::Event("e1".parse().unwrap()),
            target: Endpoint::Event("e9".parse().unwrap()),
            relation: RelType::Before,
            provenance: Provenance::Stated,
        }],
    };
    let mut t = Timeline::new();
    assert!(matches!(
        t.add_annotation("d", &ann),
        Err(TimelineError::DanglingLink { .. })
    ));
    assert!(t.is_empty());
    let mut ann2 = ann.clone();
    ann2.links[0].target = Endpoint::Timex(99..100);
    assert!(t.add_annotation("d", &ann2).is_err());
    ann2.links.clear();
    t.add_annotation("d", &ann2).unwrap();
    assert_eq!(t.len(), 1);
    ann2.events.push(ann2.events[0].clone());
    assert!(matches!(
        t.add_annotation("d2", &ann2),
        Err(TimelineError::DuplicateEvent(_))
    ));
}

#[test]
fn chronological_order_gaps_and_windows() {
    let t = story();
    let order = t.chronological();
    let ids: Vec<&str> = order.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids, ["call1", "talks", "call2", "interview", "peskov"]);
    assert_eq!(order[1].after_previous, Certainty::Definite);
    assert_eq!(order[2].after_previous, Certainty::Possible);
    let gaps = t.gaps();
    assert_eq!(gaps.len(), 4);
    assert!(gaps.iter().all(|g| g.min().unwrap().num_seconds() >= 0));
    let largest = t.largest_gaps(1);
    assert_eq!(largest[0].from.as_str(), "call1");
    let long = t.gaps_longer_than(chrono::Duration::days(20));
    assert_eq!(long.len(), 1);
    assert!(long
        .iter()
        .any(|(g, c)| g.to.as_str() == "talks" && *c == Certainty::Possible));

    let hits = t.between(day(2025, 2, 1), day(2025, 3, 20));
    let found: Vec<(&str, Certainty)> = hits.iter().map(|h| (h.id.as_str(), h.certainty)).collect();
    assert_eq!(
        found,
        [
            ("call1", Certainty::Definite),
            ("talks", Certainty::Possible),
            ("call2", Certainty::Definite)
        ]
    );
    let on = t.on(day(2025, 3, 30));
    let found: Vec<&str> = on.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(found, ["talks", "interview"]);
    let within = t.within(at(2025, 3, 1, 0), at(2025, 4, 1, 0));
    assert!(within
        .iter()
        .any(|h| h.id.as_str() == "talks" && h.certainty == Certainty::Definite));
    assert!(!within.iter().any(|h| h.id.as_str() == "call1"));

    let before: Vec<(String, Certainty)> = t
        .before_event("call2")
        .unwrap()
        .into_iter()
        .map(|h| (h.id.to_string(), h.certainty))
        .collect();
    assert_eq!(
        before,
        [
            ("call1".to_string(), Certainty::Definite),
            ("talks".to_string(), Certainty::Possible)
        ]
    );
    let after: Vec<String> = t
        .after_event("call2")
        .unwrap()
        .into_iter()
        .map(|h| h.id.to_string())
        .collect();
    assert_eq!(after, ["talks", "interview", "peskov"]);
    let n = t.neighbours("call2", 1).unwrap();
    assert_eq!(
        (n.before[0].as_str(), n.after[0].as_str()),
        ("talks", "interview")
    );
}

#[test]
fn clock_times_count_hours_and_long_gaps_count_days() {
    let mut t = Timeline::new();
    t.add_event(EventSpec::new("a", "a").on(v("2025-03-18T09:00")))
        .unwrap();
    t.add_event(EventSpec::new("b", "b").on(v("2025-03-19T15:00")))
        .unwrap();
    let g = t.gap("a", "b").unwrap();
    assert!(!g.in_days());
    assert_eq!(g.to_string(), "P1DT6H");
    assert!(g.is_exact());
    let mut t = Timeline::new();
    t.add_event(EventSpec::new("a", "a").on(v("2015-09-28")))
        .unwrap();
    t.add_event(EventSpec::new("b", "b").on(v("2025-03-18")))
        .unwrap();
    let days = (day(2025, 3, 18) - day(2015, 9, 28)).num_days();
    assert_eq!(t.gap("a", "b").unwrap().to_string(), format!("P{days}D"));
}

#[test]
fn serde_round_trip_is_lossless() {
    let mut t = story();
    t.add_event(EventSpec::new("m", "meeting")).unwrap();
    t.relate("m", RelType::After, "call1").unwrap();
    t.later("call2", "m", v("P2D"), Some(TimexMod::Approx))
        .unwrap();
    let json = serde_json::to_string(&t).unwrap();
    let back: Timeline = serde_json::from_str(&json).unwrap();
    assert_eq!(serde_json::to_string(&back).unwrap(), json);
    assert_eq!(back.report(), t.report());
    assert_eq!(back.bounds("m").unwrap(), t.bounds("m").unwrap());
    assert!(serde_json::from_str::<Timeline>(r#"{"documents":{},"nodes":[],"relations":[{"from":0,"to":1,"rel":"BEFORE","provenance":"user"}]}"#).is_err());
    assert!(serde_json::from_str::<Timeline>("[1,2]").is_err());
}

#[test]
fn exports_keep_granularity() {
    let t = story();
    let items = t.to_vis_items();
    let talks = items
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "talks")
        .unwrap();
    assert_eq!(talks["start"], "2025-03-01");
    assert_eq!(talks["end"], "2025-04-01");
    assert_eq!(talks["title"], "2025-03");
    let we = items
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "interview")
        .unwrap();
    assert_eq!(
        (we["start"].as_str(), we["end"].as_str()),
        (Some("2025-03-29"), Some("2025-03-31"))
    );
    let js = t.to_timelinejs();
    let talks = js["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["unique_id"] == "talks")
        .unwrap();
    assert_eq!(talks["display_date"], "2025-03");
    assert!(talks["start_date"].get("day").is_none());
    let call = js["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["unique_id"] == "call1")
        .unwrap();
    assert_eq!(call["start_date"]["day"], 12);
    let report = serde_json::to_value(t.report()).unwrap();
    assert_eq!(report["events"][0]["value"], "2025-02-12");
    assert_eq!(report["events"][1]["granularity"], "month");
    assert_eq!(report["gaps"][0]["from"], "call1");
}

#[test]
fn same_story_from_two_articles_merges() {
    let mk = |doc: &str, id: &str, day: &str| {
        EventSpec::new(id, "phone call between Putin and Trump")
            .trigger("call")
            .class(EventClass::Occurrence)
            .participants(["Vladimir Putin", "Donald Trump"])
            .doc(doc)
            .on(v(day))
    };
    let mut a = Timeline::new();
    a.add_event(mk("a", "a:1", "2025-02-12")).unwrap();
    a.add_event(mk("a", "a:2", "2025-03-18")).unwrap();
    let mut b = Timeline::new();
    b.add_event(
        mk("b", "b:1", "2025-03")
            .trigger("called")
            .participants(["Putin"]),
    )
    .unwrap();
    b.add_event(mk("b", "b:2", "2025-02-14")).unwrap();
    b.add_event(
        EventSpec::new("b:3", "missile strike")
            .trigger("strike")
            .doc("b")
            .on(v("2025-03-18")),
    )
    .unwrap();
    a.absorb(&b).unwrap();
    assert!(a.absorb(&b).is_err());
    let report = a.merge_duplicates();
    assert_eq!(report.merged.len(), 1, "{report:?}");
    assert_eq!(
        (report.merged[0].0.as_str(), report.merged[0].1.as_str()),
        ("a:2", "b:1")
    );
    let merged = a.event("b:1").unwrap();
    assert_eq!(merged.id.as_str(), "a:2");
    assert_eq!(merged.docs, ["a", "b"]);
    assert_eq!(a.len(), 4);
    assert_eq!(report.conflicts.len(), 1);
    assert_eq!(report.conflicts[0].b.as_str(), "b:2");
    assert_eq!(report.conflicts[0].a_value, Some(v("2025-02-12")));
    // Queries by the absorbed id still work.
    assert_eq!(a.before("a:1", "b:1").unwrap(), Certainty::Definite);
}

#[test]
fn no_panic_on_random_relations() {
    let rels = RelType::ALL;
    let values = [
        "2025-03-18",
        "2025-03",
        "2025-W13-WE",
        "2024",
        "2025-Q1",
        "PAST_REF",
        "199",
    ];
    let mut rng = Rng::new(0x9e37_79b9);
    let mut next = |n: usize| rng.below(n);
    for round in 0..20 {
        let mut t = Timeline::new();
        let n = 12;
        for i in 0..n {
            let mut spec = EventSpec::new(format!("e{i}"), "x");
            if next(2) == 0 {
                if let Ok(val) = values[next(values.len())].parse::<TimexValue>() {
                    if val.interval().is_some() {
                        spec = spec.anchored(rels[next(rels.len())], val);
                    }
                }
            }
            t.add_event(spec).unwrap();
        }
        for _ in 0..(round + 5) {
            let (a, b) = (next(n), next(n));
            t.relate(format!("e{a}"), rels[next(rels.len())], format!("e{b}"))
                .unwrap();
        }
        let _ = t.chronological();
        let _ = t.gaps();
        let _ = t.contradictions();
        let _ = t.report();
        let _ = t.to_timelinejs();
        for a in 0..n {
            for b in 0..n {
                let (a, b) = (format!("e{a}"), format!("e{b}"));
                let _ = t.compare(&a, &b).unwrap();
                let _ = t.explain(&a, &b).unwrap();
                let _ = t.gap(&a, &b).unwrap();
            }
        }
        // After the set-aside relations, bounds never cross.
        for e in t.events() {
            let b = t.bounds(&e.id).unwrap();
            if let (Some(x), Some(y)) = (b.earliest_start, b.latest_start) {
                assert!(x <= y, "round {round}: {}", e.id);
            }
        }
    }
}

#[test]
fn timeline_is_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Timeline>();
}

#[test]
fn no_panic_on_random_annotations() {
    let rels = RelType::ALL;
    let values = [
        "2025-03-18",
        "2025-03",
        "2025-W13-WE",
        "2024",
        "2025-Q1",
        "PAST_REF",
        "FUTURE_REF",
        "PRESENT_REF",
        "199",
        "19",
        "XXXX-02-12",
        "P2W",
        "PXY",
        "XXXX-WXX-1",
        "2025-03-18T15:00",
        "2025-03-18TNI",
        "-0044-03-15",
        "9999-12-31",
        "0001-01-01",
        "2025-SU",
        "2025-H2",
    ];
    let mods = [
        None,
        Some(TimexMod::Start),
        Some(TimexMod::Mid),
        Some(TimexMod::End),
        Some(TimexMod::Before),
        Some(TimexMod::After),
        Some(TimexMod::Approx),
        Some(TimexMod::LessThan),
        Some(TimexMod::MoreThan),
    ];
    let mut rng = Rng::new(0x1234_5678_9abc_def1);
    let mut next = |n: usize| rng.below(n.max(1));
    let mut all = Timeline::new();
    for doc in 0..30 {
        let n_timex = next(5);
        let timexes: Vec<Timex> = (0..n_timex)
            .map(|k| Timex {
                span: k * 10..k * 10 + 5,
                kind: TimexKind::Date,
                value: v(values[next(values.len())]),
                modifier: mods[next(mods.len())],
                quant: None,
                freq: None,
            })
            .collect();
        let n_ev = 1 + next(8);
        let events: Vec<Event> = (0..n_ev)
            .map(|k| {
                let mut e = event(&format!("e{k}"), 100 + k..101 + k, "call");
                e.participants = if next(2) == 0 {
                    vec!["Putin".into()]
                } else {
                    vec![]
                };
                e.anchor = match next(4) {
                    0 if n_timex > 0 => Some(Anchor {
                        target: AnchorTarget::Timex(timexes[next(n_timex)].span.clone()),
                        relation: rels[next(rels.len())],
                        value: None,
                    }),
                    1 => Some(Anchor {
                        target: AnchorTarget::Dct,
                        relation: rels[next(rels.len())],
                        value: if next(2) == 0 {
                            Some(v("2025-03-31"))
                        } else {
                            None
                        },
                    }),
                    _ => None,
                };
                e.dct_relation = if next(2) == 0 {
                    Some(rels[next(rels.len())])
                } else {
                    None
                };
                e
            })
            .collect();
        let endpoint = |r: usize, next: &mut dyn FnMut(usize) -> usize| match r {
            0 => Endpoint::Dct,
            1 if n_timex > 0 => Endpoint::Timex(timexes[next(n_timex)].span.clone()),
            _ => Endpoint::Event(LocalEventId::new(next(n_ev) as u32)),
        };
        let mut links = Vec::new();
        for _ in 0..next(10) {
            let (a, b) = (next(4), next(4));
            links.push(Link {
                source: endpoint(a, &mut next),
                target: endpoint(b, &mut next),
                relation: rels[next(rels.len())],
                provenance: Provenance::Stated,
            });
        }
        let dct = match next(3) {
            0 => None,
            1 => Some(Dct::parse("2025-03-31").unwrap()),
            _ => Some(Dct::parse("2025-03-31T08:17:00").unwrap()),
        };
        let ann = Annotation {
            dct,
            kind: DocKind::News,
            timexes,
            events,
            links,
        };
        let mut t = Timeline::new();
        t.add_annotation(&format!("d{doc}"), &ann).unwrap();
        let _ = t.report();
        let _ = t.dated_report();
        let _ = t.to_vis_items();
        let _ = t.to_timelinejs();
        let _ = t.contradictions();
        let ids: Vec<String> = t.events().map(|e| e.id.to_string()).collect();
        for a in &ids {
            let _ = t.bounds(a).unwrap();
            let _ = t.before_event(a).unwrap();
            let _ = t.after_event(a).unwrap();
            let _ = t.neighbours(a, 2).unwrap();
            for b in &ids {
                let _ = t.compare(a, b).unwrap();
                let _ = t.explain(a, b).unwrap();
                let _ = t.gap(a, b).unwrap();
            }
        }
        let json = serde_json::to_string(&t).unwrap();
        let back: Timeline = serde_json::from_str(&json).unwrap();
        assert_eq!(back.report(), t.report());
        all.absorb(&t).unwrap();
    }
    let _ = all.merge_duplicates();
    let _ = all.chronological();
    let _ = all.gaps();
    let _ = all.between(day(2025, 1, 1), day(2025, 12, 31));
}

#[test]
fn a_set_aside_anchor_no_longer_dates_its_event() {
    // "…is expected in mid-April, Peskov said": the date attached to the past-tense "said".
    let mut said = event("e1", 0..4, "said");
    said.class = EventClass::Reporting;
    said.dct_relation = Some(RelType::Before);
    said.anchor = Some(Anchor {
        target: AnchorTarget::Timex(10..19),
        relation: RelType::IsIncluded,
        value: None,
    });
    let mut ann = Annotation {
        dct: Some(Dct::parse("2025-03-31").unwrap()),
        kind: DocKind::News,
        timexes: vec![timex(10..19, "2025-04")],
        events: vec![said],
        links: vec![],
    };
    ann.timexes[0].modifier = Some(TimexMod::Mid);
    let mut t = Timeline::new();
    t.add_annotation("d", &ann).unwrap();
    let c = t.contradictions();
    assert_eq!(c.len(), 1);
    let aside = c[0].set_aside.as_ref().unwrap();
    assert_eq!(aside.provenance, Some(Provenance::Anchor));
    // Tense wins: the report happened before the article was written.
    assert!(t.bounds("d:e1").unwrap().latest_end.unwrap() <= at(2025, 4, 1, 0));
    let report = t.report();
    assert_ne!(report.events[0].value.as_deref(), Some("2025-04"));
    assert!(t.dated_report().events.is_empty());
}

#[test]
fn denied_events_stay_out_of_the_dated_report() {
    use eventline::Polarity;
    let mut t = story();
    t.add_event(
        EventSpec::new("no-call", "no call on Monday")
            .polarity(Polarity::Neg)
            .on(v("2025-03-31")),
    )
    .unwrap();
    assert!(t.event("no-call").unwrap().is_negated());
    let dated = t.dated_report();
    assert!(dated.events.iter().all(|e| e.id.as_str() != "no-call"));
    let all = t.report();
    assert!(all
        .events
        .iter()
        .any(|e| e.id.as_str() == "no-call" && e.negated));
}
