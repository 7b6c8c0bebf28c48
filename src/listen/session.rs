//! One `listen` session in three phases, each with a name:
//!
//! - [`Session::start`]: open the inbox, build the request handler's [`State`], start serving
//!   (and `--ack-first`'s dispatcher) on the bound socket;
//! - [`Session::wait`]: make the listener public when asked (tunnel, temporary webhook), say
//!   `ready`, then wait for a stop: a signal, `--until`/`--count`, `--timeout-after`, stdout
//!   closed, or `--ui`'s view ending;
//! - [`Session::finish`]: stop taking deliveries, give `--ack-first` its grace, flush the
//!   printer and the inbox, and sum the session up.
//!
//! The caller ([`super::run`]) cleans up what was made public after any of them.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context as _, Result};
use tokio::net::TcpListener;
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

use super::exposure::Exposure;
use super::goal::Goal;
use super::print::{self, Lines};
use super::server::{self, State, Stop};
use super::summary::Summary;
use super::verdict::{ReplayWindow, Verifier};
use super::{Options, REPLAY_WINDOW, Signals, ack, announce, open_inbox, settle_ack_first, tunnel};
use crate::context::Ctx;
use crate::error::Failure;
use crate::inbox::Recorder;
use crate::redacted::Secret;

/// A listener that is serving.
pub(super) struct Session {
    state: Arc<State>,
    lines: Arc<Lines>,
    /// Ends when the printer stops (stdout closed).
    printer: oneshot::Receiver<std::io::Result<()>>,
    /// Stops asked for by requests (`--until`/`--count` reached).
    stop_rx: mpsc::UnboundedReceiver<Stop>,
    recorder: Option<Arc<Recorder>>,
    server: JoinHandle<()>,
    /// Tells the server to stop accepting.
    stopped_tx: Option<oneshot::Sender<Stop>>,
    /// Tells the server to start accepting.
    doors: Option<oneshot::Sender<()>>,
    dispatcher: JoinHandle<()>,
    local: SocketAddr,
    secret_count: usize,
}

impl Session {
    /// Start serving on `listener`, verifying with `secrets`.
    pub fn start(
        ctx: &Ctx,
        args: &Options,
        listener: TcpListener,
        secrets: &[Secret],
    ) -> Result<Session> {
        let local = listener.local_addr()?;
        let lines = print::lines();
        let printer = print::spawn_printer(lines.clone());
        let (stop_tx, stop_rx) = mpsc::unbounded_channel();
        let recorder = open_inbox(ctx, args)?;
        let ack_first = match (args.ack_first, &args.record) {
            (Some(max), Some(recording)) => Some(Arc::new(
                ack::AckFirst::open(&recording.db, max)
                    .map_err(|e| Failure::failure(format!("--ack-first: {e:#}")))?,
            )),
            _ => None,
        };
        let state = Arc::new(State {
            verifier: Verifier::new(
                args.scheme,
                secrets,
                i64::try_from(args.tolerance.as_millis()).unwrap_or(i64::MAX),
            ),
            replay: ReplayWindow::new(REPLAY_WINDOW),
            forwarder: args.forwarder.clone(),
            access: args.access.clone(),
            path: args.path.clone(),
            max_body: args.max_body,
            read_timeout: args.read_timeout,
            events: args.events.clone(),
            goal: Goal::new(args.until.clone(), args.count, secrets.is_empty()),
            lines: lines.clone(),
            verbose: ctx.verbose > 0,
            stop: stop_tx,
            // --ui: the view owns the screen; no per-request notes on stderr beneath it.
            out: if args.ui {
                crate::output::Out {
                    quiet: true,
                    ..ctx.out
                }
            } else {
                ctx.out
            },
            recorder: recorder.clone(),
            probe: Arc::new(tunnel::probe::Slot::default()),
            ack_first,
            ui: args.ui,
            tally: Default::default(),
        });
        let dispatcher = tokio::spawn(ack::AckFirst::dispatch(state.clone()));
        let (stopped_tx, stopped_rx) = oneshot::channel::<Stop>();
        // Connections wait in the socket's backlog until the doors open ([`Session::open`]):
        // `--catch-up` brings in what was missed before any live delivery is taken.
        let (doors_tx, doors_rx) = oneshot::channel::<()>();
        let serving = server::serve(listener, state.clone(), async {
            let _ = stopped_rx.await;
        });
        let server = tokio::spawn(async move {
            let _ = doors_rx.await;
            serving.await;
        });
        Ok(Session {
            state,
            lines,
            printer,
            stop_rx,
            recorder,
            server,
            stopped_tx: Some(stopped_tx),
            doors: Some(doors_tx),
            dispatcher,
            local,
            secret_count: secrets.len(),
        })
    }

    /// `--catch-up` (when asked), then start taking live deliveries. A goal reached by the
    /// caught-up deliveries alone stops the session before any live one.
    pub async fn open(&mut self, ctx: &Ctx, args: &Options, secrets: &[Secret]) -> Result<()> {
        let result = match (&args.catch_up, &args.record) {
            (Some(plan), Some(recording)) => {
                super::catch_up::run(ctx, &self.state, plan, &recording.db, secrets.first())
                    .await
                    .map(|_| ())
            }
            _ => Ok(()),
        };
        self.open_doors();
        result
    }

    fn open_doors(&mut self) {
        if let Some(doors) = self.doors.take() {
            let _ = doors.send(());
        }
    }

    /// Make the listener public when asked (serving already, so the tunnel's probe can arrive),
    /// say `ready`, and wait for a stop. A signal during set-up stops here too.
    pub async fn wait(
        &mut self,
        ctx: &Ctx,
        args: &Options,
        temporary_secret: Option<&Secret>,
        exposure: &mut Exposure,
        signals: &mut Signals,
    ) -> Result<Stop> {
        if let Some(secret) = temporary_secret
            && let Some(stop) = exposure
                .open(ctx, args, self.local, secret, &self.state.probe, signals)
                .await?
        {
            return Ok(stop);
        }
        announce(
            ctx,
            args,
            self.local,
            self.secret_count,
            &self.state,
            exposure,
        );
        let deadline = async {
            match args.timeout_after {
                Some(after) => tokio::time::sleep(after).await,
                None => std::future::pending().await,
            }
        };
        // --ui: the view runs beside the server, over the inbox it records into; quitting it
        // stops listen (exit 0), and any other stop closes it first.
        let view_stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let mut view = start_view(args, view_stop.clone());
        let view_done = async {
            match &mut view {
                Some(task) => task.await,
                None => std::future::pending().await,
            }
        };
        let mut view_ended = false;
        let stop = tokio::select! {
            stop = signals.next() => stop,
            Some(stop) = self.stop_rx.recv() => stop,
            _ = deadline => Stop::TimedOut,
            _ = &mut self.printer => Stop::StdoutClosed,
            ended = view_done => {
                view_ended = true;
                if let Ok(Err(err)) = ended {
                    ctx.out.warn(format!("the view stopped: {err:#}"));
                }
                Stop::Terminated
            }
        };
        if let Some(task) = view.take().filter(|_| !view_ended) {
            // Give the terminal back before anything else is printed.
            view_stop.store(true, std::sync::atomic::Ordering::SeqCst);
            let _ = task.await;
        }
        Ok(stop)
    }

    /// Stop taking deliveries, let `--ack-first`'s forwards settle (a second Ctrl-C cuts it
    /// short), flush the printer and the inbox, and sum the session up.
    pub async fn finish(mut self, stop: Stop, signals: &mut Signals) -> (Stop, Summary) {
        self.open_doors();
        if let Some(tx) = self.stopped_tx.take() {
            let _ = tx.send(stop.clone());
        }
        let _ = (&mut self.server).await;
        if let Some(ack) = &self.state.ack_first {
            settle_ack_first(ack, signals).await;
        }
        self.dispatcher.abort();
        let pending = self.state.ack_first.as_ref().map_or(0, |ack| ack.waiting()) as u64;
        let mut summary = self
            .state
            .tally
            .summary(pending, !self.state.forwarder.is_empty());
        // Every connection is done: the printer writes what is queued, then finishes.
        drop(self.state);
        self.lines.close();
        let _ = tokio::time::timeout(Duration::from_secs(5), self.printer).await;
        if let Some(recorder) = self.recorder {
            // Every delivery is queued by now: commit them all before exiting.
            let path = recorder.path().display().to_string();
            if let Ok(stats) = tokio::task::spawn_blocking(move || recorder.finish()).await {
                summary.recorded = Some(stats.written);
            }
            summary.inbox = Some(path);
        }
        (stop, summary)
    }

    /// Set-up failed (the tunnel, the webhook): stop serving before the error is reported.
    pub async fn abandon(mut self) {
        self.open_doors();
        if let Some(tx) = self.stopped_tx.take() {
            let _ = tx.send(Stop::Terminated);
        }
        let _ = (&mut self.server).await;
        self.dispatcher.abort();
    }
}

/// `--ui`'s view over the inbox listen records into, on its own thread; `None` without `--ui`.
fn start_view(
    args: &Options,
    stop: Arc<std::sync::atomic::AtomicBool>,
) -> Option<JoinHandle<Result<()>>> {
    let (true, Some(recording)) = (&args.ui, &args.record) else {
        return None;
    };
    let path = recording.db.clone();
    // r replays to the forward target, signed as listen verifies.
    let replay = crate::browse::Replay {
        to: args.forwarder.targets().first().map(|t| t.url.clone()),
        secret: args.secrets.first().cloned(),
        scheme: args.scheme,
    };
    Some(tokio::task::spawn_blocking(move || -> Result<()> {
        let conn = crate::inbox::schema::open_existing(&path, &crate::output::Out::plain())?
            .context("the inbox listen records into")?;
        crate::browse::run_live(&conn, "lpwh listen".to_owned(), replay, stop)
    }))
}
