//! Slips of a Chinese keyboard in a data file, said as such. When the TOML parser stops on a
//! line, the line is read for the slip that most often causes it — a full-width ＝ or space
//! from the input method, the input method's quotes “…”, its ： for `=` and its ， between the
//! items of a list, a number typed with its unit — and
//! the message names the slip and what to type instead, rather than the parser's words.

use crate::diagnostic::Text;

/// What the slip on `line` is, and what to type instead: a message, a hint, and the byte
/// range of the slip in the line (the ＝, the space, the quoted text, the unit).
pub(super) fn slip_on(line: &str) -> Option<(Text, Text, std::ops::Range<usize>)> {
    if let Some(found) = colon_for_equals(line) {
        return Some(found);
    }
    let (key, value) = split_assignment(line.trim())?;
    // A comment after the value is not part of it (the slips are all outside straight quotes).
    let value = value.split(" #").next().unwrap_or(value).trim_end();
    let whole = |said| Some((said, line.find(value)?, value.len()));
    let (said, at, len) = if let Some(said) = full_width_equals(key) {
        (said, line.find('＝')?, '＝'.len_utf8())
    } else if let Some(said) = full_width_space(key) {
        (said, line.find('\u{3000}')?, '\u{3000}'.len_utf8())
    } else if let Some(said) = chinese_quotes(key, value) {
        whole(said)?
    } else if let Some((said, comma)) = comma_in_list(value) {
        let at = line.find(value)? + comma;
        (said, at, line[at..].chars().next()?.len_utf8())
    } else {
        whole(number_with_unit(key, value)?)?
    };
    let (message, hint) = said;
    Some((message, hint, at..at + len))
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

fn full_width_equals(key: &str) -> Option<(Text, Text)> {
    let name = key.trim_end_matches('＝').trim_matches([' ', '\u{3000}']);
    let space = key.contains('\u{3000}');
    key.ends_with('＝').then(|| {
        (
            Text::new(
                format!(
                    "a full-width ＝{} (typed by a Chinese input method) where `=` belongs",
                    if space { " and a full-width space" } else { "" }
                ),
                format!(
                    "此处是中文输入法打出的全角等号“＝”{}，应为英文等号 `=`",
                    if space { "和全角空格" } else { "" }
                ),
            ),
            Text::new(
                format!("switch the input method to English (Shift) and write `{name} = …`"),
                format!("请切换到英文输入法（按 `Shift` 键），写作 `{name} = …`"),
            ),
        )
    })
}

fn full_width_space(key: &str) -> Option<(Text, Text)> {
    key.contains('\u{3000}').then(|| {
        (
            Text::new(
                "a full-width space (typed by a Chinese input method) in the line",
                "此行有中文输入法打出的全角空格，TOML 只认英文空格",
            ),
            Text::new(
                "delete the full-width space, or type an ordinary space in English mode",
                "请删去全角空格，或切换到英文输入法后输入空格",
            ),
        )
    })
}

fn chinese_quotes(key: &str, value: &str) -> Option<(Text, Text)> {
    let text = value
        .strip_prefix(['“', '”', '‘', '’'])?
        .trim_end_matches(['“', '”', '‘', '’']);
    let key = key.trim_end_matches(['=', '＝']).trim();
    Some((
        Text::new(
            "the text is in Chinese quotes “…”; TOML takes only straight double quotes \"…\"",
            "文字用了中文引号“…”，TOML 只认英文双引号 \"…\"",
        ),
        Text::new(
            format!("switch the input method to English and write `{key} = \"{text}\"`"),
            format!("请切换到英文输入法，写作 `{key} = \"{text}\"`"),
        ),
    ))
}

/// `value：12`: the input method's colon where `=` belongs (a bare key, then ： or :).
fn colon_for_equals(line: &str) -> Option<(Text, Text, std::ops::Range<usize>)> {
    let trimmed = line.trim_start();
    let key_len = trimmed
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))
        .filter(|&n| n > 0)?;
    let rest = &trimmed[key_len..];
    let colon = rest.trim_start_matches([' ', '\u{3000}']);
    if !colon.starts_with(['：', ':']) || trimmed.contains(['=', '＝']) {
        return None;
    }
    let key = &trimmed[..key_len];
    let value = colon[colon.chars().next()?.len_utf8()..].trim();
    let at = line.len() - colon.len();
    let said = (
        Text::new(
            "a colon where `=` belongs (a key is followed by `=` in TOML)",
            "此处用了冒号，TOML 中键后应为英文等号 `=`",
        ),
        Text::new(
            format!("write `{key} = {value}`"),
            format!("写作 `{key} = {value}`"),
        ),
    );
    Some((said.0, said.1, at..at + colon.chars().next()?.len_utf8()))
}

/// `["进机关"，"进乡村"]`: the input method's ， or 、 between the items of a list, outside
/// their quotes; the byte offset of the first in `value`.
fn comma_in_list(value: &str) -> Option<((Text, Text), usize)> {
    if !value.starts_with('[') {
        return None;
    }
    let mut quoted = false;
    let at = value.char_indices().find_map(|(i, c)| match c {
        '"' => {
            quoted = !quoted;
            None
        }
        '，' | '、' if !quoted => Some(i),
        _ => None,
    })?;
    Some((
        (
            Text::new(
                "a Chinese comma between the items of a list; TOML takes only the English comma `,`",
                "列表各项之间用了中文逗号或顿号，TOML 只认英文逗号 `,`",
            ),
            Text::new(
                "switch the input method to English and separate the items with `,`: [\"甲\", \"乙\"]",
                "请切换到英文输入法，各项之间用英文逗号分隔：[\"甲\", \"乙\"]",
            ),
        ),
        at,
    ))
}

fn number_with_unit(key: &str, value: &str) -> Option<(Text, Text)> {
    let digits = value
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .filter(|&n| n > 0)?;
    let (number, unit) = value.split_at(digits);
    if !unit.chars().all(|c| !c.is_ascii()) || !number.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let key = key.trim_end_matches(['=', '＝']).trim();
    Some((
        Text::new(
            format!("`{value}`: a number is written without its unit"),
            format!("“{value}”带了单位：数值只写数字"),
        ),
        Text::new(
            format!("write `{key} = {number}`, and the unit in `unit = \"{unit}\"`"),
            format!("写作 `{key} = {number}`，单位写在 `unit = \"{unit}\"` 中"),
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(line: &str) -> Option<(String, String)> {
        slip_on(line).map(|(message, hint, _)| (message.zh, hint.zh))
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
            slip_on(line).map(|(_, _, at)| &line[at])
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
