//! The delivery report: one line per delivery for people (or the delivery JSON with `--json`,
//! [`crate::delivery::json`]), written by a single printer thread fed through a [`Spool`] so a slow terminal never holds a
//! request.

use std::io::{self, Write};
use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;

use crate::delivery::{Outcome, Record};
use crate::events;
use crate::output::{Out, Paint, sanitize, sanitize_multiline};
use crate::signature::Reason;
use crate::spool::{Refused, Scratch, Spool, Taken};

impl Record {
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
            Reason::Unchecked => paint.yellow("? unchecked"),
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
        // "unsigned"/"unchecked" would repeat the start-up warning on every line: quiet.
        if !self.reason.is_unverified()
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
    events::paint_family(paint, events::family_of(event), shown)
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
        record.write_json(buf);
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

    use crate::delivery::sample::{outcome, record};

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
