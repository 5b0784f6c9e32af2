//! Markdown in data: escaping values into it, neutralising raw HTML, converting to HTML.
//!
//! Narrative in data is Markdown, so a clerk can write emphasis or a table. But a report must
//! never run markup typed into data: raw HTML in a narrative is shown as text in both outputs,
//! images (external resources) become their alt text, and links keep only web and mail
//! addresses. Smart punctuation stays off: it would turn Chinese quotation marks around.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Escapes a plain value so that Markdown shows it as it is: `*`, `_`, `<`, `|` … get a
/// backslash, and so does a leading `1.` that would otherwise start a list.
pub fn escape(text: &str) -> String {
    if !needs_escape(text) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let body = escape_line_start(line, &mut out);
        for c in body.chars() {
            if matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&'
            ) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// Whether [`escape`] would change the text: most Chinese text has nothing to escape.
pub fn needs_escape(text: &str) -> bool {
    let special = |b: u8| {
        matches!(
            b,
            b'\\' | b'`' | b'*' | b'_' | b'[' | b']' | b'<' | b'>' | b'|' | b'~' | b'&' | b'\n'
        )
    };
    let starts_block = text
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_digit() || matches!(b, b'#' | b'-' | b'+' | b'='));
    starts_block || text.bytes().any(special)
}

/// Writes the start of a line with whatever would make it a block marker escaped, and returns
/// the rest of the line. Only real markers are escaped (`1. ` starts a list, `96.3%` does not),
/// so decimals and years stay as they are.
fn escape_line_start<'a>(line: &'a str, out: &mut String) -> &'a str {
    let marker_end = |rest: &str| rest.is_empty() || rest.starts_with([' ', '\t']);
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=9).contains(&digits)
        && matches!(line.as_bytes().get(digits), Some(b'.' | b')'))
        && marker_end(&line[digits + 1..])
    {
        out.push_str(&line[..digits]);
        out.push('\\');
        return &line[digits..];
    }
    if let Some(first) = line.chars().next()
        && matches!(first, '#' | '-' | '+' | '=')
        && (marker_end(&line[1..]) || first == '#' || line.chars().all(|c| c == first))
    {
        out.push('\\');
        out.push(first);
        return &line[first.len_utf8()..];
    }
    line
}

/// Rewrites a Markdown text so that nothing in it runs or loads: raw HTML shows as text
/// (`<b>` → `\<b>`), images and links to other than web or mail addresses lose their
/// markup (`\[text](javascript:…)`). Every other byte stays as it was.
pub fn neutralise_html(markdown: &str) -> String {
    // Only `<` (HTML, autolinks), `[` (links) and `!` (images) can start anything to defuse.
    if memchr::memchr3(b'<', b'[', b'!', markdown.as_bytes()).is_none() {
        return markdown.to_string();
    }
    let mut html: Vec<Range<usize>> = Vec::new();
    let mut defuse: Vec<usize> = Vec::new();
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        match event {
            Event::Html(_) | Event::InlineHtml(_) => html.push(range),
            Event::Start(Tag::Image { .. }) => defuse.push(range.start),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) if !is_safe_url(&dest_url, link_type) => defuse.push(range.start),
            _ => {}
        }
    }
    if html.is_empty() && defuse.is_empty() {
        return markdown.to_string();
    }
    let mut out = String::with_capacity(markdown.len() + 16);
    for (i, c) in markdown.char_indices() {
        let in_html = c == '<' && html.iter().any(|r| r.contains(&i));
        if in_html || defuse.contains(&i) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Converts Markdown to an HTML fragment. `lead` (trusted HTML, e.g. a run-in heading) is put
/// at the start of the first paragraph, or in a paragraph of its own when there is none.
pub fn to_html(markdown: &str, lead: Option<&str>) -> String {
    let lead = lead.filter(|l| !l.is_empty());
    plain_to_html(markdown, lead).unwrap_or_else(|| parsed_to_html(markdown, lead))
}

/// [`to_html`] through the CommonMark parser.
fn parsed_to_html(markdown: &str, mut lead: Option<&str>) -> String {
    let mut events: Vec<Event<'_>> = Vec::new();
    for event in Parser::new_ext(markdown, options()) {
        let event = match event {
            Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => continue,
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: safe_url(dest_url, link_type),
                title,
                id,
            }),
            Event::Text(text) => {
                let spans = nobreak_spans(&text);
                if spans.is_empty() {
                    Event::Text(text)
                } else {
                    push_unbroken(&mut events, &text, spans);
                    continue;
                }
            }
            other => other,
        };
        let is_paragraph = matches!(event, Event::Start(Tag::Paragraph));
        if let Some(l) = lead
            && events.is_empty()
            && !is_paragraph
        {
            events.push(Event::Start(Tag::Paragraph));
            events.push(Event::Html(CowStr::from(l.to_string())));
            events.push(Event::End(TagEnd::Paragraph));
            lead = None;
        }
        events.push(event);
        if is_paragraph && let Some(l) = lead.take() {
            events.push(Event::Html(CowStr::from(l.to_string())));
        }
    }
    if let Some(l) = lead {
        events.push(Event::Start(Tag::Paragraph));
        events.push(Event::Html(CowStr::from(l.to_string())));
        events.push(Event::End(TagEnd::Paragraph));
    }
    let mut html = String::with_capacity(markdown.len() * 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    html
}

/// The HTML of Markdown that is nothing but plain paragraphs — one line each, blank lines
/// between, no ASCII punctuation, no white space at either end — or `None` when the text has
/// anything else. Such text needs no parser (it is most Chinese narrative: its punctuation is
/// full-width), and the result is what the parser would give (a property test holds the two
/// together).
fn plain_to_html(markdown: &str, mut lead: Option<&str>) -> Option<String> {
    let mut html = String::with_capacity(markdown.len() + 32);
    let mut after_blank = true;
    for line in markdown.split('\n') {
        if line.is_empty() {
            after_blank = true;
            continue;
        }
        // Two lines in a row make one paragraph with a soft break: left to the parser.
        if !after_blank || !is_plain_line(line) {
            return None;
        }
        after_blank = false;
        html.push_str("<p>");
        if let Some(l) = lead.take() {
            html.push_str(l);
        }
        push_line_unbroken(&mut html, line);
        html.push_str("</p>\n");
    }
    if let Some(l) = lead {
        html.push_str("<p>");
        html.push_str(l);
        html.push_str("</p>\n");
    }
    Some(html)
}

/// The most characters kept on one line together: a date, a 文号, a number and its unit.
const MAX_UNBROKEN: usize = 14;

/// Where a line may not break (GB/T 9704 practice): a date (`2021年1月10日`), a 文号's year and
/// number (`〔2020〕2号`), a number with its unit (`1000余册`, `98.5%`) — byte ranges of the
/// text, each at most `MAX_UNBROKEN` characters.
pub fn nobreak_spans(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut spans: Vec<std::ops::Range<usize>> = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c == crate::render::preview::OPEN {
            // A preview's mark of where a value comes from (`report.toml:61`): not text.
            chars
                .by_ref()
                .find(|&(_, s)| s == crate::render::preview::SOURCE_END);
            continue;
        }
        if !(c.is_ascii_digit()
            || c == '〔' && chars.peek().is_some_and(|(_, n)| n.is_ascii_digit()))
        {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, n)) = chars.peek() {
            if !(n.is_ascii_digit() || matches!(n, '.' | '〔' | '〕' | '%' | '‰')) {
                break;
            }
            end = i + n.len_utf8();
            chars.next();
        }
        // 余/多, 万/亿, then the unit or the measure word.
        for words in ["余多", "万亿", ""] {
            match chars.peek() {
                Some(&(i, n))
                    if words.contains(n) && !words.is_empty() || words.is_empty() && is_unit(n) =>
                {
                    end = i + n.len_utf8();
                    chars.next();
                }
                _ => {}
            }
        }
        match spans.last_mut() {
            Some(last) if last.end == start => last.end = end,
            _ => spans.push(start..end),
        }
    }
    spans.retain(|r| {
        let n = text[r.clone()].chars().count();
        n > 1 && n <= MAX_UNBROKEN
    });
    spans
}

/// A character that ends a number as its unit: a Han character (年 月 日 号 场 件 …).
fn is_unit(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// A text event as text and no-break spans.
fn push_unbroken(events: &mut Vec<Event<'_>>, text: &str, spans: Vec<std::ops::Range<usize>>) {
    let mut at = 0;
    for span in spans {
        if span.start > at {
            events.push(Event::Text(CowStr::from(text[at..span.start].to_string())));
        }
        events.push(Event::Html(CowStr::Borrowed(NOBREAK_OPEN)));
        events.push(Event::Text(CowStr::from(text[span.clone()].to_string())));
        events.push(Event::Html(CowStr::Borrowed("</span>")));
        at = span.end;
    }
    if at < text.len() {
        events.push(Event::Text(CowStr::from(text[at..].to_string())));
    }
}

/// A plain line (nothing to escape) with its no-break spans.
fn push_line_unbroken(html: &mut String, line: &str) {
    let mut at = 0;
    for span in nobreak_spans(line) {
        html.push_str(&line[at..span.start]);
        html.push_str(NOBREAK_OPEN);
        html.push_str(&line[span.clone()]);
        html.push_str("</span>");
        at = span.end;
    }
    html.push_str(&line[at..]);
}

const NOBREAK_OPEN: &str = "<span class=\"nb\">";

/// A line Markdown can only read as paragraph text: letters, digits, inner spaces and
/// non-ASCII characters (no ASCII punctuation can start or mark up anything in it).
fn is_plain_line(line: &str) -> bool {
    let bytes = line.as_bytes();
    let plain = |b: &u8| !b.is_ascii() || b.is_ascii_alphanumeric() || *b == b' ';
    bytes.first().is_some_and(|&b| b != b' ')
        && bytes.last().is_some_and(|&b| b != b' ')
        && bytes.iter().all(plain)
}

fn is_safe_url(url: &str, link_type: LinkType) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("mailto:")
        || lower.starts_with('#')
        || link_type == LinkType::Email
}

fn safe_url(url: CowStr<'_>, link_type: LinkType) -> CowStr<'_> {
    if is_safe_url(&url, link_type) {
        url
    } else {
        CowStr::from("#")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_values() {
        let cases = [
            ("太安镇", "太安镇"),
            ("1. 标题", "1\\. 标题"),
            ("1.", "1\\."),
            ("96.3%", "96.3%"),
            ("2020.1", "2020.1"),
            ("- 项", "\\- 项"),
            ("-1", "-1"),
            ("a*b_c", "a\\*b\\_c"),
            ("<script>", "\\<script\\>"),
            ("# 一", "\\# 一"),
            ("2.5万元", "2.5万元"),
            ("A|B", "A\\|B"),
        ];
        for (input, want) in cases {
            assert_eq!(escape(input), want, "{input}");
        }
    }

    #[test]
    fn raw_html_is_text() {
        let html = to_html("前<script>alert(1)</script>后", None);
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        let block = to_html("<div onclick=\"x\">块</div>", None);
        assert!(!block.contains("<div"), "{block}");
    }

    #[test]
    fn neutralises_html_in_markdown() {
        assert_eq!(neutralise_html("a <b>c</b>"), "a \\<b>c\\</b>");
        assert_eq!(neutralise_html("a < b"), "a < b");
        let back = to_html(&neutralise_html("x<img src=y>"), None);
        assert!(!back.contains("<img"), "{back}");
        assert_eq!(
            neutralise_html("[a](javascript:x) [b](https://e.cn) ![c](http://e.cn/c.png)"),
            "\\[a](javascript:x) [b](https://e.cn) \\![c](http://e.cn/c.png)"
        );
    }

    #[test]
    fn images_and_unsafe_links_are_defused() {
        let html = to_html(
            "![图](http://example.com/a.png) [链](javascript:alert(1))",
            None,
        );
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("javascript"), "{html}");
        assert!(html.contains("图"), "{html}");
    }

    #[test]
    fn plain_paragraphs_skip_the_parser() {
        let text = "2020年以来，我镇举办活动15场。\n\n第二段 with ASCII 字母。";
        assert_eq!(
            plain_to_html(text, Some("<b>一、</b>")).as_deref(),
            Some(
                "<p><b>一、</b><span class=\"nb\">2020年</span>以来，我镇举办活动<span class=\"nb\">15场</span>。</p>\n<p>第二段 with ASCII 字母。</p>\n"
            )
        );
        for not_plain in [
            "增长2.5%",
            "a\nb",
            " 缩进",
            "行尾  ",
            "1. 项",
            "*强调*",
            "a\tb",
        ] {
            assert_eq!(plain_to_html(not_plain, None), None, "{not_plain:?}");
        }
    }

    const PLAIN: &[char] = &[
        '年', '镇', '，', '。', '（', '）', '《', '》', '“', '”', '\u{3000}', '1', '0', 'a', 'Z',
        ' ', '\n',
    ];
    const SYNTAX: &[char] = &[
        '\n', '\t', '\r', '.', '-', '*', '#', '<', '&', '|', '=', '>', '_', '`', '[', ']', '!',
        '+', ')', '~', '\\',
    ];

    proptest::proptest! {
        /// Whenever the plain-paragraph path answers, it answers what the parser would.
        #[test]
        fn plain_paragraphs_match_the_parser(
            // Half the texts are made of plain characters only, so the plain path answers often.
            chars in proptest::prop_oneof![
                proptest::collection::vec(proptest::sample::select(PLAIN.to_vec()), 0..24),
                proptest::collection::vec(
                    proptest::sample::select([PLAIN, SYNTAX].concat()),
                    0..24
                ),
            ],
            lead in proptest::option::of(proptest::sample::select(vec!["<b>1.</b>", "x"])),
        ) {
            let text: String = chars.into_iter().collect();
            if let Some(plain) = plain_to_html(&text, lead) {
                proptest::prop_assert_eq!(plain, parsed_to_html(&text, lead), "{:?}", text);
            }
        }
    }

    #[test]
    fn dates_doc_numbers_and_amounts_do_not_break() {
        let text = "2021年1月10日印发（潼委法〔2020〕2号），发放资料1000余册，合格率98.5%，第3次";
        let kept: Vec<&str> = nobreak_spans(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            kept,
            ["2021年1月10日", "〔2020〕2号", "1000余册", "98.5%", "3次"]
        );
        assert!(to_html("共15场。", None).contains("<span class=\"nb\">15场</span>"));
        assert!(to_html("共 *15场*。", None).contains("<span class=\"nb\">15场</span>"));
        // The preview's mark of a value's source is not text: its line number is kept out,
        // the value inside it is kept whole.
        let marked = crate::render::preview::mark("outreach.toml:61", "15");
        let text = format!("活动{marked}场");
        let kept: Vec<&str> = nobreak_spans(&text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(kept, ["15"]);
    }

    #[test]
    fn lead_starts_first_paragraph() {
        assert_eq!(
            to_html("正文。\n\n第二段。", Some("<b>1.</b>")),
            "<p><b>1.</b>正文。</p>\n<p>第二段。</p>\n"
        );
        assert_eq!(to_html("", Some("<b>1.</b>")), "<p><b>1.</b></p>\n");
        assert_eq!(
            to_html("- 项", Some("<b>1.</b>")),
            "<p><b>1.</b></p>\n<ul>\n<li>项</li>\n</ul>\n"
        );
    }
}
