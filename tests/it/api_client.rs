//! `lpwh::api::Client` against the Studio-like test server: status handling, decoded errors,
//! retries, and that the key never leaks into what the client reports.

use std::time::{Duration, Instant};

use crate::support::api::{client, client_for, new_webhook, status_of};
use lpwh::api::{ApiError, Client, ClientOptions, ListQuery, RetryPolicy, WebhookPatch};
use lpwh::config::KeySource;
use lpwh::error::Kind;
use lpwh::redacted::Secret;
use serde_json::json;
use studio_mock::StudioMock;
#[tokio::test]
async fn create_sends_an_authenticated_json_body_and_reads_the_201() {
    let mock = StudioMock::start().await;
    let created = client(&mock)
        .create_webhook(&new_webhook("https://example.com/hook"))
        .await
        .unwrap();
    assert_eq!(created.name, "asset-ready-handler");
    assert_eq!(created.events, ["asset.ready", "asset.failed"]);
    assert_eq!(created.shared_secret.as_deref(), Some("whsec-abcdef123456"));
    assert!(created.created_at.is_some());
    // Fields the type does not name are kept for --json.
    assert_eq!(created.extra.get("kind"), Some(&json!("webhook")));
    assert_eq!(
        mock.webhook(&created.id).unwrap()["url"],
        "https://example.com/hook"
    );

    let reqs = mock.requests();
    assert_eq!(reqs.len(), 1);
    let req = &reqs[0];
    assert_eq!(req.line(), "POST /api/webhook");
    assert_eq!(
        req.header("authorization"),
        Some(format!("Bearer {}", mock.api_key()).as_str())
    );
    assert_eq!(
        req.header("user-agent"),
        Some(concat!("lpwh/", env!("CARGO_PKG_VERSION")))
    );
    assert!(
        req.header("content-type")
            .unwrap()
            .starts_with("application/json")
    );
    assert_eq!(
        req.body_json().unwrap(),
        json!({"name": "asset-ready-handler", "url": "https://example.com/hook",
               "events": ["asset.ready", "asset.failed"], "sharedSecret": "whsec-abcdef123456"})
    );
}

#[tokio::test]
async fn a_422_schema_error_is_decoded_to_one_readable_line() {
    let mock = StudioMock::start().await;
    let err = client(&mock)
        .create_webhook(&new_webhook("ftp://example.com/hook"))
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 422);
    assert_eq!(
        err.to_string(),
        r#"/url: must match pattern "^http(s)?://""#
    );
    assert_eq!(err.kind(), Kind::Failure);

    let mut no_events = new_webhook("https://example.com/x");
    no_events.events.push("asset.nope".into());
    let err = client(&mock).create_webhook(&no_events).await.unwrap_err();
    // Studio says `/events/2: must be equal to one of the allowed values`; the client names
    // the event it sent there.
    assert_eq!(
        err.to_string(),
        "Studio does not accept the event 'asset.nope' (it is not one of Studio's event types: \
         lpwh event-types)"
    );
}

#[tokio::test]
async fn patch_sends_only_the_given_fields_and_clearing_the_stream_is_a_put() {
    let mock = StudioMock::start().await;
    let id = mock.insert_webhook(json!({
        "name": "old", "url": "https://a.example/x", "events": ["stream.started"],
        "sharedSecret": "keep-this-secret", "streamId": "stream-1",
        "status": {"lastTriggeredAt": 1700000000000u64}
    }));
    let api = client(&mock);
    let patch = WebhookPatch {
        name: Some("new-name".into()),
        shared_secret: Some(String::new()),
        ..WebhookPatch::default()
    };
    api.update_webhook(&id, &patch).await.unwrap();
    let requests = mock.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(
        requests[0].body_json().unwrap(),
        json!({"name": "new-name", "sharedSecret": ""})
    );
    let stored = mock.webhook(&id).unwrap();
    assert_eq!(
        stored["status"]["lastTriggeredAt"], 1700000000000u64,
        "PATCH keeps status"
    );
    // Read back, "" is no secret.
    assert_eq!(api.get_webhook(&id).await.unwrap().shared_secret, None);

    // The stream: read back and PUT whole without it, with the id in the body where Studio
    // looks. Studio's PUT drops status.
    mock.clear_requests();
    api.clear_stream(&id).await.unwrap();
    let requests = mock.requests();
    let lines: Vec<String> = requests
        .iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    let path = format!("/api/webhook/{id}");
    assert_eq!(lines, [format!("GET {path}"), format!("PUT {path}")]);
    assert_eq!(
        requests[1].body_json().unwrap(),
        json!({
            "id": id, "name": "new-name", "url": "https://a.example/x",
            "events": ["stream.started"]
        })
    );
    let stored = mock.webhook(&id).unwrap();
    assert!(stored.get("streamId").is_none());
    assert!(stored.get("status").is_none());

    let err = api
        .update_webhook(
            &id,
            &WebhookPatch {
                stream_id: Some("nope".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.to_string(), "stream not found");
    assert!(
        err.hint().unwrap().contains("of this account"),
        "{:?}",
        err.hint()
    );
}

#[tokio::test]
async fn get_and_delete_map_404_to_not_found_with_a_hint() {
    let mock = StudioMock::start().await;
    let id = mock.seed_webhooks(1).remove(0);
    let api = client(&mock);
    assert_eq!(api.get_webhook(&id).await.unwrap().id, id);
    api.delete_webhook(&id).await.unwrap();
    assert!(mock.is_deleted(&id));

    let err = api.delete_webhook(&id).await.unwrap_err();
    assert_eq!((status_of(&err), err.kind()), (404, Kind::NotFound));
    let err = api.get_webhook(&id).await.unwrap_err();
    assert_eq!(err.kind(), Kind::NotFound);
    assert_eq!(err.to_string(), "not found");
    assert!(err.hint().unwrap().contains("lpwh list"));
}

#[tokio::test]
async fn ids_are_path_segments_not_routes() {
    let mock = StudioMock::start().await;
    let err = client(&mock)
        .get_webhook("../webhook?limit=1")
        .await
        .unwrap_err();
    assert_eq!(err.kind(), Kind::NotFound);
    let req = &mock.requests()[0];
    assert_eq!(req.path, "/api/webhook/..%2Fwebhook%3Flimit=1");
    assert_eq!(req.query, None);
}

#[tokio::test]
async fn a_refused_key_is_an_auth_error_that_never_shows_the_key() {
    let mock = StudioMock::start().await;
    let key = "sk_test_this_key_is_wrong_91f2";
    let api = client_for(&mock.url(), key, Duration::from_secs(10));
    let err = api.list_webhooks(&ListQuery::default()).await.unwrap_err();
    assert_eq!((status_of(&err), err.kind()), (401, Kind::Auth));
    // Studio echoes the token ("no token <key> found"): it must be gone from everything shown.
    let shown = format!("{err} | {err:?} | {:?} | {api:?}", err.hint());
    assert!(!shown.contains(key), "{shown}");
    assert!(
        err.to_string().contains("no token (redacted) found"),
        "{err}"
    );
    let hint = err.hint().unwrap();
    assert!(
        hint.contains("lpwh login") && hint.contains("LIVEPEER_API_KEY"),
        "{hint}"
    );
    assert_eq!(mock.request_count(), 1, "a 401 is not retried");
}

#[tokio::test]
async fn a_502_then_200_is_retried_and_succeeds() {
    let mock = StudioMock::start().await;
    let id = mock.seed_webhooks(1).remove(0);
    mock.fail_next(1, 502);
    let got = client(&mock).get_webhook(&id).await.unwrap();
    assert_eq!(got.id, id);
    assert_eq!(mock.request_count(), 2);
}

#[tokio::test]
async fn a_dropped_connection_is_retried_for_get() {
    let mock = StudioMock::start().await;
    mock.seed_webhooks(3);
    mock.close_next(1);
    let page = client(&mock)
        .list_webhooks(&ListQuery::default())
        .await
        .unwrap();
    assert_eq!(page.items.len(), 3);
    assert_eq!(mock.request_count(), 2);
}

#[tokio::test]
async fn a_503_forever_stops_after_the_attempt_limit_with_a_clear_error() {
    let mock = StudioMock::start().await;
    mock.fail_forever(503);
    let err = client(&mock).get_webhook("abc").await.unwrap_err();
    let attempts = RetryPolicy::default().max_attempts as usize;
    assert_eq!(mock.request_count(), attempts);
    assert_eq!(status_of(&err), 503);
    assert_eq!(
        err.to_string(),
        format!("Studio answered 503 Service Unavailable after {attempts} attempts")
    );
    assert!(err.hint().unwrap().contains("try again"));
}

#[tokio::test]
async fn a_500_on_a_read_is_retried_a_bounded_number_of_times() {
    let mock = StudioMock::start().await;
    mock.fail_forever(500);
    let api = client(&mock);
    let err = api.get_webhook("abc").await.unwrap_err();
    let attempts = RetryPolicy::default().max_attempts;
    assert_eq!(mock.request_count(), attempts as usize);
    let text = err.to_string();
    assert!(text.contains("500 Internal Server Error"), "{text}");
    assert!(
        text.contains(&format!("after {attempts} attempts")),
        "{text}"
    );
}

#[tokio::test]
async fn a_500_on_a_write_is_not_retried() {
    // Studio answers 500 to a bulk delete of unknown ids every time: retrying only adds delay.
    let mock = StudioMock::start().await;
    let err = client(&mock)
        .delete_webhooks(&["no-such-id".to_owned()])
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(500));
    assert_eq!(mock.request_count(), 1);
}

#[tokio::test]
async fn the_total_wait_budget_bounds_retries() {
    let mock = StudioMock::start().await;
    mock.fail_forever(502);
    let api = client(&mock).with_retry(RetryPolicy {
        max_attempts: 10,
        base_delay: Duration::from_millis(100),
        max_delay: Duration::from_millis(100),
        max_total_wait: Duration::from_millis(250),
        ..RetryPolicy::default()
    });
    let err = api.get_webhook("abc").await.unwrap_err();
    assert_eq!(status_of(&err), 502);
    // Each wait is 50–100 ms: at most 4 fit in 250 ms (5 attempts), at least 2 (3 attempts).
    let n = mock.request_count();
    assert!((3..=5).contains(&n), "{n} attempts");
}

#[tokio::test]
async fn retry_after_on_429_is_honoured() {
    let mock = StudioMock::start().await;
    mock.seed_webhooks(2);
    mock.rate_limit_next(1, 1);
    let started = Instant::now();
    let page = client(&mock)
        .list_webhooks(&ListQuery::default())
        .await
        .unwrap();
    assert_eq!(page.items.len(), 2);
    assert_eq!(mock.request_count(), 2);
    // The backoff alone would be at most 5 ms: the wait came from Retry-After.
    assert!(
        started.elapsed() >= Duration::from_millis(950),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn retry_after_on_503_is_honoured_too() {
    let mock = StudioMock::start().await;
    let id = mock.seed_webhooks(1).remove(0);
    mock.inject(
        studio_mock::Fault::Status {
            status: 503,
            body: "down for maintenance".into(),
            content_type: "text/plain".into(),
            retry_after: Some("1".into()),
        },
        1,
    );
    let started = Instant::now();
    assert_eq!(client(&mock).get_webhook(&id).await.unwrap().id, id);
    assert_eq!(mock.request_count(), 2);
    assert!(
        started.elapsed() >= Duration::from_millis(950),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn post_is_not_retried_once_sent() {
    let mock = StudioMock::start().await;
    mock.fail_next(1, 502);
    let err = client(&mock)
        .create_webhook(&new_webhook("https://example.com/hook"))
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 502);
    assert_eq!(mock.request_count(), 1);
    assert_eq!(err.to_string(), "Studio answered 502 Bad Gateway");

    mock.clear_requests();
    mock.lose_answer_next(1);
    let err = client(&mock)
        .create_webhook(&new_webhook("https://example.com/hook"))
        .await
        .unwrap_err();
    match &err {
        ApiError::Transport { reason, .. } => {
            assert!(
                reason.starts_with("connection lost before an answer"),
                "{reason}"
            )
        }
        other => panic!("expected a transport error, got {other:?}"),
    }
    assert!(err.hint().unwrap().contains("may have been carried out"));
    assert_eq!(
        mock.request_count(),
        1,
        "a POST whose answer was lost is not sent twice"
    );
    assert_eq!(mock.webhooks().len(), 1);
}

#[tokio::test]
async fn post_is_retried_when_the_connection_could_not_be_made() {
    // Nothing listens on the port yet; the server comes up there a little later.
    let refused = crate::support::refused::Refused::new();
    let url = refused.url("/api");
    let starting = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(150)).await;
        StudioMock::start_with(studio_mock::MockConfig {
            port: refused.hand_over(),
            ..Default::default()
        })
        .await
    });
    let api = client_for(&url, studio_mock::DEFAULT_API_KEY, Duration::from_secs(10)).with_retry(
        RetryPolicy {
            max_attempts: 8,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(500),
            ..RetryPolicy::default()
        },
    );
    // The first attempt (at once) finds nothing listening: only a retry can succeed.
    let created = api
        .create_webhook(&new_webhook("https://example.com/hook"))
        .await
        .unwrap();
    let mock = starting.await.unwrap();
    assert_eq!(
        mock.request_count(),
        1,
        "the refused attempts never reached a server"
    );
    assert_eq!(mock.webhooks()[0]["id"], json!(created.id));
}

#[tokio::test]
async fn a_delete_whose_answer_was_lost_counts_as_done() {
    let mock = StudioMock::start().await;
    let id = mock.seed_webhooks(1).remove(0);
    mock.lose_answer_next(1);
    client(&mock).delete_webhook(&id).await.unwrap();
    assert!(mock.is_deleted(&id));
    let lines: Vec<String> = mock.requests().iter().map(|r| r.line()).collect();
    assert_eq!(
        lines,
        [
            format!("DELETE /api/webhook/{id}"),
            format!("DELETE /api/webhook/{id}")
        ]
    );
}

#[tokio::test]
async fn connection_refused_is_a_transport_error_naming_the_fix() {
    let refused = crate::support::refused::Refused::new();
    let url = refused.url("/api");
    let err = client_for(&url, "sk_secret_for_refused", Duration::from_secs(5))
        .get_webhook("abc")
        .await
        .unwrap_err();
    match &err {
        ApiError::Transport { url, reason } => {
            assert_eq!(url, &refused.url("/api/webhook/abc"));
            assert_eq!(reason, "connection refused");
        }
        other => panic!("expected a transport error, got {other:?}"),
    }
    assert_eq!(err.kind(), Kind::Failure);
    assert!(err.hint().unwrap().contains("--api-url"));
    assert!(!format!("{err:?}").contains("sk_secret_for_refused"));
}

#[tokio::test]
async fn a_timeout_is_reported_and_not_retried() {
    let mock = StudioMock::start().await;
    mock.set_delay(Duration::from_secs(3));
    let api = client_for(&mock.url(), mock.api_key(), Duration::from_millis(300));
    let err = api.get_webhook("abc").await.unwrap_err();
    match &err {
        ApiError::Transport { reason, .. } => assert_eq!(reason, "timed out after 0.3 s"),
        other => panic!("expected a timeout, got {other:?}"),
    }
    assert!(err.hint().unwrap().contains("--timeout"));
    assert_eq!(mock.request_count(), 1);
}

#[tokio::test]
async fn an_unreadable_2xx_body_is_a_decode_error() {
    let mock = StudioMock::start().await;
    mock.inject(
        studio_mock::Fault::Status {
            status: 200,
            body: "<html>not an api</html>".into(),
            content_type: "text/html".into(),
            retry_after: None,
        },
        1,
    );
    let err = client(&mock).get_webhook("abc").await.unwrap_err();
    assert!(matches!(err, ApiError::Decode { .. }), "{err:?}");
    assert!(err.hint().unwrap().contains("/api"));
}

#[tokio::test]
async fn bulk_delete_sends_the_ids_and_reports_studios_answers() {
    let mock = StudioMock::start().await;
    let ids = mock.seed_webhooks(3);
    let api = client(&mock);
    api.delete_webhooks(&ids[..2]).await.unwrap();
    assert!(mock.is_deleted(&ids[0]) && mock.is_deleted(&ids[1]) && !mock.is_deleted(&ids[2]));
    assert_eq!(
        mock.requests()[0].body_json().unwrap(),
        json!({ "ids": &ids[..2] })
    );

    let err = api
        .delete_webhooks(&["unknown-id".to_owned()])
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 500);
    mock.clear_requests();
    api.delete_webhooks(&[]).await.unwrap();
    assert_eq!(mock.request_count(), 0);
}

#[test]
fn a_bad_api_url_or_key_is_a_usage_error_at_construction() {
    let bad_key = Client::new(ClientOptions {
        base_url: "https://livepeer.studio/api".into(),
        api_key: Secret::new("sk_line\nbreak"),
        key_source: KeySource::Flag,
        timeout: Duration::from_secs(1),
        verbose: false,
        color: false,
    })
    .unwrap_err();
    assert_eq!(lpwh::report::exit_code(&bad_key), 2);
    assert!(!format!("{bad_key:#}").contains("sk_line"), "{bad_key:#}");
    for bad in [
        "livepeer.studio/api",
        "ftp://livepeer.studio/api",
        "https://x/api?key=1",
        "http://",
    ] {
        let err = Client::new(ClientOptions {
            base_url: bad.into(),
            api_key: Secret::new("k"),
            key_source: KeySource::Flag,
            timeout: Duration::from_secs(1),
            verbose: false,
            color: false,
        })
        .unwrap_err();
        assert_eq!(lpwh::report::exit_code(&err), 2, "{bad}: {err:#}");
    }
}

// ---- hardening: what a hostile API could do ---------------------------------------------------

/// A 307 to another origin would make reqwest re-send the body there, and create's body holds
/// the webhook's secret. Redirects are not followed at all; the error says where it pointed.
#[test]
fn a_redirect_to_another_origin_is_not_followed_and_no_body_reaches_it() {
    // Another server that records whatever reaches it.
    let elsewhere = StudioMock::start_blocking();
    let mock = StudioMock::start_blocking();
    mock.inject(
        studio_mock::Fault::Redirect {
            status: 307,
            location: format!("{}/webhook?token=abc", elsewhere.url()),
        },
        1,
    );
    let rt = tokio::runtime::Runtime::new().unwrap();
    let mut new = new_webhook("https://example.com/x");
    new.shared_secret = Some("webhook-secret-must-stay-home".into());
    let err = rt.block_on(client(&mock).create_webhook(&new)).unwrap_err();
    assert_eq!(
        elsewhere.request_count(),
        0,
        "a request reached the other origin"
    );
    let text = err.to_string();
    assert!(
        text.contains("307") && text.contains("does not follow redirects"),
        "{text}"
    );
    assert!(!text.contains("abc"), "query values are not shown: {text}");
    assert_eq!(mock.request_count(), 1);
}

/// A non-JSON error body was cut to 200 characters before the key was redacted, so a key
/// straddling the cut leaked in part.
#[tokio::test]
async fn a_key_straddling_the_quoted_cut_is_still_redacted() {
    let mock = StudioMock::start().await;
    let key = mock.api_key().to_owned();
    let body = format!("{}{key} trailing text", "x".repeat(190));
    mock.inject(
        studio_mock::Fault::Status {
            status: 400,
            body,
            content_type: "text/plain".into(),
            retry_after: None,
        },
        1,
    );
    let err = client(&mock).get_webhook("w1").await.unwrap_err();
    let shown = format!("{err} {err:?} {:?}", err.hint());
    assert!(!shown.contains(&key[..8]), "{shown}");
    assert!(shown.contains("(redacted)"), "{shown}");
}

/// A 200 MB answer was buffered whole. Past 64 MiB lpwh stops reading, with a clear error.
#[tokio::test]
async fn an_answer_over_64_mib_is_refused() {
    let mock = StudioMock::start().await;
    mock.inject(
        studio_mock::Fault::Status {
            status: 200,
            body: " ".repeat((64 << 20) + 1),
            content_type: "application/json".into(),
            retry_after: None,
        },
        1,
    );
    let err = client(&mock)
        .list_webhooks(&ListQuery::default())
        .await
        .unwrap_err();
    assert!(err.to_string().contains("larger than 64 MiB"), "{err}");
}

/// A password in the API URL was shown by -v and errors, saved, and sent as Basic auth.
#[test]
fn an_api_url_with_a_password_is_refused_without_showing_it() {
    let err = Client::new(ClientOptions {
        base_url: "https://user:hunter2-pass@livepeer.studio/api".into(),
        api_key: Secret::new("k"),
        key_source: KeySource::Env,
        timeout: Duration::from_secs(5),
        verbose: false,
        color: false,
    })
    .unwrap_err();
    let text = format!("{err:#}");
    assert!(text.contains("user name or password"), "{text}");
    assert!(!text.contains("hunter2"), "{text}");
    assert_eq!(lpwh::report::exit_code(&err), 2);
}
