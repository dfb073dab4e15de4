//! One-line addresses: `street[, unit], city, ST 12345`.

use std::fmt;

use crate::record::Address;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddressError {
    pub text: String,
}

impl fmt::Display for AddressError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "\"{}\" is not shaped like street, city, state and ZIP code",
            super::money::shorten(&self.text)
        )
    }
}

impl std::error::Error for AddressError {}

/// Splits a one-line US address. Blank is `Ok(None)`. A line that does not end
/// in "city, ST 12345" is an error: splitting it some other way would be a guess.
pub fn parse_one_line_address(raw: &str) -> Result<Option<Address>, AddressError> {
    let text = smartoffice_snapshot::clean::clean(raw);
    if text.is_empty() {
        return Ok(None);
    }
    let error = || AddressError { text: text.clone() };
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    let (street1, street2, city, state_zip) = match parts.as_slice() {
        [street, city, state_zip] => (*street, None, *city, *state_zip),
        [street, unit, city, state_zip] => (*street, Some(*unit), *city, *state_zip),
        _ => return Err(error()),
    };
    let (state, zip) = state_zip.split_once(' ').ok_or_else(error)?;
    let zip = zip.trim();
    let state_ok = state.len() == 2 && state.bytes().all(|b| b.is_ascii_alphabetic());
    if !state_ok || !is_zip(zip) || street1.is_empty() || city.is_empty() {
        return Err(error());
    }
    Ok(Some(Address {
        street1: Some(street1.to_string()),
        street2: street2.filter(|s| !s.is_empty()).map(str::to_string),
        city: Some(city.to_string()),
        state: Some(state.to_ascii_uppercase()),
        postal_code: Some(zip.to_string()),
        country: None,
    }))
}

/// "12345" or "12345-6789".
fn is_zip(zip: &str) -> bool {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    match zip.split_once('-') {
        Some((five, four)) => digits(five, 5) && digits(four, 4),
        None => digits(zip, 5),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_street_unit_city_state_zip() {
        let address = parse_one_line_address("12 Elm St, Apt 4B, Springfield, IL 62704")
            .expect("readable")
            .expect("not blank");
        assert_eq!(address.street1.as_deref(), Some("12 Elm St"));
        assert_eq!(address.street2.as_deref(), Some("Apt 4B"));
        assert_eq!(address.city.as_deref(), Some("Springfield"));
        assert_eq!(address.state.as_deref(), Some("IL"));
        assert_eq!(address.postal_code.as_deref(), Some("62704"));
    }

    #[test]
    fn street_without_unit_and_zip_plus_four() {
        let address = parse_one_line_address("1 Main\u{a0}Street, Austin, tx 78701-1234")
            .expect("readable")
            .expect("not blank");
        assert_eq!(address.street2, None);
        assert_eq!(address.state.as_deref(), Some("TX"));
        assert_eq!(address.postal_code.as_deref(), Some("78701-1234"));
    }

    #[test]
    fn other_shapes_are_errors() {
        assert_eq!(parse_one_line_address("   "), Ok(None));
        for bad in [
            "12 Elm St Springfield IL 62704",
            "12 Elm St, Springfield, Illinois 62704",
            "12 Elm St, Springfield, IL 627",
            ", Springfield, IL 62704",
            "a, b, c, d, IL 62704",
        ] {
            assert!(parse_one_line_address(bad).is_err(), "{bad}");
        }
    }
}
