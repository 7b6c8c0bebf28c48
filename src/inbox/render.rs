//! Showing stored deliveries: the `list` table, the `show` page, and the delivery JSON
//! ([`DeliveryJson`]) of `list --json`, `show --json` and `export`. Everything from a payload is sanitized before it
//! reaches a terminal.

use base64::Engine as _;
use serde_json::{Map, Value};

use crate::delivery::DeliveryJson;
use crate::humane::{local_time, relative_time};
use crate::inbox::query::{Stored, Summary};
use crate::output::{Out, Paint, sanitize};

/// The verdict as `listen` shows it: ✔ ok, ✗ bad_signature, ⟳ duplicate, ? unsigned, ? unchecked.
pub fn verdict(paint: Paint, word: &str) -> String {
    match word {
        "ok" => paint.green("✔ ok"),
        "duplicate" => paint.yellow("⟳ duplicate"),
        "unsigned" => paint.yellow("? unsigned"),
        "unchecked" => paint.yellow("? unchecked"),
        // Accepted and answered; the app has not answered yet (`listen --ack-first`).
        "pending" => paint.yellow("… pending"),
        other => paint.red(format!("✗ {}", sanitize(other))),
    }
}

/// What the app answered, for a list's APP column: its status, `none` when it did not answer,
/// `-` when nothing was forwarded.
pub fn app_answer(summary: &Summary) -> String {
    match summary.app_status {
        None => "-".to_owned(),
        Some(None) => "none".to_owned(),
        Some(Some(status)) => status.to_string(),
    }
}

/// Whether the app took it (a 2xx); `None` when nothing was forwarded.
pub fn app_took(summary: &Summary) -> Option<bool> {
    summary
        .app_status
        .map(|s| s.is_some_and(|s| (200..300).contains(&s)))
}

/// The `list` table: ID, TIME, VERDICT, APP (what the forwarded app answered), EVENT, EVENT ID,
/// SIZE.
pub fn print_list(out: &Out, rows: &[Summary]) -> std::io::Result<()> {
    let paint = out.paint();
    let mut table = out.table(&["ID", "TIME", "VERDICT", "APP", "EVENT", "EVENT ID", "SIZE"]);
    for s in rows {
        let app = app_answer(s);
        table.add_row(vec![
            s.id.to_string(),
            local_time(s.received_at_ms),
            verdict(paint, &s.verdict),
            match app_took(s) {
                None => paint.dim(app),
                Some(true) => paint.green(app),
                Some(false) => paint.red(app),
            },
            s.event
                .as_deref()
                .map(|e| sanitize(e).into_owned())
                .unwrap_or_else(|| paint.dim("-")),
            s.event_id
                .as_deref()
                .map(|e| sanitize(e).into_owned())
                .unwrap_or_else(|| paint.dim("-")),
            crate::humane::size(s.size),
        ]);
    }
    out.print_table(&table)
}

/// Headers as `listen --json` prints them: name → value, or an array when a name repeats.
pub fn headers_object(headers: &[(String, String)]) -> Value {
    let mut map = Map::new();
    for (name, value) in headers {
        match map.get_mut(name) {
            None => {
                map.insert(name.clone(), Value::String(value.clone()));
            }
            Some(Value::Array(values)) => values.push(Value::String(value.clone())),
            Some(first) => {
                let first = first.take();
                map.insert(
                    name.clone(),
                    Value::Array(vec![first, Value::String(value.clone())]),
                );
            }
        }
    }
    Value::Object(map)
}

/// A stored delivery as the delivery JSON ([`DeliveryJson`]), the shape `listen --json` writes.
/// The inbox keeps no access-control decision, so `access` is `null`.
pub fn delivery_json(d: &Stored) -> DeliveryJson {
    let Value::Object(headers) = headers_object(&d.headers) else {
        unreachable!("headers_object builds an object")
    };
    DeliveryJson {
        id: Some(d.id),
        received_at: crate::delivery::json::rfc3339(d.received_at_ms),
        received_at_ms: d.received_at_ms,
        verdict: d.verdict.clone(),
        hint: d.hint.clone(),
        event: d.event.clone(),
        event_id: d.event_id.clone(),
        webhook_id: d.webhook_id.clone(),
        method: d.method.clone(),
        path: d.path.clone(),
        remote: d.remote.clone(),
        status: d.status.and_then(|s| u16::try_from(s).ok()),
        access: None,
        headers,
        body: crate::delivery::json::body_value(&d.body),
        body_base64: base64::engine::general_purpose::STANDARD.encode(&d.body),
        size: d.body.len(),
        forward: match &d.forward {
            Some(Value::Array(outcomes)) => outcomes.clone(),
            _ => Vec::new(),
        },
        edit_of: d.edit_of,
        app_response: d
            .app_response
            .as_deref()
            .map(crate::delivery::json::app_response_text),
        log_id: d.log_id.clone(),
    }
}

/// The `show` page for people: facts, verdict, forward results, headers, pretty body.
pub fn show_text(d: &Stored, paint: Paint, now_ms: i64) -> String {
    let mut lines = Vec::new();
    let title = format!(
        "Delivery {}  {} ({})",
        d.id,
        local_time(d.received_at_ms),
        relative_time(d.received_at_ms, now_ms)
    );
    lines.push(paint.bold(title));
    let mut request = format!("{} {}", sanitize(&d.method), sanitize(&d.path));
    if let Some(remote) = &d.remote {
        request.push_str(&format!(" from {}", sanitize(remote)));
    }
    if let Some(log_id) = &d.log_id {
        request.push_str(&format!(" from Studio's delivery log {}", sanitize(log_id)));
    }
    match (d.status, &d.log_id) {
        (Some(status), Some(_)) => request.push_str(&format!(", the receiver answered {status}")),
        (Some(status), None) => request.push_str(&format!(", answered {status}")),
        (None, Some(_)) => request.push_str(", no answer"),
        (None, None) => {}
    }
    lines.push(request);
    let mut verdict_line = format!("Verdict:  {}", verdict(paint, &d.verdict));
    if let Some(hint) = &d.hint {
        verdict_line.push_str(&format!("  {}", paint.dim(sanitize(hint))));
    }
    lines.push(verdict_line);
    let field = |v: &Option<String>| {
        v.as_deref()
            .map(|s| sanitize(s).into_owned())
            .unwrap_or_else(|| paint.dim("-"))
    };
    lines.push(format!("Event:    {}", field(&d.event)));
    lines.push(format!("Event id: {}", field(&d.event_id)));
    lines.push(format!("Webhook:  {}", field(&d.webhook_id)));
    if let Some(Value::Array(outcomes)) = &d.forward {
        for o in outcomes {
            let url = o.get("url").and_then(Value::as_str).unwrap_or("?");
            let ms = o.get("latency_ms").and_then(Value::as_u64).unwrap_or(0);
            let what = match o.get("status").and_then(Value::as_u64) {
                Some(status) if status < 300 => paint.green(status),
                Some(status) => paint.red(status),
                None => paint.red(sanitize(
                    o.get("error")
                        .and_then(Value::as_str)
                        .unwrap_or("no answer"),
                )),
            };
            lines.push(format!("Forward:  {} → {what} in {ms} ms", sanitize(url)));
        }
    }
    if let Some(answer) = &d.app_response {
        let text = crate::delivery::json::app_response_text(answer);
        lines.push(format!(
            "Answer:   {}",
            if text.trim().is_empty() {
                paint.dim("(empty)")
            } else {
                sanitize(text.trim()).into_owned()
            }
        ));
    }
    lines.push(String::new());
    lines.push(paint.bold("Headers"));
    for (name, value) in &d.headers {
        lines.push(format!(
            "  {}: {}",
            paint.cyan(sanitize(name)),
            sanitize(value)
        ));
    }
    lines.push(String::new());
    lines.push(paint.bold(format!(
        "Body ({})",
        crate::humane::size(d.body.len() as i64)
    )));
    lines.push(if d.body.is_empty() {
        "(empty)".to_owned()
    } else {
        crate::output::pretty_body(&d.body)
    });
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn stored(body: &[u8]) -> Stored {
        Stored {
            id: 7,
            received_at_ms: 1_700_000_000_000,
            method: "POST".into(),
            path: "/hook".into(),
            headers: vec![
                ("x-a".into(), "1".into()),
                ("x-a".into(), "2".into()),
                ("user-agent".into(), "livepeer.studio".into()),
            ],
            body: body.to_vec(),
            verdict: "bad_signature".into(),
            hint: Some("wrong \u{1b}[31msecret".into()),
            event: Some("stream.started".into()),
            event_id: Some("e1".into()),
            webhook_id: None,
            forward: None,
            status: Some(401),
            remote: None,
            edit_of: None,
            app_response: None,
            log_id: None,
        }
    }

    #[test]
    fn repeated_headers_become_arrays() {
        let v = serde_json::to_value(delivery_json(&stored(b"{}"))).unwrap();
        assert_eq!(v["headers"]["x-a"], json!(["1", "2"]));
        assert_eq!(v["headers"]["user-agent"], "livepeer.studio");
    }

    #[test]
    fn json_keeps_exact_bytes_and_parses_json_bodies() {
        let v = serde_json::to_value(delivery_json(&stored(br#"{"b": 1.50}"#))).unwrap();
        assert_eq!(v["body"]["b"], 1.5);
        assert_eq!(v["body_base64"], "eyJiIjogMS41MH0=");
        let t = serde_json::to_value(delivery_json(&stored(b"plain"))).unwrap();
        assert_eq!(t["body"], "plain");
    }

    #[test]
    fn show_sanitizes_payload_text() {
        // serde_json escapes control characters itself; a bidi override it leaves raw.
        let json = show_text(
            &stored("{\"name\":\"a\\u001b]0;pwned\\u0007 \u{202e}cod.exe\"}".as_bytes()),
            Paint(false),
            1_700_000_060_000,
        );
        assert!(
            !json.contains('\u{1b}') && !json.contains('\u{202e}'),
            "{json}"
        );
        assert!(json.contains("\\u{202e}cod.exe"), "{json}");
        assert!(json.contains("✗ bad_signature"));
        assert!(json.contains("answered 401"));
        assert!(json.contains("wrong \\u{1b}[31msecret"), "{json}");
        // A body that is not JSON is shown as text, escapes and all made visible.
        let text = show_text(&stored(b"plain\x1b[2Jtext\x07"), Paint(false), 0);
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{text}"
        );
        assert!(text.contains("plain\\u{1b}[2Jtext\\u{7}"), "{text}");
    }
}
