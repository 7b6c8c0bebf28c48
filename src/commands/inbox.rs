//! `lpwh inbox`: the deliveries `lpwh listen` recorded: list, show, replay, export, clear.
//! The database itself is `crate::inbox`.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use reqwest::header::{HeaderMap, HeaderValue};
use rusqlite::Connection;
use serde_json::json;

use crate::context::Ctx;
use crate::deliver;
use crate::error::{Failure, usage};
use crate::humane::{now_ms, since as parse_since};
use crate::inbox::query::{self, Filter};
use crate::inbox::replay::Refresh;
use crate::inbox::{db_path, render, schema};
use crate::output::sanitize;
use crate::prompt::{ask, confirm};
use crate::signature::{Reason, Scheme};

/// The deliveries `lpwh listen` received (recorded unless it ran with --no-record)
#[derive(Debug, clap::Args)]
#[command(after_help = "\
The inbox lives in <data dir>/inbox.sqlite ($LPWH_DATA_DIR, else the XDG data dir); --db PATH \
reads another one.

Examples:
  lpwh inbox list --verdict bad_signature --since 1h
  lpwh inbox show 42 --raw > body.json
  lpwh inbox replay 42 --to http://localhost:4000/webhooks --secret \"$SECRET\"
  lpwh inbox export --ndjson | jq .event")]
pub struct Args {
    #[command(subcommand)]
    pub command: InboxCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum InboxCommand {
    /// List recorded deliveries, newest first
    #[command(visible_alias = "ls")]
    List(ListArgs),
    /// Show one delivery: headers, verdict, forward results and the pretty-printed body
    Show(ShowArgs),
    /// Send a recorded delivery again, re-signed with a fresh timestamp (as Studio's resend does)
    Replay(ReplayArgs),
    /// Print every delivery as JSON (NDJSON by default), raw bodies included as base64
    Export(ExportArgs),
    /// Delete every recorded delivery
    Clear(ClearArgs),
    /// Look through the deliveries full-screen: move, open details, search, filter, follow
    Browse(BrowseArgs),
    /// Import the deliveries Studio logged (while listen was not running, say) into the inbox
    Backfill(BackfillArgs),
}

#[derive(Debug, clap::Args)]
#[command(after_help = "\
Each of Studio's delivery logs becomes an inbox delivery: the body and headers as logged, the \
log's time as the time received, the receiver's answer to Studio, and the verdict from checking \
the logged signature with the webhook's current secret. A log already imported, and any log of an \
event the inbox holds from a live delivery, is skipped: running it twice adds nothing.

Examples:
  lpwh inbox backfill --since 2h
  lpwh inbox backfill --webhook 3f0c --since 7d")]
pub struct BackfillArgs {
    /// Only this webhook: its id or a unique prefix (default: every webhook)
    #[arg(long, value_name = "ID", add = crate::complete::webhook_id())]
    pub webhook: Option<String>,
    /// How far back: an age (30m, 2h, 7d) or an RFC 3339 time
    #[arg(long, value_name = "AGE|TIME", default_value = "24h")]
    pub since: String,
    #[command(flatten)]
    pub db: DbArg,
}

#[derive(Debug, clap::Args)]
pub struct BrowseArgs {
    /// Where `r` replays and `c` copies to [default: asked once]
    #[arg(long, value_name = "URL")]
    pub to: Option<String>,
    #[command(flatten)]
    pub secret: crate::input::SecretArg,
    /// Signature scheme for replays
    #[arg(long, value_enum, default_value_t = Scheme::Livepeer)]
    pub scheme: Scheme,
    #[command(flatten)]
    pub db: DbArg,
}

#[derive(Debug, Clone, clap::Args)]
pub struct DbArg {
    /// The inbox database [default: <data dir>/inbox.sqlite]
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Only this event (a glob with * works, e.g. 'stream.*')
    #[arg(long, value_name = "EVENT", value_parser = crate::events::EventName, hide_possible_values = true)]
    pub event: Option<String>,
    /// Only this verdict: ok, bad_signature, stale_timestamp, unsigned, unchecked, duplicate, ...
    #[arg(long, value_name = "REASON", value_parser = parse_verdict)]
    pub verdict: Option<String>,
    /// Only deliveries received since: an age (10m, 2h, 1d) or an RFC 3339 time
    #[arg(long, value_name = "WHEN")]
    pub since: Option<String>,
    /// Only failures: refused deliveries, and forwarded ones your app answered with a non-2xx
    /// or not at all
    #[arg(long)]
    pub failed: bool,
    /// At most this many (the newest)
    #[arg(long, short = 'n', default_value_t = 50, value_name = "N")]
    pub limit: u64,
    /// Every matching delivery, however many
    #[arg(long, conflicts_with = "limit")]
    pub all: bool,
    #[command(flatten)]
    pub db: DbArg,
}

#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The delivery's id (the ID column of 'lpwh inbox list')
    pub id: i64,
    /// Print the exact raw body bytes and nothing else (to a file or pipe; see --force)
    #[arg(long)]
    pub raw: bool,
    /// With --raw, write the bytes even when stdout is a terminal. A delivery's bytes are
    /// whatever the sender chose, escape sequences included, and a terminal obeys them
    #[arg(long, requires = "raw")]
    pub force: bool,
    #[command(flatten)]
    pub db: DbArg,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "\
For the livepeer schemes the body's top-level \"timestamp\" is set to now (only those bytes \
change) and the delivery is signed again, so a receiver with a freshness check accepts it. The \
original content-type and user-agent are sent. Exit status: 0 on a 2xx answer, 1 otherwise.")]
pub struct ReplayArgs {
    /// The delivery's id (the ID column of 'lpwh inbox list')
    #[arg(required_unless_present = "pending")]
    pub id: Option<i64>,
    /// Send every pending delivery (answered by 'listen --ack-first' before the app did), oldest
    /// first, and record each answer; stops at the first that cannot be sent
    #[arg(long, conflicts_with = "id")]
    pub pending: bool,
    /// URL to POST it to
    #[arg(long, value_name = "URL")]
    pub to: String,
    #[command(flatten)]
    pub secret: crate::input::SecretArg,
    /// Signature scheme
    #[arg(long, value_enum, default_value_t = Scheme::Livepeer)]
    pub scheme: Scheme,
    #[command(flatten)]
    pub db: DbArg,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// One JSON object per line (the default); --json prints one array instead
    #[arg(long)]
    pub ndjson: bool,
    #[command(flatten)]
    pub db: DbArg,
}

#[derive(Debug, clap::Args)]
pub struct ClearArgs {
    /// Do not ask for confirmation (required without a terminal)
    #[arg(long, short)]
    pub yes: bool,
    #[command(flatten)]
    pub db: DbArg,
}

pub async fn run(ctx: &Ctx, args: Args) -> Result<()> {
    match args.command {
        InboxCommand::List(a) => list(ctx, a),
        InboxCommand::Show(a) => show(ctx, a),
        InboxCommand::Replay(a) => replay(ctx, a).await,
        InboxCommand::Export(a) => export(ctx, a),
        InboxCommand::Clear(a) => clear(ctx, a).await,
        InboxCommand::Browse(a) => browse(ctx, a).await,
        InboxCommand::Backfill(a) => backfill(ctx, a).await,
    }
}

/// `inbox backfill`: each webhook's logs in the window, imported (see `inbox::backfill`).
async fn backfill(ctx: &Ctx, args: BackfillArgs) -> Result<()> {
    let out = &ctx.out;
    let since = crate::humane::since(&args.since, crate::humane::now_ms())?;
    let api = ctx.api()?;
    let webhooks = match &args.webhook {
        Some(id) => vec![crate::webhook::resolve::resolve(&api, id).await?],
        None => api
            .list_all_webhooks(&crate::api::ListQuery::default(), None)
            .await
            .context("listing webhooks")?,
    };
    // An admin reads another account's log only with allUsers=true (asked only for a webhook
    // named on the command line: a listing holds only the caller's).
    let caller = crate::webhook::resolve::Caller::ask_if(
        &api,
        args.webhook.is_some() && webhooks.iter().any(|w| w.owner().is_some()),
    )
    .await;
    let path = path_of(ctx, &args.db);
    let mut conn = crate::inbox::schema::open_for_writing(&path, out)?;
    let mut reports = Vec::new();
    for w in &webhooks {
        let all_users = caller.reads_others(w);
        let (counts, _) = crate::inbox::backfill::import(&api, &mut conn, w, since, all_users)
            .await
            .with_context(|| format!("importing the deliveries of {}", sanitize(&w.id)))?;
        let label = if w.name.is_empty() { &w.id } else { &w.name };
        let mut skipped = Vec::new();
        if counts.already_imported > 0 {
            skipped.push(format!("{} already imported", counts.already_imported));
        }
        if counts.received_live > 0 {
            skipped.push(format!("{} received live", counts.received_live));
        }
        let skipped = if skipped.is_empty() {
            String::new()
        } else {
            format!("; skipped {}", skipped.join(", "))
        };
        if counts.read == 0 {
            // Said once for all of them below; a line per quiet webhook is noise.
        } else {
            out.success(format!(
                "{}: imported {} of {} logged deliver{}{skipped}",
                sanitize(label),
                counts.added,
                counts.read,
                if counts.read == 1 { "y" } else { "ies" },
            ));
        }
        let mut report = json!({"webhook": {"id": w.id, "name": w.name}});
        if let (Some(report), serde_json::Value::Object(figures)) =
            (report.as_object_mut(), serde_json::to_value(counts)?)
        {
            report.extend(figures);
        }
        reports.push(report);
    }
    if out.json {
        out.json(&reports)?;
    }
    let quiet = reports.iter().filter(|r| r["read"] == 0).count();
    if quiet > 0 {
        out.info(format!(
            "{quiet} webhook{} logged no deliveries since {}",
            if quiet == 1 { "" } else { "s" },
            crate::humane::local_time(since)
        ));
    }
    if reports.iter().any(|r| r["added"] != 0) {
        out.info(format!(
            "hint: 'lpwh inbox list' shows them; 'lpwh inbox replay ID --to URL' sends one to your app (inbox at {})",
            path.display()
        ));
    }
    Ok(())
}

fn parse_verdict(text: &str) -> Result<String, String> {
    match Reason::from_word(text) {
        Some(reason) => Ok(reason.as_str().to_owned()),
        None => Err(format!(
            "expected one of: {}",
            Reason::ALL.map(Reason::as_str).join(", ")
        )),
    }
}

/// The database's path, and the database unless nothing was recorded yet.
fn open(ctx: &Ctx, db: &DbArg) -> Result<(PathBuf, Option<Connection>)> {
    let path = db_path(&ctx.dirs.data, db.db.as_deref());
    let conn = schema::open_existing(&path, &ctx.out)?;
    Ok((path, conn))
}

/// The friendly answer of `list`, `export` and `clear` when there is no database yet.
fn say_empty(ctx: &Ctx, path: &Path) {
    ctx.out.info(format!(
        "The inbox is empty: nothing recorded at {} yet. 'lpwh listen' records every delivery there.",
        path.display()
    ));
}

/// `show` and `replay` name one delivery; with no database it cannot exist.
fn open_for_one(ctx: &Ctx, db: &DbArg, id: i64) -> Result<(PathBuf, Connection)> {
    match open(ctx, db)? {
        (path, Some(conn)) => Ok((path, conn)),
        (path, None) => Err(Failure::not_found(format!("no delivery {id} in the inbox"))
            .hint(format!(
                "nothing is recorded at {} yet: 'lpwh listen' records deliveries there",
                path.display()
            ))
            .into()),
    }
}

fn list(ctx: &Ctx, args: ListArgs) -> Result<()> {
    let since_ms = args
        .since
        .as_deref()
        .map(|s| parse_since(s, now_ms()))
        .transpose()?;
    let (path, Some(conn)) = open(ctx, &args.db)? else {
        say_empty(ctx, &path_of(ctx, &args.db));
        return empty_json(ctx);
    };
    let filter = Filter {
        event: args.event,
        verdict: args.verdict,
        since_ms,
        failures: args.failed,
        limit: (!args.all).then_some(args.limit),
        ..Filter::default()
    };
    if ctx.out.json {
        let rows = query::list_full(&conn, &filter).context("reading the inbox")?;
        let rows: Vec<_> = rows.iter().map(render::delivery_json).collect();
        return Ok(ctx.out.json(&rows)?);
    }
    let rows = query::list(&conn, &filter).context("reading the inbox")?;
    if rows.is_empty() {
        let total = query::count(&conn)?;
        ctx.out.info(if total == 0 {
            format!(
                "The inbox at {} is empty. 'lpwh listen' records every delivery there.",
                path.display()
            )
        } else {
            format!("No deliveries match ({total} recorded in all).")
        });
        return Ok(());
    }
    render::print_list(&ctx.out, &rows)?;
    if !args.all && rows.len() as u64 == args.limit {
        ctx.out.info(ctx.out.paint_err().dim(format!(
            "(the newest {}; --limit N or --all for more)",
            args.limit
        )));
    }
    Ok(())
}

fn path_of(ctx: &Ctx, db: &DbArg) -> PathBuf {
    db_path(&ctx.dirs.data, db.db.as_deref())
}

fn empty_json(ctx: &Ctx) -> Result<()> {
    if ctx.out.json {
        ctx.out.json(&json!([]))?;
    }
    Ok(())
}

/// One delivery, or a not-found error that says which ids exist.
fn fetch(conn: &Connection, path: &Path, id: i64) -> Result<query::Stored> {
    if let Some(d) = query::get(conn, id).context("reading the inbox")? {
        return Ok(d);
    }
    let hint = match query::max_id(conn)? {
        Some(max) => format!("'lpwh inbox list' shows the ids there are (the newest is {max})"),
        None => format!("the inbox at {} is empty", path.display()),
    };
    Err(Failure::not_found(format!("no delivery {id} in the inbox"))
        .hint(hint)
        .into())
}

fn show(ctx: &Ctx, args: ShowArgs) -> Result<()> {
    if args.raw && ctx.out.json {
        return Err(
            usage("--raw prints the body bytes alone; it cannot be combined with --json").into(),
        );
    }
    if args.raw && ctx.out.stdout_tty && !args.force {
        return Err(usage(
            "--raw would write a delivery's unchecked bytes to the terminal, which obeys any \
             escape sequences in them (title, clipboard, screen)",
        )
        .hint(format!(
            "redirect it ('lpwh inbox show {id} --raw > body.json'), pipe it, \
             use 'lpwh inbox show {id}' to read it safely, or add --force",
            id = args.id
        ))
        .into());
    }
    let (path, conn) = open_for_one(ctx, &args.db, args.id)?;
    let d = fetch(&conn, &path, args.id)?;
    if args.raw {
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(&d.body)?;
        stdout.flush()?;
        return Ok(());
    }
    if ctx.out.json {
        return Ok(ctx.out.json(&render::delivery_json(&d))?);
    }
    ctx.out
        .line(render::show_text(&d, ctx.out.paint(), now_ms()))?;
    Ok(())
}

fn export(ctx: &Ctx, args: ExportArgs) -> Result<()> {
    if args.ndjson && ctx.out.json {
        return Err(
            usage("choose one of --json (one array) and --ndjson (one object per line)").into(),
        );
    }
    let (path, Some(conn)) = open(ctx, &args.db)? else {
        say_empty(ctx, &path_of(ctx, &args.db));
        return empty_json(ctx);
    };
    drop(path);
    let array = ctx.out.json && !args.ndjson;
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let mut n = 0u64;
    if array {
        stdout.write_all(b"[")?;
    }
    query::for_each(&conn, |d| {
        if array && n > 0 {
            stdout.write_all(b",")?;
        }
        if array {
            stdout.write_all(b"\n  ")?;
        }
        crate::json_write::to_writer(&mut stdout, &render::delivery_json(&d))
            .map_err(std::io::Error::from)?;
        if !array {
            stdout.write_all(b"\n")?;
        }
        n += 1;
        Ok(())
    })?;
    if array {
        stdout.write_all(if n > 0 { b"\n]\n" } else { b"]\n" })?;
    }
    stdout.flush()?;
    ctx.out.info(format!(
        "exported {n} deliver{}",
        if n == 1 { "y" } else { "ies" }
    ));
    Ok(())
}

async fn clear(ctx: &Ctx, args: ClearArgs) -> Result<()> {
    if !args.yes && !ctx.interactive {
        return Err(usage(
            "refusing to clear the inbox without confirmation (no terminal to ask on)",
        )
        .hint("pass --yes to delete every recorded delivery without being asked")
        .into());
    }
    let (path, Some(conn)) = open(ctx, &args.db)? else {
        say_empty(ctx, &path_of(ctx, &args.db));
        if ctx.out.json {
            ctx.out.json(&json!({"deleted": 0}))?;
        }
        return Ok(());
    };
    let total = query::count(&conn)?;
    if total == 0 {
        ctx.out
            .info(format!("The inbox at {} is already empty.", path.display()));
        if ctx.out.json {
            ctx.out.json(&json!({"deleted": 0}))?;
        }
        return Ok(());
    }
    if !args.yes {
        let question = format!(
            "Delete all {total} recorded deliveries from {}?",
            path.display()
        );
        if !ask(move || confirm(question, false)).await? {
            return Err(Failure::failure("nothing deleted").into());
        }
    }
    let deleted = query::clear(&conn).context("clearing the inbox")?;
    if ctx.out.json {
        ctx.out.json(&json!({"deleted": deleted}))?;
    }
    ctx.out.success(format!(
        "deleted {deleted} deliver{} from {}",
        if deleted == 1 { "y" } else { "ies" },
        path.display()
    ));
    Ok(())
}

async fn replay(ctx: &Ctx, args: ReplayArgs) -> Result<()> {
    let url = deliver::parse_to_url(&args.to)?;
    let secret = args.secret.optional(args.scheme)?;
    if secret.is_none() {
        ctx.out
            .warn("no secret: sending unsigned (pass --secret or set LPWH_WEBHOOK_SECRET to sign)");
    }
    let Some(id) = args.id else {
        return replay_pending(ctx, &args, &url, secret).await;
    };
    let (path, conn) = open_for_one(ctx, &args.db, id)?;
    let d = fetch(&conn, &path, id)?;
    let (answer, report) = replay_one(ctx, &args, &url, secret, &d).await?;
    resolve_if_pending(&conn, &d, &url, &answer)?;
    if ctx.out.json {
        ctx.out.json(&report)?;
    } else {
        deliver::print_answer(ctx, &answer)?;
    }
    deliver::check_status(
        &url,
        &answer,
        deliver::Sent {
            signed: secret.is_some(),
            event: d.event.as_deref(),
        },
    )
}

/// `inbox replay --pending`: every pending delivery, oldest first, each row resolved with the
/// answer. Stops at the first that cannot be sent (the rest stay pending, in order).
async fn replay_pending(
    ctx: &Ctx,
    args: &ReplayArgs,
    url: &url::Url,
    secret: Option<&crate::redacted::Secret>,
) -> Result<()> {
    let (path, Some(conn)) = open(ctx, &args.db)? else {
        ctx.out
            .info("no deliveries are pending: the inbox is empty");
        return empty_json(ctx);
    };
    let mut reports = Vec::new();
    let mut last = 0;
    let mut sent = 0u64;
    loop {
        let ids =
            crate::inbox::pending::ids_after(&conn, last, 100).context("reading the inbox")?;
        let Some(&newest) = ids.last() else { break };
        last = newest;
        for id in ids {
            let d = fetch(&conn, &path, id)?;
            let (answer, report) = replay_one(ctx, args, url, secret, &d)
                .await
                .with_context(|| format!("delivery {id} (it and later ones stay pending)"))?;
            resolve_if_pending(&conn, &d, url, &answer)?;
            if !ctx.out.json {
                ctx.out.info(format!("  ← {}", answer.status));
            }
            reports.push(report);
            sent += 1;
        }
    }
    if ctx.out.json {
        ctx.out.json(&reports)?;
    } else if sent == 0 {
        ctx.out.info("no deliveries are pending");
    } else {
        ctx.out.info(format!(
            "sent {sent} pending deliver{}; each is recorded with its answer",
            if sent == 1 { "y" } else { "ies" }
        ));
    }
    Ok(())
}

/// A pending delivery was answered: it takes its real verdict, with this answer as its outcome.
fn resolve_if_pending(
    conn: &Connection,
    d: &query::Stored,
    url: &url::Url,
    answer: &deliver::Answer,
) -> Result<()> {
    if d.verdict != Reason::Pending.as_str() {
        return Ok(());
    }
    let outcome = crate::delivery::Outcome {
        url: crate::redacted::url_without_secrets(url.as_str()),
        status: Some(answer.status.as_u16()),
        latency_ms: answer.latency_ms,
        error: None,
        body: Default::default(),
        content_type: None,
    };
    crate::inbox::pending::resolve(conn, d.id, &[outcome]).context("recording the answer")?;
    Ok(())
}

/// Send stored delivery `d` to `url`, re-signed now: the answer, and its JSON report.
async fn replay_one(
    ctx: &Ctx,
    args: &ReplayArgs,
    url: &url::Url,
    secret: Option<&crate::redacted::Secret>,
    d: &query::Stored,
) -> Result<(deliver::Answer, serde_json::Value)> {
    let now = now_ms();
    let livepeer = matches!(args.scheme, Scheme::Livepeer | Scheme::LivepeerDocs);
    let prepared = crate::inbox::replay::prepare(d, args.scheme, secret, now)
        .map_err(|e| usage(format!("cannot sign as {}: {e}", args.scheme)))?;
    if livepeer && prepared.refresh == Refresh::Unchanged {
        ctx.out.warn(
            "the body has no numeric top-level timestamp: sending it unchanged; only the \
             signature header's t is fresh",
        );
    }
    if prepared.refresh == Refresh::Reserialized {
        ctx.out.warn(
            "the timestamp could not be edited in place: the body was re-serialized \
             (same fields and order, but its bytes differ from the original)",
        );
    }
    let mut headers = HeaderMap::new();
    for (name, value) in &prepared.headers {
        let name = reqwest::header::HeaderName::from_bytes(name.as_bytes())
            .map_err(|e| anyhow::anyhow!("header {name}: {e}"))?;
        headers.append(name, HeaderValue::from_str(value)?);
    }
    let body = prepared.body;

    if !ctx.out.json {
        let event = d.event.as_deref().map(sanitize).unwrap_or_default();
        ctx.out.info(format!(
            "→ POST {} delivery {} {event}",
            sanitize(url.as_str()),
            d.id
        ));
    }
    let answer = deliver::post(ctx, url, headers.clone(), body.clone()).await?;
    let report = json!({
        "id": d.id,
        "url": url.as_str(),
        "status": answer.status.as_u16(),
        "latency_ms": answer.latency_ms,
        "timestamp_ms": now,
        "signed": secret.is_some(),
        "body_changed": body != d.body,
        "headers_sent": deliver::headers_sent(&headers),
        "response_body": answer.body,
    });
    Ok((answer, report))
}

async fn browse(ctx: &Ctx, args: BrowseArgs) -> Result<()> {
    let path = path_of(ctx, &args.db);
    let Some(conn) = schema::open_existing(&path, &ctx.out)? else {
        return Err(
            Failure::not_found(format!("nothing is recorded at {} yet", path.display()))
                .hint("'lpwh listen' records every delivery there; browse it then")
                .into(),
        );
    };
    // The file's name: the whole path would crowd the filters out of a narrow title.
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let title = format!("lpwh inbox {name}");
    // The view blocks on the terminal: off the async runtime's workers.
    let to = args.to.as_deref().map(deliver::parse_to_url).transpose()?;
    args.secret.optional(args.scheme)?;
    let replay = crate::browse::Replay {
        to,
        secret: args.secret.secret,
        scheme: args.scheme,
    };
    tokio::task::block_in_place(|| crate::browse::run(&conn, title, replay))
}
