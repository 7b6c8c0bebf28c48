//! `listen --ack-first` loses nothing: every delivery the sender was answered 200 for is in the
//! inbox (as `pending` until the app answers), after `kill -9`, after a second Ctrl-C, and
//! under a burst bigger than `--max-forwards`; `inbox replay --pending` sends what is left, in
//! order.

use std::io::{Read as _, Write as _};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::inbox::{send, signed};
use crate::support::listen::SECRET;
use crate::support::receiver::Receiver;
use crate::support::sandbox::Sandbox;

/// An app that takes deliveries and answers none of them until released: it keeps the event ids
/// it got, in order, and the most requests it held at once.
struct HeldApp {
    url: String,
    got: Arc<Mutex<Vec<String>>>,
    most_at_once: Arc<AtomicUsize>,
    release: Arc<(Mutex<bool>, Condvar)>,
}

impl HeldApp {
    fn start() -> HeldApp {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/hook", listener.local_addr().unwrap());
        let got = Arc::new(Mutex::new(Vec::new()));
        let most_at_once = Arc::new(AtomicUsize::new(0));
        let now = Arc::new(AtomicUsize::new(0));
        let release = Arc::new((Mutex::new(false), Condvar::new()));
        let (g, m, r) = (got.clone(), most_at_once.clone(), release.clone());
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                let Ok(mut conn) = conn else { continue };
                let (got, most, now, release) = (g.clone(), m.clone(), now.clone(), r.clone());
                std::thread::spawn(move || {
                    let Some(body) = read_request(&mut conn) else {
                        return;
                    };
                    let at_once = now.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(at_once, Ordering::SeqCst);
                    let id = serde_json::from_slice::<Value>(&body).unwrap()["id"]
                        .as_str()
                        .unwrap()
                        .to_owned();
                    got.lock().unwrap().push(id);
                    let (lock, cvar) = &*release;
                    let mut released = lock.lock().unwrap();
                    while !*released {
                        released = cvar.wait(released).unwrap();
                    }
                    drop(released);
                    now.fetch_sub(1, Ordering::SeqCst);
                    let _ = conn.write_all(
                        b"HTTP/1.1 202 Accepted\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
                    );
                });
            }
        });
        HeldApp {
            url,
            got,
            most_at_once,
            release,
        }
    }

    fn got(&self) -> Vec<String> {
        self.got.lock().unwrap().clone()
    }

    /// Wait (bounded) until the app holds `n` requests.
    fn wait_for(&self, n: usize) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while self.got().len() < n {
            assert!(
                Instant::now() < deadline,
                "the app got {:?}, expected {n}",
                self.got()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn release(&self) {
        let (lock, cvar) = &*self.release;
        *lock.lock().unwrap() = true;
        cvar.notify_all();
    }
}

/// One HTTP request's body (Content-Length framed), or `None` if the peer went away.
fn read_request(conn: &mut std::net::TcpStream) -> Option<Vec<u8>> {
    let mut request = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        let n = conn.read(&mut buf).ok()?;
        if n == 0 {
            return None;
        }
        request.extend_from_slice(&buf[..n]);
        if let Some(end) = request.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&request[..end]).to_ascii_lowercase();
            let length: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .map_or(0, |v| v.trim().parse().unwrap());
            if request.len() >= end + 4 + length {
                return Some(request[end + 4..end + 4 + length].to_vec());
            }
        }
    }
}

/// Send `n` signed deliveries with ids `{prefix}-0..n`; each must be answered 200.
fn deliver(addr: &str, prefix: &str, n: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            let id = format!("{prefix}-{i}");
            let (body, header) = signed("stream.started", &id);
            assert_eq!(send(addr, &[header], &body), 200, "delivery {id}");
            id
        })
        .collect()
}

fn ids_of(rows: &[Value]) -> Vec<String> {
    let mut ids: Vec<String> = rows
        .iter()
        .map(|r| r["event_id"].as_str().unwrap().to_owned())
        .collect();
    ids.sort();
    ids
}

#[test]
fn kill_9_with_deliveries_pending_loses_none_and_replay_pending_sends_them_in_order() {
    let app = HeldApp::start();
    let home = Sandbox::new();
    let mut listener = home.listen(&["--secret", SECRET, "--ack-first", "--forward-to", &app.url]);
    let mut sent = deliver(&listener.addr, "evt-kill", 5);
    app.wait_for(5);
    // kill -9: no handler runs, nothing is flushed on the way out.
    listener.kill();
    drop(listener);

    let pending = home.list(&["--verdict", "pending"]);
    sent.sort();
    assert_eq!(
        ids_of(&pending),
        sent,
        "every acknowledged delivery is in the inbox"
    );
    assert!(pending.iter().all(|r| r["status"] == 200), "{pending:?}");

    // The app is back: send them all, oldest first, each row resolved with its answer.
    let receiver = Receiver::start(200, "{}");
    let run = home.run(&[
        "inbox",
        "replay",
        "--pending",
        "--to",
        &receiver.url,
        "--secret",
        SECRET,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("sent 5 pending deliveries"),
        "{}",
        run.stderr
    );
    let got: Vec<String> = receiver
        .take()
        .iter()
        .map(|d| d.json()["id"].as_str().unwrap().to_owned())
        .collect();
    let in_order: Vec<String> = (0..5).map(|i| format!("evt-kill-{i}")).collect();
    assert_eq!(got, in_order);
    assert!(home.list(&["--verdict", "pending"]).is_empty());
    let rows = home.list(&["--verdict", "ok"]);
    assert_eq!(rows.len(), 5);
    assert!(
        rows.iter().all(|r| r["forward"][0]["status"] == 200),
        "{rows:?}"
    );
    // Nothing left: a second run says so.
    let again = home.run(&["inbox", "replay", "--pending", "--to", &receiver.url]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(
        again.stderr.contains("no deliveries are pending"),
        "{}",
        again.stderr
    );
    assert!(receiver.take().is_empty());
}

#[test]
fn a_burst_past_max_forwards_waits_in_the_inbox_and_reaches_the_app_in_order() {
    let app = HeldApp::start();
    let home = Sandbox::new();
    let mut listener = home.listen(&[
        "--json",
        "--secret",
        SECRET,
        "--ack-first",
        "--max-forwards",
        "2",
        "--forward-to",
        &app.url,
    ]);
    let sent = deliver(&listener.addr, "evt-burst", 12);
    app.wait_for(2);
    // Every sender has its 200, the app holds two, and the rest wait in the inbox.
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(app.got().len(), 2, "no more than --max-forwards at once");
    assert_eq!(home.list(&["--verdict", "pending"]).len(), 12);

    app.release();
    listener.wait_lines(12);
    // Every one reached the app (two under way at once may arrive either way round: the order
    // is the next test's).
    let (mut got, mut want) = (app.got(), sent.clone());
    got.sort();
    want.sort();
    assert_eq!(got, want);
    assert_eq!(app.most_at_once.load(Ordering::SeqCst), 2);
    assert!(home.list(&["--verdict", "pending"]).is_empty());
    let rows = home.list(&["--verdict", "ok"]);
    assert_eq!(rows.len(), 12);
    assert!(
        rows.iter().all(|r| r["forward"][0]["status"] == 202),
        "{rows:?}"
    );
    listener.signal("TERM");
    assert_eq!(listener.wait_exit(Duration::from_secs(20)).code(), Some(0));
}

/// One forward at a time: the app gets the waiting deliveries exactly in the order they came.
#[test]
fn waiting_deliveries_reach_the_app_in_the_order_they_came() {
    let app = HeldApp::start();
    let home = Sandbox::new();
    let mut listener = home.listen(&[
        "--json",
        "--secret",
        SECRET,
        "--ack-first",
        "--max-forwards",
        "1",
        "--forward-to",
        &app.url,
    ]);
    let sent = deliver(&listener.addr, "evt-order", 8);
    app.wait_for(1);
    app.release();
    listener.wait_lines(8);
    assert_eq!(app.got(), sent);
    assert_eq!(app.most_at_once.load(Ordering::SeqCst), 1);
    listener.signal("TERM");
    assert_eq!(listener.wait_exit(Duration::from_secs(20)).code(), Some(0));
}

#[test]
#[cfg_attr(
    windows,
    ignore = "sends Ctrl-C, which Windows cannot deliver to another process group"
)]
fn a_second_ctrl_c_stops_waiting_for_the_app_and_leaves_the_deliveries_pending() {
    let app = HeldApp::start();
    let home = Sandbox::new();
    let mut listener = home.listen(&["--secret", SECRET, "--ack-first", "--forward-to", &app.url]);
    deliver(&listener.addr, "evt-int", 3);
    app.wait_for(3);
    listener.signal("INT");
    // The first Ctrl-C: no new deliveries, and a wait for the app, said with the count.
    let deadline = Instant::now() + Duration::from_secs(20);
    while !listener.stderr().contains("waiting up to 10s") {
        assert!(Instant::now() < deadline, "{}", listener.stderr());
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        listener
            .stderr()
            .contains("for the app to answer 3 acknowledged deliveries"),
        "{}",
        listener.stderr()
    );
    let refused = std::net::TcpStream::connect(&listener.addr);
    assert!(refused.is_err(), "the port is closed while waiting");
    // The second: out at once, the three left pending.
    let asked = Instant::now();
    listener.signal("INT");
    let status = listener.wait_exit(Duration::from_secs(20));
    assert!(
        asked.elapsed() < Duration::from_secs(8),
        "exited on the second Ctrl-C, not at the end of the wait"
    );
    assert_eq!(status.code(), Some(130), "{}", listener.stderr());
    assert!(
        listener
            .stderr()
            .contains("3 acknowledged deliveries are not answered by the app"),
        "{}",
        listener.stderr()
    );
    assert_eq!(home.list(&["--verdict", "pending"]).len(), 3);
    app.release();
}

#[test]
fn ack_first_without_the_inbox_is_refused_before_listening() {
    let home = Sandbox::new();
    let run = home.run(&[
        "listen",
        "--port",
        "0",
        "--ack-first",
        "--no-record",
        "--forward-to",
        "http://127.0.0.1:9/hook",
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("lpwh: error: --ack-first needs the inbox"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("listening on"), "{}", run.stderr);
}
