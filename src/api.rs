//! The only code that speaks HTTP to Livepeer Studio's `/api/webhook` API.
//!
//! SCAFFOLD: the types and method signatures below are the contract the commands are written
//! against. Bodies marked `todo!` are being implemented (auth, retries, errors, pagination).

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::config::KeySource;
use crate::error::Kind;
use crate::redacted::Secret;

/// How to build a [`Client`]; filled in by [`crate::context::Ctx::api`].
#[derive(Debug, Clone)]
pub struct ClientOptions {
    pub base_url: String,
    pub api_key: Secret,
    pub key_source: KeySource,
    pub timeout: Duration,
    /// `-v`: method, URL, status and time of each request on stderr.
    pub verbose: bool,
    pub color: bool,
}

/// A Studio API client: Bearer auth, retries, decoded errors, pagination.
#[derive(Debug, Clone)]
pub struct Client {
    _opts: ClientOptions,
}

/// What went wrong talking to Studio, decoded into something a person reads.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// Studio answered with a non-2xx status. `message` is the decoded `errors` list.
    #[error("{message}")]
    Status {
        status: u16,
        message: String,
        method: String,
        url: String,
        key_source: KeySource,
    },
    /// The request never got an answer (connection refused, DNS, TLS, timeout).
    #[error("cannot reach {url}: {reason}")]
    Transport { url: String, reason: String },
    /// Studio answered 2xx with a body we cannot read.
    #[error("unexpected answer from {url}: {reason}")]
    Decode { url: String, reason: String },
}

impl ApiError {
    /// The exit-code kind: 401/403 → auth, 404 → not found, everything else → failure.
    pub fn kind(&self) -> Kind {
        match self {
            ApiError::Status { status: 401, .. } => Kind::Auth,
            ApiError::Status { status: 404, .. } => Kind::NotFound,
            _ => Kind::Failure,
        }
    }

    /// A line naming the fix, when there is one.
    pub fn hint(&self) -> Option<String> {
        None
    }

    /// The HTTP status, when Studio answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Status { status, .. } => Some(*status),
            _ => None,
        }
    }
}

/// A webhook as Studio returns it. Unknown fields are kept in `extra` and printed with `--json`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Webhook {
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub events: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shared_secret: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stream_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<WebhookStatus>,
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
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
#[derive(Debug, Clone, Serialize, Default)]
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

/// The body of `PATCH /webhook/{id}`: only the fields being changed. `Some(None)` clears a field
/// (sent as JSON `null`); `None` leaves it out so Studio keeps it.
#[derive(Debug, Clone, Serialize, Default, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct WebhookPatch {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub events: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shared_secret: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stream_id: Option<Option<String>>,
}

/// One delivery attempt in a webhook's history.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
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

/// One `{"id": field, "value": v}` entry of Studio's `filters` query parameter.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Filter {
    pub id: String,
    pub value: serde_json::Value,
}

/// Query parameters for list endpoints.
#[derive(Debug, Clone, Default)]
pub struct ListQuery {
    /// Page size (Studio: default 20, max 1000).
    pub limit: Option<u32>,
    pub cursor: Option<String>,
    /// Studio's order syntax, e.g. `createdAt-true` (descending).
    pub order: Option<String>,
    pub filters: Vec<Filter>,
    /// Ask for `X-Total-Count`.
    pub count: bool,
}

/// One page of a list endpoint.
#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// The cursor for the next page, with Studio's last-page quirk already removed.
    pub next_cursor: Option<String>,
    /// `X-Total-Count`, when asked for.
    pub total: Option<u64>,
}

impl Client {
    pub fn new(opts: ClientOptions) -> anyhow::Result<Client> {
        Ok(Client { _opts: opts })
    }

    /// `GET /webhook`: one page.
    pub async fn list_webhooks(&self, _query: &ListQuery) -> Result<Page<Webhook>, ApiError> {
        todo!()
    }

    /// `GET /webhook`, following every page; each webhook once, at most `max` of them.
    pub async fn list_all_webhooks(
        &self,
        _query: &ListQuery,
        _max: Option<usize>,
    ) -> Result<Vec<Webhook>, ApiError> {
        todo!()
    }

    /// `GET /webhook/{id}`.
    pub async fn get_webhook(&self, _id: &str) -> Result<Webhook, ApiError> {
        todo!()
    }

    /// `POST /webhook` (201): the stored webhook.
    pub async fn create_webhook(&self, _new: &NewWebhook) -> Result<Webhook, ApiError> {
        todo!()
    }

    /// `PATCH /webhook/{id}` (204) with only the changed fields.
    pub async fn update_webhook(&self, _id: &str, _patch: &WebhookPatch) -> Result<(), ApiError> {
        todo!()
    }

    /// `DELETE /webhook/{id}` (204).
    pub async fn delete_webhook(&self, _id: &str) -> Result<(), ApiError> {
        todo!()
    }

    /// `DELETE /webhook` with `{"ids": [...]}` (204).
    pub async fn delete_webhooks(&self, _ids: &[String]) -> Result<(), ApiError> {
        todo!()
    }

    /// `GET /webhook/{id}/log`: one page, newest first.
    pub async fn list_logs(
        &self,
        _id: &str,
        _query: &ListQuery,
    ) -> Result<Page<WebhookLog>, ApiError> {
        todo!()
    }

    /// `GET /webhook/{id}/log/{logId}`.
    pub async fn get_log(&self, _id: &str, _log_id: &str) -> Result<WebhookLog, ApiError> {
        todo!()
    }

    /// `POST /webhook/{id}/log/{logId}/resend`: the new log.
    pub async fn resend(&self, _id: &str, _log_id: &str) -> Result<WebhookLog, ApiError> {
        todo!()
    }
}
