//! The client record read from SmartOffice: plain data, no browser types.
//!
//! It travels as a message to the service worker and is compared with expected
//! JSON files in tests, so every type is serde (camelCase). Unknown is `None`;
//! an empty string is never stored for "not known".

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One SmartOffice contact or household, read and ready to be checked and sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Record {
    pub source: Source,
    pub marital_status: Option<MaritalStatus>,
    pub residence_address: Option<Address>,
    pub home_phone: Option<String>,
    pub fax: Option<String>,
    pub client: Person,
    pub spouse: Option<Person>,
    /// `None` when the page has no Investments section (its licence may be off),
    /// which is not the same as a section listing no accounts.
    pub investments: Option<Vec<Investment>>,
    pub policies: Option<Vec<Policy>>,
}

/// Where the record was read: the office, whether a contact or a household,
/// and the record's id in that office.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Source {
    pub office_host: String,
    pub kind: RecordKind,
    pub id: String,
    /// True when the page showed no id and `id` was derived from the office,
    /// name and birth date; such an id changes when those change.
    pub id_derived: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RecordKind {
    Contact,
    Household,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum MaritalStatus {
    Single,
    Married,
    DomesticPartner,
    Divorced,
    Widowed,
    Separated,
}

impl MaritalStatus {
    /// Whether eMoney expects a spouse for this status.
    pub fn has_partner(self) -> bool {
        matches!(
            self,
            MaritalStatus::Married | MaritalStatus::DomesticPartner
        )
    }
}

/// The client or the spouse.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Person {
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub birth_date: Option<Date>,
    pub cell_phone: Option<String>,
    pub email: Option<String>,
    pub employer: Employer,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Employer {
    pub company: Option<String>,
    pub job_title: Option<String>,
    pub business_address: Option<Address>,
    pub business_phone: Option<String>,
    pub business_fax: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Address {
    pub street1: Option<String>,
    pub street2: Option<String>,
    pub city: Option<String>,
    pub state: Option<String>,
    pub postal_code: Option<String>,
    pub country: Option<String>,
}

impl Address {
    pub fn is_empty(&self) -> bool {
        *self == Address::default()
    }
}

/// An investment account as SmartOffice lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Investment {
    pub account_name: Option<String>,
    pub account_value: Option<Money>,
    pub loan_balance: Option<Money>,
    pub net_value: Option<Money>,
    /// "Qualified", "Held Away", ... as the office wrote them.
    pub options: Vec<String>,
    /// The owner as written; matching it to client/spouse/joint is the mapper's job.
    pub owner: Option<String>,
}

/// An insurance policy as SmartOffice lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Policy {
    pub carrier: Option<String>,
    pub plan_name: Option<String>,
    pub policy_number: Option<MaskedPolicyNumber>,
    pub primary_insured: Option<String>,
    pub owner: Option<String>,
    pub total_death_benefits: Option<Money>,
}

/// A policy number reduced to `***` and its last four characters. The full
/// number never enters the record, so it cannot reach a log, storage or the UI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MaskedPolicyNumber(String);

/// Masks a policy number as read from the page; `None` when it is blank, or
/// so short (four characters or fewer) that its last four would show it whole.
/// The rule itself is the page's (`smartoffice_snapshot::mask`), which masks
/// before anything leaves it.
pub fn masked_policy_number(full: &str) -> Option<MaskedPolicyNumber> {
    smartoffice_snapshot::mask::masked_policy_number(full).map(MaskedPolicyNumber)
}

impl MaskedPolicyNumber {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for MaskedPolicyNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for MaskedPolicyNumber {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for MaskedPolicyNumber {
    /// Accepts only an already masked number, so a full one cannot be smuggled
    /// in through a message or a stored record.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        match text.strip_prefix("***") {
            Some(rest) if rest.chars().count() == 4 => Ok(MaskedPolicyNumber(text)),
            _ => Err(serde::de::Error::custom(
                "a policy number must be *** and four characters",
            )),
        }
    }
}

/// An amount of money in cents: exact, never a float.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Money {
    pub cents: i64,
}

impl Money {
    /// Reads the canonical form [`Display`](fmt::Display) writes ("1234.56",
    /// "-80.00"), as messages and stored records carry it. Page text goes
    /// through `parse::money` instead.
    pub fn from_canonical(text: &str) -> Option<Money> {
        let (negative, unsigned) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, cents) = unsigned.split_once('.')?;
        let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
        if !digits(whole) || cents.len() != 2 || !digits(cents) {
            return None;
        }
        let whole: i64 = whole.parse().ok()?;
        let cents: i64 = cents.parse().ok()?;
        let total = whole.checked_mul(100)?.checked_add(cents)?;
        Some(Money {
            cents: if negative { -total } else { total },
        })
    }
}

impl fmt::Display for Money {
    /// Two decimal places, a leading minus for negatives: "1234.56", "-80.00".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.cents < 0 { "-" } else { "" };
        let abs = self.cents.unsigned_abs();
        write!(f, "{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Money::from_canonical(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("not an amount of money: {text}")))
    }
}

/// A calendar date, always a real one (no February 30th).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// `None` when the day does not exist in that month and year.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if is_leap_year(year) => 29,
            2 => 28,
            _ => return None,
        };
        (year >= 1 && (1..=days_in_month).contains(&day)).then_some(Date { year, month, day })
    }

    /// Reads ISO `YYYY-MM-DD`, the form [`Display`](fmt::Display) writes.
    /// Page text goes through `parse::date` instead.
    pub fn from_iso(text: &str) -> Option<Date> {
        let mut parts = text.split('-');
        let mut number = |width: usize| {
            parts
                .next()
                .filter(|part| part.len() == width && part.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|part| part.parse::<u16>().ok())
        };
        let (year, month, day) = (number(4)?, number(2)?, number(2)?);
        if parts.next().is_some() {
            return None;
        }
        Date::new(year, u8::try_from(month).ok()?, u8::try_from(day).ok()?)
    }

    pub fn year(self) -> u16 {
        self.year
    }
    pub fn month(self) -> u8 {
        self.month
    }
    pub fn day(self) -> u8 {
        self.day
    }
}

fn is_leap_year(year: u16) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

impl fmt::Display for Date {
    /// ISO `YYYY-MM-DD`, as eMoney takes it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::from_iso(&text).ok_or_else(|| serde::de::Error::custom(format!("not a date: {text}")))
    }
}
