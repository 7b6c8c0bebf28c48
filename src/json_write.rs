//! Writing JSON text: every JSON lpwh prints goes through here.
//!
//! - [`to_writer`], [`to_writer_pretty`] and [`to_string`] are serde_json's, with one change:
//!   C1 controls, bidi marks and zero-width characters ([`crate::sanitize::hides_or_controls`])
//!   are written as `\uXXXX` escapes. The value is the same JSON, and a delivery's hostile
//!   text stays harmless when `jq -r` or a terminal shows it.
//! - The `push_*` functions write straight into a byte buffer, for the lines `listen` writes
//!   per delivery (NDJSON reports, inbox rows). serde_json serializes a string one escape check
//!   at a time and a timestamp through `fmt`; on the request path that was the largest cost
//!   after the HMAC, so the common cases here are a scan and a copy. Output is byte for byte
//!   what [`to_writer`] and jiff would write (the tests compare them).

use std::io;

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};

/// A serde_json formatter that also escapes what [`crate::sanitize::hides_or_controls`] names
/// (serde_json itself escapes only `"`, `\\` and C0 controls).
struct Escaping<F>(F);

impl<F: Formatter> Formatter for Escaping<F> {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (at, c) in fragment.char_indices() {
            if crate::sanitize::hides_or_controls(c) {
                writer.write_all(&fragment.as_bytes()[start..at])?;
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    write!(writer, "\\u{unit:04x}")?;
                }
                start = at + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    // Layout is the wrapped formatter's.
    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// `value` as compact JSON, hidden and control characters escaped.
pub fn to_writer<W: io::Write, T: Serialize + ?Sized>(
    writer: W,
    value: &T,
) -> serde_json::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(writer, Escaping(CompactFormatter));
    value.serialize(&mut ser)
}

/// `value` as indented JSON, hidden and control characters escaped.
pub fn to_writer_pretty<W: io::Write, T: Serialize + ?Sized>(
    writer: W,
    value: &T,
) -> serde_json::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(writer, Escaping(PrettyFormatter::new()));
    value.serialize(&mut ser)
}

/// `value` as a compact JSON string, hidden and control characters escaped.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> String {
    let mut out = Vec::new();
    // Serializing into a Vec fails only for a map with non-string keys, which lpwh never makes.
    if to_writer(&mut out, value).is_err() {
        return "null".to_owned();
    }
    String::from_utf8(out).unwrap_or_default()
}

/// Append `value` as a JSON string. Printable ASCII with nothing to escape (every ordinary header
/// value, event name and id) is copied as is; anything else goes through serde_json, lossily
/// when it is not UTF-8.
pub fn push_string(out: &mut Vec<u8>, value: &[u8]) {
    if is_plain(value) {
        out.reserve(value.len() + 2);
        out.push(b'"');
        out.extend_from_slice(value);
        out.push(b'"');
        return;
    }
    let start = out.len();
    if to_writer(&mut *out, &String::from_utf8_lossy(value)).is_err() {
        // Writing a string into a Vec cannot fail; should it, the output stays valid JSON.
        out.truncate(start);
        out.extend_from_slice(b"\"\"");
    }
}

/// Printable ASCII other than `"` and `\\`: written into a JSON string as is. Folded without an
/// early exit so the compiler vectorizes it (header values are tens to hundreds of bytes).
fn is_plain(value: &[u8]) -> bool {
    !value.iter().fold(false, |bad, &b| {
        bad | !(0x20..=0x7e).contains(&b) | (b == b'"') | (b == b'\\')
    })
}

/// True when `bytes` are one line of printable ASCII (tabs allowed), scanned like
/// [`is_plain`]: JSON text like that can be copied into a line as is, since it holds no line
/// break and nothing [`to_writer`] would escape differently.
pub fn is_plain_line(bytes: &[u8]) -> bool {
    !bytes.iter().fold(false, |bad, &b| {
        bad | (!(0x20..=0x7e).contains(&b) & (b != b'\t'))
    })
}

/// Append a socket address as a JSON string (`"127.0.0.1:9"`, `"[::1]:80"`): nothing in one
/// needs escaping.
pub fn push_addr(out: &mut Vec<u8>, addr: std::net::SocketAddr) {
    out.push(b'"');
    push_addr_text(out, addr);
    out.push(b'"');
}

/// Append `addr` as `Display` writes it (`1.2.3.4:5`, `[::1]:5`), unquoted. IPv4, the common
/// case, is written with itoa rather than through `fmt`.
pub fn push_addr_text(out: &mut Vec<u8>, addr: std::net::SocketAddr) {
    match addr {
        std::net::SocketAddr::V4(v4) => {
            let mut digits = itoa::Buffer::new();
            for (i, octet) in v4.ip().octets().into_iter().enumerate() {
                if i > 0 {
                    out.push(b'.');
                }
                out.extend_from_slice(digits.format(octet).as_bytes());
            }
            out.push(b':');
            out.extend_from_slice(digits.format(v4.port()).as_bytes());
        }
        std::net::SocketAddr::V6(v6) => {
            use std::io::Write as _;
            // Writing into a Vec cannot fail.
            let _ = write!(out, "{v6}");
        }
    }
}

/// Append `value` as a JSON string, or `null`.
pub fn push_opt_string(out: &mut Vec<u8>, value: Option<&str>) {
    match value {
        Some(value) => push_string(out, value.as_bytes()),
        None => out.extend_from_slice(b"null"),
    }
}

/// Append Unix milliseconds as a quoted RFC 3339 UTC time, exactly as `jiff::Timestamp`
/// displays it: `2026-11-22T08:21:37.5Z` (fraction only when non-zero, trailing zeros trimmed).
pub fn push_time_ms(out: &mut Vec<u8>, ms: i64) {
    let secs = ms.div_euclid(1000);
    let frac = ms.rem_euclid(1000) as u32;
    let (days, sod) = (secs.div_euclid(86_400), secs.rem_euclid(86_400) as u32);
    let (year, month, day) = civil_from_days(days);
    if !(0..=9999).contains(&year) {
        // Four-digit years only below; jiff knows how it writes the others.
        let text = jiff::Timestamp::from_millisecond(ms)
            .map(|t| t.to_string())
            .unwrap_or_default();
        return push_string(out, text.as_bytes());
    }
    let mut buf = *b"\"0000-00-00T00:00:00.000Z\"";
    put_digits(&mut buf[1..5], year as u32);
    put_digits(&mut buf[6..8], month);
    put_digits(&mut buf[9..11], day);
    put_digits(&mut buf[12..14], sod / 3600);
    put_digits(&mut buf[15..17], sod / 60 % 60);
    put_digits(&mut buf[18..20], sod % 60);
    if frac == 0 {
        out.extend_from_slice(&buf[..20]);
    } else {
        put_digits(&mut buf[21..24], frac);
        let mut end = 24;
        while buf[end - 1] == b'0' {
            end -= 1;
        }
        out.extend_from_slice(&buf[..end]);
    }
    out.extend_from_slice(b"Z\"");
}

/// `n` in decimal, zero-padded to fill `into`.
fn put_digits(into: &mut [u8], mut n: u32) {
    for slot in into.iter_mut().rev() {
        *slot = b'0' + (n % 10) as u8;
        n /= 10;
    }
}

/// (year, month, day) of a day count since 1970-01-01 in the proleptic Gregorian calendar
/// (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn string(value: &[u8]) -> String {
        let mut out = Vec::new();
        push_string(&mut out, value);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn strings_are_what_to_writer_writes() {
        for text in [
            "",
            "plain",
            "application/json",
            "t=1700000000000,v1=abc",
            "quote \" and backslash \\",
            "tab\tnewline\ncr\r",
            "\u{1b}[31mred\u{1b}[0m",
            "del \u{7f}",
            "é ü 日本 😀",
            "\u{0}",
            "bidi \u{202e}\u{200f}\u{61c} zero-width \u{200b}\u{feff} c1 \u{9b}2J",
        ] {
            assert_eq!(string(text.as_bytes()), to_string(text), "{text:?}");
        }
        // Not UTF-8: lossily, like String::from_utf8_lossy.
        assert_eq!(string(b"\xff\"q"), "\"\u{fffd}\\\"q\"");
        assert!(is_plain_line(b"{\"a\":\t1}") && is_plain_line(b""));
        for bad in [
            &b"a\rb"[..],
            b"\n",
            "\u{202e}".as_bytes(),
            b"\x7f",
            "é".as_bytes(),
        ] {
            assert!(!is_plain_line(bad), "{bad:?}");
        }
        let mut out = Vec::new();
        push_opt_string(&mut out, None);
        out.push(b',');
        push_opt_string(&mut out, Some("x"));
        assert_eq!(out, b"null,\"x\"");
    }

    /// The escaping writer is serde_json's JSON for the same value, with every hidden or control
    /// character as a `\uXXXX` escape (a surrogate pair above U+FFFF), pretty or compact.
    #[test]
    fn hidden_and_control_characters_are_escaped_and_the_value_kept() {
        let value = serde_json::json!({
            "name": "a\u{202e}b\u{200e}c\u{9b}d\u{7f}e\u{e0041}f 日本 😀",
            "list": ["\u{2028}", "plain", 1, null],
        });
        for text in [to_string(&value), {
            let mut out = Vec::new();
            to_writer_pretty(&mut out, &value).unwrap();
            String::from_utf8(out).unwrap()
        }] {
            assert!(
                !text
                    .chars()
                    .any(|c| c != '\n' && crate::sanitize::hides_or_controls(c)),
                "{text}"
            );
            assert!(
                text.contains("\\u202e") && text.contains("\\u009b"),
                "{text}"
            );
            assert!(text.contains("\\udb40\\udc41"), "{text}");
            assert!(text.contains("日本 😀"), "{text}");
            assert_eq!(
                serde_json::from_str::<serde_json::Value>(&text).unwrap(),
                value
            );
        }
        let pretty = {
            let mut out = Vec::new();
            to_writer_pretty(&mut out, &serde_json::json!({"a": [1]})).unwrap();
            String::from_utf8(out).unwrap()
        };
        assert_eq!(
            pretty,
            serde_json::to_string_pretty(&serde_json::json!({"a": [1]})).unwrap()
        );
    }

    #[test]
    fn addresses_are_what_serde_json_writes() {
        for addr in [
            "127.0.0.1:9",
            "0.0.0.0:0",
            "255.255.255.255:65535",
            "[::1]:8080",
            "[fe80::1%3]:443",
        ] {
            let addr: std::net::SocketAddr = addr.parse().unwrap();
            let mut out = Vec::new();
            push_addr(&mut out, addr);
            assert_eq!(out, serde_json::to_vec(&addr).unwrap(), "{addr}");
            out.clear();
            push_addr_text(&mut out, addr);
            assert_eq!(out, addr.to_string().as_bytes(), "{addr}");
        }
    }

    #[test]
    fn times_are_what_jiff_displays() {
        let mut samples = vec![
            0,
            1,
            10,
            100,
            120,
            999,
            1000,
            1_700_000_000_000,
            1_795_335_697_706,
            951_782_400_000,     // 2000-02-29
            4_107_542_400_000,   // 2100-02-28
            253_402_207_200_000, // the latest time jiff has: 9999-12-30T22:00:00Z
            -1,
            -62_135_596_800_000, // 0001-01-01
            -62_167_219_200_001, // just before year 0
        ];
        // And a spread over the years lpwh will see, every millisecond digit pattern included.
        let mut x: i64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            samples.push(x.rem_euclid(4_102_444_800_000)); // 1970 to 2100
        }
        for ms in samples {
            let mut out = Vec::new();
            push_time_ms(&mut out, ms);
            let want =
                serde_json::to_string(&jiff::Timestamp::from_millisecond(ms).unwrap().to_string())
                    .unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), want, "{ms}");
        }
    }
}
