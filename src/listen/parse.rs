//! Parsing `listen --forward-to [EVENT_GLOB=]URL`. Errors are phrased for clap to show next to
//! the flag; durations and sizes are `crate::humane`.

use crate::listen::forward::Target;

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
