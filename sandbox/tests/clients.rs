//! Search, create with idempotency, partial update, asset and policy
//! upserts, launch links and every 422 the contract names.
#![allow(clippy::expect_used)]

mod common;

use common::{household, Sandbox};
use serde_json::{json, Value};

#[test]
fn search_by_external_id_and_by_name_ignores_case() {
    let sandbox = Sandbox::start(&[]);
    let token = sandbox.token();
    let ann = sandbox.create_ok(&token, &household("Ann", "Lee", "smartoffice:so.example:1"));
    let bob = sandbox.create_ok(&token, &household("Bob", "Lee", "smartoffice:so.example:2"));
    sandbox.create_ok(
        &token,
        &household("Élodie", "Ørsted", "smartoffice:so.example:3"),
    );

    let ids = |path: &str| -> Vec<String> {
        let reply = sandbox.get(&token, path);
        assert_eq!(reply.status, 200, "{path}: {}", reply.body);
        let body = reply.json();
        let list = body["clientList"].as_array().expect("clientList").clone();
        assert_eq!(body["totalClientCount"], list.len(), "{path}");
        list.iter()
            .map(|c| c["id"].as_str().expect("id").to_string())
            .collect()
    };
    assert_eq!(
        ids("/public/v1/clients?externalId=smartoffice%3Aso.example%3A1"),
        [ann.as_str()]
    );
    assert_eq!(
        ids("/public/v1/clients?externalId=SMARTOFFICE:SO.EXAMPLE:2"),
        [bob.as_str()]
    );
    assert_eq!(
        ids("/public/v1/clients?lastName=lee&firstName=ANN"),
        [ann.as_str()]
    );
    assert_eq!(
        ids("/public/v1/clients?lastName=LEE"),
        [ann.as_str(), bob.as_str()]
    );
    assert_eq!(
        ids("/public/v1/clients?lastName=%C3%B8RSTED&firstName=%C3%A9lodie").len(),
        1
    );
    assert!(ids("/public/v1/clients?externalId=smartoffice:so.example:9").is_empty());
    assert!(
        ids("/public/v1/clients?lastName=Le").is_empty(),
        "names match whole, not by prefix"
    );

    let summary = sandbox
        .get(&token, "/public/v1/clients?lastName=Lee&firstName=Ann")
        .json()["clientList"][0]
        .clone();
    assert_eq!(
        summary,
        json!({"id": ann, "externalIds": ["smartoffice:so.example:1"], "firstName": "Ann", "lastName": "Lee", "dateOfBirth": "1970-02-28"})
    );

    let nothing = sandbox.get(&token, "/public/v1/clients");
    assert_eq!(nothing.status, 422);
    assert_eq!(nothing.error_fields(), ["externalId", "lastName"]);
    assert_eq!(
        sandbox
            .get(&token, "/public/v1/clients?firstName=Ann")
            .error_fields(),
        ["externalId", "lastName"]
    );
    assert_eq!(
        sandbox
            .get(&token, "/public/v1/clients?externalId=")
            .error_fields(),
        ["externalId"]
    );
}

#[test]
fn create_answers_the_client_and_get_returns_it() {
    let sandbox = Sandbox::start(&[]);
    let token = sandbox.token();
    let body = household("Ann", "Lee", "smartoffice:h:1");
    let created = sandbox.create(&token, "key-1", &body);
    assert_eq!(created.status, 201);
    let created = created.json();
    let id = created["id"].as_str().expect("id");
    for (field, value) in body.as_object().expect("object") {
        assert_eq!(&created[field], value, "{field}");
    }
    assert_eq!(created["assets"], json!([]));
    assert_eq!(created["policies"], json!([]));
    let fetched = sandbox.get(&token, &format!("/public/v1/clients/{id}"));
    assert_eq!(fetched.status, 200);
    assert_eq!(fetched.json(), created);
}

#[test]
fn the_same_idempotency_key_replays_the_first_answer() {
    let sandbox = Sandbox::start(&[]);
    let token = sandbox.token();
    let first = sandbox.create(&token, "k-1", &household("Ann", "Lee", "smartoffice:h:1"));
    assert_eq!(first.status, 201);
    // Even with another body: the key decides.
    let again = sandbox.create(
        &token,
        "k-1",
        &household("Other", "Person", "smartoffice:h:2"),
    );
    assert_eq!((again.status, &again.body), (201, &first.body));
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    assert_eq!(sandbox.clients().len(), 1);

    assert_eq!(
        sandbox
            .create(&token, "k-2", &household("Ann", "Lee", "smartoffice:h:1"))
            .status,
        201
    );
    assert_eq!(sandbox.clients().len(), 2, "a new key creates a new client");

    // A refused create is an answer too, replayed for its key.
    let refused = sandbox.create(&token, "k-3", &json!({"homePhone": "555"}));
    assert_eq!(refused.status, 422);
    let replayed = sandbox.create(&token, "k-3", &household("Ann", "Lee", "smartoffice:h:1"));
    assert_eq!((replayed.status, &replayed.body), (422, &refused.body));
    assert_eq!(sandbox.clients().len(), 2);
}

#[test]
fn a_create_without_an_idempotency_key_is_refused() {
    let sandbox = Sandbox::start(&[]);
    let token = sandbox.token();
    let body = household("Ann", "Lee", "smartoffice:h:1");
    let reply = sandbox.call("POST", &token, "/public/v1/clients", &[], &body);
    assert_eq!(reply.status, 422);
    assert_eq!(reply.json()["code"], "validation_failed");
    assert_eq!(reply.error_fields(), ["Idempotency-Key"]);
    assert_eq!(
        sandbox.create(&token, "  ", &body).error_fields(),
        ["Idempotency-Key"]
    );
    assert!(sandbox.clients().is_empty());
}

#[test]
fn an_update_replaces_present_fields_and_keeps_absent_ones() {
    let sandbox = Sandbox::start(&[]);
    let token = sandbox.token();
    let original = household("Ann", "Lee", "smartoffice:h:1");
    let id = sandbox.create_ok(&token, &original);
    let path = format!("/public/v1/clients/{id}");
    let put = |body: Value| sandbox.call("PUT", &token, &path, &[], &body);

    let reply = put(json!({"homePhone": "(555) 999-0000", "maritalStatus": "Widowed"}));
    assert_eq!(reply.status, 200, "{}", reply.body);
    let updated = reply.json();
    assert_eq!(updated["homePhone"], "(555) 999-0000");
    assert_eq!(updated["maritalStatus"], "Widowed");
    for kept in ["address", "fax", "client", "spouse", "externalIds"] {
        assert_eq!(updated[kept], original[kept], "{kept}");
    }

    // A present top-level object replaces the stored one whole.
    let reply = put(json!({"address": {"city": "Shelbyville"}}));
    assert_eq!(
        reply.json()["address"],
        json!({"street1": null, "street2": null, "city": "Shelbyville", "state": null, "postalCode": null, "country": null})
    );

    let reply = put(json!({"spouse": null, "id": id}));
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.json()["spouse"], Value::Null);
    assert_eq!(reply.json()["client"], original["client"]);
    assert_eq!(sandbox.get(&token, &path).json()["spouse"], Value::Null);
    assert_eq!(sandbox.clients()[0]["spouse"], Value::Null);

    // null clears any other field too.
    assert_eq!(put(json!({"fax": null})).json()["fax"], Value::Null);

    assert_eq!(put(json!({"client": null})).error_fields(), ["client"]);
    assert_eq!(
        put(json!({"client": {"firstName": "Ann"}})).error_fields(),
        ["client.lastName"]
    );
    assert_eq!(put(json!({"id": "someone-else"})).error_fields(), ["id"]);
    assert_eq!(put(json!({"assets": []})).error_fields(), ["assets"]);
    assert_eq!(
        sandbox.get(&token, &path).json()["client"],
        original["client"],
        "a refused update changes nothing"
    );

    let missing = sandbox.call(
        "PUT",
        &token,
        "/public/v1/clients/no-such-id",
        &[],
        &json!({"fax": null}),
    );
    assert_eq!(missing.status, 404);
    assert_eq!(missing.json()["code"], "not_found");
}

/// The contract's rule, case by case: each object sent replaces the stored
/// one whole (a `client` without `email` leaves no e-mail), at every depth.
#[test]
fn an_update_replaces_each_object_it_sends_whole() {
    let sandbox = Sandbox::start(&[]);
    let token = sandbox.token();
    let original = household("Ann", "Lee", "smartoffice:h:1");
    let id = sandbox.create_ok(&token, &original);
    let path = format!("/public/v1/clients/{id}");
    let put = |body: Value| {
        let reply = sandbox.call("PUT", &token, &path, &[], &body);
        assert_eq!(reply.status, 200, "{body}: {}", reply.body);
        let answer = reply.json();
        assert_eq!(
            sandbox.get(&token, &path).json(),
            answer,
            "the answer is what is stored"
        );
        answer
    };
    let unchanged = |answer: &Value, fields: &[&str]| {
        for field in fields {
            assert_eq!(answer[*field], original[*field], "{field} was kept");
        }
    };

    let same = put(json!({}));
    unchanged(
        &same,
        &[
            "externalIds",
            "maritalStatus",
            "address",
            "homePhone",
            "fax",
            "client",
            "spouse",
        ],
    );

    // A client sent without email, phone or job loses them.
    let answer = put(json!({"client": {"firstName": "Ann", "lastName": "Lee-Park"}}));
    assert_eq!(
        answer["client"],
        json!({"firstName": "Ann", "lastName": "Lee-Park", "dateOfBirth": null, "email": null, "cellPhone": null, "job": null})
    );
    unchanged(&answer, &["externalIds", "address", "homePhone", "spouse"]);

    // Inside the object sent, a nested object is replaced whole too.
    let answer = put(
        json!({"client": {"firstName": "Ann", "lastName": "Lee", "job": {"companyName": "Gamma"}}}),
    );
    assert_eq!(
        answer["client"]["job"],
        json!({"companyName": "Gamma", "jobTitle": null, "businessPhone": null, "businessFax": null, "address": null})
    );

    let answer = put(json!({"spouse": {"firstName": "Sam", "lastName": "Lee"}}));
    assert_eq!(
        answer["spouse"],
        json!({"firstName": "Sam", "lastName": "Lee", "dateOfBirth": null, "email": null, "cellPhone": null, "job": null})
    );

    // Arrays are values like any other: replaced, not appended to.
    let answer = put(json!({"externalIds": ["smartoffice:h:9"]}));
    assert_eq!(answer["externalIds"], json!(["smartoffice:h:9"]));
    assert_eq!(
        put(json!({"externalIds": null}))["externalIds"],
        Value::Null
    );

    // null clears a value; "spouse": null removes the spouse, and one can be added again.
    let answer = put(json!({"maritalStatus": null, "spouse": null}));
    assert_eq!(
        (&answer["maritalStatus"], &answer["spouse"]),
        (&Value::Null, &Value::Null)
    );
    let answer = put(json!({"maritalStatus": "DomesticPartner", "spouse": original["spouse"]}));
    assert_eq!(answer["maritalStatus"], "DomesticPartner");
    assert_eq!(answer["spouse"], original["spouse"]);
    unchanged(&answer, &["address", "homePhone", "fax"]);

    let answer = put(json!({"address": null, "homePhone": null}));
    assert_eq!(
        (&answer["address"], &answer["homePhone"]),
        (&Value::Null, &Value::Null)
    );
    unchanged(&answer, &["fax", "spouse"]);

    // A refused update leaves the whole client as it was.
    let before = sandbox.get(&token, &path).json();
    let refused = sandbox.call(
        "PUT",
        &token,
        &path,
        &[],
        &json!({"fax": "(555) 000-0000", "spouse": {"firstName": "Sam"}}),
    );
    assert_eq!(refused.error_fields(), ["spouse.lastName"]);
    assert_eq!(sandbox.get(&token, &path).json(), before);
}

#[test]
fn assets_and_policies_are_created_then_updated() {
    let sandbox = Sandbox::start(&[]);
    let token = sandbox.token();
    let id = sandbox.create_ok(&token, &household("Ann", "Lee", "smartoffice:h:1"));
    let asset = json!({"externalId": "inv-1", "name": "Brokerage", "holdingsValue": "1234.56", "cashBalance": "-80.00",
                       "totalValue": "1154.56", "typeOfFunds": ["Qualified", "Held Away"], "owner": "Joint"});
    let asset_path = format!("/public/v1/clients/{id}/assets/inv-1");
    let created = sandbox.call("PUT", &token, &asset_path, &[], &asset);
    assert_eq!(created.status, 201, "{}", created.body);
    assert_eq!(created.json(), asset);
    let mut changed = asset.clone();
    changed["totalValue"] = json!("2000.00");
    assert_eq!(
        sandbox
            .call("PUT", &token, &asset_path, &[], &changed)
            .status,
        200
    );

    // externalId may be left to the path.
    let policy_path = format!("/public/v1/clients/{id}/policies/pol%3A7");
    let policy = json!({"policyName": "Acme Term 20", "policyNumber": "***4321", "owner": "Client", "currentDeathBenefit": "500000.00"});
    let created = sandbox.call("PUT", &token, &policy_path, &[], &policy);
    assert_eq!(created.status, 201, "{}", created.body);
    assert_eq!(created.json()["externalId"], "pol:7");
    assert_eq!(
        sandbox
            .call("PUT", &token, &policy_path, &[], &policy)
            .status,
        200
    );

    let client = sandbox
        .get(&token, &format!("/public/v1/clients/{id}"))
        .json();
    assert_eq!(client["assets"], json!([changed]));
    assert_eq!(client["policies"].as_array().map(Vec::len), Some(1));
    assert_eq!(client["policies"][0]["policyNumber"], "***4321");
    assert_eq!(sandbox.clients()[0]["assets"], json!([changed]));

    let mismatch = sandbox.call(
        "PUT",
        &token,
        &asset_path,
        &[],
        &json!({"externalId": "inv-2"}),
    );
    assert_eq!(mismatch.error_fields(), ["externalId"]);
    let unknown = sandbox.call(
        "PUT",
        &token,
        "/public/v1/clients/nope/assets/inv-1",
        &[],
        &asset,
    );
    assert_eq!(unknown.status, 404);
    let unknown = sandbox.call(
        "PUT",
        &token,
        "/public/v1/clients/nope/policies/p",
        &[],
        &policy,
    );
    assert_eq!(unknown.status, 404);
}

#[test]
fn assets_and_policies_are_listed_in_the_order_first_put() {
    let sandbox = Sandbox::start(&[]);
    let token = sandbox.token();
    let id = sandbox.create_ok(&token, &household("Ann", "Lee", "smartoffice:h:1"));
    let assets = format!("/public/v1/clients/{id}/assets");
    let policies = format!("/public/v1/clients/{id}/policies");
    let empty = sandbox.get(&token, &assets);
    assert_eq!((empty.status, empty.json()), (200, json!({"assets": []})));
    assert_eq!(
        sandbox.get(&token, &policies).json(),
        json!({"policies": []})
    );

    let put = |path: String, body: Value| {
        let reply = sandbox.call("PUT", &token, &path, &[], &body);
        assert!(matches!(reply.status, 200 | 201), "{path}: {}", reply.body);
    };
    for (external_id, total) in [("inv-2", "1.00"), ("inv-1", "2.00"), ("inv-3", "3.00")] {
        put(
            format!("{assets}/{external_id}"),
            json!({"name": external_id, "totalValue": total}),
        );
    }
    // Replaced, it keeps its place; the listing shows the new value.
    put(
        format!("{assets}/inv-2"),
        json!({"name": "inv-2", "totalValue": "9.00"}),
    );
    put(
        format!("{policies}/pol%3A7"),
        json!({"policyNumber": "***4321"}),
    );
    put(format!("{policies}/pol-1"), json!({"owner": "Joint"}));

    let listed = sandbox.get(&token, &assets);
    assert_eq!(listed.status, 200, "{}", listed.body);
    let listed = listed.json();
    assert_eq!(
        listed,
        json!({"assets": [
            {"externalId": "inv-2", "name": "inv-2", "holdingsValue": null, "cashBalance": null, "totalValue": "9.00", "typeOfFunds": null, "owner": null},
            {"externalId": "inv-1", "name": "inv-1", "holdingsValue": null, "cashBalance": null, "totalValue": "2.00", "typeOfFunds": null, "owner": null},
            {"externalId": "inv-3", "name": "inv-3", "holdingsValue": null, "cashBalance": null, "totalValue": "3.00", "typeOfFunds": null, "owner": null},
        ]})
    );
    assert_eq!(
        sandbox.get(&token, &policies).json(),
        json!({"policies": [
            {"externalId": "pol:7", "policyName": null, "policyNumber": "***4321", "owner": null, "currentDeathBenefit": null},
            {"externalId": "pol-1", "policyName": null, "policyNumber": null, "owner": "Joint", "currentDeathBenefit": null},
        ]})
    );
    let client = sandbox
        .get(&token, &format!("/public/v1/clients/{id}"))
        .json();
    assert_eq!(
        (&client["assets"], &client["policies"]),
        (
            &listed["assets"],
            &sandbox.get(&token, &policies).json()["policies"]
        ),
        "the listings agree with the client's answer"
    );

    // Another client's items are not listed.
    let other = sandbox.create_ok(&token, &household("Bob", "Lee", "smartoffice:h:2"));
    assert_eq!(
        sandbox
            .get(&token, &format!("/public/v1/clients/{other}/assets"))
            .json(),
        json!({"assets": []})
    );
}

#[test]
fn listings_answer_404_405_and_401_like_every_call() {
    let sandbox = Sandbox::start(&[]);
    let token = sandbox.token();
    let id = sandbox.create_ok(&token, &household("Ann", "Lee", "smartoffice:h:1"));
    for kind in ["assets", "policies"] {
        let unknown = sandbox.get(&token, &format!("/public/v1/clients/no-such-id/{kind}"));
        assert_eq!(
            (unknown.status, unknown.json()["code"].as_str()),
            (404, Some("not_found")),
            "{kind}"
        );
        let path = format!("/public/v1/clients/{id}/{kind}");
        for method in ["POST", "PUT", "DELETE"] {
            let reply = sandbox.call(method, &token, &path, &[], &json!({}));
            assert_eq!(
                (reply.status, reply.json()["code"].as_str()),
                (405, Some("method_not_allowed")),
                "{method} {kind}"
            );
        }
        let anonymous = sandbox.send("GET", &path, &[], b"");
        assert_eq!(anonymous.status, 401, "{kind}");
        assert_eq!(
            sandbox.get("not-a-token", &path).status,
            401,
            "{kind}: 401 before anything else"
        );
        let answer = sandbox.get(&token, &path);
        assert_eq!(answer.header("cache-control"), Some("no-store"), "{kind}");
    }
}

#[test]
fn listings_count_against_the_rate_limit() {
    let sandbox = Sandbox::start(&["--rate-limit", "2"]);
    let token = sandbox.token();
    assert_eq!(
        sandbox.get(&token, "/public/v1/clients/x/assets").status,
        404
    );
    assert_eq!(
        sandbox.get(&token, "/public/v1/clients/x/policies").status,
        404
    );
    let limited = sandbox.get(&token, "/public/v1/clients/x/assets");
    assert_eq!(limited.status, 429);
    assert!(limited.header("retry-after").is_some());
}

/// Each body breaks the contract in one place; the 422 must name it.
#[test]
fn every_broken_shape_gets_a_422_naming_the_field() {
    let sandbox = Sandbox::start(&[]);
    let token = sandbox.token();
    let with = |path: &str, value: Value| {
        let mut body = household("Ann", "Lee", "smartoffice:h:1");
        let mut slot = &mut body;
        let parts: Vec<&str> = path.split('.').collect();
        for part in &parts[..parts.len() - 1] {
            slot = &mut slot[*part];
        }
        slot[parts[parts.len() - 1]] = value;
        body
    };
    let cases: Vec<(Value, &str)> = vec![
        (with("maritalStatus", json!("Engaged")), "maritalStatus"),
        (with("maritalStatus", json!("married")), "maritalStatus"),
        (
            with("client.dateOfBirth", json!("1970-02-30")),
            "client.dateOfBirth",
        ),
        (
            with("client.dateOfBirth", json!("1970-2-3")),
            "client.dateOfBirth",
        ),
        (
            with("spouse.dateOfBirth", json!("03/04/1970")),
            "spouse.dateOfBirth",
        ),
        (with("homePhone", json!("")), "homePhone"),
        (with("client.email", json!("")), "client.email"),
        (with("address.city", json!("   ")), "address.city"),
        (
            with("client.job.address.street1", json!("")),
            "client.job.address.street1",
        ),
        (with("client.cellPhone", json!(" 555 ")), "client.cellPhone"),
        (with("client.firstName", json!("")), "client.firstName"),
        (with("homePhone", json!(5551234)), "homePhone"),
        (with("externalIds", json!("smartoffice:h:1")), "externalIds"),
        (with("externalIds", json!([""])), "externalIds[0]"),
        (with("spouse.nickname", json!("Sammy")), "spouse.nickname"),
        (with("client", Value::Null), "client"),
        (json!({"maritalStatus": "Single"}), "client"),
        (with("id", json!("mine")), "id"),
    ];
    for (i, (body, field)) in cases.iter().enumerate() {
        let reply = sandbox.create(&token, &format!("bad-{i}"), body);
        assert_eq!(reply.status, 422, "{field}: {}", reply.body);
        assert_eq!(reply.json()["code"], "validation_failed");
        assert_eq!(reply.error_fields(), [*field], "{}", reply.body);
    }
    let id = sandbox.create_ok(&token, &household("Ann", "Lee", "smartoffice:h:1"));
    assert_eq!(sandbox.clients().len(), 1, "no refused body was stored");

    let asset_cases: Vec<(Value, &str)> = vec![
        (json!({"holdingsValue": "12.5"}), "holdingsValue"),
        (json!({"cashBalance": "1,234.00"}), "cashBalance"),
        (json!({"totalValue": 12.50}), "totalValue"),
        (json!({"totalValue": "+1.00"}), "totalValue"),
        (json!({"typeOfFunds": "Qualified"}), "typeOfFunds"),
        (json!({"typeOfFunds": ["Qualified", 3]}), "typeOfFunds[1]"),
        (json!({"owner": "Husband"}), "owner"),
        (json!({"name": ""}), "name"),
    ];
    for (body, field) in asset_cases {
        let reply = sandbox.call(
            "PUT",
            &token,
            &format!("/public/v1/clients/{id}/assets/a"),
            &[],
            &body,
        );
        assert_eq!(
            (reply.status, reply.error_fields()),
            (422, vec![field.to_string()]),
            "{body}"
        );
    }
    let policy_cases: Vec<(Value, &str)> = vec![
        (json!({"policyNumber": "123456789"}), "policyNumber"),
        (json!({"policyNumber": "***123"}), "policyNumber"),
        (json!({"policyNumber": "***12345"}), "policyNumber"),
        (json!({"policyNumber": "**1234"}), "policyNumber"),
        (
            json!({"currentDeathBenefit": "500000"}),
            "currentDeathBenefit",
        ),
        (json!({"owner": "Spouse", "policyName": ""}), "policyName"),
        (json!({"owner": "Insured"}), "owner"),
    ];
    for (body, field) in policy_cases {
        let reply = sandbox.call(
            "PUT",
            &token,
            &format!("/public/v1/clients/{id}/policies/p"),
            &[],
            &body,
        );
        assert_eq!(
            (reply.status, reply.error_fields()),
            (422, vec![field.to_string()]),
            "{body}"
        );
    }
    let stored = &sandbox.clients()[0];
    assert_eq!(
        (stored["assets"].clone(), stored["policies"].clone()),
        (json!([]), json!([]))
    );
}

#[test]
fn bodies_must_be_json_objects() {
    let sandbox = Sandbox::start(&[]);
    let token = sandbox.token();
    let auth = format!("Bearer {token}");
    let send = |content_type: &str, body: &str| {
        sandbox.send(
            "POST",
            "/public/v1/clients",
            &[
                ("Authorization", &auth),
                ("Content-Type", content_type),
                ("Idempotency-Key", body),
            ],
            body.as_bytes(),
        )
    };
    assert_eq!(send("text/plain", "{}").status, 415);
    let broken = send("application/json", "{\"client\":");
    assert_eq!(
        (broken.status, broken.json()["code"].as_str()),
        (400, Some("bad_request"))
    );
    assert_eq!(
        send("application/json; charset=utf-8", "[1]").error_fields(),
        ["body"]
    );
}

#[test]
fn unknown_clients_and_paths_are_404() {
    let sandbox = Sandbox::start(&[]);
    let token = sandbox.token();
    for path in [
        "/public/v1/clients/no-such-id",
        "/public/v1/nothing",
        "/public/v2/clients",
        "/nothing/here",
    ] {
        let reply = sandbox.get(&token, path);
        assert_eq!(reply.status, 404, "{path}");
        assert_eq!(reply.json()["code"], "not_found", "{path}");
        assert!(reply.json()["message"].is_string());
    }
    let launch = sandbox.call(
        "POST",
        &token,
        "/public/v1/clients/no-such-id/launch",
        &[],
        &json!({}),
    );
    assert_eq!(launch.status, 404);
    let wrong_method = sandbox.call("DELETE", &token, "/public/v1/clients", &[], &json!({}));
    assert_eq!(
        (wrong_method.status, wrong_method.json()["code"].as_str()),
        (405, Some("method_not_allowed"))
    );
}

#[test]
fn a_launch_link_signs_in_once_on_the_client() {
    let sandbox = Sandbox::start(&[]);
    let token = sandbox.token();
    let id = sandbox.create_ok(&token, &household("Ann", "Lee", "smartoffice:h:1"));
    let reply = sandbox.call(
        "POST",
        &token,
        &format!("/public/v1/clients/{id}/launch"),
        &[],
        &json!({}),
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    let url = reply.json()["url"].as_str().expect("url").to_string();
    let path = url
        .strip_prefix(&format!("{}/launch/", sandbox.base))
        .expect("webBase/launch/…");
    let path = format!("/launch/{path}");

    let first = sandbox.send("GET", &path, &[], b"");
    assert_eq!(first.status, 302);
    assert_eq!(first.header("location"), Some(&*format!("/clients/{id}")));
    let cookie_header = first.header("set-cookie").expect("Set-Cookie");
    assert!(
        cookie_header.contains("HttpOnly") && cookie_header.contains("SameSite=Lax"),
        "{cookie_header}"
    );
    let page = sandbox.send(
        "GET",
        &format!("/clients/{id}"),
        &[("Cookie", &common::cookie_pair(&first))],
        b"",
    );
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<title>eMoney — Lee, Ann</title>"));

    let second = sandbox.send("GET", &path, &[], b"");
    assert_eq!(second.status, 410);
    assert!(second.body.contains("already used"));
    assert!(second.header("set-cookie").is_none());
    assert_eq!(
        sandbox.send("GET", "/launch/never-issued", &[], b"").status,
        410
    );
}

#[test]
fn launch_links_use_the_web_base() {
    let sandbox = Sandbox::start(&["--web-base", "https://emoney.example/"]);
    let token = sandbox.token();
    let id = sandbox.create_ok(&token, &household("Ann", "Lee", "smartoffice:h:1"));
    let url = sandbox
        .call(
            "POST",
            &token,
            &format!("/public/v1/clients/{id}/launch"),
            &[],
            &json!({}),
        )
        .json()["url"]
        .clone();
    let url = url.as_str().expect("url");
    assert!(
        url.starts_with("https://emoney.example/launch/") && url.len() > 40,
        "{url}"
    );
}

#[test]
fn a_database_file_keeps_clients_across_restarts() {
    let folder = common::temp_path("db");
    let db = folder.join("nested").join("sandbox.sqlite3");
    let db = db.to_str().expect("UTF-8 path");
    let id = {
        let sandbox = Sandbox::start_with(&["--port", "0", "--db", db], None);
        let token = sandbox.token();
        sandbox.create_ok(&token, &household("Ann", "Lee", "smartoffice:h:1"))
    };
    let sandbox = Sandbox::start_with(&["--port", "0", "--db", db], None);
    let token = sandbox.token();
    assert_eq!(
        sandbox
            .get(&token, &format!("/public/v1/clients/{id}"))
            .status,
        200
    );
    drop(sandbox);

    // Without --db, the file is data/emoney-sandbox.sqlite3 under the current folder.
    let cwd = folder.join("cwd");
    std::fs::create_dir_all(&cwd).expect("cwd");
    drop(Sandbox::start_with(&["--port", "0"], Some(&cwd)));
    assert!(cwd.join("data/emoney-sandbox.sqlite3").is_file());
    let _ = std::fs::remove_dir_all(folder);
}
