//! A client's record as an advisor sees it in eMoney: the facts about the
//! client, the spouse and the household, then investments and policies.
//! Codes become words and ids stay out of sight: an advisor reads
//! "Linked to SmartOffice", never `smartoffice:host:1005`.

use crate::format::{self, Day};
use crate::html::{facts, optional, table, value, Cell, UNKNOWN};
use crate::model::{Address, Asset, ClientRecord, Household, Person, Policy};

/// "Last, First": how eMoney lists and titles a client.
pub fn name(person: &Person) -> String {
    format!("{}, {}", person.last_name, person.first_name)
}

/// "City, ST", or whichever of the two is known.
pub fn city(address: Option<&Address>) -> Option<String> {
    let address = address?;
    match (address.city.as_deref(), address.state.as_deref()) {
        (Some(city), Some(state)) => Some(format!("{city}, {state}")),
        (Some(one), None) | (None, Some(one)) => Some(one.to_string()),
        (None, None) => None,
    }
}

/// The page's `<main>`: everything below the header.
pub fn body(record: &ClientRecord, today: Day) -> String {
    let household = &record.household;
    format!(
        "<p class=\"crumbs\"><a href=\"/\">Clients</a> ›</p>\
         <h1>{name}</h1>{chips}\
         <section><h2>Facts</h2>{people}<h3>Household</h3>{home}</section>\
         <section><h2>Investments</h2>{assets}</section>\
         <section><h2>Policies</h2>{policies}</section>",
        name = value(&name(&household.client)),
        chips = chips(household),
        people = people(household, today),
        home = home(household),
        assets = assets(household, &record.assets),
        policies = policies(household, &record.policies),
    )
}

/// The short line under the name: status, town, and where it came from.
fn chips(household: &Household) -> String {
    let external_ids = household.external_ids.as_deref().unwrap_or_default();
    let items: Vec<String> = [
        household
            .marital_status
            .as_deref()
            .map(|s| format!("<li>{}</li>", value(format::marital_status(s)))),
        city(household.address.as_ref()).map(|c| format!("<li>{}</li>", value(&c))),
        format::link(external_ids).map(|words| format!("<li class=\"linked\">{words}</li>")),
    ]
    .into_iter()
    .flatten()
    .collect();
    if items.is_empty() {
        String::new()
    } else {
        format!("<ul class=\"chips\">{}</ul>", items.concat())
    }
}

/// The client and the spouse side by side, as a planner compares them.
fn people(household: &Household, today: Day) -> String {
    let persons: Vec<&Person> = std::iter::once(&household.client)
        .chain(household.spouse.as_ref())
        .collect();
    let columns: &[&str] = if persons.len() == 2 {
        &["Client", "Spouse"]
    } else {
        &["Client"]
    };
    let row = |label: &'static str, cell: &dyn Fn(&Person) -> String| {
        (label, persons.iter().map(|p| cell(p)).collect::<Vec<_>>())
    };
    let job = |person: &Person| person.job.clone().unwrap_or_default();
    let mut rows = vec![
        row("Name", &|p| {
            value(&format!("{} {}", p.first_name, p.last_name))
        }),
        row("Date of birth", &|p| {
            optional(p.date_of_birth.as_deref().map(format::us_date).as_deref())
        }),
        row("Age", &|p| {
            let age = p
                .date_of_birth
                .as_deref()
                .and_then(Day::parse)
                .and_then(|born| born.age_on(today));
            optional(age.map(|a| a.to_string()).as_deref())
        }),
        row("Email", &|p| optional(p.email.as_deref())),
        row("Cell phone", &|p| optional(p.cell_phone.as_deref())),
        row("Employer", &|p| optional(job(p).company_name.as_deref())),
        row("Job title", &|p| optional(job(p).job_title.as_deref())),
        row("Business phone", &|p| {
            optional(job(p).business_phone.as_deref())
        }),
        row("Business fax", &|p| {
            optional(job(p).business_fax.as_deref())
        }),
        row("Business address", &|p| address(job(p).address.as_ref())),
    ];
    if household.spouse.is_none() {
        rows.push(("Spouse", vec!["<span class=\"quiet\">None</span>".into()]));
    }
    facts(columns, &rows)
}

fn home(household: &Household) -> String {
    facts(
        &[],
        &[
            (
                "Marital status",
                vec![optional(
                    household
                        .marital_status
                        .as_deref()
                        .map(format::marital_status),
                )],
            ),
            ("Home address", vec![address(household.address.as_ref())]),
            (
                "Home phone",
                vec![optional(household.home_phone.as_deref())],
            ),
            ("Fax", vec![optional(household.fax.as_deref())]),
        ],
    )
}

/// An address on its lines: street, street, "City, ST 12345", country.
fn address(address: Option<&Address>) -> String {
    let Some(a) = address else {
        return UNKNOWN.into();
    };
    let city_state = match (a.city.as_deref(), a.state.as_deref()) {
        (Some(city), Some(state)) => Some(format!("{}, {}", value(city), value(state))),
        (Some(one), None) | (None, Some(one)) => Some(value(one)),
        (None, None) => None,
    };
    let town = match (city_state, a.postal_code.as_deref()) {
        (Some(town), Some(code)) => Some(format!("{town} {}", value(code))),
        (Some(town), None) => Some(town),
        (None, code) => code.map(value),
    };
    let lines: Vec<String> = [
        a.street1.as_deref().map(value),
        a.street2.as_deref().map(value),
        town,
        a.country.as_deref().map(value),
    ]
    .into_iter()
    .flatten()
    .collect();
    if lines.is_empty() {
        UNKNOWN.into()
    } else {
        lines.join("<br>")
    }
}

/// Who owns an item, by first name where the household says who that is.
fn owner(household: &Household, code: Option<&str>) -> String {
    let name = match code {
        Some("Client") => Some(household.client.first_name.as_str()),
        Some("Spouse") => household.spouse.as_ref().map(|s| s.first_name.as_str()),
        _ => None,
    };
    optional(name.or(code))
}

/// A money cell: dollars, right-aligned, red when negative.
fn amount(text: Option<&str>) -> Cell {
    match text.map(|t| (t, format::cents(t))) {
        None => Cell::number(UNKNOWN.into()),
        Some((_, Some(cents))) => dollars(cents),
        // Stored amounts were validated; anything else is shown as it is.
        Some((text, None)) => Cell::number(value(text)),
    }
}

fn dollars(cents: i128) -> Cell {
    Cell {
        html: value(&format::dollars(cents)),
        class: if cents < 0 { "num neg" } else { "num" },
    }
}

fn assets(household: &Household, assets: &[Asset]) -> String {
    if assets.is_empty() {
        return "<p>No investments.</p>".into();
    }
    let rows: Vec<Vec<Cell>> = assets
        .iter()
        .map(|a| {
            vec![
                Cell::text(optional(a.name.as_deref())),
                Cell::text(owner(household, a.owner.as_deref())),
                Cell::text(optional(
                    a.type_of_funds.as_ref().map(|t| t.join(", ")).as_deref(),
                )),
                amount(a.holdings_value.as_deref()),
                amount(a.cash_balance.as_deref()),
                amount(a.total_value.as_deref()),
            ]
        })
        .collect();
    // A total only when every account has one: a sum of some would mislead.
    let total: Option<i128> = assets.iter().try_fold(0i128, |sum, a| {
        sum.checked_add(format::cents(a.total_value.as_deref()?)?)
    });
    let foot = total.map(|cents| {
        let mut cells: Vec<Cell> = vec![Cell::text("Total".into())];
        cells.extend((0..4).map(|_| Cell::text(String::new())));
        cells.push(dollars(cents));
        cells
    });
    table(
        &[
            ("Account", ""),
            ("Owner", ""),
            ("Type of funds", ""),
            ("Holdings value", "num"),
            ("Cash balance", "num"),
            ("Total value", "num"),
        ],
        &rows,
        foot.as_deref(),
    )
}

fn policies(household: &Household, policies: &[Policy]) -> String {
    if policies.is_empty() {
        return "<p>No policies.</p>".into();
    }
    let rows: Vec<Vec<Cell>> = policies
        .iter()
        .map(|p| {
            vec![
                Cell::text(optional(p.policy_name.as_deref())),
                // Already masked (`***1234`): the full number never arrives.
                Cell::text(optional(p.policy_number.as_deref())),
                Cell::text(owner(household, p.owner.as_deref())),
                amount(p.current_death_benefit.as_deref()),
            ]
        })
        .collect();
    table(
        &[
            ("Policy", ""),
            ("Policy number", ""),
            ("Owner", ""),
            ("Death benefit", "num"),
        ],
        &rows,
        None,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full_address() -> Address {
        Address {
            street1: Some("1 Main St".into()),
            street2: None,
            city: Some("Springfield".into()),
            state: Some("IL".into()),
            postal_code: Some("62701".into()),
            country: Some("US".into()),
        }
    }

    #[test]
    fn addresses_read_as_lines() {
        assert_eq!(
            address(Some(&full_address())),
            "<bdi>1 Main St</bdi><br><bdi>Springfield</bdi>, <bdi>IL</bdi> <bdi>62701</bdi><br><bdi>US</bdi>"
        );
        let zip_only = Address {
            postal_code: Some("62701".into()),
            ..Address::default()
        };
        assert_eq!(address(Some(&zip_only)), "<bdi>62701</bdi>");
        assert_eq!(address(Some(&Address::default())), UNKNOWN);
        assert_eq!(address(None), UNKNOWN);
        assert_eq!(
            city(Some(&full_address())).as_deref(),
            Some("Springfield, IL")
        );
    }

    #[test]
    fn owners_are_named_when_the_household_says_who() {
        let mut household = Household {
            client: Person {
                first_name: "Ann".into(),
                last_name: "Lee".into(),
                ..Person::default()
            },
            ..Household::default()
        };
        assert_eq!(owner(&household, Some("Client")), "<bdi>Ann</bdi>");
        assert_eq!(owner(&household, Some("Spouse")), "<bdi>Spouse</bdi>");
        household.spouse = Some(Person {
            first_name: "Sam".into(),
            last_name: "Lee".into(),
            ..Person::default()
        });
        assert_eq!(owner(&household, Some("Spouse")), "<bdi>Sam</bdi>");
        assert_eq!(owner(&household, Some("Joint")), "<bdi>Joint</bdi>");
        assert_eq!(owner(&household, None), UNKNOWN);
    }

    #[test]
    fn a_total_only_when_every_account_has_a_value() {
        let asset = |total: Option<&str>| Asset {
            external_id: "a".into(),
            total_value: total.map(str::to_string),
            ..Asset::default()
        };
        let household = Household::default();
        let both = assets(&household, &[asset(Some("10.00")), asset(Some("-0.50"))]);
        assert!(both.contains("<tfoot>") && both.contains("<bdi>$9.50</bdi>"));
        let one = assets(&household, &[asset(Some("10.00")), asset(None)]);
        assert!(!one.contains("<tfoot>"));
        let negative = assets(&household, &[asset(Some("-10.25"))]);
        assert!(negative.contains("<td class=\"num neg\"><bdi>-$10.25</bdi></td></tr></tfoot>"));
    }
}
