//! `lpwh check URL`: grade a receiver against Studio's delivery contract (check.md). Each case
//! sends real, signed deliveries (the sample payloads, signed by `crate::signature`) and grades
//! the answers; [`report`] shows the result as a table, JSON or JUnit.

pub mod report;

use std::time::{Duration, Instant};

use serde_json::Value;

use crate::redacted::Secret;
use crate::samples::{self, SampleOptions};
use crate::signature::{self, Scheme};

/// The header every request carries: which case sent it.
pub const CASE_HEADER: &str = "x-lpwh-check";

/// Slower than this and `latency` warns; Studio gives up at 30 s.
const LATENCY_WARN: Duration = Duration::from_secs(5);
const STUDIO_TIMEOUT: Duration = Duration::from_secs(30);

/// The most of a receiver's answer `check` reads; the rest is dropped unread.
pub const MAX_ANSWER_BYTES: usize = 64 * 1024;
/// The size of the `large-body` delivery.
const LARGE_BODY: usize = 512 * 1024;

/// Every case, in the order they run and are shown.
pub const CASES: [&str; 16] = [
    "valid",
    "documented-scheme",
    "bad-signature",
    "tampered-body",
    "missing-signature",
    "malformed-signature",
    "stale",
    "timestamp-mismatch",
    "retry",
    "unknown-event",
    "extra-fields",
    "out-of-order",
    "not-json",
    "large-body",
    "burst",
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
    /// What went wrong without an answer, or the start of the body.
    pub note: Option<String>,
}

impl Answer {
    fn ok(&self) -> bool {
        self.status.is_some_and(|s| (200..300).contains(&s))
    }
    fn client_error(&self) -> bool {
        self.status.is_some_and(|s| (400..500).contains(&s))
    }
    fn server_error(&self) -> bool {
        self.status.is_none_or(|s| s >= 500)
    }
    /// `200 in 12 ms`, `no answer (timed out)`.
    fn describe(&self) -> String {
        match self.status {
            Some(s) => format!("{s} in {} ms", self.ms),
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

/// A delivery ready to send.
struct Request {
    body: Vec<u8>,
    headers: Vec<(String, String)>,
}

impl Request {
    /// What the body says it is: (`event` or `type`, `id`).
    fn names(&self) -> (Option<String>, Option<String>) {
        let envelope = crate::delivery::Envelope::parse(&self.body);
        (envelope.event, envelope.id)
    }
}

/// The client every case sends with: a per-request timeout, no redirects, no proxy.
fn client(timeout: Duration) -> anyhow::Result<reqwest::Client> {
    Ok(reqwest::Client::builder()
        .timeout(timeout)
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .build()?)
}

struct Runner<'a> {
    plan: &'a Plan,
    client: reqwest::Client,
    /// Every valid delivery's answer, for `latency`.
    valid_answers: Vec<Answer>,
    /// How `valid` went, for `documented-scheme`.
    valid_passed: Option<bool>,
}

/// Run the plan's cases in order. The first request failing without any HTTP answer ends the
/// run with an error naming the URL: nothing can be graded against a receiver that is not there.
pub async fn run(plan: &Plan) -> anyhow::Result<Vec<Outcome>> {
    let mut runner = Runner {
        plan,
        client: client(plan.timeout)?,
        valid_answers: Vec::new(),
        valid_passed: None,
    };
    // Reachability first, with a delivery the receiver should take.
    let probe = runner.valid("stream.started", "valid")?;
    let first = runner.send(&probe, "valid").await;
    if first.status.is_none() {
        return Err(crate::error::Failure::failure(format!(
            "cannot reach {}: {}",
            crate::redacted::url_without_secrets(plan.url.as_str()),
            first.note.unwrap_or_default()
        ))
        .hint("start the receiver first, and check the URL (scheme, host, port and path)")
        .into());
    }
    let mut outcomes = Vec::new();
    for case in CASES {
        if !plan.cases.contains(&case) {
            continue;
        }
        // A receiver that refuses real deliveries refuses everything: the other cases would
        // pass or fail for that one reason, and say nothing of their own.
        if runner.valid_passed == Some(false) && !matches!(case, "documented-scheme" | "latency") {
            outcomes.push(Outcome {
                case,
                grade: Grade::Skipped,
                happened: "skipped: `valid` failed, and with real deliveries refused this case shows nothing"
                    .to_owned(),
                why: String::new(),
                answers: Vec::new(),
            });
            continue;
        }
        if let Some(why) = not_for(case, plan.scheme) {
            outcomes.push(Outcome {
                case,
                grade: Grade::Skipped,
                happened: format!("skipped: {why}"),
                why: String::new(),
                answers: Vec::new(),
            });
            continue;
        }
        let outcome = runner.case(case).await?;
        outcomes.push(outcome);
    }
    Ok(outcomes)
}

impl Runner<'_> {
    /// A sample of `event`, ids made plainly fake, stamped `at` (Unix ms).
    fn body(&self, event: &str, at: i64, case: &str) -> anyhow::Result<Value> {
        let mut value = samples::render_value(
            event,
            &SampleOptions {
                timestamp_ms: at,
                ..SampleOptions::default()
            },
        )
        .map_err(crate::error::Failure::from)?;
        fake_ids(&mut value, case);
        Ok(value)
    }

    /// `body` signed with `secret` at `at`, with the case header.
    fn signed(
        &self,
        scheme: Scheme,
        secret: &Secret,
        body: Vec<u8>,
        at: i64,
        case: &str,
    ) -> anyhow::Result<Request> {
        let id = format!("msg_lpwh_check_{}", uuid::Uuid::new_v4().simple());
        let mut headers = signature::sign(scheme, secret, &body, at, Some(&id))
            .map_err(|e| crate::error::usage(format!("cannot sign as {scheme}: {e}")))?;
        headers.push((CASE_HEADER.to_owned(), case.to_owned()));
        Ok(Request { body, headers })
    }

    /// A valid delivery of `event`, now.
    fn valid(&self, event: &str, case: &str) -> anyhow::Result<Request> {
        let now = crate::humane::now_ms();
        let body = serde_json::to_vec(&self.body(event, now, case)?)?;
        self.signed(self.plan.scheme, &self.plan.secret, body, now, case)
    }

    /// The POST of `request` to the receiver, ready to send.
    fn post(&self, request: &Request) -> reqwest::RequestBuilder {
        let mut builder = self
            .client
            .post(self.plan.url.clone())
            .header("content-type", "application/json")
            .header("user-agent", "lpwh check");
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        builder.body(request.body.clone())
    }

    async fn send(&mut self, request: &Request, case: &str) -> Answer {
        let answer = exchange(self.post(request), request.names(), self.plan.timeout).await;
        // Unanswered ones too: `latency` fails on them rather than timing only the fast.
        if is_valid_case(case) {
            self.valid_answers.push(answer.clone());
        }
        answer
    }

    async fn case(&mut self, case: &'static str) -> anyhow::Result<Outcome> {
        let scheme = self.plan.scheme;
        let secret = self.plan.secret.clone();
        let first_event = self.plan.events[0].clone();
        let now = crate::humane::now_ms;
        let outcome = |grade, answers: Vec<Answer>, why: &str| Outcome {
            case,
            grade,
            happened: answers
                .iter()
                .map(Answer::describe)
                .collect::<Vec<_>>()
                .join(", "),
            why: why.to_owned(),
            answers,
        };
        Ok(match case {
            "valid" => {
                let mut answers = Vec::new();
                for event in self.plan.events.clone() {
                    let request = self.valid(&event, case)?;
                    answers.push(self.send(&request, case).await);
                }
                let passed = answers.iter().all(Answer::ok);
                self.valid_passed = Some(passed);
                if passed {
                    outcome(Grade::Pass, answers, "real deliveries are accepted")
                } else {
                    let bad = answers.iter().find(|a| !a.ok()).cloned();
                    let quoted = bad
                        .and_then(|a| a.note)
                        .map(|n| format!(" (answered: {n})"))
                        .unwrap_or_default();
                    outcome(
                        Grade::Fail,
                        answers,
                        &format!(
                            "a validly signed delivery was refused: Studio would mark it failed{quoted}"
                        ),
                    )
                }
            }
            "documented-scheme" => {
                let at = now();
                let body = serde_json::to_vec(&self.body(&first_event, at, case)?)?;
                let request = self.signed(Scheme::LivepeerDocs, &secret, body, at, case)?;
                let answer = self.send(&request, case).await;
                let valid_ok = self.valid_passed == Some(true);
                if answer.client_error() {
                    outcome(
                        Grade::Pass,
                        vec![answer],
                        "only what Studio really sends is accepted",
                    )
                } else if answer.ok() && valid_ok {
                    outcome(
                        Grade::Warn,
                        vec![answer],
                        "both the real and the guide's scheme are accepted",
                    )
                } else if answer.ok() {
                    outcome(
                        Grade::Fail,
                        vec![answer],
                        "the receiver follows the Studio guide's scheme (t in seconds, HMAC of t.body), so every real Studio delivery (HMAC of the body alone, t in ms) will be refused",
                    )
                } else {
                    outcome(Grade::Warn, vec![answer], "answered neither 2xx nor 4xx")
                }
            }
            "bad-signature" | "tampered-body" | "missing-signature" | "malformed-signature" => {
                let at = now();
                let body = serde_json::to_vec(&self.body(&first_event, at, case)?)?;
                let request = match case {
                    "bad-signature" => {
                        self.signed(scheme, &other_secret(scheme), body, at, case)?
                    }
                    "tampered-body" => {
                        let mut request = self.signed(scheme, &secret, body, at, case)?;
                        tamper(&mut request.body);
                        request
                    }
                    "missing-signature" => {
                        let mut request = self.signed(scheme, &secret, body, at, case)?;
                        let signature_header = scheme.signature_header();
                        request
                            .headers
                            .retain(|(n, _)| !n.eq_ignore_ascii_case(signature_header));
                        request
                    }
                    _ => {
                        let mut request = self.signed(scheme, &secret, body, at, case)?;
                        let signature_header = scheme.signature_header();
                        for (name, value) in &mut request.headers {
                            if name.eq_ignore_ascii_case(signature_header) {
                                *value = "t=,v1=zz-not-a-signature".into();
                            }
                        }
                        request
                    }
                };
                let answer = self.send(&request, case).await;
                if answer.client_error() {
                    outcome(Grade::Pass, vec![answer], "forged deliveries are refused")
                } else if answer.ok() {
                    outcome(
                        Grade::Fail,
                        vec![answer],
                        "it accepts forged deliveries: anyone who finds the URL can fake events",
                    )
                } else {
                    outcome(
                        Grade::Warn,
                        vec![answer],
                        "refused with a 5xx: Studio would retry it for about a day; answer 4xx",
                    )
                }
            }
            "stale" | "timestamp-mismatch" => {
                let old = now() - 10 * 60_000;
                let body = serde_json::to_vec(&self.body(&first_event, old, case)?)?;
                let signed_at = if case == "stale" { old } else { now() };
                let request = self.signed(scheme, &secret, body, signed_at, case)?;
                let answer = self.send(&request, case).await;
                let why_warn = if case == "stale" {
                    "a 10-minute-old delivery was accepted: no replay protection"
                } else {
                    "freshness is taken from the unsigned header t, not the signed body's timestamp: a captured delivery can be replayed"
                };
                if answer.client_error() {
                    outcome(Grade::Pass, vec![answer], "old deliveries are refused")
                } else {
                    outcome(Grade::Warn, vec![answer], why_warn)
                }
            }
            "retry" => {
                let request = self.valid(&first_event, case)?;
                let first = self.send(&request, case).await;
                let second = self.send(&request, case).await;
                if second.server_error() {
                    outcome(
                        Grade::Fail,
                        vec![first, second],
                        "a retry of the same event is refused with a 5xx: Studio retries it for a day",
                    )
                } else {
                    outcome(
                        Grade::Pass,
                        vec![first, second],
                        "Studio's retries (same bytes, same id) are answered",
                    )
                }
            }
            "unknown-event" => {
                let event = if scheme == Scheme::Fastpix {
                    "video.media.deleted"
                } else {
                    "playback.user.new"
                };
                let request = self.valid(event, case)?;
                let answer = self.send(&request, case).await;
                if answer.ok() {
                    outcome(
                        Grade::Pass,
                        vec![answer],
                        "events it does not handle are still acknowledged",
                    )
                } else if answer.client_error() {
                    outcome(
                        Grade::Warn,
                        vec![answer],
                        "an event it ignores shows as a failed delivery in Studio: answer 2xx",
                    )
                } else {
                    outcome(
                        Grade::Fail,
                        vec![answer],
                        "an event it ignores gets a 5xx: Studio retries it for a day",
                    )
                }
            }
            "extra-fields" => {
                let at = now();
                let mut value = self.body(&first_event, at, case)?;
                if let Value::Object(top) = &mut value {
                    top.insert("lpwhCheckExtra".into(), Value::from("added by lpwh check"));
                    for key in ["payload", "stream", "object", "data"] {
                        if let Some(Value::Object(inner)) = top.get_mut(key) {
                            inner.insert("lpwhCheckExtra".into(), Value::from(1));
                        }
                    }
                }
                let request =
                    self.signed(scheme, &secret, serde_json::to_vec(&value)?, at, case)?;
                let answer = self.send(&request, case).await;
                if answer.ok() {
                    outcome(
                        Grade::Pass,
                        vec![answer],
                        "fields it does not know are ignored",
                    )
                } else {
                    outcome(
                        Grade::Fail,
                        vec![answer],
                        "unknown fields are refused: Studio adds fields without notice",
                    )
                }
            }
            "out-of-order" => {
                let (later, earlier) = if scheme == Scheme::Fastpix {
                    ("video.media.ready", "video.media.created")
                } else {
                    ("stream.idle", "stream.started")
                };
                let first = self.valid(later, case)?;
                let second = self.valid(earlier, case)?;
                let answers = vec![
                    self.send(&first, case).await,
                    self.send(&second, case).await,
                ];
                if answers.iter().all(Answer::ok) {
                    outcome(
                        Grade::Pass,
                        answers,
                        "events arriving out of order are taken",
                    )
                } else if answers.iter().any(Answer::server_error) {
                    outcome(
                        Grade::Fail,
                        answers,
                        "an out-of-order event gets a 5xx: Studio retries, and order is never guaranteed",
                    )
                } else {
                    outcome(
                        Grade::Warn,
                        answers,
                        "an out-of-order event is refused: Studio does not guarantee order",
                    )
                }
            }
            "not-json" => {
                let body = b"this is not JSON, but it is validly signed".to_vec();
                let request = self.signed(scheme, &secret, body, now(), case)?;
                let answer = self.send(&request, case).await;
                if answer.client_error() {
                    outcome(
                        Grade::Pass,
                        vec![answer],
                        "a body that is not JSON is refused",
                    )
                } else {
                    outcome(
                        Grade::Warn,
                        vec![answer],
                        "a body that is not JSON was not refused with a 4xx",
                    )
                }
            }
            "large-body" => {
                let at = now();
                let mut value = self.body(&first_event, at, case)?;
                if let Value::Object(top) = &mut value {
                    top.insert(
                        "lpwhCheckPadding".into(),
                        Value::from("x".repeat(LARGE_BODY)),
                    );
                }
                let request =
                    self.signed(scheme, &secret, serde_json::to_vec(&value)?, at, case)?;
                let answer = self.send(&request, case).await;
                if answer.ok() {
                    outcome(Grade::Pass, vec![answer], "a 512 KiB delivery is taken")
                } else if answer.status == Some(413) {
                    outcome(
                        Grade::Warn,
                        vec![answer],
                        "a 512 KiB delivery is too large for it: big payloads would be lost",
                    )
                } else {
                    outcome(Grade::Fail, vec![answer], "a 512 KiB delivery breaks it")
                }
            }
            "burst" => {
                let mut requests = Vec::new();
                for _ in 0..self.plan.burst {
                    requests.push(self.valid(&first_event, case)?);
                }
                // All at once, as Studio sends concurrent events; bounded by --burst.
                let mut set = tokio::task::JoinSet::new();
                for r in &requests {
                    set.spawn(exchange(self.post(r), r.names(), self.plan.timeout));
                }
                let mut answers = Vec::new();
                while let Some(joined) = set.join_next().await {
                    if let Ok(answer) = joined {
                        answers.push(answer);
                    }
                }
                self.valid_answers
                    .extend(answers.iter().filter(|a| a.status.is_some()).cloned());
                let ok = answers.iter().filter(|a| a.ok()).count();
                let mut out = if ok == answers.len() {
                    outcome(
                        Grade::Pass,
                        answers,
                        "a burst of deliveries at once is taken",
                    )
                } else {
                    outcome(
                        Grade::Fail,
                        answers,
                        "deliveries arriving at once are dropped: Studio sends them in parallel",
                    )
                };
                out.happened = format!("{ok} of {} answered 2xx", self.plan.burst);
                out
            }
            _ => {
                // latency: over every valid delivery sent above. No answer is no speed at all.
                let unanswered = self
                    .valid_answers
                    .iter()
                    .filter(|a| a.status.is_none())
                    .count();
                if unanswered > 0 {
                    return Ok(Outcome {
                        case,
                        grade: Grade::Fail,
                        happened: format!(
                            "{unanswered} of {} valid deliveries got no answer (timed out or \
                             refused)",
                            self.valid_answers.len()
                        ),
                        why: "no answer is a failed delivery: Studio retries it, and gives up \
                              after a day"
                            .to_owned(),
                        answers: Vec::new(),
                    });
                }
                let slowest = self.valid_answers.iter().map(|a| a.ms).max().unwrap_or(0);
                let slowest_d = Duration::from_millis(slowest);
                let grade = if slowest_d < LATENCY_WARN {
                    Grade::Pass
                } else if slowest_d < STUDIO_TIMEOUT {
                    Grade::Warn
                } else {
                    Grade::Fail
                };
                let why = match grade {
                    Grade::Pass => "answers come well within Studio's 30 s",
                    Grade::Warn => {
                        "slow answers: past 30 s Studio gives up and retries; answer first, work after"
                    }
                    _ => "answers take 30 s or more: Studio gives up and retries every one",
                };
                Outcome {
                    case,
                    grade,
                    happened: format!(
                        "slowest of {} valid deliveries: {slowest} ms",
                        self.valid_answers.len()
                    ),
                    why: why.to_owned(),
                    answers: Vec::new(),
                }
            }
        })
    }
}

/// Send one request and make its [`Answer`]: the status and the start of the body, or what
/// went wrong without an answer.
async fn exchange(
    request: reqwest::RequestBuilder,
    (event, event_id): (Option<String>, Option<String>),
    timeout: Duration,
) -> Answer {
    let started = Instant::now();
    let result = request.send().await;
    let ms = started.elapsed().as_millis() as u64;
    let (status, note) = match result {
        Ok(mut answer) => {
            let status = answer.status().as_u16();
            // Read only what a verdict looks at: a receiver that streams gigabytes costs no
            // more than this (the rest is dropped with the connection).
            let mut kept = Vec::new();
            while kept.len() < MAX_ANSWER_BYTES {
                match answer.chunk().await {
                    Ok(Some(chunk)) => kept.extend_from_slice(&chunk),
                    _ => break,
                }
            }
            kept.truncate(MAX_ANSWER_BYTES);
            drop(answer);
            let text = String::from_utf8_lossy(&kept);
            let start: String = text.chars().take(80).collect();
            // Raw here: the table and JUnit sanitize it, JSON escapes it.
            let note = (!start.trim().is_empty()).then(|| start.trim().to_owned());
            (Some(status), note)
        }
        Err(err) => {
            let note = if err.is_timeout() {
                format!("timed out after {}", crate::humane::Duration::of(timeout))
            } else if err.is_connect() {
                "connection refused or reset".to_owned()
            } else {
                err.without_url().to_string()
            };
            (None, Some(note))
        }
    };
    Answer {
        event,
        event_id,
        status,
        ms,
        note,
    }
}

/// Cases whose deliveries are valid ones (counted for `latency`).
fn is_valid_case(case: &str) -> bool {
    matches!(
        case,
        "valid" | "retry" | "unknown-event" | "extra-fields" | "out-of-order" | "large-body"
    )
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
fn tamper(body: &mut [u8]) {
    if let Some(at) = body.iter().rposition(|b| b.is_ascii_digit()) {
        body[at] = if body[at] == b'9' { b'0' } else { body[at] + 1 };
    } else if let Some(at) = body.iter().position(|b| b.is_ascii_lowercase()) {
        body[at] = body[at].to_ascii_uppercase();
    }
}

/// Make every id in a sample plainly fake (`lpwh-check-…`): the event's own `id` fresh, and the
/// stream, asset, session and other ids recognisable in the receiver's logs.
fn fake_ids(value: &mut Value, case: &str) {
    fn walk(value: &mut Value, short: &str) {
        match value {
            Value::Object(map) => {
                for (key, v) in map.iter_mut() {
                    let is_id = key == "id" || key.ends_with("Id") || key.ends_with("_id");
                    if is_id && v.is_string() {
                        *v = Value::String(format!(
                            "lpwh-check-{}-{short}",
                            key.to_ascii_lowercase()
                        ));
                    } else {
                        walk(v, short);
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|v| walk(v, short)),
            _ => {}
        }
    }
    let short: String = uuid::Uuid::new_v4().simple().to_string()[..8].to_owned();
    walk(value, &short);
    if let Value::Object(top) = value {
        // The event id: fresh for every request, so duplicates are the receiver's own business.
        top.insert(
            "id".into(),
            Value::String(format!("lpwh-check-{case}-{}", uuid::Uuid::new_v4())),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_plainly_fake_and_the_event_id_fresh() {
        let mut a =
            serde_json::json!({"id": "x", "stream": {"id": "s", "playbackId": "p"}, "n": 1});
        let mut b = a.clone();
        fake_ids(&mut a, "valid");
        fake_ids(&mut b, "valid");
        assert!(a["id"].as_str().unwrap().starts_with("lpwh-check-valid-"));
        assert_ne!(a["id"], b["id"]);
        assert!(
            a["stream"]["id"]
                .as_str()
                .unwrap()
                .starts_with("lpwh-check-id-")
        );
        assert!(
            a["stream"]["playbackId"]
                .as_str()
                .unwrap()
                .starts_with("lpwh-check-playbackid-")
        );
        assert_eq!(a["n"], 1);
    }

    #[test]
    fn tampering_changes_exactly_one_byte_and_keeps_json() {
        let mut body = br#"{"timestamp":1700000000000,"event":"x"}"#.to_vec();
        let before = body.clone();
        tamper(&mut body);
        let changed = before.iter().zip(&body).filter(|(a, b)| a != b).count();
        assert_eq!(changed, 1);
        assert!(serde_json::from_slice::<Value>(&body).is_ok());
    }

    #[test]
    fn schemes_skip_what_they_cannot_check() {
        assert!(not_for("stale", Scheme::Fastpix).is_some());
        assert!(not_for("timestamp-mismatch", Scheme::Mux).is_some());
        assert!(not_for("documented-scheme", Scheme::Fastpix).is_some());
        assert!(not_for("documented-scheme", Scheme::Livepeer).is_none());
        assert!(not_for("stale", Scheme::Livepeer).is_none());
    }
}
