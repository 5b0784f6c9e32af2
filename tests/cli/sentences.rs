//! Every sentence of a reference text in a rendered report: the acceptance comparison.
//!
//! Both sides are normalised the same way: markup and white space removed, half-width
//! punctuation in Chinese text mapped to full width, an Arabic list number written `3、` read
//! as `3.`, a day name written `6.26` read as `6·26`, and a 顿号 between two titles `》、《` or
//! quotations `”、“` dropped, so that text corrected to GB/T 15834 still matches. The reference
//! is cut into pieces at line ends and at 。；！？, and every piece of two or more characters
//! must appear in the rendered text. (`tests/reference/compare-text` is the same in Python,
//! for use by hand.)

use std::sync::LazyLock;

use regex::Regex;

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("a valid pattern")
}

static SCRIPT_STYLE_HEAD: LazyLock<[Regex; 3]> = LazyLock::new(|| {
    ["script", "style", "head"].map(|tag| re(&format!(r"(?is)<{tag}\b.*?</{tag}>")))
});
static TAG: LazyLock<Regex> = LazyLock::new(|| re(r"(?s)<[^>]+>"));
static MD_PREFIX: LazyLock<Regex> = LazyLock::new(|| re(r"(?m)^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+)"));
static MD_ESCAPE: LazyLock<Regex> = LazyLock::new(|| re(r"\\([!-/:-@\[-`{-~])"));
static SPACE: LazyLock<Regex> = LazyLock::new(|| re(r"\s+"));
static DIGIT_DUN: LazyLock<Regex> = LazyLock::new(|| re(r"(\d)、"));
static DAY_DOT: LazyLock<Regex> = LazyLock::new(|| re(r"(\d)[.．](\d)"));
static ENTITY: LazyLock<Regex> = LazyLock::new(|| re(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-z]+);"));

fn unescape_html(text: &str) -> String {
    ENTITY
        .replace_all(text, |c: &regex::Captures<'_>| {
            let name = &c[1];
            let code = if let Some(hex) = name.strip_prefix("#x").or(name.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok()
            } else if let Some(dec) = name.strip_prefix('#') {
                dec.parse().ok()
            } else {
                match name {
                    "lt" => Some('<' as u32),
                    "gt" => Some('>' as u32),
                    "amp" => Some('&' as u32),
                    "quot" => Some('"' as u32),
                    "apos" => Some('\'' as u32),
                    "nbsp" => Some(0xA0),
                    _ => None,
                }
            };
            code.and_then(char::from_u32)
                .map_or_else(|| c[0].to_string(), String::from)
        })
        .into_owned()
}

fn strip_markup(text: &str, is_html: bool) -> String {
    if is_html {
        let mut text = text.to_string();
        for block in SCRIPT_STYLE_HEAD.iter() {
            text = block.replace_all(&text, "").into_owned();
        }
        unescape_html(&TAG.replace_all(&text, "\n"))
    } else {
        let text = MD_PREFIX.replace_all(text, "");
        let text = text.replace("**", "").replace("__", "");
        MD_ESCAPE.replace_all(&text, "$1").into_owned()
    }
}

fn normalise(piece: &str) -> String {
    let piece = SPACE.replace_all(piece, "");
    let piece: String = piece
        .chars()
        .map(|c| match c {
            ',' => '，',
            ';' => '；',
            ':' => '：',
            '(' => '（',
            ')' => '）',
            '?' => '？',
            '!' => '！',
            c => c,
        })
        .collect();
    let piece = DIGIT_DUN.replace_all(&piece, "$1.");
    let piece = DAY_DOT.replace_all(&piece, "$1·$2");
    piece.replace("》、《", "》《").replace("”、“", "”“")
}

fn pieces(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let mut start = 0;
        for (i, c) in line.char_indices() {
            if matches!(c, '。' | '；' | '！' | '？') {
                out.push(&line[start..i + c.len_utf8()]);
                start = i + c.len_utf8();
            }
        }
        out.push(&line[start..]);
    }
    out.into_iter()
        .map(normalise)
        .filter(|p| p.chars().count() >= 2)
        .collect()
}

/// The pieces of `reference` missing from `rendered` (HTML when `is_html`, else Markdown or
/// plain text), and how many pieces there are.
pub fn missing(reference: &str, rendered: &str, is_html: bool) -> (Vec<String>, usize) {
    let rendered = normalise(&strip_markup(rendered, is_html));
    let all = pieces(reference.trim_start_matches('\u{feff}'));
    let total = all.len();
    (
        all.into_iter()
            .filter(|p| !rendered.contains(p.as_str()))
            .collect(),
        total,
    )
}

#[test]
fn the_comparison_normalises_both_sides_alike() {
    let reference = "一、学习《民法典》、《宪法》。举办讲座3场；\n6.26禁毒日宣传,发放资料。\n";
    let html = "<h2>一、</h2><p>学习《民法典》《宪法》。举办讲座3场；</p><p>6·26禁毒日宣传，发放资料。</p>";
    assert_eq!(missing(reference, html, true), (Vec::new(), 3));
    let md =
        "## 一、\n\n学习《民法典》《宪法》。举办讲座**3**场；\n\n6·26禁毒日宣传，发放资料&lt;。";
    let (gone, _) = missing(reference, md, false);
    assert_eq!(gone, ["6·26禁毒日宣传，发放资料。"]);
}
