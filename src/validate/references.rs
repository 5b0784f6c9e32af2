//! A reference typed with the wrong braces: `｛｛ name ｝｝` from a Chinese input method (or a
//! mix of both widths), or one pair of braces `{ name }`. Neither is a reference: the report
//! would print the braces and the name. Only texts that take references are read for them.

use std::ops::Range;

use super::finding::Finding;
use super::problems;

/// Whether a text may hold such a typo (a cheap test before the reading).
pub(super) fn may_hold(text: &str) -> bool {
    // The searchers are made once: making one costs more than a short text's search.
    static FULL_WIDTH: std::sync::LazyLock<[memchr::memmem::Finder<'static>; 2]> =
        std::sync::LazyLock::new(|| ["｛", "｝"].map(memchr::memmem::Finder::new));
    let bytes = text.as_bytes();
    // A `{` that opens no `{{`, `{%` or `{#` and closes none (most texts hold only references).
    let single = memchr::memchr_iter(b'{', bytes).any(|i| {
        let next = bytes.get(i + 1);
        let prev = i.checked_sub(1).map(|p| bytes[p]);
        !matches!(next, Some(b'{' | b'%' | b'#')) && prev != Some(b'{')
    });
    single || FULL_WIDTH.iter().any(|f| f.find(bytes).is_some())
}

/// The references typed with the wrong braces in `text`.
pub(super) fn typos(text: &str, templated: &[Range<usize>]) -> Vec<Finding> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |i: usize| chars.get(i).map_or(text.len(), |&(at, _)| at);
    let mut i = 0;
    while i + 1 < chars.len() {
        let (start, c) = chars[i];
        let inside = templated.iter().any(|r| r.contains(&start));
        if is_open(c) && is_open(chars[i + 1].1) {
            // Two braces up to the two that close them: a typo when one of the four is
            // full-width.
            let close = (i + 2..chars.len().saturating_sub(1))
                .find(|&j| is_close(chars[j].1) && is_close(chars[j + 1].1));
            let ascii = |k: usize| chars[k].1.is_ascii() && chars[k + 1].1.is_ascii();
            if let Some(j) = close.filter(|&j| !(ascii(i) && ascii(j))) {
                let inner = &text[end_of(i + 2)..chars[j].0];
                out.push(problems::full_width_braces(start..end_of(j + 2), inner));
                i = j + 2;
                continue;
            }
        } else if c == '{' && !inside && !matches!(chars[i + 1].1, '{' | '%' | '#') {
            // One pair around a name: `{ outreach.counts.x }`.
            if let Some(j) = (i + 1..chars.len()).find(|&j| chars[j].1 == '}') {
                let inner = &text[end_of(i + 1)..chars[j].0];
                if is_name(inner.trim()) {
                    out.push(problems::single_braces(start..end_of(j + 1), inner.trim()));
                    i = j + 1;
                    continue;
                }
            }
        }
        i += 1;
    }
    out
}

fn is_open(c: char) -> bool {
    matches!(c, '{' | '｛')
}

fn is_close(c: char) -> bool {
    matches!(c, '}' | '｝')
}

/// A name of the data: `year`, `outreach.counts.lectures`.
fn is_name(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(&str, Option<String>)> {
        let templated = super::super::prose::template_ranges(text);
        typos(text, &templated)
            .into_iter()
            .map(|f| (&text[f.range.clone()], f.fix))
            .collect()
    }

    #[test]
    fn braces_of_the_input_method_and_single_braces_are_found() {
        assert_eq!(
            found("全年｛｛ outreach.counts.mediations ｝｝，"),
            [(
                "｛｛ outreach.counts.mediations ｝｝",
                Some("{{ outreach.counts.mediations }}".to_string())
            )]
        );
        assert_eq!(
            found("举办{{ x ｝｝场"),
            [("{{ x ｝｝", Some("{{ x }}".to_string()))]
        );
        assert_eq!(
            found("举办{ outreach.counts.lectures }"),
            [("{ outreach.counts.lectures }", None)]
        );
    }

    #[test]
    fn the_cheap_test_lets_through_every_text_with_a_typo() {
        for text in [
            "全年｛｛ x ｝｝",
            "{{ x ｝｝",
            "｛｛ x }}",
            "{ x }",
            "甲{x}",
        ] {
            assert!(may_hold(text), "{text}");
        }
        assert!(!may_hold(
            "举办{{ outreach.counts.lectures }}，{% if x %}{{ y }}{% endif %}"
        ));
    }

    #[test]
    fn references_and_other_braces_are_left_alone() {
        for text in [
            "举办{{ outreach.counts.lectures }}",
            "{% if x %}{{ y }}{% endif %}",
            "{{ {\"a\": 1}.a }}",
            "{# 注释 #}",
            "集合{甲，乙}",
            "｛",
            "",
        ] {
            assert_eq!(found(text), [], "{text}");
        }
    }
}
