//! The two wasm modules (the content script's and the service worker's
//! crates), the page module made into classic scripts (`bundle`), and its
//! plain-JS (wasm2js) copy for pages whose CSP forbids WebAssembly.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::bundle;
use crate::cmd::{self, Result};
use crate::paths;
use crate::tools::{self, WASM_TARGET};

/// A wasm module of the extension: one crate of the workspace.
pub struct Module {
    /// Output name: `pkg/<name>.js` and `pkg/<name>_bg.wasm`.
    pub name: &'static str,
    pub package: &'static str,
    /// The Cargo profile it is built with (see Cargo.toml), and the
    /// wasm-opt flags that follow it.
    pub profile: &'static str,
    pub wasm_opt: &'static [&'static str],
}

/// What a SmartOffice page loads.
pub const PAGE: Module = Module {
    name: "page",
    package: "smartoffice-page",
    // Every record frame loads it, within a byte budget: small first
    // (`--converge` repeats the passes while they still shrink it: 127 B
    // gzipped).
    profile: "release",
    wasm_opt: &["-Oz", "--converge"],
};
/// What only the service worker loads.
pub const WORKER: Module = Module {
    name: "worker",
    package: "smartoffice-worker",
    // No page loads it, and a household's checking and mapping runs in
    // it: fast first (a 1,000 + 1,000 household's decoding and mapping
    // took it 28 ms built for size).
    profile: "worker",
    wasm_opt: &["-O3"],
};

/// Builds `build/pkg/`: the worker module (`worker.js`, `worker_bg.wasm`),
/// and the page module as two classic scripts the worker runs in a frame
/// (`page.js` for its WebAssembly `page_bg.wasm`, and `page-plain.js`, the
/// same module as plain JavaScript for pages that forbid WebAssembly).
pub fn build() -> Result<PathBuf> {
    let pkg = paths::build().join("pkg");
    let _ = fs::remove_dir_all(&pkg);
    fs::create_dir_all(&pkg)
        .map_err(|error| format!("cannot create {}: {error}", pkg.display()))?;
    for module in [&PAGE, &WORKER] {
        let raw = cargo_build(module, &paths::root().join("target"), &[])?;
        bindgen(&raw, module.name, "web", &pkg)?;
        optimize(
            &pkg.join(format!("{}_bg.wasm", module.name)),
            module.wasm_opt,
        )?;
    }
    let glue = read(&pkg.join("page.js"))?;
    let bundled = bundle::page(&glue, &snippets_of(&glue, &pkg)?, &boot("page.js")?)?;
    write(&pkg.join("page.js"), &bundled)?;
    minify(&pkg.join("page.js"))?;
    remove_page_snippets(&pkg, &glue)?;
    build_plain_js(&pkg)?;
    Ok(pkg)
}

/// Minifies a page bundle in place with terser (pinned in package.json):
/// the bundle rides on every record frame, within a byte budget, and the
/// glue wasm-bindgen writes is readable JavaScript, a third of the frame's
/// bytes. The readable bundle is rebuilt from the sources by this build.
fn minify(script: &Path) -> Result<()> {
    cmd::run(
        Command::new(paths::node_bin("terser"))
            .arg(script)
            .args([
                "--compress",
                "passes=2",
                "--mangle",
                "--ecma",
                "2020",
                "--output",
            ])
            .arg(script),
    )
}

fn read(path: &Path) -> Result<String> {
    fs::read_to_string(path).map_err(|error| format!("cannot read {}: {error}", path.display()))
}

fn write(path: &Path, text: &str) -> Result<()> {
    fs::write(path, text).map_err(|error| format!("cannot write {}: {error}", path.display()))
}

/// The start of a page bundle, from `extension/boot/`.
fn boot(name: &str) -> Result<String> {
    read(&paths::root().join("extension").join("boot").join(name))
}

/// The snippets a glue file imports (`./snippets/<crate>/inline0.js`), read.
fn snippets_of(glue: &str, dir: &Path) -> Result<Vec<(String, String)>> {
    bundle::snippet_paths(glue)
        .into_iter()
        .map(|path| Ok((path.clone(), read(&dir.join(&path))?)))
        .collect()
}

/// The page's snippets are inside its bundle now; the worker's stay.
fn remove_page_snippets(pkg: &Path, glue: &str) -> Result<()> {
    for path in bundle::snippet_paths(glue) {
        let file = pkg.join(&path);
        if let Some(folder) = file.parent() {
            fs::remove_dir_all(folder)
                .map_err(|error| format!("cannot remove {}: {error}", folder.display()))?;
        }
    }
    Ok(())
}

fn cargo_build(module: &Module, target_dir: &Path, rustflags: &[&str]) -> Result<PathBuf> {
    let mut command = Command::new("cargo");
    command
        .current_dir(paths::root())
        .args(["build", "--lib", "--target", WASM_TARGET])
        .args(["--profile", module.profile])
        .args(["--package", module.package])
        .arg("--target-dir")
        .arg(target_dir);
    let mut flags = reproducible_flags();
    flags.extend(rustflags.iter().map(|flag| flag.to_string()));
    // One flag a field: a path with a space stays one flag.
    command
        .env_remove("RUSTFLAGS")
        .env("CARGO_ENCODED_RUSTFLAGS", flags.join("\u{1f}"));
    cmd::run(&mut command)?;
    Ok(target_dir
        .join(WASM_TARGET)
        .join(module.profile)
        .join(format!("{}.wasm", module.package.replace('-', "_"))))
}

/// Compiler flags that keep the machine out of the modules: the paths of
/// crates from the registry (which panic locations name) start at Cargo's
/// home, which differs per user, and the checkout's own at wherever it was
/// unpacked. Both are written as fixed names instead, so the same source
/// gives byte-identical wasm on any machine (`cargo xtask reproduce`).
pub fn reproducible_flags() -> Vec<String> {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")));
    let mut flags = Vec::new();
    if let Some(home) = cargo_home {
        flags.push(format!("--remap-path-prefix={}=/cargo", home.display()));
    }
    flags.push(format!(
        "--remap-path-prefix={}=/source",
        paths::root().display()
    ));
    flags
}

fn bindgen(raw: &Path, name: &str, target: &str, out: &Path) -> Result<()> {
    cmd::run(
        Command::new(tools::tool_bin("wasm-bindgen"))
            .arg(raw)
            .args(["--target", target, "--no-typescript", "--out-name", name])
            .arg("--out-dir")
            .arg(out),
    )
}

fn optimize(wasm: &Path, extra: &[&str]) -> Result<()> {
    cmd::run(
        Command::new(paths::node_bin("wasm-opt"))
            .arg(wasm)
            .args(["--strip-debug", "--strip-producers"])
            .args(extra)
            .arg("-o")
            .arg(wasm),
    )
}

/// What Rust's standard library for wasm32 may use. (Not `--all-features`,
/// which lets wasm-opt write encodings wasm-bindgen cannot read.)
const MVP_AND_REFERENCE_TYPES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// The page module turned into JavaScript: built without reference types
/// (which wasm2js cannot express) in a target folder of its own, lowered to
/// MVP wasm, translated, and bundled with its glue into `page-plain.js`.
fn build_plain_js(pkg: &Path) -> Result<()> {
    let target_dir = paths::root().join("target").join("wasm2js");
    let raw = cargo_build(&PAGE, &target_dir, &["-Ctarget-feature=-reference-types"])?;
    // The standard library still declares reference types in the module's
    // target features, which would make wasm-bindgen emit externref glue.
    cmd::run(
        Command::new(paths::node_bin("wasm-opt"))
            .arg(&raw)
            .args(MVP_AND_REFERENCE_TYPES)
            .args(["--strip-target-features", "-o"])
            .arg(&raw),
    )?;
    let out = paths::build().join("plain-js");
    let _ = fs::remove_dir_all(&out);
    bindgen(&raw, PAGE.name, "web", &out)?;
    let wasm = out.join("page_bg.wasm");
    optimize(
        &wasm,
        &[
            "-Oz",
            "--enable-bulk-memory",
            "--enable-bulk-memory-opt",
            "--enable-nontrapping-float-to-int",
            "--enable-sign-ext",
            "--enable-mutable-globals",
            "--llvm-nontrapping-fptoint-lowering",
            "--llvm-memory-copy-fill-lowering",
            "--signext-lowering",
        ],
    )?;
    let js = out.join("page_bg.wasm.js");
    cmd::run(
        Command::new(paths::node_bin("wasm2js"))
            .arg(&wasm)
            .arg("-Oz")
            .arg("-o")
            .arg(&js),
    )?;
    let glue = refresh_memory_views(&read(&out.join("page.js"))?)?;
    let bundled = bundle::plain_page(
        &glue,
        &snippets_of(&glue, &out)?,
        &read(&js)?,
        &boot("page-plain.js")?,
    )?;
    write(&pkg.join("page-plain.js"), &bundled)
}

/// wasm-bindgen's glue keeps views of the module's memory and renews them when
/// growth detaches the old buffer. wasm2js memory grows into a new buffer
/// without detaching the old one, so the glue would keep writing strings into
/// a stale copy: renew the views whenever the buffer is not the current one.
fn refresh_memory_views(glue: &str) -> Result<String> {
    let mut renewed = 0;
    let lines: Vec<String> = glue
        .lines()
        .map(|line| {
            let view = line
                .trim_start()
                .strip_prefix("if (")
                .and_then(|rest| rest.split_once(" === null || "))
                .map(|(view, _)| view)
                .filter(|view| view.starts_with("cached") && view.ends_with("Memory0"));
            match view {
                Some(view) => {
                    renewed += 1;
                    format!("    if ({view} === null || {view}.buffer !== wasm.memory.buffer) {{")
                }
                None => line.to_owned(),
            }
        })
        .collect();
    if renewed == 0 {
        return Err(
            "the wasm2js glue has no memory views to renew: wasm-bindgen's output changed".into(),
        );
    }
    Ok(lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_path_of_this_machine_reaches_the_wasm() {
        let flags = reproducible_flags();
        let root = format!("--remap-path-prefix={}=/source", paths::root().display());
        assert!(flags.contains(&root), "{flags:?}");
        if std::env::var_os("CARGO_HOME").is_some() || std::env::var_os("HOME").is_some() {
            assert!(
                flags
                    .iter()
                    .any(|flag| flag.starts_with("--remap-path-prefix=")
                        && flag.ends_with("=/cargo")),
                "{flags:?}"
            );
        }
    }
}
