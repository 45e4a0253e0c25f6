//! Structured TIMEX3 values: parsing, printing and calendar intervals.
//!
//! A [`TimexValue`] prints exactly as the TimeML value string (`2025-03-18`, `2025-W13-WE`,
//! `P34D`, `PAST_REF`…) and parses back from it. Dates and times know their [`Granularity`] and
//! yield the half-open [`Interval`] they cover on the civil calendar; nothing pretends to a
//! precision it does not have.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Days, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::ValueError;

/// The smallest calendar unit a value pins down. Bigger units compare greater.
///
/// ```
/// use eventline::Granularity;
/// assert!(Granularity::Day < Granularity::Month);
/// assert!(Granularity::Year < Granularity::Decade);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    /// A second.
    Second,
    /// A minute.
    Minute,
    /// An hour.
    Hour,
    /// A part of a day (morning, afternoon, evening, night).
    PartOfDay,
    /// A day.
    Day,
    /// A weekend (Saturday and Sunday).
    Weekend,
    /// An ISO week.
    Week,
    /// A month.
    Month,
    /// A season.
    Season,
    /// A quarter.
    Quarter,
    /// A half year.
    Half,
    /// A year.
    Year,
    /// A decade.
    Decade,
    /// A century.
    Century,
}

/// A season of the year (northern hemisphere, meteorological).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Season {
    /// Spring, `SP`: March to May.
    Spring,
    /// Summer, `SU`: June to August.
    Summer,
    /// Fall, `FA`: September to November.
    Fall,
    /// Winter, `WI`: December to February of the next year.
    Winter,
}

impl Season {
    /// The TIMEX3 code (`SP`, `SU`, `FA`, `WI`).
    pub fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Fall => "FA",
            Season::Winter => "WI",
        }
    }
    fn from_code(s: &str) -> Option<Season> {
        Some(match s {
            "SP" => Season::Spring,
            "SU" => Season::Summer,
            "FA" => Season::Fall,
            "WI" => Season::Winter,
            _ => return None,
        })
    }
}

/// A part of the day (`TMO`, `TAF`, `TEV`, `TNI`, `TDT`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartOfDay {
    /// Morning, `MO`: 06:00–12:00.
    Morning,
    /// Midday, `MI`: 11:00–14:00.
    Midday,
    /// Afternoon, `AF`: 12:00–18:00.
    Afternoon,
    /// Evening, `EV`: 18:00–22:00 (bounds: 17:00–24:00).
    Evening,
    /// Night, `NI`: 20:00 to 06:00 the next day.
    Night,
    /// Daytime, `DT`: 06:00–18:00.
    Daytime,
}

impl PartOfDay {
    /// The TIMEX3 code (`MO`, `MI`, `AF`, `EV`, `NI`, `DT`).
    pub fn code(self) -> &'static str {
        match self {
            PartOfDay::Morning => "MO",
            PartOfDay::Midday => "MI",
            PartOfDay::Afternoon => "AF",
            PartOfDay::Evening => "EV",
            PartOfDay::Night => "NI",
            PartOfDay::Daytime => "DT",
        }
    }
    fn from_code(s: &str) -> Option<PartOfDay> {
        Some(match s {
            "MO" => PartOfDay::Morning,
            "MI" => PartOfDay::Midday,
            "AF" => PartOfDay::Afternoon,
            "EV" => PartOfDay::Evening,
            "NI" => PartOfDay::Night,
            "DT" => PartOfDay::Daytime,
            _ => return None,
        })
    }
    /// Hours covered, `[start, end)`, counted from the day's midnight (end may exceed 24).
    fn hours(self) -> (i64, i64) {
        match self {
            PartOfDay::Morning => (6, 12),
            PartOfDay::Midday => (11, 14),
            PartOfDay::Afternoon => (12, 18),
            PartOfDay::Evening => (17, 24),
            PartOfDay::Night => (20, 30),
            PartOfDay::Daytime => (6, 18),
        }
    }
}

/// A clock time or a part of the day attached to a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeOfDay {
    /// A clock reading: hour (0–24), optional minute and second.
    Clock {
        /// Hour, 0–24 (24 is the midnight that ends the day).
        hour: u8,
        /// Minute, when stated.
        minute: Option<u8>,
        /// Second, when stated (requires a minute).
        second: Option<u8>,
    },
    /// A part of the day.
    Part(PartOfDay),
}

/// A calendar date at some granularity. `year: None` prints as `XXXX` (year unknown).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateValue {
    /// `19`: the 1900s (the 20th century).
    Century(i32),
    /// `199`: the 1990s.
    Decade(i32),
    /// `2025`.
    Year(i32),
    /// `2025-SU`.
    Season(Option<i32>, Season),
    /// `2025-Q1`; quarter 1–4.
    Quarter(Option<i32>, u8),
    /// `2025-H1`; half 1–2.
    Half(Option<i32>, u8),
    /// `2025-03`.
    Month(Option<i32>, u8),
    /// `2025-W13`; ISO week 1–53.
    Week(Option<i32>, u8),
    /// `2025-W13-WE`: the weekend of an ISO week.
    Weekend(Option<i32>, u8),
    /// `2025-03-18`.
    Day(Option<i32>, u8, u8),
    /// `XXXX-WXX-1`: a day of the week with unknown week (1 = Monday … 7 = Sunday); used by SETs.
    Weekday(u8),
    /// `XXXX-XX-XX`: a day the text does not give, as in the value of a clock time with no
    /// known day (`XXXX-XX-XXT09:00`).
    AnyDay,
}

/// An amount in a duration: a number, or `X` when the text gives none ("years").
pub type Amount = Option<u32>;

/// A unit of a duration value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DurationUnit {
    /// `CE`: centuries.
    Century,
    /// `DE`: decades.
    Decade,
    /// `Y`: years.
    Year,
    /// `Q`: quarters.
    Quarter,
    /// `M` (date part): months.
    Month,
    /// `W`: weeks.
    Week,
    /// `WE`: weekends.
    Weekend,
    /// `D`: days.
    Day,
    /// `H` (time part): hours.
    Hour,
    /// `M` (time part): minutes.
    Minute,
    /// `S` (time part): seconds.
    Second,
    /// `X`: an unspecified unit ("a while" → `PXX`).
    Unspecified,
}

impl DurationUnit {
    fn is_time(self) -> bool {
        matches!(
            self,
            DurationUnit::Hour | DurationUnit::Minute | DurationUnit::Second
        )
    }
    fn code(self) -> &'static str {
        match self {
            DurationUnit::Century => "CE",
            DurationUnit::Decade => "DE",
            DurationUnit::Year => "Y",
            DurationUnit::Quarter => "Q",
            DurationUnit::Month => "M",
            DurationUnit::Week => "W",
            DurationUnit::Weekend => "WE",
            DurationUnit::Day => "D",
            DurationUnit::Hour => "H",
            DurationUnit::Minute => "M",
            DurationUnit::Second => "S",
            DurationUnit::Unspecified => "X",
        }
    }
    /// Shortest and longest length of one unit, in seconds.
    fn seconds(self) -> (i64, i64) {
        const DAY: i64 = 86_400;
        match self {
            DurationUnit::Century => (36_524 * DAY, 36_525 * DAY),
            DurationUnit::Decade => (3_652 * DAY, 3_653 * DAY),
            DurationUnit::Year => (365 * DAY, 366 * DAY),
            DurationUnit::Quarter => (89 * DAY, 92 * DAY),
            DurationUnit::Month => (28 * DAY, 31 * DAY),
            DurationUnit::Week => (7 * DAY, 7 * DAY),
            DurationUnit::Weekend => (2 * DAY, 2 * DAY),
            DurationUnit::Day => (DAY, DAY),
            DurationUnit::Hour => (3_600, 3_600),
            DurationUnit::Minute => (60, 60),
            DurationUnit::Second => (1, 1),
            DurationUnit::Unspecified => (1, i64::MAX / 4),
        }
    }
}

/// A duration value such as `P34D`, `P2Y6M`, `PT1M30S` or `PXY`.
///
/// ```
/// use eventline::{DurationUnit, DurationValue};
/// let d = DurationValue::new(34, DurationUnit::Day);
/// assert_eq!(d.to_string(), "P34D");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DurationValue {
    parts: Vec<(Amount, DurationUnit)>,
}

impl DurationValue {
    /// A duration of `amount` units.
    pub fn new(amount: u32, unit: DurationUnit) -> DurationValue {
        DurationValue {
            parts: vec![(Some(amount), unit)],
        }
    }
    /// An unspecified amount of a unit (`PXY` for "years").
    pub fn unspecified(unit: DurationUnit) -> DurationValue {
        DurationValue {
            parts: vec![(None, unit)],
        }
    }
    /// A duration from several parts, sorted from the biggest unit; parts of one unit add up.
    pub fn from_parts(parts: impl IntoIterator<Item = (Amount, DurationUnit)>) -> DurationValue {
        let parts = parts.into_iter();
        // One allocation of the right size for the usual case, parts of distinct units.
        let mut out: Vec<(Amount, DurationUnit)> = Vec::with_capacity(parts.size_hint().0);
        for (a, u) in parts {
            if let Some(p) = out.iter_mut().find(|p| p.1 == u) {
                p.0 = match (p.0, a) {
                    (Some(x), Some(y)) => Some(x.saturating_add(y)),
                    _ => None,
                };
            } else {
                out.push((a, u));
            }
        }
        out.sort_by_key(|p| p.1);
        DurationValue { parts: out }
    }
    /// The parts, biggest unit first.
    pub fn parts(&self) -> &[(Amount, DurationUnit)] {
        &self.parts
    }
    /// Shortest and longest length this duration can have (months are 28–31 days, years
    /// 365–366). `None` when an amount is unspecified.
    ///
    /// ```
    /// use eventline::{DurationUnit, DurationValue};
    /// let (min, max) = DurationValue::new(1, DurationUnit::Month).bounds().unwrap();
    /// assert_eq!((min.num_days(), max.num_days()), (28, 31));
    /// ```
    pub fn bounds(&self) -> Option<(Duration, Duration)> {
        let (mut lo, mut hi) = (0i64, 0i64);
        for &(a, u) in &self.parts {
            let a = a? as i64;
            let (l, h) = u.seconds();
            if u == DurationUnit::Unspecified {
                return None;
            }
            lo = lo.saturating_add(a.saturating_mul(l));
            hi = hi.saturating_add(a.saturating_mul(h));
        }
        // chrono durations hold about 292 billion years; clamp far below that.
        let cap = 1_000_000 * 366 * 86_400i64;
        Some((
            Duration::seconds(lo.min(cap)),
            Duration::seconds(hi.min(cap)),
        ))
    }
}

impl fmt::Display for DurationValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("P")?;
        let mut in_time = false;
        for &(a, u) in &self.parts {
            if u.is_time() && !in_time {
                f.write_str("T")?;
                in_time = true;
            }
            match a {
                Some(n) => write!(f, "{n}")?,
                None => f.write_str("X")?,
            }
            f.write_str(u.code())?;
        }
        Ok(())
    }
}

/// A vague reference to the present, past or future.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RefValue {
    /// `PRESENT_REF`: now, currently.
    Present,
    /// `PAST_REF`: recently, the past.
    Past,
    /// `FUTURE_REF`: soon, the future.
    Future,
}

/// A normalized TIMEX3 value.
///
/// Prints as the TimeML string and parses back from it:
///
/// ```
/// use eventline::TimexValue;
/// for s in ["2025-03-18", "2025-W13-WE", "199", "2025-Q3", "P34D", "PT1M30S",
///           "2025-03-18T15:30", "2025-03-18TMO", "XXXX-WXX-1", "XXXX-WXX-2TNI",
///           "XXXX-XX-XXT09:00", "PAST_REF",
///           "XXXX-02-12"] {
///     let v: TimexValue = s.parse()?;
///     assert_eq!(v.to_string(), s);
/// }
/// Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TimexValue {
    /// A calendar date at some granularity.
    Date(DateValue),
    /// A time of day on a day (`date` is a [`DateValue::Day`]), or on every such weekday
    /// (a [`DateValue::Weekday`], the value of a SET: `XXXX-WXX-2TNI`).
    Time(DateValue, TimeOfDay),
    /// A duration (also the period of many SETs).
    Duration(DurationValue),
    /// A vague reference (`PRESENT_REF`, `PAST_REF`, `FUTURE_REF`).
    Ref(RefValue),
}

/// A half-open span of civil time `[start, end)` with the granularity it was known at.
///
/// ```
/// use eventline::{Granularity, TimexValue};
/// let v: TimexValue = "2025-03".parse()?;
/// let i = v.interval().unwrap();
/// assert_eq!(i.start.to_string(), "2025-03-01 00:00:00");
/// assert_eq!(i.end.to_string(), "2025-04-01 00:00:00");
/// assert_eq!(i.granularity, Granularity::Month);
/// Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Interval {
    /// First instant inside.
    pub start: NaiveDateTime,
    /// First instant after.
    pub end: NaiveDateTime,
    /// How precisely the text placed it.
    pub granularity: Granularity,
}

impl Interval {
    /// Whether the instant lies inside.
    pub fn contains(&self, t: NaiveDateTime) -> bool {
        self.start <= t && t < self.end
    }
    /// Length of the interval.
    pub fn length(&self) -> Duration {
        self.end - self.start
    }
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDateTime> {
    NaiveDate::from_ymd_opt(y, m, d).map(|d| d.and_time(NaiveTime::MIN))
}

fn iso_week_monday(y: i32, w: u8) -> Option<NaiveDate> {
    NaiveDate::from_isoywd_opt(y, w as u32, Weekday::Mon)
}

fn span(
    start: Option<NaiveDateTime>,
    end: Option<NaiveDateTime>,
    g: Granularity,
) -> Option<Interval> {
    Some(Interval {
        start: start?,
        end: end?,
        granularity: g,
    })
}

impl DateValue {
    /// The granularity of this date.
    pub fn granularity(&self) -> Granularity {
        match self {
            DateValue::Century(_) => Granularity::Century,
            DateValue::Decade(_) => Granularity::Decade,
            DateValue::Year(_) => Granularity::Year,
            DateValue::Season(..) => Granularity::Season,
            DateValue::Quarter(..) => Granularity::Quarter,
            DateValue::Half(..) => Granularity::Half,
            DateValue::Month(..) => Granularity::Month,
            DateValue::Week(..) => Granularity::Week,
            DateValue::Weekend(..) => Granularity::Weekend,
            DateValue::Day(..) | DateValue::Weekday(_) | DateValue::AnyDay => Granularity::Day,
        }
    }

    /// The year, when the value names one.
    pub fn year(&self) -> Option<i32> {
        match *self {
            DateValue::Century(_)
            | DateValue::Decade(_)
            | DateValue::Weekday(_)
            | DateValue::AnyDay => None,
            DateValue::Year(y) => Some(y),
            DateValue::Season(y, _)
            | DateValue::Quarter(y, _)
            | DateValue::Half(y, _)
            | DateValue::Month(y, _)
            | DateValue::Week(y, _)
            | DateValue::Weekend(y, _)
            | DateValue::Day(y, _, _) => y,
        }
    }

    /// The day as a chrono date, for a fully known day.
    pub fn to_naive_date(&self) -> Option<NaiveDate> {
        match *self {
            DateValue::Day(Some(y), m, d) => NaiveDate::from_ymd_opt(y, m as u32, d as u32),
            _ => None,
        }
    }

    /// A fully known day.
    pub fn from_naive_date(d: NaiveDate) -> DateValue {
        DateValue::Day(Some(d.year()), d.month() as u8, d.day() as u8)
    }

    /// The calendar interval covered, when the year is known.
    pub fn interval(&self) -> Option<Interval> {
        let g = self.granularity();
        match *self {
            // "BC04", the 5th century BC (`Century(-5)`): 500 BC to 401 BC, the
            // astronomical years -499 to -400.
            DateValue::Century(c) if c < 0 => {
                let y = c.checked_mul(100)?.checked_add(1)?;
                span(ymd(y, 1, 1), ymd(y.checked_add(100)?, 1, 1), g)
            }
            DateValue::Century(c) => {
                let y = c.checked_mul(100)?;
                span(ymd(y, 1, 1), ymd(y.checked_add(100)?, 1, 1), g)
            }
            DateValue::Decade(d) => {
                let y = d.checked_mul(10)?;
                span(ymd(y, 1, 1), ymd(y.checked_add(10)?, 1, 1), g)
            }
            DateValue::Year(y) => span(ymd(y, 1, 1), ymd(y.checked_add(1)?, 1, 1), g),
            DateValue::Season(Some(y), s) => match s {
                Season::Spring => span(ymd(y, 3, 1), ymd(y, 6, 1), g),
                Season::Summer => span(ymd(y, 6, 1), ymd(y, 9, 1), g),
                Season::Fall => span(ymd(y, 9, 1), ymd(y, 12, 1), g),
                Season::Winter => span(ymd(y, 12, 1), ymd(y.checked_add(1)?, 3, 1), g),
            },
            DateValue::Quarter(Some(y), q) if (1..=4).contains(&q) => {
                let m = 3 * (q as u32 - 1) + 1;
                let end = if q == 4 {
                    ymd(y.checked_add(1)?, 1, 1)
                } else {
                    ymd(y, m + 3, 1)
                };
                span(ymd(y, m, 1), end, g)
            }
            DateValue::Half(Some(y), h) if (1..=2).contains(&h) => {
                let end = if h == 2 {
                    ymd(y.checked_add(1)?, 1, 1)
                } else {
                    ymd(y, 7, 1)
                };
                span(ymd(y, if h == 1 { 1 } else { 7 }, 1), end, g)
            }
            DateValue::Month(Some(y), m) if (1..=12).contains(&m) => {
                let end = if m == 12 {
                    ymd(y.checked_add(1)?, 1, 1)
                } else {
                    ymd(y, m as u32 + 1, 1)
                };
                span(ymd(y, m as u32, 1), end, g)
            }
            DateValue::Week(Some(y), w) => {
                let mon = iso_week_monday(y, w)?;
                let start = mon.and_time(NaiveTime::MIN);
                span(Some(start), start.checked_add_days(Days::new(7)), g)
            }
            DateValue::Weekend(Some(y), w) => {
                let sat = iso_week_monday(y, w)?.checked_add_days(Days::new(5))?;
                let start = sat.and_time(NaiveTime::MIN);
                span(Some(start), start.checked_add_days(Days::new(2)), g)
            }
            DateValue::Day(Some(y), m, d) => {
                let start = ymd(y, m as u32, d as u32)?;
                span(Some(start), start.checked_add_days(Days::new(1)), g)
            }
            _ => None,
        }
    }

    fn check(&self) -> Result<(), ValueError> {
        let ok = match *self {
            DateValue::Century(c) => (-99..=99).contains(&c),
            DateValue::Decade(d) => (-999..=999).contains(&d),
            DateValue::Year(y) => (-9999..=9999).contains(&y),
            DateValue::Season(y, _) => year_ok(y),
            DateValue::Quarter(y, q) => year_ok(y) && (1..=4).contains(&q),
            DateValue::Half(y, h) => year_ok(y) && (1..=2).contains(&h),
            DateValue::Month(y, m) => year_ok(y) && (1..=12).contains(&m),
            DateValue::Week(y, w) | DateValue::Weekend(y, w) => {
                year_ok(y)
                    && (1..=53).contains(&w)
                    && y.is_none_or(|y| iso_week_monday(y, w).is_some())
            }
            DateValue::Day(y, m, d) => {
                year_ok(y)
                    && (1..=12).contains(&m)
                    && (1..=31).contains(&d)
                    // Without a year, February 29 is allowed (a leap year is possible).
                    && NaiveDate::from_ymd_opt(y.unwrap_or(2000), m as u32, d as u32).is_some()
            }
            DateValue::Weekday(d) => (1..=7).contains(&d),
            DateValue::AnyDay => true,
        };
        if ok {
            Ok(())
        } else {
            Err(ValueError::OutOfRange(self.to_string()))
        }
    }
}

fn year_ok(y: Option<i32>) -> bool {
    y.is_none_or(|y| (-9999..=9999).contains(&y))
}

struct YearFmt(Option<i32>);
impl fmt::Display for YearFmt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            // Astronomical year 0 is 1 BC.
            Some(y) if y <= 0 => write!(f, "BC{:04}", 1 - i64::from(y)),
            Some(y) => write!(f, "{y:04}"),
            None => f.write_str("XXXX"),
        }
    }
}

impl fmt::Display for DateValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            DateValue::Century(c) if c < 0 => write!(f, "BC{:02}", -i64::from(c) - 1),
            DateValue::Century(c) => write!(f, "{c:02}"),
            DateValue::Decade(d) => write!(f, "{d:03}"),
            DateValue::Year(y) => write!(f, "{}", YearFmt(Some(y))),
            DateValue::Season(y, s) => write!(f, "{}-{}", YearFmt(y), s.code()),
            DateValue::Quarter(y, q) => write!(f, "{}-Q{q}", YearFmt(y)),
            DateValue::Half(y, h) => write!(f, "{}-H{h}", YearFmt(y)),
            DateValue::Month(y, m) => write!(f, "{}-{m:02}", YearFmt(y)),
            DateValue::Week(y, w) => write!(f, "{}-W{w:02}", YearFmt(y)),
            DateValue::Weekend(y, w) => write!(f, "{}-W{w:02}-WE", YearFmt(y)),
            DateValue::Day(y, m, d) => write!(f, "{}-{m:02}-{d:02}", YearFmt(y)),
            DateValue::Weekday(d) => write!(f, "XXXX-WXX-{d}"),
            DateValue::AnyDay => f.write_str("XXXX-XX-XX"),
        }
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            TimeOfDay::Clock {
                hour,
                minute,
                second,
            } => {
                write!(f, "{hour:02}")?;
                if let Some(m) = minute {
                    write!(f, ":{m:02}")?;
                    if let Some(s) = second {
                        write!(f, ":{s:02}")?;
                    }
                }
                Ok(())
            }
            TimeOfDay::Part(p) => f.write_str(p.code()),
        }
    }
}

impl fmt::Display for RefValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RefValue::Present => "PRESENT_REF",
            RefValue::Past => "PAST_REF",
            RefValue::Future => "FUTURE_REF",
        })
    }
}

impl fmt::Display for TimexValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TimexValue::Date(d) => d.fmt(f),
            TimexValue::Time(d, t) => write!(f, "{d}T{t}"),
            TimexValue::Duration(d) => d.fmt(f),
            TimexValue::Ref(r) => r.fmt(f),
        }
    }
}

impl TimexValue {
    /// A fully known day.
    pub fn day(date: NaiveDate) -> TimexValue {
        TimexValue::Date(DateValue::from_naive_date(date))
    }

    /// The granularity of a date or time value; `None` for durations and references.
    pub fn granularity(&self) -> Option<Granularity> {
        match self {
            TimexValue::Date(d) => Some(d.granularity()),
            TimexValue::Time(_, TimeOfDay::Part(_)) => Some(Granularity::PartOfDay),
            TimexValue::Time(_, TimeOfDay::Clock { minute, second, .. }) => {
                Some(match (minute, second) {
                    (None, _) => Granularity::Hour,
                    (Some(_), None) => Granularity::Minute,
                    (Some(_), Some(_)) => Granularity::Second,
                })
            }
            _ => None,
        }
    }

    /// The interval on the civil calendar that a date or time value covers; `None` for
    /// durations, references and values whose year is unknown.
    ///
    /// ```
    /// use eventline::TimexValue;
    /// let we: TimexValue = "2025-W13-WE".parse()?;
    /// let i = we.interval().unwrap();
    /// assert_eq!(i.start.date().to_string(), "2025-03-29");
    /// assert_eq!(i.end.date().to_string(), "2025-03-31");
    /// Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn interval(&self) -> Option<Interval> {
        match self {
            TimexValue::Date(d) => d.interval(),
            TimexValue::Time(d, t) => {
                let day = d.interval()?;
                let g = self.granularity()?;
                let (from, len) = match *t {
                    TimeOfDay::Clock {
                        hour,
                        minute,
                        second,
                    } => {
                        let s = hour as i64 * 3600
                            + minute.unwrap_or(0) as i64 * 60
                            + second.unwrap_or(0) as i64;
                        let len = match (minute, second) {
                            (None, _) => 3600,
                            (Some(_), None) => 60,
                            _ => 1,
                        };
                        // "T24" is the instant that ends the day.
                        (s, if hour == 24 { 0 } else { len })
                    }
                    TimeOfDay::Part(p) => {
                        let (a, b) = p.hours();
                        (a * 3600, (b - a) * 3600)
                    }
                };
                let start = day.start.checked_add_signed(Duration::seconds(from))?;
                let end = start.checked_add_signed(Duration::seconds(len))?;
                Some(Interval {
                    start,
                    end: if end == start {
                        end + Duration::seconds(1)
                    } else {
                        end
                    },
                    granularity: g,
                })
            }
            _ => None,
        }
    }

    /// The interval relative to a document date: like [`TimexValue::interval`], and
    /// `PAST_REF` becomes everything before `dct`, `FUTURE_REF` everything after it,
    /// `PRESENT_REF` the day of `dct`.
    pub fn interval_at(&self, dct: NaiveDate) -> Option<Interval> {
        let day = dct.and_time(NaiveTime::MIN);
        let far = 1_000_000 * 86_400;
        match self {
            TimexValue::Ref(RefValue::Present) => DateValue::from_naive_date(dct).interval(),
            TimexValue::Ref(RefValue::Past) => Some(Interval {
                start: day.checked_sub_signed(Duration::seconds(far))?,
                end: day,
                granularity: Granularity::Century,
            }),
            TimexValue::Ref(RefValue::Future) => {
                let start = day.checked_add_days(Days::new(1))?;
                Some(Interval {
                    start,
                    end: start.checked_add_signed(Duration::seconds(far))?,
                    granularity: Granularity::Century,
                })
            }
            _ => self.interval(),
        }
    }

    /// Whether the value is within what the TIMEX3 grammar can write and read back: years
    /// from -9999 to 9999, real calendar units, clock times up to 24:00, duration amounts
    /// below one billion.
    ///
    /// ```
    /// use eventline::{DateValue, TimexValue};
    /// assert!(TimexValue::Date(DateValue::Year(2025)).is_valid());
    /// assert!(!TimexValue::Date(DateValue::Year(10_000)).is_valid());
    /// ```
    pub fn is_valid(&self) -> bool {
        match self {
            TimexValue::Date(d) => d.check().is_ok(),
            TimexValue::Time(d, t) => {
                d.check().is_ok()
                    && match *t {
                        TimeOfDay::Clock {
                            hour,
                            minute,
                            second,
                        } => {
                            hour <= 24
                                && minute.is_none_or(|m| m < 60)
                                && second.is_none_or(|s| s < 61)
                                && (second.is_none() || minute.is_some())
                        }
                        TimeOfDay::Part(_) => true,
                    }
            }
            TimexValue::Duration(d) => {
                !d.parts.is_empty()
                    && d.parts
                        .iter()
                        .all(|(a, _)| a.is_none_or(|n| n < 1_000_000_000))
            }
            TimexValue::Ref(_) => true,
        }
    }

    /// Whether this is a duration value.
    pub fn is_duration(&self) -> bool {
        matches!(self, TimexValue::Duration(_))
    }
}

// ---------------------------------------------------------------- parsing

struct Cursor<'a> {
    s: &'a [u8],
    i: usize,
}

impl<'a> Cursor<'a> {
    fn eat(&mut self, lit: &str) -> bool {
        if self.s[self.i..].starts_with(lit.as_bytes()) {
            self.i += lit.len();
            true
        } else {
            false
        }
    }
    fn digits(&mut self, min: usize, max: usize) -> Option<u32> {
        let start = self.i;
        while self.i < self.s.len() && self.i - start < max && self.s[self.i].is_ascii_digit() {
            self.i += 1;
        }
        if self.i - start < min {
            self.i = start;
            return None;
        }
        std::str::from_utf8(&self.s[start..self.i])
            .ok()?
            .parse()
            .ok()
    }
    fn done(&self) -> bool {
        self.i == self.s.len()
    }
    fn rest(&self) -> &'a [u8] {
        &self.s[self.i..]
    }
}

fn parse_duration(s: &str) -> Option<DurationValue> {
    let b = s.as_bytes();
    if b.first() != Some(&b'P') || b.len() < 3 {
        return None;
    }
    let mut c = Cursor { s: b, i: 1 };
    let mut parts = Vec::new();
    let mut time = false;
    while !c.done() {
        if c.eat("T") {
            if time {
                return None;
            }
            time = true;
            continue;
        }
        let amount = if c.eat("X") {
            None
        } else {
            Some(c.digits(1, 9)?)
        };
        let unit = if time {
            if c.eat("H") {
                DurationUnit::Hour
            } else if c.eat("M") {
                DurationUnit::Minute
            } else if c.eat("S") {
                DurationUnit::Second
            } else {
                return None;
            }
        } else if c.eat("CE") {
            DurationUnit::Century
        } else if c.eat("DE") {
            DurationUnit::Decade
        } else if c.eat("WE") {
            DurationUnit::Weekend
        } else if c.eat("Y") {
            DurationUnit::Year
        } else if c.eat("Q") {
            DurationUnit::Quarter
        } else if c.eat("M") {
            DurationUnit::Month
        } else if c.eat("W") {
            DurationUnit::Week
        } else if c.eat("D") {
            DurationUnit::Day
        } else if c.eat("X") {
            DurationUnit::Unspecified
        } else {
            return None;
        };
        parts.push((amount, unit));
    }
    if parts.is_empty() {
        return None;
    }
    Some(DurationValue { parts })
}

fn parse_time_of_day(c: &mut Cursor<'_>) -> Option<TimeOfDay> {
    if let Some(code) = c.rest().get(..2) {
        if let Some(p) = std::str::from_utf8(code)
            .ok()
            .and_then(PartOfDay::from_code)
        {
            c.i += 2;
            return Some(TimeOfDay::Part(p));
        }
    }
    let hour = c.digits(2, 2)?;
    if hour > 24 {
        return None;
    }
    let mut minute = None;
    let mut second = None;
    if c.eat(":") {
        let m = c.digits(2, 2)?;
        if m > 59 {
            return None;
        }
        minute = Some(m as u8);
        if c.eat(":") {
            let s = c.digits(2, 2)?;
            if s > 60 {
                return None;
            }
            second = Some(s as u8);
        }
    }
    Some(TimeOfDay::Clock {
        hour: hour as u8,
        minute,
        second,
    })
}

fn parse_date(c: &mut Cursor<'_>) -> Option<DateValue> {
    if c.eat("XXXX-WXX-") {
        let d = c.digits(1, 1)?;
        return Some(DateValue::Weekday(d as u8));
    }
    if c.eat("XXXX-XX-XX") {
        return Some(DateValue::AnyDay);
    }
    if c.eat("BC") {
        let start = c.i;
        let n = c.digits(2, 4)? as i32;
        return match c.i - start {
            // "BC04": the 5th century BC.
            2 => Some(DateValue::Century(-n - 1)),
            // "BC0044": 44 BC, the astronomical year -43.
            4 if n > 0 => finish_date(c, Some(1 - n)),
            _ => None,
        };
    }
    let neg = c.eat("-");
    let year: Option<i32> = if c.eat("XXXX") {
        None
    } else {
        let start = c.i;
        let n = c.digits(2, 4)? as i32;
        let n = if neg { -n } else { n };
        match c.i - start {
            2 => return Some(DateValue::Century(n)),
            3 => return Some(DateValue::Decade(n)),
            _ => Some(n),
        }
    };
    finish_date(c, year)
}

/// The rest of a date value after its year: nothing, or a season, week, quarter, half,
/// month or day.
fn finish_date(c: &mut Cursor<'_>, year: Option<i32>) -> Option<DateValue> {
    if !c.eat("-") {
        return year.map(DateValue::Year);
    }
    if let Some(code) = c.rest().get(..2) {
        if let Some(s) = std::str::from_utf8(code).ok().and_then(Season::from_code) {
            c.i += 2;
            return Some(DateValue::Season(year, s));
        }
    }
    if c.eat("W") {
        let w = c.digits(2, 2)? as u8;
        if c.eat("-WE") {
            return Some(DateValue::Weekend(year, w));
        }
        return Some(DateValue::Week(year, w));
    }
    if c.eat("Q") {
        return Some(DateValue::Quarter(year, c.digits(1, 1)? as u8));
    }
    if c.eat("H") {
        return Some(DateValue::Half(year, c.digits(1, 1)? as u8));
    }
    let m = c.digits(2, 2)? as u8;
    if !c.eat("-") {
        return Some(DateValue::Month(year, m));
    }
    let d = c.digits(2, 2)? as u8;
    Some(DateValue::Day(year, m, d))
}

impl FromStr for TimexValue {
    type Err = ValueError;

    fn from_str(s: &str) -> Result<TimexValue, ValueError> {
        let bad = || ValueError::Syntax(s.chars().take(64).collect());
        match s {
            "PRESENT_REF" => return Ok(TimexValue::Ref(RefValue::Present)),
            "PAST_REF" => return Ok(TimexValue::Ref(RefValue::Past)),
            "FUTURE_REF" => return Ok(TimexValue::Ref(RefValue::Future)),
            _ => {}
        }
        if s.starts_with('P') {
            return parse_duration(s).map(TimexValue::Duration).ok_or_else(bad);
        }
        let mut c = Cursor {
            s: s.as_bytes(),
            i: 0,
        };
        let date = parse_date(&mut c).ok_or_else(bad)?;
        date.check()?;
        if c.done() {
            return Ok(TimexValue::Date(date));
        }
        // A time of day on a day, or on every such weekday ("XXXX-WXX-2TNI", a SET).
        if !c.eat("T")
            || !matches!(
                date,
                DateValue::Day(..) | DateValue::Weekday(_) | DateValue::AnyDay
            )
        {
            return Err(bad());
        }
        let t = parse_time_of_day(&mut c).ok_or_else(bad)?;
        // A zone or fraction after the clock is accepted and dropped (TIMEX3 values omit it).
        if !c.done() && !matches!(c.rest()[0], b'Z' | b'+' | b'-' | b'.') {
            return Err(bad());
        }
        Ok(TimexValue::Time(date, t))
    }
}

impl Serialize for TimexValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TimexValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<TimexValue, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> TimexValue {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn round_trips() {
        for s in [
            "2025",
            "2025-03",
            "2025-03-18",
            "2025-W13",
            "2025-W01-WE",
            "2025-SP",
            "2025-WI",
            "2025-Q1",
            "2025-H2",
            "199",
            "19",
            "XXXX-03-18",
            "XXXX-WXX-7",
            "XXXX-XX-XX",
            "XXXX-XX-XXT09:00",
            "XXXX-XX-XXTMO",
            "2025-03-18T15:00",
            "2025-03-18T15",
            "2025-03-18TNI",
            "2025-03-18T24",
            "2025-03-18T09:05:07",
            "P34D",
            "P2W",
            "P3M",
            "P10Y",
            "P2DE",
            "P1CE",
            "PT5H",
            "PT30M",
            "PXY",
            "PXD",
            "P2Y6M",
            "PT1M30S",
            "P1DT6H",
            "PTXH",
            "PXX",
            "PRESENT_REF",
            "PAST_REF",
            "FUTURE_REF",
            "0098",
            "BC0044",
            "BC0044-03-15",
            "BC04",
        ] {
            assert_eq!(v(s).to_string(), s);
        }
    }

    #[test]
    fn years_before_the_common_era_are_astronomical() {
        // 44 BC is the astronomical year -43; 1 BC is year 0.
        assert_eq!(v("BC0044"), TimexValue::Date(DateValue::Year(-43)));
        assert_eq!(DateValue::Year(0).to_string(), "BC0001");
        let iv = v("BC0044").interval().unwrap();
        assert_eq!(iv.start.date(), NaiveDate::from_ymd_opt(-43, 1, 1).unwrap());
        // The 5th century BC: 500 BC (year -499) up to 400 BC (year -399), exclusive.
        let c = v("BC04").interval().unwrap();
        assert_eq!(c.start.date(), NaiveDate::from_ymd_opt(-499, 1, 1).unwrap());
        assert_eq!(c.end.date(), NaiveDate::from_ymd_opt(-399, 1, 1).unwrap());
        assert!("BC0000".parse::<TimexValue>().is_err());
        assert!("BC4".parse::<TimexValue>().is_err());
    }

    #[test]
    fn rejects_bad_values() {
        for s in [
            "",
            "P",
            "PT",
            "2025-02-30",
            "2025-13",
            "2025-Q5",
            "2025-W54",
            "2025-03-18T25:00",
            "12345",
            "2025-03-18Tfoo",
            "PXYZ",
            "2025-03-",
            "X",
            "2025-W53",
        ] {
            assert!(s.parse::<TimexValue>().is_err(), "{s} should not parse");
        }
        assert!("XXXX-02-29".parse::<TimexValue>().is_ok());
        assert!("2023-02-29".parse::<TimexValue>().is_err());
    }

    #[test]
    fn intervals() {
        let i = v("2025-03").interval().unwrap();
        assert_eq!(i.length().num_days(), 31);
        let i = v("2024-Q4").interval().unwrap();
        assert_eq!(
            i.start.date(),
            NaiveDate::from_ymd_opt(2024, 10, 1).unwrap()
        );
        assert_eq!(i.end.date(), NaiveDate::from_ymd_opt(2025, 1, 1).unwrap());
        let i = v("199").interval().unwrap();
        assert_eq!((i.start.year(), i.end.year()), (1990, 2000));
        let i = v("19").interval().unwrap();
        assert_eq!((i.start.year(), i.end.year()), (1900, 2000));
        let i = v("2024-WI").interval().unwrap();
        assert_eq!(i.end.date(), NaiveDate::from_ymd_opt(2025, 3, 1).unwrap());
        let i = v("2025-03-18TMO").interval().unwrap();
        assert_eq!((i.start.hour_of_day(), i.end.hour_of_day()), (6, 12));
        let i = v("2025-03-18T15:30").interval().unwrap();
        assert_eq!(i.length().num_seconds(), 60);
        assert!(v("XXXX-03-18").interval().is_none());
        assert!(v("P3D").interval().is_none());
        let dct = NaiveDate::from_ymd_opt(2025, 3, 31).unwrap();
        assert_eq!(v("PAST_REF").interval_at(dct).unwrap().end.date(), dct);
    }

    trait Hour {
        fn hour_of_day(&self) -> u32;
    }
    impl Hour for NaiveDateTime {
        fn hour_of_day(&self) -> u32 {
            use chrono::Timelike;
            self.hour()
        }
    }

    #[test]
    fn duration_bounds() {
        let (lo, hi) = v_dur("P1Y2M").bounds().unwrap();
        assert_eq!(lo.num_days(), 365 + 56);
        assert_eq!(hi.num_days(), 366 + 62);
        assert!(v_dur("PXY").bounds().is_none());
        let d = DurationValue::from_parts([
            (Some(30), DurationUnit::Second),
            (Some(1), DurationUnit::Minute),
        ]);
        assert_eq!(d.to_string(), "PT1M30S");
    }

    fn v_dur(s: &str) -> DurationValue {
        match v(s) {
            TimexValue::Duration(d) => d,
            other => panic!("{other:?}"),
        }
    }
}
