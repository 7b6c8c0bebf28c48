//! `lpwh logout`: forget a profile's stored key, in the OS keyring and the credentials file.
//! Idempotent: logging out twice is not an error; it says there was nothing to remove.

use anyhow::{Context, Result};
use serde::Serialize;

use crate::config::{self, KeyLocation, KeySource};
use crate::context::Ctx;

/// Forget a profile's stored API key (OS keyring and credentials file).
///
/// Safe to repeat. A key given by --api-key or LIVEPEER_API_KEY is not stored, so there is
/// nothing to forget for it; unset the variable yourself.
#[derive(Debug, clap::Args)]
pub struct Args {}

#[derive(Serialize)]
struct Report<'a> {
    profile: &'a str,
    /// Where a key was removed from: "keyring", "file".
    removed_from: Vec<KeyLocation>,
    /// Set when the OS keyring could not be checked (so a key may remain there).
    #[serde(skip_serializing_if = "Option::is_none")]
    keyring_error: Option<String>,
}

pub async fn run(ctx: &Ctx, _args: Args) -> Result<()> {
    config::validate_profile_name(&ctx.profile)?;
    let removed = tokio::task::spawn_blocking({
        let (dirs, profile) = (ctx.dirs.clone(), ctx.profile.clone());
        move || config::remove_api_key(&dirs, &profile)
    })
    .await
    .context("removing the key")??;

    let profile = ctx.profile.as_str();
    let mut removed_from = Vec::new();
    let mut keyring_error = None;
    match &removed.keyring {
        Ok(true) => {
            removed_from.push(KeyLocation::Keyring);
            ctx.out.success(format!(
                "Removed the key for profile '{profile}' from the OS keyring"
            ));
        }
        Ok(false) => {}
        Err(reason) => keyring_error = Some(reason.clone()),
    }
    if removed.file {
        removed_from.push(KeyLocation::File);
        ctx.out.success(format!(
            "Removed the key for profile '{profile}' from {}",
            removed.file_path.display()
        ));
    }
    if let Some(reason) = &keyring_error {
        let message = format!(
            "could not check the OS keyring ({reason}); a key stored there for '{profile}' is left as it was"
        );
        config::keyring_trouble(&ctx.dirs, &ctx.out, message, false);
    }
    if removed_from.is_empty() {
        ctx.out.info(format!(
            "No stored key for profile '{profile}': nothing to remove"
        ));
    }
    if matches!(ctx.api_key_override, Some((_, KeySource::Env))) {
        ctx.out.info(
            "LIVEPEER_API_KEY is still set in this environment and will be used; unset it too",
        );
    }
    if ctx.out.json {
        ctx.out.json(&Report {
            profile,
            removed_from,
            keyring_error,
        })?;
    }
    Ok(())
}
