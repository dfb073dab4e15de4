//! `cargo xtask`: every chore of the project, in Rust.
//!
//! - `cargo xtask dist`: build the installable extension (Chrome, Firefox,
//!   each also as a development build).
//! - `cargo xtask test [--only unit|browser|e2e|lint]`: every check and test
//!   suite (or the tiers named); non-zero on any failure.

mod bundle;
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
        Some("test") => test::run(&args[1..]),
        _ => {
            eprintln!("usage: cargo xtask <dist|test>");
            eprintln!(
                "  dist   build the extension into dist/ (chrome, chrome-dev, firefox, firefox-dev and zips)"
            );
            eprintln!("  test   run every check and test suite (--only unit|browser|e2e|lint: those tiers)");
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
