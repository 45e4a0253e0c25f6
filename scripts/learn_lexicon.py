#!/usr/bin/env python3
"""Learn the event-extraction lexicons and write them as a typed Rust table.

Usage:
  learn_lexicon.py --ewt TRAIN.conllu [--ewt MORE.conllu ...] --timeml CORPUS.jsonl
                   [--subcorpus timebank|aquaint|all] [--out src/events/lexicon.rs]

Inputs (paths are always given on the command line):
  --ewt     Universal Dependencies English EWT treebank files (CoNLL-U). Gives, for every word
            form, its most frequent Penn part-of-speech tags and its lemma.
  --timeml  A TimeML corpus as JSON lines ({"text", "events": [{"start","end","class"}],
            "corpus"}). Gives, for every word form and lemma, how often it is an event
            mention and with which class.
  --subcorpus  learn the event tables from one sub-corpus only (to score on the other one
            honestly); default all.

Output: a Rust source file with three sorted static tables (binary-searched at run time):
  POS_LEXICON    word form -> (first tag, second tag, share of the first tag in %, lemma)
  EVENT_FORMS    word form -> (occurrences, event occurrences, most frequent class)
  EVENT_LEMMAS   lemma/class -> (occurrences, event occurrences, most frequent class), where
                 class is the word class of the forms (v, n, j, o) from their treebank tag
Only Python 3's standard library is used.
"""
import argparse
import collections
import json
import re
import sys
import unicodedata

# Penn tags kept as they are; everything else is mapped onto this reduced set.
PENN = {
    "NN": "NN", "NNS": "NNS", "NNP": "NNP", "NNPS": "NNP",
    "VB": "VB", "VBD": "VBD", "VBN": "VBN", "VBG": "VBG", "VBZ": "VBZ", "VBP": "VBP",
    "MD": "MD", "JJ": "JJ", "JJR": "JJ", "JJS": "JJ", "RB": "RB", "RBR": "RB", "RBS": "RB",
    "DT": "DT", "PDT": "DT", "WDT": "WH", "WP": "WH", "WP$": "WH", "WRB": "WH",
    "IN": "IN", "TO": "TO", "PRP": "PRP", "PRP$": "PRPS", "CC": "CC", "CD": "CD",
    "POS": "POS", "RP": "RP", "EX": "EX", "UH": "OTHER", "FW": "OTHER", "SYM": "OTHER",
    "LS": "OTHER", "ADD": "OTHER", "GW": "OTHER", "AFX": "OTHER", "NFP": "PUNCT", "XX": "OTHER",
}
RUST_TAG = {
    "NN": "Nn", "NNS": "Nns", "NNP": "Nnp", "VB": "Vb", "VBD": "Vbd", "VBN": "Vbn", "VBG": "Vbg",
    "VBZ": "Vbz", "VBP": "Vbp", "MD": "Md", "JJ": "Jj", "RB": "Rb", "DT": "Dt", "WH": "Wh",
    "IN": "In", "TO": "To", "PRP": "Prp", "PRPS": "PrpPoss", "CC": "Cc", "CD": "Cd", "POS": "Poss",
    "RP": "Rp", "EX": "Ex", "OTHER": "Other", "PUNCT": "Punct",
}
CLASSES = {
    "OCCURRENCE": "Occurrence", "REPORTING": "Reporting", "STATE": "State", "I_ACTION": "IAction",
    "I_STATE": "IState", "ASPECTUAL": "Aspectual", "PERCEPTION": "Perception",
}
WORD = re.compile(r"[A-Za-z0-9]+(?:[-'][A-Za-z0-9]+)*")


def rust_str(s):
    out = []
    for ch in s:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 32 or unicodedata.category(ch) in ("Cf", "Cc", "Zs", "Mn"):
            out.append("\\u{%x}" % ord(ch))
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def read_ewt(paths):
    tags = collections.defaultdict(collections.Counter)
    lemmas = collections.defaultdict(collections.Counter)
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if not line.strip() or line.startswith("#"):
                    continue
                cols = line.rstrip("\n").split("\t")
                if len(cols) < 5 or "-" in cols[0] or "." in cols[0]:
                    continue
                form, lemma, upos, xpos = cols[1], cols[2], cols[3], cols[4]
                low = form.lower()
                if upos == "PUNCT":
                    tag = "PUNCT"
                else:
                    tag = PENN.get(xpos, "OTHER")
                if upos == "AUX" and tag.startswith("VB"):
                    pass  # auxiliaries keep their verb tag; the lemma tells be/have/do apart
                tags[low][tag] += 1
                lemmas[low][lemma.lower()] += 1
    return tags, lemmas


def simple_lemma(low, lemmas):
    if low in lemmas:
        return lemmas[low].most_common(1)[0][0]
    for suf, rep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if low.endswith(suf) and len(low) > len(suf) + 2:
            stem = low[: -len(suf)] + rep
            if stem in lemmas:
                return lemmas[stem].most_common(1)[0][0]
            if stem + "e" in lemmas:
                return lemmas[stem + "e"].most_common(1)[0][0]
    return low


def coarse(low, tags):
    """The word class of a form (v, n, j or o), from its most frequent treebank tag."""
    if low in tags:
        t = tags[low].most_common(1)[0][0]
    elif low.endswith("ing") or low.endswith("ed"):
        t = "VB"
    else:
        t = "NN"
    return "v" if t.startswith("VB") else "n" if t.startswith("NN") else "j" if t == "JJ" else "o"


def read_timeml(path, subcorpus, lemmas, tags):
    forms = collections.defaultdict(lambda: [0, 0, collections.Counter()])
    for line in open(path, encoding="utf-8"):
        if not line.strip():
            continue
        d = json.loads(line)
        if subcorpus != "all" and d.get("corpus") != subcorpus:
            continue
        text = d["text"]
        starts = {e["start"]: e for e in d.get("events", [])}
        for m in WORD.finditer(text):
            low = m.group(0).lower()
            ent = forms[low]
            ent[0] += 1
            e = starts.get(m.start())
            if e is not None and e["end"] <= m.end():
                ent[1] += 1
                ent[2][e["class"]] += 1
    # Hyphenated forms also count for their solid spelling ("cease-fire" -> "ceasefire").
    for low in [w for w in forms if "-" in w]:
        solid = forms[low.replace("-", "")]
        solid[0] += forms[low][0]
        solid[1] += forms[low][1]
        solid[2].update(forms[low][2])
    by_lemma = collections.defaultdict(lambda: [0, 0, collections.Counter()])
    for low, (n, k, cls) in forms.items():
        ent = by_lemma[simple_lemma(low, lemmas) + "/" + coarse(low, tags)]
        ent[0] += n
        ent[1] += k
        ent[2].update(cls)
    return forms, by_lemma


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ewt", action="append", required=True)
    ap.add_argument("--timeml", required=True)
    ap.add_argument("--subcorpus", default="all", choices=["all", "timebank", "aquaint"])
    ap.add_argument("--out", default="src/events/lexicon.rs")
    ap.add_argument("--min-count", type=int, default=1, help="min. treebank count of a form")
    ap.add_argument("--min-seen", type=int, default=5,
                    help="min. corpus count of a word that was never an event (kept as evidence)")
    a = ap.parse_args()

    tags, lemmas = read_ewt(a.ewt)
    forms, by_lemma = read_timeml(a.timeml, a.subcorpus, lemmas, tags)

    out = []
    w = out.append
    w("//! Lexicons for event extraction.")
    w("//!")
    w("//! generated by scripts/learn_lexicon.py -- do not edit by hand; rerun the script:")
    w("//! `python3 scripts/learn_lexicon.py --ewt EWT/en_ewt-ud-train.conllu --timeml TBAQ.jsonl`")
    w("//! (event tables learned from %s)."
      % ("the whole TimeML corpus" if a.subcorpus == "all" else "its %s part only" % a.subcorpus))
    w("//!")
    w("//! `POS_LEXICON` is derived from the Universal Dependencies English Web Treebank")
    w("//! (UD_English-EWT; Silveira et al. 2014, A Gold Standard Dependency Corpus for English),")
    w("//! annotations (c) 2013-2021 The Board of Trustees of The Leland Stanford Junior University,")
    w("//! licensed under the Creative Commons Attribution-ShareAlike 4.0 International licence")
    w("//! (CC BY-SA 4.0, <https://creativecommons.org/licenses/by-sa/4.0/>). This table is shared")
    w("//! under the same licence. `EVENT_FORMS` and `EVENT_LEMMAS` are counts from the TempEval-3")
    w("//! TimeML training corpus (TimeBank 1.2 and AQUAINT, TBAQ-cleaned).")
    w("")
    w("use super::pos::Tag;")
    w("use crate::event::EventClass;")
    w("")
    w("/// A word form's part-of-speech tags as observed in the treebank.")
    w("#[derive(Debug, Clone, Copy)]")
    w("pub(crate) struct PosEntry {")
    w("    /// Lowercased word form.")
    w("    pub word: &'static str,")
    w("    /// Most frequent tag.")
    w("    pub first: Tag,")
    w("    /// Second most frequent tag (same as `first` when unambiguous).")
    w("    pub second: Tag,")
    w("    /// Share of `first` among the form's occurrences, in percent.")
    w("    pub share: u8,")
    w("    /// Most frequent lemma.")
    w("    pub lemma: &'static str,")
    w("}")
    w("")
    w("/// How often a word (or lemma) is annotated as an event mention.")
    w("#[derive(Debug, Clone, Copy)]")
    w("pub(crate) struct EventEntry {")
    w("    /// Lowercased word form or lemma.")
    w("    pub word: &'static str,")
    w("    /// Occurrences in the corpus.")
    w("    pub seen: u16,")
    w("    /// Occurrences annotated as an event.")
    w("    pub events: u16,")
    w("    /// Most frequent event class (`Occurrence` when never an event).")
    w("    pub class: EventClass,")
    w("}")
    w("")
    rows = []
    for low in sorted(tags):
        c = tags[low]
        total = sum(c.values())
        if total < a.min_count or not low or any(ch in low for ch in '"\\\n\t'):
            continue
        top = c.most_common(2)
        first = top[0][0]
        second = top[1][0] if len(top) > 1 else first
        share = round(100 * top[0][1] / total)
        lemma = lemmas[low].most_common(1)[0][0]
        rows.append("    PosEntry { word: %s, first: Tag::%s, second: Tag::%s, share: %d, lemma: %s },"
                    % (rust_str(low), RUST_TAG[first], RUST_TAG[second], share, rust_str(lemma)))
    w("/// Word form -> tags and lemma, sorted by `word`.")
    w("pub(crate) static POS_LEXICON: &[PosEntry] = &[")
    out.extend(rows)
    w("];")
    w("")
    for name, table, doc in (("EVENT_FORMS", forms, "word form"), ("EVENT_LEMMAS", by_lemma, "`lemma/word class` (v, n, j, o)")):
        w("/// %s -> event counts, sorted by `word` (words seen as events, or often enough to tell they are not)." % doc)
        w("pub(crate) static %s: &[EventEntry] = &[" % name)
        for low in sorted(table):
            n, k, cls = table[low]
            if k == 0 and n < a.min_seen:
                continue
            klass = cls.most_common(1)[0][0] if cls else "OCCURRENCE"
            w("    EventEntry { word: %s, seen: %d, events: %d, class: EventClass::%s },"
              % (rust_str(low), min(n, 65535), min(k, 65535), CLASSES[klass]))
        w("];")
        w("")
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("\n".join(out))
    print("wrote %s: %d pos entries, %d event forms" % (a.out, len(rows), sum(1 for v in forms.values() if v[1])),
          file=sys.stderr)


if __name__ == "__main__":
    main()
