//! The messages between a SmartOffice page (the content script) and the
//! service worker. Every message is a tagged type: `{"type": "...", ...}`;
//! anything else fails to deserialize and is refused.

use serde::{Deserialize, Serialize};

use crate::Snapshot;

/// What a SmartOffice page (the content script) asks of the service worker.
/// The page names no export: the worker knows it by the tab and frame the
/// browser says the request came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Request {
    /// Which linked records (the spouse's, a household's members') the
    /// service worker needs to understand this page.
    RecordLinks { page: Box<Snapshot> },
    /// The advisor chose Menu > Integrations > eMoney: the page and its linked
    /// records, as read (policy numbers already masked, see [`crate::mask`]).
    ExportStart {
        page: Box<Snapshot>,
        linked: Vec<LinkedPage>,
    },
    /// The page opened the eMoney window and it stayed open: the export is over.
    EmoneyOpened,
    /// The eMoney window was blocked and the advisor clicked Open eMoney.
    OpenEmoney,
    /// The loader met a record frame's Menu: the page module is wanted in
    /// this frame (`plain_js`: its WebAssembly would not compile here, as
    /// under a page's strict Content-Security-Policy).
    LoadPage { plain_js: bool },
    /// The page module's WebAssembly, for the frame it was loaded into.
    PageWasm,
    /// The loader is in a record frame that shows no Menu it knows.
    NoMenu,
}

/// A linked record as the page read it, or why it could not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LinkedPage {
    pub href: String,
    pub page: Option<Snapshot>,
    pub error: Option<LinkedReadError>,
}

/// Why a linked record (the spouse's, a household member's) was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum LinkedReadError {
    /// The link leads away from this SmartOffice office.
    OtherSite,
    /// SmartOffice sent the request on to another site.
    Redirected,
    /// The request did not complete (offline, blocked).
    Network,
    /// SmartOffice answered with an error instead of the page.
    NoPage,
    /// The answer could not be read as a page.
    NotAPage,
}

/// The service worker's answer to a [`Request`]. Sentences come rendered in
/// the browser's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Reply {
    /// The linked records to read, by their links as written on the page.
    Links {
        hrefs: Vec<String>,
    },
    /// The record cannot go yet: what stops it, and what else is worth fixing.
    Blocked {
        blocking: Vec<String>,
        warnings: Vec<String>,
    },
    /// The export goes on in its dialog window; `said` is for the page's status.
    Dialog {
        said: String,
    },
    /// Written: eMoney opens at `url` (one-time); the summary is for the page.
    Launch {
        url: String,
        summary: Summary,
    },
    WindowOpened,
    /// The page module is in the frame.
    Loaded,
    /// The page module's WebAssembly, in base64 (messages carry text only).
    Wasm {
        base64: String,
    },
    /// Noted; nothing to answer.
    Heard,
    /// The request was not carried out; `said` is a sentence for the advisor.
    Failed {
        said: String,
    },
}

/// What an export did, for the page's closing note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    pub said: String,
    /// "2 warnings about the record were noted.", if any.
    pub warnings: Option<String>,
    /// Worth knowing ("This record shows no Policies section…").
    pub notes: Vec<String>,
}

/// What the service worker tells the page of an export it started, while it
/// runs in its dialog (`tabs.sendMessage` to the page's frame).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Event {
    /// A step, for the status line.
    Progress { said: String },
    /// Written, and eMoney opened from the dialog: the closing note.
    Done { summary: Summary },
    /// The export ended without eMoney to open (cancelled, closed).
    Ended { said: String },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_tagged_by_type_and_name_no_export() {
        let json = serde_json::to_string(&Request::OpenEmoney).expect("serializes");
        assert_eq!(json, r#"{"type":"openEmoney"}"#);
        assert_eq!(
            serde_json::from_str::<Request>(&json).ok(),
            Some(Request::OpenEmoney)
        );
        // A page's old message naming an export is not a request at all.
        assert!(
            serde_json::from_str::<Request>(r#"{"type":"flowLaunch","flowId":"f-1"}"#).is_err()
        );
    }

    #[test]
    fn unknown_types_are_not_requests() {
        assert!(serde_json::from_str::<Request>(r#"{"type":"eval","code":"1"}"#).is_err());
        assert!(serde_json::from_str::<Request>(r#"{"officeHost":"x"}"#).is_err());
    }
}
