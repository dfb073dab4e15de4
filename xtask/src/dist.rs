//! `cargo xtask dist`: the installable extension, for every browser, with zips.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use flate2::{write::GzEncoder, Compression};
use zip::write::SimpleFileOptions;

use crate::cmd::Result;
use crate::manifest::{self, Flavor};
use crate::{paths, tools, wasm};

/// What a record frame loads from the extension: the loader, then (once the
/// advisor opens its Menu) the page module and its WebAssembly.
pub const RECORD_FRAME_FILES: [&str; 3] = ["loader.js", "pkg/page.js", "pkg/page_bg.wasm"];
/// What every other SmartOffice frame loads: the loader alone.
pub const OTHER_FRAME_FILES: [&str; 1] = ["loader.js"];
/// The budgets, gzipped.
pub const RECORD_FRAME_BUDGET: usize = 64 * 1024;
pub const OTHER_FRAME_BUDGET: usize = 2 * 1024;
/// The sources of the page bundles, which are not shipped as they are.
const NOT_SHIPPED: [&str; 1] = ["boot"];

pub fn run() -> Result<()> {
    tools::ensure_all()?;
    let pkg = wasm::build()?;
    let version = crate_version()?;
    let source: serde_json::Value =
        serde_json::from_str(&read(&paths::root().join("manifest.json"))?)
            .map_err(|error| format!("manifest.json is not valid JSON: {error}"))?;
    let dist = paths::dist();
    let _ = fs::remove_dir_all(&dist);
    let mut built = Vec::new();
    for flavor in Flavor::ALL {
        let dir = dist.join(flavor.dir_name());
        copy_dir(&paths::root().join("extension"), &dir)?;
        copy_dir(&pkg, &dir.join("pkg"))?;
        write(&dir.join("loader.js"), loader()?.as_bytes())?;
        let manifest = manifest::for_flavor(&source, &version, flavor);
        let text = serde_json::to_string_pretty(&manifest).map_err(|error| error.to_string())?;
        write(&dir.join("manifest.json"), text.as_bytes())?;
        let defaults = serde_json::to_string_pretty(&manifest::defaults(flavor))
            .map_err(|error| error.to_string())?;
        write(&dir.join("defaults.json"), defaults.as_bytes())?;
        let zip = dist.join(format!(
            "smartoffice-emoney-{}-{version}.zip",
            flavor.dir_name()
        ));
        zip_dir(&dir, &zip)?;
        built.push((flavor, dir, zip));
    }
    let source_zip = dist.join(source_zip_name(&version));
    zip_files(&paths::root(), &source_files(&paths::root())?, &source_zip)?;
    report(&built, &dist.join(Flavor::Chrome.dir_name()))?;
    println!();
    println!(
        "Source for addons.mozilla.org's review (build it with BUILD.md): {}",
        source_zip.display()
    );
    Ok(())
}

/// The source package's name in dist/.
pub fn source_zip_name(version: &str) -> String {
    format!("smartoffice-emoney-source-{version}.zip")
}

/// Folders that are never source: what the build and its tools write
/// (the root's `.gitignore` lists the same).
const NOT_SOURCE: [&str; 8] = [
    "target",
    "dist",
    "build",
    ".tools",
    "node_modules",
    "data",
    ".tmp",
    ".git",
];

/// The files of the source package: what git tracks, and files not yet
/// added that git does not ignore (so a build of a work tree zips what it
/// built from). Outside a git checkout (an unpacked source package), every
/// file but the build's own folders.
pub fn source_files(root: &Path) -> Result<Vec<PathBuf>> {
    // Only a checkout of its own: an unpacked source package inside another
    // checkout (`cargo xtask reproduce` unpacks into `.tmp/`, which git
    // ignores) would get that checkout's answer, which is nothing.
    let git = || {
        std::process::Command::new("git")
            .current_dir(root)
            .args(["rev-parse", "--show-toplevel"])
            .output()
            .ok()
            .filter(|output| output.status.success())
            .and_then(|output| {
                let top = String::from_utf8_lossy(&output.stdout).trim().to_owned();
                fs::canonicalize(top).ok()
            })
            .is_some_and(|top| fs::canonicalize(root).is_ok_and(|root| root == top))
    };
    let listed = if !git() {
        Err(std::io::Error::other("not a checkout of its own"))
    } else {
        std::process::Command::new("git")
            .current_dir(root)
            .args([
                "ls-files",
                "-z",
                "--cached",
                "--others",
                "--exclude-standard",
            ])
            .output()
    };
    let mut files: Vec<PathBuf> = match listed {
        Ok(output) if output.status.success() => output
            .stdout
            .split(|byte| *byte == 0)
            .filter(|name| !name.is_empty())
            .map(|name| root.join(String::from_utf8_lossy(name).as_ref()))
            .filter(|path| path.is_file())
            .collect(),
        _ => {
            let mut all = Vec::new();
            for entry in fs::read_dir(root)
                .map_err(|error| format!("cannot list {}: {error}", root.display()))?
            {
                let path = entry.map_err(|error| error.to_string())?.path();
                let name = path.file_name().unwrap_or_default().to_string_lossy();
                if NOT_SOURCE.iter().any(|skip| *skip == name) {
                    continue;
                }
                if path.is_dir() {
                    files_under(&path, &mut all)?;
                } else {
                    all.push(path);
                }
            }
            all
        }
    };
    files.retain(|path| {
        path.strip_prefix(root)
            .ok()
            .and_then(|relative| relative.components().next())
            .is_some_and(|first| {
                !NOT_SOURCE
                    .iter()
                    .any(|skip| first.as_os_str() == std::ffi::OsStr::new(skip))
            })
    });
    files.sort();
    files.dedup();
    if !files.iter().any(|path| path.ends_with("Cargo.toml")) {
        return Err(format!("no source found in {}", root.display()));
    }
    Ok(files)
}

fn report(built: &[(Flavor, PathBuf, PathBuf)], chrome: &Path) -> Result<()> {
    println!();
    println!("Built the extension:");
    for (flavor, dir, zip) in built {
        println!(
            "  {:<11} {}  (zip: {})",
            flavor.dir_name(),
            dir.display(),
            zip.display()
        );
    }
    println!();
    println!("Load it unpacked:");
    println!("  Chrome:  chrome://extensions > Developer mode > Load unpacked > dist/chrome-dev (or dist/chrome)");
    println!("  Edge:    edge://extensions > Developer mode > Load unpacked > dist/chrome-dev (or dist/chrome)");
    println!("  Firefox: about:debugging#/runtime/this-firefox > Load Temporary Add-on > dist/firefox-dev/manifest.json (or dist/firefox/manifest.json)");
    println!();
    for (what, files, budget) in [
        (
            "What a record frame loads",
            &RECORD_FRAME_FILES[..],
            RECORD_FRAME_BUDGET,
        ),
        (
            "What any other SmartOffice frame loads",
            &OTHER_FRAME_FILES[..],
            OTHER_FRAME_BUDGET,
        ),
    ] {
        println!("{what}:");
        let (mut raw_total, mut gz_total) = (0, 0);
        for file in files {
            let bytes = fs::read(chrome.join(file))
                .map_err(|error| format!("cannot read {file}: {error}"))?;
            let gz = gzipped_len(&bytes)?;
            println!(
                "  {file:<18} {:>8} bytes raw {gz:>8} bytes gzipped",
                bytes.len()
            );
            raw_total += bytes.len();
            gz_total += gz;
        }
        println!(
            "  {:<18} {raw_total:>8} bytes raw {gz_total:>8} bytes gzipped (budget {budget})",
            "total"
        );
    }
    Ok(())
}

/// The gzipped bytes `files` of a build come to.
pub fn gzipped_total(build: &Path, files: &[&str]) -> Result<usize> {
    files
        .iter()
        .map(|file| {
            let bytes = fs::read(build.join(file))
                .map_err(|error| format!("cannot read {file}: {error}"))?;
            gzipped_len(&bytes)
        })
        .sum()
}

/// `extension/loader.js` with the page profile's selectors written in: the
/// loader decides, before any of the page module loads, whether a frame is a
/// record frame and when the advisor opens a Menu.
fn loader() -> Result<String> {
    let source = read(&paths::root().join("extension").join("loader.js"))?;
    let profile = smartoffice_snapshot::profile::page::smartoffice_page();
    let written = serde_json::json!({
        "recordFrames": profile.record_frames,
        "menuButtons": profile.menu_buttons,
    });
    let start = "/* profile */";
    let end = "/* end profile */";
    let (before, rest) = source
        .split_once(start)
        .ok_or("loader.js has no /* profile */ marker")?;
    let (_, after) = rest
        .split_once(end)
        .ok_or("loader.js has no /* end profile */ marker")?;
    Ok(format!("{before}{written}{after}"))
}

pub fn gzipped_len(bytes: &[u8]) -> Result<usize> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder
        .write_all(bytes)
        .map_err(|error| error.to_string())?;
    Ok(encoder.finish().map_err(|error| error.to_string())?.len())
}

/// The `[package]` version of the extension crate.
pub fn crate_version() -> Result<String> {
    let text = read(&paths::root().join("Cargo.toml"))?;
    text.lines()
        .find_map(|line| line.strip_prefix("version = \"")?.strip_suffix('"'))
        .map(str::to_owned)
        .ok_or_else(|| "Cargo.toml has no version".into())
}

fn read(path: &Path) -> Result<String> {
    fs::read_to_string(path).map_err(|error| format!("cannot read {}: {error}", path.display()))
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    fs::write(path, bytes).map_err(|error| format!("cannot write {}: {error}", path.display()))
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    fs::create_dir_all(to).map_err(|error| format!("cannot create {}: {error}", to.display()))?;
    for entry in
        fs::read_dir(from).map_err(|error| format!("cannot list {}: {error}", from.display()))?
    {
        let entry = entry.map_err(|error| error.to_string())?;
        if NOT_SHIPPED.iter().any(|name| entry.file_name() == *name) {
            continue;
        }
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target)
                .map_err(|error| format!("cannot copy {}: {error}", entry.path().display()))?;
        }
    }
    Ok(())
}

/// Files in a stable order, so the same build zips the same way.
pub fn files_under(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|error| format!("cannot list {}: {error}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files_under(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

fn zip_dir(dir: &Path, zip_path: &Path) -> Result<()> {
    let mut files = Vec::new();
    files_under(dir, &mut files)?;
    zip_files(dir, &files, zip_path)
}

/// `files` (under `dir`) zipped in their order, with no time or owner in the
/// archive: the same files give the same zip, byte for byte.
fn zip_files(dir: &Path, files: &[PathBuf], zip_path: &Path) -> Result<()> {
    let file = fs::File::create(zip_path)
        .map_err(|error| format!("cannot create {}: {error}", zip_path.display()))?;
    let mut zip = zip::ZipWriter::new(file);
    for path in files {
        let executable = executable(path);
        let options = SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(zip::DateTime::default())
            .unix_permissions(if executable { 0o755 } else { 0o644 });
        let name = path
            .strip_prefix(dir)
            .map_err(|error| error.to_string())?
            .to_string_lossy()
            .replace('\\', "/");
        zip.start_file(name, options)
            .map_err(|error| error.to_string())?;
        zip.write_all(&fs::read(path).map_err(|error| error.to_string())?)
            .map_err(|error| error.to_string())?;
    }
    zip.finish().map_err(|error| error.to_string())?;
    Ok(())
}

#[cfg(unix)]
fn executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).is_ok_and(|meta| meta.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn executable(_: &Path) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_source_package_is_the_checkout_without_what_builds_write() {
        let root = paths::root();
        let files = source_files(&root).expect("the source files");
        let names: Vec<String> = files
            .iter()
            .map(|path| {
                path.strip_prefix(&root)
                    .expect("under the root")
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        for needed in [
            "BUILD.md",
            "Cargo.lock",
            "package-lock.json",
            "manifest.json",
            "xtask/src/dist.rs",
        ] {
            assert!(names.iter().any(|name| name == needed), "{needed}");
        }
        for name in &names {
            let first = name.split('/').next().unwrap_or_default();
            assert!(!NOT_SOURCE.contains(&first), "{name}");
        }
        let mut sorted = files.clone();
        sorted.sort();
        assert!(files == sorted, "in a stable order");
    }

    #[test]
    fn the_same_files_zip_to_the_same_bytes() {
        let dir = paths::root().join(".tmp").join("xtask-zip-test");
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("a folder");
        let files = vec![paths::root().join("manifest.json")];
        let (a, b) = (dir.join("a.zip"), dir.join("b.zip"));
        zip_files(&paths::root(), &files, &a).expect("a zip");
        zip_files(&paths::root(), &files, &b).expect("a zip");
        assert_eq!(fs::read(&a).expect("a"), fs::read(&b).expect("b"));
        let _ = fs::remove_dir_all(&dir);
    }
}
