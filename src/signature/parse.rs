//! Parsing signature headers into the values they carry, tolerant of what proxies do
//! (repeated headers, comma-joined values, stray spaces) and never panicking on arbitrary bytes.

use base64::Engine as _;

/// An HMAC-SHA256 tag.
pub type Tag = [u8; 32];

/// Why a header could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeaderError {
    /// The header is absent (or every copy of it is blank).
    Missing,
    /// The header is there but unusable; the text says why, in one line, for a hint.
    Malformed(String),
}

/// A `t=<time>,v1=<hex>` header (livepeer, livepeer-docs, mux).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimedHeader {
    /// `t` exactly as sent: senders sign this text, so it is reused verbatim.
    pub t_raw: String,
    /// `t` as a number, in the scheme's unit.
    pub t: i64,
    /// Every well-formed `v1` tag (several during a secret rotation).
    pub v1: Vec<Tag>,
}

/// Parse every copy of a `t=...,v1=...` header. Copies are merged, as a proxy joining repeated
/// headers with commas would; unknown keys (`v0=`, `v2=`) are ignored.
pub fn timed_header(values: &[&[u8]]) -> Result<TimedHeader, HeaderError> {
    if values.iter().all(|v| v.trim_ascii().is_empty()) {
        return Err(HeaderError::Missing);
    }
    let mut t: Option<(&str, i64)> = None;
    let mut v1 = Vec::new();
    let mut bad_v1 = 0usize;
    for value in values {
        let text = std::str::from_utf8(value)
            .map_err(|_| malformed("the signature header is not valid UTF-8 text"))?;
        for item in text.split(',') {
            let item = item.trim();
            if item.is_empty() {
                continue;
            }
            let Some((key, val)) = item.split_once('=') else {
                return Err(malformed(
                    "expected comma-separated key=value pairs like 't=<time>,v1=<hex>'",
                ));
            };
            let (key, val) = (key.trim(), val.trim());
            match key {
                "t" => {
                    let n = super::time::parse_digits(val).ok_or_else(|| {
                        malformed("t is not a Unix time (digits only, seconds or milliseconds)")
                    })?;
                    match t {
                        Some((seen, _)) if seen != val => {
                            return Err(malformed("the header carries two different t values"));
                        }
                        _ => t = Some((val, n)),
                    }
                }
                "v1" => match decode_hex_tag(val) {
                    Some(tag) => v1.push(tag),
                    None => bad_v1 += 1,
                },
                _ => {}
            }
        }
    }
    let Some((t_raw, t)) = t else {
        return Err(malformed("no t=<time> in the signature header"));
    };
    if v1.is_empty() {
        return Err(malformed(if bad_v1 > 0 {
            "v1 is not a 64-digit hex HMAC-SHA256"
        } else {
            "no v1=<signature> in the signature header"
        }));
    }
    Ok(TimedHeader {
        t_raw: t_raw.to_owned(),
        t,
        v1,
    })
}

/// Every base64 tag of a FastPix header (one per copy of the header).
pub fn fastpix_header(values: &[&[u8]]) -> Result<Vec<Tag>, HeaderError> {
    if values.iter().all(|v| v.trim_ascii().is_empty()) {
        return Err(HeaderError::Missing);
    }
    let tags: Vec<Tag> = values
        .iter()
        .filter_map(|v| decode_b64_tag(v.trim_ascii()))
        .collect();
    if tags.is_empty() {
        return Err(malformed(
            "the FastPix-Signature header is not a base64 HMAC-SHA256 (44 characters)",
        ));
    }
    Ok(tags)
}

/// Every `v1,<base64>` tag of a standard-webhooks `webhook-signature` header (a space-separated
/// list; other versions such as `v1a,` are ignored).
pub fn standard_signatures(values: &[&[u8]]) -> Result<Vec<Tag>, HeaderError> {
    if values.iter().all(|v| v.trim_ascii().is_empty()) {
        return Err(HeaderError::Missing);
    }
    let mut tags = Vec::new();
    let mut bad = 0usize;
    for value in values {
        for token in value.split(u8::is_ascii_whitespace) {
            if token.is_empty() {
                continue;
            }
            let Some(comma) = token.iter().position(|b| *b == b',') else {
                bad += 1;
                continue;
            };
            let (version, sig) = (&token[..comma], &token[comma + 1..]);
            if version == b"v1" {
                match decode_b64_tag(sig) {
                    Some(tag) => tags.push(tag),
                    None => bad += 1,
                }
            }
        }
    }
    if tags.is_empty() {
        return Err(malformed(if bad > 0 {
            "webhook-signature is not a list of 'v1,<base64 HMAC-SHA256>'"
        } else {
            "webhook-signature has no v1 signature"
        }));
    }
    Ok(tags)
}

/// The single value of a header that must appear once (repeats are fine when identical).
pub fn single_value<'a>(values: &[&'a [u8]], name: &str) -> Result<&'a str, HeaderError> {
    let mut found: Option<&str> = None;
    for value in values {
        let text = std::str::from_utf8(value.trim_ascii())
            .map_err(|_| malformed(format!("the {name} header is not valid UTF-8 text")))?;
        if text.is_empty() {
            continue;
        }
        match found {
            Some(seen) if seen != text => {
                return Err(malformed(format!("two different {name} headers")));
            }
            _ => found = Some(text),
        }
    }
    found.ok_or_else(|| malformed(format!("the {name} header is missing")))
}

fn malformed(why: impl Into<String>) -> HeaderError {
    HeaderError::Malformed(why.into())
}

fn decode_hex_tag(text: &str) -> Option<Tag> {
    let mut tag = [0u8; 32];
    // Accept either case: the MAC is the same bytes, and hex decoding happens before comparing.
    hex::decode_to_slice(text, &mut tag).ok()?;
    Some(tag)
}

fn decode_b64_tag(text: &[u8]) -> Option<Tag> {
    // A 32-byte tag is 44 characters; refusing longer input early bounds the work.
    if text.len() > 64 {
        return None;
    }
    let bytes = base64::engine::general_purpose::STANDARD_PAD_INDIFFERENT
        .decode(text)
        .ok()?;
    bytes.try_into().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex64(byte: u8) -> String {
        hex::encode([byte; 32])
    }

    #[test]
    fn timed_headers_merge_copies_and_ignore_unknown_versions() {
        let a = format!("t=123,v1={},v0=zz", hex64(1));
        let b = format!(" t=123 , v1={} ,v9=whatever", hex64(2).to_uppercase());
        let parsed = timed_header(&[a.as_bytes(), b.as_bytes()]).unwrap();
        assert_eq!(parsed.t, 123);
        assert_eq!(parsed.t_raw, "123");
        assert_eq!(parsed.v1, vec![[1u8; 32], [2u8; 32]]);
    }

    #[test]
    fn timed_headers_refuse_what_cannot_be_checked() {
        let v1 = hex64(1);
        let cases: Vec<(String, &str)> = vec![
            ("v1-only-garbage".into(), "key=value"),
            (format!("v1={v1}"), "no t="),
            ("t=123".into(), "no v1="),
            ("t=123,v1=zzzz".into(), "64-digit hex"),
            (format!("t=12x,v1={v1}"), "not a Unix time"),
            (format!("t=1,t=2,v1={v1}"), "two different t"),
        ];
        for (header, why) in cases {
            match timed_header(&[header.as_bytes()]) {
                Err(HeaderError::Malformed(text)) => {
                    assert!(text.contains(why), "{header:?}: {text:?} lacks {why:?}")
                }
                other => panic!("{header:?}: expected malformed, got {other:?}"),
            }
        }
        assert_eq!(timed_header(&[]), Err(HeaderError::Missing));
        assert_eq!(timed_header(&[b"  "]), Err(HeaderError::Missing));
        assert!(matches!(
            timed_header(&[b"t=1,v1=\xff"]),
            Err(HeaderError::Malformed(_))
        ));
    }

    #[test]
    fn standard_signature_lists_keep_v1_only() {
        use base64::engine::general_purpose::STANDARD;
        let one = STANDARD.encode([1u8; 32]);
        let two = STANDARD.encode([2u8; 32]);
        let header = format!("v1a,{one} v1,{one}  v1,{two}");
        let tags = standard_signatures(&[header.as_bytes()]).unwrap();
        assert_eq!(tags, vec![[1u8; 32], [2u8; 32]]);
        assert!(matches!(
            standard_signatures(&[b"v1,not-base64!"]),
            Err(HeaderError::Malformed(_))
        ));
        assert!(matches!(
            standard_signatures(&[format!("v2,{one}").as_bytes()]),
            Err(HeaderError::Malformed(_))
        ));
    }

    #[test]
    fn single_values_refuse_conflicts() {
        assert_eq!(single_value(&[b"a", b" a "], "webhook-id"), Ok("a"));
        assert!(single_value(&[b"a", b"b"], "webhook-id").is_err());
        assert!(single_value(&[], "webhook-id").is_err());
    }
}
