//! The eMoney entry under a record window's Menu > Integrations.
//!
//! SmartOffice may build the menu list once or rebuild it at every opening;
//! `ensure_entry` is called on every change and adds the entry only where it
//! is missing, so it appears exactly once either way.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlElement};

use smartoffice_snapshot::clean::clean;
use smartoffice_snapshot::profile::page::{PageProfile, SMARTOFFICE_PAGE as PROFILE};

/// Marks the eMoney entry we add.
pub const ENTRY_MARK: &str = "data-so-emoney-entry";
/// Marks an Integrations submenu we created because the office had none.
pub const INTEGRATIONS_MARK: &str = "data-so-emoney-integrations";
/// The entry's label: the product's own word.
const ENTRY_LABEL: &str = "eMoney";

/// Adds eMoney to the window's open Menu when it is not there yet.
/// Returns whether the entry is in the menu now (false: no menu is built).
pub fn ensure_entry(document: &Document, window: &Element) -> Result<bool, JsValue> {
    let Some(list) = menu_list(document, window)? else {
        return Ok(false);
    };
    if list.query_selector(&format!("[{ENTRY_MARK}]"))?.is_some() {
        return Ok(true);
    }
    let submenu = match integrations_item(&list)? {
        Some(item) => existing_submenu(document, &item)?,
        None => created_submenu(document, &list)?,
    };
    let entry = new_item(document, &submenu, ENTRY_LABEL)?;
    entry.set_attribute(ENTRY_MARK, "")?;
    submenu.append_child(&entry)?;
    Ok(true)
}

/// The drop-down list the window's Menu button opened, if it is built.
fn menu_list(document: &Document, window: &Element) -> Result<Option<Element>, JsValue> {
    let id = window.id();
    for template in PROFILE.menu_lists {
        if let Some(list) = document.query_selector(&PageProfile::for_window(template, &id))? {
            return Ok(Some(list));
        }
    }
    let button = document.query_selector(&PageProfile::for_window(PROFILE.menu_button, &id))?;
    Ok(button
        .and_then(|button| button.next_element_sibling())
        .filter(|next| next.matches(PROFILE.submenu_list).unwrap_or(false)))
}

/// The list's own Integrations entry (not one nested deeper).
fn integrations_item(list: &Element) -> Result<Option<Element>, JsValue> {
    for item in direct_items(list)? {
        let label = item_label(&item)?;
        if PROFILE
            .integrations_labels
            .iter()
            .any(|known| label.eq_ignore_ascii_case(known))
        {
            return Ok(Some(item));
        }
    }
    Ok(None)
}

fn direct_items(list: &Element) -> Result<Vec<Element>, JsValue> {
    let children = list.children();
    let mut items = Vec::with_capacity(children.length() as usize);
    for index in 0..children.length() {
        if let Some(child) = children.item(index) {
            if child.matches(PROFILE.menu_item)? {
                items.push(child);
            }
        }
    }
    Ok(items)
}

/// An entry's own label: its label element's text, or its own text nodes
/// (leaving out the text of a nested submenu).
fn item_label(item: &Element) -> Result<String, JsValue> {
    if let Some(label) = item.query_selector(PROFILE.menu_item_label)? {
        return Ok(clean(&label.text_content().unwrap_or_default()));
    }
    let nodes = item.child_nodes();
    let mut text = String::new();
    for index in 0..nodes.length() {
        if let Some(node) = nodes.item(index) {
            if node.node_type() == web_sys::Node::TEXT_NODE {
                text.push_str(&node.text_content().unwrap_or_default());
            }
        }
    }
    Ok(clean(&text))
}

/// The office's Integrations submenu; its list is created when the entry has
/// none yet.
fn existing_submenu(document: &Document, item: &Element) -> Result<Element, JsValue> {
    let nested = item.query_selector(&format!(":scope > {}", PROFILE.submenu_list))?;
    match nested {
        Some(list) => Ok(list),
        None => {
            let list = document.create_element(PROFILE.submenu_list)?;
            list.set_attribute("role", "menu")?;
            item.append_child(&list)?;
            Ok(list)
        }
    }
}

/// An Integrations submenu of our own, for offices whose Menu has none. It
/// opens on hover, focus and keyboard (see `menu_events`), hidden otherwise.
fn created_submenu(document: &Document, list: &Element) -> Result<Element, JsValue> {
    let label = PROFILE.new_integrations_label;
    let item = new_item(document, list, label)?;
    item.set_attribute(INTEGRATIONS_MARK, "")?;
    item.set_attribute("aria-haspopup", "menu")?;
    item.set_attribute("aria-expanded", "false")?;
    let submenu = document.create_element(PROFILE.submenu_list)?;
    submenu.set_attribute("role", "menu")?;
    submenu.set_attribute("aria-label", label)?;
    set_shown(&submenu, false)?;
    item.append_child(&submenu)?;
    list.append_child(&item)?;
    Ok(submenu)
}

/// A menu entry shaped like its future siblings (same classes, same label
/// element) so that the office's styles apply to it.
fn new_item(document: &Document, list: &Element, label: &str) -> Result<Element, JsValue> {
    let sibling = direct_items(list)?
        .into_iter()
        .find(|item| !item.has_attribute(ENTRY_MARK));
    let item = document.create_element(PROFILE.menu_item)?;
    item.set_attribute("role", "menuitem")?;
    item.set_attribute("tabindex", "0")?;
    let sibling_label = match &sibling {
        Some(sibling) => {
            copy_class(sibling, &item);
            sibling.query_selector(PROFILE.menu_item_label)?
        }
        None => None,
    };
    match sibling_label {
        Some(template) => {
            let text = document.create_element(&template.tag_name())?;
            copy_class(&template, &text);
            text.set_text_content(Some(label));
            item.append_child(&text)?;
        }
        None => item.set_text_content(Some(label)),
    }
    Ok(item)
}

fn copy_class(from: &Element, to: &Element) {
    let class = from.class_name();
    if !class.is_empty() {
        to.set_class_name(&class);
    }
}

/// Shows or hides one of our submenus. Inline style through the CSSOM, which
/// a page's style-src policy does not block, unlike a `<style>` element.
pub fn set_shown(submenu: &Element, shown: bool) -> Result<(), JsValue> {
    if let Some(element) = submenu.dyn_ref::<HtmlElement>() {
        element
            .style()
            .set_property("display", if shown { "block" } else { "none" })?;
    }
    Ok(())
}
