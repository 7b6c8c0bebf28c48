//! The README's runnable examples, run against `studio-mock` so the README cannot go stale.
//!
//! A `console` block preceded by `<!-- runnable -->` is run: each `$ ` line (with its `\`
//! continuation lines) is a command, run in order in one bash session (so `export` and shell
//! variables carry over) inside one sandbox, against one mock seeded with the tour's starting
//! state (`studio-mock --tour`) and `$KEY`/`$STAGING_KEY` set to its key. For each command:
//!
//! - the exit code must be the one its `# exit N` comment names (else 0);
//! - every *key line* the README shows under it must appear in what it printed (stdout and
//!   stderr): unindented lines starting `lpwh: error:`, `hint:`, `warning:`, `✔`, `✗`, `→`, `{"` or
//!   `Livepeer-Signature:`, and `lpwh check`'s summary line. A `…` in such a line matches any
//!   text.
//!
//! What varies between runs is normalised on both sides: UUIDs read `<id>`, `in 12 ms` reads
//! `in N ms`, `9s ago` or `37ms ago` reads `Ns ago`; and the run's own addresses read as the README writes them: the mock's URL as
//! `https://livepeer.studio/api`, and a `lpwh listen` the harness starts (for blocks marked
//! `<!-- runnable: listen -->`, verifying with the tour's secret and recording into the
//! sandbox's inbox, which later blocks read) as `localhost:3000`, and the Studio guide's Node
//! receiver (`<!-- runnable: guide -->`, `tests/it/receivers/receiver.js guide`) as
//! `localhost:3001`.
//! A file the README shows with `cat FILE` is written first with what it shows.
//!
//! The login examples store keys in the OS keyring, so this needs the Secret Service that
//! `.ci/test` starts (required in CI, like the keyring tests). Every command's real output is
//! written to `target/readme-run.txt`, to regenerate a block after a deliberate change.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use regex::Regex;
use studio_mock::StudioMock;

use crate::support::credentials::secret_service_required;
use crate::support::listen::Listener;
use crate::support::node::NodeReceiver;
use crate::support::sandbox::{Run, Sandbox};

/// One `$ ` command of a runnable block and what the README shows under it.
#[derive(Debug)]
struct Step {
    /// The README line number of the `$ `, for messages.
    line: usize,
    command: String,
    exit: i32,
    shown: Vec<String>,
}

/// A runnable block: its steps, and the stand-in receivers it needs.
#[derive(Debug)]
struct Block {
    line: usize,
    /// `<!-- runnable: listen -->`: an `lpwh listen` at `localhost:3000`.
    listen: bool,
    /// `<!-- runnable: guide -->`: the Studio guide's Node receiver at `localhost:3001`.
    guide: bool,
    steps: Vec<Step>,
}

const KEY_PREFIXES: [&str; 8] = [
    "lpwh: error:",
    "hint:",
    "warning:",
    "✔",
    "✗",
    "→",
    "{\"",
    "Livepeer-Signature:",
];

fn blocks(readme: &str) -> Vec<Block> {
    let exit = Regex::new(r"#.*\bexit (\d+)").unwrap();
    let lines: Vec<&str> = readme.lines().collect();
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let marker = lines[i].trim();
        if !(marker.starts_with("<!-- runnable") && marker.ends_with("-->")) {
            i += 1;
            continue;
        }
        let listen = marker.contains("listen");
        let guide = marker.contains("guide");
        assert_eq!(
            lines.get(i + 1).map(|l| l.trim()),
            Some("```console"),
            "README.md:{}: a runnable marker must precede a ```console block",
            i + 1
        );
        let mut block = Block {
            line: i + 1,
            listen,
            guide,
            steps: Vec::new(),
        };
        i += 2;
        while i < lines.len() && lines[i].trim() != "```" {
            let line = lines[i];
            if let Some(first) = line.strip_prefix("$ ") {
                let start = i;
                let mut command = first.to_owned();
                while command.ends_with('\\') && i + 1 < lines.len() {
                    i += 1;
                    command.push('\n');
                    command.push_str(lines[i]);
                }
                let code = exit.captures(&command).map_or(0, |c| c[1].parse().unwrap());
                block.steps.push(Step {
                    line: start + 1,
                    command,
                    exit: code,
                    shown: Vec::new(),
                });
            } else if let Some(step) = block.steps.last_mut()
                && !line.trim().is_empty()
            {
                step.shown.push(line.to_owned());
            }
            i += 1;
        }
        blocks.push(block);
        i += 1;
    }
    blocks
}

/// Whether a README line is one whose words are checked: it starts with a key prefix, or it is
/// `lpwh check`'s summary.
fn is_key_line(line: &str) -> bool {
    let summary = Regex::new(r"^\d+ passed, \d+ warnings?, \d+ failed, \d+ skipped$").unwrap();
    KEY_PREFIXES.iter().any(|p| line.starts_with(p)) || summary.is_match(line)
}

/// What varies between runs, made equal on both sides.
fn normalise(text: &str) -> String {
    let uuid = Regex::new(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").unwrap();
    let ms = Regex::new(r"in \d+ ms").unwrap();
    let age = Regex::new(r"\b\d+m?s ago").unwrap();
    let text = uuid.replace_all(text, "<id>");
    let text = ms.replace_all(&text, "in N ms");
    age.replace_all(&text, "Ns ago").into_owned()
}

/// Whether `shown` (a README line, `…` matching anything) matches one line of `actual`.
fn appears(shown: &str, actual: &str) -> bool {
    let pattern = shown
        .trim_end()
        .split('…')
        .map(regex::escape)
        .collect::<Vec<_>>()
        .join(".*");
    let pattern = Regex::new(&format!("^{pattern}$")).unwrap();
    actual.lines().any(|l| pattern.is_match(l.trim_end()))
}

/// Files the block shows with `cat FILE` and the content shown, written before it runs.
fn write_shown_files(block: &Block, dir: &Path) {
    for step in &block.steps {
        if let Some(file) = step.command.strip_prefix("cat ") {
            let file = file.split_whitespace().next().unwrap();
            std::fs::write(dir.join(file), step.shown.join("\n")).unwrap();
        }
    }
}

#[test]
#[cfg_attr(
    not(target_os = "linux"),
    ignore = "runs the README in bash with the Secret Service .ci/test starts (Linux)"
)]
fn the_readmes_runnable_examples_do_what_it_shows() {
    if let Err(reason) = secret_service_required() {
        eprintln!("the_readmes_runnable_examples_do_what_it_shows: {reason}");
        return;
    }
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let blocks = blocks(&readme);
    assert!(
        blocks.len() >= 6,
        "expected the tour's runnable blocks, found {}",
        blocks.len()
    );

    let sandbox = Sandbox::with_session_keyring();
    let mock = StudioMock::start_blocking();
    mock.seed_tour();
    let listener = blocks.iter().any(|b| b.listen).then(|| {
        Listener::start_in(
            sandbox.path(),
            &["--secret", studio_mock::TOUR_SECRET, "-q"],
            &[],
        )
    });
    let work = sandbox.path().join("work");
    std::fs::create_dir_all(&work).unwrap();
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_lpwh")).parent().unwrap();
    let home = sandbox.path().display().to_string();

    // One script: each step's output and exit code to numbered files, in one shell.
    let out = sandbox.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let guide = blocks
        .iter()
        .any(|b| b.guide)
        .then(|| NodeReceiver::start("guide", studio_mock::TOUR_SECRET));
    // How the README writes each stand-in's address, and where it really is.
    let stand_ins: Vec<(&str, String)> = [
        listener
            .as_ref()
            .map(|l| ("localhost:3000", l.addr.clone())),
        guide.as_ref().map(|g| ("localhost:3001", g.addr.clone())),
    ]
    .into_iter()
    .flatten()
    .collect();
    let mut script = String::from("set +e\n");
    let mut n = 0;
    for block in &blocks {
        write_shown_files(block, &work);
        for step in &block.steps {
            let mut command = step.command.clone();
            for (shown, addr) in &stand_ins {
                command = command.replace(shown, addr);
            }
            writeln!(
                script,
                "{{\n{command}\n}} >{out}/{n} 2>&1 </dev/null; echo $? >{out}/{n}.code",
                out = out.display()
            )
            .unwrap();
            n += 1;
        }
    }
    // The sandbox's environment (its home, the session keyring, no colour), lpwh on PATH.
    let mut bash = Command::new("bash");
    bash.env_clear();
    for (k, v) in sandbox.lpwh(&[]).get_envs() {
        if let Some(v) = v {
            bash.env(k, v);
        }
    }
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    bash.env("PATH", path)
        .env("LIVEPEER_API_URL", mock.url())
        .env("KEY", mock.api_key())
        .env("STAGING_KEY", mock.api_key())
        .current_dir(&work)
        .args(["-c", &script]);
    let run = Run::of(&mut bash);
    assert_eq!(run.code, 0, "the script itself failed:\n{}", run.stderr);

    let mut report = String::new();
    let mut failures = Vec::new();
    let mut n = 0;
    for block in &blocks {
        writeln!(report, "## README.md:{}", block.line).unwrap();
        for step in &block.steps {
            let code: i32 = std::fs::read_to_string(out.join(format!("{n}.code")))
                .unwrap()
                .trim()
                .parse()
                .unwrap();
            let mut actual = std::fs::read_to_string(out.join(n.to_string())).unwrap();
            actual = actual
                .replace(&mock.url(), "https://livepeer.studio/api")
                .replace(&home, "/home/you");
            for (shown, addr) in &stand_ins {
                actual = actual.replace(addr.as_str(), shown);
            }
            let actual = normalise(&actual);
            writeln!(report, "$ {}   # exit {code}\n{actual}", step.command).unwrap();
            if code != step.exit {
                failures.push(format!(
                    "README.md:{}: `{}` exited {code}, the README says {}\n{actual}",
                    step.line, step.command, step.exit
                ));
            }
            for shown in &step.shown {
                // Unindented lines only: indented ones are parts of a larger output.
                if is_key_line(shown) && !appears(&normalise(shown), &actual) {
                    failures.push(format!(
                        "README.md:{}: `{}` did not print\n    {shown}\nit printed:\n{actual}",
                        step.line, step.command
                    ));
                }
            }
            n += 1;
        }
    }
    let _ = std::fs::write(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("target/readme-run.txt"),
        &report,
    );
    // Leave the session keyring as it was found.
    for profile in ["default", "staging", "bad"] {
        let _ = sandbox
            .lpwh(&["--profile", profile, "logout"])
            .env("LIVEPEER_API_URL", mock.url())
            .output();
    }
    drop((listener, guide));
    assert!(
        failures.is_empty(),
        "{} README example(s) went stale (every output: target/readme-run.txt):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn the_runnable_markers_parse_into_steps() {
    let readme = "text\n<!-- runnable: listen -->\n```console\n$ lpwh a \\\n    --b   # exit 3\nlpwh: error: x\n\n$ cat f.json\n{\"a\":1}\n```\n```console\n$ not run\n```\n";
    let blocks = blocks(readme);
    assert_eq!(blocks.len(), 1);
    assert!(blocks[0].listen && !blocks[0].guide);
    let steps = &blocks[0].steps;
    assert_eq!(steps.len(), 2);
    assert_eq!(steps[0].command, "lpwh a \\\n    --b   # exit 3");
    assert_eq!(steps[0].exit, 3);
    assert_eq!(steps[0].shown, ["lpwh: error: x"]);
    assert_eq!(steps[1].exit, 0);
    assert!(appears("hint: a … b", "x\nhint: a lot of b\n"));
    assert!(!appears("hint: a … b", "hint: a lot of c"));
    assert_eq!(
        normalise("✔ created webhook 0948f378-cf52-4df5-a10a-a5929bf48e5d in 19 ms"),
        "✔ created webhook <id> in N ms"
    );
}
