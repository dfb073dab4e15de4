//! Page text made comparable: cleaned before anything compares or keeps it.

/// `text` with every `needle` replaced by `with`; `ignore_case` compares
/// ASCII letters in any case. Searched as bytes: the standard library's
/// string searcher brings its panic messages' formatting into the page
/// module (kilobytes), and ASCII case folding keeps every offset where it
/// was, so matches fall on character boundaries of the original.
pub fn replace_all(text: &str, needle: &str, with: &str, ignore_case: bool) -> String {
    let (hay, wanted) = (text.as_bytes(), needle.as_bytes());
    if wanted.is_empty() || hay.len() < wanted.len() {
        return text.to_owned();
    }
    let same = |window: &[u8]| {
        if ignore_case {
            window.eq_ignore_ascii_case(wanted)
        } else {
            window == wanted
        }
    };
    let mut out = String::with_capacity(text.len());
    let (mut rest, mut at) = (0, 0);
    while at + wanted.len() <= hay.len() {
        if hay.get(at..at + wanted.len()).is_some_and(same) {
            out.push_str(text.get(rest..at).unwrap_or_default());
            out.push_str(with);
            at += wanted.len();
            rest = at;
        } else {
            at += 1;
        }
    }
    out.push_str(text.get(rest..).unwrap_or_default());
    out
}

/// Collapses whitespace (non-breaking spaces included) into single spaces,
/// trims, and drops control and bidirectional-override characters: the latter
/// can make a name display differently from what it is (U+202E).
/// A run of non-spaces with this many digits or more is a number.
const NUMBER_DIGITS: usize = 4;

/// `text` without its numbers (runs of non-spaces holding four digits or
/// more: a policy number, a date, a phone): for the views of a page sent
/// before its policy numbers are all known, which need its words only.
pub fn without_numbers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (index, run) in text.split(' ').enumerate() {
        if index > 0 {
            out.push(' ');
        }
        if run.bytes().filter(u8::is_ascii_digit).count() < NUMBER_DIGITS {
            out.push_str(run);
        }
    }
    out
}

pub fn clean(raw: &str) -> String {
    if is_clean(raw) {
        return raw.to_string();
    }
    let mut out = String::with_capacity(raw.len());
    let mut pending_space = false;
    for c in raw.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
        } else if !is_hidden_control(c) {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// [`clean`] without copying text that is clean already (most of a page).
pub fn clean_owned(raw: String) -> String {
    if is_clean(&raw) {
        raw
    } else {
        clean(&raw)
    }
}

/// True when [`clean`] would change nothing: the common case, checked fast.
fn is_clean(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    let mut previous_space = false;
    for &b in bytes {
        match b {
            b' ' if previous_space => return false,
            b' ' => previous_space = true,
            0x00..=0x1f | 0x7f..=0xff => return false,
            _ => previous_space = false,
        }
    }
    true
}

/// `Some(cleaned)` unless the text is blank: blank cells mean "not known".
pub fn known(raw: &str) -> Option<String> {
    let cleaned = clean(raw);
    (!cleaned.is_empty()).then_some(cleaned)
}

fn is_hidden_control(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200B}'..='\u{200F}'   // zero-width characters, LRM/RLM
            | '\u{202A}'..='\u{202E}' // embeddings and overrides
            | '\u{2066}'..='\u{2069}' // isolates
            | '\u{FEFF}')
}

/// A label as the page writes it, reduced to its words: "* Birth Date:" and
/// "Birth&nbsp;Date *" both become "Birth Date".
pub fn label(raw: &str) -> String {
    let cleaned = clean(raw);
    cleaned
        .trim_matches(|c: char| c == '*' || c == ':' || c.is_whitespace())
        .to_string()
}

/// Whether a page's label names one of the profile's synonyms (letter case
/// and marker characters ignored).
pub fn label_is<S: AsRef<str>>(raw: &str, synonyms: &[S]) -> bool {
    let label = label(raw);
    synonyms
        .iter()
        .any(|s| label.eq_ignore_ascii_case(s.as_ref()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_leave_and_words_stay() {
        assert_eq!(
            without_numbers("Beneficiary of QY77709876, born 12/01/1965 (Apt 12)"),
            "Beneficiary of  born  (Apt 12)"
        );
        assert_eq!(without_numbers("Married"), "Married");
    }

    #[test]
    fn replace_all_finds_every_match_in_any_case_and_keeps_the_rest() {
        assert_eq!(
            replace_all("Policy ab-12 é AB-12ab-12", "aB-12", "***", true),
            "Policy *** é ******"
        );
        assert_eq!(
            replace_all("#{window}-menu {window}", "{window}", "w1", false),
            "#w1-menu w1"
        );
        assert_eq!(replace_all("AB-12", "ab-12", "x", false), "AB-12");
        assert_eq!(replace_all("ab", "abc", "x", true), "ab");
        assert_eq!(replace_all("ééé", "é", "e", false), "eee");
    }

    #[test]
    fn clean_collapses_spaces_and_drops_overrides() {
        assert_eq!(clean("  Ann\u{a0}\u{a0}Lee \n"), "Ann Lee");
        assert_eq!(clean("\u{202E}evil\u{202C}"), "evil");
        assert_eq!(clean("\u{1f}\u{1e}"), "");
        assert_eq!(known(" \u{a0} "), None);
        assert_eq!(clean("Ann Lee"), "Ann Lee");
        assert_eq!(clean_owned("Ann  Lee ".to_string()), "Ann Lee");
        assert_eq!(clean("é"), "é");
    }

    #[test]
    fn labels_lose_markers() {
        assert_eq!(label("* Favourite Colour:"), "Favourite Colour");
        assert_eq!(label("Favourite\u{a0}Colour\u{a0}*"), "Favourite Colour");
        assert_eq!(label("Shoe Size: *"), "Shoe Size");
        assert!(label_is("fav:", &["Favourite Colour", "FAV"]));
        assert!(!label_is("FAVV", &["FAV"]));
    }
}
