//! The news-style text the benches run on: original articles (elections, earnings, a strike,
//! weather, a history, prose) repeated to the size wanted.

/// The articles in `benches/data/`.
pub const ARTICLES: &[&str] = &[
    include_str!("../data/election.txt"),
    include_str!("../data/earnings.txt"),
    include_str!("../data/port_strike.txt"),
    include_str!("../data/weather.txt"),
    include_str!("../data/history.txt"),
    include_str!("../data/prose.txt"),
];

/// The articles repeated up to `size` bytes, as one document.
pub fn corpus(size: usize) -> String {
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
