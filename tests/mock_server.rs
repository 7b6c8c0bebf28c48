//! The test server itself behaves like Studio (studio-api.md): raw HTTP against `studio-mock`,
//! so the other suites can trust what it answers.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{Value, json};
use studio_mock::{OTHER_USER_ID, StudioMock};

fn http() -> reqwest::Client {
    reqwest::Client::builder()
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
