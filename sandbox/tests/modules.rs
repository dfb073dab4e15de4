//! The crate's modules import each other without a cycle: shared state in
//! `app`, handlers above it, plain helpers below. A cycle would tie modules
//! together that should be readable (and changeable) one at a time.
#![allow(clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The modules `source` names through `crate::` paths, e.g. both of
/// `use crate::app::App;` and `use crate::{api, web};`.
fn crate_imports(source: &str) -> BTreeSet<String> {
    // Comments may mention paths they do not use.
    let code: String = source
        .lines()
        .map(|line| line.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n");
    let ident = |text: &str| -> String {
        text.trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut names = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            names.extend(top_level_items(group).map(ident).filter(|n| !n.is_empty()));
        } else {
            names.insert(ident(rest));
        }
    }
    names
}

/// The items of a use group up to its closing brace, split at the commas
/// of its own level (`a, b::{c, d}, e` is three items).
fn top_level_items(group: &str) -> impl Iterator<Item = &str> {
    let mut items = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                items.push(&group[start..i]);
                break;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&group[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.into_iter()
}

/// A path `from → … → from`, if `from` can reach itself.
fn cycle_through(graph: &BTreeMap<String, BTreeSet<String>>, from: &str) -> Option<Vec<String>> {
    let mut stack = vec![vec![from.to_string()]];
    let mut seen = BTreeSet::new();
    while let Some(path) = stack.pop() {
        let last = path.last().expect("a non-empty path");
        for next in graph.get(last).into_iter().flatten() {
            if next == from {
                let mut cycle = path.clone();
                cycle.push(from.to_string());
                return Some(cycle);
            }
            if seen.insert(next.clone()) {
                let mut longer = path.clone();
                longer.push(next.clone());
                stack.push(longer);
            }
        }
    }
    None
}

#[test]
fn no_module_imports_itself_through_others() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph = BTreeMap::new();
    for entry in std::fs::read_dir(&src).expect("src/") {
        let path = entry.expect("an entry").path();
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("a UTF-8 name")
            .to_string();
        let source = std::fs::read_to_string(&path).expect("a source file");
        graph.insert(name, crate_imports(&source));
    }
    assert!(graph.len() > 10, "read the modules: {graph:?}");
    let modules: BTreeSet<String> = graph.keys().cloned().collect();
    for (module, imports) in &graph {
        // Every `crate::x` is a module file, so nothing reaches back into
        // the crate root (main.rs), which declares them all.
        assert!(
            imports.is_subset(&modules) && !imports.contains("main"),
            "{module} imports {imports:?}"
        );
    }
    for module in graph.keys() {
        if let Some(cycle) = cycle_through(&graph, module) {
            panic!("an import cycle: {}", cycle.join(" → "));
        }
    }
}

#[test]
fn the_reader_sees_both_forms_of_import() {
    let source = "use crate::app::App;\nuse crate::{api, auth::{self, x}, web};\n\
                  // crate::commented\nfn f() { crate::http::parse_form(\"\"); }";
    let found: Vec<String> = crate_imports(source).into_iter().collect();
    assert_eq!(found, ["api", "app", "auth", "http", "web"]);
}
