//! `lpwh sign` and `lpwh verify` end to end: every vector through the real binary, exit codes,
//! the hints people need, and every output format used the way a script would use it.

use crate::support::vectors;

use std::path::Path;

use crate::support::sandbox::Sandbox;
use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

/// `lpwh` in the sandbox, for assert_cmd's assertions.
fn lpwh(sb: &Sandbox) -> Command {
    Command::from_std(sb.lpwh(&[]))
}

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// `Name: value` lines, as `lpwh sign` prints them by default.
fn header_lines(headers: &[(String, String)]) -> String {
    headers.iter().map(|(k, v)| format!("{k}: {v}\n")).collect()
}

#[test]
fn sign_reproduces_every_accept_vector() {
    let sb = Sandbox::new();
    for v in vectors::load().accept {
        let body = sb.file("body", v.body.as_bytes());
        let mut cmd = lpwh(&sb);
        cmd.args(["sign", "--secret", &v.secret, "--scheme", &v.scheme])
            .args(["--body", arg(&body)]);
        // Give back the header's own t, in the header's own unit: the output must match exactly.
        if let Some(t) = header_t(&v) {
            cmd.args(["--timestamp", &t]);
        }
        if let Some(id) = v.headers.get("webhook-id").and_then(Value::as_str) {
            cmd.args(["--id", id]);
        }
        cmd.assert()
            .success()
            .stdout(header_lines(&v.signature_headers()));
    }
}

/// The timestamp text a vector's header carries, as written there.
fn header_t(v: &vectors::Vector) -> Option<String> {
    if let Some(ts) = v.headers.get("webhook-timestamp") {
        return ts.as_str().map(str::to_owned);
    }
    let sig = v
        .headers
        .values()
        .find_map(|h| h.as_str()?.strip_prefix("t="))?;
    Some(sig.split(',').next()?.to_owned())
}

fn verify_cmd(sb: &Sandbox, v: &vectors::Vector, tolerance_s: i64) -> Command {
    let body = sb.file("body", v.body.as_bytes());
    let mut cmd = lpwh(sb);
    cmd.args(["verify", "--secret", &v.secret, "--scheme", &v.scheme])
        .args(["--body", arg(&body)])
        .args(["--now", &v.now_ms.to_string()])
        .args(["--tolerance", &format!("{tolerance_s}s")]);
    for (name, value) in v.header_pairs() {
        cmd.args(["--header", &format!("{name}: {value}")]);
    }
    cmd
}

#[test]
fn verify_accepts_every_accept_vector() {
    let sb = Sandbox::new();
    let all = vectors::load();
    for v in &all.accept {
        verify_cmd(&sb, v, all.tolerance_seconds)
            .assert()
            .success()
            .stdout("")
            .stderr(predicate::str::contains("valid"));
    }
}

#[test]
fn verify_rejects_every_reject_vector_with_its_reason_and_a_hint() {
    let sb = Sandbox::new();
    let all = vectors::load();
    for v in &all.reject {
        let reason = v.expect_reason.as_deref().unwrap();
        let out = verify_cmd(&sb, v, all.tolerance_seconds).assert().code(1);
        let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
        assert!(stderr.contains(reason), "{}: {stderr}", v.name);
        assert!(stderr.contains("\nhint: "), "{}: {stderr}", v.name);
        assert!(!stderr.contains(&v.secret), "{}: secret leaked", v.name);
        assert!(out.get_output().stdout.is_empty());
    }
}

#[test]
fn verify_json_is_complete_for_passes_and_failures() {
    let sb = Sandbox::new();
    let all = vectors::load();
    for (v, valid) in all
        .accept
        .iter()
        .map(|v| (v, true))
        .chain(all.reject.iter().map(|v| (v, false)))
    {
        let mut cmd = verify_cmd(&sb, v, all.tolerance_seconds);
        cmd.arg("--json");
        let out = cmd.assert().code(if valid { 0 } else { 1 });
        let json: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
        let keys: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            ["valid", "reason", "hint", "timestamp", "age_ms", "scheme"]
        );
        assert_eq!(json["valid"], valid, "{}", v.name);
        assert_eq!(json["scheme"], v.scheme.as_str());
        let expected = v.expect_reason.as_deref().unwrap_or("ok");
        assert_eq!(json["reason"], expected, "{}", v.name);
        if let (true, Some(t)) = (valid, v.signed_at_ms()) {
            assert_eq!(json["timestamp"], t);
            assert_eq!(json["age_ms"], v.now_ms - t);
        }
    }
}

fn vector(name: &str) -> vectors::Vector {
    let all = vectors::load();
    all.accept
        .into_iter()
        .chain(all.reject)
        .find(|v| v.name == name)
        .unwrap()
}

#[test]
fn a_guide_form_signature_checked_as_livepeer_gets_the_docs_vs_real_hint() {
    let sb = Sandbox::new();
    let mut v = vector("livepeer-docs-stream-started");
    v.scheme = "livepeer".into();
    verify_cmd(&sb, &v, 300)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("bad_signature"))
        .stderr(predicate::str::contains(
            "signature matches the documented t.body form (seconds), but Studio signs the body alone",
        ))
        .stderr(predicate::str::contains("--scheme livepeer-docs"));
}

#[test]
fn usage_problems_exit_2_with_a_hint() {
    let sb = Sandbox::new();
    let v = vector("livepeer-stream-started");
    let body = sb.file("body", v.body.as_bytes());
    let header = format!(
        "Livepeer-Signature: {}",
        v.headers["Livepeer-Signature"].as_str().unwrap()
    );

    // No secret anywhere.
    lpwh(&sb)
        .args(["verify", "--header", &header, "--body", arg(&body)])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--secret"))
        .stderr(predicate::str::contains("LPWH_WEBHOOK_SECRET"));
    lpwh(&sb)
        .args(["sign", "--body", arg(&body)])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("LPWH_WEBHOOK_SECRET"));
    // A header without a colon, a tolerance that is not a duration, a missing body file.
    lpwh(&sb)
        .args([
            "verify",
            "--secret",
            "s",
            "--header",
            "no-colon",
            "--body",
            arg(&body),
        ])
        .assert()
        .code(2);
    lpwh(&sb)
        .args([
            "verify",
            "--secret",
            "s",
            "--header",
            &header,
            "--body",
            arg(&body),
        ])
        .args(["--tolerance", "soon"])
        .assert()
        .code(2);
    lpwh(&sb)
        .args([
            "verify",
            "--secret",
            "s",
            "--header",
            &header,
            "--body",
            "/nonexistent/body",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--body"));
    // FastPix and standard-webhooks secrets must be base64; the error never echoes the secret.
    for scheme in ["fastpix", "standard-webhooks"] {
        lpwh(&sb)
            .args([
                "sign",
                "--scheme",
                scheme,
                "--secret",
                "!!plainly-not-b64!!",
            ])
            .args(["--body", arg(&body)])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("base64"))
            .stderr(predicate::str::contains("plainly").not());
    }
}

#[test]
fn the_secret_comes_from_the_environment_and_never_shows() {
    let sb = Sandbox::new();
    let v = vector("livepeer-stream-started");
    let body = sb.file("body", v.body.as_bytes());
    let out = lpwh(&sb)
        .env("LPWH_WEBHOOK_SECRET", &v.secret)
        .args(["sign", "--body", arg(&body), "--format", "json"])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(!text.contains(&v.secret));
    let json: Value = serde_json::from_str(&text).unwrap();
    // Without --timestamp a livepeer body is signed at its own timestamp, as Studio does.
    assert_eq!(
        json["headers"]["Livepeer-Signature"],
        v.headers["Livepeer-Signature"]
    );
    lpwh(&sb)
        .env("LPWH_WEBHOOK_SECRET", "whatever")
        .args(["sign", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("LPWH_WEBHOOK_SECRET"))
        .stdout(predicate::str::contains("whatever").not());
}

#[test]
fn rotation_accepts_either_secret() {
    let sb = Sandbox::new();
    let v = vector("livepeer-stream-started");
    let mut cmd = verify_cmd(&sb, &v, 300);
    cmd.args(["--secret", "the-next-secret"]).assert().success();
    let mut wrong = v.clone();
    wrong.secret = "old".into();
    let mut cmd = verify_cmd(&sb, &wrong, 300);
    cmd.args(["--secret", "older"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("any of the 2 secrets"));
}

#[test]
fn an_event_sample_is_signed_at_its_own_timestamp_and_verifies() {
    let sb = Sandbox::new();
    let out = lpwh(&sb)
        .args([
            "sign",
            "--secret",
            "k",
            "--event",
            "stream.started",
            "--format",
            "json",
        ])
        .args(["--timestamp", "1763790000", "--set", "stream.name=ci-test"])
        .assert()
        .success();
    let json: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let body = json["body"].as_str().unwrap();
    let parsed: Value = serde_json::from_str(body).unwrap();
    // Seconds given, milliseconds written: the body's timestamp equals the header's t.
    assert_eq!(parsed["timestamp"], 1_763_790_000_000i64);
    assert_eq!(parsed["stream"]["name"], "ci-test");
    assert_eq!(json["timestamp"], 1_763_790_000_000i64);
    let header = json["headers"]["Livepeer-Signature"].as_str().unwrap();
    assert!(header.starts_with("t=1763790000000,v1="), "{header}");
    let path = sb.file("event.json", body.as_bytes());
    lpwh(&sb)
        .args([
            "verify",
            "--secret",
            "k",
            "--body",
            arg(&path),
            "--now",
            "1763790001",
        ])
        .args(["--header", &format!("Livepeer-Signature: {header}")])
        .assert()
        .success();
}

#[test]
fn the_http_format_is_a_request_a_server_can_read() {
    let sb = Sandbox::new();
    let v = vector("mux-video-asset-ready");
    let body = sb.file("body", v.body.as_bytes());
    let out = lpwh(&sb)
        .args([
            "sign",
            "--secret",
            &v.secret,
            "--scheme",
            "mux",
            "--body",
            arg(&body),
        ])
        .args(["--timestamp", &header_t(&v).unwrap(), "--format", "http"])
        .args(["--to", "http://127.0.0.1:8080/hooks/mux?x=1"])
        .assert()
        .success();
    let raw = out.get_output().stdout.clone();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let (head, rest) = (
        std::str::from_utf8(&raw[..split]).unwrap(),
        &raw[split + 4..],
    );
    assert_eq!(rest, v.body.as_bytes());
    let mut lines = head.split("\r\n");
    assert_eq!(lines.next(), Some("POST /hooks/mux?x=1 HTTP/1.1"));
    let headers: Vec<(String, String)> = lines
        .map(|l| {
            let (k, val) = l.split_once(": ").unwrap();
            (k.to_owned(), val.to_owned())
        })
        .collect();
    let get = |n: &str| {
        headers
            .iter()
            .find(|(k, _)| k == n)
            .map(|(_, v)| v.as_str())
    };
    assert_eq!(get("Host"), Some("127.0.0.1:8080"));
    assert_eq!(
        get("Content-Length"),
        Some(v.body.len().to_string().as_str())
    );
    assert_eq!(get("Mux-Signature"), v.headers["Mux-Signature"].as_str());
}

#[test]
#[cfg_attr(not(unix), ignore = "a /bin/sh script stands in for curl")]
fn the_curl_format_runs_and_sends_the_exact_body_and_headers() {
    // A body that stresses shell quoting: quotes, $, backticks, backslashes, newlines, '@' first.
    let body = "@{\"name\":\"it's $HOME `id` \\\\ \\n\",\n \"x\": \"%s %d\"}\n";
    let sb = Sandbox::new();
    let body_file = sb.file("body", body.as_bytes());
    // A stand-in curl on PATH records its arguments and stdin instead of sending anything.
    let bin = sb.dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let record = sb.dir.path().join("record");
    let script = format!(
        "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > '{r}.args'\ncat > '{r}.stdin'\n",
        r = record.display()
    );
    let fake = bin.join("curl");
    std::fs::write(&fake, script).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    }

    let out = lpwh(&sb)
        .args([
            "sign",
            "--secret",
            "k",
            "--body",
            arg(&body_file),
            "--format",
            "curl",
        ])
        .args([
            "--timestamp",
            "1763790000123",
            "--to",
            "http://127.0.0.1:3999/in",
        ])
        .assert()
        .success();
    let command = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    std::process::Command::new("sh")
        .arg("-c")
        .arg(&command)
        .env("PATH", path)
        .status()
        .unwrap()
        .success()
        .then_some(())
        .expect("the printed curl command runs");
    let sent = std::fs::read(format!("{}.stdin", record.display())).unwrap();
    assert_eq!(
        sent,
        body.as_bytes(),
        "curl received the body byte for byte"
    );
    let args = std::fs::read_to_string(format!("{}.args", record.display())).unwrap();
    let header = lpwh(&sb)
        .args(["sign", "--secret", "k", "--body", arg(&body_file)])
        .args(["--timestamp", "1763790000123"])
        .output()
        .unwrap()
        .stdout;
    let header = String::from_utf8(header).unwrap();
    assert!(args.lines().any(|l| l == header.trim_end()), "{args}");
    assert!(
        args.lines().any(|l| l == "http://127.0.0.1:3999/in"),
        "{args}"
    );
    assert!(args.lines().any(|l| l == "@-"), "{args}");
}

/// A body file ending in a newline signs differently from the same JSON without one: `sign`
/// says so, and says nothing when there is none.
#[test]
fn a_trailing_newline_in_the_body_is_pointed_out() {
    let sb = Sandbox::new();
    let with = sb.file("with.json", b"{\"event\":\"stream.started\"}\n");
    let without = sb.file("without.json", b"{\"event\":\"stream.started\"}");
    for (file, warned) in [(&with, true), (&without, false)] {
        let run = sb.run(&[
            "sign",
            "--secret",
            "s3cret",
            "--body",
            file.to_str().unwrap(),
        ]);
        run.assert_code(0);
        assert_eq!(
            run.stderr.contains("the body ends with a newline"),
            warned,
            "{}",
            run.stderr
        );
    }
}
