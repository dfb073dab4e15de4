//! What the options page keeps in `chrome.storage.local` (`settings`,
//! `rememberedLogin`, `history`) and the build's defaults (`defaults.json`),
//! as the service worker reads and writes them. The options page and these
//! types must agree on the shapes; `tests/e2e/options.test.mjs` and
//! `tests/e2e/flow.test.mjs` hold them together.

use serde::{Deserialize, Serialize};

/// The storage keys.
pub const SETTINGS: &str = "settings";
pub const REMEMBERED_LOGIN: &str = "rememberedLogin";
pub const HISTORY: &str = "history";
/// The most export history entries kept.
pub const HISTORY_LENGTH: usize = 50;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    #[serde(default)]
    pub domains: Vec<EmoneyDomain>,
    #[serde(default = "yes")]
    pub send_investments: bool,
    #[serde(default = "yes")]
    pub send_policies: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EmoneyDomain {
    pub label: String,
    pub api_base: String,
    pub web_base: String,
}

impl Settings {
    /// The label the advisor gave the domain at `api_base`.
    pub fn label_of(&self, api_base: &str) -> Option<&str> {
        self.domains
            .iter()
            .find(|domain| same_base(&domain.api_base, api_base))
            .map(|domain| domain.label.as_str())
    }
}

/// The login kept when the advisor ticks Remember Me (never the password).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RememberedLogin {
    pub api_base: String,
    pub domain_label: String,
    pub user_name: String,
}

/// One line of the export history: no ids, no tokens, no numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HistoryEntry {
    /// ISO 8601, UTC.
    pub at: String,
    /// "Last, First".
    pub client: String,
    pub domain_label: String,
    pub outcome: HistoryOutcome,
    pub assets: u32,
    pub policies: u32,
    pub warnings: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum HistoryOutcome {
    Created,
    Updated,
    /// eMoney was opened on the client without writing anything.
    Opened,
}

/// The history with `entry` first, at most [`HISTORY_LENGTH`] long.
pub fn with_entry(mut history: Vec<HistoryEntry>, entry: HistoryEntry) -> Vec<HistoryEntry> {
    history.insert(0, entry);
    history.truncate(HISTORY_LENGTH);
    history
}

/// Two spellings of one eMoney domain's address.
pub fn same_base(a: &str, b: &str) -> bool {
    a.trim_end_matches('/')
        .eq_ignore_ascii_case(b.trim_end_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_options_pages_shapes_read_back() {
        let settings: Settings = serde_json::from_str(
            r#"{"domains":[{"label":"eMoney Sandbox","apiBase":"http://127.0.0.1:8787","webBase":"http://127.0.0.1:8787"}],"offices":[],"sendInvestments":false,"sendPolicies":true}"#,
        )
        .expect("settings");
        assert!(!settings.send_investments && settings.send_policies);
        assert_eq!(
            settings.label_of("http://127.0.0.1:8787/"),
            Some("eMoney Sandbox")
        );
        let defaults: Settings =
            serde_json::from_str(r#"{"development":false,"domains":[],"loopbackHosts":[]}"#)
                .expect("defaults");
        assert!(defaults.send_investments && defaults.send_policies && defaults.domains.is_empty());
    }

    #[test]
    fn history_keeps_the_newest_fifty() {
        let entry = |n: u32| HistoryEntry {
            at: format!("2026-11-25T18:{:02}:00Z", n % 60),
            client: "Okafor, Margaret".into(),
            domain_label: "eMoney Sandbox".into(),
            outcome: HistoryOutcome::Created,
            assets: n,
            policies: 0,
            warnings: 0,
        };
        let mut history = Vec::new();
        for n in 0..60 {
            history = with_entry(history, entry(n));
        }
        assert_eq!(history.len(), HISTORY_LENGTH);
        assert_eq!(history[0].assets, 59);
        let json = serde_json::to_string(&history[0]).expect("json");
        assert!(json.contains(r#""outcome":"created""#) && json.contains(r#""domainLabel""#));
    }
}
