//! Shared helpers for the `inbox_*` tests: a temp data dir shared by `lpwh listen` and
//! `lpwh inbox`, sending signed deliveries (signed by the test's own HMAC code, in
//! `listen_support`), and reading the inbox back through the real binary.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use serde_json::Value;

use crate::listen_support::{Listener, SECRET, delivery, livepeer_header, lpwh_command, now_ms};

/// A temp home whose data dir holds the inbox.
pub struct Home {
    pub dir: tempfile::TempDir,
}

impl Home {
    pub fn new() -> Home {
        Home {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// Where the inbox is by default (`$LPWH_DATA_DIR/inbox.sqlite`).
    pub fn default_db(&self) -> PathBuf {
        self.data_dir().join("inbox.sqlite")
    }

    /// `lpwh listen --port 0 ARGS` recording into this home's data dir.
    pub fn listen(&self, args: &[&str]) -> Listener {
        let data = self.data_dir();
        Listener::start_with(args, &[("LPWH_DATA_DIR", data.to_str().unwrap())])
    }

    /// Run `lpwh ARGS` with this home's dirs, stdin not a terminal.
    pub fn lpwh(&self, args: &[&str]) -> Output {
        lpwh_command(self.dir.path()).args(args).output().unwrap()
    }

    /// `lpwh ARGS`, which must succeed; its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.lpwh(args);
        assert!(
            out.status.success(),
            "lpwh {args:?} failed ({}):\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// `lpwh --json inbox list --all ARGS` as parsed rows.
    pub fn list(&self, args: &[&str]) -> Vec<Value> {
        let mut all = vec!["--json", "inbox", "list", "--all"];
        all.extend_from_slice(args);
        let text = self.ok(&all);
        match serde_json::from_str(&text) {
            Ok(Value::Array(rows)) => rows,
            other => panic!("inbox list --json printed {other:?}:\n{text}"),
        }
    }
}

/// A signed (with `listen_support::SECRET`) Studio-shaped delivery: (body, signature header).
pub fn signed(event: &str, id: &str) -> (Vec<u8>, String) {
    let t = now_ms();
    let body = delivery(event, id, t);
    let header = format!("Livepeer-Signature: {}", livepeer_header(SECRET, t, &body));
    (body, header)
}

/// POST `body` with extra `headers` on a fresh connection; the answer's status.
pub fn send(addr: &str, headers: &[String], body: &[u8]) -> u16 {
    let request = crate::listen_support::post("/hook", headers, body);
    let raw = crate::listen_support::raw_exchange(addr, &request);
    *raw.statuses
        .last()
        .unwrap_or_else(|| panic!("no answer:\n{}", raw.text))
}

/// A keep-alive connection that sends one request at a time and reads its answer.
pub struct Conn {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
}

impl Conn {
    pub fn open(addr: &str) -> Conn {
        let stream = TcpStream::connect(addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        stream.set_nodelay(true).unwrap();
        Conn {
            writer: stream.try_clone().unwrap(),
            reader: BufReader::new(stream),
        }
    }

    /// Send one signed delivery and wait for its status; `None` once the server is gone.
    pub fn deliver(&mut self, header: &str, body: &[u8]) -> Option<u16> {
        let mut request = format!(
            "POST /hook HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nUser-Agent: livepeer.studio\r\n{header}\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .into_bytes();
        request.extend_from_slice(body);
        self.writer.write_all(&request).ok()?;
        let mut status_line = String::new();
        if self.reader.read_line(&mut status_line).ok()? == 0 {
            return None;
        }
        let status = status_line.split(' ').nth(1)?.parse().ok()?;
        let mut length = 0usize;
        loop {
            let mut line = String::new();
            if self.reader.read_line(&mut line).ok()? == 0 {
                return None;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some((k, v)) = line.split_once(':')
                && k.eq_ignore_ascii_case("content-length")
            {
                length = v.trim().parse().ok()?;
            }
        }
        let mut body = vec![0; length];
        self.reader.read_exact(&mut body).ok()?;
        Some(status)
    }
}

/// The file's permission bits.
#[cfg(unix)]
pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Rows of `rows` whose `key` equals `value`.
pub fn with<'a>(rows: &'a [Value], key: &str, value: &str) -> Vec<&'a Value> {
    rows.iter().filter(|r| r[key] == value).collect()
}
