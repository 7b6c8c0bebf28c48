//! lpwh: Livepeer Studio webhooks from the terminal.
//!
//! The binary (`main.rs`) parses [`cli::Cli`] and calls [`run`]. Everything else lives in one
//! module per concern: [`api`] speaks HTTP to Studio, [`signature`] signs and verifies, [`events`]
//! holds the catalog and sample payloads, [`output`] formats for people and machines, [`config`]
//! finds profiles and credentials, and [`commands`] has one file per verb.

pub mod api;
pub mod cli;
pub mod commands;
pub mod config;
pub mod context;
pub mod deliver;
pub mod delivery;
pub mod error;
pub mod events;
pub mod generate;
pub mod inbox;
pub mod input;
pub mod json_write;
pub mod listen;
pub mod output;
pub mod prompt;
pub mod redacted;
pub mod samples;
pub mod signature;
pub mod spool;
pub mod webhook;

/// Resolve the global options into a [`context::Ctx`] and run the chosen command.
pub async fn run(cli: cli::Cli) -> anyhow::Result<()> {
    let ctx = context::Ctx::resolve(&cli.global)?;
    commands::dispatch(&ctx, cli.command).await
}
