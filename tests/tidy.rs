//! Architecture rules that a test can hold (see ARCHITECTURE.md):
//! - the walls between crates are what `cargo metadata` says they are;
//! - no module imports another that imports it back, in any crate;
//! - a SmartOffice label or selector is named in the profile
//!   (`crates/snapshot/src/profile/`) and nowhere else;
//! - page text is never parsed as markup.

#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
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
    let profile = root().join("crates/snapshot/src/profile");
    let mut files = Vec::new();
    for dir in source_dirs() {
        rust_files(&dir, &mut files);
    }
    let mut profile_strings: Vec<String> = Vec::new();
    for file in files.iter().filter(|f| f.starts_with(&profile)) {
        let source = std::fs::read_to_string(file).expect("read profile");
        // Attributes (`#[serde(rename_all = "camelCase")]`) are Rust's words.
        let source: String = source
            .lines()
            .filter(|line| !line.trim_start().starts_with("#["))
            .collect::<Vec<_>>()
            .join("\n");
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
        "id", "name", "type", "value", "for", "class", "href", "ul", "li", "role", "tabindex", "#",
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
        // Tests may name SmartOffice's words as their data.
        for literal in string_literals(without_tests(&source)) {
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

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every crate's `src/` of the workspace (the core's and `crates/*`'s).
fn source_dirs() -> Vec<PathBuf> {
    let mut dirs = vec![root().join("src")];
    let mut crates: Vec<PathBuf> = fs::read_dir(root().join("crates"))
        .expect("crates/ is readable")
        .map(|entry| entry.expect("a folder entry").path().join("src"))
        .collect();
    crates.sort();
    dirs.extend(crates);
    dirs
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

/// The packages each workspace crate depends on through normal (not dev or
/// build) dependencies, directly or not, as `cargo metadata` resolves them.
fn normal_dependencies() -> BTreeMap<String, BTreeSet<String>> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = std::process::Command::new(cargo)
        .args(["metadata", "--format-version", "1"])
        .current_dir(root())
        .output()
        .expect("cargo metadata runs");
    assert!(output.status.success(), "cargo metadata failed");
    let metadata: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("cargo metadata answers JSON");
    let name_of: BTreeMap<String, String> = metadata["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .map(|package| {
            (
                package["id"].as_str().unwrap_or_default().to_owned(),
                package["name"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    // Direct normal edges, by package id (any target platform counts).
    let mut direct: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for node in metadata["resolve"]["nodes"]
        .as_array()
        .expect("resolve nodes")
    {
        let id = node["id"].as_str().unwrap_or_default().to_owned();
        let deps = node["deps"]
            .as_array()
            .expect("deps")
            .iter()
            .filter(|dep| {
                dep["dep_kinds"]
                    .as_array()
                    .is_some_and(|kinds| kinds.iter().any(|kind| kind["kind"].is_null()))
            })
            .map(|dep| dep["pkg"].as_str().unwrap_or_default().to_owned())
            .collect();
        direct.insert(id, deps);
    }
    let members = metadata["workspace_members"].as_array().expect("members");
    let mut out = BTreeMap::new();
    for member in members {
        let id = member.as_str().unwrap_or_default().to_owned();
        let mut seen = BTreeSet::new();
        let mut todo = direct.get(&id).cloned().unwrap_or_default();
        while let Some(next) = todo.pop() {
            if seen.insert(next.clone()) {
                todo.extend(direct.get(&next).cloned().unwrap_or_default());
            }
        }
        out.insert(
            name_of.get(&id).cloned().unwrap_or_default(),
            seen.iter()
                .filter_map(|id| name_of.get(id).cloned())
                .collect(),
        );
    }
    out
}

#[test]
fn the_walls_between_crates_are_cargo_facts() {
    let dependencies = normal_dependencies();
    let of = |name: &str| dependencies.get(name).cloned().unwrap_or_default();
    let mut broken = Vec::new();
    // The pure core and the page's data know nothing of the browser.
    for pure in ["smartoffice-emoney", "smartoffice-snapshot"] {
        assert!(
            dependencies.contains_key(pure),
            "{pure} is a workspace member"
        );
        for binding in [
            "web-sys",
            "js-sys",
            "wasm-bindgen",
            "gloo-net",
            "serde-wasm-bindgen",
        ] {
            if of(pure).contains(binding) {
                broken.push(format!("{pure} depends on {binding}"));
            }
        }
    }
    // The content script's wasm carries no interpretation, mapping or eMoney
    // client: those are the core's, which only the worker depends on.
    if of("smartoffice-page").contains("smartoffice-emoney") {
        broken.push("smartoffice-page depends on smartoffice-emoney".into());
    }
    if !of("smartoffice-worker").contains("smartoffice-emoney") {
        broken.push("smartoffice-worker does not depend on the core".into());
    }
    // The chrome.* wrappers know none of the app's types.
    for app in ["smartoffice-emoney", "smartoffice-snapshot"] {
        if of("smartoffice-browser").contains(app) {
            broken.push(format!("smartoffice-browser depends on {app}"));
        }
    }
    assert!(broken.is_empty(), "{broken:#?}");
}

/// A crate's modules (by path, `[]` for the root) and which others each
/// imports through `crate::`, `super::` or `self::` paths (a module's own
/// children, named by their bare names, are structure, not imports). Test
/// modules are left out: they may use whatever they test.
fn module_graph(src: &Path) -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let modules: BTreeMap<Vec<String>, PathBuf> = files
        .into_iter()
        .map(|file| {
            let relative = file
                .strip_prefix(src)
                .expect("under src")
                .with_extension("");
            let mut path: Vec<String> = relative
                .components()
                .map(|part| part.as_os_str().to_string_lossy().into_owned())
                .collect();
            if matches!(
                path.last().map(String::as_str),
                Some("mod" | "lib" | "main")
            ) {
                path.pop();
            }
            (path, file)
        })
        .collect();
    let mut graph = BTreeMap::new();
    for (module, file) in &modules {
        let source = fs::read_to_string(file).expect("readable source");
        let code = without_comments_and_strings(&source);
        let mut imports = BTreeSet::new();
        for path in module_paths(without_tests(&code)) {
            let mut target: Vec<String> = Vec::new();
            let mut parts = path.iter().peekable();
            match parts.peek().map(|part| part.as_str()) {
                Some("crate") => {
                    parts.next();
                }
                _ => {
                    target = module.clone();
                    while let Some(part) = parts.next_if(|part| *part == "super" || *part == "self")
                    {
                        if part == "super" {
                            target.pop();
                        }
                    }
                }
            }
            target.extend(parts.cloned());
            // The longest prefix that is a module file is what is imported.
            while !target.is_empty() && !modules.contains_key(&target) {
                target.pop();
            }
            if &target != module && modules.contains_key(&target) {
                imports.insert(target);
            }
        }
        graph.insert(module.clone(), imports);
    }
    graph
}

/// Every `crate::…`, `super::…` and `self::…` path in `code`, with braced
/// groups (`use super::{a, b::c}`) expanded.
fn module_paths(code: &str) -> Vec<Vec<String>> {
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts_word = i == 0
            || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '_' || chars[i - 1] == ':');
        let rest: String = chars[i..chars.len().min(i + 8)].iter().collect();
        if starts_word
            && ["crate::", "super::", "self::"]
                .iter()
                .any(|p| rest.starts_with(p))
        {
            let (paths, end) = path_at(&chars, i);
            out.extend(paths);
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

/// The path(s) starting at `start`, and where they end.
fn path_at(chars: &[char], start: usize) -> (Vec<Vec<String>>, usize) {
    let mut prefix = Vec::new();
    let mut i = start;
    loop {
        let word_start = i;
        while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
            i += 1;
        }
        if i > word_start {
            prefix.push(chars[word_start..i].iter().collect::<String>());
        }
        if chars.get(i) == Some(&':') && chars.get(i + 1) == Some(&':') {
            i += 2;
            while chars.get(i).is_some_and(|c| c.is_whitespace()) {
                i += 1;
            }
            if chars.get(i) == Some(&'{') {
                let mut paths = Vec::new();
                i += 1;
                loop {
                    while chars.get(i).is_some_and(|c| c.is_whitespace() || *c == ',') {
                        i += 1;
                    }
                    match chars.get(i) {
                        None => break,
                        Some('}') => {
                            i += 1;
                            break;
                        }
                        Some(_) => {
                            let (inner, end) = path_at(chars, i);
                            for tail in inner {
                                paths.push(prefix.iter().cloned().chain(tail).collect());
                            }
                            // `self` inside a group names the prefix itself.
                            i = end.max(i + 1);
                        }
                    }
                }
                return (paths, i);
            }
            continue;
        }
        return (vec![prefix], i);
    }
}

/// Source with comments and string or char literals blanked out.
fn without_comments_and_strings(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '/' if chars.get(i + 1) == Some(&'*') => {
                i += 2;
                while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                    i += 1;
                }
                i += 2;
            }
            '"' => {
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    if chars[i] == '\\' {
                        i += 1;
                    }
                    i += 1;
                }
                i += 1;
                out.push_str("\"\"");
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// Code before the file's `#[cfg(test)]` module (our files keep it last).
fn without_tests(code: &str) -> &str {
    code.find("#[cfg(test)]").map_or(code, |at| &code[..at])
}

/// Modules that import each other, directly or through others (strongly
/// connected components of more than one module).
fn import_loops(graph: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Vec<Vec<String>> {
    let reaches = |from: &Vec<String>| {
        let mut seen = BTreeSet::new();
        let mut todo: Vec<Vec<String>> = graph.get(from).into_iter().flatten().cloned().collect();
        while let Some(next) = todo.pop() {
            if seen.insert(next.clone()) {
                todo.extend(graph.get(&next).into_iter().flatten().cloned());
            }
        }
        seen
    };
    let reach: BTreeMap<&Vec<String>, BTreeSet<Vec<String>>> = graph
        .keys()
        .map(|module| (module, reaches(module)))
        .collect();
    let mut loops: Vec<Vec<String>> = Vec::new();
    for (module, reached) in &reach {
        if !reached.contains(*module) {
            continue;
        }
        let mut members: Vec<String> = reached
            .iter()
            .filter(|other| reach.get(other).is_some_and(|back| back.contains(*module)))
            .map(|path| path.join("/"))
            .collect();
        members.sort();
        if !loops.contains(&members) {
            loops.push(members);
        }
    }
    loops
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let mut dirs = source_dirs();
    dirs.push(root().join("sandbox/src"));
    dirs.push(root().join("xtask/src"));
    let mut found = Vec::new();
    for dir in dirs {
        for members in import_loops(&module_graph(&dir)) {
            found.push(format!("{}: {}", dir.display(), members.join(", ")));
        }
    }
    assert!(found.is_empty(), "import loops:\n{}", found.join("\n"));
}

#[test]
fn the_loop_finder_finds_loops() {
    let module = |name: &str| vec![name.to_owned()];
    let graph: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = [
        (module("a"), [module("b")].into()),
        (module("b"), [module("c")].into()),
        (module("c"), [module("a")].into()),
        (module("d"), [module("a")].into()),
    ]
    .into();
    assert_eq!(import_loops(&graph), vec![vec!["a", "b", "c"]]);
    let paths = module_paths("use super::{a::B, c};\nlet x = crate::d::e(); // crate::not\n");
    assert_eq!(
        paths,
        vec![
            vec!["super", "a", "B"],
            vec!["super", "c"],
            vec!["crate", "d", "e"],
            vec!["crate", "not"],
        ]
    );
}

#[test]
fn page_text_is_never_parsed_as_markup() {
    let mut paths = Vec::new();
    for dir in source_dirs() {
        files_with(&dir, "rs", &mut paths);
    }
    files_with(&root().join("extension"), "js", &mut paths);
    let mut offenders = Vec::new();
    for path in paths {
        let text = fs::read_to_string(&path).expect("readable source");
        // The page module reads a table's `outerHTML` (never writes it).
        let written_outer = text.match_indices("outerHTML").any(|(at, _)| {
            let after = text[at + "outerHTML".len()..].trim_start();
            after.starts_with('=') && !after.starts_with("==") || after.starts_with("+=")
        });
        if written_outer {
            offenders.push(format!("{} writes outerHTML", path.display()));
        }
        for sink in [
            "innerHTML",
            "inner_html",
            "set_outer_html",
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
