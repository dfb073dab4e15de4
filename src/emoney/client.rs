//! The eMoney client: its surroundings, and one call with rate limiting,
//! timeouts and retries. Each step of the export is in its own module
//! (`auth`, `find`, `compare`, `items`, `export`).

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::time::Duration;

use serde::de::DeserializeOwned;

use super::edges::{Clock, HttpRequest, HttpResponse, Ids, Transport, Vault};
use super::error::EmoneyError;
use super::limit::RateLimiter;
use super::retry::{retry_after, Next, Repeat, RetryPolicy};
use super::shapes::ErrorBody;

/// A step of an export, as the advisor sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Step {
    Finding,
    /// Reading what eMoney holds for the client, to compare.
    Comparing,
    Creating,
    Updating,
    Items,
    Opening,
}

/// Where an export is: `done` of `total` for steps that count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub step: Step,
    pub done: u32,
    pub total: u32,
}

/// Who is told of each step of one export, for the advisor's progress
/// display: passed to the export, so two exports never mix their progress.
pub type Report<'a> = &'a dyn Fn(Progress);

/// The vaults the client keeps its state in.
pub struct Vaults<V, S> {
    /// Survives a browser restart: pending creates, choices, the client each
    /// record was last exported to.
    pub lasting: V,
    /// Lasts until the browser closes, never on disk: access tokens, and the
    /// refresh token of an advisor who did not tick Remember Me.
    pub session: V,
    /// Where no content script can read: the refresh token of an advisor who
    /// ticked Remember Me.
    pub secrets: S,
}

/// Talks to eMoney domains on the advisor's behalf.
pub struct Emoney<T, C, V, S, I> {
    pub(crate) transport: T,
    pub(crate) clock: C,
    pub(crate) lasting: V,
    pub(crate) session: V,
    pub(crate) secrets: S,
    pub(crate) ids: I,
    pub(crate) policy: RetryPolicy,
    limiter: RefCell<RateLimiter>,
    /// Records being exported right now: a second export of the same record
    /// waits for none and is refused, so two creates never race.
    busy: RefCell<BTreeSet<String>>,
}

impl<T: Transport, C: Clock, V: Vault, S: Vault, I: Ids> Emoney<T, C, V, S, I> {
    pub fn new(transport: T, clock: C, vaults: Vaults<V, S>, ids: I) -> Self {
        Emoney {
            transport,
            clock,
            lasting: vaults.lasting,
            session: vaults.session,
            secrets: vaults.secrets,
            ids,
            policy: RetryPolicy::default(),
            limiter: RefCell::new(RateLimiter::default()),
            busy: RefCell::new(BTreeSet::new()),
        }
    }

    pub fn with_policy(mut self, policy: RetryPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// eMoney's limit counted over `window` instead of a minute (the
    /// development build's bench, against a sandbox compressed alike).
    pub fn set_rate_window(&self, window: Duration) {
        self.limiter.borrow_mut().set_window(window);
    }

    /// Sends one request built by `build` (again for each try), within the
    /// rate limit, retrying as `repeat` allows. An answer with any status is
    /// returned; only a call that never got a usable answer is an error.
    pub(crate) async fn exchange(
        &self,
        build: impl Fn() -> HttpRequest,
        repeat: Repeat,
    ) -> Result<HttpResponse, EmoneyError> {
        let mut waited = Duration::ZERO;
        let mut attempt = 1;
        loop {
            self.take_slot().await;
            let mut request = build();
            request.timeout = self.policy.timeout;
            let outcome = self.transport.send(request).await;
            match self.policy.next(&outcome, repeat, attempt, waited) {
                Next::Answer => return outcome.map_err(|_| EmoneyError::Unavailable),
                Next::Wait(wait) => {
                    self.clock.sleep(wait).await;
                    waited += wait;
                    attempt += 1;
                }
                Next::GiveUp => return Err(give_up(&outcome)),
            }
        }
    }

    async fn take_slot(&self) {
        loop {
            let wait = self.limiter.borrow_mut().reserve(self.clock.now_ms());
            match wait {
                None => return,
                Some(wait) => self.clock.sleep(wait).await,
            }
        }
    }

    /// Marks `record` as being exported until the guard is dropped.
    pub(crate) fn start_export(&self, record: &str) -> Result<BusyGuard<'_>, EmoneyError> {
        if !self.busy.borrow_mut().insert(record.to_owned()) {
            return Err(EmoneyError::Busy);
        }
        Ok(BusyGuard {
            busy: &self.busy,
            record: record.to_owned(),
        })
    }
}

pub(crate) struct BusyGuard<'a> {
    busy: &'a RefCell<BTreeSet<String>>,
    record: String,
}

impl Drop for BusyGuard<'_> {
    fn drop(&mut self) {
        self.busy.borrow_mut().remove(&self.record);
    }
}

fn give_up(outcome: &Result<HttpResponse, super::edges::TransportError>) -> EmoneyError {
    match outcome {
        Ok(answer) => status_error(answer),
        Err(_) => EmoneyError::Unavailable,
    }
}

/// The error an unwanted status stands for (past the token endpoint).
pub(crate) fn status_error(answer: &HttpResponse) -> EmoneyError {
    match answer.status {
        401 => EmoneyError::SignInRequired,
        404 => EmoneyError::NotFound,
        422 => {
            let body: ErrorBody = serde_json::from_str(&answer.body).unwrap_or_default();
            let mut fields: Vec<String> =
                body.errors.into_iter().map(|error| error.field).collect();
            fields.dedup();
            EmoneyError::Refused { fields }
        }
        429 => EmoneyError::RateLimited {
            seconds: retry_after(answer).map_or(60, |wait| wait.as_secs()),
        },
        503 => EmoneyError::Unavailable,
        500..=599 => EmoneyError::ServerProblem,
        _ => EmoneyError::Unexpected,
    }
}

/// The body of an answer whose status is one of `wanted`, or the error it stands for.
pub(crate) fn read<D: DeserializeOwned>(
    answer: &HttpResponse,
    wanted: &[u16],
) -> Result<D, EmoneyError> {
    if !wanted.contains(&answer.status) {
        return Err(status_error(answer));
    }
    serde_json::from_str(&answer.body).map_err(|_| EmoneyError::Unexpected)
}

impl From<super::edges::StorageError> for EmoneyError {
    fn from(_: super::edges::StorageError) -> Self {
        EmoneyError::Storage
    }
}
