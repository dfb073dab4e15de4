//! Signing in, refreshing with rotated tokens, and never retrying a password.

use serde_json::json;
use smartoffice_emoney::emoney::{EmoneyError, Found};

use crate::support::{block_on, Browser, Sandbox, ADVISOR, PASSWORD};
use crate::{lees, said, signed_in};

const PASSWORD_GRANT: &str = "POST /connect/token grant_type=password";
const REFRESH_GRANT: &str = "POST /connect/token grant_type=refresh_token";

#[test]
fn a_wrong_password_is_said_so_and_sent_once() {
    let sandbox = Sandbox::start();
    let browser = Browser::default();
    let result = block_on(
        browser
            .worker()
            .sign_in(&sandbox.domain(), ADVISOR, "wrong", true),
    );
    let error = result.expect_err("refused");
    assert_eq!(said(&error), "The user name or password is incorrect.");
    assert_eq!(sandbox.calls(PASSWORD_GRANT), 1);
    assert!(!browser.lasting.holds_text("wrong") && !browser.session.holds_text("wrong"));
    assert!(!browser.secrets.holds_text("wrong"));
    assert!(browser.session.0.borrow().is_empty());
}

#[test]
fn the_third_wrong_password_says_the_account_is_locked() {
    let sandbox = Sandbox::start();
    let worker = Browser::default().worker();
    let domain = sandbox.domain();
    for _ in 0..2 {
        let error =
            block_on(worker.sign_in(&domain, ADVISOR, "wrong", false)).expect_err("refused");
        assert_eq!(error, EmoneyError::WrongPassword);
    }
    let third = block_on(worker.sign_in(&domain, ADVISOR, "wrong", false)).expect_err("refused");
    assert_eq!(third, EmoneyError::AccountLocked);
    assert_eq!(sandbox.calls(PASSWORD_GRANT), 3);
}

#[test]
fn an_unavailable_token_endpoint_is_not_asked_twice_for_a_password() {
    let sandbox = Sandbox::start();
    for (status, expected) in [
        (503, EmoneyError::Unavailable),
        (429, EmoneyError::RateLimited { seconds: 1 }),
        (500, EmoneyError::ServerProblem),
        (0, EmoneyError::Unavailable),
    ] {
        sandbox.hook("POST", "/__sandbox/reset", None);
        sandbox.fault(json!({"pathPrefix": "/connect/token", "status": status, "times": 5}));
        let worker = Browser::default().worker();
        let error = block_on(worker.sign_in(&sandbox.domain(), ADVISOR, PASSWORD, false));
        assert_eq!(error, Err(expected), "status {status}");
        assert_eq!(sandbox.calls(PASSWORD_GRANT), 1, "status {status}");
    }
}

#[test]
fn the_password_is_never_stored_and_tokens_go_where_asked() {
    let sandbox = Sandbox::start();
    let domain = sandbox.domain();
    let remembered = signed_in(&sandbox);
    for vault in [
        &remembered.lasting,
        &remembered.session,
        &remembered.secrets,
    ] {
        assert!(!vault.holds_text(PASSWORD));
    }
    // A remembered token is kept where no content script can read it.
    assert!(remembered.secrets.find("emoney.refreshToken").is_some());
    assert!(remembered.lasting.find("emoney.refreshToken").is_none());
    assert!(remembered.lasting.find("emoney.accessToken").is_none());
    assert!(remembered.session.find("emoney.accessToken").is_some());

    let forgotten = Browser::default();
    block_on(
        forgotten
            .worker()
            .sign_in(&domain, ADVISOR, PASSWORD, false),
    )
    .expect("signed in");
    assert!(forgotten.lasting.0.borrow().is_empty());
    assert!(forgotten.secrets.0.borrow().is_empty());
    assert!(forgotten.session.find("emoney.refreshToken").is_some());
}

#[test]
fn a_restarted_browser_refreshes_and_stores_the_rotated_token() {
    let sandbox = Sandbox::start();
    let domain = sandbox.domain();
    let browser = signed_in(&sandbox);
    let first = browser
        .secrets
        .find("emoney.refreshToken")
        .expect("remembered");

    // The browser restarted: no access token, the remembered refresh token works.
    let browser = browser.restart();
    let found = block_on(browser.worker().find(&domain, &lees().identity()));
    assert_eq!(found, Ok(Found::NotFound));
    assert_eq!(sandbox.calls(REFRESH_GRANT), 1);
    let second = browser
        .secrets
        .find("emoney.refreshToken")
        .expect("rotated");
    assert_ne!(first, second);

    // Again: the rotated token is the one that works (the first is used up).
    let browser = browser.restart();
    assert_eq!(
        block_on(browser.worker().find(&domain, &lees().identity())),
        Ok(Found::NotFound)
    );
    assert_eq!(sandbox.calls(REFRESH_GRANT), 2);
    assert_eq!(sandbox.calls(PASSWORD_GRANT), 1);
}

#[test]
fn without_remember_me_a_browser_restart_asks_to_sign_in_again() {
    let sandbox = Sandbox::start();
    let domain = sandbox.domain();
    let browser = Browser::default();
    block_on(browser.worker().sign_in(&domain, ADVISOR, PASSWORD, false)).expect("signed in");
    let browser = browser.restart();
    let error =
        block_on(browser.worker().find(&domain, &lees().identity())).expect_err("signed out");
    assert_eq!(error, EmoneyError::SignInRequired);
    assert!(said(&error).contains("Sign in to eMoney again"));
}

#[test]
fn an_access_token_is_refreshed_before_it_expires() {
    let sandbox = Sandbox::start();
    let domain = sandbox.domain();
    let browser = signed_in(&sandbox);
    block_on(browser.worker().find(&domain, &lees().identity())).expect("found nothing");
    assert_eq!(sandbox.calls(REFRESH_GRANT), 0, "the new token is used");
    // 59 minutes on: the token (3,600 s) has less than a minute left.
    block_on(smartoffice_emoney::emoney::Clock::sleep(
        &browser.clock,
        std::time::Duration::from_secs(59 * 60 + 1),
    ));
    block_on(browser.worker().find(&domain, &lees().identity())).expect("found nothing");
    assert_eq!(
        sandbox.calls(REFRESH_GRANT),
        1,
        "refreshed before use, not after a 401"
    );
}

#[test]
fn an_expired_session_is_refreshed_once_then_the_advisor_signs_in_again() {
    let sandbox = Sandbox::start();
    let domain = sandbox.domain();
    let browser = signed_in(&sandbox);
    // eMoney forgets every token (as when they expire).
    sandbox.hook("POST", "/__sandbox/reset", None);
    let error = block_on(browser.worker().find(&domain, &lees().identity())).expect_err("expired");
    assert_eq!(error, EmoneyError::SignInRequired);
    assert_eq!(sandbox.calls(REFRESH_GRANT), 1);
    assert!(
        browser.secrets.find("emoney.refreshToken").is_none(),
        "the dead token is forgotten"
    );
    assert_eq!(sandbox.calls("GET /public/v1/clients"), 1);
}
