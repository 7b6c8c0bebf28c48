//! What the integration tests share: a sandbox to run `lpwh` in and the result of a run
//! ([`sandbox`]), and helpers per area.

pub mod api;
pub mod credentials;
pub mod crud;
pub mod inbox;
pub mod listen;
pub mod node;
pub mod receiver;
pub mod sandbox;
pub mod tunnel;
pub mod vectors;
