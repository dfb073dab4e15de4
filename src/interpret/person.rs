//! Reading one person (client or spouse) and the household-level details from
//! a page.

use super::page::{cell, column, Page, SectionKind};
use crate::findings::Finding;
use crate::parse::address::parse_one_line_address;
use crate::parse::date::{parse_date, DateError};
use crate::parse::money::shorten;
use crate::record::{Address, Date, Employer, MaritalStatus, Person};
use smartoffice_snapshot::clean::known;
use smartoffice_snapshot::profile::record::Synonyms;

/// Which part of a page holds the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Scope {
    /// The person's own record: Personal, Business and the contact tables.
    OwnRecord,
    /// A Spouse section on the client's record.
    SpouseSection,
}

impl Scope {
    fn personal(self) -> &'static [SectionKind] {
        match self {
            Scope::OwnRecord => &[SectionKind::Unheaded, SectionKind::Personal],
            Scope::SpouseSection => &[SectionKind::Spouse],
        }
    }

    fn business(self) -> &'static [SectionKind] {
        match self {
            Scope::OwnRecord => &[SectionKind::Business, SectionKind::Unheaded],
            Scope::SpouseSection => &[SectionKind::Spouse],
        }
    }
}

/// The words findings use for whose data it is and where it is kept.
#[derive(Debug, Clone, Copy)]
pub(super) struct Whose {
    /// "client's", "spouse's".
    pub possessive: &'static str,
    /// Set when the data is in another record than the one open, such as
    /// "the spouse's contact record".
    pub other_record: Option<&'static str>,
}

impl Whose {
    pub const CLIENT: Whose = Whose {
        possessive: "client's",
        other_record: None,
    };

    /// "under Personal > Birth Date", or "in the spouse's contact record under …".
    pub fn place(&self, section: Synonyms, label: Synonyms) -> String {
        let path = match label.first() {
            Some(label) => format!("{} > {label}", first(section)),
            None => first(section).to_string(),
        };
        match self.other_record {
            Some(record) => format!("in {record} under {path}"),
            None => format!("under {path}"),
        }
    }
}

pub(super) fn first(synonyms: Synonyms) -> &'static str {
    synonyms.first().copied().unwrap_or_default()
}

pub(super) fn read_person(page: &Page, scope: Scope, whose: Whose, notes: &mut Notes) -> Person {
    let labels = &page.profile.labels;
    let types = &page.profile.phone_types;
    let section = match scope {
        Scope::OwnRecord => page.profile.sections.personal,
        Scope::SpouseSection => page.profile.sections.spouse,
    };
    let birth_date = page
        .field(scope.personal(), labels.birth_date)
        .and_then(|f| {
            birth_date(
                &f.value,
                whose,
                &whose.place(section, labels.birth_date),
                notes,
            )
        });
    let with_tables = scope == Scope::OwnRecord;
    Person {
        first_name: page.text(scope.personal(), labels.first_name),
        last_name: page.text(scope.personal(), labels.last_name),
        birth_date,
        cell_phone: phone(
            page,
            scope.personal(),
            labels.cell_phone,
            with_tables.then_some(types.cell),
        ),
        email: page.text(scope.personal(), labels.email).or_else(|| {
            if with_tables {
                email_from_table(page)
            } else {
                None
            }
        }),
        employer: Employer {
            company: page.text(scope.business(), labels.company),
            job_title: page.text(scope.business(), labels.job_title),
            business_address: if with_tables {
                typed_address(
                    page,
                    page.profile.address_types.business,
                    whose,
                    "business address",
                    notes,
                )
            } else {
                None
            },
            business_phone: phone(
                page,
                scope.business(),
                labels.business_phone,
                with_tables.then_some(types.business),
            ),
            business_fax: phone(
                page,
                scope.business(),
                labels.business_fax,
                with_tables.then_some(types.business_fax),
            ),
        },
    }
}

/// What reading turned up besides the record: findings, and whose birth
/// dates were shown but unreadable (so "missing" is not said of them too).
#[derive(Debug, Default)]
pub(super) struct Notes {
    pub findings: Vec<Finding>,
    pub unreadable_birth_dates: Vec<&'static str>,
}

/// Parses a birth date, turning an unreadable or impossible one into a finding.
pub(super) fn birth_date(text: &str, whose: Whose, place: &str, notes: &mut Notes) -> Option<Date> {
    match parse_date(text) {
        Ok(date) => date,
        Err(error) => {
            let problem = match error {
                DateError::Impossible(_) => "is not a real date",
                DateError::Unreadable(_) => "could not be read as a date",
            };
            notes.findings.push(Finding::warns(format!(
                "The {} birth date \"{}\" {problem}, so it is left out. Correct it in SmartOffice {place}.",
                whose.possessive,
                shorten(text)
            )));
            notes.unreadable_birth_dates.push(whose.possessive);
            None
        }
    }
}

/// A phone from a labelled field, else from the Phone Numbers table's row of
/// that type.
fn phone(
    page: &Page,
    kinds: &'static [SectionKind],
    labels: Synonyms,
    types: Option<Synonyms>,
) -> Option<String> {
    page.text(kinds, labels).or_else(|| {
        let table = page.table(SectionKind::Phones)?;
        let row = page.row_of_type(table, types?)?;
        cell(row, column(table, page.profile.columns.phone_number))
    })
}

/// The preferred e-mail, else the personal one, else the first listed.
fn email_from_table(page: &Page) -> Option<String> {
    let table = page.table(SectionKind::Emails)?;
    let address = column(table, page.profile.columns.email_address);
    let row = table
        .rows
        .iter()
        .find(|row| page.is_preferred(table, row))
        .or_else(|| page.row_of_type(table, page.profile.email_types.personal))
        .or_else(|| table.rows.iter().find(|row| cell(row, address).is_some()))?;
    cell(row, address)
}

/// The address of that type from the Addresses table, in columns or on one line.
fn typed_address(
    page: &Page,
    types: Synonyms,
    whose: Whose,
    what: &str,
    notes: &mut Notes,
) -> Option<Address> {
    let table = page.table(SectionKind::Addresses)?;
    let row = page.row_of_type(table, types)?;
    let columns = &page.profile.columns;
    let at = |synonyms| cell(row, column(table, synonyms));
    let columned = Address {
        street1: at(columns.street1),
        street2: at(columns.street2),
        city: at(columns.city),
        state: at(columns.state),
        postal_code: at(columns.postal_code),
        country: at(columns.country),
    };
    if !columned.is_empty() {
        return Some(columned);
    }
    let line = at(columns.address_line)?;
    one_line_address(
        &line,
        whose,
        what,
        &whose.place(page.profile.sections.addresses, &[]),
        notes,
    )
}

pub(super) fn one_line_address(
    line: &str,
    whose: Whose,
    what: &str,
    place: &str,
    notes: &mut Notes,
) -> Option<Address> {
    match parse_one_line_address(line) {
        Ok(address) => address,
        Err(_) => {
            notes.findings.push(Finding::warns(format!(
                "The {} {what} \"{}\" could not be split into street, city, state and ZIP code. \
                 Correct it in SmartOffice {place}.",
                whose.possessive,
                shorten(line)
            )));
            None
        }
    }
}

/// Marital status, residence address, home phone and fax: eMoney keeps these
/// once per household, SmartOffice on the client's record.
#[derive(Debug, Clone, Default)]
pub(super) struct HouseholdDetails {
    pub marital_status: Option<MaritalStatus>,
    pub residence_address: Option<Address>,
    pub home_phone: Option<String>,
    pub fax: Option<String>,
}

/// `kinds` are the sections holding the fields: Personal on a contact,
/// Household on a household.
pub(super) fn read_household_details(
    page: &Page,
    kinds: &'static [SectionKind],
    whose: Whose,
    notes: &mut Notes,
) -> HouseholdDetails {
    let labels = &page.profile.labels;
    let types = &page.profile.phone_types;
    let residence_address = typed_address(
        page,
        page.profile.address_types.residence,
        whose,
        "residence address",
        notes,
    )
    .or_else(|| {
        let line = page.text(kinds, labels.household_address)?;
        let place = whose.place(page.profile.sections.household, labels.household_address);
        one_line_address(&line, whose, "residence address", &place, notes)
    });
    HouseholdDetails {
        marital_status: marital_status(page, kinds, whose, notes),
        residence_address,
        home_phone: phone(page, kinds, labels.home_phone, Some(types.home)),
        fax: phone(page, kinds, labels.fax, Some(types.fax)),
    }
}

fn marital_status(
    page: &Page,
    kinds: &'static [SectionKind],
    whose: Whose,
    notes: &mut Notes,
) -> Option<MaritalStatus> {
    let labels = &page.profile.labels;
    let text = known(&page.field(kinds, labels.marital_status)?.value)?;
    let status = super::page::marital_statuses(page.profile)
        .into_iter()
        .find(|(_, synonyms)| smartoffice_snapshot::clean::label_is(&text, synonyms))
        .map(|(status, _)| status);
    if status.is_none() {
        notes.findings.push(Finding::warns(format!(
            "The {} marital status \"{}\" is not one eMoney knows, so it is left out. \
             Choose another in SmartOffice {}.",
            whose.possessive,
            shorten(&text),
            whose.place(page.profile.sections.personal, labels.marital_status)
        )));
    }
    status
}
