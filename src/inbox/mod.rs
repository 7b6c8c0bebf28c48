//! The inbox: every delivery `lpwh listen` receives, kept in an embedded SQLite database so it
//! can be listed, inspected, exported and replayed later.
//!
//! `schema` opens the database (WAL, busy timeout, 0600 file) and migrates it; `writer` is the
//! [`Recorder`], which writes off the request path in batches; `query` reads it back for the
//! `lpwh inbox` commands; `replay` rebuilds a delivery with a fresh timestamp and signature;
//! `render` shows stored deliveries to people and as JSON.

pub mod backfill;
pub mod pending;
pub mod query;
pub mod render;
pub mod replay;
pub mod schema;
pub mod writer;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::delivery::Outcome;
use crate::signature::Reason;

pub use writer::{Recorder, Stats};

/// The database's file name inside the data dir.
pub const DB_FILE: &str = "inbox.sqlite";

/// How much of the app's answer is kept with a forwarded delivery (Studio keeps about this much
/// of a response in its delivery log).
pub const APP_RESPONSE_MAX: usize = 1024;

/// Where the inbox lives: `--db PATH` when given, else `<data dir>/inbox.sqlite`.
pub fn db_path(data_dir: &Path, chosen: Option<&Path>) -> PathBuf {
    match chosen {
        Some(path) => path.to_path_buf(),
        None => data_dir.join(DB_FILE),
    }
}

/// One delivery as the receiver saw it, handed to [`Recorder::record`], which copies what the
/// inbox keeps into its queue at once: nothing here outlives the call, so a queued delivery never
/// keeps the connection's read buffer alive (header values and body are slices of it).
#[derive(Debug, Clone, Copy)]
pub struct Delivery<'a> {
    /// Unix ms when the body had arrived.
    pub received_at_ms: i64,
    pub method: &'a str,
    pub path: &'a str,
    pub remote: Option<SocketAddr>,
    /// The status lpwh answered with.
    pub status: u16,
    /// Stored as JSON `[[name, value], ...]` in arrival order, repeated names kept.
    pub headers: &'a http::HeaderMap,
    /// The raw body bytes, exactly as received.
    pub body: &'a [u8],
    /// Stored as the reason word: `ok`, `bad_signature`, ..., `unsigned`, `unchecked`, `duplicate`.
    pub verdict: Reason,
    pub hint: Option<&'a str>,
    pub event: Option<&'a str>,
    pub event_id: Option<&'a str>,
    pub webhook_id: Option<&'a str>,
    /// What each `--forward-to` target answered (empty when not forwarded).
    pub forward: &'a [Outcome],
}

impl<'a> Delivery<'a> {
    /// The delivery `listen` reported. Only POSTs get this far (other methods are refused before
    /// verification).
    pub fn from_record(record: &'a crate::delivery::Record) -> Delivery<'a> {
        Delivery {
            received_at_ms: record.time_ms,
            method: "POST",
            path: &record.path,
            remote: record.remote,
            status: record.status,
            headers: &record.headers,
            body: &record.body,
            verdict: record.reason,
            hint: record.hint.as_deref(),
            event: record.envelope.event.as_deref(),
            event_id: record.envelope.id.as_deref(),
            webhook_id: record.envelope.webhook_id.as_deref(),
            forward: &record.forward,
        }
    }
}

/// `--keep`: how much of the inbox to keep; older deliveries are pruned by the writer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retention {
    /// The newest N deliveries.
    Count(u64),
    /// Deliveries younger than this.
    Age(Duration),
}

impl Retention {
    /// clap parser: `10000` (deliveries) or an age such as `7d`, `12h`, `30m`, `2w`.
    pub fn parse(text: &str) -> Result<Retention, String> {
        let text = text.trim();
        if let Ok(n) = text.parse::<u64>() {
            return if n == 0 {
                Err("--keep 0 would keep nothing; use --no-record to not record at all".into())
            } else {
                Ok(Retention::Count(n))
            };
        }
        match crate::humane::parse_age(text) {
            Some(age) if !age.is_zero() => Ok(Retention::Age(age)),
            _ => Err(format!(
                "'{text}' is neither a number of deliveries (e.g. 10000) nor an age (e.g. 7d, 12h, 30m)"
            )),
        }
    }
}

impl std::fmt::Display for Retention {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Retention::Count(n) => write!(f, "the newest {n} deliveries"),
            Retention::Age(age) => write!(
                f,
                "deliveries from the last {}",
                crate::humane::Duration::of(*age)
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keep_takes_a_count_or_an_age() {
        assert_eq!(Retention::parse("500"), Ok(Retention::Count(500)));
        assert_eq!(
            Retention::parse("7d"),
            Ok(Retention::Age(Duration::from_secs(7 * 86_400)))
        );
        assert_eq!(
            Retention::parse("12h"),
            Ok(Retention::Age(Duration::from_secs(12 * 3600)))
        );
        assert!(Retention::parse("0").is_err());
        assert!(Retention::parse("0d").is_err());
        assert!(Retention::parse("7x").is_err());
        assert!(Retention::parse("d").is_err());
        assert!(Retention::parse("").is_err());
        assert_eq!(
            Retention::Age(Duration::from_secs(14 * 86_400)).to_string(),
            "deliveries from the last 14d"
        );
    }

    #[test]
    fn since_takes_an_age_or_a_time() {
        let now = 1_700_000_000_000;
        let since = crate::humane::since;
        assert_eq!(since("10m", now).unwrap(), now - 600_000);
        assert_eq!(since("2h", now).unwrap(), now - 7_200_000);
        assert_eq!(since("1d", now).unwrap(), now - 86_400_000);
        assert_eq!(
            since("2023-11-14T22:13:20Z", now).unwrap(),
            1_700_000_000_000
        );
        assert!(since("yesterday", now).is_err());
    }

    #[test]
    fn default_path_is_in_the_data_dir() {
        let data = Path::new("/data");
        assert_eq!(db_path(data, None), Path::new("/data/inbox.sqlite"));
        assert_eq!(
            db_path(data, Some(Path::new("/tmp/x.db"))),
            Path::new("/tmp/x.db")
        );
    }
}
