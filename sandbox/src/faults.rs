//! Test-only fault injection: make the next matching requests slow, fail, or
//! lose their connection, before or after they were really processed.

use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::error::{oauth_error, ApiError, FieldError};
use crate::http::Response;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum When {
    /// Answer the fault instead of processing the request.
    Before,
    /// Process the request for real, then answer the fault instead of its
    /// answer ("the create succeeded but its response was lost").
    After,
}

/// A `POST /__sandbox/faults` body.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct FaultSpec {
    method: Option<String>,
    path_prefix: Option<String>,
    path_contains: Option<String>,
    status: Option<u16>,
    delay_ms: Option<u64>,
    times: Option<u32>,
    when: Option<When>,
    retry_after: Option<u64>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Fault {
    /// `None` matches every method.
    pub method: Option<String>,
    pub path_prefix: String,
    /// Also required in the path when set (`/policies/`: a step whose
    /// addresses start with a client's id).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path_contains: Option<String>,
    /// `None`: only delay; `Some(0)`: close the connection without answering.
    pub status: Option<u16>,
    pub delay_ms: u64,
    /// How many more requests this fault applies to.
    pub times: u32,
    pub when: When,
    pub retry_after: u64,
}

/// The longest delay a test may ask for: enough for any client timeout test,
/// short enough that a typo cannot hang a suite.
const MAX_DELAY_MS: u64 = 120_000;

impl Fault {
    /// Reads a fault from a request body, naming the bad fields.
    pub fn parse(body: &[u8]) -> Result<Fault, ApiError> {
        let spec: FaultSpec = serde_json::from_slice(body)
            .map_err(|e| ApiError::invalid_field("body", &e.to_string()))?;
        let mut errors = Vec::new();
        if let Some(status) = spec.status {
            if status != 0 && !(400..=599).contains(&status) {
                errors.push(FieldError::new("status", "must be 0 (close) or 400-599"));
            }
        }
        if spec.times == Some(0) {
            errors.push(FieldError::new("times", "must be at least 1"));
        }
        if spec.delay_ms.is_some_and(|d| d > MAX_DELAY_MS) {
            errors.push(FieldError::new("delayMs", "must be at most 120000"));
        }
        let path_prefix = spec.path_prefix.unwrap_or_else(|| "/".into());
        if !path_prefix.starts_with('/') {
            errors.push(FieldError::new("pathPrefix", "must start with /"));
        }
        if !errors.is_empty() {
            return Err(ApiError::invalid(errors));
        }
        Ok(Fault {
            method: spec.method.map(|m| m.to_ascii_uppercase()),
            path_prefix,
            path_contains: spec.path_contains,
            status: spec.status,
            delay_ms: spec.delay_ms.unwrap_or(0),
            times: spec.times.unwrap_or(1),
            when: spec.when.unwrap_or(When::Before),
            retry_after: spec.retry_after.unwrap_or(1),
        })
    }

    pub fn delay(&self) -> Duration {
        Duration::from_millis(self.delay_ms)
    }

    fn matches(&self, method: &str, path: &str) -> bool {
        self.method.as_deref().is_none_or(|m| m == method)
            && path.starts_with(&self.path_prefix)
            && self
                .path_contains
                .as_deref()
                .is_none_or(|part| path.contains(part))
    }

    /// The injected answer for a fault with a status (not 0). The token
    /// endpoint answers in its own OAuth shape, everything else in the
    /// contract's error shape; 429 and 503 carry `Retry-After`.
    pub fn answer(&self, status: u16, token_endpoint: bool) -> Response {
        let message = format!("Injected by the sandbox's test hooks: status {status}.");
        let retry_after = matches!(status, 429 | 503).then_some(self.retry_after);
        let response = if token_endpoint {
            let error = match status {
                400 => "invalid_grant",
                429 | 503 => "temporarily_unavailable",
                _ => "server_error",
            };
            oauth_error(status, error, &message)
        } else {
            ApiError::new(status, "sandbox_fault", message).into_response()
        };
        match retry_after {
            // `ApiError` adds Retry-After itself only when asked; the token
            // endpoint's shape never does, so both get it here.
            Some(seconds) => response.with_header("Retry-After", seconds.to_string()),
            None => response,
        }
    }
}

#[derive(Default)]
pub struct Faults {
    pending: Mutex<Vec<Fault>>,
}

impl Faults {
    pub fn add(&self, fault: Fault) {
        self.lock().push(fault);
    }

    pub fn list(&self) -> Vec<Fault> {
        self.lock().clone()
    }

    /// Removes every fault; returns how many there were.
    pub fn clear(&self) -> usize {
        let mut pending = self.lock();
        let count = pending.len();
        pending.clear();
        count
    }

    /// The first pending fault matching the request, used up by one.
    pub fn take(&self, method: &str, path: &str) -> Option<Fault> {
        let mut pending = self.lock();
        let index = pending.iter().position(|f| f.matches(method, path))?;
        let fault = &mut pending[index];
        fault.times -= 1;
        let taken = fault.clone();
        if taken.times == 0 {
            pending.remove(index);
        }
        Some(taken)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Fault>> {
        // A list of plain values: safe to keep using after a panic elsewhere.
        self.pending.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_match_method_and_prefix_and_run_out() -> Result<(), String> {
        let faults = Faults::default();
        let fault = Fault::parse(
            br#"{"method":"post","pathPrefix":"/public/v1/clients","status":503,"times":2}"#,
        )
        .map_err(|e| e.message)?;
        faults.add(fault);
        assert!(faults.take("GET", "/public/v1/clients").is_none());
        assert!(faults.take("POST", "/connect/token").is_none());
        assert_eq!(
            faults.take("POST", "/public/v1/clients").map(|f| f.times),
            Some(1)
        );
        assert_eq!(
            faults
                .take("POST", "/public/v1/clients/x/launch")
                .map(|f| f.times),
            Some(0)
        );
        assert!(faults.take("POST", "/public/v1/clients").is_none());
        Ok(())
    }

    #[test]
    fn faults_may_ask_for_a_part_of_the_path() -> Result<(), String> {
        let faults = Faults::default();
        let fault = Fault::parse(
            br#"{"method":"PUT","pathPrefix":"/public/v1/clients/","pathContains":"/policies/"}"#,
        )
        .map_err(|e| e.message)?;
        faults.add(fault);
        assert!(faults
            .take("PUT", "/public/v1/clients/c1/assets/a1")
            .is_none());
        assert!(faults.take("PUT", "/public/v1/clients/c1").is_none());
        assert!(faults
            .take("PUT", "/public/v1/clients/c1/policies/p1")
            .is_some());
        assert!(faults.list().is_empty());
        Ok(())
    }

    #[test]
    fn bad_specs_are_refused() {
        for body in [
            r#"{"status":200}"#,
            r#"{"times":0}"#,
            r#"{"pathPrefix":"public"}"#,
            r#"{"when":"during"}"#,
            r#"{"statuss":500}"#,
            r#"[]"#,
        ] {
            assert!(Fault::parse(body.as_bytes()).is_err(), "{body}");
        }
    }
}
