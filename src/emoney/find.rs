//! Finding a SmartOffice record's client in eMoney, as SmartOffice's own
//! integration does: the advisor's earlier choice or the client the record
//! was last exported to, then the record's external id, then the same first
//! name, last name and birth date.

use serde::{Deserialize, Serialize};

use super::client::{read, Emoney};
use super::domain::Domain;
use super::edges::{Clock, Ids, Method, Transport, Vault};
use super::error::EmoneyError;
use super::keys;
use super::shapes::{ClientSummary, SearchAnswer, StoredClient};
use crate::record::Date;

/// Who a SmartOffice record is, as far as finding it in eMoney goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordIdentity {
    /// `smartoffice:<host>:<contactId>`.
    pub external_id: String,
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    NotFound,
    /// The record's client: linked to it by its external id, chosen by the
    /// advisor, or the one it was last exported to.
    Linked(Box<StoredClient>),
    /// The one eMoney client with the record's first name, last name and
    /// birth date (both known): the advisor confirms it is the record's.
    Matched(Box<StoredClient>),
    /// People who may be this record's client; the advisor chooses.
    Candidates(Vec<Candidate>),
}

/// An eMoney client who may be the record's, with what tells them apart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Candidate {
    pub id: String,
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: Option<String>,
    pub email: Option<String>,
    pub city: Option<String>,
    pub phone: Option<String>,
}

/// The advisor's answer to a list of candidates, or to a match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Choice {
    /// This eMoney client is the record's.
    Client { client_id: String },
    /// None of them: create a new client.
    New,
}

/// Most candidates a chooser shows; each costs a call to describe.
const MAX_CANDIDATES: usize = 10;

impl<T: Transport, C: Clock, V: Vault, S: Vault, I: Ids> Emoney<T, C, V, S, I> {
    pub async fn find(
        &self,
        domain: &Domain,
        record: &RecordIdentity,
    ) -> Result<Found, EmoneyError> {
        let choice_key = keys::chosen_client(domain, &record.external_id);
        let choice = match self.lasting.get(&choice_key).await? {
            Some(text) => serde_json::from_str::<Choice>(&text).ok(),
            None => None,
        };
        if let Some(Choice::Client { client_id }) = &choice {
            match self.client(domain, client_id).await {
                Ok(client) => return Ok(Found::Linked(Box::new(client))),
                // Deleted in eMoney since: look again, the choice no longer holds.
                Err(EmoneyError::NotFound) => self.lasting.remove(&choice_key).await?,
                Err(error) => return Err(error),
            }
        }
        let known_key = keys::known_client(domain, &record.external_id);
        if let Some(id) = self.lasting.get(&known_key).await? {
            match self.client(domain, &id).await {
                Ok(client) if client.client.external_ids.contains(&record.external_id) => {
                    return Ok(Found::Linked(Box::new(client)))
                }
                // Unlinked or deleted in eMoney since: search as if new.
                Ok(_) | Err(EmoneyError::NotFound) => self.lasting.remove(&known_key).await?,
                Err(error) => return Err(error),
            }
        }
        let mut linked = self
            .search(domain, &[("externalId", &record.external_id)])
            .await?;
        if linked.len() == 1 {
            let only = linked.remove(0);
            return self
                .client(domain, &only.id)
                .await
                .map(|client| Found::Linked(Box::new(client)));
        }
        if !linked.is_empty() {
            return self.described(domain, linked).await.map(Found::Candidates);
        }
        if choice == Some(Choice::New) {
            return Ok(Found::NotFound);
        }
        let named = self
            .search(
                domain,
                &[
                    ("lastName", &record.last_name),
                    ("firstName", &record.first_name),
                ],
            )
            .await?;
        let ours = record.date_of_birth.as_deref().and_then(Date::from_iso);
        // A different birth date is a different person; an unknown one, on
        // either side, may not be.
        let (mut same, mut unknown) = (Vec::new(), Vec::new());
        for summary in named {
            let theirs = summary.date_of_birth.as_deref().and_then(Date::from_iso);
            match (theirs, ours) {
                (Some(theirs), Some(ours)) if theirs == ours => same.push(summary),
                (Some(_), Some(_)) => {}
                _ => unknown.push(summary),
            }
        }
        if same.len() == 1 && unknown.is_empty() {
            let only = same.remove(0);
            return self
                .client(domain, &only.id)
                .await
                .map(|client| Found::Matched(Box::new(client)));
        }
        same.extend(unknown);
        if same.is_empty() {
            return Ok(Found::NotFound);
        }
        self.described(domain, same).await.map(Found::Candidates)
    }

    /// Each candidate with what eMoney holds to tell them apart.
    async fn described(
        &self,
        domain: &Domain,
        summaries: Vec<ClientSummary>,
    ) -> Result<Vec<Candidate>, EmoneyError> {
        let mut candidates = Vec::new();
        for summary in summaries.into_iter().take(MAX_CANDIDATES) {
            let client = self.client(domain, &summary.id).await?.client;
            let person = &client.client;
            candidates.push(Candidate {
                id: summary.id,
                first_name: summary.first_name,
                last_name: summary.last_name,
                date_of_birth: summary.date_of_birth,
                email: person.email.clone(),
                city: client.address.as_ref().and_then(|a| a.city.clone()),
                phone: person.cell_phone.clone().or(client.home_phone),
            });
        }
        Ok(candidates)
    }

    /// Remembers the advisor's choice for `record`, so they are asked once.
    pub async fn choose(
        &self,
        domain: &Domain,
        record: &str,
        choice: &Choice,
    ) -> Result<(), EmoneyError> {
        let text = serde_json::to_string(choice).map_err(|_| EmoneyError::Unexpected)?;
        self.lasting
            .set(&keys::chosen_client(domain, record), &text)
            .await?;
        Ok(())
    }

    /// Remembers the client `record` was exported to, for the next export.
    pub(crate) async fn remember_client(
        &self,
        domain: &Domain,
        record: &str,
        client_id: &str,
    ) -> Result<(), EmoneyError> {
        self.lasting
            .set(&keys::known_client(domain, record), client_id)
            .await?;
        Ok(())
    }

    pub(crate) async fn search(
        &self,
        domain: &Domain,
        query: &[(&str, &str)],
    ) -> Result<Vec<ClientSummary>, EmoneyError> {
        let query: Vec<String> = query
            .iter()
            .map(|(name, value)| format!("{name}={}", encode_query(value)))
            .collect();
        let path = format!("/public/v1/clients?{}", query.join("&"));
        let answer = self.call(domain, Method::Get, &path, None, &[]).await?;
        read::<SearchAnswer>(&answer, &[200]).map(|found| found.client_list)
    }

    pub async fn client(&self, domain: &Domain, id: &str) -> Result<StoredClient, EmoneyError> {
        let path = format!("/public/v1/clients/{}", encode_query(id));
        let answer = self.call(domain, Method::Get, &path, None, &[]).await?;
        read(&answer, &[200])
    }
}

/// Percent-encodes a query value, path segment or form value (everything
/// but RFC 3986's unreserved characters).
pub(crate) fn encode_query(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(char::from(byte));
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}
