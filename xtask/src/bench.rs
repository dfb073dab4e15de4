//! `cargo xtask bench [--check] [--quick] [--full-limit] [--only=…]`: the budgets of
//! the extension measured in headless Chromium by `tests/bench/bench.mjs`
//! (bytes per frame, page-load time, click to sign-in, reading against
//! plain JavaScript, click to eMoney, memory, the eMoney rate limit). The
//! report is written to `target/bench/report.{json,md}` and printed.
//!
//! - `--check`: non-zero when a budget is missed.
//! - `--quick`: fewer runs of each measure (a rough look, not a verdict).
//! - `--full-limit`: the 1,000-item export waits out real minutes of the
//!   60-calls-a-minute limit (about 20 minutes) instead of compressed ones.
//! - `--only=bytes,load,dialog,window,memory,limit`: those sections alone.

use std::process::Command;

use crate::cmd::{self, Result};
use crate::{paths, ready};

const USAGE: &str =
    "usage: cargo xtask bench [--check] [--quick] [--full-limit] [--only=bytes,load,dialog,window,memory,limit]";

pub fn run(args: &[String]) -> Result<()> {
    for arg in args {
        let known = matches!(arg.as_str(), "--check" | "--quick" | "--full-limit");
        if !known && !arg.starts_with("--only=") {
            return Err(format!("unknown option {arg:?}; {USAGE}"));
        }
    }
    let tmp = ready::for_node("bench")?;
    let result = cmd::run(
        Command::new("node")
            .current_dir(paths::root())
            .env("TMPDIR", &tmp)
            .arg("tests/bench/bench.mjs")
            .args(args),
    );
    ready::done(&tmp);
    result.map_err(|error| format!("the bench failed or a budget was missed: {error}"))
}
