//! The one place messages become sentences: [`Text::render`] through the
//! browser's language, and every message inside a reply (JSON objects marked
//! `$text`) rendered before the reply leaves the worker.

use serde_json::Value;
use smartoffice_browser::i18n;
use smartoffice_snapshot::words::{Locale, Text};

/// `chrome.i18n` and `Intl`, in the browser's language.
pub struct Browser;

impl Locale for Browser {
    fn message(&self, key: &str, values: &[String]) -> String {
        let values: Vec<&str> = values.iter().map(String::as_str).collect();
        i18n::message(key, &values)
    }

    fn plural(&self, n: u64) -> String {
        i18n::plural(n)
    }

    fn date(&self, iso: &str) -> String {
        i18n::date(iso)
    }

    fn money(&self, cents: i64) -> String {
        i18n::money(cents)
    }

    fn number(&self, n: u64) -> String {
        i18n::number(n)
    }
}

pub fn say(text: &Text) -> String {
    text.render(&Browser)
}

/// `value` with every message in it replaced by its sentence.
pub fn rendered(value: Value) -> Value {
    match value {
        Value::Object(object) if object.contains_key("$text") => {
            match serde_json::from_value::<Text>(Value::Object(object)) {
                Ok(text) => Value::String(say(&text)),
                Err(_) => Value::Null,
            }
        }
        Value::Object(object) => Value::Object(
            object
                .into_iter()
                .map(|(key, value)| (key, rendered(value)))
                .collect(),
        ),
        Value::Array(list) => Value::Array(list.into_iter().map(rendered).collect()),
        other => other,
    }
}
