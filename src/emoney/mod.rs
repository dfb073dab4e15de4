//! The eMoney client: the contract in `shared/design/emoney-api.md`, spoken
//! over any `Transport`, with its state in any `Vault`. Pure: the service
//! worker supplies the browser's fetch, timers and storage (`worker`), native
//! tests supply std ones.
//!
//! The steps, for a UI to drive one at a time: [`Emoney::sign_in`],
//! [`Emoney::find`], [`Emoney::choose`], [`Emoney::create`],
//! [`Emoney::update`], [`Emoney::sync_items`], [`Emoney::launch`]; or all of
//! them at once with [`Emoney::export`]. [`preview`] lists what an update changes.

mod auth;
mod client;
mod domain;
mod edges;
mod error;
mod export;
mod fields;
mod find;
mod items;
mod keys;
mod limit;
mod preview;
mod retry;
mod shapes;

pub use client::{Emoney, Progress, ProgressObserver, Step};
pub use domain::Domain;
pub use edges::{
    Clock, HttpRequest, HttpResponse, Ids, Method, StorageError, Transport, TransportError, Vault,
};
pub use error::EmoneyError;
pub use export::{ExportOutcome, ExportPayload};
pub use find::{Choice, Found, RecordIdentity};
pub use items::{ItemChange, ItemCounts, SyncCounts};
pub use limit::RateLimiter;
pub use preview::{preview, FieldChange};
pub use retry::{Repeat, RetryPolicy};
pub use shapes::{Address, Asset, Client, ClientSummary, Job, Person, Policy, StoredClient};
