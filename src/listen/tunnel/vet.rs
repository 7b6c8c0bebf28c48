//! The public URL a tunnel program gave, checked before lpwh shows it, registers it as a
//! webhook's URL, or sends a probe through it. The program's output is not trusted: a newline,
//! an escape sequence (a terminal's title, OSC 52's clipboard) or `user:pass@` in it would reach
//! the terminal and Studio as written. Pure: one URL in, a verdict out.
//!
//! Accepted (tunnels.md):
//! - every program: no userinfo, query, fragment, path, control characters or spaces;
//! - cloudflared: `https://<name>.trycloudflare.com`;
//! - ngrok: `https://` under one of ngrok's own domains ([`NGROK_DOMAINS`]);
//! - bore: `http://<the --tunnel-server host>:<port>`;
//! - any program: a loopback host (`localhost`, 127.0.0.0/8, `::1`) over http or https. Studio
//!   would never deliver there, and the tests' stand-ins report one.

use super::Program;

/// The domains ngrok's endpoints live under (ngrok's domain docs: dev domains, assigned and
/// custom subdomains, and the legacy ones).
pub const NGROK_DOMAINS: &[&str] = &[
    "ngrok-free.app",
    "ngrok-free.dev",
    "ngrok-free.pizza",
    "ngrok.app",
    "ngrok.dev",
    "ngrok.pizza",
    "ngrok.io",
];

/// `raw` as the public URL (no trailing slash), or why it is refused.
pub fn public_url(program: Program, raw: &str, bore_server: &str) -> Result<String, String> {
    if let Some(c) = raw.chars().find(|c| !c.is_ascii_graphic()) {
        return Err(format!(
            "it holds {}",
            if c == ' ' {
                "a space".to_owned()
            } else {
                format!("the character U+{:04X}", u32::from(c))
            }
        ));
    }
    let url = url::Url::parse(raw).map_err(|e| format!("it is not a URL ({e})"))?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err("it carries a user name or password".to_owned());
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err("it carries a query or a fragment".to_owned());
    }
    if url.path() != "/" {
        return Err("it has a path (a tunnel gives a bare origin)".to_owned());
    }
    let scheme = url.scheme();
    let host = url.host().ok_or("it has no host")?;
    if is_loopback(&host) {
        return match scheme {
            "http" | "https" => Ok(origin(&url)),
            _ => Err(format!("its scheme is {scheme}, not http or https")),
        };
    }
    let domain = match &host {
        url::Host::Domain(d) => d.to_ascii_lowercase(),
        _ => return Err(format!("its host is an address, not {}'s", program.name())),
    };
    let under = |parent: &str| {
        domain
            .strip_suffix(parent)
            .is_some_and(|sub| sub.len() > 1 && sub.ends_with('.'))
    };
    match program {
        Program::Cloudflared if scheme != "https" => Err("cloudflared's URLs are https".into()),
        Program::Cloudflared if !under("trycloudflare.com") => {
            Err("its host is not under trycloudflare.com".into())
        }
        Program::Ngrok if scheme != "https" => Err("ngrok's URLs are https".into()),
        Program::Ngrok if !NGROK_DOMAINS.iter().any(|d| under(d)) => Err(format!(
            "its host is not under one of ngrok's domains ({})",
            NGROK_DOMAINS.join(", ")
        )),
        Program::Bore if scheme != "http" => Err("bore's URLs are http".into()),
        Program::Bore if url.port().is_none() => Err("it has no port".into()),
        Program::Bore if !domain.eq_ignore_ascii_case(server_host(bore_server)) => Err(format!(
            "its host is not the --tunnel-server ({})",
            server_host(bore_server)
        )),
        _ => Ok(origin(&url)),
    }
}

/// The host part of `--tunnel-server` (which may carry a port).
fn server_host(server: &str) -> &str {
    match server.rsplit_once(':') {
        Some((host, port)) if port.parse::<u16>().is_ok() => host,
        _ => server,
    }
}

fn is_loopback(host: &url::Host<&str>) -> bool {
    match host {
        url::Host::Domain(d) => d.eq_ignore_ascii_case("localhost"),
        url::Host::Ipv4(ip) => ip.is_loopback(),
        url::Host::Ipv6(ip) => ip.is_loopback(),
    }
}

fn origin(url: &url::Url) -> String {
    url.as_str().trim_end_matches('/').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_program_gets_only_its_own_kind_of_url() {
        let ok = |p, u: &str| public_url(p, u, "bore.pub").unwrap();
        assert_eq!(
            ok(Program::Cloudflared, "https://a-b-c.trycloudflare.com"),
            "https://a-b-c.trycloudflare.com"
        );
        assert_eq!(
            ok(Program::Ngrok, "https://ab12.ngrok-free.app/"),
            "https://ab12.ngrok-free.app"
        );
        assert_eq!(
            ok(Program::Ngrok, "https://x.ngrok-free.dev"),
            "https://x.ngrok-free.dev"
        );
        assert_eq!(
            ok(Program::Bore, "http://bore.pub:40123"),
            "http://bore.pub:40123"
        );
        for p in [Program::Cloudflared, Program::Ngrok, Program::Bore] {
            assert_eq!(ok(p, "http://127.0.0.1:4000"), "http://127.0.0.1:4000");
            assert_eq!(ok(p, "https://localhost:9"), "https://localhost:9");
            assert_eq!(ok(p, "http://[::1]:9"), "http://[::1]:9");
        }
        let refused = |p, u: &str| public_url(p, u, "bore.pub:7835").unwrap_err();
        assert!(refused(Program::Cloudflared, "https://evil.example").contains("trycloudflare"));
        assert!(
            refused(Program::Cloudflared, "https://trycloudflare.com").contains("trycloudflare")
        );
        assert!(
            refused(
                Program::Cloudflared,
                "https://x.trycloudflare.com.evil.example"
            )
            .contains("trycloudflare")
        );
        assert!(refused(Program::Cloudflared, "http://x.trycloudflare.com").contains("https"));
        assert!(refused(Program::Ngrok, "https://x.ngrok.evil").contains("ngrok's domains"));
        assert!(refused(Program::Bore, "http://other.host:1").contains("--tunnel-server"));
        assert!(refused(Program::Bore, "https://bore.pub:1").contains("http"));
        assert!(refused(Program::Bore, "http://bore.pub").contains("port"));
        assert!(refused(Program::Bore, "http://10.0.0.1:80").contains("address"));
    }

    #[test]
    fn hostile_urls_are_refused_for_every_program() {
        for p in [Program::Cloudflared, Program::Ngrok, Program::Bore] {
            for (raw, why) in [
                ("https://u:p@x.trycloudflare.com", "user name"),
                ("https://x.trycloudflare.com\n", "U+000A"),
                ("https://x.trycloudflare.com\u{1b}]52;c;eA==\u{7}", "U+001B"),
                ("https://x.trycloudflare.com/a b", "a space"),
                ("http://127.0.0.1:1/?q=1", "query"),
                ("http://127.0.0.1:1/#f", "fragment"),
                ("http://127.0.0.1:1/hook", "path"),
                ("ftp://127.0.0.1:1", "scheme"),
                ("not a url", "a space"),
                ("nope", "not a URL"),
            ] {
                let err = public_url(p, raw, "bore.pub").unwrap_err();
                assert!(err.contains(why), "{p:?} {raw:?}: {err}");
            }
        }
    }
}
