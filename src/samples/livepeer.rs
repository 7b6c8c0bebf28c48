//! Livepeer Studio sample bodies (payloads.md part A): the cannon envelope and the stream,
//! session, asset and task objects inside it, plus the two bodies that never went through
//! the cannon (`playback.accessControl`, historical `playback.user.new`).

use serde_json::{Map, Value, json};

use super::world::World;

const VOD_CDN: &str = "https://vod-cdn.example.invalid";
const DOWNLOAD_CDN: &str = "https://livepeercdn.example.invalid";
const PLAY_DOMAIN: &str = "playback-node.example.invalid";
const ASSET_NAME: &str = "keynote-2025.mp4";
const ASSET_SOURCE_URL: &str = "https://media.example.com/uploads/keynote-2025.mp4";

/// The body of a Livepeer `event` (a name from the catalog).
pub(super) fn body(event: &str, w: &World, legacy_asset: bool) -> Value {
    match event {
        "playback.accessControl" => return access_control(w),
        "playback.user.new" => return user_new(w),
        _ => {}
    }
    let (created_at, stream, payload) = match event {
        "stream.started" => (w.ago(334), Some(stream(w, StreamState::Started)), None),
        "stream.idle" => (w.ago(281), Some(stream(w, StreamState::Idle)), None),
        "stream.detection" => (
            w.ago(190),
            Some(stream(w, StreamState::Live)),
            Some(json!({
                "seqNo": 57,
                "sceneClassification": [
                    { "name": "soccer", "probability": 0.91 },
                    { "name": "adult", "probability": 0.02 },
                ],
            })),
        ),
        "recording.started" => (
            w.ago(212),
            Some(stream(w, StreamState::Started)),
            Some(json!({ "session": session(w, SessionState::Started) })),
        ),
        // Queued 60 s + 10 s after the stream went idle; createdAt is the idle time.
        "recording.waiting" => (
            w.ago(73_480),
            Some(stream(w, StreamState::Idle)),
            Some(json!({ "session": session(w, SessionState::Waiting) })),
        ),
        "recording.ready" => (
            w.ago(130),
            Some(stream(w, StreamState::Idle)),
            Some(json!({
                "recordingUrl": recording_url(w),
                "mp4Url": mp4_url(w),
                "session": session(w, SessionState::Ready),
            })),
        ),
        "multistream.connected" | "multistream.error" | "multistream.disconnected" => (
            w.ago(308),
            Some(stream(w, StreamState::Live)),
            Some(json!({
                "target": { "id": w.target_id, "name": "YouTube main channel", "profile": "720p0" },
            })),
        ),
        // The asset's own createdAt: the hook is sent right after the asset is stored.
        "asset.created" => (
            w.ago(ASSET_AGE),
            None,
            Some(asset_payload(w, AssetState::Created, false)),
        ),
        "asset.updated" => (
            w.ago(124),
            None,
            Some(asset_payload(w, AssetState::Processing, false)),
        ),
        "asset.ready" => (
            w.ago(124),
            None,
            Some(asset_payload(w, AssetState::Ready, legacy_asset)),
        ),
        "asset.failed" => (
            w.ago(124),
            None,
            Some(asset_payload(w, AssetState::Failed, legacy_asset)),
        ),
        "asset.deleted" => (
            w.ago(118),
            None,
            Some(asset_payload(w, AssetState::Deleted, false)),
        ),
        "task.spawned" | "task.updated" | "task.completed" | "task.failed" => {
            let state = match event {
                "task.spawned" => TaskState::Spawned,
                "task.updated" => TaskState::Running,
                "task.completed" => TaskState::Completed,
                _ => TaskState::Failed,
            };
            let (snapshot, created_at) = task_snapshot(w, state);
            let task = json!({ "id": w.task_id, "type": "upload", "snapshot": snapshot });
            let payload = match state {
                TaskState::Completed => json!({ "success": true, "task": task }),
                TaskState::Failed => json!({ "success": false, "task": task }),
                _ => json!({ "task": task }),
            };
            (created_at, None, Some(payload))
        }
        other => unreachable!("{other} is in the Livepeer catalog but has no sample"),
    };
    envelope(w, event, created_at, stream, payload)
}

/// The cannon envelope: `id, webhookId, createdAt, timestamp, event, stream?, payload?`.
fn envelope(
    w: &World,
    event: &str,
    created_at: i64,
    stream: Option<Value>,
    payload: Option<Value>,
) -> Value {
    let mut body = Map::new();
    body.insert("id".into(), json!(w.event_id));
    body.insert("webhookId".into(), json!(w.webhook_id));
    body.insert("createdAt".into(), json!(created_at));
    body.insert("timestamp".into(), json!(w.ts));
    body.insert("event".into(), json!(event));
    if let Some(stream) = stream {
        body.insert("stream".into(), stream);
    }
    if let Some(payload) = payload {
        body.insert("payload".into(), payload);
    }
    Value::Object(body)
}

#[derive(Clone, Copy, PartialEq)]
enum StreamState {
    /// Just went active: fresh lastSeen, counters still zero.
    Started,
    /// Live for a while (detection, multistream).
    Live,
    /// The broadcast ended.
    Idle,
}

/// Session length used for the idle/recording stats: about an hour.
const SESSION_MS: i64 = 3_591_200;

/// The parent stream as cannon embeds it (A5.1): the default keys first, then stored fields.
fn stream(w: &World, state: StreamState) -> Value {
    let (active, last_seen, src_segs, src_dur, src_bytes) = match state {
        StreamState::Started => (true, w.ago(356), 0, 0.0, 0),
        StreamState::Live => (true, w.ago(1_870), 312, 623.8, 233_046_016_i64),
        StreamState::Idle => (false, w.ago(75_900), 1796, 3591.2, 1_342_177_280_i64),
    };
    let mut s = json!({
        "lastSeen": last_seen,
        "isActive": active,
        "record": true,
        "suspended": false,
        "sourceSegments": src_segs,
        "transcodedSegments": src_segs * 2,
        "sourceSegmentsDuration": src_dur,
        "transcodedSegmentsDuration": src_dur * 2.0,
        "sourceBytes": src_bytes,
        "transcodedBytes": src_bytes * 7 / 5,
        "lastTerminatedAt": null,
        "name": "main-stage",
        "kind": "stream",
        "profiles": profiles(),
        "userId": w.user_id,
        "renditions": {},
        "id": w.stream_id,
        "projectId": w.project_id,
        "createdAt": w.ago(42_400_457),
        "createdByTokenName": "backend-server",
        "playbackId": w.stream_playback_id,
        "multistream": { "targets": [ { "id": w.target_id, "profile": "720p0" } ] },
        "isHealthy": true,
        "issues": [],
        "region": "fra",
        "ingestRate": if active { 3_052_210.5 } else { 0.0 },
        "outgoingRate": if active { 4_212_480.0 } else { 0.0 },
    });
    if state == StreamState::Idle {
        // Set when the media server reported the broadcast over.
        s["lastTerminatedAt"] = json!(w.ago(75_850));
    }
    s
}

fn profiles() -> Value {
    json!([
        { "name": "360p0", "fps": 0, "bitrate": 800_000, "width": 640, "height": 360 },
        { "name": "720p0", "fps": 0, "bitrate": 3_000_000, "width": 1280, "height": 720 },
    ])
}

#[derive(Clone, Copy, PartialEq)]
enum SessionState {
    Started,
    Waiting,
    Ready,
}

fn recording_url(w: &World) -> String {
    format!("{VOD_CDN}/hls/{}/index.m3u8", w.asset_playback_id)
}

fn mp4_url(w: &World) -> String {
    format!("{VOD_CDN}/hls/{}/static720p0.mp4", w.asset_playback_id)
}

/// A recording session (A5.4).
fn session(w: &World, state: SessionState) -> Value {
    let started = state == SessionState::Started;
    let created_at = if started {
        w.ago(1_250)
    } else {
        w.ago(SESSION_MS + 80_000)
    };
    let (segs, dur, bytes) = if started {
        (0, 0.0, 0_i64)
    } else {
        (1796, 3591.2, 1_342_177_280_i64)
    };
    let mut s = json!({
        "id": w.session_id,
        "parentId": w.stream_id,
        "playbackId": w.stream_playback_id,
        "userId": w.user_id,
        "projectId": w.project_id,
        "kind": "session",
        "name": format!("video+{}", w.stream_playback_id),
        "createdAt": created_at,
        "lastSeen": if started { 0 } else { w.ago(75_900) },
        "sourceSegments": segs,
        "transcodedSegments": segs * 2,
        "sourceSegmentsDuration": dur,
        "transcodedSegmentsDuration": dur * 2.0,
        "sourceBytes": bytes,
        "transcodedBytes": bytes * 7 / 5,
        "ingestRate": 0,
        "outgoingRate": 0,
        "profiles": profiles(),
        "record": true,
        "recordingStatus": if started { "waiting" } else { "ready" },
    });
    if state == SessionState::Ready {
        s["recordingUrl"] = json!(recording_url(w));
        s["mp4Url"] = json!(mp4_url(w));
    }
    if !started {
        // The recording asset reuses the session id.
        s["assetId"] = json!(w.session_id);
    }
    s
}

#[derive(Clone, Copy, PartialEq)]
enum AssetState {
    Created,
    Processing,
    Ready,
    Failed,
    Deleted,
}

/// How long before the `asset.created` delivery the asset was stored.
const ASSET_AGE: i64 = 212;

/// `{asset:{id, snapshot}}`, or for legacy webhooks `{id, snapshot, asset:{id, snapshot}}`.
fn asset_payload(w: &World, state: AssetState, legacy: bool) -> Value {
    let snapshot = asset_snapshot(w, state);
    let asset = json!({ "id": w.asset_id, "snapshot": snapshot });
    if legacy {
        json!({ "id": w.asset_id, "snapshot": snapshot, "asset": asset })
    } else {
        json!({ "asset": asset })
    }
}

/// An asset snapshot (A5.2); `asset.created` gets the raw DB document instead.
fn asset_snapshot(w: &World, state: AssetState) -> Value {
    let created_at = if state == AssetState::Created {
        w.ago(ASSET_AGE)
    } else {
        w.ago(200_901)
    };
    let status = match state {
        AssetState::Created => json!({ "phase": "waiting", "updatedAt": created_at }),
        AssetState::Processing => {
            json!({ "phase": "processing", "updatedAt": w.ago(131), "progress": 0.42 })
        }
        AssetState::Ready => json!({ "phase": "ready", "updatedAt": w.ago(131) }),
        AssetState::Failed => json!({
            "phase": "failed",
            "updatedAt": w.ago(131),
            "errorMessage": "Failed to probe or open file",
        }),
        // Snapshot taken before the delete: the asset was ready.
        AssetState::Deleted => json!({ "phase": "ready", "updatedAt": w.ago(96_000_000) }),
    };
    let mut s = json!({
        "id": w.asset_id,
        "playbackId": w.asset_playback_id,
        "userId": w.user_id,
        "createdAt": created_at,
        "createdByTokenName": "backend-server",
        "status": status,
        "name": ASSET_NAME,
        "source": { "type": "url", "url": ASSET_SOURCE_URL },
        "projectId": w.project_id,
    });
    match state {
        // Raw DB document: internal fields, no playback URLs.
        AssetState::Created => s["objectStoreId"] = json!(w.object_store_id),
        AssetState::Ready | AssetState::Deleted => {
            s["size"] = json!(84_934_509);
            s["hash"] = json!([
                { "hash": "9e107d9d372bb6826bd81d3542a419d6", "algorithm": "md5" },
                { "hash": "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592", "algorithm": "sha256" },
            ]);
            s["videoSpec"] = video_spec();
            s["playbackUrl"] = json!(format!("{VOD_CDN}/hls/{}/index.m3u8", w.asset_playback_id));
            s["downloadUrl"] = json!(format!(
                "{DOWNLOAD_CDN}/asset/{}/video/download.mp4",
                w.asset_playback_id
            ));
        }
        AssetState::Processing | AssetState::Failed => {}
    }
    s
}

fn video_spec() -> Value {
    json!({
        "format": "mp4",
        "duration": 183.55,
        "bitrate": 3_701_440,
        "tracks": [
            { "type": "video", "codec": "h264", "startTime": 0, "duration": 183.5, "bitrate": 3_572_000,
              "width": 1920, "height": 1080, "pixelFormat": "yuv420p", "fps": 30 },
            { "type": "audio", "codec": "aac", "startTime": 0, "duration": 183.55, "bitrate": 128_000,
              "channels": 2, "sampleRate": 48_000, "bitDepth": 16 },
        ],
    })
}

#[derive(Clone, Copy, PartialEq)]
enum TaskState {
    Spawned,
    Running,
    Completed,
    Failed,
}

/// An upload task snapshot (A5.3) and the envelope `createdAt` that goes with it
/// (`task.createdAt` when spawned, `status.updatedAt` after).
fn task_snapshot(w: &World, state: TaskState) -> (Value, i64) {
    let created_at = if state == TaskState::Spawned {
        w.ago(127)
    } else {
        w.ago(200_887)
    };
    let updated_at = w.ago(134);
    let status = match state {
        TaskState::Spawned => json!({ "phase": "pending", "updatedAt": created_at }),
        TaskState::Running => {
            json!({ "phase": "running", "updatedAt": updated_at, "retries": 0, "progress": 0.37 })
        }
        TaskState::Completed => json!({ "phase": "completed", "updatedAt": updated_at }),
        TaskState::Failed => json!({
            "phase": "failed",
            "updatedAt": updated_at,
            "errorMessage": "error downloading source: 404 Not Found",
            "retries": 2,
        }),
    };
    let mut s = json!({
        "id": w.task_id,
        "createdAt": created_at,
        "type": "upload",
        "outputAssetId": w.asset_id,
        "userId": w.user_id,
        "params": { "upload": { "url": ASSET_SOURCE_URL, "thumbnails": true } },
        "status": status,
        "projectId": w.project_id,
    });
    if state != TaskState::Spawned {
        s["scheduledAt"] = json!(created_at + 18);
    }
    if state == TaskState::Completed {
        s["output"] = json!({
            "upload": {
                "assetSpec": {
                    "name": ASSET_NAME,
                    "size": 84_934_509,
                    "videoSpec": { "format": "mp4", "duration": 183.55, "bitrate": 3_701_440 },
                },
            },
        });
    }
    let envelope_created_at = if state == TaskState::Spawned {
        created_at
    } else {
        updated_at
    };
    (s, envelope_created_at)
}

/// The synchronous gate request Studio sends for gated playback (A6, A7.6): no envelope.
fn access_control(w: &World) -> Value {
    let access_key = format!("sess_{}", &w.event_id[..12].replace('-', ""));
    let play_url = format!(
        "https://{PLAY_DOMAIN}/hls/video+{}/index.m3u8?accessKey={access_key}",
        w.asset_playback_id
    );
    json!({
        "context": { "courseId": "c-1042", "tier": "gold" },
        "accessKey": access_key,
        "timestamp": w.ts,
        "userIP": "203.0.113.45",
        "playDomain": PLAY_DOMAIN,
        "playURL": play_url,
        "headers": {
            "User-Agent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15",
            "Referer": "https://learn.example.com/",
            "X-Forwarded-Proto": "https",
            "X-Tlive-Spanid": super::world::uuid(),
            // Studio overwrites this with the asset's (or stream's) name.
            "Tx-Stream-Id": ASSET_NAME,
            "Host": PLAY_DOMAIN,
            "Origin": "https://learn.example.com",
        },
    })
}

/// `playback.user.new` (A4.5): no current sender emits it, and its only known body (from an old
/// emitter) had no envelope and a timestamp in seconds, which today's cannon would wrap: so the
/// sample is that payload in the cannon's envelope (`timestamp` in ms, equal to the signature's
/// `t`), as a delivery of it would arrive now. A bare historical body would fail every
/// receiver's timestamp check against the header's `t`.
fn user_new(w: &World) -> Value {
    envelope(
        w,
        "playback.user.new",
        w.ago(2),
        None,
        Some(json!({
            "requestUrl": format!("https://{PLAY_DOMAIN}/hls/video+{}/index.m3u8", w.stream_playback_id),
        })),
    )
}
