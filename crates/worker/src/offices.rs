//! The SmartOffice addresses the advisor or the firm added: the browser runs
//! the loader there (as it does on the built-in ones, from the manifest) once
//! it allows the extension on them.

use smartoffice_browser::{permissions, scripting};

use crate::settings;

/// Registered content scripts are named so: one per added address.
const PREFIX: &str = "office:";
const LOADER: &str = "loader.js";

/// Makes the registered loaders match the addresses in force: each added
/// address the browser allows gets one, and nothing else keeps one.
pub async fn sync() {
    let wanted = settings::load().await.settings.offices;
    let registered = scripting::registered().await;
    let stale: Vec<String> = registered
        .iter()
        .filter(|id| {
            id.strip_prefix(PREFIX)
                .is_some_and(|pattern| !wanted.iter().any(|w| w == pattern))
        })
        .cloned()
        .collect();
    if !stale.is_empty() {
        scripting::unregister(&stale).await;
    }
    for pattern in wanted {
        let id = format!("{PREFIX}{pattern}");
        let allowed = permissions::granted(std::slice::from_ref(&pattern)).await;
        if allowed && !registered.contains(&id) {
            scripting::register(&id, &[pattern], &[LOADER.to_owned()]).await;
        }
    }
}
