//! The test hooks: every fault mode, reset, and the clients and calls views.
#![allow(clippy::expect_used)]

mod common;

use std::time::{Duration, Instant};

use common::{household, Sandbox};
use serde_json::json;

const SEARCH: &str = "/public/v1/clients?lastName=Lee";

#[test]
fn a_delay_fault_slows_the_answer_then_serves_it() {
    let sandbox = Sandbox::start(&[]);
    let token = sandbox.token();
    sandbox.fault(json!({"method": "GET", "pathPrefix": "/public/v1/clients", "delayMs": 400}));
    let started = Instant::now();
    let reply = sandbox.get(&token, SEARCH);
    assert!(started.elapsed() >= Duration::from_millis(400));
    assert_eq!(reply.status, 200);
    let started = Instant::now();
    assert_eq!(sandbox.get(&token, SEARCH).status, 200);
    assert!(
        started.elapsed() < Duration::from_millis(400),
        "used up after one request"
    );
}

#[test]
fn a_status_fault_answers_the_error_shape_with_retry_after() {
    let sandbox = Sandbox::start(&[]);
    let token = sandbox.token();
    sandbox.fault(json!({"method": "GET", "pathPrefix": "/public/", "status": 503}));
    let reply = sandbox.get(&token, SEARCH);
    assert_eq!(reply.status, 503);
    assert_eq!(reply.header("retry-after"), Some("1"));
    assert_eq!(reply.json()["code"], "sandbox_fault");
    assert!(reply.json()["message"].is_string());
    assert_eq!(
        sandbox.get(&token, SEARCH).status,
        200,
        "times defaults to 1"
    );

    sandbox.fault(json!({"pathPrefix": "/public/", "status": 429, "retryAfter": 7}));
    assert_eq!(sandbox.get(&token, SEARCH).header("retry-after"), Some("7"));
    sandbox.fault(json!({"pathPrefix": "/public/", "status": 500}));
    let plain = sandbox.get(&token, SEARCH);
    assert_eq!((plain.status, plain.header("retry-after")), (500, None));

    sandbox.fault(json!({"pathPrefix": "/connect/token", "status": 503}));
    let token_reply = sandbox.password_grant("advisor", "sandbox");
    assert_eq!(token_reply.status, 503);
    assert_eq!(token_reply.header("retry-after"), Some("1"));
    assert_eq!(
        token_reply.json()["error"],
        "temporarily_unavailable",
        "the token endpoint keeps its own shape"
    );
}

#[test]
fn a_status_fault_before_processing_changes_nothing() {
    let sandbox = Sandbox::start(&[]);
    let token = sandbox.token();
    sandbox.fault(json!({"method": "POST", "pathPrefix": "/public/v1/clients", "status": 500}));
    assert_eq!(
        sandbox
            .create(&token, "k", &household("Ann", "Lee", "smartoffice:h:1"))
            .status,
        500
    );
    assert!(sandbox.clients().is_empty());
    assert_eq!(
        sandbox
            .create(&token, "k", &household("Ann", "Lee", "smartoffice:h:1"))
            .status,
        201,
        "the key was not used up"
    );
}

#[test]
fn status_zero_closes_the_connection_without_an_answer() {
    let sandbox = Sandbox::start(&[]);
    let token = sandbox.token();
    sandbox.fault(json!({"method": "GET", "pathPrefix": "/public/v1/clients", "status": 0}));
    let auth = format!("Bearer {token}");
    assert!(sandbox
        .try_send("GET", SEARCH, &[("Authorization", &auth)], b"")
        .is_err());
    assert_eq!(sandbox.get(&token, SEARCH).status, 200);
}

#[test]
fn when_after_processes_for_real_then_loses_the_answer() {
    let sandbox = Sandbox::start(&[]);
    let token = sandbox.token();
    sandbox.fault(
        json!({"method": "POST", "pathPrefix": "/public/v1/clients", "status": 0, "when": "after"}),
    );
    let auth = format!("Bearer {token}");
    let body = household("Ann", "Lee", "smartoffice:h:1").to_string();
    let headers = [
        ("Authorization", auth.as_str()),
        ("Content-Type", "application/json"),
        ("Idempotency-Key", "lost-1"),
    ];
    assert!(sandbox
        .try_send("POST", "/public/v1/clients", &headers, body.as_bytes())
        .is_err());
    let stored = sandbox.clients();
    assert_eq!(stored.len(), 1, "the create happened");

    // The retry with the same key learns the first answer and creates nothing.
    let retry = sandbox.send("POST", "/public/v1/clients", &headers, body.as_bytes());
    assert_eq!(retry.status, 201);
    assert_eq!(retry.json()["id"], stored[0]["id"]);
    assert_eq!(sandbox.clients().len(), 1);

    // With a status instead of a close, the error replaces the real answer.
    let id = stored[0]["id"].as_str().expect("id");
    sandbox.fault(json!({"method": "PUT", "pathPrefix": "/public/v1/clients/", "status": 504, "when": "after", "delayMs": 100}));
    let started = Instant::now();
    let put = sandbox.call(
        "PUT",
        &token,
        &format!("/public/v1/clients/{id}"),
        &[],
        &json!({"fax": null}),
    );
    assert_eq!(put.status, 504);
    assert!(started.elapsed() >= Duration::from_millis(100));
    assert_eq!(
        sandbox.clients()[0]["fax"],
        serde_json::Value::Null,
        "the update happened"
    );
}

#[test]
fn times_counts_matching_requests_only() {
    let sandbox = Sandbox::start(&[]);
    let token = sandbox.token();
    sandbox.fault(
        json!({"method": "GET", "pathPrefix": "/public/v1/clients", "status": 503, "times": 2}),
    );
    let id = sandbox.create_ok(&token, &household("Ann", "Lee", "smartoffice:h:1"));
    assert_eq!(sandbox.get(&token, SEARCH).status, 503);
    assert_eq!(
        sandbox
            .get(&token, &format!("/public/v1/clients/{id}"))
            .status,
        503
    );
    assert_eq!(sandbox.get(&token, SEARCH).status, 200);
}

#[test]
fn faults_are_listed_cleared_and_checked() {
    let sandbox = Sandbox::start(&[]);
    let token = sandbox.token();
    sandbox.fault(json!({"status": 503, "times": 5}));
    let listed = sandbox.send("GET", "/__sandbox/faults", &[], b"").json();
    assert_eq!(
        listed["faults"],
        json!([{"method": null, "pathPrefix": "/", "status": 503, "delayMs": 0, "times": 5, "when": "before", "retryAfter": 1}])
    );
    assert_eq!(
        sandbox.send("GET", "/__sandbox/clients", &[], b"").status,
        200,
        "hooks are never faulted"
    );
    assert_eq!(sandbox.get(&token, SEARCH).status, 503);
    let cleared = sandbox.send("DELETE", "/__sandbox/faults", &[], b"");
    assert_eq!(cleared.json()["cleared"], 1);
    assert_eq!(sandbox.get(&token, SEARCH).status, 200);

    for bad in [
        json!({"status": 200}),
        json!({"times": 0}),
        json!({"when": "later"}),
        json!({"pathPrefix": "x"}),
        json!({"stat": 1}),
    ] {
        let reply = sandbox.send("POST", "/__sandbox/faults", &[], bad.to_string().as_bytes());
        assert_eq!(reply.status, 422, "{bad}");
    }
}

#[test]
fn calls_are_counted_per_pattern() {
    let sandbox = Sandbox::start(&[]);
    let token = sandbox.token();
    let id = sandbox.create_ok(&token, &household("Ann", "Lee", "smartoffice:h:1"));
    sandbox.get(&token, &format!("/public/v1/clients/{id}"));
    sandbox.get(&token, &format!("/public/v1/clients/{id}"));
    sandbox.get(&token, SEARCH);
    sandbox.call(
        "PUT",
        &token,
        &format!("/public/v1/clients/{id}/assets/a"),
        &[],
        &json!({}),
    );
    sandbox.get(&token, &format!("/public/v1/clients/{id}/assets"));
    sandbox.get(&token, &format!("/public/v1/clients/{id}/policies"));
    sandbox.get(&token, &format!("/public/v1/clients/{id}/policies"));
    sandbox.send("GET", SEARCH, &[], b"");
    sandbox.form(
        "/connect/token",
        "grant_type=refresh_token&refresh_token=x&client_id=smartoffice-emoney",
    );
    sandbox.send("GET", "/signin", &[], b"");
    assert_eq!(
        sandbox.calls(),
        json!({
            "POST /connect/token grant_type=password": 1,
            "POST /connect/token grant_type=refresh_token": 1,
            "POST /public/v1/clients": 1,
            "GET /public/v1/clients": 2,
            "GET /public/v1/clients/{id}": 2,
            "PUT /public/v1/clients/{id}/assets/{externalId}": 1,
            "GET /public/v1/clients/{id}/assets": 1,
            "GET /public/v1/clients/{id}/policies": 2,
        })
    );
}

#[test]
fn reset_wipes_everything_but_the_users() {
    let sandbox = Sandbox::start(&["--rate-limit", "20"]);
    let token = sandbox.token();
    let key_body = household("Ann", "Lee", "smartoffice:h:1");
    sandbox.create(&token, "k-1", &key_body);
    for _ in 0..3 {
        sandbox.password_grant("advisor", "wrong");
    }
    sandbox.fault(json!({"pathPrefix": "/nothing", "status": 500}));
    let reset = sandbox.send("POST", "/__sandbox/reset", &[], b"");
    assert_eq!(reset.status, 200);

    assert!(sandbox.clients().is_empty());
    assert_eq!(sandbox.calls(), json!({}));
    assert_eq!(
        sandbox.send("GET", "/__sandbox/faults", &[], b"").json()["faults"],
        json!([])
    );
    assert_eq!(
        sandbox.get(&token, SEARCH).status,
        401,
        "old tokens are gone"
    );
    let token = sandbox.token();
    let again = sandbox.create(&token, "k-1", &key_body);
    assert_eq!(
        again.header("idempotent-replayed"),
        None,
        "idempotency keys are gone"
    );
    assert_eq!(again.status, 201);
    assert_eq!(sandbox.clients().len(), 1);
    assert_eq!(
        sandbox.send("GET", "/__sandbox/nothing", &[], b"").status,
        404
    );
}
