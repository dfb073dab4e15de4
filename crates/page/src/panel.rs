//! Our panels in the SmartOffice page: the findings that stop an export and
//! the blocked pop-up warning. Built element by element, text set as text;
//! styled through the CSSOM, which a page's style-src policy does not block.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlElement};

use crate::actions::{ACTION, CLOSE_PANEL};

/// Marks a panel of ours; its value names which one, so a new one replaces
/// the old instead of stacking up.
const PANEL_MARK: &str = "data-so-emoney-panel";

pub struct Panel {
    document: Document,
    root: Element,
}

impl Panel {
    /// A new panel named `name`, in place of any earlier one of that name.
    /// `role` is `alert` for what the advisor must act on.
    pub fn new(
        document: &Document,
        name: &str,
        role: &str,
        heading: &str,
    ) -> Result<Panel, JsValue> {
        if let Some(old) = document.query_selector(&format!("[{PANEL_MARK}='{name}']"))? {
            old.remove();
        }
        let root = document.create_element("section")?;
        root.set_attribute(PANEL_MARK, name)?;
        root.set_attribute("role", role)?;
        style(
            &root,
            &[
                ("position", "fixed"),
                ("top", "12px"),
                ("right", "12px"),
                ("z-index", "2147483647"),
                ("max-width", "30em"),
                ("padding", "14px 18px"),
                ("border-radius", "8px"),
                ("border-left", "6px solid #a4001d"),
                ("background", "#ffffff"),
                ("color", "#1b1b1b"),
                ("font", "14px/1.45 system-ui, sans-serif"),
                ("box-shadow", "0 4px 18px rgba(0,0,0,.3)"),
            ],
        )?;
        let title = document.create_element("h2")?;
        title.set_text_content(Some(heading));
        style(
            &title,
            &[
                ("font-size", "16px"),
                ("margin", "0 0 6px"),
                ("color", "#1f3a5f"),
            ],
        )?;
        root.append_child(&title)?;
        let panel = Panel {
            document: document.clone(),
            root,
        };
        Ok(panel)
    }

    pub fn paragraph(&self, text: &str) -> Result<Element, JsValue> {
        let paragraph = self.document.create_element("p")?;
        paragraph.set_text_content(Some(text));
        style(&paragraph, &[("margin", "6px 0")])?;
        self.root.append_child(&paragraph)?;
        Ok(paragraph)
    }

    pub fn list(&self, items: &[String]) -> Result<(), JsValue> {
        let list = self.document.create_element("ul")?;
        style(&list, &[("margin", "6px 0"), ("padding-left", "20px")])?;
        for text in items {
            let item = self.document.create_element("li")?;
            item.set_text_content(Some(text));
            list.append_child(&item)?;
        }
        self.root.append_child(&list)?;
        Ok(())
    }

    /// A button doing `action` (see `actions`), with extra attributes.
    pub fn button(
        &self,
        label: &str,
        action: &str,
        attributes: &[(&str, &str)],
    ) -> Result<Element, JsValue> {
        let button = self.document.create_element("button")?;
        button.set_attribute("type", "button")?;
        button.set_attribute(ACTION, action)?;
        for (name, value) in attributes {
            button.set_attribute(name, value)?;
        }
        button.set_text_content(Some(label));
        style(
            &button,
            &[
                ("margin", "8px 8px 0 0"),
                ("padding", "5px 14px"),
                ("font", "inherit"),
                ("border-radius", "4px"),
                ("border", "1px solid #1f3a5f"),
                (
                    "background",
                    if action == CLOSE_PANEL {
                        "#ffffff"
                    } else {
                        "#1f3a5f"
                    },
                ),
                (
                    "color",
                    if action == CLOSE_PANEL {
                        "#1f3a5f"
                    } else {
                        "#ffffff"
                    },
                ),
                ("cursor", "pointer"),
            ],
        )?;
        self.root.append_child(&button)?;
        Ok(button)
    }

    /// Puts the panel on the page and moves the keyboard to `focus`.
    pub fn show(self, focus: Option<&Element>) -> Result<Element, JsValue> {
        self.document
            .body()
            .ok_or("no body")?
            .append_child(&self.root)?;
        if let Some(element) = focus.and_then(|element| element.dyn_ref::<HtmlElement>()) {
            element.focus()?;
        }
        Ok(self.root)
    }
}

/// Closes the panel around `element`.
pub fn close_around(element: &Element) {
    if let Ok(Some(panel)) = element.closest(&format!("[{PANEL_MARK}]")) {
        panel.remove();
    }
}

pub fn style(element: &Element, properties: &[(&str, &str)]) -> Result<(), JsValue> {
    if let Some(element) = element.dyn_ref::<HtmlElement>() {
        let style = element.style();
        for (property, value) in properties {
            style.set_property(property, value)?;
        }
    }
    Ok(())
}
