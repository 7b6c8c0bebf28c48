//! Shared by the credentials tests: a temporary home per test, running the real `lpwh` in it
//! (TTY-less, colourless, never the real user's config), and assertion helpers.

// Each test crate that includes this module uses a different subset of it.
#![allow(dead_code)]

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::Value;
use studio_mock::StudioMock;

/// A temporary home for one test, and how to run `lpwh` inside it.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
    /// Use the session's Secret Service (else LPWH_KEYRING=off and no bus).
    pub keyring: bool,
}

impl Sandbox {
    pub fn file_only() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().unwrap(),
            keyring: false,
        }
    }

    pub fn with_session_keyring() -> Sandbox {
        Sandbox {
            keyring: true,
            ..Sandbox::file_only()
        }
    }

    pub fn config_dir(&self) -> PathBuf {
        self.dir.path().join("lpwh-config")
    }

    pub fn credentials_file(&self) -> PathBuf {
        self.config_dir().join("credentials.toml")
    }

    pub fn config_file(&self) -> PathBuf {
        self.config_dir().join("config.toml")
    }

    pub fn lpwh(&self, args: &[&str]) -> Command {
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

    pub fn run(&self, args: &[&str]) -> Run {
        Run::of(self.lpwh(args))
    }

    /// `lpwh ARGS login --api-key-stdin` with `key` on stdin.
    pub fn login(&self, args: &[&str], key: &str) -> Run {
        let mut all = args.to_vec();
        all.extend(["login", "--api-key-stdin"]);
        let mut cmd = self.lpwh(&all);
        cmd.stdin(Stdio::piped());
        Run::with_stdin(cmd, &format!("{key}\n"))
    }
}

/// A finished run, with helpers for assertions.
pub struct Run {
    out: Output,
}

impl Run {
    pub fn of(mut cmd: Command) -> Run {
        Run {
            out: cmd.output().expect("running lpwh"),
        }
    }

    pub fn with_stdin(mut cmd: Command, input: &str) -> Run {
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

    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.out.stdout).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.out.stderr).into_owned()
    }

    pub fn code(&self) -> i32 {
        self.out.status.code().unwrap_or(-1)
    }

    pub fn assert_code(&self, code: i32) -> &Run {
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
    pub fn assert_hides(&self, key: &str) -> &Run {
        for (name, text) in [("stdout", self.stdout()), ("stderr", self.stderr())] {
            assert!(!text.contains(key), "the key leaked on {name}:\n{text}");
        }
        self
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.out.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout()))
    }
}

/// A key unlikely to appear in any output by accident.
pub fn unique(prefix: &str) -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!("{prefix}-{}-{nanos:x}", std::process::id())
}

pub fn profile_row(run: &Run, name: &str) -> Value {
    run.json()
        .as_array()
        .expect("profiles --json is an array")
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("no profile {name} in {}", run.stdout()))
        .clone()
}

pub fn mode_of(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// The Bearer token of the last request the mock saw.
pub fn last_bearer(mock: &StudioMock) -> String {
    let requests = mock.requests();
    let last = requests.last().expect("the mock saw a request");
    last.header("authorization")
        .expect("an Authorization header")
        .to_owned()
}
