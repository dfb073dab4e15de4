//! Checks a JSON body against the contract's shapes and names every bad field
//! (`client.dateOfBirth`, `spouse.job.address.city`, `typeOfFunds[1]`).
//!
//! The shapes are data: one table of fields per object. A field that is not in
//! its table is refused, so a misspelt name in the extension shows up at once
//! instead of being silently dropped.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::error::{ApiError, FieldError};

pub const MARITAL_STATUSES: &[&str] = &[
    "Single",
    "Married",
    "DomesticPartner",
    "Divorced",
    "Widowed",
    "Separated",
];
pub const OWNERS: &[&str] = &["Client", "Spouse", "Joint", "Other"];

enum Kind {
    /// Any non-blank string.
    Text,
    /// A non-blank string without surrounding spaces ("sent trimmed").
    Phone,
    /// `YYYY-MM-DD`, a real calendar date.
    Date,
    /// A decimal string with exactly two places, e.g. `-80.00`.
    Money,
    OneOf(&'static [&'static str]),
    /// `***` and the last four characters of a policy number.
    MaskedPolicyNumber,
    TextList,
    Object(&'static [Field]),
}

struct Field {
    name: &'static str,
    kind: Kind,
    required: bool,
}

const fn optional(name: &'static str, kind: Kind) -> Field {
    Field {
        name,
        kind,
        required: false,
    }
}

const fn required(name: &'static str, kind: Kind) -> Field {
    Field {
        name,
        kind,
        required: true,
    }
}

const ADDRESS: &[Field] = &[
    optional("street1", Kind::Text),
    optional("street2", Kind::Text),
    optional("city", Kind::Text),
    optional("state", Kind::Text),
    optional("postalCode", Kind::Text),
    optional("country", Kind::Text),
];

const JOB: &[Field] = &[
    optional("companyName", Kind::Text),
    optional("jobTitle", Kind::Text),
    optional("businessPhone", Kind::Phone),
    optional("businessFax", Kind::Phone),
    optional("address", Kind::Object(ADDRESS)),
];

/// eMoney cannot hold a person without a name, so both names are required.
const PERSON: &[Field] = &[
    required("firstName", Kind::Text),
    required("lastName", Kind::Text),
    optional("dateOfBirth", Kind::Date),
    optional("email", Kind::Text),
    optional("cellPhone", Kind::Phone),
    optional("job", Kind::Object(JOB)),
];

const HOUSEHOLD: &[Field] = &[
    optional("externalIds", Kind::TextList),
    optional("maritalStatus", Kind::OneOf(MARITAL_STATUSES)),
    optional("address", Kind::Object(ADDRESS)),
    optional("homePhone", Kind::Phone),
    optional("fax", Kind::Phone),
    required("client", Kind::Object(PERSON)),
    optional("spouse", Kind::Object(PERSON)),
];

const ASSET: &[Field] = &[
    required("externalId", Kind::Text),
    optional("name", Kind::Text),
    optional("holdingsValue", Kind::Money),
    optional("cashBalance", Kind::Money),
    optional("totalValue", Kind::Money),
    optional("typeOfFunds", Kind::TextList),
    optional("owner", Kind::OneOf(OWNERS)),
];

const POLICY: &[Field] = &[
    required("externalId", Kind::Text),
    optional("policyName", Kind::Text),
    optional("policyNumber", Kind::MaskedPolicyNumber),
    optional("owner", Kind::OneOf(OWNERS)),
    optional("currentDeathBenefit", Kind::Money),
];

/// A whole household (a stored client with an update merged in).
pub fn household(body: &Map<String, Value>) -> Vec<FieldError> {
    let mut errors = Vec::new();
    check_object(body, HOUSEHOLD, "", &mut errors);
    errors
}

/// A new client (`POST /clients`, and each client of a seed): a whole
/// household, without the `id` that eMoney chooses.
pub fn new_client(body: &Map<String, Value>) -> Vec<FieldError> {
    let Some(_) = body.get("id") else {
        return household(body);
    };
    let mut without_id = body.clone();
    without_id.remove("id");
    let mut errors = vec![FieldError::new(
        "id",
        "is chosen by eMoney; do not send it on create",
    )];
    errors.extend(household(&without_id));
    errors
}

/// Turns a checked object into its type. The checks mirror the types, so a
/// failure here is a sandbox bug; it is still answered, never a panic.
pub fn typed<T: DeserializeOwned>(object: Map<String, Value>) -> Result<T, ApiError> {
    serde_json::from_value(Value::Object(object))
        .map_err(|e| ApiError::internal(format!("A checked body did not convert: {e}")))
}

pub fn asset(body: &Map<String, Value>) -> Vec<FieldError> {
    let mut errors = Vec::new();
    check_object(body, ASSET, "", &mut errors);
    errors
}

pub fn policy(body: &Map<String, Value>) -> Vec<FieldError> {
    let mut errors = Vec::new();
    check_object(body, POLICY, "", &mut errors);
    errors
}

fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_string()
    } else {
        format!("{prefix}.{name}")
    }
}

fn check_object(
    object: &Map<String, Value>,
    fields: &[Field],
    prefix: &str,
    errors: &mut Vec<FieldError>,
) {
    for name in object.keys() {
        if !fields.iter().any(|f| f.name == name) {
            errors.push(FieldError::new(
                join(prefix, name),
                "is not a field of this shape",
            ));
        }
    }
    for field in fields {
        let path = join(prefix, field.name);
        match object.get(field.name) {
            None | Some(Value::Null) if field.required => {
                errors.push(FieldError::new(path, "is required"));
            }
            None | Some(Value::Null) => {}
            Some(Value::String(text)) if field.required && text.trim().is_empty() => {
                errors.push(FieldError::new(path, "is required and must not be empty"));
            }
            Some(value) => check_value(value, &field.kind, &path, errors),
        }
    }
}

fn check_value(value: &Value, kind: &Kind, path: &str, errors: &mut Vec<FieldError>) {
    let mut fail = |message: &str| errors.push(FieldError::new(path, message));
    match kind {
        Kind::Object(fields) => match value {
            Value::Object(object) => check_object(object, fields, path, errors),
            _ => fail("must be an object or null"),
        },
        Kind::TextList => match value {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    check_value(item, &Kind::Text, &format!("{path}[{i}]"), errors);
                }
            }
            _ => fail("must be an array of strings or null"),
        },
        _ => match value {
            Value::String(text) if text.trim().is_empty() => {
                fail("must be absent or null when not known, never an empty string");
            }
            Value::String(text) => {
                if let Some(message) = check_text(text, kind) {
                    fail(&message);
                }
            }
            _ => fail("must be a string or null"),
        },
    }
}

fn check_text(text: &str, kind: &Kind) -> Option<String> {
    match kind {
        Kind::Phone if text.trim() != text => Some("must be trimmed".into()),
        Kind::Date if !is_date(text) => Some("must be a real date written YYYY-MM-DD".into()),
        Kind::Money if !is_money(text) => {
            Some("must be a decimal string with two places, like \"1234.56\" or \"-80.00\"".into())
        }
        Kind::OneOf(allowed) if !allowed.contains(&text) => {
            Some(format!("must be one of {}", allowed.join(", ")))
        }
        Kind::MaskedPolicyNumber if !is_masked_policy_number(text) => {
            Some("must be \"***\" followed by the last four characters of the policy number".into())
        }
        _ => None,
    }
}

/// `YYYY-MM-DD` naming a day that exists (so no `2023-02-29`).
pub fn is_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| bytes[range].iter().all(u8::is_ascii_digit);
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return false;
    }
    if !digits(0..4) || !digits(5..7) || !digits(8..10) {
        return false;
    }
    let number = |range: std::ops::Range<usize>| {
        bytes[range]
            .iter()
            .fold(0u32, |n, b| n * 10 + u32::from(b - b'0'))
    };
    let (year, month, day) = (number(0..4), number(5..7), number(8..10));
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    year >= 1 && (1..=days_in_month).contains(&day)
}

/// An optional `-`, one or more digits, a point and exactly two digits.
pub fn is_money(text: &str) -> bool {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let Some((whole, cents)) = unsigned.split_once('.') else {
        return false;
    };
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && cents.len() == 2
        && cents.bytes().all(|b| b.is_ascii_digit())
}

/// `***` then exactly four characters, none of them a space or another `*`:
/// the full number never leaves the browser.
pub fn is_masked_policy_number(text: &str) -> bool {
    let Some(last_four) = text.strip_prefix("***") else {
        return false;
    };
    last_four.chars().count() == 4 && last_four.chars().all(|c| !c.is_whitespace() && c != '*')
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn dates() {
        for good in ["2024-02-29", "2000-02-29", "1960-12-31", "0001-01-01"] {
            assert!(is_date(good), "{good}");
        }
        for bad in [
            "2023-02-29",
            "1900-02-29",
            "2024-13-01",
            "2024-00-10",
            "2024-04-31",
            "2024-4-01",
            "24-04-01",
            "2024/04/01",
            "2024-04-01T00:00",
            "",
            "0000-01-01",
            "２０２４-01-01",
        ] {
            assert!(!is_date(bad), "{bad}");
        }
    }

    #[test]
    fn money() {
        for good in ["0.00", "1234.56", "-80.00", "1000000000.10"] {
            assert!(is_money(good), "{good}");
        }
        for bad in [
            "12", "12.5", "12.505", "1,234.56", "+1.00", "-", ".50", "1.5e2", "$1.00", " 1.00",
        ] {
            assert!(!is_money(bad), "{bad}");
        }
    }

    #[test]
    fn policy_numbers() {
        assert!(is_masked_policy_number("***1234"));
        assert!(is_masked_policy_number("***AB-9"));
        for bad in [
            "1234",
            "***123",
            "***12345",
            "**1234",
            "123456789",
            "*** 123",
            "****123",
        ] {
            assert!(!is_masked_policy_number(bad), "{bad}");
        }
    }

    fn fields(errors: Vec<FieldError>) -> Vec<String> {
        errors.into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn household_errors_name_every_bad_field() {
        let body = json!({
            "maritalStatus": "Engaged",
            "homePhone": "",
            "fax": " 555 ",
            "externalIds": ["ok", 3],
            "client": {"firstName": "Ann", "dateOfBirth": "1970-02-30", "job": {"address": {"city": 5}}},
            "spouse": {"firstName": "Bo", "lastName": "Li", "nickname": "B"},
        });
        let Value::Object(body) = body else {
            unreachable!()
        };
        assert_eq!(
            fields(household(&body)),
            [
                "externalIds[1]",
                "maritalStatus",
                "homePhone",
                "fax",
                "client.lastName",
                "client.dateOfBirth",
                "client.job.address.city",
                "spouse.nickname",
            ]
        );
    }

    #[test]
    fn missing_client_is_named() {
        let Value::Object(body) = json!({"homePhone": "555"}) else {
            unreachable!()
        };
        assert_eq!(fields(household(&body)), ["client"]);
    }

    #[test]
    fn nulls_are_unknown_values() {
        let Value::Object(body) = json!({
            "maritalStatus": null, "address": null, "spouse": null,
            "client": {"firstName": "A", "lastName": "B", "job": null, "email": null}
        }) else {
            unreachable!()
        };
        assert!(household(&body).is_empty());
    }

    #[test]
    fn asset_and_policy_fields() {
        let Value::Object(asset_body) = json!({
            "externalId": "i-1", "holdingsValue": "12.5", "typeOfFunds": "Qualified", "owner": "Me"
        }) else {
            unreachable!()
        };
        assert_eq!(
            fields(asset(&asset_body)),
            ["holdingsValue", "typeOfFunds", "owner"]
        );
        let Value::Object(policy_body) = json!({
            "externalId": "p-1", "policyNumber": "123456789", "currentDeathBenefit": 100
        }) else {
            unreachable!()
        };
        assert_eq!(
            fields(policy(&policy_body)),
            ["policyNumber", "currentDeathBenefit"]
        );
    }
}
