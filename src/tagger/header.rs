//! Finding the document date in the first lines of a text ("date 2025-03-31",
//! "Monday, March 31, 2025", "March 31, 2025 5:12 PM EDT").
//!
//! Only short lines count: a date inside a sentence of the body is an event date, not the
//! date of the document.

use chrono::{NaiveDate, NaiveTime};

use super::lexicon::{MonthForm, HEADER_LABELS, MONTHS};
use super::token::{eq_lower, tokenize, TokKind, Token};

/// How many non-empty lines are searched.
const HEADER_LINES: usize = 5;
/// Longer lines are body text.
const MAX_LINE: usize = 90;
/// A header line has few tokens besides its date.
const MAX_TOKENS: usize = 18;

/// The document date found in the header, with its clock time when given.
pub(crate) fn detect_dct(text: &str) -> Option<(NaiveDate, Option<NaiveTime>)> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(HEADER_LINES)
        .find_map(|l| {
            if l.len() <= MAX_LINE {
                parse_line(l)
            } else {
                dateline(l).and_then(parse_line)
            }
        })
}

/// The dateline that opens a paragraph of body text, up to the dash or parenthesis that
/// ends it: "WASHINGTON, Nov. 12, 2025 (Reuters) - The Senate voted…" gives "WASHINGTON,
/// Nov. 12, 2025". The place is written in capitals and followed by a comma.
fn dateline(line: &str) -> Option<&str> {
    let cut = (0..=MAX_LINE.min(line.len()))
        .rev()
        .find(|&i| line.is_char_boundary(i))?;
    let head = line.get(..cut)?;
    let comma = head.find(',')?;
    let place = head.get(..comma)?;
    let capitals = place.bytes().any(|b| b.is_ascii_uppercase())
        && !place.bytes().any(|b| b.is_ascii_lowercase())
        && place.split_whitespace().count() <= 4;
    if !capitals {
        return None;
    }
    let end = [" - ", " -- ", " \u{2014} ", " \u{2013} ", " (", "\u{2014}"]
        .iter()
        .filter_map(|sep| head.find(sep))
        .min()?;
    (end > comma).then(|| head.get(..end)).flatten()
}

struct Line<'a> {
    s: &'a str,
    t: Vec<Token>,
}

impl Line<'_> {
    fn num(&self, i: usize) -> Option<(u32, u8)> {
        let t = self.t.get(i)?;
        (t.kind == TokKind::Num).then_some((t.num()?, t.digits))
    }
    fn word(&self, i: usize) -> &[u8] {
        self.t
            .get(i)
            .and_then(|t| self.s.as_bytes().get(t.start()..t.end()))
            .unwrap_or(&[])
    }
    fn p(&self, i: usize, c: u8) -> bool {
        self.t.get(i).is_some_and(|t| t.kind == TokKind::Punct) && self.word(i) == [c]
    }
    fn month(&self, i: usize) -> Option<(u32, usize)> {
        let w = self.word(i);
        let &(_, m, form) = MONTHS.iter().find(|(name, _, _)| eq_lower(w, name))?;
        if form != MonthForm::Full && !w.first().is_some_and(u8::is_ascii_uppercase) {
            return None;
        }
        let next = if self.p(i + 1, b'.') { i + 2 } else { i + 1 };
        Some((u32::from(m), next))
    }
    fn day(&self, i: usize) -> Option<(u32, usize)> {
        let (d, n) = self.num(i)?;
        if n > 2 {
            return None;
        }
        let mut j = i + 1;
        if ["st", "nd", "rd", "th"]
            .iter()
            .any(|s| eq_lower(self.word(j), s))
        {
            j += 1;
        }
        Some((d, j))
    }
    fn year(&self, i: usize) -> Option<(i32, usize)> {
        let (y, n) = self.num(i)?;
        (n == 4).then_some((y as i32, i + 1))
    }
    /// The line reads as a title ending in a date ("The Battle of Waterloo, 18 June 1815"):
    /// three or more words before the date, none a label ("By", "Posted"), no separator
    /// ("|", "—", ":"), and nothing after it.
    /// Completes a date that starts at token `i` and has its month and day, with the year
    /// at token `k` (after an optional comma) and an optional clock time after it ("…, 2025
    /// at 5:12 PM"). `None`: no year there; `Some(None)`: a year, but not a real date, or a
    /// title that merely ends in a date.
    #[allow(clippy::type_complexity)]
    fn year_and_time(
        &self,
        i: usize,
        k: usize,
        m: u32,
        d: u32,
    ) -> Option<Option<(NaiveDate, Option<NaiveTime>)>> {
        let k = if self.p(k, b',') { k + 1 } else { k };
        let (y, e) = self.year(k)?;
        let Some(date) = NaiveDate::from_ymd_opt(y, m, d) else {
            return Some(None);
        };
        if self.title_like(i, e) {
            return Some(None);
        }
        let e = if self.p(e, b',') { e + 1 } else { e };
        let e = if eq_lower(self.word(e), "at") {
            e + 1
        } else {
            e
        };
        Some(Some((date, self.time(e))))
    }

    fn title_like(&self, start: usize, end: usize) -> bool {
        let words_before = (0..start)
            .filter(|&k| self.t.get(k).is_some_and(|t| t.kind == TokKind::Word))
            .count();
        let labelled = (0..start).any(|k| HEADER_LABELS.iter().any(|n| eq_lower(self.word(k), n)))
            || eq_lower(self.word(0), "by");
        let separated = (0..start).any(|k| {
            let w = self.word(k);
            self.t.get(k).is_some_and(|t| t.kind == TokKind::Punct)
                && (w == b"|" || w == b":" || w == "—".as_bytes() || w == "–".as_bytes())
        });
        let at_end =
            (end..self.t.len()).all(|k| self.t.get(k).is_some_and(|t| t.kind == TokKind::Punct));
        words_before >= 3 && !labelled && !separated && at_end
    }

    /// A numeric date at `i` as (month, day, year) and the token after it: "6/12/2025"
    /// (month first, as in American usage, unless the first number exceeds 12),
    /// "12.06.2025" (day first), "2025/06/12".
    #[allow(clippy::type_complexity)]
    fn numeric(&self, i: usize) -> Option<((u32, u32, i32), usize)> {
        let sep = |k: usize| {
            [b'/', b'.']
                .into_iter()
                .find(|&c| self.p(k, c) && self.p(k + 2, c))
        };
        let (a, an) = self.num(i)?;
        let c = sep(i + 1)?;
        let (b, bn) = self.num(i + 2)?;
        let (z, zn) = self.num(i + 4)?;
        if bn > 2 {
            return None;
        }
        let (m, d, y) = match (an, zn, c) {
            (4, 1..=2, b'/') => (b, z, a as i32),
            (1..=2, 4, b'/') if a > 12 => (b, a, z as i32),
            (1..=2, 4, b'/') => (a, b, z as i32),
            (1..=2, 4, _) if b > 12 => (a, b, z as i32),
            (1..=2, 4, _) => (b, a, z as i32),
            _ => return None,
        };
        Some(((m, d, y), i + 5))
    }

    /// A clock time at `i`: "10:00[:00]", "5:12 PM", "T10:00:00Z".
    fn time(&self, i: usize) -> Option<NaiveTime> {
        let i = if eq_lower(self.word(i), "t") {
            i + 1
        } else {
            i
        };
        let (h, _) = self.num(i)?;
        if !self.p(i + 1, b':') {
            return None;
        }
        let (m, _) = self.num(i + 2)?;
        let mut k = i + 3;
        let mut s = 0;
        if self.p(k, b':') {
            s = self.num(k + 1)?.0;
            k += 2;
        }
        let mut h = h;
        let w = self.word(k);
        if eq_lower(w, "pm") || (eq_lower(w, "p") && self.p(k + 1, b'.')) {
            if h < 12 {
                h += 12;
            }
        } else if (eq_lower(w, "am") || (eq_lower(w, "a") && self.p(k + 1, b'.'))) && h == 12 {
            h = 0;
        }
        NaiveTime::from_hms_opt(h, m, s)
    }
}

fn parse_line(line: &str) -> Option<(NaiveDate, Option<NaiveTime>)> {
    let l = Line {
        s: line,
        t: tokenize(line),
    };
    if l.t.len() > MAX_TOKENS + 8 {
        return None;
    }
    for i in 0..l.t.len() {
        // ISO: 2025-03-31[T10:00:00Z]
        if let (Some((y, 4)), true, Some((m, _)), true, Some((d, _))) = (
            l.num(i),
            l.p(i + 1, b'-'),
            l.num(i + 2),
            l.p(i + 3, b'-'),
            l.num(i + 4),
        ) {
            let date = NaiveDate::from_ymd_opt(y as i32, m, d)?;
            if l.title_like(i, i + 5) {
                return None;
            }
            return Some((date, l.time(i + 5)));
        }
        // Numeric: 6/12/2025 (month first, unless the first number cannot be a month),
        // 12.06.2025 (day first), 2025/06/12.
        if let Some(((a, b, y), e)) = l.numeric(i) {
            let date = NaiveDate::from_ymd_opt(y, a, b)?;
            if l.title_like(i, e) {
                return None;
            }
            return Some((date, l.time(e)));
        }
        // Month Day, Year
        if let Some((m, j)) = l.month(i) {
            if let Some((d, k)) = l.day(j) {
                if let Some(found) = l.year_and_time(i, k, m, d) {
                    return found;
                }
            }
        }
        // Day Month Year
        if let Some((d, j)) = l.day(i) {
            if let Some((m, k)) = l.month(j) {
                if let Some(found) = l.year_and_time(i, k, m, d) {
                    return found;
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dct(s: &str) -> Option<String> {
        detect_dct(s).map(|(d, t)| match t {
            Some(t) => format!("{d}T{t}"),
            None => d.to_string(),
        })
    }

    #[test]
    fn header_forms() {
        let cases: &[(&str, Option<&str>)] = &[
            ("date 2025-03-31\n\nText.", Some("2025-03-31")),
            ("Monday, March 31, 2025\nText", Some("2025-03-31")),
            ("31 March 2025\nText", Some("2025-03-31")),
            ("2025-03-31T10:00:00Z\nText", Some("2025-03-31T10:00:00")),
            (
                "March 31, 2025 5:12 PM EDT\nText",
                Some("2025-03-31T17:12:00"),
            ),
            // Numeric: month first unless the first number cannot be a month; dotted day first.
            (
                "Updated 6/12/2025 4:05 PM\nText",
                Some("2025-06-12T16:05:00"),
            ),
            ("Posted 25/12/2024\nText", Some("2024-12-25")),
            ("12.06.2025\nText", Some("2025-06-12")),
            ("2025/06/12\nText", Some("2025-06-12")),
            ("13/13/2025\nText", None),
            ("Add 1/2 cup of flour.\nText", None),
        ];
        for &(text, want) in cases {
            assert_eq!(dct(text).as_deref(), want, "{text:?}");
        }
    }

    #[test]
    fn titles_are_not_dcts() {
        assert_eq!(
            dct("The Battle of Waterloo, 18 June 1815\n\nThe battle began."),
            None
        );
        assert_eq!(
            dct("Published: Monday, March 31, 2025 at 5:12 PM EDT\nText").as_deref(),
            Some("2025-03-31T17:12:00")
        );
    }

    #[test]
    fn datelines_and_body_dates_are_not_dcts() {
        assert_eq!(dct("MOSCOW, March 31 (Reuters) - The Kremlin said"), None);
        // A dateline opening a long first paragraph.
        let para = "WASHINGTON, Nov. 12, 2025 (Reuters) - The Senate voted 52-48 on Tuesday to confirm the nominee, ending a standoff.";
        assert_eq!(dct(para).as_deref(), Some("2025-11-12"));
        let para = "NEW YORK, 3 March 2024 \u{2014} Shares fell sharply in early trading on Monday as investors weighed the latest figures.";
        assert_eq!(dct(para).as_deref(), Some("2024-03-03"));
        // Not a dateline: a sentence whose first clause ends in a comma.
        let para = "In Washington, on Nov. 12, 2025 (a Wednesday) - the Senate voted 52-48 to confirm the nominee, ending a long standoff.";
        assert_eq!(dct(para), None);
        let body = "The battle was fought on 18 June 1815 near Waterloo, in what is now Belgium, between the French army and two coalition armies.";
        assert_eq!(dct(body), None);
        assert_eq!(dct("date 2025-02-30"), None);
    }
}
