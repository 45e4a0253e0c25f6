//! Asks the timeline of a story the questions an editor would: what came first and how sure
//! that is, why, how long between events, what happened in a window, what surrounds an event.
//!
//! ```text
//! cargo run --release --example gaps -- [FILE]
//! ```
//!
//! Without FILE, the bundled sample article (`examples/data/sample_article.txt`).

use std::process::ExitCode;

use chrono::{Duration, NaiveDate};
use eventline::{Document, EventId, Extractor, Timeline};

const SAMPLE: &str = include_str!("data/sample_article.txt");

/// The first event dated by exactly this value.
fn dated(t: &Timeline, value: &str) -> Option<EventId> {
    t.dated_by(value).into_iter().next()
}

fn title(t: &Timeline, id: &EventId) -> String {
    t.event(id).map_or_else(String::new, |e| e.title.clone())
}

fn main() -> ExitCode {
    let text = match std::env::args().nth(1) {
        Some(path) => match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{path}: {e}");
                return ExitCode::FAILURE;
            }
        },
        None => SAMPLE.to_string(),
    };
    let annotation = Extractor::new().extract(&Document::new(text));
    let mut t = Timeline::new();
    if let Err(e) = t.add_annotation("story", &annotation) {
        eprintln!("{e}");
        return ExitCode::FAILURE;
    }

    // Order questions, with how sure the answer is and why.
    let mut pairs: Vec<(EventId, EventId)> =
        [("2025-02-12", "2025-03-18"), ("2025-W13-WE", "2025-03-31")]
            .into_iter()
            .filter_map(|(x, y)| Some((dated(&t, x)?, dated(&t, y)?)))
            .collect();
    // And two events the text gives the same date: their order is only possible.
    let report = t.dated_report();
    if let Some(k) = report.events.iter().position(|e| e.tied) {
        pairs.push((report.events[k - 1].id.clone(), report.events[k].id.clone()));
    }
    for (a, b) in pairs {
        let value = |id: &EventId| {
            report
                .events
                .iter()
                .find(|e| &e.id == id)
                .and_then(|e| e.value.clone())
                .unwrap_or_default()
        };
        let (x, y) = (value(&a), value(&b));
        if let (Ok(why), Ok(gap)) = (t.explain(&a, &b), t.gap(&a, &b)) {
            println!(
                "Did \"{}\" ({x}) happen before \"{}\" ({y})? {}; from one start to the other: {gap}",
                title(&t, &a),
                title(&t, &b),
                why.certainty
            );
            for step in &why.steps {
                println!("    because {step}");
            }
        }
    }

    // Gaps.
    println!("\nLargest gaps between consecutive events:");
    for g in t.largest_gaps(3) {
        println!("  {g}: {} -> {}", title(&t, &g.from), title(&t, &g.to));
    }
    println!("\nGaps that are or may be longer than four weeks:");
    for (g, sure) in t.gaps_longer_than(Duration::weeks(4)) {
        println!(
            "  {g} ({sure}): {} -> {}",
            title(&t, &g.from),
            title(&t, &g.to)
        );
    }

    // Windows.
    let day = |m, d| NaiveDate::from_ymd_opt(2025, m, d);
    if let (Some(from), Some(to)) = (day(2, 1), day(3, 20)) {
        println!("\nWhat happened between {from} and {to}:");
        for hit in t.between(from, to) {
            println!("  {} ({}) [{}]", title(&t, &hit.id), hit.certainty, hit.id);
        }
    }
    if let Some(d) = day(3, 31) {
        println!("\nOn {d}:");
        for hit in t.on(d) {
            println!("  {} ({})", title(&t, &hit.id), hit.certainty);
        }
    }

    // Around one event.
    if let Some(call) = dated(&t, "2025-03-18") {
        println!("\nAround \"{}\":", title(&t, &call));
        if let Ok(n) = t.neighbours(&call, 2) {
            for id in &n.before {
                println!("  before: {}", title(&t, id));
            }
            for id in &n.after {
                println!("  after:  {}", title(&t, id));
            }
        }
        if let Ok(hits) = t.before_event(&call) {
            let sure = hits
                .iter()
                .filter(|h| h.certainty == eventline::Certainty::Definite);
            println!("  {} events surely happened before it", sure.count());
        }
    }

    let contradictions = t.contradictions();
    if !contradictions.is_empty() {
        println!(
            "\n{} contradiction(s) in the relations; for instance:",
            contradictions.len()
        );
        for s in &contradictions[0].steps {
            println!("  {s}");
        }
    }
    ExitCode::SUCCESS
}
