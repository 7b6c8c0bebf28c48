//! Every webhook command against the same failures: a refused key (3), an unknown id (4), a
//! gateway hiccup (retried), an unreachable server (1); and secrets never printed.

use crate::support::crud::Env;
use crate::support::refused::Refused;
use crate::support::sandbox::Run;
use serde_json::json;

/// A webhook with one delivery log, for commands that need ids.
fn fixture(env: &Env) -> (String, String) {
    let id = env.mock.insert_webhook(json!({
        "name": "matrix", "url": "https://example.com/m", "events": ["asset.ready"],
        "sharedSecret": "matrix-secret-0123456789",
    }));
    let log = env.mock.seed_logs(&id, 1).remove(0);
    (id, log)
}

/// Every command, ready to run against `id` and `log`.
fn every_command(id: &str, log: &str) -> Vec<Vec<String>> {
    let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    vec![
        args(&["list"]),
        args(&["get", id]),
        args(&[
            "create",
            "--name",
            "n",
            "--url",
            "https://e.com/x",
            "--events",
            "asset.ready",
        ]),
        args(&["update", id, "--name", "renamed"]),
        args(&["logs", id]),
        args(&["logs", id, log]),
        args(&["resend", id, log]),
        args(&["delete", id, "--yes"]),
    ]
}

fn run(env: &Env, args: &[String], key: Option<&str>, url: Option<&str>) -> Run {
    let mut cmd = env.command();
    if let Some(key) = key {
        cmd.env("LIVEPEER_API_KEY", key);
    }
    if let Some(url) = url {
        cmd.env("LIVEPEER_API_URL", url);
    }
    Run::of(cmd.args(args))
}

#[test]
fn a_refused_key_exits_3_with_a_hint_for_every_command() {
    let env = Env::new();
    let (id, log) = fixture(&env);
    let key = "sk-wrong-9f8e7d6c5b4a";
    for args in every_command(&id, &log) {
        let out = run(&env, &args, Some(key), None);
        assert_eq!(out.code, 3, "{args:?}\n{}", out.stderr);
        // The hint names where the refused key came from: here the environment.
        assert!(
            out.stderr
                .contains("hint: the key in LIVEPEER_API_KEY was refused"),
            "{args:?}\n{}",
            out.stderr
        );
        assert!(
            !out.all().contains(key),
            "{args:?} printed the key:\n{}",
            out.all()
        );
    }
    assert!(!env.mock.is_deleted(&id));
}

#[test]
fn an_unknown_webhook_exits_4_for_every_command_that_takes_one() {
    let env = Env::new();
    let (_, log) = fixture(&env);
    let unknown = "0e0e0e0e-1111-4222-8333-444455556666";
    for args in every_command(unknown, &log)
        .into_iter()
        .filter(|a| a.iter().any(|s| s == unknown))
    {
        let out = run(&env, &args, None, None);
        assert_eq!(out.code, 4, "{args:?}\n{}", out.stderr);
        assert!(out.stderr.contains(unknown), "{args:?}\n{}", out.stderr);
    }
}

#[test]
fn one_gateway_error_is_retried_by_every_command_that_may_repeat_its_request() {
    let env = Env::new();
    let (id, log) = fixture(&env);
    for args in every_command(&id, &log)
        .into_iter()
        .filter(|a| a[0] != "create" && a[0] != "resend")
    {
        env.mock.clear_requests();
        env.mock.fail_next(1, 502);
        let out = run(&env, &args, None, None);
        assert_eq!(out.code, 0, "{args:?}\n{}", out.stderr);
        let requests = env.mock.requests();
        assert!(requests.len() >= 2, "{args:?}");
        assert_eq!(
            requests[0].line(),
            requests[1].line(),
            "{args:?}: not retried"
        );
    }
    assert!(env.mock.is_deleted(&id));
}

#[test]
fn a_lost_create_is_not_repeated_and_says_how_to_check() {
    let env = Env::new();
    env.mock.fail_next(1, 502);
    let out = env.run(&[
        "create",
        "--name",
        "once",
        "--url",
        "https://e.com/x",
        "--events",
        "asset.ready",
    ]);
    out.assert_code(1);
    assert_eq!(env.requests("POST", "/api/webhook").len(), 1);
    assert!(
        out.stderr.contains("lpwh list --name once"),
        "{}",
        out.stderr
    );
}

#[test]
fn an_unreachable_server_fails_cleanly_for_every_command() {
    let env = Env::new();
    let (id, log) = fixture(&env);
    let refused = Refused::new();
    let url = refused.url("/api");
    for args in every_command(&id, &log) {
        let out = run(&env, &args, None, Some(&url));
        assert_eq!(out.code, 1, "{args:?}\n{}", out.stderr);
        assert!(
            out.stderr.starts_with("lpwh: error:"),
            "{args:?}\n{}",
            out.stderr
        );
        assert!(!out.stderr.contains("panicked"), "{args:?}\n{}", out.stderr);
    }
}

#[test]
fn secrets_given_on_the_command_line_are_never_echoed() {
    let env = Env::new();
    let first = "first-secret-abcdef0123456789";
    let second = "second-secret-abcdef0123456789";
    let created = env.run(&[
        "-v",
        "create",
        "--name",
        "s",
        "--url",
        "https://e.com/s",
        "--events",
        "asset.ready",
        "--secret",
        first,
    ]);
    created.assert_code(0);
    assert!(!created.all().contains(first), "{}", created.all());
    let id = env.mock.webhooks()[0]["id"].as_str().unwrap().to_owned();
    for args in [
        vec!["-v", "update", &id, "--secret", second],
        vec!["-v", "--json", "update", &id, "--name", "t"],
        vec!["-v", "get", &id],
        vec!["--json", "get", &id],
        vec!["--json", "list"],
    ] {
        let out = env.run(&args);
        out.assert_code(0);
        for secret in [first, second] {
            assert!(
                !out.all().contains(secret),
                "{args:?} printed a secret:\n{}",
                out.all()
            );
        }
    }
    assert_eq!(env.stored(&id)["sharedSecret"], second);
    let shown = env.run(&["get", &id, "--show-secrets"]);
    assert!(shown.stdout.contains(second), "{}", shown.stdout);
}

/// `--timeout 1e20` panicked (exit 101) inside `Duration::from_secs_f64`; every out-of-range
/// number is a usage error now.
#[test]
fn absurd_durations_are_usage_errors_not_panics() {
    let env = Env::new();
    let (id, _) = fixture(&env);
    for args in [
        vec!["--timeout", "1e20", "list"],
        vec!["--timeout=-1", "list"],
        vec!["--timeout", "NaN", "list"],
        vec!["logs", id.as_str(), "--follow", "--interval", "1e20"],
    ] {
        let run = env.run(&args);
        run.assert_code(2);
        assert!(!run.stderr.contains("panicked"), "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains("lpwh: error:"),
            "{args:?}: {}",
            run.stderr
        );
    }
}

/// A password in `--api-url` was shown, saved and sent as Basic auth in place of the key.
#[test]
fn an_api_url_with_a_password_is_refused_and_never_shown() {
    let env = Env::new();
    let url = env
        .mock
        .url()
        .replace("http://", "http://someone:pa55-w0rd@");
    let run = env.run(&["--api-url", &url, "-v", "list"]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("user name or password"),
        "{}",
        run.stderr
    );
    assert!(!run.all().contains("pa55-w0rd"), "{}", run.all());
    assert_eq!(env.mock.request_count(), 0);
}

/// An empty secret used to switch verification off without a word. Wherever a webhook secret
/// is taken, `--secret ""` and an empty `LPWH_WEBHOOK_SECRET` are usage errors now, and
/// nothing runs: no listener binds, nothing is signed or sent.
#[test]
fn an_empty_webhook_secret_is_a_usage_error_everywhere() {
    let env = Env::new();
    let dir = tempfile::tempdir().unwrap();
    let body = dir.path().join("body.json");
    std::fs::write(&body, br#"{"event":"stream.started"}"#).unwrap();
    let body = body.to_str().unwrap();
    let refused = Refused::new();
    let target = refused.url("/api");
    let commands: Vec<Vec<&str>> = vec![
        vec!["listen", "--port", "0"],
        vec!["sign", "--event", "stream.started"],
        vec![
            "verify",
            "--header",
            "Livepeer-Signature: t=1,v1=00",
            "--body",
            body,
        ],
        vec!["trigger", "stream.started", "--to", &target],
        vec!["inbox", "replay", "1", "--to", &target],
    ];
    for args in &commands {
        let mut flagged = args.clone();
        flagged.extend(["--secret", ""]);
        let from_env = Run::of(env.command().args(args).env("LPWH_WEBHOOK_SECRET", ""));
        for (how, run) in [("--secret ''", env.run(&flagged)), ("empty env", from_env)] {
            run.assert_code(2);
            assert!(
                run.stderr.contains("the webhook secret is empty"),
                "{args:?} with {how}: {}",
                run.stderr
            );
            assert!(!run.stderr.contains("listening on"), "{}", run.stderr);
            assert!(run.stdout.is_empty(), "{args:?} with {how}: {}", run.stdout);
        }
    }
}

/// Not logged in: the hint names the profile, since a bare `lpwh login` logs into `default`.
#[test]
fn the_not_logged_in_hint_names_the_profile() {
    let home = crate::support::sandbox::Sandbox::new();
    let staging = home.run(&["--profile", "staging", "list"]);
    staging.assert_code(3);
    assert!(
        staging
            .stderr
            .contains("hint: run 'lpwh --profile staging login' or set LIVEPEER_API_KEY"),
        "{}",
        staging.stderr
    );
    let default = home.run(&["list"]);
    default.assert_code(3);
    assert!(
        default
            .stderr
            .contains("hint: run 'lpwh login' or set LIVEPEER_API_KEY"),
        "{}",
        default.stderr
    );
}

/// `listen --timeout-after` and the global `--timeout` sit side by side in `listen --help`:
/// each says what it bounds, and names the other.
#[test]
fn listen_help_tells_timeout_and_timeout_after_apart() {
    let home = crate::support::sandbox::Sandbox::new();
    let help = home.run(&["listen", "--help"]);
    help.assert_code(0);
    let text = help.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        text.contains("The whole wait; the global --timeout is per API call"),
        "{text}"
    );
    assert!(
        text.contains("Not `listen --timeout-after`, which bounds the whole wait"),
        "{text}"
    );
}

/// A key refused from --api-key gets the hint for the flag, and `--help` never shows an
/// environment value (`[env: LIVEPEER_API_URL]`, not `[env: LIVEPEER_API_URL=…]`).
#[test]
fn a_refused_flag_key_is_named_and_help_shows_no_env_values() {
    let env = Env::new();
    let mut cmd = env.command();
    cmd.env_remove("LIVEPEER_API_KEY")
        .args(["--api-key", "sk-wrong-flag-0123", "list"]);
    let out = Run::of(&mut cmd);
    out.assert_code(3);
    assert!(
        out.stderr
            .contains("hint: the key given with --api-key was refused"),
        "{}",
        out.stderr
    );
    let help = Run::of(env.command().env("LPWH_PROFILE", "staging").arg("--help"));
    help.assert_code(0);
    assert!(
        help.stdout.contains("[env: LIVEPEER_API_URL]"),
        "{}",
        help.stdout
    );
    assert!(
        help.stdout.contains("[env: LPWH_PROFILE]"),
        "{}",
        help.stdout
    );
    assert!(
        !help.stdout.contains("LIVEPEER_API_URL="),
        "{}",
        help.stdout
    );
    assert!(!help.stdout.contains("staging"), "{}", help.stdout);
}

/// The argument parser's errors read like every other error (the README's promise): one
/// `lpwh: error:` line and one `hint:` line, exit 2, with clap's tip and usage in the hint.
#[test]
fn parser_errors_are_one_error_line_and_a_hint() {
    let home = tempfile::tempdir().unwrap();
    let cases: &[(&[&str], &str, &str)] = &[
        (
            &["list", "--bogus"],
            "lpwh: error: unexpected argument '--bogus' found",
            "hint: usage: lpwh list [OPTIONS] (more: lpwh list --help)",
        ),
        (
            &["trigger"],
            "lpwh: error: the following required arguments were not provided: --to <URL>, <EVENT>",
            "hint: usage: lpwh trigger --to <URL> <EVENT> (more: lpwh trigger --help)",
        ),
        (
            &["lst"],
            "lpwh: error: unrecognized subcommand 'lst'",
            "hint: some similar subcommands exist: 'listen', 'ls', 'list'; usage: lpwh",
        ),
        (
            &["listen", "--tunnel", "zz"],
            "lpwh: error: invalid value 'zz' for '--tunnel [<PROGRAM>]' [possible values: auto, cloudflared, ngrok, bore]",
            "hint: ",
        ),
    ];
    for (args, error, hint) in cases {
        let run = Run::of(crate::support::sandbox::lpwh(home.path()).args(*args));
        run.assert_code(2);
        let lines: Vec<&str> = run.stderr.lines().collect();
        assert_eq!(lines.len(), 2, "{args:?}:\n{}", run.stderr);
        assert_eq!(lines[0], *error, "{args:?}");
        assert!(lines[1].starts_with(hint), "{args:?}: {}", lines[1]);
        assert!(run.stdout.is_empty());
    }
    // --help and --version still print to stdout and exit 0.
    let help = Run::of(crate::support::sandbox::lpwh(home.path()).args(["list", "--help"]));
    help.assert_code(0);
    assert!(help.stdout.contains("Usage: lpwh list"), "{}", help.stdout);
}
