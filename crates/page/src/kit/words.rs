//! The page's own few words (those it shows before the worker answers), from
//! `_locales/` through `chrome.i18n`. Every other sentence arrives rendered
//! by the worker.

use smartoffice_browser::i18n;

/// The message `key` (a literal, for the locale test), with `$1`… filled.
pub fn message(key: &str, values: &[&str]) -> String {
    let said = i18n::message(key, values);
    if said.is_empty() {
        // A missing message shows its key, which a test would catch, rather
        // than nothing.
        key.to_owned()
    } else {
        said
    }
}
