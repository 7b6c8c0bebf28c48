//! Where a profile's stored key lives, and the choice between the OS keyring and the file.
//!
//! Reading: the keyring first. If it has no entry, or no keyring answers, the 0600 credentials
//! file is consulted; only a file others can read gets a warning.
//! Writing: the keyring, checked by reading the key back; only when no keyring takes it does the
//! key go to the file (with a warning). A key saved to the keyring removes any file copy, so one
//! profile never has two stored keys that disagree.

use std::path::PathBuf;

use anyhow::Result;
use serde::Serialize;

use super::file::{CredentialsFile, Kind};
use super::keyring::{self, Lookup};
use super::{Dirs, KeySource, validate_profile_name};
use crate::output::Out;
use crate::redacted::Secret;

/// Where a profile's key is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum KeyLocation {
    Keyring,
    File,
    None,
}

/// What `save_api_key` did.
#[derive(Debug, Clone)]
pub enum SaveOutcome {
    /// In the OS keyring; `removed_file_copy` when an older copy left the credentials file.
    Keyring { removed_file_copy: bool },
    /// In the credentials file, because no keyring took it (`reason`). `chosen` when the user
    /// turned the keyring off with `LPWH_KEYRING`, so the file is what they asked for.
    File {
        path: PathBuf,
        reason: String,
        chosen: bool,
    },
}

/// What `remove_api_key` removed.
#[derive(Debug, Clone)]
pub struct Removed {
    /// `Ok(true)` removed from the keyring, `Ok(false)` it had none, `Err` no keyring answered.
    pub keyring: Result<bool, String>,
    /// Removed from the credentials file.
    pub file: bool,
    pub file_path: PathBuf,
}

/// Say that the keyring could not be used, once: the first time a warning with the fix, later
/// a short note (hidden by `-q`), or nothing when `quiet_later` (the commands that only read a
/// key). When the user turned the keyring off with `LPWH_KEYRING` nothing is wrong: a note.
pub(crate) fn keyring_trouble(dirs: &Dirs, out: &Out, message: String, quiet_later: bool) {
    if keyring::disabled().is_some() {
        out.info(format!("note: {message}"));
    } else if !warned_before(dirs) {
        out.warn(format!(
            "{message}. Keys go to {} (mode 0600) instead. Start a Secret Service \
             (gnome-keyring, KeePassXC) in this session, or set LPWH_KEYRING=off to make the \
             file your choice (said once)",
            dirs.credentials_file().display()
        ));
        mark_warned(dirs);
    } else if !quiet_later {
        out.info(format!("note: {message}"));
    }
}

/// Where lpwh notes that the keyring warning was given (so it is given once).
fn warned_marker(dirs: &Dirs) -> PathBuf {
    dirs.config.join(".keyring-warned")
}

fn warned_before(dirs: &Dirs) -> bool {
    warned_marker(dirs).exists()
}

/// Remember that the keyring warning was given (`login` gives its own).
pub(crate) fn mark_warned(dirs: &Dirs) {
    let marker = warned_marker(dirs);
    if let Some(parent) = marker.parent() {
        let _ = std::fs::create_dir_all(parent);
    }
    let _ = std::fs::write(marker, b"");
}

fn warn_if_loose(file: &CredentialsFile, out: &Out) {
    if let Some(mode) = file.loose_permissions() {
        out.warn(format!(
            "{} can be read by other users (mode {mode:o}); run: chmod 600 {}",
            file.path.display(),
            file.path.display()
        ));
    }
}

/// The profile's stored key: the OS keyring first, then the 0600 credentials file.
///
/// A key from the file is used without a word: `login` said where it put it, and `profiles`
/// shows it. Only a file others can read gets a warning (every time, even with `-q`: it is a
/// leak to fix). When there is no key at all and the keyring did not answer, that is said
/// beside "not logged in", since a key may be in a keyring this session cannot reach.
pub fn stored_api_key(
    dirs: &Dirs,
    profile: &str,
    out: &Out,
) -> Result<Option<(Secret, KeySource)>> {
    validate_profile_name(profile)?;
    let keyring_problem = match keyring::get(profile) {
        Lookup::Found(key) => return Ok(Some((key, KeySource::Keyring))),
        Lookup::Missing => None,
        Lookup::Unavailable(reason) => Some(reason),
    };
    let file = CredentialsFile::new(dirs.credentials_file());
    let Some(key) = file.get(profile)? else {
        // "Not logged in" alone would mislead someone whose key is in a keyring that did not
        // answer this time (an SSH session without the desktop's D-Bus, say).
        if let Some(reason) = keyring_problem {
            keyring_trouble(
                dirs,
                out,
                format!("could not read the OS keyring: {reason}"),
                true,
            );
        }
        return Ok(None);
    };
    warn_if_loose(&file, out);
    Ok(Some((key, KeySource::File)))
}

/// Save the profile's key: the OS keyring if one takes it, else the credentials file.
pub fn save_api_key(dirs: &Dirs, profile: &str, key: &Secret) -> Result<SaveOutcome> {
    validate_profile_name(profile)?;
    let file = CredentialsFile::new(dirs.credentials_file());
    let reason = match keyring::set(profile, key) {
        // Some keyrings accept a write they cannot give back (a locked or session-less
        // collection): only a key that reads back counts as stored.
        Ok(()) => match keyring::get(profile) {
            Lookup::Found(read) if &read == key => {
                let removed_file_copy = file.remove(profile)?;
                return Ok(SaveOutcome::Keyring { removed_file_copy });
            }
            Lookup::Found(_) | Lookup::Missing => {
                "the OS keyring accepted the key but did not return it".to_owned()
            }
            Lookup::Unavailable(reason) => reason,
        },
        Err(reason) => reason,
    };
    file.set(profile, key)?;
    Ok(SaveOutcome::File {
        path: file.path,
        chosen: keyring::disabled().is_some(),
        reason,
    })
}

/// Forget the profile's key everywhere it is stored, and its development webhook secret with
/// it. Idempotent.
pub fn remove_api_key(dirs: &Dirs, profile: &str) -> Result<Removed> {
    validate_profile_name(profile)?;
    let keyring = keyring::delete(profile);
    let file = CredentialsFile::new(dirs.credentials_file());
    let removed_file = file.remove(profile)?;
    // The development secret goes with the key (best effort: a keyring that did not answer for
    // the key will not for this either, and that is already reported).
    let _ = keyring::delete(&dev_secret_account(profile));
    let _ = file.remove_kind(profile, Kind::DevSecret);
    Ok(Removed {
        keyring,
        file: removed_file,
        file_path: file.path,
    })
}

/// Where the profile's key lives, without reading it into the caller; plus, when no keyring
/// answered, why (so `lpwh profiles` can say its "none" may be incomplete).
pub fn key_location(dirs: &Dirs, profile: &str) -> Result<(KeyLocation, Option<String>)> {
    validate_profile_name(profile)?;
    let keyring_problem = match keyring::get(profile) {
        Lookup::Found(_) => return Ok((KeyLocation::Keyring, None)),
        Lookup::Missing => None,
        Lookup::Unavailable(reason) => Some(reason),
    };
    let file = CredentialsFile::new(dirs.credentials_file());
    let location = if file.get(profile)?.is_some() {
        KeyLocation::File
    } else {
        KeyLocation::None
    };
    Ok((location, keyring_problem))
}

/// Profiles with a key in the credentials file (the keyring cannot be listed portably).
pub fn file_profiles(dirs: &Dirs) -> Result<Vec<String>> {
    CredentialsFile::new(dirs.credentials_file()).profiles()
}

/// Where the development webhook secret came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DevSecretFrom {
    /// Made now (first use) and stored.
    Made,
    Keyring,
    File,
}

/// The keyring account of a profile's development secret: the profile's own account with a
/// suffix no profile name can have (`:` is not allowed in one).
fn dev_secret_account(profile: &str) -> String {
    format!("{profile}:dev-secret")
}

/// The profile's development webhook secret, which `listen --tunnel` and `--public-url` sign
/// their temporary webhook with when no `--secret` is given: stable across runs, so the app's
/// `.env` keeps working. Kept beside the API key (the keyring, else the 0600 credentials file);
/// made on first use: 32 random bytes, hex-encoded (Studio takes any string).
pub fn dev_secret(dirs: &Dirs, profile: &str) -> Result<(Secret, DevSecretFrom)> {
    validate_profile_name(profile)?;
    let account = dev_secret_account(profile);
    let keyring_answered = match keyring::get(&account) {
        Lookup::Found(secret) => return Ok((secret, DevSecretFrom::Keyring)),
        Lookup::Missing => true,
        Lookup::Unavailable(_) => false,
    };
    let file = CredentialsFile::new(dirs.credentials_file());
    if let Some(secret) = file.get_kind(profile, Kind::DevSecret)? {
        return Ok((secret, DevSecretFrom::File));
    }
    let secret = Secret::new(crate::webhook::input::generate_secret());
    let in_keyring = keyring_answered
        && keyring::set(&account, &secret).is_ok()
        && matches!(keyring::get(&account), Lookup::Found(read) if read == secret);
    if !in_keyring {
        file.set_kind(profile, Kind::DevSecret, &secret)?;
    }
    Ok((secret, DevSecretFrom::Made))
}
