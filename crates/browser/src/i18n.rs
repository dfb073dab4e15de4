//! `chrome.i18n`: user-facing words come from `_locales/`, never from code.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "i18n"], js_name = getMessage, catch)]
    fn get_message(key: &str, substitutions: &JsValue) -> Result<String, JsValue>;
}

/// The message `key` with `$1`, `$2`… filled from `substitutions`. A missing
/// message shows its key, which a test would catch, rather than nothing.
pub fn message(key: &str, substitutions: &[&str]) -> String {
    let values: js_sys::Array = substitutions.iter().map(|s| JsValue::from_str(s)).collect();
    match get_message(key, &values) {
        Ok(text) if !text.is_empty() => text,
        _ => key.to_owned(),
    }
}
