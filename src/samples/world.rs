//! The made-up world one sample lives in: fresh ids that agree with each other, and times
//! placed realistically before the delivery time.

use uuid::Uuid;

/// Ids and times for one render. Fresh UUID v4s every time, so receivers that dedupe on the
/// event id treat each trigger as a new delivery.
pub(super) struct World {
    /// The delivery time (Unix ms): Livepeer's `timestamp`, the signature's `t`.
    pub ts: i64,
    pub event_id: String,
    pub webhook_id: String,
    pub user_id: String,
    pub project_id: String,
    pub stream_id: String,
    pub stream_playback_id: String,
    /// The recording session; also the recording asset's id (payloads.md A4.3).
    pub session_id: String,
    pub asset_id: String,
    pub asset_playback_id: String,
    pub object_store_id: String,
    pub task_id: String,
    pub target_id: String,
    /// FastPix ids.
    pub workspace_id: String,
    pub media_playback_id: String,
    pub track_ids: [String; 2],
    /// FastPix live stream ids and keys: 32 lowercase hex characters, as in their docs.
    pub fp_stream_id: String,
    pub fp_stream_key: String,
    pub fp_srt_secret: String,
}

impl World {
    pub fn new(ts: i64) -> Self {
        World {
            ts,
            event_id: uuid(),
            webhook_id: uuid(),
            user_id: uuid(),
            project_id: uuid(),
            stream_id: uuid(),
            stream_playback_id: playback_id(),
            session_id: uuid(),
            asset_id: uuid(),
            asset_playback_id: playback_id(),
            object_store_id: uuid(),
            task_id: uuid(),
            target_id: uuid(),
            workspace_id: uuid(),
            media_playback_id: uuid(),
            track_ids: [uuid(), uuid()],
            fp_stream_id: Uuid::new_v4().simple().to_string(),
            fp_stream_key: Uuid::new_v4().simple().to_string(),
            fp_srt_secret: Uuid::new_v4().simple().to_string(),
        }
    }

    /// `ms` before the delivery time.
    pub fn ago(&self, ms: i64) -> i64 {
        self.ts - ms
    }
}

pub(super) fn uuid() -> String {
    Uuid::new_v4().to_string()
}

/// A Livepeer playback id: 16 lowercase letters and digits (e.g. `f5eese9wwl88k4g8`).
fn playback_id() -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    // A v4 UUID has 122 random bits; 16 base-36 characters need about 83 of them.
    let mut n = Uuid::new_v4().as_u128();
    (0..16)
        .map(|_| {
            let c = ALPHABET[(n % 36) as usize] as char;
            n /= 36;
            c
        })
        .collect()
}

/// A Unix-ms time as ISO-8601 UTC with milliseconds, the form FastPix uses
/// (`2025-01-15T12:00:05.123Z`).
pub(super) fn iso(ms: i64) -> String {
    match jiff::Timestamp::from_millisecond(ms) {
        Ok(ts) => format!(
            "{}.{:03}Z",
            ts.strftime("%Y-%m-%dT%H:%M:%S"),
            ms.rem_euclid(1000)
        ),
        // Out of jiff's range (year ±9999): still a string, never a panic.
        Err(_) => "1970-01-01T00:00:00.000Z".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_has_milliseconds_and_z() {
        assert_eq!(iso(1_736_942_405_123), "2025-01-15T12:00:05.123Z");
        assert_eq!(iso(1_736_942_405_000), "2025-01-15T12:00:05.000Z");
    }

    #[test]
    fn playback_ids_are_16_lowercase_alphanumerics() {
        let id = playback_id();
        assert_eq!(id.len(), 16);
        assert!(
            id.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        );
        assert_ne!(id, playback_id());
    }
}
