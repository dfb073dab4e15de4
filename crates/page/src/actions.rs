//! What clicks on our elements do. One delegated listener serves the eMoney
//! menu entries (present and future) and the buttons of our panels, so
//! nothing is attached per element and menus SmartOffice rebuilds need
//! nothing re-attached.

use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use web_sys::{Document, Element, Event};

use crate::menu::ENTRY_MARK;
use crate::{export, launch, panel};

/// Marks a button of ours; its value says what it does.
pub const ACTION: &str = "data-so-emoney-action";
/// Closes the panel the button is in.
pub const CLOSE_PANEL: &str = "close";
/// Asks the service worker to open the eMoney window (`data-flow` names the export).
pub const OPEN_EMONEY: &str = "open-emoney";

pub fn listen(document: &Document) -> Result<(), JsValue> {
    let closure = Closure::<dyn FnMut(Event)>::new(|event: Event| {
        let Some(target) = event
            .target()
            .and_then(|target| target.dyn_into::<Element>().ok())
        else {
            return;
        };
        if closest(&target, &format!("[{ENTRY_MARK}]")).is_some() {
            event.prevent_default();
            wasm_bindgen_futures::spawn_local(export::run());
        } else if let Some(button) = closest(&target, &format!("[{ACTION}]")) {
            event.prevent_default();
            match button.get_attribute(ACTION).as_deref() {
                Some(CLOSE_PANEL) => panel::close_around(&button),
                Some(OPEN_EMONEY) => {
                    let flow = button.get_attribute("data-flow").unwrap_or_default();
                    wasm_bindgen_futures::spawn_local(launch::open_from_worker(button, flow));
                }
                _ => {}
            }
        }
    });
    document.add_event_listener_with_callback("click", closure.as_ref().unchecked_ref())?;
    // Kept for the page's whole life, on purpose.
    closure.forget();
    Ok(())
}

fn closest(element: &Element, selector: &str) -> Option<Element> {
    element.closest(selector).ok().flatten()
}
