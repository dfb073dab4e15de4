//! `cargo xtask`: every chore of the project, in Rust.
//!
//! - `cargo xtask dist`: build the installable extension (Chrome, Firefox, each also as a development build).
//! - `cargo xtask test`: every check and test suite; non-zero on any failure.

mod cmd;
mod dist;
mod manifest;
mod paths;
mod test;
mod tools;
mod wasm;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("dist") => dist::run().map(|_| ()),
        Some("test") => test::run(),
        _ => {
            eprintln!("usage: cargo xtask <dist|test>");
            eprintln!(
                "  dist   build the extension into dist/ (chrome, chrome-dev, firefox, firefox-dev and zips)"
            );
            eprintln!("  test   run every check and test suite");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("xtask: {error}");
            ExitCode::FAILURE
        }
    }
}
