//! Credentials end to end, through the real binary: `login` / `logout` / `profiles`, the OS
//! keyring (a real Secret Service), the 0600 file fallback, key precedence, and that the key
//! never reaches the terminal.
//!
//! Every run gets a temporary HOME, XDG dirs, LPWH_CONFIG_DIR and LPWH_DATA_DIR. Tests that do
//! not mean to use a keyring set LPWH_KEYRING=off and drop the session bus address, so they can
//! never touch one. The Secret Service test runs when CI=true or LPWH_TEST_SECRET_SERVICE=1
//! (`.ci/test` sets both up with a throwaway gnome-keyring), and then FAILS if none answers; on a
//! developer machine without them it skips with a printed reason, rather than write to the
//! developer's own keyring.

use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::UnixListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::Value;
use studio_mock::StudioMock;

/// A temporary home for one test, and how to run `lpwh` inside it.
struct Sandbox {
    dir: tempfile::TempDir,
    /// Use the session's Secret Service (else LPWH_KEYRING=off and no bus).
    keyring: bool,
}

impl Sandbox {
    fn file_only() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().unwrap(),
            keyring: false,
        }
    }

    fn with_session_keyring() -> Sandbox {
        Sandbox {
            keyring: true,
            ..Sandbox::file_only()
        }
    }

    fn config_dir(&self) -> PathBuf {
        self.dir.path().join("lpwh-config")
    }

    fn credentials_file(&self) -> PathBuf {
        self.config_dir().join("credentials.toml")
    }

    fn config_file(&self) -> PathBuf {
        self.config_dir().join("config.toml")
    }

    fn lpwh(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_lpwh"));
        for var in [
            "LIVEPEER_API_KEY",
            "LIVEPEER_API_URL",
            "LPWH_PROFILE",
            "LPWH_KEYRING",
            "LPWH_KEYRING_TIMEOUT",
        ] {
            cmd.env_remove(var);
        }
        let home = self.dir.path();
        cmd.args(args)
            .env("HOME", home.join("home"))
            .env("XDG_CONFIG_HOME", home.join("xdg-config"))
            .env("XDG_DATA_HOME", home.join("xdg-data"))
            .env("LPWH_CONFIG_DIR", self.config_dir())
            .env("LPWH_DATA_DIR", home.join("lpwh-data"))
            .env("CI", "true")
            .env("NO_COLOR", "1")
            .env("TERM", "dumb")
            .stdin(Stdio::null());
        if !self.keyring {
            cmd.env("LPWH_KEYRING", "off")
                .env_remove("DBUS_SESSION_BUS_ADDRESS");
        }
        cmd
    }

    fn run(&self, args: &[&str]) -> Run {
        Run::of(self.lpwh(args))
    }

    /// `lpwh ARGS login --api-key-stdin` with `key` on stdin.
    fn login(&self, args: &[&str], key: &str) -> Run {
        let mut all = args.to_vec();
        all.extend(["login", "--api-key-stdin"]);
        let mut cmd = self.lpwh(&all);
        cmd.stdin(Stdio::piped());
        Run::with_stdin(cmd, &format!("{key}\n"))
    }
}

/// A finished run, with helpers for assertions.
struct Run {
    out: Output,
}

impl Run {
    fn of(mut cmd: Command) -> Run {
        Run {
            out: cmd.output().expect("running lpwh"),
        }
    }

    fn with_stdin(mut cmd: Command, input: &str) -> Run {
        use std::io::Write;
        let mut child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("running lpwh");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        Run {
            out: child.wait_with_output().unwrap(),
        }
    }

    fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.out.stdout).into_owned()
    }

    fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.out.stderr).into_owned()
    }

    fn code(&self) -> i32 {
        self.out.status.code().unwrap_or(-1)
    }

    fn assert_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.code(),
            code,
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout(),
            self.stderr()
        );
        self
    }

    /// The key must not appear in any output, even in part of an error.
    fn assert_hides(&self, key: &str) -> &Run {
        for (name, text) in [("stdout", self.stdout()), ("stderr", self.stderr())] {
            assert!(!text.contains(key), "the key leaked on {name}:\n{text}");
        }
        self
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.out.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout()))
    }
}

/// A key unlikely to appear in any output by accident.
fn unique(prefix: &str) -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!("{prefix}-{}-{nanos:x}", std::process::id())
}

fn profile_row(run: &Run, name: &str) -> Value {
    run.json()
        .as_array()
        .expect("profiles --json is an array")
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("no profile {name} in {}", run.stdout()))
        .clone()
}

fn mode_of(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// The Bearer token of the last request the mock saw.
fn last_bearer(mock: &StudioMock) -> String {
    let requests = mock.requests();
    let last = requests.last().expect("the mock saw a request");
    last.header("authorization")
        .expect("an Authorization header")
        .to_owned()
}

#[test]
fn file_fallback_is_private_warns_and_round_trips() {
    let sandbox = Sandbox::file_only();
    let mock = StudioMock::start_blocking();
    let key = mock.api_key().to_owned();
    let url = mock.url();

    let login = sandbox.login(&["--api-url", &url, "-v"], &key);
    login.assert_code(0).assert_hides(&key);
    let err = login.stderr();
    // One warning line that says where the key is and why.
    let warning = err
        .lines()
        .find(|l| l.starts_with("warning:"))
        .unwrap_or_else(|| panic!("no warning:\n{err}"));
    assert!(warning.contains("credentials.toml"), "{warning}");
    assert!(warning.contains("LPWH_KEYRING=off"), "{warning}");
    assert!(
        login.stdout().is_empty(),
        "stdout is for data: {}",
        login.stdout()
    );

    // Checked with exactly one GET /webhook?limit=1 carrying the key.
    let requests = mock.requests();
    assert_eq!(
        requests.len(),
        1,
        "{:?}",
        requests.iter().map(|r| r.line()).collect::<Vec<_>>()
    );
    assert_eq!(requests[0].method, "GET");
    assert_eq!(requests[0].path, "/api/webhook");
    assert_eq!(requests[0].query_param("limit").as_deref(), Some("1"));
    assert_eq!(
        requests[0].header("authorization"),
        Some(format!("Bearer {key}").as_str())
    );

    // The file: 0600 in a 0700 dir, holding the key; config.toml holds the URL and no key.
    let file = sandbox.credentials_file();
    assert_eq!(mode_of(&file), 0o600);
    assert_eq!(mode_of(&sandbox.config_dir()), 0o700);
    assert!(std::fs::read_to_string(&file).unwrap().contains(&key));
    let config = std::fs::read_to_string(sandbox.config_file()).unwrap();
    assert!(config.contains(&url), "{config}");
    assert!(
        !config.contains(&key),
        "config.toml holds the key:\n{config}"
    );
    let leftovers: Vec<_> = std::fs::read_dir(sandbox.config_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temp files left: {leftovers:?}");

    let profiles = sandbox.run(&["profiles", "--json"]);
    profiles.assert_code(0).assert_hides(&key);
    let row = profile_row(&profiles, "default");
    assert_eq!(row["key"], "file");
    assert_eq!(row["api_url"], url.as_str());
    assert_eq!(row["current"], true);

    // A command using the stored key sends it, and warns that it came from the file.
    let list = sandbox.run(&["list", "--json"]);
    list.assert_code(0).assert_hides(&key);
    assert_eq!(last_bearer(&mock), format!("Bearer {key}"));
    assert!(
        list.stderr().contains("credentials.toml"),
        "no file warning:\n{}",
        list.stderr()
    );

    let logout = sandbox.run(&["logout"]);
    logout.assert_code(0).assert_hides(&key);
    assert!(
        logout.stderr().contains("Removed the key"),
        "{}",
        logout.stderr()
    );
    assert!(
        !file.exists(),
        "the emptied credentials file should be gone"
    );
    let again = sandbox.run(&["logout"]);
    again.assert_code(0);
    assert!(
        again.stderr().contains("nothing to remove"),
        "{}",
        again.stderr()
    );
    assert_eq!(
        profile_row(&sandbox.run(&["profiles", "--json"]), "default")["key"],
        "none"
    );
    sandbox.run(&["list"]).assert_code(3);
}

#[test]
fn precedence_is_flag_then_env_then_stored() {
    let sandbox = Sandbox::file_only();
    let mock = StudioMock::start_blocking();
    let stored = mock.api_key().to_owned();
    sandbox
        .login(&["--api-url", &mock.url()], &stored)
        .assert_code(0);

    sandbox.run(&["list"]).assert_code(0);
    assert_eq!(last_bearer(&mock), format!("Bearer {stored}"));

    // The mock refuses these keys (exit 3) but records what was sent.
    let mut env_only = sandbox.lpwh(&["list"]);
    env_only.env("LIVEPEER_API_KEY", "env-key-0001");
    let run = Run::of(env_only);
    run.assert_code(3).assert_hides("env-key-0001");
    assert_eq!(last_bearer(&mock), "Bearer env-key-0001");
    assert!(
        !run.stderr().contains("credentials.toml"),
        "the stored key was read although the env key wins:\n{}",
        run.stderr()
    );

    let mut both = sandbox.lpwh(&["list", "--api-key", "flag-key-0002"]);
    both.env("LIVEPEER_API_KEY", "env-key-0001");
    Run::of(both).assert_code(3).assert_hides("flag-key-0002");
    assert_eq!(last_bearer(&mock), "Bearer flag-key-0002");
}

#[test]
fn login_without_a_terminal_or_stdin_flag_is_a_usage_error() {
    let sandbox = Sandbox::file_only();
    let mock = StudioMock::start_blocking();
    let run = sandbox.run(&["--api-url", &mock.url(), "login"]);
    run.assert_code(2);
    assert!(run.stderr().contains("--api-key-stdin"), "{}", run.stderr());
    assert_eq!(mock.request_count(), 0);
    assert!(!sandbox.config_dir().exists(), "nothing may be written");
}

#[test]
fn empty_or_spaced_keys_are_usage_errors() {
    let sandbox = Sandbox::file_only();
    let mock = StudioMock::start_blocking();
    for key in ["", "   ", "two words"] {
        let run = sandbox.login(&["--api-url", &mock.url()], key);
        run.assert_code(2);
        assert!(run.stderr().contains("key"), "{}", run.stderr());
    }
    assert_eq!(mock.request_count(), 0);
    assert!(!sandbox.credentials_file().exists());
}

#[test]
fn a_refused_key_is_not_saved() {
    let sandbox = Sandbox::file_only();
    let mock = StudioMock::start_blocking();
    let wrong = unique("sk-wrong");
    // Studio's 401 for an unknown key quotes it ("no token <key> found"): it must not leak.
    let run = sandbox.login(&["--api-url", &mock.url(), "--profile", "prod"], &wrong);
    run.assert_code(3).assert_hides(&wrong);
    assert!(run.stderr().contains("refused"), "{}", run.stderr());
    assert!(run.stderr().contains("hint:"), "{}", run.stderr());
    assert_eq!(mock.request_count(), 1);
    assert!(
        !sandbox.credentials_file().exists(),
        "a refused key was stored"
    );
    assert!(
        !sandbox.config_file().exists(),
        "a refused login wrote config.toml"
    );
    let profiles = sandbox.run(&["--profile", "prod", "profiles", "--json"]);
    assert_eq!(profile_row(&profiles, "prod")["key"], "none");
}

#[test]
fn profiles_lists_config_and_file_profiles_with_the_current_one_marked() {
    let sandbox = Sandbox::file_only();
    let mock = StudioMock::start_blocking();
    let key = mock.api_key().to_owned();
    sandbox
        .login(&["--profile", "staging", "--api-url", &mock.url()], &key)
        .assert_code(0);
    std::fs::write(
        sandbox.config_file(),
        format!(
            "{}\n[profiles.prod]\napi_url = \"https://prod.example/api\"\n",
            std::fs::read_to_string(sandbox.config_file()).unwrap()
        ),
    )
    .unwrap();

    let run = sandbox.run(&["--profile", "prod", "profiles", "--json"]);
    run.assert_code(0).assert_hides(&key);
    let names: Vec<_> = run
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(names, ["prod", "staging"]);
    let prod = profile_row(&run, "prod");
    assert_eq!(prod["current"], true);
    assert_eq!(prod["key"], "none");
    assert_eq!(prod["api_url"], "https://prod.example/api");
    let staging = profile_row(&run, "staging");
    assert_eq!(staging["current"], false);
    assert_eq!(staging["key"], "file");

    // The table for people: same facts, the current profile starred.
    let table = sandbox.run(&["--profile", "prod", "profiles"]);
    table.assert_code(0).assert_hides(&key);
    let out = table.stdout();
    let prod_line = out.lines().find(|l| l.contains("prod.example")).unwrap();
    assert!(
        prod_line.starts_with('*') && prod_line.ends_with("none"),
        "{out}"
    );
    let staging_line = out.lines().find(|l| l.contains("staging")).unwrap();
    assert!(
        !staging_line.starts_with('*') && staging_line.ends_with("file"),
        "{out}"
    );
}

#[test]
fn a_malformed_config_is_reported_with_its_path() {
    let sandbox = Sandbox::file_only();
    std::fs::create_dir_all(sandbox.config_dir()).unwrap();
    std::fs::write(sandbox.config_file(), "[profiles.x\napi_url = 1\n").unwrap();
    let run = sandbox.run(&["profiles"]);
    run.assert_code(2);
    let err = run.stderr();
    assert!(
        err.contains(&sandbox.config_file().display().to_string()),
        "{err}"
    );
    assert!(err.contains("line 1"), "{err}");
}

#[test]
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
    let run = Run::with_stdin(cmd, &key);
    run.assert_code(0).assert_hides(&key);
    // Not a speed goal: a hang would never get here at all (the test harness would time out).
    let waited = started.elapsed();
    assert!(waited < Duration::from_secs(30), "login took {waited:?}");
    assert!(
        run.stderr().contains("did not answer within 0.5s"),
        "{}",
        run.stderr()
    );
    assert_eq!(mode_of(&sandbox.credentials_file()), 0o600);
}

/// Whether this run must prove the Secret Service path (CI), and the reason when it may skip.
fn secret_service_required() -> Result<(), String> {
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
        !login.stderr().contains("no OS keyring is available"),
        "no Secret Service answered (CI requires one):\n{}",
        login.stderr()
    );
    login.assert_code(0);
    assert!(login.stderr().contains("OS keyring"), "{}", login.stderr());
    assert!(!login.stderr().contains("warning:"), "{}", login.stderr());
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
    assert!(!list.stderr().contains("warning:"), "{}", list.stderr());

    let logout = sandbox.run(&["--profile", &profile, "logout"]);
    logout.assert_code(0).assert_hides(&key);
    assert!(
        logout.stderr().contains("from the OS keyring"),
        "{}",
        logout.stderr()
    );
    if let Some(found) = secret_tool_lookup(&profile) {
        assert_eq!(found, "", "the keyring still holds the key");
    }
    let again = sandbox.run(&["--profile", &profile, "logout"]);
    again.assert_code(0);
    assert!(
        again.stderr().contains("nothing to remove"),
        "{}",
        again.stderr()
    );
    let after = sandbox.run(&["--profile", &profile, "profiles", "--json"]);
    assert_eq!(profile_row(&after, &profile)["key"], "none");
    sandbox.run(&["--profile", &profile, "list"]).assert_code(3);
}

#[test]
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
    Run::with_stdin(file_login, &key).assert_code(0);
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
