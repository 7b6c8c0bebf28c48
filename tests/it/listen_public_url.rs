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
fn temporary_webhook_is_deleted_on_ctrl_c_sigterm_hangup_and_timeout() {
    let mock = StudioMock::start_blocking();
    // HUP: the terminal listen runs in was closed. On Windows the test can send Ctrl-Break
    // (TERM) alone: Ctrl-C does not cross process groups and a closing console is not staged.
    let ways: &[&str] = if cfg!(windows) {
        &["TERM", "timeout"]
    } else {
        &["INT", "TERM", "HUP", "timeout"]
    };
    for &how in ways {
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
            "TERM" | "HUP" => 0,
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

/// Without `--secret`, the temporary webhook signs with the profile's development secret:
/// `--print-secret` shows it (no API key needed, the same every time, kept in a 0600 file where
/// no keyring answers), so an app started with it verifies every delivery lpwh forwards. With
/// `--secret`, the webhook signs with that. `logout` removes the development secret.
#[test]
#[cfg_attr(
    not(unix),
    ignore = "checks Unix file modes (0600 files, 0700 directories)"
)]
fn the_forwarded_app_verifies_with_the_profiles_development_secret() {
    use crate::support::sandbox::Sandbox;
    let mock = StudioMock::start_blocking();
    let home = Sandbox::new();
    let printed = home.ok(&["listen", "--print-secret"]);
    let secret = printed.trim().to_owned();
    assert_eq!(secret.len(), 64, "{printed}");
    assert!(secret.bytes().all(|b| b.is_ascii_hexdigit()), "{printed}");
    assert_eq!(
        home.ok(&["listen", "--print-secret"]).trim(),
        secret,
        "stable"
    );
    assert_eq!(
        crate::support::credentials::mode_of(&home.credentials_file()) & 0o777,
        0o600
    );

    let app = crate::support::node::NodeReceiver::start("uuid", &secret);
    let env = api_env(&mock);
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let ready = home.path().join("ready.json");
    let mut listener = Listener::start_in(
        home.path(),
        &[
            "--public-url",
            "http://127.0.0.1:9/hook",
            "--forward-to",
            &app.url,
            "--count",
            "1",
            "--ready-file",
            ready.to_str().unwrap(),
        ],
        &env,
    );
    let stderr = listener.stderr();
    assert!(
        stderr.contains("the webhook signs with profile 'default''s development secret"),
        "{stderr}"
    );
    assert!(
        !stderr.contains(&secret),
        "the secret is never printed: {stderr}"
    );
    assert!(!std::fs::read_to_string(&ready).unwrap().contains(&secret));
    let webhook = temporary(&mock).remove(0);
    assert_eq!(webhook["sharedSecret"], secret.as_str());
    // Studio's delivery, signed with the webhook's secret, verified by lpwh and by the app.
    assert_eq!(post_signed(&listener.addr, &secret, "asset.ready"), [200]);
    assert_eq!(listener.wait_exit(Duration::from_secs(20)).code(), Some(0));
    assert!(
        listener.stderr().contains("your app answered 200 ×1"),
        "{}",
        listener.stderr()
    );

    // Given --secret, the webhook signs with it (the first one).
    let listener = Listener::start_in(
        home.path(),
        &[
            "--public-url",
            "http://127.0.0.1:9/hook",
            "--secret",
            "given-secret-1",
            "--secret",
            "given-secret-2",
        ],
        &env,
    );
    assert!(
        listener
            .stderr()
            .contains("the webhook signs with --secret"),
        "{}",
        listener.stderr()
    );
    assert_eq!(temporary(&mock)[0]["sharedSecret"], "given-secret-1");
    listener.stop();

    // logout takes the development secret with the key: the next one is new.
    home.run(&["logout"]);
    assert_ne!(home.ok(&["listen", "--print-secret"]).trim(), secret);
}
