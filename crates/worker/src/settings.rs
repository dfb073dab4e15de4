//! The settings in force (the build's `defaults.json`, the advisor's, the
//! firm's pushed ones), the remembered login and the export history, as
//! kept in `chrome.storage`.

use std::cell::RefCell;
use std::time::Duration;

use serde::de::DeserializeOwned;
use smartoffice_browser::convert::{from_js, to_js};
use smartoffice_browser::runtime;
use smartoffice_browser::storage::{self, Area};
use smartoffice_emoney::emoney::RateLimiter;
use smartoffice_emoney::settings::{
    effective, with_entry, Defaults, Effective, HistoryEntry, Managed, RememberedLogin, Settings,
    HISTORY, REMEMBERED_LOGIN, SETTINGS,
};

thread_local! {
    /// `defaults.json` does not change while the extension runs.
    static DEFAULTS: RefCell<Option<Defaults>> = const { RefCell::new(None) };
}

async fn get<T: DeserializeOwned>(key: &str) -> Option<T> {
    let value = Area::Local.get_value(key).await.ok()?;
    if value.is_undefined() || value.is_null() {
        return None;
    }
    from_js(value).ok()
}

async fn set<T: serde::Serialize>(key: &str, value: &T) -> bool {
    match to_js(value) {
        Ok(value) => Area::Local.set_value(key, &value).await.is_ok(),
        Err(_) => false,
    }
}

pub async fn defaults() -> Defaults {
    if let Some(kept) = DEFAULTS.with(|kept| kept.borrow().clone()) {
        return kept;
    }
    let answer = gloo_net::http::Request::get(&runtime::url("defaults.json"))
        .send()
        .await;
    let defaults = match answer {
        Ok(answer) => answer.json::<Defaults>().await.ok(),
        Err(_) => None,
    }
    .unwrap_or(Defaults {
        development: false,
        domains: Vec::new(),
        offices: Vec::new(),
        send_investments: true,
        send_policies: true,
    });
    DEFAULTS.with(|kept| *kept.borrow_mut() = Some(defaults.clone()));
    defaults
}

/// Where the development build's tests may shorten eMoney requests' time
/// (milliseconds), so that a timeout test need not wait the real one out.
const DEV_REQUEST_TIMEOUT: &str = "devRequestTimeoutMs";

/// How long an eMoney request may take: `asked`, or in the development
/// build a shorter time a test stored.
pub async fn request_timeout(asked: Duration) -> Duration {
    dev_shortened(DEV_REQUEST_TIMEOUT, asked).await
}

/// Where the development build's bench may compress eMoney's minute (the
/// 60-calls limit counted over fewer milliseconds, as its sandbox does).
const DEV_RATE_WINDOW: &str = "devRateWindowMs";

/// The window eMoney's limit is counted over: a minute, or in the
/// development build a shorter one the bench stored.
pub async fn rate_window() -> Duration {
    dev_shortened(DEV_RATE_WINDOW, RateLimiter::WINDOW).await
}

/// `real`, or in the development build the shorter time (milliseconds) a
/// test or the bench stored under `key`. Store builds never read the key.
async fn dev_shortened(key: &str, real: Duration) -> Duration {
    if !defaults().await.development {
        return real;
    }
    match get::<u64>(key).await {
        Some(ms) if ms > 0 => real.min(Duration::from_millis(ms)),
        _ => real,
    }
}

pub async fn managed() -> Managed {
    from_js(storage::managed().await).unwrap_or_default()
}

/// The settings in force now.
pub async fn load() -> Effective {
    effective(&defaults().await, stored().await, &managed().await)
}

/// The advisor's own settings, if they saved any.
pub async fn stored() -> Option<Settings> {
    get(SETTINGS).await
}

pub async fn store(settings: &Settings) -> bool {
    set(SETTINGS, settings).await
}

pub async fn remembered() -> Option<RememberedLogin> {
    get(REMEMBERED_LOGIN).await
}

/// Keeps the login of an advisor who ticked Remember Me (never the password).
pub async fn remember(login: &RememberedLogin) -> bool {
    set(REMEMBERED_LOGIN, login).await
}

pub async fn forget_login() -> bool {
    Area::Local.remove(REMEMBERED_LOGIN).await.is_ok()
}

pub async fn history() -> Vec<HistoryEntry> {
    get(HISTORY).await.unwrap_or_default()
}

/// The history is the advisor's convenience: an export is not failed for it.
pub async fn add_to_history(entry: HistoryEntry) {
    let history = with_entry(history().await, entry);
    set(HISTORY, &history).await;
}

pub async fn clear_history() -> bool {
    Area::Local.remove(HISTORY).await.is_ok()
}
