//! The eMoney client against the real sandbox server: sign-in, export, and
//! every fault the sandbox can make at every step.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::expect_used)]

mod export;
mod faults;
mod sign_in;
mod support;
#[path = "../shared/words.rs"]
mod words;

use serde_json::Value;
use smartoffice_emoney::emoney::{
    Address, Asset, Client, Decision, Domain, EmoneyError, ExportOutcome, ExportPayload, Job,
    Person, Policy,
};

use support::{block_on, Browser, Sandbox, ADVISOR, PASSWORD};

pub const RECORD: &str = "smartoffice:pmgcloud.ez-data.com:1001";

/// The Lees, as the mapping would hand them over.
pub fn lees() -> ExportPayload {
    ExportPayload {
        external_id: RECORD.to_owned(),
        client: Client {
            external_ids: vec![RECORD.to_owned()],
            marital_status: Some("Married".into()),
            address: Some(Address {
                street1: Some("12 Elm Street".into()),
                city: Some("Springfield".into()),
                state: Some("IL".into()),
                postal_code: Some("62701".into()),
                country: Some("US".into()),
                ..Address::default()
            }),
            home_phone: Some("(555) 201-3344 x12".into()),
            fax: None,
            client: Person {
                first_name: "Ann".into(),
                last_name: "Lee".into(),
                date_of_birth: Some("1970-02-03".into()),
                email: Some("ann.lee@example.com".into()),
                cell_phone: Some("555-201-0001".into()),
                job: Some(Job {
                    company_name: Some("Acme Corp".into()),
                    job_title: Some("CFO".into()),
                    ..Job::default()
                }),
            },
            spouse: Some(Person {
                first_name: "Bo".into(),
                last_name: "Lee".into(),
                date_of_birth: Some("1968-11-30".into()),
                ..Person::default()
            }),
        },
        assets: vec![
            Asset {
                external_id: "inv-1".into(),
                name: Some("Brokerage".into()),
                holdings_value: Some("1234.56".into()),
                total_value: Some("1234.56".into()),
                type_of_funds: vec!["Qualified".into()],
                owner: Some("Joint".into()),
                ..Asset::default()
            },
            Asset {
                external_id: "inv-2".into(),
                name: Some("IRA".into()),
                holdings_value: Some("50000.00".into()),
                cash_balance: Some("-80.00".into()),
                owner: Some("Client".into()),
                ..Asset::default()
            },
        ],
        policies: vec![Policy {
            external_id: "pol-1".into(),
            policy_name: Some("Acme Life Term 20".into()),
            policy_number: Some("***1234".into()),
            owner: Some("Client".into()),
            current_death_benefit: Some("500000.00".into()),
        }],
    }
}

/// A browser signed in to the sandbox.
pub fn signed_in(sandbox: &Sandbox) -> Browser {
    let browser = Browser::default();
    block_on(
        browser
            .worker()
            .sign_in(&sandbox.domain(), ADVISOR, PASSWORD, true),
    )
    .expect("the advisor signs in");
    browser
}

/// An error as the advisor reads it, fields named as SmartOffice names them.
pub fn said(error: &EmoneyError) -> String {
    let profile = smartoffice_snapshot::profile::record::smartoffice();
    let text = error.text(&|path| smartoffice_emoney::flow::names::field_name(path, profile));
    words::render(&text)
}

/// Ignores progress.
pub fn quiet(_: smartoffice_emoney::emoney::Progress) {}

/// Exports as an advisor who says Yes to whatever is shown.
pub fn export_yes(
    browser: &Browser,
    domain: &Domain,
    payload: &ExportPayload,
) -> Result<ExportOutcome, EmoneyError> {
    let worker = browser.worker();
    let first = block_on(worker.export(domain, payload, &Decision::Ask, &quiet))?;
    match first {
        ExportOutcome::Confirm { comparison, .. } => block_on(worker.export(
            domain,
            payload,
            &Decision::Update {
                previewed: comparison.previewed,
                removals: Vec::new(),
            },
            &quiet,
        )),
        other => Ok(other),
    }
}

/// Exports (saying Yes) and expects it to finish.
pub fn export_ok(sandbox: &Sandbox, browser: &Browser, payload: &ExportPayload) -> ExportOutcome {
    let outcome = export_yes(browser, &sandbox.domain(), payload);
    let outcome = outcome.unwrap_or_else(|error| panic!("export failed: {error:?}"));
    assert!(
        matches!(outcome, ExportOutcome::Exported { .. }),
        "{outcome:?}"
    );
    outcome
}

/// The sandbox holds exactly one client, the Lees, with their items.
pub fn assert_only_the_lees(sandbox: &Sandbox) -> Value {
    let clients = sandbox.clients();
    assert_eq!(clients.len(), 1, "{clients:#?}");
    let client = clients[0].clone();
    assert_eq!(client["externalIds"][0], RECORD);
    assert_eq!(client["client"]["firstName"], "Ann");
    assert_eq!(client["client"]["dateOfBirth"], "1970-02-03");
    assert_eq!(client["spouse"]["firstName"], "Bo");
    assert_eq!(client["address"]["postalCode"], "62701");
    let assets: Vec<&str> = client["assets"]
        .as_array()
        .map(|all| {
            all.iter()
                .filter_map(|a| a["externalId"].as_str())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(assets, ["inv-1", "inv-2"]);
    assert_eq!(client["policies"][0]["policyNumber"], "***1234");
    client
}
