//! The page's requests to the service worker (written as JSON by hand, see
//! [`json`]), and its replies read by hand: the page module stays free of
//! serde, whose (de)serializers cost kilobytes of wasm for nothing the page
//! needs.

use js_sys::{Array, Reflect};
use smartoffice_browser::runtime;
use smartoffice_snapshot::json;
use smartoffice_snapshot::protocol::{Reply, Request, Summary};
use wasm_bindgen::JsValue;

use super::words::message;

/// Sends `request` and reads the answer; a refusal, a failed step or an
/// unreadable answer comes back as the sentence to show the advisor.
pub async fn ask(request: &Request) -> Result<Reply, String> {
    // As JSON text: the worker copies one string and parses it in wasm,
    // where walking a household's object field by field took it 60-80 ms.
    let message = JsValue::from_str(&json::request(request));
    let answer = runtime::send(&message)
        .await
        .map_err(|_| words_disconnected())?;
    match read(&answer).ok_or_else(unreadable)? {
        Reply::Failed { said } => Err(said),
        reply => Ok(reply),
    }
}

fn unreadable() -> String {
    message("pageUnreadable", &[])
}

fn words_disconnected() -> String {
    message("pageDisconnected", &[])
}

fn text(value: &JsValue, name: &str) -> Option<String> {
    Reflect::get(value, &name.into()).ok()?.as_string()
}

fn texts(value: &JsValue, name: &str) -> Option<Vec<String>> {
    let list = Reflect::get(value, &name.into()).ok()?;
    if !Array::is_array(&list) {
        return None;
    }
    Array::from(&list)
        .iter()
        .map(|item| item.as_string())
        .collect()
}

pub fn summary(value: &JsValue) -> Option<Summary> {
    let summary = Reflect::get(value, &"summary".into()).ok()?;
    Some(Summary {
        said: text(&summary, "said")?,
        warnings: text(&summary, "warnings"),
        notes: texts(&summary, "notes")?,
    })
}

/// Reads the reply types a page receives; anything else is unreadable.
fn read(answer: &JsValue) -> Option<Reply> {
    Some(match text(answer, "type")?.as_str() {
        "links" => Reply::Links {
            hrefs: texts(answer, "hrefs")?,
        },
        "blocked" => Reply::Blocked {
            blocking: texts(answer, "blocking")?,
            warnings: texts(answer, "warnings")?,
        },
        "dialog" => Reply::Dialog {
            said: text(answer, "said")?,
        },
        "launch" => Reply::Launch {
            url: text(answer, "url")?,
            summary: summary(answer)?,
        },
        "windowOpened" => Reply::WindowOpened,
        "failed" => Reply::Failed {
            said: text(answer, "said")?,
        },
        _ => return None,
    })
}

/// An event the worker sent the page, read the same way.
pub fn event_type(value: &JsValue) -> Option<String> {
    text(value, "type")
}

pub fn event_said(value: &JsValue) -> Option<String> {
    text(value, "said")
}
