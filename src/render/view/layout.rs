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
    for (i, item) in items.iter().enumerate() {
        let item = item
            .as_ref()
            .trim()
            .trim_end_matches(['。', '；', ';', '，', ',']);
        if i > 0 {
            out.push('；');
        }
        out.push_str(&crate::render::numerals::chinese_numeral(i as u64 + 1));
        out.push('是');
        out.push_str(item);
    }
    if !out.is_empty() {
        out.push('。');
    }
    out
}

/// The report's title: as given, or `<unit>关于<year>年法治政府建设工作的报告`.
pub fn title(report: &Report) -> String {
    let r = &report.report;
    r.title
        .clone()
        .unwrap_or_else(|| format!("{}关于{}年法治政府建设工作的报告", r.unit.name, r.year))
}

/// Right indents (in em) of the 署名 and the 成文日期 without a seal (GB/T 9704 7.3.5.2):
/// the 署名 sits two characters from the right; the date starts two characters right of the
/// 署名's start; when the date is the longer, it ends two characters from the right and the
/// 署名 moves left to keep that relation.
pub fn signoff_indents(signer: &str, date: &str) -> (f64, f64) {
    let em = |s: &str| s.width() as f64 / 2.0;
    let (signer_w, date_w) = (em(signer), em(date));
    let date_indent = signer_w - date_w;
    if date_indent >= 2.0 {
        (2.0, date_indent)
    } else {
        (date_w + 4.0 - signer_w, 2.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
