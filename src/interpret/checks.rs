//! SmartOffice's Data Setup checklist, run on the record read.

use super::person::{first, Notes, Whose};
use crate::findings::Finding;
use crate::record::{MaritalStatus, Person, Record, RecordKind};
use smartoffice_snapshot::profile::record::RecordProfile;

/// What the page showed that the record itself does not keep.
#[derive(Debug)]
pub(super) struct Facts {
    pub kind: RecordKind,
    pub client_whose: Whose,
    pub spouse_whose: Whose,
    /// Key relations of a spousal type on the open record: (name, type).
    pub spousal_relations: Vec<(String, String)>,
    pub heads: usize,
    pub spouse_members: usize,
    /// Spousal key relations on a household head's own record.
    pub head_spousal_relations: usize,
}

pub(super) fn check(record: &Record, facts: &Facts, profile: &RecordProfile, notes: &mut Notes) {
    let mut found = Vec::new();
    if facts.kind == RecordKind::Household {
        household(facts, profile, &mut found);
    }
    if facts.kind == RecordKind::Contact && facts.spousal_relations.len() > 1 {
        found.push(Finding::blocks(format!(
            "This contact has {} key relations of a spousal type ({}), and eMoney takes one spouse. \
             Keep one in SmartOffice under {}.",
            facts.spousal_relations.len(),
            profile.spousal_relations.join(", "),
            first(profile.sections.key_relations)
        )));
    }
    if facts.kind == RecordKind::Contact || facts.heads == 1 {
        person(
            &record.client,
            facts.client_whose,
            profile,
            notes,
            &mut found,
        );
    }
    if let Some(spouse) = &record.spouse {
        person(spouse, facts.spouse_whose, profile, notes, &mut found);
    }
    // Without exactly one head there is no client whose status could be checked.
    if facts.kind == RecordKind::Contact || facts.heads == 1 {
        marital_status(record, facts, profile, &mut found);
    }
    notes.findings.splice(0..0, found);
}

fn household(facts: &Facts, profile: &RecordProfile, found: &mut Vec<Finding>) {
    let members = first(profile.sections.members);
    let member_type = first(profile.columns.member_type);
    let head = first(profile.member_types.head);
    let spouse = first(profile.member_types.spouse);
    match facts.heads {
        0 => found.push(Finding::blocks(format!(
            "This household has no member whose {member_type} is {head}, so there is no client to send. \
             Set one member's {member_type} to {head} in SmartOffice under {members}."
        ))),
        1 => {}
        n => found.push(Finding::blocks(format!(
            "This household has {n} members whose {member_type} is {head}, and eMoney takes one client. \
             Keep one {head} in SmartOffice under {members}."
        ))),
    }
    if facts.spouse_members > 1 {
        found.push(Finding::blocks(format!(
            "This household has {} members whose {member_type} is {spouse}, and eMoney takes one spouse. \
             Keep one {spouse} in SmartOffice under {members}.",
            facts.spouse_members
        )));
    }
}

fn person(
    person: &Person,
    whose: Whose,
    profile: &RecordProfile,
    notes: &Notes,
    found: &mut Vec<Finding>,
) {
    let labels = &profile.labels;
    let section = if whose.other_record.is_none() && whose.possessive != Whose::CLIENT.possessive {
        profile.sections.spouse
    } else {
        profile.sections.personal
    };
    if person.first_name.is_none() {
        found.push(Finding::blocks(format!(
            "The {} first name is missing. Add it in SmartOffice {}.",
            whose.possessive,
            whose.place(section, labels.first_name)
        )));
    }
    if person.last_name.is_none() {
        found.push(Finding::blocks(format!(
            "The {} last name is missing. Add it in SmartOffice {}.",
            whose.possessive,
            whose.place(section, labels.last_name)
        )));
    }
    if person.birth_date.is_none() && !notes.unreadable_birth_dates.contains(&whose.possessive) {
        found.push(Finding::warns(format!(
            "The {} birth date is missing. Add it in SmartOffice {}.",
            whose.possessive,
            whose.place(section, labels.birth_date)
        )));
    }
}

fn marital_status(
    record: &Record,
    facts: &Facts,
    profile: &RecordProfile,
    found: &mut Vec<Finding>,
) {
    let status_name = |status: MaritalStatus| {
        super::page::marital_statuses(profile)
            .into_iter()
            .find(|(s, _)| *s == status)
            .map_or("", |(_, names)| first(names))
    };
    let where_status = Whose {
        possessive: Whose::CLIENT.possessive,
        other_record: facts.client_whose.other_record,
    }
    .place(profile.sections.personal, profile.labels.marital_status);
    let has_partner_link = match facts.kind {
        RecordKind::Contact => !facts.spousal_relations.is_empty(),
        RecordKind::Household => facts.spouse_members > 0 || facts.head_spousal_relations > 0,
    };
    match record.marital_status {
        Some(status) if status.has_partner() && !has_partner_link => {
            let (what, place) = match facts.kind {
                RecordKind::Contact => (
                    format!(
                        "no key relation of type {}",
                        profile.spousal_relations.join(", ")
                    ),
                    format!(
                        "Add the spouse as a key relation in SmartOffice under {}",
                        first(profile.sections.key_relations)
                    ),
                ),
                RecordKind::Household => (
                    format!(
                        "the household has no {} member",
                        first(profile.member_types.spouse)
                    ),
                    format!(
                        "Add the spouse to the household in SmartOffice under {}",
                        first(profile.sections.members)
                    ),
                ),
            };
            found.push(Finding::warns(format!(
                "The client is {} but {what}, so eMoney will not link a spouse. {place}.",
                status_name(status)
            )));
        }
        Some(MaritalStatus::Single) | None if has_partner_link => {
            let status = record
                .marital_status
                .map_or("blank", |_| status_name(MaritalStatus::Single));
            let partner = match (facts.kind, facts.spousal_relations.first()) {
                (RecordKind::Contact, Some((name, kind))) => {
                    format!("a key relation \"{name}\" of type {kind}")
                }
                _ => format!("a {} member", first(profile.member_types.spouse)),
            };
            found.push(Finding::warns(format!(
                "The client has {partner}, but the marital status is {status}. \
                 Set the marital status in SmartOffice {where_status}."
            )));
        }
        _ => {}
    }
}
