//! Reading one person (client or spouse) and the household-level details from
//! a page.

use super::page::{cell, column, Page, SectionKind};
use crate::findings::Finding;
use crate::parse::address::parse_one_line_address;
use crate::parse::date::{parse_date, DateError};
use crate::parse::money::shorten;
use crate::record::{Address, Date, Employer, MaritalStatus, Person};
use smartoffice_snapshot::clean::{known, label_is};
use smartoffice_snapshot::text;
use smartoffice_snapshot::words::Text;

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

/// Whose data a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Who {
    Client,
    Spouse,
}

impl Who {
    /// "client's", "spouse's".
    pub fn possessive(self) -> Text {
        match self {
            Who::Client => text!("wordClients"),
            Who::Spouse => text!("wordSpouses"),
        }
    }

    /// "client", "spouse".
    pub fn noun(self) -> Text {
        match self {
            Who::Client => text!("wordClient"),
            Who::Spouse => text!("wordSpouse"),
        }
    }
}

/// A record other than the one open, where a person's data is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum OtherRecord {
    Spouse,
    HeadOfHousehold,
}

/// Whose data it is and where it is kept, for the words of findings.
#[derive(Debug, Clone, Copy)]
pub(super) struct Whose {
    pub who: Who,
    /// Set when the data is in another record than the one open.
    pub other_record: Option<OtherRecord>,
}

impl Whose {
    pub const CLIENT: Whose = Whose {
        who: Who::Client,
        other_record: None,
    };

    /// "under Personal > Birth Date", or "in the spouse's contact record under …".
    pub fn place(&self, section: &[String], label: &[String]) -> Text {
        let path = match label.first() {
            Some(label) => format!("{} > {label}", first(section)),
            None => first(section).to_owned(),
        };
        match self.other_record {
            Some(OtherRecord::Spouse) => text!("placeInRecord", text!("recordSpouses"), path),
            Some(OtherRecord::HeadOfHousehold) => {
                text!("placeInRecord", text!("recordHeads"), path)
            }
            None => text!("placeUnder", path),
        }
    }
}

/// The first synonym: the word SmartOffice shows by default.
pub(super) fn first(synonyms: &[String]) -> &str {
    synonyms.first().map_or("", String::as_str)
}

pub(super) fn read_person(page: &Page, scope: Scope, whose: Whose, notes: &mut Notes) -> Person {
    let labels = &page.profile.labels;
    let types = &page.profile.phone_types;
    let section = match scope {
        Scope::OwnRecord => &page.profile.sections.personal,
        Scope::SpouseSection => &page.profile.sections.spouse,
    };
    let birth_date = page
        .field(scope.personal(), &labels.birth_date)
        .and_then(|f| {
            birth_date(
                &f.value,
                whose,
                whose.place(section, &labels.birth_date),
                notes,
            )
        });
    let with_tables = scope == Scope::OwnRecord;
    Person {
        first_name: page.text(scope.personal(), &labels.first_name),
        last_name: page.text(scope.personal(), &labels.last_name),
        birth_date,
        cell_phone: phone(
            page,
            scope.personal(),
            &labels.cell_phone,
            with_tables.then_some(&types.cell),
        ),
        email: page.text(scope.personal(), &labels.email).or_else(|| {
            if with_tables {
                email_from_table(page)
            } else {
                None
            }
        }),
        employer: Employer {
            company: page.text(scope.business(), &labels.company),
            job_title: page.text(scope.business(), &labels.job_title),
            business_address: if with_tables {
                typed_address(
                    page,
                    &page.profile.address_types.business,
                    whose,
                    text!("wordBusinessAddress"),
                    notes,
                )
            } else {
                None
            },
            business_phone: phone(
                page,
                scope.business(),
                &labels.business_phone,
                with_tables.then_some(&types.business),
            ),
            business_fax: phone(
                page,
                scope.business(),
                &labels.business_fax,
                with_tables.then_some(&types.business_fax),
            ),
        },
    }
}

/// What reading turned up besides the record: findings, and whose birth
/// dates were shown but unreadable (so "missing" is not said of them too).
#[derive(Debug, Default)]
pub(super) struct Notes {
    pub findings: Vec<Finding>,
    pub unreadable_birth_dates: Vec<Who>,
}

/// Parses a birth date, turning an unreadable or impossible one into a finding.
pub(super) fn birth_date(text: &str, whose: Whose, place: Text, notes: &mut Notes) -> Option<Date> {
    match parse_date(text) {
        Ok(date) => date,
        Err(error) => {
            let shown = shorten(text);
            let whose_words = whose.who.possessive();
            notes.findings.push(Finding::warns(match error {
                DateError::Impossible(_) => {
                    text!("findingBirthDateImpossible", whose_words, shown, place)
                }
                DateError::Unreadable(_) => {
                    text!("findingBirthDateUnreadable", whose_words, shown, place)
                }
            }));
            notes.unreadable_birth_dates.push(whose.who);
            None
        }
    }
}

/// A phone from a labelled field, else from the Phone Numbers table's row of
/// that type.
fn phone(
    page: &Page,
    kinds: &'static [SectionKind],
    labels: &[String],
    types: Option<&Vec<String>>,
) -> Option<String> {
    page.text(kinds, labels).or_else(|| {
        let table = page.table(SectionKind::Phones)?;
        let row = page.row_of_type(table, types?)?;
        cell(row, column(table, &page.profile.columns.phone_number))
    })
}

/// The preferred e-mail, else the personal one, else the first listed.
fn email_from_table(page: &Page) -> Option<String> {
    let table = page.table(SectionKind::Emails)?;
    let address = column(table, &page.profile.columns.email_address);
    let row = table
        .rows
        .iter()
        .find(|row| page.is_preferred(table, row))
        .or_else(|| page.row_of_type(table, &page.profile.email_types.personal))
        .or_else(|| table.rows.iter().find(|row| cell(row, address).is_some()))?;
    cell(row, address)
}

/// The address of that type from the Addresses table, in columns or on one line.
fn typed_address(
    page: &Page,
    types: &[String],
    whose: Whose,
    what: Text,
    notes: &mut Notes,
) -> Option<Address> {
    let table = page.table(SectionKind::Addresses)?;
    let row = page.row_of_type(table, types)?;
    let columns = &page.profile.columns;
    let at = |synonyms: &[String]| cell(row, column(table, synonyms));
    let columned = Address {
        street1: at(&columns.street1),
        street2: at(&columns.street2),
        city: at(&columns.city),
        state: at(&columns.state),
        postal_code: at(&columns.postal_code),
        country: at(&columns.country),
    };
    if !columned.is_empty() {
        return Some(columned);
    }
    let line = at(&columns.address_line)?;
    one_line_address(
        &line,
        whose,
        what,
        whose.place(&page.profile.sections.addresses, &[]),
        notes,
    )
}

pub(super) fn one_line_address(
    line: &str,
    whose: Whose,
    what: Text,
    place: Text,
    notes: &mut Notes,
) -> Option<Address> {
    match parse_one_line_address(line) {
        Ok(address) => address,
        Err(_) => {
            notes.findings.push(Finding::warns(text!(
                "findingAddressUnsplittable",
                whose.who.possessive(),
                what,
                shorten(line),
                place
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
        &page.profile.address_types.residence,
        whose,
        text!("wordResidenceAddress"),
        notes,
    )
    .or_else(|| {
        let line = page.text(kinds, &labels.household_address)?;
        let place = whose.place(&page.profile.sections.household, &labels.household_address);
        one_line_address(&line, whose, text!("wordResidenceAddress"), place, notes)
    });
    HouseholdDetails {
        marital_status: marital_status(page, kinds, whose, notes),
        residence_address,
        home_phone: phone(page, kinds, &labels.home_phone, Some(&types.home)),
        fax: phone(page, kinds, &labels.fax, Some(&types.fax)),
    }
}

fn marital_status(
    page: &Page,
    kinds: &'static [SectionKind],
    whose: Whose,
    notes: &mut Notes,
) -> Option<MaritalStatus> {
    let labels = &page.profile.labels;
    let text = known(&page.field(kinds, &labels.marital_status)?.value)?;
    let status = super::page::marital_statuses(page.profile)
        .into_iter()
        .find(|(_, synonyms)| label_is(&text, synonyms))
        .map(|(status, _)| status);
    if status.is_none() {
        notes.findings.push(Finding::warns(text!(
            "findingMaritalStatusUnknown",
            whose.who.possessive(),
            shorten(&text),
            whose.place(&page.profile.sections.personal, &labels.marital_status)
        )));
    }
    status
}
