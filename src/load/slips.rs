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
    /// `value = 24场`: a number typed with its unit.
    NumberWithUnit {
        key: &'a str,
        value: &'a str,
        number: &'a str,
        unit: &'a str,
    },
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
    } else {
        whole(number_with_unit(name, value)?)?
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
        .trim_end_matches(['“', '”', '‘', '’']);
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

/// `24场`: digits, then a unit in Chinese (a unit in ASCII, `98.5%`, is no slip of Chinese
/// typing).
fn number_with_unit<'a>(key: &'a str, value: &'a str) -> Option<Slip<'a>> {
    let digits = value
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .filter(|&n| n > 0)?;
    let (number, unit) = value.split_at(digits);
    if !unit.chars().all(|c| !c.is_ascii()) || !number.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some(Slip::NumberWithUnit {
        key,
        value,
        number,
        unit,
    })
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
        // A unit in ASCII (`%`) is not Chinese typing: left to the parser's words.
        assert_eq!(said("value = 98.5% # 合格率"), None);
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
        ] {
            assert_eq!(said(line), None, "{line}");
        }
    }
}
