//! `listen --tunnel`: the tunnel programs people already use (cloudflared, ngrok, bore), started
//! and watched by lpwh so that Studio's deliveries reach this machine (tunnels.md).
//!
//! [`find`] picks the program, [`start`] runs it in its own process group and learns its public
//! URL ([`learn`]), [`Tunnel::stop`] ends the whole group. [`probe`] proves the path end to
//! end. `listen` creates the temporary webhook and restarts a tunnel that exits
//! ([`super::exposure`]).

pub mod learn;
pub mod probe;

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::process::{ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Result;
use tokio::io::{AsyncBufReadExt, AsyncRead, BufReader};
use tokio::process::{Child, Command};
use tokio::sync::mpsc;

use crate::error::{Failure, usage};
use crate::output::{Out, sanitize};
use learn::Said;

/// `--tunnel` as typed: a program, or `auto` (the first found on `PATH`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Choice {
    Auto,
    Cloudflared,
    Ngrok,
    Bore,
}

/// A tunnel program lpwh knows how to run and read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Program {
    Cloudflared,
    Ngrok,
    Bore,
}

impl Program {
    /// In the order `--tunnel auto` tries them.
    pub const ALL: [Program; 3] = [Program::Cloudflared, Program::Ngrok, Program::Bore];

    pub fn name(self) -> &'static str {
        match self {
            Program::Cloudflared => "cloudflared",
            Program::Ngrok => "ngrok",
            Program::Bore => "bore",
        }
    }

    /// How to get it, one line.
    pub fn install_hint(self) -> &'static str {
        match self {
            Program::Cloudflared => {
                "cloudflared (no account needed): https://developers.cloudflare.com/cloudflare-one/connections/connect-networks/downloads/ (brew install cloudflared, or the .deb)"
            }
            Program::Ngrok => {
                "ngrok (needs a free account's authtoken): https://ngrok.com/download, then 'ngrok config add-authtoken <token>'"
            }
            Program::Bore => {
                "bore (plain HTTP, self-hostable): 'cargo install bore-cli'; --tunnel-server HOST picks the server (default bore.pub)"
            }
        }
    }

    fn from_choice(choice: Choice) -> Option<Program> {
        match choice {
            Choice::Auto => None,
            Choice::Cloudflared => Some(Program::Cloudflared),
            Choice::Ngrok => Some(Program::Ngrok),
            Choice::Bore => Some(Program::Bore),
        }
    }

    /// The command line that exposes `http://127.0.0.1:<port>`; `metrics` is cloudflared's
    /// metrics address.
    fn args(self, port: u16, server: &str, metrics: Option<&str>) -> Vec<String> {
        let port = port.to_string();
        match self {
            Program::Cloudflared => vec![
                "tunnel".into(),
                "--no-autoupdate".into(),
                "--url".into(),
                format!("http://127.0.0.1:{port}"),
                "--metrics".into(),
                metrics.unwrap_or("127.0.0.1:0").into(),
            ],
            Program::Ngrok => vec![
                "http".into(),
                format!("127.0.0.1:{port}"),
                "--log".into(),
                "stdout".into(),
                "--log-format".into(),
                "json".into(),
            ],
            Program::Bore => vec![
                "local".into(),
                port,
                "--local-host".into(),
                "127.0.0.1".into(),
                "--to".into(),
                server.into(),
            ],
        }
    }

    fn reads(self, line: &str) -> Option<Said> {
        match self {
            Program::Cloudflared => learn::cloudflared(line),
            Program::Ngrok => learn::ngrok(line),
            Program::Bore => learn::bore(line),
        }
    }
}

/// How to run the tunnel, resolved from the flags.
#[derive(Debug, Clone)]
pub struct TunnelOptions {
    pub program: Program,
    pub bin: PathBuf,
    /// bore's server (`--tunnel-server`).
    pub server: String,
    /// How long the program has to give a public URL (`--tunnel-timeout`).
    pub timeout: Duration,
}

/// The program `--tunnel` names (or the first on `PATH` for `auto`) and its path; a usage error
/// with install hints when there is none.
pub fn find(choice: Choice, bin: Option<&Path>) -> Result<(Program, PathBuf)> {
    if let Some(bin) = bin {
        let program = Program::from_choice(choice).or_else(|| {
            let name = bin.file_name()?.to_string_lossy().to_ascii_lowercase();
            Program::ALL.into_iter().find(|p| name.contains(p.name()))
        });
        let Some(program) = program else {
            return Err(usage(format!(
                "cannot tell which tunnel program --tunnel-bin {} is",
                bin.display()
            ))
            .hint("name it: --tunnel cloudflared, --tunnel ngrok or --tunnel bore")
            .into());
        };
        if !is_executable(bin) {
            return Err(usage(format!(
                "--tunnel-bin {} is not an executable file",
                bin.display()
            ))
            .hint(format!("install it: {}", program.install_hint()))
            .into());
        }
        return Ok((program, bin.to_path_buf()));
    }
    let wanted: Vec<Program> = match Program::from_choice(choice) {
        Some(p) => vec![p],
        None => Program::ALL.to_vec(),
    };
    for program in &wanted {
        if let Some(path) = on_path(program.name()) {
            return Ok((*program, path));
        }
    }
    let names: Vec<&str> = wanted.iter().map(|p| p.name()).collect();
    let hints: Vec<String> = wanted
        .iter()
        .map(|p| format!("  {}", p.install_hint()))
        .collect();
    Err(usage(format!(
        "no tunnel program found on PATH ({})",
        names.join(", ")
    ))
    .hint(format!(
        "install one, or point --tunnel-bin at it:\n{}",
        hints.join("\n")
    ))
    .into())
}

fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| is_executable(candidate))
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// How many of the program's last output lines are kept, to quote in errors.
const KEPT_LINES: usize = 20;

/// A running tunnel program, and the public URL it gave.
pub struct Tunnel {
    pub program: Program,
    pub url: String,
    child: Child,
    pid: u32,
    lines: Arc<Mutex<VecDeque<String>>>,
}

impl std::fmt::Debug for Tunnel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tunnel")
            .field("program", &self.program)
            .field("url", &self.url)
            .field("pid", &self.pid)
            .finish()
    }
}

/// Start the program pointed at `http://127.0.0.1:<port>` and wait (up to its timeout) for its
/// public URL. On any failure the program is stopped, and the error quotes its last lines.
pub async fn start(options: &TunnelOptions, port: u16, out: Out, verbose: bool) -> Result<Tunnel> {
    let program = options.program;
    let metrics = match program {
        Program::Cloudflared => Some(free_loopback_addr()?),
        _ => None,
    };
    let mut command = Command::new(&options.bin);
    command
        .args(program.args(port, &options.server, metrics.as_deref()))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        // Its own process group, so stopping it stops whatever it started too.
        .process_group(0);
    #[cfg(target_os = "linux")]
    // SAFETY: prctl is async-signal-safe and touches no memory of the parent; it runs in the
    // child between fork and exec.
    unsafe {
        command.pre_exec(|| {
            // Should lpwh die without cleaning up (SIGKILL), the kernel stops the tunnel too.
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM);
            Ok(())
        });
    }
    let mut child = command.spawn().map_err(|e| {
        Failure::failure(format!("cannot start {}: {e}", options.bin.display()))
            .hint(format!("install it: {}", program.install_hint()))
    })?;
    let pid = child.id().unwrap_or(0);
    let lines = Arc::new(Mutex::new(VecDeque::new()));
    let (said_tx, mut said_rx) = mpsc::unbounded_channel();
    let prefix = program.name();
    for stream in [
        child
            .stdout
            .take()
            .map(|s| Box::new(s) as Box<dyn AsyncRead + Send + Unpin>),
        child
            .stderr
            .take()
            .map(|s| Box::new(s) as Box<dyn AsyncRead + Send + Unpin>),
    ]
    .into_iter()
    .flatten()
    {
        tokio::spawn(read_lines(
            stream,
            program,
            lines.clone(),
            said_tx.clone(),
            out,
            verbose,
        ));
    }
    drop(said_tx);
    let mut tunnel = Tunnel {
        program,
        url: String::new(),
        child,
        pid,
        lines,
    };

    let learned = tokio::time::timeout(options.timeout, async {
        let mut poll = tokio::time::interval(Duration::from_millis(200));
        let mut output_open = true;
        // cloudflared logs its URL before an edge connection is up: its metrics server says
        // when it is (`/ready`). The logged URL is used only if that server never answers.
        let mut logged_url = None;
        let mut unreachable_polls = 0;
        loop {
            tokio::select! {
                said = said_rx.recv(), if output_open => match said {
                    Some(Said::Url(url)) if metrics.is_some() => logged_url = Some(url),
                    Some(said) => return Ok(said),
                    None => output_open = false,
                },
                status = tunnel.child.wait() => return Err(status.ok()),
                _ = poll.tick(), if metrics.is_some() => {
                    match cloudflared_quicktunnel(metrics.as_deref().unwrap_or_default()).await {
                        Metrics::Ready(url) => return Ok(Said::Url(url)),
                        Metrics::NotReady => unreachable_polls = 0,
                        Metrics::Unreachable => unreachable_polls += 1,
                    }
                    // Two seconds of refused connections: no metrics server to wait for.
                    if unreachable_polls >= 10 && let Some(url) = logged_url.take() {
                        return Ok(Said::Url(url));
                    }
                }
            }
        }
    })
    .await;
    let quoted = |t: &Tunnel| t.quote_last_lines();
    match learned {
        Ok(Ok(Said::Url(url))) => {
            tunnel.url = url;
            // Keep reading its output (a full pipe would block it), and keep the last lines.
            tokio::spawn(drain(said_rx));
            Ok(tunnel)
        }
        Ok(Ok(Said::Error(err))) => {
            // One line: programs put line breaks in their errors (ngrok does).
            let one_line = err.split_whitespace().collect::<Vec<_>>().join(" ");
            let text = format!(
                "{prefix} failed: {}{}",
                sanitize(&one_line),
                quoted(&tunnel)
            );
            tunnel.stop().await;
            let hint = if program == Program::Ngrok && learn::is_ngrok_auth_error(&err) {
                "ngrok needs your account's authtoken: run 'ngrok config add-authtoken <token>' (https://dashboard.ngrok.com/get-started/your-authtoken), or use --tunnel cloudflared, which needs no account".to_owned()
            } else {
                format!(
                    "run it by hand to see why, or try another program ({})",
                    program.install_hint()
                )
            };
            Err(Failure::failure(text).hint(hint).into())
        }
        Ok(Err(status)) => {
            let how = status.map_or_else(|| "exited".to_owned(), |s| format!("exited ({s})"));
            let text = format!(
                "{prefix} {how} before it gave a public URL{}",
                quoted(&tunnel)
            );
            tunnel.stop().await;
            Err(Failure::failure(text)
                .hint("run it by hand to see why; -v shows its output as lpwh reads it")
                .into())
        }
        Err(_) => {
            let text = format!(
                "{prefix} gave no public URL within {} (--tunnel-timeout){}",
                crate::humane::Duration::of(options.timeout),
                quoted(&tunnel)
            );
            tunnel.stop().await;
            Err(Failure::failure(text)
                .hint("check this machine's connection to the tunnel's service, or raise --tunnel-timeout")
                .into())
        }
    }
}

impl Tunnel {
    pub fn pid(&self) -> u32 {
        self.pid
    }

    /// The program's last output lines, ANSI codes removed and sanitized, as an indented block
    /// after `; its last lines:` (empty when it printed nothing).
    pub fn quote_last_lines(&self) -> String {
        let lines = self.lines.lock().map(|l| l.clone()).unwrap_or_default();
        if lines.is_empty() {
            return String::new();
        }
        let shown: Vec<String> = lines.iter().map(|l| format!("  {l}")).collect();
        format!("; its last lines:\n{}", shown.join("\n"))
    }

    /// Wait until the program exits by itself.
    pub async fn exited(&mut self) -> Option<ExitStatus> {
        self.child.wait().await.ok()
    }

    /// Stop the program and everything in its process group: SIGTERM, then SIGKILL after 3 s.
    pub async fn stop(mut self) {
        if let Ok(Some(_)) = self.child.try_wait() {
            return;
        }
        let group = -(self.pid as i32);
        if self.pid != 0 {
            // SAFETY: kill(2) with a negative pid signals that process group; no memory is touched.
            unsafe { libc::kill(group, libc::SIGTERM) };
        }
        if tokio::time::timeout(Duration::from_secs(3), self.child.wait())
            .await
            .is_err()
        {
            if self.pid != 0 {
                // SAFETY: as above.
                unsafe { libc::kill(group, libc::SIGKILL) };
            }
            let _ = self.child.kill().await;
        }
    }
}

/// Read one output stream line by line: keep the last lines, show them with `-v`, and pass on
/// what the lines say (a URL, an error) while anyone listens.
async fn read_lines(
    stream: Box<dyn AsyncRead + Send + Unpin>,
    program: Program,
    kept: Arc<Mutex<VecDeque<String>>>,
    said: mpsc::UnboundedSender<Said>,
    out: Out,
    verbose: bool,
) {
    let mut lines = BufReader::new(stream).lines();
    while let Ok(Some(line)) = lines.next_line().await {
        let clean = sanitize(&learn::strip_ansi(&line)).into_owned();
        if verbose {
            out.info(format!("{}: {clean}", program.name()));
        }
        if let Ok(mut kept) = kept.lock() {
            if kept.len() == KEPT_LINES {
                kept.pop_front();
            }
            kept.push_back(clean);
        }
        if let Some(what) = program.reads(&line) {
            let _ = said.send(what);
        }
    }
}

async fn drain(mut said: mpsc::UnboundedReceiver<Said>) {
    while said.recv().await.is_some() {}
}

/// A loopback address nobody listens on yet, for cloudflared's metrics server.
fn free_loopback_addr() -> Result<String> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    Ok(listener.local_addr()?.to_string())
}

/// What cloudflared's metrics server says.
enum Metrics {
    /// `/ready` answered 200 and `/quicktunnel` named the host: the public URL.
    Ready(String),
    /// It answers, but no edge connection is up yet (`/ready` is 503).
    NotReady,
    /// Nothing answers there.
    Unreachable,
}

/// Ask cloudflared's metrics server for the quick tunnel: `/ready` must answer 200 (an edge
/// connection is up), then `/quicktunnel` names the host.
async fn cloudflared_quicktunnel(metrics: &str) -> Metrics {
    let Ok(client) = reqwest::Client::builder()
        .timeout(Duration::from_secs(2))
        .no_proxy()
        .build()
    else {
        return Metrics::Unreachable;
    };
    let ready = match client.get(format!("http://{metrics}/ready")).send().await {
        Ok(answer) => answer,
        Err(_) => return Metrics::Unreachable,
    };
    if !ready.status().is_success() {
        return Metrics::NotReady;
    }
    #[derive(serde::Deserialize)]
    struct QuickTunnel {
        hostname: String,
    }
    let quick = async {
        client
            .get(format!("http://{metrics}/quicktunnel"))
            .send()
            .await
            .ok()?
            .json::<QuickTunnel>()
            .await
            .ok()
    };
    match quick.await {
        Some(q) if !q.hostname.trim().is_empty() => {
            Metrics::Ready(format!("https://{}", q.hostname.trim()))
        }
        _ => Metrics::NotReady,
    }
}
