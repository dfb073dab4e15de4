//! Extension events (`chrome.runtime.onMessage`, a port's `onMessage`…) with
//! a lifetime: a [`Listener`] removes itself from its event when dropped, so
//! whoever owns it decides how long it listens.

use js_sys::{Function, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// A function added to an extension event, removed again on drop.
pub struct Listener {
    event: JsValue,
    function: Function,
    // Keeps the Rust side of `function` alive exactly as long as this.
    _closure: Box<dyn std::any::Any>,
}

impl Listener {
    /// Adds `closure` to `event` (an object with `addListener` and
    /// `removeListener`). `None` when `event` is not one.
    pub fn add<F: ?Sized + 'static>(event: JsValue, closure: Closure<F>) -> Option<Listener> {
        let function: Function = closure.as_ref().clone().dyn_into().ok()?;
        let add: Function = Reflect::get(&event, &"addListener".into())
            .ok()?
            .dyn_into()
            .ok()?;
        add.call1(&event, &function).ok()?;
        Some(Listener {
            event,
            function,
            _closure: Box::new(closure),
        })
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let remove = Reflect::get(&self.event, &"removeListener".into())
            .ok()
            .and_then(|remove| remove.dyn_into::<Function>().ok());
        if let Some(remove) = remove {
            // An event that refuses to let go belongs to a context going away.
            let _ = remove.call1(&self.event, &self.function);
        }
    }
}

#[wasm_bindgen]
extern "C" {
    /// `chrome`, looked up by name. In a Firefox content script it lives on
    /// the script's sandbox, not on `window`, which is what
    /// `js_sys::global()` answers there.
    #[wasm_bindgen(thread_local_v2, js_name = chrome)]
    static CHROME: Option<js_sys::Object>;
}

/// The `chrome` object of this context (`undefined` outside an extension).
pub fn chrome() -> JsValue {
    CHROME.with(|chrome| chrome.clone().map_or(JsValue::UNDEFINED, JsValue::from))
}

/// `chrome.<namespace>.<event>`, e.g. `("runtime", "onMessage")`.
pub fn event(namespace: &str, name: &str) -> JsValue {
    let chrome = chrome();
    let namespace = Reflect::get(&chrome, &namespace.into()).unwrap_or(JsValue::UNDEFINED);
    Reflect::get(&namespace, &name.into()).unwrap_or(JsValue::UNDEFINED)
}
