//! Prints the timeline of a news article: its dated events in chronological order, each date at
//! the granularity the text gives it, with the gaps between them.
//!
//! ```text
//! cargo run --release --example timeline -- [FILE] [--dct YYYY-MM-DD] [--json] [--all]
//! ```
//!
//! Without FILE, the bundled sample article (`examples/data/sample_article.txt`). `--dct` sets
//! the document date (otherwise it is read from the article's header). `--json` prints the
//! report as JSON: `events` in chronological order (each with `id`, `title`, `value`, the
//! TIMEX3 value that dates it), `gaps` between consecutive events (`from`, `to`, `min`, `max`
//! as ISO 8601 durations) and `contradictions`. `--all` also lists events the text does not
//! date (they are used for ordering either way), each with the days its bounds allow when they
//! are known (`2007-12-01..2009-07-01` for "lasted from December 2007 to June 2009").

use std::path::Path;
use std::process::ExitCode;

use eventline::{Certainty, Dct, Document, Extractor, Timeline, TimelineReport};

const SAMPLE: &str = include_str!("data/sample_article.txt");

struct Args {
    file: Option<String>,
    dct: Option<Dct>,
    json: bool,
    all: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        file: None,
        dct: None,
        json: false,
        all: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--json" => args.json = true,
            "--all" => args.all = true,
            "--dct" => {
                let v = it.next().ok_or("--dct needs a date (YYYY-MM-DD)")?;
                args.dct = Some(Dct::parse(&v).map_err(|e| e.to_string())?);
            }
            "-h" | "--help" => {
                return Err("usage: timeline [FILE] [--dct YYYY-MM-DD] [--json] [--all]".into())
            }
            _ if a.starts_with("--") => return Err(format!("unknown option {a}")),
            _ if args.file.is_none() => args.file = Some(a),
            _ => return Err(format!("unexpected argument {a}")),
        }
    }
    Ok(args)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let (doc_id, text) = match &args.file {
        Some(path) => match std::fs::read_to_string(path) {
            Ok(t) => (
                Path::new(path)
                    .file_stem()
                    .map_or_else(|| "doc".to_string(), |s| s.to_string_lossy().into_owned()),
                t,
            ),
            Err(e) => {
                eprintln!("{path}: {e}");
                return ExitCode::FAILURE;
            }
        },
        None => ("sample_article".to_string(), SAMPLE.to_string()),
    };
    let mut doc = Document::new(text);
    if let Some(d) = args.dct {
        doc = doc.with_dct(d);
    }
    if doc.dct().is_none() {
        eprintln!(
            "no document date given or found in the header: relative dates stay unresolved \
             (pass --dct YYYY-MM-DD)"
        );
    }
    let annotation = Extractor::new().extract(&doc);
    let mut timeline = Timeline::new();
    if let Err(e) = timeline.add_annotation(&doc_id, &annotation) {
        eprintln!("{e}");
        return ExitCode::FAILURE;
    }
    let report = if args.all {
        timeline.report()
    } else {
        timeline.dated_report()
    };
    if args.json {
        match serde_json::to_string_pretty(&report) {
            Ok(s) => println!("{s}"),
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        print_text(&doc_id, &report, &timeline);
    }
    ExitCode::SUCCESS
}

fn print_text(doc_id: &str, report: &TimelineReport, timeline: &Timeline) {
    let total = timeline.len();
    let label = |e: &eventline::ReportEvent| date_label(e, timeline);
    let dct = report
        .documents
        .get(doc_id)
        .cloned()
        .flatten()
        .unwrap_or_else(|| "unknown".to_string());
    println!(
        "{doc_id} (dated {dct}): {} events in order, {} in all",
        report.events.len(),
        total
    );
    println!();
    let width = report
        .events
        .iter()
        .map(|e| label(e).chars().count())
        .max()
        .unwrap_or(10)
        .max(10);
    for (k, e) in report.events.iter().enumerate() {
        if k > 0 {
            if let Some(g) = report.gaps.iter().find(|g| g.to == e.id) {
                let span = match &g.max {
                    Some(max) if *max == g.min => format!("+{}", g.min),
                    Some(max) => format!("+{} to {}", g.min, max),
                    None => format!("+{} or more", g.min),
                };
                let note = match (e.tied, g.order) {
                    (true, _) => "  (same date, order unknown)",
                    (false, Certainty::Definite) => "",
                    (false, _) => "  (order not certain)",
                };
                println!("{:width$}   {span}{note}", "");
            }
        }
        println!("{:width$}   {}  [{}]", label(e), e.title, e.id);
    }
    if !report.contradictions.is_empty() {
        println!();
        println!("Contradictions:");
        for c in &report.contradictions {
            let steps: Vec<String> = c.steps.iter().map(|s| s.to_string()).collect();
            println!("  {}", steps.join("; "));
            if let Some(a) = &c.set_aside {
                println!("    set aside: {a}");
            }
        }
    }
}

/// The event's value; without one (`--all`), the days its bounds allow, when either end is
/// known ("2007-12-01..2009-07-01" for a recession begun in December 2007 and ended in June
/// 2009, "..1998-01-01" for what had happened "by 1998").
fn date_label(e: &eventline::ReportEvent, timeline: &Timeline) -> String {
    let bounded = || {
        let b = timeline.bounds(e.id.as_str()).ok()?;
        let day = |t: Option<chrono::NaiveDateTime>| t.map(|t| t.date().to_string());
        match (day(b.earliest_start), day(b.latest_end)) {
            (None, None) => None,
            (from, to) => Some(format!(
                "{}..{}",
                from.unwrap_or_default(),
                to.unwrap_or_default()
            )),
        }
    };
    let v = e
        .value
        .clone()
        .or_else(bounded)
        .unwrap_or_else(|| "undated".to_string());
    match e.modifier {
        Some(m) => format!("{v} ({m})"),
        None => v,
    }
}
