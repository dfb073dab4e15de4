//! Exports without faults: create, no duplicates, skipped items, updates
//! confirmed by the advisor, candidates chosen once.

use serde_json::json;
use smartoffice_emoney::emoney::{
    Choice, EmoneyError, ExportOutcome, FieldChange, ItemCounts, SyncCounts,
};

use crate::support::{block_on, Sandbox};
use crate::{assert_only_the_lees, export_ok, lees, signed_in, RECORD};

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
            changed: 0,
            skipped: 0
        }
    );
    assert_eq!(
        items.policies,
        ItemCounts {
            added: 1,
            changed: 0,
            skipped: 0
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
fn exporting_again_makes_no_duplicate_and_skips_unchanged_items() {
    let sandbox = Sandbox::start();
    let browser = signed_in(&sandbox);
    export_ok(&sandbox, &browser, &lees());
    let again = export_ok(&sandbox, &browser, &lees());
    let ExportOutcome::Exported {
        created,
        updated,
        items,
        ..
    } = again
    else {
        unreachable!("checked by export_ok")
    };
    assert!(!created && !updated);
    assert_eq!(
        items,
        SyncCounts {
            assets: ItemCounts {
                added: 0,
                changed: 0,
                skipped: 2
            },
            policies: ItemCounts {
                added: 0,
                changed: 0,
                skipped: 1
            },
        }
    );
    assert_only_the_lees(&sandbox);
    assert_eq!(sandbox.calls("POST /public/v1/clients"), 1);
    assert_eq!(sandbox.calls("PUT /public/v1/clients/{id}"), 0);
    assert_eq!(
        sandbox.calls("PUT /public/v1/clients/{id}/assets/{externalId}"),
        2
    );

    // One asset changes: only it is sent.
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
            changed: 1,
            skipped: 1
        }
    );
    assert_eq!(
        items.policies,
        ItemCounts {
            added: 0,
            changed: 0,
            skipped: 1
        }
    );
    assert_eq!(
        sandbox.clients()[0]["assets"][1]["holdingsValue"],
        "51000.00"
    );
}

#[test]
fn a_changed_record_is_updated_only_once_the_advisor_confirms() {
    let sandbox = Sandbox::start();
    let browser = signed_in(&sandbox);
    let domain = sandbox.domain();
    export_ok(&sandbox, &browser, &lees());
    let mut moved = lees();
    moved.client.home_phone = Some("(555) 999-0000".into());
    moved.client.client.email = None;

    let asked = block_on(browser.worker().export(&domain, &moved, false)).expect("answered");
    let ExportOutcome::ConfirmUpdate { changes, .. } = asked else {
        panic!("{asked:?}")
    };
    assert_eq!(
        changes,
        vec![
            FieldChange {
                field: "Home phone".into(),
                current: Some("(555) 201-3344 x12".into()),
                proposed: Some("(555) 999-0000".into()),
            },
            FieldChange {
                field: "Client's e-mail".into(),
                current: Some("ann.lee@example.com".into()),
                proposed: None,
            },
        ]
    );
    assert_eq!(
        sandbox.calls("PUT /public/v1/clients/{id}"),
        0,
        "nothing changed yet"
    );

    let done = block_on(browser.worker().export(&domain, &moved, true)).expect("updated");
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
    assert_eq!(clients[0]["client"]["email"], serde_json::Value::Null);
}

/// A client typed into eMoney by hand: same name and birth date, no link.
fn typed_by_hand(sandbox: &Sandbox, first_name: &str, birth: &str) -> String {
    let browser = signed_in(sandbox);
    let mut other = lees();
    other.external_id = format!("by-hand:{first_name}:{birth}");
    other.client.external_ids = vec![other.external_id.clone()];
    other.client.client.first_name = first_name.into();
    other.client.client.date_of_birth = Some(birth.into());
    other.client.spouse = None;
    let stored = block_on(browser.worker().create(
        &sandbox.domain(),
        &other.external_id,
        &other.client,
    ));
    stored.expect("created by hand").id
}

#[test]
fn candidates_are_chosen_once_and_the_choice_is_remembered() {
    let sandbox = Sandbox::start();
    let domain = sandbox.domain();
    let same = typed_by_hand(&sandbox, "Ann", "1970-02-03");
    let _different_birth = typed_by_hand(&sandbox, "Ann", "1990-01-01");
    let browser = signed_in(&sandbox);

    let asked = block_on(browser.worker().export(&domain, &lees(), true)).expect("answered");
    let ExportOutcome::Choose { candidates } = asked else {
        panic!("{asked:?}")
    };
    let ids: Vec<&str> = candidates.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        [same.as_str()],
        "a different birth date is someone else"
    );

    let choice = Choice::Client {
        client_id: same.clone(),
    };
    block_on(browser.worker().choose(&domain, RECORD, &choice)).expect("remembered");
    let outcome = block_on(browser.worker().export(&domain, &lees(), true)).expect("exported");
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
    let linked = &clients[0];
    assert_eq!(
        linked["externalIds"],
        json!(["by-hand:Ann:1970-02-03", RECORD])
    );
    assert_eq!(linked["spouse"]["firstName"], "Bo");

    // From now on the record is found by its own id, without asking.
    let again = block_on(browser.worker().export(&domain, &lees(), false)).expect("exported");
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
fn choosing_none_of_the_candidates_creates_a_new_client() {
    let sandbox = Sandbox::start();
    let domain = sandbox.domain();
    typed_by_hand(&sandbox, "Ann", "1970-02-03");
    let browser = signed_in(&sandbox);
    block_on(browser.worker().choose(&domain, RECORD, &Choice::New)).expect("remembered");
    let outcome = block_on(browser.worker().export(&domain, &lees(), true)).expect("exported");
    assert!(
        matches!(outcome, ExportOutcome::Exported { created: true, .. }),
        "{outcome:?}"
    );
    assert_eq!(sandbox.clients().len(), 2);
}

#[test]
fn refused_data_is_named_in_words() {
    let sandbox = Sandbox::start();
    let browser = signed_in(&sandbox);
    let mut bad = lees();
    bad.client.client.date_of_birth = Some("1970-02-30".into());
    bad.client.home_phone = Some(" 555 ".into());
    let error =
        block_on(browser.worker().export(&sandbox.domain(), &bad, true)).expect_err("refused");
    let EmoneyError::Refused { fields } = &error else {
        panic!("{error:?}")
    };
    assert!(
        fields.contains(&"Client's birth date".to_owned()),
        "{fields:?}"
    );
    assert!(fields.contains(&"Home phone".to_owned()), "{fields:?}");
    assert!(
        error
            .to_string()
            .starts_with("eMoney refused these fields: "),
        "{error}"
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
        let first = worker.export(&domain, &payload, true);
        let second = worker.export(&domain, &payload, true);
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
fn the_prompt_lists_the_items_that_would_be_added_or_changed() {
    let sandbox = Sandbox::start();
    let browser = signed_in(&sandbox);
    let domain = sandbox.domain();
    export_ok(&sandbox, &browser, &lees());
    let puts_before = sandbox.calls("PUT /public/v1/clients/{id}/assets/{externalId}");

    // The same record again: nothing would change, so nothing is asked.
    let same = block_on(browser.worker().export(&domain, &lees(), false)).expect("answered");
    assert!(matches!(same, ExportOutcome::Exported { .. }), "{same:?}");

    // Only items differ: an asset's value changed and a policy is new.
    let mut grown = lees();
    grown.assets[1].holdings_value = Some("51000.00".into());
    let mut new_policy = grown.policies[0].clone();
    new_policy.external_id = "pol-2".into();
    new_policy.policy_name = Some("Acme Life Whole".into());
    grown.policies.push(new_policy);
    let asked = block_on(browser.worker().export(&domain, &grown, false)).expect("answered");
    let ExportOutcome::ConfirmUpdate { changes, items, .. } = asked else {
        panic!("{asked:?}")
    };
    assert!(changes.is_empty());
    let listed: Vec<(String, String, bool)> = items
        .into_iter()
        .map(|item| (item.kind, item.name, item.added))
        .collect();
    assert_eq!(
        listed,
        vec![
            ("asset".into(), "IRA".into(), false),
            ("policy".into(), "Acme Life Whole".into(), true),
        ]
    );
    assert_eq!(
        sandbox.calls("PUT /public/v1/clients/{id}/assets/{externalId}"),
        puts_before,
        "nothing is written before the advisor says Yes"
    );
}
