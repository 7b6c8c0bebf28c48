//! `lpwh inbox browse` over a big inbox: the time to the first screen and peak memory.
//!
//! Builds an inbox of `--rows N` deliveries (default 1,000,000) in a temp dir with the inbox's
//! own schema, then, `--runs` times: opens it as `browse` does and draws the first screen on
//! ratatui's test backend (120×40). The baseline, measured in the same run on the same
//! database, is the first page's query alone (`inbox::query::list`, 200 rows): the ratio says
//! what the view adds to reading what it shows. Peak RSS is the process's VmHWM.
//!
//! Run: `cargo bench --bench browse_first_screen -- --rows 1000000 --runs 20`

use std::time::{Duration, Instant};

use lpwh::inbox::query::{self, Filter};
use lpwh::inbox::schema;
use lpwh::output::Out;

fn arg(name: &str, default: u64) -> u64 {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    // `cargo test --all-targets` runs bench binaries too, without `--bench`: building a
    // million-row inbox there would only slow the tests down.
    if !std::env::args().any(|a| a == "--bench") {
        eprintln!("browse_first_screen: run it with cargo bench --bench browse_first_screen");
        return;
    }
    let rows = arg("--rows", 1_000_000);
    let runs = arg("--runs", 20) as usize;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("inbox.sqlite");
    let started = Instant::now();
    {
        let mut conn = schema::open_for_writing(&path, &Out::plain()).unwrap();
        let tx = conn.transaction().unwrap();
        {
            let mut insert = tx
                .prepare(
                    "INSERT INTO deliveries (received_at, method, path, headers, body, verdict, event, event_id, status)
                     VALUES (?1, 'POST', '/hook', '[[\"content-type\",\"application/json\"]]', ?2, ?3, ?4, ?5, 200)",
                )
                .unwrap();
            for i in 0..rows as i64 {
                let event = ["stream.started", "asset.ready", "task.completed"][(i % 3) as usize];
                let body = format!(
                    r#"{{"id":"evt-{i}","event":"{event}","timestamp":{}}}"#,
                    1_700_000_000_000 + i
                );
                let verdict = if i % 7 == 0 { "bad_signature" } else { "ok" };
                insert
                    .execute(rusqlite::params![
                        1_700_000_000_000 + i,
                        body.as_bytes(),
                        verdict,
                        event,
                        format!("evt-{i}")
                    ])
                    .unwrap();
            }
        }
        tx.commit().unwrap();
    }
    eprintln!("built {rows} deliveries in {:.1?}", started.elapsed());
    let rss_before = peak_rss_mib();

    let mut query_times = Vec::new();
    let mut screen_times = Vec::new();
    for _ in 0..runs {
        let conn = schema::open_existing(&path, &Out::plain())
            .unwrap()
            .unwrap();
        let t = Instant::now();
        let page = query::list(
            &conn,
            &Filter {
                limit: Some(200),
                ..Filter::default()
            },
        )
        .unwrap();
        query_times.push(t.elapsed());
        assert_eq!(page.len(), 200);
        drop(conn);
        let t = Instant::now();
        let conn = schema::open_existing(&path, &Out::plain())
            .unwrap()
            .unwrap();
        let shown = lpwh::browse::first_screen(&conn, 120, 40).unwrap();
        screen_times.push(t.elapsed());
        assert!(shown.contains("deliveries"));
    }
    let q = median(query_times);
    let s = median(screen_times);
    println!("rows: {rows}, runs: {runs}");
    println!("first page query (baseline): median {q:.2?}");
    println!(
        "open + first screen:         median {s:.2?}  ({:.2}× the baseline)",
        s.as_secs_f64() / q.as_secs_f64()
    );
    println!(
        "peak RSS: {:.1} MiB (after building the inbox: {:.1} MiB)",
        peak_rss_mib(),
        rss_before
    );
}
