//! `lpwh::api::Client` pagination against the Studio-like test server: pages, filters, the
//! last-page `Link` quirk, `max`, and the delivery-log endpoints.

use crate::support::api::{client, status_of};
use lpwh::api::{Filter, ListQuery};
use lpwh::error::Kind;
use serde_json::{Value, json};
use studio_mock::StudioMock;

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
    let filters: Value = req.filters().expect("filters sent, encoded twice");
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

// ---- a hostile server cannot keep lpwh paging forever (hardening) --------------------------

/// A server that answers every page full of new ids, with a `Link` to one more page, made lpwh
/// send thousands of requests and grow without bound. Past the row ceiling it now fails,
/// naming the misbehaviour, after a bounded number of requests.
#[tokio::test]
async fn endless_pages_end_with_an_error_naming_the_server() {
    let mock = StudioMock::start().await;
    mock.serve_endless_pages(true);
    let api = client(&mock).with_max_rows(2_500);
    let err = api
        .list_all_webhooks(&ListQuery::default(), None)
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("kept announcing more pages"),
        "{err}"
    );
    assert_eq!(
        mock.request_count(),
        3,
        "1,000 rows a page: stopped once past 2,500"
    );
    let err = api
        .list_all_logs("any", &ListQuery::default(), None)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("3000 rows in 3 pages"), "{err}");
}

/// Pages that bring nothing new (the same rows under new cursors) end the listing.
#[tokio::test]
async fn a_page_of_rows_already_seen_ends_the_listing() {
    let mock = StudioMock::start().await;
    mock.serve_repeating_pages(true);
    let all = client(&mock)
        .list_all_webhooks(&ListQuery::default(), None)
        .await
        .unwrap();
    assert_eq!(all.len(), 1_000);
    assert_eq!(mock.request_count(), 2, "the second page brought no new id");
}

/// `X-Total-Count`, when the server sends it, bounds the listing.
#[tokio::test]
async fn x_total_count_bounds_the_listing() {
    let mock = StudioMock::start().await;
    let query = ListQuery {
        count: true,
        ..ListQuery::default()
    };
    mock.seed_webhooks(2_000);
    let all = client(&mock)
        .with_max_rows(1_000_000)
        .list_all_webhooks(&query, None)
        .await
        .unwrap();
    assert_eq!(all.len(), 2_000);
    assert_eq!(
        mock.request_count(),
        2,
        "stopped at the total, not on an empty third page"
    );
}
