//! The open delivery, laid out a screen at a time. Its text (`inbox show`'s page: headers,
//! verdict, the pretty body) is built once when it opens; each frame then wraps and colours only
//! the rows on screen. Work per frame is linear in the text scrolled past and bounded by the
//! screen, so an 8 MiB body (a listen-capped one) draws at once and keys are always read.

use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar as _;

use crate::inbox::query::Stored;
use crate::output::Paint;

/// An open delivery and its text, split into lines.
#[derive(Debug)]
pub struct Detail {
    pub stored: Stored,
    lines: Vec<String>,
    /// Lines from here on are the body, drawn in JSON colours.
    body_from: usize,
}

impl Detail {
    pub fn new(stored: Stored, now_ms: i64) -> Detail {
        // The same page `inbox show` prints, without colour codes: already sanitized.
        let text = crate::inbox::render::show_text(&stored, Paint(false), now_ms);
        let lines: Vec<String> = text.lines().map(str::to_owned).collect();
        let body_from = lines
            .iter()
            .position(|l| l.starts_with("Body ("))
            .map_or(lines.len(), |at| at + 1);
        Detail {
            stored,
            lines,
            body_from,
        }
    }

    /// The `height` rows of text `width` columns wide that start `scroll` rows down, each line
    /// wrapped at `width` (by display width, not at words).
    pub fn rows(&self, width: u16, height: u16, scroll: usize) -> Vec<Line<'static>> {
        let (width, height) = (usize::from(width.max(1)), usize::from(height));
        let mut out = Vec::with_capacity(height);
        let mut skip = scroll;
        for (index, line) in self.lines.iter().enumerate() {
            if out.len() >= height {
                break;
            }
            // Rows of this line we need: those after `skip`, up to the screen's end.
            let wanted_end = skip + (height - out.len());
            let (text, rows) = wrap_prefix(line, width, wanted_end);
            if rows <= skip {
                skip -= rows;
                continue;
            }
            let styled = if index >= self.body_from {
                json_line(text)
            } else {
                Line::raw(text.to_owned())
            };
            out.extend(
                split_rows(styled, width)
                    .into_iter()
                    .skip(skip)
                    .take(height - out.len()),
            );
            skip = 0;
        }
        out
    }
}

/// How many rows `line` takes at `width`, counting no further than `max_rows`, and the part of
/// it those rows hold.
fn wrap_prefix(line: &str, width: usize, max_rows: usize) -> (&str, usize) {
    let mut rows = 1;
    let mut used = 0;
    for (at, c) in line.char_indices() {
        let w = c.width().unwrap_or(0);
        if used + w > width && used > 0 {
            if rows == max_rows {
                return (&line[..at], rows);
            }
            rows += 1;
            used = 0;
        }
        used += w;
    }
    (line, rows)
}

/// `line` cut into rows of at most `width` columns, styles kept.
fn split_rows(line: Line<'static>, width: usize) -> Vec<Line<'static>> {
    let mut rows = vec![Line::default()];
    let mut used = 0;
    for span in line.spans {
        let mut piece = String::new();
        for c in span.content.chars() {
            let w = c.width().unwrap_or(0);
            if used + w > width && used > 0 {
                if !piece.is_empty() {
                    let row = rows.last_mut().expect("never empty");
                    row.spans
                        .push(Span::styled(std::mem::take(&mut piece), span.style));
                }
                rows.push(Line::default());
                used = 0;
            }
            piece.push(c);
            used += w;
        }
        if !piece.is_empty() {
            let row = rows.last_mut().expect("never empty");
            row.spans.push(Span::styled(piece, span.style));
        }
    }
    rows
}

/// One line of pretty-printed JSON in colours: keys cyan, strings green, numbers yellow,
/// `true`/`false`/`null` magenta. The text is already sanitized; this only adds styles. One pass
/// over the line.
pub fn json_line(line: &str) -> Line<'static> {
    let bytes = line.as_bytes();
    let mut spans = Vec::new();
    let mut plain_from = 0;
    let mut i = 0;
    let flush = |spans: &mut Vec<Span<'static>>, from: usize, to: usize| {
        if from < to {
            spans.push(Span::raw(line[from..to].to_owned()));
        }
    };
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'"' {
            flush(&mut spans, plain_from, i);
            let start = i;
            i += 1;
            while i < bytes.len() && bytes[i] != b'"' {
                i += if bytes[i] == b'\\' { 2 } else { 1 };
            }
            i = (i + 1).min(bytes.len());
            // A backslash before a multi-byte character can leave `i` inside it.
            while !line.is_char_boundary(i) {
                i += 1;
            }
            let is_key = line[i..].trim_start().starts_with(':');
            let color = if is_key { Color::Cyan } else { Color::Green };
            spans.push(Span::styled(
                line[start..i].to_owned(),
                Style::new().fg(color),
            ));
            plain_from = i;
        } else if b == b'-' || b.is_ascii_digit() {
            flush(&mut spans, plain_from, i);
            let start = i;
            while i < bytes.len()
                && (bytes[i].is_ascii_alphanumeric() || matches!(bytes[i], b'-' | b'+' | b'.'))
            {
                i += 1;
            }
            spans.push(Span::styled(
                line[start..i].to_owned(),
                Style::new().fg(Color::Yellow),
            ));
            plain_from = i;
        } else if let Some(word) = ["true", "false", "null"]
            .into_iter()
            .find(|w| line[i..].starts_with(w))
        {
            flush(&mut spans, plain_from, i);
            spans.push(Span::styled(word, Style::new().fg(Color::Magenta)));
            i += word.len();
            plain_from = i;
        } else {
            // Plain text: skip to the next byte that may start a token (never inside a char).
            i += 1;
            while i < bytes.len() && !line.is_char_boundary(i) {
                i += 1;
            }
        }
    }
    flush(&mut spans, plain_from, bytes.len());
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_lines_colour_keys_strings_numbers_and_literals_and_keep_the_text() {
        let line = json_line(r#"  "name": "café \"x\"", "n": -1.5e3, "ok": true, "x": null,"#);
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(
            text,
            r#"  "name": "café \"x\"", "n": -1.5e3, "ok": true, "x": null,"#
        );
        let colour = |content: &str| {
            line.spans
                .iter()
                .find(|s| s.content == content)
                .and_then(|s| s.style.fg)
        };
        assert_eq!(colour("\"name\""), Some(Color::Cyan));
        assert_eq!(colour(r#""café \"x\"""#), Some(Color::Green));
        assert_eq!(colour("-1.5e3"), Some(Color::Yellow));
        assert_eq!(colour("true"), Some(Color::Magenta));
        assert_eq!(colour("null"), Some(Color::Magenta));
        // A backslash before a multi-byte character, and text ending in one, stay whole.
        for odd in [r#""a\é" é"#, "\"\\", "é\"é"] {
            let text: String = json_line(odd)
                .spans
                .iter()
                .map(|s| s.content.as_ref())
                .collect();
            assert_eq!(text, odd);
        }
    }

    fn text_of(rows: &[Line<'_>]) -> Vec<String> {
        rows.iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn rows_wrap_by_width_and_scroll_by_rows_through_one_long_line() {
        let detail = Detail {
            stored: crate::inbox::query::Stored::default(),
            lines: vec!["head".into(), "abcdefghij".into(), "klm".into()],
            body_from: 1,
        };
        assert_eq!(text_of(&detail.rows(4, 3, 0)), ["head", "abcd", "efgh"]);
        assert_eq!(text_of(&detail.rows(4, 3, 2)), ["efgh", "ij", "klm"]);
        assert_eq!(text_of(&detail.rows(4, 10, 4)), ["klm"]);
        assert!(detail.rows(4, 3, 99).is_empty());
        // Wide characters take two columns.
        let wide = Detail {
            stored: crate::inbox::query::Stored::default(),
            lines: vec!["日本語x".into()],
            body_from: 1,
        };
        assert_eq!(text_of(&wide.rows(4, 5, 0)), ["日本", "語x"]);
    }

    #[test]
    fn a_huge_line_is_laid_out_only_as_far_as_the_screen() {
        let line = format!("\"{}\"", "x".repeat(8 << 20));
        let (part, rows) = wrap_prefix(&line, 100, 3);
        assert_eq!((part.len(), rows), (300, 3));
    }
}
