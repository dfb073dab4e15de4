//! Every reader fixture, mapped to the eMoney contract's payloads, matches its
//! snapshot (`<fixture>.emoney.json`). `UPDATE_EXPECT=1 cargo test --test
//! mapping` rewrites the snapshots; review the diff.

#![cfg(not(target_arch = "wasm32"))]

mod support;
#[path = "shared/words.rs"]
mod words;

use serde_json::{json, Value};
use smartoffice_emoney::mapping::{self, Payloads};
use smartoffice_emoney::record::Record;
use smartoffice_snapshot::profile::record::smartoffice;
use support::{fixture_addresses, fixtures_dir, read_fixture, read_record};

const LARGE: &str = "household-large.html";

fn record(name: &str, address: &str) -> Record {
    let read = read_record(name, address);
    serde_json::from_value(read["record"].clone()).expect("the reader's record")
}

fn as_json(payloads: &Payloads) -> Value {
    json!({
        "externalId": payloads.external_id,
        "client": payloads.client,
        "assets": payloads.assets,
        "policies": payloads.policies,
    })
}

fn snapshot_name(fixture: &str) -> String {
    format!("{}.emoney.json", fixture.trim_end_matches(".html"))
}

#[test]
fn every_fixture_maps_as_its_snapshot_says() {
    let mut failures = Vec::new();
    for (name, address) in fixture_addresses()
        .into_iter()
        .filter(|(name, _)| name != LARGE)
    {
        let mapped = match mapping::map(&record(&name, &address), &smartoffice().owner_words) {
            Ok(payloads) => as_json(&payloads),
            Err(error) => json!({ "error": words::render(&error.text()) }),
        };
        let path = fixtures_dir().join(snapshot_name(&name));
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            let text = serde_json::to_string_pretty(&mapped).expect("serialize") + "\n";
            std::fs::write(&path, text).expect("write the snapshot");
            continue;
        }
        let expected: Value = serde_json::from_str(&read_fixture(&snapshot_name(&name)))
            .unwrap_or_else(|e| panic!("{name}: snapshot is not JSON: {e}"));
        if mapped != expected {
            failures.push(format!(
                "{name}:\n--- expected\n{expected:#}\n--- mapped\n{mapped:#}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn no_payload_carries_a_full_policy_number() {
    for (name, address) in fixture_addresses() {
        let Ok(payloads) = mapping::map(&record(&name, &address), &smartoffice().owner_words)
        else {
            continue;
        };
        for policy in &payloads.policies {
            if let Some(number) = &policy.policy_number {
                let rest = number.strip_prefix("***").expect("masked");
                assert_eq!(rest.chars().count(), 4, "{name}: {number}");
            }
        }
        let text = as_json(&payloads).to_string();
        for full in ["UL-2045-A7", "ab-12-cd-34", "0001-2345-6789-XYZW", "Z9"] {
            assert!(!text.contains(full), "{name} sends {full}");
        }
    }
}

#[test]
fn ids_are_stable_and_distinct() {
    for (name, address) in fixture_addresses() {
        let first = mapping::map(&record(&name, &address), &smartoffice().owner_words);
        let again = mapping::map(&record(&name, &address), &smartoffice().owner_words);
        assert_eq!(first, again, "{name}");
        let Ok(payloads) = first else { continue };
        let mut ids: Vec<&str> = payloads
            .assets
            .iter()
            .map(|a| a.external_id.as_str())
            .collect();
        ids.extend(payloads.policies.iter().map(|p| p.external_id.as_str()));
        let count = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), count, "{name}: an id is used twice");
    }
}

#[test]
fn the_large_household_maps_every_row() {
    let (name, address) = fixture_addresses()
        .into_iter()
        .find(|(name, _)| name == LARGE)
        .expect("the large household fixture");
    let payloads =
        mapping::map(&record(&name, &address), &smartoffice().owner_words).expect("maps");
    assert_eq!(payloads.assets.len(), 1000);
    assert_eq!(payloads.policies.len(), 1000);
    assert!(payloads.external_id.contains(":household-"));
}
