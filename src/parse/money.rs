//! Money as SmartOffice shows it: `$1,234.56`, `($1,234.56)`, `-$1,234.56`.

use std::fmt;

use crate::record::Money;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoneyError {
    pub text: String,
}

impl fmt::Display for MoneyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}\" is not an amount of money", shorten(&self.text))
    }
}

impl std::error::Error for MoneyError {}

/// Keeps error messages readable when a cell holds a very long text.
pub(crate) fn shorten(text: &str) -> String {
    const MAX: usize = 40;
    if text.chars().count() <= MAX {
        text.to_string()
    } else {
        let head: String = text.chars().take(MAX).collect();
        format!("{head}…")
    }
}

/// Reads an amount exactly. Blank means unknown (`Ok(None)`), never zero; an
/// amount with more than two decimals is an error rather than a rounding guess.
pub fn parse_money(raw: &str) -> Result<Option<Money>, MoneyError> {
    let text = smartoffice_snapshot::clean::clean(raw);
    if text.is_empty() {
        return Ok(None);
    }
    let error = || MoneyError { text: text.clone() };
    let mut rest = text.as_str();
    let mut negative = false;
    if let Some(inner) = rest.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        negative = true;
        rest = inner.trim();
    }
    if let Some(inner) = rest.strip_prefix('-') {
        if negative {
            return Err(error());
        }
        negative = true;
        rest = inner.trim_start();
    }
    rest = rest.strip_prefix('$').unwrap_or(rest).trim_start();
    if let Some(inner) = rest.strip_prefix('-') {
        if negative {
            return Err(error());
        }
        negative = true;
        rest = inner;
    }
    let (whole, fraction) = match rest.split_once('.') {
        Some((whole, fraction)) => (whole, fraction),
        None => (rest, ""),
    };
    if whole.is_empty() && fraction.is_empty() || fraction.len() > 2 {
        return Err(error());
    }
    if !fraction.bytes().all(|b| b.is_ascii_digit()) || !is_grouped_digits(whole) {
        return Err(error());
    }
    let mut cents: i64 = 0;
    for b in whole.bytes().filter(u8::is_ascii_digit) {
        cents = cents
            .checked_mul(10)
            .and_then(|c| c.checked_add(i64::from(b - b'0')))
            .ok_or_else(error)?;
    }
    let mut fraction_cents: i64 = 0;
    for (i, b) in fraction.bytes().enumerate() {
        let digit = i64::from(b - b'0');
        fraction_cents += if i == 0 { digit * 10 } else { digit };
    }
    cents = cents
        .checked_mul(100)
        .and_then(|c| c.checked_add(fraction_cents))
        .ok_or_else(error)?;
    Ok(Some(Money {
        cents: if negative { -cents } else { cents },
    }))
}

/// "1234", "1,234" and "12,345,678" are fine; "1,23" and "12,,3" are not.
fn is_grouped_digits(whole: &str) -> bool {
    if !whole.contains(',') {
        return whole.bytes().all(|b| b.is_ascii_digit());
    }
    let mut groups = whole.split(',');
    let first_ok = groups
        .next()
        .is_some_and(|g| (1..=3).contains(&g.len()) && g.bytes().all(|b| b.is_ascii_digit()));
    first_ok && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cents(text: &str) -> Option<i64> {
        parse_money(text).expect("readable amount").map(|m| m.cents)
    }

    #[test]
    fn reads_the_shapes_smartoffice_shows() {
        assert_eq!(cents("$1,234.56"), Some(123_456));
        assert_eq!(cents("($1,234.56)"), Some(-123_456));
        assert_eq!(cents("-$1,234.56"), Some(-123_456));
        assert_eq!(cents("$-80"), Some(-8_000));
        assert_eq!(cents("$0.00"), Some(0));
        assert_eq!(cents("1234.5"), Some(123_450));
        assert_eq!(cents("\u{a0}$12,345,678.90\u{a0}"), Some(1_234_567_890));
        assert_eq!(cents("$.99"), Some(99));
    }

    #[test]
    fn blank_is_unknown_not_zero() {
        assert_eq!(cents(""), None);
        assert_eq!(cents(" \u{a0} "), None);
    }

    #[test]
    fn refuses_what_it_cannot_read_exactly() {
        for bad in [
            "$1,23.00",
            "12.345",
            "abc",
            "$",
            "-",
            "(-$5)",
            "--5",
            "1.2.3",
            "$1 234",
            "99999999999999999999",
            "1e5",
            "$12,",
            "N/A",
            "<img src=x onerror=alert(1)>",
        ] {
            assert!(parse_money(bad).is_err(), "{bad} should not read");
        }
    }

    #[test]
    fn error_names_the_text() {
        let error = parse_money("twelve").expect_err("not money");
        assert_eq!(error.to_string(), "\"twelve\" is not an amount of money");
    }
}
