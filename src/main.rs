//! Entry point: parse the command line, run it, turn the outcome into an exit code.

use std::process::ExitCode;

fn main() -> ExitCode {
    // `COMPLETE=<shell> lpwh ...`: answer the shell's completion request and exit (webhook ids
    // come from the API); otherwise nothing happens here.
    clap_complete::CompleteEnv::with_factory(|| {
        use clap::CommandFactory as _;
        lpwh::cli::Cli::command()
    })
    .complete();
    let cli = match lpwh::cli::Cli::parse_args() {
        Ok(cli) => cli,
        Err(usage) => return ExitCode::from(lpwh::report::report(&usage.into())),
    };
    // Commands that do no network I/O start faster without worker threads (`lpwh sign` in a
    // CI loop runs once per delivery).
    let light = matches!(
        cli.command,
        lpwh::cli::Command::Sign(_)
            | lpwh::cli::Command::Verify(_)
            | lpwh::cli::Command::Completions(_)
            | lpwh::cli::Command::EventTypes(_)
    );
    let mut builder = if light {
        tokio::runtime::Builder::new_current_thread()
    } else {
        tokio::runtime::Builder::new_multi_thread()
    };
    let runtime = match builder.enable_all().build() {
        Ok(rt) => rt,
        Err(err) => {
            eprintln!("lpwh: error: cannot start the async runtime: {err}");
            return ExitCode::from(1);
        }
    };
    // `listen` handles Ctrl-C itself: it must delete its temporary webhook before exiting.
    let own_signals = matches!(cli.command, lpwh::cli::Command::Listen(_));
    let outcome = runtime.block_on(async {
        if own_signals {
            return lpwh::run(cli).await;
        }
        tokio::select! {
            result = lpwh::run(cli) => result,
            _ = tokio::signal::ctrl_c() => Err(lpwh::error::Failure::interrupted().into()),
        }
    });
    // Do not wait for stray blocking tasks (a prompt, a keyring call) once we have an answer.
    runtime.shutdown_background();
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => ExitCode::from(lpwh::report::report(&err)),
    }
}
