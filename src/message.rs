//! The messages between the extension's scripts and its service worker.
//!
//! Every message is a tagged type: `{"type": "...", ...}`. The service worker
//! answers only the types listed here (anything else fails to deserialize and
//! is refused), and only from senders `trust::accept` lets through.

use serde::{Deserialize, Serialize};

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
    fn unknown_types_are_not_requests() {
        assert!(serde_json::from_str::<Request>(r#"{"type":"eval","code":"1"}"#).is_err());
        assert!(serde_json::from_str::<Request>(r#"{"officeHost":"x"}"#).is_err());
    }
}
