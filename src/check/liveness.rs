//! Is the receiver there? Asked without giving it anything to act on.
//!
//! - Before the first case, [`reachable`]: a TCP connect. (A valid delivery sent "just to see"
//!   would be acted on by the receiver, and graded by nobody.)
//! - After every case, [`alive`]: up to 5 TCP connects over about a second, since a busy
//!   receiver may be slow to accept. Two must succeed, a moment apart: a process that is exiting
//!   may still take one. Behind a proxy or a tunnel a connect always succeeds (the proxy takes
//!   it), so for a host that is not loopback an unsigned request follows, which the receiver
//!   must refuse: a 502, 503 or 504, or no answer, means the receiver behind it is down.

use std::time::Duration;

use crate::error::Failure;

/// Connects tried by [`alive`], the pause between them, and how many must succeed.
const CONNECTS: usize = 5;
const PAUSE: Duration = Duration::from_millis(25);
const NEEDED: usize = 2;
/// After a failed connect, wait longer: the receiver may be busy.
const PAUSE_AFTER_FAILURE: Duration = Duration::from_millis(250);

/// A TCP connection to the URL's host and port can be made; else the error that ends the run.
pub(super) async fn reachable(url: &url::Url, timeout: Duration) -> anyhow::Result<()> {
    match connect(url, timeout).await {
        Ok(()) => Ok(()),
        Err(why) => Err(Failure::failure(format!(
            "cannot reach {}: {why}",
            crate::redacted::url_without_secrets(url.as_str())
        ))
        .hint("start the receiver first, and check the URL (scheme, host, port and path)")
        .into()),
    }
}

/// Whether the receiver still takes connections (and, behind a proxy, still answers).
pub(super) async fn alive(url: &url::Url, timeout: Duration) -> bool {
    let mut connected = 0;
    for _ in 0..CONNECTS {
        if connect(url, Duration::from_secs(1)).await.is_ok() {
            connected += 1;
            if connected == NEEDED {
                break;
            }
            tokio::time::sleep(PAUSE).await;
        } else {
            tokio::time::sleep(PAUSE_AFTER_FAILURE).await;
        }
    }
    if connected < NEEDED {
        return false;
    }
    if is_loopback(url) {
        return true;
    }
    answers_behind_a_proxy(url, timeout).await
}

/// An unsigned request, which the receiver must refuse: any answer but 502, 503 or 504 (a
/// proxy's "nothing behind me") means something is there.
async fn answers_behind_a_proxy(url: &url::Url, timeout: Duration) -> bool {
    let Ok(client) = crate::http_client::builder()
        .timeout(timeout)
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .build()
    else {
        return false;
    };
    let sent = client
        .post(url.clone())
        .header("content-type", "application/json")
        .header(super::CASE_HEADER, "liveness")
        .body("{}")
        .send()
        .await;
    match sent {
        Ok(answer) => !matches!(answer.status().as_u16(), 502..=504),
        Err(_) => false,
    }
}

fn is_loopback(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// One TCP connect to the URL's host and port, within `limit`.
async fn connect(url: &url::Url, limit: Duration) -> Result<(), String> {
    let host = url.host_str().ok_or("the URL has no host")?;
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let port = url.port_or_known_default().ok_or("the URL has no port")?;
    match tokio::time::timeout(limit, tokio::net::TcpStream::connect((host, port))).await {
        Ok(Ok(_)) => Ok(()),
        Ok(Err(err)) if err.kind() == std::io::ErrorKind::ConnectionRefused => {
            Err("connection refused".to_owned())
        }
        Ok(Err(err)) => Err(err.to_string()),
        Err(_) => Err(format!(
            "no connection within {}",
            crate::humane::Duration::of(limit)
        )),
    }
}
