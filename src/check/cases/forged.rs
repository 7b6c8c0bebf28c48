//! Deliveries a receiver must refuse because their signature is wrong.
//!
//! - `bad-signature` (signed with another secret), `tampered-body` (a valid signature, one body
//!   byte changed), `missing-signature` (no signature header): pass on a 4xx; warn on a 2xx
//!   whose body says it refused (Studio counts it delivered) and on a 5xx (Studio retries it
//!   for a day); fail on a plain 2xx: it accepts forged deliveries.
//! - `malformed-signature`: a family of broken signature headers for the scheme under test (a
//!   bad timestamp, a missing signature, a repeated key, an empty value, ...), each with a wrong
//!   signature, so a 2xx is always a forgery taken. Pass when every variant gets a 4xx; any 5xx
//!   or no answer fails (the parser breaks on it), naming the variant. It runs even when
//!   `valid` failed, graded then on 5xx and crashes alone.

use super::super::send::{Request, Runner};
use super::super::{Answer, Grade, Outcome};
use super::{forged_grade, graded};
use crate::redacted::Secret;
use crate::signature::{self, Scheme};

pub(super) async fn forged(r: &mut Runner<'_>, case: &'static str) -> anyhow::Result<Outcome> {
    let scheme = r.plan.scheme;
    let secret = r.plan.secret.clone();
    let at = crate::humane::now_ms();
    let event = r.plan.events[0].clone();
    let body = Runner::bytes(&r.body(&event, at)?)?;
    let request = match case {
        "bad-signature" => r.signed(scheme, &other_secret(scheme), body, at, case)?,
        "tampered-body" => {
            let mut request = r.signed(scheme, &secret, body, at, case)?;
            tamper(&mut request.body);
            request
        }
        _ => {
            let mut request = r.signed(scheme, &secret, body, at, case)?;
            let header = scheme.signature_header();
            request
                .headers
                .retain(|(n, _)| !n.eq_ignore_ascii_case(header));
            request
        }
    };
    let answer = r.send(&request, false).await;
    let (grade, why) = forged_grade(&answer, false);
    Ok(graded(case, grade, vec![answer], why))
}

pub(super) async fn malformed(r: &mut Runner<'_>) -> anyhow::Result<Outcome> {
    let case = "malformed-signature";
    let scheme = r.plan.scheme;
    let at = crate::humane::now_ms();
    let event = r.plan.events[0].clone();
    let mut answers: Vec<(&'static str, Answer)> = Vec::new();
    for (variant, headers) in variants(scheme, at) {
        let body = Runner::bytes(&r.body(&event, at)?)?;
        // Signed with another secret: whatever the receiver makes of the header, the signature
        // in it is wrong.
        let mut request: Request = r.signed(scheme, &other_secret(scheme), body, at, case)?;
        for (name, value) in headers {
            request.set_header(name, &value);
        }
        answers.push((variant, r.send(&request, false).await));
    }
    let lenient = r.valid_failed();
    let named = |pick: &dyn Fn(&Answer) -> bool| -> Vec<&'static str> {
        answers
            .iter()
            .filter(|(_, a)| pick(a))
            .map(|(v, _)| *v)
            .collect()
    };
    let broke = named(&|a| a.server_error());
    let took = named(&|a| a.taken());
    let body_refused = named(&|a| a.ok() && a.refused_in_body.is_some());
    let happened = answers
        .iter()
        .map(|(v, a)| format!("{v}: {}", a.describe()))
        .collect::<Vec<_>>()
        .join(", ");
    let (grade, why) = if !broke.is_empty() {
        (
            Grade::Fail,
            format!(
                "a malformed signature header breaks it (5xx or no answer: {}): Studio never \
                 sends one, but anyone can, and each costs a retry storm or a crash; refuse \
                 with 4xx",
                broke.join(", ")
            ),
        )
    } else if lenient {
        (
            Grade::Pass,
            "no 5xx or crash on malformed headers (graded on that alone: `valid` failed)"
                .to_owned(),
        )
    } else if !took.is_empty() {
        (
            Grade::Fail,
            format!(
                "it accepts a delivery whose signature header is malformed ({}): anyone can \
                 fake events",
                took.join(", ")
            ),
        )
    } else if !body_refused.is_empty() {
        (
            Grade::Warn,
            format!(
                "refused in the body, but with a 2xx ({}): Studio counts those as delivered",
                body_refused.join(", ")
            ),
        )
    } else {
        (
            Grade::Pass,
            "malformed signature headers are refused".to_owned(),
        )
    };
    Ok(Outcome {
        case,
        grade,
        happened,
        why,
        answers: answers.into_iter().map(|(_, a)| a).collect(),
    })
}

/// The broken signature headers for `scheme`: a name for each, and the headers it sets.
fn variants(scheme: Scheme, at_ms: i64) -> Vec<(&'static str, Vec<(&'static str, String)>)> {
    let zeros = "0".repeat(64);
    match scheme {
        Scheme::StandardWebhooks => {
            let sig = signature::WEBHOOK_SIGNATURE;
            let b64 = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=".to_owned();
            vec![
                (
                    "bad timestamp",
                    vec![(signature::WEBHOOK_TIMESTAMP, "not-a-number".into())],
                ),
                ("no version", vec![(sig, b64.clone())]),
                (
                    "repeated signatures",
                    vec![(sig, format!("v1,{b64} v1,{b64}"))],
                ),
                ("empty value", vec![(sig, String::new())]),
                ("not base64", vec![(sig, "v1,!!not base64!!".into())]),
            ]
        }
        Scheme::Fastpix => {
            let sig = scheme.signature_header();
            vec![
                ("empty value", vec![(sig, String::new())]),
                ("not base64", vec![(sig, "!!not base64!!".into())]),
                ("repeated signatures", vec![(sig, "AAAA,AAAA".into())]),
                ("wrong length", vec![(sig, "AAAAAAA=".into())]),
            ]
        }
        _ => {
            // livepeer, livepeer-docs and mux: `t=<time>,v1=<hex>`.
            let sig = scheme.signature_header();
            let t = scheme.header_timestamp(at_ms).unwrap_or(at_ms);
            vec![
                ("bad t", vec![(sig, format!("t=not-a-number,v1={zeros}"))]),
                ("missing v1", vec![(sig, format!("t={t}"))]),
                (
                    "repeated key",
                    vec![(sig, format!("t={t},t={t},v1={zeros},v1={zeros}"))],
                ),
                ("empty values", vec![(sig, "t=,v1=".into())]),
                ("no pairs", vec![(sig, "not a signature".into())]),
            ]
        }
    }
}

/// A secret that is not the receiver's, valid for the scheme (FastPix and Standard Webhooks
/// secrets are base64).
fn other_secret(scheme: Scheme) -> Secret {
    match scheme {
        Scheme::Fastpix => Secret::new("bGF3aC1jaGVjay13cm9uZy1zZWNyZXQ="),
        Scheme::StandardWebhooks => Secret::new("whsec_bHB3aC1jaGVjay13cm9uZy1zZWNyZXQ="),
        _ => Secret::new("lpwh-check-not-the-receivers-secret"),
    }
}

/// Change one byte inside the body (a digit or letter of its text), keeping it valid JSON.
pub(super) fn tamper(body: &mut [u8]) {
    if let Some(at) = body.iter().rposition(|b| b.is_ascii_digit()) {
        body[at] = if body[at] == b'9' { b'0' } else { body[at] + 1 };
    } else if let Some(at) = body.iter().position(|b| b.is_ascii_lowercase()) {
        body[at] = body[at].to_ascii_uppercase();
    }
}

/// A wrong secret for `scheme`, for the other families' forged deliveries.
pub(super) fn wrong_secret(scheme: Scheme) -> Secret {
    other_secret(scheme)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tampering_changes_exactly_one_byte_and_keeps_json() {
        let mut body = br#"{"timestamp":1700000000000,"event":"x"}"#.to_vec();
        let before = body.clone();
        tamper(&mut body);
        let changed = before.iter().zip(&body).filter(|(a, b)| a != b).count();
        assert_eq!(changed, 1);
        assert!(serde_json::from_slice::<serde_json::Value>(&body).is_ok());
    }

    #[test]
    fn every_scheme_has_named_malformed_variants() {
        for scheme in Scheme::ALL {
            let variants = variants(scheme, 1_700_000_000_000);
            assert!(variants.len() >= 4, "{scheme:?}");
            for (name, headers) in variants {
                assert!(!name.is_empty() && !headers.is_empty(), "{scheme:?}");
            }
        }
    }
}
