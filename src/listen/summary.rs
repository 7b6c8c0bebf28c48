//! What a `listen` session did, said once at every handled exit: deliveries received, verified,
//! refused and duplicate, the app's answers by status, whether the temporary webhook is gone,
//! and where the inbox is. [`Tally`] counts as the session goes; [`Summary`] is the last word,
//! a paragraph on stderr and, with `--json`, the last line of stdout (`{"summary": {...}}`).
//!
//! It also decides what the app's answers mean for the exit code: with `--forward-to`, a
//! delivery the app answered with a non-2xx, or never answered (`--ack-first`'s still pending at
//! exit included), is a failure.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::Serialize;

use crate::delivery::Record;
use crate::signature::Reason;

/// How many failed forwards are named in the error (the rest are counted).
const NAMED_FAILURES: usize = 5;

/// Counters shared by every request.
#[derive(Debug, Default)]
pub struct Tally {
    received: AtomicU64,
    verified: AtomicU64,
    unverified: AtomicU64,
    refused: AtomicU64,
    duplicates: AtomicU64,
    /// Of `received`: brought in from Studio's log by `--catch-up`.
    caught_up: AtomicU64,
    app: Mutex<AppAnswers>,
}

#[derive(Debug, Default)]
struct AppAnswers {
    /// `"200"`, `"401"`, `"no answer"` → how many.
    by_status: BTreeMap<String, u64>,
    failed: u64,
    /// The first few failures: `asset.ready 6f1e…: 401`.
    named: Vec<String>,
}

impl Tally {
    /// A delivery refused before it was verified (wrong path, too large, ...).
    pub fn refused_early(&self) {
        self.received.fetch_add(1, Ordering::Relaxed);
        self.refused.fetch_add(1, Ordering::Relaxed);
    }

    /// A delivery answered (and, when it was forwarded, the app's answer known).
    pub fn count(&self, record: &Record) {
        self.received.fetch_add(1, Ordering::Relaxed);
        let counter = match record.reason {
            Reason::Ok => &self.verified,
            Reason::Duplicate => &self.duplicates,
            r if r.is_unverified() => &self.unverified,
            _ => &self.refused,
        };
        counter.fetch_add(1, Ordering::Relaxed);
        let Some(first) = record.forward.first() else {
            return;
        };
        let mut app = self.app.lock().unwrap_or_else(|p| p.into_inner());
        let status = first
            .status
            .map_or_else(|| "no answer".to_owned(), |s| s.to_string());
        *app.by_status.entry(status.clone()).or_default() += 1;
        if !first.status.is_some_and(|s| (200..300).contains(&s)) {
            app.failed += 1;
            if app.named.len() < NAMED_FAILURES {
                let event = record.envelope.event.as_deref().unwrap_or("(no event)");
                let id = record.envelope.id.as_deref().unwrap_or("(no id)");
                app.named
                    .push(crate::output::sanitize(&format!("{event} {id}: {status}")).into_owned());
            }
        }
    }

    /// One of the deliveries counted was brought in by `--catch-up`.
    pub fn caught_up(&self) {
        self.caught_up.fetch_add(1, Ordering::Relaxed);
    }

    /// The final word. `pending`: `--ack-first` deliveries the app never answered.
    pub fn summary(&self, pending: u64, forwarding: bool) -> Summary {
        let app = self.app.lock().unwrap_or_else(|p| p.into_inner());
        let mut by_status = app.by_status.clone();
        if pending > 0 {
            *by_status.entry("pending".to_owned()).or_default() += pending;
        }
        Summary {
            received: self.received.load(Ordering::Relaxed),
            verified: self.verified.load(Ordering::Relaxed),
            unverified: self.unverified.load(Ordering::Relaxed),
            refused: self.refused.load(Ordering::Relaxed),
            duplicates: self.duplicates.load(Ordering::Relaxed),
            caught_up: self.caught_up.load(Ordering::Relaxed),
            app: forwarding.then_some(by_status),
            app_failed: app.failed + pending,
            app_failed_named: app.named.clone(),
            webhook_deleted: None,
            inbox: None,
            recorded: None,
        }
    }
}

/// A session's summary. The JSON shape is stable (`{"summary": {...}}`).
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub received: u64,
    pub verified: u64,
    /// Accepted without a check (no secret given): `unsigned` and `unchecked`.
    pub unverified: u64,
    pub refused: u64,
    pub duplicates: u64,
    /// Of `received`: events Studio had logged while lpwh was not running, brought in by
    /// `--catch-up`.
    pub caught_up: u64,
    /// The app's answers by status (`"no answer"`, and `"pending"` for `--ack-first`
    /// deliveries it never answered); `null` without `--forward-to`.
    pub app: Option<BTreeMap<String, u64>>,
    /// Forwarded deliveries the app did not take (non-2xx, no answer, pending).
    pub app_failed: u64,
    #[serde(skip)]
    pub app_failed_named: Vec<String>,
    /// Whether the temporary webhook was deleted; `null` when there was none.
    pub webhook_deleted: Option<bool>,
    /// The inbox's path; `null` with `--no-record`.
    pub inbox: Option<String>,
    /// How many rows the inbox took this session (refused requests have one too).
    pub recorded: Option<u64>,
}

impl Summary {
    /// The paragraph for stderr.
    pub fn text(&self) -> String {
        let mut parts = vec![format!(
            "lpwh: {} deliver{} received: {} verified, {} refused, {} duplicate{}",
            self.received,
            if self.received == 1 { "y" } else { "ies" },
            self.verified,
            self.refused,
            self.duplicates,
            if self.duplicates == 1 { "" } else { "s" },
        )];
        if self.unverified > 0 {
            parts[0].push_str(&format!(", {} unverified (no secret)", self.unverified));
        }
        if self.caught_up > 0 {
            parts[0].push_str(&format!(
                " ({} caught up from Studio's log)",
                self.caught_up
            ));
        }
        if let Some(app) = &self.app {
            if app.is_empty() {
                parts.push("your app got none".to_owned());
            } else {
                let answers: Vec<String> = app.iter().map(|(s, n)| format!("{s} ×{n}")).collect();
                parts.push(format!("your app answered {}", answers.join(", ")));
            }
        }
        match self.webhook_deleted {
            Some(true) => parts.push("the temporary webhook was deleted".to_owned()),
            Some(false) => {
                parts.push("the temporary webhook could NOT be deleted (see above)".to_owned())
            }
            None => {}
        }
        if let Some(inbox) = &self.inbox {
            parts.push(format!(
                "recorded {} deliveries in {inbox} (lpwh inbox list)",
                self.recorded.unwrap_or(0)
            ));
        }
        format!("{}.", parts.join("; "))
    }

    /// The exit's error when the app did not take what it was forwarded.
    pub fn app_failure(&self) -> Option<crate::error::Failure> {
        if self.app_failed == 0 {
            return None;
        }
        let mut named = self.app_failed_named.join(", ");
        let more = self
            .app_failed
            .saturating_sub(self.app_failed_named.len() as u64);
        if more > 0 {
            if !named.is_empty() {
                named.push_str(", ");
            }
            named.push_str(&format!("{more} more"));
        }
        Some(
            crate::error::Failure::failure(format!(
                "your app did not take {} forwarded deliver{} ({named})",
                self.app_failed,
                if self.app_failed == 1 { "y" } else { "ies" }
            ))
            .hint(
                "a non-2xx answer or none is a failed delivery (Studio would retry it); check the \
                 app's secret ('lpwh listen --print-secret' when listen made the webhook) and its \
                 logs; 'lpwh inbox list' shows each answer",
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::delivery::sample;

    #[test]
    fn the_figures_count_each_kind_and_the_apps_answers() {
        let tally = Tally::default();
        tally.count(&sample::record(
            Reason::Ok,
            vec![sample::outcome(Some(200), None)],
        ));
        tally.count(&sample::record(
            Reason::Ok,
            vec![sample::outcome(Some(401), None)],
        ));
        tally.count(&sample::record(
            Reason::Ok,
            vec![sample::outcome(None, Some("refused"))],
        ));
        tally.count(&sample::record(Reason::BadSignature, vec![]));
        tally.count(&sample::record(Reason::Duplicate, vec![]));
        tally.refused_early();
        let summary = tally.summary(2, true);
        assert_eq!(
            (
                summary.received,
                summary.verified,
                summary.refused,
                summary.duplicates
            ),
            (6, 3, 2, 1)
        );
        let app = summary.app.clone().unwrap();
        assert_eq!(app["200"], 1);
        assert_eq!(app["401"], 1);
        assert_eq!(app["no answer"], 1);
        assert_eq!(app["pending"], 2);
        assert_eq!(summary.app_failed, 4);
        let failure = summary.app_failure().unwrap();
        assert!(
            failure
                .message
                .contains("did not take 4 forwarded deliveries"),
            "{}",
            failure.message
        );
        assert!(
            failure.message.contains("stream.started e1: 401"),
            "{}",
            failure.message
        );
        assert!(
            summary
                .text()
                .contains("your app answered 200 ×1, 401 ×1, no answer ×1, pending ×2")
        );
        let none = Tally::default().summary(0, false);
        assert!(none.app_failure().is_none());
        assert!(!none.text().contains("your app"));
    }
}
