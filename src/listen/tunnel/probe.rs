//! The end-to-end probe: one signed delivery sent to the public URL with an `x-lpwh-probe:
//! <nonce>` header, which the listener recognises, answers 200 and keeps out of everything else
//! (printing, the inbox, forwarding, `--until`/`--count`). A header with any other value is an
//! ordinary request.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use tokio::sync::oneshot;

use crate::redacted::Secret;
use crate::signature::{self, Scheme};

/// The probe header.
pub const HEADER: &str = "x-lpwh-probe";

/// How long a probe may take, there and back.
pub const PROBE_TIMEOUT: Duration = Duration::from_secs(15);

/// The nonce the listener is waiting for, if any, and who to tell when it arrives.
#[derive(Debug, Default)]
pub struct Slot(Mutex<Option<(String, oneshot::Sender<()>)>>);

impl Slot {
    /// Wait for a fresh nonce: it, and what fires when a request carries it.
    pub fn arm(&self) -> (String, oneshot::Receiver<()>) {
        let mut bytes = [0u8; 16];
        rand::fill(&mut bytes[..]);
        let nonce = hex::encode(bytes);
        let (tx, rx) = oneshot::channel();
        if let Ok(mut slot) = self.0.lock() {
            *slot = Some((nonce.clone(), tx));
        }
        (nonce, rx)
    }

    /// Whether `value` is the nonce being waited for; it is then used up.
    pub fn hit(&self, value: &[u8]) -> bool {
        let Ok(mut slot) = self.0.lock() else {
            return false;
        };
        match slot.as_ref() {
            Some((nonce, _)) if nonce.as_bytes() == value => {
                if let Some((_, tx)) = slot.take() {
                    let _ = tx.send(());
                }
                true
            }
            _ => false,
        }
    }
}

/// Send the probe to `url` and wait for the listener to see it: how long that took, or what
/// went wrong, in words (DNS, TLS, connection, the tunnel edge's status, a timeout).
pub async fn send(url: &str, secret: &Secret, slot: &Slot) -> Result<Duration, String> {
    let (nonce, arrived) = slot.arm();
    let now = crate::humane::now_ms();
    let body = format!(
        r#"{{"id":"lpwh-probe-{nonce}","event":"lpwh.probe","timestamp":{now},"payload":{{}}}}"#
    );
    let signed = signature::sign(Scheme::Livepeer, secret, body.as_bytes(), now, None)
        .map_err(|e| format!("cannot sign the probe: {e}"))?;
    let client = crate::http_client::builder()
        .timeout(PROBE_TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| format!("cannot make an HTTP client: {e}"))?;
    let mut request = client
        .post(url)
        .header("content-type", "application/json")
        .header("user-agent", "lpwh probe")
        .header(HEADER, &nonce)
        .body(body);
    for (name, value) in signed {
        request = request.header(name, value);
    }
    let started = Instant::now();
    let answer = request.send().await;
    let mut arrived = arrived;
    let seen = |arrived: &mut oneshot::Receiver<()>| arrived.try_recv().is_ok();
    match answer {
        Ok(answer) if seen(&mut arrived) && answer.status().is_success() => Ok(started.elapsed()),
        Ok(answer) => {
            let status = answer.status();
            let text = answer.text().await.unwrap_or_default();
            let snippet: String = text.chars().take(120).collect();
            let snippet = crate::output::sanitize(snippet.trim()).into_owned();
            Err(if seen(&mut arrived) {
                format!("the probe reached lpwh, but the tunnel answered {status}")
            } else {
                format!(
                    "the tunnel's edge answered {status} and the probe never reached lpwh{}",
                    if snippet.is_empty() {
                        String::new()
                    } else {
                        format!(" ({snippet})")
                    }
                )
            })
        }
        Err(err) => Err(describe(err)),
    }
}

/// A request error in the words the probe warning uses.
fn describe(err: reqwest::Error) -> String {
    let mut chain = String::new();
    let mut source: Option<&dyn std::error::Error> = Some(&err);
    while let Some(e) = source {
        chain.push_str(&e.to_string().to_ascii_lowercase());
        chain.push(' ');
        source = e.source();
    }
    let what = if err.is_timeout() {
        format!(
            "no answer within {}",
            crate::humane::Duration::of(PROBE_TIMEOUT)
        )
    } else if chain.contains("dns") || chain.contains("lookup") || chain.contains("resolve") {
        "DNS: the tunnel's host name does not resolve (yet)".to_owned()
    } else if chain.contains("certificate") || chain.contains("tls") || chain.contains("handshake")
    {
        "TLS: the tunnel's certificate was not accepted".to_owned()
    } else if err.is_connect() {
        "connection: the tunnel's public address refused or dropped the connection".to_owned()
    } else {
        "the request failed".to_owned()
    };
    let detail = crate::redacted::url_without_secrets(&err.without_url().to_string());
    format!("{what} ({})", crate::output::sanitize(&detail))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_armed_nonce_hits_and_only_once() {
        let slot = Slot::default();
        assert!(!slot.hit(b"anything"), "nothing armed");
        let (nonce, mut arrived) = slot.arm();
        assert!(!slot.hit(b"another"));
        assert!(arrived.try_recv().is_err());
        assert!(slot.hit(nonce.as_bytes()));
        assert!(arrived.try_recv().is_ok());
        assert!(!slot.hit(nonce.as_bytes()), "used up");
        assert_eq!(nonce.len(), 32);
    }
}
