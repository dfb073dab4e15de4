//! The two wasm modules (the content script's and the service worker's
//! crates), and the plain-JS (wasm2js) copy of the page module for pages whose
//! CSP forbids WebAssembly.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::cmd::{self, Result};
use crate::paths;
use crate::tools::{self, WASM_TARGET};

/// A wasm module of the extension: one crate of the workspace.
pub struct Module {
    /// Output name: `pkg/<name>.js` and `pkg/<name>_bg.wasm`.
    pub name: &'static str,
    pub package: &'static str,
}

/// What a SmartOffice page loads.
pub const PAGE: Module = Module {
    name: "page",
    package: "smartoffice-page",
};
/// What only the service worker loads.
pub const WORKER: Module = Module {
    name: "worker",
    package: "smartoffice-worker",
};

/// Builds `build/pkg/` (page and worker, for `--target web`) and
/// `build/pkg/fallback/` (the page module as plain JS).
pub fn build() -> Result<PathBuf> {
    let pkg = paths::build().join("pkg");
    let _ = fs::remove_dir_all(&pkg);
    fs::create_dir_all(&pkg)
        .map_err(|error| format!("cannot create {}: {error}", pkg.display()))?;
    for module in [&PAGE, &WORKER] {
        let raw = cargo_build(module, &paths::root().join("target"), &[])?;
        bindgen(&raw, module.name, "web", &pkg)?;
        optimize(&pkg.join(format!("{}_bg.wasm", module.name)), &[])?;
    }
    build_fallback(&pkg.join("fallback"))?;
    Ok(pkg)
}

fn cargo_build(module: &Module, target_dir: &Path, rustflags: &[&str]) -> Result<PathBuf> {
    let mut command = Command::new("cargo");
    command
        .current_dir(paths::root())
        .args(["build", "--release", "--lib", "--target", WASM_TARGET])
        .args(["--package", module.package])
        .arg("--target-dir")
        .arg(target_dir);
    if !rustflags.is_empty() {
        command.env("RUSTFLAGS", rustflags.join(" "));
    }
    cmd::run(&mut command)?;
    Ok(target_dir
        .join(WASM_TARGET)
        .join("release")
        .join(format!("{}.wasm", module.package.replace('-', "_"))))
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
            .args(["-Oz", "--strip-debug", "--strip-producers"])
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

/// The page module turned into JavaScript: built without reference types (which
/// wasm2js cannot express) in a target folder of its own, lowered to MVP wasm,
/// then translated. Its glue is pointed at the `.wasm.js` file.
fn build_fallback(out: &Path) -> Result<()> {
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
    bindgen(&raw, PAGE.name, "bundler", out)?;
    let wasm = out.join("page_bg.wasm");
    optimize(
        &wasm,
        &[
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
    fs::remove_file(&wasm).map_err(|error| format!("cannot remove {}: {error}", wasm.display()))?;
    refresh_memory_views(&out.join("page_bg.js"))?;
    let glue_path = out.join("page.js");
    let glue = fs::read_to_string(&glue_path)
        .map_err(|error| format!("cannot read {}: {error}", glue_path.display()))?;
    if !glue.contains("\"./page_bg.wasm\"") {
        return Err(
            "the wasm2js glue does not import ./page_bg.wasm: wasm-bindgen's output changed".into(),
        );
    }
    fs::write(
        &glue_path,
        glue.replace("\"./page_bg.wasm\"", "\"./page_bg.wasm.js\""),
    )
    .map_err(|error| format!("cannot write {}: {error}", glue_path.display()))
}

/// wasm-bindgen's glue keeps views of the module's memory and renews them when
/// growth detaches the old buffer. wasm2js memory grows into a new buffer
/// without detaching the old one, so the glue would keep writing strings into
/// a stale copy: renew the views whenever the buffer is not the current one.
fn refresh_memory_views(glue_path: &Path) -> Result<()> {
    let glue = fs::read_to_string(glue_path)
        .map_err(|error| format!("cannot read {}: {error}", glue_path.display()))?;
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
    fs::write(glue_path, lines.join("\n"))
        .map_err(|error| format!("cannot write {}: {error}", glue_path.display()))
}
