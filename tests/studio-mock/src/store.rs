//! The mock's data: webhooks (soft-deleted, never removed), their delivery logs, known streams.

use std::collections::{BTreeMap, HashMap};
use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use serde_json::{Map, Value, json};

use crate::MOCK_USER_ID;

/// Studio's event enum (studio-api.md), in the server's order.
pub const EVENTS: [&str; 20] = [
    "stream.started",
    "stream.detection",
    "stream.idle",
    "recording.ready",
    "recording.started",
    "recording.waiting",
    "multistream.connected",
    "multistream.error",
    "multistream.disconnected",
    "playback.user.new",
    "playback.accessControl",
    "asset.created",
    "asset.updated",
    "asset.failed",
    "asset.ready",
    "asset.deleted",
    "task.spawned",
    "task.updated",
    "task.completed",
    "task.failed",
];

pub(crate) const PROJECT_ID: &str = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

pub(crate) fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

pub(crate) fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

struct Stored {
    value: Value,
    deleted: bool,
}

#[derive(Default)]
pub(crate) struct Store {
    /// Keyed by id, so iteration is Studio's default order.
    webhooks: BTreeMap<String, Stored>,
    logs: BTreeMap<String, Value>,
    /// Known stream ids and their names: `GET /stream/{id}` and PATCH's `streamId` check.
    pub(crate) streams: HashMap<String, String>,
    /// The caller holds an admin key (studio-api.md, "Admin keys").
    pub(crate) admin: bool,
    /// Hostile mode: every list page is full of new rows and announces another page.
    pub(crate) endless: bool,
    /// Hostile mode: every list page holds the same rows and announces another page.
    pub(crate) repeating: bool,
    /// Logs to seed for each webhook created through the API (`--logs-for-created`).
    pub(crate) logs_for_created: usize,
    seeded: usize,
}

impl Store {
    pub(crate) fn seed_webhooks(&mut self, n: usize) -> Vec<String> {
        let base = now_ms() - 90 * 24 * 3600 * 1000;
        (0..n)
            .map(|_| {
                let i = self.seeded;
                self.seeded += 1;
                let events: Vec<&str> = (0..1 + i % 3)
                    .map(|k| EVENTS[(i + k * 7) % EVENTS.len()])
                    .collect();
                let mut webhook = json!({
                    "name": format!("webhook-{i:05}"),
                    "url": format!("https://hooks.example.com/livepeer/{i}"),
                    "events": events,
                    "createdAt": base + i as i64 * 60_000,
                });
                let obj = webhook.as_object_mut().expect("object");
                if i.is_multiple_of(2) {
                    obj.insert(
                        "sharedSecret".into(),
                        json!(format!("seeded-secret-{i:05}-5b8e1f")),
                    );
                }
                if i.is_multiple_of(3) {
                    obj.insert(
                        "status".into(),
                        json!({ "lastTriggeredAt": base + i as i64 * 60_000 + 5_000 }),
                    );
                }
                if i % 5 == 4 {
                    obj.insert(
                        "status".into(),
                        json!({
                            "lastTriggeredAt": base + i as i64 * 60_000 + 9_000,
                            "lastFailure": {
                                "timestamp": base + i as i64 * 60_000 + 9_000,
                                "error": "Error: connect ECONNREFUSED",
                                "response": "",
                                "statusCode": 500
                            }
                        }),
                    );
                }
                self.insert_webhook(webhook)
            })
            .collect()
    }

    pub(crate) fn insert_webhook(&mut self, webhook: Value) -> String {
        let mut obj = match webhook {
            Value::Object(map) => map,
            _ => Map::new(),
        };
        let id = match obj.get("id").and_then(Value::as_str) {
            Some(id) => id.to_owned(),
            None => new_id(),
        };
        let n = self.webhooks.len();
        obj.entry("name")
            .or_insert_with(|| json!(format!("hook-{n}")));
        obj.entry("kind").or_insert_with(|| json!("webhook"));
        obj.entry("userId").or_insert_with(|| json!(MOCK_USER_ID));
        obj.entry("projectId").or_insert_with(|| json!(PROJECT_ID));
        obj.entry("createdAt").or_insert_with(|| json!(now_ms()));
        obj.entry("events")
            .or_insert_with(|| json!(["stream.started"]));
        obj.entry("url")
            .or_insert_with(|| json!(format!("https://hooks.example.com/{n}")));
        // Studio's field order: id first, then the common fields, then the rest.
        let mut ordered = Map::new();
        ordered.insert("id".into(), json!(id));
        for key in [
            "name",
            "kind",
            "userId",
            "projectId",
            "createdAt",
            "events",
            "url",
        ] {
            if let Some(v) = obj.remove(key) {
                ordered.insert(key.into(), v);
            }
        }
        obj.remove("id");
        ordered.append(&mut obj);
        let obj = ordered;
        self.webhooks.insert(
            id.clone(),
            Stored {
                value: Value::Object(obj),
                deleted: false,
            },
        );
        id
    }

    pub(crate) fn webhook(&self, id: &str) -> Option<Value> {
        self.webhooks.get(id).map(|s| s.value.clone())
    }

    /// What an admin's GET sees: any stored webhook, a deleted one with `"deleted": true`.
    pub(crate) fn webhook_as_admin(&self, id: &str) -> Option<Value> {
        let stored = self.webhooks.get(id)?;
        let mut value = stored.value.clone();
        if stored.deleted
            && let Some(obj) = value.as_object_mut()
        {
            obj.insert("deleted".into(), json!(true));
        }
        Some(value)
    }

    pub(crate) fn is_deleted(&self, id: &str) -> bool {
        self.webhooks.get(id).is_some_and(|s| s.deleted)
    }

    /// The webhook if it exists, is not deleted and belongs to the caller (else Studio's 404).
    pub(crate) fn owned(&self, id: &str) -> Option<&Value> {
        self.webhooks
            .get(id)
            .filter(|s| !s.deleted && owner(&s.value) == MOCK_USER_ID)
            .map(|s| &s.value)
    }

    pub(crate) fn owned_mut(&mut self, id: &str) -> Option<&mut Map<String, Value>> {
        self.webhooks
            .get_mut(id)
            .filter(|s| !s.deleted && owner(&s.value) == MOCK_USER_ID)
            .and_then(|s| s.value.as_object_mut())
    }

    /// What `PATCH` may change: one's own live webhook, or, with an admin's key, any stored one
    /// (Studio's `hasAccessToResource` lets an API admin through whatever the owner; only
    /// `DELETE /webhook/{id}` asks for a dashboard admin).
    pub(crate) fn patchable_mut(&mut self, id: &str) -> Option<&mut Map<String, Value>> {
        let admin = self.admin;
        self.webhooks
            .get_mut(id)
            .filter(|s| admin || (!s.deleted && owner(&s.value) == MOCK_USER_ID))
            .and_then(|s| s.value.as_object_mut())
    }

    /// Any stored webhook with this id, deleted or someone else's: (owner, deleted).
    pub(crate) fn lookup(&self, id: &str) -> Option<(String, bool)> {
        self.webhooks
            .get(id)
            .map(|s| (owner(&s.value).to_owned(), s.deleted))
    }

    pub(crate) fn mark_deleted(&mut self, id: &str) {
        if let Some(s) = self.webhooks.get_mut(id) {
            s.deleted = true;
        }
    }

    /// What an admin's list holds: the caller's webhooks (every account's with `all_users`),
    /// live ones only unless `deleted` (then marked `"deleted": true`).
    pub(crate) fn admin_rows(&self, deleted: bool, all_users: bool) -> Vec<Value> {
        let mut ids: Vec<&String> = self
            .webhooks
            .iter()
            .filter(|(_, s)| {
                (deleted || !s.deleted) && (all_users || owner(&s.value) == MOCK_USER_ID)
            })
            .map(|(id, _)| id)
            .collect();
        ids.sort();
        ids.into_iter()
            .filter_map(|id| self.webhook_as_admin(id))
            .collect()
    }

    /// The caller's live webhooks, sorted by id.
    pub(crate) fn live_webhooks(&self) -> Vec<Value> {
        self.live_refs().into_iter().cloned().collect()
    }

    /// [`Store::live_webhooks`] without copying.
    pub(crate) fn live_refs(&self) -> Vec<&Value> {
        self.webhooks
            .values()
            .filter(|s| !s.deleted && owner(&s.value) == MOCK_USER_ID)
            .map(|s| &s.value)
            .collect()
    }

    pub(crate) fn insert_log(&mut self, webhook_id: &str, log: Value) -> String {
        let mut obj = match log {
            Value::Object(map) => map,
            _ => Map::new(),
        };
        let id = match obj.get("id").and_then(Value::as_str) {
            Some(id) => id.to_owned(),
            None => new_id(),
        };
        obj.insert("id".into(), json!(id));
        obj.entry("kind").or_insert_with(|| json!("webhookLog"));
        obj.insert("webhookId".into(), json!(webhook_id));
        obj.entry("projectId").or_insert_with(|| json!(PROJECT_ID));
        obj.entry("event")
            .or_insert_with(|| json!("stream.started"));
        let created = obj
            .entry("createdAt")
            .or_insert_with(|| json!(now_ms()))
            .clone();
        let success = obj
            .entry("success")
            .or_insert_with(|| json!(true))
            .as_bool()
            .unwrap_or(true);
        obj.entry("duration").or_insert_with(|| json!(0.153));
        let event = obj["event"].clone();
        let url = self
            .webhooks
            .get(webhook_id)
            .and_then(|s| s.value.get("url").cloned())
            .unwrap_or_else(|| json!("https://hooks.example.com/unknown"));
        // Studio's log row keeps the secret the delivery was signed with: a resend signs with
        // it, not with the webhook's current one.
        if let Some(secret) = self
            .webhooks
            .get(webhook_id)
            .and_then(|s| s.value.get("sharedSecret").cloned())
        {
            obj.entry("sharedSecret").or_insert(secret);
        }
        let secret = obj
            .get("sharedSecret")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned();
        // Studio stores the event's id in the row (`eventId`, write-only: stripped from every
        // answer); retries and resends of one event share it, and it is the body's `id`.
        let event_id = obj
            .entry("eventId")
            .or_insert_with(|| json!(new_id()))
            .clone();
        obj.entry("request").or_insert_with(|| {
            let body = json!({
                "id": event_id,
                "webhookId": webhook_id,
                "createdAt": created,
                "timestamp": created,
                "event": event,
                "stream": {"id": "e0f1ed4f-7a2b-4c3d-9e8f-0a1b2c3d4e5f", "name": "my-stream"},
            })
            .to_string();
            let mut headers = json!({
                "content-type": "application/json",
                "user-agent": "livepeer.studio",
            });
            if let Some(sig) = signature(&secret, &body, created.as_i64().unwrap_or(0)) {
                headers["Livepeer-Signature"] = json!(sig);
            }
            json!({ "url": url, "method": "POST", "headers": headers, "body": body })
        });
        obj.entry("response").or_insert_with(|| {
            let (status, text, body) = if success {
                (200, "OK", r#"{"received":true}"#)
            } else {
                (
                    500,
                    "Internal Server Error",
                    "upstream exploded: database unavailable",
                )
            };
            json!({
                "status": status,
                "statusText": text,
                "body": base64::engine::general_purpose::STANDARD.encode(body),
            })
        });
        self.logs.insert(id.clone(), Value::Object(obj));
        id
    }

    pub(crate) fn seed_logs(&mut self, webhook_id: &str, n: usize) -> Vec<String> {
        let now = now_ms();
        // Events the webhook subscribes to, as Studio would deliver; else the first three.
        let events: Vec<Value> = self
            .webhooks
            .get(webhook_id)
            .and_then(|s| s.value.get("events"))
            .and_then(Value::as_array)
            .filter(|e| !e.is_empty())
            .cloned()
            .unwrap_or_else(|| EVENTS[..3].iter().map(|e| json!(e)).collect());
        (0..n)
            .map(|i| {
                let log = json!({
                    "createdAt": now - (n - i) as i64 * 1000,
                    "event": events[i % events.len()],
                    "success": i.is_multiple_of(2),
                    "duration": 0.05 + (i % 7) as f64 * 0.01,
                });
                self.insert_log(webhook_id, log)
            })
            .collect()
    }

    /// Point a stored log's request at another URL, as if the webhook's URL changed since.
    pub(crate) fn set_log_request_url(&mut self, id: &str, url: &str) {
        if let Some(request) = self.logs.get_mut(id).and_then(|l| l.get_mut("request")) {
            request["url"] = Value::String(url.to_owned());
        }
    }

    pub(crate) fn log(&self, id: &str) -> Option<&Value> {
        self.logs.get(id)
    }

    /// A webhook's logs, newest first (Studio's default).
    pub(crate) fn logs_of(&self, webhook_id: &str) -> Vec<Value> {
        self.log_refs(webhook_id).into_iter().cloned().collect()
    }

    /// [`Store::logs_of`] without copying.
    pub(crate) fn log_refs(&self, webhook_id: &str) -> Vec<&Value> {
        let mut logs: Vec<&Value> = self
            .logs
            .values()
            .filter(|l| l.get("webhookId").and_then(Value::as_str) == Some(webhook_id))
            .collect();
        logs.sort_by_cached_key(|l| {
            std::cmp::Reverse(l.get("createdAt").and_then(Value::as_i64).unwrap_or(0))
        });
        logs
    }
}

fn owner(webhook: &Value) -> &str {
    webhook.get("userId").and_then(Value::as_str).unwrap_or("")
}

/// The `Livepeer-Signature` Studio sends: `t=<ms>,v1=<hex HMAC-SHA256 of the body alone>`,
/// only when the secret is non-empty (signatures.md).
pub(crate) fn signature(secret: &str, body: &str, t_ms: i64) -> Option<String> {
    use hmac::{KeyInit, Mac};
    if secret.is_empty() {
        return None;
    }
    let mut mac =
        hmac::Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(body.as_bytes());
    Some(format!(
        "t={t_ms},v1={}",
        hex::encode(mac.finalize().into_bytes())
    ))
}
