//! Studio's webhook and webhook-log records as the API sends and takes them
//! (studio-api.md): what is read, what a create or a PATCH sends, and a `Debug` that never
//! shows a secret.

use serde::{Deserialize, Serialize};

/// A webhook as Studio returns it. Unknown fields are kept in `extra` and printed with `--json`.
#[derive(Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Webhook {
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub events: Vec<String>,
    /// `None` also when Studio holds `""`: Studio signs only with a non-empty secret, and
    /// `update --clear-secret` stores `""`, so an empty secret is no secret.
    #[serde(
        default,
        deserialize_with = "empty_as_none",
        skip_serializing_if = "Option::is_none"
    )]
    pub shared_secret: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stream_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<WebhookStatus>,
    /// Only an admin's key sees deleted webhooks: Studio answers them with `"deleted": true`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deleted: bool,
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// A string field where `""` (or `null`) means the field is not set.
fn empty_as_none<'de, D: serde::Deserializer<'de>>(de: D) -> Result<Option<String>, D::Error> {
    let value: Option<String> = Option::deserialize(de)?;
    Ok(value.filter(|s| !s.is_empty()))
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[serde(rename_all = "camelCase")]
pub struct WebhookStatus {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_triggered_at: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_failure: Option<LastFailure>,
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[serde(rename_all = "camelCase")]
pub struct LastFailure {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_code: Option<u16>,
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// The body of `POST /webhook`.
#[derive(Clone, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct NewWebhook {
    pub name: String,
    pub url: String,
    pub events: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shared_secret: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stream_id: Option<String>,
}

/// A change to a webhook: only the fields being changed, sent as one `PATCH` (which keeps every
/// other field, `status` included). `shared_secret: Some("")` removes the secret: Studio then
/// sends deliveries unsigned. Removing the stream has no PATCH form: see
/// [`Client::clear_stream`].
#[derive(Clone, Serialize, Default, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct WebhookPatch {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub events: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shared_secret: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stream_id: Option<String>,
}

/// The body of `PUT /webhook/{id}`: the whole webhook without its stream. Studio looks the
/// webhook up by the `id` in the body (not the path) and rebuilds the stored object from this
/// body plus `id, userId, projectId, createdAt, kind`: every other stored field, `status`
/// (last triggered, last failure) included, is dropped.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct WithoutStream<'a> {
    pub(super) id: &'a str,
    pub(super) name: &'a str,
    pub(super) url: &'a str,
    pub(super) events: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) shared_secret: Option<&'a str>,
}

/// One delivery attempt in a webhook's history.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[serde(rename_all = "camelCase")]
pub struct WebhookLog {
    pub id: String,
    #[serde(default)]
    pub webhook_id: String,
    #[serde(default)]
    pub event: String,
    #[serde(default)]
    pub created_at: i64,
    /// Seconds.
    #[serde(default)]
    pub duration: f64,
    #[serde(default)]
    pub success: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<LogRequest>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<LogResponse>,
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[serde(rename_all = "camelCase")]
pub struct LogRequest {
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub method: String,
    #[serde(default)]
    pub headers: serde_json::Map<String, serde_json::Value>,
    /// The raw JSON body Studio sent, as a string.
    #[serde(default)]
    pub body: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[serde(rename_all = "camelCase")]
pub struct LogResponse {
    #[serde(default)]
    pub status: Option<u16>,
    #[serde(default)]
    pub status_text: Option<String>,
    /// Base64 of the first 1024 characters of the receiver's answer.
    #[serde(default)]
    pub body: Option<String>,
}

/// `Debug` for the types that carry a webhook secret: every field but the secret, which shows
/// as `(redacted)`, so a stray `{:?}` in a log or an error never leaks it.
mod redacted_debug {
    use std::fmt;

    use super::{NewWebhook, Webhook, WebhookPatch};

    const REDACTED: &str = "(redacted)";

    impl fmt::Debug for Webhook {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.debug_struct("Webhook")
                .field("id", &self.id)
                .field("name", &self.name)
                .field("url", &self.url)
                .field("events", &self.events)
                .field(
                    "shared_secret",
                    &self.shared_secret.as_ref().map(|_| REDACTED),
                )
                .field("stream_id", &self.stream_id)
                .field("project_id", &self.project_id)
                .field("created_at", &self.created_at)
                .field("status", &self.status)
                .field("deleted", &self.deleted)
                .field("extra", &self.extra)
                .finish()
        }
    }

    impl fmt::Debug for NewWebhook {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.debug_struct("NewWebhook")
                .field("name", &self.name)
                .field("url", &self.url)
                .field("events", &self.events)
                .field(
                    "shared_secret",
                    &self.shared_secret.as_ref().map(|_| REDACTED),
                )
                .field("stream_id", &self.stream_id)
                .finish()
        }
    }

    impl fmt::Debug for WebhookPatch {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            let secret = self.shared_secret.as_ref().map(|_| REDACTED);
            f.debug_struct("WebhookPatch")
                .field("name", &self.name)
                .field("url", &self.url)
                .field("events", &self.events)
                .field("shared_secret", &secret)
                .field("stream_id", &self.stream_id)
                .finish()
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn debug_never_shows_a_webhook_secret() {
            let hook: Webhook = serde_json::from_value(serde_json::json!({
                "id": "w1", "name": "n", "url": "https://x", "events": [],
                "sharedSecret": "top-secret-value"
            }))
            .unwrap();
            let new = NewWebhook {
                shared_secret: Some("top-secret-value".into()),
                ..NewWebhook::default()
            };
            let patch = WebhookPatch {
                shared_secret: Some("top-secret-value".into()),
                ..WebhookPatch::default()
            };
            for text in [
                format!("{hook:?}"),
                format!("{new:?}"),
                format!("{patch:?}"),
            ] {
                assert!(!text.contains("top-secret-value"), "{text}");
                assert!(text.contains("(redacted)"), "{text}");
            }
            assert!(format!("{hook:?}").contains("w1"));
        }
    }
}

/// The caller, from `GET /user/me`: compared with a webhook's `userId` to tell whose it is.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub id: String,
    #[serde(default)]
    pub admin: bool,
}

impl Webhook {
    /// The account that owns it (`userId`), when Studio says.
    pub fn owner(&self) -> Option<&str> {
        self.extra.get("userId").and_then(|v| v.as_str())
    }

    /// When it was deleted, for a deleted webhook an admin's key can read (`deletedAt`, ms).
    pub fn deleted_at(&self) -> Option<i64> {
        self.extra.get("deletedAt").and_then(|v| v.as_i64())
    }
}
