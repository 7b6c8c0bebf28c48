//! `lpwh resend`: ask Studio to send a logged delivery again (re-signed with a fresh timestamp)
//! and report how the new attempt went.

use anyhow::{Context, Result};

use crate::context::Ctx;
use crate::error::Failure;
use crate::output::sanitize;

use super::logs::{
    duration_ms, is_unknown_log, log_json, log_not_found, print_summary, resolve_log,
};
use super::webhook_common::resolve;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example:\n  lpwh logs 3f0c --failed      (find the LOG_ID)\n  lpwh resend 3f0c 9d2e6c1a"
)]
pub struct Args {
    /// The webhook's id, or a unique prefix of it
    #[arg(value_name = "ID")]
    pub id: String,

    /// The delivery to send again (from 'lpwh logs ID'): its id, or a unique prefix of it
    #[arg(value_name = "LOG_ID")]
    pub log_id: String,
}

pub async fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let out = &ctx.out;
    let api = ctx.api()?;
    let webhook = resolve(&api, &args.id).await?;
    let log_id = resolve_log(&api, &webhook.id, &args.log_id).await?;
    let log = api.resend(&webhook.id, &log_id).await.map_err(|err| {
        if is_unknown_log(&err) {
            anyhow::Error::new(log_not_found(&webhook.id, &log_id))
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
