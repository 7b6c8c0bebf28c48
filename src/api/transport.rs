//! One request to Studio with auth, retries and `-v` lines: what every endpoint goes through.
//!
//! Retried: connection failures, 429 and 503 (honouring `Retry-After`), 502, 504, for GET, PATCH,
//! PUT and DELETE; a 500 for GET. POST (create, resend) is retried only when it provably never left: the
//! connection could not be made. Timeouts are not retried, so `--timeout` bounds the wait.

use std::time::{Duration, Instant};

use bytes::Bytes;
use jiff::Timestamp;
use jiff::fmt::rfc2822::DateTimeParser;
use reqwest::Method;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderMap, RETRY_AFTER};
use serde::de::DeserializeOwned;
use url::Url;

use super::errors::{decode_body, reason, status_message};
use super::{ApiError, Client, decode_json, display_url};
use crate::output::Paint;

/// How hard to try before giving up.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included (1 = never retry).
    pub max_attempts: u32,
    /// The first wait; each later one doubles, with jitter (a random 50–100 % of it).
    pub base_delay: Duration,
    /// No single backoff wait is longer.
    pub max_delay: Duration,
    /// `Retry-After` is honoured up to this long.
    pub max_retry_after: Duration,
    /// Give up rather than wait more than this in all.
    pub max_total_wait: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(30),
            max_total_wait: Duration::from_secs(45),
        }
    }
}

impl RetryPolicy {
    /// The wait before attempt `attempt + 1`, after `attempt` failed.
    fn backoff(&self, attempt: u32) -> Duration {
        let exp = self
            .base_delay
            .saturating_mul(1u32 << (attempt - 1).min(16))
            .min(self.max_delay);
        // Jitter spreads out clients that failed together, so they do not retry together.
        exp.mul_f64(0.5 + rand::random::<f64>() * 0.5)
    }
}

/// Studio's answer, whatever the status.
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
    pub(crate) url: Url,
    method: Method,
    attempts: u32,
    /// An earlier attempt may have reached Studio, but its answer was lost (a dropped
    /// connection or a gateway error): a 404 now may mean that attempt already deleted it.
    pub(crate) after_lost_answer: bool,
}

impl Answer {
    /// This answer if 2xx (Studio's public spec and server disagree on 200/201/204), else the
    /// decoded error.
    pub(crate) fn success(self, client: &Client) -> Result<Answer, ApiError> {
        if (200..300).contains(&self.status) {
            return Ok(self);
        }
        if (300..400).contains(&self.status) {
            // Redirects are never followed (the client's policy): a 307/308 would re-send the
            // body, which for create and update holds the webhook's secret, to wherever it points.
            let target = self
                .header("location")
                .map(|l| {
                    crate::output::sanitize(&crate::redacted::url_without_secrets(l)).into_owned()
                })
                .unwrap_or_else(|| "another address".to_owned());
            return Err(ApiError::Status {
                status: self.status,
                message: format!(
                    "the API answered {} {}, a redirect to {target}; lpwh does not follow redirects, so nothing was sent there",
                    self.status,
                    reason(self.status)
                ),
                method: self.method.to_string(),
                url: display_url(&self.url),
                key_source: client.opts.key_source,
            });
        }
        let decoded = decode_body(&self.body, client.opts.api_key.expose());
        Err(ApiError::Status {
            status: self.status,
            message: status_message(self.status, decoded.as_deref(), self.attempts),
            method: self.method.to_string(),
            url: display_url(&self.url),
            key_source: client.opts.key_source,
        })
    }

    pub(crate) fn json<T: DeserializeOwned>(&self) -> Result<T, ApiError> {
        decode_json(&self.url, &self.body)
    }

    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

enum Retryable {
    No,
    /// Retry after this wait (from `Retry-After`) or the backoff.
    After(Option<Duration>),
}

/// The outcome of an attempt that is about to be retried: what to report if we stop instead.
enum Last {
    Answer(Answer),
    Error(ApiError),
}

impl Client {
    /// Send one request, retrying as the module doc says. Only a transport failure is an
    /// `Err`; any HTTP answer, error statuses included, comes back as an [`Answer`].
    pub(crate) async fn send(
        &self,
        method: Method,
        url: Url,
        body: Option<Vec<u8>>,
    ) -> Result<Answer, ApiError> {
        let idempotent = method != Method::POST;

        let mut waited = Duration::ZERO;
        let mut after_lost_answer = false;
        let mut attempt = 0;
        loop {
            attempt += 1;
            self.trace(format_args!("→ {method} {url}"));
            let mut request = self
                .http
                .request(method.clone(), url.clone())
                .header(AUTHORIZATION, self.auth.clone());
            if let Some(body) = &body {
                request = request
                    .header(CONTENT_TYPE, "application/json")
                    .body(body.clone());
            }
            let started = Instant::now();
            let outcome = match request.send().await {
                Ok(response) => {
                    let status = response.status();
                    let headers = response.headers().clone();
                    match read_capped(response).await {
                        Ok(Some(bytes)) => Ok((status, headers, bytes)),
                        Ok(None) => {
                            return Err(ApiError::Decode {
                                url: display_url(&url),
                                reason: format!(
                                    "the answer is larger than {} MiB, far more than Studio ever sends; lpwh stopped reading it",
                                    MAX_ANSWER_BYTES >> 20
                                ),
                            });
                        }
                        Err(e) => Err(e),
                    }
                }
                Err(e) => Err(e),
            };
            let took = started.elapsed().as_millis();

            let (last, hinted, why) = match outcome {
                Ok((status, headers, body)) => {
                    let code = status.as_u16();
                    self.trace(format_args!(
                        "← {} {} in {took} ms",
                        code,
                        status.canonical_reason().unwrap_or("")
                    ));
                    let retry = match code {
                        // 503 may carry Retry-After too (maintenance windows).
                        429 | 503 if idempotent => {
                            Retryable::After(retry_after(&headers, &self.retry))
                        }
                        502 | 504 if idempotent => Retryable::After(None),
                        // A 500 on a read is usually a passing fault behind the gateway. Not
                        // on writes: Studio answers 500 for a bulk delete of unknown ids, every time.
                        500 if method == Method::GET => Retryable::After(None),
                        _ => Retryable::No,
                    };
                    let answer = Answer {
                        status: code,
                        headers,
                        body,
                        url: url.clone(),
                        method: method.clone(),
                        attempts: attempt,
                        after_lost_answer,
                    };
                    match retry {
                        Retryable::After(wait) if attempt < self.retry.max_attempts => (
                            Last::Answer(answer),
                            wait,
                            format!("{code} {}", reason(code)),
                        ),
                        _ => return Ok(answer),
                    }
                }
                Err(e) => {
                    let reason = describe(&e, self.opts.timeout);
                    self.trace(format_args!("← {reason} after {took} ms"));
                    let error = ApiError::Transport {
                        url: display_url(&url),
                        reason: reason.clone(),
                    };
                    // A POST that may have reached Studio must not be sent twice.
                    let may_retry = !e.is_timeout() && (idempotent || e.is_connect());
                    if !may_retry || attempt >= self.retry.max_attempts {
                        return Err(error);
                    }
                    if !e.is_connect() {
                        after_lost_answer = true;
                    }
                    (Last::Error(error), None, reason)
                }
            };

            let wait = hinted.unwrap_or_else(|| self.retry.backoff(attempt));
            if waited + wait > self.retry.max_total_wait {
                // Waiting longer than the budget: report the last outcome now.
                return match last {
                    Last::Answer(answer) => Ok(answer),
                    Last::Error(error) => Err(error),
                };
            }
            if let Last::Answer(answer) = &last
                && matches!(answer.status, 502 | 504)
            {
                after_lost_answer = true;
            }
            self.trace(format_args!(
                "  retrying in {:.1} s after {why} (attempt {} of {})",
                wait.as_secs_f64(),
                attempt + 1,
                self.retry.max_attempts
            ));
            tokio::time::sleep(wait).await;
            waited += wait;
        }
    }

    /// A `-v` line on stderr. Only methods, URLs, statuses and timings: never the key.
    fn trace(&self, line: std::fmt::Arguments<'_>) {
        if self.opts.verbose {
            eprintln!("{}", Paint(self.opts.color).dim(line));
        }
    }
}

/// The largest answer read from the API. Studio's biggest, a page of 1,000 webhooks or logs,
/// is a few MiB; a server sending more is broken or hostile, and is not buffered.
pub(crate) const MAX_ANSWER_BYTES: usize = 64 << 20;

/// The whole body, or `None` once it passes [`MAX_ANSWER_BYTES`] (checked against
/// `Content-Length` first, then while reading).
async fn read_capped(mut response: reqwest::Response) -> Result<Option<Bytes>, reqwest::Error> {
    if response
        .content_length()
        .is_some_and(|n| n > MAX_ANSWER_BYTES as u64)
    {
        return Ok(None);
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await? {
        if body.len() + chunk.len() > MAX_ANSWER_BYTES {
            return Ok(None);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Some(Bytes::from(body)))
}

/// `Retry-After` (seconds, or an HTTP date), capped; `None` (use the backoff) when absent or
/// unreadable.
fn retry_after(headers: &HeaderMap, policy: &RetryPolicy) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    let wait = match value.parse::<u64>() {
        Ok(secs) => Duration::from_secs(secs),
        Err(_) => {
            static PARSER: DateTimeParser = DateTimeParser::new();
            let at = PARSER.parse_timestamp(value).ok()?;
            let ms = at
                .as_millisecond()
                .saturating_sub(Timestamp::now().as_millisecond());
            Duration::from_millis(u64::try_from(ms).unwrap_or(0))
        }
    };
    Some(wait.min(policy.max_retry_after))
}

/// Why a request got no answer, in words (never the URL's query or any header).
fn describe(e: &reqwest::Error, timeout: Duration) -> String {
    if e.is_timeout() {
        return format!("timed out after {} s", trim_secs(timeout));
    }
    let mut innermost: &dyn std::error::Error = e;
    let mut chain = Vec::new();
    while let Some(source) = innermost.source() {
        chain.push(source.to_string());
        innermost = source;
    }
    let io_kind = {
        let mut found = None;
        let mut cur: Option<&dyn std::error::Error> = Some(e);
        while let Some(err) = cur {
            if let Some(io) = err.downcast_ref::<std::io::Error>() {
                found = Some(io.kind());
            }
            cur = err.source();
        }
        found
    };
    let all = chain.join(": ").to_ascii_lowercase();
    if io_kind == Some(std::io::ErrorKind::ConnectionRefused) || all.contains("connection refused")
    {
        "connection refused".to_owned()
    } else if all.contains("dns")
        || all.contains("failed to lookup")
        || all.contains("name or service")
    {
        format!("DNS lookup failed ({})", innermost)
    } else if all.contains("certificate") || all.contains("tls") || all.contains("handshake") {
        format!("TLS error: {innermost}")
    } else if e.is_connect() {
        format!("connection failed: {innermost}")
    } else {
        format!("connection lost before an answer: {innermost}")
    }
}

fn trim_secs(d: Duration) -> String {
    let secs = d.as_secs_f64();
    if secs.fract() == 0.0 {
        format!("{secs:.0}")
    } else {
        format!("{secs}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn backoff_doubles_with_jitter_and_is_capped() {
        let policy = RetryPolicy {
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(350),
            ..RetryPolicy::default()
        };
        for _ in 0..50 {
            let first = policy.backoff(1);
            assert!(first >= Duration::from_millis(50) && first <= Duration::from_millis(100));
            let second = policy.backoff(2);
            assert!(second >= Duration::from_millis(100) && second <= Duration::from_millis(200));
            let capped = policy.backoff(10);
            assert!(capped <= Duration::from_millis(350) && capped >= Duration::from_millis(175));
        }
    }

    #[test]
    fn retry_after_is_read_as_seconds_or_a_date_and_capped() {
        let policy = RetryPolicy::default();
        let mut headers = HeaderMap::new();
        assert_eq!(retry_after(&headers, &policy), None);
        headers.insert(RETRY_AFTER, HeaderValue::from_static("3"));
        assert_eq!(retry_after(&headers, &policy), Some(Duration::from_secs(3)));
        headers.insert(RETRY_AFTER, HeaderValue::from_static("86400"));
        assert_eq!(retry_after(&headers, &policy), Some(policy.max_retry_after));
        headers.insert(
            RETRY_AFTER,
            HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"),
        );
        // A date in the past: retry at once; in the future: wait until then (capped).
        assert_eq!(retry_after(&headers, &policy), Some(Duration::ZERO));
        let soon = jiff::fmt::rfc2822::DateTimePrinter::new()
            .timestamp_to_rfc9110_string(&(Timestamp::now() + jiff::SignedDuration::from_secs(10)))
            .unwrap();
        headers.insert(RETRY_AFTER, HeaderValue::from_str(&soon).unwrap());
        let wait = retry_after(&headers, &policy).unwrap();
        assert!(
            wait > Duration::from_secs(8) && wait <= Duration::from_secs(10),
            "{wait:?}"
        );
        headers.insert(RETRY_AFTER, HeaderValue::from_static("soon-ish"));
        assert_eq!(retry_after(&headers, &policy), None);
    }
}
