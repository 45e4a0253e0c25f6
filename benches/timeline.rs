//! Timeline at corpus scale: 10,000 and 100,000 events (10 per document) with anchors of mixed
//! granularity, tense relations to each document's date and some event–event relations.
//!
//! `cargo bench --bench timeline -- --warm-up-time 1 --measurement-time 3`

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use eventline::{
    Anchor, AnchorTarget, Annotation, Aspect, Dct, DocKind, Endpoint, Event, EventClass, Link,
    LocalEventId, Polarity, Provenance, RelType, Tense, Timeline, Timex, TimexKind, TimexMod,
    TimexValue,
};

/// A small deterministic generator (xorshift), so every run builds the same corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

const EVENTS_PER_DOC: usize = 10;

fn document(rng: &mut Rng) -> Annotation {
    let year = 2000 + rng.next(26) as i32;
    let month = 1 + rng.next(12) as u32;
    let dayn = 1 + rng.next(28) as u32;
    let dct = Dct::parse(&format!("{year:04}-{month:02}-{dayn:02}")).expect("valid date");
    let mut timexes = Vec::new();
    let mut events = Vec::new();
    let mut links = Vec::new();
    for k in 0..EVENTS_PER_DOC {
        let span = k * 20..k * 20 + 10;
        let m = 1 + rng.next(12);
        let value = match rng.next(7) {
            0 => format!("{year:04}-{m:02}-{:02}", 1 + rng.next(28)),
            1 => format!("{year:04}-{m:02}"),
            2 => format!("{year:04}-W{:02}", 1 + rng.next(52)),
            3 => format!("{year:04}-W{:02}-WE", 1 + rng.next(52)),
            4 => format!("{year:04}-Q{}", 1 + rng.next(4)),
            5 => format!("{:04}", year - rng.next(3) as i32),
            _ => format!(
                "{year:04}-{m:02}-{:02}T{:02}:00",
                1 + rng.next(28),
                rng.next(24)
            ),
        };
        let value: TimexValue = value.parse().expect("generated values are valid");
        let modifier = match rng.next(10) {
            0 => Some(TimexMod::Start),
            1 => Some(TimexMod::End),
            2 => Some(TimexMod::Approx),
            _ => None,
        };
        let anchor = match rng.next(10) {
            0..=5 => {
                timexes.push(Timex {
                    span: span.clone(),
                    kind: TimexKind::Date,
                    value,
                    modifier,
                    quant: None,
                    freq: None,
                });
                Some(Anchor {
                    target: AnchorTarget::Timex(span.clone()),
                    relation: RelType::IsIncluded,
                    value: None,
                })
            }
            6 => Some(Anchor {
                target: AnchorTarget::Dct,
                relation: RelType::IsIncluded,
                value: Some(TimexValue::day(dct.date)),
            }),
            _ => None,
        };
        let dct_relation = match rng.next(3) {
            0 => Some(RelType::Before),
            1 => Some(RelType::After),
            _ => None,
        };
        events.push(Event {
            id: LocalEventId::new(k as u32),
            trigger: span.start + 12..span.start + 16,
            text: "call".into(),
            class: EventClass::Occurrence,
            tense: Tense::Past,
            aspect: Aspect::None,
            polarity: Polarity::Pos,
            modality: None,
            title: format!("event {k}"),
            participants: vec![],
            anchor,
            dct_relation: if rng.next(2) == 0 { dct_relation } else { None },
            mentions: vec![],
        });
        if k > 0 && rng.next(3) == 0 {
            let rel = [
                RelType::Before,
                RelType::After,
                RelType::Includes,
                RelType::Simultaneous,
            ][rng.next(4) as usize];
            links.push(Link {
                source: Endpoint::Event(LocalEventId::new(rng.next(k as u64) as u32)),
                target: Endpoint::Event(LocalEventId::new(k as u32)),
                relation: rel,
                provenance: Provenance::Stated,
            });
        }
    }
    Annotation {
        dct: Some(dct),
        kind: DocKind::News,
        timexes,
        events,
        links,
    }
}

fn corpus(docs: usize) -> Vec<(String, Annotation)> {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    (0..docs)
        .map(|d| (format!("d{d}"), document(&mut rng)))
        .collect()
}

fn build(corpus: &[(String, Annotation)]) -> Timeline {
    let mut t = Timeline::new();
    for (id, ann) in corpus {
        t.add_annotation(id, ann)
            .expect("generated documents are valid");
    }
    t.propagate();
    t
}

/// Resident and peak resident memory of this process in kB (Linux), to report what a timeline
/// costs.
fn memory_kb() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| -> Option<u64> {
        let line = status.lines().find(|l| l.starts_with(name))?;
        line.split_whitespace().nth(1)?.parse().ok()
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

fn bench(c: &mut Criterion) {
    for docs in [1_000, 10_000] {
        let corpus = corpus(docs);
        let n = docs * EVENTS_PER_DOC;
        let label = format!("{}k", n / 1000);
        let before = memory_kb();
        let t = build(&corpus);
        if let (Some((rss0, _)), Some((rss1, peak))) = (before, memory_kb()) {
            eprintln!(
                "{label} events: the timeline holds {} MB (process resident {} MB, peak {} MB)",
                rss1.saturating_sub(rss0) / 1024,
                rss1 / 1024,
                peak / 1024
            );
        }
        assert_eq!(t.len(), n);
        let mut g = c.benchmark_group("timeline");
        g.sample_size(10);
        g.bench_function(format!("build {label} events"), |b| {
            b.iter(|| build(&corpus))
        });
        g.bench_function(format!("order and gaps {label} events"), |b| {
            b.iter(|| {
                let order = t.chronological();
                let gaps = t.gaps();
                assert_eq!(order.len(), n);
                (order.len(), gaps.len())
            })
        });
        g.bench_function(format!("dated report {label} events"), |b| {
            b.iter(|| t.dated_report().events.len())
        });
        g.bench_function(format!("first query after change {label} events"), |b| {
            b.iter_batched(
                || {
                    let mut t = t.clone();
                    let _ = t.relate("d0:e0", RelType::Before, "d1:e0");
                    t
                },
                |t| t.gaps().len(),
                BatchSize::LargeInput,
            )
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
