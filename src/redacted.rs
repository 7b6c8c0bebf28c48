//! A wrapper for secrets (API keys, webhook secrets) whose `Debug` and `Display` never show the value.

use std::fmt;

/// A secret string. Read it with [`Secret::expose`] only where the raw value is needed
/// (an `Authorization` header, an HMAC key, the keyring). Formatting prints `(redacted)`.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The first four characters and an ellipsis, for tables that show a secret exists.
    pub fn masked(&self) -> String {
        mask(&self.0)
    }
}

/// A URL fit to show: a user name and password become `…`, and each query value becomes `…`
/// (names kept), since either may be a credential (`https://user:pass@host/hook?token=…`).
/// Text that does not parse as a URL has anything between `://` and an `@` in its authority
/// removed the same way.
pub fn url_without_secrets(text: &str) -> String {
    if let Ok(mut url) = url::Url::parse(text.trim()) {
        if !url.username().is_empty() || url.password().is_some() {
            let _ = url.set_username("…");
            let _ = url.set_password(None);
        }
        if url.query().is_some() {
            let names: Vec<String> = url.query_pairs().map(|(k, _)| k.into_owned()).collect();
            url.query_pairs_mut()
                .clear()
                .extend_pairs(names.iter().map(|k| (k.as_str(), "…")));
        }
        // The mark is for people: shown as `…`, not as the URL's `%E2%80%A6`.
        return url.to_string().replace("%E2%80%A6", "…");
    }
    match text.split_once("://") {
        Some((scheme, rest)) => {
            let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
            match rest[..authority_end].rfind('@') {
                Some(at) => format!("{scheme}://…@{}", &rest[at + 1..]),
                None => text.to_owned(),
            }
        }
        None => text.to_owned(),
    }
}

/// Mask any secret-like text: `abcd…`; short values are masked entirely.
pub fn mask(value: &str) -> String {
    if value.chars().count() <= 8 {
        "…".to_string()
    } else {
        let head: String = value.chars().take(4).collect();
        format!("{head}…")
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("(redacted)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("(redacted)")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_owned())
    }
}

/// Clap's parser for a webhook secret flag (`--secret`, `LPWH_WEBHOOK_SECRET`): an empty value
/// is refused. It would otherwise read as "no secret" and turn verification off without a word;
/// unsigned mode is only for runs given no secret at all.
pub fn non_empty_secret(value: &str) -> Result<Secret, String> {
    if value.is_empty() {
        return Err(
            "the webhook secret is empty; give the webhook's sharedSecret, \
                    or no --secret and no LPWH_WEBHOOK_SECRET at all to go without one"
                .to_owned(),
        );
    }
    Ok(Secret(value.to_owned()))
}

impl std::str::FromStr for Secret {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Secret(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formatting_never_shows_the_value() {
        let s = Secret::new("sk_live_very_secret_value");
        assert_eq!(format!("{s:?}"), "(redacted)");
        assert_eq!(format!("{s}"), "(redacted)");
        assert_eq!(format!("{:?}", Some(&s)), "Some((redacted))");
        assert_eq!(s.expose(), "sk_live_very_secret_value");
    }

    #[test]
    fn masking_keeps_only_a_short_prefix() {
        assert_eq!(mask("abcdefghijklmnop"), "abcd…");
        assert_eq!(mask("short"), "…");
    }

    #[test]
    fn urls_lose_their_credentials_and_query_values() {
        let shown = url_without_secrets("http://user:pa55word@127.0.0.1:4000/hook?token=t0k3n&x=1");
        assert!(
            !shown.contains("pa55word") && !shown.contains("t0k3n"),
            "{shown}"
        );
        assert!(!shown.contains("user"), "{shown}");
        assert!(shown.contains("127.0.0.1:4000/hook?token="), "{shown}");
        assert_eq!(
            url_without_secrets("https://example.com/a"),
            "https://example.com/a"
        );
        let unparsable = url_without_secrets("https://user:secret@exa mple.com/a");
        assert!(!unparsable.contains("secret"), "{unparsable}");
    }
}
