//! Creating, updating and opening a client, and the whole export in one go.
//!
//! A create never happens twice: its idempotency key is kept in the vault
//! until eMoney confirms the client, and every create first looks the record
//! up by its external id again. So a retry after a timeout, a closed tab or a
//! restarted service worker finds the client or replays the same key.
//!
//! An existing client is changed only as the advisor confirmed: what the
//! comparison showed, and nothing else; when eMoney's copy changed in the
//! meantime, the advisor is shown the new comparison instead.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};

use super::client::{read, Emoney, Progress, Report, Step};
use super::compare::{compare, update_body, Comparison, Held, ItemChange, ItemKind};
use super::domain::Domain;
use super::edges::{Clock, Ids, Method, Transport, Vault};
use super::error::EmoneyError;
use super::find::{encode_query, Candidate, Found, RecordIdentity};
use super::items::SyncCounts;
use super::keys;
use super::shapes::{Asset, Client, LaunchAnswer, Policy, StoredClient};

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

/// What the advisor has said so far about an existing client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "decision",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Decision {
    /// Nothing yet: ask when something would change.
    Ask,
    /// Yes, to the comparison fingerprinted `previewed`, with the values
    /// the advisor ticked for removal.
    Update {
        previewed: String,
        removals: Vec<String>,
    },
    /// No: write nothing, open eMoney on the client.
    Open,
}

/// The client the export found by its name and birth date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MatchedClient {
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: Option<String>,
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
    /// The seed's prompt: the client exists and these changes await the
    /// advisor's word. `matched`: found by name and birth date, not by link.
    /// `changed_meanwhile`: eMoney changed since the advisor's earlier look.
    Confirm {
        client_id: String,
        matched: Option<MatchedClient>,
        comparison: Comparison,
        changed_meanwhile: bool,
    },
    /// Several eMoney clients may be this record's: the advisor chooses.
    Choose { candidates: Vec<Candidate> },
}

impl<T: Transport, C: Clock, V: Vault, S: Vault, I: Ids> Emoney<T, C, V, S, I> {
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

    /// Replaces the top-level fields `body` carries (absent ones stay).
    pub async fn update(
        &self,
        domain: &Domain,
        id: &str,
        body: &Map<String, Json>,
    ) -> Result<StoredClient, EmoneyError> {
        let body = serde_json::to_string(body).map_err(|_| EmoneyError::Unexpected)?;
        let path = format!("/public/v1/clients/{}", encode_query(id));
        let answer = self
            .call(domain, Method::Put, &path, Some(&body), &[])
            .await?;
        read(&answer, &[200])
    }

    /// A one-time address that opens eMoney on the client: only ever one
    /// under the domain's web address, so an eMoney domain (or anyone
    /// answering for it) cannot send the advisor elsewhere.
    pub async fn launch(&self, domain: &Domain, id: &str) -> Result<String, EmoneyError> {
        let path = format!("/public/v1/clients/{}/launch", encode_query(id));
        let answer = self.call(domain, Method::Post, &path, None, &[]).await?;
        let url = read::<LaunchAnswer>(&answer, &[200])?.url;
        if domain.web().contains(&url) {
            Ok(url)
        } else {
            Err(EmoneyError::ForeignLaunch)
        }
    }

    /// What eMoney holds for the client, as far as this record is concerned:
    /// its listings are read only for the kinds of items the record sends.
    async fn held(
        &self,
        domain: &Domain,
        client: &StoredClient,
        payload: &ExportPayload,
    ) -> Result<Held, EmoneyError> {
        let assets = if payload.assets.is_empty() {
            Vec::new()
        } else {
            self.assets(domain, &client.id).await?
        };
        let policies = if payload.policies.is_empty() {
            Vec::new()
        } else {
            self.policies(domain, &client.id).await?
        };
        Ok(Held {
            client: client.raw.clone(),
            assets,
            policies,
        })
    }

    /// Finds the record's client, creates or (as `decision` allows) updates
    /// it, puts its assets and policies, and asks for the launch address.
    pub async fn export(
        &self,
        domain: &Domain,
        payload: &ExportPayload,
        decision: &Decision,
        report: Report<'_>,
    ) -> Result<ExportOutcome, EmoneyError> {
        let record = payload.external_id.as_str();
        let _busy = self.start_export(record)?;
        let step = |step| {
            report(Progress {
                step,
                done: 0,
                total: 0,
            })
        };
        let pending_key = keys::pending_create(domain, record);
        let our_create = self.lasting.get(&pending_key).await?.is_some();
        step(Step::Finding);
        let (current, matched) = match self.find(domain, &payload.identity()).await? {
            Found::Candidates(candidates) => return Ok(ExportOutcome::Choose { candidates }),
            Found::NotFound => {
                step(Step::Creating);
                let stored = self.create(domain, record, &payload.client).await?;
                let items = all_added(payload);
                let counts = self.put_items(domain, &stored.id, &items, report).await?;
                return self
                    .opened(domain, record, stored.id, true, false, counts, report)
                    .await;
            }
            Found::Linked(current) => (*current, None),
            Found::Matched(current) => {
                let person = &current.client.client;
                let matched = MatchedClient {
                    first_name: person.first_name.clone(),
                    last_name: person.last_name.clone(),
                    date_of_birth: person.date_of_birth.clone(),
                };
                (*current, Some(matched))
            }
        };
        // Found while a create was pending: that create went through, and
        // what it left to do needs no one's word.
        self.lasting.remove(&pending_key).await?;
        step(Step::Comparing);
        let held = self.held(domain, &current, payload).await?;
        let comparison = compare(
            &held,
            &payload.client,
            &payload.assets,
            &payload.policies,
            record,
        );
        let confirm = |changed_meanwhile| ExportOutcome::Confirm {
            client_id: current.id.clone(),
            matched: matched.clone(),
            comparison: comparison.clone(),
            changed_meanwhile,
        };
        let removals: &[String] = match decision {
            Decision::Open => {
                return self
                    .opened(
                        domain,
                        record,
                        current.id,
                        false,
                        false,
                        SyncCounts::default(),
                        report,
                    )
                    .await;
            }
            _ if our_create => &[],
            Decision::Ask if comparison.changes_nothing() => {
                // Nothing to write: eMoney opens directly. A client matched by
                // name alone is not remembered: nobody confirmed it.
                if matched.is_some() {
                    return self
                        .launched(
                            domain,
                            current.id,
                            false,
                            false,
                            SyncCounts::default(),
                            report,
                        )
                        .await;
                }
                return self
                    .opened(
                        domain,
                        record,
                        current.id,
                        false,
                        false,
                        SyncCounts::default(),
                        report,
                    )
                    .await;
            }
            Decision::Ask => return Ok(confirm(false)),
            Decision::Update { previewed, .. } if *previewed != comparison.previewed => {
                return Ok(confirm(true));
            }
            Decision::Update { removals, .. } => removals,
        };
        step(Step::Updating);
        let body = update_body(&held, &comparison, removals, record, true);
        if let Some(body) = &body {
            self.update(domain, &current.id, body).await?;
        }
        let counts = self
            .put_items(domain, &current.id, &comparison.items, report)
            .await?;
        let updated = body.is_some_and(|body| body.keys().any(|key| key != "externalIds"));
        self.opened(
            domain, record, current.id, our_create, updated, counts, report,
        )
        .await
    }

    /// The export is written: the client is remembered for the record's
    /// next export, and eMoney's one-time address asked for.
    #[allow(clippy::too_many_arguments)]
    async fn opened(
        &self,
        domain: &Domain,
        record: &str,
        client_id: String,
        created: bool,
        updated: bool,
        items: SyncCounts,
        report: Report<'_>,
    ) -> Result<ExportOutcome, EmoneyError> {
        self.remember_client(domain, record, &client_id).await?;
        self.launched(domain, client_id, created, updated, items, report)
            .await
    }

    async fn launched(
        &self,
        domain: &Domain,
        client_id: String,
        created: bool,
        updated: bool,
        items: SyncCounts,
        report: Report<'_>,
    ) -> Result<ExportOutcome, EmoneyError> {
        report(Progress {
            step: Step::Opening,
            done: 0,
            total: 0,
        });
        let launch_url = self.launch(domain, &client_id).await?;
        Ok(ExportOutcome::Exported {
            client_id,
            created,
            updated,
            items,
            launch_url,
        })
    }
}

/// Every item of a new client: all of them are added.
fn all_added(payload: &ExportPayload) -> Vec<ItemChange> {
    let item = |kind, external_id: &str, body: Json| ItemChange {
        kind,
        external_id: external_id.to_owned(),
        name: String::new(),
        added: true,
        changes: Vec::new(),
        body,
    };
    let assets = payload.assets.iter().map(|asset| {
        item(
            ItemKind::Asset,
            &asset.external_id,
            serde_json::to_value(asset).unwrap_or(Json::Null),
        )
    });
    let policies = payload.policies.iter().map(|policy| {
        item(
            ItemKind::Policy,
            &policy.external_id,
            serde_json::to_value(policy).unwrap_or(Json::Null),
        )
    });
    assets.chain(policies).collect()
}
