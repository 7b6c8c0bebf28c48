//! The interactive flows driven through a real pseudo-terminal: the `create` wizard, the
//! pre-filled `update` wizard and the `delete` confirmation. Keys are sent as a person would
//! type them; the assertions are on what reached the mock Studio and on the exit code.

#![cfg(unix)]

use std::time::Duration;

use crate::support::crud::Env;
use crate::support::sandbox::isolate;
use expectrl::process::unix::WaitStatus;
use expectrl::{Eof, Expect, Session};
use serde_json::json;

const DOWN: &str = "\x1b[B";
const ENTER: &str = "\r";

type Pty = expectrl::session::OsSession;

fn spawn(env: &Env, args: &[&str]) -> Pty {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_lpwh"));
    isolate(&mut cmd, env.home.path());
    // The pty is stdin, stdout and stderr: prompts are possible.
    cmd.stdin(std::process::Stdio::inherit())
        .env("LIVEPEER_API_URL", env.mock.url())
        .env("LIVEPEER_API_KEY", env.mock.api_key())
        .env("TERM", "xterm-256color")
        .args(args);
    let mut session = Session::spawn(cmd).expect("spawn lpwh in a pty");
    session.set_expect_timeout(Some(Duration::from_secs(30)));
    session
}

#[track_caller]
fn expect(session: &mut Pty, text: &str) {
    if let Err(err) = session.expect(text) {
        panic!("waiting for {text:?}: {err}");
    }
}

fn send(session: &mut Pty, keys: &str) {
    session.send(keys).expect("send keys");
}

/// Read to the end and return the exit code.
fn finish(mut session: Pty) -> i32 {
    let _ = session.expect(Eof);
    match session.get_process().wait().expect("wait for lpwh") {
        WaitStatus::Exited(_, code) => code,
        other => panic!("lpwh did not exit normally: {other:?}"),
    }
}

#[test]
fn the_create_wizard_asks_for_everything_missing() {
    let env = Env::new();
    // create checks that a stream exists before creating a webhook for it.
    env.mock.add_stream("stream-from-wizard");
    let mut pty = spawn(&env, &["create"]);
    expect(&mut pty, "Name");
    send(&mut pty, "wizard-hook");
    send(&mut pty, ENTER);
    expect(&mut pty, "URL");
    // A URL Studio would refuse is caught by the prompt, which asks again.
    send(&mut pty, "ftp://example.com");
    send(&mut pty, ENTER);
    expect(&mut pty, "must start with http");
    send(&mut pty, "https://example.com/wizard");
    send(&mut pty, ENTER);
    expect(&mut pty, "Events");
    expect(&mut pty, "stream: stream.started");
    // Tick the first two events of the catalog: stream.started and stream.idle.
    send(&mut pty, " ");
    send(&mut pty, DOWN);
    send(&mut pty, " ");
    send(&mut pty, ENTER);
    expect(&mut pty, "Stream id");
    // A typo is caught as soon as it is typed, and asked again: nothing typed so far is lost.
    send(&mut pty, "stream-from-wizzard");
    send(&mut pty, ENTER);
    expect(
        &mut pty,
        "no stream 'stream-from-wizzard' that this key can see",
    );
    expect(&mut pty, "Stream id");
    send(&mut pty, "stream-from-wizard");
    send(&mut pty, ENTER);
    expect(&mut pty, "Signing secret");
    // Second option: type a secret (hidden input, asked twice).
    send(&mut pty, DOWN);
    send(&mut pty, ENTER);
    expect(&mut pty, "Secret");
    send(&mut pty, "typed-in-the-wizard-42");
    send(&mut pty, ENTER);
    expect(&mut pty, "Again");
    send(&mut pty, "typed-in-the-wizard-42");
    send(&mut pty, ENTER);
    // Everything on one screen, then one last question (Enter: yes). Nothing is sent before.
    expect(&mut pty, "stream.started, stream.idle");
    expect(&mut pty, "the one typed (hidden)");
    expect(&mut pty, "Create this webhook?");
    assert!(env.requests("POST", "/api/webhook").is_empty());
    send(&mut pty, ENTER);
    let code = finish(pty);
    assert_eq!(code, 0);

    let posts = env.requests("POST", "/api/webhook");
    assert_eq!(posts.len(), 1);
    assert_eq!(
        posts[0].body_json().unwrap(),
        json!({
            "name": "wizard-hook",
            "url": "https://example.com/wizard",
            "events": ["stream.started", "stream.idle"],
            "sharedSecret": "typed-in-the-wizard-42",
            "streamId": "stream-from-wizard",
        })
    );
}

/// The create wizard's questions after name and URL, answered the quick way: the first event in
/// the list, no stream, and the first secret option (generate one).
fn answer_events_stream_and_secret(pty: &mut Pty) {
    expect(pty, "Events");
    send(pty, " ");
    send(pty, ENTER);
    expect(pty, "Stream id");
    send(pty, ENTER);
    expect(pty, "Signing secret");
    send(pty, ENTER);
}

#[test]
fn the_create_wizard_only_asks_for_what_flags_did_not_give() {
    let env = Env::new();
    let mut pty = spawn(
        &env,
        &[
            "create",
            "--name",
            "half",
            "--url",
            "https://example.com/half",
        ],
    );
    answer_events_stream_and_secret(&mut pty);
    expect(&mut pty, "all streams");
    expect(&mut pty, "Create this webhook?");
    send(&mut pty, "y");
    expect(&mut pty, "shown only this once");
    assert_eq!(finish(pty), 0);
    let body = env.requests("POST", "/api/webhook")[0].body_json().unwrap();
    assert_eq!(body["name"], "half");
    assert_eq!(body["events"], json!(["stream.started"]));
    assert_eq!(body["sharedSecret"].as_str().unwrap().len(), 64);
    assert!(body.get("streamId").is_none(), "{body}");
}

#[test]
fn declining_the_create_summary_creates_nothing() {
    let env = Env::new();
    let mut pty = spawn(
        &env,
        &[
            "create",
            "--name",
            "second-thoughts",
            "--url",
            "https://example.com/no",
        ],
    );
    answer_events_stream_and_secret(&mut pty);
    expect(&mut pty, "Create this webhook?");
    send(&mut pty, "n");
    expect(&mut pty, "nothing was created");
    assert_eq!(finish(pty), 1);
    assert!(env.requests("POST", "/api/webhook").is_empty());
}

#[test]
fn the_update_wizard_is_prefilled_and_patches_only_what_changed() {
    let env = Env::new();
    let id = env.mock.insert_webhook(json!({
        "name": "prefilled", "url": "https://example.com/pre",
        "events": ["stream.started", "asset.ready"], "sharedSecret": "keep-me-0123456789",
        "streamId": "stream-kept-7",
    }));
    let mut pty = spawn(&env, &["update", &id]);
    expect(&mut pty, "prefilled");
    send(&mut pty, ENTER);
    expect(&mut pty, "https://example.com/pre");
    send(&mut pty, ENTER);
    expect(&mut pty, "Events");
    // Add stream.idle (second in the catalog) to the two already ticked.
    send(&mut pty, DOWN);
    send(&mut pty, " ");
    send(&mut pty, ENTER);
    expect(&mut pty, "stream-kept-7");
    send(&mut pty, ENTER);
    expect(&mut pty, "Keep the current secret");
    send(&mut pty, ENTER);
    assert_eq!(finish(pty), 0);

    let patches = env.requests("PATCH", &format!("/api/webhook/{id}"));
    assert_eq!(patches.len(), 1);
    assert_eq!(
        patches[0].body_json().unwrap(),
        json!({"events": ["stream.started", "stream.idle", "asset.ready"]})
    );
    assert_eq!(env.stored(&id)["sharedSecret"], "keep-me-0123456789");
    assert_eq!(env.stored(&id)["streamId"], "stream-kept-7");
}

#[test]
fn delete_asks_first_showing_name_and_url() {
    let env = Env::new();
    let id = env.mock.insert_webhook(json!({
        "name": "doomed-hook", "url": "https://example.com/doomed",
    }));

    let mut pty = spawn(&env, &["delete", &id]);
    expect(&mut pty, "doomed-hook");
    expect(&mut pty, "https://example.com/doomed");
    expect(&mut pty, "Delete it?");
    send(&mut pty, "n");
    assert_eq!(finish(pty), 1);
    assert!(
        !env.mock.is_deleted(&id),
        "deleted although the answer was no"
    );

    let mut pty = spawn(&env, &["delete", &id]);
    expect(&mut pty, "Delete it?");
    send(&mut pty, "y");
    assert_eq!(finish(pty), 0);
    assert!(env.mock.is_deleted(&id));
}

#[test]
fn ctrl_c_in_the_wizard_exits_130_without_creating_anything() {
    let env = Env::new();
    let mut pty = spawn(&env, &["create"]);
    expect(&mut pty, "Name");
    send(&mut pty, "half-typed");
    send(&mut pty, "\x03");
    assert_eq!(finish(pty), 130);
    assert!(env.requests("POST", "/api/webhook").is_empty());
}

/// Removing the stream replaces the whole webhook, which resets Studio's last triggered and last
/// failure: on a terminal lpwh asks first, and "no" sends nothing.
#[test]
fn clear_stream_asks_before_resetting_the_delivery_history() {
    let env = Env::new();
    let id = env.mock.insert_webhook(json!({
        "name": "with-history", "streamId": "s-1",
        "status": {"lastTriggeredAt": 1_700_000_000_000u64},
    }));
    let mut pty = spawn(&env, &["update", &id, "--clear-stream"]);
    expect(&mut pty, "last triggered");
    expect(&mut pty, "Remove the stream anyway?");
    send(&mut pty, "n");
    assert_eq!(finish(pty), 1);
    assert!(env.requests("PUT", "/api/webhook").is_empty());
    assert_eq!(env.stored(&id)["streamId"], "s-1");

    let mut pty = spawn(&env, &["update", &id, "--clear-stream"]);
    expect(&mut pty, "Remove the stream anyway?");
    send(&mut pty, "y");
    assert_eq!(finish(pty), 0);
    assert!(env.stored(&id).get("streamId").is_none());
}
