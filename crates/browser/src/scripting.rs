//! `chrome.scripting`: the extension's own scripts into a SmartOffice frame
//! (the page module, when a record frame first needs it) and the loader on
//! the offices the advisor or the firm added.

use js_sys::{Array, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "scripting"], js_name = executeScript, catch)]
    fn execute_script(injection: &Object) -> Result<Promise, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "scripting"], js_name = registerContentScripts, catch)]
    fn register_content_scripts(scripts: &Array) -> Result<Promise, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "scripting"], js_name = unregisterContentScripts, catch)]
    fn unregister_content_scripts(filter: &Object) -> Result<Promise, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "scripting"], js_name = getRegisteredContentScripts, catch)]
    fn get_registered_content_scripts() -> Result<Promise, JsValue>;
}

fn set(object: &Object, key: &str, value: &JsValue) {
    // Setting a property on a new plain object cannot fail.
    let _ = Reflect::set(object, &key.into(), value);
}

fn strings(list: &[String]) -> Array {
    list.iter().map(|item| JsValue::from_str(item)).collect()
}

async fn settle(promise: Result<Promise, JsValue>) -> Result<JsValue, ()> {
    JsFuture::from(promise.map_err(drop)?).await.map_err(drop)
}

/// Runs the extension's `files` (classic scripts) in one frame of a tab, in
/// the content scripts' world.
pub async fn inject(tab: i64, frame: i64, files: &[String]) -> bool {
    let target = Object::new();
    set(&target, "tabId", &JsValue::from_f64(tab as f64));
    set(
        &target,
        "frameIds",
        &Array::of1(&JsValue::from_f64(frame as f64)),
    );
    let injection = Object::new();
    set(&injection, "target", &target);
    set(&injection, "files", &strings(files));
    settle(execute_script(&injection)).await.is_ok()
}

/// The ids of the content scripts the extension registered.
pub async fn registered() -> Vec<String> {
    let Ok(scripts) = settle(get_registered_content_scripts()).await else {
        return Vec::new();
    };
    Array::from(&scripts)
        .iter()
        .filter_map(|script| Reflect::get(&script, &"id".into()).ok()?.as_string())
        .collect()
}

/// Registers `files` on `matches`, in every frame, kept across sessions.
pub async fn register(id: &str, matches: &[String], files: &[String]) -> bool {
    let script = Object::new();
    set(&script, "id", &id.into());
    set(&script, "matches", &strings(matches));
    set(&script, "js", &strings(files));
    set(&script, "allFrames", &true.into());
    set(&script, "runAt", &"document_idle".into());
    set(&script, "persistAcrossSessions", &true.into());
    settle(register_content_scripts(&Array::of1(&script)))
        .await
        .is_ok()
}

pub async fn unregister(ids: &[String]) -> bool {
    let filter = Object::new();
    set(&filter, "ids", &strings(ids));
    settle(unregister_content_scripts(&filter)).await.is_ok()
}

/// Runs the extension's function `func` (with `args`) in one frame of a tab,
/// or in all of them (`frame` None), in the content scripts' world; each
/// frame's answer, by frame id (none when the browser refused).
pub async fn run(
    tab: i64,
    frame: Option<i64>,
    func: &JsValue,
    args: &Array,
) -> Vec<(i64, JsValue)> {
    let target = Object::new();
    set(&target, "tabId", &JsValue::from_f64(tab as f64));
    match frame {
        Some(frame) => set(
            &target,
            "frameIds",
            &Array::of1(&JsValue::from_f64(frame as f64)),
        ),
        None => set(&target, "allFrames", &true.into()),
    }
    let injection = Object::new();
    set(&injection, "target", &target);
    set(&injection, "func", func);
    set(&injection, "args", args);
    let Ok(results) = settle(execute_script(&injection)).await else {
        return Vec::new();
    };
    Array::from(&results)
        .iter()
        .filter_map(|result| {
            let frame = Reflect::get(&result, &"frameId".into()).ok()?.as_f64()? as i64;
            Some((frame, Reflect::get(&result, &"result".into()).ok()?))
        })
        .collect()
}
