//! Arbitrary input never panics the parsers, the snapshot walk or the
//! interpreter, and they finish quickly.

#![cfg(not(target_arch = "wasm32"))]

mod support;
#[path = "shared/words.rs"]
mod words;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use proptest::prelude::*;
use smartoffice_emoney::interpret::{interpret, links_needed, LinkedSnapshots};
use smartoffice_emoney::parse::address::parse_one_line_address;
use smartoffice_emoney::parse::date::parse_date;
use smartoffice_emoney::parse::money::parse_money;
use smartoffice_emoney::parse::name::split_name;
use smartoffice_emoney::record::{masked_policy_number, Money};
use smartoffice_snapshot::clean::clean;
use smartoffice_snapshot::profile::record::smartoffice;
use smartoffice_snapshot::protocol::LinkedReadError;
use smartoffice_snapshot::{Cell, Field, HiddenInput, Row, Section, Snapshot, Table};

const RIGHT_TO_LEFT_OVERRIDE: char = '\u{202e}';

/// Words the interpreter reacts to, mixed with noise, so that arbitrary
/// snapshots reach deep into it.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "Personal",
            "Business",
            "Spouse",
            "Key Relations",
            "Members",
            "Household",
            "Investments",
            "Policies",
            "Phone Numbers",
            "Addresses",
            "E-mail",
            "First Name",
            "Last Name",
            "Birth Date",
            "Marital Status",
            "Married",
            "Single",
            "Domestic Partner",
            "Wife",
            "Husband",
            "Head",
            "Type",
            "Name",
            "Member Type",
            "Relation",
            "Account Name",
            "Account Value",
            "Net Value",
            "Policy #",
            "Owner",
            "Cell",
            "Home",
            "Residence",
            "Preferred",
            "Yes",
            "Address",
            "City",
            "Zip",
            "02/30/1970",
            "$1,234.56",
            "(5)",
        ])
        .prop_map(str::to_string),
        ".{0,24}",
    ]
}

fn table() -> impl Strategy<Value = Table> {
    (
        prop::collection::vec(word(), 0..7),
        prop::collection::vec(
            (
                word(),
                prop::collection::vec((word(), prop::option::of(word())), 0..7),
            ),
            0..6,
        ),
    )
        .prop_map(|(header, rows)| Table {
            header,
            rows: rows
                .into_iter()
                .map(|(class, cells)| Row {
                    class,
                    cells: cells
                        .into_iter()
                        .map(|(text, href)| Cell { text, href })
                        .collect(),
                })
                .collect(),
        })
}

fn snapshot() -> impl Strategy<Value = Snapshot> {
    let section = (
        prop::option::of(word()),
        prop::collection::vec((word(), word()), 0..6),
        prop::collection::vec(table(), 0..3),
    )
        .prop_map(|(heading, fields, tables)| Section {
            heading,
            fields: fields
                .into_iter()
                .map(|(label, value)| Field { label, value })
                .collect(),
            tables,
        });
    (
        prop_oneof![
            Just("https://acme.ez-data.com/ms/contact.htm?contactId=7".to_string()),
            Just("https://acme.ez-data.com/ms/household.htm?householdId=8".to_string()),
            ".{0,40}",
        ],
        prop::collection::vec((word(), word()), 0..3),
        prop::collection::vec(section, 0..8),
    )
        .prop_map(|(address, hidden, sections)| Snapshot {
            address,
            hidden_inputs: hidden
                .into_iter()
                .map(|(name, value)| HiddenInput { name, value })
                .collect(),
            sections,
        })
}

proptest! {
    #[test]
    fn money_parses_or_refuses(text in ".{0,40}") {
        if let Ok(Some(money)) = parse_money(&text) {
            prop_assert_eq!(parse_money(&money.to_string()), Ok(Some(money)));
        }
    }

    #[test]
    fn money_round_trips(cents in -(i64::MAX / 1000)..(i64::MAX / 1000)) {
        let money = Money { cents };
        prop_assert_eq!(parse_money(&money.to_string()), Ok(Some(money)));
        let shown = if cents < 0 { format!("(${})", Money { cents: -cents }) } else { format!("${money}") };
        prop_assert_eq!(parse_money(&shown), Ok(Some(money)));
    }

    #[test]
    fn dates_parse_or_refuse(text in ".{0,20}", m in 0u32..14, d in 0u32..33, y in 0u32..3000) {
        if let Ok(Some(date)) = parse_date(&text) {
            prop_assert_eq!(parse_date(&date.to_string()), Ok(Some(date)));
        }
        if let Ok(Some(date)) = parse_date(&format!("{m}/{d}/{y:04}")) {
            prop_assert_eq!((u32::from(date.month()), u32::from(date.day())), (m, d));
        }
    }

    #[test]
    fn text_parsers_never_panic(text in ".{0,80}") {
        let _ = parse_one_line_address(&text);
        let _ = split_name(&text);
        let cleaned = clean(&text);
        prop_assert_eq!(clean(&cleaned), cleaned.clone());
        prop_assert!(!cleaned.contains(RIGHT_TO_LEFT_OVERRIDE));
    }

    #[test]
    fn a_masked_policy_number_never_shows_the_whole_number(number in ".{0,30}") {
        let significant: String = number.chars().filter(|c| !c.is_whitespace()).collect();
        match masked_policy_number(&number) {
            Some(masked) => {
                let kept = masked.as_str().strip_prefix("***").map(|rest| rest.chars().count());
                prop_assert_eq!(kept, Some(4), "{}", masked);
                prop_assert!(significant.chars().count() > 4);
            }
            None => prop_assert!(significant.chars().count() <= 4),
        }
    }

    #[test]
    fn the_links_view_names_the_same_linked_records(page in snapshot()) {
        let view = smartoffice_snapshot::links::links_view(&page, smartoffice());
        prop_assert_eq!(links_needed(&view, smartoffice()), links_needed(&page, smartoffice()));
    }

    #[test]
    fn the_interpreter_takes_any_snapshot(page in snapshot(), linked_page in snapshot(), fail in any::<bool>()) {
        let start = Instant::now();
        let mut linked: LinkedSnapshots = HashMap::new();
        for link in links_needed(&page, smartoffice()) {
            let read = if fail { Err(LinkedReadError::Network) } else { Ok(linked_page.clone()) };
            linked.insert(link.href, read);
        }
        let (record, findings) = interpret(&page, &linked, smartoffice());
        prop_assert!(start.elapsed() < Duration::from_secs(1));
        let json = serde_json::to_string(&record).expect("records serialize");
        let back: smartoffice_emoney::record::Record = serde_json::from_str(&json).expect("and deserialize");
        prop_assert_eq!(back, record);
        // Every finding is a sentence of the locale file.
        prop_assert!(findings.iter().all(|f| !words::render(&f.text).is_empty()));
    }

    #[test]
    fn the_snapshot_walk_takes_any_markup(parts in prop::collection::vec(prop::sample::select(vec![
        "<table>", "</table>", "<tr>", "<td>", "<th>", "First Name", "<h2>Personal</h2>", "<label for=x>", "</label>",
        "<input id=x value=v>", "<select><option selected>Married</option></select>", "<fieldset><legend>Spouse</legend>",
        "<dl><dt>DOB</dt><dd>1/2/1990</dd></dl>", "<a href='c.htm?contactId=1'>Lee, Ann</a>", "<textarea>t</textarea>",
        "<input type=hidden name=contactId value=9>", "<div>", "</div>", "<thead>", "<br>", "\u{a0}", "*", ":",
    ]), 0..60)) {
        let html = parts.concat();
        let start = Instant::now();
        let page = support::snapshot_of(&html, "https://acme.ez-data.com/ms/contact.htm");
        let _ = interpret(&page, &HashMap::new(), smartoffice());
        prop_assert!(start.elapsed() < Duration::from_secs(1));
    }
}

#[test]
fn deeply_nested_markup_does_not_exhaust_the_stack() {
    let html = format!(
        "{}<label>First Name</label><span>Ann</span>{}",
        "<div>".repeat(5000),
        "</div>".repeat(5000)
    );
    let page = support::snapshot_of(&html, "https://acme.ez-data.com/ms/contact.htm");
    let _ = interpret(&page, &HashMap::new(), smartoffice());
}
