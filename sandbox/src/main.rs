//! `emoney-sandbox`: a local eMoney domain speaking the contract in
//! shared/design/emoney-api.md, for development, demos and tests.
//!
//! This file reads the command line and starts the server.

mod api;
mod app;
mod auth;
mod calls;
mod client_page;
mod error;
mod faults;
mod format;
mod hooks;
mod html;
mod http;
mod limits;
mod model;
mod random;
mod seed;
mod server;
mod store;
mod users;
mod validate;
mod web;

use std::collections::BTreeMap;
use std::io::Write;
use std::net::TcpListener;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use app::App;
use calls::{Calls, Writes};
use faults::Faults;
use limits::RateLimiter;
use seed::SeedClient;
use store::Store;
use users::Users;

const USAGE: &str = "\
Usage: emoney-sandbox [options]
  --host HOST          address to listen on (default 127.0.0.1)
  --port PORT          port to listen on; 0 picks a free one (default 8787)
  --db PATH            SQLite file, or :memory: (default data/emoney-sandbox.sqlite3)
  --user NAME:PASSWORD an advisor who may sign in; repeatable
                       (default: one advisor, advisor:sandbox)
  --token-ttl SECONDS  access token lifetime (default 3600)
  --refresh-ttl SECONDS refresh token lifetime (default 2592000, 30 days)
  --rate-limit N       /public calls per user per window; 0 disables (default 60)
  --rate-window SECONDS the rate limit's sliding window (default 60)
  --web-base URL       base of launch links (default http://HOST:PORT)
  --seed PATH          demo clients to add at start, if the database holds none:
                       {\"clients\":[{...Client..., \"assets\":[...], \"policies\":[...]}]}
  --help               this text";

#[derive(Debug, PartialEq)]
struct Args {
    host: String,
    port: u16,
    db: String,
    users: BTreeMap<String, String>,
    token_ttl: u64,
    refresh_ttl: u64,
    rate_limit: usize,
    rate_window: u64,
    web_base: Option<String>,
    seed: Option<String>,
}

#[derive(Debug, PartialEq)]
enum ArgsError {
    Help,
    Bad(String),
}

fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Args, ArgsError> {
    let mut parsed = Args {
        host: "127.0.0.1".into(),
        port: 8787,
        db: "data/emoney-sandbox.sqlite3".into(),
        users: BTreeMap::new(),
        token_ttl: 3600,
        refresh_ttl: 30 * 24 * 60 * 60,
        rate_limit: 60,
        rate_window: 60,
        web_base: None,
        seed: None,
    };
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "--help" || arg == "-h" {
            return Err(ArgsError::Help);
        }
        // Both `--port 8787` and `--port=8787`.
        let (name, inline) = match arg.split_once('=') {
            Some((name, value)) if name.starts_with("--") => {
                (name.to_string(), Some(value.to_string()))
            }
            _ => (arg, None),
        };
        let value = inline
            .or_else(|| args.next())
            .ok_or_else(|| ArgsError::Bad(format!("{name} needs a value")))?;
        let number = |what: &str| {
            value
                .parse::<u64>()
                .map_err(|_| ArgsError::Bad(format!("{name} takes {what}, not {value:?}")))
        };
        match name.as_str() {
            "--host" => parsed.host = value.clone(),
            "--port" => {
                parsed.port = u16::try_from(number("a port number")?)
                    .map_err(|_| ArgsError::Bad(format!("--port {value} is out of range")))?;
            }
            "--db" => parsed.db = value.clone(),
            "--user" => {
                let (user, password) = value
                    .split_once(':')
                    .filter(|(user, password)| !user.is_empty() && !password.is_empty())
                    .ok_or_else(|| ArgsError::Bad("--user takes NAME:PASSWORD".into()))?;
                parsed.users.insert(user.into(), password.into());
            }
            "--token-ttl" => parsed.token_ttl = number("seconds")?,
            "--refresh-ttl" => parsed.refresh_ttl = number("seconds")?,
            "--rate-limit" => {
                parsed.rate_limit = usize::try_from(number("a number of calls")?)
                    .map_err(|_| ArgsError::Bad("--rate-limit is too large".into()))?;
            }
            "--rate-window" => {
                parsed.rate_window = number("seconds")?;
                if parsed.rate_window == 0 {
                    return Err(ArgsError::Bad(
                        "--rate-window takes at least 1 second (use --rate-limit 0 to disable)"
                            .into(),
                    ));
                }
            }
            "--web-base" => parsed.web_base = Some(value.trim_end_matches('/').to_string()),
            "--seed" => parsed.seed = Some(value.clone()),
            _ => return Err(ArgsError::Bad(format!("unknown option {name}"))),
        }
    }
    if parsed.users.is_empty() {
        parsed.users.insert("advisor".into(), "sandbox".into());
    }
    Ok(parsed)
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(ArgsError::Help) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(ArgsError::Bad(message)) => {
            eprintln!("emoney-sandbox: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    // A bad seed is a mistake in what was asked for, like a bad option: it
    // stops the start before anything listens.
    let seed = match args.seed.as_deref().map(read_seed).transpose() {
        Ok(seed) => seed,
        Err(message) => {
            eprintln!("emoney-sandbox: {message}");
            return ExitCode::from(2);
        }
    };
    match start(args, seed) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("emoney-sandbox: {message}");
            ExitCode::FAILURE
        }
    }
}

fn read_seed(path: &str) -> Result<(String, Vec<SeedClient>), String> {
    let bytes =
        std::fs::read(path).map_err(|e| format!("cannot read the seed file {path}: {e}"))?;
    let clients = seed::parse(&bytes).map_err(|e| format!("the seed file {path} {e}"))?;
    Ok((path.to_string(), clients))
}

fn start(args: Args, seed: Option<(String, Vec<SeedClient>)>) -> Result<(), String> {
    let store =
        Store::open(&args.db).map_err(|e| format!("cannot open the database {}: {e}", args.db))?;
    if let Some((path, clients)) = seed {
        // Only into an empty book, so restarting a demo on its database file
        // does not add the same clients again.
        let seeded = store
            .with(|db| {
                if db.client_count()? == 0 {
                    seed::insert(db, &clients).map(|records| Some(records.len()))
                } else {
                    Ok(None)
                }
            })
            .map_err(|e| format!("cannot seed from {path}: {}", e.message))?;
        match seeded {
            Some(count) => eprintln!("emoney-sandbox: seeded {count} clients from {path}"),
            None => {
                eprintln!("emoney-sandbox: {path} not seeded: the database already holds clients")
            }
        }
    }
    let listener = TcpListener::bind((args.host.as_str(), args.port))
        .map_err(|e| format!("cannot listen on {}:{}: {e}", args.host, args.port))?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    let base = format!("http://{address}");
    let app = App {
        store,
        users: Users::new(args.users),
        limiter: RateLimiter::new(args.rate_limit, Duration::from_secs(args.rate_window)),
        faults: Faults::default(),
        calls: Calls::default(),
        writes: Writes::default(),
        token_ttl: args.token_ttl,
        refresh_ttl: args.refresh_ttl,
        web_base: args.web_base.unwrap_or_else(|| base.clone()),
    };
    // Tests and scripts wait for exactly this line.
    let mut stdout = std::io::stdout();
    writeln!(stdout, "emoney-sandbox listening on {base}").map_err(|e| e.to_string())?;
    stdout.flush().map_err(|e| e.to_string())?;
    server::serve(Arc::new(app), listener);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Args, ArgsError> {
        parse_args(args.iter().map(|a| a.to_string()))
    }

    #[test]
    fn defaults_have_the_demo_advisor() -> Result<(), ArgsError> {
        let args = parse(&[])?;
        assert_eq!(args.port, 8787);
        assert_eq!(args.host, "127.0.0.1");
        assert_eq!(args.db, "data/emoney-sandbox.sqlite3");
        assert_eq!(
            args.users.get("advisor").map(String::as_str),
            Some("sandbox")
        );
        assert_eq!(
            (
                args.token_ttl,
                args.refresh_ttl,
                args.rate_limit,
                args.rate_window
            ),
            (3600, 2_592_000, 60, 60)
        );
        Ok(())
    }

    #[test]
    fn every_option() -> Result<(), ArgsError> {
        let args = parse(&[
            "--port=0",
            "--host",
            "0.0.0.0",
            "--db",
            ":memory:",
            "--user",
            "a:b:c",
            "--user",
            "d:e",
            "--token-ttl",
            "1",
            "--refresh-ttl",
            "2",
            "--rate-limit",
            "0",
            "--rate-window=1",
            "--web-base",
            "http://x/",
            "--seed",
            "demo.json",
        ])?;
        assert_eq!(args.port, 0);
        assert_eq!(args.host, "0.0.0.0");
        assert_eq!(args.db, ":memory:");
        assert_eq!(
            args.users.len(),
            2,
            "the demo advisor only comes without --user"
        );
        assert_eq!(args.users.get("a").map(String::as_str), Some("b:c"));
        assert_eq!(
            (
                args.token_ttl,
                args.refresh_ttl,
                args.rate_limit,
                args.rate_window
            ),
            (1, 2, 0, 1)
        );
        assert_eq!(args.web_base.as_deref(), Some("http://x"));
        assert_eq!(args.seed.as_deref(), Some("demo.json"));
        Ok(())
    }

    #[test]
    fn mistakes_are_named() {
        for bad in [
            &["--port", "x"][..],
            &["--port", "70000"],
            &["--user", "nopassword"],
            &["--bogus", "1"],
            &["--db"],
            &["--rate-window", "0"],
            &["--rate-window", "-1"],
        ] {
            assert!(matches!(parse(bad), Err(ArgsError::Bad(_))), "{bad:?}");
        }
        assert_eq!(parse(&["--help"]), Err(ArgsError::Help));
    }
}
