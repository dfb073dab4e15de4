//! The export's dialog: `flow.html` in a window of the extension's own,
//! opened by the worker. No SmartOffice page can script it, take its focus or
//! read its keys, so the eMoney password is only ever typed there. The
//! window talks to the worker over a port; the worker knows its export by the
//! window it opened (the page never learns which), and answers a window it
//! did not open with a sentence only. This module holds the window and its
//! port; what the dialog's requests do is `answers`.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::future::Future;

use js_sys::Reflect;
use serde_json::{json, Value};
use smartoffice_browser::convert::{from_js, to_js};
use smartoffice_browser::events::Listener;
use smartoffice_browser::runtime::{self, Port};
use smartoffice_browser::windows;
use smartoffice_emoney::flow::{DialogWindow, Flow};
use smartoffice_emoney::message::Reply;
use smartoffice_emoney::trust;
use smartoffice_snapshot::text;
use smartoffice_snapshot::words::Text;
use wasm_bindgen::JsValue;

use crate::flows;
use crate::words::rendered;

const DIALOG_PAGE: &str = "flow.html";
const DIALOG_SIZE: (u32, u32) = (560, 680);

struct Connected {
    port: Port,
    _listeners: Vec<Listener>,
}

thread_local! {
    /// The dialog windows connected now, by their tab.
    static PORTS: RefCell<BTreeMap<i64, Connected>> = const { RefCell::new(BTreeMap::new()) };
}

/// Opens the dialog window for `flow`.
pub async fn open(flow: &mut Flow) -> Result<(), Text> {
    let (width, height) = DIALOG_SIZE;
    let opened = windows::open_popup(&runtime::url(DIALOG_PAGE), width, height)
        .await
        .ok_or_else(|| text!("pageDialogFailed"))?;
    flow.dialog = Some(DialogWindow {
        window: opened.window,
        tab: opened.tab,
    });
    flows::save(flow).await.map_err(|_| text!("emoneyStorage"))
}

/// A dialog window connected (`runtime.onConnect`, port named `dialog`):
/// each request on its port gets `answer(tab, request)`.
pub fn connected<F, Answer>(port: JsValue, answer: F)
where
    F: Fn(i64, JsValue) -> Answer + Clone + 'static,
    Answer: Future<Output = Reply> + 'static,
{
    let port = Port::from_js(port);
    let sender = port.sender();
    let url = Reflect::get(&sender, &"url".into())
        .ok()
        .and_then(|url| url.as_string());
    let tab = Reflect::get(&sender, &"tab".into())
        .and_then(|tab| Reflect::get(&tab, &"id".into()))
        .ok()
        .and_then(|id| id.as_f64())
        .map(|id| id as i64);
    let from_dialog = url
        .as_deref()
        .is_some_and(|url| url.starts_with(&runtime::url(DIALOG_PAGE)))
        && trust::accept_extension_page(url.as_deref(), &runtime::extension_origin()).is_ok();
    let Some(tab) = tab.filter(|_| from_dialog) else {
        port.disconnect();
        return;
    };
    let answering = port.clone();
    let on_message = port.on_message(move |message| {
        let port = answering.clone();
        let answer = answer.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let id = Reflect::get(&message, &"id".into()).unwrap_or(JsValue::NULL);
            let request = Reflect::get(&message, &"request".into()).unwrap_or(JsValue::NULL);
            let reply = answer(tab, request).await;
            let reply = serde_json::to_value(&reply)
                .map(rendered)
                .unwrap_or(Value::Null);
            let id: Value = from_js(id).unwrap_or(Value::Null);
            if let Ok(message) = to_js(&json!({ "id": id, "reply": reply })) {
                port.post(&message);
            }
        });
    });
    let on_disconnect = port.on_disconnect(move |_| {
        PORTS.with(|ports| ports.borrow_mut().remove(&tab));
    });
    let listeners = [on_message, on_disconnect].into_iter().flatten().collect();
    PORTS.with(|ports| {
        ports.borrow_mut().insert(
            tab,
            Connected {
                port,
                _listeners: listeners,
            },
        )
    });
}

/// A step of the export, told to the dialog at `tab`.
pub fn progress(tab: i64, said: &str, done: u32, total: u32) {
    let push = json!({ "push": "progress", "said": said, "done": done, "total": total });
    if let Ok(message) = to_js(&push) {
        PORTS.with(|ports| {
            if let Some(connected) = ports.borrow().get(&tab) {
                connected.port.post(&message);
            }
        });
    }
}
