//! The menu entry in a real browser DOM (wasm-bindgen-test, headless Chromium).
#![cfg(target_arch = "wasm32")]

use smartoffice_page::menu::{ensure_entry, ENTRY_MARK, INTEGRATIONS_MARK};
use smartoffice_page::record_page::record_windows;
use wasm_bindgen_test::*;
use web_sys::{Document, Element};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a document")
}

/// Builds a record window from trusted test markup, the way SmartOffice's
/// pages are assumed to look, and returns it.
fn record_window(id: &str, menu_items: &[(&str, &[&str])]) -> Element {
    let document = document();
    let window = document.create_element("div").expect("div");
    window.set_id(id);
    let button = document.create_element("button").expect("button");
    button.set_id(&format!("{id}-button"));
    button.set_text_content(Some("Menu"));
    window.append_child(&button).expect("append");
    let list = document.create_element("ul").expect("ul");
    list.set_id(&format!("{id}-menu"));
    for (label, children) in menu_items {
        let item = document.create_element("li").expect("li");
        item.set_class_name("so-menu-item");
        let link = document.create_element("a").expect("a");
        link.set_class_name("so-menu-link");
        link.set_text_content(Some(label));
        item.append_child(&link).expect("append");
        if !children.is_empty() {
            let sub = document.create_element("ul").expect("ul");
            for child in *children {
                let li = document.create_element("li").expect("li");
                li.set_text_content(Some(child));
                sub.append_child(&li).expect("append");
            }
            item.append_child(&sub).expect("append");
        }
        list.append_child(&item).expect("append");
    }
    window.append_child(&list).expect("append");
    document
        .body()
        .expect("body")
        .append_child(&window)
        .expect("append");
    window
}

fn count(root: &Element, selector: &str) -> u32 {
    root.query_selector_all(selector)
        .expect("selector")
        .length()
}

#[wasm_bindgen_test]
fn creates_integrations_once_where_the_office_has_none() {
    let window = record_window("_window_id71", &[("Save", &[]), ("Print", &[])]);
    for _ in 0..3 {
        assert!(ensure_entry(&document(), &window).expect("no DOM error"));
    }
    assert_eq!(count(&window, &format!("[{ENTRY_MARK}]")), 1);
    assert_eq!(count(&window, &format!("[{INTEGRATIONS_MARK}]")), 1);
    let integrations = window
        .query_selector(&format!("[{INTEGRATIONS_MARK}]"))
        .expect("selector")
        .expect("an Integrations entry");
    assert_eq!(
        integrations.get_attribute("role").as_deref(),
        Some("menuitem")
    );
    // Shaped like the office's entries: same class, same label element.
    assert_eq!(integrations.class_name(), "so-menu-item");
    let label = integrations
        .query_selector(":scope > a.so-menu-link")
        .expect("selector");
    assert_eq!(
        label.and_then(|l| l.text_content()).as_deref(),
        Some("Integrations")
    );
    window.remove();
}

#[wasm_bindgen_test]
fn joins_the_offices_integrations_submenu() {
    let window = record_window(
        "_window_id72",
        &[("Save", &[]), ("Integrations", &["Redtail CRM"])],
    );
    assert!(ensure_entry(&document(), &window).expect("no DOM error"));
    assert!(ensure_entry(&document(), &window).expect("no DOM error"));
    assert_eq!(count(&window, &format!("[{INTEGRATIONS_MARK}]")), 0);
    let texts: Vec<String> = {
        let items = window
            .query_selector_all("#_window_id72-menu ul > li")
            .expect("selector");
        (0..items.length())
            .filter_map(|i| items.item(i).and_then(|n| n.text_content()))
            .collect()
    };
    assert_eq!(texts, ["Redtail CRM", "eMoney"]);
    window.remove();
}

#[wasm_bindgen_test]
fn a_window_without_an_open_menu_is_left_alone() {
    let document = document();
    let window = document.create_element("div").expect("div");
    window.set_id("_window_id73");
    let button = document.create_element("button").expect("button");
    button.set_id("_window_id73-button");
    window.append_child(&button).expect("append");
    document
        .body()
        .expect("body")
        .append_child(&window)
        .expect("append");
    assert!(!ensure_entry(&document, &window).expect("no DOM error"));
    assert_eq!(window.child_element_count(), 1);
    assert!(record_windows(&document)
        .expect("no DOM error")
        .iter()
        .any(|found| found.id() == "_window_id73"));
    window.remove();
}

#[wasm_bindgen_test]
fn windows_without_a_menu_button_are_not_record_windows() {
    let document = document();
    let window = document.create_element("div").expect("div");
    window.set_id("_window_id74");
    document
        .body()
        .expect("body")
        .append_child(&window)
        .expect("append");
    assert!(!record_windows(&document)
        .expect("no DOM error")
        .iter()
        .any(|found| found.id() == "_window_id74"));
    window.remove();
}
