//! The page profile in force: the built-in one with the words the firm's
//! policy adds (`profileOverrides`, checked and merged by
//! `smartoffice_emoney::overrides`). Made again only when the pushed value
//! changes.

use std::cell::RefCell;

use serde_json::Value;
use smartoffice_emoney::overrides::{apply, Applied};
use smartoffice_snapshot::profile::record::{smartoffice, RecordProfile};

use crate::settings;

thread_local! {
    /// The pushed value and the profile made of it. A profile lives as long
    /// as the worker (a firm changes its policy rarely, and each is small).
    static KEPT: RefCell<Option<(Option<Value>, &'static Applied)>> = const { RefCell::new(None) };
}

/// The profile in force, with what was added and what was left out.
pub async fn applied() -> &'static Applied {
    let overrides = settings::managed().await.profile_overrides;
    if let Some(applied) = KEPT.with(|kept| {
        kept.borrow()
            .as_ref()
            .filter(|(value, _)| *value == overrides)
            .map(|(_, applied)| *applied)
    }) {
        return applied;
    }
    let applied: &'static Applied = Box::leak(Box::new(apply(smartoffice(), overrides.as_ref())));
    KEPT.with(|kept| *kept.borrow_mut() = Some((overrides, applied)));
    applied
}

pub async fn profile() -> &'static RecordProfile {
    &applied().await.profile
}

/// The profile last made (the built-in one before any was), for words
/// outside an async step.
pub fn current() -> &'static RecordProfile {
    KEPT.with(|kept| kept.borrow().as_ref().map(|(_, applied)| &applied.profile))
        .unwrap_or_else(smartoffice)
}
