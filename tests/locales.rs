//! Every word the advisor reads lives in `extension/_locales/`: this test
//! holds the keys used in code and the messages defined there together.
//! It fails on a key used but not defined, a key defined but never used, a
//! use with more or fewer values than its message's placeholders, a
//! placeholder defined but not in its message (or the other way round), and
//! a key that is not written as a literal at its use.
//!
//! Uses are `text!("key", …)` and `plural!("key", n, …)` in Rust (outside
//! test modules), `message("key", &[…])` in the content script's crate
//! (crates/page/src), `t('key', […])` in the extension's scripts,
//! `data-i18n="key"` in its pages and `__MSG_key__` in the manifest.

#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn files_with(dir: &Path, extension: &str, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("a readable folder") {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            files_with(&path, extension, out);
        } else if path.extension().is_some_and(|ext| ext == extension) {
            out.push(path);
        }
    }
}

/// One use of a key: where, and how many values it passes (`None`: unknown,
/// as for a `data-i18n` attribute, which passes none).
#[derive(Debug)]
struct Use {
    key: String,
    values: usize,
    place: String,
    plural: bool,
}

/// Skips a string or char literal or a comment starting at `i`, if one does.
fn skip_literal(chars: &[char], i: usize) -> Option<usize> {
    match chars[i] {
        '/' if chars.get(i + 1) == Some(&'/') => {
            let mut j = i;
            while j < chars.len() && chars[j] != '\n' {
                j += 1;
            }
            Some(j)
        }
        '"' | '`' => {
            let quote = chars[i];
            let mut j = i + 1;
            while j < chars.len() && chars[j] != quote {
                if chars[j] == '\\' {
                    j += 1;
                }
                j += 1;
            }
            Some(j + 1)
        }
        '\'' => {
            // A JS string, or a Rust char literal / lifetime.
            let mut j = i + 1;
            while j < chars.len() && chars[j] != '\'' && chars[j] != '\n' {
                if chars[j] == '\\' {
                    j += 1;
                }
                j += 1;
            }
            if chars.get(j) == Some(&'\'') {
                Some(j + 1)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// The arguments of a call whose `(` is at `open`: their count, the first
/// as written, and where the call ends.
fn arguments(chars: &[char], open: usize) -> (Vec<String>, usize) {
    let mut depth = 0;
    let mut i = open;
    let mut args = Vec::new();
    let mut current = String::new();
    while i < chars.len() {
        if let Some(end) = skip_literal(chars, i) {
            if depth == 1 {
                current.extend(&chars[i..end.min(chars.len())]);
            }
            i = end;
            continue;
        }
        let c = chars[i];
        match c {
            '(' | '[' | '{' => {
                depth += 1;
                if depth > 1 {
                    current.push(c);
                }
            }
            ')' | ']' | '}' => {
                depth -= 1;
                if depth == 0 {
                    if !current.trim().is_empty() {
                        args.push(current.trim().to_owned());
                    }
                    return (args, i + 1);
                }
                current.push(c);
            }
            ',' if depth == 1 => {
                args.push(current.trim().to_owned());
                current.clear();
            }
            _ if depth >= 1 => current.push(c),
            _ => {}
        }
        i += 1;
    }
    (args, i)
}

/// The key of a literal argument (`"key"` or `'key'`), if it is one.
fn literal_key(arg: &str) -> Option<String> {
    let inner = arg
        .strip_prefix('"')
        .and_then(|rest| rest.strip_suffix('"'))
        .or_else(|| {
            arg.strip_prefix('\'')
                .and_then(|rest| rest.strip_suffix('\''))
        })?;
    inner
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_')
        .then(|| inner.to_owned())
}

/// Uses of `name(` (a macro's `name!(`) in `code`.
fn calls(
    code: &str,
    name: &str,
    place: &str,
    plural: bool,
    out: &mut Vec<Use>,
    bad: &mut Vec<String>,
) {
    let chars: Vec<char> = code.chars().collect();
    let pattern: Vec<char> = name.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if let Some(end) = skip_literal(&chars, i) {
            i = end;
            continue;
        }
        let starts = chars[i..].starts_with(&pattern)
            && (i == 0
                || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '_' || chars[i - 1] == '.'));
        if !starts {
            i += 1;
            continue;
        }
        let mut open = i + pattern.len();
        while chars.get(open).is_some_and(|c| c.is_whitespace()) {
            open += 1;
        }
        if chars.get(open) != Some(&'(') {
            i += 1;
            continue;
        }
        let (args, end) = arguments(&chars, open);
        let line = chars[..i].iter().filter(|c| **c == '\n').count() + 1;
        match args.first().and_then(|first| literal_key(first)) {
            Some(key) => {
                // JS passes its values as one array: `t('key', [a, b])`;
                // the page crate as one slice: `message("key", &[a, b])`.
                let values = match name {
                    "t" => match args.get(1) {
                        Some(list) if list.starts_with('[') => {
                            let inner: Vec<char> = list.chars().collect();
                            arguments(&inner, 0).0.len()
                        }
                        Some(_) => 1,
                        None => 0,
                    },
                    "message" => match args
                        .get(1)
                        .map(|list| list.trim_start_matches('&').trim_start())
                    {
                        Some(list) if list.starts_with('[') && args.len() == 2 => {
                            let inner: Vec<char> = list.chars().collect();
                            arguments(&inner, 0).0.len()
                        }
                        _ => {
                            bad.push(format!(
                                "{place}:{line}: {name}(…) without its values written as `&[…]`"
                            ));
                            i = open + 1;
                            continue;
                        }
                    },
                    _ => args.len() - 1,
                };
                out.push(Use {
                    key,
                    values,
                    place: format!("{place}:{line}"),
                    plural,
                });
            }
            None => bad.push(format!("{place}:{line}: {name}(…) without a literal key")),
        }
        // Calls nested in the arguments are uses too.
        let _ = end;
        i = open + 1;
    }
}

/// Every use of a key in the extension's code, and the calls whose key is
/// not a literal.
fn uses() -> (Vec<Use>, Vec<String>) {
    let mut found = Vec::new();
    let mut bad = Vec::new();
    let mut rust = Vec::new();
    files_with(&root().join("src"), "rs", &mut rust);
    files_with(&root().join("crates"), "rs", &mut rust);
    for file in rust {
        let relative = file
            .strip_prefix(root())
            .unwrap_or(&file)
            .display()
            .to_string();
        if relative.contains("/tests/") || relative.ends_with("words.rs") {
            continue;
        }
        let source = fs::read_to_string(&file).expect("readable");
        let code = source
            .find("#[cfg(test)]")
            .map_or(source.as_str(), |at| &source[..at]);
        calls(code, "text!", &relative, false, &mut found, &mut bad);
        calls(code, "plural!", &relative, true, &mut found, &mut bad);
        // The content script's own few words: `message("key", &[…])`
        // (crates/page/src/kit/words.rs).
        if relative.starts_with("crates/page/src/") {
            calls(code, "message", &relative, false, &mut found, &mut bad);
        }
    }
    let mut scripts = Vec::new();
    files_with(&root().join("extension"), "js", &mut scripts);
    for file in scripts {
        let relative = file
            .strip_prefix(root())
            .unwrap_or(&file)
            .display()
            .to_string();
        let source = fs::read_to_string(&file).expect("readable");
        calls(&source, "t", &relative, false, &mut found, &mut bad);
        calls(&source, "plural", &relative, true, &mut found, &mut bad);
    }
    let mut pages = Vec::new();
    files_with(&root().join("extension"), "html", &mut pages);
    pages.push(root().join("manifest.json"));
    for file in pages {
        let relative = file
            .strip_prefix(root())
            .unwrap_or(&file)
            .display()
            .to_string();
        let source = fs::read_to_string(&file).expect("readable");
        for (marker, end) in [("data-i18n=\"", '"'), ("__MSG_", '_')] {
            for (at, _) in source.match_indices(marker) {
                let rest = &source[at + marker.len()..];
                let key: String = rest.chars().take_while(|c| *c != end).collect();
                found.push(Use {
                    key,
                    values: 0,
                    place: relative.clone(),
                    plural: false,
                });
            }
        }
    }
    (found, bad)
}

/// The placeholders of a message: the `$1`… each names, by name, and the
/// names its text uses.
fn placeholders(entry: &Value) -> (BTreeMap<String, Vec<usize>>, BTreeSet<String>) {
    let mut defined = BTreeMap::new();
    if let Some(all) = entry.get("placeholders").and_then(Value::as_object) {
        for (name, placeholder) in all {
            let content = placeholder["content"].as_str().unwrap_or_default();
            let numbers: Vec<usize> = content
                .match_indices('$')
                .filter_map(|(at, _)| content[at + 1..].chars().next()?.to_digit(10))
                .map(|n| n as usize)
                .collect();
            defined.insert(name.to_lowercase(), numbers);
        }
    }
    let message = entry["message"].as_str().unwrap_or_default();
    let mut named = BTreeSet::new();
    let mut parts = message.split('$');
    parts.next();
    while let Some(name) = parts.next() {
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            named.insert(name.to_lowercase());
            parts.next();
        }
    }
    (defined, named)
}

#[test]
fn every_word_is_defined_once_used_and_given_its_values() {
    let messages: serde_json::Map<String, Value> = serde_json::from_str(
        &fs::read_to_string(root().join("extension/_locales/en/messages.json"))
            .expect("the English messages"),
    )
    .expect("messages.json is JSON");
    let (uses, mut problems) = uses();
    assert!(
        uses.len() > 100,
        "the scanner sees the uses ({})",
        uses.len()
    );
    let mut used: BTreeSet<String> = BTreeSet::new();
    for found in &uses {
        let keys: Vec<(String, usize)> = if found.plural {
            // The count is `$1`, the other values follow it.
            ["one", "other"]
                .iter()
                .map(|form| (format!("{}_{form}", found.key), found.values))
                .collect()
        } else {
            vec![(found.key.clone(), found.values)]
        };
        for (key, values) in keys {
            used.insert(key.clone());
            let Some(entry) = messages.get(&key) else {
                problems.push(format!("{}: {key} is used but not defined", found.place));
                continue;
            };
            let (defined, _) = placeholders(entry);
            let highest = defined.values().flatten().copied().max().unwrap_or(0);
            if highest != values {
                problems.push(format!(
                    "{}: {key} is given {values} value(s) but its placeholders take {highest}",
                    found.place
                ));
            }
        }
    }
    for (key, entry) in &messages {
        if !used.contains(key) {
            problems.push(format!("{key} is defined but never used"));
        }
        let (defined, named) = placeholders(entry);
        let defined_names: BTreeSet<String> = defined.keys().cloned().collect();
        if defined_names != named {
            problems.push(format!(
                "{key}: placeholders defined {defined_names:?}, used in the message {named:?}"
            ));
        }
        let mut numbers: Vec<usize> = defined.values().flatten().copied().collect();
        numbers.sort_unstable();
        numbers.dedup();
        // A plural form may leave its count ($1) unsaid ("a client").
        let is_plural_form = key.ends_with("_one") || key.ends_with("_other");
        let highest = numbers.last().copied().unwrap_or(0);
        let first = if is_plural_form && !numbers.contains(&1) {
            2
        } else {
            1
        };
        if numbers != (first..=highest).collect::<Vec<_>>() {
            problems.push(format!("{key}: placeholders take ${numbers:?}, not $1…$n"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_scanner_counts_values_and_refuses_computed_keys() {
    let mut found = Vec::new();
    let mut bad = Vec::new();
    calls(
        r#"let a = text!("oneKey", f(x, y), "z"); let b = text!(key); // text!("ignored")"#,
        "text!",
        "x.rs",
        false,
        &mut found,
        &mut bad,
    );
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].key.as_str(), found[0].values), ("oneKey", 2));
    assert_eq!(bad.len(), 1, "{bad:?}");
    let mut found = Vec::new();
    calls(
        "t('jsKey', [a, b(c, d)]); t(`x${y}`); t('plain');",
        "t",
        "x.js",
        false,
        &mut found,
        &mut bad,
    );
    let keys: Vec<(&str, usize)> = found.iter().map(|u| (u.key.as_str(), u.values)).collect();
    assert_eq!(keys, [("jsKey", 2), ("plain", 0)]);
    assert_eq!(bad.len(), 2, "{bad:?}");
    let mut found = Vec::new();
    let mut bad = Vec::new();
    calls(
        r#"message("none", &[]); words::message("two", &[a, &f(b, c)]); message(key, &[]);
        message("loose", values); runtime::on_message(x); self.message("method", &[]);"#,
        "message",
        "x.rs",
        false,
        &mut found,
        &mut bad,
    );
    let keys: Vec<(&str, usize)> = found.iter().map(|u| (u.key.as_str(), u.values)).collect();
    assert_eq!(keys, [("none", 0), ("two", 2)]);
    assert_eq!(bad.len(), 2, "{bad:?}");
}
