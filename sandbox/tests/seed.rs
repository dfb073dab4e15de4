//! Demo clients in bulk: `--seed PATH` at start and `POST /__sandbox/seed`,
//! both checked exactly as `POST /public/v1/clients` checks a body.
#![allow(clippy::expect_used)]

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{household, Sandbox};
use serde_json::{json, Value};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed.json")
}

fn fixture_json() -> Value {
    serde_json::from_str(&std::fs::read_to_string(fixture()).expect("the fixture"))
        .expect("the fixture is JSON")
}

fn fixture_arg() -> String {
    fixture().to_str().expect("a UTF-8 path").to_string()
}

/// Every value in `expected` is in `actual` at the same place; what
/// `expected` leaves out, `actual` answers as `null` (`[]` for a client's
/// assets and policies).
fn assert_shows(expected: &Value, actual: &Value, at: &str) {
    match (expected, actual) {
        (Value::Object(expected), Value::Object(actual)) => {
            for (name, value) in actual {
                match expected.get(name) {
                    Some(wanted) => assert_shows(wanted, value, &format!("{at}.{name}")),
                    None if name == "id" => {}
                    None if name == "assets" || name == "policies" => {
                        assert_eq!(value, &json!([]), "{at}.{name}");
                    }
                    None => assert_eq!(value, &Value::Null, "{at}.{name} was not in the seed"),
                }
            }
            for name in expected.keys() {
                assert!(actual.contains_key(name), "{at}.{name} is missing");
            }
        }
        (Value::Array(expected), Value::Array(actual)) => {
            assert_eq!(expected.len(), actual.len(), "{at}");
            for (i, (wanted, value)) in expected.iter().zip(actual).enumerate() {
                assert_shows(wanted, value, &format!("{at}[{i}]"));
            }
        }
        _ => assert_eq!(expected, actual, "{at}"),
    }
}

/// Runs the binary until it exits (it must, within 10 s): exit code, stdout, stderr.
fn run_to_exit(args: &[&str]) -> (Option<i32>, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_emoney-sandbox"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start emoney-sandbox");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            panic!("emoney-sandbox {args:?} did not stop");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let read = |stream: &mut dyn Read| {
        let mut text = String::new();
        stream.read_to_string(&mut text).expect("read");
        text
    };
    let stdout = read(child.stdout.as_mut().expect("stdout"));
    let stderr = read(child.stderr.as_mut().expect("stderr"));
    (status.code(), stdout, stderr)
}

#[test]
fn a_seed_file_adds_its_clients_at_start() {
    let sandbox = Sandbox::start(&["--seed", &fixture_arg()]);
    let seed = fixture_json();
    let clients = sandbox.clients();
    assert_shows(&seed["clients"], &Value::Array(clients.clone()), "clients");
    assert_eq!(clients[1]["externalIds"], Value::Null, "typed in by hand");

    let token = sandbox.token();
    let ann = clients[0]["id"].as_str().expect("id");
    let assets = sandbox.get(&token, &format!("/public/v1/clients/{ann}/assets"));
    assert_eq!(assets.json()["assets"], clients[0]["assets"]);
    let found = sandbox.get(&token, "/public/v1/clients?lastName=Moss&firstName=Bob");
    assert_eq!(found.json()["clientList"][0]["id"], clients[1]["id"]);
    let found = sandbox.get(
        &token,
        "/public/v1/clients?externalId=smartoffice:test.example:1",
    );
    assert_eq!(found.json()["totalClientCount"], 1);
}

#[test]
fn a_database_file_is_seeded_once() {
    let folder = common::temp_path("seeded");
    let db = folder.join("sandbox.sqlite3");
    let db = db.to_str().expect("UTF-8 path");
    let seed = fixture_arg();
    let args = ["--port", "0", "--db", db, "--seed", &seed];
    assert_eq!(Sandbox::start_with(&args, None).clients().len(), 2);
    assert_eq!(
        Sandbox::start_with(&args, None).clients().len(),
        2,
        "a restart on the same database adds nothing"
    );
    let _ = std::fs::remove_dir_all(folder);
}

#[test]
fn a_bad_seed_file_stops_the_start_naming_the_client_and_field() {
    let folder = common::temp_path("bad-seeds");
    std::fs::create_dir_all(&folder).expect("a folder");
    let mut bad_date = fixture_json();
    bad_date["clients"][1]["client"]["dateOfBirth"] = json!("01/15/1980");
    let mut bad_asset = fixture_json();
    bad_asset["clients"][0]["assets"][1]["holdingsValue"] = json!("12.5");
    bad_asset["clients"][0]["assets"][1]["externalId"] = json!("test:asset:1");
    let cases: Vec<(&str, String, &[&str])> = vec![
        (
            "date",
            bad_date.to_string(),
            &["clients[1].client.dateOfBirth: must be a real date written YYYY-MM-DD"],
        ),
        (
            "asset",
            bad_asset.to_string(),
            &[
                "clients[0].assets[1].holdingsValue: must be a decimal string",
                "clients[0].assets[1].externalId: repeats assets[0].externalId",
            ],
        ),
        (
            "id",
            json!({"clients": [{"id": "mine", "client": {"firstName": "A", "lastName": "B"}}]})
                .to_string(),
            &["clients[0].id: is chosen by eMoney"],
        ),
        (
            "shape",
            json!({"clients": {}, "extra": 1}).to_string(),
            &[
                "extra: is not a field of a seed",
                "clients: must be an array",
            ],
        ),
        ("json", "{\"clients\": [".into(), &["is not valid JSON"]),
    ];
    for (name, text, expected) in cases {
        let path = folder.join(format!("{name}.json"));
        std::fs::write(&path, text).expect("write the seed");
        let path = path.to_str().expect("a UTF-8 path");
        let (code, stdout, stderr) =
            run_to_exit(&["--port", "0", "--db", ":memory:", "--seed", path]);
        assert_eq!(code, Some(2), "{name}: {stderr}");
        assert_eq!(stdout, "", "{name}: nothing listened");
        assert!(
            stderr.starts_with(&format!("emoney-sandbox: the seed file {path} ")),
            "{name} names the file: {stderr}"
        );
        for line in expected {
            assert!(stderr.contains(line), "{name}: {line:?} not in {stderr}");
        }
    }
    let missing = folder.join("missing.json");
    let (code, _, stderr) = run_to_exit(&["--seed", missing.to_str().expect("UTF-8")]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("cannot read the seed file"), "{stderr}");
    let _ = std::fs::remove_dir_all(folder);
}

fn post_seed(sandbox: &Sandbox, body: &str) -> common::Reply {
    sandbox.send(
        "POST",
        "/__sandbox/seed",
        &[("Content-Type", "application/json")],
        body.as_bytes(),
    )
}

#[test]
fn the_seed_hook_adds_clients_and_answers_them() {
    let sandbox = Sandbox::start(&[]);
    let token = sandbox.token();
    sandbox.create_ok(&token, &household("Zed", "Old", "smartoffice:h:1"));
    let seeded = post_seed(&sandbox, &fixture_json().to_string());
    assert_eq!(seeded.status, 201, "{}", seeded.body);
    let seeded = seeded.json()["clients"].clone();
    assert_shows(&fixture_json()["clients"], &seeded, "clients");
    let all = sandbox.clients();
    assert_eq!(all.len(), 3, "added to the clients already there");
    assert_eq!(Value::Array(all[1..].to_vec()), seeded);

    let empty = post_seed(&sandbox, r#"{"clients": []}"#);
    assert_eq!((empty.status, empty.json()), (201, json!({"clients": []})));
    let broken = post_seed(&sandbox, "{");
    assert_eq!(
        (broken.status, broken.json()["code"].as_str()),
        (400, Some("bad_request"))
    );
    let bad = post_seed(
        &sandbox,
        &json!({"clients": [
            {"client": {"firstName": "Ok", "lastName": "Fine"}},
            {"client": {"firstName": "No"}, "policies": [{"externalId": "p", "policyNumber": "123456789"}, 7]},
        ]})
        .to_string(),
    );
    assert_eq!(bad.status, 422, "{}", bad.body);
    assert_eq!(
        bad.error_fields(),
        [
            "clients[1].client.lastName",
            "clients[1].policies[0].policyNumber",
            "clients[1].policies[1]"
        ]
    );
    assert_eq!(sandbox.clients().len(), 3, "a refused seed adds nothing");
    assert_eq!(sandbox.send("GET", "/__sandbox/seed", &[], b"").status, 405);
    assert_eq!(
        sandbox.calls()["POST /__sandbox/seed"],
        Value::Null,
        "hooks are not counted"
    );

    sandbox.send("POST", "/__sandbox/reset", &[], b"");
    assert!(
        sandbox.clients().is_empty(),
        "reset takes seeded clients too"
    );
}

/// A seed's client is refused for exactly what a create is refused for,
/// under the same field names.
#[test]
fn a_seed_checks_clients_exactly_as_a_create_does() {
    let sandbox = Sandbox::start(&[]);
    let token = sandbox.token();
    let with = |change: &dyn Fn(&mut Value)| {
        let mut body = household("Ann", "Lee", "smartoffice:h:1");
        change(&mut body);
        body
    };
    let bodies = [
        with(&|b| b["maritalStatus"] = json!("Engaged")),
        with(&|b| b["client"]["dateOfBirth"] = json!("1970-02-30")),
        with(&|b| b["spouse"]["nickname"] = json!("S")),
        with(&|b| b["homePhone"] = json!(" 555 ")),
        with(&|b| b["externalIds"] = json!([""])),
        with(&|b| b["client"] = Value::Null),
        with(&|b| {
            b["id"] = json!("x");
            b["fax"] = json!("");
        }),
        with(&|b| b["address"]["city"] = json!("")),
    ];
    for (i, body) in bodies.iter().enumerate() {
        let created = sandbox.create(&token, &format!("k-{i}"), body);
        assert_eq!(created.status, 422, "{body}");
        let seeded = post_seed(&sandbox, &json!({"clients": [body]}).to_string());
        assert_eq!(seeded.status, 422, "{body}");
        let prefixed: Vec<String> = created
            .error_fields()
            .iter()
            .map(|f| format!("clients[0].{f}"))
            .collect();
        assert_eq!(seeded.error_fields(), prefixed, "{body}");
    }
    assert!(sandbox.clients().is_empty());
}
