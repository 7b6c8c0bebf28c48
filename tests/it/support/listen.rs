//! Shared helpers for the `listen_*` tests: run the real `lpwh listen` in the background, find
//! its address on stderr, collect its stdout lines, and sign deliveries with our own HMAC code
//! (independent of `lpwh::signature`), with fresh timestamps.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use hmac::{KeyInit, Mac};

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

pub const SECRET: &str = "listen-test-secret";

pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

fn hmac_hex(key: &[u8], message: &[u8]) -> String {
    let mut mac = <HmacSha256 as KeyInit>::new_from_slice(key).unwrap();
    mac.update(message);
    hex::encode(mac.finalize().into_bytes())
}

/// `t=<ms>,v1=<hex HMAC(secret, body)>`: what Studio sends (signatures.md, `livepeer`).
pub fn livepeer_header(secret: &str, t_ms: i64, body: &[u8]) -> String {
    format!("t={t_ms},v1={}", hmac_hex(secret.as_bytes(), body))
}

/// The documented-but-wrong form: `t=<seconds>`, HMAC of `"<t>.<body>"`.
pub fn livepeer_docs_header(secret: &str, t_s: i64, body: &[u8]) -> String {
    let mut message = format!("{t_s}.").into_bytes();
    message.extend_from_slice(body);
    format!("t={t_s},v1={}", hmac_hex(secret.as_bytes(), &message))
}

/// A Studio-shaped delivery body with `timestamp` = `t_ms`.
pub fn delivery(event: &str, id: &str, t_ms: i64) -> Vec<u8> {
    serde_json::json!({
        "id": id,
        "webhookId": "wh-test-1",
        "createdAt": t_ms - 5,
        "timestamp": t_ms,
        "event": event,
        "stream": {"id": "stream-1", "name": "keynote", "playbackId": "pb123"},
    })
    .to_string()
    .into_bytes()
}

/// A fresh event id.
pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// A running `lpwh listen`.
pub struct Listener {
    child: Child,
    /// e.g. `http://127.0.0.1:41234`
    pub url: String,
    /// e.g. `127.0.0.1:41234`
    pub addr: String,
    stdout: Arc<Mutex<Vec<String>>>,
    stderr: Arc<Mutex<String>>,
    /// The sandbox home it owns, when it was not given one.
    _dirs: Option<tempfile::TempDir>,
}

impl Listener {
    /// Start `lpwh [global...] listen --port 0 ARGS` and wait for its `ready` line.
    pub fn start(args: &[&str]) -> Listener {
        Self::start_with(args, &[])
    }

    /// [`Listener::start`] with extra environment variables.
    pub fn start_with(args: &[&str], env: &[(&str, &str)]) -> Listener {
        let dirs = tempfile::tempdir().unwrap();
        let mut listener = Self::start_in(dirs.path(), args, env);
        listener._dirs = Some(dirs);
        listener
    }

    /// Start it sandboxed in `home` (its inbox in `home`'s data dir), which the caller keeps.
    pub fn start_in(home: &std::path::Path, args: &[&str], env: &[(&str, &str)]) -> Listener {
        let mut cmd = crate::support::sandbox::lpwh(home);
        cmd.args(["listen", "--port", "0"]).args(args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        // Its own process group, so that a Ctrl-Break sent to it (`signal("TERM")`) reaches
        // lpwh alone and not the test runner.
        #[cfg(windows)]
        {
            use std::os::windows::process::CommandExt as _;
            cmd.creation_flags(windows_sys::Win32::System::Threading::CREATE_NEW_PROCESS_GROUP);
        }
        let mut child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn lpwh");
        let stdout = Arc::new(Mutex::new(Vec::new()));
        let stderr = Arc::new(Mutex::new(String::new()));
        {
            let out = child.stdout.take().unwrap();
            let lines = stdout.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(out).lines() {
                    match line {
                        Ok(l) => lines.lock().unwrap().push(l),
                        Err(_) => break,
                    }
                }
            });
            let mut err = child.stderr.take().unwrap();
            let text = stderr.clone();
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                while let Ok(n) = err.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    text.lock()
                        .unwrap()
                        .push_str(&String::from_utf8_lossy(&buf[..n]));
                }
            });
        }
        let started = Instant::now();
        loop {
            let text = stderr.lock().unwrap().clone();
            if text.lines().any(|l| l == "ready") {
                let line = text
                    .lines()
                    .find(|l| l.starts_with("lpwh: listening on http://"))
                    .unwrap_or_else(|| panic!("no 'listening on' line before ready:\n{text}"));
                let url = line["lpwh: listening on ".len()..]
                    .split(' ')
                    .next()
                    .unwrap();
                let parsed = url::Url::parse(url).unwrap();
                let addr = format!("{}:{}", parsed.host_str().unwrap(), parsed.port().unwrap());
                let url = format!("http://{addr}");
                return Listener {
                    child,
                    url,
                    addr,
                    stdout,
                    stderr,
                    _dirs: None,
                };
            }
            if let Ok(Some(status)) = child.try_wait() {
                panic!("lpwh listen exited early ({status}):\n{text}");
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "lpwh listen never said ready:\n{text}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Wait until stdout has at least `n` lines; return them all.
    pub fn wait_lines(&self, n: usize) -> Vec<String> {
        let started = Instant::now();
        loop {
            let lines = self.stdout.lock().unwrap().clone();
            if lines.len() >= n {
                return lines;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "expected {n} stdout lines, got {}:\n{}\nstderr:\n{}",
                lines.len(),
                lines.join("\n"),
                self.stderr()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    pub fn lines(&self) -> Vec<String> {
        self.stdout.lock().unwrap().clone()
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// For the tunnel tests, which follow lpwh's children through /proc.
    #[cfg(target_os = "linux")]
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Send a signal by name (`TERM`, `INT`, `HUP`) with kill(1).
    ///
    /// On Windows, `TERM` is a Ctrl-Break, which listen takes as SIGTERM (lpwh runs in its own
    /// process group, so the event reaches it alone). Ctrl-C cannot be sent to another process
    /// group and a closing console cannot be staged, so tests that send `INT` or `HUP` are
    /// ignored there.
    pub fn signal(&self, name: &str) {
        #[cfg(unix)]
        {
            let status = std::process::Command::new("kill")
                .args([format!("-{name}"), self.child.id().to_string()])
                .status()
                .unwrap();
            assert!(status.success());
        }
        #[cfg(windows)]
        {
            use windows_sys::Win32::System::Console::{CTRL_BREAK_EVENT, GenerateConsoleCtrlEvent};
            assert_eq!(name, "TERM", "no way to send SIG{name} on Windows");
            // SAFETY: a plain call with a process-group id; no pointers.
            let sent = unsafe { GenerateConsoleCtrlEvent(CTRL_BREAK_EVENT, self.child.id()) };
            assert_ne!(
                sent,
                0,
                "Ctrl-Break to lpwh: {}",
                std::io::Error::last_os_error()
            );
        }
    }

    /// Kill it the way `kill -9` does: no handler runs, nothing is flushed (TerminateProcess
    /// on Windows).
    pub fn kill(&mut self) {
        self.child.kill().expect("kill lpwh");
    }

    /// Wait for the process to exit by itself (bounded).
    pub fn wait_exit(&mut self, within: Duration) -> ExitStatus {
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader threads drain the pipes.
                std::thread::sleep(Duration::from_millis(100));
                return status;
            }
            if started.elapsed() > within {
                let _ = self.child.kill();
                panic!(
                    "lpwh listen did not exit within {within:?}\nstderr:\n{}",
                    self.stderr()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// SIGTERM and wait.
    pub fn stop(mut self) -> ExitStatus {
        self.signal("TERM");
        self.wait_exit(Duration::from_secs(15))
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// What a raw exchange got back.
#[derive(Debug)]
pub struct Raw {
    /// Every status line's code in order (e.g. `[100, 200]`, or two for pipelined requests).
    pub statuses: Vec<u16>,
    pub text: String,
}

/// Write `request` on a fresh connection, then read until the server closes it (bounded).
pub fn raw_exchange(addr: &str, request: &[u8]) -> Raw {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    // The server may answer and close before reading everything (413, 431): keep going and
    // read what it said.
    let _ = stream.write_all(request);
    read_all(stream)
}

pub fn read_all(mut stream: TcpStream) -> Raw {
    let mut bytes = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => bytes.extend_from_slice(&buf[..n]),
            // A reset after the answer (the server closing with unread input) ends the exchange.
            Err(_) => break,
        }
    }
    parse_raw(&bytes)
}

/// Walk the responses one by one (status line, headers, Content-Length body), so pipelined
/// answers and interim `100 Continue` lines are each counted once.
pub fn parse_raw(bytes: &[u8]) -> Raw {
    let text = String::from_utf8_lossy(bytes).into_owned();
    let mut statuses = Vec::new();
    let mut rest = bytes;
    while let Some(end) = rest.windows(4).position(|w| w == b"\r\n\r\n") {
        let head = String::from_utf8_lossy(&rest[..end]);
        let Some(status) = head
            .strip_prefix("HTTP/1.")
            .and_then(|h| h.split(' ').nth(1))
            .and_then(|s| s.parse::<u16>().ok())
        else {
            break;
        };
        statuses.push(status);
        let length: usize = head
            .lines()
            .find_map(|l| {
                let (k, v) = l.split_once(':')?;
                k.eq_ignore_ascii_case("content-length")
                    .then(|| v.trim().parse().ok())?
            })
            .unwrap_or(0);
        let next = (end + 4 + length).min(rest.len());
        rest = &rest[next..];
    }
    Raw { statuses, text }
}

/// A POST with the given extra header lines and body, closing the connection after.
pub fn post(path: &str, headers: &[String], body: &[u8]) -> Vec<u8> {
    let mut req = format!(
        "POST {path} HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for h in headers {
        req.push_str(h);
        req.push_str("\r\n");
    }
    req.push_str("\r\n");
    let mut bytes = req.into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

/// A signed, fresh delivery of `event` as a raw request.
pub fn signed_post(path: &str, event: &str) -> Vec<u8> {
    let t = now_ms();
    let body = delivery(event, &new_id(), t);
    post(
        path,
        &[format!(
            "Livepeer-Signature: {}",
            livepeer_header(SECRET, t, &body)
        )],
        &body,
    )
}

/// One request a [`Target`] received.
#[derive(Debug, Clone)]
pub struct Received {
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Received {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A forward target on 127.0.0.1 that answers every request with `status` and records it.
/// It runs on its own thread and runtime, so async and plain tests can both use it.
pub struct Target {
    pub url: String,
    seen: Arc<Mutex<Vec<Received>>>,
}

impl Target {
    pub fn start(status: u16, path: &str) -> Target {
        let socket = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        socket.set_nonblocking(true).unwrap();
        let addr = socket.local_addr().unwrap();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let recorder = seen.clone();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(serve_target(socket, status, recorder));
        });
        Target {
            url: format!("http://{addr}{path}"),
            seen,
        }
    }

    pub fn received(&self) -> Vec<Received> {
        self.seen.lock().unwrap().clone()
    }
}

async fn serve_target(
    socket: std::net::TcpListener,
    status: u16,
    recorder: Arc<Mutex<Vec<Received>>>,
) {
    use http_body_util::BodyExt;
    let listener = tokio::net::TcpListener::from_std(socket).unwrap();
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let recorder = recorder.clone();
        tokio::spawn(async move {
            let service =
                hyper::service::service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                    let recorder = recorder.clone();
                    async move {
                        let path = req.uri().path().to_owned();
                        let headers = req
                            .headers()
                            .iter()
                            .map(|(k, v)| {
                                (
                                    k.as_str().to_owned(),
                                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                                )
                            })
                            .collect();
                        let body = req.into_body().collect().await.unwrap().to_bytes();
                        recorder.lock().unwrap().push(Received {
                            path,
                            headers,
                            body: body.to_vec(),
                        });
                        let response = hyper::Response::builder()
                            .status(status)
                            .header("content-type", "application/json")
                            .body(http_body_util::Full::new(bytes::Bytes::from_static(
                                b"{\"from\":\"target\"}",
                            )))
                            .unwrap();
                        Ok::<_, std::convert::Infallible>(response)
                    }
                });
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                .await;
        });
    }
}
