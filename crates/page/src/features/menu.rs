//! The eMoney entry under a record window's Menu > Integrations.
//!
//! SmartOffice may build the menu list once or rebuild it at every opening;
//! [`rescan`] runs after every change and adds the entry only where it is
//! missing, so it appears exactly once either way. The entry copies the
//! element, classes and attributes of its siblings (as the page profile
//! says), so it looks, hovers and reads like them; where the office has no
//! Integrations submenu, one is created where SmartOffice keeps it, shaped
//! like the office's other submenus.

use smartoffice_snapshot::clean::clean;
use smartoffice_snapshot::profile::page::{smartoffice_page, PageProfile};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, Event, HtmlElement, KeyboardEvent, Node};

use crate::kit::action::Registry;
use crate::record_page;

/// The entry's label: the product's own word.
const ENTRY_LABEL: &str = "eMoney";

/// Adds eMoney to every record window's open Menu where it is missing.
pub fn rescan(document: &Document, registry: &mut Registry, created: &mut Registry) {
    registry.forget_detached();
    created.forget_detached();
    let Ok(windows) = record_page::record_windows(document) else {
        return;
    };
    for window in windows {
        if let Err(error) = ensure_entry(document, &window, registry, created) {
            web_sys::console::warn_2(&"SmartOffice → eMoney: the menu entry".into(), &error);
        }
    }
}

/// Adds eMoney to the window's Menu when it is not there yet. Returns
/// whether the entry is in the menu now (false: no menu is built).
pub fn ensure_entry(
    document: &Document,
    window: &Element,
    registry: &mut Registry,
    created: &mut Registry,
) -> Result<bool, JsValue> {
    let Some(list) = menu_list(document, window)? else {
        return Ok(false);
    };
    if registry.entry_within(&list) {
        return Ok(true);
    }
    let submenu = match integrations_item(&list)? {
        Some(item) => existing_submenu(document, &item)?,
        None => {
            let (item, submenu) = created_submenu(document, &list)?;
            created.add(&item);
            submenu
        }
    };
    let entry = new_item(document, &list, &submenu, ENTRY_LABEL)?;
    submenu.append_child(&entry)?;
    registry.add(&entry);
    Ok(true)
}

/// The drop-down list the window's Menu button opened, if it is built.
fn menu_list(document: &Document, window: &Element) -> Result<Option<Element>, JsValue> {
    let profile = smartoffice_page();
    let id = window.id();
    for template in &profile.menu_lists {
        if let Some(list) = document.query_selector(&PageProfile::for_window(template, &id))? {
            return Ok(Some(list));
        }
    }
    let button = record_page::menu_button(document, window)?;
    Ok(button
        .and_then(|button| button.next_element_sibling())
        .filter(|next| next.matches(&profile.submenu_list).unwrap_or(false)))
}

/// The list's own Integrations entry (not one nested deeper).
fn integrations_item(list: &Element) -> Result<Option<Element>, JsValue> {
    let profile = smartoffice_page();
    for item in direct_items(list)? {
        let label = item_label(&item)?;
        if profile
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
            if child.matches(&smartoffice_page().menu_item)? {
                items.push(child);
            }
        }
    }
    Ok(items)
}

/// An entry's own label: its label element's text, or its own text nodes
/// (leaving out the text of a nested submenu).
fn item_label(item: &Element) -> Result<String, JsValue> {
    if let Some(label) = item.query_selector(&smartoffice_page().menu_item_label)? {
        return Ok(clean(&label.text_content().unwrap_or_default()));
    }
    let nodes = item.child_nodes();
    let mut text = String::new();
    for index in 0..nodes.length() {
        if let Some(node) = nodes.item(index) {
            if node.node_type() == Node::TEXT_NODE {
                text.push_str(&node.text_content().unwrap_or_default());
            }
        }
    }
    Ok(clean(&text))
}

/// The office's Integrations submenu; its list is created when the entry has
/// none yet.
fn existing_submenu(document: &Document, item: &Element) -> Result<Element, JsValue> {
    let profile = smartoffice_page();
    let nested = item.query_selector(&[":scope > ", &profile.submenu_list].concat())?;
    match nested {
        Some(list) => Ok(list),
        None => {
            let list = document.create_element(&profile.submenu_list)?;
            list.set_attribute("role", "menu")?;
            item.append_child(&list)?;
            Ok(list)
        }
    }
}

/// An Integrations submenu of our own, for offices whose Menu has none:
/// shaped like the office's other submenus, before the entry SmartOffice
/// keeps after it. It opens on hover, focus and keyboard (see [`pointer`]
/// and [`key`]).
fn created_submenu(document: &Document, list: &Element) -> Result<(Element, Element), JsValue> {
    let profile = smartoffice_page();
    let label = &profile.new_integrations_label;
    let items = direct_items(list)?;
    // An entry of the office's with a submenu of its own shows how one looks.
    let model = items.iter().find_map(|item| {
        let nested = item
            .query_selector(&[":scope > ", &profile.submenu_list].concat())
            .ok()
            .flatten()?;
        Some((item.clone(), nested))
    });
    let submenu = document.create_element(&profile.submenu_list)?;
    let item = new_item(document, list, list, label)?;
    match &model {
        Some((model_item, model_list)) => {
            copy_attributes(model_item, &item, &["class".to_owned()])?;
            copy_attributes(model_list, &submenu, &["class".to_owned()])?;
        }
        None => {
            add_classes(&item, &profile.submenu_item_classes)?;
            add_classes(&submenu, &profile.submenu_list_classes)?;
        }
    }
    item.set_attribute("aria-haspopup", "menu")?;
    item.set_attribute("aria-expanded", "false")?;
    submenu.set_attribute("role", "menu")?;
    submenu.set_attribute("aria-label", label)?;
    set_shown(&submenu, false)?;
    item.append_child(&submenu)?;
    let before = items.iter().find(|existing| {
        item_label(existing).is_ok_and(|name| {
            profile
                .integrations_before
                .iter()
                .any(|before| name.eq_ignore_ascii_case(before))
        })
    });
    list.insert_before(&item, before.map(|element| element.unchecked_ref::<Node>()))?;
    Ok((item, submenu))
}

/// A menu entry shaped like the entries of `siblings_of` (the same element,
/// the profile's attributes, the same label element), placed in `into`.
fn new_item(
    document: &Document,
    siblings_of: &Element,
    into: &Element,
    label: &str,
) -> Result<Element, JsValue> {
    let profile = smartoffice_page();
    // A sibling in the list the entry goes into, else in the menu itself.
    let sibling = direct_items(into)?
        .into_iter()
        .chain(direct_items(siblings_of)?)
        .next();
    let tag = sibling
        .as_ref()
        .map_or(profile.menu_item.clone(), |s| s.local_name());
    let item = document.create_element(&tag)?;
    let sibling_label = match &sibling {
        Some(sibling) => {
            copy_attributes(sibling, &item, &profile.entry_attributes)?;
            sibling.query_selector(&profile.menu_item_label)?
        }
        None => None,
    };
    match sibling_label {
        Some(template) => {
            let text = document.create_element(&template.local_name())?;
            copy_attributes(&template, &text, &profile.entry_attributes)?;
            if text.local_name() == "a" {
                text.set_attribute("href", &profile.entry_href)?;
            }
            if !text.has_attribute("role") && !item.has_attribute("role") {
                text.set_attribute("role", "menuitem")?;
            }
            text.set_text_content(Some(label));
            item.append_child(&text)?;
        }
        None => {
            item.set_attribute("role", "menuitem")?;
            item.set_attribute("tabindex", "0")?;
            item.set_text_content(Some(label));
        }
    }
    Ok(item)
}

/// Copies the named attributes (never ids, handlers or data) of `from`.
fn copy_attributes(from: &Element, to: &Element, names: &[String]) -> Result<(), JsValue> {
    for name in names {
        if let Some(value) = from.get_attribute(name) {
            to.set_attribute(name, &value)?;
        }
    }
    Ok(())
}

fn add_classes(element: &Element, classes: &[String]) -> Result<(), JsValue> {
    for class in classes {
        element.class_list().add_1(class)?;
    }
    Ok(())
}

/// Shows or hides one of our submenus (over the office's own rules, which
/// may or may not know our classes).
fn set_shown(submenu: &Element, shown: bool) -> Result<(), JsValue> {
    if let Some(element) = submenu.dyn_ref::<HtmlElement>() {
        element
            .style()
            .set_property("display", if shown { "block" } else { "none" })?;
    }
    Ok(())
}

fn set_expanded(item: &Element, expanded: bool) -> Result<(), JsValue> {
    item.set_attribute("aria-expanded", if expanded { "true" } else { "false" })?;
    if let Some(submenu) = item.query_selector(":scope > [role='menu']")? {
        set_shown(&submenu, expanded)?;
    }
    Ok(())
}

fn target_element(event: &Event) -> Option<Element> {
    event.target()?.dyn_into::<Element>().ok()
}

/// Pointing opens our submenu; leaving it (pointer or focus) closes it.
pub fn pointer(event: &Event, created: &Registry) {
    let Some(target) = target_element(event) else {
        return;
    };
    let Some(item) = created.entry_at(&target) else {
        return;
    };
    let going_to = js_sys::Reflect::get(event, &"relatedTarget".into())
        .ok()
        .and_then(|related| related.dyn_into::<Node>().ok());
    let open = match event.type_().as_str() {
        "mouseover" => true,
        // The pointer or the keyboard moving within the item (its link, our
        // entry) leaves it as it is: Escape closed it, say.
        _ if going_to.is_some_and(|next| item.contains(Some(&next))) => return,
        _ => false,
    };
    // Failing to show a submenu leaves the page as it was: nothing to report.
    let _ = set_expanded(&item, open);
}

/// What a key on our elements does: `true` when the key chooses our entry.
pub fn key(event: &Event, entries: &Registry, created: &Registry) -> bool {
    let (Some(key_event), Some(target)) = (event.dyn_ref::<KeyboardEvent>(), target_element(event))
    else {
        return false;
    };
    let key = key_event.key();
    if let Some(entry) = entries.entry_at(&target) {
        match key.as_str() {
            "Enter" | " " => {
                event.prevent_default();
                return true;
            }
            "Escape" | "ArrowLeft" => {
                if let Some(item) = created.entry_at(&entry) {
                    event.prevent_default();
                    let _ = set_expanded(&item, false);
                    // Back to Integrations' own link: the item itself takes no focus.
                    crate::kit::panel::focus(&focusable(&item));
                }
            }
            _ => {}
        }
    } else if let Some(item) = created.entry_at(&target) {
        match key.as_str() {
            "Enter" | " " | "ArrowRight" => {
                event.prevent_default();
                let _ = set_expanded(&item, true);
                if let Some(entry) = first_entry_in(&item, entries) {
                    crate::kit::panel::focus(&entry);
                }
            }
            "Escape" | "ArrowLeft" => {
                event.prevent_default();
                let _ = set_expanded(&item, false);
            }
            _ => {}
        }
    }
    false
}

/// Our entry inside `item`, focusable: its link, or itself.
fn first_entry_in(item: &Element, entries: &Registry) -> Option<Element> {
    let submenu = item
        .query_selector(":scope > [role='menu']")
        .ok()
        .flatten()?;
    let children = submenu.children();
    (0..children.length())
        .filter_map(|index| children.item(index))
        .find(|child| entries.entry_at(child).is_some())
        .map(|entry| focusable(&entry))
}

/// What takes the keyboard for a menu item: its label link, or the item.
fn focusable(item: &Element) -> Element {
    item.query_selector(&smartoffice_page().menu_item_label)
        .ok()
        .flatten()
        .unwrap_or_else(|| item.clone())
}
