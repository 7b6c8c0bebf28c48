//! Parsers for `listen`'s humane flag values (durations, sizes, forward targets) and the event
//! glob matcher they share. Errors are phrased for clap to show next to the flag.

use std::time::Duration;

use crate::listen::forward::Target;

/// `300s`, `5m`, `1h`, `250ms`, `1m30s`, or a bare number of seconds (`300`): the same grammar
/// as `verify --tolerance` ([`crate::signature::parse_duration`]).
pub fn duration(text: &str) -> Result<Duration, String> {
    crate::signature::parse_duration(text)
}

/// `1MiB`, `512KiB`, `2MB`, `64k`, or a bare byte count.
pub fn size(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let bad = || format!("'{text}' is not a size: use e.g. 1MiB, 512KiB, 2MB or 100000");
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let number: f64 = t[..split].parse().map_err(|_| bad())?;
    let scale: u64 = match t[split..].trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" => 1_000,
        "kib" => 1 << 10,
        "m" | "mb" => 1_000_000,
        "mib" => 1 << 20,
        "g" | "gb" => 1_000_000_000,
        "gib" => 1 << 30,
        _ => return Err(bad()),
    };
    let bytes = number * scale as f64;
    if !(bytes.is_finite() && bytes >= 1.0 && bytes <= u64::MAX as f64) {
        return Err(bad());
    }
    Ok(bytes as u64)
}

/// `URL` or `EVENT_GLOB=URL`. The URL must be http(s); the glob may not contain `=`.
pub fn forward_target(text: &str) -> Result<Target, String> {
    // A URL may itself contain '=' (in its query), so only a prefix before "http" is a glob.
    let (glob, url) = match text.find("=http") {
        Some(at) if !text[..at].contains("://") => (Some(&text[..at]), &text[at + 1..]),
        _ => (None, text),
    };
    let parsed = url::Url::parse(url).map_err(|e| {
        format!("'{url}' is not a URL ({e}): use http://host:port/path or EVENT_GLOB=URL")
    })?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(format!("'{url}' must start with http:// or https://"));
    }
    if let Some(g) = glob
        && g.trim().is_empty()
    {
        return Err(format!(
            "'{text}': the event glob before '=' is empty (e.g. 'stream.*=URL')"
        ));
    }
    Ok(Target {
        glob: glob.map(|g| g.trim().to_owned()),
        url: parsed,
    })
}

/// Shell-style match of an event name against a glob where `*` matches any run of characters
/// (including dots, so `*` alone and `asset.*` behave as people expect) and `?` one character.
pub fn glob_match(glob: &str, name: &str) -> bool {
    let (g, n): (Vec<char>, Vec<char>) = (glob.chars().collect(), name.chars().collect());
    // Iterative wildcard matching with one backtrack point: linear in practice, no recursion.
    let (mut gi, mut ni) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ni < n.len() {
        if gi < g.len() && (g[gi] == '?' || g[gi] == n[ni]) {
            gi += 1;
            ni += 1;
        } else if gi < g.len() && g[gi] == '*' {
            star = Some((gi, ni));
            gi += 1;
        } else if let Some((sg, sn)) = star {
            gi = sg + 1;
            ni = sn + 1;
            star = Some((sg, sn + 1));
        } else {
            return false;
        }
    }
    g[gi..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_accept_units_and_bare_seconds() {
        assert_eq!(duration("300s").unwrap(), Duration::from_secs(300));
        assert_eq!(duration("5m").unwrap(), Duration::from_secs(300));
        assert_eq!(duration("1m30s").unwrap(), Duration::from_secs(90));
        assert_eq!(duration("250ms").unwrap(), Duration::from_millis(250));
        assert_eq!(duration("2").unwrap(), Duration::from_secs(2));
        assert_eq!(duration("1h").unwrap(), Duration::from_secs(3600));
        for bad in ["", "5x", "m", "-3", "1m30", "s5"] {
            assert!(duration(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn sizes_know_binary_and_decimal_units() {
        assert_eq!(size("1MiB").unwrap(), 1_048_576);
        assert_eq!(size("512KiB").unwrap(), 524_288);
        assert_eq!(size("2MB").unwrap(), 2_000_000);
        assert_eq!(size("100000").unwrap(), 100_000);
        for bad in ["", "0", "1XB", "lots"] {
            assert!(size(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn forward_targets_split_glob_and_url() {
        let t = forward_target("stream.*=http://localhost:4000/streams").unwrap();
        assert_eq!(t.glob.as_deref(), Some("stream.*"));
        assert_eq!(t.url.as_str(), "http://localhost:4000/streams");
        let t = forward_target("http://localhost:4000/hook?a=http://x").unwrap();
        assert_eq!(t.glob, None);
        assert_eq!(t.url.as_str(), "http://localhost:4000/hook?a=http://x");
        assert!(forward_target("ftp://x").is_err());
        assert!(forward_target("=http://x").is_err());
        assert!(forward_target("localhost:4000").is_err());
    }

    #[test]
    fn globs_match_event_names() {
        assert!(glob_match("stream.*", "stream.started"));
        assert!(!glob_match("stream.*", "recording.started"));
        assert!(glob_match("*", "asset.ready"));
        assert!(glob_match("*.ready", "recording.ready"));
        assert!(glob_match("task.?pdated", "task.updated"));
        assert!(glob_match("asset.ready", "asset.ready"));
        assert!(!glob_match("asset.ready", "asset.ready2"));
        assert!(glob_match("video.*.ready", "video.media.track.ready"));
    }
}
