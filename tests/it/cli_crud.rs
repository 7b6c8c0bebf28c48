//! `lpwh create`, `list` and `get` against the Studio mock: output, the requests sent, id
//! prefixes, error exit codes, retries, and secrets kept out of the output.

use crate::support::crud::Env;
use crate::support::refused::Refused;
use crate::support::sandbox::Run;
use serde_json::{Value, json};
use studio_mock::Fault;

const EVENTS_FLAG: &str = "stream.started,stream.idle";

fn created_id(env: &Env) -> String {
    let hooks = env.mock.webhooks();
    assert_eq!(hooks.len(), 1, "{hooks:?}");
    hooks[0]["id"].as_str().unwrap().to_owned()
}

// ---- create ----------------------------------------------------------------------------------

#[test]
fn create_sends_exactly_the_given_fields_and_masks_the_secret() {
    let env = Env::new();
    let secret = "typed-secret-0123456789";
    let run = env.run(&[
        "create",
        "--name",
        "assets",
        "--url",
        "https://example.com/hooks",
        "--events",
        EVENTS_FLAG,
        "--events",
        "asset.ready",
        "--secret",
        secret,
    ]);
    run.assert_code(0);
    let posts = env.requests("POST", "/api/webhook");
    assert_eq!(posts.len(), 1);
    assert_eq!(
        posts[0].body_json().unwrap(),
        json!({
            "name": "assets",
            "url": "https://example.com/hooks",
            "events": ["stream.started", "stream.idle", "asset.ready"],
            "sharedSecret": secret,
        })
    );
    let id = created_id(&env);
    assert!(run.stdout.contains(&id), "{}", run.stdout);
    assert!(
        run.stdout.contains("type…"),
        "secret not shown masked: {}",
        run.stdout
    );
    assert!(!run.all().contains(secret), "secret leaked:\n{}", run.all());
}

#[test]
fn create_with_generate_secret_prints_the_stored_secret_once_on_stderr() {
    let env = Env::new();
    let run = env.run(&[
        "create",
        "--name",
        "gen",
        "--url",
        "https://example.com/h",
        "--events",
        EVENTS_FLAG,
        "--generate-secret",
    ]);
    run.assert_code(0);
    let stored = env.stored(&created_id(&env));
    let secret = stored["sharedSecret"].as_str().expect("a secret was sent");
    assert!(secret.len() >= 43, "too short: {secret}");
    assert_eq!(run.stderr.matches(secret).count(), 1, "{}", run.stderr);
    assert!(!run.stdout.contains(secret), "{}", run.stdout);
}

#[test]
fn create_json_carries_the_generated_secret_and_nothing_else_on_stdout() {
    let env = Env::new();
    let run = env.run(&[
        "--json",
        "create",
        "--name",
        "gen",
        "--url",
        "https://example.com/h",
        "--events",
        "asset.ready",
        "--generate-secret",
    ]);
    run.assert_code(0);
    let out = run.json();
    let stored = env.stored(&created_id(&env));
    assert_eq!(out["sharedSecret"], stored["sharedSecret"]);
    assert_eq!(out["id"], stored["id"]);
    assert_eq!(out["events"], json!(["asset.ready"]));
}

#[test]
fn create_without_a_terminal_names_the_missing_flags() {
    let env = Env::new();
    let run = env.run(&["create", "--name", "x"]);
    run.assert_code(2);
    assert!(run.stderr.contains("--url"), "{}", run.stderr);
    assert!(run.stderr.contains("--events"), "{}", run.stderr);
    assert!(!run.stderr.contains("--name,"), "{}", run.stderr);
    assert_eq!(env.mock.request_count(), 0);
}

#[test]
fn create_rejects_an_unknown_event_with_a_suggestion() {
    let env = Env::new();
    let run = env.run(&[
        "create",
        "--name",
        "x",
        "--url",
        "https://example.com/h",
        "--events",
        "stream.start,asset.ready",
    ]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("did you mean 'stream.started'"),
        "{}",
        run.stderr
    );
    assert_eq!(env.mock.request_count(), 0);
}

#[test]
fn studios_422_is_decoded_for_people() {
    let env = Env::new();
    let run = env.run(&[
        "create",
        "--name",
        "x",
        "--url",
        "https://example.com/h",
        "--events",
        "stream.started,stream.future",
        "--allow-unknown-events",
    ]);
    run.assert_code(1);
    assert_eq!(env.requests("POST", "/api/webhook").len(), 1);
    // Studio answers `/events/1: must be equal to one of the allowed values`: lpwh names the
    // event it sent at that position, and says Studio refused it.
    assert!(
        run.stderr.contains(
            "lpwh: error: creating the webhook: Studio does not accept the event 'stream.future'"
        ),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("/events/1"), "{}", run.stderr);
    // The raw ajv JSON is not what a person should read.
    assert!(!run.stderr.contains("instancePath"), "{}", run.stderr);
    assert!(!run.stderr.contains("schemaPath"), "{}", run.stderr);

    // The same for update's PATCH, which sends the whole new list.
    let created = env.run(&[
        "--json",
        "create",
        "--name",
        "y",
        "--url",
        "https://example.com/y",
        "--events",
        "stream.started",
    ]);
    created.assert_code(0);
    let id = created.json()["id"].as_str().unwrap().to_owned();
    let run = env.run(&[
        "update",
        &id,
        "--add-event",
        "asset.later",
        "--allow-unknown-events",
    ]);
    run.assert_code(1);
    assert!(
        run.stderr
            .contains("Studio does not accept the event 'asset.later'"),
        "{}",
        run.stderr
    );
}

#[test]
fn create_rejects_a_bad_url_before_calling_studio() {
    let env = Env::new();
    let run = env.run(&[
        "create",
        "--name",
        "x",
        "--url",
        "example.com/h",
        "--events",
        EVENTS_FLAG,
    ]);
    run.assert_code(2);
    assert!(run.stderr.contains("http://"), "{}", run.stderr);
    assert_eq!(env.mock.request_count(), 0);
}

#[test]
fn create_warns_that_studio_cannot_reach_localhost() {
    let env = Env::new();
    let run = env.run(&[
        "create",
        "--name",
        "x",
        "--url",
        "http://localhost:3000/hook",
        "--events",
        EVENTS_FLAG,
    ]);
    run.assert_code(0);
    assert!(run.stderr.contains("warning:"), "{}", run.stderr);
    assert!(run.stderr.contains("--public-url"), "{}", run.stderr);
    let public = env.run(&[
        "create",
        "--name",
        "y",
        "--url",
        "https://example.com/hook",
        "--events",
        EVENTS_FLAG,
    ]);
    assert!(!public.stderr.contains("--public-url"), "{}", public.stderr);
}

// ---- errors shared by every command -------------------------------------------------------------

#[test]
fn a_refused_key_exits_3_with_a_hint() {
    let env = Env::new();
    let run = Run::of(
        env.command()
            .env("LIVEPEER_API_KEY", "wrong-key-abcdef123456")
            .args(["list"]),
    );
    run.assert_code(3);
    assert!(run.stderr.contains("hint:"), "{}", run.stderr);
    assert!(
        !run.all().contains("wrong-key-abcdef123456"),
        "{}",
        run.all()
    );
}

#[test]
fn a_gateway_error_is_retried_and_the_command_succeeds() {
    let env = Env::new();
    env.mock.seed_webhooks(2);
    env.mock.fail_next(1, 502);
    let run = env.run(&["--json", "list"]);
    run.assert_code(0);
    assert_eq!(run.json().as_array().unwrap().len(), 2);
    assert_eq!(env.requests("GET", "/api/webhook").len(), 2);
}

#[test]
fn a_gateway_that_always_fails_gets_a_bounded_number_of_tries() {
    let env = Env::new();
    env.mock.fail_forever(503);
    let run = env.run(&["list"]);
    run.assert_code(1);
    let tries = env.mock.request_count();
    assert!((2..=10).contains(&tries), "{tries} requests");
    assert!(run.stderr.contains("lpwh: error:"), "{}", run.stderr);
    assert!(run.stderr.contains("503"), "{}", run.stderr);
    // The gateway's HTML page is not dumped on the user.
    assert!(!run.stderr.contains("<html>"), "{}", run.stderr);
}

#[test]
fn studios_own_500_is_a_clear_failure() {
    let env = Env::new();
    env.mock.fail_forever(500);
    let run = env.run(&["get", "abcd"]);
    run.assert_code(1);
    assert!(
        run.stderr.contains("internal server error"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("hint:"), "{}", run.stderr);
    assert!(env.mock.request_count() <= 10);
}

#[test]
fn connection_refused_is_a_clear_failure() {
    let env = Env::new();
    let refused = Refused::new();
    let run = Run::of(
        env.command()
            .env("LIVEPEER_API_URL", refused.url("/api"))
            .args(["list"]),
    );
    run.assert_code(1);
    assert!(run.stderr.contains("lpwh: error:"), "{}", run.stderr);
    assert!(run.stderr.contains("127.0.0.1"), "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

// ---- list --------------------------------------------------------------------------------------

#[test]
fn list_prints_a_table_with_compact_events_and_masked_secrets() {
    let env = Env::new();
    let ids = env.mock.seed_webhooks(3);
    let multi = env.mock.insert_webhook(json!({
        "name": "multi",
        "url": "https://example.com/multi",
        "events": ["stream.started", "stream.idle", "asset.ready"],
        "sharedSecret": "multi-secret-abcdef",
        "status": {"lastFailure": {"timestamp": 1, "statusCode": 503}},
    }));
    let run = env.run(&["list"]);
    run.assert_code(0);
    let header = run.stdout.lines().next().unwrap();
    for column in [
        "ID",
        "NAME",
        "URL",
        "EVENTS",
        "LAST TRIGGERED",
        "LAST FAILURE",
    ] {
        assert!(header.contains(column), "{header}");
    }
    for id in ids.iter().chain([&multi]) {
        assert!(
            run.stdout.contains(id.as_str()),
            "{id} missing:\n{}",
            run.stdout
        );
    }
    let row = run.stdout.lines().find(|l| l.contains(&multi)).unwrap();
    assert!(row.contains("stream.* (2)"), "{row}");
    assert!(row.contains("asset.ready"), "{row}");
    assert!(row.contains("503"), "{row}");
    assert!(!run.all().contains("secret"), "{}", run.all());

    let shown = env.run(&["list", "--show-secrets"]);
    shown.assert_code(0);
    assert!(shown.stdout.lines().next().unwrap().contains("SECRET"));
    let row = shown.stdout.lines().find(|l| l.contains(&multi)).unwrap();
    assert!(row.contains("multi-secret-abcdef"), "{row}");
}

#[test]
fn list_json_is_one_array_with_masked_secrets_unless_asked() {
    let env = Env::new();
    env.mock.seed_webhooks(4);
    let run = env.run(&["--json", "list"]);
    run.assert_code(0);
    let hooks = run.json();
    let hooks = hooks.as_array().unwrap();
    assert_eq!(hooks.len(), 4);
    let with_secret: Vec<&Value> = hooks
        .iter()
        .filter(|w| w.get("sharedSecret").is_some())
        .collect();
    assert_eq!(with_secret.len(), 2, "{hooks:?}");
    assert!(
        with_secret.iter().all(|w| w["sharedSecret"] == "seed…"),
        "{hooks:?}"
    );
    assert!(!run.all().contains("seeded-secret"), "{}", run.all());

    let shown = env.run(&["--json", "list", "--show-secrets"]);
    let shown = shown.json();
    for w in shown.as_array().unwrap() {
        let stored = env.stored(w["id"].as_str().unwrap());
        assert_eq!(w.get("sharedSecret"), stored.get("sharedSecret"));
    }
}

#[test]
fn list_all_follows_every_page_and_returns_each_webhook_once() {
    let env = Env::new();
    let ids = env.mock.seed_webhooks(2345);
    let run = env.run(&["--json", "list", "--all"]);
    run.assert_code(0);
    let mut got: Vec<String> = run
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(got.len(), 2345);
    got.sort();
    got.dedup();
    let mut want = ids.clone();
    want.sort();
    assert_eq!(got, want);
    let gets = env.requests("GET", "/api/webhook");
    assert!(gets.len() >= 3, "{} pages", gets.len());
    assert!(
        gets.iter()
            .all(|r| r.query_param("limit").as_deref() == Some("1000")),
        "{:?}",
        gets.iter().map(|r| r.line()).collect::<Vec<_>>()
    );
}

#[test]
fn list_limit_asks_studio_for_that_page_size() {
    let env = Env::new();
    env.mock.seed_webhooks(30);
    let run = env.run(&["--json", "list", "--limit", "7"]);
    run.assert_code(0);
    assert_eq!(run.json().as_array().unwrap().len(), 7);
    let get = &env.requests("GET", "/api/webhook")[0];
    assert_eq!(get.query_param("limit").as_deref(), Some("7"));
    assert!(run.stderr.contains("--all"), "{}", run.stderr);
}

#[test]
fn a_limit_above_one_page_reads_several_pages() {
    let env = Env::new();
    env.mock.seed_webhooks(1200);
    let run = env.run(&["--json", "list", "--limit", "1100"]);
    run.assert_code(0);
    let mut ids: Vec<String> = run
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids.len(), 1100);
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 1100);
    assert!(env.requests("GET", "/api/webhook").len() >= 2);
}

#[test]
fn list_filters_by_name_on_the_server_and_by_event_locally() {
    let env = Env::new();
    env.mock.seed_webhooks(6);
    let target = env.mock.insert_webhook(json!({
        "name": "Prod-Assets", "url": "https://a.example.com/x", "events": ["task.failed"],
    }));
    let run = env.run(&["--json", "list", "--name", "prod"]);
    run.assert_code(0);
    let filters = env.requests("GET", "/api/webhook")[0]
        .filters()
        .expect("filters sent");
    assert_eq!(filters, json!([{"id": "name", "value": "prod"}]));
    assert_eq!(run.json()[0]["id"], target);

    let by_event = env.run(&["--json", "list", "--event", "task.failed"]);
    by_event.assert_code(0);
    let got: Vec<Value> = by_event
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["id"].clone())
        .collect();
    let expected: Vec<Value> = env
        .mock
        .webhooks()
        .into_iter()
        .filter(|w| {
            w["events"]
                .as_array()
                .unwrap()
                .contains(&json!("task.failed"))
        })
        .map(|w| w["id"].clone())
        .collect();
    assert!(expected.len() >= 2, "{expected:?}");
    assert!(!by_event.stderr.contains("warning"), "{}", by_event.stderr);
    assert_eq!(got, expected);
    assert!(
        env.requests("GET", "/api/webhook")[1]
            .query_param("filters")
            .is_none()
    );
}

#[test]
fn a_mistyped_event_filter_is_pointed_out() {
    let env = Env::new();
    env.mock.seed_webhooks(3);
    let run = env.run(&["list", "--event", "asset.redy"]);
    run.assert_code(0);
    assert!(
        run.stderr.contains("did you mean 'asset.ready'"),
        "{}",
        run.stderr
    );
}

#[test]
fn list_order_is_translated_for_studio() {
    let env = Env::new();
    env.mock.seed_webhooks(3);
    env.run(&["list", "--order", "createdAt-desc"])
        .assert_code(0);
    let get = &env.requests("GET", "/api/webhook")[0];
    assert_eq!(get.query_param("order").as_deref(), Some("createdAt-true"));
    let bad = env.run(&["list", "--order", "sideways"]);
    bad.assert_code(2);
}

#[test]
fn an_empty_list_says_so_on_stderr() {
    let env = Env::new();
    let run = env.run(&["list"]);
    run.assert_code(0);
    assert_eq!(run.stdout.trim(), "");
    assert!(run.stderr.contains("no webhooks"), "{}", run.stderr);
    let json = env.run(&["--json", "list"]);
    assert_eq!(json.json(), json!([]));
}

// ---- get and id prefixes -------------------------------------------------------------------------

#[test]
fn get_shows_every_field_with_the_secret_masked() {
    let env = Env::new();
    let id = env.mock.insert_webhook(json!({
        "name": "full", "url": "https://example.com/full", "events": ["asset.ready"],
        "sharedSecret": "get-secret-0123456789", "streamId": "stream-xyz-1",
        "status": {"lastTriggeredAt": 1_700_000_000_000_i64},
    }));
    let run = env.run(&["get", &id]);
    run.assert_code(0);
    for text in [
        &id as &str,
        "full",
        "https://example.com/full",
        "asset.ready",
        "stream-xyz-1",
        "get-…",
    ] {
        assert!(run.stdout.contains(text), "{text} missing:\n{}", run.stdout);
    }
    assert!(!run.all().contains("get-secret-0123456789"));
    let shown = env.run(&["get", &id, "--show-secrets"]);
    assert!(
        shown.stdout.contains("get-secret-0123456789"),
        "{}",
        shown.stdout
    );
    let json = env.run(&["--json", "get", &id]);
    assert_eq!(json.json()["streamId"], "stream-xyz-1");
    assert_eq!(json.json()["sharedSecret"], "get-…");
}

#[test]
fn a_unique_prefix_resolves_and_others_fail_clearly() {
    let env = Env::new();
    let a = env
        .mock
        .insert_webhook(json!({"id": "aaaa1111-0000-4000-8000-000000000001", "name": "first"}));
    env.mock
        .insert_webhook(json!({"id": "bbbb2222-0000-4000-8000-000000000002", "name": "second"}));
    env.mock
        .insert_webhook(json!({"id": "bbbb3333-0000-4000-8000-000000000003", "name": "third"}));

    let unique = env.run(&["--json", "get", "aaaa"]);
    unique.assert_code(0);
    assert_eq!(unique.json()["id"], a);

    let ambiguous = env.run(&["get", "bbbb"]);
    ambiguous.assert_code(2);
    assert!(
        ambiguous
            .stderr
            .contains("bbbb2222-0000-4000-8000-000000000002")
    );
    assert!(
        ambiguous
            .stderr
            .contains("bbbb3333-0000-4000-8000-000000000003")
    );

    let none = env.run(&["get", "cccc"]);
    none.assert_code(4);
    assert!(none.stderr.contains("cccc"), "{}", none.stderr);
}

#[test]
fn a_full_id_is_fetched_directly_and_404_exits_4() {
    let env = Env::new();
    env.mock.seed_webhooks(2);
    let unknown = "e7b8a281-8952-4791-b837-183cb95bbf32";
    let run = env.run(&["get", unknown]);
    run.assert_code(4);
    assert!(run.stderr.contains("hint:"), "{}", run.stderr);
    let requests = env.mock.requests();
    assert_eq!(
        requests.len(),
        1,
        "{:?}",
        requests.iter().map(|r| r.line()).collect::<Vec<_>>()
    );
    assert_eq!(requests[0].path, format!("/api/webhook/{unknown}"));
}

#[test]
fn someone_elses_webhook_is_not_found() {
    let env = Env::new();
    let theirs = env
        .mock
        .insert_webhook(json!({"userId": studio_mock::OTHER_USER_ID}));
    env.run(&["get", &theirs]).assert_code(4);
}

#[test]
fn no_command_ever_prints_the_api_key() {
    let env = Env::new();
    let id = env.mock.seed_webhooks(2)[0].clone();
    env.mock.seed_logs(&id, 2);
    env.mock.inject(Fault::json(500, "boom"), 1);
    let key = env.mock.api_key().to_owned();
    for args in [
        vec!["-vv", "list"],
        vec!["-v", "--json", "list", "--all"],
        vec!["-v", "get", &id],
        vec!["-v", "logs", &id],
        vec!["-v", "get", "nope-nope"],
    ] {
        let run = env.run(&args);
        assert!(
            !run.all().contains(&key),
            "{args:?} printed the key:\n{}",
            run.all()
        );
        assert!(
            !run.all().contains("seeded-secret"),
            "{args:?} printed a secret:\n{}",
            run.all()
        );
    }
}

#[test]
fn verbose_shows_method_url_status_and_timing_on_stderr_only() {
    let env = Env::new();
    env.mock.seed_webhooks(1);
    env.mock.fail_next(1, 502);
    let run = env.run(&["-v", "--json", "list"]);
    run.assert_code(0);
    // stdout stays pure JSON with -v.
    assert!(run.json().is_array(), "{}", run.stdout);
    let url = format!("{}/webhook", env.mock.url());
    let request_line = format!("→ GET {url}");
    assert!(run.stderr.contains(&request_line), "{}", run.stderr);
    assert!(run.stderr.contains("← 502"), "{}", run.stderr);
    assert!(run.stderr.contains("retrying in"), "{}", run.stderr);
    let ok_line = run
        .stderr
        .lines()
        .find(|l| l.contains("← 200"))
        .unwrap_or_else(|| panic!("no 200 line in:\n{}", run.stderr));
    assert!(ok_line.trim_end().ends_with(" ms"), "{ok_line}");
    // Without -v, none of it.
    let quiet = env.run(&["--json", "list"]);
    assert!(!quiet.stderr.contains("→ GET"), "{}", quiet.stderr);
}

// ---- what a running Studio showed (studio-api.md) --------------------------------------------

/// Studio matches `url` exactly, but `--url` is documented as "contains": filtered here over
/// every page. The target sorts last, so it is on the second page of 1,000.
#[test]
fn list_url_finds_a_part_of_the_url_on_any_page() {
    let env = Env::new();
    env.mock.seed_webhooks(1005);
    let target = env.mock.insert_webhook(json!({
        "id": "ffffffff-ffff-4fff-8fff-ffffffffffff", "name": "tunnel",
        "url": "https://abc123.ngrok-free.app/hooks",
    }));
    let run = env.run(&["--json", "list", "--url", "ngrok-free"]);
    run.assert_code(0);
    let got: Vec<Value> = run
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["id"].clone())
        .collect();
    assert_eq!(got, [json!(target)]);
    for req in env.requests("GET", "/api/webhook") {
        assert!(
            req.filters().is_none(),
            "Studio's exact url filter is not used: {}",
            req.line()
        );
    }
}

/// `--name 50%_off` was a server 400 (a bare `%` after Studio's second decode), and `_` was a
/// wildcard. Names now match literally.
#[test]
fn list_name_with_percent_underscore_or_backslash_matches_literally() {
    let env = Env::new();
    let mut ids = std::collections::HashMap::new();
    for name in ["50%_off", "50XYoff", "a\\b", "ab"] {
        ids.insert(name, env.mock.insert_webhook(json!({ "name": name })));
    }
    for (wanted, only) in [("50%_off", "50%_off"), ("a\\b", "a\\b"), ("%", "50%_off")] {
        let run = env.run(&["--json", "list", "--name", wanted]);
        run.assert_code(0);
        let got: Vec<Value> = run
            .json()
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w["id"].clone())
            .collect();
        assert_eq!(got, [json!(ids[only])], "--name {wanted}");
    }
}

#[test]
fn list_since_asks_studio_for_webhooks_created_since_then() {
    let env = Env::new();
    env.mock
        .insert_webhook(json!({"name": "old", "createdAt": 1_000}));
    let new = env.mock.insert_webhook(json!({"name": "new"}));
    let run = env.run(&["--json", "list", "--since", "7d"]);
    run.assert_code(0);
    assert_eq!(run.json().as_array().unwrap().len(), 1);
    assert_eq!(run.json()[0]["id"], new.as_str());
    let filters = env.requests("GET", "/api/webhook")[0].filters().unwrap();
    assert_eq!(filters[0]["id"], "createdAt");
    assert!(filters[0]["value"]["gte"].as_i64().unwrap() > 1_000);
    let bad = env.run(&["list", "--since", "last tuesday"]);
    bad.assert_code(2);
}

/// Studio's POST does not check `streamId`: a typo made a webhook that never fires.
#[test]
fn create_with_a_stream_that_does_not_exist_fails_before_creating() {
    let env = Env::new();
    let args = |stream: &str| {
        vec![
            "create".to_owned(),
            "--name".into(),
            "s".into(),
            "--url".into(),
            "https://e.example/x".into(),
            "--events".into(),
            "stream.started".into(),
            "--stream-id".into(),
            stream.to_owned(),
        ]
    };
    let run = Run::of(env.command().args(args("no-such-stream")));
    run.assert_code(4);
    assert!(
        run.stderr
            .contains("no stream 'no-such-stream' that this key can see"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("ignores a webhook's stream")
            && run.stderr.contains("--no-stream-check"),
        "{}",
        run.stderr
    );
    assert!(
        env.requests("POST", "/api/webhook").is_empty(),
        "nothing created"
    );
    assert_eq!(env.requests("GET", "/api/stream/no-such-stream").len(), 1);

    env.mock.add_stream("live-stream-1");
    Run::of(env.command().args(args("live-stream-1"))).assert_code(0);
    assert_eq!(env.mock.webhooks()[0]["streamId"], "live-stream-1");

    let mut skip = args("typo-stream");
    skip.push("--no-stream-check".into());
    Run::of(env.command().args(skip)).assert_code(0);
    assert!(env.requests("GET", "/api/stream/typo-stream").is_empty());
}

/// `get` showed only "status 500" for the last failure; Studio also keeps the error and the
/// receiver's answer. One line each here (sanitized), whole in --json.
#[test]
fn get_shows_the_last_failures_error_and_response() {
    let env = Env::new();
    // Studio keeps the response base64-encoded, as a log's: get shows it decoded.
    use base64::Engine as _;
    let text = "upstream said:\nline two \u{1b}[31mred\u{1b}[0m";
    let response = base64::engine::general_purpose::STANDARD.encode(text);
    let id = env.mock.insert_webhook(json!({
        "name": "failing",
        "status": {"lastFailure": {"timestamp": 1_700_000_000_000u64, "statusCode": 503,
                   "error": "Error: socket hang up", "response": response}}
    }));
    let run = env.run(&["get", &id]);
    run.assert_code(0);
    let error = run
        .stdout
        .lines()
        .find(|l| l.trim_start().starts_with("error"))
        .unwrap();
    assert!(error.contains("Error: socket hang up"), "{}", run.stdout);
    let shown = run
        .stdout
        .lines()
        .find(|l| l.trim_start().starts_with("response"))
        .unwrap();
    assert!(shown.contains("upstream said: line two"), "{shown}");
    assert!(!shown.contains(&response), "decoded, not base64: {shown}");
    assert!(!run.stdout.contains('\u{1b}'), "{:?}", run.stdout);
    let json = env.run(&["--json", "get", &id]).json();
    assert_eq!(json["status"]["lastFailure"]["response"], response.as_str());
}

/// Id prefixes are resolved over every page of webhooks, not the first 1,000.
#[test]
fn a_webhook_id_prefix_resolves_beyond_the_first_thousand() {
    let env = Env::new();
    env.mock.seed_webhooks(1003);
    let last = env.mock.insert_webhook(json!({
        "id": "fffffffe-0000-4000-8000-000000000000", "name": "last-one",
    }));
    let run = env.run(&["--json", "get", "fffffffe"]);
    run.assert_code(0);
    assert_eq!(run.json()["id"], last.as_str());
}

/// With LIVEPEER_API_KEY and LIVEPEER_API_URL set (as in every test), clap's conflict error
/// listed `--api-key <KEY> --api-url <URL>` in its usage line, as if they were required.
#[test]
fn conflicting_flags_name_only_themselves_in_the_usage_line() {
    let env = Env::new();
    let run = env.run(&["update", "abc", "--clear-secret", "--secret", "x"]);
    run.assert_code(2);
    assert!(
        run.stderr
            .contains("'--clear-secret' cannot be used with '--secret <SECRET>'"),
        "{}",
        run.stderr
    );
    // Like every error: one `lpwh: error:` line, then the hint with the usage line.
    assert_eq!(run.stderr.lines().count(), 2, "{}", run.stderr);
    assert!(run.stderr.starts_with("lpwh: error: "), "{}", run.stderr);
    let usage = run
        .stderr
        .lines()
        .find(|l| l.starts_with("hint: usage: "))
        .unwrap();
    assert!(
        !usage.contains("--api-key") && !usage.contains("--api-url"),
        "{usage}"
    );
    assert!(
        usage.contains("lpwh update") && usage.contains("--clear-secret"),
        "{usage}"
    );
}
