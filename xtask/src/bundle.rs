//! The page module as classic scripts. The service worker runs the page
//! module in a frame with `scripting.executeScript`, which takes classic
//! scripts only; that way no file of the extension needs to be
//! web-accessible, and an office on any address gets the module too.
//!
//! wasm-bindgen (pinned) writes an ES module: its glue imports its snippets
//! and exports its functions. Here the snippets are put in place of their
//! imports, the exports become plain declarations, and the whole runs inside
//! one function, started by `extension/boot/`. Every change checks that the
//! text it changes is there, so a new wasm-bindgen output fails the build
//! loudly instead of making a bundle that does not run.

use crate::cmd::Result;

/// The relative paths of the snippets `glue` imports (`./snippets/…`).
pub fn snippet_paths(glue: &str) -> Vec<String> {
    glue.lines()
        .filter_map(|line| {
            let rest = line.trim().strip_prefix("import ")?;
            let (_, from) = rest.split_once(" from '")?;
            let path = from.strip_suffix("';")?;
            path.strip_prefix("./snippets/")
                .map(|inner| format!("snippets/{inner}"))
        })
        .collect()
}

/// The glue without its imports of snippets, with the snippets' own code
/// (exports made plain declarations) before it.
fn inline_snippets(glue: &str, snippets: &[(String, String)]) -> Result<String> {
    let mut out = String::new();
    for (_, code) in snippets {
        out.push_str(&plain_declarations(code));
        out.push('\n');
    }
    let mut removed = 0;
    for line in glue.lines() {
        let imports_snippet = line.trim().starts_with("import ") && line.contains("'./snippets/");
        if imports_snippet {
            removed += 1;
            continue;
        }
        if line.trim().starts_with("import ") {
            return Err(format!("the page glue imports something unknown: {line}"));
        }
        out.push_str(line);
        out.push('\n');
    }
    if removed != snippets.len() {
        return Err(
            "the page glue's snippet imports changed: wasm-bindgen's output changed".into(),
        );
    }
    Ok(out)
}

/// `export function f` → `function f` (and `const`, `let`, `class`).
fn plain_declarations(code: &str) -> String {
    code.lines()
        .map(|line| {
            for keyword in ["function ", "async function ", "const ", "let ", "class "] {
                if let Some(rest) = line.strip_prefix(&format!("export {keyword}")) {
                    return format!("{keyword}{rest}");
                }
            }
            line.to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Replaces `from` (which must be there exactly once) by `to`.
fn replace_once(text: &str, from: &str, to: &str, what: &str) -> Result<String> {
    match text.matches(from).count() {
        1 => Ok(text.replacen(from, to, 1)),
        n => Err(format!(
            "{what}: expected once, found {n} times ({from:?}): wasm-bindgen's output changed"
        )),
    }
}

/// The web-target glue as plain declarations inside a bundle.
fn classic_glue(glue: &str, snippets: &[(String, String)]) -> Result<String> {
    let glue = inline_snippets(glue, snippets)?;
    // The module always gets its bytes; it never looks for a file of its own.
    let glue = replace_once(
        &glue,
        "new URL('page_bg.wasm', import.meta.url)",
        "undefined",
        "the glue's default module address",
    )?;
    let glue = replace_once(
        &glue,
        "export { initSync, __wbg_init as default };",
        "",
        "the glue's exports",
    )?;
    let glue = plain_declarations(&glue);
    if glue.contains("import.meta") || glue.lines().any(|line| line.starts_with("export ")) {
        return Err("the page glue still uses module syntax: wasm-bindgen's output changed".into());
    }
    Ok(glue)
}

/// Runs once per frame, whatever injects it again.
fn wrapped(parts: &[&str]) -> String {
    let mut out = String::from(
        "// SmartOffice → eMoney: the page module, bundled by `cargo xtask dist`.\n\
         (() => {\n'use strict';\n\
         if (globalThis.soEmoneyPageLoaded) return;\n\
         globalThis.soEmoneyPageLoaded = true;\n",
    );
    for part in parts {
        out.push_str(part);
        out.push('\n');
    }
    out.push_str("})();\n");
    out
}

/// `pkg/page.js`: the glue and its snippets, then `boot`.
pub fn page(glue: &str, snippets: &[(String, String)], boot: &str) -> Result<String> {
    Ok(wrapped(&[&classic_glue(glue, snippets)?, boot]))
}

/// `pkg/page-plain.js`: the glue, its snippets, and the module translated to
/// JavaScript by wasm2js (whose imports are the glue's own), then `boot`.
pub fn plain_page(
    glue: &str,
    snippets: &[(String, String)],
    module: &str,
    boot: &str,
) -> Result<String> {
    let glue = classic_glue(glue, snippets)?;
    let module = replace_once(
        module,
        "import * as $_page_bg_js from './page_bg.js';",
        "",
        "wasm2js's import of the glue",
    )?;
    let call_start = module
        .find("var retasmFunc = asmFunc(")
        .ok_or("wasm2js's instantiation is not where expected")?;
    let call_end = module[call_start..]
        .find(");")
        .map(|end| call_start + end + 2)
        .ok_or("wasm2js's instantiation does not end")?;
    let module = format!(
        "{}var retasmFunc = asmFunc(__wbg_get_imports());{}",
        &module[..call_start],
        &module[call_end..]
    );
    let module: String = module
        .lines()
        .filter(|line| !line.starts_with("export var "))
        .collect::<Vec<_>>()
        .join("\n");
    if module.contains("import ") && module.contains(" from '") {
        return Err("wasm2js's output still imports: its output changed".into());
    }
    Ok(wrapped(&[&glue, &module, boot]))
}

#[cfg(test)]
mod tests {
    use super::*;

    const GLUE: &str = "import { soText } from './snippets/smartoffice-page-1/inline0.js';\n\
        export function start() { return soText(); }\n\
        function __wbg_get_imports() { return { './page_bg.js': {} }; }\n\
        async function __wbg_init_once(m) { if (m === undefined) { m = new URL('page_bg.wasm', import.meta.url); } }\n\
        export { initSync, __wbg_init as default };\n";

    fn snippets() -> Vec<(String, String)> {
        vec![(
            "snippets/smartoffice-page-1/inline0.js".into(),
            "export function soText() { return 'x'; }".into(),
        )]
    }

    #[test]
    fn a_module_becomes_one_classic_script() {
        assert_eq!(
            snippet_paths(GLUE),
            ["snippets/smartoffice-page-1/inline0.js"]
        );
        let bundle = page(GLUE, &snippets(), "start();").expect("bundles");
        assert!(bundle.contains("function soText()") && bundle.contains("function start()"));
        let module_syntax = |line: &str| {
            let line = line.trim_start();
            line.starts_with("import ")
                || line.starts_with("export ")
                || line.contains("import.meta")
        };
        assert!(!bundle.lines().any(module_syntax), "{bundle}");
        assert!(bundle.contains("if (globalThis.soEmoneyPageLoaded) return;"));
        assert!(bundle.trim_end().ends_with("})();"));
    }

    #[test]
    fn wasm2js_is_given_the_glues_imports() {
        let module = "import * as $_page_bg_js from './page_bg.js';\n\
            function asmFunc(imports) { return { memory: 1 }; }\n\
            var retasmFunc = asmFunc({\n  \"./page_bg.js\": $_page_bg_js,\n});\n\
            export var memory = retasmFunc.memory;\n";
        let bundle = plain_page(GLUE, &snippets(), module, "boot();").expect("bundles");
        assert!(
            bundle.contains("var retasmFunc = asmFunc(__wbg_get_imports());"),
            "{bundle}"
        );
        assert!(!bundle.contains("export var") && !bundle.contains("$_page_bg_js"));
    }

    #[test]
    fn a_changed_output_fails_the_build() {
        assert!(page("export { other };", &[], "").is_err());
        assert!(page(&GLUE.replace("import.meta.url", "here"), &snippets(), "").is_err());
        let unknown = format!("import x from './elsewhere.js';\n{GLUE}");
        assert!(page(&unknown, &snippets(), "").is_err());
    }
}
