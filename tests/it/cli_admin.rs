//! Admin keys against the Studio mock (studio-api.md, "Admin keys"): deleted webhooks shown as
//! deleted, `list --deleted`, bulk deletes checked id by id, other accounts' webhooks refused
//! without `--other-accounts`, and their logs read with `allUsers=true`.

use serde_json::json;

use crate::support::crud::Env;

/// With an admin's key Studio answers a deleted webhook with `"deleted": true`; it used to be
/// shown as if it were live.
#[test]
fn get_and_list_show_a_deleted_webhook_as_deleted() {
    let env = Env::new();
    let id = env.mock.seed_webhooks(1).remove(0);
    env.mock.set_admin(true);
    env.run(&["delete", &id, "--yes"]).assert_code(0);
    let run = env.run(&["get", &id]);
    run.assert_code(0);
    let line = run
        .stdout
        .lines()
        .find(|l| l.starts_with("deleted"))
        .unwrap_or_default();
    assert!(line.contains("yes"), "{}", run.stdout);
    assert_eq!(env.run(&["--json", "get", &id]).json()["deleted"], true);

    let listed = env
        .mock
        .insert_webhook(json!({"name": "gone-hook", "deleted": true}));
    let list = env.run(&["list"]);
    list.assert_code(0);
    let row = list
        .stdout
        .lines()
        .find(|l| l.contains(&listed[..8]))
        .unwrap();
    assert!(row.contains("gone-hook (deleted)"), "{row}");
}

/// An admin's bulk delete answers 204 whatever the ids: an id that never existed used to be
/// reported as deleted.
#[test]
fn bulk_delete_with_an_admin_key_reports_unknown_ids_as_not_found() {
    let env = Env::new();
    let ids = env.mock.seed_webhooks(2);
    env.mock.set_admin(true);
    let unknown = "0badc0de-1111-4111-8111-111111111111";
    let run = env.run(&["--json", "delete", &ids[0], unknown, &ids[1], "--yes"]);
    run.assert_code(4);
    let outcomes = run.json();
    assert_eq!(outcomes[0]["outcome"], "deleted");
    assert_eq!(outcomes[1]["outcome"], "not_found");
    assert_eq!(outcomes[2]["outcome"], "deleted");
    assert!(env.mock.is_deleted(&ids[0]) && env.mock.is_deleted(&ids[1]));
    let bulk = env.requests("DELETE", "/api/webhook");
    let sent = bulk.last().unwrap().body_json().unwrap();
    assert_eq!(
        sent["ids"],
        json!([ids[0], ids[1]]),
        "only ids seen to exist are sent"
    );
    // Deleting them again: Studio (admin) still answers GET; lpwh says they are gone.
    let again = env.run(&["--json", "delete", &ids[0], &ids[1], "--yes"]);
    again.assert_code(4);
    assert_eq!(again.json()[0]["error"], "already deleted");
}

/// With an admin's key: another account's webhook is refused, for one id or many alike, naming
/// the account; `--other-accounts` deletes it through the bulk route and checks it is gone; an
/// id already deleted says so; `list --deleted` shows deleted webhooks (`all=true`); and `logs`
/// of another account's webhook asks with `allUsers=true`.
#[test]
fn admin_keys_delete_list_and_read_logs_as_studio_answers_them() {
    let env = Env::new();
    let mine = env.mock.seed_webhooks(1).remove(0);
    let theirs = env.mock.insert_webhook(json!({
        "name": "their-hook", "url": "https://hooks.example.com/theirs",
        "events": ["stream.started"], "userId": studio_mock::OTHER_USER_ID,
    }));
    env.mock.seed_logs(&theirs, 2);
    env.mock.set_admin(true);

    // logs of another account's webhook: read with allUsers=true.
    let logs = env.run(&["--json", "logs", &theirs]);
    logs.assert_code(0);
    assert_eq!(logs.json().as_array().unwrap().len(), 2, "{}", logs.stdout);
    assert!(
        env.requests("GET", &format!("/api/webhook/{theirs}/log"))
            .iter()
            .any(|r| r.query_param("allUsers").as_deref() == Some("true")),
        "allUsers=true was asked for"
    );

    // One id, or two: the same refusal for theirs; mine is deleted.
    let one = env.run(&["--json", "delete", &theirs, "--yes"]);
    one.assert_code(1);
    assert_eq!(one.json()[0]["outcome"], "refused");
    assert!(
        one.json()[0]["error"]
            .as_str()
            .unwrap()
            .contains(studio_mock::OTHER_USER_ID),
        "{}",
        one.stdout
    );
    let two = env.run(&["--json", "delete", &mine, &theirs, "--yes"]);
    two.assert_code(1);
    assert_eq!(two.json()[0]["outcome"], "deleted");
    assert_eq!(two.json()[1]["outcome"], "refused");
    assert!(two.stderr.contains("--other-accounts"), "{}", two.stderr);
    assert!(env.mock.is_deleted(&mine));
    assert!(!env.mock.is_deleted(&theirs), "refused, so still there");

    // With the flag: deleted through the bulk route, and checked.
    env.mock.clear_requests();
    let forced = env.run(&["--json", "delete", &theirs, "--yes", "--other-accounts"]);
    forced.assert_code(0);
    assert_eq!(forced.json()[0]["outcome"], "deleted");
    assert!(env.mock.is_deleted(&theirs));
    let bulk = env.requests("DELETE", "/api/webhook");
    assert_eq!(bulk.len(), 1);
    assert_eq!(
        bulk[0].path, "/api/webhook",
        "the bulk route, not /webhook/{{id}}"
    );

    // Already deleted: said so, not "not found".
    let again = env.run(&["delete", &mine, "--yes"]);
    again.assert_code(4);
    assert!(again.stderr.contains("already deleted"), "{}", again.stderr);

    // list: deleted ones only with --deleted.
    let live = env.run(&["--json", "list"]);
    assert!(
        live.json()
            .as_array()
            .unwrap()
            .iter()
            .all(|w| w["deleted"] != true),
        "{}",
        live.stdout
    );
    let all = env.run(&["--json", "list", "--deleted"]);
    let rows = all.json();
    assert!(
        rows.as_array()
            .unwrap()
            .iter()
            .any(|w| w["deleted"] == true && w["id"] == mine.as_str()),
        "{}",
        all.stdout
    );
}
