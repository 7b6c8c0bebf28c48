//! `lpwh check URL`: the flags; the cases and their grading are `crate::check`.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Result;

use crate::check::{self, CASES, Plan, report};
use crate::context::Ctx;
use crate::error::{Failure, usage};
use crate::signature::Scheme;

/// Send a battery of deliveries to your receiver and grade how it answers, as Studio would judge
/// it: valid and forged signatures, the guide's documented scheme, stale and replayed deliveries,
/// retries, unknown events, bursts and latency.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Run it against a development or staging receiver only: it sends real, validly signed deliveries,
byte for byte as Studio's sender writes them (UUID ids), that the receiver will act on. Each
request carries an x-lpwh-check: <case> header, and its streams and assets are named lpwh-check.
Nothing before the first case acts: the receiver is reached with a TCP connect.

The global --timeout is how long one request may take (default 30 s, as long as Studio waits).

Exit status: 0 when no case failed, 1 when one did (--strict: or warned), 2 on a usage error.

Examples:
  lpwh check http://localhost:3000/webhooks --secret \"$SECRET\"
  lpwh check http://localhost:3000/webhooks --junit check.xml --strict
  lpwh --json check http://localhost:3000/webhooks --only valid,bad-signature | jq .summary")]
pub struct Args {
    /// The receiver's URL (http or https)
    pub url: String,

    #[command(flatten)]
    pub secret: crate::input::SecretArg,

    /// Signature scheme the receiver verifies
    #[arg(long, value_enum, default_value_t = Scheme::Livepeer)]
    pub scheme: Scheme,

    /// The events `valid` sends, comma-separated [default: stream.started, stream.idle,
    /// recording.ready, asset.ready, task.completed]
    #[arg(long, value_delimiter = ',', value_name = "EVENT,...", value_parser = crate::events::EventName, hide_possible_values = true)]
    pub events: Vec<String>,

    /// Run only these cases (comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "CASE,...", value_parser = case_name, conflicts_with = "skip")]
    pub only: Vec<&'static str>,

    /// Run every case but these (comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "CASE,...", value_parser = case_name)]
    pub skip: Vec<&'static str>,

    /// How many deliveries `burst` sends (10 in flight at a time)
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u16).range(1..=200))]
    pub burst: u16,

    /// Exit 1 on warnings too
    #[arg(long)]
    pub strict: bool,

    /// Also write the results as JUnit XML, one testcase per case
    #[arg(long, value_name = "FILE")]
    pub junit: Option<PathBuf>,
}

fn case_name(text: &str) -> Result<&'static str, String> {
    CASES
        .into_iter()
        .find(|c| *c == text.trim())
        .ok_or_else(|| format!("unknown case '{text}'; the cases are: {}", CASES.join(", ")))
}

/// The whole run may take at most this long, whatever the receiver does.
const RUN_LIMIT: Duration = Duration::from_secs(15 * 60);

pub async fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let url = url::Url::parse(&args.url)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
        .ok_or_else(|| {
            usage(format!("'{}' is not an http(s) URL", args.url))
                .hint("give the receiver's full URL, e.g. http://localhost:3000/webhooks")
        })?;
    let secret = args.secret.required(args.scheme)?.clone();
    if args.scheme == Scheme::LivepeerDocs {
        ctx.out.warn(
            "--scheme livepeer-docs is the scheme the Studio guide documents, and real Studio \
             deliveries do not use it (they sign the body alone, t in ms): a receiver that \
             passes here refuses every real delivery; grade it with the default, --scheme livepeer",
        );
    }
    let events = if args.events.is_empty() {
        check::default_events(args.scheme)
    } else {
        for event in &args.events {
            crate::samples::render_value(event, &crate::samples::SampleOptions::default())
                .map_err(Failure::from)?;
        }
        args.events.clone()
    };
    let cases: Vec<&'static str> = CASES
        .into_iter()
        .filter(|c| args.only.is_empty() || args.only.contains(c))
        .filter(|c| !args.skip.contains(c))
        .collect();
    let plan = Plan {
        url,
        secret,
        scheme: args.scheme,
        events,
        cases,
        // The global --timeout (seconds, default 30, as long as Studio waits): per request.
        timeout: ctx.timeout,
        burst: usize::from(args.burst),
    };
    let shown_url = crate::redacted::url_without_secrets(plan.url.as_str());
    let ran = match tokio::time::timeout(RUN_LIMIT, check::run(&plan)).await {
        Ok(ran) => ran,
        Err(_) => Err(Failure::failure(format!(
            "the check did not finish within {}",
            crate::humane::Duration::of(RUN_LIMIT)
        ))
        .hint("the receiver is too slow to grade: lower --timeout, or --skip burst,large-body")
        .into()),
    };
    let outcomes = match ran {
        Ok(outcomes) => outcomes,
        Err(err) => {
            // The JUnit file says the run errored; a stale one must not look current.
            if let Some(path) = &args.junit
                && let Err(write) = report::write_junit_error(path, &shown_url, &format!("{err:#}"))
            {
                ctx.out.warn(format!("{write:#}"));
                let _ = crate::atomic_file::remove(path);
            }
            return Err(err);
        }
    };
    let summary = report::Summary::of(&outcomes);
    if ctx.out.json {
        ctx.out.json(&report::JsonReport {
            url: shown_url.clone(),
            scheme: plan.scheme.as_str(),
            cases: &outcomes,
            summary,
        })?;
    } else {
        report::print(&ctx.out, &outcomes)?;
    }
    // After the table: a JUnit file that cannot be written loses nothing already shown.
    if let Some(path) = &args.junit {
        report::write_junit(path, &shown_url, &outcomes, args.strict)?;
    }
    if summary.failed > 0 || (args.strict && summary.warnings > 0) {
        return Err(
            Failure::failure(format!("the receiver did not pass: {}", summary.line()))
                .hint("each failing case says why it matters; fix those first")
                .into(),
        );
    }
    Ok(())
}
