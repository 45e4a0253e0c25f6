//! Throughput of the whole pipeline (tagging, sentences, events, anchors) on news text, and
//! its linearity: a 10 MB document should take ten times as long as a 1 MB one.
//!
//! `cargo bench --bench pipeline -- --warm-up-time 1 --measurement-time 3`

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use eventline::{Dct, Document, Extractor};

mod common;

use common::corpus;

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
