//! How our menu entries answer the pointer and the keyboard. One delegated
//! listener per event type on the document serves every entry, including the
//! ones SmartOffice throws away and we add again when it rebuilds its menu.

use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use web_sys::{Document, Element, Event, HtmlElement, KeyboardEvent};

use crate::menu::{set_shown, ENTRY_MARK, INTEGRATIONS_MARK};

pub fn listen(document: &Document) -> Result<(), JsValue> {
    // Pointing opens our submenu; the keyboard opens it with Enter or
    // ArrowRight (focus alone does not, as in menus generally).
    on(document, "mouseover", open_under_pointer)?;
    on(document, "mouseout", leave)?;
    on(document, "focusout", leave)?;
    on(document, "keydown", key)
}

/// Listens for the page's whole life: the closure is kept on purpose.
fn on(document: &Document, kind: &str, handler: fn(&Event)) -> Result<(), JsValue> {
    let closure = Closure::<dyn FnMut(Event)>::new(move |event: Event| handler(&event));
    document.add_event_listener_with_callback_and_bool(
        kind,
        closure.as_ref().unchecked_ref(),
        true,
    )?;
    closure.forget();
    Ok(())
}

fn target_element(event: &Event) -> Option<Element> {
    event.target()?.dyn_into::<Element>().ok()
}

/// Our Integrations entry around the event's target, if any.
fn integrations_around(element: &Element) -> Option<Element> {
    element
        .closest(&format!("[{INTEGRATIONS_MARK}]"))
        .ok()
        .flatten()
}

fn open_under_pointer(event: &Event) {
    if let Some(item) = target_element(event).as_ref().and_then(integrations_around) {
        // Failing to show a submenu leaves the page as it was: nothing to report.
        let _ = set_expanded(&item, true);
    }
}

/// Closes our submenu when the pointer or focus leaves the Integrations entry
/// altogether (not when it moves between its own children).
fn leave(event: &Event) {
    let Some(item) = target_element(event).as_ref().and_then(integrations_around) else {
        return;
    };
    let going_to = related_target(event);
    let staying = going_to.is_some_and(|next| item.contains(Some(&next)));
    if !staying {
        let _ = set_expanded(&item, false);
    }
}

fn related_target(event: &Event) -> Option<web_sys::Node> {
    let related = js_sys::Reflect::get(event, &"relatedTarget".into()).ok()?;
    related.dyn_into::<web_sys::Node>().ok()
}

fn key(event: &Event) {
    let Some(key_event) = event.dyn_ref::<KeyboardEvent>() else {
        return;
    };
    let Some(target) = target_element(event) else {
        return;
    };
    let key = key_event.key();
    if target.has_attribute(ENTRY_MARK) {
        match key.as_str() {
            "Enter" | " " => {
                event.prevent_default();
                if let Some(entry) = target.dyn_ref::<HtmlElement>() {
                    entry.click();
                }
            }
            "Escape" | "ArrowLeft" => {
                if let Some(item) = integrations_around(&target) {
                    event.prevent_default();
                    let _ = set_expanded(&item, false);
                    focus(&item);
                }
            }
            _ => {}
        }
    } else if target.has_attribute(INTEGRATIONS_MARK) {
        match key.as_str() {
            "Enter" | " " | "ArrowRight" => {
                event.prevent_default();
                let _ = set_expanded(&target, true);
                if let Ok(Some(entry)) = target.query_selector(&format!("[{ENTRY_MARK}]")) {
                    focus(&entry);
                }
            }
            "Escape" | "ArrowLeft" => {
                event.prevent_default();
                let _ = set_expanded(&target, false);
            }
            _ => {}
        }
    }
}

fn set_expanded(item: &Element, expanded: bool) -> Result<(), JsValue> {
    item.set_attribute("aria-expanded", if expanded { "true" } else { "false" })?;
    if let Some(submenu) = item.query_selector("[role='menu']")? {
        set_shown(&submenu, expanded)?;
    }
    Ok(())
}

fn focus(element: &Element) {
    if let Some(element) = element.dyn_ref::<HtmlElement>() {
        let _ = element.focus();
    }
}
