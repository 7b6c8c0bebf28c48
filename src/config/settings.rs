//! `config.toml`: per-profile settings (`[profiles.NAME] api_url = ...`) and `[defaults]`.
//! Never a secret: an `api_key` here is refused with a message that says where keys belong.
//!
//! Read with `toml` into typed structs (unknown keys are errors, so typos surface); edited with
//! `toml_edit`, so a user's comments and layout survive `lpwh login --api-url ...`.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result};
use serde::Deserialize;

use super::{Dirs, lock_for_update, write_atomic};
use crate::error::Failure;

/// `config.toml`: per-profile settings. Never holds a secret.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Settings every profile inherits unless it sets its own.
    #[serde(default)]
    pub defaults: Defaults,
    /// `[profiles.NAME]` tables, by name.
    #[serde(default)]
    pub profiles: BTreeMap<String, ProfileConfig>,
}

/// `[defaults]`: what a profile uses when it does not say.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Defaults {
    pub api_url: Option<String>,
}

/// `[profiles.NAME]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileConfig {
    pub api_url: Option<String>,
    /// Only here to give a helpful error: keys never belong in this file.
    #[serde(default, rename = "api_key")]
    api_key: Option<toml::Value>,
}

impl Config {
    /// Read `config.toml` from the config dir; a missing file is an empty config.
    pub fn load(dirs: &Dirs) -> Result<Config> {
        let path = dirs.config_file();
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => {
                return Err(e).with_context(|| format!("reading {}", path.display()));
            }
        };
        Config::parse(&text, &path)
    }

    /// Parse the text of `config.toml` (`path` is for messages).
    pub fn parse(text: &str, path: &Path) -> Result<Config> {
        let config: Config = toml::from_str(text).map_err(|e| {
            Failure::usage(format!(
                "{} is not valid: {}",
                path.display(),
                super::describe_toml_error(&e, text)
            ))
            .hint(format!("fix or remove {}", path.display()))
        })?;
        config.check(path)?;
        Ok(config)
    }

    fn check(&self, path: &Path) -> Result<()> {
        let tables = self
            .profiles
            .iter()
            .map(|(name, p)| {
                (
                    format!("[profiles.{name}]"),
                    p.api_key.is_some(),
                    &p.api_url,
                )
            })
            .chain([("[defaults]".to_owned(), false, &self.defaults.api_url)]);
        for (table, has_key, api_url) in tables {
            if has_key {
                return Err(Failure::usage(format!(
                    "{}: {table} has an api_key, but config.toml never holds secrets",
                    path.display()
                ))
                .hint("remove that line and run 'lpwh login' to store the key in the OS keyring")
                .into());
            }
            if let Some(url) = api_url {
                check_api_url(url).map_err(|reason| {
                    Failure::usage(format!(
                        "{}: {table} api_url {url:?} {reason}",
                        path.display()
                    ))
                    .hint("use a full URL such as https://livepeer.studio/api")
                })?;
            }
        }
        for name in self.profiles.keys() {
            super::validate_profile_name(name)
                .with_context(|| format!("{}: [profiles.{name}]", path.display()))?;
        }
        Ok(())
    }

    /// The profile's `api_url`, if set (else the `[defaults]` one).
    pub fn api_url(&self, profile: &str) -> Option<&str> {
        self.profiles
            .get(profile)
            .and_then(|p| p.api_url.as_deref())
            .or(self.defaults.api_url.as_deref())
    }

    /// Profiles named in the file.
    pub fn profile_names(&self) -> impl Iterator<Item = &str> {
        self.profiles.keys().map(String::as_str)
    }
}

/// An API base URL must be absolute http(s); anything else is a typo waiting to fail later.
pub fn check_api_url(url: &str) -> std::result::Result<(), &'static str> {
    match url::Url::parse(url) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => Ok(()),
        Ok(_) => Err("must be an http:// or https:// URL"),
        Err(_) => Err("is not a URL"),
    }
}

/// Set `[profiles.NAME] api_url` in `config.toml`, keeping the rest of the file as written.
pub fn save_api_url(dirs: &Dirs, profile: &str, api_url: &str) -> Result<()> {
    let path = dirs.config_file();
    let _lock = lock_for_update(&path)?;
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
    };
    // Refuse to rewrite a file we could not read back: the edit must not destroy it.
    Config::parse(&text, &path)?;
    let mut doc: toml_edit::DocumentMut = text
        .parse()
        .with_context(|| format!("parsing {}", path.display()))?;
    let profiles = doc
        .entry("profiles")
        .or_insert_with(|| {
            let mut t = toml_edit::Table::new();
            // `[profiles.x]` headers only, no bare `[profiles]`.
            t.set_implicit(true);
            toml_edit::Item::Table(t)
        })
        .as_table_mut()
        .with_context(|| format!("{}: 'profiles' is not a table", path.display()))?;
    let table = profiles
        .entry(profile)
        .or_insert_with(|| toml_edit::Item::Table(toml_edit::Table::new()))
        .as_table_mut()
        .with_context(|| format!("{}: 'profiles.{profile}' is not a table", path.display()))?;
    table["api_url"] = toml_edit::value(api_url);
    let mut out = doc.to_string();
    if !text.contains("lpwh") && text.trim().is_empty() {
        out = format!(
            "# lpwh settings: [defaults] and one [profiles.NAME] table per profile.\n\
             # API keys never go here: 'lpwh login' stores them in the OS keyring.\n\n{out}"
        );
    }
    write_atomic(&path, out.as_bytes(), 0o644)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config> {
        Config::parse(text, Path::new("/cfg/config.toml"))
    }

    fn message(err: anyhow::Error) -> String {
        let code = crate::report::exit_code(&err);
        assert_eq!(code, 2, "config errors are usage errors: {err:#}");
        format!("{err:#}")
    }

    #[test]
    fn profile_urls_and_defaults() {
        let config = parse(
            r#"
            [defaults]
            api_url = "https://default.example/api"

            [profiles.staging]
            api_url = "http://127.0.0.1:3004/api"

            [profiles.bare]
            "#,
        )
        .unwrap();
        assert_eq!(config.api_url("staging"), Some("http://127.0.0.1:3004/api"));
        assert_eq!(config.api_url("bare"), Some("https://default.example/api"));
        assert_eq!(
            config.api_url("unknown"),
            Some("https://default.example/api")
        );
        assert_eq!(
            config.profile_names().collect::<Vec<_>>(),
            ["bare", "staging"]
        );
        assert_eq!(parse("").unwrap().api_url("default"), None);
    }

    #[test]
    fn malformed_files_name_the_path_and_the_line() {
        let msg = message(parse("[profiles.x]\napi_url = \n").unwrap_err());
        assert!(msg.contains("/cfg/config.toml"), "{msg}");
        assert!(msg.contains("line 2"), "{msg}");
    }

    #[test]
    fn unknown_keys_are_reported() {
        let msg = message(parse("[profiles.x]\napi_ulr = \"https://a.b\"\n").unwrap_err());
        assert!(msg.contains("api_ulr"), "{msg}");
        assert!(msg.contains("/cfg/config.toml"), "{msg}");
    }

    #[test]
    fn syntax_errors_do_not_echo_the_line() {
        let msg = message(parse("[profiles.x]\napi_key = sk-unquoted-secret\n").unwrap_err());
        assert!(msg.contains("line 2"), "{msg}");
        assert!(!msg.contains("sk-unquoted-secret"), "{msg}");
    }

    #[test]
    fn keys_in_config_are_refused_without_echoing_them() {
        let msg =
            message(parse("[profiles.prod]\napi_key = \"sk-very-secret-123\"\n").unwrap_err());
        assert!(msg.contains("never holds secrets"), "{msg}");
        assert!(msg.contains("[profiles.prod]"), "{msg}");
        assert!(!msg.contains("sk-very-secret-123"), "{msg}");
    }

    #[test]
    fn bad_urls_and_profile_names_are_refused() {
        let msg = message(parse("[profiles.x]\napi_url = \"livepeer.studio\"\n").unwrap_err());
        assert!(msg.contains("api_url"), "{msg}");
        let msg = message(parse("[defaults]\napi_url = \"ftp://x.y/api\"\n").unwrap_err());
        assert!(msg.contains("http"), "{msg}");
        let msg = message(parse("[profiles.\"a b\"]\n").unwrap_err());
        assert!(msg.contains("invalid profile name"), "{msg}");
    }

    #[test]
    fn saving_an_url_keeps_comments_and_other_profiles() {
        let dir = tempfile::tempdir().unwrap();
        let dirs = Dirs {
            config: dir.path().join("cfg"),
            data: dir.path().join("data"),
        };
        save_api_url(&dirs, "staging", "http://127.0.0.1:1/api").unwrap();
        let first = std::fs::read_to_string(dirs.config_file()).unwrap();
        assert!(first.contains("[profiles.staging]"), "{first}");

        let edited = format!(
            "# mine\n{first}\n[profiles.prod] # keep me\napi_url = \"https://p.example/api\"\n"
        );
        std::fs::write(dirs.config_file(), edited).unwrap();
        save_api_url(&dirs, "staging", "http://127.0.0.1:2/api").unwrap();
        let text = std::fs::read_to_string(dirs.config_file()).unwrap();
        assert!(
            text.contains("# mine") && text.contains("# keep me"),
            "{text}"
        );
        let config = Config::load(&dirs).unwrap();
        assert_eq!(config.api_url("staging"), Some("http://127.0.0.1:2/api"));
        assert_eq!(config.api_url("prod"), Some("https://p.example/api"));
    }

    #[test]
    fn saving_refuses_to_clobber_a_broken_file() {
        let dir = tempfile::tempdir().unwrap();
        let dirs = Dirs {
            config: dir.path().to_path_buf(),
            data: dir.path().to_path_buf(),
        };
        std::fs::write(dirs.config_file(), "[[[").unwrap();
        assert!(save_api_url(&dirs, "x", "https://a.b/api").is_err());
        assert_eq!(std::fs::read_to_string(dirs.config_file()).unwrap(), "[[[");
    }
}
