//! Throughput of the event-event relation step (`relate_events`) on an annotated 1 MB news
//! document, apart from the extraction it follows.
//!
//! `cargo bench --bench relations -- --warm-up-time 1 --measurement-time 3`

use criterion::{black_box, criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use eventline::{relate_events, Dct, Document, Extractor};

mod common;

use common::corpus;

fn relations(c: &mut Criterion) {
    let doc = Document::new(corpus(1_000_000)).with_dct(Dct::parse("2025-03-31").expect("date"));
    let ann = Extractor::new().extract(&doc);
    assert!(!ann.events.is_empty());
    let mut group = c.benchmark_group("relations");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(doc.text().len() as u64));
    group.bench_function("1MB", |b| {
        b.iter_batched(
            || ann.clone(),
            |mut a| {
                relate_events(black_box(doc.text()), &mut a);
                a
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(benches, relations);
criterion_main!(benches);
