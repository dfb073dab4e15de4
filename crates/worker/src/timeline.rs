//! The worker's steps on its own performance timeline, as User Timing
//! measures ("so-emoney prepare" and the like) that the extension's DevTools
//! and `cargo xtask bench` read. Pages cannot see a service worker's
//! timeline. Only the latest measure of each name is kept, so the timeline
//! stays the same size however many exports run.

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
    #[wasm_bindgen(js_namespace = performance, js_name = measure, catch)]
    fn performance_measure(name: &str, options: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = performance, js_name = clearMeasures)]
    fn performance_clear_measures(name: &str);
}

/// Now, on the worker's timeline.
pub fn now() -> f64 {
    performance_now()
}

/// Records `name` as lasting from `start` until now, with the wasm memory's
/// size then (the figure the memory budget is about).
pub fn measure(name: &str, start: f64) {
    let memory = wasm_bindgen::memory();
    let bytes = Reflect::get(&memory, &"buffer".into())
        .and_then(|buffer| Reflect::get(&buffer, &"byteLength".into()))
        .unwrap_or(JsValue::UNDEFINED);
    let detail = Object::new();
    let options = Object::new();
    // Setting fields of fresh plain objects cannot fail; a timeline that
    // refuses the measure costs the export nothing.
    let _ = Reflect::set(&detail, &"wasmMemoryBytes".into(), &bytes);
    let _ = Reflect::set(&options, &"start".into(), &start.into());
    let _ = Reflect::set(&options, &"detail".into(), &detail);
    performance_clear_measures(name);
    let _ = performance_measure(name, &options);
}
