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
