//! `lpwh verify`: check a delivery's signature headers against its body and secret(s), for CI
//! and for debugging a receiver. Exit 0 valid, 1 invalid (reason and hint on stderr), 2 usage.

use anyhow::Result;

use crate::context::Ctx;
use crate::error::Failure;
use crate::humane::Duration as Human;
use crate::input::{read_body, require_secret};
use crate::redacted::Secret;
use crate::signature::{self, Scheme, UnixTime};

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  lpwh verify --header \"Livepeer-Signature: t=1763790000123,v1=6467...\" --body body.json
  lpwh verify --secret OLD --secret NEW --header \"$(lpwh sign --body b.json)\" --body b.json
  lpwh --json verify --scheme fastpix --header \"FastPix-Signature: gx3S...\" --body - < body.json")]
pub struct Args {
    /// The webhook's secret; repeat it during a rotation (any may match)
    #[arg(
        long = "secret",
        value_name = "SECRET",
        env = "LPWH_WEBHOOK_SECRET",
        hide_env_values = true,
        value_parser = crate::redacted::non_empty_secret
    )]
    pub secrets: Vec<Secret>,

    /// A request header, `Name: value` (repeatable; e.g. the Livepeer-Signature line)
    #[arg(long = "header", short = 'H', value_name = "NAME: VALUE", value_parser = parse_header)]
    pub headers: Vec<(String, String)>,

    /// The raw body as received: a file, or `-` for stdin
    #[arg(long, value_name = "FILE|-")]
    pub body: String,

    /// Signature scheme: `livepeer` is what Studio really sends; `livepeer-docs` what its guide documents
    #[arg(long, value_enum, default_value_t = Scheme::Livepeer)]
    pub scheme: Scheme,

    /// How far the timestamp may be from now, either way: `300`, `300s`, `5m`
    #[arg(long, value_name = "DURATION", default_value = "300s", value_parser = crate::humane::parse_millis)]
    pub tolerance: i64,

    /// Check as if it were this Unix time (seconds or milliseconds) [default: now]
    #[arg(long, value_name = "UNIX_TIME")]
    pub now: Option<UnixTime>,
}

/// `Name: value` → (name, value); the name must be a valid header token.
fn parse_header(text: &str) -> Result<(String, String), String> {
    let Some((name, value)) = text.split_once(':') else {
        return Err("expected 'Name: value', e.g. 'Livepeer-Signature: t=...,v1=...'".into());
    };
    let name = name.trim();
    if name.is_empty() || http::HeaderName::from_bytes(name.as_bytes()).is_err() {
        return Err(format!("'{}' is not a header name", name.escape_default()));
    }
    Ok((name.to_owned(), value.trim().to_owned()))
}

/// What `--json` prints: stable field names, every field always present.
#[derive(Debug, serde::Serialize)]
struct Report<'a> {
    valid: bool,
    reason: signature::Reason,
    hint: Option<&'a str>,
    /// The delivery's timestamp, Unix ms (null when the scheme has none).
    timestamp: Option<i64>,
    age_ms: Option<i64>,
    scheme: Scheme,
}

pub async fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let secrets = &args.secrets;
    require_secret(secrets.first())?;
    for secret in secrets {
        crate::input::check_fits(args.scheme, secret)?;
    }
    let body = read_body(&args.body)?;
    let now_ms = args.now.map_or_else(crate::humane::now_ms, |t| t.ms);

    let verdict = signature::verify(
        args.scheme,
        secrets,
        args.headers.as_slice(),
        &body,
        now_ms,
        args.tolerance,
    );

    if ctx.out.json {
        ctx.out.json(&Report {
            valid: verdict.is_ok(),
            reason: verdict.reason,
            hint: verdict.hint.as_deref(),
            timestamp: verdict.timestamp_ms,
            age_ms: verdict.age_ms,
            scheme: args.scheme,
        })?;
    }
    if verdict.is_ok() {
        if !ctx.out.json {
            let age = verdict
                .age_ms
                .map(|a| {
                    if a >= 0 {
                        format!(", signed {} ago", Human(a))
                    } else {
                        format!(", signed {} in the future", Human(a))
                    }
                })
                .unwrap_or_default();
            ctx.out
                .success(format_args!("valid {} signature{age}", args.scheme));
            if let Some(caveat) = &verdict.hint {
                ctx.out.info(format_args!("note: {caveat}"));
            }
        }
        return Ok(());
    }
    let mut failure = Failure::failure(format!("invalid signature: {}", verdict.reason));
    let hint = if args.headers.is_empty() && verdict.reason == signature::Reason::MissingSignature {
        Some(format!(
            "no --header given: pass the request's signature header, e.g. --header '{}: ...'",
            args.scheme.signature_header()
        ))
    } else {
        verdict.hint
    };
    if let Some(hint) = hint {
        failure = failure.hint(hint);
    }
    Err(failure.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_lines_split_at_the_first_colon() {
        assert_eq!(
            parse_header("Livepeer-Signature: t=1,v1=ab:cd"),
            Ok(("Livepeer-Signature".into(), "t=1,v1=ab:cd".into()))
        );
        assert!(parse_header("no colon here").is_err());
        assert!(parse_header(": value").is_err());
        assert!(parse_header("bad name: v").is_err());
    }
}
