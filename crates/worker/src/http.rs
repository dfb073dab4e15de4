//! The eMoney client's `Transport`: `fetch` (gloo-net) from the service
//! worker, aborted by an `AbortController` when the request's time is up.

use gloo_net::http::{Request, RequestBuilder};
use js_sys::{Function, Reflect};
use wasm_bindgen::JsCast;
use web_sys::AbortController;

use smartoffice_browser::timers::Timer;
use smartoffice_emoney::emoney::{HttpRequest, HttpResponse, Method, Transport, TransportError};

/// The one header the client reads (`Retry-After`); `fetch` hides the rest
/// of a cross-origin answer's headers anyway unless the domain exposes them.
const READ_HEADERS: [&str; 1] = ["retry-after"];

pub struct Fetch;

impl Transport for Fetch {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let controller = AbortController::new().map_err(|_| TransportError::Closed)?;
        let signal = controller.signal();
        let abort = Reflect::get(&controller, &"abort".into())
            .ok()
            .and_then(|abort| abort.dyn_into::<Function>().ok())
            .map(|abort| abort.bind0(&controller))
            .ok_or(TransportError::Closed)?;
        let timeout = crate::settings::request_timeout(request.timeout).await;
        // Dropped (and so cleared) when this call returns, answered or not.
        let _timer = Timer::after(timeout.as_millis() as u64, &abort);
        let lost = |_| {
            if signal.aborted() {
                TransportError::Timeout
            } else {
                TransportError::Closed
            }
        };
        let mut builder = match request.method {
            Method::Get => Request::get(&request.url),
            Method::Post => Request::post(&request.url),
            Method::Put => Request::put(&request.url),
        };
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        builder = builder.abort_signal(Some(&signal));
        let answer = send(builder, request.body).await.map_err(lost)?;
        let headers = READ_HEADERS
            .iter()
            .filter_map(|name| {
                answer
                    .headers()
                    .get(name)
                    .map(|value| ((*name).to_owned(), value))
            })
            .collect();
        let status = answer.status();
        let body = answer.text().await.map_err(lost)?;
        Ok(HttpResponse {
            status,
            headers,
            body,
        })
    }
}

async fn send(
    builder: RequestBuilder,
    body: Option<String>,
) -> Result<gloo_net::http::Response, gloo_net::Error> {
    match body {
        Some(body) => builder.body(body)?.send().await,
        None => builder.send().await,
    }
}
