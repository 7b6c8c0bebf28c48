//! Signing and verifying webhook deliveries for every scheme lpwh speaks. Pure: no I/O, no clock.
//!
//! SCAFFOLD: the contract below is what `sign`, `verify`, `trigger` and `listen` use.

use crate::redacted::Secret;

/// A signature scheme (signatures.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scheme {
    /// What Studio really sends: `t=<ms>`, HMAC of the raw body alone.
    Livepeer,
    /// What the Studio guide documents: `t=<seconds>`, HMAC of `t.body`.
    LivepeerDocs,
    /// FastPix: base64 HMAC of the body with the base64-decoded secret.
    Fastpix,
    /// The Standard Webhooks spec (Svix and others).
    StandardWebhooks,
    /// Mux: `t=<seconds>`, HMAC of `t.body`.
    Mux,
}

/// Why signing failed (e.g. a FastPix secret that is not base64).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct SignError(pub String);

/// Sign `body` as `scheme` at `timestamp_ms` (Unix ms; written in the scheme's own unit).
/// `message_id` is needed by schemes that sign one (standard-webhooks). Returns the headers
/// to send, in order, e.g. `[("Livepeer-Signature", "t=...,v1=...")]`.
pub fn sign(
    _scheme: Scheme,
    _secret: &Secret,
    _body: &[u8],
    _timestamp_ms: i64,
    _message_id: Option<&str>,
) -> Result<Vec<(String, String)>, SignError> {
    todo!()
}

/// Why a delivery verified or not: a closed set, the same words everywhere
/// (`verify`'s output, `listen`'s lines and NDJSON, the inbox).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    Ok,
    MissingSignature,
    MalformedSignature,
    BadSignature,
    StaleTimestamp,
    TimestampMismatch,
    /// No secret is configured: nothing was checked.
    Unsigned,
    /// Seen before (same event id); decided by the receiver, not by [`verify`].
    Duplicate,
}

impl Reason {
    /// The reason word, e.g. `bad_signature`.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Ok => "ok",
            Reason::MissingSignature => "missing_signature",
            Reason::MalformedSignature => "malformed_signature",
            Reason::BadSignature => "bad_signature",
            Reason::StaleTimestamp => "stale_timestamp",
            Reason::TimestampMismatch => "timestamp_mismatch",
            Reason::Unsigned => "unsigned",
            Reason::Duplicate => "duplicate",
        }
    }
}

/// The outcome of [`verify`].
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Verdict {
    pub reason: Reason,
    /// One line for people: why it failed and what to do (or a caveat when it passed).
    pub hint: Option<String>,
    /// The delivery's timestamp in Unix ms, when the scheme carries one.
    pub timestamp_ms: Option<i64>,
    /// `now - timestamp`, in ms (negative: from the future).
    pub age_ms: Option<i64>,
}

impl Verdict {
    pub fn is_ok(&self) -> bool {
        self.reason == Reason::Ok
    }
}

/// Read access to request headers, case-insensitively, with every value of a repeated header.
pub trait HeaderSource {
    fn get_all(&self, name: &str) -> Vec<&[u8]>;
}

impl HeaderSource for [(String, String)] {
    fn get_all(&self, name: &str) -> Vec<&[u8]> {
        self.iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_bytes())
            .collect()
    }
}

impl HeaderSource for http::HeaderMap {
    fn get_all(&self, name: &str) -> Vec<&[u8]> {
        http::HeaderMap::get_all(self, name)
            .iter()
            .map(|v| v.as_bytes())
            .collect()
    }
}

/// Verify a delivery. `secrets`: any may match (rotation). `now_ms`: the caller's clock.
/// `tolerance_ms`: how far the timestamp may be from `now_ms`, both ways.
pub fn verify(
    _scheme: Scheme,
    _secrets: &[Secret],
    _headers: &(impl HeaderSource + ?Sized),
    _body: &[u8],
    _now_ms: i64,
    _tolerance_ms: i64,
) -> Verdict {
    todo!()
}
