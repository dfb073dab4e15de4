//! Where SmartOffice puts the open record and its window's Menu.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// Selectors and labels that locate a record window and its Menu.
///
/// `{window}` in a template stands for the record window's element id
/// (`_window_id1` on the servers observed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PageProfile {
    /// Frames that show the open record: `#frame_cache_0` today, a frame named
    /// `MainFrame` on older servers. Other same-origin frames (modal dialogs
    /// such as `#ebRealModalFrame`) are never records.
    pub record_frames: String,
    /// A record window inside the record frame.
    pub record_window: String,
    /// The window's Menu button (observed: `#_window_id1-button`).
    pub menu_button: String,
    /// Where the drop-down list that the Menu button opens can be found, tried
    /// in order. A list right after the button is the last resort.
    pub menu_lists: Vec<String>,
    /// An entry of a menu list, and the nested list of an entry with a submenu.
    pub menu_item: String,
    pub submenu_list: String,
    /// The element holding an entry's own label, when the entry wraps one.
    pub menu_item_label: String,
    /// Names the office may give the Integrations submenu.
    pub integrations_labels: Vec<String>,
    /// The name of the Integrations submenu we create where the office has none.
    pub new_integrations_label: String,
    /// Any record window's Menu button: the loader (which knows no window
    /// yet) waits for the advisor to open one before loading the page module.
    pub menu_buttons: String,
    /// What "like its siblings" means for our entries: the attributes copied
    /// from a sibling entry and from its label element.
    pub entry_attributes: Vec<String>,
    /// The address our entries' links get (their click does nothing else).
    pub entry_href: String,
    /// The classes of an entry with a submenu, and of its list, where no
    /// entry of the office's menu shows them to copy.
    pub submenu_item_classes: Vec<String>,
    pub submenu_list_classes: Vec<String>,
    /// A created Integrations submenu goes before the first entry named so
    /// (where SmartOffice's menus keep it), else last.
    pub integrations_before: Vec<String>,
}

/// The profile our fixtures follow: what is observed of SmartOffice's pages
/// plus our assumptions about its menus (see `smartoffice-pages.md`).
pub fn smartoffice_page() -> &'static PageProfile {
    static PROFILE: OnceLock<PageProfile> = OnceLock::new();
    PROFILE.get_or_init(|| PageProfile {
        record_frames: "#frame_cache_0, iframe[name='MainFrame'], frame[name='MainFrame']".into(),
        record_window: "[id^='_window_id']".into(),
        menu_button: "#{window}-button".into(),
        menu_lists: vec![
            "#{window}-menu".into(),
            "[aria-labelledby='{window}-button']".into(),
        ],
        menu_item: "li".into(),
        submenu_list: "ul".into(),
        menu_item_label: ":scope > a, :scope > span, :scope > div".into(),
        integrations_labels: vec!["Integrations".into()],
        new_integrations_label: "Integrations".into(),
        menu_buttons: "[id^='_window_id'][id$='-button']".into(),
        entry_attributes: vec!["class".into(), "role".into(), "tabindex".into()],
        entry_href: "#".into(),
        submenu_item_classes: vec!["so-has-submenu".into()],
        submenu_list_classes: vec!["so-submenu".into()],
        integrations_before: vec!["Delete".into()],
    })
}

impl PageProfile {
    /// A selector template with the window's id filled in. Ids come from the
    /// page, so anything that could break out of the selector is escaped.
    pub fn for_window(template: &str, window_id: &str) -> String {
        crate::clean::replace_all(template, "{window}", &css_escape_ident(window_id), false)
    }
}

/// Escapes a string for use inside a CSS identifier or quoted attribute value,
/// in the manner of `CSS.escape`, for the characters ids actually carry.
fn css_escape_ident(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for (i, c) in raw.chars().enumerate() {
        match c {
            'a'..='z' | 'A'..='Z' | '_' | '-' => out.push(c),
            '0'..='9' if i > 0 => out.push(c),
            c if (c as u32) >= 0x80 => out.push(c),
            c => {
                out.push('\\');
                // CSS's escape: the code point in hex, then a space (an ASCII
                // character here: two digits at most).
                let code = c as u32;
                if code >= 16 {
                    out.push(char::from_digit(code >> 4, 16).unwrap_or('0'));
                }
                out.push(char::from_digit(code & 15, 16).unwrap_or('0'));
                out.push(' ');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_ids_fill_templates() {
        assert_eq!(
            PageProfile::for_window(&smartoffice_page().menu_button, "_window_id1"),
            "#_window_id1-button"
        );
    }

    #[test]
    fn hostile_window_ids_cannot_break_out_of_a_selector() {
        let selector =
            PageProfile::for_window("[aria-labelledby='{window}-button']", "x'] *, a[b='");
        assert_eq!(
            selector,
            "[aria-labelledby='x\\27 \\5d \\20 \\2a \\2c \\20 a\\5b b\\3d \\27 -button']"
        );
        assert_eq!(PageProfile::for_window("#{window}", "1ab"), "#\\31 ab");
    }
}
