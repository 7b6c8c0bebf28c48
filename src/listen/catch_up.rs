//! `listen --catch-up DURATION --webhook ID`: before taking live deliveries, bring in the events
//! Studio logged for the webhook in the window that the inbox lacks (while the laptop slept,
//! Studio tried, failed and logged them; its own retries may not come for an hour).
//!
//! They are imported as `lpwh inbox backfill` does (each log a row, skipping what the inbox
//! holds), then taken oldest first through the listener's own steps, re-stamped and re-signed
//! with the listener's secret as `inbox replay` does: verified, forwarded to `--forward-to`,
//! printed, and counted toward `--until`/`--count`, the summary and the exit code like live
//! ones. What the app answered is stored on the imported row.

use std::path::Path;

use anyhow::{Context as _, Result};
use bytes::Bytes;
use http::{HeaderMap, HeaderName, HeaderValue};
use rusqlite::params;

use super::CatchUp;
use super::server::{State, take_caught_up};
use crate::context::Ctx;
use crate::delivery::{Envelope, Record};
use crate::humane::{local_time, now_ms};
use crate::inbox::{APP_RESPONSE_MAX, backfill, query, replay};
use crate::output::sanitize;
use crate::redacted::Secret;
use crate::signature::{Reason, Scheme};

/// Catch up; the number of deliveries brought in.
pub(super) async fn run(
    ctx: &Ctx,
    state: &State,
    plan: &CatchUp,
    db: &Path,
    secret: Option<&Secret>,
) -> Result<usize> {
    let out = &ctx.out;
    let api = ctx.api()?;
    let mut conn = crate::inbox::schema::open_for_writing(db, out)?;
    let name = sanitize(if plan.webhook.name.is_empty() {
        &plan.webhook.id
    } else {
        &plan.webhook.name
    })
    .into_owned();
    let since = local_time(plan.since_ms);
    let others = crate::webhook::resolve::Caller::ask_if(&api, plan.webhook.owner().is_some())
        .await
        .reads_others(&plan.webhook);
    let (counts, ids) = backfill::import(&api, &mut conn, &plan.webhook, plan.since_ms, others)
        .await
        .context("--catch-up: bringing in Studio's logged deliveries")?;
    if ids.is_empty() {
        out.info(format!(
            "lpwh: catch-up: nothing missed for {name} since {since} ({} logged, all in the inbox already)",
            counts.read
        ));
        return Ok(0);
    }
    out.info(format!(
        "lpwh: catch-up: {} deliver{} of {name} logged since {since} that the inbox lacked, oldest first",
        ids.len(),
        if ids.len() == 1 { "y" } else { "ies" }
    ));
    for (done, id) in ids.iter().enumerate() {
        let Some(stored) = query::get(&conn, *id).context("reading the inbox")? else {
            continue;
        };
        let now = now_ms();
        let prepared = replay::prepare(&stored, Scheme::Livepeer, secret, now)
            .map_err(|e| anyhow::anyhow!("--catch-up: signing delivery {id}: {e}"))?;
        let mut headers = HeaderMap::new();
        for (name, value) in &prepared.headers {
            if let (Ok(name), Ok(value)) = (
                HeaderName::from_bytes(name.as_bytes()),
                HeaderValue::from_str(value),
            ) {
                headers.append(name, value);
            }
        }
        let body = Bytes::from(prepared.body);
        let record = take_caught_up(
            state,
            Record {
                time_ms: now,
                remote: None,
                path: stored.path.clone(),
                status: 200,
                reason: Reason::Ok,
                hint: None,
                envelope: Envelope::parse(&body),
                headers,
                body,
                forward: Vec::new(),
                access: None,
            },
        )
        .await;
        if let Some(first) = record.forward.first() {
            let answer = first
                .status
                .map(|_| first.body[..first.body.len().min(APP_RESPONSE_MAX)].to_vec());
            conn.execute(
                "UPDATE deliveries SET forward = ?1, status = ?2, app_response = ?3 WHERE id = ?4",
                params![
                    serde_json::to_string(&record.forward).unwrap_or_else(|_| "[]".to_owned()),
                    first.status,
                    answer,
                    id
                ],
            )
            .context("recording the app's answer in the inbox")?;
        }
        if (done + 1) % 50 == 0 {
            out.info(format!(
                "lpwh: catch-up: {} of {} sent",
                done + 1,
                ids.len()
            ));
        }
    }
    out.info(format!(
        "lpwh: catch-up: done ({} deliver{}); now taking live deliveries",
        ids.len(),
        if ids.len() == 1 { "y" } else { "ies" }
    ));
    Ok(ids.len())
}
