//! The service worker's wasm: the pure core over the browser's edges. It
//! accepts messages from this extension only (its content scripts and its
//! own pages, told apart by what the browser says of the sender) and answers
//! each request type. `extension/background.js` registers the listeners and
//! hands each event here.

mod answers;
mod client;
mod dialog;
mod drive;
mod edges;
mod export;
mod flows;
mod http;
mod module;
mod offices;
mod options;
mod profile;
mod report;
mod settings;
mod timeline;
mod words;

use js_sys::Reflect;
use smartoffice_browser::convert::{from_js, to_js};
use smartoffice_browser::runtime;
use smartoffice_emoney::flow::Origin;
use smartoffice_emoney::message;
use smartoffice_emoney::trust::{self, Refusal};
use smartoffice_snapshot::protocol::{Reply, Request};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

use crate::words::{rendered, say};

fn field(value: &JsValue, name: &str) -> JsValue {
    Reflect::get(value, &name.into()).unwrap_or(JsValue::UNDEFINED)
}

fn to_reply<T: serde::Serialize>(reply: &T) -> JsValue {
    // Replies are plain data; should one ever fail to convert, the caller
    // sees `undefined`, which it reports as an unreadable answer.
    serde_json::to_value(reply)
        .map(rendered)
        .ok()
        .and_then(|value| to_js(&value).ok())
        .unwrap_or(JsValue::UNDEFINED)
}

fn refused(refusal: Refusal) -> JsValue {
    to_reply(&Reply::Failed {
        said: say(&refusal.text()),
    })
}

/// `runtime.onMessage`: a content script's request, or an extension page's.
#[wasm_bindgen(js_name = handleMessage)]
pub async fn handle_message(message: JsValue, sender: JsValue) -> JsValue {
    let sender_id = field(&sender, "id").as_string();
    if let Err(refusal) = trust::accept(sender_id.as_deref(), &runtime::own_id()) {
        return refused(refusal);
    }
    let url = field(&sender, "url").as_string();
    let own = runtime::extension_origin();
    if trust::accept_extension_page(url.as_deref(), &own).is_ok() {
        // The dialog talks over its port only; the options page sends these.
        if !url
            .as_deref()
            .is_some_and(|url| url.starts_with(&runtime::url("options.html")))
        {
            return refused(Refusal::NotAnExtensionPage);
        }
        return match from_js::<message::Request>(message) {
            Ok(request) => to_reply(&options::answer(request).await),
            Err(_) => refused(Refusal::UnknownMessage),
        };
    }
    let tab = field(&sender, "tab");
    if let Err(refusal) = trust::accept_page(url.as_deref(), tab.is_object(), &own) {
        return refused(refusal);
    }
    let origin = Origin {
        tab: field(&tab, "id").as_f64().unwrap_or(-1.0) as i64,
        frame: field(&sender, "frameId").as_f64().unwrap_or(0.0) as i64,
        document: field(&sender, "documentId").as_string(),
    };
    let decoding = timeline::now();
    // The page sends its requests as JSON text (one string to copy, parsed
    // in wasm); the loader sends a plain object.
    let request = match message.as_string() {
        Some(json) => serde_json::from_str::<Request>(&json).ok(),
        None => from_js::<Request>(message).ok(),
    };
    let Some(request) = request else {
        return refused(Refusal::UnknownMessage);
    };
    timeline::measure(
        match &request {
            Request::RecordLinks { .. } => "so-emoney decode links",
            Request::ExportStart { .. } => "so-emoney decode export",
            _ => "so-emoney decode",
        },
        decoding,
    );
    to_reply(&match request {
        Request::RecordLinks { page } => export::links(&page).await,
        Request::ExportStart { page, linked } => export::start(*page, linked, origin).await,
        Request::EmoneyOpened => export::opened(&origin).await,
        Request::OpenEmoney => export::open_emoney(&origin).await,
        Request::LoadPage { plain_js } => {
            let reply = module::load(&origin, plain_js).await;
            if reply == Reply::Loaded {
                let office = office_of(url.as_deref());
                wasm_bindgen_futures::spawn_local(report::check(origin, office, true));
            }
            reply
        }
        Request::NoMenu => {
            let office = office_of(url.as_deref());
            wasm_bindgen_futures::spawn_local(report::check(origin, office, false));
            Reply::Heard
        }
        Request::PageWasm => module::wasm().await,
    })
}

/// The host of a frame's address, which the once-only sentences go by.
fn office_of(url: Option<&str>) -> String {
    let rest = url.unwrap_or_default();
    let rest = rest.split_once("://").map_or(rest, |(_, rest)| rest);
    rest.split(['/', '?', '#'])
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// `runtime.onConnect`: the export's dialog window opened its port.
#[wasm_bindgen(js_name = dialogConnected)]
pub fn dialog_connected(port: JsValue) {
    dialog::connected(port, answers::answer);
}

/// `windows.onRemoved`.
#[wasm_bindgen(js_name = windowRemoved)]
pub async fn window_removed(window: f64) {
    answers::window_removed(window as i64).await;
}

/// The extension started (installed, updated, or the browser opened): the
/// loader is registered on the offices added since.
#[wasm_bindgen(js_name = started)]
pub async fn started() {
    offices::sync().await;
}
