//! Temporal expressions found in text.

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::value::TimexValue;

/// The TIMEX3 type of an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexKind {
    /// A calendar date or period ("March 18", "last week", "2024").
    Date,
    /// A time of day ("3 p.m.", "Tuesday morning").
    Time,
    /// A length of time ("three years", "34 days").
    Duration,
    /// A recurrence ("every week", "daily").
    Set,
}

impl TimexKind {
    /// The TIMEX3 name (`DATE`, `TIME`, `DURATION`, `SET`).
    pub fn as_str(self) -> &'static str {
        match self {
            TimexKind::Date => "DATE",
            TimexKind::Time => "TIME",
            TimexKind::Duration => "DURATION",
            TimexKind::Set => "SET",
        }
    }
}

impl fmt::Display for TimexKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A TIMEX3 `mod` attribute: how the expression qualifies its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TimexMod {
    /// Before the value.
    Before,
    /// After the value.
    After,
    /// On or before the value.
    OnOrBefore,
    /// On or after the value.
    OnOrAfter,
    /// Less than the duration ("almost two years").
    LessThan,
    /// More than the duration ("more than a decade").
    MoreThan,
    /// At most the duration ("up to", "within").
    EqualOrLess,
    /// At least the duration.
    EqualOrMore,
    /// The start of the period ("early 2024").
    Start,
    /// The middle of the period ("mid-March").
    Mid,
    /// The end of the period ("late last year").
    End,
    /// About the value ("around 7 p.m.").
    Approx,
}

impl TimexMod {
    /// The TIMEX3 name (`START`, `EQUAL_OR_LESS`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            TimexMod::Before => "BEFORE",
            TimexMod::After => "AFTER",
            TimexMod::OnOrBefore => "ON_OR_BEFORE",
            TimexMod::OnOrAfter => "ON_OR_AFTER",
            TimexMod::LessThan => "LESS_THAN",
            TimexMod::MoreThan => "MORE_THAN",
            TimexMod::EqualOrLess => "EQUAL_OR_LESS",
            TimexMod::EqualOrMore => "EQUAL_OR_MORE",
            TimexMod::Start => "START",
            TimexMod::Mid => "MID",
            TimexMod::End => "END",
            TimexMod::Approx => "APPROX",
        }
    }
}

impl fmt::Display for TimexMod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A temporal expression: where it is in the text and what it means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timex {
    /// Byte range in the document text, on char boundaries.
    pub span: Range<usize>,
    /// TIMEX3 type.
    pub kind: TimexKind,
    /// Normalized value.
    pub value: TimexValue,
    /// Modifier, when the text qualifies the value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modifier: Option<TimexMod>,
    /// For sets: the quantifier ("EVERY", "EACH").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quant: Option<String>,
    /// For sets: the frequency ("2X" in "twice a week").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub freq: Option<String>,
}

impl Timex {
    /// The covered text.
    ///
    /// Returns an empty string when the span does not fit `text` (a timex from another
    /// document).
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.span.clone()).unwrap_or("")
    }
}
