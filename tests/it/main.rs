//! lpwh's integration tests, one binary: each module is one area, run against the real `lpwh`
//! binary, a Studio-like server on loopback (`studio-mock`), real clients and pseudo-terminals.
//! Shared code is in `support`.

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
mod credentials;
mod cross_check;
mod examples;
mod generated;
mod health;
mod inbox_backfill;
mod inbox_durability;
mod inbox_listen;
mod keyring;
mod listen_app;
mod listen_deliveries;
mod listen_hostile;
mod listen_pty;
mod listen_public_url;
mod listen_schemes;
mod login_pty;
mod mock_server;
mod readme;
mod samples;
mod shell_paste;
mod sign_verify;
mod signature_props;
mod signatures;
mod terminal_pty;
mod trigger;
mod trigger_listen;
mod tunnel;
mod tunnel_hostile;
mod wizard_pty;
