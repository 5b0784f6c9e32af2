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
/// The text is read once, left to right, into what is kept: each `<meta` is read as a browser's
/// tokenizer reads a start tag (attribute names may hold quotes; a value is quoted only right
/// after `=`), and a tag is recognised on what is kept so far — so two halves that would join
/// once a tag between them is gone (`<me<meta http-equiv=x>ta …`) are caught too.
pub fn without_meta_directives(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    if !bytes
        .windows(10)
        .any(|w| w.eq_ignore_ascii_case(b"http-equiv"))
    {
        return Cow::Borrowed(html);
    }
    let mut kept: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        kept.push(bytes[i]);
        i += 1;
        let n = kept.len();
        let opens = n >= 5 && kept[n - 5] == b'<' && kept[n - 4..].eq_ignore_ascii_case(b"meta");
        let delimited = matches!(
            bytes.get(i),
            Some(b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>') | None
        );
        if opens && delimited {
            let (end, directive) = read_tag(bytes, i);
            if directive {
                kept.truncate(n - 5);
            } else {
                kept.extend_from_slice(&bytes[i..end]);
            }
            i = end;
        }
    }
    // Only whole tags (from `<` to `>` or the end) were left out: the rest is as it was.
    Cow::Owned(
        String::from_utf8(kept)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
    )
}

/// Reads a start tag's attributes from `from` as the HTML tokenizer does: the byte past its
/// `>` (or the end), and whether one of them is named `http-equiv`.
fn read_tag(bytes: &[u8], from: usize) -> (usize, bool) {
    let space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c');
    let mut i = from;
    let mut directive = false;
    loop {
        while i < bytes.len() && (space(bytes[i]) || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() {
            return (bytes.len(), directive);
        }
        if bytes[i] == b'>' {
            return (i + 1, directive);
        }
        // An attribute name runs to a space, `/`, `>` or `=` (its first character may be `=`).
        let start = i;
        i += 1;
        while i < bytes.len() && !space(bytes[i]) && !matches!(bytes[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        directive |= bytes[start..i].eq_ignore_ascii_case(b"http-equiv");
        while i < bytes.len() && space(bytes[i]) {
            i += 1;
        }
        if bytes.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < bytes.len() && space(bytes[i]) {
            i += 1;
        }
        match bytes.get(i) {
            Some(&q @ (b'"' | b'\'')) => {
                i += 1;
                while i < bytes.len() && bytes[i] != q {
                    i += 1;
                }
                i += 1;
            }
            _ => {
                while i < bytes.len() && !space(bytes[i]) && bytes[i] != b'>' {
                    i += 1;
                }
            }
        }
    }
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
            // A quote inside an attribute's name opens nothing.
            (
                "<meta a'b x=\"'> \" http-equiv=\"refresh\" content=\"0;url=x\">y",
                "y",
            ),
            // Two halves that would join once the tag between them goes.
            ("<me<meta http-equiv=x>ta http-equiv=\"refresh\">y", "y"),
            ("<meta =http-equiv x>y", "<meta =http-equiv x>y"),
        ];
        for (html, kept) in cases {
            assert_eq!(without_meta_directives(html), kept, "{html}");
        }
    }
}
