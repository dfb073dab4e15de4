//! SmartOffice → eMoney: the extension's Rust core.
//!
//! The pure core comes first and never touches `web_sys`, `js_sys` or
//! `wasm_bindgen`; it is tested natively. The web layer, browser APIs and the
//! service worker sit behind `cfg(target_arch = "wasm32")` and the `page` /
//! `worker` features, one wasm module each.

pub mod findings;
pub mod interpret;
pub mod parse;
pub mod profile;
pub mod record;
pub mod snapshot;

#[cfg(all(target_arch = "wasm32", feature = "page"))]
pub mod web;
