//! E0713: control characters in text.
//!
//! TOML lets a string hold any character through an escape (`\u0001`, `\b`, `\f`), but a
//! report cannot: XML 1.0 (inside every DOCX) refuses them, so Word and LibreOffice would not
//! open the file, and in HTML and Markdown they are invisible. Each such escape is reported
//! where it is written, with the fix of removing it.

use crate::codes::Code;
use std::ops::Range;
use std::sync::{Arc, LazyLock};

use memchr::memmem::Finder;

use crate::diagnostic::{Diagnostic, Text};
use crate::source::SourceFile;

/// Whether a character may not be in a report's text: U+0000–U+001F other than tab and
/// line feed (a carriage return only as part of a CRLF line end), and the noncharacters
/// U+FDD0–U+FDEF, U+FFFE and U+FFFF (Unicode keeps them for a program's internal use: the
/// preview of `report serve` marks values with U+FDD0–U+FDD2).
pub fn forbidden(c: char) -> bool {
    (c < '\u{20}' && c != '\t' && c != '\n' && c != '\r')
        || matches!(c, '\u{FFFE}' | '\u{FFFF}' | '\u{FDD0}'..='\u{FDEF}')
}

/// Whether `text` holds a character [`forbidden`] allows not, or a carriage return that is not
/// the first half of a CR LF line end, found a byte at a time (every text and every page is
/// scanned: a scan by characters cost more than the rest of the check). A lone CR is a line
/// break to a Markdown reader and to a terminal, so a one-line value holding one could start
/// a heading, a list or a table row in the report.
pub fn any_forbidden(text: &str) -> bool {
    // The searchers are made once: making one for each text cost more than the search.
    static NONCHARACTERS: LazyLock<[Finder<'static>; 2]> =
        LazyLock::new(|| [Finder::new(b"\xEF\xBF"), Finder::new(b"\xEF\xB7")]);
    let bytes = text.as_bytes();
    // Without an early exit inside a block, the compiler checks many bytes at a time (a fold,
    // not `any`, for that reason).
    // Bitwise `|` and `&`, not `||` and `&&`: branches would stop the vectorising too.
    #[allow(clippy::unnecessary_fold, clippy::needless_bitwise_bool)]
    let control = |block: &[u8]| {
        block.iter().fold(false, |found, &b| {
            found | ((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r'))
        })
    };
    let [specials, private] = &*NONCHARACTERS;
    bytes.chunks(4096).any(control)
        || lone_carriage_return(text).is_some()
        // U+FFFE and U+FFFF are EF BF BE and EF BF BF; U+FDD0–U+FDEF are EF B7 90–AF.
        || specials
            .find_iter(bytes)
            .any(|i| matches!(bytes.get(i + 2), Some(0xBE | 0xBF)))
        || private
            .find_iter(bytes)
            .any(|i| matches!(bytes.get(i + 2), Some(0x90..=0xAF)))
}

/// The byte offset of the first carriage return in `text` not followed by a line feed.
pub fn lone_carriage_return(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'\r', bytes).find(|&i| bytes.get(i + 1) != Some(&b'\n'))
}

/// `text` without the carriage returns that do not end a line with a line feed.
pub fn without_lone_carriage_returns(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for i in memchr::memchr_iter(b'\r', bytes) {
        if bytes.get(i + 1) != Some(&b'\n') {
            out.push_str(&text[from..i]);
            from = i + 1;
        }
    }
    out.push_str(&text[from..]);
    out
}

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

fn diagnostic(c: char) -> Diagnostic {
    let code = if c == '\u{0}' {
        String::new()
    } else {
        format!(" (U+{:04X})", c as u32)
    };
    Diagnostic::new(
        Code::E0713,
        Text::new(
            format!(
                "a control character{code} in the text: Word cannot open a report that holds it"
            ),
            format!("文字中有控制字符{code}：含有它的报告 Word 无法打开"),
        ),
    )
    .with_hint(Text::new(
        "remove it (`report check --fix` does)",
        "请删除（`report check --fix` 可自动删除）",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_scan_agrees_with_the_character_rule() {
        let rule = |text: &str| text.chars().any(forbidden) || lone_carriage_return(text).is_some();
        for text in [
            "年，。",
            "a\tb\r\n",
            "a\rb",
            "ab\r",
            "\r\n\r",
            "x\u{1}",
            "\u{FFFE}",
            "\u{FFFF}年",
            "\u{FFFD}",
            "\u{1b}",
        ] {
            assert_eq!(any_forbidden(text), rule(text), "{text:?}");
        }
    }

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

    #[test]
    fn a_lone_carriage_return_is_forbidden_and_removed() {
        assert!(any_forbidden("太安镇\r# 标题"));
        assert!(!any_forbidden("太安镇\r\n"));
        assert_eq!(without_lone_carriage_returns("a\rb\r\nc\r"), "ab\r\nc");
    }
}
