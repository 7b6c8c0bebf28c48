//! The README tour's starting state: the webhooks and delivery logs its examples name by id
//! (`lpwh get b3fe`, `lpwh logs b3fe 82ff`, `lpwh delete 1c6f 9e64`), so the tour can be run,
//! checked and regenerated against the mock (`studio-mock --tour`, or
//! [`crate::StudioMock::seed_tour`]). Ids are fixed; times are relative to now.

use serde_json::json;

use crate::store::{Store, now_ms};

/// The tour's production webhook, with delivery logs.
pub const PROD_STREAMS: &str = "b3fe47d9-c101-49f3-93bb-bb1af5e7f45a";
/// Its secret, which the tour's `sign`, `trigger` and `listen` examples use too.
pub const TOUR_SECRET: &str = "test-secret-123";
/// The stream `prod-streams` is limited to.
pub const TOUR_STREAM: &str = "e0f1ed4f-7a2b-4c3d-9e8f-0a1b2c3d4e5f";

const DAY_MS: i64 = 24 * 3600 * 1000;

/// Where prod-streams pointed when its second logged delivery went out (for the tour's
/// "what resend sends").
const OLD_URL: &str = "https://old.example.com/hooks";

/// The secret prod-streams had when its second logged delivery went out (rotated since).
const OLD_SECRET: &str = "tour-old-secret-rotated-since";

/// prod-streams' logs, oldest first, one second apart up to a second ago:
/// (id, event, receiver status, duration in ms). The second went to [`OLD_URL`], signed with
/// [`OLD_SECRET`].
const LOGS: [(&str, &str, u16, u32); 6] = [
    (
        "8fb8d73b-c2b1-4a32-88b9-4687be9d3e05",
        "stream.started",
        200,
        50,
    ),
    (
        "908a4b48-56c9-454e-b670-9d82d01cd84a",
        "recording.ready",
        500,
        60,
    ),
    (
        "fd087d39-16a7-4fb6-8e61-62b57fb430da",
        "stream.idle",
        200,
        70,
    ),
    (
        "e74b58c2-e6a1-459a-a5f8-9e28de439b7a",
        "stream.started",
        500,
        80,
    ),
    (
        "5e513b39-89ae-4b96-809c-911cc09bb33c",
        "recording.ready",
        200,
        90,
    ),
    (
        "82ff8895-f50b-4901-bd9f-69942d19a203",
        "stream.idle",
        500,
        100,
    ),
];

pub(crate) fn seed(store: &mut Store) {
    let now = now_ms();
    let old = now - 90 * DAY_MS;
    store.insert_webhook(json!({
        "id": "9e6464fa-f3ca-43d1-9cb5-df555d43b0c7",
        "name": "webhook-00000",
        "url": "https://hooks.example.com/livepeer/0",
        "events": ["stream.started"],
        "sharedSecret": "seeded-secret-00000-5b8e1f",
        "createdAt": old,
        "status": {"lastTriggeredAt": now - 60 * DAY_MS},
    }));
    store.insert_webhook(json!({
        "id": "d85a426b-d6a0-4ccc-8bf5-56a91f107fc5",
        "name": "webhook-00001",
        "url": "https://hooks.example.com/livepeer/1",
        "events": ["stream.detection", "multistream.disconnected"],
        "createdAt": old + 60_000,
    }));
    store.insert_webhook(json!({
        "id": "1c6f93a0-255b-472c-833b-1db7bbfcec85",
        "name": "webhook-00002",
        "url": "https://hooks.example.com/livepeer/2",
        "events": ["stream.idle", "playback.user.new", "task.spawned"],
        "sharedSecret": "seeded-secret-00002-5b8e1f",
        "createdAt": old + 120_000,
    }));
    store
        .streams
        .insert(TOUR_STREAM.to_owned(), "my-stream".to_owned());
    let newest = now - 1000;
    let (_, _, failed_status, _) = LOGS[5];
    store.insert_webhook(json!({
        "id": PROD_STREAMS,
        "name": "prod-streams",
        "url": "https://api.example.com/webhooks/livepeer",
        "events": ["stream.started", "stream.idle", "recording.ready"],
        "sharedSecret": TOUR_SECRET,
        "streamId": TOUR_STREAM,
        "createdAt": now - 7 * DAY_MS,
        "status": {
            "lastTriggeredAt": newest,
            "lastFailure": {
                "timestamp": newest,
                "error": "Internal Server Error",
                // Base64, as Studio keeps a response.
                "response": "dXBzdHJlYW0gZXhwbG9kZWQ6IGRhdGFiYXNlIHVuYXZhaWxhYmxl",
                "statusCode": failed_status,
            },
        },
    }));
    for (i, (id, event, status, duration_ms)) in LOGS.into_iter().enumerate() {
        let mut log = json!({
            "id": id,
            "event": event,
            "createdAt": newest - (LOGS.len() - 1 - i) as i64 * 1000,
            "success": status == 200,
            "duration": f64::from(duration_ms) / 1000.0,
        });
        if i == 1 {
            log["sharedSecret"] = json!(OLD_SECRET);
        }
        store.insert_log(PROD_STREAMS, log);
    }
    store.set_log_request_url(LOGS[1].0, OLD_URL);
}
