//! Reading the inbox back: filtered summaries for `list`, one full delivery for `show` and
//! `replay`, every delivery (streamed) for `export`, and `clear`.

use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, Row, params_from_iter};
use serde_json::Value;

/// `inbox list` filters; `None` means no filter.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Exact event name, or a glob with `*` (e.g. `stream.*`).
    pub event: Option<String>,
    /// Reason word, e.g. `bad_signature`.
    pub verdict: Option<String>,
    /// Unix ms; deliveries received at or after it.
    pub since_ms: Option<i64>,
    /// Bytes the body must contain (`inbox browse`'s search).
    pub body_contains: Option<String>,
    /// Only failures: refused deliveries, and forwarded ones the app did not take (a non-2xx,
    /// or no answer).
    pub failures: bool,
    /// Keyset paging, newest first: only deliveries older than this `(received_at, id)`.
    pub before: Option<(i64, i64)>,
    pub limit: Option<u64>,
}

/// One row of `inbox list`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub id: i64,
    pub received_at_ms: i64,
    pub verdict: String,
    pub event: Option<String>,
    pub event_id: Option<String>,
    pub webhook_id: Option<String>,
    pub size: i64,
    pub status: Option<i64>,
    /// What the app (the first forward target) answered: `Some(None)` when it did not answer,
    /// `None` when nothing was forwarded.
    pub app_status: Option<Option<i64>>,
}

/// A delivery as stored, every column.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Stored {
    pub id: i64,
    pub received_at_ms: i64,
    pub method: String,
    pub path: String,
    /// `[name, value]` pairs in arrival order.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub verdict: String,
    pub hint: Option<String>,
    pub event: Option<String>,
    pub event_id: Option<String>,
    pub webhook_id: Option<String>,
    /// The forward outcomes as recorded (a JSON array), when forwarded.
    pub forward: Option<Value>,
    pub status: Option<i64>,
    pub remote: Option<String>,
    /// For an edit sent from `inbox browse`: the delivery it was edited from.
    pub edit_of: Option<i64>,
    /// The start of what the app (the first forward target) answered.
    pub app_response: Option<Vec<u8>>,
    /// For a delivery imported by `inbox backfill`: the id of Studio's log it came from.
    pub log_id: Option<String>,
}

impl Stored {
    /// The first value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Summaries matching `filter`, newest first.
pub fn list(conn: &Connection, filter: &Filter) -> rusqlite::Result<Vec<Summary>> {
    let (sql, args) = matching(
        "SELECT id, received_at, verdict, event, event_id, webhook_id, length(body), status,
            forward IS NOT NULL AND forward != '[]', json_extract(forward, '$[0].status')
         FROM deliveries",
        filter,
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(args), |r| {
        Ok(Summary {
            id: r.get(0)?,
            received_at_ms: r.get(1)?,
            verdict: r.get(2)?,
            event: r.get(3)?,
            event_id: r.get(4)?,
            webhook_id: r.get(5)?,
            size: r.get(6)?,
            status: r.get(7)?,
            app_status: r.get::<_, bool>(8)?.then(|| r.get(9)).transpose()?,
        })
    })?;
    rows.collect()
}

/// Whole deliveries matching `filter`, newest first (`inbox list --json`).
pub fn list_full(conn: &Connection, filter: &Filter) -> rusqlite::Result<Vec<Stored>> {
    let (sql, args) = matching(FULL, filter);
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(args), stored)?;
    rows.collect()
}

/// A delivery that failed: refused (any verdict but the accepted ones), or forwarded and not
/// taken by the app (a non-2xx, or no answer). `pending` is not a failure yet.
const FAILED: &str = "(verdict NOT IN ('ok', 'duplicate', 'unsigned', 'unchecked', 'pending') \
     OR (forward IS NOT NULL AND forward != '[]' \
         AND coalesce(json_extract(forward, '$[0].status'), 0) NOT BETWEEN 200 AND 299))";

/// `select` with the WHERE, ORDER BY and LIMIT `filter` asks for, and its arguments.
fn matching(select: &str, filter: &Filter) -> (String, Vec<SqlValue>) {
    let mut sql = format!("{select} WHERE 1 = 1");
    let mut args: Vec<SqlValue> = Vec::new();
    if let Some(event) = &filter.event {
        if event.contains('*') {
            // GLOB's other metacharacters (? [ ]) are not in event names; only * is offered.
            sql.push_str(" AND event GLOB ?");
            args.push(SqlValue::Text(event.replace(['?', '['], "_")));
        } else {
            sql.push_str(" AND event = ?");
            args.push(SqlValue::Text(event.clone()));
        }
    }
    if let Some(verdict) = &filter.verdict {
        sql.push_str(" AND verdict = ?");
        args.push(SqlValue::Text(verdict.clone()));
    }
    if let Some(since) = filter.since_ms {
        sql.push_str(" AND received_at >= ?");
        args.push(SqlValue::Integer(since));
    }
    if filter.failures {
        sql.push_str(&format!(" AND {FAILED}"));
    }
    if let Some(text) = &filter.body_contains {
        sql.push_str(" AND instr(body, ?) > 0");
        args.push(SqlValue::Blob(text.as_bytes().to_vec()));
    }
    if let Some((at, id)) = filter.before {
        // The next page after the row (at, id): the index on received_at serves it directly.
        sql.push_str(" AND (received_at < ? OR (received_at = ? AND id < ?))");
        args.extend([
            SqlValue::Integer(at),
            SqlValue::Integer(at),
            SqlValue::Integer(id),
        ]);
    }
    sql.push_str(" ORDER BY received_at DESC, id DESC");
    if let Some(limit) = filter.limit {
        sql.push_str(" LIMIT ?");
        args.push(SqlValue::Integer(i64::try_from(limit).unwrap_or(i64::MAX)));
    }
    (sql, args)
}

const FULL: &str = "SELECT id, received_at, method, path, headers, body, verdict, hint, event,
    event_id, webhook_id, forward, status, remote, edit_of, app_response, log_id FROM deliveries";

fn stored(r: &Row<'_>) -> rusqlite::Result<Stored> {
    let headers: String = r.get(4)?;
    let forward: Option<String> = r.get(11)?;
    Ok(Stored {
        id: r.get(0)?,
        received_at_ms: r.get(1)?,
        method: r.get(2)?,
        path: r.get(3)?,
        headers: parse_headers(&headers),
        // A body may have been stored as TEXT by another tool; take its bytes either way.
        body: match r.get_ref(5)? {
            rusqlite::types::ValueRef::Blob(b) | rusqlite::types::ValueRef::Text(b) => b.to_vec(),
            _ => Vec::new(),
        },
        verdict: r.get(6)?,
        hint: r.get(7)?,
        event: r.get(8)?,
        event_id: r.get(9)?,
        webhook_id: r.get(10)?,
        forward: forward.and_then(|f| serde_json::from_str(&f).ok()),
        status: r.get(12)?,
        remote: r.get(13)?,
        edit_of: r.get(14)?,
        app_response: match r.get_ref(15)? {
            rusqlite::types::ValueRef::Blob(b) | rusqlite::types::ValueRef::Text(b) => {
                Some(b.to_vec())
            }
            _ => None,
        },
        log_id: r.get(16)?,
    })
}

/// The `[[name, value], ...]` JSON the writer stores; anything else reads as no headers.
fn parse_headers(text: &str) -> Vec<(String, String)> {
    serde_json::from_str::<Vec<(String, String)>>(text).unwrap_or_default()
}

/// One delivery by id.
pub fn get(conn: &Connection, id: i64) -> rusqlite::Result<Option<Stored>> {
    let mut stmt = conn.prepare(&format!("{FULL} WHERE id = ?1"))?;
    match stmt.query_row([id], stored) {
        Ok(s) => Ok(Some(s)),
        Err(rusqlite::Error::QueryReturnedNoRows) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Every delivery, oldest first, handed to `each` one at a time (memory stays flat however big
/// the inbox is). Stops at the first error `each` returns.
pub fn for_each(
    conn: &Connection,
    mut each: impl FnMut(Stored) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let mut stmt = conn.prepare(&format!("{FULL} ORDER BY id"))?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        each(stored(row)?)?;
    }
    Ok(())
}

pub fn count(conn: &Connection) -> rusqlite::Result<u64> {
    let n: i64 = conn.query_row("SELECT count(*) FROM deliveries", [], |r| r.get(0))?;
    Ok(n.max(0) as u64)
}

/// The newest id, to name in "not found" errors.
pub fn max_id(conn: &Connection) -> rusqlite::Result<Option<i64>> {
    conn.query_row("SELECT max(id) FROM deliveries", [], |r| r.get(0))
}

/// Delete every delivery; returns how many. Ids keep counting up afterwards. The file is then
/// compacted when no other process is using it (a listener still writing keeps its pages).
pub fn clear(conn: &Connection) -> rusqlite::Result<u64> {
    let deleted = conn.execute("DELETE FROM deliveries", [])?;
    let _ = conn.execute_batch("VACUUM; PRAGMA wal_checkpoint(TRUNCATE);");
    Ok(deleted as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inbox::schema;

    fn db() -> (tempfile::TempDir, Connection) {
        let dir = tempfile::tempdir().unwrap();
        let conn =
            schema::open_for_writing(&dir.path().join("i.sqlite"), &crate::output::Out::plain())
                .unwrap();
        let rows = [
            (1_000, "ok", "stream.started", "a"),
            (2_000, "bad_signature", "stream.idle", "b"),
            (3_000, "ok", "asset.ready", "c"),
            (4_000, "duplicate", "stream.started", "a"),
        ];
        for (at, verdict, event, id) in rows {
            conn.execute(
                "INSERT INTO deliveries (received_at, method, path, headers, body, verdict, event, event_id)
                 VALUES (?1, 'POST', '/', '[[\"content-type\",\"application/json\"]]', x'7b7d', ?2, ?3, ?4)",
                rusqlite::params![at, verdict, event, id],
            )
            .unwrap();
        }
        (dir, conn)
    }

    fn ids(rows: &[Summary]) -> Vec<i64> {
        rows.iter().map(|s| s.id).collect()
    }

    #[test]
    fn list_is_newest_first_and_filters_combine() {
        let (_dir, conn) = db();
        assert_eq!(ids(&list(&conn, &Filter::default()).unwrap()), [4, 3, 2, 1]);
        let f = |event: Option<&str>, verdict: Option<&str>, since: Option<i64>, limit| Filter {
            event: event.map(str::to_owned),
            verdict: verdict.map(str::to_owned),
            since_ms: since,
            limit,
            ..Filter::default()
        };
        let run = |filter| ids(&list(&conn, &filter).unwrap());
        assert_eq!(run(f(Some("stream.started"), None, None, None)), [4, 1]);
        assert_eq!(run(f(Some("stream.*"), None, None, None)), [4, 2, 1]);
        assert_eq!(run(f(None, Some("ok"), None, None)), [3, 1]);
        assert_eq!(run(f(Some("stream.*"), Some("ok"), None, None)), [1]);
        assert_eq!(run(f(None, None, Some(2_000), None)), [4, 3, 2]);
        assert_eq!(run(f(None, None, None, Some(2))), [4, 3]);
        assert_eq!(list(&conn, &Filter::default()).unwrap()[0].size, 2);
    }

    #[test]
    fn get_returns_every_column_and_none_for_unknown_ids() {
        let (_dir, conn) = db();
        let d = get(&conn, 2).unwrap().unwrap();
        assert_eq!(d.verdict, "bad_signature");
        assert_eq!(d.body, b"{}");
        assert_eq!(d.header("Content-Type"), Some("application/json"));
        assert!(get(&conn, 99).unwrap().is_none());
    }

    #[test]
    fn clear_empties_but_ids_keep_counting() {
        let (_dir, conn) = db();
        assert_eq!(clear(&conn).unwrap(), 4);
        assert_eq!(count(&conn).unwrap(), 0);
        conn.execute(
            "INSERT INTO deliveries (received_at, method, path, headers, body, verdict)
             VALUES (1, 'POST', '/', '[]', x'', 'ok')",
            [],
        )
        .unwrap();
        assert_eq!(max_id(&conn).unwrap(), Some(5));
    }
}
