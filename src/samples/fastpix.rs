//! FastPix sample bodies (payloads.md part B): the current camelCase envelope with a Media,
//! upload or live-stream object as `data`.

use serde_json::{Value, json};

use super::world::{World, iso};

const IMAGES: &str = "https://images.fastpix.example.invalid";

/// The body of a FastPix `event` (a name from the catalog).
pub(super) fn body(event: &str, w: &World) -> Value {
    let (object, status, data) = if let Some(rest) = event.strip_prefix("video.live_stream.") {
        let (status, envelope_status) = live_status(rest);
        (
            json!({ "type": "live", "id": w.fp_stream_id }),
            envelope_status,
            live_stream(w, status),
        )
    } else if event == "video.media.upload" {
        let upload_id = &w.asset_id;
        (
            json!({ "type": "media", "id": upload_id }),
            "waiting".to_owned(),
            upload(w),
        )
    } else {
        let rest = event.strip_prefix("video.media.").unwrap_or(event);
        let (status, envelope_status) = media_status(rest);
        (
            json!({ "type": "media", "id": w.asset_id }),
            envelope_status,
            media(w, status),
        )
    };
    json!({
        "type": event,
        "object": object,
        "id": w.event_id,
        "workspace": { "id": w.workspace_id, "name": "Development" },
        "status": status,
        "data": data,
        "createdAt": iso(w.ago(212)),
        "attempts": [],
    })
}

/// The Media `status` (capitalised) and the envelope `status` for a `video.media.*` event. The
/// envelope vocabulary is not documented consistently (B2); the docs' `ready` form is used.
fn media_status(rest: &str) -> (&'static str, String) {
    let media = match rest {
        "created" => "Created",
        "updated" => "Processing",
        "failed" => "Failed",
        "upload.cancelled" => "Failed",
        _ => "Ready",
    };
    (media, rest.replace('.', "_"))
}

fn live_status(rest: &str) -> (&'static str, String) {
    let live = match rest {
        "active" | "recording" | "connected" => "active",
        "preparing" => "preparing",
        "disabled" => "disabled",
        _ => "idle",
    };
    (live, rest.replace('.', "_"))
}

/// A Media object (B4, B5.1).
fn media(w: &World, status: &str) -> Value {
    let ready = status == "Ready";
    let track_status = if ready { "available" } else { "preparing" };
    let mut m = json!({
        "thumbnail": format!("{IMAGES}/{}/thumbnail.png", w.media_playback_id),
        "id": w.asset_id,
        "workspaceId": w.workspace_id,
        "metadata": { "courseId": "c-1042" },
        "mediaQuality": "standard",
        "title": "Keynote 2025",
        "maxResolution": "1080p",
        "sourceResolution": "1080p",
        "status": status,
        "mp4Support": "capped_4k",
        "sourceAccess": false,
        "playbackIds": [
            {
                "id": w.media_playback_id,
                "accessPolicy": "public",
                "accessRestrictions": {
                    "domains": { "defaultPolicy": "allow", "allow": [], "deny": [] },
                    "userAgents": { "defaultPolicy": "allow", "allow": [], "deny": [] },
                },
            },
        ],
        "tracks": [
            { "id": w.track_ids[0], "type": "video", "width": 1920, "height": 1080, "frameRate": "30", "status": track_status },
            { "id": w.track_ids[1], "type": "audio", "status": track_status, "languageName": "English", "languageCode": "en" },
        ],
        "isAudioOnly": false,
        "subtitleAvailable": false,
        "duration": "00:03:03",
        "aspectRatio": "16:9",
        "createdAt": iso(w.ago(112_721)),
        "updatedAt": iso(w.ago(417)),
    });
    if status == "Created" {
        // Nothing is known about the file yet.
        m["tracks"] = json!([]);
        m["duration"] = json!("00:00:00");
    }
    m
}

/// A direct-upload object (`video.media.upload`, B3).
fn upload(w: &World) -> Value {
    json!({
        "uploadId": w.asset_id,
        "trial": false,
        "status": "waiting",
        "url": format!("https://uploads.fastpix.example.invalid/{}?signature=0f1e2d3c", w.asset_id),
        "timeout": 14_400,
        "corsOrigin": "*",
        "pushMediaSettings": {
            "accessPolicy": "public",
            "metadata": { "courseId": "c-1042" },
            "maxResolution": "1080p",
        },
    })
}

/// A live-stream object (B4, B5.2). FastPix really does put the stream key and SRT secret in
/// webhooks; these are made up.
fn live_stream(w: &World, status: &str) -> Value {
    json!({
        "streamId": w.fp_stream_id,
        "streamKey": w.fp_stream_key,
        "srtSecret": w.fp_srt_secret,
        "trial": false,
        "status": status,
        "maxResolution": "1080p",
        "maxDuration": 28_800,
        "createdAt": iso(w.ago(1_200_457)),
        "reconnectWindow": 60,
        "enableRecording": true,
        "enableDvrMode": false,
        "mediaPolicy": "public",
        "metadata": { "event": "main-stage" },
        "lowLatency": false,
        "closedCaptions": false,
        "playbackIds": [ { "id": w.media_playback_id, "accessPolicy": "public" } ],
    })
}
