//! Rebuilding a stored delivery for `lpwh inbox replay`: a fresh timestamp in the body (as
//! Studio's resend does) and a fresh signature over the new bytes.
//!
//! The body's top-level `timestamp` number is edited in place in the raw text, so every other
//! byte (key order, spacing, number formats, escapes) stays exactly as the sender wrote it.

use serde_json::Value;

use crate::inbox::query::Stored;
use crate::redacted::Secret;
use crate::signature::{self, MILLIS_THRESHOLD, Scheme};

/// A stored delivery made ready to send again: the body (timestamp refreshed for the livepeer
/// schemes) and the headers (content type and user agent as received, a fresh signature).
#[derive(Debug, Clone)]
pub struct Prepared {
    pub body: Vec<u8>,
    pub headers: Vec<(String, String)>,
    pub refresh: Refresh,
    pub signed: bool,
}

/// Rebuild `d` to be sent at `now_ms`, signed with `secret` as `scheme` (unsigned without
/// one). `inbox replay` and `inbox browse` both send what this makes.
pub fn prepare(
    d: &Stored,
    scheme: Scheme,
    secret: Option<&Secret>,
    now_ms: i64,
) -> Result<Prepared, signature::SignError> {
    let livepeer = matches!(scheme, Scheme::Livepeer | Scheme::LivepeerDocs);
    let (body, refresh) = if livepeer {
        refresh_timestamp(&d.body, now_ms)
    } else {
        // Other schemes sign their timestamp in a header; the body is theirs, untouched.
        (d.body.clone(), Refresh::Unchanged)
    };
    // As received, when the stored value can be sent as a header at all.
    let sendable = |name: &str| {
        d.header(name)
            .filter(|v| http::HeaderValue::from_str(v).is_ok())
    };
    let mut headers = vec![
        (
            "content-type".to_owned(),
            sendable("content-type")
                .unwrap_or("application/json")
                .to_owned(),
        ),
        (
            "user-agent".to_owned(),
            sendable("user-agent")
                .unwrap_or(concat!("lpwh/", env!("CARGO_PKG_VERSION")))
                .to_owned(),
        ),
    ];
    if let Some(secret) = secret {
        // standard-webhooks signs the message id: keep the original so receivers see a retry.
        let message_id = d.header(signature::WEBHOOK_ID).or(d.event_id.as_deref());
        headers.extend(signature::sign(scheme, secret, &body, now_ms, message_id)?);
    }
    Ok(Prepared {
        body,
        headers,
        refresh,
        signed: secret.is_some(),
    })
}

/// `body` with a fresh event id (a new UUID) as its top-level `id`, for an edited delivery: an
/// edit is a new event, and a receiver that deduplicates by id must not drop it. Only the id's
/// bytes change when the body allows (as for the timestamp); a body that is not a JSON object
/// with a string `id` is returned as it is, with `None`.
pub fn fresh_event_id(body: &[u8]) -> (Vec<u8>, Option<String>) {
    let Ok(Value::Object(original)) = serde_json::from_slice::<Value>(body) else {
        return (body.to_vec(), None);
    };
    if !original.get("id").is_some_and(Value::is_string) {
        return (body.to_vec(), None);
    }
    let id = uuid::Uuid::new_v4().to_string();
    let mut expected = original.clone();
    expected.insert("id".into(), Value::from(id.clone()));
    let expected = Value::Object(expected);
    if let Some((start, end)) = top_level_value_span(body, "id") {
        let mut edited = Vec::with_capacity(body.len() + 8);
        edited.extend_from_slice(&body[..start]);
        edited.push(b'"');
        edited.extend_from_slice(id.as_bytes());
        edited.push(b'"');
        edited.extend_from_slice(&body[end..]);
        if serde_json::from_slice::<Value>(&edited).ok().as_ref() == Some(&expected) {
            return (edited, Some(id));
        }
    }
    match crate::js_json::to_vec(&expected) {
        Ok(bytes) => (bytes, Some(id)),
        Err(_) => (body.to_vec(), None),
    }
}

/// How the body's timestamp was refreshed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refresh {
    /// Only the number's bytes changed.
    Edited { old: String },
    /// The in-place edit was not possible; the JSON was re-serialized (key order kept).
    Reserialized,
    /// The body is not a JSON object with a numeric top-level `timestamp`: sent unchanged.
    Unchanged,
}

/// `body` with its top-level `timestamp` set to `now_ms` (or to seconds, when the original
/// was in seconds, like bodies from old emitters).
pub fn refresh_timestamp(body: &[u8], now_ms: i64) -> (Vec<u8>, Refresh) {
    let Ok(Value::Object(original)) = serde_json::from_slice::<Value>(body) else {
        return (body.to_vec(), Refresh::Unchanged);
    };
    let Some(Value::Number(old)) = original.get("timestamp") else {
        return (body.to_vec(), Refresh::Unchanged);
    };
    let new = match old.as_i64() {
        Some(t) if t.abs() < MILLIS_THRESHOLD => now_ms.div_euclid(1000),
        _ => now_ms,
    };
    let mut expected = original.clone();
    expected.insert("timestamp".into(), Value::from(new));
    let expected = Value::Object(expected);

    if let Some((start, end)) = top_level_value_span(body, "timestamp") {
        let mut edited = Vec::with_capacity(body.len() + 4);
        edited.extend_from_slice(&body[..start]);
        edited.extend_from_slice(new.to_string().as_bytes());
        edited.extend_from_slice(&body[end..]);
        // Trust the edit only if it means exactly what was intended.
        if serde_json::from_slice::<Value>(&edited).ok().as_ref() == Some(&expected) {
            let old = String::from_utf8_lossy(&body[start..end]).into_owned();
            return (edited, Refresh::Edited { old });
        }
    }
    match crate::js_json::to_vec(&expected) {
        Ok(bytes) => (bytes, Refresh::Reserialized),
        Err(_) => (body.to_vec(), Refresh::Unchanged),
    }
}

/// The byte range of the value of top-level `key` in a JSON object (the last one, when a key
/// repeats, as JSON parsers keep the last). `None` if the text is not an object we can walk.
pub fn top_level_value_span(text: &[u8], key: &str) -> Option<(usize, usize)> {
    let mut i = skip_ws(text, 0);
    if text.get(i) != Some(&b'{') {
        return None;
    }
    i = skip_ws(text, i + 1);
    let mut found = None;
    if text.get(i) == Some(&b'}') {
        return None;
    }
    loop {
        let key_start = i;
        let key_end = skip_string(text, i)?;
        let name: String = serde_json::from_slice(&text[key_start..key_end]).ok()?;
        i = skip_ws(text, key_end);
        if text.get(i) != Some(&b':') {
            return None;
        }
        let value_start = skip_ws(text, i + 1);
        let value_end = skip_value(text, value_start)?;
        if name == key {
            found = Some((value_start, value_end));
        }
        i = skip_ws(text, value_end);
        match text.get(i) {
            Some(b',') => i = skip_ws(text, i + 1),
            Some(b'}') => return found,
            _ => return None,
        }
    }
}

fn skip_ws(text: &[u8], mut i: usize) -> usize {
    while matches!(text.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    i
}

/// The index just past the string starting at `i` (which must be a `"`).
fn skip_string(text: &[u8], i: usize) -> Option<usize> {
    if text.get(i) != Some(&b'"') {
        return None;
    }
    let mut j = i + 1;
    loop {
        match text.get(j)? {
            b'\\' => j += 2,
            b'"' => return Some(j + 1),
            _ => j += 1,
        }
    }
}

/// The index just past the value starting at `i`.
fn skip_value(text: &[u8], i: usize) -> Option<usize> {
    match text.get(i)? {
        b'"' => skip_string(text, i),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut j = i;
            loop {
                match text.get(j)? {
                    b'"' => {
                        j = skip_string(text, j)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(j + 1);
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
        }
        _ => {
            let mut j = i;
            while let Some(&c) = text.get(j) {
                if matches!(c, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                    break;
                }
                j += 1;
            }
            (j > i).then_some(j)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edit_gets_a_fresh_event_id_and_nothing_else_changes() {
        let body = br#"{"id":"old-id","timestamp":1,"payload":{"id":"keep"}}"#;
        let (edited, id) = fresh_event_id(body);
        let id = id.expect("a new id");
        assert!(uuid::Uuid::parse_str(&id).is_ok());
        assert_eq!(
            String::from_utf8(edited).unwrap(),
            format!(r#"{{"id":"{id}","timestamp":1,"payload":{{"id":"keep"}}}}"#)
        );
        for unchanged in [&b"not json"[..], br#"{"n":1}"#, br#"{"id":7}"#, b"[1]"] {
            assert_eq!(fresh_event_id(unchanged), (unchanged.to_vec(), None));
        }
    }

    const NOW: i64 = 1_763_800_000_123;

    #[test]
    fn only_the_timestamp_bytes_change() {
        let body = br#"{ "id":"e1", "timestamp" : 1700000000000,"payload":{"timestamp":5,"x":[1.50,"}"]},"n":1e2 }"#;
        let (new, how) = refresh_timestamp(body, NOW);
        assert_eq!(
            how,
            Refresh::Edited {
                old: "1700000000000".into()
            }
        );
        let want = br#"{ "id":"e1", "timestamp" : 1763800000123,"payload":{"timestamp":5,"x":[1.50,"}"]},"n":1e2 }"#;
        assert_eq!(String::from_utf8_lossy(&new), String::from_utf8_lossy(want));
    }

    #[test]
    fn the_last_top_level_key_wins_and_nested_ones_are_left_alone() {
        let body = br#"{"payload":{"timestamp":1},"timestamp":1700000000000}"#;
        let (new, _) = refresh_timestamp(body, NOW);
        assert_eq!(
            new,
            br#"{"payload":{"timestamp":1},"timestamp":1763800000123}"#
        );
    }

    #[test]
    fn seconds_stay_seconds() {
        let (new, _) = refresh_timestamp(br#"{"timestamp":1700000000}"#, NOW);
        assert_eq!(new, br#"{"timestamp":1763800000}"#);
    }

    #[test]
    fn bodies_without_a_numeric_timestamp_are_sent_unchanged() {
        for body in [
            &b"not json"[..],
            br#"[1,2]"#,
            br#"{"id":"x"}"#,
            br#"{"timestamp":"yesterday"}"#,
        ] {
            let (new, how) = refresh_timestamp(body, NOW);
            assert_eq!(how, Refresh::Unchanged);
            assert_eq!(new, body);
        }
    }

    #[test]
    fn an_escaped_key_is_still_the_timestamp() {
        // "time\u0073tamp" is "timestamp" to every JSON parser, so it must be refreshed.
        let body = br#"{"time\u0073tamp":1700000000000}"#;
        let (new, how) = refresh_timestamp(body, NOW);
        assert!(matches!(how, Refresh::Edited { .. }));
        let v: Value = serde_json::from_slice(&new).unwrap();
        assert_eq!(v["timestamp"], NOW);
    }

    #[test]
    fn spans_are_found_or_refused() {
        assert_eq!(
            top_level_value_span(br#"{"a":1,"b":"x"}"#, "b"),
            Some((11, 14))
        );
        assert_eq!(top_level_value_span(br#"{"a":1}"#, "b"), None);
        assert_eq!(top_level_value_span(br#"{"a":"#, "a"), None);
        assert_eq!(top_level_value_span(br#"{}"#, "a"), None);
    }
}
