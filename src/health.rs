//! `lpwh health`'s figures for one webhook, from its delivery logs as Studio pages them.
//!
//! Rows are counted as they stream in and then dropped ([`Tally::add`]); what stays per row is
//! its duration (4 bytes, for the percentiles) and, per event, its id with its latest attempt's
//! time and outcome. Studio's log has no event id of its own: it is the `id` inside the logged
//! body, shared by an event's retries and resends (studio-api.md), so a delivery that failed
//! twice and then succeeded is one event, succeeded, with three attempts.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::api::WebhookLog;
use crate::webhook::render::{decode_body, duration_ms};

const HOUR_MS: i64 = 3_600_000;
/// A failed attempt without an answer that took this long was Studio's 30 s timeout; a
/// shorter one was a refused connection, a reset or a DNS error.
const TIMEOUT_SECS: f64 = 29.0;
/// How much of the last failure's answer is kept.
const ANSWER_START: usize = 120;

/// Why an attempt failed: the receiver's status, or no answer at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Failure {
    Status(u16),
    /// No answer within Studio's 30 s.
    Timeout,
    /// No answer, quickly: refused, reset, or the name did not resolve.
    Network,
}

impl Failure {
    fn of(log: &WebhookLog) -> Option<Failure> {
        if log.success {
            return None;
        }
        Some(match log.response.as_ref().and_then(|r| r.status) {
            Some(status) => Failure::Status(status),
            None if log.duration >= TIMEOUT_SECS => Failure::Timeout,
            None => Failure::Network,
        })
    }

    /// `401`, `timeout`, `network error`.
    pub fn label(self) -> String {
        match self {
            Failure::Status(status) => status.to_string(),
            Failure::Timeout => "timeout".to_owned(),
            Failure::Network => "network error".to_owned(),
        }
    }
}

/// The window the figures cover, in Unix milliseconds.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    pub start_ms: i64,
    pub end_ms: i64,
}

impl Window {
    /// Whole hours, at least one: the sparkline's marks and `--json`'s `hourly` entries.
    pub fn hours(self) -> usize {
        let span = (self.end_ms - self.start_ms).max(1);
        usize::try_from((span + HOUR_MS - 1) / HOUR_MS).unwrap_or(1)
    }
}

/// The newest failed attempt.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LastFailure {
    pub log_id: String,
    pub at: i64,
    /// `401`, `timeout`, `network error`.
    pub failure: String,
    /// The start of the receiver's answer, decoded from Studio's base64, on one line.
    pub answer: String,
}

/// Attempts and failed attempts in one hour of the window.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Hour {
    pub start: i64,
    pub attempts: u32,
    pub failures: u32,
}

/// The running count for one webhook.
pub struct Tally {
    window: Window,
    attempts: u64,
    failed_attempts: u64,
    /// Event id → (its latest attempt's time, whether that attempt succeeded).
    events: HashMap<Box<str>, (i64, bool)>,
    durations_ms: Vec<u32>,
    failures: BTreeMap<Failure, u64>,
    last_failure: Option<LastFailure>,
    hourly: Vec<Hour>,
}

impl Tally {
    pub fn new(window: Window) -> Tally {
        let hourly = (0..window.hours())
            .map(|i| Hour {
                start: window.start_ms + i as i64 * HOUR_MS,
                ..Hour::default()
            })
            .collect();
        Tally {
            window,
            attempts: 0,
            failed_attempts: 0,
            events: HashMap::new(),
            durations_ms: Vec::new(),
            failures: BTreeMap::new(),
            last_failure: None,
            hourly,
        }
    }

    /// Count one logged attempt. Returns `false` (and counts nothing) for one from before the
    /// window: logs come newest first, so the caller stops paging there.
    pub fn add(&mut self, log: &WebhookLog) -> bool {
        if log.created_at < self.window.start_ms {
            return false;
        }
        self.attempts += 1;
        self.durations_ms
            .push(u32::try_from(duration_ms(log.duration)).unwrap_or(u32::MAX));
        let hour = usize::try_from((log.created_at - self.window.start_ms) / HOUR_MS)
            .unwrap_or(0)
            .min(self.hourly.len() - 1);
        self.hourly[hour].attempts += 1;

        let key = event_id(log).unwrap_or_else(|| format!("log:{}", log.id).into_boxed_str());
        let entry = self.events.entry(key).or_insert((i64::MIN, false));
        if log.created_at >= entry.0 {
            *entry = (log.created_at, log.success);
        }

        if let Some(failure) = Failure::of(log) {
            self.failed_attempts += 1;
            self.hourly[hour].failures += 1;
            *self.failures.entry(failure).or_default() += 1;
            if self
                .last_failure
                .as_ref()
                .is_none_or(|last| log.created_at > last.at)
            {
                self.last_failure = Some(LastFailure {
                    log_id: log.id.clone(),
                    at: log.created_at,
                    failure: failure.label(),
                    answer: answer_start(log),
                });
            }
        }
        true
    }

    /// The figures, for printing or `--json`; hints name the webhook by `webhook_id`.
    pub fn finish(mut self, webhook_id: &str) -> Figures {
        let events = self.events.len() as u64;
        let events_succeeded = self.events.values().filter(|(_, ok)| *ok).count() as u64;
        self.durations_ms.sort_unstable();
        let durations = (!self.durations_ms.is_empty()).then(|| Durations {
            p50: percentile(&self.durations_ms, 50),
            p95: percentile(&self.durations_ms, 95),
            max: *self.durations_ms.last().expect("not empty"),
        });
        let mut failures: Vec<(Failure, u64)> = self.failures.into_iter().collect();
        failures.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let hints = hints(&failures, webhook_id);
        Figures {
            events,
            events_succeeded,
            success_rate: rate(events_succeeded, events),
            attempts: self.attempts,
            failed_attempts: self.failed_attempts,
            attempt_failure_rate: rate(self.failed_attempts, self.attempts),
            failures: failures
                .into_iter()
                .map(|(failure, count)| FailureCount {
                    status: match failure {
                        Failure::Status(s) => Some(s),
                        _ => None,
                    },
                    failure: failure.label(),
                    count,
                })
                .collect(),
            duration_ms: durations,
            last_failure: self.last_failure,
            hints,
            hourly: self.hourly,
        }
    }
}

/// The figures of one webhook over the window.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Figures {
    /// Events with at least one attempt in the window.
    pub events: u64,
    /// Events whose latest attempt succeeded.
    pub events_succeeded: u64,
    /// `events_succeeded / events`, in percent; `None` without events.
    pub success_rate: Option<f64>,
    pub attempts: u64,
    pub failed_attempts: u64,
    pub attempt_failure_rate: Option<f64>,
    /// Failed attempts by cause, most first.
    pub failures: Vec<FailureCount>,
    pub duration_ms: Option<Durations>,
    pub last_failure: Option<LastFailure>,
    pub hints: Vec<String>,
    pub hourly: Vec<Hour>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FailureCount {
    /// `401`, `timeout`, `network error`.
    pub failure: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    pub count: u64,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Durations {
    pub p50: u32,
    pub p95: u32,
    pub max: u32,
}

/// The event's id: the `id` inside the logged body, read as `listen` reads a delivery's
/// (`None` when the body has none).
fn event_id(log: &WebhookLog) -> Option<Box<str>> {
    let body = &log.request.as_ref()?.body;
    crate::delivery::Envelope::parse(body.as_bytes())
        .id
        .map(String::into_boxed_str)
}

/// The start of the receiver's answer, on one line.
fn answer_start(log: &WebhookLog) -> String {
    let Some(encoded) = log.response.as_ref().and_then(|r| r.body.as_deref()) else {
        return String::new();
    };
    let text = decode_body(encoded).unwrap_or_else(|| encoded.to_owned());
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(ANSWER_START) {
        Some((cut, _)) => format!("{}…", &one_line[..cut]),
        None => one_line,
    }
}

/// Nearest-rank percentile of sorted values.
fn percentile(sorted: &[u32], pct: usize) -> u32 {
    let rank = (pct * sorted.len()).div_ceil(100).max(1);
    sorted[rank - 1]
}

fn rate(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 * 100.0 / whole as f64)
}

/// What the failures point to, from the answers alone; the likeliest (most failures) first.
fn hints(failures: &[(Failure, u64)], id: &str) -> Vec<String> {
    let mut hints = Vec::new();
    let mut said = |hint: &str| {
        let hint = hint.replace("{id}", id);
        if !hints.contains(&hint) {
            hints.push(hint);
        }
    };
    for (failure, _) in failures {
        match failure {
            Failure::Status(401 | 403) => said(
                "401/403: the receiver refuses the signature, most likely a secret mismatch (after a \
                 rotation the app still has the old secret); compare it with 'lpwh get {id} --show-secrets'",
            ),
            Failure::Status(404) => said(
                "404: the URL or route moved; point the webhook at it with 'lpwh update {id} --url URL'",
            ),
            Failure::Status(429) => said(
                "429: Studio never retries a 4xx, so each rate-limited delivery is lost; let Studio \
                 through the rate limit",
            ),
            Failure::Timeout => said(
                "timeouts: no answer within Studio's 30 s, so it retries; answer 2xx first and do \
                 the work after",
            ),
            Failure::Network => said(
                "network errors: the receiver was down or unreachable (refused, reset, or its name \
                 did not resolve)",
            ),
            Failure::Status(500..=599) => said(
                "5xx: the receiver fails while handling these events; Studio retries each for about \
                 a day, so they arrive once it is fixed ('lpwh logs {id} --failed' shows the answers)",
            ),
            Failure::Status(_) => {}
        }
    }
    hints
}

/// One line of marks, the failure rate of each column of hours, oldest left: `·` no attempts,
/// `▁` none failed, `▂`..`█` more and more failed. At most `width` marks: a longer window puts
/// several hours in one mark. Returns the marks and the hours per mark.
pub fn sparkline(hourly: &[Hour], width: usize) -> (String, usize) {
    const MARKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let per_mark = hourly.len().div_ceil(width.max(1)).max(1);
    let line = hourly
        .chunks(per_mark)
        .map(|hours| {
            let attempts: u64 = hours.iter().map(|h| u64::from(h.attempts)).sum();
            let failures: u64 = hours.iter().map(|h| u64::from(h.failures)).sum();
            if attempts == 0 {
                '·'
            } else if failures == 0 {
                MARKS[0]
            } else {
                let step = (failures as f64 / attempts as f64 * 6.0).round() as usize;
                MARKS[(1 + step).min(7)]
            }
        })
        .collect();
    (line, per_mark)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{LogRequest, LogResponse};

    fn attempt(event: &str, at: i64, status: Option<u16>, duration: f64) -> WebhookLog {
        WebhookLog {
            id: format!("log-{at}"),
            created_at: at,
            duration,
            success: status.is_some_and(|s| (200..300).contains(&s)),
            request: Some(LogRequest {
                body: format!(r#"{{"id":"{event}","event":"stream.started"}}"#),
                ..LogRequest::default()
            }),
            response: Some(LogResponse {
                status,
                body: Some(base64::Engine::encode(
                    &base64::engine::general_purpose::STANDARD,
                    "nope\n  bad secret",
                )),
                ..LogResponse::default()
            }),
            ..WebhookLog::default()
        }
    }

    #[test]
    fn retries_count_as_attempts_of_one_event_judged_by_its_latest() {
        let window = Window {
            start_ms: 0,
            end_ms: 3 * HOUR_MS,
        };
        let mut tally = Tally::new(window);
        // Newest first, as Studio pages them: e1 failed twice then succeeded; e2 failed.
        for log in [
            attempt("e1", 2 * HOUR_MS + 5, Some(200), 0.05),
            attempt("e2", 2 * HOUR_MS + 4, None, 30.0),
            attempt("e1", HOUR_MS + 3, Some(500), 0.2),
            attempt("e1", 2, None, 0.01),
        ] {
            assert!(tally.add(&log));
        }
        let f = tally.finish("w");
        assert_eq!(
            (f.events, f.events_succeeded, f.attempts, f.failed_attempts),
            (2, 1, 4, 3)
        );
        assert_eq!(f.success_rate, Some(50.0));
        assert_eq!(f.attempt_failure_rate, Some(75.0));
        let causes: Vec<(&str, u64)> = f
            .failures
            .iter()
            .map(|c| (c.failure.as_str(), c.count))
            .collect();
        assert_eq!(causes, [("500", 1), ("timeout", 1), ("network error", 1)]);
        let d = f.duration_ms.unwrap();
        assert_eq!((d.p50, d.p95, d.max), (50, 30_000, 30_000));
        let last = f.last_failure.unwrap();
        assert_eq!(
            (last.failure.as_str(), last.answer.as_str()),
            ("timeout", "nope bad secret")
        );
        let per_hour: Vec<(u32, u32)> = f.hourly.iter().map(|h| (h.attempts, h.failures)).collect();
        assert_eq!(per_hour, [(1, 1), (1, 1), (2, 1)]);
        let starts: Vec<&str> = f.hints.iter().map(|h| &h[..h.find(':').unwrap()]).collect();
        assert_eq!(
            starts,
            ["5xx", "timeouts", "network errors"],
            "{:?}",
            f.hints
        );
    }

    #[test]
    fn a_row_before_the_window_stops_the_count() {
        let mut tally = Tally::new(Window {
            start_ms: HOUR_MS,
            end_ms: 2 * HOUR_MS,
        });
        assert!(!tally.add(&attempt("e", HOUR_MS - 1, Some(200), 0.1)));
        assert_eq!(tally.finish("w").attempts, 0);
    }

    #[test]
    fn the_sparkline_groups_hours_to_fit_and_shows_empty_hours() {
        let hour = |attempts, failures| Hour {
            start: 0,
            attempts,
            failures,
        };
        let hourly = [hour(0, 0), hour(4, 0), hour(4, 4), hour(4, 2)];
        assert_eq!(sparkline(&hourly, 10), ("·▁█▅".to_owned(), 1));
        // 6 of 8 failed: 75%.
        assert_eq!(sparkline(&hourly, 2), ("▁▇".to_owned(), 2));
    }

    #[test]
    fn percentiles_are_nearest_rank() {
        let v: Vec<u32> = (1..=100).collect();
        assert_eq!((percentile(&v, 50), percentile(&v, 95)), (50, 95));
        assert_eq!(percentile(&[7], 95), 7);
    }
}
