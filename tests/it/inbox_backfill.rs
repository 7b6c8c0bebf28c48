//! `lpwh inbox backfill` against the Studio mock: logged deliveries land in the inbox byte for
//! byte with the verdict of their logged signature, running it twice adds nothing, an event the
//! inbox holds from a live delivery is skipped, and an imported delivery replays to an app that
//! verifies it.

use rusqlite::Connection;
use serde_json::{Value, json};

use crate::support::crud::Env;
use crate::support::listen::{livepeer_header, now_ms};
use crate::support::receiver::Receiver;
use crate::support::sandbox::data_dir;

const SECRET: &str = "backfill-secret-0123456789";
const MINUTE: i64 = 60_000;

fn hook(env: &Env) -> String {
    env.mock.insert_webhook(json!({
        "name": "dev", "url": "https://dev.example.com/hooks", "events": ["stream.started"],
        "sharedSecret": SECRET,
    }))
}

fn attempt(
    env: &Env,
    webhook: &str,
    event: &str,
    ago: i64,
    status: Option<u16>,
    extra: Value,
) -> String {
    let mut log = json!({
        "eventId": event, "createdAt": now_ms() - ago,
        "success": status.is_some_and(|s| (200..300).contains(&s)),
        "response": match status {
            Some(s) => json!({"status": s, "statusText": "", "body": "Ym9vbQ=="}), // "boom"
            None => json!({"body": ""}),
        },
    });
    if let (Value::Object(log), Value::Object(extra)) = (&mut log, extra) {
        log.extend(extra);
    }
    env.mock.insert_log(webhook, log)
}

fn export(env: &Env) -> Vec<Value> {
    let run = env.run(&["--json", "inbox", "export"]);
    run.assert_code(0);
    run.json().as_array().unwrap().clone()
}

#[test]
fn logged_deliveries_land_byte_for_byte_with_their_verdicts_and_twice_adds_nothing() {
    let env = Env::new();
    let id = hook(&env);
    let ok = attempt(&env, &id, "e1", 30 * MINUTE, Some(500), json!({}));
    attempt(&env, &id, "e1", 20 * MINUTE, None, json!({}));
    // Signed before a rotation: the log keeps the old secret, the webhook has the new one.
    let rotated = attempt(
        &env,
        &id,
        "e2",
        10 * MINUTE,
        Some(401),
        json!({"sharedSecret": "old-secret"}),
    );
    attempt(&env, &id, "e3", 5 * MINUTE, Some(200), json!({}));
    attempt(&env, &id, "e0", 3 * 60 * MINUTE, Some(200), json!({})); // before --since 2h

    let first = env.run(&[
        "--json",
        "inbox",
        "backfill",
        "--webhook",
        &id[..8],
        "--since",
        "2h",
    ]);
    first.assert_code(0);
    assert_eq!(
        first.json()[0],
        json!({"webhook": {"id": id, "name": "dev"}, "read": 4, "added": 4, "alreadyImported": 0, "receivedLive": 0})
    );

    let rows = export(&env);
    assert_eq!(rows.len(), 4);
    let logged: Vec<Value> = env.mock.logs(&id);
    for row in &rows {
        let log_id = row["log_id"].as_str().expect("log_id set");
        let log = logged.iter().find(|l| l["id"] == log_id).unwrap();
        let body = log["request"]["body"].as_str().unwrap();
        assert_eq!(
            base64::Engine::decode(
                &base64::engine::general_purpose::STANDARD,
                row["body_base64"].as_str().unwrap()
            )
            .unwrap(),
            body.as_bytes(),
            "the exact logged bytes"
        );
        assert_eq!(row["received_at_ms"], log["createdAt"]);
        assert_eq!(row["path"], "/hooks");
        assert_eq!(row["webhook_id"], id.as_str());
    }
    let by_log = |log: &str| rows.iter().find(|r| r["log_id"] == log).unwrap();
    assert_eq!(by_log(&ok)["verdict"], "ok");
    assert_eq!(by_log(&ok)["status"], 500);
    assert_eq!(by_log(&ok)["app_response"], "boom");
    assert_eq!(by_log(&ok)["event_id"], "e1");
    assert_eq!(by_log(&rotated)["verdict"], "bad_signature");
    assert!(
        by_log(&rotated)["hint"]
            .as_str()
            .unwrap()
            .contains("current secret")
    );
    let no_answer = rows.iter().find(|r| r["status"].is_null()).unwrap();
    assert_eq!(no_answer["event_id"], "e1", "the retry that got no answer");

    let second = env.run(&[
        "--json",
        "inbox",
        "backfill",
        "--webhook",
        &id,
        "--since",
        "2h",
    ]);
    second.assert_code(0);
    assert_eq!(second.json()[0]["added"], 0);
    assert_eq!(second.json()[0]["alreadyImported"], 4);
    assert_eq!(export(&env).len(), 4, "nothing added twice");

    let show = env.run(&["inbox", "show", &rows[0]["id"].to_string()]);
    assert!(
        show.stdout.contains("from Studio's delivery log"),
        "{}",
        show.stdout
    );
}

#[test]
fn an_event_the_inbox_received_live_is_not_imported_again() {
    let env = Env::new();
    let id = hook(&env);
    // A first import creates the inbox; then a live delivery of e-live is recorded in it.
    env.run(&["inbox", "backfill", "--webhook", &id])
        .assert_code(0);
    let db = data_dir(env.home.path()).join("inbox.sqlite");
    Connection::open(&db)
        .unwrap()
        .execute(
            "INSERT INTO deliveries (received_at, method, path, headers, body, verdict, event, event_id, webhook_id)
             VALUES (?1, 'POST', '/hook', '[]', X'7B7D', 'ok', 'stream.started', 'e-live', ?2)",
            rusqlite::params![now_ms(), id],
        )
        .unwrap();
    attempt(&env, &id, "e-live", MINUTE, Some(200), json!({}));
    attempt(&env, &id, "e-missed", 2 * MINUTE, Some(502), json!({}));

    let run = env.run(&["--json", "inbox", "backfill", "--webhook", &id]);
    run.assert_code(0);
    assert_eq!(run.json()[0]["added"], 1);
    assert_eq!(run.json()[0]["receivedLive"], 1);
    let events: Vec<String> = export(&env)
        .iter()
        .map(|r| r["event_id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(events.iter().filter(|e| *e == "e-live").count(), 1);
    assert!(events.iter().any(|e| e == "e-missed"));
}

#[test]
fn an_imported_delivery_replays_to_an_app_that_verifies_it() {
    let env = Env::new();
    let id = hook(&env);
    attempt(&env, &id, "e-missed", 5 * MINUTE, Some(502), json!({}));
    env.run(&["inbox", "backfill"]).assert_code(0);
    let row = export(&env).remove(0);

    let app = Receiver::start(200, "ok");
    let run = env.run(&[
        "inbox",
        "replay",
        &row["id"].to_string(),
        "--to",
        &app.url,
        "--secret",
        SECRET,
    ]);
    run.assert_code(0);
    let got = app.take();
    assert_eq!(got.len(), 1);
    let body = &got[0].body;
    assert_eq!(got[0].json()["id"], "e-missed");
    // Verified as the app would: the header's v1 is the HMAC of the body it got, with t = its
    // fresh timestamp.
    let t = got[0].json()["timestamp"].as_i64().unwrap();
    assert!(t >= now_ms() - MINUTE, "re-stamped");
    assert_eq!(
        got[0].header("livepeer-signature"),
        Some(livepeer_header(SECRET, t, body).as_str())
    );
}

/// `lpwh --json listen --webhook ID --catch-up 1h --forward-to APP --count N --timeout-after T`.
fn catch_up(
    env: &Env,
    id: &str,
    app: &str,
    count: &str,
    timeout: &str,
) -> crate::support::sandbox::Run {
    env.run(&[
        "--json",
        "listen",
        "--port",
        "0",
        "--webhook",
        id,
        "--catch-up",
        "1h",
        "--forward-to",
        app,
        "--count",
        count,
        "--timeout-after",
        timeout,
    ])
}

#[test]
fn listen_catch_up_forwards_the_missed_events_in_order_to_an_app_that_verifies_them() {
    let env = Env::new();
    let id = hook(&env);
    attempt(&env, &id, "e-first", 20 * MINUTE, Some(502), json!({}));
    attempt(&env, &id, "e-second", 10 * MINUTE, None, json!({}));
    attempt(&env, &id, "e-old", 3 * 60 * MINUTE, Some(502), json!({})); // outside --catch-up 1h
    let app = Receiver::start(200, "ok");

    // --count 2 is reached by the caught-up deliveries alone: no live one is needed.
    let run = catch_up(&env, &id, &app.url, "2", "60s");
    run.assert_code(0);
    assert!(
        run.stderr.contains("catch-up: 2 deliveries"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("(2 caught up from Studio's log)"),
        "{}",
        run.stderr
    );
    let summary: Value = serde_json::from_str(run.stdout.lines().last().unwrap()).unwrap();
    assert_eq!(summary["summary"]["caught_up"], 2, "{}", run.stdout);
    assert_eq!(summary["summary"]["verified"], 2);

    let got = app.take();
    let ids: Vec<Value> = got.iter().map(|d| d.json()["id"].clone()).collect();
    assert_eq!(ids, [json!("e-first"), json!("e-second")], "oldest first");
    for d in &got {
        let t = d.json()["timestamp"].as_i64().unwrap();
        assert_eq!(
            d.header("livepeer-signature"),
            Some(livepeer_header(SECRET, t, &d.body).as_str()),
            "re-signed with the webhook's secret"
        );
    }
    // The inbox holds them once, with the app's answer; a second run has nothing to catch up.
    let rows = export(&env);
    assert_eq!(rows.len(), 2);
    assert!(
        rows.iter()
            .all(|r| r["status"] == 200 && r["forward"][0]["status"] == 200)
    );
    let again = catch_up(&env, &id, &app.url, "1", "1s");
    again.assert_code(1);
    assert!(
        again.stderr.contains("catch-up: nothing missed"),
        "{}",
        again.stderr
    );
    assert!(app.take().is_empty());
}

#[test]
fn catch_up_with_a_temporary_webhook_is_refused_before_anything_starts() {
    let env = Env::new();
    let run = env.run(&["listen", "--tunnel", "bore", "--catch-up", "1h"]);
    run.assert_code(2);
    assert!(
        run.stderr
            .contains("--catch-up needs --webhook ID: --tunnel makes a temporary webhook, which has no history"),
        "{}",
        run.stderr
    );
    assert!(
        env.mock.requests().is_empty(),
        "refused before any API call"
    );
}
