//! Running commands: echoed, checked, and optionally captured while streaming.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::thread;

pub type Result<T> = std::result::Result<T, String>;

/// Runs a command, streaming its output; fails with a sentence on a non-zero exit.
pub fn run(command: &mut Command) -> Result<()> {
    echo(command);
    let status = command
        .status()
        .map_err(|error| format!("could not start {}: {error}", program(command)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{} failed ({status})", program(command)))
    }
}

/// Runs a command, streaming both its outputs and returning them as lines,
/// with whether it succeeded.
pub fn run_captured(command: &mut Command) -> Result<(bool, Vec<String>)> {
    echo(command);
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|error| format!("could not start {}: {error}", program(command)))?;
    let stdout = child.stdout.take();
    let stderr = child.stderr.take();
    let err_thread = thread::spawn(move || stream(stderr, true));
    let mut lines = stream(stdout, false);
    lines.extend(err_thread.join().unwrap_or_default());
    let status = child
        .wait()
        .map_err(|error| format!("{} did not finish: {error}", program(command)))?;
    Ok((status.success(), lines))
}

fn stream<R: std::io::Read>(source: Option<R>, to_stderr: bool) -> Vec<String> {
    let Some(source) = source else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    for line in BufReader::new(source)
        .lines()
        .map_while(std::result::Result::ok)
    {
        if to_stderr {
            eprintln!("{line}");
        } else {
            println!("{line}");
            let _ = std::io::stdout().flush();
        }
        lines.push(line);
    }
    lines
}

/// Runs a command quietly and returns its standard output, if it succeeded.
pub fn output(command: &mut Command) -> Option<String> {
    let out = command.stderr(Stdio::null()).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn echo(command: &Command) {
    let args: Vec<String> = command
        .get_args()
        .map(|arg| arg.to_string_lossy().into_owned())
        .collect();
    println!("$ {} {}", program(command), args.join(" "));
}

fn program(command: &Command) -> String {
    let name = command.get_program().to_string_lossy().into_owned();
    name.rsplit('/').next().unwrap_or(&name).to_owned()
}
