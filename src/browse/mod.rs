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
    pub quit: bool,
}

impl App {
    pub fn new(conn: &Connection) -> Result<App> {
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
                Input::Search(b) | Input::Event(b) => b,
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
                        None => {}
                    }
                    self.selected = 0;
                    self.reload(conn)?;
                }
                _ => {}
            }
            return Ok(());
        }
        if self.help {
            self.help = false;
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
            _ => {}
        }
        Ok(())
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

/// Run the view until the user quits. Refuses without a terminal (exit 2).
pub fn run(conn: &Connection, title: String) -> Result<()> {
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        return Err(usage("inbox browse needs a terminal")
            .hint("use 'lpwh inbox list' and 'lpwh inbox show ID' in scripts and pipes")
            .into());
    }
    let mut app = App::new(conn)?;
    // init: raw mode and the alternate screen, and a panic hook that restores both.
    let mut terminal = ratatui::init();
    let result = (|| -> Result<()> {
        while !app.quit {
            terminal.draw(|frame| view::draw(frame, &app, &title))?;
            if event::poll(Duration::from_millis(500))? {
                if let Event::Key(key) = event::read()? {
                    app.key(conn, key)?;
                }
            } else {
                app.tick(conn)?;
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
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
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

    fn press(app: &mut App, conn: &Connection, code: KeyCode) {
        app.key(conn, KeyEvent::new(code, KeyModifiers::NONE))
            .unwrap();
    }

    fn screen(app: &App) -> String {
        let mut terminal = Terminal::new(TestBackend::new(120, 30)).unwrap();
        terminal.draw(|f| view::draw(f, app, "inbox")).unwrap();
        let buffer = terminal.backend().buffer().clone();
        let mut text = String::new();
        for y in 0..buffer.area.height {
            for x in 0..buffer.area.width {
                text.push_str(buffer[(x, y)].symbol());
            }
            text.push('\n');
        }
        text
    }

    #[test]
    fn the_list_pages_through_a_large_inbox_newest_first() {
        let (_dir, conn) = inbox(450);
        let mut app = App::new(&conn).unwrap();
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
        let mut app = App::new(&conn).unwrap();
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
        let mut app = App::new(&conn).unwrap();
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
        let mut app = App::new(&conn).unwrap();
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
