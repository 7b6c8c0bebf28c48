//! What a delivery's body says about itself (event, event id, webhook id, timestamp), read
//! once on the request path without parsing the whole body.

use std::borrow::Cow;

use serde_json::Value;

use crate::signature;

/// The name given to Studio's access-control requests, which carry no `event` field.
pub const ACCESS_CONTROL_EVENT: &str = "playback.accessControl";

/// What a delivery's body says about itself. Everything is optional: bodies may be anything.
///
/// Only these few fields are read on the request path; the whole body is parsed into a
/// [`Value`] only where it is shown or judged ([`Envelope::json`]): text lines, `-v`, and
/// access-control decisions.
#[derive(Debug, Clone, Default)]
pub struct Envelope {
    /// The body is one valid JSON document.
    pub is_json: bool,
    /// `event` (Livepeer), `type` (FastPix), or `playback.accessControl` for a gate request.
    pub event: Option<String>,
    /// The event id: stable across retries, so the key for duplicates.
    pub id: Option<String>,
    pub webhook_id: Option<String>,
    /// The body's `timestamp` as the signature check reads it ([`signature::body_timestamp`]).
    pub timestamp: Option<i64>,
}

/// The envelope fields of an object body, borrowed where the text has no escapes. Any other
/// shape (a duplicated key, a non-string `event`) fails here and takes the [`Value`] path, which
/// is the reference behaviour.
#[derive(serde::Deserialize)]
struct Head<'a> {
    #[serde(borrow, default)]
    id: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    event: Option<Cow<'a, str>>,
    #[serde(borrow, default, rename = "type")]
    kind: Option<Cow<'a, str>>,
    #[serde(borrow, default, rename = "webhookId")]
    webhook_id: Option<Cow<'a, str>>,
    #[serde(default, rename = "accessKey")]
    access_key: Present,
    #[serde(default)]
    timestamp: Option<serde_json::Number>,
}

/// Whether a key is there at all, whatever its value (`null` included), as `Value::get` says.
#[derive(Default)]
struct Present(bool);

impl<'de> serde::Deserialize<'de> for Present {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Present, D::Error> {
        serde::de::IgnoredAny::deserialize(d).map(|_| Present(true))
    }
}

impl Envelope {
    pub fn parse(body: &[u8]) -> Envelope {
        // Objects (every real delivery) take the fast path; arrays would fill a struct by
        // position, so they and anything unusual go the reference way.
        let object = body
            .iter()
            .find(|b| !b.is_ascii_whitespace())
            .is_some_and(|&b| b == b'{');
        if object && let Ok(head) = serde_json::from_slice::<Head>(body) {
            let event = head.event.or(head.kind).map(Cow::into_owned).or_else(|| {
                // payloads.md A6: the gate request has accessKey and no event name.
                head.access_key.0.then(|| ACCESS_CONTROL_EVENT.to_owned())
            });
            return Envelope {
                is_json: true,
                event,
                id: head.id.map(Cow::into_owned),
                webhook_id: head.webhook_id.map(Cow::into_owned),
                timestamp: head.timestamp.as_ref().and_then(signature::timestamp_of),
            };
        }
        let timestamp = signature::body_timestamp(body);
        let Ok(json) = serde_json::from_slice::<Value>(body) else {
            return Envelope {
                timestamp,
                ..Envelope::default()
            };
        };
        let text = |key: &str| json.get(key).and_then(Value::as_str).map(str::to_owned);
        let event = text("event").or_else(|| text("type")).or_else(|| {
            json.get("accessKey")
                .is_some()
                .then(|| ACCESS_CONTROL_EVENT.to_owned())
        });
        Envelope {
            is_json: true,
            event,
            id: text("id"),
            webhook_id: text("webhookId"),
            timestamp,
        }
    }

    /// The whole body as JSON, parsed now (`None` when it is not JSON).
    pub fn json(&self, body: &[u8]) -> Option<Value> {
        if !self.is_json {
            return None;
        }
        serde_json::from_slice(body).ok()
    }

    pub fn is_access_control(&self) -> bool {
        self.event.as_deref() == Some(ACCESS_CONTROL_EVENT)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelope_reads_livepeer_fastpix_and_gate_bodies() {
        let e = Envelope::parse(br#"{"id":"e1","webhookId":"w1","event":"stream.started"}"#);
        assert_eq!(e.event.as_deref(), Some("stream.started"));
        assert_eq!(e.id.as_deref(), Some("e1"));
        assert_eq!(e.webhook_id.as_deref(), Some("w1"));
        let f = Envelope::parse(br#"{"id":"f1","type":"video.media.ready","object":{}}"#);
        assert_eq!(f.event.as_deref(), Some("video.media.ready"));
        let g = Envelope::parse(br#"{"accessKey":"k","timestamp":1}"#);
        assert!(g.is_access_control());
        let n = Envelope::parse(b"not json");
        assert!(!n.is_json && n.event.is_none());
    }

    #[test]
    fn envelope_fast_path_agrees_with_the_value_path() {
        // Each body against what reading it as a `Value` says.
        let bodies: &[&[u8]] = &[
            br#"{"id":"e1","event":"stream.started","payload":{"x":[1,2,{"y":null}]}}"#,
            br#"  {"id":"e\u0031","event":"a\"b","webhookId":"w"}  "#,
            br#"{"id":"e1","id":"e2","event":"x"}"#,
            br#"{"event":7,"type":"video.media.ready","id":"f"}"#,
            br#"{"event":null,"type":"t"}"#,
            br#"{"accessKey":null}"#,
            br#"{"accessKey":{"k":1},"event":"stream.idle"}"#,
            br#"{"timestamp":1700000000000,"event":"x"}"#,
            br#"{"timestamp":1.7e12,"id":"a","id":"b"}"#,
            br#"{"timestamp":"1700000000000"}"#,
            br#"{"timestamp":null,"timestamp":5}"#,
            b"[1700000000000]",
            br#"["e1","stream.started"]"#,
            br#""just a string""#,
            br#"{"id":"e1"} trailing"#,
            br#"{"id":"unterminated"#,
            b"",
            b"\xff\xfe",
        ];
        for body in bodies {
            let fast = Envelope::parse(body);
            let reference = serde_json::from_slice::<Value>(body).ok();
            let text = |key: &str| {
                reference
                    .as_ref()
                    .and_then(|j| j.get(key))
                    .and_then(Value::as_str)
                    .map(str::to_owned)
            };
            let shown = String::from_utf8_lossy(body);
            assert_eq!(fast.is_json, reference.is_some(), "{shown}");
            assert_eq!(fast.id, text("id"), "{shown}");
            assert_eq!(fast.webhook_id, text("webhookId"), "{shown}");
            let event = text("event").or_else(|| text("type")).or_else(|| {
                reference
                    .as_ref()
                    .and_then(|j| j.get("accessKey"))
                    .map(|_| ACCESS_CONTROL_EVENT.to_owned())
            });
            assert_eq!(fast.event, event, "{shown}");
            assert_eq!(fast.timestamp, signature::body_timestamp(body), "{shown}");
        }
    }
}
