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
}
