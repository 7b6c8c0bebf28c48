//! What hostile text does to a real terminal: lpwh run on a pseudo-terminal of 80 columns
//! (ptyprocess's size) with colour on, fed API data and deliveries full of escape sequences,
//! bells and bidi controls.

#![cfg(unix)]

use std::time::Duration;

use expectrl::process::unix::WaitStatus;
use expectrl::{Eof, Expect, Session};
use studio_mock::StudioMock;

/// Title change, BEL, OSC 52 clipboard write, screen clear, C1 CSI, and bidi and zero-width
/// characters.
const HOSTILE: &str = "evil\u{1b}]0;pwned\u{7}\u{1b}]52;c;cHduZWQ=\u{7}\u{1b}[2J\u{9b}31m\
                       \u{202e}gnp.exe\u{200f}\u{61c}\u{200e}\u{200b}\u{2067}x";

/// `program`, sandboxed in `home`, for a pty: the pty is its stdin, stdout and stderr, and the
/// terminal is an xterm.
fn on_pty(home: &std::path::Path, program: &str) -> std::process::Command {
    let mut cmd = std::process::Command::new(program);
    crate::support::sandbox::isolate(&mut cmd, home);
    cmd.stdin(std::process::Stdio::inherit())
        .stdout(std::process::Stdio::inherit())
        .stderr(std::process::Stdio::inherit())
        .env("TERM", "xterm-256color");
    cmd
}

/// `lpwh ARGS` in a fresh pty (80×24) with colour left to lpwh; everything it wrote, and its
/// exit code.
fn on_a_terminal(home: &std::path::Path, env: &[(&str, &str)], args: &[&str]) -> (Vec<u8>, i32) {
    let mut cmd = on_pty(home, env!("CARGO_BIN_EXE_lpwh"));
    cmd.env_remove("NO_COLOR").env_remove("CI").args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut pty = Session::spawn(cmd).expect("spawn lpwh in a pty");
    pty.set_expect_timeout(Some(Duration::from_secs(60)));
    let written = pty.expect(Eof).expect("lpwh ends").as_bytes().to_vec();
    let code = match pty.get_process().wait().unwrap() {
        WaitStatus::Exited(_, code) => code,
        other => panic!("lpwh did not exit normally: {other:?}"),
    };
    (written, code)
}

/// Every ESC starts a whole SGR colour sequence (`ESC [ digits/; m`); nothing else that a
/// terminal acts on (BEL, C1, OSC, bidi or zero-width characters) is there at all.
fn assert_harmless(written: &[u8]) {
    let text = String::from_utf8_lossy(written);
    for (i, c) in text.char_indices() {
        let bad = match c {
            '\u{1b}' => {
                let rest = &text[i + 1..];
                let sgr = rest.strip_prefix('[').and_then(|p| {
                    let end = p.find(|c: char| !(c.is_ascii_digit() || c == ';'))?;
                    p[end..].starts_with('m').then_some(())
                });
                sgr.is_none()
            }
            '\n' | '\r' | '\t' => false,
            c => lpwh::sanitize::hides_or_controls(c),
        };
        assert!(
            !bad,
            "{c:?} reached the terminal at byte {i}:\n{}",
            text.escape_debug()
        );
    }
}

#[test]
fn hostile_api_data_reaches_an_80_column_terminal_escaped_and_colours_stay_whole() {
    let mock = StudioMock::start_blocking();
    for n in 0..3 {
        mock.insert_webhook(serde_json::json!({
            "name": format!("{HOSTILE}-{n}"),
            "url": format!("https://example.com/{HOSTILE}/a/long/path/that/wraps/in/eighty/columns"),
            "events": ["stream.started", "asset.ready", "task.failed"],
            // Shown red in LAST FAILURE: a coloured cell in a narrow column.
            "status": {"lastFailure": {"timestamp": 1_600_000_000_000_i64, "statusCode": 500,
                                       "error": HOSTILE}},
        }));
    }
    let home = tempfile::tempdir().unwrap();
    let api = [
        ("LIVEPEER_API_URL", mock.url()),
        ("LIVEPEER_API_KEY", mock.api_key().to_owned()),
    ];
    let api: Vec<(&str, &str)> = api.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (written, code) = on_a_terminal(home.path(), &api, &["list"]);
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&written));
    let text = String::from_utf8_lossy(&written);
    assert!(text.contains("\u{1b}[31m"), "colour was on:\n{text}");
    assert!(
        text.contains("evil\\u{1b}"),
        "the names are shown, escaped:\n{text}"
    );
    assert_harmless(&written);

    // --json: still valid JSON holding the same names, with C1, bidi and zero-width
    // characters written as \uXXXX escapes rather than raw.
    let (written, code) = on_a_terminal(home.path(), &api, &["--json", "list"]);
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&written));
    assert_harmless(&written);
    let text = String::from_utf8_lossy(&written).replace("\r\n", "\n");
    assert!(
        text.contains(r"\u202e") && text.contains(r"\u009b"),
        "{text}"
    );
    let listed: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    assert!(
        listed[0]["name"].as_str().unwrap().starts_with(HOSTILE),
        "{listed}"
    );
}

#[test]
fn inbox_show_raw_refuses_a_terminal_unless_forced() {
    let home = crate::support::sandbox::Sandbox::new();
    let listener = home.listen(&[]);
    let body = format!(r#"{{"event":"stream.started","note":"{HOSTILE}"}}"#).into_bytes();
    assert_eq!(crate::support::inbox::send(&listener.addr, &[], &body), 200);
    listener.stop();
    let data = home.data_dir();
    let data = [("LPWH_DATA_DIR", data.to_str().unwrap())];

    // Shown for people: escaped, colours whole.
    let (written, code) = on_a_terminal(home.dir.path(), &data, &["inbox", "show", "1"]);
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&written));
    assert_harmless(&written);

    // --raw to a terminal: refused, and none of the bytes written.
    let (written, code) = on_a_terminal(home.dir.path(), &data, &["inbox", "show", "1", "--raw"]);
    let text = String::from_utf8_lossy(&written);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("--force"), "{text}");
    assert!(!text.contains("pwned"), "{text}");

    // --force: the exact bytes, as asked.
    let (written, code) = on_a_terminal(
        home.dir.path(),
        &data,
        &["inbox", "show", "1", "--raw", "--force"],
    );
    assert_eq!(code, 0);
    assert!(
        String::from_utf8_lossy(&written).contains("]0;pwned"),
        "{}",
        String::from_utf8_lossy(&written)
    );
}

/// `lpwh inbox browse` on a real terminal: the newest first, move, open details, filter by
/// verdict, quit; and the terminal is handed back as it was (echo and line editing on).
#[test]
fn inbox_browse_navigates_filters_and_gives_the_terminal_back() {
    let home = crate::support::sandbox::Sandbox::new();
    let listener = home.listen(&[]);
    for event in ["stream.started", "asset.ready", "task.failed"] {
        let body = format!(r#"{{"event":"{event}","id":"{event}-1"}}"#).into_bytes();
        assert_eq!(crate::support::inbox::send(&listener.addr, &[], &body), 200);
    }
    listener.stop();
    // Without a terminal it refuses, clearly.
    let piped = home.run(&["inbox", "browse"]);
    piped.assert_code(2);
    assert!(
        piped.stderr.contains("needs a terminal"),
        "{}",
        piped.stderr
    );

    let mut cmd = on_pty(home.path(), "bash");
    cmd.args([
        "-c",
        "stty echo icanon; \"$0\" inbox browse; echo \"exit=$?\"; stty -a",
        env!("CARGO_BIN_EXE_lpwh"),
    ]);
    let mut pty = Session::spawn(cmd).expect("spawn in a pty");
    pty.set_expect_timeout(Some(Duration::from_secs(30)));
    // ratatui moves the cursor over blanks, so words are matched one at a time.
    pty.expect("deliveries").expect("the list");
    pty.expect("task.failed").expect("the newest row");
    pty.send("j").unwrap();
    pty.send("\r").unwrap();
    // The second newest (id 2) is open: its title, then its headers.
    pty.expect(expectrl::Regex(r"delivery(\x1b\[[0-9;]+H| )2"))
        .expect("the details of the second newest delivery");
    pty.expect("Headers").expect("its headers");
    // Enter closes the details again.
    pty.send("\r").unwrap();
    // v: the verdict filter. `ok` first: nothing matches a run without a secret...
    pty.send("v").unwrap();
    pty.expect("match.")
        .expect("an empty list under verdict ok (No deliveries match.)");
    // ...then on through the reason words to `unsigned`, and the rows are back.
    for _ in 0..6 {
        pty.send("v").unwrap();
    }
    pty.expect("task.failed")
        .expect("the rows under verdict unsigned");
    pty.send("q").unwrap();
    pty.expect("exit=0").expect("quit, exit 0");
    let after = pty.expect(Eof).expect("stty's report");
    let settings = String::from_utf8_lossy(after.as_bytes()).to_string();
    assert!(
        settings.contains(" echo ") || settings.contains(" echo\r") || settings.contains(";echo"),
        "echo is back on:\n{settings}"
    );
    assert!(!settings.contains("-echo "), "echo left off:\n{settings}");
    assert!(
        !settings.contains("-icanon"),
        "line editing left off:\n{settings}"
    );
}

/// `r` in `inbox browse` replays the selected delivery re-signed (as `inbox replay` does) to a
/// URL asked for once, and a receiver verifies it; `c` puts a curl command on the clipboard
/// (OSC 52) and on screen.
#[test]
fn inbox_browse_replays_re_signed_and_copies_as_curl() {
    use crate::support::listen::{SECRET, Target, livepeer_header, now_ms};
    let home = crate::support::sandbox::Sandbox::new();
    let listener = home.listen(&["--secret", SECRET]);
    let (body, header) = crate::support::inbox::signed("asset.ready", "evt-replay-1");
    assert_eq!(
        crate::support::inbox::send(&listener.addr, &[header], &body),
        200
    );
    listener.stop();
    let target = Target::start(200, "/hook");

    let mut cmd = on_pty(home.path(), env!("CARGO_BIN_EXE_lpwh"));
    cmd.args(["inbox", "browse", "--secret", SECRET]);
    let mut pty = Session::spawn(cmd).expect("spawn in a pty");
    pty.set_expect_timeout(Some(Duration::from_secs(30)));
    pty.expect("asset.ready").expect("the list");
    pty.send("r").unwrap();
    pty.expect("URL:").expect("asked for the target");
    pty.send(&target.url).unwrap();
    pty.send("\r").unwrap();
    pty.expect("replayed,").expect("the outcome in the footer");
    let received = target.received();
    assert_eq!(received.len(), 1);
    let got = &received[0];
    // Re-signed over the body as sent, with a fresh t equal to the body's timestamp.
    let sig = got.header("livepeer-signature").expect("signed");
    let t: i64 = sig
        .split(',')
        .find_map(|kv| kv.strip_prefix("t="))
        .unwrap()
        .parse()
        .unwrap();
    assert!((now_ms() - t).abs() < 60_000, "a fresh timestamp");
    assert_eq!(
        format!("Livepeer-Signature: {sig}"),
        format!(
            "Livepeer-Signature: {}",
            livepeer_header(SECRET, t, &got.body)
        )
    );
    let sent: serde_json::Value = serde_json::from_slice(&got.body).unwrap();
    assert_eq!(sent["timestamp"], t);
    assert_eq!(sent["id"], "evt-replay-1");

    pty.send("c").unwrap();
    pty.expect("\u{1b}]52;c;").expect("OSC 52 to the clipboard");
    pty.expect("printf").expect("the command on screen");
    pty.send("x").unwrap();
    pty.send("q").unwrap();
    let _ = pty.expect(Eof);
}

/// `e` in `inbox browse`: the body opens in $EDITOR (here a script that changes one field), the
/// edit is sent re-signed (a receiver verifies it), and the inbox keeps it as a new delivery
/// marked as an edit of the original.
#[test]
fn inbox_browse_edits_re_signs_and_records_the_edit() {
    use crate::support::listen::{SECRET, Target, livepeer_header};
    use std::os::unix::fs::PermissionsExt as _;
    let home = crate::support::sandbox::Sandbox::new();
    let listener = home.listen(&["--secret", SECRET]);
    let (body, header) = crate::support::inbox::signed("asset.ready", "evt-edit-1");
    assert_eq!(
        crate::support::inbox::send(&listener.addr, &[header], &body),
        200
    );
    listener.stop();
    let target = Target::start(200, "/hook");
    // The first edit adds a field; editing that edit again leaves a body that is not JSON.
    let editor = home.file(
        "editor.sh",
        b"#!/bin/sh\nif grep -q lpwh-edited \"$1\"; then printf 'not json {' > \"$1\"; \
          else sed -i 's/\"asset.ready\"/\"asset.ready\",\"note\":\"lpwh-edited\"/' \"$1\"; fi\n",
    );
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();

    let mut cmd = on_pty(home.path(), env!("CARGO_BIN_EXE_lpwh"));
    cmd.env("EDITOR", &editor)
        .args(["inbox", "browse", "--secret", SECRET, "--to", &target.url]);
    let mut pty = Session::spawn(cmd).expect("spawn in a pty");
    pty.set_expect_timeout(Some(Duration::from_secs(30)));
    pty.expect("asset.ready").expect("the list");
    pty.send("e").unwrap();
    pty.expect("recorded").expect("the edit sent and recorded");
    pty.send("e").unwrap();
    pty.expect(expectrl::Regex(
        "edit(\x1b\\[[0-9;]+H| )of(\x1b\\[[0-9;]+H| )2",
    ))
    .expect("the second edit sent and recorded");
    pty.send("q").unwrap();
    let _ = pty.expect(Eof);

    let broken: serde_json::Value =
        serde_json::from_str(&home.ok(&["--json", "inbox", "show", "3"])).unwrap();
    assert_eq!(broken["edit_of"], 2);
    assert_eq!(
        broken["verdict"], "not_json",
        "as listen would judge it, not ok"
    );

    let received = target.received();
    assert_eq!(received.len(), 2);
    let got = &received[0];
    let sent: serde_json::Value = serde_json::from_slice(&got.body).unwrap();
    assert_eq!(sent["note"], "lpwh-edited", "the field the editor added");
    // An edit is a new event: a fresh event id, not the original's.
    let new_id = sent["id"].as_str().unwrap().to_owned();
    assert_ne!(new_id, "evt-edit-1");
    assert!(uuid::Uuid::parse_str(&new_id).is_ok(), "{new_id}");
    let t = sent["timestamp"].as_i64().unwrap();
    assert_eq!(
        got.header("livepeer-signature").unwrap(),
        livepeer_header(SECRET, t, &got.body),
        "re-signed over the edited bytes, t fresh and equal to the body's timestamp"
    );
    let edit: serde_json::Value =
        serde_json::from_str(&home.ok(&["--json", "inbox", "show", "2"])).unwrap();
    assert_eq!(edit["edit_of"], 1);
    assert_eq!(edit["event_id"], new_id.as_str());
    assert_eq!(edit["forward"][0]["status"], 200);
    let original: serde_json::Value =
        serde_json::from_str(&home.ok(&["--json", "inbox", "show", "1"])).unwrap();
    assert_eq!(original["edit_of"], serde_json::Value::Null);
    assert_eq!(
        original["event_id"], "evt-edit-1",
        "the original is kept as it was"
    );
}

/// `lpwh listen --ui`: the same view, following what the listener records as it arrives; q
/// stops listening (exit 0) and gives the terminal back. Without a terminal: exit 2.
#[test]
fn listen_ui_shows_deliveries_as_they_arrive() {
    use crate::support::listen::{SECRET, signed_post};
    let home = crate::support::sandbox::Sandbox::new();
    let piped = home.run(&["listen", "--port", "0", "--ui"]);
    piped.assert_code(2);
    assert!(
        piped.stderr.contains("--ui needs a terminal"),
        "{}",
        piped.stderr
    );

    let mut cmd = on_pty(home.path(), "bash");
    cmd.args([
        "-c",
        "\"$0\" listen --port 0 --ui --secret \"$1\"; echo \"exit=$?\"",
        env!("CARGO_BIN_EXE_lpwh"),
        SECRET,
    ]);
    let mut pty = Session::spawn(cmd).expect("spawn in a pty");
    pty.set_expect_timeout(Some(Duration::from_secs(30)));
    let found = pty
        .expect(expectrl::Regex(r"listening on http://127\.0\.0\.1:(\d+)"))
        .expect("the address, printed before the view");
    let port = String::from_utf8_lossy(found.get(1).unwrap()).to_string();
    pty.expect("deliveries").expect("the view");
    let raw = crate::support::listen::raw_exchange(
        &format!("127.0.0.1:{port}"),
        &signed_post("/", "task.completed"),
    );
    assert_eq!(raw.statuses, [200], "{}", raw.text);
    pty.expect("task.completed").expect("the delivery, live");
    pty.send("q").unwrap();
    pty.expect("exit=0")
        .expect("quitting the view stops listen, exit 0");
}

/// browse on an 8 MiB body (what `listen --max-body 8MiB` takes): the list draws, the details
/// open and draw, and `q` is read and quits. Generous timeouts: the speed is measured in
/// `benches/browse_large_body.rs`, not here.
#[test]
fn inbox_browse_draws_an_8_mib_body_and_quits_on_q() {
    let home = crate::support::sandbox::Sandbox::new();
    let listener = home.listen(&["--max-body", "9MiB"]);
    let mut body = String::from("{\"event\":\"asset.ready\",\"blob\":\"");
    body.push_str(&"x".repeat(8 << 20));
    body.push_str("\",\"tail\":\"end-of-body\"}");
    assert_eq!(
        crate::support::inbox::send(&listener.addr, &[], body.as_bytes()),
        200
    );
    listener.stop();

    let mut cmd = on_pty(home.path(), env!("CARGO_BIN_EXE_lpwh"));
    cmd.args(["inbox", "browse"]);
    let mut pty = Session::spawn(cmd).expect("spawn in a pty");
    pty.set_expect_timeout(Some(Duration::from_secs(60)));
    pty.expect("asset.ready").expect("the list");
    pty.send("\r").unwrap();
    pty.expect(expectrl::Regex(r"delivery(\x1b\[[0-9;]+H| )1"))
        .expect("the details of the 8 MiB delivery");
    // Headers first; a page down, the body.
    pty.send(" ").unwrap();
    pty.expect("xxxxxxxx").expect("its body on screen");
    pty.send("q").unwrap();
    pty.expect(Eof).expect("q quits");
    match pty.get_process().wait().unwrap() {
        WaitStatus::Exited(_, code) => assert_eq!(code, 0),
        other => panic!("browse did not exit normally: {other:?}"),
    }
}

/// A signal that ends browse (SIGTERM, SIGHUP) first gives the terminal back: echo and line
/// editing are on again, the alternate screen is left, and the exit is the signal's.
#[test]
fn inbox_browse_gives_the_terminal_back_on_sigterm_and_sighup() {
    let home = crate::support::sandbox::Sandbox::new();
    let listener = home.listen(&[]);
    let body = br#"{"event":"stream.started","id":"sig-1"}"#;
    assert_eq!(crate::support::inbox::send(&listener.addr, &[], body), 200);
    listener.stop();
    for (signal, code) in [("TERM", 143), ("HUP", 129)] {
        let mut cmd = on_pty(home.path(), "bash");
        cmd.args([
            "-c",
            // In the background (its pid for kill), with the terminal as its stdin.
            "stty echo icanon; \"$0\" inbox browse </dev/tty & pid=$!; echo \"pid=$pid.\"; \
             wait $pid; echo \"exit=$?\"; stty -a",
            env!("CARGO_BIN_EXE_lpwh"),
        ]);
        let mut pty = Session::spawn(cmd).expect("spawn in a pty");
        pty.set_expect_timeout(Some(Duration::from_secs(30)));
        let found = pty
            .expect(expectrl::Regex(r"pid=(\d+)\."))
            .expect("browse's pid");
        let pid = String::from_utf8_lossy(found.get(1).unwrap()).to_string();
        pty.expect("stream.started").expect("the list");
        let sent = std::process::Command::new("kill")
            .args([format!("-{signal}"), pid])
            .status()
            .unwrap();
        assert!(sent.success());
        let ended = pty
            .expect(expectrl::Regex(r"exit=(\d+)"))
            .expect("browse ended");
        let exit = String::from_utf8_lossy(ended.get(1).unwrap()).to_string();
        let before = String::from_utf8_lossy(ended.before()).to_string();
        assert_eq!(exit, code.to_string(), "SIG{signal}: ended by the signal");
        assert!(
            before.contains("\u{1b}[?1049l"),
            "SIG{signal}: the alternate screen is left"
        );
        let after = pty.expect(Eof).expect("stty's report");
        let settings = String::from_utf8_lossy(after.as_bytes()).to_string();
        assert!(
            !settings.contains("-echo "),
            "SIG{signal}: echo left off:\n{settings}"
        );
        assert!(
            !settings.contains("-icanon"),
            "SIG{signal}: line editing left off:\n{settings}"
        );
    }
}

/// An edit replayed to `listen` is a new event: `e` gives it a fresh event id, so the listener
/// records it as a new verified delivery, not a duplicate. `E` keeps the id, and the listener
/// says duplicate, which browse shows as the listener answered it.
#[test]
fn an_edit_replayed_to_listen_is_a_new_event_and_keeping_the_id_is_a_duplicate() {
    use crate::support::listen::SECRET;
    use std::os::unix::fs::PermissionsExt as _;
    let home = crate::support::sandbox::Sandbox::new();
    let listener = home.listen(&["--secret", SECRET]);
    let (body, header) = crate::support::inbox::signed("asset.ready", "evt-original-1");
    assert_eq!(
        crate::support::inbox::send(&listener.addr, &[header], &body),
        200
    );
    listener.stop();
    // The receiver: another listen, verifying with the same secret, recording in its own inbox.
    let target_home = crate::support::sandbox::Sandbox::new();
    let target = target_home.listen(&["--secret", SECRET]);
    let editor = home.file(
        "editor.sh",
        b"#!/bin/sh\nsed -i 's/\"asset.ready\"/\"asset.ready\",\"edited\":'$(date +%s%N)'/' \"$1\"\n",
    );
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();

    let mut cmd = on_pty(home.path(), env!("CARGO_BIN_EXE_lpwh"));
    cmd.env("EDITOR", &editor).args([
        "inbox",
        "browse",
        "--secret",
        SECRET,
        "--to",
        &format!("{}/hook", target.url),
    ]);
    let mut pty = Session::spawn(cmd).expect("spawn in a pty");
    pty.set_expect_timeout(Some(Duration::from_secs(30)));
    pty.expect("asset.ready").expect("the list");
    pty.send("e").unwrap();
    pty.expect("recorded").expect("the edit sent and recorded");
    // The edit is now the newest row, selected: E sends it again keeping its id.
    pty.send("E").unwrap();
    pty.expect("duplicate")
        .expect("the listener's own answer: a duplicate");
    pty.send("q").unwrap();
    let _ = pty.expect(Eof);
    target.stop();

    let rows = target_home.list(&[]);
    assert_eq!(rows.len(), 2, "{rows:#?}");
    // Newest first: the kept-id resend, then the edit.
    assert_eq!(
        rows[1]["verdict"], "ok",
        "the edit is a new verified delivery"
    );
    assert_ne!(rows[1]["event_id"], "evt-original-1");
    assert!(uuid::Uuid::parse_str(rows[1]["event_id"].as_str().unwrap()).is_ok());
    assert_eq!(rows[0]["verdict"], "duplicate");
    assert_eq!(rows[0]["event_id"], rows[1]["event_id"]);
}
