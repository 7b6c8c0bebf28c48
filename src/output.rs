//! Everything that reaches the terminal: data on stdout (tables, JSON), people text on stderr,
//! colour decided once, and sanitizing of untrusted text (payloads, API answers) before display.

use std::borrow::Cow;
use std::fmt::Display;
use std::io::{self, Write};

use anstyle::{AnsiColor, Style};
use comfy_table::{ContentArrangement, Table, presets};
use serde::Serialize;

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

/// Make untrusted text safe for a terminal: control characters (ESC, CR, BEL, C1 codes, ...)
/// are shown escaped (`\u{1b}`) instead of being interpreted. Newlines and tabs are escaped too,
/// so one value stays on one line. Borrows when there is nothing to escape.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if !text.chars().any(hides_or_controls) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hides_or_controls(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Like [`sanitize`], but keeps newlines and tabs (for multi-line bodies).
pub fn sanitize_multiline(text: &str) -> Cow<'_, str> {
    if !text
        .chars()
        .any(|c| c != '\n' && c != '\t' && hides_or_controls(c))
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c != '\n' && c != '\t' && hides_or_controls(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Characters that act on a terminal or on the reader rather than show as themselves: control
/// codes (C0, DEL, C1), every Unicode format character (bidi marks, embeddings, overrides and
/// isolates, zero-width spaces and joiners, the BOM, soft hyphen, tags...) and the line and
/// paragraph separators. Shown escaped in text for people, and written as `\uXXXX` in JSON.
pub fn hides_or_controls(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            // General category Cf (format), Unicode 15.1.
            '\u{ad}'
                | '\u{600}'..='\u{605}'
                | '\u{61c}'
                | '\u{6dd}'
                | '\u{70f}'
                | '\u{890}'..='\u{891}'
                | '\u{8e2}'
                | '\u{180e}'
                | '\u{200b}'..='\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{206f}'
                | '\u{feff}'
                | '\u{fff9}'..='\u{fffb}'
                | '\u{110bd}'
                | '\u{110cd}'
                | '\u{13430}'..='\u{1343f}'
                | '\u{1bca0}'..='\u{1bca3}'
                | '\u{1d173}'..='\u{1d17a}'
                | '\u{e0001}'
                | '\u{e0020}'..='\u{e007f}'
                // Zl and Zp: break lines where a terminal shows none.
                | '\u{2028}'
                | '\u{2029}'
        )
}

/// Milliseconds since the Unix epoch, now.
pub fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

/// `3m ago`, `2h ago`, `5d ago`, `in 4s` for a Unix-ms time relative to `now_ms`.
pub fn relative_time(ms: i64, now_ms: i64) -> String {
    let delta = now_ms - ms;
    let (future, secs) = (delta < 0, (delta.abs() / 1000));
    let amount = match secs {
        0..=59 => format!("{secs}s"),
        60..=3599 => format!("{}m", secs / 60),
        3600..=86_399 => format!("{}h", secs / 3600),
        86_400..=2_591_999 => format!("{}d", secs / 86_400),
        _ => format!("{}mo", secs / 2_592_000),
    };
    if future {
        format!("in {amount}")
    } else {
        format!("{amount} ago")
    }
}

/// A Unix-ms time as local `YYYY-MM-DD HH:MM:SS`.
pub fn local_time(ms: i64) -> String {
    match jiff::Timestamp::from_millisecond(ms) {
        Ok(ts) => ts
            .to_zoned(jiff::tz::TimeZone::system())
            .strftime("%Y-%m-%d %H:%M:%S")
            .to_string(),
        Err(_) => ms.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_escapes_terminal_control_sequences() {
        assert_eq!(sanitize("plain café"), "plain café");
        assert!(matches!(sanitize("plain"), Cow::Borrowed(_)));
        assert_eq!(sanitize("a\u{1b}[31mred"), "a\\u{1b}[31mred");
        assert_eq!(sanitize("bell\u{7}"), "bell\\u{7}");
        assert_eq!(sanitize("two\nlines"), "two\\nlines");
        assert_eq!(sanitize("csi\u{9b}2J"), "csi\\u{9b}2J");
        assert_eq!(sanitize("rtl\u{202e}x"), "rtl\\u{202e}x");
        // Every bidi mark and zero-width character, not only the overrides.
        for (c, shown) in [
            ('\u{200e}', "\\u{200e}"),
            ('\u{200f}', "\\u{200f}"),
            ('\u{61c}', "\\u{61c}"),
            ('\u{200b}', "\\u{200b}"),
            ('\u{2067}', "\\u{2067}"),
            ('\u{feff}', "\\u{feff}"),
            ('\u{2028}', "\\u{2028}"),
        ] {
            assert_eq!(sanitize(&format!("a{c}b")), format!("a{shown}b"));
        }
        assert_eq!(sanitize("café ✔ 日本"), "café ✔ 日本");
        assert_eq!(sanitize_multiline("a\nb\u{1b}"), "a\nb\\u{1b}");
    }

    #[test]
    fn relative_times_read_naturally() {
        let now = 1_000_000_000_000;
        assert_eq!(relative_time(now - 5_000, now), "5s ago");
        assert_eq!(relative_time(now - 180_000, now), "3m ago");
        assert_eq!(relative_time(now - 7_200_000, now), "2h ago");
        assert_eq!(relative_time(now - 3 * 86_400_000, now), "3d ago");
        assert_eq!(relative_time(now + 4_000, now), "in 4s");
    }

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
