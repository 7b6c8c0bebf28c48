//! What every case sends with, and how an answer is read.
//!
//! A body is a sample as Studio's sender writes it: `JSON.stringify`'s bytes
//! ([`crate::js_json`]), a fresh UUID as the event id (and as Standard Webhooks' `webhook-id`),
//! and objects named [`super::NAME`]. Every request carries [`super::CASE_HEADER`].
//!
//! An answer is read only as far as a verdict needs ([`MAX_ANSWER_BYTES`]); its start is kept,
//! and a 2xx whose JSON body plainly says it refused is noted ([`refusal`]).

use std::time::{Duration, Instant};

use serde_json::Value;

use super::{Answer, CASE_HEADER, NAME, Plan};
use crate::redacted::Secret;
use crate::samples::{self, SampleOptions};
use crate::signature::{self, Scheme};

/// The most of a receiver's answer `check` reads; the rest is dropped unread.
pub const MAX_ANSWER_BYTES: usize = 64 * 1024;

/// A delivery ready to send.
pub(super) struct Request {
    pub body: Vec<u8>,
    pub headers: Vec<(String, String)>,
}

impl Request {
    /// What the body says it is: (`event` or `type`, `id`).
    fn names(&self) -> (Option<String>, Option<String>) {
        let envelope = crate::delivery::Envelope::parse(&self.body);
        (envelope.event, envelope.id)
    }

    /// Replace the value of header `name` (the signature, in the malformed cases).
    pub fn set_header(&mut self, name: &str, value: &str) {
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        self.headers.push((name.to_owned(), value.to_owned()));
    }
}

/// The state of a run: the plan, the client, and what earlier cases showed.
pub(super) struct Runner<'a> {
    pub plan: &'a Plan,
    client: reqwest::Client,
    /// Every valid delivery's answer, for `latency`.
    pub valid_answers: Vec<Answer>,
    /// `valid`'s answers, once it ran.
    pub valid: Option<Vec<Answer>>,
    /// Whether `stale` was taken (2xx), once it ran: explains `timestamp-mismatch`.
    pub stale_taken: Option<bool>,
    /// The case after which the receiver went down.
    pub down: Option<&'static str>,
}

impl<'a> Runner<'a> {
    pub fn new(plan: &'a Plan) -> anyhow::Result<Runner<'a>> {
        Ok(Runner {
            plan,
            client: client(plan.timeout)?,
            valid_answers: Vec::new(),
            valid: None,
            stale_taken: None,
            down: None,
        })
    }

    /// `valid` ran and did not take every delivery.
    pub fn valid_failed(&self) -> bool {
        self.valid
            .as_ref()
            .is_some_and(|answers| !answers.iter().all(Answer::taken))
    }

    /// A sample of `event` stamped `at` (Unix ms), fresh (a new event id, as every render has),
    /// objects named [`NAME`], everything else as the sample has it.
    pub fn body(&self, event: &str, at: i64) -> anyhow::Result<Value> {
        let mut value = samples::render_value(
            event,
            &SampleOptions {
                timestamp_ms: at,
                ..SampleOptions::default()
            },
        )
        .map_err(crate::error::Failure::from)?;
        brand(&mut value);
        Ok(value)
    }

    /// `value` as Studio's sender writes it.
    pub fn bytes(value: &Value) -> anyhow::Result<Vec<u8>> {
        Ok(crate::js_json::to_vec(value)?)
    }

    /// [`Runner::signed`] with the run's own scheme and secret: what Studio would send.
    pub fn signed_as_planned(&self, body: Vec<u8>, at: i64, case: &str) -> anyhow::Result<Request> {
        self.signed(self.plan.scheme, &self.plan.secret, body, at, case)
    }

    /// `body` signed with `secret` at `at` as `scheme`, with the case header. Standard Webhooks'
    /// `webhook-id` is the body's event id (a UUID), so a retry carries the same one.
    pub fn signed(
        &self,
        scheme: Scheme,
        secret: &Secret,
        body: Vec<u8>,
        at: i64,
        case: &str,
    ) -> anyhow::Result<Request> {
        let message_id = crate::delivery::Envelope::parse(&body)
            .id
            .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
        let mut headers = signature::sign(scheme, secret, &body, at, Some(&message_id))
            .map_err(|e| crate::error::usage(format!("cannot sign as {scheme}: {e}")))?;
        headers.push((CASE_HEADER.to_owned(), case.to_owned()));
        Ok(Request { body, headers })
    }

    /// A valid delivery of `event`, now.
    pub fn valid(&self, event: &str, case: &str) -> anyhow::Result<Request> {
        let now = crate::humane::now_ms();
        let body = Self::bytes(&self.body(event, now)?)?;
        self.signed(self.plan.scheme, &self.plan.secret, body, now, case)
    }

    /// The POST of `request` to the receiver, ready to send.
    fn post(&self, request: &Request) -> reqwest::RequestBuilder {
        let mut builder = self
            .client
            .post(self.plan.url.clone())
            .header("content-type", "application/json")
            .header("user-agent", "lpwh check");
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        builder.body(request.body.clone())
    }

    /// Send `request` and read the answer. A valid delivery's answer (`valid`) is kept for
    /// `latency`, answered or not.
    pub async fn send(&mut self, request: &Request, valid: bool) -> Answer {
        let answer = exchange(self.post(request), request.names(), self.plan.timeout).await;
        if valid {
            self.valid_answers.push(answer.clone());
        }
        answer
    }

    /// Send `request` with a shorter limit than `--timeout` (the forged cases: a receiver must
    /// refuse them within seconds).
    pub async fn send_within(&mut self, request: &Request, limit: Duration) -> Answer {
        let limit = limit.min(self.plan.timeout);
        exchange(self.post(request).timeout(limit), request.names(), limit).await
    }

    /// Send every request, at most `at_once` in flight; the answers in the order they came,
    /// and the time the whole took.
    pub async fn send_many(
        &mut self,
        requests: &[Request],
        at_once: usize,
    ) -> (Vec<Answer>, Duration) {
        let started = Instant::now();
        let limit = std::sync::Arc::new(tokio::sync::Semaphore::new(at_once.max(1)));
        let mut set = tokio::task::JoinSet::new();
        for request in requests {
            let limit = limit.clone();
            let post = self.post(request);
            let names = request.names();
            let timeout = self.plan.timeout;
            set.spawn(async move {
                let _permit = limit.acquire_owned().await;
                exchange(post, names, timeout).await
            });
        }
        let mut answers = Vec::new();
        while let Some(joined) = set.join_next().await {
            if let Ok(answer) = joined {
                answers.push(answer);
            }
        }
        self.valid_answers.extend(answers.iter().cloned());
        (answers, started.elapsed())
    }
}

/// The client every case sends with: a per-request timeout, no redirects, no proxy.
fn client(timeout: Duration) -> anyhow::Result<reqwest::Client> {
    Ok(crate::http_client::builder()
        .timeout(timeout)
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .build()?)
}

/// [`NAME`] as every object's `name`, what a person sees in the receiver's logs. Ids stay what
/// the sample has: fresh at every render, and of the provider's own form (Studio's UUIDs, so
/// receivers that validate them accept these; FastPix's as FastPix documents them).
fn brand(value: &mut Value) {
    fn names(value: &mut Value) {
        match value {
            Value::Object(map) => {
                for (key, v) in map.iter_mut() {
                    if key == "name" && v.is_string() {
                        *v = Value::String(NAME.to_owned());
                    } else {
                        names(v);
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(names),
            _ => {}
        }
    }
    names(value);
    if let Value::Object(top) = value
        && top.contains_key("id")
    {
        top.insert("id".into(), Value::String(uuid::Uuid::new_v4().to_string()));
    }
}

/// Send one request and make its [`Answer`]: the status, the start of the body, what the body
/// says; or what went wrong without an answer.
pub(super) async fn exchange(
    request: reqwest::RequestBuilder,
    (event, event_id): (Option<String>, Option<String>),
    timeout: Duration,
) -> Answer {
    let started = Instant::now();
    let result = request.send().await;
    let mut refused_in_body = None;
    let mut says_duplicate = false;
    let mut timed_out = false;
    let (status, note) = match result {
        Ok(mut answer) => {
            let status = answer.status().as_u16();
            // Read only what a verdict looks at: a receiver that streams gigabytes costs no
            // more than this (the rest is dropped with the connection).
            let mut kept = Vec::new();
            while kept.len() < MAX_ANSWER_BYTES {
                match answer.chunk().await {
                    Ok(Some(chunk)) => kept.extend_from_slice(&chunk),
                    _ => break,
                }
            }
            kept.truncate(MAX_ANSWER_BYTES);
            drop(answer);
            if (200..300).contains(&status) {
                refused_in_body = refusal(&kept);
            }
            let text = String::from_utf8_lossy(&kept);
            let lower = text.to_ascii_lowercase();
            says_duplicate = lower.contains("duplicate")
                || lower.contains("already processed")
                || lower.contains("already received");
            let start: String = text.chars().take(80).collect();
            // Raw here: the table and JUnit sanitize it, JSON escapes it.
            let note = (!start.trim().is_empty()).then(|| start.trim().to_owned());
            (Some(status), note)
        }
        Err(err) => {
            timed_out = err.is_timeout();
            let note = if err.is_timeout() {
                format!("timed out after {}", crate::humane::Duration::of(timeout))
            } else if err.is_connect() {
                "connection refused or reset".to_owned()
            } else {
                err.without_url().to_string()
            };
            (None, Some(note))
        }
    };
    Answer {
        event,
        event_id,
        status,
        ms: started.elapsed().as_millis() as u64,
        note,
        refused_in_body,
        says_duplicate,
        timed_out,
    }
}

/// What a 2xx's body says when it plainly refuses: JSON with a `status`, `statusCode` or `code`
/// that is a 4xx or 5xx (a number or a numeric string), `success: false`, `ok: false`, or a
/// non-null `error`.
pub(super) fn refusal(body: &[u8]) -> Option<String> {
    let Ok(Value::Object(map)) = serde_json::from_slice::<Value>(body) else {
        return None;
    };
    for key in ["status", "statusCode", "code"] {
        let code = match map.get(key) {
            Some(Value::Number(n)) => n.as_u64(),
            Some(Value::String(s)) => s.trim().parse::<u64>().ok(),
            _ => None,
        };
        if let Some(code) = code.filter(|c| (400..600).contains(c)) {
            return Some(format!("{key} {code}"));
        }
    }
    for key in ["success", "ok"] {
        if map.get(key) == Some(&Value::Bool(false)) {
            return Some(format!("{key}: false"));
        }
    }
    match map.get("error") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => {
            Some(format!("error: {}", s.chars().take(60).collect::<String>()))
        }
        Some(_) => Some("an error".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_that_plainly_refuses_is_read_as_a_refusal() {
        for (body, said) in [
            (r#"{"status":"401"}"#, Some("status 401")),
            (r#"{"statusCode":500}"#, Some("statusCode 500")),
            (r#"{"code":403,"message":"no"}"#, Some("code 403")),
            (r#"{"success":false}"#, Some("success: false")),
            (r#"{"ok":false}"#, Some("ok: false")),
            (r#"{"error":"bad signature"}"#, Some("error: bad signature")),
            (r#"{"error":{"why":1}}"#, Some("an error")),
            (r#"{"status":200}"#, None),
            (r#"{"status":"ok","error":null}"#, None),
            (r#"{"received":true}"#, None),
            (r#"{"code":"E_OK"}"#, None),
            ("not json", None),
            (r#"[{"status":401}]"#, None),
        ] {
            assert_eq!(refusal(body.as_bytes()).as_deref(), said, "{body}");
        }
    }

    #[test]
    fn branded_bodies_keep_uuid_ids_and_name_objects_lpwh_check() {
        let mut value = serde_json::json!({
            "id": "x", "event": "stream.started",
            "stream": {"id": "6a0b6f1e-2c1f-4b1e-9d1c-0a4f5f0e0b7d", "name": "my-stream"},
        });
        brand(&mut value);
        assert!(uuid::Uuid::parse_str(value["id"].as_str().unwrap()).is_ok());
        assert_eq!(value["stream"]["name"], NAME);
        assert_eq!(
            value["stream"]["id"],
            "6a0b6f1e-2c1f-4b1e-9d1c-0a4f5f0e0b7d"
        );
    }
}
