//! `lpwh delete`: delete one or more webhooks, after a confirmation on a terminal.
//!
//! Several ids go in one bulk request. Studio's bulk delete fails as a whole (500 when every id
//! is unknown, 404 when one belongs to someone else), so on failure each id is deleted on its
//! own and every outcome is reported. With an admin's key it answers 204 whatever the ids, so a
//! 204 proves nothing about an id: every id of a bulk delete is looked up first, and only those
//! seen to exist (and not already deleted) are reported as deleted.

use anyhow::Result;
use serde::Serialize;

use crate::context::Ctx;
use crate::error::{Failure, Kind, usage};
use crate::output::sanitize;

use crate::prompt::{self as prompt, ask};
use crate::webhook::resolve::{Resolver, is_not_found, looks_like_uuid};

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
    lpwh delete 3f0c\n  \
    lpwh delete 3f0c 9a1b e7b8 --yes")]
pub struct Args {
    /// Webhook ids, or unique prefixes of them
    #[arg(value_name = "ID", required = true, num_args = 1.., add = crate::complete::webhook_id())]
    pub ids: Vec<String>,

    /// Do not ask for confirmation (required without a terminal)
    #[arg(long, short = 'y')]
    pub yes: bool,
}

/// A webhook about to be deleted; name and URL are known when it was looked up.
struct Target {
    input: String,
    id: String,
    name: Option<String>,
    url: Option<String>,
}

/// What happened to one id (the `--json` output is an array of these).
#[derive(Debug, Serialize)]
struct Outcome {
    /// What the user typed.
    input: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    /// `deleted`, `not_found` or `failed`.
    outcome: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

pub async fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let out = &ctx.out;
    if !args.yes && !ctx.interactive {
        return Err(
            usage("refusing to delete without confirmation (no terminal to ask on)")
                .hint("pass --yes to delete without being asked")
                .into(),
        );
    }
    let api = ctx.api()?;

    // Resolve prefixes (and, to show them in the confirmation, full ids) first: an ambiguous
    // prefix stops the whole command before anything is deleted, while an unknown id is only
    // reported, like `rm` does with a missing file. Full ids with --yes need no lookup: the
    // delete itself says whether they exist.
    let mut resolver = Resolver::new(&api);
    let mut outcomes: Vec<Outcome> = Vec::new();
    let mut targets: Vec<Target> = Vec::new();
    let several = args.ids.len() > 1;
    for input in &args.ids {
        let trimmed = input.trim();
        let target = if args.yes && !several && looks_like_uuid(trimmed) {
            Target {
                input: input.clone(),
                id: trimmed.to_owned(),
                name: None,
                url: None,
            }
        } else {
            match resolver.resolve(trimmed).await {
                // Only an admin's key sees a deleted webhook; deleting it again does nothing.
                Ok(w) if w.deleted => {
                    outcomes.push(Outcome {
                        input: input.clone(),
                        id: Some(w.id),
                        name: Some(w.name),
                        outcome: "not_found",
                        error: Some("already deleted".to_owned()),
                    });
                    continue;
                }
                Ok(w) => Target {
                    input: input.clone(),
                    id: w.id,
                    name: Some(w.name),
                    url: Some(w.url),
                },
                Err(err) if is_kind(&err, Kind::NotFound) => {
                    outcomes.push(Outcome {
                        input: input.clone(),
                        id: None,
                        name: None,
                        outcome: "not_found",
                        error: Some(format!("{err:#}")),
                    });
                    continue;
                }
                Err(err) => return Err(err),
            }
        };
        if !targets.iter().any(|t| t.id == target.id) {
            targets.push(target);
        }
    }

    if !targets.is_empty() && !args.yes {
        let paint = out.paint_err();
        eprintln!(
            "{}",
            paint.bold(if targets.len() == 1 {
                "This webhook will be deleted:".to_owned()
            } else {
                format!("These {} webhooks will be deleted:", targets.len())
            })
        );
        for t in &targets {
            eprintln!(
                "  {}  {}  {}",
                sanitize(&t.id),
                paint.bold(sanitize(t.name.as_deref().unwrap_or(""))),
                sanitize(t.url.as_deref().unwrap_or(""))
            );
        }
        let question = if targets.len() == 1 {
            "Delete it?".to_owned()
        } else {
            format!("Delete these {}?", targets.len())
        };
        if !ask(move || prompt::confirm(question, false)).await? {
            return Err(Failure::failure("cancelled: nothing was deleted").into());
        }
    }

    let ids: Vec<String> = targets.iter().map(|t| t.id.clone()).collect();
    let bulk_ok = ids.len() > 1
        && match api.delete_webhooks(&ids).await {
            Ok(()) => true,
            // A refused key fails every request alike: say so once, with its exit code.
            Err(err) if err.kind() == Kind::Auth => return Err(err.into()),
            Err(err) => {
                if ctx.verbose > 0 {
                    out.info(format!(
                        "bulk delete failed ({err}); deleting one at a time"
                    ));
                }
                false
            }
        };
    // One webhook: its error is the command's error, with the API's own hint.
    let single = targets.len() == 1 && outcomes.is_empty();
    for t in targets {
        let result = if bulk_ok {
            Ok(())
        } else {
            api.delete_webhook(&t.id).await
        };
        let (outcome, error) = match result {
            Ok(()) => ("deleted", None),
            Err(err) if is_not_found(&err) => ("not_found", Some(err.to_string())),
            Err(err) if err.kind() == Kind::Auth => return Err(err.into()),
            Err(err) if single => {
                return Err(anyhow::Error::new(err)
                    .context(format!("deleting webhook {}", sanitize(&t.id))));
            }
            Err(err) => ("failed", Some(err.to_string())),
        };
        outcomes.push(Outcome {
            input: t.input,
            id: Some(t.id),
            name: t.name,
            outcome,
            error,
        });
    }
    // Report in the order the user typed the ids.
    outcomes.sort_by_key(|o| args.ids.iter().position(|i| *i == o.input));

    report(ctx, &outcomes)?;
    let count = |what: &str| outcomes.iter().filter(|o| o.outcome == what).count();
    let (failed, missing) = (count("failed"), count("not_found"));
    if failed > 0 {
        Err(Failure::failure(format!("{failed} of {} deletions failed", outcomes.len())).into())
    } else if missing > 0 {
        Err(Failure::not_found(format!(
            "{missing} of {} webhooks not found",
            outcomes.len()
        ))
        .hint("run 'lpwh list' to see your webhooks and their ids")
        .into())
    } else {
        Ok(())
    }
}

fn report(ctx: &Ctx, outcomes: &[Outcome]) -> Result<()> {
    let out = &ctx.out;
    if out.json {
        out.json(outcomes)?;
        return Ok(());
    }
    let paint = out.paint_err();
    for o in outcomes {
        let label = match (&o.id, &o.name) {
            (Some(id), Some(name)) if !name.is_empty() => {
                format!("{} ({})", sanitize(id), sanitize(name))
            }
            (Some(id), _) => sanitize(id).into_owned(),
            _ => sanitize(&o.input).into_owned(),
        };
        match o.outcome {
            "deleted" => out.success(format!("deleted {label}")),
            "not_found" => eprintln!("{} not found: {label}", paint.red("✗")),
            _ => eprintln!(
                "{} failed to delete {label}: {}",
                paint.red("✗"),
                sanitize(o.error.as_deref().unwrap_or("unknown error"))
            ),
        }
    }
    Ok(())
}

fn is_kind(err: &anyhow::Error, kind: Kind) -> bool {
    crate::report::exit_code(err) == kind.code()
}
