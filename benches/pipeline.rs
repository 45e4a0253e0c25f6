//! Throughput of the whole pipeline (tagging, sentences, events, anchors) on news text, and
//! its linearity: a 10 MB document should take ten times as long as a 1 MB one.
//!
//! `cargo bench --bench pipeline -- --warm-up-time 1 --measurement-time 3`

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use eventline::{Dct, Document, Extractor};

/// Realistic news articles (elections, earnings, a strike, weather, a history, prose).
const ARTICLES: &[&str] = &[
    include_str!("data/election.txt"),
    include_str!("data/earnings.txt"),
    include_str!("data/port_strike.txt"),
    include_str!("data/weather.txt"),
    include_str!("data/history.txt"),
    include_str!("data/prose.txt"),
];

/// The articles repeated up to `size` bytes, as one document.
fn corpus(size: usize) -> String {
    let mut text = String::with_capacity(size + 8192);
    'fill: loop {
        for a in ARTICLES {
            if text.len() >= size {
                break 'fill;
            }
            text.push_str(a);
            text.push_str("\n\n");
        }
    }
    text
}

fn pipeline(c: &mut Criterion) {
    let extractor = Extractor::new();
    let dct = Dct::parse("2025-03-31").expect("valid date");
    let mut group = c.benchmark_group("pipeline");
    group.sample_size(10);
    for (name, size) in [("1MB", 1_000_000), ("10MB", 10_000_000)] {
        let doc = Document::new(corpus(size)).with_dct(dct);
        group.throughput(Throughput::Bytes(doc.text().len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| black_box(extractor.extract(black_box(&doc))))
        });
    }
    group.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
