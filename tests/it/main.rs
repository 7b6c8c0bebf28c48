//! lpwh's integration tests, one binary: each module is one area, run against the real `lpwh`
//! binary, a Studio-like server on loopback (`studio-mock`), real clients and pseudo-terminals.
//! Shared code is in `support`. Modules that need Unix are listed, test by test, as ignored on
//! other OSes (`not_unix`).

mod support;

mod ack_first;
mod api_client;
mod api_paging;
mod check;
mod cli_admin;
mod cli_crud;
mod cli_errors;
mod cli_logs;
mod cli_resend;
mod cli_update_delete;
#[cfg(unix)]
mod credentials;
mod cross_check;
mod examples;
mod generated;
mod health;
mod inbox_backfill;
mod inbox_durability;
mod inbox_listen;
#[cfg(unix)]
mod keyring;
mod listen_app;
mod listen_deliveries;
mod listen_hostile;
#[cfg(unix)]
mod listen_pty;
mod listen_public_url;
mod listen_schemes;
#[cfg(unix)]
mod login_pty;
mod mock_server;
mod not_unix;
mod readme;
mod samples;
#[cfg(unix)]
mod shell_paste;
mod sign_verify;
mod signature_props;
mod signatures;
#[cfg(unix)]
mod terminal_pty;
mod trigger;
mod trigger_listen;
#[cfg(unix)]
mod tunnel;
#[cfg(unix)]
mod tunnel_hostile;
#[cfg(unix)]
mod wizard_pty;
