//! One file per verb, and nothing else. Each exports `Args` (its clap flags) and
//! `run(ctx, args)`; `crate::run` dispatches to them.

pub mod check;
pub mod completions;
pub mod create;
pub mod delete;
pub mod event_types;
pub mod get;
pub mod health;
pub mod inbox;
pub mod list;
pub mod listen;
pub mod login;
pub mod logout;
pub mod logs;
pub mod profiles;
pub mod resend;
pub mod sign;
pub mod trigger;
pub mod update;
pub mod verify;
