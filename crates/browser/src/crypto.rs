//! `crypto.randomUUID()`.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = crypto, js_name = randomUUID)]
    fn random_uuid() -> String;
}

/// A new version-4 UUID from the browser's secure random source.
pub fn new_uuid() -> String {
    random_uuid()
}
