//! Realistic sample deliveries for every Livepeer and FastPix event (payloads.md), used by
//! `sign --event`, `trigger` and tests.
//!
//! Each render invents a small consistent world (one user, project, stream, session, asset,
//! task) with fresh UUIDs, so ids that must agree do (a session's `parentId` is its stream's
//! `id`, a recording asset reuses the session id) and two renders never share an event id.
//! Shapes follow payloads.md exactly, key order included: receivers that hash or snapshot a
//! body see what Studio or FastPix would send.

mod fastpix;
mod livepeer;
mod overrides;
mod world;

use serde_json::Value;

use crate::error::Failure;
use crate::events::{self, Provider};

pub use overrides::{apply_override, parse_set, parse_value};

/// How to build a sample.
#[derive(Debug, Clone, Default)]
pub struct SampleOptions {
    /// Unix ms to stamp the delivery with (Livepeer's `timestamp`, which equals the signature's `t`).
    pub timestamp_ms: i64,
    /// `--set path=value` overrides, applied in order (`payload.asset.snapshot.name=clip.mp4`).
    pub overrides: Vec<(String, String)>,
    /// The legacy `asset.ready`/`asset.failed` payload form (webhooks created before 2024-07-28).
    pub legacy_asset: bool,
}

impl SampleOptions {
    /// Options stamped with the current time and nothing else set.
    pub fn now() -> Self {
        SampleOptions {
            timestamp_ms: crate::humane::now_ms(),
            ..Default::default()
        }
    }
}

/// Why a sample could not be built. Every variant is a usage problem (exit 2 through
/// [`render`]); callers that want to react to the kind use [`render_value`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SampleError {
    #[error("unknown event '{name}'{}", suggestion_suffix(.suggestion))]
    UnknownEvent {
        name: String,
        suggestion: Option<&'static str>,
    },
    #[error("--legacy-asset applies only to asset.ready and asset.failed, not {event}")]
    LegacyNotApplicable { event: String },
    #[error("--set {path}: {problem}")]
    BadOverride { path: String, problem: String },
}

fn suggestion_suffix(suggestion: &Option<&'static str>) -> String {
    match suggestion {
        Some(s) => format!(" (did you mean '{s}'?)"),
        None => String::new(),
    }
}

impl SampleError {
    /// One line naming the fix.
    pub fn hint(&self) -> &'static str {
        match self {
            SampleError::UnknownEvent { .. } => "run 'lpwh event-types' to list every event",
            SampleError::LegacyNotApplicable { .. } => {
                "Studio only ever sent the legacy form for asset.ready and asset.failed"
            }
            SampleError::BadOverride { .. } => {
                "use --set dotted.path=value, e.g. --set payload.asset.snapshot.name=clip.mp4 or --set stream.profiles.0.width=640"
            }
        }
    }
}

impl From<SampleError> for Failure {
    fn from(err: SampleError) -> Self {
        let hint = err.hint();
        Failure::usage(err.to_string()).hint(hint)
    }
}

/// Which provider sends `event`, if it is in the catalog.
pub fn provider_of(event: &str) -> Option<Provider> {
    if events::livepeer_event(event).is_some() {
        Some(Provider::Livepeer)
    } else if events::fastpix_event(event).is_some() {
        Some(Provider::Fastpix)
    } else {
        None
    }
}

/// The JSON body of a sample delivery of `event` (a Livepeer or FastPix event name), with fresh
/// ids. Errors name the unknown event or the bad `--set`, as usage failures (exit 2) with a hint.
pub fn render(event: &str, opts: &SampleOptions) -> anyhow::Result<Vec<u8>> {
    let value = render_value(event, opts).map_err(Failure::from)?;
    // As Studio's sender writes it: JSON.stringify's bytes (no `.0` on integral numbers).
    Ok(crate::js_json::to_vec(&value)?)
}

/// The sample body as a JSON value (overrides applied), with a typed error.
pub fn render_value(event: &str, opts: &SampleOptions) -> Result<Value, SampleError> {
    let provider = provider_of(event).ok_or_else(|| SampleError::UnknownEvent {
        name: event.to_owned(),
        suggestion: events::did_you_mean(
            event,
            events::LIVEPEER_EVENTS
                .iter()
                .chain(events::FASTPIX_EVENTS)
                .map(|e| e.name),
        ),
    })?;
    if opts.legacy_asset && !matches!(event, "asset.ready" | "asset.failed") {
        return Err(SampleError::LegacyNotApplicable {
            event: event.to_owned(),
        });
    }
    let world = world::World::new(opts.timestamp_ms);
    let mut value = match provider {
        Provider::Livepeer => livepeer::body(event, &world, opts.legacy_asset),
        Provider::Fastpix => fastpix::body(event, &world),
    };
    for (path, raw) in &opts.overrides {
        apply_override(&mut value, path, raw)?;
    }
    Ok(value)
}

/// True for `playback.user.new`, which no current sender emits (payloads.md A4.5); its sample is
/// the historical payload in today's envelope. Shown as "historical" by `event-types`.
pub fn is_historical(event: &str) -> bool {
    event == "playback.user.new"
}
