//! `cargo xtask fuzz [--cases N]`: the long property runs of `tests/fuzz.rs`,
//! optimized (the `fuzz` profile: release optimizations, with overflow and
//! debug assertions on and unwinding, which the test harness needs), N cases
//! per target (default 10,000). Prints each target's count, the total and
//! the time taken; non-zero when any target fails.
//!
//! The test binary is built by cargo and then run on its own, so the build
//! directory's lock is not held for the whole run.

use std::process::Command;
use std::time::Instant;

use crate::cmd::{self, Result};
use crate::paths;

const DEFAULT_CASES: u64 = 10_000;

fn usage() -> String {
    "usage: cargo xtask fuzz [--cases N]".into()
}

fn cases(args: &[String]) -> Result<u64> {
    match args {
        [] => Ok(DEFAULT_CASES),
        [flag, n] if flag == "--cases" => n
            .replace(['_', ','], "")
            .parse()
            .ok()
            .filter(|&n| n > 0)
            .ok_or_else(usage),
        _ => Err(usage()),
    }
}

/// Builds the fuzz test binary and returns its path.
fn build() -> Result<String> {
    let mut command = Command::new("cargo");
    command.current_dir(paths::root()).args([
        "test",
        "--profile",
        "fuzz",
        "--test",
        "fuzz",
        "--no-run",
        "--message-format=json-render-diagnostics",
    ]);
    let (ok, lines) = cmd::run_captured(&mut command)?;
    if !ok {
        return Err("could not build tests/fuzz.rs".into());
    }
    lines
        .iter()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|message| message["target"]["name"] == "fuzz")
        .find_map(|message| message["executable"].as_str().map(str::to_owned))
        .ok_or_else(|| "cargo named no fuzz test binary".into())
}

/// `fuzz: <target> <n> cases` lines, added up.
fn total(lines: &[String]) -> (u64, usize) {
    let counts: Vec<u64> = lines
        .iter()
        .filter_map(|line| line.strip_prefix("fuzz: "))
        .filter_map(|rest| rest.strip_suffix(" cases"))
        .filter_map(|rest| rest.rsplit(' ').next()?.parse().ok())
        .collect();
    (counts.iter().sum(), counts.len())
}

pub fn run(args: &[String]) -> Result<()> {
    let cases = cases(args)?;
    let binary = build()?;
    let start = Instant::now();
    let mut command = Command::new(&binary);
    command
        .current_dir(paths::root())
        .env("FUZZ_CASES", cases.to_string())
        .args(["--nocapture", "--test-threads=2"]);
    let (ok, lines) = cmd::run_captured(&mut command)?;
    let seconds = start.elapsed().as_secs_f64();
    let (total, targets) = total(&lines);
    println!(
        "fuzz: {total} cases in all ({targets} targets, {cases} each asked) in {seconds:.1} s"
    );
    if ok {
        Ok(())
    } else {
        Err("a fuzz target failed (its smallest failing input is above)".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_added_up() {
        let lines = [
            "fuzz: parsers 10 cases".to_string(),
            "noise".to_string(),
            "fuzz: snapshot walk 7 cases".to_string(),
        ];
        assert_eq!(total(&lines), (17, 2));
    }

    #[test]
    fn cases_are_read() {
        assert_eq!(cases(&[]), Ok(DEFAULT_CASES));
        let args = ["--cases".to_string(), "125_000".to_string()];
        assert_eq!(cases(&args), Ok(125_000));
        assert!(cases(&["--cases".to_string()]).is_err());
        assert!(cases(&["--cases".to_string(), "0".to_string()]).is_err());
    }
}
