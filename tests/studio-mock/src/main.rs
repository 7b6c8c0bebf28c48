//! `studio-mock --port P --webhooks N --logs M --key K`: run the mock Studio API for benchmarks
//! and manual tries.

use std::process::ExitCode;

use studio_mock::{MockConfig, StudioMock};

const USAGE: &str = "usage: studio-mock [--port P] [--webhooks N] [--logs M] [--logs-for-created M] [--tour] [--key K]\n\
  Serves a Livepeer Studio-like /api/webhook on 127.0.0.1 and prints its base URL on stdout.\n\
  --port P      port to listen on (default: a free one)\n\
  --webhooks N  webhooks to seed (default 0)\n\
  --logs M      delivery logs to seed for each of them (default 0)\n\
  --logs-for-created M  delivery logs to give each webhook created through the API (default 0)\n\
  --tour        seed the README tour's webhooks and delivery logs (fixed ids)\n\
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
    let logs = config.logs;
    let mock = StudioMock::start_blocking_with(config);
    println!("{}", mock.url());
    eprintln!("{}", banner(&mock, logs));
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

/// What the mock serves: what the store holds now (the tour's webhooks included), not what the
/// flags asked for.
fn banner(mock: &StudioMock, logs_each: usize) -> String {
    let webhooks = mock.webhooks();
    let log_count: usize = webhooks
        .iter()
        .filter_map(|w| w["id"].as_str())
        .map(|id| mock.logs(id).len())
        .sum();
    format!(
        "studio-mock: serving {} with {} webhooks ({log_count} delivery logs; --logs {logs_each} \
         each seeded); key {}; Ctrl-C to stop",
        mock.url(),
        webhooks.len(),
        mock.api_key()
    )
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
            "--logs" => {
                let v = value()?;
                config.logs = v.parse().map_err(|_| format!("--logs: not a count: {v}"))?;
            }
            "--logs-for-created" => {
                let v = value()?;
                config.logs_for_created = v
                    .parse()
                    .map_err(|_| format!("--logs-for-created: not a count: {v}"))?;
            }
            "--tour" => config.tour = true,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_banner_counts_what_the_tour_made() {
        let config = parse(["--tour".to_owned()].into_iter()).unwrap().unwrap();
        let mock = StudioMock::start_blocking_with(config);
        let made = mock.webhooks().len();
        assert!(made > 0);
        let banner = banner(&mock, 0);
        assert!(
            banner.contains(&format!("with {made} webhooks")),
            "{banner}"
        );
        assert!(!banner.contains("with 0 webhooks"), "{banner}");
    }

    fn args(list: &[&str]) -> impl Iterator<Item = String> {
        list.iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .into_iter()
    }

    #[test]
    fn flags_fill_the_config_in_both_spellings() {
        let config = parse(args(&[
            "--port",
            "8080",
            "--webhooks=10000",
            "--logs",
            "3",
            "--key",
            "k1",
            "--logs-for-created=2",
            "--tour",
        ]))
        .unwrap()
        .unwrap();
        assert_eq!(
            (
                config.port,
                config.webhooks,
                config.logs,
                config.api_key.as_str()
            ),
            (8080, 10000, 3, "k1")
        );
        assert_eq!((config.logs_for_created, config.tour), (2, true));
        let defaults = parse(args(&[])).unwrap().unwrap();
        assert_eq!(defaults.api_key, studio_mock::DEFAULT_API_KEY);
        assert_eq!((defaults.port, defaults.webhooks, defaults.logs), (0, 0, 0));
    }

    #[test]
    fn bad_input_is_an_error_and_help_is_not() {
        assert!(parse(args(&["--help"])).unwrap().is_none());
        assert!(
            parse(args(&["--port"]))
                .unwrap_err()
                .contains("needs a value")
        );
        assert!(
            parse(args(&["--port", "x"]))
                .unwrap_err()
                .contains("not a port")
        );
        assert!(parse(args(&["--key="])).unwrap_err().contains("empty"));
        assert!(
            parse(args(&["--logs", "-1"]))
                .unwrap_err()
                .contains("not a count")
        );
        assert!(
            parse(args(&["--nope"]))
                .unwrap_err()
                .contains("unknown argument")
        );
    }
}
