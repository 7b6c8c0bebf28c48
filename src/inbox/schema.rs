//! Opening the inbox database and keeping its schema current.
//!
//! The schema version lives in `PRAGMA user_version`. [`MIGRATIONS`] holds one SQL script per
//! version, applied in order inside one `BEGIN IMMEDIATE` transaction, so two processes opening
//! an old database at once migrate it exactly once. To change the schema, append a script; never
//! edit a released one (databases out there were built from it).

use std::path::Path;
use std::time::Duration;

use anyhow::{Context as _, Result};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use crate::error::Failure;
use crate::output::Out;

/// How long a statement waits for another process's write lock before failing.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// `MIGRATIONS[i]` takes a database from version `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[
    // v1: one row per delivery. `id` is what people type (`lpwh inbox show 42`); AUTOINCREMENT
    // so an id is never reused after a prune or `clear`, and an old id never names a new delivery.
    "CREATE TABLE deliveries (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        received_at INTEGER NOT NULL,          -- Unix ms
        method      TEXT    NOT NULL,
        path        TEXT    NOT NULL,
        headers     TEXT    NOT NULL,          -- JSON: [[name, value], ...] in arrival order
        body        BLOB    NOT NULL,          -- the raw bytes, exactly as received
        verdict     TEXT    NOT NULL,          -- reason word: ok, bad_signature, ..., duplicate
        hint        TEXT,
        event       TEXT,
        event_id    TEXT,
        webhook_id  TEXT,
        forward     TEXT                       -- JSON: what each forward target answered
    );
    CREATE INDEX deliveries_event ON deliveries (event);
    CREATE INDEX deliveries_verdict ON deliveries (verdict);
    CREATE INDEX deliveries_received_at ON deliveries (received_at);",
    // v2: the status lpwh answered with (the forward target's, when forwarding) and the peer.
    // Rows recorded before v2 have neither.
    "ALTER TABLE deliveries ADD COLUMN status INTEGER;
    ALTER TABLE deliveries ADD COLUMN remote TEXT;",
    // v3: no index on verdict. A handful of distinct words index nothing useful (`inbox list
    // --verdict` reads newest-first and stops at --limit), and each index is one more b-tree
    // written per recorded delivery.
    "DROP INDEX IF EXISTS deliveries_verdict;",
    // v4: a delivery `inbox browse` sent after the user edited it: the row it was edited from.
    "ALTER TABLE deliveries ADD COLUMN edit_of INTEGER;",
    // v5: `listen --ack-first` records a delivery before answering the sender, with verdict
    // `pending` until the app answers; `held` keeps the verdict it takes then (ok, unsigned,
    // unchecked). The partial index finds pending rows without touching the others.
    "ALTER TABLE deliveries ADD COLUMN held TEXT;
    CREATE INDEX deliveries_pending ON deliveries (id) WHERE verdict = 'pending';",
    // v6: the start of what the first forward target (the app) answered, as Studio keeps a
    // delivery's response: at most [`crate::inbox::APP_RESPONSE_MAX`] bytes.
    "ALTER TABLE deliveries ADD COLUMN app_response BLOB;",
    // v7: `inbox backfill` imports deliveries from Studio's log: `source` is `studio-log` for
    // them (NULL: received live), `log_id` the log's id, unique so an import never repeats.
    "ALTER TABLE deliveries ADD COLUMN source TEXT;
    ALTER TABLE deliveries ADD COLUMN log_id TEXT;
    CREATE UNIQUE INDEX deliveries_log_id ON deliveries (log_id) WHERE log_id IS NOT NULL;",
];

/// WAL pages between automatic checkpoints for the recording connection (SQLite's default is
/// 1,000). A checkpoint copies each changed page once however many commits changed it, so a
/// longer interval copies the hot right-most pages far fewer times; the WAL is reset, not grown,
/// after each one, so it stays about this size (16 MiB with 4 KiB pages).
pub const WAL_AUTOCHECKPOINT_PAGES: i64 = 4000;

/// The version this build writes.
pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// Open (creating when missing) the database at `path` for recording: its directory is created
/// (0700) and the file made 0600 before SQLite touches it, since bodies may hold private data.
/// An existing place is checked first ([`guard`]).
pub fn open_for_writing(path: &Path, out: &Out) -> Result<Connection> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        create_dir(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    guard(path, out)?;
    create_private_file(path).with_context(|| format!("creating {}", path.display()))?;
    let conn = open(path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    conn.pragma_update(None, "wal_autocheckpoint", WAL_AUTOCHECKPOINT_PAGES)?;
    // Appending touches only the right-most pages of the table and its indexes: 1 MiB of page
    // cache is plenty (SQLite's default is 2 MiB), and it is memory a long `listen` keeps.
    conn.pragma_update(None, "cache_size", -1024)?;
    Ok(conn)
}

/// Open an existing database for the `inbox` commands; `None` when there is none yet. One that
/// cannot be written (a read-only file, directory or file system) is opened read-only: it can
/// still be listed, shown, exported and browsed.
pub fn open_existing(path: &Path, out: &Out) -> Result<Option<Connection>> {
    match std::fs::metadata(path) {
        Ok(_) => {
            guard(path, out)?;
            match open_unexplained(path, OpenFlags::SQLITE_OPEN_READ_WRITE) {
                Ok(conn) => Ok(Some(conn)),
                Err(err) if cannot_write(&err) => open_read_only(path, out)
                    .map(Some)
                    .map_err(|e| explain(path, e)),
                Err(err) => Err(explain(path, err)),
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
    }
}

fn open(path: &Path, flags: OpenFlags) -> Result<Connection> {
    open_unexplained(path, flags).map_err(|e| explain(path, e))
}

fn open_unexplained(path: &Path, flags: OpenFlags) -> Result<Connection> {
    let flags = flags | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
    let conn = Connection::open_with_flags(path, flags)?;
    configure(&conn)?;
    migrate(&conn)?;
    Ok(conn)
}

/// A database written by a newer lpwh: refused, never changed.
fn newer_schema(version: i64, latest: i64) -> Failure {
    Failure::failure(format!(
        "the inbox database has schema version {version}, newer than this lpwh knows ({latest})"
    ))
    .hint("upgrade lpwh, or use another database with --db PATH")
}

/// Whether opening for writing failed because nothing may be written there.
fn cannot_write(err: &anyhow::Error) -> bool {
    use rusqlite::ErrorCode as Code;
    err.chain()
        .filter_map(|c| c.downcast_ref::<rusqlite::Error>())
        .any(|e| {
            matches!(
                e.sqlite_error_code(),
                Some(Code::CannotOpen | Code::ReadOnly | Code::PermissionDenied)
            )
        })
}

/// Open `path` read-only, as it is: nothing is migrated, so a database of another schema
/// version is refused with the reason. In WAL mode SQLite needs to write a `-shm` file beside
/// the database even to read; where it cannot, the file is read as immutable (its `-wal`, if a
/// crash left one, cannot be read there, and that is said).
fn open_read_only(path: &Path, out: &Out) -> Result<Connection> {
    let text = path
        .to_str()
        .context("the inbox path is not UTF-8, so it cannot be opened read-only")?;
    const URI: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
        .add(b' ')
        .add(b'?')
        .add(b'#')
        .add(b'%');
    let encoded = percent_encoding::utf8_percent_encode(text, URI);
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let readable = |uri: String| -> Result<Connection> {
        let conn = Connection::open_with_flags(uri, flags)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        user_version(&conn)?;
        Ok(conn)
    };
    let conn = match readable(format!("file:{encoded}?mode=ro")) {
        Ok(conn) => conn,
        Err(_) => {
            let mut wal = path.as_os_str().to_owned();
            wal.push("-wal");
            if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
                out.warn(format!(
                    "{} cannot be read where it is (read-only): the newest deliveries, not yet \
                     folded into the database, may be missing",
                    Path::new(&wal).display()
                ));
            }
            readable(format!("file:{encoded}?mode=ro&immutable=1"))?
        }
    };
    let version = user_version(&conn)?;
    let latest = latest_version();
    if version > latest {
        return Err(newer_schema(version, latest).into());
    }
    if version < latest {
        return Err(Failure::failure(format!(
            "the inbox database is read-only, and its schema (version {version}) is older than \
             this lpwh reads ({latest}) without migrating it"
        ))
        .hint(
            "open it once where it can be written (any 'lpwh inbox list' migrates it), or copy \
             it somewhere writable and pass --db COPY",
        )
        .into());
    }
    Ok(conn)
}

/// A database error as one sentence and one hint. rusqlite's message already says what its
/// source (`Error code 26: file is not a database`) says, so the chain is not printed; an
/// error that is already a [`Failure`] (a newer schema) is kept as it is.
pub fn explain(path: &Path, err: anyhow::Error) -> anyhow::Error {
    if err.chain().any(|cause| cause.is::<Failure>()) {
        return err.context(path.display().to_string());
    }
    let Some(sqlite) = err
        .chain()
        .find_map(|c| c.downcast_ref::<rusqlite::Error>())
    else {
        return err.context(format!("the inbox database {}", path.display()));
    };
    use rusqlite::ErrorCode as Code;
    let shown = path.display();
    let other = "choose another database with --db PATH";
    let (message, hint) = match sqlite.sqlite_error_code() {
        Some(Code::NotADatabase) => (
            format!("{shown} is not an SQLite database, so it cannot be an lpwh inbox"),
            "point --db at an inbox or a new file, or move this file away".to_owned(),
        ),
        Some(Code::CannotOpen) => (
            format!("cannot open the inbox database {shown}"),
            format!("check that it is a file in a directory you can write, or {other}"),
        ),
        Some(Code::DatabaseBusy | Code::DatabaseLocked) => (
            format!(
                "the inbox database {shown} stayed locked by another process for {}s",
                BUSY_TIMEOUT.as_secs()
            ),
            format!("wait for the other lpwh to finish, or {other}"),
        ),
        Some(Code::ReadOnly | Code::PermissionDenied) => (
            format!("the inbox database {shown} cannot be written ({sqlite})"),
            format!("check its permissions and its directory's, or {other}"),
        ),
        Some(Code::DatabaseCorrupt) => (
            format!("the inbox database {shown} is damaged ({sqlite})"),
            "move it away to start a new inbox ('sqlite3 FILE .recover' may save its rows)"
                .to_owned(),
        ),
        _ => (
            format!("the inbox database {shown}: {sqlite}"),
            other.to_owned(),
        ),
    };
    Failure::failure(message).hint(hint).into()
}

/// WAL lets readers (`inbox list`) run while a listener writes, and several listeners share one
/// file; NORMAL sync in WAL mode keeps every commit across a crash of the process (only a power
/// loss may lose the last ones), at a fraction of FULL's fsyncs.
fn configure(conn: &Connection) -> Result<()> {
    // First, so the statements below wait for a concurrent opener instead of failing.
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        anyhow::bail!("the database refused WAL mode (journal_mode is {mode})");
    }
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    Ok(())
}

/// Bring the database to [`latest_version`], or refuse one written by a newer lpwh.
pub fn migrate(conn: &Connection) -> Result<()> {
    let latest = latest_version();
    if user_version(conn)? == latest {
        return Ok(());
    }
    // IMMEDIATE takes the write lock before reading the version: a second process waits, then
    // sees the migrated version and does nothing.
    let tx = rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    let from = user_version(&tx)?;
    if from > latest {
        return Err(newer_schema(from, latest).into());
    }
    if from < 0 {
        anyhow::bail!(
            "the database has a negative schema version ({from}); it is not an lpwh inbox"
        );
    }
    for (index, script) in MIGRATIONS.iter().enumerate().skip(from as usize) {
        tx.execute_batch(script)
            .with_context(|| format!("schema version {}", index + 1))?;
    }
    tx.pragma_update(None, "user_version", latest)?;
    tx.commit()?;
    Ok(())
}

pub fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
}

/// The inbox holds raw deliveries (and whatever private data they carry), so its place is
/// checked before use:
/// - a directory every user may write to is refused, unless it is sticky and the user's own
///   (anyone could otherwise swap the database, or plant a `-wal` file beside it);
/// - a database, `-wal` or `-shm` file others may read or write is made 0600, with a warning.
#[cfg(unix)]
pub fn guard(path: &Path, out: &Out) -> Result<()> {
    use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if let Ok(meta) = std::fs::metadata(dir) {
        let mode = meta.mode();
        // SAFETY: geteuid has no preconditions and cannot fail.
        let me = unsafe { libc::geteuid() };
        let sticky_and_mine = mode & 0o1000 != 0 && meta.uid() == me;
        if mode & 0o002 != 0 && !sticky_and_mine {
            return Err(Failure::failure(format!(
                "the inbox directory {} is writable by every user (mode {:o}), so anyone could \
                 replace the database lpwh records deliveries in",
                dir.display(),
                mode & 0o7777
            ))
            .hint(format!(
                "run 'chmod o-w {}', or choose a private place with --db PATH or LPWH_DATA_DIR",
                dir.display()
            ))
            .into());
        }
    }
    let companion = |suffix: &str| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        std::path::PathBuf::from(name)
    };
    for file in [path.to_path_buf(), companion("-wal"), companion("-shm")] {
        let Ok(meta) = std::fs::metadata(&file) else {
            continue;
        };
        let mode = meta.mode() & 0o7777;
        if !meta.is_file() || mode & 0o077 == 0 {
            continue;
        }
        let tightened = std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600));
        out.warn(match tightened {
            Ok(()) => format!(
                "{} was open to other users (mode {mode:o}); it holds raw deliveries, so lpwh \
                 made it 0600",
                file.display()
            ),
            Err(err) => format!(
                "{} is open to other users (mode {mode:o}) and lpwh could not make it 0600 \
                 ({err}); it holds raw deliveries",
                file.display()
            ),
        });
    }
    Ok(())
}

#[cfg(not(unix))]
pub fn guard(_path: &Path, _out: &Out) -> Result<()> {
    Ok(())
}

#[cfg(unix)]
fn create_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

#[cfg(not(unix))]
fn create_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)
}

/// Create the file with mode 0600 when it does not exist (SQLite then creates its `-wal` and
/// `-shm` files with the same mode); an existing file keeps the mode its owner gave it.
fn create_private_file(path: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema_of(conn: &Connection) -> Vec<(String, String)> {
        let mut stmt = conn
            .prepare(
                "SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name",
            )
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    }

    fn columns(conn: &Connection) -> Vec<String> {
        let mut stmt = conn
            .prepare("SELECT name FROM pragma_table_info('deliveries')")
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    }

    #[test]
    fn a_new_database_gets_the_latest_schema_in_wal_mode_with_a_private_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/dir/inbox.sqlite");
        let conn = open_for_writing(&path, &Out::plain()).unwrap();
        assert_eq!(user_version(&conn).unwrap(), latest_version());
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let sync: i64 = conn
            .query_row("PRAGMA synchronous", [], |r| r.get(0))
            .unwrap();
        assert_eq!(sync, 1, "synchronous=NORMAL");
        for column in [
            "id",
            "received_at",
            "body",
            "verdict",
            "forward",
            "status",
            "remote",
        ] {
            assert!(columns(&conn).iter().any(|c| c == column), "{column}");
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn stepwise_migration_ends_where_a_fresh_database_starts() {
        let dir = tempfile::tempdir().unwrap();
        let fresh = open_for_writing(&dir.path().join("fresh.sqlite"), &Out::plain()).unwrap();
        // Build a v1 database the way an older lpwh did, then open it with this one.
        let old_path = dir.path().join("old.sqlite");
        {
            let old = Connection::open(&old_path).unwrap();
            old.execute_batch(MIGRATIONS[0]).unwrap();
            old.pragma_update(None, "user_version", 1).unwrap();
        }
        let migrated = open_existing(&old_path, &Out::plain()).unwrap().unwrap();
        assert_eq!(user_version(&migrated).unwrap(), latest_version());
        assert_eq!(columns(&migrated), columns(&fresh));
        // Same tables and indexes (ALTER TABLE rewrites the CREATE text, so compare names).
        let names = |c: &Connection| schema_of(c).into_iter().map(|(n, _)| n).collect::<Vec<_>>();
        assert_eq!(names(&migrated), names(&fresh));
    }

    #[test]
    fn a_database_from_a_newer_lpwh_is_refused_not_damaged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("future.sqlite");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch("CREATE TABLE deliveries (id INTEGER PRIMARY KEY, novel TEXT);")
                .unwrap();
            conn.pragma_update(None, "user_version", latest_version() + 5)
                .unwrap();
        }
        let err = open_existing(&path, &Out::plain()).unwrap_err();
        assert!(
            format!("{err:#}").contains("newer than this lpwh"),
            "{err:#}"
        );
        let conn = Connection::open(&path).unwrap();
        assert_eq!(user_version(&conn).unwrap(), latest_version() + 5);
    }

    #[test]
    fn a_missing_database_is_not_created_by_readers() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("none.sqlite");
        assert!(open_existing(&path, &Out::plain()).unwrap().is_none());
        assert!(!path.exists());
    }
}
