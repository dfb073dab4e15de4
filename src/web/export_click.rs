//! What choosing Menu > Integrations > eMoney does: ask the service worker to
//! export the open record, and tell the advisor how that went.

use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use web_sys::{Document, Element, Event};

use super::menu::ENTRY_MARK;
use super::status;
use crate::browser::runtime;
use crate::message::{Reply, Request};

/// One delegated click listener serves every eMoney entry, present and future.
pub fn listen(document: &Document) -> Result<(), JsValue> {
    let closure = Closure::<dyn FnMut(Event)>::new(|event: Event| {
        let entry = event
            .target()
            .and_then(|target| target.dyn_into::<Element>().ok())
            .and_then(|target| target.closest(&format!("[{ENTRY_MARK}]")).ok().flatten());
        if entry.is_some() {
            event.prevent_default();
            wasm_bindgen_futures::spawn_local(export());
        }
    });
    document.add_event_listener_with_callback("click", closure.as_ref().unchecked_ref())?;
    // Kept for the page's whole life, on purpose.
    closure.forget();
    Ok(())
}

async fn export() {
    let office_host = web_sys::window()
        .and_then(|window| window.location().hostname().ok())
        .unwrap_or_default();
    status::show("Contacting eMoney…");
    let message = match runtime::send(&Request::ExportRequested { office_host }).await {
        Ok(Reply::ExportAcknowledged { extension_version }) => {
            format!("eMoney: the extension (version {extension_version}) received the request.")
        }
        Ok(Reply::Refused { message }) => message,
        Err(error) => error.to_string(),
    };
    status::show(&message);
}
