//! Which office and which record: read from the record frame's address or a
//! hidden input, else derived.

use super::page::{Page, SectionKind};
use crate::fingerprint::fnv1a;
use crate::record::{Person, RecordKind, Source};

/// The office host of an absolute address, lower case, without port or user.
pub(super) fn office_host(address: &str) -> String {
    let after_scheme = address.split_once("://").map_or(address, |(_, rest)| rest);
    let authority = after_scheme
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default();
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    let host = match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    };
    host.to_ascii_lowercase()
}

/// A household page by its address, else by its sections.
pub(super) fn record_kind(page: &Page) -> RecordKind {
    let ids = &page.profile.record_id;
    let address = &page.snapshot.address;
    let path = path(address);
    let file = path.rsplit('/').next().unwrap_or_default();
    let says_household = ids
        .household_pages
        .iter()
        .any(|p| file.eq_ignore_ascii_case(p))
        || query_value(address, &ids.household_parameters).is_some()
        || path_value(path, &ids.household_path_segments).is_some()
        || hidden_value(page, &ids.household_hidden_inputs).is_some();
    let looks_household =
        page.has_section(SectionKind::Members) && !page.has_section(SectionKind::Personal);
    if says_household || looks_household {
        RecordKind::Household
    } else {
        RecordKind::Contact
    }
}

/// The record's id as the page shows it.
pub(super) fn shown_id(page: &Page, kind: RecordKind) -> Option<String> {
    let ids = &page.profile.record_id;
    let (parameters, segments, hidden) = match kind {
        RecordKind::Household => (
            &ids.household_parameters,
            &ids.household_path_segments,
            &ids.household_hidden_inputs,
        ),
        RecordKind::Contact => (
            &ids.contact_parameters,
            &ids.contact_path_segments,
            &ids.contact_hidden_inputs,
        ),
    };
    let address = &page.snapshot.address;
    query_value(address, parameters)
        .or_else(|| path_value(path(address), segments))
        .or_else(|| query_value(address, &ids.any_parameters))
        .or_else(|| hidden_value(page, hidden))
        .or_else(|| hidden_value(page, &ids.any_parameters))
}

pub(super) fn source(page: &Page, kind: RecordKind, client: &Person) -> Source {
    let office_host = office_host(&page.snapshot.address);
    match shown_id(page, kind) {
        Some(id) => Source {
            office_host,
            kind,
            id,
            id_derived: false,
        },
        None => {
            let id = derived_id(&office_host, client);
            Source {
                office_host,
                kind,
                id,
                id_derived: true,
            }
        }
    }
}

/// A stable id for a record that shows none: the same office, name and birth
/// date always give the same id.
fn derived_id(host: &str, client: &Person) -> String {
    let birth_date = client.birth_date.map(|d| d.to_string()).unwrap_or_default();
    let parts = [
        host,
        client.first_name.as_deref().unwrap_or_default(),
        client.last_name.as_deref().unwrap_or_default(),
        &birth_date,
    ];
    format!("derived-{:016x}", fnv1a(&parts.join("\u{1f}")))
}

/// FNV-1a, 64 bits: small, stable across versions and platforms.
fn path(address: &str) -> &str {
    let without_query = address.split(['?', '#']).next().unwrap_or_default();
    match without_query.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("", |start| &rest[start..]),
        None => without_query,
    }
}

fn query_value(address: &str, names: &[String]) -> Option<String> {
    let query = address.split('#').next()?.split_once('?')?.1;
    query.split('&').find_map(|pair| {
        let (name, value) = pair.split_once('=')?;
        names
            .iter()
            .any(|n| name.eq_ignore_ascii_case(n))
            .then(|| usable_id(value))
            .flatten()
    })
}

fn path_value(path: &str, segments: &[String]) -> Option<String> {
    let parts: Vec<&str> = path.split('/').collect();
    parts.windows(2).find_map(|pair| {
        segments
            .iter()
            .any(|s| pair[0].eq_ignore_ascii_case(s))
            .then(|| usable_id(pair[1]))
            .flatten()
    })
}

fn hidden_value(page: &Page, names: &[String]) -> Option<String> {
    page.snapshot.hidden_inputs.iter().find_map(|input| {
        names
            .iter()
            .any(|n| input.name.eq_ignore_ascii_case(n))
            .then(|| usable_id(&input.value))
            .flatten()
    })
}

/// Ids become part of eMoney's external id: only plain characters pass.
fn usable_id(value: &str) -> Option<String> {
    let value = value.trim();
    let plain = !value.is_empty()
        && value.len() <= 64
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    plain.then(|| value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_lose_port_and_user() {
        assert_eq!(
            office_host("https://Acme.ez-data.com:8443/ms/contact.htm?recNo=1"),
            "acme.ez-data.com"
        );
        assert_eq!(
            office_host("https://u@wwwdr.ebixcrm.com/ms/index.htm"),
            "wwwdr.ebixcrm.com"
        );
    }

    #[test]
    fn paths_and_queries() {
        assert_eq!(path("https://a.b/ms/people/123?x=1"), "/ms/people/123");
        assert_eq!(path("https://a.b?x=1"), "");
        assert_eq!(
            query_value(
                "https://a.b/c.htm?x=1&recNo=1001#top",
                &["recNo".to_owned()]
            ),
            Some("1001".into())
        );
        assert_eq!(
            query_value("https://a.b/c.htm?recNo=1%3Cx", &["recNo".to_owned()]),
            None
        );
        assert_eq!(
            path_value("/ms/people/123", &["people".to_owned()]),
            Some("123".into())
        );
    }
}
