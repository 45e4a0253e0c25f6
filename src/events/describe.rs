//! Readable titles and named participants for events.

use super::pos::Tag;
use super::tables::flag;
use std::borrow::Cow;

use super::text::{flags, lower, Token, TokenKind};

fn word<'a>(text: &'a str, t: &Token) -> &'a str {
    text.get(t.span.clone()).unwrap_or("")
}

/// Named entities (people with their titles, organisations, places) of a sentence, as
/// token ranges, skipping tokens inside timexes.
pub(crate) fn entities(
    text: &str,
    toks: &[Token],
    range: std::ops::Range<usize>,
    in_timex: &[bool],
    out: &mut Vec<std::ops::Range<usize>>,
) {
    let mut k = range.start;
    let end = range.end.min(toks.len());
    while k < end {
        if !is_name_part(text, toks, k, range.start, in_timex) {
            k += 1;
            continue;
        }
        let start = k;
        let mut j = k + 1;
        loop {
            if j < end && is_name_part(text, toks, j, range.start, in_timex) {
                j += 1;
                continue;
            }
            // "Bank of America", "Ministry of Defence".
            if j + 1 < end
                && matches!(word(text, &toks[j]), "of" | "for" | "&")
                && toks[j + 1].capitalized
                && is_name_part(text, toks, j + 1, range.start, in_timex)
            {
                j += 2;
                continue;
            }
            break;
        }
        // A lone title ("President") is not a participant.
        let only_titles = (start..j).all(|x| flags(text, &toks[x]) & flag::TITLE != 0);
        if !only_titles {
            out.push(start..j);
        }
        k = j;
    }
}

/// The names of the entities (token ranges, sorted) that lie inside `clause`.
pub(crate) fn participants(
    text: &str,
    toks: &[Token],
    entities: &[std::ops::Range<usize>],
    clause: std::ops::Range<usize>,
) -> Vec<String> {
    let first = entities.partition_point(|e| e.start < clause.start);
    let mut out: Vec<String> = Vec::new();
    for e in entities.get(first..).unwrap_or(&[]) {
        if e.end > clause.end {
            break;
        }
        let (Some(a), Some(b)) = (toks.get(e.start), toks.get(e.end.saturating_sub(1))) else {
            continue;
        };
        if let Some(name) = text.get(a.span.start..b.span.end) {
            let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
            if !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}

fn is_name_part(
    text: &str,
    toks: &[Token],
    k: usize,
    sent_start: usize,
    in_timex: &[bool],
) -> bool {
    let t = &toks[k];
    if t.kind != TokenKind::Word || !t.capitalized || in_timex.get(k).copied().unwrap_or(false) {
        return false;
    }
    let w = word(text, t);
    if flags(text, t) & (flag::TITLE | flag::ORG) != 0 {
        return true;
    }
    if t.tag == Tag::Nnp {
        // A sentence opener is a name only if the lexicon does not know it as a common word.
        if k == sent_start {
            return t
                .info
                .and_then(|i| i.pos)
                .is_none_or(|e| e.first == Tag::Nnp);
        }
        return true;
    }
    // All-capital acronyms ("NBC", "NATO").
    w.len() >= 2 && w.chars().all(|c| c.is_uppercase() || c == '.')
}

/// A short title for the event triggered at token `i` of the sentence `range`.
pub(crate) fn title(
    text: &str,
    toks: &[Token],
    range: std::ops::Range<usize>,
    i: usize,
    nominal: bool,
    lemma: &str,
    in_timex: &[bool],
) -> String {
    let end = range.end.min(toks.len());
    let w = |k: usize| word(text, &toks[k]);
    let stop = |k: usize| {
        let t = &toks[k];
        in_timex.get(k).copied().unwrap_or(false)
            || t.kind == TokenKind::Punct
            || matches!(t.tag, Tag::Wh | Tag::Md)
    };
    let mut parts: Vec<Cow<'_, str>> = Vec::new();
    if nominal {
        // Noun modifiers right before the head: "phone call", "peace talks".
        let mut s = i;
        while s > range.start && i - s < 3 {
            let p = s - 1;
            if stop(p) || !matches!(toks[p].tag, Tag::Nn | Tag::Nnp | Tag::Nns) {
                break;
            }
            s = p;
        }
        for k in s..i {
            parts.push(Cow::Borrowed(w(k)));
        }
        let head = if toks[i].tag == Tag::Nns {
            Cow::Owned(lemma.to_string())
        } else {
            lower(text, &toks[i])
        };
        parts.push(head);
        // Its complement: "between X and Y", "with NBC News", "of the talks".
        let mut k = i + 1;
        if k < end
            && matches!(
                w(k),
                "between" | "with" | "of" | "against" | "on" | "in" | "for" | "to" | "by" | "among"
            )
        {
            let first = k;
            while k < end && k - first < 9 && !stop(k) {
                if (toks[k].tag.is_verb() || toks[k].tag == Tag::Rb) && k > first {
                    break;
                }
                if k > first + 1 && toks[k].tag == Tag::In && !matches!(w(k), "of") {
                    break;
                }
                k += 1;
            }
            // No dangling function word at the end ("talks with the").
            while k > first
                && toks[k - 1]
                    .info
                    .and_then(|i| i.pos)
                    .is_some_and(|e| matches!(e.first, Tag::In | Tag::Cc | Tag::Dt | Tag::To))
            {
                k -= 1;
            }
            parts.extend((first..k).map(|j| Cow::Borrowed(w(j))));
        }
    } else {
        // Subject: the noun phrase before the verb group.
        let mut s = i;
        while s > range.start {
            let p = s - 1;
            let t = &toks[p];
            if t.tag == Tag::Rb || t.tag == Tag::Md || (t.tag.is_verb() && p + 3 >= i) {
                s = p;
                continue;
            }
            break;
        }
        let verb_start = s;
        let mut subj_start = verb_start;
        while subj_start > range.start && verb_start - subj_start < 4 {
            let p = subj_start - 1;
            if stop(p)
                || !matches!(
                    toks[p].tag,
                    Tag::Nn | Tag::Nns | Tag::Nnp | Tag::Prp | Tag::Jj
                )
            {
                break;
            }
            subj_start = p;
        }
        for k in subj_start..=i {
            parts.push(Cow::Borrowed(w(k)));
        }
        // Object: up to five words after the verb.
        let mut k = i + 1;
        let mut taken = 0;
        while k < end && taken < 5 && !stop(k) {
            let t = &toks[k];
            if t.tag.is_verb() || (t.tag == Tag::In && taken > 0) || t.tag == Tag::Cc {
                break;
            }
            if t.tag == Tag::In && !matches!(w(k), "to" | "with" | "for" | "on" | "about") {
                break;
            }
            parts.push(Cow::Borrowed(w(k)));
            taken += 1;
            k += 1;
        }
    }
    parts.join(" ")
}
