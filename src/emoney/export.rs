//! Creating, updating and opening a client, and the whole export in one go.
//!
//! A create never happens twice: its idempotency key is kept in the vault
//! until eMoney confirms the client, and every create first looks the record
//! up by its external id again. So a retry after a timeout, a closed tab or a
//! restarted service worker finds the client or replays the same key.

use serde::{Deserialize, Serialize};

use super::client::Step;
use super::client::{read, Emoney};
use super::domain::Domain;
use super::edges::{Clock, Ids, Method, Transport, Vault};
use super::error::EmoneyError;
use super::find::{encode_query, Found, RecordIdentity};
use super::items::{ItemChange, SyncCounts};
use super::keys;
use super::preview::{preview, FieldChange};
use super::shapes::{Asset, Client, ClientSummary, LaunchAnswer, Policy, StoredClient};

/// A SmartOffice record, already mapped to eMoney's shapes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportPayload {
    /// `smartoffice:<host>:<contactId>`; also in `client.externalIds`.
    pub external_id: String,
    pub client: Client,
    #[serde(default)]
    pub assets: Vec<Asset>,
    #[serde(default)]
    pub policies: Vec<Policy>,
}

impl ExportPayload {
    pub fn identity(&self) -> RecordIdentity {
        RecordIdentity {
            external_id: self.external_id.clone(),
            first_name: self.client.client.first_name.clone(),
            last_name: self.client.client.last_name.clone(),
            date_of_birth: self.client.client.date_of_birth.clone(),
        }
    }
}

/// How an export ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "outcome",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum ExportOutcome {
    /// The client is in eMoney; `launch_url` opens it there.
    Exported {
        client_id: String,
        created: bool,
        updated: bool,
        items: SyncCounts,
        launch_url: String,
    },
    /// The client exists and differs: the advisor confirms these changes
    /// (then exports again with `update`).
    ConfirmUpdate {
        client_id: String,
        changes: Vec<FieldChange>,
        /// The assets and policies that would be added or changed.
        items: Vec<ItemChange>,
    },
    /// Several eMoney clients may be this record's: the advisor chooses.
    Choose { candidates: Vec<ClientSummary> },
}

impl<T: Transport, C: Clock, V: Vault, I: Ids> Emoney<T, C, V, I> {
    /// Creates the record's client, unless it already exists (then that one
    /// is answered). Safe to call again after any failure.
    pub async fn create(
        &self,
        domain: &Domain,
        record: &str,
        client: &Client,
    ) -> Result<StoredClient, EmoneyError> {
        let pending_key = keys::pending_create(domain, record);
        let pending = self.lasting.get(&pending_key).await?;
        if let Some(existing) = self
            .search(domain, &[("externalId", record)])
            .await?
            .first()
        {
            self.lasting.remove(&pending_key).await?;
            return self.client(domain, &existing.id).await;
        }
        let key = match pending {
            Some(key) => key,
            None => {
                let key = self.ids.new_uuid();
                // Kept before sending: if the answer is lost, the retry reuses it.
                self.lasting.set(&pending_key, &key).await?;
                key
            }
        };
        let body = serde_json::to_string(client).map_err(|_| EmoneyError::Unexpected)?;
        let answer = self
            .call(
                domain,
                Method::Post,
                "/public/v1/clients",
                Some(&body),
                &[("Idempotency-Key", &key)],
            )
            .await?;
        // eMoney has given its final word on this key (created or refused):
        // a new attempt needs a new key.
        if (200..500).contains(&answer.status) && answer.status != 429 {
            self.lasting.remove(&pending_key).await?;
        }
        read(&answer, &[200, 201])
    }

    /// Replaces the fields `client` carries (absent ones stay as they are).
    pub async fn update(
        &self,
        domain: &Domain,
        id: &str,
        client: &Client,
    ) -> Result<StoredClient, EmoneyError> {
        let body = serde_json::to_string(client).map_err(|_| EmoneyError::Unexpected)?;
        let path = format!("/public/v1/clients/{}", encode_query(id));
        let answer = self
            .call(domain, Method::Put, &path, Some(&body), &[])
            .await?;
        read(&answer, &[200])
    }

    /// A one-time address that opens eMoney on the client.
    pub async fn launch(&self, domain: &Domain, id: &str) -> Result<String, EmoneyError> {
        let path = format!("/public/v1/clients/{}/launch", encode_query(id));
        let answer = self.call(domain, Method::Post, &path, None, &[]).await?;
        read::<LaunchAnswer>(&answer, &[200]).map(|launch| launch.url)
    }

    /// Finds the record's client, creates or (if `update`) updates it, puts
    /// its assets and policies, and asks for the launch address.
    pub async fn export(
        &self,
        domain: &Domain,
        payload: &ExportPayload,
        update: bool,
    ) -> Result<ExportOutcome, EmoneyError> {
        let record = payload.external_id.as_str();
        let _busy = self.start_export(record)?;
        let pending_key = keys::pending_create(domain, record);
        let our_create = self.lasting.get(&pending_key).await?.is_some();
        self.report(Step::Finding, 0, 0);
        let (stored, created, updated) = match self.find(domain, &payload.identity()).await? {
            Found::Candidates(candidates) => return Ok(ExportOutcome::Choose { candidates }),
            Found::NotFound => (
                {
                    self.report(Step::Creating, 0, 0);
                    self.create(domain, record, &payload.client).await?
                },
                true,
                false,
            ),
            Found::Found(current) => {
                let current = *current;
                // Found while a create was pending: that create went through.
                self.lasting.remove(&pending_key).await?;
                let proposed = linked(&current.client, &payload.client);
                let changes = preview(&current.client, &proposed);
                // The seed's prompt: an existing client is changed only when
                // the advisor says Yes, and asked only when something would change.
                if !update && !our_create {
                    let items = self
                        .pending_items(
                            domain,
                            record,
                            &current.id,
                            &payload.assets,
                            &payload.policies,
                        )
                        .await?;
                    if !changes.is_empty() || !items.is_empty() {
                        return Ok(ExportOutcome::ConfirmUpdate {
                            client_id: current.id,
                            changes,
                            items,
                        });
                    }
                }
                self.report(Step::Updating, 0, 0);
                if changes.is_empty() && proposed.external_ids == current.client.external_ids {
                    (current, our_create, false)
                } else {
                    let stored = self.update(domain, &current.id, &proposed).await?;
                    (stored, our_create, !changes.is_empty())
                }
            }
        };
        let items = self
            .sync_items(
                domain,
                record,
                &stored.id,
                &payload.assets,
                &payload.policies,
            )
            .await?;
        self.report(Step::Opening, 0, 0);
        let launch_url = self.launch(domain, &stored.id).await?;
        Ok(ExportOutcome::Exported {
            client_id: stored.id,
            created,
            updated,
            items,
            launch_url,
        })
    }
}

/// `proposed`, keeping the external ids eMoney already has (an update
/// replaces the list whole, and other systems' links must survive it).
fn linked(current: &Client, proposed: &Client) -> Client {
    let mut ids = current.external_ids.clone();
    for id in &proposed.external_ids {
        if !ids.contains(id) {
            ids.push(id.clone());
        }
    }
    Client {
        external_ids: ids,
        ..proposed.clone()
    }
}
