//! `lpwh update`: change some fields of a webhook with a PATCH naming only those fields, so
//! everything else (the secret, the delivery `status`) stays as it was. `--clear-secret` is a
//! PATCH too (`sharedSecret: ""`). Only `--clear-stream` cannot be a PATCH: it replaces the whole
//! webhook with a PUT, which resets Studio's "last triggered" and "last failure", so lpwh says
//! so first (see [`crate::api::Client::clear_stream`]).

use anyhow::{Context, Result};

use crate::api::{Webhook, WebhookPatch};
use crate::context::Ctx;
use crate::error::{Failure, usage};
use crate::output::sanitize;
use crate::redacted::Secret;

use crate::prompt::{self as prompt, SecretChoice, ask};
use crate::webhook::input::{
    announce_secret, check_events, check_url, generate_secret, normalize_events,
    warn_if_unreachable,
};
use crate::webhook::render::{show_webhook, webhook_json};
use crate::webhook::resolve::resolve;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
    lpwh update 3f0c --name prod-assets\n  \
    lpwh update 3f0c --add-event asset.failed --remove-event asset.updated\n  \
    lpwh update 3f0c --rotate-secret\n  \
    lpwh update 3f0c            (on a terminal: edit every field, pre-filled)")]
pub struct Args {
    /// The webhook's id, or a unique prefix of it
    #[arg(value_name = "ID", add = crate::complete::webhook_id())]
    pub id: String,

    /// New name
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,

    /// New delivery URL
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,

    /// Replace the subscribed events (comma-separated or repeated)
    #[arg(long, short = 'e', value_name = "EVENT,...", value_delimiter = ',', num_args = 1,
          conflicts_with_all = ["add_event", "remove_event"],
          value_parser = crate::events::EventName, hide_possible_values = true)]
    pub events: Option<Vec<String>>,

    /// Subscribe to one more event (repeatable)
    #[arg(long, value_name = "EVENT", value_delimiter = ',', value_parser = crate::events::EventName, hide_possible_values = true)]
    pub add_event: Vec<String>,

    /// Unsubscribe from an event (repeatable)
    #[arg(long, value_name = "EVENT", value_delimiter = ',', value_parser = crate::events::EventName, hide_possible_values = true)]
    pub remove_event: Vec<String>,

    /// Set the signing secret
    #[arg(long, value_name = "SECRET", conflicts_with_all = ["rotate_secret", "clear_secret"])]
    pub secret: Option<Secret>,

    /// Replace the signing secret with a new random one, printed once
    #[arg(long, conflicts_with = "clear_secret")]
    pub rotate_secret: bool,

    /// Remove the signing secret (deliveries will not be signed)
    #[arg(long)]
    pub clear_secret: bool,

    /// Tie the webhook to this stream (Studio checks it exists; its sender today ignores it and
    /// fires for every stream of the account)
    #[arg(long, value_name = "ID", conflicts_with = "clear_stream")]
    pub stream_id: Option<String>,

    /// Remove the webhook's stream (resets Studio's last triggered/last failure)
    #[arg(long)]
    pub clear_stream: bool,

    /// Accept event names the catalog does not know
    #[arg(long)]
    pub allow_unknown_events: bool,

    /// Show the secret unmasked in the output
    #[arg(long)]
    pub show_secrets: bool,
}

impl Args {
    fn has_changes(&self) -> bool {
        self.name.is_some()
            || self.url.is_some()
            || self.events.is_some()
            || !self.add_event.is_empty()
            || !self.remove_event.is_empty()
            || self.secret.is_some()
            || self.rotate_secret
            || self.clear_secret
            || self.stream_id.is_some()
            || self.clear_stream
    }
}

pub async fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let out = &ctx.out;
    let wizard = !args.has_changes();
    if wizard && !ctx.interactive {
        return Err(usage("nothing to change")
            .hint(
                "name what to change: --name, --url, --events, --add-event, --remove-event, \
                 --secret, --rotate-secret, --clear-secret, --stream-id or --clear-stream",
            )
            .into());
    }
    // Flag errors first, before any request.
    if args.name.as_deref().is_some_and(|n| n.trim().is_empty()) {
        return Err(usage("--name cannot be empty").into());
    }
    if let Some(url) = &args.url {
        check_url(url)?;
    }
    let replace_events = args.events.as_deref().map(normalize_events);
    let add = normalize_events(&args.add_event);
    let remove = normalize_events(&args.remove_event);
    if let Some(events) = &replace_events {
        check_events(events, args.allow_unknown_events)?;
    }
    check_events(&add, args.allow_unknown_events)?;
    if args.secret.as_ref().is_some_and(Secret::is_empty) {
        return Err(usage("--secret cannot be empty")
            .hint("use --clear-secret to remove the secret")
            .into());
    }

    let api = ctx.api()?;
    let current = resolve(&api, &args.id).await?;

    let (change, new_secret) = if wizard {
        wizard_change(&current).await?
    } else {
        flags_change(
            ctx,
            &current,
            args.clone_changes(),
            replace_events,
            add,
            remove,
        )
    };

    if change.is_empty() {
        out.info("nothing changed");
        return show_webhook(out, &current, args.show_secrets);
    }
    let patch = &change.patch;
    if let Some(url) = &patch.url {
        warn_if_unreachable(out, &api, url, current.owner()).await;
    }
    if patch.events.as_ref().is_some_and(Vec::is_empty) {
        out.warn("the webhook now subscribes to no events, so it will never fire");
    }
    if change.clear_stream {
        confirm_status_reset(ctx, &current).await?;
    }

    let what = || format!("updating webhook {}", sanitize(&current.id));
    api.update_webhook(&current.id, patch)
        .await
        .with_context(what)?;
    if change.clear_stream {
        api.clear_stream(&current.id).await.with_context(what)?;
    }
    let updated = api
        .get_webhook(&current.id)
        .await
        .with_context(|| format!("reading webhook {} back", sanitize(&current.id)))?;
    out.success(format!("updated webhook {}", sanitize(&updated.id)));

    if let Some(secret) = new_secret {
        if out.json {
            let mut value = webhook_json(&updated, args.show_secrets);
            value["sharedSecret"] = serde_json::Value::String(secret);
            out.json(&value)?;
            out.info("the new signing secret is in the JSON output (sharedSecret); it is shown only this once");
            return Ok(());
        }
        announce_secret(out, &secret, "New signing secret");
        out.info("receivers verifying with the old secret will reject deliveries until they use the new one");
    }
    show_webhook(out, &updated, args.show_secrets)
}

/// The flag values that become the patch (split from `Args` so the patch builder is pure).
struct Changes {
    name: Option<String>,
    url: Option<String>,
    secret: Option<Secret>,
    rotate_secret: bool,
    clear_secret: bool,
    stream_id: Option<String>,
    clear_stream: bool,
}

impl Args {
    fn clone_changes(&self) -> Changes {
        Changes {
            name: self.name.as_ref().map(|n| n.trim().to_owned()),
            url: self.url.clone(),
            secret: self.secret.clone(),
            rotate_secret: self.rotate_secret,
            clear_secret: self.clear_secret,
            stream_id: self.stream_id.clone(),
            clear_stream: self.clear_stream,
        }
    }
}

/// What to change: the fields one PATCH sets, and whether to remove the stream (a PUT).
#[derive(Debug, Default, PartialEq)]
struct Change {
    patch: WebhookPatch,
    clear_stream: bool,
}

impl Change {
    fn is_empty(&self) -> bool {
        *self == Change::default()
    }
}

/// Removing the stream replaces the whole webhook, and Studio's PUT drops `status`. When there
/// is a history to lose: ask on a terminal, warn in scripts.
async fn confirm_status_reset(ctx: &Ctx, current: &Webhook) -> Result<()> {
    let has_status = current
        .status
        .as_ref()
        .is_some_and(|s| s.last_triggered_at.is_some() || s.last_failure.is_some());
    if !has_status {
        return Ok(());
    }
    let why = "removing the stream replaces the whole webhook (Studio has no partial update for it), \
               which resets its \"last triggered\" and \"last failure\"";
    if ctx.interactive {
        ctx.out.info(format!("note: {why}"));
        if !ask(|| prompt::confirm("Remove the stream anyway?".into(), false)).await? {
            return Err(Failure::failure("cancelled: nothing was changed").into());
        }
    } else {
        ctx.out.warn(why);
    }
    Ok(())
}

/// The change for flag mode, plus a generated secret to announce. Events named with
/// `--add-event`/`--remove-event` are applied to the current list.
fn flags_change(
    ctx: &Ctx,
    current: &Webhook,
    changes: Changes,
    replace_events: Option<Vec<String>>,
    add: Vec<String>,
    remove: Vec<String>,
) -> (Change, Option<String>) {
    let out = &ctx.out;
    let events = match replace_events {
        Some(events) => Some(events),
        None if add.is_empty() && remove.is_empty() => None,
        None => {
            for gone in remove.iter().filter(|r| !current.events.contains(r)) {
                out.warn(format!("not subscribed to '{}'", sanitize(gone)));
            }
            for dup in add.iter().filter(|a| current.events.contains(a)) {
                out.info(format!("already subscribed to '{}'", sanitize(dup)));
            }
            let new = edit_events(&current.events, &add, &remove);
            (new != current.events).then_some(new)
        }
    };
    let mut new_secret = None;
    let shared_secret = if let Some(secret) = changes.secret {
        Some(secret.expose().to_owned())
    } else if changes.rotate_secret {
        let secret = generate_secret();
        new_secret = Some(secret.clone());
        Some(secret)
    } else if changes.clear_secret {
        if current.shared_secret.is_none() {
            out.info("the webhook has no secret already");
            None
        } else {
            Some(String::new())
        }
    } else {
        None
    };
    let clear_stream = changes.clear_stream && current.stream_id.is_some();
    if changes.clear_stream && !clear_stream {
        out.info("the webhook already receives events about every stream");
    }
    let patch = WebhookPatch {
        name: changes.name,
        url: changes.url,
        events,
        shared_secret,
        stream_id: changes.stream_id,
    };
    (
        Change {
            patch,
            clear_stream,
        },
        new_secret,
    )
}

/// `current` plus `add` (appended in order) minus `remove`.
pub fn edit_events(current: &[String], add: &[String], remove: &[String]) -> Vec<String> {
    let mut events: Vec<String> = current.to_vec();
    for a in add {
        if !events.contains(a) {
            events.push(a.clone());
        }
    }
    events.retain(|e| !remove.contains(e));
    events
}

/// The multi-select lists events in catalog order: a reordering alone is no change.
fn same_set(a: &[String], b: &[String]) -> bool {
    a.len() == b.len() && a.iter().all(|x| b.contains(x))
}

/// Every field asked again, pre-filled; only what the user changed goes into the change.
async fn wizard_change(current: &Webhook) -> Result<(Change, Option<String>)> {
    let initial = current.name.clone();
    let name = ask(move || prompt::name(Some(&initial))).await?;
    let initial = current.url.clone();
    let url = ask(move || prompt::url(Some(&initial))).await?;
    let checked = current.events.clone();
    let events = ask(move || prompt::events(&checked)).await?;
    let initial = current.stream_id.clone();
    let stream_id = ask(move || prompt::stream_id(initial.as_deref())).await?;
    let has_secret = current.shared_secret.is_some();
    let secret = ask(move || prompt::secret(true, has_secret)).await?;

    let mut new_secret = None;
    let shared_secret = match secret {
        SecretChoice::Keep => None,
        SecretChoice::Generated(s) => {
            new_secret = Some(s.clone());
            Some(s)
        }
        SecretChoice::Typed(s) => Some(s),
        SecretChoice::None => has_secret.then(String::new),
    };
    let clear_stream = stream_id.is_none() && current.stream_id.is_some();
    let patch = WebhookPatch {
        name: (name != current.name).then_some(name),
        url: (url != current.url).then_some(url),
        events: (!same_set(&events, &current.events)).then_some(events),
        shared_secret,
        stream_id: stream_id.filter(|s| current.stream_id.as_deref() != Some(s)),
    };
    Ok((
        Change {
            patch,
            clear_stream,
        },
        new_secret,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn events_are_added_and_removed_in_place() {
        let current = strings(&["stream.started", "stream.idle"]);
        assert_eq!(
            edit_events(&current, &strings(&["asset.ready", "stream.idle"]), &[]),
            strings(&["stream.started", "stream.idle", "asset.ready"])
        );
        assert_eq!(
            edit_events(&current, &[], &strings(&["stream.started"])),
            strings(&["stream.idle"])
        );
    }
}
