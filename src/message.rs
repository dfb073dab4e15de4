//! The messages between the extension's scripts and its service worker.
//!
//! Every message is a tagged type: `{"type": "...", ...}`. The service worker
//! answers only the types listed here, `Request` and `EmoneyRequest`
//! (anything else fails to deserialize and is refused), and only from senders `trust::accept` lets through.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::emoney::{Asset, Client, ExportOutcome, FieldChange, Policy};
use crate::snapshot::Snapshot;

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

/// What an extension page (options, the export dialog) asks of the service
/// worker's eMoney client. Kept apart from [`Request`] so a SmartOffice page's
/// module, which only sends `Request`s, carries none of these shapes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum EmoneyRequest {
    /// The advisor signs in to an eMoney domain (its API base address).
    SignIn {
        domain: String,
        user_name: String,
        password: Password,
        /// Stay signed in across browser restarts.
        remember_me: bool,
    },
    /// Forget the eMoney domain's tokens.
    SignOut { domain: String },
    /// Export a record already mapped to eMoney's shapes. `update`: the
    /// advisor confirmed the changes to an existing client.
    ExportPayload {
        domain: String,
        /// `smartoffice:<host>:<contactId>`.
        external_id: String,
        client: Box<Client>,
        #[serde(default)]
        assets: Vec<Asset>,
        #[serde(default)]
        policies: Vec<Policy>,
        #[serde(default)]
        update: bool,
    },
    /// The export dialog opens: what it needs to show first.
    FlowState { flow_id: String },
    /// The dialog runs the export on `domain`; `update`: the advisor said Yes.
    FlowExport {
        flow_id: String,
        domain: String,
        update: bool,
    },
    /// The advisor said No: nothing is written, eMoney opens on the client.
    FlowSkipUpdate { flow_id: String, domain: String },
    /// The advisor's choice among candidates: an eMoney client id, or `null`
    /// for "none of them, create a new client". Remembered for the record.
    ChooseClient {
        domain: String,
        external_id: String,
        client_id: Option<String>,
    },
}

/// The service worker's answer to an [`EmoneyRequest`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum EmoneyReply {
    SignedIn,
    SignedOut,
    /// How an export ended (`outcome`: `exported`, `confirmUpdate` or `choose`).
    ExportResult(ExportOutcome),
    ChoiceSaved,
    FlowState(FlowView),
    FlowResult(FlowOutcome),
    /// An eMoney step failed; `message` is a sentence for the user, and
    /// `sign_in` says the sign-in dialog should be shown.
    Failed {
        message: String,
        sign_in: bool,
    },
}

/// A linked record as the page read it, or why it could not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LinkedPage {
    pub href: String,
    pub page: Option<Snapshot>,
    pub error: Option<String>,
}

impl LinkedPage {
    /// The linked pages as the interpreter takes them.
    pub fn by_href(pages: Vec<LinkedPage>) -> crate::interpret::LinkedSnapshots {
        pages
            .into_iter()
            .map(|linked| {
                let read = match (linked.page, linked.error) {
                    (Some(page), _) => Ok(page),
                    (None, error) => Err(error.unwrap_or_default()),
                };
                (linked.href, read)
            })
            .collect()
    }
}

/// What the export dialog shows first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FlowView {
    /// "Last, First", as eMoney lists clients.
    pub client: String,
    /// Warnings about the record, one sentence each.
    pub warnings: Vec<String>,
    pub domains: Vec<DomainChoice>,
    /// The domain to offer first: the remembered one, else the first.
    pub domain: String,
    /// The remembered user name, to fill in.
    pub user_name: Option<String>,
    pub remember_me: bool,
    /// A token for `domain` is kept: the dialog can be skipped.
    pub signed_in: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DomainChoice {
    pub label: String,
    pub api_base: String,
}

/// Where an export stands after a step of the dialog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "outcome",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum FlowOutcome {
    /// Written (or opened without writing); eMoney can open.
    Done { summary: String, warnings: usize },
    /// The seed's prompt: what would change, field by field and item by item.
    ConfirmUpdate {
        changes: Vec<FieldChange>,
        items: Vec<String>,
    },
    /// Several eMoney clients could be this record's.
    Choose {
        external_id: String,
        candidates: Vec<Candidate>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Candidate {
    pub id: String,
    /// "Lee, Ann, born 1970-02-03".
    pub description: String,
}

/// A password on its way to the token endpoint: never printed, never stored.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Password(pub String);

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
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
    fn passwords_are_never_printed() {
        let request: EmoneyRequest = serde_json::from_str(
            r#"{"type":"signIn","domain":"https://e","userName":"a","password":"hunter2","rememberMe":false}"#,
        )
        .expect("a sign-in");
        assert!(!format!("{request:?}").contains("hunter2"));
    }

    #[test]
    fn export_results_carry_their_outcome() {
        let reply = EmoneyReply::ExportResult(ExportOutcome::Choose { candidates: vec![] });
        let json = serde_json::to_string(&reply).expect("serializes");
        assert_eq!(
            json,
            r#"{"type":"exportResult","outcome":"choose","candidates":[]}"#
        );
        assert_eq!(serde_json::from_str::<EmoneyReply>(&json).ok(), Some(reply));
    }

    #[test]
    fn unknown_types_are_not_requests() {
        assert!(serde_json::from_str::<Request>(r#"{"type":"eval","code":"1"}"#).is_err());
        assert!(serde_json::from_str::<Request>(r#"{"officeHost":"x"}"#).is_err());
    }
}
