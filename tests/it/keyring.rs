//! The OS keyring through the real binary: a real Secret Service round trip, moving a key from
//! the file into the keyring, and a Secret Service that hangs.
//!
//! The Secret Service tests run when CI=true or LPWH_TEST_SECRET_SERVICE=1 (`.ci/test` provides
//! a throwaway gnome-keyring in a private D-Bus session) and then FAIL if none answers; on a
//! developer machine without them they skip with a printed reason, rather than write to the
//! developer's own keyring.

#![cfg(unix)]

use std::os::unix::net::UnixListener;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::credentials::{
    last_bearer, mode_of, profile_row, secret_service_required, unique,
};
use crate::support::sandbox::{Run, Sandbox};
use studio_mock::StudioMock;

#[test]
#[cfg_attr(
    not(target_os = "linux"),
    ignore = "needs a Secret Service on a D-Bus session bus (Linux); macOS keeps keys in the Keychain"
)]
fn a_hung_secret_service_costs_seconds_not_forever() {
    // A "session bus" that accepts connections and never says a word.
    let sandbox = Sandbox::with_session_keyring();
    let socket = sandbox.dir.path().join("silent-bus");
    let listener = UnixListener::bind(&socket).unwrap();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        // Bounded: one test, a handful of connections.
        for stream in listener.incoming().take(16).flatten() {
            held.push(stream);
        }
        std::thread::sleep(Duration::from_secs(60));
    });

    let mock = StudioMock::start_blocking();
    let key = mock.api_key().to_owned();
    let mut cmd = sandbox.lpwh(&["--api-url", &mock.url(), "login", "--api-key-stdin"]);
    cmd.env(
        "DBUS_SESSION_BUS_ADDRESS",
        format!("unix:path={}", socket.display()),
    )
    .env("LPWH_KEYRING_TIMEOUT", "0.5")
    .stdin(Stdio::piped());
    let started = Instant::now();
    let run = Run::with_stdin(&mut cmd, &key);
    run.assert_code(0).assert_hides(&key);
    // Not a speed goal: a hang would never get here at all (the test harness would time out).
    let waited = started.elapsed();
    assert!(waited < Duration::from_secs(30), "login took {waited:?}");
    assert!(
        run.stderr.contains("did not answer within 0.5s"),
        "{}",
        run.stderr
    );
    assert_eq!(mode_of(&sandbox.credentials_file()), 0o600);
}

/// `secret-tool lookup`, when installed: an independent reading of the Secret Service.
fn secret_tool_lookup(profile: &str) -> Option<String> {
    let out = Command::new("secret-tool")
        .args(["lookup", "service", "lpwh", "username", profile])
        .stdin(Stdio::null())
        .output()
        .ok()?;
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Logs the test profile out even when an assertion fails, so the keyring is left clean.
struct LogoutOnDrop<'a>(&'a Sandbox, String);

impl Drop for LogoutOnDrop<'_> {
    fn drop(&mut self) {
        let _ = self.0.lpwh(&["--profile", &self.1, "logout"]).output();
    }
}

#[test]
#[cfg_attr(
    not(target_os = "linux"),
    ignore = "needs a Secret Service on a D-Bus session bus (Linux); macOS keeps keys in the Keychain"
)]
fn keys_round_trip_through_a_real_secret_service() {
    if let Err(reason) = secret_service_required() {
        eprintln!("keys_round_trip_through_a_real_secret_service: {reason}");
        return;
    }
    assert!(
        std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some(),
        "CI needs a Secret Service, but DBUS_SESSION_BUS_ADDRESS is unset: run `bash .ci/test`"
    );
    let sandbox = Sandbox::with_session_keyring();
    let mock = StudioMock::start_blocking();
    let key = mock.api_key().to_owned();
    let profile = unique("lpwh-test");
    let _cleanup = LogoutOnDrop(&sandbox, profile.clone());

    let login = sandbox.login(&["--profile", &profile, "--api-url", &mock.url()], &key);
    login.assert_hides(&key);
    assert!(
        !login.stderr.contains("no OS keyring is available"),
        "no Secret Service answered (CI requires one):\n{}",
        login.stderr
    );
    login.assert_code(0);
    assert!(login.stderr.contains("OS keyring"), "{}", login.stderr);
    assert!(!login.stderr.contains("warning:"), "{}", login.stderr);
    assert!(
        !sandbox.credentials_file().exists(),
        "the key went to the file"
    );
    if let Some(found) = secret_tool_lookup(&profile) {
        assert_eq!(found.trim_end(), key, "secret-tool reads another value");
    }

    let profiles = sandbox.run(&["--profile", &profile, "profiles", "--json"]);
    profiles.assert_code(0).assert_hides(&key);
    assert_eq!(profile_row(&profiles, &profile)["key"], "keyring");

    // Read back by a command that uses it: the stored key is what gets sent.
    let list = sandbox.run(&["--profile", &profile, "list"]);
    list.assert_code(0).assert_hides(&key);
    assert_eq!(last_bearer(&mock), format!("Bearer {key}"));
    assert!(!list.stderr.contains("warning:"), "{}", list.stderr);

    let logout = sandbox.run(&["--profile", &profile, "logout"]);
    logout.assert_code(0).assert_hides(&key);
    assert!(
        logout.stderr.contains("from the OS keyring"),
        "{}",
        logout.stderr
    );
    if let Some(found) = secret_tool_lookup(&profile) {
        assert_eq!(found, "", "the keyring still holds the key");
    }
    let again = sandbox.run(&["--profile", &profile, "logout"]);
    again.assert_code(0);
    assert!(
        again.stderr.contains("nothing to remove"),
        "{}",
        again.stderr
    );
    let after = sandbox.run(&["--profile", &profile, "profiles", "--json"]);
    assert_eq!(profile_row(&after, &profile)["key"], "none");
    sandbox.run(&["--profile", &profile, "list"]).assert_code(3);
}

#[test]
#[cfg_attr(
    not(target_os = "linux"),
    ignore = "needs a Secret Service on a D-Bus session bus (Linux); macOS keeps keys in the Keychain"
)]
fn the_keyring_replaces_an_older_file_copy() {
    if let Err(reason) = secret_service_required() {
        eprintln!("the_keyring_replaces_an_older_file_copy: {reason}");
        return;
    }
    let sandbox = Sandbox::with_session_keyring();
    let mock = StudioMock::start_blocking();
    let key = mock.api_key().to_owned();
    let profile = unique("lpwh-test");
    let _cleanup = LogoutOnDrop(&sandbox, profile.clone());

    // First without a keyring (file), then with one: one stored copy, in the keyring.
    let mut file_login = sandbox.lpwh(&[
        "--profile",
        &profile,
        "--api-url",
        &mock.url(),
        "login",
        "--api-key-stdin",
    ]);
    file_login.env("LPWH_KEYRING", "off").stdin(Stdio::piped());
    Run::with_stdin(&mut file_login, &key).assert_code(0);
    assert!(sandbox.credentials_file().exists());

    sandbox
        .login(&["--profile", &profile], &key)
        .assert_code(0)
        .assert_hides(&key);
    assert!(
        !sandbox.credentials_file().exists(),
        "the file copy was left behind"
    );
    let profiles = sandbox.run(&["--profile", &profile, "profiles", "--json"]);
    assert_eq!(profile_row(&profiles, &profile)["key"], "keyring");
}
