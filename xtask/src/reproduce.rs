//! `cargo xtask reproduce`: the build is reproducible, checked the way a
//! store's reviewer would: dist/'s source package (`cargo xtask dist` writes
//! it) is unpacked in a folder of its own (`.tmp/reproduce/`, another path,
//! a cold target folder), built there with BUILD.md's one command, and every
//! file of every package, the zips included, must come out byte-identical.
//!
//! The npm packages and wasm-bindgen are copied in (the lockfile's and the
//! pinned version, as BUILD.md installs them) so the check needs no network.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Instant, SystemTime};

use crate::cmd::{self, Result};
use crate::{dist, paths, tools};

pub fn run() -> Result<()> {
    let started = Instant::now();
    let root = paths::root();
    let source_zip = paths::dist().join(dist::source_zip_name(&dist::crate_version()?));
    if !source_zip.is_file() {
        return Err(format!(
            "{} is missing: run cargo xtask dist first",
            source_zip.display()
        ));
    }
    let work = root.join(".tmp").join("reproduce");
    let _ = fs::remove_dir_all(&work);
    let unpacked = work.join("source");
    unzip(&source_zip, &unpacked)?;
    copy_node_modules(&root, &unpacked)?;
    let bin = unpacked.join(".tools").join("bin");
    fs::create_dir_all(&bin)
        .map_err(|error| format!("cannot create {}: {error}", bin.display()))?;
    // wasm-bindgen-cli's binaries, as `cargo install` leaves them (the build
    // checks the version of the one and that the test runner is there).
    for tool in ["wasm-bindgen", "wasm-bindgen-test-runner", "wasm2es6js"] {
        let installed = tools::tool_bin(tool);
        if installed.exists() {
            fs::copy(&installed, bin.join(tool))
                .map_err(|error| format!("cannot copy {tool}: {error}"))?;
        }
    }

    println!(
        "building {} again in {}",
        source_zip.display(),
        unpacked.display()
    );
    cmd::run(
        Command::new("cargo")
            .current_dir(&unpacked)
            .args(["xtask", "dist"])
            .env_remove("CARGO_TARGET_DIR")
            .env_remove("RUSTFLAGS")
            .env_remove("CARGO_ENCODED_RUSTFLAGS"),
    )?;

    let (same, different) = compare(&paths::dist(), &unpacked.join("dist"))?;
    println!(
        "reproduce: {same} files compared in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    if different.is_empty() {
        println!("reproduce: every file is byte-identical (wasm, scripts, manifests, zips)");
        let _ = fs::remove_dir_all(&work);
        Ok(())
    } else {
        Err(format!(
            "the build is not reproducible, these differ: {}",
            different.join(", ")
        ))
    }
}

fn unzip(zip_path: &Path, into: &Path) -> Result<()> {
    let file = fs::File::open(zip_path)
        .map_err(|error| format!("cannot open {}: {error}", zip_path.display()))?;
    let mut archive = zip::ZipArchive::new(file).map_err(|error| error.to_string())?;
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).map_err(|error| error.to_string())?;
        let Some(relative) = entry.enclosed_name() else {
            return Err(format!("{} has an unsafe path", entry.name()));
        };
        let target = into.join(relative);
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir)
                .map_err(|error| format!("cannot create {}: {error}", dir.display()))?;
        }
        let mut out = fs::File::create(&target)
            .map_err(|error| format!("cannot create {}: {error}", target.display()))?;
        std::io::copy(&mut entry, &mut out).map_err(|error| error.to_string())?;
        #[cfg(unix)]
        if let Some(mode) = entry.unix_mode() {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&target, fs::Permissions::from_mode(mode & 0o777))
                .map_err(|error| error.to_string())?;
        }
    }
    Ok(())
}

/// The installed npm packages (the lockfile's), copied: never linked, since
/// `npm ci` through a link would empty the original.
fn copy_node_modules(root: &Path, into: &Path) -> Result<()> {
    let installed = fs::canonicalize(root.join("node_modules"))
        .map_err(|error| format!("no node_modules to copy ({error}): run cargo xtask dist"))?;
    let target = into.join("node_modules");
    fs::create_dir_all(&target)
        .map_err(|error| format!("cannot create {}: {error}", target.display()))?;
    cmd::run(
        Command::new("cp")
            .arg("-a")
            .arg(installed.join("."))
            .arg(&target),
    )?;
    // Installed after the lockfile was unpacked, as `npm ci` would leave it.
    let marker = target.join(".package-lock.json");
    fs::File::options()
        .append(true)
        .open(&marker)
        .and_then(|file| file.set_modified(SystemTime::now()))
        .map_err(|error| format!("cannot touch {}: {error}", marker.display()))
}

/// Every file under `a` and `b` by relative path: how many were compared,
/// and which differ or are in one only.
fn compare(a: &Path, b: &Path) -> Result<(usize, Vec<String>)> {
    let list = |dir: &Path| -> Result<Vec<PathBuf>> {
        let mut files = Vec::new();
        dist::files_under(dir, &mut files)?;
        Ok(files
            .into_iter()
            .filter_map(|path| path.strip_prefix(dir).ok().map(Path::to_path_buf))
            .collect())
    };
    let (left, right) = (list(a)?, list(b)?);
    let mut different = Vec::new();
    for path in left.iter().filter(|path| !right.contains(path)) {
        different.push(format!("{} (only in the first build)", path.display()));
    }
    for path in right.iter().filter(|path| !left.contains(path)) {
        different.push(format!("{} (only in the second build)", path.display()));
    }
    let mut same = 0;
    for path in left.iter().filter(|path| right.contains(path)) {
        let read = |dir: &Path| fs::read(dir.join(path)).map_err(|error| error.to_string());
        if read(a)? == read(b)? {
            same += 1;
        } else {
            different.push(path.display().to_string());
        }
    }
    Ok((same, different))
}
