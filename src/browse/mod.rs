//! `lpwh inbox browse`: a full-screen view over the inbox (ratatui). [`App`] (in [`app`]) is the
//! state, [`keys`] what each key does, with no terminal in either; [`view`] draws it (the list,
//! and the open delivery laid out by [`detail`] a screen at a time); [`actions`] replays, copies
//! and edits; [`run`] owns the terminal, which is restored on every way out (quit, an error, a
//! panic: ratatui's hook; SIGTERM, SIGHUP and the other signals that can be caught).
//!
//! The list reads the inbox a page at a time, newest first (keyset paging on the received_at
//! index), so it opens at once over a million rows; new arrivals show up while following (`f`).

mod actions;
mod app;
pub mod detail;
mod keys;
pub mod view;

use std::io::IsTerminal as _;
use std::time::Duration;

use anyhow::Result;
use ratatui::crossterm::event::{self, Event};
use rusqlite::Connection;

pub use actions::{curl_command, send};
use actions::{edit_body, perform, send_edit};
pub use app::{Action, App, Input, PAGE, Replay, Then};

use crate::error::usage;
use crate::inbox::query;

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
    let caught = view(conn, title, replay, false, None)?;
    // The terminal is restored: now end as that signal would have ended us.
    #[cfg(unix)]
    if let Some(signal) = caught {
        let _ = signal_hook::low_level::emulate_default_handler(signal);
    }
    // Windows ends a process on Ctrl-Break or a closed console with STATUS_CONTROL_C_EXIT.
    #[cfg(windows)]
    if caught.is_some() {
        std::process::exit(0xC000_013A_u32 as i32);
    }
    let _ = caught;
    Ok(())
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
    // A signal ends the view with the terminal restored; listen, seeing the view end, stops
    // and cleans up as for any other stop.
    view(conn, title, replay, true, Some(stop)).map(drop)
}

fn view(
    conn: &Connection,
    title: String,
    replay: Replay,
    follow: bool,
    stop: Option<std::sync::Arc<std::sync::atomic::AtomicBool>>,
) -> Result<Option<i32>> {
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
    // Signals that would end the process with the terminal in raw mode end the view instead.
    let caught = Caught::register()?;
    // init: raw mode and the alternate screen, and a panic hook that restores both.
    let mut terminal = ratatui::init();
    let result = (|| -> Result<()> {
        while !app.quit && !stopped() && caught.signal().is_none() {
            terminal.draw(|frame| view::draw(frame, &app, &title))?;
            if event::poll(Duration::from_millis(500))? {
                if let Event::Key(key) = event::read()? {
                    app.key(conn, key)?;
                }
            } else {
                app.tick(conn)?;
            }
            if let Some(action) = app.pending.take() {
                if let Action::Edit(id) | Action::EditKeepId(id) = action {
                    let keep_id = matches!(action, Action::EditKeepId(_));
                    // The editor needs the terminal: give it back, then take it again.
                    ratatui::restore();
                    let edited = query::get(conn, id)?.map(|d| edit_body(&d.body));
                    terminal = ratatui::init();
                    match edited {
                        Some(Ok(Some(body))) => {
                            send_edit(&mut app, conn, &runtime, id, body, keep_id)?
                        }
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
    result.map(|()| caught.signal())
}

/// The signals that end a process by default and can be caught, caught while the view owns the
/// terminal; unregistered when dropped. Unix: SIGTERM, SIGHUP, SIGINT, SIGQUIT. Windows: Ctrl-C
/// reaches the view as a key in raw mode, but Ctrl-Break and the console closing are always
/// signals ([`console`]).
struct Caught {
    signal: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    #[cfg(unix)]
    ids: Vec<signal_hook::SigId>,
}

impl Caught {
    fn register() -> Result<Caught> {
        let signal = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        #[cfg(unix)]
        {
            use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
            let mut ids = Vec::new();
            for sig in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] {
                let value = usize::try_from(sig).unwrap_or_default();
                ids.push(signal_hook::flag::register_usize(
                    sig,
                    signal.clone(),
                    value,
                )?);
            }
            Ok(Caught { signal, ids })
        }
        #[cfg(windows)]
        console::watch()?;
        #[cfg(not(unix))]
        Ok(Caught { signal })
    }

    /// The signal that arrived, if one did.
    fn signal(&self) -> Option<i32> {
        #[cfg(windows)]
        if let Some(event) = console::caught() {
            return Some(event);
        }
        match self.signal.load(std::sync::atomic::Ordering::SeqCst) {
            0 => None,
            n => i32::try_from(n).ok(),
        }
    }
}

impl Drop for Caught {
    fn drop(&mut self) {
        #[cfg(unix)]
        for id in self.ids.drain(..) {
            signal_hook::low_level::unregister(id);
        }
        #[cfg(windows)]
        console::unwatch();
    }
}

/// Windows: Ctrl-Break and the console closing, caught by a console control handler while the
/// view owns the terminal, so that it is restored before lpwh ends.
#[cfg(windows)]
mod console {
    use std::sync::atomic::{AtomicU32, Ordering};

    use windows_sys::Win32::System::Console::{
        CTRL_BREAK_EVENT, CTRL_CLOSE_EVENT, SetConsoleCtrlHandler,
    };

    /// The event that arrived, plus one (0: none).
    static CAUGHT: AtomicU32 = AtomicU32::new(0);

    unsafe extern "system" fn handler(event: u32) -> windows_sys::core::BOOL {
        match event {
            CTRL_BREAK_EVENT | CTRL_CLOSE_EVENT => {
                CAUGHT.store(event + 1, Ordering::SeqCst);
                // Handled: the view sees it, restores the terminal and ends. (For a closing
                // console Windows ends the process a few seconds later all the same.)
                1
            }
            _ => 0,
        }
    }

    pub fn watch() -> std::io::Result<()> {
        CAUGHT.store(0, Ordering::SeqCst);
        // SAFETY: `handler` is a plain function that only stores to an atomic.
        if unsafe { SetConsoleCtrlHandler(Some(handler), 1) } == 0 {
            return Err(std::io::Error::last_os_error());
        }
        Ok(())
    }

    pub fn unwatch() {
        // SAFETY: removes the handler `watch` added.
        unsafe { SetConsoleCtrlHandler(Some(handler), 0) };
    }

    pub fn caught() -> Option<i32> {
        match CAUGHT.load(Ordering::SeqCst) {
            0 => None,
            n => i32::try_from(n - 1).ok(),
        }
    }
}

#[cfg(test)]
mod tests;
