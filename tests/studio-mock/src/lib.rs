//! A local HTTP server that behaves like Livepeer Studio's `/api/webhook` API, quirks included,
//! recording every request and able to inject gateway faults; for lpwh's tests and benchmarks.
//!
//! ```no_run
//! // From a plain `#[test]` fn (e.g. with assert_cmd): the server runs on its own thread.
//! let mock = studio_mock::StudioMock::start_blocking();
//! mock.seed_webhooks(3);
//! // ... run `lpwh` with LIVEPEER_API_URL=mock.url() and LIVEPEER_API_KEY=mock.api_key() ...
//! assert_eq!(mock.requests()[0].path, "/api/webhook");
//! ```
//!
//! Behaviour follows studio-api.md: Bearer auth with Studio's three 401 texts, 201/204 answers,
//! ajv-style 422 strings, `skipN` cursors and the `Link` header that still appears on the last
//! page (reading `cursor=undefined`). Faults act like a gateway in front of Studio: they are
//! applied before authentication, and every request (faulted or not) is recorded.
//!
//! Quick reference:
//! - start: [`StudioMock::start`]`().await` (on the test's tokio runtime: only for async tests
//!   that never block the thread) or [`StudioMock::start_blocking`]`()` (own thread: use it from
//!   plain `#[test]` fns that run the binary with assert_cmd); `*_with(MockConfig)` variants.
//! - point lpwh at it: `LIVEPEER_API_URL=`[`StudioMock::url`] (ends in `/api`),
//!   `LIVEPEER_API_KEY=`[`StudioMock::api_key`].
//! - data: [`StudioMock::seed_webhooks`], [`StudioMock::insert_webhook`] (JSON, defaults
//!   filled), [`StudioMock::seed_logs`], [`StudioMock::insert_log`] (a log keeps the webhook's
//!   `sharedSecret` of the time, and is signed with it; like `eventId`, that field is stored but
//!   stripped from every answer, as Studio strips it), [`StudioMock::add_stream`]
//!   (`GET /stream/{id}`; PATCH checks `streamId`); read back with [`StudioMock::webhook`],
//!   [`StudioMock::webhooks`], [`StudioMock::is_deleted`], [`StudioMock::logs`].
//! - resend: re-stamps and re-signs the logged body with the log's own secret and really POSTs
//!   it to the log's URL when that URL is on loopback (other hosts are never contacted: the
//!   receiver is taken to answer 200), as Studio does, not to the webhook's current URL.
//! - admin keys: [`MockConfig::admin`] or [`StudioMock::set_admin`].
//! - requests: [`StudioMock::requests`] (method, path, query, headers, body, with helpers),
//!   [`StudioMock::request_count`], [`StudioMock::clear_requests`].
//! - faults: [`StudioMock::fail_next`], [`StudioMock::rate_limit_next`],
//!   [`StudioMock::fail_forever`], [`StudioMock::close_next`], [`StudioMock::lose_answer_next`],
//!   [`StudioMock::set_delay`], [`StudioMock::inject`], [`StudioMock::clear_faults`].

mod faults;
mod listing;
mod resend;
mod routes;
mod store;
mod tour;
mod validate;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use serde_json::Value;
use tokio::sync::watch;

pub use faults::Fault;
pub use store::EVENTS;
pub use tour::{PROD_STREAMS, TOUR_SECRET, TOUR_STREAM};

/// The key [`StudioMock::start`] accepts unless [`MockConfig::api_key`] says otherwise.
pub const DEFAULT_API_KEY: &str = "mock-key-4f1d9c2b7a6e4e0d";
/// The user every webhook created through the API belongs to.
pub const MOCK_USER_ID: &str = "ffcd3b74-9908-4d23-be05-58e1480e752a";
/// A user who is not the caller: webhooks inserted with this `userId` answer 404.
pub const OTHER_USER_ID: &str = "0badc0de-0000-4000-8000-000000000000";

/// How to start a [`StudioMock`].
#[derive(Debug, Clone)]
pub struct MockConfig {
    /// The Bearer token the server accepts.
    pub api_key: String,
    /// Port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// Webhooks to seed before the first request.
    pub webhooks: usize,
    /// Delivery logs to seed for each seeded webhook (one second apart, alternating 200/500).
    pub logs: usize,
    /// Delivery logs to seed for each webhook created through the API from then on (as if
    /// Studio had delivered to it), so `lpwh logs` and `resend` work on a webhook just made.
    pub logs_for_created: usize,
    /// Seed the README tour's webhooks and logs (fixed ids; see [`StudioMock::seed_tour`]).
    pub tour: bool,
    /// Answer as Studio does for an admin's key (studio-api.md, "Admin keys"): deleted and other
    /// accounts' webhooks are readable (deleted ones with `"deleted": true`) and patchable, listed
    /// with `all=true` / `allUsers=true`, their logs read with `allUsers=true`; a single
    /// `DELETE /webhook/{id}` of one answers 404, while the bulk delete removes them and answers
    /// 404 only when none of the ids exist.
    pub admin: bool,
}

impl Default for MockConfig {
    fn default() -> Self {
        MockConfig {
            api_key: DEFAULT_API_KEY.to_owned(),
            port: 0,
            webhooks: 0,
            logs: 0,
            logs_for_created: 0,
            tour: false,
            admin: false,
        }
    }
}

/// One request as the server received it.
#[derive(Debug, Clone)]
pub struct RecordedRequest {
    pub method: String,
    /// The path as sent, e.g. `/api/webhook/abc`.
    pub path: String,
    /// The raw query string, without `?`.
    pub query: Option<String>,
    /// Header names in lower case, in arrival order.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl RecordedRequest {
    /// The first value of a header (name case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    }

    /// A decoded query parameter.
    pub fn query_param(&self, name: &str) -> Option<String> {
        let query = self.query.as_deref()?;
        form_urlencoded::parse(query.as_bytes())
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    }

    /// The `filters` parameter as Studio reads it: decoded as a query value, then decoded again
    /// (`decodeURIComponent`) and parsed as JSON. `None` when absent or unreadable.
    pub fn filters(&self) -> Option<Value> {
        let once = self.query_param("filters")?;
        let twice = listing::decode_uri_component(&once)?;
        serde_json::from_str(&twice).ok()
    }

    /// The body as UTF-8 text (lossy).
    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body parsed as JSON, or `None` when empty or not JSON.
    pub fn body_json(&self) -> Option<Value> {
        serde_json::from_slice(&self.body).ok()
    }

    /// `METHOD /path?query`, handy in assertion messages.
    pub fn line(&self) -> String {
        match &self.query {
            Some(q) => format!("{} {}?{}", self.method, self.path, q),
            None => format!("{} {}", self.method, self.path),
        }
    }
}

/// Everything the server and the control handle share.
pub(crate) struct Shared {
    pub(crate) api_key: String,
    pub(crate) store: Mutex<store::Store>,
    pub(crate) faults: Mutex<faults::Faults>,
    pub(crate) requests: Mutex<Vec<RecordedRequest>>,
}

impl Shared {
    pub(crate) fn store(&self) -> MutexGuard<'_, store::Store> {
        self.store.lock().unwrap_or_else(|e| e.into_inner())
    }
    fn faults(&self) -> MutexGuard<'_, faults::Faults> {
        self.faults.lock().unwrap_or_else(|e| e.into_inner())
    }
    fn requests(&self) -> MutexGuard<'_, Vec<RecordedRequest>> {
        self.requests.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A running mock server. Dropping it stops the server.
pub struct StudioMock {
    shared: Arc<Shared>,
    addr: SocketAddr,
    shutdown: Option<watch::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl std::fmt::Debug for StudioMock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StudioMock")
            .field("addr", &self.addr)
            .finish()
    }
}

impl StudioMock {
    /// Start on 127.0.0.1 with a free port, on the current tokio runtime (`#[tokio::test]`).
    pub async fn start() -> StudioMock {
        Self::start_with(MockConfig::default()).await
    }

    /// [`StudioMock::start`] with a config. Panics if the port cannot be bound (a test fixture).
    pub async fn start_with(config: MockConfig) -> StudioMock {
        let listener = bind(config.port);
        let listener = tokio::net::TcpListener::from_std(listener).expect("register listener");
        let addr = listener.local_addr().expect("local addr");
        let shared = new_shared(&config);
        let (tx, rx) = watch::channel(());
        tokio::spawn(serve(listener, shared.clone(), rx));
        StudioMock {
            shared,
            addr,
            shutdown: Some(tx),
            thread: None,
        }
    }

    /// Start on its own thread and runtime, for plain `#[test]` fns and the binary.
    pub fn start_blocking() -> StudioMock {
        Self::start_blocking_with(MockConfig::default())
    }

    /// [`StudioMock::start_blocking`] with a config. Panics if the port cannot be bound.
    pub fn start_blocking_with(config: MockConfig) -> StudioMock {
        let listener = bind(config.port);
        let addr = listener.local_addr().expect("local addr");
        let shared = new_shared(&config);
        let (tx, rx) = watch::channel(());
        let server_shared = shared.clone();
        let thread = std::thread::Builder::new()
            .name("studio-mock".into())
            .spawn(move || {
                let rt = tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .enable_all()
                    .build()
                    .expect("tokio runtime");
                rt.block_on(async move {
                    let listener =
                        tokio::net::TcpListener::from_std(listener).expect("register listener");
                    serve(listener, server_shared, rx).await;
                });
                // Dropping the runtime here cancels connections still open.
            })
            .expect("spawn the mock thread");
        StudioMock {
            shared,
            addr,
            shutdown: Some(tx),
            thread: Some(thread),
        }
    }

    /// The base URL, like `https://livepeer.studio/api`: `http://127.0.0.1:PORT/api`.
    pub fn url(&self) -> String {
        format!("http://{}/api", self.addr)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The Bearer token the server accepts.
    pub fn api_key(&self) -> &str {
        &self.shared.api_key
    }

    /// The user id of the caller (the owner of webhooks created through the API).
    pub fn user_id(&self) -> &str {
        MOCK_USER_ID
    }

    // ---- data ----------------------------------------------------------------------------

    /// Add `n` realistic webhooks owned by the caller; returns their ids (in insertion order).
    pub fn seed_webhooks(&self, n: usize) -> Vec<String> {
        self.shared.store().seed_webhooks(n)
    }

    /// Store a webhook. Missing fields get defaults (`id`, `kind`, `userId`, `createdAt`,
    /// `name`, `url`, `events`); give `"userId": OTHER_USER_ID` for someone else's webhook.
    /// Returns its id.
    pub fn insert_webhook(&self, webhook: Value) -> String {
        self.shared.store().insert_webhook(webhook)
    }

    /// A stored webhook (also after a soft delete), as the server holds it.
    pub fn webhook(&self, id: &str) -> Option<Value> {
        self.shared.store().webhook(id)
    }

    /// Whether the webhook was deleted (soft delete).
    pub fn is_deleted(&self, id: &str) -> bool {
        self.shared.store().is_deleted(id)
    }

    /// The caller's live webhooks, sorted by id.
    pub fn webhooks(&self) -> Vec<Value> {
        self.shared.store().live_webhooks()
    }

    /// Store a delivery log for a webhook. Missing fields get defaults (`id`, `kind`,
    /// `webhookId`, `createdAt`, `event`, `success`, `duration`, `eventId`, `request` whose
    /// body's `id` is the `eventId`, `response` with a base64 body). Give several logs one
    /// `eventId` to store an event's retries. Returns its id.
    pub fn insert_log(&self, webhook_id: &str, log: Value) -> String {
        self.shared.store().insert_log(webhook_id, log)
    }

    /// Seed the README tour's starting state: `webhook-00000`..`00002` and `prod-streams`
    /// ([`PROD_STREAMS`], secret [`TOUR_SECRET`], limited to stream [`TOUR_STREAM`]) with six
    /// delivery logs, three failed. Ids are fixed, so the tour's commands find them.
    pub fn seed_tour(&self) {
        tour::seed(&mut self.shared.store());
    }

    /// From now on, give every webhook created through the API `n` delivery logs.
    pub fn seed_logs_for_created(&self, n: usize) {
        self.shared.store().logs_for_created = n;
    }

    /// Add `n` logs to a webhook, one second apart, alternating success (200) and failure (500).
    pub fn seed_logs(&self, webhook_id: &str, n: usize) -> Vec<String> {
        self.shared.store().seed_logs(webhook_id, n)
    }

    /// A webhook's logs, newest first.
    pub fn logs(&self, webhook_id: &str) -> Vec<Value> {
        self.shared.store().logs_of(webhook_id)
    }

    /// Make a stream id known, so `GET /stream/{id}` finds it and `PATCH` with this `streamId`
    /// succeeds.
    pub fn add_stream(&self, stream_id: &str) {
        let name = format!("stream-{}", &stream_id[..stream_id.len().min(8)]);
        self.shared
            .store()
            .streams
            .insert(stream_id.to_owned(), name);
    }

    /// Hostile mode (not Studio): every `GET /webhook` and log list answers a full page of rows
    /// never seen before, with a `Link` to yet another page, forever. For testing that clients
    /// bound their paging.
    pub fn serve_endless_pages(&self, on: bool) {
        self.shared.store().endless = on;
    }

    /// Hostile mode (not Studio): every list page holds the same rows (as if the cursor were
    /// ignored), with a `Link` to yet another page, forever.
    pub fn serve_repeating_pages(&self, on: bool) {
        self.shared.store().repeating = on;
    }

    /// Answer as for an admin's key (see [`MockConfig::admin`]) from now on, or stop.
    pub fn set_admin(&self, admin: bool) {
        self.shared.store().admin = admin;
    }

    // ---- recorded requests -----------------------------------------------------------------

    /// Every request received so far, faulted ones included, in arrival order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.requests().clone()
    }

    pub fn request_count(&self) -> usize {
        self.shared.requests().len()
    }

    pub fn clear_requests(&self) {
        self.shared.requests().clear();
    }

    // ---- faults ----------------------------------------------------------------------------

    /// Answer the next `n` requests with `status` (500 as Studio's JSON error, 502/503/504 as a
    /// gateway's HTML page, 429 without `Retry-After`).
    pub fn fail_next(&self, n: usize, status: u16) {
        self.inject(Fault::status(status), n);
    }

    /// Answer the next `n` requests with 429 and `Retry-After: secs`.
    pub fn rate_limit_next(&self, n: usize, retry_after_secs: u64) {
        self.inject(Fault::rate_limited(retry_after_secs), n);
    }

    /// Answer every request with `status` until [`StudioMock::clear_faults`].
    pub fn fail_forever(&self, status: u16) {
        self.shared.faults().forever = Some(Fault::status(status));
    }

    /// Close the connection of the next `n` requests without answering (after reading them).
    pub fn close_next(&self, n: usize) {
        self.inject(Fault::Close, n);
    }

    /// Carry out the next `n` requests, then close their connections without answering.
    pub fn lose_answer_next(&self, n: usize) {
        self.inject(Fault::LoseAnswer, n);
    }

    /// Queue a fault for the next `n` requests.
    pub fn inject(&self, fault: Fault, n: usize) {
        let mut faults = self.shared.faults();
        for _ in 0..n {
            faults.queue.push_back(fault.clone());
        }
    }

    /// Wait this long before answering each request (`Duration::ZERO` to stop).
    pub fn set_delay(&self, delay: Duration) {
        self.shared.faults().delay = delay;
    }

    /// Drop queued and permanent faults and the delay.
    pub fn clear_faults(&self) {
        *self.shared.faults() = faults::Faults::default();
    }
}

impl Drop for StudioMock {
    fn drop(&mut self) {
        // Dropping the sender wakes the accept loop and every connection: they all stop.
        drop(self.shutdown.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn bind(port: u16) -> std::net::TcpListener {
    let listener = std::net::TcpListener::bind(("127.0.0.1", port))
        .unwrap_or_else(|e| panic!("studio-mock: cannot bind 127.0.0.1:{port}: {e}"));
    listener
        .set_nonblocking(true)
        .expect("non-blocking listener");
    listener
}

fn new_shared(config: &MockConfig) -> Arc<Shared> {
    let mut store = store::Store::default();
    store.admin = config.admin;
    store.logs_for_created = config.logs_for_created;
    if config.tour {
        tour::seed(&mut store);
    }
    for id in store.seed_webhooks(config.webhooks) {
        store.seed_logs(&id, config.logs);
    }
    Arc::new(Shared {
        api_key: config.api_key.clone(),
        store: Mutex::new(store),
        faults: Mutex::new(faults::Faults::default()),
        requests: Mutex::new(Vec::new()),
    })
}

async fn serve(
    listener: tokio::net::TcpListener,
    shared: Arc<Shared>,
    mut stop: watch::Receiver<()>,
) {
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of file descriptors and the like: keep serving the connections we have.
                Err(_) => { tokio::time::sleep(Duration::from_millis(10)).await; continue; }
            },
            _ = stop.changed() => return,
        };
        let shared = shared.clone();
        let mut stop = stop.clone();
        tokio::spawn(async move {
            let service = service_fn(move |req| handle(shared.clone(), req));
            let conn = http1::Builder::new().serve_connection(TokioIo::new(stream), service);
            tokio::select! {
                _ = conn => {}
                _ = stop.changed() => {}
            }
        });
    }
}

/// The error a handler returns to make hyper drop the connection without an answer.
#[derive(Debug)]
struct Hangup;

impl std::fmt::Display for Hangup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("studio-mock: closing the connection without an answer")
    }
}

impl std::error::Error for Hangup {}

async fn handle(
    shared: Arc<Shared>,
    req: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Hangup> {
    let (parts, body) = req.into_parts();
    let body = match body.collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(_) => return Err(Hangup),
    };
    let recorded = RecordedRequest {
        method: parts.method.to_string(),
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().map(str::to_owned),
        headers: parts
            .headers
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_owned(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect(),
        body: body.to_vec(),
    };
    shared.requests().push(recorded.clone());

    let (delay, fault) = {
        let mut faults = shared.faults();
        (faults.delay, faults.next())
    };
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    match fault {
        Some(Fault::Close) => Err(Hangup),
        Some(Fault::LoseAnswer) => {
            let _ = routes::route(&shared, &recorded);
            Err(Hangup)
        }
        Some(fault) => Ok(fault.response()),
        None => match routes::resend_target(&shared, &recorded) {
            // A resend is the one route that makes a request of its own: off the store lock.
            Some(Ok(job)) => Ok(resend::run(&shared, job).await),
            Some(Err(response)) => Ok(response),
            None => Ok(routes::route(&shared, &recorded)),
        },
    }
}
