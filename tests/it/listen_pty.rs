//! `lpwh listen --public-url` on a real pseudo-terminal: leftovers of an earlier run are offered
//! for deletion with a prompt, and Ctrl-C typed at the terminal still deletes the temporary
//! webhook before lpwh exits with 130.

#![cfg(unix)]

use std::time::Duration;

use expectrl::process::unix::WaitStatus;
use expectrl::{Eof, Expect, Session};
use studio_mock::StudioMock;

#[test]
fn leftovers_are_offered_for_cleanup_and_ctrl_c_cleans_up() {
    let mock = StudioMock::start_blocking();
    let host = lpwh::listen::public_url::hostname();
    let leftover = mock.insert_webhook(serde_json::json!({
        "name": format!("lpwh-listen-{host}-1600000000"),
        "url": "https://old.example/",
        "events": ["stream.started"],
    }));
    let someone_elses = mock.insert_webhook(serde_json::json!({
        "name": "lpwh-listen-other-host-1600000000",
        "url": "https://old.example/",
        "events": ["stream.started"],
    }));

    let home = tempfile::tempdir().unwrap();
    let mut cmd = crate::support::sandbox::lpwh(home.path());
    // The pty is stdin, stdout and stderr: prompts are possible.
    cmd.stdin(std::process::Stdio::inherit())
        .stdout(std::process::Stdio::inherit())
        .stderr(std::process::Stdio::inherit());
    cmd.env("LIVEPEER_API_URL", mock.url())
        .env("LIVEPEER_API_KEY", mock.api_key())
        .env("TERM", "xterm-256color")
        .env_remove("CI")
        .args([
            "listen",
            "--port",
            "0",
            "--public-url",
            "https://tunnel.example/",
        ]);
    let mut pty = Session::spawn(cmd).expect("spawn lpwh in a pty");
    pty.set_expect_timeout(Some(Duration::from_secs(60)));
    pty.expect("Delete them?").expect("the leftover prompt");
    pty.send("y").unwrap();
    pty.send("\r").unwrap();
    pty.expect("ready").expect("listening after the prompt");
    assert!(
        mock.is_deleted(&leftover),
        "the confirmed leftover is deleted"
    );
    assert!(
        !mock.is_deleted(&someone_elses),
        "another host's webhook is left alone"
    );
    let temporary: Vec<String> = mock
        .webhooks()
        .iter()
        .filter(|w| {
            w["name"]
                .as_str()
                .is_some_and(|n| n.starts_with(&format!("lpwh-listen-{host}-")))
        })
        .map(|w| w["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(temporary.len(), 1);

    // Ctrl-C as typed at the terminal.
    pty.send("\x03").unwrap();
    let _ = pty.expect(Eof);
    let code = match pty.get_process().wait().unwrap() {
        WaitStatus::Exited(_, code) => code,
        other => panic!("lpwh did not exit normally: {other:?}"),
    };
    assert_eq!(code, 130);
    assert!(
        mock.is_deleted(&temporary[0]),
        "Ctrl-C deletes the temporary webhook"
    );
}
