//! Profiles, directories and credentials: where lpwh keeps its files, `config.toml`
//! (per-profile settings, never secrets), and the stored API keys (OS keyring, else a 0600 file).
//!
//! Submodules: [`settings`] reads and edits `config.toml`, [`keyring`] talks to the OS keyring
//! with a time limit, [`file`] is the 0600 credentials-file fallback, [`credentials`] decides
//! between the two.

mod credentials;
mod file;
mod keyring;
mod settings;

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::Serialize;

pub use credentials::{
    DevSecretFrom, KeyLocation, Removed, SaveOutcome, dev_secret, file_profiles, key_location,
    remove_api_key, save_api_key, stored_api_key,
};
pub(crate) use credentials::{keyring_trouble, mark_warned};
pub use keyring::{KEYRING_ENV, KEYRING_TIMEOUT_ENV};
pub use settings::{Config, Defaults, ProfileConfig, check_api_url, save_api_url};

use crate::error::usage;

/// The name of the settings file in the config dir.
pub const CONFIG_FILE: &str = "config.toml";
/// The name of the fallback credentials file in the config dir (mode 0600).
pub const CREDENTIALS_FILE: &str = "credentials.toml";

/// Where lpwh keeps its files.
#[derive(Debug, Clone)]
pub struct Dirs {
    /// `$LPWH_CONFIG_DIR`, else the XDG config dir (`~/.config/lpwh`).
    pub config: PathBuf,
    /// `$LPWH_DATA_DIR`, else the XDG data dir (the inbox database lives here).
    pub data: PathBuf,
}

impl Dirs {
    /// The explicit directories win; otherwise the platform's (XDG on Linux) dirs for `lpwh`.
    /// An empty variable counts as unset, as shells make `VAR=` easy to leave behind.
    pub fn resolve(config_env: Option<OsString>, data_env: Option<OsString>) -> Result<Dirs> {
        let config_env = config_env.filter(|v| !v.is_empty()).map(PathBuf::from);
        let data_env = data_env.filter(|v| !v.is_empty()).map(PathBuf::from);
        // Only ask for the home directory when a default is actually needed: CI jobs often
        // run with LPWH_CONFIG_DIR/LPWH_DATA_DIR set and no usable HOME.
        let project = || {
            directories::ProjectDirs::from("", "", "lpwh").ok_or_else(|| {
                anyhow::Error::from(
                    usage("cannot find your home directory to keep lpwh's files in")
                        .hint("set HOME, or LPWH_CONFIG_DIR and LPWH_DATA_DIR"),
                )
            })
        };
        let config = match config_env {
            Some(dir) => absolute(dir)?,
            None => project()?.config_dir().to_path_buf(),
        };
        let data = match data_env {
            Some(dir) => absolute(dir)?,
            None => project()?.data_dir().to_path_buf(),
        };
        Ok(Dirs { config, data })
    }

    /// `config.toml`: per-profile settings.
    pub fn config_file(&self) -> PathBuf {
        self.config.join(CONFIG_FILE)
    }

    /// `credentials.toml`: API keys, only where no OS keyring is available.
    pub fn credentials_file(&self) -> PathBuf {
        self.config.join(CREDENTIALS_FILE)
    }
}

/// Relative dirs are resolved now, so messages print a path that still means something later.
fn absolute(dir: PathBuf) -> Result<PathBuf> {
    if dir.is_absolute() {
        return Ok(dir);
    }
    std::path::absolute(&dir).with_context(|| format!("resolving {}", dir.display()))
}

/// Where an API key came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum KeySource {
    Flag,
    Env,
    Keyring,
    File,
}

impl KeySource {
    /// For messages: "the key from LIVEPEER_API_KEY was refused".
    pub fn label(self) -> &'static str {
        match self {
            KeySource::Flag => "--api-key",
            KeySource::Env => "LIVEPEER_API_KEY",
            KeySource::Keyring => "the OS keyring",
            KeySource::File => "the credentials file",
        }
    }
}

/// Profile names become keyring user names and TOML table keys: keep them plain.
pub fn validate_profile_name(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && !name.starts_with('.');
    if ok {
        Ok(())
    } else {
        Err(usage(format!(
            "invalid profile name '{}'",
            crate::output::sanitize(name)
        ))
        .hint("use letters, digits, '-', '_' or '.', at most 64 characters (e.g. 'staging')")
        .into())
    }
}

/// A TOML error as `line L, column C: message`, without toml's quoted source line: the line may
/// hold a secret (an unquoted key in a hand-edited file), and errors never show secrets.
pub(crate) fn describe_toml_error(err: &toml::de::Error, text: &str) -> String {
    let message = err.message().trim_end();
    match err.span() {
        Some(span) => {
            let before = &text[..span.start.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
            format!("line {line}, column {column}: {message}")
        }
        None => message.to_owned(),
    }
}

/// Create the config dir (and parents) private to the user: it may come to hold credentials.
pub(crate) fn ensure_private_dir(dir: &Path) -> Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
        .create(dir)
        .with_context(|| format!("creating {}", dir.display()))
}

/// An exclusive lock for a read-modify-write of `path`: another lpwh updating the same file at
/// the same moment (two `lpwh login --profile ...` in parallel scripts) waits for this one to
/// finish instead of overwriting its change with a copy read before it. The lock is held on a
/// sibling file, `.<name>.lock` (0600), until the returned file is dropped; the file itself is
/// left in place, since removing it would race with a process about to lock it.
pub(crate) fn lock_for_update(path: &Path) -> Result<std::fs::File> {
    let (dir, name) = sibling_parts(path);
    ensure_private_dir(dir)?;
    let lock = dir.join(format!(".{name}.lock"));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options
        .open(&lock)
        .with_context(|| format!("opening {}", lock.display()))?;
    file.lock()
        .with_context(|| format!("locking {}", lock.display()))?;
    Ok(file)
}

/// The directory and file name of `path`, for files created beside it.
fn sibling_parts(path: &Path) -> (&Path, String) {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    (dir, name)
}

/// Replace `path` with `contents` atomically: write a sibling temp file created with `mode`
/// from the start (so it is never readable by others, even briefly), sync it, then rename.
/// Readers see the old file or the new one, never half of one.
pub(crate) fn write_atomic(path: &Path, contents: &[u8], mode: u32) -> Result<()> {
    use std::io::Write;

    let (dir, name) = sibling_parts(path);
    ensure_private_dir(dir)?;
    let tmp = dir.join(format!(".{name}.{}.tmp", uuid::Uuid::new_v4().simple()));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, mode);
    #[cfg(not(unix))]
    let _ = mode;
    let result = (|| -> std::io::Result<()> {
        let mut file = options.open(&tmp)?;
        file.write_all(contents)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.with_context(|| format!("writing {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_dirs_win_and_empty_means_unset() {
        let dirs = Dirs::resolve(Some("/tmp/c".into()), Some("/tmp/d".into())).unwrap();
        assert_eq!(dirs.config, PathBuf::from("/tmp/c"));
        assert_eq!(dirs.data, PathBuf::from("/tmp/d"));
        assert_eq!(dirs.config_file(), PathBuf::from("/tmp/c/config.toml"));

        let dirs = Dirs::resolve(Some("".into()), Some("/tmp/d".into())).unwrap();
        assert_ne!(dirs.config, PathBuf::from(""));
        assert!(dirs.config.ends_with("lpwh"), "{}", dirs.config.display());
    }

    #[test]
    fn relative_dirs_become_absolute() {
        let dirs = Dirs::resolve(Some("rel/c".into()), Some("/d".into())).unwrap();
        assert!(dirs.config.is_absolute());
        assert!(dirs.config.ends_with("rel/c"));
    }

    #[test]
    fn profile_names_are_checked() {
        for good in ["default", "staging", "prod-eu_1", "a.b"] {
            validate_profile_name(good).unwrap();
        }
        for bad in [
            "",
            "has space",
            "a/b",
            ".hidden",
            "é",
            &"x".repeat(65),
            "a]b",
        ] {
            let err = validate_profile_name(bad).unwrap_err();
            assert_eq!(crate::report::exit_code(&err), 2, "{bad}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn atomic_writes_use_the_requested_mode_and_leave_no_temp_files() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/secret.toml");
        write_atomic(&path, b"one", 0o600).unwrap();
        write_atomic(&path, b"two", 0o600).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "two");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let dir_mode = std::fs::metadata(path.parent().unwrap())
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(dir_mode & 0o777, 0o700);
        let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("secret.toml")]);
    }
}
