//! What the extension's own elements do, and which elements are its own.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, Node};

/// What one of the extension's elements does when the advisor uses it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Menu > Integrations > eMoney, chosen on this entry.
    Export { entry: Element },
    /// The blocked-window alert's button.
    OpenEmoney,
    /// A panel's Close (or Escape).
    ClosePanel,
}

/// Runs an action later (never inside the listener that asked: an action
/// may drop the very element and listener it came from).
pub type Dispatch = Rc<dyn Fn(Action)>;

/// Elements the extension made (menu entries, created submenus), kept by
/// reference: an element of the page's own, whatever it carries, is never
/// one of them.
#[derive(Default)]
pub struct Registry {
    entries: Vec<Element>,
}

impl Registry {
    pub fn add(&mut self, entry: &Element) {
        self.entries.push(entry.clone());
    }

    /// The extension's entry at or around `target`, if there is one.
    pub fn entry_at(&self, target: &Node) -> Option<Element> {
        let mut node = Some(target.clone());
        while let Some(current) = node {
            if let Some(element) = current.dyn_ref::<Element>() {
                if self.entries.iter().any(|entry| entry == element) {
                    return Some(element.clone());
                }
            }
            node = current.parent_node();
        }
        None
    }

    /// Whether one of the entries is inside `list`.
    pub fn entry_within(&self, list: &Element) -> bool {
        self.entries.iter().any(|entry| list.contains(Some(entry)))
    }

    /// Lets go of entries SmartOffice threw away when it rebuilt its menu.
    pub fn forget_detached(&mut self) {
        self.entries.retain(|entry| entry.is_connected());
    }
}
