//! Old deliveries, which a receiver with replay protection refuses.
//!
//! - `stale`: validly signed, with `t` and the body's `timestamp` 10 minutes old. Pass on a 4xx;
//!   warn when taken: no replay protection.
//! - `timestamp-mismatch`: the header's `t` is now, the body's `timestamp` 10 minutes old; the
//!   signature is valid (it covers the body only). Pass on a 4xx. Taken, it warns, and the
//!   explanation follows from `stale`: when `stale` was also taken there is no freshness check
//!   at all; when `stale` was refused, freshness comes from the unsigned header `t`.

use super::super::send::Runner;
use super::super::{Grade, Outcome};
use super::graded;

/// How old the deliveries are.
const AGE_MS: i64 = 10 * 60_000;

pub(super) async fn stale(r: &mut Runner<'_>) -> anyhow::Result<Outcome> {
    let case = "stale";
    let old = crate::humane::now_ms() - AGE_MS;
    let answer = send_old(r, case, old, old).await?;
    r.stale_taken = Some(answer.taken());
    Ok(if answer.client_error() {
        graded(
            case,
            Grade::Pass,
            vec![answer],
            "old deliveries are refused",
        )
    } else {
        graded(
            case,
            Grade::Warn,
            vec![answer],
            "a 10-minute-old delivery was accepted: no replay protection",
        )
    })
}

pub(super) async fn timestamp_mismatch(r: &mut Runner<'_>) -> anyhow::Result<Outcome> {
    let case = "timestamp-mismatch";
    let now = crate::humane::now_ms();
    let answer = send_old(r, case, now - AGE_MS, now).await?;
    if answer.client_error() {
        return Ok(graded(
            case,
            Grade::Pass,
            vec![answer],
            "old deliveries are refused",
        ));
    }
    let why = match r.stale_taken {
        Some(true) => {
            "no freshness check at all (`stale` was taken too): a captured delivery can be \
             replayed for ever; compare the body's timestamp with now"
        }
        Some(false) => {
            "freshness is taken from the unsigned header t, not the signed body's timestamp: a \
             captured delivery can be replayed with a new t"
        }
        None => "a delivery whose body is 10 minutes old was accepted",
    };
    Ok(graded(case, Grade::Warn, vec![answer], why))
}

/// A valid delivery whose body says `body_at`, signed with `t` = `signed_at`.
async fn send_old(
    r: &mut Runner<'_>,
    case: &str,
    body_at: i64,
    signed_at: i64,
) -> anyhow::Result<super::super::Answer> {
    let event = r.plan.events[0].clone();
    let body = Runner::bytes(&r.body(&event, body_at)?)?;
    let request = r.signed_as_planned(body, signed_at, case)?;
    Ok(r.send(&request, false).await)
}
