//! What an advisor sees as "eMoney" in demos: sign-in, the client list, a
//! client's page, and the one-time launch links.
//!
//! Every value from a client record is untrusted: it goes through `escape`
//! and sits in a `<bdi>` so right-to-left overrides cannot reorder the page
//! around it. The CSP forbids scripts altogether, as a second fence.

use crate::app::App;
use crate::auth;
use crate::error::ApiError;
use crate::http::{parse_form, Request, Response};
use crate::model::{Address, ClientRecord, Job, Person};

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
        let body = format!("<p>{}</p>", escape(&error.message));
        page(
            error.status,
            "eMoney — error",
            "Something went wrong",
            &body,
            None,
        )
    }))
}

pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Percent-encodes a value for use inside a URL path or query.
fn url_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                char::from(b).to_string()
            }
            b => format!("%{b:02X}"),
        })
        .collect()
}

const STYLE: &str = "
body{font:15px/1.45 system-ui,sans-serif;margin:0;background:#f4f6f8;color:#1d2733}
header{background:#0b4f6c;color:#fff;padding:.6rem 1.5rem;display:flex;justify-content:space-between;align-items:center}
header a,header button{color:#fff;background:none;border:0;font:inherit;cursor:pointer;text-decoration:underline}
main{max-width:60rem;margin:1.5rem auto;padding:0 1.5rem}
section{background:#fff;border:1px solid #d5dce3;border-radius:6px;padding:.5rem 1.2rem 1rem;margin-bottom:1rem}
h1{font-size:1.6rem;overflow-wrap:anywhere}
h2{font-size:1.15rem;border-bottom:1px solid #e3e8ed;padding-bottom:.3rem}
dl{display:grid;grid-template-columns:12rem 1fr;gap:.25rem 1rem;margin:0}
dt{color:#5a6876}
dd{margin:0;overflow-wrap:anywhere;min-width:0}
table{border-collapse:collapse;width:100%;table-layout:fixed}
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #e3e8ed;overflow-wrap:anywhere;vertical-align:top}
.unknown{color:#9aa5b1}
.error{color:#a4161a;font-weight:600}
form.signin{display:grid;gap:.6rem;max-width:20rem}
";

/// The whole document. `title` and `heading` are escaped here.
fn page(status: u16, title: &str, heading: &str, body: &str, user: Option<&str>) -> Response {
    let account = match user {
        Some(user) => format!(
            "<span>Signed in as <bdi>{}</bdi> · <form method=\"post\" action=\"/signout\" style=\"display:inline\">\
             <button type=\"submit\">Sign out</button></form></span>",
            escape(user)
        ),
        None => String::new(),
    };
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><style>{STYLE}</style></head>\
         <body><header><a href=\"/\"><strong>eMoney</strong> sandbox</a>{account}</header>\
         <main><h1><bdi>{heading}</bdi></h1>{body}</main></body></html>\n",
        title = escape(title),
        heading = escape(heading),
    );
    Response::html(status, html)
        .with_header(
            "Content-Security-Policy",
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'",
        )
        .with_header("X-Content-Type-Options", "nosniff")
        .with_header("Referrer-Policy", "no-referrer")
        .with_header("Cache-Control", "no-store")
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
        "{error}<form class=\"signin\" method=\"post\" action=\"/signin\">\
         <input type=\"hidden\" name=\"next\" value=\"{next}\">\
         <label>User name <input name=\"username\" autocomplete=\"username\" required></label>\
         <label>Password <input name=\"password\" type=\"password\" autocomplete=\"current-password\" required></label>\
         <button type=\"submit\">Sign in</button></form>",
        next = escape(safe_next(next)),
    );
    page(status, "eMoney — Sign in", "Sign in to eMoney", &body, None)
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
    let clients = app.store.with(|db| db.clients())?;
    let body = if clients.is_empty() {
        "<section><p>No clients yet.</p></section>".to_string()
    } else {
        let rows: String = clients
            .iter()
            .map(|c| {
                let person = &c.household.client;
                format!(
                    "<tr><td><a href=\"/clients/{href}\">{name}</a></td><td>{dob}</td><td>{spouse}</td></tr>",
                    href = escape(&url_encode(&c.id)),
                    name = value(&format!("{}, {}", person.last_name, person.first_name)),
                    dob = optional(person.date_of_birth.as_deref()),
                    spouse = optional(
                        c.household.spouse.as_ref().map(|s| format!("{} {}", s.first_name, s.last_name)).as_deref()
                    ),
                )
            })
            .collect();
        format!(
            "<section><table><thead><tr><th>Client</th><th>Date of birth</th><th>Spouse</th></tr></thead>\
             <tbody>{rows}</tbody></table></section>"
        )
    };
    Ok(page(200, "eMoney — Clients", "Clients", &body, Some(&user)))
}

fn client_page(app: &App, request: &Request, id: &str) -> Result<Response, ApiError> {
    let Some(user) = auth::session_user(app, request)? else {
        return Ok(to_signin(&format!("/clients/{id}")));
    };
    let Some(record) = app.store.with(|db| db.client(id))? else {
        let body = "<p>There is no client with this id.</p>";
        return Ok(page(
            404,
            "eMoney — Not found",
            "Client not found",
            body,
            Some(&user),
        ));
    };
    let person = &record.household.client;
    let name = format!("{}, {}", person.last_name, person.first_name);
    let body = client_sections(&record);
    Ok(page(
        200,
        &format!("eMoney — {name}"),
        &name,
        &body,
        Some(&user),
    ))
}

/// A known value, escaped and isolated from the text around it.
fn value(text: &str) -> String {
    format!("<bdi>{}</bdi>", escape(text))
}

fn optional(text: Option<&str>) -> String {
    match text {
        Some(text) => value(text),
        None => "<span class=\"unknown\">—</span>".into(),
    }
}

fn rows(pairs: &[(&str, String)]) -> String {
    let items: String = pairs
        .iter()
        .map(|(label, html)| format!("<dt>{label}</dt><dd>{html}</dd>"))
        .collect();
    format!("<dl>{items}</dl>")
}

fn address(address: Option<&Address>) -> String {
    let Some(a) = address else {
        return optional(None);
    };
    let city_line = [
        a.city.as_deref(),
        a.state.as_deref(),
        a.postal_code.as_deref(),
    ]
    .into_iter()
    .flatten()
    .map(value)
    .collect::<Vec<_>>()
    .join(" ");
    let lines: Vec<String> = [
        a.street1.as_deref().map(value),
        a.street2.as_deref().map(value),
    ]
    .into_iter()
    .flatten()
    .chain((!city_line.is_empty()).then_some(city_line))
    .chain(a.country.as_deref().map(value))
    .collect();
    if lines.is_empty() {
        optional(None)
    } else {
        lines.join("<br>")
    }
}

fn person_rows(person: &Person) -> String {
    let job = person.job.clone().unwrap_or_default();
    let Job {
        company_name,
        job_title,
        business_phone,
        business_fax,
        address: job_address,
    } = &job;
    rows(&[
        ("First name", value(&person.first_name)),
        ("Last name", value(&person.last_name)),
        ("Date of birth", optional(person.date_of_birth.as_deref())),
        ("Email", optional(person.email.as_deref())),
        ("Cell phone", optional(person.cell_phone.as_deref())),
        ("Company", optional(company_name.as_deref())),
        ("Job title", optional(job_title.as_deref())),
        ("Business phone", optional(business_phone.as_deref())),
        ("Business fax", optional(business_fax.as_deref())),
        ("Business address", address(job_address.as_ref())),
    ])
}

fn table(headings: &[&str], rows: Vec<Vec<String>>, empty: &str) -> String {
    if rows.is_empty() {
        return format!("<p>{empty}</p>");
    }
    let head: String = headings.iter().map(|h| format!("<th>{h}</th>")).collect();
    let body: String = rows
        .into_iter()
        .map(|cells| {
            format!(
                "<tr>{}</tr>",
                cells
                    .into_iter()
                    .map(|c| format!("<td>{c}</td>"))
                    .collect::<String>()
            )
        })
        .collect();
    format!("<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
}

fn client_sections(record: &ClientRecord) -> String {
    let household = &record.household;
    let external_ids = household.external_ids.as_deref().unwrap_or_default();
    let household_rows = rows(&[
        (
            "Marital status",
            optional(household.marital_status.as_deref()),
        ),
        ("Address", address(household.address.as_ref())),
        ("Home phone", optional(household.home_phone.as_deref())),
        ("Fax", optional(household.fax.as_deref())),
        (
            "External ids",
            if external_ids.is_empty() {
                optional(None)
            } else {
                external_ids
                    .iter()
                    .map(|id| value(id))
                    .collect::<Vec<_>>()
                    .join("<br>")
            },
        ),
        ("eMoney id", value(&record.id)),
    ]);
    let spouse = match &household.spouse {
        Some(spouse) => person_rows(spouse),
        None => "<p>No spouse.</p>".into(),
    };
    let assets = table(
        &[
            "Name",
            "Owner",
            "Holdings value",
            "Cash balance",
            "Total value",
            "Type of funds",
            "External id",
        ],
        record
            .assets
            .iter()
            .map(|a| {
                vec![
                    optional(a.name.as_deref()),
                    optional(a.owner.as_deref()),
                    optional(a.holdings_value.as_deref()),
                    optional(a.cash_balance.as_deref()),
                    optional(a.total_value.as_deref()),
                    optional(a.type_of_funds.as_ref().map(|t| t.join(", ")).as_deref()),
                    value(&a.external_id),
                ]
            })
            .collect(),
        "No assets.",
    );
    let policies = table(
        &[
            "Policy name",
            "Policy number",
            "Owner",
            "Current death benefit",
            "External id",
        ],
        record
            .policies
            .iter()
            .map(|p| {
                vec![
                    optional(p.policy_name.as_deref()),
                    optional(p.policy_number.as_deref()),
                    optional(p.owner.as_deref()),
                    optional(p.current_death_benefit.as_deref()),
                    value(&p.external_id),
                ]
            })
            .collect(),
        "No policies.",
    );
    format!(
        "<section><h2>Household</h2>{household_rows}</section>\
         <section><h2>Client</h2>{client}</section>\
         <section><h2>Spouse</h2>{spouse}</section>\
         <section><h2>Assets</h2>{assets}</section>\
         <section><h2>Policies</h2>{policies}</section>",
        client = person_rows(&household.client),
    )
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
        None => Ok(page(
            410,
            "eMoney — Link expired",
            "This link was already used or has expired",
            "<p>Launch links open eMoney once. Open the client again from the extension, \
             or <a href=\"/signin\">sign in</a>.</p>",
            None,
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_markup_and_attributes() {
        assert_eq!(
            escape(r#"<script>alert('x')</script> & "q""#),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
    }

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
