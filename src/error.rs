//! Error kinds that decide the exit code, and the one place that prints an error for people.
//!
//! Commands return `anyhow::Result`. Where the exit code matters they return (or wrap) a
//! [`Failure`] or an [`crate::api::ApiError`]; [`exit_code`] walks the error chain to find one.

use std::fmt;
use std::io::Write;

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

/// The exit code for an error: the first [`Failure`] or API error in its chain decides; else 1.
pub fn exit_code(err: &anyhow::Error) -> u8 {
    kind_of(err).code()
}

fn kind_of(err: &anyhow::Error) -> Kind {
    for cause in err.chain() {
        if let Some(f) = cause.downcast_ref::<Failure>() {
            return f.kind;
        }
        if let Some(api) = cause.downcast_ref::<crate::api::ApiError>() {
            return api.kind();
        }
        if let Some(clap) = cause.downcast_ref::<clap::Error>() {
            return if clap.use_stderr() {
                Kind::Usage
            } else {
                Kind::Failure
            };
        }
    }
    Kind::Failure
}

/// The hint of the first [`Failure`] or API error in the chain.
pub(crate) fn hint_of(err: &anyhow::Error) -> Option<String> {
    err.chain().find_map(|cause| {
        if let Some(f) = cause.downcast_ref::<Failure>() {
            return f.hint.clone();
        }
        if let Some(api) = cause.downcast_ref::<crate::api::ApiError>() {
            return api.hint();
        }
        None
    })
}

/// A write to stdout failed because the reader went away (`lpwh list | head`): exit quietly.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Print `lpwh: error: ...` (and `hint: ...`) on stderr and return the exit code.
pub fn report(err: &anyhow::Error) -> u8 {
    if is_broken_pipe(err) {
        return 0;
    }
    let kind = kind_of(err);
    let mut stderr = std::io::stderr().lock();
    if kind != Kind::Interrupted {
        // `{:#}` joins the context chain on one line: "creating webhook: url: must match ...".
        let _ = writeln!(stderr, "lpwh: error: {err:#}");
        if let Some(hint) = hint_of(err) {
            let _ = writeln!(stderr, "hint: {hint}");
        }
    }
    kind.code()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_kind_in_the_chain_decides() {
        let err = anyhow::Error::from(Failure::not_found("webhook abc not found"))
            .context("getting webhook");
        assert_eq!(exit_code(&err), 4);
        assert_eq!(exit_code(&anyhow::anyhow!("plain")), 1);
        assert_eq!(exit_code(&Failure::usage("bad flag").into()), 2);
        assert_eq!(exit_code(&Failure::auth("no key").into()), 3);
        assert_eq!(exit_code(&Failure::interrupted().into()), 130);
    }

    #[test]
    fn broken_pipe_is_recognised_through_context() {
        let io = std::io::Error::new(std::io::ErrorKind::BrokenPipe, "pipe");
        let err = anyhow::Error::from(io).context("writing the table");
        assert!(is_broken_pipe(&err));
        assert_eq!(report(&err), 0);
    }
}
