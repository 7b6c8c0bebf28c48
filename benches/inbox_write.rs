//! The inbox writer alone (not a test): how much CPU recording one delivery costs, without HTTP.
//!
//! Records `--rows N` deliveries shaped like `benches/listen_load.rs`'s (a 228-byte signed
//! `asset.updated` body and five headers) through [`lpwh::inbox::Recorder`] into a fresh temp
//! database, never faster than the writer drains (nothing is dropped), and reports rows/s,
//! process CPU per row and the file size. `cargo bench --bench inbox_write -- --rows 200000`.
//! Does nothing without `--rows`, so `cargo test --all-targets` stays fast.
//!
//! The baseline, in the same run: SQLite alone. The same rows go straight from memory into a
//! fresh database with the inbox's schema and settings (`schema::open_for_writing`), through one
//! prepared 32-row INSERT in one thread: no queue, no encoding, no writer thread. Measured in
//! transactions of 500 rows and of 100 (about what a listener under full load commits every
//! 2 ms), and once more with the schema's two indexes dropped. What lpwh's writer costs above
//! that line is its own; the line itself is what any recorder built on this schema pays.

use std::time::{Duration, Instant};

use lpwh::humane::now_ms;
use lpwh::inbox::{Delivery, Recorder, schema};
use lpwh::output::Out;
use lpwh::signature::Reason;

/// What `listen` holds for one delivery when it records it: the parsed headers and the body.
struct Received {
    at: i64,
    headers: http::HeaderMap,
    body: String,
    id: String,
}

fn received(n: u64) -> Received {
    let t = now_ms();
    let body = format!(
        r#"{{"id":"bench-0-{n}-{t}","webhookId":"wh-bench","createdAt":{t},"timestamp":{t},"event":"asset.updated","payload":{{"asset":{{"id":"asset-{n}","snapshot":{{"status":{{"phase":"processing","progress":0.5}}}}}}}}}}"#
    );
    let mut headers = http::HeaderMap::new();
    headers.insert("host", "127.0.0.1:40000".parse().unwrap());
    headers.insert("content-type", "application/json".parse().unwrap());
    headers.insert("user-agent", "livepeer.studio".parse().unwrap());
    headers.insert(
        "livepeer-signature",
        format!("t={t},v1=6b1c0e0b8f6f2b1e4d4a7c9d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f")
            .parse()
            .unwrap(),
    );
    headers.insert("content-length", body.len().to_string().parse().unwrap());
    Received {
        at: t,
        headers,
        body,
        id: format!("bench-0-{n}-{t}"),
    }
}

impl Received {
    fn delivery(&self) -> Delivery<'_> {
        Delivery {
            received_at_ms: self.at,
            method: "POST",
            path: "/",
            remote: Some("127.0.0.1:51234".parse().unwrap()),
            status: 200,
            headers: &self.headers,
            body: self.body.as_bytes(),
            verdict: Reason::Ok,
            hint: None,
            event: Some("asset.updated"),
            event_id: Some(&self.id),
            webhook_id: Some("wh-bench"),
            forward: &[],
        }
    }
}

/// User + system CPU of this process so far.
#[cfg(unix)]
fn cpu() -> Duration {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage fills the struct it is given; RUSAGE_SELF is always valid.
    let usage = unsafe {
        libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr());
        usage.assume_init()
    };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

/// The CPU figures come from `getrusage`, which only Unix has: this bench measures there.
#[cfg(not(unix))]
fn cpu() -> Duration {
    panic!("inbox_write measures CPU time with getrusage: run it on Linux or macOS")
}

/// SQLite alone: `deliveries` inserted in transactions of `per_tx` rows, 32 rows per statement,
/// into a fresh database. Returns process CPU µs per row.
fn sqlite_alone(deliveries: &[Received], per_tx: usize, indexes: bool) -> f64 {
    use lpwh::inbox::writer::{COLUMNS, insert_sql};
    const PER_STATEMENT: usize = 32;
    let dir = tempfile::tempdir().expect("temp dir");
    let mut conn = schema::open_for_writing(
        &dir.path().join("alone.sqlite"),
        &lpwh::output::Out::plain(),
    )
    .expect("open");
    if !indexes {
        conn.execute_batch("DROP INDEX deliveries_event; DROP INDEX deliveries_received_at;")
            .expect("drop the indexes");
    }
    let sql = insert_sql(PER_STATEMENT);
    // What the writer binds for a delivery: the headers already as their JSON text.
    let headers: Vec<String> = deliveries
        .iter()
        .map(|d| {
            let pairs: Vec<[&str; 2]> = d
                .headers
                .iter()
                .map(|(n, v)| [n.as_str(), v.to_str().unwrap()])
                .collect();
            serde_json::to_string(&pairs).unwrap()
        })
        .collect();
    let rows = deliveries.len() / PER_STATEMENT * PER_STATEMENT;
    let cpu0 = cpu();
    for tx_rows in (0..rows)
        .collect::<Vec<_>>()
        .chunks(per_tx.max(PER_STATEMENT))
    {
        let tx = conn.transaction().expect("begin");
        {
            let mut stmt = tx.prepare_cached(&sql).expect("prepare");
            for chunk in tx_rows.chunks(PER_STATEMENT) {
                for (row, &n) in chunk.iter().enumerate() {
                    let (d, at) = (&deliveries[n], row * COLUMNS);
                    let bind =
                        |stmt: &mut rusqlite::CachedStatement<'_>, i, v: &dyn rusqlite::ToSql| {
                            stmt.raw_bind_parameter(at + i, v).expect("bind");
                        };
                    bind(&mut stmt, 1, &d.at);
                    bind(&mut stmt, 2, &"POST");
                    bind(&mut stmt, 3, &"/");
                    bind(&mut stmt, 4, &headers[n]);
                    bind(&mut stmt, 5, &d.body.as_bytes());
                    bind(&mut stmt, 6, &"ok");
                    bind(&mut stmt, 7, &None::<&str>);
                    bind(&mut stmt, 8, &"asset.updated");
                    bind(&mut stmt, 9, &d.id);
                    bind(&mut stmt, 10, &"wh-bench");
                    bind(&mut stmt, 11, &None::<&str>);
                    bind(&mut stmt, 12, &200);
                    bind(&mut stmt, 13, &"127.0.0.1:51234");
                    bind(&mut stmt, 14, &None::<&[u8]>);
                }
                stmt.raw_execute().expect("insert");
            }
        }
        tx.commit().expect("commit");
    }
    (cpu() - cpu0).as_secs_f64() * 1e6 / rows.max(1) as f64
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(rows) = args
        .iter()
        .position(|a| a == "--rows")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse::<u64>().ok())
    else {
        eprintln!("inbox_write: nothing to do without --rows N");
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("inbox.sqlite");
    // Receiving and parsing the deliveries is the request path's work: done up front. Queuing
    // one (encoding its row, headers as JSON) is part of recording, so it is measured.
    let deliveries: Vec<Received> = (0..rows).map(received).collect();
    let recorder = Recorder::open(&path, None, Out::plain()).expect("open the inbox");
    let (cpu0, wall0) = (cpu(), Instant::now());
    for (i, d) in deliveries.iter().enumerate() {
        // Stay under the queue's bound so every row is written, none dropped.
        while (i as u64).saturating_sub(recorder.stats().written) >= 5_000 {
            std::thread::sleep(Duration::from_micros(200));
        }
        recorder.record(&d.delivery());
    }
    let stats = recorder.finish();
    let (cpu, wall) = (cpu() - cpu0, wall0.elapsed());
    let size = ["", "-wal"]
        .iter()
        .filter_map(|s| std::fs::metadata(format!("{}{s}", path.display())).ok())
        .map(|m| m.len())
        .sum::<u64>();
    println!(
        "{} rows ({} dropped, {} failed) in {:.2} s: {:.0} rows/s · CPU {:.2} µs/row · {:.0} bytes/row",
        stats.written,
        stats.dropped,
        stats.failed,
        wall.as_secs_f64(),
        stats.written as f64 / wall.as_secs_f64(),
        cpu.as_secs_f64() * 1e6 / stats.written.max(1) as f64,
        size as f64 / stats.written.max(1) as f64
    );
    let lpwh = cpu.as_secs_f64() * 1e6 / stats.written.max(1) as f64;
    for (per_tx, indexes) in [(500, true), (100, true), (500, false), (100, false)] {
        let alone = sqlite_alone(&deliveries, per_tx, indexes);
        println!(
            "SQLite alone, {per_tx} rows per transaction, {}: CPU {alone:.2} µs/row (lpwh's writer: {:.2}x)",
            if indexes {
                "the inbox's indexes"
            } else {
                "no indexes"
            },
            lpwh / alone
        );
    }
}
