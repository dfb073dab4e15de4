//! The extension's panels in the SmartOffice page (what stops an export, a
//! blocked eMoney window). A panel is modal: it sits in a closed shadow root
//! over a backdrop, the record behind it is inert, Tab stays inside, Escape
//! closes it, and focus goes back to the record's Menu when it goes. Its
//! text is set as text; its buttons answer the advisor's own clicks and keys
//! only (never a page script's `click()`).

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    Document, Element, Event, HtmlElement, KeyboardEvent, ShadowRoot, ShadowRootInit,
    ShadowRootMode,
};

use super::action::{Action, Dispatch};
use super::listen::EventListener;
use super::style::{self, style};

/// A panel being built.
pub struct PanelBuilder {
    document: Document,
    host: Element,
    shadow: ShadowRoot,
    card: Element,
    heading: Element,
    buttons: Vec<Element>,
    listeners: Vec<EventListener>,
    dispatch: Dispatch,
}

/// A panel on the page; it goes (and the page comes back) when dropped.
pub struct Panel {
    host: Element,
    /// The page's elements made inert while the panel shows.
    inert: Vec<Element>,
    return_focus: Option<Element>,
    _listeners: Vec<EventListener>,
}

impl PanelBuilder {
    /// A panel headed `heading`; `alert` for what stops the advisor.
    pub fn new(
        document: &Document,
        heading: &str,
        alert: bool,
        dispatch: Dispatch,
    ) -> Result<PanelBuilder, JsValue> {
        let host = document.create_element("div")?;
        style(
            &host,
            &[
                ("position", "fixed"),
                ("inset", "0"),
                ("z-index", "2147483647"),
                ("display", "block"),
                ("background", "rgba(0, 0, 0, 0.25)"),
            ],
        )?;
        let shadow = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Closed))?;
        let card = document.create_element("section")?;
        card.set_attribute("role", if alert { "alertdialog" } else { "dialog" })?;
        card.set_attribute("aria-modal", "true")?;
        style(
            &card,
            &[
                ("position", "fixed"),
                ("top", "12px"),
                ("right", "12px"),
                ("max-width", "32em"),
                ("max-height", "calc(100vh - 24px)"),
                ("overflow", "auto"),
                ("padding", "14px 18px"),
                ("border-radius", "8px"),
                (
                    "border-left",
                    &[
                        "6px solid ",
                        if alert { style::ALERT } else { style::ACCENT },
                    ]
                    .concat(),
                ),
                ("background", style::PAPER),
                ("color", style::INK),
                ("font", style::FONT),
                ("box-shadow", "0 4px 18px rgba(0,0,0,.3)"),
            ],
        )?;
        let heading_element = document.create_element("h2")?;
        heading_element.set_text_content(Some(heading));
        heading_element.set_id("so-emoney-panel-heading");
        heading_element.set_attribute("tabindex", "-1")?;
        style(
            &heading_element,
            &[
                ("font-size", "16px"),
                ("margin", "0 0 6px"),
                ("color", style::ACCENT),
            ],
        )?;
        card.set_attribute("aria-labelledby", "so-emoney-panel-heading")?;
        card.append_child(&heading_element)?;
        shadow.append_child(&card)?;
        Ok(PanelBuilder {
            document: document.clone(),
            host,
            shadow,
            card,
            heading: heading_element,
            buttons: Vec::new(),
            listeners: Vec::new(),
            dispatch,
        })
    }

    pub fn paragraph(&mut self, text: &str) -> Result<(), JsValue> {
        let paragraph = self.document.create_element("p")?;
        paragraph.set_text_content(Some(text));
        style(&paragraph, &[("margin", "6px 0")])?;
        self.card.append_child(&paragraph)?;
        Ok(())
    }

    pub fn list(&mut self, items: &[String]) -> Result<(), JsValue> {
        let list = self.document.create_element("ul")?;
        style(&list, &[("margin", "6px 0"), ("padding-left", "20px")])?;
        for text in items {
            let item = self.document.create_element("li")?;
            item.set_text_content(Some(text));
            list.append_child(&item)?;
        }
        self.card.append_child(&list)?;
        Ok(())
    }

    /// A button doing `action` when the advisor clicks it.
    pub fn button(&mut self, label: &str, action: Action, primary: bool) -> Result<(), JsValue> {
        let button = self.document.create_element("button")?;
        button.set_attribute("type", "button")?;
        button.set_text_content(Some(label));
        style::button(&button, primary)?;
        let dispatch = self.dispatch.clone();
        self.listeners.push(EventListener::bubble(
            &button,
            "click",
            move |event: Event| {
                event.prevent_default();
                if event.is_trusted() {
                    dispatch(action.clone());
                }
            },
        )?);
        self.card.append_child(&button)?;
        self.buttons.push(button);
        Ok(())
    }

    /// Puts the panel over the page. The keyboard goes to the heading (so a
    /// screen reader starts there and no button is pressed by a stray Enter);
    /// `return_focus` gets it back when the panel goes.
    pub fn show(mut self, return_focus: Option<Element>) -> Result<Panel, JsValue> {
        let body = self.document.body().ok_or("no body")?;
        let mut inert = Vec::new();
        let children = body.children();
        for index in 0..children.length() {
            if let Some(child) = children.item(index) {
                if !child.has_attribute("inert") {
                    child.set_attribute("inert", "")?;
                    inert.push(child);
                }
            }
        }
        body.append_child(&self.host)?;
        let focusable: Vec<Element> = std::iter::once(self.heading.clone())
            .chain(self.buttons.iter().cloned())
            .collect();
        let shadow = self.shadow.clone();
        let dispatch = self.dispatch.clone();
        self.listeners.push(EventListener::capture(
            &self.shadow,
            "keydown",
            move |event: Event| {
                let Some(key) = event.dyn_ref::<KeyboardEvent>() else {
                    return;
                };
                if !event.is_trusted() {
                    return;
                }
                match key.key().as_str() {
                    "Escape" => {
                        event.prevent_default();
                        dispatch(Action::ClosePanel);
                    }
                    "Tab" => {
                        event.prevent_default();
                        cycle(&shadow, &focusable, key.shift_key());
                    }
                    _ => {}
                }
            },
        )?);
        focus(&self.heading);
        Ok(Panel {
            host: self.host,
            inert,
            return_focus,
            _listeners: self.listeners,
        })
    }
}

/// Moves focus to the next (or previous) of `focusable`, round the end.
fn cycle(shadow: &ShadowRoot, focusable: &[Element], backwards: bool) {
    let current = shadow.active_element();
    let at = focusable
        .iter()
        .position(|element| Some(element) == current.as_ref());
    let count = focusable.len();
    if count == 0 {
        return;
    }
    let next = match (at, backwards) {
        (Some(at), false) => (at + 1) % count,
        (Some(at), true) => (at + count - 1) % count,
        (None, false) => 0,
        (None, true) => count - 1,
    };
    focus(&focusable[next]);
}

pub fn focus(element: &Element) {
    if let Some(element) = element.dyn_ref::<HtmlElement>() {
        let _ = element.focus();
    }
}

impl Drop for Panel {
    fn drop(&mut self) {
        self.host.remove();
        for element in &self.inert {
            let _ = element.remove_attribute("inert");
        }
        if let Some(element) = &self.return_focus {
            focus(element);
        }
    }
}
