//! Starts the real `emoney-sandbox` binary on a free port and talks raw
//! HTTP/1.1 to it, so tests see exactly what a browser would (including a
//! connection closed without an answer).
//!
//! Panicking is how a test fails, so this harness uses `expect` freely.
#![allow(clippy::expect_used, dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};

pub const ADVISOR: &str = "advisor";
pub const PASSWORD: &str = "sandbox";

pub struct Sandbox {
    child: Child,
    /// `http://127.0.0.1:PORT`
    pub base: String,
    addr: String,
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    /// Lower-cased names.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {} {}", self.status, self.body))
    }

    /// The `field`s named in a contract error body.
    pub fn error_fields(&self) -> Vec<String> {
        self.json()["errors"]
            .as_array()
            .map(|errors| {
                errors
                    .iter()
                    .map(|e| e["field"].as_str().expect("field is a string").to_string())
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// A fresh temporary folder path (not created).
pub fn temp_path(name: &str) -> PathBuf {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock")
        .as_nanos();
    std::env::temp_dir().join(format!(
        "emoney-sandbox-test-{}-{nanos}-{name}",
        std::process::id()
    ))
}

impl Sandbox {
    /// An in-memory sandbox with the default demo advisor and `extra` options.
    pub fn start(extra: &[&str]) -> Sandbox {
        let mut args = vec!["--port", "0", "--db", ":memory:"];
        args.extend_from_slice(extra);
        Sandbox::start_with(&args, None)
    }

    pub fn start_with(args: &[&str], cwd: Option<&std::path::Path>) -> Sandbox {
        let mut command = Command::new(env!("CARGO_BIN_EXE_emoney-sandbox"));
        command
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        if let Some(cwd) = cwd {
            command.current_dir(cwd);
        }
        let mut child = command.spawn().expect("start emoney-sandbox");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("read the listening line");
        let base = line
            .trim_end()
            .strip_prefix("emoney-sandbox listening on ")
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
            .to_string();
        let addr = base.trim_start_matches("http://").to_string();
        Sandbox { child, base, addr }
    }

    /// Sends one request; `Err` when the connection closed without an answer.
    pub fn try_send(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> std::io::Result<Reply> {
        let mut stream = TcpStream::connect(&self.addr)?;
        stream.set_read_timeout(Some(Duration::from_secs(10)))?;
        let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {}\r\n", self.addr);
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
        stream.write_all(head.as_bytes())?;
        stream.write_all(body)?;
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw)?;
        if raw.is_empty() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "closed without an answer",
            ));
        }
        let text = String::from_utf8(raw).expect("UTF-8 answer");
        let (head, body) = text.split_once("\r\n\r\n").expect("a head and a body");
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|l| l.split(' ').nth(1))
            .and_then(|s| s.parse().ok())
            .expect("a status line");
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        Ok(Reply {
            status,
            headers,
            body: body.to_string(),
        })
    }

    pub fn send(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
        self.try_send(method, path, headers, body)
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"))
    }

    pub fn form(&self, path: &str, form: &str) -> Reply {
        self.send(
            "POST",
            path,
            &[("Content-Type", "application/x-www-form-urlencoded")],
            form.as_bytes(),
        )
    }

    pub fn password_grant(&self, user: &str, password: &str) -> Reply {
        self.form(
            "/connect/token",
            &format!("grant_type=password&username={user}&password={password}&client_id=smartoffice-emoney"),
        )
    }

    pub fn refresh_grant(&self, refresh_token: &str) -> Reply {
        self.form(
            "/connect/token",
            &format!("grant_type=refresh_token&refresh_token={refresh_token}&client_id=smartoffice-emoney"),
        )
    }

    /// An access token for the demo advisor.
    pub fn token(&self) -> String {
        let reply = self.password_grant(ADVISOR, PASSWORD);
        assert_eq!(reply.status, 200, "{}", reply.body);
        reply.json()["access_token"]
            .as_str()
            .expect("access_token")
            .to_string()
    }

    pub fn get(&self, token: &str, path: &str) -> Reply {
        self.send(
            "GET",
            path,
            &[("Authorization", &format!("Bearer {token}"))],
            b"",
        )
    }

    /// A JSON call with a bearer token and any extra headers.
    pub fn call(
        &self,
        method: &str,
        token: &str,
        path: &str,
        extra: &[(&str, &str)],
        body: &Value,
    ) -> Reply {
        let auth = format!("Bearer {token}");
        let mut headers = vec![
            ("Authorization", auth.as_str()),
            ("Content-Type", "application/json"),
        ];
        headers.extend_from_slice(extra);
        self.send(method, path, &headers, body.to_string().as_bytes())
    }

    pub fn create(&self, token: &str, key: &str, body: &Value) -> Reply {
        self.call(
            "POST",
            token,
            "/public/v1/clients",
            &[("Idempotency-Key", key)],
            body,
        )
    }

    /// Creates a client and returns its id.
    pub fn create_ok(&self, token: &str, body: &Value) -> String {
        let key = temp_path("key").display().to_string();
        let reply = self.create(token, &key, body);
        assert_eq!(reply.status, 201, "{}", reply.body);
        reply.json()["id"].as_str().expect("id").to_string()
    }

    /// Everything the sandbox holds, through the test hook.
    pub fn clients(&self) -> Vec<Value> {
        let reply = self.send("GET", "/__sandbox/clients", &[], b"");
        assert_eq!(reply.status, 200);
        reply.json()["clients"].as_array().expect("clients").clone()
    }

    pub fn calls(&self) -> Value {
        self.send("GET", "/__sandbox/calls", &[], b"").json()["calls"].clone()
    }

    pub fn fault(&self, spec: Value) {
        let reply = self.send(
            "POST",
            "/__sandbox/faults",
            &[("Content-Type", "application/json")],
            spec.to_string().as_bytes(),
        );
        assert_eq!(reply.status, 201, "{}", reply.body);
    }

    /// A web session cookie (`name=value`) for the demo advisor.
    pub fn session(&self) -> String {
        let reply = self.form(
            "/signin",
            &format!("username={ADVISOR}&password={PASSWORD}"),
        );
        assert_eq!(reply.status, 302, "{}", reply.body);
        cookie_pair(&reply)
    }
}

/// The `name=value` part of a reply's `Set-Cookie`.
pub fn cookie_pair(reply: &Reply) -> String {
    reply
        .header("set-cookie")
        .and_then(|c| c.split(';').next())
        .expect("a Set-Cookie header")
        .to_string()
}

/// A married household with every contract field present (unknowns as the
/// `null` the sandbox answers them with, so answers compare equal).
pub fn household(first: &str, last: &str, external_id: &str) -> Value {
    let address = json!({"street1": "1 Main St", "street2": "Apt 2", "city": "Springfield", "state": "IL", "postalCode": "62701", "country": "US"});
    json!({
        "externalIds": [external_id],
        "maritalStatus": "Married",
        "address": address,
        "homePhone": "(555) 201-3344",
        "fax": "(555) 201-3345",
        "client": {
            "firstName": first, "lastName": last, "dateOfBirth": "1970-02-28",
            "email": "client@example.com", "cellPhone": "(555) 100-0000 x12",
            "job": {"companyName": "Acme", "jobTitle": "CFO", "businessPhone": "555-1", "businessFax": "555-2", "address": address}
        },
        "spouse": {
            "firstName": "Sam", "lastName": last, "dateOfBirth": "1972-02-29", "email": null, "cellPhone": "555-3",
            "job": {"companyName": "Beta", "jobTitle": null, "businessPhone": null, "businessFax": null, "address": null}
        }
    })
}
