//! `cargo xtask`: every chore of the project, in Rust.
//!
//! - `cargo xtask dist`: build the installable extension (Chrome, Firefox,
//!   each also as a development build).
//! - `cargo xtask test [--only unit|browser|e2e|lint]`: every check and test
//!   suite (or the tiers named); non-zero on any failure.
//! - `cargo xtask demo [--headless [--update-docs]]`: the extension on a demo
//!   SmartOffice office against the eMoney sandbox, in a Chromium window, or
//!   told by itself in headless Chromium with a screenshot per step.
//! - `cargo xtask fuzz [--cases N]`: the long property runs of tests/fuzz.rs,
//!   optimized, N cases per target; prints the total case count.
//! - `cargo xtask bench [--check]`: the performance budgets measured in
//!   headless Chromium; a report under target/bench/.
//! - `cargo xtask icons`: the icon sizes the stores ask for, from the drawn one.
//! - `cargo xtask reproduce`: builds dist/'s source zip again in a folder of
//!   its own, from nothing, and checks every file comes out byte-identical.

mod bench;
mod bundle;
mod cmd;
mod demo;
mod dist;
mod fuzz;
mod icons;
mod manifest;
mod paths;
mod ready;
mod reproduce;
mod test;
mod tools;
mod wasm;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("dist") => dist::run().map(|_| ()),
        Some("test") => test::run(&args[1..]),
        Some("demo") => demo::run(&args[1..]),
        Some("fuzz") => fuzz::run(&args[1..]),
        Some("bench") => bench::run(&args[1..]),
        Some("icons") => icons::run(),
        Some("reproduce") => reproduce::run(),
        _ => {
            eprintln!("usage: cargo xtask <dist|test|demo|fuzz|bench|icons|reproduce>");
            eprintln!(
                "  dist   build the extension into dist/ (chrome, chrome-dev, firefox, firefox-dev and zips)"
            );
            eprintln!("  test   run every check and test suite (--only unit|browser|e2e|lint: those tiers)");
            eprintln!("  demo   the extension on a demo office in Chromium (--headless: the whole story by itself, screenshots in target/demo; --update-docs: also docs/screenshots)");
            eprintln!("  fuzz   the long property runs of tests/fuzz.rs, optimized (--cases N per target, default 10,000)");
            eprintln!("  bench  the performance budgets in headless Chromium, report in target/bench (--check: fail on a missed budget; --quick: fewer runs)");
            eprintln!("  icons  the icon sizes the stores ask for, made from extension/icons/icon-128.png");
            eprintln!("  reproduce  build dist/'s source zip again in a folder of its own and compare every file");
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
