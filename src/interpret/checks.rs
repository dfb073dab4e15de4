//! SmartOffice's Data Setup checklist, run on the record read.

use super::person::{first, Notes, Whose};
use crate::findings::Finding;
use crate::record::{MaritalStatus, Person, Record, RecordKind};
use smartoffice_snapshot::profile::record::RecordProfile;
use smartoffice_snapshot::text;

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
        found.push(Finding::blocks(text!(
            "findingSpousalRelations",
            facts.spousal_relations.len(),
            profile.spousal_relations.join(", "),
            first(&profile.sections.key_relations)
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
    let members = first(&profile.sections.members);
    let member_type = first(&profile.columns.member_type);
    let head = first(&profile.member_types.head);
    let spouse = first(&profile.member_types.spouse);
    match facts.heads {
        0 => found.push(Finding::blocks(text!(
            "findingHouseholdNoHead",
            member_type,
            head,
            members
        ))),
        1 => {}
        n => found.push(Finding::blocks(text!(
            "findingHouseholdHeads",
            n,
            member_type,
            head,
            members
        ))),
    }
    if facts.spouse_members > 1 {
        found.push(Finding::blocks(text!(
            "findingHouseholdSpouses",
            facts.spouse_members,
            member_type,
            spouse,
            members
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
    let section = if whose.other_record.is_none() && whose.who != Whose::CLIENT.who {
        &profile.sections.spouse
    } else {
        &profile.sections.personal
    };
    if person.first_name.is_none() {
        found.push(Finding::blocks(text!(
            "findingFirstNameMissing",
            whose.who.possessive(),
            whose.place(section, &labels.first_name)
        )));
    }
    if person.last_name.is_none() {
        found.push(Finding::blocks(text!(
            "findingLastNameMissing",
            whose.who.possessive(),
            whose.place(section, &labels.last_name)
        )));
    }
    if person.birth_date.is_none() && !notes.unreadable_birth_dates.contains(&whose.who) {
        found.push(Finding::warns(text!(
            "findingBirthDateMissing",
            whose.who.possessive(),
            whose.place(section, &labels.birth_date)
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
            .to_owned()
    };
    let where_status = Whose {
        who: Whose::CLIENT.who,
        other_record: facts.client_whose.other_record,
    }
    .place(&profile.sections.personal, &profile.labels.marital_status);
    let has_partner_link = match facts.kind {
        RecordKind::Contact => !facts.spousal_relations.is_empty(),
        RecordKind::Household => facts.spouse_members > 0 || facts.head_spousal_relations > 0,
    };
    match record.marital_status {
        Some(status) if status.has_partner() && !has_partner_link => {
            found.push(Finding::warns(match facts.kind {
                RecordKind::Contact => text!(
                    "findingMarriedNoRelation",
                    status_name(status),
                    profile.spousal_relations.join(", "),
                    first(&profile.sections.key_relations)
                ),
                RecordKind::Household => text!(
                    "findingMarriedNoSpouseMember",
                    status_name(status),
                    first(&profile.member_types.spouse),
                    first(&profile.sections.members)
                ),
            }));
        }
        Some(MaritalStatus::Single) | None if has_partner_link => {
            let status = match record.marital_status {
                Some(_) => status_name(MaritalStatus::Single).into(),
                None => smartoffice_snapshot::words::Arg::Text(text!("wordBlank")),
            };
            found.push(Finding::warns(
                match (facts.kind, facts.spousal_relations.first()) {
                    (RecordKind::Contact, Some((name, kind))) => {
                        text!("findingRelationButStatus", name, kind, status, where_status)
                    }
                    _ => text!(
                        "findingSpouseMemberButStatus",
                        first(&profile.member_types.spouse),
                        status,
                        where_status
                    ),
                },
            ));
        }
        _ => {}
    }
}
