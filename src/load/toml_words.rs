//! The TOML parser's messages in Chinese.
//!
//! `toml` reports a syntax error as `DESCRIPTION, expected A, B, …` (and a bad date as
//! `invalid WHAT, expected …`), where each expected item is a `literal` in backticks or a
//! short description. The parser has a fixed set of these phrases; each is translated here.
//! A phrase this table does not know (a newer parser) gives a general Chinese sentence rather
//! than English: with `--lang zh` the user reads no English.

/// The parser's descriptions of what went wrong, and their Chinese.
const DESCRIPTIONS: &[(&str, &str)] = &[
    ("`_` may only go between digits", "`_` 只能写在两个数字之间"),
    (
        "carriage return must be followed by newline",
        "回车符后须紧跟换行符",
    ),
    ("duplicate key", "重复的键"),
    ("recursion limit", "嵌套层数过多"),
    (
        "cannot recurse further; max recursion depth met",
        "嵌套层数过多",
    ),
    ("extra `=`", "多余的 `=`"),
    (
        "extra assignment between key-value pairs",
        "键值对之间多了赋值",
    ),
    ("extra comma in array", "列表中多了逗号"),
    ("extra comma in inline table", "内联表中多了逗号"),
    (
        "integers with a radix cannot be signed",
        "带进制前缀的整数不能有正负号",
    ),
    ("invalid basic string", "字符串无效"),
    ("invalid binary number", "二进制数无效"),
    ("invalid boolean", "布尔值无效（只能写 true 或 false）"),
    ("invalid comment character", "注释中有不允许的字符"),
    ("invalid date-time", "日期时间无效"),
    ("invalid exponent", "指数无效"),
    ("invalid float", "小数无效"),
    ("invalid fraction", "小数部分无效"),
    ("invalid hexadecimal number", "十六进制数无效"),
    ("invalid inline table element", "内联表的元素无效"),
    ("invalid integer number", "整数无效"),
    ("invalid key", "键无效"),
    ("invalid key-value pair", "键值对无效"),
    ("invalid literal string", "单引号字符串无效"),
    ("invalid mantissa", "数字无效"),
    ("invalid multi-line basic string", "多行字符串无效"),
    ("invalid multi-line literal string", "多行单引号字符串无效"),
    ("invalid octal number", "八进制数无效"),
    ("invalid string", "字符串无效"),
    ("invalid table", "表无效"),
    ("invalid unquoted key", "不加引号的键中有不允许的字符"),
    ("invalid value", "值无效"),
    ("key with no value", "键后面没有值"),
    (
        "keys cannot be multi-line basic strings",
        "键不能是多行字符串",
    ),
    (
        "keys cannot be multi-line literal strings",
        "键不能是多行字符串",
    ),
    ("missing array opening", "列表缺少开头的 `[`"),
    (
        "missing assignment between key-value pairs",
        "键和值之间缺少 `=`",
    ),
    (
        "missing comma between array elements",
        "列表元素之间缺少逗号",
    ),
    (
        "missing comma between key-value pairs",
        "键值对之间缺少逗号",
    ),
    ("missing comment start", "注释缺少开头的 `#`"),
    ("missing escaped value", "转义符 `\\` 后缺少内容"),
    ("missing inline table opening", "内联表缺少开头的 `{`"),
    ("missing key for inline table element", "内联表的元素缺少键"),
    ("missing opening quote", "缺少开头的引号"),
    ("missing table open", "表缺少开头的 `[`"),
    ("missing value for key", "键缺少值"),
    ("missing value", "缺少值"),
    ("radix must be lowercase", "进制前缀须小写"),
    ("redundant integer number prefix", "多余的整数前缀"),
    ("redundant numeric sign", "多余的正负号"),
    ("string values must be quoted", "文字须用英文双引号括起"),
    ("too few unicode value digits", "Unicode 转义的位数不够"),
    ("unclosed array table", "表数组的名称未闭合"),
    ("unclosed array", "列表未闭合"),
    ("unclosed inline table", "内联表未闭合"),
    ("unclosed table", "表名未闭合"),
    ("unexpected `=` in array", "列表中出现了 `=`"),
    (
        "unexpected content between comment and newline",
        "注释与换行之间有多余内容",
    ),
    ("unexpected content", "多余的内容"),
    ("unexpected key or value", "此处不应有键或值"),
    ("unexpected leading zero", "数字不能以 0 开头"),
    ("unexpected sign", "此处不应有正负号"),
    ("unquoted keys cannot be empty", "不加引号的键不能为空"),
    // Dates and times (`invalid WHAT`).
    ("invalid date", "日期无效"),
    ("invalid time", "时间无效"),
    ("invalid datetime", "日期时间无效"),
    ("invalid offset", "时区无效"),
    ("invalid year", "年份无效"),
    ("invalid month", "月份无效"),
    ("invalid day", "日无效"),
    ("invalid hour", "小时无效"),
    ("invalid minute", "分钟无效"),
    ("invalid second", "秒无效"),
    ("invalid nanosecond", "秒的小数部分无效"),
];

/// The parser's descriptions of what it expected, and their Chinese.
const EXPECTED: &[(&str, &str)] = &[
    ("nothing", "无内容"),
    ("newline", "换行"),
    ("basic string", "字符串"),
    ("characters", "字符"),
    ("digits", "数字"),
    ("key", "键"),
    ("letters", "字母"),
    ("literal string", "单引号字符串"),
    ("multi-line basic string", "多行字符串"),
    (
        "non-double-quote visible characters",
        "双引号以外的可见字符",
    ),
    ("non-single-quote characters", "单引号以外的字符"),
    (
        "non-single-quote visible characters",
        "单引号以外的可见字符",
    ),
    ("numbers", "数字"),
    ("printable characters", "可打印字符"),
    ("unicode hexadecimal value", "十六进制的 Unicode 码"),
    ("value", "值"),
    ("a four-digit year (YYYY)", "四位数的年份（YYYY）"),
    ("a two-digit month (MM)", "两位数的月份（MM）"),
    ("a two-digit day (DD)", "两位数的日（DD）"),
    ("a two-digit hour (HH)", "两位数的小时（HH）"),
    ("a two-digit minute (MM)", "两位数的分钟（MM）"),
    ("a two-digit second (SS)", "两位数的秒（SS）"),
    ("`-` (MM-DD)", "`-`（MM-DD）"),
    (
        "`-` (YYYY-MM) or `:` (HH:MM)",
        "`-`（YYYY-MM）或 `:`（HH:MM）",
    ),
    ("`:` (HH:MM)", "`:`（HH:MM）"),
    ("`T` between date and time", "日期与时间之间的 `T`"),
    ("`Z`", "`Z`"),
    ("+OFFSET", "+时区"),
    ("-OFFSET", "-时区"),
    ("year or hour", "年份或小时"),
];

/// Units of a date or time, for `day between 01 and 29`.
const UNITS: &[(&str, &str)] = &[
    ("month", "月份"),
    ("day", "日"),
    ("hour", "小时"),
    ("hours", "小时"),
    ("minute", "分钟"),
    ("minutes", "分钟"),
    ("second", "秒"),
];

/// The Chinese of one message of the TOML parser (first line only).
pub(super) fn syntax_zh(message: &str) -> String {
    let (what, expected) = match message.split_once(", expected ") {
        Some((what, expected)) => (what, Some(expected)),
        None => (message, None),
    };
    let Some(what) = lookup(DESCRIPTIONS, what) else {
        return "此处不符合 TOML 语法".to_string();
    };
    match expected.map(expected_zh) {
        Some(Some(items)) => format!("{what}，此处应为{items}"),
        _ => what.to_string(),
    }
}

/// `newline, `#`` → `换行、`#``; `None` when an item is not known.
fn expected_zh(list: &str) -> Option<String> {
    let items: Option<Vec<String>> = split_items(list).into_iter().map(item_zh).collect();
    Some(items?.join("、"))
}

/// Splits `a, `,`, b` at the commas between items (a comma inside backticks is a literal).
fn split_items(list: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let (mut start, mut in_literal) = (0, false);
    for (i, c) in list.char_indices() {
        match c {
            '`' => in_literal = !in_literal,
            ',' if !in_literal && list[i..].starts_with(", ") => {
                items.push(&list[start..i]);
                start = i + 2;
            }
            _ => {}
        }
    }
    items.push(&list[start..]);
    items
}

fn item_zh(item: &str) -> Option<String> {
    if let Some(zh) = lookup(EXPECTED, item) {
        return Some(zh.to_string());
    }
    // A literal: shown as it is.
    if item.len() >= 2 && item.starts_with('`') && item.ends_with('`') || item == "'`'" {
        return Some(item.to_string());
    }
    // `day between 01 and 29`
    let (unit, range) = item.split_once(" between ")?;
    let (low, high) = range.split_once(" and ")?;
    let unit = lookup(UNITS, unit)?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (digits(low) && digits(high)).then(|| format!("{low}至{high}之间的{unit}"))
}

fn lookup(table: &[(&str, &'static str)], en: &str) -> Option<&'static str> {
    table.iter().find(|(e, _)| *e == en).map(|&(_, zh)| zh)
}

#[cfg(test)]
mod tests {
    use super::syntax_zh;

    #[test]
    fn the_parsers_messages_are_said_in_chinese() {
        let cases = [
            (
                "invalid date, expected day between 01 and 29",
                "日期无效，此处应为01至29之间的日",
            ),
            (
                "key with no value, expected `=`",
                "键后面没有值，此处应为`=`",
            ),
            (
                "unexpected key or value, expected newline, `#`",
                "此处不应有键或值，此处应为换行、`#`",
            ),
            ("extra `=`, expected nothing", "多余的 `=`，此处应为无内容"),
            ("unclosed table, expected `]`", "表名未闭合，此处应为`]`"),
            (
                "missing comma between array elements, expected `,`, `]`",
                "列表元素之间缺少逗号，此处应为`,`、`]`",
            ),
            ("duplicate key", "重复的键"),
            ("recursion limit", "嵌套层数过多"),
            (
                "cannot recurse further; max recursion depth met",
                "嵌套层数过多",
            ),
            // Unknown phrases never come through in English.
            ("a phrase of a newer parser", "此处不符合 TOML 语法"),
            ("invalid value, expected something new", "值无效"),
        ];
        for (en, zh) in cases {
            assert_eq!(syntax_zh(en), zh, "{en}");
        }
    }

    /// Every phrase the parser has: none may come out with an English word.
    #[test]
    fn every_known_phrase_is_chinese() {
        for (_, zh) in super::DESCRIPTIONS.iter().chain(super::EXPECTED) {
            let outside_code: String = zh.split('`').step_by(2).collect();
            assert!(
                !outside_code
                    .split(|c: char| !c.is_ascii_alphabetic())
                    .any(|w| w.len() > 1
                        && ![
                            "TOML", "Unicode", "true", "false", "YYYY", "MM", "DD", "HH", "SS"
                        ]
                        .contains(&w)),
                "{zh}"
            );
        }
    }
}
