//! Keeps the eMoney entry in every record window's Menu as SmartOffice builds
//! and rebuilds its menus. One observer on the document, child lists only (no
//! attributes, no text), and a whole rescan per batch of changes instead of
//! work per added node: a rescan is a few selector look-ups.

use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use web_sys::{Document, MutationObserver, MutationObserverInit};

use crate::{menu, record_page};

pub fn watch(document: &Document) -> Result<(), JsValue> {
    rescan(document);
    let observed = document.clone();
    let closure = Closure::<dyn FnMut(JsValue, JsValue)>::new(move |_: JsValue, _: JsValue| {
        rescan(&observed);
    });
    let observer = MutationObserver::new(closure.as_ref().unchecked_ref())?;
    let options = MutationObserverInit::new();
    options.set_child_list(true);
    options.set_subtree(true);
    let root = document.document_element().ok_or("no root element")?;
    observer.observe_with_options(&root, &options)?;
    // The observer lives as long as the page, on purpose.
    closure.forget();
    Ok(())
}

fn rescan(document: &Document) {
    let Ok(windows) = record_page::record_windows(document) else {
        return;
    };
    for window in windows {
        if let Err(error) = menu::ensure_entry(document, &window) {
            web_sys::console::warn_2(
                &"SmartOffice → eMoney could not add its menu entry:".into(),
                &error,
            );
        }
    }
}
