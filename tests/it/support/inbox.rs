//! Shared helpers for the `inbox_*` tests: a sandbox whose data dir `lpwh listen` and
//! `lpwh inbox` share, sending signed deliveries (signed by the test's own HMAC code, in
//! `support::listen`), and reading the inbox back through the real binary.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use serde_json::Value;

use crate::support::listen::{Listener, SECRET, delivery, livepeer_header, now_ms};
use crate::support::sandbox::Sandbox;

impl Sandbox {
    /// `lpwh listen --port 0 ARGS` recording into this sandbox's data dir.
    pub fn listen(&self, args: &[&str]) -> Listener {
        Listener::start_in(self.path(), args, &[])
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

/// A signed (with `support::listen::SECRET`) Studio-shaped delivery: (body, signature header).
pub fn signed(event: &str, id: &str) -> (Vec<u8>, String) {
    let t = now_ms();
    let body = delivery(event, id, t);
    let header = format!("Livepeer-Signature: {}", livepeer_header(SECRET, t, &body));
    (body, header)
}

/// POST `body` with extra `headers` on a fresh connection; the answer's status.
pub fn send(addr: &str, headers: &[String], body: &[u8]) -> u16 {
    let request = crate::support::listen::post("/hook", headers, body);
    let raw = crate::support::listen::raw_exchange(addr, &request);
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

/// The file's permission bits (Unix; the tests that check them are ignored elsewhere).
#[cfg(unix)]
pub fn mode(path: &std::path::Path) -> u32 {
    crate::support::credentials::mode_of(path)
}

/// Rows of `rows` whose `key` equals `value`.
pub fn with<'a>(rows: &'a [Value], key: &str, value: &str) -> Vec<&'a Value> {
    rows.iter().filter(|r| r[key] == value).collect()
}
