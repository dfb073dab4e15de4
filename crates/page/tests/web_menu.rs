//! The menu entry in a real browser DOM (wasm-bindgen-test, headless Chromium):
//! where it goes, how it looks, and that only the advisor's own clicks on it
//! could start anything.
#![cfg(target_arch = "wasm32")]

use smartoffice_page::features::menu::ensure_entry;
use smartoffice_page::kit::action::Registry;
use smartoffice_page::record_page::record_windows;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Document, Element};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = r#"
// A stand-in for the extension's `chrome`: it counts the messages the page
// would send the service worker.
export function installChrome() {
  const listeners = [];
  globalThis.chrome = {
    runtime: {
      id: 'test-extension',
      sent: 0,
      sendMessage() { globalThis.chrome.runtime.sent += 1; return new Promise(() => {}); },
      onMessage: {
        addListener(f) { listeners.push(f); },
        removeListener(f) { listeners.splice(listeners.indexOf(f), 1); },
      },
    },
    i18n: { getMessage() { return ''; }, getUILanguage() { return 'en'; } },
  };
}
export function sentToWorker() { return globalThis.chrome.runtime.sent; }
export function removeChrome() { delete globalThis.chrome; }
// One turn of the event loop: what a listener dispatched has run by then.
export function turn() { return new Promise((resolve) => setTimeout(resolve, 0)); }
// Dispatches an untrusted event; true when no listener of the extension
// took it (prevented its default). The test page itself never navigates.
export function synthetic(target, type) {
  const event = type === 'keydown'
    ? new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true })
    : new MouseEvent(type, { bubbles: true, cancelable: true });
  let prevented = null;
  const seen = (e) => { prevented = e.defaultPrevented; e.preventDefault(); };
  window.addEventListener(type, seen);
  target.dispatchEvent(event);
  window.removeEventListener(type, seen);
  if (prevented === null) throw new Error('the event did not reach the window');
  return !prevented;
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = installChrome)]
    fn install_chrome();
    #[wasm_bindgen(js_name = sentToWorker)]
    fn sent_to_worker() -> u32;
    #[wasm_bindgen(js_name = removeChrome)]
    fn remove_chrome();
    fn turn() -> js_sys::Promise;
    /// Dispatches an untrusted event; false when the extension took it.
    fn synthetic(target: &Element, kind: &str) -> bool;
}

fn document() -> Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a document")
}

/// A menu entry of the office's: `li.so-menu-item > a.so-menu-link`, with
/// a submenu of plain `li.so-sub-item > a.so-sub-link` entries if given.
fn office_item(document: &Document, label: &str, children: &[&str]) -> Element {
    let item = document.create_element("li").expect("li");
    item.set_class_name("so-menu-item");
    let link = document.create_element("a").expect("a");
    link.set_class_name("so-menu-link");
    link.set_attribute("href", "javascript:void 0")
        .expect("href");
    link.set_text_content(Some(label));
    item.append_child(&link).expect("append");
    if !children.is_empty() {
        let sub = document.create_element("ul").expect("ul");
        sub.set_class_name("office-submenu");
        for child in children {
            let li = document.create_element("li").expect("li");
            li.set_class_name("so-sub-item");
            li.set_attribute("tabindex", "-1").expect("tabindex");
            let a = document.create_element("a").expect("a");
            a.set_class_name("so-sub-link");
            a.set_attribute("onclick", "window.steal()")
                .expect("onclick");
            a.set_text_content(Some(child));
            li.append_child(&a).expect("append");
            sub.append_child(&li).expect("append");
        }
        item.append_child(&sub).expect("append");
    }
    item
}

/// The open Menu list of a record window, as SmartOffice is assumed to build it.
fn menu_list(document: &Document, id: &str, menu_items: &[(&str, &[&str])]) -> Element {
    let list = document.create_element("ul").expect("ul");
    list.set_id(&format!("{id}-menu"));
    for (label, children) in menu_items {
        list.append_child(&office_item(document, label, children))
            .expect("append");
    }
    list
}

/// Builds a record window from trusted test markup and returns it.
fn record_window(id: &str, menu_items: &[(&str, &[&str])]) -> Element {
    let document = document();
    let window = document.create_element("div").expect("div");
    window.set_id(id);
    let button = document.create_element("button").expect("button");
    button.set_id(&format!("{id}-button"));
    button.set_text_content(Some("Menu"));
    window.append_child(&button).expect("append");
    window
        .append_child(&menu_list(&document, id, menu_items))
        .expect("append");
    document
        .body()
        .expect("body")
        .append_child(&window)
        .expect("append");
    window
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let found = root.query_selector_all(selector).expect("selector");
    (0..found.length())
        .filter_map(|i| {
            found
                .item(i)
                .and_then(|node| node.dyn_into::<Element>().ok())
        })
        .collect()
}

fn one(root: &Element, selector: &str) -> Element {
    let found = all(root, selector);
    assert_eq!(found.len(), 1, "one {selector}");
    found.into_iter().next().expect("one")
}

/// The labels of a list's own entries.
fn labels(list: &Element) -> Vec<String> {
    all(list, ":scope > li > a")
        .iter()
        .filter_map(|a| a.text_content())
        .collect()
}

#[wasm_bindgen_test]
fn creates_integrations_once_where_the_office_has_none() {
    let id = "_window_id71";
    let window = record_window(id, &[("Save", &[]), ("Print", &[]), ("Delete", &[])]);
    let (mut entries, mut created) = (Registry::default(), Registry::default());
    for _ in 0..3 {
        assert!(
            ensure_entry(&document(), &window, &mut entries, &mut created).expect("no DOM error")
        );
    }
    let list = one(&window, &format!("#{id}-menu"));
    // Placed where SmartOffice keeps Integrations: before Delete.
    assert_eq!(labels(&list), ["Save", "Print", "Integrations", "Delete"]);
    let integrations = all(&list, ":scope > li")[2].clone();
    assert!(
        created.entry_at(&integrations).is_some(),
        "ours, kept by reference"
    );
    // Shaped like the office's entries, marked as a submenu.
    assert_eq!(integrations.class_name(), "so-menu-item so-has-submenu");
    assert_eq!(
        integrations.get_attribute("aria-haspopup").as_deref(),
        Some("menu")
    );
    assert_eq!(
        integrations.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    let submenu = one(&integrations, ":scope > ul");
    assert_eq!(submenu.get_attribute("role").as_deref(), Some("menu"));
    assert_eq!(submenu.class_name(), "so-submenu");
    // Closed until pointed at or opened with the keyboard.
    assert_eq!(
        submenu
            .dyn_ref::<web_sys::HtmlElement>()
            .map(|e| e.style().get_property_value("display")),
        Some(Ok("none".to_owned()))
    );
    // Exactly one eMoney entry, in it, shaped like its siblings.
    let entry = one(&window, "li li");
    assert_eq!(entry.parent_element().as_ref(), Some(&submenu));
    assert!(entries.entry_at(&entry).is_some());
    assert_eq!(entry.class_name(), "so-menu-item");
    let label = one(&entry, ":scope > a");
    assert_eq!(label.class_name(), "so-menu-link");
    assert_eq!(label.get_attribute("href").as_deref(), Some("#"));
    assert_eq!(label.get_attribute("role").as_deref(), Some("menuitem"));
    assert_eq!(label.text_content().as_deref(), Some("eMoney"));
    window.remove();
}

#[wasm_bindgen_test]
fn joins_the_offices_integrations_submenu_looking_like_its_entries() {
    let id = "_window_id72";
    let window = record_window(id, &[("Save", &[]), ("Integrations", &["Redtail CRM"])]);
    let (mut entries, mut created) = (Registry::default(), Registry::default());
    assert!(ensure_entry(&document(), &window, &mut entries, &mut created).expect("no DOM error"));
    assert!(ensure_entry(&document(), &window, &mut entries, &mut created).expect("no DOM error"));
    let list = one(&window, &format!("#{id}-menu"));
    assert_eq!(
        labels(&list),
        ["Save", "Integrations"],
        "no second Integrations"
    );
    assert!(
        !created.entry_within(&list),
        "nothing of ours but the entry"
    );
    let submenu = one(&list, ":scope > li > ul");
    assert_eq!(labels(&submenu), ["Redtail CRM", "eMoney"]);
    let entry = all(&submenu, ":scope > li")[1].clone();
    assert!(entries.entry_at(&entry).is_some());
    // The sibling's element, class and tabindex; its label's element and
    // class; never its handlers.
    assert_eq!(entry.class_name(), "so-sub-item");
    assert_eq!(entry.get_attribute("tabindex").as_deref(), Some("-1"));
    let label = one(&entry, ":scope > a");
    assert_eq!(label.class_name(), "so-sub-link");
    assert!(!label.has_attribute("onclick"));
    window.remove();
}

#[wasm_bindgen_test]
fn a_rebuilt_menu_gets_the_entry_again_once() {
    let id = "_window_id75";
    let document = document();
    let window = record_window(id, &[("Integrations", &["Redtail CRM"])]);
    let (mut entries, mut created) = (Registry::default(), Registry::default());
    assert!(ensure_entry(&document, &window, &mut entries, &mut created).expect("no DOM error"));
    // SmartOffice throws the list away and builds it anew at the next opening.
    one(&window, &format!("#{id}-menu")).remove();
    window
        .append_child(&menu_list(
            &document,
            id,
            &[("Integrations", &["Redtail CRM"])],
        ))
        .expect("append");
    entries.forget_detached();
    for _ in 0..2 {
        assert!(ensure_entry(&document, &window, &mut entries, &mut created).expect("no DOM error"));
    }
    let submenu = one(&window, &format!("#{id}-menu > li > ul"));
    assert_eq!(labels(&submenu), ["Redtail CRM", "eMoney"]);
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
    let (mut entries, mut created) = (Registry::default(), Registry::default());
    assert!(!ensure_entry(&document, &window, &mut entries, &mut created).expect("no DOM error"));
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

async fn next_turn() {
    let _ = wasm_bindgen_futures::JsFuture::from(turn()).await;
}

#[wasm_bindgen_test]
async fn only_the_advisors_own_clicks_on_the_entry_could_start_an_export() {
    install_chrome();
    let document = document();
    let window = record_window("_window_id76", &[("Integrations", &["Redtail CRM"])]);
    let body = document.body().expect("body");
    let extension = smartoffice_page::start().expect("a top-level page is a record frame");
    let entry = one(&window, "li li:last-child");
    let label = one(&entry, ":scope > a");
    assert_eq!(label.text_content().as_deref(), Some("eMoney"));
    let children_before = body.child_element_count();

    // A page script's click on the entry: taken away from the page (its
    // `href="#"` goes nowhere) but starting nothing.
    assert!(
        !synthetic(&label, "click"),
        "the click on our entry is ours"
    );
    // An untrusted key is not even looked at.
    assert!(synthetic(&label, "keydown"));
    next_turn().await;
    next_turn().await;
    assert_eq!(sent_to_worker(), 0, "an untrusted click reached the worker");
    assert_eq!(
        body.child_element_count(),
        children_before,
        "no status, no panel"
    );

    // A look-alike of the page's own (same markup, not ours) is not touched.
    let look_alike = entry.clone_node_with_deep(true).expect("clone");
    entry
        .parent_element()
        .expect("submenu")
        .append_child(&look_alike)
        .expect("append");
    let fake_label = look_alike
        .first_child()
        .expect("label")
        .unchecked_into::<Element>();
    assert!(
        synthetic(&fake_label, "click"),
        "a page element's click is the page's"
    );

    // Gone with the extension: its listeners too.
    drop(extension);
    assert!(
        synthetic(&label, "click"),
        "no listener left after the extension went"
    );
    next_turn().await;
    assert_eq!(sent_to_worker(), 0);
    window.remove();
    remove_chrome();
}
