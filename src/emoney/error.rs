//! Everything that can go wrong talking to eMoney. Each error becomes one
//! message for the advisor (see [`EmoneyError::text`]): what happened and
//! the one thing to do; a status code is never shown.

use smartoffice_snapshot::words::Text;
use smartoffice_snapshot::{plural, text};

/// Why an eMoney step did not complete.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmoneyError {
    /// The password grant was refused.
    WrongPassword,
    /// eMoney locked the account (three wrong passwords in a row).
    AccountLocked,
    /// No usable session: never signed in, or the refresh token is gone.
    SignInRequired,
    /// Timeouts, closed connections, 503 after every allowed retry.
    Unavailable,
    /// eMoney answered 500 (or another 5xx) after every allowed retry.
    ServerProblem,
    /// 429 after every allowed wait; `seconds` is eMoney's last `Retry-After`.
    RateLimited { seconds: u64 },
    /// 422: eMoney refused the fields at these contract paths
    /// (`client.dateOfBirth`, `policyNumber`), named for the advisor by the caller.
    Refused { fields: Vec<String> },
    /// 404 on a client that was expected to exist.
    NotFound,
    /// The eMoney domain is not an https address (or http on this computer).
    BadDomain { domain: String },
    /// The browser has not let the extension reach the eMoney domain.
    NotAllowed { domain: String },
    /// The launch address eMoney gave is not under the domain's web address.
    ForeignLaunch,
    /// An answer the contract does not allow (unreadable body, odd status).
    Unexpected,
    /// The browser's storage failed.
    Storage,
    /// Another export of the same record is still running.
    Busy,
}

impl EmoneyError {
    /// The message for the advisor. A refusal's fields are named by
    /// `field_names` (contract path → label), which knows SmartOffice's words.
    pub fn text(&self, field_names: &dyn Fn(&str) -> Text) -> Text {
        match self {
            EmoneyError::WrongPassword => text!("emoneyWrongPassword"),
            EmoneyError::AccountLocked => text!("emoneyAccountLocked"),
            EmoneyError::SignInRequired => text!("emoneySignInRequired"),
            EmoneyError::Unavailable => text!("emoneyUnavailable"),
            EmoneyError::ServerProblem => text!("emoneyServerProblem"),
            EmoneyError::RateLimited { seconds } => text!("emoneyRateLimited", wait(*seconds)),
            EmoneyError::Refused { fields } => {
                let mut named: Vec<Text> = Vec::new();
                for field in fields {
                    let name = field_names(field);
                    if !named.contains(&name) {
                        named.push(name);
                    }
                }
                match list(named) {
                    Some(named) => text!("emoneyRefusedFields", named),
                    None => text!("emoneyRefused"),
                }
            }
            EmoneyError::NotFound => text!("emoneyNotFound"),
            EmoneyError::BadDomain { domain } => text!("emoneyBadDomain", domain),
            EmoneyError::NotAllowed { domain } => text!("emoneyNotAllowed", domain),
            EmoneyError::ForeignLaunch => text!("emoneyForeignLaunch"),
            EmoneyError::Unexpected => text!("emoneyUnexpected"),
            EmoneyError::Storage => text!("emoneyStorage"),
            EmoneyError::Busy => text!("emoneyBusy"),
        }
    }

    /// Whether the advisor must sign in (again) before anything else.
    pub fn needs_sign_in(&self) -> bool {
        matches!(
            self,
            EmoneyError::SignInRequired | EmoneyError::WrongPassword | EmoneyError::AccountLocked
        )
    }
}

/// A wait in words: "a second", "30 seconds", "10 minutes".
fn wait(seconds: u64) -> Text {
    match seconds {
        0 | 1 => text!("waitASecond"),
        2..=90 => plural!("waitSeconds", seconds),
        _ => plural!("waitMinutes", seconds.div_ceil(60)),
    }
}

/// "A, B and C", as the browser's language joins a list.
/// `None` for an empty list.
pub fn list(mut items: Vec<Text>) -> Option<Text> {
    let last = items.pop()?;
    let mut items = items.into_iter();
    Some(match items.next() {
        None => last,
        Some(first) => {
            let head = items.fold(first, |joined, next| text!("listComma", joined, next));
            text!("listAnd", head, last)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use smartoffice_snapshot::words::Arg;

    fn named(path: &str) -> Text {
        text!("fieldPath", path)
    }

    #[test]
    fn every_error_has_its_message() {
        let all = [
            EmoneyError::WrongPassword,
            EmoneyError::AccountLocked,
            EmoneyError::SignInRequired,
            EmoneyError::Unavailable,
            EmoneyError::ServerProblem,
            EmoneyError::RateLimited { seconds: 30 },
            EmoneyError::Refused {
                fields: vec!["client.dateOfBirth".into()],
            },
            EmoneyError::Refused { fields: vec![] },
            EmoneyError::NotFound,
            EmoneyError::BadDomain {
                domain: "ftp://x".into(),
            },
            EmoneyError::NotAllowed {
                domain: "https://x".into(),
            },
            EmoneyError::ForeignLaunch,
            EmoneyError::Unexpected,
            EmoneyError::Storage,
            EmoneyError::Busy,
        ];
        let keys: Vec<String> = all.iter().map(|error| error.text(&named).key).collect();
        let mut distinct = keys.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), keys.len(), "{keys:?}");
        assert!(keys.iter().all(|key| key.starts_with("emoney")), "{keys:?}");
    }

    #[test]
    fn waits_are_said_in_words() {
        assert_eq!(wait(1).key, "waitASecond");
        assert_eq!(wait(30), plural!("waitSeconds", 30u64));
        assert_eq!(wait(600), plural!("waitMinutes", 10u64));
    }

    #[test]
    fn refused_fields_are_named_once_each_in_a_list() {
        let refused = EmoneyError::Refused {
            fields: vec!["a".into(), "b".into(), "a".into()],
        };
        assert_eq!(
            refused.text(&named),
            text!(
                "emoneyRefusedFields",
                text!("listAnd", named("a"), named("b"))
            )
        );
        assert_eq!(list(vec![]), None);
        assert_eq!(
            list(vec![named("a")]).map(|only| only.args),
            Some(vec![Arg::Plain("a".into())])
        );
        assert_eq!(
            list(vec![named("a"), named("b"), named("c")]),
            Some(text!(
                "listAnd",
                text!("listComma", named("a"), named("b")),
                named("c")
            ))
        );
    }
}
