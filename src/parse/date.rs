//! Dates as SmartOffice shows them: `MM/DD/YYYY`, `M/D/YYYY`, `YYYY-MM-DD`.

use std::fmt;

use crate::record::Date;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not shaped like any date format the office uses.
    Unreadable(String),
    /// Shaped like a date, but the day does not exist (02/30/1970).
    Impossible(String),
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Unreadable(text) => {
                write!(f, "\"{}\" is not a date", super::money::shorten(text))
            }
            DateError::Impossible(text) => {
                write!(f, "\"{}\" is not a real date", super::money::shorten(text))
            }
        }
    }
}

impl std::error::Error for DateError {}

/// Reads a calendar date. Blank means unknown; a day that does not exist is
/// an error, never corrected to a nearby day.
pub fn parse_date(raw: &str) -> Result<Option<Date>, DateError> {
    let text = smartoffice_snapshot::clean::clean(raw);
    if text.is_empty() {
        return Ok(None);
    }
    let numbers = |parts: &[&str], widths: [(usize, usize); 3]| -> Option<[u32; 3]> {
        let mut out = [0u32; 3];
        for ((part, (min, max)), slot) in parts.iter().zip(widths).zip(out.iter_mut()) {
            if !(min..=max).contains(&part.len()) || !part.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            *slot = part.parse().ok()?;
        }
        Some(out)
    };
    let parts: Vec<&str> = text.split('/').collect();
    let ymd = if parts.len() == 3 {
        numbers(&parts, [(1, 2), (1, 2), (4, 4)]).map(|[m, d, y]| (y, m, d))
    } else {
        let parts: Vec<&str> = text.split('-').collect();
        (parts.len() == 3)
            .then(|| numbers(&parts, [(4, 4), (2, 2), (2, 2)]))
            .flatten()
            .map(|[y, m, d]| (y, m, d))
    };
    let (year, month, day) = ymd.ok_or_else(|| DateError::Unreadable(text.clone()))?;
    let date = match (u16::try_from(year), u8::try_from(month), u8::try_from(day)) {
        (Ok(y), Ok(m), Ok(d)) => Date::new(y, m, d),
        _ => None,
    };
    date.map(Some).ok_or(DateError::Impossible(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(text: &str) -> String {
        parse_date(text)
            .expect("readable date")
            .map(|d| d.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn reads_the_office_formats() {
        assert_eq!(iso("04/07/1961"), "1961-04-07");
        assert_eq!(iso("4/7/1961"), "1961-04-07");
        assert_eq!(iso("1961-04-07"), "1961-04-07");
        assert_eq!(iso("02/29/2000"), "2000-02-29");
        assert_eq!(iso("\u{a0}12/31/1999 "), "1999-12-31");
        assert_eq!(iso(""), "");
    }

    #[test]
    fn impossible_days_are_errors() {
        for text in [
            "02/30/1970",
            "02/29/1900",
            "13/01/1970",
            "00/10/1970",
            "1970-04-31",
            "01/01/0000",
        ] {
            assert!(
                matches!(parse_date(text), Err(DateError::Impossible(_))),
                "{text}"
            );
        }
    }

    #[test]
    fn other_shapes_are_unreadable() {
        for text in [
            "April 7, 1961",
            "04/07/61",
            "1961/04/07",
            "04-07-1961",
            "١٢/٠١/١٩٩٩",
            "04/07/1961/1",
            "+4/7/1961",
        ] {
            assert!(
                matches!(parse_date(text), Err(DateError::Unreadable(_))),
                "{text}"
            );
        }
    }
}
