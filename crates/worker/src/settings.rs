//! The options the advisor set (`chrome.storage.local`), with the build's
//! defaults (`defaults.json`) until the options page first saves them.

use smartoffice_browser::convert::to_js;
use smartoffice_browser::runtime;
use smartoffice_browser::storage::Area;
use smartoffice_emoney::settings::{
    with_entry, HistoryEntry, RememberedLogin, Settings, HISTORY, REMEMBERED_LOGIN, SETTINGS,
};

pub async fn load() -> Settings {
    let stored = Area::Local.get_value(SETTINGS).await.ok();
    if let Some(settings) = stored.and_then(|value| serde_wasm_bindgen::from_value(value).ok()) {
        return settings;
    }
    defaults().await
}

async fn defaults() -> Settings {
    let answer = gloo_net::http::Request::get(&runtime::url("defaults.json"))
        .send()
        .await;
    match answer {
        Ok(answer) => answer.json().await.unwrap_or_else(|_| empty()),
        Err(_) => empty(),
    }
}

fn empty() -> Settings {
    Settings {
        domains: Vec::new(),
        send_investments: true,
        send_policies: true,
    }
}

pub async fn remembered() -> Option<RememberedLogin> {
    let value = Area::Local.get_value(REMEMBERED_LOGIN).await.ok()?;
    serde_wasm_bindgen::from_value(value).ok()
}

/// Keeps the login of an advisor who ticked Remember Me (never the password).
pub async fn remember(api_base: &str, user_name: &str) {
    let domain_label = load()
        .await
        .label_of(api_base)
        .unwrap_or(api_base)
        .to_owned();
    let login = RememberedLogin {
        api_base: api_base.trim_end_matches('/').to_owned(),
        domain_label,
        user_name: user_name.to_owned(),
    };
    if let Ok(value) = to_js(&login) {
        let _ = Area::Local.set_value(REMEMBERED_LOGIN, &value).await;
    }
}

pub async fn add_to_history(entry: HistoryEntry) -> Result<(), ()> {
    let stored = Area::Local.get_value(HISTORY).await.map_err(drop)?;
    let history: Vec<HistoryEntry> = serde_wasm_bindgen::from_value(stored).unwrap_or_default();
    let value = to_js(&with_entry(history, entry)).map_err(drop)?;
    Area::Local.set_value(HISTORY, &value).await.map_err(drop)
}
