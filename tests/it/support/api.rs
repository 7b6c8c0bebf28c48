//! Shared helpers for the `lpwh::api::Client` suites: a client pointed at a `StudioMock`.

use std::time::Duration;

use lpwh::api::{ApiError, Client, ClientOptions, NewWebhook, RetryPolicy};
use lpwh::config::KeySource;
use lpwh::redacted::Secret;
use studio_mock::StudioMock;

/// Short waits so retry tests run fast; the attempt count is the default's.
pub fn fast_retry() -> RetryPolicy {
    RetryPolicy {
        base_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(20),
        ..RetryPolicy::default()
    }
}

pub fn client_for(url: &str, key: &str, timeout: Duration) -> Client {
    Client::new(ClientOptions {
        base_url: url.to_owned(),
        api_key: Secret::new(key),
        key_source: KeySource::Env,
        timeout,
        verbose: false,
        color: false,
    })
    .unwrap()
    .with_retry(fast_retry())
}

pub fn client(mock: &StudioMock) -> Client {
    client_for(&mock.url(), mock.api_key(), Duration::from_secs(10))
}

pub fn new_webhook(url: &str) -> NewWebhook {
    NewWebhook {
        name: "asset-ready-handler".into(),
        url: url.into(),
        events: vec!["asset.ready".into(), "asset.failed".into()],
        shared_secret: Some("whsec-abcdef123456".into()),
        stream_id: None,
    }
}

pub fn status_of(err: &ApiError) -> u16 {
    err.status()
        .unwrap_or_else(|| panic!("expected a status error, got {err:?}"))
}
