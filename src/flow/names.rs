//! SmartOffice's words for eMoney's fields and the summaries of exports:
//! a field is named as the page profile names it ("Residence Address",
//! "Spouse: Cell Phone"), so that the advisor recognises it.

use smartoffice_snapshot::profile::record::RecordProfile;
use smartoffice_snapshot::words::Text;
use smartoffice_snapshot::{plural, text};

use crate::emoney::{ItemCounts, Step, SyncCounts};
use crate::settings::{HistoryEntry, HistoryOutcome};

pub(super) fn first(synonyms: &[String]) -> String {
    synonyms.first().cloned().unwrap_or_default()
}

/// A field named as SmartOffice names it: "Residence Address",
/// "Spouse: Cell Phone", "Account Value". `path` is the contract's, items'
/// fields prefixed `asset.` or `policy.` (a refusal names them bare).
pub fn field_name(path: &str, profile: &RecordProfile) -> Text {
    let labels = &profile.labels;
    let columns = &profile.columns;
    let label = |synonyms: &[String]| text!("fieldLabel", first(synonyms));
    let person = |field: &str| -> Option<Text> {
        Some(label(match field {
            "firstName" => &labels.first_name,
            "lastName" => &labels.last_name,
            "dateOfBirth" => &labels.birth_date,
            "email" => &labels.email,
            "cellPhone" => &labels.cell_phone,
            "job" => &profile.sections.business,
            "job.companyName" => &labels.company,
            "job.jobTitle" => &labels.job_title,
            "job.businessPhone" => &labels.business_phone,
            "job.businessFax" => &labels.business_fax,
            "job.address" => &labels.business_address,
            _ => return None,
        }))
    };
    let item = |field: &str| -> Option<Text> {
        Some(match field {
            "name" => label(&columns.account_name),
            "holdingsValue" => label(&columns.account_value),
            "cashBalance" => label(&columns.loan_balance),
            "totalValue" => label(&columns.net_value),
            "typeOfFunds" => label(&columns.options),
            "owner" => label(&columns.owner),
            "policyName" => text!(
                "fieldTwoLabels",
                first(&columns.carrier),
                first(&columns.plan_name)
            ),
            "policyNumber" => label(&columns.policy_number),
            "currentDeathBenefit" => label(&columns.total_death_benefits),
            _ => return None,
        })
    };
    let named = match path {
        "maritalStatus" => Some(label(&labels.marital_status)),
        "address" => Some(label(&labels.residence_address)),
        "homePhone" => Some(label(&labels.home_phone)),
        "fax" => Some(label(&labels.fax)),
        "client" => Some(text!("fieldClient")),
        "spouse" => Some(text!("fieldSpouse")),
        "externalIds" => Some(text!("fieldLink")),
        _ => None,
    };
    named
        .or_else(|| {
            let field = path.strip_prefix("client.")?;
            person(field).map(|label| text!("fieldOfClient", label))
        })
        .or_else(|| {
            let field = path.strip_prefix("spouse.")?;
            person(field).map(|label| text!("fieldOfSpouse", label))
        })
        .or_else(|| {
            item(
                path.strip_prefix("asset.")
                    .or(path.strip_prefix("policy."))
                    .unwrap_or(path),
            )
        })
        .unwrap_or_else(|| text!("fieldUnknown", path))
}

/// The summary of a finished export, with real plurals.
pub fn summary(name: &str, outcome: HistoryOutcome, items: &SyncCounts) -> Text {
    let investments = items.assets.added + items.assets.changed;
    let policies = items.policies.added + items.policies.changed;
    match outcome {
        HistoryOutcome::Created => text!(
            "summaryCreated",
            name,
            plural!("countInvestments", investments),
            plural!("countPolicies", policies)
        ),
        HistoryOutcome::Updated => text!(
            "summaryUpdated",
            name,
            plural!("countInvestments", investments),
            plural!("countPolicies", policies)
        ),
        HistoryOutcome::Opened => text!("summaryOpened", name),
    }
}

/// The step of an export, for progress.
pub fn step(step: Step, done: u32, total: u32) -> Text {
    match step {
        Step::Finding => text!("stepFinding"),
        Step::Comparing => text!("stepComparing"),
        Step::Creating => text!("stepCreating"),
        Step::Updating => text!("stepUpdating"),
        Step::Items if total > 0 => text!("stepItems", done, total),
        Step::Items => text!("stepItemsStarting"),
        Step::Opening => text!("stepOpening"),
    }
}

/// A history line's outcome: "Created", "Updated, 2 warnings".
pub fn history_outcome(entry: &HistoryEntry) -> Text {
    let outcome = match entry.outcome {
        HistoryOutcome::Created => text!("historyCreated"),
        HistoryOutcome::Updated => text!("historyUpdated"),
        HistoryOutcome::Opened => text!("historyOpened"),
    };
    match entry.warnings {
        0 => outcome,
        n => plural!("historyWithWarnings", n, outcome),
    }
}

/// What an export wrote: "3 fields; 2 investments added, 1 changed; 1 policy added".
pub fn history_sent(entry: &HistoryEntry) -> Text {
    let items = |counts: &ItemCounts, added: fn(u32) -> Text, changed: fn(u32) -> Text| match (
        counts.added,
        counts.changed,
    ) {
        (0, 0) => None,
        (n, 0) => Some(added(n)),
        (0, n) => Some(changed(n)),
        (a, c) => Some(text!("historyAddedAndChanged", added(a), changed(c))),
    };
    let parts: Vec<Text> = [
        (entry.fields > 0).then(|| plural!("historyFields", entry.fields)),
        items(
            &entry.investments,
            |n| plural!("historyInvestmentsAdded", n),
            |n| plural!("historyInvestmentsChanged", n),
        ),
        items(
            &entry.policies,
            |n| plural!("historyPoliciesAdded", n),
            |n| plural!("historyPoliciesChanged", n),
        ),
    ]
    .into_iter()
    .flatten()
    .collect();
    crate::emoney::list(parts).unwrap_or_else(|| text!("historyNothingSent"))
}
