//! Table-driven TIMEX3 cases.
//!
//! The cases live in `tests/data/timex_cases.tsv`; its header documents the format. Every case
//! is run, and a single assertion reports all the failing ones (name, text, expected, got), so
//! one run shows the whole state of the tagger.

use std::collections::BTreeSet;
use std::fmt;
use std::panic::{self, AssertUnwindSafe};

use eventline::{Dct, DocKind, Document, Tagger, Timex, TimexValue};

const TABLE: &str = include_str!("data/timex_cases.tsv");

/// The TIMEX3 types a case may expect.
const KINDS: [&str; 4] = ["DATE", "TIME", "DURATION", "SET"];

/// The TIMEX3 `mod` values a case may expect.
const MODS: [&str; 12] = [
    "BEFORE",
    "AFTER",
    "ON_OR_BEFORE",
    "ON_OR_AFTER",
    "LESS_THAN",
    "MORE_THAN",
    "EQUAL_OR_LESS",
    "EQUAL_OR_MORE",
    "START",
    "MID",
    "END",
    "APPROX",
];

/// One expected or found expression, comparable field by field.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Item {
    start: usize,
    end: usize,
    kind: String,
    value: String,
    modifier: Option<String>,
}

impl Item {
    fn from_timex(t: &Timex) -> Item {
        Item {
            start: t.span.start,
            end: t.span.end,
            kind: t.kind.to_string(),
            value: t.value.to_string(),
            modifier: t.modifier.map(|m| m.to_string()),
        }
    }

    fn show(&self, text: &str) -> String {
        let span = text
            .get(self.start..self.end)
            .unwrap_or("<not on char boundaries>");
        let mut s = format!(
            "\"{span}\"@{}..{}|{}|{}",
            self.start, self.end, self.kind, self.value
        );
        if let Some(m) = &self.modifier {
            s.push('|');
            s.push_str(m);
        }
        s
    }
}

/// A row of the table.
struct Case {
    line: usize,
    name: String,
    dct: Option<String>,
    text: String,
    kind: Option<DocKind>,
    expected: Vec<Item>,
}

/// A malformed row: the table, not the tagger, is wrong.
#[derive(Debug)]
struct TableError {
    line: usize,
    message: String,
}

impl fmt::Display for TableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "timex_cases.tsv line {}: {}", self.line, self.message)
    }
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('\\') => out.push('\\'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

fn parse_expected(line: usize, text: &str, field: &str) -> Result<Vec<Item>, TableError> {
    let err = |message: String| TableError { line, message };
    if field == "-" {
        return Ok(Vec::new());
    }
    let mut items = Vec::new();
    let mut from = 0;
    for spec in field.split(';') {
        let parts: Vec<&str> = spec.split('|').collect();
        if !(3..=4).contains(&parts.len()) {
            return Err(err(format!("bad expected item {spec:?}")));
        }
        let (span, kind, value) = (parts[0], parts[1], parts[2]);
        if span.is_empty() {
            return Err(err(format!("empty span in {spec:?}")));
        }
        if !KINDS.contains(&kind) {
            return Err(err(format!("unknown type {kind:?}")));
        }
        match value.parse::<TimexValue>() {
            Ok(v) if v.to_string() == value => {}
            Ok(v) => return Err(err(format!("value {value:?} prints back as {v}"))),
            Err(e) => return Err(err(format!("value {value:?} does not parse: {e}"))),
        }
        let modifier = parts.get(3).map(|m| m.to_string());
        if let Some(m) = &modifier {
            if !MODS.contains(&m.as_str()) {
                return Err(err(format!("unknown mod {m:?}")));
            }
        }
        let start = text
            .get(from..)
            .and_then(|rest| rest.find(span))
            .map(|i| i + from)
            .ok_or_else(|| err(format!("span {span:?} not found after byte {from}")))?;
        let end = start + span.len();
        from = end;
        items.push(Item {
            start,
            end,
            kind: kind.to_string(),
            value: value.to_string(),
            modifier,
        });
    }
    Ok(items)
}

fn parse_table(table: &str) -> Result<Vec<Case>, TableError> {
    let mut cases = Vec::new();
    let mut names = BTreeSet::new();
    for (i, raw) in table.lines().enumerate() {
        let line = i + 1;
        let err = |message: String| TableError { line, message };
        if raw.trim().is_empty() || raw.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = raw.split('\t').collect();
        if !(4..=5).contains(&fields.len()) {
            return Err(err(format!(
                "expected 4 or 5 fields, found {}",
                fields.len()
            )));
        }
        let name = fields[0].to_string();
        if !names.insert(name.clone()) {
            return Err(err(format!("duplicate case name {name:?}")));
        }
        let dct = match fields[1] {
            "-" => None,
            d => {
                Dct::parse(d).map_err(|e| err(format!("bad dct {d:?}: {e}")))?;
                Some(d.to_string())
            }
        };
        let text = unescape(fields[2]);
        let expected = parse_expected(line, &text, fields[3])?;
        let kind = match fields.get(4).copied() {
            None => None,
            Some("narrative") => Some(DocKind::Narrative),
            Some("news") => Some(DocKind::News),
            Some(other) => return Err(err(format!("unknown option {other:?}"))),
        };
        cases.push(Case {
            line,
            name,
            dct,
            text,
            kind,
            expected,
        });
    }
    Ok(cases)
}

fn cases() -> Vec<Case> {
    parse_table(TABLE).unwrap_or_else(|e| panic!("{e}"))
}

fn document(case: &Case) -> Document {
    let mut doc = Document::new(case.text.clone());
    if let Some(d) = &case.dct {
        // Checked when the table was parsed.
        doc = doc.with_dct(Dct::parse(d).expect("dct"));
    }
    if let Some(kind) = case.kind {
        doc = doc.with_kind(kind);
    }
    doc
}

fn describe(case: &Case, got: Result<&[Item], &str>) -> String {
    let list = |items: &[Item]| -> String {
        if items.is_empty() {
            "-".to_string()
        } else {
            items
                .iter()
                .map(|i| i.show(&case.text))
                .collect::<Vec<_>>()
                .join("; ")
        }
    };
    let got = match got {
        Ok(items) => list(items),
        Err(panic) => format!("PANIC: {panic}"),
    };
    format!(
        "{} (line {}, dct {})\n    text:     {:?}\n    expected: {}\n    got:      {}",
        case.name,
        case.line,
        case.dct.as_deref().unwrap_or("-"),
        case.text,
        list(&case.expected),
        got
    )
}

#[test]
fn table_is_well_formed_and_large() {
    let cases = cases();
    assert!(
        cases.len() >= 320,
        "only {} cases in the table",
        cases.len()
    );
    // Every family is represented by several cases.
    for family in [
        "abs_",
        "yearless_",
        "month_",
        "wd_",
        "pod_",
        "rel_",
        "season_",
        "ago_",
        "ana_",
        "we_",
        "q_",
        "half_",
        "mod_",
        "dec_",
        "cent_",
        "year_",
        "neg_",
        "time_",
        "dur_",
        "set_",
        "ref_",
        "range_",
        "hol_",
        "num_",
        "hdr_",
        "nar_",
        "inf_",
        "mix_",
    ] {
        let n = cases.iter().filter(|c| c.name.starts_with(family)).count();
        assert!(n >= 3, "family {family} has only {n} cases");
    }
    // Both kinds of rows exist: with and without expressions.
    assert!(cases.iter().any(|c| c.expected.is_empty()));
    assert!(cases.iter().any(|c| c.expected.len() >= 3));
}

#[test]
fn table_parser_rejects_malformed_rows() {
    let bad = [
        "only\tthree\tfields",
        "x\t2025-03-31\tSome text.\tnowhere|DATE|2025",
        "x\t2025-03-31\tIn 2025.\t2025|DATE|2025-13",
        "x\t2025-03-31\tIn 2025.\t2025|DAY|2025",
        "x\t2025-03-31\tIn 2025.\t2025|DATE|2025|SOON",
        "x\t2025-02-30\tIn 2025.\t2025|DATE|2025",
        "x\t2025-03-31\tIn 2025.\t2025|DATE|2025\tpoem",
        "x\t2025-03-31\tIn 2025.\t-\nx\t2025-03-31\tIn 2025.\t-",
        "x\t2025-03-31\t2025 and 2025.\t2025|DATE|2025;2025|DATE|2025;2025|DATE|2025",
    ];
    for table in bad {
        assert!(parse_table(table).is_err(), "accepted {table:?}");
    }
    let ok = parse_table(
        "a\t-\tOn 3 May, then\\n3 May again.\t3 May|DATE|XXXX-05-03;3 May|DATE|XXXX-05-03\tnews",
    )
    .expect("valid row");
    assert_eq!(ok[0].text, "On 3 May, then\n3 May again.");
    assert_eq!((ok[0].expected[0].start, ok[0].expected[1].start), (3, 15));
}

#[test]
fn timex_cases() {
    let cases = cases();
    let tagger = Tagger::new();
    let mut failures = Vec::new();
    let mut failed = BTreeSet::new();
    for case in &cases {
        let doc = document(case);
        let run = panic::catch_unwind(AssertUnwindSafe(|| tagger.tag(&doc)));
        match run {
            Ok(timexes) => {
                let mut got: Vec<Item> = timexes.iter().map(Item::from_timex).collect();
                got.sort();
                let mut want = case.expected.clone();
                want.sort();
                if got != want {
                    failures.push(describe(case, Ok(&got)));
                    failed.insert(case.name.as_str());
                }
            }
            Err(payload) => {
                let msg = payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "non-string panic".to_string());
                failures.push(describe(case, Err(&msg)));
                failed.insert(case.name.as_str());
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} timex cases failed ({}):\n\n{}\n",
        failures.len(),
        cases.len(),
        family_summary(&cases, &failed),
        failures.join("\n\n")
    );
}

/// "family failed/total" for every family with a failure, e.g. `mod 3/28, dur 2/41`.
fn family_summary(cases: &[Case], failed: &BTreeSet<&str>) -> String {
    let family = |name: &str| name.split('_').next().unwrap_or(name).to_string();
    let mut counts: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
    for case in cases {
        let entry = counts.entry(family(&case.name)).or_default();
        entry.1 += 1;
        if failed.contains(case.name.as_str()) {
            entry.0 += 1;
        }
    }
    counts
        .iter()
        .filter(|(_, (bad, _))| *bad > 0)
        .map(|(f, (bad, total))| format!("{f} {bad}/{total}"))
        .collect::<Vec<_>>()
        .join(", ")
}
