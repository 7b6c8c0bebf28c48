//! The public side of `listen`: the temporary Studio webhook (`--public-url`, `--tunnel`), the
//! tunnel program and its supervision (restart with backoff, the webhook's URL PATCHed when the
//! tunnel's changes, a probe after each start), and the ready file scripts wait for.
//!
//! Order on the way out, whatever the way: stop restarting, delete the webhook, then stop the
//! tunnel (so Studio never holds a URL that points nowhere while lpwh still runs).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context as _, Result};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::api::{Client, WebhookPatch};
use crate::context::Ctx;
use crate::listen::public_url::{self, Temporary};
use crate::listen::tunnel::{self, Program, Tunnel, TunnelOptions, probe};
use crate::listen::{Options, Signals, Stop};
use crate::output::Out;
use crate::redacted::Secret;

/// The first wait before restarting a tunnel, doubled after each start that did not last.
const MIN_BACKOFF: Duration = Duration::from_secs(1);
/// The most a restart waits before trying again.
const MAX_BACKOFF: Duration = Duration::from_secs(30);
/// A tunnel up this long was stable: its next restart waits [`MIN_BACKOFF`] again. Shorter, and
/// the wait keeps growing, so a tunnel that dies at once is not restarted (and the webhook
/// PATCHed) every second.
const STABLE_AFTER: Duration = Duration::from_secs(60);

/// What `listen` has made public, to be undone on the way out.
#[derive(Debug, Default)]
pub struct Exposure {
    pub temporary: Option<Temporary>,
    /// The URL the webhook points at (the tunnel's, with `--path`).
    pub public_url: Option<String>,
    tunnel: Option<Tunnel>,
    supervisor: Option<(oneshot::Sender<()>, JoinHandle<Option<Tunnel>>)>,
}

/// The `--ready-file` contract: what a script needs once lpwh is ready. No secret is in it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Ready {
    pub listen_url: String,
    pub public_url: Option<String>,
    pub webhook_id: Option<String>,
    pub events: Vec<String>,
    /// The tunnel program's name, or `null`.
    pub tunnel: Option<&'static str>,
}

impl Ready {
    /// Write it to `path` atomically: a temporary file beside it, then a rename, so a reader
    /// sees the whole file or none.
    pub fn write(&self, path: &Path) -> Result<()> {
        // A new 0600 file in the target's directory, never through a planted link, then renamed.
        crate::atomic_file::write(path, &serde_json::to_vec_pretty(self)?)
    }
}

/// `base` (a tunnel's URL, no path) with the listener's `--path` (or `/`).
fn with_path(base: &str, path: Option<&str>) -> String {
    let path = path.unwrap_or("/");
    let path = if path.starts_with('/') {
        path.to_owned()
    } else {
        format!("/{path}")
    };
    format!("{}{path}", base.trim_end_matches('/'))
}

impl Exposure {
    /// Make the listener public, as the flags ask: start the tunnel and learn its URL, create the
    /// temporary webhook (signing with `secret`), and probe the path. `Some(stop)` when a signal
    /// came first.
    pub(crate) async fn open(
        &mut self,
        ctx: &Ctx,
        args: &Options,
        local: SocketAddr,
        secret: &Secret,
        slot: &Arc<probe::Slot>,
        signals: &mut Signals,
    ) -> Result<Option<Stop>> {
        let api = ctx.api()?;
        public_url::offer_cleanup(ctx, &api, &public_url::hostname()).await?;
        // A killed run's tunnel (its record says which) may still be running.
        tunnel::group::report_leftovers(&ctx.dirs.data.join("tunnels"), &ctx.out);
        let url = match (&args.public_url, &args.tunnel) {
            (Some(url), _) => url.clone(),
            (None, Some(options)) => {
                ctx.out.info(format!(
                    "lpwh: starting {} for port {}",
                    options.program.name(),
                    local.port()
                ));
                let started = tokio::select! {
                    started = tunnel::start(options, local.port(), ctx.out, ctx.verbose > 0) => started?,
                    stop = signals.next() => return Ok(Some(stop)),
                };
                ctx.out.info(format!(
                    "lpwh: {} is up: {}",
                    options.program.name(),
                    started.url
                ));
                if options.program == Program::Bore {
                    ctx.out.info(
                        "lpwh: bore carries plain HTTP: deliveries cross the network unencrypted \
                         (Studio accepts http:// URLs)",
                    );
                }
                let url = with_path(&started.url, args.path.as_deref());
                self.tunnel = Some(started);
                url
            }
            (None, None) => return Ok(None),
        };
        let events = public_url::subscribed_events(&args.events);
        let created = tokio::select! {
            created = public_url::create(&api, &url, events, secret.clone()) => created?,
            stop = signals.next() => return Ok(Some(stop)),
        };
        ctx.out.info(format!(
            "lpwh: created temporary webhook {} ({}) → {url}, deleted when lpwh exits",
            created.webhook.name, created.webhook.id
        ));
        if let Some(from) = args.webhook_secret.as_ref().map(|w| w.from) {
            // Where the secret is, never the secret: the app behind --forward-to needs it.
            ctx.out.info(format!(
                "lpwh: the webhook signs with {}",
                from.describe(&ctx.profile)
            ));
        }
        let webhook_id = created.webhook.id.clone();
        self.temporary = Some(created);
        self.public_url = Some(url.clone());

        if let Some(options) = &args.tunnel {
            tokio::select! {
                _ = report_probe(ctx.out, &url, secret, slot) => {},
                stop = signals.next() => return Ok(Some(stop)),
            }
            if let Some(tunnel) = self.tunnel.take() {
                let (tx, rx) = oneshot::channel();
                let watch = Watch {
                    options: options.clone(),
                    port: local.port(),
                    path: args.path.clone(),
                    api,
                    webhook_id,
                    url,
                    secret: secret.clone(),
                    slot: slot.clone(),
                    ready: args
                        .ready_file
                        .clone()
                        .map(|p| (p, self.ready(args, local))),
                    out: ctx.out,
                    verbose: ctx.verbose > 0,
                };
                self.supervisor = Some((tx, tokio::spawn(watch.run(tunnel, rx))));
            }
        }
        Ok(None)
    }

    /// What the ready file says now.
    pub fn ready(&self, args: &Options, local: SocketAddr) -> Ready {
        Ready {
            listen_url: with_path(&format!("http://{local}"), args.path.as_deref()),
            public_url: self.public_url.clone(),
            webhook_id: self.temporary.as_ref().map(|t| t.webhook.id.clone()),
            events: match &self.temporary {
                Some(t) => t.webhook.events.clone(),
                None => Vec::new(),
            },
            tunnel: args.tunnel.as_ref().map(|t| t.program.name()),
        }
    }

    /// Undo everything: stop restarting the tunnel, delete the webhook, stop the tunnel. Whether
    /// the webhook was deleted (`None` when there was none).
    pub async fn close(mut self, ctx: &Ctx) -> Option<bool> {
        let mut tunnel = self.tunnel.take();
        if let Some((stop, task)) = self.supervisor.take() {
            let _ = stop.send(());
            if let Ok(Some(running)) = task.await {
                tunnel = Some(running);
            }
        }
        let mut deleted = None;
        if let Some(temp) = self.temporary.take() {
            deleted = Some(delete(ctx, &temp).await);
        }
        if let Some(tunnel) = tunnel {
            let name = tunnel.program.name();
            tunnel.stop().await;
            ctx.out.info(format!("lpwh: stopped {name}"));
        }
        deleted
    }
}

/// Delete the temporary webhook; on failure, say exactly how to do it by hand. Whether it went.
async fn delete(ctx: &Ctx, temp: &Temporary) -> bool {
    let result = async {
        let api = ctx.api()?;
        tokio::time::timeout(
            Duration::from_secs(15),
            api.delete_webhook(&temp.webhook.id),
        )
        .await
        .context("timed out")??;
        anyhow::Ok(())
    }
    .await;
    match result {
        Ok(()) => {
            ctx.out.info(format!(
                "lpwh: deleted temporary webhook {} ({})",
                temp.webhook.name, temp.webhook.id
            ));
            true
        }
        Err(err) => {
            ctx.out.warn(format!(
                "could not delete temporary webhook {}: {err:#}; delete it with: lpwh delete --yes {}",
                temp.webhook.id, temp.webhook.id
            ));
            false
        }
    }
}

/// Probe `url` and say how it went: `✔` with the time, or a warning naming what failed.
async fn report_probe(out: Out, url: &str, secret: &Secret, slot: &probe::Slot) {
    match probe::send(url, secret, slot).await {
        Ok(took) => out.success(format!(
            "tunnel works: a probe through {url} arrived in {}",
            crate::humane::Duration::of(took)
        )),
        Err(why) => out.warn(format!(
            "the probe through {url} did not reach lpwh: {why}. Studio's deliveries may not \
             arrive either; lpwh keeps listening"
        )),
    }
}

/// Everything the supervisor needs, owned: it runs as its own task.
struct Watch {
    options: TunnelOptions,
    port: u16,
    path: Option<String>,
    api: Client,
    webhook_id: String,
    url: String,
    secret: Secret,
    slot: Arc<probe::Slot>,
    ready: Option<(PathBuf, Ready)>,
    out: Out,
    verbose: bool,
}

impl Watch {
    /// Restart the tunnel whenever it exits (1 s doubling to 30 s between tries), PATCH the
    /// webhook when its URL changes, probe again. Hands the running tunnel back when told to stop.
    async fn run(mut self, mut tunnel: Tunnel, mut stop: oneshot::Receiver<()>) -> Option<Tunnel> {
        let name = self.options.program.name();
        let mut backoff = MIN_BACKOFF;
        let mut up_since = tokio::time::Instant::now();
        loop {
            let status = tokio::select! {
                _ = &mut stop => return Some(tunnel),
                status = tunnel.exited() => status,
            };
            if up_since.elapsed() >= STABLE_AFTER {
                backoff = MIN_BACKOFF;
            }
            let how = status.map_or_else(|| "exited".to_owned(), |s| format!("exited ({s})"));
            self.out.warn(format!(
                "{name} {how}: starting it again in {} (deliveries are still served locally){}",
                crate::humane::Duration::of(backoff),
                tunnel.quote_last_lines()
            ));
            // Its helpers and its record go with it.
            tunnel.stop().await;
            tunnel = loop {
                tokio::select! {
                    _ = &mut stop => return None,
                    _ = tokio::time::sleep(backoff) => {}
                }
                let started = tokio::select! {
                    _ = &mut stop => return None,
                    started = tunnel::start(&self.options, self.port, self.out, self.verbose) => started,
                };
                match started {
                    Ok(started) => {
                        // Until it proves stable, the next restart waits longer.
                        backoff = (backoff * 2).min(MAX_BACKOFF);
                        up_since = tokio::time::Instant::now();
                        break started;
                    }
                    Err(err) => {
                        backoff = (backoff * 2).min(MAX_BACKOFF);
                        self.out.warn(format!(
                            "restarting {name} failed: {err:#}; trying again in {}",
                            crate::humane::Duration::of(backoff)
                        ));
                    }
                }
            };
            let url = with_path(&tunnel.url, self.path.as_deref());
            if url == self.url {
                self.out.info(format!("lpwh: {name} is back at {url}"));
            } else {
                let patch = WebhookPatch {
                    url: Some(url.clone()),
                    ..WebhookPatch::default()
                };
                match self.api.update_webhook(&self.webhook_id, &patch).await {
                    Ok(()) => self.out.info(format!(
                        "lpwh: {name} came back at a new URL; temporary webhook {} now → {url}",
                        self.webhook_id
                    )),
                    Err(err) => self.out.warn(format!(
                        "{name} came back at {url}, but the webhook could not be updated: {err}; \
                         Studio still delivers to {}",
                        self.url
                    )),
                }
                self.url = url.clone();
                if let Some((path, ready)) = &mut self.ready {
                    ready.public_url = Some(url.clone());
                    if let Err(err) = ready.write(path) {
                        self.out
                            .warn(format!("could not update --ready-file: {err:#}"));
                    }
                }
            }
            tokio::select! {
                _ = &mut stop => return Some(tunnel),
                _ = report_probe(self.out, &url, &self.secret, &self.slot) => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_webhook_url_is_the_tunnel_and_the_listen_path() {
        assert_eq!(
            with_path("http://127.0.0.1:4000", None),
            "http://127.0.0.1:4000/"
        );
        assert_eq!(
            with_path("https://a.trycloudflare.com/", Some("/hooks")),
            "https://a.trycloudflare.com/hooks"
        );
        assert_eq!(with_path("https://x.app", Some("in")), "https://x.app/in");
    }

    #[test]
    fn the_ready_file_appears_whole_and_holds_no_secret() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ready.json");
        let ready = Ready {
            listen_url: "http://127.0.0.1:3000/".into(),
            public_url: Some("http://127.0.0.1:4000/".into()),
            webhook_id: Some("wh-1".into()),
            events: vec!["asset.ready".into()],
            tunnel: Some("bore"),
        };
        ready.write(&path).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(|k| k.as_str()).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            ["events", "listen_url", "public_url", "tunnel", "webhook_id"]
        );
        assert_eq!(v["tunnel"], "bore");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file left behind");
    }
}
