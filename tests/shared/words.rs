//! The extension's messages rendered as the browser renders them, in English
//! (`extension/_locales/en/messages.json`), for tests that check sentences.
//! Shared by the native and the browser tests (`#[path]`-included by both).
//!
//! It follows `chrome.i18n.getMessage`: a message's `$NAME$` is replaced by
//! its placeholder's `content`, in which `$1`…`$9` are the values given;
//! `$$` is a dollar sign. Dates, amounts and numbers are written as the
//! worker writes them in an `en-US` browser, and plurals pick `_one` for 1.

#![allow(dead_code)] // each test crate uses a different part

use serde_json::Value;
use smartoffice_snapshot::words::{Locale, Text};

const MESSAGES: &str = include_str!("../../extension/_locales/en/messages.json");

/// The English messages, by key.
pub fn messages() -> serde_json::Map<String, Value> {
    match serde_json::from_str(MESSAGES) {
        Ok(Value::Object(messages)) => messages,
        _ => panic!("extension/_locales/en/messages.json is a JSON object"),
    }
}

/// `text` as an English-speaking advisor reads it.
pub fn render(text: &Text) -> String {
    text.render(&English(messages()))
}

/// The English file, as `chrome.i18n` and `Intl` read it in an `en-US` browser.
pub struct English(pub serde_json::Map<String, Value>);

impl Locale for English {
    fn message(&self, key: &str, values: &[String]) -> String {
        let Some(entry) = self.0.get(key) else {
            panic!("no message {key}");
        };
        let message = entry["message"].as_str().unwrap_or_default();
        let placeholders = entry.get("placeholders").and_then(Value::as_object);
        fill(message, |name| {
            let content = placeholders
                .and_then(|all| all.get(&name.to_lowercase()))
                .and_then(|placeholder| placeholder["content"].as_str())
                .unwrap_or_default();
            fill_numbers(content, values)
        })
    }

    fn plural(&self, n: u64) -> String {
        if n == 1 { "one" } else { "other" }.to_owned()
    }

    fn date(&self, iso: &str) -> String {
        date(iso)
    }

    fn money(&self, cents: i64) -> String {
        money(cents)
    }

    fn number(&self, n: u64) -> String {
        number(n)
    }
}

/// Replaces `$NAME$` in `message`; `$$` is `$`.
fn fill(message: &str, named: impl Fn(&str) -> String) -> String {
    let mut out = String::new();
    let mut rest = message;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        if let Some(stripped) = after.strip_prefix('$') {
            out.push('$');
            rest = stripped;
            continue;
        }
        match after.find('$') {
            Some(end)
                if after[..end]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_') =>
            {
                out.push_str(&named(&after[..end]));
                rest = &after[end + 1..];
            }
            _ => {
                out.push('$');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Replaces `$1`…`$9` in a placeholder's content.
fn fill_numbers(content: &str, values: &[String]) -> String {
    let mut out = String::new();
    let mut chars = content.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek().and_then(|d| d.to_digit(10))) {
            ('$', Some(digit)) => {
                chars.next();
                out.push_str(values.get(digit as usize - 1).map_or("", String::as_str));
            }
            (c, _) => out.push(c),
        }
    }
    out
}

/// `MM/DD/YYYY`, as `en-US` writes dates.
fn date(iso: &str) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    match parts.as_slice() {
        [year, month, day] => format!("{month}/{day}/{year}"),
        _ => iso.to_owned(),
    }
}

/// `$1,234.56`, `-$80.00`.
fn money(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let cents = cents.unsigned_abs();
    format!("{sign}${}.{:02}", number(cents / 100), cents % 100)
}

/// `1,000`.
fn number(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// A record's findings as the fixtures' expectations hold them: the sentence
/// and the severity.
pub fn findings_as_sentences(findings: &Value) -> Value {
    let list = findings.as_array().cloned().unwrap_or_default();
    Value::Array(
        list.into_iter()
            .map(|finding| {
                let text: Text = serde_json::from_value(finding["text"].clone())
                    .unwrap_or_else(|error| panic!("a finding's text: {error}"));
                serde_json::json!({
                    "message": render(&text),
                    "severity": finding["severity"],
                })
            })
            .collect(),
    )
}
