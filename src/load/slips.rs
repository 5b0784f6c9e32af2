//! Slips of a Chinese keyboard in a data file, found as such. When the TOML parser stops on a
//! line, the line is read for the slip that most often causes it — a full-width ＝ or space
//! from the input method, the input method's quotes “…”, its ： for `=` and its ， between the
//! items of a list, a number typed with its unit — so that the message names the slip and what
//! to type instead (worded in `problems.rs`), rather than the parser's words.

use std::ops::Range;

/// A slip of the input method, with what the words about it need.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Slip<'a> {
    /// `value　＝ 24`: a full-width ＝ (and maybe a full-width space) after `key`.
    FullWidthEquals { key: &'a str, space: bool },
    /// A full-width space in the line.
    FullWidthSpace,
    /// `name = “法治讲座”`: the text in the input method's quotes.
    ChineseQuotes { key: &'a str, text: &'a str },
    /// `value：12`: a colon where `=` belongs.
    ColonForEquals { key: &'a str, value: &'a str },
    /// `["进机关"，"进乡村"]`: a Chinese comma or 顿号 between the items of a list.
    CommaInList,
    /// A value typed as a report prints it.
    Value(ValueSlip<'a>),
}

/// A value typed as a report prints it, which TOML cannot read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ValueSlip<'a> {
    /// `value = 24场`, `3000余册`, `约300`, `95%`, `１２`, `3,000`: a number typed with its unit,
    /// its qualifier's word or in the input method's digits.
    NumberWithWords {
        key: &'a str,
        value: &'a str,
        /// The digits as typed (full-width ones, thousands' commas and all).
        number: &'a str,
        /// The unit after the number and its qualifier's word (may be empty).
        unit: &'a str,
        /// The qualifier's word and its key (`余`, `over`).
        qualifier: Option<(&'a str, &'a str)>,
    },
    /// `date = 2024年1月18日`: a date as a report prints it.
    ChineseDate {
        key: &'a str,
        year: &'a str,
        month: &'a str,
        day: &'a str,
    },
    /// `value = 12，`: a mark after the value (each value has its own line).
    MarkAfterValue { key: &'a str, value: &'a str },
    /// `signer = 太安镇人民政府`: a text without quotes.
    UnquotedText { key: &'a str, text: &'a str },
}

/// The slip on `line`, and its byte range in the line (the ＝, the space, the quoted text,
/// the colon, the comma, the number with its unit).
pub(super) fn slip_on(line: &str) -> Option<(Slip<'_>, Range<usize>)> {
    if let Some(found) = colon_for_equals(line) {
        return Some(found);
    }
    let (key, value) = split_assignment(line.trim())?;
    // A comment after the value is not part of it (the slips are all outside straight quotes).
    let value = value.split(" #").next().unwrap_or(value).trim_end();
    let name = key
        .trim_end_matches(['=', '＝'])
        .trim_matches([' ', '\u{3000}']);
    let whole = |slip| Some((slip, line.find(value)?, value.len()));
    let (slip, at, len) = if key.ends_with('＝') {
        let space = key.contains('\u{3000}');
        let slip = Slip::FullWidthEquals { key: name, space };
        (slip, line.find('＝')?, '＝'.len_utf8())
    } else if key.contains('\u{3000}') {
        (
            Slip::FullWidthSpace,
            line.find('\u{3000}')?,
            '\u{3000}'.len_utf8(),
        )
    } else if let Some(text) = chinese_quotes(value) {
        whole(Slip::ChineseQuotes { key: name, text })?
    } else if let Some(comma) = comma_in_list(value) {
        let at = line.find(value)? + comma;
        (Slip::CommaInList, at, line[at..].chars().next()?.len_utf8())
    } else if let Some(before) = value.strip_suffix(['，', ',', '。', '；', ';', '、']) {
        let slip = Slip::Value(ValueSlip::MarkAfterValue {
            key: name,
            value: before,
        });
        let at = line.find(value)? + before.len();
        (slip, at, value.len() - before.len())
    } else {
        whole(
            chinese_date(name, value)
                .or_else(|| number_with_words(name, value))
                .or_else(|| unquoted_text(name, value))?,
        )?
    };
    Some((slip, at..at + len))
}

/// `key = value` at the first `=` or `＝` outside a string: the key and the value, trimmed.
fn split_assignment(line: &str) -> Option<(&str, &str)> {
    let at = line.find(['=', '＝'])?;
    if line[..at].contains(['"', '\'', '“']) {
        return None;
    }
    let sign = line[at..].chars().next()?.len_utf8();
    Some((&line[..at + sign], line[at + sign..].trim()))
}

/// The text of a value in the input method's quotes.
fn chinese_quotes(value: &str) -> Option<&str> {
    let text = value
        .strip_prefix(['“', '”', '‘', '’'])?
        .trim_end_matches(['“', '”', '‘', '’', '"', '\'']);
    Some(text)
}

/// `value：12`: a bare key, then ： or : (and no `=` in the line).
fn colon_for_equals(line: &str) -> Option<(Slip<'_>, Range<usize>)> {
    let trimmed = line.trim_start();
    let key_len = trimmed
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))
        .filter(|&n| n > 0)?;
    let rest = &trimmed[key_len..];
    let colon = rest.trim_start_matches([' ', '\u{3000}']);
    if !colon.starts_with(['：', ':']) || trimmed.contains(['=', '＝']) {
        return None;
    }
    let sign = colon.chars().next()?.len_utf8();
    let slip = Slip::ColonForEquals {
        key: &trimmed[..key_len],
        value: colon[sign..].trim(),
    };
    let at = line.len() - colon.len();
    Some((slip, at..at + sign))
}

/// The byte offset in a list `value` of the first ， or 、 outside the items' quotes.
fn comma_in_list(value: &str) -> Option<usize> {
    if !value.starts_with('[') {
        return None;
    }
    let mut quoted = false;
    value.char_indices().find_map(|(i, c)| match c {
        '"' => {
            quoted = !quoted;
            None
        }
        '，' | '、' if !quoted => Some(i),
        _ => None,
    })
}

/// The qualifiers' words: before the number, right after it, at the end.
const WORDS_BEFORE: [(&str, &str); 3] = [("约", "about"), ("近", "nearly"), ("不足", "under")];
const WORDS_AFTER: [(&str, &str); 2] = [("余", "over"), ("多", "more")];
const WORDS_AT_END: [(&str, &str); 1] = [("以上", "at_least")];

/// Whether a character belongs to a number as a clerk types it: a digit (full-width too), a
/// point, a thousands' comma.
fn in_number(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c) || matches!(c, '.' | '．' | ',')
}

/// `24场`, `3000余册`, `约300人`, `95%以上`, `１２`, `3,000`: a number with words around it
/// that TOML cannot read, or typed in digits it cannot read. A plain number is no slip.
fn number_with_words<'a>(key: &'a str, value: &'a str) -> Option<Slip<'a>> {
    let (mut qualifier, rest) = match WORDS_BEFORE.iter().find(|(w, _)| value.starts_with(w)) {
        Some(&(word, q)) => (Some((word, q)), &value[word.len()..]),
        None => (None, value),
    };
    let digits = rest.find(|c: char| !in_number(c)).unwrap_or(rest.len());
    let (number, mut unit) = rest.split_at(digits);
    if !number.starts_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c)) {
        return None;
    }
    if let Some(&(word, q)) = WORDS_AFTER.iter().find(|(w, _)| unit.starts_with(w)) {
        qualifier = qualifier.or(Some((word, q)));
        unit = &unit[word.len()..];
    }
    if let Some(&(word, q)) = WORDS_AT_END.iter().find(|(w, _)| unit.ends_with(w)) {
        qualifier = qualifier.or(Some((word, q)));
        unit = &unit[..unit.len() - word.len()];
    }
    let plain = number.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    let unit_is_words = unit.chars().all(|c| !c.is_ascii() || matches!(c, '%'));
    if !unit_is_words || plain && unit.is_empty() && qualifier.is_none() {
        return None;
    }
    Some(Slip::Value(ValueSlip::NumberWithWords {
        key,
        value,
        number,
        unit,
        qualifier,
    }))
}

/// `2024年1月18日`: a date as a report prints it.
fn chinese_date<'a>(key: &'a str, value: &'a str) -> Option<Slip<'a>> {
    let (year, rest) = value.split_once('年')?;
    let (month, rest) = rest.split_once('月')?;
    let day = rest.strip_suffix('日')?;
    let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    (digits(year, 4..=4) && digits(month, 1..=2) && digits(day, 1..=2)).then_some(Slip::Value(
        ValueSlip::ChineseDate {
            key,
            year,
            month,
            day,
        },
    ))
}

/// `太安镇人民政府`, `township`: words without quotes (not a number, a date, `true`, a list
/// or a table, which TOML reads bare).
fn unquoted_text<'a>(key: &'a str, value: &'a str) -> Option<Slip<'a>> {
    let first = value.chars().next()?;
    let bare = matches!(value, "true" | "false" | "inf" | "nan");
    (first.is_alphabetic() && !bare)
        .then_some(Slip::Value(ValueSlip::UnquotedText { key, text: value }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(line: &str) -> Option<(String, String)> {
        slip_on(line).map(|(slip, _)| {
            let (message, hint) = super::super::problems::slip_words(slip);
            (message.zh, hint.zh)
        })
    }

    #[test]
    fn each_slip_is_named_with_what_to_type() {
        let (message, hint) = said("value　＝ 24").unwrap();
        assert!(
            message.contains("全角等号") && message.contains("全角空格"),
            "{message}"
        );
        assert!(hint.contains("`value = …`"), "{hint}");
        let (message, _) = said("value　= 24").unwrap();
        assert!(message.contains("全角空格"), "{message}");
        let (message, hint) = said("name = “法治讲座”").unwrap();
        assert!(message.contains("中文引号"), "{message}");
        assert!(hint.contains("`name = \"法治讲座\"`"), "{hint}");
        let (message, hint) = said("value = 24场").unwrap();
        assert!(message.contains("24场"), "{message}");
        assert!(
            hint.contains("`value = 24`") && hint.contains("`unit = \"场\"`"),
            "{hint}"
        );
        let (_, hint) = said("value = 98.5% # 合格率").unwrap();
        assert!(
            hint.contains("`value = 98.5`") && hint.contains("`unit = \"%\"`"),
            "{hint}"
        );
        // A qualifier's word goes in `qualifier`, never in `unit`.
        let (_, hint) = said("value = 3000余册").unwrap();
        assert!(
            hint.contains("`value = 3000`")
                && hint.contains("`qualifier = \"over\"`")
                && hint.contains("`unit = \"册\"`"),
            "{hint}"
        );
        let (_, hint) = said("value = 约3000").unwrap();
        assert!(
            hint.contains("`value = 3000`") && hint.contains("`qualifier = \"about\"`"),
            "{hint}"
        );
        assert!(!hint.contains("unit"), "{hint}");
        let (_, hint) = said("value = 95%以上").unwrap();
        assert!(hint.contains("`qualifier = \"at_least\"`"), "{hint}");
        let (_, hint) = said("value = １２").unwrap();
        assert!(hint.contains("`value = 12`"), "{hint}");
        let (_, hint) = said("value = 3,000").unwrap();
        assert!(hint.contains("`value = 3000`"), "{hint}");
        let (message, hint) = said("date = 2024年1月18日").unwrap();
        assert!(message.contains("日期"), "{message}");
        assert!(hint.contains("`date = 2024-01-18`"), "{hint}");
        let (message, hint) = said("signer = 太安镇人民政府").unwrap();
        assert!(
            message.contains("英文双引号") && !message.contains("单引号"),
            "{message}"
        );
        assert!(hint.contains("`signer = \"太安镇人民政府\"`"), "{hint}");
        let (_, hint) = said("value = 12，").unwrap();
        assert!(hint.contains("`value = 12`"), "{hint}");
        // Mixed quotes: the straight one at the end is not part of the text.
        let (_, hint) = said("signer = “某某乡人民政府\"").unwrap();
        assert!(hint.contains("`signer = \"某某乡人民政府\"`"), "{hint}");
        let (message, hint) = said("value：12").unwrap();
        assert!(message.contains("冒号"), "{message}");
        assert!(hint.contains("`value = 12`"), "{hint}");
        let (message, _) = said("campaigns = [\"进机关\"，\"进乡村\"]").unwrap();
        assert!(message.contains("中文逗号"), "{message}");
    }

    #[test]
    fn the_slip_is_pointed_at() {
        fn at(line: &str) -> Option<&str> {
            slip_on(line).map(|(_, at)| &line[at])
        }
        assert_eq!(at("value　＝ 24"), Some("＝"));
        assert_eq!(at("  value　= 24"), Some("\u{3000}"));
        assert_eq!(at("name = “法治讲座”"), Some("“法治讲座”"));
        assert_eq!(at("value = 24场 # 讲座"), Some("24场"));
        assert_eq!(at("value ： 12"), Some("："));
        assert_eq!(at("campaigns = [\"进机关\"、\"进乡村\"]"), Some("、"));
    }

    #[test]
    fn lines_without_a_slip_are_left_to_the_parser() {
        for line in [
            "value = 24",
            "name = \"他说“好”\"",
            "text = \"24场\"",
            "[counts.x]",
            "date = 2024-01-15",
            "\"键＝\" = 1",
            "campaigns = [\"进机关，进乡村\"]",
            "text = \"时间：全年\"",
            "# 说明：写数字",
            "value = 12",
            "value = 98.5",
            "flag = true",
            "items = [1, 2]",
            "x = { a = 1 }",
        ] {
            assert_eq!(said(line), None, "{line}");
        }
    }
}
