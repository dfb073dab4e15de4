//! The browser manifests, all made from the one `manifest.json` at the root.

use serde_json::{json, Value};

/// The builds we ship.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavor {
    /// Chrome and Edge stores: SmartOffice's hosts only.
    Chrome,
    /// Development: also loopback, for test pages and the eMoney sandbox.
    ChromeDev,
    /// Firefox (addons.mozilla.org).
    Firefox,
}

impl Flavor {
    pub const ALL: [Flavor; 3] = [Flavor::Chrome, Flavor::ChromeDev, Flavor::Firefox];

    pub fn dir_name(self) -> &'static str {
        match self {
            Flavor::Chrome => "chrome",
            Flavor::ChromeDev => "chrome-dev",
            Flavor::Firefox => "firefox",
        }
    }
}

/// Loopback addresses, for the development build only (any port).
pub const LOOPBACK: [&str; 2] = ["http://127.0.0.1/*", "http://localhost/*"];

/// The manifest of one build: the source with the crate's version, and only
/// the keys and hosts that browser and build need.
pub fn for_flavor(source: &Value, version: &str, flavor: Flavor) -> Value {
    let mut manifest = source.clone();
    manifest["version"] = json!(version);
    match flavor {
        Flavor::Chrome | Flavor::ChromeDev => {
            remove(&mut manifest, "browser_specific_settings");
            if let Some(background) = manifest
                .get_mut("background")
                .and_then(Value::as_object_mut)
            {
                background.remove("scripts");
            }
        }
        Flavor::Firefox => {
            remove(&mut manifest, "minimum_chrome_version");
            // Firefox runs background scripts, and warns of a service worker key.
            if let Some(background) = manifest
                .get_mut("background")
                .and_then(Value::as_object_mut)
            {
                background.remove("service_worker");
            }
        }
    }
    if flavor == Flavor::ChromeDev {
        manifest["name"] = json!("SmartOffice → eMoney (development)");
        add_hosts(&mut manifest["host_permissions"]);
        for key in ["content_scripts", "web_accessible_resources"] {
            if let Some(entries) = manifest.get_mut(key).and_then(Value::as_array_mut) {
                for entry in entries {
                    add_hosts(&mut entry["matches"]);
                }
            }
        }
    }
    manifest
}

/// The eMoney sandbox (`cargo run -p emoney-sandbox`): the development build's domain.
pub const SANDBOX: &str = "http://127.0.0.1:8787";

/// `defaults.json`, at the root of each build: the settings the extension
/// starts with (the `settings` shape of `chrome.storage.local`), plus what the
/// options page must know about the build. `development` allows loopback
/// eMoney domains; `loopbackHosts` names them, so that the options page's
/// script, shipped unchanged in every build, names no loopback host itself.
pub fn defaults(flavor: Flavor) -> Value {
    let development = flavor == Flavor::ChromeDev;
    let (domains, loopback_hosts) = if development {
        let sandbox = json!({ "label": "eMoney Sandbox", "apiBase": SANDBOX, "webBase": SANDBOX });
        let hosts: Vec<&str> = LOOPBACK
            .iter()
            .filter_map(|pattern| pattern.strip_prefix("http://")?.strip_suffix("/*"))
            .collect();
        (vec![sandbox], hosts)
    } else {
        (Vec::new(), Vec::new())
    };
    json!({
        "development": development,
        "loopbackHosts": loopback_hosts,
        "domains": domains,
        "offices": [],
        "sendInvestments": true,
        "sendPolicies": true,
    })
}

fn remove(manifest: &mut Value, key: &str) {
    if let Some(object) = manifest.as_object_mut() {
        object.remove(key);
    }
}

fn add_hosts(list: &mut Value) {
    if let Some(list) = list.as_array_mut() {
        list.extend(LOOPBACK.iter().map(|host| json!(host)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source() -> Value {
        let text = std::fs::read_to_string(crate::paths::root().join("manifest.json"))
            .expect("manifest.json is readable");
        serde_json::from_str(&text).expect("manifest.json is JSON")
    }

    #[test]
    fn store_builds_name_no_loopback_host() {
        for flavor in [Flavor::Chrome, Flavor::Firefox] {
            let text = for_flavor(&source(), "1.2.3", flavor).to_string();
            assert!(
                !text.contains("127.0.0.1") && !text.contains("localhost"),
                "{flavor:?}: {text}"
            );
        }
    }

    #[test]
    fn development_build_adds_loopback_everywhere_a_host_is_named() {
        let manifest = for_flavor(&source(), "1.2.3", Flavor::ChromeDev);
        let lists = [
            &manifest["host_permissions"],
            &manifest["content_scripts"][0]["matches"],
            &manifest["web_accessible_resources"][0]["matches"],
        ];
        for list in lists {
            for host in LOOPBACK {
                assert!(
                    list.as_array().expect("a list").contains(&json!(host)),
                    "{list}"
                );
            }
        }
    }

    #[test]
    fn only_the_development_build_lists_the_sandbox_and_allows_loopback() {
        let dev = defaults(Flavor::ChromeDev);
        assert_eq!(dev["development"], true);
        assert_eq!(
            dev["domains"],
            json!([{ "label": "eMoney Sandbox", "apiBase": "http://127.0.0.1:8787", "webBase": "http://127.0.0.1:8787" }])
        );
        assert_eq!(dev["loopbackHosts"], json!(["127.0.0.1", "localhost"]));
        for flavor in [Flavor::Chrome, Flavor::Firefox] {
            let store = defaults(flavor);
            assert_eq!(store["development"], false);
            assert_eq!(store["domains"], json!([]));
            let text = store.to_string();
            assert!(
                !text.contains("127.0.0.1") && !text.contains("localhost"),
                "{flavor:?}: {text}"
            );
        }
        for flavor in Flavor::ALL {
            let settings = defaults(flavor);
            assert_eq!(settings["offices"], json!([]));
            assert_eq!(settings["sendInvestments"], true);
            assert_eq!(settings["sendPolicies"], true);
        }
    }

    #[test]
    fn each_browser_gets_its_own_keys() {
        let chrome = for_flavor(&source(), "1.2.3", Flavor::Chrome);
        assert_eq!(chrome["version"], "1.2.3");
        assert!(chrome.get("browser_specific_settings").is_none());
        assert!(chrome["background"].get("scripts").is_none());
        assert_eq!(chrome["background"]["service_worker"], "background.js");
        let firefox = for_flavor(&source(), "1.2.3", Flavor::Firefox);
        assert!(firefox["browser_specific_settings"]["gecko"]["id"].is_string());
        assert_eq!(firefox["background"]["scripts"], json!(["background.js"]));
        assert!(firefox["background"].get("service_worker").is_none());
        assert!(firefox.get("minimum_chrome_version").is_none());
    }
}
