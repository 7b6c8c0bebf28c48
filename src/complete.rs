//! Completion that needs the API: webhook ids, through clap's dynamic engine
//! (`COMPLETE=bash lpwh`, registered once with `source <(COMPLETE=bash lpwh)`). The checked-in
//! scripts (`completions/`) complete commands, flags and event names without running lpwh; these
//! complete what only Studio knows.
//!
//! A completer must never get in the way: it asks the API with a short timeout, using the key
//! and URL the command itself would use, and offers nothing (silently) when it cannot.

use std::ffi::OsStr;
use std::time::Duration;

use clap::Parser as _;
use clap_complete::engine::{ArgValueCompleter, CompletionCandidate};

/// How long completion may wait for Studio.
const TIMEOUT: Duration = Duration::from_secs(2);

/// The completer for every argument that takes a webhook id (or a prefix of one).
pub fn webhook_id() -> ArgValueCompleter {
    ArgValueCompleter::new(webhook_ids)
}

/// The global options as the environment gives them (`LIVEPEER_API_KEY`, `LPWH_PROFILE`, ...):
/// completion has no parsed command line to take them from.
#[derive(clap::Parser)]
struct FromEnv {
    #[command(flatten)]
    global: crate::global::GlobalArgs,
}

fn webhook_ids(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(current) = current.to_str() else {
        return Vec::new();
    };
    let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    else {
        return Vec::new();
    };
    let listed = runtime.block_on(async { tokio::time::timeout(TIMEOUT, list()).await });
    let Ok(Some(page)) = listed else {
        return Vec::new();
    };
    page.items
        .into_iter()
        .filter(|w| w.id.starts_with(current))
        .map(|w| {
            CompletionCandidate::new(w.id)
                .help(Some(crate::output::sanitize(&w.name).into_owned().into()))
        })
        .collect()
}

/// The first page of webhooks (Studio's largest), with the key and URL a command would use.
async fn list() -> Option<crate::api::Page<crate::api::Webhook>> {
    let env = FromEnv::try_parse_from(["lpwh"]).ok()?;
    let mut global = env.global;
    global.quiet = true;
    global.timeout = TIMEOUT.as_secs_f64();
    let ctx = crate::context::Ctx::resolve(&global).ok()?;
    let api = ctx.api().ok()?;
    let query = crate::api::ListQuery {
        limit: Some(1000),
        ..Default::default()
    };
    api.list_webhooks(&query).await.ok()
}
