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
use rusqlite::{Connection, TransactionBehavior};

use crate::humane::now_ms;
use crate::inbox::{Delivery, Retention, schema};
use crate::output::Out;
use crate::signature::Reason;
use crate::spool::{Scratch, Spool, Taken};

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

/// Rows per INSERT statement, largest first: one statement per row costs a VM run and an
/// AUTOINCREMENT bookkeeping write each, so a batch goes in as 32-row statements, and its tail
/// (fewer than 32) as 8-row and then 1-row ones. Three fixed shapes stay prepared in rusqlite's
/// statement cache; a statement per tail length (31 shapes) overflowed it and was re-prepared on
/// almost every commit (7% of the writer's time under `benches/listen_load.rs --inbox`, perf).
/// 32 rows × 13 columns stay far below SQLite's parameter limit.
const STATEMENT_ROWS: [usize; 3] = [32, 8, 1];
pub const COLUMNS: usize = 14;

/// `INSERT INTO deliveries (...) VALUES (?, ...), ...` for `rows` rows, [`COLUMNS`] parameters
/// each in the order `insert` binds them. Public for the SQLite-alone baseline in
/// `benches/inbox_write.rs`, which must insert exactly what the writer does.
pub fn insert_sql(rows: usize) -> String {
    let one = format!("({})", vec!["?"; COLUMNS].join(","));
    format!(
        "INSERT INTO deliveries ({INSERT_COLUMNS}) VALUES {}",
        vec![one; rows].join(",")
    )
}

/// The [`COLUMNS`] columns every row binds, in order.
const INSERT_COLUMNS: &str = "received_at, method, path, headers, body, verdict, hint, event, \
                              event_id, webhook_id, forward, status, remote, app_response";

/// The SQL for each of [`STATEMENT_ROWS`], built once.
fn insert_sqls() -> &'static [String; STATEMENT_ROWS.len()] {
    static SQL: std::sync::OnceLock<[String; STATEMENT_ROWS.len()]> = std::sync::OnceLock::new();
    SQL.get_or_init(|| STATEMENT_ROWS.map(insert_sql))
}

/// Insert `batch` in one transaction, in order. Runs of ordinary rows go in as multi-row
/// statements; each pending row goes alone, and its (ticket, row id) is pushed to `ids`.
fn insert(
    conn: &mut Connection,
    batch: &[Row<'_>],
    ids: &mut Vec<(u64, i64)>,
) -> rusqlite::Result<()> {
    ids.clear();
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let mut rest = batch;
    while !rest.is_empty() {
        let run = rest
            .iter()
            .position(|row| row.pending.is_some())
            .unwrap_or(rest.len());
        insert_run(&tx, &rest[..run])?;
        rest = &rest[run..];
        if let Some((row, tail)) = rest.split_first() {
            ids.push(insert_pending(&tx, row)?);
            rest = tail;
        }
    }
    tx.commit()
}

fn insert_run(tx: &rusqlite::Transaction<'_>, batch: &[Row<'_>]) -> rusqlite::Result<()> {
    let mut rest = batch;
    for (rows, sql) in STATEMENT_ROWS.into_iter().zip(insert_sqls()) {
        if rest.len() < rows {
            continue;
        }
        let mut stmt = tx.prepare_cached(sql)?;
        while rest.len() >= rows {
            let (chunk, tail) = rest.split_at(rows);
            for (row, d) in chunk.iter().enumerate() {
                bind_row(&mut stmt, row * COLUMNS, d)?;
            }
            stmt.raw_execute()?;
            rest = tail;
        }
    }
    debug_assert!(rest.is_empty(), "the 1-row statement takes any tail");
    Ok(())
}

/// Bind `d`'s [`COLUMNS`] values after parameter `at`, in [`insert_sql`]'s order.
fn bind_row(
    stmt: &mut rusqlite::CachedStatement<'_>,
    at: usize,
    d: &Row<'_>,
) -> rusqlite::Result<()> {
    stmt.raw_bind_parameter(at + 1, d.received_at_ms)?;
    stmt.raw_bind_parameter(at + 2, d.method)?;
    stmt.raw_bind_parameter(at + 3, d.path)?;
    stmt.raw_bind_parameter(at + 4, d.headers)?;
    stmt.raw_bind_parameter(at + 5, d.body)?;
    stmt.raw_bind_parameter(at + 6, d.verdict)?;
    stmt.raw_bind_parameter(at + 7, d.hint)?;
    stmt.raw_bind_parameter(at + 8, d.event)?;
    stmt.raw_bind_parameter(at + 9, d.event_id)?;
    stmt.raw_bind_parameter(at + 10, d.webhook_id)?;
    stmt.raw_bind_parameter(at + 11, d.forward)?;
    stmt.raw_bind_parameter(at + 12, d.status)?;
    stmt.raw_bind_parameter(at + 13, d.remote)?;
    stmt.raw_bind_parameter(at + 14, d.app_response)?;
    Ok(())
}

/// One pending row: its verdict is `pending` and `held` keeps the one it takes later.
fn insert_pending(tx: &rusqlite::Transaction<'_>, d: &Row<'_>) -> rusqlite::Result<(u64, i64)> {
    let (ticket, held) = d.pending.expect("a pending row");
    let mut stmt = tx.prepare_cached(&format!(
        "INSERT INTO deliveries ({INSERT_COLUMNS}, held) VALUES ({}, ?)",
        vec!["?"; COLUMNS].join(",")
    ))?;
    bind_row(&mut stmt, 0, d)?;
    stmt.raw_bind_parameter(COLUMNS + 1, held)?;
    stmt.raw_execute()?;
    Ok((ticket, tx.last_insert_rowid()))
}

/// Keep the newest `keep` rows: find the id of the `keep`-th newest and delete below it.
fn prune_to_count(conn: &Connection, keep: u64) -> rusqlite::Result<()> {
    let offset = i64::try_from(keep.saturating_sub(1)).unwrap_or(i64::MAX);
    let cutoff: Option<i64> = match conn.query_row(
        "SELECT id FROM deliveries ORDER BY id DESC LIMIT 1 OFFSET ?1",
        [offset],
        |r| r.get(0),
    ) {
        Ok(id) => Some(id),
        Err(rusqlite::Error::QueryReturnedNoRows) => None,
        Err(e) => return Err(e),
    };
    if let Some(cutoff) = cutoff {
        // Pending rows stay: the sender was told they were received, and only the inbox has them.
        conn.execute(
            "DELETE FROM deliveries WHERE id < ?1 AND verdict != 'pending'",
            [cutoff],
        )?;
    }
    Ok(())
}

fn is_busy(err: &rusqlite::Error) -> bool {
    matches!(
        err.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

// The queue's encoding. An entry is a tag byte, then:
// - ROW: received_at (i64 LE), status (u16 LE), then the fields in `Row`'s order, each as a u64
//   LE length (NULL_FIELD for SQL NULL) and that many bytes;
// - FLUSH: a u64 LE sequence number ([`Recorder::flush`]);
// - PENDING: a u64 LE ticket, the held verdict (a field), then a ROW's body
//   ([`Recorder::record_pending`]).
// Written by `encode` and read by `Reader` only, in this process; never stored.

const ROW: u8 = 0;
const FLUSH: u8 = 1;
const PENDING: u8 = 2;
const NULL_FIELD: u64 = u64::MAX;

/// Append `delivery` to `out` as one queue entry.
fn encode(d: &Delivery<'_>, out: &mut Vec<u8>) {
    out.push(ROW);
    encode_fields(d, out);
}

/// Append `delivery` to `out` as a pending row that waits for `ticket`'s commit.
fn encode_pending(d: &Delivery<'_>, ticket: u64, held: Reason, out: &mut Vec<u8>) {
    out.push(PENDING);
    out.extend_from_slice(&ticket.to_le_bytes());
    put_text(out, Some(held.as_str()));
    encode_fields(
        &Delivery {
            verdict: Reason::Pending,
            ..*d
        },
        out,
    );
}

fn encode_fields(d: &Delivery<'_>, out: &mut Vec<u8>) {
    out.extend_from_slice(&d.received_at_ms.to_le_bytes());
    out.extend_from_slice(&d.status.to_le_bytes());
    put_text(out, Some(d.method));
    put_text(out, Some(d.path));
    put_with(out, |out| write_headers_json(d.headers, out));
    put_with(out, |out| out.extend_from_slice(d.body));
    put_text(out, Some(d.verdict.as_str()));
    put_text(out, d.hint);
    put_text(out, d.event);
    put_text(out, d.event_id);
    put_text(out, d.webhook_id);
    if d.forward.is_empty() {
        out.extend_from_slice(&NULL_FIELD.to_le_bytes());
    } else {
        put_with(out, |out| {
            let start = out.len();
            if serde_json::to_writer(&mut *out, d.forward).is_err() {
                out.truncate(start);
                out.extend_from_slice(b"[]");
            }
        });
    }
    match d.remote {
        Some(addr) => put_with(out, |out| crate::json_write::push_addr_text(out, addr)),
        None => out.extend_from_slice(&NULL_FIELD.to_le_bytes()),
    }
    match d.forward.first() {
        Some(first) if first.status.is_some() => put_with(out, |out| {
            let kept = &first.body[..first.body.len().min(crate::inbox::APP_RESPONSE_MAX)];
            out.extend_from_slice(kept);
        }),
        _ => out.extend_from_slice(&NULL_FIELD.to_le_bytes()),
    }
}

/// A field written by `write`, after its length (patched in once known).
fn put_with(out: &mut Vec<u8>, write: impl FnOnce(&mut Vec<u8>)) {
    let at = out.len();
    out.extend_from_slice(&[0; 8]);
    write(out);
    let len = (out.len() - at - 8) as u64;
    out[at..at + 8].copy_from_slice(&len.to_le_bytes());
}

fn put_text(out: &mut Vec<u8>, text: Option<&str>) {
    match text {
        Some(text) => {
            out.extend_from_slice(&(text.len() as u64).to_le_bytes());
            out.extend_from_slice(text.as_bytes());
        }
        None => out.extend_from_slice(&NULL_FIELD.to_le_bytes()),
    }
}

/// One queued delivery, borrowed from the writer's buffer: what is bound to the INSERT.
#[derive(Debug, PartialEq)]
struct Row<'a> {
    received_at_ms: i64,
    status: u16,
    method: &'a str,
    path: &'a str,
    headers: &'a str,
    body: &'a [u8],
    verdict: &'a str,
    hint: Option<&'a str>,
    event: Option<&'a str>,
    event_id: Option<&'a str>,
    webhook_id: Option<&'a str>,
    forward: Option<&'a str>,
    remote: Option<&'a str>,
    /// The start of the app's answer, when it answered.
    app_response: Option<&'a [u8]>,
    /// A pending row's ticket and held verdict.
    pending: Option<(u64, &'a str)>,
}

/// `rows`, emptied, as storage for rows that borrow another buffer. Each take's rows borrow that
/// take's bytes, so the batch cannot be kept with its type from one take to the next; this keeps
/// its allocation instead (about 400 KiB for [`BATCH_ROWS`]: allocating and freeing that per take
/// cost more than decoding the rows). Collecting an empty `Vec`'s `into_iter` into a `Vec` of a
/// type with the same layout reuses the allocation (a test holds this).
fn recycle<'b>(mut rows: Vec<Row<'_>>) -> Vec<Row<'b>> {
    rows.clear();
    rows.into_iter()
        .map(|_| unreachable!("the Vec was just emptied"))
        .collect()
}

// Entries are read one at a time and moved straight into the batch: boxing rows would cost an
// allocation each.
#[allow(clippy::large_enum_variant)]
enum Entry<'a> {
    Row(Row<'a>),
    Flush(u64),
}

/// Reads queue entries off the front of a buffer. Every read returns `None` on bytes that are
/// not what [`encode`] writes (which would be a bug), rather than panicking.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn bytes(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(head)
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.bytes(N)?.try_into().ok()
    }

    fn field(&mut self) -> Option<Option<&'a [u8]>> {
        let len = u64::from_le_bytes(self.array()?);
        if len == NULL_FIELD {
            return Some(None);
        }
        self.bytes(usize::try_from(len).ok()?).map(Some)
    }

    fn text(&mut self) -> Option<Option<&'a str>> {
        match self.field()? {
            Some(bytes) => std::str::from_utf8(bytes).ok().map(Some),
            None => Some(None),
        }
    }

    fn entry(&mut self) -> Option<Entry<'a>> {
        match self.array::<1>()?[0] {
            FLUSH => Some(Entry::Flush(u64::from_le_bytes(self.array()?))),
            ROW => Some(Entry::Row(self.row(None)?)),
            PENDING => {
                let ticket = u64::from_le_bytes(self.array()?);
                let held = self.text()??;
                Some(Entry::Row(self.row(Some((ticket, held)))?))
            }
            _ => None,
        }
    }

    fn row(&mut self, pending: Option<(u64, &'a str)>) -> Option<Row<'a>> {
        Some(Row {
            received_at_ms: i64::from_le_bytes(self.array()?),
            status: u16::from_le_bytes(self.array()?),
            method: self.text()??,
            path: self.text()??,
            headers: self.text()??,
            body: self.field()??,
            verdict: self.text()??,
            hint: self.text()?,
            event: self.text()?,
            event_id: self.text()?,
            webhook_id: self.text()?,
            forward: self.text()?,
            remote: self.text()?,
            app_response: self.field()?,
            pending,
        })
    }
}

/// `[[name, value], ...]` in arrival order, repeated names kept, appended to `out`. Values that
/// are not UTF-8 (rare, and not something a webhook sender does) are stored lossily.
fn write_headers_json(headers: &http::HeaderMap, out: &mut Vec<u8>) {
    out.push(b'[');
    for (i, (name, value)) in headers.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        // Names are lowercase tokens: nothing to escape.
        out.extend_from_slice(b"[\"");
        out.extend_from_slice(name.as_str().as_bytes());
        out.extend_from_slice(b"\",");
        crate::json_write::push_string(out, value.as_bytes());
        out.push(b']');
    }
    out.push(b']');
}

#[cfg(test)]
mod tests;
