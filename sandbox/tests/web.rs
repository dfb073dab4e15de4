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

#[test]
fn the_client_page_shows_everything_received() {
    let sandbox = Sandbox::start(&[]);
    let token = sandbox.token();
    let id = sandbox.create_ok(&token, &household("Ann", "Lee", "smartoffice:h:1"));
    let asset = json!({"name": "Brokerage", "holdingsValue": "1234.56", "typeOfFunds": ["Qualified", "Held Away"], "owner": "Joint"});
    let policy = json!({"policyName": "Acme Term 20", "policyNumber": "***4321", "owner": "Client", "currentDeathBenefit": "500000.00"});
    assert_eq!(
        sandbox
            .call(
                "PUT",
                &token,
                &format!("/public/v1/clients/{id}/assets/inv-1"),
                &[],
                &asset
            )
            .status,
        201
    );
    assert_eq!(
        sandbox
            .call(
                "PUT",
                &token,
                &format!("/public/v1/clients/{id}/policies/pol-1"),
                &[],
                &policy
            )
            .status,
        201
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
    for heading in ["Household", "Client", "Spouse", "Assets", "Policies"] {
        assert!(html.contains(&format!("<h2>{heading}</h2>")), "{heading}");
    }
    for shown in [
        "Married",
        "1 Main St",
        "Springfield",
        "(555) 201-3344",
        "(555) 201-3345",
        "smartoffice:h:1",
        "1970-02-28",
        "client@example.com",
        "(555) 100-0000 x12",
        "Acme",
        "CFO",
        "Sam",
        "1972-02-29",
        "Beta",
        "Brokerage",
        "1234.56",
        "Qualified, Held Away",
        "Joint",
        "Acme Term 20",
        "***4321",
        "500000.00",
        "inv-1",
        "pol-1",
    ] {
        assert!(
            html.contains(&format!("<bdi>{shown}</bdi>")),
            "{shown} is missing"
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
    assert!(page.contains("***&lt;i&gt;x") && page.contains("&lt;b&gt;"));
    assert!(page.contains(
        "<title>eMoney — &quot;&gt;&lt;img src=x onerror=alert(1)&gt;, &lt;script&gt;alert(1)&lt;/script&gt;</title>"
    ));
    assert_eq!(
        sandbox.clients().len(),
        1,
        "the data survived the SQL-looking value"
    );
}
