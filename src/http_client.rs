//! The one way lpwh makes an HTTP client.
//!
//! reqwest is built with `rustls-no-provider`: rustls' default crypto provider (aws-lc-rs) is a
//! large C build that a handful of HTTPS calls do not need, so lpwh uses ring's provider instead
//! (BENCHMARKS.md, "Build time"). reqwest panics when it builds a client and no provider is
//! installed, so every client comes from [`builder`], which installs ring's provider first.

use std::sync::Once;

/// A `reqwest::ClientBuilder`, with ring's crypto provider installed for the process.
pub fn builder() -> reqwest::ClientBuilder {
    install_crypto_provider();
    reqwest::Client::builder()
}

/// Install ring's provider as the process default, once. A provider installed earlier (by an
/// embedding program) is kept.
fn install_crypto_provider() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // `Err` means some other provider is already the default, which serves as well.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

#[cfg(test)]
mod tests {
    /// reqwest panics when it builds a client and no provider is installed; builder() installs
    /// one first. (That the provider is ring's, and aws-lc-rs is not even built, is
    /// .ci/deps-guard's job.)
    #[test]
    fn a_client_builds_and_the_process_has_a_provider() {
        super::builder()
            .build()
            .expect("a client builds with the provider installed");
        assert!(rustls::crypto::CryptoProvider::get_default().is_some());
    }
}
