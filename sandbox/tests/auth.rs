//! The token endpoint, lockout, expiry, bearer checks and rate limiting.
#![allow(clippy::expect_used)]

mod common;

use std::time::Duration;

use common::{Sandbox, ADVISOR, PASSWORD};

#[test]
fn the_password_grant_gives_bearer_tokens_that_open_the_api() {
    let sandbox = Sandbox::start(&[]);
    let reply = sandbox.password_grant(ADVISOR, PASSWORD);
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.header("cache-control"), Some("no-store"));
    let body = reply.json();
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 3600);
    let token = body["access_token"].as_str().expect("access_token");
    assert!(body["refresh_token"]
        .as_str()
        .is_some_and(|r| r.len() >= 32 && r != token));
    assert_eq!(
        sandbox
            .get(token, "/public/v1/clients?lastName=Nobody")
            .status,
        200
    );
}

#[test]
fn bad_grants_answer_in_the_oauth_shape() {
    let sandbox = Sandbox::start(&["--user", "ann:secret"]);
    let wrong = sandbox.password_grant("ann", "nope");
    assert_eq!(wrong.status, 400);
    assert_eq!(wrong.json()["error"], "invalid_grant");
    assert!(wrong.json()["error_description"]
        .as_str()
        .is_some_and(|d| !d.is_empty()));
    assert_eq!(
        sandbox.password_grant("nobody", "secret").json()["error"],
        "invalid_grant"
    );
    assert_eq!(
        sandbox.password_grant(ADVISOR, PASSWORD).json()["error"],
        "invalid_grant",
        "--user replaces the demo advisor"
    );

    let cases = [
        (
            "grant_type=password&username=ann&password=secret&client_id=other",
            "invalid_client",
        ),
        (
            "grant_type=password&username=ann&password=secret",
            "invalid_client",
        ),
        (
            "grant_type=client_credentials&client_id=smartoffice-emoney",
            "unsupported_grant_type",
        ),
        (
            "grant_type=password&username=ann&client_id=smartoffice-emoney",
            "invalid_request",
        ),
        (
            "grant_type=refresh_token&client_id=smartoffice-emoney",
            "invalid_request",
        ),
        (
            "grant_type=refresh_token&refresh_token=made-up&client_id=smartoffice-emoney",
            "invalid_grant",
        ),
    ];
    for (form, error) in cases {
        let reply = sandbox.form("/connect/token", form);
        assert_eq!(
            (reply.status, reply.json()["error"].as_str()),
            (400, Some(error)),
            "{form}"
        );
    }
    let json = sandbox.send(
        "POST",
        "/connect/token",
        &[("Content-Type", "application/json")],
        b"{}",
    );
    assert_eq!(
        (json.status, json.json()["error"].as_str()),
        (400, Some("invalid_request"))
    );
    assert_eq!(sandbox.password_grant("ann", "secret").status, 200);
}

#[test]
fn three_failed_passwords_lock_the_account_until_reset() {
    let sandbox = Sandbox::start(&["--user", "ann:secret", "--user", "bob:pw"]);
    for attempt in 1..=3 {
        let reply = sandbox.password_grant("ann", "wrong");
        assert_eq!(reply.json()["error"], "invalid_grant", "attempt {attempt}");
    }
    let locked = sandbox.password_grant("ann", "secret");
    assert_eq!(locked.status, 400);
    assert_eq!(locked.json()["error"], "invalid_grant");
    assert!(
        locked.json()["error_description"]
            .as_str()
            .is_some_and(|d| d.contains("locked")),
        "{}",
        locked.body
    );

    // The web sign-in shares the account and its lock.
    let web = sandbox.form("/signin", "username=ann&password=secret");
    assert_eq!(web.status, 401);
    assert!(web.body.contains("locked"));
    assert_eq!(
        sandbox.password_grant("bob", "pw").status,
        200,
        "other advisors are not affected"
    );

    assert_eq!(
        sandbox.send("POST", "/__sandbox/reset", &[], b"").status,
        200
    );
    assert_eq!(
        sandbox.password_grant("ann", "secret").status,
        200,
        "a reset unlocks"
    );
}

#[test]
fn a_right_password_resets_the_failure_count() {
    let sandbox = Sandbox::start(&[]);
    for _ in 0..2 {
        assert_eq!(sandbox.password_grant(ADVISOR, "wrong").status, 400);
    }
    assert_eq!(sandbox.password_grant(ADVISOR, PASSWORD).status, 200);
    for _ in 0..2 {
        assert_eq!(sandbox.password_grant(ADVISOR, "wrong").status, 400);
    }
    assert_eq!(sandbox.password_grant(ADVISOR, PASSWORD).status, 200);
}

#[test]
fn a_refresh_token_works_once_and_gives_a_new_pair() {
    let sandbox = Sandbox::start(&[]);
    let first = sandbox.password_grant(ADVISOR, PASSWORD).json();
    let refresh = first["refresh_token"].as_str().expect("refresh_token");
    let renewed = sandbox.refresh_grant(refresh);
    assert_eq!(renewed.status, 200, "{}", renewed.body);
    let renewed = renewed.json();
    assert_ne!(renewed["access_token"], first["access_token"]);
    assert_ne!(renewed["refresh_token"], first["refresh_token"]);
    assert_eq!(
        sandbox
            .get(
                renewed["access_token"].as_str().expect("token"),
                "/public/v1/clients?lastName=X"
            )
            .status,
        200
    );

    let reused = sandbox.refresh_grant(refresh);
    assert_eq!(
        (reused.status, reused.json()["error"].as_str()),
        (400, Some("invalid_grant"))
    );
    let next = renewed["refresh_token"].as_str().expect("refresh_token");
    assert_eq!(sandbox.refresh_grant(next).status, 200);
}

#[test]
fn access_tokens_expire() {
    let sandbox = Sandbox::start(&["--token-ttl", "1"]);
    let grant = sandbox.password_grant(ADVISOR, PASSWORD).json();
    assert_eq!(grant["expires_in"], 1);
    let token = grant["access_token"].as_str().expect("token");
    assert_eq!(
        sandbox.get(token, "/public/v1/clients?lastName=X").status,
        200
    );
    std::thread::sleep(Duration::from_millis(1100));
    let expired = sandbox.get(token, "/public/v1/clients?lastName=X");
    assert_eq!(expired.status, 401);
    assert_eq!(expired.json()["code"], "unauthorized");
    assert!(expired.json()["message"]
        .as_str()
        .is_some_and(|m| m.contains("expired")));
    // The refresh token outlives it.
    let refresh = grant["refresh_token"].as_str().expect("refresh");
    assert_eq!(sandbox.refresh_grant(refresh).status, 200);
}

#[test]
fn refresh_tokens_expire() {
    let sandbox = Sandbox::start(&["--refresh-ttl", "0"]);
    let grant = sandbox.password_grant(ADVISOR, PASSWORD).json();
    let reply = sandbox.refresh_grant(grant["refresh_token"].as_str().expect("refresh"));
    assert_eq!(reply.status, 400);
    assert_eq!(reply.json()["error"], "invalid_grant");
    assert!(reply.json()["error_description"]
        .as_str()
        .is_some_and(|d| d.contains("expired")));
}

#[test]
fn the_api_needs_a_bearer_token() {
    let sandbox = Sandbox::start(&[]);
    let refresh = sandbox.password_grant(ADVISOR, PASSWORD).json()["refresh_token"]
        .as_str()
        .expect("r")
        .to_string();
    let path = "/public/v1/clients?lastName=X";
    for headers in [
        vec![],
        vec![("Authorization", "Bearer made-up")],
        vec![("Authorization", "Basic YWR2aXNvcjpzYW5kYm94")],
        // A refresh token is not an access token.
        vec![("Authorization", &*format!("Bearer {refresh}"))],
    ] {
        let reply = sandbox.send("GET", path, &headers, b"");
        assert_eq!(reply.status, 401, "{headers:?}");
        assert_eq!(reply.json()["code"], "unauthorized");
        assert!(reply.json()["message"].is_string());
        assert_eq!(reply.header("www-authenticate"), Some("Bearer"));
    }
    // Even unknown /public paths and unknown clients ask for the token first.
    assert_eq!(
        sandbox
            .send("GET", "/public/v1/clients/nope", &[], b"")
            .status,
        401
    );
    assert_eq!(
        sandbox.send("POST", "/public/v1/other", &[], b"").status,
        401
    );
}

#[test]
fn the_rate_limit_answers_429_with_retry_after() {
    let sandbox = Sandbox::start(&["--rate-limit", "3", "--user", "ann:a", "--user", "bob:b"]);
    let token = |user: &str, password: &str| {
        sandbox.password_grant(user, password).json()["access_token"]
            .as_str()
            .expect("token")
            .to_string()
    };
    let (ann, bob) = (token("ann", "a"), token("bob", "b"));
    for _ in 0..3 {
        assert_eq!(
            sandbox.get(&ann, "/public/v1/clients?lastName=X").status,
            200
        );
    }
    let limited = sandbox.get(&ann, "/public/v1/clients?lastName=X");
    assert_eq!(limited.status, 429);
    assert_eq!(limited.json()["code"], "rate_limited");
    let wait: u64 = limited
        .header("retry-after")
        .and_then(|s| s.parse().ok())
        .expect("Retry-After seconds");
    assert!((1..=60).contains(&wait), "{wait}");
    assert_eq!(
        sandbox.get(&bob, "/public/v1/clients?lastName=X").status,
        200,
        "limits are per user"
    );
    assert_eq!(
        sandbox.password_grant("ann", "a").status,
        200,
        "the token endpoint is not limited"
    );
}

#[test]
fn the_rate_window_compresses_for_benchmarks() {
    // 3 calls a second: the same sliding window as eMoney's minute, shorter.
    let sandbox = Sandbox::start(&["--rate-limit", "3", "--rate-window", "1"]);
    let token = sandbox.token();
    let search = || sandbox.get(&token, "/public/v1/clients?lastName=X");
    for round in 0..2 {
        if round > 0 {
            // Waiting what Retry-After said frees the window again.
            std::thread::sleep(std::time::Duration::from_secs(1));
        }
        assert!((0..3).all(|_| search().status == 200), "round {round}");
        let limited = search();
        assert_eq!(limited.status, 429, "round {round}");
        assert_eq!(
            limited.header("retry-after"),
            Some("1"),
            "whole seconds, at least 1"
        );
    }
}

#[test]
fn a_rate_limit_of_zero_disables_it() {
    let sandbox = Sandbox::start(&["--rate-limit", "0"]);
    let token = sandbox.token();
    assert!((0..70).all(|_| sandbox.get(&token, "/public/v1/clients?lastName=X").status == 200));
}

#[test]
fn the_default_rate_limit_is_60_a_minute() {
    let sandbox = Sandbox::start(&[]);
    let token = sandbox.token();
    assert!((0..60).all(|_| sandbox.get(&token, "/public/v1/clients?lastName=X").status == 200));
    assert_eq!(
        sandbox.get(&token, "/public/v1/clients?lastName=X").status,
        429
    );
}
