//! `lpwh login`: take an API key (hidden prompt, stdin, or `--api-key`), check it with one
//! `GET /webhook?limit=1`, then store it (OS keyring, else the 0600 file) and the profile's URL.

use std::io::Read;

use anyhow::{Context, Result};
use serde::Serialize;

use crate::api::{ApiError, ListQuery};
use crate::config::{self, KeyLocation, KeySource, SaveOutcome};
use crate::context::{Ctx, DEFAULT_API_URL};
use crate::error::{Failure, Kind, usage};
use crate::redacted::Secret;

/// Save an API key for a profile, after checking it with one API call.
///
/// The key goes to the OS keyring (service "lpwh", user = profile name); where no keyring is
/// available, to a credentials file readable only by you, with a warning. On a terminal the key
/// is read with a hidden prompt; in scripts, pipe it in with --api-key-stdin (or set --api-key /
/// LIVEPEER_API_KEY, which is then the key checked and saved). --api-url (or LIVEPEER_API_URL)
/// is saved as the profile's API URL. With --json, prints where the key went.
///
/// LPWH_KEYRING=off skips the OS keyring (the key goes to the file); LPWH_KEYRING_TIMEOUT=SECS
/// bounds each keyring call (default 20).
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
    lpwh login\n  \
    lpwh login --profile staging --api-url http://localhost:3004/api\n  \
    printf '%s' \"$KEY\" | lpwh login --api-key-stdin")]
pub struct Args {
    /// Read the API key from stdin (for scripts; surrounding whitespace is trimmed)
    #[arg(long)]
    pub api_key_stdin: bool,
}

pub async fn run(ctx: &Ctx, args: Args) -> Result<()> {
    config::validate_profile_name(&ctx.profile)?;
    if let Err(reason) = config::check_api_url(&ctx.api_url) {
        return Err(usage(format!("API URL {:?} {reason}", ctx.api_url))
            .hint("use a full URL such as https://livepeer.studio/api")
            .into());
    }
    let (key, source) = read_key(ctx, &args).await?;

    // One cheap authenticated call: a key that Studio refuses is never stored.
    ctx.out
        .info(format!("Checking the key with {} ...", ctx.api_url));
    let client = ctx.api_with_key(key.clone(), source)?;
    let query = ListQuery {
        limit: Some(1),
        ..ListQuery::default()
    };
    if let Err(err) = client.list_webhooks(&query).await {
        return Err(refused(err, &key, ctx));
    }

    let outcome = tokio::task::spawn_blocking({
        let (dirs, profile, key) = (ctx.dirs.clone(), ctx.profile.clone(), key.clone());
        move || config::save_api_key(&dirs, &profile, &key)
    })
    .await
    .context("saving the key")??;
    let stored_in = match &outcome {
        SaveOutcome::Keyring { .. } => KeyLocation::Keyring,
        SaveOutcome::File { .. } => KeyLocation::File,
    };
    match outcome {
        SaveOutcome::Keyring { removed_file_copy } => {
            ctx.out.success(format!(
                "Logged in: the key for profile '{}' is in the OS keyring (service \"lpwh\", user \"{}\")",
                ctx.profile, ctx.profile
            ));
            if removed_file_copy {
                ctx.out.info(format!(
                    "Removed the older copy from {}",
                    ctx.dirs.credentials_file().display()
                ));
            }
        }
        // The user chose the file (LPWH_KEYRING=off): say where, without a warning.
        SaveOutcome::File {
            path,
            reason,
            chosen: true,
        } => ctx.out.success(format!(
            "Logged in: the key for profile '{}' is in {} (mode 0600; the OS keyring is {reason})",
            ctx.profile,
            path.display()
        )),
        // The one warning about the fallback: later commands use the file without a word.
        SaveOutcome::File { path, reason, .. } => {
            if !ctx.out.quiet {
                ctx.out.warn(format!(
                    "no OS keyring is available ({reason}); the key is in {} (mode 0600). Start \
                     a Secret Service (gnome-keyring, KeePassXC) and log in again, or set \
                     LPWH_KEYRING=off to make the file your choice",
                    path.display()
                ));
            }
            // Said here: later commands need not say it again.
            crate::config::mark_warned(&ctx.dirs);
            ctx.out.success(format!(
                "Logged in: the key for profile '{}' is in {}",
                ctx.profile,
                path.display()
            ));
        }
    }

    // Remember the URL the key was checked against, when it is not what the profile already
    // resolves to: a key from a staging server is useless against production.
    let configured = ctx.config.api_url(&ctx.profile).unwrap_or(DEFAULT_API_URL);
    let api_url_saved = ctx.api_url != configured;
    if api_url_saved {
        config::save_api_url(&ctx.dirs, &ctx.profile, &ctx.api_url)?;
        ctx.out.info(format!(
            "Saved api_url = {} for profile '{}' in {}",
            ctx.api_url,
            ctx.profile,
            ctx.dirs.config_file().display()
        ));
    }
    if ctx.out.json {
        ctx.out.json(&Report {
            profile: &ctx.profile,
            api_url: &ctx.api_url,
            api_url_saved,
            key: stored_in,
            credentials_file: (stored_in == KeyLocation::File)
                .then(|| ctx.dirs.credentials_file().display().to_string()),
        })?;
    }
    Ok(())
}

/// `--json`: where things went (never the key).
#[derive(Serialize)]
struct Report<'a> {
    profile: &'a str,
    api_url: &'a str,
    /// The URL was written to config.toml for this profile.
    api_url_saved: bool,
    /// "keyring" or "file".
    key: KeyLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    credentials_file: Option<String>,
}

/// The key to save: stdin with `--api-key-stdin`, else `--api-key`/`LIVEPEER_API_KEY`, else a
/// hidden prompt on a terminal. Without any of them there is nothing to read: a usage error.
async fn read_key(ctx: &Ctx, args: &Args) -> Result<(Secret, KeySource)> {
    if args.api_key_stdin {
        if matches!(ctx.api_key_override, Some((_, KeySource::Flag))) {
            return Err(usage("give the key once: --api-key or --api-key-stdin, not both").into());
        }
        let text = tokio::task::spawn_blocking(|| {
            let mut text = String::new();
            std::io::stdin().read_to_string(&mut text).map(|_| text)
        })
        .await
        .context("reading the key from stdin")?
        .context("reading the key from stdin")?;
        return Ok((checked(text.trim())?, KeySource::Flag));
    }
    if let Some((key, source)) = &ctx.api_key_override {
        ctx.out
            .info(format!("Using the key from {}", source.label()));
        return Ok((checked(key.expose().trim())?, *source));
    }
    if !ctx.interactive {
        return Err(usage("no terminal to ask for the API key on")
            .hint("pipe it in: printf '%s' \"$KEY\" | lpwh login --api-key-stdin")
            .into());
    }
    let prompt = format!("Livepeer Studio API key for profile '{}'", ctx.profile);
    let terminal = RestoreTerminal::save();
    let typed = tokio::task::spawn_blocking(move || {
        dialoguer::Password::new().with_prompt(prompt).interact()
    })
    .await;
    terminal.disarm();
    let typed = typed.context("reading the key")?.map_err(|e| match e {
        dialoguer::Error::IO(io) if io.kind() == std::io::ErrorKind::Interrupted => {
            anyhow::Error::from(Failure::interrupted())
        }
        other => anyhow::Error::from(other).context("reading the key"),
    })?;
    Ok((checked(typed.trim())?, KeySource::Flag))
}

/// Puts the terminal back as it was when the hidden prompt is abandoned. The prompt turns echo
/// off; Ctrl-C is caught by main's handler, which ends lpwh by dropping this future while the
/// prompt still waits, so the prompt never gets to turn echo back on. Dropping this guard does.
struct RestoreTerminal {
    #[cfg(unix)]
    saved: Option<libc::termios>,
}

impl RestoreTerminal {
    #[cfg(unix)]
    fn save() -> Self {
        let mut termios = std::mem::MaybeUninit::<libc::termios>::uninit();
        // SAFETY: tcgetattr writes only into the struct we pass, and fills it when it returns 0.
        let saved = (unsafe { libc::tcgetattr(libc::STDIN_FILENO, termios.as_mut_ptr()) } == 0)
            // SAFETY: initialised by the successful tcgetattr above.
            .then(|| unsafe { termios.assume_init() });
        RestoreTerminal { saved }
    }

    #[cfg(not(unix))]
    fn save() -> Self {
        RestoreTerminal {}
    }

    /// The prompt finished and restored the terminal itself.
    #[cfg_attr(not(unix), allow(unused_mut))]
    fn disarm(mut self) {
        #[cfg(unix)]
        {
            self.saved = None;
        }
        drop(self);
    }
}

impl Drop for RestoreTerminal {
    fn drop(&mut self) {
        #[cfg(unix)]
        if let Some(saved) = self.saved.take() {
            // SAFETY: restores settings read from the same descriptor; no memory is shared.
            unsafe { libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, &saved) };
            // The prompt's line was never ended.
            eprintln!();
        }
    }
}

/// Refuse keys that cannot be sent as a Bearer token, before they reach a header or a keyring.
fn checked(key: &str) -> Result<Secret> {
    if key.is_empty() {
        return Err(usage("the API key is empty")
            .hint("copy a key from Livepeer Studio: Developers → API Keys")
            .into());
    }
    if key.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(usage("the API key contains spaces or control characters")
            .hint("paste only the key itself")
            .into());
    }
    Ok(Secret::new(key))
}

/// Turn a failed check into the error to show. Studio's 401 text quotes the key ("no token
/// <key> found"), so the server's message is never passed through for auth failures.
fn refused(err: ApiError, key: &Secret, ctx: &Ctx) -> anyhow::Error {
    match err.status() {
        Some(status @ (401 | 403)) => Failure::new(
            Kind::Auth,
            format!("Studio refused the key (HTTP {status}); nothing was saved"),
        )
        .hint(format!(
            "check that it is a current key for {} (Livepeer Studio: Developers → API Keys)",
            ctx.api_url
        ))
        .into(),
        _ => {
            let hint = err.hint();
            // Belt and braces: whatever a proxy or server echoes, the key is not printed.
            let message = err.to_string().replace(key.expose(), "(redacted)");
            let mut failure = Failure::new(
                err.kind(),
                format!("could not check the key, so it was not saved: {message}"),
            );
            if let Some(hint) = hint {
                failure = failure.hint(hint);
            }
            failure.into()
        }
    }
}
