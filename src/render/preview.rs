//! Where each value of the preview comes from: `data-source="FILE:LINE"` on every text, title
//! and reference drawn from the data, for `report serve` only (the published HTML has none).
//!
//! While the view is built, each value is wrapped in marks made of Unicode noncharacters
//! (`\u{FDD0}source\u{FDD1}value\u{FDD2}`, kept by Unicode for a program's internal use),
//! which Markdown and HTML escaping pass through as they are; [`annotate`] then turns them into
//! `<span data-source>` in the page, and drops them where a span cannot go (inside a tag, in the
//! `<title>`). The data cannot hold these characters: a text with one is an error (E0713), and
//! a folder with errors shows no new page.

use std::fmt::Write as _;

pub(crate) const OPEN: char = '\u{FDD0}';
pub(crate) const SOURCE_END: char = '\u{FDD1}';
const CLOSE: char = '\u{FDD2}';

/// `text` marked as coming from `source` (`report.toml:61`).
pub fn mark(source: &str, text: &str) -> String {
    format!("{OPEN}{source}{SOURCE_END}{text}{CLOSE}")
}

/// The marks of `text` made into `<span data-source>` (escaped: the source is a file name
/// and a line).
pub fn annotate(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    // For each open mark: whether a span was opened for it.
    let mut open: Vec<bool> = Vec::new();
    let mut in_tag = false;
    let mut in_title = false;
    let mut chars = html.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            OPEN => {
                let mut source = String::new();
                for (_, s) in chars.by_ref() {
                    if s == SOURCE_END {
                        break;
                    }
                    source.push(s);
                }
                let spans = !in_tag && !in_title;
                if spans {
                    let source = escape(&source);
                    let _ = write!(
                        out,
                        "<span class=\"report-source\" data-source=\"{source}\" title=\"{source}\">"
                    );
                }
                open.push(spans);
            }
            CLOSE => {
                if open.pop() == Some(true) {
                    out.push_str("</span>");
                }
            }
            '<' => {
                in_tag = true;
                let rest = &html[i..];
                if rest.starts_with("<title") {
                    in_title = true;
                } else if rest.starts_with("</title") {
                    in_title = false;
                }
                out.push(c);
            }
            '>' => {
                in_tag = false;
                out.push(c);
            }
            c => out.push(c),
        }
    }
    for spanned in open {
        if spanned {
            out.push_str("</span>");
        }
    }
    out
}

/// `text` without its marks.
pub fn strip(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_source = false;
    for c in text.chars() {
        match c {
            OPEN => in_source = true,
            SOURCE_END => in_source = false,
            CLOSE => {}
            c if !in_source => out.push(c),
            _ => {}
        }
    }
    out
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_become_spans_where_a_span_can_go() {
        let count = mark("statistics.toml:4", "咨询活动15场");
        let html = format!(
            "<title>{}</title><p title=\"{}\">举办{count}。</p>",
            mark("report.toml:1", "报告"),
            mark("report.toml:2", "x")
        );
        assert_eq!(
            annotate(&html),
            "<title>报告</title><p title=\"x\">举办<span class=\"report-source\" data-source=\"statistics.toml:4\" title=\"statistics.toml:4\">咨询活动15场</span>。</p>"
        );
        assert_eq!(
            strip(&html),
            "<title>报告</title><p title=\"x\">举办咨询活动15场。</p>"
        );
    }

    #[test]
    fn nested_and_unclosed_marks_stay_balanced() {
        let inner = mark("b.toml:2", "b");
        let html = format!(
            "<p>{}</p>{OPEN}c.toml:3{SOURCE_END}c",
            mark("a.toml:1", &format!("a{inner}"))
        );
        let out = annotate(&html);
        assert_eq!(out.matches("<span").count(), out.matches("</span>").count());
    }
}
