//! Shell commands lpwh prints or copies for a person to paste: `sign --format curl` and browse's
//! "copy as curl". What they carry (a body, its headers) may come from anyone who could POST to
//! `listen`, so the text must be inert however it is pasted and must send the stored bytes
//! exactly.
//!
//! The rules, which make the text read the same way in bash, zsh, dash/sh and fish:
//! - Only printable ASCII (0x20..=0x7e) is ever written, so no control byte reaches the terminal
//!   or the line editor: no `^U`, no carriage return, no bracketed-paste end (`ESC[201~`).
//! - A word of printable ASCII is single-quoted, except `'` and `\`, which are written *outside*
//!   the quotes as `\'` and `\\`. Inside single quotes fish reads `\'` and `\\` as escapes while
//!   POSIX shells do not; outside, all four read them alike. No empty `''` is ever written (zsh's
//!   RC_QUOTES reads `''` inside quotes as a quote).
//! - Any other bytes go through the `printf` builtin of each shell, as a format with every byte
//!   outside printable ASCII (and `'`, `\`, `!`, `%`) written as a three-digit octal escape
//!   (`\NNN`). All four builtins turn `\NNN` into that byte, NUL and invalid UTF-8 included.
//!   A body is piped (`printf '…' | curl --data-binary @-`); a header, which can hold no NUL or
//!   newline, is a command substitution in double quotes (`-H "$(printf '…')"`, fish 3.4+).
//!
//! `tests/it/shell_paste.rs` runs these commands in the four shells, as `SHELL -c` and pasted
//! into an interactive shell on a pseudo-terminal, against a receiver that keeps what it gets.

/// `text` as one shell word that every common shell reads as exactly these bytes.
pub fn word(text: &[u8]) -> String {
    if text.iter().all(|&b| is_plain(b)) {
        quoted(text)
    } else {
        format!("\"$(printf {})\"", printf_format(text))
    }
}

/// A command that writes `body` to stdout byte for byte (no added newline): the left side of a
/// pipe.
pub fn printf_command(body: &[u8]) -> String {
    format!("printf {}", printf_format(body))
}

/// A curl command that POSTs `body` to `to` with `headers`, byte for byte. `multiline` puts each
/// option on its own continued line (for reading); otherwise it is one line (for a clipboard).
pub fn curl_command(to: &str, headers: &[(&str, &[u8])], body: &[u8], multiline: bool) -> String {
    let sep = if multiline { " \\\n  " } else { " " };
    let mut cmd = format!(
        "{} | curl -sS -X POST {}",
        printf_command(body),
        word(to.as_bytes())
    );
    for (name, value) in headers {
        let mut header = Vec::with_capacity(name.len() + 2 + value.len());
        header.extend_from_slice(name.as_bytes());
        header.extend_from_slice(b": ");
        header.extend_from_slice(value);
        cmd.push_str(sep);
        cmd.push_str("-H ");
        cmd.push_str(&word(&header));
    }
    cmd.push_str(sep);
    cmd.push_str("--data-binary @-");
    cmd
}

/// Printable ASCII: what may appear in the text at all.
fn is_plain(b: u8) -> bool {
    (0x20..=0x7e).contains(&b)
}

/// Printable ASCII `text` single-quoted, with `'` and `\` escaped outside the quotes.
fn quoted(text: &[u8]) -> String {
    if text.is_empty() {
        return "''".to_owned();
    }
    let mut out = String::with_capacity(text.len() + 2);
    let mut open = false;
    for &b in text {
        debug_assert!(is_plain(b));
        if b == b'\'' || b == b'\\' {
            if open {
                out.push('\'');
                open = false;
            }
            out.push('\\');
            out.push(char::from(b));
        } else {
            if !open {
                out.push('\'');
                open = true;
            }
            out.push(char::from(b));
        }
    }
    if open {
        out.push('\'');
    }
    out
}

/// `bytes` as a single-quoted printf format that prints exactly them.
fn printf_format(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 4 + 2);
    out.push('\'');
    for &b in bytes {
        match b {
            // `%` starts a conversion; `!` is history expansion in interactive bash and zsh,
            // even inside a command substitution in double quotes.
            b'\'' | b'\\' | b'%' | b'!' => push_octal(&mut out, b),
            b if is_plain(b) => out.push(char::from(b)),
            b => push_octal(&mut out, b),
        }
    }
    out.push('\'');
    out
}

fn push_octal(out: &mut String, b: u8) {
    out.push('\\');
    out.push(char::from(b'0' + (b >> 6)));
    out.push(char::from(b'0' + ((b >> 3) & 7)));
    out.push(char::from(b'0' + (b & 7)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_words_are_single_quoted_with_quotes_and_backslashes_outside() {
        assert_eq!(word(b"abc"), "'abc'");
        assert_eq!(word(b""), "''");
        assert_eq!(word(b"it's"), r"'it'\''s'");
        assert_eq!(word(br"a\'b"), r"'a'\\\''b'");
        assert_eq!(word(b"''"), r"\'\'");
    }

    #[test]
    fn other_bytes_go_through_printf_octal_escapes() {
        assert_eq!(word(b"a\tb"), r#""$(printf 'a\011b')""#);
        assert_eq!(
            printf_command(b"\0%!'\\\xff\x1b[201~"),
            r"printf '\000\045\041\047\134\377\033[201~'"
        );
    }

    #[test]
    fn every_command_is_printable_ascii_whatever_it_carries() {
        let all: Vec<u8> = (0..=255).collect();
        let cmd = curl_command(
            "http://127.0.0.1:1/x'y",
            &[("user-agent", &all[1..])],
            &all,
            true,
        );
        assert!(
            cmd.bytes().all(|b| is_plain(b) || b == b'\n'),
            "{cmd:?} has a byte outside printable ASCII"
        );
        assert!(!curl_command("http://h/", &[], &all, false).contains('\n'));
    }
}
