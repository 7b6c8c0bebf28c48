//! What the integration tests share: a sandbox to run `lpwh` in and the result of a run
//! ([`sandbox`]), and helpers per area.
//!
//! Many tests run on Unix only (file modes, signals, a Secret Service, tunnel stand-ins), so on
//! Windows some helpers go unused.
#![cfg_attr(not(unix), allow(dead_code))]

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
