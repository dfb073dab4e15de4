//! `chrome.runtime`: this extension's id and files, its one-shot messages,
//! and long-lived ports.

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::events::{event, Listener};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "runtime"], js_name = sendMessage, catch)]
    fn send_message(message: &JsValue) -> Result<Promise, JsValue>;

    #[wasm_bindgen(js_namespace = ["chrome", "runtime"], js_name = getURL, catch)]
    fn get_url(path: &str) -> Result<String, JsValue>;

    #[wasm_bindgen(js_namespace = ["chrome", "runtime"], js_name = getPlatformInfo, catch)]
    fn get_platform_info() -> Result<Promise, JsValue>;
}

/// A cheap extension call: an MV3 service worker that makes none for 30
/// seconds is stopped, even while it waits out eMoney's `Retry-After`.
pub async fn keep_awake() {
    if let Ok(promise) = get_platform_info() {
        let _ = JsFuture::from(promise).await;
    }
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageError {
    /// The extension was reloaded or updated since this page loaded: the
    /// page's copy of the extension can no longer reach its service worker.
    Disconnected,
    /// The message could not be made into a JS value.
    Unsendable,
}

/// Sends a message to the service worker and waits for its raw reply.
pub async fn send(message: &JsValue) -> Result<JsValue, MessageError> {
    let promise = send_message(message).map_err(|_| MessageError::Disconnected)?;
    JsFuture::from(promise)
        .await
        .map_err(|_| MessageError::Disconnected)
}

/// The extension's manifest, as the browser read it.
pub fn manifest() -> JsValue {
    let runtime =
        Reflect::get(&crate::events::chrome(), &"runtime".into()).unwrap_or(JsValue::UNDEFINED);
    Reflect::get(&runtime, &"getManifest".into())
        .ok()
        .and_then(|get| get.dyn_into::<Function>().ok())
        .and_then(|get| get.call0(&runtime).ok())
        .unwrap_or(JsValue::UNDEFINED)
}

/// This extension's id, as the browser reports it.
pub fn own_id() -> String {
    let runtime = Reflect::get(&crate::events::chrome(), &"runtime".into());
    runtime
        .and_then(|runtime| Reflect::get(&runtime, &"id".into()))
        .ok()
        .and_then(|id| id.as_string())
        .unwrap_or_default()
}

/// Listens to `chrome.runtime.onMessage` until dropped. `handler` gets the
/// message and its sender and may answer at once.
pub fn on_message(
    mut handler: impl FnMut(JsValue, JsValue) -> Option<JsValue> + 'static,
) -> Option<Listener> {
    let closure = Closure::<dyn FnMut(JsValue, JsValue, JsValue)>::new(
        move |message: JsValue, sender: JsValue, respond: JsValue| {
            if let (Some(answer), Ok(respond)) =
                (handler(message, sender), respond.dyn_into::<Function>())
            {
                // Nobody waiting for the answer is not a failure.
                let _ = respond.call1(&JsValue::NULL, &answer);
            }
        },
    );
    Listener::add(event("runtime", "onMessage"), closure)
}

/// A long-lived channel (`runtime.connect`), the one both browsers deliver
/// to every kind of extension page.
#[derive(Clone)]
pub struct Port(JsValue);

impl Port {
    pub fn from_js(port: JsValue) -> Port {
        Port(port)
    }

    /// Posts `message`; false when the other end is gone.
    pub fn post(&self, message: &JsValue) -> bool {
        Reflect::get(&self.0, &"postMessage".into())
            .ok()
            .and_then(|post| post.dyn_into::<Function>().ok())
            .is_some_and(|post| post.call1(&self.0, message).is_ok())
    }

    /// `port.sender`, as the browser set it.
    pub fn sender(&self) -> JsValue {
        Reflect::get(&self.0, &"sender".into()).unwrap_or(JsValue::UNDEFINED)
    }

    pub fn name(&self) -> String {
        Reflect::get(&self.0, &"name".into())
            .ok()
            .and_then(|name| name.as_string())
            .unwrap_or_default()
    }

    pub fn on_message(&self, handler: impl FnMut(JsValue) + 'static) -> Option<Listener> {
        let event = Reflect::get(&self.0, &"onMessage".into()).ok()?;
        Listener::add(event, Closure::<dyn FnMut(JsValue)>::new(handler))
    }

    pub fn on_disconnect(&self, handler: impl FnMut(JsValue) + 'static) -> Option<Listener> {
        let event = Reflect::get(&self.0, &"onDisconnect".into()).ok()?;
        Listener::add(event, Closure::<dyn FnMut(JsValue)>::new(handler))
    }

    pub fn disconnect(&self) {
        if let Some(disconnect) = Reflect::get(&self.0, &"disconnect".into())
            .ok()
            .and_then(|disconnect| disconnect.dyn_into::<Function>().ok())
        {
            let _ = disconnect.call0(&self.0);
        }
    }
}
