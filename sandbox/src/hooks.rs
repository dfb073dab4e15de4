//! Test-only endpoints under `/__sandbox/`: faults, reset, seeding, and views
//! of what the sandbox holds and received. A real eMoney domain has none of these.

use std::collections::BTreeMap;

use crate::app::App;
use crate::error::ApiError;
use crate::faults::Fault;
use crate::http::{Request, Response};
use crate::seed;

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
            app.writes.clear();
            app.limiter.clear();
            named(200, "reset", true)
        }
        ("GET", ["__sandbox", "clients"]) => {
            let clients = app.store.with(|db| db.clients())?;
            named(200, "clients", clients)
        }
        ("GET", ["__sandbox", "calls"]) => named(200, "calls", app.calls.snapshot()),
        ("GET", ["__sandbox", "writes"]) => named(200, "writes", app.writes.snapshot()),
        ("POST", ["__sandbox", "seed"]) => {
            let clients = seed::parse(&request.body)?;
            let records = app.store.with(|db| seed::insert(db, &clients))?;
            named(201, "clients", records)
        }
        (_, ["__sandbox", "faults" | "reset" | "clients" | "calls" | "writes" | "seed"]) => {
            Err(ApiError::method_not_allowed())
        }
        _ => Err(ApiError::not_found("There is no such test hook.")),
    }
}
