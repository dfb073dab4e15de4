//! Every fault the sandbox can make, at every step of an export. After each,
//! the sandbox must hold exactly one client, with the right data.

use std::time::Duration;

use serde_json::{json, Value};
use smartoffice_emoney::emoney::{
    EmoneyError, ExportOutcome, ExportPayload, HttpRequest, Method, Transport,
};

use crate::support::{block_on, Browser, Sandbox, StdTransport};
use crate::{assert_only_the_lees, export_ok, export_yes, lees, signed_in};

/// A fault, and the wait the client must have taken because of it.
struct Kind {
    name: &'static str,
    spec: Value,
    waits: Option<Duration>,
}

/// Every kind of fault: told to wait, server errors, too slow, closed, and
/// answers lost after eMoney did the work.
fn kinds() -> Vec<Kind> {
    let slow = 1000; // past the tests' 400 ms timeout
    vec![
        Kind {
            name: "429",
            spec: json!({"status": 429, "retryAfter": 2}),
            waits: Some(Duration::from_secs(2)),
        },
        Kind {
            name: "503",
            spec: json!({"status": 503, "retryAfter": 3}),
            waits: Some(Duration::from_secs(3)),
        },
        Kind {
            name: "500",
            spec: json!({"status": 500}),
            waits: None,
        },
        Kind {
            name: "slow",
            spec: json!({"delayMs": slow}),
            waits: None,
        },
        Kind {
            name: "closed",
            spec: json!({"status": 0}),
            waits: None,
        },
        Kind {
            name: "lost answer",
            spec: json!({"status": 0, "when": "after"}),
            waits: None,
        },
        Kind {
            name: "late answer",
            spec: json!({"delayMs": slow, "when": "after"}),
            waits: None,
        },
    ]
}

fn with(spec: &Value, method: &str, path_prefix: &str, times: u32) -> Value {
    let mut spec = spec.clone();
    spec["method"] = json!(method);
    spec["pathPrefix"] = json!(path_prefix);
    spec["times"] = json!(times);
    spec
}

fn fresh(sandbox: &Sandbox) -> Browser {
    sandbox.hook("POST", "/__sandbox/reset", None);
    signed_in(sandbox)
}

/// One fault at one step of a new client's export: it is retried through.
fn new_client_step(method: &str, path_prefix: &str) {
    let sandbox = Sandbox::start();
    for kind in kinds() {
        let browser = fresh(&sandbox);
        sandbox.fault(with(&kind.spec, method, path_prefix, 1));
        let outcome = export_yes(&browser, &sandbox.domain(), &lees());
        assert!(
            matches!(outcome, Ok(ExportOutcome::Exported { created: true, .. })),
            "{method} {path_prefix} {}: {outcome:?}",
            kind.name
        );
        assert_only_the_lees(&sandbox);
        if let Some(wait) = kind.waits {
            assert!(
                browser.clock.slept.borrow().contains(&wait),
                "{}: Retry-After",
                kind.name
            );
        }
        assert!(browser.lasting.find("emoney.pendingCreate").is_none());
    }
}

#[test]
fn faults_while_searching() {
    new_client_step("GET", "/public/v1/clients");
}

#[test]
fn faults_while_creating() {
    new_client_step("POST", "/public/v1/clients");
}

#[test]
fn faults_while_putting_assets() {
    new_client_step("PUT", "/public/v1/clients/");
}

#[test]
fn faults_while_launching() {
    new_client_step("POST", "/public/v1/clients/");
}

/// The Lees, moved house and with a changed asset and policy.
fn moved() -> ExportPayload {
    let mut payload = lees();
    payload.client.home_phone = Some("(555) 777-1212".into());
    payload.assets[0].total_value = Some("2000.00".into());
    payload.policies[0].current_death_benefit = Some("750000.00".into());
    payload
}

/// One fault at one step of an existing client's update.
fn update_step(method: &str, step: impl Fn(&str) -> String) {
    let sandbox = Sandbox::start();
    for kind in kinds() {
        let browser = fresh(&sandbox);
        export_ok(&sandbox, &browser, &lees());
        let id = sandbox.clients()[0]["id"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let path_prefix = step(&id);
        sandbox.fault(with(&kind.spec, method, &path_prefix, 1));
        let outcome = export_yes(&browser, &sandbox.domain(), &moved());
        assert!(
            matches!(
                outcome,
                Ok(ExportOutcome::Exported {
                    created: false,
                    updated: true,
                    ..
                })
            ),
            "{method} {path_prefix} {}: {outcome:?}",
            kind.name
        );
        let client = assert_only_the_lees(&sandbox);
        assert_eq!(client["homePhone"], "(555) 777-1212", "{}", kind.name);
        assert_eq!(
            client["assets"][0]["totalValue"], "2000.00",
            "{}",
            kind.name
        );
        assert_eq!(
            client["policies"][0]["currentDeathBenefit"], "750000.00",
            "{}",
            kind.name
        );
    }
}

#[test]
fn faults_while_reading_the_client() {
    update_step("GET", |id| format!("/public/v1/clients/{id}"));
}

#[test]
fn faults_while_updating_the_client() {
    update_step("PUT", |id| format!("/public/v1/clients/{id}"));
}

#[test]
fn faults_while_putting_policies() {
    update_step("PUT", |id| format!("/public/v1/clients/{id}/policies/"));
}

/// A fault that does not go away: the export fails with a sentence, nothing
/// is duplicated, and the next export (fault gone) finishes the job.
#[test]
fn lasting_faults_fail_with_a_sentence_and_the_next_export_finishes() {
    let sandbox = Sandbox::start();
    let expected = |name: &str| match name {
        "429" => EmoneyError::RateLimited { seconds: 2 },
        "500" => EmoneyError::ServerProblem,
        _ => EmoneyError::Unavailable,
    };
    for (method, path_prefix) in [
        ("GET", "/public/v1/clients"),
        ("POST", "/public/v1/clients"),
        ("PUT", "/public/v1/clients/"),
        ("POST", "/public/v1/clients/"),
    ] {
        for kind in kinds() {
            let browser = fresh(&sandbox);
            sandbox.fault(with(&kind.spec, method, path_prefix, 10));
            let outcome = export_yes(&browser, &sandbox.domain(), &lees());
            let context = format!("{method} {path_prefix} {}", kind.name);
            assert_eq!(outcome, Err(expected(kind.name)), "{context}");
            assert!(sandbox.clients().len() <= 1, "{context}");
            sandbox.clear_faults();
            // The service worker was stopped meanwhile: a new one picks up.
            let outcome = export_yes(&browser, &sandbox.domain(), &lees());
            assert!(
                matches!(outcome, Ok(ExportOutcome::Exported { .. })),
                "{context}: {outcome:?}"
            );
            assert_only_the_lees(&sandbox);
            assert!(
                browser.lasting.find("emoney.pendingCreate").is_none(),
                "{context}"
            );
        }
    }
}

#[test]
fn a_create_whose_answer_is_lost_is_never_made_twice() {
    let sandbox = Sandbox::start();
    for spec in [
        json!({"status": 0, "when": "after"}),
        json!({"delayMs": 1000, "when": "after"}),
    ] {
        let browser = fresh(&sandbox);
        // Every try of this worker loses its answer; the browser then restarts.
        sandbox.fault(with(&spec, "POST", "/public/v1/clients", 10));
        let outcome = export_yes(&browser, &sandbox.domain(), &lees());
        assert_eq!(outcome, Err(EmoneyError::Unavailable), "{spec}");
        let key = browser
            .lasting
            .find("emoney.pendingCreate")
            .expect("the key is kept");
        assert_eq!(sandbox.calls("POST /public/v1/clients"), 3, "{spec}");
        assert_eq!(
            sandbox.clients().len(),
            1,
            "{spec}: one client, however many tries"
        );
        sandbox.clear_faults();

        let browser = browser.restart();
        let outcome = export_yes(&browser, &sandbox.domain(), &lees());
        assert!(
            matches!(outcome, Ok(ExportOutcome::Exported { .. })),
            "{spec}: {outcome:?}"
        );
        assert_only_the_lees(&sandbox);
        assert_eq!(
            sandbox.calls("POST /public/v1/clients"),
            3,
            "{spec}: found, not created again"
        );
        assert!(
            browser.lasting.find("emoney.pendingCreate").is_none(),
            "{spec}: {key} confirmed"
        );
    }
}

#[test]
fn a_create_retried_later_reuses_its_key() {
    let sandbox = Sandbox::start();
    let browser = fresh(&sandbox);
    sandbox.fault(with(
        &json!({"status": 0}),
        "POST",
        "/public/v1/clients",
        10,
    ));
    let outcome = export_yes(&browser, &sandbox.domain(), &lees());
    assert_eq!(outcome, Err(EmoneyError::Unavailable));
    assert!(sandbox.clients().is_empty());
    let key = browser
        .lasting
        .find("emoney.pendingCreate")
        .expect("the key is kept");
    sandbox.clear_faults();

    // One of the lost tries reaches eMoney late. Its body is told apart (no
    // link, another first name) so that only the key can say it is the same create.
    let kept = browser
        .session
        .find("emoney.accessToken")
        .expect("signed in");
    let kept: Value = serde_json::from_str(&kept).expect("the kept token is JSON");
    let token = kept["token"].as_str().expect("the token").to_owned();
    let mut unlinked = lees().client;
    unlinked.external_ids.clear();
    unlinked.client.first_name = "Late".into();
    let late = block_on(StdTransport.send(HttpRequest {
        method: Method::Post,
        url: format!("{}/public/v1/clients", sandbox.base),
        headers: vec![
            ("Authorization", format!("Bearer {token}")),
            ("Content-Type", "application/json".to_owned()),
            ("Idempotency-Key", key.clone()),
        ],
        body: serde_json::to_string(&unlinked).ok(),
        timeout: Duration::from_secs(5),
    }))
    .expect("answered");
    assert_eq!(late.status, 201);

    let outcome = export_yes(&browser, &sandbox.domain(), &lees());
    let Ok(ExportOutcome::Exported { client_id, .. }) = outcome else {
        panic!("{outcome:?}")
    };
    let clients = sandbox.clients();
    assert_eq!(clients.len(), 1, "the same key was replayed: {clients:#?}");
    assert_eq!(clients[0]["id"], client_id.as_str());
    assert_eq!(clients[0]["client"]["firstName"], "Late");
    assert!(browser.lasting.find("emoney.pendingCreate").is_none());
}

#[test]
fn a_401_in_the_middle_of_an_export_refreshes_once() {
    let sandbox = Sandbox::start();
    let browser = fresh(&sandbox);
    sandbox.fault(with(
        &json!({"status": 401}),
        "PUT",
        "/public/v1/clients/",
        1,
    ));
    export_ok(&sandbox, &browser, &lees());
    assert_only_the_lees(&sandbox);
    assert_eq!(
        sandbox.calls("POST /connect/token grant_type=refresh_token"),
        1
    );

    // A 401 that stays: one refresh, then the advisor signs in again, and
    // the export resumes where it stopped.
    let browser = fresh(&sandbox);
    sandbox.fault(with(
        &json!({"status": 401}),
        "PUT",
        "/public/v1/clients/",
        10,
    ));
    let outcome = export_yes(&browser, &sandbox.domain(), &lees());
    assert_eq!(outcome, Err(EmoneyError::SignInRequired));
    assert_eq!(
        sandbox.calls("POST /connect/token grant_type=refresh_token"),
        1
    );
    sandbox.clear_faults();
    let browser = signed_in(&sandbox);
    let outcome = export_ok(&sandbox, &browser, &lees());
    assert!(
        matches!(outcome, ExportOutcome::Exported { created: false, .. }),
        "{outcome:?}"
    );
    assert_only_the_lees(&sandbox);
}

#[test]
fn a_refresh_that_emoney_turns_away_for_a_while_is_retried_after_its_wait() {
    let sandbox = Sandbox::start();
    let browser = fresh(&sandbox).restart();
    sandbox
        .fault(json!({"pathPrefix": "/connect/token", "status": 503, "retryAfter": 4, "times": 1}));
    export_ok(&sandbox, &browser, &lees());
    assert!(browser
        .clock
        .slept
        .borrow()
        .contains(&Duration::from_secs(4)));
    assert_eq!(
        sandbox.calls("POST /connect/token grant_type=refresh_token"),
        2
    );
    assert_only_the_lees(&sandbox);
}
