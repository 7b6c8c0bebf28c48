//! The test server itself behaves like Studio (studio-api.md): raw HTTP against `studio-mock`,
//! so the other suites can trust what it answers.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{Value, json};
use studio_mock::{OTHER_USER_ID, StudioMock};

fn http() -> reqwest::Client {
    lpwh::http_client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

async fn get(mock: &StudioMock, path_and_query: &str) -> reqwest::Response {
    http()
        .get(format!("{}{path_and_query}", mock.url()))
        .bearer_auth(mock.api_key())
        .send()
        .await
        .unwrap()
}

async fn send_json(
    mock: &StudioMock,
    method: reqwest::Method,
    path: &str,
    body: Value,
) -> reqwest::Response {
    http()
        .request(method, format!("{}{path}", mock.url()))
        .bearer_auth(mock.api_key())
        .json(&body)
        .send()
        .await
        .unwrap()
}

fn first_error(body: &Value) -> String {
    body["errors"][0].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn auth_errors_use_studios_three_texts() {
    let mock = StudioMock::start().await;
    let url = format!("{}/webhook", mock.url());
    let none: Value = http().get(&url).send().await.unwrap().json().await.unwrap();
    assert_eq!(first_error(&none), "request is not authenticated");
    let token = http()
        .get(&url)
        .header("authorization", "Token abc")
        .send()
        .await
        .unwrap();
    assert_eq!(token.status(), StatusCode::UNAUTHORIZED);
    let token: Value = token.json().await.unwrap();
    assert_eq!(
        first_error(&token),
        "unsupported authorization header scheme: Token"
    );
    let wrong: Value = http()
        .get(&url)
        .bearer_auth("nope-key")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(first_error(&wrong), "no token nope-key found");
}

#[tokio::test]
async fn pages_carry_a_next_link_even_on_the_last_page() {
    let mock = StudioMock::start().await;
    mock.seed_webhooks(5);
    let mut ids = Vec::new();
    let mut next = format!("{}/webhook?limit=2", mock.url());
    let mut links = Vec::new();
    for _ in 0..10 {
        let resp = http()
            .get(&next)
            .bearer_auth(mock.api_key())
            .send()
            .await
            .unwrap();
        let link = resp
            .headers()
            .get("link")
            .map(|v| v.to_str().unwrap().to_owned());
        let page: Vec<Value> = resp.json().await.unwrap();
        ids.extend(page.iter().map(|w| w["id"].as_str().unwrap().to_owned()));
        let Some(link) = link else { break };
        links.push(link.clone());
        next = link
            .trim_start_matches('<')
            .split_once(">;")
            .unwrap()
            .0
            .to_owned();
    }
    let base = mock.url();
    assert_eq!(
        links,
        vec![
            format!("<{base}/webhook?limit=2&cursor=skip2>; rel=\"next\""),
            format!("<{base}/webhook?limit=2&cursor=skip4>; rel=\"next\""),
            format!("<{base}/webhook?limit=2&cursor=undefined>; rel=\"next\""),
        ]
    );
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted, "rows come sorted by id");
    let expected: Vec<String> = mock
        .webhooks()
        .iter()
        .map(|w| w["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids, expected);
}

#[tokio::test]
async fn limit_defaults_caps_and_counts() {
    let mock = StudioMock::start().await;
    mock.seed_webhooks(1005);
    let page: Vec<Value> = get(&mock, "/webhook").await.json().await.unwrap();
    assert_eq!(page.len(), 20);
    let page: Vec<Value> = get(&mock, "/webhook?limit=0").await.json().await.unwrap();
    assert_eq!(page.len(), 20);
    let resp = get(&mock, "/webhook?limit=5000&count=1").await;
    assert_eq!(resp.headers()["x-total-count"], "1005");
    let page: Vec<Value> = resp.json().await.unwrap();
    assert_eq!(page.len(), 1000);
}

#[tokio::test]
async fn filters_and_order_follow_studio() {
    let mock = StudioMock::start().await;
    mock.insert_webhook(json!({"name": "Alpha Stream Hook", "createdAt": 3}));
    mock.insert_webhook(json!({"name": "beta", "createdAt": 1}));
    mock.insert_webhook(json!({"name": "STREAMS only", "createdAt": 2}));
    let filters = serde_json::to_string(&json!([{"id": "name", "value": "stream"}])).unwrap();
    let q: String = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("filters", &filters)
        .append_pair("order", "createdAt-true")
        .finish();
    let page: Vec<Value> = get(&mock, &format!("/webhook?{q}"))
        .await
        .json()
        .await
        .unwrap();
    let names: Vec<&str> = page.iter().map(|w| w["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Alpha Stream Hook", "STREAMS only"]);

    let bad = serde_json::to_string(&json!([{"id": "nope", "value": 1}])).unwrap();
    let q: String = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("filters", &bad)
        .finish();
    let resp = get(&mock, &format!("/webhook?{q}")).await;
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(
        first_error(&body),
        "error parsing filters: Error: unknown field: \"nope\""
    );
}

#[tokio::test]
async fn create_validates_like_ajv_and_answers_201() {
    let mock = StudioMock::start().await;
    let post = |body: Value| send_json(&mock, reqwest::Method::POST, "/webhook", body);
    let resp = post(json!({"url": "https://x.example"})).await;
    assert_eq!(resp.status().as_u16(), 422);
    let inner: Value = serde_json::from_str(&first_error(&resp.json().await.unwrap())).unwrap();
    assert_eq!(inner["params"]["missingProperty"], "name");

    let resp = post(json!({"name": "a", "url": "ftp://x", "events": []})).await;
    let inner: Value = serde_json::from_str(&first_error(&resp.json().await.unwrap())).unwrap();
    assert_eq!(inner["instancePath"], "/url");
    assert_eq!(inner["message"], "must match pattern \"^http(s)?://\"");

    let resp =
        post(json!({"name": "a", "url": "https://x.example", "events": [], "colour": 1})).await;
    let inner: Value = serde_json::from_str(&first_error(&resp.json().await.unwrap())).unwrap();
    assert_eq!(inner["keyword"], "additionalProperties");

    let resp = post(json!({"name": "a", "url": "https://x.example"})).await;
    assert_eq!(
        first_error(&resp.json().await.unwrap()),
        "must provide \"events\" field with subscriptions"
    );

    let resp = post(json!({"name": "a", "url": "https://x.example", "events": ["asset.ready"], "sharedSecret": "s3cr3t-value"})).await;
    assert_eq!(resp.status(), StatusCode::CREATED);
    let created: Value = resp.json().await.unwrap();
    assert_eq!(created["sharedSecret"], "s3cr3t-value");
    assert_eq!(
        mock.webhook(created["id"].as_str().unwrap()).unwrap(),
        created
    );

    let malformed = http()
        .post(format!("{}/webhook", mock.url()))
        .bearer_auth(mock.api_key())
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(malformed.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn patch_put_and_delete_quirks() {
    let mock = StudioMock::start().await;
    let id = mock
        .insert_webhook(json!({"name": "n", "sharedSecret": "keep-me-please", "streamId": "s1"}));
    let path = format!("/webhook/{id}");

    let resp = send_json(
        &mock,
        reqwest::Method::PATCH,
        &path,
        json!({"name": "renamed"}),
    )
    .await;
    assert_eq!(resp.status(), StatusCode::NO_CONTENT);
    let stored = mock.webhook(&id).unwrap();
    assert_eq!(stored["name"], "renamed");
    assert_eq!(stored["sharedSecret"], "keep-me-please");
    assert_eq!(stored["streamId"], "s1");

    // Studio's PATCH schema has no null: 422 (ajv's "must be string"), nothing changed.
    for field in ["streamId", "sharedSecret"] {
        let resp = send_json(&mock, reqwest::Method::PATCH, &path, json!({ field: null })).await;
        assert_eq!(resp.status().as_u16(), 422, "{field}");
        let error = first_error(&resp.json().await.unwrap());
        assert!(error.contains("must be string"), "{error}");
        assert!(error.contains(&format!("/{field}")), "{error}");
    }
    assert_eq!(mock.webhook(&id).unwrap(), stored);

    let resp = send_json(
        &mock,
        reqwest::Method::PATCH,
        &path,
        json!({"streamId": "unknown"}),
    )
    .await;
    assert_eq!(resp.status(), StatusCode::NOT_FOUND);
    assert_eq!(first_error(&resp.json().await.unwrap()), "stream not found");
    let resp = send_json(&mock, reqwest::Method::PATCH, &path, json!({"kind": "x"})).await;
    assert_eq!(resp.status().as_u16(), 422);

    // PUT ignores the path id and drops a sharedSecret left out.
    let body = json!({"name": "put", "url": "https://y.example", "events": []});
    let resp = send_json(&mock, reqwest::Method::PUT, &path, body.clone()).await;
    assert_eq!(resp.status(), StatusCode::NOT_FOUND);
    let mut with_id = body;
    with_id["id"] = json!(id);
    let resp = send_json(&mock, reqwest::Method::PUT, "/webhook/whatever", with_id).await;
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(resp.json::<Value>().await.unwrap(), json!({"id": id}));
    assert!(mock.webhook(&id).unwrap().get("sharedSecret").is_none());

    let del = || async {
        http()
            .delete(format!("{}{path}", mock.url()))
            .bearer_auth(mock.api_key())
            .send()
            .await
            .unwrap()
    };
    assert_eq!(del().await.status(), StatusCode::NO_CONTENT);
    assert_eq!(del().await.status(), StatusCode::NOT_FOUND);
    assert_eq!(get(&mock, &path).await.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn bulk_delete_answers() {
    let mock = StudioMock::start().await;
    let ids = mock.seed_webhooks(3);
    let other = mock.insert_webhook(json!({"userId": OTHER_USER_ID}));
    let bulk = |body: Value| send_json(&mock, reqwest::Method::DELETE, "/webhook", body);
    assert_eq!(
        first_error(&bulk(json!({})).await.json().await.unwrap()),
        "missing ids"
    );
    assert_eq!(bulk(json!({"ids": ["nope"]})).await.status().as_u16(), 500);
    assert_eq!(
        bulk(json!({"ids": [ids[0], other]}))
            .await
            .status()
            .as_u16(),
        404
    );
    assert!(!mock.is_deleted(&ids[0]));
    assert_eq!(
        bulk(json!({"ids": [ids[0], ids[1], "nope"]}))
            .await
            .status()
            .as_u16(),
        204
    );
    assert!(mock.is_deleted(&ids[0]) && mock.is_deleted(&ids[1]) && !mock.is_deleted(&ids[2]));
}

#[tokio::test]
async fn logs_newest_first_with_lookup_errors_and_resend() {
    let mock = StudioMock::start().await;
    let id = mock.insert_webhook(json!({}));
    let other = mock.insert_webhook(json!({}));
    let logs = mock.seed_logs(&id, 3);
    let foreign_log = mock.seed_logs(&other, 1).remove(0);

    let page: Vec<Value> = get(&mock, &format!("/webhook/{id}/log"))
        .await
        .json()
        .await
        .unwrap();
    let got: Vec<&str> = page.iter().map(|l| l["id"].as_str().unwrap()).collect();
    assert_eq!(got, [logs[2].as_str(), &logs[1], &logs[0]]);
    let unknown: Vec<Value> = get(&mock, "/webhook/unknown/log")
        .await
        .json()
        .await
        .unwrap();
    assert!(unknown.is_empty());

    let resp = get(&mock, &format!("/webhook/{id}/log/{foreign_log}")).await;
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        first_error(&resp.json().await.unwrap()),
        "mismatch between webhook and webhook log"
    );
    let resp = get(&mock, &format!("/webhook/{id}/log/nope")).await;
    assert_eq!(
        first_error(&resp.json().await.unwrap()),
        "webhook log not found"
    );
    let resp = get(&mock, &format!("/webhook/nope/log/{}", logs[0])).await;
    assert_eq!(
        first_error(&resp.json().await.unwrap()),
        "webhook not found"
    );

    let resp = send_json(
        &mock,
        reqwest::Method::POST,
        &format!("/webhook/{id}/log/{}/resend", logs[0]),
        json!({}),
    )
    .await;
    assert_eq!(resp.status(), StatusCode::OK);
    let new_log: Value = resp.json().await.unwrap();
    assert!(!logs.contains(&new_log["id"].as_str().unwrap().to_owned()));
    assert_eq!(
        mock.logs(&id)[0]["id"],
        new_log["id"],
        "the resent log is the newest"
    );
}

#[tokio::test]
async fn faults_come_before_auth_and_are_recorded() {
    let mock = StudioMock::start().await;
    mock.fail_next(1, 502);
    mock.rate_limit_next(1, 7);
    let first = http()
        .get(format!("{}/webhook", mock.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(first.status().as_u16(), 502);
    assert!(first.text().await.unwrap().contains("<html>"));
    let second = get(&mock, "/webhook").await;
    assert_eq!(second.status().as_u16(), 429);
    assert_eq!(second.headers()["retry-after"], "7");
    assert_eq!(get(&mock, "/webhook").await.status(), StatusCode::OK);
    mock.close_next(1);
    assert!(
        http()
            .get(format!("{}/webhook", mock.url()))
            .send()
            .await
            .is_err()
    );
    let reqs = mock.requests();
    assert_eq!(reqs.len(), 4);
    assert_eq!(
        reqs[1].header("authorization"),
        Some(format!("Bearer {}", mock.api_key()).as_str())
    );
    assert_eq!(reqs[0].line(), "GET /api/webhook");
}

#[test]
fn the_blocking_variant_serves_plain_tests() {
    let mock = StudioMock::start_blocking();
    mock.seed_webhooks(2);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let page: Vec<Value> =
        rt.block_on(async { get(&mock, "/webhook").await.json().await.unwrap() });
    assert_eq!(page.len(), 2);
    drop(mock);
}

#[tokio::test]
async fn a_seeded_mock_has_logs_for_each_webhook() {
    let mock = StudioMock::start_with(studio_mock::MockConfig {
        webhooks: 2,
        logs: 3,
        ..Default::default()
    })
    .await;
    let hooks: Vec<Value> = get(&mock, "/webhook").await.json().await.unwrap();
    assert_eq!(hooks.len(), 2);
    for hook in hooks {
        let id = hook["id"].as_str().unwrap();
        let logs: Vec<Value> = get(&mock, &format!("/webhook/{id}/log"))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(logs.len(), 3, "{id}");
        assert!(logs.iter().all(|l| l["webhookId"] == id));
    }
}

// ---- what the running Studio server showed (studio-api.md) ---------------------------------

use crate::support::receiver;

use hmac::{KeyInit, Mac};
use receiver::Receiver;

/// `filters` as a client must send it: the JSON percent-encoded once, then once more as a query
/// value, because Studio decodes it twice.
fn filters_query(filters: &Value) -> String {
    let json = filters.to_string();
    let once: String = url::form_urlencoded::byte_serialize(json.as_bytes())
        .collect::<String>()
        .replace('+', "%20");
    url::form_urlencoded::Serializer::new(String::new())
        .append_pair("filters", &once)
        .finish()
}

async fn names(mock: &StudioMock, query: &str) -> Vec<String> {
    let page: Vec<Value> = get(mock, &format!("/webhook?{query}"))
        .await
        .json()
        .await
        .unwrap();
    page.iter()
        .map(|w| w["name"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn filters_are_decoded_twice_and_names_match_with_ilike() {
    let mock = StudioMock::start().await;
    for name in ["50%_off", "50XYoff", "a\\b", "ab", "Sale 50%_OFF today"] {
        mock.insert_webhook(json!({ "name": name }));
    }
    // `%` and `_` are SQL wildcards unless escaped with `\`.
    let wild = filters_query(&json!([{"id": "name", "value": "50%_off"}]));
    assert_eq!(
        names(&mock, &wild).await,
        names(
            &mock,
            &filters_query(&json!([{"id": "name", "value": "50"}]))
        )
        .await
    );
    assert_eq!(names(&mock, &wild).await.len(), 3);
    let literal = filters_query(&json!([{"id": "name", "value": "50\\%\\_off"}]));
    let mut got = names(&mock, &literal).await;
    got.sort();
    assert_eq!(got, ["50%_off", "Sale 50%_OFF today"]);
    let backslash = filters_query(&json!([{"id": "name", "value": "a\\\\b"}]));
    assert_eq!(names(&mock, &backslash).await, ["a\\b"]);

    // Encoded only once, a `%` reaches the second decode bare: 400 URI malformed.
    let once = url::form_urlencoded::Serializer::new(String::new())
        .append_pair(
            "filters",
            &json!([{"id": "name", "value": "%"}]).to_string(),
        )
        .finish();
    let resp = get(&mock, &format!("/webhook?{once}")).await;
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        first_error(&resp.json().await.unwrap()),
        "error parsing filters: URIError: URI malformed"
    );
}

#[tokio::test]
async fn url_filters_match_exactly_and_created_at_takes_ranges() {
    let mock = StudioMock::start().await;
    mock.insert_webhook(json!({"name": "one", "url": "https://a.example/hook", "createdAt": 10}));
    mock.insert_webhook(json!({"name": "two", "url": "https://a.example/hook/2", "createdAt": 20}));
    let exact = filters_query(&json!([{"id": "url", "value": "https://a.example/hook"}]));
    assert_eq!(names(&mock, &exact).await, ["one"]);
    let part = filters_query(&json!([{"id": "url", "value": "a.example"}]));
    assert!(names(&mock, &part).await.is_empty());
    let since = filters_query(&json!([{"id": "createdAt", "value": {"gte": 15}}]));
    assert_eq!(names(&mock, &since).await, ["two"]);
}

#[tokio::test]
async fn patch_keeps_status_and_put_drops_it() {
    let mock = StudioMock::start().await;
    let status = json!({"lastTriggeredAt": 5, "lastFailure": {"statusCode": 500}});
    let id = mock.insert_webhook(json!({
        "name": "n", "url": "https://x.example", "sharedSecret": "s3cret-value", "status": status
    }));
    let path = format!("/webhook/{id}");
    let resp = send_json(
        &mock,
        reqwest::Method::PATCH,
        &path,
        json!({"sharedSecret": ""}),
    )
    .await;
    assert_eq!(resp.status(), StatusCode::NO_CONTENT);
    let stored = mock.webhook(&id).unwrap();
    assert_eq!(
        stored["sharedSecret"], "",
        "an empty secret is a plain string to Studio"
    );
    assert_eq!(stored["status"], status);
    let body = json!({"id": id, "name": "n", "url": "https://x.example", "events": []});
    let resp = send_json(&mock, reqwest::Method::PUT, &path, body).await;
    assert_eq!(resp.status(), StatusCode::OK);
    assert!(mock.webhook(&id).unwrap().get("status").is_none());
}

#[tokio::test]
async fn log_filters_and_paging_follow_studio() {
    let mock = StudioMock::start().await;
    let id = mock.insert_webhook(json!({}));
    mock.insert_log(
        &id,
        json!({"createdAt": 100, "request": {"url": "https://x", "method": "POST", "headers": {},
               "body": "{\"stream\":{\"id\":\"Stream-ABC\"}}"}}),
    );
    mock.insert_log(&id, json!({"createdAt": 200, "success": false}));
    mock.insert_log(&id, json!({"createdAt": 300}));
    let logs = |query: String| {
        let mock = &mock;
        let id = id.clone();
        async move {
            let page: Vec<Value> = get(mock, &format!("/webhook/{id}/log?{query}"))
                .await
                .json()
                .await
                .unwrap();
            page.iter()
                .map(|l| l["createdAt"].as_i64().unwrap())
                .collect::<Vec<_>>()
        }
    };
    let resource = filters_query(&json!([{"id": "resourceId", "value": "stream-abc"}]));
    assert_eq!(logs(resource).await, [100]);
    let status = filters_query(&json!([{"id": "statusCode", "value": 500}]));
    assert_eq!(logs(status).await, [200]);
    let since = filters_query(&json!([{"id": "createdAt", "value": {"gte": 200}}]));
    assert_eq!(logs(since).await, [300, 200]);
    let first = get(&mock, &format!("/webhook/{id}/log?limit=2")).await;
    let link = first.headers()["link"].to_str().unwrap().to_owned();
    assert!(link.contains("cursor=skip2"), "{link}");
    assert_eq!(logs("limit=2&cursor=skip2".into()).await, [100]);
}

#[tokio::test]
async fn admin_keys_see_deleted_webhooks_and_bulk_delete_answers_404_only_when_none_exist() {
    let mock = StudioMock::start().await;
    let id = mock.seed_webhooks(1).remove(0);
    mock.set_admin(true);
    let del = send_json(
        &mock,
        reqwest::Method::DELETE,
        "/webhook",
        json!({"ids": [id, "nope"]}),
    )
    .await;
    assert_eq!(del.status(), StatusCode::NO_CONTENT);
    assert!(mock.is_deleted(&id));
    let resp = get(&mock, &format!("/webhook/{id}")).await;
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(resp.json::<Value>().await.unwrap()["deleted"], true);
    // None of the ids exist: 404, as Studio answers.
    let none = send_json(
        &mock,
        reqwest::Method::DELETE,
        "/webhook",
        json!({"ids": ["nope-1", "nope-2"]}),
    )
    .await;
    assert_eq!(none.status(), StatusCode::NOT_FOUND);
    // Who the key is: an admin, by its user id.
    let me = get(&mock, "/user/me").await.json::<Value>().await.unwrap();
    assert_eq!(me["admin"], true);
    assert_eq!(me["id"], mock.user_id());
    mock.set_admin(false);
    assert_eq!(
        get(&mock, &format!("/webhook/{id}")).await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn streams_are_found_by_id_or_answer_404() {
    let mock = StudioMock::start().await;
    mock.add_stream("e0f1ed4f-aaaa");
    let found = get(&mock, "/stream/e0f1ed4f-aaaa").await;
    assert_eq!(found.status(), StatusCode::OK);
    assert_eq!(found.json::<Value>().await.unwrap()["id"], "e0f1ed4f-aaaa");
    let missing = get(&mock, "/stream/nope").await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_eq!(first_error(&missing.json().await.unwrap()), "not found");
}

/// Studio's resend re-signs with the secret stored in the log and POSTs to the logged URL, not
/// to the webhook's current URL with its current secret.
#[test]
fn resend_posts_to_the_logged_url_signed_with_the_logged_secret() {
    let old = Receiver::start(200, r#"{"ok":true}"#);
    let new = Receiver::start(200, "{}");
    let mock = StudioMock::start_blocking();
    let id = mock.insert_webhook(json!({"url": old.url, "sharedSecret": "old-secret"}));
    let log = mock.seed_logs(&id, 1).remove(0);
    let logged = mock.logs(&id)[0].clone();
    assert_eq!(logged["sharedSecret"], "old-secret");
    // The user moves the webhook and rotates its secret.
    let rt = tokio::runtime::Runtime::new().unwrap();
    let path = format!("/webhook/{id}");
    let moved = json!({"url": new.url, "sharedSecret": "new-secret"});
    rt.block_on(send_json(&mock, reqwest::Method::PATCH, &path, moved));

    let resp = rt.block_on(send_json(
        &mock,
        reqwest::Method::POST,
        &format!("/webhook/{id}/log/{log}/resend"),
        json!({}),
    ));
    assert_eq!(resp.status(), StatusCode::OK);
    let new_log: Value = rt.block_on(resp.json()).unwrap();
    assert!(new.take().is_empty(), "nothing goes to the current URL");
    let got = old.take();
    assert_eq!(got.len(), 1);
    let body = got[0].json();
    let t = got[0].header("livepeer-signature").unwrap().to_owned();
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(b"old-secret").unwrap();
    mac.update(&got[0].body);
    let expected = format!(
        "t={},v1={}",
        body["timestamp"],
        hex::encode(mac.finalize().into_bytes())
    );
    assert_eq!(
        t, expected,
        "signed with the logged secret over the re-stamped body"
    );
    assert_eq!(new_log["response"]["status"], 200);
    assert_eq!(new_log["success"], true);
    assert_eq!(
        new_log["request"]["url"], new.url,
        "the new row shows the current URL"
    );
}
