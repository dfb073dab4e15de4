//! The web side's building blocks: escaping, the page around every body
//! (header, style, security headers) and small pieces such as tables.
//!
//! Every value from a client record is untrusted: it goes through `escape`
//! and sits in a `<bdi>` so right-to-left overrides cannot reorder the page
//! around it. The CSP forbids scripts altogether, as a second fence, and
//! allows exactly one style: the sheet below, by its hash.

use std::sync::LazyLock;

use base64::Engine;
use sha2::{Digest, Sha256};

use crate::http::Response;

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
pub fn url_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                char::from(b).to_string()
            }
            b => format!("%{b:02X}"),
        })
        .collect()
}

/// A known value, escaped and isolated from the text around it.
pub fn value(text: &str) -> String {
    format!("<bdi>{}</bdi>", escape(text))
}

/// What the page shows for a value nobody knows.
pub const UNKNOWN: &str = "<span class=\"unknown\">—</span>";

pub fn optional(text: Option<&str>) -> String {
    text.map_or_else(|| UNKNOWN.to_string(), value)
}

/// A table cell; `class` is one of ours, never data.
pub struct Cell {
    pub html: String,
    pub class: &'static str,
}

impl Cell {
    pub fn text(html: String) -> Cell {
        Cell { html, class: "" }
    }

    /// Right-aligned figures.
    pub fn number(html: String) -> Cell {
        Cell { html, class: "num" }
    }

    fn render(&self, tag: &str) -> String {
        if self.class.is_empty() {
            format!("<{tag}>{}</{tag}>", self.html)
        } else {
            format!("<{tag} class=\"{}\">{}</{tag}>", self.class, self.html)
        }
    }
}

/// A table with a head (`(label, class)` per column), a body and an
/// optional foot row. The labels are our own words, never data.
pub fn table(head: &[(&str, &'static str)], rows: &[Vec<Cell>], foot: Option<&[Cell]>) -> String {
    let head: String = head
        .iter()
        .map(|(label, class)| {
            Cell {
                html: (*label).to_string(),
                class,
            }
            .render("th")
        })
        .collect();
    let row = |cells: &[Cell]| {
        let cells: String = cells.iter().map(|c| c.render("td")).collect();
        format!("<tr>{cells}</tr>")
    };
    let body: String = rows.iter().map(|cells| row(cells)).collect();
    let foot = foot
        .map(|cells| format!("<tfoot>{}</tfoot>", row(cells)))
        .unwrap_or_default();
    format!("<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody>{foot}</table>")
}

/// Labelled rows (`<th scope="row">`), with a column per person when
/// `columns` names them. Labels and column names are our own words.
pub fn facts(columns: &[&str], rows: &[(&str, Vec<String>)]) -> String {
    let head = if columns.is_empty() {
        String::new()
    } else {
        let names: String = columns.iter().map(|c| format!("<th>{c}</th>")).collect();
        format!("<thead><tr><td></td>{names}</tr></thead>")
    };
    let body: String = rows
        .iter()
        .map(|(label, cells)| {
            let cells: String = cells.iter().map(|c| format!("<td>{c}</td>")).collect();
            format!("<tr><th scope=\"row\">{label}</th>{cells}</tr>")
        })
        .collect();
    format!("<table class=\"facts\">{head}<tbody>{body}</tbody></table>")
}

const STYLE: &str = "\
:root{--ink:#1f2a37;--muted:#667085;--line:#e4e7ec;--bg:#f4f6f9;--brand:#0b5c7a;--tint:#e7f2f6}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;background:var(--bg);color:var(--ink)}
a{color:var(--brand)}
.bar{background:var(--brand);color:#fff;display:flex;align-items:center;gap:1.5rem;padding:.55rem 1.5rem;flex-wrap:wrap}
.brand{color:#fff;font-weight:700;font-size:1.15rem;text-decoration:none}
.tag{font-size:.68rem;font-weight:600;text-transform:uppercase;letter-spacing:.08em;background:rgba(255,255,255,.18);border-radius:999px;padding:.1rem .5rem;margin-left:.45rem;vertical-align:middle}
.bar nav a{color:#d7ecf3;text-decoration:none}
.account{margin-left:auto;display:flex;align-items:center;gap:.75rem;color:#d7ecf3;font-size:.9rem}
.account form{margin:0}
.account button{background:none;border:1px solid rgba(255,255,255,.55);border-radius:4px;color:#fff;font:inherit;padding:.1rem .65rem;cursor:pointer}
main{max-width:64rem;margin:0 auto;padding:1.25rem 1.5rem 3rem}
.crumbs{margin:0;font-size:.875rem;color:var(--muted)}
h1{font-size:1.6rem;margin:.15rem 0 .5rem;overflow-wrap:anywhere}
.chips{display:flex;flex-wrap:wrap;gap:.4rem;list-style:none;margin:0 0 1.25rem;padding:0}
.chips li{background:#fff;border:1px solid var(--line);border-radius:999px;padding:.05rem .7rem;font-size:.85rem;color:var(--muted);overflow-wrap:anywhere}
.chips li.linked{background:var(--tint);border-color:#b6d8e4;color:var(--brand)}
section{background:#fff;border:1px solid var(--line);border-radius:8px;margin:0 0 1.25rem;overflow:hidden}
section h2{font-size:1rem;margin:0;padding:.65rem 1rem;border-bottom:1px solid var(--line);background:#fafbfc}
section h3{font-size:.8rem;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);margin:0;padding:.9rem 1rem .1rem}
section>p{margin:0;padding:.8rem 1rem;color:var(--muted)}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.45rem 1rem;border-bottom:1px solid var(--line);vertical-align:top;overflow-wrap:anywhere}
thead th{font-size:.75rem;font-weight:600;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
tbody tr:last-child td,tbody tr:last-child th{border-bottom:0}
tbody th{font-weight:500;color:var(--muted);width:13rem}
tfoot td{font-weight:600;border-top:2px solid var(--line);border-bottom:0}
.num{text-align:right;font-variant-numeric:tabular-nums}
.neg{color:#b42318}
.unknown{color:#98a2b3}
.quiet{color:var(--muted);font-size:.875rem}
.signin{max-width:22rem;margin:2.5rem auto;background:#fff;border:1px solid var(--line);border-radius:8px;padding:1.5rem}
.signin h1{font-size:1.3rem;margin-top:0}
.signin label{display:block;margin:0 0 .9rem;font-size:.9rem;color:var(--muted)}
.signin input{display:block;width:100%;margin-top:.25rem;padding:.5rem .6rem;border:1px solid #cfd4dc;border-radius:6px;font:inherit;color:var(--ink)}
.signin button{width:100%;padding:.55rem;border:0;border-radius:6px;background:var(--brand);color:#fff;font:inherit;font-weight:600;cursor:pointer}
.error{color:#b42318;font-weight:600}
@media (max-width:40rem){tbody th{width:auto}.account{margin-left:0}}
";

/// Scripts and every other load stay forbidden; the one
/// style sheet is allowed by its hash (so not even an injected `style`
/// attribute would apply).
static CSP: LazyLock<String> = LazyLock::new(|| {
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(STYLE));
    format!("default-src 'none'; style-src 'sha256-{hash}'; form-action 'self'; base-uri 'none'")
});

/// The whole document around `body`. `title` is escaped here; `user` is the
/// advisor signed in, if any.
pub fn page(status: u16, title: &str, body: &str, user: Option<&str>) -> Response {
    let account = match user {
        Some(user) => format!(
            "<nav><a href=\"/\">Clients</a></nav><div class=\"account\">\
             <span>Signed in as <bdi>{}</bdi></span>\
             <form method=\"post\" action=\"/signout\"><button type=\"submit\">Sign out</button></form></div>",
            escape(user)
        ),
        None => String::new(),
    };
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><style>{STYLE}</style></head>\
         <body><header class=\"bar\"><a class=\"brand\" href=\"/\">eMoney<span class=\"tag\">Sandbox</span></a>\
         {account}</header><main>{body}</main></body></html>\n",
        title = escape(title),
    );
    Response::html(status, html)
        .with_header("Content-Security-Policy", CSP.as_str())
        .with_header("X-Content-Type-Options", "nosniff")
        .with_header("Referrer-Policy", "no-referrer")
        .with_header("Cache-Control", "no-store")
}

/// A page that only says something went wrong, or is gone.
pub fn message_page(
    status: u16,
    title: &str,
    heading: &str,
    html: &str,
    user: Option<&str>,
) -> Response {
    let body = format!(
        "<h1><bdi>{}</bdi></h1><section><p>{html}</p></section>",
        escape(heading)
    );
    page(status, title, &body, user)
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
    fn the_style_needs_no_escaping() {
        // It is placed raw inside <style>: it must not be able to end it.
        assert!(!STYLE.contains('<'));
        assert!(CSP.contains("style-src 'sha256-") && !CSP.contains("unsafe"));
    }

    #[test]
    fn tables_put_classes_on_cells() {
        let html = table(
            &[("Name", ""), ("Total", "num")],
            &[vec![Cell::text(value("a")), Cell::number(value("$1.00"))]],
            None,
        );
        assert_eq!(
            html,
            "<table><thead><tr><th>Name</th><th class=\"num\">Total</th></tr></thead>\
             <tbody><tr><td><bdi>a</bdi></td><td class=\"num\"><bdi>$1.00</bdi></td></tr></tbody></table>"
        );
    }
}
