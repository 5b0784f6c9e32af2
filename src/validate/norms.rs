//! The rules of GB/T 15834 and GB/T 15835 that look at more than one character: ranges and
//! their dashes, approximations, nested quotation marks, doubled stops, spaces around
//! full-width marks, counts in Han numerals, shortened years, stacked approximations and the
//! form of a citation. Each is a pure function from a text to findings, tested by a table;
//! each keeps quiet on the fixed terms the norms allow (“八五”普法, 三项制度, 一是).

use std::ops::Range;

use super::finding::Finding;
use super::problems;
use crate::text::chars::is_han;
use crate::text::numerals::{han_digit, is_count_numeral};

/// Runs every rule of this module on `text`.
pub(super) fn lint(text: &str, out: &mut Vec<Finding>) {
    // One pass over the characters (no allocation) notes what each rule looks for; a rule runs
    // only when its characters are there. (`str::contains` per trigger was a scan each, and
    // the last byte of `、` is common in Chinese text.)
    let mut t = Triggers::default();
    let mut prev = '\0';
    for c in text.chars() {
        // Most characters are Han ideographs, which matter only as 约 or 近, or as a measure
        // word after a numeral: they take the short way.
        if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
            t.approx |= matches!(c, '约' | '近');
            t.counts |= is_count_numeral(prev) && is_measure(c);
            prev = c;
            continue;
        }
        match c {
            '0'..='9' => t.digit = true,
            '-' => t.hyphen = true,
            '～' => t.tilde = true,
            '〔' => t.bracket = true,
            // The rule looks only at a 顿号 right after a digit (`3、4个`, `三、四个`).
            '、' if prev.is_ascii_digit() || han_digit(prev).is_some() => {
                t.dun = true;
            }
            '“' => t.quote = true,
            ' ' | '\u{3000}' => t.space = true,
            _ => {}
        }
        t.stops |= is_stop(c)
            && (is_stop(prev)
                || is_half_width_stop(prev)
                || matches!(prev, '（' | '《' | '“' | '‘' | '〔' | '【'));
        prev = c;
    }
    if t.digit {
        if t.hyphen {
            hyphen_ranges(text, out);
        }
        years(text, out);
        if t.tilde {
            range_units(text, out);
        }
        if t.approx {
            stacked_approximations(text, out);
        }
        if t.bracket {
            citations(text, out);
        }
    }
    if t.dun {
        approximations_with_dun(text, out);
    }
    if t.quote {
        nested_quotes(text, out);
    }
    if t.stops {
        doubled_stops(text, out);
    }
    if t.space {
        spaces_around_marks(text, out);
    }
    if t.counts {
        han_counts(text, out);
    }
}

/// Which characters a text holds, for the rules that look for them. (Flags, one per rule:
/// a bit set would only hide their names.)
#[derive(Default)]
#[allow(clippy::struct_excessive_bools)]
struct Triggers {
    digit: bool,
    hyphen: bool,
    tilde: bool,
    approx: bool,
    bracket: bool,
    dun: bool,
    quote: bool,
    space: bool,
    stops: bool,
    counts: bool,
}

/// The characters of `text` with their byte offsets, for looking around a place.
fn chars(text: &str) -> Vec<(usize, char)> {
    text.char_indices().collect()
}

fn end_of(cs: &[(usize, char)], i: usize, text: &str) -> usize {
    cs.get(i).map_or(text.len(), |&(b, _)| b)
}

/// Runs of ASCII digits, as byte ranges of `text`.
fn digit_byte_runs(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        let start = i + bytes[i..].iter().position(u8::is_ascii_digit)?;
        let len = bytes[start..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        i = start + len;
        Some(start..i)
    })
}

/// Runs of ASCII digits: (first char index, one past the last).
fn digit_runs(cs: &[(usize, char)]) -> Vec<Range<usize>> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        if cs[i].1.is_ascii_digit() {
            let start = i;
            while i < cs.len() && cs[i].1.is_ascii_digit() {
                i += 1;
            }
            runs.push(start..i);
        } else {
            i += 1;
        }
    }
    runs
}

fn is_year(digits: &str) -> bool {
    digits.len() == 4 && (digits.starts_with("19") || digits.starts_with("20"))
}

/// Measure words and units a value range ends with (`10-20人`).
const VALUE_UNITS: &[char] = &[
    '个', '人', '次', '万', '亿', '元', '%', '场', '件', '项', '条', '册', '份', '名', '家', '户',
    '起', '天', '小', '分', '米', '公', '吨',
];

/// P10: a range written with a hyphen. Years and dates take the 一字线 (`2021—2025年`), values
/// the 浪纹线 (`20～30人`); the fix puts the right one in. Codes, telephone numbers and ISO
/// dates (`2021-01-10`) keep their hyphen.
fn hyphen_ranges(text: &str, out: &mut Vec<Finding>) {
    let cs = chars(text);
    let runs = digit_runs(&cs);
    for pair in runs.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if b.start != a.end + 1 || cs[a.end].1 != '-' {
            continue;
        }
        // Not a part of a longer code: 010-12345678-9, 2021-01-10.
        let before = a.start.checked_sub(1).map(|i| cs[i].1);
        let after = cs.get(b.end).map(|&(_, c)| c);
        if before.is_some_and(|c| c == '-' || c.is_ascii_alphanumeric())
            || after.is_some_and(|c| c == '-' || c.is_ascii_alphanumeric())
        {
            continue;
        }
        let digits =
            |r: &Range<usize>| -> String { cs[r.clone()].iter().map(|&(_, c)| c).collect() };
        let (x, y) = (digits(a), digits(b));
        let at = cs[a.end].0;
        let range = at..at + 1;
        if is_year(&x) && is_year(&y) {
            out.push(problems::year_range_hyphen(range, &x, &y));
        } else if after.is_some_and(|c| VALUE_UNITS.contains(&c)) && x.len() <= 6 && y.len() <= 6 {
            out.push(problems::value_range_hyphen(range, &x, &y));
        }
    }
}

/// N6: a year is never shortened (`20年以来`), and not run into the next word (`2023我镇`); P10:
/// a year range whose dash was lost (`20232027年`).
fn years(text: &str, out: &mut Vec<Finding>) {
    // By bytes, not by a vector of characters: every text with a digit comes here.
    for run in digit_byte_runs(text) {
        let digits = Digits {
            text: &text[run.clone()],
            after: &text[run.end..],
            prev: text[..run.start].chars().next_back(),
            range: run,
        };
        // Not inside a 文号, a code or a decimal.
        if digits.prev.is_some_and(|c| {
            matches!(c, '〔' | '.' | '-' | '—' | '～') || c.is_ascii_alphanumeric()
        }) {
            continue;
        }
        let found = lost_year_range(&digits)
            .or_else(|| shortened_year(&digits))
            .or_else(|| year_run_on(&digits));
        out.extend(found);
    }
}

/// A run of ASCII digits in a text, with what is around it.
struct Digits<'a> {
    text: &'a str,
    range: Range<usize>,
    /// The text after the digits.
    after: &'a str,
    /// The character before them.
    prev: Option<char>,
}

impl Digits<'_> {
    fn next(&self) -> Option<char> {
        self.after.chars().next()
    }
}

/// P10: `20232027年`, a year range that lost its dash.
fn lost_year_range(d: &Digits) -> Option<Finding> {
    let digits = d.text;
    let is_range = digits.len() == 8
        && is_year(&digits[..4])
        && is_year(&digits[4..])
        && d.next() == Some('年')
        && digits[..4] < digits[4..];
    is_range.then(|| problems::lost_year_range(d.range.clone(), digits))
}

/// N6: `20年以来`, a year in two digits (not `近20年来`, a number of years).
fn shortened_year(d: &Digits) -> Option<Finding> {
    const YEAR_WORDS: &[&str] = &[
        "年以来",
        "年度",
        "年底",
        "年初",
        "年末",
        "年全年",
        "年上半年",
        "年下半年",
    ];
    let digits = d.text;
    let counted = d
        .prev
        .is_some_and(|c| "近约多余前后这每第满逾超".contains(c));
    let shortened = digits.len() == 2
        && d.next() == Some('年')
        && YEAR_WORDS.iter().any(|w| d.after.starts_with(w))
        && !counted;
    shortened.then(|| problems::shortened_year(d.range.clone(), digits))
}

/// N6: `2023我镇`, a year at the start of a clause run into the next word.
fn year_run_on(d: &Digits) -> Option<Finding> {
    let digits = d.text;
    let runs_on = is_year(digits)
        && d.next()
            .is_some_and(|c| is_han(c) && !"年届版号月日级期批".contains(c))
        && d.prev.is_none_or(|c| "，。；：！？\n（“".contains(c));
    runs_on.then(|| problems::year_run_on(d.range.clone(), digits))
}

/// Measure words of counts (N1, N3, N5). (`matches!`, not `str::contains`: every character of
/// every text passes these tests.)
fn is_measure(c: char) -> bool {
    matches!(
        c,
        '场' | '次'
            | '个'
            | '人'
            | '件'
            | '项'
            | '条'
            | '册'
            | '份'
            | '名'
            | '家'
            | '所'
            | '处'
            | '户'
            | '起'
            | '期'
            | '批'
            | '篇'
            | '块'
            | '幅'
            | '张'
            | '台'
            | '辆'
            | '套'
    )
}

fn is_stop(c: char) -> bool {
    matches!(c, '，' | '、' | '；' | '：' | '。' | '？' | '！')
}

/// P3: no 顿号 inside an approximation made of adjacent numerals (`三、四个` → `三四个`); N3:
/// such an approximation is written in Han numerals (`3、5天` → `三五天`).
fn approximations_with_dun(text: &str, out: &mut Vec<Finding>) {
    let cs = chars(text);
    for i in 1..cs.len().saturating_sub(2) {
        if cs[i].1 != '、' {
            continue;
        }
        let (a, dun, b, m) = (cs[i - 1].1, cs[i].1, cs[i + 1].1, cs[i + 2].1);
        let lone_digit = |j: usize| {
            cs[j].1.is_ascii_digit()
                && j.checked_sub(1)
                    .is_none_or(|k| !cs[k].1.is_ascii_digit() && cs[k].1 != '.')
                && cs.get(j + 1).is_none_or(|n| !n.1.is_ascii_digit())
        };
        if dun == '、'
            && lone_digit(i - 1)
            && lone_digit(i + 1)
            && a < b
            && a != '0'
            && "天个次人".contains(m)
        {
            // 两三个, 一两天: before a measure word, 2 is said 两.
            let han = |d: char| match d {
                '2' => "两".to_string(),
                d => crate::text::numerals::chinese_numeral(u64::from(d as u8 - b'0')),
            };
            let range = cs[i - 1].0..cs[i + 2].0;
            out.push(problems::approximation_in_arabic(
                range,
                (a, b, m),
                (&han(a), &han(b)),
            ));
            continue;
        }
        let adjacent = han_digit(a)
            .zip(han_digit(b))
            .is_some_and(|(x, y)| y == x + 1);
        if dun == '、' && adjacent && is_measure(m) {
            let at = cs[i].0;
            out.push(problems::dun_in_approximation(at, (a, b, m)));
        }
    }
}

/// P6: quotation marks inside quotation marks are single: “学习‘八五’普法”.
fn nested_quotes(text: &str, out: &mut Vec<Finding>) {
    let mut depth = 0usize;
    for (at, c) in text.char_indices() {
        match c {
            '“' if depth > 0 => {
                out.push(problems::nested_quote(at, c));
                depth += 1;
            }
            '“' => depth += 1,
            '”' => depth = depth.saturating_sub(1),
            '\n' => depth = 0,
            _ => {}
        }
    }
}

/// P13: a stop doubled (`，，`), two stops in a row (`，。`, `！；`, a half-width `.。`), or a
/// stop right after an opening mark (`（，`). The fix deletes the first of two stops, so the
/// later — the one that ends the clause as written — stays. `？！` and `！？` are allowed.
fn doubled_stops(text: &str, out: &mut Vec<Finding>) {
    let cs = chars(text);
    for i in 1..cs.len() {
        let ((prev_at, prev), (at, c)) = (cs[i - 1], cs[i]);
        if !is_stop(c) {
            continue;
        }
        let half = is_half_width_stop(prev) && i >= 2 && !cs[i - 2].1.is_ascii_digit();
        let two = (prev == c && c != '。')
            || (is_stop(prev) && prev != c && !matches!((prev, c), ('？', '！') | ('！', '？')))
            || half;
        if two {
            // `。。` is an ASCII-ish ellipsis (W0711).
            out.push(problems::doubled_stop(prev_at..at, prev, c));
        } else if matches!(prev, '（' | '《' | '“' | '‘' | '〔' | '【') {
            out.push(problems::stop_after_opening(at, prev, c));
        }
    }
}

/// A half-width stop that a full-width stop may follow by mistake (`完成.。`, `好!；`).
fn is_half_width_stop(c: char) -> bool {
    matches!(c, ',' | '.' | ';' | ':' | '?' | '!')
}

/// P14: no space around full-width punctuation (`法治 ，` → `法治，`).
fn spaces_around_marks(text: &str, out: &mut Vec<Finding>) {
    const BEFORE: &str = "，。、；：？！）》”’〕】";
    const AFTER: &str = "（《“‘〔【，。、；：？！";
    let cs = chars(text);
    let mut i = 0;
    while i < cs.len() {
        if !matches!(cs[i].1, ' ' | '\u{3000}') {
            i += 1;
            continue;
        }
        let start = i;
        while i < cs.len() && matches!(cs[i].1, ' ' | '\u{3000}') {
            i += 1;
        }
        let prev = start.checked_sub(1).map(|j| cs[j].1);
        let next = cs.get(i).map(|&(_, c)| c);
        // Only between Chinese text and a full-width mark (not at a line's start: indentation).
        let touches = next.is_some_and(|c| BEFORE.contains(c))
            && prev.is_some_and(|c| is_han(c) || AFTER.contains(c) || BEFORE.contains(c))
            || prev.is_some_and(|c| AFTER.contains(c))
                && next.is_some_and(|c| is_han(c) || c.is_ascii_digit());
        if touches {
            out.push(problems::space_beside_mark(
                cs[start].0..end_of(&cs, i, text),
            ));
        }
    }
}

/// The value of a Han numeral (一 to 九千九百九十九), when the text is one.
fn han_value(numeral: &str) -> Option<u64> {
    let digit = |c: char| han_digit(c).or((c == '两').then_some(2));
    let mut total = 0u64;
    let mut current = 0u64;
    let mut any = false;
    for c in numeral.chars() {
        any = true;
        match c {
            '十' => {
                total += current.max(1) * 10;
                current = 0;
            }
            '百' => {
                total += current.max(1) * 100;
                current = 0;
            }
            '千' => {
                total += current.max(1) * 1000;
                current = 0;
            }
            '零' => {}
            c => current = digit(c)?,
        }
    }
    any.then_some(total + current)
}

/// N1: counts are written in Arabic numerals (`十五场` → `15场`). A count of ten or more in
/// Han numerals is flagged (with the fix), unless it is an ordinal (第十二), a fixed term in
/// quotation marks (“十四五”), or an approximation (十余场, 十几个). N5: a small count in Han
/// numerals beside an Arabic count of the same measure word in one paragraph (`三场……15场`).
fn han_counts(text: &str, out: &mut Vec<Finding>) {
    for (offset, paragraph) in paragraphs(text) {
        let cs = chars(paragraph);
        let mut quoted = 0usize;
        let mut i = 0;
        while i < cs.len() {
            match cs[i].1 {
                '“' | '《' => quoted += 1,
                '”' | '》' => quoted = quoted.saturating_sub(1),
                _ => {}
            }
            if !is_count_numeral(cs[i].1) || quoted > 0 {
                i += 1;
                continue;
            }
            let start = i;
            while i < cs.len() && is_count_numeral(cs[i].1) {
                i += 1;
            }
            let Some(&(_, measure)) = cs.get(i) else {
                break;
            };
            let prev = start.checked_sub(1).map(|j| cs[j].1);
            if !is_measure(measure) || prev == Some('第') {
                continue;
            }
            let numeral: String = cs[start..i].iter().map(|&(_, c)| c).collect();
            let Some(value) = han_value(&numeral) else {
                continue;
            };
            let at = offset + cs[start].0..offset + end_of(&cs, i, paragraph);
            if value >= 10 {
                out.push(problems::han_count(at, &numeral, measure, value));
            } else if numeral.chars().count() == 1 {
                // A small count in Han beside an Arabic one of the same measure word.
                let arabic_same = cs
                    .windows(2)
                    .any(|w| w[0].1.is_ascii_digit() && w[1].1 == measure);
                let next = cs.get(i + 1).map(|&(_, c)| c);
                // 一是, 三项制度, 两个维护 …: fixed terms keep their Han numerals.
                let fixed = next.is_some_and(|c| "制工维意要重大一".contains(c))
                    || measure == '项' && next == Some('制');
                if arabic_same && !fixed {
                    out.push(problems::mixed_count(at, &numeral, measure, value));
                }
            }
        }
    }
}

/// Paragraphs of a text with their byte offsets.
fn paragraphs(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices("\n\n") {
        out.push((start, &text[start..i]));
        start = i + 2;
    }
    out.push((start, &text[start..]));
    out
}

/// N7: a range of values with 万, 亿 or % repeats it on both ends (`20～30万元` → `20万～30万元`).
fn range_units(text: &str, out: &mut Vec<Finding>) {
    let cs = chars(text);
    for run in digit_runs(&cs) {
        let Some(&(tilde_at, '～')) = cs.get(run.end) else {
            continue;
        };
        let second = &cs[run.end + 1..];
        let digits = second
            .iter()
            .take_while(|&&(_, c)| c.is_ascii_digit())
            .count();
        if digits == 0 {
            continue;
        }
        let Some(&(_, unit)) = second.get(digits) else {
            continue;
        };
        if matches!(unit, '万' | '亿' | '%') {
            let low: String = cs[run.clone()].iter().map(|&(_, c)| c).collect();
            let high: String = second[..digits].iter().map(|&(_, c)| c).collect();
            let at = tilde_at..tilde_at + '～'.len_utf8();
            out.push(problems::range_unit(at, unit, &low, &high));
        }
    }
}

/// N9: approximations are not stacked: `约300余人`, `近300多人`, `约300人左右`.
fn stacked_approximations(text: &str, out: &mut Vec<Finding>) {
    let cs = chars(text);
    for run in digit_runs(&cs) {
        let Some(prev) = run.start.checked_sub(1).map(|i| cs[i].1) else {
            continue;
        };
        if !matches!(prev, '约' | '近') {
            continue;
        }
        let rest: String = cs[run.end..].iter().take(6).map(|&(_, c)| c).collect();
        let stacked = rest.starts_with('余')
            || rest.starts_with('多')
            || rest.chars().take(3).collect::<String>().contains("左右");
        if stacked {
            let at = cs[run.start - 1].0;
            out.push(problems::stacked_approximation(
                at..end_of(&cs, run.end + 1, text),
            ));
        }
    }
}

/// D8: a document is cited as 《标题》（文号）: a 文号 written before its title, or after it
/// without brackets, is flagged.
fn citations(text: &str, out: &mut Vec<Finding>) {
    for (open, _) in text.match_indices('〔') {
        // The 文号 around this 〔: its 代字 before, up to 号 after.
        let Some(close) = text[open..].find("号").map(|i| open + i + "号".len()) else {
            continue;
        };
        if text[open..close].chars().count() > 12 {
            continue;
        }
        let start = text[..open]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_han(c))
            .last()
            .map_or(open, |(i, _)| i);
        if start == open {
            continue;
        }
        let before = text[..start].chars().next_back();
        let after = text[close..].chars().next();
        let badly = (before == Some('》') && after != Some('）'))
            || (after == Some('《') && before != Some('（'));
        if badly {
            out.push(problems::citation_order(start..close));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::Code;

    fn codes(text: &str) -> (Vec<Code>, String) {
        let mut out = Vec::new();
        lint(text, &mut out);
        out.sort_by_key(|f| f.range.start);
        let mut fixed = text.to_string();
        for f in out.iter().rev() {
            if let Some(r) = &f.fix {
                fixed.replace_range(f.range.clone(), r);
            }
        }
        (out.iter().map(|f| f.code).collect(), fixed)
    }

    #[test]
    fn each_rule_finds_its_mistake_and_fixes_what_is_safe() {
        let cases: &[(&str, &[Code], &str)] = &[
            (
                "《某某规划（2021-2025年）》",
                &[Code::W0714],
                "《某某规划（2021—2025年）》",
            ),
            ("参加培训20-30人。", &[Code::W0714], "参加培训20～30人。"),
            ("编制《规划（20212025年）》", &[Code::W0715], ""),
            ("20年以来，我镇", &[Code::W0716], ""),
            ("。2023我镇", &[Code::W0716], "。2023年，我镇"),
            ("开展三、四次", &[Code::W0717], "开展三四次"),
            ("用时3、5天", &[Code::W0717], "用时三五天"),
            ("每月2、3次", &[Code::W0717], "每月两三次"),
            ("开展“学习“八五”普法”活动", &[Code::W0718], ""),
            ("推进，，落实", &[Code::W0719], "推进，落实"),
            ("推进，。", &[Code::W0719], "推进。"),
            ("很好！；再", &[Code::W0719], "很好；再"),
            ("完成.。", &[Code::W0719], "完成。"),
            ("投入5～8万元", &[Code::W0723], "投入5万～8万元"),
            ("法治 ，建设", &[Code::W0720], "法治，建设"),
            ("举办十五场", &[Code::W0721], "举办15场"),
            (
                "举办三场讲座、15场咨询",
                &[Code::W0722],
                "举办3场讲座、15场咨询",
            ),
            ("投入20～30万元", &[Code::W0723], "投入20万～30万元"),
            ("约300余人", &[Code::W0724], ""),
            ("落实某府发〔2021〕5号《实施方案》", &[Code::W0725], ""),
        ];
        for (text, want, fixed) in cases {
            let (found, after) = codes(text);
            assert_eq!(&found, want, "{text}");
            if !fixed.is_empty() {
                assert_eq!(&after, fixed, "{text}");
            }
            // What a fixable finding's hint quotes is what the fix writes.
            let mut out = Vec::new();
            lint(text, &mut out);
            for f in out.iter().filter(|f| f.fix.is_some()) {
                let hint = f.hint.as_ref().expect("a fixable finding has a hint");
                if let Some((quoted, _)) = hint
                    .zh
                    .split_once('“')
                    .and_then(|(_, r)| r.rsplit_once('”'))
                {
                    assert!(after.contains(quoted), "{text}: “{quoted}” vs {after}");
                }
            }
        }
    }

    /// Correct text draws nothing: the good examples, the fixed terms, codes and dates.
    #[test]
    fn correct_text_draws_nothing() {
        for text in [
            "《某某规划（2021—2025年）》",
            "参加培训20～30人，2021-01-10召开，电话023-12345678。",
            "2020年以来，近10年来，每10年一次，第20年。",
            "2023年，我镇在2023年度……",
            "开展三四次，第一、二季度，一、二、三级，第1、2项，2、3月份",
            "开展“学习‘八五’普法”活动",
            "推进？！落实……，版本3.0。",
            "法治，建设",
            "举办15场，十余场，十几个，第十五届，“十四五”规划，党的二十大",
            "落实三项制度，一村一法律顾问，第一责任人，一是加强，两个维护，四个意识，三场讲座",
            "投入20万～30万元，15%～30%",
            "约300人，300余人，近300人",
            "认真落实《实施方案》（某府发〔2021〕5号），潼委法〔2020〕2号",
        ] {
            let (found, _) = codes(text);
            assert!(found.is_empty(), "{text}: {found:?}");
        }
    }
}
