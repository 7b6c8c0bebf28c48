//! `lpwh profiles`: the known profiles (from config.toml, the credentials file, and the current
//! one), each with its API URL, where its key is stored, and which one is in use.

use std::collections::BTreeSet;

use anyhow::{Context, Result};
use serde::Serialize;

use crate::config::{self, KeyLocation};
use crate::context::{Ctx, DEFAULT_API_URL, UrlSource};
use crate::output::sanitize;

/// List profiles, their API URLs and where their keys are stored.
///
/// Profiles come from config.toml, the credentials file and the current profile (--profile or
/// LPWH_PROFILE, else "default"). API URL is the one commands use: --api-url or LIVEPEER_API_URL
/// when given (for every profile), else the profile's saved URL, else Studio's; FROM says which.
/// KEY is where the profile's key is stored: "keyring", "file" or "none". The OS keyring cannot
/// be listed, so a profile known only to the keyring shows up once named with --profile.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// One row; also the `--json` shape (an array of these).
#[derive(Debug, Serialize)]
struct Profile {
    name: String,
    api_url: String,
    /// "--api-url" or "LIVEPEER_API_URL" when given (they win for every profile), "config"
    /// when config.toml sets it, "default" otherwise.
    api_url_source: UrlSource,
    key: KeyLocation,
    current: bool,
}

pub async fn run(ctx: &Ctx, _args: Args) -> Result<()> {
    let (dirs, config, current) = (ctx.dirs.clone(), ctx.config.clone(), ctx.profile.clone());
    // --api-url and LIVEPEER_API_URL apply whatever the profile.
    let url_override = ctx
        .api_url_source
        .overrides()
        .then(|| (ctx.api_url.clone(), ctx.api_url_source));
    let (rows, keyring_problem) = tokio::task::spawn_blocking(move || -> Result<_> {
        let mut names: BTreeSet<String> = config.profile_names().map(str::to_owned).collect();
        names.extend(config::file_profiles(&dirs)?);
        names.insert(current.clone());
        let mut problem = None;
        let mut rows = Vec::with_capacity(names.len());
        for name in names {
            let key = if config::validate_profile_name(&name).is_ok() {
                let (location, trouble) = config::key_location(&dirs, &name)?;
                problem = problem.or(trouble);
                location
            } else {
                // Only a hand-edited credentials file can hold such a name.
                KeyLocation::File
            };
            let (api_url, api_url_source) = match (&url_override, config.api_url(&name)) {
                (Some((url, source)), _) => (url.clone(), *source),
                (None, Some(url)) => (url.to_owned(), UrlSource::Config),
                (None, None) => (DEFAULT_API_URL.to_owned(), UrlSource::Default),
            };
            let current = name == current;
            rows.push(Profile {
                name,
                api_url,
                api_url_source,
                key,
                current,
            });
        }
        Ok((rows, problem))
    })
    .await
    .context("listing profiles")??;

    if let Some(reason) = keyring_problem {
        let message = format!(
            "the OS keyring could not be checked ({reason}); KEY shows the credentials file only"
        );
        config::keyring_trouble(&ctx.dirs, &ctx.out, message, false);
    }
    if let Some((_, source)) = &ctx.api_key_override {
        ctx.out.info(format!(
            "note: a key is given by {}: commands use it, not the stored keys below",
            source.label()
        ));
    }
    if ctx.out.json {
        ctx.out.json(&rows)?;
        return Ok(());
    }
    let paint = ctx.out.paint();
    let mut table = ctx.out.table(&["", "PROFILE", "API URL", "FROM", "KEY"]);
    for row in &rows {
        let key = match row.key {
            KeyLocation::Keyring => paint.green("keyring"),
            KeyLocation::File => paint.yellow("file"),
            KeyLocation::None => paint.dim("none"),
        };
        let url = sanitize(&row.api_url);
        let url = if row.api_url_source == UrlSource::Default {
            paint.dim(url)
        } else {
            url.into_owned()
        };
        table.add_row(vec![
            if row.current {
                "*".to_owned()
            } else {
                String::new()
            },
            sanitize(&row.name).into_owned(),
            url,
            paint.dim(row.api_url_source.label()),
            key,
        ]);
    }
    ctx.out.print_table(&table)?;
    Ok(())
}
