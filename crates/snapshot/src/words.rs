//! What the extension tells the advisor, as data: a `_locales` message key
//! and the values of its placeholders. Sentences are never written in code:
//! a [`Text`] becomes one in one place, [`Text::render`], through a
//! [`Locale`]: the browser's (`chrome.i18n` and `Intl`, in the worker and the
//! page), or the English file in native tests.
//!
//! Every key is written at its use as a literal, through [`text!`] or
//! [`plural!`], so that a test can hold the keys used in code and the
//! messages defined in `_locales` together (key by key, placeholder by
//! placeholder).

use serde::{Deserialize, Serialize};

/// A message for the advisor. As JSON, `{"$text": key, "args": [...]}`: the
/// marker lets the worker find every message in a reply and render it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Text {
    /// The `_locales` message name.
    #[serde(rename = "$text")]
    pub key: String,
    /// `$1`, `$2`, … of the message, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<Arg>,
    /// Set for a message whose words depend on a number: the renderer picks
    /// `<key>_one`, `<key>_other` (the plural categories of the browser's
    /// language), and the count itself is `$1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u64>,
}

/// A placeholder's value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Arg {
    /// Shown as it is: a name, a label, an amount as the office wrote it.
    Plain(String),
    /// Another message, rendered first ("the client's", "the spouse's").
    Text(Text),
    /// A calendar date (`YYYY-MM-DD`), shown as the browser's locale writes dates.
    Date(String),
    /// An amount of money in cents, shown in the browser's locale (`$1,234.56`).
    Money(i64),
    /// A whole number, shown in the browser's locale (`1,000`).
    Number(u64),
}

impl Text {
    /// Use [`text!`], which keeps the key literal.
    pub fn new(key: &str, args: Vec<Arg>) -> Text {
        Text {
            key: key.to_owned(),
            args,
            count: None,
        }
    }

    /// Use [`plural!`], which keeps the key literal.
    pub fn plural(key: &str, count: u64, args: Vec<Arg>) -> Text {
        Text {
            key: key.to_owned(),
            args,
            count: Some(count),
        }
    }
}

/// Where words come from: the browser's language, or a test's file.
pub trait Locale {
    /// The message `key` with `$1`, `$2`… filled from `values`.
    fn message(&self, key: &str, values: &[String]) -> String;
    /// The plural category of `n` in this language (`one`, `other`, …).
    fn plural(&self, n: u64) -> String;
    /// A date (`YYYY-MM-DD`) as this locale writes dates.
    fn date(&self, iso: &str) -> String;
    /// An amount in cents as this locale writes money.
    fn money(&self, cents: i64) -> String;
    fn number(&self, n: u64) -> String;
}

impl Text {
    /// The sentence, in `locale`'s words.
    pub fn render(&self, locale: &impl Locale) -> String {
        let mut values = Vec::with_capacity(self.args.len() + 1);
        let key = match self.count {
            Some(count) => {
                values.push(locale.number(count));
                format!("{}_{}", self.key, locale.plural(count))
            }
            None => self.key.clone(),
        };
        values.extend(self.args.iter().map(|arg| match arg {
            Arg::Plain(plain) => plain.clone(),
            Arg::Text(inner) => inner.render(locale),
            Arg::Date(iso) => locale.date(iso),
            Arg::Money(cents) => locale.money(*cents),
            Arg::Number(n) => locale.number(*n),
        }));
        let said = locale.message(&key, &values);
        // A language without this category falls back to `_other`.
        if said.is_empty() && self.count.is_some() {
            return locale.message(&format!("{}_other", self.key), &values);
        }
        said
    }
}

impl From<&str> for Arg {
    fn from(value: &str) -> Arg {
        Arg::Plain(value.to_owned())
    }
}

impl From<String> for Arg {
    fn from(value: String) -> Arg {
        Arg::Plain(value)
    }
}

impl From<&String> for Arg {
    fn from(value: &String) -> Arg {
        Arg::Plain(value.clone())
    }
}

impl From<Text> for Arg {
    fn from(value: Text) -> Arg {
        Arg::Text(value)
    }
}

impl From<u64> for Arg {
    fn from(value: u64) -> Arg {
        Arg::Number(value)
    }
}

impl From<usize> for Arg {
    fn from(value: usize) -> Arg {
        Arg::Number(value as u64)
    }
}

impl From<u32> for Arg {
    fn from(value: u32) -> Arg {
        Arg::Number(u64::from(value))
    }
}

/// A [`Text`]: `text!("findingFirstNameMissing", whose, place)`. The key
/// must be a literal (the locale test reads it, and counts the arguments).
#[macro_export]
macro_rules! text {
    ($key:literal $(, $arg:expr)* $(,)?) => {
        $crate::words::Text::new($key, vec![$($crate::words::Arg::from($arg)),*])
    };
}

/// A [`Text`] chosen by a number: `plural!("summaryInvestments", 3)` renders
/// `summaryInvestments_one` or `summaryInvestments_other`, with the number as `$1`
/// and the other arguments after it.
#[macro_export]
macro_rules! plural {
    ($key:literal, $count:expr $(, $arg:expr)* $(,)?) => {
        $crate::words::Text::plural($key, ($count) as u64, vec![$($crate::words::Arg::from($arg)),*])
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_carry_their_key_and_values() {
        let whose = text!("wordClients");
        let made = text!(
            "findingFirstNameMissing",
            whose.clone(),
            "Personal > First Name"
        );
        assert_eq!(made.key, "findingFirstNameMissing");
        assert_eq!(
            made.args,
            vec![Arg::Text(whose), Arg::Plain("Personal > First Name".into())]
        );
        let counted = plural!("summaryPolicies", 2usize);
        assert_eq!((counted.count, counted.args.len()), (Some(2), 0));
    }

    #[test]
    fn texts_travel_as_plain_json() {
        let made = text!("x", Arg::Money(-8000), Arg::Date("1955-10-31".into()));
        let json = serde_json::to_string(&made).unwrap_or_default();
        assert_eq!(
            json,
            r#"{"$text":"x","args":[{"money":-8000},{"date":"1955-10-31"}]}"#
        );
        assert_eq!(serde_json::from_str::<Text>(&json).ok(), Some(made));
    }
}
