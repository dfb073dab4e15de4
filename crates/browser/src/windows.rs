//! `chrome.windows`: the service worker opens the eMoney window, which no
//! page's pop-up rule can block.

use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "windows"], js_name = create, catch)]
    fn create(options: &Object) -> Result<Promise, JsValue>;
}

/// Opens `url` in a window of its own. Returns whether the browser did.
pub async fn open_popup(url: &str) -> bool {
    let options = Object::new();
    let set = |key: &str, value: JsValue| Reflect::set(&options, &key.into(), &value).is_ok();
    let ready = set("url", url.into())
        && set("type", "popup".into())
        && set("width", 1200.into())
        && set("height", 860.into())
        && set("focused", true.into());
    match create(&options) {
        Ok(promise) if ready => JsFuture::from(promise).await.is_ok(),
        _ => false,
    }
}
