//! `lpwh completions SHELL`: print a completion script (the same ones shipped in `completions/`).

use std::io::Write;

use anyhow::Result;
use clap_complete::Shell;

use crate::context::Ctx;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  lpwh completions bash > ~/.local/share/bash-completion/completions/lpwh\n  lpwh completions zsh > \"${fpath[1]}/_lpwh\"\n  lpwh completions fish > ~/.config/fish/completions/lpwh.fish"
)]
pub struct Args {
    /// The shell to print completions for
    #[arg(value_enum)]
    pub shell: Shell,
}

pub async fn run(_ctx: &Ctx, args: Args) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(&crate::generate::completion(args.shell))?;
    out.flush()?;
    Ok(())
}
