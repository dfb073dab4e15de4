//! `/public/v1/...`: the contract's client, asset, policy and launch calls.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::app::App;
use crate::auth;
use crate::error::{ApiError, FieldError};
use crate::http::{Request, Response};
use crate::model::{Asset, ClientRecord, ClientSummary, Household, Policy};
use crate::random;
use crate::store::Db;
use crate::validate;

pub fn handle(app: &App, request: &Request) -> Response {
    route(app, request).unwrap_or_else(ApiError::into_response)
}

fn route(app: &App, request: &Request) -> Result<Response, ApiError> {
    let user = auth::bearer_user(app, request)?;
    app.limiter.admit(&user).map_err(|seconds| {
        ApiError::new(
            429,
            "rate_limited",
            "Too many calls; wait before trying again.",
        )
        .with_retry_after(seconds)
    })?;
    let method = request.method.as_str();
    let response = match request.route().as_slice() {
        ["public", "v1", "clients"] => match method {
            "GET" => search(app, request),
            "POST" => create(app, request, &user),
            _ => Err(ApiError::method_not_allowed()),
        },
        ["public", "v1", "clients", id] => match method {
            "GET" => get(app, id),
            "PUT" => update(app, request, id),
            _ => Err(ApiError::method_not_allowed()),
        },
        ["public", "v1", "clients", id, "assets"] => match method {
            "GET" => list_assets(app, id),
            _ => Err(ApiError::method_not_allowed()),
        },
        ["public", "v1", "clients", id, "policies"] => match method {
            "GET" => list_policies(app, id),
            _ => Err(ApiError::method_not_allowed()),
        },
        ["public", "v1", "clients", id, "assets", external_id] => match method {
            "PUT" => put_asset(app, request, id, external_id),
            _ => Err(ApiError::method_not_allowed()),
        },
        ["public", "v1", "clients", id, "policies", external_id] => match method {
            "PUT" => put_policy(app, request, id, external_id),
            _ => Err(ApiError::method_not_allowed()),
        },
        ["public", "v1", "clients", id, "launch"] => match method {
            "POST" => launch(app, &user, id),
            _ => Err(ApiError::method_not_allowed()),
        },
        _ => Err(ApiError::not_found("There is no such endpoint.")),
    }?;
    Ok(response.with_header("Cache-Control", "no-store"))
}

fn client_not_found(id: &str) -> ApiError {
    ApiError::not_found(format!("There is no client with id {id}."))
}

/// The body as a JSON object; the contract's bodies are always objects.
fn json_object(request: &Request) -> Result<Map<String, Value>, ApiError> {
    if request.content_type().as_deref() != Some("application/json") {
        return Err(ApiError::new(
            415,
            "unsupported_media_type",
            "Send the body as Content-Type: application/json.",
        ));
    }
    match serde_json::from_slice(&request.body) {
        Ok(Value::Object(object)) => Ok(object),
        Ok(_) => Err(ApiError::invalid_field("body", "must be a JSON object")),
        Err(error) => Err(ApiError::bad_request(format!(
            "The body is not valid JSON: {error}"
        ))),
    }
}

fn search(app: &App, request: &Request) -> Result<Response, ApiError> {
    let param = |name: &str| request.query_value(name).map(str::trim);
    let (external_id, last_name, first_name) =
        (param("externalId"), param("lastName"), param("firstName"));
    let mut errors = Vec::new();
    for (name, value) in [
        ("externalId", external_id),
        ("lastName", last_name),
        ("firstName", first_name),
    ] {
        if value == Some("") {
            errors.push(FieldError::new(name, "must not be empty"));
        }
    }
    if external_id.is_none() && last_name.is_none() {
        let message = "search by externalId, or by lastName with an optional firstName";
        errors.push(FieldError::new("externalId", message));
        errors.push(FieldError::new("lastName", message));
    }
    if !errors.is_empty() {
        return Err(ApiError::invalid(errors));
    }

    // Case-insensitive over the whole of Unicode, which SQLite's lower() is not;
    // a sandbox holds few enough clients to compare them all here.
    let same = |wanted: Option<&str>, actual: &str| {
        wanted.is_none_or(|w| w.to_lowercase() == actual.trim().to_lowercase())
    };
    let clients = app.store.with(|db| db.clients())?;
    let found: Vec<&ClientRecord> = clients
        .iter()
        .filter(|c| {
            let person = &c.household.client;
            let ids = c.household.external_ids.as_deref().unwrap_or_default();
            external_id.is_none_or(|_| ids.iter().any(|id| same(external_id, id)))
                && same(last_name, &person.last_name)
                && same(first_name, &person.first_name)
        })
        .collect();
    let list: Vec<ClientSummary> = found.iter().map(|c| ClientSummary::from(*c)).collect();
    Ok(Response::json(
        200,
        &SearchAnswer {
            total_client_count: list.len(),
            client_list: list,
        },
    ))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SearchAnswer<'a> {
    total_client_count: usize,
    client_list: Vec<ClientSummary<'a>>,
}

fn get(app: &App, id: &str) -> Result<Response, ApiError> {
    let record = app
        .store
        .with(|db| db.client(id))?
        .ok_or_else(|| client_not_found(id))?;
    Ok(Response::json(200, &record))
}

/// `GET /clients/{id}/assets`: what eMoney holds, so any browser can tell
/// what an export would change.
fn list_assets(app: &App, id: &str) -> Result<Response, ApiError> {
    let assets = app.store.with(|db| {
        db.household(id)?.ok_or_else(|| client_not_found(id))?;
        Ok::<_, ApiError>(db.assets(id)?)
    })?;
    Ok(Response::json(200, &BTreeMap::from([("assets", assets)])))
}

fn list_policies(app: &App, id: &str) -> Result<Response, ApiError> {
    let policies = app.store.with(|db| {
        db.household(id)?.ok_or_else(|| client_not_found(id))?;
        Ok::<_, ApiError>(db.policies(id)?)
    })?;
    Ok(Response::json(
        200,
        &BTreeMap::from([("policies", policies)]),
    ))
}

const IDEMPOTENCY_HEADER: &str = "Idempotency-Key";

/// `POST /clients`: the first answer to an idempotency key (created or
/// refused) is recorded and replayed for that key, so a retry after a lost
/// answer never creates a second client.
fn create(app: &App, request: &Request, user: &str) -> Result<Response, ApiError> {
    let key = request
        .header("idempotency-key")
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .ok_or_else(|| {
            ApiError::invalid_field(
                IDEMPOTENCY_HEADER,
                "is required: a new UUID for each new client, the same one when retrying",
            )
        })?;
    let id = random::uuid()?;
    let mut created = false;
    let response = app.store.with(|db| {
        if let Some((status, body)) = db.idempotent_answer(user, key)? {
            return Ok(Response::new(status, "application/json", body)
                .with_header("Idempotent-Replayed", "true"));
        }
        let (status, body) = match insert_client(db, request, &id) {
            Ok(record) => (201, serde_json::to_string(&record)),
            Err(error) if error.status < 500 => (error.status, serde_json::to_string(&error)),
            Err(error) => return Err(error),
        };
        let body = body.map_err(|e| ApiError::internal(e.to_string()))?;
        db.record_idempotent_answer(user, key, status, &body)?;
        created = status == 201;
        Ok(Response::new(status, "application/json", body))
    })?;
    if created {
        app.writes.note("client created");
    }
    Ok(response)
}

fn insert_client(db: &Db, request: &Request, id: &str) -> Result<ClientRecord, ApiError> {
    let body = json_object(request)?;
    let errors = validate::new_client(&body);
    if !errors.is_empty() {
        return Err(ApiError::invalid(errors));
    }
    let household: Household = validate::typed(body)?;
    db.insert_client(id, &household)?;
    db.client(id)?
        .ok_or_else(|| ApiError::internal("The new client was not stored."))
}

/// `PUT /clients/{id}`: each top-level field present replaces the stored one
/// whole (nested objects are not merged; `null` clears, and `"spouse": null`
/// removes the spouse); absent fields are kept.
fn update(app: &App, request: &Request, id: &str) -> Result<Response, ApiError> {
    let mut changes = json_object(request)?;
    match changes.remove("id") {
        Some(Value::String(sent)) if sent == id => {}
        None => {}
        Some(_) => {
            return Err(ApiError::invalid_field(
                "id",
                "must be absent or the id in the path",
            ))
        }
    }
    let record = app.store.with(|db| {
        let stored = db.household(id)?.ok_or_else(|| client_not_found(id))?;
        let Value::Object(mut merged) =
            serde_json::to_value(stored).map_err(|e| ApiError::internal(e.to_string()))?
        else {
            return Err(ApiError::internal("A stored client is not an object."));
        };
        merged.extend(changes);
        let errors = validate::household(&merged);
        if !errors.is_empty() {
            return Err(ApiError::invalid(errors));
        }
        let household: Household = validate::typed(merged)?;
        db.update_client(id, &household)?;
        db.client(id)?.ok_or_else(|| client_not_found(id))
    })?;
    app.writes.note("client updated");
    Ok(Response::json(200, &record))
}

/// The body of an asset or policy upsert, with `externalId` taken from the
/// path when absent and refused when it disagrees with the path.
fn keyed_body(request: &Request, external_id: &str) -> Result<Map<String, Value>, ApiError> {
    let mut body = json_object(request)?;
    match body.get("externalId") {
        None | Some(Value::Null) => {
            body.insert("externalId".into(), Value::String(external_id.into()));
        }
        Some(Value::String(sent)) if sent == external_id => {}
        Some(_) => {
            return Err(ApiError::invalid_field(
                "externalId",
                "must be absent or the externalId in the path",
            ))
        }
    }
    Ok(body)
}

fn put_asset(
    app: &App,
    request: &Request,
    id: &str,
    external_id: &str,
) -> Result<Response, ApiError> {
    let (created, response) = app.store.with(|db| {
        db.household(id)?.ok_or_else(|| client_not_found(id))?;
        let body = keyed_body(request, external_id)?;
        let errors = validate::asset(&body);
        if !errors.is_empty() {
            return Err(ApiError::invalid(errors));
        }
        let asset: Asset = validate::typed(body)?;
        let created = db.put_asset(id, &asset)?;
        Ok((
            created,
            Response::json(if created { 201 } else { 200 }, &asset),
        ))
    })?;
    app.writes.note(if created {
        "asset added"
    } else {
        "asset replaced"
    });
    Ok(response)
}

fn put_policy(
    app: &App,
    request: &Request,
    id: &str,
    external_id: &str,
) -> Result<Response, ApiError> {
    let (created, response) = app.store.with(|db| {
        db.household(id)?.ok_or_else(|| client_not_found(id))?;
        let body = keyed_body(request, external_id)?;
        let errors = validate::policy(&body);
        if !errors.is_empty() {
            return Err(ApiError::invalid(errors));
        }
        let policy: Policy = validate::typed(body)?;
        let created = db.put_policy(id, &policy)?;
        Ok((
            created,
            Response::json(if created { 201 } else { 200 }, &policy),
        ))
    })?;
    app.writes.note(if created {
        "policy added"
    } else {
        "policy replaced"
    });
    Ok(response)
}

fn launch(app: &App, user: &str, id: &str) -> Result<Response, ApiError> {
    app.store
        .with(|db| db.household(id))?
        .ok_or_else(|| client_not_found(id))?;
    let token = auth::new_launch_token(app, user, id)?;
    let url = format!("{}/launch/{token}", app.web_base);
    Ok(Response::json(200, &BTreeMap::from([("url", url)])))
}
