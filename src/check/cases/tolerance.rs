//! What a receiver should take even though it is not what it expects.
//!
//! - `unknown-event`: a validly signed event the receiver likely ignores (`playback.user.new`;
//!   FastPix: `video.media.deleted`). Pass when taken; warn on a 4xx (it shows as a failed
//!   delivery in Studio); fail on a 5xx (Studio retries it for a day).
//! - `extra-fields`: a valid delivery with unknown fields at the top level and in the payload.
//!   Pass when taken; anything else fails: Studio adds fields without notice.
//! - `out-of-order`: `stream.idle` for a stream never seen, then `stream.started`. Pass when both
//!   are taken; warn on a 4xx; fail on a 5xx: order is never guaranteed.

use serde_json::Value;

use super::super::send::Runner;
use super::super::{Answer, Grade, Outcome};
use super::graded;
use crate::signature::Scheme;

pub(super) async fn unknown_event(r: &mut Runner<'_>) -> anyhow::Result<Outcome> {
    let case = "unknown-event";
    let event = if r.plan.scheme == Scheme::Fastpix {
        "video.media.deleted"
    } else {
        "playback.user.new"
    };
    let request = r.valid(event, case)?;
    let answer = r.send(&request, true).await;
    Ok(if answer.taken() {
        graded(
            case,
            Grade::Pass,
            vec![answer],
            "events it does not handle are still acknowledged",
        )
    } else if answer.client_error() || answer.ok() {
        graded(
            case,
            Grade::Warn,
            vec![answer],
            "an event it ignores is refused, and shows as a failed delivery in Studio: answer 2xx",
        )
    } else {
        graded(
            case,
            Grade::Fail,
            vec![answer],
            "an event it ignores gets a 5xx: Studio retries it for a day",
        )
    })
}

pub(super) async fn extra_fields(r: &mut Runner<'_>) -> anyhow::Result<Outcome> {
    let case = "extra-fields";
    let at = crate::humane::now_ms();
    let event = r.plan.events[0].clone();
    let mut value = r.body(&event, at)?;
    if let Value::Object(top) = &mut value {
        top.insert("lpwhCheckExtra".into(), Value::from("added by lpwh check"));
        for key in ["payload", "stream", "object", "data"] {
            if let Some(Value::Object(inner)) = top.get_mut(key) {
                inner.insert("lpwhCheckExtra".into(), Value::from(1));
            }
        }
    }
    let request = r.signed_as_planned(Runner::bytes(&value)?, at, case)?;
    let answer = r.send(&request, true).await;
    Ok(if answer.taken() {
        graded(
            case,
            Grade::Pass,
            vec![answer],
            "fields it does not know are ignored",
        )
    } else {
        graded(
            case,
            Grade::Fail,
            vec![answer],
            "unknown fields are refused: Studio adds fields without notice",
        )
    })
}

pub(super) async fn out_of_order(r: &mut Runner<'_>) -> anyhow::Result<Outcome> {
    let case = "out-of-order";
    let (later, earlier) = if r.plan.scheme == Scheme::Fastpix {
        ("video.media.ready", "video.media.created")
    } else {
        ("stream.idle", "stream.started")
    };
    let first = r.valid(later, case)?;
    let second = r.valid(earlier, case)?;
    let answers = vec![r.send(&first, true).await, r.send(&second, true).await];
    Ok(if answers.iter().all(Answer::taken) {
        graded(
            case,
            Grade::Pass,
            answers,
            "events arriving out of order are taken",
        )
    } else if answers.iter().any(Answer::server_error) {
        graded(
            case,
            Grade::Fail,
            answers,
            "an out-of-order event gets a 5xx: Studio retries, and order is never guaranteed",
        )
    } else {
        graded(
            case,
            Grade::Warn,
            answers,
            "an out-of-order event is refused: Studio does not guarantee order",
        )
    })
}
