//! Showing webhooks and their delivery logs to people (a fields page, short table cells) and as
//! JSON, secrets masked or scrubbed unless asked for.

use anyhow::Result;
use base64::Engine as _;
use serde_json::Value;

use crate::api::{Webhook, WebhookLog};
use crate::events::{self, LIVEPEER_EVENTS};
use crate::output::{Out, pretty_body, sanitize, sanitize_multiline};
use crate::redacted::mask;

/// Events in a few characters: a family with two or more events becomes `stream.* (2)`.
pub fn compact_events(names: &[String]) -> String {
    if names.is_empty() {
        return "(none)".to_owned();
    }
    if LIVEPEER_EVENTS
        .iter()
        .all(|e| names.iter().any(|n| n == e.name))
    {
        return format!("all ({})", names.len());
    }
    let mut families: Vec<(&str, Vec<&str>)> = Vec::new();
    for name in names {
        let family = events::family_of(name);
        match families.iter_mut().find(|(f, _)| *f == family) {
            Some((_, members)) => members.push(name),
            None => families.push((family, vec![name])),
        }
    }
    families
        .iter()
        .map(|(family, members)| match members.as_slice() {
            [one] => sanitize(one).into_owned(),
            many => format!("{}.* ({})", sanitize(family), many.len()),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A secret for display: masked (`abcd…`) unless the user asked to see it.
pub fn secret_text(secret: Option<&str>, show: bool) -> String {
    match secret {
        None | Some("") => "(none: deliveries are not signed)".to_owned(),
        Some(s) if show => sanitize(s).into_owned(),
        Some(s) => mask(s),
    }
}

fn when(ms: i64, now: i64) -> String {
    format!(
        "{} ({})",
        crate::humane::local_time(ms),
        crate::humane::relative_time(ms, now)
    )
}

/// `500, 3m ago` for the LAST FAILURE column.
pub fn failure_short(w: &Webhook, now: i64) -> String {
    let Some(failure) = w.status.as_ref().and_then(|s| s.last_failure.as_ref()) else {
        return "-".to_owned();
    };
    let code = failure
        .status_code
        .map_or_else(|| "error".to_owned(), |c| c.to_string());
    match failure.timestamp {
        Some(ts) => format!("{code}, {}", crate::humane::relative_time(ts, now)),
        None => code,
    }
}

/// `3m ago` or `never` for the LAST TRIGGERED column.
pub fn triggered_short(w: &Webhook, now: i64) -> String {
    w.status
        .as_ref()
        .and_then(|s| s.last_triggered_at)
        .map_or_else(
            || "never".to_owned(),
            |t| crate::humane::relative_time(t, now),
        )
}

/// One webhook as `field  value` lines on stdout (`lpwh get`, and after create/update).
pub fn print_webhook(out: &Out, w: &Webhook, show_secrets: bool) -> std::io::Result<()> {
    let now = crate::humane::now_ms();
    let paint = out.paint();
    let events_text = if w.events.is_empty() {
        "(none)".to_owned()
    } else {
        w.events
            .iter()
            .map(|e| sanitize(e).into_owned())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let status = w.status.as_ref();
    let failure = status.and_then(|s| s.last_failure.as_ref());
    let last_failure = failure.map(|f| {
        let mut parts = Vec::new();
        if let Some(code) = f.status_code {
            parts.push(format!("status {code}"));
        }
        if let Some(ts) = f.timestamp {
            parts.push(when(ts, now));
        }
        if parts.is_empty() {
            "yes".to_owned()
        } else {
            parts.join(", ")
        }
    });
    let mut rows: Vec<(&str, String)> = vec![
        ("id", sanitize(&w.id).into_owned()),
        ("name", sanitize(&w.name).into_owned()),
        ("url", sanitize(&w.url).into_owned()),
        ("events", events_text),
        (
            "secret",
            secret_text(w.shared_secret.as_deref(), show_secrets),
        ),
        (
            "stream id",
            w.stream_id
                .as_deref()
                .map_or_else(|| "(any stream)".to_owned(), |s| sanitize(s).into_owned()),
        ),
        (
            "project id",
            w.project_id
                .as_deref()
                .map_or_else(|| "-".to_owned(), |s| sanitize(s).into_owned()),
        ),
        (
            "created",
            w.created_at
                .map_or_else(|| "-".to_owned(), |t| when(t, now)),
        ),
        (
            "last triggered",
            // Studio writes status about a minute after a delivery: say it lags.
            status.and_then(|s| s.last_triggered_at).map_or_else(
                || "never".to_owned(),
                |t| format!("{} (Studio updates this about 60 s late)", when(t, now)),
            ),
        ),
        ("last failure", last_failure.unwrap_or_else(|| "-".into())),
    ];
    // What Studio stored about the failure: whole in --json, one line each here.
    if let Some(f) = failure {
        if let Some(err) = f.error.as_deref().filter(|e| !e.trim().is_empty()) {
            rows.push(("  error", one_line(err)));
        }
        if let Some(resp) = f.response.as_deref().filter(|r| !r.trim().is_empty()) {
            // Studio keeps it base64, like a log's response body: shown decoded when it is
            // text, as stored otherwise.
            let shown = match decode_body(resp) {
                Some(text) if !text.contains('\u{fffd}') => one_line(&text),
                _ => format!("{} (as stored)", one_line(resp)),
            };
            rows.push(("  response", shown));
        }
    }
    if w.deleted {
        rows.insert(1, ("deleted", paint.red("yes (only an admin key sees it)")));
    }
    let width = rows.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    for (key, value) in rows {
        // Pad before painting: escape codes would throw the alignment off.
        out.line(format!("{}  {value}", paint.bold(format!("{key:<width$}"))))?;
    }
    Ok(())
}

/// Longest stored failure text shown in a table cell, in characters.
const FAILURE_TEXT: usize = 160;

/// Untrusted text for one table cell: sanitized (line breaks escaped too, so it stays on one
/// line), whitespace runs folded, cut to [`FAILURE_TEXT`] characters.
fn one_line(text: &str) -> String {
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let clean = sanitize(&folded);
    let mut cut: String = clean.chars().take(FAILURE_TEXT).collect();
    if clean.chars().count() > FAILURE_TEXT {
        cut.push('…');
    }
    cut
}

/// A webhook for `--json`: every field Studio sent, the secret masked unless asked.
pub fn webhook_json(w: &Webhook, show_secrets: bool) -> Value {
    let mut value = serde_json::to_value(w).unwrap_or(Value::Null);
    if !show_secrets && let Some(Value::String(secret)) = value.get_mut("sharedSecret") {
        *secret = mask(secret);
    }
    value
}

/// Print a webhook in the form the invocation asked for.
pub fn show_webhook(out: &Out, w: &Webhook, show_secrets: bool) -> Result<()> {
    if out.json {
        out.json(&webhook_json(w, show_secrets))?;
    } else {
        print_webhook(out, w, show_secrets)?;
    }
    Ok(())
}

/// Remove every `sharedSecret` from a JSON value (webhook logs may carry the secret they were
/// signed with; it is never shown).
pub fn scrub_secrets(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|k, _| !k.eq_ignore_ascii_case("sharedSecret"));
            map.values_mut().for_each(scrub_secrets);
        }
        Value::Array(items) => items.iter_mut().for_each(scrub_secrets),
        _ => {}
    }
}

/// Studio logs durations in seconds; people read milliseconds.
pub fn duration_ms(seconds: f64) -> u64 {
    if seconds.is_finite() && seconds > 0.0 {
        (seconds * 1000.0).round() as u64
    } else {
        0
    }
}

/// A log for `--json`: as Studio sent it minus any secret, plus the response body decoded.
pub fn log_json(log: &WebhookLog) -> Value {
    let mut value = serde_json::to_value(log).unwrap_or(Value::Null);
    scrub_secrets(&mut value);
    if let Some(decoded) = log
        .response
        .as_ref()
        .and_then(|r| r.body.as_deref())
        .and_then(decode_body)
        && let Some(response) = value.get_mut("response").and_then(Value::as_object_mut)
    {
        response.insert("bodyDecoded".into(), Value::String(decoded));
    }
    value
}

/// Studio stores the receiver's answer base64-encoded; `None` when it is not valid base64.
pub fn decode_body(encoded: &str) -> Option<String> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

/// The summary lines of a log (also what `lpwh resend` prints).
pub fn print_summary(out: &Out, log: &WebhookLog) -> std::io::Result<()> {
    let paint = out.paint();
    let now = crate::humane::now_ms();
    let response = log.response.as_ref();
    let status = response.and_then(|r| r.status).map_or_else(
        || "no answer".to_owned(),
        |s| {
            let text = response
                .and_then(|r| r.status_text.as_deref())
                .unwrap_or("");
            format!("{s} {}", sanitize(text)).trim_end().to_owned()
        },
    );
    let rows = [
        ("log id", sanitize(&log.id).into_owned()),
        ("webhook", sanitize(&log.webhook_id).into_owned()),
        ("event", sanitize(&log.event).into_owned()),
        (
            "time",
            format!(
                "{} ({})",
                crate::humane::local_time(log.created_at),
                crate::humane::relative_time(log.created_at, now)
            ),
        ),
        ("status", status),
        ("duration", format!("{} ms", duration_ms(log.duration))),
        (
            "success",
            if log.success {
                paint.green("✔ yes")
            } else {
                paint.red("✗ no")
            },
        ),
    ];
    for (key, value) in rows {
        out.line(format!("{}  {value}", paint.bold(format!("{key:<8}"))))?;
    }
    Ok(())
}

pub fn print_log(out: &Out, log: &WebhookLog) -> std::io::Result<()> {
    let paint = out.paint();
    print_summary(out, log)?;
    if let Some(request) = &log.request {
        out.line("")?;
        out.line(paint.bold("Request"))?;
        out.line(format!(
            "  {} {}",
            sanitize(&request.method),
            sanitize(&request.url)
        ))?;
        for (name, value) in &request.headers {
            let value = match value {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            out.line(format!(
                "  {}: {}",
                paint.dim(sanitize(name)),
                sanitize(&value)
            ))?;
        }
        if !request.body.is_empty() {
            out.line("")?;
            out.line(indent(&pretty_body(request.body.as_bytes())))?;
        }
    }
    if let Some(response) = &log.response {
        out.line("")?;
        out.line(paint.bold("Response"))?;
        let status = response
            .status
            .map_or_else(|| "no status".to_owned(), |s| s.to_string());
        let text = response.status_text.as_deref().unwrap_or("");
        out.line(format!("  {status} {}", sanitize(text)).trim_end())?;
        match response.body.as_deref().filter(|b| !b.is_empty()) {
            None => out.line(format!("  {}", paint.dim("(empty body)")))?,
            Some(encoded) => {
                out.line("")?;
                match decode_body(encoded) {
                    Some(body) => out.line(indent(&pretty_body(body.as_bytes())))?,
                    None => out.line(indent(&format!(
                        "(not base64, shown as stored)\n{}",
                        sanitize_multiline(encoded)
                    )))?,
                }
            }
        }
    }
    Ok(())
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| format!("  {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_with_several_events_are_compacted() {
        let names: Vec<String> = ["stream.started", "stream.idle", "asset.ready"]
            .map(String::from)
            .to_vec();
        assert_eq!(compact_events(&names), "stream.* (2), asset.ready");
        assert_eq!(compact_events(&[]), "(none)");
        let all: Vec<String> = LIVEPEER_EVENTS.iter().map(|e| e.name.to_owned()).collect();
        assert_eq!(compact_events(&all), "all (20)");
    }

    #[test]
    fn secrets_are_scrubbed_at_any_depth() {
        let mut v = serde_json::json!({
            "id": "x",
            "sharedSecret": "s3cr3t",
            "request": {"sharedSecret": "s3cr3t", "headers": {"a": "b"}},
            "list": [{"sharedSecret": "s3cr3t"}]
        });
        scrub_secrets(&mut v);
        assert!(!v.to_string().contains("s3cr3t"), "{v}");
        assert_eq!(v["request"]["headers"]["a"], "b");
    }

    #[test]
    fn json_masks_the_secret_unless_asked() {
        let w: Webhook = serde_json::from_value(serde_json::json!({
            "id": "abc", "name": "n", "url": "https://e.com", "events": [],
            "sharedSecret": "0123456789abcdef", "extraField": 1
        }))
        .unwrap();
        assert_eq!(webhook_json(&w, false)["sharedSecret"], "0123…");
        assert_eq!(webhook_json(&w, true)["sharedSecret"], "0123456789abcdef");
        assert_eq!(webhook_json(&w, false)["extraField"], 1);
    }

    #[test]
    fn response_bodies_are_decoded_and_made_safe() {
        assert_eq!(decode_body("b2s=").as_deref(), Some("ok"));
        assert_eq!(decode_body("not base64!"), None);
        let hostile = base64::engine::general_purpose::STANDARD.encode("a\u{1b}[2Jb");
        let shown = pretty_body(decode_body(&hostile).unwrap().as_bytes());
        assert!(!shown.contains('\u{1b}'), "{shown:?}");
        assert_eq!(pretty_body(b"{\"a\":1}"), "{\n  \"a\": 1\n}");
    }

    #[test]
    fn durations_are_milliseconds() {
        assert_eq!(duration_ms(0.153), 153);
        assert_eq!(duration_ms(-1.0), 0);
        assert_eq!(duration_ms(f64::NAN), 0);
    }
}
