//! Documents and their creation time (DCT).

use std::fmt;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::error::DocumentError;

/// Where a document's date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DctSource {
    /// Given by the caller.
    Given,
    /// Found in the header of the text.
    Header,
}

/// A document creation time: a day, and the clock time when known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Dct {
    /// The day.
    pub date: NaiveDate,
    /// The time of day, when known.
    pub time: Option<NaiveTime>,
    /// Where it came from.
    pub source: DctSource,
}

impl Dct {
    /// Parses `YYYY-MM-DD`, optionally followed by `THH:MM[:SS]` and a zone (ignored).
    ///
    /// ```
    /// use eventline::Dct;
    /// let d = Dct::parse("1998-02-27T08:17:00")?;
    /// assert_eq!(d.date.to_string(), "1998-02-27");
    /// assert!(Dct::parse("1998-02-30").is_err());
    /// Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse(s: &str) -> Result<Dct, DocumentError> {
        let bad = || DocumentError::BadDate(s.chars().take(64).collect());
        let s = s.trim();
        let (d, t) = match s.find(['T', ' ']) {
            Some(i) => (&s[..i], Some(&s[i + 1..])),
            None => (s, None),
        };
        let date = NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| bad())?;
        let time = match t {
            None => None,
            Some(t) => {
                let t = t.trim_end_matches('Z');
                let t = t.split(['+', '-']).next().unwrap_or("");
                Some(
                    NaiveTime::parse_from_str(t, "%H:%M:%S")
                        .or_else(|_| NaiveTime::parse_from_str(t, "%H:%M"))
                        .map_err(|_| bad())?,
                )
            }
        };
        Ok(Dct {
            date,
            time,
            source: DctSource::Given,
        })
    }

    /// The instant: the day at its time, or at midnight.
    pub fn datetime(&self) -> NaiveDateTime {
        self.date.and_time(self.time.unwrap_or(NaiveTime::MIN))
    }
}

impl fmt::Display for Dct {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.date.format("%Y-%m-%d"))?;
        if let Some(t) = self.time {
            write!(f, "T{}", t.format("%H:%M:%S"))?;
        }
        Ok(())
    }
}

/// How relative expressions are anchored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    /// News: deictic expressions ("yesterday", "on Monday") anchor on the document date.
    News,
    /// Narrative (histories, biographies): they anchor on the last mentioned date.
    Narrative,
}

/// An article: its text, its creation date (given or found in the header) and its kind.
///
/// ```
/// use eventline::{Dct, Document};
/// let doc = Document::new("Peskov said on Monday…").with_dct(Dct::parse("2025-03-31")?);
/// assert_eq!(doc.dct().unwrap().date.to_string(), "2025-03-31");
/// Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    text: String,
    dct: Option<Dct>,
    kind: Option<DocKind>,
}

impl Document {
    /// A document from its text. The creation date is looked for in the first lines: a
    /// short line holding a full date (`date 2025-03-31`, `Monday, March 31, 2025`,
    /// `31 March 2025`, `2025-03-31T10:00:00Z`, `March 31, 2025 5:12 PM EDT`). A dateline
    /// without a year (`MOSCOW, March 31 (Reuters) -`) is not enough.
    ///
    /// When nothing is found, [`Document::dct`] returns `None`: relative expressions then
    /// stay underspecified (`XXXX-02-12`) unless [`Document::with_dct`] supplies a date. A
    /// found date has [`DctSource::Header`].
    ///
    /// ```
    /// use eventline::{DctSource, Document};
    /// let doc = Document::new("Monday, March 31, 2025\n\nThe talks resumed on Friday.");
    /// let dct = doc.dct().unwrap();
    /// assert_eq!(dct.date.to_string(), "2025-03-31");
    /// assert_eq!(dct.source, DctSource::Header);
    /// assert!(Document::new("MOSCOW, March 31 (Reuters) - Talks resumed.").dct().is_none());
    /// ```
    pub fn new(text: impl Into<String>) -> Document {
        let text = text.into();
        let dct = crate::tagger::detect_dct(&text).map(|(date, time)| Dct {
            date,
            time,
            source: DctSource::Header,
        });
        Document {
            dct,
            text,
            kind: None,
        }
    }

    /// Sets the creation date (overrides any date found in the header).
    pub fn with_dct(mut self, dct: Dct) -> Document {
        self.dct = Some(Dct {
            source: DctSource::Given,
            ..dct
        });
        self
    }

    /// Forces the document kind instead of detecting it.
    pub fn with_kind(mut self, kind: DocKind) -> Document {
        self.kind = Some(kind);
        self
    }

    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The creation date, when given or found.
    pub fn dct(&self) -> Option<&Dct> {
        self.dct.as_ref()
    }

    /// The kind chosen by the caller, if any.
    pub fn kind_override(&self) -> Option<DocKind> {
        self.kind
    }

    /// How relative expressions are anchored: the kind set with [`Document::with_kind`], or
    /// one detected from the text.
    ///
    /// A text reads as a [`DocKind::Narrative`] (a history, a biography) when it mentions
    /// several absolute years and hardly any deictic words (today, yesterday, tomorrow,
    /// weekday names, "this week", but not "the following week"), and, when the document has a date, those years lie
    /// mostly more than a year away from it or spread over decades. Without a date, two
    /// years suffice. Everything else is [`DocKind::News`].
    ///
    /// ```
    /// use eventline::{Dct, DocKind, Document};
    /// let history = "The town was founded in 1642. It burned in 1711 and was rebuilt by \
    ///     1730. The railway came in 1852, and in 1901 the mill closed. The following year \
    ///     the school opened.";
    /// assert_eq!(Document::new(history).kind(), DocKind::Narrative);
    /// // A history of 1941–1943 read in 2024 is still a history.
    /// let war = "The siege began in September 1941. In 1942 the city starved. By 1943 \
    ///     the siege was broken.";
    /// let dated = Document::new(war).with_dct(Dct::parse("2024-05-01")?);
    /// assert_eq!(dated.kind(), DocKind::Narrative);
    /// let news = "The minister said on Monday that talks would resume tomorrow.";
    /// assert_eq!(Document::new(news).kind(), DocKind::News);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn kind(&self) -> DocKind {
        if let Some(k) = self.kind {
            return k;
        }
        detect_kind(&self.text, self.dct.map(|d| d.date.year()))
    }
}

/// Words that point at the moment of writing.
const DEICTIC_WORDS: &[&str] = &[
    "today",
    "yesterday",
    "tomorrow",
    "tonight",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "week",
    "weekend",
];

/// One of [`DEICTIC_WORDS`], ASCII case-insensitively.
fn is_deictic(w: &[u8]) -> bool {
    let (Some(&f), Some(&l)) = (w.first(), w.last()) else {
        return false;
    };
    if !(4..=9).contains(&w.len())
        || !matches!(f | 0x20, b't' | b'y' | b'm' | b'w' | b'f' | b's')
        || !matches!(l | 0x20, b'y' | b'w' | b't' | b'k' | b'd')
    {
        return false;
    }
    let mut buf = [0u8; 9];
    for (d, s) in buf.iter_mut().zip(w) {
        *d = s.to_ascii_lowercase();
    }
    let lower = &buf[..w.len()];
    DEICTIC_WORDS.iter().any(|d| d.as_bytes() == lower)
}

/// The word ending at byte `end` opens a full date: a day of the month or a month follows
/// ("Sunday, 2 September 1666", "Monday, March 31"), so it points at that date.
fn opens_date(bytes: &[u8], end: usize) -> bool {
    let rest = bytes.get(end..).unwrap_or(&[]);
    let skip = rest.iter().take_while(|&&c| c == b' ' || c == b',').count();
    let next = rest.get(skip..).unwrap_or(&[]);
    let len = next
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    let word = next.get(..len).unwrap_or(&[]);
    if !word.is_empty() && word.len() <= 2 && word.iter().all(u8::is_ascii_digit) {
        return true;
    }
    crate::tagger::is_month_name(word)
}

/// "The following week", "that weekend": a week told from the story's own time, not from
/// the moment of writing.
fn anaphoric_week(prev: &[u8], w: &[u8]) -> bool {
    (w.eq_ignore_ascii_case(b"week") || w.eq_ignore_ascii_case(b"weekend")) && story_lead(prev)
}

/// `prev` is one of [`ANAPHORIC_LEADS`]: the week after it is the story's, not a deictic one.
pub(crate) fn story_lead(prev: &[u8]) -> bool {
    ANAPHORIC_LEADS
        .iter()
        .any(|l| prev.eq_ignore_ascii_case(l.as_bytes()))
}

/// Words before "week" that place it in the story rather than at the time of writing.
const ANAPHORIC_LEADS: &[&str] = &["following", "that", "previous", "same", "preceding"];

fn detect_kind(text: &str, dct_year: Option<i32>) -> DocKind {
    let mut counts = KindCounts::new(dct_year);
    let bytes = text.as_bytes();
    let mut i = 0;
    // The word before the current one.
    let mut prev: &[u8] = &[];
    while i < bytes.len() {
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        if i == start {
            i += 1;
            continue;
        }
        let b = &bytes[start..i];
        if b.len() == 4 && b.iter().all(u8::is_ascii_digit) {
            counts.year(b.iter().fold(0i32, |acc, d| acc * 10 + i32::from(d - b'0')));
        } else if is_deictic(b) && !anaphoric_week(prev, b) && !opens_date(bytes, i) {
            counts.deictic += 1;
        }
        prev = b;
    }
    counts.kind()
}

/// What the document kind is read from: the four-digit years a text mentions (how many,
/// their range, how many fall near the document date) and its deictic words.
#[derive(Debug, Clone, Copy)]
pub(crate) struct KindCounts {
    dct_year: Option<i32>,
    years: usize,
    min: i32,
    max: i32,
    /// Years within one of the document date's year.
    recent: usize,
    /// Deictic words (today, yesterday, weekday names, "week").
    pub deictic: usize,
}

impl KindCounts {
    pub(crate) fn new(dct_year: Option<i32>) -> KindCounts {
        KindCounts {
            dct_year,
            years: 0,
            min: i32::MAX,
            max: i32::MIN,
            recent: 0,
            deictic: 0,
        }
    }

    /// Counts a four-digit number; only 1000–2100 are years.
    pub(crate) fn year(&mut self, y: i32) {
        if !(1000..=2100).contains(&y) {
            return;
        }
        self.years += 1;
        self.min = self.min.min(y);
        self.max = self.max.max(y);
        if self.dct_year.is_some_and(|d| (y - d).abs() <= 1) {
            self.recent += 1;
        }
    }

    /// News unless the text reads as a history: several years, few deictic words, and
    /// (when the document has a date) years mostly far from it, or spread over decades.
    pub(crate) fn kind(&self) -> DocKind {
        let span = if self.years > 0 {
            self.max.saturating_sub(self.min)
        } else {
            0
        };
        let narrative = if self.dct_year.is_some() {
            // A history of the past, read today ("Stalingrad fell in February 1943"): years
            // far from the document date, hardly a word pointing at the time of writing.
            let past =
                self.years >= 3 && self.recent * 4 <= self.years && self.deictic * 8 <= self.years;
            let long = self.years >= 6 && span >= 20 && self.deictic * 4 <= self.years;
            past || long
        } else {
            self.years >= 2 && self.deictic * 2 <= self.years
        };
        if narrative {
            DocKind::Narrative
        } else {
            DocKind::News
        }
    }
}
