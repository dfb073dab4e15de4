//! What an advisor sees as "eMoney" in demos: sign-in, the client list, a
//! client's record, and the one-time launch links. The pieces of a page are
//! in `html`, the record itself in `client_page`.

use crate::app::App;
use crate::auth;
use crate::client_page;
use crate::error::ApiError;
use crate::format::{self, Day};
use crate::html::{escape, message_page, optional, page, url_encode, value};
use crate::http::{parse_form, Request, Response};

/// `None` when the path is not a web page, so the caller answers 404.
pub fn handle(app: &App, request: &Request) -> Option<Response> {
    let method = request.method.as_str();
    let result = match (method, request.route().as_slice()) {
        ("GET", ["signin"]) => Ok(signin_form(request.query_value("next"), None, 200)),
        ("POST", ["signin"]) => signin(app, request),
        ("POST", ["signout"]) => signout(app, request),
        ("GET", []) => home(app, request),
        ("GET", ["clients", id]) => client_page(app, request, id),
        ("GET", ["launch", token]) => launch(app, token),
        _ => return None,
    };
    Some(result.unwrap_or_else(|error| {
        message_page(
            error.status,
            "eMoney — error",
            "Something went wrong",
            &escape(&error.message),
            None,
        )
    }))
}

/// Only a local path may follow sign-in, so `next` cannot send the advisor away.
fn safe_next(next: Option<&str>) -> &str {
    next.filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.contains('\\'))
        .unwrap_or("/")
}

fn signin_form(next: Option<&str>, error: Option<&str>, status: u16) -> Response {
    let error = error
        .map(|e| format!("<p class=\"error\" role=\"alert\">{}</p>", escape(e)))
        .unwrap_or_default();
    let body = format!(
        "<form class=\"signin\" method=\"post\" action=\"/signin\">\
         <h1>Sign in to eMoney</h1>{error}\
         <input type=\"hidden\" name=\"next\" value=\"{next}\">\
         <label>User name <input name=\"username\" autocomplete=\"username\" required></label>\
         <label>Password <input name=\"password\" type=\"password\" autocomplete=\"current-password\" required></label>\
         <button type=\"submit\">Sign in</button></form>",
        next = escape(safe_next(next)),
    );
    page(status, "eMoney — Sign in", &body, None)
}

fn signin(app: &App, request: &Request) -> Result<Response, ApiError> {
    let form = std::str::from_utf8(&request.body)
        .ok()
        .and_then(parse_form)
        .ok_or_else(|| ApiError::bad_request("The form is not valid URL-encoded UTF-8."))?;
    let field = |name: &str| {
        form.iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let next = field("next");
    let (username, password) = (
        field("username").unwrap_or(""),
        field("password").unwrap_or(""),
    );
    if let Err(error) = app.users.sign_in(username, password) {
        return Ok(signin_form(next, Some(&error.describe()), 401));
    }
    let cookie = auth::start_session(app, username)?;
    Ok(Response::redirect(safe_next(next)).with_header("Set-Cookie", cookie))
}

fn signout(app: &App, request: &Request) -> Result<Response, ApiError> {
    let cookie = auth::end_session(app, request)?;
    Ok(Response::redirect("/signin").with_header("Set-Cookie", cookie))
}

fn to_signin(back_to: &str) -> Response {
    Response::redirect(&format!("/signin?next={}", url_encode(back_to)))
}

fn home(app: &App, request: &Request) -> Result<Response, ApiError> {
    let Some(user) = auth::session_user(app, request)? else {
        return Ok(to_signin("/"));
    };
    let mut clients = app.store.with(|db| db.clients())?;
    // As an advisor looks a client up: by last name, then first name.
    clients.sort_by_cached_key(|c| {
        let person = &c.household.client;
        (
            person.last_name.to_lowercase(),
            person.first_name.to_lowercase(),
        )
    });
    let list = if clients.is_empty() {
        "<section><p>No clients yet.</p></section>".to_string()
    } else {
        let rows: String = clients
            .iter()
            .map(|c| {
                let person = &c.household.client;
                format!(
                    "<tr><td><a href=\"/clients/{href}\">{name}</a></td><td>{born}</td><td>{city}</td></tr>",
                    href = escape(&url_encode(&c.id)),
                    name = value(&client_page::name(person)),
                    born = optional(person.date_of_birth.as_deref().map(format::us_date).as_deref()),
                    city = optional(client_page::city(c.household.address.as_ref()).as_deref()),
                )
            })
            .collect();
        let count = match clients.len() {
            1 => "1 client".to_string(),
            n => format!("{n} clients"),
        };
        format!(
            "<section><h2>{count}</h2><table><thead><tr><th>Name</th><th>Date of birth</th><th>City</th></tr></thead>\
             <tbody>{rows}</tbody></table></section>"
        )
    };
    let body = format!("<h1>Clients</h1>{list}");
    Ok(page(200, "eMoney — Clients", &body, Some(&user)))
}

fn client_page(app: &App, request: &Request, id: &str) -> Result<Response, ApiError> {
    let Some(user) = auth::session_user(app, request)? else {
        return Ok(to_signin(&format!("/clients/{id}")));
    };
    let Some(record) = app.store.with(|db| db.client(id))? else {
        return Ok(message_page(
            404,
            "eMoney — Not found",
            "Client not found",
            "There is no such client. <a href=\"/\">Back to the clients</a>",
            Some(&user),
        ));
    };
    let title = format!("eMoney — {}", client_page::name(&record.household.client));
    let body = client_page::body(&record, Day::today());
    Ok(page(200, &title, &body, Some(&user)))
}

fn launch(app: &App, token: &str) -> Result<Response, ApiError> {
    match auth::redeem_launch_token(app, token)? {
        Some((user, client_id)) => {
            let cookie = auth::start_session(app, &user)?;
            Ok(
                Response::redirect(&format!("/clients/{}", url_encode(&client_id)))
                    .with_header("Set-Cookie", cookie),
            )
        }
        None => Ok(message_page(
            410,
            "eMoney — Link expired",
            "This link was already used or has expired",
            "Launch links open eMoney once. Open the client again from the extension, \
             or <a href=\"/signin\">sign in</a>.",
            None,
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(safe_next(Some("/clients/a")), "/clients/a");
        for away in [
            "//evil.example",
            "https://evil.example",
            "/\\evil",
            "clients",
        ] {
            assert_eq!(safe_next(Some(away)), "/", "{away}");
        }
    }
}
