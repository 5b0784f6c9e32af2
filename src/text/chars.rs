//! Classes of characters: Han ideographs, and the characters a report's text may not hold.

use std::sync::LazyLock;

use memchr::memmem::Finder;

/// Whether a character is a Han ideograph.
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

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
    fn a_lone_carriage_return_is_forbidden_and_removed() {
        assert!(any_forbidden("太安镇\r# 标题"));
        assert!(!any_forbidden("太安镇\r\n"));
        assert_eq!(without_lone_carriage_returns("a\rb\r\nc\r"), "ab\r\nc");
    }
}
