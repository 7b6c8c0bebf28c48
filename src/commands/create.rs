//! `lpwh create`: make a webhook from flags, or through a wizard on a terminal.

use anyhow::{Context, Result};

use crate::api::{ApiError, Client, NewWebhook};
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

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
    lpwh create --name assets --url https://example.com/hooks --events asset.ready,asset.failed --generate-secret\n  \
    lpwh create            (on a terminal: asks for what is missing)")]
pub struct Args {
    /// A name for the webhook
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,

    /// Where Studio sends events (http:// or https://, reachable from the internet)
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,

    /// Events to subscribe to, comma-separated or repeated (see 'lpwh event-types')
    #[arg(
        long,
        short = 'e',
        value_name = "EVENT,...",
        value_delimiter = ',',
        num_args = 1,
        value_parser = crate::events::EventName,
        hide_possible_values = true
    )]
    pub events: Option<Vec<String>>,

    /// Secret Studio signs deliveries with (Livepeer-Signature header)
    #[arg(long, value_name = "SECRET", conflicts_with = "generate_secret")]
    pub secret: Option<Secret>,

    /// Generate a random signing secret and print it once
    #[arg(long)]
    pub generate_secret: bool,

    /// Tie the webhook to this stream (checked to exist first). Studio stores it, but its sender
    /// today ignores it: the webhook fires for every stream of the account
    #[arg(long, value_name = "ID")]
    pub stream_id: Option<String>,

    /// Do not check that --stream-id names a stream of this account
    #[arg(long, requires = "stream_id")]
    pub no_stream_check: bool,

    /// Send event names the catalog does not know (for events newer than this lpwh)
    #[arg(long)]
    pub allow_unknown_events: bool,

    /// Show the secret unmasked in the output
    #[arg(long)]
    pub show_secrets: bool,
}

pub async fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let out = &ctx.out;
    let events = args.events.as_deref().map(normalize_events);
    let mut missing = Vec::new();
    if args.name.as_deref().is_none_or(|n| n.trim().is_empty()) {
        missing.push("--name");
    }
    if args.url.is_none() {
        missing.push("--url");
    }
    if events.is_none() {
        missing.push("--events");
    }
    // Check what was given before asking for the rest: a typo should not cost a wizard run.
    if let Some(url) = &args.url {
        check_url(url)?;
    }
    if let Some(events) = &events {
        check_events(events, args.allow_unknown_events)?;
    }
    if args.secret.as_ref().is_some_and(Secret::is_empty) {
        return Err(usage("--secret cannot be empty")
            .hint("leave --secret out for an unsigned webhook, or use --generate-secret")
            .into());
    }

    let wizard = !missing.is_empty();
    if wizard && !ctx.interactive {
        return Err(usage(format!("missing {}", missing.join(", ")))
            .hint(
                "pass them as flags, e.g. lpwh create --name my-hook --url https://example.com/hook \
                 --events stream.started,stream.idle (or run in a terminal to be asked)",
            )
            .into());
    }
    let api = ctx.api()?;

    let name = match args.name.filter(|n| !n.trim().is_empty()) {
        Some(name) => name.trim().to_owned(),
        None => ask(|| prompt::name(None)).await?,
    };
    let url = match args.url {
        Some(url) => url,
        None => ask(|| prompt::url(None)).await?,
    };
    let events = match events {
        Some(events) => events,
        None => ask(|| prompt::events(&[])).await?,
    };
    let stream_id = match args.stream_id.filter(|s| !s.trim().is_empty()) {
        Some(id) => Some(id.trim().to_owned()),
        None if wizard => loop {
            // Checked as soon as it is typed: a typo asks again instead of costing every answer.
            let typed = ask(|| prompt::stream_id(None)).await?;
            match typed.as_deref() {
                Some(stream) if !args.no_stream_check => match check_stream(&api, stream).await {
                    Ok(()) => break typed,
                    Err(err) => out.warn(format!("{err:#}; try again, or Enter for none")),
                },
                _ => break typed,
            }
        },
        None => None,
    };
    let (secret, generated) = if let Some(secret) = args.secret {
        (Some(secret.expose().to_owned()), false)
    } else if args.generate_secret {
        (Some(generate_secret()), true)
    } else if wizard {
        match ask(|| prompt::secret(false, false)).await? {
            SecretChoice::Generated(s) => (Some(s), true),
            SecretChoice::Typed(s) => (Some(s), false),
            SecretChoice::Keep | SecretChoice::None => (None, false),
        }
    } else {
        (None, false)
    };
    let new = NewWebhook {
        name,
        url,
        events,
        shared_secret: secret.clone(),
        stream_id,
    };
    if wizard {
        // Everything asked is on one screen before anything is sent: last chance to back out.
        let secret_note = match (&secret, generated) {
            (Some(_), true) => "generated (shown once, after creating)",
            (Some(_), false) => "the one typed (hidden)",
            (None, _) => "none: deliveries will not be signed",
        };
        out.info(format!(
            "\n  name    {}\n  url     {}\n  events  {}\n  stream  {}\n  secret  {secret_note}\n",
            sanitize(&new.name),
            sanitize(&new.url),
            sanitize(&new.events.join(", ")),
            new.stream_id
                .as_deref()
                .map_or_else(|| "all streams".into(), sanitize),
        ));
        if !ask(|| prompt::confirm("Create this webhook?".into(), true)).await? {
            return Err(Failure::failure("cancelled: nothing was created").into());
        }
    }
    if let Some(stream) = new.stream_id.as_deref().filter(|_| !args.no_stream_check) {
        check_stream(&api, stream).await?;
    }
    let created = match api.create_webhook(&new).await {
        Ok(created) => created,
        // A POST is not retried: if the answer was lost, Studio may have stored it anyway, and
        // running the same command again would make a duplicate.
        Err(err) if may_have_been_applied(&err) => {
            return Err(Failure::failure(format!("creating the webhook: {err}"))
                .hint(format!(
                    "Studio may have created it anyway: check with 'lpwh list --name {}' before trying again",
                    shell_word(&new.name)
                ))
                .into());
        }
        Err(err) => return Err(err).context("creating the webhook"),
    };
    out.success(format!("created webhook {}", sanitize(&created.id)));
    warn_if_unreachable(out, &api, &created.url, None).await;
    if created.events.is_empty() {
        out.warn("the webhook subscribes to no events, so it will never fire");
    }
    if secret.is_none() {
        out.info(
            "note: without a secret, deliveries carry no Livepeer-Signature and cannot be verified",
        );
    }

    if generated {
        let secret = secret.as_deref().unwrap_or_default();
        if out.json {
            // The JSON is the one place a script can read it: unmask it there, once.
            let mut value = webhook_json(&created, args.show_secrets);
            value["sharedSecret"] = serde_json::Value::String(secret.to_owned());
            out.json(&value)?;
            out.info("the generated signing secret is in the JSON output (sharedSecret); it is shown only this once");
            return Ok(());
        }
        announce_secret(out, secret, "Generated signing secret");
    }
    show_webhook(out, &created, args.show_secrets)
}

/// Studio's `POST /webhook` stores any `streamId` without looking it up (its sender ignores it
/// today, but a typo is a mistake either way, and PATCH refuses a stream it cannot find): look
/// the stream up first (exit 4 when the API cannot find it; an admin's key finds every
/// account's streams, and Studio accepts them).
async fn check_stream(api: &Client, stream: &str) -> Result<()> {
    let exists = api
        .stream_exists(stream)
        .await
        .with_context(|| format!("checking stream {}", sanitize(stream)))?;
    if exists {
        return Ok(());
    }
    Err(Failure::not_found(format!(
        "no stream '{}' that this key can see; nothing was created",
        sanitize(stream)
    ))
    .hint(
        "check the stream id (Studio → Streams); --no-stream-check skips this check. Studio's \
         sender ignores a webhook's stream today: the webhook fires for all your streams",
    )
    .into())
}

/// `name` as one shell word, for a command line the user can paste.
fn shell_word(name: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || "-_./:@".contains(c);
    if !name.is_empty() && name.chars().all(safe) {
        name.to_owned()
    } else {
        format!("'{}'", sanitize(name).replace('\'', r"'\''"))
    }
}

/// Whether a failed request may still have been carried out by Studio: it answered with a
/// server error, or the answer never came back (timeout, dropped connection).
fn may_have_been_applied(err: &ApiError) -> bool {
    match err {
        ApiError::Status { status, .. } => *status >= 500,
        ApiError::Transport { reason, .. } => {
            reason.starts_with("timed out") || reason.starts_with("connection lost")
        }
        ApiError::Decode { .. } => true,
    }
}
