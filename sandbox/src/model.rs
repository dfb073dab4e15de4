//! The contract's shapes. Bodies are checked field by field in `validate`
//! first (so every bad field is named); these types hold what passed.
//! Unknown values are `None` and are answered as `null`.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Address {
    pub street1: Option<String>,
    pub street2: Option<String>,
    pub city: Option<String>,
    pub state: Option<String>,
    pub postal_code: Option<String>,
    pub country: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Job {
    pub company_name: Option<String>,
    pub job_title: Option<String>,
    pub business_phone: Option<String>,
    pub business_fax: Option<String>,
    pub address: Option<Address>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Person {
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: Option<String>,
    pub email: Option<String>,
    pub cell_phone: Option<String>,
    pub job: Option<Job>,
}

/// A household: the client person and, when there is one, the spouse.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Household {
    pub external_ids: Option<Vec<String>>,
    pub marital_status: Option<String>,
    pub address: Option<Address>,
    pub home_phone: Option<String>,
    pub fax: Option<String>,
    pub client: Person,
    pub spouse: Option<Person>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Asset {
    pub external_id: String,
    pub name: Option<String>,
    pub holdings_value: Option<String>,
    pub cash_balance: Option<String>,
    pub total_value: Option<String>,
    pub type_of_funds: Option<Vec<String>>,
    pub owner: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Policy {
    pub external_id: String,
    pub policy_name: Option<String>,
    pub policy_number: Option<String>,
    pub owner: Option<String>,
    pub current_death_benefit: Option<String>,
}

/// A stored client as every client endpoint answers it: the household with its
/// `id`, plus the assets and policies put on it (an addition to the contract's
/// Client, so one GET shows everything the extension sent).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClientRecord {
    pub id: String,
    #[serde(flatten)]
    pub household: Household,
    pub assets: Vec<Asset>,
    pub policies: Vec<Policy>,
}

/// One line of a search answer.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClientSummary<'a> {
    pub id: &'a str,
    pub external_ids: &'a [String],
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub date_of_birth: Option<&'a str>,
}

impl<'a> From<&'a ClientRecord> for ClientSummary<'a> {
    fn from(record: &'a ClientRecord) -> Self {
        let person = &record.household.client;
        ClientSummary {
            id: &record.id,
            external_ids: record.household.external_ids.as_deref().unwrap_or(&[]),
            first_name: &person.first_name,
            last_name: &person.last_name,
            date_of_birth: person.date_of_birth.as_deref(),
        }
    }
}
