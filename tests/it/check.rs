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
    assert_eq!(grades.len(), 16, "{grades:?}");
    for (case, grade) in &grades {
        assert_eq!(grade, "pass", "{case}: {}", run.stdout);
    }
    assert_eq!(
        run.json()["summary"],
        serde_json::json!({"passed": 16, "warnings": 0, "failed": 0, "skipped": 0})
    );
    // Each answer names what was sent as the delivery JSON does, with plainly fake ids.
    let first = &run.json()["cases"][0]["answers"][0];
    assert_eq!(first["event"], "stream.started");
    assert!(
        first["event_id"]
            .as_str()
            .unwrap()
            .starts_with("lpwh-check-valid-"),
        "{first}"
    );
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
    let cases = "valid,bad-signature,tampered-body,missing-signature,malformed-signature";
    let run = check(&receiver.url, &["--only", cases]);
    run.assert_code(0);
    assert_eq!(grade_of(&run, "valid"), "pass");
    for case in [
        "bad-signature",
        "tampered-body",
        "missing-signature",
        "malformed-signature",
    ] {
        assert_eq!(grade_of(&run, case), "warn", "{case}");
    }
    let strict = check(&receiver.url, &["--only", cases, "--strict"]);
    strict.assert_code(1);
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
    assert!(
        happened.contains("slowest of 2 valid deliveries"),
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
    assert_eq!(cases.len(), 16);
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
    let refused = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = l.local_addr().unwrap().port();
        drop(l);
        format!("http://127.0.0.1:{port}/hook")
    };
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
