//! The shipped completions and man pages must match what the clap definitions generate.
//! Regenerate them with `LPWH_BLESS=1 cargo test --test generated`.

use std::path::Path;

fn bless() -> bool {
    std::env::var_os("LPWH_BLESS").is_some_and(|v| v == "1")
}

/// Compare `expected` with the file at `path`, or rewrite it when blessing. Returns a drift message.
fn check(path: &Path, expected: &[u8]) -> Option<String> {
    if bless() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, expected).unwrap();
        return None;
    }
    match std::fs::read(path) {
        Ok(actual) if actual == expected => None,
        Ok(_) => Some(format!("{} is out of date", path.display())),
        Err(_) => Some(format!("{} is missing", path.display())),
    }
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn completions_are_up_to_date() {
    let drift: Vec<String> = lpwh::generate::SHELLS
        .iter()
        .filter_map(|(shell, file)| {
            check(
                &root().join("completions").join(file),
                &lpwh::generate::completion(*shell),
            )
        })
        .collect();
    assert!(
        drift.is_empty(),
        "{}\nregenerate with: LPWH_BLESS=1 cargo test --test generated",
        drift.join("\n")
    );
}

#[test]
fn man_pages_are_up_to_date() {
    let pages = lpwh::generate::man_pages().unwrap();
    assert!(pages.iter().any(|(name, _)| name == "lpwh.1"));
    assert!(pages.iter().any(|(name, _)| name == "lpwh-create.1"));
    let mut drift: Vec<String> = pages
        .iter()
        .filter_map(|(name, roff)| check(&root().join("man").join(name), roff))
        .collect();
    // A page for a subcommand that no longer exists is drift too.
    let expected: Vec<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
    if let Ok(dir) = std::fs::read_dir(root().join("man")) {
        for entry in dir.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !expected.contains(&name.as_str()) {
                if bless() {
                    std::fs::remove_file(entry.path()).unwrap();
                } else {
                    drift.push(format!("man/{name} belongs to no subcommand"));
                }
            }
        }
    }
    assert!(
        drift.is_empty(),
        "{}\nregenerate with: LPWH_BLESS=1 cargo test --test generated",
        drift.join("\n")
    );
}

#[test]
fn completions_command_prints_the_shipped_script() {
    let home = crate::support::sandbox::Sandbox::new();
    let out = home.run(&["completions", "bash"]);
    assert!(out.success(), "{}", out.stderr);
    assert_eq!(
        out.bytes,
        lpwh::generate::completion(clap_complete::Shell::Bash)
    );
    assert!(out.stdout.contains("lpwh"));
}

/// The README's toolchain line names the `rust-version` Cargo enforces: a newcomer on an older
/// Rust who follows it would otherwise hit a failed install.
#[test]
fn the_readme_names_the_toolchain_cargo_requires() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let wanted = format!(
        "Rust toolchain ({} or newer",
        env!("CARGO_PKG_RUST_VERSION")
    );
    assert!(
        readme.contains(&wanted),
        "README.md should say '{wanted}' (Cargo.toml's rust-version)"
    );
}

#[test]
fn man_pages_name_the_environment_variables_help_names() {
    // `--help` shows `[env: NAME]`; the man pages say the same in words, for each option with
    // an environment variable.
    let pages = lpwh::generate::man_pages().unwrap();
    let page = |name: &str| {
        let (_, roff) = pages.iter().find(|(n, _)| n == name).unwrap();
        String::from_utf8_lossy(roff).into_owned()
    };
    let env_note = |var: &str| format!("\\fB{var}\\fR environment variable");
    let listen = page("lpwh-listen.1");
    for var in [
        "LPWH_WEBHOOK_SECRET",
        "LIVEPEER_API_KEY",
        "LIVEPEER_API_URL",
        "LPWH_PROFILE",
    ] {
        assert!(listen.contains(&env_note(var)), "lpwh-listen.1 lacks {var}");
    }
    assert!(page("lpwh.1").contains(&env_note("LIVEPEER_API_KEY")));
    // A secret's value never appears, only the variable's name.
    assert!(!listen.contains("LPWH_WEBHOOK_SECRET="));
}

#[test]
fn inbox_db_help_fits_commands_that_write() {
    use clap::CommandFactory;
    let mut cli = lpwh::cli::Cli::command();
    let clear = cli
        .find_subcommand_mut("inbox")
        .unwrap()
        .find_subcommand_mut("clear")
        .unwrap();
    let help = clear.render_long_help().to_string();
    let db = help
        .lines()
        .skip_while(|l| !l.contains("--db"))
        .nth(1)
        .unwrap();
    assert!(db.contains("The inbox database"), "{help}");
    assert!(!help.contains("to read"), "{help}");
}

/// The checked-in bash script completes event names where a command takes one (`trigger
/// EVENT`, `listen --until`), run by bash itself.
#[test]
#[cfg_attr(windows, ignore = "runs bash")]
fn the_bash_script_completes_event_names() {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions/lpwh.bash");
    let complete = |words: &str, current: &str, previous: &str| {
        let out = std::process::Command::new("bash")
            .arg("-c")
            .arg(format!(
                "source '{}'; COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); \
                 _lpwh lpwh '{current}' '{previous}'; echo \"${{COMPREPLY[@]}}\"",
                script.display()
            ))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(
        complete("lpwh trigger asset.r", "asset.r", "trigger").trim(),
        "asset.ready"
    );
    let until = complete("lpwh listen --until stream.", "stream.", "--until");
    for event in ["stream.started", "stream.idle", "stream.detection"] {
        assert!(until.contains(event), "{until}");
    }
}

/// `COMPLETE=<shell> lpwh`: webhook ids from the API, with their names, where a command takes
/// one; nothing (and no error) when the API cannot be reached.
#[test]
fn dynamic_completion_offers_webhook_ids_from_the_api() {
    let mock = studio_mock::StudioMock::start_blocking();
    let id = mock.insert_webhook(serde_json::json!({
        "name": "prod-streams",
        "url": "https://hooks.example/p",
        "events": ["stream.started"],
    }));
    let home = tempfile::tempdir().unwrap();
    let complete = |api: &str, words: &[&str]| {
        let out = crate::support::sandbox::lpwh(home.path())
            .env("COMPLETE", "fish")
            .env("LIVEPEER_API_URL", api)
            .env("LIVEPEER_API_KEY", mock.api_key())
            .arg("--")
            .args(words)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let prefix = &id[..4];
    for words in [
        &["lpwh", "get", prefix][..],
        &["lpwh", "trigger", "asset.ready", "--webhook", prefix][..],
    ] {
        let offered = complete(&mock.url(), words);
        assert_eq!(offered.trim(), format!("{id}\tprod-streams"), "{words:?}");
    }
    let refused = crate::support::refused::Refused::new();
    let dead = refused.url("/api");
    assert_eq!(complete(&dead, &["lpwh", "get", prefix]).trim(), "");
}
