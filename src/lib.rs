//! SmartOffice → eMoney: the extension's Rust core.
//!
//! The pure core comes first and never touches `web_sys`, `js_sys` or
//! `wasm_bindgen`; it is tested natively. The web layer (`web`), the browser
//! APIs (`browser`) and the service worker (`worker`) are compiled for wasm32
//! only, under the `page` and `worker` features: one wasm module each, so the
//! page never loads what only the worker needs. See ARCHITECTURE.md.

pub mod emoney;
pub mod findings;
pub mod fingerprint;
pub mod interpret;
pub mod mapping;
pub mod message;
pub mod parse;
pub mod profile;
pub mod record;
pub mod settings;
pub mod snapshot;
pub mod trust;

#[cfg(all(target_arch = "wasm32", any(feature = "page", feature = "worker")))]
pub mod browser;
#[cfg(all(target_arch = "wasm32", feature = "page"))]
pub mod web;
#[cfg(all(target_arch = "wasm32", feature = "worker"))]
pub mod worker;

/// The content script's entry point: called once per SmartOffice frame by
/// `extension/loader.js` after the module is loaded.
#[cfg(all(target_arch = "wasm32", feature = "page"))]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn start() {
    web::start();
}

/// The service worker's message handler: `extension/background.js` hands it
/// every runtime message with its sender, and sends back what it resolves to.
#[cfg(all(target_arch = "wasm32", feature = "worker"))]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = handleMessage)]
pub async fn handle_message(
    message: wasm_bindgen::JsValue,
    sender: wasm_bindgen::JsValue,
) -> wasm_bindgen::JsValue {
    worker::handle(message, sender).await
}
