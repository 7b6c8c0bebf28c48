//! The one place that turns an error into what people see and the exit code: `lpwh: error: ...`
//! and `hint: ...` on stderr. The first [`Failure`] or API error in the chain decides both.

use std::io::Write;

use crate::api::ApiError;
use crate::error::{Failure, Kind};

/// The exit code for an error: the first [`Failure`] or API error in its chain decides; else 1.
pub fn exit_code(err: &anyhow::Error) -> u8 {
    kind_of(err).code()
}

fn kind_of(err: &anyhow::Error) -> Kind {
    for cause in err.chain() {
        if let Some(f) = cause.downcast_ref::<Failure>() {
            return f.kind;
        }
        if let Some(api) = cause.downcast_ref::<ApiError>() {
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
        if let Some(api) = cause.downcast_ref::<ApiError>() {
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
