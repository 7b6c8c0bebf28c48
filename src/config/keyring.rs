//! The OS keyring (Secret Service on Linux, Keychain on macOS, Credential Manager on Windows),
//! through the `keyring` crate: service `lpwh`, user = profile name.
//!
//! Every call runs on its own thread with a deadline. A Secret Service that hangs (a stuck
//! daemon, an unlock prompt nobody answers) then costs lpwh a few seconds, not forever: the
//! keyring counts as unavailable and the caller falls back to the credentials file.
//!
//! Environment knobs (read here because they only tune this module):
//! - `LPWH_KEYRING=off` (also `0`, `false`, `no`, `file`): never touch the OS keyring; keys go to
//!   the 0600 credentials file. For machines whose keyring misbehaves, and for tests of the file
//!   fallback that must not depend on (or write to) a real keyring.
//! - `LPWH_KEYRING_TIMEOUT=SECS`: the deadline per keyring call (default 20 seconds; fractions ok).

use std::sync::{OnceLock, mpsc};
use std::time::Duration;

use crate::redacted::Secret;

/// The keyring service name; the user name is the profile.
pub const SERVICE: &str = "lpwh";
/// Set to `off` to keep lpwh away from the OS keyring.
pub const KEYRING_ENV: &str = "LPWH_KEYRING";
/// Seconds to wait for each keyring call.
pub const KEYRING_TIMEOUT_ENV: &str = "LPWH_KEYRING_TIMEOUT";

// Long enough to type a password into a desktop keyring's unlock prompt; short enough that a
// stuck daemon is noticed.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(20);

/// What the keyring said about one profile's key.
#[derive(Debug)]
pub enum Lookup {
    Found(Secret),
    /// The keyring answered: it holds no key for this profile.
    Missing,
    /// No keyring answered (none running, locked and not unlocked, disabled, too slow).
    Unavailable(String),
}

/// Why no keyring could be used, for messages: "no OS keyring available (...)".
pub type Unavailable = String;

/// `Some(reason)` when `LPWH_KEYRING` turns the keyring off: the user chose the file.
pub fn disabled() -> Option<String> {
    disabled_by(std::env::var(KEYRING_ENV).ok().as_deref())
}

fn disabled_by(value: Option<&str>) -> Option<String> {
    let value = value?;
    matches!(
        value.trim().to_ascii_lowercase().as_str(),
        "off" | "0" | "false" | "no" | "file"
    )
    .then(|| format!("disabled by {KEYRING_ENV}={value}"))
}

fn timeout() -> Duration {
    timeout_from(std::env::var(KEYRING_TIMEOUT_ENV).ok().as_deref())
}

/// Seconds, fractions allowed; anything unusable means the default rather than an error, since
/// a typo in a tuning knob should not stop every command.
fn timeout_from(value: Option<&str>) -> Duration {
    value
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s > 0.0 && *s < 86_400.0)
        .map(Duration::from_secs_f64)
        .unwrap_or(DEFAULT_TIMEOUT)
}

/// Run one keyring operation on a plain thread (no async runtime in sight, which the blocking
/// D-Bus client needs) and wait at most the deadline. A thread that never returns is abandoned;
/// the process exits without joining it.
fn bounded<T: Send + 'static>(
    what: &'static str,
    op: impl FnOnce() -> keyring::Result<T> + Send + 'static,
) -> Result<keyring::Result<T>, Unavailable> {
    if let Some(reason) = disabled() {
        return Err(reason);
    }
    // Once the keyring has hung, later calls in this process (`lpwh profiles` asks about
    // every profile) would hang too: answer at once instead of waiting out each deadline.
    static HUNG: OnceLock<String> = OnceLock::new();
    if let Some(reason) = HUNG.get() {
        return Err(reason.clone());
    }
    let limit = timeout();
    let (tx, rx) = mpsc::sync_channel(1);
    std::thread::Builder::new()
        .name(format!("keyring-{what}"))
        .spawn(move || {
            let _ = tx.send(op());
        })
        .map_err(|e| format!("cannot start a thread for the keyring: {e}"))?;
    match rx.recv_timeout(limit) {
        Ok(result) => Ok(result),
        Err(mpsc::RecvTimeoutError::Timeout) => {
            let reason = format!(
                "the keyring did not answer within {}s (set {KEYRING_TIMEOUT_ENV} to wait longer)",
                limit.as_secs_f64()
            );
            Err(HUNG.get_or_init(|| reason).clone())
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Err("the keyring call failed unexpectedly".to_owned())
        }
    }
}

fn entry(profile: &str) -> keyring::Result<keyring::Entry> {
    keyring::Entry::new(SERVICE, profile)
}

/// Describe a keyring error without any secret material (some variants carry raw bytes).
fn describe(err: &keyring::Error) -> String {
    use keyring::Error as E;
    match err {
        // The store is set up once per process; its own error says why (no session bus, ...).
        E::NoDefaultStore => match keyring::Entry::store_status() {
            Err(init) if !matches!(init, E::NoDefaultStore) => describe(init),
            _ => "no keyring service could be reached".to_owned(),
        },
        E::NoStorageAccess(e) => format!("the keyring refused access (locked?): {e}"),
        E::PlatformFailure(e) => platform_failure(&e.to_string()),
        E::BadEncoding(_) => "the stored key is not valid UTF-8".to_owned(),
        E::BadDataFormat(..) => "the stored key is malformed".to_owned(),
        E::Ambiguous(items) => format!(
            "{} keyring entries match service '{SERVICE}'; remove the extra ones",
            items.len()
        ),
        other => other.to_string(),
    }
}

/// A platform error (on Linux, zbus's text) inside a sentence that says what it means: the
/// library's words alone ("zbus error: Failed to connect to address ...") tell a user nothing.
fn platform_failure(text: &str) -> String {
    // Short: the reason, not D-Bus's address and errno, which say nothing more to a user.
    let detail = text.strip_prefix("zbus error: ").unwrap_or(text).trim();
    if detail.starts_with("Failed to connect") || detail.contains("Address") {
        "no D-Bus session bus answered".to_owned()
    } else if detail.contains("ServiceUnknown") || detail.contains("was not provided") {
        "the session bus has no Secret Service (gnome-keyring, KeePassXC) running".to_owned()
    } else {
        format!("the keyring service failed (it said: {detail})")
    }
}

/// Read the profile's key.
pub fn get(profile: &str) -> Lookup {
    let profile = profile.to_owned();
    match bounded("get", move || entry(&profile)?.get_password()) {
        Err(reason) => Lookup::Unavailable(reason),
        Ok(Ok(key)) if key.is_empty() => Lookup::Missing,
        Ok(Ok(key)) => Lookup::Found(Secret::new(key)),
        Ok(Err(keyring::Error::NoEntry)) => Lookup::Missing,
        Ok(Err(err)) => Lookup::Unavailable(describe(&err)),
    }
}

/// Store the profile's key. `Err` says why no keyring took it.
pub fn set(profile: &str, key: &Secret) -> Result<(), Unavailable> {
    let profile = profile.to_owned();
    let key = key.clone();
    match bounded("set", move || entry(&profile)?.set_password(key.expose())) {
        Err(reason) => Err(reason),
        Ok(Ok(())) => Ok(()),
        Ok(Err(err)) => Err(describe(&err)),
    }
}

/// Delete the profile's key: `Ok(true)` removed, `Ok(false)` there was none.
pub fn delete(profile: &str) -> Result<bool, Unavailable> {
    let profile = profile.to_owned();
    match bounded("delete", move || entry(&profile)?.delete_credential()) {
        Err(reason) => Err(reason),
        Ok(Ok(())) => Ok(true),
        Ok(Err(keyring::Error::NoEntry)) => Ok(false),
        Ok(Err(err)) => Err(describe(&err)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platform_errors_are_explained_not_quoted_bare() {
        let no_bus = platform_failure(
            "zbus error: Failed to connect to address `unix:path=/run/user/0/bus`: No such file \
             or directory (os error 2)",
        );
        assert_eq!(no_bus, "no D-Bus session bus answered");
        let no_service = platform_failure(
            "zbus error: org.freedesktop.DBus.Error.ServiceUnknown: The name \
             org.freedesktop.secrets was not provided by any .service files",
        );
        assert!(
            no_service.starts_with("the session bus has no Secret Service"),
            "{no_service}"
        );
        let other = platform_failure("zbus error: something else");
        assert_eq!(
            other,
            "the keyring service failed (it said: something else)"
        );
    }

    #[test]
    fn the_keyring_is_turned_off_only_by_an_off_value() {
        for off in ["off", "OFF", " 0 ", "false", "no", "file"] {
            let reason = disabled_by(Some(off)).unwrap();
            assert!(reason.contains("LPWH_KEYRING="), "{reason}");
        }
        for on in [None, Some("on"), Some("1"), Some(""), Some("keyring")] {
            assert_eq!(disabled_by(on), None, "{on:?}");
        }
    }

    #[test]
    fn timeouts_parse_seconds_and_fall_back_to_the_default() {
        assert_eq!(timeout_from(Some("0.5")), Duration::from_millis(500));
        assert_eq!(timeout_from(Some(" 3 ")), Duration::from_secs(3));
        for bad in [
            None,
            Some(""),
            Some("-1"),
            Some("0"),
            Some("NaN"),
            Some("inf"),
            Some("5s"),
        ] {
            assert_eq!(timeout_from(bad), DEFAULT_TIMEOUT, "{bad:?}");
        }
    }
}
