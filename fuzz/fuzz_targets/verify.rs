//! Fuzz target: `verify` on arbitrary (headers, body, secrets, clock) never panics, always gives a
//! one-line hint on failure, and a fresh `sign` of the same body always verifies.

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use lpwh::redacted::Secret;
use lpwh::signature::{self, Reason, Scheme};

/// Header names the verifier looks for, so the fuzzer reaches the parsers instead of
/// "missing_signature" every time; index past the end means "use the arbitrary name".
const NAMES: [&str; 6] = [
    "Livepeer-Signature",
    "FastPix-Signature",
    "Mux-Signature",
    "webhook-id",
    "webhook-timestamp",
    "webhook-signature",
];

#[derive(Debug, Arbitrary)]
struct Header {
    name_index: u8,
    name: Vec<u8>,
    value: Vec<u8>,
}

#[derive(Debug, Arbitrary)]
struct Input {
    scheme: u8,
    headers: Vec<Header>,
    body: Vec<u8>,
    secrets: Vec<String>,
    now_ms: i64,
    tolerance_ms: i64,
    message_id: Option<String>,
}

fuzz_target!(|input: Input| {
    let scheme = Scheme::ALL[usize::from(input.scheme) % Scheme::ALL.len()];
    let headers: Vec<(Vec<u8>, Vec<u8>)> = input
        .headers
        .into_iter()
        .map(|h| {
            let name = NAMES
                .get(usize::from(h.name_index))
                .map(|n| n.as_bytes().to_vec())
                .unwrap_or(h.name);
            (name, h.value)
        })
        .collect();
    let secrets: Vec<Secret> = input.secrets.into_iter().map(Secret::new).collect();

    let verdict = signature::verify(
        scheme,
        &secrets,
        headers.as_slice(),
        &input.body,
        input.now_ms,
        input.tolerance_ms,
    );
    if !verdict.is_ok() {
        let hint = verdict.hint.as_deref().unwrap_or_default();
        assert!(!hint.is_empty() && !hint.contains('\n'), "{verdict:?}");
    }

    // Round trip: whatever the body, a delivery signed now verifies now.
    let Some(secret) = secrets.first() else {
        return;
    };
    let now = input.now_ms.clamp(0, 4_102_444_800_000); // up to 2100
    let Ok(signed) = signature::sign(
        scheme,
        secret,
        &input.body,
        now,
        input.message_id.as_deref(),
    ) else {
        return;
    };
    // Seconds schemes round `now` down, so the signed time may be up to 999 ms behind.
    let again = signature::verify(
        scheme,
        &secrets[..1],
        signed.as_slice(),
        &input.body,
        now,
        999,
    );
    match scheme {
        // Livepeer also checks the body's own timestamp, which this arbitrary body may contradict.
        Scheme::Livepeer => assert!(
            matches!(again.reason, Reason::Ok | Reason::TimestampMismatch),
            "{again:?}"
        ),
        _ => assert_eq!(again.reason, Reason::Ok, "{again:?}"),
    }
});
