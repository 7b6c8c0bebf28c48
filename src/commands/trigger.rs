//! `lpwh trigger`: send a signed, realistic sample delivery of an event to a URL, the way
//! Studio (or FastPix) would, and show what the receiver answered.

use anyhow::{Context, Result};
use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue, USER_AGENT};
use serde::Serialize;
use serde_json::Value;

use crate::context::Ctx;
use crate::deliver;
use crate::error::usage;
use crate::events::Provider;
use crate::humane::now_ms;
use crate::output::sanitize_multiline;
use crate::samples::{self, SampleOptions};
use crate::signature::{self, Scheme};

/// Studio's own user agent (payloads.md A1); sent for the Livepeer schemes so receivers that
/// check it behave as they would in production.
const STUDIO_USER_AGENT: &str = "livepeer.studio";

/// Send a sample delivery of EVENT to a URL, signed like the real thing.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "The body is a realistic sample (see 'lpwh event-types') with fresh ids and the \
current time. Livepeer schemes send 'user-agent: livepeer.studio' as Studio does; other schemes send \
'lpwh/<version>'. Without a secret the delivery goes unsigned, as Studio sends it for webhooks \
without a shared secret. Redirects are not followed. Exit status: 0 on a 2xx answer, 1 otherwise.

--webhook ID signs with that Studio webhook's secret (fetched from the API) and, without --to, sends
to the webhook's own URL after a confirmation (--yes off a terminal).

Examples:
  lpwh trigger stream.started --to http://localhost:3000/webhooks --secret my-secret
  lpwh trigger asset.ready --webhook 3f9c --to http://localhost:3000/webhooks
  lpwh trigger asset.ready --to http://localhost:3000 --set payload.asset.snapshot.name=clip.mp4
  lpwh trigger video.media.ready --to http://localhost:3000/fastpix --secret ZGVtby1zZWNyZXQ="
)]
pub struct Args {
    /// Event to send, e.g. stream.started or video.media.ready (list: lpwh event-types)
    #[arg(value_parser = crate::events::EventName, hide_possible_values = true)]
    pub event: String,

    /// URL to POST the delivery to [default with --webhook: that webhook's URL, after asking]
    #[arg(long, value_name = "URL", required_unless_present = "webhook")]
    pub to: Option<String>,

    #[command(flatten)]
    pub secret: crate::input::SecretArg,

    /// Sign with this Studio webhook's secret (an id or a unique prefix; fetched from the API),
    /// and put its id in the body's webhookId
    #[arg(long, value_name = "ID", conflicts_with = "secret", add = crate::complete::webhook_id())]
    pub webhook: Option<String>,

    /// With --webhook and no --to: send to the webhook's URL without asking
    #[arg(long, short, requires = "webhook")]
    pub yes: bool,

    /// Signature scheme [default: livepeer, or fastpix for FastPix events]
    #[arg(long, value_enum, value_name = "SCHEME")]
    pub scheme: Option<Scheme>,

    /// Change a field of the sample by dotted path before signing; VALUE is JSON when it
    /// parses as JSON, else a string (repeatable), e.g. stream.isActive=false
    #[arg(long = "set", value_name = "PATH=VALUE", value_parser = samples::parse_set)]
    pub set: Vec<(String, String)>,

    /// Use the legacy payload form Studio sends to webhooks created before 2024-07-28
    /// (asset.ready and asset.failed only)
    #[arg(long)]
    pub legacy_asset: bool,

    /// Stamp the delivery with this Unix time (seconds or milliseconds, told apart by
    /// magnitude) instead of now, e.g. to test a receiver's freshness check
    #[arg(long, value_name = "T")]
    pub timestamp: Option<i64>,

    /// Extra request header, 'Name: value' (repeatable; replaces a default header of that name)
    #[arg(long = "header", short = 'H', value_name = "'NAME: VALUE'", value_parser = parse_header)]
    pub headers: Vec<(HeaderName, HeaderValue)>,
}

/// What `--json` prints.
#[derive(Debug, Serialize)]
struct Report {
    status: u16,
    latency_ms: u64,
    headers_sent: serde_json::Map<String, Value>,
    body_sent: Value,
    response_body: String,
}

pub async fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let provider = samples::provider_of(&args.event);
    let webhook = match &args.webhook {
        Some(id) => Some(webhook_target(ctx, id, args.to.is_none(), args.yes).await?),
        None => None,
    };
    let to = match (&args.to, &webhook) {
        (Some(to), _) => to.clone(),
        (None, Some(w)) => w.url.clone(),
        (None, None) => unreachable!("clap requires --to without --webhook"),
    };
    let url = deliver::parse_to_url(&to)?;
    let secret: Option<crate::redacted::Secret> = match &webhook {
        Some(w) => Some(w.secret.clone()),
        None => args.secret.get().cloned(),
    };
    let timestamp_ms = match args.timestamp {
        Some(t) => to_millis(t)?,
        None => now_ms(),
    };
    let mut overrides = args.set.clone();
    if let Some(w) = &webhook
        && provider == Some(Provider::Livepeer)
        && !matches!(
            args.event.as_str(),
            "playback.accessControl" | "playback.user.new"
        )
    {
        // As Studio sends it: the body names the webhook it was sent for.
        overrides.insert(0, ("webhookId".to_owned(), w.id.clone()));
    }
    let opts = SampleOptions {
        timestamp_ms,
        overrides,
        legacy_asset: args.legacy_asset,
    };
    // Unknown events and bad --set fail here, as usage errors with a suggestion.
    let body = samples::render(&args.event, &opts)?;
    let scheme = resolve_scheme(&args.event, provider, args.scheme)?;

    let mut headers = HeaderMap::new();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    headers.insert(USER_AGENT, user_agent(scheme));
    match secret.as_ref() {
        Some(secret) => {
            let message_id = event_id(&body);
            let signed =
                signature::sign(scheme, secret, &body, timestamp_ms, message_id.as_deref())
                    .map_err(|e| {
                        usage(format!("cannot sign as {}: {e}", scheme_name(scheme))).hint(
                            if scheme == Scheme::Fastpix {
                                "copy the Signing Secret exactly as the FastPix dashboard shows it"
                            } else {
                                "check --secret and --scheme"
                            },
                        )
                    })?;
            deliver::append_signature(&mut headers, signed)?;
        }
        None => ctx.out.warn(
            "no secret: sending unsigned, as Studio does for webhooks without a shared secret \
             (pass --secret or set LPWH_WEBHOOK_SECRET to sign)",
        ),
    }
    for (name, value) in &args.headers {
        headers.insert(name.clone(), value.clone());
    }

    if ctx.verbose > 0 {
        eprintln!("> POST {url}");
        for (name, value) in &headers {
            eprintln!(
                "> {name}: {}",
                sanitize_multiline(&String::from_utf8_lossy(value.as_bytes()))
            );
        }
        eprintln!("> {}", sanitize_multiline(&String::from_utf8_lossy(&body)));
    }
    if !ctx.out.json {
        if samples::is_historical(&args.event) {
            ctx.out.info(
                "note: no current sender emits this event; the body is its historical payload \
                 in today's delivery envelope",
            );
        }
        ctx.out.info(format!(
            "→ POST {} {}",
            sanitize_multiline(url.as_str()),
            crate::events::paint_family(
                ctx.out.paint_err(),
                crate::events::family_of(&args.event),
                &args.event
            )
        ));
    }

    let answer = deliver::post(ctx, &url, headers.clone(), body.clone()).await?;
    if ctx.out.json {
        let report = Report {
            status: answer.status.as_u16(),
            latency_ms: answer.latency_ms,
            headers_sent: deliver::headers_sent(&headers),
            // The sample is always JSON; --set cannot make it anything else.
            body_sent: serde_json::from_slice(&body).context("re-reading the sent body")?,
            response_body: answer.body.clone(),
        };
        ctx.out.json(&report)?;
    } else {
        deliver::print_answer(ctx, &answer)?;
    }
    deliver::check_status(
        &url,
        &answer,
        deliver::Sent {
            signed: secret.is_some(),
            event: Some(&args.event),
        },
    )
}

/// The webhook `--webhook` names, with its secret: where to send (its URL, confirmed when no
/// `--to` was given) and what to sign with.
struct WebhookTarget {
    id: String,
    url: String,
    secret: crate::redacted::Secret,
}

async fn webhook_target(ctx: &Ctx, id: &str, to_its_url: bool, yes: bool) -> Result<WebhookTarget> {
    use crate::error::Failure;
    if to_its_url && !yes && !ctx.interactive {
        return Err(usage(
            "sending to the webhook's own URL needs a confirmation, and there is no terminal to ask on",
        )
        .hint("pass --yes to send without being asked, or --to URL to send elsewhere")
        .into());
    }
    let webhook = crate::webhook::resolve::resolve(&ctx.api()?, id).await?;
    let Some(secret) = webhook.shared_secret.clone() else {
        return Err(Failure::failure(format!(
            "webhook {} ({}) has no sharedSecret, so its deliveries carry no signature",
            webhook.id, webhook.name
        ))
        .hint(format!(
            "give it one with 'lpwh update {} --rotate-secret', or trigger without --webhook to send unsigned",
            webhook.id
        ))
        .into());
    };
    if to_its_url && !yes {
        let question = format!(
            "Send a signed sample delivery to {} ({})?",
            crate::output::sanitize(&webhook.url),
            crate::output::sanitize(&webhook.name)
        );
        if !crate::prompt::ask(move || crate::prompt::confirm(question, false)).await? {
            return Err(Failure::failure("cancelled: nothing was sent").into());
        }
    }
    Ok(WebhookTarget {
        id: webhook.id,
        url: webhook.url,
        secret: crate::redacted::Secret::new(secret),
    })
}

/// The scheme to sign with: what the user chose, or the event's own provider's. FastPix
/// bodies signed as Livepeer (or the reverse) would only mislead, so a mismatch is refused.
fn resolve_scheme(
    event: &str,
    provider: Option<Provider>,
    chosen: Option<Scheme>,
) -> Result<Scheme> {
    match (provider, chosen) {
        (Some(Provider::Fastpix), None) => Ok(Scheme::Fastpix),
        (Some(Provider::Fastpix), Some(Scheme::Fastpix)) => Ok(Scheme::Fastpix),
        (Some(Provider::Fastpix), Some(other)) => Err(usage(format!(
            "{event} is a FastPix event, but --scheme is {}",
            scheme_name(other)
        ))
        .hint("FastPix deliveries are signed with --scheme fastpix (or leave --scheme out)")
        .into()),
        (_, Some(Scheme::Fastpix)) => Err(usage(format!(
            "{event} is a Livepeer event, but --scheme is fastpix"
        ))
        .hint("pick a FastPix event (lpwh event-types --provider fastpix) or drop --scheme")
        .into()),
        (_, Some(other)) => Ok(other),
        (_, None) => Ok(Scheme::Livepeer),
    }
}

fn scheme_name(scheme: Scheme) -> String {
    use clap::ValueEnum;
    scheme
        .to_possible_value()
        .map(|v| v.get_name().to_owned())
        .unwrap_or_else(|| format!("{scheme:?}"))
}

fn user_agent(scheme: Scheme) -> HeaderValue {
    match scheme {
        Scheme::Livepeer | Scheme::LivepeerDocs => HeaderValue::from_static(STUDIO_USER_AGENT),
        _ => HeaderValue::from_static(concat!("lpwh/", env!("CARGO_PKG_VERSION"))),
    }
}

/// `--timestamp` in ms: values below 10^11 are seconds (10^11 ms is 1973; 10^11 s is year 5138).
fn to_millis(t: i64) -> Result<i64> {
    if t <= 0 {
        return Err(usage(format!("--timestamp {t} must be a positive Unix time")).into());
    }
    Ok(if t < 100_000_000_000 {
        t.saturating_mul(1000)
    } else {
        t
    })
}

/// The body's event id, for schemes that sign a message id (standard-webhooks).
fn event_id(body: &[u8]) -> Option<String> {
    let value: Value = serde_json::from_slice(body).ok()?;
    value.get("id")?.as_str().map(str::to_owned)
}

/// clap parser for `--header 'Name: value'`.
fn parse_header(text: &str) -> Result<(HeaderName, HeaderValue), String> {
    let (name, value) = text
        .split_once(':')
        .ok_or_else(|| format!("expected 'Name: value', got {text:?}"))?;
    let name = HeaderName::from_bytes(name.trim().as_bytes())
        .map_err(|_| format!("{:?} is not a valid header name", name.trim()))?;
    let value = HeaderValue::from_str(value.trim())
        .map_err(|_| format!("the value of {name} has characters a header cannot carry"))?;
    Ok((name, value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scheme_follows_the_event_provider() {
        let lp = Some(Provider::Livepeer);
        let fp = Some(Provider::Fastpix);
        assert_eq!(
            resolve_scheme("stream.started", lp, None).unwrap(),
            Scheme::Livepeer
        );
        assert_eq!(
            resolve_scheme("video.media.ready", fp, None).unwrap(),
            Scheme::Fastpix
        );
        assert_eq!(
            resolve_scheme("stream.started", lp, Some(Scheme::LivepeerDocs)).unwrap(),
            Scheme::LivepeerDocs
        );
        let err = resolve_scheme("video.media.ready", fp, Some(Scheme::Livepeer)).unwrap_err();
        assert_eq!(crate::report::exit_code(&err), 2);
        assert!(err.to_string().contains("FastPix event"), "{err}");
        assert!(resolve_scheme("asset.ready", lp, Some(Scheme::Fastpix)).is_err());
    }

    #[test]
    fn headers_parse_and_reject_garbage() {
        let (n, v) = parse_header("X-Test:  yes ").unwrap();
        assert_eq!((n.as_str(), v.to_str().unwrap()), ("x-test", "yes"));
        assert!(parse_header("no colon").is_err());
        assert!(parse_header("bad name: x").is_err());
    }

    #[test]
    fn timestamps_in_seconds_or_ms() {
        assert_eq!(to_millis(1_736_942_400).unwrap(), 1_736_942_400_000);
        assert_eq!(to_millis(1_736_942_400_457).unwrap(), 1_736_942_400_457);
        assert!(to_millis(0).is_err());
    }
}
