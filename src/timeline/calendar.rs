//! Civil time as whole seconds, the calendar spans of TIMEX3 values (with their `mod`), duration
//! bounds and ISO 8601 printing of gap lengths.

use chrono::{DateTime, NaiveDate, NaiveDateTime};

use crate::timex::TimexMod;
use crate::value::{DurationUnit, Granularity, RefValue, TimexValue};

/// Seconds in a day.
pub(crate) const DAY: i64 = 86_400;
/// Stands for "no bound": far beyond any calendar date the value grammar can write.
pub(crate) const BIG: i64 = 4_000_000_000_000_000;
/// Values at or beyond this distance from the epoch are treated as unbounded.
pub(crate) const HORIZON: i64 = 1_000_000_000_000_000;
/// Longest duration a constraint may state (about 300,000 years).
pub(crate) const MAX_LEN: i64 = 10_000_000_000_000;

/// Seconds since 1970-01-01T00:00 on the naive civil timeline.
pub(crate) fn secs(t: NaiveDateTime) -> i64 {
    t.and_utc().timestamp()
}

/// The civil date-time of a second count, `None` when unbounded or out of chrono's range.
pub(crate) fn datetime(s: i64) -> Option<NaiveDateTime> {
    if !finite(s) {
        return None;
    }
    DateTime::from_timestamp(s, 0).map(|d| d.naive_utc())
}

/// The day a second count falls on.
pub(crate) fn day_number(s: i64) -> i64 {
    s.div_euclid(DAY)
}

/// Whether a bound is a real date rather than "unbounded".
pub(crate) fn finite(s: i64) -> bool {
    s > -HORIZON && s < HORIZON
}

/// A half-open span `[start, end)` in seconds; `-BIG`/`BIG` stand for an open side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub start: i64,
    pub end: i64,
}

/// The span a date or time value covers, narrowed or widened by its `mod`; `dct` resolves
/// `PAST_REF`, `PRESENT_REF` and `FUTURE_REF`. `None` for durations and year-less values.
pub(crate) fn value_span(
    value: &TimexValue,
    modifier: Option<TimexMod>,
    dct: Option<NaiveDate>,
) -> Option<Span> {
    let interval = match dct {
        Some(d) => value.interval_at(d),
        None => value.interval(),
    }?;
    let (mut a, mut b) = (secs(interval.start), secs(interval.end));
    // The open side of PAST_REF and FUTURE_REF is unbounded, not a far-away date.
    match value {
        TimexValue::Ref(RefValue::Past) => a = -BIG,
        TimexValue::Ref(RefValue::Future) => b = BIG,
        _ => {}
    }
    Some(apply_mod(Span { start: a, end: b }, modifier))
}

/// A third of a span, in whole days when the span is at least three days long.
fn third(len: i64) -> i64 {
    let t = len / 3;
    if len >= 3 * DAY {
        (t / DAY).max(1) * DAY
    } else {
        t.max(1)
    }
}

fn apply_mod(s: Span, modifier: Option<TimexMod>) -> Span {
    let Some(m) = modifier else { return s };
    if !finite(s.start) || !finite(s.end) {
        return s;
    }
    let len = s.end - s.start;
    match m {
        TimexMod::Start => Span {
            start: s.start,
            end: s.start + third(len),
        },
        TimexMod::Mid => Span {
            start: s.start + third(len),
            end: s.end - third(len),
        },
        TimexMod::End => Span {
            start: s.end - third(len),
            end: s.end,
        },
        TimexMod::Before => Span {
            start: -BIG,
            end: s.start,
        },
        TimexMod::OnOrBefore => Span {
            start: -BIG,
            end: s.end,
        },
        TimexMod::After => Span {
            start: s.end,
            end: BIG,
        },
        TimexMod::OnOrAfter => Span {
            start: s.start,
            end: BIG,
        },
        TimexMod::Approx => Span {
            start: s.start - len / 2,
            end: s.end + len / 2,
        },
        TimexMod::LessThan | TimexMod::MoreThan | TimexMod::EqualOrLess | TimexMod::EqualOrMore => {
            s
        }
    }
}

/// Shortest and longest length of a duration value in seconds, with its `mod` applied;
/// `None` when the value is not a duration with known amounts.
pub(crate) fn duration_secs(value: &TimexValue, modifier: Option<TimexMod>) -> Option<(i64, i64)> {
    let TimexValue::Duration(d) = value else {
        return None;
    };
    let (lo, hi) = d.bounds()?;
    let (lo, hi) = (
        lo.num_seconds().clamp(0, MAX_LEN),
        hi.num_seconds().clamp(0, MAX_LEN),
    );
    Some(match modifier {
        Some(TimexMod::LessThan) => (0, hi.saturating_sub(1).max(0)),
        Some(TimexMod::EqualOrLess) => (0, hi),
        Some(TimexMod::MoreThan) => (lo.saturating_add(1).min(MAX_LEN), MAX_LEN),
        Some(TimexMod::EqualOrMore) => (lo, MAX_LEN),
        Some(TimexMod::Approx) => (lo / 4 * 3, (hi / 4).saturating_mul(5).min(MAX_LEN)),
        _ => (lo, hi),
    })
}

/// The smallest clock unit (in seconds) a duration value names, if it names hours, minutes or
/// seconds.
pub(crate) fn duration_unit(value: &TimexValue) -> Option<i64> {
    match value {
        TimexValue::Duration(d) => d
            .parts()
            .iter()
            .filter_map(|(_, u)| match u {
                DurationUnit::Hour => Some(3600),
                DurationUnit::Minute => Some(60),
                DurationUnit::Second => Some(1),
                _ => None,
            })
            .min(),
        _ => None,
    }
}

/// The unit (in seconds) a granularity finer than the day counts in.
pub(crate) fn granularity_unit(g: Granularity) -> Option<i64> {
    match g {
        Granularity::Second => Some(1),
        Granularity::Minute => Some(60),
        Granularity::Hour | Granularity::PartOfDay => Some(3600),
        _ => None,
    }
}

/// ISO 8601 for a non-negative number of whole days: `P34D`.
pub(crate) fn iso_days(days: i64) -> String {
    format!("P{}D", days.max(0))
}

/// ISO 8601 for a non-negative number of seconds, days first: `P1DT6H`, `PT45M`, `P0D`.
pub(crate) fn iso_secs(s: i64) -> String {
    let s = s.max(0);
    let (d, rest) = (s / DAY, s % DAY);
    let (h, m, sec) = (rest / 3600, rest % 3600 / 60, rest % 60);
    let mut out = String::from("P");
    if d > 0 {
        out.push_str(&format!("{d}D"));
    }
    if rest > 0 {
        out.push('T');
        if h > 0 {
            out.push_str(&format!("{h}H"));
        }
        if m > 0 {
            out.push_str(&format!("{m}M"));
        }
        if sec > 0 {
            out.push_str(&format!("{sec}S"));
        }
    }
    if out == "P" {
        out.push_str("0D");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> TimexValue {
        s.parse().unwrap()
    }

    fn day(s: &str) -> i64 {
        secs(
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .unwrap()
                .and_hms_opt(0, 0, 0)
                .unwrap(),
        )
    }

    #[test]
    fn spans_follow_granularity_and_mod() {
        let s = value_span(&v("2025-03"), None, None).unwrap();
        assert_eq!((s.start, s.end), (day("2025-03-01"), day("2025-04-01")));
        let s = value_span(&v("2025-03"), Some(TimexMod::Start), None).unwrap();
        assert_eq!((s.start, s.end), (day("2025-03-01"), day("2025-03-11")));
        let s = value_span(&v("2025-03"), Some(TimexMod::End), None).unwrap();
        assert_eq!((s.start, s.end), (day("2025-03-22"), day("2025-04-01")));
        let s = value_span(&v("2025-W13-WE"), None, None).unwrap();
        assert_eq!((s.start, s.end), (day("2025-03-29"), day("2025-03-31")));
        let s = value_span(&v("2025"), Some(TimexMod::Before), None).unwrap();
        assert_eq!((s.start, s.end), (-BIG, day("2025-01-01")));
        let s = value_span(&v("2025-03-18"), Some(TimexMod::Approx), None).unwrap();
        assert_eq!(s.end - s.start, 2 * DAY);
        let dct = NaiveDate::from_ymd_opt(2025, 3, 31);
        let s = value_span(&v("PAST_REF"), None, dct).unwrap();
        assert_eq!((s.start, s.end), (-BIG, day("2025-03-31")));
        assert!(value_span(&v("XXXX-03-18"), None, dct).is_none());
        assert!(value_span(&v("P3D"), None, dct).is_none());
    }

    #[test]
    fn durations_and_iso() {
        assert_eq!(duration_secs(&v("P2W"), None), Some((14 * DAY, 14 * DAY)));
        assert_eq!(
            duration_secs(&v("P3D"), Some(TimexMod::EqualOrLess)),
            Some((0, 3 * DAY))
        );
        assert_eq!(duration_secs(&v("PXY"), None), None);
        assert_eq!(iso_days(34), "P34D");
        assert_eq!(iso_secs(DAY + 6 * 3600), "P1DT6H");
        assert_eq!(iso_secs(45 * 60), "PT45M");
        assert_eq!(iso_secs(0), "P0D");
        assert_eq!(day_number(-1), -1);
    }
}
