//! Profiles, directories and credentials.
//!
//! SCAFFOLD: the contract below is what `context.rs` and the commands use; the bodies
//! (config.toml, OS keyring, 0600 file fallback) are being implemented.

use std::ffi::OsString;
use std::path::PathBuf;

use anyhow::Result;
use serde::Serialize;

use crate::output::Out;
use crate::redacted::Secret;

/// Where lpwh keeps its files.
#[derive(Debug, Clone)]
pub struct Dirs {
    /// `$LPWH_CONFIG_DIR`, else the XDG config dir (`~/.config/lpwh`).
    pub config: PathBuf,
    /// `$LPWH_DATA_DIR`, else the XDG data dir (the inbox database lives here).
    pub data: PathBuf,
}

impl Dirs {
    pub fn resolve(config_env: Option<OsString>, data_env: Option<OsString>) -> Result<Dirs> {
        let _ = (&config_env, &data_env);
        todo!()
    }
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

/// `config.toml`: per-profile settings. Never holds a secret.
#[derive(Debug, Clone, Default)]
pub struct Config {}

impl Config {
    pub fn load(_dirs: &Dirs) -> Result<Config> {
        todo!()
    }

    /// The profile's `api_url`, if set.
    pub fn api_url(&self, _profile: &str) -> Option<&str> {
        todo!()
    }
}

/// The profile's stored key: the OS keyring first, then the 0600 credentials file.
pub fn stored_api_key(
    _dirs: &Dirs,
    _profile: &str,
    _out: &Out,
) -> Result<Option<(Secret, KeySource)>> {
    todo!()
}
