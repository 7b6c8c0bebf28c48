//! `listen --until EVENT` / `--count N`: when the run has seen what it waits for. Counted by
//! the request handler for each accepted delivery; reached exactly once.

use std::sync::atomic::{AtomicU64, Ordering};

/// The `--until`/`--count` goal, counted over accepted deliveries that pass `--events`:
/// verified ones when `listen` has a secret, unverified ones only in a run given no secret.
#[derive(Debug)]
pub struct Goal {
    pub until: Option<String>,
    pub count: Option<u64>,
    /// The run has no secret, so what is counted is unsigned (said at start-up).
    pub unsigned: bool,
    seen: AtomicU64,
}

impl Goal {
    pub fn new(until: Option<String>, count: Option<u64>, unsigned: bool) -> Goal {
        Goal {
            until,
            count,
            unsigned,
            seen: AtomicU64::new(0),
        }
    }

    /// The word for what is counted: `verified`, or `unverified` in a run with no secret.
    pub fn counts(&self) -> &'static str {
        if self.unsigned {
            "unverified"
        } else {
            "verified"
        }
    }

    pub fn is_set(&self) -> bool {
        self.until.is_some() || self.count.is_some()
    }

    /// Count one accepted delivery; `Some(description)` when the goal is now reached.
    /// With both flags, `--count` counts deliveries of the `--until` event.
    pub(crate) fn record(&self, event: Option<&str>) -> Option<String> {
        if !self.is_set() {
            return None;
        }
        if let Some(until) = &self.until
            && event != Some(until.as_str())
        {
            return None;
        }
        let seen = self.seen.fetch_add(1, Ordering::SeqCst) + 1;
        let wanted = self.count.unwrap_or(1);
        // Exactly once: later deliveries racing past the goal do not report it again.
        (seen == wanted).then(|| match &self.until {
            Some(until) if wanted > 1 => format!("{wanted} × {until}"),
            Some(until) => until.clone(),
            None => format!(
                "{wanted} {} deliver{}",
                self.counts(),
                if wanted == 1 { "y" } else { "ies" }
            ),
        })
    }

    pub fn seen(&self) -> u64 {
        self.seen.load(Ordering::SeqCst)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn until_reports_once_when_its_event_arrives() {
        let goal = Goal::new(Some("asset.ready".into()), None, false);
        assert_eq!(goal.record(Some("stream.started")), None);
        assert_eq!(
            goal.record(Some("asset.ready")).as_deref(),
            Some("asset.ready")
        );
        assert_eq!(goal.record(Some("asset.ready")), None);
    }

    #[test]
    fn count_counts_every_delivery_or_only_the_until_event() {
        let any = Goal::new(None, Some(2), false);
        assert_eq!(any.record(Some("a.b")), None);
        assert_eq!(any.record(None).as_deref(), Some("2 verified deliveries"));
        let unsigned = Goal::new(None, Some(1), true);
        assert_eq!(
            unsigned.record(None).as_deref(),
            Some("1 unverified delivery")
        );
        let both = Goal::new(Some("task.completed".into()), Some(2), false);
        assert_eq!(both.record(Some("task.completed")), None);
        assert_eq!(both.record(Some("task.failed")), None);
        assert_eq!(
            both.record(Some("task.completed")).as_deref(),
            Some("2 × task.completed")
        );
        assert_eq!(both.seen(), 2);
        assert_eq!(Goal::new(None, None, false).record(Some("x")), None);
    }
}
