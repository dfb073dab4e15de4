//! Architecture rules that can be checked, checked (see ARCHITECTURE.md).
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::{Path, PathBuf};

use smartoffice_emoney::profile::page::SMARTOFFICE_PAGE;

/// The web edge: only these may name the browser bindings.
const EDGE: [&str; 4] = ["src/web/", "src/browser/", "src/worker/", "src/lib.rs"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn files(dir: &Path, extension: &str, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("a readable folder") {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            files(&path, extension, out);
        } else if path.extension().is_some_and(|ext| ext == extension) {
            out.push(path);
        }
    }
}

fn sources() -> Vec<(String, String)> {
    let mut paths = Vec::new();
    files(&root().join("src"), "rs", &mut paths);
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
fn smartoffice_selectors_and_labels_live_in_the_profile_only() {
    let page = &SMARTOFFICE_PAGE;
    let mut assumed: Vec<&str> = vec![
        page.record_frames,
        page.record_window,
        page.menu_button,
        page.menu_item,
        page.submenu_list,
        page.menu_item_label,
        page.new_integrations_label,
    ];
    assumed.extend(page.menu_lists);
    assumed.extend(page.integrations_labels);
    let mut offenders = Vec::new();
    for (path, text) in sources() {
        if path.starts_with("src/profile/") {
            continue;
        }
        for value in &assumed {
            if text.contains(&format!("\"{value}\"")) {
                offenders.push(format!("{path} names {value:?}"));
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:#?}");
}

#[test]
fn page_text_is_never_parsed_as_markup() {
    let mut paths = Vec::new();
    files(&root().join("src"), "rs", &mut paths);
    files(&root().join("extension"), "js", &mut paths);
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
