//! `chrome.windows`: the service worker opens the export's dialog and the
//! eMoney window, which no page's pop-up rule can block.

use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "windows"], js_name = create, catch)]
    fn create(options: &Object) -> Result<Promise, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "windows"], js_name = remove, catch)]
    fn remove(window: f64) -> Result<Promise, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "windows"], js_name = update, catch)]
    fn update(window: f64, options: &Object) -> Result<Promise, JsValue>;
}

/// A window the extension opened, and the tab in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Opened {
    pub window: i64,
    pub tab: i64,
}

/// Opens `url` in a pop-up window of its own, focused.
pub async fn open_popup(url: &str, width: u32, height: u32) -> Option<Opened> {
    let options = Object::new();
    let set = |key: &str, value: JsValue| Reflect::set(&options, &key.into(), &value).is_ok();
    let ready = set("url", url.into())
        && set("type", "popup".into())
        && set("width", width.into())
        && set("height", height.into())
        && set("focused", true.into());
    if !ready {
        return None;
    }
    let window = JsFuture::from(create(&options).ok()?).await.ok()?;
    let id = Reflect::get(&window, &"id".into()).ok()?.as_f64()?;
    let tabs = Reflect::get(&window, &"tabs".into()).ok()?;
    let tab = Reflect::get(&tabs, &0.into())
        .and_then(|tab| Reflect::get(&tab, &"id".into()))
        .ok()?
        .as_f64()?;
    Some(Opened {
        window: id as i64,
        tab: tab as i64,
    })
}

/// Brings a window of the extension's to the front.
pub async fn focus(window: i64) -> bool {
    let options = Object::new();
    let _ = Reflect::set(&options, &"focused".into(), &true.into());
    match update(window as f64, &options) {
        Ok(promise) => JsFuture::from(promise).await.is_ok(),
        Err(_) => false,
    }
}

/// Closes a window the extension opened (already closed is fine).
pub async fn close(window: i64) {
    if let Ok(promise) = remove(window as f64) {
        let _ = JsFuture::from(promise).await;
    }
}
