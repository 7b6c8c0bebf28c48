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
