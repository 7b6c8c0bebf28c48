//! Many deliveries, and how fast each is answered.
//!
//! - `burst`: `--burst` valid deliveries (default 50), 10 in flight at once, as Studio sends
//!   concurrent events. Pass when every one is taken; anything else fails (a 429 above all:
//!   Studio never retries a 4xx). The 2xx answers per second the receiver held are reported.
//! - `latency`: over every valid delivery sent by the cases before it. Pass when the slowest
//!   answer came within 5 s; warn up to 30 s; fail at 30 s or more, or when any got no answer
//!   at all: Studio gives up at 30 s and retries.

use std::time::Duration;

use super::super::send::Runner;
use super::super::{Answer, Grade, Outcome};

/// Deliveries `burst` keeps in flight at once.
pub const IN_FLIGHT: usize = 10;
/// Slower than this and `latency` warns; Studio gives up at 30 s.
const LATENCY_WARN: Duration = Duration::from_secs(5);
const STUDIO_TIMEOUT: Duration = Duration::from_secs(30);

pub(super) async fn burst(r: &mut Runner<'_>) -> anyhow::Result<Outcome> {
    let case = "burst";
    let event = r.plan.events[0].clone();
    let mut requests = Vec::new();
    for _ in 0..r.plan.burst {
        requests.push(r.valid(&event, case)?);
    }
    let (answers, took) = r.send_many(&requests, IN_FLIGHT).await;
    let taken = answers.iter().filter(|a| a.taken()).count();
    let per_second = taken as f64 / took.as_secs_f64().max(0.001);
    let (grade, why) = if taken == answers.len() {
        (
            Grade::Pass,
            "a burst of deliveries at once is taken".to_owned(),
        )
    } else {
        let mut kinds: Vec<String> = Vec::new();
        for a in answers.iter().filter(|a| !a.taken()) {
            let kind = match (a.status, &a.refused_in_body) {
                (Some(s), None) => s.to_string(),
                (Some(s), Some(_)) => format!("{s} refusing in its body"),
                (None, _) => "no answer".to_owned(),
            };
            if !kinds.contains(&kind) {
                kinds.push(kind);
            }
        }
        (
            Grade::Fail,
            format!(
                "deliveries arriving together are dropped ({}): Studio sends events in parallel, \
                 and retries only 5xx and no answer",
                kinds.join(", ")
            ),
        )
    };
    Ok(Outcome {
        case,
        grade,
        happened: format!(
            "{taken} of {} taken, {IN_FLIGHT} at a time, in {} ms: {per_second:.0} deliveries/s",
            answers.len(),
            took.as_millis()
        ),
        why,
        answers,
    })
}

pub(super) fn latency(r: &Runner<'_>) -> Outcome {
    let case = "latency";
    let all = &r.valid_answers;
    let unanswered = all.iter().filter(|a| a.status.is_none()).count();
    if unanswered > 0 {
        return Outcome {
            case,
            grade: Grade::Fail,
            happened: format!(
                "{unanswered} of {} valid deliveries got no answer (timed out or refused)",
                all.len()
            ),
            why: "no answer is a failed delivery: Studio retries it, and gives up after a day"
                .to_owned(),
            answers: Vec::new(),
        };
    }
    let slowest = all.iter().map(|a: &Answer| a.ms).max().unwrap_or(0);
    let slowest_d = Duration::from_millis(slowest);
    let (grade, why) = if slowest_d < LATENCY_WARN {
        (Grade::Pass, "answers come well within Studio's 30 s")
    } else if slowest_d < STUDIO_TIMEOUT {
        (
            Grade::Warn,
            "slow answers: past 30 s Studio gives up and retries; answer first, work after",
        )
    } else {
        (
            Grade::Fail,
            "answers take 30 s or more: Studio gives up and retries every one",
        )
    };
    Outcome {
        case,
        grade,
        happened: format!("slowest of {} valid deliveries: {slowest} ms", all.len()),
        why: why.to_owned(),
        answers: Vec::new(),
    }
}
