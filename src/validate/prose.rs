//! Prose lint: GB/T 15834 punctuation, GB/T 15835 numbers and typed numbering, on one text.
//!
//! Pure functions from a string to [`Finding`]s with byte ranges into that string, so each
//! rule can be tested against a table of cases. Text inside `{{ }}`, `{% %}` and `{# #}`
//! (references to data) is not linted. Errors for rules that rest on the quoted norms
//! (NORMS.md §2.6), warnings for the rest; fixes only where they are mechanical and safe.

use crate::codes::Code;
use std::ops::Range;

use super::finding::Finding;
use super::problems;
use crate::text::chars::is_han;
use crate::text::numerals::is_heading_numeral;

/// Whether a character is full-width Chinese punctuation.
fn is_cjk_punct(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '（'
            | '）'
            | '《'
            | '》'
            | '〈'
            | '〉'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '【'
            | '】'
            | '〔'
            | '〕'
            | '…'
            | '—'
            | '·'
    )
}

/// Byte ranges of template syntax (`{{ … }}`, `{% … %}`, `{# … #}`), which are not prose.
pub(super) fn template_ranges(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut i = 0;
    while let Some(pos) = text[i..].find('{') {
        let start = i + pos;
        let close = match text[start + 1..].chars().next() {
            Some('{') => "}}",
            Some('%') => "%}",
            Some('#') => "#}",
            _ => {
                i = start + 1;
                continue;
            }
        };
        let end = text[start + 2..]
            .find(close)
            .map_or(text.len(), |e| start + 2 + e + 2);
        ranges.push(start..end);
        i = end;
    }
    ranges
}

/// Every prose rule over a text (narrative, a title, a list item).
pub fn lint(text: &str) -> Vec<Finding> {
    let masked = template_ranges(text);
    let mut out = Vec::new();
    // Each rule runs only when the characters it looks for are there: most text is clean.
    // One pass over the bytes notes which of them occur (a bit per trigger).
    let scan = Scan::of(text, &masked, &mut out);
    let has = |bits: u32| scan.triggers & bits != 0;
    if has(Scan::ASCII_PUNCT) {
        half_width_punctuation(text, &mut out);
    }
    numbering_at_sentence_starts(text, &scan.sentence_starts, &mut out);
    if has(Scan::DUN) {
        enumeration_comma_between_marks(text, &mut out);
    }
    if has(Scan::QUOTE) {
        day_names_with_dot(text, &mut out);
    }
    if has(Scan::ANGLE) {
        angle_brackets_in_titles(text, &mut out);
    }
    if has(Scan::SPACE) {
        spaces_between_digits_and_han(text, &mut out);
    }
    if has(Scan::DATE) {
        leading_zero_dates(text, &mut out);
    }
    if has(Scan::FULL_WIDTH_DIGIT) {
        full_width_digits(text, &mut out);
    }
    if has(Scan::ELLIPSIS) {
        ascii_ellipsis(text, &mut out);
    }
    if has(Scan::PLACEHOLDER) {
        placeholders(text, scan.triggers, &mut out);
    }
    super::norms::lint(text, &mut out);
    out.retain(|f| {
        !masked
            .iter()
            .any(|m| m.start < f.range.end.max(f.range.start + 1) && f.range.start < m.end)
    });
    if out.iter().any(|f| f.fix.is_some()) && (text.contains('《') || text.contains('“')) {
        no_fix_inside_quotations(text, &mut out);
    }
    out.sort_by_key(|f| (f.range.start, f.code));
    out
}

/// A cited title (《…》) or a quotation (“…”) is another body's words, kept as that body wrote
/// them: what is found inside one is reported, never rewritten by `--fix` (the clerk checks it
/// against the original). The marks themselves stay fixable, and so does a rule about the
/// quotation's own form (W0705: `“12·4”`).
fn no_fix_inside_quotations(text: &str, out: &mut [Finding]) {
    let spans = quoted_spans(text);
    for f in out
        .iter_mut()
        .filter(|f| f.fix.is_some() && f.code != Code::W0705)
    {
        if spans
            .iter()
            .any(|t| t.start <= f.range.start && f.range.end <= t.end)
        {
            f.fix = None;
            // The hint says so: the clerk compares with the original, not corrects by rote.
            f.hint = Some(problems::inside_quotation_hint(f.hint.as_ref()));
        }
    }
}

/// The insides of the outermost 《…》 and “…” of a text, as byte ranges.
fn quoted_spans(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut spans = Vec::new();
    for (open, close) in [('《', '》'), ('“', '”')] {
        let mut depth: Vec<usize> = Vec::new();
        for (i, c) in text.char_indices() {
            if c == open {
                depth.push(i + c.len_utf8());
            } else if c == close
                && let Some(start) = depth.pop()
                && depth.is_empty()
            {
                spans.push(start..i);
            }
        }
    }
    spans
}

/// What one pass over a text's characters finds: which rules it can trigger (a bit per
/// trigger) and where sentences start with something that may be a typed number. The rules
/// that must see every mark in order (paired marks) run in the same pass.
struct Scan {
    triggers: u32,
    /// Byte offsets where a paragraph or sentence starts (after a line end, 。 or ；) and
    /// its first character (after spaces) may start a typed number.
    sentence_starts: Vec<usize>,
}

impl Scan {
    const ASCII_PUNCT: u32 = 1;
    const DUN: u32 = 1 << 1;
    const QUOTE: u32 = 1 << 2;
    const ANGLE: u32 = 1 << 4;
    const SPACE: u32 = 1 << 5;
    const DATE: u32 = 1 << 6;
    const FULL_WIDTH_DIGIT: u32 = 1 << 7;
    const ELLIPSIS: u32 = 1 << 8;
    /// `T` or `t` (TODO), `X` or `x` (XXX), `×`, `待` (待补充): each opens a placeholder.
    const PLACEHOLDER_T: u32 = 1 << 9;
    const PLACEHOLDER_X: u32 = 1 << 10;
    const PLACEHOLDER_TIMES: u32 = 1 << 11;
    const PLACEHOLDER_DAI: u32 = 1 << 12;
    const PLACEHOLDER: u32 =
        Self::PLACEHOLDER_T | Self::PLACEHOLDER_X | Self::PLACEHOLDER_TIMES | Self::PLACEHOLDER_DAI;

    fn of(text: &str, masked: &[Range<usize>], out: &mut Vec<Finding>) -> Scan {
        let mut triggers = 0;
        let mut sentence_starts = Vec::new();
        // A sentence start whose first character has not been seen yet.
        let mut pending_start = Some(0);
        let mut pairs = PairedMarks::default();
        let mut dots = 0u8;
        let bytes = text.as_bytes();
        let mut next = 0;
        while next < bytes.len() {
            // Han ideographs trigger nothing: most of a text is skipped by lead byte, without
            // decoding, unless a sentence start waits for its first character.
            if pending_start.is_none() && is_quiet_han(&bytes[next..]) {
                dots = 0;
                next += 3;
                continue;
            }
            let i = next;
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            next += c.len_utf8();
            if let Some(start) = pending_start
                && !matches!(c, ' ' | '\t' | '\u{3000}')
            {
                if may_start_typed_number(c) {
                    sentence_starts.push(start);
                }
                pending_start = None;
            }
            // Most characters are Han ideographs that trigger nothing.
            if ('\u{4E00}'..='\u{9FFF}').contains(&c) && c != '待' {
                dots = 0;
                continue;
            }
            triggers |= match c {
                ',' | ';' | ':' | '?' | '!' | '(' | ')' | '"' => Self::ASCII_PUNCT,
                '、' => Self::DUN,
                '“' => Self::QUOTE,
                '<' | '>' => Self::ANGLE,
                ' ' | '\u{3000}' => Self::SPACE,
                '0' => Self::DATE,
                '０'..='９' => Self::FULL_WIDTH_DIGIT,
                'T' | 't' => Self::PLACEHOLDER_T,
                'X' | 'x' => Self::PLACEHOLDER_X,
                '×' => Self::PLACEHOLDER_TIMES,
                '待' => Self::PLACEHOLDER_DAI,
                _ => 0,
            };
            if matches!(c, '\n' | '。' | '；') {
                pending_start = Some(i + c.len_utf8());
            }
            pairs.mark(i, c, masked, out);
            // An ellipsis needs three stops in a row.
            if c == '.' || c == '。' {
                dots += 1;
                if dots >= 3 {
                    triggers |= Self::ELLIPSIS;
                }
            } else {
                dots = 0;
            }
        }
        pairs.finish(out);
        Scan {
            triggers,
            sentence_starts,
        }
    }
}

/// P1: ASCII , ; : ? ! ( ) " next to Han characters.
fn half_width_punctuation(text: &str, out: &mut Vec<Finding>) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let full = match c {
            ',' => "，",
            ';' => "；",
            ':' => "：",
            '?' => "？",
            '!' => "！",
            '(' => "（",
            ')' => "）",
            '"' => "",
            _ => continue,
        };
        let prev = k.checked_sub(1).map(|p| chars[p].1);
        let next = chars.get(k + 1).map(|n| n.1);
        let chinese = |x: Option<char>| x.is_some_and(|x| is_han(x) || is_cjk_punct(x));
        let touches = match c {
            '(' => chinese(prev) || next.is_some_and(is_han),
            ')' => prev.is_some_and(is_han) || chinese(next),
            _ => {
                chinese(prev)
                    || (next.is_some_and(is_han)
                        && !prev.is_some_and(|p| p.is_ascii_alphanumeric()))
            }
        };
        // Markdown link syntax `](` and `[text](url)` is not punctuation.
        let markdown_link = (c == '(' && prev == Some(']'))
            || (c == ')'
                && text[..i]
                    .rfind("](")
                    .is_some_and(|p| !text[p..i].contains(')')));
        if !touches || markdown_link {
            continue;
        }
        out.push(problems::half_width_mark(i, c, full));
    }
}

/// Whether the UTF-8 bytes start with a Han ideograph U+4E00–U+9FFF other than 待 (which
/// may start 待补充): lead byte E4 (second byte B8 or more) to E9.
fn is_quiet_han(bytes: &[u8]) -> bool {
    match bytes {
        [0xE5, 0xBE, 0x85, ..] => false,
        [0xE4, second, ..] => *second >= 0xB8,
        [0xE5..=0xE9, ..] => true,
        _ => false,
    }
}

/// Whether a typed number (`3、` `一、` `（一）` `1.` `（1）`) can start with this character.
fn may_start_typed_number(c: char) -> bool {
    c.is_ascii_digit() || is_heading_numeral(c) || c == '（' || c == '('
}

/// The typed number at the start of `s`, as (length in bytes, is it `N、`).
pub fn typed_number(s: &str) -> Option<(usize, bool)> {
    if !s.chars().next().is_some_and(may_start_typed_number) {
        return None;
    }
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        let rest = &s[digits..];
        if rest.starts_with('、') {
            return Some((digits + '、'.len_utf8(), true));
        }
        if let Some(c) = rest.chars().next()
            && (c == '.' || c == '．')
            && !rest[c.len_utf8()..].starts_with(|d: char| d.is_ascii_digit())
        {
            return Some((digits + c.len_utf8(), false));
        }
        return None;
    }
    let han: usize = s
        .chars()
        .take_while(|&c| is_heading_numeral(c))
        .map(char::len_utf8)
        .sum();
    if han > 0 && s[han..].starts_with('、') {
        return Some((han + '、'.len_utf8(), false));
    }
    for (open, close) in [("（", "）"), ("(", ")")] {
        if let Some(rest) = s.strip_prefix(open) {
            let inner: usize = rest
                .chars()
                .take_while(|&c| is_heading_numeral(c) || c.is_ascii_digit())
                .map(char::len_utf8)
                .sum();
            if inner > 0 && rest[inner..].starts_with(close) {
                return Some((open.len() + inner + close.len(), false));
            }
        }
    }
    None
}

/// P2 and typed numbering: `3、` anywhere a sentence starts, and `一、` `（一）` `1.` `（1）` at
/// the start of a paragraph.
fn numbering_at_sentence_starts(text: &str, starts: &[usize], out: &mut Vec<Finding>) {
    for &start in starts {
        let rest = &text[start..];
        let trimmed = rest.trim_start_matches([' ', '\t', '\u{3000}']);
        let at = start + (rest.len() - trimmed.len());
        let paragraph_start = at == 0 || text[..at].ends_with('\n');
        if let Some((len, arabic_dun)) = typed_number(trimmed)
            && (arabic_dun || paragraph_start)
        {
            out.push(problems::typed_numbering(
                at,
                len,
                arabic_dun,
                &trimmed[..len],
            ));
        }
    }
}

/// Typed numbering at the start of a title.
pub fn lint_title(title: &str) -> Vec<Finding> {
    let trimmed = title.trim_start();
    let at = title.len() - trimmed.len();
    typed_number(trimmed)
        .map(|(len, dun)| problems::typed_numbering(at, len, dun, &trimmed[..len]))
        .into_iter()
        .collect()
}

/// P4: no 顿号 between adjacent 《》 titles or “” quotations.
fn enumeration_comma_between_marks(text: &str, out: &mut Vec<Finding>) {
    for pattern in ["》、《", "”、“"] {
        for (i, _) in text.match_indices(pattern) {
            let at = i + pattern.chars().next().map_or(0, char::len_utf8);
            out.push(problems::dun_between_marks(at));
        }
    }
}

/// P11: “6.26” → “6·26”.
fn day_names_with_dot(text: &str, out: &mut Vec<Finding>) {
    for (i, _) in text.match_indices('“') {
        let rest = &text[i + '“'.len_utf8()..];
        let month = rest.bytes().take_while(u8::is_ascii_digit).count();
        if !(1..=2).contains(&month) {
            continue;
        }
        let Some(dot) = rest[month..]
            .chars()
            .next()
            .filter(|c| *c == '.' || *c == '．')
        else {
            continue;
        };
        let after = &rest[month + dot.len_utf8()..];
        let day = after.bytes().take_while(u8::is_ascii_digit).count();
        if (1..=2).contains(&day) && after[day..].starts_with('”') {
            let at = i + '“'.len_utf8() + month;
            let month = &rest[..month];
            out.push(problems::day_name_dot(at, dot, month, &after[..day]));
        }
    }
}

/// The opening mark a closing mark closes.
fn opening_of(close: char) -> Option<char> {
    Some(match close {
        '）' => '（',
        '〕' => '〔',
        '》' => '《',
        '〉' => '〈',
        '”' => '“',
        '】' => '【',
        '’' => '‘',
        _ => return None,
    })
}

/// P8: paired marks open and close in order. Fed each character by [`Scan::of`] (marks
/// inside template syntax are skipped).
#[derive(Default)]
struct PairedMarks {
    /// Marks opened and not yet closed: (byte offset, mark).
    open: Vec<(usize, char)>,
}

impl PairedMarks {
    fn mark(&mut self, i: usize, c: char, masked: &[Range<usize>], out: &mut Vec<Finding>) {
        let is_open = matches!(c, '（' | '〔' | '《' | '〈' | '“' | '【' | '‘');
        let closes = opening_of(c);
        if (!is_open && closes.is_none()) || masked.iter().any(|m| m.contains(&i)) {
            return;
        }
        if is_open {
            self.open.push((i, c));
        } else if let Some(opening) = closes {
            match self.open.iter().rposition(|&(_, o)| o == opening) {
                Some(pos) => {
                    for &(j, o) in &self.open[pos + 1..] {
                        out.push(problems::not_closed(j, o));
                    }
                    self.open.truncate(pos);
                }
                None => out.push(problems::closes_nothing(i, c)),
            }
        }
    }

    fn finish(self, out: &mut Vec<Finding>) {
        out.extend(
            self.open
                .into_iter()
                .map(|(j, o)| problems::not_closed(j, o)),
        );
    }
}

/// P7: ASCII < > inside 《》.
fn angle_brackets_in_titles(text: &str, out: &mut Vec<Finding>) {
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '《' => depth += 1,
            '》' => depth = depth.saturating_sub(1),
            '<' | '>' if depth > 0 => {
                out.push(problems::angle_in_title(i, c));
            }
            _ => {}
        }
    }
}

/// N10: spaces between digits and Han characters.
fn spaces_between_digits_and_han(text: &str, out: &mut Vec<Finding>) {
    let is_space = |c: char| c == ' ' || c == '\u{3000}';
    let mut i = 0;
    while let Some(pos) = text[i..].find(is_space) {
        let start = i + pos;
        let end = start
            + text[start..]
                .chars()
                .take_while(|&c| is_space(c))
                .map(char::len_utf8)
                .sum::<usize>();
        i = end;
        let prev = text[..start].chars().next_back();
        let next = text[end..].chars().next();
        let digit_han = prev.is_some_and(|p| p.is_ascii_digit())
            && next.is_some_and(is_han)
            && !is_caption_number(&text[..start]);
        let han_digit = prev.is_some_and(|p| is_han(p) || "〕〔".contains(p))
            && next.is_some_and(|n| n.is_ascii_digit());
        let digit_bracket =
            prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| "〕〔".contains(n));
        if digit_han || han_digit || digit_bracket {
            out.push(problems::space_by_number(start..end));
        }
    }
}

/// Whether `before` ends with a caption's number at the start of a line (`表1`, `附图2`): a
/// caption takes a space before its title (`表1 行政执法案件统计`).
fn is_caption_number(before: &str) -> bool {
    let word = before.trim_end_matches(|c: char| c.is_ascii_digit());
    let line = word.rsplit('\n').next().unwrap_or(word);
    matches!(line, "表" | "图" | "附表" | "附图")
}

/// N11: 2021年01月10日 (a month or day with a leading zero).
fn leading_zero_dates(text: &str, out: &mut Vec<Finding>) {
    for (at, _) in text.match_indices('0') {
        let before = &text[..at];
        let unit = if before.ends_with('年') {
            '月'
        } else if before.ends_with('月') {
            '日'
        } else {
            continue;
        };
        let rest = &text[at..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 2 && rest[2..].starts_with(unit) {
            out.push(problems::leading_zero(at, &rest[..2], unit));
        }
    }
}

/// N12: full-width digits.
fn full_width_digits(text: &str, out: &mut Vec<Finding>) {
    let mut run: Option<(usize, String)> = None;
    let flush = |run: &mut Option<(usize, String)>, end: usize, out: &mut Vec<Finding>| {
        if let Some((start, digits)) = run.take() {
            out.push(problems::full_width_digits(start..end, &digits));
        }
    };
    for (i, c) in text.char_indices() {
        if ('０'..='９').contains(&c) {
            let half = char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or('0');
            run.get_or_insert((i, String::new())).1.push(half);
        } else {
            flush(&mut run, i, out);
        }
    }
    flush(&mut run, text.len(), out);
}

/// P12: `...` and `。。。` for an ellipsis.
fn ascii_ellipsis(text: &str, out: &mut Vec<Finding>) {
    for pattern in ["...", "。。。"] {
        let mut from = 0;
        while let Some(pos) = text[from..].find(pattern) {
            let start = from + pos;
            let mut end = start + pattern.len();
            let unit = &pattern[..pattern.len() / 3];
            while text[end..].starts_with(unit) {
                end += unit.len();
            }
            out.push(problems::ascii_ellipsis(start..end, &text[start..end]));
            from = end;
        }
    }
}

/// Placeholders left in the text.
/// The marks of a text not written yet (E0712).
const PLACEHOLDERS: [(&str, u32); 8] = [
    ("TODO", Scan::PLACEHOLDER_T),
    ("todo", Scan::PLACEHOLDER_T),
    ("待补充", Scan::PLACEHOLDER_DAI),
    ("待填写", Scan::PLACEHOLDER_DAI),
    ("XXX", Scan::PLACEHOLDER_X),
    ("xxx", Scan::PLACEHOLDER_X),
    ("×××", Scan::PLACEHOLDER_TIMES),
    ("××", Scan::PLACEHOLDER_TIMES),
];

/// Whether a text holds a placeholder (`待补充`, `TODO`, `×××`): it is reported as one, not
/// as a sentence.
pub fn has_placeholder(text: &str) -> bool {
    PLACEHOLDERS.iter().any(|(p, _)| text.contains(p))
}

fn placeholders(text: &str, triggers: u32, out: &mut Vec<Finding>) {
    for (pattern, trigger) in PLACEHOLDERS {
        if triggers & trigger == 0 {
            continue;
        }
        let mut from = 0;
        while let Some(pos) = text[from..].find(pattern) {
            let start = from + pos;
            let end = start + pattern.len();
            from = end;
            if out
                .iter()
                .any(|f| f.code == Code::E0712 && f.range.start <= start && start < f.range.end)
            {
                continue;
            }
            out.push(problems::placeholder(start..end, pattern));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (text, codes found, text after applying the fixes)
    fn check(text: &str) -> (Vec<Code>, String) {
        let findings = lint(text);
        let codes = findings.iter().map(|f| f.code).collect();
        let mut fixed = text.to_string();
        for f in findings.iter().rev() {
            if let Some(r) = &f.fix {
                fixed.replace_range(f.range.clone(), r);
            }
        }
        (codes, fixed)
    }

    #[test]
    fn rule_table() {
        let cases: &[(&str, &[Code], &str)] = &[
            // Clean text, including what looks close to a rule but is fine.
            ("2020年以来，我镇举办活动15场。", &[], ""),
            ("发放资料1000余册；悬挂横幅130余条。", &[], ""),
            ("“6·26”国际禁毒日", &[], ""),
            ("《宪法》《民法典》", &[], ""),
            ("《不忘初心、牢记使命》摘编、《土地管理法》", &[], ""),
            ("会议于15:40开始，增长2.5%。", &[], ""),
            (
                "举办{{ outreach.counts.consultation }}，见[网站](https://e.cn)",
                &[],
                "",
            ),
            ("一是加强领导，二是完善制度。", &[], ""),
            // P1
            (
                "法律顾问制度,深入推进",
                &[Code::W0701],
                "法律顾问制度，深入推进",
            ),
            (
                "主体责任;主要负责人",
                &[Code::W0701],
                "主体责任；主要负责人",
            ),
            (
                "规划(2021—2025年)",
                &[Code::W0701, Code::W0701],
                "规划（2021—2025年）",
            ),
            // P2 and typed numbering
            ("3、强化经费保障。", &[Code::E0702], ""),
            ("第一句。3、第二句。", &[Code::E0702], ""),
            ("（一）加强领导", &[Code::E0703], ""),
            ("一、基本情况", &[Code::E0703], ""),
            ("1. 落实责任", &[Code::E0703], ""),
            ("（1）用心履职", &[Code::E0703], ""),
            ("1.5倍", &[], ""),
            // P4
            (
                "《土地管理法》、《民法典》",
                &[Code::W0704],
                "《土地管理法》《民法典》",
            ),
            ("“一号”、“二号”", &[Code::W0704], "“一号”“二号”"),
            // P11
            (
                "“6.26”国际禁毒日、“12.4”国家宪法日",
                &[Code::W0705, Code::W0705],
                "“6·26”国际禁毒日、“12·4”国家宪法日",
            ),
            // P8
            ("（某某发〔2021〕3号", &[Code::E0706], ""),
            ("《宪法》》", &[Code::E0706], ""),
            ("“引文", &[Code::E0706], ""),
            // P7
            ("《关于<某某办法>的通知》", &[Code::E0707, Code::E0707], ""),
            // N10
            ("2020 年以来", &[Code::W0708], "2020年以来"),
            ("活动 15 场", &[Code::W0708, Code::W0708], "活动15场"),
            ("〔2020〕2 号", &[Code::W0708], "〔2020〕2号"),
            // N11
            ("2021年01月10日", &[Code::E0709], ""),
            ("2021年1月05日", &[Code::E0709], ""),
            // N12
            ("活动１５场", &[Code::E0710], ""),
            // P12
            ("培训...", &[Code::W0711], ""),
            ("培训。。。", &[Code::W0711], ""),
            // placeholders
            ("举办活动×××场", &[Code::E0712], ""),
            ("TODO 补写", &[Code::E0712], ""),
            ("待补充", &[Code::E0712], ""),
        ];
        for (text, codes, fixed) in cases {
            let (found, after) = check(text);
            assert_eq!(&found, codes, "{text}");
            if !fixed.is_empty() {
                assert_eq!(&after, fixed, "{text}");
            }
            hints_say_what_the_fixes_write(text, &after);
        }
    }

    /// Every fixable finding says what to do, and what its hint quotes (“…”) is what `--fix`
    /// writes: a clerk who follows the hint by hand gets the same text.
    fn hints_say_what_the_fixes_write(text: &str, after: &str) {
        for f in lint(text).iter().filter(|f| f.fix.is_some()) {
            let hint = f.hint.as_ref().expect("a fixable finding has a hint");
            let quoted = hint
                .zh
                .split_once('“')
                .and_then(|(_, rest)| rest.rsplit_once('”'))
                .map(|(q, _)| q);
            if let Some(quoted) = quoted {
                assert!(
                    after.contains(quoted),
                    "{text}: {} says “{quoted}”, the fix gives {after}",
                    f.code.as_str()
                );
            }
        }
    }

    #[test]
    fn han_is_skipped_by_lead_byte() {
        let quiet = |c: char| is_quiet_han(c.to_string().as_bytes());
        assert!(quiet('一') && quiet('镇') && quiet('\u{9FFF}'));
        assert!(!quiet('待') && !quiet('\u{4DFF}') && !quiet('\u{3400}') && !quiet('\u{A000}'));
        assert!(!quiet('、') && !quiet('a'));
    }

    #[test]
    fn titles_must_not_carry_numbers() {
        assert_eq!(
            lint_title("（二）强化法治示范创建工作")[0].code,
            Code::E0703
        );
        assert_eq!(lint_title("3、强化经费保障")[0].code, Code::E0702);
        assert!(lint_title("强化经费保障").is_empty());
        assert!(lint_title("2024年工作安排").is_empty());
    }

    #[test]
    fn template_syntax_is_not_prose() {
        assert!(lint("{{ a, b }}与{{ c }}").is_empty());
        assert_eq!(template_ranges("a{{ x }}b{% if y %}"), vec![1..8, 9..19]);
    }

    #[test]
    fn a_quotation_is_reported_never_rewritten() {
        let text = "提出“投入20～30万元”，投入20～30万元。";
        let w0723: Vec<Finding> = lint(text)
            .into_iter()
            .filter(|f| f.code == Code::W0723)
            .collect();
        assert_eq!(w0723.len(), 2);
        assert!(w0723[0].fix.is_none() && w0723[1].fix.is_some());
        // A rule about the quotation's own form still fixes it.
        assert!(lint("“12.4”国家宪法日").iter().any(|f| f.fix.is_some()));
    }

    #[test]
    fn a_cited_title_is_reported_never_rewritten() {
        let text = "批示《关于转发最高人民法院“一号司法建议”、“二号司法建议”的报告》，落实“一号司法建议”、“二号司法建议”。";
        let all = lint(text);
        let w0704: Vec<&Finding> = all.iter().filter(|f| f.code == Code::W0704).collect();
        assert_eq!(w0704.len(), 2, "{all:?}");
        let inside = text.find('《').unwrap()..text.find('》').unwrap();
        for f in w0704 {
            let cited = inside.contains(&f.range.start);
            assert_eq!(
                f.fix.is_some(),
                !cited,
                "fixable only outside the title: {f:?}"
            );
            let hint = &f.hint.as_ref().unwrap().zh;
            assert_eq!(hint.contains("原文如此则照录"), cited, "{hint}");
        }
    }
}
