//! Deciding a delivery's verdict and writing its one-line hint, including the hints for the
//! usual confusions: Studio's real form vs the guide's, seconds vs milliseconds, wrong scheme.

use hmac::Mac;

use super::parse::{self, HeaderError, Tag};
use super::time::{MILLIS_THRESHOLD, TimeUnit};
use super::{
    HeaderSource, HmacSha256, Reason, Scheme, Verdict, WEBHOOK_ID, WEBHOOK_SIGNATURE,
    WEBHOOK_TIMESTAMP, key_bytes, mac, schemes_present,
};
use crate::humane::Duration as Human;
use crate::redacted::Secret;

/// `body_stamp` gives the body's `timestamp` ([`body_timestamp`]'s reading), asked for only
/// when the livepeer scheme needs it.
pub(super) fn verify(
    scheme: Scheme,
    secrets: &[Secret],
    headers: &(impl HeaderSource + ?Sized),
    body: &[u8],
    body_stamp: impl FnOnce() -> Option<i64>,
    now_ms: i64,
    tolerance_ms: i64,
) -> Verdict {
    let keys = prepare(scheme, secrets);
    verify_prepared(
        scheme,
        &keys,
        secrets.len(),
        headers,
        body,
        body_stamp,
        now_ms,
        tolerance_ms,
    )
}

/// Each usable secret as an HMAC keyed with it: the key schedule (two SHA-256 blocks) is done
/// here once, and each check clones the keyed state. Secrets not in the scheme's form are left
/// out (and reported by the hint when nothing matches).
pub(super) fn prepare(scheme: Scheme, secrets: &[Secret]) -> Vec<HmacSha256> {
    secrets
        .iter()
        .filter_map(|s| key_bytes(scheme, s).ok())
        .map(|key| mac(&key, &[]))
        .collect()
}

/// [`verify`] with keys from [`prepare`]; `secrets` is how many secrets were given.
#[allow(clippy::too_many_arguments)]
pub(super) fn verify_prepared(
    scheme: Scheme,
    keys: &[HmacSha256],
    secrets: usize,
    headers: &(impl HeaderSource + ?Sized),
    body: &[u8],
    body_stamp: impl FnOnce() -> Option<i64>,
    now_ms: i64,
    tolerance_ms: i64,
) -> Verdict {
    if secrets == 0 {
        // Tell a signed delivery from an unsigned one, though neither can be checked.
        return if headers.get_all(scheme.signature_header()).is_empty() {
            verdict(
                Reason::Unsigned,
                "no signature, and no secret given: nothing was checked (pass --secret or set \
                 LPWH_WEBHOOK_SECRET to require signatures)",
            )
        } else {
            verdict(
                Reason::Unchecked,
                "signed, but no secret given, so the signature was not checked: pass --secret or \
                 set LPWH_WEBHOOK_SECRET",
            )
        };
    }
    let tolerance_ms = tolerance_ms.max(0);
    let result = match scheme {
        Scheme::Livepeer | Scheme::LivepeerDocs | Scheme::Mux => timed(
            scheme,
            keys,
            secrets,
            headers,
            body,
            body_stamp,
            now_ms,
            tolerance_ms,
        ),
        Scheme::Fastpix => fastpix(keys, secrets, headers, body),
        Scheme::StandardWebhooks => standard(keys, secrets, headers, body, now_ms, tolerance_ms),
    };
    match result {
        Ok(v) | Err(v) => v,
    }
}

type Outcome = Result<Verdict, Verdict>;

fn verdict(reason: Reason, hint: impl Into<String>) -> Verdict {
    Verdict {
        reason,
        hint: Some(hint.into()),
        timestamp_ms: None,
        age_ms: None,
    }
}

/// Does any tag match the MAC of `parts` under any key? Each comparison is constant-time.
fn matches(keys: &[HmacSha256], parts: &[&[u8]], tags: &[Tag]) -> bool {
    keys.iter().any(|key| {
        let mut base = key.clone();
        for part in parts {
            base.update(part);
        }
        tags.iter().any(|t| base.clone().verify_slice(t).is_ok())
    })
}

fn header_problem(
    err: HeaderError,
    scheme: Scheme,
    headers: &(impl HeaderSource + ?Sized),
) -> Verdict {
    match err {
        HeaderError::Missing => {
            let others: Vec<&str> = schemes_present(headers)
                .into_iter()
                .filter(|s| s.signature_header() != scheme.signature_header())
                .map(Scheme::as_str)
                .collect();
            let hint = if let Some(other) = others.first() {
                format!(
                    "no {} header, but the request is signed another way: try --scheme {other}",
                    scheme.signature_header()
                )
            } else {
                format!(
                    "no {} header: the request was not signed, or a proxy dropped the header",
                    scheme.signature_header()
                )
            };
            verdict(Reason::MissingSignature, hint)
        }
        HeaderError::Malformed(why) => verdict(Reason::MalformedSignature, why),
    }
}

/// The generic "nothing matched" hint, sized to how many secrets were tried.
fn no_match_hint(keys: &[HmacSha256], secrets: usize, what: &str) -> String {
    if keys.is_empty() {
        return "the secret is not in this scheme's form (base64, or whsec_ then base64), \
                so nothing could match"
            .into();
    }
    let tried = match secrets {
        1 => "the secret".to_owned(),
        n => format!("any of the {n} secrets"),
    };
    format!(
        "no signature matches {what} with {tried}: check the secret, and that the body is the \
         raw bytes received (not re-serialized JSON)"
    )
}

/// livepeer, livepeer-docs and mux: `t=<time>,v1=<hex>`.
#[allow(clippy::too_many_arguments)]
fn timed(
    scheme: Scheme,
    keys: &[HmacSha256],
    secrets: usize,
    headers: &(impl HeaderSource + ?Sized),
    body: &[u8],
    body_stamp: impl FnOnce() -> Option<i64>,
    now_ms: i64,
    tolerance_ms: i64,
) -> Outcome {
    let header = parse::timed_header(&headers.get_all(scheme.signature_header()))
        .map_err(|e| header_problem(e, scheme, headers))?;
    let unit = scheme.timestamp_unit().unwrap_or(TimeUnit::Seconds);
    // t has at most 18 digits, so the product only overflows for seconds beyond any real clock.
    let t_ms = unit.to_ms(header.t);
    let stamp = |reason: Reason, hint: Option<String>| Verdict {
        reason,
        hint,
        timestamp_ms: t_ms,
        age_ms: t_ms.map(|t| now_ms.saturating_sub(t)),
    };

    // The other form is computed only on failure, for the hint: passes pay for one MAC per key.
    let body_alone = || matches(keys, &[body], &header.v1);
    let t_dot_body = || matches(keys, &[header.t_raw.as_bytes(), b".", body], &header.v1);
    let signed = match scheme {
        Scheme::Livepeer => body_alone(),
        _ => t_dot_body(),
    };
    if !signed {
        let hint = match scheme {
            Scheme::Livepeer if t_dot_body() => {
                "signature matches the documented t.body form (seconds), but Studio signs the body \
                 alone with t in ms: use --scheme livepeer-docs if your sender follows the guide"
                    .to_owned()
            }
            Scheme::LivepeerDocs if body_alone() => {
                "signature matches Studio's real form (the body alone, t in ms), not the guide's \
                 t.body form: use --scheme livepeer for deliveries from Studio"
                    .to_owned()
            }
            Scheme::Mux if body_alone() => {
                "signature matches an HMAC of the body alone (Livepeer Studio's form), not Mux's \
                 t.body: try --scheme livepeer"
                    .to_owned()
            }
            Scheme::Livepeer => no_match_hint(keys, secrets, "the raw body"),
            _ => no_match_hint(keys, secrets, "'<t>.<body>'"),
        };
        return Err(stamp(Reason::BadSignature, Some(hint)));
    }
    let Some(t_ms) = t_ms else {
        return Err(stamp(
            Reason::StaleTimestamp,
            Some(format!(
                "t={} is not a plausible Unix time in seconds",
                header.t
            )),
        ));
    };

    let mut caveat = None;
    if scheme == Scheme::Livepeer {
        match body_stamp() {
            Some(body_t) if body_t != header.t => {
                let hint = if header.t < MILLIS_THRESHOLD && body_t.div_euclid(1000) == header.t {
                    format!(
                        "t={} is in seconds, but Studio writes t in milliseconds, equal to the \
                         body's timestamp ({body_t})",
                        header.t
                    )
                } else {
                    format!(
                        "the header's t ({}) differs from the signed body's timestamp ({body_t}): \
                         t was altered, or the sender stamps them separately (Studio keeps them equal)",
                        header.t
                    )
                };
                return Err(stamp(Reason::TimestampMismatch, Some(hint)));
            }
            Some(_) => {}
            None => {
                caveat = Some(
                    "the body has no numeric timestamp, so freshness rests on the unsigned t \
                     in the header"
                        .to_owned(),
                );
            }
        }
    }
    fresh(scheme, header.t, t_ms, now_ms, tolerance_ms)
        .map_err(|hint| stamp(Reason::StaleTimestamp, Some(hint)))?;
    Ok(stamp(Reason::Ok, caveat))
}

/// Is `t_ms` within `tolerance_ms` of `now_ms`? If not, a hint that spots unit confusion.
fn fresh(scheme: Scheme, t: i64, t_ms: i64, now_ms: i64, tolerance_ms: i64) -> Result<(), String> {
    let age = now_ms.saturating_sub(t_ms);
    if age.unsigned_abs() <= tolerance_ms.unsigned_abs() {
        return Ok(());
    }
    let unit = scheme.timestamp_unit();
    if unit == Some(TimeUnit::Millis) && t < MILLIS_THRESHOLD {
        return Err(format!(
            "t={t} looks like seconds, but {scheme} writes t in milliseconds"
        ));
    }
    if unit == Some(TimeUnit::Seconds) && t >= MILLIS_THRESHOLD {
        let extra = if scheme == Scheme::LivepeerDocs {
            " (Studio's real deliveries use ms and sign the body alone: try --scheme livepeer)"
        } else {
            ""
        };
        return Err(format!(
            "t={t} looks like milliseconds, but {scheme} writes its timestamp in seconds{extra}"
        ));
    }
    let when = if age >= 0 {
        format!("{} old", Human(age))
    } else {
        format!("{} in the future", Human(age))
    };
    Err(format!(
        "the timestamp is {when}, beyond the {} tolerance: a replay, a late retry or clocks out \
         of sync (re-sign it, or widen --tolerance)",
        Human(tolerance_ms)
    ))
}

/// The signed body's `timestamp`, when it is a JSON object with an integral numeric one.
pub(super) fn body_timestamp(body: &[u8]) -> Option<i64> {
    #[derive(serde::Deserialize)]
    struct Stamped {
        timestamp: Option<serde_json::Number>,
    }
    let n = serde_json::from_slice::<Stamped>(body).ok()?.timestamp?;
    timestamp_of(&n)
}

pub(super) fn timestamp_of(n: &serde_json::Number) -> Option<i64> {
    n.as_i64().or_else(|| {
        let f = n.as_f64()?;
        // Only integral values in i64's exact range count as a timestamp.
        (f.fract() == 0.0 && f.abs() < 9.0e15).then_some(f as i64)
    })
}

fn fastpix(
    keys: &[HmacSha256],
    secrets: usize,
    headers: &(impl HeaderSource + ?Sized),
    body: &[u8],
) -> Outcome {
    let scheme = Scheme::Fastpix;
    let tags = parse::fastpix_header(&headers.get_all(scheme.signature_header()))
        .map_err(|e| header_problem(e, scheme, headers))?;
    if !matches(keys, &[body], &tags) {
        return Err(verdict(
            Reason::BadSignature,
            no_match_hint(keys, secrets, "the raw body"),
        ));
    }
    Ok(verdict(
        Reason::Ok,
        "FastPix signatures carry no timestamp: freshness cannot be checked (drop repeats by the \
         body's id)",
    ))
}

fn standard(
    keys: &[HmacSha256],
    secrets: usize,
    headers: &(impl HeaderSource + ?Sized),
    body: &[u8],
    now_ms: i64,
    tolerance_ms: i64,
) -> Outcome {
    let scheme = Scheme::StandardWebhooks;
    let tags = parse::standard_signatures(&headers.get_all(WEBHOOK_SIGNATURE))
        .map_err(|e| header_problem(e, scheme, headers))?;
    let problem = |e| header_problem(e, scheme, headers);
    let id = parse::single_value(&headers.get_all(WEBHOOK_ID), WEBHOOK_ID).map_err(problem)?;
    let ts_raw = parse::single_value(&headers.get_all(WEBHOOK_TIMESTAMP), WEBHOOK_TIMESTAMP)
        .map_err(problem)?;
    let Some(t) = super::time::parse_digits(ts_raw) else {
        return Err(verdict(
            Reason::MalformedSignature,
            "webhook-timestamp is not a Unix time in seconds",
        ));
    };
    let t_ms = TimeUnit::Seconds.to_ms(t);
    let stamp = |reason: Reason, hint: Option<String>| Verdict {
        reason,
        hint,
        timestamp_ms: t_ms,
        age_ms: t_ms.map(|t| now_ms.saturating_sub(t)),
    };
    let parts: [&[u8]; 5] = [id.as_bytes(), b".", ts_raw.as_bytes(), b".", body];
    if !matches(keys, &parts, &tags) {
        return Err(stamp(
            Reason::BadSignature,
            Some(no_match_hint(keys, secrets, "'<id>.<timestamp>.<body>'")),
        ));
    }
    let Some(t_ms) = t_ms else {
        return Err(stamp(
            Reason::StaleTimestamp,
            Some(format!(
                "webhook-timestamp {t} is not a plausible Unix time"
            )),
        ));
    };
    fresh(scheme, t, t_ms, now_ms, tolerance_ms)
        .map_err(|hint| stamp(Reason::StaleTimestamp, Some(hint)))?;
    Ok(stamp(Reason::Ok, None))
}
