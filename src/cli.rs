//! The command line, as clap types only. Doc comments here are the `--help` text.
//!
//! Each subcommand's own flags live beside its code, in `commands/<verb>.rs` as `Args`.

use clap::{Parser, Subcommand};

use crate::commands;
use crate::global::GlobalArgs;

/// Livepeer Studio webhooks from the terminal: manage them, receive and verify deliveries,
/// and sign test deliveries for CI.
#[derive(Debug, Parser)]
#[command(
    name = "lpwh",
    version,
    about,
    propagate_version = true,
    after_help = "Exit codes: 0 ok, 1 failure, 2 usage error, 3 not logged in or key refused, 4 not found, 130 interrupted."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Save an API key for a profile (checked with one API call first)
    Login(commands::login::Args),
    /// Forget a profile's stored API key
    Logout(commands::logout::Args),
    /// List profiles and where their keys are stored
    Profiles(commands::profiles::Args),

    /// Create a webhook (a wizard on a terminal when flags are missing)
    Create(commands::create::Args),
    /// List webhooks
    #[command(visible_alias = "ls")]
    List(commands::list::Args),
    /// Show one webhook
    Get(commands::get::Args),
    /// Change a webhook; fields you do not name are kept
    Update(commands::update::Args),
    /// Delete one or more webhooks
    #[command(visible_alias = "rm")]
    Delete(commands::delete::Args),
    /// Show a webhook's delivery history, or one delivery in full
    Logs(commands::logs::Args),
    /// Ask Studio to send a logged delivery again
    Resend(commands::resend::Args),
    /// How deliveries went per webhook: success rates, failures by cause, latency (for cron
    /// and CI with --fail-under)
    Health(commands::health::Args),
    /// List the event types webhooks can subscribe to
    EventTypes(commands::event_types::Args),

    /// Sign a body the way Studio (or another provider) would, for tests and CI
    Sign(commands::sign::Args),
    /// Check a signature header against a body and secret
    Verify(commands::verify::Args),
    /// Send a signed, realistic sample delivery of an event to a URL
    Trigger(commands::trigger::Args),
    /// Grade a receiver against Studio's delivery contract (signatures, retries, latency), for CI
    Check(commands::check::Args),

    /// Receive deliveries locally: verify, answer, print, forward
    Listen(Box<commands::listen::Args>),
    /// The deliveries listen recorded: list, show, replay, export, clear
    Inbox(commands::inbox::Args),

    /// Print a shell completion script
    Completions(commands::completions::Args),
}

impl Cli {
    /// Parse `std::env::args`, exiting on `--help`, `--version` or a usage error as clap does.
    ///
    /// One change to clap's errors: a conflict's "Usage:" line lists the arguments clap saw,
    /// which includes global options set only through the environment (`LIVEPEER_API_KEY`,
    /// `LIVEPEER_API_URL`, `LPWH_PROFILE`), and reads as if they were required. They are taken
    /// out, so the line names the command and the conflicting flags.
    ///
    /// A usage error comes back as a [`Failure`](crate::error::Failure) for the reporter, so it
    /// reads like every other error: `lpwh: error: ...` on one line, then `hint: ...` with
    /// clap's tip and the usage line. `--help` and `--version` print and exit here.
    pub fn parse_args() -> Result<Cli, crate::error::Failure> {
        use clap::error::ErrorKind;
        Cli::try_parse().map_err(|err| match err.kind() {
            ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => err.exit(),
            _ => usage_failure(&without_env_globals(err)),
        })
    }
}

/// clap's multi-line error block as one message and one hint: the `error:` text (with any
/// indented lines it lists joined on), then clap's tips and the usage line.
fn usage_failure(err: &clap::Error) -> crate::error::Failure {
    let text = err.render().to_string();
    let mut message = String::new();
    let mut tips = Vec::new();
    let mut usage = None;
    let mut in_error = false;
    for line in text.lines() {
        let trimmed = line.trim();
        if let Some(first) = line.strip_prefix("error: ") {
            message.push_str(first.trim());
            in_error = true;
        } else if let Some(tip) = trimmed.strip_prefix("tip: ") {
            tips.push(tip.to_owned());
            in_error = false;
        } else if let Some(line) = trimmed.strip_prefix("Usage: ") {
            usage = Some(line.to_owned());
            in_error = false;
        } else if trimmed.is_empty() {
            in_error = false;
        } else if in_error {
            // "the following required arguments were not provided:" and its list.
            let sep = if message.ends_with(':') || trimmed.starts_with('[') {
                " "
            } else {
                ", "
            };
            message.push_str(sep);
            message.push_str(trimmed);
        }
    }
    if message.is_empty() {
        message = text
            .lines()
            .next()
            .unwrap_or("invalid arguments")
            .to_owned();
    }
    let mut hint = tips;
    if let Some(usage) = usage {
        // "lpwh list [OPTIONS]" -> help for "lpwh list".
        let command: Vec<&str> = usage
            .split_whitespace()
            .take_while(|w| !w.starts_with(['[', '<', '-']))
            .collect();
        hint.push(format!(
            "usage: {usage} (more: {} --help)",
            command.join(" ")
        ));
    }
    if hint.is_empty() {
        hint.push("add --help to the command for its options".to_owned());
    }
    // clap quotes what was typed: shown escaped, like any untrusted text.
    let failure = crate::error::usage(crate::output::sanitize(&message));
    failure.hint(crate::output::sanitize(&hint.join("; ")))
}

/// The options whose values can come from the environment, as clap writes them in a usage line.
const ENV_GLOBALS: [&str; 3] = [" --api-key <KEY>", " --api-url <URL>", " --profile <NAME>"];

fn without_env_globals(mut err: clap::Error) -> clap::Error {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if err.kind() != ErrorKind::ArgumentConflict {
        return err;
    }
    let Some(ContextValue::StyledStr(usage)) = err.get(ContextKind::Usage) else {
        return err;
    };
    let plain = usage.to_string();
    let trimmed = ENV_GLOBALS
        .iter()
        .fold(plain.clone(), |text, global| text.replace(global, ""));
    if trimmed != plain {
        err.insert(
            ContextKind::Usage,
            ContextValue::StyledStr(clap::builder::StyledStr::from(trimmed)),
        );
    }
    err
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    /// Every command's `--help` shows its own flags first and the global ones after, under
    /// their own heading.
    #[test]
    fn global_options_have_their_own_heading_in_every_help() {
        fn check(cmd: &mut clap::Command, path: &str) {
            let help = cmd.render_long_help().to_string();
            let global = help
                .find("Global options:")
                .unwrap_or_else(|| panic!("{path}: no Global options heading\n{help}"));
            assert!(help[global..].contains("--api-key <KEY>"), "{path}");
            assert!(
                !help[..global].contains("--api-key <KEY>"),
                "{path}: --api-key above the heading"
            );
            // clap's generated `help` subcommand takes no options.
            for sub in cmd.get_subcommands_mut().filter(|s| s.get_name() != "help") {
                let name = format!("{path} {}", sub.get_name());
                check(sub, &name);
            }
        }
        let mut cli = Cli::command();
        cli.build();
        check(&mut cli, "lpwh");
    }
}
