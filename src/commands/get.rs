//! `lpwh get`: one webhook, every field.

use anyhow::Result;

use crate::context::Ctx;

use crate::webhook::render::show_webhook;
use crate::webhook::resolve::resolve;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The webhook's id, or a unique prefix of it
    #[arg(value_name = "ID", add = crate::complete::webhook_id())]
    pub id: String,

    /// Show the secret unmasked
    #[arg(long)]
    pub show_secrets: bool,
}

pub async fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let api = ctx.api()?;
    let webhook = resolve(&api, &args.id).await?;
    show_webhook(&ctx.out, &webhook, args.show_secrets)
}
