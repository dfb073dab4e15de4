//! Every fixture page, read natively (scraper), matches its expected record
//! and findings. `UPDATE_EXPECT=1 cargo test --test records` rewrites the
//! expectations (and the generated large household); review the diff.

#![cfg(not(target_arch = "wasm32"))]

#[path = "shared/expect.rs"]
mod expect;
mod support;
#[path = "shared/words.rs"]
mod words;

use smartoffice_emoney::interpret::links_needed;
use smartoffice_emoney::report::recognise;
use smartoffice_snapshot::links::links_view;
use smartoffice_snapshot::profile::record::smartoffice;
use support::{
    fixture_addresses, fixtures_dir, large_household_html, read_fixture, read_record, snapshot_of,
};

fn updating() -> bool {
    std::env::var_os("UPDATE_EXPECT").is_some()
}

#[test]
fn the_large_household_fixture_is_what_the_generator_makes() {
    let path = fixtures_dir().join("household-large.html");
    let generated = large_household_html();
    if updating() {
        std::fs::write(&path, &generated).expect("write the large household");
    }
    assert!(
        read_fixture("household-large.html") == generated,
        "household-large.html is stale: run with UPDATE_EXPECT=1"
    );
}

/// The page sends the worker its record without the holdings' rows to
/// learn which linked records to read: on every fixture, the same ones.
#[test]
fn the_links_view_of_every_fixture_names_the_same_linked_records() {
    let mut households_cut = 0;
    for (name, address) in fixture_addresses() {
        let page = snapshot_of(&read_fixture(&name), &address);
        let view = links_view(&page, smartoffice());
        assert_eq!(
            links_needed(&view, smartoffice()),
            links_needed(&page, smartoffice()),
            "{name}"
        );
        let rows = |snapshot: &smartoffice_snapshot::Snapshot| -> usize {
            snapshot
                .sections
                .iter()
                .flat_map(|section| &section.tables)
                .map(|table| table.rows.len())
                .sum()
        };
        if rows(&page) >= 2000 && rows(&view) < 10 {
            households_cut += 1;
        }
    }
    assert_eq!(
        households_cut, 1,
        "the large household's 2,000 rows stay behind"
    );
}

/// The Menu's first opening sends the worker the page's outline only: on
/// every fixture it is recognised as the whole page is, and it carries no
/// value of the page.
#[test]
fn the_outline_of_every_fixture_is_recognised_as_the_page_and_holds_no_value() {
    for (name, address) in fixture_addresses() {
        let html = read_fixture(&name);
        let page = snapshot_of(&html, &address);
        let document = scraper::Html::parse_document(&html);
        let outline = smartoffice_snapshot::outline::outline(
            &support::ScraperDom(std::marker::PhantomData),
            &document.root_element(),
            &address,
        );
        assert_eq!(
            recognise(&outline, smartoffice()),
            recognise(&page, smartoffice()),
            "{name}"
        );
        let json = smartoffice_snapshot::json::snapshot(&outline);
        for section in &page.sections {
            // Dates, numbers, phones, amounts, e-mail addresses (words such
            // as "Business" may be labels too).
            let distinctive =
                |v: &str| v.len() >= 4 && v.bytes().any(|b| b.is_ascii_digit() || b == b'@');
            for field in section
                .fields
                .iter()
                .filter(|f| distinctive(f.value.trim()))
            {
                assert!(
                    !json.contains(field.value.trim()),
                    "{name}: {:?} in the outline",
                    field.value
                );
            }
            for cell in section
                .tables
                .iter()
                .flat_map(|t| &t.rows)
                .flat_map(|r| &r.cells)
            {
                let text = cell.text.trim();
                if distinctive(text) {
                    assert!(!json.contains(text), "{name}: {text:?} in the outline");
                }
            }
        }
    }
}

#[test]
fn every_fixture_reads_as_expected() {
    let fixtures = fixture_addresses();
    assert!(fixtures.len() >= 15, "at least 15 fixtures");
    let mut failures = Vec::new();
    for (name, address) in fixtures {
        let read = expect::comparable(&name, read_record(&name, &address));
        let path = fixtures_dir().join(expect::expected_name(&name));
        if updating() {
            let text = serde_json::to_string_pretty(&read).expect("serialize") + "\n";
            std::fs::write(&path, text).expect("write expectation");
            continue;
        }
        let expected: serde_json::Value =
            serde_json::from_str(&read_fixture(&expect::expected_name(&name)))
                .unwrap_or_else(|e| panic!("{name}: expectation is not JSON: {e}"));
        if read != expected {
            failures.push(format!(
                "{name}:\n--- expected\n{}\n--- read\n{}",
                serde_json::to_string_pretty(&expected).unwrap_or_default(),
                serde_json::to_string_pretty(&read).unwrap_or_default()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn expected_records_deserialize_back_into_records() {
    use smartoffice_emoney::record::Record;
    for (name, _) in fixture_addresses() {
        if expect::LARGE.contains(&name.as_str()) {
            continue;
        }
        let expected: serde_json::Value =
            serde_json::from_str(&read_fixture(&expect::expected_name(&name)))
                .expect("expectation is JSON");
        let record: Record = serde_json::from_value(expected["record"].clone())
            .unwrap_or_else(|e| panic!("{name}: record does not deserialize: {e}"));
        // Findings are kept as the sentences they render to (see expect.rs).
        assert_eq!(
            serde_json::to_value(&record).expect("serializes"),
            expected["record"],
            "{name}: round trip"
        );
    }
}
