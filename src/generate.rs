//! Shell completions and man pages, generated from the clap definitions.
//!
//! `completions/` and `man/` in the repository are the output of these functions; the test
//! `tests/generated.rs` fails when they drift, and `LPWH_BLESS=1 cargo test --test generated`
//! rewrites them.

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;

/// The shells lpwh ships completions for, with the file name each is stored under.
pub const SHELLS: &[(Shell, &str)] = &[
    (Shell::Bash, "lpwh.bash"),
    (Shell::Zsh, "_lpwh"),
    (Shell::Fish, "lpwh.fish"),
    (Shell::PowerShell, "_lpwh.ps1"),
    (Shell::Elvish, "lpwh.elv"),
];

/// The completion script for one shell.
pub fn completion(shell: Shell) -> Vec<u8> {
    let mut cmd = Cli::command();
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "lpwh", &mut buf);
    buf
}

/// Every man page: `lpwh.1` and one `lpwh-<verb>.1` per subcommand, as (file name, roff).
pub fn man_pages() -> std::io::Result<Vec<(String, Vec<u8>)>> {
    fn walk(cmd: clap::Command, pages: &mut Vec<(String, Vec<u8>)>) -> std::io::Result<()> {
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()).cloned() {
            walk(sub, pages)?;
        }
        let top_level = cmd.get_name() == "lpwh";
        let man = clap_mangen::Man::new(cmd);
        let mut buf = Vec::new();
        if top_level {
            man.render_title(&mut buf)?;
            man.render_name_section(&mut buf)?;
            man.render_synopsis_section(&mut buf)?;
            man.render_description_section(&mut buf)?;
            man.render_options_section(&mut buf)?;
            man.render_subcommands_section(&mut buf)?;
            buf.extend_from_slice(TOP_LEVEL_SECTIONS.as_bytes());
            man.render_version_section(&mut buf)?;
        } else {
            man.render(&mut buf)?;
        }
        pages.push((man.get_filename(), buf));
        Ok(())
    }
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut pages = Vec::new();
    walk(cmd, &mut pages)?;
    pages.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(pages)
}

/// Sections of `lpwh.1` that clap does not know about: exit codes, environment, files.
const TOP_LEVEL_SECTIONS: &str = r#".SH "EXIT STATUS"
.TP
\fB0\fR
Success.
.TP
\fB1\fR
Failure: an API error, an invalid signature, a listen timeout.
.TP
\fB2\fR
Usage error: a bad flag or missing input.
.TP
\fB3\fR
Not logged in, or the API refused the key.
.TP
\fB4\fR
Not found: the webhook or log does not exist.
.TP
\fB130\fR
Interrupted (Ctrl-C).
.PP
A broken pipe on standard output exits quietly with 0.
.SH ENVIRONMENT
.TP
\fBLIVEPEER_API_KEY\fR
API key; overrides the stored key of the profile.
.TP
\fBLIVEPEER_API_URL\fR
API base URL (default https://livepeer.studio/api).
.TP
\fBLPWH_PROFILE\fR
Profile to use (default "default").
.TP
\fBLPWH_WEBHOOK_SECRET\fR
Webhook secret for sign, verify, trigger and listen; keeps it out of the process list.
.TP
\fBLPWH_CONFIG_DIR\fR, \fBLPWH_DATA_DIR\fR
Override the configuration and data directories.
.TP
\fBLPWH_KEYRING\fR
Set to "off" to never use the OS keyring (keys then go to the 0600 credentials file).
.TP
\fBNO_COLOR\fR
When set and not empty, no colour (unless \-\-color always).
.SH FILES
.TP
\fI~/.config/lpwh/config.toml\fR
Per\-profile settings such as api_url. Never holds a secret.
.TP
\fI~/.config/lpwh/credentials.toml\fR
API keys, mode 0600, used only when no OS keyring answers.
.TP
\fI~/.local/share/lpwh/inbox.sqlite\fR
The inbox: every delivery lpwh listen received (mode 0600).
.PP
API keys are otherwise stored in the OS keyring (service "lpwh", user = profile name).
"#;
