//! What arrived: a count of `/public` and token calls per method and path
//! pattern, for tests to assert how many requests a client made; and what
//! was written (clients created or updated, assets and policies added or
//! replaced), for tests to assert that nothing was written twice.

use std::collections::BTreeMap;
use std::sync::{Mutex, PoisonError};

use crate::http::{parse_form, Request};

/// How many `/public` and token calls arrived, per method and path pattern
/// (`GET /public/v1/clients/{id}`, `POST /connect/token grant_type=password`).
#[derive(Default)]
pub struct Calls {
    counts: Mutex<BTreeMap<String, u64>>,
}

impl Calls {
    pub fn record(&self, request: &Request) {
        if let Some(key) = call_key(request) {
            *self.lock().entry(key).or_default() += 1;
        }
    }

    pub fn snapshot(&self) -> BTreeMap<String, u64> {
        self.lock().clone()
    }

    pub fn clear(&self) {
        self.lock().clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, u64>> {
        // Plain counters: safe to keep using after a panic elsewhere.
        self.counts.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// How many writes were committed, per kind (`client created`, `client
/// updated`, `asset added`, `asset replaced`, `policy added`, `policy
/// replaced`). Idempotent replays of a create are not writes.
#[derive(Default)]
pub struct Writes {
    counts: Mutex<BTreeMap<&'static str, u64>>,
}

impl Writes {
    pub fn note(&self, kind: &'static str) {
        *self.lock().entry(kind).or_default() += 1;
    }

    pub fn snapshot(&self) -> BTreeMap<&'static str, u64> {
        self.lock().clone()
    }

    pub fn clear(&self) {
        self.lock().clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<&'static str, u64>> {
        self.counts.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The pattern a call is counted under; `None` for calls not counted.
fn call_key(request: &Request) -> Option<String> {
    let method = &request.method;
    let pattern = match request.route().as_slice() {
        ["connect", "token"] => {
            let grant = std::str::from_utf8(&request.body)
                .ok()
                .and_then(parse_form)
                .and_then(|form| form.into_iter().find(|(n, _)| n == "grant_type"))
                .map(|(_, grant)| format!(" grant_type={grant}"))
                .unwrap_or_default();
            format!("/connect/token{grant}")
        }
        ["public", "v1", "clients"] => "/public/v1/clients".into(),
        ["public", "v1", "clients", _] => "/public/v1/clients/{id}".into(),
        ["public", "v1", "clients", _, "assets"] => "/public/v1/clients/{id}/assets".into(),
        ["public", "v1", "clients", _, "policies"] => "/public/v1/clients/{id}/policies".into(),
        ["public", "v1", "clients", _, "assets", _] => {
            "/public/v1/clients/{id}/assets/{externalId}".into()
        }
        ["public", "v1", "clients", _, "policies", _] => {
            "/public/v1/clients/{id}/policies/{externalId}".into()
        }
        ["public", "v1", "clients", _, "launch"] => "/public/v1/clients/{id}/launch".into(),
        ["public", ..] => request.path.clone(),
        _ => return None,
    };
    Some(format!("{method} {pattern}"))
}
