//! `lpwh logs` against the Studio mock: history tables, Studio filters, one delivery in full
//! (decoded and sanitized), `--follow`, and LOG_ID prefixes. `lpwh resend`: `cli_resend.rs`.

use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::support::crud::Env;
use base64::Engine as _;
use serde_json::{Value, json};

pub(crate) fn hook(env: &Env) -> String {
    env.mock.insert_webhook(json!({
        "name": "logged", "url": "https://example.com/logged", "events": ["stream.started"],
        "sharedSecret": "hook-secret-0123456789",
    }))
}

fn ids_in_order(text: &str, ids: &[String]) -> Vec<String> {
    let mut found: Vec<(usize, String)> = ids
        .iter()
        .filter_map(|id| text.find(id.as_str()).map(|at| (at, id.clone())))
        .collect();
    found.sort();
    found.into_iter().map(|(_, id)| id).collect()
}

fn filters_of(env: &Env, id: &str) -> Value {
    let req = env
        .requests("GET", &format!("/api/webhook/{id}/log"))
        .pop()
        .expect("a log request");
    req.filters().expect("filters sent")
}

#[test]
fn history_is_a_table_newest_first() {
    let env = Env::new();
    let id = hook(&env);
    let logs = env.mock.seed_logs(&id, 5);
    let run = env.run(&["logs", &id]);
    run.assert_code(0);
    let header = run.stdout.lines().next().unwrap();
    for column in ["TIME", "EVENT", "STATUS", "DURATION", "OK", "LOG ID"] {
        assert!(header.contains(column), "{header}");
    }
    let newest_first: Vec<String> = logs.iter().rev().cloned().collect();
    assert_eq!(ids_in_order(&run.stdout, &logs), newest_first);
    let newest = run.stdout.lines().find(|l| l.contains(&logs[4])).unwrap();
    assert!(newest.contains("✔") && newest.contains("200"), "{newest}");
    let failed = run.stdout.lines().find(|l| l.contains(&logs[3])).unwrap();
    assert!(failed.contains("✗") && failed.contains("500"), "{failed}");
}

#[test]
fn failed_and_event_filters_are_sent_to_studio() {
    let env = Env::new();
    let id = hook(&env);
    let logs = env.mock.seed_logs(&id, 6);
    let run = env.run(&["logs", &id, "--failed"]);
    run.assert_code(0);
    assert_eq!(
        filters_of(&env, &id),
        json!([{"id": "success", "value": false}])
    );
    // Seeded logs alternate: odd indexes failed.
    let shown = ids_in_order(&run.stdout, &logs);
    assert_eq!(shown, [logs[5].clone(), logs[3].clone(), logs[1].clone()]);

    let by_event = env.run(&[
        "--json",
        "logs",
        &id,
        "--event",
        "stream.started",
        "--limit",
        "50",
    ]);
    by_event.assert_code(0);
    assert_eq!(
        filters_of(&env, &id),
        json!([{"id": "event", "value": "stream.started"}])
    );
    let got = by_event.json();
    assert!(!got.as_array().unwrap().is_empty());
    assert!(
        got.as_array()
            .unwrap()
            .iter()
            .all(|l| l["event"] == "stream.started")
    );
}

#[test]
fn an_unknown_webhook_is_not_found_instead_of_an_empty_history() {
    let env = Env::new();
    let run = env.run(&["logs", "e7b8a281-8952-4791-b837-183cb95bbf32"]);
    run.assert_code(4);
    assert!(
        env.requests(
            "GET",
            "/api/webhook/e7b8a281-8952-4791-b837-183cb95bbf32/log"
        )
        .is_empty()
    );
}

#[test]
fn no_deliveries_is_said_on_stderr() {
    let env = Env::new();
    let id = hook(&env);
    let run = env.run(&["logs", &id]);
    run.assert_code(0);
    assert_eq!(run.stdout.trim(), "");
    assert!(run.stderr.contains("no deliveries"), "{}", run.stderr);
    assert_eq!(env.run(&["--json", "logs", &id]).json(), json!([]));
}

#[test]
fn one_delivery_in_full_is_decoded_pretty_and_safe() {
    let env = Env::new();
    let id = hook(&env);
    let answer = "{\"ok\":true,\"note\":\"fine\"}";
    let log = env.mock.insert_log(
        &id,
        json!({
            "event": "asset.ready",
            "sharedSecret": "log-secret-9876543210",
            "request": {
                "url": "https://example.com/logged", "method": "POST",
                "headers": {"content-type": "application/json", "Livepeer-Signature": "t=1,v1=abc"},
                "body": "{\"event\":\"asset.ready\",\"payload\":{\"id\":\"asset-1\"}}",
            },
            "response": {
                "status": 201, "statusText": "Created",
                "body": base64::engine::general_purpose::STANDARD.encode(answer),
            },
        }),
    );
    let run = env.run(&["logs", &id, &log]);
    run.assert_code(0);
    let out = &run.stdout;
    assert!(out.contains("POST https://example.com/logged"), "{out}");
    assert!(out.contains("Livepeer-Signature: t=1,v1=abc"), "{out}");
    assert!(
        out.contains("\"event\": \"asset.ready\""),
        "body not pretty:\n{out}"
    );
    assert!(out.contains("201 Created"), "{out}");
    assert!(out.contains("\"ok\": true"), "response not decoded:\n{out}");
    assert!(!run.all().contains("log-secret-9876543210"));
    assert!(!run.all().contains("hook-secret-0123456789"));

    // A receiver's answer is untrusted text: terminal escapes in it are shown, not obeyed.
    let hostile = env.mock.insert_log(
        &id,
        json!({
            "success": false,
            "response": {
                "status": 500, "statusText": "Oops",
                "body": base64::engine::general_purpose::STANDARD
                    .encode("boom \u{1b}[2J\u{1b}[31mred\u{7}"),
            },
        }),
    );
    let shown = env.run(&["logs", &id, &hostile]);
    shown.assert_code(0);
    assert!(
        shown.stdout.contains("boom \\u{1b}[2J\\u{1b}[31mred\\u{7}"),
        "escapes not shown escaped:\n{}",
        shown.stdout
    );
    assert!(
        !shown.all().contains('\u{1b}'),
        "a raw escape reached the terminal"
    );
    assert!(
        !shown.all().contains('\u{7}'),
        "a raw bell reached the terminal"
    );

    let json = env.run(&["--json", "logs", &id, &log]);
    json.assert_code(0);
    let value = json.json();
    assert_eq!(value["id"], log);
    assert_eq!(value["response"]["bodyDecoded"], answer);
    assert!(value.get("sharedSecret").is_none(), "{value}");
}

#[test]
fn an_unknown_log_is_not_found() {
    let env = Env::new();
    let id = hook(&env);
    let other = hook(&env);
    let theirs = env.mock.seed_logs(&other, 1).remove(0);
    env.run(&["logs", &id, "f0f0f0f0-0000-4000-8000-000000000000"])
        .assert_code(4);
    // A log of another webhook: Studio says 400 "mismatch"; for the user it does not exist here.
    env.run(&["logs", &id, &theirs]).assert_code(4);
}

/// Start `cmd` (stderr dropped) and hand its stdout over line by line as it comes.
fn spawn_lines(mut cmd: std::process::Command) -> (std::process::Child, mpsc::Receiver<String>) {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn lpwh");
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel::<String>();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    (child, rx)
}

/// Run `lpwh logs ID --follow` (with `extra` flags), wait for the existing delivery, add one,
/// and return the stdout line that showed each.
fn follow(extra: &[&str]) -> (String, String, String, String) {
    let env = Env::new();
    let id = hook(&env);
    let first = env.mock.seed_logs(&id, 1).remove(0);
    let mut cmd = env.command();
    cmd.args(extra)
        .args(["logs", &id, "--follow", "--interval", "0.3"]);
    let (mut child, rx) = spawn_lines(cmd);
    let wait_for = |needle: &str| {
        let deadline = Instant::now() + Duration::from_secs(20);
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match rx.recv_timeout(left) {
                Ok(line) if line.contains(needle) => return Some(line),
                Ok(_) => {}
                Err(_) => return None,
            }
        }
        None
    };
    let first_line = wait_for(&first);
    let second = env
        .mock
        .insert_log(&id, json!({"event": "stream.idle", "success": false}));
    let second_line = first_line.as_ref().and_then(|_| wait_for(&second));
    let _ = child.kill();
    let _ = child.wait();
    let first_line = first_line.expect("the existing delivery was not printed");
    let second_line = second_line.expect("the new delivery was not printed");
    (first, first_line, second, second_line)
}

#[test]
fn follow_prints_new_deliveries_as_they_arrive() {
    let (_, _, _, line) = follow(&[]);
    assert!(line.contains("stream.idle") && line.contains("✗"), "{line}");
}

#[test]
fn follow_with_json_prints_one_object_per_line() {
    let (first, first_line, second, second_line) = follow(&["--json"]);
    for (id, line) in [(first, first_line), (second, second_line)] {
        let value: Value = serde_json::from_str(&line).expect("each line is JSON");
        assert_eq!(value["id"], id.as_str());
    }
}

// ---- LOG_ID prefixes ------------------------------------------------------------------------

#[test]
fn a_log_id_prefix_names_one_delivery_or_lists_the_candidates() {
    let env = Env::new();
    let id = hook(&env);
    let one = env.mock.insert_log(
        &id,
        json!({"id": "abc11111-0000-4000-8000-000000000001", "success": true}),
    );
    let two = env.mock.insert_log(
        &id,
        json!({"id": "abc22222-0000-4000-8000-000000000002", "success": true}),
    );
    env.mock.seed_logs(&id, 3);

    // A unique prefix, in any case, shows that delivery and resends it.
    let shown = env.run(&["--json", "logs", &id, "ABC1"]);
    shown.assert_code(0);
    assert_eq!(shown.json()["id"], one.as_str());
    let resent = env.run(&["resend", &id, "abc2"]);
    resent.assert_code(0);
    assert_eq!(
        env.requests("POST", &format!("/api/webhook/{id}/log/{two}/resend"))
            .len(),
        1
    );

    // An ambiguous one lists both and sends nothing.
    let before = env.requests("POST", "").len();
    let ambiguous = env.run(&["resend", &id, "abc"]);
    ambiguous.assert_code(2);
    assert!(
        ambiguous.stderr.contains(&one) && ambiguous.stderr.contains(&two),
        "{}",
        ambiguous.stderr
    );
    assert_eq!(env.requests("POST", "").len(), before);

    // No match: not found, saying how to see the deliveries.
    let none = env.run(&["logs", &id, "ffff"]);
    none.assert_code(4);
    assert!(
        none.stderr.contains("no delivery 'ffff'"),
        "{}",
        none.stderr
    );
    assert!(
        none.stderr.contains(&format!("lpwh logs {id}")),
        "{}",
        none.stderr
    );
    env.run(&["logs", &id, " "]).assert_code(2);
}

// ---- what a running Studio showed (studio-api.md) --------------------------------------------

/// `--follow --limit 2` showed 2 deliveries, then its first poll (which reads more rows)
/// printed the older ones as if they had just arrived.
#[test]
fn follow_with_a_limit_never_prints_old_deliveries_as_new() {
    let env = Env::new();
    let id = hook(&env);
    let old = env.mock.seed_logs(&id, 6);
    let mut cmd = env.command();
    cmd.args([
        "--json",
        "logs",
        &id,
        "--follow",
        "--limit",
        "2",
        "--interval",
        "0.2",
    ]);
    let (mut child, rx) = spawn_lines(cmd);
    let next_id = |rx: &mpsc::Receiver<String>| {
        rx.recv_timeout(Duration::from_secs(20)).ok().map(|l| {
            serde_json::from_str::<Value>(&l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
    };
    // The two newest, oldest first, like tail -f.
    assert_eq!(next_id(&rx).as_deref(), Some(old[4].as_str()));
    assert_eq!(next_id(&rx).as_deref(), Some(old[5].as_str()));
    // Let several polls pass, then add one delivery: it must be the next line.
    std::thread::sleep(Duration::from_millis(800));
    let fresh = env.mock.insert_log(&id, json!({"event": "stream.idle"}));
    let next = next_id(&rx);
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(
        next.as_deref(),
        Some(fresh.as_str()),
        "older deliveries were printed as new"
    );
}

#[test]
fn resource_status_and_since_are_studio_filters() {
    let env = Env::new();
    let id = hook(&env);
    env.mock.seed_logs(&id, 3);
    let run = env.run(&[
        "logs",
        &id,
        "--resource",
        "e0f1ed4f_7a2b",
        "--status",
        "500",
        "--since",
        "1h",
    ]);
    run.assert_code(0);
    let filters = filters_of(&env, &id);
    let filters = filters.as_array().unwrap();
    assert_eq!(
        filters[0],
        json!({"id": "resourceId", "value": "e0f1ed4f\\_7a2b"})
    );
    assert_eq!(filters[1], json!({"id": "statusCode", "value": 500}));
    assert_eq!(filters[2]["id"], "createdAt");
    let since = filters[2]["value"]["gte"].as_i64().unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    assert!((now - 3_600_000 - since).abs() < 60_000, "{since}");

    // --resource finds every delivery that mentions the stream (the mock's logged bodies do).
    let json = env.run(&["--json", "logs", &id, "--resource", "E0F1ED4F-7A2B"]);
    assert_eq!(json.json().as_array().unwrap().len(), 3);
    let none = env.run(&["--json", "logs", &id, "--resource", "no-such-asset"]);
    assert!(none.json().as_array().unwrap().is_empty());
}

#[test]
fn all_follows_every_page_of_the_history() {
    let env = Env::new();
    let id = hook(&env);
    let logs = env.mock.seed_logs(&id, 1030);
    let run = env.run(&["--json", "logs", &id, "--all"]);
    run.assert_code(0);
    let got = run.json();
    assert_eq!(got.as_array().unwrap().len(), 1030);
    assert_eq!(got[0]["id"], logs[1029].as_str(), "newest first");
    assert!(env.requests("GET", &format!("/api/webhook/{id}/log")).len() >= 2);
}

/// A LOG_ID prefix used to be looked for among the newest 1,000 deliveries only.
#[test]
fn a_log_id_prefix_finds_a_delivery_older_than_the_newest_thousand() {
    let env = Env::new();
    let id = hook(&env);
    let oldest = env.mock.insert_log(
        &id,
        json!({"id": "0ddba11d-0000-4000-8000-000000000001", "createdAt": 1}),
    );
    env.mock.seed_logs(&id, 1005);
    let run = env.run(&["--json", "logs", &id, "0ddba11d"]);
    run.assert_code(0);
    assert_eq!(run.json()["id"], oldest.as_str());
}

/// The mock can stage the README tour (fixed ids, prod-streams' six logs) and give webhooks
/// created through the API delivery logs of their own events, so `logs`/`resend` work on them.
#[test]
fn the_mock_stages_the_tour_and_logs_for_created_webhooks() {
    let env = Env::new();
    env.mock.seed_tour();
    let logs = env.run(&["--json", "logs", "b3fe"]);
    logs.assert_code(0);
    let rows = logs.json();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 6);
    assert_eq!(rows[0]["id"], "82ff8895-f50b-4901-bd9f-69942d19a203");
    assert_eq!(rows[0]["response"]["status"], 500);
    let failed = env.run(&["logs", "b3fe", "--failed"]);
    assert_eq!(failed.stdout.lines().count(), 1 + 3, "{}", failed.stdout);
    env.run(&["get", "1c6f"]).assert_code(0);

    env.mock.seed_logs_for_created(3);
    let created = env.run(&[
        "--json",
        "create",
        "--name",
        "fresh",
        "--url",
        "https://example.com/fresh",
        "--events",
        "asset.ready",
    ]);
    created.assert_code(0);
    let id = created.json()["id"].as_str().unwrap().to_owned();
    let logs = env.run(&["--json", "logs", &id]);
    logs.assert_code(0);
    let rows = logs.json();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|r| r["event"] == "asset.ready"), "{rows:?}");
}

/// 150 deliveries land between two `--follow` polls (more than one page of 100): every one is
/// printed, once, oldest first; none is skipped.
#[test]
fn follow_pages_through_everything_that_arrived_between_polls() {
    let env = Env::new();
    let id = hook(&env);
    let first = env.mock.seed_logs(&id, 1).remove(0);
    let mut cmd = env.command();
    cmd.args(["--json", "logs", &id, "--follow", "--interval", "2"]);
    let (mut child, rx) = spawn_lines(cmd);
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut lines = Vec::new();
    while !lines.iter().any(|l: &String| l.contains(&first)) {
        let left = deadline.saturating_duration_since(Instant::now());
        lines.push(rx.recv_timeout(left).expect("the existing delivery"));
    }
    let base = crate::support::listen::now_ms() + 1_000;
    let added: Vec<String> = (0..150)
        .map(|i| {
            env.mock.insert_log(
                &id,
                json!({"event": "stream.started", "success": true, "createdAt": base + i}),
            )
        })
        .collect();
    let mut printed = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(30);
    while printed.len() < 150 {
        let left = deadline.saturating_duration_since(Instant::now());
        let Ok(line) = rx.recv_timeout(left) else {
            break;
        };
        let value: Value = serde_json::from_str(&line).expect("one JSON object a line");
        printed.push(value["id"].as_str().unwrap().to_owned());
    }
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(printed.len(), 150, "printed {} of 150", printed.len());
    assert_eq!(printed, added, "every one, once, oldest first");
}
