//! Everything that reaches the terminal: data on stdout (tables, JSON), people text on stderr,
//! colour decided once, and sanitizing of untrusted text (payloads, API answers) before display.

use std::fmt::Display;
use std::io::{self, Write};

use anstyle::{AnsiColor, Style};
use comfy_table::{ContentArrangement, Table, presets};
use serde::Serialize;

pub use crate::sanitize::{sanitize, sanitize_multiline};

/// Where and how a command prints. Built once by [`crate::context::Ctx::resolve`].
#[derive(Debug, Clone, Copy)]
pub struct Out {
    /// Colour on stdout.
    pub color: bool,
    /// Colour on stderr (messages).
    pub color_err: bool,
    /// `-q`: no informational messages.
    pub quiet: bool,
    /// `--json`: stdout carries JSON only.
    pub json: bool,
    /// stdout is a terminal (tables may size themselves to it).
    pub stdout_tty: bool,
}

impl Out {
    /// A plain, colourless, non-JSON printer (tests, and code that runs before resolution).
    pub fn plain() -> Self {
        Out {
            color: false,
            color_err: false,
            quiet: false,
            json: false,
            stdout_tty: false,
        }
    }

    /// Styles for stdout.
    pub fn paint(&self) -> Paint {
        Paint(self.color)
    }

    /// Styles for stderr.
    pub fn paint_err(&self) -> Paint {
        Paint(self.color_err)
    }

    /// One line of data on stdout.
    pub fn line(&self, text: impl Display) -> io::Result<()> {
        let mut out = io::stdout().lock();
        writeln!(out, "{text}")?;
        out.flush()
    }

    /// A value as pretty JSON on stdout.
    pub fn json<T: Serialize + ?Sized>(&self, value: &T) -> io::Result<()> {
        let mut out = io::stdout().lock();
        crate::json_write::to_writer_pretty(&mut out, value).map_err(io::Error::from)?;
        writeln!(out)?;
        out.flush()
    }

    /// A value as one compact JSON line on stdout (NDJSON).
    pub fn json_line<T: Serialize + ?Sized>(&self, value: &T) -> io::Result<()> {
        let mut out = io::stdout().lock();
        crate::json_write::to_writer(&mut out, value).map_err(io::Error::from)?;
        writeln!(out)?;
        out.flush()
    }

    /// A table for people, sized to the terminal when stdout is one.
    pub fn table(&self, headers: &[&str]) -> Table {
        let mut table = Table::new();
        table.load_style(presets::NOTHING);
        table.set_content_arrangement(if self.stdout_tty {
            ContentArrangement::Dynamic
        } else {
            ContentArrangement::Disabled
        });
        let paint = self.paint();
        table.set_header(headers.iter().map(|h| paint.bold(h)));
        // Columns flush left, two spaces apart, like `ls -l` or `kubectl get`.
        for column in table.column_iter_mut() {
            column.set_padding((0, 2));
        }
        table
    }

    /// Print a table built with [`Out::table`] on stdout.
    pub fn print_table(&self, table: &Table) -> io::Result<()> {
        // comfy-table pads every cell; trailing spaces make copy and paste annoying.
        let text = table.to_string();
        let mut out = io::stdout().lock();
        for line in text.lines() {
            writeln!(out, "{}", line.trim_end())?;
        }
        out.flush()
    }

    /// An informational message on stderr (hidden by `-q`).
    pub fn info(&self, message: impl Display) {
        if !self.quiet {
            eprintln!("{message}");
        }
    }

    /// A success message on stderr: `✔ message` (hidden by `-q`).
    pub fn success(&self, message: impl Display) {
        if !self.quiet {
            eprintln!("{} {message}", self.paint_err().green("✔"));
        }
    }

    /// A warning on stderr, always shown: `warning: message`.
    pub fn warn(&self, message: impl Display) {
        eprintln!("{} {message}", self.paint_err().yellow("warning:"));
    }
}

/// ANSI styling that is a no-op when colour is off.
#[derive(Debug, Clone, Copy)]
pub struct Paint(pub bool);

impl Paint {
    pub fn style(&self, style: Style, text: impl Display) -> String {
        if self.0 {
            format!("{style}{text}{style:#}")
        } else {
            text.to_string()
        }
    }

    fn fg(&self, color: AnsiColor, text: impl Display) -> String {
        self.style(Style::new().fg_color(Some(color.into())), text)
    }

    pub fn bold(&self, text: impl Display) -> String {
        self.style(Style::new().bold(), text)
    }
    pub fn dim(&self, text: impl Display) -> String {
        self.style(Style::new().dimmed(), text)
    }
    pub fn red(&self, text: impl Display) -> String {
        self.fg(AnsiColor::Red, text)
    }
    pub fn green(&self, text: impl Display) -> String {
        self.fg(AnsiColor::Green, text)
    }
    pub fn yellow(&self, text: impl Display) -> String {
        self.fg(AnsiColor::Yellow, text)
    }
    pub fn blue(&self, text: impl Display) -> String {
        self.fg(AnsiColor::Blue, text)
    }
    pub fn magenta(&self, text: impl Display) -> String {
        self.fg(AnsiColor::Magenta, text)
    }
    pub fn cyan(&self, text: impl Display) -> String {
        self.fg(AnsiColor::Cyan, text)
    }
}

/// A body for people: JSON pretty-printed, anything else as its text (lossily); sanitized
/// either way, newlines kept.
pub fn pretty_body(body: &[u8]) -> String {
    let text = match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(v) => serde_json::to_string_pretty(&v).unwrap_or_default(),
        Err(_) => String::from_utf8_lossy(body).into_owned(),
    };
    sanitize_multiline(&text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every ESC in `line` starts a whole SGR sequence (`ESC [ digits/; m`), and the line ends
    /// with no style left open.
    fn sequences_are_whole(line: &str) -> bool {
        let mut rest = line;
        let mut open = false;
        while let Some(at) = rest.find('\u{1b}') {
            let tail = &rest[at + 1..];
            let Some(params) = tail.strip_prefix('[') else {
                return false;
            };
            let Some(end) = params.find(|c: char| !(c.is_ascii_digit() || c == ';')) else {
                return false;
            };
            if !params[end..].starts_with('m') {
                return false;
            }
            open = !matches!(&params[..end], "" | "0");
            rest = &params[end + 1..];
        }
        !open
    }

    /// Coloured cells wrapped in a narrow table used to split lpwh's own colour sequences
    /// across lines, leaving a stray ESC for the next text to complete.
    #[test]
    fn wrapped_coloured_cells_keep_their_sequences_whole() {
        let out = Out {
            color: true,
            stdout_tty: true,
            ..Out::plain()
        };
        let paint = out.paint();
        let mut table = out.table(&["NAME", "STATUS", "URL"]);
        table.set_width(30);
        table.add_row(vec![
            format!("long-webhook-name {}", paint.red("(deleted)")),
            paint.red("✗ 500 Internal Server Error after three attempts"),
            paint.dim("https://example.com/a/very/long/path/for/wrapping"),
        ]);
        let text = table.to_string();
        assert!(text.lines().count() > 3, "the table did not wrap:\n{text}");
        for line in text.lines() {
            assert!(sequences_are_whole(line), "{line:?}");
        }
        assert!(!sequences_are_whole("a\u{1b}[3"));
        assert!(!sequences_are_whole("a\u{1b}[31mred"));
    }

    #[test]
    fn paint_is_a_no_op_without_colour() {
        assert_eq!(Paint(false).red("x"), "x");
        assert_ne!(Paint(true).red("x"), "x");
    }
}
