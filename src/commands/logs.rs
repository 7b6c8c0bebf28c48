//! `lpwh logs`: a webhook's delivery history (a table, or polled with `--follow`), or one
//! delivery in full with the receiver's answer decoded.

use std::collections::HashSet;
use std::time::Duration;

use anyhow::{Context, Result};
use serde_json::Value;

use crate::api::{ApiError, Client, Filter, ListQuery, WebhookLog};
use crate::context::Ctx;
use crate::error::usage;

use crate::output::{Out, sanitize};

use crate::webhook::input::warn_unknown_event;
use crate::webhook::render::{duration_ms, log_json, print_log};
use crate::webhook::resolve::{Caller, read_log, resolve, resolve_log};

/// Deliveries shown when `--limit` is not given.
const DEFAULT_LIMIT: u32 = 20;
/// One page of `query` (or every page with `all`): the logs, and whether more exist.
async fn fetch(
    api: &Client,
    webhook_id: &str,
    query: &ListQuery,
    all: bool,
    limit: u32,
) -> Result<(Vec<WebhookLog>, bool)> {
    if all {
        let query = ListQuery {
            limit: None,
            ..query.clone()
        };
        let logs = api
            .list_all_logs(webhook_id, &query, None)
            .await
            .context("reading the delivery history")?;
        return Ok((logs, false));
    }
    let page = api
        .list_logs(webhook_id, query)
        .await
        .context("reading the delivery history")?;
    let more = page.next_cursor.is_some() && page.items.len() >= limit as usize;
    Ok((page.items, more))
}

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
    #[arg(value_name = "ID", add = crate::complete::webhook_id())]
    pub id: String,

    /// Show this one delivery in full (request, body, response): its id, or a unique prefix of it
    #[arg(value_name = "LOG_ID")]
    pub log_id: Option<String>,

    /// Only failed deliveries
    #[arg(long, conflicts_with = "log_id")]
    pub failed: bool,

    /// Only deliveries of this event
    #[arg(long, value_name = "EVENT", conflicts_with = "log_id", value_parser = crate::events::EventName, hide_possible_values = true)]
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
    let mut query = ListQuery {
        limit: Some(limit),
        filters,
        ..ListQuery::default()
    };
    let (mut logs, mut more) = fetch(&api, &webhook.id, &query, args.all, limit).await?;
    // An admin reading another account's webhook sees no logs unless Studio is asked for every
    // account's (`allUsers=true`): who the key is (`GET /user/me`) is asked only when the list
    // comes back empty for a webhook that names its owner, the one case where it matters.
    if logs.is_empty()
        && let Some(owner) = webhook.owner()
        && Caller::ask_if(&api, true).await.reads_others(&webhook)
    {
        query.all_users = true;
        ctx.out.info(format!(
            "note: webhook {} belongs to another account (user {}): its logs are read with \
             allUsers=true, as an admin",
            sanitize(&webhook.id),
            sanitize(owner)
        ));
        (logs, more) = fetch(&api, &webhook.id, &query, args.all, limit).await?;
    }
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
        filters.push(Filter::created_since(crate::humane::since(
            since,
            crate::humane::now_ms(),
        )?));
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
            time: crate::humane::local_time(log.created_at),
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
    // Only deliveries newer than what is shown now may print as new. Several deliveries can
    // share a millisecond, so the ids at the newest time shown are remembered too.
    let mut shown = Watermark::of(&initial);
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
    let mut warned = false;
    loop {
        tokio::time::sleep(Duration::from_secs_f64(interval)).await;
        let fresh = match newer_than(api, webhook_id, &query, &shown).await {
            Ok(fresh) => fresh,
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
        if fresh.truncated {
            out.warn(format!(
                "more than {} deliveries arrived since the last poll: the oldest of them are \
                 not shown ('lpwh logs {webhook_id} --all' lists every one)",
                FOLLOW_PAGE as usize * FOLLOW_MAX_PAGES
            ));
        }
        let mut logs = fresh.logs;
        logs.sort_by_key(|l| l.created_at);
        for log in &logs {
            follow_line(out, log)?;
        }
        shown.advance(&logs);
    }
}

/// The most pages one `--follow` poll reads before it gives up on the oldest new rows.
const FOLLOW_MAX_PAGES: usize = 100;

/// The newest delivery time shown, and the ids shown at that time.
struct Watermark {
    at: Option<i64>,
    ids: HashSet<String>,
}

impl Watermark {
    fn of(logs: &[WebhookLog]) -> Watermark {
        let mut mark = Watermark {
            at: None,
            ids: HashSet::new(),
        };
        mark.advance(logs);
        mark
    }

    /// Whether `log` was not shown yet.
    fn is_new(&self, log: &WebhookLog) -> bool {
        match self.at {
            None => true,
            Some(at) => {
                log.created_at > at || (log.created_at == at && !self.ids.contains(&log.id))
            }
        }
    }

    fn advance(&mut self, logs: &[WebhookLog]) {
        let Some(newest) = logs.iter().map(|l| l.created_at).max() else {
            return;
        };
        if self.at.is_none_or(|at| newest > at) {
            self.at = Some(newest);
            self.ids.clear();
        }
        self.ids.extend(
            logs.iter()
                .filter(|l| Some(l.created_at) == self.at)
                .map(|l| l.id.clone()),
        );
    }
}

/// What one poll found.
struct Fresh {
    logs: Vec<WebhookLog>,
    /// More arrived than [`FOLLOW_MAX_PAGES`] pages hold.
    truncated: bool,
}

/// Every delivery newer than `shown`, however many arrived: page from the newest until a page
/// reaches one already shown (bounded by [`FOLLOW_MAX_PAGES`]).
async fn newer_than(
    api: &Client,
    webhook_id: &str,
    query: &ListQuery,
    shown: &Watermark,
) -> Result<Fresh, crate::api::ApiError> {
    let mut logs = Vec::new();
    let mut cursor = None;
    for _ in 0..FOLLOW_MAX_PAGES {
        let page_query = ListQuery {
            limit: Some(FOLLOW_PAGE),
            cursor: cursor.take(),
            ..query.clone()
        };
        let page = api.list_logs(webhook_id, &page_query).await?;
        let on_page = page.items.len();
        let new_here: Vec<WebhookLog> =
            page.items.into_iter().filter(|l| shown.is_new(l)).collect();
        // Newest first: a page with a row already shown (or a short, last page) is the end.
        let reached_shown = new_here.len() < on_page || on_page < FOLLOW_PAGE as usize;
        logs.extend(new_here);
        match page.next_cursor {
            Some(next) if !reached_shown => cursor = Some(next),
            _ => {
                return Ok(Fresh {
                    logs,
                    truncated: false,
                });
            }
        }
    }
    Ok(Fresh {
        logs,
        truncated: true,
    })
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
