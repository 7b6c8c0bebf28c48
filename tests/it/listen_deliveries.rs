//! `lpwh listen` end to end: deliveries signed by this test (its own HMAC code, fresh
//! timestamps) sent with reqwest and with curl; the report lines and NDJSON; forwarding;
//! access control; and the CI exit codes of --until, --count and --timeout-after.

use std::process::Command;
use std::time::Duration;

use crate::support::listen::*;
use crate::support::refused::Refused;
use serde_json::Value;

async fn send(url: &str, headers: &[(&str, String)], body: Vec<u8>) -> (u16, String) {
    let client = lpwh::http_client::builder().build().unwrap();
    let mut req = client
        .post(url)
        .header("content-type", "application/json")
        .header("user-agent", "livepeer.studio");
    for (k, v) in headers {
        req = req.header(*k, v);
    }
    let res = req.body(body).send().await.expect("request");
    let status = res.status().as_u16();
    (status, res.text().await.unwrap())
}

pub(crate) async fn send_signed(url: &str, secret: &str, body: Vec<u8>, t: i64) -> (u16, String) {
    let header = livepeer_header(secret, t, &body);
    send(url, &[("Livepeer-Signature", header)], body).await
}

fn asset_ready(id: &str, t: i64) -> Vec<u8> {
    serde_json::json!({
        "id": id, "webhookId": "wh-9", "createdAt": t, "timestamp": t, "event": "asset.ready",
        "payload": {"asset": {"id": "asset-42", "snapshot": {"id": "asset-42", "playbackId": "pbA",
            "status": {"phase": "ready", "updatedAt": t}}}}
    })
    .to_string()
    .into_bytes()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn human_lines_show_verdict_event_and_key_facts() {
    let listener = Listener::start(&["--secret", SECRET]);
    let t = now_ms();
    let (status, _) = send_signed(
        &listener.url,
        SECRET,
        delivery("stream.started", &new_id(), t),
        t,
    )
    .await;
    assert_eq!(status, 200);
    let t = now_ms();
    let (status, _) = send_signed(&listener.url, SECRET, asset_ready(&new_id(), t), t).await;
    assert_eq!(status, 200);
    let t = now_ms();
    let (status, body) = send_signed(
        &listener.url,
        "wrong",
        delivery("stream.idle", &new_id(), t),
        t,
    )
    .await;
    assert_eq!(status, 401);
    let answer: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(answer["error"], "bad_signature");
    assert!(answer["hint"].as_str().is_some_and(|h| !h.is_empty()));

    let lines = listener.wait_lines(3);
    let text = lines.join("\n");
    assert!(lines[0].contains("✔ stream.started"), "{text}");
    assert!(
        lines[0].contains("stream keynote (stream-1)") && lines[0].contains("playbackId pb123"),
        "{text}"
    );
    assert!(
        lines[1].contains("✔ asset.ready") && lines[1].contains("asset asset-42 ready"),
        "{text}"
    );
    assert!(text.contains("✗ bad_signature stream.idle"), "{text}");
    // A local time comes first: HH:MM:SS.
    assert!(
        lines[0].as_bytes()[2] == b':' && lines[0].as_bytes()[5] == b':',
        "{text}"
    );
    let stderr = listener.stderr();
    assert!(
        stderr.contains("(scheme livepeer, verifying with 1 secret)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("--public-url"),
        "the tunnel hint is missing: {stderr}"
    );
    assert!(
        !stderr.contains(SECRET) && !text.contains(SECRET),
        "the secret leaked"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ndjson_has_the_documented_fields_and_curl_deliveries_verify() {
    let listener = Listener::start_with(&["--json"], &[("LPWH_WEBHOOK_SECRET", SECRET)]);
    let id = new_id();
    let t = now_ms();
    let body = delivery("recording.ready", &id, t);
    let header = livepeer_header(SECRET, t, &body);
    let body_path = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(body_path.path(), &body).unwrap();
    let answer = tempfile::NamedTempFile::new().unwrap();
    let out = Command::new("curl")
        .arg("-sS")
        .arg("-o")
        .arg(answer.path())
        .args(["-w", "%{http_code}", "-H", "Content-Type: application/json"])
        .arg("-H")
        .arg(format!("Livepeer-Signature: {header}"))
        .arg("--data-binary")
        .arg(format!("@{}", body_path.path().display()))
        .arg(format!("{}/webhooks/livepeer", listener.url))
        .output()
        .expect("curl is installed");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "200",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The same delivery again (a retry): answered 200, reported as a duplicate.
    let (status, answer) = send(
        &listener.url,
        &[("Livepeer-Signature", header.clone())],
        body.clone(),
    )
    .await;
    assert_eq!(status, 200);
    assert!(answer.contains("duplicate"), "{answer}");
    let (status, _) = send(&listener.url, &[], b"not json".to_vec()).await;
    assert_eq!(status, 401);

    let lines = listener.wait_lines(3);
    let records: Vec<Value> = lines
        .iter()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect();
    let first = &records[0];
    // The delivery JSON, as the README documents it, field for field and in this order.
    let keys: Vec<&str> = first
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    assert_eq!(
        keys,
        [
            "id",
            "received_at",
            "received_at_ms",
            "verdict",
            "hint",
            "event",
            "event_id",
            "webhook_id",
            "method",
            "path",
            "remote",
            "status",
            "access",
            "headers",
            "body",
            "body_base64",
            "size",
            "forward",
            "edit_of",
            "app_response",
            "log_id",
        ]
    );
    for record in &records {
        serde_json::from_value::<lpwh::delivery::DeliveryJson>(record.clone())
            .expect("every line reads as the delivery JSON");
    }
    assert_eq!(
        first["id"],
        Value::Null,
        "listen does not know the inbox row"
    );
    assert_eq!(first["verdict"], "ok");
    assert_eq!(first["event"], "recording.ready");
    assert_eq!(first["event_id"], id.as_str());
    assert_eq!(first["webhook_id"], "wh-test-1");
    assert_eq!(first["body"]["timestamp"], t);
    assert_eq!(first["headers"]["livepeer-signature"], header.as_str());
    assert_eq!(first["forward"], serde_json::json!([]));
    assert!(first["received_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(records[1]["verdict"], "duplicate");
    assert_eq!(records[2]["verdict"], "missing_signature");
    assert_eq!(records[2]["body"], "not json");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_secret_deliveries_are_accepted_and_marked_unsigned() {
    let listener = Listener::start(&[]);
    assert!(
        listener.stderr().contains("no secret"),
        "{}",
        listener.stderr()
    );
    let (status, _) = send(
        &listener.url,
        &[],
        delivery("task.completed", &new_id(), now_ms()),
    )
    .await;
    assert_eq!(status, 200);
    let lines = listener.wait_lines(1);
    assert!(lines[0].contains("? unsigned task.completed"), "{lines:?}");
}

/// A delivery that carries a signature, at a listener with no secret, was not checked: it is
/// `unchecked`, not `unsigned`, on the line, in --json and in the inbox; and it is forwarded
/// with its signature.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_secret_signed_deliveries_are_unchecked_not_unsigned() {
    let app = Target::start(200, "/app");
    let listener = Listener::start(&["--json", "--forward-to", &app.url]);
    assert!(
        listener
            .stderr()
            .contains("marked unsigned, or unchecked when they carry a signature"),
        "{}",
        listener.stderr()
    );
    let t = now_ms();
    let body = delivery("stream.started", &new_id(), t);
    let header = livepeer_header(SECRET, t, &body);
    let (status, _) = send(
        &listener.url,
        &[("Livepeer-Signature", header.clone())],
        body,
    )
    .await;
    assert_eq!(status, 200);
    let (status, _) = send(
        &listener.url,
        &[],
        delivery("stream.idle", &new_id(), now_ms()),
    )
    .await;
    assert_eq!(status, 200);
    let lines = listener.wait_lines(2);
    let verdicts: Vec<String> = lines
        .iter()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["verdict"].to_string())
        .collect();
    assert_eq!(verdicts, [r#""unchecked""#, r#""unsigned""#], "{lines:?}");
    let forwarded = app.received();
    assert_eq!(forwarded.len(), 2);
    assert_eq!(
        forwarded[0].header("livepeer-signature"),
        Some(header.as_str())
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forwarding_keeps_body_and_signature_and_routes_by_event() {
    let streams = Target::start(200, "/streams");
    let assets = Target::start(202, "/assets");
    let everything = Target::start(204, "/all");
    let listener = Listener::start(&[
        "--secret",
        SECRET,
        "--json",
        "--forward-to",
        &format!("stream.*={}", streams.url),
        "--forward-to",
        &format!("asset.*={}", assets.url),
        "--forward-to",
        &everything.url,
    ]);
    let t = now_ms();
    let stream_body = delivery("stream.started", &new_id(), t);
    let header = livepeer_header(SECRET, t, &stream_body);
    let (status, answer) = send(
        &listener.url,
        &[
            ("Livepeer-Signature", header.clone()),
            ("Connection", "keep-alive".into()),
        ],
        stream_body.clone(),
    )
    .await;
    // The sender hears the first matching target.
    assert_eq!((status, answer.as_str()), (200, "{\"from\":\"target\"}"));
    let t = now_ms();
    let asset_body = asset_ready(&new_id(), t);
    let (status, _) = send_signed(&listener.url, SECRET, asset_body.clone(), t).await;
    assert_eq!(status, 202);
    let t = now_ms();
    let (status, _) = send_signed(
        &listener.url,
        SECRET,
        delivery("task.failed", &new_id(), t),
        t,
    )
    .await;
    assert_eq!(status, 204);
    // Invalid deliveries and duplicates are not forwarded.
    let (status, _) = send_signed(
        &listener.url,
        "wrong",
        delivery("stream.idle", &new_id(), now_ms()),
        now_ms(),
    )
    .await;
    assert_eq!(status, 401);
    let (status, _) = send(
        &listener.url,
        &[("Livepeer-Signature", header.clone())],
        stream_body.clone(),
    )
    .await;
    assert_eq!(status, 200);
    listener.wait_lines(5);

    let got = streams.received();
    assert_eq!(got.len(), 1, "stream target: {got:?}");
    assert_eq!(
        got[0].body, stream_body,
        "the body must arrive byte for byte"
    );
    assert_eq!(got[0].header("livepeer-signature"), Some(header.as_str()));
    assert_eq!(got[0].header("user-agent"), Some("livepeer.studio"));
    assert_eq!(got[0].path, "/streams");
    assert_eq!(
        got[0].header("connection"),
        None,
        "hop-by-hop headers are dropped"
    );
    let got = assets.received();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].body, asset_body);
    let all: Vec<String> = everything
        .received()
        .iter()
        .map(|r| {
            serde_json::from_slice::<Value>(&r.body).unwrap()["event"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(all, ["stream.started", "asset.ready", "task.failed"]);

    let records: Vec<Value> = listener
        .lines()
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let forward = &records[0]["forward"];
    assert_eq!(forward.as_array().unwrap().len(), 2);
    assert_eq!(forward[0]["url"], streams.url.as_str());
    assert_eq!(forward[0]["status"], 200);
    assert!(forward[0]["latency_ms"].is_u64());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_target_gives_502_and_a_clear_line() {
    let refused = Refused::new();
    let dead = refused.url("/gone");
    let listener = Listener::start(&[
        "--secret",
        SECRET,
        "--forward-to",
        &dead,
        "--forward-timeout",
        "3s",
    ]);
    let id = new_id();
    let t = now_ms();
    let body = delivery("stream.started", &id, t);
    let (status, answer) = send_signed(&listener.url, SECRET, body.clone(), t).await;
    assert_eq!(status, 502);
    assert!(answer.contains("forward_failed"), "{answer}");
    // Studio retries a 502: the retry is forwarded again, not dropped as a duplicate.
    let t = now_ms();
    let body = delivery("stream.started", &id, t);
    let (status, _) = send_signed(&listener.url, SECRET, body, t).await;
    assert_eq!(status, 502);
    let lines = listener.wait_lines(2);
    assert!(lines[0].contains(&format!("{dead} failed")), "{lines:?}");
    assert!(!lines[1].contains("duplicate"), "{lines:?}");
}

/// The sender of a delivery (anyone who reaches the port, and Studio's delivery log) used to read
/// the whole `--forward-to` URL, credentials and query included, in the 502's body.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_forward_never_tells_the_sender_the_target_url() {
    let refused = Refused::new();
    let dead = format!(
        "http://fwd-user:fwd-pass@{}/gone?token=tok3n-value",
        refused.addr
    );
    let listener = Listener::start(&["--forward-to", &dead, "--forward-timeout", "3s"]);
    let t = now_ms();
    let body = delivery("stream.started", &new_id(), t);
    let (status, answer) = send_signed(&listener.url, SECRET, body, t).await;
    assert_eq!(status, 502);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&answer).unwrap(),
        serde_json::json!({"error": "forward_failed", "hint": "the forward target did not answer"})
    );
    // The local terminal still names the target, without its credentials or query values.
    let line = &listener.wait_lines(1)[0];
    assert!(
        line.contains("/gone?token=") && line.contains("failed"),
        "{line}"
    );
    for secret in ["fwd-user", "fwd-pass", "tok3n-value"] {
        assert!(!line.contains(secret), "{line}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn access_control_allows_denies_and_follows_rules() {
    let gate = |key: &str, origin: &str| {
        let t = now_ms();
        let body = serde_json::json!({
            "context": {"tier": "gold"}, "accessKey": key, "timestamp": t,
            "playDomain": "playback.example.invalid",
            "headers": {"Origin": origin}
        })
        .to_string()
        .into_bytes();
        (t, body)
    };
    let allow = Listener::start(&["--secret", SECRET, "--access-control", "allow"]);
    let (t, body) = gate("k1", "https://a.example.com");
    assert_eq!(
        send_signed(&allow.url, SECRET, body.clone(), t).await,
        (200, "{}".to_owned())
    );
    // Unverified gate requests are refused before any decision.
    assert_eq!(send_signed(&allow.url, "wrong", body, t).await.0, 401);
    let deny = Listener::start(&["--secret", SECRET, "--access-control", "deny"]);
    let (t, body) = gate("k1", "https://a.example.com");
    assert_eq!(send_signed(&deny.url, SECRET, body, t).await.0, 403);
    // --ack-first never answers the gate early: its answer is the decision.
    let refused = Refused::new();
    let early = Listener::start(&[
        "--secret",
        SECRET,
        "--access-control",
        "deny",
        "--ack-first",
        "--forward-to",
        &refused.url("/gone"),
    ]);
    let (t, gate_body) = gate("k2", "https://a.example.com");
    assert_eq!(send_signed(&early.url, SECRET, gate_body, t).await.0, 403);
    let lines = deny.wait_lines(1);
    assert!(
        lines[0].contains("playback.accessControl") && lines[0].contains("deny"),
        "{lines:?}"
    );

    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules.toml");
    std::fs::write(&rules, "default = \"deny\"\n[[rules]]\naction = \"deny\"\naccess_keys = [\"revoked\"]\n[[rules]]\naction = \"allow\"\norigins = [\"https://*.example.com\"]\n").unwrap();
    let ruled = Listener::start(&[
        "--secret",
        SECRET,
        "--access-control",
        rules.to_str().unwrap(),
    ]);
    for (key, origin, want) in [
        ("k1", "https://learn.example.com", 200),
        ("revoked", "https://learn.example.com", 403),
        ("k2", "https://evil.test", 403),
    ] {
        let (t, body) = gate(key, origin);
        assert_eq!(
            send_signed(&ruled.url, SECRET, body, t).await.0,
            want,
            "{key} from {origin}"
        );
    }
    let lines = ruled.wait_lines(3);
    assert!(lines[0].contains("allow (rule 2)"), "{lines:?}");
    assert!(lines[1].contains("deny (rule 1)"), "{lines:?}");
    assert!(
        lines[2].contains("deny (no rule matched: default)"),
        "{lines:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn until_exits_zero_once_the_event_arrives_verified() {
    let mut listener = Listener::start(&[
        "--secret",
        SECRET,
        "--until",
        "asset.ready",
        "--timeout-after",
        "60s",
    ]);
    let t = now_ms();
    send_signed(
        &listener.url,
        SECRET,
        delivery("stream.started", &new_id(), t),
        t,
    )
    .await;
    // A forged asset.ready does not count.
    let t = now_ms();
    assert_eq!(
        send_signed(&listener.url, "wrong", asset_ready(&new_id(), t), t)
            .await
            .0,
        401
    );
    let t = now_ms();
    assert_eq!(
        send_signed(&listener.url, SECRET, asset_ready(&new_id(), t), t)
            .await
            .0,
        200
    );
    let status = listener.wait_exit(Duration::from_secs(15));
    assert_eq!(status.code(), Some(0), "{}", listener.stderr());
    let lines = listener.lines();
    assert!(
        lines.last().unwrap().contains("✔ asset.ready"),
        "the last delivery is printed before exit: {lines:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn count_exits_zero_after_n_verified_deliveries() {
    let mut listener = Listener::start(&["--secret", SECRET, "--count", "2", "--events", "task.*"]);
    for event in ["task.spawned", "stream.idle", "task.updated"] {
        let t = now_ms();
        assert_eq!(
            send_signed(&listener.url, SECRET, delivery(event, &new_id(), t), t)
                .await
                .0,
            200
        );
    }
    let status = listener.wait_exit(Duration::from_secs(15));
    assert_eq!(status.code(), Some(0), "{}", listener.stderr());
    // --events filters what is printed: stream.idle was answered but not shown.
    let lines = listener.lines();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines.iter().all(|l| l.contains("task.")), "{lines:?}");
}

/// With a secret, `--until` counts verified deliveries only: an unsigned one is refused (401)
/// and the run goes on. Without any secret the run counts unsigned ones, and says so up front.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn until_counts_unsigned_deliveries_only_in_a_run_without_a_secret() {
    let mut signed = Listener::start(&["--secret", SECRET, "--until", "asset.ready"]);
    let (status, _) = send(&signed.url, &[], asset_ready(&new_id(), now_ms())).await;
    assert_eq!(status, 401);
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        !signed.stderr().contains("exiting"),
        "an unsigned delivery ended a run that has a secret:\n{}",
        signed.stderr()
    );
    assert!(
        !signed.stderr().contains("count unverified"),
        "{}",
        signed.stderr()
    );
    let t = now_ms();
    send_signed(&signed.url, SECRET, asset_ready(&new_id(), t), t).await;
    assert_eq!(signed.wait_exit(Duration::from_secs(15)).code(), Some(0));

    let mut unsigned = Listener::start(&["-q", "--until", "asset.ready"]);
    assert!(
        unsigned
            .stderr()
            .contains("--until/--count count unverified deliveries in this run"),
        "{}",
        unsigned.stderr()
    );
    let (status, _) = send(&unsigned.url, &[], asset_ready(&new_id(), now_ms())).await;
    assert_eq!(status, 200);
    assert_eq!(unsigned.wait_exit(Duration::from_secs(15)).code(), Some(0));
}

#[test]
fn timeout_after_exits_one_with_a_clear_message() {
    let mut listener = Listener::start(&[
        "--secret",
        SECRET,
        "--until",
        "asset.ready",
        "--timeout-after",
        "1s",
    ]);
    let status = listener.wait_exit(Duration::from_secs(20));
    assert_eq!(status.code(), Some(1));
    let stderr = listener.stderr();
    assert!(
        stderr.contains("lpwh: error: timed out after 1s waiting for asset.ready"),
        "{stderr}"
    );
}

/// SIGTERM; on Windows, Ctrl-Break.
#[test]
fn sigterm_stops_the_server() {
    let listener = Listener::start(&[]);
    assert_eq!(listener.stop().code(), Some(0));
}

#[test]
#[cfg_attr(
    windows,
    ignore = "sends Ctrl-C, which Windows cannot deliver to another process group"
)]
fn ctrl_c_stops_the_server() {
    let mut listener = Listener::start(&[]);
    listener.signal("INT");
    assert_eq!(
        listener.wait_exit(Duration::from_secs(15)).code(),
        Some(130)
    );
}

#[test]
fn bad_flags_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        vec!["listen", "--timeout-after", "5s"],
        vec!["listen", "--tolerance", "soon"],
        vec!["listen", "--forward-to", "localhost:4000"],
        vec!["listen", "--access-control", "/no/such/rules.toml"],
        vec!["listen", "--public-url", "not a url"],
        vec![
            "listen",
            "--public-url",
            "https://t.example/",
            "--events",
            "nope.*",
        ],
    ] {
        let out = crate::support::sandbox::lpwh(dir.path())
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn verbose_adds_headers_and_the_pretty_body() {
    let listener = Listener::start_with(&["-v"], &[("LPWH_WEBHOOK_SECRET", SECRET)]);
    let t = now_ms();
    let (status, _) = send_signed(&listener.url, SECRET, asset_ready(&new_id(), t), t).await;
    assert_eq!(status, 200);
    let started = std::time::Instant::now();
    let text = loop {
        let text = listener.lines().join("\n");
        if text.contains("\"phase\": \"ready\"") || started.elapsed() > Duration::from_secs(20) {
            break text;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(text.contains("✔ asset.ready"), "{text}");
    assert!(
        text.contains("livepeer-signature: t="),
        "headers are shown: {text}"
    );
    assert!(text.contains("user-agent: livepeer.studio"), "{text}");
    // Pretty-printed: one key per line, indented.
    assert!(
        text.contains("\n      \"event\": \"asset.ready\","),
        "{text}"
    );
}

/// `--ack-first`: the sender has its 200 while the app, held at a breakpoint, has not answered;
/// the app's answer is printed and recorded when it comes. The order is asserted, not a time:
/// the app holds its answer until the test says so.
#[test]
fn ack_first_answers_the_sender_before_the_app_and_records_the_apps_answer_later() {
    use std::io::{Read as _, Write as _};
    use std::sync::mpsc;

    // The app: takes the delivery, reports it, and answers 202 only when released.
    let app = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let app_url = format!("http://{}/hook", app.local_addr().unwrap());
    let (got_tx, got_rx) = mpsc::channel::<Vec<u8>>();
    let (release_tx, release_rx) = mpsc::channel::<()>();
    std::thread::spawn(move || {
        let (mut conn, _) = app.accept().unwrap();
        let mut request = Vec::new();
        let mut buf = [0u8; 8192];
        loop {
            let n = conn.read(&mut buf).unwrap();
            request.extend_from_slice(&buf[..n]);
            let text = String::from_utf8_lossy(&request).to_string();
            if let Some(end) = text.find("\r\n\r\n") {
                let length: usize = text
                    .lines()
                    .find_map(|l| {
                        l.to_ascii_lowercase()
                            .strip_prefix("content-length:")
                            .map(|v| v.trim().parse().unwrap())
                    })
                    .unwrap_or(0);
                if request.len() >= end + 4 + length {
                    break;
                }
            }
        }
        got_tx.send(request).unwrap();
        release_rx.recv().unwrap();
        conn.write_all(b"HTTP/1.1 202 Accepted\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
            .unwrap();
    });

    let home = crate::support::sandbox::Sandbox::new();
    let listener = home.listen(&[
        "--json",
        "--secret",
        SECRET,
        "--ack-first",
        "--forward-to",
        &app_url,
    ]);
    assert!(
        listener
            .stderr()
            .contains("--ack-first: each delivery is recorded, then answered 200"),
        "{}",
        listener.stderr()
    );
    let t = now_ms();
    let body = delivery("asset.ready", &new_id(), t);
    let header = format!("Livepeer-Signature: {}", livepeer_header(SECRET, t, &body));
    let raw = raw_exchange(&listener.addr, &post("/", &[header], &body));
    // 1. The sender has its 200...
    assert_eq!(raw.statuses, [200], "{}", raw.text);
    // 2. ...the app has the delivery, and has not answered (it cannot: it waits for us)...
    let forwarded = got_rx
        .recv_timeout(Duration::from_secs(20))
        .expect("the app got the delivery");
    assert!(String::from_utf8_lossy(&forwarded).contains("asset.ready"));
    assert!(
        listener.lines().is_empty(),
        "nothing is printed before the app answers"
    );
    // ...while the inbox has it already, pending...
    let stored: Value = serde_json::from_str(&home.ok(&["--json", "inbox", "show", "1"])).unwrap();
    assert_eq!(stored["verdict"], "pending");
    // 3. ...and when it answers, its 202 is printed and recorded, with the 200 the sender had.
    release_tx.send(()).unwrap();
    let line: Value = serde_json::from_str(&listener.wait_lines(1)[0]).unwrap();
    assert_eq!(line["status"], 200);
    assert_eq!(line["forward"][0]["status"], 202);
    assert_eq!(listener.stop().code(), Some(0));
    let stored: Value = serde_json::from_str(&home.ok(&["--json", "inbox", "show", "1"])).unwrap();
    assert_eq!(stored["forward"][0]["status"], 202);
    assert_eq!(stored["status"], 200);
    assert_eq!(stored["verdict"], "ok", "resolved once the app answered");
}
