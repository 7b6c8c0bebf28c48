//! `lpwh delete`: delete one or more webhooks, after a confirmation on a terminal.
//!
//! Several ids go in one bulk request. Studio's bulk delete fails as a whole (500 when every id
//! is unknown, 404 when one belongs to someone else), so on failure each id is deleted on its
//! own and every outcome is reported. With an admin's key it answers 204 whatever the ids, so a
//! 204 proves nothing about an id: every id of a bulk delete is looked up first, and only those
//! seen to exist (and not already deleted) are reported as deleted.
//!
//! Another account's webhook (only an admin's key sees one) is deleted only with
//! `--other-accounts`, for one id or many, through the bulk route (the one Studio honours for an
//! admin), and checked afterwards; without the flag it is refused, naming the account. Whose a
//! webhook is comes from its `userId` against `GET /user/me`, asked once, and only when it
//! matters: before a bulk delete, with the flag, or to explain a single delete's 404.

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

    /// With an admin's key: also delete other accounts' webhooks (otherwise refused, naming
    /// the account)
    #[arg(long)]
    pub other_accounts: bool,
}

/// A webhook about to be deleted; name and URL are known when it was looked up.
struct Target {
    input: String,
    id: String,
    name: Option<String>,
    url: Option<String>,
    /// The owning account (`userId`), when the webhook was looked up.
    owner: Option<String>,
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
    /// `deleted`, `not_found`, `refused` (another account's, without `--other-accounts`) or
    /// `failed`.
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
        // With --other-accounts every id is looked up: whose it is decides the route.
        let target = if args.yes && !several && !args.other_accounts && looks_like_uuid(trimmed) {
            Target {
                input: input.clone(),
                id: trimmed.to_owned(),
                name: None,
                url: None,
                owner: None,
            }
        } else {
            match resolver.resolve(trimmed).await {
                // Only an admin's key sees a deleted webhook; deleting it again does nothing.
                Ok(w) if w.deleted => {
                    outcomes.push(already_deleted(input, &w));
                    continue;
                }
                Ok(w) => Target {
                    input: input.clone(),
                    owner: w.owner().map(str::to_owned),
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

    // Whose each webhook is, when it matters: another account's is refused without the flag,
    // and deleted through the bulk route with it (one id or many alike).
    let mut others: Vec<Target> = Vec::new();
    if targets.len() > 1 || args.other_accounts {
        let me = api.me().await.map_err(anyhow::Error::new)?;
        let (mine, theirs): (Vec<Target>, Vec<Target>) = targets
            .into_iter()
            .partition(|t| t.owner.as_deref().is_none_or(|o| o == me.id));
        targets = mine;
        for t in theirs {
            if args.other_accounts {
                others.push(t);
            } else {
                outcomes.push(refused(t));
            }
        }
    }
    delete_others(&api, others, &mut outcomes).await?;

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
            Err(err) if is_not_found(&err) => {
                // Say why, when a look says more: already deleted, or another account's.
                match explain_not_found(&api, &t, args.other_accounts).await {
                    Some(explained) => {
                        outcomes.push(explained);
                        continue;
                    }
                    None => ("not_found", Some(err.to_string())),
                }
            }
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
    let (failed, missing, refused) = (count("failed"), count("not_found"), count("refused"));
    if refused > 0 {
        Err(Failure::failure(format!(
            "{refused} of {} webhooks belong to another account: not deleted",
            outcomes.len()
        ))
        .hint("an admin's key can delete them with --other-accounts")
        .into())
    } else if failed > 0 {
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
            "not_found" => match o.error.as_deref() {
                Some(why) if why.starts_with("already deleted") => {
                    eprintln!("{} {why}: {label}", paint.red("✗"))
                }
                _ => eprintln!("{} not found: {label}", paint.red("✗")),
            },
            "refused" => eprintln!(
                "{} not deleted: {label} {}",
                paint.red("✗"),
                sanitize(o.error.as_deref().unwrap_or(""))
            ),
            _ => eprintln!(
                "{} failed to delete {label}: {}",
                paint.red("✗"),
                sanitize(o.error.as_deref().unwrap_or("unknown error"))
            ),
        }
    }
    Ok(())
}

/// A deleted webhook (an admin's key reads one): said as such, with when, if Studio says.
fn already_deleted(input: &str, w: &crate::api::Webhook) -> Outcome {
    let when = w
        .deleted_at()
        .map(|t| format!(" ({})", crate::humane::local_time(t)))
        .unwrap_or_default();
    Outcome {
        input: input.to_owned(),
        id: Some(w.id.clone()),
        name: Some(w.name.clone()),
        outcome: "not_found",
        error: Some(format!("already deleted{when}")),
    }
}

/// Another account's webhook, without `--other-accounts`.
fn refused(t: Target) -> Outcome {
    Outcome {
        error: Some(format!(
            "belongs to another account (user {}): pass --other-accounts to delete it",
            t.owner.as_deref().unwrap_or("?")
        )),
        input: t.input,
        id: Some(t.id),
        name: t.name,
        outcome: "refused",
    }
}

/// `--other-accounts`: other accounts' webhooks go through the bulk route (the one Studio
/// honours for an admin), one id or many alike; each is then looked up, and reported deleted
/// only when Studio shows it deleted (a bulk 204 alone proves nothing).
async fn delete_others(
    api: &crate::api::Client,
    others: Vec<Target>,
    outcomes: &mut Vec<Outcome>,
) -> Result<()> {
    if others.is_empty() {
        return Ok(());
    }
    let ids: Vec<String> = others.iter().map(|t| t.id.clone()).collect();
    let bulk = api.delete_webhooks(&ids).await;
    if let Err(err) = &bulk
        && err.kind() == Kind::Auth
    {
        return Err(anyhow::Error::new(bulk.unwrap_err()));
    }
    for t in others {
        let gone = match api.get_webhook(&t.id).await {
            Ok(w) => w.deleted,
            Err(err) => is_not_found(&err),
        };
        outcomes.push(Outcome {
            input: t.input,
            id: Some(t.id),
            name: t.name,
            outcome: if gone { "deleted" } else { "failed" },
            error: (!gone).then(|| match &bulk {
                Err(err) => err.to_string(),
                Ok(()) => "Studio answered 204, but the webhook is still there".to_owned(),
            }),
        });
    }
    Ok(())
}

/// A single delete's 404, looked at: already deleted, or (with an admin's key) another
/// account's. `None` when the look says nothing more.
async fn explain_not_found(
    api: &crate::api::Client,
    t: &Target,
    other_accounts: bool,
) -> Option<Outcome> {
    let w = api.get_webhook(&t.id).await.ok()?;
    if w.deleted {
        return Some(already_deleted(&t.input, &w));
    }
    let owner = w.owner()?.to_owned();
    let me = api.me().await.ok()?;
    if owner == me.id || other_accounts {
        return None;
    }
    Some(refused(Target {
        input: t.input.clone(),
        id: w.id,
        name: Some(w.name),
        url: Some(w.url),
        owner: Some(owner),
    }))
}

fn is_kind(err: &anyhow::Error, kind: Kind) -> bool {
    crate::report::exit_code(err) == kind.code()
}
