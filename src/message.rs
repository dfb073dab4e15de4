//! The messages between the extension's scripts and its service worker.
//!
//! Every message is a tagged type: `{"type": "...", ...}`. The service worker
//! answers only the types listed here, `Request` and `EmoneyRequest`
//! (anything else fails to deserialize and is refused), and only from senders `trust::accept` lets through.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::emoney::{Asset, Client, ExportOutcome, Policy};

/// What a content script or an extension page asks of the service worker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Request {
    /// The advisor chose Menu > Integrations > eMoney on a record.
    ExportRequested {
        /// The SmartOffice office the record came from (its host name).
        office_host: String,
    },
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
    /// An eMoney step failed; `message` is a sentence for the user, and
    /// `sign_in` says the sign-in dialog should be shown.
    Failed {
        message: String,
        sign_in: bool,
    },
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

/// The service worker's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Reply {
    /// The export request reached the service worker.
    ExportAcknowledged { extension_version: String },
    /// The request was not carried out; `message` is a sentence for the user.
    Refused { message: String },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_tagged_by_type() {
        let request = Request::ExportRequested {
            office_host: "pmgcloud.ez-data.com".into(),
        };
        let json = serde_json::to_string(&request).expect("serializes");
        assert_eq!(
            json,
            r#"{"type":"exportRequested","officeHost":"pmgcloud.ez-data.com"}"#
        );
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
