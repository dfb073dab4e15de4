//! Demo clients in bulk, from `--seed PATH` at start or `POST /__sandbox/seed`:
//! `{"clients":[{...Client fields..., "assets":[...], "policies":[...]}]}`.
//!
//! Each client is checked exactly as `POST /public/v1/clients` checks its body
//! and each item as its `PUT` does (with `externalId` required, as there is no
//! path to take it from), so a seed holds nothing the API could not have made.
//! Errors name the client: `clients[1].client.dateOfBirth`.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::error::{ApiError, FieldError};
use crate::model::{Asset, ClientRecord, Household, Policy};
use crate::random;
use crate::store::Db;
use crate::validate;

/// One client of a seed, checked.
#[derive(Debug)]
pub struct SeedClient {
    household: Household,
    assets: Vec<Asset>,
    policies: Vec<Policy>,
}

/// What is wrong with a seed, worded to follow "the seed file PATH".
#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("is not valid JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("has invalid fields:{}", list(.0))]
    Invalid(Vec<FieldError>),
    /// A checked value did not convert to its type: a sandbox bug.
    #[error("could not be read into clients: {0}")]
    Internal(String),
}

/// One `field: message` per line, for stderr.
fn list(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(|e| format!("\n  {}: {}", e.field, e.message))
        .collect()
}

impl From<SeedError> for ApiError {
    fn from(error: SeedError) -> Self {
        match error {
            SeedError::Json(error) => {
                ApiError::bad_request(format!("The body is not valid JSON: {error}"))
            }
            SeedError::Invalid(errors) => ApiError::invalid(errors),
            SeedError::Internal(message) => ApiError::internal(message),
        }
    }
}

/// A client's body, assets and policies as sent, each checked.
struct Checked {
    client: Map<String, Value>,
    assets: Vec<Map<String, Value>>,
    policies: Vec<Map<String, Value>>,
}

/// Reads and checks a whole seed; nothing of it is usable unless all is.
pub fn parse(bytes: &[u8]) -> Result<Vec<SeedClient>, SeedError> {
    let Value::Object(mut seed) = serde_json::from_slice(bytes)? else {
        return Err(SeedError::Invalid(vec![FieldError::new(
            "body",
            "must be a JSON object {\"clients\": [...]}",
        )]));
    };
    let mut errors: Vec<FieldError> = seed
        .keys()
        .filter(|name| *name != "clients")
        .map(|name| FieldError::new(name.as_str(), "is not a field of a seed"))
        .collect();
    let clients = match seed.remove("clients") {
        Some(Value::Array(clients)) => clients,
        _ => {
            errors.push(FieldError::new("clients", "must be an array of clients"));
            Vec::new()
        }
    };
    let mut checked = Vec::with_capacity(clients.len());
    for (index, client) in clients.into_iter().enumerate() {
        let prefix = format!("clients[{index}]");
        let Value::Object(mut client) = client else {
            errors.push(FieldError::new(prefix, "must be an object"));
            continue;
        };
        let (assets, policies) = (client.remove("assets"), client.remove("policies"));
        // What a POST would say of the rest, then the items.
        let mut found = validate::new_client(&client);
        let assets = items(assets, "assets", validate::asset, &mut found);
        let policies = items(policies, "policies", validate::policy, &mut found);
        errors.extend(
            found
                .into_iter()
                .map(|e| FieldError::new(format!("{prefix}.{}", e.field), e.message)),
        );
        checked.push(Checked {
            client,
            assets,
            policies,
        });
    }
    if !errors.is_empty() {
        return Err(SeedError::Invalid(errors));
    }
    let internal = |error: ApiError| SeedError::Internal(error.message);
    checked
        .into_iter()
        .map(|c| {
            Ok(SeedClient {
                household: validate::typed(c.client).map_err(internal)?,
                assets: typed_all(c.assets).map_err(internal)?,
                policies: typed_all(c.policies).map_err(internal)?,
            })
        })
        .collect()
}

fn typed_all<T: serde::de::DeserializeOwned>(
    objects: Vec<Map<String, Value>>,
) -> Result<Vec<T>, ApiError> {
    objects.into_iter().map(validate::typed).collect()
}

/// The objects of an `assets` or `policies` array, each checked by `check`;
/// an `externalId` may appear once per client.
fn items(
    value: Option<Value>,
    name: &str,
    check: fn(&Map<String, Value>) -> Vec<FieldError>,
    errors: &mut Vec<FieldError>,
) -> Vec<Map<String, Value>> {
    let items = match value {
        None | Some(Value::Null) => return Vec::new(),
        Some(Value::Array(items)) => items,
        Some(_) => {
            errors.push(FieldError::new(name, "must be an array of objects or null"));
            return Vec::new();
        }
    };
    let mut first_seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut objects = Vec::with_capacity(items.len());
    for (index, item) in items.into_iter().enumerate() {
        let path = format!("{name}[{index}]");
        let Value::Object(item) = item else {
            errors.push(FieldError::new(path, "must be an object"));
            continue;
        };
        errors.extend(
            check(&item)
                .into_iter()
                .map(|e| FieldError::new(format!("{path}.{}", e.field), e.message)),
        );
        if let Some(Value::String(external_id)) = item.get("externalId") {
            if let Some(first) = first_seen.insert(external_id.clone(), index) {
                errors.push(FieldError::new(
                    format!("{path}.externalId"),
                    format!("repeats {name}[{first}].externalId"),
                ));
            }
        }
        objects.push(item);
    }
    objects
}

/// Stores the clients of a seed, in order; answers them as
/// `GET /__sandbox/clients` shows them.
pub fn insert(db: &Db, clients: &[SeedClient]) -> Result<Vec<ClientRecord>, ApiError> {
    let mut records = Vec::with_capacity(clients.len());
    for client in clients {
        let id = random::uuid()?;
        db.insert_client(&id, &client.household)?;
        for asset in &client.assets {
            db.put_asset(&id, asset)?;
        }
        for policy in &client.policies {
            db.put_policy(&id, policy)?;
        }
        records.extend(db.client(&id)?);
    }
    Ok(records)
}
