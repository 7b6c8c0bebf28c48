//! `lpwh listen`: the flags of the verifying local receiver. The receiver itself is `crate::listen`.

use anyhow::Result;

use crate::context::Ctx;
use crate::listen::{self, parse};
use crate::redacted::Secret;
use crate::signature::Scheme;

/// Receive webhook deliveries on this machine: verify each signature, answer, print one line
/// per delivery, and optionally forward them to your own app.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Studio cannot call localhost: expose the port with a tunnel (ngrok http 3000, cloudflared tunnel \
--url http://localhost:3000) and pass its URL as --public-url to create a temporary webhook for it.

Exit status: 0 once --until/--count is reached, or on SIGTERM; 1 when --timeout-after passes
first; 130 on Ctrl-C. A temporary --public-url webhook is deleted in every case.

Examples:
  lpwh listen --secret \"$SECRET\" --forward-to http://localhost:4000/webhooks
  lpwh listen --public-url https://abcd.ngrok.app --until asset.ready --timeout-after 10m
  lpwh listen --json | jq .event")]
pub struct Args {
    /// Port to listen on (0 picks a free one; the address is printed)
    #[arg(long, short, default_value_t = 3000)]
    pub port: u16,

    /// Address to bind to (use 0.0.0.0 only if other machines must reach it)
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,

    /// Only accept deliveries on this path (others get 404) [default: any path]
    #[arg(long, value_name = "PATH")]
    pub path: Option<String>,

    /// Webhook secret to verify with; repeat during a secret rotation (any may match)
    #[arg(
        long = "secret",
        short = 's',
        env = "LPWH_WEBHOOK_SECRET",
        hide_env_values = true,
        value_parser = crate::redacted::non_empty_secret,
        value_name = "SECRET"
    )]
    pub secrets: Vec<Secret>,

    /// Verify with the sharedSecret of this Studio webhook (an id or a unique prefix; fetched from the API)
    #[arg(long, value_name = "ID", conflicts_with = "public_url")]
    pub webhook: Option<String>,

    /// Signature scheme deliveries are signed with
    #[arg(long, value_enum, default_value_t = Scheme::Livepeer)]
    pub scheme: Scheme,

    /// How far a delivery's timestamp may be from now, both ways (e.g. 300s, 5m)
    #[arg(long, default_value = "300s", value_parser = parse::duration, value_name = "DURATION")]
    pub tolerance: std::time::Duration,

    /// Largest body accepted; bigger ones get 413 (e.g. 1MiB, 512KiB, 100000)
    #[arg(long, default_value = "1MiB", value_parser = parse::size, value_name = "SIZE")]
    pub max_body: u64,

    /// How long a client may take to send its headers, and then its body
    #[arg(long, default_value = "10s", value_parser = parse::duration, value_name = "DURATION")]
    pub read_timeout: std::time::Duration,

    /// Also POST each valid delivery (raw body, original headers) to URL; repeatable.
    /// EVENT_GLOB=URL sends only matching events there, e.g. 'stream.*=http://localhost:4000/streams'
    #[arg(long, value_name = "[EVENT_GLOB=]URL", value_parser = parse::forward_target)]
    pub forward_to: Vec<listen::forward::Target>,

    /// How long to wait for a forward target's answer
    #[arg(long, default_value = "10s", value_parser = parse::duration, value_name = "DURATION")]
    pub forward_timeout: std::time::Duration,

    /// Only print, forward and count these events (comma-separated globs, e.g. 'asset.*,task.failed');
    /// other deliveries are still answered. With --public-url: the events to subscribe to
    #[arg(long, value_delimiter = ',', value_name = "GLOB,...")]
    pub events: Vec<String>,

    /// Exit 0 once a verified delivery of EVENT arrives (an unsigned one only when listen has no secret)
    #[arg(long, value_name = "EVENT")]
    pub until: Option<String>,

    /// Exit 0 after N verified deliveries (of the --until event, when both are given; unsigned ones
    /// only when listen has no secret)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub count: Option<u64>,

    /// Exit 1 if --until/--count is not reached within this time (e.g. 90s, 10m)
    #[arg(long, value_parser = parse::duration, value_name = "DURATION")]
    pub timeout_after: Option<std::time::Duration>,

    /// Answer playback.accessControl requests: allow, deny, or a rules file (JSON or TOML)
    #[arg(long, value_name = "allow|deny|RULES_FILE")]
    pub access_control: Option<String>,

    /// Your public tunnel URL: create a temporary Studio webhook for it (with a fresh secret),
    /// verify with that secret, and delete it on exit
    #[arg(long, value_name = "URL")]
    pub public_url: Option<String>,

    /// Record deliveries in this SQLite database [default: <data dir>/inbox.sqlite]
    #[arg(long, value_name = "PATH")]
    pub db: Option<std::path::PathBuf>,

    /// Do not record deliveries in the inbox (lpwh inbox)
    #[arg(long, conflicts_with_all = ["db", "keep"])]
    pub no_record: bool,

    /// Keep only the newest N recorded deliveries, or those younger than an age (7d, 12h)
    #[arg(long, value_name = "N|AGE", value_parser = crate::inbox::Retention::parse)]
    pub keep: Option<crate::inbox::Retention>,
}

pub async fn run(ctx: &Ctx, args: Args) -> Result<()> {
    listen::run(ctx, args).await
}
