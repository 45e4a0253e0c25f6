//! Documents and their creation time (DCT).

use std::fmt;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
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
    /// A document from its text. The creation date is looked for in the header.
    pub fn new(text: impl Into<String>) -> Document {
        let text = text.into();
        Document {
            dct: None,
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
}
