//! Everything that can go wrong talking to eMoney, each with the sentence the
//! advisor reads. A status code alone is never shown.

use std::fmt;

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
    /// 422: the named fields (already in words) were refused.
    Refused { fields: Vec<String> },
    /// 404 on a client that was expected to exist.
    NotFound,
    /// The eMoney domain is not an http(s) address.
    BadDomain { domain: String },
    /// An answer the contract does not allow (unreadable body, odd status).
    Unexpected,
    /// The browser's storage failed.
    Storage,
    /// Another export of the same record is still running.
    Busy,
}

impl fmt::Display for EmoneyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EmoneyError::WrongPassword => f.write_str("The user name or password is incorrect."),
            EmoneyError::AccountLocked => f.write_str(
                "eMoney has locked this account after too many failed sign-ins. \
                 Ask your eMoney administrator to unlock it, then sign in again.",
            ),
            EmoneyError::SignInRequired => f.write_str(
                "Your eMoney session has ended. Sign in to eMoney again, then export again; nothing was lost.",
            ),
            EmoneyError::Unavailable => f.write_str(
                "eMoney did not answer in time. Nothing was lost; try again in a minute.",
            ),
            EmoneyError::ServerProblem => f.write_str(
                "eMoney had a problem handling the request. Nothing was lost; try again in a few minutes, \
                 and tell your eMoney administrator if it keeps happening.",
            ),
            EmoneyError::RateLimited { seconds } => write!(
                f,
                "eMoney is getting too many requests from this account. Wait {} and try again; nothing was lost.",
                in_words(*seconds)
            ),
            EmoneyError::Refused { fields } if fields.is_empty() => f.write_str(
                "eMoney refused the data sent. Check the record in SmartOffice and export again.",
            ),
            EmoneyError::Refused { fields } => write!(
                f,
                "eMoney refused these fields: {}. Correct them in SmartOffice and export again.",
                fields.join(", ")
            ),
            EmoneyError::NotFound => f.write_str(
                "The client is no longer in eMoney (it may have been deleted). Export again to create it.",
            ),
            EmoneyError::BadDomain { domain } => write!(
                f,
                "\u{201c}{domain}\u{201d} is not an eMoney address: it must start with https:// (or http:// for a local test domain)."
            ),
            EmoneyError::Unexpected => f.write_str(
                "eMoney gave an answer the extension did not expect. Check the eMoney address chosen at sign-in, then try again.",
            ),
            EmoneyError::Storage => f.write_str(
                "The browser did not let the extension save its progress. Restart the browser and export again.",
            ),
            EmoneyError::Busy => f.write_str(
                "This record is already being exported. Wait for that export to finish.",
            ),
        }
    }
}

impl std::error::Error for EmoneyError {}

fn in_words(seconds: u64) -> String {
    match seconds {
        0 | 1 => "a second".to_owned(),
        2..=90 => format!("{seconds} seconds"),
        _ => format!("{} minutes", seconds.div_ceil(60)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_is_a_sentence_without_a_bare_status_code() {
        let all = [
            EmoneyError::WrongPassword,
            EmoneyError::AccountLocked,
            EmoneyError::SignInRequired,
            EmoneyError::Unavailable,
            EmoneyError::ServerProblem,
            EmoneyError::RateLimited { seconds: 30 },
            EmoneyError::Refused {
                fields: vec!["Client's birth date".into()],
            },
            EmoneyError::Refused { fields: vec![] },
            EmoneyError::NotFound,
            EmoneyError::BadDomain {
                domain: "ftp://x".into(),
            },
            EmoneyError::Unexpected,
            EmoneyError::Storage,
            EmoneyError::Busy,
        ];
        for error in all {
            let text = error.to_string();
            assert!(text.ends_with('.'), "{text}");
            for code in ["401", "422", "429", "500", "503"] {
                assert!(!text.contains(code), "{text}");
            }
        }
        assert_eq!(
            EmoneyError::WrongPassword.to_string(),
            "The user name or password is incorrect."
        );
    }

    #[test]
    fn waits_are_said_in_words() {
        assert_eq!(in_words(1), "a second");
        assert_eq!(in_words(30), "30 seconds");
        assert_eq!(in_words(600), "10 minutes");
    }
}
