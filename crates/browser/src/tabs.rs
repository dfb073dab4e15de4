//! `chrome.tabs`: a message to one frame of a tab (no permission needed).

use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "tabs"], js_name = sendMessage, catch)]
    fn send_message(tab: f64, message: &JsValue, options: &Object) -> Result<Promise, JsValue>;
}

/// Sends `message` to the content script of `frame` in `tab` and waits for its
/// answer; `None` when no content script there answers. `document` (where
/// the browser knows it) makes sure it is the same page, not one the frame
/// has since navigated to.
pub async fn send_to_frame(
    tab: i64,
    frame: i64,
    document: Option<&str>,
    message: &JsValue,
) -> Option<JsValue> {
    let options = Object::new();
    let _ = Reflect::set(
        &options,
        &"frameId".into(),
        &JsValue::from_f64(frame as f64),
    );
    if let Some(document) = document {
        let _ = Reflect::set(&options, &"documentId".into(), &document.into());
    }
    let promise = send_message(tab as f64, message, &options).ok()?;
    JsFuture::from(promise).await.ok()
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "tabs"], js_name = query, catch)]
    fn query(filter: &Object) -> Result<Promise, JsValue>;
}

/// The open tabs whose address the extension may see (those on hosts it is
/// allowed on): id, title and address.
pub async fn visible() -> Vec<(i64, String, String)> {
    let Ok(promise) = query(&Object::new()) else {
        return Vec::new();
    };
    let Ok(tabs) = JsFuture::from(promise).await else {
        return Vec::new();
    };
    let text = |tab: &JsValue, name: &str| Reflect::get(tab, &name.into()).ok()?.as_string();
    js_sys::Array::from(&tabs)
        .iter()
        .filter_map(|tab| {
            let id = Reflect::get(&tab, &"id".into()).ok()?.as_f64()? as i64;
            let url = text(&tab, "url")?;
            Some((id, text(&tab, "title").unwrap_or_default(), url))
        })
        .collect()
}
