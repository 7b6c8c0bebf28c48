//! The delivery report: one line per delivery for people (or one NDJSON object with `--json`),
//! written by a single printer thread fed through a [`Spool`] so a slow terminal never holds a
//! request.

use std::io::{self, Write};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use serde_json::Value;

use crate::events;
use crate::listen::access::Decision;
use crate::listen::forward::Outcome;
use crate::listen::verdict::Envelope;
use crate::output::{Out, Paint, sanitize, sanitize_multiline};
use crate::signature::Reason;
use crate::spool::{Refused, Scratch, Spool, Taken};

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

    /// The stable NDJSON line (documented field set; new fields may be added, none removed),
    /// without its newline, appended to `out`. Written field by field straight into the
    /// caller's buffer ([`crate::json_write`]): the body is embedded as the raw JSON it arrived
    /// as (re-encoded only when it spans lines), headers straight from the map. Field order is
    /// this order; every field is always present (`null` when unknown).
    pub fn write_ndjson(&self, out: &mut Vec<u8>) {
        use crate::json_write::{push_addr, push_opt_string, push_string, push_time_ms};
        out.extend_from_slice(b"{\"time\":");
        push_time_ms(out, self.time_ms);
        // The verdict and reason words are fixed lowercase ASCII: nothing to escape.
        out.extend_from_slice(b",\"verdict\":\"");
        out.extend_from_slice(self.verdict().as_bytes());
        out.extend_from_slice(b"\",\"reason\":\"");
        out.extend_from_slice(self.reason.as_str().as_bytes());
        out.extend_from_slice(b"\",\"hint\":");
        push_opt_string(out, self.hint.as_deref());
        out.extend_from_slice(b",\"event\":");
        push_opt_string(out, self.envelope.event.as_deref());
        out.extend_from_slice(b",\"id\":");
        push_opt_string(out, self.envelope.id.as_deref());
        out.extend_from_slice(b",\"webhook_id\":");
        push_opt_string(out, self.envelope.webhook_id.as_deref());
        out.extend_from_slice(b",\"status\":");
        out.extend_from_slice(itoa::Buffer::new().format(self.status).as_bytes());
        out.extend_from_slice(b",\"path\":");
        push_string(out, self.path.as_bytes());
        out.extend_from_slice(b",\"remote\":");
        match self.remote {
            Some(addr) => push_addr(out, addr),
            None => out.extend_from_slice(b"null"),
        }
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
        // `body` and `forward` close the object: the body goes in as the JSON it arrived as
        // when that is one line (it was validated when the envelope was read), so the common
        // case costs a copy, not another parse.
        out.extend_from_slice(b"},\"body\":");
        match self.one_line_json() {
            Some(raw) => out.extend_from_slice(raw.as_bytes()),
            None => out.extend_from_slice(self.body_as_json().as_bytes()),
        }
        out.extend_from_slice(b",\"forward\":");
        let at = out.len();
        if self.forward.is_empty()
            || crate::json_write::to_writer(&mut *out, &self.forward).is_err()
        {
            out.truncate(at);
            out.extend_from_slice(b"[]");
        }
        out.push(b'}');
    }

    /// The body itself, when it is JSON on one line of printable ASCII (surrounding whitespace
    /// trimmed): Studio's bodies are, and copying them is the fast path.
    fn one_line_json(&self) -> Option<&str> {
        if !self.envelope.is_json {
            return None;
        }
        let raw = self.body.trim_ascii();
        if !crate::json_write::is_plain_line(raw) {
            return None;
        }
        std::str::from_utf8(raw).ok()
    }

    /// The body as a JSON value: re-encoded compactly, with hidden and control characters
    /// escaped, when it spans lines or holds anything but printable ASCII; a string (lossily)
    /// when it is not JSON.
    fn body_as_json(&self) -> String {
        if let Some(value) = self.envelope.json(&self.body) {
            return crate::json_write::to_string(&value);
        }
        crate::json_write::to_string(&String::from_utf8_lossy(&self.body))
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
            None if self.envelope.is_json => paint.dim("(no event name)"),
            None => paint.dim("(not JSON)"),
        };
        let mut line = format!("{} {mark} {event}", paint.dim(time));
        let json = self.envelope.json(&self.body);
        let facts = json.as_ref().map(key_facts).unwrap_or_default();
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
            line.push_str(&verbose_text(self, json.as_ref(), paint));
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

fn verbose_text(r: &Record, json: Option<&Value>, paint: Paint) -> String {
    let mut text = String::new();
    for (name, value) in &r.headers {
        let value = String::from_utf8_lossy(value.as_bytes());
        text.push_str(&format!(
            "\n    {} {}",
            paint.dim(format!("{name}:")),
            sanitize(&value)
        ));
    }
    let body = match json {
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

/// Bytes of rendered lines waiting for the printer, at most: a slow terminal then holds requests
/// back rather than lines piling up in memory (`-v` and `--json` lines carry whole bodies).
pub const PRINTER_MAX_BYTES: usize = 4 * 1024 * 1024;
/// After writing a small batch the printer waits this long before taking the next, so under load
/// one wake-up and one `write` serve many lines; a person cannot see the delay. (The first line
/// after a quiet spell is written at once: the printer sleeps on the spool, not on a timer.)
/// Measured with `benches/listen_load.rs --ab` at half max rate: 10 ms instead of 2 ms lowered
/// the p99 in each of 3 paired runs (median 2.22 vs 2.41 ms): fewer wake-ups of a thread that
/// would preempt a request.
const LINGER: Duration = Duration::from_millis(10);

/// The queue of rendered lines (each with its newline) the printer writes to stdout.
pub type Lines = Spool;

/// A queue for [`spawn_printer`].
pub fn lines() -> Arc<Lines> {
    Arc::new(Spool::new(PRINTER_MAX_BYTES))
}

/// The delivery's report as the printer will write it, appended to `out` with its newline:
/// NDJSON with `--json`, else the line for people (with headers and body when `verbose`).
/// Rendered by the request handler, so the printer only writes bytes and the record itself never
/// crosses threads.
pub fn render_into(record: &Record, out: Out, verbose: bool, buf: &mut Vec<u8>) {
    if out.json {
        record.write_ndjson(buf);
    } else {
        buf.extend_from_slice(record.to_text(out.paint(), verbose).as_bytes());
    }
    buf.push(b'\n');
}

/// Render `record` ([`render_into`]) and queue it for the printer, waiting while the printer is
/// far behind (a slow terminal). Fails only when the printer is gone (stdout closed).
pub async fn report(
    lines: &Lines,
    record: &Record,
    out: Out,
    verbose: bool,
) -> Result<(), Refused> {
    let mut buf = Scratch::take();
    render_into(record, out, verbose, &mut buf);
    lines.extend(&buf).await
}

/// The printer: a thread that writes queued lines to stdout, so a slow or blocked stdout never
/// ties up the async workers. Runs until `lines` is closed and drained. An error means stdout is
/// closed (e.g. `| head`), which the caller treats as a reason to stop; the queue is then closed
/// so no request waits for a printer that is gone.
pub fn spawn_printer(lines: Arc<Lines>) -> tokio::sync::oneshot::Receiver<io::Result<()>> {
    let (done_tx, done_rx) = tokio::sync::oneshot::channel();
    let spawned = std::thread::Builder::new()
        .name("lpwh-printer".into())
        .spawn({
            let lines = lines.clone();
            move || {
                let result = print_until_closed(&lines);
                lines.close();
                let _ = done_tx.send(result);
            }
        });
    if let Err(err) = spawned {
        lines.close();
        let (tx, rx) = tokio::sync::oneshot::channel();
        let _ = tx.send(Err(err));
        return rx;
    }
    done_rx
}

fn print_until_closed(lines: &Lines) -> io::Result<()> {
    let mut text = Vec::new();
    while lines.take(&mut text, None) == Taken::Some {
        let written = text.len();
        let mut stdout = io::stdout().lock();
        stdout.write_all(&text)?;
        stdout.flush()?;
        drop(stdout);
        text.clear();
        if written < 64 * 1024 {
            std::thread::sleep(LINGER);
        }
        // A burst of large lines must not keep a large buffer for ever.
        text.shrink_to(256 * 1024);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The record's NDJSON line as text (it is always UTF-8: the writer copies only `&str`s and
    /// what serde_json escapes).
    fn ndjson(r: &Record) -> String {
        let mut line = Vec::new();
        r.write_ndjson(&mut line);
        String::from_utf8(line).unwrap()
    }

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
        let line = ndjson(&record(Reason::Ok, vec![outcome(Some(502), None)]));
        let json: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(json["verdict"], "valid");
        assert_eq!(json["forward"][0]["status"], 502);
        assert_eq!(json["forward"][0]["latency_ms"], 12);
        assert_eq!(json["forward"][0]["error"], serde_json::Value::Null);
    }

    #[test]
    fn ndjson_is_one_line_with_the_body_as_json_and_every_header() {
        let mut r = record(Reason::Ok, vec![]);
        r.headers.append("x-a", "1".parse().unwrap());
        r.headers.append("x-a", "2".parse().unwrap());
        r.headers
            .append("content-type", "application/json".parse().unwrap());
        r.remote = Some("127.0.0.1:9".parse().unwrap());
        let line = ndjson(&r);
        assert!(!line.contains('\n'), "{line}");
        let v: Value = serde_json::from_str(&line).unwrap();
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "time",
                "verdict",
                "reason",
                "hint",
                "event",
                "id",
                "webhook_id",
                "status",
                "path",
                "remote",
                "access",
                "headers",
                "body",
                "forward"
            ]
        );
        assert_eq!(v["time"], "2023-11-14T22:13:20Z");
        assert_eq!(v["remote"], "127.0.0.1:9");
        assert_eq!(v["headers"]["x-a"], json!(["1", "2"]));
        assert_eq!(v["headers"]["content-type"], "application/json");
        assert_eq!(v["body"]["stream"]["name"], "n");
        assert_eq!(v["access"], Value::Null);

        // A pretty-printed body (with surrounding whitespace) is re-encoded onto one line.
        let pretty = b"\n  {\n  \"id\": \"e2\",\r\n  \"event\": \"x\"\n}\n";
        r.body = Bytes::from_static(pretty);
        r.envelope = Envelope::parse(pretty);
        let line = ndjson(&r);
        assert!(!line.contains('\n') && !line.contains('\r'), "{line}");
        let v: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["body"], json!({"id": "e2", "event": "x"}));

        // Not JSON: the text, lossily, as a string (escapes keep it one line).
        let junk = b"line1\nline2 \xff \x1b[31m";
        r.body = Bytes::from_static(junk);
        r.envelope = Envelope::parse(junk);
        let line = ndjson(&r);
        assert!(!line.contains('\n') && !line.contains('\x1b'), "{line}");
        let v: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["body"], "line1\nline2 \u{fffd} \u{1b}[31m");
        assert_eq!(v["id"], Value::Null);
    }

    #[test]
    fn ndjson_escapes_every_text_field_and_keeps_the_exact_shape() {
        let body = br#"{"id":"e\"1\u001b","event":"stream.\u00e9","webhookId":"wh\n"}"#;
        let mut r = record(
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
        let line = ndjson(&r);
        assert!(!line.contains(['\n', '\r', '\x1b']), "{line}");
        let v: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(
            v,
            json!({
                "time": "2026-11-22T08:21:37.12Z",
                "verdict": "invalid",
                "reason": "bad_signature",
                "hint": "say \"hi\"\n\u{1b}[2J\\",
                "event": "stream.é",
                "id": "e\"1\u{1b}",
                "webhook_id": "wh\n",
                "status": 401,
                "path": "/p?q=\"ü\"",
                "remote": "[::1]:8080",
                "access": {"allow": false, "why": "rule \"b\""},
                "headers": {"x-bin": "\u{fffd}\"\\", "x-tab": ["a\tb", "second"]},
                "body": {"id": "e\"1\u{1b}", "event": "stream.é", "webhookId": "wh\n"},
                "forward": serde_json::to_value(&r.forward).unwrap(),
            })
        );
        assert_eq!(v["forward"][0]["error"], "refused \"x\"");
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
