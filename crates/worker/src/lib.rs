//! The service worker: accepts messages from this extension only and answers
//! each request type.

mod emoney;
mod flow;
mod http;
mod settings;

use js_sys::Reflect;
use wasm_bindgen::JsValue;

use smartoffice_browser::convert::{from_js, to_js};
use smartoffice_browser::runtime;
use smartoffice_emoney::emoney::ExportPayload;
use smartoffice_emoney::message::{EmoneyReply, EmoneyRequest};
use smartoffice_emoney::trust::{self, Refusal};
use smartoffice_snapshot::protocol::{Reply, Request};

/// What the service worker was asked.
enum Asked {
    Page(Request),
    Emoney(EmoneyRequest),
}

/// The service worker's message handler: `extension/background.js` hands it
/// every runtime message with its sender, and sends back what it resolves to.
/// It checks the sender, reads the request and answers it.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = handleMessage)]
pub async fn handle_message(message: JsValue, sender: JsValue) -> JsValue {
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
    if let Ok(request) = from_js(message.clone()) {
        return Ok(Asked::Page(request));
    }
    let request = from_js(message).map_err(|_| Refusal::UnknownMessage)?;
    // Passwords and eMoney's answers are for the extension's own pages, never
    // for a script running inside a SmartOffice page.
    let sender_url = Reflect::get(sender, &"url".into())
        .ok()
        .and_then(|url| url.as_string());
    trust::accept_extension_page(sender_url.as_deref(), &runtime::extension_origin())?;
    Ok(Asked::Emoney(request))
}

async fn answer(request: Request) -> Reply {
    match request {
        Request::RecordLinks { page } => flow::links(&page),
        Request::ExportStart { page, linked } => flow::start(*page, linked).await,
        Request::FlowLaunch { flow_id } => flow::launch(&flow_id).await,
        Request::FlowOpenWindow { flow_id } => flow::open_window(&flow_id).await,
    }
}

async fn answer_emoney(request: EmoneyRequest) -> EmoneyReply {
    match request {
        EmoneyRequest::SignIn {
            domain,
            user_name,
            password,
            remember_me,
        } => {
            let reply = emoney::sign_in(&domain, &user_name, &password.0, remember_me).await;
            if remember_me && reply == EmoneyReply::SignedIn {
                settings::remember(&domain, &user_name).await;
            }
            reply
        }
        EmoneyRequest::FlowState { flow_id } => flow::view(&flow_id).await,
        EmoneyRequest::FlowExport {
            flow_id,
            domain,
            update,
        } => flow::run(&flow_id, &domain, update).await,
        EmoneyRequest::FlowSkipUpdate { flow_id, domain } => {
            flow::skip_update(&flow_id, &domain).await
        }
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
