//! The contract's JSON shapes (see `shared/design/emoney-api.md`).
//!
//! What the extension sends leaves unknown values out (`None` is never sent as
//! `null`: an eMoney domain reads `null` as "clear this"). Answers may carry
//! more than these fields (the sandbox adds `assets` and `policies`); they are
//! read leniently and the extra fields ignored.

use serde::{Deserialize, Deserializer, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Address {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street1: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street2: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Job {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business_phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business_fax: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Person {
    pub first_name: String,
    pub last_name: String,
    /// `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_of_birth: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cell_phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job: Option<Job>,
}

/// An eMoney client: the household, with the client person and the spouse.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Client {
    #[serde(
        default,
        deserialize_with = "null_as_empty",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub external_ids: Vec<String>,
    /// `Single`, `Married`, `DomesticPartner`, `Divorced`, `Widowed` or `Separated`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marital_status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub home_phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fax: Option<String>,
    pub client: Person,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spouse: Option<Person>,
}

/// A client as eMoney answers it: with its id, and the whole answer as it
/// came (an update keeps every value eMoney holds, fields the extension does
/// not know included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredClient {
    pub id: String,
    pub client: Client,
    pub raw: serde_json::Map<String, serde_json::Value>,
}

impl<'de> Deserialize<'de> for StoredClient {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = serde_json::Map::<String, serde_json::Value>::deserialize(deserializer)?;
        let id = raw
            .get("id")
            .and_then(serde_json::Value::as_str)
            .ok_or_else(|| serde::de::Error::custom("a client has an id"))?
            .to_owned();
        let client = Client::deserialize(serde_json::Value::Object(raw.clone()))
            .map_err(serde::de::Error::custom)?;
        Ok(StoredClient { id, client, raw })
    }
}

/// An asset, from a SmartOffice investment. Money is a two-place decimal string.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Asset {
    pub external_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holdings_value: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cash_balance: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_value: Option<String>,
    #[serde(
        default,
        deserialize_with = "null_as_empty",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub type_of_funds: Vec<String>,
    /// `Client`, `Spouse`, `Joint` or `Other`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
}

/// A policy, from a SmartOffice policy. The number is masked (`***1234`) by
/// the mapping before it gets here.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Policy {
    pub external_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_death_benefit: Option<String>,
}

/// One line of a search answer: the client person's names and birth date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClientSummary {
    pub id: String,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub external_ids: Vec<String>,
    pub first_name: String,
    pub last_name: String,
    #[serde(default)]
    pub date_of_birth: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SearchAnswer {
    pub client_list: Vec<ClientSummary>,
}

/// eMoney answers `null` for a list it does not know.
fn null_as_empty<'de, D: Deserializer<'de>>(from: D) -> Result<Vec<String>, D::Error> {
    Ok(Option::<Vec<String>>::deserialize(from)?.unwrap_or_default())
}

/// The token endpoint's 200 answer.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct TokenAnswer {
    pub access_token: String,
    pub refresh_token: String,
    /// Seconds the access token lasts (the contract says 3600).
    #[serde(default)]
    pub expires_in: Option<u64>,
}

/// `GET /public/v1/clients/{id}/assets`: each asset as eMoney keeps it,
/// fields the extension does not know included.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct AssetsAnswer {
    pub assets: Vec<serde_json::Value>,
}

/// `GET /public/v1/clients/{id}/policies`.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct PoliciesAnswer {
    pub policies: Vec<serde_json::Value>,
}

/// The token endpoint's 4xx answer.
#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct OAuthError {
    #[serde(default)]
    pub error: String,
    #[serde(default)]
    pub error_description: String,
}

/// Every other endpoint's error answer.
#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct ErrorBody {
    #[serde(default)]
    pub errors: Vec<FieldError>,
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct FieldError {
    pub field: String,
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct LaunchAnswer {
    pub url: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_values_are_left_out_not_sent_as_null() {
        let client = Client {
            external_ids: vec!["smartoffice:host:1".into()],
            home_phone: Some("(555) 201-3344 x12".into()),
            client: Person {
                first_name: "Ann".into(),
                last_name: "Lee".into(),
                date_of_birth: Some("1970-02-03".into()),
                ..Person::default()
            },
            ..Client::default()
        };
        let json = serde_json::to_string(&client).unwrap_or_default();
        assert_eq!(
            json,
            r#"{"externalIds":["smartoffice:host:1"],"homePhone":"(555) 201-3344 x12","client":{"firstName":"Ann","lastName":"Lee","dateOfBirth":"1970-02-03"}}"#
        );
    }

    #[test]
    fn answers_with_nulls_and_extra_fields_are_read() {
        let answer = r#"{"id":"c1","externalIds":null,"maritalStatus":null,"address":null,
            "homePhone":null,"fax":null,"client":{"firstName":"Ann","lastName":"Lee",
            "dateOfBirth":null,"email":null,"cellPhone":null,"job":null},"spouse":null,
            "assets":[],"policies":[]}"#;
        let stored: Result<StoredClient, _> = serde_json::from_str(answer);
        let stored = stored.map_err(|error| error.to_string());
        assert_eq!(stored.as_ref().map(|s| s.id.as_str()), Ok("c1"));
        assert_eq!(
            stored.as_ref().map(|s| s.client.client.first_name.clone()),
            Ok("Ann".to_owned())
        );
        assert!(stored.is_ok_and(|s| s.raw.contains_key("assets")));
    }
}
