//! A hostile tunnel program (`standins/hostile-ngrok`, ngrok's interface) against `listen
//! --tunnel`: URLs that smuggle escapes, newlines or credentials are refused before any webhook
//! is made; an endless line costs a capped buffer; helpers that ignore SIGTERM or leave the
//! process group are stopped with it; what `kill -9` leaves is named by the next run; and a
//! tunnel that dies at once is restarted after growing waits.

use std::process::Command;
use std::time::Duration;

use studio_mock::StudioMock;

use crate::support::sandbox::{Run, Sandbox, lpwh};
use crate::support::tunnel::*;

/// `lpwh listen --tunnel ngrok` with the hostile stand-in, run to its end.
fn run_hostile(mock: &StudioMock, home: &Sandbox, env: &[(&str, &str)]) -> Run {
    let bin = standin("hostile-ngrok");
    let mut cmd = lpwh(home.path());
    cmd.args(["listen", "--port", "0", "--tunnel", "ngrok", "--tunnel-bin"])
        .arg(&bin)
        .args(["--tunnel-timeout", "20s"]);
    for (k, v) in api_env(mock) {
        cmd.env(k, v);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    Run::of(&mut cmd)
}

#[test]
fn hostile_public_urls_are_refused_and_no_webhook_is_made() {
    let mock = StudioMock::start_blocking();
    let home = Sandbox::new();
    for (url, why) in [
        (
            "http://127.0.0.1:1\n\u{1b}]52;c;ZXZpbA==\u{7}lpwh: ready",
            "U+000A",
        ),
        (
            "https://user:pass@abc.ngrok-free.app",
            "user name or password",
        ),
        (
            "https://abc.ngrok-free.app.evil.example",
            "not under one of ngrok's domains",
        ),
        ("http://abc.ngrok-free.app", "ngrok's URLs are https"),
        ("http://127.0.0.1:1/?next=evil", "query"),
    ] {
        let run = run_hostile(
            &mock,
            &home,
            &[("STANDIN_MODE", "url"), ("STANDIN_URL", url)],
        );
        run.assert_code(1);
        assert!(
            run.stderr
                .contains("lpwh: error: ngrok gave a public URL lpwh will not use"),
            "{url:?}: {}",
            run.stderr
        );
        assert!(run.stderr.contains(why), "{url:?}: {}", run.stderr);
        assert!(
            !run.stderr.contains('\u{1b}') && !run.stderr.contains("\nlpwh: ready"),
            "{url:?}: the URL reached the terminal raw: {:?}",
            run.stderr
        );
        assert!(
            mock.webhooks().is_empty(),
            "{url:?}: a webhook was made: {:?}",
            mock.webhooks()
        );
    }
}

#[test]
fn an_endless_output_line_is_cut_and_the_failure_still_reported() {
    let mock = StudioMock::start_blocking();
    let home = Sandbox::new();
    let run = run_hostile(
        &mock,
        &home,
        &[("STANDIN_MODE", "endless"), ("STANDIN_BYTES", "8388608")],
    );
    run.assert_code(1);
    assert!(
        run.stderr
            .contains("stand-in gave up after an endless line"),
        "{}",
        &run.stderr[..run.stderr.len().min(2000)]
    );
    assert!(
        run.stderr.contains("(line cut)"),
        "the long line is quoted cut"
    );
    let longest = run.stderr.lines().map(str::len).max().unwrap_or(0);
    assert!(
        longest <= 70 * 1024,
        "a quoted line of {longest} bytes: the cap is 64 KiB"
    );
    assert!(mock.webhooks().is_empty());
}

/// Helpers that ignore SIGTERM, in the tunnel's process group and in a session of their own:
/// both end with the tunnel when lpwh stops, and the run's record is gone.
#[test]
fn helpers_that_ignore_sigterm_or_leave_the_group_are_stopped_with_the_tunnel() {
    let mock = StudioMock::start_blocking();
    let home = Sandbox::new();
    let pidfile = home.path().join("helpers");
    let bin = standin("hostile-ngrok");
    let mut listener = crate::support::listen::Listener::start_in(
        home.path(),
        &["--tunnel", "ngrok", "--tunnel-bin", bin.to_str().unwrap()],
        &[
            ("LIVEPEER_API_URL", mock.url().as_str()),
            ("LIVEPEER_API_KEY", mock.api_key()),
            ("STANDIN_MODE", "helpers"),
            ("STANDIN_PIDFILE", pidfile.to_str().unwrap()),
        ],
    );
    let helpers: Vec<u32> = std::fs::read_to_string(&pidfile)
        .unwrap()
        .lines()
        .map(|l| l.parse().unwrap())
        .collect();
    assert_eq!(helpers.len(), 2);
    let records = home.data_dir().join("tunnels");
    assert_eq!(
        std::fs::read_dir(&records).unwrap().count(),
        1,
        "a record while it runs"
    );
    listener.signal("TERM");
    assert_eq!(listener.wait_exit(Duration::from_secs(30)).code(), Some(0));
    for pid in helpers {
        eventually(
            Duration::from_secs(10),
            &format!("helper {pid} outlived lpwh"),
            || !alive(pid),
        );
    }
    assert_eq!(
        std::fs::read_dir(&records).unwrap().count(),
        0,
        "the record is gone"
    );
}

/// `kill -9` of lpwh: no handler runs, and the parent-death signal reaches only the tunnel
/// itself, so a helper that ignores SIGTERM lives on. The next run names it and says how to stop
/// it.
#[test]
fn after_kill_9_the_next_run_names_the_tunnel_left_running() {
    let mock = StudioMock::start_blocking();
    let home = Sandbox::new();
    let pidfile = home.path().join("helpers");
    let bin = standin("hostile-ngrok");
    let env = [
        ("LIVEPEER_API_URL", mock.url()),
        ("LIVEPEER_API_KEY", mock.api_key().to_owned()),
    ];
    let mut listener = crate::support::listen::Listener::start_in(
        home.path(),
        &["--tunnel", "ngrok", "--tunnel-bin", bin.to_str().unwrap()],
        &[
            (env[0].0, env[0].1.as_str()),
            (env[1].0, env[1].1.as_str()),
            ("STANDIN_MODE", "helpers"),
            ("STANDIN_PIDFILE", pidfile.to_str().unwrap()),
        ],
    );
    let tunnel = tunnel_pid(&listener);
    listener.kill();
    drop(listener);
    let helpers: Vec<u32> = std::fs::read_to_string(&pidfile)
        .unwrap()
        .lines()
        .map(|l| l.parse().unwrap())
        .collect();
    eventually(Duration::from_secs(10), "the tunnel outlived lpwh", || {
        !alive(tunnel)
    });
    assert!(
        alive(helpers[0]),
        "the helper that ignores SIGTERM lives on"
    );

    let next = crate::support::listen::Listener::start_in(
        home.path(),
        &["--public-url", "http://127.0.0.1:9/hook"],
        &[(env[0].0, env[0].1.as_str()), (env[1].0, env[1].1.as_str())],
    );
    let stderr = next.stderr();
    assert!(
        stderr.contains(&format!(
            "its ngrok (process group {tunnel}) may still be running; stop it with: kill -- -{tunnel}"
        )),
        "{stderr}"
    );
    drop(next);
    for pid in helpers {
        let _ = Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .status();
    }
}

/// A tunnel that starts and dies at once is not restarted every second: the wait doubles, and
/// each warning says how long it is.
#[test]
fn a_flapping_tunnel_is_restarted_after_growing_waits() {
    let mock = StudioMock::start_blocking();
    let home = Sandbox::new();
    let bin = standin("hostile-ngrok");
    let mut listener = crate::support::listen::Listener::start_in(
        home.path(),
        &["--tunnel", "ngrok", "--tunnel-bin", bin.to_str().unwrap()],
        &[
            ("LIVEPEER_API_URL", mock.url().as_str()),
            ("LIVEPEER_API_KEY", mock.api_key()),
            ("STANDIN_MODE", "flap"),
        ],
    );
    eventually(Duration::from_secs(30), "no third restart", || {
        listener.stderr().contains("starting it again in 4s")
    });
    let stderr = listener.stderr();
    let at = |text: &str| {
        stderr
            .find(text)
            .unwrap_or_else(|| panic!("no {text:?} in:\n{stderr}"))
    };
    assert!(at("starting it again in 1s") < at("starting it again in 2s"));
    assert!(at("starting it again in 2s") < at("starting it again in 4s"));
    listener.signal("TERM");
    assert_eq!(listener.wait_exit(Duration::from_secs(30)).code(), Some(0));
}
