//! Reads the open SmartOffice record: snapshots of the record frame and of
//! the linked records the worker asks for (read from the same office only,
//! redirects included), every policy number masked in all of them. This is
//! all that leaves the page.

use std::future::Future;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Document, DomParser, Response, SupportedType, Url};

use crate::dom::BrowserDom;
use smartoffice_snapshot::mask::{mask_linked, mask_page};
use smartoffice_snapshot::profile::record::smartoffice;
use smartoffice_snapshot::protocol::{LinkedPage, LinkedReadError};
use smartoffice_snapshot::{mask_policy_numbers, snapshot, Snapshot};

/// Reads the page in `document` (at `address`) and the linked records that
/// `links_of` names, fetched from the same office with the advisor's
/// session. `links_of` sees the page with its own policy numbers masked;
/// what is returned has every number any of the pages shows masked in all.
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
    let mut page = snapshot_of(document, address);
    let own = mask_page(&mut page, smartoffice());
    // Every fetch is under way before the first is awaited (`fetch_page`
    // sends its request when called): a household's head and spouse arrive
    // together, not one after the other.
    let reads: Vec<_> = links_of(&page)
        .await
        .into_iter()
        .map(|href| {
            let fetching = same_origin(&href, address).map(|url| (fetch_page(url.clone()), url));
            (href, fetching)
        })
        .collect();
    let mut linked = Vec::new();
    for (href, fetching) in reads {
        let read = match fetching {
            Some((fetched, url)) => fetched.await.map(|doc| snapshot_of(&doc, &url)),
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
                error: Some(error),
            },
        });
    }
    // Each page's numbers masked in all: the linked records with every
    // number, the page (masked above) with those only they hold.
    let mut pages: Vec<&mut Snapshot> = linked
        .iter_mut()
        .filter_map(|linked| linked.page.as_mut())
        .collect();
    mask_linked(&mut page, own, &mut pages, smartoffice());
    (page, linked)
}

/// The record frame as an export reads it, policy numbers masked, as JSON:
/// the worker's report of what the extension sees here is made of it.
pub fn report(document: &Document) -> String {
    let mut page = snapshot_of(document, &document.url().unwrap_or_default());
    mask_policy_numbers(&mut [&mut page], smartoffice());
    smartoffice_snapshot::json::snapshot(&page)
}

/// The record frame's outline (no values), as JSON: whether it is a record.
pub fn outline(document: &Document) -> String {
    let address = document.url().unwrap_or_default();
    let page = match document.document_element() {
        Some(root) => smartoffice_snapshot::outline::outline(&BrowserDom, &root, &address),
        None => Snapshot::default(),
    };
    smartoffice_snapshot::json::snapshot(&page)
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

fn origin_of(url: &str) -> Option<String> {
    let origin = Url::new(url).ok()?.origin();
    (origin != "null").then_some(origin)
}

/// `href` made absolute against `base`, when both are on the same origin.
fn same_origin(href: &str, base: &str) -> Option<String> {
    let base_url = Url::new(base).ok()?;
    let url = Url::new_with_base(href, &base_url.href()).ok()?;
    let same = origin_of(&url.href())? == origin_of(base)?;
    same.then(|| url.href())
}

/// Fetches a SmartOffice page with the advisor's session and parses it
/// (inertly: nothing of it runs). A redirect away from the office is refused.
/// The request is sent at the call, not at the first poll.
pub fn fetch_page(url: String) -> impl Future<Output = Result<Document, LinkedReadError>> {
    let sent = web_sys::window().map(|window| window.fetch_with_str(&url));
    async move {
        let answer = JsFuture::from(sent.ok_or(LinkedReadError::Network)?)
            .await
            .map_err(|_| LinkedReadError::Network)?;
        let response: Response = answer.dyn_into().map_err(|_| LinkedReadError::NotAPage)?;
        if origin_of(&response.url()) != origin_of(&url) {
            return Err(LinkedReadError::Redirected);
        }
        if !response.ok() {
            return Err(LinkedReadError::NoPage);
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
}
