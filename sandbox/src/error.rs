//! The two error answers: the contract's
//! `{"code","message","errors":[{"field","message"}]}`, and the token
//! endpoint's OAuth 2.0 `{"error","error_description"}`.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::http::Response;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// A non-2xx answer of the `/public` API (and of the test hooks).
#[derive(Debug, Serialize)]
pub struct ApiError {
    #[serde(skip)]
    pub status: u16,
    pub code: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    #[serde(skip)]
    pub retry_after: Option<u64>,
}

impl ApiError {
    pub fn new(status: u16, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
            errors: Vec::new(),
            retry_after: None,
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        ApiError::new(400, "bad_request", message)
    }

    pub fn unauthorized(message: impl Into<String>) -> Self {
        ApiError::new(401, "unauthorized", message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        ApiError::new(404, "not_found", message)
    }

    pub fn method_not_allowed() -> Self {
        ApiError::new(
            405,
            "method_not_allowed",
            "This method is not allowed here.",
        )
    }

    pub fn invalid(errors: Vec<FieldError>) -> Self {
        let mut error = ApiError::new(422, "validation_failed", "The request has invalid fields.");
        error.errors = errors;
        error
    }

    pub fn invalid_field(field: &str, message: &str) -> Self {
        ApiError::invalid(vec![FieldError::new(field, message)])
    }

    pub fn internal(message: impl Into<String>) -> Self {
        ApiError::new(500, "internal_error", message)
    }

    pub fn with_retry_after(mut self, seconds: u64) -> Self {
        self.retry_after = Some(seconds);
        self
    }

    pub fn into_response(self) -> Response {
        let mut response =
            Response::json(self.status, &self).with_header("Cache-Control", "no-store");
        if self.status == 401 {
            response = response.with_header("WWW-Authenticate", "Bearer");
        }
        if let Some(seconds) = self.retry_after {
            response = response.with_header("Retry-After", seconds.to_string());
        }
        response
    }
}

impl From<crate::store::StoreError> for ApiError {
    fn from(error: crate::store::StoreError) -> Self {
        ApiError::internal(format!("The sandbox's database failed: {error}"))
    }
}

impl From<crate::random::RandomError> for ApiError {
    fn from(error: crate::random::RandomError) -> Self {
        ApiError::internal(error.to_string())
    }
}

/// The token endpoint's own error shape (OAuth 2.0), unlike the rest of the API.
pub fn oauth_error(status: u16, error: &str, description: &str) -> Response {
    Response::json(
        status,
        &BTreeMap::from([("error", error), ("error_description", description)]),
    )
    .with_header("Cache-Control", "no-store")
}
