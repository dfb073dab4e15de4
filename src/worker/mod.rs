//! The service worker: accepts messages from this extension only and answers
//! each request type.

mod emoney;
mod http;

use js_sys::Reflect;
use wasm_bindgen::JsValue;

use crate::browser::convert::{from_js, to_js};
use crate::browser::runtime;
use crate::emoney::ExportPayload;
use crate::message::{Reply, Request};
use crate::trust::{self, Refusal};

/// Checks the sender, reads the request and answers it.
pub async fn handle(message: JsValue, sender: JsValue) -> JsValue {
    let reply = match accept(message, &sender) {
        Ok(request) => answer(request).await,
        Err(refusal) => Reply::Refused {
            message: refusal.to_string(),
        },
    };
    // A reply is plain data; should it ever fail to convert, the caller sees
    // `undefined`, which the page reports as an unreadable answer.
    to_js(&reply).unwrap_or(JsValue::UNDEFINED)
}

fn accept(message: JsValue, sender: &JsValue) -> Result<Request, Refusal> {
    let sender_id = Reflect::get(sender, &"id".into())
        .ok()
        .and_then(|id| id.as_string());
    trust::accept(sender_id.as_deref(), &runtime::own_id())?;
    from_js(message).map_err(|_| Refusal::UnknownMessage)
}

async fn answer(request: Request) -> Reply {
    match request {
        Request::ExportRequested { .. } => Reply::ExportAcknowledged {
            extension_version: env!("CARGO_PKG_VERSION").to_owned(),
        },
        Request::SignIn {
            domain,
            user_name,
            password,
            remember_me,
        } => emoney::sign_in(&domain, &user_name, &password.0, remember_me).await,
        Request::SignOut { domain } => emoney::sign_out(&domain).await,
        Request::ExportPayload {
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
        Request::ChooseClient {
            domain,
            external_id,
            client_id,
        } => emoney::choose(&domain, &external_id, client_id).await,
    }
}
