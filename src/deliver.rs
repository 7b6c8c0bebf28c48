//! Sending one delivery to a receiver and reporting its answer: what `trigger` and
//! `inbox replay` share (the `--to` URL, signature headers, the POST as Studio makes it, the
//! bounded read of the answer, and what people and `--json` see).

use std::time::Instant;

use anyhow::{Context as _, Result};
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde_json::Value;

use crate::context::Ctx;
use crate::error::{Failure, usage};
use crate::output::{sanitize, sanitize_multiline};

/// How much of the receiver's answer is kept: enough for any error page, bounded memory.
pub const MAX_RESPONSE_BYTES: usize = 1024 * 1024;
/// How much of it is shown to people (`--json` keeps up to [`MAX_RESPONSE_BYTES`]).
pub const SHOWN_RESPONSE_BYTES: usize = 4096;

/// `--to URL`: an absolute http(s) URL.
pub fn parse_to_url(text: &str) -> Result<url::Url> {
    let url = url::Url::parse(text).map_err(|e| {
        usage(format!("--to {text:?} is not a URL: {e}"))
            .hint("give a full URL, e.g. --to http://localhost:3000/webhooks")
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(usage(format!("--to {text:?} must be an http or https URL")).into());
    }
    Ok(url)
}

/// Add the headers `signature::sign` produced.
pub fn append_signature(headers: &mut HeaderMap, signed: Vec<(String, String)>) -> Result<()> {
    for (name, value) in signed {
        let name = HeaderName::from_bytes(name.as_bytes())
            .with_context(|| format!("signature header name {name:?}"))?;
        let value = HeaderValue::from_str(&value)
            .with_context(|| format!("signature header {name} value"))?;
        headers.append(name, value);
    }
    Ok(())
}

/// What the receiver answered.
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    /// At most [`MAX_RESPONSE_BYTES`] of the body, lossily as text.
    pub body: String,
    /// The body went on beyond [`MAX_RESPONSE_BYTES`].
    pub truncated: bool,
    pub latency_ms: u64,
}

/// POST `body` to `url` as Studio does: within `--timeout`, without following redirects
/// (Studio's client turns a redirected POST into a bodiless GET; the 3xx is shown instead).
pub async fn post(ctx: &Ctx, url: &url::Url, headers: HeaderMap, body: Vec<u8>) -> Result<Answer> {
    let client = crate::http_client::builder()
        .timeout(ctx.timeout)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .context("building the HTTP client")?;
    let started = Instant::now();
    let mut response = client
        .post(url.clone())
        .headers(headers)
        .body(body)
        .send()
        .await
        .map_err(|e| send_failure(url, &e, ctx))?;
    let status = response.status();
    let response_headers = response.headers().clone();
    let mut kept = Vec::new();
    let mut truncated = false;
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| send_failure(url, &e, ctx))?
    {
        let room = MAX_RESPONSE_BYTES - kept.len();
        kept.extend_from_slice(&chunk[..chunk.len().min(room)]);
        if chunk.len() > room {
            truncated = true;
            break;
        }
    }
    Ok(Answer {
        status,
        headers: response_headers,
        body: String::from_utf8_lossy(&kept).into_owned(),
        truncated,
        latency_ms: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
    })
}

/// The headers sent, for `--json`.
pub fn headers_sent(headers: &HeaderMap) -> serde_json::Map<String, Value> {
    headers
        .iter()
        .map(|(k, v)| {
            let v = String::from_utf8_lossy(v.as_bytes()).into_owned();
            (k.as_str().to_owned(), Value::String(v))
        })
        .collect()
}

/// For people: the status and latency on stderr, then the start of the answer on stdout.
pub fn print_answer(ctx: &Ctx, answer: &Answer) -> Result<()> {
    let paint = ctx.out.paint_err();
    let line = format!("{} in {} ms", answer.status, answer.latency_ms);
    if answer.status.is_success() {
        ctx.out.success(line);
    } else if !ctx.out.quiet {
        eprintln!("{} {line}", paint.red("✗"));
    }
    if !answer.body.is_empty() {
        let shown = cut(&answer.body, SHOWN_RESPONSE_BYTES);
        ctx.out.line(sanitize_multiline(shown.trim_end()))?;
        if shown.len() < answer.body.len() || answer.truncated {
            ctx.out.info(paint.dim(format!(
                "(response truncated: showing {} of {}{} bytes; --json keeps up to 1 MiB)",
                shown.len(),
                answer.body.len(),
                if answer.truncated { "+" } else { "" }
            )));
        }
    }
    Ok(())
}

/// What was sent, for the hint when the receiver refuses it.
#[derive(Clone, Copy, Debug)]
pub struct Sent<'a> {
    /// It carried a signature.
    pub signed: bool,
    /// Its event name, when it has one.
    pub event: Option<&'a str>,
}

/// `Ok` for a 2xx answer; otherwise the failure, with a hint that fits the status.
pub fn check_status(url: &url::Url, answer: &Answer, sent: Sent<'_>) -> Result<()> {
    let status = answer.status;
    if status.is_success() {
        return Ok(());
    }
    let mut failure = Failure::failure(format!("{url} answered {status}"));
    if status.is_redirection() {
        let location = answer
            .headers
            .get(reqwest::header::LOCATION)
            .map(|l| String::from_utf8_lossy(l.as_bytes()).into_owned())
            .unwrap_or_else(|| "elsewhere".into());
        failure = failure.hint(format!(
            "the receiver redirects to {}; Studio would follow with a GET and no body, so point the webhook at the final URL",
            sanitize_multiline(&location)
        ));
    } else if let Some(hint) = refusal_hint(status, url, sent) {
        failure = failure.hint(hint);
    }
    Err(failure.into())
}

/// The likely cause of a non-2xx, non-3xx answer, from its status and what was sent.
fn refusal_hint(status: StatusCode, url: &url::Url, sent: Sent<'_>) -> Option<String> {
    let access_control = sent.event == Some("playback.accessControl");
    let hint = match status.as_u16() {
        403 if access_control => "for playback.accessControl the answer is the decision: the \
             receiver denied this viewer (any 2xx allows)"
            .to_owned(),
        401 | 403 if !sent.signed => "the receiver refused an unsigned delivery: pass --secret \
             (or set LPWH_WEBHOOK_SECRET)"
            .to_owned(),
        401 => "the receiver refused the delivery: check it uses the same secret and --scheme"
            .to_owned(),
        403 => "the receiver refused the delivery: if it checks signatures, check it uses the \
             same secret and --scheme; otherwise a rule of its own forbids the request"
            .to_owned(),
        404 => format!(
            "nothing answers at {} on that receiver: check the path in the URL (a listener \
             started with 'lpwh listen --path P' answers only P)",
            sanitize(url.path())
        ),
        405 => "the receiver takes no POST at that URL: check the path in the URL".to_owned(),
        413 => {
            "the body is over the receiver's size limit (for lpwh listen: --max-body)".to_owned()
        }
        400 | 422 => "the receiver could not use the body: its answer above says why".to_owned(),
        500.. => "the receiver failed while handling the delivery: its answer above and its own \
             logs say why (Studio retries a 5xx, backing off up to an hour)"
            .to_owned(),
        _ => return None,
    };
    Some(hint)
}

/// A clear error for a delivery that got no answer: names the URL and the root cause.
fn send_failure(url: &url::Url, err: &reqwest::Error, ctx: &Ctx) -> anyhow::Error {
    if err.is_timeout() {
        return Failure::failure(format!("{url} did not answer within {:.0?}", ctx.timeout))
            .hint("Studio gives up after 30 s; raise --timeout to wait longer")
            .into();
    }
    let mut cause: &dyn std::error::Error = err;
    while let Some(next) = cause.source() {
        cause = next;
    }
    let hint = if err.is_connect() {
        "is the receiver running and listening on that address?"
    } else {
        "check the URL and that the receiver speaks HTTP"
    };
    Failure::failure(format!("could not deliver to {url}: {cause}"))
        .hint(hint)
        .into()
}

/// At most `max` bytes of `text`, cut on a character boundary.
fn cut(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_refusal_gets_the_hint_for_its_status() {
        let url = url::Url::parse("http://127.0.0.1:3000/hooks").unwrap();
        let signed = Sent {
            signed: true,
            event: Some("stream.started"),
        };
        let hint = |code: u16, sent| refusal_hint(StatusCode::from_u16(code).unwrap(), &url, sent);
        assert!(
            hint(401, signed)
                .unwrap()
                .contains("same secret and --scheme")
        );
        let unsigned = Sent {
            signed: false,
            ..signed
        };
        assert!(hint(401, unsigned).unwrap().contains("pass --secret"));
        let gate = Sent {
            event: Some("playback.accessControl"),
            ..signed
        };
        assert!(hint(403, gate).unwrap().contains("denied this viewer"));
        assert!(hint(403, signed).unwrap().contains("a rule of its own"));
        assert!(
            hint(404, signed)
                .unwrap()
                .contains("nothing answers at /hooks")
        );
        assert!(hint(405, signed).unwrap().contains("no POST"));
        assert!(hint(413, signed).unwrap().contains("--max-body"));
        assert!(
            hint(400, signed)
                .unwrap()
                .contains("could not use the body")
        );
        assert!(hint(503, signed).unwrap().contains("Studio retries a 5xx"));
        assert_eq!(hint(418, signed), None);
    }

    #[test]
    fn cut_keeps_whole_characters() {
        assert_eq!(cut("héllo", 2), "h");
        assert_eq!(cut("abc", 10), "abc");
    }

    #[test]
    fn to_urls_must_be_http() {
        assert!(parse_to_url("http://localhost:3000/hook").is_ok());
        assert!(parse_to_url("ftp://example.com").is_err());
        assert!(parse_to_url("localhost:3000").is_err());
    }
}
