//! Studio's resend, done for real: the logged body re-stamped with a fresh `timestamp`, signed
//! again with the secret **stored in the log** (not the webhook's current one), and POSTed to
//! the URL **stored in the log** (not the webhook's current one). The new log row shows the
//! webhook's current URL, as Studio's does, although the request went to the old one.
//!
//! Only loopback receivers are contacted, so no test can reach another host; for any other
//! URL the receiver is taken to answer `200 {"received":true}` without a request being made.

use std::net::IpAddr;
use std::time::{Duration, Instant};

use base64::Engine as _;
use bytes::Bytes;
use http_body_util::Full;
use hyper::Response;
use serde_json::{Value, json};

use crate::Shared;
use crate::routes::{Reply, respond};
use crate::store::{new_id, now_ms, signature};

/// How long the mock waits for a receiver (Studio waits 30 s; tests need less).
const RECEIVER_TIMEOUT: Duration = Duration::from_secs(10);

/// A logged delivery to send again.
pub(crate) struct Job {
    pub(crate) webhook_id: String,
    pub(crate) original: Value,
}

/// What the receiver answered, as a log row keeps it.
struct Answer {
    status: Option<u16>,
    status_text: String,
    body: String,
}

pub(crate) async fn run(shared: &Shared, job: Job) -> Response<Full<Bytes>> {
    let now = now_ms();
    let original = &job.original;
    let target = original
        .pointer("/request/url")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned();
    let secret = original
        .get("sharedSecret")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned();
    let old_body = original
        .pointer("/request/body")
        .and_then(Value::as_str)
        .unwrap_or("");
    // JSON.parse, set timestamp, JSON.stringify: key order kept, spacing normalised.
    let body = match serde_json::from_str::<Value>(old_body) {
        Ok(Value::Object(mut payload)) => {
            payload.insert("timestamp".into(), json!(now));
            Value::Object(payload).to_string()
        }
        _ => old_body.to_owned(),
    };
    let mut headers = json!({
        "content-type": "application/json",
        "user-agent": "livepeer.studio",
    });
    if let Some(sig) = signature(&secret, &body, now) {
        headers["Livepeer-Signature"] = json!(sig);
    }

    let started = Instant::now();
    let answer = post(&target, &headers, &body).await;
    let duration = started.elapsed().as_secs_f64();

    let current_url = shared
        .store()
        .webhook(&job.webhook_id)
        .and_then(|w| w.get("url").cloned())
        .unwrap_or_else(|| json!(target));
    let mut log = original.clone();
    let obj = log.as_object_mut().expect("logs are objects");
    obj.insert("id".into(), json!(new_id()));
    obj.insert("createdAt".into(), json!(now));
    obj.insert("duration".into(), json!(duration));
    obj.insert(
        "success".into(),
        json!(answer.status.is_some_and(|s| (200..300).contains(&s))),
    );
    obj.insert(
        "request".into(),
        json!({ "url": current_url, "method": "POST", "headers": headers, "body": body }),
    );
    match answer.status {
        Some(status) => {
            // Studio keeps the first 1024 characters of the answer, base64-encoded.
            let kept: String = answer.body.chars().take(1024).collect();
            obj.insert(
                "response".into(),
                json!({
                    "status": status,
                    "statusText": answer.status_text,
                    "body": base64::engine::general_purpose::STANDARD.encode(kept),
                }),
            );
        }
        None => {
            obj.remove("response");
            obj.insert("errorMessage".into(), json!(answer.status_text));
        }
    }
    let id = shared.store().insert_log(&job.webhook_id, log.clone());
    let stored = shared.store().log(&id).cloned().unwrap_or(log);
    respond(Reply::json(200, stored))
}

/// POST to a loopback receiver and read its answer; other hosts are never contacted.
async fn post(target: &str, headers: &Value, body: &str) -> Answer {
    let on_loopback = url::Url::parse(target)
        .ok()
        .is_some_and(|u| match u.host() {
            Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
            Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
            Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
            None => false,
        });
    if !on_loopback {
        return Answer {
            status: Some(200),
            status_text: "OK".into(),
            body: r#"{"received":true}"#.into(),
        };
    }
    // reqwest is built without a default crypto provider (lpwh's http_client.rs says why); the
    // receivers here are plain HTTP on loopback, but reqwest wants one installed all the same.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = match reqwest::Client::builder()
        .timeout(RECEIVER_TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .build()
    {
        Ok(client) => client,
        Err(e) => return failed(e),
    };
    let mut request = client.post(target).body(body.to_owned());
    for (name, value) in headers.as_object().into_iter().flatten() {
        request = request.header(name.as_str(), value.as_str().unwrap_or(""));
    }
    match request.send().await {
        Ok(response) => {
            let status = response.status();
            Answer {
                status: Some(status.as_u16()),
                status_text: status.canonical_reason().unwrap_or("").to_owned(),
                body: response.text().await.unwrap_or_default(),
            }
        }
        Err(e) => failed(e),
    }
}

fn failed(e: reqwest::Error) -> Answer {
    Answer {
        status: None,
        status_text: e.to_string(),
        body: String::new(),
    }
}
