//! The inbox under stress: a listener killed with SIGKILL mid-load leaves a sound database with
//! every delivery answered well before the kill; two listeners share one database; databases
//! written by an older lpwh are migrated on open, and a newer one's are refused untouched.

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::inbox::{Conn, send, signed};
use crate::support::listen::{SECRET, delivery, new_id, now_ms};
use crate::support::sandbox::Sandbox;
use rusqlite::Connection;

/// Deliveries answered more than this before the kill must be in the database (the writer
/// commits every 50 ms; this leaves ten times that for a loaded machine).
const SAFE_MARGIN: Duration = Duration::from_millis(500);

#[test]
fn kill_9_under_load_loses_nothing_committed_and_leaves_a_sound_database() {
    const THREADS: usize = 4;
    const PER_THREAD: usize = 500;
    let home = Sandbox::new();
    let db = home.dir.path().join("crash.sqlite");
    let db_arg = db.to_str().unwrap().to_owned();
    let mut l = home.listen(&["--secret", SECRET, "--db", &db_arg]);

    let answered: Arc<Mutex<Vec<(String, Instant)>>> = Arc::default();
    let count = Arc::new(AtomicUsize::new(0));
    let killed = Arc::new(AtomicBool::new(false));
    let senders: Vec<_> = (0..THREADS)
        .map(|_| {
            let (addr, answered, count, killed) = (
                l.addr.clone(),
                answered.clone(),
                count.clone(),
                killed.clone(),
            );
            std::thread::spawn(move || {
                let mut conn = Conn::open(&addr);
                for _ in 0..PER_THREAD {
                    if killed.load(Ordering::SeqCst) {
                        break;
                    }
                    let id = new_id();
                    let (body, header) = signed("asset.updated", &id);
                    match conn.deliver(&header, &body) {
                        Some(200) => {
                            answered.lock().unwrap().push((id, Instant::now()));
                            count.fetch_add(1, Ordering::SeqCst);
                        }
                        Some(other) => panic!("delivery answered {other}"),
                        None => break,
                    }
                    // Paced, so the run spans several batch intervals before the kill.
                    std::thread::sleep(Duration::from_millis(2));
                }
            })
        })
        .collect();

    // Kill while deliveries are still flowing: after at least a second and half of them.
    let started = Instant::now();
    while !(started.elapsed() > Duration::from_secs(1)
        && count.load(Ordering::SeqCst) >= THREADS * PER_THREAD / 2)
    {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "load never got going"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    l.kill();
    let kill_time = Instant::now();
    killed.store(true, Ordering::SeqCst);
    l.wait_exit(Duration::from_secs(10));
    for sender in senders {
        sender.join().unwrap();
    }

    let conn = Connection::open(&db).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let stored: HashSet<String> = conn
        .prepare("SELECT event_id FROM deliveries")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let answered = answered.lock().unwrap();
    let safe: Vec<&String> = answered
        .iter()
        .filter(|(_, at)| *at + SAFE_MARGIN < kill_time)
        .map(|(id, _)| id)
        .collect();
    assert!(
        safe.len() >= 100,
        "too few deliveries before the margin to prove anything ({} of {})",
        safe.len(),
        answered.len()
    );
    let missing: Vec<_> = safe.iter().filter(|id| !stored.contains(**id)).collect();
    assert!(
        missing.is_empty(),
        "{} of {} deliveries answered >{SAFE_MARGIN:?} before the kill are missing",
        missing.len(),
        safe.len()
    );
    // Nothing was invented either.
    let sent: HashSet<&String> = answered.iter().map(|(id, _)| id).collect();
    assert!(stored.iter().all(|id| sent.contains(id)));

    // And lpwh itself reads it.
    assert_eq!(home.list(&["--db", &db_arg]).len(), stored.len());
}

#[test]
fn two_listeners_record_into_one_database_while_it_is_read() {
    const EACH: usize = 150;
    let home = Sandbox::new();
    let db = home.dir.path().join("shared.sqlite");
    let db_arg = db.to_str().unwrap().to_owned();
    let first = home.listen(&["--secret", SECRET, "--db", &db_arg]);
    let second = home.listen(&["--secret", SECRET, "--db", &db_arg]);

    let sent: Arc<Mutex<HashSet<String>>> = Arc::default();
    let senders: Vec<_> = [first.addr.clone(), second.addr.clone()]
        .into_iter()
        .map(|addr| {
            let sent = sent.clone();
            std::thread::spawn(move || {
                let mut conn = Conn::open(&addr);
                for _ in 0..EACH {
                    let id = new_id();
                    let (body, header) = signed("stream.started", &id);
                    assert_eq!(conn.deliver(&header, &body), Some(200));
                    sent.lock().unwrap().insert(id);
                }
            })
        })
        .collect();
    // Readers work while both write.
    for _ in 0..3 {
        let page = home.ok(&["--json", "inbox", "list", "--db", &db_arg, "--limit", "5"]);
        assert!(
            serde_json::from_str::<serde_json::Value>(&page)
                .unwrap()
                .is_array()
        );
        std::thread::sleep(Duration::from_millis(30));
    }
    for sender in senders {
        sender.join().unwrap();
    }

    for mut listener in [first, second] {
        listener.signal("TERM");
        assert!(listener.wait_exit(Duration::from_secs(20)).success());
        let stderr = listener.stderr();
        assert!(!stderr.contains("not recorded"), "{stderr}");
        assert!(!stderr.contains("could not record"), "{stderr}");
        assert!(
            stderr.contains(&format!("recorded {EACH} deliveries")),
            "{stderr}"
        );
    }
    let rows = home.list(&["--db", &db_arg]);
    let stored: HashSet<String> = rows
        .iter()
        .map(|r| r["event_id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(rows.len(), 2 * EACH);
    assert_eq!(stored, *sent.lock().unwrap());
    let ids: HashSet<i64> = rows.iter().map(|r| r["id"].as_i64().unwrap()).collect();
    assert_eq!(ids.len(), 2 * EACH, "ids are unique across processes");
}

/// The first released layout (schema version 1), written out by hand as that lpwh created it.
const V1_LAYOUT: &str = "
    CREATE TABLE deliveries (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        received_at INTEGER NOT NULL, method TEXT NOT NULL, path TEXT NOT NULL,
        headers TEXT NOT NULL, body BLOB NOT NULL, verdict TEXT NOT NULL, hint TEXT,
        event TEXT, event_id TEXT, webhook_id TEXT, forward TEXT);
    CREATE INDEX deliveries_event ON deliveries (event);
    CREATE INDEX deliveries_verdict ON deliveries (verdict);
    CREATE INDEX deliveries_received_at ON deliveries (received_at);
    PRAGMA user_version = 1;";

#[test]
fn a_version_1_database_is_migrated_on_open_and_keeps_its_rows() {
    let home = Sandbox::new();
    let db = home.dir.path().join("old.sqlite");
    let db_arg = db.to_str().unwrap().to_owned();
    {
        let conn = Connection::open(&db).unwrap();
        conn.execute_batch(V1_LAYOUT).unwrap();
        conn.execute(
            "INSERT INTO deliveries (received_at, method, path, headers, body, verdict, event, event_id)
             VALUES (?1, 'POST', '/old', '[[\"content-type\",\"application/json\"]]', ?2, 'ok', 'stream.idle', 'old-1')",
            rusqlite::params![now_ms() - 60_000, br#"{"old":true}"#.to_vec()],
        )
        .unwrap();
    }

    let rows = home.list(&["--db", &db_arg]);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["event_id"], "old-1");
    assert_eq!(
        rows[0]["status"],
        serde_json::Value::Null,
        "unknown before v2"
    );
    let raw = home.run(&["inbox", "show", "1", "--raw", "--db", &db_arg]);
    assert_eq!(raw.bytes, br#"{"old":true}"#);
    {
        let conn = Connection::open(&db).unwrap();
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert!(version > 1, "migrated on open (now {version})");
        let has_status: i64 = conn
            .query_row(
                "SELECT count(*) FROM pragma_table_info('deliveries') WHERE name = 'status'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(has_status, 1);
        // v3 dropped the verdict index (it slowed every insert and sped up nothing); v5's
        // pending index is partial: only `--ack-first` rows waiting for the app are in it, and
        // v7's log_id index only rows imported from Studio's log.
        let indexes: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'deliveries' ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(
            indexes,
            [
                "deliveries_event",
                "deliveries_log_id",
                "deliveries_pending",
                "deliveries_received_at"
            ]
        );
    }

    // A listener records into the migrated database, with the new columns filled.
    let l = home.listen(&["--db", &db_arg]);
    assert_eq!(
        send(
            &l.addr,
            &[],
            &delivery("stream.started", &new_id(), now_ms())
        ),
        200
    );
    let mut l = l;
    l.signal("TERM");
    assert!(l.wait_exit(Duration::from_secs(20)).success());
    let rows = home.list(&["--db", &db_arg]);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["status"], 200);
    assert_eq!(rows[0]["id"], 2);
}

#[test]
fn a_database_from_a_newer_lpwh_is_refused_and_left_alone() {
    let home = Sandbox::new();
    let db = home.dir.path().join("future.sqlite");
    let db_arg = db.to_str().unwrap().to_owned();
    {
        let conn = Connection::open(&db).unwrap();
        conn.execute_batch("CREATE TABLE deliveries (id INTEGER PRIMARY KEY, shape TEXT); PRAGMA user_version = 999;")
            .unwrap();
    }
    let out = home.run(&["inbox", "list", "--db", &db_arg]);
    assert_eq!(Some(out.code), Some(1));
    let stderr = out.stderr.clone();
    assert!(stderr.contains("newer than this lpwh"), "{stderr}");
    assert!(stderr.contains("hint:"), "{stderr}");

    let listen = home.run(&["listen", "--port", "0", "--db", &db_arg]);
    assert_eq!(Some(listen.code), Some(1));
    let stderr = listen.stderr.clone();
    assert!(stderr.contains("cannot record deliveries"), "{stderr}");
    assert!(stderr.contains("--no-record"), "{stderr}");

    let conn = Connection::open(&db).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 999);
}

/// On other OSes: listed as ignored (see below for what it checks).
#[cfg(not(unix))]
#[test]
#[ignore = "checks Unix file modes (0600 files, sticky and world-writable directories)"]
fn an_exposed_inbox_is_tightened_and_a_world_writable_place_refused() {}

/// The inbox holds raw deliveries. A database others can read is made 0600 with a warning; a
/// directory every user can write to is refused unless it is sticky and the user's own.
#[cfg(unix)]
#[test]
fn an_exposed_inbox_is_tightened_and_a_world_writable_place_refused() {
    use std::os::unix::fs::PermissionsExt;
    let set_mode = |path: &std::path::Path, mode: u32| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap()
    };
    let home = Sandbox::new();
    let place = home.dir.path().join("place");
    std::fs::create_dir(&place).unwrap();
    let db = place.join("inbox.sqlite");
    // An empty file is an empty SQLite database: opening gives it the schema.
    std::fs::write(&db, b"").unwrap();
    set_mode(&db, 0o644);
    let db_arg = db.to_str().unwrap();

    let out = home.run(&["inbox", "list", "--db", db_arg]);
    let stderr = out.stderr.clone();
    assert!(out.success(), "{stderr}");
    assert!(stderr.contains("made it 0600"), "{stderr}");
    assert_eq!(crate::support::inbox::mode(&db), 0o600);
    let again = home.run(&["inbox", "list", "--db", db_arg]);
    assert!(
        !again.stderr.clone().contains("warning"),
        "warned once, then quiet"
    );

    set_mode(&place, 0o777);
    for args in [
        vec!["inbox", "list", "--db", db_arg],
        vec!["listen", "--port", "0", "--db", db_arg],
    ] {
        let out = home.run(&args);
        let stderr = out.stderr.clone();
        assert_eq!(Some(out.code), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains("writable by every user"), "{stderr}");
        assert!(stderr.contains("hint: run 'chmod o-w"), "{stderr}");
        assert!(!stderr.contains("ready"), "{stderr}");
    }
    // Sticky and the user's own, like a private /tmp: accepted.
    set_mode(&place, 0o1777);
    let out = home.run(&["inbox", "list", "--db", db_arg]);
    assert!(out.success(), "{}", out.stderr.clone());
}

/// A database error is one sentence and one hint: SQLite's message used to come twice
/// (`file is not a database: Error code 26: file is not a database`).
#[test]
fn a_database_error_reads_once_with_one_hint() {
    let home = Sandbox::new();
    let not_db = home.dir.path().join("notes.txt");
    std::fs::write(&not_db, "these are my notes, not an inbox\n".repeat(200)).unwrap();
    let arg = not_db.to_str().unwrap();
    for args in [
        vec!["inbox", "list", "--db", arg],
        vec!["inbox", "show", "1", "--db", arg],
        vec!["listen", "--port", "0", "--db", arg],
    ] {
        let out = home.run(&args);
        let stderr = out.stderr.clone();
        assert_eq!(Some(out.code), Some(1), "{args:?}: {stderr}");
        assert_eq!(stderr.matches("not a database").count(), 0, "{stderr}");
        assert_eq!(
            stderr.matches("is not an SQLite database").count(),
            1,
            "{stderr}"
        );
        assert_eq!(stderr.matches("hint:").count(), 1, "{stderr}");
        assert!(!stderr.contains("Error code"), "{stderr}");
    }
    assert_eq!(
        std::fs::read(&not_db).unwrap(),
        "these are my notes, not an inbox\n"
            .repeat(200)
            .into_bytes(),
        "the file is left as it was"
    );
}

/// Makes a directory read-only for lpwh: a read-only bind mount when the tests run as root
/// (permission bits do not bind root), else its mode and its files' modes. Undone when dropped.
#[cfg(unix)]
struct ReadOnly {
    dir: std::path::PathBuf,
    mounted: bool,
}

#[cfg(unix)]
impl ReadOnly {
    fn make(dir: &std::path::Path) -> ReadOnly {
        use std::os::unix::fs::PermissionsExt as _;
        // SAFETY: geteuid has no preconditions and cannot fail.
        let root = unsafe { libc::geteuid() } == 0;
        if root {
            let bind = std::process::Command::new("mount")
                .args(["--bind"])
                .arg(dir)
                .arg(dir)
                .status()
                .unwrap();
            assert!(bind.success(), "mount --bind failed (root is needed here)");
            let ro = std::process::Command::new("mount")
                .args(["-o", "remount,bind,ro"])
                .arg(dir)
                .status()
                .unwrap();
            assert!(ro.success(), "remounting read-only failed");
        } else {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(0o400))
                    .unwrap();
            }
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o500)).unwrap();
        }
        // Either way, nothing can be created there now.
        assert!(std::fs::write(dir.join("probe"), b"x").is_err());
        ReadOnly {
            dir: dir.to_path_buf(),
            mounted: root,
        }
    }
}

#[cfg(unix)]
impl Drop for ReadOnly {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt as _;
        if self.mounted {
            let _ = std::process::Command::new("umount").arg(&self.dir).status();
        } else {
            let _ = std::fs::set_permissions(&self.dir, std::fs::Permissions::from_mode(0o700));
        }
    }
}

/// On other OSes: listed as ignored (see below for what it checks).
#[cfg(not(unix))]
#[test]
#[ignore = "makes the inbox read-only with Unix modes or a bind mount"]
fn a_read_only_inbox_is_read_and_listen_refuses_it_clearly() {}

/// An inbox that cannot be written is still read (list, show, export); listen refuses it,
/// naming --db and --no-record; and one too old to read without migrating says so.
#[cfg(unix)]
#[test]
fn a_read_only_inbox_is_read_and_listen_refuses_it_clearly() {
    let home = Sandbox::new();
    let listener = home.listen(&["--secret", SECRET]);
    let (body, header) = signed("asset.ready", "evt-ro-1");
    assert_eq!(send(&listener.addr, &[header], &body), 200);
    listener.stop();
    let dir = home.data_dir();
    let guard = ReadOnly::make(&dir);

    let rows = home.list(&[]);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["event_id"], "evt-ro-1");
    let raw = home.run(&["inbox", "show", "1", "--raw"]);
    raw.assert_code(0);
    assert_eq!(raw.bytes, body);
    home.run(&["inbox", "export"]).assert_code(0);

    let refused = home.run(&["listen", "--port", "0"]);
    refused.assert_code(1);
    assert!(
        refused
            .stderr
            .contains("lpwh: error: cannot record deliveries"),
        "{}",
        refused.stderr
    );
    assert!(
        refused.stderr.contains("--db") && refused.stderr.contains("--no-record"),
        "{}",
        refused.stderr
    );
    drop(guard);

    // A version 1 inbox, read-only: it cannot be migrated, and so cannot be read; said so.
    let old = Sandbox::new();
    std::fs::create_dir_all(old.data_dir()).unwrap();
    {
        let conn = Connection::open(old.default_db()).unwrap();
        conn.execute_batch(V1_LAYOUT).unwrap();
    }
    let _guard = ReadOnly::make(&old.data_dir());
    let run = old.run(&["inbox", "list"]);
    run.assert_code(1);
    assert!(
        run.stderr
            .contains("is read-only, and its schema (version 1) is older than this lpwh reads"),
        "{}",
        run.stderr
    );
}
