//! Architecture rules that a test can hold (see ARCHITECTURE.md):
//! - a SmartOffice label or selector is named in `src/profile/` and nowhere else;
//! - the pure core never names the browser bindings;
//! - page text is never parsed as markup.

#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The contents of the string literals in Rust source (plain and raw), good
/// enough for our own code.
fn string_literals(source: &str) -> Vec<String> {
    let mut literals = Vec::new();
    let chars: Vec<char> = source.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '\'' => {
                // A char literal such as '"' or '\'': skip it; lifetimes just move on.
                if chars.get(i + 2) == Some(&'\'') {
                    i += 3;
                    continue;
                }
                if chars.get(i + 1) == Some(&'\\') && chars.get(i + 3) == Some(&'\'') {
                    i += 4;
                    continue;
                }
                i += 1;
            }
            'r' if matches!(chars.get(i + 1), Some('"') | Some('#'))
                && (i == 0 || !chars[i - 1].is_alphanumeric()) =>
            {
                let mut j = i + 1;
                let mut hashes = 0;
                while chars.get(j) == Some(&'#') {
                    hashes += 1;
                    j += 1;
                }
                if chars.get(j) != Some(&'"') {
                    i += 1;
                    continue;
                }
                let close: String = std::iter::once('"')
                    .chain(std::iter::repeat_n('#', hashes))
                    .collect();
                let rest: String = chars[j + 1..].iter().collect();
                let end = rest.find(&close).unwrap_or(rest.len());
                literals.push(rest[..end].to_string());
                i = j + 1 + rest[..end].chars().count() + close.chars().count();
            }
            '"' => {
                let mut literal = String::new();
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    if chars[i] == '\\' {
                        i += 1;
                    }
                    if let Some(c) = chars.get(i) {
                        literal.push(*c);
                    }
                    i += 1;
                }
                literals.push(literal);
                i += 1;
            }
            _ => i += 1,
        }
    }
    literals
}

#[test]
fn smartoffice_words_live_only_in_the_profile() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let profile = src.join("profile");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut profile_strings: Vec<String> = Vec::new();
    for file in files.iter().filter(|f| f.starts_with(&profile)) {
        let source = std::fs::read_to_string(file).expect("read profile");
        profile_strings.extend(
            string_literals(&source)
                .into_iter()
                .filter(|s| s.trim().len() > 1),
        );
    }
    assert!(
        profile_strings.iter().any(|s| s == "Birth Date"),
        "the profile's strings were found"
    );
    // HTML's own vocabulary (attribute names) is not SmartOffice's, even
    // where the profile uses the same word for an address parameter.
    // (and the tags of our own panels).
    const HTML: &[&str] = &[
        "id", "name", "type", "value", "for", "class", "href", "ul", "li",
    ];
    // eMoney's own vocabulary (the contract's owners and marital statuses) is
    // not SmartOffice's either, though some words are spelt the same.
    const EMONEY: &[&str] = &[
        "Client",
        "Spouse",
        "Joint",
        "Other",
        "Single",
        "Married",
        "DomesticPartner",
        "Divorced",
        "Fax",
        "Owner",
        "Widowed",
        "Separated",
    ];
    let mut offences = Vec::new();
    for file in files.iter().filter(|f| !f.starts_with(&profile)) {
        let source = std::fs::read_to_string(file).expect("read source");
        for literal in string_literals(&source) {
            for word in &profile_strings {
                // Single words ("Owner") may be ordinary English in a sentence;
                // a literal that is exactly one, or holds a longer label, is not.
                let longer = word.contains(' ') || word.contains(['#', '/', '-', '.']);
                if HTML.contains(&literal.as_str()) || EMONEY.contains(&literal.as_str()) {
                    continue;
                }
                if literal.trim() == word || (longer && literal.contains(word.as_str())) {
                    offences.push(format!(
                        "{}: \"{literal}\" names \"{word}\"",
                        file.display()
                    ));
                }
            }
        }
    }
    assert!(
        offences.is_empty(),
        "SmartOffice words outside src/profile/:\n{}",
        offences.join("\n")
    );
}

#[test]
fn the_literal_scanner_sees_literals() {
    let found = string_literals("let a = \"Birth Date\"; // \"not this\"\nlet b = r#\"raw \"x\"\"#; let c = '\"'; fn f<'a>() {}");
    assert_eq!(
        found,
        vec!["Birth Date".to_string(), "raw \"x\"".to_string()]
    );
}

/// The web edge: only these may name the browser bindings.
const EDGE: [&str; 4] = ["src/web/", "src/browser/", "src/worker/", "src/lib.rs"];

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

fn sources() -> Vec<(String, String)> {
    let mut paths = Vec::new();
    files_with(&root().join("src"), "rs", &mut paths);
    paths
        .into_iter()
        .map(|path| {
            let relative = path
                .strip_prefix(root())
                .expect("under the root")
                .to_string_lossy()
                .replace('\\', "/");
            (
                relative,
                fs::read_to_string(&path).expect("readable source"),
            )
        })
        .collect()
}

#[test]
fn the_pure_core_never_touches_the_browser() {
    let mut offenders = Vec::new();
    for (path, text) in sources() {
        if EDGE.iter().any(|edge| path.starts_with(edge)) {
            continue;
        }
        for binding in ["web_sys", "js_sys", "wasm_bindgen"] {
            if text.contains(binding) {
                offenders.push(format!("{path} names {binding}"));
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:#?}");
}

#[test]
fn page_text_is_never_parsed_as_markup() {
    let mut paths = Vec::new();
    files_with(&root().join("src"), "rs", &mut paths);
    files_with(&root().join("extension"), "js", &mut paths);
    let mut offenders = Vec::new();
    for path in paths {
        let text = fs::read_to_string(&path).expect("readable source");
        for sink in [
            "innerHTML",
            "inner_html",
            "outerHTML",
            "outer_html",
            "insertAdjacentHTML",
            "insert_adjacent_html",
            "document.write",
        ] {
            if text.contains(sink) {
                offenders.push(format!("{} uses {sink}", path.display()));
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:#?}");
}
