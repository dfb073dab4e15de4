//! Assets and policies: read from eMoney's own listings, and put (an upsert)
//! one by one, each as the comparison built it.

use serde::{Deserialize, Serialize};

use super::client::{read, status_error, Emoney, Progress, Report, Step};
use super::compare::{ItemChange, ItemKind};
use super::domain::Domain;
use super::edges::{Clock, Ids, Method, Transport, Vault};
use super::error::EmoneyError;
use super::find::encode_query;
use super::shapes::{AssetsAnswer, PoliciesAnswer};

/// What happened to a record's items of one kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemCounts {
    /// New in eMoney.
    pub added: u32,
    /// Already in eMoney, replaced.
    pub changed: u32,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncCounts {
    pub assets: ItemCounts,
    pub policies: ItemCounts,
}

impl SyncCounts {
    /// Items written, of either kind.
    pub fn sent(&self) -> u32 {
        self.assets.added + self.assets.changed + self.policies.added + self.policies.changed
    }
}

impl<T: Transport, C: Clock, V: Vault, S: Vault, I: Ids> Emoney<T, C, V, S, I> {
    /// The client's assets as eMoney lists them.
    pub async fn assets(
        &self,
        domain: &Domain,
        client_id: &str,
    ) -> Result<Vec<serde_json::Value>, EmoneyError> {
        let path = format!("/public/v1/clients/{}/assets", encode_query(client_id));
        let answer = self.call(domain, Method::Get, &path, None, &[]).await?;
        read::<AssetsAnswer>(&answer, &[200]).map(|listing| listing.assets)
    }

    /// The client's policies as eMoney lists them.
    pub async fn policies(
        &self,
        domain: &Domain,
        client_id: &str,
    ) -> Result<Vec<serde_json::Value>, EmoneyError> {
        let path = format!("/public/v1/clients/{}/policies", encode_query(client_id));
        let answer = self.call(domain, Method::Get, &path, None, &[]).await?;
        read::<PoliciesAnswer>(&answer, &[200]).map(|listing| listing.policies)
    }

    /// Puts each item on eMoney client `client_id`. Every put is an upsert of
    /// the whole item, so an export cut short is finished by the next one
    /// (which compares with eMoney again) without writing anything twice.
    pub async fn put_items(
        &self,
        domain: &Domain,
        client_id: &str,
        items: &[ItemChange],
        report: Report<'_>,
    ) -> Result<SyncCounts, EmoneyError> {
        let mut counts = SyncCounts::default();
        let total = items.len() as u32;
        report(Progress {
            step: Step::Items,
            done: 0,
            total,
        });
        for (done, item) in items.iter().enumerate() {
            let path = format!(
                "/public/v1/clients/{}/{}/{}",
                encode_query(client_id),
                item.kind.collection(),
                encode_query(&item.external_id)
            );
            let body = serde_json::to_string(&item.body).map_err(|_| EmoneyError::Unexpected)?;
            let answer = self
                .call(domain, Method::Put, &path, Some(&body), &[])
                .await?;
            let counted = match item.kind {
                ItemKind::Asset => &mut counts.assets,
                ItemKind::Policy => &mut counts.policies,
            };
            match answer.status {
                201 => counted.added += 1,
                200 => counted.changed += 1,
                _ => return Err(status_error(&answer)),
            }
            report(Progress {
                step: Step::Items,
                done: done as u32 + 1,
                total,
            });
        }
        Ok(counts)
    }
}
