//! Load benchmark for `lpwh listen` (not a test; run by `benches/listen_load.sh`).
//!
//! Sends uniquely-id'd, correctly signed deliveries over 64 keep-alive connections for a bounded
//! time and reports throughput, p50/p99 latency and the server's CPU time per delivery:
//!
//! - `lpwh listen --no-record` (listen's own work) against a trivial hyper server that only
//!   answers 200 (and nginx, when `--nginx URL` is given) as the ceiling, alternating, 3 rounds;
//! - p99 at half of lpwh's max rate, from a single-threaded paced generator;
//! - lpwh's RSS, recording into the inbox as people run it, after 1,000 and up to 1,000,000
//!   deliveries;
//! - with `--inbox`: recording vs `--no-record` side by side, whether every answered delivery
//!   was recorded, and the database size per 100,000 deliveries.
//!
//! Usage: listen_load --lpwh PATH [--secs N] [--conns N] [--nginx URL] [--million N] [--inbox]

use std::convert::Infallible;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use hmac::{KeyInit, Mac};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

type HmacSha256 = hmac::Hmac<sha2::Sha256>;
/// Alternating max-throughput rounds per target: a shared 2-core machine swings ±10% between
/// runs, so the ratio is a mean over several, and the spread is printed.
const ROUNDS: usize = 5;
/// Paced (latency) runs per server, alternating: p99 is the median of these, since one run's
/// p99 on this shared machine moves by ±50%.
const PACED_ROUNDS: usize = 3;
const SECRET: &str = "bench-secret";

struct Opts {
    /// Required: without it (`cargo test --all-targets`, a bare `cargo bench`) nothing runs.
    lpwh: Option<String>,
    /// `--serve-trivial`: be the trivial server (a child process of the bench, like lpwh).
    serve_trivial: bool,
    secs: u64,
    conns: usize,
    nginx: Option<String>,
    million: u64,
    /// `--inbox`: only compare recording on vs `--no-record` (see `inbox_mode`).
    inbox: bool,
    /// `--ab PATH`: compare another lpwh build against `--lpwh` (`--no-record`, or both
    /// recording with `--inbox`).
    ab: Option<String>,
    /// `--drive ADDR`: only send `--million N` deliveries to a server already running at ADDR
    /// (for profiling it, e.g. under `valgrind --tool=callgrind`), and print the rate.
    drive: Option<String>,
}

fn opts() -> Opts {
    let mut o = Opts {
        lpwh: None,
        serve_trivial: false,
        secs: 10,
        conns: 64,
        nginx: None,
        million: 1_000_000,
        inbox: false,
        ab: None,
        drive: None,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--lpwh" => o.lpwh = Some(value),
            "--secs" => o.secs = value.parse().expect("--secs N"),
            "--conns" => o.conns = value.parse().expect("--conns N"),
            "--nginx" => o.nginx = Some(value),
            "--ab" => o.ab = Some(value),
            "--drive" => o.drive = Some(value),
            "--million" => o.million = value.parse().expect("--million N"),
            "--serve-trivial" => {
                o.serve_trivial = true;
                i += 1;
                continue;
            }
            "--inbox" => {
                o.inbox = true;
                i += 1;
                continue;
            }
            // cargo bench passes --bench; ignore what we do not know.
            _ => {
                i += 1;
                continue;
            }
        }
        i += 2;
    }
    o
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

/// One signed delivery as raw HTTP/1.1 bytes (keep-alive).
fn request(host: &str, seq: u64, conn: usize) -> Vec<u8> {
    let t = now_ms();
    let body = format!(
        r#"{{"id":"bench-{conn}-{seq}-{t}","webhookId":"wh-bench","createdAt":{t},"timestamp":{t},"event":"asset.updated","payload":{{"asset":{{"id":"asset-{seq}","snapshot":{{"status":{{"phase":"processing","progress":0.5}}}}}}}}}}"#
    );
    let mut mac = <HmacSha256 as KeyInit>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(body.as_bytes());
    let sig = hex::encode(mac.finalize().into_bytes());
    format!(
        "POST /hook HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nUser-Agent: livepeer.studio\r\nLivepeer-Signature: t={t},v1={sig}\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// Read one response (headers + Content-Length body); returns its status.
async fn read_response(stream: &mut TcpStream, buf: &mut Vec<u8>) -> Option<u16> {
    loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = std::str::from_utf8(&buf[..end]).ok()?;
            let status: u16 = head.split(' ').nth(1)?.parse().ok()?;
            let len: usize = head
                .lines()
                .find_map(|l| {
                    let (k, v) = l.split_once(':')?;
                    k.eq_ignore_ascii_case("content-length")
                        .then(|| v.trim().parse().ok())?
                })
                .unwrap_or(0);
            let total = end + 4 + len;
            while buf.len() < total {
                read_more(stream, buf).await?;
            }
            buf.drain(..total);
            return Some(status);
        }
        read_more(stream, buf).await?;
    }
}

async fn read_more(stream: &mut TcpStream, buf: &mut Vec<u8>) -> Option<()> {
    let mut chunk = [0u8; 8192];
    let n = stream.read(&mut chunk).await.ok()?;
    if n == 0 {
        return None;
    }
    buf.extend_from_slice(&chunk[..n]);
    Some(())
}

struct Run {
    sent: u64,
    errors: u64,
    secs: f64,
    latencies_us: Vec<u32>,
    /// The server's CPU time (user + system, all threads) per answered delivery, in µs.
    server_cpu_us: Option<f64>,
}

impl Run {
    fn rate(&self) -> f64 {
        self.sent as f64 / self.secs
    }
    fn pct(&self, p: f64) -> f64 {
        if self.latencies_us.is_empty() {
            return 0.0;
        }
        let i = ((self.latencies_us.len() as f64 - 1.0) * p).round() as usize;
        self.latencies_us[i] as f64 / 1000.0
    }
}

/// Drive `conns` keep-alive connections for `secs` (or until `limit` deliveries in all), each
/// paced to `rate / conns` per second when a rate is given.
async fn load(addr: &str, conns: usize, secs: u64, rate: Option<f64>, limit: Option<u64>) -> Run {
    let deadline = Instant::now() + Duration::from_secs(secs);
    let counter = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for conn in 0..conns {
        let addr = addr.to_owned();
        let counter = counter.clone();
        tasks.spawn(async move {
            let mut lat = Vec::new();
            let mut errors = 0u64;
            let Ok(mut stream) = TcpStream::connect(&addr).await else {
                return (lat, 1);
            };
            let _ = stream.set_nodelay(true);
            let mut buf = Vec::with_capacity(16 * 1024);
            let interval = rate.map(|r| Duration::from_secs_f64(conns as f64 / r));
            let mut next = Instant::now();
            let mut seq = 0u64;
            while Instant::now() < deadline {
                if let Some(limit) = limit
                    && counter.fetch_add(1, Ordering::Relaxed) >= limit
                {
                    break;
                }
                if let Some(every) = interval {
                    next += every;
                    if let Some(wait) = next.checked_duration_since(Instant::now()) {
                        tokio::time::sleep(wait).await;
                    }
                }
                seq += 1;
                let req = request(&addr, seq, conn);
                let t0 = Instant::now();
                if stream.write_all(&req).await.is_err() {
                    errors += 1;
                    break;
                }
                match read_response(&mut stream, &mut buf).await {
                    Some(200) => lat.push(t0.elapsed().as_micros().min(u32::MAX as u128) as u32),
                    Some(_) => errors += 1,
                    None => {
                        errors += 1;
                        break;
                    }
                }
            }
            (lat, errors)
        });
    }
    let mut latencies_us = Vec::new();
    let mut errors = 0;
    for (lat, err) in tasks.join_all().await {
        latencies_us.extend(lat);
        errors += err;
    }
    let secs = started.elapsed().as_secs_f64();
    latencies_us.sort_unstable();
    Run {
        sent: latencies_us.len() as u64,
        errors,
        secs,
        latencies_us,
        server_cpu_us: None,
    }
}

/// CPU time (user + system) a process has used so far, in µs, from /proc (clock ticks); `None`
/// where there is no /proc (the report then leaves the CPU column out).
#[cfg(unix)]
fn cpu_us(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name (which may hold spaces) start at state (field 3).
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    // SAFETY: sysconf has no preconditions.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64;
    Some((utime + stime) * 1e6 / hz)
}

#[cfg(not(unix))]
fn cpu_us(_pid: u32) -> Option<f64> {
    None
}

/// [`load`] at full speed against the server `pid`, also measuring the server's CPU per delivery.
async fn max_load(addr: &str, pid: u32, conns: usize, secs: u64) -> Run {
    let before = cpu_us(pid);
    let mut run = load(addr, conns, secs, None, None).await;
    run.server_cpu_us = before
        .zip(cpu_us(pid))
        .map(|(b, a)| (a - b) / run.sent.max(1) as f64);
    run
}

/// [`paced_load`] for two servers at the same `rate`, alternating [`PACED_ROUNDS`] times, each
/// run reported as a row named `{name} at {rate}/s (round N)`. Returns, per server, the median
/// p99 in ms and the deliveries answered 200.
async fn paced_pair(
    servers: [(&str, &str, u32); 2],
    conns: usize,
    secs: u64,
    rate: f64,
) -> [(f64, u64); 2] {
    let mut p99s = [Vec::new(), Vec::new()];
    let mut sent = [0u64; 2];
    for round in 1..=PACED_ROUNDS {
        for (i, (name, addr, pid)) in servers.iter().enumerate() {
            let run = paced_load(addr, *pid, conns, secs, rate).await;
            report(&format!("{name} at {rate:.0}/s (round {round})"), &run);
            p99s[i].push(run.pct(0.99));
            sent[i] += run.sent;
        }
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    [
        (median(&mut p99s[0]), sent[0]),
        (median(&mut p99s[1]), sent[1]),
    ]
}

/// [`load`] paced at `rate`, from a load generator on one thread of its own (a current-thread
/// runtime): at a fixed rate one thread is plenty, and the latency it measures is then the
/// server's, not the generator's own threads waiting for the two cores.
async fn paced_load(addr: &str, pid: u32, conns: usize, secs: u64, rate: f64) -> Run {
    let addr = addr.to_owned();
    let before = cpu_us(pid);
    let mut run = tokio::task::spawn_blocking(move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(load(&addr, conns, secs, Some(rate), None))
    })
    .await
    .unwrap();
    run.server_cpu_us = before
        .zip(cpu_us(pid))
        .map(|(b, a)| (a - b) / run.sent.max(1) as f64);
    run
}

/// The ceiling: a hyper server that answers 200 after reading the body, nothing else. It runs
/// in its own process (this binary with `--serve-trivial`, the same multi-thread runtime as
/// lpwh), so it does not share the load generator's runtime and the comparison is like for like.
fn start_trivial() -> (Child, String) {
    let exe = std::env::current_exe().expect("own path");
    let mut child = Command::new(exe)
        .arg("--serve-trivial")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start the trivial server");
    use std::io::BufRead;
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .expect("trivial server address");
    (child, line.trim().to_owned())
}

async fn trivial_server() -> String {
    use hyper::server::conn::http1;
    use hyper::service::service_fn;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            let _ = stream.set_nodelay(true);
            tokio::spawn(async move {
                let service = service_fn(|req: hyper::Request<hyper::body::Incoming>| async move {
                    use http_body_util::BodyExt;
                    let _ = req.into_body().collect().await;
                    Ok::<_, Infallible>(hyper::Response::new(http_body_util::Full::new(
                        Bytes::from_static(b"{}"),
                    )))
                });
                let _ = http1::Builder::new()
                    .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    addr.to_string()
}

/// `--inbox`: the cost of recording every delivery in the inbox. Two listeners run side by
/// side, one recording (the default) and one with `--no-record`; their max-throughput runs
/// alternate (ROUNDS each) so machine noise hits both alike, then each gets the same paced load
/// (half the no-record max) for latency. Last, exactly 100,000 deliveries go to a fresh
/// database, and its size after a clean stop is reported.
async fn inbox_mode(o: &Opts) {
    let dir = std::env::temp_dir().join(format!("lpwh-bench-inbox-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let body_len = {
        let req = request("x", 0, 0);
        let at = req.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
        req.len() - at
    };
    println!(
        "conns {} · {} s per run · cores {} · body {body_len} bytes",
        o.conns,
        o.secs,
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(0)
    );
    println!();
    println!(
        "| listen | deliveries/s | p50 ms | p99 ms | answered 200 | errors | server CPU µs/delivery |"
    );
    println!("|---|---|---|---|---|---|---|");
    let (mut rec, rec_addr) =
        start_lpwh_with(o.lpwh.as_deref().unwrap_or_default(), &dir.join("rec"), &[]);
    let (mut off, off_addr) = start_lpwh_with(
        o.lpwh.as_deref().unwrap_or_default(),
        &dir.join("off"),
        &["--no-record"],
    );
    let (rec_pid, off_pid) = (rec.id(), off.id());
    let mut sent_to_rec = 0;
    for addr in [&rec_addr, &off_addr] {
        let warm = load(addr, o.conns, 3, None, None).await;
        if addr == &rec_addr {
            sent_to_rec += warm.sent;
        }
    }
    let (mut rec_rates, mut off_rates) = (Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        let a = max_load(&off_addr, off_pid, o.conns, o.secs).await;
        report(&format!("--no-record, max (round {})", round + 1), &a);
        let b = max_load(&rec_addr, rec_pid, o.conns, o.secs).await;
        sent_to_rec += b.sent;
        report(&format!("recording, max (round {})", round + 1), &b);
        off_rates.push(a.rate());
        rec_rates.push(b.rate());
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    println!();
    println!("{}", spread(&rec_rates, &off_rates));
    let rate = mean(&off_rates) / 2.0;
    let [(off_p99, _), (rec_p99, rec_sent)] = paced_pair(
        [
            ("--no-record", &off_addr, off_pid),
            ("recording", &rec_addr, rec_pid),
        ],
        o.conns,
        o.secs,
        rate,
    )
    .await;
    sent_to_rec += rec_sent;
    println!();
    println!(
        "throughput recording / no-record: {:.3} (mean of {ROUNDS} alternating runs) · p99 at {rate:.0}/s (median of {PACED_ROUNDS}): {rec_p99:.2} ms vs {off_p99:.2} ms ({:+.2} ms)",
        mean(&rec_rates) / mean(&off_rates),
        rec_p99 - off_p99
    );
    let _ = off.kill();
    let _ = off.wait();
    stop_gently(&mut rec);
    // Recording must not buy its speed by dropping rows: every answered delivery should be there.
    let rec_db = dir.join("rec").join("data").join("inbox.sqlite");
    let recorded: i64 = rusqlite::Connection::open(&rec_db)
        .and_then(|c| c.query_row("SELECT count(*) FROM deliveries", [], |r| r.get(0)))
        .unwrap_or(-1);
    println!(
        "recorded {recorded} of the {sent_to_rec} deliveries answered 200 by the recording listener ({} not recorded)",
        sent_to_rec as i64 - recorded
    );

    // Size: exactly 100,000 deliveries into a fresh database, measured after a clean stop.
    let size_dir = dir.join("size");
    let (mut lpwh, addr) = start_lpwh_with(o.lpwh.as_deref().unwrap_or_default(), &size_dir, &[]);
    let run = load(&addr, o.conns, 600, None, Some(100_000)).await;
    stop_gently(&mut lpwh);
    let db = size_dir.join("data").join("inbox.sqlite");
    let file_len = |p: &std::path::Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    let wal = db.with_extension("sqlite-wal");
    let bytes = file_len(&db) + file_len(&wal);
    let rows: i64 = rusqlite::Connection::open(&db)
        .and_then(|c| c.query_row("SELECT count(*) FROM deliveries", [], |r| r.get(0)))
        .unwrap_or(-1);
    println!(
        "database after {} deliveries ({rows} rows, {} errors): {:.1} MiB ({} bytes/delivery; body {body_len} bytes)",
        run.sent,
        run.errors,
        bytes as f64 / (1024.0 * 1024.0),
        if rows > 0 { bytes / rows as u64 } else { 0 }
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// `--ab PATH`: two lpwh builds, both `--no-record` (both recording with `--inbox`), in
/// alternating max-throughput rounds and
/// then at the same paced rate: for telling whether a change to the request path helps, on a
/// machine whose speed swings by ±10% between rounds. Prints B's throughput and CPU per delivery
/// relative to A's.
async fn ab_mode(o: &Opts, b_path: &str) {
    let dir = std::env::temp_dir().join(format!("lpwh-bench-ab-{}", std::process::id()));
    println!(
        "conns {} · {} s per run · A = {} · B = {b_path}",
        o.conns,
        o.secs,
        o.lpwh.as_deref().unwrap_or_default()
    );
    println!();
    println!(
        "| build | deliveries/s | p50 ms | p99 ms | answered 200 | errors | server CPU µs/delivery |"
    );
    println!("|---|---|---|---|---|---|---|");
    let flags: &[&str] = if o.inbox { &[] } else { &["--no-record"] };
    let (mut a, a_addr) =
        start_lpwh_with(o.lpwh.as_deref().unwrap_or_default(), &dir.join("a"), flags);
    let (mut b, b_addr) = start_lpwh_with(b_path, &dir.join("b"), flags);
    for addr in [&a_addr, &b_addr] {
        load(addr, o.conns, 3, None, None).await;
    }
    let (mut rates, mut cpus) = ([Vec::new(), Vec::new()], [Vec::new(), Vec::new()]);
    for round in 0..ROUNDS {
        for (i, (name, addr, pid)) in [("A", &a_addr, a.id()), ("B", &b_addr, b.id())]
            .into_iter()
            .enumerate()
        {
            let run = max_load(addr, pid, o.conns, o.secs).await;
            report(&format!("{name}, max (round {})", round + 1), &run);
            rates[i].push(run.rate());
            cpus[i].push(run.server_cpu_us.unwrap_or(0.0));
        }
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let rate = mean(&rates[0]) / 2.0;
    let [(pa, _), (pb, _)] = paced_pair(
        [("A", &a_addr, a.id()), ("B", &b_addr, b.id())],
        o.conns,
        o.secs,
        rate,
    )
    .await;
    println!();
    println!("{}", spread(&rates[1], &rates[0]));
    println!(
        "throughput B / A: {:.3} · CPU per delivery B / A at max: {:.3} · p99 at {rate:.0}/s (median of {PACED_ROUNDS}): {pb:.2} vs {pa:.2} ms",
        mean(&rates[1]) / mean(&rates[0]),
        mean(&cpus[1]) / mean(&cpus[0]),
    );
    for child in [&mut a, &mut b] {
        let _ = child.kill();
        let _ = child.wait();
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// SIGTERM, so the inbox writer commits what is queued, then wait.
fn stop_gently(child: &mut Child) {
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let _ = child.wait();
}

/// Start `lpwh listen` with stdout to /dev/null (it still formats every line) and return it
/// with its address.
fn start_lpwh(path: &str) -> (Child, String) {
    let dir = std::env::temp_dir().join(format!("lpwh-bench-{}", std::process::id()));
    start_lpwh_with(path, &dir, &[])
}

/// [`start_lpwh`] with its data dir in `dir` and extra `listen` flags.
fn start_lpwh_with(path: &str, dir: &std::path::Path, extra: &[&str]) -> (Child, String) {
    // Recording is on unless `extra` says `--no-record`: into a database in the temp `dir`.
    let db = dir.join("data").join("inbox.sqlite");
    let _ = std::fs::create_dir_all(dir.join("data"));
    let mut command = Command::new(path);
    command.args(["listen", "--port", "0", "--secret", SECRET, "--json"]);
    if !extra.contains(&"--no-record") {
        command.arg("--db").arg(&db);
    }
    let mut child = command
        .args(extra)
        .env("LPWH_CONFIG_DIR", dir.join("config"))
        .env("LPWH_DATA_DIR", dir.join("data"))
        .env_remove("LPWH_WEBHOOK_SECRET")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("cannot start {path}: {e} (build it: cargo build --profile dist)")
        });
    use std::io::BufRead;
    let stderr = child.stderr.take().unwrap();
    let mut lines = std::io::BufReader::new(stderr).lines();
    let mut addr = None;
    for line in lines.by_ref() {
        let line = line.unwrap();
        if let Some(rest) = line.strip_prefix("lpwh: listening on http://") {
            addr = rest.split([' ', '/']).next().map(str::to_owned);
        }
        if line == "ready" {
            break;
        }
    }
    // Keep draining stderr so lpwh never blocks on it.
    std::thread::spawn(move || for _ in lines {});
    (child, addr.expect("lpwh printed its address"))
}

fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// The per-round ratios a/b, lowest and highest: how much the machine swung during the run.
fn spread(a: &[f64], b: &[f64]) -> String {
    let ratios: Vec<f64> = a.iter().zip(b).map(|(x, y)| x / y.max(1.0)).collect();
    let lo = ratios.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = ratios.iter().copied().fold(0.0, f64::max);
    format!("per-round ratios: {lo:.2} to {hi:.2}")
}

fn report(name: &str, run: &Run) {
    println!(
        "| {name} | {:.0} | {:.2} | {:.2} | {} | {} | {} |",
        run.rate(),
        run.pct(0.50),
        run.pct(0.99),
        run.sent,
        run.errors,
        run.server_cpu_us
            .map(|us| format!("{us:.1}"))
            .unwrap_or_else(|| "–".into())
    );
}

fn main() {
    let mut o = opts();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    if o.serve_trivial {
        rt.block_on(async {
            println!("{}", trivial_server().await);
            // Serve until the bench kills us (bounded: the bench runs for minutes at most).
            tokio::time::sleep(Duration::from_secs(3600)).await;
        });
        return;
    }
    if let Some(addr) = &o.drive {
        let run = rt.block_on(load(addr, o.conns, 600, None, Some(o.million)));
        println!(
            "{} deliveries answered 200 in {:.1} s ({:.0}/s), {} errors",
            run.sent,
            run.secs,
            run.rate(),
            run.errors
        );
        return;
    }
    let Some(lpwh) = o.lpwh.take() else {
        // `cargo test --all-targets` runs bench targets too: no load test there.
        eprintln!("listen_load: nothing to do without --lpwh PATH (run benches/listen_load.sh)");
        return;
    };
    o.lpwh = Some(lpwh);
    if let Some(b) = &o.ab {
        rt.block_on(ab_mode(&o, b));
        return;
    }
    if o.inbox {
        rt.block_on(inbox_mode(&o));
        return;
    }
    let lpwh_path = o.lpwh.as_deref().unwrap_or_default();
    rt.block_on(async {
        println!(
            "conns {} · {} s per run · cores {}",
            o.conns,
            o.secs,
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(0)
        );
        println!();
        println!("| target | deliveries/s | p50 ms | p99 ms | answered 200 | errors | server CPU µs/delivery |");
        println!("|---|---|---|---|---|---|---|");
        // listen's own work (verify, replay window, report line): the inbox's cost is measured
        // against this same `--no-record` listener by `--inbox`. The RSS run below records.
        let dir = std::env::temp_dir().join(format!("lpwh-bench-{}", std::process::id()));
        let (mut lpwh, addr) = start_lpwh_with(lpwh_path, &dir, &["--no-record"]);
        let (mut trivial, trivial_addr) = start_trivial();
        // Warm up: connections, allocators, and the replay window's pages (the first ~100,000
        // ids fault in its table), so the rounds measure the steady state.
        for a in [&addr, &trivial_addr] {
            let _ = load(a, o.conns, 3, None, None).await;
        }
        // Alternate A/B so the machine's noise hits both alike.
        let (mut lpwh_rates, mut trivial_rates) = (Vec::new(), Vec::new());
        for round in 1..=ROUNDS {
            let max = max_load(&addr, lpwh.id(), o.conns, o.secs).await;
            report(&format!("lpwh listen --no-record, max (round {round})"), &max);
            let ceiling = max_load(&trivial_addr, trivial.id(), o.conns, o.secs).await;
            report(&format!("trivial hyper server, max (round {round})"), &ceiling);
            lpwh_rates.push(max.rate());
            trivial_rates.push(ceiling.rate());
        }
        let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
        println!();
        println!("{}", spread(&lpwh_rates, &trivial_rates));
        let half = mean(&lpwh_rates) / 2.0;
        let [(paced_p99, _), (trivial_p99, _)] = paced_pair(
            [
                ("lpwh listen --no-record at half its max", &addr, lpwh.id()),
                ("trivial hyper server", &trivial_addr, trivial.id()),
            ],
            o.conns,
            o.secs,
            half,
        )
        .await;
        if let Some(nginx) = &o.nginx {
            let n = load(
                nginx.trim_start_matches("http://"),
                o.conns,
                o.secs,
                None,
                None,
            )
            .await;
            report("nginx (return 200)", &n);
        }
        println!();
        println!(
            "throughput lpwh / trivial: {:.3} (mean of {ROUNDS} alternating runs; goal >= 0.7) · p99 at half max (median of {PACED_ROUNDS}): {paced_p99:.2} ms (goal <= 2 ms; trivial {trivial_p99:.2} ms)",
            mean(&lpwh_rates) / mean(&trivial_rates),
        );
        stop_gently(&mut lpwh);
        let _ = trivial.kill();
        let _ = trivial.wait();

        println!();
        // Memory with everything on, as people run it: recording into the inbox.
        let (mut lpwh, addr) = start_lpwh(lpwh_path);
        let idle = rss_kib(lpwh.id());
        let _ = load(&addr, o.conns, 600, None, Some(1_000)).await;
        let after_1k = rss_kib(lpwh.id());
        let mut last = after_1k;
        println!("RSS: idle {idle} KiB · after 1,000 deliveries {after_1k} KiB");
        // Then in steps up to `million` in all, so a plateau (bounded memory) is visible.
        let started = Instant::now();
        let mut done = 1_000u64;
        let mut errors = 0;
        for step in [100_000, 250_000, 500_000, 1_000_000] {
            let target = step * o.million / 1_000_000;
            if target <= done {
                continue;
            }
            let run = load(&addr, o.conns, 600, None, Some(target - done)).await;
            done += run.sent;
            errors += run.errors;
            last = rss_kib(lpwh.id());
            println!("RSS: after {done} deliveries {last} KiB");
        }
        println!(
            "RSS after {done} / after 1,000: {:.2} (goal <= 1.5) · {:.0} s for the RSS runs, {errors} errors",
            last as f64 / after_1k.max(1) as f64,
            started.elapsed().as_secs_f64()
        );
        let _ = lpwh.kill();
        let _ = lpwh.wait();
        let _ = std::fs::remove_dir_all(
            std::env::temp_dir().join(format!("lpwh-bench-{}", std::process::id())),
        );
    });
}
