//! The [`Recorder`]: deliveries go into a bounded queue and a dedicated writer thread commits
//! them in batches, so a request never waits for the disk and a slow or locked database costs
//! recorded rows (counted and reported), never answers.
//!
//! A delivery is queued as bytes: [`Recorder::record`] encodes the row into the [`Spool`] (see
//! [`encode`]) and the writer binds its fields straight from those bytes. No heap object crosses
//! from the request threads to the writer, and a queued row holds exactly its own bytes, not the
//! connection's read buffer.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};
use rusqlite::Connection;

use crate::humane::now_ms;
use crate::inbox::{Delivery, Retention, schema};
use crate::output::Out;
use crate::signature::Reason;
use crate::spool::{Scratch, Spool, Taken};

// How a queued delivery is laid out in the spool and read back ([`entry`]), and how a batch
// goes into SQLite ([`sql`]).
mod entry;
mod sql;

use entry::{Entry, FLUSH, Reader, Row, encode, encode_pending, recycle};
pub use sql::{COLUMNS, insert_sql};
use sql::{insert, is_busy, prune_to_count};

/// How many bytes of encoded deliveries may wait for the writer before new ones are dropped (and
/// counted): about 50,000 typical deliveries, or 32 one-MiB bodies.
pub const QUEUE_MAX_BYTES: usize = 32 * 1024 * 1024;
pub const BATCH_ROWS: usize = 2000;
/// After committing a small batch the writer waits this long before taking the next one, so a
/// steady stream is committed in groups rather than one transaction (and one wake-up) per row.
/// A commit costs a fixed ~150 µs on top of its rows (`benches/inbox_write.rs`: 100-row
/// transactions cost about 1.2 µs a row more than 500-row ones), so longer is cheaper, up to
/// the point where a batch's burst of work stalls the request threads. Since the writer runs as
/// SCHED_BATCH ([`background_scheduling`]) its bursts wait for a time slice to end instead of
/// preempting one: `benches/listen_load.rs --ab --inbox`, 10 ms vs 2 ms, gave 1.07x and 1.06x
/// the throughput and 0.92x the CPU per delivery (before SCHED_BATCH, 10 ms had been no better
/// than 2 ms). Far inside the 50 ms crash-safety promise (a delivery is committed within 50 ms of its answer).
const LINGER: Duration = Duration::from_millis(10);
/// A take smaller than this is "small" (the writer then lingers before the next).
const SMALL_TAKE: usize = 256 * 1024;
/// The writer prunes (with `--keep`) every this many batches, at start and at shutdown.
pub const PRUNE_EVERY_BATCHES: u64 = 20;
/// Drops and write errors are reported on stderr at most this often.
const REPORT_EVERY: Duration = Duration::from_secs(2);

/// Counters shared by the callers and the writer thread.
#[derive(Debug, Default)]
struct Counters {
    written: AtomicU64,
    /// Not recorded: the queue was full, or the writer had stopped.
    dropped: AtomicU64,
    /// Not recorded: the database refused the write (disk full, locked past the timeout, ...).
    failed: AtomicU64,
}

/// What the recorder did, reported at shutdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stats {
    pub written: u64,
    pub dropped: u64,
    pub failed: u64,
}

impl Stats {
    /// Not recorded, for whatever reason.
    pub fn lost(&self) -> u64 {
        self.dropped + self.failed
    }
}

/// The highest flush marker the writer has committed up to; `u64::MAX` once it has stopped.
#[derive(Debug, Default)]
struct Flushed {
    done: Mutex<u64>,
    changed: Condvar,
}

impl Flushed {
    fn mark(&self, seq: u64) {
        let mut done = self.done.lock().unwrap_or_else(|p| p.into_inner());
        *done = (*done).max(seq);
        self.changed.notify_all();
    }

    fn wait_for(&self, seq: u64) {
        let mut done = self.done.lock().unwrap_or_else(|p| p.into_inner());
        while *done < seq {
            done = self.changed.wait(done).unwrap_or_else(|p| p.into_inner());
        }
    }
}

/// Who waits for which pending row's commit: a ticket each, answered with the row id (or `None`
/// when the commit failed). Dropping a sender (the writer stopping) answers `None` too.
#[derive(Debug, Default)]
struct Tickets(Mutex<std::collections::HashMap<u64, tokio::sync::oneshot::Sender<Option<i64>>>>);

impl Tickets {
    fn insert(&self, ticket: u64, tx: tokio::sync::oneshot::Sender<Option<i64>>) {
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(ticket, tx);
    }

    fn take(&self, ticket: u64) -> Option<tokio::sync::oneshot::Sender<Option<i64>>> {
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&ticket)
    }

    fn answer(&self, ticket: u64, id: Option<i64>) {
        if let Some(tx) = self.take(ticket) {
            let _ = tx.send(id);
        }
    }

    fn abandon_all(&self) {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).clear();
    }
}

/// Records deliveries into the inbox database from any thread or task, without blocking.
#[derive(Debug)]
pub struct Recorder {
    queue: Arc<Spool>,
    counters: Arc<Counters>,
    flushed: Arc<Flushed>,
    next_flush: AtomicU64,
    tickets: Arc<Tickets>,
    next_ticket: AtomicU64,
    thread: Mutex<Option<JoinHandle<()>>>,
    path: PathBuf,
}

impl Recorder {
    /// Open (or create) the database at `path` and start the writer thread. Errors here are the
    /// caller's to report: a database that cannot be opened should stop `listen` at start, not
    /// lose every delivery silently.
    pub fn open(path: &Path, retention: Option<Retention>, out: Out) -> Result<Recorder> {
        let conn = schema::open_for_writing(path, &out)?;
        let queue = Arc::new(Spool::new(QUEUE_MAX_BYTES));
        let counters = Arc::new(Counters::default());
        let flushed = Arc::new(Flushed::default());
        let tickets = Arc::new(Tickets::default());
        let writer = Writer {
            conn,
            queue: queue.clone(),
            counters: counters.clone(),
            flushed: flushed.clone(),
            tickets: tickets.clone(),
            retention,
            out,
            batches: 0,
            reported_lost: 0,
            last_report: None,
        };
        let thread = std::thread::Builder::new()
            .name("lpwh-inbox-writer".into())
            .spawn(move || writer.run())
            .context("starting the inbox writer thread")?;
        Ok(Recorder {
            queue,
            counters,
            flushed,
            next_flush: AtomicU64::new(0),
            tickets,
            next_ticket: AtomicU64::new(0),
            thread: Mutex::new(Some(thread)),
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Queue one delivery (a copy of what the inbox keeps of it). Never blocks and never fails:
    /// when the queue is full (or the writer has stopped) the delivery is counted as dropped.
    pub fn record(&self, delivery: &Delivery<'_>) {
        let mut row = Scratch::take();
        encode(delivery, &mut row);
        if self.queue.try_extend(&row).is_err() {
            self.counters.dropped.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Record one delivery as `pending` (`listen --ack-first`): it takes verdict `held` once the
    /// app answers ([`crate::inbox::pending::resolve`]). Returns its row id once the row is
    /// committed, so the sender is answered only for what is on disk; `None` when it could not be
    /// recorded (queue full, database error, writer stopped). Commits are still grouped: many
    /// requests waiting at once share one transaction.
    pub async fn record_pending(&self, delivery: &Delivery<'_>, held: Reason) -> Option<i64> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        let ticket = self.next_ticket.fetch_add(1, Ordering::Relaxed);
        self.tickets.insert(ticket, tx);
        let queued = {
            let mut row = Scratch::take();
            encode_pending(delivery, ticket, held, &mut row);
            self.queue.try_extend(&row).is_ok()
        };
        if !queued {
            self.tickets.take(ticket);
            self.counters.dropped.fetch_add(1, Ordering::Relaxed);
            return None;
        }
        // An error means the writer stopped without committing it.
        rx.await.ok().flatten()
    }

    pub fn stats(&self) -> Stats {
        let c = &self.counters;
        Stats {
            written: c.written.load(Ordering::Relaxed),
            dropped: c.dropped.load(Ordering::Relaxed),
            failed: c.failed.load(Ordering::Relaxed),
        }
    }

    /// Wait until everything queued so far is committed. Blocks: not for async code paths.
    pub fn flush(&self) {
        // AcqRel: a later flusher's marker is queued after every row queued before ours, so the
        // writer reaching any marker at or above ours has committed our rows too.
        let seq = self.next_flush.fetch_add(1, Ordering::AcqRel) + 1;
        let mut marker = [FLUSH; 9];
        marker[1..].copy_from_slice(&seq.to_le_bytes());
        if self.queue.force_extend(&marker).is_ok() {
            self.flushed.wait_for(seq);
        }
    }

    /// Commit everything queued, prune, stop the writer and return the totals. Later calls to
    /// [`Recorder::record`] count as dropped. Blocks until the writer is done.
    pub fn finish(&self) -> Stats {
        let thread = self.thread.lock().unwrap_or_else(|p| p.into_inner()).take();
        self.queue.close();
        if let Some(thread) = thread {
            let _ = thread.join();
        }
        self.stats()
    }
}

impl Drop for Recorder {
    fn drop(&mut self) {
        self.finish();
    }
}

struct Writer {
    conn: Connection,
    queue: Arc<Spool>,
    counters: Arc<Counters>,
    flushed: Arc<Flushed>,
    tickets: Arc<Tickets>,
    retention: Option<Retention>,
    out: Out,
    batches: u64,
    reported_lost: u64,
    last_report: Option<Instant>,
}

/// Releases every `flush` and pending-row waiter when the writer stops, however it stops.
struct ReleaseWaiters(Arc<Flushed>, Arc<Tickets>);

impl Drop for ReleaseWaiters {
    fn drop(&mut self) {
        self.0.mark(u64::MAX);
        self.1.abandon_all();
    }
}

impl Writer {
    fn run(mut self) {
        let _release = ReleaseWaiters(self.flushed.clone(), self.tickets.clone());
        background_scheduling();
        self.prune();
        let mut taken: Vec<u8> = Vec::new();
        let mut spare: Vec<Row<'static>> = Vec::with_capacity(BATCH_ROWS);
        // Everything queued before `close` is taken before `Closed` is seen: nothing is lost.
        while self.queue.take(&mut taken, None) == Taken::Some {
            let small = taken.len() < SMALL_TAKE;
            let mut batch = recycle(spare);
            self.write_taken(&taken, &mut batch);
            spare = recycle(batch);
            if self.batches.is_multiple_of(PRUNE_EVERY_BATCHES) {
                self.prune();
            }
            self.report_losses(false);
            taken.clear();
            // A burst of large bodies must not keep a large buffer for ever.
            taken.shrink_to(2 * SMALL_TAKE);
            if small {
                std::thread::sleep(LINGER);
            }
        }
        self.prune();
        self.report_losses(true);
        // Fold the WAL back into the main file so it is one self-contained file at rest;
        // another process may still be writing, in which case this is a no-op.
        let _ = self.conn.execute_batch("PRAGMA wal_checkpoint(PASSIVE);");
    }

    /// Commit the rows in `taken` (encoded by [`encode`]) in transactions of at most
    /// [`BATCH_ROWS`], answering flush markers once everything before them is committed.
    fn write_taken<'a>(&mut self, taken: &'a [u8], batch: &mut Vec<Row<'a>>) {
        let mut reader = Reader(taken);
        while !reader.0.is_empty() {
            match reader.entry() {
                Some(Entry::Row(row)) => {
                    batch.push(row);
                    if batch.len() >= BATCH_ROWS {
                        self.commit(batch);
                    }
                }
                Some(Entry::Flush(seq)) => {
                    self.commit(batch);
                    self.flushed.mark(seq);
                }
                None => {
                    // Only this module writes the queue, so this is a bug, not bad input; the
                    // bytes after it cannot be framed, so they are skipped and said to be.
                    self.out.warn(format!(
                        "inbox: internal error: {} bytes of queued deliveries could not be \
                         decoded and were not recorded",
                        reader.0.len()
                    ));
                    break;
                }
            }
        }
        self.commit(batch);
    }

    /// Write `batch` in one transaction and empty it.
    fn commit(&mut self, batch: &mut Vec<Row<'_>>) {
        if batch.is_empty() {
            return;
        }
        let mut ids = Vec::new();
        let mut result = insert(&mut self.conn, batch, &mut ids);
        if let Err(err) = &result
            && is_busy(err)
        {
            // Another process held the lock past the busy timeout: one more try before giving up.
            std::thread::sleep(Duration::from_millis(100));
            result = insert(&mut self.conn, batch, &mut ids);
        }
        let n = batch.len() as u64;
        match result {
            Ok(()) => {
                self.counters.written.fetch_add(n, Ordering::Relaxed);
                for (ticket, id) in ids {
                    self.tickets.answer(ticket, Some(id));
                }
            }
            Err(err) => {
                for ticket in batch.iter().filter_map(|row| row.pending.map(|p| p.0)) {
                    self.tickets.answer(ticket, None);
                }
                self.counters.failed.fetch_add(n, Ordering::Relaxed);
                self.out.warn(format!(
                    "inbox: could not record {n} deliver{}: {err}",
                    if n == 1 { "y" } else { "ies" }
                ));
            }
        }
        self.batches += 1;
        batch.clear();
    }

    /// Delete what `--keep` does not keep. Failures only delay pruning until the next try.
    fn prune(&mut self) {
        let result = match self.retention {
            None => return,
            Some(Retention::Count(keep)) => prune_to_count(&self.conn, keep),
            Some(Retention::Age(age)) => {
                let cutoff =
                    now_ms().saturating_sub(i64::try_from(age.as_millis()).unwrap_or(i64::MAX));
                self.conn
                    .execute(
                        "DELETE FROM deliveries WHERE received_at < ?1 AND verdict != 'pending'",
                        [cutoff],
                    )
                    .map(drop)
            }
        };
        if let Err(err) = result {
            self.out
                .warn(format!("inbox: pruning old deliveries failed: {err}"));
        }
    }

    /// A stderr line when deliveries went unrecorded: at most every few seconds while
    /// running, and once at the end.
    fn report_losses(&mut self, last: bool) {
        let c = &self.counters;
        let lost = c.dropped.load(Ordering::Relaxed) + c.failed.load(Ordering::Relaxed);
        if lost == self.reported_lost {
            return;
        }
        if !last && self.last_report.is_some_and(|t| t.elapsed() < REPORT_EVERY) {
            return;
        }
        self.out.warn(format!(
            "inbox: {} deliveries not recorded so far (the database could not keep up); \
             they were still answered",
            lost
        ));
        self.reported_lost = lost;
        self.last_report = Some(Instant::now());
    }
}

/// Mark the calling thread (the writer) as background work for the Linux scheduler
/// (`SCHED_BATCH`). It keeps its fair share of CPU (same nice level, so under sustained load it
/// still keeps up and nothing is dropped), but waking up no longer preempts a request thread in
/// the middle of its time slice: the writer wakes every few milliseconds, and preempting then
/// stalled the requests that thread was serving and refilled its caches. Measured with
/// `benches/listen_load.rs --ab` (both builds recording): see BENCHMARKS.md. Best effort: if the
/// call fails, the thread keeps the normal policy.
fn background_scheduling() {
    #[cfg(target_os = "linux")]
    {
        let param = libc::sched_param { sched_priority: 0 };
        // SAFETY: `sched_setscheduler` only reads `param`, which lives across the call; pid 0
        // is the calling thread. SCHED_BATCH requires priority 0 and no privilege.
        let _ = unsafe { libc::sched_setscheduler(0, libc::SCHED_BATCH, &param) };
    }
}

#[cfg(test)]
mod tests;
