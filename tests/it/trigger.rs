//! `lpwh trigger` end to end: a local receiver on 127.0.0.1 records each delivery and checks
//! its signature with its own HMAC code (signatures.md), independent of `lpwh::signature`.

use crate::support::receiver;

use receiver::Receiver;

use assert_cmd::Command;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{KeyInit, Mac};
use lpwh::events::{FASTPIX_EVENTS, LIVEPEER_EVENTS};
use serde_json::Value;

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

const SECRET: &str = "my-secret";
/// base64 of `demo-secret`, a FastPix-style signing secret.
const FASTPIX_SECRET: &str = "ZGVtby1zZWNyZXQ=";

/// The binary, sandboxed in `dir`.
fn lpwh(dir: &tempfile::TempDir) -> Command {
    Command::from_std(crate::support::sandbox::lpwh(dir.path()))
}

/// `t` and every `v1` of a `Livepeer-Signature` header.
fn parse_livepeer_header(value: &str) -> (i64, Vec<String>) {
    let mut t = None;
    let mut v1 = Vec::new();
    for part in value.split(',') {
        let (k, v) = part.trim().split_once('=').expect("k=v");
        match k {
            "t" => t = Some(v.parse().expect("numeric t")),
            "v1" => v1.push(v.to_owned()),
            _ => {}
        }
    }
    (t.expect("t= present"), v1)
}

/// signatures.md `livepeer`: lowercase hex HMAC-SHA256 of the raw body, key = secret bytes.
fn livepeer_mac(secret: &str, body: &[u8]) -> String {
    let mut mac = HmacSha256::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

/// signatures.md `fastpix`: base64 HMAC-SHA256 of the raw body, key = base64-decoded secret.
fn fastpix_mac(secret: &str, body: &[u8]) -> String {
    let key = STANDARD.decode(secret).unwrap();
    let mut mac = HmacSha256::new_from_slice(&key).unwrap();
    mac.update(body);
    STANDARD.encode(mac.finalize().into_bytes())
}

#[test]
fn the_receiver_checks_match_the_published_vectors() {
    // Guards the test's own HMAC code with payloads.md's independent vectors.
    let body = br#"{"id":"3b1f6a2e","webhookId":"c0ffee42","createdAt":1736942400123,"timestamp":1736942400457,"event":"stream.idle"}"#;
    assert_eq!(
        livepeer_mac("my-secret", body),
        "02c5733f58de712949f34270e130e9fd6f733d58e578d272d629e1f3a5bd03fb"
    );
    let body = br#"{"type":"video.media.ready","id":"5d4c3b2a","data":{"id":"abc-123"}}"#;
    assert_eq!(
        fastpix_mac(FASTPIX_SECRET, body),
        "Pobb03kxgL5sgR6m6hnL0TbrHTxb+r4Q2O7xq0Y1coU="
    );
}

#[test]
fn every_livepeer_event_arrives_signed_and_shaped() {
    let receiver = Receiver::start(200, "{}");
    let dir = tempfile::tempdir().unwrap();
    for e in LIVEPEER_EVENTS {
        lpwh(&dir)
            .args(["trigger", e.name, "--to", &receiver.url, "--secret", SECRET])
            .assert()
            .success();
        let got = receiver.take();
        assert_eq!(got.len(), 1, "{}: one delivery", e.name);
        let d = &got[0];
        assert_eq!(
            d.header("content-type"),
            Some("application/json"),
            "{}",
            e.name
        );
        assert_eq!(
            d.header("user-agent"),
            Some("livepeer.studio"),
            "{}",
            e.name
        );
        let header = d
            .header("livepeer-signature")
            .unwrap_or_else(|| panic!("{}: no Livepeer-Signature", e.name));
        let (t, v1) = parse_livepeer_header(header);
        assert_eq!(v1, [livepeer_mac(SECRET, &d.body)], "{}: signature", e.name);
        assert_eq!(t.to_string().len(), 13, "{}: t is in ms", e.name);

        let body = d.json();
        match e.name {
            // Historical payload, today's envelope: timestamp in ms, equal to t.
            "playback.user.new" => {
                assert_eq!(body["timestamp"], t, "{}", e.name);
                assert_eq!(body["event"], e.name);
                assert!(body["payload"]["requestUrl"].is_string());
            }
            "playback.accessControl" => {
                assert_eq!(body["timestamp"], t, "{}", e.name);
                assert!(body["accessKey"].is_string() && body["headers"].is_object());
            }
            _ => {
                assert_eq!(body["event"], e.name);
                assert_eq!(body["timestamp"], t, "{}: timestamp equals t", e.name);
                let has_stream = ["stream.", "recording.", "multistream."]
                    .iter()
                    .any(|p| e.name.starts_with(p));
                assert_eq!(
                    body.get("stream").is_some(),
                    has_stream,
                    "{}: stream",
                    e.name
                );
                let has_payload = !matches!(e.name, "stream.started" | "stream.idle");
                assert_eq!(body.get("payload").is_some(), has_payload, "{}", e.name);
            }
        }
    }
}

#[test]
fn every_fastpix_event_arrives_signed_and_shaped() {
    let receiver = Receiver::start(204, "");
    let dir = tempfile::tempdir().unwrap();
    for e in FASTPIX_EVENTS {
        lpwh(&dir)
            .args(["trigger", e.name, "--to", &receiver.url])
            .env("LPWH_WEBHOOK_SECRET", FASTPIX_SECRET)
            .assert()
            .success();
        let got = receiver.take();
        assert_eq!(got.len(), 1, "{}", e.name);
        let d = &got[0];
        let sig = d
            .header("fastpix-signature")
            .unwrap_or_else(|| panic!("{}: no FastPix-Signature", e.name));
        assert_eq!(sig, fastpix_mac(FASTPIX_SECRET, &d.body), "{}", e.name);
        assert!(d.header("livepeer-signature").is_none());
        let body = d.json();
        assert_eq!(body["type"], e.name);
        assert!(body["createdAt"].is_string(), "{}: ISO createdAt", e.name);
        assert!(body["data"].is_object() && body["workspace"]["id"].is_string());
    }
}

#[test]
fn json_report_and_overrides() {
    let receiver = Receiver::start(200, r#"{"ok":true}"#);
    let dir = tempfile::tempdir().unwrap();
    let out = lpwh(&dir)
        .args(["--json", "trigger", "asset.ready", "--to", &receiver.url])
        .args([
            "--secret",
            SECRET,
            "--set",
            "payload.asset.snapshot.name=clip.mp4",
        ])
        .args(["-H", "X-Test: 1"])
        .assert()
        .success()
        .get_output()
        .clone();
    let report: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    let keys: Vec<_> = report.as_object().unwrap().keys().cloned().collect();
    assert_eq!(
        keys,
        [
            "status",
            "latency_ms",
            "headers_sent",
            "body_sent",
            "response_body"
        ]
    );
    assert_eq!(report["status"], 200);
    assert!(report["latency_ms"].is_u64());
    assert_eq!(report["response_body"], r#"{"ok":true}"#);
    let d = &receiver.take()[0];
    assert_eq!(report["body_sent"], d.json());
    assert_eq!(d.json()["payload"]["asset"]["snapshot"]["name"], "clip.mp4");
    assert_eq!(d.header("x-test"), Some("1"));
    assert_eq!(
        report["headers_sent"]["livepeer-signature"].as_str(),
        d.header("livepeer-signature")
    );
}

#[test]
fn without_a_secret_it_sends_unsigned_and_warns() {
    let receiver = Receiver::start(200, "");
    let dir = tempfile::tempdir().unwrap();
    lpwh(&dir)
        .args(["trigger", "stream.idle", "--to", &receiver.url])
        .assert()
        .success()
        .stderr(predicates::str::contains("unsigned"));
    let d = &receiver.take()[0];
    assert!(d.header("livepeer-signature").is_none());
    assert_eq!(d.json()["event"], "stream.idle");
}

#[test]
fn a_non_2xx_answer_exits_1_and_shows_the_body() {
    let receiver = Receiver::start(500, r#"{"error":"boom"}"#);
    let dir = tempfile::tempdir().unwrap();
    lpwh(&dir)
        .args([
            "trigger",
            "task.failed",
            "--to",
            &receiver.url,
            "--secret",
            SECRET,
        ])
        .assert()
        .code(1)
        .stdout(predicates::str::contains(r#"{"error":"boom"}"#))
        .stderr(predicates::str::contains("500"));
    assert_eq!(receiver.take().len(), 1);
}

#[test]
fn connection_refused_exits_1_naming_the_url() {
    let refused = crate::support::refused::Refused::new();
    let url = refused.url("/hooks");
    let dir = tempfile::tempdir().unwrap();
    lpwh(&dir)
        .args([
            "trigger",
            "stream.started",
            "--to",
            &url,
            "--secret",
            SECRET,
        ])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(url.as_str()));
}

#[test]
fn unknown_events_and_mismatched_schemes_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    lpwh(&dir)
        .args(["trigger", "stream.start", "--to", "http://127.0.0.1:9/x"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("did you mean 'stream.started'"));
    lpwh(&dir)
        .args([
            "trigger",
            "video.media.ready",
            "--to",
            "http://127.0.0.1:9/x",
        ])
        .args(["--scheme", "livepeer", "--secret", SECRET])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--scheme fastpix"));
    lpwh(&dir)
        .args(["trigger", "asset.ready", "--to", "not a url"])
        .assert()
        .code(2);
    lpwh(&dir)
        .args([
            "trigger",
            "asset.ready",
            "--to",
            "http://127.0.0.1:9/x",
            "--set",
            "event.x=1",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("event.x"));
}

#[test]
fn event_types_lists_both_catalogs() {
    let dir = tempfile::tempdir().unwrap();
    let out = lpwh(&dir)
        .args(["--json", "event-types"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let rows: Vec<Value> = serde_json::from_slice(&out).unwrap();
    assert_eq!(rows.len(), LIVEPEER_EVENTS.len() + FASTPIX_EVENTS.len());
    for row in &rows {
        let keys: Vec<_> = row.as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys, ["name", "family", "provider", "description"]);
    }
    assert!(
        rows.iter()
            .any(|r| r["name"] == "video.media.ready" && r["provider"] == "fastpix")
    );

    let out = lpwh(&dir)
        .args(["event-types", "--provider", "livepeer"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.starts_with("NAME"), "{text}");
    let user_new = text
        .lines()
        .find(|l| l.starts_with("playback.user.new "))
        .unwrap();
    assert!(
        user_new.contains("[historical: no current sender]"),
        "{user_new}"
    );
    assert!(!text.contains("video.media"), "{text}");
    assert!(!text.contains('\u{1b}'), "no colour when NO_COLOR is set");
    assert_eq!(
        text.lines().filter(|l| l.contains('.')).count(),
        LIVEPEER_EVENTS.len()
    );

    let out = lpwh(&dir)
        .args(["--color", "always", "event-types", "--provider", "fastpix"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let row = text
        .lines()
        .find(|l| l.starts_with("video.media.ready"))
        .unwrap();
    assert!(row.contains("\u{1b}["), "family coloured: {row:?}");
}

#[test]
fn a_given_timestamp_is_the_body_timestamp_and_t() {
    let receiver = Receiver::start(200, "");
    let dir = tempfile::tempdir().unwrap();
    lpwh(&dir)
        .args(["trigger", "recording.ready", "--to", &receiver.url])
        .args(["--secret", SECRET, "--timestamp", "1736942400"])
        .assert()
        .success();
    let d = &receiver.take()[0];
    let (t, v1) = parse_livepeer_header(d.header("livepeer-signature").unwrap());
    assert_eq!(t, 1_736_942_400_000, "seconds are written as ms");
    assert_eq!(d.json()["timestamp"], t);
    assert_eq!(v1, [livepeer_mac(SECRET, &d.body)]);
}

#[test]
fn a_redirect_is_reported_not_followed() {
    // Studio's client would turn a redirected POST into a bodiless GET; lpwh shows the 3xx.
    let receiver = Receiver::start(302, "");
    let dir = tempfile::tempdir().unwrap();
    lpwh(&dir)
        .args([
            "trigger",
            "asset.created",
            "--to",
            &receiver.url,
            "--secret",
            SECRET,
        ])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("302"))
        .stderr(predicates::str::contains("redirects"));
    assert_eq!(
        receiver.take().len(),
        1,
        "exactly one request, no follow-up GET"
    );
}

/// `--webhook ID` signs with that webhook's secret from the API, so a listener given the same
/// secret verifies it; the body names the webhook. Without `--to` it sends to the webhook's own
/// URL, which off a terminal needs `--yes`.
#[test]
fn trigger_webhook_signs_with_its_secret_and_a_listener_verifies_it() {
    use crate::support::listen::Listener;
    let mock = studio_mock::StudioMock::start_blocking();
    let listener = Listener::start(&["--json", "--secret", "wh-secret-from-studio", "--no-record"]);
    let id = mock.insert_webhook(serde_json::json!({
        "name": "staging",
        "url": format!("{}/webhooks", listener.url),
        "events": ["asset.ready"],
        "sharedSecret": "wh-secret-from-studio",
    }));
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        lpwh(&dir)
            .env("LIVEPEER_API_URL", mock.url())
            .env("LIVEPEER_API_KEY", mock.api_key())
            .args(args)
            .output()
            .unwrap()
    };
    let prefix = &id[..8];
    let sent = run(&[
        "trigger",
        "asset.ready",
        "--webhook",
        prefix,
        "--to",
        &format!("{}/webhooks", listener.url),
    ]);
    assert!(
        sent.status.success(),
        "{}",
        String::from_utf8_lossy(&sent.stderr)
    );
    let line: Value = serde_json::from_str(&listener.wait_lines(1)[0]).unwrap();
    assert_eq!(line["verdict"], "ok", "{line}");
    assert_eq!(line["body"]["webhookId"], id.as_str());

    // No --to: the webhook's own URL, after a confirmation that a script gives with --yes.
    let refused = run(&["trigger", "asset.ready", "--webhook", prefix]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&refused.stderr)
            .contains("sending to the webhook's own URL needs a confirmation"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    let sent = run(&["trigger", "asset.ready", "--webhook", prefix, "--yes"]);
    assert!(
        sent.status.success(),
        "{}",
        String::from_utf8_lossy(&sent.stderr)
    );
    let line: Value = serde_json::from_str(&listener.wait_lines(2)[1]).unwrap();
    assert_eq!(line["verdict"], "ok", "{line}");
}
