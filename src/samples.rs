//! Realistic sample deliveries for every Livepeer and FastPix event (payloads.md), used by
//! `sign --event`, `trigger` and tests.
//!
//! SCAFFOLD: the contract below is being implemented.

/// How to build a sample.
#[derive(Debug, Clone, Default)]
pub struct SampleOptions {
    /// Unix ms to stamp the delivery with (Livepeer's `timestamp`, which equals the signature's `t`).
    pub timestamp_ms: i64,
    /// `--set path=value` overrides, applied in order (`payload.asset.snapshot.name=clip.mp4`).
    pub overrides: Vec<(String, String)>,
    /// The legacy `asset.ready`/`asset.failed` payload form (webhooks created before 2024-07-28).
    pub legacy_asset: bool,
}

/// The JSON body of a sample delivery of `event` (a Livepeer or FastPix event name), with fresh
/// ids. Errors name the unknown event or the bad `--set`.
pub fn render(_event: &str, _opts: &SampleOptions) -> anyhow::Result<Vec<u8>> {
    todo!()
}
