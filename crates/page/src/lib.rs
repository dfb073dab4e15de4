//! The content script's wasm: it reads the page and renders into it, and
//! holds no business logic (checking, mapping and eMoney run in the service
//! worker).

mod actions;
pub mod dom;
mod export;
mod launch;
pub mod menu;
mod menu_events;
mod overlay;
mod panel;
pub mod reader;
pub mod record_page;
mod reply;
mod rescan;
pub mod status;

use wasm_bindgen::JsValue;

/// The content script's entry point: called once per SmartOffice frame by
/// `extension/loader.js` after the module is loaded. Starts the extension in
/// this frame when it shows a SmartOffice record: adds the eMoney entry to
/// every record window's Menu now and whenever SmartOffice rebuilds it.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn start() {
    if let Err(error) = try_start() {
        web_sys::console::warn_2(&"SmartOffice → eMoney could not start:".into(), &error);
    }
}

fn try_start() -> Result<(), JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    if !record_page::is_record_frame(&window)? {
        return Ok(());
    }
    actions::listen(&document)?;
    menu_events::listen(&document)?;
    rescan::watch(&document)
}
