//! Annotates JSON-lines documents with TIMEX3 expressions, events and their temporal relations.
//!
//! ```text
//! cargo run --release --example annotate < IN.jsonl > OUT.jsonl
//! cargo run --release --example annotate -- IN.jsonl > OUT.jsonl
//! ```
//!
//! Each input line is `{"id", "text", "dct"?}`; each output line is
//! `{"id", "dct", "timexes": [{"start", "end", "text", "type", "value", "mod"?, "quant"?,
//! "freq"?}],
//! "events": [{"start", "end", "text", "class", "title", "timex"?, "value"?}],
//! "pairs": [{"source_span": [s, e], "target_span": [s, e] | "DCT", "rel"}]}` with Unicode code
//! point offsets into `text`, end exclusive. Every mention of an event is listed; `timex` and
//! `value` are the event's anchor (`"DCT"` and the document date when it is dated by the DCT).
//! `pairs` relate an event mention to a timex, to the document date, or to another event of
//! the same or the next sentence (from the earlier event to the later). A line that is not
//! a JSON document with `id` and `text` gets a JSON error line on stderr and no output line;
//! the exit code is then 1. A `dct` that is not a date is a warning, and the document is
//! processed as if none was given.

use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;

use eventline::{
    mention_pairs, relate_events, AnchorTarget, Annotation, Dct, Document, Extractor, PairTarget,
    Timex,
};
use serde_json::{json, Map, Value};

/// Converts byte offsets of a text into Unicode code point offsets.
struct CharOffsets {
    /// For non-ASCII texts: the code point index at each byte offset (`None` for ASCII).
    table: Option<Vec<usize>>,
}

impl CharOffsets {
    fn new(text: &str) -> CharOffsets {
        if text.is_ascii() {
            return CharOffsets { table: None };
        }
        let mut table = vec![0; text.len() + 1];
        let mut n = 0;
        for (b, c) in text.char_indices() {
            for slot in table.iter_mut().skip(b).take(c.len_utf8()) {
                *slot = n;
            }
            n += 1;
        }
        if let Some(last) = table.last_mut() {
            *last = n;
        }
        CharOffsets { table: Some(table) }
    }

    fn get(&self, byte: usize) -> usize {
        match &self.table {
            None => byte,
            Some(t) => t
                .get(byte)
                .copied()
                .unwrap_or_else(|| t.last().copied().unwrap_or(0)),
        }
    }
}

/// The JSON of one timex.
fn timex_json(text: &str, offsets: &CharOffsets, t: &Timex) -> Value {
    let mut m = Map::new();
    m.insert("start".into(), json!(offsets.get(t.span.start)));
    m.insert("end".into(), json!(offsets.get(t.span.end)));
    m.insert("text".into(), json!(t.text(text)));
    m.insert("type".into(), json!(t.kind.as_str()));
    m.insert("value".into(), json!(t.value.to_string()));
    if let Some(md) = t.modifier {
        m.insert("mod".into(), json!(md.as_str()));
    }
    // Sets carry TimeML's quantifier and frequency ("every" → EVERY, "twice a week" → 2X).
    if let Some(q) = &t.quant {
        m.insert("quant".into(), json!(q));
    }
    if let Some(f) = &t.freq {
        m.insert("freq".into(), json!(f));
    }
    Value::Object(m)
}

/// The `events` (one entry per mention) and `pairs` of one document.
fn events_and_pairs(text: &str, offsets: &CharOffsets, ann: &Annotation) -> (Value, Value) {
    let span = |r: &std::ops::Range<usize>| json!([offsets.get(r.start), offsets.get(r.end)]);
    let mut events = Vec::new();
    for e in &ann.events {
        for m in &e.mentions {
            let mut o = Map::new();
            o.insert("start".into(), json!(offsets.get(m.start)));
            o.insert("end".into(), json!(offsets.get(m.end)));
            o.insert("text".into(), json!(text.get(m.clone()).unwrap_or("")));
            o.insert("class".into(), json!(e.class.as_str()));
            o.insert("title".into(), json!(e.title));
            if let Some(a) = &e.anchor {
                let target = match &a.target {
                    AnchorTarget::Timex(r) => text.get(r.clone()).unwrap_or("").to_string(),
                    AnchorTarget::Dct => "DCT".to_string(),
                };
                o.insert("timex".into(), json!(target));
                if let Some(v) = &a.value {
                    o.insert("value".into(), json!(v.to_string()));
                }
            }
            events.push(Value::Object(o));
        }
    }
    let pairs: Vec<Value> = mention_pairs(ann)
        .iter()
        .map(|p| {
            let target = match &p.target {
                PairTarget::Timex(r) => span(r),
                PairTarget::Dct => json!("DCT"),
                PairTarget::Event(r) => span(r),
            };
            json!({"source_span": span(&p.source), "target_span": target, "rel": p.relation.as_str()})
        })
        .collect();
    (Value::Array(events), Value::Array(pairs))
}

/// Builds the output line of one document.
fn output_line(id: &Value, doc: &Document, ann: &Annotation) -> Value {
    let offsets = CharOffsets::new(doc.text());
    let timexes: Vec<Value> = ann
        .timexes
        .iter()
        .map(|t| timex_json(doc.text(), &offsets, t))
        .collect();
    let (events, pairs) = events_and_pairs(doc.text(), &offsets, ann);
    json!({
        "id": id,
        "dct": doc.dct().map(|d| d.to_string()),
        "timexes": timexes,
        "events": events,
        "pairs": pairs,
    })
}

/// Processes one input line; `Err` carries the message for stderr.
fn process(extractor: &Extractor, line: &str, lineno: usize) -> Result<Value, String> {
    let v: Value = serde_json::from_str(line).map_err(|e| format!("not JSON: {e}"))?;
    let obj = v.as_object().ok_or("not a JSON object")?;
    let id = obj.get("id").ok_or("missing \"id\"")?;
    let text = obj
        .get("text")
        .and_then(Value::as_str)
        .ok_or("missing or non-string \"text\"")?;
    let mut doc = Document::new(text);
    match obj.get("dct") {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) => match Dct::parse(s) {
            Ok(d) => doc = doc.with_dct(d),
            Err(e) => eprintln!(
                "{}",
                json!({"warning": format!("line {lineno}: {e}; processed without it"), "id": id})
            ),
        },
        Some(other) => eprintln!(
            "{}",
            json!({"warning": format!("line {lineno}: dct {other} is not a string; processed without it"), "id": id})
        ),
    }
    let mut ann = extractor.extract(&doc);
    relate_events(doc.text(), &mut ann);
    Ok(output_line(id, &doc, &ann))
}

fn main() -> ExitCode {
    let input: Box<dyn BufRead> = match std::env::args().nth(1) {
        Some(path) => match std::fs::File::open(&path) {
            Ok(f) => Box::new(io::BufReader::new(f)),
            Err(e) => {
                eprintln!("{}", json!({"error": format!("cannot open {path}: {e}")}));
                return ExitCode::FAILURE;
            }
        },
        None => Box::new(io::BufReader::new(io::stdin())),
    };
    let extractor = Extractor::new();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = false;
    for (n, line) in input.lines().enumerate() {
        let lineno = n + 1;
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                eprintln!(
                    "{}",
                    json!({"error": format!("line {lineno}: {e}"), "line": lineno})
                );
                failed = true;
                continue;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        match process(&extractor, &line, lineno) {
            Ok(v) => {
                if writeln!(out, "{v}").is_err() {
                    return ExitCode::FAILURE;
                }
            }
            Err(msg) => {
                eprintln!("{}", json!({"error": msg, "line": lineno}));
                failed = true;
            }
        }
    }
    if out.flush().is_err() {
        return ExitCode::FAILURE;
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
