//! The service worker: accepts messages from this extension only and answers
//! each request type.

mod emoney;
mod http;

use js_sys::Reflect;
use wasm_bindgen::JsValue;

use crate::browser::convert::{from_js, to_js};
use crate::browser::runtime;
use crate::emoney::ExportPayload;
use crate::message::{EmoneyReply, EmoneyRequest, Reply, Request};
use crate::trust::{self, Refusal};

/// What the service worker was asked.
enum Asked {
    Page(Request),
    Emoney(EmoneyRequest),
}

/// Checks the sender, reads the request and answers it.
pub async fn handle(message: JsValue, sender: JsValue) -> JsValue {
    // Replies are plain data; should one ever fail to convert, the caller
    // sees `undefined`, which it reports as an unreadable answer.
    let converted = match accept(message, &sender) {
        Ok(Asked::Page(request)) => to_js(&answer(request).await),
        Ok(Asked::Emoney(request)) => to_js(&answer_emoney(request).await),
        Err(refusal) => to_js(&Reply::Refused {
            message: refusal.to_string(),
        }),
    };
    converted.unwrap_or(JsValue::UNDEFINED)
}

fn accept(message: JsValue, sender: &JsValue) -> Result<Asked, Refusal> {
    let sender_id = Reflect::get(sender, &"id".into())
        .ok()
        .and_then(|id| id.as_string());
    trust::accept(sender_id.as_deref(), &runtime::own_id())?;
    match from_js(message.clone()) {
        Ok(request) => Ok(Asked::Page(request)),
        Err(_) => from_js(message)
            .map(Asked::Emoney)
            .map_err(|_| Refusal::UnknownMessage),
    }
}

async fn answer(request: Request) -> Reply {
    match request {
        Request::ExportRequested { .. } => Reply::ExportAcknowledged {
            extension_version: env!("CARGO_PKG_VERSION").to_owned(),
        },
    }
}

async fn answer_emoney(request: EmoneyRequest) -> EmoneyReply {
    match request {
        EmoneyRequest::SignIn {
            domain,
            user_name,
            password,
            remember_me,
        } => emoney::sign_in(&domain, &user_name, &password.0, remember_me).await,
        EmoneyRequest::SignOut { domain } => emoney::sign_out(&domain).await,
        EmoneyRequest::ExportPayload {
            domain,
            external_id,
            client,
            assets,
            policies,
            update,
        } => {
            let payload = ExportPayload {
                external_id,
                client: *client,
                assets,
                policies,
            };
            emoney::export(&domain, payload, update).await
        }
        EmoneyRequest::ChooseClient {
            domain,
            external_id,
            client_id,
        } => emoney::choose(&domain, &external_id, client_id).await,
    }
}
