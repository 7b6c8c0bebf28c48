//! A delivery as Studio logged it, checked against the webhook as it is now: used by `resend`
//! (to warn that Studio re-signs with the logged secret) and `inbox backfill` (the verdict of an
//! imported delivery).

use crate::api::{Webhook, WebhookLog};
use crate::redacted::Secret;
use crate::signature::{self, Scheme};

/// How the logged signature relates to the webhook's current secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoggedSignature {
    /// Signed with the current secret.
    Current,
    /// Signed, but not with the current secret: the secret was rotated since.
    Other,
    /// Sent unsigned, while the webhook signs now.
    Unsigned,
    /// The webhook has no secret now, so nothing can be checked (signed or not).
    NoSecret,
}

/// The logged `Livepeer-Signature` header, whatever its case.
pub fn signature_header(log: &WebhookLog) -> Option<&str> {
    log.request
        .as_ref()?
        .headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("livepeer-signature"))
        .and_then(|(_, value)| value.as_str())
}

/// Check the logged signature with the webhook's current secret. Studio's scheme signs the
/// body alone, so the logged `t` does not matter (and an old log is not "stale" here).
pub fn logged_signature(webhook: &Webhook, log: &WebhookLog) -> LoggedSignature {
    let secret = webhook.shared_secret.as_deref().filter(|s| !s.is_empty());
    let body = log.request.as_ref().map_or("", |r| r.body.as_str());
    match (signature_header(log), secret) {
        (_, None) => LoggedSignature::NoSecret,
        (None, Some(_)) => LoggedSignature::Unsigned,
        (Some(header), Some(secret)) => {
            let expected = signature::sign(
                Scheme::Livepeer,
                &Secret::new(secret),
                body.as_bytes(),
                0,
                None,
            )
            .ok()
            .and_then(|headers| headers.into_iter().next())
            .and_then(|(_, value)| {
                value
                    .split(',')
                    .find_map(|kv| kv.trim().strip_prefix("v1=").map(str::to_owned))
            });
            let matches = header
                .split(',')
                .filter_map(|kv| kv.trim().strip_prefix("v1="))
                .any(|v1| Some(v1) == expected.as_deref());
            if matches {
                LoggedSignature::Current
            } else {
                LoggedSignature::Other
            }
        }
    }
}
