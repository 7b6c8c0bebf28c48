//! The same event twice, the two ways it happens.
//!
//! - `retry`: one valid delivery, then Studio's retry of it: the same event `id` (and, for
//!   Standard Webhooks, the same `webhook-id`) with a new `timestamp` in the body and the header
//!   and so a new signature. Pass on a 2xx, a 409, or a 4xx whose body says duplicate or
//!   already processed; another 4xx or a 5xx fails: Studio retries for a day, and a receiver
//!   that deduplicates by signature, or refuses what it has seen, loses the event's retries.
//! - `replay`: one valid delivery, then identical bytes again (what an attacker who captured
//!   one sends). Pass on a 2xx or a 4xx, saying which (a 2xx is right only when the handler
//!   deduplicates by id); a 5xx or no answer fails: a unique-key error on a duplicate makes
//!   Studio retry for a day.

use serde_json::Value;

use super::super::send::Runner;
use super::super::{Grade, Outcome};
use super::graded;

/// How much later the retry is (Studio's first retry comes seconds to minutes after).
const RETRY_AFTER_MS: i64 = 5_000;

pub(super) async fn retry(r: &mut Runner<'_>) -> anyhow::Result<Outcome> {
    let case = "retry";
    let (scheme, secret) = (r.plan.scheme, r.plan.secret.clone());
    let event = r.plan.events[0].clone();
    let at = crate::humane::now_ms() - RETRY_AFTER_MS;
    let mut value = r.body(&event, at)?;
    let first = r.signed(scheme, &secret, Runner::bytes(&value)?, at, case)?;
    let now = at + RETRY_AFTER_MS;
    if let Value::Object(top) = &mut value
        && top.contains_key("timestamp")
    {
        top.insert("timestamp".into(), Value::from(now));
    }
    let second = r.signed(scheme, &secret, Runner::bytes(&value)?, now, case)?;
    let answers = vec![r.send(&first, true).await, r.send(&second, true).await];
    let again = &answers[1];
    let (grade, why) = if again.taken() {
        (
            Grade::Pass,
            "Studio's retries (same id, new timestamp and signature) are answered 2xx",
        )
    } else if again.status == Some(409) || (again.client_error() && again.says_duplicate) {
        (
            Grade::Pass,
            "Studio's retry is recognised as a duplicate and refused as one",
        )
    } else if again.ok() {
        (
            Grade::Fail,
            "the retry got a 2xx whose body says it refused: Studio stops retrying, and the \
             event is lost if the first attempt was not processed",
        )
    } else if again.client_error() {
        (
            Grade::Fail,
            "Studio's retry (same id, new timestamp and signature) is refused: deduplicate by \
             the event id and answer 2xx, or the event's retries are lost",
        )
    } else {
        (
            Grade::Fail,
            "Studio's retry of an event gets a 5xx or no answer: it retries for about a day",
        )
    };
    Ok(graded(case, grade, answers, why))
}

pub(super) async fn replay(r: &mut Runner<'_>) -> anyhow::Result<Outcome> {
    let case = "replay";
    let event = r.plan.events[0].clone();
    let request = r.valid(&event, case)?;
    let answers = vec![r.send(&request, true).await, r.send(&request, false).await];
    let again = &answers[1];
    let (grade, why) = if again.taken() {
        (
            Grade::Pass,
            "identical bytes again got a 2xx: right only if the handler deduplicates by the \
             event id (a replay must not act twice)",
        )
    } else if again.client_error() || again.ok() {
        (Grade::Pass, "identical bytes again are refused with a 4xx")
    } else {
        (
            Grade::Fail,
            "identical bytes again get a 5xx or no answer: a unique-key error on a duplicate \
             makes Studio retry for a day; answer 2xx or 4xx",
        )
    };
    Ok(graded(case, grade, answers, why))
}
