//! Assertion helpers for the credentials and keyring tests (which run `lpwh` in a
//! [`crate::support::sandbox::Sandbox`]).

use std::path::Path;
#[cfg(unix)]
use std::time::{SystemTime, UNIX_EPOCH};

#[cfg(unix)]
use crate::support::sandbox::Run;
#[cfg(unix)]
use serde_json::Value;
#[cfg(unix)]
use studio_mock::StudioMock;

/// A key unlikely to appear in any output by accident.
#[cfg(unix)]
pub fn unique(prefix: &str) -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!("{prefix}-{}-{nanos:x}", std::process::id())
}

#[cfg(unix)]
pub fn profile_row(run: &Run, name: &str) -> Value {
    run.json()
        .as_array()
        .expect("profiles --json is an array")
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("no profile {name} in {}", run.stdout))
        .clone()
}

#[cfg(unix)]
pub fn mode_of(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Windows has no permission bits: the tests that check them are ignored there, saying so.
#[cfg(not(unix))]
pub fn mode_of(_path: &Path) -> u32 {
    panic!("file modes are Unix-only")
}

/// The Bearer token of the last request the mock saw.
#[cfg(unix)]
pub fn last_bearer(mock: &StudioMock) -> String {
    let requests = mock.requests();
    let last = requests.last().expect("the mock saw a request");
    last.header("authorization")
        .expect("an Authorization header")
        .to_owned()
}

/// Whether this run must prove the Secret Service path (CI), and the reason when it may skip.
pub fn secret_service_required() -> Result<(), String> {
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
    let asked = std::env::var("LPWH_TEST_SECRET_SERVICE").is_ok_and(|v| v == "1");
    if ci || asked {
        Ok(())
    } else {
        Err(
            "skipped: set LPWH_TEST_SECRET_SERVICE=1 (or run `bash .ci/test`, which starts a \
             throwaway gnome-keyring) to test against a real Secret Service; this test does not \
             write to your own keyring unasked"
                .to_owned(),
        )
    }
}
