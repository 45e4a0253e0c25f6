//! Resolution: underspecified values against the document date, the narrative's reference
//! time and the tense around the expression.

use chrono::{Datelike, Days, NaiveDate};

use crate::value::{DateValue, RefValue, Season, TimexValue};

use super::grammar::Tense;
use super::lexicon::Unit;
use super::partial::{DaySpec, Partial, WdRel};

/// The dates a document has mentioned so far, at each granularity.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct RefTime {
    /// Last mentioned day.
    pub day: Option<NaiveDate>,
    /// Last mentioned month.
    pub month: Option<(i32, u8)>,
    /// Last mentioned year.
    pub year: Option<i32>,
    /// Last mentioned quarter.
    pub quarter: Option<(i32, u8)>,
    /// Where the last mentioned date begins, at whatever granularity ("that winter" of 1942:
    /// 1942-12-01); a narrative moves forward from it.
    pub from: Option<NaiveDate>,
}

/// What relative expressions are resolved against.
#[derive(Debug, Clone)]
pub(crate) struct Resolver {
    dct: Option<NaiveDate>,
    narrative: bool,
    refs: RefTime,
    /// The days recent events were placed on, by their verb's word key ("shot … on Oct.
    /// 23"), newest last; at most [`EVENT_DAYS`].
    event_days: Vec<(u64, NaiveDate)>,
    /// The first day of a range of days just named ("from Sunday, 2 September to Thursday, 6
    /// September"): a narrative's next weekday falls inside it, counted from its start.
    range_from: Option<NaiveDate>,
}

/// How many event days a resolver remembers.
const EVENT_DAYS: usize = 64;

/// How many days after the story's day a statement about it is still a report on it
/// ([`Resolver::reports_on_story`]).
const REPORT_LAG_DAYS: i64 = 3;

/// The day of a value that is a day of a known year, or a time on one.
fn day_of(v: &TimexValue) -> Option<NaiveDate> {
    let (TimexValue::Date(d @ DateValue::Day(Some(_), _, _))
    | TimexValue::Time(d @ DateValue::Day(Some(_), _, _), _)) = v
    else {
        return None;
    };
    d.interval().map(|iv| iv.start.date())
}

fn add_months(y: i32, m: u8, off: i32) -> Option<(i32, u8)> {
    let total = i64::from(y) * 12 + i64::from(m) - 1 + i64::from(off);
    let y = i32::try_from(total.div_euclid(12)).ok()?;
    if !(-9999..=9999).contains(&y) {
        return None;
    }
    Some((y, (total.rem_euclid(12) + 1) as u8))
}

fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n.unsigned_abs()))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

fn quarter_of(d: NaiveDate) -> (i32, u8) {
    (d.year(), (d.month0() / 3 + 1) as u8)
}

fn add_quarters(y: i32, q: u8, off: i32) -> Option<(i32, u8)> {
    let (y, m) = add_months(y, (q - 1) * 3 + 1, off.checked_mul(3)?)?;
    Some((y, (m - 1) / 3 + 1))
}

fn week_of(d: NaiveDate) -> DateValue {
    let w = d.iso_week();
    DateValue::Week(Some(w.year()), w.week() as u8)
}

fn weekend_of(d: NaiveDate) -> DateValue {
    let w = d.iso_week();
    DateValue::Weekend(Some(w.year()), w.week() as u8)
}

fn ymd(y: i32, m: u8, d: u8) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m.into(), d.into())
}

impl Resolver {
    /// A resolver for a document.
    /// Whether it anchors on the narrative's reference time rather than the document date.
    pub(crate) fn is_narrative(&self) -> bool {
        self.narrative
    }

    pub(crate) fn new(dct: Option<NaiveDate>, narrative: bool) -> Resolver {
        Resolver {
            dct,
            narrative,
            refs: RefTime::default(),
            event_days: Vec::new(),
            range_from: None,
        }
    }

    /// The value just noted ends a range that began with `start`: until the next value, a
    /// narrative's weekday is counted from the range's first day.
    pub(crate) fn note_range_start(&mut self, start: &TimexValue) {
        self.range_from = match start {
            TimexValue::Date(DateValue::Day(Some(y), m, d)) => ymd(*y, *m, *d),
            _ => None,
        };
    }

    /// The day deictic expressions count from: the DCT in news, the last mentioned day in
    /// narratives.
    fn anchor_day(&self) -> Option<NaiveDate> {
        if self.narrative {
            self.story_day()
        } else {
            self.dct
        }
    }

    /// The day a narrative is at: the last mentioned day; the DCT only before the story has
    /// named any year ("In September 1941 … the same day" is no day of the DCT's year).
    fn story_day(&self) -> Option<NaiveDate> {
        match (self.refs.day, self.refs.year) {
            (Some(d), _) => Some(d),
            (None, Some(_)) => None,
            (None, None) => self.dct,
        }
    }

    fn anchor_year(&self) -> Option<i32> {
        if self.narrative {
            self.refs.year.or(self.dct.map(|d| d.year()))
        } else {
            self.dct.map(|d| d.year())
        }
    }

    fn anchor_month(&self) -> Option<(i32, u8)> {
        if self.narrative {
            self.refs
                .month
                .or(self.dct.map(|d| (d.year(), d.month() as u8)))
        } else {
            self.dct.map(|d| (d.year(), d.month() as u8))
        }
    }

    /// The last mentioned day, or the DCT ("the following day"; in a narrative, see
    /// [`Resolver::story_day`]).
    fn ref_day(&self) -> Option<NaiveDate> {
        if self.narrative {
            self.story_day()
        } else {
            self.refs.day.or(self.dct)
        }
    }

    fn ref_year(&self) -> Option<i32> {
        self.refs.year.or(self.dct.map(|d| d.year()))
    }

    fn ref_month(&self) -> Option<(i32, u8)> {
        self.refs
            .month
            .or(self.dct.map(|d| (d.year(), d.month() as u8)))
    }

    /// Resolves a partial value; `None` when nothing sensible can be said.
    pub(crate) fn resolve(&self, p: &Partial, tense: Tense) -> Option<TimexValue> {
        let date = |d: DateValue| Some(TimexValue::Date(d));
        match *p {
            Partial::Year(y) => date(DateValue::Year(y)),
            Partial::Month(Some(y), m) => date(DateValue::Month(Some(y), m)),
            Partial::Month(None, m) => date(DateValue::Month(self.month_year(m, tense), m)),
            Partial::RelYear(off) => date(DateValue::Year(self.anchor_year()?.checked_add(off)?)),
            Partial::CenturyTurn(millennium) => {
                let unit = if millennium { 1000 } else { 100 };
                let y = self.anchor_year()?;
                date(DateValue::Year(
                    y.checked_add(unit / 2)?
                        .div_euclid(unit)
                        .checked_mul(unit)?,
                ))
            }
            Partial::MonthOfRelYear(m, off) => date(DateValue::Month(
                Some(self.anchor_year()?.checked_add(off)?),
                m,
            )),
            Partial::MonthOfRefYear(m, off) => date(DateValue::Month(
                Some(self.ref_year()?.checked_add(off)?),
                m,
            )),
            Partial::RefMonth(m, off) => {
                let r = self.refs.from.or(self.dct)?;
                let (y, rm) = (r.year(), r.month() as u8);
                let y = match off {
                    o if o > 0 => {
                        if m > rm {
                            y
                        } else {
                            y + 1
                        }
                    }
                    o if o < 0 => {
                        if m < rm {
                            y
                        } else {
                            y - 1
                        }
                    }
                    _ => self.refs.year.unwrap_or(y),
                };
                date(DateValue::Month(Some(y), m))
            }
            Partial::RelMonth(off) => {
                let (y, m) = self.anchor_month()?;
                let (y, m) = add_months(y, m, off)?;
                date(DateValue::Month(Some(y), m))
            }
            Partial::NamedMonth(m, off) => {
                let (ay, am) = self.anchor_month()?;
                let y = match off {
                    // "last April" in October: this year's; "last February" in March: a year ago.
                    -1 if m + 1 < am => ay,
                    -1 => ay - 1,
                    1 if m > am => ay,
                    1 => ay + 1,
                    _ => ay,
                };
                date(DateValue::Month(Some(y), m))
            }
            Partial::RelWeek(off) => {
                let d = add_days(self.anchor_day()?, i64::from(off) * 7)?;
                date(week_of(d))
            }
            Partial::RelWeekend(off) => date(self.weekend(off, tense)?),
            Partial::RelQuarter(off) => {
                let (y, q) = quarter_of(self.anchor_day()?);
                let (y, q) = add_quarters(y, q, off)?;
                date(DateValue::Quarter(Some(y), q))
            }
            Partial::ReportedQuarter => {
                let (y, q) = self.reported_quarter()?;
                date(DateValue::Quarter(Some(y), q))
            }
            Partial::ReportedQuarterOf(y) => {
                let (_, q) = self.reported_quarter()?;
                date(DateValue::Quarter(Some(y), q))
            }
            Partial::Quarter(Some(y), q) => date(DateValue::Quarter(Some(y), q)),
            Partial::Quarter(None, q) => {
                let mut y = self.ref_year_or_anchor();
                // A quarter that has not begun yet, spoken of in the past: last year's.
                if let (Some(yy), Some(a), false) = (y, self.anchor_day(), self.narrative) {
                    let start = ymd(yy, (q - 1) * 3 + 1, 1);
                    let ahead = start.map_or(0, |st| (st - a).num_days());
                    if ahead > 0 && tense != Tense::Future && (tense.is_past() || ahead > 60) {
                        y = Some(yy - 1);
                    }
                }
                date(DateValue::Quarter(y, q))
            }
            Partial::QuarterOfRelYear(q, off) => date(DateValue::Quarter(
                Some(self.anchor_year()?.checked_add(off)?),
                q,
            )),
            Partial::HalfOfRelYear(h, off) => date(DateValue::Half(
                Some(self.anchor_year()?.checked_add(off)?),
                h,
            )),
            Partial::Half(y, h) => date(DateValue::Half(y.or(self.ref_year_or_anchor()), h)),
            Partial::Season(Some(y), s) => date(DateValue::Season(Some(y), s)),
            Partial::Season(None, s) => {
                date(DateValue::Season(self.season_year(s, 0, tense, false), s))
            }
            Partial::RelSeason(s, off) => date(DateValue::Season(
                Some(self.season_year(s, off, tense, true)?),
                s,
            )),
            Partial::RefSeason(s, off) => {
                date(DateValue::Season(Some(self.ref_season_year(s, off)?), s))
            }
            Partial::SeasonOfYear(s, off, anaphoric) => {
                let y = if anaphoric {
                    self.ref_year()?
                } else {
                    self.anchor_year()?
                };
                date(DateValue::Season(Some(y.checked_add(off)?), s))
            }
            Partial::Decade(d) => date(DateValue::Decade(d)),
            Partial::DecadeOfCentury(n) => {
                let y = self.anchor_year().unwrap_or(2000);
                let c = y.div_euclid(100);
                let d = c * 10 + i32::from(n);
                date(DateValue::Decade(if d * 10 > y { d - 10 } else { d }))
            }
            Partial::RelDecade(off) => date(DateValue::Decade(
                self.anchor_year()?.div_euclid(10).checked_add(off)?,
            )),
            Partial::Century(c) => date(DateValue::Century(c)),
            Partial::Day(d) => date(self.day(d, tense)?),
            Partial::WeekOf(d, weekend) => {
                // "Easter week" written during that very week is this year's, whatever the
                // tense: the occurrence whose week holds the anchor wins.
                let current = match (d, self.anchor_day()) {
                    (DaySpec::Holiday(_, None), Some(a)) => self
                        .day(d, Tense::None)
                        .and_then(|v| v.interval())
                        .map(|iv| iv.start.date())
                        .filter(|&c| week_of(c) == week_of(a)),
                    _ => None,
                };
                let day = match current {
                    Some(c) => c,
                    None => self.day(d, tense)?.interval()?.start.date(),
                };
                date(if weekend {
                    weekend_of(day)
                } else {
                    week_of(day)
                })
            }
            Partial::DayFrom(d, off) => {
                // "a week from Friday": a count onward from a weekday looks ahead.
                let tense = if off > 1 && matches!(d, DaySpec::Weekday(_, WdRel::Tense)) {
                    Tense::Future
                } else {
                    tense
                };
                let day = self.day(d, tense)?.interval()?;
                if day.end.date() - day.start.date() != chrono::Duration::days(1) {
                    return None;
                }
                date(DateValue::from_naive_date(add_days(
                    day.start.date(),
                    off.into(),
                )?))
            }
            Partial::Time(d, t) => {
                let day = self.day(d, tense)?;
                matches!(day, DateValue::Day(Some(_), _, _)).then_some(TimexValue::Time(day, t))
            }
            Partial::Ago {
                unit,
                n,
                dir,
                anaphoric,
            } => {
                let base = if anaphoric {
                    // "Five years earlier" after "in 1648": the year in focus will do.
                    match (self.refs.day, self.refs.month, self.refs.year) {
                        (Some(d), _, _) => d,
                        (None, Some((y, m)), _) => ymd(y, m, 1)?,
                        (None, None, Some(y)) => ymd(y, 7, 1)?,
                        _ => self.dct?,
                    }
                } else {
                    self.anchor_day()?
                };
                let n = i32::try_from(n?).ok()?.checked_mul(dir)?;
                self.shift(base, unit, n)
            }
            Partial::YearEnd(since) => {
                let y = self.anchor_year()?;
                let y = if since || tense.is_past() { y - 1 } else { y };
                date(DateValue::Day(Some(y), 12, 31))
            }
            Partial::YearAgo => {
                let (y, q) = self.reported_quarter()?;
                date(DateValue::Quarter(Some(y.checked_sub(1)?), q))
            }
            Partial::Anaphor(unit, off) => self.anaphor(unit, off),
            Partial::Ref(r) => Some(TimexValue::Ref(r)),
            Partial::Duration(ref d) => Some(TimexValue::Duration(d.clone())),
            Partial::Set(ref v) => Some(v.clone()),
        }
    }

    /// The quarter an earnings report is about: the last one completed before the document
    /// date (in a narrative, the last quarter mentioned).
    fn reported_quarter(&self) -> Option<(i32, u8)> {
        if self.narrative {
            if let Some(q) = self.refs.quarter {
                return Some(q);
            }
        }
        let (y, q) = quarter_of(self.anchor_day()?);
        add_quarters(y, q, -1)
    }

    /// A value when `resolve` cannot anchor the expression: the direction of the offset.
    pub(crate) fn fallback(p: &Partial) -> TimexValue {
        let dir = match *p {
            Partial::RelYear(o)
            | Partial::RelMonth(o)
            | Partial::RelWeek(o)
            | Partial::RelQuarter(o)
            | Partial::RelDecade(o)
            | Partial::NamedMonth(_, o)
            | Partial::RefMonth(_, o)
            | Partial::RelSeason(_, o)
            | Partial::MonthOfRelYear(_, o)
            | Partial::QuarterOfRelYear(_, o)
            | Partial::HalfOfRelYear(_, o)
            | Partial::Anaphor(_, o) => o,
            Partial::RelWeekend(o) => o.unwrap_or(-1),
            Partial::Ago { dir, .. } => dir,
            Partial::YearAgo | Partial::ReportedQuarter => -1,
            Partial::YearEnd(true) => -1,
            Partial::Day(DaySpec::Deictic(o)) | Partial::Time(DaySpec::Deictic(o), _) => o,
            Partial::Day(DaySpec::Weekday(d, _)) | Partial::Time(DaySpec::Weekday(d, _), _) => {
                return TimexValue::Date(DateValue::Weekday(d));
            }
            // A clock time on a day the text has not given: "at about 9 am" in a history
            // with no date in focus.
            Partial::Time(DaySpec::Current | DaySpec::Anaphor(_), t) => {
                return TimexValue::Time(DateValue::AnyDay, t);
            }
            Partial::Season(None, s)
            | Partial::RefSeason(s, _)
            | Partial::SeasonOfYear(s, _, _) => {
                return TimexValue::Date(DateValue::Season(None, s));
            }
            _ => 0,
        };
        TimexValue::Ref(match dir.signum() {
            -1 => RefValue::Past,
            1 => RefValue::Future,
            _ => RefValue::Present,
        })
    }

    fn ref_year_or_anchor(&self) -> Option<i32> {
        if self.narrative {
            self.ref_year()
        } else {
            self.anchor_year()
        }
    }

    /// The day a year-less date is placed against, or (`Err`) the year to give it outright:
    /// in a narrative the year in focus wins, and without any day a narrative still has it.
    fn yearless_anchor(&self) -> Result<NaiveDate, Option<i32>> {
        let Some(a) = self.anchor_day() else {
            return Err(if self.narrative {
                self.ref_year()
            } else {
                None
            });
        };
        match self.refs.year {
            Some(y) if self.narrative => Err(Some(y)),
            _ => Ok(a),
        }
    }

    /// The year of a year-less month (and day) in a narrative that has a year in focus: that
    /// year, or the next one when the date would fall well before the last mentioned date
    /// (histories move forward: "That winter … On 2 February").
    fn narrative_year(&self, y: i32, m: u8, d: u8) -> i32 {
        let (Some(from), Some(cand)) = (self.refs.from, ymd(y, m, d)) else {
            return y;
        };
        if (from - cand).num_days() > 45 {
            y + 1
        } else {
            y
        }
    }

    fn month_year(&self, m: u8, tense: Tense) -> Option<i32> {
        let a = match self.yearless_anchor() {
            Ok(a) => a,
            Err(year) => return year.map(|y| self.narrative_year(y, m, 1)),
        };
        let (y, am) = (a.year(), a.month() as u8);
        Some(if m == am {
            y
        } else if m < am {
            if tense == Tense::Future && am - m > 1 {
                y + 1
            } else {
                y
            }
        } else {
            match tense {
                Tense::Future => y,
                Tense::Past | Tense::PastAdjacent if m - am > 1 => y - 1,
                Tense::Past | Tense::PastAdjacent => y,
                Tense::None if m - am <= 3 => y,
                Tense::None => y - 1,
            }
        })
    }

    /// The year of a day-and-month date: the occurrence nearest the anchor; the future tense
    /// moves a past date to the next year.
    fn day_year(&self, m: u8, d: u8, tense: Tense) -> Option<i32> {
        let a = match self.yearless_anchor() {
            Ok(a) => a,
            Err(year) => return year.map(|y| self.narrative_year(y, m, d)),
        };
        let y = a.year();
        let mut best: Option<(i64, i32)> = None;
        for cand in [y - 1, y, y + 1] {
            if let Some(c) = ymd(cand, m, d) {
                let dist = (c - a).num_days().abs();
                if best.is_none_or(|(bd, _)| dist < bd) {
                    best = Some((dist, cand));
                }
            }
        }
        let (_, mut by) = best?;
        let c = ymd(by, m, d)?;
        let ahead = (c - a).num_days();
        if tense == Tense::Future && ahead < -60 {
            by += 1;
        } else if (tense == Tense::Past && ahead > 120)
            || (tense == Tense::PastAdjacent && ahead > 7)
        {
            by -= 1;
        }
        Some(by)
    }

    /// "that winter" (0), "the following spring" (1), "the previous autumn" (-1): the season
    /// around, after or before the last mentioned date.
    fn ref_season_year(&self, s: Season, off: i32) -> Option<i32> {
        let r = self.refs.from.or(self.dct);
        let y = self.refs.year.or(r.map(|d| d.year()))?;
        let Some(r) = r else { return Some(y) };
        let iv = |y: i32| DateValue::Season(Some(y), s).interval();
        // After a bare year ("In 1942 … that winter"), the season of that year.
        if off == 0 && self.refs.month.is_none() && self.refs.day.is_none() {
            return Some(y);
        }
        // After a bare year ("In 1941 … the following spring"), the next such season after
        // that year, except the winter that begins in its December.
        if self.refs.month.is_none() && self.refs.day.is_none() && r.month() == 1 && r.day() == 1 {
            return Some(match off {
                o if o > 0 && s == Season::Winter => y,
                o if o > 0 => y + 1,
                _ => y - 1,
            });
        }
        let y = r.year();
        Some(match off {
            0 => {
                // The winter that began last year is still "that winter" in January.
                let this = iv(y)?;
                if r < this.start.date() && iv(y - 1)?.end.date() > r {
                    y - 1
                } else {
                    y
                }
            }
            o if o > 0 => {
                if iv(y)?.start.date() > r {
                    y
                } else {
                    y + 1
                }
            }
            _ => {
                if iv(y)?.end.date() <= r {
                    y
                } else {
                    y - 1
                }
            }
        })
    }

    fn season_year(&self, s: Season, off: i32, tense: Tense, explicit_this: bool) -> Option<i32> {
        let a = self.anchor_day();
        let y = self.anchor_year()?;
        let Some(a) = a else { return Some(y) };
        let iv = DateValue::Season(Some(y), s).interval()?;
        let (start, end) = (iv.start.date(), iv.end.date());
        Some(match off {
            -1 if end <= a => y,
            -1 => y - 1,
            1 if start > a => y,
            1 => y + 1,
            0 if off == 0 && explicit_this => y,
            // A story is told in the past tense, which says nothing of the season's side of
            // the story's day ("On 15 April 1912 … by the summer"): the season of the story's
            // year, or the winter begun the year before while it lasts.
            _ if self.narrative => {
                let prev = DateValue::Season(Some(y - 1), s).interval()?;
                if prev.end.date() > a {
                    y - 1
                } else {
                    y
                }
            }
            _ => match tense {
                Tense::Past | Tense::PastAdjacent if start > a => y - 1,
                Tense::Future if end <= a => y + 1,
                _ => y,
            },
        })
    }

    fn weekend(&self, off: Option<i32>, tense: Tense) -> Option<DateValue> {
        let a = self.anchor_day()?;
        let wd = a.weekday().number_from_monday();
        let on_weekend = wd >= 6;
        let prev = add_days(a, -7)?;
        Some(match off {
            Some(-1) => weekend_of(prev),
            Some(1) => {
                if on_weekend {
                    weekend_of(add_days(a, 7)?)
                } else {
                    weekend_of(a)
                }
            }
            // "the weekend after next": the one after next weekend.
            Some(2) => weekend_of(add_days(a, if on_weekend { 14 } else { 7 })?),
            Some(_) => {
                if on_weekend || !tense.is_past() {
                    weekend_of(a)
                } else {
                    weekend_of(prev)
                }
            }
            None => {
                if on_weekend || tense == Tense::Future {
                    weekend_of(a)
                } else {
                    weekend_of(prev)
                }
            }
        })
    }

    fn day(&self, d: DaySpec, tense: Tense) -> Option<DateValue> {
        let day = |x: NaiveDate| Some(DateValue::from_naive_date(x));
        match d {
            DaySpec::Date(Some(y), m, dd) => Some(DateValue::Day(Some(y), m, dd)),
            DaySpec::Date(None, m, dd) => {
                let y = self.day_year(m, dd, tense);
                if let Some(y) = y {
                    if ymd(y, m, dd).is_none() {
                        return Some(DateValue::Day(None, m, dd));
                    }
                }
                Some(DateValue::Day(y, m, dd))
            }
            // In a narrative, the month in focus ("In September … the city fell on the
            // 19th").
            DaySpec::MonthDay(dd) if self.narrative && self.refs.month.is_some() => {
                let (y, m) = self.refs.month?;
                day(ymd(y, m, dd)?)
            }
            DaySpec::MonthDay(dd) => {
                let a = self.anchor_day()?;
                let (y, m) = (a.year(), a.month() as u8);
                let this = ymd(y, m, dd);
                let (y, m) = match (this, tense) {
                    (Some(c), Tense::Future) if c < a => add_months(y, m, 1)?,
                    // With no tense to go by, the nearer of this month's day and last
                    // month's ("my birthday is on the 14th", written on the 12th).
                    (Some(c), Tense::None)
                        if add_months(y, m, -1)
                            .and_then(|(py, pm)| ymd(py, pm, dd))
                            .is_none_or(|prev| c - a <= a - prev) =>
                    {
                        (y, m)
                    }
                    (Some(c), _) if c > a && tense != Tense::Future => add_months(y, m, -1)?,
                    (Some(_), _) => (y, m),
                    (None, _) => add_months(y, m, -1)?,
                };
                day(ymd(y, m, dd)?)
            }
            DaySpec::OfYear(m, dd, off, anaphoric) => {
                let base = if anaphoric {
                    self.ref_year()?
                } else {
                    self.anchor_year()?
                };
                day(ymd(base.checked_add(off)?, m, dd)?)
            }
            DaySpec::MonthEnd(y, m) => {
                let y = match y {
                    Some(y) => y,
                    None => self.month_year(m, tense)?,
                };
                let (ny, nm) = add_months(y, m, 1)?;
                day(ymd(ny, nm, 1)?.pred_opt()?)
            }
            DaySpec::PastDate(m, dd) => {
                let a = self.anchor_day()?;
                let mut y = a.year();
                if ymd(y, m, dd).is_some_and(|c| c > a) {
                    y -= 1;
                }
                Some(DateValue::Day(Some(y), m, dd))
            }
            DaySpec::Deictic(off) => day(add_days(self.anchor_day()?, off.into())?),
            DaySpec::Anaphor(off) => match self.coarse_focus(Unit::Day) {
                Some(c) => Some(c),
                None => day(add_days(self.ref_day()?, off.into())?),
            },
            DaySpec::Current => day(self.ref_day()?),
            DaySpec::Weekday(wd, rel) | DaySpec::RefWeekday(wd, rel) => {
                let a = if matches!(d, DaySpec::RefWeekday(..)) {
                    self.ref_day()?
                } else if let (true, WdRel::Tense, Some(from)) =
                    (self.narrative, rel, self.range_from)
                {
                    // After a range of days, a weekday is one of them.
                    from
                } else {
                    self.anchor_day()?
                };
                let cur = a.weekday().number_from_monday() as i64;
                let wd = i64::from(wd);
                let back = (cur - wd).rem_euclid(7);
                let fwd = (wd - cur).rem_euclid(7);
                // A story told in order goes on from the day it is at: "On Sunday, 2
                // September the fire broke out … On Tuesday it reached the cathedral".
                let onward = self.narrative && self.refs.day.is_some();
                let off = match rel {
                    // "will meet on Monday": the next one, the document's own day included
                    // ("polls close at 8 p.m. Tuesday", written on a Tuesday).
                    WdRel::Tense if tense == Tense::Future || onward => fwd,
                    WdRel::Tense => -back,
                    WdRel::Last => -(if back == 0 { 7 } else { back }),
                    WdRel::Next => {
                        if fwd == 0 {
                            7
                        } else {
                            fwd
                        }
                    }
                    WdRel::This => wd - cur,
                };
                day(add_days(a, off)?)
            }
            DaySpec::Holiday(rule, Some(y)) => day(rule.date(y)?),
            DaySpec::Holiday(rule, None) => {
                // In a narrative the year in focus, moving on to the next when the holiday
                // fell well before the last mentioned date, as a year-less date does.
                let a = match self.yearless_anchor() {
                    Ok(a) => a,
                    Err(year) => {
                        let c = rule.date(year?)?;
                        let y = self.narrative_year(c.year(), c.month() as u8, c.day() as u8);
                        return day(rule.date(y)?);
                    }
                };
                let mut best: Option<(i64, NaiveDate)> = None;
                for y in [a.year() - 1, a.year(), a.year() + 1] {
                    if let Some(c) = rule.date(y) {
                        let dist = (c - a).num_days().abs();
                        if best.is_none_or(|(bd, _)| dist < bd) {
                            best = Some((dist, c));
                        }
                    }
                }
                let (_, mut c) = best?;
                if tense == Tense::Future && c < a {
                    c = rule.date(c.year() + 1)?;
                } else if tense.is_past() && (c - a).num_days() > 7 {
                    // Within the holiday's own week the past tense tells of its eve ("as
                    // Easter week began"), not of last year's.
                    c = rule.date(c.year() - 1)?;
                }
                day(c)
            }
        }
    }

    fn shift(&self, base: NaiveDate, unit: Unit, n: i32) -> Option<TimexValue> {
        let date = |d: DateValue| Some(TimexValue::Date(d));
        let months = |k: i32| -> Option<(i32, u8)> {
            add_months(base.year(), base.month() as u8, n.checked_mul(k)?)
        };
        match unit {
            Unit::Year => date(DateValue::Year(months(12)?.0)),
            Unit::Decade => date(DateValue::Decade(months(120)?.0.div_euclid(10))),
            Unit::Century => date(DateValue::Century(months(1200)?.0.div_euclid(100))),
            Unit::Millennium => date(DateValue::Year(months(12_000)?.0)),
            Unit::Quarter => {
                let (y, q) = quarter_of(base);
                let (y, q) = add_quarters(y, q, n)?;
                date(DateValue::Quarter(Some(y), q))
            }
            Unit::Month => {
                let (y, m) = months(1)?;
                date(DateValue::Month(Some(y), m))
            }
            Unit::Week | Unit::Fortnight => {
                let k = if unit == Unit::Week { 7 } else { 14 };
                let d = add_days(base, i64::from(n) * k)?;
                date(week_of(d))
            }
            Unit::Weekend => date(weekend_of(add_days(base, i64::from(n) * 7)?)),
            Unit::Day | Unit::Night => {
                date(DateValue::from_naive_date(add_days(base, i64::from(n))?))
            }
            Unit::Hour | Unit::Minute | Unit::Second => date(DateValue::from_naive_date(base)),
        }
    }

    /// The date in focus when it is coarser than `unit` and not the document date's year:
    /// "In 1943 … that month" or "… the next day" cannot name a month or day, and the
    /// document date's would be another time altogether.
    fn coarse_focus(&self, unit: Unit) -> Option<DateValue> {
        let y = self.refs.year?;
        if self.dct.is_some_and(|d| d.year() == y) {
            return None;
        }
        match (unit, self.refs.month, self.refs.day) {
            (Unit::Day | Unit::Night | Unit::Week | Unit::Weekend, Some((my, m)), None) => {
                Some(DateValue::Month(Some(my), m))
            }
            (Unit::Day | Unit::Night | Unit::Week | Unit::Weekend | Unit::Month, None, None) => {
                Some(DateValue::Year(y))
            }
            _ => None,
        }
    }

    fn anaphor(&self, unit: Unit, off: i32) -> Option<TimexValue> {
        let date = |d: DateValue| Some(TimexValue::Date(d));
        if let Some(c) = self.coarse_focus(unit) {
            return date(c);
        }
        match unit {
            Unit::Day | Unit::Night => date(DateValue::from_naive_date(add_days(
                self.ref_day()?,
                off.into(),
            )?)),
            Unit::Week | Unit::Fortnight => {
                date(week_of(add_days(self.ref_day()?, i64::from(off) * 7)?))
            }
            Unit::Weekend => date(weekend_of(add_days(self.ref_day()?, i64::from(off) * 7)?)),
            Unit::Month => {
                let (y, m) = self.ref_month()?;
                let (y, m) = add_months(y, m, off)?;
                date(DateValue::Month(Some(y), m))
            }
            Unit::Quarter => {
                let (y, q) = self
                    .refs
                    .quarter
                    .or_else(|| self.ref_day().map(quarter_of))?;
                let (y, q) = add_quarters(y, q, off)?;
                date(DateValue::Quarter(Some(y), q))
            }
            Unit::Year => date(DateValue::Year(self.ref_year()?.checked_add(off)?)),
            Unit::Decade => date(DateValue::Decade(
                self.ref_year()?.div_euclid(10).checked_add(off)?,
            )),
            Unit::Century => date(DateValue::Century(
                self.ref_year()?.div_euclid(100).checked_add(off)?,
            )),
            _ => None,
        }
    }

    /// Whether the story's reference time is a day at most [`REPORT_LAG_DAYS`] before the
    /// day of `v` (the day a statement about it is made, "officials said Wednesday").
    pub(crate) fn reports_on_story(&self, v: &TimexValue) -> bool {
        match (self.refs.day, day_of(v)) {
            (Some(story), Some(day)) => (0..=REPORT_LAG_DAYS).contains(&(day - story).num_days()),
            _ => false,
        }
    }

    /// Remembers the day of a resolved value for the verbs of its clause (a day or a time on
    /// a day; other values are ignored).
    pub(crate) fn note_event_day(&mut self, verb: impl FnOnce() -> Option<u64>, v: &TimexValue) {
        let Some(day) = day_of(v) else {
            return;
        };
        let Some(k) = verb() else { return };
        if self.event_days.len() == EVENT_DAYS {
            self.event_days.remove(0);
        }
        self.event_days.push((k, day));
    }

    /// The day an event told with one of these verbs was last placed on ("was shot to death
    /// at 10 p.m." after "was shot to death last Oct. 23").
    pub(crate) fn event_day(&self, verb: Option<u64>) -> Option<NaiveDate> {
        let k = verb?;
        self.event_days
            .iter()
            .rev()
            .find(|&&(e, _)| e == k)
            .map(|&(_, d)| d)
    }

    /// "Two days later", "four years later": the story moves on from the last mentioned
    /// date by the amount, at that date's own precision (days and weeks from a day, months
    /// from a month, years from a year). Vague amounts leave it where it is.
    pub(crate) fn advance(&mut self, v: &TimexValue) {
        use crate::value::DurationUnit as U;
        let TimexValue::Duration(d) = v else { return };
        let &[(Some(n), unit)] = d.parts() else {
            return;
        };
        let n = i64::from(n);
        let next = match unit {
            U::Day | U::Week => {
                let Some(day) = self.refs.day else { return };
                let days = if unit == U::Week { n * 7 } else { n };
                let Some(next) = add_days(day, days) else {
                    return;
                };
                DateValue::Day(Some(next.year()), next.month() as u8, next.day() as u8)
            }
            U::Month => {
                let Some((y, m)) = self.refs.month else {
                    return;
                };
                let Some((y, m)) = i32::try_from(n).ok().and_then(|n| add_months(y, m, n)) else {
                    return;
                };
                DateValue::Month(Some(y), m)
            }
            U::Year | U::Decade | U::Century => {
                let years = match unit {
                    U::Decade => n * 10,
                    U::Century => n * 100,
                    _ => n,
                };
                let Some(y) = self
                    .refs
                    .year
                    .and_then(|y| i32::try_from(i64::from(y) + years).ok())
                else {
                    return;
                };
                DateValue::Year(y)
            }
            _ => return,
        };
        if TimexValue::Date(next).is_valid() {
            self.note(&TimexValue::Date(next));
        }
    }

    /// Records a resolved value as the latest reference time.
    pub(crate) fn note(&mut self, v: &TimexValue) {
        self.range_from = None;
        let d = match v {
            TimexValue::Date(d) | TimexValue::Time(d, _) => *d,
            _ => return,
        };
        // The first day of the value's interval ([`DateValue::interval`]), read directly for
        // the most frequent values: a day (whose interval ends the next day) and a year.
        let day = match d {
            DateValue::Day(Some(y), m, dd) => ymd(y, m, dd),
            _ => None,
        };
        let from = match d {
            DateValue::Day(Some(..), ..) => day.filter(|x| x.succ_opt().is_some()),
            DateValue::Year(y) => y
                .checked_add(1)
                .and_then(|n| ymd(n, 1, 1))
                .and(ymd(y, 1, 1)),
            _ => d.interval().map(|iv| iv.start.date()),
        };
        // Naming the year the story is already in ("later that year", "by the end of the
        // year") does not move its reference time back to the first of January.
        let same_year = matches!(d, DateValue::Year(y) if self.refs.year == Some(y)
            && self.refs.from.is_some_and(|f| f.year() == y));
        if from.is_some() && !same_year {
            self.refs.from = from;
        }
        let r = &mut self.refs;
        match d {
            DateValue::Day(Some(y), m, _) => {
                r.day = day;
                r.month = Some((y, m));
                r.year = Some(y);
            }
            DateValue::Month(Some(y), m) => {
                if r.month != Some((y, m)) {
                    r.day = None;
                }
                r.month = Some((y, m));
                r.year = Some(y);
            }
            DateValue::Quarter(Some(y), q) => {
                r.quarter = Some((y, q));
                if r.year != Some(y) {
                    r.day = None;
                    r.month = None;
                }
                r.year = Some(y);
            }
            // The winter begun the year before the story's year ("On 15 January 1942 … in
            // the winter"): the story stays in its year.
            DateValue::Season(Some(y), Season::Winter) if y.checked_add(1) == r.year => {}
            DateValue::Year(y)
            | DateValue::Season(Some(y), _)
            | DateValue::Half(Some(y), _)
            | DateValue::Week(Some(y), _)
            | DateValue::Weekend(Some(y), _) => {
                if r.year != Some(y) {
                    r.day = None;
                    r.month = None;
                }
                r.year = Some(y);
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn month_arithmetic_wraps_years() {
        assert_eq!(add_months(2025, 1, -1), Some((2024, 12)));
        assert_eq!(add_months(2025, 12, 1), Some((2026, 1)));
        assert_eq!(add_months(2025, 3, i32::MAX), None);
        assert_eq!(add_quarters(2025, 1, -1), Some((2024, 4)));
    }

    #[test]
    fn weekdays_resolve_by_tense() {
        let r = Resolver::new(Some(d("2025-03-31")), false);
        let fri = Partial::Day(DaySpec::Weekday(5, WdRel::Tense));
        assert_eq!(
            r.resolve(&fri, Tense::Past).unwrap().to_string(),
            "2025-03-28"
        );
        assert_eq!(
            r.resolve(&fri, Tense::Future).unwrap().to_string(),
            "2025-04-04"
        );
        let mon = Partial::Day(DaySpec::Weekday(1, WdRel::Tense));
        assert_eq!(
            r.resolve(&mon, Tense::None).unwrap().to_string(),
            "2025-03-31"
        );
    }

    #[test]
    fn year_less_dates_take_the_nearest_year() {
        let r = Resolver::new(Some(d("2025-03-31")), false);
        let feb = Partial::Day(DaySpec::Date(None, 2, 12));
        assert_eq!(
            r.resolve(&feb, Tense::Past).unwrap().to_string(),
            "2025-02-12"
        );
        let dec = Partial::Day(DaySpec::Date(None, 12, 20));
        assert_eq!(
            r.resolve(&dec, Tense::None).unwrap().to_string(),
            "2024-12-20"
        );
        let none = Resolver::new(None, false);
        assert_eq!(
            none.resolve(&feb, Tense::Past).unwrap().to_string(),
            "XXXX-02-12"
        );
    }

    #[test]
    fn anaphora_follow_the_reference_time() {
        let mut r = Resolver::new(Some(d("2025-03-31")), false);
        r.note(&TimexValue::day(d("2024-06-10")));
        let next = Partial::Anaphor(Unit::Day, 1);
        assert_eq!(
            r.resolve(&next, Tense::Past).unwrap().to_string(),
            "2024-06-11"
        );
        let last_year = Partial::RelYear(-1);
        assert_eq!(
            r.resolve(&last_year, Tense::Past).unwrap().to_string(),
            "2024"
        );
    }

    #[test]
    fn huge_offsets_do_not_panic() {
        let r = Resolver::new(Some(d("2025-03-31")), false);
        for unit in [
            Unit::Year,
            Unit::Day,
            Unit::Month,
            Unit::Century,
            Unit::Week,
        ] {
            let p = Partial::Ago {
                unit,
                n: Some(999_999_999),
                dir: -1,
                anaphoric: false,
            };
            assert!(r.resolve(&p, Tense::None).is_none());
        }
    }
}
