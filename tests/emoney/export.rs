//! Exports without faults: create, no duplicates, nothing resent, updates
//! confirmed by the advisor and keeping what SmartOffice leaves blank, the
//! client found by name and birth date, candidates chosen once.

use serde_json::json;
use smartoffice_emoney::emoney::{
    Choice, Decision, EmoneyError, ExportOutcome, ItemCounts, ItemKind, SyncCounts, Value,
};

use crate::support::{block_on, Browser, Sandbox};
use crate::{assert_only_the_lees, export_ok, export_yes, lees, quiet, said, signed_in, RECORD};

fn ask(
    browser: &Browser,
    sandbox: &Sandbox,
    payload: &smartoffice_emoney::emoney::ExportPayload,
) -> ExportOutcome {
    block_on(
        browser
            .worker()
            .export(&sandbox.domain(), payload, &Decision::Ask, &quiet),
    )
    .unwrap_or_else(|error| panic!("{error:?}"))
}

#[test]
fn a_new_record_is_created_with_its_items_and_opened() {
    let sandbox = Sandbox::start();
    let browser = signed_in(&sandbox);
    let outcome = export_ok(&sandbox, &browser, &lees());
    let client = assert_only_the_lees(&sandbox);
    let ExportOutcome::Exported {
        client_id,
        created,
        updated,
        items,
        launch_url,
    } = outcome
    else {
        unreachable!("checked by export_ok")
    };
    assert_eq!(client["id"], client_id.as_str());
    assert!(created && !updated);
    assert_eq!(
        items.assets,
        ItemCounts {
            added: 2,
            changed: 0
        }
    );
    assert_eq!(
        items.policies,
        ItemCounts {
            added: 1,
            changed: 0
        }
    );
    assert!(
        launch_url.starts_with(&format!("{}/launch/", sandbox.base)),
        "{launch_url}"
    );
    assert!(
        browser.lasting.find("emoney.pendingCreate").is_none(),
        "the create is confirmed"
    );
}

#[test]
fn exporting_again_makes_no_duplicate_and_sends_nothing_unchanged() {
    let sandbox = Sandbox::start();
    let browser = signed_in(&sandbox);
    export_ok(&sandbox, &browser, &lees());
    let again = ask(&browser, &sandbox, &lees());
    let ExportOutcome::Exported {
        created,
        updated,
        items,
        ..
    } = again
    else {
        panic!("nothing to ask: {again:?}")
    };
    assert!(!created && !updated);
    assert_eq!(items, SyncCounts::default());
    assert_only_the_lees(&sandbox);
    assert_eq!(sandbox.calls("POST /public/v1/clients"), 1);
    assert_eq!(sandbox.calls("PUT /public/v1/clients/{id}"), 0);
    assert_eq!(
        sandbox.calls("PUT /public/v1/clients/{id}/assets/{externalId}"),
        2
    );

    // One asset changes: only it is sent, once the advisor says Yes.
    let mut changed = lees();
    changed.assets[1].holdings_value = Some("51000.00".into());
    let third = export_ok(&sandbox, &browser, &changed);
    let ExportOutcome::Exported { items, .. } = third else {
        unreachable!("checked")
    };
    assert_eq!(
        items.assets,
        ItemCounts {
            added: 0,
            changed: 1
        }
    );
    assert_eq!(items.policies, ItemCounts::default());
    assert_eq!(
        sandbox.clients()[0]["assets"][1]["holdingsValue"],
        "51000.00"
    );
}

#[test]
fn another_browser_finds_the_client_and_writes_nothing_unchanged() {
    let sandbox = Sandbox::start();
    export_ok(&sandbox, &signed_in(&sandbox), &lees());
    let puts = |sandbox: &Sandbox| {
        sandbox.calls("PUT /public/v1/clients/{id}")
            + sandbox.calls("PUT /public/v1/clients/{id}/assets/{externalId}")
            + sandbox.calls("PUT /public/v1/clients/{id}/policies/{externalId}")
    };
    let before = puts(&sandbox);
    // A new computer: nothing kept but what eMoney holds.
    let fresh = signed_in(&sandbox);
    let outcome = ask(&fresh, &sandbox, &lees());
    assert!(
        matches!(
            outcome,
            ExportOutcome::Exported {
                created: false,
                updated: false,
                ..
            }
        ),
        "asks nothing: {outcome:?}"
    );
    assert_eq!(puts(&sandbox), before, "writes nothing");
    assert_only_the_lees(&sandbox);
}

#[test]
fn a_changed_record_is_updated_only_once_the_advisor_confirms_and_blanks_keep_emoneys_values() {
    let sandbox = Sandbox::start();
    let browser = signed_in(&sandbox);
    export_ok(&sandbox, &browser, &lees());
    let mut moved = lees();
    moved.client.home_phone = Some("(555) 999-0000".into());
    moved.client.client.email = None;
    if let Some(job) = &mut moved.client.client.job {
        job.job_title = None;
    }

    let asked = ask(&browser, &sandbox, &moved);
    let ExportOutcome::Confirm {
        comparison,
        matched,
        ..
    } = asked
    else {
        panic!("{asked:?}")
    };
    assert_eq!(matched, None, "linked to the record already");
    let changed: Vec<(&str, Option<&Value>, &Value)> = comparison
        .changes
        .iter()
        .map(|change| (change.path.as_str(), change.from.as_ref(), &change.to))
        .collect();
    assert_eq!(
        changed,
        [(
            "homePhone",
            Some(&Value::Text("(555) 201-3344 x12".into())),
            &Value::Text("(555) 999-0000".into())
        )]
    );
    let kept: Vec<&str> = comparison.removable().collect();
    assert_eq!(kept, ["client.email", "client.job.jobTitle"]);
    assert_eq!(
        sandbox.calls("PUT /public/v1/clients/{id}"),
        0,
        "nothing changed yet"
    );

    // Yes: the phone changes; the e-mail and job title SmartOffice leaves
    // blank stay as eMoney holds them.
    let done = block_on(browser.worker().export(
        &sandbox.domain(),
        &moved,
        &Decision::Update {
            previewed: comparison.previewed.clone(),
            removals: Vec::new(),
        },
        &quiet,
    ))
    .expect("updated");
    assert!(
        matches!(
            done,
            ExportOutcome::Exported {
                updated: true,
                created: false,
                ..
            }
        ),
        "{done:?}"
    );
    let clients = sandbox.clients();
    assert_eq!(clients.len(), 1);
    assert_eq!(clients[0]["homePhone"], "(555) 999-0000");
    assert_eq!(clients[0]["client"]["email"], "ann.lee@example.com");
    assert_eq!(clients[0]["client"]["job"]["jobTitle"], "CFO");
    assert_eq!(clients[0]["client"]["job"]["companyName"], "Acme Corp");

    // Only kept values left: nothing would change, so nothing is asked.
    let asked = ask(&browser, &sandbox, &moved);
    assert!(
        matches!(asked, ExportOutcome::Exported { updated: false, .. }),
        "{asked:?}"
    );

    // The next change: the advisor also ticks the e-mail's removal, and it goes.
    moved.client.home_phone = Some("(555) 999-1111".into());
    let asked = ask(&browser, &sandbox, &moved);
    let ExportOutcome::Confirm { comparison, .. } = asked else {
        panic!("{asked:?}")
    };
    assert_eq!(
        comparison.removable().collect::<Vec<_>>(),
        ["client.email", "client.job.jobTitle"]
    );
    block_on(browser.worker().export(
        &sandbox.domain(),
        &moved,
        &Decision::Update {
            previewed: comparison.previewed,
            removals: vec!["client.email".into()],
        },
        &quiet,
    ))
    .expect("updated");
    let client = &sandbox.clients()[0];
    assert_eq!(client["client"]["email"], serde_json::Value::Null);
    assert_eq!(client["client"]["job"]["jobTitle"], "CFO");
}

#[test]
fn a_yes_to_what_emoney_no_longer_holds_asks_again() {
    let sandbox = Sandbox::start();
    let browser = signed_in(&sandbox);
    export_ok(&sandbox, &browser, &lees());
    let mut moved = lees();
    moved.client.home_phone = Some("(555) 999-0000".into());
    let ExportOutcome::Confirm { comparison, .. } = ask(&browser, &sandbox, &moved) else {
        panic!("a prompt")
    };
    // Someone changes the client in eMoney while the advisor reads.
    let id = sandbox.clients()[0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    sandbox.put_client(&id, json!({"fax": "(555) 000-1111"}));
    let again = block_on(browser.worker().export(
        &sandbox.domain(),
        &moved,
        &Decision::Update {
            previewed: comparison.previewed,
            removals: Vec::new(),
        },
        &quiet,
    ))
    .expect("answered");
    assert!(
        matches!(
            again,
            ExportOutcome::Confirm {
                changed_meanwhile: true,
                ..
            }
        ),
        "{again:?}"
    );
    assert_eq!(
        sandbox.clients()[0]["homePhone"],
        "(555) 201-3344 x12",
        "nothing written"
    );
}

/// A client typed into eMoney by hand: the Lees' names, this birth date, no link.
fn typed_by_hand(sandbox: &Sandbox, birth: Option<&str>) -> String {
    let mut client = lees().client;
    client.external_ids.clear();
    client.client.date_of_birth = birth.map(str::to_owned);
    client.spouse = None;
    let seeded = sandbox.hook(
        "POST",
        "/__sandbox/seed",
        Some(json!({"clients": [serde_json::to_value(&client).expect("json")]})),
    );
    seeded["clients"][0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn the_one_client_with_the_same_name_and_birth_date_is_the_records_once_confirmed() {
    let sandbox = Sandbox::start();
    let domain = sandbox.domain();
    let same = typed_by_hand(&sandbox, Some("1970-02-03"));
    let _someone_else = typed_by_hand(&sandbox, Some("1990-01-01"));
    let browser = signed_in(&sandbox);

    let asked = ask(&browser, &sandbox, &lees());
    let ExportOutcome::Confirm {
        client_id,
        matched,
        comparison,
        ..
    } = asked
    else {
        panic!("the seed's prompt: {asked:?}")
    };
    assert_eq!(client_id, same, "a different birth date is someone else");
    let matched = matched.expect("found by name and birth date");
    assert_eq!(
        (matched.last_name.as_str(), matched.date_of_birth.as_deref()),
        ("Lee", Some("1970-02-03"))
    );
    assert!(comparison.links);

    // Yes: the record's id is written onto that client.
    let choice = Choice::Client {
        client_id: same.clone(),
    };
    block_on(browser.worker().choose(&domain, RECORD, &choice)).expect("remembered");
    let outcome = block_on(browser.worker().export(
        &domain,
        &lees(),
        &Decision::Update {
            previewed: comparison.previewed,
            removals: Vec::new(),
        },
        &quiet,
    ))
    .expect("exported");
    let ExportOutcome::Exported {
        client_id, created, ..
    } = outcome
    else {
        panic!("{outcome:?}")
    };
    assert_eq!(client_id, same);
    assert!(!created);
    let clients = sandbox.clients();
    assert_eq!(clients.len(), 2, "linked, not created");
    assert_eq!(clients[0]["externalIds"], json!([RECORD]));
    assert_eq!(clients[0]["spouse"]["firstName"], "Bo");

    // From now on the record is found by its own id, from any browser.
    let elsewhere = signed_in(&sandbox);
    let again = ask(&elsewhere, &sandbox, &lees());
    assert!(
        matches!(
            again,
            ExportOutcome::Exported {
                created: false,
                updated: false,
                ..
            }
        ),
        "{again:?}"
    );
    assert_eq!(sandbox.clients().len(), 2);
}

#[test]
fn several_matches_or_an_unknown_birth_date_make_a_chooser() {
    let sandbox = Sandbox::start();
    let first = typed_by_hand(&sandbox, Some("1970-02-03"));
    let second = typed_by_hand(&sandbox, Some("1970-02-03"));
    let browser = signed_in(&sandbox);
    let ExportOutcome::Choose { candidates } = ask(&browser, &sandbox, &lees()) else {
        panic!("a chooser")
    };
    let ids: Vec<&str> = candidates.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, [first.as_str(), second.as_str()]);
    assert_eq!(candidates[0].email.as_deref(), Some("ann.lee@example.com"));
    assert_eq!(candidates[0].city.as_deref(), Some("Springfield"));

    let sandbox = Sandbox::start();
    let unknown = typed_by_hand(&sandbox, None);
    let browser = signed_in(&sandbox);
    let ExportOutcome::Choose { candidates } = ask(&browser, &sandbox, &lees()) else {
        panic!("a chooser for an unknown birth date")
    };
    assert_eq!(candidates.len(), 1);
    assert_eq!(candidates[0].id, unknown);
    assert_eq!(candidates[0].date_of_birth, None);
}

#[test]
fn choosing_none_of_the_candidates_creates_a_new_client() {
    let sandbox = Sandbox::start();
    let domain = sandbox.domain();
    typed_by_hand(&sandbox, Some("1970-02-03"));
    let browser = signed_in(&sandbox);
    block_on(browser.worker().choose(&domain, RECORD, &Choice::New)).expect("remembered");
    let outcome = ask(&browser, &sandbox, &lees());
    assert!(
        matches!(outcome, ExportOutcome::Exported { created: true, .. }),
        "{outcome:?}"
    );
    assert_eq!(sandbox.clients().len(), 2);
}

#[test]
fn refused_data_is_named_in_smartoffices_words() {
    let sandbox = Sandbox::start();
    let browser = signed_in(&sandbox);
    let mut bad = lees();
    bad.client.client.date_of_birth = Some("1970-02-30".into());
    bad.client.home_phone = Some(" 555 ".into());
    let error = export_yes(&browser, &sandbox.domain(), &bad).expect_err("refused");
    let EmoneyError::Refused { fields } = &error else {
        panic!("{error:?}")
    };
    assert!(
        fields.contains(&"client.dateOfBirth".to_owned()),
        "{fields:?}"
    );
    assert!(fields.contains(&"homePhone".to_owned()), "{fields:?}");
    let sentence = said(&error);
    assert!(
        sentence.starts_with("eMoney refused these fields: ")
            && sentence.contains("Client: Birth Date")
            && sentence.contains("Home Phone"),
        "{sentence}"
    );
    assert!(sandbox.clients().is_empty());
    assert!(
        browser.lasting.find("emoney.pendingCreate").is_none(),
        "the used-up key is dropped"
    );

    // Corrected, the same record goes through.
    export_ok(&sandbox, &browser, &lees());
    assert_only_the_lees(&sandbox);
}

#[test]
fn a_second_export_of_the_same_record_waits_its_turn() {
    let sandbox = Sandbox::start();
    let browser = signed_in(&sandbox);
    let worker = browser.worker();
    let domain = sandbox.domain();
    let payload = lees();
    let (first, second) = block_on(async {
        let first = worker.export(&domain, &payload, &Decision::Ask, &quiet);
        let second = worker.export(&domain, &payload, &Decision::Ask, &quiet);
        // Both started before either finished (the first is polled first).
        join(first, second).await
    });
    assert!(first.is_ok(), "{first:?}");
    assert_eq!(second, Err(EmoneyError::Busy));
    assert_only_the_lees(&sandbox);
}

/// Polls two futures together, the first first.
async fn join<A: std::future::Future, B: std::future::Future>(
    a: A,
    b: B,
) -> (A::Output, B::Output) {
    use std::pin::pin;
    use std::task::Poll;
    let (mut a, mut b) = (pin!(a), pin!(b));
    let (mut done_a, mut done_b) = (None, None);
    std::future::poll_fn(|context| {
        if done_a.is_none() {
            if let Poll::Ready(value) = a.as_mut().poll(context) {
                done_a = Some(value);
            }
        }
        if done_b.is_none() {
            if let Poll::Ready(value) = b.as_mut().poll(context) {
                done_b = Some(value);
            }
        }
        if done_a.is_some() && done_b.is_some() {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    })
    .await;
    (done_a.expect("ready"), done_b.expect("ready"))
}

#[test]
fn the_prompt_lists_the_items_that_would_be_added_or_changed_from_to() {
    let sandbox = Sandbox::start();
    let browser = signed_in(&sandbox);
    export_ok(&sandbox, &browser, &lees());
    let puts_before = sandbox.calls("PUT /public/v1/clients/{id}/assets/{externalId}");

    // Only items differ: an asset's value changed and a policy is new.
    let mut grown = lees();
    grown.assets[1].holdings_value = Some("51000.00".into());
    let mut new_policy = grown.policies[0].clone();
    new_policy.external_id = "pol-2".into();
    new_policy.policy_name = Some("Acme Life Whole".into());
    grown.policies.push(new_policy);
    let asked = ask(&browser, &sandbox, &grown);
    let ExportOutcome::Confirm { comparison, .. } = asked else {
        panic!("{asked:?}")
    };
    assert!(comparison.changes.is_empty());
    let listed: Vec<(ItemKind, &str, bool)> = comparison
        .items
        .iter()
        .map(|item| (item.kind, item.name.as_str(), item.added))
        .collect();
    assert_eq!(
        listed,
        vec![
            (ItemKind::Asset, "IRA", false),
            (ItemKind::Policy, "Acme Life Whole ***1234", true),
        ]
    );
    let changed = &comparison.items[0].changes;
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0].path, "holdingsValue");
    assert_eq!(changed[0].from, Some(Value::Money("50000.00".into())));
    assert_eq!(changed[0].to, Value::Money("51000.00".into()));
    assert_eq!(
        sandbox.calls("PUT /public/v1/clients/{id}/assets/{externalId}"),
        puts_before,
        "nothing is written before the advisor says Yes"
    );
}
