//! A checked record becomes exactly the payloads of the eMoney contract
//! (`shared/design/emoney-api.md`, version 1): the Client, its Assets and its
//! Policies. Pure data in, pure data out.

mod ids;
mod owner;

use crate::emoney::{
    Address as EmoneyAddress, Asset, Client, Job, Person as EmoneyPerson, Policy as EmoneyPolicy,
};
use crate::record::{Address, Employer, Investment, MaritalStatus, Person, Policy, Record};
use smartoffice_snapshot::profile::record::OwnerWords;
use smartoffice_snapshot::text;
use smartoffice_snapshot::words::Text;

pub use ids::external_id;
pub use owner::{resolve_owner, Owner};

/// Everything one export sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payloads {
    /// The client's `externalIds[0]`: the same for the same SmartOffice record
    /// on every run and in every browser.
    pub external_id: String,
    pub client: Client,
    pub assets: Vec<Asset>,
    pub policies: Vec<EmoneyPolicy>,
}

/// Why a record cannot become an eMoney client. The reader's findings block
/// these first; this is the mapping's own guard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MappingError {
    MissingClientName,
}

impl MappingError {
    pub fn text(&self) -> Text {
        match self {
            MappingError::MissingClientName => text!("mappingClientName"),
        }
    }
}

/// Maps a record to the contract's payloads, as the seed's field tables say:
/// the spouse gets only the spouse column (no residence address, home phone,
/// fax or e-mail), investments become assets and policies keep only `***` and
/// the last four characters of their number (already masked in the record).
pub fn map(record: &Record, owner_words: &OwnerWords) -> Result<Payloads, MappingError> {
    let client_person = person(&record.client, true).ok_or(MappingError::MissingClientName)?;
    // A spouse eMoney cannot name is left out rather than guessed; the
    // reader's findings tell the advisor what is missing.
    let spouse = record
        .spouse
        .as_ref()
        .and_then(|spouse| person(spouse, false));
    let external_id = external_id(&record.source);
    let client = Client {
        external_ids: vec![external_id.clone()],
        marital_status: record
            .marital_status
            .map(|status| marital_status(status).to_owned()),
        address: record.residence_address.as_ref().and_then(address),
        home_phone: text(&record.home_phone),
        fax: text(&record.fax),
        client: client_person,
        spouse,
    };
    let names = owner::Names::of(&record.client, record.spouse.as_ref(), owner_words);
    let assets = record
        .investments
        .iter()
        .flatten()
        .zip(ids::asset_ids(
            record.investments.as_deref().unwrap_or_default(),
        ))
        .map(|(investment, id)| asset(investment, id, &names))
        .collect();
    let policies = record
        .policies
        .iter()
        .flatten()
        .zip(ids::policy_ids(
            record.policies.as_deref().unwrap_or_default(),
        ))
        .map(|(policy, id)| policy_payload(policy, id, &names))
        .collect();
    Ok(Payloads {
        external_id,
        client,
        assets,
        policies,
    })
}

/// eMoney's names for the marital statuses.
pub fn marital_status(status: MaritalStatus) -> &'static str {
    match status {
        MaritalStatus::Single => "Single",
        MaritalStatus::Married => "Married",
        MaritalStatus::DomesticPartner => "DomesticPartner",
        MaritalStatus::Divorced => "Divorced",
        MaritalStatus::Widowed => "Widowed",
        MaritalStatus::Separated => "Separated",
    }
}

/// A person, or `None` without both names. The e-mail goes with the client
/// only: the seed's table sends no e-mail for the spouse.
fn person(person: &Person, is_client: bool) -> Option<EmoneyPerson> {
    Some(EmoneyPerson {
        first_name: text(&person.first_name)?,
        last_name: text(&person.last_name)?,
        date_of_birth: person.birth_date.map(|date| date.to_string()),
        email: if is_client { text(&person.email) } else { None },
        cell_phone: text(&person.cell_phone),
        job: job(&person.employer),
    })
}

fn job(employer: &Employer) -> Option<Job> {
    let job = Job {
        company_name: text(&employer.company),
        job_title: text(&employer.job_title),
        business_phone: text(&employer.business_phone),
        business_fax: text(&employer.business_fax),
        address: employer.business_address.as_ref().and_then(address),
    };
    (job != Job::default()).then_some(job)
}

fn address(address: &Address) -> Option<EmoneyAddress> {
    let mapped = EmoneyAddress {
        street1: text(&address.street1),
        street2: text(&address.street2),
        city: text(&address.city),
        state: text(&address.state),
        postal_code: text(&address.postal_code),
        country: text(&address.country),
    };
    (mapped != EmoneyAddress::default()).then_some(mapped)
}

fn asset(investment: &Investment, external_id: String, names: &owner::Names) -> Asset {
    Asset {
        external_id,
        name: text(&investment.account_name),
        holdings_value: investment.account_value.map(|money| money.to_string()),
        cash_balance: investment.loan_balance.map(|money| money.to_string()),
        total_value: investment.net_value.map(|money| money.to_string()),
        type_of_funds: investment
            .options
            .iter()
            .filter_map(|option| nonblank(option))
            .collect(),
        owner: investment
            .owner
            .as_deref()
            .and_then(nonblank)
            .map(|written| names.resolve(&written).as_str().to_owned()),
    }
}

fn policy_payload(policy: &Policy, external_id: String, names: &owner::Names) -> EmoneyPolicy {
    let name: Vec<String> = [&policy.carrier, &policy.plan_name]
        .into_iter()
        .filter_map(text)
        .collect();
    // "Primary Insured / Owner": the owner when the office names one.
    let written_owner = text(&policy.owner).or_else(|| text(&policy.primary_insured));
    EmoneyPolicy {
        external_id,
        policy_name: (!name.is_empty()).then(|| name.join(" ")),
        policy_number: policy
            .policy_number
            .as_ref()
            .map(|number| number.as_str().to_owned()),
        owner: written_owner.map(|written| names.resolve(&written).as_str().to_owned()),
        current_death_benefit: policy.total_death_benefits.map(|money| money.to_string()),
    }
}

/// Text as eMoney takes it: trimmed, and absent rather than empty.
fn text(value: &Option<String>) -> Option<String> {
    value.as_deref().and_then(nonblank)
}

fn nonblank(value: &str) -> Option<String> {
    let trimmed = value.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}
