//! The only code that speaks HTTP to Livepeer Studio's `/api/webhook` API: a [`Client`] with
//! Bearer auth, retries (see `transport`), decoded errors (see `errors`) and pagination that
//! copes with Studio's last-page `Link` quirk (see `paging`); the records it sends and reads
//! are in `types`.

mod errors;
mod paging;
mod transport;
mod types;

use std::fmt;
use std::time::Duration;

use reqwest::Method;
use serde::Serialize;
use serde::de::DeserializeOwned;
use url::Url;

use crate::config::KeySource;
use crate::error::{Failure, Kind};
use crate::redacted::Secret;

use types::WithoutStream;
pub use types::{
    LastFailure, LogRequest, LogResponse, NewWebhook, User, Webhook, WebhookLog, WebhookPatch,
    WebhookStatus,
};

pub use paging::next_cursor_from_link;
pub use transport::RetryPolicy;

/// Studio's largest page (`limit` is capped there): what `list_all_*` asks for.
pub const MAX_PAGE_SIZE: u32 = 1000;

/// How to build a [`Client`]; filled in by [`crate::context::Ctx::api`].
#[derive(Debug, Clone)]
pub struct ClientOptions {
    pub base_url: String,
    pub api_key: Secret,
    pub key_source: KeySource,
    pub timeout: Duration,
    /// `-v`: method, URL, status and time of each request on stderr.
    pub verbose: bool,
    pub color: bool,
}

/// A Studio API client: Bearer auth, retries, decoded errors, pagination.
#[derive(Clone)]
pub struct Client {
    opts: ClientOptions,
    base: Url,
    http: reqwest::Client,
    /// `Bearer <key>`, marked sensitive so no Debug output shows it.
    auth: reqwest::header::HeaderValue,
    retry: RetryPolicy,
    /// Listing everything fails past this many rows (see `paging`).
    max_rows: usize,
}

/// The most rows a listing follows pages for: far beyond any real account, small enough that
/// a server announcing pages forever cannot exhaust memory.
pub const MAX_LISTED_ROWS: usize = 1_000_000;

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `opts` prints the key as `(redacted)`; the reqwest client adds nothing useful.
        f.debug_struct("Client")
            .field("opts", &self.opts)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

/// What went wrong talking to Studio, decoded into something a person reads.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// Studio answered with a non-2xx status. `message` is the decoded `errors` list.
    #[error("{message}")]
    Status {
        status: u16,
        message: String,
        method: String,
        url: String,
        key_source: KeySource,
    },
    /// The request never got an answer (connection refused, DNS, TLS, timeout).
    #[error("cannot reach {url}: {reason}")]
    Transport { url: String, reason: String },
    /// Studio answered 2xx with a body we cannot read.
    #[error("unexpected answer from {url}: {reason}")]
    Decode { url: String, reason: String },
}

impl ApiError {
    /// The exit-code kind: 401/403 → auth, 404 → not found, everything else → failure.
    pub fn kind(&self) -> Kind {
        match self {
            ApiError::Status {
                status: 401 | 403, ..
            } => Kind::Auth,
            ApiError::Status { status: 404, .. } => Kind::NotFound,
            _ => Kind::Failure,
        }
    }

    /// The HTTP status, when Studio answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Status { status, .. } => Some(*status),
            _ => None,
        }
    }
}

/// One `{"id": field, "value": v}` entry of Studio's `filters` query parameter.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Filter {
    pub id: String,
    pub value: serde_json::Value,
}

impl Filter {
    /// A filter compared as Studio compares the field: exactly for most, or, for `name` and a
    /// log's `resourceId`, with SQL `ILIKE '%value%'` (see [`Filter::contains`]).
    pub fn new(id: &str, value: impl Into<serde_json::Value>) -> Filter {
        Filter {
            id: id.to_owned(),
            value: value.into(),
        }
    }

    /// Rows created at or after `ms` (Unix milliseconds), for webhooks and logs alike.
    pub fn created_since(ms: i64) -> Filter {
        Filter::new("createdAt", serde_json::json!({ "gte": ms }))
    }

    /// For a field Studio matches with `ILIKE '%value%'`: `text` as a literal, case-insensitive
    /// substring. `%` and `_` would be SQL wildcards, so they (and the escape `\`) are escaped.
    pub fn contains(id: &str, text: &str) -> Filter {
        Filter::new(id, like_literal(text))
    }
}

/// `text` with SQL LIKE's wildcards escaped by PostgreSQL's default escape character `\`.
pub fn like_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    for c in text.chars() {
        if matches!(c, '\\' | '%' | '_') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// What JavaScript's `encodeURIComponent` leaves as it is.
const URI_COMPONENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

/// The `filters` query value: the JSON text percent-encoded once here, and once more as a query
/// value by the URL builder, because Studio decodes it twice (the framework, then the handler's
/// own `decodeURIComponent`). Encoded once, a `%` in a value is a 400 `URI malformed`.
fn filters_param(filters: &[Filter]) -> String {
    let json = serde_json::to_string(filters).expect("filters serialize");
    percent_encoding::utf8_percent_encode(&json, URI_COMPONENT).to_string()
}

/// Query parameters for list endpoints.
#[derive(Debug, Clone, Default)]
pub struct ListQuery {
    /// Page size (Studio: default 20, max 1000).
    pub limit: Option<u32>,
    pub cursor: Option<String>,
    /// Studio's order syntax, e.g. `createdAt-true` (descending).
    pub order: Option<String>,
    pub filters: Vec<Filter>,
    /// Ask for `X-Total-Count`.
    pub count: bool,
    /// Admin only: include deleted rows (`all=true`, each marked `"deleted": true`).
    pub deleted: bool,
    /// Admin only: every account's rows, not only the caller's (`allUsers=true`).
    pub all_users: bool,
}

/// One page of a list endpoint.
#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// The cursor for the next page, with Studio's last-page quirk already removed.
    pub next_cursor: Option<String>,
    /// `X-Total-Count`, when asked for.
    pub total: Option<u64>,
}

impl ListQuery {
    /// The query string pairs Studio expects.
    fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(limit) = self.limit {
            pairs.push(("limit", limit.to_string()));
        }
        if let Some(cursor) = &self.cursor {
            pairs.push(("cursor", cursor.clone()));
        }
        if let Some(order) = &self.order {
            pairs.push(("order", order.clone()));
        }
        if !self.filters.is_empty() {
            pairs.push(("filters", filters_param(&self.filters)));
        }
        if self.count {
            pairs.push(("count", "1".to_owned()));
        }
        if self.deleted {
            pairs.push(("all", "true".to_owned()));
        }
        if self.all_users {
            pairs.push(("allUsers", "true".to_owned()));
        }
        pairs
    }
}

impl Client {
    /// A client for `opts.base_url`. Fails (as a usage error) when the URL is not http(s).
    pub fn new(opts: ClientOptions) -> anyhow::Result<Client> {
        let base = parse_base_url(&opts.base_url)?;
        let mut auth =
            reqwest::header::HeaderValue::from_str(&format!("Bearer {}", opts.api_key.expose()))
                .map_err(|_| {
                    Failure::usage("the API key contains characters not allowed in an HTTP header")
                        .hint("copy the key again from Studio (Developers → API keys), without spaces or line breaks")
                })?;
        auth.set_sensitive(true);
        let http = crate::http_client::builder()
            .user_agent(concat!("lpwh/", env!("CARGO_PKG_VERSION")))
            // Studio's API never redirects. Following one would send the key's requests, and
            // create's or update's body with the webhook secret, somewhere the user did not
            // choose: a 3xx is reported instead (see `transport`).
            .redirect(reqwest::redirect::Policy::none())
            .timeout(opts.timeout)
            .connect_timeout(opts.timeout.min(Duration::from_secs(10)))
            .build()
            .map_err(|e| anyhow::anyhow!("cannot set up the HTTP client: {e}"))?;
        Ok(Client {
            opts,
            base,
            http,
            auth,
            retry: RetryPolicy::default(),
            max_rows: MAX_LISTED_ROWS,
        })
    }

    /// The same client with another ceiling on listed rows (tests use a small one).
    pub fn with_max_rows(mut self, max_rows: usize) -> Client {
        self.max_rows = max_rows.max(1);
        self
    }

    /// The same client with another retry policy (tests use short delays).
    pub fn with_retry(mut self, retry: RetryPolicy) -> Client {
        self.retry = retry;
        self
    }

    /// The base URL requests go to, e.g. `https://livepeer.studio/api`.
    pub fn base_url(&self) -> &str {
        self.opts.base_url.trim_end_matches('/')
    }

    /// `GET /webhook`: one page.
    pub async fn list_webhooks(&self, query: &ListQuery) -> Result<Page<Webhook>, ApiError> {
        self.list_page(&["webhook"], query).await
    }

    /// `GET /webhook`, following every page; each webhook once, at most `max` of them.
    /// Pages are [`MAX_PAGE_SIZE`] long unless `query.limit` asks for fewer.
    pub async fn list_all_webhooks(
        &self,
        query: &ListQuery,
        max: Option<usize>,
    ) -> Result<Vec<Webhook>, ApiError> {
        self.list_all(&["webhook"], query, max).await
    }

    /// `GET /webhook/{id}`.
    pub async fn get_webhook(&self, id: &str) -> Result<Webhook, ApiError> {
        let url = self.url(&["webhook", id], &[]);
        let answer = self.call(Method::GET, url, None).await?;
        answer.json()
    }

    /// `POST /webhook` (201): the stored webhook. Retried only when it never left this machine.
    pub async fn create_webhook(&self, new: &NewWebhook) -> Result<Webhook, ApiError> {
        let url = self.url(&["webhook"], &[]);
        let answer = self
            .call(Method::POST, url, Some(to_body(new)))
            .await
            .map_err(|e| errors::name_refused_events(e, &new.events))?;
        answer.json()
    }

    /// `PATCH /webhook/{id}` (204) with the fields `patch` sets; Studio checks that a new
    /// `streamId` exists. Nothing is sent for an empty patch.
    pub async fn update_webhook(&self, id: &str, patch: &WebhookPatch) -> Result<(), ApiError> {
        if *patch != WebhookPatch::default() {
            let url = self.url(&["webhook", id], &[]);
            self.call(Method::PATCH, url, Some(to_body(patch)))
                .await
                .map_err(|e| {
                    errors::name_refused_events(e, patch.events.as_deref().unwrap_or_default())
                })?;
        }
        Ok(())
    }

    /// Make webhook `id` fire for every stream again. Studio has no PATCH for this
    /// (`streamId: ""` is stored, and then matches no stream at all), so the webhook is read
    /// and `PUT` whole without `streamId` (200). **That PUT resets `status`** (last triggered,
    /// last failure): callers say so first. Between the read and the PUT another client's
    /// change could be overwritten; this is rare and interactive, so the window is accepted.
    /// The PUT carries the secret read back: GET returns `sharedSecret` (studio-api.md).
    pub async fn clear_stream(&self, id: &str) -> Result<(), ApiError> {
        let current = self.get_webhook(id).await?;
        let url = self.url(&["webhook", &current.id], &[]);
        let body = to_body(&WithoutStream {
            id: &current.id,
            name: &current.name,
            url: &current.url,
            events: &current.events,
            shared_secret: current.shared_secret.as_deref(),
        });
        self.call(Method::PUT, url, Some(body)).await?;
        Ok(())
    }

    /// `GET /stream/{id}` with the same key: whether the stream exists for this account
    /// (`Ok(false)` on 404). Studio's `POST /webhook` does not check `streamId`, so `create`
    /// asks first.
    pub async fn stream_exists(&self, id: &str) -> Result<bool, ApiError> {
        let url = self.url(&["stream", id], &[]);
        match self.call(Method::GET, url, None).await {
            Ok(_) => Ok(true),
            Err(err) if err.status() == Some(404) => Ok(false),
            Err(err) => Err(err),
        }
    }

    /// `GET /user/me`: who the key belongs to (its `id`, and `admin` for an admin's key).
    pub async fn me(&self) -> Result<User, ApiError> {
        let url = self.url(&["user", "me"], &[]);
        let answer = self.call(Method::GET, url, None).await?;
        answer.json()
    }

    /// `DELETE /webhook/{id}` (204). A 404 on a retry, after an attempt whose answer was lost,
    /// means that attempt deleted it: that counts as success.
    pub async fn delete_webhook(&self, id: &str) -> Result<(), ApiError> {
        let url = self.url(&["webhook", id], &[]);
        let answer = self.send(Method::DELETE, url, None).await?;
        if answer.status == 404 && answer.after_lost_answer {
            return Ok(());
        }
        answer.success(self)?;
        Ok(())
    }

    /// `DELETE /webhook` with `{"ids": [...]}` (204). Studio answers 404 if any id belongs to
    /// someone else, and 500 when none of the ids exists. No request for an empty list.
    pub async fn delete_webhooks(&self, ids: &[String]) -> Result<(), ApiError> {
        if ids.is_empty() {
            return Ok(());
        }
        let url = self.url(&["webhook"], &[]);
        let body = to_body(&serde_json::json!({ "ids": ids }));
        self.call(Method::DELETE, url, Some(body)).await?;
        Ok(())
    }

    /// `GET /webhook/{id}/log`: one page, newest first. An unknown webhook gives an empty page.
    pub async fn list_logs(
        &self,
        id: &str,
        query: &ListQuery,
    ) -> Result<Page<WebhookLog>, ApiError> {
        self.list_page(&["webhook", id, "log"], query).await
    }

    /// Every log of `GET /webhook/{id}/log` matching `query`, handed to `visit` page by page and
    /// never held (see [`Client::for_each_row`]). Returns the pages read.
    pub async fn for_each_log(
        &self,
        id: &str,
        query: &ListQuery,
        visit: impl FnMut(WebhookLog) -> std::ops::ControlFlow<()>,
    ) -> Result<usize, ApiError> {
        self.for_each_row(&["webhook", id, "log"], query, visit)
            .await
    }

    /// `GET /webhook/{id}/log`, following every page; each log once, at most `max` of them.
    pub async fn list_all_logs(
        &self,
        id: &str,
        query: &ListQuery,
        max: Option<usize>,
    ) -> Result<Vec<WebhookLog>, ApiError> {
        self.list_all(&["webhook", id, "log"], query, max).await
    }

    /// `GET /webhook/{id}/log/{logId}`.
    pub async fn get_log(&self, id: &str, log_id: &str) -> Result<WebhookLog, ApiError> {
        let url = self.url(&["webhook", id, "log", log_id], &[]);
        self.call(Method::GET, url, None).await?.json()
    }

    /// `POST /webhook/{id}/log/{logId}/resend`: the new log. Not retried once sent (it would
    /// deliver twice).
    pub async fn resend(&self, id: &str, log_id: &str) -> Result<WebhookLog, ApiError> {
        let url = self.url(&["webhook", id, "log", log_id, "resend"], &[]);
        self.call(Method::POST, url, None).await?.json()
    }

    /// `base` + path segments (each percent-encoded, so an id cannot change the route) + query.
    fn url(&self, segments: &[&str], query: &[(&str, String)]) -> Url {
        let mut url = self.base.clone();
        url.path_segments_mut()
            .expect("checked in Client::new: an http(s) URL has a path")
            .pop_if_empty()
            .extend(segments);
        if !query.is_empty() {
            url.query_pairs_mut()
                .extend_pairs(query.iter().map(|(k, v)| (*k, v.as_str())));
        }
        url
    }

    /// Send, and turn a non-2xx answer into an [`ApiError::Status`].
    async fn call(
        &self,
        method: Method,
        url: Url,
        body: Option<Vec<u8>>,
    ) -> Result<transport::Answer, ApiError> {
        self.send(method, url, body).await?.success(self)
    }
}

fn to_body<T: Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).expect("request bodies serialize")
}

/// Check `--api-url`: an absolute http(s) URL, which requests are made relative to.
fn parse_base_url(raw: &str) -> anyhow::Result<Url> {
    let shown = crate::output::sanitize(&crate::redacted::url_without_secrets(raw)).into_owned();
    let bad = |why: &str| {
        Failure::usage(format!("invalid API URL '{shown}': {why}"))
            .hint("pass --api-url (or set LIVEPEER_API_URL) to Studio's API, e.g. https://livepeer.studio/api")
    };
    let url = Url::parse(raw.trim()).map_err(|e| bad(&e.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(bad("it must start with http:// or https://").into());
    }
    if url.cannot_be_a_base() || url.host_str().is_none_or(str::is_empty) {
        return Err(bad("it has no host").into());
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(bad("it must not have a query or fragment").into());
    }
    // A password here would be shown by -v, errors and `profiles`, saved to config.toml, and
    // sent as Basic auth in place of the key.
    if !url.username().is_empty() || url.password().is_some() {
        return Err(bad(
            "it must not carry a user name or password; the API key is the only credential (--api-key, LIVEPEER_API_KEY or 'lpwh login')",
        )
        .into());
    }
    Ok(url)
}

/// Decode a 2xx body, or say which URL answered something unreadable.
fn decode_json<T: DeserializeOwned>(url: &Url, body: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(body).map_err(|e| ApiError::Decode {
        url: display_url(url),
        reason: e.to_string(),
    })
}

/// A URL as shown in messages: without the query, which can be long (filters).
fn display_url(url: &Url) -> String {
    let mut shown = url.clone();
    shown.set_query(None);
    shown.to_string()
}
