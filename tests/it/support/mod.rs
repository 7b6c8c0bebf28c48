//! What the integration tests share: a sandbox to run `lpwh` in and the result of a run
//! ([`sandbox`]), and helpers per area.
//!
//! Many tests run on Unix only (file modes, pseudo-terminals, a Secret Service, tunnel
//! stand-ins). Helpers only they use are `#[cfg(unix)]` too, so that the Windows type-check
//! (`.ci/cross-check`, which fails on warnings) still reports a helper nothing uses.

pub mod api;
pub mod credentials;
pub mod crud;
pub mod inbox;
pub mod listen;
pub mod node;
pub mod receiver;
pub mod refused;
pub mod sandbox;
#[cfg(target_os = "linux")]
pub mod tunnel;
pub mod vectors;
