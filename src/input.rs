//! What commands read from the user beyond their flags: a body from a file or stdin, byte for
//! byte, and the webhook secret a command cannot do without.

use std::io::Read as _;
use std::path::Path;

use anyhow::{Context as _, Result};

use crate::error::usage;
use crate::redacted::Secret;
use crate::signature::Scheme;

/// `--secret`, as every command that signs or checks single deliveries takes it (`sign`,
/// `trigger`, `check`, `inbox replay`, `inbox browse`). An empty value is a usage error: see
/// [`crate::redacted::non_empty_secret`].
#[derive(Debug, Clone, clap::Args)]
pub struct SecretArg {
    /// The webhook's secret: its sharedSecret (for FastPix, the base64 signing secret). Prefer
    /// LPWH_WEBHOOK_SECRET: it keeps the secret out of `ps`
    #[arg(
        long = "secret",
        env = "LPWH_WEBHOOK_SECRET",
        hide_env_values = true,
        value_parser = crate::redacted::non_empty_secret,
        value_name = "SECRET"
    )]
    pub secret: Option<Secret>,
}

impl SecretArg {
    pub fn get(&self) -> Option<&Secret> {
        self.secret.as_ref()
    }

    /// The secret, which must be given and fit `scheme`.
    pub fn required(&self, scheme: Scheme) -> Result<&Secret> {
        let secret = require_secret(self.get())?;
        check_fits(scheme, secret)?;
        Ok(secret)
    }

    /// The secret if given (unsigned otherwise), checked against `scheme`.
    pub fn optional(&self, scheme: Scheme) -> Result<Option<&Secret>> {
        if let Some(secret) = self.get() {
            check_fits(scheme, secret)?;
        }
        Ok(self.get())
    }
}

/// `secret` can sign as `scheme` (a FastPix or Standard Webhooks secret must be base64), or a
/// usage error saying why, never showing the secret.
pub fn check_fits(scheme: Scheme, secret: &Secret) -> Result<()> {
    crate::signature::check_secret(scheme, secret).map_err(|e| {
        usage(format!("the secret cannot sign as {scheme}: {e}"))
            .hint("check --secret or LPWH_WEBHOOK_SECRET")
            .into()
    })
}

/// The secret from `--secret`/`LPWH_WEBHOOK_SECRET`, or a usage error naming both.
pub fn require_secret(secret: Option<&Secret>) -> Result<&Secret> {
    match secret {
        Some(s) => Ok(s),
        _ => Err(usage("no webhook secret given")
            .hint("pass --secret SECRET or set LPWH_WEBHOOK_SECRET (the webhook's sharedSecret)")
            .into()),
    }
}

/// The bytes of `--body FILE|-`, exactly as stored (never re-encoded).
pub fn read_body(spec: &str) -> Result<Vec<u8>> {
    if spec == "-" {
        let mut body = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut body)
            .context("reading the body from stdin")?;
        return Ok(body);
    }
    std::fs::read(Path::new(spec)).map_err(|err| {
        usage(format!("cannot read body file '{spec}': {err}"))
            .hint("give --body a readable file, or --body - to read stdin")
            .into()
    })
}
