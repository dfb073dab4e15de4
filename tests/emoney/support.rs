//! The native edges of the eMoney client (a std HTTP/1.1 client, a fake
//! clock, in-memory vaults) and the real sandbox server, started per test.
//!
//! Panicking is how a test fails, so this harness uses `expect` freely.
#![allow(clippy::expect_used)]

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::future::Future;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::path::PathBuf;
use std::pin::pin;
use std::process::{Child, Command, Stdio};
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use std::time::{Duration, Instant};

use serde_json::Value;
use smartoffice_emoney::emoney::{
    Clock, Domain, Emoney, HttpRequest, HttpResponse, Ids, RetryPolicy, StorageError, Transport,
    TransportError, Vault, Vaults,
};

pub const ADVISOR: &str = "advisor";
pub const PASSWORD: &str = "sandbox";

/// Short, so a lost answer costs a test well under a second.
pub const TIMEOUT: Duration = Duration::from_millis(400);

/// Runs a future whose edges never really wait (std sockets block, the
/// clock is fake), so it finishes without a real executor.
pub fn block_on<F: Future>(future: F) -> F::Output {
    struct Ready;
    impl Wake for Ready {
        fn wake(self: Arc<Self>) {}
    }
    let waker = Waker::from(Arc::new(Ready));
    let mut context = Context::from_waker(&waker);
    let mut future = pin!(future);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return output;
        }
        std::thread::yield_now();
    }
}

// ---------------------------------------------------------------- sandbox

pub struct Sandbox {
    child: Option<Child>,
    /// `http://127.0.0.1:PORT`
    pub base: String,
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(child) = &mut self.child {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Sandbox {
    /// A fresh sandbox: `EMONEY_SANDBOX_URL` (reset first) when set, else the
    /// real binary on a free port with an in-memory database.
    pub fn start() -> Sandbox {
        if let Ok(base) = std::env::var("EMONEY_SANDBOX_URL") {
            let sandbox = Sandbox {
                child: None,
                base: base.trim_end_matches('/').to_owned(),
            };
            sandbox.hook("POST", "/__sandbox/reset", None);
            return sandbox;
        }
        let args = ["--port", "0", "--db", ":memory:", "--rate-limit", "0"];
        let binary = target_dir().join("debug").join("emoney-sandbox");
        let mut command = if binary.exists() {
            Command::new(binary)
        } else {
            let mut cargo = Command::new(env!("CARGO"));
            cargo.args(["run", "-q", "-p", "emoney-sandbox", "--"]);
            cargo
        };
        let mut child = command
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the sandbox starts");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("the sandbox says where it listens");
        let base = line
            .trim()
            .strip_prefix("emoney-sandbox listening on ")
            .expect("the listening line")
            .to_owned();
        Sandbox {
            child: Some(child),
            base,
        }
    }

    pub fn domain(&self) -> Domain {
        Domain::parse(&self.base).expect("a domain")
    }

    /// Calls a test hook (or any path) and answers its JSON.
    pub fn hook(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let request = HttpRequest {
            method: match method {
                "GET" => smartoffice_emoney::emoney::Method::Get,
                "PUT" => smartoffice_emoney::emoney::Method::Put,
                _ => smartoffice_emoney::emoney::Method::Post,
            },
            url: format!("{}{path}", self.base),
            headers: vec![("Content-Type", "application/json".to_owned())],
            body: body.map(|b| b.to_string()),
            timeout: Duration::from_secs(10),
        };
        let answer = exchange(&request).expect("the hook answers");
        assert!(
            answer.status < 300,
            "{path}: {} {}",
            answer.status,
            answer.body
        );
        serde_json::from_str(&answer.body).expect("hooks answer JSON")
    }

    /// Queues a fault (`/__sandbox/faults`).
    pub fn fault(&self, spec: Value) {
        self.hook("POST", "/__sandbox/faults", Some(spec));
    }

    pub fn clear_faults(&self) {
        // DELETE is not a method the client needs; sent raw.
        let answer = raw(&self.base, "DELETE", "/__sandbox/faults").expect("faults cleared");
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    }

    /// Every client the sandbox holds, as it answers them.
    pub fn clients(&self) -> Vec<Value> {
        self.hook("GET", "/__sandbox/clients", None)["clients"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// Changes a client as another eMoney user would (through the API, with
    /// a token of its own; not counted as the extension's).
    pub fn put_client(&self, id: &str, body: Value) {
        let token = exchange(&HttpRequest {
            method: smartoffice_emoney::emoney::Method::Post,
            url: format!("{}/connect/token", self.base),
            headers: vec![(
                "Content-Type",
                "application/x-www-form-urlencoded".to_owned(),
            )],
            body: Some(format!(
                "grant_type=password&username={ADVISOR}&password={PASSWORD}&client_id=smartoffice-emoney"
            )),
            timeout: Duration::from_secs(10),
        })
        .expect("a token");
        let token: Value = serde_json::from_str(&token.body).expect("token JSON");
        let answer = exchange(&HttpRequest {
            method: smartoffice_emoney::emoney::Method::Put,
            url: format!("{}/public/v1/clients/{id}", self.base),
            headers: vec![
                ("Content-Type", "application/json".to_owned()),
                (
                    "Authorization",
                    format!(
                        "Bearer {}",
                        token["access_token"].as_str().unwrap_or_default()
                    ),
                ),
            ],
            body: Some(body.to_string()),
            timeout: Duration::from_secs(10),
        })
        .expect("answered");
        assert_eq!(answer.status, 200, "{}", answer.body);
    }

    /// How often `pattern` (e.g. `POST /connect/token grant_type=password`) was called.
    pub fn calls(&self, pattern: &str) -> u64 {
        self.hook("GET", "/__sandbox/calls", None)["calls"][pattern]
            .as_u64()
            .unwrap_or(0)
    }
}

fn raw(base: &str, method: &str, path: &str) -> std::io::Result<String> {
    let authority = base.strip_prefix("http://").unwrap_or(base);
    let mut stream = TcpStream::connect(authority)?;
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
    )?;
    let mut text = String::new();
    stream.read_to_string(&mut text)?;
    Ok(text)
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"),
        PathBuf::from,
    )
}

// ---------------------------------------------------------------- transport

/// HTTP/1.1 over a std socket, one connection per request, within the
/// request's timeout.
#[derive(Clone, Default)]
pub struct StdTransport;

impl Transport for StdTransport {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        // As `fetch` does, give way once before answering, so work in flight
        // can interleave (two exports of one record at the same time).
        YieldOnce(false).await;
        exchange(&request)
    }
}

struct YieldOnce(bool);

impl Future for YieldOnce {
    type Output = ();

    fn poll(mut self: std::pin::Pin<&mut Self>, context: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            return Poll::Ready(());
        }
        self.0 = true;
        context.waker().wake_by_ref();
        Poll::Pending
    }
}

fn exchange(request: &HttpRequest) -> Result<HttpResponse, TransportError> {
    let deadline = Instant::now() + request.timeout;
    let rest = request
        .url
        .strip_prefix("http://")
        .ok_or(TransportError::Closed)?;
    let (authority, path) = rest.find('/').map_or((rest, "/"), |at| rest.split_at(at));
    let address = authority
        .to_socket_addrs()
        .ok()
        .and_then(|mut all| all.next())
        .ok_or(TransportError::Closed)?;
    let mut stream = TcpStream::connect_timeout(&address, request.timeout)
        .map_err(|_| TransportError::Closed)?;
    let body = request.body.as_deref().unwrap_or("");
    let mut head = format!(
        "{} {path} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\nContent-Length: {}\r\n",
        request.method.as_str(),
        body.len()
    );
    for (name, value) in &request.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream
        .write_all(format!("{head}{body}").as_bytes())
        .map_err(|_| TransportError::Closed)?;
    let mut bytes = Vec::new();
    let mut buffer = [0_u8; 8192];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(TransportError::Timeout);
        }
        stream
            .set_read_timeout(Some(left))
            .map_err(|_| TransportError::Closed)?;
        match stream.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => bytes.extend_from_slice(&buffer[..n]),
            Err(error)
                if matches!(
                    error.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                return Err(TransportError::Timeout)
            }
            Err(_) => return Err(TransportError::Closed),
        }
    }
    parse(&bytes).ok_or(TransportError::Closed)
}

fn parse(bytes: &[u8]) -> Option<HttpResponse> {
    let text = String::from_utf8_lossy(bytes);
    let (head, body) = text.split_once("\r\n\r\n")?;
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_lowercase(), value.trim().to_owned()))
        .collect();
    let length = headers
        .iter()
        .find(|(name, _)| name == "content-length")
        .and_then(|(_, value)| value.parse::<usize>().ok());
    if length.is_some_and(|length| body.len() < length) {
        return None;
    }
    Some(HttpResponse {
        status,
        headers,
        body: body.to_owned(),
    })
}

// ---------------------------------------------------------------- clock, vault, ids

/// Time stands still until someone sleeps; every sleep is recorded.
#[derive(Clone, Default)]
pub struct FakeClock {
    now: Rc<Cell<u64>>,
    pub slept: Rc<RefCell<Vec<Duration>>>,
}

impl Clock for FakeClock {
    fn now_ms(&self) -> u64 {
        self.now.get()
    }

    async fn sleep(&self, wait: Duration) {
        self.slept.borrow_mut().push(wait);
        self.now
            .set(self.now.get() + u64::try_from(wait.as_millis()).unwrap_or(u64::MAX));
    }
}

/// `chrome.storage` in memory; clones share the same contents.
#[derive(Clone, Default)]
pub struct MemoryVault(pub Rc<RefCell<BTreeMap<String, String>>>);

impl Vault for MemoryVault {
    async fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        Ok(self.0.borrow().get(key).cloned())
    }

    async fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.0.borrow_mut().insert(key.to_owned(), value.to_owned());
        Ok(())
    }

    async fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.0.borrow_mut().remove(key);
        Ok(())
    }
}

impl MemoryVault {
    /// The value stored under the key starting with `prefix`, if any.
    pub fn find(&self, prefix: &str) -> Option<String> {
        self.0
            .borrow()
            .iter()
            .find(|(key, _)| key.starts_with(prefix))
            .map(|(_, value)| value.clone())
    }

    pub fn holds_text(&self, text: &str) -> bool {
        self.0
            .borrow()
            .iter()
            .any(|(key, value)| key.contains(text) || value.contains(text))
    }
}

/// Unique in the test process, as `crypto.randomUUID` is everywhere (keys are
/// per advisor, and every browser of a test signs in as the same advisor).
#[derive(Clone, Default)]
pub struct CountingIds;

static IDS_MADE: AtomicU64 = AtomicU64::new(0);

impl Ids for CountingIds {
    fn new_uuid(&self) -> String {
        let id = IDS_MADE.fetch_add(1, Ordering::Relaxed) + 1;
        format!("00000000-0000-4000-8000-{id:012x}")
    }
}

pub type Client = Emoney<StdTransport, FakeClock, MemoryVault, MemoryVault, CountingIds>;

/// What a service worker keeps across its own restarts: its storages.
#[derive(Clone, Default)]
pub struct Browser {
    pub lasting: MemoryVault,
    pub session: MemoryVault,
    pub secrets: MemoryVault,
    pub clock: FakeClock,
}

impl Browser {
    /// A service worker (started, or restarted) over this browser's storage.
    pub fn worker(&self) -> Client {
        Emoney::new(
            StdTransport,
            self.clock.clone(),
            Vaults {
                lasting: self.lasting.clone(),
                session: self.session.clone(),
                secrets: self.secrets.clone(),
            },
            CountingIds,
        )
        .with_policy(RetryPolicy {
            timeout: TIMEOUT,
            ..RetryPolicy::default()
        })
    }

    /// The browser closed and opened again: session storage is gone.
    pub fn restart(&self) -> Browser {
        Browser {
            lasting: self.lasting.clone(),
            session: MemoryVault::default(),
            secrets: self.secrets.clone(),
            clock: self.clock.clone(),
        }
    }

    /// Another browser (a new computer, the assistant's): nothing is shared
    /// but what eMoney holds.
    pub fn fresh_profile() -> Browser {
        Browser::default()
    }
}
