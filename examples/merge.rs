//! One story, two articles: builds the timeline of each, brings them together and merges the
//! events both report.
//!
//! ```text
//! cargo run --release --example merge -- [FILE_A FILE_B]
//! ```
//!
//! Without files, the two bundled articles on the Putin–Trump calls
//! (`examples/data/sample_article.txt`, `examples/data/second_article.txt`).

use std::path::Path;
use std::process::ExitCode;

use eventline::{Document, Extractor, Timeline, TimelineError};

const SAMPLE_A: &str = include_str!("data/sample_article.txt");
const SAMPLE_B: &str = include_str!("data/second_article.txt");

fn article(extractor: &Extractor, id: &str, text: &str) -> Result<Timeline, TimelineError> {
    let annotation = extractor.extract(&Document::new(text));
    let mut t = Timeline::new();
    t.add_annotation(id, &annotation)?;
    Ok(t)
}

fn main() -> ExitCode {
    let files: Vec<String> = std::env::args().skip(1).collect();
    let inputs: Vec<(String, String)> = match files.as_slice() {
        [] => vec![
            ("sample_article".into(), SAMPLE_A.into()),
            ("second_article".into(), SAMPLE_B.into()),
        ],
        [a, b] => {
            let mut out = Vec::new();
            for path in [a, b] {
                match std::fs::read_to_string(path) {
                    Ok(t) => out.push((
                        Path::new(path)
                            .file_stem()
                            .map_or_else(|| path.clone(), |s| s.to_string_lossy().into_owned()),
                        t,
                    )),
                    Err(e) => {
                        eprintln!("{path}: {e}");
                        return ExitCode::FAILURE;
                    }
                }
            }
            out
        }
        _ => {
            eprintln!("usage: merge [FILE_A FILE_B]");
            return ExitCode::from(2);
        }
    };
    let extractor = Extractor::new();
    let mut story = Timeline::new();
    for (id, text) in &inputs {
        let t = match article(&extractor, id, text) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{id}: {e}");
                return ExitCode::FAILURE;
            }
        };
        println!("{id}: {} events", t.len());
        if let Err(e) = story.absorb(&t) {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    }
    let before = story.len();
    let report = story.merge_duplicates();
    println!(
        "\nMerged {} events reported by both articles ({} -> {} events):",
        report.merged.len(),
        before,
        story.len()
    );
    for (kept, absorbed) in &report.merged {
        if let Some(e) = story.event(kept) {
            let value = e.value.as_ref().map_or("undated".into(), |v| v.to_string());
            println!(
                "  {kept} + {absorbed}: {} ({value}), {} mentions in {}",
                e.title,
                e.mentions.len(),
                e.docs.join(", ")
            );
        }
    }
    if !report.conflicts.is_empty() {
        println!("\nSame event, dates that disagree:");
        for c in &report.conflicts {
            let show = |v: &Option<eventline::TimexValue>| {
                v.as_ref().map_or("undated".to_string(), |v| v.to_string())
            };
            let title = |id: &eventline::EventId| {
                story.event(id).map_or(String::new(), |e| e.title.clone())
            };
            println!(
                "  {} ({}, {}) vs {} ({}, {})",
                c.a,
                title(&c.a),
                show(&c.a_value),
                c.b,
                title(&c.b),
                show(&c.b_value)
            );
        }
    }
    let dated = story.dated_report();
    println!("\nThe story, dated events in order:");
    for (k, e) in dated.events.iter().enumerate() {
        if k > 0 {
            if let Some(g) = dated.gaps.iter().find(|g| g.to == e.id) {
                match &g.max {
                    Some(max) if *max == g.min => println!("      +{}", g.min),
                    Some(max) => println!("      +{} to {}", g.min, max),
                    None => println!("      +{} or more", g.min),
                }
            }
        }
        let value = e.value.clone().unwrap_or_default();
        println!(
            "  {value:<12} {}  [{}; {}]",
            e.title,
            e.id,
            e.docs.join(", ")
        );
    }
    ExitCode::SUCCESS
}
