//! Shared by the webhook-command tests: a Studio mock and a sandbox home, and the real `lpwh`
//! run against them.

use std::process::Command;

use serde_json::Value;
use studio_mock::{RecordedRequest, StudioMock};
use tempfile::TempDir;

use crate::support::sandbox::{self, Run};

/// A mock Studio and a private home for one test.
pub struct Env {
    pub mock: StudioMock,
    pub home: TempDir,
}

impl Env {
    pub fn new() -> Env {
        Env {
            mock: StudioMock::start_blocking(),
            home: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// `lpwh` sandboxed in this home, pointed at the mock with its key.
    pub fn command(&self) -> Command {
        let mut cmd = sandbox::lpwh(self.home.path());
        cmd.env("LIVEPEER_API_URL", self.mock.url())
            .env("LIVEPEER_API_KEY", self.mock.api_key());
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Run {
        Run::of(self.command().args(args))
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
