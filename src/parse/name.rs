//! Names as lists show them: "Last, First" (household members) or "First Last"
//! (key relations).

/// Returns (first, last). "Lee, Ann Marie" → ("Ann Marie", "Lee");
/// "Ann Lee" → ("Ann", "Lee"); a single word is taken as the last name.
pub fn split_name(raw: &str) -> (Option<String>, Option<String>) {
    let text = smartoffice_snapshot::clean::clean(raw);
    let known = |s: &str| {
        let s = s.trim();
        (!s.is_empty()).then(|| s.to_string())
    };
    if let Some((last, first)) = text.split_once(',') {
        return (known(first), known(last));
    }
    match text.rsplit_once(' ') {
        Some((first, last)) => (known(first), known(last)),
        None => (None, known(&text)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> (Option<&'static str>, Option<&'static str>) {
        let (first, last) = split_name(text);
        (
            first.map(|s| &*Box::leak(s.into_boxed_str())),
            last.map(|s| &*Box::leak(s.into_boxed_str())),
        )
    }

    #[test]
    fn both_orders() {
        assert_eq!(split("Lee, Ann Marie"), (Some("Ann Marie"), Some("Lee")));
        assert_eq!(split("Ann Lee"), (Some("Ann"), Some("Lee")));
        assert_eq!(
            split("O'Brien-Núñez, José"),
            (Some("José"), Some("O'Brien-Núñez"))
        );
        assert_eq!(split("王"), (None, Some("王")));
        assert_eq!(split(" , "), (None, None));
    }
}
