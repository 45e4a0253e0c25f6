//! Tagging and normalization throughput over news-style text.
//!
//! The corpus is a handful of original articles (benches/data/), each with the date it is
//! written for. Two measurements:
//! - `tag/concatenated`: the articles joined into one document and repeated to 1 MB and 10 MB;
//!   the two sizes show whether the cost grows linearly with the text.
//! - `tag/articles`: the articles as separate documents with their own dates, about 1 MB in
//!   total, the way a user tags a feed.
//!
//! Each run checks that the number of timexes found is positive and the same every time, so a
//! broken tagger cannot pass for a fast one.
//!
//! ```text
//! cargo bench --bench tagger -- --warm-up-time 1 --measurement-time 3
//! ```

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use eventline::{Dct, Document, Tagger};

/// The articles and the dates they are written for.
const ARTICLES: [(&str, &str); 6] = [
    ("2025-03-28", include_str!("data/port_strike.txt")),
    ("2023-10-26", include_str!("data/earnings.txt")),
    ("2025-03-31", include_str!("data/history.txt")),
    ("2025-03-31", include_str!("data/election.txt")),
    ("2024-03-06", include_str!("data/weather.txt")),
    ("2025-03-31", include_str!("data/prose.txt")),
];

const MB: usize = 1 << 20;

fn dct(s: &str) -> Dct {
    Dct::parse(s).expect("bench dates are valid")
}

/// The articles joined, repeated until the text reaches `size` bytes.
fn concatenated(size: usize) -> String {
    let mut text = String::with_capacity(size + 64 * 1024);
    while text.len() < size {
        for (_, article) in ARTICLES {
            text.push_str(article);
            text.push_str("\n\n");
        }
    }
    text
}

/// Separate documents, cycling through the articles, until they reach `size` bytes in total.
fn articles(size: usize) -> (Vec<Document>, usize) {
    let mut docs = Vec::new();
    let mut bytes = 0;
    while bytes < size {
        for (date, article) in ARTICLES {
            docs.push(Document::new(article).with_dct(dct(date)));
            bytes += article.len();
        }
    }
    (docs, bytes)
}

fn bench_tagger(c: &mut Criterion) {
    let tagger = Tagger::new();
    let mut group = c.benchmark_group("tag");
    group.sample_size(10);

    for size in [MB, 10 * MB] {
        let doc = Document::new(concatenated(size)).with_dct(dct("2025-03-31"));
        let expected = tagger.tag(&doc).len();
        assert!(expected > 0, "no timex found in the bench corpus");
        eprintln!(
            "concatenated {} bytes: {expected} timexes",
            doc.text().len()
        );
        group.throughput(Throughput::Bytes(doc.text().len() as u64));
        group.bench_with_input(
            BenchmarkId::new("concatenated", format!("{}MB", size / MB)),
            &doc,
            |b, doc| {
                b.iter(|| {
                    let found = tagger.tag(black_box(doc)).len();
                    assert_eq!(found, expected, "unstable timex count");
                    found
                })
            },
        );
    }

    let (docs, bytes) = articles(MB);
    let expected: usize = docs.iter().map(|d| tagger.tag(d).len()).sum();
    assert!(expected > 0, "no timex found in the bench articles");
    eprintln!(
        "articles: {} documents, {bytes} bytes, {expected} timexes",
        docs.len()
    );
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function(BenchmarkId::new("articles", "1MB"), |b| {
        b.iter(|| {
            let found: usize = docs.iter().map(|d| tagger.tag(black_box(d)).len()).sum();
            assert_eq!(found, expected, "unstable timex count");
            found
        })
    });
    group.finish();
}

criterion_group!(benches, bench_tagger);
criterion_main!(benches);
