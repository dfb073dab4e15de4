//! The messages between the extension's own pages (the export dialog, the
//! options page) and the service worker. Every message is a tagged type:
//! `{"type": "...", ...}`; anything else fails to deserialize and is
//! refused, and only the extension's pages may send these (see `trust`).
//! The page's own messages are `smartoffice_snapshot::protocol`'s.

use serde::{Deserialize, Serialize};
use smartoffice_snapshot::words::Text;

use crate::flow::view::Screen;
use crate::flow::Action;
use crate::settings::{DomainInput, DomainProblems, Effective, HistoryEntry, RememberedLogin};

/// What an extension page asks of the service worker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Request {
    /// The dialog window opened: what it shows (the worker knows which
    /// export by the window it opened, never by anything the page said).
    DialogOpen,
    /// A button of the dialog.
    DialogAction {
        action: Action,
    },
    /// The dialog's Cancel or Close: the export ends here.
    DialogCancel,
    /// The options page: everything it shows.
    Options,
    /// Checks an eMoney domain as typed (nothing is saved).
    DomainCheck {
        input: DomainInput,
        editing: Option<String>,
    },
    /// Saves an eMoney domain (a new one, or `editing` replaced).
    DomainSave {
        input: DomainInput,
        editing: Option<String>,
    },
    DomainRemove {
        label: String,
    },
    /// What to send besides the client and spouse.
    SendSave {
        investments: Option<bool>,
        policies: Option<bool>,
    },
    /// Forgets the remembered login (and signs out of its domain).
    LoginForget,
    HistoryClear,
    /// Opens the client of a history entry in eMoney again.
    HistoryOpen {
        client_id: String,
        api_base: String,
    },
    /// Checks a SmartOffice address as typed: the pattern the browser
    /// must allow, or why not.
    OfficeCheck {
        address: String,
    },
    /// Registers the extension on an address the browser now allows.
    OfficeAdd {
        pattern: String,
    },
    OfficeRemove {
        pattern: String,
    },
    /// The open tabs the extension runs in, to choose one to report on.
    PageTabs,
    /// What the extension sees on the SmartOffice page open in `tab`.
    PageReport {
        tab: i64,
    },
}

/// The service worker's answer to a [`Request`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Reply {
    Screen {
        screen: Screen,
    },
    Closed,
    Options(Box<OptionsView>),
    DomainProblems {
        problems: DomainProblems,
    },
    /// Done; `said` is the sentence for the page's status line.
    Done {
        said: Text,
    },
    OfficePattern {
        pattern: String,
    },
    /// Refused or failed; `said` tells the advisor what to do.
    Failed {
        said: Text,
    },
    /// The tabs [`Request::PageTabs`] asks for.
    Tabs {
        tabs: Vec<PageTab>,
    },
    /// What the extension sees on a page: the report's lines, to show and
    /// to copy as they are (see `crate::report`).
    Report {
        lines: Vec<Text>,
    },
}

/// An open tab the extension runs in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PageTab {
    pub id: i64,
    pub title: String,
}

/// The page profile in force: how many words the firm's overrides added,
/// and each part of them left out, with why.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfileView {
    pub added: usize,
    pub problems: Vec<Text>,
}

/// Everything the options page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OptionsView {
    pub effective: Effective,
    /// The offices every build knows, in words ("any office at ez-data.com").
    pub built_in_offices: Vec<Text>,
    pub remembered: Option<RememberedLogin>,
    pub history: Vec<HistoryRow>,
    pub profile: ProfileView,
    /// Offices in force (the firm's pushed ones, typically) that the browser
    /// does not allow the extension on yet: the page offers to ask for them.
    #[serde(default)]
    pub offices_waiting: Vec<String>,
}

/// A line of the export history, with its outcome and what was sent in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HistoryRow {
    pub entry: HistoryEntry,
    pub outcome: Text,
    pub sent: Text,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_never_printed() {
        let request: Request = serde_json::from_str(
            r#"{"type":"dialogAction","action":{"action":"signIn","domain":"https://e","userName":"a","password":"hunter2","rememberMe":false}}"#,
        )
        .expect("a sign-in");
        assert!(!format!("{request:?}").contains("hunter2"));
    }

    #[test]
    fn requests_are_tagged_by_type() {
        let json = serde_json::to_string(&Request::DialogOpen).expect("serializes");
        assert_eq!(json, r#"{"type":"dialogOpen"}"#);
        assert!(serde_json::from_str::<Request>(r#"{"type":"eval","code":"1"}"#).is_err());
    }
}
