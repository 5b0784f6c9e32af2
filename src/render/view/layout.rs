//! Titles, stops, and where the sign-off sits on the page.

use unicode_width::UnicodeWidthStr;

use crate::model::Report;

/// Whether a heading or sentence already ends with a stop (so no 。 is added).
pub(super) fn ends_with_stop(text: &str) -> bool {
    text.trim_end()
        .ends_with(['。', '：', '；', '？', '！', '…', '.', ':'])
}

pub(super) fn join_paragraphs(parts: Vec<String>) -> String {
    parts
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Points as one paragraph: `一是……；二是……；三是……。` (each point's own closing stop is
/// dropped; the paragraph ends with 。).
pub fn points<S: AsRef<str>>(items: &[S]) -> String {
    let mut out = String::new();
    let mut end = '。';
    for (i, item) in items.iter().enumerate() {
        let item = item.as_ref().trim();
        let body =
            item.trim_end_matches(['。', '；', ';', '，', ',', '、', '.', '！', '？', '!', '?']);
        // A point that ends in ！ or ？ keeps it at the end of the sentence; inside, the
        // 分号 that separates the points takes its place.
        end = match item[body.len()..].chars().find(|c| "！？!?".contains(*c)) {
            Some('！' | '!') => '！',
            Some('？' | '?') => '？',
            _ => '。',
        };
        if i > 0 {
            out.push('；');
        }
        out.push_str(&crate::text::numerals::chinese_numeral(i as u64 + 1));
        out.push('是');
        out.push_str(body);
    }
    if !out.is_empty() {
        out.push(end);
    }
    out
}

/// Characters of 2号 type (the title's) on a line of the 156 mm 版心: 28 of 3号 fit, so 20 of
/// 2号 (22 pt against 16 pt).
pub const TITLE_LINE_CHARS: usize = 20;

/// The title as printed, in lines (GB/T 9704-2012 7.3.1: 回行时要做到词意完整，排列对称，长短
/// 适宜). Lines given in the data (a line break in `title`) are kept as given. A title longer
/// than a line is broken where its words allow — after the unit's name, before 关于, after the
/// year, before 法治政府 — choosing the break that makes the lines most even (a trapezoid,
/// the shorter line first when two are as even), never inside a word; a title too long for two
/// lines is broken again.
pub fn title_lines(title: &str, unit: &str) -> Vec<String> {
    if title.contains('\n') {
        return title
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect();
    }
    let chars: Vec<char> = title.trim().chars().collect();
    break_title(&chars, unit, 0)
}

fn break_title(chars: &[char], unit: &str, depth: usize) -> Vec<String> {
    let n = chars.len();
    let text: String = chars.iter().collect();
    if n <= TITLE_LINE_CHARS || depth > 3 {
        return vec![text];
    }
    // Places a line may end (as character counts).
    let mut breaks: Vec<usize> = Vec::new();
    let at = |needle: &str| -> Vec<usize> {
        text.match_indices(needle)
            .map(|(byte, _)| text[..byte].chars().count())
            .collect()
    };
    if !unit.is_empty() && text.starts_with(unit) {
        breaks.push(unit.chars().count());
    }
    breaks.extend(at("关于"));
    for year_end in ["年度", "年"] {
        breaks.extend(
            at(year_end)
                .into_iter()
                .map(|i| i + year_end.chars().count()),
        );
    }
    breaks.extend(at("法治政府"));
    breaks.extend(at("的报告"));
    breaks.retain(|&b| b > 0 && b < n);
    breaks.sort_unstable();
    breaks.dedup();
    // A year is not split from its 年, nor 年 from 度.
    breaks.retain(|&b| {
        let (before, after) = (chars[b - 1], chars[b]);
        !(before.is_ascii_digit() || (before == '年' && after == '度'))
    });
    let best = breaks.iter().copied().min_by_key(|&b| {
        let (first, second) = (b, n - b);
        let over = first.saturating_sub(TITLE_LINE_CHARS) + second.saturating_sub(TITLE_LINE_CHARS);
        // Fitting first, then even, then the shorter line first.
        (over, first.abs_diff(second), usize::from(first > second))
    });
    match best {
        Some(b) => {
            let mut lines = break_title(&chars[..b], unit, depth + 1);
            lines.extend(break_title(&chars[b..], unit, depth + 1));
            lines
        }
        None => vec![text],
    }
}

/// The report's title: as given, or `<unit>关于<year>年法治政府建设工作的报告`.
pub fn title(report: &Report) -> String {
    let r = &report.report;
    r.title
        .clone()
        .unwrap_or_else(|| crate::model::report::default_title(&r.unit.name, r.year))
}

/// Right indents (in em) of the 署名 and the 成文日期 without a seal (GB/T 9704 7.3.5.2):
/// the 署名 sits two characters from the right; the date starts two characters right of the
/// 署名's start; when the date is the longer, it ends two characters from the right and the
/// 署名 moves left to keep that relation. Neither indent pushes its line past the 28
/// characters of the type area: a 署名 too long for that relation keeps the date on one line.
pub fn signoff_indents(signer: &str, date: &str) -> (f64, f64) {
    let em = |s: &str| s.width() as f64 / 2.0;
    let (signer_w, date_w) = (em(signer), em(date));
    let signer_indent = if signer_w - date_w >= 2.0 {
        2.0
    } else {
        date_w + 4.0 - signer_w
    };
    let signer_indent = signer_indent.min(LINE_CHARS - signer_w).max(0.0);
    // The date starts two characters right of where the 署名 starts.
    let date_indent = (signer_indent + signer_w - 2.0 - date_w)
        .min(LINE_CHARS - date_w)
        .max(0.0);
    (signer_indent, date_indent)
}

/// Characters in a line of the type area (GB/T 9704: 28 a line).
const LINE_CHARS: f64 = 28.0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_end_once_and_obey_the_rules() {
        let cases: &[(&[&str], &str)] = &[
            (
                &["深化改革。", "推进执法；"],
                "一是深化改革；二是推进执法。",
            ),
            (&["要不要改？", "必须改！"], "一是要不要改；二是必须改！"),
            (&["升级至3.0.", "完成!"], "一是升级至3.0；二是完成！"),
            (&["甲，", "乙、"], "一是甲；二是乙。"),
        ];
        for (items, said) in cases {
            let text = points(items);
            assert_eq!(text, *said);
            assert!(crate::validate::lint(&text).is_empty(), "{text}");
        }
    }

    #[test]
    fn long_titles_break_between_words_and_evenly() {
        let lines = |t: &str, unit: &str| title_lines(t, unit);
        // Short enough: one line.
        assert_eq!(
            lines("某某县法治政府建设情况报告", "某某县"),
            ["某某县法治政府建设情况报告"]
        );
        // 21 characters: after the year, 10 and 11, the shorter first.
        assert_eq!(
            lines("太安镇关于2020年法治政府建设工作的报告", "太安镇"),
            ["太安镇关于2020年", "法治政府建设工作的报告"]
        );
        assert_eq!(
            lines(
                "某某市某某区人民政府关于2023年度法治政府建设情况的报告",
                "某某市某某区人民政府"
            ),
            ["某某市某某区人民政府关于2023年度", "法治政府建设情况的报告"]
        );
        // Never inside a word: every line ends at a break the words allow.
        for line in lines(
            "2023年某某自治县人民政府办公室法治政府建设情况报告",
            "某某自治县人民政府办公室",
        ) {
            assert!(line.chars().count() <= TITLE_LINE_CHARS, "{line}");
        }
        // Lines given in the data are kept.
        assert_eq!(
            lines(
                "某某区人民政府\n关于2023年度法治政府建设情况的报告",
                "某某区"
            ),
            ["某某区人民政府", "关于2023年度法治政府建设情况的报告"]
        );
    }

    #[test]
    fn signoff_follows_gbt_9704() {
        // 署名 longer than the date: 署名 右空二字, date starts two characters further right.
        assert_eq!(
            signoff_indents("某某县人民政府办公室", "2021年1月10日"),
            (2.0, 3.5)
        );
        // Date longer: date 右空二字, 署名 moved left.
        assert_eq!(
            signoff_indents("太安镇人民政府", "2021年1月10日"),
            (3.5, 2.0)
        );
        // A 署名 of 27 or 28 characters: it moves right to fit its line, and the date still
        // starts two characters right of it (column 2 of 28, 6.5 characters wide).
        // (27 + 1 = 28 and 28 + 0 = 28; 19.5 + 6.5 = 26.)
        for (n, signer) in [(27, 1.0), (28, 0.0)] {
            assert_eq!(
                signoff_indents(&"某".repeat(n), "2021年1月10日"),
                (signer, 19.5)
            );
        }
        // Longer than the line: the date still fits its line.
        let (_, date) = signoff_indents(&"某".repeat(40), "2021年1月10日");
        assert!(date + 6.5 <= 28.0, "{date}");
    }
}
