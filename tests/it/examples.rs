//! `docs/examples/test-receiver.sh`, the README's plain-shell CI recipe, run for real: it passes
//! a careful receiver (`lpwh listen`), fails one that accepts everything, and checks fixtures
//! with `--now`. The README's copy must say the same as the file.

use std::path::Path;
use std::process::Command;

use crate::support::listen::{Listener, Target};
use crate::support::sandbox::{self, Run};

const SECRET: &str = "example-secret";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The script's commands: comments, blank lines and line breaks after `\` taken out.
fn commands(script: &str) -> Vec<String> {
    script
        .replace("\\\n", " ")
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// `bash docs/examples/test-receiver.sh` against `receiver`, in `cwd`, lpwh on PATH.
fn run_script(receiver: &str, cwd: &Path) -> Run {
    let script = root().join("docs/examples/test-receiver.sh");
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_lpwh")).parent().unwrap();
    let mut bash = Command::new("bash");
    sandbox::isolate(&mut bash, cwd);
    bash.env(
        "PATH",
        format!(
            "{}:{}",
            bin_dir.display(),
            std::env::var("PATH").unwrap_or_default()
        ),
    )
    .env("RECEIVER", receiver)
    .env("LPWH_WEBHOOK_SECRET", SECRET)
    .current_dir(cwd)
    .arg(script);
    Run::of(&mut bash)
}

#[test]
fn the_readme_shows_the_script_as_it_is() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let start = readme
        .find("### Test your receiver: plain shell")
        .expect("the recipe's heading");
    let block = &readme[start..];
    let block = &block[block.find("```bash\n").unwrap() + "```bash\n".len()..];
    let block = &block[..block.find("```").unwrap()];
    let script = std::fs::read_to_string(root().join("docs/examples/test-receiver.sh")).unwrap();
    assert_eq!(commands(block), commands(&script));
}

#[test]
#[cfg_attr(windows, ignore = "runs a bash script with a Unix PATH")]
fn the_receiver_recipe_passes_a_careful_receiver_and_fails_a_careless_one() {
    let home = tempfile::tempdir().unwrap();
    // A fixture as a user would keep it: a body and the header Studio sent with it.
    let fixtures = home.path().join("tests/fixtures/webhooks");
    std::fs::create_dir_all(&fixtures).unwrap();
    let signed = sandbox::lpwh(home.path())
        .args([
            "sign",
            "--event",
            "asset.ready",
            "--format",
            "json",
            "--secret",
            SECRET,
        ])
        .output()
        .unwrap();
    assert!(signed.status.success());
    let signed: serde_json::Value = serde_json::from_slice(&signed.stdout).unwrap();
    std::fs::write(
        fixtures.join("asset-ready.json"),
        signed["body"].as_str().unwrap(),
    )
    .unwrap();
    std::fs::write(
        fixtures.join("asset-ready.sig"),
        format!(
            "Livepeer-Signature: {}",
            signed["headers"]["Livepeer-Signature"].as_str().unwrap()
        ),
    )
    .unwrap();

    let careful = Listener::start(&["--secret", SECRET, "--no-record"]);
    let run = run_script(&format!("{}/webhooks", careful.url), home.path());
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("receiver OK"), "{}", run.stdout);

    let careless = Target::start(200, "/webhooks");
    let run = run_script(&careless.url, home.path());
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stderr
            .contains("FAIL: receiver accepted a delivery signed with the wrong secret"),
        "{}",
        run.stderr
    );

    // A fixture whose body was changed after signing fails step 5.
    std::fs::write(
        fixtures.join("asset-ready.json"),
        signed["body"]
            .as_str()
            .unwrap()
            .replace("asset.ready", "asset.failed"),
    )
    .unwrap();
    let run = run_script(&format!("{}/webhooks", careful.url), home.path());
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("bad_signature"), "{}", run.stderr);
}

/// `docs/examples/studio-e2e.sh`, the README's end-to-end recipe, run as written on loopback:
/// the mock stands in for Studio's API, `lpwh trigger` (signing with the webhook's secret) for
/// Studio's sender and the upload script, and a Node app that verifies with the same secret for
/// the user's app. It passes when the app takes the delivery, and fails when the app answers
/// 401 (it once exited 0 then).
#[test]
#[cfg_attr(windows, ignore = "runs a bash script with a Unix PATH")]
fn the_end_to_end_recipe_passes_only_when_the_app_takes_the_delivery() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let start = readme
        .find("### End to end with real Studio")
        .expect("the recipe's heading");
    let block = &readme[start..];
    let block = &block[block.find("```bash\n").unwrap() + "```bash\n".len()..];
    let block = &block[..block.find("```").unwrap()];
    let script_path = root().join("docs/examples/studio-e2e.sh");
    let script = std::fs::read_to_string(&script_path).unwrap();
    assert_eq!(commands(block), commands(&script), "the README's copy");

    let mock = studio_mock::StudioMock::start_blocking();
    for (app_mode, expected) in [("uuid", 0), ("guide", 1)] {
        let app = crate::support::node::NodeReceiver::start(app_mode, SECRET);
        let home = tempfile::tempdir().unwrap();
        // Held until bash starts, where the script's `lpwh listen` binds it.
        let held = crate::support::refused::Refused::new();
        let port = held.addr.port();
        let bin_dir = Path::new(env!("CARGO_BIN_EXE_lpwh")).parent().unwrap();
        let trigger = format!(
            "lpwh trigger asset.ready --to http://127.0.0.1:{port}/webhooks --secret {SECRET}"
        );
        let mut bash = Command::new("bash");
        sandbox::isolate(&mut bash, home.path());
        bash.env(
            "PATH",
            format!(
                "{}:{}",
                bin_dir.display(),
                std::env::var("PATH").unwrap_or_default()
            ),
        )
        .env("LIVEPEER_API_URL", mock.url())
        .env("LIVEPEER_API_KEY", mock.api_key())
        .env("LPWH_WEBHOOK_SECRET", SECRET)
        .env("TUNNEL_URL", "http://127.0.0.1:9/not-contacted")
        .env("APP_URL", &app.url)
        .env("PORT", port.to_string())
        .env("TIMEOUT", "60s")
        .env("TRIGGER", &trigger)
        .current_dir(home.path())
        .arg(&script_path);
        held.hand_over();
        let run = Run::of(&mut bash);
        run.assert_code(expected);
        if expected == 1 {
            assert!(
                run.stderr
                    .contains("lpwh: error: your app did not take 1 forwarded delivery"),
                "{}",
                run.stderr
            );
            assert!(run.stderr.contains(": 401"), "{}", run.stderr);
        }
        assert!(
            run.stderr.contains("your app answered")
                && run.stderr.contains("the temporary webhook was deleted"),
            "the summary: {}",
            run.stderr
        );
        assert!(
            mock.webhooks().is_empty(),
            "the webhook is gone: {:?}",
            mock.webhooks()
        );
    }
}
