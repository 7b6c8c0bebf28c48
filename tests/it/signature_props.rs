//! Properties of `lpwh::signature` over generated inputs: sign→verify round-trips for every
//! scheme, any changed body or MAC byte fails, times outside the tolerance fail, and arbitrary
//! headers never panic.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use lpwh::redacted::Secret;
use lpwh::signature::{self, Reason, Scheme};
use proptest::prelude::*;

fn scheme() -> impl Strategy<Value = Scheme> {
    prop::sample::select(Scheme::ALL.to_vec())
}

/// A secret in the form `scheme` expects: text, base64, or `whsec_` + base64.
fn secret_for(scheme: Scheme) -> BoxedStrategy<Secret> {
    match scheme {
        Scheme::Fastpix => prop::collection::vec(any::<u8>(), 1..64)
            .prop_map(|k| Secret::new(STANDARD.encode(k)))
            .boxed(),
        Scheme::StandardWebhooks => prop::collection::vec(any::<u8>(), 1..64)
            .prop_map(|k| Secret::new(format!("whsec_{}", STANDARD.encode(k))))
            .boxed(),
        _ => "[^\u{0}]{1,40}".prop_map(Secret::new).boxed(),
    }
}

#[derive(Debug, Clone)]
struct Case {
    scheme: Scheme,
    secret: Secret,
    body: Vec<u8>,
    at_ms: i64,
    id: String,
}

fn case() -> impl Strategy<Value = Case> {
    scheme().prop_flat_map(|scheme| {
        (
            secret_for(scheme),
            prop::collection::vec(any::<u8>(), 0..1024),
            // 1970 to 2100, in ms.
            0i64..4_102_444_800_000,
            "[A-Za-z0-9_]{1,32}",
        )
            .prop_map(move |(secret, body, at_ms, id)| Case {
                scheme,
                secret,
                body,
                at_ms,
                id: format!("msg_{id}"),
            })
    })
}

impl Case {
    fn sign(&self) -> Vec<(String, String)> {
        signature::sign(
            self.scheme,
            &self.secret,
            &self.body,
            self.at_ms,
            Some(&self.id),
        )
        .unwrap()
    }

    fn verify(&self, headers: &[(String, String)], body: &[u8], now_ms: i64) -> signature::Verdict {
        signature::verify(
            self.scheme,
            std::slice::from_ref(&self.secret),
            headers,
            body,
            now_ms,
            TOLERANCE_MS,
        )
    }
}

const TOLERANCE_MS: i64 = 300_000;

/// Seconds schemes write the time rounded down, so "now" is at most 999 ms after `t`.
const ROUNDING_MS: i64 = 999;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn what_is_signed_verifies(case in case(), skew in -TOLERANCE_MS + ROUNDING_MS..TOLERANCE_MS - ROUNDING_MS) {
        let headers = case.sign();
        let verdict = case.verify(&headers, &case.body, case.at_ms + skew);
        prop_assert_eq!(verdict.reason, Reason::Ok, "{:?}", verdict);
    }

    #[test]
    fn any_changed_body_byte_fails(case in case(), index in any::<prop::sample::Index>(), flip in 1u8..=255) {
        prop_assume!(!case.body.is_empty());
        let headers = case.sign();
        let mut body = case.body.clone();
        let at = index.index(body.len());
        body[at] ^= flip;
        let verdict = case.verify(&headers, &body, case.at_ms);
        prop_assert_eq!(verdict.reason, Reason::BadSignature, "{:?}", verdict);
        prop_assert!(verdict.hint.is_some_and(|h| !h.is_empty()));
    }

    #[test]
    fn any_changed_mac_byte_fails(case in case(), index in 0usize..32, flip in 1u8..=255) {
        let mut headers = case.sign();
        let (_, value) = headers
            .iter_mut()
            .find(|(k, _)| k.eq_ignore_ascii_case(case.scheme.signature_header()))
            .unwrap();
        *value = flip_mac_byte(case.scheme, value, index, flip);
        let verdict = case.verify(&headers, &case.body, case.at_ms);
        prop_assert_eq!(verdict.reason, Reason::BadSignature, "{:?}", verdict);
    }

    #[test]
    fn times_outside_the_tolerance_fail(case in case(), beyond in 1_000i64..10_000_000_000, future in any::<bool>()) {
        prop_assume!(case.scheme != Scheme::Fastpix); // carries no time at all
        let headers = case.sign();
        let now = if future {
            case.at_ms - TOLERANCE_MS - beyond
        } else {
            case.at_ms + TOLERANCE_MS + beyond
        };
        let verdict = case.verify(&headers, &case.body, now);
        prop_assert_eq!(verdict.reason, Reason::StaleTimestamp, "{:?}", verdict);
        prop_assert!(verdict.hint.is_some_and(|h| !h.is_empty() && !h.contains('\n')));
    }

    #[test]
    fn arbitrary_headers_never_panic(
        scheme in scheme(),
        headers in prop::collection::vec((header_name(), any::<String>()), 0..6),
        body in prop::collection::vec(any::<u8>(), 0..256),
        secrets in prop::collection::vec(any::<String>().prop_map(Secret::new), 0..3),
        now in any::<i64>(),
        tolerance in any::<i64>(),
    ) {
        let verdict = signature::verify(scheme, &secrets, headers.as_slice(), &body, now, tolerance);
        if !verdict.is_ok() {
            let hint = verdict.hint.unwrap_or_default();
            prop_assert!(!hint.is_empty() && !hint.contains('\n'));
        }
    }

    #[test]
    fn near_miss_headers_never_panic(
        case in case(),
        mutation in "[ -~]{0,12}",
        at in any::<prop::sample::Index>(),
        now in any::<i64>(),
    ) {
        // Splice printable junk into a real header value: the parser's hardest inputs.
        let mut headers = case.sign();
        let last = headers.len() - 1;
        let value = &mut headers[last].1;
        let mut cut = at.index(value.len() + 1);
        while !value.is_char_boundary(cut) { cut -= 1; }
        value.insert_str(cut, &mutation);
        let _ = case.verify(&headers, &case.body, now);
    }
}

fn header_name() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "Livepeer-Signature".to_owned(),
            "FastPix-Signature".to_owned(),
            "Mux-Signature".to_owned(),
            "webhook-id".to_owned(),
            "webhook-timestamp".to_owned(),
            "webhook-signature".to_owned(),
        ]),
        any::<String>(),
    ]
}

/// The signature header with byte `index` of its MAC changed (decoded, flipped, re-encoded).
fn flip_mac_byte(scheme: Scheme, value: &str, index: usize, flip: u8) -> String {
    match scheme {
        Scheme::Fastpix => {
            let mut tag = STANDARD.decode(value).unwrap();
            tag[index] ^= flip;
            STANDARD.encode(tag)
        }
        Scheme::StandardWebhooks => {
            let mut tag = STANDARD.decode(value.strip_prefix("v1,").unwrap()).unwrap();
            tag[index] ^= flip;
            format!("v1,{}", STANDARD.encode(tag))
        }
        _ => {
            let (t, v1) = value.split_once(",v1=").unwrap();
            let mut tag = hex::decode(v1).unwrap();
            tag[index] ^= flip;
            format!("{t},v1={}", hex::encode(tag))
        }
    }
}
