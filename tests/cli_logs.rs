//! `lpwh logs` and `lpwh resend` against the Studio mock: history tables, Studio filters, one
//! delivery in full (decoded and sanitized), `--follow`, and resend outcomes.

mod crud_support;

use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use base64::Engine as _;
use crud_support::Env;
use serde_json::{Value, json};

fn hook(env: &Env) -> String {
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

/// Run `lpwh logs ID --follow` (with `extra` flags), wait for the existing delivery, add one,
/// and return the stdout line that showed each.
fn follow(extra: &[&str]) -> (String, String, String, String) {
    let env = Env::new();
    let id = hook(&env);
    let first = env.mock.seed_logs(&id, 1).remove(0);
    let mut child = env
        .std_command()
        .args(extra)
        .args(["logs", &id, "--follow", "--interval", "0.3"])
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

// ---- resend ---------------------------------------------------------------------------------

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
    let id = hook(&env);
    let failed = env.mock.insert_log(&id, json!({"success": false}));
    let run = env.run(&["resend", &id, &failed]);
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

    // No match: not found, saying where it looked.
    let none = env.run(&["logs", &id, "ffff"]);
    none.assert_code(4);
    assert!(none.stderr.contains("newest"), "{}", none.stderr);
    env.run(&["logs", &id, " "]).assert_code(2);
}
