//! The service worker's replies, read by hand: the page module stays free of
//! serde's deserializers, whose error messages format floats (about 20 KB of
//! wasm for nothing the page needs).

use js_sys::Reflect;
use wasm_bindgen::JsValue;

use smartoffice_browser::runtime::{self, MessageError};
use smartoffice_snapshot::protocol::{Reply, Request};

/// Sends `request` and reads the answer; a refusal, a failed step or an
/// unreadable answer comes back as the sentence to show the advisor.
pub async fn ask(request: &Request) -> Result<Reply, String> {
    let answer = runtime::send(request)
        .await
        .map_err(|error| error.to_string())?;
    match read(&answer).map_err(|error| error.to_string())? {
        Reply::Refused { message } | Reply::Failed { message } => Err(message),
        reply => Ok(reply),
    }
}

/// The sentence for an answer of a type the asker did not expect.
pub fn unexpected() -> String {
    MessageError::Unreadable.to_string()
}

/// Reads the reply types a page receives; anything else is unreadable.
fn read(answer: &JsValue) -> Result<Reply, MessageError> {
    let text = |name: &str| {
        Reflect::get(answer, &name.into())
            .ok()
            .and_then(|value| value.as_string())
            .ok_or(MessageError::Unreadable)
    };
    let texts = |name: &str| -> Result<Vec<String>, MessageError> {
        let list = Reflect::get(answer, &name.into()).map_err(|_| MessageError::Unreadable)?;
        if !js_sys::Array::is_array(&list) {
            return Err(MessageError::Unreadable);
        }
        js_sys::Array::from(&list)
            .iter()
            .map(|item| item.as_string().ok_or(MessageError::Unreadable))
            .collect()
    };
    match text("type")?.as_str() {
        "links" => Ok(Reply::Links {
            hrefs: texts("hrefs")?,
        }),
        "blocked" => Ok(Reply::Blocked {
            blocking: texts("blocking")?,
            warnings: texts("warnings")?,
        }),
        "flowStarted" => Ok(Reply::FlowStarted {
            flow_id: text("flowId")?,
        }),
        "launchReady" => Ok(Reply::LaunchReady {
            url: text("url")?,
            summary: text("summary")?,
        }),
        "windowOpened" => Ok(Reply::WindowOpened),
        "refused" => Ok(Reply::Refused {
            message: text("message")?,
        }),
        "failed" => Ok(Reply::Failed {
            message: text("message")?,
        }),
        _ => Err(MessageError::Unreadable),
    }
}
