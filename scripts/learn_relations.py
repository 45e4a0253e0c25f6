#!/usr/bin/env python3
"""Learn how two nearby events are ordered from their grammar, and write it as a Rust table.

Usage:
  learn_relations.py --timeml CORPUS.jsonl [--subcorpus timebank|aquaint|all]
                     [--out src/relate/table.rs] [--eval timebank|aquaint]

Input: a TimeML corpus as JSON lines with "text", "corpus", "events" (each with "eid",
"start", "end", "class", "tense", "aspect") and "matres" (event-event pairs with "source",
"target" and "rel", one of BEFORE, AFTER, EQUAL, VAGUE).

What is learned: for two events in the same or adjacent sentences, in text order, the most
frequent relation of the first to the second given
  - the sentence distance (0 or 1),
  - the signal word between them in one sentence ("after", "before", "when", "said … that"),
  - each event's class, tense and aspect (TimeML attributes).
The table keeps every feature combination seen at least MIN_COUNT times, from the most specific
key to the coarsest, so that the Rust side can back off the same way: it looks the most
specific key up first and falls back to coarser ones.

--eval SUB learns on the other sub-corpus and prints the MATRES scores (relations without
VAGUE) on SUB, with gold event attributes: an upper bound of what the table gives at run time.

Only Python 3's standard library is used.
"""
import argparse
import bisect
import collections
import json
import re
import sys

MIN_COUNT = 6
RELS = ["BEFORE", "AFTER", "EQUAL", "VAGUE"]
CLASSES = ["OCCURRENCE", "REPORTING", "STATE", "I_ACTION", "I_STATE", "ASPECTUAL", "PERCEPTION"]
TENSES = ["NONE", "PAST", "PRESENT", "FUTURE", "INFINITIVE", "PRESPART", "PASTPART"]
ASPECTS = ["NONE", "PERFECTIVE", "PROGRESSIVE", "PERFECTIVE_PROGRESSIVE"]
# Signal words between two events of one sentence, in the order they are looked for (the first
# one found after the first event wins). Index 0 means none.
SIGNALS = ["", "after", "before", "when", "while", "since", "until", "because", "then",
           "that", "to", "and", "but"]
SIGNAL_RE = re.compile(r"[A-Za-z]+")
SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]*[A-Z0-9])|\n\s*\n")

# Back-off levels: which features each key keeps (distance is always kept).
LEVELS = [
    ("sig", "c1", "t1", "a1", "c2", "t2", "a2"),
    ("sig", "c1", "t1", "c2", "t2"),
    ("sig", "c1", "c2"),
    ("c1", "t1", "a1", "c2", "t2", "a2"),
    ("c1", "t1", "c2", "t2"),
    ("c1", "c2"),
    (),
]


def abbreviation_before(text, i):
    """The word ending at text[i] (just before a period) is an abbreviation: one to three
    letters starting with a capital ("Mr", "U.S", "Gov"), or with inner periods."""
    j = i
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] == "."):
        j -= 1
    w = text[j:i]
    return bool(w) and (("." in w) or (len(w) <= 3 and w[0].isupper()))


def sentence_starts(text):
    starts = [0]
    for m in SENTENCE_END.finditer(text):
        if text[m.start()] == "." and abbreviation_before(text, m.start()):
            continue
        starts.append(m.end())
    return starts


def signal(text, a_end, b_start):
    words = [w.lower() for w in SIGNAL_RE.findall(text[a_end:b_start])]
    for w in words:
        if w in SIGNALS:
            return SIGNALS.index(w)
    return 0


def features(text, starts, a, b):
    """The feature values of the pair (a, b), a before b in the text; None when too far."""
    sa = bisect.bisect_right(starts, a["start"])
    sb = bisect.bisect_right(starts, b["start"])
    dist = sb - sa
    if dist > 1:
        return None
    return {
        "dist": dist,
        "sig": signal(text, a["end"], b["start"]) if dist == 0 else 0,
        "c1": CLASSES.index(a["class"]),
        "t1": TENSES.index(a.get("tense", "NONE")),
        "a1": ASPECTS.index(a.get("aspect", "NONE")),
        "c2": CLASSES.index(b["class"]),
        "t2": TENSES.index(b.get("tense", "NONE")),
        "a2": ASPECTS.index(b.get("aspect", "NONE")),
    }


def pairs(docs):
    """(features, relation of the earlier event to the later) for every MATRES pair."""
    inverse = {"BEFORE": "AFTER", "AFTER": "BEFORE"}
    for d in docs:
        text = d["text"]
        starts = sentence_starts(text)
        events = {e["eid"]: e for e in d["events"]}
        for p in d.get("matres", []):
            a, b = events.get(p["source"]), events.get(p["target"])
            if a is None or b is None or a["class"] not in CLASSES or b["class"] not in CLASSES:
                continue
            rel = p["rel"]
            if a["start"] > b["start"]:
                a, b = b, a
                rel = inverse.get(rel, rel)
            f = features(text, starts, a, b)
            if f is not None and rel in RELS:
                yield f, rel


def key(level, f):
    """A key packed into an integer: level (3 bits), distance (1), then each kept feature."""
    k = level
    k = (k << 1) | f["dist"]
    for name in ("sig", "c1", "t1", "a1", "c2", "t2", "a2"):
        k = (k << 4) | (f[name] if name in LEVELS[level] else 0)
    return k


def learn(docs):
    counts = collections.defaultdict(collections.Counter)
    for f, rel in pairs(docs):
        for level in range(len(LEVELS)):
            counts[key(level, f)][rel] += 1
    table = {}
    for k, c in counts.items():
        n = sum(c.values())
        if n >= MIN_COUNT or (k >> 29) == len(LEVELS) - 1:
            rel, m = c.most_common(1)[0]
            table[k] = (RELS.index(rel), n, round(100 * m / n))
    return table


def predict(table, f):
    for level in range(len(LEVELS)):
        hit = table.get(key(level, f))
        if hit is not None:
            return RELS[hit[0]]
    return "VAGUE"


def evaluate(table, docs):
    tp = n_pred = n_gold = 0
    for f, rel in pairs(docs):
        p = predict(table, f)
        if rel != "VAGUE":
            n_gold += 1
        if p != "VAGUE":
            n_pred += 1
            tp += p == rel
    prec = tp / n_pred if n_pred else 0.0
    rec = tp / n_gold if n_gold else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    print("MATRES without VAGUE: P %.3f R %.3f F1 %.3f (%d gold, %d predicted)"
          % (prec, rec, f1, n_gold, n_pred))


HEADER = """//! How two nearby events are ordered, from their grammar: generated by
//! `scripts/learn_relations.py` from the MATRES event-event relations of a TimeML corpus
//! (TimeBank + AQUAINT). Do not edit by hand; rerun the script.
//!
//! Each entry is (key, relation, examples, share of the relation in %). A key packs the
//! back-off level (3 bits), the sentence distance (1 bit) and seven 4-bit features: signal
//! word, then class, tense and aspect of the first and of the second event (0 where the level
//! leaves the feature out). Sorted by key for binary search.

/// (key, relation index into `RELS`, examples, share in %).
pub(crate) static PAIR_TABLE: &[(u32, u8, u16, u8)] = &[
"""


def write(table, out):
    with open(out, "w", encoding="utf-8") as f:
        f.write(HEADER)
        for k in sorted(table):
            rel, n, share = table[k]
            f.write("    (%d, %d, %d, %d),\n" % (k, rel, min(n, 65535), share))
        f.write("];\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--timeml", required=True)
    ap.add_argument("--subcorpus", choices=["timebank", "aquaint", "all"], default="all")
    ap.add_argument("--out", default="src/relate/table.rs")
    ap.add_argument("--eval", choices=["timebank", "aquaint"])
    args = ap.parse_args()
    docs = [json.loads(l) for l in open(args.timeml, encoding="utf-8") if l.strip()]
    if args.eval:
        train = [d for d in docs if d.get("corpus") != args.eval]
        test = [d for d in docs if d.get("corpus") == args.eval]
        evaluate(learn(train), test)
        return
    if args.subcorpus != "all":
        docs = [d for d in docs if d.get("corpus") == args.subcorpus]
    table = learn(docs)
    write(table, args.out)
    print("%d entries written to %s" % (len(table), args.out), file=sys.stderr)


if __name__ == "__main__":
    main()
