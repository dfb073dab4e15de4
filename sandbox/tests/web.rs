//! The advisor's side: sign-in, the client list, the client page and its
//! escaping of hostile data.
#![allow(clippy::expect_used)]

mod common;

use common::{household, Sandbox};
use serde_json::json;

#[test]
fn pages_need_a_session_and_sign_in_gives_one() {
    let sandbox = Sandbox::start(&[]);
    let home = sandbox.send("GET", "/", &[], b"");
    assert_eq!(
        (home.status, home.header("location")),
        (302, Some("/signin?next=/"))
    );
    let client = sandbox.send("GET", "/clients/abc", &[], b"");
    assert_eq!(client.header("location"), Some("/signin?next=/clients/abc"));

    let form = sandbox.send("GET", "/signin?next=/clients/abc", &[], b"");
    assert_eq!(form.status, 200);
    assert!(
        form.body.contains("name=\"password\"") && form.body.contains("value=\"/clients/abc\"")
    );

    let wrong = sandbox.form("/signin", "username=advisor&password=nope");
    assert_eq!(wrong.status, 401);
    assert!(wrong.body.contains("wrong") && wrong.header("set-cookie").is_none());

    let signed_in = sandbox.form(
        "/signin",
        "username=advisor&password=sandbox&next=%2Fclients%2Fabc",
    );
    assert_eq!(
        (signed_in.status, signed_in.header("location")),
        (302, Some("/clients/abc"))
    );
    let cookie = signed_in.header("set-cookie").expect("Set-Cookie");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"),
        "{cookie}"
    );
    let away = sandbox.form(
        "/signin",
        "username=advisor&password=sandbox&next=%2F%2Fevil.example",
    );
    assert_eq!(
        away.header("location"),
        Some("/"),
        "next never leaves the site"
    );

    let session = common::cookie_pair(&signed_in);
    let token = sandbox.token();
    let id = sandbox.create_ok(&token, &household("Ann", "Lee", "smartoffice:h:1"));
    let home = sandbox.send("GET", "/", &[("Cookie", &session)], b"");
    assert_eq!(home.status, 200);
    assert!(
        home.body.contains(&format!("href=\"/clients/{id}\"")) && home.body.contains("Lee, Ann")
    );
    assert!(home.body.contains("Signed in as <bdi>advisor</bdi>"));

    let missing = sandbox.send("GET", "/clients/no-such-id", &[("Cookie", &session)], b"");
    assert_eq!(missing.status, 404);

    let out = sandbox.send("POST", "/signout", &[("Cookie", &session)], b"");
    assert_eq!((out.status, out.header("location")), (302, Some("/signin")));
    assert_eq!(
        sandbox
            .send("GET", "/", &[("Cookie", &session)], b"")
            .status,
        302,
        "the session is over"
    );
    assert_eq!(
        sandbox
            .send(
                "GET",
                "/",
                &[("Cookie", "emoney_sandbox_session=made-up")],
                b""
            )
            .status,
        302
    );
}

/// The text a reader sees: tags dropped, entities decoded.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn put_item(sandbox: &Sandbox, token: &str, path: String, body: serde_json::Value) {
    let reply = sandbox.call("PUT", token, &path, &[], &body);
    assert_eq!(reply.status, 201, "{path}: {}", reply.body);
}

#[test]
fn the_client_page_reads_like_a_client_record() {
    let sandbox = Sandbox::start(&[]);
    let token = sandbox.token();
    let id = sandbox.create_ok(&token, &household("Ann", "Lee", "smartoffice:host:1005"));
    let items = format!("/public/v1/clients/{id}");
    put_item(
        &sandbox,
        &token,
        format!("{items}/assets/inv-1"),
        json!({"name": "Brokerage", "holdingsValue": "91250.00", "cashBalance": "-80.00", "totalValue": "91170.00",
               "typeOfFunds": ["Qualified", "Held Away"], "owner": "Joint"}),
    );
    put_item(
        &sandbox,
        &token,
        format!("{items}/assets/inv-2"),
        json!({"name": "Savings", "totalValue": "1200.50", "owner": "Spouse"}),
    );
    put_item(
        &sandbox,
        &token,
        format!("{items}/policies/pol-1"),
        json!({"policyName": "Acme Term 20", "policyNumber": "***4321", "owner": "Client", "currentDeathBenefit": "500000.00"}),
    );

    let page = sandbox.send(
        "GET",
        &format!("/clients/{id}"),
        &[("Cookie", &sandbox.session())],
        b"",
    );
    assert_eq!(page.status, 200);
    assert!(page
        .header("content-type")
        .is_some_and(|t| t.starts_with("text/html")));
    let html = &page.body;
    assert!(html.contains("<title>eMoney — Lee, Ann</title>"));
    assert!(html.contains("<h1><bdi>Lee, Ann</bdi></h1>"));
    for heading in ["Facts", "Investments", "Policies"] {
        assert!(html.contains(&format!("<h2>{heading}</h2>")), "{heading}");
    }
    for shown in [
        // Facts: the client and the spouse side by side.
        "Ann Lee",
        "02/28/1970",
        "client@example.com",
        "(555) 100-0000 x12",
        "Acme",
        "CFO",
        "555-1",
        "555-2",
        "Sam Lee",
        "02/29/1972",
        "555-3",
        "Beta",
        // The household.
        "Married",
        "1 Main St",
        "Apt 2",
        "Springfield",
        "IL",
        "62701",
        "US",
        "(555) 201-3344",
        "(555) 201-3345",
        // Investments, owners by name, and their total.
        "Brokerage",
        "$91,250.00",
        "-$80.00",
        "$91,170.00",
        "Qualified, Held Away",
        "Joint",
        "Savings",
        "Sam",
        "$1,200.50",
        "$92,370.50",
        // Policies.
        "Acme Term 20",
        "***4321",
        "Ann",
        "$500,000.00",
    ] {
        assert!(
            html.contains(&format!("<bdi>{shown}</bdi>")),
            "{shown} is missing"
        );
    }
    let shown = text(html);
    assert!(shown.contains("Linked to SmartOffice"), "{shown}");
    for hidden in [
        id.as_str(),
        "smartoffice:host:1005",
        "inv-1",
        "pol-1",
        "1970-02-28",
        "91250.00",
    ] {
        assert!(!shown.contains(hidden), "{hidden} is shown");
    }
    assert!(!html.contains(&id), "not even in an attribute");
    assert!(html.contains("class=\"num neg\"><bdi>-$80.00</bdi>"));
}

#[test]
fn codes_read_as_words_and_unknowns_as_dashes() {
    let sandbox = Sandbox::start(&[]);
    let token = sandbox.token();
    let id = sandbox.create_ok(
        &token,
        &json!({"maritalStatus": "DomesticPartner", "client": {"firstName": "Kim", "lastName": "Ode"}}),
    );
    let session = sandbox.session();
    let page = sandbox.send(
        "GET",
        &format!("/clients/{id}"),
        &[("Cookie", &session)],
        b"",
    );
    let shown = text(&page.body);
    assert!(shown.contains("Domestic partner"), "{shown}");
    assert!(!shown.contains("DomesticPartner"));
    assert!(!shown.contains("Linked to"), "typed in by hand: {shown}");
    assert!(shown.contains("No investments.") && shown.contains("No policies."));
    assert!(shown.contains('—'), "unknown values are dashes");
    assert!(!shown.contains("null") && !shown.contains("None,"));

    let missing = sandbox.send(
        "GET",
        "/clients/no-such-client",
        &[("Cookie", &session)],
        b"",
    );
    assert_eq!(missing.status, 404);
    assert!(!text(&missing.body).contains("no-such-client"));
}

#[test]
fn the_client_list_shows_name_birth_date_and_city() {
    let sandbox = Sandbox::start(&[]);
    let token = sandbox.token();
    let session = sandbox.session();
    let empty = sandbox.send("GET", "/", &[("Cookie", &session)], b"");
    assert!(text(&empty.body).contains("No clients yet."));

    let lee = sandbox.create_ok(&token, &household("Ann", "Lee", "smartoffice:h:1"));
    let mut moss = household("Bob", "Moss", "x");
    moss["externalIds"] = serde_json::Value::Null;
    moss["client"]["dateOfBirth"] = json!("1955-10-31");
    moss["address"] = json!({"city": "Shelbyville"});
    let moss = sandbox.create_ok(&token, &moss);
    let adams = sandbox.create_ok(
        &token,
        &json!({"client": {"firstName": "Cy", "lastName": "adams"}}),
    );

    let page = sandbox.send("GET", "/", &[("Cookie", &session)], b"");
    assert_eq!(page.status, 200);
    let html = &page.body;
    for (id, name, born, city) in [
        (&lee, "Lee, Ann", "02/28/1970", "Springfield, IL"),
        (&moss, "Moss, Bob", "10/31/1955", "Shelbyville"),
    ] {
        assert!(
            html.contains(&format!(
                "<tr><td><a href=\"/clients/{id}\"><bdi>{name}</bdi></a></td><td><bdi>{born}</bdi></td><td><bdi>{city}</bdi></td></tr>"
            )),
            "{name}: {html}"
        );
    }
    let shown = text(html);
    assert!(shown.contains("3 clients"), "{shown}");
    let at = |name: &str| shown.find(name).unwrap_or_else(|| panic!("{name}"));
    assert!(
        at("adams, Cy") < at("Lee, Ann") && at("Lee, Ann") < at("Moss, Bob"),
        "by last name, whatever its case"
    );
    for id in [&lee, &moss, &adams] {
        assert!(!shown.contains(id.as_str()), "ids are links, not text");
        assert_eq!(html.matches(id.as_str()).count(), 1, "one link each");
    }
    assert!(!shown.contains("smartoffice:h:1"));
}

#[test]
fn pages_allow_their_one_style_sheet_and_no_script() {
    use base64::Engine;
    use sha2::{Digest, Sha256};

    let sandbox = Sandbox::start(&[]);
    let token = sandbox.token();
    let id = sandbox.create_ok(&token, &household("Ann", "Lee", "smartoffice:h:1"));
    let session = sandbox.session();
    for (path, cookie) in [
        ("/signin".to_string(), ""),
        ("/".to_string(), session.as_str()),
        (format!("/clients/{id}"), session.as_str()),
        ("/launch/never-issued".to_string(), ""),
    ] {
        let page = sandbox.send("GET", &path, &[("Cookie", cookie)], b"");
        let csp = page.header("content-security-policy").expect("a CSP");
        let html = &page.body;
        let (_, style) = html.split_once("<style>").expect("a style element");
        let (style, _) = style
            .split_once("</style>")
            .expect("a closed style element");
        let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(style));
        assert_eq!(
            csp,
            format!("default-src 'none'; style-src 'sha256-{hash}'; form-action 'self'; base-uri 'none'"),
            "{path}"
        );
        assert_eq!(html.matches("<style").count(), 1, "{path}");
        assert!(
            !html.contains("style=\"") && !html.contains("<script"),
            "{path}"
        );
    }
}

#[test]
fn hostile_values_are_escaped_everywhere() {
    let sandbox = Sandbox::start(&["--rate-limit", "0"]);
    let token = sandbox.token();
    let script = "<script>alert(1)</script>";
    let attribute = "\"><img src=x onerror=alert(1)>";
    let rtl = "\u{202E}gnp.exe";
    let long = "&".repeat(10 * 1024);
    let mut body = household(script, attribute, rtl);
    body["address"]["street1"] = json!(long);
    body["client"]["email"] = json!("'; DROP TABLE clients; --");
    body["spouse"]["firstName"] = json!(rtl);
    body["address"]["city"] = json!(rtl);
    let id = sandbox.create_ok(&token, &body);
    let asset = json!({"name": script, "typeOfFunds": [attribute]});
    assert_eq!(
        sandbox
            .call(
                "PUT",
                &token,
                &format!("/public/v1/clients/{id}/assets/%3Cb%3E"),
                &[],
                &asset
            )
            .status,
        201
    );
    let policy = json!({"policyName": attribute, "policyNumber": "***<i>x"});
    assert_eq!(
        sandbox
            .call(
                "PUT",
                &token,
                &format!("/public/v1/clients/{id}/policies/p"),
                &[],
                &policy
            )
            .status,
        201
    );

    let session = sandbox.session();
    for path in ["/".to_string(), format!("/clients/{id}")] {
        let page = sandbox.send("GET", &path, &[("Cookie", &session)], b"");
        assert_eq!(page.status, 200, "{path}");
        let html = &page.body;
        for raw in ["<script>", "<img", "<b>", "<i>"] {
            assert!(!html.contains(raw), "{path} contains raw {raw}");
        }
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{path}"
        );
        assert!(
            html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"),
            "{path}"
        );
        assert!(
            html.contains(&format!("<bdi>{rtl}")),
            "{path}: the override stays isolated"
        );
        let csp = page.header("content-security-policy").expect("CSP");
        assert!(
            csp.contains("default-src 'none'") && !csp.contains("script-src"),
            "{csp}"
        );
    }
    let page = sandbox
        .send(
            "GET",
            &format!("/clients/{id}"),
            &[("Cookie", &session)],
            b"",
        )
        .body;
    assert!(
        page.contains(&"&amp;".repeat(10 * 1024)),
        "the 10 KB value is shown whole"
    );
    assert!(page.contains("&#39;; DROP TABLE clients; --"));
    assert!(page.contains("***&lt;i&gt;x"));
    assert!(
        !page.contains("&lt;b&gt;"),
        "the asset's external id is not shown"
    );
    assert!(page.contains(
        "<title>eMoney — &quot;&gt;&lt;img src=x onerror=alert(1)&gt;, &lt;script&gt;alert(1)&lt;/script&gt;</title>"
    ));
    assert_eq!(
        sandbox.clients().len(),
        1,
        "the data survived the SQL-looking value"
    );
}
