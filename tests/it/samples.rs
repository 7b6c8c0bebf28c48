//! Library-level checks that every sample has the shape payloads.md documents: envelope key
//! order, where `stream` and `payload` appear, the nested snapshots, and `--set` overrides.

use lpwh::events::{FASTPIX_EVENTS, LIVEPEER_EVENTS};
use lpwh::samples::{self, SampleError, SampleOptions};
use serde_json::Value;

const TS: i64 = 1_736_942_400_457;

fn opts() -> SampleOptions {
    SampleOptions {
        timestamp_ms: TS,
        ..Default::default()
    }
}

fn render(event: &str, opts: &SampleOptions) -> Value {
    let bytes = samples::render(event, opts).unwrap_or_else(|e| panic!("{event}: {e:#}"));
    serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{event}: invalid JSON: {e}"))
}

fn keys(value: &Value) -> Vec<&str> {
    value
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect()
}

fn is_uuid_v4(text: &str) -> bool {
    uuid::Uuid::parse_str(text).is_ok_and(|u| u.get_version_num() == 4)
}

/// The events that go through Studio's cannon (all but the two special bodies).
fn cannon_events() -> impl Iterator<Item = &'static str> {
    LIVEPEER_EVENTS
        .iter()
        .map(|e| e.name)
        .filter(|n| !matches!(*n, "playback.accessControl" | "playback.user.new"))
}

#[test]
fn every_cannon_event_has_the_documented_envelope() {
    let mut seen = 0;
    for event in cannon_events() {
        seen += 1;
        let body = render(event, &opts());
        let with_stream = ["stream.", "recording.", "multistream."]
            .iter()
            .any(|p| event.starts_with(p));
        let with_payload = !matches!(event, "stream.started" | "stream.idle");
        let mut expected = vec!["id", "webhookId", "createdAt", "timestamp", "event"];
        if with_stream {
            expected.push("stream");
        }
        if with_payload {
            expected.push("payload");
        }
        assert_eq!(keys(&body), expected, "{event}");
        assert_eq!(body["event"], event);
        assert_eq!(
            body["timestamp"], TS,
            "{event}: timestamp is opts.timestamp_ms"
        );
        let created = body["createdAt"].as_i64().expect("createdAt in ms");
        assert!(
            created <= TS && created > TS - 86_400_000,
            "{event}: createdAt {created}"
        );
        assert!(is_uuid_v4(body["id"].as_str().unwrap()), "{event}: id");
        assert!(
            is_uuid_v4(body["webhookId"].as_str().unwrap()),
            "{event}: webhookId"
        );
        for forbidden in ["streamId", "userId", "projectId", "sessionId"] {
            assert!(
                body.get(forbidden).is_none(),
                "{event}: top-level {forbidden}"
            );
        }
    }
    assert_eq!(seen, 18);
}

#[test]
fn the_stream_object_puts_default_keys_first_and_never_the_stream_key() {
    let defaults = [
        "lastSeen",
        "isActive",
        "record",
        "suspended",
        "sourceSegments",
        "transcodedSegments",
        "sourceSegmentsDuration",
        "transcodedSegmentsDuration",
        "sourceBytes",
        "transcodedBytes",
        "lastTerminatedAt",
    ];
    for event in cannon_events().filter(|e| {
        ["stream.", "recording.", "multistream."]
            .iter()
            .any(|p| e.starts_with(p))
    }) {
        let body = render(event, &opts());
        let stream = &body["stream"];
        assert_eq!(keys(stream)[..defaults.len()], defaults, "{event}");
        for field in [
            "id",
            "name",
            "kind",
            "userId",
            "projectId",
            "playbackId",
            "profiles",
        ] {
            assert!(stream.get(field).is_some(), "{event}: stream.{field}");
        }
        assert_eq!(stream["kind"], "stream");
        assert!(
            stream.get("streamKey").is_none(),
            "{event}: streamKey leaked"
        );
        let playback_id = stream["playbackId"].as_str().unwrap();
        assert_eq!(playback_id.len(), 16);
        assert!(
            playback_id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        );
    }
    assert_eq!(
        render("stream.started", &opts())["stream"]["isActive"],
        true
    );
    assert_eq!(render("stream.idle", &opts())["stream"]["isActive"], false);
}

#[test]
fn recording_payloads_carry_the_session_per_event() {
    let started = render("recording.started", &opts());
    assert_eq!(keys(&started["payload"]), ["session"]);
    let s = &started["payload"]["session"];
    assert_eq!(s["recordingStatus"], "waiting");
    assert_eq!(s["lastSeen"], 0);
    assert_eq!(s["sourceSegments"], 0);
    for absent in ["recordingUrl", "mp4Url", "assetId"] {
        assert!(s.get(absent).is_none(), "recording.started: {absent}");
    }
    assert_eq!(s["parentId"], started["stream"]["id"]);
    assert_eq!(s["playbackId"], started["stream"]["playbackId"]);
    assert_eq!(s["kind"], "session");

    let waiting = render("recording.waiting", &opts());
    let s = &waiting["payload"]["session"];
    assert_eq!(keys(&waiting["payload"]), ["session"]);
    assert_eq!(s["recordingStatus"], "ready");
    assert_eq!(
        s["assetId"], s["id"],
        "the recording asset reuses the session id"
    );
    assert!(s.get("recordingUrl").is_none());

    let ready = render("recording.ready", &opts());
    let p = &ready["payload"];
    assert_eq!(keys(p), ["recordingUrl", "mp4Url", "session"]);
    assert_eq!(p["session"]["recordingUrl"], p["recordingUrl"]);
    assert_eq!(p["session"]["mp4Url"], p["mp4Url"]);
    assert_eq!(p["session"]["assetId"], p["session"]["id"]);
    assert!(p["recordingUrl"].as_str().unwrap().ends_with(".m3u8"));
    assert!(p["mp4Url"].as_str().unwrap().ends_with(".mp4"));
}

#[test]
fn multistream_and_detection_payloads() {
    for event in [
        "multistream.connected",
        "multistream.error",
        "multistream.disconnected",
    ] {
        let body = render(event, &opts());
        assert_eq!(keys(&body["payload"]), ["target"], "{event}");
        assert_eq!(
            keys(&body["payload"]["target"]),
            ["id", "name", "profile"],
            "{event}"
        );
    }
    let body = render("stream.detection", &opts());
    assert_eq!(keys(&body["payload"]), ["seqNo", "sceneClassification"]);
    let first = &body["payload"]["sceneClassification"][0];
    assert!(first["name"].is_string() && first["probability"].is_f64());
}

#[test]
fn asset_snapshots_follow_each_event() {
    let created = render("asset.created", &opts());
    let asset = &created["payload"]["asset"];
    assert_eq!(keys(&created["payload"]), ["asset"]);
    assert_eq!(keys(asset), ["id", "snapshot"]);
    let snap = &asset["snapshot"];
    assert_eq!(snap["id"], asset["id"]);
    assert!(snap.get("objectStoreId").is_some(), "raw DB snapshot");
    assert!(snap.get("playbackUrl").is_none());
    assert!(snap.get("downloadUrl").is_none());
    assert_eq!(snap["status"]["phase"], "waiting");
    assert_eq!(
        created["createdAt"], snap["createdAt"],
        "asset.created uses the asset's createdAt"
    );

    let updated = render("asset.updated", &opts());
    let snap = &updated["payload"]["asset"]["snapshot"];
    assert_eq!(snap["status"]["phase"], "processing");
    let progress = snap["status"]["progress"].as_f64().expect("progress");
    assert!((0.0..=1.0).contains(&progress));
    assert!(snap.get("objectStoreId").is_none());
    assert!(snap.get("downloadUrl").is_none());

    let ready = render("asset.ready", &opts());
    let snap = &ready["payload"]["asset"]["snapshot"];
    assert_eq!(snap["status"]["phase"], "ready");
    assert!(snap["playbackUrl"].is_string() && snap["downloadUrl"].is_string());
    assert!(
        snap["videoSpec"]["tracks"]
            .as_array()
            .is_some_and(|t| t.len() == 2)
    );
    assert!(snap.get("objectStoreId").is_none());

    let failed = render("asset.failed", &opts());
    let status = &failed["payload"]["asset"]["snapshot"]["status"];
    assert_eq!(status["phase"], "failed");
    assert!(status["errorMessage"].is_string());

    let deleted = render("asset.deleted", &opts());
    let snap = &deleted["payload"]["asset"]["snapshot"];
    assert_eq!(snap["status"]["phase"], "ready", "pre-delete snapshot");
}

#[test]
fn legacy_asset_form_duplicates_id_and_snapshot_first() {
    let legacy = SampleOptions {
        legacy_asset: true,
        ..opts()
    };
    for event in ["asset.ready", "asset.failed"] {
        let p = render(event, &legacy)["payload"].clone();
        assert_eq!(keys(&p), ["id", "snapshot", "asset"], "{event}");
        assert_eq!(p["id"], p["asset"]["id"]);
        assert_eq!(p["snapshot"], p["asset"]["snapshot"]);
    }
    let err = samples::render_value("asset.created", &legacy).unwrap_err();
    assert!(
        matches!(err, SampleError::LegacyNotApplicable { .. }),
        "{err}"
    );
}

#[test]
fn task_payloads_and_success() {
    for (event, success, phase) in [
        ("task.spawned", None, "pending"),
        ("task.updated", None, "running"),
        ("task.completed", Some(true), "completed"),
        ("task.failed", Some(false), "failed"),
    ] {
        let body = render(event, &opts());
        let p = &body["payload"];
        match success {
            Some(s) => {
                assert_eq!(keys(p), ["success", "task"], "{event}");
                assert_eq!(p["success"], s, "{event}");
            }
            None => assert_eq!(keys(p), ["task"], "{event}"),
        }
        assert_eq!(keys(&p["task"]), ["id", "type", "snapshot"], "{event}");
        let snap = &p["task"]["snapshot"];
        assert_eq!(snap["id"], p["task"]["id"]);
        assert_eq!(snap["type"], p["task"]["type"]);
        assert_eq!(snap["status"]["phase"], phase, "{event}");
        // createdAt: task.createdAt when spawned, status.updatedAt after.
        let expected = if event == "task.spawned" {
            &snap["createdAt"]
        } else {
            &snap["status"]["updatedAt"]
        };
        assert_eq!(&body["createdAt"], expected, "{event}");
    }
    let failed = render("task.failed", &opts());
    assert!(failed["payload"]["task"]["snapshot"]["status"]["errorMessage"].is_string());
}

#[test]
fn access_control_is_the_gate_request_body() {
    let body = render("playback.accessControl", &opts());
    assert_eq!(
        keys(&body),
        [
            "context",
            "accessKey",
            "timestamp",
            "userIP",
            "playDomain",
            "playURL",
            "headers"
        ]
    );
    assert_eq!(body["timestamp"], TS);
    assert!(!body["accessKey"].as_str().unwrap().is_empty());
    let url = body["playURL"].as_str().unwrap();
    assert!(url.contains(body["playDomain"].as_str().unwrap()));
    let mut header_keys = keys(&body["headers"]);
    header_keys.sort_unstable();
    assert_eq!(
        header_keys,
        [
            "Host",
            "Origin",
            "Referer",
            "Tx-Stream-Id",
            "User-Agent",
            "X-Forwarded-Proto",
            "X-Tlive-Spanid"
        ]
    );
}

#[test]
fn playback_user_new_is_its_historical_payload_in_todays_envelope() {
    let body = render("playback.user.new", &opts());
    assert_eq!(
        keys(&body),
        [
            "id",
            "webhookId",
            "createdAt",
            "timestamp",
            "event",
            "payload"
        ]
    );
    // Milliseconds, equal to the signature's t: a receiver's timestamp check passes.
    assert_eq!(body["timestamp"], TS);
    assert_eq!(body["event"], "playback.user.new");
    assert!(body["payload"]["requestUrl"].is_string());
    assert!(samples::is_historical("playback.user.new"));
}

#[test]
fn fastpix_events_have_the_current_envelope() {
    for e in FASTPIX_EVENTS {
        let body = render(e.name, &opts());
        assert_eq!(
            keys(&body),
            [
                "type",
                "object",
                "id",
                "workspace",
                "status",
                "data",
                "createdAt",
                "attempts"
            ],
            "{}",
            e.name
        );
        assert_eq!(body["type"], e.name);
        assert_eq!(body["attempts"], Value::Array(vec![]));
        assert!(is_uuid_v4(body["id"].as_str().unwrap()));
        let created = body["createdAt"].as_str().expect("ISO createdAt");
        let parsed: jiff::Timestamp = created.parse().expect("ISO-8601");
        let ms = parsed.as_millisecond();
        assert!(
            ms <= TS && ms > TS - 60_000,
            "{}: createdAt {created}",
            e.name
        );
        assert!(created.ends_with('Z'));
        let data = &body["data"];
        if e.name.starts_with("video.live_stream.") {
            assert_eq!(body["object"]["type"], "live");
            assert_eq!(body["object"]["id"], data["streamId"]);
            for f in [
                "streamKey",
                "srtSecret",
                "status",
                "reconnectWindow",
                "playbackIds",
            ] {
                assert!(data.get(f).is_some(), "{}: data.{f}", e.name);
            }
        } else if e.name == "video.media.upload" {
            assert!(data["uploadId"].is_string() && data["url"].is_string());
        } else {
            assert_eq!(body["object"]["type"], "media");
            assert_eq!(body["object"]["id"], data["id"]);
            assert!(
                data["duration"].is_string(),
                "duration is a string in the SDK"
            );
            assert!(data["playbackIds"].is_array());
        }
    }
    let ready = render("video.media.ready", &opts());
    assert_eq!(ready["data"]["status"], "Ready");
    assert_eq!(
        render("video.live_stream.active", &opts())["data"]["status"],
        "active"
    );
}

#[test]
fn two_renders_have_fresh_ids() {
    for event in ["stream.started", "asset.ready", "video.media.ready"] {
        let a = render(event, &opts());
        let b = render(event, &opts());
        assert_ne!(a["id"], b["id"], "{event}");
    }
    let a = render("asset.ready", &opts());
    let b = render("asset.ready", &opts());
    assert_ne!(a["payload"]["asset"]["id"], b["payload"]["asset"]["id"]);
}

#[test]
fn bodies_are_compact() {
    let bytes = samples::render("stream.started", &opts()).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.starts_with("{\"id\":\""), "{text}");
    assert!(!text.contains('\n') && !text.contains(": "));
}

#[test]
fn set_overrides_any_path() {
    let o = SampleOptions {
        overrides: vec![
            ("payload.asset.snapshot.name".into(), "clip.mp4".into()),
            (
                "payload.asset.snapshot.videoSpec.tracks.0.width".into(),
                "640".into(),
            ),
            (
                "payload.asset.snapshot.status.progress".into(),
                "null".into(),
            ),
            ("payload.extra.deep".into(), "{\"a\":[1,2]}".into()),
            ("webhookId".into(), "\"42\"".into()),
        ],
        ..opts()
    };
    let body = render("asset.ready", &o);
    let snap = &body["payload"]["asset"]["snapshot"];
    assert_eq!(snap["name"], "clip.mp4");
    assert_eq!(snap["videoSpec"]["tracks"][0]["width"], 640);
    assert_eq!(snap["status"]["progress"], Value::Null);
    assert_eq!(body["payload"]["extra"]["deep"]["a"][1], 2);
    assert_eq!(body["webhookId"], "42");

    let o = SampleOptions {
        overrides: vec![("stream.isActive".into(), "false".into())],
        ..opts()
    };
    assert_eq!(render("stream.started", &o)["stream"]["isActive"], false);
}

#[test]
fn set_errors_name_the_path() {
    let bad = |path: &str| {
        let o = SampleOptions {
            overrides: vec![(path.into(), "1".into())],
            ..opts()
        };
        samples::render_value("asset.ready", &o).unwrap_err()
    };
    for path in [
        "event.name",
        "payload.asset.snapshot.videoSpec.tracks.9.width",
        "payload.asset.snapshot.videoSpec.tracks.first",
        "payload..x",
    ] {
        let err = bad(path);
        assert!(
            matches!(err, SampleError::BadOverride { .. }),
            "{path}: {err}"
        );
        assert!(err.to_string().contains(path), "{path}: {err}");
    }
    assert!(bad("event.name").to_string().contains("a string"));
}

#[test]
fn unknown_event_suggests_and_is_a_usage_error() {
    let err = samples::render("stream.start", &opts()).unwrap_err();
    assert!(
        format!("{err:#}").contains("did you mean 'stream.started'"),
        "{err:#}"
    );
    assert_eq!(lpwh::report::exit_code(&err), 2);
    let err = samples::render_value("video.media.redy", &opts()).unwrap_err();
    assert!(err.to_string().contains("video.media.ready"), "{err}");
    assert_eq!(
        samples::provider_of("asset.ready"),
        Some(lpwh::events::Provider::Livepeer)
    );
    assert_eq!(
        samples::provider_of("video.media.ready"),
        Some(lpwh::events::Provider::Fastpix)
    );
    assert_eq!(samples::provider_of("nope"), None);
}

/// Every sample is byte for byte what JavaScript's `JSON.stringify` writes for it: Node parses
/// each body and writes it again, and the bytes must not change (integral numbers without
/// `.0`, key order, no spaces, string escapes). Studio's sender is JavaScript, and receivers
/// that re-serialize before verifying compute their HMAC over these bytes. Node is required
/// (`.ci/test` installs it).
#[test]
fn every_sample_is_what_json_stringify_writes() {
    use std::io::Write as _;
    let events: Vec<&str> = LIVEPEER_EVENTS
        .iter()
        .chain(FASTPIX_EVENTS)
        .map(|e| e.name)
        .collect();
    let mut bodies = Vec::new();
    for event in &events {
        let mut body = samples::render(event, &opts()).unwrap();
        assert!(!body.contains(&b'\n'), "{event}: one line");
        body.push(b'\n');
        bodies.extend_from_slice(&body);
    }
    // A string with every kind of escape JSON.stringify writes, through an override.
    let tricky = SampleOptions {
        overrides: vec![(
            "stream.name".into(),
            "\"q\" \\ \u{1} \t \u{7f} é \u{2028} / </script>".into(),
        )],
        ..opts()
    };
    let mut body = samples::render("stream.started", &tricky).unwrap();
    body.push(b'\n');
    bodies.extend_from_slice(&body);

    let mut node = std::process::Command::new("node")
        .args([
            "-e",
            "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{\
             process.stdout.write(s.split('\\n').filter(l=>l).map(l=>JSON.stringify(JSON.parse(l))).join('\\n')+'\\n')})",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("node (.ci/test installs it)");
    node.stdin.take().unwrap().write_all(&bodies).unwrap();
    let out = node.wait_with_output().unwrap();
    assert!(out.status.success());
    let ours: Vec<&[u8]> = bodies
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .collect();
    let theirs: Vec<&[u8]> = out
        .stdout
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(ours.len(), events.len() + 1);
    assert_eq!(ours.len(), theirs.len());
    for (i, (a, b)) in ours.iter().zip(&theirs).enumerate() {
        let name = events.get(i).copied().unwrap_or("stream.started (escapes)");
        assert!(
            a == b,
            "{name}: lpwh wrote\n{}\nJSON.stringify writes\n{}",
            String::from_utf8_lossy(a),
            String::from_utf8_lossy(b)
        );
    }
}
