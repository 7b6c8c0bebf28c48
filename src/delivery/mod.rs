//! One delivery: the record every part of lpwh shares.
//!
//! `listen` builds a [`Record`] for each request it answers; the printer reports it, the inbox
//! stores it, and every JSON view of a delivery (`listen --json`, `inbox list/show/export
//! --json`) is the one shape in [`json`]. What the body says about itself is the [`Envelope`];
//! its verdict is a [`crate::signature::Reason`]; what forward targets answered are
//! [`Outcome`]s; a gate request's answer is a [`Decision`].

pub mod envelope;
pub mod json;

use std::net::SocketAddr;

use bytes::Bytes;
use serde::{Deserialize, Serialize};

use crate::signature::Reason;

pub use envelope::{ACCESS_CONTROL_EVENT, Envelope};
pub use json::DeliveryJson;

/// Everything known about one delivery once it has been answered.
#[derive(Debug)]
pub struct Record {
    pub time_ms: i64,
    pub remote: Option<SocketAddr>,
    pub path: String,
    /// The status lpwh answered with.
    pub status: u16,
    pub reason: Reason,
    pub hint: Option<String>,
    pub envelope: Envelope,
    pub headers: http::HeaderMap,
    pub body: Bytes,
    pub forward: Vec<Outcome>,
    pub access: Option<Decision>,
}

/// What one forward target answered. `status` is None when it could not be reached or timed
/// out. `url` is shown with credentials and query values redacted.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub url: String,
    pub status: Option<u16>,
    pub latency_ms: u64,
    pub error: Option<String>,
    /// The first target's answer is relayed to the sender, so keep its body (bounded).
    #[serde(skip)]
    pub body: Bytes,
    #[serde(skip)]
    pub content_type: Option<http::HeaderValue>,
}

impl Outcome {
    /// The sender should see a retry-worthy failure: unreachable, timed out, or 5xx.
    pub fn failed(&self) -> bool {
        self.status.is_none_or(|s| s >= 500)
    }
}

/// A `playback.accessControl` answer: allow or deny, and why (shown next to the delivery).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub allow: bool,
    pub why: String,
}

/// Deliveries for unit tests elsewhere in the crate.
#[cfg(test)]
pub(crate) mod sample {
    use super::*;

    /// A `stream.started` delivery answered 200 with hint `why`, forwarded as given.
    pub fn record(reason: Reason, forward: Vec<Outcome>) -> Record {
        let body = br#"{"id":"e1","event":"stream.started","stream":{"id":"s1","name":"n"}}"#;
        Record {
            time_ms: 1_700_000_000_000,
            remote: None,
            path: "/".into(),
            status: 200,
            reason,
            hint: Some("why".into()),
            envelope: Envelope::parse(body),
            headers: http::HeaderMap::new(),
            body: Bytes::from_static(body),
            forward,
            access: None,
        }
    }

    /// What `http://localhost:4000/hook` answered, in 12 ms.
    pub fn outcome(status: Option<u16>, error: Option<&str>) -> Outcome {
        Outcome {
            url: "http://localhost:4000/hook".into(),
            status,
            latency_ms: 12,
            error: error.map(str::to_owned),
            body: Bytes::new(),
            content_type: None,
        }
    }
}
