//! Checking and preparing what a webhook is made of before it is sent to Studio: event lists,
//! URLs (Studio's rule, and a warning for hosts Studio cannot reach), and generated secrets.

use std::net::IpAddr;

use anyhow::Result;

use crate::error::usage;
use crate::events;
use crate::output::{Out, sanitize};

/// `--events a,b --events c` (clap already split on commas): trimmed, empties dropped,
/// duplicates removed, first-seen order kept.
pub fn normalize_events(raw: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in raw.iter().flat_map(|r| r.split(',')) {
        let name = name.trim();
        if !name.is_empty() && !out.iter().any(|e| e == name) {
            out.push(name.to_owned());
        }
    }
    out
}

/// Exit 2 with "did you mean" for names Studio would reject, unless the user opted out.
pub fn check_events(names: &[String], allow_unknown: bool) -> Result<()> {
    if allow_unknown {
        return Ok(());
    }
    events::check_livepeer_events(names).map_err(|problems| {
        usage(sanitize(&problems).into_owned())
            .hint("'lpwh event-types' lists every event; --allow-unknown-events skips this check")
            .into()
    })
}

/// For filters (`--event`): an unknown name is not an error (it may be newer than this lpwh),
/// but a typo would silently match nothing, so say so.
pub fn warn_unknown_event(out: &Out, name: &str) {
    if let Err(problem) = events::check_livepeer_events(&[name.to_owned()]) {
        out.warn(format!("{}; nothing may match", sanitize(&problem)));
    }
}

/// A fresh signing secret: 32 random bytes from the OS-seeded CSPRNG, hex-encoded (64 chars).
pub fn generate_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::fill(&mut bytes);
    hex::encode(bytes)
}

/// Studio's own rule for a webhook URL: matches `^http(s)?://` and parses with a host.
pub fn validate_url(input: &str) -> Result<(), String> {
    if !(input.starts_with("http://") || input.starts_with("https://")) {
        return Err("the URL must start with http:// or https://".to_owned());
    }
    let parsed = url::Url::parse(input).map_err(|e| format!("not a valid URL: {e}"))?;
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err("the URL has no host".to_owned());
    }
    Ok(())
}

/// [`validate_url`] as a usage error naming the flag.
pub fn check_url(input: &str) -> Result<()> {
    validate_url(input).map_err(|why| {
        usage(format!("--url '{}': {why}", sanitize(input)))
            .hint("for example --url https://example.com/webhooks/livepeer")
            .into()
    })
}

/// The host of `url` when Studio would refuse to deliver there (loopback, private, link-local).
pub fn unreachable_host(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url).ok()?;
    let host = parsed.host()?;
    let local = match &host {
        url::Host::Domain(d) => {
            let d = d.to_ascii_lowercase();
            d == "localhost" || d.ends_with(".localhost") || d.ends_with(".local")
        }
        url::Host::Ipv4(ip) => is_private_ip(IpAddr::V4(*ip)),
        url::Host::Ipv6(ip) => is_private_ip(IpAddr::V6(*ip)),
    };
    local.then(|| host.to_string())
}

fn is_private_ip(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                // 100.64.0.0/10, carrier-grade NAT (tailscale and friends): not reachable either.
                || (v4.octets()[0] == 100 && (v4.octets()[1] & 0xc0) == 64)
        }
        IpAddr::V6(v6) => {
            let first = v6.segments()[0];
            v6.is_loopback()
                || v6.is_unspecified()
                || (first & 0xfe00) == 0xfc00 // unique local
                || (first & 0xffc0) == 0xfe80 // link local
                || v6.to_ipv4_mapped().is_some_and(|v4| is_private_ip(IpAddr::V4(v4)))
        }
    }
}

/// Studio silently skips loopback and private URLs: say so before the user waits for nothing.
///
/// Webhooks an admin owns are exempt (studio-api.md, "Local addresses"), so for a local URL,
/// and only then, the key is asked whose it is (`GET /user/me`). `owner` is the webhook's
/// `userId` when known (an update); `None` means the caller's own (a create). When the question
/// cannot be answered the warning stays, saying the exemption.
pub async fn warn_if_unreachable(
    out: &Out,
    api: &crate::api::Client,
    url: &str,
    owner: Option<&str>,
) {
    let Some(host) = unreachable_host(url) else {
        return;
    };
    let host = sanitize(&host);
    match api.me().await {
        Ok(me) if me.admin && owner.is_none_or(|o| o == me.id) => out.info(format!(
            "note: {host} is a local or private address; Studio delivers there only because \
             an admin's account owns this webhook"
        )),
        answer => {
            let unless = if answer.is_err() {
                " (unless an admin's account owns it)"
            } else {
                ""
            };
            out.warn(format!(
                "Studio does not deliver to local or private addresses ({host}), so this webhook \
                 will never fire{unless}"
            ));
            out.info(
                "hint: expose your receiver through a tunnel (ngrok, cloudflared) and use its public URL, \
                 or run 'lpwh listen --public-url URL'",
            );
        }
    }
}

/// Print a secret the user must copy now, because it is shown unmasked only this once.
/// `title` is e.g. "Generated signing secret".
pub fn announce_secret(out: &Out, secret: &str, title: &str) {
    let paint = out.paint_err();
    eprintln!(
        "{} (shown only this once; store it now, e.g. as LPWH_WEBHOOK_SECRET for 'lpwh listen'):",
        paint.bold(title)
    );
    eprintln!("  {}", paint.yellow(secret));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_lists_are_split_trimmed_and_deduplicated() {
        let raw = vec![
            "stream.started, stream.idle".to_owned(),
            "asset.ready".to_owned(),
            "stream.idle".to_owned(),
            "".to_owned(),
        ];
        assert_eq!(
            normalize_events(&raw),
            ["stream.started", "stream.idle", "asset.ready"]
        );
    }

    #[test]
    fn urls_follow_studios_rule() {
        assert!(validate_url("https://example.com/hook").is_ok());
        assert!(validate_url("http://1.2.3.4:8080").is_ok());
        assert!(validate_url("ftp://example.com").is_err());
        assert!(validate_url("example.com/hook").is_err());
        assert!(validate_url("https://").is_err());
        assert!(validate_url("HTTPS://example.com").is_err());
    }

    #[test]
    fn local_and_private_hosts_are_recognised() {
        for url in [
            "http://localhost:3000/x",
            "http://127.0.0.1/",
            "http://10.1.2.3/",
            "http://192.168.0.10/",
            "http://172.16.5.5/",
            "http://[::1]:3000/",
            "http://[fd00::1]/",
            "http://printer.local/",
            "http://100.100.1.1/",
        ] {
            assert!(unreachable_host(url).is_some(), "{url}");
        }
        for url in [
            "https://example.com/",
            "http://8.8.8.8/",
            "http://172.32.0.1/",
        ] {
            assert!(unreachable_host(url).is_none(), "{url}");
        }
    }

    #[test]
    fn generated_secrets_are_long_and_fresh() {
        let a = generate_secret();
        let b = generate_secret();
        assert_eq!(a.len(), 64);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }
}
