//! `studio-mock --port P --webhooks N --key K`: run the mock Studio API for benchmarks and manual tries.

use std::process::ExitCode;

use studio_mock::{MockConfig, StudioMock};

const USAGE: &str = "usage: studio-mock [--port P] [--webhooks N] [--key K]\n\
  Serves a Livepeer Studio-like /api/webhook on 127.0.0.1 and prints its base URL on stdout.\n\
  --port P      port to listen on (default: a free one)\n\
  --webhooks N  webhooks to seed (default 0)\n\
  --key K       the API key to accept (default: studio_mock::DEFAULT_API_KEY)";

fn main() -> ExitCode {
    let config = match parse(std::env::args().skip(1)) {
        Ok(Some(config)) => config,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("studio-mock: error: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let seeded = config.webhooks;
    let mock = StudioMock::start_blocking_with(config);
    println!("{}", mock.url());
    eprintln!(
        "studio-mock: serving {} with {seeded} webhooks; key {}; Ctrl-C to stop",
        mock.url(),
        mock.api_key()
    );
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    rt.block_on(async {
        let _ = tokio::signal::ctrl_c().await;
    });
    eprintln!("studio-mock: {} requests served", mock.request_count());
    ExitCode::SUCCESS
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Option<MockConfig>, String> {
    let mut config = MockConfig::default();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) => (f.to_owned(), Some(v.to_owned())),
            None => (arg.clone(), None),
        };
        if flag == "-h" || flag == "--help" {
            return Ok(None);
        }
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match flag.as_str() {
            "--port" => {
                let v = value()?;
                config.port = v.parse().map_err(|_| format!("--port: not a port: {v}"))?;
            }
            "--webhooks" => {
                let v = value()?;
                config.webhooks = v
                    .parse()
                    .map_err(|_| format!("--webhooks: not a count: {v}"))?;
            }
            "--key" => {
                config.api_key = value()?;
                if config.api_key.is_empty() {
                    return Err("--key must not be empty".into());
                }
            }
            other => return Err(format!("unknown argument: {other}")),
        }
    }
    Ok(Some(config))
}
