//! Secrets the extension keeps (a remembered eMoney refresh token) in the
//! extension origin's IndexedDB: unlike `chrome.storage.local`, no content
//! script can read it, since a content script's IndexedDB is the page's.

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(inline_js = r#"
const STORE = 'secrets';
let opened = null;
function db() {
  opened ??= new Promise((resolve, reject) => {
    const request = indexedDB.open('smartoffice-emoney', 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => { opened = null; reject(request.error); };
  });
  return opened;
}
function run(mode, act) {
  return db().then((database) => new Promise((resolve, reject) => {
    const transaction = database.transaction(STORE, mode);
    const request = act(transaction.objectStore(STORE));
    transaction.oncomplete = () => resolve(request.result);
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error);
  }));
}
export function secretGet(key) { return run('readonly', (store) => store.get(key)); }
export function secretSet(key, value) { return run('readwrite', (store) => store.put(value, key)); }
export function secretRemove(key) { return run('readwrite', (store) => store.delete(key)); }
"#)]
extern "C" {
    #[wasm_bindgen(js_name = secretGet)]
    fn secret_get(key: &str) -> Promise;
    #[wasm_bindgen(js_name = secretSet)]
    fn secret_set(key: &str, value: &str) -> Promise;
    #[wasm_bindgen(js_name = secretRemove)]
    fn secret_remove(key: &str) -> Promise;
}

/// IndexedDB refused (private browsing without storage, quota).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SecretsFailed;

pub async fn get(key: &str) -> Result<Option<String>, SecretsFailed> {
    let value = JsFuture::from(secret_get(key))
        .await
        .map_err(|_| SecretsFailed)?;
    Ok(value.as_string())
}

pub async fn set(key: &str, value: &str) -> Result<(), SecretsFailed> {
    JsFuture::from(secret_set(key, value))
        .await
        .map(drop)
        .map_err(|_| SecretsFailed)
}

pub async fn remove(key: &str) -> Result<(), SecretsFailed> {
    JsFuture::from(secret_remove(key))
        .await
        .map(drop)
        .map_err(|_| SecretsFailed)
}
