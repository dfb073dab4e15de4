//! Reads the open SmartOffice record: snapshot the record frame and the
//! linked records the interpreter asks for (same origin only), masked, ready
//! for the service worker to interpret.

use std::fmt;
use std::future::Future;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Document, DomParser, Response, SupportedType, Url};

use crate::dom::BrowserDom;
use smartoffice_snapshot::profile::record::SMARTOFFICE;
use smartoffice_snapshot::protocol::LinkedPage;
use smartoffice_snapshot::{mask_policy_numbers, snapshot, Snapshot};

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

/// Reads the page in `document` (at `address`) and the linked records that
/// `links_of` names, fetched from the same office with the user's session:
/// plain data, policy numbers masked. This is all that leaves the page.
pub async fn read_pages<L, LinksFut, F, Fut>(
    document: &Document,
    address: &str,
    links_of: L,
    fetch_page: F,
) -> (Snapshot, Vec<LinkedPage>)
where
    L: Fn(&Snapshot) -> LinksFut,
    LinksFut: Future<Output = Vec<String>>,
    F: Fn(String) -> Fut,
    Fut: Future<Output = Result<Document, LinkedReadError>>,
{
    let page = snapshot_of(document, address);
    let mut linked = Vec::new();
    for href in links_of(&page).await {
        let read = match same_origin(&href, address) {
            Some(url) => fetch_page(url.clone())
                .await
                .map(|doc| snapshot_of(&doc, &url)),
            None => Err(LinkedReadError::OtherSite),
        };
        linked.push(match read {
            Ok(page) => LinkedPage {
                href,
                page: Some(page),
                error: None,
            },
            Err(error) => LinkedPage {
                href,
                page: None,
                error: Some(error.to_string()),
            },
        });
    }
    (page, linked)
}

fn snapshot_of(document: &Document, address: &str) -> Snapshot {
    let mut page = match document.document_element() {
        Some(root) => snapshot(&BrowserDom, &root, address),
        None => Snapshot {
            address: address.to_string(),
            ..Snapshot::default()
        },
    };
    mask_policy_numbers(&mut page, &SMARTOFFICE);
    page
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
