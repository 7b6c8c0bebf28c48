//! `lpwh inbox backfill`: Studio's logged deliveries of a webhook, imported into the inbox.
//!
//! Each log becomes a delivery row as `listen` would have recorded it: the logged body and
//! headers byte for byte, the log's `createdAt` as the time received, the receiver's answer to
//! Studio as the status and app response, and `log_id` naming the log. The verdict is the logged
//! signature checked with the webhook's current secret (`ok`, `bad_signature`,
//! `missing_signature`), or `unchecked` / `unsigned` when the webhook has no secret to check it
//! with. Freshness is not judged: an imported delivery is old by nature.
//!
//! Nothing is imported twice: a log id already in the inbox is skipped (and the unique index
//! on `log_id` refuses it anyway), and so is every log of an event the inbox already holds from
//! a live delivery (the event id is the `id` inside the body, shared by retries).

use std::collections::HashSet;
use std::ops::ControlFlow;

use anyhow::{Context as _, Result};
use rusqlite::{Connection, params};
use serde::Serialize;

use crate::api::{Client, Filter, ListQuery, MAX_PAGE_SIZE, Webhook, WebhookLog};
use crate::signature::Reason;
use crate::webhook::logged::{LoggedSignature, logged_signature, signature_header};
use crate::webhook::render::decode_body;

/// `source` of an imported row.
pub const SOURCE: &str = "studio-log";

/// What one webhook's import did (`inbox backfill --json` prints these, with the webhook).
#[derive(Debug, Default, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Imported {
    /// Logs read in the window.
    pub read: u64,
    /// Rows added to the inbox.
    pub added: u64,
    /// Logs already imported before.
    pub already_imported: u64,
    /// Logs of an event the inbox holds from a live delivery.
    pub received_live: u64,
}

/// Import `webhook`'s logs created at or after `since_ms` into `conn` (opened for writing), in
/// one transaction. `all_users` reads another account's webhook with an admin's key. Returns
/// the counts and the ids of the rows added, oldest delivery first.
pub async fn import(
    api: &Client,
    conn: &mut Connection,
    webhook: &Webhook,
    since_ms: i64,
    all_users: bool,
) -> Result<(Imported, Vec<i64>)> {
    let imported_logs = known(
        conn,
        "SELECT log_id FROM deliveries WHERE log_id IS NOT NULL AND webhook_id = ?1",
        &webhook.id,
    )?;
    let live_events = known(
        conn,
        "SELECT DISTINCT event_id FROM deliveries
         WHERE log_id IS NULL AND event_id IS NOT NULL AND webhook_id = ?1",
        &webhook.id,
    )?;
    let query = ListQuery {
        limit: Some(MAX_PAGE_SIZE),
        order: Some("createdAt-true".to_owned()),
        filters: vec![Filter::created_since(since_ms)],
        all_users,
        ..ListQuery::default()
    };
    let mut counts = Imported::default();
    // (log time, row id) of each row added: a few bytes per delivery.
    let mut added: Vec<(i64, i64)> = Vec::new();
    let mut failed: Option<anyhow::Error> = None;
    let tx = conn.transaction().context("starting the import")?;
    api.for_each_log(&webhook.id, &query, |log| {
        if log.created_at < since_ms {
            return ControlFlow::Break(());
        }
        counts.read += 1;
        if imported_logs.contains(log.id.as_str()) {
            counts.already_imported += 1;
            return ControlFlow::Continue(());
        }
        let row = Row::of(webhook, &log);
        if row
            .event_id
            .as_deref()
            .is_some_and(|id| live_events.contains(id))
        {
            counts.received_live += 1;
            return ControlFlow::Continue(());
        }
        match row.insert(&tx) {
            Ok(0) => counts.already_imported += 1,
            Ok(_) => {
                counts.added += 1;
                added.push((row.received_at, tx.last_insert_rowid()));
            }
            Err(err) => {
                failed = Some(anyhow::Error::new(err).context("writing to the inbox"));
                return ControlFlow::Break(());
            }
        }
        ControlFlow::Continue(())
    })
    .await
    .context("reading Studio's delivery log")?;
    if let Some(err) = failed {
        return Err(err);
    }
    tx.commit().context("saving the import")?;
    added.sort_unstable();
    Ok((counts, added.into_iter().map(|(_, id)| id).collect()))
}

/// The set of values `sql` (one `?1`: the webhook id) returns.
fn known(conn: &Connection, sql: &str, webhook_id: &str) -> Result<HashSet<String>> {
    let mut stmt = conn.prepare(sql).context("reading the inbox")?;
    let rows = stmt
        .query_map([webhook_id], |r| r.get::<_, String>(0))
        .context("reading the inbox")?;
    rows.collect::<rusqlite::Result<_>>()
        .context("reading the inbox")
}

/// One log as an inbox row.
struct Row {
    received_at: i64,
    path: String,
    headers: String,
    body: Vec<u8>,
    verdict: Reason,
    hint: Option<&'static str>,
    event: Option<String>,
    event_id: Option<String>,
    status: Option<u16>,
    answer: Option<Vec<u8>>,
    log_id: String,
    webhook_id: String,
}

impl Row {
    fn of(webhook: &Webhook, log: &WebhookLog) -> Row {
        let request = log.request.clone().unwrap_or_default();
        let body = request.body.into_bytes();
        // The same reading of the body as listen's (event, or FastPix's type; the event id).
        let envelope = crate::delivery::Envelope::parse(&body);
        let headers: Vec<(String, String)> = request
            .headers
            .iter()
            .map(|(name, value)| {
                let value = match value {
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                (name.to_ascii_lowercase(), value)
            })
            .collect();
        let (verdict, hint) = match logged_signature(webhook, log) {
            LoggedSignature::Current => (Reason::Ok, None),
            LoggedSignature::Other => (
                Reason::BadSignature,
                Some(
                    "does not verify with the webhook's current secret: signed before a rotation?",
                ),
            ),
            LoggedSignature::Unsigned => (
                Reason::MissingSignature,
                Some("Studio sent it unsigned; the webhook signs now"),
            ),
            LoggedSignature::NoSecret if signature_header(log).is_some() => (
                Reason::Unchecked,
                Some("signed, but the webhook has no secret now to check it with"),
            ),
            LoggedSignature::NoSecret => (Reason::Unsigned, None),
        };
        let response = log.response.as_ref();
        Row {
            received_at: log.created_at,
            path: url::Url::parse(&request.url).map_or_else(
                |_| "/".to_owned(),
                |u| match u.query() {
                    Some(q) => format!("{}?{q}", u.path()),
                    None => u.path().to_owned(),
                },
            ),
            headers: serde_json::to_string(&headers).unwrap_or_else(|_| "[]".to_owned()),
            event: envelope
                .event
                .or_else(|| (!log.event.is_empty()).then(|| log.event.clone())),
            event_id: envelope.id,
            body,
            verdict,
            hint,
            status: response.and_then(|r| r.status),
            answer: response
                .and_then(|r| r.body.as_deref())
                .and_then(decode_body)
                .map(|text| {
                    let mut bytes = text.into_bytes();
                    bytes.truncate(crate::inbox::APP_RESPONSE_MAX);
                    bytes
                }),
            log_id: log.id.clone(),
            webhook_id: webhook.id.clone(),
        }
    }

    /// Insert it; 0 rows when its `log_id` is already there.
    fn insert(&self, conn: &Connection) -> rusqlite::Result<usize> {
        conn.prepare_cached(
            "INSERT OR IGNORE INTO deliveries (received_at, method, path, headers, body, verdict,
                hint, event, event_id, webhook_id, status, app_response, source, log_id)
             VALUES (?1, 'POST', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?
        .execute(params![
            self.received_at,
            self.path,
            self.headers,
            self.body,
            self.verdict.as_str(),
            self.hint,
            self.event,
            self.event_id,
            self.webhook_id,
            self.status,
            self.answer,
            SOURCE,
            self.log_id,
        ])
    }
}
