//! SCAFFOLD: `lpwh resend` is being implemented.

use anyhow::Result;

use crate::context::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {}

pub async fn run(_ctx: &Ctx, _args: Args) -> Result<()> {
    anyhow::bail!("not implemented yet")
}
