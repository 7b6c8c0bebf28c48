//! `lpwh health`: how deliveries went, per webhook, over a window, from Studio's delivery logs.
//!
//! Each webhook's logs are read newest first with `createdAt >= start` and streamed through a
//! [`Tally`]; paging stops at the window's start. Worst webhooks (lowest event success rate)
//! come first. `--fail-under PCT` makes the command a cron or CI alarm.

use std::ops::ControlFlow;

use anyhow::{Context, Result};
use serde::Serialize;

use crate::api::{Client, Filter, ListQuery, MAX_PAGE_SIZE, Webhook};
use crate::context::Ctx;
use crate::error::Failure;
use crate::health::{Figures, Tally, Window, sparkline};
use crate::humane;
use crate::output::sanitize;
use crate::webhook::resolve::{Caller, resolve};

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
    lpwh health\n  \
    lpwh health 3f0c --since 7d\n  \
    lpwh health --since 1h --fail-under 99      (exit 1 naming each webhook below 99%)\n  \
    lpwh health --json | jq '.[] | {name: .webhook.name, successRate}'")]
pub struct Args {
    /// Webhooks to look at: ids or unique prefixes (default: every webhook)
    #[arg(value_name = "ID", add = crate::complete::webhook_id())]
    pub ids: Vec<String>,

    /// The window: an age (30m, 24h, 7d) or an RFC 3339 time
    #[arg(long, value_name = "AGE|TIME", default_value = "24h")]
    pub since: String,

    /// Exit 1 when a webhook's event success rate in the window is below PCT (0-100)
    #[arg(long, value_name = "PCT", value_parser = parse_pct)]
    pub fail_under: Option<f64>,
}

fn parse_pct(text: &str) -> Result<f64, String> {
    let pct: f64 = text
        .trim()
        .trim_end_matches('%')
        .parse()
        .map_err(|_| format!("'{text}' is not a percentage (e.g. 99 or 99.5)"))?;
    if (0.0..=100.0).contains(&pct) {
        Ok(pct)
    } else {
        Err(format!("{text} is outside 0-100"))
    }
}

/// One webhook's report (the `--json` output is an array of these, worst first).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Report {
    webhook: Named,
    since: i64,
    until: i64,
    /// Below `--fail-under`.
    #[serde(skip_serializing_if = "Option::is_none")]
    below_threshold: Option<bool>,
    #[serde(flatten)]
    figures: Figures,
}

#[derive(Serialize)]
struct Named {
    id: String,
    name: String,
    url: String,
}

pub async fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let now = humane::now_ms();
    let start = humane::since(&args.since, now)?;
    let window = Window {
        start_ms: start.min(now),
        end_ms: now,
    };
    let api = ctx.api()?;

    let webhooks = if args.ids.is_empty() {
        api.list_all_webhooks(&ListQuery::default(), None)
            .await
            .context("listing webhooks")?
    } else {
        let mut found: Vec<Webhook> = Vec::new();
        for id in &args.ids {
            let w = resolve(&api, id).await?;
            if !found.iter().any(|f| f.id == w.id) {
                found.push(w);
            }
        }
        found
    };
    if webhooks.is_empty() {
        ctx.out
            .info("no webhooks yet: 'lpwh create' makes one, and health then reads its deliveries");
        return finish(ctx, Vec::new(), args.fail_under);
    }

    // An admin reads another account's logs only with allUsers=true: ask whose key this is
    // once, and only when a webhook named on the command line is someone's.
    let caller = Caller::ask_if(
        &api,
        !args.ids.is_empty() && webhooks.iter().any(|w| w.owner().is_some()),
    )
    .await;

    let mut reports = Vec::with_capacity(webhooks.len());
    for w in webhooks {
        let figures = tally(&api, &w, window, caller.reads_others(&w)).await?;
        reports.push(Report {
            below_threshold: args
                .fail_under
                .map(|pct| figures.success_rate.is_some_and(|rate| rate < pct)),
            webhook: Named {
                id: w.id,
                name: w.name,
                url: w.url,
            },
            since: window.start_ms,
            until: window.end_ms,
            figures,
        });
    }
    // Worst first: the lowest event success rate, then the most failed attempts; webhooks
    // without deliveries in the window last.
    reports.sort_by(|a, b| {
        let rate = |r: &Report| r.figures.success_rate.unwrap_or(f64::INFINITY);
        rate(a)
            .total_cmp(&rate(b))
            .then(b.figures.failed_attempts.cmp(&a.figures.failed_attempts))
    });
    finish(ctx, reports, args.fail_under)
}

/// One webhook's logs in the window, streamed through a [`Tally`].
async fn tally(api: &Client, w: &Webhook, window: Window, all_users: bool) -> Result<Figures> {
    let query = ListQuery {
        limit: Some(MAX_PAGE_SIZE),
        order: Some("createdAt-true".to_owned()),
        filters: vec![Filter::created_since(window.start_ms)],
        all_users,
        ..ListQuery::default()
    };
    let mut tally = Tally::new(window);
    api.for_each_log(&w.id, &query, |log| {
        if tally.add(&log) {
            ControlFlow::Continue(())
        } else {
            ControlFlow::Break(())
        }
    })
    .await
    .with_context(|| format!("reading the delivery history of {}", sanitize(&w.id)))?;
    Ok(tally.finish(&w.id))
}

fn finish(ctx: &Ctx, reports: Vec<Report>, fail_under: Option<f64>) -> Result<()> {
    if ctx.out.json {
        ctx.out.json(&reports)?;
    } else {
        print(ctx, &reports)?;
    }
    let below: Vec<String> = reports
        .iter()
        .filter(|r| r.below_threshold == Some(true))
        .map(|r| {
            format!(
                "{} ({})",
                sanitize(label(&r.webhook)),
                pct(r.figures.success_rate.unwrap_or(0.0))
            )
        })
        .collect();
    match fail_under {
        Some(threshold) if !below.is_empty() => Err(Failure::failure(format!(
            "{} of {} webhooks below {}: {}",
            below.len(),
            reports.len(),
            pct(threshold),
            below.join(", ")
        ))
        .into()),
        _ => Ok(()),
    }
}

fn label(w: &Named) -> &str {
    if w.name.is_empty() { &w.id } else { &w.name }
}

/// `99.5%`, `100%`: one decimal, none when whole.
fn pct(value: f64) -> String {
    let rounded = (value * 10.0).floor() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}%")
    } else {
        format!("{rounded:.1}%")
    }
}

/// `80 ms`, `1.2 s`.
fn ms(value: u32) -> String {
    if value < 1000 {
        format!("{value} ms")
    } else {
        format!("{:.1} s", f64::from(value) / 1000.0)
    }
}

fn print(ctx: &Ctx, reports: &[Report]) -> Result<()> {
    let out = &ctx.out;
    let paint = out.paint();
    let Some(first) = reports.first() else {
        return Ok(());
    };
    let now = first.until;
    let hours = Window {
        start_ms: first.since,
        end_ms: first.until,
    }
    .hours();
    out.line(paint.dim(format!(
        "Deliveries since {} ({}), worst first",
        humane::local_time(first.since),
        humane::relative_time(first.since, now)
    )))?;
    // The sparkline fits the terminal beside its 14-column label.
    let width = ratatui::crossterm::terminal::size()
        .map(|(cols, _)| usize::from(cols))
        .unwrap_or(80)
        .saturating_sub(16)
        .max(8);
    for r in reports {
        let f = &r.figures;
        let mark = match (f.success_rate, r.below_threshold) {
            (None, _) => paint.dim("·"),
            (_, Some(true)) => paint.red("✗"),
            (Some(rate), _) if rate >= 100.0 && f.failed_attempts == 0 => paint.green("✔"),
            _ => paint.yellow("!"),
        };
        out.line("")?;
        out.line(format!(
            "{mark} {}  {}  {}",
            paint.bold(sanitize(label(&r.webhook))),
            sanitize(&r.webhook.id),
            paint.dim(sanitize(&r.webhook.url))
        ))?;
        let Some(rate) = f.success_rate else {
            out.line(format!("  {:<14}none in the window", "deliveries"))?;
            continue;
        };
        out.line(format!(
            "  {:<14}{} events, {} succeeded   {} attempts, {} failed",
            "deliveries",
            f.events,
            pct(rate),
            f.attempts,
            pct(f.attempt_failure_rate.unwrap_or(0.0)),
        ))?;
        if !f.failures.is_empty() {
            let causes: Vec<String> = f
                .failures
                .iter()
                .map(|c| format!("{} ×{}", c.failure, c.count))
                .collect();
            out.line(format!("  {:<14}{}", "failures", causes.join(" · ")))?;
        }
        if let Some(d) = f.duration_ms {
            out.line(format!(
                "  {:<14}p50 {} · p95 {} · max {}",
                "duration",
                ms(d.p50),
                ms(d.p95),
                ms(d.max)
            ))?;
        }
        if let Some(last) = &f.last_failure {
            let answer = if last.answer.is_empty() {
                String::new()
            } else {
                format!(": {}", sanitize(&last.answer))
            };
            out.line(format!(
                "  {:<14}{} ({}) {}{answer}",
                "last failure",
                humane::local_time(last.at),
                humane::relative_time(last.at, now),
                paint.red(&last.failure),
            ))?;
        }
        let (line, per_mark) = sparkline(&f.hourly, width);
        let scale = if per_mark == 1 {
            "1 h per mark".to_owned()
        } else {
            format!("{per_mark} h per mark")
        };
        out.line(format!(
            "  {:<14}{line}  {}",
            "failed/hour",
            paint.dim(format!("{hours} h, {scale}, now at the right"))
        ))?;
        for hint in &f.hints {
            out.line(format!("  {:<14}{}", "hint", paint.yellow(sanitize(hint))))?;
        }
    }
    Ok(())
}
