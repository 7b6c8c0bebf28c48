//! Hostile and malformed requests against ONE running `lpwh listen`: each gets its expected
//! status (or a closed connection), and the server still answers a valid delivery afterwards.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use crate::support::listen::*;

const OTHER_SECRET: &str = "rotated-in-secret";
const MAX_BODY: usize = 4096;

/// What a case expects back.
#[derive(Debug)]
enum Expect {
    /// Exactly these status lines, in order.
    Statuses(&'static [u16]),
    /// This status and this `error` word in the JSON body.
    Error(u16, &'static str),
}

fn fresh(event: &str) -> (i64, Vec<u8>) {
    let t = now_ms();
    (t, delivery(event, &new_id(), t))
}

fn sig(header_value: String) -> Vec<String> {
    vec![format!("Livepeer-Signature: {header_value}")]
}

fn chunked(path: &str, headers: &[String], body: &[u8], chunk: usize) -> Vec<u8> {
    let mut req = format!(
        "POST {path} HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n"
    );
    for h in headers {
        req.push_str(&format!("{h}\r\n"));
    }
    req.push_str("\r\n");
    let mut bytes = req.into_bytes();
    for part in body.chunks(chunk) {
        bytes.extend_from_slice(format!("{:x}\r\n", part.len()).as_bytes());
        bytes.extend_from_slice(part);
        bytes.extend_from_slice(b"\r\n");
    }
    bytes.extend_from_slice(b"0\r\n\r\n");
    bytes
}

fn cases() -> Vec<(&'static str, Vec<u8>, Expect)> {
    use Expect::*;
    let p = "/hook";
    let mut cases: Vec<(&'static str, Vec<u8>, Expect)> = Vec::new();

    let (t, body) = fresh("stream.started");
    cases.push((
        "no signature header",
        post(p, &[], &body),
        Error(401, "missing_signature"),
    ));
    cases.push((
        "empty signature header",
        post(p, &["Livepeer-Signature: ".into()], &body),
        Error(401, "missing_signature"),
    ));
    cases.push((
        "garbled signature",
        post(p, &sig("garbage!!".into()), &body),
        Error(401, "malformed_signature"),
    ));
    cases.push((
        "t is not a number",
        post(p, &sig(format!("t=abc,v1={}", "a".repeat(64))), &body),
        Error(401, "malformed_signature"),
    ));
    cases.push((
        "v1 not hex",
        post(p, &sig(format!("t={t},v1=zz")), &body),
        Error(401, "malformed_signature"),
    ));
    cases.push((
        "no v1",
        post(p, &sig(format!("t={t}")), &body),
        Error(401, "malformed_signature"),
    ));
    cases.push((
        "no t",
        post(p, &sig(format!("v1={}", "a".repeat(64))), &body),
        Error(401, "malformed_signature"),
    ));
    cases.push((
        "wrong secret",
        post(p, &sig(livepeer_header("not-the-secret", t, &body)), &body),
        Error(401, "bad_signature"),
    ));
    let mut tampered = body.clone();
    let at = tampered.iter().position(|&b| b == b'k').unwrap();
    tampered[at] = b'K';
    cases.push((
        "tampered body",
        post(p, &sig(livepeer_header(SECRET, t, &body)), &tampered),
        Error(401, "bad_signature"),
    ));
    let old = now_ms() - 10 * 60 * 1000;
    let stale = delivery("stream.started", &new_id(), old);
    cases.push((
        "stale timestamp",
        post(p, &sig(livepeer_header(SECRET, old, &stale)), &stale),
        Error(401, "stale_timestamp"),
    ));
    let future = now_ms() + 10 * 60 * 1000;
    let ahead = delivery("stream.started", &new_id(), future);
    cases.push((
        "future timestamp",
        post(p, &sig(livepeer_header(SECRET, future, &ahead)), &ahead),
        Error(401, "stale_timestamp"),
    ));
    let (t2, body2) = fresh("stream.idle");
    cases.push((
        "t differs from body timestamp",
        post(p, &sig(livepeer_header(SECRET, t2 + 1500, &body2)), &body2),
        Error(401, "timestamp_mismatch"),
    ));
    let secs = t2 / 1000;
    cases.push((
        "t in seconds, docs form",
        post(p, &sig(livepeer_docs_header(SECRET, secs, &body2)), &body2),
        Statuses(&[401]),
    ));
    let (t3, body3) = fresh("asset.ready");
    let two = vec![
        format!(
            "Livepeer-Signature: {}",
            livepeer_header(SECRET, t3, &body3)
        ),
        format!("Livepeer-Signature: t={},v1={}", t3 + 1, "b".repeat(64)),
    ];
    cases.push((
        "duplicated header, two different t",
        post(p, &two, &body3),
        Error(401, "malformed_signature"),
    ));
    let (t4, body4) = fresh("asset.ready");
    let same_twice = vec![
        format!(
            "Livepeer-Signature: {}",
            livepeer_header(SECRET, t4, &body4)
        ),
        format!(
            "Livepeer-Signature: {}",
            livepeer_header(SECRET, t4, &body4)
        ),
    ];
    cases.push((
        "duplicated identical valid header",
        post(p, &same_twice, &body4),
        Statuses(&[200]),
    ));
    let (t5, body5) = fresh("task.updated");
    cases.push((
        "rotated secret (second --secret)",
        post(p, &sig(livepeer_header(OTHER_SECRET, t5, &body5)), &body5),
        Statuses(&[200]),
    ));
    let (t6, body6) = fresh("task.updated");
    cases.push((
        "lowercase header name, unknown v2 key",
        post(
            p,
            &[format!(
                "livepeer-signature: {},v2=ffff",
                livepeer_header(SECRET, t6, &body6)
            )],
            &body6,
        ),
        Statuses(&[200]),
    ));
    let t7 = now_ms();
    let not_json = b"this is not json".to_vec();
    cases.push((
        "non-JSON body, correctly signed",
        post(p, &sig(livepeer_header(SECRET, t7, &not_json)), &not_json),
        // Validly signed but not JSON: refused as no provider's delivery (400 not_json).
        Statuses(&[400]),
    ));
    cases.push((
        "empty body, correctly signed",
        post(p, &sig(livepeer_header(SECRET, t7, b"")), b""),
        // Validly signed but not JSON: refused as no provider's delivery (400 not_json).
        Statuses(&[400]),
    ));
    cases.push((
        "empty body, unsigned",
        post(p, &[], b""),
        Error(401, "missing_signature"),
    ));
    let utf8 = b"{\"id\":\"x\xff\xfe\",\"event\":\"asset.ready\"}".to_vec();
    cases.push((
        "invalid UTF-8 body, correctly signed",
        post(p, &sig(livepeer_header(SECRET, t7, &utf8)), &utf8),
        // Validly signed but not JSON: refused as no provider's delivery (400 not_json).
        Statuses(&[400]),
    ));
    let mut bad_header = post(p, &["Livepeer-Signature: t=1,v1=XX".into()], &body);
    let at = bad_header.windows(5).position(|w| w == b"v1=XX").unwrap() + 3;
    bad_header[at] = 0xff;
    bad_header[at + 1] = 0xfe;
    cases.push((
        "invalid UTF-8 in the signature header",
        bad_header,
        Error(401, "malformed_signature"),
    ));
    let big = vec![b'x'; MAX_BODY + 1];
    cases.push((
        "over the limit, Content-Length",
        post(p, &[], &big),
        Error(413, "body_too_large"),
    ));
    cases.push((
        "over the limit, chunked",
        chunked(p, &[], &big, 1000),
        Error(413, "body_too_large"),
    ));
    let (t8, body8) = fresh("recording.ready");
    cases.push((
        "chunked within the limit, signed",
        chunked(p, &sig(livepeer_header(SECRET, t8, &body8)), &body8, 7),
        Statuses(&[200]),
    ));
    cases.push((
        "lying huge Content-Length",
        b"POST /hook HTTP/1.1\r\nHost: t\r\nContent-Length: 99999999999\r\n\r\nabc".to_vec(),
        Error(413, "body_too_large"),
    ));
    cases.push((
        "GET",
        b"GET /hook HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n".to_vec(),
        Error(405, "method_not_allowed"),
    ));
    cases.push((
        "PUT",
        post(p, &[], &body)
            .iter()
            .skip(4)
            .fold(b"PUT".to_vec(), |mut v, b| {
                v.push(*b);
                v
            }),
        Error(405, "method_not_allowed"),
    ));
    cases.push((
        "HEAD",
        b"HEAD /hook HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n".to_vec(),
        Statuses(&[405]),
    ));
    cases.push((
        "wrong path",
        signed_post("/elsewhere", "stream.started"),
        Error(404, "not_found"),
    ));
    cases.push((
        "garbage request line",
        b"\x16\x03\x01 not http at all\r\n\r\n".to_vec(),
        Statuses(&[400]),
    ));
    let huge_header = format!(
        "POST /hook HTTP/1.1\r\nHost: t\r\nX-Big: {}\r\n\r\n",
        "a".repeat(200 * 1024)
    );
    cases.push(("200 KiB header", huge_header.into_bytes(), Statuses(&[431])));
    let (t9, body9) = fresh("stream.started");
    let mut http10 = format!(
        "POST /hook HTTP/1.0\r\nContent-Length: {}\r\nLivepeer-Signature: {}\r\n\r\n",
        body9.len(),
        livepeer_header(SECRET, t9, &body9)
    )
    .into_bytes();
    http10.extend_from_slice(&body9);
    cases.push(("HTTP/1.0 valid delivery", http10, Statuses(&[200])));
    // Two requests in one write; the second closes the connection.
    let mut pipelined = signed_post(p, "asset.created");
    let first_close = String::from_utf8(pipelined.clone())
        .unwrap()
        .replace("Connection: close\r\n", "");
    pipelined = first_close.into_bytes();
    pipelined.extend_from_slice(&signed_post(p, "asset.updated"));
    cases.push(("pipelined pair", pipelined, Statuses(&[200, 200])));
    let (t10, body10) = fresh("stream.idle");
    let esc_body = serde_json::json!({
        "id": new_id(), "webhookId": "wh", "timestamp": t10, "event": "stream.idle",
        "stream": {"id": "s-esc", "name": "evil\u{1b}[31mred\u{7}\r\n", "playbackId": "pb"}
    })
    .to_string()
    .into_bytes();
    let _ = body10;
    cases.push((
        "ANSI escapes in payload strings",
        post(p, &sig(livepeer_header(SECRET, t10, &esc_body)), &esc_body),
        Statuses(&[200]),
    ));
    let (t11, body11) = fresh("asset.deleted");
    let dup = post(p, &sig(livepeer_header(SECRET, t11, &body11)), &body11);
    cases.push(("first copy of a delivery", dup.clone(), Statuses(&[200])));
    cases.push(("same delivery again (duplicate)", dup, Statuses(&[200])));
    cases
}

/// `Expect: 100-continue`: the server says 100 before the body is sent, then answers.
fn expect_continue(addr: &str) -> Vec<u16> {
    let t = now_ms();
    let body = delivery("asset.ready", &new_id(), t);
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let head = format!(
        "POST /hook HTTP/1.1\r\nHost: t\r\nContent-Length: {}\r\nExpect: 100-continue\r\nConnection: close\r\nLivepeer-Signature: {}\r\n\r\n",
        body.len(),
        livepeer_header(SECRET, t, &body)
    );
    stream.write_all(head.as_bytes()).unwrap();
    let mut buf = [0u8; 256];
    let n = stream.read(&mut buf).unwrap();
    let interim = String::from_utf8_lossy(&buf[..n]).into_owned();
    assert!(
        interim.starts_with("HTTP/1.1 100"),
        "expected 100 Continue before the body, got {interim:?}"
    );
    stream.write_all(&body).unwrap();
    let rest = read_all(stream);
    let mut statuses = parse_raw(&buf[..n]).statuses;
    statuses.extend(rest.statuses);
    statuses
}

/// Headers dribbled one byte at a time (slower than any real client, inside the read timeout).
fn slow_headers(addr: &str) -> Vec<u16> {
    let request = signed_post("/hook", "stream.started");
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let split = request.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
    for byte in &request[..split] {
        stream.write_all(&[*byte]).unwrap();
        std::thread::sleep(Duration::from_millis(2));
    }
    stream.write_all(&request[split..]).unwrap();
    read_all(stream).statuses
}

/// A client that stops mid-headers is disconnected after the read timeout, without an answer.
fn stuck_headers(addr: &str) -> (Vec<u16>, Duration) {
    let started = std::time::Instant::now();
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(15)))
        .unwrap();
    stream
        .write_all(b"POST /hook HTTP/1.1\r\nHost: t\r\nContent-Len")
        .unwrap();
    let raw = read_all(stream);
    (raw.statuses, started.elapsed())
}

/// A client that sends headers and then only part of its body gets 408 after the read timeout.
fn stuck_body(addr: &str) -> Vec<u16> {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(15)))
        .unwrap();
    stream
        .write_all(b"POST /hook HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n{\"id\":")
        .unwrap();
    read_all(stream).statuses
}

/// 1,000 connections open at once, each sending one valid delivery: every one is answered 200.
fn thousand_connections(addr: &str) -> usize {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let mut tasks = tokio::task::JoinSet::new();
        for _ in 0..1000 {
            let addr = addr.to_owned();
            tasks.spawn(async move {
                use tokio::io::{AsyncReadExt, AsyncWriteExt};
                let mut stream = tokio::net::TcpStream::connect(&addr).await.ok()?;
                stream
                    .write_all(&signed_post("/hook", "task.spawned"))
                    .await
                    .ok()?;
                let mut bytes = Vec::new();
                tokio::time::timeout(Duration::from_secs(60), stream.read_to_end(&mut bytes))
                    .await
                    .ok()?
                    .ok()?;
                Some(parse_raw(&bytes).statuses == [200])
            });
        }
        let results = tasks.join_all().await;
        results.into_iter().filter(|ok| *ok == Some(true)).count()
    })
}

#[test]
fn hostile_requests_get_their_status_and_the_server_survives() {
    let listener = Listener::start(&[
        "--path",
        "/hook",
        "--secret",
        SECRET,
        "--secret",
        OTHER_SECRET,
        "--max-body",
        &MAX_BODY.to_string(),
        "--read-timeout",
        "2s",
        "--json",
    ]);
    let addr = listener.addr.clone();
    let mut failures = Vec::new();
    let table = cases();
    assert!(table.len() >= 30, "the table must hold at least 30 cases");
    for (name, request, expect) in table {
        let raw = raw_exchange(&addr, &request);
        let ok = match &expect {
            Expect::Statuses(want) => raw.statuses == *want,
            Expect::Error(status, word) => {
                raw.statuses == [*status] && raw.text.contains(&format!("\"error\":\"{word}\""))
            }
        };
        if !ok {
            failures.push(format!(
                "{name}: expected {expect:?}, got {:?}\n{}",
                raw.statuses, raw.text
            ));
        }
    }
    let continued = expect_continue(&addr);
    if continued != [100, 200] {
        failures.push(format!("Expect: 100-continue: got {continued:?}"));
    }
    let slow = slow_headers(&addr);
    if slow != [200] {
        failures.push(format!("headers byte by byte: got {slow:?}"));
    }
    let (stuck, took) = stuck_headers(&addr);
    if !stuck.is_empty() && stuck != [408] || took > Duration::from_secs(12) {
        failures.push(format!("stuck headers: got {stuck:?} after {took:?}"));
    }
    let body_stuck = stuck_body(&addr);
    if body_stuck != [408] {
        failures.push(format!("stuck body: got {body_stuck:?}"));
    }
    let answered = thousand_connections(&addr);
    if answered != 1000 {
        failures.push(format!(
            "1000 concurrent connections: only {answered} answered 200"
        ));
    }
    // Still alive and still verifying.
    let last = raw_exchange(&addr, &signed_post("/hook", "asset.ready"));
    if last.statuses != [200] {
        failures.push(format!(
            "valid delivery after the table: got {:?}",
            last.statuses
        ));
    }
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n{}\nstderr:\n{}",
        failures.len(),
        failures.join("\n"),
        listener.stderr()
    );

    // The NDJSON report: ANSI escapes arrive as JSON escapes, never raw; duplicates are marked.
    let lines = listener.lines();
    assert!(
        lines
            .iter()
            .all(|l| !l.contains('\u{1b}') && !l.contains('\u{7}')),
        "raw control characters on stdout"
    );
    let records: Vec<serde_json::Value> = lines
        .iter()
        .map(|l| serde_json::from_str(l).expect("NDJSON"))
        .collect();
    let escaped = records
        .iter()
        .find(|r| r["body"]["stream"]["id"] == "s-esc")
        .expect("escape case reported");
    assert_eq!(
        escaped["body"]["stream"]["name"],
        "evil\u{1b}[31mred\u{7}\r\n"
    );
    assert!(
        records
            .iter()
            .any(|r| r["verdict"] == "duplicate" && r["event"] == "asset.deleted")
    );
    assert!(records.iter().any(|r| r["verdict"] == "timestamp_mismatch"));
    drop(listener);
}

#[test]
fn escapes_in_payloads_are_shown_escaped_in_human_output() {
    let listener = Listener::start(&["--secret", SECRET]);
    let t = now_ms();
    let body = serde_json::json!({
        "id": new_id(), "timestamp": t, "event": "stream.started\u{1b}]0;title\u{7}",
        "stream": {"id": "s1", "name": "evil\u{1b}[2Jname", "playbackId": "pb"}
    })
    .to_string()
    .into_bytes();
    let raw = raw_exchange(
        &listener.addr,
        &post("/", &sig(livepeer_header(SECRET, t, &body)), &body),
    );
    assert_eq!(raw.statuses, [200]);
    let lines = listener.wait_lines(1);
    assert!(
        !lines[0].contains('\u{1b}') && !lines[0].contains('\u{7}'),
        "{:?}",
        lines[0]
    );
    assert!(lines[0].contains("evil\\u{1b}[2Jname"), "{}", lines[0]);
    assert!(
        lines[0].contains("stream.started\\u{1b}]0;title\\u{7}"),
        "{}",
        lines[0]
    );
}

/// On other OSes: listed as ignored (see below for what it checks).
#[cfg(not(unix))]
#[test]
#[ignore = "plants Unix symlinks and checks the file's 0600 mode"]
fn the_ready_file_is_never_written_through_a_planted_symlink() {}

/// `--ready-file` through planted links: a symlink at the file's own name is replaced, not
/// written through, and so is one at the old fixed temporary name (`PATH.tmp-PID`); the file is
/// a private (0600) regular file.
#[cfg(unix)]
#[test]
fn the_ready_file_is_never_written_through_a_planted_symlink() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim");
    std::fs::write(&victim, "precious").unwrap();
    let ready = dir.path().join("ready.json");
    std::os::unix::fs::symlink(&victim, &ready).unwrap();
    // Every pid the listener might get, for the old `PATH.tmp-PID` name: a few around ours.
    let ours = std::process::id();
    for pid in ours..ours + 200 {
        let _ =
            std::os::unix::fs::symlink(&victim, dir.path().join(format!("ready.json.tmp-{pid}")));
    }
    let listener = Listener::start(&["--ready-file", ready.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    let meta = std::fs::symlink_metadata(&ready).unwrap();
    assert!(meta.is_file(), "a regular file, not the planted link");
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    let text = std::fs::read_to_string(&ready).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        value["listen_url"]
            .as_str()
            .map(|u| u.starts_with(&listener.url)),
        Some(true),
        "{text}"
    );
    drop(listener);
}

/// The start-up banner names the forward target as every other line does: no user name,
/// password or query value, and the mark in its place reads `…`, not `%E2%80%A6`.
#[test]
fn the_banner_shows_the_forward_url_without_its_credentials() {
    let listener = Listener::start(&[
        "--no-record",
        "--forward-to",
        "http://alice:hunter2@127.0.0.1:9/hook?token=s3cr3t",
    ]);
    let stderr = listener.stderr();
    assert!(
        stderr
            .contains("lpwh: forwarding every valid delivery → http://…@127.0.0.1:9/hook?token=…"),
        "{stderr}"
    );
    for secret in ["alice", "hunter2", "s3cr3t", "%E2%80%A6"] {
        assert!(!stderr.contains(secret), "{secret} in:\n{stderr}");
    }
}
