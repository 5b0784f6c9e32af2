//! What a page written by someone else's template may not do by itself.
//!
//! A content-security policy stops scripts, frames and loads, but not a
//! `<meta http-equiv="refresh" content="0;url=…">`: that sends the browser elsewhere — with
//! whatever the template wrote into the address — before anyone clicks. The printed page and
//! the preview need no `http-equiv` of a template's (their policy comes from `report`), so every
//! `<meta>` with one is taken out before the page is shown or printed.

use std::borrow::Cow;

/// `html` without any `<meta …>` tag that has an `http-equiv` attribute.
///
/// A tag is taken to run to the first `>` outside quotes; where quotes are odd the span taken
/// is longer than the browser's tag, never shorter, so a directive cannot hide past its end.
pub fn without_meta_directives(html: &str) -> Cow<'_, str> {
    let lower = html.to_ascii_lowercase();
    if !lower.contains("http-equiv") {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut from = 0;
    let mut search = 0;
    while let Some(at) = lower[search..].find("<meta").map(|i| i + search) {
        let after = lower.as_bytes().get(at + 5).copied();
        if !matches!(
            after,
            Some(b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>') | None
        ) {
            search = at + 5;
            continue;
        }
        let end = tag_end(&lower, at + 5);
        if lower[at..end].contains("http-equiv") {
            out.push_str(&html[from..at]);
            from = end;
        }
        search = end.max(at + 5);
    }
    out.push_str(&html[from..]);
    Cow::Owned(out)
}

/// The byte just past the `>` that ends a tag whose attributes start at `from`: the first `>`
/// outside a quoted value (or the end of the text).
fn tag_end(lower: &str, from: usize) -> usize {
    let mut quote = None;
    for (i, b) in lower.bytes().enumerate().skip(from) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), b) if b == q => quote = None,
            (None, b'>') => return i + 1,
            _ => {}
        }
    }
    lower.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_meta_directive_goes_and_nothing_else() {
        let cases = [
            (
                "<head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0;url=http://x/?t=年\"></head>",
                "<head><meta charset=\"utf-8\"></head>",
            ),
            ("<META HTTP-EQUIV=refresh CONTENT=0>x", "x"),
            ("<meta/http-equiv=refresh content=0>x", "x"),
            (
                "<meta content=\"0;url=a>b\" http-equiv=\"re&#102;resh\">x",
                "x",
            ),
            ("<metadata http-equiv>x", "<metadata http-equiv>x"),
            ("<p>http-equiv</p>", "<p>http-equiv</p>"),
            ("<meta http-equiv='refresh' content=\"", ""),
        ];
        for (html, kept) in cases {
            assert_eq!(without_meta_directives(html), kept, "{html}");
        }
    }
}
