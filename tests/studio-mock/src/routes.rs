//! Authentication and the `/api/webhook` routes, answering as Studio does (studio-api.md).

use bytes::Bytes;
use http_body_util::Full;
use hyper::Response;
use serde_json::{Map, Value, json};

use crate::listing::{self, Rows};
use crate::store::{PROJECT_ID, new_id, now_ms};
use crate::{MOCK_USER_ID, RecordedRequest, Shared, validate};

/// An answer under construction.
pub(crate) struct Reply {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Option<Value>,
}

impl Reply {
    pub(crate) fn json(status: u16, body: Value) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body: Some(body),
        }
    }

    fn empty(status: u16) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body: None,
        }
    }

    pub(crate) fn header(mut self, name: &'static str, value: String) -> Reply {
        self.headers.push((name, value));
        self
    }

    fn into_response(self) -> Response<Full<Bytes>> {
        let mut builder = Response::builder().status(self.status);
        for (name, value) in &self.headers {
            builder = builder.header(*name, value);
        }
        let body = match self.body {
            Some(value) => {
                builder = builder.header("content-type", "application/json; charset=utf-8");
                Bytes::from(serde_json::to_vec(&value).expect("JSON serializes"))
            }
            None => Bytes::new(),
        };
        builder.body(Full::new(body)).expect("valid response")
    }
}

/// Studio's error shape: `{"errors": [message]}`.
pub(crate) fn error(status: u16, message: &str) -> Reply {
    Reply::json(status, json!({ "errors": [message] }))
}

fn not_found() -> Reply {
    error(404, "not found")
}

pub(crate) fn route(shared: &Shared, req: &RecordedRequest) -> Response<Full<Bytes>> {
    dispatch(shared, req).into_response()
}

fn dispatch(shared: &Shared, req: &RecordedRequest) -> Reply {
    let Some(rest) = req.path.strip_prefix("/api/") else {
        return not_found();
    };
    if let Err(reply) = authenticate(shared, req) {
        return reply;
    }
    let segments: Vec<&str> = rest.trim_end_matches('/').split('/').collect();
    let method = req.method.as_str();
    match (method, segments.as_slice()) {
        ("GET", ["webhook"]) => list_webhooks(shared, req),
        ("GET", ["user", "me"]) => Reply::json(
            200,
            json!({
                "id": MOCK_USER_ID, "email": "dev@example.com", "kind": "user",
                "admin": shared.store().admin,
            }),
        ),
        ("POST", ["webhook"]) => with_body(req, |body| create(shared, body)),
        ("DELETE", ["webhook"]) => with_body(req, |body| bulk_delete(shared, body)),
        ("GET", ["webhook", "subscribed", event]) => subscribed(shared, req, event),
        ("GET", ["webhook", id]) => {
            let store = shared.store();
            if store.admin {
                // An admin sees every stored webhook, deleted ones marked `"deleted": true`.
                return match store.webhook_as_admin(id) {
                    Some(webhook) => Reply::json(200, webhook),
                    None => not_found(),
                };
            }
            match store.owned(id) {
                Some(webhook) => Reply::json(200, webhook.clone()),
                None => not_found(),
            }
        }
        ("GET", ["stream", id]) => match shared.store().streams.get(*id) {
            Some(name) => Reply::json(
                200,
                json!({
                    "id": id, "name": name, "kind": "stream", "userId": MOCK_USER_ID,
                    "projectId": PROJECT_ID, "isActive": false, "record": false,
                }),
            ),
            None => not_found(),
        },
        ("PATCH", ["webhook", id]) => with_body(req, |body| patch(shared, id, body)),
        ("PUT", ["webhook", _]) => with_body(req, |body| put(shared, body)),
        ("DELETE", ["webhook", id]) => {
            let mut store = shared.store();
            if store.owned(id).is_none() {
                return not_found();
            }
            store.mark_deleted(id);
            Reply::empty(204)
        }
        ("GET", ["webhook", id, "log"]) => {
            let store = shared.store();
            if store.endless || store.repeating {
                return listing::endless(req, store.endless);
            }
            // An admin reads another account's logs only with allUsers=true; otherwise, like
            // anyone, 200 [] (Studio lists by webhook id without checking the webhook).
            let all_users = store.admin && req.query_param("allUsers").as_deref() == Some("true");
            let logs = match store.owned(id) {
                Some(_) => store.log_refs(id),
                None if all_users && store.lookup(id).is_some() => store.log_refs(id),
                None => Vec::new(),
            };
            listing::page(req, logs, Rows::Logs)
        }
        ("GET", ["webhook", id, "log", log_id]) => match find_log(shared, id, log_id) {
            Ok(log) => Reply::json(200, crate::listing::public_log(&log)),
            Err(reply) => reply,
        },
        _ => not_found(),
    }
}

fn authenticate(shared: &Shared, req: &RecordedRequest) -> Result<(), Reply> {
    let Some(header) = req.header("authorization") else {
        return Err(error(401, "request is not authenticated"));
    };
    let (scheme, token) = header.trim().split_once(' ').unwrap_or((header.trim(), ""));
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Err(error(
            401,
            &format!("unsupported authorization header scheme: {scheme}"),
        ));
    }
    let token = token.trim();
    if token != shared.api_key {
        // Studio really echoes the token back: clients must keep it out of what they print.
        return Err(error(401, &format!("no token {token} found")));
    }
    Ok(())
}

/// Parse a JSON body as Express's `json()` middleware does: only with a JSON content type
/// (otherwise the handler sees `{}`), an empty body is `{}`, malformed JSON is a 400.
fn with_body(req: &RecordedRequest, handler: impl FnOnce(Value) -> Reply) -> Reply {
    let is_json = req
        .header("content-type")
        .is_some_and(|ct| ct.to_ascii_lowercase().contains("json"));
    if !is_json || req.body.iter().all(u8::is_ascii_whitespace) {
        return handler(json!({}));
    }
    match serde_json::from_slice::<Value>(&req.body) {
        Ok(body) => handler(body),
        Err(e) => error(400, &format!("Unexpected token in JSON: {e}")),
    }
}

fn list_webhooks(shared: &Shared, req: &RecordedRequest) -> Reply {
    let store = shared.store();
    if store.endless || store.repeating {
        return listing::endless(req, store.endless);
    }
    if store.admin {
        // An admin's list: deleted rows only with all=true (marked `"deleted": true`), other
        // accounts' only with allUsers=true.
        let flag = |name: &str| req.query_param(name).as_deref() == Some("true");
        let rows = store.admin_rows(flag("all"), flag("allUsers"));
        return listing::page(req, rows.iter().collect(), Rows::Webhooks);
    }
    listing::page(req, store.live_refs(), Rows::Webhooks)
}

/// The fields a client may set, copied in Studio's storage order.
fn writable(body: &Map<String, Value>, into: &mut Map<String, Value>) {
    if let Some(v) = body.get("name") {
        into.insert("name".into(), v.clone());
    }
    let events = match (body.get("events"), body.get("event")) {
        (Some(events), _) => events.clone(),
        (None, Some(event)) => json!([event]),
        (None, None) => json!([]),
    };
    into.insert("events".into(), events);
    for key in ["url", "sharedSecret", "streamId"] {
        if let Some(v) = body.get(key) {
            into.insert(key.into(), v.clone());
        }
    }
}

fn create(shared: &Shared, body: Value) -> Reply {
    if let Err(message) = validate::create(&body) {
        return error(422, &message);
    }
    let body = body.as_object().expect("validated as an object");
    let id = new_id();
    let mut webhook = Map::new();
    webhook.insert("id".into(), json!(id));
    webhook.insert("name".into(), json!(""));
    webhook.insert("kind".into(), json!("webhook"));
    webhook.insert("userId".into(), json!(MOCK_USER_ID));
    let project = body.get("projectId").cloned().unwrap_or(json!(PROJECT_ID));
    webhook.insert("projectId".into(), project);
    webhook.insert("createdAt".into(), json!(now_ms()));
    writable(body, &mut webhook);
    let stored = Value::Object(webhook);
    let mut store = shared.store();
    store.insert_webhook(stored.clone());
    let logs = store.logs_for_created;
    store.seed_logs(&id, logs);
    drop(store);
    Reply::json(201, stored)
}

fn patch(shared: &Shared, id: &str, body: Value) -> Reply {
    let mut store = shared.store();
    if store.patchable_mut(id).is_none() {
        return not_found();
    }
    if let Err(message) = validate::patch(&body) {
        return error(422, &message);
    }
    let body = body.as_object().expect("validated as an object");
    if let Some(stream) = body.get("streamId").and_then(Value::as_str)
        && !store.streams.contains_key(stream)
    {
        return error(404, "stream not found");
    }
    let webhook = store.patchable_mut(id).expect("checked above");
    // Studio merges the body into the stored JSON (`data || $body`): keys are set, never removed.
    for (key, value) in body {
        webhook.insert(key.clone(), value.clone());
    }
    Reply::empty(204)
}

/// `PUT /webhook/{id}`: the path id is ignored; the body's `id` picks the webhook, and the
/// whole object is replaced, so an omitted `sharedSecret` or `streamId` is gone afterwards, and
/// so is `status`.
fn put(shared: &Shared, body: Value) -> Reply {
    if let Err(message) = validate::create(&body) {
        return error(422, &message);
    }
    let body = body.as_object().expect("validated as an object");
    let Some(id) = body.get("id").and_then(Value::as_str) else {
        return not_found();
    };
    let mut store = shared.store();
    let Some(old) = store.owned_mut(id) else {
        return not_found();
    };
    let mut replaced = Map::new();
    for key in ["id", "name", "kind", "userId", "projectId", "createdAt"] {
        if let Some(v) = old.get(key) {
            replaced.insert(key.into(), v.clone());
        }
    }
    // Studio rebuilds the row from these fields alone: `status` (last triggered, last failure)
    // is not among them, so a PUT resets it.
    writable(body, &mut replaced);
    *old = replaced;
    Reply::json(200, json!({ "id": id }))
}

fn bulk_delete(shared: &Shared, body: Value) -> Reply {
    let ids: Option<Vec<String>> = body
        .get("ids")
        .and_then(Value::as_array)
        .and_then(|ids| ids.iter().map(|v| v.as_str().map(str::to_owned)).collect());
    let Some(ids) = ids else {
        return error(422, "missing ids");
    };
    let mut store = shared.store();
    if store.admin {
        // Studio's admin path deletes whatever exists, whoever owns it, and answers 204; 404
        // only when none of the ids exists.
        if ids.iter().all(|id| store.lookup(id).is_none()) {
            return not_found();
        }
        for id in &ids {
            store.mark_deleted(id);
        }
        return Reply::empty(204);
    }
    let found: Vec<(String, String)> = ids
        .iter()
        .filter_map(|id| store.lookup(id).map(|(owner, _)| (id.clone(), owner)))
        .collect();
    if found.is_empty() {
        // Studio's bulk delete crashes on an empty lookup result.
        return error(500, "internal server error");
    }
    if found.iter().any(|(_, owner)| owner != MOCK_USER_ID) {
        return not_found();
    }
    for (id, _) in &found {
        store.mark_deleted(id);
    }
    Reply::empty(204)
}

fn subscribed(shared: &Shared, req: &RecordedRequest, event: &str) -> Reply {
    let stream = req.query_param("streamId");
    let rows: Vec<Value> = shared
        .store()
        .live_webhooks()
        .into_iter()
        .filter(|w| {
            w.get("events")
                .and_then(Value::as_array)
                .is_some_and(|events| events.iter().any(|e| e.as_str() == Some(event)))
        })
        .filter(
            |w| match (&stream, w.get("streamId").and_then(Value::as_str)) {
                (Some(want), Some(have)) => want == have,
                _ => true,
            },
        )
        .collect();
    Reply::json(200, Value::Array(rows))
}

fn find_log(shared: &Shared, webhook_id: &str, log_id: &str) -> Result<Value, Reply> {
    let store = shared.store();
    match store.lookup(webhook_id) {
        None | Some((_, true)) => return Err(error(404, "webhook not found")),
        Some((owner, false)) if owner != MOCK_USER_ID => return Err(error(403, "invalid user")),
        Some(_) => {}
    }
    let Some(log) = store.log(log_id) else {
        return Err(error(404, "webhook log not found"));
    };
    if log.get("webhookId").and_then(Value::as_str) != Some(webhook_id) {
        return Err(error(400, "mismatch between webhook and webhook log"));
    }
    // As stored (the resend needs the logged secret); the GET route strips it.
    Ok(log.clone())
}

/// `POST /webhook/{id}/log/{logId}/resend`, checked as Studio does: `None` for any other
/// request, the logged delivery to send again, or the error answer.
pub(crate) fn resend_target(
    shared: &Shared,
    req: &RecordedRequest,
) -> Option<Result<crate::resend::Job, Response<Full<Bytes>>>> {
    let rest = req.path.strip_prefix("/api/")?;
    let segments: Vec<&str> = rest.trim_end_matches('/').split('/').collect();
    let ["webhook", id, "log", log_id, "resend"] = segments.as_slice() else {
        return None;
    };
    if req.method != "POST" {
        return None;
    }
    if let Err(reply) = authenticate(shared, req) {
        return Some(Err(reply.into_response()));
    }
    Some(
        find_log(shared, id, log_id)
            .map(|original| crate::resend::Job {
                webhook_id: (*id).to_owned(),
                original,
            })
            .map_err(Reply::into_response),
    )
}

/// A reply as a response, for callers outside this module.
pub(crate) fn respond(reply: Reply) -> Response<Full<Bytes>> {
    reply.into_response()
}
