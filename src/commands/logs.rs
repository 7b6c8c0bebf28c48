//! `lpwh logs`: a webhook's delivery history (a table, or polled with `--follow`), or one
//! delivery in full with the receiver's answer decoded.

use std::collections::HashSet;
use std::time::Duration;

use anyhow::{Context, Result};
use base64::Engine as _;
use serde_json::Value;

use crate::api::{ApiError, Client, Filter, ListQuery, WebhookLog};
use crate::context::Ctx;
use crate::error::{Failure, usage};
use crate::inbox::parse_since;
use crate::output::{self, Out, sanitize, sanitize_multiline};

use super::webhook_common::{
    ambiguous_prefix, by_id_prefix, looks_like_uuid, resolve, scrub_secrets, warn_unknown_event,
};

/// Deliveries shown when `--limit` is not given.
const DEFAULT_LIMIT: u32 = 20;
/// How many of the newest entries each `--follow` poll reads.
const FOLLOW_PAGE: u32 = 100;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
    lpwh logs 3f0c --failed\n  \
    lpwh logs 3f0c --follow --event stream.started\n  \
    lpwh logs 3f0c --resource e0f1ed4f --since 2h --all\n  \
    lpwh logs 3f0c --status 500\n  \
    lpwh logs 3f0c 9d2e6c1a       (one delivery in full, by a LOG_ID prefix)")]
pub struct Args {
    /// The webhook's id, or a unique prefix of it
    #[arg(value_name = "ID")]
    pub id: String,

    /// Show this one delivery in full (request, body, response): its id, or a unique prefix of it
    #[arg(value_name = "LOG_ID")]
    pub log_id: Option<String>,

    /// Only failed deliveries
    #[arg(long, conflicts_with = "log_id")]
    pub failed: bool,

    /// Only deliveries of this event
    #[arg(long, value_name = "EVENT", conflicts_with = "log_id")]
    pub event: Option<String>,

    /// Only deliveries whose body mentions this stream, asset, session or playback id
    /// (a case-insensitive substring of the request body)
    #[arg(long, value_name = "ID", conflicts_with = "log_id")]
    pub resource: Option<String>,

    /// Only deliveries the receiver answered with this HTTP status
    #[arg(long, value_name = "CODE", conflicts_with = "log_id",
          value_parser = clap::value_parser!(u16).range(100..=599))]
    pub status: Option<u16>,

    /// Only deliveries since this age (10m, 2h, 7d) or RFC 3339 time
    #[arg(long, value_name = "AGE|TIME", conflicts_with = "log_id")]
    pub since: Option<String>,

    /// At most this many deliveries, newest first [default: 20]
    #[arg(long, short = 'n', value_name = "N", conflicts_with_all = ["log_id", "all"],
          value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub limit: Option<u32>,

    /// Every matching delivery, following all pages
    #[arg(long, conflicts_with_all = ["log_id", "follow"])]
    pub all: bool,

    /// Keep polling and print new deliveries as they arrive (Ctrl-C stops)
    #[arg(long, short = 'f', conflicts_with = "log_id")]
    pub follow: bool,

    /// Seconds between polls with --follow
    #[arg(long, value_name = "SECS", default_value_t = 2.0, requires = "follow")]
    pub interval: f64,
}

pub async fn run(ctx: &Ctx, args: Args) -> Result<()> {
    if !(args.interval.is_finite() && (0.2..=3600.0).contains(&args.interval)) {
        return Err(usage(format!(
            "--interval must be between 0.2 and 3600 seconds, not {}",
            args.interval
        ))
        .into());
    }
    let api = ctx.api()?;
    // Studio answers `200 []` for an unknown webhook: look it up first for an honest "not found".
    let webhook = resolve(&api, &args.id).await?;
    if let Some(log_id) = &args.log_id {
        let log_id = resolve_log(&api, &webhook.id, log_id).await?;
        return show_one(ctx, &api, &webhook.id, &log_id).await;
    }

    let filters = filters(ctx, &args)?;
    let filtered = !filters.is_empty();
    let limit = args.limit.unwrap_or(DEFAULT_LIMIT);
    let query = ListQuery {
        limit: Some(limit),
        filters,
        ..ListQuery::default()
    };
    let (mut logs, more) = if args.all {
        let query = ListQuery {
            limit: None,
            ..query.clone()
        };
        let all = api
            .list_all_logs(&webhook.id, &query, None)
            .await
            .context("reading the delivery history")?;
        (all, false)
    } else {
        let page = api
            .list_logs(&webhook.id, &query)
            .await
            .context("reading the delivery history")?;
        let more = page.next_cursor.is_some() && page.items.len() >= limit as usize;
        (page.items, more)
    };
    // Newest first, whatever order the server used.
    logs.sort_by_key(|l| std::cmp::Reverse(l.created_at));

    if args.follow {
        return follow(ctx, &api, &webhook.id, query, logs, args.interval).await;
    }

    let out = &ctx.out;
    if out.json {
        let values: Vec<Value> = logs.iter().map(log_json).collect();
        out.json(&values)?;
    } else if !logs.is_empty() {
        let mut table = out.table(&["TIME", "EVENT", "STATUS", "DURATION", "OK", "LOG ID"]);
        for log in &logs {
            let row = Row::of(log, out);
            table.add_row(vec![
                row.time,
                row.event,
                row.status,
                row.duration,
                row.ok,
                row.id,
            ]);
        }
        out.print_table(&table)?;
    }
    if logs.is_empty() {
        out.info(if filtered {
            "no deliveries match these filters"
        } else {
            "no deliveries yet"
        });
    } else if more {
        out.info(format!(
            "showing the newest {}; use --limit N or --all for more",
            logs.len()
        ));
    }
    Ok(())
}

/// The `filters` Studio applies for the list flags (all matched on the server).
fn filters(ctx: &Ctx, args: &Args) -> Result<Vec<Filter>> {
    let mut filters = Vec::new();
    if args.failed {
        filters.push(Filter::new("success", Value::Bool(false)));
    }
    if let Some(event) = args
        .event
        .as_deref()
        .map(str::trim)
        .filter(|e| !e.is_empty())
    {
        warn_unknown_event(&ctx.out, event);
        filters.push(Filter::new("event", event));
    }
    if let Some(resource) = args
        .resource
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
    {
        // Studio's ILIKE over the raw body: escaped, so the id matches as typed.
        filters.push(Filter::contains("resourceId", resource));
    }
    if let Some(status) = args.status {
        filters.push(Filter::new("statusCode", status));
    }
    if let Some(since) = &args.since {
        filters.push(Filter::created_since(parse_since(since, output::now_ms())?));
    }
    Ok(filters)
}

/// One table row, sanitized and formatted.
struct Row {
    time: String,
    event: String,
    status: String,
    duration: String,
    ok: String,
    id: String,
}

impl Row {
    fn of(log: &WebhookLog, out: &Out) -> Row {
        let paint = out.paint();
        Row {
            time: output::local_time(log.created_at),
            event: sanitize(&log.event).into_owned(),
            status: log
                .response
                .as_ref()
                .and_then(|r| r.status)
                .map_or_else(|| "-".to_owned(), |s| s.to_string()),
            duration: format!("{} ms", duration_ms(log.duration)),
            ok: if log.success {
                paint.green("✔")
            } else {
                paint.red("✗")
            },
            id: sanitize(&log.id).into_owned(),
        }
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

/// JSON pretty-printed, anything else as it is; always safe for a terminal.
fn pretty_body(text: &str) -> String {
    let pretty = serde_json::from_str::<Value>(text)
        .ok()
        .and_then(|v| serde_json::to_string_pretty(&v).ok())
        .unwrap_or_else(|| text.to_owned());
    sanitize_multiline(&pretty).into_owned()
}

/// The full id of the delivery `arg` names: a full id as typed, or the one id among all the
/// webhook's deliveries (every page) that starts with `arg` (case-insensitive).
/// Exit 4 when none does, exit 2 when several do (they are listed).
pub async fn resolve_log(api: &Client, webhook_id: &str, arg: &str) -> Result<String> {
    let wanted = arg.trim();
    if wanted.is_empty() {
        return Err(usage("a LOG_ID cannot be empty")
            .hint(format!(
                "run 'lpwh logs {}' to see its deliveries and their ids",
                sanitize(webhook_id)
            ))
            .into());
    }
    if looks_like_uuid(wanted) {
        return Ok(wanted.to_owned());
    }
    let all = api
        .list_all_logs(webhook_id, &ListQuery::default(), None)
        .await
        .context("listing deliveries to resolve a LOG_ID prefix")?;
    let mut matches = by_id_prefix(&all, wanted, |l: &WebhookLog| &l.id);
    matches.sort_by_key(|l| std::cmp::Reverse(l.created_at));
    match matches.as_slice() {
        [] => Err(log_not_found(webhook_id, wanted).into()),
        [one] => Ok(one.id.clone()),
        many => {
            let lines = many.iter().map(|log| {
                format!(
                    "{}  {}  {}",
                    sanitize(&log.id),
                    output::local_time(log.created_at),
                    sanitize(&log.event)
                )
            });
            Err(ambiguous_prefix(wanted, "deliveries", many.len(), lines)
                .hint("type more characters of the LOG_ID, or the whole id")
                .into())
        }
    }
}

/// Studio's answer for a log id the webhook does not have: 404, or 400 "mismatch" for another
/// webhook's log.
fn is_unknown_log(err: &ApiError) -> bool {
    matches!(err.status(), Some(404) | Some(400))
}

/// An API error about one delivery: "no such delivery" (exit 4) when Studio does not know it for
/// this webhook, else the error with what was being done.
pub fn log_error(err: ApiError, webhook_id: &str, log_id: &str, doing: &str) -> anyhow::Error {
    if is_unknown_log(&err) {
        anyhow::Error::new(log_not_found(webhook_id, log_id))
    } else {
        anyhow::Error::new(err).context(doing.to_owned())
    }
}

/// `GET /webhook/{id}/log/{logId}`, with [`log_error`]'s errors.
pub async fn read_log(api: &Client, webhook_id: &str, log_id: &str) -> Result<WebhookLog> {
    api.get_log(webhook_id, log_id)
        .await
        .map_err(|err| log_error(err, webhook_id, log_id, "reading the delivery"))
}

/// The error for a delivery the webhook does not have, wherever a LOG_ID is looked up.
fn log_not_found(webhook_id: &str, log_id: &str) -> Failure {
    Failure::not_found(format!(
        "no delivery '{}' for webhook {}",
        sanitize(log_id),
        sanitize(webhook_id)
    ))
    .hint(format!(
        "run 'lpwh logs {}' to see its deliveries",
        sanitize(webhook_id)
    ))
}

async fn show_one(ctx: &Ctx, api: &Client, webhook_id: &str, log_id: &str) -> Result<()> {
    let log = read_log(api, webhook_id, log_id).await?;
    let out = &ctx.out;
    if out.json {
        out.json(&log_json(&log))?;
    } else {
        print_log(out, &log)?;
    }
    Ok(())
}

/// The summary lines of a log (also what `lpwh resend` prints).
pub fn print_summary(out: &Out, log: &WebhookLog) -> std::io::Result<()> {
    let paint = out.paint();
    let now = output::now_ms();
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
                output::local_time(log.created_at),
                output::relative_time(log.created_at, now)
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

fn print_log(out: &Out, log: &WebhookLog) -> std::io::Result<()> {
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
            out.line(indent(&pretty_body(&request.body)))?;
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
                    Some(body) => out.line(indent(&pretty_body(&body)))?,
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

/// Print what is there (oldest first, like `tail -f`), then poll for new entries until Ctrl-C.
async fn follow(
    ctx: &Ctx,
    api: &Client,
    webhook_id: &str,
    query: ListQuery,
    mut initial: Vec<WebhookLog>,
    interval: f64,
) -> Result<()> {
    let out = &ctx.out;
    // Only deliveries newer than what is shown now may print as new. A poll reads more rows
    // than `--limit` showed, and those older rows are not new; ids at the newest shown time
    // are remembered, since several deliveries can share a millisecond.
    let newest_shown = initial.iter().map(|l| l.created_at).max();
    let mut seen: HashSet<String> = initial.iter().map(|l| l.id.clone()).collect();
    initial.reverse();
    if !out.json {
        out.line(out.paint().bold(format!(
            "{:<19}  {:<26}  {:>6}  {:>8}  {:<2}  {}",
            "TIME", "EVENT", "STATUS", "DURATION", "OK", "LOG ID"
        )))?;
    }
    for log in &initial {
        follow_line(out, log)?;
    }
    out.info(format!(
        "following new deliveries every {interval}s; Ctrl-C to stop"
    ));
    let query = ListQuery {
        limit: Some(FOLLOW_PAGE),
        ..query
    };
    let mut warned = false;
    loop {
        tokio::time::sleep(Duration::from_secs_f64(interval)).await;
        let page = match api.list_logs(webhook_id, &query).await {
            Ok(page) => page,
            Err(err) if transient(&err) => {
                if !warned {
                    out.warn(format!("polling failed, retrying: {err}"));
                    warned = true;
                }
                continue;
            }
            Err(err) => return Err(err).context("polling the delivery history"),
        };
        warned = false;
        let mut fresh: Vec<WebhookLog> = page
            .items
            .into_iter()
            .filter(|l| newest_shown.is_none_or(|t| l.created_at >= t) && !seen.contains(&l.id))
            .collect();
        fresh.sort_by_key(|l| l.created_at);
        for log in fresh {
            follow_line(out, &log)?;
            seen.insert(log.id);
        }
    }
}

/// Network trouble and server errors are worth riding out while following; a refused key is not.
fn transient(err: &ApiError) -> bool {
    match err {
        ApiError::Transport { .. } => true,
        ApiError::Status { status, .. } => *status >= 500 || *status == 429,
        ApiError::Decode { .. } => false,
    }
}

fn follow_line(out: &Out, log: &WebhookLog) -> std::io::Result<()> {
    if out.json {
        return out.json_line(&log_json(log));
    }
    let row = Row::of(log, out);
    out.line(format!(
        "{:<19}  {:<26}  {:>6}  {:>8}  {:<2}  {}",
        row.time, row.event, row.status, row.duration, row.ok, row.id
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn response_bodies_are_decoded_and_made_safe() {
        assert_eq!(decode_body("b2s=").as_deref(), Some("ok"));
        assert_eq!(decode_body("not base64!"), None);
        let hostile = base64::engine::general_purpose::STANDARD.encode("a\u{1b}[2Jb");
        let shown = pretty_body(&decode_body(&hostile).unwrap());
        assert!(!shown.contains('\u{1b}'), "{shown:?}");
        assert_eq!(pretty_body("{\"a\":1}"), "{\n  \"a\": 1\n}");
    }

    #[test]
    fn durations_are_milliseconds() {
        assert_eq!(duration_ms(0.153), 153);
        assert_eq!(duration_ms(-1.0), 0);
        assert_eq!(duration_ms(f64::NAN), 0);
    }
}
