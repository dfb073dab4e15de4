//! `chrome.permissions`: whether the browser lets the extension reach an
//! origin. (Asking is for an extension page, in the advisor's click.)

use js_sys::{Array, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "permissions"], js_name = contains, catch)]
    fn contains(permissions: &Object) -> Result<Promise, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "permissions"], js_name = remove, catch)]
    fn remove(permissions: &Object) -> Result<Promise, JsValue>;
}

fn origins(patterns: &[String]) -> Object {
    let permissions = Object::new();
    let list: Array = patterns.iter().map(|p| JsValue::from_str(p)).collect();
    let _ = Reflect::set(&permissions, &"origins".into(), &list);
    permissions
}

/// Whether every pattern (`scheme://host/*`) is granted.
pub async fn granted(patterns: &[String]) -> bool {
    match contains(&origins(patterns)) {
        Ok(promise) => JsFuture::from(promise)
            .await
            .ok()
            .and_then(|answer| answer.as_bool())
            .unwrap_or(false),
        Err(_) => false,
    }
}

/// Gives the patterns back (an office the advisor removed).
pub async fn give_up(patterns: &[String]) -> bool {
    match remove(&origins(patterns)) {
        Ok(promise) => JsFuture::from(promise).await.is_ok(),
        Err(_) => false,
    }
}
