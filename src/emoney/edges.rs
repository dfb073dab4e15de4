//! What the client needs from its surroundings, as small traits: the service
//! worker implements them with `fetch`, timers and `chrome.storage`; native
//! tests with std sockets, a fake clock and an in-memory vault.

// The extension runs on one thread (a service worker, wasm32), so these
// futures need no `Send` bound; `async fn` in a public trait is what we mean.
#![allow(async_fn_in_trait)]

use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
        }
    }
}

/// One HTTP request, with the time it may take before it counts as lost.
#[derive(Debug, Clone)]
pub struct HttpRequest {
    pub method: Method,
    pub url: String,
    pub headers: Vec<(&'static str, String)>,
    pub body: Option<String>,
    /// Set by the client from its retry policy for every try.
    pub timeout: Duration,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    pub status: u16,
    /// Names in lower case.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl HttpResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// A request that got no answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransportError {
    /// No answer within the request's timeout.
    Timeout,
    /// Refused, reset or closed before a whole answer arrived.
    Closed,
}

pub trait Transport {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError>;
}

pub trait Clock {
    /// Milliseconds since any fixed moment.
    fn now_ms(&self) -> u64;
    async fn sleep(&self, wait: Duration);
}

/// The browser's storage failed (quota, or the extension is being unloaded).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StorageError;

/// Small persistent key → value storage.
pub trait Vault {
    async fn get(&self, key: &str) -> Result<Option<String>, StorageError>;
    async fn set(&self, key: &str, value: &str) -> Result<(), StorageError>;
    async fn remove(&self, key: &str) -> Result<(), StorageError>;
}

pub trait Ids {
    /// A new version-4 UUID.
    fn new_uuid(&self) -> String;
}
