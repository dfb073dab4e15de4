//! Test-only endpoints under `/__sandbox/`: faults, reset, and views of what
//! the sandbox holds and received. A real eMoney domain has none of these.

use std::collections::BTreeMap;
use std::sync::{Mutex, PoisonError};

use crate::error::ApiError;
use crate::faults::Fault;
use crate::http::{Request, Response};
use crate::server::App;

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

    fn snapshot(&self) -> BTreeMap<String, u64> {
        self.lock().clone()
    }

    fn clear(&self) {
        self.lock().clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, u64>> {
        // Plain counters: safe to keep using after a panic elsewhere.
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
                .and_then(crate::http::parse_form)
                .and_then(|form| form.into_iter().find(|(n, _)| n == "grant_type"))
                .map(|(_, grant)| format!(" grant_type={grant}"))
                .unwrap_or_default();
            format!("/connect/token{grant}")
        }
        ["public", "v1", "clients"] => "/public/v1/clients".into(),
        ["public", "v1", "clients", _] => "/public/v1/clients/{id}".into(),
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

pub fn handle(app: &App, request: &Request) -> Response {
    route(app, request).unwrap_or_else(ApiError::into_response)
}

fn route(app: &App, request: &Request) -> Result<Response, ApiError> {
    // One named member, e.g. `{"clients": [...]}`.
    fn named<T: serde::Serialize>(status: u16, name: &str, value: T) -> Result<Response, ApiError> {
        Ok(Response::json(status, &BTreeMap::from([(name, value)])))
    }
    match (request.method.as_str(), request.route().as_slice()) {
        ("POST", ["__sandbox", "faults"]) => {
            let fault = Fault::parse(&request.body)?;
            app.faults.add(fault.clone());
            named(201, "fault", fault)
        }
        ("GET", ["__sandbox", "faults"]) => named(200, "faults", app.faults.list()),
        ("DELETE", ["__sandbox", "faults"]) => named(200, "cleared", app.faults.clear()),
        ("POST", ["__sandbox", "reset"]) => {
            app.store.with(|db| db.wipe())?;
            app.users.unlock_all();
            app.faults.clear();
            app.calls.clear();
            app.limiter.clear();
            named(200, "reset", true)
        }
        ("GET", ["__sandbox", "clients"]) => {
            let clients = app.store.with(|db| db.clients())?;
            named(200, "clients", clients)
        }
        ("GET", ["__sandbox", "calls"]) => named(200, "calls", app.calls.snapshot()),
        (_, ["__sandbox", "faults" | "reset" | "clients" | "calls"]) => {
            Err(ApiError::method_not_allowed())
        }
        _ => Err(ApiError::not_found("There is no such test hook.")),
    }
}
