//! What the node scripts of `cargo xtask demo` and `cargo xtask bench` need
//! before they start: the tools, Chromium, a development build as new as
//! its sources, the sandbox's binary, and a temporary folder of their own.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

use crate::cmd::{self, Result};
use crate::manifest::Flavor;
use crate::{dist, paths, tools};

/// Gets everything ready; returns the temporary folder (`.tmp/<name>`, for
/// `TMPDIR`: Chromium's profiles stay inside the repository).
pub fn for_node(name: &str) -> Result<PathBuf> {
    let root = paths::root();
    tools::ensure_all()?;
    tools::ensure_chromium()?;
    if dist_is_current()? {
        println!("dist/ is newer than every source: not rebuilt (cargo xtask dist rebuilds it)");
    } else {
        dist::run()?;
    }
    // The sandbox binary the node scripts start (target/debug/emoney-sandbox).
    cmd::run(Command::new("cargo").current_dir(&root).args([
        "build",
        "--quiet",
        "--package",
        "emoney-sandbox",
    ]))?;
    let tmp = root.join(".tmp").join(name);
    let _ = fs::remove_dir_all(&tmp);
    fs::create_dir_all(&tmp)
        .map_err(|error| format!("cannot create {}: {error}", tmp.display()))?;
    Ok(tmp)
}

/// Removes what [`for_node`] made.
pub fn done(tmp: &Path) {
    let _ = fs::remove_dir_all(tmp);
}

/// Whether the development build is newer than everything it is built from.
fn dist_is_current() -> Result<bool> {
    let root = paths::root();
    let built = root
        .join("dist")
        .join(Flavor::ChromeDev.dir_name())
        .join("manifest.json");
    let Some(built_at) = modified(&built) else {
        return Ok(false);
    };
    let sources = [
        "src",
        "crates",
        "extension",
        "xtask/src",
        "manifest.json",
        "Cargo.toml",
        "Cargo.lock",
    ];
    for source in sources {
        if newest(&root.join(source)).is_some_and(|at| at > built_at) {
            return Ok(false);
        }
    }
    Ok(true)
}

fn modified(path: &Path) -> Option<SystemTime> {
    fs::metadata(path).and_then(|meta| meta.modified()).ok()
}

/// The newest modification time of a file, or of any file under a folder.
fn newest(path: &Path) -> Option<SystemTime> {
    let meta = fs::metadata(path).ok()?;
    if !meta.is_dir() {
        return meta.modified().ok();
    }
    fs::read_dir(path)
        .ok()?
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.file_name() != "target")
        .filter_map(|entry| newest(&entry.path()))
        .max()
}
