//! Reading a tunnel program's output for its public URL, or for the error that stops it. Pure:
//! one line in, what it says out. The interfaces are the real programs' (tunnels.md):
//! - bore logs `listening at <server>:<port>` (with ANSI colour codes even when piped);
//! - ngrok v3 with `--log stdout --log-format json` writes one JSON object a line, the URL in
//!   the `"started tunnel"` line's `url`, errors in `err` on `eror`/`crit` lines;
//! - cloudflared's metrics server answers `/quicktunnel` with `{"hostname": ...}`; its log
//!   (stderr) names the `https://…trycloudflare.com` URL too, used when the metrics server
//!   cannot be reached.

/// What one output line says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Said {
    /// The public URL.
    Url(String),
    /// An error the program reports; it will not come up.
    Error(String),
}

/// `text` with ANSI escape sequences (CSI `ESC [ … final`, and OSC `ESC ] … BEL/ST`) removed.
pub fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\u{1b}' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('[') => {
                // Parameters and intermediates, then one final byte in @..~.
                for c in chars.by_ref() {
                    if ('@'..='~').contains(&c) {
                        break;
                    }
                }
            }
            Some(']') => {
                while let Some(c) = chars.next() {
                    if c == '\u{7}' || (c == '\u{1b}' && chars.peek() == Some(&'\\')) {
                        if c == '\u{1b}' {
                            chars.next();
                        }
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// A bore client line: `listening at <server>:<port>` → `http://<server>:<port>` (bore carries
/// plain HTTP); a `server error` line → its error.
pub fn bore(line: &str) -> Option<Said> {
    let line = strip_ansi(line);
    if let Some(at) = line.find("listening at ") {
        let addr = line[at + "listening at ".len()..].trim();
        let addr = addr.split_whitespace().next()?;
        let (host, port) = addr.rsplit_once(':')?;
        port.parse::<u16>().ok()?;
        return Some(Said::Url(format!("http://{host}:{port}")));
    }
    let lower = line.to_ascii_lowercase();
    if lower.contains("error")
        && (lower.contains("server error")
            || lower.contains("could not connect")
            || lower.contains("failed to connect"))
    {
        return Some(Said::Error(line.trim().to_owned()));
    }
    None
}

/// An ngrok v3 JSON log line.
pub fn ngrok(line: &str) -> Option<Said> {
    let value: serde_json::Value = serde_json::from_str(line.trim()).ok()?;
    let text = |key: &str| value.get(key).and_then(|v| v.as_str());
    if matches!(text("lvl"), Some("eror" | "crit")) {
        let err = text("err").or(text("msg")).unwrap_or("ngrok failed");
        return Some(Said::Error(err.to_owned()));
    }
    if text("msg") == Some("started tunnel") {
        return text("url").map(|url| Said::Url(url.to_owned()));
    }
    None
}

/// A cloudflared log line naming its quick tunnel's URL.
pub fn cloudflared(line: &str) -> Option<Said> {
    let line = strip_ansi(line);
    let at = line.find("https://")?;
    let url: String = line[at..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, ':' | '/' | '.' | '-'))
        .collect();
    url.trim_end_matches('/')
        .ends_with(".trycloudflare.com")
        .then(|| Said::Url(url.trim_end_matches('/').to_owned()))
}

/// Whether an ngrok error is about its authtoken (missing, invalid, or the account's limit).
pub fn is_ngrok_auth_error(err: &str) -> bool {
    let lower = err.to_ascii_lowercase();
    lower.contains("authtoken")
        || lower.contains("err_ngrok_4018")
        || lower.contains("authentication failed")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bore_says_where_it_listens_through_its_colours() {
        // bore-cli 0.6.0's lines, colour codes and all, as it writes them to a pipe.
        let connected = "\u{1b}[2m2026-11-29T20:00:00.000000Z\u{1b}[0m \u{1b}[32m INFO\u{1b}[0m \
                         \u{1b}[2mbore_cli::client\u{1b}[0m\u{1b}[2m:\u{1b}[0m connected to server \
                         \u{1b}[3mremote_port\u{1b}[0m\u{1b}[2m=\u{1b}[0m40123";
        assert_eq!(bore(connected), None);
        let listening = "\u{1b}[2m2026-11-29T20:00:00.000000Z\u{1b}[0m \u{1b}[32m INFO\u{1b}[0m \
                         \u{1b}[2mbore_cli::client\u{1b}[0m\u{1b}[2m:\u{1b}[0m listening at 127.0.0.1:40123";
        assert_eq!(
            bore(listening),
            Some(Said::Url("http://127.0.0.1:40123".into()))
        );
        assert_eq!(
            bore("listening at bore.pub:7000"),
            Some(Said::Url("http://bore.pub:7000".into()))
        );
        assert_eq!(bore("listening at nowhere"), None);
        assert!(matches!(
            bore("\u{1b}[31mERROR\u{1b}[0m bore_cli::client: server error err=port already in use"),
            Some(Said::Error(_))
        ));
    }

    #[test]
    fn ngrok_json_lines_give_the_url_or_the_error() {
        let started = r#"{"addr":"http://127.0.0.1:3000","lvl":"info","msg":"started tunnel","name":"command_line","obj":"tunnels","t":"2026-11-29T20:00:00Z","url":"https://ab12-1-2-3-4.ngrok-free.app"}"#;
        assert_eq!(
            ngrok(started),
            Some(Said::Url("https://ab12-1-2-3-4.ngrok-free.app".into()))
        );
        let auth = r#"{"err":"authentication failed: Usage of ngrok requires a verified account and authtoken.\n\nSign up for an account: https://dashboard.ngrok.com/signup\nInstall your authtoken: https://dashboard.ngrok.com/get-started/your-authtoken\r\n\r\nERR_NGROK_4018\r\n","lvl":"eror","msg":"failed to reconnect session","obj":"tunnels.session","t":"2026-11-29T20:00:00Z"}"#;
        match ngrok(auth) {
            Some(Said::Error(e)) => assert!(is_ngrok_auth_error(&e), "{e}"),
            other => panic!("{other:?}"),
        }
        assert_eq!(ngrok(r#"{"lvl":"info","msg":"open config file"}"#), None);
        assert_eq!(ngrok("not json"), None);
        assert!(!is_ngrok_auth_error("bind: address already in use"));
    }

    #[test]
    fn cloudflared_log_names_the_quick_tunnel() {
        let banner = "2026-11-29T20:00:00Z INF |  https://words-in-a-row.trycloudflare.com                                 |";
        assert_eq!(
            cloudflared(banner),
            Some(Said::Url("https://words-in-a-row.trycloudflare.com".into()))
        );
        assert_eq!(
            cloudflared(
                "2026-11-29T20:00:00Z INF Requesting new quick Tunnel on trycloudflare.com..."
            ),
            None
        );
        assert_eq!(cloudflared("see https://developers.cloudflare.com/x"), None);
    }

    #[test]
    fn ansi_sequences_are_stripped_whole() {
        assert_eq!(strip_ansi("\u{1b}[1;32mgreen\u{1b}[0m"), "green");
        assert_eq!(strip_ansi("a\u{1b}]0;title\u{7}b"), "ab");
        assert_eq!(strip_ansi("a\u{1b}]0;title\u{1b}\\b"), "ab");
        assert_eq!(strip_ansi("plain"), "plain");
    }
}
