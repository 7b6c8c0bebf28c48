//! Turning Studio's error answers into one line a person reads, and the hint naming the fix.
//!
//! Studio answers `{"errors": [string, ...]}`; for schema failures each string is itself a
//! JSON-encoded ajv error. Gateways in front of it answer HTML. Everything here is pure.

use serde_json::Value;

use super::ApiError;
use crate::config::KeySource;
use crate::output::sanitize;

/// Longest piece of a non-JSON body quoted in an error, in characters.
const MAX_QUOTED: usize = 200;

/// The readable message in an error body, or `None` when the body says nothing useful.
/// `key` is removed from the result: Studio echoes an unknown token back in its 401 text.
pub(crate) fn decode_body(body: &[u8], key: &str) -> Option<String> {
    // Redact before anything is cut: a key straddling the cut would otherwise leak in part.
    let text = redact(&String::from_utf8_lossy(body), key);
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let message = match serde_json::from_str::<Value>(text) {
        Ok(json) => decode_json(&json)?,
        Err(_) => decode_text(text)?,
    };
    // Again after decoding: JSON escapes (`\u0073k_...`) can spell the key only once parsed.
    Some(redact(&sanitize(&message), key))
}

fn decode_json(json: &Value) -> Option<String> {
    let messages: Vec<String> = match json {
        Value::Object(obj) => {
            if let Some(errors) = obj.get("errors") {
                match errors {
                    Value::Array(items) => items.iter().filter_map(decode_item).collect(),
                    other => decode_item(other).into_iter().collect(),
                }
            } else if let Some(one) = obj.get("error").or_else(|| obj.get("message")) {
                decode_item(one).into_iter().collect()
            } else {
                Vec::new()
            }
        }
        Value::String(s) => decode_string(s).into_iter().collect(),
        _ => Vec::new(),
    };
    let messages: Vec<String> = messages.into_iter().filter(|m| !m.is_empty()).collect();
    (!messages.is_empty()).then(|| messages.join("; "))
}

fn decode_item(item: &Value) -> Option<String> {
    match item {
        Value::String(s) => decode_string(s),
        Value::Object(_) => Some(ajv_line(item).unwrap_or_else(|| item.to_string())),
        Value::Null => None,
        other => Some(other.to_string()),
    }
}

/// A string in `errors`: plain text, or a JSON-encoded ajv error.
fn decode_string(s: &str) -> Option<String> {
    let trimmed = s.trim();
    if trimmed.starts_with('{')
        && let Ok(inner) = serde_json::from_str::<Value>(trimmed)
        && let Some(line) = ajv_line(&inner)
    {
        return Some(line);
    }
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

/// Studio's 422 for an event it does not know reads `/events/0: must be equal to one of the
/// allowed values`. With the events that were sent, name the event instead, so a name passed
/// with `--allow-unknown-events` is found without counting list positions.
pub(crate) fn name_refused_events(err: ApiError, sent: &[String]) -> ApiError {
    const REFUSED: &str = ": must be equal to one of the allowed values";
    let ApiError::Status {
        status: 422,
        message,
        method,
        url,
        key_source,
    } = err
    else {
        return err;
    };
    let renamed: Vec<String> = message
        .split("; ")
        .map(|part| {
            let event = part
                .strip_suffix(REFUSED)
                .and_then(|path| path.strip_prefix("/events/"))
                .and_then(|i| i.parse::<usize>().ok())
                .and_then(|i| sent.get(i));
            match event {
                Some(event) => format!(
                    "Studio does not accept the event '{}' (it is not one of Studio's event \
                     types: lpwh event-types)",
                    sanitize(event)
                ),
                None => part.to_owned(),
            }
        })
        .collect();
    ApiError::Status {
        status: 422,
        message: renamed.join("; "),
        method,
        url,
        key_source,
    }
}

/// One ajv error as `path: message`, e.g. `/url: must match pattern "^http(s)?://"` or
/// `name: must have required property 'name'`.
pub(crate) fn ajv_line(err: &Value) -> Option<String> {
    let message = err.get("message")?.as_str()?;
    let path = err
        .get("instancePath")
        .and_then(Value::as_str)
        .unwrap_or("");
    let params = err.get("params");
    let param = |name: &str| params.and_then(|p| p.get(name)).and_then(Value::as_str);
    let line = match err.get("keyword").and_then(Value::as_str) {
        Some("required") => match param("missingProperty") {
            Some(missing) if path.is_empty() => format!("{missing}: {message}"),
            Some(missing) => format!("{path}/{missing}: {message}"),
            None => with_path(path, message),
        },
        Some("additionalProperties") => match param("additionalProperty") {
            Some(extra) => with_path(path, &format!("{message}: '{extra}'")),
            None => with_path(path, message),
        },
        _ => with_path(path, message),
    };
    Some(line)
}

fn with_path(path: &str, message: &str) -> String {
    if path.is_empty() {
        message.to_owned()
    } else {
        format!("{path}: {message}")
    }
}

/// A non-JSON body (a gateway's HTML page, plain text): its `<title>`, else its first line.
fn decode_text(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let picked = if let (Some(start), Some(end)) = (lower.find("<title>"), lower.find("</title>")) {
        text.get(start + "<title>".len()..end)
            .unwrap_or("")
            .trim()
            .to_owned()
    } else if lower.starts_with('<') {
        // Markup without a title: nothing a person wants quoted.
        String::new()
    } else {
        text.lines().next().unwrap_or("").trim().to_owned()
    };
    if picked.is_empty() {
        return None;
    }
    let mut quoted: String = picked.chars().take(MAX_QUOTED).collect();
    if picked.chars().count() > MAX_QUOTED {
        quoted.push('…');
    }
    Some(quoted)
}

/// Replace every occurrence of the key with `(redacted)`.
pub(crate) fn redact(text: &str, key: &str) -> String {
    if key.is_empty() {
        text.to_owned()
    } else {
        text.replace(key, "(redacted)")
    }
}

/// The canonical reason phrase for a status, e.g. `Bad Gateway`.
pub(crate) fn reason(status: u16) -> &'static str {
    http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("")
}

/// The `message` of an [`ApiError::Status`]: what Studio said, framed by what it means.
pub(crate) fn status_message(status: u16, decoded: Option<&str>, attempts: u32) -> String {
    let code = format!("{status} {}", reason(status)).trim_end().to_owned();
    let tried = if attempts > 1 {
        format!(" after {attempts} attempts")
    } else {
        String::new()
    };
    match (status, decoded) {
        (401, Some(said)) => format!("Studio refused the API key ({said})"),
        (401, None) => "Studio refused the API key".to_owned(),
        (403, Some(said)) => format!("Studio refused access ({said})"),
        (429, _) => format!("Studio is rate limiting requests ({code}{tried})"),
        (500..=599, Some(said)) if !said.eq_ignore_ascii_case(&code) => {
            format!("Studio answered {code}{tried}: {said}")
        }
        (500..=599, _) => format!("Studio answered {code}{tried}"),
        (_, Some(said)) => said.to_owned(),
        (_, None) => format!("Studio answered {code}"),
    }
}

fn key_origin(source: KeySource) -> &'static str {
    match source {
        KeySource::Flag => "--api-key",
        KeySource::Env => "LIVEPEER_API_KEY",
        KeySource::Keyring => "the key saved in the OS keyring by 'lpwh login'",
        KeySource::File => "the key saved in the credentials file by 'lpwh login'",
    }
}

impl ApiError {
    /// A line naming the fix, when there is one.
    pub fn hint(&self) -> Option<String> {
        match self {
            ApiError::Status {
                status,
                message,
                key_source,
                ..
            } => status_hint(*status, message, *key_source),
            ApiError::Transport { reason, .. } => Some(transport_hint(reason)),
            ApiError::Decode { .. } => Some(
                "is --api-url (or LIVEPEER_API_URL) Studio's API? It should end in /api, e.g. https://livepeer.studio/api"
                    .to_owned(),
            ),
        }
    }
}

fn status_hint(status: u16, message: &str, source: KeySource) -> Option<String> {
    let hint = match status {
        // Say where the refused key came from, and the fix that fits that place.
        401 => match source {
            KeySource::Env => "the key in LIVEPEER_API_KEY was refused: fix it, or unset it to use \
                               the key 'lpwh login' saved"
                .to_owned(),
            KeySource::Flag => "the key given with --api-key was refused: check it, or drop \
                                --api-key to use the key 'lpwh login' saved"
                .to_owned(),
            other => format!(
                "{} was refused: run 'lpwh login' again with a current key (or set LIVEPEER_API_KEY)",
                key_origin(other)
            ),
        },
        403 => "the key cannot access this webhook: check you use the right profile or project key"
            .to_owned(),
        404 if message.contains("stream") => {
            "check the stream id: it must be a stream of this account (Studio → Streams)".to_owned()
        }
        404 if message.contains("log") => {
            "check the log id with 'lpwh logs WEBHOOK_ID'".to_owned()
        }
        404 => "check the id with 'lpwh list'".to_owned(),
        429 => "Studio is limiting requests: wait a minute and try again".to_owned(),
        500..=599 => {
            "Studio (or a gateway in front of it) is failing: try again in a minute; -v shows each attempt"
                .to_owned()
        }
        _ => return None,
    };
    Some(hint)
}

fn transport_hint(reason: &str) -> String {
    if reason.starts_with("timed out") {
        "Studio did not answer in time: raise --timeout or check your network".to_owned()
    } else if reason.starts_with("connection lost") {
        "the request may have been carried out before the connection dropped: check (e.g. 'lpwh list') before trying again"
            .to_owned()
    } else if reason.starts_with("TLS") {
        "the TLS handshake failed: check --api-url/LIVEPEER_API_URL and any proxy in between"
            .to_owned()
    } else {
        "check --api-url/LIVEPEER_API_URL and your network connection".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(body: &str) -> Option<String> {
        decode_body(body.as_bytes(), "sk_live_secret_key_123")
    }

    #[test]
    fn a_json_encoded_ajv_required_error_reads_as_field_and_message() {
        let body = r##"{"errors":["{\"instancePath\":\"\",\"schemaPath\":\"#/required\",\"keyword\":\"required\",\"params\":{\"missingProperty\":\"name\"},\"message\":\"must have required property 'name'\"}"]}"##;
        assert_eq!(
            decode(body).unwrap(),
            "name: must have required property 'name'"
        );
    }

    #[test]
    fn a_pattern_error_keeps_the_instance_path() {
        let body = r##"{"errors":["{\"instancePath\":\"/url\",\"schemaPath\":\"#/properties/url/pattern\",\"keyword\":\"pattern\",\"params\":{\"pattern\":\"^http(s)?://\"},\"message\":\"must match pattern \\\"^http(s)?://\\\"\"}"]}"##;
        assert_eq!(
            decode(body).unwrap(),
            r#"/url: must match pattern "^http(s)?://""#
        );
    }

    #[test]
    fn an_additional_property_names_the_field() {
        let body = r#"{"errors":["{\"instancePath\":\"\",\"keyword\":\"additionalProperties\",\"params\":{\"additionalProperty\":\"colour\"},\"message\":\"must NOT have additional properties\"}"]}"#;
        assert_eq!(
            decode(body).unwrap(),
            "must NOT have additional properties: 'colour'"
        );
    }

    #[test]
    fn plain_strings_pass_through_and_several_are_joined() {
        assert_eq!(decode(r#"{"errors":["not found"]}"#).unwrap(), "not found");
        assert_eq!(
            decode(r#"{"errors":["must provide \"events\" field with subscriptions", "second"]}"#)
                .unwrap(),
            r#"must provide "events" field with subscriptions; second"#
        );
    }

    #[test]
    fn the_echoed_key_is_redacted() {
        let got = decode(r#"{"errors":["no token sk_live_secret_key_123 found"]}"#).unwrap();
        assert_eq!(got, "no token (redacted) found");
    }

    #[test]
    fn gateway_html_gives_its_title_and_bare_markup_gives_nothing() {
        let html =
            "<html>\r\n<head><title>502 Bad Gateway</title></head><body><h1>502</h1></body></html>";
        assert_eq!(decode(html).unwrap(), "502 Bad Gateway");
        assert_eq!(decode("<html><body>oops</body></html>"), None);
        assert_eq!(decode("   "), None);
        assert_eq!(
            decode("upstream connect error\nmore"),
            Some("upstream connect error".into())
        );
    }

    #[test]
    fn control_characters_from_the_server_are_escaped() {
        let got = decode("{\"errors\":[\"bad \\u001b[31mred\"]}").unwrap();
        assert!(!got.contains('\u{1b}'), "{got:?}");
        assert!(got.contains("\\u{1b}"), "{got:?}");
    }

    #[test]
    fn long_text_bodies_are_cut() {
        let long = "x".repeat(1000);
        let got = decode(&long).unwrap();
        assert_eq!(got.chars().count(), MAX_QUOTED + 1);
    }

    #[test]
    fn other_json_shapes_are_read_where_possible() {
        assert_eq!(decode(r#"{"error":"boom"}"#).unwrap(), "boom");
        assert_eq!(
            decode(r#"{"errors":[{"message":"m","instancePath":"/a"}]}"#).unwrap(),
            "/a: m"
        );
        assert_eq!(decode(r#"{"unrelated":true}"#), None);
        assert_eq!(decode("[]"), None);
    }

    #[test]
    fn status_messages_say_what_happened() {
        assert_eq!(
            status_message(502, Some("502 Bad Gateway"), 4),
            "Studio answered 502 Bad Gateway after 4 attempts"
        );
        assert_eq!(
            status_message(500, Some("internal server error"), 1),
            "Studio answered 500 Internal Server Error: internal server error"
        );
        assert_eq!(status_message(404, Some("not found"), 1), "not found");
        assert_eq!(
            status_message(401, Some("no token (redacted) found"), 1),
            "Studio refused the API key (no token (redacted) found)"
        );
        assert_eq!(
            status_message(418, None, 1),
            "Studio answered 418 I'm a teapot"
        );
    }

    #[test]
    fn hints_name_the_fix_and_the_key_source() {
        let err = |status, message: &str, key_source| ApiError::Status {
            status,
            message: message.into(),
            method: "GET".into(),
            url: "http://x/api/webhook".into(),
            key_source,
        };
        let hint = err(401, "refused", KeySource::Env).hint().unwrap();
        assert!(
            hint.contains("lpwh login") && hint.contains("LIVEPEER_API_KEY"),
            "{hint}"
        );
        let hint = err(401, "refused", KeySource::Keyring).hint().unwrap();
        assert!(hint.contains("keyring"), "{hint}");
        assert!(
            err(404, "not found", KeySource::Flag)
                .hint()
                .unwrap()
                .contains("lpwh list")
        );
        assert!(
            err(404, "stream not found", KeySource::Flag)
                .hint()
                .unwrap()
                .contains("stream id")
        );
        assert!(
            err(503, "x", KeySource::Flag)
                .hint()
                .unwrap()
                .contains("try again")
        );
        assert_eq!(err(422, "name: bad", KeySource::Flag).hint(), None);
        let refused = ApiError::Transport {
            url: "u".into(),
            reason: "connection refused".into(),
        };
        assert!(refused.hint().unwrap().contains("--api-url"));
        let slow = ApiError::Transport {
            url: "u".into(),
            reason: "timed out after 30 s".into(),
        };
        assert!(slow.hint().unwrap().contains("--timeout"));
    }
}
