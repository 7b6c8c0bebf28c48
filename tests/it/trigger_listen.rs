//! `lpwh trigger` at a running `lpwh listen`, for every event of both catalogs and every
//! scheme that event can be signed with: each sample must be accepted as `ok` and shown under
//! its own event name. A sample that drifts from what the listener checks (a timestamp in
//! seconds where the header is in ms, a missing `event`) fails here, not in a user's first try.

use crate::support::listen::Listener;
use crate::support::sandbox;
use lpwh::events::{FASTPIX_EVENTS, LIVEPEER_EVENTS};

/// Every scheme with a secret of the form it needs, and the catalog whose events it signs.
const SCHEMES: &[(&str, &str, bool)] = &[
    ("livepeer", "trigger-listen-secret", true),
    ("livepeer-docs", "trigger-listen-secret", true),
    ("mux", "trigger-listen-secret", true),
    (
        "standard-webhooks",
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        true,
    ),
    ("fastpix", "ZGVtby1zZWNyZXQ=", false),
];

#[test]
fn every_event_of_every_scheme_is_accepted_by_listen() {
    let mut checked = 0;
    for &(scheme, secret, livepeer) in SCHEMES {
        let events: Vec<&str> = if livepeer {
            LIVEPEER_EVENTS.iter().map(|e| e.name).collect()
        } else {
            FASTPIX_EVENTS.iter().map(|e| e.name).collect()
        };
        // Access-control requests are answered by the decision; allow them all here.
        let listener = Listener::start(&[
            "--json",
            "--no-record",
            "--scheme",
            scheme,
            "--secret",
            secret,
            "--access-control",
            "allow",
        ]);
        assert!(listener.stderr().contains(&format!("scheme {scheme}")));
        let home = tempfile::tempdir().unwrap();
        for (n, event) in events.iter().enumerate() {
            let out = sandbox::lpwh(home.path())
                .args(["trigger", event, "--to", &listener.url, "--scheme", scheme])
                .env("LPWH_WEBHOOK_SECRET", secret)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{scheme} {event}: trigger exit {:?}\nstdout: {}\nstderr: {}\nlisten: {}",
                out.status.code(),
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr),
                listener.stderr()
            );
            let lines = listener.wait_lines(n + 1);
            let line: serde_json::Value = serde_json::from_str(&lines[n]).unwrap();
            assert_eq!(line["verdict"], "ok", "{scheme} {event}: {line}");
            assert_eq!(line["event"], *event, "{scheme} {event}: {line}");
            checked += 1;
        }
    }
    assert_eq!(
        checked,
        4 * LIVEPEER_EVENTS.len() + FASTPIX_EVENTS.len(),
        "every pair was sent"
    );
}

/// Run `lpwh ARGS` in `home` with the webhook secret set; (exit code, stderr).
fn run(home: &std::path::Path, secret: &str, args: &[&str]) -> (i32, String) {
    let out = sandbox::lpwh(home)
        .args(args)
        .env("LPWH_WEBHOOK_SECRET", secret)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_refusals_hint_fits_its_status() {
    let home = tempfile::tempdir().unwrap();
    let secret = "hint-secret";
    let listener = Listener::start_in(
        home.path(),
        &[
            "--secret",
            secret,
            "--path",
            "/hooks",
            "--access-control",
            "deny",
        ],
        &[],
    );
    let hooks = format!("{}/hooks", listener.url);
    let elsewhere = format!("{}/elsewhere", listener.url);

    // Accepted, so there is a delivery to replay below.
    let (code, err) = run(
        home.path(),
        secret,
        &["trigger", "stream.started", "--to", &hooks],
    );
    assert_eq!(code, 0, "{err}");

    // A denied playback.accessControl is the receiver's decision, not a signature problem.
    let (code, err) = run(
        home.path(),
        secret,
        &["trigger", "playback.accessControl", "--to", &hooks],
    );
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("answered 403 Forbidden"), "{err}");
    assert!(
        err.contains("hint: for playback.accessControl the answer is the decision"),
        "{err}"
    );
    assert!(!err.contains("same secret"), "{err}");

    // The wrong path is a 404 about the path.
    let (code, err) = run(
        home.path(),
        secret,
        &["trigger", "stream.idle", "--to", &elsewhere],
    );
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("hint: nothing answers at /elsewhere"), "{err}");
    assert!(err.contains("--path"), "{err}");
    assert!(!err.contains("same secret"), "{err}");

    // A wrong secret is still about the secret and the scheme.
    let (code, err) = run(
        home.path(),
        "not-the-secret",
        &["trigger", "stream.idle", "--to", &hooks],
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(
            "hint: the receiver refused the delivery: check it uses the same secret and --scheme"
        ),
        "{err}"
    );

    // inbox replay gives the same hints: delivery 1 replayed to the wrong path.
    let (code, err) = run(
        home.path(),
        secret,
        &["inbox", "replay", "1", "--to", &elsewhere],
    );
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("hint: nothing answers at /elsewhere"), "{err}");
    drop(listener);
}
