//! Ending a tunnel program and everything it started, and finding what a killed lpwh left.
//!
//! The program runs in its own process group. Stopping it signals the whole group and waits for
//! the group to be empty, not only for the program: a helper that ignores SIGTERM, or outlives
//! its parent, is still in the group and gets SIGKILL. A helper that left the group (`setsid`)
//! is found too on Linux: lpwh is a child subreaper (`PR_SET_CHILD_SUBREAPER`), so an orphaned
//! descendant becomes lpwh's child, and stopping ends lpwh's children outside its own group.
//!
//! What no handler can catch (`kill -9` of lpwh) leaves a record: while a tunnel runs, a small
//! 0600 file in the data dir (`tunnels/<lpwh pid>.json`) names the program and its process
//! group. The next `listen --tunnel` or `--public-url` reads the records of lpwh processes that
//! are gone, and for a group still alive says which program it is and how to stop it.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context as _, Result};

use crate::output::Out;

/// How long a group gets after SIGTERM before SIGKILL.
pub const GRACE: Duration = Duration::from_secs(3);

/// Make lpwh the reaper of its descendants' orphans (Linux), so none escapes [`stop_adopted`].
pub fn become_subreaper() {
    #[cfg(target_os = "linux")]
    // SAFETY: prctl with PR_SET_CHILD_SUBREAPER takes an integer flag and touches no memory.
    unsafe {
        libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1);
    }
}

/// Whether any process is in process group `pgid`.
pub fn group_alive(pgid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pgid) = i32::try_from(pgid) else {
            return false;
        };
        // SAFETY: kill(2) with signal 0 only checks; a negative pid names the group.
        pgid > 0 && unsafe { libc::kill(-pgid, 0) } == 0
    }
    #[cfg(not(unix))]
    {
        let _ = pgid;
        false
    }
}

/// Send `signal` to process group `pgid`.
#[cfg(unix)]
pub fn signal_group(pgid: u32, signal: i32) {
    if let Ok(pgid) = i32::try_from(pgid)
        && pgid > 0
    {
        // SAFETY: kill(2) with a negative pid signals that process group; no memory is touched.
        unsafe { libc::kill(-pgid, signal) };
    }
}

/// Wait (polling) until group `pgid` is empty or `limit` passes; whether it emptied.
pub async fn wait_group_gone(pgid: u32, limit: Duration) -> bool {
    let deadline = tokio::time::Instant::now() + limit;
    while group_alive(pgid) {
        if tokio::time::Instant::now() >= deadline {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    true
}

/// End lpwh's adopted children (orphans of a tunnel's helpers, see the module docs): those not
/// in lpwh's own process group. SIGTERM to each and its group, SIGKILL after [`GRACE`], then
/// reap them.
pub async fn stop_adopted() {
    #[cfg(target_os = "linux")]
    {
        let adopted = adopted_children();
        if adopted.is_empty() {
            return;
        }
        for &pid in &adopted {
            signal_group(pid, libc::SIGTERM);
            // SAFETY: kill(2) on a pid; no memory is touched.
            unsafe { libc::kill(pid as i32, libc::SIGTERM) };
        }
        let deadline = tokio::time::Instant::now() + GRACE;
        loop {
            reap(&adopted);
            let left: Vec<u32> = adopted.iter().copied().filter(|&p| is_running(p)).collect();
            if left.is_empty() {
                return;
            }
            if tokio::time::Instant::now() >= deadline {
                for pid in left {
                    signal_group(pid, libc::SIGKILL);
                    // SAFETY: as above.
                    unsafe { libc::kill(pid as i32, libc::SIGKILL) };
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
                reap(&adopted);
                return;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }
}

/// lpwh's children outside its own process group (Linux: read from /proc).
#[cfg(target_os = "linux")]
fn adopted_children() -> Vec<u32> {
    let me = std::process::id();
    // SAFETY: getpgrp takes nothing and cannot fail.
    let my_group = unsafe { libc::getpgrp() } as u32;
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|e| e.file_name().to_string_lossy().parse::<u32>().ok())
        .filter(|&pid| {
            stat_fields(pid)
                .is_some_and(|(state, ppid, pgrp)| state != "Z" && ppid == me && pgrp != my_group)
        })
        .collect()
}

/// `(state, ppid, pgrp)` from /proc/PID/stat.
#[cfg(target_os = "linux")]
fn stat_fields(pid: u32) -> Option<(String, u32, u32)> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // `pid (comm) state ppid pgrp ...`; comm may hold spaces, so read after the last ')'.
    let mut fields = stat[stat.rfind(')')? + 1..].split_whitespace();
    let state = fields.next()?.to_owned();
    let ppid = fields.next()?.parse().ok()?;
    let pgrp = fields.next()?.parse().ok()?;
    Some((state, ppid, pgrp))
}

#[cfg(target_os = "linux")]
fn is_running(pid: u32) -> bool {
    stat_fields(pid).is_some_and(|(state, _, _)| state != "Z")
}

/// Collect the exit status of those of `pids` that have ended (never blocks).
#[cfg(target_os = "linux")]
fn reap(pids: &[u32]) {
    for &pid in pids {
        let mut status = 0;
        // SAFETY: waitpid on one pid with WNOHANG; `status` lives across the call.
        unsafe { libc::waitpid(pid as i32, &mut status, libc::WNOHANG) };
    }
}

/// The record of a running tunnel, for the next run should this one be killed.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct Record {
    pub program: String,
    /// The tunnel program's pid, which is also its process group.
    pub pgid: u32,
    /// The lpwh that started it.
    pub lpwh_pid: u32,
    pub started_at_ms: i64,
}

/// Where this lpwh's record goes, in `dir`.
pub fn record_path(dir: &Path) -> PathBuf {
    dir.join(format!("{}.json", std::process::id()))
}

/// Write this lpwh's record in `dir` (0600, atomically): the tunnel it runs now.
pub fn write_record(dir: &Path, program: &str, pgid: u32) -> Result<()> {
    create_private_dir(dir)?;
    let record = Record {
        program: program.to_owned(),
        pgid,
        lpwh_pid: std::process::id(),
        started_at_ms: crate::humane::now_ms(),
    };
    crate::atomic_file::write(&record_path(dir), &serde_json::to_vec(&record)?)
}

fn create_private_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt as _;
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .with_context(|| format!("creating {}", dir.display()))
    }
    #[cfg(not(unix))]
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))
}

/// Say what killed lpwh runs left running (a tunnel's process group still alive), and forget
/// the records of those that left nothing.
pub fn report_leftovers(dir: &Path, out: &Out) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let Some(record) = std::fs::read(&path)
            .ok()
            .and_then(|b| serde_json::from_slice::<Record>(&b).ok())
        else {
            continue;
        };
        if record.lpwh_pid == std::process::id() || process_alive(record.lpwh_pid) {
            // That lpwh is still running (or it is us): its tunnel is its own business.
            continue;
        }
        if group_alive(record.pgid) {
            out.warn(format!(
                "an earlier 'lpwh listen' (pid {}) ended without cleaning up, and its {} \
                 (process group {}) may still be running; stop it with: kill -- -{}",
                record.lpwh_pid,
                crate::output::sanitize(&record.program),
                record.pgid,
                record.pgid
            ));
        } else {
            let _ = std::fs::remove_file(&path);
        }
    }
}

fn process_alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        // SAFETY: kill(2) with signal 0 only checks.
        i32::try_from(pid).is_ok_and(|p| p > 0 && unsafe { libc::kill(p, 0) } == 0)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        false
    }
}
