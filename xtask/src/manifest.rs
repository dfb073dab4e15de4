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
    /// Firefox development: loopback as in `ChromeDev`, under a gecko id of
    /// its own, so that it installs beside the store build.
    FirefoxDev,
}

impl Flavor {
    pub const ALL: [Flavor; 4] = [
        Flavor::Chrome,
        Flavor::ChromeDev,
        Flavor::Firefox,
        Flavor::FirefoxDev,
    ];

    pub fn dir_name(self) -> &'static str {
        match self {
            Flavor::Chrome => "chrome",
            Flavor::ChromeDev => "chrome-dev",
            Flavor::Firefox => "firefox",
            Flavor::FirefoxDev => "firefox-dev",
        }
    }

    /// Builds that also run on loopback and know the eMoney sandbox.
    pub fn is_development(self) -> bool {
        matches!(self, Flavor::ChromeDev | Flavor::FirefoxDev)
    }

    pub fn is_firefox(self) -> bool {
        matches!(self, Flavor::Firefox | Flavor::FirefoxDev)
    }
}

/// Loopback addresses, for the development builds only. Any port: a pattern
/// without one matches every port, and Firefox matches nothing with one.
pub const LOOPBACK: [&str; 2] = ["http://127.0.0.1/*", "http://localhost/*"];

/// The manifest of one build: the source with the crate's version, and only
/// the keys and hosts that browser and build need.
pub fn for_flavor(source: &Value, version: &str, flavor: Flavor) -> Value {
    let mut manifest = source.clone();
    manifest["version"] = json!(version);
    if flavor.is_firefox() {
        remove(&mut manifest, "minimum_chrome_version");
        // Firefox reads a firm's pushed settings from its policies
        // (`policies.json`, "3rdparty"), not from a schema in the manifest.
        remove(&mut manifest, "storage");
        // Firefox runs background scripts, and warns of a service worker key.
        if let Some(background) = manifest
            .get_mut("background")
            .and_then(Value::as_object_mut)
        {
            background.remove("service_worker");
        }
    } else {
        remove(&mut manifest, "browser_specific_settings");
        if let Some(background) = manifest
            .get_mut("background")
            .and_then(Value::as_object_mut)
        {
            background.remove("scripts");
        }
    }
    if flavor == Flavor::FirefoxDev {
        // Firefox keys an add-on's storage and moz-extension:// host by this
        // id: `name@domain` becomes `name-dev@domain`, so that the development
        // build shares neither with the store build.
        let gecko = &mut manifest["browser_specific_settings"]["gecko"];
        if let Some(id) = gecko["id"].as_str() {
            gecko["id"] = json!(id.replacen('@', "-dev@", 1));
        }
    }
    if flavor.is_development() {
        manifest["name"] = json!("SmartOffice → eMoney (development)");
        add_hosts(&mut manifest["host_permissions"]);
        if let Some(entries) = manifest
            .get_mut("content_scripts")
            .and_then(Value::as_array_mut)
        {
            for entry in entries {
                add_hosts(&mut entry["matches"]);
            }
        }
    }
    manifest
}

/// The eMoney sandbox (`cargo run -p emoney-sandbox`): the development builds' domain.
pub const SANDBOX: &str = "http://127.0.0.1:8787";

/// `defaults.json`, at the root of each build: the settings the extension
/// starts with (`smartoffice_emoney::settings::Defaults`). `development`
/// allows loopback eMoney domains (the worker's one domain rule reads it).
pub fn defaults(flavor: Flavor) -> Value {
    let development = flavor.is_development();
    let domains = if development {
        vec![json!({ "label": "eMoney Sandbox", "apiBase": SANDBOX, "webBase": SANDBOX })]
    } else {
        Vec::new()
    };
    json!({
        "development": development,
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

    fn store_flavors() -> impl Iterator<Item = Flavor> {
        Flavor::ALL
            .into_iter()
            .filter(|flavor| !flavor.is_development())
    }

    fn development_flavors() -> impl Iterator<Item = Flavor> {
        Flavor::ALL
            .into_iter()
            .filter(|flavor| flavor.is_development())
    }

    #[test]
    fn every_browser_has_a_store_and_a_development_build() {
        assert_eq!(
            store_flavors().collect::<Vec<_>>(),
            [Flavor::Chrome, Flavor::Firefox]
        );
        assert_eq!(
            development_flavors().collect::<Vec<_>>(),
            [Flavor::ChromeDev, Flavor::FirefoxDev]
        );
        let dirs: Vec<&str> = Flavor::ALL.iter().map(|flavor| flavor.dir_name()).collect();
        assert_eq!(dirs, ["chrome", "chrome-dev", "firefox", "firefox-dev"]);
    }

    #[test]
    fn store_builds_name_no_loopback_host() {
        for flavor in store_flavors() {
            let text = for_flavor(&source(), "1.2.3", flavor).to_string();
            assert!(
                !text.contains("127.0.0.1") && !text.contains("localhost"),
                "{flavor:?}: {text}"
            );
        }
    }

    #[test]
    fn development_builds_add_loopback_everywhere_a_host_is_named() {
        for flavor in development_flavors() {
            let manifest = for_flavor(&source(), "1.2.3", flavor);
            assert_eq!(manifest["name"], "SmartOffice → eMoney (development)");
            let lists = [
                &manifest["host_permissions"],
                &manifest["content_scripts"][0]["matches"],
            ];
            for list in lists {
                for host in LOOPBACK {
                    assert!(
                        list.as_array().expect("a list").contains(&json!(host)),
                        "{flavor:?}: {list}"
                    );
                }
            }
        }
    }

    #[test]
    fn loopback_patterns_carry_no_port() {
        // Firefox matches nothing with a pattern that names a port.
        for pattern in LOOPBACK {
            let host = pattern
                .strip_prefix("http://")
                .and_then(|rest| rest.strip_suffix("/*"));
            assert!(host.is_some_and(|host| !host.contains(':')), "{pattern}");
        }
    }

    #[test]
    fn only_the_development_builds_list_the_sandbox_and_allow_loopback() {
        for flavor in development_flavors() {
            let dev = defaults(flavor);
            assert_eq!(dev["development"], true, "{flavor:?}");
            assert_eq!(
                dev["domains"],
                json!([{ "label": "eMoney Sandbox", "apiBase": "http://127.0.0.1:8787", "webBase": "http://127.0.0.1:8787" }])
            );
        }
        for flavor in store_flavors() {
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
        for flavor in [Flavor::Chrome, Flavor::ChromeDev] {
            let chrome = for_flavor(&source(), "1.2.3", flavor);
            assert_eq!(chrome["version"], "1.2.3");
            assert!(chrome.get("browser_specific_settings").is_none());
            assert!(chrome["background"].get("scripts").is_none());
            assert_eq!(chrome["background"]["service_worker"], "background.js");
        }
        for flavor in [Flavor::Firefox, Flavor::FirefoxDev] {
            let firefox = for_flavor(&source(), "1.2.3", flavor);
            assert!(firefox["browser_specific_settings"]["gecko"]["id"].is_string());
            assert_eq!(firefox["background"]["scripts"], json!(["background.js"]));
            assert!(firefox["background"].get("service_worker").is_none());
            assert!(firefox.get("minimum_chrome_version").is_none());
            assert!(firefox.get("storage").is_none());
            // What is sent, told truly for review.
            let collected = &firefox["browser_specific_settings"]["gecko"]
                ["data_collection_permissions"]["required"];
            for kind in [
                "personallyIdentifyingInfo",
                "financialAndPaymentInfo",
                "authenticationInfo",
            ] {
                assert!(
                    collected
                        .as_array()
                        .is_some_and(|list| list.contains(&json!(kind))),
                    "{collected}"
                );
            }
        }
    }

    #[test]
    fn firefox_dev_is_the_firefox_build_plus_loopback_a_name_and_an_id() {
        let store = for_flavor(&source(), "1.2.3", Flavor::Firefox);
        let mut dev = for_flavor(&source(), "1.2.3", Flavor::FirefoxDev);
        assert_eq!(
            store["browser_specific_settings"]["gecko"]["id"],
            "smartoffice-emoney@extensions.advisor-tools.org"
        );
        assert_eq!(
            dev["browser_specific_settings"]["gecko"]["id"],
            "smartoffice-emoney-dev@extensions.advisor-tools.org"
        );
        // Take away what the development build adds: the store build remains.
        let loopback: Vec<Value> = LOOPBACK.iter().map(|host| json!(host)).collect();
        let strip = |list: &mut Value| {
            list.as_array_mut()
                .expect("a list")
                .retain(|host| !loopback.contains(host));
        };
        strip(&mut dev["host_permissions"]);
        for entry in dev["content_scripts"].as_array_mut().expect("a list") {
            strip(&mut entry["matches"]);
        }
        dev["name"] = store["name"].clone();
        dev["browser_specific_settings"]["gecko"]["id"] =
            store["browser_specific_settings"]["gecko"]["id"].clone();
        assert_eq!(dev, store);
    }
}
