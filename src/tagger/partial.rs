//! Underspecified values: what a rule understood, before the document context resolves it.
//!
//! A rule says "March 18, year unknown" or "last + week"; [`super::resolve`] turns that into a
//! [`TimexValue`](crate::TimexValue) against the document date, the narrative's reference time
//! and the tense around the expression.

use crate::timex::{TimexKind, TimexMod};
use crate::value::{DurationValue, RefValue, Season, TimeOfDay, TimexValue};

use super::lexicon::{HolidayRule, Unit};

/// Which occurrence of a weekday is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WdRel {
    /// Bare weekday: the tense decides.
    Tense,
    /// "last Friday".
    Last,
    /// "this Friday".
    This,
    /// "next Friday".
    Next,
}

/// A day, as the text gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DaySpec {
    /// Days from the anchor day: today 0, yesterday -1, tomorrow 1.
    Deictic(i32),
    /// A weekday (1 = Monday).
    Weekday(u8, WdRel),
    /// A weekday relative to the last mentioned day ("the previous Friday").
    RefWeekday(u8, WdRel),
    /// A calendar day, the year possibly missing.
    Date(Option<i32>, u8, u8),
    /// The last occurrence of a month and day on or before the anchor ("last Oct. 23").
    PastDate(u8, u8),
    /// A day of the month in focus ("on the 3rd").
    MonthDay(u8),
    /// The last day of a month, the year possibly missing ("the last day of February").
    MonthEnd(Option<i32>, u8),
    /// A month and day of a year given relative to another (month, day, offset, whether the
    /// offset counts from the year last mentioned rather than the anchor's): "October 5 of
    /// that year" (0, true), "2 May of the following year" (1, true), "June 3 of last year"
    /// (-1, false).
    OfYear(u8, u8, i32, bool),
    /// A holiday, the year possibly missing.
    Holiday(HolidayRule, Option<i32>),
    /// Days from the last mentioned day ("the following day" = 1, "that day" = 0).
    Anaphor(i32),
    /// The day in focus (a bare clock time).
    Current,
}

/// An underspecified TIMEX3 value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Partial {
    /// A year.
    Year(i32),
    /// A month, year possibly missing ("March", "March 2025").
    Month(Option<i32>, u8),
    /// A year relative to the anchor ("last year" = -1).
    RelYear(i32),
    /// A month in a year relative to the anchor ("June last year").
    MonthOfRelYear(u8, i32),
    /// A month of a year counted from the year last mentioned ("January of that year" = 0,
    /// "February of the following year" = 1).
    MonthOfRefYear(u8, i32),
    /// A month relative to the anchor's ("last month" = -1).
    RelMonth(i32),
    /// A named month, previous (-1), this (0) or next (1) occurrence ("last May").
    NamedMonth(u8, i32),
    /// An ISO week relative to the anchor's.
    RelWeek(i32),
    /// A weekend relative to the anchor's week; `None`: "the weekend" (tense decides).
    RelWeekend(Option<i32>),
    /// A quarter relative to the anchor's.
    RelQuarter(i32),
    /// The quarter being reported ("the quarter", "the latest quarter").
    ReportedQuarter,
    /// The reported quarter in another year ("the 1988 quarter").
    ReportedQuarterOf(i32),
    /// A quarter, the year possibly missing.
    Quarter(Option<i32>, u8),
    /// A quarter of a relative year ("the third quarter last year").
    QuarterOfRelYear(u8, i32),
    /// A half year.
    Half(Option<i32>, u8),
    /// A half of a relative year ("the first half of next year").
    HalfOfRelYear(u8, i32),
    /// A season, the year possibly missing.
    Season(Option<i32>, Season),
    /// A season relative to the anchor ("last summer" = -1).
    RelSeason(Season, i32),
    /// A season relative to the last mentioned date ("that winter" = 0, "the following
    /// spring" = 1).
    RefSeason(Season, i32),
    /// A season of a year counted from the anchor's (`false`: "the spring of last year") or
    /// from the year last mentioned (`true`: "the autumn of that year", "the spring of the
    /// following year").
    SeasonOfYear(Season, i32, bool),
    /// A decade by its first three digits (199 = the 1990s).
    Decade(i32),
    /// A decade named by its tens, in the latest century where it has begun ("the nineties").
    DecadeOfCentury(u8),
    /// A decade relative to the anchor ("the last decade").
    RelDecade(i32),
    /// A century by its first two digits (19 = the 20th century).
    Century(i32),
    /// The turn of the century (`false`) or millennium (`true`) nearest the year in focus.
    CenturyTurn(bool),
    /// A named month next to the date in focus: "the following May" (1), "the previous
    /// December" (-1), "that March" (0).
    RefMonth(u8, i32),
    /// A day.
    Day(DaySpec),
    /// A time of day on a day.
    Time(DaySpec, TimeOfDay),
    /// The ISO week ("the week of March 6") or its weekend ("the weekend of June 3") that
    /// holds a day.
    WeekOf(DaySpec, bool),
    /// Days from a day ("the day before last Tuesday" = -1).
    DayFrom(DaySpec, i32),
    /// "N units ago" (dir -1) or "N units from now" (dir 1) from the anchor; `anaphoric`
    /// counts from the last mentioned date instead ("three years earlier").
    Ago {
        /// The unit.
        unit: Unit,
        /// The amount; `None` for "several".
        n: Option<u32>,
        /// -1 back, 1 forward.
        dir: i32,
        /// Counted from the reference time rather than the document date.
        anaphoric: bool,
    },
    /// The end of the year in focus ("year-end"); `true` when the text looks back ("since").
    YearEnd(bool),
    /// The comparison period of an earnings report: "a year ago", "year-earlier".
    YearAgo,
    /// A unit relative to the last mentioned date ("the following year" = Year, 1).
    Anaphor(Unit, i32),
    /// A vague reference.
    Ref(RefValue),
    /// A duration.
    Duration(DurationValue),
    /// A set's value.
    Set(TimexValue),
}

/// A match: a token range, what it is, and its underspecified value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// TIMEX3 type.
    pub kind: TimexKind,
    /// Underspecified value.
    pub partial: Partial,
    /// Modifier.
    pub modifier: Option<TimexMod>,
    /// SET quantifier.
    pub quant: Option<&'static str>,
    /// SET frequency (times per period).
    pub freq: Option<u32>,
}

impl Found {
    /// A match with no modifier.
    pub(crate) fn new(start: usize, end: usize, kind: TimexKind, partial: Partial) -> Found {
        Found {
            start,
            end,
            kind,
            partial,
            modifier: None,
            quant: None,
            freq: None,
        }
    }
}
