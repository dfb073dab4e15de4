//! The content script's wasm: it reads the page into plain data and renders
//! the extension's few elements in it, and holds no business logic (checking,
//! mapping and eMoney run in the service worker).
//!
//! [`start`] is called once per record frame by the loader; it returns the
//! [`Extension`], which owns every listener and observer the page gets (they
//! go when it is dropped). One router ([`Page::handle`]) wires the features
//! (`features/`), which use the kit (`kit/`) and never each other. Only the
//! advisor's own clicks and keys on the extension's own elements (kept by
//! reference, never found by attribute) start anything.

pub mod dom;
pub mod features;
pub mod kit;
pub mod reader;
pub mod record_page;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::Reflect;
use smartoffice_browser::events::Listener;
use smartoffice_browser::runtime;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, Event, Node};

use features::{export, launch, menu};
use kit::action::{Action, Dispatch, Registry};
use kit::ask;
use kit::listen::{ChildListObserver, EventListener};
use kit::panel::{focus, Panel};
use kit::status::Status;
use kit::words::message;

/// The extension in one record frame; dropping it takes everything away.
#[wasm_bindgen]
pub struct Extension {
    _page: Rc<Page>,
}

/// Starts the extension in this frame when it shows a SmartOffice record
/// (`None` elsewhere): adds the eMoney entry to every record window's Menu
/// now and whenever SmartOffice rebuilds it.
#[wasm_bindgen]
pub fn start() -> Option<Extension> {
    match Page::start() {
        Ok(page) => page.map(|page| Extension { _page: page }),
        Err(error) => {
            web_sys::console::warn_2(&"SmartOffice → eMoney could not start:".into(), &error);
            None
        }
    }
}

struct Page {
    document: Document,
    first_words: FirstWords,
    entries: RefCell<Registry>,
    created: RefCell<Registry>,
    panel: RefCell<Option<Panel>>,
    status: RefCell<Option<Status>>,
    /// The Menu button the keyboard goes back to after a panel or dialog.
    menu: RefCell<Option<Element>>,
    exporting: Cell<bool>,
    listeners: RefCell<Vec<EventListener>>,
    observer: RefCell<Option<ChildListObserver>>,
    worker: RefCell<Option<Listener>>,
}

/// The words a click on eMoney shows first, read when the module starts: a
/// frame's first `chrome.i18n` call fetches the extension's messages from
/// the browser, which took a third of the page's work on a contact's click.
struct FirstWords {
    reading: String,
    close: String,
}

impl FirstWords {
    fn read() -> FirstWords {
        FirstWords {
            reading: message("pageReading", &[]),
            close: message("pageClose", &[]),
        }
    }
}

impl Page {
    fn start() -> Result<Option<Rc<Page>>, JsValue> {
        let window = web_sys::window().ok_or("no window")?;
        let document = window.document().ok_or("no document")?;
        if !record_page::is_record_frame(&window)? {
            return Ok(None);
        }
        let page = Rc::new(Page {
            document: document.clone(),
            first_words: FirstWords::read(),
            entries: RefCell::default(),
            created: RefCell::default(),
            panel: RefCell::new(None),
            status: RefCell::new(None),
            menu: RefCell::new(None),
            exporting: Cell::new(false),
            listeners: RefCell::default(),
            observer: RefCell::new(None),
            worker: RefCell::new(None),
        });
        page.rescan();
        page.listen(&document)?;
        Ok(Some(page))
    }

    fn dispatch(self: &Rc<Self>) -> Dispatch {
        let page = Rc::downgrade(self);
        Rc::new(move |action| {
            if let Some(page) = page.upgrade() {
                wasm_bindgen_futures::spawn_local(page.handle(action));
            }
        })
    }

    fn rescan(&self) {
        menu::rescan(
            &self.document,
            &mut self.entries.borrow_mut(),
            &mut self.created.borrow_mut(),
        );
    }

    fn listen(self: &Rc<Self>, document: &Document) -> Result<(), JsValue> {
        let mut listeners = Vec::new();
        let dispatch = self.dispatch();
        let page = Rc::downgrade(self);
        listeners.push(EventListener::capture(
            document,
            "click",
            move |event: Event| {
                let Some(page) = page.upgrade() else { return };
                let entry = target(&event).and_then(|node| page.entries.borrow().entry_at(&node));
                if let Some(entry) = entry {
                    event.prevent_default();
                    // A page script's `click()` (or its own look-alike) does nothing.
                    if event.is_trusted() {
                        dispatch(Action::Export { entry });
                    }
                }
            },
        )?);
        let dispatch = self.dispatch();
        let page = Rc::downgrade(self);
        listeners.push(EventListener::capture(
            document,
            "keydown",
            move |event: Event| {
                let Some(page) = page.upgrade() else { return };
                if !event.is_trusted() {
                    return;
                }
                let chosen = menu::key(&event, &page.entries.borrow(), &page.created.borrow());
                let entry = target(&event).and_then(|node| page.entries.borrow().entry_at(&node));
                if let (true, Some(entry)) = (chosen, entry) {
                    dispatch(Action::Export { entry });
                }
            },
        )?);
        for kind in ["mouseover", "mouseout", "focusout"] {
            let page = Rc::downgrade(self);
            listeners.push(EventListener::capture(
                document,
                kind,
                move |event: Event| {
                    if let Some(page) = page.upgrade() {
                        menu::pointer(&event, &page.created.borrow());
                    }
                },
            )?);
        }
        *self.listeners.borrow_mut() = listeners;
        let root = document.document_element().ok_or("no root element")?;
        let page = Rc::downgrade(self);
        *self.observer.borrow_mut() = Some(ChildListObserver::watch(&root, move || {
            if let Some(page) = page.upgrade() {
                page.rescan();
            }
        })?);
        let page = Rc::downgrade(self);
        *self.worker.borrow_mut() = runtime::on_message(move |message, sender| {
            let from_us = Reflect::get(&sender, &"id".into())
                .ok()
                .and_then(|id| id.as_string())
                .is_some_and(|id| id == runtime::own_id());
            let page = page.upgrade()?;
            from_us.then(|| page.heard(&message))
        });
        Ok(())
    }

    /// The status line, made again when the advisor (or time) closed it.
    fn status(&self) -> Option<std::cell::RefMut<'_, Status>> {
        let mut status = self.status.borrow_mut();
        if status.as_ref().is_none_or(Status::is_gone) {
            *status = Status::new(&self.document, &self.first_words.close).ok();
            // The menu needs no new look for it (2-5 ms of a household's
            // click). A page change dropped with it is seen at the page's
            // next: a rescan looks at the whole document.
            if let Some(observer) = self.observer.borrow().as_ref() {
                observer.forget_pending();
            }
        }
        std::cell::RefMut::filter_map(status, Option::as_mut).ok()
    }

    fn say(&self, said: &str) {
        if let Some(status) = self.status() {
            // A page without a body has nowhere to show a status: nothing to do.
            let _ = status.progress(said);
        }
    }

    fn note(&self, said: &str, notes: &[String]) {
        if let Some(status) = self.status() {
            let _ = status.closing_note(said, notes);
        }
    }

    fn summary_note(&self, summary: &smartoffice_snapshot::protocol::Summary) {
        let mut notes: Vec<String> = summary.warnings.iter().cloned().collect();
        notes.extend(summary.notes.iter().cloned());
        self.note(&summary.said, &notes);
    }

    fn back_to_menu(&self) {
        if let Some(menu) = self.menu.borrow().as_ref() {
            focus(menu);
        }
    }

    fn show_panel(&self, panel: kit::panel::PanelBuilder) {
        let shown = panel.show(self.menu.borrow().clone());
        *self.panel.borrow_mut() = shown.ok();
    }

    /// The one router: what each of the extension's actions does.
    async fn handle(self: Rc<Self>, action: Action) {
        match action {
            Action::Export { entry } => {
                if self.exporting.replace(true) {
                    return;
                }
                *self.menu.borrow_mut() = record_page::menu_around(&self.document, &entry);
                self.panel.borrow_mut().take();
                self.say(&self.first_words.reading);
                let outcome = export::run(&self.document, self.dispatch()).await;
                match outcome {
                    export::Outcome::Said(said) => self.note(&said, &[]),
                    export::Outcome::Blocked(panel) => {
                        self.status.borrow_mut().take();
                        self.show_panel(panel);
                    }
                    export::Outcome::Launch { url, summary } => {
                        match launch::open(&self.document, &url, self.dispatch()).await {
                            launch::Opened::Yes => self.summary_note(&summary),
                            launch::Opened::Blocked(panel) => {
                                self.status.borrow_mut().take();
                                self.show_panel(panel);
                            }
                            launch::Opened::Said(said) => self.note(&said, &[]),
                        }
                    }
                }
                self.exporting.set(false);
            }
            Action::OpenEmoney => match launch::open_from_worker().await {
                Ok(()) => {
                    self.panel.borrow_mut().take();
                }
                Err(said) => {
                    self.panel.borrow_mut().take();
                    self.note(&said, &[]);
                }
            },
            Action::ClosePanel => {
                // Dropping the panel gives the keyboard back to the Menu.
                self.panel.borrow_mut().take();
            }
        }
    }

    /// An event from the service worker about this page's export.
    fn heard(&self, message: &JsValue) -> JsValue {
        match ask::event_type(message).as_deref() {
            Some("progress") => {
                if let Some(said) = ask::event_said(message) {
                    self.say(&said);
                }
            }
            Some("done") => {
                if let Some(summary) = ask::summary(message) {
                    self.summary_note(&summary);
                }
                self.back_to_menu();
            }
            Some("ended") => {
                if let Some(said) = ask::event_said(message) {
                    self.note(&said, &[]);
                }
                self.back_to_menu();
            }
            // The worker's report of what the extension sees here.
            Some("report") => return reader::report(&self.document).into(),
            // Whether this is a record, asked on the Menu's first opening:
            // its outline, without values or the holdings' rows.
            Some("recognise") => return reader::outline(&self.document).into(),
            _ => return JsValue::FALSE,
        }
        JsValue::TRUE
    }
}

fn target(event: &Event) -> Option<Node> {
    event.target()?.dyn_into::<Node>().ok()
}
