//! Signing in (password grant), refreshing (refresh grant, rotated), and
//! calling the API with the access token: refreshed shortly before its
//! `expires_in` runs out, and once more on a 401, then the advisor is asked
//! to sign in again.
//!
//! The password is only ever in the one token request: never stored, never
//! retried (eMoney locks an account after three wrong ones). A remembered
//! refresh token is kept in the secrets vault, which no content script can
//! read, and dropped on sign-out and when eMoney refuses it.

use std::time::Duration;

use super::client::{read, status_error, Emoney};
use super::domain::Domain;
use super::edges::{Clock, HttpRequest, HttpResponse, Ids, Method, Transport, Vault};
use super::error::EmoneyError;
use super::find::encode_query;
use super::keys;
use super::retry::Repeat;
use super::shapes::{OAuthError, TokenAnswer};

const CLIENT_ID: &str = "smartoffice-emoney";

/// An access token is refreshed this long before eMoney said it expires, so
/// a call never starts with a token about to lapse.
const REFRESH_MARGIN_MS: u64 = 60_000;
/// When eMoney's answer says nothing of expiry (the contract says 3600).
const DEFAULT_EXPIRES_IN_S: u64 = 3600;

/// The access token as kept in session storage.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct AccessToken {
    token: String,
    /// Milliseconds on the client's clock.
    expires_at: u64,
}

/// A JSON body, or none.
pub(crate) type Body<'a> = Option<&'a str>;

impl<T: Transport, C: Clock, V: Vault, S: Vault, I: Ids> Emoney<T, C, V, S, I> {
    /// Signs in to `domain`. With `remember`, the refresh token is kept in
    /// the secrets vault (IndexedDB of the extension origin), so the advisor stays signed in across browser restarts.
    pub async fn sign_in(
        &self,
        domain: &Domain,
        user_name: &str,
        password: &str,
        remember: bool,
    ) -> Result<(), EmoneyError> {
        let form = form(&[
            ("grant_type", "password"),
            ("username", user_name),
            ("password", password),
            ("client_id", CLIENT_ID),
        ]);
        let answer = self
            .exchange(|| token_request(domain, &form), Repeat::Never)
            .await?;
        let tokens = token_answer(&answer, EmoneyError::WrongPassword)?;
        let key = keys::refresh_token(domain);
        if remember {
            self.session.remove(&key).await?;
            self.secrets.set(&key, &tokens.refresh_token).await?;
        } else {
            self.secrets.remove(&key).await?;
            self.session.set(&key, &tokens.refresh_token).await?;
        }
        self.keep_access_token(domain, &tokens).await
    }

    /// Whether a token for `domain` is kept, so an export can start without
    /// the sign-in dialog. (Whether eMoney still takes it shows on first use.)
    pub async fn has_session(&self, domain: &Domain) -> Result<bool, EmoneyError> {
        let refresh = keys::refresh_token(domain);
        Ok(self.access_token(domain).await?.is_some()
            || self.session.get(&refresh).await?.is_some()
            || self.secrets.get(&refresh).await?.is_some())
    }

    /// Forgets every token for `domain`.
    pub async fn sign_out(&self, domain: &Domain) -> Result<(), EmoneyError> {
        self.session.remove(&keys::access_token(domain)).await?;
        self.session.remove(&keys::refresh_token(domain)).await?;
        self.secrets.remove(&keys::refresh_token(domain)).await?;
        Ok(())
    }

    async fn keep_access_token(
        &self,
        domain: &Domain,
        tokens: &TokenAnswer,
    ) -> Result<(), EmoneyError> {
        let lasts_ms = tokens.expires_in.unwrap_or(DEFAULT_EXPIRES_IN_S) * 1000;
        let kept = AccessToken {
            token: tokens.access_token.clone(),
            expires_at: self.clock.now_ms() + lasts_ms,
        };
        let text = serde_json::to_string(&kept).map_err(|_| EmoneyError::Unexpected)?;
        self.session.set(&keys::access_token(domain), &text).await?;
        Ok(())
    }

    /// The kept access token while it has more than a minute to live.
    async fn access_token(&self, domain: &Domain) -> Result<Option<String>, EmoneyError> {
        let kept = self.session.get(&keys::access_token(domain)).await?;
        let token = kept.and_then(|text| serde_json::from_str::<AccessToken>(&text).ok());
        let now = self.clock.now_ms();
        Ok(token
            .filter(|token| token.expires_at > now + REFRESH_MARGIN_MS)
            .map(|token| token.token))
    }

    /// Trades the refresh token for new tokens, keeping the rotated refresh
    /// token where the old one was. Returns the new access token.
    async fn refresh(&self, domain: &Domain) -> Result<String, EmoneyError> {
        let key = keys::refresh_token(domain);
        let (remembered, token) = match self.session.get(&key).await? {
            Some(token) => (false, token),
            None => match self.secrets.get(&key).await? {
                Some(token) => (true, token),
                None => return Err(EmoneyError::SignInRequired),
            },
        };
        let form = form(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", &token),
            ("client_id", CLIENT_ID),
        ]);
        let answer = self
            .exchange(|| token_request(domain, &form), Repeat::IfUnprocessed)
            .await?;
        match token_answer(&answer, EmoneyError::SignInRequired) {
            Ok(tokens) => {
                // The rotated token goes where the old one was.
                if remembered {
                    self.secrets.set(&key, &tokens.refresh_token).await?;
                } else {
                    self.session.set(&key, &tokens.refresh_token).await?;
                }
                self.keep_access_token(domain, &tokens).await?;
                Ok(tokens.access_token)
            }
            Err(error @ (EmoneyError::SignInRequired | EmoneyError::AccountLocked)) => {
                self.sign_out(domain).await?;
                Err(error)
            }
            Err(error) => Err(error),
        }
    }

    /// One API call with the access token (refreshed once on a 401).
    pub(crate) async fn call(
        &self,
        domain: &Domain,
        method: Method,
        path: &str,
        body: Body<'_>,
        extra: &[(&'static str, &str)],
    ) -> Result<HttpResponse, EmoneyError> {
        let token = match self.access_token(domain).await? {
            Some(token) => token,
            None => self.refresh(domain).await?,
        };
        let answer = self
            .send_with(domain, &token, method, path, body, extra)
            .await?;
        if answer.status != 401 {
            return Ok(answer);
        }
        let token = self.refresh(domain).await?;
        let answer = self
            .send_with(domain, &token, method, path, body, extra)
            .await?;
        if answer.status == 401 {
            self.sign_out(domain).await?;
            return Err(EmoneyError::SignInRequired);
        }
        Ok(answer)
    }

    async fn send_with(
        &self,
        domain: &Domain,
        token: &str,
        method: Method,
        path: &str,
        body: Body<'_>,
        extra: &[(&'static str, &str)],
    ) -> Result<HttpResponse, EmoneyError> {
        let build = || {
            let mut headers = vec![
                ("Authorization", format!("Bearer {token}")),
                ("Accept", "application/json".to_owned()),
            ];
            if body.is_some() {
                headers.push(("Content-Type", "application/json".to_owned()));
            }
            headers.extend(
                extra
                    .iter()
                    .map(|(name, value)| (*name, (*value).to_owned())),
            );
            HttpRequest {
                method,
                url: domain.url(path),
                headers,
                body: body.map(str::to_owned),
                timeout: Duration::ZERO,
            }
        };
        self.exchange(build, Repeat::Safe).await
    }
}

fn token_request(domain: &Domain, form: &str) -> HttpRequest {
    HttpRequest {
        method: Method::Post,
        url: domain.url("/connect/token"),
        headers: vec![
            (
                "Content-Type",
                "application/x-www-form-urlencoded".to_owned(),
            ),
            ("Accept", "application/json".to_owned()),
        ],
        body: Some(form.to_owned()),
        timeout: Duration::ZERO,
    }
}

/// The tokens, or why not; `refused` is what `invalid_grant` means here.
fn token_answer(answer: &HttpResponse, refused: EmoneyError) -> Result<TokenAnswer, EmoneyError> {
    match answer.status {
        200 => read(answer, &[200]),
        400 | 401 => {
            let error: OAuthError = serde_json::from_str(&answer.body).unwrap_or_default();
            if error.error_description.to_lowercase().contains("locked") {
                Err(EmoneyError::AccountLocked)
            } else if error.error == "invalid_grant" {
                Err(refused)
            } else {
                Err(EmoneyError::Unexpected)
            }
        }
        _ => Err(status_error(answer)),
    }
}

/// `application/x-www-form-urlencoded`.
fn form(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(name, value)| format!("{}={}", encode_query(name), encode_query(value)))
        .collect::<Vec<_>>()
        .join("&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_are_encoded() {
        assert_eq!(
            form(&[("username", "a b"), ("password", "p&=%é")]),
            "username=a%20b&password=p%26%3D%25%C3%A9"
        );
    }

    #[test]
    fn token_refusals_are_told_apart() {
        let answer = |status: u16, body: &str| HttpResponse {
            status,
            headers: vec![],
            body: body.to_owned(),
        };
        let wrong = answer(
            400,
            r#"{"error":"invalid_grant","error_description":"The user name or password is wrong."}"#,
        );
        assert_eq!(
            token_answer(&wrong, EmoneyError::WrongPassword).err(),
            Some(EmoneyError::WrongPassword)
        );
        let locked = answer(
            400,
            r#"{"error":"invalid_grant","error_description":"The account is locked."}"#,
        );
        assert_eq!(
            token_answer(&locked, EmoneyError::WrongPassword).err(),
            Some(EmoneyError::AccountLocked)
        );
        let busy = answer(503, r#"{"error":"temporarily_unavailable"}"#);
        assert_eq!(
            token_answer(&busy, EmoneyError::WrongPassword).err(),
            Some(EmoneyError::Unavailable)
        );
    }
}
