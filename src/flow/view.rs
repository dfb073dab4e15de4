//! What the export's dialog shows for each stage, as messages: the worker
//! renders them in the browser's language and the dialog only lays them out.
//! Field names are SmartOffice's own (from the page profile), values are
//! typed so that dates and amounts read as the advisor's locale writes them.

use serde::{Deserialize, Serialize};
use smartoffice_snapshot::profile::record::RecordProfile;
use smartoffice_snapshot::words::{Arg, Text};
use smartoffice_snapshot::{plural, text};

use super::names::field_name;
use super::{Flow, Stage};
use crate::emoney::{Candidate, Change, ItemKind, Value};
use crate::record::Money;
use crate::settings::{Effective, RememberedLogin};

/// One screen of the dialog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "screen",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Screen {
    Warnings {
        lead: Text,
        warnings: Vec<Text>,
    },
    SignIn {
        lead: Text,
        domains: Vec<DomainOption>,
        /// The API base to offer first.
        domain: String,
        user_name: Option<String>,
        remember_me: bool,
        remember_allowed: bool,
        error: Option<Text>,
    },
    Working {
        lead: Text,
        step: Text,
        done: u32,
        total: u32,
    },
    Choose {
        lead: Text,
        candidates: Vec<CandidateView>,
    },
    Confirm {
        /// "Okafor, Chinedu, born 04/17/1968": the eMoney client matched by
        /// name and birth date (`None`: linked to the record already).
        matched: Option<Text>,
        /// eMoney changed since the advisor last looked.
        changed_meanwhile: bool,
        /// Confirming links the eMoney client to this SmartOffice record.
        links: bool,
        changes: Vec<ChangeRow>,
        kept: Vec<KeptRow>,
        items: Vec<ItemRow>,
    },
    Done {
        summary: Text,
    },
    Failed {
        text: Text,
    },
    /// This window belongs to no export (any more).
    Gone {
        text: Text,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DomainOption {
    pub label: String,
    pub api_base: String,
    /// The match pattern the browser must grant (`scheme://host/*`).
    pub origins: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CandidateView {
    pub id: String,
    pub name: String,
    /// What tells this client apart: birth date, e-mail, city, phone.
    pub details: Vec<Text>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangeRow {
    pub field: Text,
    /// eMoney's value now (`None`: it has none).
    pub from: Option<Text>,
    pub to: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KeptRow {
    /// The path the dialog sends back when the advisor ticks its removal.
    pub path: String,
    pub field: Text,
    pub value: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemRow {
    /// "Investment "IRA" would be added".
    pub title: Text,
    pub changes: Vec<ChangeRow>,
}

/// The screen for `flow` as it stands.
pub fn screen(
    flow: &Flow,
    settings: &Effective,
    remembered: Option<&RememberedLogin>,
    profile: &RecordProfile,
) -> Screen {
    let name = flow.prepared.client_name.as_str();
    match &flow.stage {
        Stage::Warnings => Screen::Warnings {
            lead: text!("flowWarningsLead", name),
            warnings: flow.prepared.warnings.clone(),
        },
        Stage::SignIn { error } => {
            let domains: Vec<DomainOption> = settings
                .settings
                .domains
                .iter()
                .map(|domain| DomainOption {
                    label: domain.label.clone(),
                    api_base: domain.api_base.clone(),
                    origins: super::domain_of(domain, settings.development)
                        .map(|domain| {
                            let mut origins = vec![domain.api().origin_pattern()];
                            let web = domain.web().origin_pattern();
                            if !origins.contains(&web) {
                                origins.push(web);
                            }
                            origins
                        })
                        .unwrap_or_default(),
                })
                .collect();
            let remembered_domain = remembered
                .filter(|login| settings.settings.domain(&login.api_base).is_some())
                .map(|login| login.api_base.clone());
            let domain = flow
                .domain
                .clone()
                .or(remembered_domain.clone())
                .or_else(|| domains.first().map(|d| d.api_base.clone()))
                .unwrap_or_default();
            let error = match (error, domains.is_empty()) {
                (None, true) => Some(text!("flowNoDomain")),
                (error, _) => error.clone(),
            };
            Screen::SignIn {
                lead: text!("flowSignInLead", name),
                domains,
                domain,
                user_name: remembered.map(|login| login.user_name.clone()),
                remember_me: remembered_domain.is_some() && settings.settings.allow_remember_me,
                remember_allowed: settings.settings.allow_remember_me,
                error,
            }
        }
        Stage::Working => Screen::Working {
            lead: text!("flowWritingLead", name),
            step: text!("stepFinding"),
            done: 0,
            total: 0,
        },
        Stage::Choose { candidates } => Screen::Choose {
            lead: plural!("chooseLead", candidates.len(), name),
            candidates: candidates.iter().map(candidate).collect(),
        },
        Stage::Confirm {
            matched,
            comparison,
            changed_meanwhile,
            ..
        } => Screen::Confirm {
            matched: matched.as_ref().map(|matched| {
                person_line(
                    &format!("{}, {}", matched.last_name, matched.first_name),
                    matched.date_of_birth.as_deref(),
                )
            }),
            changed_meanwhile: *changed_meanwhile,
            links: comparison.links,
            changes: comparison
                .changes
                .iter()
                .map(|change| change_row(change, profile, ""))
                .collect(),
            kept: comparison
                .kept
                .iter()
                .map(|kept| KeptRow {
                    path: kept.path.clone(),
                    field: field_name(&kept.path, profile),
                    value: value(&kept.value, profile),
                })
                .collect(),
            items: comparison
                .items
                .iter()
                .map(|item| ItemRow {
                    title: match (item.kind, item.added) {
                        (ItemKind::Asset, true) => text!("itemInvestmentAdded", &item.name),
                        (ItemKind::Asset, false) => text!("itemInvestmentChanged", &item.name),
                        (ItemKind::Policy, true) => text!("itemPolicyAdded", &item.name),
                        (ItemKind::Policy, false) => text!("itemPolicyChanged", &item.name),
                    },
                    changes: item
                        .changes
                        .iter()
                        .map(|change| change_row(change, profile, item_prefix(item.kind)))
                        .collect(),
                })
                .collect(),
        },
        Stage::Done { summary } => Screen::Done {
            summary: summary.clone(),
        },
        Stage::Failed { text } => Screen::Failed { text: text.clone() },
    }
}

/// Item fields are named apart from the client's (`owner` is both).
fn item_prefix(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Asset => "asset.",
        ItemKind::Policy => "policy.",
    }
}

fn change_row(change: &Change, profile: &RecordProfile, prefix: &str) -> ChangeRow {
    ChangeRow {
        field: field_name(&format!("{prefix}{}", change.path), profile),
        from: change.from.as_ref().map(|from| value(from, profile)),
        to: value(&change.to, profile),
    }
}

/// "Okafor, Chinedu, born 04/17/1968", or the name alone.
fn person_line(name: &str, born: Option<&str>) -> Text {
    match born {
        Some(born) => text!("personBorn", name, Arg::Date(born.to_owned())),
        None => text!("personName", name),
    }
}

fn candidate(candidate: &Candidate) -> CandidateView {
    let mut details = Vec::new();
    match &candidate.date_of_birth {
        Some(born) => details.push(text!("detailBorn", Arg::Date(born.clone()))),
        None => details.push(text!("detailBornUnknown")),
    }
    if let Some(email) = &candidate.email {
        details.push(text!("detailEmail", email));
    }
    if let Some(city) = &candidate.city {
        details.push(text!("detailCity", city));
    }
    if let Some(phone) = &candidate.phone {
        details.push(text!("detailPhone", phone));
    }
    CandidateView {
        id: candidate.id.clone(),
        name: format!("{}, {}", candidate.last_name, candidate.first_name),
        details,
    }
}

/// A value as the advisor reads it.
fn value(value: &Value, profile: &RecordProfile) -> Text {
    match value {
        Value::Text(text) | Value::Person(text) => text!("valueText", text),
        Value::Date(iso) => text!("valueText", Arg::Date(iso.clone())),
        Value::Money(amount) => match Money::from_canonical(amount) {
            Some(money) => text!("valueText", Arg::Money(money.cents)),
            None => text!("valueText", amount),
        },
        Value::Status(status) => text!("valueText", status_words(status, profile)),
        Value::Owner(owner) => match owner.as_str() {
            "Client" => text!("ownerClient"),
            "Spouse" => text!("ownerSpouse"),
            "Joint" => text!("ownerJoint"),
            _ => text!("ownerOther"),
        },
        Value::Address(parts) | Value::List(parts) => text!("valueText", parts.join(", ")),
    }
}

/// A marital status in SmartOffice's words.
fn status_words(status: &str, profile: &RecordProfile) -> String {
    let words = &profile.marital_statuses;
    let synonyms = match status {
        "Married" => &words.married,
        "Single" => &words.single,
        "Divorced" => &words.divorced,
        "Widowed" => &words.widowed,
        "Separated" => &words.separated,
        "DomesticPartner" => &words.domestic_partner,
        _ => return status.to_owned(),
    };
    synonyms
        .first()
        .cloned()
        .unwrap_or_else(|| status.to_owned())
}
