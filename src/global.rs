//! The options every command accepts (`--api-key`, `--profile`, `--json`, ...), as clap types.
//! They live below both the command line ([`crate::cli`], which gathers the commands) and the
//! context ([`crate::context`], which every command is given): the context reads them, and no
//! module it depends on imports the commands back.

use clap::ValueEnum;

use crate::redacted::Secret;

/// Options every command accepts, listed under their own heading after each command's own.
#[derive(Debug, Clone, clap::Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Livepeer Studio API key (overrides the profile's stored key)
    #[arg(
        long,
        global = true,
        env = "LIVEPEER_API_KEY",
        hide_env_values = true,
        value_name = "KEY"
    )]
    pub api_key: Option<Secret>,

    /// Studio API base URL [default: https://livepeer.studio/api]
    // hide_env_values: `--help` shows `[env: LIVEPEER_API_URL]`, never `=` and the value.
    #[arg(
        long,
        global = true,
        env = "LIVEPEER_API_URL",
        hide_env_values = true,
        value_name = "URL"
    )]
    pub api_url: Option<String>,

    /// Profile whose credentials and settings to use [default: default]
    #[arg(
        long,
        global = true,
        env = "LPWH_PROFILE",
        hide_env_values = true,
        value_name = "NAME"
    )]
    pub profile: Option<String>,

    /// Print data as JSON on stdout (messages still go to stderr)
    #[arg(long, global = true)]
    pub json: bool,

    /// When to use colour
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Print only data and errors
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Show each HTTP request (method, URL, status, time) on stderr; never the key
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,

    /// Seconds to wait for each Studio API call (for `check`, each request to the receiver).
    /// Not `listen --timeout-after`, which bounds the whole wait for --until/--count
    #[arg(long, global = true, default_value_t = 30.0, value_name = "SECS")]
    pub timeout: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal, NO_COLOR is unset or empty, and TERM is not "dumb"
    Auto,
    Always,
    Never,
}
