//! The one way the tests run `lpwh`: in a sandbox (a temp home that every directory lpwh reads
//! or writes points into; no colour, no terminal, no keyring, nothing inherited from the user's
//! lpwh settings): [`lpwh`] for a command, [`Sandbox`] for a home that owns its temp dir, and
//! the one result of a run, [`Run`].

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::Value;

/// How long one run of `lpwh` may take before the test fails (a hang, not a slow machine).
pub const RUN_LIMIT: Duration = Duration::from_secs(60);

/// lpwh's config dir inside a sandbox home (`LPWH_CONFIG_DIR`).
pub fn config_dir(home: &Path) -> PathBuf {
    home.join("lpwh-config")
}

/// lpwh's data dir inside a sandbox home (`LPWH_DATA_DIR`): the inbox is `inbox.sqlite` in it.
pub fn data_dir(home: &Path) -> PathBuf {
    home.join("lpwh-data")
}

/// A clean environment (only `PATH` kept) with HOME, the XDG dirs and lpwh's own dirs in
/// `home`; no colour, no keyring (`LPWH_KEYRING=off`, no session bus), stdin empty. Nothing
/// of the user's lpwh settings, secrets or keys can leak in.
///
/// On Windows a few system variables stay too: without `SystemRoot` a process cannot open a
/// socket (Winsock fails to load its providers, error 10106), and the temporary directory and
/// program lookup read the others.
pub fn isolate(cmd: &mut Command, home: &Path) {
    cmd.env_clear();
    #[cfg(windows)]
    for name in [
        "SystemRoot",
        "windir",
        "SystemDrive",
        "TEMP",
        "TMP",
        "PATHEXT",
        "ComSpec",
    ] {
        if let Some(value) = std::env::var_os(name) {
            cmd.env(name, value);
        }
    }
    cmd.env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("LPWH_CONFIG_DIR", config_dir(home))
        .env("LPWH_DATA_DIR", data_dir(home))
        .env("LPWH_KEYRING", "off")
        .env("NO_COLOR", "1")
        .env("CI", "1")
        .env("TZ", "UTC")
        .stdin(Stdio::null());
}

/// The `lpwh` binary, sandboxed in `home`.
pub fn lpwh(home: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_lpwh"));
    isolate(&mut cmd, home);
    cmd
}

/// A temporary home for one test, and how to run `lpwh` inside it.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
    /// Use the session's Secret Service (else LPWH_KEYRING=off and no bus).
    pub keyring: bool,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().unwrap(),
            keyring: false,
        }
    }

    pub fn with_session_keyring() -> Sandbox {
        Sandbox {
            keyring: true,
            ..Sandbox::new()
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn config_dir(&self) -> PathBuf {
        config_dir(self.dir.path())
    }

    pub fn data_dir(&self) -> PathBuf {
        data_dir(self.dir.path())
    }

    /// Where the inbox is by default (`$LPWH_DATA_DIR/inbox.sqlite`).
    pub fn default_db(&self) -> PathBuf {
        self.data_dir().join("inbox.sqlite")
    }

    pub fn credentials_file(&self) -> PathBuf {
        self.config_dir().join("credentials.toml")
    }

    #[cfg(unix)]
    pub fn config_file(&self) -> PathBuf {
        self.config_dir().join("config.toml")
    }

    /// `lpwh ARGS` sandboxed in this home; with the session's Secret Service when asked for.
    pub fn lpwh(&self, args: &[&str]) -> Command {
        let mut cmd = lpwh(self.dir.path());
        cmd.args(args).env("TERM", "dumb");
        if self.keyring {
            cmd.env_remove("LPWH_KEYRING");
            if let Some(bus) = std::env::var_os("DBUS_SESSION_BUS_ADDRESS") {
                cmd.env("DBUS_SESSION_BUS_ADDRESS", bus);
            }
        }
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Run {
        Run::of(&mut self.lpwh(args))
    }

    /// Write `contents` to `name` in the home; its path.
    pub fn file(&self, name: &str, contents: &[u8]) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, contents).unwrap();
        path
    }

    /// `lpwh ARGS`, which must succeed; its stdout.
    #[track_caller]
    pub fn ok(&self, args: &[&str]) -> String {
        let run = self.run(args);
        assert!(
            run.success(),
            "lpwh {args:?} failed ({}):\n{}",
            run.code,
            run.stderr
        );
        run.stdout
    }

    /// `lpwh ARGS login --api-key-stdin` with `key` on stdin.
    #[cfg(unix)]
    pub fn login(&self, args: &[&str], key: &str) -> Run {
        let mut all = args.to_vec();
        all.extend(["login", "--api-key-stdin"]);
        Run::with_stdin(&mut self.lpwh(&all), &format!("{key}\n"))
    }
}

/// What one run of `lpwh` did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    /// stdout exactly as written (for `--raw` and other byte-for-byte checks).
    pub bytes: Vec<u8>,
}

/// Kill a process that ran past its limit (its `Child` is with the thread waiting on it).
fn kill_9(pid: u32) {
    #[cfg(unix)]
    let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
    #[cfg(windows)]
    let _ = Command::new("taskkill")
        .args(["/F", "/PID", &pid.to_string()])
        .status();
}

impl Run {
    /// Run `cmd` to the end, capturing both streams; killed, and the test failed, past
    /// [`RUN_LIMIT`].
    pub fn of(cmd: &mut Command) -> Run {
        let child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run lpwh");
        Run::finish(child)
    }

    /// Run `cmd` with `input` on its stdin.
    #[cfg(unix)]
    pub fn with_stdin(cmd: &mut Command, input: &str) -> Run {
        use std::io::Write as _;
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run lpwh");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        Run::finish(child)
    }

    fn finish(child: Child) -> Run {
        let pid = child.id();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(child.wait_with_output());
        });
        match rx.recv_timeout(RUN_LIMIT) {
            Ok(out) => Run::from(out.expect("run lpwh")),
            Err(_) => {
                kill_9(pid);
                panic!("lpwh ran past {RUN_LIMIT:?} and was killed");
            }
        }
    }

    pub fn success(&self) -> bool {
        self.code == 0
    }

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

    /// `secret` must not appear in any output, even in part of an error.
    #[cfg(unix)]
    #[track_caller]
    pub fn assert_hides(&self, secret: &str) -> &Self {
        for (name, text) in [("stdout", &self.stdout), ("stderr", &self.stderr)] {
            assert!(
                !text.contains(secret),
                "the secret leaked on {name}:\n{text}"
            );
        }
        self
    }
}

impl From<std::process::Output> for Run {
    fn from(out: std::process::Output) -> Run {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            bytes: out.stdout,
        }
    }
}
