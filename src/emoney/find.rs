//! Finding a SmartOffice record's client in eMoney: the advisor's earlier
//! choice, then the external id, then the name with the birth date.

use serde::{Deserialize, Serialize};

use super::client::{read, Emoney};
use super::domain::Domain;
use super::edges::{Clock, Ids, Method, Transport, Vault};
use super::error::EmoneyError;
use super::keys;
use super::shapes::{ClientSummary, SearchAnswer, StoredClient};

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
    Found(Box<StoredClient>),
    /// People who may be this record's client; the advisor chooses.
    Candidates(Vec<ClientSummary>),
}

/// The advisor's answer to a list of candidates.
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

impl<T: Transport, C: Clock, V: Vault, I: Ids> Emoney<T, C, V, I> {
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
                Ok(client) => return Ok(Found::Found(Box::new(client))),
                // Deleted in eMoney since: look again, the choice no longer holds.
                Err(EmoneyError::NotFound) => self.lasting.remove(&choice_key).await?,
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
                .map(|client| Found::Found(Box::new(client)));
        }
        if !linked.is_empty() {
            return Ok(Found::Candidates(linked));
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
        // A different birth date is a different person; an unknown one may not be.
        let candidates: Vec<ClientSummary> = named
            .into_iter()
            .filter(
                |summary| match (&summary.date_of_birth, &record.date_of_birth) {
                    (Some(theirs), Some(ours)) => theirs == ours,
                    _ => true,
                },
            )
            .collect();
        Ok(if candidates.is_empty() {
            Found::NotFound
        } else {
            Found::Candidates(candidates)
        })
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
