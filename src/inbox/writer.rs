//! The [`Recorder`]: deliveries go into a bounded queue and a dedicated writer thread commits
//! them in batches, so a request never waits for the disk and a slow or locked database costs
//! recorded rows (counted and reported), never answers.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};
use rusqlite::{Connection, TransactionBehavior};

use crate::inbox::{Delivery, Retention, schema};
use crate::output::{Out, now_ms};
use crate::spool::{Refused, Spool, Taken};

/// How many deliveries may wait for the writer before new ones are dropped (and counted).
pub const QUEUE_CAPACITY: usize = 10_000;
/// ... and how many bytes of them: 10,000 one-MiB bodies would be 10 GB of memory.
pub const QUEUE_MAX_BYTES: usize = 32 * 1024 * 1024;
/// No delivery waits longer than this for its commit (the crash-safety promise), and a
/// transaction holds at most [`BATCH_ROWS`].
pub const BATCH_WINDOW: Duration = Duration::from_millis(50);
pub const BATCH_ROWS: usize = 2000;
/// After committing a small batch the writer waits this long before taking the next one, so a
/// steady stream is committed in groups rather than one transaction (and one wake-up) per row.
/// Short on purpose: measured with benches/listen_load.rs --inbox, lingers of 1-5 ms gave the
/// same throughput as 20 ms with less added latency, since a long linger turns the writer's work
/// into bursts that take a whole core from the request path. Far inside [`BATCH_WINDOW`].
const LINGER: Duration = Duration::from_millis(2);
/// The writer prunes (with `--keep`) every this many batches, at start and at shutdown.
pub const PRUNE_EVERY_BATCHES: u64 = 20;
/// Drops and write errors are reported on stderr at most this often.
const REPORT_EVERY: Duration = Duration::from_secs(2);

// Deliveries are the traffic and Flush is rare: boxing them would cost an allocation each.
#[allow(clippy::large_enum_variant)]
enum Msg {
    Record(Delivery),
    /// Commit everything queued before this, then answer.
    Flush(mpsc::Sender<()>),
}

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

/// Records deliveries into the inbox database from any thread or task, without blocking.
#[derive(Debug)]
pub struct Recorder {
    queue: Arc<Spool<Msg>>,
    counters: Arc<Counters>,
    thread: Mutex<Option<JoinHandle<()>>>,
    path: PathBuf,
}

impl std::fmt::Debug for Msg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Msg::Record(_) => "Record",
            Msg::Flush(_) => "Flush",
        })
    }
}

impl Recorder {
    /// Open (or create) the database at `path` and start the writer thread. Errors here are the
    /// caller's to report: a database that cannot be opened should stop `listen` at start, not
    /// lose every delivery silently.
    pub fn open(path: &Path, retention: Option<Retention>, out: Out) -> Result<Recorder> {
        let conn = schema::open_for_writing(path)?;
        let queue = Arc::new(Spool::new(QUEUE_CAPACITY, QUEUE_MAX_BYTES));
        let counters = Arc::new(Counters::default());
        let writer = Writer {
            conn,
            queue: queue.clone(),
            counters: counters.clone(),
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
            thread: Mutex::new(Some(thread)),
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Queue one delivery. Never blocks and never fails: when the queue is full (or the writer
    /// has stopped) the delivery is counted as dropped instead.
    pub fn record(&self, delivery: Delivery) {
        let weight = delivery.weight();
        if let Err(Refused::Full(_) | Refused::Closed(_)) =
            self.queue.try_push(Msg::Record(delivery), weight)
        {
            self.counters.dropped.fetch_add(1, Ordering::Relaxed);
        }
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
        let (ack_tx, ack_rx) = mpsc::channel();
        if self.queue.force_push(Msg::Flush(ack_tx)).is_ok() {
            let _ = ack_rx.recv();
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
    queue: Arc<Spool<Msg>>,
    counters: Arc<Counters>,
    retention: Option<Retention>,
    out: Out,
    batches: u64,
    reported_lost: u64,
    last_report: Option<Instant>,
}

impl Writer {
    fn run(mut self) {
        self.prune();
        let mut taken: Vec<Msg> = Vec::new();
        let mut batch: Vec<Delivery> = Vec::with_capacity(BATCH_ROWS);
        // Everything queued before `close` is taken before `Closed` is seen: nothing is lost.
        while self.queue.take(&mut taken, None) == Taken::Some {
            let small = taken.len() < BATCH_ROWS;
            for msg in taken.drain(..) {
                match msg {
                    Msg::Record(d) => {
                        batch.push(d);
                        if batch.len() >= BATCH_ROWS {
                            self.commit(&mut batch);
                        }
                    }
                    Msg::Flush(ack) => {
                        self.commit(&mut batch);
                        let _ = ack.send(());
                    }
                }
            }
            self.commit(&mut batch);
            if self.batches % PRUNE_EVERY_BATCHES == 0 {
                self.prune();
            }
            self.report_losses(false);
            // Bursts of large bodies must not keep large buffers for ever.
            taken.shrink_to(512);
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

    /// Write `batch` in one transaction and empty it.
    fn commit(&mut self, batch: &mut Vec<Delivery>) {
        if batch.is_empty() {
            return;
        }
        let mut result = insert(&mut self.conn, batch);
        if let Err(err) = &result
            && is_busy(err)
        {
            // Another process held the lock past the busy timeout: one more try before giving up.
            std::thread::sleep(Duration::from_millis(100));
            result = insert(&mut self.conn, batch);
        }
        let n = batch.len() as u64;
        match result {
            Ok(()) => {
                self.counters.written.fetch_add(n, Ordering::Relaxed);
            }
            Err(err) => {
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
                    .execute("DELETE FROM deliveries WHERE received_at < ?1", [cutoff])
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

/// Rows per INSERT statement: one statement per row costs a VM run, and an AUTOINCREMENT
/// bookkeeping write, each; 32 rows × 13 columns stay far below SQLite's parameter limit.
const ROWS_PER_STATEMENT: usize = 32;
const COLUMNS: usize = 13;

/// `INSERT INTO deliveries (...) VALUES (?, ...), ...` for `rows` rows.
fn insert_sql(rows: usize) -> String {
    let one = format!("({})", vec!["?"; COLUMNS].join(","));
    format!(
        "INSERT INTO deliveries (received_at, method, path, headers, body, verdict, hint, event,
            event_id, webhook_id, forward, status, remote) VALUES {}",
        vec![one; rows].join(",")
    )
}

fn insert(conn: &mut Connection, batch: &[Delivery]) -> rusqlite::Result<()> {
    static FULL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let full = FULL.get_or_init(|| insert_sql(ROWS_PER_STATEMENT));
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    for chunk in batch.chunks(ROWS_PER_STATEMENT) {
        let tail;
        let sql = if chunk.len() == ROWS_PER_STATEMENT {
            full.as_str()
        } else {
            tail = insert_sql(chunk.len());
            tail.as_str()
        };
        let mut stmt = tx.prepare_cached(sql)?;
        for (row, d) in chunk.iter().enumerate() {
            let forward = if d.forward.is_empty() {
                None
            } else {
                serde_json::to_string(&d.forward).ok()
            };
            let at = row * COLUMNS;
            stmt.raw_bind_parameter(at + 1, d.received_at_ms)?;
            stmt.raw_bind_parameter(at + 2, &d.method)?;
            stmt.raw_bind_parameter(at + 3, &d.path)?;
            stmt.raw_bind_parameter(at + 4, &d.headers)?;
            stmt.raw_bind_parameter(at + 5, &d.body[..])?;
            stmt.raw_bind_parameter(at + 6, d.verdict.as_str())?;
            stmt.raw_bind_parameter(at + 7, &d.hint)?;
            stmt.raw_bind_parameter(at + 8, &d.event)?;
            stmt.raw_bind_parameter(at + 9, &d.event_id)?;
            stmt.raw_bind_parameter(at + 10, &d.webhook_id)?;
            stmt.raw_bind_parameter(at + 11, forward)?;
            stmt.raw_bind_parameter(at + 12, d.status)?;
            stmt.raw_bind_parameter(at + 13, &d.remote)?;
        }
        stmt.raw_execute()?;
    }
    tx.commit()
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
        conn.execute("DELETE FROM deliveries WHERE id < ?1", [cutoff])?;
    }
    Ok(())
}

fn is_busy(err: &rusqlite::Error) -> bool {
    matches!(
        err.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

/// `[[name, value], ...]` in arrival order, repeated names kept. Values that are not UTF-8
/// (rare, and not something a webhook sender does) are stored lossily.
pub fn headers_json(headers: &http::HeaderMap) -> String {
    let mut json = String::with_capacity(32 + headers.len() * 48);
    json.push('[');
    for (i, (name, value)) in headers.iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        // Names are lowercase tokens: nothing to escape.
        json.push_str("[\"");
        json.push_str(name.as_str());
        json.push_str("\",");
        push_json_str(&mut json, &String::from_utf8_lossy(value.as_bytes()));
        json.push(']');
    }
    json.push(']');
    json
}

/// Append `text` as a JSON string: as is when nothing needs escaping (every ordinary header
/// value), else through serde_json.
fn push_json_str(json: &mut String, text: &str) {
    if text.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        json.push('"');
        json.push_str(text);
        json.push('"');
    } else {
        json.push_str(&serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signature::Reason;
    use bytes::Bytes;

    fn delivery(n: usize, at: i64) -> Delivery {
        let mut headers = http::HeaderMap::new();
        headers.insert("content-type", "application/json".parse().unwrap());
        Delivery {
            received_at_ms: at,
            method: "POST".into(),
            path: "/hook".into(),
            remote: Some("127.0.0.1:9".into()),
            status: 200,
            headers: headers_json(&headers),
            body: Bytes::from(format!(r#"{{"id":"e{n}","event":"stream.started"}}"#)),
            verdict: Reason::Ok,
            hint: None,
            event: Some("stream.started".into()),
            event_id: Some(format!("e{n}")),
            webhook_id: None,
            forward: Vec::new(),
        }
    }

    fn count(path: &Path) -> i64 {
        let conn = Connection::open(path).unwrap();
        conn.query_row("SELECT count(*) FROM deliveries", [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn headers_are_stored_as_pairs_in_arrival_order() {
        let mut headers = http::HeaderMap::new();
        headers.append("x-a", "1".parse().unwrap());
        headers.append("content-type", "application/json".parse().unwrap());
        headers.append("x-a", "2".parse().unwrap());
        headers.append("x-bin", http::HeaderValue::from_bytes(b"\xff\"q").unwrap());
        headers.append("x-tab", http::HeaderValue::from_bytes(b"a\tb\\c").unwrap());
        let json: serde_json::Value = serde_json::from_str(&headers_json(&headers)).unwrap();
        assert_eq!(
            json,
            serde_json::json!([
                ["x-a", "1"],
                ["x-a", "2"],
                ["content-type", "application/json"],
                ["x-bin", "\u{fffd}\"q"],
                ["x-tab", "a\tb\\c"]
            ])
        );
    }

    #[test]
    fn finish_commits_everything_queued() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("inbox.sqlite");
        let recorder = Recorder::open(&path, None, Out::plain()).unwrap();
        for n in 0..1234 {
            recorder.record(delivery(n, now_ms()));
        }
        let stats = recorder.finish();
        assert_eq!(
            stats,
            Stats {
                written: 1234,
                dropped: 0,
                failed: 0
            }
        );
        assert_eq!(count(&path), 1234);
        // After finish, records are counted, not lost silently.
        recorder.record(delivery(0, now_ms()));
        assert_eq!(recorder.stats().dropped, 1);
    }

    #[test]
    fn flush_makes_rows_visible_to_other_connections() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("inbox.sqlite");
        let recorder = Recorder::open(&path, None, Out::plain()).unwrap();
        recorder.record(delivery(1, now_ms()));
        recorder.flush();
        assert_eq!(count(&path), 1);
        let body: Vec<u8> = Connection::open(&path)
            .unwrap()
            .query_row("SELECT body FROM deliveries", [], |r| r.get(0))
            .unwrap();
        assert_eq!(body, br#"{"id":"e1","event":"stream.started"}"#);
    }

    #[test]
    fn a_full_queue_drops_and_counts_instead_of_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("inbox.sqlite");
        let recorder = Recorder::open(&path, None, Out::plain()).unwrap();
        // Hold the write lock from another connection so the writer stalls on its first batch.
        let blocker = Connection::open(&path).unwrap();
        blocker.execute_batch("BEGIN IMMEDIATE").unwrap();
        let started = Instant::now();
        for n in 0..(QUEUE_CAPACITY + BATCH_ROWS + 2000) {
            recorder.record(delivery(n, now_ms()));
        }
        assert!(
            started.elapsed() < schema::BUSY_TIMEOUT,
            "record() must not wait for the database"
        );
        assert!(recorder.stats().dropped >= 1000, "{:?}", recorder.stats());
        blocker.execute_batch("COMMIT").unwrap();
        let stats = recorder.finish();
        assert_eq!(
            stats.written + stats.dropped + stats.failed,
            (QUEUE_CAPACITY + BATCH_ROWS + 2000) as u64
        );
        assert_eq!(count(&path) as u64, stats.written);
    }

    #[test]
    fn keep_count_prunes_the_oldest() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("inbox.sqlite");
        let recorder = Recorder::open(&path, Some(Retention::Count(10)), Out::plain()).unwrap();
        for n in 0..25 {
            recorder.record(delivery(n, now_ms()));
        }
        recorder.finish();
        let conn = Connection::open(&path).unwrap();
        let ids: Vec<String> = conn
            .prepare("SELECT event_id FROM deliveries ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let want: Vec<String> = (15..25).map(|n| format!("e{n}")).collect();
        assert_eq!(ids, want);
    }

    #[test]
    fn keep_age_prunes_old_rows_at_start() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("inbox.sqlite");
        let old = now_ms() - 3 * 86_400_000;
        let first = Recorder::open(&path, None, Out::plain()).unwrap();
        first.record(delivery(1, old));
        first.record(delivery(2, now_ms()));
        first.finish();
        let day = Retention::Age(Duration::from_secs(86_400));
        let second = Recorder::open(&path, Some(day), Out::plain()).unwrap();
        second.flush();
        assert_eq!(count(&path), 1);
        second.finish();
    }
}
