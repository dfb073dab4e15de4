//! `cargo xtask test [--only unit|browser|e2e|lint|reproduce]`: every check and suite
//! (or the tiers named), in order, each one's summary kept.

use std::process::Command;
use std::time::Instant;

use crate::cmd::{self, Result};
use crate::manifest::Flavor;
use crate::tools::{self, WASM_TARGET};
use crate::{dist, paths, reproduce};

struct Step {
    name: &'static str,
    ok: bool,
    seconds: f64,
    summary: Vec<String>,
}

/// The tiers a developer can run alone (`--only`), as Dark Reader's test
/// commands do; with none named, all of them run, in this order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tier {
    /// `cargo fmt --check`, clippy (native and each wasm crate), `web-ext lint`.
    Lint,
    /// Native `cargo test` of the whole workspace.
    Unit,
    /// wasm-bindgen-test of the page crate in headless Chromium.
    Browser,
    /// The built extension end to end, against the sandbox.
    E2e,
    /// The source package built again elsewhere, byte-identical
    /// (`cargo xtask reproduce`: a cold build, a few minutes).
    Reproduce,
}

impl Tier {
    const ALL: [Tier; 5] = [
        Tier::Lint,
        Tier::Unit,
        Tier::Browser,
        Tier::E2e,
        Tier::Reproduce,
    ];

    fn parse(name: &str) -> Option<Tier> {
        Tier::ALL.into_iter().find(|tier| tier.name() == name)
    }

    fn name(self) -> &'static str {
        match self {
            Tier::Lint => "lint",
            Tier::Unit => "unit",
            Tier::Browser => "browser",
            Tier::E2e => "e2e",
            Tier::Reproduce => "reproduce",
        }
    }
}

/// Which tiers `args` (what follows `cargo xtask test`) ask for.
pub fn tiers(args: &[String]) -> Result<Vec<Tier>> {
    match args {
        [] => Ok(Tier::ALL.to_vec()),
        [flag, names] if flag == "--only" => names
            .split(',')
            .map(|name| {
                Tier::parse(name).ok_or_else(|| {
                    format!("unknown tier {name:?}: use --only unit|browser|e2e|lint|reproduce")
                })
            })
            .collect(),
        _ => Err("usage: cargo xtask test [--only unit|browser|e2e|lint|reproduce]".into()),
    }
}

pub fn run(args: &[String]) -> Result<()> {
    let tiers = tiers(args)?;
    let started = Instant::now();
    tools::ensure_all()?;
    if tiers
        .iter()
        .any(|tier| matches!(tier, Tier::Browser | Tier::E2e))
    {
        tools::ensure_chromium()?;
    }
    if tiers.contains(&Tier::E2e) {
        tools::ensure_firefox()?;
        tools::ensure_geckodriver()?;
    }
    let mut steps: Vec<Step> = Vec::new();
    let root = paths::root();
    let cargo = || {
        let mut command = Command::new("cargo");
        command.current_dir(&root);
        command
    };
    let wants = |tier: Tier| tiers.contains(&tier);

    if wants(Tier::Lint) {
        step(
            &mut steps,
            "cargo fmt --check",
            cargo().args(["fmt", "--all", "--", "--check"]),
        );
        step(
            &mut steps,
            "clippy (native)",
            cargo().args([
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ]),
        );
        // Each wasm crate on its own: code only one of them uses must not hide
        // behind the other.
        for (name, package) in [
            ("clippy (wasm32, page)", "smartoffice-page"),
            ("clippy (wasm32, worker)", "smartoffice-worker"),
            ("clippy (wasm32, browser)", "smartoffice-browser"),
        ] {
            step(
                &mut steps,
                name,
                cargo().args([
                    "clippy",
                    "--target",
                    WASM_TARGET,
                    "--package",
                    package,
                    "--all-targets",
                    "--",
                    "-D",
                    "warnings",
                ]),
            );
        }
    }
    if wants(Tier::Unit) {
        step(
            &mut steps,
            "cargo test (native)",
            cargo().args(["test", "--workspace"]),
        );
    }
    if wants(Tier::Browser) {
        step(
            &mut steps,
            "wasm-bindgen-test (headless Chromium)",
            cargo()
                .args([
                    "test",
                    "--target",
                    WASM_TARGET,
                    "--package",
                    "smartoffice-page",
                ])
                .env("PATH", path_with_tools())
                .env("CHROMEDRIVER", tools::CHROMEDRIVER),
        );
    }
    // The built extension: what the e2e suites load and web-ext lints.
    let built = if wants(Tier::E2e) || wants(Tier::Lint) || wants(Tier::Reproduce) {
        let dist_started = Instant::now();
        let dist_result = dist::run();
        steps.push(Step {
            name: "cargo xtask dist",
            ok: dist_result.is_ok(),
            seconds: dist_started.elapsed().as_secs_f64(),
            summary: dist_result.err().into_iter().collect(),
        });
        steps.last().is_some_and(|step| step.ok)
    } else {
        false
    };
    if built {
        let started = Instant::now();
        let checked = byte_budgets();
        steps.push(Step {
            name: "byte budgets (gzipped)",
            ok: checked.is_ok(),
            seconds: started.elapsed().as_secs_f64(),
            summary: match checked {
                Ok(lines) | Err(lines) => lines,
            },
        });
    }
    if built && wants(Tier::E2e) {
        let tmp = root.join(".tmp").join("e2e");
        let _ = std::fs::remove_dir_all(&tmp);
        let _ = std::fs::create_dir_all(&tmp);
        step(
            &mut steps,
            "end-to-end (Chromium + extension)",
            Command::new("node")
                .current_dir(&root)
                .args([
                    "--test",
                    "--test-concurrency=1",
                    "--test-timeout=120000",
                    "--test-reporter=spec",
                    "tests/e2e/",
                ])
                .env("TMPDIR", &tmp),
        );
        let tmp = root.join(".tmp").join("firefox");
        let _ = std::fs::remove_dir_all(&tmp);
        let _ = std::fs::create_dir_all(&tmp);
        step(
            &mut steps,
            "end-to-end (Firefox + extension)",
            Command::new("node")
                .current_dir(&root)
                .args([
                    "--test",
                    "--test-concurrency=1",
                    "--test-timeout=120000",
                    "--test-reporter=spec",
                    "tests/firefox/",
                ])
                .env("TMPDIR", &tmp)
                .env("GECKODRIVER", tools::tool_bin("geckodriver"))
                .env("FIREFOX", tools::FIREFOX),
        );
    }
    if built && wants(Tier::Lint) {
        for (name, flavor) in [
            ("web-ext lint (Firefox store build)", Flavor::Firefox),
            (
                "web-ext lint (Firefox development build)",
                Flavor::FirefoxDev,
            ),
        ] {
            step(
                &mut steps,
                name,
                Command::new(paths::node_bin("web-ext"))
                    .current_dir(&root)
                    .arg("lint")
                    .arg("--source-dir")
                    .arg(paths::dist().join(flavor.dir_name())),
            );
        }
    }
    if built && wants(Tier::Reproduce) {
        let started = Instant::now();
        let checked = reproduce::run();
        steps.push(Step {
            name: "reproducible build (source zip again)",
            ok: checked.is_ok(),
            seconds: started.elapsed().as_secs_f64(),
            summary: checked.err().into_iter().collect(),
        });
    }
    report(&steps, started.elapsed().as_secs_f64())
}

/// What each kind of frame loads from every build, against its budget
/// (bytes are the same on every run: a test, unlike timings).
fn byte_budgets() -> std::result::Result<Vec<String>, Vec<String>> {
    let mut lines = Vec::new();
    let mut over = false;
    for flavor in Flavor::ALL {
        let build = paths::dist().join(flavor.dir_name());
        for (what, files, budget) in [
            (
                "record frame",
                &dist::RECORD_FRAME_FILES[..],
                dist::RECORD_FRAME_BUDGET,
            ),
            (
                "other frames",
                &dist::OTHER_FRAME_FILES[..],
                dist::OTHER_FRAME_BUDGET,
            ),
        ] {
            match dist::gzipped_total(&build, files) {
                Ok(bytes) => {
                    over |= bytes > budget;
                    lines.push(format!(
                        "{} {what}: {bytes} bytes (budget {budget})",
                        flavor.dir_name()
                    ));
                }
                Err(error) => {
                    over = true;
                    lines.push(error);
                }
            }
        }
    }
    if over {
        Err(lines)
    } else {
        Ok(lines)
    }
}

fn step(steps: &mut Vec<Step>, name: &'static str, command: &mut Command) {
    println!("\n=== {name}");
    let started = Instant::now();
    let (ok, summary) = match cmd::run_captured(command) {
        Ok((ok, lines)) => (ok, summary_lines(&lines)),
        Err(error) => (false, vec![error]),
    };
    steps.push(Step {
        name,
        ok,
        seconds: started.elapsed().as_secs_f64(),
        summary,
    });
}

/// The lines in which each runner sums itself up.
fn summary_lines(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .map(|line| line.trim())
        .filter(|line| {
            line.starts_with("test result:")
                || line.starts_with("ℹ tests")
                || line.starts_with("ℹ pass")
                || line.starts_with("ℹ fail")
                || line.starts_with("errors ")
                || line.starts_with("warnings ")
                || line.starts_with("Diff in")
                || line.starts_with("error")
        })
        .map(str::to_owned)
        .collect()
}

fn report(steps: &[Step], seconds: f64) -> Result<()> {
    println!("\n=== summary");
    for step in steps {
        println!(
            "{} {:<40} {:>7.1} s",
            if step.ok { "ok  " } else { "FAIL" },
            step.name,
            step.seconds
        );
        for line in &step.summary {
            println!("       {line}");
        }
    }
    let failed: Vec<&str> = steps
        .iter()
        .filter(|step| !step.ok)
        .map(|step| step.name)
        .collect();
    println!("xtask test took {seconds:.1} s");
    if failed.is_empty() {
        println!("xtask test: every step is green");
        Ok(())
    } else {
        Err(format!("failed: {}", failed.join(", ")))
    }
}

fn path_with_tools() -> String {
    let tools = tools::tool_bin("");
    let current = std::env::var("PATH").unwrap_or_default();
    format!("{}:{current}", tools.display())
}
