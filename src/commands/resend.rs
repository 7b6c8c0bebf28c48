//! `lpwh resend`: send a logged delivery again.
//!
//! By default Studio does it (`POST .../resend`), and Studio sends the logged request again: to
//! the URL **in the log**, signed with the secret **of that time**, not the webhook's current
//! ones. After `update --url` or a secret rotation that surprises people, so lpwh says so first.
//! `--to-current` has lpwh itself send the logged body, re-stamped and re-signed with the current
//! secret, to the current URL (as `inbox replay` does); Studio then keeps no log of it.

use anyhow::{Context, Result};
use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderValue, USER_AGENT};
use serde_json::json;

use crate::api::{Webhook, WebhookLog};
use crate::context::Ctx;
use crate::error::{Failure, usage};
use crate::humane::now_ms;
use crate::inbox::replay::{Refresh, refresh_timestamp};
use crate::output::sanitize;
use crate::redacted::Secret;
use crate::signature::{self, Scheme};
use crate::webhook::logged::{LoggedSignature, logged_signature};

use crate::deliver;
use crate::webhook::render::{duration_ms, log_json, print_summary};
use crate::webhook::resolve::resolve;
use crate::webhook::resolve::{log_error, read_log, resolve_log};

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
    lpwh logs 3f0c --failed                    (find the LOG_ID)\n  \
    lpwh resend 3f0c 9d2e6c1a                  (Studio sends the logged request again)\n  \
    lpwh resend 3f0c 9d2e6c1a --to-current     (lpwh sends it to today's URL and secret)")]
pub struct Args {
    /// The webhook's id, or a unique prefix of it
    #[arg(value_name = "ID", add = crate::complete::webhook_id())]
    pub id: String,

    /// The delivery to send again (from 'lpwh logs ID'): its id, or a unique prefix of it
    #[arg(value_name = "LOG_ID")]
    pub log_id: String,

    /// Send the logged body to the webhook's current URL, re-signed with its current secret and
    /// a fresh timestamp, from this machine (Studio keeps no log of it)
    #[arg(long)]
    pub to_current: bool,
}

pub async fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let api = ctx.api()?;
    let webhook = resolve(&api, &args.id).await?;
    let log_id = resolve_log(&api, &webhook.id, &args.log_id).await?;
    let original = read_log(&api, &webhook.id, &log_id).await?;
    if args.to_current {
        return to_current(ctx, &webhook, &original).await;
    }
    warn_if_moved(ctx, &webhook, &original);
    let log = api
        .resend(&webhook.id, &log_id)
        .await
        .map_err(|err| log_error(err, &webhook.id, &log_id, "resending the delivery"))?;
    report(ctx, &webhook, &log)
}

/// Studio resends to the logged URL with the logged secret: say so when they are not the
/// webhook's current ones, before the resend goes out.
fn warn_if_moved(ctx: &Ctx, webhook: &Webhook, log: &WebhookLog) {
    let out = &ctx.out;
    let logged_url = log.request.as_ref().map_or("", |r| r.url.as_str());
    let moved = !logged_url.is_empty() && logged_url != webhook.url;
    let signed = logged_signature(webhook, log);
    if moved {
        out.warn(format!(
            "this delivery went to {}, and Studio resends it there, not to the webhook's current URL {}",
            sanitize(logged_url),
            sanitize(&webhook.url)
        ));
    }
    match signed {
        LoggedSignature::Current | LoggedSignature::NoSecret => {}
        LoggedSignature::Other => out.warn(
            "the logged delivery's signature does not verify with the webhook's current secret \
             (it was rotated since): Studio signs the resend with the old secret, so a receiver \
             on the current one answers 401",
        ),
        LoggedSignature::Unsigned => out.warn(
            "this delivery was sent unsigned, and Studio resends it unsigned, though the webhook \
             signs now: a receiver that checks signatures will refuse it",
        ),
    }
    if moved || matches!(signed, LoggedSignature::Other | LoggedSignature::Unsigned) {
        out.info(format!(
            "hint: 'lpwh resend {} {} --to-current' sends it to the current URL with the current secret",
            sanitize(&webhook.id),
            sanitize(&log.id)
        ));
    }
}

/// What Studio's resend produced: the new log, and whether it succeeded.
fn report(ctx: &Ctx, webhook: &Webhook, log: &WebhookLog) -> Result<()> {
    let out = &ctx.out;
    if out.json {
        out.json(&log_json(log))?;
    } else {
        print_summary(out, log)
            .with_context(|| format!("printing the new delivery {}", sanitize(&log.id)))?;
    }
    let status = log.response.as_ref().and_then(|r| r.status);
    if log.success {
        out.success(format!(
            "delivered again in {} ms{}",
            duration_ms(log.duration),
            status.map_or_else(String::new, |s| format!(" (status {s})"))
        ));
        Ok(())
    } else {
        Err(Failure::failure(format!(
            "the new delivery failed ({})",
            status.map_or_else(|| "no answer".to_owned(), |s| format!("status {s}"))
        ))
        .hint(format!(
            "see the receiver's answer with 'lpwh logs {} {}'",
            sanitize(&webhook.id),
            sanitize(&log.id)
        ))
        .into())
    }
}

/// `--to-current`: the logged body, re-stamped and re-signed with the webhook's current secret
/// (Livepeer's scheme, as Studio signs), POSTed by lpwh to the webhook's current URL.
async fn to_current(ctx: &Ctx, webhook: &Webhook, log: &WebhookLog) -> Result<()> {
    let out = &ctx.out;
    let url = deliver::parse_to_url(&webhook.url).map_err(|_| {
        usage(format!(
            "the webhook's URL {} is not an http(s) URL lpwh can send to",
            sanitize(&webhook.url)
        ))
    })?;
    let request = log
        .request
        .as_ref()
        .filter(|r| !r.body.is_empty())
        .ok_or_else(|| {
            Failure::failure(format!(
                "delivery {} has no logged request body to send",
                sanitize(&log.id)
            ))
        })?;
    let now = now_ms();
    let (body, refresh) = refresh_timestamp(request.body.as_bytes(), now);
    if refresh == Refresh::Unchanged {
        out.warn("the logged body has no numeric top-level timestamp: sending it unchanged");
    }
    let mut headers = HeaderMap::new();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    headers.insert(USER_AGENT, HeaderValue::from_static("livepeer.studio"));
    let secret = webhook.shared_secret.clone().map(Secret::new);
    match &secret {
        Some(secret) => {
            let signed =
                signature::sign(Scheme::Livepeer, secret, &body, now, None).map_err(|e| {
                    Failure::failure(format!("cannot sign with the webhook's secret: {e}"))
                })?;
            deliver::append_signature(&mut headers, signed)?;
        }
        None => out.warn("the webhook has no secret: sending unsigned, as Studio would"),
    }
    if !out.json {
        out.info(format!(
            "→ POST {} delivery {} {} (sent by lpwh, re-signed with the current secret)",
            sanitize(url.as_str()),
            sanitize(&log.id),
            sanitize(&log.event)
        ));
    }
    let answer = deliver::post(ctx, &url, headers.clone(), body.clone()).await?;
    if out.json {
        out.json(&json!({
            "log_id": log.id,
            "url": url.as_str(),
            "status": answer.status.as_u16(),
            "latency_ms": answer.latency_ms,
            "timestamp_ms": now,
            "signed": secret.is_some(),
            "in_studio_log": false,
            "headers_sent": deliver::headers_sent(&headers),
            "response_body": answer.body,
        }))?;
    } else {
        deliver::print_answer(ctx, &answer)?;
    }
    out.info("note: lpwh sent this delivery itself, so it is not in Studio's delivery log");
    deliver::check_status(
        &url,
        &answer,
        deliver::Sent {
            signed: secret.is_some(),
            event: Some(&log.event),
        },
    )
}
