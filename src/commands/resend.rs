//! `lpwh resend`: ask Studio to send a logged delivery again (re-signed with a fresh timestamp)
//! and report how the new attempt went.

use anyhow::{Context, Result};

use crate::context::Ctx;
use crate::error::Failure;
use crate::output::sanitize;

use super::logs::{duration_ms, log_json, print_summary};
use super::webhook_common::resolve;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example:\n  lpwh logs 3f0c --failed      (find the LOG_ID)\n  lpwh resend 3f0c 9d2e6c1a-..."
)]
pub struct Args {
    /// The webhook's id, or a unique prefix of it
    #[arg(value_name = "ID")]
    pub id: String,

    /// The delivery to send again (from 'lpwh logs ID')
    #[arg(value_name = "LOG_ID")]
    pub log_id: String,
}

pub async fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let out = &ctx.out;
    let api = ctx.api()?;
    let webhook = resolve(&api, &args.id).await?;
    let log_id = args.log_id.trim();
    let log = api.resend(&webhook.id, log_id).await.map_err(|err| {
        if matches!(err.status(), Some(404) | Some(400)) {
            anyhow::Error::new(
                Failure::not_found(format!(
                    "no delivery '{}' for webhook {}",
                    sanitize(log_id),
                    sanitize(&webhook.id)
                ))
                .hint(format!(
                    "run 'lpwh logs {}' to see its deliveries",
                    sanitize(&webhook.id)
                )),
            )
        } else {
            anyhow::Error::new(err).context("resending the delivery")
        }
    })?;

    if out.json {
        out.json(&log_json(&log))?;
    } else {
        print_summary(out, &log)
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
