//! The real reader (web-sys, in headless Chromium) on every fixture: the
//! same records and findings as the native path, compared with the same
//! expectations. Also prints how long the 1,000-row household takes, beside
//! plain JavaScript reading the same cells.
//!
//! Run: `PATH=/work/main/.tools/bin:$PATH CHROMEDRIVER=/usr/bin/chromedriver
//! cargo test -p smartoffice-page --target wasm32-unknown-unknown --test reader_browser -- --nocapture`

#![cfg(target_arch = "wasm32")]

#[path = "../../../tests/shared/expect.rs"]
mod expect;
#[path = "../../../tests/shared/words.rs"]
mod words;

use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;

use smartoffice_emoney::findings::Finding;
use smartoffice_emoney::interpret::{interpret, linked_snapshots, links_needed, LinkedSnapshots};
use smartoffice_emoney::record::Record;
use smartoffice_page::dom::BrowserDom;
use smartoffice_page::reader::read_pages;
use smartoffice_snapshot::profile::record::smartoffice;
use smartoffice_snapshot::protocol::LinkedReadError;
use smartoffice_snapshot::{snapshot, Snapshot};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Document, DomParser, SupportedType};

wasm_bindgen_test_configure!(run_in_browser);

macro_rules! fixtures {
    ($($name:literal),* $(,)?) => {
        /// (file, page, expectation)
        const FIXTURES: &[(&str, &str, &str)] = &[$((
            concat!($name, ".html"),
            include_str!(concat!("../../../tests/fixtures/records/", $name, ".html")),
            include_str!(concat!("../../../tests/fixtures/records/", $name, ".expected.json")),
        )),*];
    };
}

fixtures!(
    "contact-readonly",
    "contact-edit",
    "contact-married-spouse-section",
    "contact-married-linked",
    "contact-spouse-linked",
    "contact-domestic-partner",
    "contact-single",
    "contact-divorced",
    "household",
    "contact-head",
    "contact-spouse-member",
    "household-no-head",
    "household-two-heads",
    "contact-investments-owners",
    "contact-investments-spouse",
    "contact-policies",
    "contact-sections-missing",
    "contact-relation-no-status",
    "contact-hostile",
    "contact-non-ascii",
    "household-large",
);

const ADDRESSES: &str = include_str!("../../../tests/fixtures/records/addresses.txt");

#[wasm_bindgen(inline_js = r#"
export function now() { return performance.now(); }

// Lets the page breathe: the test runner polls the page through WebDriver,
// which times out while a long read holds the page's only thread.
export function breathe() { return new Promise((resolve) => setTimeout(resolve, 0)); }

// What a plain content script would do: every cell's text and first link.
export function plainRead(doc) {
  const start = performance.now();
  const rows = [];
  for (const table of doc.querySelectorAll('table')) {
    for (const row of table.rows) {
      const cells = [];
      for (const cell of row.cells) {
        const link = cell.querySelector('a[href]');
        cells.push(cell.textContent, link ? link.getAttribute('href') : null);
      }
      rows.push(cells);
    }
  }
  const elapsed = performance.now() - start;
  if (rows.length < 2000) throw new Error('plain read missed rows');
  return elapsed;
}

// What only a page's script can write: a comment and a script's text that,
// serialized as they are, look like cells.
export function forgeCells(document) {
  const [number, note] = document.querySelectorAll('tbody td:nth-child(2), tbody td:nth-child(3)');
  number.append(document.createComment('--><td>forged</td><!--'));
  const script = document.createElement('script');
  script.textContent = '</script><td>also forged</td><script>';
  note.append(script);
  const input = document.createElement('input');
  input.value = 'typed';
  note.append(input);
  return document.querySelector('table');
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = forgeCells)]
    fn forge_cells(document: &Document) -> web_sys::Element;
    fn now() -> f64;
    fn breathe() -> js_sys::Promise;
    #[wasm_bindgen(js_name = plainRead)]
    fn plain_read(document: &Document) -> f64;
}

/// Gives the page's thread back to the browser for a moment.
async fn pause() {
    let _ = wasm_bindgen_futures::JsFuture::from(breathe()).await;
}

/// Reads and interprets the record in `document` as the extension does in
/// two places: the page reads (with the links the interpreter names), the
/// service worker interprets what the page sent.
async fn read_record<F, Fut>(
    document: &Document,
    address: &str,
    fetch_page: F,
) -> (Record, Vec<Finding>)
where
    F: Fn(String) -> Fut,
    Fut: Future<Output = Result<Document, LinkedReadError>>,
{
    let links_of = |page: &Snapshot| {
        let hrefs: Vec<String> = links_needed(page, smartoffice())
            .into_iter()
            .map(|link| link.href)
            .collect();
        async move { hrefs }
    };
    let (page, linked) = read_pages(document, address, links_of, fetch_page).await;
    interpret(&page, &linked_snapshots(linked), smartoffice())
}

fn parse(html: &str) -> Document {
    DomParser::new()
        .and_then(|parser| parser.parse_from_string(html, SupportedType::TextHtml))
        .expect("DOMParser parses a fixture")
}

fn address_of(name: &str) -> String {
    ADDRESSES
        .lines()
        .filter(|l| !l.starts_with('#'))
        .find_map(|l| {
            l.split_once(' ')
                .filter(|(n, _)| *n == name)
                .map(|(_, a)| a.trim().to_string())
        })
        .expect("every fixture has an address")
}

/// The page of the fixture named `file`.
fn fixture(file: &str) -> &'static str {
    FIXTURES
        .iter()
        .find(|(name, _, _)| *name == file)
        .map(|(_, html, _)| *html)
        .unwrap_or_else(|| panic!("no fixture {file}"))
}

/// The fetch step, answered from the fixtures: the link's file name without its query.
async fn fixture_page(url: String) -> Result<Document, LinkedReadError> {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let file = path.rsplit('/').next().unwrap_or_default();
    FIXTURES
        .iter()
        .find(|(name, _, _)| *name == file)
        .map(|(_, html, _)| parse(html))
        .ok_or(LinkedReadError::NoPage)
}

async fn read(name: &str, html: &str) -> serde_json::Value {
    let (record, findings) = read_record(&parse(html), &address_of(name), fixture_page).await;
    expect::comparable(
        name,
        serde_json::json!({ "record": record, "findings": findings }),
    )
}

#[wasm_bindgen_test]
async fn every_fixture_reads_as_in_the_native_tests() {
    assert!(FIXTURES.len() >= 15);
    let mut failures = Vec::new();
    for (name, html, expected) in FIXTURES {
        pause().await;
        let expected: serde_json::Value =
            serde_json::from_str(expected).expect("expectation is JSON");
        let read = read(name, html).await;
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

#[wasm_bindgen_test]
async fn a_link_to_another_site_is_a_finding_not_a_fetch() {
    let html = fixture("contact-married-linked.html").replace(
        "contact-spouse-linked.html?contactId=1004",
        "https://evil.example/x.html",
    );
    let (record, findings) = read_record(
        &parse(&html),
        &address_of("contact-married-linked.html"),
        |url: String| async move {
            panic!("fetched {url}");
        },
    )
    .await;
    assert!(
        record.spouse.is_some(),
        "the spouse's name from the relation is kept"
    );
    assert!(
        findings
            .iter()
            .any(|f| words::render(&f.text).contains("outside this SmartOffice office")),
        "{findings:?}"
    );
}

/// The page module reads a table from its serialization: a comment or a
/// script's text a page's script wrote to look like markup stays what it
/// is, and the table reads as its elements (fields with their live values).
#[wasm_bindgen_test]
fn comments_and_script_text_read_as_text_not_markup() {
    use smartoffice_snapshot::Dom;
    let document = parse(
        "<table><thead><tr><th>Carrier</th><th>Policy #</th><th>Note</th></tr></thead>\
         <tbody><tr><td>Acme</td><td>PN-1234-5678</td><td>see</td></tr></tbody></table>",
    );
    let table = forge_cells(&document);
    let read = BrowserDom.table_cells(&table, usize::MAX);
    let row: Vec<(&str, Option<&str>)> = read.rows[1]
        .cells
        .iter()
        .map(|cell| (cell.text.as_str(), cell.control.as_deref()))
        .collect();
    assert_eq!(
        row,
        [
            ("Acme", None),
            ("PN-1234-5678", None),
            ("see", Some("typed"))
        ]
    );
}

#[wasm_bindgen_test]
async fn a_households_linked_records_are_all_asked_for_before_one_is_awaited() {
    let name = "household.html";
    let asked: Rc<RefCell<Vec<String>>> = Rc::default();
    // How many requests were out when each answer was first awaited.
    let out_at_first_wait: Rc<RefCell<Vec<usize>>> = Rc::default();
    let fetch = |url: String| {
        asked.borrow_mut().push(url.clone());
        let (asked, out) = (asked.clone(), out_at_first_wait.clone());
        async move {
            out.borrow_mut().push(asked.borrow().len());
            fixture_page(url).await
        }
    };
    let (record, _) = read_record(&parse(fixture(name)), &address_of(name), fetch).await;
    assert!(record.spouse.is_some(), "the spouse's record was read");
    let asked = asked.borrow().clone();
    assert_eq!(asked.len(), 2, "the head and the spouse: {asked:?}");
    assert_eq!(*out_at_first_wait.borrow(), vec![2, 2]);
}

#[wasm_bindgen_test]
async fn reading_the_large_household_is_timed() {
    let name = "household-large.html";
    let document = parse(fixture(name));
    let address = address_of(name);
    // The linked member pages are parsed beforehand: fetching is not what
    // is measured, reading the cells is.
    let members: Vec<(String, Document)> = ["contact-head.html", "contact-spouse-member.html"]
        .iter()
        .filter_map(|file| FIXTURES.iter().find(|(name, _, _)| name == file))
        .map(|(name, html, _)| (name.to_string(), parse(html)))
        .collect();
    let parsed = |url: String| {
        let found = members
            .iter()
            .find(|(name, _)| url.contains(name.as_str()))
            .map(|(_, d)| d.clone());
        async move { found.ok_or(LinkedReadError::NoPage) }
    };
    let mut ours = Vec::new();
    let mut plain = Vec::new();
    for _ in 0..7 {
        pause().await;
        let start = now();
        let (record, findings) = read_record(&document, &address, parsed).await;
        ours.push(now() - start);
        assert_eq!(record.investments.map(|i| i.len()), Some(1000));
        assert_eq!(record.policies.map(|p| p.len()), Some(1000));
        assert!(findings.is_empty());
        plain.push(plain_read(&document));
    }
    // Where the time goes: the walk (with one JavaScript call per table) and
    // the interpretation of the snapshot.
    let mut walks = Vec::new();
    let mut interprets = Vec::new();
    let mut member_walks = Vec::new();
    for _ in 0..7 {
        pause().await;
        let start = now();
        for (name, member) in &members {
            let root = member.document_element().expect("a root element");
            let _ = snapshot(&BrowserDom, &root, name);
        }
        member_walks.push(now() - start);
        let start = now();
        let root = document.document_element().expect("a root element");
        let page = snapshot(&BrowserDom, &root, &address);
        walks.push(now() - start);
        let start = now();
        let _ = interpret(&page, &LinkedSnapshots::new(), smartoffice());
        interprets.push(now() - start);
    }
    let median = |times: &mut Vec<f64>| {
        times.sort_by(f64::total_cmp);
        times[times.len() / 2]
    };
    web_sys::console::log_1(
        &format!(
            "1,000-investment, 1,000-policy household: read+interpret {:.2} ms (median of 7, with the 2 linked member pages; \
             snapshot {:.2} ms, member pages' snapshots {:.2} ms, interpret {:.2} ms); plain JS reading the same cells {:.2} ms",
            median(&mut ours),
            median(&mut walks),
            median(&mut member_walks),
            median(&mut interprets),
            median(&mut plain)
        )
        .into(),
    );
}
