//! DOM listeners and observers with a lifetime, in the manner of gloo's
//! `EventListener`: each is a value that removes itself when dropped, owned
//! by what it serves (the extension's handle for the page's life, a panel
//! for its own).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    AddEventListenerOptions, Event, EventListenerOptions, EventTarget, MutationObserver,
    MutationObserverInit, Node,
};

/// A listener on a DOM target, removed on drop.
pub struct EventListener {
    target: EventTarget,
    kind: &'static str,
    capture: bool,
    closure: Closure<dyn FnMut(Event)>,
}

impl EventListener {
    /// Listens in the capture phase, before the page's own listeners on the
    /// way down can stop the event.
    pub fn capture(
        target: &EventTarget,
        kind: &'static str,
        handler: impl FnMut(Event) + 'static,
    ) -> Result<EventListener, JsValue> {
        Self::new(target, kind, true, handler)
    }

    pub fn bubble(
        target: &EventTarget,
        kind: &'static str,
        handler: impl FnMut(Event) + 'static,
    ) -> Result<EventListener, JsValue> {
        Self::new(target, kind, false, handler)
    }

    fn new(
        target: &EventTarget,
        kind: &'static str,
        capture: bool,
        handler: impl FnMut(Event) + 'static,
    ) -> Result<EventListener, JsValue> {
        let closure = Closure::<dyn FnMut(Event)>::new(handler);
        let options = AddEventListenerOptions::new();
        options.set_capture(capture);
        target.add_event_listener_with_callback_and_add_event_listener_options(
            kind,
            closure.as_ref().unchecked_ref(),
            &options,
        )?;
        Ok(EventListener {
            target: target.clone(),
            kind,
            capture,
            closure,
        })
    }
}

impl Drop for EventListener {
    fn drop(&mut self) {
        let options = EventListenerOptions::new();
        options.set_capture(self.capture);
        // A target that refuses to let go is being torn down with its page.
        let _ = self
            .target
            .remove_event_listener_with_callback_and_event_listener_options(
                self.kind,
                self.closure.as_ref().unchecked_ref(),
                &options,
            );
    }
}

/// A mutation observer of child lists under a node, disconnected on drop.
pub struct ChildListObserver {
    observer: MutationObserver,
    _closure: Closure<dyn FnMut(JsValue, JsValue)>,
}

impl ChildListObserver {
    /// Calls `handler` once per batch of changes anywhere under `root`:
    /// child lists only (no attributes, no text), which keeps the page fast.
    pub fn watch(root: &Node, mut handler: impl FnMut() + 'static) -> Result<Self, JsValue> {
        let closure =
            Closure::<dyn FnMut(JsValue, JsValue)>::new(move |_: JsValue, _: JsValue| handler());
        let observer = MutationObserver::new(closure.as_ref().unchecked_ref())?;
        let options = MutationObserverInit::new();
        options.set_child_list(true);
        options.set_subtree(true);
        observer.observe_with_options(root, &options)?;
        Ok(ChildListObserver {
            observer,
            _closure: closure,
        })
    }

    /// Drops the changes not yet handed to the handler: the extension's own,
    /// just made (its status line), which are none of the page's.
    pub fn forget_pending(&self) {
        self.observer.take_records();
    }
}

impl Drop for ChildListObserver {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}
