//! A short, polite status in the SmartOffice page, read out by screen
//! readers: the export's progress, then what it did, with a close button,
//! gone after a few seconds unless the advisor is reading it (pointer or
//! focus on it). It sits in a closed shadow root and its text is set as text.

use std::cell::RefCell;
use std::rc::Rc;

use smartoffice_browser::timers::Timer;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, Event, ShadowRootInit, ShadowRootMode};

use super::listen::EventListener;
use super::style::{self, style};

/// How long a closing note stays before it fades.
const FADES_AFTER_MS: u64 = 8_000;

/// The status on the page; it goes when dropped.
pub struct Status {
    host: Element,
    line: Element,
    notes: Element,
    close: Element,
    _listeners: Vec<EventListener>,
    /// Cleared (so the note stays) while the advisor reads it.
    fade: Rc<RefCell<Option<Timer>>>,
    fade_out: Closure<dyn FnMut()>,
}

impl Status {
    pub fn new(document: &Document, close_label: &str) -> Result<Status, JsValue> {
        let host = document.create_element("div")?;
        let shadow = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Closed))?;
        let card = document.create_element("div")?;
        card.set_attribute("role", "status")?;
        card.set_attribute("aria-live", "polite")?;
        style(
            &card,
            &[
                ("position", "fixed"),
                ("right", "16px"),
                ("bottom", "16px"),
                ("z-index", "2147483647"),
                ("max-width", "28em"),
                ("padding", "10px 14px"),
                ("border-radius", "6px"),
                ("background", style::ACCENT),
                ("color", style::PAPER),
                ("font", style::FONT),
                ("box-shadow", "0 2px 8px rgba(0,0,0,.3)"),
            ],
        )?;
        let line = document.create_element("p")?;
        style(&line, &[("margin", "0")])?;
        let notes = document.create_element("ul")?;
        style(&notes, &[("margin", "6px 0 0"), ("padding-left", "18px")])?;
        let close = document.create_element("button")?;
        close.set_attribute("type", "button")?;
        close.set_text_content(Some(close_label));
        style::button(&close, false)?;
        card.append_child(&line)?;
        card.append_child(&notes)?;
        card.append_child(&close)?;
        shadow.append_child(&card)?;
        document.body().ok_or("no body")?.append_child(&host)?;
        let gone = host.clone();
        let fade: Rc<RefCell<Option<Timer>>> = Rc::new(RefCell::new(None));
        let fade_out = Closure::<dyn FnMut()>::new(move || gone.remove());
        let mut listeners = Vec::new();
        let closing = host.clone();
        listeners.push(EventListener::bubble(
            &close,
            "click",
            move |event: Event| {
                if event.is_trusted() {
                    closing.remove();
                }
            },
        )?);
        for kind in ["pointerenter", "focusin"] {
            let fade = fade.clone();
            listeners.push(EventListener::bubble(&card, kind, move |_| {
                fade.borrow_mut().take();
            })?);
        }
        let status = Status {
            host,
            line,
            notes,
            close,
            _listeners: listeners,
            fade,
            fade_out,
        };
        status.set_close_shown(false)?;
        Ok(status)
    }

    fn set_close_shown(&self, shown: bool) -> Result<(), JsValue> {
        style(
            &self.close,
            &[("display", if shown { "inline-block" } else { "none" })],
        )?;
        style(
            &self.notes,
            &[("display", if shown { "block" } else { "none" })],
        )
    }

    /// A step under way: stays until the next.
    pub fn progress(&self, text: &str) -> Result<(), JsValue> {
        self.fade.borrow_mut().take();
        self.line.set_text_content(Some(text));
        self.notes.set_text_content(None);
        self.set_close_shown(false)
    }

    /// What an export did, and what is worth knowing: closable, and gone
    /// after a few seconds.
    pub fn closing_note(&self, text: &str, notes: &[String]) -> Result<(), JsValue> {
        self.line.set_text_content(Some(text));
        self.notes.set_text_content(None);
        for note in notes {
            let item = self
                .notes
                .owner_document()
                .ok_or("no document")?
                .create_element("li")?;
            item.set_text_content(Some(note));
            self.notes.append_child(&item)?;
        }
        self.set_close_shown(true)?;
        let timer = Timer::after(FADES_AFTER_MS, self.fade_out.as_ref().unchecked_ref());
        *self.fade.borrow_mut() = Some(timer);
        Ok(())
    }

    /// Whether the advisor or the timer has closed it.
    pub fn is_gone(&self) -> bool {
        !self.host.is_connected()
    }
}

impl Drop for Status {
    fn drop(&mut self) {
        self.host.remove();
    }
}
