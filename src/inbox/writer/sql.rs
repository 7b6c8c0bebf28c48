//! Writing a batch into SQLite: the INSERT statements (a few fixed shapes, prepared once), a
//! pending row alone with its id handed back, and pruning to `--keep`.

use rusqlite::{Connection, TransactionBehavior};

use super::entry::Row;

/// Rows per INSERT statement, largest first: one statement per row costs a VM run and an
/// AUTOINCREMENT bookkeeping write each, so a batch goes in as 32-row statements, and its tail
/// (fewer than 32) as 8-row and then 1-row ones. Three fixed shapes stay prepared in rusqlite's
/// statement cache; a statement per tail length (31 shapes) overflowed it and was re-prepared on
/// almost every commit (7% of the writer's time under `benches/listen_load.rs --inbox`, perf).
/// 32 rows × 13 columns stay far below SQLite's parameter limit.
pub(super) const STATEMENT_ROWS: [usize; 3] = [32, 8, 1];
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
pub(super) const INSERT_COLUMNS: &str = "received_at, method, path, headers, body, verdict, hint, event, \
                              event_id, webhook_id, forward, status, remote, app_response";

/// The SQL for each of [`STATEMENT_ROWS`], built once.
pub(super) fn insert_sqls() -> &'static [String; STATEMENT_ROWS.len()] {
    static SQL: std::sync::OnceLock<[String; STATEMENT_ROWS.len()]> = std::sync::OnceLock::new();
    SQL.get_or_init(|| STATEMENT_ROWS.map(insert_sql))
}

/// Insert `batch` in one transaction, in order. Runs of ordinary rows go in as multi-row
/// statements; each pending row goes alone, and its (ticket, row id) is pushed to `ids`.
pub(super) fn insert(
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

pub(super) fn insert_run(
    tx: &rusqlite::Transaction<'_>,
    batch: &[Row<'_>],
) -> rusqlite::Result<()> {
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
pub(super) fn bind_row(
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
pub(super) fn insert_pending(
    tx: &rusqlite::Transaction<'_>,
    d: &Row<'_>,
) -> rusqlite::Result<(u64, i64)> {
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
pub(super) fn prune_to_count(conn: &Connection, keep: u64) -> rusqlite::Result<()> {
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

pub(super) fn is_busy(err: &rusqlite::Error) -> bool {
    matches!(
        err.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}
