//! The inbox end to end: deliveries sent to a running `lpwh listen` are recorded with their
//! verdicts and exact bytes, and `lpwh inbox list/show/replay/export/clear` read them back.

use std::time::Duration;

use crate::support::inbox::{Conn, send, signed, with};
use crate::support::listen::{SECRET, Target, delivery, livepeer_header, new_id, now_ms};
use crate::support::sandbox::Sandbox;
use base64::Engine as _;
use serde_json::Value;

fn stop(mut listener: crate::support::listen::Listener) -> String {
    listener.signal("TERM");
    let status = listener.wait_exit(Duration::from_secs(20));
    assert!(status.success(), "listen exited {status}");
    listener.stderr()
}

#[test]
#[cfg_attr(
    not(unix),
    ignore = "checks Unix file modes (0600 files, 0700 directories)"
)]
fn deliveries_are_recorded_with_their_verdicts_in_a_private_file() {
    let home = Sandbox::new();
    let l = home.listen(&["--secret", SECRET]);
    let db = home.default_db();
    assert!(
        l.stderr()
            .contains(&format!("recording deliveries in {}", db.display())),
        "{}",
        l.stderr()
    );

    let a = new_id();
    let (body, header) = signed("stream.started", &a);
    assert_eq!(send(&l.addr, std::slice::from_ref(&header), &body), 200);
    assert_eq!(send(&l.addr, &[header], &body), 200, "the retry");
    let b = new_id();
    let t = now_ms();
    let bad_body = delivery("asset.ready", &b, t);
    let bad = format!(
        "Livepeer-Signature: {}",
        livepeer_header("not-the-secret", t, &bad_body)
    );
    assert_eq!(send(&l.addr, &[bad], &bad_body), 401);
    let c = new_id();
    assert_eq!(
        send(&l.addr, &[], &delivery("stream.idle", &c, now_ms())),
        401
    );
    let d = new_id();
    let old = now_ms() - 3_600_000;
    let stale_body = delivery("stream.idle", &d, old);
    let stale = format!(
        "Livepeer-Signature: {}",
        livepeer_header(SECRET, old, &stale_body)
    );
    assert_eq!(send(&l.addr, &[stale], &stale_body), 401);

    let stderr = stop(l);
    assert!(stderr.contains("recorded 5 deliveries"), "{stderr}");

    let rows = home.list(&[]);
    assert_eq!(rows.len(), 5, "{rows:#?}");
    let ids: Vec<i64> = rows.iter().map(|r| r["id"].as_i64().unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] > w[1]), "newest first: {ids:?}");
    let verdicts = |id: &str| -> Vec<String> {
        with(&rows, "event_id", id)
            .iter()
            .map(|r| r["verdict"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(verdicts(&a), ["duplicate", "ok"]);
    assert_eq!(verdicts(&b), ["bad_signature"]);
    assert_eq!(verdicts(&c), ["missing_signature"]);
    assert_eq!(verdicts(&d), ["stale_timestamp"]);
    assert_eq!(with(&rows, "event_id", &b)[0]["status"], 401);
    assert_eq!(with(&rows, "event_id", &b)[0]["event"], "asset.ready");
    assert_eq!(with(&rows, "verdict", "ok")[0]["status"], 200);

    #[cfg(unix)]
    assert_eq!(crate::support::inbox::mode(&db), 0o600);

    let table = home.ok(&["inbox", "list"]);
    let header = table.lines().next().unwrap();
    for column in ["ID", "TIME", "VERDICT", "EVENT", "EVENT ID", "SIZE"] {
        assert!(header.contains(column), "{table}");
    }
    assert!(table.contains("✗ bad_signature"), "{table}");
    assert!(table.contains("⟳ duplicate"), "{table}");
    assert_eq!(table.lines().count(), 6, "{table}");
}

#[test]
fn show_raw_prints_the_exact_bytes_and_show_pretty_prints() {
    let home = Sandbox::new();
    let l = home.listen(&["--secret", SECRET]);
    let id = new_id();
    let t = now_ms();
    // Spacing, a trailing zero, escapes and non-ASCII: re-serializing would change all of them.
    let body = format!(
        "{{ \"id\" : \"{id}\",\n  \"timestamp\":{t}, \"event\":\"asset.ready\",\"n\": 1.50,\
         \"name\":\"caf\\u00e9 \u{1f3a5}\", \"evil\":\"\u{202e}gpj.exe\" }}\n"
    )
    .into_bytes();
    let header = format!("Livepeer-Signature: {}", livepeer_header(SECRET, t, &body));
    assert_eq!(send(&l.addr, &[header], &body), 200);

    // Readable while the listener is still running (and still holding the database).
    let started = std::time::Instant::now();
    let row = loop {
        if let Some(row) = home.list(&[]).into_iter().next() {
            break row;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "never recorded"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    let n = row["id"].to_string();
    assert_eq!(row["size"], body.len());

    let raw = home.run(&["inbox", "show", &n, "--raw"]);
    assert!(raw.success());
    assert_eq!(raw.bytes, body, "--raw must print the body byte for byte");

    let page = home.ok(&["inbox", "show", &n]);
    assert!(page.contains("✔ ok"), "{page}");
    assert!(page.contains("asset.ready"), "{page}");
    assert!(page.contains("\"n\": 1.5"), "pretty-printed: {page}");
    assert!(page.contains("livepeer-signature: t="), "{page}");
    assert!(!page.contains('\u{202e}'), "sanitized: {page}");

    let json: Value = serde_json::from_str(&home.ok(&["--json", "inbox", "show", &n])).unwrap();
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(json["body_base64"].as_str().unwrap())
        .unwrap();
    assert_eq!(decoded, body);
    assert_eq!(json["body"]["id"], id.as_str());
    assert_eq!(json["headers"]["content-type"], "application/json");
    assert_eq!(json["verdict"], "ok");

    let missing = home.run(&["inbox", "show", "99999"]);
    assert_eq!(Some(missing.code), Some(4));
    assert!(missing.stderr.clone().contains("no delivery 99999"));
    stop(l);

    // export: one object per line, raw bytes kept; --json: one array.
    let ndjson = home.ok(&["inbox", "export"]);
    let lines: Vec<Value> = ndjson
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["body_base64"], json["body_base64"]);
    let array: Value = serde_json::from_str(&home.ok(&["--json", "inbox", "export"])).unwrap();
    assert_eq!(array.as_array().unwrap().len(), 1);
    assert_eq!(array[0]["body"]["name"], "café 🎥");
}

#[test]
fn replay_re_signs_with_a_fresh_timestamp_and_keeps_every_other_byte() {
    let home = Sandbox::new();
    let l = home.listen(&["--secret", SECRET]);
    let id = new_id();
    let original_t = now_ms() - 2_000;
    let body = delivery("asset.ready", &id, original_t);
    let header = format!(
        "Livepeer-Signature: {}",
        livepeer_header(SECRET, original_t, &body)
    );
    let mut conn = Conn::open(&l.addr);
    assert_eq!(conn.deliver(&header, &body), Some(200));
    drop(conn);
    stop(l);
    let n = home.list(&[])[0]["id"].to_string();

    let target = Target::start(200, "/replayed");
    let before = now_ms();
    let out = home.run(&[
        "inbox",
        "replay",
        &n,
        "--to",
        &target.url,
        "--secret",
        SECRET,
    ]);
    assert!(out.success(), "{}", out.stderr.clone());
    assert!(out.stderr.clone().contains("200"));
    let got = target.received();
    assert_eq!(got.len(), 1);
    let sent: Value = serde_json::from_slice(&got[0].body).unwrap();
    let fresh = sent["timestamp"].as_i64().unwrap();
    assert_ne!(fresh, original_t, "the timestamp must be fresh");
    assert!(fresh >= before && fresh <= now_ms(), "{fresh} is not now");
    // The new signature verifies over the new bytes, with t equal to the body's timestamp.
    assert_eq!(
        got[0].header("livepeer-signature"),
        Some(livepeer_header(SECRET, fresh, &got[0].body).as_str())
    );
    // Only the timestamp's digits changed.
    let expected = String::from_utf8(body.clone()).unwrap().replace(
        &format!("\"timestamp\":{original_t}"),
        &format!("\"timestamp\":{fresh}"),
    );
    assert_eq!(String::from_utf8(got[0].body.clone()).unwrap(), expected);
    assert_eq!(got[0].header("user-agent"), Some("livepeer.studio"));
    assert_eq!(got[0].header("content-type"), Some("application/json"));

    // A receiver that refuses: exit 1, with its status said.
    let refusing = Target::start(500, "/");
    let out = home.run(&[
        "inbox",
        "replay",
        &n,
        "--to",
        &refusing.url,
        "--secret",
        SECRET,
    ]);
    assert_eq!(Some(out.code), Some(1));
    assert!(out.stderr.clone().contains("500"));

    // No secret: sent unsigned, with a warning.
    let unsigned = Target::start(200, "/");
    let out = home.run(&["inbox", "replay", &n, "--to", &unsigned.url]);
    assert!(out.success());
    assert!(out.stderr.clone().contains("unsigned"));
    assert_eq!(unsigned.received()[0].header("livepeer-signature"), None);
}

#[test]
fn list_filters_by_event_verdict_time_and_count() {
    let home = Sandbox::new();
    let l = home.listen(&["--secret", SECRET]);
    for event in [
        "stream.started",
        "stream.idle",
        "asset.ready",
        "asset.ready",
    ] {
        let (body, header) = signed(event, &new_id());
        assert_eq!(send(&l.addr, &[header], &body), 200);
    }
    let bad = delivery("asset.ready", &new_id(), now_ms());
    assert_eq!(
        send(&l.addr, &["Livepeer-Signature: t=1,v1=00".into()], &bad),
        401
    );
    stop(l);

    let count = |args: &[&str]| home.list(args).len();
    assert_eq!(count(&[]), 5);
    assert_eq!(count(&["--event", "asset.ready"]), 3);
    assert_eq!(count(&["--event", "stream.*"]), 2);
    assert_eq!(count(&["--verdict", "malformed_signature"]), 1);
    assert_eq!(count(&["--verdict", "ok", "--event", "asset.ready"]), 2);
    assert_eq!(count(&["--since", "1h"]), 5);
    assert_eq!(count(&["--since", "2999-01-01T00:00:00Z"]), 0);

    let limited: Value =
        serde_json::from_str(&home.ok(&["--json", "inbox", "list", "--limit", "2"])).unwrap();
    let newest = home.list(&[]);
    assert_eq!(limited.as_array().unwrap()[..], newest[..2]);

    for bad_args in [
        &["inbox", "list", "--since", "last tuesday"][..],
        &["inbox", "list", "--verdict", "great"],
    ] {
        let out = home.run(bad_args);
        assert_eq!(Some(out.code), Some(2), "{bad_args:?}");
    }
}

#[test]
fn clear_needs_a_terminal_or_yes_and_then_empties_the_inbox() {
    let home = Sandbox::new();
    let l = home.listen(&[]);
    for _ in 0..2 {
        let body = delivery("stream.started", &new_id(), now_ms());
        assert_eq!(send(&l.addr, &[], &body), 200);
    }
    stop(l);
    assert_eq!(home.list(&[]).len(), 2);
    assert_eq!(home.list(&["--verdict", "unsigned"]).len(), 2);

    let refused = home.run(&["inbox", "clear"]);
    assert_eq!(Some(refused.code), Some(2));
    assert!(refused.stderr.clone().contains("--yes"));
    assert_eq!(home.list(&[]).len(), 2, "nothing deleted without consent");

    let cleared = home.run(&["inbox", "clear", "--yes"]);
    assert!(cleared.success());
    assert!(cleared.stderr.clone().contains("deleted 2"));
    assert!(home.list(&[]).is_empty());
    let text = home.run(&["inbox", "list"]);
    assert!(text.success() && text.stdout.is_empty());
    assert!(text.stderr.clone().contains("empty"));
}

#[test]
fn a_missing_inbox_is_a_friendly_empty_answer() {
    let home = Sandbox::new();
    let text = home.run(&["inbox", "list"]);
    assert!(text.success());
    assert!(text.stdout.is_empty());
    assert!(text.stderr.clone().contains("empty"));
    assert_eq!(home.ok(&["--json", "inbox", "list"]).trim(), "[]");
    assert_eq!(home.ok(&["inbox", "export"]), "");
    assert_eq!(home.run(&["inbox", "show", "1"]).code, 4);
    assert!(home.run(&["inbox", "clear", "--yes"]).success());
    assert!(!home.default_db().exists(), "reading must not create it");
}

#[test]
fn no_record_writes_nothing_and_keep_prunes() {
    let home = Sandbox::new();
    let l = home.listen(&["--no-record"]);
    let body = delivery("stream.started", &new_id(), now_ms());
    assert_eq!(send(&l.addr, &[], &body), 200);
    let stderr = stop(l);
    assert!(!stderr.contains("recording"), "{stderr}");
    assert!(!home.default_db().exists());

    let db = home.dir.path().join("elsewhere/kept.sqlite");
    let db_arg = db.to_str().unwrap();
    let l = home.listen(&["--db", db_arg, "--keep", "3"]);
    let mut ids = Vec::new();
    for _ in 0..5 {
        let id = new_id();
        assert_eq!(
            send(&l.addr, &[], &delivery("stream.started", &id, now_ms())),
            200
        );
        ids.push(id);
    }
    stop(l);
    let rows = home.list(&["--db", db_arg]);
    let kept: Vec<&str> = rows
        .iter()
        .map(|r| r["event_id"].as_str().unwrap())
        .collect();
    let newest: Vec<&str> = ids[2..].iter().rev().map(String::as_str).collect();
    assert_eq!(kept, newest);
    assert!(!home.default_db().exists(), "--db replaces the default");

    let conflict = home.run(&["listen", "--port", "0", "--no-record", "--db", db_arg]);
    assert_eq!(Some(conflict.code), Some(2));
}

/// One delivery, one JSON shape: what `listen --json` printed is what `inbox show --json`,
/// `inbox list --json` and `inbox export` give back, except the inbox row `id` (unknown to
/// listen) and `access` (not stored).
#[test]
fn listen_and_the_inbox_print_the_same_delivery_json() {
    let home = Sandbox::new();
    let l = home.listen(&["--json", "--secret", SECRET]);
    let (body, header) = signed("stream.started", &new_id());
    assert_eq!(send(&l.addr, &[header], &body), 200);
    let unsigned = format!(
        r#"{{"event":"asset.ready","note":"caf\u00e9 {}"}}"#,
        '\u{202e}'
    );
    assert_eq!(send(&l.addr, &[], unsigned.as_bytes()), 401);
    let lines = l.wait_lines(2);
    stop(l);
    let live: Vec<Value> = lines
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();

    let shown: Vec<Value> = (1..=2)
        .map(|n| {
            let n = n.to_string();
            serde_json::from_str(&home.ok(&["--json", "inbox", "show", &n])).unwrap()
        })
        .collect();
    let listed: Vec<Value> = serde_json::from_str(&home.ok(&["--json", "inbox", "list"])).unwrap();
    let exported: Vec<Value> = home
        .ok(&["inbox", "export"])
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    for (i, line) in live.iter().enumerate() {
        let mut expected = line.clone();
        expected["id"] = Value::from(i as i64 + 1);
        assert_eq!(shown[i], expected, "show --json");
        assert_eq!(exported[i], expected, "export");
        // list is newest first.
        assert_eq!(listed[live.len() - 1 - i], expected, "list --json");
    }
    assert_eq!(live[1]["verdict"], "missing_signature");
}

/// Requests listen refuses before verifying (wrong path, wrong method, too big) are noted on
/// stderr and recorded too, with the status they got and a verdict word naming why, so
/// `inbox list` shows what was turned away.
#[test]
fn refused_requests_are_recorded_with_their_status_and_why() {
    use crate::support::listen::raw_exchange;
    let home = Sandbox::new();
    let l = home.listen(&["--secret", SECRET, "--path", "/hooks", "--max-body", "1KiB"]);
    let (body, header) = signed("stream.started", &new_id());
    let wrong_path = raw_exchange(
        &l.addr,
        &crate::support::listen::post("/elsewhere", std::slice::from_ref(&header), &body),
    );
    assert_eq!(wrong_path.statuses, [404]);
    let get = raw_exchange(
        &l.addr,
        b"GET /hooks HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(get.statuses, [405]);
    let big = vec![b'x'; 4096];
    let too_big = raw_exchange(&l.addr, &crate::support::listen::post("/hooks", &[], &big));
    assert_eq!(too_big.statuses, [413]);
    assert_eq!(
        send(&l.addr, &[header], &body),
        404,
        "the default path is not /hooks"
    );
    let stderr = stop(l);
    assert!(stderr.contains("lpwh: 405 GET /hooks from"), "{stderr}");

    let rows = home.list(&[]);
    let seen: Vec<(String, String, u64)> = rows
        .iter()
        .rev()
        .map(|r| {
            (
                r["method"].as_str().unwrap().to_owned(),
                r["verdict"].as_str().unwrap().to_owned(),
                r["status"].as_u64().unwrap(),
            )
        })
        .collect();
    let row = |m: &str, v: &str, s| (m.to_owned(), v.to_owned(), s);
    assert_eq!(
        seen,
        [
            row("POST", "not_found", 404),
            row("GET", "method_not_allowed", 405),
            row("POST", "body_too_large", 413),
            row("POST", "not_found", 404),
        ],
        "{rows:#?}"
    );
    // No body is kept for a refusal before reading it; the hint says why it was refused.
    assert_eq!(rows[1]["size"], 0, "{:#}", rows[1]);
    assert!(
        rows[1]["hint"].as_str().unwrap().contains("--max-body"),
        "{:#}",
        rows[1]
    );
    assert_eq!(home.list(&["--verdict", "method_not_allowed"]).len(), 1);
    // A delivery posted to the wrong path is kept whole, with its event...
    let misposted = &rows[3];
    assert_eq!(misposted["event"], "stream.started", "{misposted:#}");
    assert_eq!(misposted["size"], body.len(), "{misposted:#}");
    // ...so it can be replayed to the right path, re-signed.
    let right = home.listen(&["--secret", SECRET, "--path", "/hooks", "--no-record"]);
    let id = misposted["id"].to_string();
    let replay = home.run(&[
        "inbox",
        "replay",
        &id,
        "--to",
        &format!("{}/hooks", right.url),
        "--secret",
        SECRET,
    ]);
    assert_eq!(replay.code, 0, "{}", replay.stderr);
}

/// Each forwarded delivery keeps the start of what the app answered (`app_response`, shown by
/// `inbox show`), `inbox list` has the app's status in its APP column, and `--failed` lists
/// what the app did not take and what was refused.
#[test]
fn the_apps_answer_is_kept_and_failures_are_listed() {
    use crate::support::listen::{SECRET, Target};
    let refusing = Target::start(401, "/hook");
    let home = Sandbox::new();
    let listener = home.listen(&["--secret", SECRET, "--forward-to", &refusing.url]);
    let (body, header) = signed("asset.ready", "evt-app-refused");
    assert_eq!(send(&listener.addr, &[header], &body), 401);
    let (body, _) = signed("asset.ready", "evt-forged");
    assert_eq!(
        send(
            &listener.addr,
            &["Livepeer-Signature: t=1,v1=00".to_owned()],
            &body
        ),
        401
    );
    listener.stop();

    let rows = home.list(&[]);
    let refused = with(&rows, "event_id", "evt-app-refused")[0].clone();
    assert_eq!(refused["verdict"], "ok");
    assert_eq!(refused["app_response"], r#"{"from":"target"}"#);
    let shown = home.ok(&["inbox", "show", &refused["id"].to_string()]);
    assert!(shown.contains(r#"Answer:   {"from":"target"}"#), "{shown}");
    let table = home.ok(&["inbox", "list"]);
    assert!(table.contains("APP"), "{table}");
    let failed = home.list(&["--failed"]);
    let ids: Vec<&str> = failed
        .iter()
        .map(|r| r["event_id"].as_str().unwrap())
        .collect();
    assert_eq!(failed.len(), 2, "{ids:?}");
    assert!(
        ids.contains(&"evt-app-refused") && ids.contains(&"evt-forged"),
        "{ids:?}"
    );
}
