//! E0713: control characters in text.
//!
//! TOML lets a string hold any character through an escape (`\u0001`, `\b`, `\f`), but a
//! report cannot: XML 1.0 (inside every DOCX) refuses them, so Word and LibreOffice would not
//! open the file, and in HTML and Markdown they are invisible. Each such escape is reported
//! where it is written, with the fix of removing it.

use std::ops::Range;
use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;
use crate::text::chars::{forbidden, lone_carriage_return};

/// The diagnostics for a string value at `span` whose text holds forbidden characters: one at
/// each escape that writes one, or one at the whole value when none is found there.
pub fn check(file: &Arc<SourceFile>, span: Range<usize>) -> Vec<Diagnostic> {
    let raw = file.text.get(span.clone()).unwrap_or("");
    let mut found = Vec::new();
    // Literal strings ('…') have no escapes; basic strings ("…") do.
    if raw.starts_with('"') {
        let bytes = raw.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] != b'\\' {
                i += 1;
                continue;
            }
            let (len, c) = escape_at(&raw[i..]);
            if let Some(c) = c.filter(|&c| forbidden(c) || c == '\r') {
                let at = span.start + i..span.start + i + len;
                found.push(diagnostic(c).at(file, at).with_fix(""));
            }
            i += len.max(1);
        }
    }
    if found.is_empty() {
        let c = if lone_carriage_return(raw).is_some() {
            '\r'
        } else {
            '\u{0}'
        };
        found.push(diagnostic(c).at(file, span));
    }
    found
}

/// The length of the escape sequence at the start of `s` (which starts with `\`) and the
/// character it writes, when it writes one.
fn escape_at(s: &str) -> (usize, Option<char>) {
    let hex = |digits: usize| {
        s.get(2..2 + digits)
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .and_then(char::from_u32)
    };
    match s.as_bytes().get(1) {
        Some(b'b') => (2, Some('\u{8}')),
        Some(b'f') => (2, Some('\u{c}')),
        Some(b'e') => (2, Some('\u{1b}')),
        Some(b'r') => (2, Some('\r')),
        Some(b'x') => (4, hex(2)),
        Some(b'u') => (6, hex(4)),
        Some(b'U') => (10, hex(8)),
        Some(_) => (2, None),
        None => (1, None),
    }
}

/// E0713 for `c` (NUL: a character not found at an escape).
fn diagnostic(c: char) -> Diagnostic {
    super::problems::control_character((c != '\u{0}').then_some(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_escape_that_writes_a_control_character() {
        let text = r#"a = "x\u0001y\\u0002\bz\t""#;
        let file = Arc::new(SourceFile::new("a.toml", text.to_string()));
        let start = text.find('"').unwrap();
        let found = check(&file, start..text.len());
        let places: Vec<&str> = found
            .iter()
            .map(|d| &text[d.location.as_ref().unwrap().span.clone().unwrap()])
            .collect();
        // `\\u0002` is a backslash and "u0002", not an escape; `\t` is allowed.
        assert_eq!(places, [r"\u0001", r"\b"]);
        assert!(found.iter().all(|d| d.fix.as_deref() == Some("")));
    }
}
