//! `lpwh resend` against the Studio mock: the new delivery reported, failures, and what a
//! running Studio showed: a resend goes to the logged URL, signed with the logged secret, so
//! lpwh warns from the logged signature, and `--to-current` sends it itself.

use hmac::{KeyInit, Mac};
use serde_json::{Value, json};

use crate::cli_logs::hook;
use crate::support::crud::Env;
use crate::support::receiver::Receiver;

#[test]
fn resend_reports_the_new_delivery() {
    let env = Env::new();
    let id = hook(&env);
    let ok = env.mock.seed_logs(&id, 1).remove(0);
    let run = env.run(&["resend", &id, &ok]);
    run.assert_code(0);
    let posts = env.requests("POST", &format!("/api/webhook/{id}/log/{ok}/resend"));
    assert_eq!(posts.len(), 1);
    let newest = env.mock.logs(&id)[0]["id"].as_str().unwrap().to_owned();
    assert_ne!(newest, ok);
    assert!(run.stdout.contains(&newest), "{}", run.stdout);
    assert!(run.stdout.contains("200"), "{}", run.stdout);

    let json = env.run(&["--json", "resend", &id, &ok]);
    json.assert_code(0);
    assert_eq!(json.json()["success"], true);
}

#[test]
fn a_failed_resend_exits_1_with_a_hint() {
    let env = Env::new();
    let receiver = Receiver::start(500, r#"{"error":"still broken"}"#);
    let id = env.mock.insert_webhook(json!({
        "name": "failing", "url": receiver.url, "sharedSecret": "hook-secret-0123456789",
    }));
    let failed = env.mock.insert_log(&id, json!({"success": false}));
    let run = env.run(&["resend", &id, &failed]);
    assert_eq!(
        receiver.take().len(),
        1,
        "Studio's resend reached the receiver"
    );
    run.assert_code(1);
    assert!(run.stderr.contains("500"), "{}", run.stderr);
    assert!(run.stderr.contains("hint:"), "{}", run.stderr);
}

#[test]
fn resending_an_unknown_log_is_not_found() {
    let env = Env::new();
    let id = hook(&env);
    env.run(&["resend", &id, "f0f0f0f0-0000-4000-8000-000000000000"])
        .assert_code(4);
}

/// Studio resends to the URL and with the secret in the log. After `update --url` and a secret
/// rotation, `lpwh resend` used to say "delivered again" as if it had gone to the new receiver.
#[test]
fn resend_after_a_move_warns_that_studio_sends_to_the_old_url_with_the_old_secret() {
    let env = Env::new();
    let old = Receiver::start(200, "{}");
    let new = Receiver::start(200, "{}");
    let id = env.mock.insert_webhook(json!({
        "name": "moved", "url": old.url, "sharedSecret": "old-secret-0123456789",
    }));
    let log = env.mock.seed_logs(&id, 1).remove(0);
    env.run(&[
        "update",
        &id,
        "--url",
        &new.url,
        "--secret",
        "new-secret-0123456789",
    ])
    .assert_code(0);
    let run = env.run(&["resend", &id, &log]);
    run.assert_code(0);
    assert!(
        run.stderr
            .contains(&format!("this delivery went to {}", old.url))
            && run
                .stderr
                .contains(&format!("not to the webhook's current URL {}", new.url)),
        "{}",
        run.stderr
    );
    // Told from the logged signature (Studio's API never returns the logged secret).
    assert!(
        run.stderr.contains(
            "the logged delivery's signature does not verify with the webhook's current secret"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--to-current"), "{}", run.stderr);
    assert!(
        !run.all().contains("old-secret-0123456789"),
        "{}",
        run.all()
    );
    assert_eq!(old.take().len(), 1, "Studio sent it to the old URL");
    assert!(new.take().is_empty());

    // Nothing moved: no warning.
    let still = env.mock.seed_logs(&id, 1).remove(0);
    let quiet = env.run(&["resend", &id, &still]);
    quiet.assert_code(0);
    assert!(!quiet.stderr.contains("warning"), "{}", quiet.stderr);
}

/// `--to-current`: lpwh sends the logged body itself, re-stamped and re-signed with the current
/// secret, to the current URL; checked here with an HMAC computed independently.
#[test]
fn resend_to_current_sends_the_logged_body_to_the_current_url_with_the_current_secret() {
    let env = Env::new();
    let old = Receiver::start(200, "{}");
    let new = Receiver::start(202, r#"{"queued":true}"#);
    let id = env.mock.insert_webhook(json!({
        "name": "moved", "url": old.url, "sharedSecret": "old-secret-0123456789",
    }));
    let log = env.mock.seed_logs(&id, 1).remove(0);
    let logged_body: Value =
        serde_json::from_str(env.mock.logs(&id)[0]["request"]["body"].as_str().unwrap()).unwrap();
    env.run(&[
        "update",
        &id,
        "--url",
        &new.url,
        "--secret",
        "new-secret-0123456789",
    ])
    .assert_code(0);
    let studio_logs = env.mock.logs(&id).len();
    let before = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;

    let run = env.run(&["resend", &id, &log[..8], "--to-current"]);
    run.assert_code(0);
    assert!(old.take().is_empty(), "nothing to the old URL");
    let got = new.take();
    assert_eq!(got.len(), 1);
    let body = got[0].json();
    assert_eq!(
        body["id"], logged_body["id"],
        "the same event id, so receivers see a retry"
    );
    assert_eq!(body["event"], logged_body["event"]);
    let t = body["timestamp"].as_i64().unwrap();
    assert!(t >= before, "a fresh timestamp: {t} < {before}");
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(b"new-secret-0123456789").unwrap();
    mac.update(&got[0].body);
    assert_eq!(
        got[0].header("livepeer-signature").unwrap(),
        format!("t={t},v1={}", hex::encode(mac.finalize().into_bytes()))
    );
    assert!(
        run.stderr.contains("not in Studio's delivery log"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("202"), "{}", run.stderr);
    assert_eq!(
        env.mock.logs(&id).len(),
        studio_logs,
        "Studio logged nothing"
    );
    assert!(
        env.requests("POST", &format!("/api/webhook/{id}/log"))
            .is_empty()
    );
}

#[test]
fn resend_to_current_reports_a_refusing_receiver_with_exit_1() {
    let env = Env::new();
    let receiver = Receiver::start(401, r#"{"error":"bad_signature"}"#);
    let id = env.mock.insert_webhook(json!({
        "name": "r", "url": receiver.url, "sharedSecret": "secret-0123456789",
    }));
    let log = env.mock.seed_logs(&id, 1).remove(0);
    let run = env.run(&["resend", &id, &log, "--to-current"]);
    run.assert_code(1);
    assert!(run.stderr.contains("401"), "{}", run.stderr);
    assert_eq!(receiver.take().len(), 1);
}

/// Studio's log answers never carry the logged secret or the event id (both write-only): the
/// mock strips them as Studio does, so lpwh's warning rests on the signature alone. A log sent
/// unsigned, resent while the webhook signs now, is warned about; one signed with the current
/// secret is not.
#[test]
fn resend_warnings_come_from_the_logged_signature() {
    let env = Env::new();
    // Loopback receivers: the mock's resend really sends.
    let receiver = Receiver::start(200, "{}");
    let id = env.mock.insert_webhook(json!({
        "name": "unchanged", "url": receiver.url, "sharedSecret": "same-secret-0123456789",
    }));
    let log = env.mock.seed_logs(&id, 1).remove(0);
    let shown = env.run(&["--json", "logs", &id, &log]);
    shown.assert_code(0);
    assert!(!shown.stdout.contains("sharedSecret"), "{}", shown.stdout);
    assert!(!shown.stdout.contains("eventId"), "{}", shown.stdout);
    let run = env.run(&["resend", &id, &log]);
    assert!(!run.stderr.contains("warning:"), "{}", run.stderr);

    // Unsigned at the time; signing now.
    let unsigned = env.mock.insert_webhook(json!({
        "name": "was-unsigned", "url": receiver.url,
    }));
    let old = env.mock.seed_logs(&unsigned, 1).remove(0);
    env.run(&["update", &unsigned, "--secret", "now-signed-0123456789"])
        .assert_code(0);
    let run = env.run(&["resend", &unsigned, &old]);
    assert!(
        run.stderr
            .contains("this delivery was sent unsigned, and Studio resends it unsigned"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--to-current"), "{}", run.stderr);
}
