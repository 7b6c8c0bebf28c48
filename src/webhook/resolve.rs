//! Turning what the user typed into a Studio object: a webhook from its id or a unique prefix
//! of it ([`Resolver`], [`resolve`]), and a delivery log from its id or prefix
//! ([`resolve_log`]), with errors that list the candidates.

use anyhow::{Context, Result};

use crate::api::{ApiError, Client, ListQuery, MAX_PAGE_SIZE, Webhook, WebhookLog};
use crate::error::{Failure, usage};
use crate::output::sanitize;

/// How many candidates an "ambiguous prefix" error lists before summarising the rest.
const MAX_CANDIDATES: usize = 10;

/// Turns what the user typed (a full id or a unique prefix) into a webhook. Lists all webhooks
/// at most once, however many prefixes a command resolves (`lpwh delete a1 b2 c3`).
pub struct Resolver<'a> {
    api: &'a Client,
    all: Option<Vec<Webhook>>,
}

impl<'a> Resolver<'a> {
    pub fn new(api: &'a Client) -> Self {
        Resolver { api, all: None }
    }

    /// The webhook `arg` names: exit 4 when none matches, exit 2 when a prefix is ambiguous.
    pub async fn resolve(&mut self, arg: &str) -> Result<Webhook> {
        let wanted = arg.trim();
        if wanted.is_empty() {
            return Err(usage("a webhook id cannot be empty")
                .hint("run 'lpwh list' to see your webhooks and their ids")
                .into());
        }
        // A full UUID is almost always exact: one cheap GET instead of listing everything.
        if looks_like_uuid(wanted) {
            match self.api.get_webhook(wanted).await {
                Ok(webhook) => return Ok(webhook),
                Err(err) if err.status() == Some(404) => return Err(not_found(wanted).into()),
                Err(err) => return Err(err).context(format!("looking up webhook {wanted}")),
            }
        }
        let all = self.all().await?;
        match by_id_prefix(all, wanted, |w| &w.id).as_slice() {
            [] => Err(not_found(wanted).into()),
            [one] => Ok((*one).clone()),
            many => Err(ambiguous(wanted, many).into()),
        }
    }

    async fn all(&mut self) -> Result<&[Webhook]> {
        if self.all.is_none() {
            let query = ListQuery {
                limit: Some(MAX_PAGE_SIZE),
                ..ListQuery::default()
            };
            let all = self
                .api
                .list_all_webhooks(&query, None)
                .await
                .context("listing webhooks to resolve an id prefix")?;
            self.all = Some(all);
        }
        Ok(self.all.as_deref().unwrap_or_default())
    }
}

/// Whose key this is (`GET /user/me`), asked at most once and only when it matters. With an
/// admin's key Studio answers another account's webhook log only with `allUsers=true`
/// (studio-api.md, "Admin keys"); [`Caller::reads_others`] says when to ask for it.
pub struct Caller(Option<crate::api::User>);

impl Caller {
    /// Ask when `needed` (e.g. a webhook named on the command line has an owner); a failed
    /// question reads as "not an admin": the logs are then asked for as before.
    pub async fn ask_if(api: &Client, needed: bool) -> Caller {
        Caller(if needed { api.me().await.ok() } else { None })
    }

    /// The key is an admin's and `w` is another account's.
    pub fn reads_others(&self, w: &Webhook) -> bool {
        self.0
            .as_ref()
            .is_some_and(|me| me.admin && w.owner().is_some_and(|o| o != me.id))
    }
}

/// Resolve one id or prefix (see [`Resolver`]).
pub async fn resolve(api: &Client, arg: &str) -> Result<Webhook> {
    Resolver::new(api).resolve(arg).await
}

/// `lpwh get`'s error for an id nobody has: the same wording wherever an id is looked up.
pub fn not_found(id: &str) -> Failure {
    Failure::not_found(format!("no webhook with id '{}'", sanitize(id)))
        .hint("run 'lpwh list' to see your webhooks and their ids")
}

/// True when an API error means "this webhook does not exist (for this key)".
pub fn is_not_found(err: &ApiError) -> bool {
    err.status() == Some(404)
}

fn ambiguous(arg: &str, matches: &[&Webhook]) -> Failure {
    let shown = &matches[..matches.len().min(MAX_CANDIDATES)];
    let width = shown
        .iter()
        .map(|w| sanitize(&w.name).chars().count())
        .max()
        .unwrap_or(0);
    let lines = shown.iter().map(|w| {
        format!(
            "{}  {:<width$}  {}",
            sanitize(&w.id),
            sanitize(&w.name),
            sanitize(&w.url)
        )
    });
    ambiguous_prefix(arg, "webhooks", matches.len(), lines)
        .hint("type more characters of the id, or the whole id")
}

/// What an id prefix names among `items`: the item whose id is `wanted` exactly, else every item
/// whose id starts with it (both ignoring ASCII case).
pub fn by_id_prefix<'a, T>(items: &'a [T], wanted: &str, id: impl Fn(&T) -> &str) -> Vec<&'a T> {
    if let Some(exact) = items.iter().find(|i| id(i).eq_ignore_ascii_case(wanted)) {
        return vec![exact];
    }
    let needle = wanted.to_ascii_lowercase();
    items
        .iter()
        .filter(|i| id(i).to_ascii_lowercase().starts_with(&needle))
        .collect()
}

/// The usage error (exit 2) for a prefix matching `total` things of kind `noun`: the first
/// [`MAX_CANDIDATES`] of `lines` (one per candidate, already sanitized), then how many more.
/// The caller adds the hint.
pub fn ambiguous_prefix(
    arg: &str,
    noun: &str,
    total: usize,
    lines: impl IntoIterator<Item = String>,
) -> Failure {
    let mut message = format!("'{}' matches {total} {noun}:", sanitize(arg));
    for line in lines.into_iter().take(MAX_CANDIDATES) {
        message.push_str("\n  ");
        message.push_str(&line);
    }
    if total > MAX_CANDIDATES {
        message.push_str(&format!("\n  ... and {} more", total - MAX_CANDIDATES));
    }
    usage(message)
}

/// A full Studio id (a UUID), as opposed to a prefix of one.
pub fn looks_like_uuid(s: &str) -> bool {
    s.len() == 36 && uuid::Uuid::try_parse(s).is_ok()
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
                    crate::humane::local_time(log.created_at),
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
