//! `listen --ack-first`: the sender gets its 2xx before the app answers, so lpwh owns the
//! delivery from then on and must not lose it.
//!
//! - The delivery is committed to the inbox as `pending` before the sender is answered
//!   ([`crate::inbox::Recorder::record_pending`]); when that fails the sender gets a 503 and
//!   retries. So whatever Studio was told succeeded is on disk, even after `kill -9`.
//! - At most `--max-forwards` forwards are under way at once. The rest wait as rows in the inbox
//!   (only their ids are held here) and go to the app oldest first, read back when their turn
//!   comes.
//! - When the app answers, the row takes its real verdict and the app's outcome
//!   ([`crate::inbox::pending::resolve`]), and the delivery is printed and counted.
//! - On stop, [`AckFirst::settle`] waits (bounded, and a second Ctrl-C ends the wait) for what
//!   is left; anything still waiting stays `pending` for `lpwh inbox replay --pending`.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context as _, Result};
use rusqlite::Connection;
use tokio::sync::{Notify, Semaphore};

use crate::delivery::{Envelope, Record};
use crate::inbox::query;
use crate::listen::server::State;
use crate::signature::Reason;

/// The default for `--max-forwards`.
pub const DEFAULT_MAX_FORWARDS: u16 = 64;

/// What `--ack-first` is waiting on: committed pending rows not yet sent, and forwards under way.
#[derive(Debug)]
pub struct AckFirst {
    /// Ids of this run's pending rows not yet handed to a forward, oldest first.
    queued: Mutex<BTreeSet<i64>>,
    /// Forwards under way.
    sending: AtomicUsize,
    /// A row was queued, or a forward finished.
    changed: Notify,
    limit: Arc<Semaphore>,
    /// The dispatcher's own connection to the inbox: reads queued rows back, resolves them.
    db: Arc<Mutex<Connection>>,
}

impl AckFirst {
    /// Open the inbox at `path` (already opened for writing by the recorder) for the dispatcher.
    pub fn open(path: &std::path::Path, max_forwards: usize) -> Result<AckFirst> {
        let conn = crate::inbox::schema::open_existing(path, &crate::output::Out::plain())?
            .context("the inbox --ack-first records into")?;
        Ok(AckFirst {
            queued: Mutex::default(),
            sending: AtomicUsize::new(0),
            changed: Notify::new(),
            limit: Arc::new(Semaphore::new(max_forwards.max(1))),
            db: Arc::new(Mutex::new(conn)),
        })
    }

    /// A pending row `id` is committed: it goes to the app in its turn.
    pub fn queue(&self, id: i64) {
        self.queued
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(id);
        self.changed.notify_waiters();
    }

    /// Queued and under way.
    pub fn waiting(&self) -> usize {
        self.queued.lock().unwrap_or_else(|p| p.into_inner()).len()
            + self.sending.load(Ordering::SeqCst)
    }

    /// Hand queued rows to forwards, oldest first, at most `--max-forwards` at once. Runs until
    /// aborted.
    pub async fn dispatch(state: Arc<State>) {
        let Some(ack) = state.ack_first.clone() else {
            return;
        };
        loop {
            let Ok(permit) = ack.limit.clone().acquire_owned().await else {
                return;
            };
            let next = loop {
                let notified = ack.changed.notified();
                let first = ack
                    .queued
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .pop_first();
                if let Some(id) = first {
                    // Counted as sending before it leaves the queue's count: `waiting` never
                    // dips to 0 in between.
                    break id;
                }
                notified.await;
            };
            ack.sending.fetch_add(1, Ordering::SeqCst);
            let state = state.clone();
            let ack = ack.clone();
            tokio::spawn(async move {
                if let Err(err) = forward_one(&state, &ack, next).await {
                    state.out.warn(format!(
                        "--ack-first: delivery {next} stays pending in the inbox: {err:#}"
                    ));
                }
                ack.sending.fetch_sub(1, Ordering::SeqCst);
                ack.changed.notify_waiters();
                drop(permit);
            });
        }
    }

    /// Wait until nothing is left, `limit` passes, or `interrupt` resolves (a second Ctrl-C);
    /// how many were left.
    pub async fn settle(&self, limit: Duration, interrupt: impl Future<Output = ()>) -> usize {
        let deadline = tokio::time::Instant::now() + limit;
        tokio::pin!(interrupt);
        loop {
            let notified = self.changed.notified();
            let left = self.waiting();
            if left == 0 {
                return 0;
            }
            tokio::select! {
                _ = notified => {}
                _ = tokio::time::sleep_until(deadline) => return self.waiting(),
                _ = &mut interrupt => return self.waiting(),
            }
        }
    }

    async fn blocking<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Connection) -> rusqlite::Result<T> + Send + 'static,
    ) -> Result<T> {
        let db = self.db.clone();
        tokio::task::spawn_blocking(move || work(&db.lock().unwrap_or_else(|p| p.into_inner())))
            .await
            .context("the inbox task stopped")?
            .context("the inbox")
    }
}

/// Read pending row `id` back, send it to the app, resolve the row, then print and count it.
async fn forward_one(state: &State, ack: &AckFirst, id: i64) -> Result<()> {
    let Some((stored, held)) = ack
        .blocking(move |conn| {
            let held = crate::inbox::pending::held(conn, id)?;
            Ok(query::get(conn, id)?.zip(held))
        })
        .await?
    else {
        // Resolved meanwhile (`inbox replay`) or pruned: nothing to send.
        return Ok(());
    };
    let mut record = record_of(stored, held);
    let event = record.envelope.event.clone();
    record.forward = state
        .forwarder
        .send(event.as_deref(), &record.headers, &record.body)
        .await;
    let forward = record.forward.clone();
    ack.blocking(move |conn| crate::inbox::pending::resolve(conn, id, &forward))
        .await?;
    crate::listen::server::count_and_print(state, &record, true).await;
    Ok(())
}

/// A stored pending row as the record the printer and goal take.
fn record_of(stored: query::Stored, held: Reason) -> Record {
    let mut headers = http::HeaderMap::with_capacity(stored.headers.len());
    for (name, value) in &stored.headers {
        if let (Ok(name), Ok(value)) = (
            http::HeaderName::from_bytes(name.as_bytes()),
            http::HeaderValue::from_str(value),
        ) {
            headers.append(name, value);
        }
    }
    let body = bytes::Bytes::from(stored.body);
    Record {
        time_ms: stored.received_at_ms,
        remote: stored.remote.as_deref().and_then(|r| r.parse().ok()),
        path: stored.path,
        status: stored
            .status
            .and_then(|s| u16::try_from(s).ok())
            .unwrap_or(200),
        reason: held,
        hint: stored.hint,
        envelope: Envelope::parse(&body),
        headers,
        body,
        forward: Vec::new(),
        access: None,
    }
}
