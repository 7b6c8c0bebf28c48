//! Verify throughput on 1 KiB bodies, for every scheme (criterion). Run: `cargo bench --bench verify`.
//! Also measures `sign`, and verify with two secrets (a rotation) and with a failing MAC, whose
//! extra work (trying the other Livepeer form for the hint) only failures pay.

use std::hint::black_box;

use base64::Engine;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use lpwh::redacted::Secret;
use lpwh::signature::{self, Scheme};

const AT_MS: i64 = 1_763_790_000_123;

/// A 1 KiB Livepeer-shaped JSON body whose `timestamp` equals the signature's t.
fn body_1k() -> Vec<u8> {
    let head = format!(
        "{{\"id\":\"9f1c7d2a-5b1e-4c3a-8d6f-2a7b9c0e1f23\",\"webhookId\":\"e7b8a281\",\"createdAt\":{AT_MS},\"timestamp\":{AT_MS},\"event\":\"stream.started\",\"stream\":{{\"name\":\""
    );
    let tail = "\"}}";
    let pad = 1024 - head.len() - tail.len();
    let body = format!("{head}{}{tail}", "x".repeat(pad));
    assert_eq!(body.len(), 1024);
    body.into_bytes()
}

fn secret_for(scheme: Scheme) -> Secret {
    let b64 = base64::engine::general_purpose::STANDARD.encode(b"benchmark signing secret 32 byte");
    match scheme {
        Scheme::Fastpix => Secret::new(b64),
        Scheme::StandardWebhooks => Secret::new(format!("whsec_{b64}")),
        _ => Secret::new("benchmark-shared-secret"),
    }
}

fn bench(c: &mut Criterion) {
    let body = body_1k();
    let mut group = c.benchmark_group("verify_1KiB");
    group.throughput(Throughput::Bytes(body.len() as u64));
    for scheme in Scheme::ALL {
        let secret = secret_for(scheme);
        let headers = signature::sign(scheme, &secret, &body, AT_MS, Some("msg_bench")).unwrap();
        let secrets = [secret.clone()];
        group.bench_function(scheme.as_str(), |b| {
            b.iter(|| {
                let v = signature::verify(
                    scheme,
                    black_box(&secrets),
                    black_box(headers.as_slice()),
                    black_box(&body),
                    AT_MS + 1_500,
                    300_000,
                );
                assert!(v.is_ok());
                v
            })
        });
    }
    let secret = secret_for(Scheme::Livepeer);
    let headers = signature::sign(Scheme::Livepeer, &secret, &body, AT_MS, None).unwrap();
    let rotation = [Secret::new("an-older-secret"), secret.clone()];
    group.bench_function("livepeer_two_secrets", |b| {
        b.iter(|| {
            signature::verify(
                Scheme::Livepeer,
                black_box(&rotation),
                headers.as_slice(),
                &body,
                AT_MS,
                300_000,
            )
        })
    });
    let wrong = [Secret::new("wrong")];
    group.bench_function("livepeer_bad_signature", |b| {
        b.iter(|| {
            signature::verify(
                Scheme::Livepeer,
                black_box(&wrong),
                headers.as_slice(),
                &body,
                AT_MS,
                300_000,
            )
        })
    });
    group.finish();

    let mut group = c.benchmark_group("sign_1KiB");
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function("livepeer", |b| {
        b.iter(|| signature::sign(Scheme::Livepeer, &secret, black_box(&body), AT_MS, None))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
