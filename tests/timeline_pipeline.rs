//! The timeline of the bundled articles, built with the whole pipeline.

use eventline::{Certainty, Document, Extractor, Timeline};

const SAMPLE: &str = include_str!("../examples/data/sample_article.txt");
const SECOND: &str = include_str!("../examples/data/second_article.txt");

fn build(id: &str, text: &str) -> Timeline {
    let mut t = Timeline::new();
    t.add_document(&Extractor::new(), id, &Document::new(text))
        .expect("an article always builds");
    t
}

/// The value of the first event of the report whose title contains `title`.
fn value_of(report: &eventline::TimelineReport, title: &str) -> Option<String> {
    report
        .events
        .iter()
        .find(|e| e.title.contains(title))
        .and_then(|e| e.value.clone())
}

#[test]
fn sample_article_gives_the_two_calls_34_days_apart() {
    let t = build("sample", SAMPLE);
    let report = t.dated_report();
    assert_eq!(report.documents["sample"].as_deref(), Some("2025-03-31"));
    let pos = |v: &str| {
        report
            .events
            .iter()
            .position(|e| e.value.as_deref() == Some(v))
    };
    let (a, b) = (pos("2025-02-12").unwrap(), pos("2025-03-18").unwrap());
    assert_eq!(b, a + 1, "nothing the article dates lies between the calls");
    let gap = report
        .gaps
        .iter()
        .find(|g| g.from == report.events[a].id && g.to == report.events[b].id)
        .unwrap();
    assert_eq!(
        (gap.min.as_str(), gap.max.as_deref()),
        ("P34D", Some("P34D"))
    );
    assert_eq!(gap.order, Certainty::Definite);
    // Peskov spoke on the article's date; the weekend, July 2018 and mid-April keep their
    // granularity.
    assert!(pos("2025-03-31").is_some());
    let july = report
        .events
        .iter()
        .find(|e| e.value.as_deref() == Some("2018-07"))
        .unwrap();
    assert_eq!(
        (july.earliest.as_deref(), july.latest.as_deref()),
        (Some("2018-07-01"), Some("2018-07-31"))
    );
    // Chronological: earliest starts never go down.
    let starts: Vec<&str> = report
        .events
        .iter()
        .filter_map(|e| e.earliest.as_deref())
        .collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]), "{starts:?}");
    // Each gap joins consecutive events.
    for (k, g) in report.gaps.iter().enumerate() {
        assert_eq!(
            (&g.from, &g.to),
            (&report.events[k].id, &report.events[k + 1].id)
        );
    }
}

#[test]
fn report_json_has_the_fixed_fields() {
    let t = build("sample", SAMPLE);
    let json = serde_json::to_value(t.dated_report()).unwrap();
    let events = json["events"].as_array().unwrap();
    assert!(events.len() >= 5);
    for e in events {
        assert!(e["id"].is_string() && e["title"].is_string() && e["value"].is_string());
    }
    for g in json["gaps"].as_array().unwrap() {
        assert!(g["from"].is_string() && g["to"].is_string());
        let min = g["min"].as_str().unwrap();
        assert!(min.starts_with('P') && min.ends_with('D'), "{min}");
    }
    // The whole timeline survives a round trip through JSON.
    let s = serde_json::to_string(&t).unwrap();
    let back: Timeline = serde_json::from_str(&s).unwrap();
    assert_eq!(back.dated_report(), t.dated_report());
}

#[test]
fn two_articles_merge_and_disagree_on_a_date() {
    let mut story = build("a", SAMPLE);
    story.absorb(&build("b", SECOND)).unwrap();
    let before = story.len();
    let report = story.merge_duplicates();
    assert!(!report.merged.is_empty());
    assert_eq!(story.len(), before - report.merged.len());
    let (kept, gone) = &report.merged[0];
    let e = story.event(gone).unwrap();
    assert_eq!(&e.id, kept);
    assert_eq!(e.docs, ["a", "b"]);
    assert_eq!(
        e.value.as_ref().map(|v| v.to_string()).as_deref(),
        Some("2025-03-18")
    );
    let c = report
        .conflicts
        .iter()
        .find(|c| c.b_value.as_ref().map(|v| v.to_string()).as_deref() == Some("2025-02-11"))
        .expect("the first call is dated February 11 by one article, February 12 by the other");
    assert_eq!(
        c.a_value.as_ref().map(|v| v.to_string()).as_deref(),
        Some("2025-02-12")
    );
}

#[test]
fn an_amount_of_time_later_dates_the_event_from_the_last_day() {
    let text = "On 7 December 1941, Japanese aircraft attacked Pearl Harbor. The next day, \
                the United States declared war on Japan. Three days later Germany declared \
                war on the United States. Two weeks earlier, the envoys had met in Washington.";
    let t = build("history", text);
    let report = t.dated_report();
    let value_of = |title: &str| value_of(&report, title);
    assert_eq!(value_of("Germany declared").as_deref(), Some("1941-12-11"));
    assert_eq!(
        value_of("United States declared").as_deref(),
        Some("1941-12-08")
    );
    // "Two weeks earlier" is a date of its own, at the granularity of its unit.
    assert_eq!(value_of("envoys").as_deref(), Some("1941-W48"));
}

#[test]
fn an_amount_of_time_from_a_coarser_date_gives_no_day() {
    // "Two years later" after a bare year: no day can be derived, not even from the day
    // named before that year.
    let text = "On 2 August 216 BC Hannibal won at Cannae. In 204 BC Scipio landed in Africa. \
                Two years later he defeated Hannibal at Zama.";
    let t = build("punic", text);
    let report = t.dated_report();
    assert!(report
        .events
        .iter()
        .filter(|e| e.title.contains("defeated"))
        .all(|e| e.value.as_deref().is_none_or(|v| !v.contains("-"))));
    // It is the year two years on: 202 BC.
    let defeated = report.events.iter().find(|e| e.title.contains("defeated"));
    assert_eq!(
        defeated.and_then(|e| e.value.as_deref()),
        Some("BC0202"),
        "{report:?}"
    );
}

#[test]
fn an_amount_of_years_or_months_later_dates_the_event_in_that_year_or_month() {
    let text = "In 1703 he became court musician in Weimar. Four years later he married Maria \
                Barbara. In May 1723 he moved to Leipzig. Three months later he fell ill.";
    let t = build("bach", text);
    let report = t.dated_report();
    let value_of = |title: &str| value_of(&report, title);
    assert_eq!(value_of("married").as_deref(), Some("1707"));
    assert_eq!(value_of("fell").as_deref(), Some("1723-08"));
}

#[test]
fn an_amount_after_an_unnamed_event_does_not_move_a_dated_event() {
    // "sixty-one years after her death": counted from the death, not from 1995, the event's
    // own year.
    let text = "She died in Passy on 4 July 1934. Her remains were moved to the Pantheon in \
                1995, sixty-one years after her death.";
    let t = build("curie", text);
    let report = t.dated_report();
    assert_eq!(
        value_of(&report, "moved").as_deref(),
        Some("1995"),
        "{report:?}"
    );
    assert!(t.contradictions().is_empty(), "{:?}", t.contradictions());
}

#[test]
fn an_event_begun_and_ended_by_months_starts_and_ends_inside_them() {
    // December 2007 to June 2009 is 18 months only if the recession starts and ends
    // somewhere inside those months, not at their first and last instants.
    let text = "The recession lasted 18 months, from December 2007 to June 2009.";
    let t = build("recession", text);
    assert!(t.contradictions().is_empty(), "{:?}", t.contradictions());
    let report = t.report();
    let lasted = report
        .events
        .iter()
        .find(|e| e.title.contains("lasted"))
        .expect("the recession is an event");
    let b = t.bounds(lasted.id.as_str()).expect("known event");
    let day = |y, m, d| {
        chrono::NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap()
    };
    assert!(b.earliest_start >= Some(day(2007, 12, 1)), "{b:?}");
    assert!(b.latest_start <= Some(day(2008, 1, 1)), "{b:?}");
    assert!(b.earliest_end >= Some(day(2009, 6, 1)), "{b:?}");
    assert!(b.latest_end <= Some(day(2009, 7, 1)), "{b:?}");
}

#[test]
fn an_amount_after_an_event_is_not_counted_from_the_last_date() {
    // "A decade after the collapse": from the collapse to the debate, not from 2013.
    let text = "By 2013, home prices had recovered. A decade after the collapse, regulators \
                were still debating the rules.";
    let t = build("crisis", text);
    let report = t.dated_report();
    assert!(value_of(&report, "collapse").is_none(), "{report:?}");
    assert!(value_of(&report, "debating").is_none(), "{report:?}");
}
