//! What `lpwh listen` makes of the app's answers: the end-of-session summary, the exit code of
//! `--count` when the app refused a forwarded delivery, and a forwarded access-control gate call
//! judged by its `ret` as Studio judges it.

use std::time::Duration;

use crate::listen_deliveries::send_signed;
use crate::support::listen::*;
use serde_json::Value;

/// The end-of-session summary counts what was sent: received, verified, refused, duplicate,
/// the app's answers by status; on stderr, and with `--json` as the last line of stdout.
#[test]
fn the_summary_counts_what_arrived_and_what_the_app_answered() {
    let app = Target::start(202, "/hook");
    let mut listener = Listener::start(&["--json", "--secret", SECRET, "--forward-to", &app.url]);
    let signed = |id: &str, secret: &str| {
        let t = now_ms();
        let body = delivery("asset.ready", id, t);
        let header = format!("Livepeer-Signature: {}", livepeer_header(secret, t, &body));
        post("/", &[header], &body)
    };
    let first = new_id();
    let statuses: Vec<u16> = [
        signed(&first, SECRET),
        signed(&first, SECRET),
        signed(&new_id(), SECRET),
        signed(&new_id(), "not-the-secret"),
    ]
    .iter()
    .flat_map(|request| raw_exchange(&listener.addr, request).statuses)
    .collect();
    // Two forwarded (the app's 202 relayed), a duplicate answered 200, a forgery refused.
    assert_eq!(statuses, [202, 200, 202, 401]);
    listener.wait_lines(4);
    listener.signal("TERM");
    assert_eq!(listener.wait_exit(Duration::from_secs(20)).code(), Some(0));
    let stderr = listener.stderr();
    assert!(
        stderr.contains(
            "lpwh: 4 deliveries received: 2 verified, 1 refused, 1 duplicate; your app answered \
             202 ×2; recorded 4 deliveries in"
        ),
        "{stderr}"
    );
    let lines = listener.lines();
    let last: Value = serde_json::from_str(lines.last().unwrap()).unwrap();
    let summary = &last["summary"];
    assert_eq!(summary["received"], 4);
    assert_eq!(summary["verified"], 2);
    assert_eq!(summary["refused"], 1);
    assert_eq!(summary["duplicates"], 1);
    assert_eq!(summary["app"], serde_json::json!({"202": 2}));
    assert_eq!(summary["app_failed"], 0);
    assert_eq!(summary["webhook_deleted"], Value::Null);
}

/// With `--forward-to`, reaching `--count` is not enough: a delivery the app refused makes the
/// exit 1, naming it.
#[test]
fn count_exits_1_when_the_app_refused_a_forwarded_delivery() {
    let app = Target::start(401, "/hook");
    let mut listener =
        Listener::start(&["--secret", SECRET, "--forward-to", &app.url, "--count", "1"]);
    let t = now_ms();
    let id = new_id();
    let body = delivery("asset.ready", &id, t);
    let header = format!("Livepeer-Signature: {}", livepeer_header(SECRET, t, &body));
    assert_eq!(
        raw_exchange(&listener.addr, &post("/", &[header], &body)).statuses,
        [401]
    );
    let status = listener.wait_exit(Duration::from_secs(20));
    assert_eq!(status.code(), Some(1), "{}", listener.stderr());
    let stderr = listener.stderr();
    assert!(
        stderr.contains(&format!(
            "lpwh: error: your app did not take 1 forwarded delivery (asset.ready {id}: 401)"
        )),
        "{stderr}"
    );
}

/// A gate call forwarded to the app: the app's `200 {"ret":403}` is what Studio reads as a
/// denial, and listen's line says so (it once said the 200 allowed playback).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forwarded_gate_call_is_judged_by_ret_as_studio_judges_it() {
    use std::io::{Read as _, Write as _};
    let app = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let app_url = format!("http://{}/gate", app.local_addr().unwrap());
    std::thread::spawn(move || {
        for conn in app.incoming() {
            let Ok(mut conn) = conn else { continue };
            let mut buf = [0u8; 65536];
            let mut got = Vec::new();
            while !got.windows(4).any(|w| w == b"\r\n\r\n") {
                match conn.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => got.extend_from_slice(&buf[..n]),
                }
            }
            let body = br#"{"ret":403}"#;
            let _ = conn.write_all(
                format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                    body.len()
                )
                .as_bytes(),
            );
            let _ = conn.write_all(body);
        }
    });
    let listener = Listener::start(&["--json", "--secret", SECRET, "--forward-to", &app_url]);
    let t = now_ms();
    let body = serde_json::json!({"context": {}, "accessKey": "k", "timestamp": t})
        .to_string()
        .into_bytes();
    let (status, answer) = send_signed(&listener.url, SECRET, body, t).await;
    // The app's own answer goes back to Studio, which does the judging.
    assert_eq!((status, answer.as_str()), (200, r#"{"ret":403}"#));
    let line: Value = serde_json::from_str(&listener.wait_lines(1)[0]).unwrap();
    assert_eq!(line["access"]["allow"], false, "{line}");
    assert!(
        line["access"]["why"].as_str().unwrap().contains("ret 403"),
        "{line}"
    );
}
