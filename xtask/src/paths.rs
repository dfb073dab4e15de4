//! Where things are in the repository.

use std::path::{Path, PathBuf};

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Tools the build installs for itself (wasm-bindgen-cli).
pub fn tools() -> PathBuf {
    root().join(".tools")
}

/// Intermediate build output (wasm-bindgen packages).
pub fn build() -> PathBuf {
    root().join("build")
}

pub fn dist() -> PathBuf {
    root().join("dist")
}

pub fn node_bin(name: &str) -> PathBuf {
    root().join("node_modules").join(".bin").join(name)
}
