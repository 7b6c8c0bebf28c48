//! One file per verb. Each exports `Args` (its clap flags) and `run(ctx, args)`.

pub mod completions;
pub mod create;
pub mod delete;
pub mod event_types;
pub mod get;
pub mod inbox;
pub mod list;
pub mod listen;
pub mod login;
pub mod logout;
pub mod logs;
pub mod profiles;
pub mod resend;
pub mod sign;
pub mod trigger;
pub mod update;
pub mod verify;

use anyhow::Result;

use crate::cli::Command;
use crate::context::Ctx;

/// Run the chosen command.
pub async fn dispatch(ctx: &Ctx, command: Command) -> Result<()> {
    match command {
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
        Command::EventTypes(args) => event_types::run(ctx, args).await,
        Command::Sign(args) => sign::run(ctx, args).await,
        Command::Verify(args) => verify::run(ctx, args).await,
        Command::Trigger(args) => trigger::run(ctx, args).await,
        Command::Listen(args) => listen::run(ctx, *args).await,
        Command::Inbox(args) => inbox::run(ctx, args).await,
        Command::Completions(args) => completions::run(ctx, args).await,
    }
}
