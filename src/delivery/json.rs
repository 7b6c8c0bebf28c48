//! The delivery JSON: the one shape of a delivery wherever it leaves lpwh as JSON (`listen
//! --json` lines, `inbox list/show/export --json`). [`DeliveryJson`] is the reference; the
//! README documents it field by field.
//!
//! `listen` writes its lines with [`Record::write_json`], a hand-written fast path (see
//! [`crate::json_write`]); a test holds its bytes equal, as JSON, to [`DeliveryJson::from_record`]
//! for many random deliveries.

use base64::Engine as _;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Decision, Record};
use crate::json_write::{push_addr, push_opt_string, push_string, push_time_ms};

/// One delivery as JSON. Every field is always present (`null` when unknown); fields may be
/// added, none removed or renamed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeliveryJson {
    /// The inbox row's id (`lpwh inbox show ID`); `null` in `listen --json`, whose line is
    /// written before the row is.
    pub id: Option<i64>,
    /// When the body had arrived, RFC 3339 UTC (`2026-11-22T08:21:37.5Z`).
    pub received_at: String,
    pub received_at_ms: i64,
    /// The verdict's reason word: `ok`, `bad_signature`, `missing_signature`, `stale`, ...,
    /// `unsigned` (no signature, and listen had no secret), `unchecked` (signed, but listen had
    /// no secret), `duplicate`.
    pub verdict: String,
    /// Why, and what to do about it (`null` for `ok`).
    pub hint: Option<String>,
    /// `event` (Livepeer) or `type` (FastPix) from the body.
    pub event: Option<String>,
    /// The body's `id`: the same across Studio's retries of one event.
    pub event_id: Option<String>,
    pub webhook_id: Option<String>,
    pub method: String,
    pub path: String,
    /// The sender's address (`127.0.0.1:53144`).
    pub remote: Option<String>,
    /// The status lpwh answered (the forward target's, when forwarding).
    pub status: Option<u16>,
    /// For `playback.accessControl`: what listen answered and why.
    pub access: Option<Decision>,
    /// Name → value; a repeated name → an array of its values. Names are lowercase.
    pub headers: Map<String, Value>,
    /// The body parsed when it is JSON, else its text (lossily when not UTF-8).
    pub body: Value,
    /// The exact bytes received, base64: what a signature was computed over.
    pub body_base64: String,
    /// The body's length in bytes.
    pub size: usize,
    /// What each `--forward-to` target answered: `{url, status, latency_ms, error}`.
    pub forward: Vec<Value>,
    /// For a delivery `inbox browse` sent after the user edited it: the inbox row it was
    /// edited from; `null` otherwise.
    pub edit_of: Option<i64>,
    /// The start of what the app (the first `--forward-to` target) answered, as text (lossily
    /// when not UTF-8), at most 1 KiB; `null` when nothing was forwarded or it did not answer.
    pub app_response: Option<String>,
    /// For a delivery `inbox backfill` imported from Studio's delivery log: that log's id (the
    /// time is the log's `createdAt`, `status` what the receiver answered Studio); `null` for a
    /// delivery received live.
    pub log_id: Option<String>,
}

/// The start of the app's answer, as `app_response` shows it.
pub fn app_response_text(body: &[u8]) -> String {
    String::from_utf8_lossy(&body[..body.len().min(crate::inbox::APP_RESPONSE_MAX)]).into_owned()
}

impl DeliveryJson {
    /// The reference rendering of a delivery `listen` answered (`id` is `null`).
    pub fn from_record(r: &Record) -> DeliveryJson {
        let mut headers = Map::new();
        for name in r.headers.keys() {
            let values: Vec<Value> = r
                .headers
                .get_all(name)
                .iter()
                .map(|v| Value::String(String::from_utf8_lossy(v.as_bytes()).into_owned()))
                .collect();
            let value = match <[Value; 1]>::try_from(values) {
                Ok([one]) => one,
                Err(many) => Value::Array(many),
            };
            headers.insert(name.as_str().to_owned(), value);
        }
        DeliveryJson {
            id: None,
            received_at: rfc3339(r.time_ms),
            received_at_ms: r.time_ms,
            verdict: r.reason.as_str().to_owned(),
            hint: r.hint.clone(),
            event: r.envelope.event.clone(),
            event_id: r.envelope.id.clone(),
            webhook_id: r.envelope.webhook_id.clone(),
            method: "POST".to_owned(),
            path: r.path.clone(),
            remote: r.remote.map(|a| a.to_string()),
            status: Some(r.status),
            access: r.access.clone(),
            headers,
            body: body_value(&r.body),
            body_base64: base64::engine::general_purpose::STANDARD.encode(&r.body),
            size: r.body.len(),
            forward: r
                .forward
                .iter()
                .map(|o| serde_json::to_value(o).unwrap_or(Value::Null))
                .collect(),
            edit_of: None,
            app_response: r
                .forward
                .first()
                .filter(|o| o.status.is_some())
                .map(|o| app_response_text(&o.body)),
            log_id: None,
        }
    }
}

/// A body as the delivery JSON's `body`: parsed when it is JSON, else its text.
pub fn body_value(body: &[u8]) -> Value {
    serde_json::from_slice(body)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(body).into_owned()))
}

/// Unix ms as RFC 3339 UTC, as jiff displays it; the number itself when out of jiff's range.
pub fn rfc3339(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| t.to_string())
        .unwrap_or_else(|_| ms.to_string())
}

impl Record {
    /// This delivery's JSON, without a newline, appended to `out`: the same JSON value as
    /// [`DeliveryJson::from_record`], written field by field straight into the caller's buffer.
    /// The body goes in as the JSON it arrived as when that is one line of printable ASCII (it
    /// was validated when the envelope was read), so the common case costs a copy, not a parse.
    pub fn write_json(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"{\"id\":null,\"received_at\":");
        push_time_ms(out, self.time_ms);
        out.extend_from_slice(b",\"received_at_ms\":");
        out.extend_from_slice(itoa::Buffer::new().format(self.time_ms).as_bytes());
        // Reason words are fixed lowercase ASCII: nothing to escape.
        out.extend_from_slice(b",\"verdict\":\"");
        out.extend_from_slice(self.reason.as_str().as_bytes());
        out.extend_from_slice(b"\",\"hint\":");
        push_opt_string(out, self.hint.as_deref());
        out.extend_from_slice(b",\"event\":");
        push_opt_string(out, self.envelope.event.as_deref());
        out.extend_from_slice(b",\"event_id\":");
        push_opt_string(out, self.envelope.id.as_deref());
        out.extend_from_slice(b",\"webhook_id\":");
        push_opt_string(out, self.envelope.webhook_id.as_deref());
        out.extend_from_slice(b",\"method\":\"POST\",\"path\":");
        push_string(out, self.path.as_bytes());
        out.extend_from_slice(b",\"remote\":");
        match self.remote {
            Some(addr) => push_addr(out, addr),
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"status\":");
        out.extend_from_slice(itoa::Buffer::new().format(self.status).as_bytes());
        out.extend_from_slice(b",\"access\":");
        match &self.access {
            Some(d) => {
                out.extend_from_slice(if d.allow {
                    b"{\"allow\":true,\"why\":"
                } else {
                    b"{\"allow\":false,\"why\":"
                });
                push_string(out, d.why.as_bytes());
                out.push(b'}');
            }
            None => out.extend_from_slice(b"null"),
        }
        // `{name: value}`, a repeated name as `{name: [values...]}`. Names are lowercase tokens.
        out.extend_from_slice(b",\"headers\":{");
        for (i, name) in self.headers.keys().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            out.push(b'"');
            out.extend_from_slice(name.as_str().as_bytes());
            out.extend_from_slice(b"\":");
            let mut values = self.headers.get_all(name).iter();
            let first = values.next().map(|v| v.as_bytes()).unwrap_or_default();
            match values.next() {
                None => push_string(out, first),
                Some(second) => {
                    out.push(b'[');
                    push_string(out, first);
                    for value in std::iter::once(second).chain(values) {
                        out.push(b',');
                        push_string(out, value.as_bytes());
                    }
                    out.push(b']');
                }
            }
        }
        out.extend_from_slice(b"},\"body\":");
        match self.one_line_json() {
            Some(raw) => out.extend_from_slice(raw),
            None => out.extend_from_slice(self.body_as_json().as_bytes()),
        }
        out.extend_from_slice(b",\"body_base64\":\"");
        let engine = &base64::engine::general_purpose::STANDARD;
        let at = out.len();
        out.resize(
            at + base64::encoded_len(self.body.len(), true).unwrap_or(0),
            0,
        );
        let written = engine.encode_slice(&self.body, &mut out[at..]).unwrap_or(0);
        out.truncate(at + written);
        out.extend_from_slice(b"\",\"size\":");
        out.extend_from_slice(itoa::Buffer::new().format(self.body.len()).as_bytes());
        out.extend_from_slice(b",\"forward\":");
        let at = out.len();
        if self.forward.is_empty()
            || crate::json_write::to_writer(&mut *out, &self.forward).is_err()
        {
            out.truncate(at);
            out.extend_from_slice(b"[]");
        }
        out.extend_from_slice(b",\"edit_of\":null,\"app_response\":");
        match self.forward.first().filter(|o| o.status.is_some()) {
            Some(first) => {
                crate::json_write::push_string(out, app_response_text(&first.body).as_bytes())
            }
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"log_id\":null}");
    }

    /// The body itself, when it is JSON on one line of printable ASCII (surrounding whitespace
    /// trimmed): Studio's bodies are, and copying them is the fast path.
    fn one_line_json(&self) -> Option<&[u8]> {
        if !self.envelope.is_json {
            return None;
        }
        let raw = self.body.trim_ascii();
        crate::json_write::is_plain_line(raw).then_some(raw)
    }

    /// The body as JSON text: re-encoded compactly, with hidden and control characters
    /// escaped, when it spans lines or holds anything but printable ASCII; a string (lossily)
    /// when it is not JSON.
    fn body_as_json(&self) -> String {
        match self.envelope.json(&self.body) {
            Some(value) => crate::json_write::to_string(&value),
            None => crate::json_write::to_string(&String::from_utf8_lossy(&self.body)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::delivery::sample::{outcome, record as sample};
    use crate::delivery::{Envelope, Outcome};
    use crate::signature::Reason;
    use bytes::Bytes;
    use proptest::prelude::*;
    use serde_json::json;

    /// The record's line as text (always UTF-8: the writer copies only `&str`s and what
    /// serde_json escapes).
    fn json_line(r: &Record) -> String {
        let mut line = Vec::new();
        r.write_json(&mut line);
        String::from_utf8(line).unwrap()
    }

    #[test]
    fn forward_outcomes_are_listed_with_their_status_and_time() {
        let v: Value = serde_json::from_str(&json_line(&sample(
            Reason::Ok,
            vec![outcome(Some(502), None)],
        )))
        .unwrap();
        assert_eq!(v["verdict"], "ok");
        assert_eq!(v["forward"][0]["status"], 502);
        assert_eq!(v["forward"][0]["latency_ms"], 12);
        assert_eq!(v["forward"][0]["error"], Value::Null);
    }

    #[test]
    fn the_line_is_one_line_with_the_body_as_json_and_every_header() {
        let mut r = sample(Reason::Ok, vec![]);
        r.headers.append("x-a", "1".parse().unwrap());
        r.headers.append("x-a", "2".parse().unwrap());
        r.headers
            .append("content-type", "application/json".parse().unwrap());
        r.remote = Some("127.0.0.1:9".parse().unwrap());
        let line = json_line(&r);
        assert!(!line.contains('\n'), "{line}");
        let v: Value = serde_json::from_str(&line).unwrap();
        // Fields in the struct's order (the README's table; `it::listen_deliveries` checks the
        // names one by one against a running listener).
        let keys = |v: &Value| -> Vec<String> { v.as_object().unwrap().keys().cloned().collect() };
        let reference = serde_json::to_value(DeliveryJson::from_record(&r)).unwrap();
        assert_eq!(keys(&v), keys(&reference));
        assert_eq!(keys(&v).first().map(String::as_str), Some("id"));
        assert_eq!(v["received_at"], "2023-11-14T22:13:20Z");
        assert_eq!(v["remote"], "127.0.0.1:9");
        assert_eq!(v["headers"]["x-a"], json!(["1", "2"]));
        assert_eq!(v["headers"]["content-type"], "application/json");
        assert_eq!(v["body"]["stream"]["name"], "n");
        assert_eq!(v["access"], Value::Null);

        // A pretty-printed body (with surrounding whitespace) is re-encoded onto one line.
        let pretty = b"\n  {\n  \"id\": \"e2\",\r\n  \"event\": \"x\"\n}\n";
        r.body = Bytes::from_static(pretty);
        r.envelope = Envelope::parse(pretty);
        let line = json_line(&r);
        assert!(!line.contains('\n') && !line.contains('\r'), "{line}");
        let v: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["body"], json!({"id": "e2", "event": "x"}));

        // Not JSON: the text, lossily, as a string (escapes keep it one line).
        let junk = b"line1\nline2 \xff \x1b[31m";
        r.body = Bytes::from_static(junk);
        r.envelope = Envelope::parse(junk);
        let line = json_line(&r);
        assert!(!line.contains('\n') && !line.contains('\x1b'), "{line}");
        let v: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["body"], "line1\nline2 \u{fffd} \u{1b}[31m");
        assert_eq!(v["id"], Value::Null);
        assert_eq!(
            v["body_base64"],
            base64::engine::general_purpose::STANDARD.encode(junk)
        );
    }

    #[test]
    fn the_line_escapes_every_text_field_and_keeps_the_exact_shape() {
        let body = br#"{"id":"e\"1\u001b","event":"stream.\u00e9","webhookId":"wh\n"}"#;
        let mut r = sample(
            Reason::BadSignature,
            vec![outcome(None, Some("refused \"x\""))],
        );
        r.time_ms = 1_795_335_697_120;
        r.body = Bytes::from_static(body);
        r.envelope = Envelope::parse(body);
        r.hint = Some("say \"hi\"\n\u{1b}[2J\\".into());
        r.path = "/p?q=\"ü\"".into();
        r.status = 401;
        r.remote = Some("[::1]:8080".parse().unwrap());
        r.access = Some(Decision {
            allow: false,
            why: "rule \"b\"".into(),
        });
        r.headers
            .append("x-bin", http::HeaderValue::from_bytes(b"\xff\"\\").unwrap());
        r.headers
            .append("x-tab", http::HeaderValue::from_bytes(b"a\tb").unwrap());
        r.headers.append("x-tab", "second".parse().unwrap());
        let line = json_line(&r);
        assert!(!line.contains(['\n', '\r', '\x1b']), "{line}");
        let v: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(
            v,
            json!({
                "id": null,
                "received_at": "2026-11-22T08:21:37.12Z",
                "received_at_ms": 1_795_335_697_120_i64,
                "verdict": "bad_signature",
                "hint": "say \"hi\"\n\u{1b}[2J\\",
                "event": "stream.é",
                "event_id": "e\"1\u{1b}",
                "webhook_id": "wh\n",
                "method": "POST",
                "path": "/p?q=\"ü\"",
                "remote": "[::1]:8080",
                "status": 401,
                "access": {"allow": false, "why": "rule \"b\""},
                "headers": {"x-bin": "\u{fffd}\"\\", "x-tab": ["a\tb", "second"]},
                "body": {"id": "e\"1\u{1b}", "event": "stream.é", "webhookId": "wh\n"},
                "body_base64": base64::engine::general_purpose::STANDARD.encode(body),
                "size": body.len(),
                "forward": serde_json::to_value(&r.forward).unwrap(),
                "edit_of": null,
                "app_response": null,
                "log_id": null,
            })
        );
        assert_eq!(v["forward"][0]["error"], "refused \"x\"");
    }

    #[allow(clippy::too_many_arguments)]
    fn random(
        reason: Reason,
        body: Vec<u8>,
        headers: Vec<(String, String)>,
        hint: Option<String>,
        access: Option<(bool, String)>,
        forward: Vec<(String, Option<u16>, Option<String>)>,
        remote: Option<std::net::SocketAddr>,
        time_ms: i64,
    ) -> Record {
        let mut map = http::HeaderMap::new();
        for (name, value) in headers {
            if let (Ok(n), Ok(v)) = (
                http::HeaderName::from_bytes(name.as_bytes()),
                http::HeaderValue::from_bytes(value.as_bytes()),
            ) {
                map.append(n, v);
            }
        }
        Record {
            time_ms,
            remote,
            path: "/hook?x=1".to_owned(),
            status: 200,
            reason,
            hint,
            envelope: Envelope::parse(&body),
            headers: map,
            body: body.into(),
            forward: forward
                .into_iter()
                .map(|(url, status, error)| Outcome {
                    url,
                    status,
                    latency_ms: 3,
                    error,
                    body: Default::default(),
                    content_type: None,
                })
                .collect(),
            access: access.map(|(allow, why)| Decision { allow, why }),
        }
    }

    fn body_strategy() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            // Studio-like one-line JSON.
            ("[a-z.]{1,20}", "[a-f0-9-]{1,36}", any::<i64>()).prop_map(|(e, id, t)| {
                format!(r#"{{"id":"{id}","event":"{e}","timestamp":{t},"payload":{{}}}}"#)
                    .into_bytes()
            }),
            // JSON over several lines, or holding any text at all.
            any::<String>().prop_map(|s| serde_json::to_string_pretty(
                &serde_json::json!({"event": s, "n": [1, 2.5, null]})
            )
            .unwrap()
            .into_bytes()),
            // Anything: not JSON, not UTF-8.
            proptest::collection::vec(any::<u8>(), 0..64),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// The fast path writes valid JSON equal to the reference struct's, for any delivery.
        #[test]
        fn write_json_is_the_reference_shape(
            body in body_strategy(),
            headers in proptest::collection::vec(
                (prop_oneof![Just("x-a".to_owned()), Just("x-b".to_owned()), "[a-z-]{1,12}"],
                 "[ -~]{0,30}"),
                0..6,
            ),
            hint in proptest::option::of(any::<String>()),
            access in proptest::option::of((any::<bool>(), any::<String>())),
            forward in proptest::collection::vec(
                ("[ -~]{0,30}", proptest::option::of(100u16..600), proptest::option::of(any::<String>())),
                0..3,
            ),
            reason in prop_oneof![Just(Reason::Ok), Just(Reason::Duplicate),
                                  Just(Reason::Unsigned), Just(Reason::Unchecked),
                                  Just(Reason::BadSignature)],
            remote in proptest::option::of(any::<std::net::SocketAddr>()),
            time_ms in 0i64..253_402_300_799_999,
        ) {
            let r = random(reason, body, headers, hint, access, forward, remote, time_ms);
            let mut line = Vec::new();
            r.write_json(&mut line);
            prop_assert!(!line.contains(&b'\n'));
            let fast: Value = serde_json::from_slice(&line).map_err(|e| {
                TestCaseError::fail(format!("{e}: {}", String::from_utf8_lossy(&line)))
            })?;
            let reference = serde_json::to_value(DeliveryJson::from_record(&r)).unwrap();
            prop_assert_eq!(&fast, &reference);
            // And it reads back as the struct.
            let parsed: DeliveryJson = serde_json::from_value(fast).unwrap();
            prop_assert_eq!(parsed, DeliveryJson::from_record(&r));
        }
    }
}
