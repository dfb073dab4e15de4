//! What the build needs and installs for itself when it is missing: the wasm32
//! target, wasm-bindgen-cli at exactly the crate's version, and the npm
//! packages of the lockfile (binaryen's wasm-opt and wasm2js, playwright-core,
//! web-ext).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::cmd::{self, Result};
use crate::paths;

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Debian's Chromium and ChromeDriver, which the browser tests drive.
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Installs Chromium and ChromeDriver from the system's packages when missing
/// (browser downloads are impossible on our machines).
pub fn ensure_chromium() -> Result<()> {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        return Ok(());
    }
    cmd::run(Command::new("apt-get").args(["update", "-qq"]))?;
    cmd::run(
        Command::new("apt-get")
            .args(["install", "-y", "-qq", "chromium", "chromium-driver"])
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
    .map_err(|error| {
        format!("{error}: install the packages chromium and chromium-driver (as root)")
    })
}

pub fn ensure_all() -> Result<()> {
    ensure_wasm_target()?;
    ensure_wasm_bindgen()?;
    ensure_npm_packages()
}

pub fn ensure_wasm_target() -> Result<()> {
    let installed = cmd::output(Command::new("rustup").args(["target", "list", "--installed"]))
        .unwrap_or_default();
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        return Ok(());
    }
    cmd::run(Command::new("rustup").args(["target", "add", WASM_TARGET]))
}

/// The `wasm-bindgen` version the crate resolved to (Cargo.lock), which the
/// CLI must match exactly.
pub fn wasm_bindgen_version() -> Result<String> {
    let lock = fs::read_to_string(paths::root().join("Cargo.lock"))
        .map_err(|error| format!("cannot read Cargo.lock: {error}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines
                .next()
                .and_then(|next| next.trim().strip_prefix("version = \""))
                .and_then(|rest| rest.strip_suffix('"'))
            {
                return Ok(version.to_owned());
            }
        }
    }
    Err("Cargo.lock names no wasm-bindgen version".into())
}

pub fn tool_bin(name: &str) -> PathBuf {
    paths::tools().join("bin").join(name)
}

/// Installs wasm-bindgen-cli into `.tools/` unless the right version is there.
/// (`--locked` is left out on purpose: the registry mirror lacks one of its
/// locked dependencies' exact versions.)
pub fn ensure_wasm_bindgen() -> Result<()> {
    let version = wasm_bindgen_version()?;
    let have =
        cmd::output(Command::new(tool_bin("wasm-bindgen")).arg("--version")).unwrap_or_default();
    let runner = tool_bin("wasm-bindgen-test-runner");
    if have.split_whitespace().nth(1) == Some(version.as_str()) && runner.exists() {
        return Ok(());
    }
    cmd::run(
        Command::new("cargo")
            .args([
                "install",
                "wasm-bindgen-cli",
                "--force",
                "--version",
                &version,
                "--root",
            ])
            .arg(paths::tools()),
    )
}

/// `npm ci` when node_modules is missing or older than the lockfile.
pub fn ensure_npm_packages() -> Result<()> {
    let root = paths::root();
    let lock = root.join("package-lock.json");
    let installed = root.join("node_modules").join(".package-lock.json");
    let modified = |path: &PathBuf| fs::metadata(path).and_then(|meta| meta.modified()).ok();
    let fresh = match (modified(&installed), modified(&lock)) {
        (Some(installed), Some(lock)) => installed >= lock,
        _ => false,
    };
    if fresh {
        return Ok(());
    }
    cmd::run(
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&root),
    )
}
