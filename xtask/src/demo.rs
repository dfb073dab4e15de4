//! `cargo xtask demo [--headless [--update-docs]]`: the extension at work on a
//! demo SmartOffice office against the eMoney sandbox.
//!
//! - `cargo xtask demo`: builds what it needs, then `demo/run.mjs` serves the
//!   office (`demo/office/`), starts the sandbox with the demo advisor and the
//!   clients of `demo/seed.json`, and opens Chromium with `dist/chrome-dev`
//!   on the office, until Ctrl-C.
//! - `--headless`: `demo/story.mjs` tells the whole story by itself in
//!   headless Chromium, a screenshot per step under `target/demo/`; non-zero
//!   unless every step worked. `--update-docs` also copies the screenshots to
//!   `docs/screenshots/` (the README's and the user guide's pictures).

use std::process::Command;

use crate::cmd::{self, Result};
use crate::{paths, ready};

const USAGE: &str = "usage: cargo xtask demo [--headless [--update-docs]]";

/// What the demo was asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub headless: bool,
    pub update_docs: bool,
}

pub fn options(args: &[String]) -> Result<Options> {
    let mut options = Options {
        headless: false,
        update_docs: false,
    };
    for arg in args {
        match arg.as_str() {
            "--headless" => options.headless = true,
            "--update-docs" => options.update_docs = true,
            _ => return Err(format!("unknown option {arg:?}; {USAGE}")),
        }
    }
    if options.update_docs && !options.headless {
        return Err(format!("--update-docs needs --headless; {USAGE}"));
    }
    Ok(options)
}

pub fn run(args: &[String]) -> Result<()> {
    let options = options(args)?;
    let root = paths::root();
    let tmp = ready::for_node("demo")?;
    let mut node = Command::new("node");
    node.current_dir(&root).env("TMPDIR", &tmp);
    if options.headless {
        node.arg("demo/story.mjs");
        if options.update_docs {
            node.arg("--update-docs");
        }
        let result = cmd::run(&mut node);
        ready::done(&tmp);
        result
    } else {
        node.arg("demo/run.mjs");
        interactive(node)
    }
}

/// Hands the terminal to node, so that Ctrl-C reaches it (and what it
/// started) while it stops everything itself.
#[cfg(unix)]
fn interactive(mut node: Command) -> Result<()> {
    use std::os::unix::process::CommandExt;
    println!("$ node demo/run.mjs");
    let error = node.exec();
    Err(format!("could not start node: {error}"))
}

#[cfg(not(unix))]
fn interactive(mut node: Command) -> Result<()> {
    cmd::run(&mut node)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|arg| (*arg).to_owned()).collect()
    }

    #[test]
    fn flags() {
        assert_eq!(
            options(&args(&[])),
            Ok(Options {
                headless: false,
                update_docs: false
            })
        );
        assert_eq!(
            options(&args(&["--headless", "--update-docs"])),
            Ok(Options {
                headless: true,
                update_docs: true
            })
        );
        assert!(options(&args(&["--update-docs"])).is_err());
        assert!(options(&args(&["--fast"])).is_err());
    }
}
