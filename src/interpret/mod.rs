//! From a snapshot to a checked record.
//!
//! Some data lives in other records (the spouse's contact, a household's
//! members), so interpreting is two pure steps around a fetch the caller does:
//! [`links_needed`] says which linked records to read, and [`interpret`] takes
//! their snapshots (or why they could not be read) and builds the record.

mod checks;
mod holdings;
mod page;
mod person;
mod source;

use std::collections::HashMap;

use page::{cell, column, raw_cell, row_link, Page, SectionKind};
use person::{
    birth_date, read_household_details, read_person, HouseholdDetails, Notes, OtherRecord, Scope,
    Who, Whose,
};

use crate::findings::Finding;
use crate::parse::name::split_name;
use crate::record::{Person, Record, RecordKind};
use smartoffice_snapshot::clean::label_is;
use smartoffice_snapshot::profile::record::RecordProfile;
use smartoffice_snapshot::protocol::{LinkedPage, LinkedReadError};
use smartoffice_snapshot::text;
use smartoffice_snapshot::words::Text;
use smartoffice_snapshot::Snapshot;

/// A record the open one links to and whose page must be read too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkedRecord {
    /// The link as written on the page (often relative); the key of
    /// [`LinkedSnapshots`].
    pub href: String,
    pub role: LinkedRole,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkedRole {
    /// The contact's spouse, through a spousal key relation or a household.
    Spouse,
    /// A household's Head member: the client.
    HouseholdHead,
}

/// Linked records' snapshots by [`LinkedRecord::href`], or why one could not
/// be read.
pub type LinkedSnapshots = HashMap<String, Result<Snapshot, LinkedReadError>>;

/// The linked pages as the page sent them, by their links.
pub fn linked_snapshots(pages: Vec<LinkedPage>) -> LinkedSnapshots {
    pages
        .into_iter()
        .map(|linked| {
            let read = match (linked.page, linked.error) {
                (Some(page), _) => Ok(page),
                (None, error) => Err(error.unwrap_or(LinkedReadError::NotAPage)),
            };
            (linked.href, read)
        })
        .collect()
}

/// The linked records [`interpret`] will want for this page.
pub fn links_needed(snapshot: &Snapshot, profile: &RecordProfile) -> Vec<LinkedRecord> {
    let page = Page::new(snapshot, profile);
    let plan = Plan::of(&page);
    let mut links = Vec::new();
    if let Some(href) = plan.head.and_then(|m| m.href) {
        links.push(LinkedRecord {
            href,
            role: LinkedRole::HouseholdHead,
        });
    }
    if let Some(href) = plan.linked_spouse.and_then(|p| p.href) {
        links.push(LinkedRecord {
            href,
            role: LinkedRole::Spouse,
        });
    }
    links
}

/// Builds the record and its findings. A linked record missing from `linked`
/// or failed to read is a finding; the record then holds what the open page
/// shows of that person.
pub fn interpret(
    snapshot: &Snapshot,
    linked: &LinkedSnapshots,
    profile: &RecordProfile,
) -> (Record, Vec<Finding>) {
    let page = Page::new(snapshot, profile);
    let plan = Plan::of(&page);
    let mut notes = Notes::default();
    let kind = source::record_kind(&page);
    let (client, details, client_whose, head_page) = match kind {
        RecordKind::Contact => {
            let client = read_person(&page, Scope::OwnRecord, Whose::CLIENT, &mut notes);
            let details = read_household_details(&page, PERSONAL, Whose::CLIENT, &mut notes);
            (client, details, Whose::CLIENT, None)
        }
        RecordKind::Household => household_client(&page, &plan, linked, &mut notes),
    };
    let spouse = if plan.spouse_section {
        Some(read_person(
            &page,
            Scope::SpouseSection,
            SPOUSE_HERE,
            &mut notes,
        ))
    } else {
        plan.linked_spouse
            .as_ref()
            .map(|known| linked_person(&page, known, linked, SPOUSE_ELSEWHERE, &mut notes))
    };
    let facts = checks::Facts {
        kind,
        client_whose,
        spouse_whose: if plan.spouse_section {
            SPOUSE_HERE
        } else {
            SPOUSE_ELSEWHERE
        },
        spousal_relations: plan.spousal_relations.clone(),
        heads: plan.heads,
        spouse_members: plan.spouse_members,
        head_spousal_relations: head_page.map_or(0, |p| Plan::of(&p).spousal_relations.len()),
    };
    let investments = holdings::investments(&page, &mut notes.findings);
    let policies = holdings::policies(&page, &mut notes.findings);
    let record = Record {
        source: source::source(&page, kind, &client),
        marital_status: details.marital_status,
        residence_address: details.residence_address,
        home_phone: details.home_phone,
        fax: details.fax,
        client,
        spouse,
        investments,
        policies,
    };
    checks::check(&record, &facts, profile, &mut notes);
    (record, notes.findings)
}

const PERSONAL: &[SectionKind] = &[SectionKind::Unheaded, SectionKind::Personal];
const HOUSEHOLD: &[SectionKind] = &[SectionKind::Unheaded, SectionKind::Household];

const SPOUSE_HERE: Whose = Whose {
    who: Who::Spouse,
    other_record: None,
};
const SPOUSE_ELSEWHERE: Whose = Whose {
    who: Who::Spouse,
    other_record: Some(OtherRecord::Spouse),
};
const HEAD_ELSEWHERE: Whose = Whose {
    who: Who::Client,
    other_record: Some(OtherRecord::HeadOfHousehold),
};

/// The client of a household is its head, read from the head's own record;
/// the household page's own address and phones come first.
fn household_client<'s>(
    page: &Page<'s>,
    plan: &Plan,
    linked: &'s LinkedSnapshots,
    notes: &mut Notes,
) -> (Person, HouseholdDetails, Whose, Option<Page<'s>>) {
    let household = read_household_details(page, HOUSEHOLD, HEAD_ELSEWHERE, notes);
    let Some(head) = &plan.head else {
        return (Person::default(), household, HEAD_ELSEWHERE, None);
    };
    let client = linked_person(page, head, linked, HEAD_ELSEWHERE, notes);
    let head_page = head
        .href
        .as_ref()
        .and_then(|href| linked.get(href))
        .and_then(|read| read.as_ref().ok())
        .map(|snapshot| Page::new(snapshot, page.profile));
    let details = match &head_page {
        Some(head_page) => {
            let own = read_household_details(head_page, PERSONAL, HEAD_ELSEWHERE, notes);
            HouseholdDetails {
                marital_status: household.marital_status.or(own.marital_status),
                residence_address: household.residence_address.or(own.residence_address),
                home_phone: household.home_phone.or(own.home_phone),
                fax: household.fax.or(own.fax),
            }
        }
        None => household,
    };
    (client, details, HEAD_ELSEWHERE, head_page)
}

/// A person known by name (and maybe birth date) on the open page, completed
/// from their own record when it could be read.
fn linked_person(
    page: &Page,
    known: &KnownPerson,
    linked: &LinkedSnapshots,
    whose: Whose,
    notes: &mut Notes,
) -> Person {
    let shown = known.person(page, whose, notes);
    let failure = match known.href.as_ref().map(|href| (href, linked.get(href))) {
        Some((_, Some(Ok(snapshot)))) => {
            let own = read_person(
                &Page::new(snapshot, page.profile),
                Scope::OwnRecord,
                whose,
                notes,
            );
            return Person {
                first_name: own.first_name.or(shown.first_name),
                last_name: own.last_name.or(shown.last_name),
                birth_date: own.birth_date.or(shown.birth_date),
                ..own
            };
        }
        Some((_, Some(Err(reason)))) => text!("linkedCouldNotRead", unread(*reason)),
        Some((_, None)) => text!("linkedNotRead"),
        None => text!("linkedNoLink"),
    };
    notes.findings.push(Finding::warns(text!(
        "findingLinkedRecordUnread",
        whose.who.noun(),
        failure
    )));
    shown
}

/// Why a linked record could not be read, in words.
fn unread(reason: LinkedReadError) -> Text {
    match reason {
        LinkedReadError::OtherSite => text!("linkedOtherSite"),
        LinkedReadError::Redirected => text!("linkedRedirected"),
        LinkedReadError::Network => text!("linkedNetwork"),
        LinkedReadError::NoPage => text!("linkedNoPage"),
        LinkedReadError::NotAPage => text!("linkedNotAPage"),
    }
}

/// A person as a key relation or household member row shows them.
#[derive(Debug, Clone)]
struct KnownPerson {
    name: String,
    birth_date: String,
    href: Option<String>,
    /// Where the birth date shows, for findings.
    shown_in: fn(&RecordProfile) -> (&[String], &[String]),
}

impl KnownPerson {
    fn person(&self, page: &Page, whose: Whose, notes: &mut Notes) -> Person {
        let (first_name, last_name) = split_name(&self.name);
        let (section, label) = (self.shown_in)(page.profile);
        let place = Whose {
            other_record: None,
            ..whose
        }
        .place(section, label);
        Person {
            first_name,
            last_name,
            birth_date: birth_date(&self.birth_date, whose, place, notes),
            ..Person::default()
        }
    }
}

/// Who is who on the page, worked out the same way by both steps.
#[derive(Debug, Default)]
struct Plan {
    /// The page has a Spouse section with data.
    spouse_section: bool,
    /// Key relations of a spousal type: (name, relation type).
    spousal_relations: Vec<(String, String)>,
    heads: usize,
    spouse_members: usize,
    head: Option<KnownPerson>,
    /// The spouse to complete from their own record.
    linked_spouse: Option<KnownPerson>,
}

impl Plan {
    fn of(page: &Page) -> Plan {
        let mut plan = Plan {
            spouse_section: page
                .sections(&[SectionKind::Spouse])
                .any(|s| s.fields.iter().any(|f| !f.value.is_empty())),
            ..Plan::default()
        };
        let relations = spousal_relations(page);
        plan.spousal_relations = relations
            .iter()
            .map(|(p, kind)| (p.name.clone(), kind.clone()))
            .collect();
        let members = household_members(page);
        plan.heads = members.heads.len();
        plan.spouse_members = members.spouses.len();
        let is_household = source::record_kind(page) == RecordKind::Household;
        if is_household {
            plan.head = members.heads.first().cloned();
        }
        if !plan.spouse_section {
            plan.linked_spouse = if is_household {
                members.spouses.first().cloned()
            } else {
                relations
                    .into_iter()
                    .next()
                    .map(|(person, _)| person)
                    .or_else(|| members.partner_of(&read_client_name(page)))
            };
        }
        plan
    }
}

fn read_client_name(page: &Page) -> String {
    let labels = &page.profile.labels;
    let first = page.text(PERSONAL, &labels.first_name).unwrap_or_default();
    let last = page.text(PERSONAL, &labels.last_name).unwrap_or_default();
    format!("{first} {last}")
}

/// Key relations whose type is spousal, with the relation type.
fn spousal_relations(page: &Page) -> Vec<(KnownPerson, String)> {
    let Some(table) = page.table(SectionKind::KeyRelations) else {
        return Vec::new();
    };
    let columns = &page.profile.columns;
    let name = column(table, &columns.relation_name);
    let kind = column(table, &columns.relation_type);
    table
        .rows
        .iter()
        .filter_map(|row| {
            let relation = cell(row, kind)?;
            label_is(&relation, &page.profile.spousal_relations).then(|| {
                let person = KnownPerson {
                    name: raw_cell(row, name),
                    birth_date: String::new(),
                    href: row_link(row, name).map(str::to_string),
                    shown_in: |p| (&p.sections.key_relations, &[]),
                };
                (person, relation)
            })
        })
        .collect()
}

#[derive(Debug, Default)]
struct Members {
    heads: Vec<KnownPerson>,
    spouses: Vec<KnownPerson>,
}

impl Members {
    /// On a contact's page: the household's Spouse member, or its Head when
    /// the contact is the Spouse member.
    fn partner_of(&self, client_name: &str) -> Option<KnownPerson> {
        let is_client = |member: &KnownPerson| {
            let (first, last) = split_name(&member.name);
            let name = format!("{} {}", first.unwrap_or_default(), last.unwrap_or_default());
            label_is(&name, &[client_name])
        };
        match self.spouses.first() {
            Some(spouse) if is_client(spouse) => self.heads.first().cloned(),
            Some(spouse) => Some(spouse.clone()),
            None => None,
        }
    }
}

fn household_members(page: &Page) -> Members {
    let table = page
        .table(SectionKind::Members)
        .or_else(|| page.table(SectionKind::Household));
    let Some(table) = table else {
        return Members::default();
    };
    let columns = &page.profile.columns;
    let name = column(table, &columns.member_name);
    let kind = column(table, &columns.member_type);
    let birth = column(table, &columns.member_birth_date);
    let types = &page.profile.member_types;
    let mut members = Members::default();
    for row in &table.rows {
        let member = KnownPerson {
            name: raw_cell(row, name),
            birth_date: raw_cell(row, birth),
            href: row_link(row, name).map(str::to_string),
            shown_in: |p| (&p.sections.members, &p.columns.member_birth_date),
        };
        match cell(row, kind) {
            Some(kind) if label_is(&kind, &types.head) => members.heads.push(member),
            Some(kind) if label_is(&kind, &types.spouse) => members.spouses.push(member),
            _ => {}
        }
    }
    members
}
