//! What the extension keeps for the advisor in `chrome.storage.local`
//! (`settings`, `rememberedLogin`, `history`), the build's defaults
//! (`defaults.json`) and what a firm pushes (`chrome.storage.managed`), and
//! the rules for changing them. The options page and the export dialog ask
//! the service worker, which asks this: no page keeps a rule of its own.

use serde::{Deserialize, Serialize};
use smartoffice_snapshot::text;
use smartoffice_snapshot::words::Text;

use crate::emoney::{DomainAddress, ItemCounts};

/// The storage keys.
pub const SETTINGS: &str = "settings";
pub const REMEMBERED_LOGIN: &str = "rememberedLogin";
pub const HISTORY: &str = "history";
/// The most export history entries kept.
pub const HISTORY_LENGTH: usize = 50;

/// The advisor's settings, as stored; every field has its default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    #[serde(default)]
    pub domains: Vec<EmoneyDomain>,
    /// SmartOffice addresses besides the built-in ones (`https://host/*`).
    #[serde(default)]
    pub offices: Vec<String>,
    #[serde(default = "yes")]
    pub send_investments: bool,
    #[serde(default = "yes")]
    pub send_policies: bool,
    #[serde(default = "yes")]
    pub allow_remember_me: bool,
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

/// `defaults.json`, written into each build by `cargo xtask dist`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Defaults {
    /// The development build: loopback pages and eMoney domains are allowed.
    #[serde(default)]
    pub development: bool,
    #[serde(default)]
    pub domains: Vec<EmoneyDomain>,
    #[serde(default)]
    pub offices: Vec<String>,
    #[serde(default = "yes")]
    pub send_investments: bool,
    #[serde(default = "yes")]
    pub send_policies: bool,
}

/// What a firm pushes by policy (`chrome.storage.managed`, schema in
/// `extension/managed_schema.json`): each value set wins over the advisor's.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Managed {
    pub emoney_domains: Option<Vec<EmoneyDomain>>,
    pub smartoffice_addresses: Option<Vec<String>>,
    pub send_investments: Option<bool>,
    pub send_policies: Option<bool>,
    pub allow_remember_me: Option<bool>,
    /// Advisors may not change what the firm set (nor add domains or
    /// addresses of their own).
    pub lock_settings: Option<bool>,
    /// Additions to the page profile's labels, synonyms and selectors.
    pub profile_overrides: Option<serde_json::Value>,
}

/// Which settings the firm pushed, for the options page to show as such.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Pushed {
    pub domains: bool,
    pub offices: bool,
    pub send: bool,
    pub remember_me: bool,
    pub locked: bool,
}

/// The settings in force: the build's defaults, then the advisor's, then
/// the firm's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Effective {
    pub settings: Settings,
    pub pushed: Pushed,
    pub development: bool,
}

impl Defaults {
    pub fn settings(&self) -> Settings {
        Settings {
            domains: self.domains.clone(),
            offices: self.offices.clone(),
            send_investments: self.send_investments,
            send_policies: self.send_policies,
            allow_remember_me: true,
        }
    }
}

/// The settings in force.
pub fn effective(defaults: &Defaults, stored: Option<Settings>, managed: &Managed) -> Effective {
    let locked = managed.lock_settings.unwrap_or(false);
    let mut settings = match stored {
        // A locked firm's advisors keep nothing of their own.
        Some(stored) if !locked => stored,
        _ => defaults.settings(),
    };
    let mut pushed = Pushed {
        locked,
        ..Pushed::default()
    };
    if let Some(domains) = &managed.emoney_domains {
        settings.domains = domains.clone();
        pushed.domains = true;
    }
    if let Some(offices) = &managed.smartoffice_addresses {
        settings.offices = offices.clone();
        pushed.offices = true;
    }
    if let Some(send) = managed.send_investments {
        settings.send_investments = send;
        pushed.send = true;
    }
    if let Some(send) = managed.send_policies {
        settings.send_policies = send;
        pushed.send = true;
    }
    if let Some(allowed) = managed.allow_remember_me {
        settings.allow_remember_me = allowed;
        pushed.remember_me = true;
    }
    Effective {
        settings,
        pushed,
        development: defaults.development,
    }
}

impl Settings {
    /// The domain whose API base is `api_base`.
    pub fn domain(&self, api_base: &str) -> Option<&EmoneyDomain> {
        self.domains
            .iter()
            .find(|domain| same_base(&domain.api_base, api_base))
    }
}

/// An eMoney domain as typed on the options page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DomainInput {
    pub label: String,
    pub api_base: String,
    pub web_base: String,
}

/// What is wrong with a domain as typed, field by field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DomainProblems {
    pub label: Option<Text>,
    pub api_base: Option<Text>,
    pub web_base: Option<Text>,
}

/// Checks a domain typed on the options page against the one rule
/// (`emoney::Address`) and the domains kept; `editing`: the label of the
/// domain being edited, which may keep its name.
pub fn check_domain(
    input: &DomainInput,
    kept: &[EmoneyDomain],
    editing: Option<&str>,
    development: bool,
) -> Result<EmoneyDomain, Box<DomainProblems>> {
    let label = input.label.trim();
    let same = |a: &str, b: &str| a.trim().to_lowercase() == b.trim().to_lowercase();
    let taken = kept.iter().any(|domain| {
        same(&domain.label, label) && !editing.is_some_and(|e| same(&domain.label, e))
    });
    let api = DomainAddress::parse(&input.api_base, development);
    let web = DomainAddress::parse(&input.web_base, development);
    let problems = DomainProblems {
        label: if label.is_empty() {
            Some(text!("domainLabelMissing"))
        } else if taken {
            Some(text!("domainLabelTaken"))
        } else {
            None
        },
        api_base: api.as_ref().err().map(|error| error.text()),
        web_base: web.as_ref().err().map(|error| error.text()),
    };
    match (api, web) {
        (Ok(api), Ok(web)) if problems == DomainProblems::default() => Ok(EmoneyDomain {
            label: label.to_owned(),
            api_base: api.as_str().to_owned(),
            web_base: web.as_str().to_owned(),
        }),
        _ => Err(Box::new(problems)),
    }
}

/// Checks a SmartOffice address as typed on the options page: the match
/// pattern the browser must allow (`https://host/*`, or `https://*.host/*`
/// for every office under a domain), or why not. `built_in`: the patterns
/// every build runs on; `kept`: the addresses added already.
pub fn check_office(address: &str, built_in: &[String], kept: &[String]) -> Result<String, Text> {
    let typed = address.trim().to_lowercase();
    if typed.is_empty() {
        return Err(text!("officeMissing"));
    }
    let rest = match typed.split_once("://") {
        Some(("https", rest)) => rest,
        Some(_) => return Err(text!("officeHttps")),
        None => typed.as_str(),
    };
    let host = rest
        .strip_suffix("/*")
        .or(rest.strip_suffix('/'))
        .unwrap_or(rest);
    let (wildcard, name) = match host.strip_prefix("*.") {
        Some(name) => (true, name),
        None => (false, host),
    };
    let plain = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
        && !name.starts_with(['.', '-'])
        && !name.ends_with(['.', '-'])
        && !name.contains("..");
    if !plain {
        return Err(text!("officeInvalid"));
    }
    // `*.com` would run the extension on a whole top-level domain.
    if wildcard && !name.contains('.') {
        return Err(text!("officeTooWide"));
    }
    let covered = built_in.iter().any(|pattern| {
        let Some(built) = pattern
            .strip_prefix("https://")
            .and_then(|rest| rest.strip_suffix("/*"))
        else {
            return false;
        };
        match built.strip_prefix("*.") {
            Some(domain) => name == domain || name.ends_with(&format!(".{domain}")),
            None => name == built,
        }
    });
    if covered {
        return Err(text!("officeBuiltIn"));
    }
    let pattern = format!("https://{}{name}/*", if wildcard { "*." } else { "" });
    if kept.contains(&pattern) {
        return Err(text!("officeListed"));
    }
    Ok(pattern)
}

/// A built-in address pattern in words: "any office at ez-data.com".
/// A single host keeps its own scheme (loopback is `http://` in the
/// development build).
pub fn office_in_words(pattern: &str) -> Text {
    let (scheme, host) = pattern.split_once("://").unwrap_or(("https", pattern));
    let host = host.trim_end_matches("/*");
    match host.strip_prefix("*.") {
        Some(domain) if scheme == "https" => text!("officeAnyAt", domain),
        _ => text!("officeAt", format!("{scheme}://{host}")),
    }
}

/// The login kept when the advisor ticks Remember Me (never the password,
/// and not the token either: that is in the secrets vault).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RememberedLogin {
    pub api_base: String,
    pub domain_label: String,
    pub user_name: String,
}

/// One line of the export history: what was sent and changed, and enough
/// to open the client in eMoney again (no tokens, no policy numbers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HistoryEntry {
    /// ISO 8601, UTC.
    pub at: String,
    /// "Last, First".
    pub client: String,
    pub domain_label: String,
    pub api_base: String,
    /// The eMoney client, to open it again.
    pub client_id: String,
    pub outcome: HistoryOutcome,
    /// The client's fields written.
    #[serde(default)]
    pub fields: u32,
    #[serde(default)]
    pub investments: ItemCounts,
    #[serde(default)]
    pub policies: ItemCounts,
    #[serde(default)]
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

    fn sandbox() -> EmoneyDomain {
        EmoneyDomain {
            label: "eMoney Sandbox".into(),
            api_base: "http://127.0.0.1:8787".into(),
            web_base: "http://127.0.0.1:8787".into(),
        }
    }

    #[test]
    fn the_options_pages_shapes_read_back() {
        let settings: Settings = serde_json::from_str(
            r#"{"domains":[{"label":"eMoney Sandbox","apiBase":"http://127.0.0.1:8787","webBase":"http://127.0.0.1:8787"}],"offices":[],"sendInvestments":false,"sendPolicies":true}"#,
        )
        .expect("settings");
        assert!(!settings.send_investments && settings.send_policies && settings.allow_remember_me);
        assert_eq!(
            settings
                .domain("http://127.0.0.1:8787/")
                .map(|d| d.label.as_str()),
            Some("eMoney Sandbox")
        );
        let defaults: Defaults =
            serde_json::from_str(r#"{"development":false,"domains":[]}"#).expect("defaults");
        assert!(defaults.send_investments && defaults.send_policies && defaults.domains.is_empty());
    }

    #[test]
    fn the_firm_wins_and_a_lock_drops_the_advisors_own() {
        let defaults = Defaults {
            development: false,
            domains: vec![],
            offices: vec![],
            send_investments: true,
            send_policies: true,
        };
        let mut own = defaults.settings();
        own.domains = vec![sandbox()];
        own.send_policies = false;
        let firm = EmoneyDomain {
            label: "Firm".into(),
            api_base: "https://relay.firm.example".into(),
            web_base: "https://app.emoney.example".into(),
        };
        let managed = Managed {
            emoney_domains: Some(vec![firm.clone()]),
            ..Managed::default()
        };
        let open = effective(&defaults, Some(own.clone()), &managed);
        assert_eq!(open.settings.domains, vec![firm.clone()]);
        assert!(
            !open.settings.send_policies,
            "the advisor's own choice stays"
        );
        assert!(open.pushed.domains && !open.pushed.send && !open.pushed.locked);
        let locked = Managed {
            lock_settings: Some(true),
            allow_remember_me: Some(false),
            ..managed
        };
        let locked = effective(&defaults, Some(own), &locked);
        assert!(
            locked.settings.send_policies,
            "the advisor's own choice is dropped"
        );
        assert!(!locked.settings.allow_remember_me);
        assert!(locked.pushed.locked && locked.pushed.remember_me);
    }

    #[test]
    fn domains_are_checked_by_the_one_rule() {
        let typed = |label: &str, api: &str, web: &str| DomainInput {
            label: label.into(),
            api_base: api.into(),
            web_base: web.into(),
        };
        let kept = [sandbox()];
        let added = check_domain(
            &typed(
                " Firm ",
                "https://Relay.firm.example/api/",
                "https://app.emoney.example",
            ),
            &kept,
            None,
            false,
        );
        assert_eq!(
            added.map(|d| (d.label, d.api_base)),
            Ok(("Firm".into(), "https://relay.firm.example/api".into()))
        );
        let problems = check_domain(
            &typed("emoney sandbox", "http://relay.firm.example", "ftp://x"),
            &kept,
            None,
            false,
        )
        .expect_err("refused");
        assert_eq!(
            problems.label.map(|t| t.key),
            Some("domainLabelTaken".into())
        );
        assert_eq!(
            problems.api_base.map(|t| t.key),
            Some("addressHttps".into())
        );
        assert!(problems.web_base.is_some());
        // Editing a domain may keep its name; loopback only in development.
        assert!(check_domain(
            &typed("eMoney Sandbox", "http://127.0.0.1:9", "http://127.0.0.1:9"),
            &kept,
            Some("eMoney Sandbox"),
            true
        )
        .is_ok());
        assert!(check_domain(
            &typed("Local", "http://127.0.0.1:9", "http://127.0.0.1:9"),
            &kept,
            None,
            false
        )
        .is_err());
    }

    #[test]
    fn offices_are_checked_and_said_in_words() {
        let built_in = vec!["https://*.ez-data.com/*".to_owned()];
        let kept = vec!["https://crm.firm.example/*".to_owned()];
        let check = |typed: &str| check_office(typed, &built_in, &kept).map_err(|t| t.key);
        assert_eq!(
            check(" HTTPS://Office.Firm.example/ "),
            Ok("https://office.firm.example/*".into())
        );
        assert_eq!(
            check("*.firm.example"),
            Ok("https://*.firm.example/*".into())
        );
        assert_eq!(check("http://x.example"), Err("officeHttps".into()));
        assert_eq!(check(""), Err("officeMissing".into()));
        assert_eq!(check("https://*.com"), Err("officeTooWide".into()));
        assert_eq!(check("https://a b.example"), Err("officeInvalid".into()));
        assert_eq!(
            check("https://pmgcloud.ez-data.com"),
            Err("officeBuiltIn".into())
        );
        assert_eq!(
            check("https://crm.firm.example/*"),
            Err("officeListed".into())
        );
        assert_eq!(office_in_words("https://*.ez-data.com/*").args.len(), 1);
        assert_eq!(
            office_in_words("https://*.ez-data.com/*").key,
            "officeAnyAt"
        );
        assert_eq!(
            office_in_words("https://crm.firm.example/*").key,
            "officeAt"
        );
        // Loopback in the development build is http, and says so.
        let loopback = office_in_words("http://127.0.0.1/*");
        assert_eq!(loopback.key, "officeAt");
        assert_eq!(
            loopback.args,
            vec![smartoffice_snapshot::words::Arg::Plain(
                "http://127.0.0.1".into()
            )]
        );
    }

    #[test]
    fn history_keeps_the_newest_fifty() {
        let entry = |n: u32| HistoryEntry {
            at: format!("2026-11-25T18:{:02}:00Z", n % 60),
            client: "Okafor, Margaret".into(),
            domain_label: "eMoney Sandbox".into(),
            api_base: "http://127.0.0.1:8787".into(),
            client_id: "c1".into(),
            outcome: HistoryOutcome::Created,
            fields: 0,
            investments: ItemCounts {
                added: n,
                changed: 0,
            },
            policies: ItemCounts::default(),
            warnings: 0,
        };
        let mut history = Vec::new();
        for n in 0..60 {
            history = with_entry(history, entry(n));
        }
        assert_eq!(history.len(), HISTORY_LENGTH);
        assert_eq!(history[0].investments.added, 59);
        let json = serde_json::to_string(&history[0]).expect("json");
        assert!(json.contains(r#""outcome":"created""#) && json.contains(r#""domainLabel""#));
    }
}
