//! `lpwh inbox browse` on one very large delivery: the time to open it and draw its first frame,
//! and the key latency while scrolling it (a key read, its effect, the next frame drawn).
//!
//! Builds an inbox with one delivery of `--mib N` MiB (default 8: a body `listen --max-body 8MiB`
//! takes; pretty JSON, one long string value in the middle) and, `--runs` times, opens browse
//! over it on ratatui's test backend (120×40), presses Enter and draws, then presses Space
//! `--keys` times, drawing after each. The baseline, measured in the same run on the same
//! database, is reading that row alone (`inbox::query::get`): the ratio says what the view adds
//! to reading what it shows.
//!
//! Run: `cargo bench --bench browse_large_body -- --mib 8 --runs 10 --keys 50`

use std::time::{Duration, Instant};

use lpwh::browse::{App, Replay};
use lpwh::inbox::query;
use lpwh::inbox::schema;
use lpwh::output::Out;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn arg(name: &str, default: u64) -> u64 {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    // `cargo test --all-targets` runs bench binaries too, without `--bench`.
    if !std::env::args().any(|a| a == "--bench") {
        eprintln!("browse_large_body: run it with cargo bench --bench browse_large_body");
        return;
    }
    let mib = arg("--mib", 8) as usize;
    let runs = arg("--runs", 10) as usize;
    let keys = arg("--keys", 50) as usize;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("inbox.sqlite");
    // Many short lines around one long string: both shapes a big body takes.
    let mut body = String::from("{\n  \"event\": \"asset.ready\",\n  \"items\": [\n");
    let half = mib << 19;
    while body.len() < half {
        body.push_str("    {\"n\": 12345, \"ok\": true, \"name\": \"caf\u{e9}\"},\n");
    }
    body.push_str("    {}\n  ],\n  \"blob\": \"");
    body.push_str(&"x".repeat((mib << 20).saturating_sub(body.len() + 4)));
    body.push_str("\"\n}");
    {
        let conn = schema::open_for_writing(&path, &Out::plain()).unwrap();
        conn.execute(
            "INSERT INTO deliveries (received_at, method, path, headers, body, verdict, event)
             VALUES (1700000000000, 'POST', '/', '[]', ?1, 'ok', 'asset.ready')",
            [body.as_bytes()],
        )
        .unwrap();
    }
    let key = |code| KeyEvent::new(code, KeyModifiers::NONE);
    let mut reads = Vec::new();
    let mut opens = Vec::new();
    let mut frames = Vec::new();
    for _ in 0..runs {
        let conn = schema::open_existing(&path, &Out::plain())
            .unwrap()
            .unwrap();
        let t = Instant::now();
        let row = query::get(&conn, 1).unwrap().unwrap();
        reads.push(t.elapsed());
        assert_eq!(row.body.len(), body.len());
        drop(row);

        let replay = Replay {
            to: None,
            secret: None,
            scheme: lpwh::signature::Scheme::Livepeer,
        };
        let mut app = App::new(&conn, replay).unwrap();
        let t = Instant::now();
        app.key(&conn, key(KeyCode::Enter)).unwrap();
        let shown = lpwh::browse::screen_text(&app, 120, 40, "bench").unwrap();
        opens.push(t.elapsed());
        assert!(shown.contains("delivery 1"), "{shown}");
        for _ in 0..keys {
            let t = Instant::now();
            app.key(&conn, key(KeyCode::Char(' '))).unwrap();
            let _ = lpwh::browse::screen_text(&app, 120, 40, "bench").unwrap();
            frames.push(t.elapsed());
        }
    }
    let read = median(reads);
    let open = median(opens);
    let frame = median(frames.clone());
    let worst = frames.iter().max().copied().unwrap_or_default();
    println!(
        "body: {} bytes ({mib} MiB), runs: {runs}, keys per run: {keys}",
        body.len()
    );
    println!("read the row (baseline):      median {read:.2?}");
    println!(
        "Enter → first detail frame:   median {open:.2?}  ({:.2}× the baseline)",
        open.as_secs_f64() / read.as_secs_f64()
    );
    println!(
        "Space → next frame (latency): median {frame:.2?}, max {worst:.2?}  ({:.3}× the baseline)",
        frame.as_secs_f64() / read.as_secs_f64()
    );
}
