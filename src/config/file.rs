//! The credentials file, `credentials.toml` in the config dir: API keys (and `listen`'s
//! development webhook secrets) for machines where no OS keyring answers. Mode 0600 from the
//! moment it exists (written to a 0600 temp file, then renamed), in a 0700 directory. One table
//! per profile:
//!
//! ```toml
//! [profiles.default]
//! api_key = "..."
//! dev_secret = "..."
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use super::{describe_toml_error, lock_for_update, write_atomic};
use crate::error::Failure;
use crate::redacted::Secret;

const HEADER: &str = "\
# lpwh API keys, kept here because no OS keyring was available when they were saved.
# Keep this file private (mode 0600). 'lpwh logout --profile NAME' removes a key.
";

#[derive(Default, Deserialize, Serialize)]
struct FileFormat {
    #[serde(default)]
    profiles: BTreeMap<String, Entry>,
}

#[derive(Default, Deserialize, Serialize)]
struct Entry {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    api_key: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    dev_secret: String,
}

/// Which of a profile's secrets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The Studio API key (`lpwh login`).
    ApiKey,
    /// The development webhook secret `listen --tunnel`/`--public-url` sign with.
    DevSecret,
}

impl Entry {
    fn field(&mut self, kind: Kind) -> &mut String {
        match kind {
            Kind::ApiKey => &mut self.api_key,
            Kind::DevSecret => &mut self.dev_secret,
        }
    }
}

/// The credentials file at a path. Reads never print the file's contents in errors.
#[derive(Debug, Clone)]
pub struct CredentialsFile {
    pub path: PathBuf,
}

impl CredentialsFile {
    pub fn new(path: PathBuf) -> Self {
        CredentialsFile { path }
    }

    /// Every profile's entry; a missing file holds none.
    fn read(&self) -> Result<BTreeMap<String, Entry>> {
        let text = match std::fs::read_to_string(&self.path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
            Err(e) => return Err(e).with_context(|| format!("reading {}", self.path.display())),
        };
        let parsed: FileFormat = toml::from_str(&text).map_err(|e| {
            Failure::failure(format!(
                "{} is not valid: {}",
                self.path.display(),
                describe_toml_error(&e, &text)
            ))
            .hint(format!(
                "fix it, or delete it and run 'lpwh login' again ({})",
                self.path.display()
            ))
        })?;
        Ok(parsed.profiles)
    }

    fn write(&self, mut entries: BTreeMap<String, Entry>) -> Result<()> {
        entries.retain(|_, e| !e.api_key.is_empty() || !e.dev_secret.is_empty());
        if entries.is_empty() {
            return match std::fs::remove_file(&self.path) {
                Ok(()) => Ok(()),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
                Err(e) => Err(e).with_context(|| format!("removing {}", self.path.display())),
            };
        }
        let format = FileFormat { profiles: entries };
        let body = toml::to_string(&format).context("encoding the credentials file")?;
        write_atomic(&self.path, format!("{HEADER}\n{body}").as_bytes(), 0o600)
    }

    /// The profile's key, if the file has one.
    pub fn get(&self, profile: &str) -> Result<Option<Secret>> {
        self.get_kind(profile, Kind::ApiKey)
    }

    /// The profile's secret of `kind`, if the file has one.
    pub fn get_kind(&self, profile: &str, kind: Kind) -> Result<Option<Secret>> {
        Ok(self
            .read()?
            .remove(profile)
            .map(|mut e| std::mem::take(e.field(kind)))
            .filter(|s| !s.is_empty())
            .map(Secret::new))
    }

    /// Profiles with an API key in the file.
    pub fn profiles(&self) -> Result<Vec<String>> {
        Ok(self
            .read()?
            .into_iter()
            .filter(|(_, e)| !e.api_key.is_empty())
            .map(|(name, _)| name)
            .collect())
    }

    /// Store (or replace) the profile's key.
    pub fn set(&self, profile: &str, key: &Secret) -> Result<()> {
        self.set_kind(profile, Kind::ApiKey, key)
    }

    /// Store (or replace) the profile's secret of `kind`.
    pub fn set_kind(&self, profile: &str, kind: Kind, secret: &Secret) -> Result<()> {
        let _lock = lock_for_update(&self.path)?;
        let mut entries = self.read()?;
        *entries.entry(profile.to_owned()).or_default().field(kind) = secret.expose().to_owned();
        self.write(entries)
    }

    /// Remove the profile's key: `true` if there was one. The file goes when it empties.
    pub fn remove(&self, profile: &str) -> Result<bool> {
        self.remove_kind(profile, Kind::ApiKey)
    }

    /// Remove the profile's secret of `kind`: `true` if there was one.
    pub fn remove_kind(&self, profile: &str, kind: Kind) -> Result<bool> {
        if !self.path.exists() {
            return Ok(false);
        }
        let _lock = lock_for_update(&self.path)?;
        let mut entries = self.read()?;
        let removed = entries
            .get_mut(profile)
            .is_some_and(|e| !std::mem::take(e.field(kind)).is_empty());
        if removed {
            self.write(entries)?;
        }
        Ok(removed)
    }

    /// `Some(mode)` when others can read or write the file (someone chmod-ed or copied it).
    pub fn loose_permissions(&self) -> Option<u32> {
        loose_permissions(&self.path)
    }
}

#[cfg(unix)]
fn loose_permissions(path: &Path) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).ok()?.permissions().mode() & 0o777;
    (mode & 0o077 != 0).then_some(mode)
}

#[cfg(not(unix))]
fn loose_permissions(_path: &Path) -> Option<u32> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_per_profile_and_the_file_goes_when_empty() {
        let dir = tempfile::tempdir().unwrap();
        let file = CredentialsFile::new(dir.path().join("c/credentials.toml"));
        assert_eq!(file.get("a").unwrap(), None);
        assert!(!file.remove("a").unwrap());

        file.set("a", &Secret::new("key-a")).unwrap();
        file.set("b", &Secret::new("key \"b\"\n")).unwrap();
        assert_eq!(file.get("a").unwrap().unwrap().expose(), "key-a");
        assert_eq!(file.get("b").unwrap().unwrap().expose(), "key \"b\"\n");
        assert_eq!(file.profiles().unwrap(), ["a", "b"]);
        assert_eq!(file.loose_permissions(), None);

        assert!(file.remove("a").unwrap());
        assert!(!file.remove("a").unwrap());
        assert_eq!(file.get("a").unwrap(), None);
        assert!(file.remove("b").unwrap());
        assert!(!file.path.exists());
    }

    #[test]
    fn concurrent_updates_lose_nothing() {
        // Each thread stands for an `lpwh login --profile` of its own; without the lock, a
        // writer renames in a copy read before another's rename and that profile vanishes.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("credentials.toml");
        let threads: Vec<_> = (0..8)
            .map(|t| {
                let file = CredentialsFile::new(path.clone());
                std::thread::spawn(move || {
                    for n in 0..10 {
                        file.set(&format!("p{t}-{n}"), &Secret::new(format!("k{t}-{n}")))
                            .unwrap();
                    }
                    // And removals interleaved with the others' additions.
                    for n in 0..5 {
                        assert!(file.remove(&format!("p{t}-{n}")).unwrap());
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        let file = CredentialsFile::new(path);
        let mut want: Vec<String> = (0..8)
            .flat_map(|t| (5..10).map(move |n| format!("p{t}-{n}")))
            .collect();
        want.sort();
        assert_eq!(file.profiles().unwrap(), want);
        assert_eq!(file.get("p3-7").unwrap().unwrap().expose(), "k3-7");
    }

    #[cfg(unix)]
    #[test]
    fn loose_permissions_are_noticed() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let file = CredentialsFile::new(dir.path().join("credentials.toml"));
        file.set("a", &Secret::new("k")).unwrap();
        std::fs::set_permissions(&file.path, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert_eq!(file.loose_permissions(), Some(0o644));
    }

    #[test]
    fn a_corrupt_file_is_an_error_that_does_not_echo_it() {
        let dir = tempfile::tempdir().unwrap();
        let file = CredentialsFile::new(dir.path().join("credentials.toml"));
        std::fs::write(&file.path, "[profiles.a]\napi_key = sk-unquoted\n").unwrap();
        let msg = format!("{:#}", file.get("a").unwrap_err());
        assert!(
            msg.contains("credentials.toml") && msg.contains("line 2"),
            "{msg}"
        );
        assert!(!msg.contains("sk-unquoted"), "{msg}");
    }
}
