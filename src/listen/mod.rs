//! `lpwh listen`, the verifying local receiver: bind, serve, make it public when asked (a
//! tunnel, a temporary webhook), print where it listens, serve until a stop (signal, goal,
//! timeout), then clean up (the webhook, then the tunnel).
//!
//! `options` is what it runs with, `server` answers requests, `verdict` decides what a delivery
//! is, `forward` passes valid ones on, `print` reports them, `access` answers gate requests,
//! `exposure` makes it public (`public_url` is the temporary webhook, `tunnel` the tunnel
//! programs), `parse` reads `--forward-to`.

pub mod access;
pub mod ack;
mod catch_up;
pub mod exposure;
pub mod forward;
pub mod goal;
pub mod options;
pub mod parse;
pub mod print;
pub mod public_url;
pub mod server;
mod session;
pub mod summary;
pub mod tunnel;
pub mod verdict;

use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context as _, Result};
use tokio::net::TcpListener;

use crate::context::Ctx;
use crate::error::Failure;
use exposure::Exposure;
pub use options::{CatchUp, Options, Recording, SecretFrom, WebhookSecret};
use server::State;
pub(crate) use server::Stop;
use session::Session;

/// How many event ids the replay window remembers (about 5 MiB, allocated once at start).
pub const REPLAY_WINDOW: usize = 100_000;

pub async fn run(ctx: &Ctx, options: Options) -> Result<()> {
    let args = &options;
    // Listen for signals first, so a Ctrl-C at any later point still runs the cleanup below.
    let mut signals = Signals::new()?;
    let mut secrets = args.secrets.clone();
    // The temporary webhook's secret is known now, so the listener verifies with it from its
    // first request; the webhook itself is created once the public URL is known.
    let temporary_secret = args.webhook_secret.as_ref().map(|w| w.secret.clone());
    if let Some(secret) = &temporary_secret
        && !secrets.contains(secret)
    {
        secrets.push(secret.clone());
    }

    let listener = TcpListener::bind((args.host.as_str(), args.port))
        .await
        .map_err(|e| {
            let hint = if e.kind() == std::io::ErrorKind::AddrInUse {
                format!("another program uses port {}: pick another with --port, or --port 0 for any free one", args.port)
            } else {
                "check --host and --port".to_owned()
            };
            Failure::failure(format!("cannot listen on {}:{}: {e}", args.host, args.port)).hint(hint)
        })?;

    // From here on a temporary webhook or a tunnel may exist: every path out goes through the
    // cleanup. Three phases: start serving, wait for a stop (making it public first), finish.
    let mut exposure = Exposure::default();
    let outcome = async {
        let mut session = Session::start(ctx, args, listener, &secrets)?;
        if let Err(err) = session.open(ctx, args, &secrets).await {
            session.abandon().await;
            return Err(err);
        }
        match session
            .wait(
                ctx,
                args,
                temporary_secret.as_ref(),
                &mut exposure,
                &mut signals,
            )
            .await
        {
            Ok(stop) => Ok(session.finish(stop, &mut signals).await),
            Err(err) => {
                session.abandon().await;
                Err(err)
            }
        }
    }
    .await;
    let deleted = exposure.close(ctx).await;
    let (stop, mut summary) = outcome?;
    summary.webhook_deleted = deleted;
    ctx.out.info(summary.text());
    if ctx.out.json {
        // The last line of stdout: everything the session did, for a script.
        let _ = ctx
            .out
            .json_line(&serde_json::json!({ "summary": &summary }));
    }
    match stop {
        Stop::Reached(what) => {
            ctx.out.info(format!("lpwh: received {what}; exiting"));
            // With --forward-to, the goal is met only if the app took what it was sent.
            match summary.app_failure() {
                Some(failure) => Err(failure.into()),
                None => Ok(()),
            }
        }
        Stop::Terminated | Stop::StdoutClosed => Ok(()),
        Stop::Interrupted => Err(Failure::interrupted().into()),
        Stop::TimedOut => {
            let after = args.timeout_after.unwrap_or_default();
            let wanted = match (&args.until, args.count) {
                (Some(e), Some(n)) => format!("{n} × {e}"),
                (Some(e), None) => e.clone(),
                (None, Some(n)) => format!("{n} verified deliveries"),
                (None, None) => "deliveries".into(),
            };
            Err(Failure::failure(format!(
                "timed out after {} waiting for {wanted}",
                crate::humane::Duration::of(after)
            ))
            .hint("check that the webhook points at this listener (a tunnel URL) and subscribes to that event; lines above show what did arrive")
            .into())
        }
    }
}

/// `--ack-first` on stop: the senders have their 2xx for what is still waiting for the app, and
/// it is all in the inbox as `pending`. Wait a while for the app (a temporary webhook stays until
/// then), and say what is left and how to send it; a second Ctrl-C stops waiting at once.
async fn settle_ack_first(ack: &ack::AckFirst, signals: &mut Signals) {
    let waiting = ack.waiting();
    if waiting == 0 {
        return;
    }
    eprintln!(
        "lpwh: waiting up to {}s for the app to answer {waiting} acknowledged deliver{} \
         (Ctrl-C again to stop now; they stay pending in the inbox)",
        ACK_FIRST_GRACE.as_secs(),
        if waiting == 1 { "y" } else { "ies" }
    );
    let left = ack
        .settle(ACK_FIRST_GRACE, async {
            signals.next().await;
        })
        .await;
    if left > 0 {
        eprintln!(
            "lpwh: warning: {left} acknowledged deliver{} not answered by the app: recorded as \
             pending in the inbox; send them with 'lpwh inbox replay --pending --to URL'",
            if left == 1 { "y is" } else { "ies are" }
        );
    }
}

/// How long `--ack-first` waits for the app on stop.
const ACK_FIRST_GRACE: Duration = Duration::from_secs(10);

/// Open the inbox (unless `--no-record`); a database that cannot be opened stops `listen` at
/// start rather than losing every delivery.
fn open_inbox(ctx: &Ctx, args: &Options) -> Result<Option<Arc<crate::inbox::Recorder>>> {
    let Some(recording) = &args.record else {
        return Ok(None);
    };
    let path = &recording.db;
    let recorder = crate::inbox::Recorder::open(path, recording.keep, ctx.out).map_err(|e| {
        // The database's own hint (one line, once), then the way out only listen has.
        let hint = crate::report::hint_of(&e)
            .unwrap_or_else(|| "choose another database with --db PATH".to_owned());
        Failure::failure(format!("cannot record deliveries: {e:#}"))
            .hint(format!("{hint}, or pass --no-record"))
    })?;
    let keep = recording
        .keep
        .map(|k| format!(", keeping {k}"))
        .unwrap_or_default();
    ctx.out.info(format!(
        "lpwh: recording deliveries in {}{keep} (lpwh inbox list)",
        path.display()
    ));
    Ok(Some(Arc::new(recorder)))
}

/// The warning for a listener other machines can reach (`--host 0.0.0.0`, `::`, a LAN
/// address), stronger when no secret guards it; `None` on loopback.
fn exposure_warning(local: std::net::SocketAddr, signed: bool) -> Option<String> {
    let ip = local.ip();
    if ip.is_loopback() {
        return None;
    }
    let whom = if ip.is_unspecified() {
        "every network interface"
    } else {
        "a non-loopback address"
    };
    let risk = if signed {
        " (deliveries still need a valid signature)"
    } else {
        ", and with no secret anyone can send deliveries that are accepted (and forwarded); \
         give --secret, or use --host 127.0.0.1"
    };
    Some(format!(
        "listening on {whom}: other machines that reach port {} can post to this receiver{risk}",
        local.port()
    ))
}

fn announce(
    ctx: &Ctx,
    args: &Options,
    local: std::net::SocketAddr,
    secrets: usize,
    state: &State,
    exposure: &Exposure,
) {
    let path = args.path.as_deref().unwrap_or("");
    let how = if secrets == 0 {
        "no secret: accepting every delivery unverified, marked unsigned, or unchecked when \
         they carry a signature"
            .to_owned()
    } else {
        let scheme = args.scheme.as_str();
        format!(
            "scheme {scheme}, verifying with {secrets} secret{}",
            if secrets == 1 { "" } else { "s" }
        )
    };
    // The address and `ready` are printed even with -q: scripts wait for them.
    eprintln!("lpwh: listening on http://{local}{path} ({how})");
    if let Some(warning) = exposure_warning(local, secrets > 0) {
        // Shown even with -q, like every warning.
        ctx.out.warn(warning);
    }
    if secrets == 0 {
        ctx.out.warn(
            "no --secret, LPWH_WEBHOOK_SECRET or --webhook given: signatures are not checked",
        );
        if state.goal.is_set() {
            // Said even with -q: the exit status now rests on deliveries nobody verified.
            eprintln!(
                "lpwh: warning: --until/--count count unverified deliveries in this run: \
                 give a secret to count verified ones only"
            );
        }
    }
    for target in state.forwarder.targets() {
        // Shown as every forward URL is: without its user name, password or query values.
        let url = crate::redacted::url_without_secrets(target.url.as_str());
        match &target.glob {
            Some(glob) => ctx.out.info(format!("lpwh: forwarding {glob} → {url}")),
            None => ctx
                .out
                .info(format!("lpwh: forwarding every valid delivery → {url}")),
        }
    }
    if let Some(max) = args.ack_first {
        ctx.out.info(format!(
            "lpwh: --ack-first: each delivery is recorded, then answered 200; your app gets it \
             next ({max} at once at most, the rest wait in the inbox), and its answers (no \
             timeout) are printed and recorded when they come"
        ));
    }
    if let Some(policy) = &state.access {
        let what = match policy {
            access::Policy::Allow => "allow all".to_owned(),
            access::Policy::Deny => "deny all".to_owned(),
            access::Policy::Rules(r) => format!("{} rule(s)", r.rules.len()),
        };
        ctx.out.info(format!(
            "lpwh: answering playback.accessControl requests: {what}"
        ));
    }
    match (&exposure.public_url, &exposure.temporary) {
        (Some(url), Some(temp)) => {
            // The ready block: where Studio delivers, through which webhook, for what.
            eprintln!("lpwh: public URL {url}");
            eprintln!(
                "lpwh: webhook {} for {}",
                temp.webhook.id,
                summarize_events(&temp.webhook.events)
            );
        }
        _ => ctx.out.info(format!(
            "hint: Studio cannot reach localhost: run 'lpwh listen --tunnel' to expose port {} \
             and point a temporary webhook at it, or pass your own tunnel's URL with --public-url",
            local.port()
        )),
    }
    if let Some(path) = &args.ready_file {
        // Written before `ready`, so a script that waits for either finds the file whole.
        if let Err(err) = exposure.ready(args, local).write(path) {
            ctx.out
                .warn(format!("could not write --ready-file: {err:#}"));
        }
    }
    eprintln!("ready");
}

/// `12 events` or the list itself when short.
fn summarize_events(events: &[String]) -> String {
    if events.len() <= 4 {
        events.join(", ")
    } else {
        format!("{} events ({}, …)", events.len(), events[..3].join(", "))
    }
}

/// Ctrl-C, and the other ways a terminal or a supervisor stops a program, registered once at
/// start. Each stop lets listen delete its temporary webhook and stop its tunnel:
/// - Unix: SIGINT (Ctrl-C), SIGTERM, and SIGHUP (the terminal closed);
/// - Windows: Ctrl-C, Ctrl-Break (a stop, like SIGTERM) and the console window closing (Windows
///   gives the program a few seconds before it ends it).
pub(crate) struct Signals {
    #[cfg(unix)]
    interrupt: tokio::signal::unix::Signal,
    #[cfg(unix)]
    terminate: tokio::signal::unix::Signal,
    #[cfg(unix)]
    hangup: tokio::signal::unix::Signal,
    #[cfg(windows)]
    interrupt: tokio::signal::windows::CtrlC,
    #[cfg(windows)]
    terminate: tokio::signal::windows::CtrlBreak,
    #[cfg(windows)]
    hangup: tokio::signal::windows::CtrlClose,
}

impl Signals {
    fn new() -> Result<Signals> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Ok(Signals {
                interrupt: signal(SignalKind::interrupt())
                    .context("installing the Ctrl-C handler")?,
                terminate: signal(SignalKind::terminate())
                    .context("installing the SIGTERM handler")?,
                hangup: signal(SignalKind::hangup()).context("installing the SIGHUP handler")?,
            })
        }
        #[cfg(windows)]
        {
            use tokio::signal::windows::{ctrl_break, ctrl_c, ctrl_close};
            Ok(Signals {
                interrupt: ctrl_c().context("installing the Ctrl-C handler")?,
                terminate: ctrl_break().context("installing the Ctrl-Break handler")?,
                hangup: ctrl_close().context("installing the console-close handler")?,
            })
        }
        #[cfg(not(any(unix, windows)))]
        Ok(Signals {})
    }

    pub(crate) async fn next(&mut self) -> Stop {
        #[cfg(any(unix, windows))]
        {
            tokio::select! {
                _ = self.interrupt.recv() => Stop::Interrupted,
                _ = self.terminate.recv() => Stop::Terminated,
                _ = self.hangup.recv() => Stop::Terminated,
            }
        }
        #[cfg(not(any(unix, windows)))]
        {
            let _ = tokio::signal::ctrl_c().await;
            Stop::Interrupted
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tested as a function: the house rule is that no test binds anything but loopback.
    #[test]
    fn listening_beyond_loopback_is_warned_about_louder_without_a_secret() {
        for loopback in ["127.0.0.1:3000", "[::1]:3000", "127.0.0.2:1"] {
            assert_eq!(exposure_warning(loopback.parse().unwrap(), false), None);
        }
        for open in ["0.0.0.0:3000", "[::]:3000", "192.168.1.5:3000"] {
            let addr = open.parse().unwrap();
            let signed = exposure_warning(addr, true).expect("a warning");
            assert!(signed.contains("other machines"), "{signed}");
            assert!(signed.contains("port 3000"), "{signed}");
            assert!(!signed.contains("anyone"), "{signed}");
            let unsigned = exposure_warning(addr, false).expect("a warning");
            assert!(
                unsigned.contains("anyone can send deliveries"),
                "{unsigned}"
            );
        }
    }
}
