//! Plain Rust values to and from JS values, the same way everywhere.

use serde::Serialize;
use wasm_bindgen::JsValue;

/// Serializes to plain JS objects (never `Map`), as extension messaging and
/// `chrome.storage` expect.
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, serde_wasm_bindgen::Error> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
}

pub fn from_js<T: serde::de::DeserializeOwned>(
    value: JsValue,
) -> Result<T, serde_wasm_bindgen::Error> {
    serde_wasm_bindgen::from_value(value)
}
