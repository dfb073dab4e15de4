//! Who may talk to the service worker: this extension's own scripts and pages.

use smartoffice_snapshot::text;
use smartoffice_snapshot::words::Text;

/// Why a message was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The sender is another extension or a web page.
    ForeignSender,
    /// The message is not one of the types the service worker answers.
    UnknownMessage,
    /// The request is for the extension's own pages, not for a script in a web page.
    NotAnExtensionPage,
    /// The request is for a SmartOffice page's content script.
    NotAPage,
}

impl Refusal {
    pub fn text(&self) -> Text {
        match self {
            Refusal::ForeignSender => text!("refusedForeign"),
            Refusal::NotAnExtensionPage => text!("refusedNotExtensionPage"),
            Refusal::NotAPage => text!("refusedNotPage"),
            Refusal::UnknownMessage => text!("refusedUnknown"),
        }
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

/// The origin (`scheme://host`) of an address.
fn origin(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let host = rest.split(['/', '?', '#']).next()?;
    Some(format!("{scheme}://{host}"))
}

/// Accepts a request only from one of the extension's own pages (the export
/// dialog, the options page), whose address the browser reports.
pub fn accept_extension_page(sender_url: Option<&str>, own_origin: &str) -> Result<(), Refusal> {
    match sender_url.and_then(origin) {
        Some(origin) if !own_origin.is_empty() && origin == own_origin => Ok(()),
        _ => Err(Refusal::NotAnExtensionPage),
    }
}

/// Accepts a request only from a content script: a web page's frame (the
/// browser reports its tab), never an extension page.
pub fn accept_page(
    sender_url: Option<&str>,
    has_tab: bool,
    own_origin: &str,
) -> Result<(), Refusal> {
    match sender_url.and_then(origin) {
        Some(origin) if has_tab && origin != own_origin => Ok(()),
        _ => Err(Refusal::NotAPage),
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

    #[test]
    fn only_content_scripts_are_pages() {
        let own = "chrome-extension://abc";
        assert_eq!(
            accept_page(Some("https://x.ez-data.com/a"), true, own),
            Ok(())
        );
        assert_eq!(
            accept_page(Some("chrome-extension://abc/options.html"), true, own),
            Err(Refusal::NotAPage)
        );
        assert_eq!(
            accept_page(Some("https://x.ez-data.com/a"), false, own),
            Err(Refusal::NotAPage)
        );
    }
}
