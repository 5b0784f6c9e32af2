//! Pure functions of text that several stages read alike, below both checking and rendering
//! (which therefore never import each other): classes of characters ([`chars`]), Chinese
//! numerals and heading numbers ([`numerals`]), and the shapes of a text — whether it opens
//! with a list, a block a sentence cannot run into, or an enumeration of points (where a
//! rendered lead runs in, and which lead may end with ：).

pub mod chars;
pub mod numerals;

/// Whether a text starts with a list or an enumeration: a Markdown list item (`- `, `1. `),
/// a number in brackets (`（1）`, `（一）`, `(2)`), a circled number (`①`) or a numbered
/// heading of its own (`一、`, `1.`, `1、`).
pub fn starts_with_a_list(markdown: &str) -> bool {
    let text = markdown.trim_start();
    if text.starts_with(['-', '*', '+']) && text[1..].starts_with(' ') {
        return true;
    }
    if text.starts_with(|c: char| ('①'..='⑳').contains(&c)) {
        return true;
    }
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
    let opened = text.strip_prefix(['（', '(']).unwrap_or(text);
    let digits = opened.find(|c: char| !numeral(c)).unwrap_or(opened.len());
    if digits == 0 {
        return false;
    }
    let after = &opened[digits..];
    if opened.len() < text.len() {
        return after.starts_with(['）', ')']);
    }
    // `1.` numbers an item; `1.5万元` is a number.
    let decimal = after[after.chars().next().map_or(0, char::len_utf8)..]
        .starts_with(|c: char| c.is_ascii_digit());
    after.starts_with(['、', ')']) || (after.starts_with(['.', '．']) && !decimal)
}

/// Whether a Markdown text starts with a block no sentence can run into: a table, a
/// quotation, fenced or indented code, a heading or raw HTML.
pub fn starts_with_a_block(markdown: &str) -> bool {
    let indented = markdown.trim_start_matches('\n').starts_with("    ");
    let text = markdown.trim_start();
    indented
        || text.starts_with(['|', '>', '#', '<'])
        || text.starts_with("```")
        || text.starts_with("~~~")
}

/// Whether a text starts with an enumeration of points in words: `一是……`, `首先，……`.
pub fn starts_with_points(text: &str) -> bool {
    let text = text.trim_start();
    text.starts_with("一是") || text.starts_with("首先")
}

/// Whether `text` opens a template tag: `{` followed by one of `second` (`b"{%#"` for any tag,
/// `b"{%"` for those that print or run something). One pass over the bytes: every text of
/// every report comes here.
pub fn opens_template_tag(text: &str, second: &[u8]) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'{', bytes).any(|i| bytes.get(i + 1).is_some_and(|b| second.contains(b)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn template_tags_are_found_as_contains_would() {
        for text in [
            "", "{", "a{", "{ {", "{{ x }}", "甲{%", "{#", "{a}{%", "｛｛",
        ] {
            let any = text.contains("{{") || text.contains("{%") || text.contains("{#");
            assert_eq!(super::opens_template_tag(text, b"{%#"), any, "{text:?}");
            let runs = text.contains("{{") || text.contains("{%");
            assert_eq!(super::opens_template_tag(text, b"{%"), runs, "{text:?}");
        }
    }

    use super::*;

    #[test]
    fn shapes() {
        for list in [
            "（1）用心履职。",
            "1. 甲",
            "- 甲",
            "一、总体情况",
            "①甲",
            "(2)乙",
        ] {
            assert!(starts_with_a_list(list), "{list}");
        }
        for sentence in [
            "全面推行三项制度。",
            "2020年以来，",
            "1.5万元用于",
            "十分重视",
        ] {
            assert!(!starts_with_a_list(sentence), "{sentence}");
            assert!(!starts_with_a_block(sentence), "{sentence}");
        }
        for block in [
            "| 项目 | 数量 |",
            "> 引文",
            "```\ncode",
            "    code",
            "### 小标题",
        ] {
            assert!(starts_with_a_block(block), "{block}");
        }
        assert!(starts_with_points("一是加强领导；二是……"));
    }
}
