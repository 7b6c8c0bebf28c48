//! `valid`: one validly signed delivery per event of `--events`, as Studio sends it. Pass when
//! every one is taken (2xx, and the body does not say it refused); anything else fails, quoting
//! the answer. A 2xx whose body refuses is the worst of both: the event is dropped, and Studio,
//! seeing a success, never retries it or shows a failure.
//!
//! `documented-scheme`: the same body signed as the Studio guide documents (`t` in seconds, HMAC
//! of `t.body`). Pass on a 4xx; warn on a 2xx while `valid` passed (two schemes accepted); fail
//! on a 2xx while `valid` was refused (the receiver follows the guide, so every real delivery is
//! refused); skipped when both were refused (the receiver refuses both schemes: nothing to tell).

use super::super::send::Runner;
use super::super::{Grade, Outcome};
use super::graded;
use crate::signature::Scheme;

pub(super) async fn valid(r: &mut Runner<'_>) -> anyhow::Result<Outcome> {
    let case = "valid";
    let mut answers = Vec::new();
    for event in r.plan.events.clone() {
        let request = r.valid(&event, case)?;
        answers.push(r.send(&request, true).await);
    }
    r.valid = Some(answers.clone());
    let Some(bad) = answers.iter().find(|a| !a.taken()).cloned() else {
        return Ok(graded(
            case,
            Grade::Pass,
            answers,
            "real deliveries are accepted",
        ));
    };
    let why = match &bad.refused_in_body {
        Some(said) => format!(
            "answered {} but its body says it refused ({said}): the event is dropped, and \
             Studio, seeing a success, will never retry it or show a failure",
            bad.status.unwrap_or(200)
        ),
        None => {
            let quoted = bad
                .note
                .map(|n| format!(" (answered: {n})"))
                .unwrap_or_default();
            format!("a validly signed delivery was refused: Studio would mark it failed{quoted}")
        }
    };
    Ok(graded(case, Grade::Fail, answers, &why))
}

pub(super) async fn documented_scheme(r: &mut Runner<'_>) -> anyhow::Result<Outcome> {
    let case = "documented-scheme";
    let at = crate::humane::now_ms();
    let event = r.plan.events[0].clone();
    let body = Runner::bytes(&r.body(&event, at)?)?;
    let secret = r.plan.secret.clone();
    let request = r.signed(Scheme::LivepeerDocs, &secret, body, at, case)?;
    let answer = r.send(&request, false).await;
    let valid_taken = !r.valid_failed() && r.valid.is_some();
    let valid_refused = r
        .valid
        .as_ref()
        .is_some_and(|answers| answers.iter().any(|a| a.client_error()));
    Ok(if answer.client_error() && valid_refused {
        Outcome::skipped_with(
            case,
            "it refuses both schemes: the real one (`valid`) and the guide's",
            vec![answer],
        )
    } else if answer.client_error() {
        graded(
            case,
            Grade::Pass,
            vec![answer],
            "only what Studio really sends is accepted",
        )
    } else if answer.taken() && valid_taken {
        graded(
            case,
            Grade::Warn,
            vec![answer],
            "both the real and the guide's scheme are accepted",
        )
    } else if answer.taken() {
        graded(
            case,
            Grade::Fail,
            vec![answer],
            "the receiver follows the Studio guide's scheme (t in seconds, HMAC of t.body), so \
             every real Studio delivery (HMAC of the body alone, t in ms) will be refused",
        )
    } else {
        graded(
            case,
            Grade::Warn,
            vec![answer],
            "answered neither 2xx nor 4xx",
        )
    })
}
