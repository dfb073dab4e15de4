//! The messages between the extension's scripts and its service worker.
//!
//! Every message is a tagged type: `{"type": "...", ...}`. The service worker
//! answers only the types listed here, `Request` and `EmoneyRequest`
//! (anything else fails to deserialize and is refused), and only from senders `trust::accept` lets through.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::emoney::{Asset, Client, ExportOutcome, FieldChange, Policy};

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
