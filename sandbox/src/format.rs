//! How the web pages write the contract's values for an advisor in the US:
//! `10/31/1955`, `$91,250.00`, "Domestic partner". Plain text in, plain text
//! out; escaping is the page's job.

use std::time::{SystemTime, UNIX_EPOCH};

/// A calendar day, as the contract writes it (`YYYY-MM-DD`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day {
    year: i64,
    month: u32,
    day: u32,
}

impl Day {
    /// `None` unless `text` is `YYYY-MM-DD` (stored dates always are: they
    /// were validated on the way in).
    pub fn parse(text: &str) -> Option<Day> {
        let mut parts = text.split('-');
        let (Some(year), Some(month), Some(day), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        fn number<T: std::str::FromStr>(part: &str, len: usize) -> Option<T> {
            let digits = part.len() == len && part.bytes().all(|b| b.is_ascii_digit());
            digits.then(|| part.parse().ok()).flatten()
        }
        Some(Day {
            year: number(year, 4)?,
            month: number(month, 2)?,
            day: number(day, 2)?,
        })
    }

    /// Today in UTC: close enough for an age on a demo page.
    pub fn today() -> Day {
        let seconds = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Day::from_days_since_epoch(i64::try_from(seconds / 86_400).unwrap_or(0))
    }

    /// The civil date `days` after 1970-01-01 (Howard Hinnant's algorithm).
    fn from_days_since_epoch(days: i64) -> Day {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z.rem_euclid(146_097);
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let mp = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        Day {
            year: year_of_era + era * 400 + i64::from(month <= 2),
            // Both are small and positive by construction.
            month: u32::try_from(month).unwrap_or(1),
            day: u32::try_from(day).unwrap_or(1),
        }
    }

    /// `MM/DD/YYYY`, as a US advisor reads a date.
    pub fn us(self) -> String {
        format!("{:02}/{:02}/{:04}", self.month, self.day, self.year)
    }

    /// Whole years from `self` (a birth date) to `on`; `None` before birth.
    pub fn age_on(self, on: Day) -> Option<i64> {
        let birthday_passed = (on.month, on.day) >= (self.month, self.day);
        let age = on.year - self.year - i64::from(!birthday_passed);
        (age >= 0).then_some(age)
    }
}

/// A contract date written for a US reader; any other text is shown as it is.
pub fn us_date(text: &str) -> String {
    Day::parse(text).map_or_else(|| text.to_string(), Day::us)
}

/// An amount in cents, from the contract's `-?digits.dd`; `None` for any
/// other text, or one too large to add up.
pub fn cents(text: &str) -> Option<i128> {
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = unsigned.split_once('.')?;
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(whole) || fraction.len() != 2 || !all_digits(fraction) {
        return None;
    }
    let value = whole
        .parse::<i128>()
        .ok()?
        .checked_mul(100)?
        .checked_add(fraction.parse::<i128>().ok()?)?;
    Some(if negative { -value } else { value })
}

/// Dollars with thousands separators: `$91,250.00`, `-$80.00`.
pub fn dollars(cents: i128) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let cents = cents.unsigned_abs();
    let whole = (cents / 100).to_string();
    let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    format!("{sign}${grouped}.{:02}", cents % 100)
}

/// The contract's `maritalStatus` codes in words.
pub fn marital_status(code: &str) -> &str {
    match code {
        "DomesticPartner" => "Domestic partner",
        other => other,
    }
}

/// What a client's `externalIds` say about where it came from, in words:
/// the ids themselves mean nothing to an advisor.
pub fn link(external_ids: &[String]) -> Option<&'static str> {
    if external_ids.iter().any(|id| id.starts_with("smartoffice:")) {
        Some("Linked to SmartOffice")
    } else if external_ids.is_empty() {
        None
    } else {
        Some("Linked to another system")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Day {
        Day::parse(text).unwrap_or_else(|| panic!("{text} is a day"))
    }

    #[test]
    fn dates_read_month_first() {
        assert_eq!(us_date("1955-10-31"), "10/31/1955");
        assert_eq!(us_date("2024-02-29"), "02/29/2024");
        assert_eq!(us_date("0001-01-01"), "01/01/0001");
        for odd in ["1955-10", "55-10-31", "1955/10/31", "1955-10-31T00:00", "x"] {
            assert_eq!(us_date(odd), odd, "shown as it is");
        }
    }

    #[test]
    fn ages_count_whole_years() {
        let born = day("1955-10-31");
        assert_eq!(born.age_on(day("2025-10-30")), Some(69));
        assert_eq!(born.age_on(day("2025-10-31")), Some(70));
        assert_eq!(born.age_on(day("1955-10-31")), Some(0));
        assert_eq!(born.age_on(day("1955-10-30")), None);
        let leap = day("2000-02-29");
        assert_eq!(leap.age_on(day("2001-02-28")), Some(0));
        assert_eq!(leap.age_on(day("2001-03-01")), Some(1));
    }

    #[test]
    fn days_since_the_epoch_are_civil_dates() {
        assert_eq!(Day::from_days_since_epoch(0), day("1970-01-01"));
        assert_eq!(Day::from_days_since_epoch(11_016), day("2000-02-29"));
        assert_eq!(Day::from_days_since_epoch(20_454), day("2026-01-01"));
        assert_eq!(Day::from_days_since_epoch(-1), day("1969-12-31"));
        assert!(Day::today() > day("2024-01-01"));
    }

    fn money(text: &str) -> String {
        cents(text).map_or_else(|| text.to_string(), dollars)
    }

    #[test]
    fn amounts_are_dollars() {
        for (text, shown) in [
            ("91250.00", "$91,250.00"),
            ("-80.00", "-$80.00"),
            ("0.00", "$0.00"),
            ("-0.00", "$0.00"),
            ("999.99", "$999.99"),
            ("1000.00", "$1,000.00"),
            ("1234567.89", "$1,234,567.89"),
            ("0012.30", "$12.30"),
            ("-100000.05", "-$100,000.05"),
        ] {
            assert_eq!(money(text), shown, "{text}");
        }
        for odd in ["12.5", "1,000.00", "abc", "-", "1e3.00", "+1.00", ".50"] {
            assert_eq!(cents(odd), None, "{odd}");
        }
        let huge = format!("{}.00", "9".repeat(40));
        assert_eq!(cents(&huge), None, "too large to add up");
    }

    #[test]
    fn codes_are_words() {
        assert_eq!(marital_status("DomesticPartner"), "Domestic partner");
        assert_eq!(marital_status("Married"), "Married");
        let ids = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            link(&ids(&["x:1", "smartoffice:host:1005"])),
            Some("Linked to SmartOffice")
        );
        assert_eq!(link(&ids(&["crm:7"])), Some("Linked to another system"));
        assert_eq!(link(&[]), None);
    }
}
