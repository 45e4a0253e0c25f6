//! Relations between nearby events: ordered by their dates when both are dated, else by how
//! they are told.

use eventline::{
    mention_pairs, relate_events, Dct, Document, Endpoint, Extractor, PairTarget, Provenance,
    RelType,
};

fn extract(text: &str) -> (String, eventline::Annotation) {
    let doc = Document::new(text).with_dct(Dct::parse("2025-03-31").expect("valid date"));
    let mut ann = Extractor::new().extract(&doc);
    relate_events(doc.text(), &mut ann);
    (text.to_string(), ann)
}

/// The relation asserted from the event with trigger `a` to the one with trigger `b` (either
/// direction, inverted as needed), with its provenance.
fn relation(
    text: &str,
    ann: &eventline::Annotation,
    a: &str,
    b: &str,
) -> Option<(RelType, Provenance)> {
    let id = |w: &str| {
        ann.events
            .iter()
            .find(|e| &text[e.trigger.clone()] == w)
            .map(|e| e.id)
            .unwrap_or_else(|| {
                panic!(
                    "no event {w:?} in {:?}",
                    ann.events.iter().map(|e| &e.text).collect::<Vec<_>>()
                )
            })
    };
    let (ia, ib) = (id(a), id(b));
    ann.links.iter().find_map(|l| match (&l.source, &l.target) {
        (Endpoint::Event(s), Endpoint::Event(t)) if *s == ia && *t == ib => {
            Some((l.relation, l.provenance))
        }
        (Endpoint::Event(s), Endpoint::Event(t)) if *s == ib && *t == ia => {
            Some((l.relation.inverse(), l.provenance))
        }
        _ => None,
    })
}

#[test]
fn dated_events_are_ordered_by_their_dates() {
    let (t, ann) = extract(
        "The two leaders spoke by phone on March 18. They had first met in Geneva on February 12.",
    );
    assert_eq!(
        relation(&t, &ann, "met", "spoke"),
        Some((RelType::Before, Provenance::Inferred))
    );
}

#[test]
fn a_reported_happening_comes_before_the_report() {
    let (t, ann) = extract("A bomb exploded near the embassy. Police said two people were hurt.");
    let (rel, prov) = relation(&t, &ann, "exploded", "said").expect("a relation");
    assert_eq!(rel, RelType::Before);
    assert_eq!(prov, Provenance::Narrative);
}

#[test]
fn a_future_event_comes_after_the_statement_announcing_it() {
    let (t, ann) = extract("The minister said on Monday that the talks will resume in April.");
    let (rel, _) = relation(&t, &ann, "said", "resume").expect("a relation");
    assert_eq!(rel, RelType::Before);
}

#[test]
fn events_far_apart_are_not_related() {
    let (t, ann) = extract(
        "A bomb exploded near the embassy. Nobody was there. The street was empty. Police said later that it was a warning.",
    );
    assert_eq!(relation(&t, &ann, "exploded", "said"), None);
}

#[test]
fn event_pairs_reach_the_mention_pairs() {
    let (_, ann) = extract("A bomb exploded near the embassy. Police said two people were hurt.");
    let pairs = mention_pairs(&ann);
    assert!(pairs
        .iter()
        .any(|p| matches!(p.target, PairTarget::Event(_))));
    for p in &pairs {
        if let PairTarget::Event(r) = &p.target {
            assert!(
                p.source.start < r.start,
                "pairs go from the earlier event to the later"
            );
        }
    }
}

#[test]
fn narrative_orders_do_not_constrain_the_timeline() {
    let text = "A bomb exploded near the embassy. The old building collapsed.";
    let (_, ann) = extract(text);
    assert_eq!(
        relation(text, &ann, "exploded", "collapsed"),
        Some((RelType::Before, Provenance::Narrative))
    );
    let mut tl = eventline::Timeline::new();
    tl.add_annotation("d", &ann).expect("valid annotation");
    // Both events are only known to precede the document date: their order stays open.
    let id = |w: &str| {
        format!(
            "d:{}",
            ann.events.iter().find(|e| e.text == w).expect("event").id
        )
    };
    assert_eq!(
        tl.before(id("exploded"), id("collapsed"))
            .expect("known events"),
        eventline::Certainty::Possible
    );
}

#[test]
fn the_two_calls_are_ordered_by_their_dates() {
    let (t, ann) = extract(
        "There have been two confirmed phone calls between President Putin and President Trump \
         so far this year - one on February 12 and another on March 18.",
    );
    assert_eq!(
        relation(&t, &ann, "calls", "another"),
        Some((RelType::Before, Provenance::Inferred))
    );
}

#[test]
fn extraction_alone_relates_no_events() {
    let text = "A bomb exploded near the embassy. Police said two people were hurt.";
    let doc = Document::new(text).with_dct(Dct::parse("2025-03-31").expect("valid date"));
    let ann = Extractor::new().extract(&doc);
    assert!(ann.links.iter().all(|l| !matches!(
        (&l.source, &l.target),
        (Endpoint::Event(_), Endpoint::Event(_))
    )));
}

#[test]
fn a_past_event_comes_before_a_future_one() {
    let (t, ann) = extract("The minister resigned. His successor will arrive in the capital.");
    assert_eq!(
        relation(&t, &ann, "resigned", "arrive"),
        Some((RelType::Before, Provenance::Inferred))
    );
}
