//! Assets and policies: each is put (an upsert) unless it is unchanged since
//! the record's last export, which the vault remembers as fingerprints.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::client::{status_error, Emoney, Step};
use super::domain::Domain;
use super::edges::{Clock, Ids, Method, Transport, Vault};
use super::error::EmoneyError;
use super::find::encode_query;
use super::keys;
use super::shapes::{Asset, Policy};

/// What happened to a record's items of one kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemCounts {
    /// New in eMoney.
    pub added: u32,
    /// Already in eMoney, replaced.
    pub changed: u32,
    /// Unchanged since the last export, not sent.
    pub skipped: u32,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncCounts {
    pub assets: ItemCounts,
    pub policies: ItemCounts,
}

/// An asset or policy that an export would add or change, for the update
/// prompt's preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemChange {
    /// `asset` or `policy`.
    pub kind: String,
    pub name: String,
    /// True when eMoney has not received it from this record before.
    pub added: bool,
}

/// The vault entry: which eMoney client the fingerprints were sent to.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Exported {
    client_id: String,
    items: BTreeMap<String, String>,
}

impl<T: Transport, C: Clock, V: Vault, I: Ids> Emoney<T, C, V, I> {
    /// Puts the record's assets and policies on eMoney client `client_id`.
    pub async fn sync_items(
        &self,
        domain: &Domain,
        record: &str,
        client_id: &str,
        assets: &[Asset],
        policies: &[Policy],
    ) -> Result<SyncCounts, EmoneyError> {
        let key = keys::exported_items(domain, record);
        let mut exported = self.exported_to(&key, client_id).await?;
        let mut counts = SyncCounts::default();
        let total = (assets.len() + policies.len()) as u32;
        let mut done = 0;
        self.report(Step::Items, done, total);
        for asset in assets {
            let put = Put {
                domain,
                client_id,
                kind: "assets",
                external_id: &asset.external_id,
            };
            counts
                .assets
                .count(self.put_item(put, asset, &mut exported, &key).await?);
            done += 1;
            self.report(Step::Items, done, total);
        }
        for policy in policies {
            let put = Put {
                domain,
                client_id,
                kind: "policies",
                external_id: &policy.external_id,
            };
            counts
                .policies
                .count(self.put_item(put, policy, &mut exported, &key).await?);
            done += 1;
            self.report(Step::Items, done, total);
        }
        Ok(counts)
    }

    /// What `sync_items` would send to `client_id`: the items not sent, or
    /// changed, since the record's last export there. Reads only.
    pub async fn pending_items(
        &self,
        domain: &Domain,
        record: &str,
        client_id: &str,
        assets: &[Asset],
        policies: &[Policy],
    ) -> Result<Vec<ItemChange>, EmoneyError> {
        let key = keys::exported_items(domain, record);
        let exported = self.exported_to(&key, client_id).await?;
        let mut changes = Vec::new();
        let mut consider =
            |kind: &str, put_kind: &str, id: &str, body: String, name: Option<&String>| {
                let before = exported.items.get(&item_key(put_kind, id));
                if before != Some(&fingerprint(&body)) {
                    changes.push(ItemChange {
                        kind: kind.to_owned(),
                        name: name.cloned().unwrap_or_else(|| id.to_owned()),
                        added: before.is_none(),
                    });
                }
            };
        for asset in assets {
            let body = serde_json::to_string(asset).map_err(|_| EmoneyError::Unexpected)?;
            consider(
                "asset",
                "assets",
                &asset.external_id,
                body,
                asset.name.as_ref(),
            );
        }
        for policy in policies {
            let body = serde_json::to_string(policy).map_err(|_| EmoneyError::Unexpected)?;
            consider(
                "policy",
                "policies",
                &policy.external_id,
                body,
                policy.policy_name.as_ref(),
            );
        }
        Ok(changes)
    }

    /// The fingerprints last sent for a record to `client_id` (none when
    /// they were sent to another eMoney client).
    async fn exported_to(&self, key: &str, client_id: &str) -> Result<Exported, EmoneyError> {
        let exported = match self.lasting.get(key).await? {
            Some(text) => serde_json::from_str::<Exported>(&text).unwrap_or_default(),
            None => Exported::default(),
        };
        Ok(if exported.client_id == client_id {
            exported
        } else {
            Exported {
                client_id: client_id.to_owned(),
                items: BTreeMap::new(),
            }
        })
    }

    async fn put_item<S: Serialize>(
        &self,
        put: Put<'_>,
        item: &S,
        exported: &mut Exported,
        key: &str,
    ) -> Result<Sent, EmoneyError> {
        let body = serde_json::to_string(item).map_err(|_| EmoneyError::Unexpected)?;
        let name = item_key(put.kind, put.external_id);
        let print = fingerprint(&body);
        if exported.items.get(&name) == Some(&print) {
            return Ok(Sent::Skipped);
        }
        let path = format!(
            "/public/v1/clients/{}/{}/{}",
            encode_query(put.client_id),
            put.kind,
            encode_query(put.external_id)
        );
        let answer = self
            .call(put.domain, Method::Put, &path, Some(&body), &[])
            .await?;
        let sent = match answer.status {
            201 => Sent::Added,
            200 => Sent::Changed,
            _ => return Err(status_error(&answer)),
        };
        // Saved after each item, so an export cut short resumes where it stopped.
        exported.items.insert(name, print);
        let text = serde_json::to_string(exported).map_err(|_| EmoneyError::Unexpected)?;
        self.lasting.set(key, &text).await?;
        Ok(sent)
    }
}

struct Put<'a> {
    domain: &'a Domain,
    client_id: &'a str,
    kind: &'static str,
    external_id: &'a str,
}

enum Sent {
    Added,
    Changed,
    Skipped,
}

impl ItemCounts {
    fn count(&mut self, sent: Sent) {
        match sent {
            Sent::Added => self.added += 1,
            Sent::Changed => self.changed += 1,
            Sent::Skipped => self.skipped += 1,
        }
    }
}

/// Where an item's fingerprint is kept: `assets/<externalId>`.
fn item_key(kind: &str, external_id: &str) -> String {
    format!("{kind}/{external_id}")
}

/// An item's fingerprint: a stable hash of its JSON, the same across builds
/// and browsers, which keeps no readable copy of the item in storage.
fn fingerprint(text: &str) -> String {
    format!("{:016x}", crate::fingerprint::fnv1a(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_tell_items_apart() {
        assert_eq!(fingerprint(""), "cbf29ce484222325");
        assert_ne!(
            fingerprint(r#"{"a":"1.00"}"#),
            fingerprint(r#"{"a":"1.01"}"#)
        );
        assert_eq!(fingerprint("x"), fingerprint("x"));
    }
}
