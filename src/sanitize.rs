//! Making untrusted text (payloads, API answers, headers) harmless before it is shown: what a
//! terminal would act on is written escaped instead. `crate::json_write` escapes the same
//! characters in JSON.

use std::borrow::Cow;

/// Make untrusted text safe for a terminal: control characters (ESC, CR, BEL, C1 codes, ...)
/// are shown escaped (`\u{1b}`) instead of being interpreted. Newlines and tabs are escaped too,
/// so one value stays on one line. Borrows when there is nothing to escape.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    escape_where(text, hides_or_controls)
}

/// Like [`sanitize`], but keeps newlines and tabs (for multi-line bodies).
pub fn sanitize_multiline(text: &str) -> Cow<'_, str> {
    escape_where(text, |c| c != '\n' && c != '\t' && hides_or_controls(c))
}

/// `text` with every character `escape` picks written as its Rust escape; borrowed when none is.
fn escape_where(text: &str, escape: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(&escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if escape(c) {
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
}
