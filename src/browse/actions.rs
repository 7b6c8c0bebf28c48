//! What browse's keys do beyond the view: replay (`r`), copy as curl (`c`) and edit (`e`) the
//! selected delivery, re-signed as `inbox replay` signs. They need the network, the terminal or
//! `$EDITOR`, which [`super::App`] does not touch.

use std::time::Duration;

use anyhow::Result;
use rusqlite::Connection;

use super::app::{Action, App};
use crate::inbox::query;
use crate::signature::Reason;

/// Do what a key asked for that needs the network or the terminal; the outcome goes to the
/// footer (and the curl command to a popup and the clipboard).
pub(super) fn perform(
    app: &mut App,
    conn: &Connection,
    runtime: &tokio::runtime::Handle,
    action: Action,
) -> Result<()> {
    let (Action::Replay(id) | Action::Copy(id) | Action::Edit(id) | Action::EditKeepId(id)) =
        action;
    let Some(stored) = query::get(conn, id)? else {
        app.status = format!("delivery {id} is gone from the inbox");
        return Ok(());
    };
    let Some(to) = app.replay.to.clone() else {
        return Ok(());
    };
    let prepared = match crate::inbox::replay::prepare(
        &stored,
        app.replay.scheme,
        app.replay.secret.as_ref(),
        crate::humane::now_ms(),
    ) {
        Ok(p) => p,
        Err(err) => {
            app.status = format!("cannot sign as {}: {err}", app.replay.scheme);
            return Ok(());
        }
    };
    match action {
        Action::Replay(_) => {
            app.status = runtime.block_on(send(&to, &prepared)).unwrap_or_else(|e| {
                format!(
                    "replaying {id} to {} failed: {e:#}",
                    crate::redacted::url_without_secrets(to.as_str())
                )
            });
            app.status = format!("delivery {id}: {}", app.status);
        }
        Action::Edit(_) | Action::EditKeepId(_) => {}
        Action::Copy(_) => {
            let command = curl_command(&to, &prepared);
            copy_to_clipboard(&command);
            app.popup = Some(command);
            app.status = format!(
                "delivery {id} copied as a curl command (signed now: valid for the receiver's tolerance)"
            );
        }
    }
    Ok(())
}

/// POST the prepared delivery; its outcome in a few words.
pub async fn send(to: &url::Url, prepared: &crate::inbox::replay::Prepared) -> Result<String> {
    let (status, ms) = post(to, prepared).await?;
    Ok(format!(
        "replayed{} to {} → {status} in {ms} ms",
        if prepared.signed {
            ", re-signed,"
        } else {
            " unsigned"
        },
        crate::redacted::url_without_secrets(to.as_str()),
    ))
}

/// POST the prepared delivery: the status and how long it took.
async fn post(to: &url::Url, prepared: &crate::inbox::replay::Prepared) -> Result<(u16, u64)> {
    let (status, ms, _) = post_reading(to, prepared).await?;
    Ok((status, ms))
}

/// The most of an answer's body kept to show what the receiver said.
const ANSWER_SHOWN: usize = 1024;

/// POST the prepared delivery: the status, how long it took, and the start of the answer's body.
async fn post_reading(
    to: &url::Url,
    prepared: &crate::inbox::replay::Prepared,
) -> Result<(u16, u64, String)> {
    let client = crate::http_client::builder()
        .timeout(Duration::from_secs(30))
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let mut request = client.post(to.clone()).body(prepared.body.clone());
    for (name, value) in &prepared.headers {
        request = request.header(name, value);
    }
    let started = std::time::Instant::now();
    let mut answer = request.send().await?;
    let status = answer.status().as_u16();
    let mut kept = Vec::new();
    while kept.len() < ANSWER_SHOWN {
        match answer.chunk().await {
            Ok(Some(chunk)) => kept.extend_from_slice(&chunk),
            _ => break,
        }
    }
    kept.truncate(ANSWER_SHOWN);
    Ok((
        status,
        started.elapsed().as_millis() as u64,
        String::from_utf8_lossy(&kept).into_owned(),
    ))
}

/// The editor when neither `$VISUAL` nor `$EDITOR` is set.
const DEFAULT_EDITOR: &str = if cfg!(windows) { "notepad" } else { "vi" };

/// `editor` on `file`, through the shell: `EDITOR` may carry arguments (`code --wait`). The
/// file's path goes as a separate argument on Unix, never into the command text.
fn editor_command(editor: &str, file: &std::path::Path) -> std::process::Command {
    #[cfg(windows)]
    {
        let mut command = std::process::Command::new("cmd");
        command
            .arg("/C")
            .arg(format!("{editor} \"{}\"", file.display()));
        command
    }
    #[cfg(not(windows))]
    {
        let mut command = std::process::Command::new("sh");
        command
            .args(["-c", &format!("{editor} \"$1\""), "lpwh-edit"])
            .arg(file);
        command
    }
}

/// Open `body` in `$VISUAL`, `$EDITOR` or [`DEFAULT_EDITOR`] (a private temporary file); the edited bytes,
/// or `None` when unchanged.
///
/// Unix: the directory is 0700 and the file 0600. Windows: they inherit the ACL of the per-user
/// temporary directory (`%TEMP%`, under the user's profile), which only that user can read.
pub(super) fn edit_body(body: &[u8]) -> Result<Option<Vec<u8>>> {
    let dir = std::env::temp_dir().join(format!(
        "lpwh-edit-{}-{}",
        std::process::id(),
        uuid::Uuid::new_v4().simple()
    ));
    #[cfg_attr(not(unix), allow(unused_mut))]
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(&dir)?;
    let file = dir.join("delivery.json");
    let result = (|| -> Result<Option<Vec<u8>>> {
        {
            use std::io::Write as _;
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let mut f = options.open(&file)?;
            f.write_all(body)?;
        }
        let editor = std::env::var("VISUAL")
            .or_else(|_| std::env::var("EDITOR"))
            .unwrap_or_else(|_| DEFAULT_EDITOR.to_owned());
        let status = editor_command(&editor, &file).status()?;
        if !status.success() {
            anyhow::bail!("{editor} exited with {status}; nothing sent");
        }
        let edited = std::fs::read(&file)?;
        Ok((edited != body).then_some(edited))
    })();
    let _ = std::fs::remove_dir_all(&dir);
    result
}

/// Send an edited body of delivery `id`, re-signed as `inbox replay` signs, and record it in
/// the inbox as a new delivery marked as an edit of `id`.
pub(super) fn send_edit(
    app: &mut App,
    conn: &Connection,
    runtime: &tokio::runtime::Handle,
    id: i64,
    body: Vec<u8>,
    keep_id: bool,
) -> Result<()> {
    let Some(to) = app.replay.to.clone() else {
        return Ok(());
    };
    let Some(mut stored) = query::get(conn, id)? else {
        return Ok(());
    };
    // An edit is a new event: a fresh id, so a receiver that deduplicates by id takes it (and
    // Standard Webhooks signs that id). Keeping the old one is the separate, named action.
    let how = if keep_id {
        stored.body = body;
        format!(
            "keeping event id {} (a duplicate, to test duplicate handling)",
            stored.event_id.as_deref().unwrap_or("-")
        )
    } else {
        let (fresh, new_id) = crate::inbox::replay::fresh_event_id(&body);
        stored.body = fresh;
        match new_id {
            Some(new_id) => {
                stored.event_id = Some(new_id.clone());
                stored
                    .headers
                    .retain(|(n, _)| !n.eq_ignore_ascii_case(crate::signature::WEBHOOK_ID));
                format!("as a new event {new_id}")
            }
            None => "as edited (no JSON event id to renew)".to_owned(),
        }
    };
    let now = crate::humane::now_ms();
    let prepared = match crate::inbox::replay::prepare(
        &stored,
        app.replay.scheme,
        app.replay.secret.as_ref(),
        now,
    ) {
        Ok(p) => p,
        Err(err) => {
            app.status = format!("cannot sign as {}: {err}", app.replay.scheme);
            return Ok(());
        }
    };
    let shown = crate::redacted::url_without_secrets(to.as_str());
    let outcome = runtime.block_on(post_reading(&to, &prepared));
    let (status, forward) = match &outcome {
        Ok((status, ms, _)) => (
            Some(*status),
            serde_json::json!([{"url": shown, "status": status, "latency_ms": ms, "error": null}]),
        ),
        Err(err) => (
            None,
            serde_json::json!([{"url": shown, "status": null, "latency_ms": 0, "error": format!("{err:#}")}]),
        ),
    };
    let envelope = crate::delivery::Envelope::parse(&prepared.body);
    // As listen would judge what was sent: a body that is not JSON is no delivery to act on.
    let verdict = if !envelope.is_json {
        Reason::NotJson
    } else if prepared.signed {
        Reason::Ok
    } else {
        Reason::Unsigned
    };
    conn.execute(
        "INSERT INTO deliveries (received_at, method, path, headers, body, verdict, hint, event,
            event_id, webhook_id, forward, status, edit_of)
         VALUES (?1, 'POST', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        rusqlite::params![
            now,
            to.path(),
            serde_json::to_string(&prepared.headers)?,
            prepared.body,
            verdict.as_str(),
            format!("edited from delivery {id} and sent by lpwh inbox browse"),
            envelope.event,
            envelope.id,
            envelope.webhook_id,
            forward.to_string(),
            status,
            id,
        ],
    )?;
    let new_id = conn.last_insert_rowid();
    // What matters first: the footer is one line, and a narrow terminal cuts the rest.
    // What the receiver really said (its status and the start of its body: a duplicate, a
    // refusal), not a guess.
    app.status = match outcome {
        Ok((status, ms, said)) => format!(
            "edit of {id} → {status} in {ms} ms: {} · recorded as {new_id}, sent{} {how} to {shown}",
            crate::output::sanitize(said.trim().chars().take(120).collect::<String>().as_str()),
            if prepared.signed {
                " re-signed"
            } else {
                " unsigned"
            },
        ),
        Err(err) => format!("edit of {id} recorded as {new_id}: not sent: {err:#}"),
    };
    app.selected = 0;
    app.reload(conn)?;
    Ok(())
}

/// A shell command that sends the prepared delivery byte for byte, on one line, inert however it
/// is pasted: its body and headers came from whoever POSTed to `listen` ([`crate::shell`]).
pub fn curl_command(to: &url::Url, prepared: &crate::inbox::replay::Prepared) -> String {
    let headers: Vec<(&str, &[u8])> = prepared
        .headers
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_bytes()))
        .collect();
    crate::shell::curl_command(to.as_str(), &headers, &prepared.body, false)
}

/// Put `text` on the terminal's clipboard with OSC 52 (terminals that allow it; others ignore it).
pub(super) fn copy_to_clipboard(text: &str) {
    use base64::Engine as _;
    use std::io::Write as _;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    let mut out = std::io::stdout().lock();
    let _ = write!(out, "\u{1b}]52;c;{encoded}\u{7}");
    let _ = out.flush();
}
