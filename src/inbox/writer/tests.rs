//! The writer's tests, on real SQLite files in temp dirs: the queue's encoding and its limit,
//! batches inserted whole and in order, flush and finish making rows visible, retention.

use super::entry::write_headers_json;
use super::*;
use crate::delivery::Outcome;
use crate::signature::Reason;

/// Queue the test delivery number `n`, received at `at`, with a body of `body_len` bytes
/// (0: a small JSON body).
fn record_sized(recorder: &Recorder, n: usize, at: i64, body_len: usize) {
    let mut headers = http::HeaderMap::new();
    headers.insert("content-type", "application/json".parse().unwrap());
    let body = if body_len == 0 {
        format!(r#"{{"id":"e{n}","event":"stream.started"}}"#)
    } else {
        "x".repeat(body_len)
    };
    let event_id = format!("e{n}");
    recorder.record(&Delivery {
        received_at_ms: at,
        method: "POST",
        path: "/hook",
        remote: Some("127.0.0.1:9".parse().unwrap()),
        status: 200,
        headers: &headers,
        body: body.as_bytes(),
        verdict: Reason::Ok,
        hint: None,
        event: Some("stream.started"),
        event_id: Some(&event_id),
        webhook_id: None,
        forward: &[],
    });
}

fn record(recorder: &Recorder, n: usize, at: i64) {
    record_sized(recorder, n, at, 0);
}

fn count(path: &Path) -> i64 {
    let conn = Connection::open(path).unwrap();
    conn.query_row("SELECT count(*) FROM deliveries", [], |r| r.get(0))
        .unwrap()
}

fn headers_json(headers: &http::HeaderMap) -> serde_json::Value {
    let mut out = Vec::new();
    write_headers_json(headers, &mut out);
    serde_json::from_slice(&out).unwrap()
}

#[test]
fn headers_are_stored_as_pairs_in_arrival_order() {
    let mut headers = http::HeaderMap::new();
    headers.append("x-a", "1".parse().unwrap());
    headers.append("content-type", "application/json".parse().unwrap());
    headers.append("x-a", "2".parse().unwrap());
    headers.append("x-bin", http::HeaderValue::from_bytes(b"\xff\"q").unwrap());
    headers.append("x-tab", http::HeaderValue::from_bytes(b"a\tb\\c").unwrap());
    headers.append(
        "x-utf8",
        http::HeaderValue::from_bytes("é".as_bytes()).unwrap(),
    );
    assert_eq!(
        headers_json(&headers),
        serde_json::json!([
            ["x-a", "1"],
            ["x-a", "2"],
            ["content-type", "application/json"],
            ["x-bin", "\u{fffd}\"q"],
            ["x-tab", "a\tb\\c"],
            ["x-utf8", "é"]
        ])
    );
    assert_eq!(headers_json(&http::HeaderMap::new()), serde_json::json!([]));
}

#[test]
fn queue_entries_decode_to_what_was_encoded() {
    let mut headers = http::HeaderMap::new();
    headers.insert("x-one", "1".parse().unwrap());
    let forward = [Outcome {
        url: "http://localhost:4000/hook".into(),
        status: Some(502),
        latency_ms: 3,
        error: None,
        body: bytes::Bytes::new(),
        content_type: None,
    }];
    let full = Delivery {
        received_at_ms: -5,
        method: "POST",
        path: "/p?q=ü",
        remote: Some("[::1]:8080".parse().unwrap()),
        status: 502,
        headers: &headers,
        body: b"\x00\xffnot utf-8",
        verdict: Reason::BadSignature,
        hint: Some("why"),
        event: Some("asset.ready"),
        event_id: Some(""),
        webhook_id: Some("wh"),
        forward: &forward,
    };
    let empty = Delivery {
        remote: None,
        headers: &http::HeaderMap::new(),
        body: b"",
        hint: None,
        event: None,
        event_id: None,
        webhook_id: None,
        forward: &[],
        ..full
    };
    let mut queue = Vec::new();
    encode(&full, &mut queue);
    queue.extend_from_slice(&[FLUSH, 7, 0, 0, 0, 0, 0, 0, 0]);
    encode(&empty, &mut queue);
    let mut reader = Reader(&queue);
    let Some(Entry::Row(row)) = reader.entry() else {
        panic!("a row first")
    };
    let forward_json: serde_json::Value = serde_json::from_str(row.forward.unwrap()).unwrap();
    assert_eq!(forward_json[0]["status"], 502);
    assert_eq!(
        row,
        Row {
            received_at_ms: -5,
            status: 502,
            method: "POST",
            path: "/p?q=ü",
            headers: r#"[["x-one","1"]]"#,
            body: b"\x00\xffnot utf-8",
            verdict: "bad_signature",
            hint: Some("why"),
            event: Some("asset.ready"),
            event_id: Some(""),
            webhook_id: Some("wh"),
            forward: row.forward,
            remote: Some("[::1]:8080"),
            app_response: row.app_response,
            pending: None,
        }
    );
    assert!(matches!(reader.entry(), Some(Entry::Flush(7))));
    let Some(Entry::Row(row)) = reader.entry() else {
        panic!("then a row")
    };
    assert_eq!(
        (
            row.headers,
            row.body,
            row.hint,
            row.event,
            row.forward,
            row.remote
        ),
        ("[]", &b""[..], None, None, None, None)
    );
    assert!(reader.0.is_empty());
    // Truncated or unknown entries are refused, not misread.
    for cut in [1, 5, 12, queue.len() / 2] {
        let mut short = Vec::new();
        encode(&full, &mut short);
        short.truncate(cut);
        assert!(Reader(&short).entry().is_none(), "cut at {cut}");
    }
    assert!(Reader(&[9]).entry().is_none());
}

#[test]
fn a_recycled_batch_keeps_its_allocation() {
    let mut spare: Vec<Row<'static>> = Vec::with_capacity(BATCH_ROWS);
    let pointer = spare.as_ptr() as usize;
    for take in 0..3 {
        let bytes = format!("take {take}");
        let mut batch = recycle(spare);
        assert!(batch.is_empty());
        batch.push(Row {
            received_at_ms: 0,
            status: 200,
            method: &bytes,
            path: "/",
            headers: "[]",
            body: bytes.as_bytes(),
            verdict: "ok",
            hint: None,
            event: None,
            event_id: None,
            webhook_id: None,
            forward: None,
            remote: None,
            app_response: None,
            pending: None,
        });
        spare = recycle(batch);
        assert_eq!(spare.as_ptr() as usize, pointer);
        assert_eq!(spare.capacity(), BATCH_ROWS);
    }
}

#[test]
fn finish_commits_everything_queued() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("inbox.sqlite");
    let recorder = Recorder::open(&path, None, Out::plain()).unwrap();
    for n in 0..1234 {
        record(&recorder, n, now_ms());
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
    record(&recorder, 0, now_ms());
    assert_eq!(recorder.stats().dropped, 1);
    // And a flush returns at once instead of waiting for a writer that is gone.
    recorder.flush();
}

#[test]
fn flush_makes_rows_visible_to_other_connections() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("inbox.sqlite");
    let recorder = Recorder::open(&path, None, Out::plain()).unwrap();
    record(&recorder, 1, now_ms());
    recorder.flush();
    assert_eq!(count(&path), 1);
    let (body, remote, headers): (Vec<u8>, String, String) = Connection::open(&path)
        .unwrap()
        .query_row("SELECT body, remote, headers FROM deliveries", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!(body, br#"{"id":"e1","event":"stream.started"}"#);
    assert_eq!(remote, "127.0.0.1:9");
    assert_eq!(headers, r#"[["content-type","application/json"]]"#);
    // Flushes from several threads at once each return with their rows committed.
    let recorder = Arc::new(recorder);
    let threads: Vec<_> = (0..4)
        .map(|t| {
            let recorder = recorder.clone();
            let path = path.clone();
            std::thread::spawn(move || {
                for n in 0..50 {
                    record(&recorder, 1000 * (t + 1) + n, now_ms());
                    recorder.flush();
                    let id = format!("e{}", 1000 * (t + 1) + n);
                    let found: i64 = Connection::open(&path)
                        .unwrap()
                        .query_row(
                            "SELECT count(*) FROM deliveries WHERE event_id = ?1",
                            [&id],
                            |r| r.get(0),
                        )
                        .unwrap();
                    assert_eq!(found, 1, "{id} committed before flush returned");
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    assert_eq!(count(&path), 201);
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
    // 64 KiB bodies: twice what the queue holds, plus what the writer may have taken.
    let body = 64 * 1024;
    let sent = 2 * QUEUE_MAX_BYTES / body + BATCH_ROWS;
    for n in 0..sent {
        record_sized(&recorder, n, now_ms(), body);
    }
    assert!(
        started.elapsed() < schema::BUSY_TIMEOUT,
        "record() must not wait for the database"
    );
    let dropped = recorder.stats().dropped;
    assert!(
        dropped >= (QUEUE_MAX_BYTES / body) as u64,
        "{:?}",
        recorder.stats()
    );
    blocker.execute_batch("COMMIT").unwrap();
    let stats = recorder.finish();
    assert_eq!(stats.written + stats.dropped + stats.failed, sent as u64);
    assert_eq!(count(&path) as u64, stats.written);
    assert!(stats.written > 0);
}

/// Every batch size from 0 to past two full statements goes in whole and in order, however
/// it splits into 32-, 8- and 1-row statements, and with every column where it belongs.
#[test]
fn batches_of_every_size_are_inserted_whole_and_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut conn =
        schema::open_for_writing(&dir.path().join("inbox.sqlite"), &Out::plain()).unwrap();
    let headers = http::HeaderMap::new();
    let names: Vec<String> = (0..80).map(|n| format!("e{n}")).collect();
    let mut next = 0usize;
    for size in 0..=80usize {
        let mut encoded = Vec::new();
        for n in next..next + size {
            encode(
                &Delivery {
                    received_at_ms: n as i64,
                    method: "POST",
                    path: "/p",
                    remote: None,
                    status: 200 + (n % 300) as u16,
                    headers: &headers,
                    body: names[n % 80].as_bytes(),
                    verdict: Reason::Ok,
                    hint: (n % 2 == 0).then_some("h"),
                    event: Some("stream.started"),
                    event_id: Some(&names[n % 80]),
                    webhook_id: Some("w"),
                    forward: &[],
                },
                &mut encoded,
            );
        }
        let mut reader = Reader(&encoded);
        let mut batch = Vec::new();
        while let Some(Entry::Row(row)) = reader.entry() {
            batch.push(row);
        }
        assert_eq!(batch.len(), size);
        insert(&mut conn, &batch, &mut Vec::new()).unwrap();
        next += size;
    }
    type Stored = (i64, i64, Vec<u8>, Option<String>, String);
    let rows: Vec<Stored> = conn
        .prepare("SELECT received_at, status, body, hint, event_id FROM deliveries ORDER BY id")
        .unwrap()
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rows.len(), next);
    for (n, (at, status, body, hint, event_id)) in rows.into_iter().enumerate() {
        assert_eq!(at, n as i64);
        assert_eq!(status, 200 + (n % 300) as i64);
        assert_eq!(body, names[n % 80].as_bytes());
        assert_eq!(hint.as_deref(), (n % 2 == 0).then_some("h"));
        assert_eq!(event_id, names[n % 80]);
    }
}

/// The writer thread runs as SCHED_BATCH (policy 3, field 41 of its /proc stat line), so
/// its wake-ups do not preempt request threads.
#[cfg(target_os = "linux")]
#[test]
fn the_writer_thread_is_scheduled_as_background_work() {
    let dir = tempfile::tempdir().unwrap();
    let recorder = Recorder::open(&dir.path().join("inbox.sqlite"), None, Out::plain()).unwrap();
    recorder.flush(); // the writer has started and answered
    let policies: Vec<String> = std::fs::read_dir("/proc/self/task")
        .unwrap()
        .filter_map(|task| {
            let task = task.ok()?.path();
            let comm = std::fs::read_to_string(task.join("comm")).ok()?;
            (comm.trim() == "lpwh-inbox-writ").then_some(())?;
            let stat = std::fs::read_to_string(task.join("stat")).ok()?;
            // Fields after the parenthesised name: state is field 3, policy field 41.
            let after = &stat[stat.rfind(')')? + 2..];
            after.split(' ').nth(41 - 3).map(str::to_owned)
        })
        .collect();
    recorder.finish();
    assert!(!policies.is_empty(), "no writer thread found");
    assert!(policies.iter().all(|p| p == "3"), "{policies:?}");
}

#[test]
fn keep_count_prunes_the_oldest() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("inbox.sqlite");
    let recorder = Recorder::open(&path, Some(Retention::Count(10)), Out::plain()).unwrap();
    for n in 0..25 {
        record(&recorder, n, now_ms());
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
    record(&first, 1, old);
    record(&first, 2, now_ms());
    first.finish();
    let day = Retention::Age(Duration::from_secs(86_400));
    let second = Recorder::open(&path, Some(day), Out::plain()).unwrap();
    second.flush();
    assert_eq!(count(&path), 1);
    second.finish();
}
