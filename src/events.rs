//! The event catalog: every event Livepeer Studio (and FastPix) can deliver, with its family and
//! a one-line description, plus "did you mean" for typos. Sample payloads live in `samples.rs`.

use serde::Serialize;

/// Who sends an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Provider {
    Livepeer,
    Fastpix,
}

/// One event type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct EventType {
    pub name: &'static str,
    pub family: &'static str,
    pub provider: Provider,
    pub description: &'static str,
}

const fn lp(name: &'static str, family: &'static str, description: &'static str) -> EventType {
    EventType {
        name,
        family,
        provider: Provider::Livepeer,
        description,
    }
}

const fn fp(name: &'static str, family: &'static str, description: &'static str) -> EventType {
    EventType {
        name,
        family,
        provider: Provider::Fastpix,
        description,
    }
}

/// The 20 events Studio's API accepts in a webhook's `events` (its schema enum), in family order.
pub const LIVEPEER_EVENTS: &[EventType] = &[
    lp(
        "stream.started",
        "stream",
        "A stream went live (sent again if it moves region)",
    ),
    lp("stream.idle", "stream", "A stream stopped receiving video"),
    lp(
        "stream.detection",
        "stream",
        "Scene classification for a stream (dormant in Studio today)",
    ),
    lp(
        "recording.started",
        "recording",
        "A recorded stream's session began recording",
    ),
    lp(
        "recording.waiting",
        "recording",
        "A session ended; its recording asset is being prepared",
    ),
    lp(
        "recording.ready",
        "recording",
        "A session's recording is ready, with HLS and MP4 URLs",
    ),
    lp(
        "multistream.connected",
        "multistream",
        "A multistream target started receiving the stream",
    ),
    lp(
        "multistream.error",
        "multistream",
        "Pushing to a multistream target failed repeatedly",
    ),
    lp(
        "multistream.disconnected",
        "multistream",
        "A multistream target was removed or disabled while live",
    ),
    lp(
        "playback.user.new",
        "playback",
        "A new viewer started playback (historical; no current sender)",
    ),
    lp(
        "playback.accessControl",
        "playback",
        "Studio asks whether a viewer may play gated content (answer 2xx to allow)",
    ),
    lp(
        "asset.created",
        "asset",
        "An asset was created (upload, URL import or recording)",
    ),
    lp(
        "asset.updated",
        "asset",
        "An asset changed, including processing progress",
    ),
    lp(
        "asset.ready",
        "asset",
        "An asset finished processing and can be played",
    ),
    lp("asset.failed", "asset", "An asset failed to process"),
    lp("asset.deleted", "asset", "An asset was deleted"),
    lp(
        "task.spawned",
        "task",
        "A task (upload, export, transcode, clip) was created",
    ),
    lp("task.updated", "task", "A task changed phase or progress"),
    lp("task.completed", "task", "A task finished successfully"),
    lp("task.failed", "task", "A task failed"),
];

/// FastPix events (payloads.md B3): the SDK's media union, the documented live lifecycle.
pub const FASTPIX_EVENTS: &[EventType] = &[
    fp("video.media.created", "media", "A media item was created"),
    fp("video.media.updated", "media", "A media item changed"),
    fp(
        "video.media.ready",
        "media",
        "A media item is ready to play",
    ),
    fp(
        "video.media.failed",
        "media",
        "A media item failed to process",
    ),
    fp("video.media.deleted", "media", "A media item was deleted"),
    fp("video.media.upload", "media", "A direct upload was created"),
    fp(
        "video.media.upload.cancelled",
        "media",
        "A direct upload was cancelled",
    ),
    fp(
        "video.media.track.created",
        "media",
        "A track was added to a media item",
    ),
    fp(
        "video.media.track.ready",
        "media",
        "A media item's track is ready",
    ),
    fp(
        "video.media.track.updated",
        "media",
        "A media item's track changed",
    ),
    fp(
        "video.media.track.deleted",
        "media",
        "A media item's track was deleted",
    ),
    fp(
        "video.media.subtitle.generated.ready",
        "media",
        "Generated subtitles are ready",
    ),
    fp(
        "video.media.source.ready",
        "media",
        "The source file is available for download",
    ),
    fp(
        "video.media.source.deleted",
        "media",
        "The source file was deleted",
    ),
    fp(
        "video.media.mp4Support.ready",
        "media",
        "MP4 renditions are ready",
    ),
    fp(
        "video.live_stream.created",
        "live_stream",
        "A live stream was created",
    ),
    fp(
        "video.live_stream.updated",
        "live_stream",
        "A live stream's settings changed",
    ),
    fp(
        "video.live_stream.deleted",
        "live_stream",
        "A live stream was deleted",
    ),
    fp(
        "video.live_stream.connected",
        "live_stream",
        "An encoder connected",
    ),
    fp(
        "video.live_stream.preparing",
        "live_stream",
        "A live stream is preparing to go live",
    ),
    fp(
        "video.live_stream.active",
        "live_stream",
        "A live stream is live",
    ),
    fp(
        "video.live_stream.recording",
        "live_stream",
        "A live stream is being recorded",
    ),
    fp(
        "video.live_stream.disconnected",
        "live_stream",
        "The encoder disconnected",
    ),
    fp(
        "video.live_stream.idle",
        "live_stream",
        "The reconnect window passed; the stream is idle",
    ),
    fp(
        "video.live_stream.disabled",
        "live_stream",
        "A live stream was disabled",
    ),
    fp(
        "video.live_stream.simulcast_target.updated",
        "live_stream",
        "A simulcast target changed",
    ),
    fp(
        "video.live_stream.simulcast_target.deleted",
        "live_stream",
        "A simulcast target was deleted",
    ),
];

/// The Livepeer event named exactly `name`.
pub fn livepeer_event(name: &str) -> Option<&'static EventType> {
    LIVEPEER_EVENTS.iter().find(|e| e.name == name)
}

/// The FastPix event named exactly `name`.
pub fn fastpix_event(name: &str) -> Option<&'static EventType> {
    FASTPIX_EVENTS.iter().find(|e| e.name == name)
}

/// The family of an event name from either provider; for unknown names, the part before the
/// first dot (so `stream.whatever` still colours like a stream event).
pub fn family_of(name: &str) -> &str {
    livepeer_event(name)
        .or_else(|| fastpix_event(name))
        .map(|e| e.family)
        .unwrap_or_else(|| name.split('.').next().unwrap_or(name))
}

/// The closest name in `candidates` to a mistyped `name`, if one is close enough to suggest.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let lower = name.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&lower, &c.to_ascii_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// Check event names against Studio's catalog. The error names each unknown event with a
/// suggestion, so `lpwh create --events stream.start` says `did you mean 'stream.started'?`.
pub fn check_livepeer_events(names: &[String]) -> Result<(), String> {
    let problems: Vec<String> = names
        .iter()
        .filter(|n| livepeer_event(n).is_none())
        .map(
            |n| match did_you_mean(n, LIVEPEER_EVENTS.iter().map(|e| e.name)) {
                Some(s) => format!("unknown event '{n}' (did you mean '{s}'?)"),
                None => format!("unknown event '{n}'"),
            },
        )
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}

/// `text` in the colour of an event family, the same colour everywhere an event is shown.
pub fn paint_family(paint: crate::output::Paint, family: &str, text: &str) -> String {
    match family {
        "stream" | "live_stream" => paint.green(text),
        "recording" => paint.red(text),
        "multistream" => paint.magenta(text),
        "playback" => paint.cyan(text),
        "asset" | "media" => paint.blue(text),
        "task" => paint.yellow(text),
        _ => text.to_owned(),
    }
}

/// Shell-style match of an event name against a glob where `*` matches any run of characters
/// (including dots, so `*` alone and `asset.*` behave as people expect) and `?` one character.
pub fn glob_match(glob: &str, name: &str) -> bool {
    let (g, n): (Vec<char>, Vec<char>) = (glob.chars().collect(), name.chars().collect());
    // Iterative wildcard matching with one backtrack point: linear in practice, no recursion.
    let (mut gi, mut ni) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ni < n.len() {
        if gi < g.len() && (g[gi] == '?' || g[gi] == n[ni]) {
            gi += 1;
            ni += 1;
        } else if gi < g.len() && g[gi] == '*' {
            star = Some((gi, ni));
            gi += 1;
        } else if let Some((sg, sn)) = star {
            gi = sg + 1;
            ni = sn + 1;
            star = Some((sg, sn + 1));
        } else {
            return false;
        }
    }
    g[gi..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_matches_studios_enum() {
        assert_eq!(LIVEPEER_EVENTS.len(), 20);
        let mut names: Vec<_> = LIVEPEER_EVENTS.iter().map(|e| e.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 20, "duplicate event names");
        for e in LIVEPEER_EVENTS {
            assert!(
                e.name.starts_with(e.family),
                "{} not in family {}",
                e.name,
                e.family
            );
        }
    }

    #[test]
    fn suggests_close_names_only() {
        let names = LIVEPEER_EVENTS.iter().map(|e| e.name);
        assert_eq!(
            did_you_mean("stream.start", names.clone()),
            Some("stream.started")
        );
        assert_eq!(
            did_you_mean("asset.redy", names.clone()),
            Some("asset.ready")
        );
        assert_eq!(did_you_mean("zzzz", names), None);
        let err =
            check_livepeer_events(&["stream.start".into(), "asset.ready".into()]).unwrap_err();
        assert!(err.contains("did you mean 'stream.started'"), "{err}");
        assert!(check_livepeer_events(&["task.failed".into()]).is_ok());
    }

    #[test]
    fn family_falls_back_to_the_prefix() {
        assert_eq!(family_of("asset.ready"), "asset");
        assert_eq!(family_of("video.live_stream.active"), "live_stream");
        assert_eq!(family_of("custom.thing"), "custom");
    }

    #[test]
    fn globs_match_event_names() {
        assert!(glob_match("stream.*", "stream.started"));
        assert!(!glob_match("stream.*", "recording.started"));
        assert!(glob_match("*", "asset.ready"));
        assert!(glob_match("*.ready", "recording.ready"));
        assert!(glob_match("task.?pdated", "task.updated"));
        assert!(glob_match("asset.ready", "asset.ready"));
        assert!(!glob_match("asset.ready", "asset.ready2"));
        assert!(glob_match("video.*.ready", "video.media.track.ready"));
    }
}

/// The value parser of every argument that takes an event name: it accepts any text (each
/// command checks names its own way, with "did you mean"), and offers the catalog to shell
/// completion, so the generated scripts complete event names. The arguments hide the list from
/// `--help` (`hide_possible_values`): it is `lpwh event-types`' job.
#[derive(Debug, Clone, Copy, Default)]
pub struct EventName;

impl clap::builder::TypedValueParser for EventName {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            LIVEPEER_EVENTS
                .iter()
                .chain(FASTPIX_EVENTS)
                .map(|e| clap::builder::PossibleValue::new(e.name)),
        ))
    }
}
