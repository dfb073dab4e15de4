//! What the pure eMoney client needs from the browser: the clock, storage,
//! the secrets vault and random ids. (`http` is its transport.)

use std::time::Duration;

use smartoffice_browser::storage::Area;
use smartoffice_browser::{crypto, runtime, secrets, timers};
use smartoffice_emoney::emoney::{Clock, Ids, StorageError, Vault};

/// A stopped service worker loses its timers: waits longer than this are
/// cut in pieces with an extension call between them, which keeps it awake.
const AWAKE_SLICE_MS: u64 = 20_000;

pub struct Timers;

impl Clock for Timers {
    fn now_ms(&self) -> u64 {
        timers::now_ms()
    }

    async fn sleep(&self, wait: Duration) {
        let mut left = wait.as_millis() as u64;
        while left > 0 {
            let slice = left.min(AWAKE_SLICE_MS);
            timers::sleep(slice).await;
            left -= slice;
            if left > 0 {
                runtime::keep_awake().await;
            }
        }
    }
}

pub struct RandomIds;

impl Ids for RandomIds {
    fn new_uuid(&self) -> String {
        crypto::new_uuid()
    }
}

/// `chrome.storage.local` or `.session`.
pub struct Storage(pub Area);

impl Vault for Storage {
    async fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.0.get(key).await.map_err(|_| StorageError)
    }

    async fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.0.set(key, value).await.map_err(|_| StorageError)
    }

    async fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.0.remove(key).await.map_err(|_| StorageError)
    }
}

/// The extension origin's IndexedDB.
pub struct Secrets;

impl Vault for Secrets {
    async fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        secrets::get(key).await.map_err(|_| StorageError)
    }

    async fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        secrets::set(key, value).await.map_err(|_| StorageError)
    }

    async fn remove(&self, key: &str) -> Result<(), StorageError> {
        secrets::remove(key).await.map_err(|_| StorageError)
    }
}
