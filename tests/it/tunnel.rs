//! `lpwh listen --tunnel`, with tunnel programs that really run: bore end to end (a real `bore
//! server` and the real `bore` client, on loopback), and a stand-in for ngrok that reproduces
//! its JSON log interface and forwards traffic (ngrok itself needs its service). Each test
//! checks what a user relies on: the webhook points at the tunnel, a delivery through it is
//! verified, a restarted tunnel's new URL is PATCHed in, and nothing is left behind: no
//! webhook on the Studio-like server, no tunnel process (checked by PID).
//!
//! bore runs when CI=true or LPWH_TEST_BORE=1 (`.ci/test` installs `bore-cli`); elsewhere
//! without `bore` on PATH its test says it is skipped. Its server's control port is fixed
//! (7835), so the bore test holds a lock.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use studio_mock::StudioMock;

use crate::support::listen::{delivery, livepeer_header, new_id, now_ms, post, raw_exchange};
use crate::support::tunnel::*;

/// One `bore server` at a time on this machine.
static BORE: Mutex<()> = Mutex::new(());

/// A signed, fresh delivery of `event` POSTed to `url` (`http://host:port/path`); the status.
fn deliver(url: &str, secret: &str, event: &str) -> u16 {
    let parsed = url::Url::parse(url).unwrap();
    let addr = format!("{}:{}", parsed.host_str().unwrap(), parsed.port().unwrap());
    let t = now_ms();
    let body = delivery(event, &new_id(), t);
    let header = format!("Livepeer-Signature: {}", livepeer_header(secret, t, &body));
    let raw = raw_exchange(&addr, &post(parsed.path(), &[header], &body));
    raw.statuses.last().copied().unwrap_or(0)
}

/// The secret Studio (the mock) holds for the temporary webhook.
fn stored_secret(mock: &StudioMock, id: &str) -> String {
    mock.webhook(id).unwrap()["sharedSecret"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// `bore` on PATH; in CI (or with LPWH_TEST_BORE=1) it must be there.
fn bore_or_skip() -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path)
            .map(|d| d.join("bore"))
            .find(|p| p.is_file())
    });
    let required = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
        || std::env::var("LPWH_TEST_BORE").is_ok_and(|v| v == "1");
    match found {
        Some(bore) => Some(bore),
        None if required => panic!(
            "bore is not on PATH, and this run requires it: install it with 'cargo install bore-cli' (.ci/test does)"
        ),
        None => {
            eprintln!(
                "skipped: bore is not on PATH (cargo install bore-cli, or run bash .ci/test)"
            );
            None
        }
    }
}

/// A `bore server` on loopback, stopped on drop.
struct BoreServer(Child);

impl BoreServer {
    fn start(bore: &Path) -> BoreServer {
        let child = Command::new(bore)
            .args([
                "server",
                "--bind-addr",
                "127.0.0.1",
                "--min-port",
                "43000",
                "--max-port",
                "43999",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start bore server");
        eventually(
            Duration::from_secs(10),
            "bore server never listened on 7835",
            || std::net::TcpStream::connect("127.0.0.1:7835").is_ok(),
        );
        BoreServer(child)
    }
}

impl Drop for BoreServer {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn bore_end_to_end_restart_patch_and_cleanup() {
    let Some(bore) = bore_or_skip() else {
        return;
    };
    let _one_at_a_time = BORE.lock().unwrap_or_else(|e| e.into_inner());
    let _server = BoreServer::start(&bore);
    let mock = StudioMock::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    let ready_file = dir.path().join("ready.json");
    let mut listener = start(
        &mock,
        &[
            "--tunnel",
            "bore",
            "--tunnel-server",
            "127.0.0.1",
            "--events",
            "stream.*",
            "--ready-file",
            ready_file.to_str().unwrap(),
        ],
        &[],
    );
    let stderr = listener.stderr();
    assert!(
        stderr.contains("✔ tunnel works: a probe through http://127.0.0.1:"),
        "{stderr}"
    );
    assert!(stderr.contains("plain HTTP"), "{stderr}");

    // The ready file, the webhook and the tunnel agree.
    let ready = read_ready(&ready_file);
    let public = ready["public_url"].as_str().unwrap().to_owned();
    let id = ready["webhook_id"].as_str().unwrap().to_owned();
    assert_eq!(ready["tunnel"], "bore");
    assert_eq!(ready["listen_url"], format!("{}/", listener.url));
    assert!(public.starts_with("http://127.0.0.1:43"), "{public}");
    let stored = mock.webhook(&id).expect("the temporary webhook exists");
    assert_eq!(stored["url"], public.as_str());
    assert_eq!(
        stored["events"],
        serde_json::json!(["stream.started", "stream.idle", "stream.detection"])
    );
    assert!(
        !stderr.contains(&stored_secret(&mock, &id)),
        "the secret is never printed"
    );
    assert!(
        !std::fs::read_to_string(&ready_file)
            .unwrap()
            .contains(&stored_secret(&mock, &id))
    );

    // A delivery signed with Studio's secret for the webhook, through bore, is verified. The
    // probe before it was not printed.
    let secret = stored_secret(&mock, &id);
    assert_eq!(deliver(&public, &secret, "stream.started"), 200);
    let lines = listener.wait_lines(1);
    assert_eq!(lines.len(), 1, "only the delivery is printed: {lines:?}");
    assert!(lines[0].contains("✔ stream.started"), "{lines:?}");

    // bore dies: lpwh restarts it, PATCHes the new URL in, probes again, rewrites the ready file.
    let first = tunnel_pid(&listener);
    unsafe { libc::kill(first as i32, libc::SIGKILL) };
    let mut moved = String::new();
    eventually(
        Duration::from_secs(30),
        "the webhook never got the new URL",
        || {
            moved = mock.webhook(&id).unwrap()["url"]
                .as_str()
                .unwrap()
                .to_owned();
            moved != public
        },
    );
    assert!(
        mock.requests()
            .iter()
            .any(|r| r.method == "PATCH" && r.path.ends_with(&id)),
        "the URL change is a PATCH"
    );
    eventually(
        Duration::from_secs(10),
        "the ready file keeps the old URL",
        || read_ready(&ready_file)["public_url"] == moved.as_str(),
    );
    eventually(Duration::from_secs(10), "no second probe", || {
        listener.stderr().matches("✔ tunnel works").count() == 2
    });
    assert_eq!(deliver(&moved, &secret, "stream.idle"), 200);
    listener.wait_lines(2);
    let second = tunnel_pid(&listener);
    assert_ne!(first, second);

    // Ctrl-C: the webhook is deleted and no bore of this run is left.
    listener.signal("INT");
    assert_eq!(
        listener.wait_exit(Duration::from_secs(20)).code(),
        Some(130)
    );
    assert!(mock.is_deleted(&id), "the temporary webhook is deleted");
    assert!(
        !alive(first) && !alive(second),
        "a bore process outlived lpwh"
    );
    let stderr = listener.stderr();
    let deleted = stderr.find("deleted temporary webhook").expect("said so");
    let stopped = stderr.find("stopped bore").expect("said so");
    assert!(
        deleted < stopped,
        "the webhook goes before the tunnel:\n{stderr}"
    );
}

#[test]
fn ngrok_standin_forwards_the_probe_and_deliveries_and_cleanup_follows_sigterm() {
    let mock = StudioMock::start_blocking();
    let mut listener = start_ngrok(&mock, &["--path", "/hooks"], &[]);
    let stderr = listener.stderr();
    assert!(stderr.contains("✔ tunnel works"), "{stderr}");
    let webhook = &mock.webhooks()[0];
    let id = webhook["id"].as_str().unwrap().to_owned();
    let public = webhook["url"].as_str().unwrap().to_owned();
    assert!(
        public.ends_with("/hooks"),
        "the webhook URL keeps --path: {public}"
    );
    assert_eq!(
        deliver(&public, &stored_secret(&mock, &id), "asset.ready"),
        200
    );
    assert!(listener.wait_lines(1)[0].contains("✔ asset.ready"));
    let tunnel = tunnel_pid(&listener);

    listener.signal("TERM");
    assert_eq!(listener.wait_exit(Duration::from_secs(20)).code(), Some(0));
    assert!(mock.is_deleted(&id));
    assert!(!alive(tunnel), "the tunnel outlived lpwh");
}

#[test]
fn a_crashing_tunnel_is_restarted_and_until_ends_the_run_cleanly() {
    let mock = StudioMock::start_blocking();
    let mut listener = start_ngrok(
        &mock,
        &["--until", "stream.started"],
        &[("STANDIN_MODE", "crash-after=1")],
    );
    let id = mock.webhooks()[0]["id"].as_str().unwrap().to_owned();
    let first_url = mock.webhooks()[0]["url"].as_str().unwrap().to_owned();
    // lpwh says "came back" after the PATCH has landed, so wait for both: the webhook's new
    // URL alone can be seen before the line reaches the pipe.
    eventually(Duration::from_secs(20), "no restart", || {
        listener.stderr().contains("came back at a new URL")
            && mock.webhook(&id).unwrap()["url"] != first_url.as_str()
    });
    let stderr = listener.stderr();
    assert!(
        stderr.contains("ngrok exited (exit status: 1): starting it again in 1s"),
        "{stderr}"
    );
    let tunnel = tunnel_pid(&listener);
    // The local listener serves throughout; --until counts verified deliveries, not probes.
    let secret = stored_secret(&mock, &id);
    assert_eq!(
        deliver(&format!("{}/", listener.url), &secret, "stream.started"),
        200
    );
    assert_eq!(listener.wait_exit(Duration::from_secs(20)).code(), Some(0));
    assert!(mock.is_deleted(&id));
    assert!(!alive(tunnel), "the tunnel outlived lpwh");
}

#[test]
fn ngrok_without_an_authtoken_says_so_and_leaves_nothing() {
    let mock = StudioMock::start_blocking();
    let home = tempfile::tempdir().unwrap();
    let ngrok = standin("ngrok");
    let mut cmd = crate::support::sandbox::lpwh(home.path());
    for (k, v) in api_env(&mock) {
        cmd.env(k, v);
    }
    let run = crate::support::sandbox::Run::of(
        cmd.env("STANDIN_MODE", "no-authtoken")
            .args(["listen", "--port", "0", "--tunnel", "ngrok", "--tunnel-bin"])
            .arg(&ngrok),
    );
    run.assert_code(1);
    assert!(run.stderr.contains("ERR_NGROK_4018"), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "hint: ngrok needs your account's authtoken: run 'ngrok config add-authtoken <token>'"
        ),
        "{}",
        run.stderr
    );
    assert!(mock.webhooks().is_empty(), "no webhook was created");
    assert!(!run.stderr.contains("ready"), "{}", run.stderr);
}

#[test]
fn a_tunnel_that_never_comes_up_times_out_quoting_it_and_leaves_nothing() {
    let mock = StudioMock::start_blocking();
    let home = tempfile::tempdir().unwrap();
    let ngrok = standin("ngrok");
    let mut cmd = crate::support::sandbox::lpwh(home.path());
    for (k, v) in api_env(&mock) {
        cmd.env(k, v);
    }
    let started = Instant::now();
    let pids = home.path().join("pids");
    let run = crate::support::sandbox::Run::of(
        cmd.env("STANDIN_MODE", "silent")
            .env("STANDIN_PIDFILE", &pids)
            .args([
                "listen",
                "--port",
                "0",
                "--tunnel",
                "ngrok",
                "--tunnel-timeout",
                "1s",
                "--tunnel-bin",
            ])
            .arg(&ngrok),
    );
    run.assert_code(1);
    assert!(
        run.stderr
            .contains("ngrok gave no public URL within 1s (--tunnel-timeout)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("its last lines:") && run.stderr.contains("starting web service"),
        "{}",
        run.stderr
    );
    assert!(mock.webhooks().is_empty(), "no webhook was created");
    // Stopped, not waited out: well before the stand-in's hour of sleep.
    assert!(started.elapsed() < Duration::from_secs(30));
    let pid: u32 = std::fs::read_to_string(&pids)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(
        !alive(pid),
        "the tunnel that never came up is still running"
    );
}

/// lpwh killed hard (no cleanup of its own): the kernel stops the tunnel with it.
#[test]
fn a_tunnel_does_not_outlive_a_killed_lpwh() {
    let mock = StudioMock::start_blocking();
    let mut listener = start_ngrok(&mock, &[], &[]);
    let tunnel = tunnel_pid(&listener);
    listener.kill();
    listener.wait_exit(Duration::from_secs(10));
    eventually(
        Duration::from_secs(10),
        "the tunnel outlived a killed lpwh",
        || !alive(tunnel),
    );
    // The webhook is a leftover now, found by name on the next run.
    assert_eq!(mock.webhooks().len(), 1);
}

#[test]
fn a_missing_program_is_a_usage_error_with_install_hints() {
    let home = tempfile::tempdir().unwrap();
    let empty = tempfile::tempdir().unwrap();
    for (args, names) in [
        (
            vec!["listen", "--port", "0", "--tunnel"],
            vec!["cloudflared", "ngrok", "bore"],
        ),
        (
            vec!["listen", "--port", "0", "--tunnel", "bore"],
            vec!["bore"],
        ),
    ] {
        let mut cmd = crate::support::sandbox::lpwh(home.path());
        cmd.env("PATH", empty.path()).args(&args);
        let run = crate::support::sandbox::Run::of(&mut cmd);
        run.assert_code(2);
        assert!(
            run.stderr.contains("no tunnel program found on PATH"),
            "{}",
            run.stderr
        );
        for name in names {
            assert!(
                run.stderr.contains(&format!("  {name} (")),
                "{name}: {}",
                run.stderr
            );
        }
    }
    let run = crate::support::sandbox::Run::of(crate::support::sandbox::lpwh(home.path()).args([
        "listen",
        "--tunnel",
        "--public-url",
        "https://t.example/",
    ]));
    run.assert_code(2);
    assert!(run.stderr.contains("cannot be used with"), "{}", run.stderr);
}

/// A throwaway CA and a `localhost` certificate it signed, made with openssl: (CA, cert, key).
fn tls_files(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let run = |args: &[&str]| {
        let out = Command::new("openssl")
            .args(args)
            .current_dir(dir)
            .output()
            .expect("openssl (.ci/test installs it)");
        assert!(
            out.status.success(),
            "openssl {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "2",
        "-subj",
        "/CN=lpwh test CA",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
    ]);
    run(&[
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "leaf.key",
        "-out",
        "leaf.csr",
        "-subj",
        "/CN=localhost",
    ]);
    std::fs::write(
        dir.join("leaf.ext"),
        "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    run(&[
        "x509",
        "-req",
        "-in",
        "leaf.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "leaf.pem",
        "-days",
        "2",
        "-extfile",
        "leaf.ext",
    ]);
    (
        dir.join("ca.pem"),
        dir.join("leaf.pem"),
        dir.join("leaf.key"),
    )
}

#[test]
fn cloudflared_standin_is_read_through_its_metrics_and_carries_https() {
    let mock = StudioMock::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    let (ca, cert, key) = tls_files(dir.path());
    let cloudflared = standin("cloudflared");
    let mut listener = start(
        &mock,
        &[
            "--tunnel",
            "cloudflared",
            "--tunnel-bin",
            cloudflared.to_str().unwrap(),
        ],
        &[
            ("STANDIN_CERT", cert.to_str().unwrap()),
            ("STANDIN_KEY", key.to_str().unwrap()),
            // lpwh trusts the stand-in's edge as it would Cloudflare's.
            ("SSL_CERT_FILE", ca.to_str().unwrap()),
        ],
    );
    let stderr = listener.stderr();
    // The URL came from /quicktunnel once /ready said so, not from the banner in the log.
    assert!(
        stderr.contains("lpwh: cloudflared is up: https://localhost:"),
        "{stderr}"
    );
    assert!(!stderr.contains("standin-quick-tunnel-words"), "{stderr}");
    assert!(
        stderr.contains("✔ tunnel works: a probe through https://localhost:"),
        "{stderr}"
    );
    let webhook = mock.webhooks()[0].clone();
    let id = webhook["id"].as_str().unwrap().to_owned();
    let public = webhook["url"].as_str().unwrap().to_owned();

    // A real client, through the HTTPS edge.
    let t = now_ms();
    let body = delivery("asset.ready", &new_id(), t);
    let header = livepeer_header(&stored_secret(&mock, &id), t, &body);
    let body_file = dir.path().join("body.json");
    std::fs::write(&body_file, &body).unwrap();
    let curl = Command::new("curl")
        .args(["-sS", "-o", "/dev/null", "-w", "%{http_code}", "--cacert"])
        .arg(&ca)
        .args(["-H", "content-type: application/json", "-H"])
        .arg(format!("Livepeer-Signature: {header}"))
        .arg("--data-binary")
        .arg(format!("@{}", body_file.display()))
        .arg(&public)
        .output()
        .expect("curl (.ci/test installs it)");
    assert_eq!(
        String::from_utf8_lossy(&curl.stdout),
        "200",
        "{}",
        String::from_utf8_lossy(&curl.stderr)
    );
    assert!(listener.wait_lines(1)[0].contains("✔ asset.ready"));

    let tunnel = tunnel_pid(&listener);
    listener.signal("INT");
    assert_eq!(
        listener.wait_exit(Duration::from_secs(20)).code(),
        Some(130)
    );
    assert!(mock.is_deleted(&id));
    assert!(!alive(tunnel), "the tunnel outlived lpwh");
}

/// `--tunnel` alone takes the first of cloudflared, ngrok, bore on PATH: here ngrok, ahead of
/// a bore that would fail.
#[test]
fn auto_takes_the_first_program_on_path() {
    use std::os::unix::fs::PermissionsExt as _;
    let mock = StudioMock::start_blocking();
    let bin = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(standin("ngrok"), bin.path().join("ngrok")).unwrap();
    let bore = bin.path().join("bore");
    std::fs::write(&bore, "#!/bin/sh\necho 'not this one' >&2\nexit 3\n").unwrap();
    std::fs::set_permissions(&bore, std::fs::Permissions::from_mode(0o755)).unwrap();
    // Only the system dirs besides: python3 for the stand-in, sh for the fake bore.
    let path = format!("{}:/usr/bin:/bin", bin.path().display());
    let mut listener = start(&mock, &["--tunnel"], &[("PATH", path.as_str())]);
    let stderr = listener.stderr();
    assert!(stderr.contains("lpwh: starting ngrok for port"), "{stderr}");
    assert!(stderr.contains("✔ tunnel works"), "{stderr}");
    listener.signal("TERM");
    assert_eq!(listener.wait_exit(Duration::from_secs(20)).code(), Some(0));
}
