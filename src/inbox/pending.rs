//! Deliveries `listen --ack-first` answered before the app did: recorded with verdict `pending`
//! (and the verdict they take later in `held`) before the sender got its 2xx, then resolved
//! when the app answers, or later by `lpwh inbox replay` (one, or `--pending` for all).

use rusqlite::{Connection, OptionalExtension as _};

use crate::delivery::Outcome;
use crate::signature::Reason;

/// The ids of pending deliveries after `after`, oldest first, at most `limit`.
pub fn ids_after(conn: &Connection, after: i64, limit: u32) -> rusqlite::Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM deliveries WHERE verdict = 'pending' AND id > ?1 ORDER BY id LIMIT ?2",
    )?;
    let ids = stmt.query_map(rusqlite::params![after, limit], |r| r.get(0))?;
    ids.collect()
}

/// How many deliveries are pending.
pub fn count(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row(
        "SELECT count(*) FROM deliveries WHERE verdict = 'pending'",
        [],
        |r| r.get(0),
    )
}

/// The app answered pending delivery `id` (or a replay reached it): it takes its held verdict
/// and the outcome. False when it was not pending (resolved already, or pruned).
pub fn resolve(conn: &Connection, id: i64, forward: &[Outcome]) -> rusqlite::Result<bool> {
    let response = forward
        .first()
        .filter(|o| o.status.is_some())
        .map(|o| o.body[..o.body.len().min(crate::inbox::APP_RESPONSE_MAX)].to_vec());
    let forward = serde_json::to_string(forward).unwrap_or_else(|_| "[]".to_owned());
    let changed = conn.execute(
        "UPDATE deliveries SET verdict = coalesce(held, 'ok'), held = NULL, forward = ?2,
             app_response = ?3
         WHERE id = ?1 AND verdict = 'pending'",
        rusqlite::params![id, forward, response],
    )?;
    Ok(changed == 1)
}

/// The verdict pending delivery `id` takes once resolved; `None` when it is not pending.
pub fn held(conn: &Connection, id: i64) -> rusqlite::Result<Option<Reason>> {
    let word: Option<Option<String>> = conn
        .query_row(
            "SELECT held FROM deliveries WHERE id = ?1 AND verdict = 'pending'",
            [id],
            |r| r.get(0),
        )
        .optional()?;
    Ok(word.map(|w| {
        w.as_deref()
            .and_then(Reason::from_word)
            .unwrap_or(Reason::Ok)
    }))
}
