//! `lpwh::api::Client` against the Studio-like test server: status handling, decoded errors,
//! retries, pagination, and that the key never leaks into what the client reports.

use std::time::{Duration, Instant};

use lpwh::api::{
    ApiError, Client, ClientOptions, Filter, ListQuery, NewWebhook, RetryPolicy, WebhookPatch,
};
use lpwh::config::KeySource;
use lpwh::error::Kind;
use lpwh::redacted::Secret;
use serde_json::{Value, json};
use studio_mock::StudioMock;

/// Short waits so retry tests run fast; the attempt count is the default's.
fn fast_retry() -> RetryPolicy {
    RetryPolicy {
        base_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(20),
        ..RetryPolicy::default()
    }
}

fn client_for(url: &str, key: &str, timeout: Duration) -> Client {
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

fn client(mock: &StudioMock) -> Client {
    client_for(&mock.url(), mock.api_key(), Duration::from_secs(10))
}

fn new_webhook(url: &str) -> NewWebhook {
    NewWebhook {
        name: "asset-ready-handler".into(),
        url: url.into(),
        events: vec!["asset.ready".into(), "asset.failed".into()],
        shared_secret: Some("whsec-abcdef123456".into()),
        stream_id: None,
    }
}

fn status_of(err: &ApiError) -> u16 {
    err.status()
        .unwrap_or_else(|| panic!("expected a status error, got {err:?}"))
}

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
    assert_eq!(
        err.to_string(),
        "/events/2: must be equal to one of the allowed values"
    );
}

#[tokio::test]
async fn patch_sends_only_the_given_fields_and_null_clears() {
    let mock = StudioMock::start().await;
    let id = mock.insert_webhook(json!({
        "name": "old", "url": "https://a.example/x", "events": ["stream.started"],
        "sharedSecret": "keep-this-secret", "streamId": "stream-1"
    }));
    let patch = WebhookPatch {
        name: Some("new-name".into()),
        stream_id: Some(None),
        ..WebhookPatch::default()
    };
    client(&mock).update_webhook(&id, &patch).await.unwrap();

    let req = &mock.requests()[0];
    assert_eq!(req.method, "PATCH");
    assert_eq!(req.path, format!("/api/webhook/{id}"));
    assert_eq!(
        req.body_json().unwrap(),
        json!({"name": "new-name", "streamId": null})
    );
    let stored = mock.webhook(&id).unwrap();
    assert_eq!(stored["name"], "new-name");
    assert_eq!(
        stored["sharedSecret"], "keep-this-secret",
        "fields not named are kept"
    );
    assert!(stored.get("streamId").is_none());

    let err = client(&mock)
        .update_webhook(
            &id,
            &WebhookPatch {
                stream_id: Some(Some("nope".into())),
                ..Default::default()
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.to_string(), "stream not found");
    assert!(
        err.hint().unwrap().contains("stream id"),
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
async fn a_500_is_not_retried() {
    let mock = StudioMock::start().await;
    mock.fail_forever(500);
    let err = client(&mock).get_webhook("abc").await.unwrap_err();
    assert_eq!(mock.request_count(), 1);
    assert_eq!(
        err.to_string(),
        "Studio answered 500 Internal Server Error: internal server error"
    );
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
    assert!(matches!(err, ApiError::Transport { .. }), "{err:?}");
    assert_eq!(
        mock.request_count(),
        1,
        "a POST whose answer was lost is not sent twice"
    );
    assert_eq!(mock.webhooks().len(), 1);
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
    // A port that was free a moment ago: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}/api");
    let err = client_for(&url, "sk_secret_for_refused", Duration::from_secs(5))
        .get_webhook("abc")
        .await
        .unwrap_err();
    match &err {
        ApiError::Transport { url, reason } => {
            assert_eq!(url, &format!("http://127.0.0.1:{port}/api/webhook/abc"));
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
async fn list_all_follows_every_page_once_and_stops_on_the_short_page() {
    let mock = StudioMock::start().await;
    mock.seed_webhooks(25);
    let query = ListQuery {
        limit: Some(10),
        ..ListQuery::default()
    };
    let all = client(&mock).list_all_webhooks(&query, None).await.unwrap();
    let got: Vec<String> = all.iter().map(|w| w.id.clone()).collect();
    let expected: Vec<String> = mock
        .webhooks()
        .iter()
        .map(|w| w["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(got, expected, "every webhook once, in Studio's order");

    let cursors: Vec<Option<String>> = mock
        .requests()
        .iter()
        .map(|r| r.query_param("cursor"))
        .collect();
    assert_eq!(
        cursors,
        [None, Some("skip10".into()), Some("skip20".into())]
    );
    assert!(
        mock.requests()
            .iter()
            .all(|r| r.query_param("limit").as_deref() == Some("10"))
    );
}

#[tokio::test]
async fn list_all_stops_on_the_empty_page_when_the_last_page_is_full() {
    let mock = StudioMock::start().await;
    mock.seed_webhooks(20);
    let query = ListQuery {
        limit: Some(10),
        ..ListQuery::default()
    };
    let all = client(&mock).list_all_webhooks(&query, None).await.unwrap();
    assert_eq!(all.len(), 20);
    let lines: Vec<Option<String>> = mock
        .requests()
        .iter()
        .map(|r| r.query_param("cursor"))
        .collect();
    assert_eq!(lines, [None, Some("skip10".into()), Some("skip20".into())]);
    assert!(
        mock.requests()
            .iter()
            .all(|r| r.query_param("cursor").as_deref() != Some("undefined")),
        "the last-page link (cursor=undefined) is never followed"
    );
}

#[tokio::test]
async fn list_all_uses_the_largest_page_and_honours_max() {
    let mock = StudioMock::start().await;
    mock.seed_webhooks(1203);
    let api = client(&mock);
    let all = api
        .list_all_webhooks(&ListQuery::default(), None)
        .await
        .unwrap();
    assert_eq!(all.len(), 1203);
    let limits: Vec<Option<String>> = mock
        .requests()
        .iter()
        .map(|r| r.query_param("limit"))
        .collect();
    assert_eq!(limits, [Some("1000".into()), Some("1000".into())]);

    mock.clear_requests();
    let some = api
        .list_all_webhooks(&ListQuery::default(), Some(7))
        .await
        .unwrap();
    assert_eq!(some.len(), 7);
    assert_eq!(mock.request_count(), 1);
    assert_eq!(
        mock.requests()[0].query_param("limit").as_deref(),
        Some("7")
    );
}

#[tokio::test]
async fn one_page_carries_filters_order_count_and_the_next_cursor() {
    let mock = StudioMock::start().await;
    for name in ["orders-prod", "orders-staging", "billing", "ORDERS-dev"] {
        mock.insert_webhook(json!({ "name": name }));
    }
    let query = ListQuery {
        limit: Some(2),
        order: Some("name-false".into()),
        filters: vec![Filter {
            id: "name".into(),
            value: json!("orders"),
        }],
        count: true,
        ..ListQuery::default()
    };
    let page = client(&mock).list_webhooks(&query).await.unwrap();
    let names: Vec<&str> = page.items.iter().map(|w| w.name.as_str()).collect();
    assert_eq!(names, ["ORDERS-dev", "orders-prod"]);
    assert_eq!(page.total, Some(3));
    assert_eq!(page.next_cursor.as_deref(), Some("skip2"));
    let req = &mock.requests()[0];
    let filters: Value = serde_json::from_str(&req.query_param("filters").unwrap()).unwrap();
    assert_eq!(filters, json!([{"id": "name", "value": "orders"}]));
    assert_eq!(req.query_param("count").as_deref(), Some("1"));

    let last = client(&mock)
        .list_webhooks(&ListQuery {
            cursor: page.next_cursor,
            ..query
        })
        .await
        .unwrap();
    assert_eq!(last.items.len(), 1);
    assert_eq!(
        last.next_cursor, None,
        "cursor=undefined is not a next page"
    );
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

#[tokio::test]
async fn logs_list_get_and_resend() {
    let mock = StudioMock::start().await;
    let id = mock.seed_webhooks(1).remove(0);
    let other = mock.seed_webhooks(1).remove(0);
    let logs = mock.seed_logs(&id, 5);
    let foreign = mock.seed_logs(&other, 1).remove(0);
    let api = client(&mock);

    let page = api
        .list_logs(
            &id,
            &ListQuery {
                limit: Some(3),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let got: Vec<&str> = page.items.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(got, [logs[4].as_str(), &logs[3], &logs[2]], "newest first");
    assert_eq!(page.next_cursor.as_deref(), Some("skip3"));
    let all = api
        .list_all_logs(&id, &ListQuery::default(), None)
        .await
        .unwrap();
    assert_eq!(all.len(), 5);

    let failed = api
        .list_logs(
            &id,
            &ListQuery {
                filters: vec![Filter {
                    id: "success".into(),
                    value: json!(false),
                }],
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(failed.items.len(), 2);
    assert!(failed.items.iter().all(|l| !l.success));

    let one = api.get_log(&id, &logs[0]).await.unwrap();
    assert_eq!(one.webhook_id, id);
    let body = one.response.unwrap().body.unwrap();
    assert!(!body.is_empty());

    let err = api.get_log(&id, &foreign).await.unwrap_err();
    assert_eq!(
        (status_of(&err), err.to_string().as_str()),
        (400, "mismatch between webhook and webhook log")
    );
    let err = api.get_log(&id, "nope").await.unwrap_err();
    assert_eq!(err.kind(), Kind::NotFound);
    assert!(err.hint().unwrap().contains("lpwh logs"));

    let resent = api.resend(&id, &logs[0]).await.unwrap();
    assert!(!logs.contains(&resent.id));
    assert_eq!(mock.logs(&id)[0]["id"], json!(resent.id));
}

#[test]
fn a_bad_api_url_is_a_usage_error_at_construction() {
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
        assert_eq!(lpwh::error::exit_code(&err), 2, "{bad}: {err:#}");
    }
}
