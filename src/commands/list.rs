//! `lpwh list`: the user's webhooks as a table or one JSON array.

use anyhow::{Context, Result};

use crate::api::{Filter, ListQuery, Webhook};
use crate::context::Ctx;
use crate::error::usage;

use crate::output::sanitize;
use crate::redacted::mask;

use crate::api::MAX_PAGE_SIZE;
use crate::webhook::input::warn_unknown_event;
use crate::webhook::render::{compact_events, failure_short, triggered_short};

/// Studio's page size when none is asked for.
const DEFAULT_LIMIT: u32 = 20;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
    lpwh list --all\n  \
    lpwh list --name prod --event asset.ready\n  \
    lpwh list --url ngrok --since 7d\n  \
    lpwh list --order createdAt-desc --json | jq '.[].id'")]
pub struct Args {
    /// Every webhook, following all pages
    #[arg(long, conflicts_with = "limit")]
    pub all: bool,

    /// At most this many webhooks [default: 20]
    #[arg(long, short = 'n', value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub limit: Option<u32>,

    /// Only webhooks whose name contains this (case-insensitive)
    #[arg(long, value_name = "SUBSTR")]
    pub name: Option<String>,

    /// Only webhooks whose URL contains this (checked here: Studio matches URLs exactly)
    #[arg(long, value_name = "SUBSTR")]
    pub url: Option<String>,

    /// Only webhooks created since this age (10m, 2h, 7d) or RFC 3339 time
    #[arg(long, value_name = "AGE|TIME")]
    pub since: Option<String>,

    /// Only webhooks subscribed to this event
    #[arg(long, value_name = "EVENT", value_parser = crate::events::EventName, hide_possible_values = true)]
    pub event: Option<String>,

    /// Sort order: FIELD-asc or FIELD-desc, e.g. createdAt-desc [default: by id]
    #[arg(long, value_name = "FIELD-asc|desc")]
    pub order: Option<String>,

    /// Show secrets unmasked (a SECRET column; unmasked in --json)
    #[arg(long)]
    pub show_secrets: bool,

    /// With an admin's key: include deleted webhooks, marked deleted (Studio returns them only
    /// when asked)
    #[arg(long)]
    pub deleted: bool,
}

/// `createdAt-desc` → Studio's `createdAt-true`; Studio's own form passes through.
pub fn studio_order(input: &str) -> Result<String> {
    let bad = || {
        usage(format!(
            "--order '{}' is not FIELD-asc or FIELD-desc",
            sanitize(input)
        ))
        .hint("for example --order createdAt-desc or --order name-asc")
    };
    let (field, direction) = input.rsplit_once('-').ok_or_else(bad)?;
    if field.is_empty() || !field.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(bad().into());
    }
    let descending = match direction.to_ascii_lowercase().as_str() {
        "desc" | "true" => true,
        "asc" | "false" => false,
        _ => return Err(bad().into()),
    };
    Ok(format!("{field}-{descending}"))
}

pub async fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let out = &ctx.out;
    let order = args.order.as_deref().map(studio_order).transpose()?;
    let mut filters = Vec::new();
    if let Some(name) = args.name.as_deref().filter(|s| !s.is_empty()) {
        // Studio's ILIKE: escaped, so `%` and `_` in a name match themselves.
        filters.push(Filter::contains("name", name));
    }
    if let Some(since) = &args.since {
        filters.push(Filter::created_since(crate::humane::since(
            since,
            crate::humane::now_ms(),
        )?));
    }
    // Studio matches `url` exactly, so the documented substring match is done here.
    let url = args.url.as_deref().filter(|s| !s.is_empty());
    let event = args
        .event
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    if let Some(event) = event {
        warn_unknown_event(out, event);
    }
    let api = ctx.api()?;

    let wanted = args.limit.unwrap_or(DEFAULT_LIMIT) as usize;
    let mut more = false;
    let local_filter = event.is_some() || url.is_some();
    let mut webhooks: Vec<Webhook> = if args.all || local_filter || wanted > MAX_PAGE_SIZE as usize
    {
        // Studio cannot filter on events, nor on a part of a URL: with --event or --url every
        // page is read and filtered here.
        let query = ListQuery {
            limit: Some(MAX_PAGE_SIZE),
            order,
            filters,
            deleted: args.deleted,
            ..ListQuery::default()
        };
        let max = (!args.all && !local_filter).then_some(wanted);
        let mut all = api
            .list_all_webhooks(&query, max)
            .await
            .context("listing webhooks")?;
        if local_filter {
            all.retain(|w| {
                event.is_none_or(|event| w.events.iter().any(|e| e == event))
                    && url.is_none_or(|url| w.url.contains(url))
            });
            if !args.all && all.len() > wanted {
                all.truncate(wanted);
                more = true;
            }
        }
        all
    } else {
        let query = ListQuery {
            limit: Some(wanted as u32),
            order,
            filters,
            deleted: args.deleted,
            ..ListQuery::default()
        };
        let page = api
            .list_webhooks(&query)
            .await
            .context("listing webhooks")?;
        more = page.next_cursor.is_some() && page.items.len() >= wanted;
        page.items
    };

    if out.json {
        // Mask in place and serialize the structs directly: the same JSON as `webhook_json`,
        // without a second copy of every webhook (10,000 of them with --all).
        if !args.show_secrets {
            for w in &mut webhooks {
                if let Some(secret) = w.shared_secret.as_mut() {
                    *secret = mask(secret);
                }
            }
        }
        out.json(&webhooks)?;
    } else if !webhooks.is_empty() {
        print_table(ctx, &webhooks, args.show_secrets)?;
    }

    if webhooks.is_empty() {
        let filtered =
            args.name.is_some() || url.is_some() || event.is_some() || args.since.is_some();
        out.info(if filtered {
            "no webhooks match these filters"
        } else {
            "no webhooks yet; create one with 'lpwh create'"
        });
    } else if more {
        out.info(format!(
            "showing the first {}; use --all or --limit N for more",
            webhooks.len()
        ));
    }
    Ok(())
}

/// The table for people; `--show-secrets` adds a SECRET column.
fn print_table(ctx: &Ctx, webhooks: &[Webhook], show_secrets: bool) -> Result<()> {
    let out = &ctx.out;
    let now = crate::humane::now_ms();
    let paint = out.paint();
    let mut headers = vec![
        "ID",
        "NAME",
        "URL",
        "EVENTS",
        "LAST TRIGGERED",
        "LAST FAILURE",
    ];
    if show_secrets {
        headers.push("SECRET");
    }
    let mut table = out.table(&headers);
    for w in webhooks {
        let failure = failure_short(w, now);
        let name = if w.deleted {
            format!("{} {}", sanitize(&w.name), paint.red("(deleted)"))
        } else {
            sanitize(&w.name).into_owned()
        };
        let mut row = vec![
            sanitize(&w.id).into_owned(),
            name,
            sanitize(&w.url).into_owned(),
            compact_events(&w.events),
            triggered_short(w, now),
            if failure == "-" {
                failure
            } else {
                paint.red(failure)
            },
        ];
        if show_secrets {
            row.push(
                w.shared_secret
                    .as_deref()
                    .map_or_else(|| "-".to_owned(), |s| sanitize(s).into_owned()),
            );
        }
        table.add_row(row);
    }
    out.print_table(&table)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_is_translated_to_studios_syntax() {
        assert_eq!(studio_order("createdAt-desc").unwrap(), "createdAt-true");
        assert_eq!(studio_order("name-asc").unwrap(), "name-false");
        assert_eq!(studio_order("createdAt-true").unwrap(), "createdAt-true");
        assert!(studio_order("createdAt").is_err());
        assert!(studio_order("-desc").is_err());
        assert!(studio_order("name-sideways").is_err());
        assert!(studio_order("a,b-desc").is_err());
    }
}
