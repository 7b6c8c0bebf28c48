//! `lpwh listen --scheme ...`: a fresh delivery signed by this test (its own HMAC code, per
//! signatures.md) verifies for every scheme, a wrong secret does not, and the most common
//! Livepeer confusion (the guide's `t.body` form sent to a real-Studio listener) is named.

use crate::support::listen::*;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{KeyInit, Mac};

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

fn mac(key: &[u8], parts: &[&[u8]]) -> Vec<u8> {
    let mut m = <HmacSha256 as KeyInit>::new_from_slice(key).unwrap();
    for p in parts {
        m.update(p);
    }
    m.finalize().into_bytes().to_vec()
}

/// Signature headers for `body` under `scheme` with `secret`, stamped now.
fn headers(scheme: &str, secret: &str, body: &[u8], t_ms: i64) -> Vec<String> {
    let t_s = (t_ms / 1000).to_string();
    match scheme {
        "livepeer" => vec![format!(
            "Livepeer-Signature: t={t_ms},v1={}",
            hex::encode(mac(secret.as_bytes(), &[body]))
        )],
        "livepeer-docs" => vec![format!(
            "Livepeer-Signature: t={t_s},v1={}",
            hex::encode(mac(secret.as_bytes(), &[t_s.as_bytes(), b".", body]))
        )],
        "mux" => vec![format!(
            "Mux-Signature: t={t_s},v1={}",
            hex::encode(mac(secret.as_bytes(), &[t_s.as_bytes(), b".", body]))
        )],
        "fastpix" => {
            let key = STANDARD.decode(secret).unwrap();
            vec![format!(
                "FastPix-Signature: {}",
                STANDARD.encode(mac(&key, &[body]))
            )]
        }
        "standard-webhooks" => {
            let key = STANDARD
                .decode(secret.strip_prefix("whsec_").unwrap())
                .unwrap();
            let id = "msg_listen_test";
            vec![
                format!("webhook-id: {id}"),
                format!("webhook-timestamp: {t_s}"),
                format!(
                    "webhook-signature: v1,{}",
                    STANDARD.encode(mac(
                        &key,
                        &[id.as_bytes(), b".", t_s.as_bytes(), b".", body]
                    ))
                ),
            ]
        }
        other => panic!("unknown scheme {other}"),
    }
}

#[test]
fn every_scheme_verifies_fresh_deliveries_and_refuses_wrong_secrets() {
    let cases = [
        ("livepeer", "lp-secret", "other-secret"),
        ("livepeer-docs", "lp-secret", "other-secret"),
        ("mux", "mux-secret", "other-secret"),
        ("fastpix", "ZGVtby1zZWNyZXQ=", "b3RoZXItc2VjcmV0"),
        (
            "standard-webhooks",
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "whsec_b3RoZXItc2VjcmV0LW90aGVyLXNlY3JldA==",
        ),
    ];
    for (scheme, secret, wrong) in cases {
        let listener = Listener::start(&["--scheme", scheme, "--secret", secret, "--json"]);
        let t = now_ms();
        let body = delivery("asset.ready", &new_id(), t);
        let ok = raw_exchange(
            &listener.addr,
            &post("/", &headers(scheme, secret, &body, t), &body),
        );
        assert_eq!(
            ok.statuses,
            [200],
            "{scheme}: {}\n{}",
            ok.text,
            listener.stderr()
        );
        let t = now_ms();
        let body = delivery("asset.ready", &new_id(), t);
        let bad = raw_exchange(
            &listener.addr,
            &post("/", &headers(scheme, wrong, &body, t), &body),
        );
        assert_eq!(bad.statuses, [401], "{scheme}: {}", bad.text);
        assert!(bad.text.contains("bad_signature"), "{scheme}: {}", bad.text);
        let lines = listener.wait_lines(2);
        let first: serde_json::Value = serde_json::from_str(&lines[0]).unwrap();
        assert_eq!(first["verdict"], "ok", "{scheme}: {first}");
        assert!(listener.stderr().contains(&format!("scheme {scheme}")));
    }
}

#[test]
fn the_guides_form_sent_to_a_studio_listener_is_named_in_the_hint() {
    let listener = Listener::start(&["--secret", "lp-secret"]);
    let t = now_ms();
    let body = delivery("stream.started", &new_id(), t);
    let raw = raw_exchange(
        &listener.addr,
        &post("/", &headers("livepeer-docs", "lp-secret", &body, t), &body),
    );
    assert_eq!(raw.statuses, [401]);
    let answer: serde_json::Value =
        serde_json::from_str(raw.text.split("\r\n\r\n").nth(1).unwrap()).unwrap();
    let hint = answer["hint"].as_str().unwrap();
    assert!(hint.contains("--scheme livepeer-docs"), "{hint}");
    let lines = listener.wait_lines(2);
    assert!(lines[1].contains("--scheme livepeer-docs"), "{lines:?}");
}
