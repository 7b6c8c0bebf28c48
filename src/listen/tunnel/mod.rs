//! `listen --tunnel`: the tunnel programs people already use (cloudflared, ngrok, bore), started
//! and watched by lpwh so that Studio's deliveries reach this machine (tunnels.md).
//!
//! [`find`] picks the program, [`start`] runs it in its own process group and learns its public
//! URL ([`learn`]), [`Tunnel::stop`] ends the whole group. [`probe`] proves the path end to
//! end. `listen` creates the temporary webhook and restarts a tunnel that exits
//! ([`super::exposure`]).

pub mod group;
#[cfg(windows)]
mod job;
pub mod learn;
pub mod probe;
pub mod vet;

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
    /// Where running tunnels are recorded for the next run ([`group`]): `<data dir>/tunnels`.
    pub records: PathBuf,
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
    // On Windows `cloudflared` is `cloudflared.exe`.
    let file = if cfg!(windows) && Path::new(name).extension().is_none() {
        format!("{name}.exe")
    } else {
        name.to_owned()
    };
    std::env::split_paths(&path)
        .map(|dir| dir.join(&file))
        .find(|candidate| is_executable(candidate))
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// Windows has no execute bit: a program is a file, found with its `.exe` (see [`on_path`]).
#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file())
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
    records: PathBuf,
    /// Windows: the job object the program's tree runs in ([`job`]).
    #[cfg(windows)]
    job: Option<job::Job>,
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
        .kill_on_drop(true);
    // Its own process group, so stopping it stops whatever it started too.
    #[cfg(unix)]
    command.process_group(0);
    // Windows: a new process group, so the console's Ctrl-C reaches lpwh alone, which then
    // stops the program's whole tree itself ([`Tunnel::stop`], through its job object).
    #[cfg(windows)]
    command.creation_flags(0x0000_0200); // CREATE_NEW_PROCESS_GROUP
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
    // Orphaned helpers of the program become lpwh's children, so stopping finds them all.
    group::become_subreaper();
    let mut child = command.spawn().map_err(|e| {
        Failure::failure(format!("cannot start {}: {e}", options.bin.display()))
            .hint(format!("install it: {}", program.install_hint()))
    })?;
    let pid = child.id().unwrap_or(0);
    #[cfg(windows)]
    let job = match job::Job::holding(&child) {
        Ok(job) => Some(job),
        Err(err) => {
            out.warn(format!(
                "could not put the tunnel in a job object ({err}); stopping it ends its process \
                 tree with taskkill, and a hard kill of lpwh would leave it running"
            ));
            None
        }
    };
    if let Err(err) = group::write_record(&options.records, program.name(), pid) {
        out.warn(format!(
            "could not record the tunnel's process group ({err:#}); should lpwh be killed, \
             the next run cannot name what it left"
        ));
    }
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
        records: options.records.clone(),
        #[cfg(windows)]
        job,
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
    // The program's word is not trusted: its URL goes nowhere (terminal, webhook, probe) unless
    // it is the kind of URL that program gives.
    let learned = match learned {
        Ok(Ok(Said::Url(url))) => match vet::public_url(program, &url, &options.server) {
            Ok(url) => Ok(Ok(Said::Url(url))),
            Err(why) => {
                let text = format!(
                    "{prefix} gave a public URL lpwh will not use: {why}: {}{}",
                    sanitize(&url),
                    quoted(&tunnel)
                );
                tunnel.stop().await;
                return Err(Failure::failure(text)
                    .hint(format!(
                        "no webhook was made; check that --tunnel-bin is the real {prefix}"
                    ))
                    .into());
            }
        },
        other => other,
    };
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

    /// Stop the program and everything it started: SIGTERM to its process group, SIGKILL to
    /// whatever of the group is left after [`group::GRACE`] (the program may be gone while a
    /// helper lives on), then lpwh's adopted orphans (helpers that left the group); then forget
    /// the record.
    pub async fn stop(mut self) {
        #[cfg(unix)]
        if self.pid != 0 {
            group::signal_group(self.pid, libc::SIGTERM);
            let deadline = tokio::time::Instant::now() + group::GRACE;
            // Reaped first (a zombie still counts as a member), then the rest of the group.
            let _ = tokio::time::timeout_at(deadline, self.child.wait()).await;
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            if !group::wait_group_gone(self.pid, left).await {
                group::signal_group(self.pid, libc::SIGKILL);
            }
        }
        // Windows has no process groups to signal: end the program's whole tree, through its job
        // object, or with taskkill when the job could not be made.
        #[cfg(windows)]
        if let Some(job) = &self.job {
            job.terminate();
        } else if self.pid != 0 {
            let _ = tokio::process::Command::new("taskkill")
                .args(["/PID", &self.pid.to_string(), "/T", "/F"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .await;
        }
        let _ = self.child.kill().await;
        group::stop_adopted().await;
        let _ = std::fs::remove_file(group::record_path(&self.records));
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
    let mut reader = BufReader::new(stream);
    let mut buf = Vec::new();
    while let Ok(Some(cut)) = read_line_capped(&mut reader, &mut buf, MAX_LINE).await {
        let mut line = String::from_utf8_lossy(&buf).into_owned();
        if cut {
            line.push_str(" …(line cut)");
        }
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

/// The longest output line kept from a tunnel program; the rest of a longer line is read and
/// dropped, so a program that prints without end costs this much memory, not more.
pub const MAX_LINE: usize = 64 * 1024;

/// Read one line (without its `\n` or `\r\n`) into `buf`, keeping at most `cap` bytes of it:
/// `Some(true)` when it was cut, `None` at the end of the stream.
async fn read_line_capped<R: tokio::io::AsyncBufRead + Unpin>(
    reader: &mut R,
    buf: &mut Vec<u8>,
    cap: usize,
) -> std::io::Result<Option<bool>> {
    buf.clear();
    let mut cut = false;
    let mut read_any = false;
    loop {
        let available = reader.fill_buf().await?;
        if available.is_empty() {
            return Ok(read_any.then_some(cut));
        }
        read_any = true;
        let (part, done) = match available.iter().position(|&b| b == b'\n') {
            Some(at) => (&available[..at], Some(at + 1)),
            None => (available, None),
        };
        let room = cap.saturating_sub(buf.len());
        buf.extend_from_slice(&part[..part.len().min(room)]);
        cut |= part.len() > room;
        let used = done.unwrap_or(available.len());
        reader.consume(used);
        if done.is_some() {
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
            return Ok(Some(cut));
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
    let Ok(client) = crate::http_client::builder()
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
