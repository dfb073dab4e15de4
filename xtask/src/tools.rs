//! What the build needs and installs for itself when it is missing: the wasm32
//! target, wasm-bindgen-cli at exactly the crate's version, the npm packages
//! of the lockfile (binaryen's wasm-opt and wasm2js, playwright-core,
//! selenium-webdriver, web-ext), and for the browser suites Debian's Chromium,
//! ChromeDriver and Firefox ESR and a pinned geckodriver.

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

/// Debian's Firefox ESR, which the Firefox suite drives.
pub const FIREFOX: &str = "/usr/bin/firefox-esr";

/// Installs Firefox ESR from the system's packages when missing.
pub fn ensure_firefox() -> Result<()> {
    if Path::new(FIREFOX).exists() {
        return Ok(());
    }
    cmd::run(Command::new("apt-get").args(["update", "-qq"]))?;
    cmd::run(
        Command::new("apt-get")
            .args(["install", "-y", "-qq", "firefox-esr"])
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
    .map_err(|error| format!("{error}: install the package firefox-esr (as root)"))
}

/// The geckodriver the Firefox suite was measured with (Firefox ESR 153).
/// Debian has no package of it and browser-driver downloads are impossible
/// here: crates.io has it.
pub const GECKODRIVER_VERSION: &str = "0.37.1";

/// Installs geckodriver into `.tools/` unless that version is there (about
/// three minutes on two cores). `--locked` works for this crate here (it does
/// not for wasm-bindgen-cli): geckodriver builds with the dependencies its
/// release was tested with.
pub fn ensure_geckodriver() -> Result<()> {
    let have =
        cmd::output(Command::new(tool_bin("geckodriver")).arg("--version")).unwrap_or_default();
    if have.split_whitespace().nth(1) == Some(GECKODRIVER_VERSION) {
        return Ok(());
    }
    cmd::run(
        Command::new("cargo")
            .args([
                "install",
                "geckodriver",
                "--locked",
                "--force",
                "--version",
                GECKODRIVER_VERSION,
                "--root",
            ])
            .arg(paths::tools()),
    )
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
    // A node_modules that is a link to another checkout's belongs to that
    // checkout: `npm ci` here would empty it through the link.
    if fs::symlink_metadata(root.join("node_modules"))
        .is_ok_and(|meta| meta.file_type().is_symlink())
    {
        println!(
            "node_modules is a link to another checkout's packages: used as it is (no npm ci)"
        );
        return Ok(());
    }
    cmd::run(
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&root),
    )
}
