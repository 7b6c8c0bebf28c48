//! Error kinds that decide the exit code, and [`Failure`], the error with a kind and a hint.
//!
//! Commands return `anyhow::Result`. Where the exit code matters they return (or wrap) a
//! [`Failure`] or an [`crate::api::ApiError`]; `crate::report` walks the chain to find one and
//! prints the error for people.

use std::fmt;

/// Exit codes, documented in the README and the man page (cli.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// 1: an API error, an invalid signature, a listen timeout.
    Failure,
    /// 2: the command line or its input is wrong.
    Usage,
    /// 3: not logged in, or the API refused the key.
    Auth,
    /// 4: the webhook (or log) does not exist.
    NotFound,
    /// 130: interrupted by Ctrl-C.
    Interrupted,
}

impl Kind {
    pub fn code(self) -> u8 {
        match self {
            Kind::Failure => 1,
            Kind::Usage => 2,
            Kind::Auth => 3,
            Kind::NotFound => 4,
            Kind::Interrupted => 130,
        }
    }
}

/// An error with a kind (for the exit code) and an optional hint naming the fix.
#[derive(Debug)]
pub struct Failure {
    pub kind: Kind,
    pub message: String,
    pub hint: Option<String>,
}

impl Failure {
    pub fn new(kind: Kind, message: impl Into<String>) -> Self {
        Failure {
            kind,
            message: message.into(),
            hint: None,
        }
    }

    #[allow(clippy::self_named_constructors)] // reads as `Failure::failure(..)` beside `::usage`, `::auth`
    pub fn failure(message: impl Into<String>) -> Self {
        Self::new(Kind::Failure, message)
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(Kind::Usage, message)
    }

    pub fn auth(message: impl Into<String>) -> Self {
        Self::new(Kind::Auth, message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(Kind::NotFound, message)
    }

    pub fn interrupted() -> Self {
        Self::new(Kind::Interrupted, "interrupted")
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}

/// Shorthand: `return Err(usage("...").hint("...").into())`.
pub fn usage(message: impl Into<String>) -> Failure {
    Failure::usage(message)
}
