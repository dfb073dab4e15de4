//! `setTimeout` and `Date.now` of the worker (or window) global.

use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(callback: &Function, milliseconds: f64) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
}

/// Milliseconds since the epoch.
pub fn now_ms() -> u64 {
    // `Date.now()` is a whole, non-negative number of milliseconds.
    js_sys::Date::now().max(0.0) as u64
}

pub async fn sleep(milliseconds: u64) {
    let promise = Promise::new(&mut |resolve, _reject| {
        set_timeout(&resolve, milliseconds as f64);
    });
    // A timer's promise never rejects.
    let _ = JsFuture::from(promise).await;
}

/// Calls `callback` after a delay, unless dropped first.
pub struct Timer(JsValue);

impl Timer {
    pub fn after(milliseconds: u64, callback: &Function) -> Timer {
        Timer(set_timeout(callback, milliseconds as f64))
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        clear_timeout(&self.0);
    }
}
