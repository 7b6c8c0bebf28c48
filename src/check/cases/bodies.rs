//! Bodies that are not what Studio sends, and one as large as it may send.
//!
//! - `not-json`: a validly signed body that is not JSON. Pass on a 4xx; warn on a 2xx or a 5xx.
//! - `not-json-forged` and `large-body-forged`: a badly signed body that is not JSON, and one
//!   of 5 MiB, far larger than any Studio sends. A receiver that verifies before it parses or
//!   buffers refuses both with a 4xx (or 413) within 5 s; a 5xx, no answer in time, or a crash
//!   fails: it parses or buffers before it verifies, so anyone can make it work or fall over.
//!   They run even when `valid` failed, graded then on 5xx and crashes alone.
//! - `large-body`: a validly signed 512 KiB delivery. Pass when taken; warn on a 413 (big
//!   payloads would be lost); anything else fails.

use std::time::Duration;

use serde_json::Value;

use super::super::send::Runner;
use super::super::{Grade, Outcome};
use super::forged::wrong_secret;
use super::{forged_grade, graded};

/// The size of the `large-body` delivery.
const LARGE_BODY: usize = 512 * 1024;
/// The size of the `large-body-forged` delivery.
const HUGE_BODY: usize = 5 * 1024 * 1024;
/// How long a forged body may take to be refused.
const REFUSE_WITHIN: Duration = Duration::from_secs(5);

pub(super) async fn not_json(r: &mut Runner<'_>) -> anyhow::Result<Outcome> {
    let case = "not-json";
    let body = b"this is not JSON, but it is validly signed".to_vec();
    let request = r.signed_as_planned(body, crate::humane::now_ms(), case)?;
    let answer = r.send(&request, false).await;
    Ok(if answer.client_error() {
        graded(
            case,
            Grade::Pass,
            vec![answer],
            "a body that is not JSON is refused",
        )
    } else {
        graded(
            case,
            Grade::Warn,
            vec![answer],
            "a body that is not JSON was not refused with a 4xx",
        )
    })
}

pub(super) async fn forged(r: &mut Runner<'_>, case: &'static str) -> anyhow::Result<Outcome> {
    let scheme = r.plan.scheme;
    let at = crate::humane::now_ms();
    let body = if case == "not-json-forged" {
        b"this is not JSON, and its signature is wrong".to_vec()
    } else {
        let event = r.plan.events[0].clone();
        let mut value = r.body(&event, at)?;
        if let Value::Object(top) = &mut value {
            top.insert(
                "lpwhCheckPadding".into(),
                Value::from("x".repeat(HUGE_BODY)),
            );
        }
        Runner::bytes(&value)?
    };
    let request = r.signed(scheme, &wrong_secret(scheme), body, at, case)?;
    let answer = r.send_within(&request, REFUSE_WITHIN).await;
    let (grade, why) = if r.valid_failed() && !answer.server_error() {
        (
            Grade::Pass,
            "no 5xx or crash (graded on that alone: `valid` failed)",
        )
    } else if answer.status == Some(413) {
        (Grade::Pass, "refused before it was read (413)")
    } else if case == "large-body-forged" && answer.status.is_none() && !answer.timed_out {
        // It hung up while the body was still being sent: refused without reading it. (Had it
        // crashed instead, the liveness check after this case says so.)
        (
            Grade::Pass,
            "it closed the connection before taking the body: refused without reading it",
        )
    } else {
        forged_grade(&answer, true)
    };
    Ok(graded(case, grade, vec![answer], why))
}

pub(super) async fn large_body(r: &mut Runner<'_>) -> anyhow::Result<Outcome> {
    let case = "large-body";
    let at = crate::humane::now_ms();
    let event = r.plan.events[0].clone();
    let mut value = r.body(&event, at)?;
    if let Value::Object(top) = &mut value {
        top.insert(
            "lpwhCheckPadding".into(),
            Value::from("x".repeat(LARGE_BODY)),
        );
    }
    let request = r.signed_as_planned(Runner::bytes(&value)?, at, case)?;
    let answer = r.send(&request, true).await;
    Ok(if answer.taken() {
        graded(
            case,
            Grade::Pass,
            vec![answer],
            "a 512 KiB delivery is taken",
        )
    } else if answer.status == Some(413) {
        graded(
            case,
            Grade::Warn,
            vec![answer],
            "a 512 KiB delivery is too large for it: big payloads would be lost",
        )
    } else {
        graded(
            case,
            Grade::Fail,
            vec![answer],
            "a 512 KiB delivery breaks it",
        )
    })
}
