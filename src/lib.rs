//! lpwh: Livepeer Studio webhooks from the terminal.
//!
//! The binary (`main.rs`) parses [`cli::Cli`] and calls [`run`]. Everything else lives in one
//! module per concern: [`api`] speaks HTTP to Studio, [`signature`] signs and verifies, [`events`]
//! holds the catalog and sample payloads, [`output`] formats for people and machines, [`config`]
//! finds profiles and credentials, and [`commands`] has one file per verb.

pub mod api;
pub(crate) mod atomic_file;
pub mod browse;
pub mod check;
pub mod cli;
pub(crate) mod commands;
pub mod complete;
pub mod config;
pub(crate) mod context;
pub(crate) mod deliver;
pub mod delivery;
pub mod error;
pub mod events;
pub mod generate;
pub mod global;
pub mod health;
pub mod http_client;
pub mod humane;
pub mod inbox;
pub(crate) mod input;
pub mod js_json;
pub(crate) mod json_write;
pub mod listen;
pub mod output;
pub(crate) mod prompt;
pub mod redacted;
pub mod report;
pub mod samples;
pub mod sanitize;
pub mod shell;
pub mod signature;
pub(crate) mod spool;
pub(crate) mod webhook;

/// Resolve the global options into a [`context::Ctx`] and run the chosen command.
pub async fn run(cli: cli::Cli) -> anyhow::Result<()> {
    use cli::Command;
    use commands::*;
    let ctx = &context::Ctx::resolve(&cli.global)?;
    match cli.command {
        Command::Login(args) => login::run(ctx, args).await,
        Command::Logout(args) => logout::run(ctx, args).await,
        Command::Profiles(args) => profiles::run(ctx, args).await,
        Command::Create(args) => create::run(ctx, args).await,
        Command::List(args) => list::run(ctx, args).await,
        Command::Get(args) => get::run(ctx, args).await,
        Command::Update(args) => update::run(ctx, args).await,
        Command::Delete(args) => delete::run(ctx, args).await,
        Command::Logs(args) => logs::run(ctx, args).await,
        Command::Resend(args) => resend::run(ctx, args).await,
        Command::Health(args) => health::run(ctx, args).await,
        Command::EventTypes(args) => event_types::run(ctx, args).await,
        Command::Sign(args) => sign::run(ctx, args).await,
        Command::Verify(args) => verify::run(ctx, args).await,
        Command::Trigger(args) => trigger::run(ctx, args).await,
        Command::Check(args) => check::run(ctx, args).await,
        Command::Listen(args) => listen::run(ctx, *args).await,
        Command::Inbox(args) => inbox::run(ctx, args).await,
        Command::Completions(args) => completions::run(ctx, args).await,
    }
}
