//! `lpwh login` on a real pseudo-terminal: the key is asked for with a hidden prompt, never
//! echoed, checked against the mock Studio, and stored (here in the 0600 file: LPWH_KEYRING=off).

#![cfg(unix)]

use std::time::Duration;

use expectrl::process::unix::WaitStatus;
use expectrl::{Eof, Expect, Session};
use studio_mock::StudioMock;

type Pty = expectrl::session::OsSession;

fn spawn(home: &std::path::Path, mock: &StudioMock, args: &[&str]) -> Pty {
    spawn_cmd(
        std::process::Command::new(env!("CARGO_BIN_EXE_lpwh")),
        home,
        mock,
        args,
    )
}

fn spawn_cmd(
    mut cmd: std::process::Command,
    home: &std::path::Path,
    mock: &StudioMock,
    args: &[&str],
) -> Pty {
    crate::support::sandbox::isolate(&mut cmd, home);
    // The pty is stdin, stdout and stderr: prompts are possible.
    cmd.stdin(std::process::Stdio::inherit())
        .env_remove("CI")
        .env("TERM", "xterm-256color")
        .env("LIVEPEER_API_URL", mock.url())
        .args(args);
    let mut session = Session::spawn(cmd).expect("spawn lpwh in a pty");
    session.set_expect_timeout(Some(Duration::from_secs(30)));
    session
}

/// Wait for `text`; return everything printed before it.
#[track_caller]
fn expect(session: &mut Pty, text: &str) -> String {
    match session.expect(text) {
        Ok(found) => String::from_utf8_lossy(found.before()).into_owned(),
        Err(err) => panic!("waiting for {text:?}: {err}"),
    }
}

/// Wait until the hidden prompt has turned echo off, then type `text` and Enter. Typing as soon
/// as the prompt's words appear races the prompt's own terminal set-up, which may discard what
/// was typed before it.
fn type_secret(session: &mut Pty, text: &str) {
    let started = std::time::Instant::now();
    while session.get_process().get_echo().unwrap_or(false) {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the prompt never turned echo off"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    session.send(text).unwrap();
    session.send("\r").unwrap();
}

fn finish(mut session: Pty) -> (i32, String) {
    let rest = session
        .expect(Eof)
        .map(|c| String::from_utf8_lossy(c.before()).into_owned())
        .unwrap_or_default();
    match session.get_process().wait().expect("wait for lpwh") {
        WaitStatus::Exited(_, code) => (code, rest),
        other => panic!("lpwh did not exit normally: {other:?}"),
    }
}

#[test]
fn the_key_is_typed_at_a_hidden_prompt() {
    let dir = tempfile::tempdir().unwrap();
    let mock = StudioMock::start_blocking();
    let key = mock.api_key().to_owned();
    let mut pty = spawn(dir.path(), &mock, &["--profile", "typed", "login"]);
    expect(&mut pty, "API key for profile 'typed'");
    type_secret(&mut pty, &key);
    let shown = expect(&mut pty, "Logged in");
    let (code, rest) = finish(pty);
    assert_eq!(code, 0, "{shown}{rest}");
    assert!(
        !shown.contains(&key) && !rest.contains(&key),
        "the key was echoed:\n{shown}{rest}"
    );

    let stored = std::fs::read_to_string(dir.path().join("lpwh-config/credentials.toml")).unwrap();
    assert!(
        stored.contains("[profiles.typed]") && stored.contains(&key),
        "{stored}"
    );
    let checks: Vec<_> = mock.requests().iter().map(|r| r.line()).collect();
    assert_eq!(checks, ["GET /api/webhook?limit=1"]);
}

#[test]
fn a_refused_typed_key_exits_3_and_stores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mock = StudioMock::start_blocking();
    let mut pty = spawn(dir.path(), &mock, &["login"]);
    expect(&mut pty, "API key for profile 'default'");
    type_secret(&mut pty, "sk-not-a-real-key-123");
    let shown = expect(&mut pty, "refused");
    let (code, rest) = finish(pty);
    assert_eq!(code, 3, "{shown}{rest}");
    assert!(!format!("{shown}{rest}").contains("sk-not-a-real-key-123"));
    assert!(!dir.path().join("lpwh-config/credentials.toml").exists());
}

#[test]
fn ctrl_c_at_the_prompt_exits_130_with_echo_back_on() {
    let dir = tempfile::tempdir().unwrap();
    let mock = StudioMock::start_blocking();
    // A shell turns echo on (expectrl starts with it off), runs lpwh, then reports lpwh's exit
    // code and the terminal's echo setting once lpwh is gone.
    let mut shell = std::process::Command::new("bash");
    shell.args([
        "-c",
        "report() { if stty -a | grep -qw -- -echo; then echo \"$1:OFF\"; else echo \"$1:ON\"; fi; }; \
         stty echo; report BEFORE; \"$0\" login; echo \"exit=$?\"; report AFTER",
        env!("CARGO_BIN_EXE_lpwh"),
    ]);
    let mut pty = spawn_cmd(shell, dir.path(), &mock, &[]);
    let before = match pty.expect(expectrl::Regex("BEFORE:(ON|OFF)")) {
        Ok(found) => String::from_utf8_lossy(found.get(0).unwrap()).into_owned(),
        Err(err) => panic!("no echo report: {err}"),
    };
    assert_eq!(before, "BEFORE:ON");
    expect(&mut pty, "API key");
    pty.send("half-typed").unwrap();
    pty.send("\x03").unwrap();
    expect(&mut pty, "exit=130");
    let state = match pty.expect(expectrl::Regex("AFTER:(ON|OFF)")) {
        Ok(found) => String::from_utf8_lossy(found.get(0).unwrap()).into_owned(),
        Err(err) => panic!("no echo report: {err}"),
    };
    assert_eq!(
        state, "AFTER:ON",
        "Ctrl-C at the hidden prompt left echo off"
    );
    let (code, _) = finish(pty);
    assert_eq!(code, 0);
    assert_eq!(mock.request_count(), 0);
}
