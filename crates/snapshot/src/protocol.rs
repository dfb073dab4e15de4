//! The messages between a SmartOffice page (the content script) and the
//! service worker. Every message is a tagged type: `{"type": "...", ...}`;
//! anything else fails to deserialize and is refused.

use serde::{Deserialize, Serialize};

use crate::Snapshot;

/// What a SmartOffice page (the content script) asks of the service worker.
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
    /// records, as read (policy numbers already masked, see
    /// `snapshot::mask_policy_numbers`).
    ExportStart {
        page: Box<Snapshot>,
        linked: Vec<LinkedPage>,
    },
    /// The export's dialog is done: the address of the eMoney window.
    FlowLaunch { flow_id: String },
    /// The page could not open the eMoney window: the service worker does.
    FlowOpenWindow { flow_id: String },
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

/// The service worker's answer to a [`Request`].
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
    /// The export is under way; its dialog shows export `flow_id`.
    FlowStarted {
        flow_id: String,
    },
    /// The one-time address that opens eMoney on the client, and what was done.
    LaunchReady {
        url: String,
        summary: String,
    },
    WindowOpened,
    /// The request was not carried out; `message` is a sentence for the user.
    Refused {
        message: String,
    },
    /// A step failed; `message` is a sentence for the user.
    Failed {
        message: String,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_tagged_by_type() {
        let request = Request::FlowLaunch {
            flow_id: "f-1".into(),
        };
        let json = serde_json::to_string(&request).expect("serializes");
        assert_eq!(json, r#"{"type":"flowLaunch","flowId":"f-1"}"#);
        assert_eq!(serde_json::from_str::<Request>(&json).ok(), Some(request));
    }

    #[test]
    fn unknown_types_are_not_requests() {
        assert!(serde_json::from_str::<Request>(r#"{"type":"eval","code":"1"}"#).is_err());
        assert!(serde_json::from_str::<Request>(r#"{"officeHost":"x"}"#).is_err());
    }
}
