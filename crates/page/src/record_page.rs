//! Which frames show a SmartOffice record, and where its windows are.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, Window};

use smartoffice_snapshot::profile::page::{smartoffice_page, PageProfile};

/// A frame shows a record when it is SmartOffice's record frame, or a
/// top-level window (a record opened on its own). Other same-origin frames,
/// such as modal dialogs, are left alone.
pub fn is_record_frame(window: &Window) -> Result<bool, JsValue> {
    match window.frame_element()? {
        Some(frame) => frame.matches(&smartoffice_page().record_frames),
        // Top level, or a parent we may not read (then we are not in
        // SmartOffice's own frame set, and a record window must show itself).
        None => Ok(true),
    }
}

/// The record windows in the document that carry a Menu button.
pub fn record_windows(document: &Document) -> Result<Vec<Element>, JsValue> {
    let found = document.query_selector_all(&smartoffice_page().record_window)?;
    let mut windows = Vec::with_capacity(found.length() as usize);
    for index in 0..found.length() {
        let Some(window) = found
            .item(index)
            .and_then(|node| node.dyn_into::<Element>().ok())
        else {
            continue;
        };
        if menu_button(document, &window)?.is_some() {
            windows.push(window);
        }
    }
    Ok(windows)
}

/// The window's Menu button.
pub fn menu_button(document: &Document, window: &Element) -> Result<Option<Element>, JsValue> {
    let selector = PageProfile::for_window(&smartoffice_page().menu_button, &window.id());
    document.query_selector(&selector)
}

/// The Menu button of the record window around `element` (where the
/// keyboard goes back to when a panel closes). The Menu's own list may
/// match the window's selector too (`#_window_id1-menu`): the nearest
/// match with a Menu button is the window.
pub fn menu_around(document: &Document, element: &Element) -> Option<Element> {
    let selector = &smartoffice_page().record_window;
    let mut at = element.closest(selector).ok().flatten()?;
    loop {
        if let Some(button) = menu_button(document, &at).ok().flatten() {
            return Some(button);
        }
        at = at.parent_element()?.closest(selector).ok().flatten()?;
    }
}
