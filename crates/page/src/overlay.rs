//! The export's dialog over the record: an extension page (`flow.html`) in a
//! frame inside a closed shadow root. The SmartOffice page's scripts can
//! reach neither the frame's fields nor the keys typed into them; the frame
//! tells this script only "close" or "launch".

use std::cell::RefCell;

use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use web_sys::{
    Document, Element, HtmlElement, HtmlIFrameElement, MessageEvent, ShadowRootInit, ShadowRootMode,
};

use crate::{launch, panel::style};
use smartoffice_browser::runtime;

/// Marks the element holding our dialog frame.
const OVERLAY_MARK: &str = "data-so-emoney-overlay";

struct Open {
    host: Element,
    frame: HtmlIFrameElement,
    flow_id: String,
}

thread_local! {
    static OPEN: RefCell<Option<Open>> = const { RefCell::new(None) };
    static LISTENING: RefCell<bool> = const { RefCell::new(false) };
}

/// Opens the dialog for export `flow_id`, in place of any open one.
pub fn open(document: &Document, flow_id: &str) -> Result<(), JsValue> {
    close();
    listen()?;
    let host = document.create_element("div")?;
    host.set_attribute(OVERLAY_MARK, "")?;
    style(
        &host,
        &[
            ("position", "fixed"),
            ("inset", "0"),
            ("z-index", "2147483647"),
            ("display", "block"),
        ],
    )?;
    let shadow = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Closed))?;
    let frame: HtmlIFrameElement = document.create_element("iframe")?.dyn_into()?;
    frame.set_src(&runtime::url(&format!(
        "flow.html?flow={}",
        js_sys::encode_uri_component(flow_id)
    )));
    frame.set_title("eMoney");
    style(
        &frame,
        &[
            ("width", "100%"),
            ("height", "100%"),
            ("border", "0"),
            ("background", "transparent"),
        ],
    )?;
    shadow.append_child(&frame)?;
    document.body().ok_or("no body")?.append_child(&host)?;
    // The dialog's first field gets the keyboard once its page is there.
    let focus_target = frame.clone();
    let on_load = Closure::once_into_js(move || {
        let _ = focus_target.unchecked_ref::<HtmlElement>().focus();
    });
    frame.add_event_listener_with_callback("load", on_load.unchecked_ref())?;
    OPEN.with(|open| {
        *open.borrow_mut() = Some(Open {
            host,
            frame,
            flow_id: flow_id.to_owned(),
        })
    });
    Ok(())
}

/// Removes the dialog.
pub fn close() {
    if let Some(open) = OPEN.with(|open| open.borrow_mut().take()) {
        open.host.remove();
    }
}

/// One listener for the page's life: messages count only when they come from
/// our dialog frame, at the extension's origin.
fn listen() -> Result<(), JsValue> {
    if LISTENING.with(|listening| listening.replace(true)) {
        return Ok(());
    }
    let window = web_sys::window().ok_or("no window")?;
    let closure = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
        let Some((frame, flow_id)) = OPEN.with(|open| {
            open.borrow()
                .as_ref()
                .map(|open| (open.frame.clone(), open.flow_id.clone()))
        }) else {
            return;
        };
        let from_frame = match (event.source(), frame.content_window()) {
            (Some(source), Some(window)) => js_sys::Object::is(&source, &window),
            _ => false,
        };
        if !from_frame || event.origin() != runtime::extension_origin() {
            return;
        }
        let what = js_sys::Reflect::get(&event.data(), &"soEmoney".into())
            .ok()
            .and_then(|value| value.as_string());
        match what.as_deref() {
            Some("close") => close(),
            Some("launch") => {
                close();
                wasm_bindgen_futures::spawn_local(launch::open(flow_id));
            }
            _ => {}
        }
    });
    window.add_event_listener_with_callback("message", closure.as_ref().unchecked_ref())?;
    closure.forget();
    Ok(())
}
