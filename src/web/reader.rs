//! Reads the open SmartOffice record: snapshot the record frame, fetch the
//! linked records the interpreter asks for (same origin only), interpret.

use std::fmt;
use std::future::Future;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Document, DomParser, Response, SupportedType, Url};

use super::dom::BrowserDom;
use crate::findings::Finding;
use crate::interpret::{interpret, links_needed, LinkedSnapshots};
use crate::profile::record::SMARTOFFICE;
use crate::record::Record;
use crate::snapshot::{snapshot, Snapshot};

/// Why a linked record (the spouse's, a household member's) was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkedReadError {
    /// The link leads away from this SmartOffice office.
    OtherSite,
    /// The request did not complete (offline, blocked).
    Network,
    /// SmartOffice answered with an error status.
    Status(u16),
    /// The answer could not be read as a page.
    NotAPage,
}

impl fmt::Display for LinkedReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkedReadError::OtherSite => {
                f.write_str("its link leads outside this SmartOffice office")
            }
            LinkedReadError::Network => f.write_str("SmartOffice could not be reached"),
            LinkedReadError::Status(status) => {
                write!(f, "SmartOffice answered with error {status}")
            }
            LinkedReadError::NotAPage => f.write_str("SmartOffice's answer was not a page"),
        }
    }
}

impl std::error::Error for LinkedReadError {}

/// Reads the record shown in `frame_document`, fetching linked records from
/// the same office with the user's session.
pub async fn read_open_record(frame_document: &Document) -> (Record, Vec<Finding>) {
    let address = frame_document.url().unwrap_or_default();
    read_record(frame_document, &address, fetch_page).await
}

/// Reads the record in `document`, whose address is `address`. `fetch_page`
/// gets each linked record's absolute, same-origin address; tests pass
/// fixture pages through it.
pub async fn read_record<F, Fut>(
    document: &Document,
    address: &str,
    fetch_page: F,
) -> (Record, Vec<Finding>)
where
    F: Fn(String) -> Fut,
    Fut: Future<Output = Result<Document, LinkedReadError>>,
{
    let page = snapshot_of(document, address);
    let mut linked = LinkedSnapshots::new();
    for link in links_needed(&page, &SMARTOFFICE) {
        let read = match same_origin(&link.href, address) {
            Some(url) => fetch_page(url.clone())
                .await
                .map(|doc| snapshot_of(&doc, &url)),
            None => Err(LinkedReadError::OtherSite),
        };
        linked.insert(link.href, read.map_err(|e| e.to_string()));
    }
    interpret(&page, &linked, &SMARTOFFICE)
}

fn snapshot_of(document: &Document, address: &str) -> Snapshot {
    match document.document_element() {
        Some(root) => snapshot(&BrowserDom, &root, address),
        None => Snapshot {
            address: address.to_string(),
            ..Snapshot::default()
        },
    }
}

/// `href` made absolute against `base`, when both are on the same origin.
fn same_origin(href: &str, base: &str) -> Option<String> {
    let base = Url::new(base).ok()?;
    let url = Url::new_with_base(href, &base.href()).ok()?;
    let same = url.origin() == base.origin() && url.origin() != "null";
    same.then(|| url.href())
}

/// Fetches a SmartOffice page with the user's session and parses it.
pub async fn fetch_page(url: String) -> Result<Document, LinkedReadError> {
    let window = web_sys::window().ok_or(LinkedReadError::Network)?;
    let answer = JsFuture::from(window.fetch_with_str(&url))
        .await
        .map_err(|_| LinkedReadError::Network)?;
    let response: Response = answer.dyn_into().map_err(|_| LinkedReadError::NotAPage)?;
    if !response.ok() {
        return Err(LinkedReadError::Status(response.status()));
    }
    let text = JsFuture::from(response.text().map_err(|_| LinkedReadError::NotAPage)?)
        .await
        .map_err(|_| LinkedReadError::Network)?
        .as_string()
        .ok_or(LinkedReadError::NotAPage)?;
    DomParser::new()
        .and_then(|parser| parser.parse_from_string(&text, SupportedType::TextHtml))
        .map_err(|_| LinkedReadError::NotAPage)
}
