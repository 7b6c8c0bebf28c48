//! The delivery report: one line per delivery for people (or one NDJSON object with `--json`),
//! written by a single printer task fed through a channel so a slow terminal never holds a request.

use std::io::{self, Write};
use std::net::SocketAddr;

use bytes::Bytes;
use serde_json::{Map, Value, json};
use tokio::sync::mpsc;

use crate::events;
use crate::listen::access::Decision;
use crate::listen::forward::Outcome;
use crate::listen::verdict::Envelope;
use crate::output::{Out, Paint, sanitize, sanitize_multiline};
use crate::signature::Reason;

/// Everything known about one delivery once it has been answered.
#[derive(Debug)]
pub struct Record {
    pub time_ms: i64,
    pub remote: Option<SocketAddr>,
    pub path: String,
    /// The status lpwh answered with.
    pub status: u16,
    pub reason: Reason,
    pub hint: Option<String>,
    pub envelope: Envelope,
    pub headers: http::HeaderMap,
    pub body: Bytes,
    pub forward: Vec<Outcome>,
    pub access: Option<Decision>,
}

impl Record {
    /// The coarse verdict word in NDJSON: `valid`, `invalid`, `duplicate` or `unsigned`.
    pub fn verdict(&self) -> &'static str {
        match self.reason {
            Reason::Ok => "valid",
            Reason::Duplicate => "duplicate",
            Reason::Unsigned => "unsigned",
            _ => "invalid",
        }
    }

    /// The stable NDJSON object (documented field set; new fields may be added, none removed).
    pub fn to_json(&self) -> Value {
        let mut headers = Map::new();
        for name in self.headers.keys() {
            let values: Vec<Value> = self
                .headers
                .get_all(name)
                .iter()
                .map(|v| Value::String(String::from_utf8_lossy(v.as_bytes()).into_owned()))
                .collect();
            let value = if values.len() == 1 {
                values.into_iter().next().unwrap_or(Value::Null)
            } else {
                Value::Array(values)
            };
            headers.insert(name.as_str().to_owned(), value);
        }
        let body = match &self.envelope.json {
            Some(parsed) => parsed.clone(),
            None => Value::String(String::from_utf8_lossy(&self.body).into_owned()),
        };
        json!({
            "time": jiff::Timestamp::from_millisecond(self.time_ms)
                .map(|t| t.to_string())
                .unwrap_or_default(),
            "verdict": self.verdict(),
            "reason": self.reason.as_str(),
            "hint": self.hint,
            "event": self.envelope.event,
            "id": self.envelope.id,
            "webhook_id": self.envelope.webhook_id,
            "status": self.status,
            "path": self.path,
            "remote": self.remote.map(|a| a.to_string()),
            "access": self.access.as_ref().map(|d| json!({"allow": d.allow, "why": d.why})),
            "headers": headers,
            "body": body,
            "forward": self.forward,
        })
    }

    /// The one-line report for people (plus headers and body with `-v`).
    pub fn to_text(&self, paint: Paint, verbose: bool) -> String {
        let time = jiff::Timestamp::from_millisecond(self.time_ms)
            .map(|t| {
                t.to_zoned(jiff::tz::TimeZone::system())
                    .strftime("%H:%M:%S")
                    .to_string()
            })
            .unwrap_or_default();
        let mark = match self.reason {
            Reason::Ok => paint.green("✔"),
            Reason::Duplicate => paint.yellow("⟳ duplicate"),
            Reason::Unsigned => paint.yellow("? unsigned"),
            other => paint.red(format!("✗ {}", other.as_str())),
        };
        let event = match &self.envelope.event {
            Some(e) => paint_family(paint, e, &sanitize(e)),
            None if self.envelope.json.is_some() => paint.dim("(no event name)"),
            None => paint.dim("(not JSON)"),
        };
        let mut line = format!("{} {mark} {event}", paint.dim(time));
        let facts = self
            .envelope
            .json
            .as_ref()
            .map(key_facts)
            .unwrap_or_default();
        if !facts.is_empty() {
            line.push_str("  ");
            line.push_str(&sanitize(&facts.join(" · ")));
        }
        if let Some(access) = &self.access {
            let word = if access.allow {
                paint.green("allow")
            } else {
                paint.red("deny")
            };
            line.push_str(&format!(
                "  {} {word} ({})",
                paint.bold("access:"),
                sanitize(&access.why)
            ));
        }
        for outcome in &self.forward {
            line.push_str(&format!("  → {}", forward_text(paint, outcome)));
        }
        // Failures say why; a pass may carry a caveat (freshness resting on an unsigned `t`).
        // "unsigned" would repeat the start-up warning on every line, so it stays quiet.
        if self.reason != Reason::Unsigned
            && let Some(hint) = &self.hint
        {
            line.push_str(&format!("\n         {}", paint.dim(sanitize(hint))));
        }
        if verbose {
            line.push_str(&verbose_text(self, paint));
        }
        line
    }
}

fn forward_text(paint: Paint, o: &Outcome) -> String {
    match (o.status, &o.error) {
        (Some(status), _) => {
            let s = if o.failed() {
                paint.red(status)
            } else {
                paint.green(status)
            };
            format!("{s} in {} ms", o.latency_ms)
        }
        (None, error) => paint.red(format!(
            "{} failed: {}",
            sanitize(&o.url),
            error.as_deref().unwrap_or("no answer")
        )),
    }
}

fn verbose_text(r: &Record, paint: Paint) -> String {
    let mut text = String::new();
    for (name, value) in &r.headers {
        let value = String::from_utf8_lossy(value.as_bytes());
        text.push_str(&format!(
            "\n    {} {}",
            paint.dim(format!("{name}:")),
            sanitize(&value)
        ));
    }
    let body = match &r.envelope.json {
        Some(v) => serde_json::to_string_pretty(v).unwrap_or_default(),
        None => String::from_utf8_lossy(&r.body).into_owned(),
    };
    for line in sanitize_multiline(&body).lines() {
        text.push_str("\n    ");
        text.push_str(line);
    }
    text.push('\n');
    text
}

/// Colour an (already sanitized) event name by its family, with the same colours as
/// `lpwh event-types` and `lpwh trigger`, so a busy log scans by colour.
fn paint_family(paint: Paint, event: &str, shown: &str) -> String {
    crate::commands::event_types::paint_family(paint, events::family_of(event), shown)
}

/// The facts a person scans for, per payloads.md: which stream, asset or task, its phase or
/// progress, the playback id, recording URLs; for FastPix the object type and id.
pub fn key_facts(body: &Value) -> Vec<String> {
    let s = |v: &Value, path: &[&str]| -> Option<String> {
        let mut cur = v;
        for key in path {
            cur = cur.get(key)?;
        }
        match cur {
            Value::String(t) => Some(t.clone()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    };
    let mut facts = Vec::new();
    if let Some(stream) = body.get("stream") {
        let id = s(stream, &["id"]);
        match (s(stream, &["name"]), id) {
            (Some(name), Some(id)) => facts.push(format!("stream {name} ({id})")),
            (Some(name), None) => facts.push(format!("stream {name}")),
            (None, Some(id)) => facts.push(format!("stream {id}")),
            (None, None) => {}
        }
        if let Some(p) = s(stream, &["playbackId"]) {
            facts.push(format!("playbackId {p}"));
        }
    }
    if let Some(payload) = body.get("payload") {
        if let Some(asset) = payload.get("asset") {
            let snap = asset.get("snapshot").unwrap_or(asset);
            let id = s(asset, &["id"]).or_else(|| s(snap, &["id"]));
            let mut fact = format!("asset {}", id.unwrap_or_else(|| "?".into()));
            if let Some(phase) = s(snap, &["status", "phase"]) {
                fact.push_str(&format!(" {phase}"));
            }
            if let Some(progress) = snap.pointer("/status/progress").and_then(Value::as_f64) {
                fact.push_str(&format!(" {:.0}%", progress * 100.0));
            }
            facts.push(fact);
            if let Some(p) = s(snap, &["playbackId"]) {
                facts.push(format!("playbackId {p}"));
            }
        }
        if let Some(task) = payload.get("task") {
            let snap = task.get("snapshot").unwrap_or(task);
            let kind = s(task, &["type"]).or_else(|| s(snap, &["type"]));
            let mut fact = format!("task {}", kind.unwrap_or_else(|| "?".into()));
            if let Some(id) = s(task, &["id"]) {
                fact.push_str(&format!(" ({id})"));
            }
            if let Some(phase) = s(snap, &["status", "phase"]) {
                fact.push_str(&format!(" {phase}"));
            }
            if let Some(progress) = snap.pointer("/status/progress").and_then(Value::as_f64) {
                fact.push_str(&format!(" {:.0}%", progress * 100.0));
            }
            facts.push(fact);
        }
        if let Some(success) = payload.get("success").and_then(Value::as_bool) {
            facts.push(if success { "success" } else { "not successful" }.into());
        }
        if let Some(session) = payload.get("session")
            && let Some(id) = s(session, &["id"])
        {
            facts.push(format!("session {id}"));
        }
        if let Some(url) = s(payload, &["recordingUrl"]) {
            facts.push(format!("recording {url}"));
        }
        if let Some(name) = s(payload, &["target", "name"]) {
            facts.push(format!("target {name}"));
        }
    }
    // FastPix: {type, object: {type, id}, data: {...}}.
    if let Some(object) = body.get("object") {
        match (s(object, &["type"]), s(object, &["id"])) {
            (Some(kind), Some(id)) => facts.push(format!("{kind} {id}")),
            (None, Some(id)) => facts.push(format!("object {id}")),
            _ => {}
        }
        if let Some(status) = s(body, &["status"]) {
            facts.push(status);
        }
    }
    // Access-control gate requests.
    if body.get("accessKey").is_some() {
        if let Some(domain) = s(body, &["playDomain"]) {
            facts.push(format!("playDomain {domain}"));
        }
        if let Some(origin) = s(body, &["headers", "Origin"]) {
            facts.push(format!("origin {origin}"));
        }
    }
    facts
}

/// Messages for the printer task.
#[derive(Debug)]
pub enum Msg {
    Delivery(Box<Record>),
}

/// The receiving side of the report channel, on its own thread so a slow or blocked stdout never
/// ties up the async workers. Runs until every sender is gone; an error means stdout is closed
/// (e.g. `| head`), which the caller treats as a reason to stop.
pub fn spawn_printer(
    mut rx: mpsc::Receiver<Msg>,
    out: Out,
    verbose: bool,
) -> tokio::sync::oneshot::Receiver<io::Result<()>> {
    let (done_tx, done_rx) = tokio::sync::oneshot::channel();
    std::thread::spawn(move || {
        let result = (|| -> io::Result<()> {
            while let Some(first) = rx.blocking_recv() {
                // Batch whatever is queued under one lock and one flush.
                let mut batch = vec![first];
                while let Ok(more) = rx.try_recv() {
                    batch.push(more);
                    if batch.len() >= 256 {
                        break;
                    }
                }
                let text = render(&batch, out, verbose)?;
                let mut stdout = io::stdout().lock();
                stdout.write_all(text.as_bytes())?;
                stdout.flush()?;
            }
            Ok(())
        })();
        let _ = done_tx.send(result);
    });
    done_rx
}

fn render(batch: &[Msg], out: Out, verbose: bool) -> io::Result<String> {
    let mut text = String::new();
    for Msg::Delivery(record) in batch {
        if out.json {
            text.push_str(&serde_json::to_string(&record.to_json()).map_err(io::Error::other)?);
        } else {
            text.push_str(&record.to_text(out.paint(), verbose));
        }
        text.push('\n');
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(reason: Reason, forward: Vec<Outcome>) -> Record {
        let body = br#"{"id":"e1","event":"stream.started","stream":{"id":"s1","name":"n"}}"#;
        Record {
            time_ms: 1_700_000_000_000,
            remote: None,
            path: "/".into(),
            status: 200,
            reason,
            hint: Some("why".into()),
            envelope: Envelope::parse(body),
            headers: http::HeaderMap::new(),
            body: Bytes::from_static(body),
            forward,
            access: None,
        }
    }

    fn outcome(status: Option<u16>, error: Option<&str>) -> Outcome {
        Outcome {
            url: "http://localhost:4000/hook".into(),
            status,
            latency_ms: 12,
            error: error.map(str::to_owned),
            body: Bytes::new(),
            content_type: None,
        }
    }

    #[test]
    fn lines_carry_the_mark_and_the_forward_result() {
        let ok = record(Reason::Ok, vec![outcome(Some(200), None)]).to_text(Paint(false), false);
        assert!(ok.contains(" ✔ stream.started  stream n (s1)"), "{ok}");
        assert!(ok.ends_with("→ 200 in 12 ms\n         why"), "{ok}");
        let down = record(Reason::Ok, vec![outcome(None, Some("cannot connect"))])
            .to_text(Paint(false), false);
        assert!(
            down.contains("→ http://localhost:4000/hook failed: cannot connect"),
            "{down}"
        );
        let bad = record(Reason::BadSignature, vec![]).to_text(Paint(false), false);
        assert!(bad.contains(" ✗ bad_signature stream.started"), "{bad}");
        let dup = record(Reason::Duplicate, vec![]).to_text(Paint(false), false);
        assert!(dup.contains(" ⟳ duplicate stream.started"), "{dup}");
        let unsigned = record(Reason::Unsigned, vec![]).to_text(Paint(false), false);
        assert!(unsigned.contains(" ? unsigned stream.started") && !unsigned.contains("why"));
        let json = record(Reason::Ok, vec![outcome(Some(502), None)]).to_json();
        assert_eq!(json["verdict"], "valid");
        assert_eq!(json["forward"][0]["status"], 502);
        assert_eq!(json["forward"][0]["latency_ms"], 12);
        assert_eq!(json["forward"][0]["error"], serde_json::Value::Null);
    }

    #[test]
    fn key_facts_name_stream_asset_and_task() {
        let stream = json!({"event":"stream.started","stream":{"id":"s1","name":"keynote","playbackId":"pb1"}});
        assert_eq!(
            key_facts(&stream),
            ["stream keynote (s1)", "playbackId pb1"]
        );
        let asset = json!({"payload":{"asset":{"id":"a1","snapshot":{"status":{"phase":"ready"},"playbackId":"pb2"}}}});
        assert_eq!(key_facts(&asset), ["asset a1 ready", "playbackId pb2"]);
        let task = json!({"payload":{"task":{"id":"t1","type":"upload","snapshot":{"status":{"phase":"running","progress":0.5}}}}});
        assert_eq!(key_facts(&task), ["task upload (t1) running 50%"]);
        let fastpix = json!({"type":"video.media.ready","object":{"type":"media","id":"m1"},"status":"ready"});
        assert_eq!(key_facts(&fastpix), ["media m1", "ready"]);
    }
}
