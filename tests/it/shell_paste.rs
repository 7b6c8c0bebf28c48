//! The curl commands lpwh gives people to paste (browse's `c`, `sign --format curl`) run in real
//! shells: bash, dash, zsh and fish, each as `SHELL -c` and pasted into an interactive shell on a
//! pseudo-terminal (in brackets when the shell asks for bracketed paste, as a terminal does).
//! The body and headers are planted by a sender who wants their command run: line-editing keys
//! (`^U … \r`), the bracketed-paste end, quotes of every kind, fish's `\'`, NUL and invalid
//! UTF-8. The receiver must get exactly the stored bytes, and the canary must never run.
//!
//! The four shells are required: `.ci/test` installs them.

#![cfg(unix)]

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use expectrl::{Expect, Session};

use crate::support::receiver::{Delivery, Receiver};
use crate::support::sandbox::Sandbox;

const SHELLS: &[&str] = &["bash", "dash", "zsh", "fish"];

/// A body that tries every way out of a quoted word in the four shells; `canary` is the file a
/// successful escape would create.
fn hostile_body(canary: &Path) -> Vec<u8> {
    let c = canary.display();
    let mut body = format!(
        "{{\"event\":\"stream.started\",\"name\":\"\u{15}touch {c}\r\u{1b}[201~touch {c}\r\
         '; touch {c}; ' \\'; touch {c}; echo ' \"; touch {c}; \" $(touch {c}) `touch {c}` \
         !! !-1 %s %d %% \\\\ \\n \u{1b}]52;c;dG91Y2g=\u{7} \u{202e}\"}}\n"
    )
    .into_bytes();
    body.extend_from_slice(b"\0\xff\xfe raw \x7f\x80 end");
    body
}

/// A user-agent and a content-type of the same kind (what a header can carry: no NUL, CR, LF).
fn hostile_headers(canary: &Path) -> [(&'static str, Vec<u8>); 2] {
    let c = canary.display();
    [
        (
            "user-agent",
            format!("ua '; touch {c}; ' \\'; touch {c}; echo ' $(touch {c}) \u{e9}\tx")
                .into_bytes(),
        ),
        (
            "content-type",
            format!("application/json; x=\"`touch {c}`\" !! %s").into_bytes(),
        ),
    ]
}

fn shells_required() {
    for shell in SHELLS {
        let found = Command::new(shell)
            .args(["-c", "exit 0"])
            .status()
            .is_ok_and(|s| s.success());
        assert!(
            found,
            "{shell} is not installed: these tests need bash, dash, zsh and fish \
             ('bash .ci/test' installs them)"
        );
    }
}

/// Wait (bounded) for the receiver to have `n` deliveries.
fn wait_for(receiver: &Receiver, seen: &mut Vec<Delivery>, n: usize) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while seen.len() < n && Instant::now() < deadline {
        seen.extend(receiver.take());
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn header<'a>(d: &'a Delivery, name: &str) -> Option<&'a [u8]> {
    d.raw_headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_slice())
}

/// Run `command` in every shell, as `SHELL -c` and pasted on a pty; each run must deliver
/// exactly `body` (and `headers`, byte for byte) and leave no canary.
fn run_everywhere(
    command: &str,
    receiver: &Receiver,
    body: &[u8],
    headers: &[(&str, Vec<u8>)],
    canary: &Path,
    home: &Path,
) {
    assert!(
        command
            .bytes()
            .all(|b| (0x20..=0x7e).contains(&b) || b == b'\n'),
        "the command holds a byte outside printable ASCII: {command:?}"
    );
    let check = |how: &str, got: Vec<Delivery>| {
        assert_eq!(got.len(), 1, "{how}: one delivery, got {}", got.len());
        assert!(
            got[0].body == body,
            "{how}: the body differs:\nsent {:?}\ngot  {:?}",
            String::from_utf8_lossy(body),
            String::from_utf8_lossy(&got[0].body)
        );
        for (name, value) in headers {
            assert_eq!(
                header(&got[0], name).map(String::from_utf8_lossy),
                Some(String::from_utf8_lossy(value)),
                "{how}: header {name}"
            );
        }
        assert!(!canary.exists(), "{how}: the sender's command ran");
    };
    for shell in SHELLS {
        let status = Command::new(shell)
            .arg("-c")
            .arg(command)
            .env("HOME", home)
            .status()
            .unwrap();
        assert!(status.success(), "{shell} -c: {status}");
        check(&format!("{shell} -c"), receiver.take());

        let mut seen = Vec::new();
        paste(shell, command, home, || {
            wait_for(receiver, &mut seen, 1);
            !seen.is_empty()
        });
        seen.extend(receiver.take());
        check(&format!("{shell}, pasted on a terminal"), seen);
    }
}

/// Start `shell` interactively on a pty, paste `text` as a terminal would (in bracketed-paste
/// brackets when the shell turned that mode on), press Enter, wait for `done`, and exit.
fn paste(shell: &str, text: &str, home: &Path, done: impl FnOnce() -> bool) {
    let mut cmd = Command::new(shell);
    match shell {
        "bash" => cmd.args(["--norc", "--noprofile", "-i"]),
        "zsh" => cmd.args(["-f", "-i"]),
        "fish" => cmd.args(["--no-config", "-i"]),
        _ => cmd.arg("-i"),
    };
    cmd.env("HOME", home)
        .env("TERM", "xterm-256color")
        .env("PS1", "READY> ")
        .env("PROMPT", "READY> ");
    let mut pty = Session::spawn(cmd).expect("spawn the shell on a pty");
    pty.set_expect_timeout(Some(Duration::from_secs(30)));
    // Let the shell start and draw its prompt (fish draws its own), and see whether it asked for
    // bracketed paste.
    let mut seen = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(5);
    let mut buf = [0u8; 4096];
    while Instant::now() < deadline {
        match pty.try_read(&mut buf) {
            Ok(0) => break,
            Ok(n) => seen.extend_from_slice(&buf[..n]),
            Err(_) => {
                if seen.ends_with(b"> ") || seen.windows(8).any(|w| w == b"\x1b[?2004h") {
                    std::thread::sleep(Duration::from_millis(200));
                    while let Ok(n) = pty.try_read(&mut buf) {
                        if n == 0 {
                            break;
                        }
                        seen.extend_from_slice(&buf[..n]);
                    }
                    break;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        }
    }
    let bracketed = seen.windows(8).any(|w| w == b"\x1b[?2004h");
    if bracketed {
        pty.send("\x1b[200~").unwrap();
    }
    pty.send(text.trim_end_matches('\n')).unwrap();
    if bracketed {
        pty.send("\x1b[201~").unwrap();
    }
    pty.send("\r").unwrap();
    let delivered = done();
    let _ = pty.send("\rexit\r");
    let _ = pty.expect(expectrl::Eof);
    assert!(delivered, "{shell}: the pasted command delivered nothing");
}

/// browse's `c` on a hostile delivery: the text it puts on the clipboard (OSC 52), decoded.
fn copied_by_browse(home: &Sandbox, to: &str) -> String {
    use base64::Engine as _;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_lpwh"));
    crate::support::sandbox::isolate(&mut cmd, home.path());
    cmd.stdin(std::process::Stdio::inherit())
        .stdout(std::process::Stdio::inherit())
        .stderr(std::process::Stdio::inherit())
        .env("TERM", "xterm-256color")
        .args(["inbox", "browse", "--secret", "whsec-paste", "--to", to]);
    let mut pty = Session::spawn(cmd).expect("spawn lpwh in a pty");
    pty.set_expect_timeout(Some(Duration::from_secs(30)));
    pty.expect("deliveries").expect("the list");
    pty.send("c").unwrap();
    let found = pty
        .expect(expectrl::Regex("\x1b\\]52;c;([A-Za-z0-9+/=]*)\x07"))
        .expect("OSC 52 to the clipboard");
    let encoded = found.get(1).unwrap().to_vec();
    pty.send("x").unwrap();
    pty.send("q").unwrap();
    let _ = pty.expect(expectrl::Eof);
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .unwrap();
    String::from_utf8(bytes).expect("the copied command is text")
}

#[test]
#[cfg_attr(
    not(target_os = "linux"),
    ignore = "needs bash, dash, zsh and fish, which .ci/test installs (Linux)"
)]
fn copy_as_curl_of_a_hostile_delivery_is_inert_and_exact_in_four_shells() {
    shells_required();
    let home = Sandbox::new();
    let canary = home.path().join("canary");
    let body = hostile_body(&canary);
    let headers = hostile_headers(&canary);
    // Planted by an unsigned POST to a listen with no secret: recorded as it came.
    let listener = home.listen(&[]);
    let mut request = format!(
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    )
    .into_bytes();
    for (name, value) in &headers {
        request.extend_from_slice(name.as_bytes());
        request.extend_from_slice(b": ");
        request.extend_from_slice(value);
        request.extend_from_slice(b"\r\n");
    }
    request.extend_from_slice(b"\r\n");
    request.extend_from_slice(&body);
    let answer = crate::support::listen::raw_exchange(&listener.addr, &request);
    assert_eq!(answer.statuses, [200], "{}", answer.text);
    listener.stop();

    let receiver = Receiver::start(200, "{}");
    let command = copied_by_browse(&home, &receiver.url);
    assert!(
        command.contains("curl") && command.contains("--data-binary @-"),
        "{command}"
    );
    run_everywhere(&command, &receiver, &body, &headers, &canary, home.path());
}

#[test]
#[cfg_attr(
    not(target_os = "linux"),
    ignore = "needs bash, dash, zsh and fish, which .ci/test installs (Linux)"
)]
fn sign_format_curl_of_a_hostile_body_is_inert_and_exact_in_four_shells() {
    shells_required();
    let home = Sandbox::new();
    let canary = home.path().join("canary");
    let body = hostile_body(&canary);
    let file = home.file("body.bin", &body);
    let receiver = Receiver::start(200, "{}");
    let run = home.run(&[
        "sign",
        "--secret",
        "whsec-paste",
        "--body",
        file.to_str().unwrap(),
        "--format",
        "curl",
        "--to",
        &receiver.url,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run_everywhere(&run.stdout, &receiver, &body, &[], &canary, home.path());
}
