//! `lpwh check URL`: grade a receiver against Studio's delivery contract (check.md). Each case
//! sends deliveries byte for byte as Studio's sender writes them (the samples, serialized as
//! `JSON.stringify` does, UUID ids, signed by `crate::signature`) and grades the answers, their
//! bodies included; [`report`] shows the result as a table, JSON or JUnit.
//!
//! - [`send`]: the requests (what every case sends with) and reading an answer;
//! - [`cases`]: one file per family of cases, each saying what it sends and how it grades;
//! - [`liveness`]: reaching the receiver without acting on it, and checking it is still up after
//!   every case;
//! - this file: the order of the cases and the rules across them (a receiver that went down,
//!   `valid` failing, a 429 anywhere).

mod cases;
mod liveness;
pub mod report;
mod send;

use std::time::Duration;

use crate::redacted::Secret;
use crate::signature::Scheme;

pub use send::MAX_ANSWER_BYTES;

/// The header every request carries: which case sent it.
pub const CASE_HEADER: &str = "x-lpwh-check";

/// What names a sample's stream, asset and other objects, so a person reading the receiver's
/// logs can tell check's deliveries apart (their ids are UUIDs, as Studio's are).
pub const NAME: &str = "lpwh-check";

/// Every case, in the order they run and are shown.
pub const CASES: [&str; 19] = [
    "valid",
    "documented-scheme",
    "bad-signature",
    "tampered-body",
    "missing-signature",
    "malformed-signature",
    "stale",
    "timestamp-mismatch",
    "retry",
    "replay",
    "unknown-event",
    "extra-fields",
    "out-of-order",
    "not-json",
    "not-json-forged",
    "large-body-forged",
    "large-body",
    "burst",
    "latency",
];

/// The cases that look for crashes: they run even when `valid` fails (graded then on crashes
/// and 5xx alone), as do `documented-scheme` (which explains a failing `valid`) and `latency`.
const ALWAYS_RUN: [&str; 5] = [
    "documented-scheme",
    "malformed-signature",
    "not-json-forged",
    "large-body-forged",
    "latency",
];

/// How a case went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Grade {
    Pass,
    Warn,
    Fail,
    Skipped,
}

/// One delivery sent and the answer the receiver gave. `event` and `event_id` are named as
/// in the delivery JSON (`crate::delivery::json`).
#[derive(Debug, Clone, serde::Serialize)]
pub struct Answer {
    /// The event sent (`null` for a body that is not JSON).
    pub event: Option<String>,
    /// The body's `id`.
    pub event_id: Option<String>,
    /// `None` when there was no HTTP answer (refused, reset, timed out).
    pub status: Option<u16>,
    pub ms: u64,
    /// What went wrong without an answer, or the start of the body, as it came.
    pub note: Option<String>,
    /// A 2xx whose JSON body plainly says it refused (`{"status":"401"}`, `success: false`,
    /// an `error`): what it said.
    pub refused_in_body: Option<String>,
    /// The body says the event was a duplicate or already processed.
    #[serde(skip)]
    pub says_duplicate: bool,
    /// No answer because the time ran out (not a refused or closed connection).
    #[serde(skip)]
    pub timed_out: bool,
}

impl Answer {
    /// A 2xx, whatever its body says (what Studio counts as delivered).
    fn ok(&self) -> bool {
        self.status.is_some_and(|s| (200..300).contains(&s))
    }
    /// A 2xx whose body does not say it refused: taken.
    fn taken(&self) -> bool {
        self.ok() && self.refused_in_body.is_none()
    }
    fn client_error(&self) -> bool {
        self.status.is_some_and(|s| (400..500).contains(&s))
    }
    fn server_error(&self) -> bool {
        self.status.is_none_or(|s| s >= 500)
    }
    /// `200 in 12 ms`, `200 in 3 ms (body says status 401)`, `no answer (timed out)`.
    fn describe(&self) -> String {
        match self.status {
            Some(s) => match &self.refused_in_body {
                Some(said) => format!("{s} in {} ms (body says {said})", self.ms),
                None => format!("{s} in {} ms", self.ms),
            },
            None => format!(
                "no answer ({})",
                self.note.as_deref().unwrap_or("connection failed")
            ),
        }
    }
}

/// One graded case.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Outcome {
    pub case: &'static str,
    pub grade: Grade,
    /// What happened: the statuses and times, or why it was skipped.
    pub happened: String,
    /// Why it matters, one line.
    pub why: String,
    pub answers: Vec<Answer>,
}

impl Outcome {
    fn skipped(case: &'static str, why: impl Into<String>) -> Outcome {
        Self::skipped_with(case, why, Vec::new())
    }

    /// Skipped after sending: the answers are kept, and the reason says what they showed.
    fn skipped_with(case: &'static str, why: impl Into<String>, answers: Vec<Answer>) -> Outcome {
        Outcome {
            case,
            grade: Grade::Skipped,
            happened: format!("skipped: {}", why.into()),
            why: String::new(),
            answers,
        }
    }
}

/// What `check` runs with.
#[derive(Debug, Clone)]
pub struct Plan {
    pub url: url::Url,
    pub secret: Secret,
    pub scheme: Scheme,
    pub events: Vec<String>,
    pub cases: Vec<&'static str>,
    pub timeout: Duration,
    pub burst: usize,
}

/// The events `valid` sends by default for a scheme.
pub fn default_events(scheme: Scheme) -> Vec<String> {
    let names: &[&str] = match scheme {
        Scheme::Fastpix => &[
            "video.media.created",
            "video.media.ready",
            "video.media.failed",
        ],
        _ => &[
            "stream.started",
            "stream.idle",
            "recording.ready",
            "asset.ready",
            "task.completed",
        ],
    };
    names.iter().map(|s| (*s).to_owned()).collect()
}

/// Why a case does not apply to a scheme, if it does not.
fn not_for(case: &str, scheme: Scheme) -> Option<&'static str> {
    match (case, scheme) {
        ("documented-scheme", Scheme::Livepeer) => None,
        ("documented-scheme", _) => Some("only the livepeer scheme has a documented variant"),
        ("stale" | "timestamp-mismatch", Scheme::Fastpix) => {
            Some("fastpix signatures carry no timestamp: freshness cannot be checked")
        }
        ("timestamp-mismatch", Scheme::StandardWebhooks | Scheme::Mux | Scheme::LivepeerDocs) => {
            Some("this scheme signs its timestamp, so the header's cannot disagree unseen")
        }
        _ => None,
    }
}

/// Run the plan's cases in order. The receiver is reached first without sending it anything to
/// act on (a TCP connect); when nothing answers there, the run ends with an error naming the URL.
pub async fn run(plan: &Plan) -> anyhow::Result<Vec<Outcome>> {
    liveness::reachable(&plan.url, plan.timeout).await?;
    let mut runner = send::Runner::new(plan)?;
    let mut outcomes = Vec::new();
    for case in CASES {
        if !plan.cases.contains(&case) {
            continue;
        }
        if let Some(after) = runner.down {
            outcomes.push(Outcome::skipped(
                case,
                format!("not run: the receiver went down after `{after}`"),
            ));
            continue;
        }
        // A receiver that refuses real deliveries refuses everything: most cases would pass or
        // fail for that one reason. Those that find crashes still run.
        if runner.valid_failed() && !ALWAYS_RUN.contains(&case) {
            outcomes.push(Outcome::skipped(
                case,
                "`valid` failed, and with real deliveries refused this case shows nothing",
            ));
            continue;
        }
        if let Some(why) = not_for(case, plan.scheme) {
            outcomes.push(Outcome::skipped(case, why));
            continue;
        }
        let mut outcome = cases::run(&mut runner, case).await?;
        rate_limited(&mut outcome);
        if outcome.grade != Grade::Skipped
            && case != "latency"
            && !liveness::alive(&plan.url, plan.timeout).await
        {
            outcome.grade = Grade::Fail;
            outcome.happened = format!(
                "{}; then the receiver went down (no connection accepted)",
                outcome.happened
            );
            outcome.why = "the receiver went down: its process crashed or stopped listening \
                           after this case, and every delivery until it is back is lost or \
                           retried"
                .to_owned();
            runner.down = Some(case);
        }
        outcomes.push(outcome);
    }
    Ok(outcomes)
}

/// A 429 anywhere fails the case: Studio never retries a 4xx, so a rate-limited delivery is
/// lost for good.
fn rate_limited(outcome: &mut Outcome) {
    let limited = outcome
        .answers
        .iter()
        .filter(|a| a.status == Some(429))
        .count();
    if limited > 0 {
        outcome.grade = Grade::Fail;
        outcome.why = format!(
            "{limited} answered 429 Too Many Requests: Studio never retries a 4xx, so each \
             rate-limited delivery is lost for good; take deliveries without a rate limit \
             (queue the work instead)"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_skip_what_they_cannot_check() {
        assert!(not_for("stale", Scheme::Fastpix).is_some());
        assert!(not_for("timestamp-mismatch", Scheme::Mux).is_some());
        assert!(not_for("documented-scheme", Scheme::Fastpix).is_some());
        assert!(not_for("documented-scheme", Scheme::Livepeer).is_none());
        assert!(not_for("stale", Scheme::Livepeer).is_none());
    }

    #[test]
    fn a_429_fails_any_case() {
        let answer = |status| Answer {
            event: None,
            event_id: None,
            status: Some(status),
            ms: 1,
            note: None,
            refused_in_body: None,
            says_duplicate: false,
            timed_out: false,
        };
        let mut outcome = Outcome {
            case: "burst",
            grade: Grade::Pass,
            happened: String::new(),
            why: String::new(),
            answers: vec![answer(200), answer(429), answer(429)],
        };
        rate_limited(&mut outcome);
        assert_eq!(outcome.grade, Grade::Fail);
        assert!(outcome.why.starts_with("2 answered 429"), "{}", outcome.why);
    }
}
