//! `chrome.storage.local` (kept across browser restarts),
//! `chrome.storage.session` (kept until the browser closes, never on disk,
//! and out of content scripts' reach in Chromium) and `chrome.storage.managed`
//! (what the firm's policy pushes; read only).

use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "storage", "local"], js_name = get, catch)]
    fn local_get(key: &str) -> Result<Promise, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "storage", "local"], js_name = set, catch)]
    fn local_set(items: &Object) -> Result<Promise, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "storage", "local"], js_name = remove, catch)]
    fn local_remove(key: &str) -> Result<Promise, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "storage", "session"], js_name = get, catch)]
    fn session_get(key: &str) -> Result<Promise, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "storage", "session"], js_name = set, catch)]
    fn session_set(items: &Object) -> Result<Promise, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "storage", "session"], js_name = remove, catch)]
    fn session_remove(key: &str) -> Result<Promise, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "storage", "managed"], js_name = get, catch)]
    fn managed_get() -> Result<Promise, JsValue>;
}

/// Everything the firm's policy pushed (an empty object when it pushed
/// nothing, or the browser keeps no managed storage).
pub async fn managed() -> JsValue {
    settle(managed_get())
        .await
        .unwrap_or_else(|_| js_sys::Object::new().into())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    Local,
    Session,
}

/// The storage call failed (quota, or the extension is going away).
#[derive(Debug)]
pub struct StorageFailed;

impl Area {
    pub async fn get(self, key: &str) -> Result<Option<String>, StorageFailed> {
        let promise = match self {
            Area::Local => local_get(key),
            Area::Session => session_get(key),
        };
        let items = settle(promise).await?;
        let value = Reflect::get(&items, &key.into()).map_err(|_| StorageFailed)?;
        Ok(value.as_string())
    }

    pub async fn set(self, key: &str, value: &str) -> Result<(), StorageFailed> {
        let items = Object::new();
        Reflect::set(&items, &key.into(), &value.into()).map_err(|_| StorageFailed)?;
        let promise = match self {
            Area::Local => local_set(&items),
            Area::Session => session_set(&items),
        };
        settle(promise).await.map(drop)
    }

    /// A value as stored by an extension page (an object, a list).
    pub async fn get_value(self, key: &str) -> Result<JsValue, StorageFailed> {
        let promise = match self {
            Area::Local => local_get(key),
            Area::Session => session_get(key),
        };
        let items = settle(promise).await?;
        Reflect::get(&items, &key.into()).map_err(|_| StorageFailed)
    }

    pub async fn set_value(self, key: &str, value: &JsValue) -> Result<(), StorageFailed> {
        let items = Object::new();
        Reflect::set(&items, &key.into(), value).map_err(|_| StorageFailed)?;
        let promise = match self {
            Area::Local => local_set(&items),
            Area::Session => session_set(&items),
        };
        settle(promise).await.map(drop)
    }

    pub async fn remove(self, key: &str) -> Result<(), StorageFailed> {
        let promise = match self {
            Area::Local => local_remove(key),
            Area::Session => session_remove(key),
        };
        settle(promise).await.map(drop)
    }
}

async fn settle(promise: Result<Promise, JsValue>) -> Result<JsValue, StorageFailed> {
    let promise = promise.map_err(|_| StorageFailed)?;
    JsFuture::from(promise).await.map_err(|_| StorageFailed)
}
