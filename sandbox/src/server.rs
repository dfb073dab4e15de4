//! The accept loop (a thread per connection) and the dispatch of a request
//! to the token endpoint, the API, the web pages or the test hooks, with
//! faults applied around it.

use std::io::Write;
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use crate::app::App;
use crate::error::ApiError;
use crate::faults::When;
use crate::http::{self, ReadError, Request, Response};
use crate::{api, auth, hooks, web};

/// A client that sends nothing for this long is dropped.
const READ_TIMEOUT: Duration = Duration::from_secs(30);

pub fn serve(app: Arc<App>, listener: TcpListener) {
    for stream in listener.incoming() {
        match stream {
            Ok(stream) => {
                let app = Arc::clone(&app);
                thread::spawn(move || serve_connection(&app, stream));
            }
            // A failed accept (e.g. the client reset first) concerns only that client.
            Err(error) => eprintln!("emoney-sandbox: accept failed: {error}"),
        }
    }
}

fn serve_connection(app: &App, mut stream: TcpStream) {
    // Without a timeout a silent client would hold its thread forever.
    if stream.set_read_timeout(Some(READ_TIMEOUT)).is_err() {
        return;
    }
    let request = match http::read_request(&mut stream) {
        Ok(request) => request,
        Err(ReadError::Closed | ReadError::Io(_)) => return,
        Err(error) => {
            let status = match error {
                ReadError::HeadTooLarge => 431,
                ReadError::BodyTooLarge => 413,
                ReadError::Chunked => 411,
                _ => 400,
            };
            let code = if status == 400 {
                "bad_request"
            } else {
                "request_too_large"
            };
            let code = if status == 411 {
                "length_required"
            } else {
                code
            };
            send(
                &mut stream,
                &ApiError::new(status, code, error.to_string()).into_response(),
            );
            return;
        }
    };

    let is_hook = matches!(request.route().first(), Some(&"__sandbox"));
    app.calls.record(&request);
    let fault = if is_hook {
        None
    } else {
        app.faults.take(&request.method, &request.path)
    };

    let response = match fault {
        None => dispatch(app, &request),
        Some(fault) => {
            let real = match fault.when {
                When::Before => {
                    thread::sleep(fault.delay());
                    None
                }
                When::After => {
                    let real = dispatch(app, &request);
                    thread::sleep(fault.delay());
                    Some(real)
                }
            };
            match fault.status {
                Some(0) => {
                    log(&request, "closed by a test fault");
                    // Ignoring the result: the point is that the client gets nothing.
                    let _ = stream.shutdown(Shutdown::Both);
                    return;
                }
                Some(status) => fault.answer(status, request.route() == ["connect", "token"]),
                None => real.unwrap_or_else(|| dispatch(app, &request)),
            }
        }
    };
    log(&request, &response.status.to_string());
    send(&mut stream, &response);
}

fn dispatch(app: &App, request: &Request) -> Response {
    match request.route().as_slice() {
        ["connect", "token"] => auth::token_endpoint(app, request),
        ["public", ..] => api::handle(app, request),
        ["__sandbox", ..] => hooks::handle(app, request),
        _ => web::handle(app, request).unwrap_or_else(|| {
            ApiError::not_found("There is no such page or endpoint.").into_response()
        }),
    }
}

fn send(stream: &mut TcpStream, response: &Response) {
    // A client that went away before its answer is no error of ours.
    if response.write_to(stream).is_ok() {
        let _ = stream.flush();
    }
}

/// One line per request on stderr, for a developer watching the sandbox.
fn log(request: &Request, outcome: &str) {
    eprintln!("{} {} -> {outcome}", request.method, request.path);
}
