//! Who is calling: the token endpoint, bearer tokens, web sessions and
//! launch links (the advisors themselves are in `users`).

use std::time::{SystemTime, UNIX_EPOCH};

use serde::Serialize;

use crate::app::App;
use crate::error::{oauth_error, ApiError};
use crate::http::{parse_form, Request, Response};
use crate::random;
use crate::store::{StoreError, TokenKind};

pub const CLIENT_ID: &str = "smartoffice-emoney";
pub const SESSION_COOKIE: &str = "emoney_sandbox_session";
const SESSION_TTL_SECONDS: u64 = 8 * 60 * 60;
const LAUNCH_TTL_SECONDS: u64 = 5 * 60;

pub fn now_ms() -> i64 {
    let since_epoch = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    i64::try_from(since_epoch.as_millis()).unwrap_or(i64::MAX)
}

fn expiry_ms(ttl_seconds: u64) -> i64 {
    let ttl_ms = i64::try_from(ttl_seconds.saturating_mul(1000)).unwrap_or(i64::MAX);
    now_ms().saturating_add(ttl_ms)
}

#[derive(Serialize)]
struct TokenAnswer {
    access_token: String,
    token_type: &'static str,
    expires_in: u64,
    refresh_token: String,
}

fn invalid_request(description: &str) -> Response {
    oauth_error(400, "invalid_request", description)
}

/// `POST /connect/token`: the password and refresh grants.
pub fn token_endpoint(app: &App, request: &Request) -> Response {
    if request.method != "POST" {
        return oauth_error(405, "invalid_request", "Use POST.");
    }
    if request.content_type().as_deref() != Some("application/x-www-form-urlencoded") {
        return invalid_request("Send the form as application/x-www-form-urlencoded.");
    }
    let Some(form) = std::str::from_utf8(&request.body).ok().and_then(parse_form) else {
        return invalid_request("The form is not valid URL-encoded UTF-8.");
    };
    let field = |name: &str| {
        form.iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    if field("client_id") != Some(CLIENT_ID) {
        return oauth_error(
            400,
            "invalid_client",
            "client_id must be smartoffice-emoney.",
        );
    }
    let user = match field("grant_type") {
        Some("password") => {
            let (Some(name), Some(password)) = (field("username"), field("password")) else {
                return invalid_request("The password grant needs username and password.");
            };
            if let Err(error) = app.users.sign_in(name, password) {
                return oauth_error(400, "invalid_grant", &error.describe());
            }
            name.to_string()
        }
        Some("refresh_token") => {
            let Some(refresh) = field("refresh_token") else {
                return invalid_request("The refresh grant needs refresh_token.");
            };
            match redeem_refresh_token(app, refresh) {
                Ok(Ok(user)) => user,
                Ok(Err(description)) => return oauth_error(400, "invalid_grant", description),
                Err(error) => return oauth_error(500, "server_error", &error.to_string()),
            }
        }
        _ => {
            return oauth_error(
                400,
                "unsupported_grant_type",
                "grant_type must be password or refresh_token.",
            )
        }
    };
    match issue_tokens(app, &user) {
        Ok(answer) => Response::json(200, &answer).with_header("Cache-Control", "no-store"),
        Err(error) => oauth_error(500, "server_error", &error.message),
    }
}

/// A refresh token is good once: using it replaces it (rotation), so a client
/// that refreshes twice with the same token learns about it here.
fn redeem_refresh_token(
    app: &App,
    refresh: &str,
) -> Result<Result<String, &'static str>, StoreError> {
    app.store.with(|db| {
        let Some(token) = db.token(refresh, TokenKind::Refresh)? else {
            return Ok(Err("The refresh token is unknown or was already used."));
        };
        if token.expires_at_ms <= now_ms() {
            return Ok(Err("The refresh token has expired."));
        }
        if app.users.is_locked(&token.user) {
            return Ok(Err("The account is locked."));
        }
        db.delete_token(refresh)?;
        Ok(Ok(token.user))
    })
}

fn issue_tokens(app: &App, user: &str) -> Result<TokenAnswer, ApiError> {
    let access_token = random::token()?;
    let refresh_token = random::token()?;
    app.store.with(|db| {
        db.delete_expired_tokens(now_ms())?;
        db.insert_token(
            &access_token,
            TokenKind::Access,
            user,
            None,
            expiry_ms(app.token_ttl),
        )?;
        db.insert_token(
            &refresh_token,
            TokenKind::Refresh,
            user,
            None,
            expiry_ms(app.refresh_ttl),
        )?;
        Ok::<_, ApiError>(())
    })?;
    Ok(TokenAnswer {
        access_token,
        token_type: "Bearer",
        expires_in: app.token_ttl,
        refresh_token,
    })
}

/// The advisor behind `Authorization: Bearer <access_token>`, or 401.
pub fn bearer_user(app: &App, request: &Request) -> Result<String, ApiError> {
    let token = request
        .header("authorization")
        .and_then(|value| value.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim())
        .ok_or_else(|| ApiError::unauthorized("Send Authorization: Bearer <access_token>."))?;
    let found = app.store.with(|db| db.token(token, TokenKind::Access))?;
    match found {
        Some(t) if t.expires_at_ms > now_ms() => Ok(t.user),
        Some(_) => Err(ApiError::unauthorized("The access token has expired.")),
        None => Err(ApiError::unauthorized("The access token is not valid.")),
    }
}

/// The advisor signed in to the web side, if any.
pub fn session_user(app: &App, request: &Request) -> Result<Option<String>, ApiError> {
    let Some(session) = request.cookie(SESSION_COOKIE) else {
        return Ok(None);
    };
    let found = app.store.with(|db| db.token(session, TokenKind::Session))?;
    Ok(found.filter(|t| t.expires_at_ms > now_ms()).map(|t| t.user))
}

/// Opens a web session; returns the `Set-Cookie` value.
pub fn start_session(app: &App, user: &str) -> Result<String, ApiError> {
    let session = random::token()?;
    app.store.with(|db| {
        db.insert_token(
            &session,
            TokenKind::Session,
            user,
            None,
            expiry_ms(SESSION_TTL_SECONDS),
        )
    })?;
    Ok(format!(
        "{SESSION_COOKIE}={session}; Path=/; HttpOnly; SameSite=Lax; Max-Age={SESSION_TTL_SECONDS}"
    ))
}

/// Ends the web session; returns the `Set-Cookie` value that clears it.
pub fn end_session(app: &App, request: &Request) -> Result<String, ApiError> {
    if let Some(session) = request.cookie(SESSION_COOKIE) {
        app.store.with(|db| db.delete_token(session))?;
    }
    Ok(format!(
        "{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"
    ))
}

/// A one-time token that opens the web side signed in, on `client_id`.
pub fn new_launch_token(app: &App, user: &str, client_id: &str) -> Result<String, ApiError> {
    let token = random::token()?;
    app.store.with(|db| {
        db.insert_token(
            &token,
            TokenKind::Launch,
            user,
            Some(client_id),
            expiry_ms(LAUNCH_TTL_SECONDS),
        )
    })?;
    Ok(token)
}

/// Uses up a launch token: `(user, client_id)` the first time, `None` after
/// that, after it expired, or for a token never issued.
pub fn redeem_launch_token(app: &App, token: &str) -> Result<Option<(String, String)>, ApiError> {
    Ok(app.store.with(|db| {
        let Some(found) = db.token(token, TokenKind::Launch)? else {
            return Ok::<_, StoreError>(None);
        };
        if found.used || found.expires_at_ms <= now_ms() {
            return Ok(None);
        }
        db.mark_token_used(token)?;
        Ok(found.client_id.map(|client_id| (found.user, client_id)))
    })?)
}
