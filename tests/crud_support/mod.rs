//! Shared by the webhook-command tests: a Studio mock, temp dirs, and the real `lpwh` binary
//! run against them with a TTY-less, colourless, isolated environment.

#![allow(dead_code)] // Each test file uses a different part of this.

use std::path::Path;
use std::process::Command as StdCommand;
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;
use studio_mock::{RecordedRequest, StudioMock};
use tempfile::TempDir;

/// A mock Studio and a private home for one test.
pub struct Env {
    pub mock: StudioMock,
    pub home: TempDir,
}

/// What one run of `lpwh` did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// stdout and stderr together, for "never printed anywhere" checks.
    pub fn all(&self) -> String {
        format!("{}\n{}", self.stdout, self.stderr)
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }

    #[track_caller]
    pub fn assert_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }
}

impl Env {
    pub fn new() -> Env {
        Env {
            mock: StudioMock::start_blocking(),
            home: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// `lpwh` with every variable that could reach the user's real setup pointed at temp dirs.
    pub fn std_command(&self) -> StdCommand {
        let mut cmd = StdCommand::new(env!("CARGO_BIN_EXE_lpwh"));
        isolate(&mut cmd, self.home.path());
        cmd.env("LIVEPEER_API_URL", self.mock.url())
            .env("LIVEPEER_API_KEY", self.mock.api_key());
        cmd
    }

    pub fn command(&self) -> Command {
        let mut cmd = Command::from_std(self.std_command());
        cmd.timeout(Duration::from_secs(60));
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Run {
        run_cmd(self.command().args(args))
    }

    /// The requests with this method whose path starts with `prefix`.
    pub fn requests(&self, method: &str, prefix: &str) -> Vec<RecordedRequest> {
        self.mock
            .requests()
            .into_iter()
            .filter(|r| r.method == method && r.path.starts_with(prefix))
            .collect()
    }

    /// A webhook as the mock stores it.
    pub fn stored(&self, id: &str) -> Value {
        self.mock
            .webhook(id)
            .unwrap_or_else(|| panic!("webhook {id} is not stored"))
    }
}

/// Point HOME, XDG dirs and lpwh's own dirs at `home`; no colour, no inherited lpwh settings.
pub fn isolate(cmd: &mut StdCommand, home: &Path) {
    for var in [
        "LIVEPEER_API_KEY",
        "LIVEPEER_API_URL",
        "LPWH_PROFILE",
        "LPWH_WEBHOOK_SECRET",
        "DBUS_SESSION_BUS_ADDRESS",
    ] {
        cmd.env_remove(var);
    }
    cmd.env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("LPWH_CONFIG_DIR", home.join("lpwh-config"))
        .env("LPWH_DATA_DIR", home.join("lpwh-data"))
        .env("LPWH_KEYRING", "off")
        .env("NO_COLOR", "1")
        .env("CI", "1")
        .env("TZ", "UTC");
}

pub fn run_cmd(cmd: &mut Command) -> Run {
    let output = cmd.output().expect("run lpwh");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// The URL of a port nobody listens on (bound, then released).
pub fn refused_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    drop(listener);
    format!("http://127.0.0.1:{port}/api")
}
