//! `lpwh check URL` against real receivers on 127.0.0.1:0: `lpwh listen` itself (every case
//! passes), and receivers written the ways people get it wrong (`receivers/receiver.js`, Node):
//! the Studio guide's verifier, one that accepts everything, one that answers 500 to forgeries,
//! one that takes 6 s.

use crate::support::listen::{Listener, SECRET};
use crate::support::node::NodeReceiver;
use crate::support::sandbox::{Run, lpwh};

/// A Node receiver in `mode`, verifying with the tests' secret.
fn receiver(mode: &str) -> NodeReceiver {
    NodeReceiver::start(mode, SECRET)
}

fn check(url: &str, extra: &[&str]) -> Run {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = lpwh(home.path());
    cmd.args(["--json", "check", url, "--secret", SECRET])
        .args(extra);
    Run::of(&mut cmd)
}

/// The grade of each case in a `--json` report.
fn grades(run: &Run) -> Vec<(String, String)> {
    run.json()["cases"]
        .as_array()
        .unwrap_or_else(|| panic!("no cases in {}", run.stdout))
        .iter()
        .map(|c| {
            (
                c["case"].as_str().unwrap().to_owned(),
                c["grade"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn grade_of(run: &Run, case: &str) -> String {
    grades(run)
        .into_iter()
        .find(|(c, _)| c == case)
        .unwrap_or_else(|| panic!("no {case} in {}", run.stdout))
        .1
}

#[test]
fn lpwh_listen_passes_every_case() {
    let listener = Listener::start(&["--secret", SECRET, "--no-record"]);
    let run = check(&format!("{}/hooks", listener.url), &[]);
    run.assert_code(0);
    let grades = grades(&run);
    assert_eq!(grades.len(), 19, "{grades:?}");
    for (case, grade) in &grades {
        assert_eq!(grade, "pass", "{case}: {}", run.stdout);
    }
    assert_eq!(
        run.json()["summary"],
        serde_json::json!({"passed": 19, "warnings": 0, "failed": 0, "skipped": 0})
    );
    // Each answer names what was sent as the delivery JSON does; ids are UUIDs, as Studio's.
    let first = &run.json()["cases"][0]["answers"][0];
    assert_eq!(first["event"], "stream.started");
    let id = first["event_id"].as_str().unwrap();
    assert!(uuid::Uuid::parse_str(id).is_ok(), "{first}");
    assert_eq!(first["status"], 200);
}

#[test]
fn the_guides_verifier_fails_valid_and_documented_scheme_with_the_guide_message() {
    let guide = receiver("guide");
    let run = check(&guide.url, &[]);
    run.assert_code(1);
    assert_eq!(grade_of(&run, "valid"), "fail");
    assert_eq!(grade_of(&run, "documented-scheme"), "fail");
    // It refuses real deliveries, so the other cases would only repeat that: skipped, saying so.
    assert_eq!(grade_of(&run, "bad-signature"), "skipped");
    assert_eq!(grade_of(&run, "burst"), "skipped");
    assert_eq!(grade_of(&run, "latency"), "pass");
    assert_eq!(run.json()["summary"]["skipped"], 13);
    let why = run.json()["cases"][1]["why"].as_str().unwrap().to_owned();
    assert!(why.contains("follows the Studio guide"), "{why}");
    assert!(why.contains("every real Studio delivery"), "{why}");
}

#[test]
fn a_receiver_that_accepts_everything_fails_the_forgery_cases() {
    let open = receiver("accept-all");
    let run = check(&open.url, &[]);
    run.assert_code(1);
    for case in [
        "bad-signature",
        "tampered-body",
        "missing-signature",
        "malformed-signature",
    ] {
        assert_eq!(grade_of(&run, case), "fail", "{case}");
    }
    for case in ["stale", "timestamp-mismatch", "not-json"] {
        assert_eq!(grade_of(&run, case), "warn", "{case}");
    }
    assert_eq!(grade_of(&run, "valid"), "pass");
    // The human table says so too.
    let home = tempfile::tempdir().unwrap();
    let table = Run::of(lpwh(home.path()).args([
        "check",
        &open.url,
        "--secret",
        SECRET,
        "--only",
        "bad-signature",
    ]));
    table.assert_code(1);
    assert!(
        table.stdout.contains("✗ fail") && table.stdout.contains("accepts forged deliveries"),
        "{}",
        table.stdout
    );
    assert!(
        table
            .stdout
            .contains("0 passed, 0 warnings, 1 failed, 0 skipped"),
        "{}",
        table.stdout
    );
}

#[test]
fn five_hundred_on_a_bad_signature_warns_and_strict_fails_on_it() {
    let receiver = receiver("five-hundred");
    let cases = "valid,bad-signature,tampered-body,missing-signature";
    let run = check(&receiver.url, &["--only", cases]);
    run.assert_code(0);
    assert_eq!(grade_of(&run, "valid"), "pass");
    for case in ["bad-signature", "tampered-body", "missing-signature"] {
        assert_eq!(grade_of(&run, case), "warn", "{case}");
    }
    let strict = check(&receiver.url, &["--only", cases, "--strict"]);
    strict.assert_code(1);
    // A 5xx on a malformed header is a finding, each variant named.
    let malformed = check(&receiver.url, &["--only", "malformed-signature"]);
    malformed.assert_code(1);
    assert_eq!(grade_of(&malformed, "malformed-signature"), "fail");
    let why = malformed.json()["cases"][0]["why"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        why.contains("bad t, missing v1, repeated key, empty values, no pairs"),
        "{why}"
    );
}

#[test]
fn a_slow_receiver_makes_latency_warn() {
    let receiver = receiver("slow");
    let run = check(
        &receiver.url,
        &["--only", "valid,latency", "--events", "stream.started"],
    );
    run.assert_code(0);
    assert_eq!(grade_of(&run, "latency"), "warn");
    let happened = run.json()["cases"][1]["happened"]
        .as_str()
        .unwrap()
        .to_owned();
    // The reachability check sends nothing: only `valid`'s delivery is timed.
    assert!(
        happened.contains("slowest of 1 valid deliveries"),
        "{happened}"
    );
}

#[test]
fn junit_is_valid_xml_with_one_testcase_per_case() {
    let receiver = receiver("accept-all");
    let dir = tempfile::tempdir().unwrap();
    let junit = dir.path().join("check.xml");
    let run = check(
        &receiver.url,
        &["--junit", junit.to_str().unwrap(), "--scheme", "livepeer"],
    );
    run.assert_code(1);
    let xml = std::fs::read_to_string(&junit).unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let cases: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 19);
    let names: Vec<&str> = cases.iter().map(|c| c.attribute("name").unwrap()).collect();
    assert_eq!(names, lpwh::check::CASES);
    let failed: Vec<&str> = cases
        .iter()
        .filter(|c| c.children().any(|k| k.has_tag_name("failure")))
        .map(|c| c.attribute("name").unwrap())
        .collect();
    let expected: Vec<String> = grades(&run)
        .into_iter()
        .filter(|(_, g)| g == "fail")
        .map(|(c, _)| c)
        .collect();
    assert_eq!(failed, expected);
}

#[test]
fn schemes_skip_what_they_cannot_check_and_bad_input_is_clear() {
    let receiver = receiver("accept-all");
    let home = tempfile::tempdir().unwrap();
    let run = Run::of(lpwh(home.path()).args([
        "--json",
        "check",
        &receiver.url,
        "--scheme",
        "fastpix",
        "--secret",
        "ZGVtby1zZWNyZXQ=",
        "--only",
        "stale,timestamp-mismatch,documented-scheme,valid",
    ]));
    run.assert_code(0);
    for case in ["stale", "timestamp-mismatch", "documented-scheme"] {
        assert_eq!(grade_of(&run, case), "skipped", "{case}");
    }
    let stale = run.json()["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["case"] == "stale")
        .cloned()
        .unwrap();
    assert!(
        stale["happened"]
            .as_str()
            .unwrap()
            .contains("carry no timestamp"),
        "the output says why: {stale}"
    );
    assert_eq!(
        grade_of(&run, "valid"),
        "pass",
        "fastpix deliveries are signed as fastpix"
    );

    // An unreachable URL: a clear error naming it, before any grading.
    let held = crate::support::refused::Refused::new();
    let refused = held.url("/hook");
    let down = Run::of(lpwh(home.path()).args(["check", &refused, "--secret", SECRET]));
    down.assert_code(1);
    assert!(
        down.stderr.contains(&format!("cannot reach {refused}")),
        "{}",
        down.stderr
    );
    assert!(down.stdout.is_empty(), "nothing graded: {}", down.stdout);
    // No secret: exit 2 naming both ways to give one.
    let no_secret = Run::of(lpwh(home.path()).args(["check", &receiver.url]));
    no_secret.assert_code(2);
    assert!(
        no_secret.stderr.contains("--secret") && no_secret.stderr.contains("LPWH_WEBHOOK_SECRET"),
        "{}",
        no_secret.stderr
    );
    // Not http(s): a usage error.
    let ftp = Run::of(lpwh(home.path()).args(["check", "ftp://127.0.0.1/x", "--secret", SECRET]));
    ftp.assert_code(2);
    assert!(
        ftp.stderr.contains("is not an http(s) URL"),
        "{}",
        ftp.stderr
    );
}

/// Receivers that misbehave at the HTTP level, on raw sockets: each connection is handled by
/// `answer`, which gets the request number (0 first) and the stream.
fn raw_receiver(
    answer: impl Fn(usize, &mut std::net::TcpStream) + Send + Sync + 'static,
) -> String {
    use std::io::Read as _;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/hooks", listener.local_addr().unwrap());
    let answer = std::sync::Arc::new(answer);
    let count = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let (answer, count) = (answer.clone(), count.clone());
            std::thread::spawn(move || {
                // One request per connection: read its head and body (Content-Length), then
                // answer (no keep-alive).
                let mut request = Vec::new();
                let mut buf = [0u8; 65536];
                loop {
                    let Ok(n) = stream.read(&mut buf) else { return };
                    if n == 0 {
                        return;
                    }
                    request.extend_from_slice(&buf[..n]);
                    let Some(end) = request.windows(4).position(|w| w == b"\r\n\r\n") else {
                        continue;
                    };
                    let head = String::from_utf8_lossy(&request[..end]).to_ascii_lowercase();
                    let length: usize = head
                        .lines()
                        .find_map(|l| l.strip_prefix("content-length:"))
                        .map_or(0, |v| v.trim().parse().unwrap_or(0));
                    if request.len() >= end + 4 + length {
                        break;
                    }
                }
                let n = count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                answer(n, &mut stream);
            });
        }
    });
    url
}

/// A receiver that streams an endless answer: check reads what a verdict needs and hangs up,
/// so the receiver's writes fail long before it is done (bounded: 256 MiB at most).
#[test]
fn an_endless_answer_is_read_only_as_far_as_a_verdict_needs() {
    use std::io::Write as _;
    let written = std::sync::Arc::new(std::sync::Mutex::new(Vec::<usize>::new()));
    let seen = written.clone();
    let url = raw_receiver(move |_, stream| {
        let _ = stream.write_all(
            b"HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ntransfer-encoding: chunked\r\n\r\n",
        );
        let chunk = format!("{:x}\r\n{}\r\n", 65536, "y".repeat(65536));
        let mut sent = 0;
        while sent < 256 << 20 {
            if stream.write_all(chunk.as_bytes()).is_err() {
                break;
            }
            sent += 65536;
        }
        seen.lock().unwrap().push(sent);
    });
    let run = check(
        &url,
        &[
            "--only",
            "valid",
            "--events",
            "stream.started",
            "--timeout",
            "60",
        ],
    );
    run.assert_code(0);
    assert_eq!(grade_of(&run, "valid"), "pass");
    std::thread::sleep(std::time::Duration::from_millis(300));
    let written = written.lock().unwrap().clone();
    assert!(!written.is_empty(), "the receiver answered");
    for sent in written {
        assert!(
            sent < 64 << 20,
            "check read {sent} bytes of an endless answer before hanging up"
        );
    }
}

/// A receiver that takes connections and never answers: `latency` fails, saying the deliveries
/// got no answer (it once passed, with no answer counted as fast).
#[test]
fn a_receiver_that_never_answers_fails_latency() {
    let held = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let keep = held.clone();
    let url = raw_receiver(move |_, stream| {
        // Held open, never answered, until the test ends.
        keep.lock().unwrap().push(stream.try_clone().unwrap());
    });
    let run = check(
        &url,
        &[
            "--only",
            "valid,latency",
            "--events",
            "stream.started",
            "--timeout",
            "1",
        ],
    );
    run.assert_code(1);
    assert_eq!(grade_of(&run, "valid"), "fail");
    assert_eq!(grade_of(&run, "latency"), "fail", "{}", run.stdout);
    let latency = run.json()["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["case"] == "latency")
        .unwrap()
        .clone();
    assert!(
        latency["happened"]
            .as_str()
            .unwrap()
            .contains("got no answer"),
        "{latency}"
    );
    drop(held);
}

/// What a receiver answers is quoted raw in `--json` (JSON escapes its control characters as
/// `\u001b`), and sanitized in the table.
#[test]
fn answers_with_escapes_are_json_escaped_not_sanitized_text() {
    use std::io::Write as _;
    let url = raw_receiver(|_, stream| {
        let body = "{\"msg\":\"\u{1b}[31mred\"}";
        let _ = stream.write_all(
            format!(
                "HTTP/1.1 401 Unauthorized\r\ncontent-length: {}\r\n\r\n{body}",
                body.len()
            )
            .as_bytes(),
        );
    });
    let run = check(&url, &["--only", "valid", "--events", "stream.started"]);
    run.assert_code(1);
    assert!(run.stdout.contains(r"\u001b[31mred"), "{}", run.stdout);
    assert!(!run.stdout.contains(r"\u{1b}"), "{}", run.stdout);
    let note = run.json()["cases"][0]["answers"][0]["note"].clone();
    assert!(
        note.as_str().unwrap().contains("\u{1b}[31mred"),
        "the answer as it came: {note}"
    );
}

/// On other OSes: listed as ignored (see below for what it checks).
#[cfg(not(unix))]
#[test]
#[ignore = "plants Unix symlinks and a read-only directory"]
fn junit_is_never_written_through_a_link_and_never_left_stale() {}

/// `--junit`: written atomically and never through a planted symlink; a run that errors
/// replaces an older report with one that shows the error; and a report that cannot be written
/// leaves the table printed.
#[cfg(unix)]
#[test]
fn junit_is_never_written_through_a_link_and_never_left_stale() {
    let home = tempfile::tempdir().unwrap();
    let victim = home.path().join("victim");
    std::fs::write(&victim, "precious").unwrap();
    let report = home.path().join("check.xml");
    std::os::unix::fs::symlink(&victim, &report).unwrap();
    let listener = Listener::start(&["--secret", SECRET, "--no-record"]);
    let run = check(
        &format!("{}/hooks", listener.url),
        &["--only", "valid", "--junit", report.to_str().unwrap()],
    );
    run.assert_code(0);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    let xml = std::fs::read_to_string(&report).unwrap();
    assert!(xml.contains("testcase name=\"valid\""), "{xml}");

    // The receiver is gone: the run errors, and the report says so instead of the old pass.
    drop(listener);
    let refused = crate::support::refused::Refused::new();
    let dead = refused.url("/gone");
    let errored = check(
        &dead,
        &["--only", "valid", "--junit", report.to_str().unwrap()],
    );
    errored.assert_code(1);
    assert!(
        errored.stderr.contains("cannot reach"),
        "{}",
        errored.stderr
    );
    let xml = std::fs::read_to_string(&report).unwrap();
    assert!(xml.contains("<error"), "{xml}");
    assert!(xml.contains("cannot reach"), "{xml}");
    assert!(!xml.contains("testcase name=\"valid\""), "{xml}");

    // A report that cannot be written: the table is printed first, then the error.
    let listener = Listener::start(&["--secret", SECRET, "--no-record"]);
    let mut cmd = lpwh(home.path());
    cmd.args([
        "check",
        &format!("{}/hooks", listener.url),
        "--secret",
        SECRET,
    ])
    .args(["--only", "valid", "--junit", "/nonexistent-dir/check.xml"]);
    let run = Run::of(&mut cmd);
    run.assert_code(1);
    assert!(run.stdout.contains("valid"), "the table: {}", run.stdout);
    assert!(run.stdout.contains("1 passed"), "{}", run.stdout);
    assert!(run.stderr.contains("nonexistent-dir"), "{}", run.stderr);
}

/// Receivers that behave as real public ones do (`receivers/receiver.js`), each graded right.
#[test]
fn a_receiver_that_re_serializes_before_verifying_takes_valid_deliveries() {
    // JSON.stringify(JSON.parse(body)) must give back the bytes sent: integral numbers without
    // `.0`, keys in order, no spaces. A sample with `4212480.0` once made this receiver refuse.
    let receiver = receiver("reserialize");
    let run = check(&receiver.url, &["--only", "valid,retry,large-body"]);
    run.assert_code(0);
    for case in ["valid", "retry", "large-body"] {
        assert_eq!(grade_of(&run, case), "pass", "{case}: {}", run.stdout);
    }
}

#[test]
fn a_receiver_that_validates_uuids_takes_checks_deliveries() {
    let receiver = receiver("uuid");
    let run = check(
        &receiver.url,
        &["--only", "valid,retry,replay,out-of-order"],
    );
    run.assert_code(0);
    for case in ["valid", "retry", "replay", "out-of-order"] {
        assert_eq!(grade_of(&run, case), "pass", "{case}: {}", run.stdout);
    }
}

#[test]
fn a_receiver_whose_process_exits_on_bad_input_is_down_and_later_cases_are_not_blamed() {
    let receiver = receiver("crash");
    let run = check(
        &receiver.url,
        &["--only", "valid,not-json,large-body,burst"],
    );
    run.assert_code(1);
    assert_eq!(grade_of(&run, "valid"), "pass");
    assert_eq!(grade_of(&run, "not-json"), "fail");
    let cases = run.json()["cases"].as_array().unwrap().clone();
    let not_json = cases.iter().find(|c| c["case"] == "not-json").unwrap();
    assert!(
        not_json["why"]
            .as_str()
            .unwrap()
            .contains("the receiver went down"),
        "{not_json}"
    );
    for later in ["large-body", "burst"] {
        assert_eq!(grade_of(&run, later), "skipped", "{later}");
        let case = cases.iter().find(|c| c["case"] == later).unwrap();
        assert!(
            case["happened"]
                .as_str()
                .unwrap()
                .contains("not run: the receiver went down after `not-json`"),
            "{case}"
        );
    }
}

#[test]
fn a_200_whose_body_says_401_is_read_as_a_refusal() {
    let receiver = receiver("status-body");
    let run = check(
        &receiver.url,
        &["--only", "valid,bad-signature,tampered-body"],
    );
    run.assert_code(0);
    assert_eq!(grade_of(&run, "valid"), "pass");
    for case in ["bad-signature", "tampered-body"] {
        assert_eq!(grade_of(&run, case), "warn", "{case}: {}", run.stdout);
    }
    let answer = &run.json()["cases"][1]["answers"][0];
    assert_eq!(answer["status"], 200);
    assert_eq!(answer["refused_in_body"], "status 401");
    assert!(
        run.json()["cases"][1]["why"]
            .as_str()
            .unwrap()
            .contains("Studio counts it as delivered"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_rate_limited_receiver_fails_burst_because_studio_never_retries_a_429() {
    let receiver = receiver("rate-limit");
    let run = check(&receiver.url, &[]);
    run.assert_code(1);
    assert_eq!(grade_of(&run, "valid"), "pass");
    assert_eq!(grade_of(&run, "burst"), "fail");
    let burst = run.json()["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["case"] == "burst")
        .unwrap()
        .clone();
    assert!(
        burst["why"].as_str().unwrap().contains("answered 429")
            && burst["why"]
                .as_str()
                .unwrap()
                .contains("never retries a 4xx"),
        "{burst}"
    );
    assert!(
        burst["happened"].as_str().unwrap().contains("deliveries/s"),
        "{burst}"
    );
}

#[test]
fn a_receiver_with_no_freshness_check_gets_that_explanation() {
    let receiver = receiver("no-freshness");
    let run = check(&receiver.url, &["--only", "valid,stale,timestamp-mismatch"]);
    run.assert_code(0);
    assert_eq!(grade_of(&run, "stale"), "warn");
    assert_eq!(grade_of(&run, "timestamp-mismatch"), "warn");
    let why = run.json()["cases"][2]["why"].as_str().unwrap().to_owned();
    assert!(why.contains("no freshness check at all"), "{why}");
    assert!(!why.contains("unsigned header"), "{why}");
}

/// The guide's verifier refuses both schemes' forged deliveries too: `documented-scheme` is
/// not passed when `valid` also failed with a 4xx.
#[test]
fn documented_scheme_is_skipped_when_both_schemes_are_refused() {
    let receiver = receiver("uuid");
    // uuid verifies the real scheme; with the wrong secret it refuses valid and the guide's.
    let home = tempfile::tempdir().unwrap();
    let run = Run::of(lpwh(home.path()).args([
        "--json",
        "check",
        &receiver.url,
        "--secret",
        "not-the-receivers-secret",
        "--only",
        "valid,documented-scheme",
    ]));
    run.assert_code(1);
    assert_eq!(grade_of(&run, "valid"), "fail");
    assert_eq!(grade_of(&run, "documented-scheme"), "skipped");
    assert!(
        run.json()["cases"][1]["happened"]
            .as_str()
            .unwrap()
            .contains("it refuses both schemes"),
        "{}",
        run.stdout
    );
}

#[test]
fn the_documented_scheme_is_warned_about_on_stderr() {
    let listener = Listener::start(&[
        "--secret",
        SECRET,
        "--no-record",
        "--scheme",
        "livepeer-docs",
    ]);
    let run = check(
        &format!("{}/hooks", listener.url),
        &["--scheme", "livepeer-docs", "--only", "valid"],
    );
    run.assert_code(0);
    assert!(
        run.stderr
            .contains("warning: --scheme livepeer-docs is the scheme the Studio guide documents"),
        "{}",
        run.stderr
    );
}
