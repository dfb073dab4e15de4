//! `chrome.runtime`: this extension's id and its one-shot messages.

use std::fmt;

use js_sys::{Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::convert::to_js;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "runtime"], js_name = sendMessage, catch)]
    fn send_message(message: &JsValue) -> Result<Promise, JsValue>;

    #[wasm_bindgen(js_namespace = ["chrome", "runtime"], js_name = getURL, catch)]
    fn get_url(path: &str) -> Result<String, JsValue>;
}

/// The address of one of the extension's files.
pub fn url(path: &str) -> String {
    get_url(path).unwrap_or_default()
}

/// The extension's origin (`chrome-extension://<id>`), as `MessageEvent.origin` gives it.
pub fn extension_origin() -> String {
    url("").trim_end_matches('/').to_owned()
}

/// Why a message to the service worker got no usable answer.
#[derive(Debug)]
pub enum MessageError {
    /// The extension was reloaded or updated since this page loaded: the
    /// page's copy of the extension can no longer reach its service worker.
    Disconnected,
    /// The service worker answered something this page cannot read.
    Unreadable,
}

impl fmt::Display for MessageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            MessageError::Disconnected => {
                "The SmartOffice → eMoney extension was updated or restarted. Reload this SmartOffice page and try again."
            }
            MessageError::Unreadable => {
                "The SmartOffice → eMoney extension gave an answer this page could not read. Reload this SmartOffice page and try again."
            }
        })
    }
}

/// Sends a request to the service worker and waits for its raw reply. (The
/// page reads replies itself, see `web::reply`: serde's deserializers would
/// bring float formatting into the page's module.)
pub async fn send<T: serde::Serialize>(request: &T) -> Result<JsValue, MessageError> {
    let message = to_js(request).map_err(|_| MessageError::Unreadable)?;
    let promise = send_message(&message).map_err(|_| MessageError::Disconnected)?;
    JsFuture::from(promise)
        .await
        .map_err(|_| MessageError::Disconnected)
}

/// This extension's id, as the browser reports it.
pub fn own_id() -> String {
    let runtime = Reflect::get(&js_sys::global(), &"chrome".into())
        .and_then(|chrome| Reflect::get(&chrome, &"runtime".into()));
    runtime
        .and_then(|runtime| Reflect::get(&runtime, &"id".into()))
        .ok()
        .and_then(|id| id.as_string())
        .unwrap_or_default()
}

/// Sends `message` to the extension's pages, if any is listening; nobody
/// listening is not a failure.
pub fn broadcast(message: &JsValue) {
    if let Ok(promise) = send_message(message) {
        wasm_bindgen_futures::spawn_local(async move {
            let _ = JsFuture::from(promise).await;
        });
    }
}
