//! Credentials end to end, through the real binary: `login` / `logout` / `profiles` with the
//! 0600 file fallback (LPWH_KEYRING=off), key precedence, refused keys, config errors, and that
//! the key never reaches the terminal. The OS keyring itself is tested in `keyring.rs`.
//!
//! Every run gets a temporary HOME, XDG dirs, LPWH_CONFIG_DIR and LPWH_DATA_DIR; these tests set
//! LPWH_KEYRING=off and drop the session bus address, so they never touch a keyring.

#![cfg(unix)]

use crate::support::credentials::{last_bearer, mode_of, profile_row, unique};
use crate::support::sandbox::{Run, Sandbox};
use studio_mock::StudioMock;

#[test]
#[cfg_attr(
    not(unix),
    ignore = "checks Unix file modes (0600 files, 0700 directories)"
)]
fn file_fallback_is_private_warns_and_round_trips() {
    let sandbox = Sandbox::new();
    let mock = StudioMock::start_blocking();
    let key = mock.api_key().to_owned();
    let url = mock.url();

    let login = sandbox.login(&["--api-url", &url, "-v"], &key);
    login.assert_code(0).assert_hides(&key);
    let err = login.stderr;
    // The user chose the file (LPWH_KEYRING=off): one line says where the key is and why,
    // and it is not a warning.
    assert!(!err.contains("warning:"), "{err}");
    let logged_in = err
        .lines()
        .find(|l| l.contains("Logged in"))
        .unwrap_or_else(|| panic!("no login line:\n{err}"));
    assert!(logged_in.contains("credentials.toml"), "{logged_in}");
    assert!(logged_in.contains("LPWH_KEYRING=off"), "{logged_in}");
    assert!(
        login.stdout.is_empty(),
        "stdout is for data: {}",
        login.stdout
    );

    // Checked with exactly one GET /webhook?limit=1 carrying the key.
    let requests = mock.requests();
    assert_eq!(
        requests.len(),
        1,
        "{:?}",
        requests.iter().map(|r| r.line()).collect::<Vec<_>>()
    );
    assert_eq!(requests[0].method, "GET");
    assert_eq!(requests[0].path, "/api/webhook");
    assert_eq!(requests[0].query_param("limit").as_deref(), Some("1"));
    assert_eq!(
        requests[0].header("authorization"),
        Some(format!("Bearer {key}").as_str())
    );

    // The file: 0600 in a 0700 dir, holding the key; config.toml holds the URL and no key.
    let file = sandbox.credentials_file();
    assert_eq!(mode_of(&file), 0o600);
    assert_eq!(mode_of(&sandbox.config_dir()), 0o700);
    assert!(std::fs::read_to_string(&file).unwrap().contains(&key));
    let config = std::fs::read_to_string(sandbox.config_file()).unwrap();
    assert!(config.contains(&url), "{config}");
    assert!(
        !config.contains(&key),
        "config.toml holds the key:\n{config}"
    );
    let leftovers: Vec<_> = std::fs::read_dir(sandbox.config_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temp files left: {leftovers:?}");

    let profiles = sandbox.run(&["profiles", "--json"]);
    profiles.assert_code(0).assert_hides(&key);
    let row = profile_row(&profiles, "default");
    assert_eq!(row["key"], "file");
    assert_eq!(row["api_url"], url.as_str());
    assert_eq!(row["current"], true);

    // A command using the stored key sends it, without a word about the file: login said
    // where the key went, and it is what the user chose.
    let list = sandbox.run(&["list", "--json"]);
    list.assert_code(0).assert_hides(&key);
    assert_eq!(last_bearer(&mock), format!("Bearer {key}"));
    assert!(
        !list.stderr.contains("warning") && !list.stderr.contains("credentials.toml"),
        "{}",
        list.stderr
    );

    // A file others can read is warned about, naming the fix (even with -q: it is a leak).
    std::fs::set_permissions(&file, std::os::unix::fs::PermissionsExt::from_mode(0o644)).unwrap();
    let loose = sandbox.run(&["-q", "list", "--json"]);
    loose.assert_code(0).assert_hides(&key);
    assert!(
        loose.stderr.contains("warning:") && loose.stderr.contains("chmod 600"),
        "{}",
        loose.stderr
    );
    std::fs::set_permissions(&file, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();

    // The file was the user's choice (LPWH_KEYRING=off): profiles and logout may note that the
    // keyring was not checked, but nothing warns, and -q keeps even the note quiet.
    let quiet_profiles = sandbox.run(&["-q", "profiles"]);
    quiet_profiles.assert_code(0);
    assert!(
        quiet_profiles.stderr.is_empty(),
        "{}",
        quiet_profiles.stderr
    );
    let logout = sandbox.run(&["logout"]);
    logout.assert_code(0).assert_hides(&key);
    assert!(!logout.stderr.contains("warning:"), "{}", logout.stderr);
    assert!(
        logout.stderr.contains("Removed the key"),
        "{}",
        logout.stderr
    );
    assert!(
        !file.exists(),
        "the emptied credentials file should be gone"
    );
    let again = sandbox.run(&["logout"]);
    again.assert_code(0);
    assert!(
        again.stderr.contains("nothing to remove"),
        "{}",
        again.stderr
    );
    assert_eq!(
        profile_row(&sandbox.run(&["profiles", "--json"]), "default")["key"],
        "none"
    );
    let not_logged_in = sandbox.run(&["list"]);
    not_logged_in.assert_code(3);
    // Says why the keyring was not consulted, besides "not logged in".
    let err = not_logged_in.stderr;
    assert!(
        err.contains("not logged in") && err.contains("LPWH_KEYRING=off"),
        "{err}"
    );
}

#[test]
fn precedence_is_flag_then_env_then_stored() {
    let sandbox = Sandbox::new();
    let mock = StudioMock::start_blocking();
    let stored = mock.api_key().to_owned();
    sandbox
        .login(&["--api-url", &mock.url()], &stored)
        .assert_code(0);

    sandbox.run(&["list"]).assert_code(0);
    assert_eq!(last_bearer(&mock), format!("Bearer {stored}"));

    // The mock refuses these keys (exit 3) but records what was sent.
    let mut env_only = sandbox.lpwh(&["list"]);
    env_only.env("LIVEPEER_API_KEY", "env-key-0001");
    let run = Run::of(&mut env_only);
    run.assert_code(3).assert_hides("env-key-0001");
    assert_eq!(last_bearer(&mock), "Bearer env-key-0001");
    assert!(
        !run.stderr.contains("credentials.toml"),
        "the stored key was read although the env key wins:\n{}",
        run.stderr
    );

    let mut both = sandbox.lpwh(&["list", "--api-key", "flag-key-0002"]);
    both.env("LIVEPEER_API_KEY", "env-key-0001");
    Run::of(&mut both)
        .assert_code(3)
        .assert_hides("flag-key-0002");
    assert_eq!(last_bearer(&mock), "Bearer flag-key-0002");
}

#[test]
fn login_json_says_where_the_key_went_and_nothing_else() {
    let sandbox = Sandbox::new();
    let mock = StudioMock::start_blocking();
    let key = mock.api_key().to_owned();
    let run = sandbox.login(
        &["--json", "--profile", "ci", "--api-url", &mock.url()],
        &key,
    );
    run.assert_code(0).assert_hides(&key);
    let report = run.json();
    assert_eq!(report["profile"], "ci");
    assert_eq!(report["key"], "file");
    assert_eq!(report["api_url"], mock.url().as_str());
    assert_eq!(report["api_url_saved"], true);
    let path = sandbox.credentials_file().display().to_string();
    assert_eq!(report["credentials_file"], path.as_str());

    // Logging in again with the same URL leaves config.toml alone.
    let again = sandbox.login(&["--json", "--profile", "ci"], &key);
    assert_eq!(again.assert_code(0).json()["api_url_saved"], false);
}

#[test]
fn login_without_a_terminal_or_stdin_flag_is_a_usage_error() {
    let sandbox = Sandbox::new();
    let mock = StudioMock::start_blocking();
    let run = sandbox.run(&["--api-url", &mock.url(), "login"]);
    run.assert_code(2);
    assert!(run.stderr.contains("--api-key-stdin"), "{}", run.stderr);
    assert_eq!(mock.request_count(), 0);
    assert!(!sandbox.config_dir().exists(), "nothing may be written");
}

#[test]
fn empty_or_spaced_keys_are_usage_errors() {
    let sandbox = Sandbox::new();
    let mock = StudioMock::start_blocking();
    for key in ["", "   ", "two words"] {
        let run = sandbox.login(&["--api-url", &mock.url()], key);
        run.assert_code(2);
        assert!(run.stderr.contains("key"), "{}", run.stderr);
    }
    assert_eq!(mock.request_count(), 0);
    assert!(!sandbox.credentials_file().exists());
}

#[test]
fn a_refused_key_is_not_saved() {
    let sandbox = Sandbox::new();
    let mock = StudioMock::start_blocking();
    let wrong = unique("sk-wrong");
    // Studio's 401 for an unknown key quotes it ("no token <key> found"): it must not leak.
    let run = sandbox.login(&["--api-url", &mock.url(), "--profile", "prod"], &wrong);
    run.assert_code(3).assert_hides(&wrong);
    assert!(run.stderr.contains("refused"), "{}", run.stderr);
    assert!(run.stderr.contains("hint:"), "{}", run.stderr);
    assert_eq!(mock.request_count(), 1);
    assert!(
        !sandbox.credentials_file().exists(),
        "a refused key was stored"
    );
    assert!(
        !sandbox.config_file().exists(),
        "a refused login wrote config.toml"
    );
    let profiles = sandbox.run(&["--profile", "prod", "profiles", "--json"]);
    assert_eq!(profile_row(&profiles, "prod")["key"], "none");
}

#[test]
fn profiles_lists_config_and_file_profiles_with_the_current_one_marked() {
    let sandbox = Sandbox::new();
    let mock = StudioMock::start_blocking();
    let key = mock.api_key().to_owned();
    sandbox
        .login(&["--profile", "staging", "--api-url", &mock.url()], &key)
        .assert_code(0);
    std::fs::write(
        sandbox.config_file(),
        format!(
            "{}\n[profiles.prod]\napi_url = \"https://prod.example/api\"\n",
            std::fs::read_to_string(sandbox.config_file()).unwrap()
        ),
    )
    .unwrap();

    let run = sandbox.run(&["--profile", "prod", "profiles", "--json"]);
    run.assert_code(0).assert_hides(&key);
    let names: Vec<_> = run
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(names, ["prod", "staging"]);
    let prod = profile_row(&run, "prod");
    assert_eq!(prod["current"], true);
    assert_eq!(prod["key"], "none");
    assert_eq!(prod["api_url"], "https://prod.example/api");
    let staging = profile_row(&run, "staging");
    assert_eq!(staging["current"], false);
    assert_eq!(staging["key"], "file");

    // The table for people: same facts, the current profile starred.
    let table = sandbox.run(&["--profile", "prod", "profiles"]);
    table.assert_code(0).assert_hides(&key);
    let out = table.stdout;
    let prod_line = out.lines().find(|l| l.contains("prod.example")).unwrap();
    assert!(
        prod_line.starts_with('*') && prod_line.ends_with("none"),
        "{out}"
    );
    let staging_line = out.lines().find(|l| l.contains("staging")).unwrap();
    assert!(
        !staging_line.starts_with('*') && staging_line.ends_with("file"),
        "{out}"
    );
}

#[test]
fn a_malformed_config_is_reported_with_its_path() {
    let sandbox = Sandbox::new();
    std::fs::create_dir_all(sandbox.config_dir()).unwrap();
    std::fs::write(sandbox.config_file(), "[profiles.x\napi_url = 1\n").unwrap();
    let run = sandbox.run(&["profiles"]);
    run.assert_code(2);
    let err = run.stderr;
    assert!(
        err.contains(&sandbox.config_file().display().to_string()),
        "{err}"
    );
    assert!(err.contains("line 1"), "{err}");
}

#[test]
#[cfg_attr(
    not(target_os = "linux"),
    ignore = "stages a Secret Service that does not answer (D-Bus); on macOS the keyring is the \
              Keychain, which a test must not touch"
)]
fn without_a_bus_login_warns_once_in_words_and_later_commands_say_nothing() {
    let sandbox = Sandbox::new();
    let mock = StudioMock::start_blocking();
    let key = mock.api_key().to_owned();
    // No LPWH_KEYRING: the keyring is tried, and no session bus answers.
    let no_bus = |cmd: &mut std::process::Command| {
        cmd.env_remove("LPWH_KEYRING").env(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/nonexistent/lpwh-test/bus",
        );
    };
    let mut login = sandbox.lpwh(&["login", "--api-key-stdin", "--api-url", &mock.url()]);
    no_bus(&mut login);
    let login = Run::with_stdin(&mut login, &key);
    login.assert_code(0).assert_hides(&key);
    let warnings: Vec<&str> = login
        .stderr
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .collect();
    assert_eq!(warnings.len(), 1, "{}", login.stderr);
    assert!(
        warnings[0].contains("no D-Bus session bus answered")
            && warnings[0].contains("credentials.toml"),
        "{}",
        warnings[0]
    );
    // The library's words only inside a sentence, never its bare prefix.
    assert!(!login.stderr.contains("zbus error"), "{}", login.stderr);

    let mut list = sandbox.lpwh(&["list", "--json"]);
    no_bus(&mut list);
    let list = Run::of(&mut list);
    list.assert_code(0);
    assert!(
        !list.stderr.contains("warning") && !list.stderr.contains("credentials.toml"),
        "{}",
        list.stderr
    );

    // -q at login keeps even the one warning quiet.
    let mut quiet = sandbox.lpwh(&[
        "-q",
        "login",
        "--profile",
        "other",
        "--api-key-stdin",
        "--api-url",
        &mock.url(),
    ]);
    no_bus(&mut quiet);
    let quiet = Run::with_stdin(&mut quiet, &key);
    quiet.assert_code(0);
    assert!(quiet.stderr.is_empty(), "{}", quiet.stderr);
}

#[test]
fn profiles_shows_the_url_commands_use_and_where_it_comes_from() {
    let sandbox = Sandbox::new();
    let mock = StudioMock::start_blocking();
    sandbox
        .login(&["--api-url", &mock.url()], mock.api_key())
        .assert_code(0);

    // Saved at login: from config.
    let row = profile_row(&sandbox.run(&["profiles", "--json"]), "default");
    assert_eq!(row["api_url"], mock.url().as_str());
    assert_eq!(row["api_url_source"], "config");

    // LIVEPEER_API_URL wins for every command, so profiles shows it and says so.
    let elsewhere = "http://127.0.0.1:9/api";
    let mut cmd = sandbox.lpwh(&["profiles", "--json"]);
    cmd.env("LIVEPEER_API_URL", elsewhere);
    let row = profile_row(&Run::of(&mut cmd), "default");
    assert_eq!(row["api_url"], elsewhere);
    assert_eq!(row["api_url_source"], "LIVEPEER_API_URL");
    let mut cmd = sandbox.lpwh(&["profiles"]);
    cmd.env("LIVEPEER_API_URL", elsewhere);
    let table = Run::of(&mut cmd);
    let line = table
        .stdout
        .lines()
        .find(|l| l.contains("default"))
        .unwrap();
    assert!(
        line.contains(elsewhere) && line.contains("LIVEPEER_API_URL"),
        "{}",
        table.stdout
    );

    // --api-url likewise, named as the flag.
    let row = profile_row(
        &sandbox.run(&["--api-url", elsewhere, "profiles", "--json"]),
        "default",
    );
    assert_eq!(row["api_url_source"], "--api-url");

    // A key in LIVEPEER_API_KEY beats the stored ones: profiles says so.
    let mut cmd = sandbox.lpwh(&["profiles"]);
    cmd.env("LIVEPEER_API_KEY", "env-key-0002");
    let run = Run::of(&mut cmd);
    run.assert_code(0).assert_hides("env-key-0002");
    assert!(
        run.stderr
            .contains("a key is given by LIVEPEER_API_KEY: commands use it, not the stored keys"),
        "{}",
        run.stderr
    );
}

/// Without a keyring, `profiles` and `logout` warn once, short and with the fix, then only note
/// it; no command quotes D-Bus's own error.
#[test]
#[cfg_attr(
    not(target_os = "linux"),
    ignore = "stages a Secret Service that does not answer (D-Bus); on macOS the keyring is the \
              Keychain, which a test must not touch"
)]
fn the_keyring_warning_is_given_once_short_and_with_the_fix() {
    let sandbox = Sandbox::new();
    let no_bus = |args: &[&str]| {
        let mut cmd = sandbox.lpwh(args);
        cmd.env_remove("LPWH_KEYRING").env(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/nonexistent/lpwh-test/bus",
        );
        Run::of(&mut cmd)
    };
    let first = no_bus(&["profiles"]);
    first.assert_code(0);
    let warnings: Vec<&str> = first
        .stderr
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .collect();
    assert_eq!(warnings.len(), 1, "{}", first.stderr);
    assert!(
        warnings[0].contains("no D-Bus session bus answered")
            && warnings[0].contains("LPWH_KEYRING=off")
            && warnings[0].contains("credentials.toml"),
        "{}",
        warnings[0]
    );
    for args in [&["profiles"][..], &["logout"][..], &["list"][..]] {
        let later = no_bus(args);
        assert!(
            !later.stderr.contains("warning:"),
            "{args:?} warned again: {}",
            later.stderr
        );
        assert!(
            !later.stderr.contains("D-Bus said") && !later.stderr.contains("unix:path"),
            "{args:?}: {}",
            later.stderr
        );
    }
}
