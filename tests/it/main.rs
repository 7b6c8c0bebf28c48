//! lpwh's integration tests, one binary: each module is one area, run against the real `lpwh`
//! binary, a Studio-like server on loopback (`studio-mock`), real clients and pseudo-terminals.
//! Shared code is in `support`. Modules that need Unix or Linux are listed, test by test, as
//! ignored on other OSes (`os_only`).

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
mod os_only;
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
#[cfg(target_os = "linux")]
mod tunnel;
#[cfg(target_os = "linux")]
mod tunnel_hostile;
#[cfg(unix)]
mod wizard_pty;
