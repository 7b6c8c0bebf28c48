//! The state of `inbox browse`, with no terminal in it: the list it pages through (newest first,
//! a page at a time), the open delivery, what is being typed, and work for the runner. What each
//! key does is in [`super::keys`]; drawing is in [`super::view`].

use anyhow::Result;
use rusqlite::Connection;

use crate::inbox::query::{self, Filter, Summary};

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
    EditKeepId,
}

/// Work for the runner: it needs the network or the terminal, which [`App`] does not touch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Send delivery `id` again, re-signed, to the target.
    Replay(i64),
    /// Put a curl command that replays delivery `id` on the clipboard (OSC 52) and on screen.
    Copy(i64),
    /// Edit delivery `id`'s body in `$EDITOR`, send it re-signed as a new event (a fresh event
    /// id and timestamp), and record it as an edit.
    Edit(i64),
    /// The same, keeping the event id: for testing how a receiver handles a duplicate.
    EditKeepId(i64),
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
    pub detail: Option<super::detail::Detail>,
    /// Rows the details are scrolled down.
    pub scroll: usize,
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
    pub(super) fn more(&mut self, conn: &Connection) -> Result<()> {
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

    pub(super) fn select(&mut self, conn: &Connection, to: usize) -> Result<()> {
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

    pub(super) fn open(&mut self, conn: &Connection) -> Result<()> {
        self.scroll = 0;
        self.detail = match self.rows.get(self.selected) {
            Some(row) => query::get(conn, row.id)?
                .map(|d| super::detail::Detail::new(d, crate::humane::now_ms())),
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
        if self.filter.failures {
            parts.push("failures only".to_owned());
        }
        if let Some(s) = &self.filter.body_contains {
            parts.push(format!("body contains \"{s}\""));
        }
        if self.follow {
            parts.push("following".to_owned());
        }
        parts.join(" · ")
    }

    /// Replay or copy the selected delivery, asking for the target first if there is none.
    pub(super) fn act(&mut self, then: Then) {
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
            Then::EditKeepId => Action::EditKeepId(row.id),
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
