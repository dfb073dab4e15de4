//! "What the extension sees on this page", natively: the report of fixture
//! pages' snapshots (as the page module reads them), with profile overrides
//! applied, and no value of the page in it.

#![cfg(not(target_arch = "wasm32"))]

mod support;
#[path = "shared/words.rs"]
mod words;

use serde_json::json;
use smartoffice_emoney::overrides::apply;
use smartoffice_emoney::record::RecordKind;
use smartoffice_emoney::report::{report, MenuProbe, Problem, WindowProbe};
use smartoffice_snapshot::mask_policy_numbers;
use smartoffice_snapshot::profile::record::smartoffice;
use smartoffice_snapshot::Snapshot;
use support::{fixture_addresses, read_fixture, snapshot_of};

fn read(name: &str, address: &str) -> Snapshot {
    let mut page = snapshot_of(&read_fixture(name), address);
    mask_policy_numbers(&mut [&mut page], smartoffice());
    page
}

/// The Menu of a record window as the probe finds it on the fixtures.
fn with_menu() -> MenuProbe {
    MenuProbe {
        framed: true,
        record_windows: 3,
        menu_buttons: 1,
        windows: vec![WindowProbe {
            id: "_window_id1".into(),
            menu_button: true,
            menu_list: Some("#_window_id1-menu".into()),
            integrations: Some("Integrations".into()),
            entry: true,
        }],
    }
}

/// Every word of the profile.
fn profile_words() -> Vec<String> {
    fn strings(value: &serde_json::Value, out: &mut Vec<String>) {
        match value {
            serde_json::Value::String(s) => out.push(s.clone()),
            serde_json::Value::Array(list) => list.iter().for_each(|v| strings(v, out)),
            serde_json::Value::Object(map) => map.values().for_each(|v| strings(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    strings(
        &serde_json::to_value(smartoffice()).unwrap_or_default(),
        &mut out,
    );
    out
}

fn text(lines: &[smartoffice_snapshot::words::Text]) -> String {
    lines
        .iter()
        .map(words::render)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every value the page shows (fields, cells, hidden inputs, the query).
fn values(page: &Snapshot) -> Vec<String> {
    let mut values: Vec<String> = page
        .sections
        .iter()
        .flat_map(|s| {
            s.fields
                .iter()
                .map(|f| f.value.clone())
                .chain(s.tables.iter().flat_map(|t| {
                    t.rows
                        .iter()
                        .flat_map(|r| r.cells.iter().map(|c| c.text.clone()))
                }))
        })
        .chain(page.hidden_inputs.iter().map(|i| i.value.clone()))
        .collect();
    values.extend(
        page.address
            .split(['?', '&', '='])
            .skip(1)
            .map(str::to_owned),
    );
    values.retain(|v| v.chars().count() > 3);
    values
}

#[test]
fn every_fixture_record_is_recognised_and_its_report_shows_no_value() {
    for (name, address) in fixture_addresses() {
        let page = read(&name, &address);
        let made = report(&page, &with_menu(), smartoffice(), 0);
        assert!(made.recognised.is_some(), "{name} is recognised");
        assert_eq!(made.problem, None, "{name}");
        let shown = text(&made.lines);
        // The page's own structure (a link bar's "Policies") and the
        // profile's words ("Home") are no client data; every other value is.
        let mut structure = profile_words();
        for section in &page.sections {
            structure.extend(section.heading.clone());
            structure.extend(section.fields.iter().map(|f| f.label.clone()));
            structure.extend(section.tables.iter().flat_map(|t| t.header.clone()));
        }
        for value in values(&page) {
            assert!(
                smartoffice_snapshot::clean::label_is(&value, &structure)
                    || !shown.contains(&value),
                "{name}: the report shows the page's \"{value}\":\n{shown}"
            );
        }
    }
}

#[test]
fn a_contact_is_recognised_by_its_personal_section_with_fields_and_tables() {
    let page = read(
        "contact-readonly.html",
        "https://acme.ez-data.com/ms/contact.htm?contactId=1001",
    );
    let made = report(&page, &with_menu(), smartoffice(), 0);
    assert_eq!(
        made.recognised,
        Some((RecordKind::Contact, "sections.personal \"Personal\"".into()))
    );
    let shown = text(&made.lines);
    for line in [
        "Frame: https://acme.ez-data.com/ms/contact.htm (",
        "Recognised as a contact, by sections.personal \"Personal\".",
        "Record window _window_id1: its Menu button was found",
        "Its Menu list: found by #_window_id1-menu.",
        "labels.firstName: found in \"Personal\" as \"First Name:\", text(",
        "labels.birthDate: found in \"Personal\" as \"Birth Date:\", date",
        "\"Type\" is columns.kind",
        "phone",
    ] {
        assert!(shown.contains(line), "no {line:?} in:\n{shown}");
    }
    assert!(
        !shown.contains("1001"),
        "the record id is left out:\n{shown}"
    );
}

#[test]
fn a_household_is_recognised_by_its_page_name() {
    let page = read(
        "household.html",
        "https://acme.ez-data.com/ms/household.htm?householdId=2001",
    );
    let made = report(&page, &with_menu(), smartoffice(), 0);
    assert_eq!(
        made.recognised,
        Some((
            RecordKind::Household,
            "recordId.householdPages \"household.htm\"".into()
        ))
    );
}

#[test]
fn a_record_without_a_menu_is_said_and_a_menu_without_a_record_too() {
    let page = read(
        "../pages/record-no-menu.html",
        "https://acme.ez-data.com/ms/contact.htm",
    );
    let none = MenuProbe {
        framed: true,
        ..MenuProbe::default()
    };
    let made = report(&page, &none, smartoffice(), 0);
    assert_eq!(made.problem, Some(Problem::NoMenu));
    let shown = text(&made.lines);
    assert!(
        shown.contains(
            "No record window with a Menu: recordWindow finds 0 element(s), menuButtons finds 0."
        ),
        "{shown}"
    );
    assert!(
        shown.ends_with(&words::render(&Problem::NoMenu.text())),
        "{shown}"
    );

    let page = read(
        "../pages/menu-no-record.html",
        "https://acme.ez-data.com/ms/search.htm",
    );
    let made = report(&page, &with_menu(), smartoffice(), 0);
    assert_eq!(
        (made.recognised.clone(), made.problem),
        (None, Some(Problem::NotRecord))
    );
    let shown = text(&made.lines);
    assert!(shown.contains("Not recognised as a record"), "{shown}");
    assert!(
        shown.contains("\"Search Results\" is not a section the profile knows"),
        "{shown}"
    );
    assert!(
        !shown.contains("Okafor") && !shown.contains("Springfield"),
        "{shown}"
    );
}

#[test]
fn an_override_makes_a_new_label_read_as_the_cell_phone() {
    let page = read(
        "../pages/record-no-menu.html",
        "https://acme.ez-data.com/ms/contact.htm",
    );
    let before = text(&report(&page, &MenuProbe::default(), smartoffice(), 0).lines);
    assert!(
        before.contains(
            "labels.cellPhone: not found (looked for Cell Phone, Cell, Mobile, Mobile Phone)"
        ),
        "{before}"
    );
    assert!(
        before.contains("not in the profile: \"Mobile Number:\" in \"Personal\", phone"),
        "{before}"
    );

    let applied = apply(
        smartoffice(),
        Some(&json!({"labels": {"cellPhone": ["Mobile Number"]}})),
    );
    assert!(applied.problems.is_empty());
    let after = text(
        &report(
            &page,
            &MenuProbe::default(),
            &applied.profile,
            applied.added,
        )
        .lines,
    );
    assert!(
        after.contains("The firm added 1 word(s) to the profile."),
        "{after}"
    );
    assert!(
        after.contains("labels.cellPhone: found in \"Personal\" as \"Mobile Number:\", phone"),
        "{after}"
    );

    // And the interpreter reads it as the client's cell phone.
    let (record, _) =
        smartoffice_emoney::interpret::interpret(&page, &Default::default(), &applied.profile);
    let (plain, _) =
        smartoffice_emoney::interpret::interpret(&page, &Default::default(), smartoffice());
    let json = |r| serde_json::to_string(r).unwrap_or_default();
    assert!(json(&record).contains("555-0142"), "{}", json(&record));
    assert!(!json(&plain).contains("555-0142"), "{}", json(&plain));
}
