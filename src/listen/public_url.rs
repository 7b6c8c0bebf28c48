//! The temporary Studio webhook of `--public-url` and `--tunnel`, pointing at the tunnel, signed
//! with `--secret`'s or the profile's development secret, and deleted on every way out; and
//! finding the leftovers of runs that could not clean up.

use anyhow::{Context as _, Result};

use crate::api::{Client, ListQuery, NewWebhook, Webhook};
use crate::context::Ctx;
use crate::events::LIVEPEER_EVENTS;
use crate::events::glob_match;
use crate::redacted::Secret;

/// The temporary webhook this run created.
#[derive(Debug)]
pub struct Temporary {
    pub webhook: Webhook,
    pub secret: Secret,
}

/// The prefix every temporary webhook of this machine carries.
pub fn name_prefix(host: &str) -> String {
    format!("lpwh-listen-{host}-")
}

/// This machine's name, reduced to characters safe in a webhook name.
pub fn hostname() -> String {
    let raw = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .unwrap_or_default();
    let clean: String = raw
        .trim()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    if clean.is_empty() {
        "localhost".into()
    } else {
        clean
    }
}

/// The events to subscribe to: those matching `globs`, or all except the access-control gate
/// (which Studio does not deliver through webhooks' event subscriptions).
pub fn subscribed_events(globs: &[String]) -> Vec<String> {
    LIVEPEER_EVENTS
        .iter()
        .map(|e| e.name)
        .filter(|name| {
            if globs.is_empty() {
                *name != "playback.accessControl"
            } else {
                globs.iter().any(|g| glob_match(g, name))
            }
        })
        .map(str::to_owned)
        .collect()
}

/// Webhooks left behind by earlier runs on this machine (a crash, a killed terminal).
pub async fn leftovers(api: &Client, host: &str) -> Result<Vec<Webhook>> {
    let prefix = name_prefix(host);
    let query = ListQuery {
        limit: Some(1000),
        filters: vec![crate::api::Filter {
            id: "name".into(),
            value: serde_json::Value::String(prefix.clone()),
        }],
        ..ListQuery::default()
    };
    let all = api
        .list_all_webhooks(&query, Some(10_000))
        .await
        .context("looking for leftover temporary webhooks")?;
    // Studio's name filter is a case-insensitive substring match; keep exact prefixes only.
    Ok(all
        .into_iter()
        .filter(|w| w.name.starts_with(&prefix))
        .collect())
}

/// Offer to delete leftovers: a prompt on a terminal, a warning with the command otherwise.
pub async fn offer_cleanup(ctx: &Ctx, api: &Client, host: &str) -> Result<()> {
    let found = leftovers(api, host).await?;
    if found.is_empty() {
        return Ok(());
    }
    let names: Vec<String> = found
        .iter()
        .map(|w| format!("{} ({})", w.name, w.id))
        .collect();
    let ids: Vec<String> = found.iter().map(|w| w.id.clone()).collect();
    if ctx.interactive {
        let question = format!(
            "found {} temporary webhook(s) left by an earlier 'lpwh listen': {}. Delete them?",
            found.len(),
            names.join(", ")
        );
        let yes = tokio::task::spawn_blocking(move || {
            dialoguer::Confirm::new()
                .with_prompt(question)
                .default(true)
                .interact()
        })
        .await??;
        if yes {
            for id in &ids {
                match api.delete_webhook(id).await {
                    Ok(()) => ctx.out.success(format!("deleted leftover webhook {id}")),
                    Err(err) => ctx.out.warn(format!("could not delete {id}: {err}")),
                }
            }
        }
    } else {
        ctx.out.warn(format!(
            "{} temporary webhook(s) left by an earlier 'lpwh listen': {}; remove with: lpwh delete --yes {}",
            found.len(),
            names.join(", "),
            ids.join(" ")
        ));
    }
    Ok(())
}

/// Create the temporary webhook for `url`, signing with `secret` (known before the listener
/// starts, so it verifies with it from the first request: `--secret`'s, or the profile's
/// development secret).
pub async fn create(
    api: &Client,
    url: &str,
    events: Vec<String>,
    secret: Secret,
) -> Result<Temporary> {
    let host = hostname();
    let now = jiff::Timestamp::now().as_second();
    let webhook = api
        .create_webhook(&NewWebhook {
            name: format!("{}{now}", name_prefix(&host)),
            url: url.to_owned(),
            events,
            shared_secret: Some(secret.expose().to_owned()),
            stream_id: None,
        })
        .await
        .context("creating the temporary webhook")?;
    Ok(Temporary { webhook, secret })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_subscription_is_every_event_but_the_gate() {
        let all = subscribed_events(&[]);
        assert_eq!(all.len(), LIVEPEER_EVENTS.len() - 1);
        assert!(!all.iter().any(|e| e == "playback.accessControl"));
        assert_eq!(
            subscribed_events(&["asset.*".into()]),
            [
                "asset.created",
                "asset.updated",
                "asset.ready",
                "asset.failed",
                "asset.deleted"
            ]
        );
    }
}
