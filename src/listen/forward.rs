//! Forwarding valid deliveries to the user's own app: the raw body and the original headers
//! (signature intact, so the app verifies exactly what Studio sent), to every matching target.

use std::time::{Duration, Instant};

use bytes::Bytes;

use crate::delivery::Outcome;
use crate::events::glob_match;
use crate::redacted::url_without_secrets;

/// A `--forward-to` target: every event, or only those matching `glob`.
#[derive(Debug, Clone)]
pub struct Target {
    pub glob: Option<String>,
    pub url: url::Url,
}

impl Target {
    pub fn matches(&self, event: Option<&str>) -> bool {
        match (&self.glob, event) {
            (None, _) => true,
            (Some(glob), Some(event)) => glob_match(glob, event),
            // A body without an event name only goes to catch-all targets.
            (Some(_), None) => false,
        }
    }
}

/// The most of a target's answer relayed back to the sender (Studio keeps only 1 KiB of it).
const MAX_RELAYED_BODY: usize = 64 * 1024;

/// Headers that describe one hop, not the message (RFC 9110 §7.6.1), plus those the HTTP client
/// sets itself for the new connection.
const NOT_FORWARDED: &[&str] = &[
    "connection",
    "keep-alive",
    "proxy-connection",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "host",
    "content-length",
    "expect",
];

/// Sends deliveries to the `--forward-to` targets.
#[derive(Debug, Clone)]
pub struct Forwarder {
    targets: Vec<Target>,
    client: reqwest::Client,
}

impl Forwarder {
    pub fn new(targets: Vec<Target>, timeout: Duration) -> anyhow::Result<Forwarder> {
        let client = crate::http_client::builder()
            .timeout(timeout)
            // Show the target's real answer; following a redirect would turn the POST into a GET.
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("lpwh-listen/", env!("CARGO_PKG_VERSION")))
            .build()?;
        Ok(Forwarder { targets, client })
    }

    pub fn is_empty(&self) -> bool {
        self.targets.is_empty()
    }

    pub fn targets(&self) -> &[Target] {
        &self.targets
    }

    /// Whether any target wants this event.
    pub fn wants(&self, event: Option<&str>) -> bool {
        self.targets.iter().any(|t| t.matches(event))
    }

    /// POST to every matching target at once; outcomes in target order (the first decides the
    /// sender's answer).
    pub async fn send(
        &self,
        event: Option<&str>,
        headers: &http::HeaderMap,
        body: &Bytes,
    ) -> Vec<Outcome> {
        let mut forwarded = http::HeaderMap::with_capacity(headers.len());
        for (name, value) in headers {
            if !is_hop_header(name, headers) {
                forwarded.append(name.clone(), value.clone());
            }
        }
        let mut tasks = tokio::task::JoinSet::new();
        for (index, target) in self.targets.iter().enumerate() {
            if !target.matches(event) {
                continue;
            }
            let request = self
                .client
                .post(target.url.clone())
                .headers(forwarded.clone())
                .body(body.clone());
            let raw = target.url.to_string();
            tasks.spawn(async move { (index, send_one(raw, request).await) });
        }
        let mut outcomes: Vec<(usize, Outcome)> = tasks.join_all().await;
        outcomes.sort_by_key(|(i, _)| *i);
        outcomes.into_iter().map(|(_, o)| o).collect()
    }
}

/// Hop-by-hop headers, including any the sender listed in its own `Connection` header.
fn is_hop_header(name: &http::HeaderName, all: &http::HeaderMap) -> bool {
    let n = name.as_str();
    NOT_FORWARDED.contains(&n)
        || all
            .get_all(http::header::CONNECTION)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .any(|listed| listed.trim().eq_ignore_ascii_case(n))
}

/// Forward one delivery. The outcome names the target without its credentials or query values
/// (it is printed, written as JSON and recorded), and so do its error texts.
async fn send_one(raw: String, request: reqwest::RequestBuilder) -> Outcome {
    let url = url_without_secrets(&raw);
    let shown = url.clone();
    let describe = |err: &reqwest::Error| describe(err).replace(&raw, &shown);
    let started = Instant::now();
    let elapsed = |s: Instant| s.elapsed().as_millis() as u64;
    match request.send().await {
        Ok(mut response) => {
            let status = response.status().as_u16();
            let content_type = response.headers().get(http::header::CONTENT_TYPE).cloned();
            let mut body = Vec::new();
            let mut error = None;
            loop {
                match response.chunk().await {
                    Ok(Some(chunk)) => {
                        let room = MAX_RELAYED_BODY.saturating_sub(body.len());
                        body.extend_from_slice(&chunk[..chunk.len().min(room)]);
                        if room <= chunk.len() {
                            break;
                        }
                    }
                    Ok(None) => break,
                    Err(err) => {
                        error = Some(format!("reading the answer: {}", describe(&err)));
                        break;
                    }
                }
            }
            Outcome {
                url,
                status: Some(status),
                latency_ms: elapsed(started),
                error,
                body: Bytes::from(body),
                content_type,
            }
        }
        Err(err) => Outcome {
            url,
            status: None,
            latency_ms: elapsed(started),
            error: Some(describe(&err)),
            body: Bytes::new(),
            content_type: None,
        },
    }
}

/// A short, specific reason: "connection refused" reads better than reqwest's nested chain.
fn describe(err: &reqwest::Error) -> String {
    if err.is_timeout() {
        return "timed out".into();
    }
    let mut deepest = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        deepest = s.to_string();
        source = s.source();
    }
    if err.is_connect() {
        format!("cannot connect: {deepest}")
    } else {
        deepest
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_route_by_glob() {
        let all = Target {
            glob: None,
            url: "http://a/".parse().unwrap(),
        };
        let streams = Target {
            glob: Some("stream.*".into()),
            url: "http://b/".parse().unwrap(),
        };
        assert!(all.matches(Some("asset.ready")) && all.matches(None));
        assert!(streams.matches(Some("stream.idle")));
        assert!(!streams.matches(Some("asset.ready")) && !streams.matches(None));
    }

    #[test]
    fn hop_by_hop_headers_are_dropped() {
        let mut h = http::HeaderMap::new();
        h.insert("connection", "keep-alive, x-private".parse().unwrap());
        h.insert("x-private", "1".parse().unwrap());
        h.insert("livepeer-signature", "t=1,v1=ab".parse().unwrap());
        h.insert("host", "localhost".parse().unwrap());
        let kept: Vec<_> = h
            .keys()
            .filter(|n| !is_hop_header(n, &h))
            .map(|n| n.as_str())
            .collect();
        assert_eq!(kept, ["livepeer-signature"]);
    }
}
