//! The resolve step: global flags, environment, config file and terminal facts become one
//! plain [`Ctx`] that commands run on. Commands never read environment variables themselves.

use std::io::IsTerminal;
use std::time::Duration;

use anyhow::Result;

use crate::api;
use crate::config::{self, Config, Dirs, KeySource};
use crate::error::{Failure, usage};
use crate::global::{ColorChoice, GlobalArgs};
use crate::output::Out;
use crate::redacted::Secret;

/// Studio's public API, used when neither a flag, the environment nor the profile names another.
pub const DEFAULT_API_URL: &str = "https://livepeer.studio/api";
/// The profile used when none is named.
pub const DEFAULT_PROFILE: &str = "default";

/// clap merges a flag and its environment variable into one value; whether `value` came from
/// the variable `var` (for messages that name where a setting came from).
fn given_by_env(var: &str, value: &str) -> bool {
    std::env::var(var).is_ok_and(|v| v == value)
}

/// Where the API URL came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlSource {
    Flag,
    Env,
    Config,
    Default,
}

impl UrlSource {
    /// How `profiles` names it, in its FROM column and its `--json` `api_url_source`.
    pub fn label(self) -> &'static str {
        match self {
            UrlSource::Flag => "--api-url",
            UrlSource::Env => "LIVEPEER_API_URL",
            UrlSource::Config => "config",
            UrlSource::Default => "default",
        }
    }

    /// Given for this run (flag or environment), so it wins whatever the profile.
    pub fn overrides(self) -> bool {
        matches!(self, UrlSource::Flag | UrlSource::Env)
    }
}

impl serde::Serialize for UrlSource {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.label())
    }
}

/// Everything a command needs to know about how it was invoked.
#[derive(Debug)]
pub struct Ctx {
    pub out: Out,
    pub verbose: u8,
    pub timeout: Duration,
    pub profile: String,
    pub api_url: String,
    /// Where `api_url` came from.
    pub api_url_source: UrlSource,
    /// A key given with `--api-key` or `LIVEPEER_API_KEY`; beats any stored key.
    pub api_key_override: Option<(Secret, KeySource)>,
    pub dirs: Dirs,
    pub config: Config,
    /// Prompts are possible: stdin and stderr are terminals.
    pub interactive: bool,
}

impl Ctx {
    pub fn resolve(global: &GlobalArgs) -> Result<Ctx> {
        let stdout_tty = std::io::stdout().is_terminal();
        let stderr_tty = std::io::stderr().is_terminal();
        let interactive = std::io::stdin().is_terminal() && stderr_tty;

        let no_color_env = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let dumb_term = std::env::var("TERM").is_ok_and(|t| t == "dumb");
        let auto = |tty: bool| tty && !no_color_env && !dumb_term;
        let (color, color_err) = match global.color {
            ColorChoice::Always => (true, true),
            ColorChoice::Never => (false, false),
            ColorChoice::Auto => (auto(stdout_tty), auto(stderr_tty)),
        };
        let out = Out {
            color: color && !global.json,
            color_err,
            quiet: global.quiet,
            json: global.json,
            stdout_tty,
        };

        // A day is far beyond any API call; past it, `Duration` arithmetic could overflow.
        if !(global.timeout.is_finite() && global.timeout > 0.0 && global.timeout <= 86_400.0) {
            return Err(usage(format!(
                "--timeout must be a number of seconds above 0 and at most 86400 (a day), not {}",
                global.timeout
            ))
            .into());
        }

        let dirs = Dirs::resolve(
            std::env::var_os("LPWH_CONFIG_DIR"),
            std::env::var_os("LPWH_DATA_DIR"),
        )?;
        let config = Config::load(&dirs)?;
        let profile = global
            .profile
            .clone()
            .unwrap_or_else(|| DEFAULT_PROFILE.to_owned());
        let (api_url, api_url_source) = match (&global.api_url, config.api_url(&profile)) {
            (Some(url), _) if given_by_env("LIVEPEER_API_URL", url) => {
                (url.clone(), UrlSource::Env)
            }
            (Some(url), _) => (url.clone(), UrlSource::Flag),
            (None, Some(url)) => (url.to_owned(), UrlSource::Config),
            (None, None) => (DEFAULT_API_URL.to_owned(), UrlSource::Default),
        };
        let api_key_override = global.api_key.clone().filter(|k| !k.is_empty()).map(|key| {
            let source = if given_by_env("LIVEPEER_API_KEY", key.expose()) {
                KeySource::Env
            } else {
                KeySource::Flag
            };
            (key, source)
        });

        Ok(Ctx {
            out,
            verbose: global.verbose,
            timeout: Duration::from_secs_f64(global.timeout),
            profile,
            api_url,
            api_url_source,
            api_key_override,
            dirs,
            config,
            interactive,
        })
    }

    /// The API key to use and where it came from, or a "not logged in" error naming the fix.
    pub fn api_key(&self) -> Result<(Secret, KeySource)> {
        if let Some(found) = &self.api_key_override {
            return Ok(found.clone());
        }
        match config::stored_api_key(&self.dirs, &self.profile, &self.out)? {
            Some(found) => Ok(found),
            None => Err(
                Failure::auth(format!("not logged in (profile '{}')", self.profile))
                    .hint(login_hint(&self.profile))
                    .into(),
            ),
        }
    }

    /// A Studio client for this invocation, authenticated with [`Ctx::api_key`].
    pub fn api(&self) -> Result<api::Client> {
        let (key, source) = self.api_key()?;
        self.api_with_key(key, source)
    }

    /// A Studio client with an explicit key (used by `login` to check a key before saving it).
    pub fn api_with_key(&self, key: Secret, source: KeySource) -> Result<api::Client> {
        api::Client::new(api::ClientOptions {
            base_url: self.api_url.clone(),
            api_key: key,
            key_source: source,
            timeout: self.timeout,
            verbose: self.verbose > 0,
            color: self.out.color_err,
        })
    }
}
/// How to log in to `profile`: `lpwh login` logs into `default`, so another profile is named.
pub fn login_hint(profile: &str) -> String {
    if profile == "default" {
        "run 'lpwh login' or set LIVEPEER_API_KEY".to_owned()
    } else {
        format!("run 'lpwh --profile {profile} login' or set LIVEPEER_API_KEY")
    }
}
