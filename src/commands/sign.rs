//! `lpwh sign`: sign a body (a file, stdin or a built-in sample) the way Studio or another
//! provider would, and print the headers, a curl command, a raw HTTP request or JSON.

use std::io::Write;

use anyhow::Result;
use base64::Engine as _;

use crate::context::Ctx;
use crate::error::{Failure, usage};
use crate::input::read_body;
use crate::samples::{self, SampleOptions};
use crate::signature::{self, Scheme, UnixTime};

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("input").required(true).args(["body", "event"])))]
#[command(after_help = "Examples:
  lpwh sign --event stream.started --format curl --to http://localhost:3000/webhooks | sh
  curl -X POST http://localhost:3000/ -H \"$(lpwh sign --body body.json)\" --data-binary @body.json
  LPWH_WEBHOOK_SECRET=... lpwh sign --scheme livepeer-docs --body - < body.json")]
pub struct Args {
    #[command(flatten)]
    pub secret: crate::input::SecretArg,

    /// Signature scheme: `livepeer` is what Studio really sends; `livepeer-docs` what its guide documents
    #[arg(long, value_enum, default_value_t = Scheme::Livepeer)]
    pub scheme: Scheme,

    /// Unix time to sign at, seconds or milliseconds (told apart by size) [default: now; for a
    /// livepeer --body, the body's own "timestamp"]
    #[arg(long, visible_alias = "now", value_name = "UNIX_TIME")]
    pub timestamp: Option<UnixTime>,

    /// Message id for standard-webhooks (`webhook-id`) [default: a fresh msg_<uuid>]
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,

    /// The body to sign: a file, or `-` for stdin. Signed byte for byte
    #[arg(long, value_name = "FILE|-")]
    pub body: Option<String>,

    /// Sign a realistic sample delivery of this event instead of a file (see `lpwh event-types`)
    #[arg(long, value_name = "TYPE", value_parser = crate::events::EventName, hide_possible_values = true)]
    pub event: Option<String>,

    /// Change a field of the --event sample before signing, e.g. `stream.name=test` (repeatable)
    #[arg(long = "set", value_name = "PATH=VALUE", requires = "event", value_parser = parse_set)]
    pub set: Vec<(String, String)>,

    /// Use the legacy asset.ready/asset.failed payload (webhooks created before 2024-07-28)
    #[arg(long, requires = "event")]
    pub legacy_asset: bool,

    /// What to print: the header line(s), a curl command, a raw HTTP request, or JSON
    #[arg(long, value_enum, default_value_t = Format::Header)]
    pub format: Format,

    /// Where the curl command or HTTP request sends the delivery
    #[arg(long, value_name = "URL", default_value = "http://localhost:3000/")]
    pub to: url::Url,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// `Name: value` lines only, for `-H "$(lpwh sign ...)"`
    Header,
    /// A ready-to-run curl command that posts the body with its signature
    Curl,
    /// A raw HTTP/1.1 request (e.g. for `nc`)
    Http,
    /// `{"headers": {...}, "body": ..., "timestamp": ...}`
    Json,
}

fn parse_set(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((path, value)) if !path.trim().is_empty() => {
            Ok((path.trim().to_owned(), value.to_owned()))
        }
        _ => Err("expected PATH=VALUE, e.g. stream.name=test".to_owned()),
    }
}

/// A body's numeric top-level `timestamp`, as Studio writes it (Unix ms).
fn body_timestamp(body: &[u8]) -> Option<i64> {
    #[derive(serde::Deserialize)]
    struct Stamped {
        timestamp: Option<i64>,
    }
    serde_json::from_slice::<Stamped>(body).ok()?.timestamp
}

pub async fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let secret = args.secret.required(args.scheme)?;

    let (body, timestamp_ms) = match (&args.event, &args.body) {
        (Some(event), _) => {
            let ts = args.timestamp.map_or_else(crate::humane::now_ms, |t| t.ms);
            let opts = SampleOptions {
                timestamp_ms: ts,
                overrides: args.set.clone(),
                legacy_asset: args.legacy_asset,
            };
            (samples::render(event, &opts)?, ts)
        }
        (None, Some(spec)) => {
            let body = read_body(spec)?;
            if body.ends_with(b"\n") {
                // Editors add one; the signature covers it, so a sender or receiver that trims
                // the body gets a different HMAC.
                ctx.out.warn(
                    "the body ends with a newline, and it is signed with it: send these exact \
                     bytes (curl --data-binary), or remove it (printf, not echo) to sign without",
                );
            }
            let stamped = (args.scheme == Scheme::Livepeer)
                .then(|| body_timestamp(&body))
                .flatten();
            let ts = match (args.timestamp, stamped) {
                (Some(t), Some(b)) if t.ms != b => {
                    ctx.out.warn(format_args!(
                        "the body's timestamp ({b}) differs from t ({}): a livepeer verifier will \
                         answer timestamp_mismatch",
                        t.ms
                    ));
                    t.ms
                }
                (Some(t), _) => t.ms,
                // Studio's t equals the body's timestamp; signing at it keeps the pair consistent.
                (None, Some(b)) => b,
                (None, None) => crate::humane::now_ms(),
            };
            (body, ts)
        }
        (None, None) => {
            return Err(usage("nothing to sign")
                .hint("give --body FILE, --body - (stdin) or --event TYPE")
                .into());
        }
    };

    let headers = signature::sign(args.scheme, secret, &body, timestamp_ms, args.id.as_deref())
        .map_err(|e| Failure::usage(e.0))?;

    let format = if ctx.out.json {
        Format::Json
    } else {
        args.format
    };
    let mut out = std::io::stdout().lock();
    match format {
        Format::Header => {
            for (name, value) in &headers {
                writeln!(out, "{name}: {value}")?;
            }
        }
        Format::Curl => out.write_all(curl_command(&args, &headers, &body).as_bytes())?,
        Format::Http => out.write_all(&http_request(args.scheme, &args.to, &headers, &body))?,
        Format::Json => {
            let text = std::str::from_utf8(&body).ok();
            let value = serde_json::json!({
                "scheme": args.scheme,
                "headers": headers.iter().map(|(k, v)| (k.clone(), serde_json::Value::from(v.as_str()))).collect::<serde_json::Map<_, _>>(),
                "body": text,
                "body_base64": text.is_none().then(|| base64::engine::general_purpose::STANDARD.encode(&body)),
                "timestamp": args.scheme.header_timestamp(timestamp_ms),
                "timestamp_ms": args.scheme.timestamp_unit().map(|_| timestamp_ms),
            });
            crate::json_write::to_writer_pretty(&mut out, &value)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(())
}

/// The headers a sender of `scheme` adds besides the signature (Studio's, as captured).
fn sender_headers(scheme: Scheme, body: &[u8]) -> Vec<(&'static str, &'static str)> {
    let mut headers = vec![(
        "Content-Type",
        if serde_json::from_slice::<serde::de::IgnoredAny>(body).is_ok() {
            "application/json"
        } else {
            "application/octet-stream"
        },
    )];
    if matches!(scheme, Scheme::Livepeer | Scheme::LivepeerDocs) {
        headers.push(("User-Agent", "livepeer.studio"));
    }
    headers
}

/// The request as a curl command: inert when pasted into any common shell, and sending the body
/// byte for byte whatever it holds (see [`crate::shell`]).
fn curl_command(args: &Args, headers: &[(String, String)], body: &[u8]) -> String {
    let mut all: Vec<(&str, &[u8])> = sender_headers(args.scheme, body)
        .into_iter()
        .map(|(name, value)| (name, value.as_bytes()))
        .collect();
    all.extend(headers.iter().map(|(n, v)| (n.as_str(), v.as_bytes())));
    let mut cmd = crate::shell::curl_command(args.to.as_str(), &all, body, true);
    cmd.push('\n');
    cmd
}

fn http_request(
    scheme: Scheme,
    to: &url::Url,
    headers: &[(String, String)],
    body: &[u8],
) -> Vec<u8> {
    let mut target = to.path().to_owned();
    if let Some(query) = to.query() {
        target.push('?');
        target.push_str(query);
    }
    let host = match (to.host_str(), to.port()) {
        (Some(h), Some(p)) => format!("{h}:{p}"),
        (Some(h), None) => h.to_owned(),
        (None, _) => "localhost".to_owned(),
    };
    let mut head = format!("POST {target} HTTP/1.1\r\nHost: {host}\r\n");
    for (name, value) in sender_headers(scheme, body) {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    ));
    let mut request = head.into_bytes();
    request.extend_from_slice(body);
    request
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parsed_arguments_never_show_the_secret() {
        use clap::Parser;
        let cli = crate::cli::Cli::try_parse_from([
            "lpwh",
            "sign",
            "--secret",
            "topsecret-value",
            "--body",
            "b.json",
        ])
        .unwrap();
        let debug = format!("{cli:?}");
        assert!(debug.contains("Sign"), "{debug}");
        assert!(!debug.contains("topsecret-value"), "{debug}");
    }

    #[test]
    fn raw_requests_carry_path_query_host_and_exact_length() {
        let to: url::Url = "http://127.0.0.1:4000/hooks?x=1".parse().unwrap();
        let headers = vec![("Livepeer-Signature".to_owned(), "t=1,v1=ab".to_owned())];
        let req = http_request(Scheme::Livepeer, &to, &headers, b"{\"a\":1}");
        let text = String::from_utf8(req).unwrap();
        assert!(text.starts_with("POST /hooks?x=1 HTTP/1.1\r\nHost: 127.0.0.1:4000\r\n"));
        assert!(text.contains("\r\nLivepeer-Signature: t=1,v1=ab\r\n"));
        assert!(text.contains("\r\nContent-Length: 7\r\n"));
        assert!(text.ends_with("\r\n\r\n{\"a\":1}"));
    }
}
