//! The signature library against the independently computed vectors, and the hints that
//! matter most (Studio's real form vs the guide's, seconds vs milliseconds).

use crate::support::vectors;

use lpwh::redacted::Secret;
use lpwh::signature::{self, Reason, Scheme};

fn tolerance_ms() -> i64 {
    vectors::load().tolerance_seconds * 1000
}

#[test]
fn every_accept_vector_verifies() {
    let v = vectors::load();
    for vector in &v.accept {
        let verdict = signature::verify(
            vector.scheme(),
            &[Secret::new(vector.secret.clone())],
            vector.header_pairs().as_slice(),
            vector.body.as_bytes(),
            vector.now_ms,
            tolerance_ms(),
        );
        assert_eq!(verdict.reason, Reason::Ok, "{}: {verdict:?}", vector.name);
        if let Some(t) = vector.signed_at_ms() {
            assert_eq!(verdict.timestamp_ms, Some(t), "{}", vector.name);
            assert_eq!(verdict.age_ms, Some(vector.now_ms - t), "{}", vector.name);
        }
    }
}

#[test]
fn signing_reproduces_every_accept_vector() {
    for vector in &vectors::load().accept {
        let scheme = vector.scheme();
        let id = vector.headers.get("webhook-id").and_then(|v| v.as_str());
        // Schemes without a timestamp ignore it; any value must give the same header.
        let at = vector.signed_at_ms().unwrap_or(vector.now_ms);
        let signed = signature::sign(
            scheme,
            &Secret::new(vector.secret.clone()),
            vector.body.as_bytes(),
            at,
            id,
        )
        .unwrap_or_else(|e| panic!("{}: {e}", vector.name));
        assert_eq!(signed, vector.signature_headers(), "{}", vector.name);
    }
}

#[test]
fn every_reject_vector_fails_for_its_reason_with_a_hint() {
    for vector in &vectors::load().reject {
        let verdict = signature::verify(
            vector.scheme(),
            &[Secret::new(vector.secret.clone())],
            vector.header_pairs().as_slice(),
            vector.body.as_bytes(),
            vector.now_ms,
            tolerance_ms(),
        );
        let expected = vector
            .expect_reason
            .as_deref()
            .expect("reject vectors name a reason");
        assert_eq!(
            verdict.reason.as_str(),
            expected,
            "{}: {verdict:?}",
            vector.name
        );
        let hint = verdict.hint.unwrap_or_default();
        assert!(
            !hint.is_empty() && !hint.contains('\n'),
            "{}: hint {hint:?}",
            vector.name
        );
        assert!(
            !hint.contains(&vector.secret),
            "{}: hint leaks the secret",
            vector.name
        );
    }
}

#[test]
fn rotation_accepts_any_matching_secret() {
    for vector in &vectors::load().accept {
        let secrets = [
            Secret::new("an-old-secret"),
            Secret::new(vector.secret.clone()),
        ];
        let verdict = signature::verify(
            vector.scheme(),
            &secrets,
            vector.header_pairs().as_slice(),
            vector.body.as_bytes(),
            vector.now_ms,
            tolerance_ms(),
        );
        assert_eq!(verdict.reason, Reason::Ok, "{}: {verdict:?}", vector.name);
    }
}

#[test]
fn header_names_are_case_insensitive() {
    for vector in &vectors::load().accept {
        let shouted: Vec<(String, String)> = vector
            .header_pairs()
            .into_iter()
            .map(|(k, v)| (k.to_ascii_uppercase(), v))
            .collect();
        let verdict = signature::verify(
            vector.scheme(),
            &[Secret::new(vector.secret.clone())],
            shouted.as_slice(),
            vector.body.as_bytes(),
            vector.now_ms,
            tolerance_ms(),
        );
        assert!(verdict.is_ok(), "{}: {verdict:?}", vector.name);
    }
}

fn accept(name: &str) -> vectors::Vector {
    vectors::load()
        .accept
        .into_iter()
        .find(|v| v.name == name)
        .unwrap_or_else(|| panic!("no accept vector {name}"))
}

#[test]
fn a_guide_form_signature_checked_as_livepeer_says_so() {
    let docs = accept("livepeer-docs-stream-started");
    let verdict = signature::verify(
        Scheme::Livepeer,
        &[Secret::new(docs.secret.clone())],
        docs.header_pairs().as_slice(),
        docs.body.as_bytes(),
        docs.now_ms,
        tolerance_ms(),
    );
    assert_eq!(verdict.reason, Reason::BadSignature);
    let hint = verdict.hint.unwrap();
    assert!(hint.contains("documented t.body form"), "{hint}");
    assert!(hint.contains("--scheme livepeer-docs"), "{hint}");
}

#[test]
fn a_real_studio_signature_checked_as_livepeer_docs_says_so() {
    let real = accept("livepeer-stream-started");
    let verdict = signature::verify(
        Scheme::LivepeerDocs,
        &[Secret::new(real.secret.clone())],
        real.header_pairs().as_slice(),
        real.body.as_bytes(),
        real.now_ms,
        tolerance_ms(),
    );
    assert_eq!(verdict.reason, Reason::BadSignature);
    let hint = verdict.hint.unwrap();
    assert!(hint.contains("--scheme livepeer "), "{hint}");
    assert!(hint.contains("body alone"), "{hint}");
}

#[test]
fn livepeer_t_in_seconds_is_called_out() {
    let real = accept("livepeer-stream-started");
    let t_ms = real.signed_at_ms().unwrap();
    // Same body, same MAC (t is not signed), but t written in seconds.
    let header = real.headers["Livepeer-Signature"]
        .as_str()
        .unwrap()
        .replace(&format!("t={t_ms}"), &format!("t={}", t_ms / 1000));
    let verdict = signature::verify(
        Scheme::Livepeer,
        &[Secret::new(real.secret.clone())],
        &[("Livepeer-Signature", header.as_str())][..],
        real.body.as_bytes(),
        real.now_ms,
        tolerance_ms(),
    );
    assert_eq!(verdict.reason, Reason::TimestampMismatch);
    assert!(verdict.hint.unwrap().contains("in seconds"));
}

#[test]
fn livepeer_docs_t_in_millis_is_called_out() {
    let docs = accept("livepeer-docs-stream-started");
    let secret = Secret::new(docs.secret.clone());
    // A sender that follows the guide's t.body form but writes t in ms.
    let t_ms = docs.signed_at_ms().unwrap();
    let t = t_ms.to_string();
    let mut message = format!("{t}.").into_bytes();
    message.extend_from_slice(docs.body.as_bytes());
    let mac = hmac_hex(docs.secret.as_bytes(), &message);
    let header = format!("t={t},v1={mac}");
    let verdict = signature::verify(
        Scheme::LivepeerDocs,
        &[secret],
        &[("Livepeer-Signature", header.as_str())][..],
        docs.body.as_bytes(),
        docs.now_ms,
        tolerance_ms(),
    );
    assert_eq!(verdict.reason, Reason::StaleTimestamp);
    assert!(verdict.hint.unwrap().contains("looks like milliseconds"));
}

#[test]
fn livepeer_without_a_body_timestamp_warns_that_freshness_is_unsigned() {
    let secret = Secret::new("s");
    let body = b"not json at all";
    let headers =
        signature::sign(Scheme::Livepeer, &secret, body, 1_763_790_000_000, None).unwrap();
    let verdict = signature::verify(
        Scheme::Livepeer,
        &[secret],
        headers.as_slice(),
        body,
        1_763_790_001_000,
        tolerance_ms(),
    );
    assert_eq!(verdict.reason, Reason::Ok);
    assert!(verdict.hint.unwrap().contains("unsigned"));
}

#[test]
fn fastpix_passes_with_a_freshness_caveat() {
    let fp = accept("fastpix-media-ready");
    let verdict = signature::verify(
        Scheme::Fastpix,
        &[Secret::new(fp.secret.clone())],
        fp.header_pairs().as_slice(),
        fp.body.as_bytes(),
        fp.now_ms,
        tolerance_ms(),
    );
    assert!(verdict.is_ok());
    assert!(
        verdict
            .hint
            .unwrap()
            .contains("freshness cannot be checked")
    );
    assert_eq!(verdict.timestamp_ms, None);
}

#[test]
fn no_secret_is_unchecked_or_unsigned_and_a_foreign_header_is_named() {
    let fp = accept("fastpix-media-ready");
    // Signed, but nothing to check it with.
    let verdict = signature::verify(
        Scheme::Fastpix,
        &[],
        fp.header_pairs().as_slice(),
        fp.body.as_bytes(),
        fp.now_ms,
        tolerance_ms(),
    );
    assert_eq!(verdict.reason, Reason::Unchecked);
    // No signature at all.
    let none: &[(&str, &str)] = &[];
    let verdict = signature::verify(
        Scheme::Fastpix,
        &[],
        none,
        fp.body.as_bytes(),
        fp.now_ms,
        tolerance_ms(),
    );
    assert_eq!(verdict.reason, Reason::Unsigned);

    let verdict = signature::verify(
        Scheme::Livepeer,
        &[Secret::new(fp.secret.clone())],
        fp.header_pairs().as_slice(),
        fp.body.as_bytes(),
        fp.now_ms,
        tolerance_ms(),
    );
    assert_eq!(verdict.reason, Reason::MissingSignature);
    assert!(verdict.hint.unwrap().contains("--scheme fastpix"));
}

/// HMAC-SHA256 written out from the hmac crate's primitives, independent of lpwh's code.
fn hmac_hex(key: &[u8], message: &[u8]) -> String {
    use hmac::{KeyInit, Mac};
    let mut mac = <hmac::Hmac<sha2::Sha256> as KeyInit>::new_from_slice(key).unwrap();
    mac.update(message);
    hex::encode(mac.finalize().into_bytes())
}
