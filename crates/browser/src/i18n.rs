//! `chrome.i18n` and the browser's `Intl`: words from `_locales/`, and dates,
//! amounts, numbers and plurals as the browser's language writes them.

use js_sys::{Array, Date, Intl, Object, Reflect};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "i18n"], js_name = getMessage, catch)]
    fn get_message(key: &str, substitutions: &JsValue) -> Result<String, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "i18n"], js_name = getUILanguage, catch)]
    fn ui_language() -> Result<String, JsValue>;
}

/// The message `key` with `$1`, `$2`… filled from `substitutions`; empty
/// when there is no such message.
pub fn message(key: &str, substitutions: &[&str]) -> String {
    let values: Array = substitutions.iter().map(|s| JsValue::from_str(s)).collect();
    get_message(key, &values).unwrap_or_default()
}

fn locales() -> Array {
    let language = ui_language().unwrap_or_default();
    if language.is_empty() {
        Array::new()
    } else {
        Array::of1(&language.into())
    }
}

fn options(pairs: &[(&str, &str)]) -> Object {
    let options = Object::new();
    for (name, value) in pairs {
        // Setting a property on a new plain object cannot fail.
        let _ = Reflect::set(&options, &(*name).into(), &(*value).into());
    }
    options
}

/// The plural category of `n` in the browser's language (`one`, `other`…).
pub fn plural(n: u64) -> String {
    let rules = Intl::PluralRules::new(&locales(), &Object::new());
    rules.select(n as f64).into()
}

/// A calendar date (`YYYY-MM-DD`) as the browser's language writes dates
/// (`10/31/1955` in en-US). Shown as written when it is not such a date.
pub fn date(iso: &str) -> String {
    let parts: Vec<Option<u32>> = iso.split('-').map(|part| part.parse().ok()).collect();
    let [Some(year), Some(month), Some(day)] = parts[..] else {
        return iso.to_owned();
    };
    // Midnight UTC, written in UTC: no time zone can move the day.
    let at = Date::utc(f64::from(year), f64::from(month) - 1.0);
    let date = Date::new(&JsValue::from_f64(
        at + (f64::from(day) - 1.0) * 86_400_000.0,
    ));
    let format = Intl::DateTimeFormat::new(
        &locales(),
        &options(&[
            ("year", "numeric"),
            ("month", "2-digit"),
            ("day", "2-digit"),
            ("timeZone", "UTC"),
        ]),
    );
    format
        .format()
        .call1(&format, &date)
        .ok()
        .and_then(|written| written.as_string())
        .unwrap_or_else(|| iso.to_owned())
}

/// An amount in cents, in US dollars as the browser's language writes money.
pub fn money(cents: i64) -> String {
    let format = Intl::NumberFormat::new(
        &locales(),
        &options(&[("style", "currency"), ("currency", "USD")]),
    );
    number_with(&format, cents as f64 / 100.0)
}

/// A whole number as the browser's language writes numbers (`1,000`).
pub fn number(n: u64) -> String {
    let format = Intl::NumberFormat::new(&locales(), &Object::new());
    number_with(&format, n as f64)
}

fn number_with(format: &Intl::NumberFormat, value: f64) -> String {
    format
        .format()
        .call1(format, &JsValue::from_f64(value))
        .ok()
        .and_then(|written| written.as_string())
        .unwrap_or_else(|| value.to_string())
}
