//! What `listen` runs with, resolved from its flags by `commands::listen` (environment,
//! config, the API and files already read): nothing under `listen` sees clap's `Args`.

use std::path::PathBuf;
use std::time::Duration;

use crate::inbox::Retention;
use crate::listen::tunnel::TunnelOptions;
use crate::listen::{access, forward};
use crate::redacted::Secret;
use crate::signature::Scheme;

#[derive(Debug)]
pub struct Options {
    pub host: String,
    pub port: u16,
    /// Only this path is served (others get 404); `None` serves any path.
    pub path: Option<String>,
    /// The secrets to verify with (any may match): `--secret`s and `--webhook`'s. Empty means
    /// the run is unsigned; a `--public-url` webhook's secret is added when it is created.
    pub secrets: Vec<Secret>,
    pub scheme: Scheme,
    pub tolerance: Duration,
    pub max_body: u64,
    pub read_timeout: Duration,
    pub forwarder: forward::Forwarder,
    /// `--ack-first`: record, answer the sender 200, then forward with no timeout; with the
    /// most forwards under way at once (`--max-forwards`).
    pub ack_first: Option<usize>,
    /// `--ui`: show deliveries in the full-screen view (`inbox browse`) instead of lines.
    pub ui: bool,
    /// `--events` globs: what is printed, forwarded and counted (and subscribed to).
    pub events: Vec<String>,
    pub until: Option<String>,
    pub count: Option<u64>,
    pub timeout_after: Option<Duration>,
    pub access: Option<access::Policy>,
    /// Create a temporary Studio webhook for this public URL, deleted on exit.
    pub public_url: Option<String>,
    /// The secret the temporary webhook (`--public-url`, `--tunnel`) signs with, and where it
    /// came from; `None` without either.
    pub webhook_secret: Option<WebhookSecret>,
    /// Start this tunnel program and point a temporary webhook at its URL.
    pub tunnel: Option<TunnelOptions>,
    /// Where to write the ready file once lpwh is ready.
    pub ready_file: Option<PathBuf>,
    /// Where deliveries are recorded; `None` with `--no-record`.
    pub record: Option<Recording>,
    /// `--catch-up`: before taking live deliveries, bring in what this webhook's log holds
    /// since then that the inbox lacks.
    pub catch_up: Option<CatchUp>,
}

/// `--catch-up DURATION --webhook ID`.
#[derive(Debug, Clone)]
pub struct CatchUp {
    pub webhook: crate::api::Webhook,
    /// Unix ms: logs created since then.
    pub since_ms: i64,
}

/// The inbox `listen` records into.
#[derive(Debug, Clone)]
pub struct Recording {
    pub db: PathBuf,
    pub keep: Option<Retention>,
}

/// The temporary webhook's secret: `--secret`'s (the first, during a rotation), or the
/// profile's development secret, stable across runs so the forwarded app keeps verifying.
#[derive(Debug, Clone)]
pub struct WebhookSecret {
    pub secret: Secret,
    pub from: SecretFrom,
}

/// Where the temporary webhook's secret came from, said at start (never the secret itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretFrom {
    Flag,
    Env,
    /// The profile's development secret (`lpwh listen --print-secret`); `made` on first use.
    Profile {
        made: bool,
    },
}

impl SecretFrom {
    /// How the start-up line names it.
    pub fn describe(self, profile: &str) -> String {
        match self {
            SecretFrom::Flag => "--secret (the first one given)".to_owned(),
            SecretFrom::Env => "LPWH_WEBHOOK_SECRET".to_owned(),
            SecretFrom::Profile { made } => format!(
                "profile '{profile}''s development secret{}: 'lpwh listen --print-secret' \
                 shows it, for your app's .env",
                if made {
                    " (made now, kept for the next runs)"
                } else {
                    ""
                }
            ),
        }
    }
}
