//! `lpwh listen`: the flags of the verifying local receiver. The receiver itself is `crate::listen`.

use anyhow::Result;

use crate::context::Ctx;
use crate::error::{Failure, usage};
use crate::events;
use crate::listen::{
    self, Options, Recording, SecretFrom, WebhookSecret, access, forward, parse, public_url,
};
use crate::redacted::Secret;
use crate::signature::Scheme;

/// Receive webhook deliveries on this machine: verify each signature, answer, print one line
/// per delivery, and optionally forward them to your own app.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Studio cannot call localhost. --tunnel starts cloudflared, ngrok or bore for you, points a \
temporary webhook at it (kept in step if the tunnel restarts) and probes the path end to end; or \
run your own tunnel and pass its URL as --public-url.

Exit status: 0 once --until/--count is reached, or on SIGTERM; 1 when --timeout-after passes
first, when (with --forward-to) the app refused or never answered a delivery by the time
--until/--count is reached, or when the tunnel never comes up; 130 on Ctrl-C. A temporary
webhook is deleted, and the tunnel stopped, in every case, and a summary says what arrived and
what the app answered (with --json, also as the last line of stdout).

Examples:
  lpwh listen --secret \"$SECRET\" --forward-to http://localhost:4000/webhooks
  lpwh listen --tunnel --until asset.ready --timeout-after 10m --ready-file ready.json
  lpwh listen --public-url https://abcd.ngrok.app --events 'asset.*'
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
    #[arg(long, value_name = "ID", conflicts_with = "public_url", add = crate::complete::webhook_id())]
    pub webhook: Option<String>,

    /// Signature scheme deliveries are signed with
    #[arg(long, value_enum, default_value_t = Scheme::Livepeer)]
    pub scheme: Scheme,

    /// How far a delivery's timestamp may be from now, both ways (e.g. 300s, 5m)
    #[arg(long, default_value = "300s", value_parser = crate::humane::parse_duration, value_name = "DURATION")]
    pub tolerance: std::time::Duration,

    /// Largest body accepted; bigger ones get 413 (e.g. 1MiB, 512KiB, 100000)
    #[arg(long, default_value = "1MiB", value_parser = crate::humane::parse_size, value_name = "SIZE")]
    pub max_body: u64,

    /// How long a client may take to send its headers, and then its body
    #[arg(long, default_value = "10s", value_parser = crate::humane::parse_duration, value_name = "DURATION")]
    pub read_timeout: std::time::Duration,

    /// Also POST each valid delivery (raw body, original headers) to URL; repeatable.
    /// EVENT_GLOB=URL sends only matching events there, e.g. 'stream.*=http://localhost:4000/streams'
    #[arg(long, value_name = "[EVENT_GLOB=]URL", value_parser = parse::forward_target)]
    pub forward_to: Vec<listen::forward::Target>,

    /// How long to wait for a forward target's answer
    #[arg(long, default_value = "10s", value_parser = crate::humane::parse_duration, value_name = "DURATION")]
    pub forward_timeout: std::time::Duration,

    /// Answer the sender 200 as soon as the delivery is recorded, then forward with no timeout
    /// and record the app's answer when it comes: for stepping through your handler in a
    /// debugger without Studio timing out and retrying. Until the app answers, the delivery is
    /// `pending` in the inbox, and survives any exit ('lpwh inbox replay --pending' sends what
    /// is left). Never for playback.accessControl, whose answer is the decision
    #[arg(long, requires = "forward_to")]
    pub ack_first: bool,

    /// With --ack-first: the most forwards under way at once; later deliveries wait in the
    /// inbox and go to the app in order
    #[arg(long, value_name = "N", default_value_t = crate::listen::ack::DEFAULT_MAX_FORWARDS,
          value_parser = clap::value_parser!(u16).range(1..), requires = "ack_first")]
    pub max_forwards: u16,

    /// Show deliveries in the full-screen view (as `lpwh inbox browse`, following new arrivals)
    /// instead of lines; q quits and stops listening
    #[arg(long, conflicts_with = "no_record")]
    pub ui: bool,

    /// Only print, forward and count these events (comma-separated globs, e.g. 'asset.*,task.failed');
    /// other deliveries are still answered. With --public-url: the events to subscribe to
    #[arg(long, value_delimiter = ',', value_name = "GLOB,...", value_parser = crate::events::EventName, hide_possible_values = true)]
    pub events: Vec<String>,

    /// Exit 0 once a verified delivery of EVENT arrives (an unsigned one only when listen has no secret)
    #[arg(long, value_name = "EVENT", value_parser = crate::events::EventName, hide_possible_values = true)]
    pub until: Option<String>,

    /// Exit 0 after N verified deliveries (of the --until event, when both are given; unsigned ones
    /// only when listen has no secret)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub count: Option<u64>,

    /// Exit 1 if --until/--count is not reached within this time (e.g. 90s, 10m). The whole
    /// wait; the global --timeout is per API call
    #[arg(long, value_parser = crate::humane::parse_duration, value_name = "DURATION")]
    pub timeout_after: Option<std::time::Duration>,

    /// Answer playback.accessControl requests: allow, deny, or a rules file (JSON or TOML)
    #[arg(long, value_name = "allow|deny|RULES_FILE", long_help = crate::listen::access::RULES_HELP)]
    pub access_control: Option<String>,

    /// Your public tunnel URL: create a temporary Studio webhook for it, verify with its secret,
    /// and delete it on exit. The secret is --secret's (or LPWH_WEBHOOK_SECRET's), else the
    /// profile's development secret (see --print-secret)
    #[arg(long, value_name = "URL")]
    pub public_url: Option<String>,

    /// Expose the listener through a tunnel program and point a temporary Studio webhook at it,
    /// kept in step when the tunnel restarts: auto (the first of cloudflared, ngrok, bore on
    /// PATH), cloudflared, ngrok or bore
    #[arg(
        long,
        value_enum,
        num_args = 0..=1,
        default_missing_value = "auto",
        value_name = "PROGRAM",
        conflicts_with_all = ["public_url", "webhook"]
    )]
    pub tunnel: Option<listen::tunnel::Choice>,

    /// The tunnel program's path [default: found on PATH]
    #[arg(long, value_name = "PATH", requires = "tunnel")]
    pub tunnel_bin: Option<std::path::PathBuf>,

    /// bore's server (self-hosted, or the public bore.pub)
    #[arg(long, value_name = "HOST", default_value = "bore.pub")]
    pub tunnel_server: String,

    /// How long the tunnel program has to give its public URL
    #[arg(long, default_value = "30s", value_parser = crate::humane::parse_duration, value_name = "DURATION")]
    pub tunnel_timeout: std::time::Duration,

    /// Once ready, write {listen_url, public_url, webhook_id, events, tunnel} as JSON to PATH
    /// (atomically: a script may wait for the file to appear)
    #[arg(long, value_name = "PATH")]
    pub ready_file: Option<std::path::PathBuf>,

    /// Record deliveries in this SQLite database [default: <data dir>/inbox.sqlite]
    #[arg(long, value_name = "PATH")]
    pub db: Option<std::path::PathBuf>,

    /// Do not record deliveries in the inbox (lpwh inbox)
    #[arg(long, conflicts_with_all = ["db", "keep"])]
    pub no_record: bool,

    /// With --webhook: before taking live deliveries, bring in the events Studio logged for it
    /// in the last DURATION (10m, 2h, 1d) that the inbox lacks, and forward them in order
    #[arg(long, value_name = "DURATION", value_parser = crate::humane::parse_duration)]
    pub catch_up: Option<std::time::Duration>,

    /// Keep only the newest N recorded deliveries, or those younger than an age (7d, 12h)
    #[arg(long, value_name = "N|AGE", value_parser = crate::inbox::Retention::parse)]
    pub keep: Option<crate::inbox::Retention>,

    /// Print the profile's development webhook secret and exit: what --tunnel and --public-url
    /// sign the temporary webhook with when no --secret is given (made on first use, then kept
    /// beside the API key, so your app's .env keeps working). Needs no API key
    #[arg(long)]
    pub print_secret: bool,
}

pub async fn run(ctx: &Ctx, args: Args) -> Result<()> {
    if args.print_secret {
        let (secret, _) = crate::config::dev_secret(&ctx.dirs, &ctx.profile)?;
        println!("{}", secret.expose());
        return Ok(());
    }
    let options = resolve(ctx, args).await?;
    listen::run(ctx, options).await
}

/// The flags checked and turned into [`Options`]: the access-control rules read, the forward
/// client built, and `--webhook`'s secret fetched from the API.
async fn resolve(ctx: &Ctx, args: Args) -> Result<Options> {
    check_args(ctx, &args)?;
    if args.ui {
        use std::io::IsTerminal as _;
        if ctx.out.json {
            return Err(usage("--ui and --json both want stdout")
                .hint("use --json for scripts, --ui at a terminal")
                .into());
        }
        if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
            return Err(usage("--ui needs a terminal")
                .hint("drop --ui: listen prints one line per delivery, and records them for 'lpwh inbox browse'")
                .into());
        }
    }
    let access = args
        .access_control
        .as_deref()
        .map(access::Policy::load)
        .transpose()
        .map_err(|e| {
            usage(format!("{e:#}")).hint(
                "--access-control takes allow, deny or a rules file (JSON or TOML); the \
                     format, with an example: lpwh listen --help",
            )
        })?;
    if args.ack_first && args.no_record {
        return Err(usage(
            "--ack-first needs the inbox: it records each delivery before answering the sender, \
             so nothing Studio was told succeeded can be lost",
        )
        .hint("drop --no-record (use --db PATH or --keep N to choose where and how much is kept)")
        .into());
    }
    // --ack-first waits for the app as long as it takes (a day, so nothing waits forever).
    let forward_timeout = if args.ack_first {
        std::time::Duration::from_secs(86_400)
    } else {
        args.forward_timeout
    };
    let forwarder = forward::Forwarder::new(args.forward_to, forward_timeout)?;

    // clap refuses an empty --secret / LPWH_WEBHOOK_SECRET, so an empty list means none was given.
    let mut secrets = args.secrets;
    let mut catch_up = None;
    if let Some(id) = &args.webhook {
        // A full id or a unique prefix, like every other command that takes a webhook id.
        let webhook = crate::webhook::resolve::resolve(&ctx.api()?, id).await?;
        catch_up = args.catch_up.map(|window| listen::CatchUp {
            webhook: webhook.clone(),
            since_ms: crate::humane::now_ms()
                - i64::try_from(window.as_millis()).unwrap_or(i64::MAX / 2),
        });
        // `Webhook` reads Studio's `""` (a cleared secret) as none.
        match webhook.shared_secret {
            Some(secret) => secrets.push(Secret::new(secret)),
            None => {
                return Err(Failure::failure(format!(
                    "webhook {} ({}) has no sharedSecret, so its deliveries carry no signature",
                    webhook.id, webhook.name
                ))
                .hint(format!(
                    "give it one with 'lpwh update {} --rotate-secret', or listen without --webhook to accept unsigned deliveries",
                    webhook.id
                ))
                .into());
            }
        }
    }
    let tunnel = match args.tunnel {
        Some(choice) => {
            let (program, bin) = listen::tunnel::find(choice, args.tunnel_bin.as_deref())?;
            if args.tunnel_timeout.is_zero() {
                return Err(usage("--tunnel-timeout must be more than 0s")
                    .hint("e.g. --tunnel-timeout 60s")
                    .into());
            }
            Some(listen::tunnel::TunnelOptions {
                program,
                bin,
                server: args.tunnel_server.clone(),
                timeout: args.tunnel_timeout,
                records: ctx.dirs.data.join("tunnels"),
            })
        }
        None => None,
    };
    let webhook_secret = if args.public_url.is_some() || tunnel.is_some() {
        Some(match secrets.first() {
            Some(secret) => WebhookSecret {
                secret: secret.clone(),
                // The resolve step is where the environment is read: clap merged it into
                // --secret, so compare.
                from: if std::env::var("LPWH_WEBHOOK_SECRET").ok().as_deref()
                    == Some(secret.expose())
                {
                    SecretFrom::Env
                } else {
                    SecretFrom::Flag
                },
            },
            None => {
                let (secret, from) = crate::config::dev_secret(&ctx.dirs, &ctx.profile)?;
                WebhookSecret {
                    secret,
                    from: SecretFrom::Profile {
                        made: from == crate::config::DevSecretFrom::Made,
                    },
                }
            }
        })
    } else {
        None
    };
    let record = (!args.no_record).then(|| Recording {
        db: crate::inbox::db_path(&ctx.dirs.data, args.db.as_deref()),
        keep: args.keep,
    });
    Ok(Options {
        host: args.host,
        port: args.port,
        path: args.path,
        secrets,
        scheme: args.scheme,
        tolerance: args.tolerance,
        max_body: args.max_body,
        read_timeout: args.read_timeout,
        forwarder,
        ack_first: args.ack_first.then_some(usize::from(args.max_forwards)),
        ui: args.ui,
        events: args.events,
        until: args.until,
        count: args.count,
        timeout_after: args.timeout_after,
        access,
        public_url: args.public_url,
        webhook_secret,
        tunnel,
        ready_file: args.ready_file,
        record,
        catch_up,
    })
}

fn check_args(ctx: &Ctx, args: &Args) -> Result<()> {
    if args.catch_up.is_some() && args.webhook.is_none() {
        let with = match (&args.tunnel, &args.public_url) {
            (Some(_), _) => {
                "--tunnel makes a temporary webhook, which has no history to catch up on"
            }
            (None, Some(_)) => {
                "--public-url makes a temporary webhook, which has no history to catch up on"
            }
            (None, None) => "it reads that webhook's delivery log",
        };
        return Err(usage(format!("--catch-up needs --webhook ID: {with}"))
            .hint(
                "point a webhook of your own at a stable URL (an ngrok static domain, a named \
                 cloudflared tunnel) and run 'lpwh listen --webhook ID --catch-up 2h'",
            )
            .into());
    }
    if args.catch_up.is_some() && args.no_record {
        return Err(
            usage("--catch-up needs the inbox: it brings the missed events into it")
                .hint("drop --no-record")
                .into(),
        );
    }
    if args.timeout_after.is_some() && args.until.is_none() && args.count.is_none() {
        return Err(usage("--timeout-after needs --until EVENT or --count N")
            .hint("e.g. lpwh listen --until asset.ready --timeout-after 10m")
            .into());
    }
    if (args.public_url.is_some() || args.tunnel.is_some()) && args.scheme != Scheme::Livepeer {
        return Err(usage(format!(
            "--public-url and --tunnel create a Studio webhook, which signs with the livepeer scheme, not {:?}",
            args.scheme
        ))
        .hint("drop --scheme, or verify another provider's deliveries with --secret")
        .into());
    }
    if let Some(url) = &args.public_url {
        let parsed = url::Url::parse(url)
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https"));
        if parsed.is_none() {
            return Err(usage(format!("--public-url '{url}' is not an http(s) URL"))
                .hint("pass your tunnel's URL, e.g. https://abcd.ngrok.app")
                .into());
        }
    }
    let known = || {
        events::LIVEPEER_EVENTS
            .iter()
            .chain(events::FASTPIX_EVENTS)
            .map(|e| e.name)
    };
    for glob in &args.events {
        if !known().any(|name| events::glob_match(glob, name)) {
            match events::did_you_mean(glob, known()) {
                Some(s) => ctx.out.warn(format!(
                    "--events '{glob}' matches no known event (did you mean '{s}'?)"
                )),
                None => ctx
                    .out
                    .warn(format!("--events '{glob}' matches no known event")),
            }
        }
    }
    if (args.public_url.is_some() || args.tunnel.is_some())
        && !args.events.is_empty()
        && public_url::subscribed_events(&args.events).is_empty()
    {
        return Err(usage(format!(
            "--events {} matches none of Studio's events, so the temporary webhook would receive nothing",
            args.events.join(",")
        ))
        .hint("run 'lpwh event-types' to see the names, e.g. --events 'asset.*,task.*'")
        .into());
    }
    if let Some(until) = &args.until
        && events::livepeer_event(until).is_none()
        && events::fastpix_event(until).is_none()
    {
        let names = events::LIVEPEER_EVENTS
            .iter()
            .chain(events::FASTPIX_EVENTS)
            .map(|e| e.name);
        match events::did_you_mean(until, names) {
            Some(s) => ctx.out.warn(format!(
                "--until '{until}' is not a known event (did you mean '{s}'?)"
            )),
            None => ctx
                .out
                .warn(format!("--until '{until}' is not a known event")),
        }
    }
    Ok(())
}
