//! `lpwh inbox browse`: a full-screen view over the inbox (ratatui). [`App`] is the state and
//! what each key does, with no terminal in it; [`view`] draws it; [`run`] owns the terminal,
//! which is restored on every way out (quit, an error, a panic: ratatui's hook).
//!
//! The list reads the inbox a page at a time, newest first (keyset paging on the received_at
//! index), so it opens at once over a million rows; new arrivals show up while following (`f`).

pub mod view;

use std::io::IsTerminal as _;
use std::time::Duration;

use anyhow::Result;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use rusqlite::Connection;

use crate::error::usage;
use crate::inbox::query::{self, Filter, Stored, Summary};
use crate::signature::Reason;

/// Rows read per page.
pub const PAGE: u64 = 200;

/// A line of text being typed, and what it is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// `/`: text the body must contain.
    Search(String),
    /// `t`: an event glob (`stream.*`).
    Event(String),
    /// `r` or `c` before a target is known: the URL to send to, asked for once.
    Target(String, Then),
}

/// What to do with the selected delivery once the target URL is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Then {
    Replay,
    Copy,
    Edit,
}

/// Work for the runner: it needs the network or the terminal, which [`App`] does not touch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Send delivery `id` again, re-signed, to the target.
    Replay(i64),
    /// Put a curl command that replays delivery `id` on the clipboard (OSC 52) and on screen.
    Copy(i64),
    /// Edit delivery `id`'s body in `$EDITOR`, send it re-signed, and record it as an edit.
    Edit(i64),
}

/// Where replays go and how they are signed (`--to`, `--secret`, `--scheme`).
#[derive(Debug, Clone)]
pub struct Replay {
    pub to: Option<url::Url>,
    pub secret: Option<crate::redacted::Secret>,
    pub scheme: crate::signature::Scheme,
}

/// Everything the view shows, and how keys change it.
#[derive(Debug)]
pub struct App {
    pub rows: Vec<Summary>,
    pub selected: usize,
    /// No older rows match: the list is complete.
    pub exhausted: bool,
    pub filter: Filter,
    /// The open delivery (Enter), and how far its text is scrolled.
    pub detail: Option<Stored>,
    pub scroll: u16,
    pub input: Option<Input>,
    /// Follow new arrivals: reload the newest page on every tick, keep the newest selected.
    pub follow: bool,
    pub help: bool,
    /// A one-line message for the footer.
    pub status: String,
    /// A longer text shown over the view until a key is pressed (the curl command).
    pub popup: Option<String>,
    pub replay: Replay,
    /// Work the runner does next.
    pub pending: Option<Action>,
    pub quit: bool,
}

impl App {
    pub fn new(conn: &Connection, replay: Replay) -> Result<App> {
        let mut app = App {
            rows: Vec::new(),
            selected: 0,
            exhausted: false,
            filter: Filter::default(),
            detail: None,
            scroll: 0,
            input: None,
            follow: false,
            help: false,
            status: String::new(),
            popup: None,
            replay,
            pending: None,
            quit: false,
        };
        app.reload(conn)?;
        Ok(app)
    }

    /// Read the newest page again (filters changed, or following).
    pub fn reload(&mut self, conn: &Connection) -> Result<()> {
        let filter = Filter {
            before: None,
            limit: Some(PAGE),
            ..self.filter.clone()
        };
        self.rows = query::list(conn, &filter)?;
        self.exhausted = (self.rows.len() as u64) < PAGE;
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        Ok(())
    }

    /// Read the page after the last row, when the selection nears it.
    fn more(&mut self, conn: &Connection) -> Result<()> {
        if self.exhausted {
            return Ok(());
        }
        let Some(last) = self.rows.last() else {
            return Ok(());
        };
        let filter = Filter {
            before: Some((last.received_at_ms, last.id)),
            limit: Some(PAGE),
            ..self.filter.clone()
        };
        let page = query::list(conn, &filter)?;
        self.exhausted = (page.len() as u64) < PAGE;
        self.rows.extend(page);
        Ok(())
    }

    fn select(&mut self, conn: &Connection, to: usize) -> Result<()> {
        while to + 1 >= self.rows.len() && !self.exhausted {
            let before = self.rows.len();
            self.more(conn)?;
            if self.rows.len() == before {
                break;
            }
        }
        self.selected = to.min(self.rows.len().saturating_sub(1));
        if self.detail.is_some() {
            self.open(conn)?;
        }
        Ok(())
    }

    fn open(&mut self, conn: &Connection) -> Result<()> {
        self.scroll = 0;
        self.detail = match self.rows.get(self.selected) {
            Some(row) => query::get(conn, row.id)?,
            None => None,
        };
        Ok(())
    }

    /// A summary of the filters in force, for the title.
    pub fn filters(&self) -> String {
        let mut parts = Vec::new();
        if let Some(v) = &self.filter.verdict {
            parts.push(format!("verdict {v}"));
        }
        if let Some(e) = &self.filter.event {
            parts.push(format!("event {e}"));
        }
        if let Some(s) = &self.filter.body_contains {
            parts.push(format!("body contains \"{s}\""));
        }
        if self.follow {
            parts.push("following".to_owned());
        }
        parts.join(" · ")
    }

    /// What a key does.
    pub fn key(&mut self, conn: &Connection, key: KeyEvent) -> Result<()> {
        if key.kind == KeyEventKind::Release {
            return Ok(());
        }
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            self.quit = true;
            return Ok(());
        }
        if let Some(input) = &mut self.input {
            let buffer = match input {
                Input::Search(b) | Input::Event(b) | Input::Target(b, _) => b,
            };
            match key.code {
                KeyCode::Esc => self.input = None,
                KeyCode::Backspace => {
                    buffer.pop();
                }
                KeyCode::Char(c) => buffer.push(c),
                KeyCode::Enter => {
                    let done = self.input.take();
                    match done {
                        Some(Input::Search(text)) => {
                            self.filter.body_contains = (!text.is_empty()).then_some(text)
                        }
                        Some(Input::Event(glob)) => {
                            self.filter.event = (!glob.is_empty()).then_some(glob)
                        }
                        Some(Input::Target(text, then)) => {
                            match crate::deliver::parse_to_url(text.trim()) {
                                Ok(url) => {
                                    self.replay.to = Some(url);
                                    self.act(then);
                                }
                                Err(err) => self.status = format!("{err:#}"),
                            }
                            return Ok(());
                        }
                        None => {}
                    }
                    self.selected = 0;
                    self.reload(conn)?;
                }
                _ => {}
            }
            return Ok(());
        }
        if self.help || self.popup.is_some() {
            self.help = false;
            self.popup = None;
            return Ok(());
        }
        let page = 10;
        match key.code {
            KeyCode::Char('q') => self.quit = true,
            KeyCode::Esc if self.detail.is_some() => self.detail = None,
            KeyCode::Esc => self.quit = true,
            KeyCode::Down | KeyCode::Char('j') => self.select(conn, self.selected + 1)?,
            KeyCode::Up | KeyCode::Char('k') => {
                self.select(conn, self.selected.saturating_sub(1))?
            }
            KeyCode::PageDown => self.select(conn, self.selected + page)?,
            KeyCode::PageUp => self.select(conn, self.selected.saturating_sub(page))?,
            KeyCode::Char('g') | KeyCode::Home => self.select(conn, 0)?,
            KeyCode::Char('G') | KeyCode::End => {
                // The last row loaded, and one page further: never the whole inbox at once.
                let to = self.rows.len().saturating_sub(1) + PAGE as usize;
                self.select(conn, to)?
            }
            KeyCode::Enter => {
                if self.detail.is_some() {
                    self.detail = None;
                } else {
                    self.open(conn)?;
                }
            }
            KeyCode::Char(' ') if self.detail.is_some() => {
                self.scroll = self.scroll.saturating_add(10)
            }
            KeyCode::Char('b') if self.detail.is_some() => {
                self.scroll = self.scroll.saturating_sub(10)
            }
            KeyCode::Char('/') => {
                self.input = Some(Input::Search(
                    self.filter.body_contains.clone().unwrap_or_default(),
                ))
            }
            KeyCode::Char('t') => {
                self.input = Some(Input::Event(self.filter.event.clone().unwrap_or_default()))
            }
            KeyCode::Char('v') => {
                // None → each reason word in turn → None.
                let words: Vec<&str> = Reason::ALL.iter().map(|r| r.as_str()).collect();
                let next = match &self.filter.verdict {
                    None => Some(words[0]),
                    Some(v) => words
                        .iter()
                        .position(|w| w == v)
                        .and_then(|i| words.get(i + 1))
                        .copied(),
                };
                self.filter.verdict = next.map(str::to_owned);
                self.selected = 0;
                self.reload(conn)?;
            }
            KeyCode::Char('f') => {
                self.follow = !self.follow;
                if self.follow {
                    self.selected = 0;
                    self.reload(conn)?;
                }
            }
            KeyCode::Char('?') => self.help = true,
            KeyCode::Char('r') => self.act(Then::Replay),
            KeyCode::Char('c') => self.act(Then::Copy),
            KeyCode::Char('e') => self.act(Then::Edit),
            _ => {}
        }
        Ok(())
    }

    /// Replay or copy the selected delivery, asking for the target first if there is none.
    fn act(&mut self, then: Then) {
        let Some(row) = self.rows.get(self.selected) else {
            return;
        };
        if self.replay.to.is_none() {
            self.input = Some(Input::Target(String::new(), then));
            return;
        }
        self.pending = Some(match then {
            Then::Replay => Action::Replay(row.id),
            Then::Copy => Action::Copy(row.id),
            Then::Edit => Action::Edit(row.id),
        });
    }

    /// Time passing: while following, show what arrived.
    pub fn tick(&mut self, conn: &Connection) -> Result<()> {
        if self.follow {
            let newest = self.rows.first().map(|r| r.id);
            self.reload(conn)?;
            if self.rows.first().map(|r| r.id) != newest {
                self.selected = 0;
                if self.detail.is_some() {
                    self.open(conn)?;
                }
            }
        }
        Ok(())
    }
}

/// Do what a key asked for that needs the network or the terminal; the outcome goes to the
/// footer (and the curl command to a popup and the clipboard).
fn perform(
    app: &mut App,
    conn: &Connection,
    runtime: &tokio::runtime::Handle,
    action: Action,
) -> Result<()> {
    let (Action::Replay(id) | Action::Copy(id) | Action::Edit(id)) = action;
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
        Action::Edit(_) => {}
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
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let mut request = client.post(to.clone()).body(prepared.body.clone());
    for (name, value) in &prepared.headers {
        request = request.header(name, value);
    }
    let started = std::time::Instant::now();
    let answer = request.send().await?;
    Ok((
        answer.status().as_u16(),
        started.elapsed().as_millis() as u64,
    ))
}

/// Open `body` in `$VISUAL`, `$EDITOR` or `vi` (a private temporary file); the edited bytes,
/// or `None` when unchanged.
fn edit_body(body: &[u8]) -> Result<Option<Vec<u8>>> {
    use std::os::unix::fs::{DirBuilderExt as _, OpenOptionsExt as _};
    let dir = std::env::temp_dir().join(format!(
        "lpwh-edit-{}-{}",
        std::process::id(),
        uuid::Uuid::new_v4().simple()
    ));
    std::fs::DirBuilder::new().mode(0o700).create(&dir)?;
    let file = dir.join("delivery.json");
    let result = (|| -> Result<Option<Vec<u8>>> {
        {
            use std::io::Write as _;
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(&file)?;
            f.write_all(body)?;
        }
        let editor = std::env::var("VISUAL")
            .or_else(|_| std::env::var("EDITOR"))
            .unwrap_or_else(|_| "vi".to_owned());
        // Through the shell: EDITOR may carry arguments (`code --wait`).
        let status = std::process::Command::new("sh")
            .args(["-c", &format!("{editor} \"$1\""), "lpwh-edit"])
            .arg(&file)
            .status()?;
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
fn send_edit(
    app: &mut App,
    conn: &Connection,
    runtime: &tokio::runtime::Handle,
    id: i64,
    body: Vec<u8>,
) -> Result<()> {
    let Some(to) = app.replay.to.clone() else {
        return Ok(());
    };
    let Some(mut stored) = query::get(conn, id)? else {
        return Ok(());
    };
    stored.body = body;
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
    let outcome = runtime.block_on(post(&to, &prepared));
    let (status, forward) = match &outcome {
        Ok((status, ms)) => (
            Some(*status),
            serde_json::json!([{"url": shown, "status": status, "latency_ms": ms, "error": null}]),
        ),
        Err(err) => (
            None,
            serde_json::json!([{"url": shown, "status": null, "latency_ms": 0, "error": format!("{err:#}")}]),
        ),
    };
    let envelope = crate::delivery::Envelope::parse(&prepared.body);
    let verdict = if prepared.signed { "ok" } else { "unsigned" };
    conn.execute(
        "INSERT INTO deliveries (received_at, method, path, headers, body, verdict, hint, event,
            event_id, webhook_id, forward, status, edit_of)
         VALUES (?1, 'POST', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        rusqlite::params![
            now,
            to.path(),
            serde_json::to_string(&prepared.headers)?,
            prepared.body,
            verdict,
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
    app.status = match outcome {
        Ok((status, ms)) => format!(
            "edit of {id} recorded as {new_id}: sent{} → {status} in {ms} ms to {shown}",
            if prepared.signed {
                " re-signed"
            } else {
                " unsigned"
            }
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
fn copy_to_clipboard(text: &str) {
    use base64::Engine as _;
    use std::io::Write as _;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    let mut out = std::io::stdout().lock();
    let _ = write!(out, "\u{1b}]52;c;{encoded}\u{7}");
    let _ = out.flush();
}

/// Open the view over `conn` and draw its first screen on a test backend of `width`×`height`:
/// the text it shows. For the benchmark of time to first screen.
pub fn first_screen(conn: &Connection, width: u16, height: u16) -> Result<String> {
    let app = App::new(
        conn,
        Replay {
            to: None,
            secret: None,
            scheme: crate::signature::Scheme::Livepeer,
        },
    )?;
    screen_text(&app, width, height, "lpwh inbox")
}

/// `app` drawn on a test backend of `width`×`height`, as text (one line per row).
pub fn screen_text(app: &App, width: u16, height: u16, title: &str) -> Result<String> {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height))?;
    terminal.draw(|frame| view::draw(frame, app, title))?;
    let buffer = terminal.backend().buffer();
    let mut text = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            text.push_str(buffer[(x, y)].symbol());
        }
        text.push('\n');
    }
    Ok(text)
}

/// Run the view until the user quits. Refuses without a terminal (exit 2).
pub fn run(conn: &Connection, title: String, replay: Replay) -> Result<()> {
    view(conn, title, replay, false, None)
}

/// The view of `listen --ui`: following from the start, over the inbox the listener records
/// into, until the user quits or `stop` is set (listen stopping for another reason). `replay`
/// is listen's own: its forward target, its secret and scheme.
pub fn run_live(
    conn: &Connection,
    title: String,
    replay: Replay,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
) -> Result<()> {
    view(conn, title, replay, true, Some(stop))
}

fn view(
    conn: &Connection,
    title: String,
    replay: Replay,
    follow: bool,
    stop: Option<std::sync::Arc<std::sync::atomic::AtomicBool>>,
) -> Result<()> {
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        return Err(usage("the full-screen view needs a terminal")
            .hint("use 'lpwh inbox list' and 'lpwh inbox show ID' in scripts and pipes")
            .into());
    }
    let mut app = App::new(conn, replay)?;
    app.follow = follow;
    let stopped = || {
        stop.as_ref()
            .is_some_and(|s| s.load(std::sync::atomic::Ordering::SeqCst))
    };
    let runtime = tokio::runtime::Handle::current();
    // init: raw mode and the alternate screen, and a panic hook that restores both.
    let mut terminal = ratatui::init();
    let result = (|| -> Result<()> {
        while !app.quit && !stopped() {
            terminal.draw(|frame| view::draw(frame, &app, &title))?;
            if event::poll(Duration::from_millis(500))? {
                if let Event::Key(key) = event::read()? {
                    app.key(conn, key)?;
                }
            } else {
                app.tick(conn)?;
            }
            if let Some(action) = app.pending.take() {
                if let Action::Edit(id) = action {
                    // The editor needs the terminal: give it back, then take it again.
                    ratatui::restore();
                    let edited = query::get(conn, id)?.map(|d| edit_body(&d.body));
                    terminal = ratatui::init();
                    match edited {
                        Some(Ok(Some(body))) => send_edit(&mut app, conn, &runtime, id, body)?,
                        Some(Ok(None)) => {
                            app.status = format!("delivery {id} not changed: nothing sent")
                        }
                        Some(Err(err)) => app.status = format!("editing failed: {err:#}"),
                        None => app.status = format!("delivery {id} is gone from the inbox"),
                    }
                } else {
                    perform(&mut app, conn, &runtime, action)?;
                }
            }
        }
        Ok(())
    })();
    ratatui::restore();
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inbox::schema;
    use ratatui::crossterm::event::KeyEvent;

    /// An inbox of `n` deliveries: every third a bad signature; one body full of escapes.
    fn inbox(n: i64) -> (tempfile::TempDir, Connection) {
        let dir = tempfile::tempdir().unwrap();
        let conn =
            schema::open_for_writing(&dir.path().join("i.sqlite"), &crate::output::Out::plain())
                .unwrap();
        for i in 1..=n {
            let verdict = if i % 3 == 0 { "bad_signature" } else { "ok" };
            let event = if i % 2 == 0 {
                "asset.ready"
            } else {
                "stream.started"
            };
            let body = if i == n {
                "{\"event\":\"stream.started\",\"name\":\"evil\u{1b}]0;pwned\u{7}\u{202e}x\"}"
                    .to_owned()
            } else {
                format!("{{\"event\":\"{event}\",\"n\":{i}}}")
            };
            conn.execute(
                "INSERT INTO deliveries (received_at, method, path, headers, body, verdict, event, event_id)
                 VALUES (?1, 'POST', '/', '[[\"content-type\",\"application/json\"]]', ?2, ?3, ?4, ?5)",
                rusqlite::params![1_700_000_000_000 + i, body.as_bytes(), verdict, event, format!("evt-{i}")],
            )
            .unwrap();
        }
        (dir, conn)
    }

    fn no_target() -> Replay {
        Replay {
            to: None,
            secret: None,
            scheme: crate::signature::Scheme::Livepeer,
        }
    }

    fn press(app: &mut App, conn: &Connection, code: KeyCode) {
        app.key(conn, KeyEvent::new(code, KeyModifiers::NONE))
            .unwrap();
    }

    fn screen(app: &App) -> String {
        screen_text(app, 120, 30, "inbox").unwrap()
    }

    #[test]
    fn the_list_pages_through_a_large_inbox_newest_first() {
        let (_dir, conn) = inbox(450);
        let mut app = App::new(&conn, no_target()).unwrap();
        assert_eq!(app.rows.len() as u64, PAGE, "one page read at first");
        assert_eq!(app.rows[0].id, 450);
        assert!(!app.exhausted);
        // Moving to the end of the page reads the next one; G goes a page further at most.
        press(&mut app, &conn, KeyCode::Char('G'));
        assert_eq!(
            app.rows[app.selected].id, 51,
            "a page past the last row loaded"
        );
        press(&mut app, &conn, KeyCode::Char('G'));
        assert_eq!(app.rows.len(), 450);
        assert!(app.exhausted);
        assert_eq!(app.rows[app.selected].id, 1, "the oldest");
        press(&mut app, &conn, KeyCode::Char('g'));
        assert_eq!(app.selected, 0);
        press(&mut app, &conn, KeyCode::Char('j'));
        press(&mut app, &conn, KeyCode::Down);
        assert_eq!(app.rows[app.selected].id, 448);
        press(&mut app, &conn, KeyCode::Up);
        assert_eq!(app.rows[app.selected].id, 449);
    }

    #[test]
    fn filters_search_and_details_show_what_they_say() {
        let (_dir, conn) = inbox(30);
        let mut app = App::new(&conn, no_target()).unwrap();
        // v: the first reason word, ok.
        press(&mut app, &conn, KeyCode::Char('v'));
        assert_eq!(app.filter.verdict.as_deref(), Some("ok"));
        assert!(app.rows.iter().all(|r| r.verdict == "ok"));
        assert!(screen(&app).contains("verdict ok"));
        // Cycling on to bad_signature.
        press(&mut app, &conn, KeyCode::Char('v'));
        press(&mut app, &conn, KeyCode::Char('v'));
        press(&mut app, &conn, KeyCode::Char('v'));
        assert_eq!(app.filter.verdict.as_deref(), Some("bad_signature"));
        assert_eq!(app.rows.len(), 10);
        // t: an event glob, typed.
        press(&mut app, &conn, KeyCode::Char('t'));
        for c in "asset.*".chars() {
            press(&mut app, &conn, KeyCode::Char(c));
        }
        assert!(screen(&app).contains("event glob: asset.*"));
        press(&mut app, &conn, KeyCode::Enter);
        assert!(
            app.rows
                .iter()
                .all(|r| r.event.as_deref() == Some("asset.ready") && r.verdict == "bad_signature")
        );
        assert_eq!(app.rows.len(), 5);
        // / searches body text.
        app.filter = Filter::default();
        press(&mut app, &conn, KeyCode::Char('/'));
        for c in "\"n\":17".chars() {
            press(&mut app, &conn, KeyCode::Char(c));
        }
        press(&mut app, &conn, KeyCode::Enter);
        assert_eq!(app.rows.iter().map(|r| r.id).collect::<Vec<_>>(), [17]);
        // Enter opens the details: headers, verdict and the pretty body.
        press(&mut app, &conn, KeyCode::Enter);
        let shown = screen(&app);
        assert!(
            shown.contains("delivery 17") && shown.contains("Headers"),
            "{shown}"
        );
        assert!(shown.contains("\"n\": 17"), "{shown}");
        press(&mut app, &conn, KeyCode::Esc);
        assert!(app.detail.is_none());
        press(&mut app, &conn, KeyCode::Char('?'));
        assert!(screen(&app).contains("cycle the verdict filter"));
        press(&mut app, &conn, KeyCode::Char('x'));
        assert!(!app.help);
        press(&mut app, &conn, KeyCode::Char('q'));
        assert!(app.quit);
    }

    #[test]
    fn a_hostile_payload_is_drawn_harmless_and_the_footer_lists_the_keys() {
        let (_dir, conn) = inbox(3);
        let mut app = App::new(&conn, no_target()).unwrap();
        assert!(screen(&app).contains("Enter details"), "the footer");
        press(&mut app, &conn, KeyCode::Enter);
        let shown = screen(&app);
        assert!(
            !shown.contains('\u{1b}') && !shown.contains('\u{7}') && !shown.contains('\u{202e}'),
            "{shown}"
        );
        assert!(
            shown.contains("\\u{1b}]0;pwned"),
            "escaped, not acted on: {shown}"
        );
    }

    #[test]
    fn following_shows_new_arrivals() {
        let (_dir, conn) = inbox(5);
        let mut app = App::new(&conn, no_target()).unwrap();
        press(&mut app, &conn, KeyCode::Char('j'));
        press(&mut app, &conn, KeyCode::Char('f'));
        assert!(app.follow && app.selected == 0);
        conn.execute(
            "INSERT INTO deliveries (received_at, method, path, headers, body, verdict, event)
             VALUES (1800000000000, 'POST', '/', '[]', x'7b7d', 'ok', 'task.completed')",
            [],
        )
        .unwrap();
        app.tick(&conn).unwrap();
        assert_eq!(app.rows[0].event.as_deref(), Some("task.completed"));
        assert_eq!(app.selected, 0);
        assert!(screen(&app).contains("following"));
    }
}

#[cfg(test)]
mod action_tests {
    use super::*;
    use crate::inbox::schema;
    use ratatui::crossterm::event::KeyEvent;

    fn press(app: &mut App, conn: &Connection, code: KeyCode) {
        app.key(conn, KeyEvent::new(code, KeyModifiers::NONE))
            .unwrap();
    }

    #[test]
    fn replay_and_copy_ask_for_the_target_once() {
        let dir = tempfile::tempdir().unwrap();
        let conn =
            schema::open_for_writing(&dir.path().join("i.sqlite"), &crate::output::Out::plain())
                .unwrap();
        conn.execute(
            "INSERT INTO deliveries (received_at, method, path, headers, body, verdict, event, event_id)
             VALUES (1700000000000, 'POST', '/', '[[\"content-type\",\"application/json\"]]',
                     x'7b2274696d657374616d70223a313730303030303030303030307d', 'ok', 'x', 'e1')",
            [],
        )
        .unwrap();
        let replay = Replay {
            to: None,
            secret: Some(crate::redacted::Secret::new("s3cret")),
            scheme: crate::signature::Scheme::Livepeer,
        };
        let mut app = App::new(&conn, replay).unwrap();
        press(&mut app, &conn, KeyCode::Char('r'));
        assert!(matches!(app.input, Some(Input::Target(_, Then::Replay))));
        for c in "not a url".chars() {
            press(&mut app, &conn, KeyCode::Char(c));
        }
        press(&mut app, &conn, KeyCode::Enter);
        assert!(
            app.pending.is_none() && !app.status.is_empty(),
            "a bad URL is said, not sent"
        );
        press(&mut app, &conn, KeyCode::Char('r'));
        for c in "http://127.0.0.1:9/hook".chars() {
            press(&mut app, &conn, KeyCode::Char(c));
        }
        press(&mut app, &conn, KeyCode::Enter);
        assert_eq!(app.pending.take(), Some(Action::Replay(1)));
        // Asked once: c goes straight to work.
        press(&mut app, &conn, KeyCode::Char('c'));
        assert_eq!(app.pending.take(), Some(Action::Copy(1)));

        let stored = query::get(&conn, 1).unwrap().unwrap();
        let prepared = crate::inbox::replay::prepare(
            &stored,
            app.replay.scheme,
            app.replay.secret.as_ref(),
            1_800_000_000_000,
        )
        .unwrap();
        let cmd = curl_command(app.replay.to.as_ref().unwrap(), &prepared);
        assert!(cmd.starts_with(r#"printf '{"timestamp":1800000000000}' | curl -sS -X POST 'http://127.0.0.1:9/hook'"#), "{cmd}");
        assert!(
            cmd.contains("-H 'Livepeer-Signature: t=1800000000000,v1="),
            "{cmd}"
        );
        assert!(cmd.ends_with("--data-binary @-"), "{cmd}");
    }
}
