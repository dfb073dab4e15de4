//! Who may talk to the service worker: this extension's own scripts and pages.

use std::fmt;

/// Why a message was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The sender is another extension or a web page.
    ForeignSender,
    /// The message is not one of the types the service worker answers.
    UnknownMessage,
    /// The request is for the extension's own pages, not for a script in a web page.
    NotAnExtensionPage,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Refusal::ForeignSender => {
                "This request did not come from the SmartOffice → eMoney extension, so it was refused."
            }
            Refusal::NotAnExtensionPage => {
                "Only the extension's own dialog and options page may ask this, so it was refused."
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

/// Accepts a request only from one of the extension's own pages (the export
/// dialog, the options page), whose address the browser reports.
pub fn accept_extension_page(sender_url: Option<&str>, own_origin: &str) -> Result<(), Refusal> {
    let page_origin = sender_url.and_then(|url| {
        let (scheme, rest) = url.split_once("://")?;
        let host = rest.split(['/', '?', '#']).next()?;
        Some(format!("{scheme}://{host}"))
    });
    match page_origin {
        Some(origin) if !own_origin.is_empty() && origin == own_origin => Ok(()),
        _ => Err(Refusal::NotAnExtensionPage),
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

    #[test]
    fn only_extension_pages_are_extension_pages() {
        let own = "chrome-extension://abc";
        assert_eq!(
            accept_extension_page(Some("chrome-extension://abc/flow.html?flow=1"), own),
            Ok(())
        );
        for other in [
            Some("https://pmgcloud.ez-data.com/ms/contact.htm"),
            Some("chrome-extension://abcd/flow.html"),
            Some("chrome-extension://abc.evil/x"),
            None,
        ] {
            assert_eq!(
                accept_extension_page(other, own),
                Err(Refusal::NotAnExtensionPage),
                "{other:?}"
            );
        }
        assert_eq!(
            accept_extension_page(Some("chrome-extension://abc/"), ""),
            Err(Refusal::NotAnExtensionPage)
        );
    }
}
