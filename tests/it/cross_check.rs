//! `lpwh sign` checked by implementations that share no code with it: the `openssl` command
//! (hex and base64 HMACs) and Node's `crypto.createHmac`, written the way receivers are written
//! from the Studio guide (livepeer-docs) and from what Studio really sends (livepeer).
//! Both tools are required: a missing one fails the test instead of skipping it.

use std::path::{Path, PathBuf};
use std::process::Command as Std;

use tempfile::TempDir;

const SECRET: &str = "s3cr3t shared 'quoted' ünïcode";
const BODY: &str = "{\"id\":\"evt-42\",\"webhookId\":\"wh-1\",\"createdAt\":1763790000000,\"timestamp\":1763790000123,\"event\":\"asset.ready\",\"payload\":{\"asset\":{\"name\":\"café — 日本\"}}}";
const T_MS: &str = "1763790000123";

fn lpwh_sign(dir: &TempDir, extra: &[&str]) -> String {
    let out = crate::support::sandbox::lpwh(dir.path())
        .arg("sign")
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn write(dir: &TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// The value of `key=` in a `t=...,v1=...` header line.
fn field<'a>(line: &'a str, key: &str) -> &'a str {
    let value = line.split_once(": ").unwrap().1.trim();
    value
        .split(',')
        .find_map(|kv| kv.strip_prefix(&format!("{key}=")))
        .unwrap_or_else(|| panic!("no {key}= in {line}"))
}

/// `openssl dgst -sha256 -hmac KEY FILE`, hex.
fn openssl_hex(key: &str, file: &Path) -> String {
    let out = Std::new("openssl")
        .args(["dgst", "-sha256", "-hmac", key, "-r"])
        .arg(file)
        .output()
        .expect("openssl is installed");
    assert!(out.status.success());
    // `-r` prints "<hex> *<file>".
    String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned()
}

/// The base64 HMAC openssl computes with a binary key (given as hex), via `openssl base64`.
fn openssl_b64(hex_key: &str, file: &Path) -> String {
    let script = format!(
        "openssl dgst -sha256 -mac HMAC -macopt hexkey:{hex_key} -binary '{}' | openssl base64 -A",
        file.display()
    );
    let out = Std::new("sh").arg("-c").arg(script).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

#[test]
fn openssl_agrees_with_livepeer_livepeer_docs_and_mux() {
    let dir = tempfile::tempdir().unwrap();
    let body = write(&dir, "body.json", BODY.as_bytes());
    let body_arg = body.to_str().unwrap();

    let real = lpwh_sign(
        &dir,
        &["--secret", SECRET, "--body", body_arg, "--timestamp", T_MS],
    );
    assert_eq!(field(&real, "t"), T_MS);
    assert_eq!(field(&real, "v1"), openssl_hex(SECRET, &body));

    for scheme in ["livepeer-docs", "mux"] {
        let line = lpwh_sign(
            &dir,
            &[
                "--secret",
                SECRET,
                "--scheme",
                scheme,
                "--body",
                body_arg,
                "--timestamp",
                T_MS,
            ],
        );
        let t = field(&line, "t");
        assert_eq!(t, &T_MS[..10], "{scheme} writes seconds");
        let signed = write(&dir, "signed", format!("{t}.{BODY}").as_bytes());
        assert_eq!(field(&line, "v1"), openssl_hex(SECRET, &signed), "{scheme}");
    }
}

#[test]
fn openssl_agrees_with_fastpix_and_standard_webhooks() {
    use base64::Engine;
    let dir = tempfile::tempdir().unwrap();
    let body = write(&dir, "body.json", BODY.as_bytes());
    let body_arg = body.to_str().unwrap();
    let key = b"a binary key \x00\x01\xfe\xff of some length";
    let b64_key = base64::engine::general_purpose::STANDARD.encode(key);
    let hex_key = hex::encode(key);

    let line = lpwh_sign(
        &dir,
        &[
            "--secret", &b64_key, "--scheme", "fastpix", "--body", body_arg,
        ],
    );
    let (name, value) = line.trim().split_once(": ").unwrap();
    assert_eq!(name, "FastPix-Signature");
    assert_eq!(value, openssl_b64(&hex_key, &body));

    let whsec = format!("whsec_{b64_key}");
    let lines = lpwh_sign(
        &dir,
        &[
            "--secret",
            &whsec,
            "--scheme",
            "standard-webhooks",
            "--body",
            body_arg,
        ]
        .into_iter()
        .chain(["--timestamp", T_MS, "--id", "msg_abc"])
        .collect::<Vec<_>>(),
    );
    let get = |n: &str| {
        lines
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{n}: ")))
            .unwrap_or_else(|| panic!("no {n} in {lines}"))
    };
    assert_eq!(get("webhook-id"), "msg_abc");
    assert_eq!(get("webhook-timestamp"), &T_MS[..10]);
    let signed = write(
        &dir,
        "signed",
        format!("msg_abc.{}.{BODY}", &T_MS[..10]).as_bytes(),
    );
    assert_eq!(
        get("webhook-signature"),
        format!("v1,{}", openssl_b64(&hex_key, &signed))
    );
}

/// A receiver in Node. `guide` follows the Studio guide (HMAC of `${t}.${body}`); `real`
/// checks what Studio sends (HMAC of the body; t must equal the body's timestamp).
const NODE_RECEIVER: &str = r#"
const crypto = require('crypto');
const fs = require('fs');
const [mode, secret, header, bodyPath] = process.argv.slice(1);
const payload = fs.readFileSync(bodyPath, 'utf8');
const parts = Object.fromEntries(header.split(',').map((kv) => kv.split('=')));
const message = mode === 'guide' ? `${parts.t}.${payload}` : payload;
const expected = crypto.createHmac('sha256', secret).update(message).digest('hex');
let ok = expected.length === parts.v1.length &&
  crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(parts.v1));
if (mode === 'real') ok = ok && JSON.parse(payload).timestamp === Number(parts.t);
process.exit(ok ? 0 : 1);
"#;

fn node_accepts(mode: &str, header_line: &str, body: &Path) -> bool {
    let value = header_line.trim().split_once(": ").unwrap().1;
    Std::new("node")
        .args(["-e", NODE_RECEIVER, mode, SECRET, value])
        .arg(body)
        .status()
        .expect("node is installed")
        .success()
}

#[test]
fn node_receivers_accept_exactly_the_form_they_were_written_for() {
    let dir = tempfile::tempdir().unwrap();
    let body = write(&dir, "body.json", BODY.as_bytes());
    let body_arg = body.to_str().unwrap();

    let docs = lpwh_sign(
        &dir,
        &[
            "--secret",
            SECRET,
            "--scheme",
            "livepeer-docs",
            "--body",
            body_arg,
            "--timestamp",
            T_MS,
        ],
    );
    assert!(
        node_accepts("guide", &docs, &body),
        "a guide-written receiver accepts livepeer-docs"
    );
    assert!(!node_accepts("real", &docs, &body));

    // No --timestamp: a livepeer body is signed at its own timestamp, as Studio does.
    let real = lpwh_sign(&dir, &["--secret", SECRET, "--body", body_arg]);
    assert!(
        node_accepts("real", &real, &body),
        "a correct receiver accepts livepeer"
    );
    assert!(!node_accepts("guide", &real, &body));
}
