//! `lpwh health` against the Studio mock, seeded with logs of known outcomes: the figures of
//! each webhook exactly, worst first; `--fail-under`; and the window bounding the pages read.

use base64::Engine as _;
use serde_json::{Value, json};

use crate::support::crud::Env;
use crate::support::listen::now_ms;

const HOUR: i64 = 3_600_000;
const MINUTE: i64 = 60_000;

fn hook(env: &Env, name: &str) -> String {
    env.mock.insert_webhook(json!({
        "name": name, "url": format!("https://example.com/{name}"), "events": ["stream.started"],
    }))
}

/// One logged attempt of `event`: `status` None is no answer at all.
fn attempt(
    env: &Env,
    webhook: &str,
    event: &str,
    at: i64,
    status: Option<u16>,
    secs: f64,
    answer: &str,
) {
    let response = match status {
        Some(status) => json!({
            "status": status, "statusText": "",
            "body": base64::engine::general_purpose::STANDARD.encode(answer),
        }),
        None => json!({"body": ""}),
    };
    env.mock.insert_log(
        webhook,
        json!({
            "eventId": event, "createdAt": at, "duration": secs,
            "success": status.is_some_and(|s| (200..300).contains(&s)),
            "response": response,
        }),
    );
}

/// `flaky`: e1 timed out, got a 500, then succeeded (one event, three attempts); e2 got a 401;
/// e3 succeeded; one older 500 lies outside a 24 h window. `fine`: two events, both succeeded.
/// `quiet`: nothing.
fn seed(env: &Env) -> (String, String, String) {
    let now = now_ms();
    let flaky = hook(env, "flaky");
    attempt(env, &flaky, "e1", now - 3 * HOUR, None, 30.0, "");
    attempt(env, &flaky, "e1", now - 2 * HOUR, Some(500), 0.2, "boom");
    attempt(env, &flaky, "e1", now - HOUR, Some(200), 0.1, "ok");
    attempt(
        env,
        &flaky,
        "e2",
        now - 30 * MINUTE,
        Some(401),
        0.05,
        "{\"error\":\n  \"invalid signature\"}",
    );
    attempt(env, &flaky, "e3", now - 10 * MINUTE, Some(200), 0.08, "ok");
    attempt(env, &flaky, "e0", now - 30 * HOUR, Some(500), 0.3, "old");
    let fine = hook(env, "fine");
    attempt(env, &fine, "f1", now - 5 * HOUR, Some(200), 0.02, "ok");
    attempt(env, &fine, "f2", now - 4 * HOUR, Some(204), 0.04, "");
    let quiet = hook(env, "quiet");
    (flaky, fine, quiet)
}

#[test]
fn the_figures_of_each_webhook_are_exact_and_worst_comes_first() {
    let env = Env::new();
    let (flaky, fine, quiet) = seed(&env);
    let run = env.run(&["--json", "health"]);
    run.assert_code(0);
    let reports = run.json();
    let order: Vec<&str> = reports
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["webhook"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(order, [flaky.as_str(), fine.as_str(), quiet.as_str()]);

    let f = &reports[0];
    assert_eq!(
        (
            &f["events"],
            &f["eventsSucceeded"],
            &f["attempts"],
            &f["failedAttempts"]
        ),
        (&json!(3), &json!(2), &json!(5), &json!(3)),
        "the 30 h old attempt is outside the window: {f:#}"
    );
    assert!((f["successRate"].as_f64().unwrap() - 200.0 / 3.0).abs() < 1e-9);
    assert_eq!(f["attemptFailureRate"], json!(60.0));
    assert_eq!(
        f["failures"],
        json!([
            {"failure": "401", "status": 401, "count": 1},
            {"failure": "500", "status": 500, "count": 1},
            {"failure": "timeout", "count": 1},
        ])
    );
    assert_eq!(
        f["durationMs"],
        json!({"p50": 100, "p95": 30000, "max": 30000})
    );
    assert_eq!(f["lastFailure"]["failure"], "401");
    assert_eq!(
        f["lastFailure"]["answer"],
        "{\"error\": \"invalid signature\"}"
    );
    let hints: Vec<&str> = f["hints"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h.as_str().unwrap())
        .collect();
    assert!(
        hints
            .iter()
            .any(|h| h.starts_with("401/403") && h.contains(&format!("lpwh get {flaky}"))),
        "{hints:?}"
    );
    assert!(hints.iter().any(|h| h.starts_with("timeouts")), "{hints:?}");
    let hourly = f["hourly"].as_array().unwrap();
    assert_eq!(hourly.len(), 24);
    let sum = |key: &str| hourly.iter().map(|h| h[key].as_u64().unwrap()).sum::<u64>();
    assert_eq!((sum("attempts"), sum("failures")), (5, 3));
    assert_eq!(
        hourly[20]["failures"], 1,
        "the timeout, 3 h ago: {hourly:?}"
    );

    assert_eq!(reports[1]["successRate"], json!(100.0));
    assert_eq!(reports[1]["failures"], json!([]));
    assert_eq!(reports[2]["events"], 0);
    assert_eq!(reports[2]["successRate"], Value::Null);

    // Each log listing asked Studio for the window, newest first.
    let asked = env.requests("GET", &format!("/api/webhook/{flaky}/log"));
    assert_eq!(asked.len(), 1);
    assert_eq!(
        asked[0].query_param("order").as_deref(),
        Some("createdAt-true")
    );
    let filters = asked[0].filters().unwrap();
    assert_eq!(filters[0]["id"], "createdAt");
    assert!(filters[0]["value"]["gte"].as_i64().unwrap() <= now_ms() - 24 * HOUR + 60_000);
}

#[test]
fn the_report_reads_as_text_with_a_picture_per_webhook() {
    let env = Env::new();
    let (flaky, _, _) = seed(&env);
    let run = env.run(&["health", &flaky[..8]]);
    run.assert_code(0);
    let out = &run.stdout;
    assert!(
        out.contains("3 events, 66.6% succeeded   5 attempts, 60% failed"),
        "{out}"
    );
    assert!(out.contains("401 ×1 · 500 ×1 · timeout ×1"), "{out}");
    assert!(
        out.contains("p50 100 ms · p95 30.0 s · max 30.0 s"),
        "{out}"
    );
    assert!(
        out.contains("401: {\"error\": \"invalid signature\"}"),
        "{out}"
    );
    let spark = out
        .lines()
        .find(|l| l.trim_start().starts_with("failed/hour"))
        .unwrap_or_else(|| panic!("{out}"));
    let marks: String = spark
        .trim_start()
        .trim_start_matches("failed/hour")
        .trim_start()
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect();
    assert_eq!(marks.chars().count(), 24, "one mark per hour: {spark}");
    assert!(
        marks.contains('█') && marks.contains('·') && marks.contains('▁'),
        "{spark}"
    );
    assert!(out.contains("hint"), "{out}");
}

#[test]
fn fail_under_exits_1_naming_the_webhooks_below_it() {
    let env = Env::new();
    seed(&env);
    let below = env.run(&["health", "--fail-under", "99"]);
    below.assert_code(1);
    assert!(
        below
            .stderr
            .contains("1 of 3 webhooks below 99%: flaky (66.6%)"),
        "{}",
        below.stderr
    );
    assert!(below.stdout.contains("flaky"), "the report is printed too");
    env.run(&["health", "--fail-under", "60"]).assert_code(0);

    let bad = env.run(&["health", "--fail-under", "150"]);
    bad.assert_code(2);
    assert!(
        bad.stderr.contains("150 is outside 0-100"),
        "{}",
        bad.stderr
    );
}

#[test]
fn paging_stops_at_the_windows_start() {
    let env = Env::new();
    let busy = hook(&env, "busy");
    let now = now_ms();
    // 1,500 attempts in the last 10 h, 1,000 older ones: two pages of 1,000 cover the window,
    // where the whole history would take three.
    for i in 0..1500 {
        attempt(
            &env,
            &busy,
            &format!("new-{i}"),
            now - 10 * HOUR + i * 20_000,
            Some(200),
            0.01,
            "",
        );
    }
    for i in 0..1000 {
        attempt(
            &env,
            &busy,
            &format!("old-{i}"),
            now - 48 * HOUR + i,
            Some(500),
            0.01,
            "",
        );
    }
    let run = env.run(&["--json", "health", &busy, "--since", "12h"]);
    run.assert_code(0);
    assert_eq!(run.json()[0]["attempts"], 1500);
    assert_eq!(run.json()[0]["failedAttempts"], 0);
    assert_eq!(
        env.requests("GET", &format!("/api/webhook/{busy}/log"))
            .len(),
        2
    );
}
