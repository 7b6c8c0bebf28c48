//! The key map of `inbox browse`: what each key does to [`App`]. Keys that need the network or
//! the terminal leave an [`Action`] for the runner.

use anyhow::Result;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use rusqlite::Connection;

use super::app::{App, Input, PAGE, Then};
use crate::signature::Reason;

impl App {
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
            KeyCode::Char('F') => {
                self.filter.failures = !self.filter.failures;
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
            KeyCode::Char('E') => self.act(Then::EditKeepId),
            _ => {}
        }
        Ok(())
    }
}
