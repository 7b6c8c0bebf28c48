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
    /// Start this tunnel program and point a temporary webhook at its URL.
    pub tunnel: Option<TunnelOptions>,
    /// Where to write the ready file once lpwh is ready.
    pub ready_file: Option<PathBuf>,
    /// Where deliveries are recorded; `None` with `--no-record`.
    pub record: Option<Recording>,
}

/// The inbox `listen` records into.
#[derive(Debug, Clone)]
pub struct Recording {
    pub db: PathBuf,
    pub keep: Option<Retention>,
}
