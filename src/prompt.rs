//! Interactive questions (dialoguer, on stderr): yes/no, and the webhook fields `lpwh create`
//! and `lpwh update` ask for.
//!
//! Prompts block, so callers run them through [`ask`], which moves them off the async runtime:
//! that keeps Ctrl-C (handled in `main`) working while a prompt waits for keys.

use std::io;

use anyhow::Result;
use dialoguer::theme::ColorfulTheme;
use dialoguer::{Confirm, Input, MultiSelect, Password, Select};

use crate::error::Failure;
use crate::events::LIVEPEER_EVENTS;
use crate::output::sanitize;

use crate::webhook::input::{generate_secret, validate_url};

/// Run blocking prompt code on a blocking thread and turn dialoguer's errors into ours.
pub async fn ask<T, F>(f: F) -> Result<T>
where
    T: Send + 'static,
    F: FnOnce() -> dialoguer::Result<T> + Send + 'static,
{
    match tokio::task::spawn_blocking(f).await? {
        Ok(value) => Ok(value),
        Err(dialoguer::Error::IO(err)) if err.kind() == io::ErrorKind::Interrupted => {
            Err(Failure::interrupted().into())
        }
        Err(err) => Err(anyhow::Error::new(err).context("reading the answer from the terminal")),
    }
}

fn theme() -> ColorfulTheme {
    ColorfulTheme::default()
}

/// A webhook name: not blank.
pub fn name(initial: Option<&str>) -> dialoguer::Result<String> {
    let theme = theme();
    let mut input = Input::<String>::with_theme(&theme)
        .with_prompt("Name")
        .validate_with(|s: &String| {
            if s.trim().is_empty() {
                Err("a name is required")
            } else {
                Ok(())
            }
        });
    if let Some(initial) = initial {
        input = input.with_initial_text(initial);
    }
    Ok(input.interact_text()?.trim().to_owned())
}

/// The delivery URL, checked the way Studio checks it.
pub fn url(initial: Option<&str>) -> dialoguer::Result<String> {
    let theme = theme();
    let mut input = Input::<String>::with_theme(&theme)
        .with_prompt("URL (where Studio POSTs events)")
        .validate_with(|s: &String| validate_url(s.trim()));
    if let Some(initial) = initial {
        input = input.with_initial_text(initial);
    }
    Ok(input.interact_text()?.trim().to_owned())
}

/// An optional stream id: empty means none. (Studio's sender today fires for every stream
/// either way.)
pub fn stream_id(initial: Option<&str>) -> dialoguer::Result<Option<String>> {
    let theme = theme();
    let mut input = Input::<String>::with_theme(&theme)
        .with_prompt("Stream id (Enter for none; Studio fires for all your streams either way)")
        .allow_empty(true);
    if let Some(initial) = initial {
        input = input.with_initial_text(initial);
    }
    let id = input.interact_text()?.trim().to_owned();
    Ok((!id.is_empty()).then_some(id))
}

/// A multi-select of the catalog grouped by family; `checked` are preselected. Subscribed
/// events the catalog does not know are listed at the end, still checked, so none is lost.
pub fn events(checked: &[String]) -> dialoguer::Result<Vec<String>> {
    let mut names: Vec<String> = Vec::new();
    let mut labels: Vec<String> = Vec::new();
    for e in LIVEPEER_EVENTS {
        names.push(e.name.to_owned());
        labels.push(format!("{}: {} — {}", e.family, e.name, e.description));
    }
    for extra in checked {
        if !names.contains(extra) {
            names.push(extra.clone());
            labels.push(format!("other: {}", sanitize(extra)));
        }
    }
    let defaults: Vec<bool> = names.iter().map(|n| checked.contains(n)).collect();
    let theme = theme();
    loop {
        let picked = MultiSelect::with_theme(&theme)
            .with_prompt("Events (space toggles, enter confirms)")
            .items(&labels)
            .defaults(&defaults)
            .max_length(12)
            .interact()?;
        if !picked.is_empty() {
            return Ok(picked.into_iter().map(|i| names[i].clone()).collect());
        }
        // An empty subscription is legal for Studio but never useful: confirm it was meant.
        if Confirm::with_theme(&theme)
            .with_prompt("No events selected: the webhook will never fire. Keep it that way?")
            .default(false)
            .interact()?
        {
            return Ok(Vec::new());
        }
    }
}

/// What to do about the signing secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretChoice {
    /// Leave it as it is (update only).
    Keep,
    /// A freshly generated one, to be shown once.
    Generated(String),
    /// One the user typed.
    Typed(String),
    /// No secret: deliveries carry no signature.
    None,
}

/// Ask for the secret. `has_secret` is whether the webhook already has one (update).
pub fn secret(updating: bool, has_secret: bool) -> dialoguer::Result<SecretChoice> {
    let mut options: Vec<(&str, u8)> = Vec::new();
    if updating {
        options.push((
            if has_secret {
                "Keep the current secret"
            } else {
                "Keep it unsigned (no secret)"
            },
            0,
        ));
    }
    options.push(("Generate a random secret (recommended)", 1));
    options.push(("Type a secret", 2));
    if !updating {
        options.push(("No secret (deliveries are not signed)", 3));
    } else if has_secret {
        options.push(("Remove the secret (deliveries will not be signed)", 3));
    }
    let theme = theme();
    let labels: Vec<&str> = options.iter().map(|(l, _)| *l).collect();
    let index = Select::with_theme(&theme)
        .with_prompt("Signing secret")
        .items(&labels)
        .default(0)
        .interact()?;
    Ok(match options[index].1 {
        0 => SecretChoice::Keep,
        1 => SecretChoice::Generated(generate_secret()),
        2 => SecretChoice::Typed(
            Password::with_theme(&theme)
                .with_prompt("Secret")
                .with_confirmation("Again", "the two entries differ")
                .interact()?,
        ),
        _ => SecretChoice::None,
    })
}

/// A yes/no question; Enter answers `default`.
pub fn confirm(question: String, default: bool) -> dialoguer::Result<bool> {
    Confirm::with_theme(&theme())
        .with_prompt(question)
        .default(default)
        .interact()
}
