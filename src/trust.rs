//! Who may talk to the service worker: this extension's own scripts and pages.

use std::fmt;

/// Why a message was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The sender is another extension or a web page.
    ForeignSender,
    /// The message is not one of the types the service worker answers.
    UnknownMessage,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Refusal::ForeignSender => {
                "This request did not come from the SmartOffice → eMoney extension, so it was refused."
            }
            Refusal::UnknownMessage => {
                "The extension received a request it does not know, so it was refused. Reload the SmartOffice page and try again."
            }
        })
    }
}

/// Accepts a message only when the browser says it came from this extension
/// (`sender.id` is set by the browser, not by the sender, so a page cannot
/// forge it).
pub fn accept(sender_id: Option<&str>, own_id: &str) -> Result<(), Refusal> {
    match sender_id {
        Some(id) if !own_id.is_empty() && id == own_id => Ok(()),
        _ => Err(Refusal::ForeignSender),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_this_extension_is_accepted() {
        assert_eq!(accept(Some("abc"), "abc"), Ok(()));
        assert_eq!(accept(Some("evil"), "abc"), Err(Refusal::ForeignSender));
        assert_eq!(accept(None, "abc"), Err(Refusal::ForeignSender));
        assert_eq!(accept(Some(""), ""), Err(Refusal::ForeignSender));
    }
}
