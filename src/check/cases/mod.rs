//! The cases, a file per family. Each file says what its cases send and how they grade; a new
//! case is a new function here and a row in [`super::CASES`].
//!
//! - [`valid`]: `valid`, `documented-scheme`;
//! - [`forged`]: `bad-signature`, `tampered-body`, `missing-signature`, `malformed-signature`;
//! - [`freshness`]: `stale`, `timestamp-mismatch`;
//! - [`repeat`]: `retry` (as Studio retries), `replay` (identical bytes);
//! - [`tolerance`]: `unknown-event`, `extra-fields`, `out-of-order`;
//! - [`bodies`]: `not-json`, `not-json-forged`, `large-body-forged`, `large-body`;
//! - [`load`]: `burst`, `latency`.

mod bodies;
mod forged;
mod freshness;
mod load;
mod repeat;
mod tolerance;
mod valid;

use super::send::Runner;
use super::{Answer, Grade, Outcome};

/// Run `case`.
pub(super) async fn run(r: &mut Runner<'_>, case: &'static str) -> anyhow::Result<Outcome> {
    match case {
        "valid" => valid::valid(r).await,
        "documented-scheme" => valid::documented_scheme(r).await,
        "bad-signature" | "tampered-body" | "missing-signature" => forged::forged(r, case).await,
        "malformed-signature" => forged::malformed(r).await,
        "stale" => freshness::stale(r).await,
        "timestamp-mismatch" => freshness::timestamp_mismatch(r).await,
        "retry" => repeat::retry(r).await,
        "replay" => repeat::replay(r).await,
        "unknown-event" => tolerance::unknown_event(r).await,
        "extra-fields" => tolerance::extra_fields(r).await,
        "out-of-order" => tolerance::out_of_order(r).await,
        "not-json" => bodies::not_json(r).await,
        "not-json-forged" | "large-body-forged" => bodies::forged(r, case).await,
        "large-body" => bodies::large_body(r).await,
        "burst" => load::burst(r).await,
        _ => Ok(load::latency(r)),
    }
}

/// An outcome whose "what happened" lists the answers.
fn graded(case: &'static str, grade: Grade, answers: Vec<Answer>, why: &str) -> Outcome {
    Outcome {
        case,
        grade,
        happened: answers
            .iter()
            .map(Answer::describe)
            .collect::<Vec<_>>()
            .join(", "),
        why: why.to_owned(),
        answers,
    }
}

/// How a forged delivery's answer grades (the forgery cases and the crash-finding ones):
/// a 4xx passes; a 2xx whose body refuses warns (Studio counts it delivered); a plain 2xx
/// fails; a 5xx warns (Studio would retry it for a day), or fails where a 5xx is the finding.
fn forged_grade(answer: &Answer, server_error_fails: bool) -> (Grade, &'static str) {
    if answer.client_error() {
        (Grade::Pass, "forged deliveries are refused")
    } else if answer.ok() && answer.refused_in_body.is_some() {
        (
            Grade::Warn,
            "refused in the body, but with a 2xx: Studio counts it as delivered; answer 401",
        )
    } else if answer.ok() {
        (
            Grade::Fail,
            "it accepts forged deliveries: anyone who finds the URL can fake events",
        )
    } else if server_error_fails {
        (
            Grade::Fail,
            "it fails (5xx, or no answer) on a delivery it should refuse: it parses or buffers \
             before it verifies; answer 4xx",
        )
    } else {
        (
            Grade::Warn,
            "refused with a 5xx: Studio would retry it for about a day; answer 4xx",
        )
    }
}
