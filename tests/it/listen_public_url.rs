//! `lpwh listen --public-url` and `--webhook` against the Studio-like mock server: the temporary
//! webhook exists while listening (fresh secret, all events but the gate) and is gone after every
//! kind of exit; leftovers are reported; `--webhook` verifies with that webhook's secret.

use std::time::Duration;

use crate::support::listen::*;
use serde_json::Value;
use studio_mock::StudioMock;

fn api_env(mock: &StudioMock) -> Vec<(&'static str, String)> {
    vec![
        ("LIVEPEER_API_URL", mock.url()),
        ("LIVEPEER_API_KEY", mock.api_key().to_owned()),
    ]
}

fn start(mock: &StudioMock, args: &[&str]) -> Listener {
    let env = api_env(mock);
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    Listener::start_with(args, &env)
}

fn temporary(mock: &StudioMock) -> Vec<Value> {
    mock.webhooks()
        .into_iter()
        .filter(|w| {
            w["name"]
                .as_str()
                .is_some_and(|n| n.starts_with("lpwh-listen-"))
        })
        .collect()
}

fn post_signed(addr: &str, secret: &str, event: &str) -> Vec<u16> {
    let t = now_ms();
    let body = delivery(event, &new_id(), t);
    raw_exchange(
        addr,
        &post(
            "/",
            &[format!(
                "Livepeer-Signature: {}",
                livepeer_header(secret, t, &body)
            )],
            &body,
        ),
    )
    .statuses
}

#[test]
fn temporary_webhook_lives_while_listening_and_is_deleted_after_until() {
    let mock = StudioMock::start_blocking();
    let host = lpwh::listen::public_url::hostname();
    let leftover = mock.insert_webhook(serde_json::json!({
        "name": format!("lpwh-listen-{host}-1700000000"),
        "url": "https://old-tunnel.example/hook",
        "events": ["stream.started"],
    }));
    let mut listener = start(
        &mock,
        &[
            "--public-url",
            "https://tunnel.example/hook",
            "--until",
            "stream.started",
            "--timeout-after",
            "60s",
        ],
    );
    let stderr = listener.stderr();
    assert!(
        stderr.contains(&leftover),
        "leftovers are reported: {stderr}"
    );
    assert!(stderr.contains("verifying with 1 secret"), "{stderr}");

    let created: Vec<Value> = temporary(&mock)
        .into_iter()
        .filter(|w| w["id"] != leftover.as_str())
        .collect();
    assert_eq!(created.len(), 1, "{created:?}");
    let hook = &created[0];
    let name = hook["name"].as_str().unwrap();
    let suffix = name
        .strip_prefix(&format!("lpwh-listen-{host}-"))
        .expect("named after this host");
    assert!(
        suffix
            .parse::<i64>()
            .is_ok_and(|t| (t - now_ms() / 1000).abs() < 120),
        "{name}"
    );
    assert_eq!(hook["url"], "https://tunnel.example/hook");
    let events: Vec<&str> = hook["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    assert_eq!(events.len(), 19, "{events:?}");
    assert!(!events.contains(&"playback.accessControl"));
    let secret = hook["sharedSecret"]
        .as_str()
        .expect("a generated secret")
        .to_owned();
    assert!(secret.len() >= 32);
    assert!(!stderr.contains(&secret), "the secret must not be printed");

    // Deliveries are verified with that secret, and nothing else.
    assert_eq!(
        post_signed(&listener.addr, "guess", "stream.started"),
        [401]
    );
    assert_eq!(
        post_signed(&listener.addr, &secret, "stream.started"),
        [200]
    );
    let status = listener.wait_exit(Duration::from_secs(20));
    assert_eq!(status.code(), Some(0), "{}", listener.stderr());
    assert!(
        mock.is_deleted(hook["id"].as_str().unwrap()),
        "deleted after --until"
    );
    // The leftover was only reported (no TTY), not deleted behind the user's back.
    assert!(!mock.is_deleted(&leftover));
}

#[test]
fn temporary_webhook_is_deleted_on_ctrl_c_sigterm_and_timeout() {
    let mock = StudioMock::start_blocking();
    for how in ["INT", "TERM", "timeout"] {
        let args: Vec<&str> = if how == "timeout" {
            vec![
                "--public-url",
                "https://t.example/",
                "--count",
                "5",
                "--timeout-after",
                "1s",
            ]
        } else {
            vec!["--public-url", "https://t.example/"]
        };
        let mut listener = start(&mock, &args);
        let live: Vec<String> = temporary(&mock)
            .iter()
            .map(|w| w["id"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(live.len(), 1, "{how}: {live:?}");
        if how != "timeout" {
            listener.signal(how);
        }
        let status = listener.wait_exit(Duration::from_secs(20));
        let want = match how {
            "INT" => 130,
            "TERM" => 0,
            _ => 1,
        };
        assert_eq!(status.code(), Some(want), "{how}: {}", listener.stderr());
        assert!(
            mock.is_deleted(&live[0]),
            "{how}: the temporary webhook must be deleted"
        );
        assert!(
            listener.stderr().contains("deleted temporary webhook"),
            "{how}: {}",
            listener.stderr()
        );
    }
    assert!(temporary(&mock).is_empty());
}

#[test]
fn webhook_flag_verifies_with_that_webhooks_secret() {
    let mock = StudioMock::start_blocking();
    let id = mock.insert_webhook(serde_json::json!({
        "name": "app", "url": "https://app.example/hook", "events": ["asset.ready"],
        "sharedSecret": "secret-from-studio",
    }));
    // A unique prefix is enough, as for every command that takes a webhook id.
    let listener = start(&mock, &["--webhook", &id[..8]]);
    assert_eq!(
        post_signed(&listener.addr, "secret-from-studio", "asset.ready"),
        [200]
    );
    assert_eq!(post_signed(&listener.addr, SECRET, "asset.ready"), [401]);

    let unsigned = mock.insert_webhook(serde_json::json!({
        "name": "nosecret", "url": "https://app.example/hook", "events": ["asset.ready"],
    }));
    let dir = tempfile::tempdir().unwrap();
    let out = crate::support::sandbox::lpwh(dir.path())
        .args(["listen", "--port", "0", "--webhook", &unsigned])
        .env("LIVEPEER_API_URL", mock.url())
        .env("LIVEPEER_API_KEY", mock.api_key())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("has no sharedSecret") && stderr.contains("hint:"),
        "{stderr}"
    );
}
