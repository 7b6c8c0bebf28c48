//! What the tunnel tests share: the stand-in programs beside the tests, starting `listen` with
//! one against a Studio-like server, and reading the processes under lpwh from /proc.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::Value;
use studio_mock::StudioMock;

use crate::support::listen::Listener;

/// The stand-ins, beside this file.
pub fn standin(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/it/standins")
        .join(name)
}

pub fn api_env(mock: &StudioMock) -> Vec<(&'static str, String)> {
    vec![
        ("LIVEPEER_API_URL", mock.url()),
        ("LIVEPEER_API_KEY", mock.api_key().to_owned()),
    ]
}

/// `lpwh listen --tunnel ngrok` with the ngrok stand-in, and `args`.
pub fn start_ngrok(mock: &StudioMock, args: &[&str], extra_env: &[(&str, &str)]) -> Listener {
    let ngrok = standin("ngrok");
    let mut all = vec!["--tunnel", "ngrok", "--tunnel-bin", ngrok.to_str().unwrap()];
    all.extend_from_slice(args);
    start(mock, &all, extra_env)
}

pub fn start(mock: &StudioMock, args: &[&str], extra_env: &[(&str, &str)]) -> Listener {
    let env = api_env(mock);
    let mut all: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    all.extend_from_slice(extra_env);
    Listener::start_with(args, &all)
}

/// The processes whose parent is `pid`.
pub fn children(pid: u32) -> Vec<u32> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(child) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{child}/stat")) else {
            continue;
        };
        // `pid (comm) state ppid ...`; comm may hold spaces, so read after the last ')'.
        let after = &stat[stat.rfind(')').unwrap_or(0) + 1..];
        let mut fields = after.split_whitespace();
        let (_state, ppid) = (fields.next(), fields.next());
        if ppid.and_then(|p| p.parse::<u32>().ok()) == Some(pid) {
            found.push(child);
        }
    }
    found
}

/// Whether `pid` is a live process (not gone, not a zombie).
pub fn alive(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => {
            let after = &stat[stat.rfind(')').unwrap_or(0) + 1..];
            after.split_whitespace().next() != Some("Z")
        }
        Err(_) => false,
    }
}

/// Poll `check` until it is true, or fail with `what` after `within`.
#[track_caller]
pub fn eventually(within: Duration, what: &str, mut check: impl FnMut() -> bool) {
    let started = Instant::now();
    while !check() {
        assert!(started.elapsed() < within, "{what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The one tunnel child of the listener, once it has started.
pub fn tunnel_pid(listener: &Listener) -> u32 {
    let mut pid = 0;
    eventually(
        Duration::from_secs(10),
        "no tunnel process under lpwh",
        || match children(listener.pid()).as_slice() {
            [one] => {
                pid = *one;
                true
            }
            _ => false,
        },
    );
    pid
}

pub fn read_ready(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).expect("the ready file exists")).unwrap()
}
