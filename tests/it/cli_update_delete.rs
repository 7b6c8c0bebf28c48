//! `lpwh update` and `lpwh delete` against the Studio mock: PATCH bodies that name only what
//! changed, fields kept, secrets rotated, bulk delete with its per-id fallback.

use crate::support::crud::Env;
use serde_json::{Value, json};

const STREAM: &str = "e0f1ed4f-7a2b-4c3d-9e8f-0a1b2c3d4e5f";

/// A webhook with every optional field set, so "kept untouched" means something.
fn full_webhook(env: &Env) -> String {
    env.mock.insert_webhook(json!({
        "name": "before",
        "url": "https://example.com/before",
        "events": ["stream.started", "asset.ready"],
        "sharedSecret": "kept-secret-0123456789",
        "streamId": STREAM,
    }))
}

fn patch_bodies(env: &Env, id: &str) -> Vec<Value> {
    env.requests("PATCH", &format!("/api/webhook/{id}"))
        .iter()
        .map(|r| r.body_json().expect("PATCH body is JSON"))
        .collect()
}

// ---- update ---------------------------------------------------------------------------------

#[test]
fn update_name_patches_only_the_name_and_keeps_everything_else() {
    let env = Env::new();
    let id = full_webhook(&env);
    let before = env.stored(&id);
    let run = env.run(&["update", &id, "--name", "after"]);
    run.assert_code(0);
    assert_eq!(patch_bodies(&env, &id), vec![json!({"name": "after"})]);
    let after = env.stored(&id);
    assert_eq!(after["name"], "after");
    for field in ["sharedSecret", "events", "streamId", "url"] {
        assert_eq!(after[field], before[field], "{field} changed");
    }
    assert!(env.requests("PUT", "/api/webhook").is_empty());
    // The result is read back and printed.
    assert!(run.stdout.contains("after"), "{}", run.stdout);
    assert!(
        !run.all().contains("kept-secret-0123456789"),
        "{}",
        run.all()
    );
}

#[test]
fn add_and_remove_event_edit_the_current_list() {
    let env = Env::new();
    let id = full_webhook(&env);
    env.run(&[
        "update",
        &id,
        "--add-event",
        "task.failed",
        "--add-event",
        "asset.failed",
    ])
    .assert_code(0);
    assert_eq!(
        env.stored(&id)["events"],
        json!([
            "stream.started",
            "asset.ready",
            "task.failed",
            "asset.failed"
        ])
    );
    env.run(&[
        "update",
        &id,
        "--remove-event",
        "stream.started,asset.ready",
    ])
    .assert_code(0);
    assert_eq!(
        env.stored(&id)["events"],
        json!(["task.failed", "asset.failed"])
    );
    let bodies = patch_bodies(&env, &id);
    assert_eq!(bodies.len(), 2);
    assert!(
        bodies.iter().all(|b| b.as_object().unwrap().len() == 1),
        "{bodies:?}"
    );
    assert_eq!(env.stored(&id)["sharedSecret"], "kept-secret-0123456789");
}

#[test]
fn adding_an_unknown_event_suggests_the_right_one() {
    let env = Env::new();
    let id = full_webhook(&env);
    let run = env.run(&["update", &id, "--add-event", "asset.redy"]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("did you mean 'asset.ready'"),
        "{}",
        run.stderr
    );
    assert!(patch_bodies(&env, &id).is_empty());
}

#[test]
fn moving_to_a_private_url_warns() {
    let env = Env::new();
    let id = full_webhook(&env);
    let run = env.run(&["update", &id, "--url", "http://192.168.1.20:3000/hook"]);
    run.assert_code(0);
    assert!(run.stderr.contains("warning:"), "{}", run.stderr);
    assert_eq!(
        patch_bodies(&env, &id),
        vec![json!({"url": "http://192.168.1.20:3000/hook"})]
    );
}

#[test]
fn events_replace_the_whole_list() {
    let env = Env::new();
    let id = full_webhook(&env);
    env.run(&["update", &id, "--events", "recording.ready"])
        .assert_code(0);
    assert_eq!(
        patch_bodies(&env, &id),
        vec![json!({"events": ["recording.ready"]})]
    );
}

#[test]
fn rotate_secret_stores_a_new_one_and_shows_it_once() {
    let env = Env::new();
    let id = full_webhook(&env);
    let run = env.run(&["update", &id, "--rotate-secret"]);
    run.assert_code(0);
    let secret = env.stored(&id)["sharedSecret"].as_str().unwrap().to_owned();
    assert_ne!(secret, "kept-secret-0123456789");
    assert!(secret.len() >= 43);
    assert_eq!(run.stderr.matches(&secret).count(), 1, "{}", run.stderr);
    assert!(!run.stdout.contains(&secret));
    assert_eq!(
        patch_bodies(&env, &id),
        vec![json!({"sharedSecret": secret})]
    );

    // With --json the new secret is in the output (the one place a script can read it).
    let json = env.run(&["--json", "update", &id, "--rotate-secret"]);
    json.assert_code(0);
    let rotated = env.stored(&id)["sharedSecret"].clone();
    assert_ne!(rotated, json!(secret));
    assert_eq!(json.json()["sharedSecret"], rotated);
    assert!(
        !json.stderr.contains(rotated.as_str().unwrap()),
        "{}",
        json.stderr
    );
}

fn put_bodies(env: &Env, id: &str) -> Vec<Value> {
    env.requests("PUT", &format!("/api/webhook/{id}"))
        .iter()
        .map(|r| r.body_json().expect("PUT body is JSON"))
        .collect()
}

/// A delivery history, as Studio keeps it in `status`: what a PUT would wipe.
const STATUS: &str = r#"{"lastTriggeredAt": 1700000000000,
    "lastFailure": {"timestamp": 1700000000000, "error": "Error: connect ECONNREFUSED",
                    "response": "", "statusCode": 500}}"#;

fn webhook_with_history(env: &Env) -> String {
    let status: Value = serde_json::from_str(STATUS).unwrap();
    env.mock.insert_webhook(json!({
        "name": "before",
        "url": "https://example.com/before",
        "events": ["stream.started", "asset.ready"],
        "sharedSecret": "kept-secret-0123456789",
        "streamId": STREAM,
        "status": status,
    }))
}

/// `--clear-secret` used to be a PUT, which made Studio forget "last triggered" and "last
/// failure". It is a PATCH of `sharedSecret: ""` now: Studio keeps `status`, signs nothing.
#[test]
fn clear_secret_keeps_the_last_triggered_and_last_failure() {
    let env = Env::new();
    let id = webhook_with_history(&env);
    let run = env.run(&["update", &id, "--clear-secret"]);
    run.assert_code(0);
    assert_eq!(patch_bodies(&env, &id), vec![json!({"sharedSecret": ""})]);
    assert!(
        put_bodies(&env, &id).is_empty(),
        "no PUT: it would drop status"
    );
    let after = env.stored(&id);
    assert_eq!(
        after["status"],
        serde_json::from_str::<Value>(STATUS).unwrap()
    );
    assert_eq!(after["streamId"], STREAM);
    // "" reads as no secret in what update printed, and in get and list afterwards.
    assert!(
        run.stdout.contains("(none: deliveries are not signed)"),
        "{}",
        run.stdout
    );
    let get = env.run(&["get", &id]);
    assert!(
        get.stdout.contains("(none: deliveries are not signed)"),
        "{}",
        get.stdout
    );
    let json = env.run(&["--json", "get", &id]).json();
    assert!(json.get("sharedSecret").is_none(), "{json}");
    let list = env.run(&["--json", "list", "--show-secrets"]).json();
    assert!(list[0].get("sharedSecret").is_none(), "{list}");
    // Clearing again changes nothing and sends nothing.
    env.mock.clear_requests();
    let again = env.run(&["update", &id, "--clear-secret"]);
    again.assert_code(0);
    assert!(
        again.stderr.contains("no secret already"),
        "{}",
        again.stderr
    );
    assert!(patch_bodies(&env, &id).is_empty());
}

/// `listen --webhook` on a webhook whose secret was cleared says it has none, rather than
/// verifying with an empty key.
#[test]
fn listen_with_a_webhook_whose_secret_was_cleared_says_it_has_no_secret() {
    let env = Env::new();
    let id = webhook_with_history(&env);
    env.run(&["update", &id, "--clear-secret"]).assert_code(0);
    let run = env.run(&["listen", "--webhook", &id, "--port", "0", "--no-record"]);
    run.assert_code(1);
    assert!(run.stderr.contains("has no sharedSecret"), "{}", run.stderr);
}

/// Removing the stream has no PATCH form (`streamId: ""` would match no stream), so it stays a
/// PUT of the whole webhook, which Studio looks up by the `id` in the body. The PUT resets
/// Studio's `status`: without a terminal, lpwh warns before sending it.
#[test]
fn clear_stream_warns_that_studio_resets_last_triggered_and_last_failure() {
    let env = Env::new();
    let id = webhook_with_history(&env);
    let run = env.run(&["update", &id, "--clear-stream"]);
    run.assert_code(0);
    assert!(
        run.stderr.contains("warning:")
            && run
                .stderr
                .contains("resets its \"last triggered\" and \"last failure\""),
        "{}",
        run.stderr
    );
    assert!(patch_bodies(&env, &id).is_empty());
    assert_eq!(
        put_bodies(&env, &id),
        vec![json!({
            "id": id,
            "name": "before",
            "url": "https://example.com/before",
            "events": ["stream.started", "asset.ready"],
            "sharedSecret": "kept-secret-0123456789",
        })]
    );
    let after = env.stored(&id);
    assert!(after.get("streamId").is_none(), "{after}");
    assert_eq!(after["sharedSecret"], "kept-secret-0123456789");
    assert!(
        after.get("status").is_none(),
        "the mock drops status on PUT, as Studio does"
    );
    // Nothing to lose, nothing to warn about: a webhook never triggered.
    let fresh = full_webhook(&env);
    let quiet = env.run(&["update", &fresh, "--clear-stream"]);
    quiet.assert_code(0);
    assert!(!quiet.stderr.contains("warning"), "{}", quiet.stderr);
}

#[test]
fn clear_stream_keeps_the_secret_and_other_changes_are_patched_first() {
    let env = Env::new();
    let id = full_webhook(&env);
    let run = env.run(&["update", &id, "--name", "after", "--clear-stream"]);
    run.assert_code(0);
    // The change goes in a PATCH (which checks what it sets); the removal in a PUT built from
    // the webhook read back after it, so the PUT does not undo the PATCH.
    assert_eq!(patch_bodies(&env, &id), vec![json!({"name": "after"})]);
    let puts = put_bodies(&env, &id);
    assert_eq!(puts.len(), 1);
    assert_eq!(puts[0]["name"], "after");
    assert_eq!(puts[0]["sharedSecret"], "kept-secret-0123456789");
    assert!(puts[0].get("streamId").is_none(), "{}", puts[0]);
    let after = env.stored(&id);
    assert_eq!(after["name"], "after");
    assert_eq!(after["sharedSecret"], "kept-secret-0123456789");
    assert!(after.get("streamId").is_none(), "{after}");
    assert!(
        !run.all().contains("kept-secret-0123456789"),
        "{}",
        run.all()
    );
}

#[test]
fn an_unknown_stream_is_reported_as_not_found() {
    let env = Env::new();
    let id = full_webhook(&env);
    let run = env.run(&["update", &id, "--stream-id", "no-such-stream"]);
    run.assert_code(4);
    assert!(run.stderr.contains("stream not found"), "{}", run.stderr);
    env.mock.add_stream("known-stream");
    env.run(&["update", &id, "--stream-id", "known-stream"])
        .assert_code(0);
    assert_eq!(env.stored(&id)["streamId"], "known-stream");
}

#[test]
fn update_without_changes_or_terminal_is_a_usage_error() {
    let env = Env::new();
    let id = full_webhook(&env);
    let run = env.run(&["update", &id]);
    run.assert_code(2);
    assert!(run.stderr.contains("--name"), "{}", run.stderr);
    assert_eq!(env.mock.request_count(), 0);
}

#[test]
fn update_resolves_a_prefix_and_reports_unknown_ids() {
    let env = Env::new();
    let id = env
        .mock
        .insert_webhook(json!({"id": "abcd0000-1111-4222-8333-444455556666"}));
    env.run(&["update", "abcd", "--name", "by-prefix"])
        .assert_code(0);
    assert_eq!(env.stored(&id)["name"], "by-prefix");
    env.run(&["update", "ffff", "--name", "x"]).assert_code(4);
    env.run(&[
        "update",
        "ffffffff-1111-4222-8333-444455556666",
        "--name",
        "x",
    ])
    .assert_code(4);
}

// ---- delete ---------------------------------------------------------------------------------

#[test]
fn delete_without_terminal_or_yes_refuses() {
    let env = Env::new();
    let id = full_webhook(&env);
    let run = env.run(&["delete", &id]);
    run.assert_code(2);
    assert!(run.stderr.contains("--yes"), "{}", run.stderr);
    assert!(!env.mock.is_deleted(&id));
    assert_eq!(env.mock.request_count(), 0);
}

#[test]
fn delete_one() {
    let env = Env::new();
    let id = full_webhook(&env);
    let run = env.run(&["delete", &id, "--yes"]);
    run.assert_code(0);
    assert!(env.mock.is_deleted(&id));
    assert!(run.stderr.contains(&id), "{}", run.stderr);
    // Again: it is gone now.
    env.run(&["delete", &id, "--yes"]).assert_code(4);
}

#[test]
fn several_ids_go_in_one_bulk_request() {
    let env = Env::new();
    let ids = env.mock.seed_webhooks(3);
    let run = env.run(&["--json", "delete", &ids[0], &ids[2], "--yes"]);
    run.assert_code(0);
    let bulk = env.requests("DELETE", "/api/webhook");
    assert_eq!(
        bulk.len(),
        1,
        "{:?}",
        bulk.iter().map(|r| r.line()).collect::<Vec<_>>()
    );
    assert_eq!(bulk[0].path, "/api/webhook");
    assert_eq!(
        bulk[0].body_json().unwrap(),
        json!({"ids": [ids[0], ids[2]]})
    );
    assert!(env.mock.is_deleted(&ids[0]) && env.mock.is_deleted(&ids[2]));
    assert!(!env.mock.is_deleted(&ids[1]));
    let outcomes = run.json();
    assert_eq!(outcomes[0]["outcome"], "deleted");
    assert_eq!(outcomes[1]["outcome"], "deleted");
}

#[test]
fn a_failed_bulk_delete_falls_back_to_one_request_per_id() {
    let env = Env::new();
    let mine = env.mock.seed_webhooks(2);
    let theirs = env
        .mock
        .insert_webhook(json!({"userId": studio_mock::OTHER_USER_ID}));
    // Every id is looked up first (three GETs answered normally), then whose key this is
    // (GET /user/me); the bulk DELETE then fails.
    env.mock.inject(studio_mock::Fault::Pass, 4);
    env.mock
        .inject(studio_mock::Fault::json(500, "internal server error"), 1);
    let run = env.run(&["--json", "delete", &mine[0], &theirs, &mine[1], "--yes"]);
    run.assert_code(4);
    assert!(env.mock.is_deleted(&mine[0]) && env.mock.is_deleted(&mine[1]));
    assert!(!env.mock.is_deleted(&theirs));
    let bulk = env.requests("DELETE", "/api/webhook");
    assert_eq!(
        bulk[0].body_json().unwrap(),
        json!({"ids": [mine[0], mine[1]]}),
        "someone else's id (404 on lookup) is not sent"
    );
    let singles: Vec<String> = env
        .requests("DELETE", "/api/webhook/")
        .iter()
        .map(|r| r.path.clone())
        .collect();
    assert_eq!(
        singles,
        [
            format!("/api/webhook/{}", mine[0]),
            format!("/api/webhook/{}", mine[1])
        ]
    );
    let outcomes = run.json();
    assert_eq!(outcomes[0]["outcome"], "deleted");
    assert_eq!(outcomes[1]["input"], theirs);
    assert_eq!(outcomes[1]["outcome"], "not_found");
    assert_eq!(outcomes[2]["outcome"], "deleted");
}

#[test]
fn deleting_only_unknown_ids_reports_each_one() {
    let env = Env::new();
    let a = "11111111-1111-4111-8111-111111111111";
    let b = "22222222-2222-4222-8222-222222222222";
    let run = env.run(&["delete", a, b, "--yes"]);
    run.assert_code(4);
    assert!(
        run.stderr.contains(a) && run.stderr.contains(b),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"));
}

#[test]
fn delete_by_prefix_and_an_ambiguous_prefix_deletes_nothing() {
    let env = Env::new();
    let one = env
        .mock
        .insert_webhook(json!({"id": "dead0001-0000-4000-8000-000000000001"}));
    let two = env
        .mock
        .insert_webhook(json!({"id": "dead0002-0000-4000-8000-000000000002"}));
    let run = env.run(&["delete", "dead", "--yes"]);
    run.assert_code(2);
    assert!(
        run.stderr.contains(&one) && run.stderr.contains(&two),
        "{}",
        run.stderr
    );
    assert!(!env.mock.is_deleted(&one) && !env.mock.is_deleted(&two));
    env.run(&["delete", "dead0002", "--yes"]).assert_code(0);
    assert!(env.mock.is_deleted(&two) && !env.mock.is_deleted(&one));
}

/// Studio exempts webhooks an admin owns from its local-address check: no "never fire" then,
/// but still for another account's webhook an admin moves to a local URL.
#[test]
fn a_local_url_is_fine_for_an_admins_own_webhook_only() {
    let env = Env::new();
    env.mock.set_admin(true);
    let run = env.run(&[
        "create",
        "--name",
        "lan",
        "--url",
        "http://192.168.1.20:3000/hook",
        "--events",
        "stream.started",
        "--generate-secret",
    ]);
    run.assert_code(0);
    assert!(!run.stderr.contains("never fire"), "{}", run.stderr);
    assert!(
        run.stderr.contains("an admin's account owns this webhook"),
        "{}",
        run.stderr
    );
    assert_eq!(env.requests("GET", "/api/user/me").len(), 1, "asked once");

    let theirs = env
        .mock
        .insert_webhook(json!({"userId": studio_mock::OTHER_USER_ID}));
    let run = env.run(&["update", &theirs, "--url", "http://10.0.0.7/hook"]);
    run.assert_code(0);
    assert!(run.stderr.contains("will never fire"), "{}", run.stderr);

    // A public URL does not ask whose the key is.
    env.mock.clear_requests();
    env.run(&["update", &theirs, "--url", "https://example.com/hook"])
        .assert_code(0);
    assert!(env.requests("GET", "/api/user/me").is_empty());
}
