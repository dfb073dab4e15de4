//! The eMoney client: the contract in `shared/design/emoney-api.md`, spoken
//! over any `Transport`, with its state in any `Vault`. Pure: the service
//! worker supplies the browser's fetch, timers and storage (`worker`), native
//! tests supply std ones.
//!
//! The steps: [`Emoney::sign_in`], [`Emoney::find`], [`Emoney::choose`],
//! [`Emoney::create`], [`Emoney::update`], [`Emoney::put_items`],
//! [`Emoney::launch`]; or all of them at once with [`Emoney::export`], which
//! compares with what eMoney holds ([`compare`]) and writes only what the
//! advisor confirmed.

mod auth;
mod client;
pub mod compare;
mod domain;
mod edges;
mod error;
mod export;
mod find;
mod items;
mod keys;
mod limit;
mod retry;
mod shapes;

pub use client::{Emoney, Progress, Report, Step, Vaults};
pub use compare::{Change, Comparison, ItemChange, ItemKind, Kept, Value};
pub use domain::{Address as DomainAddress, AddressError, Domain};
pub use edges::{
    Clock, HttpRequest, HttpResponse, Ids, Method, StorageError, Transport, TransportError, Vault,
};
pub use error::{list, EmoneyError};
pub use export::{Decision, ExportOutcome, ExportPayload, MatchedClient};
pub use find::{Candidate, Choice, Found, RecordIdentity};
pub use items::{ItemCounts, SyncCounts};
pub use limit::RateLimiter;
pub use retry::{Repeat, RetryPolicy};
pub use shapes::{Address, Asset, Client, ClientSummary, Job, Person, Policy, StoredClient};
